//! Generates this service's task definition at build time: a definition that breaks an ECS rule
//! fails `cargo build`, with every problem and its path, long before a deployment would.

use ecs_model::task_definition::CpuArchitecture;
use ecs_model::{ContainerDefinition, HealthCheck, LogConfiguration, PortMapping, TaskDefinition};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PET_WEB_IMAGE_TAG");
    // CI passes the tag of the image it pushed; local builds use `latest`.
    let tag = std::env::var("PET_WEB_IMAGE_TAG").unwrap_or_else(|_| "latest".to_owned());

    let task_definition = TaskDefinition::fargate("pet-web-task", "0.5 vCPU", "1 GB")
        .linux(CpuArchitecture::X86_64)
        .execution_role_arn("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
        .container(
            ContainerDefinition::builder(
                "nextjs-container",
                format!("123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:{tag}"),
            )
            .port(PortMapping::tcp(8080).named("nextjs-port"))
            .essential(true)
            .env("NODE_ENV", "production")
            .env("PORT", "8080")
            .env("HOSTNAME", "0.0.0.0")
            .log_configuration(LogConfiguration::awslogs(
                "/ecs/pet-web-task",
                "ap-northeast-2",
                "ecs",
            ))
            .health_check(
                HealthCheck::shell("curl -f http://localhost:8080/api/health || exit 1")
                    .interval(30)
                    .timeout(5)
                    .retries(3),
            ),
        )
        .build();

    let task_definition = match task_definition {
        Ok(td) => td,
        Err(errors) => {
            for error in errors.diagnostics() {
                println!("cargo::error=task definition: {error}");
            }
            std::process::exit(1);
        }
    };
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(
        out.join("task-definition.json"),
        task_definition.to_json_pretty(),
    )
    .expect("OUT_DIR is writable");
}
