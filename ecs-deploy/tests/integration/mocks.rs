//! What no local server can produce, with aws-smithy-mocks: a rollout that goes from
//! `IN_PROGRESS` to FAILED under the circuit breaker, one the circuit breaker replaces, one that
//! never finishes, throttling and server errors that are retried, access denied, ECS's native
//! rollback.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_sdk_ecs::Client;
use aws_sdk_ecs::operation::describe_services::DescribeServicesOutput;
use aws_sdk_ecs::operation::describe_tasks::DescribeTasksOutput;
use aws_sdk_ecs::operation::list_service_deployments::ListServiceDeploymentsOutput;
use aws_sdk_ecs::operation::list_tasks::ListTasksOutput;
use aws_sdk_ecs::operation::register_task_definition::RegisterTaskDefinitionError;
use aws_sdk_ecs::operation::stop_service_deployment::StopServiceDeploymentOutput;
use aws_sdk_ecs::types::{
    Container, Deployment, DeploymentRolloutState, Service, ServiceDeploymentBrief, ServiceEvent,
    Task,
};
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use aws_smithy_types::DateTime;
use aws_smithy_types::error::ErrorMetadata;
use ecs_deploy::revisions::{RollbackTo, rollback};
use ecs_deploy::wait::{WaitOptions, wait_for_deployment};
use ecs_deploy::{Clients, Error};
use ecs_model::{ContainerDefinition, TaskDefinition};

fn deployment(
    id: &str,
    status: &str,
    state: DeploymentRolloutState,
    reason: Option<&str>,
    running: i32,
) -> Deployment {
    Deployment::builder()
        .id(id)
        .status(status)
        .rollout_state(state)
        .set_rollout_state_reason(reason.map(str::to_owned))
        .desired_count(2)
        .running_count(running)
        .task_definition("arn:aws:ecs:us-east-1:123456789012:task-definition/web:2")
        .build()
}

fn event(secs: i64, message: &str) -> ServiceEvent {
    ServiceEvent::builder()
        .id(format!("e{secs}"))
        .created_at(DateTime::from_secs(secs))
        .message(message)
        .build()
}

fn service(deployments: Vec<Deployment>, events: Vec<ServiceEvent>) -> DescribeServicesOutput {
    let service = Service::builder()
        .service_name("web")
        .status("ACTIVE")
        .desired_count(2)
        .set_deployments(Some(deployments))
        .set_events(Some(events))
        .build();
    DescribeServicesOutput::builder().services(service).build()
}

/// Clients whose ECS client answers with `rules`; the others are never called.
fn clients(ecs: Client) -> Clients {
    let config = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .build();
    let mut clients = Clients::new(&config);
    clients.ecs = ecs;
    clients
}

fn quick() -> WaitOptions {
    WaitOptions::default()
        .timeout(Duration::from_millis(200))
        .poll_interval(Duration::from_millis(1))
}

/// A rollout seen three times: in progress, in progress with events, failed by the circuit
/// breaker; and the task it stopped.
fn circuit_breaker_rollout() -> [aws_smithy_mocks::Rule; 3] {
    let looks = mock!(Client::describe_services)
        .sequence()
        .output(|| {
            service(
                vec![deployment(
                    "d2",
                    "PRIMARY",
                    DeploymentRolloutState::InProgress,
                    None,
                    0,
                )],
                vec![event(100, "old news")],
            )
        })
        .output(|| {
            service(
                vec![deployment(
                    "d2",
                    "PRIMARY",
                    DeploymentRolloutState::InProgress,
                    None,
                    0,
                )],
                vec![
                    event(110, "(service web) has started 2 tasks"),
                    event(100, "old news"),
                ],
            )
        })
        .output(|| {
            service(
                vec![deployment(
                    "d2",
                    "PRIMARY",
                    DeploymentRolloutState::Failed,
                    Some("ECS deployment circuit breaker: tasks failed to start."),
                    0,
                )],
                vec![
                    event(
                        120,
                        "(service web) deployment failed: tasks failed to start.",
                    ),
                    event(110, "(service web) has started 2 tasks"),
                ],
            )
        })
        .build();
    let stopped = mock!(Client::list_tasks).then_output(|| {
        ListTasksOutput::builder()
            .task_arns("arn:aws:ecs:us-east-1:1:task/web/abc")
            .build()
    });
    let reasons = mock!(Client::describe_tasks).then_output(|| {
        let task = Task::builder()
            .task_arn("arn:aws:ecs:us-east-1:1:task/web/abc")
            .stopped_reason("CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref")
            .containers(Container::builder().name("web").reason("CannotPullContainerError").build())
            .build();
        DescribeTasksOutput::builder().tasks(task).build()
    });
    [looks, stopped, reasons]
}

