//! ECS on one small EC2 instance for development, with `ecsInstanceRole`, its
//! instance profile and the user data that makes the agent join the cluster.
//!
//! ```text
//! cargo run -q --example ec2-dev                  # the plan from nothing (no AWS account)
//! cargo run -q --example ec2-dev -- --requests    # every request, as JSON
//! AWS_REGION=ap-northeast-2 cargo run -q --example ec2-dev -- --apply
//! ```

use std::process::ExitCode;

use ecs_examples::ec2_dev;

fn main() -> ExitCode {
    ecs_examples::deploy::main(&ec2_dev::application(), |target| {
        ec2_dev::application_for(&target.account, &target.vpc, &target.subnets[0])
    })
}
