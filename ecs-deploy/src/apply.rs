//! Carrying out a plan: its calls in its order, each new id recorded for the references that
//! follow. Only what the plan creates or updates is touched; a plan with a blocked step is
//! refused before any call.

use std::collections::BTreeMap;

use aws_sdk_ecs::types::Deployment;
use ecs_model::service::Service;
use ecs_model::{Reference, Tag, TaskDefinition};

use crate::clients::Clients;
use crate::convert::{self, ToField};
use crate::error::{Error, aws};
use crate::plan::{Action, OWNERSHIP_MARK, Op, Plan, Step};
use crate::resource::{Resource, load_balancer_name};
use crate::state::Ids;
use ecs_model::PathCursor;

/// What an apply did.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Applied {
    /// The resources created or updated, in order.
    pub changed: Vec<(Resource, Action)>,
    /// The revision each family's service runs (registered now, or the family's latest), by
    /// family.
    pub task_definition_arns: BTreeMap<String, String>,
    /// The services' ARNs, by name.
    pub service_arns: BTreeMap<String, String>,
    /// The deployment each create or update of a service started (what
    /// [`wait`](crate::wait) watches), by service name.
    pub deployments: BTreeMap<String, String>,
    /// The ids of the application's resources.
    pub ids: Ids,
    /// The application's name: what the resources it creates are marked with.
    application: String,
}

impl Applied {
    /// The mark of what the application creates, as a model tag.
    fn mark(&self) -> Tag {
        Tag::new(OWNERSHIP_MARK, &self.application)
    }

    /// The mark as a key and value.
    fn mark_pair(&self) -> Vec<(String, String)> {
        vec![(OWNERSHIP_MARK.to_owned(), self.application.clone())]
    }
}

/// Carries out `plan`, calling `on_step` before each step that changes something. The steps of
/// one kind run at once ([`CALLS_IN_FLIGHT`](crate::in_flight::CALLS_IN_FLIGHT) calls on the
/// wire at most), each kind after the ones it needs.
///
/// # Errors
/// [`Error::Blocked`] before any call when a step is blocked; otherwise the failed call of a
/// step ([`Error::Steps`] when several steps of a group failed), after the other steps of its
/// group finished; what was done is left in place (running the deployment again resumes it).
pub async fn apply(
    clients: &Clients,
    plan: &Plan,
    on_step: &mut (dyn FnMut(&Step) + Send),
) -> Result<Applied, Error> {
    let blocked = plan.blocked();
    if !blocked.is_empty() {
        return Err(Error::Blocked(blocked));
    }
    let mut applied = Applied {
        ids: plan.ids.clone(),
        task_definition_arns: plan.task_definition_arns.clone(),
        service_arns: plan.service_arns.clone(),
        application: plan.application.clone(),
        ..Applied::default()
    };
    // The steps of one kind (every role, every service) do not depend on each other: each group
    // runs at once, the groups in the plan's order.
    let changing: Vec<&Step> = plan
        .steps
        .iter()
        .filter(|s| s.action != Action::Unchanged)
        .collect();
    for group in changing.chunk_by(|a, b| a.resource.kind() == b.resource.kind()) {
        for step in group {
            on_step(step);
        }
        let runs = group.iter().map(|step| {
            let mut own = applied.fork();
            async move {
                for op in &step.ops {
                    run(clients, op, &mut own).await?;
                }
                Ok::<_, Error>(own)
            }
        });
        let outcomes = futures_util::future::join_all(runs).await;
        let mut failed = Vec::new();
        for (step, outcome) in group.iter().zip(outcomes) {
            match outcome {
                Ok(own) => {
                    applied.join(own);
                    applied.changed.push((step.resource.clone(), step.action));
                }
                Err(error) => failed.push((step.resource.clone(), error)),
            }
        }
        match failed.len() {
            0 => {}
            1 => return Err(failed.remove(0).1),
            _ => return Err(Error::Steps(failed)),
        }
    }
    Ok(applied)
}

impl Applied {
    /// A copy to carry out one step with, alongside the others of its group.
    fn fork(&self) -> Self {
        Self {
            changed: Vec::new(),
            ..self.clone()
        }
    }

    /// Takes in what a step of the group recorded.
    fn join(&mut self, other: Self) {
        self.ids.extend(other.ids);
        self.task_definition_arns.extend(other.task_definition_arns);
        self.service_arns.extend(other.service_arns);
        self.deployments.extend(other.deployments);
    }
}

