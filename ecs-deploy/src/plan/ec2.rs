//! EC2: security groups, their inbound rules, and container instances.

use std::collections::BTreeSet;

use ecs_model::Reference;
use ecs_model::cluster::ContainerInstance;
use ecs_model::network::{IngressRule, SecurityGroup, Source};
use serde_json::Value;

use super::{Change, Op, Planner, Step};
use crate::resource::Resource;

/// A rule without its description, which does not change what it admits.
fn rule_key(rule: &IngressRule) -> (&'static str, i32, i32, String) {
    (
        rule.protocol.as_str(),
        rule.from_port,
        rule.to_port,
        source_text(&rule.source),
    )
}

/// Who a rule admits, as a person reads it.
fn source_text(source: &Source) -> String {
    match source {
        Source::Cidr(cidr) | Source::Ipv6Cidr(cidr) => cidr.clone(),
        Source::Group(group) => group.clone(),
        other => format!("{other:?}"),
    }
}

impl Planner<'_> {
    /// A security group: it exists, or it is created (its rules are the next step's).
    pub(super) fn security_group(&mut self, group: &SecurityGroup) {
        let exists = self.observed.security_groups.contains_key(&group.name);
        self.exists_or(Resource::SecurityGroup(group.name.clone()), exists, || {
            vec![Op::CreateSecurityGroup(group.clone())]
        });
    }

    /// A security group's inbound rules, once every group exists: the ones it lacks are
    /// authorized. Rules it has beyond the application's are left alone.
    pub(super) fn security_group_rules(&mut self, group: &SecurityGroup) {
        if group.ingress.is_empty() {
            return;
        }
        let resource = Resource::SecurityGroupRules(group.name.clone());
        let authorize = |rules: Vec<IngressRule>| Op::AuthorizeIngress {
            group: group.name.clone(),
            rules,
        };
        let Some(found) = self.observed.security_groups.get(&group.name) else {
            self.push(Step::create(
                resource,
                vec![authorize(group.ingress.clone())],
            ));
            return;
        };
        let existing: BTreeSet<_> = found.value.ingress.iter().map(rule_key).collect();
        let missing: Vec<IngressRule> = group
            .ingress
            .iter()
            .filter(|rule| {
                let mut resolved = (*rule).clone();
                if let Source::Group(g) = &rule.source
                    && let Some(id) = Reference::parse(g).and_then(|r| self.ids.get(&r))
                {
                    resolved.source = Source::Group(id.to_owned());
                }
                !existing.contains(&rule_key(&resolved))
            })
            .cloned()
            .collect();
        let changes = missing
            .iter()
            .map(|r| {
                let rule = format!(
                    "{} {}–{} from {}",
                    r.protocol.as_str(),
                    r.from_port,
                    r.to_port,
                    source_text(&r.source)
                );
                Change::of("IpPermissions", None, Some(Value::String(rule)))
            })
            .collect();
        let ops = if missing.is_empty() {
            Vec::new()
        } else {
            vec![authorize(missing)]
        };
        self.push(Step::compared(resource, changes, ops, Vec::new()));
    }

    /// A container instance, by its `Name` tag: it runs, or it is launched.
    pub(super) fn instance(&mut self, instance: &ContainerInstance) {
        let exists = self.observed.instances.contains_key(&instance.name);
        self.exists_or(Resource::Instance(instance.name.clone()), exists, || {
            vec![Op::RunInstance(Box::new(instance.clone()))]
        });
    }
}