#[tokio::test]
async fn a_rollout_the_circuit_breaker_fails_reports_why() {
    let [looks, stopped, reasons] = circuit_breaker_rollout();
    let ecs = mock_client!(
        aws_sdk_ecs,
        RuleMode::MatchAny,
        [&looks, &stopped, &reasons]
    );
    let mut seen = Vec::new();
    let error = wait_for_deployment(
        &clients(ecs),
        "prod",
        "web",
        Some("d2"),
        quick(),
        &mut |p| seen.push(p.clone()),
    )
    .await
    .expect_err("the rollout failed");
    let Error::DeploymentFailed {
        service,
        reason,
        stopped_tasks,
        events,
    } = &error
    else {
        panic!("{error}")
    };
    assert_eq!(service, "web");
    assert_eq!(
        reason,
        "ECS deployment circuit breaker: tasks failed to start."
    );
    assert_eq!(stopped_tasks.len(), 1);
    assert!(
        stopped_tasks[0]
            .reason
            .starts_with("CannotPullContainerError"),
        "{}",
        stopped_tasks[0]
    );
    assert!(
        stopped_tasks[0]
            .hint
            .is_some_and(|h| h.contains("execution role")),
        "{}",
        stopped_tasks[0]
    );
    // Only this deployment's events, newest first; what happened before the wait is left out.
    assert_eq!(
        events,
        &[
            "(service web) deployment failed: tasks failed to start.",
            "(service web) has started 2 tasks"
        ]
    );
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[1].rollout_state.as_deref(), Some("IN_PROGRESS"));
    let text = error.to_string();
    assert!(
        text.contains("circuit breaker") && text.contains("hint:"),
        "{text}"
    );
}

#[tokio::test]
async fn a_deployment_replaced_by_the_rollback_is_a_failure() {
    let looks = mock!(Client::describe_services)
        .sequence()
        .output(|| {
            service(
                vec![deployment(
                    "d2",
                    "PRIMARY",
                    DeploymentRolloutState::InProgress,
                    None,
                    1,
                )],
                Vec::new(),
            )
        })
        .output(|| {
            service(
                vec![deployment(
                    "d3",
                    "PRIMARY",
                    DeploymentRolloutState::InProgress,
                    None,
                    2,
                )],
                Vec::new(),
            )
        })
        .build();
    let stopped = mock!(Client::list_tasks).then_output(|| ListTasksOutput::builder().build());
    let ecs = mock_client!(aws_sdk_ecs, RuleMode::MatchAny, [&looks, &stopped]);
    let error = wait_for_deployment(
        &clients(ecs),
        "prod",
        "web",
        Some("d2"),
        quick(),
        &mut |_| {},
    )
    .await
    .expect_err("replaced");
    assert!(
        matches!(&error, Error::DeploymentFailed { reason, .. } if reason.contains("replaced")),
        "{error}"
    );
}

