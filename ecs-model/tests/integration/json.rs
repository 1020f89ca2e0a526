//! Parsing and rendering: strict errors that name their path, the lenient mode, the describe
//! output forms, and the canonical rendering.

#![allow(clippy::needless_pass_by_value)] // the helpers take `json!` literals by value, for readability

use ecs_model::{Cpu, Diagnostic, Memory, ParseError, Severity, TaskDefinition};
use serde_json::{Value, json};

fn error_of(doc: &Value) -> String {
    TaskDefinition::from_json(&doc.to_string())
        .unwrap_err()
        .to_string()
}

fn minimal(container: Value) -> Value {
    let mut c = json!({"name": "web", "image": "nginx"});
    c.as_object_mut()
        .unwrap()
        .extend(container.as_object().unwrap().clone());
    json!({"family": "web", "containerDefinitions": [c]})
}

#[test]
fn null_is_an_error_at_its_path() {
    assert_eq!(
        error_of(&minimal(json!({"ulimits": null}))),
        "containerDefinitions[0].ulimits: expected an array, found null"
    );
    assert_eq!(
        error_of(&json!({"family": "web", "containerDefinitions": [], "networkMode": null})),
        "networkMode: expected a network mode string, found null"
    );
}

#[test]
fn wrong_types_name_what_was_found() {
    assert_eq!(
        error_of(&minimal(json!({"essential": "true"}))),
        "containerDefinitions[0].essential: expected a boolean, found a string (\"true\")"
    );
    assert_eq!(
        error_of(&minimal(json!({"memory": 1.5}))),
        "containerDefinitions[0].memory: expected an integer, found a number (1.5)"
    );
    assert_eq!(
        error_of(&minimal(json!({"memory": 3_000_000_000_i64}))),
        "containerDefinitions[0].memory: expected an integer between -2147483648 and 2147483647, found 3000000000"
    );
    assert_eq!(
        error_of(&minimal(json!({"portMappings": {"containerPort": 80}}))),
        "containerDefinitions[0].portMappings: expected an array, found an object"
    );
    assert_eq!(
        error_of(&minimal(json!({"dockerLabels": {"team": 7}}))),
        "containerDefinitions[0].dockerLabels.team: expected a string, found a number (7)"
    );
    assert_eq!(
        error_of(&json!([1, 2])),
        "$: expected an object, found an array"
    );
}

#[test]
fn enum_errors_list_the_valid_values() {
    assert_eq!(
        error_of(&json!({"family": "web", "containerDefinitions": [], "networkMode": "default"})),
        "networkMode: \"default\" is not a valid network mode; expected one of: bridge, host, awsvpc, none"
    );
    assert_eq!(
        error_of(&minimal(
            json!({"portMappings": [{"containerPort": 80, "protocol": "TCP"}]})
        )),
        "containerDefinitions[0].portMappings[0].protocol: \"TCP\" is not a valid transport protocol (did you mean \"tcp\"?); expected one of: tcp, udp"
    );
}

#[test]
fn every_unknown_key_is_reported_at_once() {
    let err = TaskDefinition::from_json(
        &json!({"family": "web", "awsvpcConfiguration": {}, "containerDefinitions": [
            {"name": "web", "image": "nginx", "portMappings": [{"containerPort": 80, "Protcol": "tcp"}], "domainname": "x"}
        ]})
        .to_string(),
    )
    .unwrap_err();
    let ParseError::Shape(diagnostics) = &err else {
        panic!("{err}")
    };
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "awsvpcConfiguration: unknown key `awsvpcConfiguration`",
            "containerDefinitions[0].domainname: unknown key `domainname`",
            "containerDefinitions[0].portMappings[0].Protcol: unknown key `Protcol`, did you mean `protocol`?",
        ]
    );
    assert!(
        diagnostics
            .iter()
            .all(|d| d.severity == Severity::Error && d.rule.is_none())
    );
}

