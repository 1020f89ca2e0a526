#[derive(ecs_model::Container)]
#[ecs(image = "nginx", memory = 0)]
struct Zero {}

#[derive(ecs_model::Container)]
#[ecs(image = "nginx", memory = 4)]
struct TooSmall {}

#[derive(ecs_model::Container)]
#[ecs(image = "nginx", memory = 256, memory_reservation = 512)]
struct ReservationAboveLimit {}

fn main() {}
