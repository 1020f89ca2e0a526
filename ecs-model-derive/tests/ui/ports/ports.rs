#[derive(ecs_model::Container)]
#[ecs(
    image = "nginx",
    port(0),
    port(70000),
    port(8080, host_port = 70000),
    port(8080),
    port(range = "9000-8000"),
    port(81, name = "Web"),
    port(82, app_protocol = "http"),
    port(83, protocol = "sctp"),
)]
struct Web {}

fn main() {}
