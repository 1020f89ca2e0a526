//! The one comparison every resource's step makes: what the application wants against what
//! exists, split into the changes an update call makes and the ones that block the plan.
//!
//! [`task_definitions`] and [`services`] are that comparison without AWS: a desired definition
//! against one ECS described (a saved `describe-task-definition` or `describe-services`
//! answer, read with [`TaskDefinition::from_json`] and [`Service::from_describe_json`]).
//! `ecs-deploy diff --observed FILE` prints them.

use ecs_model::service::Service;
use ecs_model::{JsonPath, TaskDefinition};
use serde_json::Value;

use super::diff::{Absent, Change, diff};
use super::{json, normalize};

/// What deploying `desired` changes in the task definition ECS describes as `observed`: both
/// normalised as ECS stores a registration (its documented defaults, see the plan's docs), a
/// member `desired` leaves out is one to remove. No change means no new revision.
#[must_use]
pub fn task_definitions(desired: &TaskDefinition, observed: &TaskDefinition) -> Vec<Change> {
    task_definition_comparison(observed, desired).changes
}

pub(crate) fn task_definition_comparison(
    found: &TaskDefinition,
    desired: &TaskDefinition,
) -> Comparison {
    let (mut before, mut after) = (json(found), json(desired));
    normalize::task_definition(&mut before);
    normalize::task_definition(&mut after);
    let rules = Rules {
        absent: Absent::Removed,
        ..Rules::new("task definition")
    };
    compare(&before, &after, &rules)
}

/// What deploying `desired` changes in the service ECS describes as `observed`: the members
/// `desired` sets (`UpdateService` keeps the others), including those only a new service could
/// change (`ECS-J16`, which the plan blocks). `cluster` and `role` compare by name, tags and
/// the subnets and security groups of `awsvpcConfiguration` as sets, and `taskDefinition` by
/// family and revision: a family without a revision matches any revision of it (the plan,
/// which knows whether it registers one, says which).
#[must_use]
pub fn services(desired: &Service, observed: &Service) -> Vec<Change> {
    let mut before = json(observed);
    normalize::service(&mut before);
    let mut after = json(desired);
    normalize::service(&mut after);
    // `family:revision` of an ARN (`…:task-definition/web:7`), a name as it is.
    let name = |text: &str| text.rsplit('/').next().unwrap_or(text).to_owned();
    let described = observed.task_definition.as_deref().map(name);
    if let Some(described) = described {
        before["taskDefinition"] = Value::String(described.clone());
        let wanted = desired.task_definition.as_deref().map(name);
        if let Some(wanted) = wanted {
            let family_of_described = crate::revisions::family_and_revision(&described)
                .is_some_and(|(family, _)| family == wanted);
            after["taskDefinition"] = Value::String(if family_of_described {
                described
            } else {
                wanted
            });
        }
    }
    service_comparison(&before, &after).changes
}

/// The comparison of a service's normalised JSON with what exists.
pub(crate) fn service_comparison(found: &Value, desired: &Value) -> Comparison {
    let rules = Rules {
        create_only: Service::CREATE_ONLY,
        rule: Some("ECS-J16"),
        // ECS never describes the token a service was created with.
        ignored: &["clientToken"],
        ..Rules::new("service")
    };
    compare(found, desired, &rules)
}

/// What an API lets change on an existing resource, for [`compare`].
pub(crate) struct Rules<'a> {
    /// The resource in the plan's words: `target group`.
    pub(crate) what: &'a str,
    /// How a member the desired document leaves out reads.
    pub(crate) absent: Absent,
    /// JSON paths only the resource's `Create…` call sets (the model's `CREATE_ONLY`).
    pub(crate) create_only: &'a [&'a str],
    /// The catalog rule that says so, if there is one (`ECS-J16`).
    pub(crate) rule: Option<&'a str>,
    /// When set, the only top-level members ecs-deploy changes on an existing resource: a
    /// change elsewhere blocks the plan.
    pub(crate) changeable: Option<&'a [&'a str]>,
    /// JSON paths ecs-deploy does not change yet, with why.
    pub(crate) unsupported: &'a [(&'a str, &'a str)],
    /// JSON paths left out: not described by AWS, or compared by another step.
    pub(crate) ignored: &'a [&'a str],
}

