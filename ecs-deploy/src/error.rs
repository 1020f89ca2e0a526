//! One error type: what failed, on which resource, with AWS's code and, where the cause is known,
//! what to do about it.

use std::error::Error as StdError;
use std::fmt::{self, Write as _};
use std::time::Duration;

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use crate::convert::ConvertError;
use crate::plan::Blocked;
use crate::wait::StoppedTask;

/// Everything that can go wrong between a model and a running service.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The application breaks ECS rules: nothing was sent to AWS.
    #[error("the application is not valid, nothing was sent to AWS:\n{0}")]
    Invalid(#[from] ecs_model::ValidationErrors),
    /// A value the SDK cannot carry, or an AWS answer the model does not know.
    #[error(transparent)]
    Convert(#[from] ConvertError),
    /// A call to AWS failed.
    #[error(transparent)]
    Aws(Box<AwsError>),
    /// The plan changes what ECS only sets at creation: nothing was sent to AWS.
    #[error("{}", blocked_message(.0))]
    Blocked(Vec<Blocked>),
    /// The deployment failed (the circuit breaker stopped it, or it rolled back).
    #[error("{}", failed_message(.service, .reason, .stopped_tasks, .events))]
    DeploymentFailed {
        /// The service.
        service: String,
        /// Why, as ECS says (`rolloutStateReason`).
        reason: String,
        /// Tasks that stopped during the deployment, with ECS's reasons.
        stopped_tasks: Vec<StoppedTask>,
        /// The service's events during the deployment, newest first.
        events: Vec<String>,
    },
    /// The deployment did not finish in time.
    #[error("timed out after {}s waiting for service `{service}` to be stable; last seen: {last_seen}", .waited.as_secs())]
    Timeout {
        /// The service.
        service: String,
        /// How long it waited.
        waited: Duration,
        /// What it saw last.
        last_seen: String,
    },
    /// Several parts of one operation failed, each with its error: steps of a group of a
    /// deployment, services of a rollback, families of a cleanup. The others were carried out.
    #[error("{}", steps_message(.0))]
    Steps(Vec<(crate::Resource, Error)>),
    /// Several services were watched and at least one did not roll out: each one's outcome.
    #[error("{}", rollouts_message(.0))]
    Rollouts(Vec<crate::wait::Rollout>),
    /// Something the operation needs does not exist.
    #[error("{0}")]
    NotFound(String),
    /// Something this build cannot do.
    #[error("{0}")]
    Unsupported(String),
    /// The AWS configuration (environment or profile) cannot be used: nothing was sent.
    #[error("the AWS configuration: {0}")]
    Config(String),
}

impl From<AwsError> for Error {
    fn from(error: AwsError) -> Self {
        Self::Aws(Box::new(error))
    }
}

fn blocked_message(blocked: &[Blocked]) -> String {
    let mut out = format!(
        "{} change(s) ECS only allows when a resource is created; nothing was sent to AWS:",
        blocked.len()
    );
    for b in blocked {
        let _ = write!(out, "\n  {b}");
    }
    out
}

fn steps_message(failed: &[(crate::Resource, Error)]) -> String {
    let mut out = format!("{} steps failed:", failed.len());
    for (resource, error) in failed {
        let error = error.to_string().replace('\n', "\n    ");
        let _ = write!(out, "\n  {resource}: {error}");
    }
    out
}

fn rollouts_message(rollouts: &[crate::wait::Rollout]) -> String {
    let failed = rollouts.iter().filter(|r| r.outcome.is_err()).count();
    let mut out = format!("{failed} of {} services did not roll out:", rollouts.len());
    for rollout in rollouts {
        match &rollout.outcome {
            Ok(progress) => {
                let _ = write!(out, "\n  {}: rolled out ({progress})", rollout.service);
            }
            Err(error) => {
                let error = error.to_string().replace('\n', "\n    ");
                let _ = write!(out, "\n  {}: {error}", rollout.service);
            }
        }
    }
    out
}

fn failed_message(
    service: &str,
    reason: &str,
    stopped: &[StoppedTask],
    events: &[String],
) -> String {
    let mut out = format!("the deployment of service `{service}` failed: {reason}");
    for task in stopped {
        let _ = write!(out, "\n  stopped task {task}");
    }
    for event in events.iter().take(5) {
        let _ = write!(out, "\n  event: {event}");
    }
    out
}

/// A failed AWS call: the operation, the resource, AWS's error code and message, and a hint
/// where the cause is a known one.
#[derive(Debug)]
#[non_exhaustive]
pub struct AwsError {
    /// The API operation (`RegisterTaskDefinition`).
    pub operation: &'static str,
    /// The resource, by name (`task definition pet-web-task`).
    pub resource: String,
    /// AWS's error code (`AccessDeniedException`), when it gave one.
    pub code: Option<String>,
    /// AWS's message.
    pub message: Option<String>,
    /// What to do about it, when the cause is known.
    pub hint: Option<String>,
    source: Box<dyn StdError + Send + Sync>,
}

impl AwsError {
    /// Wraps an SDK error of `operation` on `resource`.
    pub fn new<E, R>(
        operation: &'static str,
        resource: impl Into<String>,
        error: SdkError<E, R>,
    ) -> Self
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
        R: fmt::Debug + Send + Sync + 'static,
    {
        let code = error.code().map(str::to_owned);
        let message = error.message().map(str::to_owned);
        let hint = hint(operation, code.as_deref(), message.as_deref());
        Self {
            operation,
            resource: resource.into(),
            code,
            message,
            hint,
            source: Box::new(error),
        }
    }

    /// Whether AWS said the resource does not exist.
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        self.code.as_deref().is_some_and(|c| {
            c.contains("NotFound")
                || c == "NoSuchEntity"
                || c == "ClientException"
                    && self
                        .message
                        .as_deref()
                        .is_some_and(|m| m.contains("Unable to describe task definition"))
        })
    }
}

