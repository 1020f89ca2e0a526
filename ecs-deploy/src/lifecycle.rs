//! The lifecycle of a service deployment under a traffic-shifting strategy (`BLUE_GREEN`,
//! `LINEAR`, `CANARY`): waiting until it reaches a stage or pauses at a `PAUSE` hook, and
//! continuing (or rolling back) a paused one with `ContinueServiceDeployment`.
//!
//! A blue/green service with a long `bakeTimeInMinutes` keeps its deployment in progress for the
//! whole bake; a CI job waits until `BAKE_TIME` (production traffic has shifted) instead of for
//! the end (ecspresso's `--wait-until ecs:<stage>` does the same).

use std::fmt;
use std::str::FromStr;
use std::time::Instant;

use aws_sdk_ecs::types::{
    DeploymentLifecycleHookAction, DeploymentLifecycleHookStatus, ServiceDeployment,
    ServiceDeploymentStatus,
};
use ecs_model::service::{DeploymentLifecycleHookTargetType, DeploymentStrategy, Service};

use crate::clients::Clients;
use crate::error::{Error, aws};
use crate::wait::{Progress, WaitOptions};

/// The stages of a service deployment, in the order the ECS developer guide documents them
/// (the SDK says its list of values has no stable order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum LifecycleStage {
    /// Only when more than one service revision is active as the deployment starts.
    ReconcileService,
    /// The new (green) revision has not started.
    PreScaleUp,
    /// The green revision scales up; it serves no traffic yet.
    ScaleUp,
    /// The green revision has started; blue serves all production traffic.
    PostScaleUp,
    /// Test traffic moves to green.
    TestTrafficShift,
    /// Green has all test traffic.
    PostTestTrafficShift,
    /// Before production traffic moves (each step of a linear or canary deployment).
    PreProductionTrafficShift,
    /// Production traffic moves to green.
    ProductionTrafficShift,
    /// Green has all production traffic.
    PostProductionTrafficShift,
    /// Both revisions run, for a rollback, until the bake time ends.
    BakeTime,
    /// Blue scales down to 0: green is the production revision.
    CleanUp,
}

impl LifecycleStage {
    /// Every stage, in order.
    pub const ALL: &'static [Self] = &[
        Self::ReconcileService,
        Self::PreScaleUp,
        Self::ScaleUp,
        Self::PostScaleUp,
        Self::TestTrafficShift,
        Self::PostTestTrafficShift,
        Self::PreProductionTrafficShift,
        Self::ProductionTrafficShift,
        Self::PostProductionTrafficShift,
        Self::BakeTime,
        Self::CleanUp,
    ];

    /// The stage as the API spells it (`BAKE_TIME`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ReconcileService => "RECONCILE_SERVICE",
            Self::PreScaleUp => "PRE_SCALE_UP",
            Self::ScaleUp => "SCALE_UP",
            Self::PostScaleUp => "POST_SCALE_UP",
            Self::TestTrafficShift => "TEST_TRAFFIC_SHIFT",
            Self::PostTestTrafficShift => "POST_TEST_TRAFFIC_SHIFT",
            Self::PreProductionTrafficShift => "PRE_PRODUCTION_TRAFFIC_SHIFT",
            Self::ProductionTrafficShift => "PRODUCTION_TRAFFIC_SHIFT",
            Self::PostProductionTrafficShift => "POST_PRODUCTION_TRAFFIC_SHIFT",
            Self::BakeTime => "BAKE_TIME",
            Self::CleanUp => "CLEAN_UP",
        }
    }

    /// Every stage's name, in order, for messages.
    fn names() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|s| s.as_str()).collect();
        names.join(", ")
    }
}

impl fmt::Display for LifecycleStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LifecycleStage {
    type Err = String;

    /// `BAKE_TIME` or `bake_time`.
    fn from_str(text: &str) -> Result<Self, String> {
        Self::ALL
            .iter()
            .copied()
            .find(|stage| stage.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                format!(
                    "`{text}` is not a lifecycle stage; expected one of {}",
                    Self::names()
                )
            })
    }
}

/// When a wait for a deployment returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum WaitUntil {
    /// The rollout is complete (the default).
    #[default]
    Complete,
    /// A `PAUSE` lifecycle hook awaits [`continue_deployment`].
    Paused,
    /// The deployment reached this stage, or finished.
    Stage(LifecycleStage),
}

impl FromStr for WaitUntil {
    type Err = String;

    /// `complete`, `paused`, or a stage (`BAKE_TIME`).
    fn from_str(text: &str) -> Result<Self, String> {
        match text.to_ascii_lowercase().as_str() {
            "complete" => Ok(Self::Complete),
            "paused" => Ok(Self::Paused),
            _ => text.parse().map(Self::Stage).map_err(|_| {
                format!(
                    "`{text}` is not `complete`, `paused` or a lifecycle stage ({})",
                    LifecycleStage::names()
                )
            }),
        }
    }
}

