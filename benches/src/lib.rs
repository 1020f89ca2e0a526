//! The documents the benchmarks measure, built in code: a task definition near ECS's 64 KiB
//! limit, a typical one (the `pet-web` example's), a fleet of varied ones, and the real-world corpus.

use std::path::PathBuf;

use ecs_model::container::{ContainerCondition, MountPoint, Ulimit, UlimitName};
use ecs_model::volume::{EfsSetting, EfsVolumeConfiguration, Volume};
use ecs_model::{ContainerDefinition, HealthCheck, LogConfiguration, PortMapping, TaskDefinition};

/// ECS's limit on a registered task definition.
pub const ECS_LIMIT: usize = 64 * 1024;

/// One container of [`large`]: dozens of variables, secrets, ports, mounts, limits and labels.
fn busy_container(i: usize) -> ContainerDefinition {
    let name = format!("service-{i:02}");
    let mut c = ContainerDefinition::builder(
        &name,
        format!("123456789012.dkr.ecr.us-east-1.amazonaws.com/platform/{name}:2026.11.{i}"),
    )
    .cpu(256)
    .memory(1024)
    .memory_reservation(512)
    .essential(i == 0)
    .health_check(
        HealthCheck::exec(["CMD", "/bin/health", "--port", &(8000 + i).to_string()])
            .interval(15)
            .timeout(5)
            .retries(3)
            .start_period(60),
    )
    .log_configuration(
        LogConfiguration::awslogs("/ecs/platform", "us-east-1", &name)
            .option("awslogs-create-group", "true")
            .option("mode", "non-blocking")
            .option("max-buffer-size", "25m")
            .option("awslogs-datetime-format", "%Y-%m-%dT%H:%M:%S"),
    );
    for p in 0..6 {
        let port = i32::try_from(10_000 + i * 10 + p).unwrap_or(10_000);
        c = c.port(PortMapping::tcp(port).named(format!("{name}-port-{p}")));
    }
    for v in 0..36 {
        c = c.env(
            format!("APP_SETTING_{v:02}"),
            format!("value-{i}-{v}-of-a-typical-configuration"),
        );
    }
    for s in 0..10 {
        c = c.secret(format!("SECRET_{s:02}"), format!("arn:aws:secretsmanager:us-east-1:123456789012:secret:platform/{name}/secret-{s:02}-AbCdEf"));
    }
    for m in 0..4 {
        c = c.mount_point(MountPoint::new(
            format!("data-{m}"),
            format!("/mnt/data/{name}/{m}"),
        ));
    }
    for (limit, value) in [
        (UlimitName::Nofile, 65_536),
        (UlimitName::Nproc, 4096),
        (UlimitName::Memlock, -1),
    ] {
        c = c.ulimit(Ulimit::new(limit, value, value));
    }
    for l in 0..12 {
        c = c.docker_label(
            format!("com.example.platform.label-{l:02}"),
            format!("{name}-label-value-{l}"),
        );
    }
    for d in 0..i.min(3) {
        c = c.depends_on(
            format!("service-{:02}", i - 1 - d),
            ContainerCondition::Healthy,
        );
    }
    c.build_unchecked()
}

/// A task definition near ECS's 64 KiB limit: 10 containers, each with 36 environment
/// variables, 10 secrets, 6 port mappings, 4 mount points, 3 ulimits, 12 Docker labels, a
/// health check, awslogs options and dependencies.
#[must_use]
pub fn large() -> TaskDefinition {
    let mut td = TaskDefinition::fargate("platform-monolith", "4096", "16384")
        .execution_role_arn("arn:aws:iam::123456789012:role/platform-execution")
        .task_role_arn("arn:aws:iam::123456789012:role/platform-task");
    for m in 0..4 {
        let mut efs = EfsVolumeConfiguration::new(format!("fs-0123456789abcdef{m}"));
        efs.transit_encryption = Some(EfsSetting::Enabled);
        td = td.volume(Volume::efs(format!("data-{m}"), efs));
    }
    for i in 0..10 {
        td = td.container(busy_container(i));
    }
    td.build_unchecked()
}

/// A typical task definition: the `pet-web` example's.
#[must_use]
pub fn typical() -> TaskDefinition {
    ecs_examples::pet_web::task_definition()
}

/// `n` varied task definitions: 1 to 4 containers, Fargate and EC2, different images and
/// environments, as a platform team's pipeline renders them.
#[must_use]
pub fn fleet(n: usize) -> Vec<TaskDefinition> {
    (0..n)
        .map(|i| {
            let containers = 1 + i % 4;
            let mut td = if i % 3 == 0 {
                TaskDefinition::ec2_bridge(format!("team-{}-svc-{i}", i % 17))
            } else {
                TaskDefinition::fargate(format!("team-{}-svc-{i}", i % 17), "512", "1024")
                    .execution_role_arn(format!(
                        "arn:aws:iam::123456789012:role/team-{}-execution",
                        i % 17
                    ))
            };
            for c in 0..containers {
                let mut container = ContainerDefinition::builder(
                    format!("c{c}"),
                    format!(
                        "registry.example.com/team-{}/svc-{i}-{c}:{}",
                        i % 17,
                        i % 97
                    ),
                )
                .memory(128)
                .port(PortMapping::tcp(i32::try_from(8080 + c).unwrap_or(8080)))
                .log_configuration(LogConfiguration::awslogs(
                    format!("/ecs/team-{}", i % 17),
                    "eu-west-1",
                    format!("c{c}"),
                ));
                for v in 0..(i % 13) {
                    container = container.env(format!("VAR_{v}"), format!("{i}-{c}-{v}"));
                }
                td = td.container(container);
            }
            td.build_unchecked()
        })
        .collect()
}

