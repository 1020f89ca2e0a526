#[derive(ecs_model::Container)]
#[ecs(image = "nginx")]
struct Web {}

#[derive(ecs_model::Task)]
#[ecs(
    family = "web app",
    ec2,
    fargate(cpu = 256, memory = 512),
    network_mode = "default",
    execution_role_arn = "ecsTaskExecutionRole",
    volume(name = "data"),
    volume(name = "data", efs = "fs-1", host = "/data"),
    ephemeral_storage_gib = 10,
)]
struct WebTask {
    #[ecs(depends_on("db", healthy), depends_on("x"))]
    web: Web,
}

fn main() {}
