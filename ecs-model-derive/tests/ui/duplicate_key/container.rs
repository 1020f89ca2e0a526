#[derive(ecs_model::Container)]
#[ecs(image = "nginx", cpu = 256, cpu = 512)]
#[ecs(image = "httpd")]
struct Web {
    #[ecs(env, default = 1, default = 2)]
    workers: u8,
}

fn main() {}
