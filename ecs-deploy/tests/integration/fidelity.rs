//! Plans against documents ECS itself returned, not what moto echoes: botocore's examples (each
//! a request and ECS's answer to it) and the `describe-task-definition` answers of the
//! real-world corpus. Each answer is read twice, as ecs-deploy reads it from AWS (the SDK parses
//! the HTTP body, `convert` makes the model) and as `diff --observed` reads a saved file; against
//! the definition that produced it, both compare equal, and a real difference is still found.

use crate::support;

use std::path::Path;

use aws_smithy_http_client::test_util::capture_request;
use aws_smithy_types::body::SdkBody;
use ecs_deploy::convert;
use ecs_deploy::plan::compare;
use ecs_model::TaskDefinition;
use ecs_model::service::Service;
use serde_json::{Value, json};

/// An ECS client whose every call is answered with `body`.
fn answering(body: &Value) -> aws_sdk_ecs::Client {
    let response = http::Response::builder()
        .status(200)
        .header("content-type", "application/x-amz-json-1.1")
        .body(SdkBody::from(body.to_string()))
        .unwrap();
    let (http, _) = capture_request(Some(response));
    support::ecs_client(http)
}

/// A `describe-task-definition` answer as ecs-deploy reads it from AWS.
async fn task_definition_through_the_sdk(answer: &Value) -> TaskDefinition {
    let got = answering(answer)
        .describe_task_definition()
        .task_definition("any")
        .send()
        .await
        .unwrap();
    convert::task_definition_from_sdk(got.task_definition().unwrap(), got.tags()).unwrap()
}

/// A `describe-services` answer (one service) as ecs-deploy reads it from AWS.
async fn service_through_the_sdk(answer: &Value) -> Service {
    let got = answering(answer)
        .describe_services()
        .services("any")
        .send()
        .await
        .unwrap();
    convert::service_from_sdk(&got.services()[0]).unwrap()
}

/// The task definition of a `{"taskDefinition": …}` answer (or a bare one) read as a file.
fn task_definition_from_file(answer: &Value) -> TaskDefinition {
    TaskDefinition::from_json_lenient(&answer.to_string())
        .unwrap()
        .value
}

/// The answer as `DescribeTaskDefinition` gives it: `{"taskDefinition": …, "tags": […]}` (tags
/// kept inside the task definition, as ecspresso writes them, move beside it).
fn wrapped(answer: &Value) -> Value {
    let mut answer = if answer.get("taskDefinition").is_some() {
        answer.clone()
    } else {
        json!({ "taskDefinition": answer })
    };
    if let Some(tags) = answer["taskDefinition"]
        .as_object_mut()
        .and_then(|td| td.remove("tags"))
    {
        answer["tags"] = tags;
    }
    answer
}

/// The definition a person writes for what ECS answered: the answer without what ECS fills in
/// (the defaults the plan's normalisation documents), as `ecs-deploy init` would write it.
fn minimal(td: &TaskDefinition) -> TaskDefinition {
    let mut doc = serde_json::to_value(td).unwrap();
    let object = doc.as_object_mut().unwrap();
    // The host port ECS gives a mapping that names none: 0 (dynamic) in bridge mode, the
    // container port in awsvpc and host modes.
    let bridge = object.get("networkMode").is_none_or(|m| m == "bridge");
    for (key, default) in [
        ("enableFaultInjection", json!(false)),
        ("taskRoleArn", json!("")),
    ] {
        if object.get(key) == Some(&default) {
            object.remove(key);
        }
    }
    for container in object["containerDefinitions"].as_array_mut().unwrap() {
        let container = container.as_object_mut().unwrap();
        for (key, default) in [("essential", json!(true)), ("cpu", json!(0))] {
            if container.get(key) == Some(&default) {
                container.remove(key);
            }
        }
        for port in container
            .get_mut("portMappings")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            let port = port.as_object_mut().unwrap();
            if port.get("protocol") == Some(&json!("tcp")) {
                port.remove("protocol");
            }
            let default = if bridge {
                Some(json!(0))
            } else {
                port.get("containerPort").cloned()
            };
            if port.get("hostPort").is_some() && port.get("hostPort") == default.as_ref() {
                port.remove("hostPort");
            }
        }
        for mount in container
            .get_mut("mountPoints")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            let mount = mount.as_object_mut().unwrap();
            if mount.get("readOnly") == Some(&json!(false)) {
                mount.remove("readOnly");
            }
        }
    }
    TaskDefinition::from_json_lenient(&doc.to_string())
        .unwrap()
        .value
}

