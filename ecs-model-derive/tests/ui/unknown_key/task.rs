#[derive(ecs_model::Container)]
#[ecs(image = "nginx")]
struct Web {}

#[derive(ecs_model::Task)]
#[ecs(famly = "web", fargate(cpu = 256, memroy = 512))]
struct WebTask {
    #[ecs(essentail)]
    web: Web,
}

fn main() {}
