//! The plan: what a deployment would change, computed from the application and what exists,
//! with no IO. Each step names a resource, says whether it is created, updated, left alone or
//! blocked (a change the API only allows at creation, or one ecs-deploy does not make), lists the
//! fields that change, and carries the API calls that make it so. Every step compares the same
//! way (`compare.rs`), and the steps come in the application's creation order
//! ([`Application::creation_order`]).
//!
//! Lists whose order carries no meaning are compared sorted, so that reordering them is not a
//! change: tags (keyed by `key`); a service's subnets and security groups of its
//! `awsvpcConfiguration` (sets of ids: ECS may describe them in another order than they were
//! sent); a task definition's `requiresCompatibilities` (in the API's words "the task launch
//! type\[s\] that Amazon ECS validates the task definition against": a set), its App Mesh
//! proxy's `properties` (name/value pairs, keyed by name); a container's `environment` and
//! `secrets` (keyed by name, compared so by ecspresso and the Terraform provider too), `ulimits`
//! (one per `name`) and the Linux capabilities it adds and drops (sets). Lists whose order ECS
//! keeps are compared in order, as a change of it may mean something: containers, port
//! mappings, mount points, `command` and `entryPoint` (arguments), `dnsServers` and
//! `dnsSearchDomains` (resolvers are tried in order), load balancers and placement strategies
//! (a service's strategies apply one after another). The defaults ECS fills in are listed where
//! they are normalised (`normalize.rs`).

pub mod compare;
mod diff;
mod ec2;
mod ecr;
mod ecs;
mod elbv2;
mod iam;
mod logs;
mod normalize;
mod ownership;
mod render;
pub(crate) mod scheduling;

use ecs_model::alb::{Listener, ListenerRule, LoadBalancer, TargetGroup};
use ecs_model::application::Part;
use ecs_model::cluster::{CapacityProvider, Cluster, ClusterCapacityProviders, ContainerInstance};
use ecs_model::ecr::ImageRepository;
use ecs_model::efs::{AccessPoint, FileSystem, MountTarget};
use ecs_model::iam::{InstanceProfile, PolicyDocument, Role};
use ecs_model::network::{IngressRule, SecurityGroup};
use ecs_model::scaling::{ScalableTarget, ScalingPolicy, ScheduledAction};
use ecs_model::schedule::Schedule;
use ecs_model::service::Service;
use ecs_model::{Application, TaskDefinition};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub use diff::Change;
pub use ownership::OWNERSHIP_MARK;

use crate::resource::Resource;
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
    /// It differs in a way the API only allows at creation (or ecs-deploy does not change):
    /// nothing is done, and the plan cannot be applied until the resource is deleted or the
    /// application changed back.
    Blocked,
    /// It is the application's (its mark says so) but no longer in its definition, and the
    /// deployment prunes ([`DeployOptions::prune`](crate::DeployOptions::prune)): it is deleted.
    Delete,
}

