//! The ECS facts the derive checks attributes against at compile time. They repeat values of
//! `ecs-model` (which this proc-macro crate cannot depend on); the crate's tests check that the
//! two agree, table for table.

/// API value and `ecs-model` variant name of the enums attributes name.
pub(crate) type EnumTable = &'static [(&'static str, &'static str)];

pub(crate) const NETWORK_MODES: EnumTable = &[
    ("bridge", "Bridge"),
    ("host", "Host"),
    ("awsvpc", "Awsvpc"),
    ("none", "None"),
];

pub(crate) const OS_FAMILIES: EnumTable = &[
    ("WINDOWS_SERVER_2019_FULL", "WindowsServer2019Full"),
    ("WINDOWS_SERVER_2019_CORE", "WindowsServer2019Core"),
    ("WINDOWS_SERVER_2016_FULL", "WindowsServer2016Full"),
    ("WINDOWS_SERVER_2004_CORE", "WindowsServer2004Core"),
    ("WINDOWS_SERVER_2022_CORE", "WindowsServer2022Core"),
    ("WINDOWS_SERVER_2022_FULL", "WindowsServer2022Full"),
    ("WINDOWS_SERVER_2025_CORE", "WindowsServer2025Core"),
    ("WINDOWS_SERVER_2025_FULL", "WindowsServer2025Full"),
    ("WINDOWS_SERVER_20H2_CORE", "WindowsServer20H2Core"),
    ("LINUX", "Linux"),
];

pub(crate) const CPU_ARCHITECTURES: EnumTable = &[("X86_64", "X86_64"), ("ARM64", "Arm64")];

pub(crate) const LOG_DRIVERS: EnumTable = &[
    ("awslogs", "Awslogs"),
    ("awsfirelens", "Awsfirelens"),
    ("splunk", "Splunk"),
    ("json-file", "JsonFile"),
    ("syslog", "Syslog"),
    ("journald", "Journald"),
    ("gelf", "Gelf"),
    ("fluentd", "Fluentd"),
];

pub(crate) const ULIMIT_NAMES: EnumTable = &[
    ("core", "Core"),
    ("cpu", "Cpu"),
    ("data", "Data"),
    ("fsize", "Fsize"),
    ("locks", "Locks"),
    ("memlock", "Memlock"),
    ("msgqueue", "Msgqueue"),
    ("nice", "Nice"),
    ("nofile", "Nofile"),
    ("nproc", "Nproc"),
    ("rss", "Rss"),
    ("rtprio", "Rtprio"),
    ("rttime", "Rttime"),
    ("sigpending", "Sigpending"),
    ("stack", "Stack"),
];

pub(crate) const CONDITIONS: EnumTable = &[
    ("START", "Start"),
    ("COMPLETE", "Complete"),
    ("SUCCESS", "Success"),
    ("HEALTHY", "Healthy"),
];

pub(crate) const PROTOCOLS: EnumTable = &[("tcp", "Tcp"), ("udp", "Udp")];

pub(crate) const APP_PROTOCOLS: EnumTable =
    &[("http", "Http"), ("http2", "Http2"), ("grpc", "Grpc")];

pub(crate) const FIRELENS_TYPES: EnumTable = &[("fluentd", "Fluentd"), ("fluentbit", "Fluentbit")];

/// The variant of `value` in `table`, matched exactly.
pub(crate) fn variant(table: EnumTable, value: &str) -> Option<&'static str> {
    table.iter().find(|(api, _)| *api == value).map(|(_, v)| *v)
}

/// The API values of `table`.
pub(crate) fn values(table: EnumTable) -> Vec<&'static str> {
    table.iter().map(|(api, _)| *api).collect()
}

/// Fargate sizes: CPU units, smallest and largest memory (MiB), step.
pub(crate) const FARGATE_LINUX: &[(u32, u32, u32, u32)] = &[
    (256, 512, 2048, 512),
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122_880, 8192),
];

pub(crate) const FARGATE_WINDOWS: &[(u32, u32, u32, u32)] = &[
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
];

