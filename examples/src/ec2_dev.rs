//! ECS on one small EC2 instance, for development.
//!
//! The console steps: an ECS-optimized Amazon Linux 2023 instance with the `ecsInstanceRole`
//! instance profile, and user data that writes `ECS_CLUSTER` so the agent joins this cluster
//! rather than `default`. Two classic failures of this setup are caught before deployment: an
//! instance role without `AmazonEC2ContainerServiceforEC2Role` (the agent's
//! `ecs:RegisterContainerInstance` is denied), and a security group that does not open the
//! dynamic host ports of `bridge` tasks.

use ecs_model::cluster::{AgentConfig, Cluster, ContainerInstance, EcsOptimizedAmi};
use ecs_model::iam::{InstanceProfile, Role};
use ecs_model::network::{IngressRule, SecurityGroup, Source};
use ecs_model::service::Service;
use ecs_model::{
    Account, Application, ContainerDefinition, LogConfiguration, Reference, TaskDefinition,
    Workload,
};

/// The development cluster.
pub const CLUSTER: &str = "dev-cluster";
/// The placeholder account of the example.
pub const ACCOUNT: &str = "123456789012";
/// The region.
pub const REGION: &str = "ap-northeast-2";
/// The VPC (placeholder id).
pub const VPC: &str = "vpc-0a1b2c3d4e5f60000";
/// The subnet the instance starts in (placeholder id).
pub const SUBNET: &str = "subnet-0a1b2c3d4e5f60001";
/// Who may SSH in to read `docker logs ecs-agent` when the agent does not join.
pub const ADMIN_CIDR: &str = "203.0.113.0/24";

/// The agent configuration: join `dev-cluster`.
#[must_use]
pub fn agent() -> AgentConfig {
    AgentConfig::new(CLUSTER)
}

/// The application: the cluster, `ecsInstanceRole` and its instance profile, one `t3.small`
/// instance that joins the cluster, and one `bridge`-mode task of nginx on a dynamic host port,
/// run by an EC2 service.
///
/// # Panics
/// Never: the application is valid, which its tests check.
#[must_use]
pub fn application() -> Application {
    application_for(ACCOUNT, VPC, SUBNET)
}

/// [`application`] in another account, VPC and subnet (where `--apply` deploys it).
///
/// # Panics
/// Never: the application is valid, which its tests check.
#[must_use]
pub fn application_for(account: &str, vpc: &str, subnet: &str) -> Application {
    let account = Account::new(account, REGION);
    // The console's `ecsInstanceRole`, and the instance profile of the same name that carries it.
    let (role, profile) = (Role::ecs_instance(), InstanceProfile::ecs_instance());
    let instance_sg = SecurityGroup::builder(
        "dev-instance-sg",
        "SSH from the office, HTTP to the dev task",
        vpc,
    )
    .allow(
        IngressRule::tcp(22, Source::Cidr(ADMIN_CIDR.to_owned()))
            .described("SSH for debugging the agent"),
    )
    .allow(
        IngressRule::tcp_range(32768, 65535, Source::Cidr(ADMIN_CIDR.to_owned()))
            .described("dynamic host ports"),
    );
    let instance = ContainerInstance::builder(
        "dev-ecs-instance",
        "t3.small",
        EcsOptimizedAmi::AmazonLinux2023,
        "ecsInstanceRole",
        agent(),
    )
    .subnet(subnet)
    .security_group(Reference::security_group("dev-instance-sg"))
    .key_name("dev-key");
    let task_definition = TaskDefinition::ec2_bridge("dev-web")
        .container(
            ContainerDefinition::builder("web", "public.ecr.aws/nginx/nginx:1.27")
                .memory_reservation(128)
                .memory(256)
                .port(80)
                .log_configuration(LogConfiguration::awslogs("/ecs/dev-web", REGION, "ecs")),
        )
        .build()
        .expect("the dev task definition is valid");
    let service = Service::ec2("dev-web", CLUSTER, "dev-web")
        .desired_count(1)
        .build()
        .expect("the dev service is valid");
    Application::builder("dev-web", account, Cluster::builder(CLUSTER))
        .workload(Workload::builder(task_definition).service(service))
        .role(role)
        .instance_profile(profile)
        .security_group(instance_sg)
        .instance(instance)
        .build()
        .expect("the dev application is valid")
}