#[test]
fn missing_and_duplicate_keys() {
    assert_eq!(
        error_of(&json!({"containerDefinitions": []})),
        "family: missing required key"
    );
    assert_eq!(
        error_of(&json!({"family": "web", "containerDefinitions": [{"name": "web"}]})),
        "containerDefinitions[0].image: missing required key"
    );
    let text = r#"{"family": "a", "family": "b", "containerDefinitions": []}"#;
    assert_eq!(
        TaskDefinition::from_json(text).unwrap_err().to_string(),
        "family: duplicate key"
    );
    // The second container, decoded where it ends up in the list, and the record's last key.
    let text = r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "a"},
        {"name": "b", "image": "b", "credentialSpecs": [], "credentialSpecs": []}]}"#;
    assert_eq!(
        TaskDefinition::from_json(text).unwrap_err().to_string(),
        "containerDefinitions[1].credentialSpecs: duplicate key"
    );
    let text = r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "a"},
        {"image": "b", "credentialSpecs": []}]}"#;
    assert_eq!(
        TaskDefinition::from_json(text).unwrap_err().to_string(),
        "containerDefinitions[1].name: missing required key"
    );
}

#[test]
fn syntax_errors_say_where() {
    let err = TaskDefinition::from_json("{\"family\": \"web\",\n  \"cpu\": }").unwrap_err();
    let ParseError::Syntax { line, column, .. } = err else {
        panic!("{err}")
    };
    assert_eq!((line, column), (2, 10));
    assert!(
        err.to_string()
            .starts_with("not valid JSON: expected value at line 2 column 10"),
        "{err}"
    );
    assert!(err.is_syntax());
    assert!(TaskDefinition::from_json("").unwrap_err().is_syntax());
    let trailing = r#"{"family": "a", "containerDefinitions": []} {}"#;
    assert!(TaskDefinition::from_json(trailing).unwrap_err().is_syntax());
}

#[test]
fn describe_output_wrapped_and_bare() {
    let wrapped = json!({
        "taskDefinition": {
            "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
            "family": "web",
            "revision": 7,
            "status": "ACTIVE",
            "compatibilities": ["EC2", "FARGATE"],
            "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"}],
            "registeredAt": "2024-05-01T10:00:00.000Z",
            "registeredBy": "arn:aws:iam::123456789012:user/ci",
            "containerDefinitions": [{"name": "web", "image": "nginx", "cpu": 0, "mountPoints": [], "volumesFrom": []}],
            "volumes": [],
            "placementConstraints": [],
            "cpu": "1 vCPU",
            "memory": "2 GB"
        },
        "tags": [{"key": "team", "value": "web"}]
    });
    let td = TaskDefinition::from_json(&wrapped.to_string()).unwrap();
    let registration = td.registration.as_ref().unwrap();
    assert_eq!(registration.revision, Some(7));
    assert_eq!(registration.compatibilities.len(), 2);
    assert_eq!(td.tags[0].key, "team");
    assert_eq!(
        serde_json::from_str::<Value>(&td.to_json()).unwrap(),
        json!({
            "family": "web",
            "containerDefinitions": [{"name": "web", "image": "nginx", "cpu": 0}],
            "cpu": "1024",
            "memory": "2048",
            "tags": [{"key": "team", "value": "web"}]
        })
    );

    let bare = wrapped["taskDefinition"].clone();
    let td = TaskDefinition::from_json(&bare.to_string()).unwrap();
    assert_eq!(
        td.registration
            .unwrap()
            .status
            .map(ecs_model::task_definition::TaskDefinitionStatus::as_str),
        Some("ACTIVE")
    );

    // Paths inside the wrapper start with `taskDefinition`.
    let mut broken = wrapped.clone();
    broken["taskDefinition"]["containerDefinitions"][0]["cpu"] = json!("0");
    assert_eq!(
        error_of(&broken),
        "taskDefinition.containerDefinitions[0].cpu: expected an integer, found a string (\"0\")"
    );
    let mut extra_key = wrapped.clone();
    extra_key["taskDefinition"]["portBindings"] = json!([]);
    assert_eq!(
        error_of(&extra_key),
        "taskDefinition.portBindings: unknown key `portBindings`"
    );
    // Inside what describe adds (the revision's registration) as anywhere else.
    let mut inside_registration = wrapped.clone();
    inside_registration["taskDefinition"]["requiresAttributes"][0]["targetTyp"] = json!("x");
    assert_eq!(
        error_of(&inside_registration),
        "taskDefinition.requiresAttributes[0].targetTyp: unknown key `targetTyp`, did you mean `targetType`?"
    );
    let mut beside = wrapped;
    beside["family"] = json!("web");
    assert!(error_of(&beside).starts_with("family: unknown key `family` beside `taskDefinition`"));
}

