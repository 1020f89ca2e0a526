//! What observing and planning an application costs against an AWS endpoint: wall time and
//! requests, with the calls sent one after the other and with [`CALLS_IN_FLIGHT`] at once, for
//! pet-web and a fleet of 20 services. Run by hand against moto (`benches/README.md`):
//!
//! ```text
//! .venv/bin/moto_server -H 127.0.0.1 -p 5055 &
//! AWS_ENDPOINT_URL=http://127.0.0.1:5055 AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
//!   AWS_REGION=ap-northeast-2 cargo run -p ecs-deploy-benches --bin bench-observe [-- --latency-ms 40]
//! ```
//!
//! moto answers on loopback in a few milliseconds, one request at a time; `--latency-ms` adds
//! a round trip to each request, as a region far from the caller has.

use std::time::{Duration, Instant};

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;

use ecs_deploy::in_flight::CALLS_IN_FLIGHT;
use ecs_deploy::{Clients, DeployOptions, Deployer};
use ecs_examples::pet_web;
use ecs_model::cluster::Cluster;
use ecs_model::iam::Role;
use ecs_model::service::Service;
use ecs_model::{
    Account, Application, ContainerDefinition, LogConfiguration, TaskDefinition, Workload,
};

/// `n` Fargate services, each with its task definition and log group, sharing a role.
fn fleet(n: usize, account: &str, subnet: &str, group: &str) -> Application {
    let account = Account::new(account, pet_web::REGION);
    let execution = Role::ecs_task_execution("fleet-execution", &account);
    let mut app = Application::builder("fleet", account, Cluster::builder("fleet"));
    for i in 0..n {
        let name = format!("fleet-{i:02}");
        let td = TaskDefinition::fargate(name.clone(), "256", "512")
            .container(
                ContainerDefinition::builder("app", "nginx:1.27").log_configuration(
                    LogConfiguration::awslogs(format!("/ecs/{name}"), pet_web::REGION, "app"),
                ),
            )
            .build_unchecked();
        let service = Service::fargate(name.clone(), "fleet", name)
            .desired_count(1)
            .subnets([subnet])
            .security_group(group);
        app = app.workload(
            Workload::builder(td)
                .execution_role(execution.clone())
                .service(service),
        );
    }
    app.build_unchecked()
}

/// The median time and the requests of planning `app` `runs` times with `calls` in flight.
async fn measure(
    config: &ecs_deploy::sdk::config::SdkConfig,
    app: &Application,
    calls: usize,
    runs: usize,
) -> Result<(Duration, usize), ecs_deploy::Error> {
    let clients = Clients::with_calls_in_flight(config, calls);
    let deployer = Deployer::new(clients.clone());
    let mut times = Vec::new();
    let before = clients.requests_sent();
    for _ in 0..runs {
        let started = Instant::now();
        let plan = deployer.plan(app).await?;
        times.push(started.elapsed());
        assert!(plan.is_empty(), "deployed, so nothing to plan:\n{plan}");
    }
    times.sort();
    Ok((times[runs / 2], (clients.requests_sent() - before) / runs))
}

/// An HTTP client that waits `latency` before each request goes out.
#[derive(Debug, Clone)]
struct Delayed {
    inner: SharedHttpClient,
    latency: Duration,
}

#[derive(Debug)]
struct DelayedConnector {
    inner: SharedHttpConnector,
    latency: Duration,
}

impl HttpClient for Delayed {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(DelayedConnector {
            inner: self.inner.http_connector(settings, components),
            latency: self.latency,
        })
    }
}

impl HttpConnector for DelayedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let (inner, latency) = (self.inner.clone(), self.latency);
        HttpConnectorFuture::new(async move {
            tokio::time::sleep(latency).await;
            inner.call(request).await
        })
    }
}

async fn run() -> Result<(), ecs_deploy::Error> {
    let args: Vec<String> = std::env::args().collect();
    let latency = args
        .iter()
        .position(|a| a == "--latency-ms")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .map(Duration::from_millis);
    let mut config =
        ecs_deploy::clients::load_config(&ecs_deploy::clients::ConfigOptions::default()).await?;
    if let (Some(latency), Some(inner)) = (latency, config.http_client()) {
        config = config
            .into_builder()
            .http_client(Delayed { inner, latency })
            .build();
    }
    let clients = Clients::new(&config);
    let target = ecs_examples::deploy::discover(&clients).await?;
    let groups = clients
        .ec2
        .describe_security_groups(&[])
        .await
        .map_err(|e| ecs_deploy::AwsError::new("DescribeSecurityGroups", "default", e))?;
    let group = groups
        .iter()
        .find(|g| g.vpc_id == target.vpc && g.group_name == "default")
        .map(|g| g.group_id.clone())
        .unwrap_or_default();
    let apps = [
        (
            "pet-web",
            pet_web::application_for(
                &target.account,
                &target.vpc,
                [&target.subnets[0], &target.subnets[1]],
            ),
        ),
        (
            "20 services",
            fleet(20, &target.account, &target.subnets[0], &group),
        ),
    ];
    let deployer = Deployer::new(clients);
    println!("| application | requests | one at a time | {CALLS_IN_FLIGHT} in flight | ratio |");
    println!("|---|---:|---:|---:|---:|");
    for (name, app) in &apps {
        deployer
            .deploy(app, DeployOptions::default(), &mut |_| {})
            .await?;
        let (one, calls) = measure(&config, app, 1, 5).await?;
        let (many, _) = measure(&config, app, CALLS_IN_FLIGHT, 5).await?;
        println!(
            "| {name} | {calls} | {:.0} ms | {:.0} ms | {:.1}× |",
            one.as_secs_f64() * 1e3,
            many.as_secs_f64() * 1e3,
            one.as_secs_f64() / many.as_secs_f64()
        );
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
