//! One test per rule of the catalog: a change to a valid baseline breaks the rule at the
//! expected path, and the baseline (or a fixed variant) does not.

#![allow(clippy::needless_pass_by_value)] // the helpers take `json!` literals by value, for readability

use crate::support;

use ecs_model::{Diagnostic, Severity, TaskDefinition};
use serde_json::{Value, json};

/// RFC 7386 merge patch: objects merge, everything else (arrays included) replaces, `null` deletes.
fn merge(base: &mut Value, patch: Value) {
    match (base, patch) {
        (Value::Object(base), Value::Object(patch)) => {
            for (key, value) in patch {
                if value.is_null() {
                    base.remove(&key);
                } else {
                    merge(base.entry(key).or_insert(Value::Null), value);
                }
            }
        }
        (base, patch) => *base = patch,
    }
}

fn container(patch: Value) -> Value {
    let mut c = json!({
        "name": "web",
        "image": "nginx:1.27",
        "essential": true,
        "portMappings": [{"containerPort": 80, "protocol": "tcp"}],
    });
    merge(&mut c, patch);
    c
}

fn parse(doc: &Value) -> TaskDefinition {
    TaskDefinition::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}\n{doc:#}"))
}

/// A valid Fargate task with one container, patched at the top.
fn fargate(patch: Value) -> TaskDefinition {
    let mut doc = json!({
        "family": "web",
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "cpu": "256",
        "memory": "512",
        "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        "containerDefinitions": [container(json!({}))],
    });
    merge(&mut doc, patch);
    parse(&doc)
}

/// The Fargate baseline with its container patched.
fn fargate_container(patch: Value) -> TaskDefinition {
    fargate(json!({"containerDefinitions": [container(patch)]}))
}

/// A valid EC2 bridge-mode task with one container, patched at the top.
fn ec2(patch: Value) -> TaskDefinition {
    let mut doc = json!({
        "family": "web",
        "networkMode": "bridge",
        "requiresCompatibilities": ["EC2"],
        "containerDefinitions": [container(json!({"memory": 256, "portMappings": [{"containerPort": 80}]}))],
    });
    merge(&mut doc, patch);
    parse(&doc)
}

/// The EC2 baseline with its container patched.
fn ec2_container(patch: Value) -> TaskDefinition {
    let mut c = container(json!({"memory": 256, "portMappings": [{"containerPort": 80}]}));
    merge(&mut c, patch);
    ec2(json!({"containerDefinitions": [c]}))
}

fn windows_ec2(patch: Value) -> TaskDefinition {
    let mut doc = json!({
        "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
        "networkMode": null,
    });
    merge(&mut doc, patch);
    ec2(doc)
}

#[track_caller]
fn breaks(subject: &TaskDefinition, rule: &str, path: &str) -> Diagnostic {
    support::expect_rule(&subject.validate(), rule, path)
}

#[track_caller]
fn keeps(subject: &TaskDefinition, rule: &str) {
    support::expect_no_rule(&subject.validate(), rule);
}

#[test]
fn the_baselines_are_clean() {
    for td in [fargate(json!({})), ec2(json!({}))] {
        assert_eq!(td.validate(), Vec::<Diagnostic>::new());
    }
}

// ---- A: task definition top level ------------------------------------------------------------

#[test]
fn a1_family_name() {
    let d = breaks(&fargate(json!({"family": "web app"})), "ECS-A1", "family");
    assert!(d.message.contains("\"web app\""), "{d}");
    breaks(
        &fargate(json!({"family": "x".repeat(256)})),
        "ECS-A1",
        "family",
    );
    keeps(&fargate(json!({"family": "web_app-2"})), "ECS-A1");
}

#[test]
fn a2_one_to_ten_containers() {
    breaks(
        &fargate(json!({"containerDefinitions": []})),
        "ECS-A2",
        "containerDefinitions",
    );
    let many: Vec<Value> = (0..11)
        .map(|i| container(json!({"name": format!("c{i}"), "portMappings": []})))
        .collect();
    breaks(
        &fargate(json!({"containerDefinitions": many})),
        "ECS-A2",
        "containerDefinitions",
    );
    let ten: Vec<Value> = (0..10)
        .map(|i| container(json!({"name": format!("c{i}"), "portMappings": []})))
        .collect();
    keeps(&fargate(json!({"containerDefinitions": ten})), "ECS-A2");
}

#[test]
fn a3_size_limit() {
    let env: Vec<Value> = (0..1200)
        .map(|i| json!({"name": format!("VARIABLE_{i}"), "value": "x".repeat(40)}))
        .collect();
    let td = fargate_container(json!({"environment": env}));
    assert!(td.to_json().len() > 65536);
    let d = breaks(&td, "ECS-A3", "$");
    assert!(d.message.contains("65536"), "{d}");
    keeps(&fargate(json!({})), "ECS-A3");
}

#[test]
fn a5_network_mode_per_launch_type() {
    breaks(
        &fargate(json!({"networkMode": "bridge"})),
        "ECS-A5",
        "networkMode",
    );
    breaks(
        &fargate(json!({"networkMode": null})),
        "ECS-A5",
        "networkMode",
    );
    breaks(
        &windows_ec2(json!({"networkMode": "bridge"})),
        "ECS-A5",
        "networkMode",
    );
    keeps(&windows_ec2(json!({"networkMode": "awsvpc"})), "ECS-A5");
    keeps(&ec2(json!({"networkMode": "host"})), "ECS-A5");
}

#[test]
fn a6_launch_types_once() {
    breaks(
        &fargate(json!({"requiresCompatibilities": ["FARGATE", "FARGATE"]})),
        "ECS-A6",
        "requiresCompatibilities[1]",
    );
    keeps(
        &fargate(json!({"requiresCompatibilities": ["FARGATE", "EC2"]})),
        "ECS-A6",
    );
}

#[test]
fn a7_cpu_and_memory_text_and_range() {
    let d = breaks(&fargate(json!({"cpu": "{{cpu}}"})), "ECS-A7", "cpu");
    assert!(d.message.contains("{{cpu}}"), "{d}");
    breaks(&fargate(json!({"memory": "1 GiB"})), "ECS-A7", "memory");
    breaks(&ec2(json!({"cpu": "64"})), "ECS-A7", "cpu");
    breaks(&ec2(json!({"cpu": "200000"})), "ECS-A7", "cpu");
    keeps(
        &ec2(json!({"cpu": "0.125 vCPU", "memory": "2GB"})),
        "ECS-A7",
    );
    keeps(
        &fargate(json!({"cpu": ".25 vcpu", "memory": "0.5 GB"})),
        "ECS-A7",
    );
}

#[test]
fn a8_fargate_needs_cpu_and_memory() {
    breaks(&fargate(json!({"cpu": null})), "ECS-A8", "cpu");
    breaks(&fargate(json!({"memory": null})), "ECS-A8", "memory");
    keeps(&ec2(json!({})), "ECS-A8");
}

#[test]
fn a9_fargate_linux_sizes() {
    let d = breaks(
        &fargate(json!({"cpu": "256", "memory": "4096"})),
        "ECS-A9",
        "memory",
    );
    assert!(d.message.contains("use one of 512, 1024, 2048 MiB"), "{d}");
    // 0.25 vCPU has no 1.5 GB size (the old table accepted it).
    breaks(
        &fargate(json!({"cpu": "256", "memory": "1536"})),
        "ECS-A9",
        "memory",
    );
    // The 32 vCPU tier (cfn-lint, pulumi-awsx).
    keeps(
        &fargate(json!({"cpu": "32 vCPU", "memory": "249856"})),
        "ECS-A9",
    );
    breaks(
        &fargate(json!({"cpu": "32768", "memory": "131072"})),
        "ECS-A9",
        "memory",
    );
    breaks(
        &fargate(json!({"cpu": "384", "memory": "1024"})),
        "ECS-A9",
        "cpu",
    );
    keeps(
        &fargate(json!({"cpu": "8 vCPU", "memory": "60 GB"})),
        "ECS-A9",
    );
    keeps(
        &fargate(json!({"cpu": "16384", "memory": "122880"})),
        "ECS-A9",
    );
    breaks(
        &fargate(json!({"cpu": "16384", "memory": "126976"})),
        "ECS-A9",
        "memory",
    );
}

