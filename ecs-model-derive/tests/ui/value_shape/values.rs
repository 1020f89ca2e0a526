#[derive(ecs_model::Container)]
#[ecs(
    image = nginx,
    cpu = "256",
    essential = "yes",
    command = "sh -c true",
    ulimit(name = "files", soft = 10, hard = 5),
    depends_on("db", ready),
    awslogs(group = "/ecs/web", mode = "async"),
    log(driver = "fluent"),
    with = "not a path",
)]
struct Web {}

fn main() {}
