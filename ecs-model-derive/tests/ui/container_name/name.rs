#[derive(ecs_model::Container)]
#[ecs(name = "web app", image = "nginx")]
struct Web {}

#[derive(ecs_model::Container)]
#[ecs(image = "nginx:{{TAG}}")]
struct Templated {}

fn main() {}