impl fmt::Display for AwsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} failed", self.operation, self.resource)?;
        match (&self.code, &self.message) {
            (Some(code), Some(message)) => write!(f, ": {code}: {message}")?,
            (Some(code), None) => write!(f, ": {code}")?,
            (None, Some(message)) => write!(f, ": {message}")?,
            (None, None) => write!(f, ": {}", error_chain(self.source.as_ref()))?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl StdError for AwsError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.source.as_ref())
    }
}

/// An error and its sources on one line: the SDK's dispatch failures say what went wrong only
/// in their sources (connection refused, DNS).
fn error_chain(error: &(dyn StdError + 'static)) -> String {
    let mut out = error.to_string();
    let mut next = error.source();
    while let Some(e) = next {
        out.push_str(": ");
        out.push_str(&e.to_string());
        next = e.source();
    }
    out
}

/// Known causes of AWS errors, by operation, code and message.
fn hint(operation: &str, code: Option<&str>, message: Option<&str>) -> Option<String> {
    let message = message.unwrap_or_default();
    let code = code.unwrap_or_default();
    let says = |text: &str| {
        message
            .to_ascii_lowercase()
            .contains(&text.to_ascii_lowercase())
    };
    let hint = if says("ecs:RegisterContainerInstance") {
        "the container instance role lacks `AmazonEC2ContainerServiceforEC2Role`, so the agent cannot register the instance: attach it to `ecsInstanceRole` (`Role::ecs_instance()` has it)"
    } else if says("requires task definition to have execution role ARN") {
        "Fargate needs an execution role to pull from ECR, log with awslogs or read secrets: give the task definition `executionRoleArn` (`Role::ecs_task_execution` with `execution_policy`)"
    } else if says("does not have an associated load balancer") {
        "ECS registers tasks only in target groups a listener (or rule) forwards to: add the listener to the application"
    } else if says("unable to assume") || says("assume role") {
        "the role's trust policy must let `ecs-tasks.amazonaws.com` assume it; a role created seconds ago may not have propagated yet: run the deployment again"
    } else if says("incompatible with the awsvpc network mode") || says("target type instance") {
        "`awsvpc` tasks register by IP: use `TargetGroup::ip` (ECS-M7)"
    } else if code == "ClusterNotFoundException" {
        "the cluster does not exist: add it to the application, or check the region"
    } else if code == "ServiceNotActiveException" {
        "the service was deleted or is draining: deploying again creates it anew"
    } else if code.starts_with("AccessDenied") || code == "UnauthorizedOperation" {
        return Some(format!(
            "the credentials may not call `{operation}`: give them `Application::deployer_policy()` (print it with `ecs-deploy render --deployer-policy`)"
        ));
    } else if code == "ExpiredToken"
        || code == "ExpiredTokenException"
        || code == "InvalidClientTokenId"
        || code == "UnrecognizedClientException"
    {
        "the AWS credentials are expired or unknown: refresh them (`aws sso login`, or the profile's keys)"
    } else {
        return None;
    };
    Some(hint.to_owned())
}

/// Hints for the reasons ECS gives for stopped tasks.
pub(crate) fn stopped_reason_hint(reason: &str) -> Option<&'static str> {
    let reason = reason.to_ascii_lowercase();
    Some(
        if reason.contains("cannotpullcontainer") || reason.contains("pull image") {
            "the image could not be pulled: check its name and tag, the execution role's ECR permissions, and a route to ECR (a public IP or a NAT gateway)"
        } else if reason.contains("unable to pull secrets")
            || reason.contains("unable to retrieve secret")
        {
            "the secrets could not be read: the execution role needs `secretsmanager:GetSecretValue`/`ssm:GetParameters` on them (`execution_policy`) and a route to the endpoints"
        } else if reason.contains("elb health checks") || reason.contains("health checks failed") {
            "the load balancer never saw the task healthy: check the health-check path and port, and that the tasks' security group admits the load balancer's (ECS-M9)"
        } else if reason.contains("essential container") && reason.contains("exited") {
            "the container exited: read its logs (the awslogs group of the task definition)"
        } else if reason.contains("outofmemory") || reason.contains("out of memory") {
            "the container ran out of memory: raise `memory` (task or container)"
        } else {
            return None;
        },
    )
}

