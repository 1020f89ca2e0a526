//! The resources a deployment manages, named as a person reads them.

use std::fmt;

use ecs_model::Reference;

/// One resource of an application.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Resource {
    /// A CloudWatch Logs group.
    LogGroup(String),
    /// An IAM role.
    Role(String),
    /// An IAM instance profile.
    InstanceProfile(String),
    /// An EC2 security group, by name.
    SecurityGroup(String),
    /// The inbound rules of a security group, by the group's name.
    SecurityGroupRules(String),
    /// An ELBv2 load balancer.
    LoadBalancer(String),
    /// An ELBv2 target group.
    TargetGroup(String),
    /// A listener, by its load balancer's name and port.
    Listener {
        /// The load balancer's name.
        load_balancer: String,
        /// The port.
        port: i32,
    },
    /// A listener rule, by its listener and priority.
    ListenerRule {
        /// The listener (`load-balancer:port`, or its ARN).
        listener: String,
        /// The priority.
        priority: i32,
    },
    /// An ECS cluster.
    Cluster(String),
    /// An ECS capacity provider.
    CapacityProvider(String),
    /// The capacity providers and default strategy of a cluster.
    ClusterCapacityProviders(String),
    /// A task definition family.
    TaskDefinition(String),
    /// An ECS service.
    Service {
        /// The cluster.
        cluster: String,
        /// The service.
        name: String,
    },
    /// A service's auto scaling: its scalable target, policies and scheduled actions.
    Scaling {
        /// The cluster.
        cluster: String,
        /// The service.
        service: String,
    },
    /// An ECR repository, by name (with its lifecycle policy).
    Repository(String),
    /// An EFS file system, by creation token.
    FileSystem(String),
    /// An EFS mount target, by its file system and subnet.
    MountTarget {
        /// The file system's creation token.
        file_system: String,
        /// The subnet.
        subnet: String,
    },
    /// An EFS access point, by client token.
    AccessPoint(String),
    /// An EventBridge Scheduler schedule group.
    ScheduleGroup(String),
    /// An EventBridge Scheduler schedule.
    Schedule {
        /// Its group.
        group: String,
        /// Its name.
        name: String,
    },
    /// An EC2 instance, by its `Name` tag.
    Instance(String),
}

impl Resource {
    /// The API and kind: `ecs:service`, `iam:role`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::LogGroup(_) => "logs:log-group",
            Self::Role(_) => "iam:role",
            Self::InstanceProfile(_) => "iam:instance-profile",
            Self::SecurityGroup(_) => "ec2:security-group",
            Self::SecurityGroupRules(_) => "ec2:security-group-rules",
            Self::LoadBalancer(_) => "elbv2:load-balancer",
            Self::TargetGroup(_) => "elbv2:target-group",
            Self::Listener { .. } => "elbv2:listener",
            Self::ListenerRule { .. } => "elbv2:rule",
            Self::Cluster(_) => "ecs:cluster",
            Self::CapacityProvider(_) => "ecs:capacity-provider",
            Self::ClusterCapacityProviders(_) => "ecs:cluster-capacity-providers",
            Self::TaskDefinition(_) => "ecs:task-definition",
            Self::Service { .. } => "ecs:service",
            Self::Scaling { .. } => "application-autoscaling:scalable-target",
            Self::ScheduleGroup(_) => "scheduler:schedule-group",
            Self::Repository(_) => "ecr:repository",
            Self::FileSystem(_) => "efs:file-system",
            Self::MountTarget { .. } => "efs:mount-target",
            Self::AccessPoint(_) => "efs:access-point",
            Self::Schedule { .. } => "scheduler:schedule",
            Self::Instance(_) => "ec2:instance",
        }
    }

    /// The name.
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Self::LogGroup(n)
            | Self::Role(n)
            | Self::InstanceProfile(n)
            | Self::SecurityGroup(n)
            | Self::SecurityGroupRules(n)
            | Self::LoadBalancer(n)
            | Self::TargetGroup(n)
            | Self::Cluster(n)
            | Self::CapacityProvider(n)
            | Self::ClusterCapacityProviders(n)
            | Self::TaskDefinition(n)
            | Self::ScheduleGroup(n)
            | Self::FileSystem(n)
            | Self::Repository(n)
            | Self::AccessPoint(n)
            | Self::Instance(n) => n.clone(),
            Self::Listener {
                load_balancer,
                port,
            } => format!("{load_balancer}:{port}"),
            Self::ListenerRule { listener, priority } => format!("{listener}#{priority}"),
            Self::Service { cluster, name } => format!("{cluster}/{name}"),
            Self::Scaling { cluster, service } => format!("service/{cluster}/{service}"),
            Self::Schedule { group, name } => format!("{group}/{name}"),
            Self::MountTarget {
                file_system,
                subnet,
            } => format!("{file_system}#{subnet}"),
        }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind(), self.name())
    }
}

impl serde::Serialize for Resource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Resource", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("name", &self.name())?;
        s.end()
    }
}

/// The name of the load balancer a listener's `LoadBalancerArn` names: a reference's name, or
/// the name inside a real ARN (`…:loadbalancer/app/<name>/<id>`).
#[must_use]
pub(crate) fn load_balancer_name(arn_or_reference: &str) -> String {
    if let Some(reference) = Reference::parse(arn_or_reference) {
        return reference.name().to_owned();
    }
    arn_or_reference
        .split_once(":loadbalancer/")
        .and_then(|(_, rest)| rest.split('/').nth(1))
        .unwrap_or(arn_or_reference)
        .to_owned()
}

/// The last segment of an ARN (`…:cluster/prod` → `prod`, `…:role/path/app` → `app`); text
/// that is not an ARN is returned as it is.
#[must_use]
pub(crate) fn short_name(arn_or_name: &str) -> &str {
    ecs_model::Arn::parse(arn_or_name).map_or(arn_or_name, |arn| arn.resource_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_arns_and_references() {
        assert_eq!(load_balancer_name("{{load-balancer:web-alb}}"), "web-alb");
        assert_eq!(
            load_balancer_name(
                "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web-alb/50dc6c495c0c9188"
            ),
            "web-alb"
        );
        assert_eq!(short_name("arn:aws:ecs:us-east-1:1:cluster/prod"), "prod");
        assert_eq!(short_name("arn:aws:iam::1:role/service/app"), "app");
        assert_eq!(short_name("prod"), "prod");
        assert_eq!(
            Resource::Service {
                cluster: "prod".into(),
                name: "web".into()
            }
            .to_string(),
            "ecs:service prod/web"
        );
    }
}
