//! The plan: what a deployment would change, computed from the application and what exists,
//! with no IO. Each step names a resource, says whether it is created, updated, left alone or
//! blocked (a change ECS only allows at creation), lists the fields that change, and carries the
//! API calls that make it so.

mod diff;
mod normalize;
mod render;

use std::collections::BTreeSet;

use ecs_model::alb::{Listener, ListenerRule, LoadBalancer, TargetGroup};
use ecs_model::cluster::{CapacityProvider, Cluster, ClusterCapacityProviders, ContainerInstance};
use ecs_model::iam::{InstanceProfile, PolicyDocument, Role};
use ecs_model::network::{IngressRule, SecurityGroup, Source};
use ecs_model::service::Service;
use ecs_model::{Application, Reference, TaskDefinition};
use serde_json::Value;

pub use diff::Change;
use diff::{Absent, diff};

use crate::resource::{Resource, load_balancer_name, short_name};
use crate::state::{Ids, Observed};

/// What happens to a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Action {
    /// It does not exist: it is created.
    Create,
    /// It exists and differs: it is changed in place (a task definition gets a new revision).
    Update,
    /// It exists as the application says.
    Unchanged,
    /// It differs in a way ECS only allows at creation: nothing is done, and the plan cannot be
    /// applied until the resource is deleted or the application changed back.
    Blocked,
}

/// A change ECS only allows when the resource is created (`ECS-J16` for services).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct Blocked {
    /// The resource.
    pub resource: Resource,
    /// The field and its values.
    pub change: Change,
    /// Why it cannot change.
    pub reason: String,
}

impl std::fmt::Display for Blocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.resource, self.change.path, self.reason)
    }
}

/// One resource's part of the plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct Step {
    /// The resource.
    pub resource: Resource,
    /// What happens to it.
    pub action: Action,
    /// The fields that change (for a creation: none; the whole document is new).
    pub changes: Vec<Change>,
    /// The changes that block the plan.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocked: Vec<Blocked>,
    /// The API calls that carry it out (`ecs:RegisterTaskDefinition`).
    pub calls: Vec<&'static str>,
    #[serde(skip)]
    pub(crate) ops: Vec<Op>,
}

/// Everything a deployment would do, in the order it does it.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
#[non_exhaustive]
pub struct Plan {
    /// One step per resource of the application, in dependency order.
    pub steps: Vec<Step>,
    /// The ids of what exists, for the references of the calls.
    #[serde(skip)]
    pub(crate) ids: Ids,
    /// The family's latest revision, which the service runs when no new one is registered.
    #[serde(skip)]
    pub(crate) task_definition_arn: Option<String>,
    /// The service's ARN, when it exists.
    #[serde(skip)]
    pub(crate) service_arn: Option<String>,
}

/// One API call of a step, with what it sends (tokens resolved when it runs).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    CreateLogGroup(String),
    CreateRole(Role),
    UpdateAssumeRolePolicy(Role),
    PutRolePolicy {
        role: String,
        name: String,
        document: PolicyDocument,
    },
    AttachRolePolicy {
        role: String,
        arn: String,
    },
    CreateInstanceProfile(InstanceProfile),
    AddRoleToInstanceProfile(InstanceProfile),
    CreateSecurityGroup(SecurityGroup),
    AuthorizeIngress {
        group: String,
        rules: Vec<IngressRule>,
    },
    CreateLoadBalancer(LoadBalancer),
    SetSecurityGroups {
        arn: String,
        load_balancer: LoadBalancer,
    },
    SetSubnets {
        arn: String,
        load_balancer: LoadBalancer,
    },
    CreateTargetGroup(Box<TargetGroup>),
    ModifyTargetGroup {
        arn: String,
        target_group: Box<TargetGroup>,
    },
    ModifyTargetGroupAttributes {
        name: String,
        target_group: Box<TargetGroup>,
    },
    CreateListener(Box<Listener>),
    ModifyListener {
        arn: String,
        listener: Box<Listener>,
    },
    CreateRule(Box<ListenerRule>),
    ModifyRule {
        arn: String,
        rule: Box<ListenerRule>,
    },
    CreateCluster(Box<Cluster>),
    UpdateCluster(Box<Cluster>),
    CreateCapacityProvider(Box<CapacityProvider>),
    UpdateCapacityProvider(Box<CapacityProvider>),
    PutClusterCapacityProviders(ClusterCapacityProviders),
    RegisterTaskDefinition(Box<TaskDefinition>),
    CreateService(Box<Service>),
    UpdateService {
        service: Box<Service>,
        force_new_deployment: bool,
    },
    TagService {
        arn: String,
        service: Box<Service>,
    },
    RunInstance(Box<ContainerInstance>),
}

