//! A migration as a CI step runs it: pet-web deployed, then a one-off task of a new revision run
//! and its logs read with nothing but `Application::runner_policy`, every call checked against
//! it resource by resource.

// The SDK's futures are large, and each is awaited once here.
#![allow(clippy::large_futures)]

use ecs_deploy::logs::{Follower, Query, now_ms};
use ecs_deploy::run::{RunTask, RunWait};
use ecs_deploy::{Clients, DeployOptions, Deployer};
use ecs_examples::pet_web;

use crate::deploy::{default_network, every_call_is_allowed, moto::Moto, pet_web_service};
use crate::recorded::Recorder;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_migration_needs_only_the_runner_policy() {
    let Some(moto) = Moto::start("a migration of pet-web against moto", 1) else {
        return;
    };
    let clients = Clients::new(&moto.config(pet_web::REGION));
    let (vpc, [a, b]) = default_network(&clients).await;
    let mut app = pet_web::application_for("123456789012", &vpc, [&a, &b]);
    // moto sizes a task by its containers' memory (AWS does not need it on Fargate).
    app.workloads[0].task_definition.container_definitions[0].memory_reservation = Some(512);
    Deployer::new(clients.clone())
        .deploy(&app, DeployOptions::default(), &mut |_| {})
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    // CI's step: a new image, its migration run and its logs read, as the runner.
    app.workloads[0].task_definition.container_definitions[0].image =
        pet_web::IMAGE.replace(":latest", ":2").into();
    let (recording, recorder) = Recorder::wrap(&moto.config(pet_web::REGION));
    let runner = Deployer::new(Clients::new(&recording));
    let migrate = RunTask::default().command(["npm", "run", "migrate"]);
    let wait = RunWait::default().poll_interval(std::time::Duration::from_millis(20));
    let (started, stopped) = runner
        .run(&app, &migrate, Some(wait), &mut |_| {})
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(started.registered, "the new image is a new revision");
    assert_eq!(stopped.unwrap().exit_code(), Some(0));
    let mut query = Query::default();
    query.since = now_ms() - 600_000;
    let (mut follower, _) = Follower::new(&app.workloads[0].task_definition, &query);
    follower.next(runner.clients()).await.unwrap();

    // Every statement is needed, and nothing else is.
    every_call_is_allowed(&clients, &recorder, &app, &app.runner_policy(), 10, &[]).await;
    let service = pet_web_service(&clients).await;
    assert!(
        service.task_definition().unwrap().ends_with(":1"),
        "the service was not touched"
    );
}
