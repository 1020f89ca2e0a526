//! Roles, instance profiles and policy documents (section L).

use std::collections::HashSet;

use crate::JsonPath;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Findings;
use crate::iam::{Effect, InstanceProfile, PolicyDocument, Role, Statement, wildcard_match};
use crate::path::json_path;
use crate::validate::rules;
use crate::words::quoted;

impl Role {
    /// Every problem (`ECS-L5` limits, policy syntax, wildcards).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        role(self)
    }
}

impl InstanceProfile {
    /// Every problem (`ECS-L5` name limits).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        instance_profile(self)
    }
}

impl PolicyDocument {
    /// Every problem (`ECS-L5`: syntax, sizes, wildcards).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        policy(self, PolicyKind::Identity)
    }
}

/// What a policy document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PolicyKind {
    /// Attached to a principal: needs `Resource`, no `Principal`.
    Identity,
    /// A role's trust policy: needs `Principal`, no `Resource`.
    Trust,
}

/// Actions that take no resource ARN: `"Resource": "*"` is the only way to grant them.
const RESOURCELESS: &[&str] = &[
    "ecr:GetAuthorizationToken",
    "logs:DescribeLogGroups",
    "ec2:Describe*",
    "elasticloadbalancing:Describe*",
    "ecs:RegisterTaskDefinition",
    "ecs:DeregisterTaskDefinition",
    "ecs:DeleteTaskDefinitions",
    "ecs:DescribeTaskDefinition",
    "ecs:ListTaskDefinitions",
    "ecs:ListTaskDefinitionFamilies",
    "ecs:ListClusters",
    "ecs:CreateCluster",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
    "sts:GetCallerIdentity",
    "cloudwatch:PutMetricData",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
];

fn name_ok(name: &str, max: usize) -> bool {
    !name.is_empty()
        && name.len() <= max
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b))
}

fn path_ok(path: &str) -> bool {
    path == "/"
        || (path.len() <= 512
            && path.starts_with('/')
            && path.ends_with('/')
            && path.bytes().all(|b| (0x21..=0x7e).contains(&b)))
}

/// Whether `action` is `*` or `service:Action` with IAM's characters.
fn action_ok(action: &str) -> bool {
    if action == "*" {
        return true;
    }
    let Some((service, name)) = action.split_once(':') else {
        return false;
    };
    !service.is_empty()
        && service
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'*' || b == b'?')
}

pub(crate) fn policy(document: &PolicyDocument, kind: PolicyKind) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    check_policy(&mut out, document, kind, &JsonPath::root());
    out.into_vec()
}

fn check_policy(out: &mut Findings, document: &PolicyDocument, kind: PolicyKind, at: &JsonPath) {
    match document.version.as_deref() {
        Some("2012-10-17") => {}
        Some("2008-10-17") => out.report(
            &rules::L5_WILDCARD,
            at.clone().key("Version"),
            "2008-10-17 lacks policy variables; use 2012-10-17",
        ),
        Some(other) => out.report(
            &rules::L5,
            at.clone().key("Version"),
            format!("{}; use 2012-10-17", quoted(other)),
        ),
        None => out.report(
            &rules::L5_WILDCARD,
            at.clone().key("Version"),
            "missing; IAM then reads it as 2008-10-17",
        ),
    }
    if document.statements.is_empty() {
        out.report(&rules::L5, at.clone().key("Statement"), "no statement");
    }
    let text = document.to_json();
    if text.len() > 131_072 {
        out.report(
            &rules::L5,
            at.clone(),
            format!("{} characters; a policy takes at most 131,072", text.len()),
        );
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !matches!(*c, '\t' | '\n' | '\r' | '\u{20}'..='\u{ff}'))
    {
        out.report(
            &rules::L5,
            at.clone(),
            format!("contains {bad:?}; policies take tab, newline and U+0020–U+00FF"),
        );
    }
    let mut sids = HashSet::new();
    for (i, s) in document.statements.iter().enumerate() {
        let at = at.clone().key("Statement").index(i);
        if let Some(sid) = &s.sid {
            if !sids.insert(sid.as_str()) {
                out.report(
                    &rules::L5,
                    at.clone().key("Sid"),
                    format!("{} is used twice", quoted(sid)),
                );
            }
        }
        statement(out, s, &at);
        match kind {
            PolicyKind::Identity => identity_statement(out, s, &at),
            PolicyKind::Trust => trust_statement(out, s, &at),
        }
    }
}

