//! Reading what exists of an application: read-only calls, one resource at a time.

use ecs_model::Application;
use ecs_model::iam::PolicyDocument;

use crate::clients::Clients;
use crate::convert;
use crate::error::{AwsError, Error, aws};
use crate::plan::OWNERSHIP_MARK;
use crate::resource::{Resource, load_balancer_name};
use crate::state::{Found, Observed, ObservedRole, ObservedService, Owner};

/// Whether an AWS error says the thing asked for does not exist.
fn absent(error: &AwsError) -> bool {
    let code = error.code.as_deref().unwrap_or_default();
    code == "NoSuchEntity"
        || code.ends_with("NotFound")
        || code.ends_with("NotFoundException")
        || code == "ClusterNotFoundException"
        || code == "InvalidGroup.NotFound"
}

/// `Ok(None)` for an error that says the resource does not exist.
fn optional<T>(result: Result<T, Error>) -> Result<Option<T>, Error> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(Error::Aws(error)) if absent(&error) => Ok(None),
        Err(error) => Err(error),
    }
}

/// IAM returns policy documents URL-encoded.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A policy document as IAM returns it; `None` when it is not one the model reads.
pub(crate) fn policy(text: &str) -> Option<PolicyDocument> {
    PolicyDocument::from_json(text)
        .or_else(|_| PolicyDocument::from_json(&percent_decode(text)))
        .ok()
}

/// Everything of `app` that exists.
///
/// # Errors
/// The first AWS call that fails for another reason than "not found".
pub async fn observe(clients: &Clients, app: &Application) -> Result<Observed, Error> {
    // Each kind of resource at once, each into its own part (the clients bound the calls in
    // flight); then what needs the cluster, then what needs the services.
    macro_rules! part {
        ($read:path) => {
            Box::pin(async {
                let mut part = Observed::default();
                $read(clients, app, &mut part).await?;
                Ok::<_, Error>(part)
            }) as Part<'_>
        };
    }
    let parts = futures_util::future::try_join_all([
        part!(log_groups),
        part!(roles),
        part!(instance_profiles),
        part!(ec2::security_groups),
        part!(load_balancing),
        part!(cluster),
        part!(task_definitions),
        part!(schedules),
        part!(file_systems),
        part!(repositories),
        part!(ec2::instances),
    ])
    .await?;
    let mut observed = Observed::default();
    for part in parts {
        observed.absorb(part);
    }
    services(clients, app, &mut observed).await?;
    scaling(clients, app, &mut observed).await?;
    owners(clients, &mut observed).await?;
    Ok(observed)
}

/// What one reader found, boxed so that the readers of every kind run as one list.
type Part<'a> = std::pin::Pin<Box<dyn Future<Output = Result<Observed, Error>> + Send + 'a>>;

