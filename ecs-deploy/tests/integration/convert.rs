//! The model to the AWS SDK's types and back: every valid task definition of the real-world
//! corpus becomes a `RegisterTaskDefinitionInput` and comes back equal.

use crate::support;

use ecs_deploy::convert::{register_task_definition, task_definition_from_input};
use ecs_model::TaskDefinition;
use serde_json::Value;

/// What the SDK cannot tell apart: a container `cpu` of 0 is how it holds "not given".
fn without_zero_container_cpu(mut td: TaskDefinition) -> TaskDefinition {
    for c in &mut td.container_definitions {
        if c.cpu == Some(0) {
            c.cpu = None;
        }
    }
    td.registration = None;
    td
}

#[test]
fn every_valid_real_world_task_definition_round_trips_through_the_sdk() {
    let Some(shared) = support::shared_or_skip("real-world corpus through the SDK types") else {
        return;
    };
    let mut converted = 0;
    for entry in std::fs::read_dir(shared.join("conformance/real-world")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let Ok(td) = TaskDefinition::from_json(&std::fs::read_to_string(&path).unwrap()) else {
            continue;
        };
        let input = register_task_definition(&td)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .build()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let back = task_definition_from_input(&input)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expected = without_zero_container_cpu(td);
        if back != expected {
            let (a, b): (Value, Value) = (
                serde_json::from_str(&expected.to_json()).unwrap(),
                serde_json::from_str(&back.to_json()).unwrap(),
            );
            panic!("{}:\nexpected {a:#}\ngot {b:#}", path.display());
        }
        converted += 1;
    }
    assert_eq!(converted, 253);
}

#[test]
fn every_member_of_a_task_definition_reaches_the_sdk_and_comes_back() {
    let schema = ecs_model::schema::task_definition();
    let mut document = support::every_member(&schema, &schema);
    let full = TaskDefinition::from_json(&document.to_string())
        .expect("the schema describes what the parser takes");
    // The one member aws-sdk-ecs 1.157 lacks is refused by name, never dropped.
    let error = register_task_definition(&full).unwrap_err();
    assert_eq!(error.path.to_string(), "trustedExecutionConfiguration");
    assert!(error.problem.contains("no field for it yet"), "{error}");
    document
        .as_object_mut()
        .unwrap()
        .remove("trustedExecutionConfiguration");
    let td = TaskDefinition::from_json(&document.to_string()).unwrap();
    let input = register_task_definition(&td).unwrap().build().unwrap();
    let back = task_definition_from_input(&input).unwrap();
    let (sent, received): (Value, Value) = (
        serde_json::from_str(&td.to_json()).unwrap(),
        serde_json::from_str(&back.to_json()).unwrap(),
    );
    assert_eq!(sent, received);
    // The document really has every member: spot-check the deepest ones.
    let container = &sent["containerDefinitions"][0];
    for key in [
        "linuxParameters",
        "firelensConfiguration",
        "restartPolicy",
        "healthCheck",
        "credentialSpecs",
        "versionConsistency",
    ] {
        assert!(
            container.get(key).is_some(),
            "{key} missing from {container:#}"
        );
    }
    assert!(
        sent["volumes"][0]["fsxWindowsFileServerVolumeConfiguration"]["authorizationConfig"]
            .is_object()
    );
    assert!(container["resourceRequirements"][0]["sharingStrategy"]["nvidiaMps"].is_object());
}

#[test]
fn a_gpu_share_without_a_count_is_refused_rather_than_sent_with_an_empty_value() {
    let td = ecs_model::TaskDefinition::ec2_bridge("gpu")
        .container(
            ecs_model::ContainerDefinition::builder("train", "trainer:1")
                .memory(1024)
                .resource_requirement(ecs_model::container::ResourceRequirement::shared_gpu(
                    4096,
                    Some(50),
                )),
        )
        .build()
        .unwrap();
    let error = register_task_definition(&td).unwrap_err();
    assert_eq!(
        error.path.to_string(),
        "containerDefinitions[0].resourceRequirements[0].value"
    );
}
