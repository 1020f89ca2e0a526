//! The service's configuration: the one place that says which variables it reads, which secret it
//! needs, which port it listens on and how ECS checks its health. `build.rs` turns it into the
//! task definition; `main` reads it back from the environment ECS sets up.

/// What the Next.js front end reads at start-up.
#[derive(Debug, PartialEq, ecs_model::Container)]
#[ecs(
    name = "nextjs-container",
    image = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest",
    port(8080, name = "nextjs-port"),
    essential,
    health_check(
        shell = "curl -f http://localhost:8080/api/health || exit 1",
        interval = 30,
        timeout = 5,
        retries = 3,
    ),
    awslogs(
        group = "/ecs/pet-web-task",
        region = "ap-northeast-2",
        stream_prefix = "ecs"
    )
)]
pub(crate) struct PetWeb {
    /// `production` unless the task says otherwise.
    #[ecs(env = "NODE_ENV", default = "production")]
    pub(crate) node_env: String,
    /// The port the server listens on.
    #[ecs(env, default = 8080)]
    pub(crate) port: u16,
    /// The address it binds.
    #[ecs(env, default = "0.0.0.0")]
    pub(crate) hostname: String,
    /// The database password, from Secrets Manager (the `password` key of the secret).
    #[ecs(
        secret = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf:password::"
    )]
    pub(crate) database_password: String,
    /// Error reporting, when configured.
    #[ecs(env)]
    pub(crate) sentry_dsn: Option<String>,
}

/// The task: the container on Fargate, 0.5 vCPU and 1 GB.
#[derive(ecs_model::Task)]
#[ecs(
    family = "pet-web-task",
    fargate(cpu = "0.5 vCPU", memory = "1 GB"),
    runtime_platform(os = "LINUX", cpu_architecture = "X86_64"),
    execution_role_arn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
)]
#[allow(dead_code)] // the binary embeds what build.rs generated from it
pub(crate) struct PetWebTask {
    /// The Next.js container.
    pub(crate) web: PetWeb,
}
