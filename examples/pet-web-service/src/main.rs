//! A service that carries its own task definition: its config struct (`config.rs`) declares the
//! container, `build.rs` generates and validates the task definition, and `main` reads the same
//! struct back from the environment ECS gives the container.
//!
//! `pet-web-service --task-definition` prints the definition, for `aws ecs
//! register-task-definition --cli-input-json` or `ecs-deploy`; without arguments it reads its
//! configuration and would start serving.

mod config;

use std::process::ExitCode;

use ecs_model::Container as _;

/// The task definition `build.rs` generated and validated.
const TASK_DEFINITION: &str = include_str!(concat!(env!("OUT_DIR"), "/task-definition.json"));

fn main() -> ExitCode {
    if std::env::args().any(|arg| arg == "--task-definition") {
        println!("{TASK_DEFINITION}");
        return ExitCode::SUCCESS;
    }
    match config::PetWeb::from_env() {
        Ok(config) => {
            println!(
                "pet-web ({}) would listen on {}:{}{}",
                config.node_env,
                config.hostname,
                config.port,
                if config.sentry_dsn.is_some() {
                    ", reporting to Sentry"
                } else {
                    ""
                }
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pet-web: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use ecs_model::{Container as _, TaskDefinition};

    use crate::config::PetWeb;

    #[test]
    fn the_generated_definition_parses_back_valid() {
        let td = TaskDefinition::from_json(super::TASK_DEFINITION).unwrap();
        ecs_model::testing::assert_valid(&td);
        assert_eq!(td.family, "pet-web-task");
        let container = td.container("nextjs-container").unwrap();
        assert!(
            container
                .image
                .starts_with("123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:")
        );
        assert_eq!(container.env_value("PORT"), Some("8080"));
        assert_eq!(container.secrets[0].name, "DATABASE_PASSWORD");
    }

    #[test]
    fn main_reads_what_the_task_definition_sets() {
        let td = TaskDefinition::from_json(super::TASK_DEFINITION).unwrap();
        let container = td.container("nextjs-container").unwrap();
        let config = PetWeb::from_lookup(&mut |name| {
            container
                .env_value(name)
                .map(Into::into)
                .or_else(|| (name == "DATABASE_PASSWORD").then(|| "from-secrets-manager".into()))
        })
        .unwrap();
        assert_eq!(config.port, 8080);
        assert_eq!(config.database_password, "from-secrets-manager");
        assert_eq!(config.sentry_dsn, None);
    }
}
