#[derive(ecs_model::Container)]
#[ecs(image = "nginx")]
struct Web {
    #[ecs(secret = "arn:aws:s3:::bucket/password")]
    from_s3: String,
    #[ecs(secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password")]
    missing_colons: String,
    #[ecs(secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password:AWSCURRENT:v1")]
    stage_and_id: String,
    #[ecs(secret = "")]
    empty: String,
}

fn main() {}
