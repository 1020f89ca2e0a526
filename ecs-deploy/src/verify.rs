//! `verify`, in the spirit of ecspresso's: before deploying, check that what the definitions
//! name exists and fits: the cluster, the roles and their trust, the log groups, the target
//! groups' type and port against the containers, the subnets' zones.

use std::fmt;

use ecs_model::alb::TargetType;
use ecs_model::container::awslogs;
use ecs_model::iam::{ECS_TASKS, PolicyDocument, Request};
use ecs_model::{Account, Application, Compatibility, NetworkMode, Reference};

use crate::clients::Clients;
use crate::error::{AwsError, Error};
use crate::observe::observe;
use crate::resource::short_name;
use crate::state::Observed;

/// One check and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Check {
    /// What was checked (`role pet-web-execution-role`).
    pub subject: String,
    /// Whether it holds.
    pub passed: bool,
    /// What was found.
    pub detail: String,
}

/// Every check of an application.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[non_exhaustive]
pub struct Verification {
    /// The checks, in order.
    pub checks: Vec<Check>,
}

impl Verification {
    /// Whether every check holds.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }

    fn check(&mut self, subject: impl Into<String>, passed: bool, detail: impl Into<String>) {
        self.checks.push(Check {
            subject: subject.into(),
            passed,
            detail: detail.into(),
        });
    }
}

impl fmt::Display for Verification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for check in &self.checks {
            writeln!(
                f,
                "{} {}: {}",
                if check.passed { "ok  " } else { "FAIL" },
                check.subject,
                check.detail
            )?;
        }
        let failed = self.checks.iter().filter(|c| !c.passed).count();
        write!(f, "{} check(s), {failed} failed", self.checks.len())
    }
}

/// Whether the role `subject` (whose trust policy is `document`) lets ECS tasks assume it.
fn check_trust(report: &mut Verification, subject: String, document: Option<&PolicyDocument>) {
    let ok = trusts(document, ECS_TASKS);
    let detail = if ok {
        "exists and trusts ecs-tasks.amazonaws.com"
    } else {
        "exists but does not trust ecs-tasks.amazonaws.com (ECS-L1)"
    };
    report.check(subject, ok, detail);
}

fn trusts(document: Option<&PolicyDocument>, service: &str) -> bool {
    document.is_some_and(|d| {
        d.statements
            .iter()
            .any(|s| s.allows_service(service, "sts:AssumeRole"))
    })
}

/// Checks what `app` names against AWS.
///
/// # Errors
/// An AWS error other than "not found".
pub async fn verify(clients: &Clients, app: &Application) -> Result<Verification, Error> {
    let observed = observe(clients, app).await?;
    let mut report = Verification::default();
    cluster(clients, app, &mut report).await?;
    roles(clients, app, &observed, &mut report).await?;
    log_groups(app, &observed, &mut report);
    target_groups(clients, app, &observed, &mut report).await?;
    subnets(clients, app, &mut report).await?;
    images(clients, app, &mut report).await?;
    Ok(report)
}

/// Each ECR image a container names, in the clients' region: that it exists, and that it is
/// built for the task's platform where its manifest (a list or an index) says.
async fn images(
    clients: &Clients,
    app: &Application,
    report: &mut Verification,
) -> Result<(), Error> {
    use crate::ecr::{Image, Lookup, platforms};
    use aws_smithy_types::error::metadata::ProvideErrorMetadata;
    use ecs_model::task_definition::{CpuArchitecture, OsFamily};
    for td in app.task_definitions() {
        let platform = td.runtime_platform.as_ref();
        let arch = match platform.and_then(|p| p.cpu_architecture.as_ref()) {
            Some(CpuArchitecture::Arm64) => "arm64",
            _ => "amd64",
        };
        let os = match platform.and_then(|p| p.operating_system_family.as_ref()) {
            Some(OsFamily::Linux) | None => "linux",
            Some(_) => "windows",
        };
        let wanted = format!("{os}/{arch}");
        for container in &td.container_definitions {
            let Some(image) = Image::parse(&container.image) else {
                continue;
            };
            if image.region != app.account.region {
                continue;
            }
            let subject = format!("image {image} of {}/{}", td.family, container.name);
            let found = clients.ecr.manifest(&image).await;
            let (passed, detail) = match found {
                Ok(Lookup::Found { manifest, .. }) => match platforms(&manifest) {
                    Some(offered) if offered.contains(&wanted) => {
                        (true, format!("pushed, built for {}", offered.join(", ")))
                    }
                    Some(offered) => (
                        false,
                        format!(
                            "built for {} but the task runs on {wanted}: set runtimePlatform or build for it",
                            offered.join(", ")
                        ),
                    ),
                    None => (true, "pushed (its manifest names no platform)".to_owned()),
                },
                Ok(Lookup::Failed { code, .. }) if code == "ImageNotFound" => (
                    false,
                    "not in the repository: push it before deploying".to_owned(),
                ),
                Ok(Lookup::Failed { code, reason }) => {
                    (false, format!("ECR says {code}: {reason}"))
                }
                Err(e) if e.code() == Some("RepositoryNotFoundException") => {
                    let ours = app
                        .repositories
                        .iter()
                        .any(|r| r.name() == image.repository);
                    (
                        false,
                        if ours {
                            "its repository does not exist yet: deploy creates it, then push"
                                .to_owned()
                        } else {
                            "its repository does not exist".to_owned()
                        },
                    )
                }
                // Another account's registry that does not let us read, say: a failed check,
                // and the others still made.
                Err(e) => (
                    false,
                    crate::error::aws("BatchGetImage", &subject)(e).to_string(),
                ),
            };
            report.check(subject, passed, detail);
        }
    }
    Ok(())
}