/// `ECS-L5`: a statement of any policy: its Sid and actions.
fn statement(out: &mut Findings, s: &Statement, at: &JsonPath) {
    if let Some(sid) = &s.sid {
        if !sid.bytes().all(|b| b.is_ascii_alphanumeric()) {
            out.report(
                &rules::L5,
                at.clone().key("Sid"),
                format!(
                    "{} has characters a Sid cannot (letters and digits only)",
                    quoted(sid)
                ),
            );
        }
    }
    if s.action.as_slice().is_empty() && s.not_action.as_slice().is_empty() {
        out.report(&rules::L5, at.clone(), "neither `Action` nor `NotAction`");
    }
    for (j, action) in s.action.as_slice().iter().enumerate() {
        let action_at = at.clone().key("Action").index(j);
        if !action_ok(action) {
            out.report(
                &rules::L5,
                action_at,
                format!("{} is not `service:Action`", quoted(action)),
            );
        } else if s.effect == Effect::Allow && (action == "*" || action.ends_with(":*")) {
            out.report(
                &rules::L5_WILDCARD,
                action_at,
                format!(
                    "{} allows every action{}",
                    quoted(action),
                    if action == "*" { "" } else { " of the service" }
                ),
            );
        }
    }
}

/// `ECS-L5`, `L4`: a statement of a role's permissions.
fn identity_statement(out: &mut Findings, s: &Statement, at: &JsonPath) {
    if s.principal.is_some() {
        out.report(
            &rules::L5,
            at.clone().key("Principal"),
            "an identity policy names no principal",
        );
    }
    if s.resource.as_slice().is_empty() && s.not_resource.as_slice().is_empty() {
        out.report(
            &rules::L5,
            at.clone(),
            "neither `Resource` nor `NotResource`",
        );
    }
    let all_resourceless = s
        .action
        .as_slice()
        .iter()
        .all(|a| RESOURCELESS.iter().any(|r| wildcard_match(r, a) || r == a));
    if s.effect == Effect::Allow && s.resource.contains("*") && !all_resourceless {
        out.report(
            &rules::L5_WILDCARD,
            at.clone().key("Resource"),
            "`*` grants every resource; name the ARNs",
        );
    }
    let passes_role = s.effect == Effect::Allow
        && s.action
            .as_slice()
            .iter()
            .any(|a| wildcard_match(a, "iam:PassRole"));
    let scoped = s.condition.values().any(|keys| {
        keys.keys()
            .any(|k| k.eq_ignore_ascii_case("iam:PassedToService"))
    });
    if passes_role && !scoped {
        out.report(&rules::L4, at.clone(), "`iam:PassRole` without an `iam:PassedToService` condition passes the roles to any service");
    }
}

/// `ECS-L5`: a statement of a trust policy names who, not what.
fn trust_statement(out: &mut Findings, s: &Statement, at: &JsonPath) {
    if s.principal.is_none() && s.not_principal.is_none() {
        out.report(
            &rules::L5,
            at.clone(),
            "a trust policy statement names a `Principal`",
        );
    }
    if !s.resource.as_slice().is_empty() {
        out.report(
            &rules::L5,
            at.clone().key("Resource"),
            "a trust policy has no `Resource`",
        );
    }
}

