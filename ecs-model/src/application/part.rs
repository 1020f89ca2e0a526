//! The parts of an application, as [`Application::creation_order`](super::Application::creation_order)
//! lists them.

use crate::alb::{Listener, ListenerRule, LoadBalancer, TargetGroup};
use crate::cluster::{CapacityProvider, Cluster, ContainerInstance};
use crate::ecr::ImageRepository;
use crate::efs::{AccessPoint, FileSystem, MountTarget};
use crate::iam::{InstanceProfile, Role};
use crate::network::SecurityGroup;
use crate::scaling::ServiceScaling;
use crate::schedule::Schedule;
use crate::service::Service;
use crate::task_definition::TaskDefinition;

/// One resource of an application, or one aspect of a resource that is created in a step of its
/// own (a security group's rules, a cluster's capacity providers).
///
/// Not `#[non_exhaustive]`: a new kind of part is a breaking change, so that a deployer that
/// walks the parts cannot skip one it does not know.
#[derive(Debug, Clone, Copy, PartialEq)]
#[allow(clippy::exhaustive_enums)] // on purpose, as above
pub enum Part<'a> {
    /// A CloudWatch Logs group the application creates (the agent creates the groups its
    /// containers mark `awslogs-create-group`).
    LogGroup(&'a str),
    /// An ECR repository and its lifecycle policy: first, so that CI can push to it before
    /// anything runs its images.
    Repository(&'a ImageRepository),
    /// An EFS file system: before the roles, whose policies may name it.
    FileSystem(&'a FileSystem),
    /// An EFS access point: after its file system.
    AccessPoint(&'a AccessPoint),
    /// An IAM role.
    Role(&'a Role),
    /// An instance profile: after its role.
    InstanceProfile(&'a InstanceProfile),
    /// A security group, without its rules.
    SecurityGroup(&'a SecurityGroup),
    /// A security group's inbound rules: after every group, since a rule may admit another group
    /// of the application (two groups may admit each other).
    SecurityGroupRules(&'a SecurityGroup),
    /// An EFS mount target: after its file system and security groups.
    MountTarget(&'a MountTarget),
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
    /// A task definition: after its roles and log groups.
    TaskDefinition(&'a TaskDefinition),
    /// A service: after its cluster, task definition, target groups and listeners.
    Service(&'a Service),
    /// A service's auto scaling (its scalable target, policies and scheduled actions): after
    /// the service.
    Scaling(&'a ServiceScaling),
    /// A schedule: after its role, cluster and task definition.
    Schedule(&'a Schedule),
    /// A container instance: after its instance profile, security groups and cluster.
    Instance(&'a ContainerInstance),
}