impl Op {
    /// The API call, as `service:Operation`.
    pub(crate) fn call(&self) -> &'static str {
        match self {
            Self::CreateLogGroup(_) => "logs:CreateLogGroup",
            Self::CreateRole(_) => "iam:CreateRole",
            Self::UpdateAssumeRolePolicy(_) => "iam:UpdateAssumeRolePolicy",
            Self::PutRolePolicy { .. } => "iam:PutRolePolicy",
            Self::AttachRolePolicy { .. } => "iam:AttachRolePolicy",
            Self::CreateInstanceProfile(_) => "iam:CreateInstanceProfile",
            Self::AddRoleToInstanceProfile(_) => "iam:AddRoleToInstanceProfile",
            Self::CreateSecurityGroup(_) => "ec2:CreateSecurityGroup",
            Self::AuthorizeIngress { .. } => "ec2:AuthorizeSecurityGroupIngress",
            Self::CreateLoadBalancer(_) => "elbv2:CreateLoadBalancer",
            Self::SetSecurityGroups { .. } => "elbv2:SetSecurityGroups",
            Self::SetSubnets { .. } => "elbv2:SetSubnets",
            Self::CreateTargetGroup(_) => "elbv2:CreateTargetGroup",
            Self::ModifyTargetGroup { .. } => "elbv2:ModifyTargetGroup",
            Self::ModifyTargetGroupAttributes { .. } => "elbv2:ModifyTargetGroupAttributes",
            Self::CreateListener(_) => "elbv2:CreateListener",
            Self::ModifyListener { .. } => "elbv2:ModifyListener",
            Self::CreateRule(_) => "elbv2:CreateRule",
            Self::ModifyRule { .. } => "elbv2:ModifyRule",
            Self::CreateCluster(_) => "ecs:CreateCluster",
            Self::UpdateCluster(_) => "ecs:UpdateCluster",
            Self::CreateCapacityProvider(_) => "ecs:CreateCapacityProvider",
            Self::UpdateCapacityProvider(_) => "ecs:UpdateCapacityProvider",
            Self::PutClusterCapacityProviders(_) => "ecs:PutClusterCapacityProviders",
            Self::RegisterTaskDefinition(_) => "ecs:RegisterTaskDefinition",
            Self::CreateService(_) => "ecs:CreateService",
            Self::UpdateService { .. } => "ecs:UpdateService",
            Self::TagService { .. } => "ecs:TagResource",
            Self::RunInstance(_) => "ec2:RunInstances",
        }
    }
}

impl Step {
    fn new(resource: Resource, action: Action, changes: Vec<Change>, ops: Vec<Op>) -> Self {
        Self {
            resource,
            action,
            changes,
            blocked: Vec::new(),
            calls: ops.iter().map(Op::call).collect(),
            ops,
        }
    }

    fn create(resource: Resource, ops: Vec<Op>) -> Self {
        Self::new(resource, Action::Create, Vec::new(), ops)
    }

    /// `Update` when there is something to do, `Unchanged` otherwise; `Blocked` wins.
    fn compared(
        resource: Resource,
        changes: Vec<Change>,
        ops: Vec<Op>,
        blocked: Vec<(Change, String)>,
    ) -> Self {
        let blocked: Vec<Blocked> = blocked
            .into_iter()
            .map(|(change, reason)| Blocked {
                resource: resource.clone(),
                change,
                reason,
            })
            .collect();
        let action = if !blocked.is_empty() {
            Action::Blocked
        } else if ops.is_empty() {
            Action::Unchanged
        } else {
            Action::Update
        };
        let ops = if action == Action::Blocked {
            Vec::new()
        } else {
            ops
        };
        let mut step = Self::new(resource, action, changes, ops);
        step.blocked = blocked;
        step
    }
}

