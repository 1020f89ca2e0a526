//! Watching a deployment to its end: the deployment's `rolloutState`, not only the task counts
//! (the standard `services-stable` waiter also returns for a deployment the circuit breaker
//! rolled back), with the stopped tasks' reasons and the service's events when it fails.

use std::time::{Duration, Instant};

use aws_sdk_ecs::types::{DesiredStatus, Service};
use aws_smithy_types::DateTime;

use crate::clients::Clients;
use crate::error::{Error, aws, stopped_reason_hint};
use crate::lifecycle::{self, WaitUntil};

/// How long to wait, how often to look, and for what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WaitOptions {
    /// Give up after this long.
    pub timeout: Duration,
    /// Look this often.
    pub poll_interval: Duration,
    /// Return when the rollout is complete (the default), pauses at a hook, or reaches a
    /// lifecycle stage ([`lifecycle`]).
    pub until: WaitUntil,
}

impl Default for WaitOptions {
    /// 15 minutes, every 10 seconds, until the rollout is complete.
    fn default() -> Self {
        Self {
            timeout: Duration::from_mins(15),
            poll_interval: Duration::from_secs(10),
            until: WaitUntil::Complete,
        }
    }
}

impl WaitOptions {
    /// Gives up after `timeout`.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Looks every `interval`.
    #[must_use]
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// Returns at `until` rather than when the rollout is complete.
    #[must_use]
    pub fn until(mut self, until: WaitUntil) -> Self {
        self.until = until;
        self
    }
}

/// What a look at the deployment saw: for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Progress {
    /// The service.
    pub service: String,
    /// The deployment watched.
    pub deployment_id: Option<String>,
    /// `IN_PROGRESS`, `COMPLETED` or `FAILED` (absent for services that do not report it).
    pub rollout_state: Option<String>,
    /// Tasks wanted.
    pub desired: i32,
    /// Tasks running.
    pub running: i32,
    /// Tasks starting.
    pub pending: i32,
    /// Tasks of the deployment that failed to start.
    pub failed: i32,
    /// Deployments still active (more than one while old tasks drain).
    pub deployments: usize,
    /// The service deployment's lifecycle stage (`BAKE_TIME`), when waiting for one.
    pub lifecycle_stage: Option<String>,
    /// Service events since the last look, oldest first.
    pub new_events: Vec<String>,
    /// Time since the wait began.
    pub elapsed: Duration,
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} running, {} pending of {} desired, {} deployment(s), rollout {}",
            self.service,
            self.running,
            self.pending,
            self.desired,
            self.deployments,
            self.rollout_state.as_deref().unwrap_or("unknown")
        )?;
        if self.failed > 0 {
            write!(f, ", {} failed task(s)", self.failed)?;
        }
        if let Some(stage) = &self.lifecycle_stage {
            write!(f, ", stage {stage}")?;
        }
        Ok(())
    }
}

/// A task that stopped during a deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoppedTask {
    /// The task ARN.
    pub arn: String,
    /// Why ECS stopped it.
    pub reason: String,
    /// What to do about it, when the reason is a known one.
    pub hint: Option<&'static str>,
}

impl std::fmt::Display for StoppedTask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.arn, self.reason)?;
        if let Some(hint) = self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// What the deployment came to, as last seen.
fn look(
    service: &Service,
    deployment_id: Option<&str>,
    started: Instant,
    seen_events: &mut Option<DateTime>,
) -> (Progress, Option<Result<(), String>>) {
    let deployments = service.deployments();
    let watched = match deployment_id {
        Some(id) => deployments.iter().find(|d| d.id() == Some(id)),
        None => deployments.iter().find(|d| d.status() == Some("PRIMARY")),
    };
    let mut events: Vec<&aws_sdk_ecs::types::ServiceEvent> = service
        .events()
        .iter()
        .filter(|e| {
            seen_events.is_none_or(|seen| e.created_at().is_some_and(|at| at.secs() > seen.secs()))
        })
        .collect();
    events.reverse();
    if let Some(newest) = service.events().first().and_then(|e| e.created_at()) {
        *seen_events = Some(*newest);
    }
    let progress = Progress {
        service: service.service_name().unwrap_or_default().to_owned(),
        deployment_id: watched.and_then(|d| d.id().map(str::to_owned)),
        rollout_state: watched.and_then(|d| d.rollout_state().map(|s| s.as_str().to_owned())),
        desired: service.desired_count(),
        running: watched.map_or(
            service.running_count(),
            aws_sdk_ecs::types::Deployment::running_count,
        ),
        pending: watched.map_or(
            service.pending_count(),
            aws_sdk_ecs::types::Deployment::pending_count,
        ),
        failed: watched.map_or(0, aws_sdk_ecs::types::Deployment::failed_tasks),
        deployments: deployments.len(),
        lifecycle_stage: None,
        new_events: events
            .iter()
            .filter_map(|e| e.message().map(str::to_owned))
            .collect(),
        elapsed: started.elapsed(),
    };
    let Some(watched) = watched else {
        // Replaced by another deployment: the circuit breaker's rollback, or a newer deploy.
        let reason = "the deployment was replaced (rolled back by the circuit breaker, or superseded by another deployment)";
        return (progress, Some(Err(reason.to_owned())));
    };
    let outcome = match watched
        .rollout_state()
        .map(aws_sdk_ecs::types::DeploymentRolloutState::as_str)
    {
        Some("COMPLETED") => Some(Ok(())),
        Some("FAILED") => Some(Err(watched
            .rollout_state_reason()
            .unwrap_or("the rollout failed")
            .to_owned())),
        Some(_) => None,
        // No rollout state (older services): stable is one deployment with every task running.
        None => (deployments.len() == 1
            && progress.running == progress.desired
            && progress.pending == 0)
            .then_some(Ok(())),
    };
    (progress, outcome)
}