/// Why waiting `until` cannot work for `service`: stages and pauses exist only under a
/// traffic-shifting strategy, and a pause needs a `PAUSE` hook. Checked before deploying, so
/// that a wait that could never end starts no deployment.
///
/// # Errors
/// [`Error::Unsupported`] saying what the service lacks.
pub fn check_wait(service: &Service, until: WaitUntil) -> Result<(), Error> {
    if until == WaitUntil::Complete {
        return Ok(());
    }
    let config = service.deployment_configuration.as_ref();
    let strategy = config
        .and_then(|d| d.strategy)
        .unwrap_or(DeploymentStrategy::Rolling);
    if strategy == DeploymentStrategy::Rolling {
        return Err(Error::Unsupported(format!(
            "service `{}` deploys with ROLLING, which has no lifecycle stages to wait for: set \
             `deploymentConfiguration.strategy` to BLUE_GREEN, LINEAR or CANARY",
            service.service_name
        )));
    }
    let pauses = config.is_some_and(|d| {
        d.lifecycle_hooks
            .iter()
            .any(|h| h.target_type == Some(DeploymentLifecycleHookTargetType::Pause))
    });
    if until == WaitUntil::Paused && !pauses {
        return Err(Error::Unsupported(format!(
            "service `{}` has no PAUSE lifecycle hook to wait for",
            service.service_name
        )));
    }
    Ok(())
}

/// The service's newest deployment (`ListServiceDeployments`, then described), if it has one.
async fn newest_deployment(
    clients: &Clients,
    cluster: &str,
    service: &str,
) -> Result<Option<ServiceDeployment>, Error> {
    let listed = clients
        .ecs
        .list_service_deployments()
        .cluster(cluster)
        .service(service)
        .send()
        .await
        .map_err(aws("ListServiceDeployments", format!("service {service}")))?;
    let newest = listed
        .service_deployments()
        .iter()
        .max_by_key(|d| d.created_at().map(aws_smithy_types::DateTime::as_nanos))
        .and_then(|d| d.service_deployment_arn());
    let Some(arn) = newest else {
        return Ok(None);
    };
    let described = clients
        .ecs
        .describe_service_deployments()
        .service_deployment_arns(arn)
        .send()
        .await
        .map_err(aws(
            "DescribeServiceDeployments",
            format!("service {service}"),
        ))?;
    Ok(described.service_deployments().first().cloned())
}

/// The `PAUSE` hook of `deployment` that awaits an action, by its id.
fn paused_hook(deployment: &ServiceDeployment) -> Option<&str> {
    deployment
        .lifecycle_hook_details()
        .iter()
        .find(|h| h.status() == Some(&DeploymentLifecycleHookStatus::AwaitingAction))
        .and_then(|h| h.hook_id())
}

/// What a look at the deployment means for a wait `until`: done, failed (with why), or not yet.
fn outcome(deployment: &ServiceDeployment, until: WaitUntil) -> Option<Result<(), String>> {
    use ServiceDeploymentStatus as S;
    let stage = deployment
        .lifecycle_stage()
        .and_then(|s| s.as_str().parse::<LifecycleStage>().ok());
    let reason = || {
        let status = deployment.status().map_or("unknown", S::as_str);
        match deployment.status_reason() {
            Some(why) => format!("the deployment is {status}: {why}"),
            None => format!("the deployment is {status}"),
        }
    };
    match deployment.status() {
        Some(S::Successful) if until == WaitUntil::Paused => Some(Err(format!(
            "the deployment finished without pausing at a hook ({})",
            reason()
        ))),
        Some(S::Successful) => Some(Ok(())),
        Some(
            S::RollbackRequested
            | S::RollbackInProgress
            | S::RollbackSuccessful
            | S::RollbackFailed
            | S::Stopped
            | S::StopRequested,
        ) => Some(Err(reason())),
        _ => match until {
            WaitUntil::Paused => paused_hook(deployment).map(|_| Ok(())),
            WaitUntil::Stage(target) => stage.filter(|s| *s >= target).map(|_| Ok(())),
            WaitUntil::Complete => None,
        },
    }
}

