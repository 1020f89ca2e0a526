#[derive(ecs_model::Container)]
#[ecs(image = "nginx")]
struct Web {
    #[ecs(env, default = "eighty")]
    port: u16,
    #[ecs(env, default = 300)]
    retries: u8,
    #[ecs(env, default = "x")]
    maybe: Option<String>,
    #[ecs(secret = "/app/token", default = "t")]
    token: String,
    unannotated: String,
}

fn main() {}