/// Every Linux CPU size and every memory size it takes, as cfn-lint (maintained by AWS's
/// CloudFormation team, pinned in `.ci/requirements.txt`) lists them in its Fargate extension
/// schema, is exactly the model's table.
#[test]
fn the_fargate_table_is_cfn_lints() {
    let Some(packages) = support::venv_packages_or_skip("the Fargate table against cfn-lint")
    else {
        return;
    };
    let path = packages
        .join("cfnlint/data/schemas/extensions/aws_ecs_taskdefinition/fargate_cpu_memory.json");
    let schema: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let mut theirs = std::collections::BTreeMap::new();
    for size in schema["then"]["anyOf"].as_array().unwrap() {
        let cpu: u32 = size["properties"]["Cpu"]["then"]["enum"][0]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let memory = &size["properties"]["Memory"]["then"];
        let number = |v: &Value| u32::try_from(v.as_u64().unwrap()).unwrap();
        let mib: Vec<u32> = if let Some(values) = memory["enum"].as_array() {
            values.iter().map(number).collect()
        } else {
            let step = usize::try_from(number(&memory["multipleOf"])).unwrap();
            (number(&memory["minimum"])..=number(&memory["maximum"]))
                .step_by(step)
                .collect()
        };
        theirs.insert(cpu, mib);
    }
    let ours: std::collections::BTreeMap<u32, Vec<u32>> = theirs
        .keys()
        .map(|&cpu| {
            (
                cpu,
                ecs_model::validate::fargate_memory_options(cpu, false).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(ours, theirs);
    let sizes: Vec<u32> = ecs_model::validate::FARGATE_LINUX_SIZES
        .iter()
        .map(|s| s.cpu)
        .collect();
    assert_eq!(sizes, theirs.keys().copied().collect::<Vec<_>>());
    let pairs: usize = theirs.values().map(Vec::len).sum();
    assert_eq!((theirs.len(), pairs), (8, 77));
}

#[test]
fn a10_fargate_windows_sizes() {
    let windows = json!({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}});
    let mut small = windows.clone();
    merge(&mut small, json!({"cpu": "512", "memory": "1024"}));
    breaks(&fargate(small), "ECS-A10", "cpu");
    let mut arm = windows.clone();
    merge(
        &mut arm,
        json!({"cpu": "1024", "memory": "2048", "runtimePlatform": {"cpuArchitecture": "ARM64"}}),
    );
    breaks(&fargate(arm), "ECS-A10", "runtimePlatform.cpuArchitecture");
    let mut ok = windows;
    merge(&mut ok, json!({"cpu": "1024", "memory": "2048"}));
    keeps(&fargate(ok), "ECS-A10");
}

#[test]
fn a11_windows_ec2_ignores_task_size() {
    let d = breaks(&windows_ec2(json!({"cpu": "1024"})), "ECS-A11", "cpu");
    assert_eq!(d.severity, Severity::Warning);
    keeps(&windows_ec2(json!({})), "ECS-A11");
}

#[test]
fn a12_a13_namespaces() {
    breaks(&fargate(json!({"pidMode": "host"})), "ECS-A12", "pidMode");
    keeps(&fargate(json!({"pidMode": "task"})), "ECS-A12");
    breaks(
        &windows_ec2(json!({"pidMode": "task"})),
        "ECS-A12",
        "pidMode",
    );
    breaks(&fargate(json!({"ipcMode": "task"})), "ECS-A13", "ipcMode");
    breaks(
        &windows_ec2(json!({"ipcMode": "none"})),
        "ECS-A13",
        "ipcMode",
    );
    keeps(
        &ec2(json!({"ipcMode": "host", "pidMode": "host"})),
        "ECS-A13",
    );
}

#[test]
fn a14_placement_constraints() {
    let one = json!([{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}]);
    breaks(
        &fargate(json!({"placementConstraints": one})),
        "ECS-A14",
        "placementConstraints",
    );
    keeps(&ec2(json!({"placementConstraints": one})), "ECS-A14");
    let eleven: Vec<Value> = (0..11).map(|_| one[0].clone()).collect();
    breaks(
        &ec2(json!({"placementConstraints": eleven})),
        "ECS-A14",
        "placementConstraints",
    );
}

#[test]
fn a15_ephemeral_storage() {
    breaks(
        &fargate(json!({"ephemeralStorage": {"sizeInGiB": 20}})),
        "ECS-A15",
        "ephemeralStorage.sizeInGiB",
    );
    breaks(
        &fargate(json!({"ephemeralStorage": {"sizeInGiB": 201}})),
        "ECS-A15",
        "ephemeralStorage.sizeInGiB",
    );
    keeps(
        &fargate(json!({"ephemeralStorage": {"sizeInGiB": 200}})),
        "ECS-A15",
    );
    let d = breaks(
        &ec2(json!({"ephemeralStorage": {"sizeInGiB": 30}})),
        "ECS-A15",
        "ephemeralStorage",
    );
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn a16_proxy_configuration() {
    let proxy = json!({"type": "APPMESH", "containerName": "envoy"});
    breaks(
        &fargate(json!({"proxyConfiguration": proxy})),
        "ECS-A16",
        "proxyConfiguration.containerName",
    );
    let envoy =
        container(json!({"name": "envoy", "image": "envoyproxy/envoy:v1.31", "portMappings": []}));
    let both = json!([container(json!({})), envoy]);
    keeps(
        &fargate(json!({"proxyConfiguration": proxy, "containerDefinitions": both})),
        "ECS-A16",
    );
    let mut bridge = json!({"proxyConfiguration": proxy, "containerDefinitions": both});
    merge(&mut bridge, json!({}));
    let td = ec2(
        json!({"proxyConfiguration": proxy, "containerDefinitions": [
            container(json!({"memory": 256})), container(json!({"name": "envoy", "memory": 128, "portMappings": []}))
        ]}),
    );
    breaks(&td, "ECS-A16", "proxyConfiguration");
}

#[test]
fn a17_inference_accelerators() {
    let td = ec2_container(
        json!({"resourceRequirements": [{"type": "InferenceAccelerator", "value": "device_1"}]}),
    );
    breaks(
        &td,
        "ECS-A17",
        "containerDefinitions[0].resourceRequirements[0].value",
    );
    let ok = ec2(json!({
        "inferenceAccelerators": [{"deviceName": "device_1", "deviceType": "eia2.medium"}],
        "containerDefinitions": [container(json!({"memory": 256, "resourceRequirements": [{"type": "InferenceAccelerator", "value": "device_1"}]}))],
    }));
    keeps(&ok, "ECS-A17");
    breaks(
        &fargate(
            json!({"inferenceAccelerators": [{"deviceName": "d", "deviceType": "eia2.medium"}]}),
        ),
        "ECS-A17",
        "inferenceAccelerators",
    );
}

#[test]
fn a19_tags() {
    breaks(
        &fargate(json!({"tags": [{"key": "aws:owner", "value": "me"}]})),
        "ECS-A19",
        "tags[0].key",
    );
    breaks(
        &fargate(json!({"tags": [{"key": "", "value": "x"}]})),
        "ECS-A19",
        "tags[0].key",
    );
    breaks(
        &fargate(json!({"tags": [{"key": "team", "value": "x".repeat(257)}]})),
        "ECS-A19",
        "tags[0].value",
    );
    breaks(
        &fargate(json!({"tags": [{"key": "a#b", "value": "x"}]})),
        "ECS-A19",
        "tags[0].key",
    );
    let many: Vec<Value> = (0..51)
        .map(|i| json!({"key": format!("k{i}"), "value": "v"}))
        .collect();
    breaks(&fargate(json!({"tags": many})), "ECS-A19", "tags");
    keeps(
        &fargate(json!({"tags": [{"key": "Name", "value": "pet-web-task-service"}]})),
        "ECS-A19",
    );
}

#[test]
fn a20_external_networking() {
    breaks(
        &ec2(json!({"requiresCompatibilities": ["EXTERNAL"], "networkMode": "awsvpc"})),
        "ECS-A20",
        "networkMode",
    );
    keeps(
        &ec2(json!({"requiresCompatibilities": ["EXTERNAL"], "networkMode": "bridge"})),
        "ECS-A20",
    );
}

#[test]
fn a21_managed_instances_networking() {
    breaks(
        &ec2(json!({"requiresCompatibilities": ["MANAGED_INSTANCES"]})),
        "ECS-A21",
        "networkMode",
    );
    keeps(
        &ec2(json!({"requiresCompatibilities": ["MANAGED_INSTANCES"], "networkMode": "host"})),
        "ECS-A21",
    );
}

#[test]
fn a22_f6_fargate_execution_role() {
    let image = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest";
    let td = fargate(json!({
        "executionRoleArn": null,
        "containerDefinitions": [container(json!({"image": image}))],
    }));
    let d = breaks(&td, "ECS-A22", "executionRoleArn");
    assert!(d.message.contains("ECR image"), "{d}");
    let td = fargate(json!({
        "executionRoleArn": null,
        "containerDefinitions": [container(json!({"logConfiguration": {"logDriver": "awslogs", "options": {
            "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}}))],
    }));
    breaks(&td, "ECS-F6", "executionRoleArn");
    keeps(&td, "ECS-A22");
    keeps(&fargate(json!({"executionRoleArn": null})), "ECS-A22");
    keeps(
        &fargate(json!({"containerDefinitions": [container(json!({"image": image}))]})),
        "ECS-A22",
    );
}

// ---- B: containers ---------------------------------------------------------------------------

#[test]
fn b1_container_names_and_images() {
    breaks(
        &fargate_container(json!({"name": "web.1"})),
        "ECS-B1",
        "containerDefinitions[0].name",
    );
    breaks(
        &fargate_container(json!({"image": ""})),
        "ECS-B1",
        "containerDefinitions[0].image",
    );
    let twins = json!([container(json!({})), container(json!({"portMappings": []}))]);
    breaks(
        &fargate(json!({"containerDefinitions": twins})),
        "ECS-B1",
        "containerDefinitions[1].name",
    );
}

#[test]
fn b2_image_references() {
    breaks(
        &fargate_container(json!({"image": "nginx:${TAG}"})),
        "ECS-B2",
        "containerDefinitions[0].image",
    );
    breaks(
        &fargate_container(json!({"image": "nginx@sha256:1234"})),
        "ECS-B2",
        "containerDefinitions[0].image",
    );
    keeps(
        &fargate_container(json!({"image": format!("nginx@sha256:{}", "a".repeat(64))})),
        "ECS-B2",
    );
}

#[test]
fn b3_ec2_memory_somewhere() {
    breaks(
        &ec2_container(json!({"memory": null})),
        "ECS-B3",
        "containerDefinitions[0]",
    );
    keeps(
        &ec2_container(json!({"memory": null, "memoryReservation": 128})),
        "ECS-B3",
    );
    let with_task_memory =
        ec2(json!({"memory": "512", "containerDefinitions": [container(json!({}))]}));
    keeps(&with_task_memory, "ECS-B3");
    keeps(&fargate(json!({})), "ECS-B3");
}

#[test]
fn b4_reservation_within_memory() {
    let d = breaks(
        &ec2_container(json!({"memory": 256, "memoryReservation": 512})),
        "ECS-B4",
        "containerDefinitions[0].memoryReservation",
    );
    assert_eq!(
        d.to_string(),
        "containerDefinitions[0].memoryReservation: must not exceed memory (512 > 256) [ECS-B4]"
    );
    keeps(
        &ec2_container(json!({"memory": 256, "memoryReservation": 256})),
        "ECS-B4",
    );
}

#[test]
fn b5_memory_floor() {
    breaks(
        &ec2_container(json!({"memory": 4})),
        "ECS-B5",
        "containerDefinitions[0].memory",
    );
    keeps(&ec2_container(json!({"memory": 6})), "ECS-B5");
}

#[test]
fn b6_containers_fit_the_task() {
    let td = fargate_container(json!({"memory": 1024}));
    breaks(&td, "ECS-B6", "memory");
    breaks(&td, "ECS-B6", "containerDefinitions[0].memory");
    breaks(&fargate_container(json!({"cpu": 512})), "ECS-B6", "cpu");
    let two = json!([
        container(json!({"memoryReservation": 300})),
        container(json!({"name": "side", "memoryReservation": 300, "portMappings": []}))
    ]);
    breaks(
        &fargate(json!({"containerDefinitions": two})),
        "ECS-B6",
        "memory",
    );
    keeps(
        &fargate_container(json!({"cpu": 256, "memory": 512})),
        "ECS-B6",
    );
}

#[test]
fn b7_container_cpu_range() {
    breaks(
        &ec2_container(json!({"cpu": -1})),
        "ECS-B7",
        "containerDefinitions[0].cpu",
    );
    breaks(
        &ec2_container(json!({"cpu": 262_145})),
        "ECS-B7",
        "containerDefinitions[0].cpu",
    );
    keeps(&ec2_container(json!({"cpu": 0})), "ECS-B7");
}

#[test]
fn b8_an_essential_container() {
    breaks(
        &fargate_container(json!({"essential": false})),
        "ECS-B8",
        "containerDefinitions",
    );
    keeps(&fargate_container(json!({"essential": null})), "ECS-B8");
}

#[test]
fn b9_timeouts() {
    breaks(
        &fargate_container(json!({"stopTimeout": 121})),
        "ECS-B9",
        "containerDefinitions[0].stopTimeout",
    );
    breaks(
        &fargate_container(json!({"startTimeout": 1})),
        "ECS-B9",
        "containerDefinitions[0].startTimeout",
    );
    keeps(&ec2_container(json!({"stopTimeout": 600})), "ECS-B9");
    breaks(
        &ec2_container(json!({"stopTimeout": -5})),
        "ECS-B9",
        "containerDefinitions[0].stopTimeout",
    );
    keeps(
        &fargate_container(json!({"stopTimeout": 120, "startTimeout": 2})),
        "ECS-B9",
    );
}

#[test]
fn b10_restart_policy() {
    breaks(
        &fargate_container(json!({"restartPolicy": {"enabled": true, "restartAttemptPeriod": 30}})),
        "ECS-B10",
        "containerDefinitions[0].restartPolicy.restartAttemptPeriod",
    );
    let codes: Vec<i32> = (0..51).collect();
    breaks(
        &fargate_container(json!({"restartPolicy": {"enabled": true, "ignoredExitCodes": codes}})),
        "ECS-B10",
        "containerDefinitions[0].restartPolicy.ignoredExitCodes",
    );
    keeps(
        &fargate_container(json!({"restartPolicy": {"enabled": true, "restartAttemptPeriod": 60}})),
        "ECS-B10",
    );
}

#[test]
fn b12_resource_requirements() {
    let gpu = json!({"resourceRequirements": [{"type": "GPU", "value": "1"}]});
    breaks(
        &fargate_container(gpu.clone()),
        "ECS-B12",
        "containerDefinitions[0].resourceRequirements[0]",
    );
    keeps(&ec2_container(gpu), "ECS-B12");
    breaks(
        &ec2_container(json!({"resourceRequirements": [{"type": "GPU", "value": "two"}]})),
        "ECS-B12",
        "containerDefinitions[0].resourceRequirements[0].value",
    );
    let neuron = json!({"resourceRequirements": [{"type": "NeuronDevice", "value": "ALL"}]});
    breaks(
        &ec2_container(neuron.clone()),
        "ECS-B12",
        "containerDefinitions[0].resourceRequirements[0]",
    );
    let mut mi = container(neuron);
    merge(&mut mi, json!({"memory": 256}));
    keeps(
        &ec2(
            json!({"requiresCompatibilities": ["MANAGED_INSTANCES"], "networkMode": "awsvpc", "containerDefinitions": [mi]}),
        ),
        "ECS-B12",
    );
}

#[test]
fn b12_gpu_sharing() {
    let mps = |memory: i64, percent: i64| json!({"type": "GPU", "sharingStrategy": {"nvidiaMps": {"memory": memory, "maxComputePercent": percent}}});
    keeps(
        &ec2_container(json!({"resourceRequirements": [mps(4096, 50)]})),
        "ECS-B12",
    );
    keeps(
        &ec2_container(json!({"resourceRequirements": [{"type": "GPU", "value": "ALL"}]})),
        "ECS-B12",
    );
    let both =
        json!({"type": "GPU", "value": "1", "sharingStrategy": {"nvidiaMps": {"memory": 1}}});
    breaks(
        &ec2_container(json!({"resourceRequirements": [both]})),
        "ECS-B12",
        "containerDefinitions[0].resourceRequirements[0]",
    );
    breaks(
        &ec2_container(json!({"resourceRequirements": [{"type": "GPU"}]})),
        "ECS-B12",
        "containerDefinitions[0].resourceRequirements[0].value",
    );
    breaks(
        &ec2_container(json!({"resourceRequirements": [mps(0, 50)]})),
        "ECS-B12",
        "containerDefinitions[0].resourceRequirements[0].sharingStrategy.nvidiaMps.memory",
    );
    breaks(
        &ec2_container(json!({"resourceRequirements": [mps(1024, 101)]})),
        "ECS-B12",
        "containerDefinitions[0].resourceRequirements[0].sharingStrategy.nvidiaMps.maxComputePercent",
    );
    breaks(
        &ec2_container(json!({"resourceRequirements": [{"type": "GPU", "sharingStrategy": {}}]})),
        "ECS-B12",
        "containerDefinitions[0].resourceRequirements[0].sharingStrategy",
    );
    breaks(
        &ec2_container(json!({"resourceRequirements": [
            {"type": "InferenceAccelerator", "value": "x", "sharingStrategy": {"nvidiaMps": {"memory": 1}}}
        ]})),
        "ECS-B12",
        "containerDefinitions[0].resourceRequirements[0].sharingStrategy",
    );
    // Not on EXTERNAL.
    let external = ec2(json!({
        "requiresCompatibilities": ["EXTERNAL"],
        "containerDefinitions": [container(json!({"memory": 256, "resourceRequirements": [mps(1024, 50)]}))],
    }));
    breaks(
        &external,
        "ECS-B12",
        "containerDefinitions[0].resourceRequirements[0].sharingStrategy",
    );
    // A task's GPU containers all take counts or all share.
    let mixed = ec2(json!({"containerDefinitions": [
        container(json!({"memory": 256, "resourceRequirements": [{"type": "GPU", "value": "1"}]})),
        container(json!({"name": "b", "memory": 256, "portMappings": [], "resourceRequirements": [mps(1024, 50)]})),
    ]}));
    let d = breaks(
        &mixed,
        "ECS-B12",
        "containerDefinitions[1].resourceRequirements[0]",
    );
    assert!(d.message.contains("same option"), "{}", d.message);
}

#[test]
fn a23_trusted_execution() {
    let mi = |config: Value| {
        ec2(json!({
            "requiresCompatibilities": ["MANAGED_INSTANCES"],
            "networkMode": "awsvpc",
            "trustedExecutionConfiguration": config,
        }))
    };
    keeps(&mi(json!({"isolationMode": "ISOLATED_SANDBOX"})), "ECS-A23");
    keeps(
        &mi(json!({"isolationMode": "CONFIDENTIAL_SANDBOX", "attestationPolicy": "eyJhIjoxfQ=="})),
        "ECS-A23",
    );
    breaks(
        &mi(json!({"isolationMode": "CONFIDENTIAL_SANDBOX"})),
        "ECS-A23",
        "trustedExecutionConfiguration.attestationPolicy",
    );
    breaks(
        &mi(json!({"isolationMode": "CONFIDENTIAL_SANDBOX", "attestationPolicy": "not base64!"})),
        "ECS-A23",
        "trustedExecutionConfiguration.attestationPolicy",
    );
    breaks(
        &ec2(json!({"trustedExecutionConfiguration": {"isolationMode": "SHARED"}})),
        "ECS-A23",
        "trustedExecutionConfiguration",
    );
    // The isolation mode is an API enum: a typo is a parse error naming the values.
    let error = TaskDefinition::from_json(
        &json!({"family": "f", "containerDefinitions": [container(json!({}))],
                "trustedExecutionConfiguration": {"isolationMode": "ISOLATED"}})
        .to_string(),
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("ISOLATED_SANDBOX"), "{error}");
}

#[test]
fn b13_credential_specs() {
    breaks(
        &ec2_container(json!({"credentialSpecs": ["arn:aws:s3:::bucket/spec.json"]})),
        "ECS-B13",
        "containerDefinitions[0].credentialSpecs[0]",
    );
    breaks(
        &ec2_container(json!({"credentialSpecs": ["credentialspec:a", "credentialspec:b"]})),
        "ECS-B13",
        "containerDefinitions[0].credentialSpecs",
    );
    keeps(
        &ec2_container(
            json!({"credentialSpecs": ["credentialspecdomainless:arn:aws:s3:::b/s.json"]}),
        ),
        "ECS-B13",
    );
}

#[test]
fn b14_registry_credentials_from_secrets_manager() {
    breaks(
        &ec2_container(
            json!({"repositoryCredentials": {"credentialsParameter": "arn:aws:ssm:us-east-1:1:parameter/x"}}),
        ),
        "ECS-B14",
        "containerDefinitions[0].repositoryCredentials.credentialsParameter",
    );
    keeps(
        &ec2_container(
            json!({"repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:1:secret:dockerhub"}}),
        ),
        "ECS-B14",
    );
}

#[test]
fn b15_user() {
    breaks(
        &windows_ec2(
            json!({"containerDefinitions": [container(json!({"memory": 256, "user": "app"}))]}),
        ),
        "ECS-B15",
        "containerDefinitions[0].user",
    );
    let root = ec2(
        json!({"networkMode": "host", "containerDefinitions": [container(json!({"memory": 256, "user": "0:0", "portMappings": []}))]}),
    );
    assert_eq!(
        breaks(&root, "ECS-B15", "containerDefinitions[0].user").severity,
        Severity::Warning
    );
    keeps(&ec2_container(json!({"user": "1000:1000"})), "ECS-B15");
}

// ---- C: networking ---------------------------------------------------------------------------

#[test]
fn c1_awsvpc_host_port_equals_container_port() {
    let d = breaks(
        &fargate_container(json!({"portMappings": [{"containerPort": 80, "hostPort": 8080}]})),
        "ECS-C1",
        "containerDefinitions[0].portMappings[0].hostPort",
    );
    assert!(
        d.message.contains("8080") && d.message.contains("80"),
        "{d}"
    );
    keeps(
        &fargate_container(json!({"portMappings": [{"containerPort": 80, "hostPort": 80}]})),
        "ECS-C1",
    );
    keeps(
        &ec2_container(json!({"portMappings": [{"containerPort": 80, "hostPort": 8080}]})),
        "ECS-C1",
    );
}

#[test]
fn c3_static_host_ports() {
    let d = breaks(
        &ec2_container(json!({"portMappings": [{"containerPort": 80, "hostPort": 50000}]})),
        "ECS-C3",
        "containerDefinitions[0].portMappings[0].hostPort",
    );
    assert_eq!(d.severity, Severity::Warning);
    let d = breaks(
        &ec2_container(json!({"portMappings": [{"containerPort": 80, "hostPort": 51678}]})),
        "ECS-C3",
        "containerDefinitions[0].portMappings[0].hostPort",
    );
    assert_eq!(d.severity, Severity::Error);
    keeps(
        &ec2_container(json!({"portMappings": [{"containerPort": 80, "hostPort": 0}]})),
        "ECS-C3",
    );
    keeps(
        &ec2_container(json!({"portMappings": [{"containerPort": 80, "hostPort": 8080}]})),
        "ECS-C3",
    );
}

#[test]
fn c4_no_ports_without_network() {
    breaks(
        &ec2(json!({"networkMode": "none"})),
        "ECS-C4",
        "containerDefinitions[0].portMappings",
    );
    keeps(
        &ec2(
            json!({"networkMode": "none", "containerDefinitions": [container(json!({"memory": 128, "portMappings": []}))]}),
        ),
        "ECS-C4",
    );
}

#[test]
fn c5_a_port_for_one_protocol() {
    breaks(
        &fargate_container(
            json!({"portMappings": [{"containerPort": 53, "protocol": "tcp"}, {"containerPort": 53, "protocol": "udp"}]}),
        ),
        "ECS-C5",
        "containerDefinitions[0].portMappings[1]",
    );
    keeps(
        &fargate_container(json!({"portMappings": [{"containerPort": 53}, {"containerPort": 54}]})),
        "ECS-C5",
    );
}

#[test]
fn c6_port_ranges() {
    let bad = [
        (
            json!({"containerPortRange": "9000-8000"}),
            "containerDefinitions[0].portMappings[0].containerPortRange",
        ),
        (
            json!({"containerPortRange": "1-70000"}),
            "containerDefinitions[0].portMappings[0].containerPortRange",
        ),
        (
            json!({"containerPortRange": "8000-9000", "containerPort": 8000}),
            "containerDefinitions[0].portMappings[0].containerPort",
        ),
        (
            json!({"containerPortRange": "8000-9000", "hostPort": 8000}),
            "containerDefinitions[0].portMappings[0].hostPort",
        ),
    ];
    for (mapping, path) in bad {
        breaks(
            &fargate_container(json!({"portMappings": [mapping]})),
            "ECS-C6",
            path,
        );
    }
    breaks(
        &ec2(
            json!({"networkMode": "host", "containerDefinitions": [container(json!({"memory": 128, "portMappings": [{"containerPortRange": "8000-9000"}]}))]}),
        ),
        "ECS-C6",
        "containerDefinitions[0].portMappings[0].containerPortRange",
    );
    breaks(
        &fargate_container(
            json!({"portMappings": [{"containerPortRange": "8000-9000"}, {"containerPort": 8500}]}),
        ),
        "ECS-C5",
        "containerDefinitions[0].portMappings[1]",
    );
    keeps(
        &fargate_container(json!({"portMappings": [{"containerPortRange": "8000-9000"}]})),
        "ECS-C6",
    );
}

#[test]
fn c7_port_names() {
    breaks(
        &fargate_container(json!({"portMappings": [{"containerPort": 80, "name": "Web"}]})),
        "ECS-C7",
        "containerDefinitions[0].portMappings[0].name",
    );
    breaks(
        &fargate_container(json!({"portMappings": [{"containerPort": 80, "appProtocol": "http"}]})),
        "ECS-C7",
        "containerDefinitions[0].portMappings[0].appProtocol",
    );
    let two = json!([
        container(json!({"portMappings": [{"containerPort": 80, "name": "web"}]})),
        container(json!({"name": "side", "portMappings": [{"containerPort": 81, "name": "web"}]}))
    ]);
    breaks(
        &fargate(json!({"containerDefinitions": two})),
        "ECS-C7",
        "containerDefinitions[1].portMappings[0].name",
    );
    breaks(
        &ec2(
            json!({"networkMode": "host", "containerDefinitions": [container(json!({"memory": 128, "portMappings": [{"containerPort": 80, "name": "web"}]}))]}),
        ),
        "ECS-C7",
        "containerDefinitions[0].portMappings[0].name",
    );
    keeps(
        &fargate_container(
            json!({"portMappings": [{"containerPort": 80, "name": "nextjs-port", "appProtocol": "http"}]}),
        ),
        "ECS-C7",
    );
    // Every repeat, in document order, each naming the first use, whatever order the names
    // come in.
    let three = json!([
        container(json!({"portMappings": [
            {"containerPort": 80, "name": "web"}, {"containerPort": 81, "name": "admin"}]})),
        container(json!({"name": "side", "portMappings": [
            {"containerPort": 82, "name": "admin"}, {"containerPort": 83, "name": "web"},
            {"containerPort": 84, "name": "api"}, {"containerPort": 85, "name": "web"}]}))
    ]);
    let repeats: Vec<(String, String)> = fargate(json!({"containerDefinitions": three}))
        .validate()
        .into_iter()
        .filter(|d| d.rule.is_some_and(|r| r.id == "ECS-C7"))
        .map(|d| (d.path.to_string(), d.message))
        .collect();
    let first = |i: usize, j: usize| format!("containerDefinitions[{i}].portMappings[{j}];");
    assert_eq!(repeats.len(), 3, "{repeats:?}");
    for ((path, message), (at, of)) in repeats.iter().zip([
        ("containerDefinitions[1].portMappings[0].name", first(0, 1)),
        ("containerDefinitions[1].portMappings[1].name", first(0, 0)),
        ("containerDefinitions[1].portMappings[3].name", first(0, 0)),
    ]) {
        assert_eq!(path, at);
        assert!(message.contains(&of), "{message}");
    }
}

#[test]
fn c8_not_with_awsvpc() {
    let td = ec2(
        json!({"networkMode": "awsvpc", "containerDefinitions": [container(json!({"memory": 128, "hostname": "web", "dnsServers": ["10.0.0.2"]}))]}),
    );
    breaks(&td, "ECS-C8", "containerDefinitions[0].hostname");
    breaks(&td, "ECS-C8", "containerDefinitions[0].dnsServers");
    keeps(
        &ec2_container(json!({"hostname": "web", "dnsServers": ["10.0.0.2"]})),
        "ECS-C8",
    );
}

#[test]
fn c9_links() {
    breaks(
        &ec2(
            json!({"networkMode": "host", "containerDefinitions": [container(json!({"memory": 128, "links": ["db"], "portMappings": []}))]}),
        ),
        "ECS-C9",
        "containerDefinitions[0].links",
    );
    breaks(
        &windows_ec2(
            json!({"containerDefinitions": [container(json!({"memory": 128, "links": ["db"]}))]}),
        ),
        "ECS-C9",
        "containerDefinitions[0].links",
    );
    keeps(&ec2_container(json!({"links": ["db"]})), "ECS-C9");
}

#[test]
fn c10_fargate_windows_port_3150() {
    let td = fargate(json!({
        "cpu": "1024", "memory": "2048",
        "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
        "containerDefinitions": [container(json!({"portMappings": [{"containerPort": 3150}]}))],
    }));
    breaks(
        &td,
        "ECS-C10",
        "containerDefinitions[0].portMappings[0].containerPort",
    );
    keeps(
        &fargate_container(json!({"portMappings": [{"containerPort": 3150}]})),
        "ECS-C10",
    );
}

#[test]
fn c11_ports_in_range() {
    breaks(
        &fargate_container(json!({"portMappings": [{"containerPort": 0}]})),
        "ECS-C11",
        "containerDefinitions[0].portMappings[0].containerPort",
    );
    breaks(
        &ec2_container(json!({"portMappings": [{"containerPort": 80, "hostPort": 70000}]})),
        "ECS-C11",
        "containerDefinitions[0].portMappings[0].hostPort",
    );
    breaks(
        &fargate_container(json!({"portMappings": [{"protocol": "tcp"}]})),
        "ECS-C11",
        "containerDefinitions[0].portMappings[0]",
    );
    keeps(
        &fargate_container(json!({"portMappings": [{"containerPort": 65535}]})),
        "ECS-C11",
    );
}

// ---- D: health checks ------------------------------------------------------------------------

fn health(check: Value) -> TaskDefinition {
    fargate_container(json!({"healthCheck": check}))
}

#[test]
fn d1_health_check_command() {
    breaks(
        &health(json!({"command": []})),
        "ECS-D1",
        "containerDefinitions[0].healthCheck.command",
    );
    breaks(
        &health(json!({"command": ["curl", "-f", "localhost"]})),
        "ECS-D1",
        "containerDefinitions[0].healthCheck.command[0]",
    );
    breaks(
        &health(json!({"command": ["CMD-SHELL"]})),
        "ECS-D1",
        "containerDefinitions[0].healthCheck.command",
    );
    keeps(&health(json!({"command": ["CMD", "/bin/check"]})), "ECS-D1");
}

#[test]
fn d2_to_d5_health_check_ranges() {
    let cmd = json!(["CMD-SHELL", "true"]);
    breaks(
        &health(json!({"command": cmd, "interval": 4})),
        "ECS-D2",
        "containerDefinitions[0].healthCheck.interval",
    );
    breaks(
        &health(json!({"command": cmd, "interval": 301})),
        "ECS-D2",
        "containerDefinitions[0].healthCheck.interval",
    );
    breaks(
        &health(json!({"command": cmd, "timeout": 61})),
        "ECS-D3",
        "containerDefinitions[0].healthCheck.timeout",
    );
    breaks(
        &health(json!({"command": cmd, "timeout": 1})),
        "ECS-D3",
        "containerDefinitions[0].healthCheck.timeout",
    );
    breaks(
        &health(json!({"command": cmd, "retries": 0})),
        "ECS-D4",
        "containerDefinitions[0].healthCheck.retries",
    );
    breaks(
        &health(json!({"command": cmd, "retries": 11})),
        "ECS-D4",
        "containerDefinitions[0].healthCheck.retries",
    );
    breaks(
        &health(json!({"command": cmd, "startPeriod": 301})),
        "ECS-D5",
        "containerDefinitions[0].healthCheck.startPeriod",
    );
    let ok = health(
        json!({"command": cmd, "interval": 300, "timeout": 60, "retries": 10, "startPeriod": 0}),
    );
    for rule in ["ECS-D2", "ECS-D3", "ECS-D4", "ECS-D5"] {
        keeps(&ok, rule);
    }
}

#[test]
fn d6_interval_longer_than_timeout() {
    let d = breaks(
        &health(json!({"command": ["CMD-SHELL", "true"], "interval": 10, "timeout": 10})),
        "ECS-D6",
        "containerDefinitions[0].healthCheck.timeout",
    );
    assert_eq!(d.severity, Severity::Warning);
    keeps(&health(json!({"command": ["CMD-SHELL", "true"]})), "ECS-D6");
}

// ---- E: dependencies -------------------------------------------------------------------------

fn pair(app_deps: Value, sidecar: Value) -> TaskDefinition {
    let mut side = container(json!({"name": "init", "image": "busybox", "portMappings": []}));
    merge(&mut side, sidecar);
    fargate(json!({"containerDefinitions": [container(json!({"dependsOn": app_deps})), side]}))
}

#[test]
fn e2_complete_and_success_on_non_essential() {
    breaks(
        &pair(
            json!([{"containerName": "init", "condition": "SUCCESS"}]),
            json!({}),
        ),
        "ECS-E2",
        "containerDefinitions[0].dependsOn[0].condition",
    );
    keeps(
        &pair(
            json!([{"containerName": "init", "condition": "COMPLETE"}]),
            json!({"essential": false}),
        ),
        "ECS-E2",
    );
}

#[test]
fn e3_healthy_needs_a_health_check() {
    breaks(
        &pair(
            json!([{"containerName": "init", "condition": "HEALTHY"}]),
            json!({}),
        ),
        "ECS-E3",
        "containerDefinitions[0].dependsOn[0].condition",
    );
    keeps(
        &pair(
            json!([{"containerName": "init", "condition": "HEALTHY"}]),
            json!({"healthCheck": {"command": ["CMD", "true"]}}),
        ),
        "ECS-E3",
    );
}

#[test]
fn e5_targets_exist_without_cycles() {
    breaks(
        &pair(
            json!([{"containerName": "db", "condition": "START"}]),
            json!({}),
        ),
        "ECS-E5",
        "containerDefinitions[0].dependsOn[0].containerName",
    );
    let cycle = pair(
        json!([{"containerName": "init", "condition": "START"}]),
        json!({"dependsOn": [{"containerName": "web", "condition": "START"}]}),
    );
    let d = breaks(&cycle, "ECS-E5", "containerDefinitions[0].dependsOn");
    assert!(d.message.contains("web → init → web"), "{d}");
    keeps(
        &pair(
            json!([{"containerName": "init", "condition": "START"}]),
            json!({}),
        ),
        "ECS-E5",
    );
}

// ---- F: logging ------------------------------------------------------------------------------

fn logs(config: Value) -> TaskDefinition {
    fargate_container(json!({"logConfiguration": config}))
}

fn awslogs(options: Value) -> TaskDefinition {
    let mut all = json!({"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"});
    merge(&mut all, options);
    logs(json!({"logDriver": "awslogs", "options": all}))
}

#[test]
fn f1_log_drivers() {
    breaks(
        &logs(json!({"logDriver": "json-file"})),
        "ECS-F1",
        "containerDefinitions[0].logConfiguration.logDriver",
    );
    keeps(
        &ec2_container(json!({"logConfiguration": {"logDriver": "json-file"}})),
        "ECS-F1",
    );
    let custom =
        TaskDefinition::from_json_lenient(&fargate_container(json!({})).to_json().replace(
            "\"portMappings\"",
            "\"logConfiguration\":{\"logDriver\":\"my-driver\"},\"portMappings\"",
        ))
        .unwrap();
    assert_eq!(custom.warnings.len(), 1, "{:?}", custom.warnings);
    breaks(
        &custom.value,
        "ECS-F1",
        "containerDefinitions[0].logConfiguration.logDriver",
    );
}

#[test]
fn f2_awslogs_options() {
    breaks(
        &awslogs(json!({"awslogs-group": null})),
        "ECS-F2",
        "containerDefinitions[0].logConfiguration.options",
    );
    breaks(
        &awslogs(json!({"awslogs-stream-prefix": null})),
        "ECS-F2",
        "containerDefinitions[0].logConfiguration.options",
    );
    keeps(
        &ec2_container(
            json!({"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "r"}}}),
        ),
        "ECS-F2",
    );
    let d = breaks(
        &awslogs(json!({"awslogs-stream-prefx": "x"})),
        "ECS-F2",
        "containerDefinitions[0].logConfiguration.options.awslogs-stream-prefx",
    );
    assert!(
        d.message.contains("did you mean `awslogs-stream-prefix`"),
        "{d}"
    );
    keeps(&awslogs(json!({})), "ECS-F2");
}

#[test]
fn f3_datetime_or_multiline() {
    breaks(
        &awslogs(json!({"awslogs-datetime-format": "%Y", "awslogs-multiline-pattern": "^x"})),
        "ECS-F3",
        "containerDefinitions[0].logConfiguration.options.awslogs-multiline-pattern",
    );
    keeps(&awslogs(json!({"awslogs-datetime-format": "%Y"})), "ECS-F3");
}

#[test]
fn f4_mode_and_buffer() {
    breaks(
        &awslogs(json!({"mode": "async"})),
        "ECS-F4",
        "containerDefinitions[0].logConfiguration.options.mode",
    );
    breaks(
        &awslogs(json!({"mode": "blocking", "max-buffer-size": "25m"})),
        "ECS-F4",
        "containerDefinitions[0].logConfiguration.options.max-buffer-size",
    );
    keeps(&awslogs(json!({"max-buffer-size": "25m"})), "ECS-F4");
    keeps(
        &awslogs(json!({"mode": "non-blocking", "max-buffer-size": "25m"})),
        "ECS-F4",
    );
}

#[test]
fn f7_firelens_router() {
    breaks(
        &logs(json!({"logDriver": "awsfirelens", "options": {"Name": "cloudwatch"}})),
        "ECS-F7",
        "containerDefinitions[0].logConfiguration.logDriver",
    );
    let router = |name: &str, options: Value| {
        container(
            json!({"name": name, "image": "amazon/aws-for-fluent-bit:stable", "essential": false,
            "portMappings": [], "firelensConfiguration": {"type": "fluentbit", "options": options}}),
        )
    };
    let app = container(
        json!({"logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch"}}}),
    );
    keeps(
        &fargate(json!({"containerDefinitions": [app, router("log_router", json!({}))]})),
        "ECS-F7",
    );
    breaks(
        &fargate(
            json!({"containerDefinitions": [app, router("a", json!({})), router("b", json!({}))]}),
        ),
        "ECS-F7",
        "containerDefinitions[2].firelensConfiguration",
    );
    breaks(
        &fargate(
            json!({"containerDefinitions": [app, router("log_router", json!({"config-file-type": "s3", "config-file-value": "arn:aws:s3:::b/c.conf"}))]}),
        ),
        "ECS-F7",
        "containerDefinitions[1].firelensConfiguration.options.config-file-type",
    );
}

// ---- G: environment --------------------------------------------------------------------------

#[test]
fn g1_unique_variable_names() {
    breaks(
        &fargate_container(
            json!({"environment": [{"name": "PORT", "value": "1"}, {"name": "PORT", "value": "2"}]}),
        ),
        "ECS-G1",
        "containerDefinitions[0].environment[1].name",
    );
    let d = breaks(
        &fargate_container(json!({"environment": [{"name": "DB", "value": "x"}],
            "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}]})),
        "ECS-G1",
        "containerDefinitions[0].secrets[0].name",
    );
    assert!(d.message.contains("environment[0]"), "{d}");
    breaks(
        &fargate_container(json!({"environment": [{"value": "x"}]})),
        "ECS-G1",
        "containerDefinitions[0].environment[0].name",
    );
    keeps(
        &fargate_container(
            json!({"environment": [{"name": "A", "value": "1"}, {"name": "B", "value": "1"}]}),
        ),
        "ECS-G1",
    );
}

#[test]
fn g3_environment_files() {
    let file = |value: &str| json!({"environmentFiles": [{"type": "s3", "value": value}]});
    breaks(
        &fargate_container(file("s3://bucket/app.env")),
        "ECS-G3",
        "containerDefinitions[0].environmentFiles[0].value",
    );
    breaks(
        &fargate_container(file("arn:aws:s3:::bucket/app.txt")),
        "ECS-G3",
        "containerDefinitions[0].environmentFiles[0].value",
    );
    keeps(
        &fargate_container(file("arn:aws:s3:::bucket/app.env")),
        "ECS-G3",
    );
    let eleven: Vec<Value> = (0..11)
        .map(|i| json!({"type": "s3", "value": format!("arn:aws:s3:::b/{i}.env")}))
        .collect();
    breaks(
        &fargate_container(json!({"environmentFiles": eleven})),
        "ECS-G3",
        "containerDefinitions",
    );
}

#[test]
fn g4_g5_secret_references() {
    let secret = |value_from: &str| {
        fargate_container(json!({"secrets": [{"name": "S", "valueFrom": value_from}]}))
    };
    let at = "containerDefinitions[0].secrets[0].valueFrom";
    breaks(&secret("arn:aws:s3:::bucket/secret"), "ECS-G4", at);
    breaks(
        &secret("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password"),
        "ECS-G4",
        at,
    );
    breaks(&secret(""), "ECS-G4", at);
    breaks(
        &secret(
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password:AWSCURRENT:v1",
        ),
        "ECS-G5",
        at,
    );
    for ok in [
        "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf:password::",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
        "arn:aws:ssm:us-east-1:123456789012:parameter/app/db-password",
        "/app/db-password",
    ] {
        keeps(&secret(ok), "ECS-G4");
        keeps(&secret(ok), "ECS-G5");
    }
    breaks(
        &logs(
            json!({"logDriver": "splunk", "secretOptions": [{"name": "splunk-token", "valueFrom": "arn:aws:kms:us-east-1:1:key/x"}]}),
        ),
        "ECS-G4",
        "containerDefinitions[0].logConfiguration.secretOptions[0].valueFrom",
    );
}

#[test]
fn g9_credentials_in_plaintext() {
    let env = |name: &str, value: &str| {
        fargate_container(json!({"environment": [{"name": name, "value": value}]}))
    };
    let at = "containerDefinitions[0].environment[0].value";
    for (name, value, what) in [
        ("AWS_ACCESS_KEY_ID", "anything", "an AWS access key id"),
        (
            "aws_secret_access_key",
            "wJalrXUtnFEMI/K7MDENG",
            "an AWS secret access key",
        ),
        ("ECS_ENGINE_AUTH_DATA", "{\"r\":{}}", "registry credentials"),
        (
            "UPSTREAM",
            "key=AKIAIOSFODNN7EXAMPLE;",
            "an AWS access key id",
        ),
        (
            "TLS_KEY",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE",
            "a private key",
        ),
        ("MYSQL_ROOT_PASSWORD", "password", "a secret"),
        ("DB_PASS", "pass", "a secret"),
        ("STRIPE_API_KEY", "sk_live_x", "a secret"),
        ("github-token", "ghp_x", "a secret"),
        ("SECRET", "s3cr3t", "a secret"),
        ("db_password", "hunter2", "a secret"),
        // Past the first sixteen bytes, and in the last few, the capitals are still found.
        (
            "UPSTREAM_URL",
            "https://user@example.com/?key=AKIAIOSFODNN7EXAMPLE",
            "an AWS access key id",
        ),
        (
            "BUNDLE",
            "ca bundle, then: -----BEGIN EC PRIVATE KEY-----",
            "a private key",
        ),
    ] {
        let d = breaks(&env(name, value), "ECS-G9", at);
        assert_eq!(d.severity, Severity::Warning);
        assert!(
            d.message
                .contains(&format!("`{name}` holds {what} in plaintext")),
            "{d}"
        );
        assert!(d.message.contains("move it to `secrets`"), "{d}");
        assert!(
            !d.message.contains(value),
            "the value is never repeated: {d}"
        );
    }
    for (name, value) in [
        ("DB_PASSWORD", "${DB_PASSWORD}"),
        ("DB_PASSWORD", "{{resolve:secretsmanager:db}}"),
        ("DB_PASSWORD", ""),
        ("DB_PASSWORD_FILE", "/run/secrets/db"),
        ("TOKEN_TTL", "3600"),
        ("BYPASS", "yes"),
        (
            "API_TOKEN_ARN",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:t-AbCdEf",
        ),
        (
            "NOTE",
            "AKIAIOSFODNN7EXAMPLEX is not an id, nor is xAKIAIOSFODNN7EXAMPLE",
        ),
        ("AWS_REGION", "us-east-1"),
    ] {
        keeps(&env(name, value), "ECS-G9");
    }
    // A secret is where credentials belong.
    keeps(
        &fargate_container(json!({"secrets": [{"name": "DB_PASSWORD",
            "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}]})),
        "ECS-G9",
    );
}

// ---- H: Linux parameters ---------------------------------------------------------------------

fn linux(params: Value) -> (TaskDefinition, TaskDefinition) {
    (
        fargate_container(json!({"linuxParameters": params})),
        ec2_container(json!({"linuxParameters": params})),
    )
}

#[test]
fn h1_capabilities() {
    let (f, e) = linux(json!({"capabilities": {"add": ["NET_ADMIN"]}}));
    breaks(
        &f,
        "ECS-H1",
        "containerDefinitions[0].linuxParameters.capabilities.add[0]",
    );
    keeps(&e, "ECS-H1");
    let (f, _) = linux(json!({"capabilities": {"add": ["SYS_PTRACE"], "drop": ["ALL"]}}));
    keeps(&f, "ECS-H1");
    let (_, e) = linux(json!({"capabilities": {"drop": ["CAP_NET_RAW"]}}));
    let d = breaks(
        &e,
        "ECS-H1",
        "containerDefinitions[0].linuxParameters.capabilities.drop[0]",
    );
    assert!(d.message.contains("NET_RAW"), "{d}");
}

#[test]
fn h2_not_on_fargate() {
    let (f, e) =
        linux(json!({"sharedMemorySize": 64, "tmpfs": [{"containerPath": "/tmp", "size": 64}]}));
    breaks(
        &f,
        "ECS-H2",
        "containerDefinitions[0].linuxParameters.sharedMemorySize",
    );
    breaks(
        &f,
        "ECS-H2",
        "containerDefinitions[0].linuxParameters.tmpfs",
    );
    keeps(&e, "ECS-H2");
}

#[test]
fn h3_swap() {
    let (_, e) = linux(json!({"swappiness": 101, "maxSwap": 512}));
    breaks(
        &e,
        "ECS-H3",
        "containerDefinitions[0].linuxParameters.swappiness",
    );
    let (_, e) = linux(json!({"swappiness": 10}));
    assert_eq!(
        breaks(
            &e,
            "ECS-H3",
            "containerDefinitions[0].linuxParameters.swappiness"
        )
        .severity,
        Severity::Warning
    );
    let (_, e) = linux(json!({"maxSwap": -1}));
    breaks(
        &e,
        "ECS-H3",
        "containerDefinitions[0].linuxParameters.maxSwap",
    );
    let (_, e) = linux(json!({"swappiness": 60, "maxSwap": 512}));
    keeps(&e, "ECS-H3");
}

#[test]
fn h4_h5_tmpfs_and_devices() {
    let (_, e) = linux(
        json!({"tmpfs": [{"containerPath": "/tmp", "size": 0, "mountOptions": ["noexec", "mode=1777", "fast"]}]}),
    );
    breaks(
        &e,
        "ECS-H4",
        "containerDefinitions[0].linuxParameters.tmpfs[0].size",
    );
    breaks(
        &e,
        "ECS-H4",
        "containerDefinitions[0].linuxParameters.tmpfs[0].mountOptions[2]",
    );
    let (_, e) = linux(
        json!({"tmpfs": [{"containerPath": "/tmp", "size": 64, "mountOptions": ["noexec", "mode=1777"]}]}),
    );
    keeps(&e, "ECS-H4");
    let (_, e) = linux(json!({"devices": [{"hostPath": ""}]}));
    breaks(
        &e,
        "ECS-H5",
        "containerDefinitions[0].linuxParameters.devices[0].hostPath",
    );
    let (_, e) =
        linux(json!({"devices": [{"hostPath": "/dev/fuse", "permissions": ["read", "write"]}]}));
    keeps(&e, "ECS-H5");
}

#[test]
fn h6_privileged() {
    breaks(
        &fargate_container(json!({"privileged": true})),
        "ECS-H6",
        "containerDefinitions[0].privileged",
    );
    breaks(
        &windows_ec2(
            json!({"containerDefinitions": [container(json!({"memory": 128, "privileged": true}))]}),
        ),
        "ECS-H6",
        "containerDefinitions[0].privileged",
    );
    keeps(&ec2_container(json!({"privileged": true})), "ECS-H6");
    keeps(&fargate_container(json!({"privileged": false})), "ECS-H6");
}

#[test]
fn h7_docker_security_options() {
    breaks(
        &fargate_container(json!({"dockerSecurityOptions": ["no-new-privileges"]})),
        "ECS-H7",
        "containerDefinitions[0].dockerSecurityOptions",
    );
    breaks(
        &ec2_container(json!({"dockerSecurityOptions": ["seccomp=unconfined"]})),
        "ECS-H7",
        "containerDefinitions[0].dockerSecurityOptions[0]",
    );
    keeps(
        &ec2_container(
            json!({"dockerSecurityOptions": ["no-new-privileges", "label:type:svirt_apache_t"]}),
        ),
        "ECS-H7",
    );
}

#[test]
fn h8_ulimits() {
    let limits = |l: Value| fargate_container(json!({"ulimits": l}));
    breaks(
        &limits(json!([{"name": "nofile", "softLimit": 70000, "hardLimit": 65535}])),
        "ECS-H8",
        "containerDefinitions[0].ulimits[0].softLimit",
    );
    breaks(
        &limits(
            json!([{"name": "nofile", "softLimit": 1, "hardLimit": 2}, {"name": "nofile", "softLimit": 1, "hardLimit": 2}]),
        ),
        "ECS-H8",
        "containerDefinitions[0].ulimits[1].name",
    );
    breaks(
        &windows_ec2(
            json!({"containerDefinitions": [container(json!({"memory": 128, "ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 2}]}))]}),
        ),
        "ECS-H8",
        "containerDefinitions[0].ulimits",
    );
    keeps(
        &limits(json!([{"name": "nofile", "softLimit": 65535, "hardLimit": 65535}])),
        "ECS-H8",
    );
}

#[test]
fn h9_system_controls() {
    let net = json!({"systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}], "portMappings": []});
    breaks(
        &ec2(
            json!({"networkMode": "host", "containerDefinitions": [container({let mut c = net.clone(); merge(&mut c, json!({"memory": 128})); c})]}),
        ),
        "ECS-H9",
        "containerDefinitions[0].systemControls[0].namespace",
    );
    breaks(
        &ec2(
            json!({"ipcMode": "host", "containerDefinitions": [container(json!({"memory": 128, "systemControls": [{"namespace": "kernel.shmmax", "value": "1"}]}))]}),
        ),
        "ECS-H9",
        "containerDefinitions[0].systemControls[0].namespace",
    );
    keeps(&fargate_container(net), "ECS-H9");
    let two = json!([
        container(
            json!({"systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}]})
        ),
        container(
            json!({"name": "side", "portMappings": [], "systemControls": [{"namespace": "net.core.somaxconn", "value": "4096"}]})
        )
    ]);
    let d = breaks(
        &fargate(json!({"containerDefinitions": two})),
        "ECS-H9",
        "containerDefinitions[1].systemControls[0].value",
    );
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn h10_not_valid_on_fargate() {
    for (key, value) in [
        ("links", json!(["db"])),
        ("dnsServers", json!(["10.0.0.2"])),
        ("dnsSearchDomains", json!(["example.com"])),
        (
            "extraHosts",
            json!([{"hostname": "db", "ipAddress": "10.0.0.3"}]),
        ),
        ("disableNetworking", json!(false)),
    ] {
        let td = fargate_container(json!({key: value}));
        breaks(&td, "ECS-H10", &format!("containerDefinitions[0].{key}"));
        keeps(&td, "ECS-C8");
    }
}

// ---- I: volumes ------------------------------------------------------------------------------

fn with_volume(volume: Value, mount: Option<&str>) -> (TaskDefinition, TaskDefinition) {
    let mounts = mount.map_or(
        json!([]),
        |name| json!([{"sourceVolume": name, "containerPath": "/data"}]),
    );
    (
        fargate(
            json!({"volumes": [volume], "containerDefinitions": [container(json!({"mountPoints": mounts}))]}),
        ),
        ec2(
            json!({"volumes": [volume], "containerDefinitions": [container(json!({"memory": 128, "mountPoints": mounts}))]}),
        ),
    )
}

#[test]
fn i1_volume_names_and_configurations() {
    let (f, _) = with_volume(
        json!({"name": "data", "host": {}, "efsVolumeConfiguration": {"fileSystemId": "fs-1"}}),
        Some("data"),
    );
    breaks(&f, "ECS-I1", "volumes[0]");
    let (f, _) = with_volume(json!({"host": {}}), None);
    breaks(&f, "ECS-I1", "volumes[0]");
    let td = fargate(json!({"volumes": [{"name": "data"}, {"name": "data"}]}));
    breaks(&td, "ECS-I1", "volumes[1].name");
    let (f, _) = with_volume(json!({"name": "data"}), Some("data"));
    keeps(&f, "ECS-I1");
}

#[test]
fn i2_mounts_name_real_volumes() {
    let (f, _) = with_volume(json!({"name": "data"}), Some("date"));
    let d = breaks(
        &f,
        "ECS-I2",
        "containerDefinitions[0].mountPoints[0].sourceVolume",
    );
    assert!(d.message.contains("did you mean \"data\""), "{d}");
    let td = fargate_container(json!({"volumesFrom": [{"sourceContainer": "db"}]}));
    breaks(
        &td,
        "ECS-I2",
        "containerDefinitions[0].volumesFrom[0].sourceContainer",
    );
    let (f, _) = with_volume(json!({"name": "data"}), Some("data"));
    keeps(&f, "ECS-I2");
}

#[test]
fn i3_i4_docker_and_host_volumes() {
    let (f, e) = with_volume(
        json!({"name": "data", "dockerVolumeConfiguration": {"scope": "shared", "autoprovision": true}}),
        Some("data"),
    );
    breaks(&f, "ECS-I3", "volumes[0].dockerVolumeConfiguration");
    keeps(&e, "ECS-I3");
    let (_, e) = with_volume(
        json!({"name": "data", "dockerVolumeConfiguration": {"scope": "task", "autoprovision": true}}),
        Some("data"),
    );
    breaks(
        &e,
        "ECS-I3",
        "volumes[0].dockerVolumeConfiguration.autoprovision",
    );
    let (f, e) = with_volume(
        json!({"name": "data", "host": {"sourcePath": "/var/data"}}),
        Some("data"),
    );
    breaks(&f, "ECS-I4", "volumes[0].host.sourcePath");
    keeps(&e, "ECS-I4");
}

#[test]
fn i5_efs_transit_encryption() {
    let efs = |config: Value| {
        with_volume(
            json!({"name": "data", "efsVolumeConfiguration": config}),
            Some("data"),
        )
        .0
    };
    breaks(
        &efs(json!({"fileSystemId": "fs-1", "authorizationConfig": {"iam": "ENABLED"}})),
        "ECS-I5",
        "volumes[0].efsVolumeConfiguration.transitEncryption",
    );
    breaks(
        &efs(
            json!({"fileSystemId": "fs-1", "transitEncryption": "ENABLED", "rootDirectory": "/data", "authorizationConfig": {"accessPointId": "fsap-1"}}),
        ),
        "ECS-I5",
        "volumes[0].efsVolumeConfiguration.rootDirectory",
    );
    breaks(
        &efs(json!({"fileSystemId": "fs-1", "transitEncryptionPort": 0})),
        "ECS-I5",
        "volumes[0].efsVolumeConfiguration.transitEncryptionPort",
    );
    keeps(
        &efs(
            json!({"fileSystemId": "fs-1", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1", "iam": "ENABLED"}}),
        ),
        "ECS-I5",
    );
}

#[test]
fn i6_fsx_windows_on_linux() {
    let volume = json!({"name": "share", "fsxWindowsFileServerVolumeConfiguration": {"fileSystemId": "fs-1", "rootDirectory": "share",
        "authorizationConfig": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:1:secret:ad", "domain": "example.com"}}});
    let linux = ec2(
        json!({"runtimePlatform": {"operatingSystemFamily": "LINUX"}, "volumes": [volume],
        "containerDefinitions": [container(json!({"memory": 128, "mountPoints": [{"sourceVolume": "share", "containerPath": "C:\\data"}]}))]}),
    );
    breaks(
        &linux,
        "ECS-I6",
        "volumes[0].fsxWindowsFileServerVolumeConfiguration",
    );
    let unspecified = ec2(json!({"volumes": [volume],
        "containerDefinitions": [container(json!({"memory": 128, "mountPoints": [{"sourceVolume": "share", "containerPath": "C:\\data"}]}))]}));
    keeps(&unspecified, "ECS-I6");
}

#[test]
fn i8_s3_files_needs_a_task_role() {
    let volume = json!({"name": "data", "s3filesVolumeConfiguration": {"fileSystemArn": "arn:aws:s3files:us-east-1:1:file-system/fs-1"}});
    let (f, _) = with_volume(volume.clone(), Some("data"));
    breaks(&f, "ECS-I8", "volumes[0].s3filesVolumeConfiguration");
    let with_role = fargate(
        json!({"taskRoleArn": "arn:aws:iam::1:role/app", "volumes": [volume],
        "containerDefinitions": [container(json!({"mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}))]}),
    );
    keeps(&with_role, "ECS-I8");
}

#[test]
fn i9_one_volume_configured_at_launch() {
    let (f, _) = with_volume(json!({"name": "ebs", "configuredAtLaunch": true}), None);
    breaks(&f, "ECS-I9", "volumes[0]");
    let (f, _) = with_volume(
        json!({"name": "ebs", "configuredAtLaunch": true}),
        Some("ebs"),
    );
    keeps(&f, "ECS-I9");
    let two = fargate(
        json!({"volumes": [{"name": "a", "configuredAtLaunch": true}, {"name": "b", "configuredAtLaunch": true}],
        "containerDefinitions": [container(json!({"mountPoints": [{"sourceVolume": "a", "containerPath": "/a"}, {"sourceVolume": "b", "containerPath": "/b"}]}))]}),
    );
    breaks(&two, "ECS-I9", "volumes[1].configuredAtLaunch");
}

// ---- the catalog -----------------------------------------------------------------------------

#[test]
fn every_rule_cites_the_catalog() {
    let catalog = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/reference/ecs-rules.md"),
    )
    .ok();
    for rule in ecs_model::validate::rules::ALL {
        let (section, number) = rule.id.trim_start_matches("ECS-").split_at(1);
        assert!(
            section.chars().all(|c| c.is_ascii_uppercase()) && number.parse::<u32>().is_ok(),
            "{}",
            rule.id
        );
        assert!(
            !rule.summary.is_empty() && !rule.source.is_empty(),
            "{}",
            rule.id
        );
        if let Some(catalog) = &catalog {
            // Sections K to M list unnumbered rows: their ids number the rows in order (and K6,
            // M8 to M11 extend the catalog, saying where they come from, as G9 does). A23 and
            // J23 to J25 are rules of the 2026-11 API (botocore 1.44.8) the catalog predates; J26
            // and J27 check service auto scaling and scheduled tasks and I12 the EFS file
            // systems an application owns, B16 its ECR repositories, which it does not cover.
            let extends = [
                "ECS-B16", "ECS-G9", "ECS-A23", "ECS-I12", "ECS-J23", "ECS-J24", "ECS-J25",
                "ECS-J26", "ECS-J27",
            ];
            let listed = if ["K", "L", "M"].contains(&section) || extends.contains(&rule.id) {
                catalog.contains(&format!("### 2.{section} "))
            } else {
                catalog.contains(&format!("| {number} |"))
                    || catalog.contains(&format!("| {section}{number} |"))
            };
            assert!(listed, "{} is not in ecs-rules.md", rule.id);
        }
    }
}
