//! Application Auto Scaling and EventBridge Scheduler: a service's scaling, a workload's
//! schedule. Both are compared on what the application sets (the APIs add `CreationTime`,
//! ARNs and defaults); what exists beyond it (a policy the application does not name) is left
//! alone.

use ecs_model::Reference;
use ecs_model::scaling::{PredefinedMetricType, ScalingPolicy, ServiceScaling};
use ecs_model::schedule::Schedule;
use serde_json::Value;

use super::compare::{Rules, compare};
use super::{Change, Op, Planner, Step, json};
use crate::resource::Resource;

/// `ResourceId` `service/<cluster>/<service>` as its cluster and service.
fn service_of(resource_id: &str) -> (String, String) {
    let mut parts = resource_id.splitn(3, '/').skip(1);
    let cluster = parts.next().unwrap_or_default().to_owned();
    let service = parts.next().unwrap_or_default().to_owned();
    (cluster, service)
}

/// The load balancer and target group whose ARNs make an `ALBRequestCountPerTarget` policy's
/// `ResourceLabel`, when it names a target group of the application.
pub(crate) fn label_parts(
    app: &ecs_model::Application,
    policy: &ScalingPolicy,
) -> Option<(String, String)> {
    let spec = policy
        .target_tracking_scaling_policy_configuration
        .as_ref()?
        .predefined_metric_specification
        .as_ref()?;
    if spec.predefined_metric_type != PredefinedMetricType::ALBRequestCountPerTarget {
        return None;
    }
    let Some(Reference::TargetGroup(tg)) = Reference::parse(spec.resource_label.as_deref()?) else {
        return None;
    };
    let lb = app
        .load_balancers_forwarding_to(&tg)
        .first()?
        .name
        .to_string();
    Some((lb, tg))
}

/// `app/<lb>/<id>/targetgroup/<tg>/<id>` from the load balancer's and target group's ARNs.
pub(crate) fn resource_label(lb_arn: &str, tg_arn: &str) -> Option<String> {
    let lb = lb_arn.split_once(":loadbalancer/")?.1;
    let tg = tg_arn.split_once(":targetgroup/")?.1;
    Some(format!("{lb}/targetgroup/{tg}"))
}

