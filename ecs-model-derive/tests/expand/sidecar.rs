#[derive(ecs_model::Container)]
#[ecs(
    name = "log_router",
    image = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    memory_reservation = 50,
    firelens(type = "fluentbit", option("enable-ecs-log-metadata", "true")),
    log(driver = "awslogs", option("awslogs-group", "/ecs/firelens"), option("awslogs-region", "us-east-1")),
    port(2020, protocol = "tcp"),
    ulimit(name = "nofile", soft = 65535, hard = 65535),
    call(privileged(false)),
)]
struct LogRouter {}
