//! What the derives generate, compared with the same definitions built by hand.

use std::collections::HashMap;
use std::ffi::OsString;

use ecs_model::container::{
    ContainerCondition, FirelensConfiguration, FirelensConfigurationType, MountPoint, Ulimit,
    UlimitName,
};
use ecs_model::task_definition::{Compatibility, NetworkMode};
use ecs_model::{
    Container, ContainerDefinition, ContainerDefinitionBuilder, EnvProblem, EnvSource, HealthCheck,
    LogConfiguration, LogDriver, PortMapping, Task, TaskDefinition, Volume,
};

const DB_SECRET: &str =
    "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf:password::";

/// The example of the issue: env with and without defaults, a secret, an optional variable, a
/// skipped field.
#[derive(Debug, PartialEq, ecs_model::Container)]
#[ecs(
    name = "nextjs-container",
    image = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest",
    cpu = 256,
    memory = 512,
    port(8080, name = "nextjs-port"),
    health_check(
        shell = "curl -f http://localhost:8080/api/health || exit 1",
        interval = 30,
        timeout = 5,
        retries = 3
    ),
    awslogs(
        group = "/ecs/pet-web-task",
        region = "ap-northeast-2",
        stream_prefix = "ecs"
    )
)]
struct PetWeb {
    #[ecs(env = "NODE_ENV", default = "production")]
    node_env: String,
    #[ecs(env, default = 8080)]
    port: u16,
    #[ecs(env, default = "0.0.0.0")]
    hostname: String,
    #[ecs(
        secret = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf:password::"
    )]
    database_password: String,
    #[ecs(env)]
    sentry_dsn: Option<String>,
    #[ecs(skip)]
    cache: Vec<u8>,
}

fn pet_web_by_hand() -> ContainerDefinitionBuilder {
    ContainerDefinition::builder(
        "nextjs-container",
        "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest",
    )
    .cpu(256)
    .memory(512)
    .port(PortMapping::tcp(8080).named("nextjs-port"))
    .health_check(
        HealthCheck::shell("curl -f http://localhost:8080/api/health || exit 1")
            .interval(30)
            .timeout(5)
            .retries(3),
    )
    .log_configuration(LogConfiguration::awslogs(
        "/ecs/pet-web-task",
        "ap-northeast-2",
        "ecs",
    ))
}

fn lookup(vars: &[(&str, &str)]) -> impl FnMut(&str) -> Option<OsString> {
    let vars: HashMap<String, OsString> = vars
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).into()))
        .collect();
    move |name| vars.get(name).cloned()
}

#[test]
fn the_declared_container_has_defaults_and_secret_references() {
    let by_hand = pet_web_by_hand()
        .env("NODE_ENV", "production")
        .env("PORT", "8080")
        .env("HOSTNAME", "0.0.0.0")
        .secret("DATABASE_PASSWORD", DB_SECRET)
        .build()
        .unwrap();
    assert_eq!(PetWeb::container_definition().unwrap(), by_hand);
    assert_eq!(
        PetWeb::container().build().unwrap().to_json_like(),
        by_hand.to_json_like()
    );
}

trait JsonLike {
    fn to_json_like(&self) -> String;
}

impl JsonLike for ContainerDefinition {
    fn to_json_like(&self) -> String {
        serde_json::to_string(self).unwrap()
    }
}

#[test]
fn a_value_becomes_its_container() {
    let value = PetWeb {
        node_env: "staging".into(),
        port: 3000,
        hostname: "::".into(),
        database_password: "never rendered".into(),
        sentry_dsn: Some("https://key@sentry.example/1".into()),
        cache: vec![1, 2, 3],
    };
    let by_hand = pet_web_by_hand()
        .env("NODE_ENV", "staging")
        .env("PORT", "3000")
        .env("HOSTNAME", "::")
        .secret("DATABASE_PASSWORD", DB_SECRET)
        .env("SENTRY_DSN", "https://key@sentry.example/1")
        .build()
        .unwrap();
    let derived = value.to_container().build().unwrap();
    assert_eq!(derived, by_hand);
    assert!(!derived.to_json_like().contains("never rendered"));
}

