#[derive(ecs_model::Container)]
#[ecs(name = "web")]
struct NoImage {}

#[derive(ecs_model::Container)]
#[ecs(image = "nginx")]
struct Web {}

#[derive(ecs_model::Task)]
#[ecs(family = "web")]
struct NoLaunchType {
    web: Web,
}

#[derive(ecs_model::Task)]
#[ecs(fargate(cpu = 256))]
struct NoMemory {
    web: Web,
}

#[derive(ecs_model::Task)]
#[ecs(ec2)]
struct NoContainers {}

fn main() {}