/// `read` of each of `items` at once, each into its own part, merged in `items`' order.
async fn each<'a, T: 'a, F, Fut>(
    items: impl IntoIterator<Item = &'a T>,
    read: F,
) -> Result<Observed, Error>
where
    F: Fn(&'a T) -> Fut,
    Fut: Future<Output = Result<Observed, Error>>,
{
    let parts = futures_util::future::try_join_all(items.into_iter().map(read)).await?;
    let mut observed = Observed::default();
    for part in parts {
        observed.absorb(part);
    }
    Ok(observed)
}

/// What is marked as `app`'s but not in its definition any more: services of its cluster (and
/// so their scaling), schedules of its schedule groups (the application's own, named after it,
/// and those its schedules name). Read for a deployment that prunes.
///
/// # Errors
/// The first AWS call that fails for another reason than "not found".
pub async fn orphans(
    clients: &Clients,
    app: &Application,
    observed: &mut Observed,
) -> Result<(), Error> {
    let mut groups: Vec<String> = app.schedules().map(|s| s.group().to_owned()).collect();
    groups.push(app.name.clone());
    groups.sort();
    groups.dedup();
    for group in groups {
        let marked =
            if let Some(owner) = observed.owners.get(&Resource::ScheduleGroup(group.clone())) {
                owner.application.as_deref() == Some(app.name.as_str())
            } else {
                let found = clients
                    .schedules
                    .schedule_group(&group)
                    .await
                    .map_err(aws("GetScheduleGroup", format!("schedule group {group}")))?;
                found.is_some_and(|(_, tags)| {
                    mark(tags.iter().map(|(k, v)| (k.as_str(), v.as_str()))).as_deref()
                        == Some(app.name.as_str())
                })
            };
        if !marked {
            continue;
        }
        let names = clients
            .schedules
            .schedule_names(&group)
            .await
            .map_err(aws("ListSchedules", format!("schedule group {group}")))?;
        for name in names {
            if !app
                .schedules()
                .any(|s| s.group() == group && s.name == name)
            {
                observed.orphans.push(Resource::Schedule {
                    group: group.clone(),
                    name,
                });
            }
        }
    }
    if observed.cluster.is_none() {
        return Ok(());
    }
    let cluster = app.cluster.name();
    let mut arns = Vec::new();
    let mut pages = clients
        .ecs
        .list_services()
        .cluster(cluster)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(aws("ListServices", format!("cluster {cluster}")))?;
        arns.extend(page.service_arns().iter().cloned());
    }
    let ours = |arn: &String| {
        let name = crate::resource::short_name(arn);
        app.services().any(|(_, s)| s.service_name == name)
    };
    arns.retain(|arn| !ours(arn));
    for chunk in arns.chunks(SERVICES_PER_DESCRIBE) {
        let got = clients
            .ecs
            .describe_services()
            .cluster(cluster)
            .set_services(Some(chunk.to_vec()))
            .include(aws_sdk_ecs::types::ServiceField::Tags)
            .send()
            .await
            .map_err(aws(
                "DescribeServices",
                format!("services of cluster {cluster}"),
            ))?;
        for found in got.services() {
            let marked = mark(
                found
                    .tags()
                    .iter()
                    .filter_map(|t| Some((t.key()?, t.value()?))),
            );
            if found.status() == Some("ACTIVE") && marked.as_deref() == Some(app.name.as_str()) {
                let name = found.service_name().unwrap_or_default().to_owned();
                // Its scaling, deregistered with it when there is one.
                let id = ecs_model::scaling::service_resource_id(cluster, &name);
                let scaling = clients
                    .autoscaling
                    .describe(&id)
                    .await
                    .map_err(aws("DescribeScalableTargets", format!("scaling of {id}")))?;
                if scaling.target.is_some() {
                    observed.scaling.insert(id, scaling);
                }
                observed.orphans.push(Resource::Service {
                    cluster: cluster.to_owned(),
                    name,
                });
            }
        }
    }
    Ok(())
}

/// The mark of a tag list, if it has one.
fn mark<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<String> {
    tags.into_iter()
        .find(|(key, _)| *key == OWNERSHIP_MARK)
        .map(|(_, value)| value.to_owned())
}