#[tokio::test]
async fn a_rollout_that_never_finishes_times_out_with_what_it_saw() {
    let looks = mock!(Client::describe_services).then_output(|| {
        service(
            vec![deployment(
                "d2",
                "PRIMARY",
                DeploymentRolloutState::InProgress,
                None,
                1,
            )],
            Vec::new(),
        )
    });
    let ecs = mock_client!(aws_sdk_ecs, RuleMode::MatchAny, [&looks]);
    let error = wait_for_deployment(
        &clients(ecs),
        "prod",
        "web",
        Some("d2"),
        quick(),
        &mut |_| {},
    )
    .await
    .expect_err("never done");
    let Error::Timeout { last_seen, .. } = &error else {
        panic!("{error}")
    };
    assert!(
        last_seen.contains("1 running") && last_seen.contains("IN_PROGRESS"),
        "{last_seen}"
    );
}

#[tokio::test]
async fn throttling_and_server_errors_are_retried() {
    let throttled = r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#;
    let looks = mock!(Client::describe_services)
        .sequence()
        .http_status(400, Some(throttled.to_owned()))
        .http_status(503, None)
        .output(|| {
            service(
                vec![deployment(
                    "d2",
                    "PRIMARY",
                    DeploymentRolloutState::Completed,
                    None,
                    2,
                )],
                Vec::new(),
            )
        })
        .build();
    let ecs = mock_client!(aws_sdk_ecs, RuleMode::MatchAny, [&looks], |config| config
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(1))
        ));
    let done = wait_for_deployment(
        &clients(ecs),
        "prod",
        "web",
        Some("d2"),
        quick(),
        &mut |_| {},
    )
    .await
    .expect("retried until it answered");
    assert_eq!(done.rollout_state.as_deref(), Some("COMPLETED"));
    assert_eq!(looks.num_calls(), 3);
}

#[tokio::test]
async fn access_denied_names_the_operation_the_resource_and_what_to_do() {
    let denied = mock!(Client::register_task_definition).then_error(|| {
        RegisterTaskDefinitionError::generic(
            ErrorMetadata::builder()
                .code("AccessDeniedException")
                .message("User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:RegisterTaskDefinition")
                .build(),
        )
    });
    let ecs = mock_client!(aws_sdk_ecs, RuleMode::MatchAny, [&denied]);
    let td = TaskDefinition::fargate("web", "256", "512")
        .container(ContainerDefinition::builder("web", "nginx:1.27"))
        .build()
        .unwrap();
    let error = ecs_deploy::convert::register_task_definition(&td)
        .unwrap()
        .send_with(&ecs)
        .await
        .map_err(|e| ecs_deploy::AwsError::new("RegisterTaskDefinition", "task definition web", e));
    let error = error.expect_err("denied");
    assert_eq!(error.code.as_deref(), Some("AccessDeniedException"));
    let text = error.to_string();
    assert!(
        text.starts_with(
            "RegisterTaskDefinition of task definition web failed: AccessDeniedException: User:"
        ),
        "{text}"
    );
    assert!(
        error
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("deployer_policy")),
        "{text}"
    );
}

#[tokio::test]
async fn native_rollback_stops_the_deployment_in_progress() {
    let current = mock!(Client::describe_services).then_output(|| {
        DescribeServicesOutput::builder()
            .services(
                Service::builder()
                    .service_name("web")
                    .status("ACTIVE")
                    .task_definition("arn:aws:ecs:us-east-1:1:task-definition/web:5")
                    .build(),
            )
            .build()
    });
    let listed = mock!(Client::list_service_deployments).then_output(|| {
        ListServiceDeploymentsOutput::builder()
            .service_deployments(
                ServiceDeploymentBrief::builder()
                    .service_deployment_arn(
                        "arn:aws:ecs:us-east-1:1:service-deployment/prod/web/d5",
                    )
                    .build(),
            )
            .build()
    });
    let stop = mock!(Client::stop_service_deployment)
        .match_requests(|r| {
            r.service_deployment_arn()
                == Some("arn:aws:ecs:us-east-1:1:service-deployment/prod/web/d5")
                && r.stop_type().is_some_and(|t| t.as_str() == "ROLLBACK")
        })
        .then_output(|| {
            StopServiceDeploymentOutput::builder()
                .service_deployment_arn("arn:aws:ecs:us-east-1:1:service-deployment/prod/web/d5")
                .build()
        });
    let ecs = mock_client!(aws_sdk_ecs, RuleMode::MatchAny, [&current, &listed, &stop]);
    let rolled = rollback(&clients(ecs), "prod", "web", &RollbackTo::Native)
        .await
        .expect("rolled back");
    assert!(rolled.from.ends_with("web:5"));
    assert_eq!(rolled.to, None);
    assert_eq!(stop.num_calls(), 1);
}

