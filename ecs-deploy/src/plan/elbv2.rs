//! ELBv2: load balancers, target groups, listeners and listener rules.

use ecs_model::Text;
use ecs_model::alb::{Listener, ListenerRule, LoadBalancer, TargetGroup};
use ecs_model::{JsonPath, Reference};
use serde_json::Value;

use super::compare::{Rules, compare};
use super::{Change, Op, Planner, Step, json, when_changed};
use crate::resource::{Resource, load_balancer_name};

/// The members of an existing load balancer ecs-deploy changes, each by its own call.
const LOAD_BALANCER_UPDATES: &[&str] = &["SecurityGroups", "Subnets"];

impl Planner<'_> {
    /// A load balancer: its security groups and subnets change in place; nothing else does.
    pub(super) fn load_balancer(&mut self, lb: &LoadBalancer) {
        let resource = Resource::LoadBalancer(lb.name.to_string());
        let Some(found) = self.observed.load_balancers.get(lb.name.as_str()) else {
            self.push(Step::create(
                resource,
                vec![Op::CreateLoadBalancer(lb.clone())],
            ));
            return;
        };
        let mut desired = json(lb);
        self.ids.resolve(&mut desired);
        let rules = Rules {
            create_only: LoadBalancer::CREATE_ONLY,
            changeable: Some(LOAD_BALANCER_UPDATES),
            ignored: &["Tags"],
            ..Rules::new("load balancer")
        };
        let comparison = compare(&json(&found.value), &desired, &rules);
        let mut ops = Vec::new();
        if comparison.touches("SecurityGroups") {
            ops.push(Op::SetSecurityGroups {
                arn: found.id.clone(),
                load_balancer: lb.clone(),
            });
        }
        if comparison.touches("Subnets") {
            ops.push(Op::SetSubnets {
                arn: found.id.clone(),
                load_balancer: lb.clone(),
            });
        }
        self.push(Step::compared(
            resource,
            comparison.changes,
            ops,
            comparison.blocked,
        ));
    }

    /// A target group: modified in place but for what only its creation sets; its attributes
    /// by their own call.
    pub(super) fn target_group(&mut self, tg: &TargetGroup) {
        let resource = Resource::TargetGroup(tg.name.to_string());
        let Some(found) = self.observed.target_groups.get(tg.name.as_str()) else {
            let mut ops = vec![Op::CreateTargetGroup(Box::new(tg.clone()))];
            if !tg.attributes.is_empty() {
                ops.push(Op::ModifyTargetGroupAttributes {
                    name: tg.name.to_string(),
                    target_group: Box::new(tg.clone()),
                });
            }
            self.push(Step::create(resource, ops));
            return;
        };
        let rules = Rules {
            create_only: TargetGroup::CREATE_ONLY,
            ignored: &["Tags"],
            ..Rules::new("target group")
        };
        let comparison = compare(&json(&found.value), &json(tg), &rules);
        let mut changes = comparison.changes;
        let mut ops = when_changed(&changes, || Op::ModifyTargetGroup {
            arn: found.id.clone(),
            target_group: Box::new(tg.clone()),
        });
        // Attributes are not part of the group's document: compared key by key.
        let mut attributes_differ = false;
        for attribute in &tg.attributes {
            let (Some(key), Some(value)) = (&attribute.key, &attribute.value) else {
                continue;
            };
            let before = found
                .value
                .attributes
                .iter()
                .find(|a| a.key.as_ref() == Some(key))
                .and_then(|a| a.value.as_ref().map(Text::to_string));
            if before.as_deref() != Some(value.as_str()) {
                changes.push(Change::new(
                    JsonPath::root().key("Attributes").key(key.clone()),
                    before.map(Value::String),
                    Some(Value::String(value.to_string())),
                ));
                attributes_differ = true;
            }
        }
        if attributes_differ {
            ops.push(Op::ModifyTargetGroupAttributes {
                name: tg.name.to_string(),
                target_group: Box::new(tg.clone()),
            });
        }
        self.push(Step::compared(resource, changes, ops, comparison.blocked));
    }

    /// A listener, known by its load balancer and port: modified in place.
    pub(super) fn listener(&mut self, listener: &Listener) {
        let lb = load_balancer_name(&listener.load_balancer_arn);
        let port = listener.port.unwrap_or_default();
        let resource = Resource::Listener {
            load_balancer: lb.clone(),
            port,
        };
        let Some(found) = self.observed.listeners.get(&(lb, port)) else {
            let ops = vec![Op::CreateListener(Box::new(listener.clone()))];
            self.push(Step::create(resource, ops));
            return;
        };
        let mut desired = json(listener);
        self.ids.resolve(&mut desired);
        let rules = Rules {
            ignored: &["Tags"],
            ..Rules::new("listener")
        };
        let comparison = compare(&json(&found.value), &desired, &rules);
        let ops = when_changed(&comparison.changes, || Op::ModifyListener {
            arn: found.id.clone(),
            listener: Box::new(listener.clone()),
        });
        self.push(Step::compared(
            resource,
            comparison.changes,
            ops,
            Vec::new(),
        ));
    }

    /// A listener rule, known by its listener and priority: modified in place.
    pub(super) fn listener_rule(&mut self, rule: &ListenerRule) {
        let resource = Resource::ListenerRule {
            listener: Reference::parse(&rule.listener_arn)
                .map_or_else(|| rule.listener_arn.to_string(), |r| r.name().to_owned()),
            priority: rule.priority,
        };
        let listener_arn = Reference::parse(&rule.listener_arn)
            .map_or(Some(rule.listener_arn.as_str()), |r| self.ids.get(&r));
        let found =
            listener_arn.and_then(|arn| self.observed.rules.get(&(arn.to_owned(), rule.priority)));
        let Some(found) = found else {
            self.push(Step::create(
                resource,
                vec![Op::CreateRule(Box::new(rule.clone()))],
            ));
            return;
        };
        let mut desired = json(rule);
        self.ids.resolve(&mut desired);
        let rules = Rules {
            ignored: &["Tags", "ListenerArn"],
            ..Rules::new("listener rule")
        };
        let comparison = compare(&json(&found.value), &desired, &rules);
        let ops = when_changed(&comparison.changes, || Op::ModifyRule {
            arn: found.id.clone(),
            rule: Box::new(rule.clone()),
        });
        self.push(Step::compared(
            resource,
            comparison.changes,
            ops,
            Vec::new(),
        ));
    }
}