/// The desired definition with its first container's image changed: the one change every
/// reading must find.
fn with_new_image(td: &TaskDefinition) -> TaskDefinition {
    let mut changed = td.clone();
    changed.container_definitions[0].image = "registry.example/changed:2".into();
    changed
}

#[track_caller]
fn no_changes(what: &str, changes: &[ecs_deploy::plan::Change]) {
    let listed: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert!(listed.is_empty(), "{what}: {listed:#?}");
}

#[track_caller]
fn only_the_image(what: &str, changes: &[ecs_deploy::plan::Change]) {
    let paths: Vec<String> = changes.iter().map(|c| c.path.to_string()).collect();
    assert_eq!(paths, ["containerDefinitions[0].image"], "{what}");
}

/// Checks one task definition answer against the definition `desired`: both readings compare
/// equal, and a new image is found by both.
async fn task_definition_case(what: &str, desired: &TaskDefinition, answer: &Value) {
    let through_sdk = task_definition_through_the_sdk(&wrapped(answer)).await;
    let from_file = task_definition_from_file(answer);
    for (reading, observed) in [("SDK", &through_sdk), ("file", &from_file)] {
        let what = format!("{what} ({reading})");
        no_changes(&what, &compare::task_definitions(desired, observed));
        only_the_image(
            &what,
            &compare::task_definitions(&with_new_image(desired), observed),
        );
    }
}

fn examples() -> Option<Value> {
    let dir = support::botocore_models_or_skip("plans against botocore's ECS examples")?;
    let text = std::fs::read_to_string(dir.join("ecs-examples.json")).unwrap();
    Some(serde_json::from_str::<Value>(&text).unwrap()["examples"].clone())
}

#[tokio::test]
async fn botocore_task_definition_examples_plan_nothing() {
    let Some(examples) = examples() else {
        return;
    };
    let mut cases = 0;
    for example in examples["RegisterTaskDefinition"].as_array().unwrap() {
        let desired = TaskDefinition::from_json(&example["input"].to_string()).unwrap();
        task_definition_case("RegisterTaskDefinition", &desired, &example["output"]).await;
        cases += 1;
    }
    for example in examples["DescribeTaskDefinition"].as_array().unwrap() {
        // No request: the answer as a person keeps it (`describe … | jq .taskDefinition`), and
        // as they would write it (without what ECS filled in).
        let answer = &example["output"];
        let kept = task_definition_from_file(answer);
        task_definition_case("DescribeTaskDefinition (kept)", &kept, answer).await;
        task_definition_case("DescribeTaskDefinition (written)", &minimal(&kept), answer).await;
        cases += 2;
    }
    assert_eq!(cases, 3);
}

#[tokio::test]
async fn botocore_service_examples_plan_nothing() {
    let Some(examples) = examples() else {
        return;
    };
    let mut cases = 0;
    for example in examples["CreateService"].as_array().unwrap() {
        let desired = Service::from_json(&example["input"].to_string()).unwrap();
        let answer = &example["output"];
        let from_file = Service::from_describe_json(&answer.to_string())
            .unwrap()
            .value;
        let through_sdk = service_through_the_sdk(&json!({"services": [answer["service"]]})).await;
        for (reading, observed) in [("SDK", &through_sdk), ("file", &from_file)] {
            let what = format!("CreateService {} ({reading})", desired.service_name);
            no_changes(&what, &compare::services(&desired, observed));
            let mut more = desired.clone();
            more.desired_count = Some(more.desired_count.unwrap_or_default() + 1);
            let changes = compare::services(&more, observed);
            let paths: Vec<String> = changes.iter().map(|c| c.path.to_string()).collect();
            assert_eq!(paths, ["desiredCount"], "{what}");
        }
        cases += 1;
    }
    for example in examples["DescribeServices"].as_array().unwrap() {
        let answer = &example["output"];
        let kept = Service::from_describe_json(&answer.to_string())
            .unwrap()
            .value;
        let through_sdk = service_through_the_sdk(answer).await;
        no_changes(
            "DescribeServices (SDK)",
            &compare::services(&kept, &through_sdk),
        );
        cases += 1;
    }
    assert_eq!(cases, 3);
}

/// Whether a corpus file is a `describe-task-definition` (or register/deregister) answer.
fn is_answer(path: &Path) -> bool {
    let text = std::fs::read_to_string(path).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let td = value.get("taskDefinition").unwrap_or(&value);
    td.get("taskDefinitionArn").is_some() || td.get("revision").is_some()
}