/// A change the API only allows when the resource is created (`ECS-J16` for services), or one
/// ecs-deploy does not make yet; the reason says which.
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
    /// Whether the step takes over a resource ecs-deploy did not create for this application
    /// (`--adopt`): it is marked as the application's.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub adopted: bool,
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
    /// Each family's latest revision, which its service runs when no new one is registered.
    #[serde(skip)]
    pub(crate) task_definition_arns: BTreeMap<String, String>,
    /// The ARNs of the services that exist, by name.
    #[serde(skip)]
    pub(crate) service_arns: BTreeMap<String, String>,
    /// The application's name, the value of the mark on what the plan creates.
    #[serde(skip)]
    pub(crate) application: String,
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
    RegisterScalableTarget(Box<ScalableTarget>),
    /// A policy, and the load balancer and target group whose ARNs make its request-count
    /// label when they were not known at planning.
    PutScalingPolicy {
        policy: Box<ScalingPolicy>,
        label: Option<(String, String)>,
    },
    PutScheduledAction(Box<ScheduledAction>),
    CreateScheduleGroup(String),
    CreateRepository(Box<ImageRepository>),
    /// `PutLifecyclePolicy`, `PutImageTagMutability`, `PutImageScanningConfiguration`: each
    /// request as ECR takes it.
    PutLifecyclePolicy(Value),
    PutImageTagMutability(Value),
    PutImageScanningConfiguration(Value),
    CreateFileSystem(Box<FileSystem>),
    CreateMountTarget(Box<MountTarget>),
    CreateAccessPoint(Box<AccessPoint>),
    CreateSchedule(Box<Schedule>),
    UpdateSchedule(Box<Schedule>),
    RunInstance(Box<ContainerInstance>),
    DeleteSchedule {
        group: String,
        name: String,
    },
    DeregisterScalableTarget(String),
    DeleteService {
        cluster: String,
        name: String,
    },
    /// Adopting a resource: its `ecs-deploy:application` tag, by the id its tagging call takes.
    Mark {
        resource: Resource,
        id: String,
    },
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
            Self::RegisterScalableTarget(_) => "application-autoscaling:RegisterScalableTarget",
            Self::PutScalingPolicy { .. } => "application-autoscaling:PutScalingPolicy",
            Self::PutScheduledAction(_) => "application-autoscaling:PutScheduledAction",
            Self::CreateScheduleGroup(_) => "scheduler:CreateScheduleGroup",
            Self::CreateRepository(_) => "ecr:CreateRepository",
            Self::PutLifecyclePolicy(_) => "ecr:PutLifecyclePolicy",
            Self::PutImageTagMutability(_) => "ecr:PutImageTagMutability",
            Self::PutImageScanningConfiguration(_) => "ecr:PutImageScanningConfiguration",
            Self::CreateFileSystem(_) => "efs:CreateFileSystem",
            Self::CreateMountTarget(_) => "efs:CreateMountTarget",
            Self::CreateAccessPoint(_) => "efs:CreateAccessPoint",
            Self::CreateSchedule(_) => "scheduler:CreateSchedule",
            Self::UpdateSchedule(_) => "scheduler:UpdateSchedule",
            Self::RunInstance(_) => "ec2:RunInstances",
            Self::DeleteSchedule { .. } => "scheduler:DeleteSchedule",
            Self::DeregisterScalableTarget(_) => "application-autoscaling:DeregisterScalableTarget",
            Self::DeleteService { .. } => "ecs:DeleteService",
            Self::Mark { resource, .. } => match resource {
                Resource::Role(_) => "iam:TagRole",
                Resource::InstanceProfile(_) => "iam:TagInstanceProfile",
                Resource::SecurityGroup(_) => "ec2:CreateTags",
                Resource::LoadBalancer(_)
                | Resource::TargetGroup(_)
                | Resource::Listener { .. }
                | Resource::ListenerRule { .. } => "elbv2:AddTags",
                Resource::ScheduleGroup(_) => "scheduler:TagResource",
                Resource::FileSystem(_) | Resource::AccessPoint(_) => "efs:TagResource",
                Resource::Repository(_) => "ecr:TagResource",
                _ => "ecs:TagResource",
            },
        }
    }
}