#[test]
fn from_env_reads_variables_and_secrets_and_round_trips() {
    let value = PetWeb {
        node_env: "production".into(),
        port: 8443,
        hostname: "0.0.0.0".into(),
        database_password: "s3cr3t".into(),
        sentry_dsn: None,
        cache: Vec::new(),
    };
    let container = value.to_container().build().unwrap();
    let mut env: Vec<(String, String)> = container
        .environment
        .iter()
        .map(|kv| {
            (
                kv.name.clone().unwrap().into(),
                kv.value.clone().unwrap().into(),
            )
        })
        .collect();
    // ECS injects the secret's value under its name.
    env.push(("DATABASE_PASSWORD".into(), "s3cr3t".into()));
    let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(PetWeb::from_lookup(&mut lookup(&pairs)).unwrap(), value);
}

#[test]
fn from_env_reports_every_missing_or_bad_variable() {
    let err = PetWeb::from_lookup(&mut lookup(&[("PORT", "70000")])).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            EnvProblem::Invalid {
                name: "PORT".into(),
                value: Some("70000".into()),
                reason: "number too large to fit in target type".into()
            },
            EnvProblem::Missing {
                name: "DATABASE_PASSWORD".into()
            },
        ]
    );
    let env = ecs_model::Error::from(err);
    assert!(
        env.to_string().contains("DATABASE_PASSWORD: missing"),
        "{env}"
    );
}

#[test]
fn a_secret_that_does_not_parse_is_named_with_its_type_and_never_shown() {
    #[derive(Debug, ecs_model::Container)]
    #[ecs(image = "busybox")]
    struct Db {
        #[ecs(secret = "arn:aws:ssm:us-east-1:123456789012:parameter/db/port")]
        db_port: u16,
    }
    let err = Db::from_lookup(&mut lookup(&[("DB_PORT", "hunter2")])).unwrap_err();
    let shown = format!("{err} / {err:?} / {}", ecs_model::Error::from(err.clone()));
    assert!(
        shown.contains("DB_PORT: expected `u16` (the value of a secret is not shown)"),
        "{shown}"
    );
    assert!(!shown.contains("hunter2"), "{shown}");
    let parsed = Db::from_lookup(&mut lookup(&[("DB_PORT", "5432")])).unwrap();
    assert_eq!(parsed.db_port, 5432);
}

#[test]
fn from_env_reads_the_process_environment() {
    // A name no other test uses, so that the process environment is ours.
    #[derive(Debug, ecs_model::Container)]
    #[ecs(image = "busybox")]
    struct Probe {
        #[ecs(env = "ECS_MODEL_DERIVE_TEST_PROBE")]
        value: u32,
    }
    // Edition 2024 makes `set_var` unsafe, so this reads a variable nobody sets.
    let err = Probe::from_env().unwrap_err();
    assert_eq!(
        err.problems(),
        [EnvProblem::Missing {
            name: "ECS_MODEL_DERIVE_TEST_PROBE".into()
        }]
    );
    assert_eq!(Probe::container_definition().unwrap().name, "probe");
}

#[test]
fn env_vars_describe_the_configuration() {
    let vars: Vec<(&str, &str, EnvSource, Option<&str>, bool)> = PetWeb::env_vars()
        .iter()
        .map(|v| (v.name, v.field, v.source, v.default, v.required))
        .collect();
    assert_eq!(
        vars,
        [
            (
                "NODE_ENV",
                "node_env",
                EnvSource::Env,
                Some("production"),
                false
            ),
            ("PORT", "port", EnvSource::Env, Some("8080"), false),
            (
                "HOSTNAME",
                "hostname",
                EnvSource::Env,
                Some("0.0.0.0"),
                false
            ),
            (
                "DATABASE_PASSWORD",
                "database_password",
                EnvSource::Secret(DB_SECRET),
                None,
                true
            ),
            ("SENTRY_DSN", "sentry_dsn", EnvSource::Env, None, false),
        ]
    );
}

