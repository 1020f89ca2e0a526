//! IAM: roles (their trust and their policies) and instance profiles.

use ecs_model::JsonPath;
use ecs_model::iam::{InstanceProfile, PolicyDocument, Role};
use serde_json::Value;

use super::diff::{Absent, diff};
use super::{Change, Op, Planner, Step, json};
use crate::resource::Resource;

/// A policy document as IAM compares it: parsed, so single values and lists read alike.
fn policy_json(document: &PolicyDocument) -> Value {
    serde_json::from_str(&document.to_json()).unwrap_or(Value::Null)
}

impl Planner<'_> {
    /// A role: created with its policies, or its trust policy replaced and its missing policies
    /// put or attached. Policies the role has beyond the application's are left alone: roles
    /// are often shared.
    pub(super) fn role(&mut self, role: &Role) {
        let resource = Resource::Role(role.name.clone());
        let put = |p: &ecs_model::iam::InlinePolicy| Op::PutRolePolicy {
            role: role.name.clone(),
            name: p.name.clone(),
            document: p.document.clone(),
        };
        let attach = |arn: &String| Op::AttachRolePolicy {
            role: role.name.clone(),
            arn: arn.clone(),
        };
        let Some(found) = self.observed.roles.get(&role.name) else {
            let mut ops = vec![Op::CreateRole(role.clone())];
            ops.extend(role.inline_policies.iter().map(put));
            ops.extend(role.managed_policy_arns.iter().map(attach));
            self.push(Step::create(resource, ops));
            return;
        };
        let mut changes = Vec::new();
        let mut ops = Vec::new();
        let mut blocked = Vec::new();
        let trust = policy_json(&role.trust_policy);
        let Some(before) = found.trust_policy.as_ref().map(policy_json) else {
            // IAM always has one: it is there but the model cannot read it. Replacing what
            // cannot be compared would replace it on every deployment.
            let change = Change::of("AssumeRolePolicyDocument", None, Some(trust));
            blocked.push((
                change,
                "the role's trust policy cannot be read, so it is not replaced: fix it in IAM \
                 or delete the role"
                    .to_owned(),
            ));
            self.push(Step::compared(resource, changes, ops, blocked));
            return;
        };
        if !diff(&before, &trust, Absent::Removed).is_empty() {
            changes.push(Change::of(
                "AssumeRolePolicyDocument",
                Some(before),
                Some(trust),
            ));
            ops.push(Op::UpdateAssumeRolePolicy(role.clone()));
        }
        for policy in &role.inline_policies {
            let before = found.inline_policies.get(&policy.name).map(policy_json);
            // A policy may name a resource of the application by its id (a file system's ARN).
            let mut after = policy_json(&policy.document);
            self.ids.resolve(&mut after);
            if before.as_ref() != Some(&after) {
                let path = JsonPath::root().key("Policies").key(policy.name.clone());
                changes.push(Change::new(path, before, Some(after)));
                ops.push(put(policy));
            }
        }
        for arn in &role.managed_policy_arns {
            if !found.managed_policy_arns.contains(arn) {
                let after = Some(Value::String(arn.clone()));
                changes.push(Change::of("ManagedPolicyArns", None, after));
                ops.push(attach(arn));
            }
        }
        self.push(Step::compared(resource, changes, ops, blocked));
    }

    /// An instance profile: created with its role, given its role, or blocked when it holds
    /// another one.
    pub(super) fn instance_profile(&mut self, profile: &InstanceProfile) {
        let resource = Resource::InstanceProfile(profile.name.clone());
        let wanted = Some(Value::String(profile.role.clone()));
        let step = match self.observed.instance_profiles.get(&profile.name) {
            None => Step::create(
                resource,
                vec![
                    Op::CreateInstanceProfile(profile.clone()),
                    Op::AddRoleToInstanceProfile(profile.clone()),
                ],
            ),
            Some(found) if found.value.contains(&profile.role) => {
                Step::compared(resource, Vec::new(), Vec::new(), Vec::new())
            }
            Some(found) if found.value.is_empty() => Step::compared(
                resource,
                vec![Change::of("Roles", Some(Value::Array(Vec::new())), wanted)],
                vec![Op::AddRoleToInstanceProfile(profile.clone())],
                Vec::new(),
            ),
            Some(found) => {
                let change = Change::of("Roles", Some(json(&found.value)), wanted);
                let reason = "an instance profile holds one role; remove the other one first";
                Step::compared(
                    resource,
                    vec![change.clone()],
                    Vec::new(),
                    vec![(change, reason.to_owned())],
                )
            }
        };
        self.push(step);
    }
}