impl Step {
    fn new(resource: Resource, action: Action, changes: Vec<Change>, ops: Vec<Op>) -> Self {
        Self {
            resource,
            action,
            changes,
            adopted: false,
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
    /// The plan that makes what exists (`observed`) into `app`: one step per part of the
    /// application, in its creation order. Changes to resources the application does not own
    /// are blocked (see [`OWNERSHIP_MARK`]).
    #[must_use]
    pub fn new(app: &Application, observed: &Observed) -> Self {
        Self::planned(app, observed, false)
    }

    /// As [`new`](Self::new), but resources the application does not own are adopted: changed,
    /// and marked as its own.
    #[must_use]
    pub fn adopting(app: &Application, observed: &Observed) -> Self {
        Self::planned(app, observed, true)
    }

    fn planned(app: &Application, observed: &Observed, adopt: bool) -> Self {
        let mut planner = Planner {
            app,
            observed,
            ids: Ids::of(observed),
            steps: Vec::new(),
            registers: BTreeSet::new(),
        };
        for part in app.creation_order() {
            planner.part(part);
        }
        planner.prune();
        let application = app.name.clone();
        let mut steps = planner.steps;
        ownership::enforce(&mut steps, observed, &application, adopt);
        Self {
            steps,
            ids: planner.ids,
            task_definition_arns: app
                .task_definitions()
                .filter_map(|td| {
                    let arn = observed.latest_task_definition_arn(&td.family)?;
                    Some((td.family.to_string(), arn.to_owned()))
                })
                .collect(),
            service_arns: observed
                .services
                .iter()
                .map(|(name, s)| (name.clone(), s.arn.clone()))
                .collect(),
            application,
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
    let rules = compare::Rules {
        create_only: Service::CREATE_ONLY,
        ignored: &["tags"],
        ..compare::Rules::new("service")
    };
    let found = compare::compare(before, after, &rules);
    found
        .changes
        .into_iter()
        .filter(|c| !found.blocked.iter().any(|(b, _)| b == c))
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

/// Plans each part of an application, in order; the family files (`logs.rs`, `iam.rs`, `ec2.rs`,
/// `elbv2.rs`, `ecs.rs`) hold one method per kind of part.
struct Planner<'a> {
    app: &'a Application,
    observed: &'a Observed,
    ids: Ids,
    steps: Vec<Step>,
    /// The families of which this deployment registers a new revision: set by the task
    /// definitions' parts, which come before the services', and read by them.
    registers: BTreeSet<String>,
}

impl Planner<'_> {
    fn push(&mut self, step: Step) {
        self.steps.push(step);
    }

    fn part(&mut self, part: Part<'_>) {
        match part {
            Part::LogGroup(group) => self.log_group(group),
            Part::Role(role) => self.role(role),
            Part::InstanceProfile(profile) => self.instance_profile(profile),
            Part::SecurityGroup(group) => self.security_group(group),
            Part::SecurityGroupRules(group) => self.security_group_rules(group),
            Part::LoadBalancer(lb) => self.load_balancer(lb),
            Part::TargetGroup(tg) => self.target_group(tg),
            Part::Listener(listener) => self.listener(listener),
            Part::ListenerRule(rule) => self.listener_rule(rule),
            Part::Cluster(cluster) => self.cluster(cluster),
            Part::CapacityProvider(provider) => self.capacity_provider(provider),
            Part::ClusterCapacityProviders(cluster) => self.cluster_capacity_providers(cluster),
            Part::TaskDefinition(td) => self.task_definition(td),
            Part::Service(service) => self.service(service),
            Part::Repository(repository) => self.repository(repository),
            Part::FileSystem(fs) => {
                let resource = Resource::FileSystem(fs.name().to_owned());
                let exists = self.observed.file_systems.contains_key(fs.name());
                self.exists_or(resource, exists, || {
                    vec![Op::CreateFileSystem(Box::new(fs.clone()))]
                });
            }
            Part::AccessPoint(ap) => {
                let resource = Resource::AccessPoint(ap.name().to_owned());
                let exists = self.observed.access_points.contains_key(ap.name());
                self.exists_or(resource, exists, || {
                    vec![Op::CreateAccessPoint(Box::new(ap.clone()))]
                });
            }
            Part::MountTarget(mt) => {
                let file_system = mt
                    .file_system_name()
                    .unwrap_or_else(|| mt.file_system_id.to_string());
                let key = (file_system.clone(), mt.subnet_id.to_string());
                let exists = self.observed.mount_targets.contains_key(&key);
                let resource = Resource::MountTarget {
                    file_system,
                    subnet: mt.subnet_id.to_string(),
                };
                self.exists_or(resource, exists, || {
                    vec![Op::CreateMountTarget(Box::new(mt.clone()))]
                });
            }
            Part::Scaling(scaling) => self.scaling(scaling),
            Part::Schedule(schedule) => self.schedule(schedule),
            Part::Instance(instance) => self.instance(instance),
        }
    }

    /// The deletion of what is the application's but not in its definition any more (observed
    /// only when pruning): schedules first, then services with their scaling.
    fn prune(&mut self) {
        for orphan in &self.observed.orphans {
            let ops = match orphan {
                Resource::Schedule { group, name } => vec![Op::DeleteSchedule {
                    group: group.clone(),
                    name: name.clone(),
                }],
                Resource::Service { cluster, name } => {
                    let id = ecs_model::scaling::service_resource_id(cluster, name);
                    let mut ops = Vec::new();
                    if self.observed.scaling.contains_key(&id) {
                        ops.push(Op::DeregisterScalableTarget(id));
                    }
                    ops.push(Op::DeleteService {
                        cluster: cluster.clone(),
                        name: name.clone(),
                    });
                    ops
                }
                _ => continue,
            };
            self.push(Step::new(orphan.clone(), Action::Delete, Vec::new(), ops));
        }
    }

    /// A step of something that exists or not, with nothing to compare.
    fn exists_or(&mut self, resource: Resource, exists: bool, create: impl FnOnce() -> Vec<Op>) {
        if exists {
            self.push(Step::compared(resource, Vec::new(), Vec::new(), Vec::new()));
        } else {
            self.push(Step::create(resource, create()));
        }
    }
}