/// The cluster as `DescribeClusters` has it: its status and how many container instances are
/// registered.
async fn cluster(
    clients: &Clients,
    app: &Application,
    report: &mut Verification,
) -> Result<(), Error> {
    let name = app.cluster.name();
    let got = clients
        .ecs
        .describe_clusters()
        .clusters(name)
        .send()
        .await
        .map_err(|e| AwsError::new("DescribeClusters", format!("cluster {name}"), e))?;
    let found = got
        .clusters()
        .iter()
        .find(|c| c.cluster_name() == Some(name))
        .map(|c| {
            (
                c.status().unwrap_or_default(),
                c.registered_container_instances_count(),
            )
        });
    let (passed, detail) = judge_cluster(found, needs_container_instances(app));
    report.check(format!("cluster {name}"), passed, detail);
    Ok(())
}

/// Whether a service places its tasks on container instances that nothing in the
/// application provides: the EC2 launch type, named or by default (no strategy anywhere), with
/// no instances or Auto Scaling groups of its own.
fn needs_container_instances(app: &Application) -> bool {
    let on_ec2 = |service: &ecs_model::service::Service| match service.launch_type {
        Some(launch_type) => launch_type == Compatibility::Ec2,
        None => {
            service.capacity_provider_strategy.is_empty()
                && app.cluster.default_capacity_provider_strategy.is_empty()
        }
    };
    app.services().any(|(_, s)| on_ec2(s))
        && app.instances.is_empty()
        && app.auto_scaling_groups.is_empty()
}

/// The cluster check from `found` (status, registered instances; `None` when ECS does not know
/// the name).
fn judge_cluster(found: Option<(&str, i32)>, needs_instances: bool) -> (bool, String) {
    match found {
        None | Some(("INACTIVE", _)) => (true, "missing; the deployment creates it".into()),
        Some(("ACTIVE", 0)) if needs_instances => (
            false,
            "ACTIVE with no container instances, and the service uses the EC2 launch type: \
             its tasks cannot be placed (register instances or use a capacity provider)"
                .into(),
        ),
        Some(("ACTIVE", _)) => (true, "ACTIVE".into()),
        Some((status, _)) => (
            false,
            format!("{status}: services cannot be deployed to it until it is ACTIVE"),
        ),
    }
}

async fn roles(
    clients: &Clients,
    app: &Application,
    observed: &Observed,
    report: &mut Verification,
) -> Result<(), Error> {
    let mut named: Vec<(&str, &str)> = Vec::new();
    for td in app.task_definitions() {
        for (what, arn) in [
            ("execution role", &td.execution_role_arn),
            ("task role", &td.task_role_arn),
        ] {
            if let Some(arn) = arn
                && !named.iter().any(|(_, a)| a == arn)
            {
                named.push((what, arn));
            }
        }
    }
    for (what, arn) in named {
        let name = short_name(arn);
        let subject = format!("{what} {name}");
        if let Some(found) = observed.roles.get(name) {
            check_trust(report, subject, found.trust_policy.as_ref());
            continue;
        }
        if app.role(name).is_some() {
            report.check(subject, true, "missing; the deployment creates it");
            continue;
        }
        let got = clients.iam.get_role().role_name(name).send().await;
        match got {
            Ok(got) => {
                let document = got
                    .role()
                    .and_then(|r| r.assume_role_policy_document())
                    .and_then(crate::observe::policy);
                check_trust(report, subject, document.as_ref());
            }
            Err(e) => {
                let error = AwsError::new("GetRole", format!("role {name}"), e);
                if error.code.as_deref() == Some("NoSuchEntity") {
                    report.check(subject, false, "does not exist: tasks cannot start");
                } else {
                    return Err(error.into());
                }
            }
        }
    }
    Ok(())
}