// ---- lifecycle stages and paused deployments (moto serves neither) ----------------------------

mod lifecycle {
    use super::*;
    use aws_sdk_ecs::operation::continue_service_deployment::ContinueServiceDeploymentOutput;
    use aws_sdk_ecs::operation::describe_service_deployments::DescribeServiceDeploymentsOutput;
    use aws_sdk_ecs::types::{
        DeploymentLifecycleHookAction, DeploymentLifecycleHookDetail,
        DeploymentLifecycleHookStatus, DeploymentLifecycleHookTargetType, ServiceDeployment,
        ServiceDeploymentLifecycleStage as Stage, ServiceDeploymentStatus as Status,
    };
    use ecs_deploy::lifecycle::{LifecycleStage, WaitUntil, continue_deployment};

    const ARN: &str = "arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/abc";

    fn deployments() -> aws_smithy_mocks::Rule {
        mock!(Client::list_service_deployments).then_output(|| {
            ListServiceDeploymentsOutput::builder()
                .service_deployments(
                    ServiceDeploymentBrief::builder()
                        .service_deployment_arn(
                            "arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/old",
                        )
                        .created_at(DateTime::from_secs(10))
                        .status(Status::Successful)
                        .build(),
                )
                .service_deployments(
                    ServiceDeploymentBrief::builder()
                        .service_deployment_arn(ARN)
                        .created_at(DateTime::from_secs(20))
                        .status(Status::InProgress)
                        .build(),
                )
                .build()
        })
    }

    fn at(stage: Stage, status: Status, paused: bool) -> DescribeServiceDeploymentsOutput {
        let mut deployment = ServiceDeployment::builder()
            .service_deployment_arn(ARN)
            .status(status)
            .lifecycle_stage(stage);
        if paused {
            deployment = deployment.lifecycle_hook_details(
                DeploymentLifecycleHookDetail::builder()
                    .hook_id("hook-1")
                    .target_type(DeploymentLifecycleHookTargetType::Pause)
                    .status(DeploymentLifecycleHookStatus::AwaitingAction)
                    .build(),
            );
        }
        DescribeServiceDeploymentsOutput::builder()
            .service_deployments(deployment.build())
            .build()
    }

    /// Waits `until` with ECS answering `looks` to `DescribeServiceDeployments`.
    async fn wait(
        looks: &aws_smithy_mocks::Rule,
        until: WaitUntil,
        on_progress: &mut (dyn FnMut(&ecs_deploy::wait::Progress) + Send),
    ) -> Result<ecs_deploy::wait::Progress, Error> {
        let listed = deployments();
        let ecs = mock_client!(aws_sdk_ecs, RuleMode::MatchAny, [&listed, looks]);
        let options = quick().until(until);
        wait_for_deployment(&clients(ecs), "prod", "web", None, options, on_progress).await
    }

    #[tokio::test]
    async fn a_wait_for_a_stage_returns_once_the_newest_deployment_is_past_it() {
        let looks = mock!(Client::describe_service_deployments)
            .match_requests(|r| r.service_deployment_arns() == [ARN])
            .sequence()
            .output(|| at(Stage::ScaleUp, Status::InProgress, false))
            .output(|| at(Stage::ProductionTrafficShift, Status::InProgress, false))
            .output(|| at(Stage::BakeTime, Status::InProgress, false))
            .build();
        let mut stages = Vec::new();
        let target = WaitUntil::Stage(LifecycleStage::PostTestTrafficShift);
        let last = wait(&looks, target, &mut |p| {
            stages.push(p.lifecycle_stage.clone().unwrap_or_default());
        })
        .await
        .unwrap();
        // PRODUCTION_TRAFFIC_SHIFT comes after POST_TEST_TRAFFIC_SHIFT: done at the second look.
        assert_eq!(stages, ["SCALE_UP", "PRODUCTION_TRAFFIC_SHIFT"]);
        assert_eq!(last.deployment_id.as_deref(), Some(ARN));
        assert_eq!(looks.num_calls(), 2);
    }

