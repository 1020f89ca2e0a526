//! A service that carries its own task definition, generated and validated by `build.rs`.
//!
//! `pet-web-service --task-definition` prints it, for `aws ecs register-task-definition
//! --cli-input-json` or `ecs-deploy`; without arguments the service would start.

/// The task definition `build.rs` generated and validated.
const TASK_DEFINITION: &str = include_str!(concat!(env!("OUT_DIR"), "/task-definition.json"));

fn main() {
    if std::env::args().any(|arg| arg == "--task-definition") {
        println!("{TASK_DEFINITION}");
    } else {
        println!(
            "pet-web would listen on 0.0.0.0:8080 (run with --task-definition to print its task definition)"
        );
    }
}

#[cfg(test)]
mod tests {
    use ecs_model::TaskDefinition;

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
    }
}
