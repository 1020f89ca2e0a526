//! The pet platform: several services behind one ALB, a worker, a nightly schedule and auto
//! scaling, in two environments; checked as a model and deployed against moto.

#![allow(clippy::large_futures)]

use ecs_deploy::plan::Action;
use ecs_deploy::{Clients, DeployOptions, Deployer, Event, Resource};
use ecs_examples::pet_platform::{self, Environment};
use ecs_model::Application;

use crate::deploy::{deploy, moto};

fn staging() -> Application {
    pet_platform::application(&Environment::named("staging"))
}

fn production() -> Application {
    pet_platform::application(&Environment::named("production"))
}

#[test]
fn both_environments_are_valid_without_a_warning() {
    ecs_model::testing::assert_clean(&staging());
    ecs_model::testing::assert_clean(&production());
}

#[test]
fn the_environments_collide_with_nothing_but_themselves() {
    assert_eq!(staging().collisions(&production()), []);
    assert_eq!(production().collisions(&staging()), []);
    // The same environment twice is everything twice: each kind of resource is named.
    let twice = staging().collisions(&staging());
    let paths: Vec<String> = twice.iter().map(|d| d.path.to_string()).collect();
    for path in [
        "cluster",
        "roles.pet-staging-execution",
        "taskDefinitions.pet-staging-web",
        "services.pet-staging-api",
        "targetGroups.pet-staging-api-tg",
        "loadBalancers.pet-staging-alb",
        "securityGroups.pet-staging-worker-sg",
        r#"logGroups["/ecs/pet-staging-nightly"]"#,
        "schedules.pet-staging-nightly",
    ] {
        assert!(paths.iter().any(|p| p == path), "{path} in {paths:#?}");
    }
    assert!(
        twice[0].message.contains("application \"pet-staging\""),
        "{}",
        twice[0]
    );
}

/// The application with `f` applied.
fn changed(app: &Application, f: impl FnOnce(&mut Application)) -> Application {
    let mut app = app.clone();
    f(&mut app);
    app
}

#[test]
fn i12_the_api_reaches_its_file_system() {
    let app = staging();
    ecs_model::testing::assert_clean(&app);
    let api_subnets =
        "services.pet-staging-api.networkConfiguration.awsvpcConfiguration.subnets[1]";
    let one_target = changed(&app, |a| {
        a.mount_targets.pop();
    });
    ecs_model::testing::assert_breaks(&one_target, "ECS-I12", api_subnets);
    // The group in front of the mount targets admits NFS from the web's tasks, not the API's.
    let wrong_source = changed(&app, |a| {
        let efs = a
            .security_groups
            .iter_mut()
            .find(|g| g.name == "pet-staging-efs-sg")
            .unwrap();
        efs.ingress[0].source = ecs_model::network::Source::Group(
            ecs_model::Reference::security_group("pet-staging-web-sg").to_string(),
        );
    });
    ecs_model::testing::assert_breaks(&wrong_source, "ECS-I12", "mountTargets[0].SecurityGroups");
    let message = wrong_source
        .validate()
        .into_iter()
        .find(|d| d.rule_id() == Some("ECS-I12"))
        .map(|d| d.message)
        .unwrap();
    assert!(
        message.contains("NFS (2049)") && message.contains("mount error"),
        "{message}"
    );
    // IAM authorization: the task role must be allowed to mount.
    let powerless = changed(&app, |a| {
        let role = a
            .roles
            .iter_mut()
            .find(|r| r.name == "pet-staging-api-task")
            .unwrap();
        role.inline_policies.clear();
    });
    ecs_model::testing::assert_breaks(&powerless, "ECS-I12", "roles.pet-staging-api-task.Policies");
    let elsewhere = changed(&app, |a| {
        a.access_points[0].file_system_id =
            ecs_model::Reference::file_system("pet-staging-other").into();
    });
    ecs_model::testing::assert_breaks(
        &elsewhere,
        "ECS-I12",
        "taskDefinitions.pet-staging-api.volumes[0].efsVolumeConfiguration.authorizationConfig.accessPointId",
    );
}