pub(crate) fn role(role: &Role) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    if !name_ok(&role.name, 64) {
        out.report(
            &rules::L5,
            json_path!("RoleName"),
            format!(
                "{} is not a role name: 1–64 of letters, digits and `+=,.@_-`",
                quoted(&role.name)
            ),
        );
    }
    if let Some(path) = &role.path {
        if !path_ok(path) {
            out.report(
                &rules::L5,
                json_path!("Path"),
                format!(
                    "{}; a path is `/` or `/…/`, up to 512 characters",
                    quoted(path)
                ),
            );
        }
    }
    if role
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 1000)
    {
        out.report(
            &rules::L5,
            json_path!("Description"),
            "longer than 1,000 characters",
        );
    }
    if let Some(duration) = role.max_session_duration {
        if !(3600..=43_200).contains(&duration) {
            out.report(
                &rules::L5,
                json_path!("MaxSessionDuration"),
                format!("{duration} seconds; use 3600–43200"),
            );
        }
    }
    if role.tags.len() > 50 {
        out.report(
            &rules::L5,
            json_path!("Tags"),
            format!("{} tags; at most 50", role.tags.len()),
        );
    }
    for (i, tag) in role.tags.iter().enumerate() {
        if tag.value.is_none() {
            out.report(
                &rules::L5,
                json_path!("Tags"[i], "Value"),
                format!(
                    "{}: IAM tags need a value (it may be empty)",
                    quoted(&tag.key)
                ),
            );
        }
    }
    match role.managed_policy_arns.len() {
        n if n > 20 => out.report(
            &rules::L5,
            json_path!("ManagedPolicyArns"),
            format!("{n} managed policies; a role takes at most 20"),
        ),
        n if n > 10 => out.report(
            &rules::L5_WILDCARD,
            json_path!("ManagedPolicyArns"),
            format!("{n} managed policies; the default quota is 10"),
        ),
        _ => {}
    }
    check_policy(
        &mut out,
        &role.trust_policy,
        PolicyKind::Trust,
        &json_path!("AssumeRolePolicyDocument"),
    );
    inline_policies(&mut out, role);
    out.into_vec()
}

/// `ECS-L5`: inline policy names, their documents, and their size together.
fn inline_policies(out: &mut Findings, role: &Role) {
    let mut names = HashSet::new();
    let mut inline_size = 0;
    for policy in &role.inline_policies {
        let at = json_path!("Policies").key(policy.name.clone());
        if !name_ok(&policy.name, 128) {
            out.report(
                &rules::L5,
                at.clone(),
                format!(
                    "{} is not a policy name: 1–128 of letters, digits and `+=,.@_-`",
                    quoted(&policy.name)
                ),
            );
        }
        if !names.insert(policy.name.as_str()) {
            out.report(
                &rules::L5,
                at.clone(),
                "a second inline policy of this name",
            );
        }
        inline_size += policy
            .document
            .to_json()
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        check_policy(out, &policy.document, PolicyKind::Identity, &at);
    }
    if inline_size > 10_240 {
        out.report(
            &rules::L5,
            json_path!("Policies"),
            format!("{inline_size} characters of inline policies; a role takes at most 10,240 (without whitespace)"),
        );
    }
}

pub(crate) fn instance_profile(profile: &InstanceProfile) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    if !name_ok(&profile.name, 128) {
        out.report(
            &rules::L5,
            json_path!("InstanceProfileName"),
            format!("{} is not an instance profile name", quoted(&profile.name)),
        );
    }
    if !name_ok(&profile.role, 64) {
        out.report(
            &rules::L5,
            json_path!("RoleName"),
            format!("{} is not a role name", quoted(&profile.role)),
        );
    }
    if let Some(path) = &profile.path {
        if !path_ok(path) {
            out.report(
                &rules::L5,
                json_path!("Path"),
                format!("{}; a path is `/` or `/…/`", quoted(path)),
            );
        }
    }
    out.into_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_syntax() {
        for ok in [
            "*",
            "s3:GetObject",
            "ecr:Batch*",
            "logs:Put?ogEvents",
            "elasticloadbalancing:Describe*",
        ] {
            assert!(action_ok(ok), "{ok}");
        }
        for bad in ["s3", "S3:GetObject", "s3:", "s3:Get Object", ":x"] {
            assert!(!action_ok(bad), "{bad}");
        }
    }
}
