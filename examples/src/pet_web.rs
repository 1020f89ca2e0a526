//! A Next.js container on Fargate behind an ALB, as the ECS console walk-through sets it up.
//!
//! The console steps: family `pet-web-task`, Fargate, `Linux/X86_64`, 0.5 vCPU, 1 GB; container
//! `nextjs-container` from ECR on port 8080 (`nextjs-port`, TCP); `NODE_ENV=production`,
//! `PORT=8080`, `HOSTNAME=0.0.0.0`; awslogs to `/ecs/pet-web-task` in ap-northeast-2 with prefix
//! `ecs`; health check `curl -f http://localhost:8080/api/health || exit 1` every 30 s, 5 s
//! timeout, 3 retries.

use ecs_model::task_definition::CpuArchitecture;
use ecs_model::{ContainerDefinition, HealthCheck, LogConfiguration, PortMapping, TaskDefinition};

/// The placeholder account of the example.
pub const ACCOUNT: &str = "123456789012";
/// The region (Seoul).
pub const REGION: &str = "ap-northeast-2";
/// The image CI pushes (with CodeBuild, say).
pub const IMAGE: &str = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest";

/// The web container, as a builder (the image tag usually comes from CI).
pub fn container() -> ecs_model::ContainerDefinitionBuilder {
    ContainerDefinition::builder("nextjs-container", IMAGE)
        .port(PortMapping::tcp(8080).named("nextjs-port"))
        .essential(true)
        .env("NODE_ENV", "production")
        .env("PORT", "8080")
        .env("HOSTNAME", "0.0.0.0")
        .log_configuration(LogConfiguration::awslogs(
            "/ecs/pet-web-task",
            REGION,
            "ecs",
        ))
        .health_check(
            HealthCheck::shell("curl -f http://localhost:8080/api/health || exit 1")
                .interval(30)
                .timeout(5)
                .retries(3),
        )
}

/// The task definition.
///
/// # Panics
/// Never: the definition is valid, which its tests check.
#[must_use]
pub fn task_definition() -> TaskDefinition {
    TaskDefinition::fargate("pet-web-task", "0.5 vCPU", "1 GB")
        .linux(CpuArchitecture::X86_64)
        .execution_role_arn(format!("arn:aws:iam::{ACCOUNT}:role/ecsTaskExecutionRole"))
        .container(container())
        .build()
        .expect("the pet-web task definition is valid")
}

/// The same service, declared once on its own config struct: the derive twin of
/// [`container`] and [`task_definition`], rendering byte-identical JSON.
pub mod derived {
    /// The configuration the Next.js service reads, and the container it runs in.
    #[derive(Debug, Clone, PartialEq, ecs_model::Container)]
    #[ecs(
        name = "nextjs-container",
        image = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest",
        port(8080, name = "nextjs-port"),
        essential,
        awslogs(
            group = "/ecs/pet-web-task",
            region = "ap-northeast-2",
            stream_prefix = "ecs"
        ),
        health_check(
            shell = "curl -f http://localhost:8080/api/health || exit 1",
            interval = 30,
            timeout = 5,
            retries = 3,
        )
    )]
    pub struct PetWeb {
        /// `production` in the task definition.
        #[ecs(env = "NODE_ENV", default = "production")]
        pub node_env: String,
        /// The port Next.js listens on.
        #[ecs(env, default = 8080)]
        pub port: u16,
        /// The address Next.js binds.
        #[ecs(env, default = "0.0.0.0")]
        pub hostname: String,
    }

    /// The task: one Fargate container, 0.5 vCPU and 1 GB.
    #[derive(Debug, Clone, PartialEq, ecs_model::Task)]
    #[ecs(
        family = "pet-web-task",
        fargate(cpu = "0.5 vCPU", memory = "1 GB"),
        runtime_platform(os = "LINUX", cpu_architecture = "X86_64"),
        execution_role_arn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
    )]
    pub struct PetWebTask {
        /// The Next.js container.
        pub web: PetWeb,
    }
}

