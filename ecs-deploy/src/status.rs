//! A service as it runs now: its deployments and latest events.

use std::fmt;

use crate::clients::Clients;
use crate::error::{Error, aws};

/// One deployment of a service.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct DeploymentStatus {
    /// The deployment id.
    pub id: String,
    /// `PRIMARY`, `ACTIVE` (draining) or `INACTIVE`.
    pub status: String,
    /// `IN_PROGRESS`, `COMPLETED` or `FAILED`.
    pub rollout_state: Option<String>,
    /// The revision it runs.
    pub task_definition: String,
    /// Tasks wanted, running, failed.
    pub desired: i32,
    /// Tasks running.
    pub running: i32,
    /// Tasks that failed to start.
    pub failed: i32,
}

/// A service's state.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Status {
    /// The service.
    pub service: String,
    /// `ACTIVE`, `DRAINING` or `INACTIVE`.
    pub status: String,
    /// The revision it runs.
    pub task_definition: String,
    /// Tasks wanted.
    pub desired: i32,
    /// Tasks running.
    pub running: i32,
    /// Tasks starting.
    pub pending: i32,
    /// Its deployments, newest first.
    pub deployments: Vec<DeploymentStatus>,
    /// Its latest events, newest first.
    pub events: Vec<String>,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "service {} ({}): {} running, {} pending of {} desired",
            self.service, self.status, self.running, self.pending, self.desired
        )?;
        writeln!(f, "task definition {}", self.task_definition)?;
        for d in &self.deployments {
            writeln!(
                f,
                "  deployment {} {} {}: {} running of {}, {} failed, {}",
                d.id,
                d.status,
                d.rollout_state.as_deref().unwrap_or("-"),
                d.running,
                d.desired,
                d.failed,
                d.task_definition
            )?;
        }
        for event in &self.events {
            writeln!(f, "  event: {event}")?;
        }
        Ok(())
    }
}

/// The service `service` of `cluster` as ECS describes it (unless it is `INACTIVE`).
///
/// # Errors
/// [`Error::NotFound`] when there is no such service; an AWS error.
pub(crate) async fn describe_service(
    clients: &Clients,
    cluster: &str,
    service: &str,
) -> Result<aws_sdk_ecs::types::Service, Error> {
    let described = clients
        .ecs
        .describe_services()
        .cluster(cluster)
        .services(service)
        .send()
        .await
        .map_err(aws("DescribeServices", format!("service {service}")))?;
    described
        .services
        .into_iter()
        .flatten()
        .find(|s| s.status() != Some("INACTIVE"))
        .ok_or_else(|| {
            Error::NotFound(format!("service `{service}` is not in cluster `{cluster}`"))
        })
}

/// The state of `service` in `cluster`, with its `events` latest events.
///
/// # Errors
/// [`Error::NotFound`] when there is no such service; an AWS error.
pub async fn status(
    clients: &Clients,
    cluster: &str,
    service: &str,
    events: usize,
) -> Result<Status, Error> {
    let found = describe_service(clients, cluster, service).await?;
    let found = &found;
    Ok(Status {
        service: found.service_name().unwrap_or(service).to_owned(),
        status: found.status().unwrap_or_default().to_owned(),
        task_definition: found.task_definition().unwrap_or_default().to_owned(),
        desired: found.desired_count(),
        running: found.running_count(),
        pending: found.pending_count(),
        deployments: found
            .deployments()
            .iter()
            .map(|d| DeploymentStatus {
                id: d.id().unwrap_or_default().to_owned(),
                status: d.status().unwrap_or_default().to_owned(),
                rollout_state: d.rollout_state().map(|s| s.as_str().to_owned()),
                task_definition: d.task_definition().unwrap_or_default().to_owned(),
                desired: d.desired_count(),
                running: d.running_count(),
                failed: d.failed_tasks(),
            })
            .collect(),
        events: found
            .events()
            .iter()
            .take(events)
            .filter_map(|e| e.message().map(str::to_owned))
            .collect(),
    })
}