impl<'a> Rules<'a> {
    /// The rules of a resource whose every member changes in place, and whose members the
    /// application leaves out are not managed; the other fields narrow it.
    pub(crate) const fn new(what: &'a str) -> Self {
        Self {
            what,
            absent: Absent::Unmanaged,
            create_only: &[],
            rule: None,
            changeable: None,
            unsupported: &[],
            ignored: &[],
        }
    }
}

/// The JSON paths of a rule list, read once per comparison. The lists are constants of the model
/// and of ecs-deploy; one that does not read is a bug the tests catch.
fn paths<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<JsonPath> {
    texts
        .into_iter()
        .filter_map(|text| {
            let path = JsonPath::parse(text);
            debug_assert!(path.is_ok(), "not a JSON path: {text}");
            path.ok()
        })
        .collect()
}

/// The outcome of [`compare`]: every change, and the ones among them that block the plan with
/// why. A blocked change stays among the changes, so the plan shows what differs.
#[derive(Debug, Default)]
pub(crate) struct Comparison {
    pub(crate) changes: Vec<Change>,
    pub(crate) blocked: Vec<(Change, String)>,
}

impl Comparison {
    /// Whether a change lies at or under the top-level member `key`.
    pub(crate) fn touches(&self, key: &str) -> bool {
        self.changes.iter().any(|c| c.top() == key)
    }
}

/// The changes that make `found` (what exists) into `desired`, under `rules`.
pub(crate) fn compare(found: &Value, desired: &Value, rules: &Rules<'_>) -> Comparison {
    let ignored = paths(rules.ignored.iter().copied());
    let create_only = paths(rules.create_only.iter().copied());
    let unsupported = paths(rules.unsupported.iter().map(|(path, _)| *path));
    let within = |paths: &[JsonPath], path: &JsonPath| paths.iter().any(|p| path.starts_with(p));
    let mut out = Comparison::default();
    for change in diff(found, desired, rules.absent) {
        if within(&ignored, &change.path) {
            continue;
        }
        let reason = if within(&create_only, &change.path) {
            let rule = rules.rule.map(|r| format!(" ({r})")).unwrap_or_default();
            Some(format!(
                "`{}` is set when the {what} is created{rule}: delete the {what} to change it, or keep the current value",
                change.path,
                what = rules.what
            ))
        } else if let Some(i) = unsupported.iter().position(|p| change.path.starts_with(p)) {
            Some(rules.unsupported[i].1.to_owned())
        } else if rules
            .changeable
            .is_some_and(|keys| !keys.contains(&change.top()))
        {
            Some(format!(
                "ecs-deploy does not change `{}` of an existing {}",
                change.path, rules.what
            ))
        } else {
            None
        };
        if let Some(reason) = reason {
            out.blocked.push((change.clone(), reason));
        }
        out.changes.push(change);
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn create_only_and_unsupported_members_block_the_rest_change() {
        let found =
            json!({"Port": 80, "HealthCheckPath": "/", "Tags": [1], "Nested": {"Arn": "a"}});
        let desired = json!({"Port": 8080, "HealthCheckPath": "/health", "Tags": [2], "Nested": {"Arn": "b"}});
        let rules = Rules {
            create_only: &["Port", "Nested.Arn"],
            ignored: &["Tags"],
            ..Rules::new("target group")
        };
        let out = compare(&found, &desired, &rules);
        let paths: Vec<String> = out.changes.iter().map(|c| c.path.to_string()).collect();
        assert_eq!(paths, ["Port", "HealthCheckPath", "Nested.Arn"]);
        let blocked: Vec<String> = out
            .blocked
            .iter()
            .map(|(c, _)| c.path.to_string())
            .collect();
        assert_eq!(blocked, ["Port", "Nested.Arn"]);
        assert!(
            out.blocked[1]
                .1
                .contains("set when the target group is created")
        );
        assert!(out.touches("HealthCheckPath") && !out.touches("Tags"));

        let only = Rules {
            changeable: Some(&["Port"]),
            ..Rules::new("load balancer")
        };
        let out = compare(&found, &desired, &only);
        assert_eq!(out.blocked.len(), 3, "{:?}", out.blocked);
        assert!(out.blocked[0].1.starts_with("ecs-deploy does not change"));
    }
}