fn log_groups(app: &Application, observed: &Observed, report: &mut Verification) {
    for (group, created_by_agent) in app.log_groups() {
        let subject = format!("log group {group}");
        if observed.log_groups.contains(group) {
            report.check(subject, true, "exists");
        } else if !created_by_agent {
            report.check(subject, true, "missing; the deployment creates it");
        } else {
            let (passed, detail) = match agent_may_create(app, group) {
                Some(true) => (
                    true,
                    "missing; the awslogs driver creates it (awslogs-create-group)",
                ),
                Some(false) => (
                    false,
                    "missing, and the execution role does not allow logs:CreateLogGroup on it, \
                     which awslogs-create-group needs: tasks fail to start",
                ),
                None => (
                    true,
                    "missing; the awslogs driver creates it if the execution role allows \
                     logs:CreateLogGroup",
                ),
            };
            report.check(subject, passed, detail);
        }
    }
}

/// Whether the execution role of the task definition writing to `group` may create it: `None`
/// when the application does not define the role or attaches managed policies whose contents it
/// does not know.
fn agent_may_create(app: &Application, group: &str) -> Option<bool> {
    let writes = |c: &&ecs_model::ContainerDefinition| {
        c.log_configuration
            .as_ref()
            .is_some_and(|log| log.option_value(awslogs::GROUP) == Some(group))
    };
    let (td, log) = app.task_definitions().find_map(|td| {
        let c = td.container_definitions.iter().find(writes)?;
        Some((td, c.log_configuration.as_ref()?))
    })?;
    let arn = td.execution_role_arn.as_deref()?;
    let role = app.role(short_name(arn))?;
    // The group lives where its containers' `awslogs-region` says; CloudWatch Logs authorises
    // every call but tagging against the group's ARN with `:*`.
    let region = log
        .option_value(awslogs::REGION)
        .unwrap_or(&app.account.region);
    let request = Request::new(
        "logs:CreateLogGroup",
        Account::new(app.account.id.clone(), region).arn("logs", &format!("log-group:{group}:*")),
    );
    if role
        .inline_policies
        .iter()
        .any(|p| p.document.allows(&request))
    {
        return Some(true);
    }
    // The managed policy every execution role has does not create groups; another may.
    let known = role
        .managed_policy_arns
        .iter()
        .all(|arn| arn.ends_with(":policy/service-role/AmazonECSTaskExecutionRolePolicy"));
    known.then_some(false)
}

/// A target group as the checks see it.
struct SeenTargetGroup {
    name: String,
    target_type: TargetType,
    port: Option<i32>,
    /// Whether a load balancer forwards to it (or will, by the application's listeners).
    attached: bool,
}

/// The target group `target` names: as it is, or as the application will create it; `None`
/// (with a failed check) when it does not exist.
async fn target_group(
    clients: &Clients,
    app: &Application,
    observed: &Observed,
    target: &str,
    report: &mut Verification,
) -> Result<Option<SeenTargetGroup>, Error> {
    if let Some(reference) = Reference::parse(target) {
        let name = reference.name().to_owned();
        let attached = !app.listeners.is_empty();
        return Ok(
            match (observed.target_groups.get(&name), app.target_group(&name)) {
                (Some(found), _) => Some(SeenTargetGroup {
                    target_type: found.value.effective_target_type(),
                    port: found.value.port,
                    name,
                    attached,
                }),
                (None, Some(desired)) => Some(SeenTargetGroup {
                    target_type: desired.effective_target_type(),
                    port: desired.port,
                    name,
                    attached,
                }),
                (None, None) => {
                    report.check(
                        format!("target group {name}"),
                        false,
                        "not part of the application and does not exist",
                    );
                    None
                }
            },
        );
    }
    let got = match clients
        .elbv2
        .describe_target_groups()
        .target_group_arns(target)
        .send()
        .await
    {
        Ok(got) => got,
        Err(e) => {
            let error = crate::error::AwsError::new("DescribeTargetGroups", target, e);
            if error.code.as_deref() == Some("TargetGroupNotFound") {
                report.check(format!("target group {target}"), false, "does not exist");
                return Ok(None);
            }
            return Err(error.into());
        }
    };
    Ok(got.target_groups().first().map(|found| SeenTargetGroup {
        name: found.target_group_name().unwrap_or_default().to_owned(),
        target_type: found.target_type().map_or(TargetType::Instance, |t| {
            t.as_str().parse().unwrap_or(TargetType::Instance)
        }),
        port: found.port(),
        attached: !found.load_balancer_arns().is_empty() || !app.listeners.is_empty(),
    }))
}