/// Who owns the load-balancing and ECS resources found (roles, instance profiles and security
/// groups are recorded as they are read): ELBv2's tags are read with `DescribeTags`, 20 ARNs at
/// a time; ECS's came with the descriptions.
async fn owners(clients: &Clients, observed: &mut Observed) -> Result<(), Error> {
    let mut elb: Vec<(Resource, String)> = Vec::new();
    for (name, found) in &observed.load_balancers {
        elb.push((Resource::LoadBalancer(name.clone()), found.id.clone()));
    }
    for (name, found) in &observed.target_groups {
        elb.push((Resource::TargetGroup(name.clone()), found.id.clone()));
    }
    for ((lb, port), found) in &observed.listeners {
        let resource = Resource::Listener {
            load_balancer: lb.clone(),
            port: *port,
        };
        elb.push((resource, found.id.clone()));
    }
    for ((listener, priority), found) in &observed.rules {
        let resource = Resource::ListenerRule {
            listener: listener.clone(),
            priority: *priority,
        };
        elb.push((resource, found.id.clone()));
    }
    for chunk in elb.chunks(20) {
        let arns: Vec<String> = chunk.iter().map(|(_, arn)| arn.clone()).collect();
        let got = clients
            .elbv2
            .describe_tags()
            .set_resource_arns(Some(arns))
            .send()
            .await
            .map_err(aws("DescribeTags", "the load balancing resources"))?;
        for (resource, arn) in chunk {
            let tags = got
                .tag_descriptions()
                .iter()
                .find(|d| d.resource_arn() == Some(arn.as_str()))
                .map(aws_sdk_elasticloadbalancingv2::types::TagDescription::tags)
                .unwrap_or_default();
            let application = mark(
                tags.iter()
                    .map(|t| (t.key().unwrap_or_default(), t.value().unwrap_or_default())),
            );
            observed
                .owners
                .insert(resource.clone(), Owner::new(arn.clone(), application));
        }
    }
    let model_mark = |tags: &[ecs_model::Tag]| {
        mark(
            tags.iter()
                .map(|t| (t.key.as_str(), t.value.as_deref().unwrap_or_default())),
        )
    };
    if let Some(found) = &observed.cluster {
        let owner = Owner::new(found.id.clone(), model_mark(&found.value.tags));
        observed
            .owners
            .insert(Resource::Cluster(found.value.name().to_owned()), owner);
    }
    for (name, found) in &observed.capacity_providers {
        let owner = Owner::new(found.id.clone(), model_mark(&found.value.tags));
        observed
            .owners
            .insert(Resource::CapacityProvider(name.clone()), owner);
    }
    for found in observed.services.values() {
        let cluster = found.service.cluster.as_deref().unwrap_or_default();
        let resource = Resource::Service {
            cluster: crate::resource::short_name(cluster).to_owned(),
            name: found.service.service_name.to_string(),
        };
        let owner = Owner::new(found.arn.clone(), model_mark(&found.service.tags));
        observed.owners.insert(resource, owner);
    }
    Ok(())
}

async fn log_groups(
    clients: &Clients,
    app: &Application,
    observed: &mut Observed,
) -> Result<(), Error> {
    let groups: Vec<&str> = app.log_groups().into_iter().map(|(g, _)| g).collect();
    let found = each(&groups, |group| async move {
        let group: &str = group;
        let mut part = Observed::default();
        let mut pages = clients
            .logs
            .describe_log_groups()
            .log_group_name_prefix(group)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(aws("DescribeLogGroups", format!("log group {group}")))?;
            if page
                .log_groups()
                .iter()
                .any(|g| g.log_group_name() == Some(group))
            {
                part.log_groups.insert(group.to_owned());
                break;
            }
        }
        Ok(part)
    });
    observed.absorb(found.await?);
    Ok(())
}

async fn roles(clients: &Clients, app: &Application, observed: &mut Observed) -> Result<(), Error> {
    let found = each(&app.roles, |role| async move {
        let mut part = Observed::default();
        self::role(clients, role, &mut part).await?;
        Ok(part)
    });
    observed.absorb(found.await?);
    Ok(())
}

