//! The application's resources in the order they must be created: the one order that both
//! [`Application::requests`] and `ecs-deploy`'s plan follow.

use super::Application;
use crate::alb::{Listener, ListenerRule, LoadBalancer, TargetGroup};
use crate::cluster::{CapacityProvider, Cluster, ContainerInstance};
use crate::iam::{InstanceProfile, Role};
use crate::network::SecurityGroup;
use crate::service::Service;
use crate::task_definition::TaskDefinition;

/// One resource of an application, or one aspect of a resource that is created in a step of its
/// own (a security group's rules, a cluster's capacity providers).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Part<'a> {
    /// A CloudWatch Logs group the application creates (the agent creates the groups its
    /// containers mark `awslogs-create-group`).
    LogGroup(&'a str),
    /// An IAM role (execution, task, then the others).
    Role(&'a Role),
    /// An instance profile: after its role.
    InstanceProfile(&'a InstanceProfile),
    /// A security group, without its rules.
    SecurityGroup(&'a SecurityGroup),
    /// A security group's inbound rules: after every group, since a rule may admit another group
    /// of the application (two groups may admit each other).
    SecurityGroupRules(&'a SecurityGroup),
    /// A load balancer: after its security groups.
    LoadBalancer(&'a LoadBalancer),
    /// A target group.
    TargetGroup(&'a TargetGroup),
    /// A listener: after its load balancer and the target groups it forwards to.
    Listener(&'a Listener),
    /// A listener rule: after its listener.
    ListenerRule(&'a ListenerRule),
    /// The cluster; created without the capacity providers the application creates, which do
    /// not exist yet.
    Cluster(&'a Cluster),
    /// A capacity provider the application creates.
    CapacityProvider(&'a CapacityProvider),
    /// The cluster's capacity providers and default strategy, once the providers exist. Only
    /// when the cluster names providers or a strategy.
    ClusterCapacityProviders(&'a Cluster),
    /// The task definition: after its roles and log groups.
    TaskDefinition(&'a TaskDefinition),
    /// The service: after its cluster, task definition, target groups and listeners.
    Service(&'a Service),
    /// A container instance: after its instance profile, security groups and cluster.
    Instance(&'a ContainerInstance),
}

impl Application {
    /// Every resource in the order of creation: what exists before what names it.
    #[must_use]
    pub fn creation_order(&self) -> Vec<Part<'_>> {
        let mut parts = Vec::new();
        for (group, created_by_agent) in self.log_groups() {
            if !created_by_agent {
                parts.push(Part::LogGroup(group));
            }
        }
        parts.extend(self.all_roles().map(Part::Role));
        parts.extend(self.instance_profiles.iter().map(Part::InstanceProfile));
        parts.extend(self.security_groups.iter().map(Part::SecurityGroup));
        parts.extend(self.security_groups.iter().map(Part::SecurityGroupRules));
        parts.extend(self.load_balancers.iter().map(Part::LoadBalancer));
        parts.extend(self.target_groups.iter().map(Part::TargetGroup));
        parts.extend(self.listeners.iter().map(Part::Listener));
        parts.extend(self.listener_rules.iter().map(Part::ListenerRule));
        parts.push(Part::Cluster(&self.cluster));
        parts.extend(self.capacity_providers.iter().map(Part::CapacityProvider));
        let cluster = &self.cluster;
        if !cluster.capacity_providers.is_empty()
            || !cluster.default_capacity_provider_strategy.is_empty()
        {
            parts.push(Part::ClusterCapacityProviders(cluster));
        }
        parts.push(Part::TaskDefinition(&self.task_definition));
        parts.extend(self.service.iter().map(Part::Service));
        parts.extend(self.instances.iter().map(Part::Instance));
        parts
    }

    /// Whether the application creates capacity providers: the cluster is then created before
    /// them, without them, and gets them by `PutClusterCapacityProviders`.
    #[must_use]
    pub fn creates_capacity_providers(&self) -> bool {
        !self.capacity_providers.is_empty()
    }

    /// The cluster as `CreateCluster` takes it: without the capacity providers the application
    /// creates, which exist only after the cluster does.
    #[must_use]
    pub fn cluster_to_create(&self) -> Cluster {
        let mut cluster = self.cluster.clone();
        if self.creates_capacity_providers() {
            cluster.capacity_providers.clear();
            cluster.default_capacity_provider_strategy.clear();
        }
        cluster
    }
}
