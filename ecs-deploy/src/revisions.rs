//! Task definition revisions: rolling a service back to an earlier one, and deregistering old
//! ones while keeping the newest and every one in use.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;

use aws_sdk_ecs::types::{
    DesiredStatus, ServiceDeploymentStatus, SortOrder, StopServiceDeploymentStopType,
    TaskDefinitionStatus,
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
    /// The revisions kept: the newest ones and those in use.
    pub kept: Vec<String>,
    /// The revisions deregistered.
    pub deregistered: Vec<String>,
    /// Of the revisions kept, those in use, each with what uses it (`service web of cluster
    /// prod`, `task 1a2b… of cluster prod`, `EventBridge rule default/nightly`).
    pub used_by: BTreeMap<String, Vec<String>>,
}

/// `family:revision` of a task definition reference (an ARN, or `family:revision`); a family
/// alone (which runs its latest `ACTIVE` revision) stays as it is.
fn revision_key(reference: &str) -> String {
    reference.rsplit('/').next().unwrap_or(reference).to_owned()
}

/// Every task definition in use anywhere the account can say, by [`revision_key`], with what
/// uses it: the services of every cluster (their deployments and task sets included), every
/// running or pending task, EventBridge rules' and Scheduler schedules' targets.
async fn in_use(clients: &Clients) -> Result<BTreeMap<String, Vec<String>>, Error> {
    let mut used: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut note = |reference: &str, by: String| {
        used.entry(revision_key(reference)).or_default().push(by);
    };
    let mut clusters = Vec::new();
    let mut pages = clients.ecs.list_clusters().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(aws("ListClusters", "the account's clusters"))?;
        clusters.extend(page.cluster_arns().iter().cloned());
    }
    for cluster_arn in &clusters {
        let cluster = crate::resource::short_name(cluster_arn);
        for service in services(clients, cluster_arn).await? {
            let name = service.service_name().unwrap_or_default();
            let by = || format!("service {name} of cluster {cluster}");
            if let Some(td) = service.task_definition() {
                note(td, by());
            }
            for d in service.deployments() {
                if let Some(td) = d.task_definition() {
                    note(td, format!("a deployment of {}", by()));
                }
            }
            for set in service.task_sets() {
                if let Some(td) = set.task_definition() {
                    note(
                        td,
                        format!("task set {} of {}", set.id().unwrap_or_default(), by()),
                    );
                }
            }
        }
        for task in tasks(clients, cluster_arn).await? {
            if let Some(td) = task.task_definition_arn() {
                let id = task
                    .task_arn()
                    .map(crate::resource::short_name)
                    .unwrap_or_default();
                note(td, format!("task {id} of cluster {cluster}"));
            }
        }
    }
    let scheduled = clients.schedules.scheduled_tasks().await.map_err(|e| {
        crate::error::AwsError::new(
            "ListRules/ListSchedules",
            "the rules and schedules that run tasks (nothing was deregistered)",
            e,
        )
    })?;
    for task in scheduled {
        note(&task.task_definition, task.by);
    }
    Ok(used)
}

/// Every service of cluster `cluster_arn`, described.
async fn services(
    clients: &Clients,
    cluster_arn: &str,
) -> Result<Vec<aws_sdk_ecs::types::Service>, Error> {
    let mut arns = Vec::new();
    let mut pages = clients
        .ecs
        .list_services()
        .cluster(cluster_arn)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(aws("ListServices", format!("cluster {cluster_arn}")))?;
        arns.extend(page.service_arns().iter().cloned());
    }
    let mut described = Vec::new();
    for chunk in arns.chunks(10) {
        let got = clients
            .ecs
            .describe_services()
            .cluster(cluster_arn)
            .set_services(Some(chunk.to_vec()))
            .send()
            .await
            .map_err(aws("DescribeServices", format!("cluster {cluster_arn}")))?;
        described.extend(got.services().iter().cloned());
    }
    Ok(described)
}

/// Every task of cluster `cluster_arn` meant to run (running or still pending), described.
async fn tasks(
    clients: &Clients,
    cluster_arn: &str,
) -> Result<Vec<aws_sdk_ecs::types::Task>, Error> {
    let mut arns = Vec::new();
    let mut pages = clients
        .ecs
        .list_tasks()
        .cluster(cluster_arn)
        .desired_status(DesiredStatus::Running)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(aws("ListTasks", format!("cluster {cluster_arn}")))?;
        arns.extend(page.task_arns().iter().cloned());
    }
    let mut described = Vec::new();
    for chunk in arns.chunks(100) {
        let got = clients
            .ecs
            .describe_tasks()
            .cluster(cluster_arn)
            .set_tasks(Some(chunk.to_vec()))
            .send()
            .await
            .map_err(aws("DescribeTasks", format!("cluster {cluster_arn}")))?;
        described.extend(got.tasks().iter().cloned());
    }
    Ok(described)
}

/// Deregisters the `ACTIVE` revisions of `family` but the newest `keep` and every one in use
/// anywhere the account can say (see [`Deregistered::used_by`]). What uses them is read before
/// anything is deregistered: if it cannot be read (a call denied), nothing is.
///
/// # Errors
/// An AWS error; revisions deregistered before it stay deregistered.
pub async fn deregister(
    clients: &Clients,
    family: &str,
    keep: NonZeroUsize,
) -> Result<Deregistered, Error> {
    let revisions = active_revisions(clients, family).await?;
    let used = in_use(clients).await?;
    let mut done = Deregistered::default();
    for (i, (revision, arn)) in revisions.into_iter().enumerate() {
        let key = format!("{family}:{revision}");
        if let Some(users) = used.get(&key) {
            done.used_by.insert(arn.clone(), users.clone());
        }
        if i < keep.get() || used.contains_key(&key) {
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
        assert_eq!(
            revision_key("arn:aws:ecs:us-east-1:1:task-definition/web:7"),
            "web:7"
        );
        assert_eq!(revision_key("web:7"), "web:7");
        assert_eq!(
            revision_key("arn:aws:ecs:us-east-1:1:task-definition/web"),
            "web"
        );
    }
}
