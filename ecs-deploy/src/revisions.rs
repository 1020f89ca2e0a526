//! Task definition revisions: rolling a service back to an earlier one, and deregistering old
//! ones while keeping the newest and every one in use.

use std::collections::BTreeSet;

use aws_sdk_ecs::types::{
    ServiceDeploymentStatus, SortOrder, StopServiceDeploymentStopType, TaskDefinitionStatus,
};

use crate::clients::Clients;
use crate::error::{Error, aws};

/// Where to roll a service back to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RollbackTo {
    /// The newest `ACTIVE` revision older than the one the service runs.
    PreviousRevision,
    /// A revision of the service's family.
    Revision(i32),
    /// ECS's own rollback of the deployment in progress (`StopServiceDeployment` with
    /// `ROLLBACK`): the service returns to its last completed deployment.
    Native,
}

/// What a rollback did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RolledBack {
    /// The revision the service ran.
    pub from: String,
    /// The revision it runs now (for a native rollback, ECS chooses: `None`).
    pub to: Option<String>,
    /// The deployment that carries the rollback out.
    pub deployment_id: Option<String>,
}

/// A task definition ARN's family and revision (`…:task-definition/web:7` → `("web", 7)`).
pub(crate) fn family_and_revision(arn: &str) -> Option<(&str, i32)> {
    let name = arn.rsplit('/').next()?;
    let (family, revision) = name.rsplit_once(':')?;
    Some((family, revision.parse().ok()?))
}

/// The `ACTIVE` revisions of exactly `family` (not of families it prefixes), newest first.
async fn active_revisions(clients: &Clients, family: &str) -> Result<Vec<(i32, String)>, Error> {
    let mut revisions = Vec::new();
    let mut pages = clients
        .ecs
        .list_task_definitions()
        .family_prefix(family)
        .status(TaskDefinitionStatus::Active)
        .sort(SortOrder::Desc)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(aws("ListTaskDefinitions", format!("family {family}")))?;
        for arn in page.task_definition_arns() {
            if let Some((f, revision)) = family_and_revision(arn)
                && f == family
            {
                revisions.push((revision, arn.clone()));
            }
        }
    }
    revisions.sort_by_key(|(revision, _)| std::cmp::Reverse(*revision));
    Ok(revisions)
}

/// The revision `service` runs.
async fn current_revision(
    clients: &Clients,
    cluster: &str,
    service: &str,
) -> Result<String, Error> {
    let found = crate::status::describe_service(clients, cluster, service).await?;
    found
        .task_definition
        .ok_or_else(|| Error::NotFound(format!("service `{service}` runs no task definition")))
}

/// Rolls `service` back.
///
/// # Errors
/// [`Error::NotFound`] when there is nothing to roll back to; an AWS error.
pub async fn rollback(
    clients: &Clients,
    cluster: &str,
    service: &str,
    to: &RollbackTo,
) -> Result<RolledBack, Error> {
    let from = current_revision(clients, cluster, service).await?;
    let Some((family, revision)) = family_and_revision(&from) else {
        return Err(Error::NotFound(format!(
            "`{from}` is not a task definition revision"
        )));
    };
    let target = match to {
        RollbackTo::Native => return native_rollback(clients, cluster, service, from).await,
        RollbackTo::Revision(wanted) => active_revisions(clients, family)
            .await?
            .into_iter()
            .find(|(r, _)| r == wanted)
            .map(|(_, arn)| arn)
            .ok_or_else(|| Error::NotFound(format!("revision {family}:{wanted} is not ACTIVE")))?,
        RollbackTo::PreviousRevision => active_revisions(clients, family)
            .await?
            .into_iter()
            .find(|(r, _)| *r < revision)
            .map(|(_, arn)| arn)
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "`{family}` has no ACTIVE revision older than {revision} to roll back to"
                ))
            })?,
    };
    let updated = clients
        .ecs
        .update_service()
        .cluster(cluster)
        .service(service)
        .task_definition(&target)
        .send()
        .await
        .map_err(aws("UpdateService", format!("service {service}")))?;
    let deployment_id = updated
        .service()
        .and_then(|s| {
            s.deployments()
                .iter()
                .find(|d| d.status() == Some("PRIMARY"))
        })
        .and_then(|d| d.id().map(str::to_owned));
    Ok(RolledBack {
        from,
        to: Some(target),
        deployment_id,
    })
}

