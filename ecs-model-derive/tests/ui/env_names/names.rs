#[derive(ecs_model::Container)]
#[ecs(image = "nginx", env("PORT", "80"))]
struct Web {
    #[ecs(env = "1PORT")]
    first: u16,
    #[ecs(env = "MY-VAR")]
    second: String,
    #[ecs(env)]
    port: u16,
    #[ecs(env = "PORT")]
    again: u16,
}

fn main() {}