async fn role(
    clients: &Clients,
    role: &ecs_model::iam::Role,
    observed: &mut Observed,
) -> Result<(), Error> {
    {
        let name = &role.name;
        let resource = format!("role {name}");
        let got = optional(
            clients
                .iam
                .get_role()
                .role_name(name)
                .send()
                .await
                .map_err(aws("GetRole", &resource)),
        )?;
        let Some(got) = got else { return Ok(()) };
        let Some(found) = got.role() else {
            return Ok(());
        };
        let mut seen = ObservedRole {
            arn: found.arn().to_owned(),
            trust_policy: found.assume_role_policy_document().and_then(policy),
            ..ObservedRole::default()
        };
        let application = mark(found.tags().iter().map(|t| (t.key(), t.value())));
        observed
            .owners
            .insert(Resource::Role(name.clone()), Owner::new(name, application));
        let names = clients
            .iam
            .list_role_policies()
            .role_name(name)
            .send()
            .await
            .map_err(aws("ListRolePolicies", &resource))?;
        for policy_name in names.policy_names() {
            let got = clients
                .iam
                .get_role_policy()
                .role_name(name)
                .policy_name(policy_name)
                .send()
                .await
                .map_err(aws("GetRolePolicy", &resource))?;
            if let Some(document) = policy(got.policy_document()) {
                seen.inline_policies.insert(policy_name.clone(), document);
            }
        }
        let attached = clients
            .iam
            .list_attached_role_policies()
            .role_name(name)
            .send()
            .await
            .map_err(aws("ListAttachedRolePolicies", &resource))?;
        seen.managed_policy_arns = attached
            .attached_policies()
            .iter()
            .filter_map(|p| p.policy_arn().map(str::to_owned))
            .collect();
        observed.roles.insert(name.clone(), seen);
    }
    Ok(())
}

async fn instance_profiles(
    clients: &Clients,
    app: &Application,
    observed: &mut Observed,
) -> Result<(), Error> {
    for profile in &app.instance_profiles {
        let got = clients
            .iam
            .get_instance_profile()
            .instance_profile_name(&profile.name)
            .send()
            .await
            .map_err(aws(
                "GetInstanceProfile",
                format!("instance profile {}", profile.name),
            ));
        if let Some(found) = optional(got)?.and_then(|got| got.instance_profile) {
            let application = mark(found.tags().iter().map(|t| (t.key(), t.value())));
            observed.owners.insert(
                Resource::InstanceProfile(profile.name.clone()),
                Owner::new(&profile.name, application),
            );
            let roles = found
                .roles()
                .iter()
                .map(|r| r.role_name().to_owned())
                .collect();
            observed
                .instance_profiles
                .insert(profile.name.clone(), Found::new(found.arn(), roles));
        }
    }
    Ok(())
}

async fn load_balancing(
    clients: &Clients,
    app: &Application,
    observed: &mut Observed,
) -> Result<(), Error> {
    let elbv2 = &clients.elbv2;
    for lb in &app.load_balancers {
        let got = elbv2
            .describe_load_balancers()
            .names(&lb.name)
            .send()
            .await
            .map_err(aws(
                "DescribeLoadBalancers",
                format!("load balancer {}", lb.name),
            ));
        let Some(got) = optional(got)? else { continue };
        if let Some(found) = got.load_balancers().first() {
            let arn = found.load_balancer_arn().unwrap_or_default().to_owned();
            observed.load_balancers.insert(
                lb.name.to_string(),
                Found::new(&arn, convert::load_balancer_from_sdk(found)?),
            );
        }
    }
    for tg in &app.target_groups {
        let resource = format!("target group {}", tg.name);
        let got = elbv2
            .describe_target_groups()
            .names(&tg.name)
            .send()
            .await
            .map_err(aws("DescribeTargetGroups", &resource));
        let Some(got) = optional(got)? else { continue };
        if let Some(found) = got.target_groups().first() {
            let arn = found.target_group_arn().unwrap_or_default().to_owned();
            let attributes = elbv2
                .describe_target_group_attributes()
                .target_group_arn(&arn)
                .send()
                .await
                .map_err(aws("DescribeTargetGroupAttributes", &resource))?;
            let value = convert::target_group_from_sdk(found, attributes.attributes())?;
            observed
                .target_groups
                .insert(tg.name.to_string(), Found::new(arn, value));
        }
    }
    for (lb_name, lb) in observed.load_balancers.clone() {
        let listeners = elbv2
            .describe_listeners()
            .load_balancer_arn(&lb.id)
            .send()
            .await
            .map_err(aws("DescribeListeners", format!("load balancer {lb_name}")))?;
        for found in listeners.listeners() {
            let (Some(arn), Some(port)) = (found.listener_arn(), found.port()) else {
                continue;
            };
            let mut listener = convert::listener_from_sdk(found)?;
            listener.load_balancer_arn = lb.id.as_str().into();
            observed
                .listeners
                .insert((lb_name.clone(), port), Found::new(arn, listener));
        }
    }
    for ((lb_name, port), listener) in observed.listeners.clone() {
        let has_rules = app.listener_rules.iter().any(|r| {
            load_balancer_name(&r.listener_arn) == format!("{lb_name}:{port}")
                || r.listener_arn == listener.id
        });
        if !has_rules {
            continue;
        }
        let rules = elbv2
            .describe_rules()
            .listener_arn(&listener.id)
            .send()
            .await
            .map_err(aws("DescribeRules", format!("listener {lb_name}:{port}")))?;
        for found in rules.rules() {
            if let Some(rule) = convert::rule_from_sdk(found, &listener.id)? {
                let arn = found.rule_arn().unwrap_or_default();
                observed
                    .rules
                    .insert((listener.id.clone(), rule.priority), Found::new(arn, rule));
            }
        }
    }
    Ok(())
}

