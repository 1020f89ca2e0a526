//! Ownership against moto: a role made by hand is not changed by a deployment that names it,
//! until the deployment adopts it; then it carries the application's mark.

use ecs_deploy::{Clients, DeployOptions, Deployer, Error, Resource};
use ecs_model::cluster::Cluster;
use ecs_model::iam::{PolicyDocument, Role};
use ecs_model::{Account, Application, ContainerDefinition, TaskDefinition, Workload};

use crate::support::moto::Moto;

const HAND_MADE_TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

fn app() -> Application {
    let account = Account::new("123456789012", "us-east-1");
    let td = TaskDefinition::fargate("hello", "256", "512")
        .container(ContainerDefinition::builder("hello", "nginx:1.27"))
        .build_unchecked();
    let execution = Role::ecs_task_execution("shared-exec", &account);
    Application::builder("hello", account, Cluster::builder("demo"))
        .workload(Workload::builder(td).execution_role(execution))
        .build()
        .expect("valid")
}

/// The role's trust policy as IAM has it, and its mark, read as a deployment reads them.
async fn trust_and_mark(deployer: &Deployer, app: &Application) -> (String, Option<String>) {
    let observed = deployer.observe(app).await.unwrap();
    let trust = observed.roles["shared-exec"]
        .trust_policy
        .as_ref()
        .map(PolicyDocument::to_json)
        .unwrap_or_default();
    let mark = observed.owners[&Resource::Role("shared-exec".into())]
        .application
        .clone();
    (trust, mark)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hand_made_role_is_changed_only_when_adopted() {
    let Some(moto) = Moto::start("ownership against moto", 0) else {
        return;
    };
    let clients = Clients::new(&moto.config("us-east-1"));
    clients
        .iam
        .create_role()
        .role_name("shared-exec")
        .assume_role_policy_document(HAND_MADE_TRUST)
        .send()
        .await
        .unwrap();
    let deployer = Deployer::new(clients.clone());
    let app = app();

    let refused = deployer
        .deploy(&app, DeployOptions::default(), &mut |_| {})
        .await
        .expect_err("the role is not the application's");
    let Error::Blocked(blocked) = &refused else {
        panic!("{refused}");
    };
    assert!(
        blocked.iter().any(|b| b
            .reason
            .contains("exists without the `ecs-deploy:application` tag")),
        "{refused}"
    );
    let (trust, mark) = trust_and_mark(&deployer, &app).await;
    assert!(
        !trust.contains("aws:SourceAccount") && mark.is_none(),
        "{trust}"
    );
    let clusters = clients.ecs.list_clusters().send().await.unwrap();
    assert!(clusters.cluster_arns().is_empty(), "nothing was created");

    let adopted = deployer
        .deploy(&app, DeployOptions::default().adopt(true), &mut |_| {})
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        adopted.plan.steps.iter().any(|s| s.adopted),
        "{}",
        adopted.plan
    );
    let (trust, mark) = trust_and_mark(&deployer, &app).await;
    assert!(trust.contains("aws:SourceAccount"), "{trust}");
    assert_eq!(mark.as_deref(), Some("hello"));
    // What it created carries the mark too.
    let cluster = clients
        .ecs
        .describe_clusters()
        .clusters("demo")
        .include(aws_sdk_ecs::types::ClusterField::Tags)
        .send()
        .await
        .unwrap();
    let tags = cluster.clusters()[0].tags();
    assert!(
        tags.iter().any(
            |t| t.key() == Some(ecs_deploy::plan::OWNERSHIP_MARK) && t.value() == Some("hello")
        ),
        "{tags:?}"
    );

    // Now the application's own: nothing to do, no adoption needed.
    let again = deployer.plan(&app).await.unwrap();
    assert!(again.is_empty(), "{again}");
}