/// Waits until the service's newest deployment reaches `until` (a stage, or a pause at a hook),
/// calling `on_progress` after each look. While it waits for a stage beyond a `PAUSE` hook
/// that awaits an action, the progress says so once: the wait ends only when the deployment is
/// continued.
///
/// # Errors
/// [`Error::DeploymentFailed`] when the deployment rolls back or stops before `until` (it
/// would never be reached), or finishes without pausing when waiting for a pause;
/// [`Error::Timeout`]; an AWS error.
pub async fn wait_for_stage(
    clients: &Clients,
    cluster: &str,
    service: &str,
    until: WaitUntil,
    options: WaitOptions,
    on_progress: &mut (dyn FnMut(&Progress) + Send),
) -> Result<Progress, Error> {
    let started = Instant::now();
    let mut told_of_pause = None::<String>;
    loop {
        let deployment = newest_deployment(clients, cluster, service).await?;
        let mut progress = Progress {
            service: service.to_owned(),
            elapsed: started.elapsed(),
            ..Progress::default()
        };
        let mut done = None;
        if let Some(deployment) = &deployment {
            progress.deployment_id = deployment.service_deployment_arn().map(str::to_owned);
            progress.rollout_state = deployment.status().map(|s| s.as_str().to_owned());
            progress.lifecycle_stage = deployment.lifecycle_stage().map(|s| s.as_str().to_owned());
            if let (WaitUntil::Stage(target), Some(hook)) = (until, paused_hook(deployment))
                && told_of_pause.as_deref() != Some(hook)
            {
                progress.new_events.push(format!(
                    "paused at lifecycle hook {hook} before {target}: `ecs-deploy continue` \
                     resumes the deployment (or rolls it back with --rollback)"
                ));
                told_of_pause = Some(hook.to_owned());
            }
            done = outcome(deployment, until);
        }
        on_progress(&progress);
        match done {
            Some(Ok(())) => return Ok(progress),
            Some(Err(reason)) => {
                return Err(Error::DeploymentFailed {
                    service: service.to_owned(),
                    reason,
                    stopped_tasks: Vec::new(),
                    events: Vec::new(),
                });
            }
            None => {}
        }
        if started.elapsed() >= options.timeout {
            return Err(Error::Timeout {
                service: service.to_owned(),
                waited: started.elapsed(),
                last_seen: format!(
                    "{service}: deployment {}, stage {}",
                    progress.rollout_state.as_deref().unwrap_or("not started"),
                    progress.lifecycle_stage.as_deref().unwrap_or("unknown")
                ),
            });
        }
        tokio::time::sleep(options.poll_interval).await;
    }
}

/// A paused deployment that was continued or rolled back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Continued {
    /// The service deployment.
    pub service_deployment_arn: String,
    /// The hook it was paused at.
    pub hook_id: String,
    /// What was done: `CONTINUE` or `ROLLBACK`.
    pub action: &'static str,
}

/// Continues the service's deployment paused at a `PAUSE` hook to its next stage, or with
/// `rollback` returns it to the previous service revision (`ContinueServiceDeployment`).
///
/// # Errors
/// [`Error::NotFound`] when no deployment of the service awaits an action at a hook; an AWS
/// error.
pub async fn continue_deployment(
    clients: &Clients,
    cluster: &str,
    service: &str,
    rollback: bool,
) -> Result<Continued, Error> {
    let deployment = newest_deployment(clients, cluster, service).await?;
    let paused = deployment.as_ref().and_then(|d| {
        Some((
            d.service_deployment_arn()?.to_owned(),
            paused_hook(d)?.to_owned(),
        ))
    });
    let Some((arn, hook_id)) = paused else {
        return Err(Error::NotFound(format!(
            "no deployment of service `{service}` is paused at a lifecycle hook"
        )));
    };
    let action = if rollback {
        DeploymentLifecycleHookAction::Rollback
    } else {
        DeploymentLifecycleHookAction::Continue
    };
    clients
        .ecs
        .continue_service_deployment()
        .service_deployment_arn(&arn)
        .hook_id(&hook_id)
        .action(action.clone())
        .send()
        .await
        .map_err(aws(
            "ContinueServiceDeployment",
            format!("service {service}"),
        ))?;
    Ok(Continued {
        service_deployment_arn: arn,
        hook_id,
        action: if rollback { "ROLLBACK" } else { "CONTINUE" },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_parse_in_either_case_and_keep_the_documented_order() {
        assert_eq!("bake_time".parse(), Ok(LifecycleStage::BakeTime));
        assert!(LifecycleStage::ScaleUp < LifecycleStage::BakeTime);
        assert_eq!("paused".parse(), Ok(WaitUntil::Paused));
        assert_eq!(
            "TEST_TRAFFIC_SHIFT".parse(),
            Ok(WaitUntil::Stage(LifecycleStage::TestTrafficShift))
        );
        let error = "BAKE".parse::<WaitUntil>().unwrap_err();
        assert!(error.contains("BAKE_TIME"), "{error}");
        // Every stage the SDK knows is one of ours (the SDK's list, not its order).
        for value in aws_sdk_ecs::types::ServiceDeploymentLifecycleStage::values() {
            assert!(value.parse::<LifecycleStage>().is_ok(), "{value}");
        }
    }

    #[test]
    fn stage_waits_need_a_traffic_shifting_strategy() {
        let rolling = Service::fargate("web", "prod", "web").build_unchecked();
        let error = check_wait(&rolling, WaitUntil::Stage(LifecycleStage::BakeTime)).unwrap_err();
        assert!(error.to_string().contains("ROLLING"), "{error}");
        assert!(check_wait(&rolling, WaitUntil::Complete).is_ok());
        let blue_green = Service::fargate("web", "prod", "web")
            .deployment_strategy(DeploymentStrategy::BlueGreen, Some(60))
            .build_unchecked();
        assert!(check_wait(&blue_green, WaitUntil::Stage(LifecycleStage::BakeTime)).is_ok());
        let error = check_wait(&blue_green, WaitUntil::Paused).unwrap_err();
        assert!(error.to_string().contains("PAUSE"), "{error}");
    }
}