    #[tokio::test]
    async fn a_rollback_before_the_stage_fails_the_wait_and_a_pause_is_reported_once() {
        let looks = mock!(Client::describe_service_deployments)
            .sequence()
            .output(|| at(Stage::PostScaleUp, Status::InProgress, true))
            .output(|| at(Stage::PostScaleUp, Status::InProgress, true))
            .output(|| at(Stage::PostScaleUp, Status::RollbackInProgress, false))
            .build();
        let mut events = Vec::new();
        let target = WaitUntil::Stage(LifecycleStage::BakeTime);
        let error = wait(&looks, target, &mut |p| events.extend(p.new_events.clone()))
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::DeploymentFailed { reason, .. } if reason.contains("ROLLBACK_IN_PROGRESS")),
            "{error}"
        );
        assert_eq!(events.len(), 1, "{events:?}");
        assert!(events[0].contains("hook-1") && events[0].contains("ecs-deploy continue"));
    }

    #[tokio::test]
    async fn a_wait_for_a_pause_returns_at_the_hook_and_fails_if_it_never_pauses() {
        let paused = mock!(Client::describe_service_deployments)
            .then_output(|| at(Stage::PostScaleUp, Status::InProgress, true));
        let progress = wait(&paused, WaitUntil::Paused, &mut |_| {}).await.unwrap();
        assert_eq!(progress.lifecycle_stage.as_deref(), Some("POST_SCALE_UP"));

        let finished = mock!(Client::describe_service_deployments)
            .then_output(|| at(Stage::CleanUp, Status::Successful, false));
        let error = wait(&finished, WaitUntil::Paused, &mut |_| {})
            .await
            .unwrap_err();
        assert!(error.to_string().contains("without pausing"), "{error}");
    }

    #[tokio::test]
    async fn continue_acts_on_the_paused_hook_of_the_newest_deployment() {
        let described = mock!(Client::describe_service_deployments)
            .then_output(|| at(Stage::PostScaleUp, Status::InProgress, true));
        let continued = mock!(Client::continue_service_deployment)
            .match_requests(|r| {
                r.service_deployment_arn() == Some(ARN)
                    && r.hook_id() == Some("hook-1")
                    && r.action() == Some(&DeploymentLifecycleHookAction::Rollback)
            })
            .then_output(|| {
                ContinueServiceDeploymentOutput::builder()
                    .service_deployment_arn(ARN)
                    .build()
            });
        let listed = deployments();
        let ecs = mock_client!(
            aws_sdk_ecs,
            RuleMode::MatchAny,
            [&listed, &described, &continued]
        );
        let done = continue_deployment(&clients(ecs), "prod", "web", true)
            .await
            .unwrap();
        assert_eq!(done.hook_id, "hook-1");
        assert_eq!(done.action, "ROLLBACK");
        assert_eq!(continued.num_calls(), 1);

        // Nothing paused: nothing is sent, and the error says why.
        let running = mock!(Client::describe_service_deployments)
            .then_output(|| at(Stage::ScaleUp, Status::InProgress, false));
        let listed = deployments();
        let ecs = mock_client!(aws_sdk_ecs, RuleMode::MatchAny, [&listed, &running]);
        let error = continue_deployment(&clients(ecs), "prod", "web", false)
            .await
            .unwrap_err();
        assert!(
            error.to_string().contains("paused at a lifecycle hook"),
            "{error}"
        );
    }
}