#[test]
fn the_platform_is_what_the_issue_describes() {
    let app = staging();
    let names: Vec<&str> = app
        .workloads
        .iter()
        .map(ecs_model::Workload::name)
        .collect();
    assert_eq!(
        names,
        [
            "pet-staging-web",
            "pet-staging-api",
            "pet-staging-worker",
            "pet-staging-nightly"
        ]
    );
    let scaled: Vec<(i32, i32)> = app
        .workloads
        .iter()
        .filter_map(|w| {
            w.scaling
                .as_ref()
                .map(ecs_model::scaling::ServiceScaling::bounds)
        })
        .collect();
    assert_eq!(scaled, [(2, 10), (2, 10)]);
    let schedule = app.schedules().next().expect("the nightly schedule");
    assert_eq!(schedule.schedule_expression, "cron(0 3 * * ? *)");
    assert_eq!(
        schedule.schedule_expression_timezone.as_deref(),
        Some("Asia/Seoul")
    );
    assert_eq!(schedule.group(), "pet-staging");
    let ecs = schedule.ecs().expect("an ECS target");
    assert_eq!(
        ecs.task_definition_arn,
        "arn:aws:ecs:ap-northeast-2:123456789012:task-definition/pet-staging-nightly"
    );
    // The scheduler's role may run the nightly family in the cluster and pass its one role.
    let role = app
        .role("pet-staging-nightly-scheduler")
        .expect("the scheduler's role");
    let policy = role.inline_policies[0].document.to_json();
    assert!(
        policy.contains("task-definition/pet-staging-nightly:*"),
        "{policy}"
    );
    assert!(policy.contains("role/pet-staging-execution"), "{policy}");
    assert!(!policy.contains("pet-staging-web"), "{policy}");
    let operations: Vec<String> = app.requests().iter().map(ToString::to_string).collect();
    for op in [
        "application-autoscaling RegisterScalableTarget service/pet-staging-cluster/pet-staging-web",
        "application-autoscaling PutScalingPolicy service/pet-staging-cluster/pet-staging-api#cpu",
        "scheduler CreateSchedule pet-staging/pet-staging-nightly",
        "elbv2 CreateRule {{listener:pet-staging-alb:80}}#10",
    ] {
        assert!(
            operations.iter().any(|o| o == op),
            "{op} in {operations:#?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one scenario against one server: deploy, again, change, the other environment
async fn both_environments_deploy_side_by_side_and_converge() {
    let Some(moto) = moto::Moto::start("the pet platform against moto", 2) else {
        return;
    };
    let clients = Clients::new(&moto.config(pet_platform::REGION));
    // Staging's calls are recorded, to be checked against its (pruning) deployer policy.
    let (recording, recorder) = crate::recorded::Recorder::wrap(&moto.config(pet_platform::REGION));
    let deployer = Deployer::new(Clients::new(&recording));
    let (vpc, [a, b]) = crate::deploy::default_network(&clients).await;
    let build = |env: &str| {
        pet_platform::application_for(&Environment::named(env), "123456789012", &vpc, [&a, &b])
    };
    let staging = build("staging");

    let first = deploy(&deployer, &staging).await;
    assert_eq!(
        first.plan.count(Action::Create),
        first.plan.steps.len(),
        "{}",
        first.plan
    );
    assert_eq!(
        first.rollouts.len(),
        3,
        "every service was watched to its end"
    );
    // What Application Auto Scaling and Scheduler now hold.
    let web = clients
        .autoscaling
        .describe("service/pet-staging-cluster/pet-staging-web")
        .await
        .unwrap();
    let target = web.target.expect("registered");
    assert_eq!(
        (
            target["MinCapacity"].as_i64(),
            target["MaxCapacity"].as_i64()
        ),
        (Some(2), Some(10))
    );
    assert_eq!(web.policies.len(), 1);
    // The API's file system, one mount target per subnet, the access point; the task role may
    // mount exactly that file system.
    let fs = clients
        .efs
        .file_system("pet-staging-data")
        .await
        .unwrap()
        .expect("created");
    let fs_id = fs["FileSystemId"].as_str().unwrap().to_owned();
    assert_eq!(fs["Encrypted"], true);
    assert_eq!(clients.efs.mount_targets(&fs_id).await.unwrap().len(), 2);
    let points = clients.efs.access_points(&fs_id).await.unwrap();
    assert_eq!(points[0]["RootDirectory"]["Path"], "/api");
    let policy = clients
        .iam
        .get_role_policy()
        .role_name("pet-staging-api-task")
        .policy_name("data")
        .send()
        .await
        .unwrap();
    assert!(
        policy
            .policy_document()
            .contains(&format!("file-system/{fs_id}")),
        "{}",
        policy.policy_document()
    );
    let schedule = clients
        .schedules
        .get_schedule("pet-staging", "pet-staging-nightly")
        .await
        .unwrap()
        .expect("the schedule exists");
    assert_eq!(schedule["ScheduleExpressionTimezone"], "Asia/Seoul");

    // Again: nothing to do, no revision registered.
    let second = deploy(&deployer, &staging).await;
    assert!(second.plan.is_empty(), "{}", second.plan);
    let registered = second.applied.as_ref().map(|a| a.changed.len());
    assert_eq!(registered, Some(0));

    // A scaled service's count is Application Auto Scaling's: a different desired count in
    // the definition plans nothing once the service exists.
    let mut recounted = staging.clone();
    recounted.workloads[0]
        .service
        .as_mut()
        .unwrap()
        .desired_count = Some(7);
    let plan = deployer.plan(&recounted).await.unwrap();
    assert!(plan.is_empty(), "{plan}");
    // New bounds are a change of the scalable target only.
    let mut rebounded = staging.clone();
    rebounded.workloads[1]
        .scaling
        .as_mut()
        .unwrap()
        .target
        .max_capacity = Some(12);
    let plan = deployer.plan(&rebounded).await.unwrap();
    let changed: Vec<&Resource> = plan
        .steps
        .iter()
        .filter(|s| s.action != Action::Unchanged)
        .map(|s| &s.resource)
        .collect();
    assert_eq!(
        changed,
        [&Resource::Scaling {
            cluster: "pet-staging-cluster".into(),
            service: "pet-staging-api".into()
        }],
        "{plan}"
    );

    // Without the worker and the nightly job: nothing is removed unless asked; with --prune,
    // exactly those two (and only in staging).
    let mut smaller = staging.clone();
    smaller
        .workloads
        .retain(|w| !["pet-staging-worker", "pet-staging-nightly"].contains(&w.name()));
    let plan = deployer.plan(&smaller).await.unwrap();
    assert_eq!(plan.count(Action::Delete), 0, "{plan}");
    let prune = DeployOptions::default().prune(true);
    let plan = deployer.plan_with(&smaller, prune).await.unwrap();
    let deleted: Vec<String> = plan
        .steps
        .iter()
        .filter(|s| s.action == Action::Delete)
        .map(|s| s.resource.to_string())
        .collect();
    assert_eq!(
        deleted,
        [
            "scheduler:schedule pet-staging/pet-staging-nightly",
            "ecs:service pet-staging-cluster/pet-staging-worker"
        ],
        "{plan}"
    );
    deployer
        .deploy(&smaller, prune, &mut |_: Event<'_>| {})
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        clients
            .schedules
            .get_schedule("pet-staging", "pet-staging-nightly")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        deployer
            .plan_with(&smaller, prune)
            .await
            .unwrap()
            .is_empty()
    );
    deploy(&deployer, &staging).await;

    crate::deploy::every_call_is_allowed(
        &clients,
        &recorder,
        &staging,
        &staging.pruning_deployer_policy(),
        400,
        // No revision was deregistered, no security group adopted, no scaled service pruned;
        // Application Auto Scaling creates its service-linked role on AWS's side, not moto's;
        // the own schedule group's reads are also granted with the schedules' groups; nothing
        // was verified (the images are looked up by `verify`).
        &[
            "RevisionsInUse",
            "OwnScheduleGroup",
            "PruneScalingNoResourceType",
            "VerifyImages",
            "ServiceAutoScalingRole",
            "MarkAdoptedSecurityGroups",
        ],
    )
    .await;

    // Status and cleanup cover every workload.
    let statuses = deployer.statuses(&staging).await.unwrap();
    let names: Vec<&str> = statuses.iter().map(|s| s.service.as_str()).collect();
    assert_eq!(
        names,
        ["pet-staging-web", "pet-staging-api", "pet-staging-worker"]
    );
    let cleaned = deployer
        .deregister_all(&staging, std::num::NonZeroUsize::MIN)
        .await
        .unwrap();
    assert_eq!(cleaned.len(), 4, "one cleanup per family");
    assert!(
        cleaned.iter().all(|c| c.deregistered.is_empty()),
        "one revision each, in use"
    );

    // Production next to it: every resource is its own.
    let deployer = Deployer::new(clients.clone());
    let production = build("production");
    let plan = deployer.plan(&production).await.unwrap();
    assert_eq!(plan.count(Action::Create), plan.steps.len(), "{plan}");
    deploy(&deployer, &production).await;
    assert!(deployer.plan(&staging).await.unwrap().is_empty());
    assert!(deployer.plan(&production).await.unwrap().is_empty());
}