/// `model` with its references replaced by the ids known so far.
fn resolved<T>(applied: &Applied, model: &T) -> Result<T, Error>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    applied
        .ids
        .resolved(model)
        .map_err(|e| Error::Unsupported(format!("cannot resolve references: {e}")))
}

/// The id of `reference`, which an earlier step created or found.
fn id(applied: &Applied, reference: &Reference) -> Result<String, Error> {
    applied
        .ids
        .get(reference)
        .map(str::to_owned)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "{reference} has no id yet: is it part of the application?"
            ))
        })
}

/// Whether AWS answered that the resource already exists (a concurrent deployment, or one
/// that stopped between a create and the next observation): the goal is met.
fn already_exists(error: &Error) -> bool {
    matches!(error, Error::Aws(e) if e.code.as_deref().is_some_and(|c| c.contains("AlreadyExists") || c == "EntityAlreadyExists" || c == "InvalidGroup.Duplicate"))
}

/// A deletion of what is not there (any more) has done its job.
fn gone_already_is_fine(result: Result<(), Error>) -> Result<(), Error> {
    match result {
        Err(Error::Aws(e))
            if e.is_not_found() || e.code.as_deref() == Some("ObjectNotFoundException") =>
        {
            Ok(())
        }
        other => other,
    }
}

fn tolerate_existing(result: Result<(), Error>) -> Result<(), Error> {
    match result {
        Err(e) if already_exists(&e) => Ok(()),
        other => other,
    }
}

/// The service with its references resolved and, when it names its workload's family, the
/// revision to run.
fn service_to_send(applied: &Applied, service: &Service) -> Result<Service, Error> {
    let mut service = resolved(applied, service)?;
    let revision = service
        .task_definition
        .as_deref()
        .and_then(|family| applied.task_definition_arns.get(family));
    if let Some(arn) = revision {
        service.task_definition = Some(arn.into());
    }
    Ok(service)
}

impl Applied {
    /// Records what ECS answered of a created or updated service.
    fn service(&mut self, name: &str, described: &aws_sdk_ecs::types::Service) {
        if let Some(arn) = described.service_arn() {
            self.service_arns.insert(name.to_owned(), arn.to_owned());
        }
        if let Some(id) = primary(described.deployments()) {
            self.deployments.insert(name.to_owned(), id);
        }
    }
}

fn primary(deployments: &[Deployment]) -> Option<String> {
    deployments
        .iter()
        .find(|d| d.status() == Some("PRIMARY"))
        .and_then(|d| d.id().map(str::to_owned))
}

