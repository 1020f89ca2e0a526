//! Evaluating an identity policy for one request: what IAM decides from the document alone.
//!
//! It follows IAM's policy evaluation logic for a single identity-based policy: an explicit
//! `Deny` wins, then an `Allow`, else the request is implicitly denied. `Action`/`NotAction` match
//! case-insensitively, `Resource`/`NotResource` case-sensitively, both with `*` and `?`. Conditions
//! are evaluated against the request's context with the operators ECS policies use; an operator
//! it does not know never holds, so an unknown condition cannot make a request look allowed.
//! Principals, permission boundaries, SCPs and resource policies are outside its scope.

use std::collections::BTreeMap;

use super::policy::{Effect, PolicyDocument, Statement, Values, glob, wildcard_match};

/// One request: an action on a resource, with the condition keys IAM would set for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Request {
    /// `service:Action`, as IAM names it (`ecs:CreateService`).
    pub action: String,
    /// The resource's ARN, or `*` for actions without a resource type.
    pub resource: String,
    /// Condition keys (`iam:PassedToService`, `ecs:cluster`) and their values.
    pub context: BTreeMap<String, Vec<String>>,
}

impl Request {
    /// `action` on `resource`, with an empty context.
    pub fn new(action: impl Into<String>, resource: impl Into<String>) -> Self {
        Self {
            action: action.into(),
            resource: resource.into(),
            context: BTreeMap::new(),
        }
    }

    /// Sets condition key `key` (keys are case-insensitive in IAM; stored as given).
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.context
            .entry(key.into())
            .or_default()
            .push(value.into());
        self
    }

    fn values(&self, key: &str) -> Option<&[String]> {
        self.context
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_slice())
    }
}

/// What IAM decides for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// A statement allows it and none denies it.
    Allow,
    /// A statement denies it.
    ExplicitDeny,
    /// No statement allows it.
    ImplicitDeny,
}

impl PolicyDocument {
    /// IAM's decision for `request` from this document alone.
    #[must_use]
    pub fn evaluate(&self, request: &Request) -> Decision {
        let mut allowed = false;
        for statement in self.statements.iter().filter(|s| s.applies_to(request)) {
            match statement.effect {
                Effect::Deny => return Decision::ExplicitDeny,
                Effect::Allow => allowed = true,
            }
        }
        if allowed {
            Decision::Allow
        } else {
            Decision::ImplicitDeny
        }
    }

    /// Whether this document allows `request`.
    #[must_use]
    pub fn allows(&self, request: &Request) -> bool {
        self.evaluate(request) == Decision::Allow
    }
}

impl Statement {
    /// Whether the statement's action, resource and conditions all match `request`.
    fn applies_to(&self, request: &Request) -> bool {
        let action = |patterns: &Values| {
            patterns
                .as_slice()
                .iter()
                .any(|p| wildcard_match(p, &request.action))
        };
        let resource = |patterns: &Values| {
            patterns
                .as_slice()
                .iter()
                .any(|p| glob(p, &request.resource, |a, b| a == b))
        };
        let action_matches = if self.not_action.as_slice().is_empty() {
            action(&self.action)
        } else {
            !action(&self.not_action)
        };
        let resource_matches = if self.not_resource.as_slice().is_empty() {
            resource(&self.resource)
        } else {
            !resource(&self.not_resource)
        };
        action_matches
            && resource_matches
            && self.condition.iter().all(|(operator, keys)| {
                keys.iter()
                    .all(|(key, values)| condition(operator, request.values(key), values))
            })
    }
}

/// Whether condition `operator` holds for the request's values of a key (`None`: the key is
/// absent) against the policy's `expected` values.
fn condition(operator: &str, actual: Option<&[String]>, expected: &Values) -> bool {
    let expected = expected.as_slice();
    if operator == "Null" {
        // `"Null": {"key": "true"}`: the key is absent.
        let absent = actual.is_none_or(<[String]>::is_empty);
        return expected
            .iter()
            .any(|e| e == if absent { "true" } else { "false" });
    }
    let (set, operator) = if let Some(rest) = operator.strip_prefix("ForAnyValue:") {
        (Some(true), rest)
    } else if let Some(rest) = operator.strip_prefix("ForAllValues:") {
        (Some(false), rest)
    } else {
        (None, operator)
    };
    let (operator, if_exists) = match operator.strip_suffix("IfExists") {
        Some(base) => (base, true),
        None => (operator, false),
    };
    let Some(actual) = actual.filter(|values| !values.is_empty()) else {
        // An absent key: `…IfExists` and `ForAllValues:` hold, everything else does not.
        return if_exists || set == Some(false);
    };
    let Some((negated, matches)) = operator_fn(operator) else {
        return false;
    };
    let one = |value: &str| {
        let any = expected.iter().any(|e| matches(e, value));
        any != negated
    };
    match set {
        Some(false) => actual.iter().all(|v| one(v)),
        // A single-valued key is one value: any of them (IAM's behaviour for multi-valued keys
        // without a set operator is the same as `ForAnyValue`).
        Some(true) | None => actual.iter().any(|v| one(v)),
    }
}

type Matcher = fn(&str, &str) -> bool;