/// Waits until the deployment `deployment_id` of `service` (or its primary deployment) is
/// complete, calling `on_progress` after each look; with `options.until` a pause or a stage,
/// until the service deployment gets there ([`lifecycle::wait_for_stage`]).
///
/// # Errors
/// [`Error::DeploymentFailed`] with the stopped tasks' reasons and the events when the rollout
/// failed or was rolled back; [`Error::Timeout`] with what was last seen; an AWS error.
pub async fn wait_for_deployment(
    clients: &Clients,
    cluster: &str,
    service: &str,
    deployment_id: Option<&str>,
    options: WaitOptions,
    on_progress: &mut (dyn FnMut(&Progress) + Send),
) -> Result<Progress, Error> {
    if options.until != WaitUntil::Complete {
        return lifecycle::wait_for_stage(
            clients,
            cluster,
            service,
            options.until,
            options,
            on_progress,
        )
        .await;
    }
    let started = Instant::now();
    let mut seen_events = None;
    let mut events = Vec::new();
    let mut first = true;
    loop {
        let current = crate::status::describe_service(clients, cluster, service).await?;
        let current = &current;
        if first {
            // Events from before the wait are history, not this deployment's.
            seen_events = current
                .events()
                .first()
                .and_then(|e| e.created_at())
                .copied();
            first = false;
        }
        let (progress, outcome) = look(current, deployment_id, started, &mut seen_events);
        events.extend(progress.new_events.iter().cloned());
        on_progress(&progress);
        match outcome {
            Some(Ok(())) => return Ok(progress),
            Some(Err(reason)) => {
                let stopped_tasks = stopped_tasks(clients, cluster, service).await?;
                events.reverse();
                return Err(Error::DeploymentFailed {
                    service: service.to_owned(),
                    reason,
                    stopped_tasks,
                    events,
                });
            }
            None => {}
        }
        if started.elapsed() >= options.timeout {
            return Err(Error::Timeout {
                service: service.to_owned(),
                waited: started.elapsed(),
                last_seen: progress.to_string(),
            });
        }
        tokio::time::sleep(options.poll_interval).await;
    }
}

/// Waits for the rollout of every service of `app` at once (the deployment `applied` started,
/// or the primary one of a service it left alone), calling `on_progress` after each look at
/// any of them. Every service is watched to its end, so one that fails does not leave the
/// others unreported.
///
/// # Errors
/// The one service's error when `app` has one service; with several, [`Error::Rollouts`]
/// with every service's outcome when any of them failed.
pub async fn wait_for_rollouts<F>(
    clients: &Clients,
    app: &ecs_model::Application,
    applied: &crate::Applied,
    options: WaitOptions,
    on_progress: &std::sync::Mutex<F>,
) -> Result<Vec<Progress>, Error>
where
    F: FnMut(&Progress) + Send,
{
    let waits = app.services().map(|(_, service)| {
        let cluster = service.cluster_name(app.cluster.name());
        let name = service.service_name.as_str();
        let deployment = applied.deployments.get(name).map(String::as_str);
        async move {
            let mut report = |p: &Progress| {
                if let Ok(mut f) = on_progress.lock() {
                    f(p);
                }
            };
            let outcome =
                wait_for_deployment(clients, cluster, name, deployment, options, &mut report).await;
            Rollout {
                service: name.to_owned(),
                outcome,
            }
        }
    });
    let mut rollouts = futures_util::future::join_all(waits).await;
    if rollouts.len() == 1 {
        return rollouts.remove(0).outcome.map(|p| vec![p]);
    }
    if rollouts.iter().any(|r| r.outcome.is_err()) {
        return Err(Error::Rollouts(rollouts));
    }
    Ok(rollouts
        .into_iter()
        .filter_map(|r| r.outcome.ok())
        .collect())
}

/// How one service's rollout ended.
#[derive(Debug)]
#[non_exhaustive]
pub struct Rollout {
    /// The service.
    pub service: String,
    /// Its last look, or why it failed.
    pub outcome: Result<Progress, Error>,
}

/// The service's recently stopped tasks, with ECS's reasons (at most 10).
///
/// # Errors
/// An AWS error.
pub async fn stopped_tasks(
    clients: &Clients,
    cluster: &str,
    service: &str,
) -> Result<Vec<StoppedTask>, Error> {
    let listed = clients
        .ecs
        .list_tasks()
        .cluster(cluster)
        .service_name(service)
        .desired_status(DesiredStatus::Stopped)
        .max_results(10)
        .send()
        .await
        .map_err(aws("ListTasks", format!("service {service}")))?;
    if listed.task_arns().is_empty() {
        return Ok(Vec::new());
    }
    let described = clients
        .ecs
        .describe_tasks()
        .cluster(cluster)
        .set_tasks(Some(listed.task_arns().to_vec()))
        .send()
        .await
        .map_err(aws("DescribeTasks", format!("stopped tasks of {service}")))?;
    Ok(described
        .tasks()
        .iter()
        .map(|task| {
            let container_reasons: Vec<&str> = task
                .containers()
                .iter()
                .filter_map(|c| c.reason())
                .collect();
            let mut reason = task.stopped_reason().unwrap_or("stopped").to_owned();
            if !container_reasons.is_empty() {
                reason = format!("{reason} ({})", container_reasons.join("; "));
            }
            StoppedTask {
                arn: task.task_arn().unwrap_or_default().to_owned(),
                hint: stopped_reason_hint(&reason),
                reason,
            }
        })
        .collect())
}