#[allow(clippy::too_many_lines)] // one arm per API call, each a few lines
async fn run(clients: &Clients, op: &Op, applied: &mut Applied) -> Result<(), Error> {
    match op {
        Op::CreateLogGroup(name) => {
            let result = clients
                .logs
                .create_log_group()
                .log_group_name(name)
                .tags(OWNERSHIP_MARK, &applied.application)
                .send()
                .await
                .map(drop)
                .map_err(aws("CreateLogGroup", format!("log group {name}")));
            tolerate_existing(result)?;
        }
        Op::CreateRole(role) => {
            let tags = role
                .tags
                .iter()
                .chain([&applied.mark()])
                .map(|t| {
                    aws_sdk_iam::types::Tag::builder()
                        .key(&t.key)
                        .value(t.value.as_deref().unwrap_or_default())
                        .build()
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| Error::Unsupported(e.to_string()))?;
            let result = clients
                .iam
                .create_role()
                .role_name(&role.name)
                .assume_role_policy_document(role.trust_policy.to_json())
                .set_description(role.description.clone())
                .set_path(role.path.clone())
                .set_max_session_duration(role.max_session_duration)
                .set_permissions_boundary(role.permissions_boundary.clone())
                .set_tags((!tags.is_empty()).then_some(tags))
                .send()
                .await
                .map(drop)
                .map_err(aws("CreateRole", format!("role {}", role.name)));
            tolerate_existing(result)?;
        }
        Op::UpdateAssumeRolePolicy(role) => {
            clients
                .iam
                .update_assume_role_policy()
                .role_name(&role.name)
                .policy_document(role.trust_policy.to_json())
                .send()
                .await
                .map_err(aws("UpdateAssumeRolePolicy", format!("role {}", role.name)))?;
        }
        Op::PutRolePolicy {
            role,
            name,
            document,
        } => {
            let mut document = serde_json::to_value(document).unwrap_or_default();
            applied.ids.resolve(&mut document);
            clients
                .iam
                .put_role_policy()
                .role_name(role)
                .policy_name(name)
                .policy_document(document.to_string())
                .send()
                .await
                .map_err(aws("PutRolePolicy", format!("role {role}")))?;
        }
        Op::AttachRolePolicy { role, arn } => {
            clients
                .iam
                .attach_role_policy()
                .role_name(role)
                .policy_arn(arn)
                .send()
                .await
                .map_err(aws("AttachRolePolicy", format!("role {role}")))?;
        }
        Op::CreateInstanceProfile(profile) => {
            let result = clients
                .iam
                .create_instance_profile()
                .instance_profile_name(&profile.name)
                .set_path(profile.path.clone())
                .tags(
                    aws_sdk_iam::types::Tag::builder()
                        .key(OWNERSHIP_MARK)
                        .value(&applied.application)
                        .build()
                        .map_err(|e| Error::Unsupported(e.to_string()))?,
                )
                .send()
                .await
                .map(drop)
                .map_err(aws(
                    "CreateInstanceProfile",
                    format!("instance profile {}", profile.name),
                ));
            tolerate_existing(result)?;
        }
        Op::AddRoleToInstanceProfile(profile) => {
            let result = clients
                .iam
                .add_role_to_instance_profile()
                .instance_profile_name(&profile.name)
                .role_name(&profile.role)
                .send()
                .await
                .map(drop)
                .map_err(aws(
                    "AddRoleToInstanceProfile",
                    format!("instance profile {}", profile.name),
                ));
            match result {
                // "Cannot exceed quota for InstanceSessionsPerInstanceProfile": the role is in.
                Err(Error::Aws(e)) if e.code.as_deref() == Some("LimitExceeded") => {}
                other => other?,
            }
        }
        Op::CreateSecurityGroup(group) => {
            ec2::create_security_group(clients, group, applied).await?;
        }
        Op::AuthorizeIngress { group, rules } => {
            ec2::authorize_ingress(clients, group, rules, applied).await?;
        }
        Op::RunInstance(instance) => ec2::run_instance(clients, instance, applied).await?,
        Op::CreateLoadBalancer(lb) => {
            let mut lb = resolved(applied, lb)?;
            lb.tags.push(applied.mark());
            let created = convert::create_load_balancer(&lb)?
                .send_with(&clients.elbv2)
                .await
                .map_err(aws(
                    "CreateLoadBalancer",
                    format!("load balancer {}", lb.name),
                ))?;
            if let Some(arn) = created
                .load_balancers()
                .first()
                .and_then(|l| l.load_balancer_arn())
            {
                applied
                    .ids
                    .insert(Reference::load_balancer(&lb.name), arn.to_owned());
            }
        }
        Op::SetSecurityGroups { arn, load_balancer } => {
            let lb = resolved(applied, load_balancer)?;
            clients
                .elbv2
                .set_security_groups()
                .load_balancer_arn(arn)
                .set_security_groups(Some(convert::strings(&lb.security_groups)))
                .send()
                .await
                .map_err(aws(
                    "SetSecurityGroups",
                    format!("load balancer {}", lb.name),
                ))?;
        }
        Op::SetSubnets { arn, load_balancer } => {
            clients
                .elbv2
                .set_subnets()
                .load_balancer_arn(arn)
                .set_subnets(Some(convert::strings(&load_balancer.subnets)))
                .send()
                .await
                .map_err(aws(
                    "SetSubnets",
                    format!("load balancer {}", load_balancer.name),
                ))?;
        }
        Op::CreateTargetGroup(tg) => {
            let mut tg = tg.as_ref().clone();
            tg.tags.push(applied.mark());
            let created = convert::create_target_group(&tg)?
                .send_with(&clients.elbv2)
                .await
                .map_err(aws(
                    "CreateTargetGroup",
                    format!("target group {}", tg.name),
                ))?;
            if let Some(arn) = created
                .target_groups()
                .first()
                .and_then(|t| t.target_group_arn())
            {
                applied
                    .ids
                    .insert(Reference::target_group(&tg.name), arn.to_owned());
            }
        }
        Op::ModifyTargetGroup { arn, target_group } => {
            convert::modify_target_group(arn, target_group)?
                .send_with(&clients.elbv2)
                .await
                .map_err(aws(
                    "ModifyTargetGroup",
                    format!("target group {}", target_group.name),
                ))?;
        }
        Op::ModifyTargetGroupAttributes { name, target_group } => {
            let arn = id(applied, &Reference::target_group(name))?;
            convert::modify_target_group_attributes(&arn, target_group)?
                .send_with(&clients.elbv2)
                .await
                .map_err(aws(
                    "ModifyTargetGroupAttributes",
                    format!("target group {name}"),
                ))?;
        }
        Op::CreateListener(listener) => {
            let lb = load_balancer_name(&listener.load_balancer_arn);
            let port = listener.port.unwrap_or_default();
            let mut listener = resolved(applied, listener.as_ref())?;
            listener.tags.push(applied.mark());
            let created = convert::create_listener(&listener)?
                .send_with(&clients.elbv2)
                .await
                .map_err(aws("CreateListener", format!("listener {lb}:{port}")))?;
            if let Some(arn) = created.listeners().first().and_then(|l| l.listener_arn()) {
                applied
                    .ids
                    .insert(Reference::listener(&lb, port), arn.to_owned());
            }
        }
        Op::ModifyListener { arn, listener } => {
            let listener = resolved(applied, listener.as_ref())?;
            convert::modify_listener(arn, &listener)?
                .send_with(&clients.elbv2)
                .await
                .map_err(aws("ModifyListener", format!("listener {arn}")))?;
        }
        Op::CreateRule(rule) => {
            let mut rule = resolved(applied, rule.as_ref())?;
            rule.tags.push(applied.mark());
            convert::create_rule(&rule)?
                .send_with(&clients.elbv2)
                .await
                .map_err(aws(
                    "CreateRule",
                    format!("rule {} of {}", rule.priority, rule.listener_arn),
                ))?;
        }
        Op::ModifyRule { arn, rule } => {
            let rule = resolved(applied, rule.as_ref())?;
            convert::modify_rule(arn, &rule)?
                .send_with(&clients.elbv2)
                .await
                .map_err(aws("ModifyRule", format!("rule {arn}")))?;
        }
        Op::CreateCluster(cluster) => {
            let mut cluster = cluster.as_ref().clone();
            cluster.tags.push(applied.mark());
            convert::create_cluster(&cluster)?
                .send_with(&clients.ecs)
                .await
                .map_err(aws("CreateCluster", format!("cluster {}", cluster.name())))?;
        }
        Op::UpdateCluster(cluster) => {
            convert::update_cluster(cluster)?
                .send_with(&clients.ecs)
                .await
                .map_err(aws("UpdateCluster", format!("cluster {}", cluster.name())))?;
        }
        Op::CreateCapacityProvider(provider) => {
            let mut provider = provider.as_ref().clone();
            provider.tags.push(applied.mark());
            let result = convert::create_capacity_provider(&provider)?
                .send_with(&clients.ecs)
                .await
                .map(drop)
                .map_err(aws(
                    "CreateCapacityProvider",
                    format!("capacity provider {}", provider.name),
                ));
            tolerate_existing(result)?;
        }
        Op::UpdateCapacityProvider(provider) => {
            convert::update_capacity_provider(provider)?
                .send_with(&clients.ecs)
                .await
                .map_err(aws(
                    "UpdateCapacityProvider",
                    format!("capacity provider {}", provider.name),
                ))?;
        }
        Op::PutClusterCapacityProviders(providers) => {
            convert::put_cluster_capacity_providers(providers)?
                .send_with(&clients.ecs)
                .await
                .map_err(aws(
                    "PutClusterCapacityProviders",
                    format!("cluster {}", providers.cluster),
                ))?;
        }
        Op::RegisterTaskDefinition(td) => register(clients, td, applied).await?,
        Op::CreateService(service) => create_service(clients, service, applied).await?,
        Op::UpdateService {
            service,
            force_new_deployment,
        } => {
            let service = service_to_send(applied, service)?;
            let updated = convert::update_service(&service, *force_new_deployment)?
                .send_with(&clients.ecs)
                .await
                .map_err(aws(
                    "UpdateService",
                    format!("service {}", service.service_name),
                ))?;
            if let Some(s) = updated.service() {
                applied.service(&service.service_name, s);
            }
        }
        Op::TagService { arn, service } => {
            let tags: Option<Vec<aws_sdk_ecs::types::Tag>> =
                ToField::to_field(&service.tags, PathCursor::ROOT.key("tags"))?;
            clients
                .ecs
                .tag_resource()
                .resource_arn(arn)
                .set_tags(tags)
                .send()
                .await
                .map_err(aws(
                    "TagResource",
                    format!("service {}", service.service_name),
                ))?;
        }
        Op::Mark { resource, id } => mark(clients, resource, id, applied).await?,
        Op::DeleteSchedule { group, name } => {
            let deleted = clients
                .schedules
                .delete_schedule(group, name)
                .await
                .map(drop)
                .map_err(aws("DeleteSchedule", format!("schedule {group}/{name}")));
            gone_already_is_fine(deleted)?;
        }
        Op::DeregisterScalableTarget(id) => {
            let input = serde_json::json!({
                "ServiceNamespace": "ecs",
                "ResourceId": id,
                "ScalableDimension": "ecs:service:DesiredCount",
            });
            let deregistered = clients
                .autoscaling
                .call("DeregisterScalableTarget", &input)
                .await
                .map(drop)
                .map_err(aws("DeregisterScalableTarget", format!("scaling of {id}")));
            gone_already_is_fine(deregistered)?;
        }
        Op::DeleteService { cluster, name } => {
            // `force`: the service's tasks stop with it, without scaling it to 0 first.
            clients
                .ecs
                .delete_service()
                .cluster(cluster)
                .service(name)
                .force(true)
                .send()
                .await
                .map_err(aws("DeleteService", format!("service {name}")))?;
        }
        Op::CreateFileSystem(_) | Op::CreateMountTarget(_) | Op::CreateAccessPoint(_) => {
            efs::run(clients, op, applied).await?;
        }
        Op::CreateRepository(repository) => {
            let mut input = serde_json::to_value(&repository.repository).unwrap_or_default();
            let mark = serde_json::json!({"Key": OWNERSHIP_MARK, "Value": applied.application});
            match input
                .get_mut("tags")
                .and_then(serde_json::Value::as_array_mut)
            {
                Some(tags) => tags.push(mark),
                None => input["tags"] = serde_json::Value::Array(vec![mark]),
            }
            let what = format!("repository {}", repository.name());
            let created = clients.ecr.call("CreateRepository", &input).await;
            tolerate_existing(created.map(drop).map_err(aws("CreateRepository", what)))?;
        }
        Op::PutLifecyclePolicy(input)
        | Op::PutImageTagMutability(input)
        | Op::PutImageScanningConfiguration(input) => {
            let operation = op.call().trim_start_matches("ecr:");
            let what = format!(
                "repository {}",
                input["repositoryName"].as_str().unwrap_or_default()
            );
            clients
                .ecr
                .call(operation, input)
                .await
                .map_err(aws(operation, what))?;
        }
        Op::RegisterScalableTarget(_)
        | Op::PutScalingPolicy { .. }
        | Op::PutScheduledAction(_)
        | Op::CreateScheduleGroup(_)
        | Op::CreateSchedule(_)
        | Op::UpdateSchedule(_) => scheduling::run(clients, op, applied).await?,
    }
    Ok(())
}

mod efs {
    use std::time::Duration;

    use serde_json::Value;

    use super::{Applied, Clients, Error, aws};
    use crate::plan::Op;
    use ecs_model::Reference;

    /// How long a new file system may take to become `available` (seconds, usually).
    const AVAILABLE_WITHIN: Duration = Duration::from_mins(3);

    fn json<T: serde::Serialize>(value: &T) -> Value {
        serde_json::to_value(value).unwrap_or(Value::Null)
    }

    /// `input` with the application's mark among its `Tags`.
    fn marked(mut input: Value, applied: &Applied) -> Value {
        let mark =
            serde_json::json!({"Key": crate::plan::OWNERSHIP_MARK, "Value": applied.application});
        match input.get_mut("Tags").and_then(Value::as_array_mut) {
            Some(tags) => tags.push(mark),
            None => input["Tags"] = Value::Array(vec![mark]),
        }
        input
    }

    pub(super) async fn run(
        clients: &Clients,
        op: &Op,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        match op {
            Op::CreateFileSystem(fs) => {
                let what = format!("file system {}", fs.name());
                let created = clients
                    .efs
                    .create_file_system(&marked(json(fs.as_ref()), applied))
                    .await
                    .map_err(aws("CreateFileSystem", &what))?;
                let id = created["FileSystemId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                applied.ids.insert(fs.reference(), id);
                // Mount targets and access points wait for `available`.
                let started = std::time::Instant::now();
                loop {
                    let found = clients
                        .efs
                        .file_system(fs.name())
                        .await
                        .map_err(aws("DescribeFileSystems", &what))?;
                    let state = found
                        .as_ref()
                        .and_then(|f| f["LifeCycleState"].as_str().map(str::to_owned));
                    if state.as_deref() == Some("available") {
                        break;
                    }
                    if started.elapsed() > AVAILABLE_WITHIN {
                        return Err(Error::NotFound(format!(
                            "{what} is still {} after {} s",
                            state.unwrap_or_default(),
                            AVAILABLE_WITHIN.as_secs()
                        )));
                    }
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
            }
            Op::CreateAccessPoint(ap) => {
                let mut input = marked(json(ap.as_ref()), applied);
                applied.ids.resolve(&mut input);
                let created = clients.efs.create_access_point(&input).await.map_err(aws(
                    "CreateAccessPoint",
                    format!("access point {}", ap.name()),
                ))?;
                let id = created["AccessPointId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                applied.ids.insert(Reference::access_point(ap.name()), id);
            }
            Op::CreateMountTarget(mt) => {
                let mut input = json(mt.as_ref());
                applied.ids.resolve(&mut input);
                clients.efs.create_mount_target(&input).await.map_err(aws(
                    "CreateMountTarget",
                    format!("mount target of {} in {}", mt.file_system_id, mt.subnet_id),
                ))?;
            }
            _ => {}
        }
        Ok(())
    }
}

mod scheduling {
    use serde_json::Value;

    use super::{Applied, Clients, Error, aws, tolerate_existing};
    use crate::plan::Op;
    use crate::plan::scheduling::resource_label;
    use ecs_model::Reference;

    fn json<T: serde::Serialize>(value: &T) -> Value {
        serde_json::to_value(value).unwrap_or(Value::Null)
    }

    /// Scaling and schedule calls, their references resolved.
    pub(super) async fn run(
        clients: &Clients,
        op: &Op,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let scaling =
            |operation: &'static str, id: &str| aws(operation, format!("scaling of {id}"));
        match op {
            Op::RegisterScalableTarget(target) => {
                let mut input = json(target.as_ref());
                input["Tags"] =
                    serde_json::json!({crate::plan::OWNERSHIP_MARK: applied.application});
                clients
                    .autoscaling
                    .call("RegisterScalableTarget", &input)
                    .await
                    .map_err(scaling("RegisterScalableTarget", &target.resource_id))?;
            }
            Op::PutScalingPolicy { policy, label } => {
                let mut input = json(policy.as_ref());
                if let Some((lb, tg)) = label {
                    let ids = (
                        applied.ids.get(&Reference::load_balancer(lb)),
                        applied.ids.get(&Reference::target_group(tg)),
                    );
                    let (Some(lb_arn), Some(tg_arn)) = ids else {
                        return Err(Error::NotFound(format!(
                            "the request count of target group {tg} behind {lb}: neither has an ARN yet"
                        )));
                    };
                    let label = resource_label(lb_arn, tg_arn).unwrap_or_default();
                    input["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"]
                        ["ResourceLabel"] = Value::String(label);
                }
                clients
                    .autoscaling
                    .call("PutScalingPolicy", &input)
                    .await
                    .map_err(scaling("PutScalingPolicy", &policy.resource_id))?;
            }
            Op::PutScheduledAction(action) => {
                clients
                    .autoscaling
                    .call("PutScheduledAction", &json(action.as_ref()))
                    .await
                    .map_err(scaling("PutScheduledAction", &action.resource_id))?;
            }
            Op::CreateScheduleGroup(group) => {
                let created = clients
                    .schedules
                    .create_schedule_group(group, &applied.mark_pair())
                    .await
                    .map(drop)
                    .map_err(aws(
                        "CreateScheduleGroup",
                        format!("schedule group {group}"),
                    ));
                // A group another deployment created meanwhile is the one wanted.
                match created {
                    Err(Error::Aws(e)) if e.code.as_deref() == Some("ConflictException") => {}
                    other => tolerate_existing(other)?,
                }
            }
            Op::CreateSchedule(schedule) | Op::UpdateSchedule(schedule) => {
                let mut input = json(schedule.as_ref());
                applied.ids.resolve(&mut input);
                let update = matches!(op, Op::UpdateSchedule(_));
                let what = format!("schedule {}/{}", schedule.group(), schedule.name);
                let operation = if update {
                    "UpdateSchedule"
                } else {
                    "CreateSchedule"
                };
                clients
                    .schedules
                    .put_schedule(&input, update)
                    .await
                    .map_err(aws(operation, what))?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// Adopts `resource` (known to its tagging call as `id`): tags it as the application's.
async fn mark(
    clients: &Clients,
    resource: &Resource,
    id: &str,
    applied: &Applied,
) -> Result<(), Error> {
    let application = &applied.application;
    let what = resource.to_string();
    match resource {
        Resource::Role(_) | Resource::InstanceProfile(_) => {
            let tag = aws_sdk_iam::types::Tag::builder()
                .key(OWNERSHIP_MARK)
                .value(application)
                .build()
                .map_err(|e| Error::Unsupported(e.to_string()))?;
            if matches!(resource, Resource::Role(_)) {
                let sent = clients.iam.tag_role().role_name(id).tags(tag).send().await;
                sent.map_err(aws("TagRole", what))?;
            } else {
                let sent = clients
                    .iam
                    .tag_instance_profile()
                    .instance_profile_name(id)
                    .tags(tag);
                sent.send().await.map_err(aws("TagInstanceProfile", what))?;
            }
        }
        Resource::SecurityGroup(_) => {
            let sent = clients.ec2.create_tags(id, &applied.mark_pair()).await;
            sent.map_err(aws("CreateTags", what))?;
        }
        Resource::FileSystem(_) | Resource::AccessPoint(_) => {
            let sent = clients.efs.tag(id, &applied.mark_pair()).await;
            sent.map_err(aws("TagResource", what))?;
        }
        Resource::Repository(_) => {
            let input = serde_json::json!({
                "resourceArn": id,
                "tags": [{"Key": OWNERSHIP_MARK, "Value": application}],
            });
            let sent = clients.ecr.call("TagResource", &input).await;
            sent.map_err(aws("TagResource", what))?;
        }
        Resource::ScheduleGroup(_) => {
            let sent = clients
                .schedules
                .tag_schedule_group(id, &applied.mark_pair())
                .await;
            sent.map_err(aws("TagResource", what))?;
        }
        Resource::LoadBalancer(_)
        | Resource::TargetGroup(_)
        | Resource::Listener { .. }
        | Resource::ListenerRule { .. } => {
            let tag = aws_sdk_elasticloadbalancingv2::types::Tag::builder()
                .key(OWNERSHIP_MARK)
                .value(application)
                .build();
            let sent = clients
                .elbv2
                .add_tags()
                .resource_arns(id)
                .tags(tag)
                .send()
                .await;
            sent.map_err(aws("AddTags", what))?;
        }
        _ => {
            let tag = aws_sdk_ecs::types::Tag::builder()
                .key(OWNERSHIP_MARK)
                .value(application)
                .build();
            let sent = clients
                .ecs
                .tag_resource()
                .resource_arn(id)
                .tags(tag)
                .send()
                .await;
            sent.map_err(aws("TagResource", what))?;
        }
    }
    Ok(())
}

async fn register(
    clients: &Clients,
    td: &TaskDefinition,
    applied: &mut Applied,
) -> Result<(), Error> {
    let registered = convert::register_task_definition(td)?
        .send_with(&clients.ecs)
        .await
        .map_err(aws(
            "RegisterTaskDefinition",
            format!("task definition {}", td.family),
        ))?;
    let arn = registered
        .task_definition()
        .and_then(|t| t.task_definition_arn());
    if let Some(arn) = arn {
        applied
            .task_definition_arns
            .insert(td.family.to_string(), arn.to_owned());
    }
    Ok(())
}

async fn create_service(
    clients: &Clients,
    service: &Service,
    applied: &mut Applied,
) -> Result<(), Error> {
    let mut to_send = service_to_send(applied, service)?;
    to_send.tags.push(applied.mark());
    let created = convert::create_service(&to_send)?
        .send_with(&clients.ecs)
        .await
        .map_err(aws(
            "CreateService",
            format!("service {}", to_send.service_name),
        ))?;
    let Some(described) = created.service() else {
        return Ok(());
    };
    applied.service(&to_send.service_name, described);
    // What was created is what was asked: an endpoint that ignores members at creation (moto
    // drops the deployment configuration and grace period) gets them by `UpdateService`, so the
    // next plan is empty. Against ECS this finds nothing to send.
    let created = convert::service_from_sdk(described)?;
    let mut wanted = serde_json::to_value(&to_send).unwrap_or_default();
    let mut got = serde_json::to_value(&created).unwrap_or_default();
    for doc in [&mut wanted, &mut got] {
        crate::plan::normalize_service(doc);
    }
    let missing = crate::plan::updatable_changes(&got, &wanted);
    if !missing.is_empty() {
        let updated = convert::update_service(&to_send, false)?
            .send_with(&clients.ecs)
            .await
            .map_err(aws(
                "UpdateService",
                format!("service {}", to_send.service_name),
            ))?;
        if let Some(s) = updated.service() {
            applied.service(&to_send.service_name, s);
        }
    }
    Ok(())
}

mod ec2 {
    use ecs_model::Reference;
    use ecs_model::cluster::ContainerInstance;
    use ecs_model::network::{IngressRule, IpProtocol, SecurityGroup, Source};

    use super::{Applied, Clients, Error, aws, id};
    use crate::ec2::{IpPermission, RunInstance};

    /// An id, or the id of the group a reference names.
    fn group_id(applied: &Applied, group: &str) -> Result<String, Error> {
        Reference::parse(group).map_or_else(|| Ok(group.to_owned()), |r| id(applied, &r))
    }

    pub(super) async fn create_security_group(
        clients: &Clients,
        group: &SecurityGroup,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let created = clients
            .ec2
            .create_security_group(
                &group.name,
                &group.description,
                group.vpc_id.as_deref(),
                &applied.mark_pair(),
            )
            .await
            .map_err(aws(
                "CreateSecurityGroup",
                format!("security group {}", group.name),
            ))?;
        applied
            .ids
            .insert(Reference::security_group(&group.name), created);
        Ok(())
    }

    fn permission(rule: &IngressRule, applied: &Applied) -> Result<IpPermission, Error> {
        let mut permission = IpPermission {
            ip_protocol: rule.protocol.as_str().to_owned(),
            ..IpPermission::default()
        };
        if rule.protocol != IpProtocol::All {
            permission.from_port = Some(rule.from_port);
            permission.to_port = Some(rule.to_port);
        }
        let description = rule.description.clone();
        match &rule.source {
            Source::Cidr(cidr) => permission.ip_ranges.push((cidr.clone(), description)),
            Source::Ipv6Cidr(cidr) => permission.ipv6_ranges.push((cidr.clone(), description)),
            Source::Group(source) => {
                (permission.groups).push((group_id(applied, source)?, description));
            }
            other => {
                return Err(Error::Unsupported(format!(
                    "source {other:?} is not supported"
                )));
            }
        }
        Ok(permission)
    }

    pub(super) async fn authorize_ingress(
        clients: &Clients,
        group: &str,
        rules: &[IngressRule],
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let group_id = id(applied, &Reference::security_group(group))?;
        let permissions = rules
            .iter()
            .map(|rule| permission(rule, applied))
            .collect::<Result<Vec<_>, _>>()?;
        let result = clients
            .ec2
            .authorize_security_group_ingress(&group_id, &permissions)
            .await
            .map_err(aws(
                "AuthorizeSecurityGroupIngress",
                format!("security group {group}"),
            ));
        match result {
            // The rules are there already: the goal is met.
            Err(Error::Aws(e)) if e.code.as_deref() == Some("InvalidPermission.Duplicate") => {
                Ok(())
            }
            other => other,
        }
    }

    pub(super) async fn run_instance(
        clients: &Clients,
        instance: &ContainerInstance,
        applied: &mut Applied,
    ) -> Result<(), Error> {
        let security_group_ids = instance
            .security_groups
            .iter()
            .map(|g| group_id(applied, g))
            .collect::<Result<Vec<_>, _>>()?;
        let run = RunInstance {
            image_id: instance.ami.image_id(),
            instance_type: instance.instance_type.clone(),
            instance_profile: instance.instance_profile.clone(),
            user_data: instance.agent.user_data(),
            subnet_id: instance.subnet_id.clone(),
            security_group_ids,
            key_name: instance.key_name.clone(),
            name: instance.name.clone(),
            tags: applied.mark_pair(),
        };
        clients
            .ec2
            .run_instance(&run)
            .await
            .map_err(aws("RunInstances", format!("instance {}", instance.name)))?;
        Ok(())
    }
}