/// Health-check ranges (`ECS-D2`..`D5`): key, smallest, largest.
pub(crate) const HEALTH_CHECK_RANGES: &[(&str, i64, i64)] = &[
    ("interval", 5, 300),
    ("timeout", 2, 60),
    ("retries", 1, 10),
    ("start_period", 0, 300),
];

/// The smallest container memory Docker accepts (`ECS-B5`).
pub(crate) const MIN_CONTAINER_MIB: i64 = 6;

/// Container CPU units (`ECS-B7`).
pub(crate) const MAX_CONTAINER_CPU: i64 = 262_144;

/// The tables above, and the checks in `check.rs`, against `ecs-model` (a dev-dependency).
#[cfg(test)]
mod agrees_with_ecs_model {
    use ecs_model::container::{
        ApplicationProtocol, ContainerCondition, FirelensConfigurationType, LogDriver,
        TransportProtocol, UlimitName,
    };
    use ecs_model::task_definition::{CpuArchitecture, NetworkMode, OsFamily};
    use ecs_model::validate::{FARGATE_LINUX_SIZES, FARGATE_WINDOWS_SIZES};
    use ecs_model::{ContainerDefinition, HealthCheck, TaskDefinition};

    use super::*;
    use crate::check;

    /// Every `(api, variant)` of `table` parses in `ecs-model` to the variant of that name,
    /// and the table lists all of `ecs-model`'s values.
    fn same_enum<T: std::str::FromStr + std::fmt::Debug>(table: EnumTable, all: &[T]) {
        for (api, variant) in table {
            let parsed = api
                .parse::<T>()
                .ok()
                .unwrap_or_else(|| panic!("{api} does not parse"));
            assert_eq!(format!("{parsed:?}"), *variant, "{api}");
        }
        assert_eq!(table.len(), all.len(), "{all:?}");
    }

    #[test]
    fn enums() {
        same_enum(NETWORK_MODES, NetworkMode::ALL);
        same_enum(OS_FAMILIES, OsFamily::ALL);
        same_enum(CPU_ARCHITECTURES, CpuArchitecture::ALL);
        same_enum(ULIMIT_NAMES, UlimitName::ALL);
        same_enum(CONDITIONS, ContainerCondition::ALL);
        same_enum(PROTOCOLS, TransportProtocol::ALL);
        same_enum(APP_PROTOCOLS, ApplicationProtocol::ALL);
        same_enum(FIRELENS_TYPES, FirelensConfigurationType::ALL);
        for (api, variant) in LOG_DRIVERS {
            assert_eq!(format!("{:?}", api.parse::<LogDriver>().unwrap()), *variant);
        }
        assert_eq!(LOG_DRIVERS.len(), LogDriver::KNOWN.len());
    }

    #[test]
    fn fargate_tables() {
        let ours = |t: &[(u32, u32, u32, u32)]| t.to_vec();
        let theirs = |t: &[ecs_model::validate::FargateSize]| -> Vec<(u32, u32, u32, u32)> {
            t.iter()
                .map(|s| (s.cpu, s.min_mib, s.max_mib, s.step_mib))
                .collect()
        };
        assert_eq!(ours(FARGATE_LINUX), theirs(FARGATE_LINUX_SIZES));
        assert_eq!(ours(FARGATE_WINDOWS), theirs(FARGATE_WINDOWS_SIZES));
        // And the verdicts, over a grid, match ecs-model's ECS-A9.
        for cpu in [128, 256, 512, 1024, 2048, 4096, 8192, 16384] {
            for mib in (512..=131_072).step_by(512) {
                let td = TaskDefinition::fargate("f", cpu, mib)
                    .container(ContainerDefinition::builder("c", "nginx"))
                    .build_unchecked();
                let rejected = td.validate().iter().any(|d| d.rule_id() == Some("ECS-A9"));
                assert_eq!(
                    check::fargate_size(cpu, mib, false).is_some(),
                    rejected,
                    "{cpu}/{mib}"
                );
            }
        }
    }

