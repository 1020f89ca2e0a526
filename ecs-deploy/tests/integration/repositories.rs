//! ECR repositories against moto: created with scanning, immutable tags, a lifecycle policy and
//! the mark; changed in place; a hand-made one only when adopted; `verify` finds each image a
//! task definition names, and says when it is built for another platform.

// The SDK's futures are large, and each is awaited once here.
#![allow(clippy::large_futures)]

use ecs_deploy::{Action, Clients, DeployOptions, Deployer, Resource};
use ecs_model::cluster::Cluster;
use ecs_model::ecr::ImageRepository;
use ecs_model::iam::{ExecutionPolicyOptions, Request, Role, execution_policy};
use ecs_model::task_definition::{CpuArchitecture, OsFamily, RuntimePlatform};
use ecs_model::{Account, Application, ContainerDefinition, TaskDefinition, Workload};
use serde_json::json;

use crate::support::moto::Moto;

fn app(repository: ImageRepository, tag: &str, arm: bool) -> Application {
    let account = Account::new("123456789012", "us-east-1");
    let mut td = TaskDefinition::fargate("web", "256", "512")
        .container(ContainerDefinition::builder(
            "web",
            repository.image(&account, tag),
        ))
        .build_unchecked();
    if arm {
        td.runtime_platform = Some(RuntimePlatform::new(
            OsFamily::Linux,
            CpuArchitecture::Arm64,
        ));
    }
    // The execution role may pull from exactly this repository.
    let policy = execution_policy(&td, &account, &ExecutionPolicyOptions::default());
    let pull = policy
        .statements
        .iter()
        .find(|s| s.sid.as_deref() == Some("EcrPull"))
        .unwrap();
    assert_eq!(pull.resource.as_slice(), [repository.arn(&account)]);
    let execution =
        Role::ecs_task_execution("web-execution", &account).inline_policy("pull", policy);
    Application::builder("web", account, Cluster::builder("web"))
        .repository(repository)
        .workload(Workload::builder(td).execution_role(execution))
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Pushes `tag` to `web` as an OCI index of `platforms` (moto keeps the manifest as given).
async fn push(clients: &Clients, tag: &str, platforms: &[&str]) {
    let manifests: Vec<_> = platforms
        .iter()
        .map(|p| {
            let (os, architecture) = p.split_once('/').unwrap();
            json!({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": format!("sha256:{architecture}"), "size": 1, "platform": {"os": os, "architecture": architecture}})
        })
        .collect();
    let manifest = json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests});
    clients
        .ecr
        .call(
            "PutImage",
            &json!({"repositoryName": "web", "imageTag": tag, "imageManifest": manifest.to_string(),
                    "imageManifestMediaType": "application/vnd.oci.image.index.v1+json"}),
        )
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one repository's life against one server
async fn a_repository_is_created_kept_and_its_images_verified() {
    let Some(moto) = Moto::start("ECR against moto", 0) else {
        return;
    };
    let clients = Clients::new(&moto.config("us-east-1"));
    let deployer = Deployer::new(clients.clone());
    let keep_30 = app(
        ImageRepository::private("web").keep_newest(30).into(),
        "1",
        false,
    );

    // Before it exists: verify says the repository is missing and deploy creates it.
    let report = deployer.verify(&keep_30).await.unwrap();
    assert!(
        report.to_string().contains("FAIL image web:1 of web/web: its repository does not exist yet: deploy creates it, then push"),
        "{report}"
    );
    deployer
        .deploy(&keep_30, DeployOptions::default(), &mut |_| {})
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let described = clients.ecr.repository("web").await.unwrap().unwrap();
    assert_eq!(described["imageTagMutability"], "IMMUTABLE");
    assert_eq!(described["imageScanningConfiguration"]["scanOnPush"], true);
    let policy: serde_json::Value =
        serde_json::from_str(&clients.ecr.lifecycle_policy("web").await.unwrap().unwrap()).unwrap();
    assert_eq!(policy["rules"][0]["selection"]["countNumber"], 30);
    let arn = described["repositoryArn"].as_str().unwrap();
    let tags = clients.ecr.tags(arn).await.unwrap();
    assert!(
        tags.contains(&("ecs-deploy:application".into(), "web".into())),
        "{tags:?}"
    );
    assert!(deployer.plan(&keep_30).await.unwrap().is_empty());
    // The deployer policy allows every ECR call a deployment makes, on this repository only.
    let deployer_policy = keep_30.deployer_policy();
    for action in [
        "CreateRepository",
        "DescribeRepositories",
        "ListTagsForResource",
        "TagResource",
        "GetLifecyclePolicy",
        "PutLifecyclePolicy",
        "PutImageTagMutability",
        "PutImageScanningConfiguration",
    ] {
        let action = format!("ecr:{action}");
        assert!(
            deployer_policy.allows(&Request::new(&action, arn)),
            "{action}"
        );
        let other = arn.replace("repository/web", "repository/other");
        assert!(
            !deployer_policy.allows(&Request::new(&action, other)),
            "{action}"
        );
    }

    // A new count changes the policy only.
    let keep_10 = app(
        ImageRepository::private("web").keep_newest(10).into(),
        "1",
        false,
    );
    let plan = deployer.plan(&keep_10).await.unwrap();
    let step = plan.step(&Resource::Repository("web".into())).unwrap();
    assert_eq!(step.action, Action::Update);
    assert_eq!(step.calls, ["ecr:PutLifecyclePolicy"]);
    deployer
        .deploy(&keep_10, DeployOptions::default(), &mut |_| {})
        .await
        .unwrap();
    assert!(deployer.plan(&keep_10).await.unwrap().is_empty());
    // Mutable tags and encryption: the first in place, the second only at creation.
    let mutable = app(
        ImageRepository::private("web")
            .keep_newest(10)
            .mutable_tags()
            .kms_key("alias/web")
            .into(),
        "1",
        false,
    );
    let plan = deployer.plan(&mutable).await.unwrap();
    let step = plan.step(&Resource::Repository("web".into())).unwrap();
    assert_eq!(step.action, Action::Blocked, "{plan}");
    assert!(
        step.blocked[0].reason.contains("only when it creates it"),
        "{plan}"
    );

    // The images the task definition names.
    push(&clients, "1", &["linux/amd64", "linux/arm64"]).await;
    push(&clients, "2", &["linux/arm64"]).await;
    let report = deployer.verify(&keep_10).await.unwrap();
    assert!(
        report
            .to_string()
            .contains("ok   image web:1 of web/web: pushed, built for linux/amd64, linux/arm64"),
        "{report}"
    );
    let wrong = app(
        ImageRepository::private("web").keep_newest(10).into(),
        "2",
        false,
    );
    let report = deployer.verify(&wrong).await.unwrap();
    assert!(
        report.to_string().contains(
            "FAIL image web:2 of web/web: built for linux/arm64 but the task runs on linux/amd64"
        ),
        "{report}"
    );
    let arm = app(
        ImageRepository::private("web").keep_newest(10).into(),
        "2",
        true,
    );
    assert!(
        deployer
            .verify(&arm)
            .await
            .unwrap()
            .to_string()
            .contains("ok   image web:2")
    );
    let missing = app(
        ImageRepository::private("web").keep_newest(10).into(),
        "3",
        false,
    );
    let report = deployer.verify(&missing).await.unwrap();
    assert!(
        report.to_string().contains(
            "FAIL image web:3 of web/web: not in the repository: push it before deploying"
        ),
        "{report}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hand_made_repository_is_changed_only_when_adopted() {
    let Some(moto) = Moto::start("ECR adoption against moto", 0) else {
        return;
    };
    let clients = Clients::new(&moto.config("us-east-1"));
    clients
        .ecr
        .call("CreateRepository", &json!({"repositoryName": "web"}))
        .await
        .unwrap();
    let deployer = Deployer::new(clients.clone());
    let app = app(
        ImageRepository::private("web").keep_newest(5).into(),
        "1",
        false,
    );
    let plan = deployer.plan(&app).await.unwrap();
    let step = plan.step(&Resource::Repository("web".into())).unwrap();
    assert_eq!(step.action, Action::Blocked, "{plan}");
    let adopted = deployer.plan_adopting(&app).await.unwrap();
    let step = adopted.step(&Resource::Repository("web".into())).unwrap();
    assert_eq!(
        step.calls,
        [
            "ecr:PutImageTagMutability",
            "ecr:PutImageScanningConfiguration",
            "ecr:PutLifecyclePolicy",
            "ecr:TagResource"
        ]
    );
    deployer
        .deploy(&app, DeployOptions::default().adopt(true), &mut |_| {})
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(deployer.plan(&app).await.unwrap().is_empty());
}
