#[derive(ecs_model::Container)]
#[ecs(image = "nginx", cpus = 256, port(80, nmae = "web"), helth_check(shell = "true"))]
struct Web {
    #[ecs(envv)]
    port: u16,
}

fn main() {}