/// Whether an operator negates, and how it compares a policy value with a request value.
fn operator_fn(operator: &str) -> Option<(bool, Matcher)> {
    let found: (bool, Matcher) = match operator {
        "StringEquals" => (false, |e, v| e == v),
        "StringNotEquals" => (true, |e, v| e == v),
        "StringEqualsIgnoreCase" => (false, |e, v| e.eq_ignore_ascii_case(v)),
        "StringNotEqualsIgnoreCase" => (true, |e, v| e.eq_ignore_ascii_case(v)),
        "StringLike" => (false, |e, v| glob(e, v, |a, b| a == b)),
        "StringNotLike" => (true, |e, v| glob(e, v, |a, b| a == b)),
        "ArnEquals" | "ArnLike" => (false, arn_like),
        "ArnNotEquals" | "ArnNotLike" => (true, arn_like),
        "Bool" => (false, |e, v| e.eq_ignore_ascii_case(v)),
        _ => return None,
    };
    Some(found)
}

/// `ArnLike`: the six parts of the ARN each match, so a `*` does not cross a `:` before the
/// resource part.
fn arn_like(pattern: &str, arn: &str) -> bool {
    let pattern: Vec<&str> = pattern.splitn(6, ':').collect();
    let arn: Vec<&str> = arn.splitn(6, ':').collect();
    pattern.len() == 6
        && arn.len() == 6
        && pattern
            .iter()
            .zip(&arn)
            .all(|(p, a)| glob(p, a, |x, y| x == y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(json: &str) -> PolicyDocument {
        PolicyDocument::from_json(json).unwrap()
    }

    #[test]
    fn deny_wins_then_allow_then_nothing() {
        let policy = doc(r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"ecs:*","Resource":"arn:aws:ecs:us-east-1:1:service/web/*"},
            {"Effect":"Deny","Action":"ecs:DeleteService","Resource":"*"}]}"#);
        let service = "arn:aws:ecs:us-east-1:1:service/web/api";
        assert_eq!(
            policy.evaluate(&Request::new("ecs:UpdateService", service)),
            Decision::Allow
        );
        assert_eq!(
            policy.evaluate(&Request::new("ECS:updateservice", service)),
            Decision::Allow,
            "actions ignore case"
        );
        assert_eq!(
            policy.evaluate(&Request::new("ecs:DeleteService", service)),
            Decision::ExplicitDeny
        );
        assert_eq!(
            policy.evaluate(&Request::new(
                "ecs:UpdateService",
                "arn:aws:ecs:us-east-1:1:service/other/api"
            )),
            Decision::ImplicitDeny
        );
        assert!(
            !policy.allows(&Request::new(
                "ecs:UpdateService",
                "arn:aws:ecs:us-east-1:1:service/WEB/api"
            )),
            "resources keep their case"
        );
    }

    #[test]
    fn not_action_and_not_resource() {
        let policy = doc(r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::secret/*"}]}"#);
        assert!(policy.allows(&Request::new("ecs:ListClusters", "*")));
        assert!(!policy.allows(&Request::new("iam:PassRole", "*")));
        assert!(!policy.allows(&Request::new("s3:GetObject", "arn:aws:s3:::secret/x")));
    }

    #[test]
    fn conditions() {
        let policy = doc(r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"*",
             "Condition":{"StringEquals":{"iam:PassedToService":"ecs-tasks.amazonaws.com"}}},
            {"Effect":"Allow","Action":"ecs:RunTask","Resource":"*",
             "Condition":{"ArnEquals":{"ecs:cluster":"arn:aws:ecs:*:1:cluster/web"}}},
            {"Effect":"Allow","Action":"ecs:TagResource","Resource":"*",
             "Condition":{"StringEqualsIfExists":{"ecs:CreateAction":"RunTask"},
                          "ForAllValues:StringLike":{"aws:TagKeys":["app*"]}}},
            {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*",
             "Condition":{"Null":{"aws:RequestTag/app":"false"},
                          "StringWeird":{"k":"v"}}}]}"#);
        let pass = Request::new("iam:PassRole", "arn:aws:iam::1:role/r");
        assert!(!policy.allows(&pass), "no context: the key is absent");
        assert!(
            policy.allows(
                &pass
                    .clone()
                    .with("iam:PassedToService", "ecs-tasks.amazonaws.com")
            )
        );
        assert!(!policy.allows(&pass.with("iam:passedtoservice", "ec2.amazonaws.com")));
        let run = Request::new(
            "ecs:RunTask",
            "arn:aws:ecs:us-east-1:1:task-definition/web:3",
        );
        assert!(
            policy.allows(
                &run.clone()
                    .with("ecs:cluster", "arn:aws:ecs:eu-west-1:1:cluster/web")
            )
        );
        assert!(!policy.allows(&run.with("ecs:cluster", "arn:aws:ecs:eu-west-1:1:cluster/web/x")));
        let tag = Request::new("ecs:TagResource", "*");
        assert!(
            policy.allows(&tag),
            "IfExists and ForAllValues hold for absent keys"
        );
        assert!(
            policy.allows(
                &tag.clone()
                    .with("aws:TagKeys", "app")
                    .with("aws:TagKeys", "app-env")
            )
        );
        assert!(
            !policy.allows(
                &tag.clone()
                    .with("aws:TagKeys", "app")
                    .with("aws:TagKeys", "owner")
            )
        );
        assert!(!policy.allows(&tag.with("ecs:CreateAction", "CreateService")));
        let instances = Request::new("ec2:RunInstances", "*").with("aws:RequestTag/app", "web");
        assert!(
            !policy.allows(&instances),
            "an operator it does not know never holds"
        );
    }
}