async fn native_rollback(
    clients: &Clients,
    cluster: &str,
    service: &str,
    from: String,
) -> Result<RolledBack, Error> {
    let listed = clients
        .ecs
        .list_service_deployments()
        .cluster(cluster)
        .service(service)
        .status(ServiceDeploymentStatus::InProgress)
        .status(ServiceDeploymentStatus::Pending)
        .send()
        .await
        .map_err(aws("ListServiceDeployments", format!("service {service}")))?;
    let Some(arn) = listed
        .service_deployments()
        .first()
        .and_then(|d| d.service_deployment_arn())
    else {
        return Err(Error::NotFound(format!(
            "service `{service}` has no deployment in progress for ECS to roll back"
        )));
    };
    let stopped = clients
        .ecs
        .stop_service_deployment()
        .service_deployment_arn(arn)
        .stop_type(StopServiceDeploymentStopType::Rollback)
        .send()
        .await
        .map_err(aws("StopServiceDeployment", format!("service {service}")))?;
    Ok(RolledBack {
        from,
        to: None,
        deployment_id: stopped.service_deployment_arn().map(str::to_owned),
    })
}

/// What [`deregister`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Deregistered {
    /// The revisions kept: the newest ones and those services of the cluster use.
    pub kept: Vec<String>,
    /// The revisions deregistered.
    pub deregistered: Vec<String>,
}

/// The task definitions services of `cluster` use: their own and their deployments'.
async fn in_use(clients: &Clients, cluster: &str) -> Result<BTreeSet<String>, Error> {
    let mut arns = Vec::new();
    let mut pages = clients
        .ecs
        .list_services()
        .cluster(cluster)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        arns.extend(
            page.map_err(aws("ListServices", format!("cluster {cluster}")))?
                .service_arns()
                .iter()
                .cloned(),
        );
    }
    let mut used = BTreeSet::new();
    for chunk in arns.chunks(10) {
        let described = clients
            .ecs
            .describe_services()
            .cluster(cluster)
            .set_services(Some(chunk.to_vec()))
            .send()
            .await
            .map_err(aws("DescribeServices", format!("cluster {cluster}")))?;
        for service in described.services() {
            used.extend(service.task_definition().map(str::to_owned));
            used.extend(
                service
                    .deployments()
                    .iter()
                    .filter_map(|d| d.task_definition().map(str::to_owned)),
            );
        }
    }
    Ok(used)
}

/// Deregisters the `ACTIVE` revisions of `family` but the newest `keep` and those services of
/// `cluster` use.
///
/// # Errors
/// An AWS error; revisions deregistered before it stay deregistered.
pub async fn deregister(
    clients: &Clients,
    cluster: &str,
    family: &str,
    keep: usize,
) -> Result<Deregistered, Error> {
    let revisions = active_revisions(clients, family).await?;
    let used = in_use(clients, cluster).await?;
    let mut done = Deregistered::default();
    for (i, (_, arn)) in revisions.into_iter().enumerate() {
        if i < keep || used.contains(&arn) {
            done.kept.push(arn);
            continue;
        }
        clients
            .ecs
            .deregister_task_definition()
            .task_definition(&arn)
            .send()
            .await
            .map_err(aws("DeregisterTaskDefinition", arn.clone()))?;
        done.deregistered.push(arn);
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_from_arns() {
        assert_eq!(
            family_and_revision("arn:aws:ecs:us-east-1:1:task-definition/web:7"),
            Some(("web", 7))
        );
        assert_eq!(family_and_revision("web:12"), Some(("web", 12)));
        assert_eq!(family_and_revision("web"), None);
    }
}
