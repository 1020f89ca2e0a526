//! The pet shop as a team runs it: front end and API behind one ALB, a worker, a nightly job,
//! auto scaling, in a staging and a production environment.
//!
//! ```text
//! cargo run -q --example pet-platform -- --env staging              # the plan from nothing
//! cargo run -q --example pet-platform -- --env staging --requests   # every request, as JSON
//! AWS_REGION=ap-northeast-2 cargo run -q --example pet-platform -- --env production --apply
//! ```

use std::process::ExitCode;

use ecs_examples::pet_platform::{self, Environment};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let env = args
        .iter()
        .position(|a| a == "--env")
        .and_then(|i| args.get(i + 1))
        .map_or("staging", String::as_str);
    if !["staging", "production"].contains(&env) {
        eprintln!("error: --env is `staging` or `production`, not `{env}`");
        return ExitCode::FAILURE;
    }
    let env = Environment::named(env);
    ecs_examples::deploy::main(&pet_platform::application(&env), |target| {
        pet_platform::application_for(
            &env,
            &target.account,
            &target.vpc,
            [&target.subnets[0], &target.subnets[1]],
        )
    })
}