#[test]
fn tags_inside_a_wrapped_definition() {
    let doc = json!({"taskDefinition": {"family": "web", "containerDefinitions": [], "tags": []}});
    assert_eq!(
        error_of(&doc),
        "taskDefinition.tags: unknown key `tags`: describe-task-definition output carries tags beside `taskDefinition`, not inside it"
    );
    let doc = json!({"taskDefinition": {"family": "web", "containerDefinitions": [], "tags": [{"key": "a", "value": "b"}]}});
    let lenient = TaskDefinition::from_json_lenient(&doc.to_string()).unwrap();
    assert_eq!(lenient.warnings.len(), 1);
    assert_eq!(lenient.value.tags[0].key, "a");
}

#[test]
fn lenient_mode_keeps_unknown_keys_and_warns() {
    let doc = json!({
        "family": "web",
        "futureTaskField": {"enabled": true},
        "containerDefinitions": [{"name": "web", "image": "nginx",
            "portMappings": [{"containerPort": 80, "futureMappingField": "x"}],
            "logConfiguration": {"logDriver": "future-driver"}}]
    });
    let parsed = TaskDefinition::from_json_lenient(&doc.to_string()).unwrap();
    let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "futureTaskField: unknown key `futureTaskField` (kept as is)",
            "containerDefinitions[0].portMappings[0].futureMappingField: unknown key `futureMappingField` (kept as is)",
            "containerDefinitions[0].logConfiguration.logDriver: \"future-driver\" is not a valid log driver; expected one of: json-file, syslog, journald, gelf, fluentd, awslogs, splunk, awsfirelens (kept as is)",
        ]
    );
    assert!(
        parsed
            .warnings
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    // The round trip keeps what it did not know.
    let rendered: Value = serde_json::from_str(&parsed.value.to_json()).unwrap();
    assert_eq!(rendered, doc);
    // The strict parser rejects the same document, naming all three.
    let ParseError::Shape(errors) = TaskDefinition::from_json(&doc.to_string()).unwrap_err() else {
        panic!()
    };
    assert_eq!(errors.len(), 3);
}

#[test]
fn enum_values_of_a_newer_ecs_survive_a_lenient_round_trip() {
    // What a newer ECS may send: a network mode, a launch type among known ones, a protocol and
    // a device type this crate does not know (the last in a required member).
    let doc = json!({
        "family": "web",
        "networkMode": "future-mode",
        "requiresCompatibilities": ["EC2", "FUTURE_COMPUTE"],
        "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128,
            "portMappings": [{"containerPort": 80, "protocol": "sctp"}],
            "resourceRequirements": [{"type": "TPU", "value": "1"}]}]
    });
    let parsed = TaskDefinition::from_json_lenient(&doc.to_string()).unwrap();
    let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "networkMode: \"future-mode\" is not a value this version of ecs-model knows (a newer ECS API's?) (kept as is)",
            "requiresCompatibilities: [\"EC2\",\"FUTURE_COMPUTE\"] is not a value this version of ecs-model knows (a newer ECS API's?) (kept as is)",
            "containerDefinitions[0].portMappings[0].protocol: \"sctp\" is not a value this version of ecs-model knows (a newer ECS API's?) (kept as is)",
            "containerDefinitions[0].resourceRequirements[0].type: \"TPU\" is not a value this version of ecs-model knows (a newer ECS API's?) (kept as is)",
        ]
    );
    let rendered: Value = serde_json::from_str(&parsed.value.to_json()).unwrap();
    assert_eq!(rendered, doc);
    // The model holds none of them as known values.
    assert_eq!(parsed.value.network_mode, None);
    assert!(parsed.value.requires_compatibilities.is_empty());
    // A value kept as given is still its key's one value.
    let duplicate = r#"{"family": "web", "networkMode": "future-mode", "networkMode": "bridge",
        "containerDefinitions": []}"#;
    assert_eq!(
        TaskDefinition::from_json_lenient(duplicate)
            .unwrap_err()
            .to_string(),
        "networkMode: duplicate key"
    );
    // Strictly, it is the enum's error, with its values.
    let error = TaskDefinition::from_json(
        r#"{"family": "web", "networkMode": "future-mode", "containerDefinitions": []}"#,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        error,
        "networkMode: \"future-mode\" is not a valid network mode; expected one of: bridge, host, awsvpc, none"
    );
}

