#[derive(ecs_model::Container)]
#[ecs(
    name = "nextjs-container",
    image = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest",
    cpu = 256,
    memory = 512,
    port(8080, name = "nextjs-port"),
    health_check(shell = "curl -f http://localhost:8080/api/health || exit 1", interval = 30, timeout = 5, retries = 3),
    awslogs(group = "/ecs/pet-web-task", region = "ap-northeast-2", stream_prefix = "ecs"),
)]
struct PetWeb {
    #[ecs(env = "NODE_ENV", default = "production")]
    node_env: String,
    #[ecs(env, default = 8080)]
    port: u16,
    #[ecs(env, default = "0.0.0.0")]
    hostname: String,
    #[ecs(secret = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf:password::")]
    database_password: String,
    #[ecs(env)]
    sentry_dsn: Option<String>,
    #[ecs(skip)]
    cache: Vec<u8>,
}
