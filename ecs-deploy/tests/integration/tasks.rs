//! One-off tasks and their logs against moto: `run` registers only what changed, runs where the
//! service runs, waits, follows the logs and tells the exit code; `logs` reads the streams the
//! task definition names, in time order, with task and container.
//!
//! moto differences: it needs a container `memory` to run a task (AWS does not on Fargate); its
//! tasks stop on their own after four `DescribeTasks`; their containers exit with 0 unless the
//! test launcher's `MOTO_EXIT_CODE` says otherwise (`support/moto_server.py`); it reads every
//! stream of a group for `logStreamNamePrefix` (ecs-deploy filters them again).

// The SDK's futures are large, and each is awaited once here.
#![allow(clippy::large_futures)]

use ecs_deploy::logs::{Follower, LogLine, Query, now_ms};
use ecs_deploy::run::{RunEvent, RunTask, RunWait};
use ecs_deploy::{Clients, DeployOptions, Deployer, Error};
use ecs_model::cluster::Cluster;
use ecs_model::service::Service;
use ecs_model::{Account, Application, TaskDefinition, Workload};

use crate::support::moto::Moto;

/// A Fargate task definition of two containers logging to `/ecs/jobs`.
fn task_definition(image: &str) -> TaskDefinition {
    let container = |name: &str, essential: bool| {
        format!(
            r#"{{"name":"{name}","image":"{image}","memory":256,"essential":{essential},
              "logConfiguration":{{"logDriver":"awslogs","options":{{"awslogs-group":"/ecs/jobs",
              "awslogs-region":"us-east-1","awslogs-stream-prefix":"ecs"}}}}}}"#
        )
    };
    TaskDefinition::from_json(&format!(
        r#"{{"family":"jobs","requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc",
            "cpu":"256","memory":"512",
            "executionRoleArn":"arn:aws:iam::123456789012:role/jobs-exec",
            "containerDefinitions":[{},{}]}}"#,
        container("migrate", true),
        container("sidecar", false)
    ))
    .unwrap()
}

/// The application: the task definition and a service in moto's default VPC.
fn jobs(image: &str, subnet: &str, group: &str) -> Application {
    let service = Service::from_json(&format!(
        r#"{{"serviceName":"jobs","desiredCount":0,"launchType":"FARGATE",
            "networkConfiguration":{{"awsvpcConfiguration":{{"subnets":["{subnet}"],
            "securityGroups":["{group}"]}}}}}}"#
    ))
    .unwrap();
    Application::builder(
        "jobs",
        Account::new("123456789012", "us-east-1"),
        Cluster::builder("work"),
    )
    .workload(Workload::builder(task_definition(image)).service(service))
    .build()
    .unwrap_or_else(|e| panic!("{e}"))
}

async fn default_network(clients: &Clients) -> (String, String) {
    let subnets = clients.ec2.describe_subnets(&[]).await.unwrap();
    let groups = clients.ec2.describe_security_groups(&[]).await.unwrap();
    (subnets[0].subnet_id.clone(), groups[0].group_id.clone())
}

/// Writes `lines` (timestamp, message) into `stream` of `/ecs/jobs`.
async fn put(clients: &Clients, stream: &str, lines: &[(i64, &str)]) {
    let _ = clients
        .logs
        .create_log_stream()
        .log_group_name("/ecs/jobs")
        .log_stream_name(stream)
        .send()
        .await;
    let events = lines
        .iter()
        .map(|(timestamp, message)| {
            aws_sdk_cloudwatchlogs::types::InputLogEvent::builder()
                .timestamp(*timestamp)
                .message(*message)
                .build()
                .unwrap()
        })
        .collect();
    clients
        .logs
        .put_log_events()
        .log_group_name("/ecs/jobs")
        .log_stream_name(stream)
        .set_log_events(Some(events))
        .send()
        .await
        .unwrap();
}