async fn cluster(
    clients: &Clients,
    app: &Application,
    observed: &mut Observed,
) -> Result<(), Error> {
    use aws_sdk_ecs::types::{CapacityProviderField, ClusterField};
    let name = app.cluster.name();
    let got = clients
        .ecs
        .describe_clusters()
        .clusters(name)
        .include(ClusterField::Settings)
        .include(ClusterField::Configurations)
        .include(ClusterField::Tags)
        .send()
        .await
        .map_err(aws("DescribeClusters", format!("cluster {name}")))?;
    if let Some(found) = got.clusters().iter().find(|c| c.status() == Some("ACTIVE")) {
        observed.cluster = Some(Found::new(
            found.cluster_arn().unwrap_or_default(),
            convert::cluster_from_sdk(found)?,
        ));
    }
    if !app.capacity_providers.is_empty() {
        let names: Vec<String> = app
            .capacity_providers
            .iter()
            .map(|p| p.name.to_string())
            .collect();
        let got = clients
            .ecs
            .describe_capacity_providers()
            .set_capacity_providers(Some(names))
            .include(CapacityProviderField::Tags)
            .send()
            .await
            .map_err(aws(
                "DescribeCapacityProviders",
                format!("capacity providers of {name}"),
            ))?;
        for found in got.capacity_providers() {
            if found.status().is_some_and(|s| s.as_str() == "ACTIVE") {
                let provider = convert::capacity_provider_from_sdk(found)?;
                observed.capacity_providers.insert(
                    provider.name.to_string(),
                    Found::new(found.capacity_provider_arn().unwrap_or_default(), provider),
                );
            }
        }
    }
    Ok(())
}

