#[derive(ecs_model::Container)]
#[ecs(image = "nginx")]
enum Web {
    A,
}

#[derive(ecs_model::Container)]
#[ecs(image = "nginx")]
struct Tuple(u16);

#[derive(ecs_model::Container)]
#[ecs(image = "nginx")]
struct Unit;

#[derive(ecs_model::Task)]
#[ecs(fargate(cpu = 256, memory = 512))]
union Mixed {
    a: u32,
}

fn main() {}