/// The VPC (the default VPC; placeholder ids).
pub const VPC: &str = "vpc-0a1b2c3d4e5f60000";
/// Subnets in `ap-northeast-2a` and `ap-northeast-2b`, for the ALB and the
/// service alike.
pub const SUBNETS: [&str; 2] = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"];

/// The whole application: cluster `pet-web-cluster`, the Fargate service
/// `pet-web-task-service` with 2 tasks in two subnets behind ALB `pet-web-alb` (target group
/// `pet-web-tg` on 8080, an `HTTP:80` listener), the security groups `pet-web-alb-sg` (80/443 from
/// the internet) and `pet-web-ecs-sg` (8080 from the ALB only), and both roles with
/// least-privilege policies.
///
/// Granting `elasticloadbalancing:RegisterTargets` and friends to the execution role is a common
/// suggestion, but ECS registers targets with its service-linked role, so the execution policy here grants
/// only what the task definition uses (ECR pull of `pet-web`, logs to `/ecs/pet-web-task`).
///
/// # Panics
/// Never: the application is valid, which its tests check.
#[must_use]
pub fn application() -> ecs_model::Application {
    application_for(ACCOUNT, VPC, SUBNETS)
}

/// [`application`] in another account, VPC and subnets (where `--apply` deploys it).
///
/// # Panics
/// Never: the application is valid, which its tests check.
#[must_use]
pub fn application_for(account: &str, vpc: &str, subnets: [&str; 2]) -> ecs_model::Application {
    use ecs_model::alb::{Action, Listener, LoadBalancer, TargetGroup};
    use ecs_model::cluster::{Cluster, ContainerInsights};
    use ecs_model::iam::{ExecutionPolicyOptions, Role, execution_policy};
    use ecs_model::network::SecurityGroup;
    use ecs_model::service::Service;
    use ecs_model::{Account, Application, Reference, Workload};

    let account = Account::new(account, REGION);
    let mut task_definition = task_definition();
    task_definition.execution_role_arn = None;
    let execution = Role::ecs_task_execution("pet-web-execution-role", &account).inline_policy(
        "execution",
        execution_policy(
            &task_definition,
            &account,
            &ExecutionPolicyOptions::default(),
        ),
    );
    let task_role = Role::ecs_task("pet-web-task-role", &account);
    // Resources refer to each other by name until AWS assigns their ids.
    let (alb_sg, ecs_sg, alb, tg) = (
        "pet-web-alb-sg",
        "pet-web-ecs-sg",
        "pet-web-alb",
        "pet-web-tg",
    );
    let alb_group = SecurityGroup::public_load_balancer(alb_sg, vpc);
    let ecs_group = SecurityGroup::service_behind(ecs_sg, vpc, alb_sg, 8080);
    let target_group = TargetGroup::ip(tg, 8080, vpc)
        .health_check_path("/api/health")
        .health_check_timing(30, 5, 2, 3)
        .matcher("200-399")
        .deregistration_delay(30);
    let load_balancer =
        LoadBalancer::application(alb, subnets).security_group(Reference::security_group(alb_sg));
    let listener = Listener::http(
        Reference::load_balancer(alb),
        80,
        Action::forward(Reference::target_group(tg)),
    );
    let service = Service::fargate("pet-web-task-service", "pet-web-cluster", "pet-web-task")
        .desired_count(2)
        .platform_version("LATEST")
        .subnets(subnets)
        .security_group(Reference::security_group(ecs_sg))
        .assign_public_ip(true)
        .load_balancer(Reference::target_group(tg), "nextjs-container", 8080)
        .health_check_grace_period(60)
        .tag("Name", "pet-web-task-service")
        .tag("Environment", "production")
        .build()
        .expect("the pet-web service is valid");

    Application::builder(
        "pet-web",
        account,
        Cluster::builder("pet-web-cluster").container_insights(ContainerInsights::Enabled),
    )
    .workload(
        Workload::builder(task_definition)
            .execution_role(execution)
            .task_role(task_role)
            .service(service),
    )
    .security_group(alb_group)
    .security_group(ecs_group)
    .load_balancer(load_balancer)
    .target_group(target_group)
    .listener(listener)
    .build()
    .expect("the pet-web application is valid")
}