/// Everything else a container of the seeds and the real-world corpus uses.
#[derive(ecs_model::Container)]
#[ecs(
    name = "worker",
    image = "public.ecr.aws/docker/library/python:3.13",
    memory_reservation = 256,
    port(8080),
    port(8125, protocol = "udp", name = "statsd"),
    port(range = "9000-9100"),
    port(50051, name = "grpc", app_protocol = "grpc"),
    essential = false,
    entry_point = ["/usr/bin/tini", "--"],
    command = ["python", "-m", "worker"],
    working_directory = "/srv",
    user = "1000:1000",
    ulimit(name = "nofile", soft = 65535, hard = 65535),
    mount(volume = "data", path = "/srv/data"),
    mount(volume = "config", path = "/etc/worker", read_only),
    depends_on("log_router", start),
    depends_on("migrations", success),
    docker_label("com.example.team", "data"),
    readonly_root_filesystem,
    init_process_enabled,
    stop_timeout = 60,
    start_timeout = 30,
    log(driver = "awsfirelens", option("Name", "cloudwatch_logs"), option("region", "us-east-1"), secret_option("apikey", "arn:aws:ssm:us-east-1:123456789012:parameter/apikey")),
    gpus = 1,
    env("PYTHONUNBUFFERED", "1"),
    call(privileged(false)),
    call(dns_server("10.0.0.2")),
    with = tune,
)]
struct Worker {
    #[ecs(env, default = 4)]
    concurrency: u8,
    #[ecs(
        var = "QUEUE_URL",
        secret = "arn:aws:ssm:us-east-1:123456789012:parameter/worker/queue"
    )]
    queue: String,
    #[ecs(env, default = true)]
    verbose: bool,
}

fn tune(builder: ContainerDefinitionBuilder) -> ContainerDefinitionBuilder {
    builder.docker_label("tuned", "yes")
}

#[test]
fn every_capability_matches_the_builder() {
    let by_hand =
        ContainerDefinition::builder("worker", "public.ecr.aws/docker/library/python:3.13")
            .memory_reservation(256)
            .port(PortMapping::tcp(8080))
            .port(PortMapping::udp(8125).named("statsd"))
            .port(PortMapping::range(
                9000,
                9100,
                ecs_model::container::TransportProtocol::Tcp,
            ))
            .port(
                PortMapping::tcp(50051)
                    .named("grpc")
                    .app_protocol(ecs_model::container::ApplicationProtocol::Grpc),
            )
            .essential(false)
            .entry_point(["/usr/bin/tini", "--"])
            .command(["python", "-m", "worker"])
            .working_directory("/srv")
            .user("1000:1000")
            .ulimit(Ulimit::new(UlimitName::Nofile, 65535, 65535))
            .mount_point(MountPoint::new("data", "/srv/data"))
            .mount_point(MountPoint::new("config", "/etc/worker").read_only())
            .depends_on("log_router", ContainerCondition::Start)
            .depends_on("migrations", ContainerCondition::Success)
            .docker_label("com.example.team", "data")
            .readonly_root_filesystem(true)
            .init_process_enabled(true)
            .stop_timeout(60)
            .start_timeout(30)
            .log_configuration(
                LogConfiguration::new(LogDriver::Awsfirelens)
                    .option("Name", "cloudwatch_logs")
                    .option("region", "us-east-1")
                    .secret_option(
                        "apikey",
                        "arn:aws:ssm:us-east-1:123456789012:parameter/apikey",
                    ),
            )
            .gpus(1)
            .env("PYTHONUNBUFFERED", "1")
            .privileged(false)
            .dns_server("10.0.0.2")
            .docker_label("tuned", "yes")
            .env("CONCURRENCY", "4")
            .secret(
                "QUEUE_URL",
                "arn:aws:ssm:us-east-1:123456789012:parameter/worker/queue",
            )
            .env("VERBOSE", "true")
            .build_unchecked();
    assert_eq!(Worker::container().build_unchecked(), by_hand);
    let from_env = Worker::from_lookup(&mut lookup(&[
        ("QUEUE_URL", "https://sqs/q"),
        ("VERBOSE", "false"),
    ]))
    .unwrap();
    assert_eq!(
        (
            from_env.concurrency,
            from_env.queue.as_str(),
            from_env.verbose
        ),
        (4, "https://sqs/q", false)
    );
}

/// A FireLens log router sidecar.
#[derive(ecs_model::Container)]
#[ecs(
    name = "log_router",
    image = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    essential,
    memory_reservation = 50,
    firelens(type = "fluentbit", option("enable-ecs-log-metadata", "true"))
)]
struct LogRouter {}