/// The real-world corpus (`../shared/conformance/real-world`, or `$ECS_SHARED_DIR`): the files
/// that parse strictly, parsed. Benchmarks render them first, so that every tool reads the same
/// canonical register input. `None` after saying plainly that the corpus is absent (a user's
/// clone); under `CI=true` an absent corpus is a failure.
///
/// # Panics
/// When the corpus is absent and `CI=true`.
#[must_use]
pub fn corpus() -> Option<Vec<TaskDefinition>> {
    let dir = real_world_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but the real-world corpus is missing ({})",
            dir.display()
        );
        eprintln!("SKIPPED the real-world corpus: {} is absent", dir.display());
        return None;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Some(
        files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .filter_map(|text| TaskDefinition::from_json(&text).ok())
            .collect(),
    )
}

fn real_world_dir() -> PathBuf {
    std::env::var_os("ECS_SHARED_DIR")
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
            PathBuf::from,
        )
        .join("conformance/real-world")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_large_definition_is_valid_and_near_the_limit() {
        let td = large();
        ecs_model::testing::assert_valid(&td);
        let size = td.to_json().len();
        assert!(
            (ECS_LIMIT * 9 / 10..=ECS_LIMIT).contains(&size),
            "{size} bytes"
        );
    }

    #[test]
    fn the_fleet_is_valid_and_varied() {
        let fleet = fleet(100);
        for td in &fleet {
            ecs_model::testing::assert_valid(td);
        }
        let sizes: std::collections::BTreeSet<usize> =
            fleet.iter().map(|td| td.to_json().len()).collect();
        assert!(sizes.len() > 50, "{} distinct sizes", sizes.len());
    }

    #[test]
    fn the_corpus_holds_the_strictly_valid_real_world_files() {
        let Some(corpus) = corpus() else { return };
        // The files conformance.tsv calls strictly valid against the API model (253 of 293).
        let tsv =
            std::fs::read_to_string(real_world_dir().join("conformance.tsv")).unwrap_or_default();
        let valid = tsv
            .lines()
            .filter(|l| l.split('\t').nth(2) == Some("yes"))
            .count();
        assert_eq!(corpus.len(), valid);
    }
}

/// What an adversarial document is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A task definition, strictly (the unknown key or bad value is an error with its path).
    Strict,
    /// A task definition, leniently (unknown keys kept, with a warning).
    Lenient,
    /// An IAM policy document.
    Policy,
}

/// Documents written to cost more than their size, each about `bytes` long (the 10,000
/// containers are what they are): a huge unknown key, a huge string, 10,000 containers, deep
/// nesting kept by the lenient reader, a policy of many-star actions. Each with how it is read.
#[must_use]
pub fn adversarial(bytes: usize) -> Vec<(&'static str, Reading, String)> {
    let container = |extra: &str| {
        format!(
            r#"{{"family":"web","containerDefinitions":[{{"name":"web","image":"nginx","memory":512{extra}}}]}}"#
        )
    };
    let huge_key = container(&format!(r#","{}":1"#, "k".repeat(bytes)));
    let huge_string = container(&format!(
        r#","environment":[{{"name":"BLOB","value":"{}"}}]"#,
        "v".repeat(bytes)
    ));
    let containers: Vec<String> = (0..10_000)
        .map(|i| format!(r#"{{"name":"c{i}","image":"nginx","memory":8}}"#))
        .collect();
    let wide = format!(
        r#"{{"family":"web","containerDefinitions":[{}]}}"#,
        containers.join(",")
    );
    // serde_json refuses nesting past 128 levels: 120 deep, repeated to fill the size.
    let nested = format!("{}1{}", "[".repeat(120), "]".repeat(120));
    let copies = (bytes / nested.len()).max(1);
    let deep = container(&format!(r#","x":[{}]"#, vec![nested; copies].join(",")));
    let statement = format!(
        r#"{{"Effect":"Allow","Action":"iam:{}x","Resource":"arn:aws:iam::123456789012:role/{}"}}"#,
        "*".repeat(60),
        "a".repeat(40)
    );
    let statements = (bytes / statement.len()).max(1);
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        vec![statement; statements].join(",")
    );
    vec![
        ("huge_key", Reading::Strict, huge_key.clone()),
        ("huge_key_lenient", Reading::Lenient, huge_key),
        ("huge_string", Reading::Strict, huge_string),
        ("ten_thousand_containers", Reading::Strict, wide),
        ("deep_nesting_lenient", Reading::Lenient, deep),
        ("many_star_policy", Reading::Policy, policy),
    ]
}
