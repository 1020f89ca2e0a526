//! `verify` against moto: each check can fail, and says why.

use ecs_deploy::Clients;
use ecs_deploy::verify::verify;
use ecs_model::cluster::Cluster;
use ecs_model::container::awslogs;
use ecs_model::iam::{ExecutionPolicyOptions, Role, execution_policy};
use ecs_model::service::Service;
use ecs_model::{
    Account, Application, ContainerDefinition, LogConfiguration, TaskDefinition, Workload,
};

use crate::support::moto::Moto;

/// An EC2 service on cluster `prod` whose container's log group the awslogs driver creates,
/// with an execution role that has `policy` inline, or none.
fn app(with_policy: bool) -> Application {
    let account = Account::new("123456789012", "us-east-1");
    let td = TaskDefinition::ec2_bridge("web")
        .container(
            ContainerDefinition::builder("web", "nginx:1.27")
                .memory(256)
                .log_configuration(
                    LogConfiguration::awslogs("/ecs/web", "us-east-1", "web")
                        .option(awslogs::CREATE_GROUP, "true"),
                ),
        )
        .build_unchecked();
    let mut execution = Role::ecs_task_execution("web-execution", &account);
    if with_policy {
        execution = execution.inline_policy(
            "execution",
            execution_policy(&td, &account, &ExecutionPolicyOptions::default()),
        );
    }
    let service = Service::ec2("web", "prod", "web").desired_count(1);
    Application::builder("web", account, Cluster::builder("prod"))
        .workload(
            Workload::builder(td)
                .execution_role(execution)
                .service(service),
        )
        .build_unchecked()
}

fn line<'a>(report: &'a str, subject: &str) -> &'a str {
    report
        .lines()
        .find(|l| l.contains(subject))
        .unwrap_or_else(|| panic!("no {subject} in\n{report}"))
}

#[tokio::test]
async fn cluster_and_log_group_checks_fail_when_tasks_could_not_start() {
    let Some(moto) = Moto::start("verify against moto", 1) else {
        return;
    };
    let clients = Clients::new(&moto.config("us-east-1"));

    // Nothing exists: the deployment would create the cluster; the driver cannot create the
    // group without logs:CreateLogGroup.
    let report = verify(&clients, &app(false)).await.unwrap();
    let text = report.to_string();
    assert!(
        line(&text, "cluster prod")
            .starts_with("ok   cluster prod: missing; the deployment creates it"),
        "{text}"
    );
    assert!(
        line(&text, "log group /ecs/web").starts_with(
            "FAIL log group /ecs/web: missing, and the execution role does not allow logs:CreateLogGroup"
        ),
        "{text}"
    );
    assert!(!report.passed());

    // An ACTIVE cluster with no container instances cannot place an EC2 service's tasks.
    clients
        .ecs
        .create_cluster()
        .cluster_name("prod")
        .send()
        .await
        .unwrap();
    let report = verify(&clients, &app(true)).await.unwrap();
    let text = report.to_string();
    assert!(
        line(&text, "cluster prod").starts_with(
            "FAIL cluster prod: ACTIVE with no container instances, and the service uses the EC2 launch type"
        ),
        "{text}"
    );
    assert!(
        line(&text, "log group /ecs/web").starts_with(
            "ok   log group /ecs/web: missing; the awslogs driver creates it (awslogs-create-group)"
        ),
        "{text}"
    );

    // Once the group exists it is simply there.
    clients
        .logs
        .create_log_group()
        .log_group_name("/ecs/web")
        .send()
        .await
        .unwrap();
    let text = verify(&clients, &app(false)).await.unwrap().to_string();
    assert!(
        line(&text, "log group /ecs/web").starts_with("ok   log group /ecs/web: exists"),
        "{text}"
    );
}