/// The app that logs through it.
#[derive(ecs_model::Container)]
#[ecs(
    name = "app",
    image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
    port(8080),
    log(
        driver = "awsfirelens",
        option("Name", "cloudwatch"),
        option("region", "us-east-1")
    )
)]
struct App {
    #[ecs(env, default = "info")]
    rust_log: String,
}

#[derive(ecs_model::Task)]
#[ecs(
    family = "app",
    fargate(cpu = 1024, memory = "2 GB"),
    execution_role_arn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    task_role_arn = "arn:aws:iam::123456789012:role/app",
    volume(name = "shared", efs = "fs-12345678", access_point = "fsap-0123"),
    volume(name = "scratch"),
    tag("team", "platform"),
    ephemeral_storage_gib = 30
)]
struct AppTask {
    #[ecs(depends_on("log_router", start))]
    app: App,
    log_router: LogRouter,
    #[ecs(skip)]
    #[allow(dead_code)]
    notes: String,
}

#[test]
fn a_task_of_containers_matches_the_builder() {
    let by_hand = TaskDefinition::fargate("app", "1024", "2048")
        .execution_role_arn("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
        .task_role_arn("arn:aws:iam::123456789012:role/app")
        .volume(Volume::efs(
            "shared",
            ecs_model::volume::EfsVolumeConfiguration::new("fs-12345678").access_point("fsap-0123"),
        ))
        .volume(Volume::scratch("scratch"))
        .tag("team", "platform")
        .ephemeral_storage_gib(30)
        .container(
            ContainerDefinition::builder(
                "app",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
            )
            .port(8080)
            .log_configuration(LogConfiguration::firelens([
                ("Name", "cloudwatch"),
                ("region", "us-east-1"),
            ]))
            .env("RUST_LOG", "info")
            .depends_on("log_router", ContainerCondition::Start),
        )
        .container(
            ContainerDefinition::builder(
                "log_router",
                "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
            )
            .essential(true)
            .memory_reservation(50)
            .firelens_configuration(
                FirelensConfiguration::new(FirelensConfigurationType::Fluentbit)
                    .option("enable-ecs-log-metadata", "true"),
            ),
        )
        .build()
        .unwrap();
    assert_eq!(AppTask::task().build().unwrap(), by_hand);
    let value = AppTask {
        app: App {
            rust_log: "debug".into(),
        },
        log_router: LogRouter {},
        notes: String::new(),
    };
    let from_value = value.to_task().build().unwrap();
    assert_eq!(
        from_value.container("app").unwrap().env_value("RUST_LOG"),
        Some("debug")
    );
    assert!(AppTask::task_definition().is_ok());
}

#[derive(ecs_model::Task)]
#[ecs(
    ec2(memory = "1 GB"),
    network_mode = "host",
    volume(name = "logs", host = "/var/log/app")
)]
struct LegacyTask {
    #[ecs(essential = true)]
    app: App,
}

#[test]
fn ec2_tasks_and_default_family() {
    let td = LegacyTask::task().build_unchecked();
    assert_eq!(td.family, "legacy-task");
    assert_eq!(td.requires_compatibilities, [Compatibility::Ec2]);
    assert_eq!(td.network_mode, Some(NetworkMode::Host));
    assert_eq!(td.memory.and_then(|m| m.mib()), Some(1024));
    assert_eq!(
        td.volumes[0]
            .host
            .as_ref()
            .and_then(|h| h.source_path.as_deref()),
        Some("/var/log/app")
    );
    assert_eq!(td.container_definitions[0].essential, Some(true));
}

#[derive(ecs_model::Container)]
#[ecs(image = "busybox")]
struct Generic<T: std::str::FromStr + std::fmt::Display>
where
    T::Err: std::fmt::Display,
{
    #[ecs(env)]
    value: T,
}

#[test]
fn generic_structs() {
    let read: Generic<u64> = Generic::from_lookup(&mut lookup(&[("VALUE", "42")])).unwrap();
    assert_eq!(read.value, 42);
    assert_eq!(
        read.to_container().build_unchecked().env_value("VALUE"),
        Some("42")
    );
}