impl Plan {
    /// The plan that makes what exists (`observed`) into `app`.
    #[must_use]
    pub fn new(app: &Application, observed: &Observed) -> Self {
        let ids = Ids::of(observed);
        let mut plan = Planner {
            app,
            observed,
            ids,
            steps: Vec::new(),
        };
        plan.log_groups();
        plan.roles();
        plan.instance_profiles();
        plan.security_groups();
        plan.load_balancers();
        plan.target_groups();
        plan.listeners();
        plan.rules();
        plan.cluster();
        plan.task_definition_and_service();
        plan.instances();
        Self {
            steps: plan.steps,
            ids: plan.ids,
            task_definition_arn: observed
                .task_definition
                .as_ref()
                .and_then(|td| td.registration.as_ref())
                .and_then(|r| r.task_definition_arn.clone()),
            service_arn: observed.service.as_ref().map(|s| s.arn.clone()),
        }
    }

    /// The plan for an account where nothing of `app` exists yet: everything is created. What a
    /// dry run shows without AWS credentials.
    #[must_use]
    pub fn from_scratch(app: &Application) -> Self {
        Self::new(app, &Observed::default())
    }

    /// Whether applying it would change nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.steps.iter().all(|s| s.action == Action::Unchanged)
    }

    /// The changes that block it.
    #[must_use]
    pub fn blocked(&self) -> Vec<Blocked> {
        self.steps
            .iter()
            .flat_map(|s| s.blocked.iter().cloned())
            .collect()
    }

    /// How many steps take `action`.
    #[must_use]
    pub fn count(&self, action: Action) -> usize {
        self.steps.iter().filter(|s| s.action == action).count()
    }

    /// The step of `resource`.
    #[must_use]
    pub fn step(&self, resource: &Resource) -> Option<&Step> {
        self.steps.iter().find(|s| &s.resource == resource)
    }

    /// The plan as JSON, for tools.
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// A service document prepared for comparison with a described one.
pub(crate) fn normalize_service(doc: &mut Value) {
    normalize::service(doc);
}

/// The differences in members `UpdateService` can set: what the service asks for that `before`
/// (a created or described service) does not have.
pub(crate) fn updatable_changes(before: &Value, after: &Value) -> Vec<Change> {
    diff(before, after, Absent::Unmanaged)
        .into_iter()
        .filter(|c| {
            let top = c.path.split(['.', '[']).next().unwrap_or_default();
            top != "tags" && !Service::CREATE_ONLY.contains(&top)
        })
        .collect()
}

/// `op` when there are changes to carry out.
fn when_changed(changes: &[Change], op: impl FnOnce() -> Op) -> Vec<Op> {
    if changes.is_empty() {
        Vec::new()
    } else {
        vec![op()]
    }
}

/// JSON of a model value (the model's types always serialize).
fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A policy document as IAM compares it: parsed, so single values and lists read alike.
fn policy_json(document: &PolicyDocument) -> Value {
    serde_json::from_str(&document.to_json()).unwrap_or(Value::Null)
}

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
pub(crate) fn source_text(source: &Source) -> String {
    match source {
        Source::Cidr(cidr) | Source::Ipv6Cidr(cidr) => cidr.clone(),
        Source::Group(group) => group.clone(),
        other => format!("{other:?}"),
    }
}

struct Planner<'a> {
    app: &'a Application,
    observed: &'a Observed,
    ids: Ids,
    steps: Vec<Step>,
}

