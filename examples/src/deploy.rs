//! What the deploying examples share. By default they print the plan for an account where
//! nothing exists yet (no AWS account needed); `--requests` prints every request as JSON;
//! `--apply` deploys with the standard AWS configuration (`AWS_PROFILE`, `AWS_REGION`,
//! `AWS_ENDPOINT_URL`), into the account its credentials belong to and its default VPC.

use std::process::ExitCode;
use std::time::Duration;

use ecs_deploy::wait::WaitOptions;
use ecs_deploy::{Clients, DeployOptions, Deployer, Deployment, Event, Plan};
use ecs_model::Application;

/// Where `--apply` deploys: the caller's account and the region's default VPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The account of the credentials.
    pub account: String,
    /// The default VPC.
    pub vpc: String,
    /// Subnets of the default VPC, one per Availability Zone.
    pub subnets: Vec<String>,
}

/// The caller's account and the default VPC of the configured region.
///
/// # Errors
/// An AWS error, or no default VPC with two subnets in different zones.
pub async fn discover(clients: &Clients) -> Result<Target, ecs_deploy::Error> {
    let account = clients.account_id().await?;
    let missing = || {
        ecs_deploy::Error::NotFound("no default VPC with subnets in two Availability Zones: create one (`aws ec2 create-default-vpc`)".to_owned())
    };
    let vpcs = (clients.ec2.describe_vpcs().await)
        .map_err(|e| ecs_deploy::AwsError::new("DescribeVpcs", "the default VPC", e))?;
    let vpc = vpcs
        .into_iter()
        .find(|v| v.is_default)
        .map(|v| v.vpc_id)
        .ok_or_else(missing)?;
    let subnets = (clients.ec2.describe_subnets(&[]).await)
        .map_err(|e| ecs_deploy::AwsError::new("DescribeSubnets", "the default VPC", e))?;
    let mut by_zone = std::collections::BTreeMap::new();
    for s in subnets.into_iter().filter(|s| s.vpc_id == vpc) {
        by_zone.entry(s.availability_zone).or_insert(s.subnet_id);
    }
    if by_zone.len() < 2 {
        return Err(missing());
    }
    Ok(Target {
        account,
        vpc,
        subnets: by_zone.into_values().collect(),
    })
}

/// Deploys `app` and waits for it, printing the plan, each step and the rollout.
///
/// # Errors
/// What [`Deployer::deploy`] returns.
pub async fn apply(
    clients: &Clients,
    app: &Application,
    wait: WaitOptions,
) -> Result<Deployment, ecs_deploy::Error> {
    let deployer = Deployer::new(clients.clone());
    deployer
        .deploy(
            app,
            DeployOptions::default().wait(Some(wait)),
            &mut |event| match event {
                Event::Planned(plan) => println!("{plan}"),
                Event::Step(step) => println!("applying {}", step.resource),
                Event::Progress(progress) => println!("{progress}"),
                _ => {}
            },
        )
        .await
}

/// The `main` of a deploying example: `example` is the application with its placeholder
/// account and ids (for the dry run and `--requests`), `build` the application for a real
/// target.
#[must_use]
pub fn main(example: &Application, build: impl Fn(&Target) -> Application) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--requests") {
        print!("{}", crate::print::application(example));
        return ExitCode::SUCCESS;
    }
    if !args.iter().any(|a| a == "--apply") {
        println!(
            "Dry run: the plan for an account where nothing exists yet (deploy with --apply).\n"
        );
        println!("{}", Plan::from_scratch(example));
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let done = runtime.block_on(async {
        let clients = Clients::from_env().await?;
        let target = discover(&clients).await?;
        apply(
            &clients,
            &build(&target),
            WaitOptions::default().timeout(Duration::from_mins(20)),
        )
        .await
    });
    match done {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
