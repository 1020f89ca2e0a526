//! The builders: entry points, setters, validation at `build()`.

use ecs_model::container::{
    ContainerCondition, KernelCapabilities, MountPoint, Ulimit, UlimitName, VolumeFrom,
};
use ecs_model::task_definition::{Compatibility, CpuArchitecture, NetworkMode};
use ecs_model::volume::EfsVolumeConfiguration;
use ecs_model::{
    ContainerDefinition, Cpu, HealthCheck, LogConfiguration, Memory, PortMapping, TaskDefinition,
    Volume,
};
use serde_json::{Value, json};

fn json_of(td: &TaskDefinition) -> Value {
    serde_json::from_str(&td.to_json()).unwrap()
}

#[test]
fn fargate_entry_point() {
    let td = TaskDefinition::fargate("api", 1024u32, "2 GB")
        .container(ContainerDefinition::builder("api", "nginx").port(80))
        .build()
        .unwrap();
    assert_eq!(
        json_of(&td),
        json!({
            "family": "api",
            "networkMode": "awsvpc",
            "requiresCompatibilities": ["FARGATE"],
            "cpu": "1024",
            "memory": "2048",
            "containerDefinitions": [{"name": "api", "image": "nginx",
                "portMappings": [{"containerPort": 80, "protocol": "tcp"}]}]
        })
    );
    assert!(td.requires(Compatibility::Fargate));
}

#[test]
fn ec2_bridge_entry_point_with_dynamic_ports() {
    let td = TaskDefinition::ec2_bridge("legacy")
        .container(
            ContainerDefinition::builder("app", "tomcat:10")
                .memory_reservation(256)
                .port(PortMapping::tcp(8080).host_port(0)),
        )
        .build()
        .unwrap();
    assert_eq!(td.network_mode, Some(NetworkMode::Bridge));
    assert_eq!(td.requires_compatibilities, [Compatibility::Ec2]);
    assert_eq!(
        td.container_definitions[0].port_mappings[0].host_port,
        Some(0)
    );
}

#[test]
fn managed_instances_entry_point() {
    let td = TaskDefinition::managed_instances("mi")
        .container(ContainerDefinition::builder("app", "nginx").memory(128))
        .build()
        .unwrap();
    assert_eq!(td.network_mode, Some(NetworkMode::Awsvpc));
    assert_eq!(
        td.requires_compatibilities,
        [Compatibility::ManagedInstances]
    );
}

#[test]
fn build_reports_every_error_at_once() {
    let err = TaskDefinition::fargate("bad family", "256", "4 GB")
        .container(
            ContainerDefinition::builder("web", "nginx")
                .port(PortMapping::tcp(80).host_port(81))
                .health_check(HealthCheck::shell("true").interval(1)),
        )
        .build()
        .unwrap_err();
    let rules: Vec<&str> = err
        .diagnostics()
        .iter()
        .filter_map(ecs_model::Diagnostic::rule_id)
        .collect();
    assert_eq!(rules, ["ECS-A1", "ECS-A9", "ECS-C1", "ECS-D2"], "{err}");
    assert!(err.has_rule("ECS-C1"));
}

#[test]
fn warnings_never_fail_a_build() {
    let td = TaskDefinition::fargate("web", "256", "512")
        .container(
            ContainerDefinition::builder("web", "nginx")
                .health_check(HealthCheck::shell("true").interval(5).timeout(5)),
        )
        .build()
        .unwrap();
    assert_eq!(td.validate().len(), 1);
    assert_eq!(td.validate()[0].rule_id(), Some("ECS-D6"));
}

#[test]
fn container_setters() {
    let c = ContainerDefinition::builder("app", "busybox")
        .cpu(128)
        .memory(256)
        .memory_reservation(128)
        .env("A", "1")
        .envs([("B", "2"), ("A", "3")])
        .secret(
            "DB_PASSWORD",
            "arn:aws:ssm:us-east-1:123456789012:parameter/db",
        )
        .ports([8080, 8443])
        .port(PortMapping::udp(53))
        .command(["sh", "-c", "sleep 1"])
        .entry_point(["/init"])
        .working_directory("/srv")
        .user("1000")
        .essential(false)
        .readonly_root_filesystem(true)
        .stop_timeout(30)
        .docker_label("team", "web")
        .docker_labels([("tier", "front")])
        .ulimit(Ulimit::new(UlimitName::Nofile, 65535, 65535))
        .mount_point(MountPoint::new("data", "/data").read_only())
        .volume_from(VolumeFrom::new("sidecar"))
        .depends_on("sidecar", ContainerCondition::Start)
        .gpus(1)
        .add_capabilities(["SYS_PTRACE"])
        .drop_capabilities(["NET_RAW"])
        .init_process_enabled(true)
        .extra_host("db", "10.0.0.2")
        .dns_server("10.0.0.2")
        .system_control("net.core.somaxconn", "1024")
        .build_unchecked();
    assert_eq!(
        c.env_value("A"),
        Some("3"),
        "a later value replaces an earlier one"
    );
    assert_eq!(c.environment.len(), 2);
    assert_eq!(c.port_mappings.len(), 3);
    assert_eq!(c.command, ["sh", "-c", "sleep 1"]);
    assert!(!c.is_essential());
    let linux = c.linux_parameters.as_ref().unwrap();
    let capabilities: &KernelCapabilities = linux.capabilities.as_ref().unwrap();
    assert_eq!(capabilities.add, ["SYS_PTRACE"]);
    assert_eq!(capabilities.drop, ["NET_RAW"]);
    assert_eq!(linux.init_process_enabled, Some(true));
    assert_eq!(c.docker_labels.len(), 2);
    assert_eq!(c.resource_requirements[0].value.as_deref(), Some("1"));
}