    fn container_rules(c: &ContainerDefinition) -> Vec<&'static str> {
        c.validate()
            .iter()
            .filter_map(ecs_model::Diagnostic::rule_id)
            .collect()
    }

    #[test]
    fn numeric_limits() {
        for (key, min, max) in HEALTH_CHECK_RANGES {
            for (value, inside) in [
                (min - 1, false),
                (*min, true),
                (*max, true),
                (max + 1, false),
            ] {
                let value = i32::try_from(value).unwrap();
                let mut check = HealthCheck::shell("true").interval(300).timeout(2);
                match *key {
                    "interval" => check = check.interval(value),
                    "timeout" => check = check.timeout(value),
                    "retries" => check = check.retries(value),
                    _ => check = check.start_period(value),
                }
                let rules = container_rules(
                    &ContainerDefinition::builder("c", "i")
                        .health_check(check)
                        .build_unchecked(),
                );
                let rule = match *key {
                    "interval" => "ECS-D2",
                    "timeout" => "ECS-D3",
                    "retries" => "ECS-D4",
                    _ => "ECS-D5",
                };
                assert_eq!(!rules.contains(&rule), inside, "{key} = {value}");
            }
        }
        let memory = |mib: i64| {
            container_rules(
                &ContainerDefinition::builder("c", "i")
                    .memory(i32::try_from(mib).unwrap())
                    .build_unchecked(),
            )
        };
        assert!(memory(MIN_CONTAINER_MIB - 1).contains(&"ECS-B5"));
        assert!(!memory(MIN_CONTAINER_MIB).contains(&"ECS-B5"));
        let cpu = |units: i64| {
            container_rules(
                &ContainerDefinition::builder("c", "i")
                    .cpu(i32::try_from(units).unwrap())
                    .build_unchecked(),
            )
        };
        assert!(cpu(MAX_CONTAINER_CPU + 1).contains(&"ECS-B7"));
        assert!(!cpu(MAX_CONTAINER_CPU).contains(&"ECS-B7"));
    }

    #[test]
    fn names_images_and_secrets() {
        for name in ["nextjs-container", "web app", "", "a_b", &"x".repeat(256)] {
            let rules =
                container_rules(&ContainerDefinition::builder(name, "nginx").build_unchecked());
            assert_eq!(
                check::resource_name("container", name).is_some(),
                rules.contains(&"ECS-B1"),
                "{name:?}"
            );
        }
        for image in [
            "nginx",
            "nginx:{{TAG}}",
            "a/b:c#d",
            "x@sha256:0",
            &format!("x@sha256:{}", "a".repeat(64)),
        ] {
            let rules =
                container_rules(&ContainerDefinition::builder("c", image).build_unchecked());
            assert_eq!(
                check::image(image).is_some(),
                rules.contains(&"ECS-B2"),
                "{image:?}"
            );
        }
        for reference in [
            "arn:aws:secretsmanager:us-east-1:1:secret:db",
            "arn:aws:secretsmanager:us-east-1:1:secret:db:password::",
            "arn:aws:secretsmanager:us-east-1:1:secret:db:password",
            "arn:aws:secretsmanager:us-east-1:1:secret:db:k:AWSCURRENT:v1",
            "arn:aws:ssm:us-east-1:1:parameter/db",
            "arn:aws:s3:::b/k",
            "/app/db",
        ] {
            let rules = container_rules(
                &ContainerDefinition::builder("c", "i")
                    .secret("S", reference)
                    .build_unchecked(),
            );
            let ecs_model_rejects = rules.contains(&"ECS-G4") || rules.contains(&"ECS-G5");
            assert_eq!(
                check::secret_reference(reference).is_some(),
                ecs_model_rejects,
                "{reference}"
            );
        }
    }

    #[test]
    fn amounts() {
        for text in [
            "512", "0.5 vCPU", ".25 vcpu", "1vcpu", "0.3 vCPU", "a lot", "16 vCPU",
        ] {
            assert_eq!(
                check::amount(text, "vcpu"),
                text.parse::<ecs_model::Cpu>().ok().and_then(|c| c.units()),
                "{text}"
            );
        }
        for text in ["1024", "2 GB", "0.5GB", "1 GiB", "30 gb"] {
            assert_eq!(
                check::amount(text, "gb"),
                text.parse::<ecs_model::Memory>().ok().and_then(|m| m.mib()),
                "{text}"
            );
        }
    }
}