/// Each target group of each service fits its container: `ip` for `awsvpc` (at the container
/// port), `instance` otherwise; and a load balancer forwards to it.
async fn target_groups(
    clients: &Clients,
    app: &Application,
    observed: &Observed,
    report: &mut Verification,
) -> Result<(), Error> {
    for (workload, service) in app.services() {
        service_target_groups(clients, app, observed, report, workload, service).await?;
    }
    Ok(())
}

async fn service_target_groups(
    clients: &Clients,
    app: &Application,
    observed: &Observed,
    report: &mut Verification,
    workload: &ecs_model::Workload,
    service: &ecs_model::service::Service,
) -> Result<(), Error> {
    let awsvpc = workload.task_definition.effective_network_mode() == Some(NetworkMode::Awsvpc);
    for lb in &service.load_balancers {
        let (Some(target), Some(container), Some(port)) =
            (&lb.target_group_arn, &lb.container_name, lb.container_port)
        else {
            continue;
        };
        let Some(tg) = target_group(clients, app, observed, target, report).await? else {
            continue;
        };
        let subject = format!("target group {}", tg.name);
        let wanted = if awsvpc {
            TargetType::Ip
        } else {
            TargetType::Instance
        };
        let fits = if tg.target_type == wanted {
            String::new()
        } else {
            format!("; container {container} in this network mode needs `{wanted}` (ECS-M7)")
        };
        report.check(
            subject.clone(),
            tg.target_type == wanted,
            format!("target type `{}`{fits}", tg.target_type),
        );
        if awsvpc {
            let ok = tg.port.is_none_or(|p| p == port);
            report.check(
                subject.clone(),
                ok,
                format!(
                    "port {} for container port {port}",
                    tg.port.unwrap_or_default()
                ),
            );
        }
        let detail = if tg.attached {
            "a load balancer forwards to it"
        } else {
            "no load balancer forwards to it: CreateService would fail"
        };
        report.check(subject, tg.attached, detail);
    }
    Ok(())
}

async fn subnets(
    clients: &Clients,
    app: &Application,
    report: &mut Verification,
) -> Result<(), Error> {
    use std::collections::BTreeSet;
    let mut lists: Vec<(String, Vec<String>, bool)> = app
        .load_balancers
        .iter()
        .map(|lb| {
            (
                format!("load balancer {}", lb.name),
                crate::convert::strings(&lb.subnets),
                true,
            )
        })
        .collect();
    for (_, service) in app.services() {
        if let Some(vpc) = service.awsvpc() {
            let subject = format!("subnets of service {}", service.service_name);
            lists.push((subject, crate::convert::strings(&vpc.subnets), false));
        }
    }
    for (subject, subnets, needs_two_zones) in lists {
        if subnets.is_empty() {
            continue;
        }
        let got = match clients.ec2.describe_subnets(&subnets).await {
            Ok(got) => got,
            Err(e) => {
                let error = AwsError::new("DescribeSubnets", subject.clone(), e);
                if (error.code.as_deref()).is_some_and(|c| c.starts_with("InvalidSubnet")) {
                    let why = error.message.unwrap_or_default();
                    report.check(subject, false, format!("a subnet does not exist: {why}"));
                    continue;
                }
                return Err(error.into());
            }
        };
        let zones: BTreeSet<&str> = got.iter().map(|s| s.availability_zone.as_str()).collect();
        let ok = !needs_two_zones || zones.len() >= 2;
        let zones: Vec<&str> = zones.into_iter().collect();
        report.check(
            subject,
            ok,
            format!(
                "{} subnet(s) in {}{}",
                subnets.len(),
                zones.join(", "),
                if ok {
                    ""
                } else {
                    "; an ALB needs two Availability Zones (ECS-M8)"
                }
            ),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::judge_cluster;

    #[test]
    fn a_cluster_that_is_not_active_fails() {
        for status in ["PROVISIONING", "DEPROVISIONING", "FAILED"] {
            let (passed, detail) = judge_cluster(Some((status, 3)), false);
            assert!(!passed, "{status}");
            assert!(detail.starts_with(status), "{detail}");
        }
        assert_eq!(
            judge_cluster(Some(("ACTIVE", 0)), false),
            (true, "ACTIVE".into())
        );
        assert_eq!(
            judge_cluster(Some(("ACTIVE", 2)), true),
            (true, "ACTIVE".into())
        );
        assert!(!judge_cluster(Some(("ACTIVE", 0)), true).0);
        // ECS keeps a deleted cluster's name as INACTIVE; creating it again is allowed.
        assert!(judge_cluster(Some(("INACTIVE", 0)), true).0);
        assert!(judge_cluster(None, true).0);
    }
}