/// The file systems (by creation token), their mount targets and access points.
async fn file_systems(
    clients: &Clients,
    app: &Application,
    observed: &mut Observed,
) -> Result<(), Error> {
    let found = each(&app.file_systems, |fs| async move {
        let what = format!("file system {}", fs.name());
        let mut part = Observed::default();
        let Some(found) = clients
            .efs
            .file_system(fs.name())
            .await
            .map_err(aws("DescribeFileSystems", &what))?
        else {
            return Ok(part);
        };
        let id = found["FileSystemId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let tags = found["Tags"].as_array().cloned().unwrap_or_default();
        let application = mark(
            tags.iter()
                .filter_map(|t| Some((t["Key"].as_str()?, t["Value"].as_str()?))),
        );
        part.owners.insert(
            Resource::FileSystem(fs.name().to_owned()),
            Owner::new(id.clone(), application),
        );
        for target in clients
            .efs
            .mount_targets(&id)
            .await
            .map_err(aws("DescribeMountTargets", &what))?
        {
            let subnet = target["SubnetId"].as_str().unwrap_or_default().to_owned();
            let target_id = target["MountTargetId"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            part.mount_targets
                .insert((fs.name().to_owned(), subnet), target_id);
        }
        for point in clients
            .efs
            .access_points(&id)
            .await
            .map_err(aws("DescribeAccessPoints", &what))?
        {
            if let (Some(token), Some(point_id)) = (
                point["ClientToken"].as_str(),
                point["AccessPointId"].as_str(),
            ) {
                part.access_points
                    .insert(token.to_owned(), point_id.to_owned());
            }
        }
        part.file_systems.insert(fs.name().to_owned(), id);
        Ok(part)
    });
    observed.absorb(found.await?);
    Ok(())
}

/// Each repository that exists, with its lifecycle policy and mark.
async fn repositories(
    clients: &Clients,
    app: &Application,
    observed: &mut Observed,
) -> Result<(), Error> {
    let found = each(&app.repositories, |repository| async move {
        let name = repository.name();
        let what = format!("repository {name}");
        let mut part = Observed::default();
        let Some(described) = clients
            .ecr
            .repository(name)
            .await
            .map_err(aws("DescribeRepositories", &what))?
        else {
            return Ok(part);
        };
        let arn = described["repositoryArn"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let (policy, tags) =
            futures_util::future::join(clients.ecr.lifecycle_policy(name), clients.ecr.tags(&arn))
                .await;
        let policy = policy.map_err(aws("GetLifecyclePolicy", &what))?;
        let tags = tags.map_err(aws("ListTagsForResource", &what))?;
        let application = mark(tags.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        part.owners.insert(
            Resource::Repository(name.to_owned()),
            Owner::new(arn, application),
        );
        part.repositories.insert(
            name.to_owned(),
            crate::state::ObservedRepository {
                described,
                lifecycle_policy: policy.and_then(|text| serde_json::from_str(&text).ok()),
            },
        );
        Ok(part)
    });
    observed.absorb(found.await?);
    Ok(())
}

/// The scaling of each scaled service that exists.
async fn scaling(
    clients: &Clients,
    app: &Application,
    observed: &mut Observed,
) -> Result<(), Error> {
    let scaled = app.workloads.iter().filter_map(|w| {
        let service = w.service.as_ref()?;
        observed
            .services
            .contains_key(service.service_name.as_str())
            .then_some(w.scaling.as_ref()?)
    });
    let found = each(scaled, |scaling| async move {
        let id = &scaling.target.resource_id;
        let described = clients
            .autoscaling
            .describe(id)
            .await
            .map_err(aws("DescribeScalableTargets", format!("scaling of {id}")))?;
        let mut part = Observed::default();
        part.scaling.insert(id.to_string(), described);
        Ok(part)
    });
    let found = found.await?;
    observed.absorb(found);
    Ok(())
}

/// The schedules and their groups, with each group's mark.
async fn schedules(
    clients: &Clients,
    app: &Application,
    observed: &mut Observed,
) -> Result<(), Error> {
    for schedule in app.schedules() {
        let group = schedule.group();
        if !observed.schedule_groups.contains_key(group) {
            let found = clients
                .schedules
                .schedule_group(group)
                .await
                .map_err(aws("GetScheduleGroup", format!("schedule group {group}")))?;
            let Some((arn, tags)) = found else {
                continue;
            };
            let application = mark(tags.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            observed.owners.insert(
                Resource::ScheduleGroup(group.to_owned()),
                Owner::new(arn.clone(), application),
            );
            observed.schedule_groups.insert(group.to_owned(), arn);
        }
        let found = clients
            .schedules
            .get_schedule(group, &schedule.name)
            .await
            .map_err(aws(
                "GetSchedule",
                format!("schedule {group}/{}", schedule.name),
            ))?;
        if let Some(found) = found {
            observed
                .schedules
                .insert(format!("{group}/{}", schedule.name), found);
        }
    }
    Ok(())
}

/// Each family's latest `ACTIVE` revision.
async fn task_definitions(
    clients: &Clients,
    app: &Application,
    observed: &mut Observed,
) -> Result<(), Error> {
    let found = each(app.task_definitions(), |td| async move {
        let mut part = Observed::default();
        task_definition(clients, &td.family, &mut part).await?;
        Ok(part)
    });
    observed.absorb(found.await?);
    Ok(())
}

/// `family`'s latest `ACTIVE` revision.
async fn task_definition(
    clients: &Clients,
    family: &str,
    observed: &mut Observed,
) -> Result<(), Error> {
    use aws_sdk_ecs::types::TaskDefinitionField;
    {
        let got = clients
            .ecs
            .describe_task_definition()
            .task_definition(family)
            .include(TaskDefinitionField::Tags)
            .send()
            .await
            .map_err(aws(
                "DescribeTaskDefinition",
                format!("task definition {family}"),
            ));
        let got = match got {
            Ok(got) => got,
            // ECS answers a family with no ACTIVE revision with a ClientException.
            Err(Error::Aws(e)) if e.code.as_deref() == Some("ClientException") => return Ok(()),
            Err(e) => return Err(e),
        };
        if let Some(found) = got.task_definition() {
            let td = convert::task_definition_from_sdk(found, got.tags())?;
            observed.task_definitions.insert(family.to_owned(), td);
        }
    }
    Ok(())
}

/// `DescribeServices` takes at most this many services a call.
const SERVICES_PER_DESCRIBE: usize = 10;

/// The services that exist, described ten a call.
async fn services(
    clients: &Clients,
    app: &Application,
    observed: &mut Observed,
) -> Result<(), Error> {
    if observed.cluster.is_none() {
        return Ok(());
    }
    let mut by_cluster = std::collections::BTreeMap::<&str, Vec<&str>>::new();
    for (_, service) in app.services() {
        let cluster = service.cluster_name(app.cluster.name());
        by_cluster
            .entry(cluster)
            .or_default()
            .push(&service.service_name);
    }
    for (cluster, names) in by_cluster {
        for chunk in names.chunks(SERVICES_PER_DESCRIBE) {
            let got = clients
                .ecs
                .describe_services()
                .cluster(cluster)
                .set_services(Some(chunk.iter().map(|&n| n.to_owned()).collect()))
                .include(aws_sdk_ecs::types::ServiceField::Tags)
                .send()
                .await
                .map_err(aws(
                    "DescribeServices",
                    format!("services {}", chunk.join(", ")),
                ));
            let Some(got) = optional(got)? else {
                return Ok(());
            };
            let active = got
                .services()
                .iter()
                .filter(|found| found.status() != Some("INACTIVE"));
            // Each service's newest revision at once.
            let found = each(active, |found| async move {
                let mut model = convert::service_from_sdk(found)?;
                if let Some(revision) = newest_revision(clients, found).await? {
                    convert::apply_service_revision(&mut model, &revision)?;
                }
                let mut part = Observed::default();
                part.services.insert(
                    model.service_name.to_string(),
                    ObservedService {
                        arn: found.service_arn().unwrap_or_default().to_owned(),
                        status: found.status().unwrap_or_default().to_owned(),
                        service: model,
                        running_count: found.running_count(),
                    },
                );
                Ok(part)
            });
            observed.absorb(found.await?);
        }
    }
    Ok(())
}

/// The newest of the service's current revisions: `DescribeServices` does not say what
/// `monitoring` and the gateway connectors are, its revisions do. `None` when ECS names no
/// revision (moto does not).
async fn newest_revision(
    clients: &Clients,
    service: &aws_sdk_ecs::types::Service,
) -> Result<Option<aws_sdk_ecs::types::ServiceRevision>, Error> {
    let arns: Vec<String> = service
        .current_service_revisions()
        .iter()
        .filter_map(|r| r.arn.clone())
        .collect();
    if arns.is_empty() {
        return Ok(None);
    }
    let got = clients
        .ecs
        .describe_service_revisions()
        .set_service_revision_arns(Some(arns))
        .send()
        .await
        .map_err(aws(
            "DescribeServiceRevisions",
            format!("service {}", service.service_name().unwrap_or_default()),
        ))?;
    Ok(got
        .service_revisions()
        .iter()
        .max_by_key(|r| r.created_at().map(aws_smithy_types::DateTime::as_nanos))
        .cloned())
}

mod ec2 {
    use ecs_model::network::{IngressRule, IpProtocol, SecurityGroup, Source};

    use super::{Application, Clients, Error, Found, Observed, Owner, Resource, aws};
    use crate::ec2::{self, Filter};

    /// The inbound rules of a described group, one per source.
    pub(super) fn ingress(group: &ec2::SecurityGroup) -> Vec<IngressRule> {
        let mut rules = Vec::new();
        for permission in &group.ip_permissions {
            let protocol = match permission.ip_protocol.as_str() {
                "tcp" | "6" => IpProtocol::Tcp,
                "udp" | "17" => IpProtocol::Udp,
                "icmp" | "1" => IpProtocol::Icmp,
                _ => IpProtocol::All,
            };
            let (from, to) = (
                permission.from_port.unwrap_or(-1),
                permission.to_port.unwrap_or(-1),
            );
            let sources = (permission.ip_ranges.iter())
                .map(|(cidr, _)| Source::Cidr(cidr.clone()))
                .chain(
                    (permission.ipv6_ranges.iter()).map(|(cidr, _)| Source::Ipv6Cidr(cidr.clone())),
                )
                .chain((permission.groups.iter()).map(|(group, _)| Source::Group(group.clone())));
            for source in sources {
                let mut rule = IngressRule::tcp_range(from, to, source);
                rule.protocol = protocol;
                rules.push(rule);
            }
        }
        rules
    }

    pub(super) async fn security_groups(
        clients: &Clients,
        app: &Application,
        observed: &mut Observed,
    ) -> Result<(), Error> {
        for group in &app.security_groups {
            let mut filters = vec![Filter::new("group-name", [&group.name])];
            if let Some(vpc) = &group.vpc_id {
                filters.push(Filter::new("vpc-id", [vpc]));
            }
            let got = (clients.ec2.describe_security_groups(&filters).await).map_err(aws(
                "DescribeSecurityGroups",
                format!("security group {}", group.name),
            ))?;
            if let Some(found) = got.first() {
                // What exists is recorded as it is, valid or not.
                let seen = SecurityGroup::builder(&group.name, &found.description, &found.vpc_id)
                    .with(|seen| seen.ingress = ingress(found))
                    .build_unchecked();
                observed
                    .security_groups
                    .insert(group.name.clone(), Found::new(&found.group_id, seen));
                let application =
                    super::mark(found.tags.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                observed.owners.insert(
                    Resource::SecurityGroup(group.name.clone()),
                    Owner::new(&found.group_id, application),
                );
            }
        }
        Ok(())
    }

    pub(super) async fn instances(
        clients: &Clients,
        app: &Application,
        observed: &mut Observed,
    ) -> Result<(), Error> {
        for instance in &app.instances {
            let filters = [
                Filter::new("tag:Name", [&instance.name]),
                Filter::new("instance-state-name", ["pending", "running"]),
            ];
            let got = (clients.ec2.describe_instances(&filters).await).map_err(aws(
                "DescribeInstances",
                format!("instance {}", instance.name),
            ))?;
            if let Some(found) = got.into_iter().find(|i| !i.instance_id.is_empty()) {
                observed
                    .instances
                    .insert(instance.name.clone(), found.instance_id);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iam_documents_are_url_decoded() {
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ecs-tasks.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";
        let document = policy(encoded).expect("a trust policy");
        assert_eq!(document.statements[0].action.as_slice(), ["sts:AssumeRole"]);
        assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
    }
}
