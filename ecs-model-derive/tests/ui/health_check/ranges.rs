#[derive(ecs_model::Container)]
#[ecs(image = "nginx", health_check(shell = "curl -f http://localhost/", interval = 1, timeout = 61, retries = 0, start_period = 301))]
struct OutOfRange {}

#[derive(ecs_model::Container)]
#[ecs(image = "nginx", health_check(interval = 30))]
struct NoCommand {}

#[derive(ecs_model::Container)]
#[ecs(image = "nginx", health_check(shell = "  "))]
struct EmptyCommand {}

fn main() {}
