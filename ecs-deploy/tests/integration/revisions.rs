//! `deregister` against moto: every revision in use anywhere the account can say is kept: by
//! a service of another cluster, a running task, an EventBridge rule, a Scheduler schedule.

use std::fmt::Write as _;
use std::io::{Read, Write as _};
use std::net::TcpStream;
use std::num::NonZeroUsize;

use aws_sdk_ecs::types::{ContainerDefinition, LaunchType};
use ecs_deploy::Clients;
use ecs_deploy::revisions::deregister;

use crate::support::moto::Moto;

/// A request to moto that no SDK crate of the workspace makes (EventBridge and Scheduler's
/// writes): moto does not check signatures. Panics unless it answers 2xx.
/// moto routes a request by the service its credential scope names.
fn raw(moto: &Moto, service: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) {
    let address = moto.endpoint.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=testing/20261201/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0\r\n",
        body.len()
    );
    for (name, value) in headers {
        let _ = write!(request, "{name}: {value}\r\n");
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 2"),
        "{method} {path}: {answer}"
    );
}

fn events(moto: &Moto, operation: &str, body: &str) {
    raw(
        moto,
        "events",
        "POST",
        "/",
        &[
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", &format!("AWSEvents.{operation}")),
        ],
        body,
    );
}

/// Registers a revision of `family`: its ARN.
async fn register(clients: &Clients, family: &str) -> String {
    let container = ContainerDefinition::builder()
        .name("job")
        .image("busybox")
        .memory(128)
        .build();
    let registered = clients
        .ecs
        .register_task_definition()
        .family(family)
        .container_definitions(container)
        .send()
        .await
        .unwrap();
    let td = registered.task_definition().unwrap();
    td.task_definition_arn().unwrap().to_owned()
}

/// Revision 2 run by a service of cluster `other`, 3 by a task of `batch`, 4 by an EventBridge
/// rule, 5 by a Scheduler schedule.
async fn use_revisions(moto: &Moto, clients: &Clients, arns: &[String]) {
    for cluster in ["other", "batch"] {
        let created = clients.ecs.create_cluster().cluster_name(cluster);
        created.send().await.unwrap();
    }
    clients
        .ecs
        .create_service()
        .cluster("other")
        .service_name("reports")
        .task_definition(&arns[1])
        .desired_count(0)
        .send()
        .await
        .unwrap();
    clients
        .ecs
        .run_task()
        .cluster("batch")
        .task_definition(&arns[2])
        .launch_type(LaunchType::Fargate)
        .send()
        .await
        .unwrap();
    let target = |td: &str| {
        format!(
            r#""Arn": "arn:aws:ecs:us-east-1:123456789012:cluster/batch",
               "RoleArn": "arn:aws:iam::123456789012:role/events",
               "EcsParameters": {{"TaskDefinitionArn": "{td}"}}"#
        )
    };
    events(
        moto,
        "PutRule",
        r#"{"Name": "nightly", "ScheduleExpression": "rate(1 day)"}"#,
    );
    events(
        moto,
        "PutTargets",
        &format!(
            r#"{{"Rule": "nightly", "Targets": [{{"Id": "1", {}}}]}}"#,
            target(&arns[3])
        ),
    );
    raw(
        moto,
        "scheduler",
        "POST",
        "/schedules/weekly",
        &[("Content-Type", "application/json")],
        &format!(
            r#"{{"ScheduleExpression": "rate(7 days)", "FlexibleTimeWindow": {{"Mode": "OFF"}},
                "Target": {{{}}}}}"#,
            target(&arns[4])
        ),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revisions_in_use_anywhere_are_kept() {
    let Some(moto) = Moto::start("deregister against moto", 0) else {
        return;
    };
    let clients = Clients::new(&moto.config("us-east-1"));
    let mut arns = Vec::new();
    for _ in 0..6 {
        arns.push(register(&clients, "job").await);
    }
    // Another family, whose name the first one prefixes: never touched.
    register(&clients, "jobs").await;
    use_revisions(&moto, &clients, &arns).await;

    let done = deregister(&clients, "job", NonZeroUsize::new(1).unwrap())
        .await
        .unwrap();
    assert_eq!(done.deregistered, [arns[0].clone()], "{done:#?}");
    assert_eq!(done.kept.len(), 5, "{done:#?}");
    let users = |i: usize| {
        done.used_by
            .get(&arns[i])
            .map(|u| u.join("; "))
            .unwrap_or_default()
    };
    assert!(
        users(1).contains("service reports of cluster other"),
        "{done:#?}"
    );
    assert!(
        users(2).contains("of cluster batch") && users(2).starts_with("task "),
        "{done:#?}"
    );
    assert_eq!(users(3), "EventBridge rule default/nightly");
    assert_eq!(users(4), "schedule default/weekly");
    assert_eq!(users(5), "", "the newest is kept because of --keep 1");
    let jobs = clients
        .ecs
        .list_task_definitions()
        .family_prefix("jobs")
        .send()
        .await
        .unwrap();
    assert_eq!(
        jobs.task_definition_arns().len(),
        1,
        "another family is untouched"
    );
}
