#[derive(ecs_model::Container)]
#[ecs(image = "nginx")]
struct Web {
    #[ecs(env)]
    data: Vec<u8>,
}

fn main() {}
