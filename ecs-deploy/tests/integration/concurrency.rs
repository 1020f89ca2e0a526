//! Observing and applying at once, against moto behind a connector that records how many
//! requests were on the wire together: independent resources overlap, never more than
//! `CALLS_IN_FLIGHT`, and a bound of one sends one call after the other, observing the same.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use aws_config::SdkConfig;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use ecs_deploy::in_flight::CALLS_IN_FLIGHT;
use ecs_deploy::{Clients, DeployOptions, Deployer, Event};
use ecs_model::cluster::Cluster;
use ecs_model::iam::Role;
use ecs_model::service::Service;
use ecs_model::{
    Account, Application, ContainerDefinition, LogConfiguration, TaskDefinition, Workload,
};

use crate::support::moto::Moto;

/// The most requests seen on the wire at once.
#[derive(Debug, Clone, Default)]
struct Overlap {
    now: Arc<AtomicUsize>,
    most: Arc<Mutex<usize>>,
}

#[derive(Debug, Clone)]
struct Recording {
    inner: SharedHttpClient,
    overlap: Overlap,
}

#[derive(Debug)]
struct RecordingConnector {
    inner: SharedHttpConnector,
    overlap: Overlap,
}

impl HttpClient for Recording {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(RecordingConnector {
            inner: self.inner.http_connector(settings, components),
            overlap: self.overlap.clone(),
        })
    }
}

impl HttpConnector for RecordingConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let inner = self.inner.clone();
        let overlap = self.overlap.clone();
        HttpConnectorFuture::new(async move {
            let now = overlap.now.fetch_add(1, Ordering::SeqCst) + 1;
            {
                let mut most = overlap.most.lock().unwrap();
                *most = (*most).max(now);
            }
            // Long enough for the others of a group to start meanwhile.
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            let answer = inner.call(request).await;
            overlap.now.fetch_sub(1, Ordering::SeqCst);
            answer
        })
    }
}

/// `config` sending through a recorder of overlapping requests.
fn recorded(config: &SdkConfig) -> (SdkConfig, Overlap) {
    let overlap = Overlap::default();
    let http = Recording {
        inner: config.http_client().expect("an HTTP client"),
        overlap: overlap.clone(),
    };
    (
        config.clone().into_builder().http_client(http).build(),
        overlap,
    )
}

/// `n` Fargate services on one cluster, each with its own task definition and log group,
/// sharing an execution role.
fn services(n: usize, subnet: &str, group: &str) -> Application {
    let account = Account::new("123456789012", "us-east-1");
    let execution = Role::ecs_task_execution("fleet-execution", &account);
    let mut app = Application::builder("fleet", account, Cluster::builder("fleet"));
    for i in 0..n {
        let name = format!("svc-{i:02}");
        let td = TaskDefinition::fargate(name.clone(), "256", "512")
            .container(
                ContainerDefinition::builder("app", "nginx:1.27").log_configuration(
                    LogConfiguration::awslogs(format!("/ecs/{name}"), "us-east-1", "app"),
                ),
            )
            .build_unchecked();
        let service = Service::fargate(name.clone(), "fleet", name.clone())
            .desired_count(1)
            .subnets([subnet])
            .security_group(group);
        app = app.workload(
            Workload::builder(td)
                .execution_role(execution.clone())
                .service(service),
        );
    }
    app.build().expect("the fleet is valid")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn independent_resources_overlap_within_the_bound() {
    let Some(moto) = Moto::start("concurrency against moto", 1) else {
        return;
    };
    let ec2 = Clients::new(&moto.config("us-east-1")).ec2;
    let subnets = ec2.describe_subnets(&[]).await.unwrap();
    // moto answers CreateService of an `awsvpc` service without security groups with an HTML
    // 500 (ECS takes the VPC's default group): name the default group.
    let groups = ec2.describe_security_groups(&[]).await.unwrap();
    let app = services(20, &subnets[0].subnet_id, &groups[0].group_id);
    let (config, overlap) = recorded(&moto.config("us-east-1"));
    let deployer = Deployer::new(Clients::new(&config));
    let done = deployer
        .deploy(&app, DeployOptions::default(), &mut |_: Event<'_>| {})
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // 20 log groups, the role, the cluster, 20 task definitions, 20 services.
    assert_eq!(
        done.applied.expect("applied").changed.len(),
        62,
        "{}",
        done.plan
    );
    let most = *overlap.most.lock().unwrap();
    assert!(
        (2..=CALLS_IN_FLIGHT).contains(&most),
        "{most} requests at once while observing and applying 20 services"
    );

    // Observed one call after the other, the account reads the same, and plans nothing.
    let (config, overlap) = recorded(&moto.config("us-east-1"));
    let one_by_one = Clients::with_calls_in_flight(&config, 1);
    let sequential = Deployer::new(one_by_one.clone())
        .observe(&app)
        .await
        .unwrap();
    assert_eq!(*overlap.most.lock().unwrap(), 1);
    let concurrent = deployer.observe(&app).await.unwrap();
    assert_eq!(sequential, concurrent);
    assert!(ecs_deploy::Plan::new(&app, &concurrent).is_empty());
    // Every call is counted: three per service's task definition and service and role, at most.
    let calls = one_by_one.requests_sent();
    assert!(
        (40..=120).contains(&calls),
        "{calls} requests to observe 20 services"
    );
}