/// `map_err` for SDK calls: `.map_err(aws("CreateService", &name))`.
pub(crate) fn aws<E, R>(
    operation: &'static str,
    resource: impl Into<String>,
) -> impl FnOnce(SdkError<E, R>) -> Error
where
    E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    R: fmt::Debug + Send + Sync + 'static,
{
    let resource = resource.into();
    move |error| Error::Aws(Box::new(AwsError::new(operation, resource, error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_denied_at_registration_names_the_missing_policy() {
        let hint = hint(
            "RegisterContainerInstance",
            Some("AccessDeniedException"),
            Some("User: arn:aws:sts::1:assumed-role/ecsInstanceRole/i-0 is not authorized to perform: ecs:RegisterContainerInstance"),
        )
        .expect("a known cause");
        assert!(
            hint.contains("AmazonEC2ContainerServiceforEC2Role"),
            "{hint}"
        );
    }

    #[test]
    fn fargate_awslogs_without_execution_role() {
        let hint = hint(
            "RegisterTaskDefinition",
            Some("ClientException"),
            Some("Fargate requires task definition to have execution role ARN to support log driver awslogs."),
        )
        .expect("a known cause");
        assert!(hint.contains("executionRoleArn"), "{hint}");
    }

    #[test]
    fn unknown_causes_get_no_hint() {
        assert_eq!(
            hint(
                "CreateCluster",
                Some("InvalidParameterException"),
                Some("Something else")
            ),
            None
        );
        assert!(
            stopped_reason_hint("Scaling activity initiated by (deployment ecs-svc/1)").is_none()
        );
        assert!(
            stopped_reason_hint("CannotPullContainerError: pull image manifest has been retried")
                .is_some()
        );
    }
}
