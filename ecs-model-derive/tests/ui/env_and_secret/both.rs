#[derive(ecs_model::Container)]
#[ecs(image = "nginx")]
struct Web {
    #[ecs(env, secret = "arn:aws:ssm:us-east-1:123456789012:parameter/db")]
    database_password: String,
}

fn main() {}