#[test]
fn a_container_alone_checks_only_what_holds_everywhere() {
    let err = ContainerDefinition::builder("web", "nginx")
        .memory(512)
        .memory_reservation(1024)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "memoryReservation: must not exceed memory (1024 > 512) [ECS-B4]"
    );
    // Fargate and network-mode rules wait for the task.
    let c = ContainerDefinition::builder("web", "nginx")
        .privileged(true)
        .port(PortMapping::tcp(80).host_port(81))
        .build()
        .unwrap();
    let err = TaskDefinition::fargate("web", "256", "512")
        .container(c)
        .build()
        .unwrap_err();
    assert!(err.has_rule("ECS-H6") && err.has_rule("ECS-C1"), "{err}");
}

#[test]
fn into_builder_adjusts_a_parsed_definition() {
    let td = TaskDefinition::from_json(
        r#"{"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
            "containerDefinitions": [{"name": "web", "image": "nginx:1.26"}]}"#,
    )
    .unwrap();
    let mut td = td.into_builder().tag("team", "web").build().unwrap();
    td.container_mut("web").unwrap().image = "nginx:1.27".into();
    assert_eq!(td.container("web").unwrap().image, "nginx:1.27");
    let c = td
        .container_definitions
        .remove(0)
        .into_builder()
        .image("nginx:1.28")
        .build()
        .unwrap();
    assert_eq!(c.image, "nginx:1.28");
}

#[test]
fn volumes_and_storage() {
    let td = TaskDefinition::fargate("files", "512", "1024")
        .ephemeral_storage_gib(50)
        .linux(CpuArchitecture::Arm64)
        .volume(Volume::efs(
            "shared",
            EfsVolumeConfiguration::new("fs-12345678").access_point("fsap-1"),
        ))
        .volume(Volume::scratch("tmp"))
        .container(
            ContainerDefinition::builder("app", "busybox")
                .mount_point(MountPoint::new("shared", "/mnt/shared"))
                .mount_point(MountPoint::new("tmp", "/tmp")),
        )
        .build()
        .unwrap();
    assert_eq!(
        json_of(&td)["volumes"],
        json!([
            {"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "transitEncryption": "ENABLED",
                "authorizationConfig": {"accessPointId": "fsap-1", "iam": "ENABLED"}}},
            {"name": "tmp"}
        ])
    );
}

#[test]
fn the_escape_hatch_reaches_any_field() {
    let td = TaskDefinition::fargate("web", "256", "512")
        .container(ContainerDefinition::builder("web", "nginx"))
        .with(|td| {
            td.extra
                .insert("someNewEcsField".into(), json!({"on": true}));
        })
        .build_unchecked();
    assert_eq!(json_of(&td)["someNewEcsField"], json!({"on": true}));
}

#[test]
fn logging_helpers() {
    let firelens = LogConfiguration::firelens([("Name", "cloudwatch"), ("region", "us-east-1")]);
    assert_eq!(firelens.option_value("Name"), Some("cloudwatch"));
    let splunk = LogConfiguration::new(ecs_model::LogDriver::Splunk)
        .option("splunk-url", "https://splunk:8088")
        .secret_option(
            "splunk-token",
            "arn:aws:secretsmanager:us-east-1:1:secret:splunk",
        );
    assert_eq!(splunk.secret_options[0].name, "splunk-token");
}

#[test]
fn units_compare_canonically() {
    assert_eq!(Cpu::from("1 vCPU"), Cpu::from_units(1024));
    assert_eq!(Cpu::from_vcpus(2), Cpu::from(2048u32));
    assert_eq!(Memory::from("1GB"), Memory::from_gb(1));
    assert!("1.5 vCPU".parse::<Cpu>().is_ok());
}

#[test]
#[should_panic(
    expected = "task definition `web` is not valid:\n  error containerDefinitions[0].portMappings[0].hostPort: 81 differs from containerPort 80"
)]
fn assert_valid_lists_the_problems() {
    let td = TaskDefinition::fargate("web", "256", "512")
        .container(
            ContainerDefinition::builder("web", "nginx").port(PortMapping::tcp(80).host_port(81)),
        )
        .build_unchecked();
    ecs_model::testing::assert_valid(&td);
}

#[test]
fn assert_breaks_finds_a_rule_at_a_path() {
    let td = TaskDefinition::fargate("web", "256", "512")
        .container(ContainerDefinition::builder("web", "nginx").memory(4))
        .build_unchecked();
    ecs_model::testing::assert_breaks(&td, "ECS-B5", "containerDefinitions[0].memory");
}