#[test]
fn rendering_is_what_the_cli_takes() {
    let doc = json!({
        "family": "web",
        "cpu": "0.5 vCPU",
        "memory": "1GB",
        "tags": [],
        "volumes": [],
        "containerDefinitions": [{
            "name": "web", "image": "nginx",
            "environment": [], "mountPoints": [],
            "dockerLabels": {"com.Example.UPPER": "1", "weird key/with:chars": "2"},
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "Mixed-Case": "kept"}}
        }]
    });
    let td = TaskDefinition::from_json(&doc.to_string()).unwrap();
    let rendered = td.to_json();
    assert!(!rendered.contains("null"));
    assert!(!rendered.contains("[]"));
    assert_eq!(
        serde_json::from_str::<Value>(&rendered).unwrap(),
        json!({
            "family": "web",
            "cpu": "512",
            "memory": "1024",
            "containerDefinitions": [{
                "name": "web", "image": "nginx",
                "dockerLabels": {"com.Example.UPPER": "1", "weird key/with:chars": "2"},
                "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "Mixed-Case": "kept"}}
            }]
        })
    );
    // Keys come in the API model's order; the pretty form indents by two spaces.
    assert!(
        rendered.starts_with(
            r#"{"family":"web","containerDefinitions":[{"name":"web","image":"nginx","#
        )
    );
    assert!(
        td.to_json_pretty()
            .starts_with("{\n  \"family\": \"web\",\n")
    );
}

#[test]
fn unparsed_cpu_survives_and_fails_validation() {
    let td = TaskDefinition::from_json(
        &json!({"family": "web", "containerDefinitions": [], "cpu": "{{cpu}}"}).to_string(),
    )
    .unwrap();
    assert_eq!(td.cpu.as_ref().and_then(Cpu::units), None);
    assert!(td.to_json().contains(r#""cpu":"{{cpu}}""#));
    assert!(td.validate().iter().any(|d| d.rule_id() == Some("ECS-A7")));
    assert_eq!(Memory::from("2 GB"), Memory::from_mib(2048));
}

#[test]
fn serde_deserialize_is_strict_with_paths() {
    let err = serde_json::from_value::<ecs_model::ContainerDefinition>(
        json!({"name": "a", "image": "b", "portMappings": [{"containerPort": "80"}]}),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "portMappings[0].containerPort: expected an integer, found a string (\"80\")"
    );
    let err = serde_json::from_value::<ecs_model::PortMapping>(
        json!({"containerPort": 80, "hostport": 80}),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "hostport: unknown key `hostport`, did you mean `hostPort`?"
    );
    let ok: ecs_model::PortMapping = serde_json::from_value(json!({"containerPort": 80})).unwrap();
    assert_eq!(ok.container_port, Some(80));
    // From text, inside a user's own document: duplicates are refused as `from_json` refuses
    // them, and every JSON kind comes through.
    let err = serde_json::from_str::<std::collections::BTreeMap<String, ecs_model::PortMapping>>(
        r#"{"port": {"containerPort": 80, "containerPort": 81}}"#,
    )
    .err()
    .unwrap();
    assert!(
        err.to_string().starts_with("containerPort: duplicate key"),
        "{err}"
    );
    let container: ecs_model::ContainerDefinition = serde_json::from_str(
        r#"{"name": "a", "image": "b", "essential": true, "cpu": 0, "memory": 512,
            "command": ["echo", "\"quoted\" \u00e9"], "dockerLabels": {"k": "v"}}"#,
    )
    .unwrap();
    assert_eq!(container.command, ["echo", "\"quoted\" é"]);
    assert_eq!(
        (container.essential, container.memory),
        (Some(true), Some(512))
    );
    assert_eq!(container.docker_labels["k"], "v");
}

#[test]
fn diagnostics_serialize_for_tools() {
    let td = TaskDefinition::from_json(
        &minimal(json!({"memory": 256, "memoryReservation": 512})).to_string(),
    )
    .unwrap();
    let d: Vec<Diagnostic> = td
        .validate()
        .into_iter()
        .filter(|d| d.rule_id() == Some("ECS-B4"))
        .collect();
    assert_eq!(
        serde_json::to_value(&d[0]).unwrap(),
        json!({
            "path": "containerDefinitions[0].memoryReservation",
            "rule": "ECS-B4",
            "severity": "error",
            "message": "must not exceed memory (512 > 256)"
        })
    );
}
