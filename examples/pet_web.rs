//! The pet-web Next.js service on Fargate behind an ALB, as the ECS console walk-through sets it
//! up.
//!
//! ```text
//! cargo run -q --example pet-web                     # the plan from nothing (no AWS account)
//! cargo run -q --example pet-web -- --requests       # every request, as JSON
//! cargo run -q --example pet-web -- --task-definition
//! AWS_REGION=ap-northeast-2 cargo run -q --example pet-web -- --apply
//! ```

use std::process::ExitCode;

use ecs_examples::pet_web;

fn main() -> ExitCode {
    if std::env::args().any(|a| a == "--task-definition") {
        println!("{}", pet_web::task_definition().to_json_pretty());
        return ExitCode::SUCCESS;
    }
    ecs_examples::deploy::main(&pet_web::application(), |target| {
        pet_web::application_for(
            &target.account,
            &target.vpc,
            [&target.subnets[0], &target.subnets[1]],
        )
    })
}