#[tokio::test]
async fn every_describe_answer_of_the_corpus_plans_nothing() {
    let Some(shared) = support::shared_or_skip("plans against the corpus' describe answers") else {
        return;
    };
    let dir = shared.join("conformance/real-world");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && is_answer(p))
        .collect();
    paths.sort();
    let mut tried = 0;
    for path in &paths {
        let answer: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let what = path.file_name().unwrap().to_string_lossy().into_owned();
        let kept = task_definition_from_file(&answer);
        if kept.container_definitions.is_empty() {
            continue; // a fragment: nothing to change
        }
        task_definition_case(&format!("{what} (kept)"), &kept, &answer).await;
        task_definition_case(&format!("{what} (written)"), &minimal(&kept), &answer).await;
        tried += 1;
    }
    // The corpus holds 10 answers with an ARN or revision (SOURCES.md lists them).
    assert_eq!(tried, 10, "{paths:#?}");
}

/// A Fargate definition as registered, and the answer ECS gives for it today: the members the
/// 2024–2026 API fills in (ecspresso#1082 lists them): `enableFaultInjection`,
/// `configuredAtLaunch`, `essential`, `cpu` 0, the host port and protocol, `readOnly`, and the
/// describe-only members. Written by hand from those sources; the SDK reads it as AWS sends it.
#[tokio::test]
async fn a_modern_fargate_answer_plans_nothing() {
    let request = json!({
        "family": "web",
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "cpu": "1 vCPU",
        "memory": "2 GB",
        "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        "containerDefinitions": [{
            "name": "app",
            "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1",
            "portMappings": [{"containerPort": 8080, "name": "http"}],
            "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}],
            "healthCheck": {"command": ["CMD-SHELL", "curl -f localhost:8080/ || exit 1"]}
        }],
        "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123"}}]
    });
    let answer = json!({"taskDefinition": {
        "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
        "family": "web",
        "revision": 7,
        "status": "ACTIVE",
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "compatibilities": ["EC2", "FARGATE", "MANAGED_INSTANCES"],
        "cpu": "1024",
        "memory": "2048",
        "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        "enableFaultInjection": false,
        "containerDefinitions": [{
            "name": "app",
            "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1",
            "cpu": 0,
            "essential": true,
            "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp", "name": "http"}],
            "environment": [],
            "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": false}],
            "volumesFrom": [],
            "systemControls": [],
            "healthCheck": {"command": ["CMD-SHELL", "curl -f localhost:8080/ || exit 1"],
                "interval": 30, "timeout": 5, "retries": 3}
        }],
        "volumes": [{"name": "data", "configuredAtLaunch": false, "efsVolumeConfiguration": {
            "fileSystemId": "fs-0123", "rootDirectory": "/", "transitEncryption": "DISABLED"}}],
        "placementConstraints": [],
        "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.docker-remote-api.1.24"}],
        "registeredAt": 1_764_547_200.123,
        "registeredBy": "arn:aws:sts::123456789012:assumed-role/deployer/ci"
    }, "tags": []});
    let desired = TaskDefinition::from_json(&request.to_string()).unwrap();
    task_definition_case("modern Fargate answer", &desired, &answer).await;
}

