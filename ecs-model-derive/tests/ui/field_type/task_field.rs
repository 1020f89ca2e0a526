#[derive(ecs_model::Task)]
#[ecs(fargate(cpu = 256, memory = 512))]
struct WebTask {
    web: String,
}

fn main() {}
