//! What exists in AWS now, as the model sees it: read by [`observe`](crate::observe), compared
//! by [`Plan::new`](crate::Plan::new).

use std::collections::{BTreeMap, BTreeSet};

use ecs_model::Reference;
use ecs_model::TaskDefinition;
use ecs_model::alb::{Listener, ListenerRule, LoadBalancer, TargetGroup};
use ecs_model::cluster::{CapacityProvider, Cluster};
use ecs_model::iam::PolicyDocument;
use ecs_model::network::SecurityGroup;
use ecs_model::service::Service;

/// A resource that exists, with the id AWS gave it (an ARN, a group id).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Found<T> {
    /// The ARN or id.
    pub id: String,
    /// What it is.
    pub value: T,
}

impl<T> Found<T> {
    /// `value`, known by `id`.
    pub fn new(id: impl Into<String>, value: T) -> Self {
        Self {
            id: id.into(),
            value,
        }
    }
}

/// A role as IAM has it.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ObservedRole {
    /// The ARN.
    pub arn: String,
    /// Who may assume it.
    pub trust_policy: Option<PolicyDocument>,
    /// Inline policies by name.
    pub inline_policies: BTreeMap<String, PolicyDocument>,
    /// Attached managed policies.
    pub managed_policy_arns: BTreeSet<String>,
}

/// A service as ECS describes it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ObservedService {
    /// The ARN.
    pub arn: String,
    /// `ACTIVE` or `DRAINING` (an `INACTIVE` service counts as absent).
    pub status: String,
    /// Its definition, in the model's terms.
    pub service: Service,
    /// Tasks running now.
    pub running_count: i32,
}

impl ObservedService {
    /// An `ACTIVE` service known by `arn`, running `running_count` tasks.
    pub fn new(arn: impl Into<String>, service: Service, running_count: i32) -> Self {
        Self {
            arn: arn.into(),
            status: "ACTIVE".to_owned(),
            service,
            running_count,
        }
    }
}

/// Everything of an application that exists, by name.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Observed {
    /// Log groups.
    pub log_groups: BTreeSet<String>,
    /// Roles.
    pub roles: BTreeMap<String, ObservedRole>,
    /// Instance profiles and the roles in them.
    pub instance_profiles: BTreeMap<String, Found<Vec<String>>>,
    /// Security groups.
    pub security_groups: BTreeMap<String, Found<SecurityGroup>>,
    /// Load balancers.
    pub load_balancers: BTreeMap<String, Found<LoadBalancer>>,
    /// Target groups.
    pub target_groups: BTreeMap<String, Found<TargetGroup>>,
    /// Listeners, by load balancer name and port.
    pub listeners: BTreeMap<(String, i32), Found<Listener>>,
    /// Rules, by listener ARN and priority.
    pub rules: BTreeMap<(String, i32), Found<ListenerRule>>,
    /// The cluster, when it is `ACTIVE`.
    pub cluster: Option<Found<Cluster>>,
    /// Capacity providers that are `ACTIVE`.
    pub capacity_providers: BTreeMap<String, Found<CapacityProvider>>,
    /// Each family's latest `ACTIVE` revision (with its registration: ARN, revision), by family.
    pub task_definitions: BTreeMap<String, TaskDefinition>,
    /// The services, by name, unless absent or `INACTIVE`.
    pub services: BTreeMap<String, ObservedService>,
    /// Services' scaling, by `ResourceId`, as Application Auto Scaling describes it (only for
    /// registered services).
    pub scaling: BTreeMap<String, crate::autoscaling::Described>,
    /// Schedule groups that exist, by name, with their ARNs.
    pub schedule_groups: BTreeMap<String, String>,
    /// Schedules as `GetSchedule` answers, by `group/name`.
    pub schedules: BTreeMap<String, serde_json::Value>,
    /// ECR repositories, by name.
    pub repositories: BTreeMap<String, ObservedRepository>,
    /// EFS file systems, by creation token, with their ids.
    pub file_systems: BTreeMap<String, String>,
    /// Their mount targets, by file system (creation token) and subnet, with their ids.
    pub mount_targets: BTreeMap<(String, String), String>,
    /// Their access points, by client token, with their ids.
    pub access_points: BTreeMap<String, String>,
    /// Running or pending instances, by `Name` tag, with their ids.
    pub instances: BTreeMap<String, String>,
    /// What is marked as the application's but not in its definition (read only when
    /// pruning): services of its cluster, schedules of its groups. Schedules come first.
    pub orphans: Vec<crate::Resource>,
    /// Who owns each existing resource that can be changed in place: its id and the
    /// application its `ecs-deploy:application` tag names, if it has one.
    pub owners: BTreeMap<crate::Resource, Owner>,
}