/// A service as created, and ECS's answer today: the deployment configuration's defaults filled
/// in (circuit breaker, strategy, bake time, lifecycle hooks' target type), Availability Zone
/// rebalancing, the ARNs where the request named things, and the describe-only members.
#[tokio::test]
async fn a_modern_service_answer_plans_nothing() {
    let request = json!({
        "serviceName": "web",
        "cluster": "prod",
        "taskDefinition": "web",
        "desiredCount": 2,
        "launchType": "FARGATE",
        "networkConfiguration": {"awsvpcConfiguration": {
            "subnets": ["subnet-b", "subnet-a"], "securityGroups": ["sg-1"]}},
        "deploymentConfiguration": {
            "maximumPercent": 200,
            "minimumHealthyPercent": 100,
            "earlySuccessCriteria": {"enable": true, "healthyPercent": 100,
                "sourceServiceRevisionCleanup": "BLOCKING"},
            "lifecycleHooks": [{"hookTargetArn": "arn:aws:lambda:us-east-1:123456789012:function:check",
                "roleArn": "arn:aws:iam::123456789012:role/hooks", "lifecycleStages": ["POST_SCALE_UP"]}]
        },
        "tags": [{"key": "team", "value": "web"}]
    });
    let answer = json!({"services": [{
        "serviceArn": "arn:aws:ecs:us-east-1:123456789012:service/prod/web",
        "serviceName": "web",
        "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
        "status": "ACTIVE",
        "desiredCount": 2, "runningCount": 2, "pendingCount": 0,
        "launchType": "FARGATE",
        "platformVersion": "LATEST", "platformFamily": "Linux",
        "taskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
        "deploymentConfiguration": {
            "deploymentCircuitBreaker": {"enable": false, "rollback": false},
            "maximumPercent": 200,
            "minimumHealthyPercent": 100,
            "strategy": "ROLLING",
            "bakeTimeInMinutes": 0,
            "earlySuccessCriteria": {"enable": true, "healthyPercent": 100,
                "sourceServiceRevisionCleanup": "BLOCKING"},
            "lifecycleHooks": [{"targetType": "AWS_LAMBDA",
                "hookTargetArn": "arn:aws:lambda:us-east-1:123456789012:function:check",
                "roleArn": "arn:aws:iam::123456789012:role/hooks", "lifecycleStages": ["POST_SCALE_UP"]}]
        },
        "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY", "desiredCount": 2,
            "taskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
            "rolloutState": "COMPLETED"}],
        "events": [],
        "createdAt": 1_764_547_200.5,
        "networkConfiguration": {"awsvpcConfiguration": {
            "subnets": ["subnet-a", "subnet-b"], "securityGroups": ["sg-1"],
            "assignPublicIp": "DISABLED"}},
        "healthCheckGracePeriodSeconds": 0,
        "schedulingStrategy": "REPLICA",
        "deploymentController": {"type": "ECS"},
        "tags": [{"key": "team", "value": "web"},
                 {"key": "ecs-deploy:application", "value": "web"}],
        "enableECSManagedTags": false,
        "propagateTags": "NONE",
        "enableExecuteCommand": false,
        "availabilityZoneRebalancing": "ENABLED"
    }], "failures": []});
    let desired = Service::from_json(&request.to_string()).unwrap();
    let from_file = Service::from_describe_json(&answer.to_string())
        .unwrap()
        .value;
    let through_sdk = service_through_the_sdk(&answer).await;
    for (reading, observed) in [("SDK", &through_sdk), ("file", &from_file)] {
        no_changes(reading, &compare::services(&desired, observed));
        // A real difference is still found: a third subnet.
        let mut more = desired.clone();
        more.network_configuration
            .as_mut()
            .unwrap()
            .awsvpc_configuration
            .as_mut()
            .unwrap()
            .subnets
            .push("subnet-c".into());
        let changes = compare::services(&more, observed);
        let paths: Vec<String> = changes.iter().map(|c| c.path.to_string()).collect();
        assert_eq!(
            paths,
            ["networkConfiguration.awsvpcConfiguration.subnets"],
            "{reading}"
        );
    }
}

/// An answer from an ECS newer than the model: values no enum of the model holds (a network
/// mode, a launch type in a list, a port protocol, a device type) are kept as read on both
/// paths, compare equal, and are never sent back without the model knowing them.
#[tokio::test]
async fn values_of_a_newer_ecs_are_kept_as_read_and_not_sent() {
    let answer = json!({"taskDefinition": {
        "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:2",
        "family": "web", "revision": 2, "status": "ACTIVE",
        "networkMode": "future-mode",
        "requiresCompatibilities": ["EC2", "FUTURE_COMPUTE"],
        "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 128,
            "portMappings": [{"containerPort": 80, "protocol": "sctp"}],
            "resourceRequirements": [{"type": "TPU", "value": "1"}]}]
    }});
    let through_sdk = task_definition_through_the_sdk(&answer).await;
    let from_file = task_definition_from_file(&answer);
    let rendered = serde_json::to_value(&through_sdk).unwrap();
    assert_eq!(rendered["networkMode"], "future-mode");
    assert_eq!(
        rendered["requiresCompatibilities"],
        json!(["EC2", "FUTURE_COMPUTE"])
    );
    assert_eq!(
        rendered["containerDefinitions"][0]["portMappings"][0]["protocol"],
        "sctp"
    );
    assert_eq!(
        rendered["containerDefinitions"][0]["resourceRequirements"][0]["type"],
        "TPU"
    );
    no_changes(
        "newer values",
        &compare::task_definitions(&from_file, &through_sdk),
    );
    only_the_image(
        "newer values",
        &compare::task_definitions(&with_new_image(&from_file), &through_sdk),
    );
    // Sending them would need the model to know them: refused, naming the first.
    let error = convert::register_task_definition(&through_sdk).unwrap_err();
    assert_eq!(error.path.to_string(), "networkMode");
    assert!(error.problem.contains("newer API"), "{error}");
}
