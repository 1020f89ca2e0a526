//! Day zero: pet-web, deployed by its example (as the console would have made it), read back by
//! `ecs-deploy init`'s library: its definition files, and the whole application they name, plan
//! no change, and the Rust, compiled and run in a crate of its own, builds the very application
//! that was planned.

// The SDK's futures are large, and each is awaited once here.
#![allow(clippy::large_futures)]

use std::path::{Path, PathBuf};
use std::process::Command;

use ecs_deploy::{Clients, DeployOptions, Deployer};
use ecs_examples::pet_web;
use ecs_model::TaskDefinition;
use ecs_model::service::Service;

use crate::deploy::default_network;
use crate::deploy::moto::Moto;

/// Compiles `source` (an `application.rs` of `init`) in a crate of its own and runs it for
/// `account`: the application's document, as it prints it.
fn run_generated(source: &str, account: &ecs_model::Account) -> serde_json::Value {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("adopted-application");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"adopted\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\necs-model = {{ path = \"{}\", default-features = false, features = [\"application\"] }}\n\n\
             [workspace]\n",
            workspace.join("ecs-model").canonicalize().unwrap().display()
        ),
    )
    .unwrap();
    // The workspace's versions, already downloaded: no registry is asked.
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("src/application.rs"), source).unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        "mod application;\n\nfn main() {\n    let args: Vec<String> = std::env::args().collect();\n    \
         let account = ecs_model::Account::new(&args[1], &args[2]);\n    \
         let app = application::application(&account).expect(\"the application builds\");\n    \
         println!(\"{}\", app.document());\n}\n",
    )
    .unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(&dir)
        .args(["run", "--quiet", "--offline", "--"])
        .args([&account.id, &account.region])
        .env(
            "CARGO_TARGET_DIR",
            workspace.join("target/adopted-application"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the generated application.rs compiles and runs:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deployed_service_is_read_back_as_files_and_rust_that_plan_no_change() {
    let Some(moto) = Moto::start("init of pet-web against moto", 1) else {
        return;
    };
    let clients = Clients::new(&moto.config(pet_web::REGION));
    let deployer = Deployer::new(clients.clone());
    let (vpc, [a, b]) = default_network(&clients).await;
    let app = pet_web::application_for("123456789012", &vpc, [&a, &b]);
    deployer
        .deploy(&app, DeployOptions::default(), &mut |_| {})
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let adopted = ecs_deploy::adopt::read(&clients, "pet-web-cluster", "pet-web-task-service")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        adopted.account, app.account,
        "the account and region read from it"
    );

    // The files read back as the CLI reads them, and plan nothing.
    let td = TaskDefinition::from_json(&adopted.task_definition_file()).unwrap();
    let service = Service::from_json(&adopted.service_file()).unwrap();
    assert_eq!(
        (&td, &service),
        (&adopted.task_definition, &adopted.service)
    );
    let from_files = adopted.definitions("pet-web");
    let plan = deployer.plan(&from_files).await.unwrap();
    assert!(plan.is_empty(), "{plan}");
    // So does the whole application: the roles, groups and load balancing they name too.
    let whole = adopted.application("pet-web");
    let kinds = |app: &ecs_model::Application| {
        (
            app.roles.len(),
            app.security_groups.len(),
            app.load_balancers.len(),
            app.target_groups.len(),
            app.listeners.len(),
        )
    };
    assert_eq!(
        kinds(&whole),
        kinds(&app),
        "what pet-web has, it reads back"
    );
    ecs_model::ValidationErrors::check(whole.validate()).unwrap_or_else(|e| panic!("{e}"));
    let plan = deployer.plan(&whole).await.unwrap();
    assert!(plan.is_empty(), "{plan}");
    assert_eq!(plan.steps.len(), app.creation_order().len(), "{plan}");
    // What the console would not show either way stays out; references stay references.
    let file = adopted.service_file();
    assert!(
        file.contains(r#""targetGroupArn": "arn:aws:elasticloadbalancing:"#),
        "{file}"
    );
    assert!(!file.contains("ecs-deploy:application"), "{file}");

    // The Rust builds the same application for the account, compiled and run on its own.
    let source = adopted.rust_source("pet-web");
    let document = run_generated(&source, &app.account);
    assert_eq!(document, whole.document());
    // For another account, it is that account's.
    let elsewhere = ecs_model::Account::new("210987654321", "eu-west-1");
    let other = run_generated(&source, &elsewhere).to_string();
    assert!(
        other.contains("arn:aws:iam::210987654321:role/pet-web-execution-role"),
        "{other}"
    );
    assert!(
        !other.contains("123456789012") && !other.contains(pet_web::REGION),
        "{other}"
    );
}