impl Planner<'_> {
    /// `policy` with its request-count label written from the ARNs known now, if any.
    fn labelled(&self, policy: &ScalingPolicy) -> (ScalingPolicy, Option<(String, String)>) {
        let parts = label_parts(self.app, policy);
        let mut policy = policy.clone();
        if let Some((lb, tg)) = &parts {
            let ids = (
                self.ids.get(&Reference::load_balancer(lb)),
                self.ids.get(&Reference::target_group(tg)),
            );
            if let (Some(lb_arn), Some(tg_arn)) = ids
                && let Some(label) = resource_label(lb_arn, tg_arn)
                && let Some(spec) = policy
                    .target_tracking_scaling_policy_configuration
                    .as_mut()
                    .and_then(|c| c.predefined_metric_specification.as_mut())
            {
                spec.resource_label = Some(label.into());
            }
        }
        (policy, parts)
    }

    /// A service's scaling: registered (which also updates the bounds), and each policy and
    /// scheduled action put, when new or different.
    pub(super) fn scaling(&mut self, scaling: &ServiceScaling) {
        let (cluster, service) = service_of(&scaling.target.resource_id);
        let resource = Resource::Scaling { cluster, service };
        let found = self
            .observed
            .scaling
            .get(scaling.target.resource_id.as_str())
            .filter(|d| d.target.is_some());
        let target = Op::RegisterScalableTarget(Box::new(scaling.target.clone()));
        let policies: Vec<(Op, &str)> = scaling
            .policies
            .iter()
            .map(|p| {
                let (policy, label) = self.labelled(p);
                let op = Op::PutScalingPolicy {
                    policy: Box::new(policy),
                    label,
                };
                (op, p.policy_name.as_str())
            })
            .collect();
        let actions = scaling.scheduled_actions.iter().map(|a| {
            (
                Op::PutScheduledAction(Box::new(a.clone())),
                a.scheduled_action_name.as_str(),
            )
        });
        let Some(found) = found else {
            let mut ops = vec![target];
            ops.extend(policies.into_iter().map(|(op, _)| op));
            ops.extend(actions.map(|(op, _)| op));
            self.push(Step::create(resource, ops));
            return;
        };
        let mut changes = Vec::new();
        let mut ops = Vec::new();
        let rules = Rules {
            ignored: &["Tags", "RoleARN"],
            ..Rules::new("scalable target")
        };
        let target_changes = compare(
            found.target.as_ref().unwrap_or(&Value::Null),
            &json(&scaling.target),
            &rules,
        )
        .changes;
        if !target_changes.is_empty() {
            ops.push(target);
        }
        changes.extend(under("ScalableTarget", target_changes));
        let named =
            |items: &[Value], key: &str, name: &str| items.iter().find(|i| i[key] == name).cloned();
        for (op, name) in policies {
            let Op::PutScalingPolicy { policy, .. } = &op else {
                continue;
            };
            let before = named(&found.policies, "PolicyName", name);
            let after = json(policy.as_ref());
            let differs = compare_or_new(
                before.as_ref(),
                &after,
                &format!("ScalingPolicies.{name}"),
                &mut changes,
            );
            if differs {
                ops.push(op);
            }
        }
        for (op, name) in actions {
            let Op::PutScheduledAction(action) = &op else {
                continue;
            };
            let before = named(&found.scheduled_actions, "ScheduledActionName", name);
            let after = json(action.as_ref());
            let differs = compare_or_new(
                before.as_ref(),
                &after,
                &format!("ScheduledActions.{name}"),
                &mut changes,
            );
            if differs {
                ops.push(op);
            }
        }
        self.push(Step::compared(resource, changes, ops, Vec::new()));
    }

    /// A schedule: created (in its group, created first and marked if missing), or updated
    /// as a whole (`UpdateSchedule` replaces the definition) when what it sets differs.
    pub(super) fn schedule(&mut self, schedule: &Schedule) {
        let group = schedule.group().to_owned();
        let resource = Resource::Schedule {
            group: group.clone(),
            name: schedule.name.to_string(),
        };
        let mut desired = json(schedule);
        self.ids.resolve(&mut desired);
        let key = format!("{group}/{}", schedule.name);
        let Some(found) = self.observed.schedules.get(&key) else {
            let mut ops = Vec::new();
            if !self.observed.schedule_groups.contains_key(&group) && group != "default" {
                ops.push(Op::CreateScheduleGroup(group));
            }
            ops.push(Op::CreateSchedule(Box::new(schedule.clone())));
            self.push(Step::create(resource, ops));
            return;
        };
        let rules = Rules {
            ignored: &["ClientToken"],
            ..Rules::new("schedule")
        };
        let comparison = compare(found, &desired, &rules);
        let ops = super::when_changed(&comparison.changes, || {
            Op::UpdateSchedule(Box::new(schedule.clone()))
        });
        self.push(Step::compared(
            resource,
            comparison.changes,
            ops,
            Vec::new(),
        ));
    }
}

/// `changes` with their paths under `prefix`.
fn under(prefix: &str, changes: Vec<Change>) -> Vec<Change> {
    let prefix = ecs_model::JsonPath::parse(prefix).unwrap_or_default();
    changes
        .into_iter()
        .map(|c| Change::new(prefix.clone().join(&c.path), c.before, c.after))
        .collect()
}

/// Adds the changes from `before` (or its creation, when absent) to `after`, under `prefix`;
/// whether there are any.
fn compare_or_new(
    before: Option<&Value>,
    after: &Value,
    prefix: &str,
    changes: &mut Vec<Change>,
) -> bool {
    let Some(before) = before else {
        let prefix = ecs_model::JsonPath::parse(prefix).unwrap_or_default();
        changes.push(Change::new(prefix, None, Some(after.clone())));
        return true;
    };
    let found = compare(before, after, &Rules::new("scaling")).changes;
    let differs = !found.is_empty();
    changes.extend(under(prefix, found));
    differs
}