fn fast() -> RunWait {
    RunWait::default().poll_interval(std::time::Duration::from_millis(20))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one scenario against one server
async fn a_task_runs_where_its_service_runs_and_reports_its_exit_code_and_logs() {
    let Some(moto) = Moto::start("run against moto", 0) else {
        return;
    };
    let clients = Clients::new(&moto.config("us-east-1"));
    let deployer = Deployer::new(clients.clone());
    let (subnet, group) = default_network(&clients).await;
    let app = jobs("migrations:1", &subnet, &group);

    // Before the deployment: nothing is sent but reads.
    let refused = deployer
        .run(&app, &RunTask::default(), None, &mut |_| {})
        .await
        .expect_err("not deployed");
    assert!(
        matches!(&refused, Error::NotFound(m) if m.contains("does not exist yet: deploy it first")),
        "{refused}"
    );
    let families = clients.ecs.list_task_definitions().send().await.unwrap();
    assert!(families.task_definition_arns().is_empty());

    deployer
        .deploy(&app, DeployOptions::default(), &mut |_| {})
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    // The deployed revision, with overrides, in the service's network.
    let request = RunTask::default()
        .command(["./migrate", "up"])
        .env("MOTO_EXIT_CODE", "3");
    let mut statuses = Vec::new();
    let mut seen: Vec<LogLine> = Vec::new();
    let mut written = false;
    let (started, stopped) = deployer
        .run(&app, &request, Some(fast()), &mut |event| match event {
            RunEvent::Started(started) => {
                assert!(!started.registered, "the deployed revision runs");
                written = true;
            }
            RunEvent::Status(status) => statuses.push(status.to_owned()),
            RunEvent::Lines(lines) => seen.extend_from_slice(lines),
            _ => {}
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(written);
    assert!(
        started
            .task_definition_arn
            .ends_with("task-definition/jobs:1")
    );
    assert_eq!(statuses.last().map(String::as_str), Some("STOPPED"));
    let stopped = stopped.unwrap();
    assert_eq!(stopped.exit_code(), Some(3), "{stopped}");
    assert!(
        stopped.to_string().contains("migrate: exit 3, essential"),
        "{stopped}"
    );

    let described = clients
        .ecs
        .describe_tasks()
        .cluster("work")
        .tasks(&started.task_arn)
        .send()
        .await
        .unwrap();
    let task = &described.tasks()[0];
    assert_eq!(task.started_by(), Some(ecs_deploy::run::STARTED_BY));
    let attached: Vec<&str> = task
        .attachments()
        .iter()
        .flat_map(aws_sdk_ecs::types::Attachment::details)
        .filter(|d| d.name() == Some("subnetId"))
        .filter_map(|d| d.value())
        .collect();
    assert_eq!(attached, [subnet.as_str()], "the service's subnet");
    let overrides = task.overrides().unwrap().container_overrides();
    assert_eq!(
        overrides[0].name(),
        Some("migrate"),
        "the only essential container"
    );
    assert_eq!(overrides[0].command(), ["./migrate", "up"]);

    // A new image: registered for the run, and nothing else changes.
    let changed = jobs("migrations:2", &subnet, &group);
    let started = ecs_deploy::run::start(&clients, &changed, &RunTask::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(started.registered);
    assert!(
        started
            .task_definition_arn
            .ends_with("task-definition/jobs:2")
    );
    let service = clients
        .ecs
        .describe_services()
        .cluster("work")
        .services("jobs")
        .send()
        .await
        .unwrap();
    assert!(
        service.services()[0]
            .task_definition()
            .unwrap()
            .ends_with("jobs:1"),
        "the service still runs the deployed revision"
    );

    // Its logs, while it runs and once it stopped.
    let id = started.task_id().to_owned();
    let now = now_ms();
    put(
        &clients,
        &format!("ecs/migrate/{id}"),
        &[(now - 3000, "migrating"), (now - 1000, "failed: no table")],
    )
    .await;
    put(
        &clients,
        &format!("ecs/sidecar/{id}"),
        &[(now - 2000, "sidecar up")],
    )
    .await;
    put(
        &clients,
        "ecs/migrate/another-task",
        &[(now - 1500, "not this task")],
    )
    .await;
    let mut lines: Vec<String> = Vec::new();
    let stopped = ecs_deploy::run::wait(&clients, &started, &fast(), &mut |event| {
        if let RunEvent::Lines(batch) = event {
            lines.extend(batch.iter().map(|l| {
                format!(
                    "{}/{} {}",
                    l.task_id.as_deref().unwrap_or("-"),
                    l.container,
                    l.message
                )
            }));
        }
    })
    .await
    .unwrap();
    assert_eq!(
        lines,
        [
            format!("{id}/migrate migrating"),
            format!("{id}/sidecar sidecar up"),
            format!("{id}/migrate failed: no table"),
        ],
        "in time order, each line once"
    );
    assert_eq!(stopped.exit_code(), Some(0));
    assert_eq!(stopped.last_lines.len(), 3);
    assert_eq!(stopped.last_lines[2].message, "failed: no table");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follower_reads_each_event_once_in_time_order_and_only_what_was_asked() {
    let Some(moto) = Moto::start("logs against moto", 0) else {
        return;
    };
    let clients = Clients::new(&moto.config("us-east-1"));
    clients
        .logs
        .create_log_group()
        .log_group_name("/ecs/jobs")
        .send()
        .await
        .unwrap();
    let now = now_ms();
    put(
        &clients,
        "ecs/migrate/aaaa1111",
        &[(now - 5000, "one"), (now - 3000, "three")],
    )
    .await;
    put(
        &clients,
        "ecs/migrate/bbbb2222",
        &[(now - 4000, "two ERROR")],
    )
    .await;
    put(&clients, "ecs/sidecar/aaaa1111", &[(now - 2000, "four")]).await;
    put(
        &clients,
        "other/stream",
        &[(now - 1000, "not a container's")],
    )
    .await;
    put(
        &clients,
        "ecs/migrate/cccc3333",
        &[(now - 700_000, "too old")],
    )
    .await;
    let td = task_definition("x");
    let text = |lines: &[LogLine]| {
        lines
            .iter()
            .map(ToString::to_string)
            .map(|l| l.split_once(' ').unwrap().1.to_owned())
            .collect::<Vec<_>>()
    };

    let mut query = Query::default();
    query.since = now - 600_000;
    let (mut every, notes) = Follower::new(&td, &query);
    assert!(notes.is_empty());
    assert_eq!(
        text(&every.next(&clients).await.unwrap()),
        [
            "aaaa1111/migrate one",
            "bbbb2222/migrate two ERROR",
            "aaaa1111/migrate three",
            "aaaa1111/sidecar four"
        ]
    );
    assert!(
        every.next(&clients).await.unwrap().is_empty(),
        "nothing new"
    );
    put(&clients, "ecs/migrate/bbbb2222", &[(now - 500, "five")]).await;
    assert_eq!(
        text(&every.next(&clients).await.unwrap()),
        ["bbbb2222/migrate five"]
    );

    let mut one = query.clone();
    one.tasks = vec!["arn:aws:ecs:us-east-1:123456789012:task/work/aaaa1111".into()];
    one.containers = vec!["migrate".into()];
    let (mut only, _) = Follower::new(&td, &one);
    assert_eq!(
        text(&only.next(&clients).await.unwrap()),
        ["aaaa1111/migrate one", "aaaa1111/migrate three"]
    );

    let mut errors = query.clone();
    errors.filter = Some("ERROR".into());
    let (mut filtered, _) = Follower::new(&td, &errors);
    assert_eq!(
        text(&filtered.next(&clients).await.unwrap()),
        ["bbbb2222/migrate two ERROR"]
    );

    let mut missing = Query::default();
    missing.since = now - 600_000;
    let other = TaskDefinition::from_json(
        r#"{"family":"x","containerDefinitions":[{"name":"x","image":"x","logConfiguration":
            {"logDriver":"awslogs","options":{"awslogs-group":"/no/such/group","awslogs-stream-prefix":"p"}}}]}"#,
    )
    .unwrap();
    let (mut absent, _) = Follower::new(&other, &missing);
    assert!(
        absent.next(&clients).await.unwrap().is_empty(),
        "a group not created yet reads as empty"
    );
}