/// An ECR repository as ECR describes it.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ObservedRepository {
    /// `DescribeRepositories`' entry: its ARN, URI, tag mutability, scanning and encryption.
    pub described: serde_json::Value,
    /// Its lifecycle policy, if it has one.
    pub lifecycle_policy: Option<serde_json::Value>,
}

/// An existing resource's id (what its tagging call takes) and the application it is marked
/// as belonging to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Owner {
    /// The name, ARN or id its tagging call takes.
    pub id: String,
    /// The value of its `ecs-deploy:application` tag.
    pub application: Option<String>,
}

impl Owner {
    /// Resource `id`, marked as `application`'s (or not marked).
    pub fn new(id: impl Into<String>, application: Option<String>) -> Self {
        Self {
            id: id.into(),
            application,
        }
    }
}

/// The ids of the application's resources, for the [`Reference`] tokens in its documents.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Ids {
    ids: BTreeMap<Reference, String>,
}

impl Observed {
    /// Adds what `other` found (read concurrently, each part into its own).
    pub(crate) fn absorb(&mut self, other: Observed) {
        let Observed {
            log_groups,
            roles,
            instance_profiles,
            security_groups,
            load_balancers,
            target_groups,
            listeners,
            rules,
            cluster,
            capacity_providers,
            task_definitions,
            services,
            scaling,
            schedule_groups,
            schedules,
            repositories,
            file_systems,
            mount_targets,
            access_points,
            instances,
            orphans,
            owners,
        } = other;
        self.log_groups.extend(log_groups);
        self.roles.extend(roles);
        self.instance_profiles.extend(instance_profiles);
        self.security_groups.extend(security_groups);
        self.load_balancers.extend(load_balancers);
        self.target_groups.extend(target_groups);
        self.listeners.extend(listeners);
        self.rules.extend(rules);
        if cluster.is_some() {
            self.cluster = cluster;
        }
        self.capacity_providers.extend(capacity_providers);
        self.task_definitions.extend(task_definitions);
        self.services.extend(services);
        self.scaling.extend(scaling);
        self.schedule_groups.extend(schedule_groups);
        self.schedules.extend(schedules);
        self.repositories.extend(repositories);
        self.file_systems.extend(file_systems);
        self.mount_targets.extend(mount_targets);
        self.access_points.extend(access_points);
        self.instances.extend(instances);
        self.orphans.extend(orphans);
        self.owners.extend(owners);
    }

    /// The ARN of `family`'s latest revision, when one is registered.
    #[must_use]
    pub fn latest_task_definition_arn(&self, family: &str) -> Option<&str> {
        self.task_definitions
            .get(family)
            .and_then(|td| td.registration.as_ref())
            .and_then(|r| r.task_definition_arn.as_deref())
    }
}

impl Ids {
    /// The ids of what exists.
    #[must_use]
    pub fn of(observed: &Observed) -> Self {
        let mut ids = Self::default();
        for (name, found) in &observed.security_groups {
            ids.insert(Reference::security_group(name), found.id.clone());
        }
        for (name, found) in &observed.load_balancers {
            ids.insert(Reference::load_balancer(name), found.id.clone());
        }
        for (name, found) in &observed.target_groups {
            ids.insert(Reference::target_group(name), found.id.clone());
        }
        for ((lb, port), found) in &observed.listeners {
            ids.insert(Reference::listener(lb, *port), found.id.clone());
        }
        for (name, id) in &observed.file_systems {
            ids.insert(Reference::file_system(name), id.clone());
        }
        for (name, id) in &observed.access_points {
            ids.insert(Reference::access_point(name), id.clone());
        }
        ids
    }

    /// Records every id of `other`.
    pub fn extend(&mut self, other: Ids) {
        self.ids.extend(other.ids);
    }

    /// Records the id of `reference`.
    pub fn insert(&mut self, reference: Reference, id: String) {
        self.ids.insert(reference, id);
    }

    /// The id of `reference`, if known.
    #[must_use]
    pub fn get(&self, reference: &Reference) -> Option<&str> {
        self.ids.get(reference).map(String::as_str)
    }

    /// `value` with every token whose id is known replaced by it.
    pub fn resolve(&self, value: &mut serde_json::Value) {
        ecs_model::resolve_tokens(value, &mut |r| self.get(r).map(str::to_owned));
    }

    /// `model` with every token whose id is known replaced by it.
    ///
    /// # Errors
    /// Never for the model's own types (they render and parse the same JSON).
    pub fn resolved<T>(&self, model: &T) -> Result<T, serde_json::Error>
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        let mut value = serde_json::to_value(model)?;
        self.resolve(&mut value);
        serde_json::from_value(value)
    }
}
