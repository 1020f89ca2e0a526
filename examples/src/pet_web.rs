//! Seed `002` (`002_cfa2489d8a7b5866.txt`): a Next.js container on Fargate behind an ALB.
//!
//! The console steps: family `pet-web-task`, Fargate, `Linux/X86_64`, 0.5 vCPU, 1 GB; container
//! `nextjs-container` from ECR on port 8080 (`nextjs-port`, TCP); `NODE_ENV=production`,
//! `PORT=8080`, `HOSTNAME=0.0.0.0`; awslogs to `/ecs/pet-web-task` in ap-northeast-2 with prefix
//! `ecs`; health check `curl -f http://localhost:8080/api/health || exit 1` every 30 s, 5 s
//! timeout, 3 retries.

use ecs_model::task_definition::CpuArchitecture;
use ecs_model::{ContainerDefinition, HealthCheck, LogConfiguration, PortMapping, TaskDefinition};

/// The account the seed's placeholders stand for.
pub const ACCOUNT: &str = "123456789012";
/// The seed's region (Seoul).
pub const REGION: &str = "ap-northeast-2";
/// The image the seed pushes with CodeBuild.
pub const IMAGE: &str = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest";

/// The container of the seed, as a builder (the image tag usually comes from CI).
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

/// The task definition of the seed.
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
    #[derive(Debug, Clone, PartialEq, ecs_model::TaskDefinition)]
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
