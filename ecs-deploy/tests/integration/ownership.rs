//! Ownership against moto: a role made by hand is not changed by a deployment that names it,
//! until the deployment adopts it; then it carries the application's mark.

use ecs_deploy::{Clients, DeployOptions, Deployer, Error};
use ecs_model::cluster::Cluster;
use ecs_model::iam::Role;
use ecs_model::{Account, Application, ContainerDefinition, TaskDefinition};

use crate::support::moto::Moto;

const HAND_MADE_TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

fn app() -> Application {
    let account = Account::new("123456789012", "us-east-1");
    let td = TaskDefinition::fargate("hello", "256", "512")
        .container(ContainerDefinition::builder("hello", "nginx:1.27"))
        .build_unchecked();
    Application::builder(account.clone(), Cluster::builder("demo"), td)
        .execution_role(Role::ecs_task_execution("shared-exec", &account))
        .build()
        .expect("valid")
}

async fn trust_and_mark(clients: &Clients) -> (String, Option<String>) {
    let got = clients
        .iam
        .get_role()
        .role_name("shared-exec")
        .send()
        .await
        .unwrap();
    let role = got.role().unwrap();
    let trust = role.assume_role_policy_document().unwrap_or_default();
    let trust = ecs_deploy_percent_decode(trust);
    let mark = role
        .tags()
        .iter()
        .find(|t| t.key() == ecs_deploy::plan::MARK)
        .map(|t| t.value().to_owned());
    (trust, mark)
}

/// IAM answers with the policy URL-encoded.
fn ecs_deploy_percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
    let (trust, mark) = trust_and_mark(&clients).await;
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
    let (trust, mark) = trust_and_mark(&clients).await;
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
        tags.iter()
            .any(|t| t.key() == Some(ecs_deploy::plan::MARK) && t.value() == Some("hello")),
        "{tags:?}"
    );

    // Now the application's own: nothing to do, no adoption needed.
    let again = deployer.plan(&app).await.unwrap();
    assert!(again.is_empty(), "{again}");
}