impl Planner<'_> {
    fn push(&mut self, step: Step) {
        self.steps.push(step);
    }

    fn log_groups(&mut self) {
        for (group, created_by_agent) in self.app.log_groups() {
            if created_by_agent {
                continue; // `awslogs-create-group`: the agent creates it, the execution role may
            }
            let resource = Resource::LogGroup(group.clone());
            if self.observed.log_groups.contains(&group) {
                self.push(Step::compared(resource, Vec::new(), Vec::new(), Vec::new()));
            } else {
                self.push(Step::create(resource, vec![Op::CreateLogGroup(group)]));
            }
        }
    }

    fn roles(&mut self) {
        for role in self.app.all_roles() {
            let resource = Resource::Role(role.name.clone());
            let Some(found) = self.observed.roles.get(&role.name) else {
                let mut ops = vec![Op::CreateRole(role.clone())];
                ops.extend(role.inline_policies.iter().map(|p| Op::PutRolePolicy {
                    role: role.name.clone(),
                    name: p.name.clone(),
                    document: p.document.clone(),
                }));
                ops.extend(
                    role.managed_policy_arns
                        .iter()
                        .map(|arn| Op::AttachRolePolicy {
                            role: role.name.clone(),
                            arn: arn.clone(),
                        }),
                );
                self.push(Step::create(resource, ops));
                continue;
            };
            let mut changes = Vec::new();
            let mut ops = Vec::new();
            let before = found.trust_policy.as_ref().map_or(Value::Null, policy_json);
            let trust = diff(&before, &policy_json(&role.trust_policy), Absent::Removed);
            if !trust.is_empty() {
                changes.push(Change::new(
                    "AssumeRolePolicyDocument",
                    Some(before),
                    Some(policy_json(&role.trust_policy)),
                ));
                ops.push(Op::UpdateAssumeRolePolicy(role.clone()));
            }
            for policy in &role.inline_policies {
                let before = found.inline_policies.get(&policy.name).map(policy_json);
                let after = policy_json(&policy.document);
                if before.as_ref() != Some(&after) {
                    changes.push(Change::new(
                        format!("Policies.{}", policy.name),
                        before,
                        Some(after),
                    ));
                    ops.push(Op::PutRolePolicy {
                        role: role.name.clone(),
                        name: policy.name.clone(),
                        document: policy.document.clone(),
                    });
                }
            }
            for arn in &role.managed_policy_arns {
                if !found.managed_policy_arns.contains(arn) {
                    changes.push(Change::new(
                        "ManagedPolicyArns",
                        None,
                        Some(Value::String(arn.clone())),
                    ));
                    ops.push(Op::AttachRolePolicy {
                        role: role.name.clone(),
                        arn: arn.clone(),
                    });
                }
            }
            self.push(Step::compared(resource, changes, ops, Vec::new()));
        }
    }

    fn instance_profiles(&mut self) {
        for profile in &self.app.instance_profiles {
            let resource = Resource::InstanceProfile(profile.name.clone());
            match self.observed.instance_profiles.get(&profile.name) {
                None => self.push(Step::create(
                    resource,
                    vec![
                        Op::CreateInstanceProfile(profile.clone()),
                        Op::AddRoleToInstanceProfile(profile.clone()),
                    ],
                )),
                Some(found) if found.value.contains(&profile.role) => {
                    self.push(Step::compared(resource, Vec::new(), Vec::new(), Vec::new()));
                }
                Some(found) if found.value.is_empty() => self.push(Step::compared(
                    resource,
                    vec![Change::new(
                        "Roles",
                        Some(Value::Array(Vec::new())),
                        Some(Value::String(profile.role.clone())),
                    )],
                    vec![Op::AddRoleToInstanceProfile(profile.clone())],
                    Vec::new(),
                )),
                Some(found) => {
                    let change = Change::new(
                        "Roles",
                        Some(json(&found.value)),
                        Some(Value::String(profile.role.clone())),
                    );
                    let reason =
                        "an instance profile holds one role; remove the other one first".to_owned();
                    self.push(Step::compared(
                        resource,
                        vec![change.clone()],
                        Vec::new(),
                        vec![(change, reason)],
                    ));
                }
            }
        }
    }

    /// The application's groups, each after the groups its rules name (so that a rule's source
    /// exists when it is authorized); a cycle keeps the application's order.
    fn groups_in_order(app: &Application) -> Vec<&SecurityGroup> {
        let groups = &app.security_groups;
        let mut ordered: Vec<&SecurityGroup> = Vec::new();
        let names = |g: &SecurityGroup| -> Vec<String> {
            g.ingress
                .iter()
                .filter_map(|r| match &r.source {
                    Source::Group(s) => Reference::parse(s).map(|r| r.name().to_owned()),
                    _ => None,
                })
                .filter(|n| *n != g.name && groups.iter().any(|other| &other.name == n))
                .collect()
        };
        while ordered.len() < groups.len() {
            let ready = groups.iter().find(|g| {
                !ordered.iter().any(|o| o.name == g.name)
                    && names(g)
                        .iter()
                        .all(|n| ordered.iter().any(|o| &o.name == n))
            });
            let next = ready.or_else(|| {
                groups
                    .iter()
                    .find(|g| !ordered.iter().any(|o| o.name == g.name))
            });
            ordered.extend(next);
        }
        ordered
    }

    fn security_groups(&mut self) {
        let app = self.app;
        for group in Self::groups_in_order(app) {
            let resource = Resource::SecurityGroup(group.name.clone());
            let Some(found) = self.observed.security_groups.get(&group.name) else {
                let mut ops = vec![Op::CreateSecurityGroup(group.clone())];
                if !group.ingress.is_empty() {
                    ops.push(Op::AuthorizeIngress {
                        group: group.name.clone(),
                        rules: group.ingress.clone(),
                    });
                }
                self.push(Step::create(resource, ops));
                continue;
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
                    Change::new("IpPermissions", None, Some(Value::String(rule)))
                })
                .collect();
            let ops = if missing.is_empty() {
                Vec::new()
            } else {
                vec![Op::AuthorizeIngress {
                    group: group.name.clone(),
                    rules: missing,
                }]
            };
            self.push(Step::compared(resource, changes, ops, Vec::new()));
        }
    }

    fn load_balancers(&mut self) {
        for lb in &self.app.load_balancers {
            let resource = Resource::LoadBalancer(lb.name.clone());
            let Some(found) = self.observed.load_balancers.get(&lb.name) else {
                self.push(Step::create(
                    resource,
                    vec![Op::CreateLoadBalancer(lb.clone())],
                ));
                continue;
            };
            let mut desired = json(lb);
            self.ids.resolve(&mut desired);
            let before = json(&found.value);
            let mut changes = Vec::new();
            let mut ops = Vec::new();
            let mut blocked = Vec::new();
            for change in diff(&before, &desired, Absent::Unmanaged) {
                let top = change.path.split(['.', '[']).next().unwrap_or_default();
                match top {
                    "SecurityGroups"
                        if !ops
                            .iter()
                            .any(|o| matches!(o, Op::SetSecurityGroups { .. })) =>
                    {
                        ops.push(Op::SetSecurityGroups {
                            arn: found.id.clone(),
                            load_balancer: lb.clone(),
                        });
                    }
                    "Subnets" if !ops.iter().any(|o| matches!(o, Op::SetSubnets { .. })) => {
                        ops.push(Op::SetSubnets {
                            arn: found.id.clone(),
                            load_balancer: lb.clone(),
                        });
                    }
                    "SecurityGroups" | "Subnets" | "Tags" => {}
                    _ => blocked.push((
                        change.clone(),
                        "fixed when the load balancer is created".to_owned(),
                    )),
                }
                if top != "Tags" {
                    changes.push(change);
                }
            }
            self.push(Step::compared(resource, changes, ops, blocked));
        }
    }

    fn target_groups(&mut self) {
        const FIXED: &[&str] = &[
            "Protocol",
            "ProtocolVersion",
            "Port",
            "VpcId",
            "TargetType",
            "IpAddressType",
        ];
        for tg in &self.app.target_groups {
            let resource = Resource::TargetGroup(tg.name.clone());
            let Some(found) = self.observed.target_groups.get(&tg.name) else {
                let mut ops = vec![Op::CreateTargetGroup(Box::new(tg.clone()))];
                if !tg.attributes.is_empty() {
                    ops.push(Op::ModifyTargetGroupAttributes {
                        name: tg.name.clone(),
                        target_group: Box::new(tg.clone()),
                    });
                }
                self.push(Step::create(resource, ops));
                continue;
            };
            let mut changes = Vec::new();
            let mut ops = Vec::new();
            let mut blocked = Vec::new();
            for change in diff(&json(&found.value), &json(tg), Absent::Unmanaged) {
                let top = change
                    .path
                    .split(['.', '['])
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                if top == "Tags" {
                    continue;
                }
                if FIXED.contains(&top.as_str()) {
                    blocked.push((
                        change.clone(),
                        "fixed when the target group is created".to_owned(),
                    ));
                } else if !ops
                    .iter()
                    .any(|o| matches!(o, Op::ModifyTargetGroup { .. }))
                {
                    ops.push(Op::ModifyTargetGroup {
                        arn: found.id.clone(),
                        target_group: Box::new(tg.clone()),
                    });
                }
                changes.push(change);
            }
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
                    .and_then(|a| a.value.clone());
                if before.as_ref() != Some(value) {
                    changes.push(Change::new(
                        format!("Attributes.{key}"),
                        before.map(Value::String),
                        Some(Value::String(value.clone())),
                    ));
                    attributes_differ = true;
                }
            }
            if attributes_differ {
                ops.push(Op::ModifyTargetGroupAttributes {
                    name: tg.name.clone(),
                    target_group: Box::new(tg.clone()),
                });
            }
            self.push(Step::compared(resource, changes, ops, blocked));
        }
    }

    fn listeners(&mut self) {
        for listener in &self.app.listeners {
            let lb = load_balancer_name(&listener.load_balancer_arn);
            let port = listener.port.unwrap_or_default();
            let resource = Resource::Listener {
                load_balancer: lb.clone(),
                port,
            };
            let Some(found) = self.observed.listeners.get(&(lb, port)) else {
                self.push(Step::create(
                    resource,
                    vec![Op::CreateListener(Box::new(listener.clone()))],
                ));
                continue;
            };
            let mut desired = json(listener);
            self.ids.resolve(&mut desired);
            let changes: Vec<Change> = diff(&json(&found.value), &desired, Absent::Unmanaged)
                .into_iter()
                .filter(|c| !c.path.starts_with("Tags"))
                .collect();
            let ops = when_changed(&changes, || Op::ModifyListener {
                arn: found.id.clone(),
                listener: Box::new(listener.clone()),
            });
            self.push(Step::compared(resource, changes, ops, Vec::new()));
        }
    }

    fn rules(&mut self) {
        for rule in &self.app.listener_rules {
            let resource = Resource::ListenerRule {
                listener: Reference::parse(&rule.listener_arn)
                    .map_or_else(|| rule.listener_arn.clone(), |r| r.name().to_owned()),
                priority: rule.priority,
            };
            let listener_arn = Reference::parse(&rule.listener_arn)
                .map_or(Some(rule.listener_arn.as_str()), |r| self.ids.get(&r));
            let found = listener_arn
                .and_then(|arn| self.observed.rules.get(&(arn.to_owned(), rule.priority)));
            let Some(found) = found else {
                self.push(Step::create(
                    resource,
                    vec![Op::CreateRule(Box::new(rule.clone()))],
                ));
                continue;
            };
            let mut desired = json(rule);
            self.ids.resolve(&mut desired);
            let changes: Vec<Change> = diff(&json(&found.value), &desired, Absent::Unmanaged)
                .into_iter()
                .filter(|c| !c.path.starts_with("Tags") && !c.path.starts_with("ListenerArn"))
                .collect();
            let ops = when_changed(&changes, || Op::ModifyRule {
                arn: found.id.clone(),
                rule: Box::new(rule.clone()),
            });
            self.push(Step::compared(resource, changes, ops, Vec::new()));
        }
    }

    fn cluster(&mut self) {
        let app = self.app;
        let cluster = &app.cluster;
        let name = cluster.name().to_owned();
        // Providers the application creates do not exist when the cluster does: the cluster is
        // created without them, and gets them once they exist.
        let creates_providers = !app.capacity_providers.is_empty();
        match &self.observed.cluster {
            None => {
                let mut create = cluster.clone();
                if creates_providers {
                    create.capacity_providers.clear();
                    create.default_capacity_provider_strategy.clear();
                }
                self.push(Step::create(
                    Resource::Cluster(name.clone()),
                    vec![Op::CreateCluster(Box::new(create))],
                ));
            }
            Some(found) => {
                let mut desired = json(cluster);
                let mut before = json(&found.value);
                for doc in [&mut desired, &mut before] {
                    if let Some(map) = doc.as_object_mut() {
                        // Compared by the capacity providers' step; tags are not updated here.
                        for key in [
                            "capacityProviders",
                            "defaultCapacityProviderStrategy",
                            "tags",
                        ] {
                            map.remove(key);
                        }
                    }
                }
                if let Some(Value::String(namespace)) =
                    before.pointer_mut("/serviceConnectDefaults/namespace")
                {
                    *namespace = short_name(namespace).to_owned();
                }
                let changes = diff(&before, &desired, Absent::Unmanaged);
                let ops = when_changed(&changes, || Op::UpdateCluster(Box::new(cluster.clone())));
                self.push(Step::compared(
                    Resource::Cluster(name.clone()),
                    changes,
                    ops,
                    Vec::new(),
                ));
            }
        }
        for provider in &app.capacity_providers {
            self.capacity_provider(provider);
        }
        let wants_providers = !cluster.capacity_providers.is_empty()
            || !cluster.default_capacity_provider_strategy.is_empty();
        let resource = Resource::ClusterCapacityProviders(name);
        let desired = ClusterCapacityProviders::of(cluster);
        match &self.observed.cluster {
            None if creates_providers => self.push(Step::create(
                resource,
                vec![Op::PutClusterCapacityProviders(desired)],
            )),
            Some(found) if wants_providers => {
                let before = serde_json::json!({
                    "capacityProviders": found.value.capacity_providers,
                    "defaultCapacityProviderStrategy": json(&found.value.default_capacity_provider_strategy),
                });
                let after = serde_json::json!({
                    "capacityProviders": cluster.capacity_providers,
                    "defaultCapacityProviderStrategy": json(&cluster.default_capacity_provider_strategy),
                });
                let changes = diff(&before, &after, Absent::Removed);
                let ops = when_changed(&changes, || Op::PutClusterCapacityProviders(desired));
                self.push(Step::compared(resource, changes, ops, Vec::new()));
            }
            _ => {}
        }
    }

    fn capacity_provider(&mut self, provider: &CapacityProvider) {
        let resource = Resource::CapacityProvider(provider.name.clone());
        let Some(found) = self.observed.capacity_providers.get(&provider.name) else {
            self.push(Step::create(
                resource,
                vec![Op::CreateCapacityProvider(Box::new(provider.clone()))],
            ));
            return;
        };
        let mut changes = Vec::new();
        let mut blocked = Vec::new();
        for change in diff(&json(&found.value), &json(provider), Absent::Unmanaged) {
            if change.path.starts_with("tags") || change.path == "cluster" {
                continue;
            }
            if change
                .path
                .starts_with("autoScalingGroupProvider.autoScalingGroupArn")
            {
                blocked.push((
                    change.clone(),
                    "fixed when the capacity provider is created".to_owned(),
                ));
            } else if change.path.starts_with("managedInstancesProvider") {
                blocked.push((change.clone(), "ecs-deploy does not update Managed Instances providers yet: change it in the console or recreate it".to_owned()));
            }
            changes.push(change);
        }
        let ops = when_changed(&changes, || {
            Op::UpdateCapacityProvider(Box::new(provider.clone()))
        });
        self.push(Step::compared(resource, changes, ops, blocked));
    }

    fn task_definition_and_service(&mut self) {
        let td = &self.app.task_definition;
        let family = td.family.clone();
        let mut desired_td = json(td);
        normalize::task_definition(&mut desired_td);
        let registers = match &self.observed.task_definition {
            None => {
                self.push(Step::create(
                    Resource::TaskDefinition(family.clone()),
                    vec![Op::RegisterTaskDefinition(Box::new(td.clone()))],
                ));
                true
            }
            Some(found) => {
                let mut before = json(found);
                normalize::task_definition(&mut before);
                let changes = diff(&before, &desired_td, Absent::Removed);
                let registers = !changes.is_empty();
                let ops = if registers {
                    vec![Op::RegisterTaskDefinition(Box::new(td.clone()))]
                } else {
                    Vec::new()
                };
                self.push(Step::compared(
                    Resource::TaskDefinition(family.clone()),
                    changes,
                    ops,
                    Vec::new(),
                ));
                registers
            }
        };
        let Some(service) = &self.app.service else {
            return;
        };
        let current_arn = self
            .observed
            .task_definition
            .as_ref()
            .and_then(|td| td.registration.as_ref())
            .and_then(|r| r.task_definition_arn.clone());
        // The revision the service should run: the one this deployment registers, or the
        // family's latest; a pinned `family:revision` or ARN is kept as given.
        let wanted_td = match service.task_definition.as_deref() {
            Some(name) if name == family || name.is_empty() => {
                if registers {
                    format!("{family}:(new revision)")
                } else {
                    current_arn.clone().unwrap_or_else(|| family.clone())
                }
            }
            Some(other) => other.to_owned(),
            None => family.clone(),
        };
        self.service(service, &wanted_td);
    }

    fn service(&mut self, service: &Service, wanted_td: &str) {
        let cluster = service.cluster.as_deref().map_or_else(
            || self.app.cluster.name().to_owned(),
            |c| short_name(c).to_owned(),
        );
        let resource = Resource::Service {
            cluster,
            name: service.service_name.clone(),
        };
        let Some(found) = &self.observed.service else {
            self.push(Step::create(
                resource,
                vec![Op::CreateService(Box::new(service.clone()))],
            ));
            return;
        };
        let mut desired = json(service);
        self.ids.resolve(&mut desired);
        normalize::service(&mut desired);
        let mut before = json(&found.service);
        normalize::service(&mut before);
        if let Some(map) = desired.as_object_mut() {
            map.insert("taskDefinition".into(), Value::String(wanted_td.to_owned()));
        }
        let mut changes = Vec::new();
        let mut blocked = Vec::new();
        let mut tags_differ = false;
        let mut force = false;
        // Leaving a launch type for a capacity-provider strategy is allowed with a new
        // deployment (`ECS-J5`), as is any change of strategy.
        let switches_to_strategy = service.launch_type.is_none()
            && !service.capacity_provider_strategy.is_empty()
            && found.service.launch_type.is_some();
        for change in diff(&before, &desired, Absent::Unmanaged) {
            let top = change
                .path
                .split(['.', '['])
                .next()
                .unwrap_or_default()
                .to_owned();
            match top.as_str() {
                "tags" => tags_differ = true,
                "clientToken" => continue,
                "serviceName" | "cluster" | "launchType" | "role" | "schedulingStrategy" => {
                    blocked.push((change.clone(), format!("`{top}` is set when the service is created (ECS-J16): delete the service to change it, or keep the current value")));
                }
                "deploymentController" => {
                    blocked.push((
                        change.clone(),
                        "the deployment controller is set when the service is created (ECS-J16)"
                            .to_owned(),
                    ));
                }
                "capacityProviderStrategy" => force = true,
                _ => {}
            }
            changes.push(change);
        }
        if switches_to_strategy {
            force = true;
            changes.push(Change::new(
                "launchType",
                found
                    .service
                    .launch_type
                    .map(|t| Value::String(t.as_str().to_owned())),
                None,
            ));
        }
        if force {
            changes.push(Change::new(
                "forceNewDeployment",
                None,
                Some(Value::Bool(true)),
            ));
        }
        let mut ops = Vec::new();
        if changes.iter().any(|c| !c.path.starts_with("tags")) {
            ops.push(Op::UpdateService {
                service: Box::new(service.clone()),
                force_new_deployment: force,
            });
        }
        if tags_differ {
            ops.push(Op::TagService {
                arn: found.arn.clone(),
                service: Box::new(service.clone()),
            });
        }
        self.push(Step::compared(resource, changes, ops, blocked));
    }

    fn instances(&mut self) {
        for instance in &self.app.instances {
            let resource = Resource::Instance(instance.name.clone());
            if self.observed.instances.contains_key(&instance.name) {
                self.push(Step::compared(resource, Vec::new(), Vec::new(), Vec::new()));
            } else {
                self.push(Step::create(
                    resource,
                    vec![Op::RunInstance(Box::new(instance.clone()))],
                ));
            }
        }
    }
}
