//! An application as a whole: each resource, then the seams between them.

use crate::JsonPath;
use crate::Text;
use crate::alb::{Scheme, TargetType};
use crate::application::{Application, Workload};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Findings;
use crate::iam::{EC2, ECS_TASKS, MANAGED_INSTANCE_ROLE_POLICY, Role, wildcard_match};
use crate::network::{DYNAMIC_PORT_RANGE, SecurityGroup, Source};
use crate::path::json_path;
use crate::reference::Reference;
use crate::schedule::Schedule;
use crate::service::Service;
use crate::task_definition::TaskDefinition;
use crate::task_definition::{Compatibility, NetworkMode};
use crate::validate::rules;
use crate::words::quoted;

impl Application {
    /// Every problem of every resource, and of the seams between them; paths start with the
    /// resource (`service.loadBalancers[0].containerPort`, `targetGroups.pet-web-tg.Port`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        application(self)
    }
}

pub(crate) fn application(app: &Application) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    resources(&mut out, app);
    names(&mut out, app);
    rule_priorities(&mut out, app);
    roles(&mut out, app);
    for workload in &app.workloads {
        task_roles(&mut out, app, workload);
        scaling_seams(&mut out, app, workload);
        if let Some(schedule) = &workload.schedule {
            schedule_seams(&mut out, app, workload, schedule);
        }
        if let Some(service) = &workload.service {
            let seam = Seam {
                app,
                td: &workload.task_definition,
                service,
            };
            service_seams(&mut out, &seam);
            load_balancing(&mut out, &seam);
            traffic(&mut out, &seam);
        }
    }
    public_listeners(&mut out, app);
    target_group_services(&mut out, app);
    file_system_mounts(&mut out, app);
    references(&mut out, app);
    instances(&mut out, app);
    out.into_vec()
}

/// A service with its task definition, and where each is in the application's document.
struct Seam<'a> {
    app: &'a Application,
    td: &'a TaskDefinition,
    service: &'a Service,
}

impl Seam<'_> {
    /// `path` inside the service.
    fn service_at(&self, path: &JsonPath) -> JsonPath {
        service_path(self.service).join(path)
    }

    /// `path` inside the task definition.
    fn td_at(&self, path: &JsonPath) -> JsonPath {
        task_definition_path(self.td).join(path)
    }
}

/// Where `service` is in the application's document: `services.<name>`.
fn service_path(service: &Service) -> JsonPath {
    json_path!("services").key(service.service_name.clone())
}

/// Where `td` is in the application's document: `taskDefinitions.<family>`.
fn task_definition_path(td: &TaskDefinition) -> JsonPath {
    json_path!("taskDefinitions").key(td.family.clone())
}

/// Where a workload's auto scaling is in the application's document: `scaling.<service>`.
fn scaling_path(workload: &Workload) -> JsonPath {
    let name = workload
        .service
        .as_ref()
        .map_or(workload.name(), |s| s.service_name.as_str());
    json_path!("scaling").key(name.to_owned())
}

/// Where a schedule is in the application's document: `schedules.<name>`.
fn schedule_path(schedule: &Schedule) -> JsonPath {
    json_path!("schedules").key(schedule.name.clone())
}

/// `ECS-J26`: auto scaling scales the workload's service, within bounds its desired count
/// respects, on request counts of a target group it registers into.
fn scaling_seams(out: &mut Findings, app: &Application, workload: &Workload) {
    let Some(scaling) = &workload.scaling else {
        return;
    };
    let at = scaling_path(workload);
    let Some(service) = &workload.service else {
        out.report(
            &rules::J26,
            at,
            "only a service scales: the workload has none",
        );
        return;
    };
    let cluster = service.cluster_name(app.cluster.name());
    let id = crate::scaling::service_resource_id(cluster, &service.service_name);
    if scaling.target.resource_id != id {
        out.report(
            &rules::J26,
            at.clone().key("ScalableTarget").key("ResourceId"),
            format!(
                "{} is not the service's {}",
                quoted(&scaling.target.resource_id),
                quoted(&id)
            ),
        );
    }
    let (min, max) = scaling.bounds();
    if let Some(desired) = service.desired_count
        && min <= max
        && !(min..=max).contains(&desired)
    {
        out.report(&rules::J26_DESIRED, service_path(service).key("desiredCount"), format!("{desired} is outside the scaling bounds {min}–{max}: Application Auto Scaling moves it into them as soon as it registers the service"));
    }
    for policy in &scaling.policies {
        let Some(label) = policy
            .target_tracking_scaling_policy_configuration
            .as_ref()
            .and_then(|c| c.predefined_metric_specification.as_ref())
            .and_then(|m| m.resource_label.as_deref())
        else {
            continue;
        };
        let at = at
            .clone()
            .key("ScalingPolicies")
            .key(policy.policy_name.clone())
            .key("TargetTrackingScalingPolicyConfiguration")
            .key("PredefinedMetricSpecification")
            .key("ResourceLabel");
        let registers = service
            .load_balancers
            .iter()
            .any(|lb| lb.target_group_arn.as_deref() == Some(label));
        let forwarding = match Reference::parse(label) {
            Some(Reference::TargetGroup(tg)) => app.load_balancers_forwarding_to(&tg).len(),
            _ => 0,
        };
        if !registers {
            out.report(&rules::J26, at, format!("{} is not a target group the service registers into: its request count says nothing of this service", quoted(label)));
        } else if forwarding != 1 {
            out.report(&rules::J26, at, format!("{forwarding} load balancers of the application forward to {}: requests per target are counted on exactly one", quoted(label)));
        }
    }
}

/// `ECS-J27`, `J3`, `J6`, `K4`, `A22`: a schedule runs its workload's task definition in the
/// application's cluster the way the task definition can run, with a role that may.
fn schedule_seams(out: &mut Findings, app: &Application, workload: &Workload, schedule: &Schedule) {
    let at = schedule_path(schedule);
    let td = &workload.task_definition;
    let account = &app.account;
    let cluster_arn = account.arn("ecs", &format!("cluster/{}", app.cluster.name()));
    if schedule.target.arn != cluster_arn {
        out.report(
            &rules::J27,
            at.clone().key("Target").key("Arn"),
            format!(
                "{} is not the application's cluster {}",
                quoted(&schedule.target.arn),
                quoted(&cluster_arn)
            ),
        );
    }
    let Some(ecs) = schedule.ecs() else { return };
    let ecs_at = at.clone().key("Target").key("EcsParameters");
    let named = ecs
        .task_definition_arn
        .rsplit('/')
        .next()
        .unwrap_or(&ecs.task_definition_arn);
    if named.split(':').next() != Some(td.family.as_str()) {
        out.report(
            &rules::J27,
            ecs_at.clone().key("TaskDefinitionArn"),
            format!(
                "{} is not the workload's task definition {}",
                quoted(&ecs.task_definition_arn),
                quoted(&td.family)
            ),
        );
    }
    let awsvpc = td.network_mode == Some(NetworkMode::Awsvpc);
    let vpc = ecs
        .network_configuration
        .as_ref()
        .and_then(|n| n.awsvpc_configuration.as_ref());
    match (awsvpc, vpc.is_some()) {
        (true, false) => out.report(
            &rules::J3,
            ecs_at.clone().key("NetworkConfiguration"),
            "the task definition uses `awsvpc`: give subnets and security groups",
        ),
        (false, true) => out.report(
            &rules::J3,
            ecs_at.clone().key("NetworkConfiguration"),
            "the task definition does not use `awsvpc`, which takes no network configuration",
        ),
        _ => {}
    }
    let fargate = ecs.launch_type == Some(crate::schedule::LaunchType::Fargate)
        || ecs
            .capacity_provider_strategy
            .iter()
            .any(|i| i.capacity_provider.starts_with("FARGATE"));
    if fargate && !td.requires(Compatibility::Fargate) {
        out.report(
            &rules::J6,
            task_definition_path(td).key("requiresCompatibilities"),
            format!(
                "schedule {} runs it on Fargate: list FARGATE",
                quoted(&schedule.name)
            ),
        );
    }
    for (i, item) in ecs.capacity_provider_strategy.iter().enumerate() {
        if !app
            .cluster
            .capacity_providers
            .contains(&item.capacity_provider)
        {
            out.report(
                &rules::K4,
                ecs_at
                    .clone()
                    .key("CapacityProviderStrategy")
                    .index(i)
                    .key("capacityProvider"),
                format!(
                    "{} is not among the cluster's capacity providers",
                    quoted(&item.capacity_provider)
                ),
            );
        }
    }
    if fargate
        && !td.requires(Compatibility::Fargate)
        && td.execution_role_arn.is_none()
        && needs_execution_role(td)
    {
        out.report(&rules::A22, task_definition_path(td).key("executionRoleArn"), "the scheduled tasks run on Fargate and pull from ECR, log to CloudWatch or read secrets: give the task definition an execution role");
    }
    schedule_role(out, app, td, schedule, &cluster_arn);
}

/// `ECS-J27`: the schedule's role, when the application creates it, trusts Scheduler, may run
/// the family in the cluster and pass the task definition's roles.
fn schedule_role(
    out: &mut Findings,
    app: &Application,
    td: &TaskDefinition,
    schedule: &Schedule,
    cluster_arn: &str,
) {
    let account = &app.account;
    let Some(role) = app.role_by_arn(&schedule.target.role_arn) else {
        return;
    };
    let role_at = json_path!("roles").key(role.name.clone());
    if !role.trusts(crate::iam::SCHEDULER) {
        out.report(
            &rules::J27,
            role_at.clone().key("AssumeRolePolicyDocument"),
            format!(
                "the schedule's role {} does not let `{}` assume it",
                quoted(&role.name),
                crate::iam::SCHEDULER
            ),
        );
    }
    let allowed = |request: &crate::iam::Request| {
        role.inline_policies
            .iter()
            .any(|p| p.document.allows(request))
    };
    let revision = account.arn("ecs", &format!("task-definition/{}:1", td.family));
    let run = crate::iam::Request::new("ecs:RunTask", revision).with("ecs:cluster", cluster_arn);
    if role.managed_policy_arns.is_empty() && !allowed(&run) {
        out.report(&rules::J27, role_at.clone().key("Policies"), format!("the schedule's role {} may not run {} in the cluster (`ecs:RunTask`): the schedule fires and starts nothing", quoted(&role.name), quoted(&td.family)));
    }
    for passed in td.execution_role_arn.iter().chain(&td.task_role_arn) {
        let pass = crate::iam::Request::new("iam:PassRole", passed.as_str())
            .with("iam:PassedToService", ECS_TASKS);
        if role.managed_policy_arns.is_empty() && !allowed(&pass) {
            out.report(
                &rules::J27,
                role_at.clone().key("Policies"),
                format!(
                    "the schedule's role {} may not pass {} (`iam:PassRole`): RunTask is refused",
                    quoted(&role.name),
                    quoted(passed)
                ),
            );
        }
    }
}

/// Whether `td` pulls from ECR, logs to CloudWatch or reads secrets (what an execution role does).
fn needs_execution_role(td: &TaskDefinition) -> bool {
    td.container_definitions.iter().any(|c| {
        crate::validate::task::is_ecr_image(&c.image)
            || !c.secrets.is_empty()
            || c.log_configuration
                .as_ref()
                .is_some_and(|l| l.log_driver == crate::container::LogDriver::Awslogs)
    })
}

/// The subnets and security groups a workload's tasks run in (its service's, its schedule's),
/// with where they are.
fn task_networks(workload: &Workload) -> Vec<(JsonPath, &[Text], &[Text])> {
    let mut out = Vec::new();
    if let Some(service) = &workload.service
        && let Some(vpc) = service.awsvpc()
    {
        let at =
            service_path(service).join(&json_path!("networkConfiguration", "awsvpcConfiguration"));
        out.push((at, vpc.subnets.as_slice(), vpc.security_groups.as_slice()));
    }
    if let Some(schedule) = &workload.schedule
        && let Some(vpc) = schedule
            .ecs()
            .and_then(|e| e.network_configuration.as_ref())
            .and_then(|n| n.awsvpc_configuration.as_ref())
    {
        let at = schedule_path(schedule).join(&json_path!(
            "Target",
            "EcsParameters",
            "NetworkConfiguration",
            "awsvpcConfiguration"
        ));
        out.push((at, vpc.subnets.as_slice(), vpc.security_groups.as_slice()));
    }
    out
}

/// `ECS-I12`: tasks that mount a file system of the application reach it: a mount target in
/// each subnet they run in, behind a group that admits NFS from theirs; the access point is the
/// file system's; with IAM authorization, the task role may mount it.
fn file_system_mounts(out: &mut Findings, app: &Application) {
    use crate::efs::{NFS_PORT, file_system_named};
    for workload in &app.workloads {
        let td = &workload.task_definition;
        for (v, volume) in td.volumes.iter().enumerate() {
            let Some(efs) = &volume.efs_volume_configuration else {
                continue;
            };
            let Some(fs) = file_system_named(&efs.file_system_id) else {
                continue;
            };
            let at =
                task_definition_path(td).join(&json_path!("volumes"[v], "efsVolumeConfiguration"));
            let targets: Vec<(usize, &crate::efs::MountTarget)> = app
                .mount_targets
                .iter()
                .enumerate()
                .filter(|(_, mt)| mt.file_system_name().as_deref() == Some(fs.as_str()))
                .collect();
            for (net_at, subnets, groups) in task_networks(workload) {
                for (i, subnet) in subnets.iter().enumerate() {
                    if !targets.iter().any(|(_, mt)| &mt.subnet_id == subnet) {
                        out.report(&rules::I12, net_at.clone().key("subnets").index(i), format!("file system {} has no mount target in {}: tasks there cannot mount it", quoted(&fs), quoted(subnet)));
                    }
                }
                for (i, mt) in &targets {
                    let admitted = mt
                        .security_groups
                        .iter()
                        .filter_map(|g| Reference::parse(g))
                        .filter_map(|r| app.security_group(r.name()))
                        .any(|g| {
                            groups
                                .iter()
                                .any(|task| g.admits(NFS_PORT, &Source::Group(task.to_string())))
                        });
                    if !admitted && !groups.is_empty() {
                        out.report(&rules::I12, json_path!("mountTargets"[*i], "SecurityGroups"), format!("no group of the mount target admits NFS ({NFS_PORT}) from the tasks' groups ({}): tasks of {} fail to start with a mount error", groups.join(", "), quoted(&td.family)));
                    }
                }
            }
            let auth = efs.authorization_config.as_ref();
            if let Some(Some(crate::reference::Reference::AccessPoint(ap))) = auth
                .and_then(|a| a.access_point_id.as_deref())
                .map(Reference::parse)
            {
                let of_fs = app
                    .access_points
                    .iter()
                    .find(|a| a.name() == ap)
                    .is_some_and(|a| {
                        file_system_named(&a.file_system_id).as_deref() == Some(fs.as_str())
                    });
                if !of_fs {
                    out.report(
                        &rules::I12,
                        at.clone().key("authorizationConfig").key("accessPointId"),
                        format!(
                            "{} is not an access point of file system {}",
                            quoted(&ap),
                            quoted(&fs)
                        ),
                    );
                }
            }
            if auth.and_then(|a| a.iam) == Some(crate::volume::EfsSetting::Enabled) {
                let mount = crate::iam::Request::new(
                    "elasticfilesystem:ClientMount",
                    app.account.arn(
                        "elasticfilesystem",
                        &format!("file-system/{}", efs.file_system_id),
                    ),
                );
                let role = td
                    .task_role_arn
                    .as_deref()
                    .and_then(|arn| named_role(app, arn));
                match (&td.task_role_arn, role) {
                    (None, _) => out.report(&rules::I12, task_definition_path(td).key("taskRoleArn"), format!("volume {} mounts with IAM authorization: the task needs a task role allowed `elasticfilesystem:ClientMount`", quoted(volume.name.as_deref().unwrap_or_default()))),
                    (Some(_), Some(role)) if role.managed_policy_arns.is_empty() && !role.inline_policies.iter().any(|p| p.document.allows(&mount)) => {
                        out.report(&rules::I12, json_path!("roles").key(role.name.clone()).key("Policies"), format!("the task role {} may not mount file system {} (`elasticfilesystem:ClientMount`): give it `task_role_policy`", quoted(&role.name), quoted(&fs)));
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Each resource on its own, under its place in the document.
fn resources(out: &mut Findings, app: &Application) {
    let mut part = |prefix: JsonPath, diagnostics: Vec<Diagnostic>| {
        let mut under = Findings::under(prefix);
        under.extend(diagnostics);
        out.extend_unprefixed(under.into_vec());
    };
    part(json_path!("cluster"), app.cluster.validate());
    for workload in &app.workloads {
        let td = &workload.task_definition;
        part(task_definition_path(td), td.validate());
        if let Some(service) = &workload.service {
            part(service_path(service), service.validate());
        }
        if let Some(scaling) = &workload.scaling {
            part(scaling_path(workload), scaling.validate());
        }
        if let Some(schedule) = &workload.schedule {
            part(schedule_path(schedule), schedule.validate());
        }
    }
    for role in &app.roles {
        part(json_path!("roles").key(role.name.clone()), role.validate());
    }
    for profile in &app.instance_profiles {
        part(
            json_path!("instanceProfiles").key(profile.name.clone()),
            profile.validate(),
        );
    }
    for provider in &app.capacity_providers {
        part(
            json_path!("capacityProviders").key(provider.name.clone()),
            provider.validate(),
        );
    }
    for group in &app.auto_scaling_groups {
        part(
            json_path!("autoScalingGroups").key(group.name.clone()),
            group.validate(),
        );
    }
    for lb in &app.load_balancers {
        part(
            json_path!("loadBalancers").key(lb.name.clone()),
            lb.validate(),
        );
    }
    for tg in &app.target_groups {
        part(
            json_path!("targetGroups").key(tg.name.clone()),
            tg.validate(),
        );
    }
    for (i, listener) in app.listeners.iter().enumerate() {
        part(json_path!("listeners"[i]), listener.validate());
    }
    for (i, rule) in app.listener_rules.iter().enumerate() {
        part(json_path!("listenerRules"[i]), rule.validate());
    }
    for group in &app.security_groups {
        part(
            json_path!("securityGroups").key(group.name.clone()),
            group.validate(),
        );
    }
    for instance in &app.instances {
        part(
            json_path!("instances").key(instance.name.clone()),
            instance.validate(),
        );
    }
    for repository in &app.repositories {
        part(
            json_path!("repositories").key(repository.name().to_owned()),
            repository.validate(),
        );
    }
    for fs in &app.file_systems {
        part(
            json_path!("fileSystems").key(fs.name().to_owned()),
            fs.validate(),
        );
    }
    for (i, mt) in app.mount_targets.iter().enumerate() {
        part(json_path!("mountTargets"[i]), mt.validate());
    }
    for ap in &app.access_points {
        part(
            json_path!("accessPoints").key(ap.name().to_owned()),
            ap.validate(),
        );
    }
}

/// `ECS-A1`, `B16`, `J1`, `L5`, `M1`, `M9`, `K2`: what AWS knows by name is named once in the application;
/// the document keys resources by name, and a second one of a name would replace the first.
fn names(out: &mut Findings, app: &Application) {
    use crate::ecr::ImageRepository;
    let mut once = |rule: &'static crate::diagnostic::Rule,
                    kind: &str,
                    key: &'static str,
                    names: Vec<&str>| {
        let mut seen = std::collections::BTreeSet::new();
        for name in names {
            if !seen.insert(name) {
                out.report(
                    rule,
                    json_path!().key(key).key(name.to_owned()),
                    format!("two {kind} of the application are named {}", quoted(name)),
                );
            }
        }
    };
    once(
        &rules::A1,
        "task definitions",
        "taskDefinitions",
        app.task_definitions()
            .map(|td| td.family.as_str())
            .collect(),
    );
    once(
        &rules::J1,
        "services",
        "services",
        app.services()
            .map(|(_, s)| s.service_name.as_str())
            .collect(),
    );
    once(
        &rules::L5,
        "roles",
        "roles",
        app.roles.iter().map(|r| r.name.as_str()).collect(),
    );
    once(
        &rules::L5,
        "instance profiles",
        "instanceProfiles",
        app.instance_profiles
            .iter()
            .map(|p| p.name.as_str())
            .collect(),
    );
    once(
        &rules::B16,
        "ECR repositories",
        "repositories",
        app.repositories.iter().map(ImageRepository::name).collect(),
    );
    once(
        &rules::M1,
        "target groups",
        "targetGroups",
        app.target_groups
            .iter()
            .map(|tg| tg.name.as_str())
            .collect(),
    );
    once(
        &rules::M1,
        "load balancers",
        "loadBalancers",
        app.load_balancers
            .iter()
            .map(|lb| lb.name.as_str())
            .collect(),
    );
    once(
        &rules::M9,
        "security groups",
        "securityGroups",
        app.security_groups
            .iter()
            .map(|g| g.name.as_str())
            .collect(),
    );
    once(
        &rules::K2,
        "capacity providers",
        "capacityProviders",
        app.capacity_providers
            .iter()
            .map(|p| p.name.as_str())
            .collect(),
    );
}

/// `ECS-M11`: a target group the load balancer forwards to is registered into by exactly one
/// service: with none, its listener answers 503; with two, requests reach either service.
fn target_group_services(out: &mut Findings, app: &Application) {
    let forwarded: Vec<Text> = app
        .listeners
        .iter()
        .flat_map(|l| &l.default_actions)
        .chain(app.listener_rules.iter().flat_map(|r| &r.actions))
        .filter_map(|a| a.target_group_arn.clone())
        .collect();
    for tg in &app.target_groups {
        let token = Reference::target_group(&tg.name).to_string();
        let services: Vec<&str> = app
            .services()
            .filter(|(_, s)| {
                s.load_balancers
                    .iter()
                    .any(|lb| lb.target_group_arn.as_deref() == Some(token.as_str()))
            })
            .map(|(_, s)| s.service_name.as_str())
            .collect();
        let at = json_path!("targetGroups").key(tg.name.clone());
        if services.len() > 1 {
            out.report(
                &rules::M11,
                at,
                format!(
                    "services {} all register into it: each would receive the others' requests; give each its own target group",
                    services.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", ")
                ),
            );
        } else if services.is_empty() && forwarded.iter().any(|f| *f == token) {
            out.report(
                &rules::M11,
                at,
                "the load balancer forwards to it, but no service of the application registers into it: its requests get 503",
            );
        }
    }
}

/// `ECS-M6`: the rules of one listener have distinct priorities.
fn rule_priorities(out: &mut Findings, app: &Application) {
    let mut priorities = std::collections::BTreeMap::new();
    for (i, rule) in app.listener_rules.iter().enumerate() {
        if let Some(first) = priorities.insert((rule.listener_arn.as_str(), rule.priority), i) {
            out.report(
                &rules::M6,
                json_path!("listenerRules"[i], "Priority"),
                format!(
                    "{} is also the priority of listenerRules[{first}] on the same listener",
                    rule.priority
                ),
            );
        }
    }
}

/// `ECS-L1`, `L3`: the roles fit what uses them: the roles task definitions name trust ECS tasks
/// (each checked once, however many workloads share it), instance roles let the agent register.
fn roles(out: &mut Findings, app: &Application) {
    let mut task_roles: Vec<&Role> = Vec::new();
    for td in app.task_definitions() {
        for arn in td.execution_role_arn.iter().chain(&td.task_role_arn) {
            if let Some(role) = named_role(app, arn)
                && !task_roles.contains(&role)
            {
                task_roles.push(role);
            }
        }
    }
    for role in task_roles {
        let at = json_path!("roles")
            .key(role.name.clone())
            .key("AssumeRolePolicyDocument");
        if !role.trusts(ECS_TASKS) {
            out.report(
                &rules::L1,
                at.clone(),
                format!(
                    "role {} does not let `{ECS_TASKS}` assume it (`sts:AssumeRole`)",
                    quoted(&role.name)
                ),
            );
        } else if !has_confused_deputy_condition(role) {
            out.report(&rules::L1_CONFUSED_DEPUTY, at, format!("role {} trusts every account's ECS tasks; add `aws:SourceAccount` or `aws:SourceArn`", quoted(&role.name)));
        }
    }
    for profile in &app.instance_profiles {
        let Some(role) = app.roles.iter().find(|r| r.name == profile.role) else {
            out.report(
                &rules::L3,
                json_path!("instanceProfiles")
                    .key(profile.name.clone())
                    .key("RoleName"),
                format!(
                    "no role of the application is named {}",
                    quoted(&profile.role)
                ),
            );
            continue;
        };
        let at = json_path!("roles").key(role.name.clone());
        if !role.trusts(EC2) {
            out.report(
                &rules::L3,
                at.clone().key("AssumeRolePolicyDocument"),
                format!(
                    "the instance role {} does not trust `{EC2}`",
                    quoted(&role.name)
                ),
            );
        }
        let registers = role
            .managed_policy_arns
            .iter()
            .any(|arn| arn == MANAGED_INSTANCE_ROLE_POLICY)
            || role.inline_policies.iter().any(|p| {
                p.document
                    .allowed_actions()
                    .any(|a| wildcard_match(a, "ecs:RegisterContainerInstance"))
            });
        if !registers {
            out.report(
                &rules::L3,
                at.key("ManagedPolicyArns"),
                format!(
                    "the instance role {} cannot call `ecs:RegisterContainerInstance`: the agent fails with AccessDenied and the instance never joins the cluster; attach `AmazonEC2ContainerServiceforEC2Role`",
                    quoted(&role.name)
                ),
            );
        }
    }
}

/// The application's role that `reference` (an ARN or a role name, as ECS takes both) names.
fn named_role<'a>(app: &'a Application, reference: &str) -> Option<&'a Role> {
    app.role_by_arn(reference).or_else(|| app.role(reference))
}

/// `ECS-L1`: a role a task definition names in the application's account by a role name of the
/// application is that role: the same path too, or the task would run with another role.
fn task_roles(out: &mut Findings, app: &Application, workload: &crate::application::Workload) {
    let td = &workload.task_definition;
    for (key, arn) in [
        ("executionRoleArn", &td.execution_role_arn),
        ("taskRoleArn", &td.task_role_arn),
    ] {
        let Some(arn) = arn else { continue };
        if named_role(app, arn).is_some() {
            continue;
        }
        let prefix = format!("arn:aws:iam::{}:role/", app.account.id);
        let Some(name) = arn
            .strip_prefix(&prefix)
            .map(|p| p.rsplit('/').next().unwrap_or(p))
        else {
            continue;
        };
        if let Some(role) = app.role(name) {
            out.report(
                &rules::L1,
                task_definition_path(td).key(key),
                format!(
                    "{} is not the application's role {} ({})",
                    quoted(arn),
                    quoted(&role.name),
                    role.arn(&app.account)
                ),
            );
        }
    }
}

fn has_confused_deputy_condition(role: &Role) -> bool {
    role.trust_policy.statements.iter().any(|s| {
        s.condition.values().any(|keys| {
            keys.keys().any(|k| {
                k.eq_ignore_ascii_case("aws:SourceAccount")
                    || k.eq_ignore_ascii_case("aws:SourceArn")
            })
        })
    })
}

/// The service against its task definition and cluster.
fn service_seams(out: &mut Findings, s: &Seam<'_>) {
    placement(out, s);
    belonging(out, s);
    execution_role(out, s);
    service_connect(out, s);
    gateway_connector(out, s);
    sandbox_capacity(out, s);
}

/// `ECS-A23`: tasks in a Nitro Sandbox run only on Managed Instances providers that launch
/// instances with it (`nitroEnclavesEnabled`).
fn sandbox_capacity(out: &mut Findings, s: &Seam<'_>) {
    let (app, td, service) = (s.app, s.td, s.service);
    let sandboxed = td
        .trusted_execution_configuration
        .as_ref()
        .is_some_and(|t| t.isolation_mode != crate::task_definition::IsolationMode::Shared);
    if !sandboxed {
        return;
    }
    for (i, item) in service.capacity_provider_strategy.iter().enumerate() {
        let provider = app
            .capacity_providers
            .iter()
            .find(|p| p.name == item.capacity_provider);
        let template = provider
            .and_then(|p| p.managed_instances_provider.as_ref())
            .map(|mi| &mi.instance_launch_template);
        if let Some(template) = template
            && template.nitro_enclaves_enabled != Some(true)
        {
            out.report(
                &rules::A23,
                s.service_at(&json_path!("capacityProviderStrategy"[i], "capacityProvider")),
                format!(
                    "{} launches instances without Nitro Sandbox (`nitroEnclavesEnabled`), which the task's isolation mode needs",
                    quoted(&item.capacity_provider)
                ),
            );
        }
    }
}

/// `ECS-J3`, `J6`, `A21`, `J10`: the service places tasks the way the task definition can run.
fn placement(out: &mut Findings, s: &Seam<'_>) {
    let (td, service) = (s.td, s.service);
    let awsvpc = td.network_mode == Some(NetworkMode::Awsvpc);
    match (awsvpc, service.awsvpc().is_some()) {
        (true, false) => out.report(
            &rules::J3,
            s.service_at(&json_path!("networkConfiguration")),
            "the task definition uses `awsvpc`: give subnets and security groups",
        ),
        (false, true) => out.report(
            &rules::J3,
            s.service_at(&json_path!("networkConfiguration")),
            format!(
                "the task definition uses `{}`, which takes no network configuration",
                td.effective_network_mode()
                    .map_or("the default", NetworkMode::as_str)
            ),
        ),
        _ => {}
    }
    if service.runs_on_fargate() && !td.requires(Compatibility::Fargate) {
        out.report(
            &rules::J6,
            s.td_at(&json_path!("requiresCompatibilities")),
            "the service runs on Fargate: list FARGATE",
        );
    }
    if service.launch_type == Some(Compatibility::Ec2)
        && !td.requires_compatibilities.is_empty()
        && !td.requires(Compatibility::Ec2)
    {
        out.report(
            &rules::J6,
            s.td_at(&json_path!("requiresCompatibilities")),
            "the service runs on EC2: list EC2",
        );
    }
    if td.requires(Compatibility::ManagedInstances) && service.capacity_provider_strategy.is_empty()
    {
        out.report(
            &rules::A21,
            s.service_at(&json_path!("capacityProviderStrategy")),
            "Managed Instances tasks run through a capacity provider strategy",
        );
    }
    if service.role.is_some() && awsvpc {
        out.report(
            &rules::J10,
            s.service_at(&json_path!("role")),
            "`awsvpc` services use the service-linked role: drop `role`",
        );
    }
}

/// `ECS-K4`, `J8`: the service runs the application's task definition in its cluster, on its
/// providers.
fn belonging(out: &mut Findings, s: &Seam<'_>) {
    let (app, td, service) = (s.app, s.td, s.service);
    if let Some(cluster) = &service.cluster {
        if cluster != app.cluster.name()
            && !cluster.ends_with(&format!(":cluster/{}", app.cluster.name()))
        {
            out.report(
                &rules::K4,
                s.service_at(&json_path!("cluster")),
                format!(
                    "{} is not the application's cluster {}",
                    quoted(cluster),
                    quoted(app.cluster.name())
                ),
            );
        }
    }
    for (i, item) in service.capacity_provider_strategy.iter().enumerate() {
        if !app
            .cluster
            .capacity_providers
            .contains(&item.capacity_provider)
        {
            out.report(
                &rules::K4,
                s.service_at(&json_path!(
                    "capacityProviderStrategy"[i],
                    "capacityProvider"
                )),
                format!(
                    "{} is not among the cluster's capacity providers",
                    quoted(&item.capacity_provider)
                ),
            );
        }
    }
    if let Some(family) = service.task_definition.as_deref() {
        let family = family.rsplit('/').next().unwrap_or(family);
        let family = family.split(':').next().unwrap_or(family);
        if family != td.family {
            out.report(
                &rules::J8,
                s.service_at(&json_path!("taskDefinition")),
                format!(
                    "{} is not the workload's task definition {}",
                    quoted(family),
                    quoted(&td.family)
                ),
            );
        }
    }
}

/// `ECS-A22`: Fargate tasks that pull from ECR, log to CloudWatch or read secrets have an
/// execution role.
fn execution_role(out: &mut Findings, s: &Seam<'_>) {
    let (td, service) = (s.td, s.service);
    // A task definition that lists FARGATE says so itself (`ECS-A22`, `F6`).
    if service.runs_on_fargate()
        && !td.requires(Compatibility::Fargate)
        && td.execution_role_arn.is_none()
        && needs_execution_role(td)
    {
        out.report(&rules::A22, s.td_at(&json_path!("executionRoleArn")), "the Fargate service's tasks pull from ECR, log to CloudWatch or read secrets: give the task definition an execution role");
    }
}

/// `ECS-J23`: a gateway connector routes to a named port mapping of the task definition.
fn gateway_connector(out: &mut Findings, s: &Seam<'_>) {
    let (td, service) = (s.td, s.service);
    let names = port_names(td);
    for (i, connector) in service.gateway_connectors.iter().enumerate() {
        if !names.contains(&connector.port_name.as_str()) {
            out.report(
                &rules::J23,
                s.service_at(&json_path!("gatewayConnectors"[i], "portName")),
                format!(
                    "no port mapping of the task definition is named {}",
                    quoted(&connector.port_name)
                ),
            );
        }
    }
}

/// The names of the task definition's port mappings.
fn port_names(td: &crate::TaskDefinition) -> Vec<&str> {
    td.container_definitions
        .iter()
        .flat_map(|c| &c.port_mappings)
        .filter_map(|p| p.name.as_deref())
        .collect()
}

/// `ECS-J18`: Service Connect names port mappings of the task definition and a namespace.
fn service_connect(out: &mut Findings, s: &Seam<'_>) {
    let (app, td, service) = (s.app, s.td, s.service);
    if let Some(sc) = service
        .service_connect_configuration
        .as_ref()
        .filter(|sc| sc.enabled)
    {
        let names = port_names(td);
        for (i, svc) in sc.services.iter().enumerate() {
            if !names.contains(&svc.port_name.as_str()) {
                out.report(
                    &rules::J18,
                    s.service_at(&json_path!(
                        "serviceConnectConfiguration",
                        "services"[i],
                        "portName"
                    )),
                    format!(
                        "no port mapping of the task definition is named {}",
                        quoted(&svc.port_name)
                    ),
                );
            }
        }
        if sc.namespace.is_none() && app.cluster.service_connect_defaults.is_none() {
            out.report(
                &rules::J18,
                s.service_at(&json_path!("serviceConnectConfiguration", "namespace")),
                "no namespace here nor in the cluster's `serviceConnectDefaults`",
            );
        }
    }
}

/// `ECS-J8`, `J9`, `M7`, `M8`: load balancers, target groups and the containers behind them.
fn load_balancing(out: &mut Findings, s: &Seam<'_>) {
    let (app, td, service) = (s.app, s.td, s.service);
    let mode = td.effective_network_mode();
    for (i, lb) in service.load_balancers.iter().enumerate() {
        let at = s.service_at(&json_path!("loadBalancers"[i]));
        let (Some(name), Some(port)) = (lb.container_name.as_deref(), lb.container_port) else {
            continue;
        };
        let Some(c) = td.container(name) else {
            out.report(
                &rules::J8,
                at.key("containerName"),
                format!(
                    "no container of the task definition is named {}",
                    quoted(name)
                ),
            );
            continue;
        };
        let Some(mapping) = c
            .port_mappings
            .iter()
            .find(|p| p.container_port == Some(port))
        else {
            let ports: Vec<String> = c
                .port_mappings
                .iter()
                .filter_map(|p| p.container_port)
                .map(|p| p.to_string())
                .collect();
            out.report(
                &rules::J8,
                at.key("containerPort"),
                format!(
                    "container {} maps no port {port} (it maps {})",
                    quoted(name),
                    if ports.is_empty() {
                        "none".to_owned()
                    } else {
                        ports.join(", ")
                    }
                ),
            );
            continue;
        };
        let Some(tg) = lb
            .target_group_arn
            .as_deref()
            .and_then(Reference::parse)
            .and_then(|r| app.target_group(r.name()))
        else {
            continue;
        };
        let tg_at = json_path!("targetGroups").key(tg.name.clone());
        match mode {
            Some(NetworkMode::Awsvpc) => {
                if tg.effective_target_type() != TargetType::Ip {
                    out.report(
                        &rules::M7,
                        tg_at.clone().key("TargetType"),
                        format!(
                            "`{}`; `awsvpc` tasks register by IP: use `ip`",
                            tg.effective_target_type()
                        ),
                    );
                }
                if tg.port.is_some_and(|p| p != port) {
                    out.report(
                        &rules::J8,
                        tg_at.key("Port"),
                        format!(
                            "{} differs from the container port {port} the service registers",
                            tg.port.unwrap_or_default()
                        ),
                    );
                }
            }
            Some(NetworkMode::Bridge | NetworkMode::Host) => {
                if tg.effective_target_type() == TargetType::Ip {
                    out.report(
                        &rules::M7,
                        tg_at.clone().key("TargetType"),
                        "`ip`; `bridge` and `host` tasks register their instance: use `instance`",
                    );
                }
                let dynamic =
                    mode == Some(NetworkMode::Bridge) && mapping.host_port.is_none_or(|h| h == 0);
                if dynamic && tg.effective_health_check_port() != "traffic-port" {
                    out.report(&rules::J9, tg_at.key("HealthCheckPort"), format!("{}; the host port is dynamic, so health checks must use `traffic-port`", quoted(tg.effective_health_check_port())));
                }
            }
            _ => {}
        }
    }
}

/// `ECS-M9`: the internet reaches a public load balancer, and the load balancer the tasks.
fn traffic(out: &mut Findings, s: &Seam<'_>) {
    let (app, service) = (s.app, s.service);
    for (i, mapping) in service.load_balancers.iter().enumerate() {
        let (Some(name), Some(port)) = (mapping.container_name.as_deref(), mapping.container_port)
        else {
            continue;
        };
        let Some(tg) = mapping
            .target_group_arn
            .as_deref()
            .and_then(Reference::parse)
        else {
            continue;
        };
        let lb_groups = load_balancer_groups(app, &tg);
        let Some((groups, ports, what)) = task_ingress(s, name, port) else {
            continue;
        };
        if lb_groups.is_empty() || groups.is_empty() {
            continue;
        }
        let reached = groups.iter().any(|g| {
            g.ingress.iter().any(|rule| {
                lb_groups
                    .iter()
                    .any(|source| rule.admits_range(ports, source))
            })
        });
        if !reached {
            let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
            out.report(
                &rules::M9,
                s.service_at(&json_path!("loadBalancers"[i])),
                format!(
                    "the task's security groups ({}) do not admit {what} from the load balancer's group: \
                     health checks will fail and tasks will be replaced in a loop",
                    names.join(", ")
                ),
            );
        }
    }
}

/// Each listener of a public load balancer is open to the internet on its port.
fn public_listeners(out: &mut Findings, app: &Application) {
    for listener in &app.listeners {
        let Some(lb) =
            Reference::parse(&listener.load_balancer_arn).and_then(|r| app.load_balancer(r.name()))
        else {
            continue;
        };
        let Some(port) = listener.port else { continue };
        if lb.scheme == Some(Scheme::Internal) || lb.security_groups.is_empty() {
            continue;
        }
        let open = lb
            .security_groups
            .iter()
            .filter_map(|g| Reference::parse(g))
            .filter_map(|r| app.security_group(r.name()))
            .any(|g| g.admits(port, &Source::Cidr("0.0.0.0/0".to_owned())));
        if !open {
            out.report(
                &rules::M9,
                json_path!("loadBalancers")
                    .key(lb.name.clone())
                    .key("SecurityGroups"),
                format!(
                    "no group admits port {port} from 0.0.0.0/0: the public listener is unreachable"
                ),
            );
        }
    }
}

/// The security groups of the load balancers whose listeners (or their rules) forward to `tg`.
fn load_balancer_groups(app: &Application, tg: &Reference) -> Vec<Source> {
    let token = tg.to_string();
    let forwards = |actions: &[crate::alb::Action]| {
        actions
            .iter()
            .any(|a| a.target_group_arn.as_deref() == Some(token.as_str()))
    };
    app.listeners
        .iter()
        .filter(|l| {
            forwards(&l.default_actions)
                || app.listener_rules.iter().any(|r| {
                    forwards(&r.actions)
                        && Reference::parse(&r.listener_arn)
                            .is_some_and(|r| Some(&r) == listener_reference(app, l).as_ref())
                })
        })
        .filter_map(|l| Reference::parse(&l.load_balancer_arn))
        .filter_map(|r| app.load_balancer(r.name()))
        .flat_map(|lb| {
            lb.security_groups
                .iter()
                .map(|g| Source::Group(g.to_string()))
        })
        .collect()
}

/// The application's security groups in front of container `name`'s `port`, the port range
/// they must open, and how to say it: the service's groups and the container port (`awsvpc`),
/// or the instances' groups and the host port or dynamic range (`bridge`).
fn task_ingress<'a>(
    s: &Seam<'a>,
    name: &str,
    port: i32,
) -> Option<(Vec<&'a SecurityGroup>, (i32, i32), String)> {
    let (app, td, service) = (s.app, s.td, s.service);
    let (names, ports, what): (Vec<&str>, _, _) = match td.effective_network_mode() {
        Some(NetworkMode::Awsvpc) => (
            service
                .awsvpc()?
                .security_groups
                .iter()
                .map(Text::as_str)
                .collect(),
            (port, port),
            format!("container port {port}"),
        ),
        Some(NetworkMode::Bridge) => {
            let host = td
                .container(name)
                .and_then(|c| {
                    c.port_mappings
                        .iter()
                        .find(|p| p.container_port == Some(port))
                })
                .and_then(|p| p.host_port)
                .filter(|h| *h > 0);
            let groups = app
                .instances
                .iter()
                .flat_map(|i| &i.security_groups)
                .map(String::as_str)
                .collect();
            match host {
                Some(host) => (groups, (host, host), format!("host port {host}")),
                None => (
                    groups,
                    DYNAMIC_PORT_RANGE,
                    format!(
                        "the dynamic host ports {}–{}",
                        DYNAMIC_PORT_RANGE.0, DYNAMIC_PORT_RANGE.1
                    ),
                ),
            }
        }
        _ => return None,
    };
    let groups = names
        .iter()
        .filter_map(|g| Reference::parse(g))
        .filter_map(|r| app.security_group(r.name()))
        .collect();
    Some((groups, ports, what))
}

/// The reference that names `listener`, when its load balancer is the application's.
fn listener_reference(app: &Application, listener: &crate::alb::Listener) -> Option<Reference> {
    let lb = Reference::parse(&listener.load_balancer_arn).filter(|r| app.resolves(r))?;
    Some(Reference::listener(lb.name(), listener.port?))
}

/// Reports `text` when it is a reference to nothing the application has.
fn check_reference(
    out: &mut Findings,
    app: &Application,
    text: &str,
    at: JsonPath,
    rule: &'static crate::diagnostic::Rule,
) {
    if let Some(reference) = Reference::parse(text) {
        if !app.resolves(&reference) {
            out.report(
                rule,
                at,
                format!(
                    "no {} of the application is named {}",
                    reference.kind().replace('-', " "),
                    quoted(reference.name())
                ),
            );
        }
    }
}

/// Every reference names a resource of the application.
#[allow(clippy::too_many_lines)] // one loop per kind of reference
fn references(out: &mut Findings, app: &Application) {
    let mut check = |text: &str, at: JsonPath, rule| check_reference(out, app, text, at, rule);
    for (_, service) in app.services() {
        let at = service_path(service);
        for (i, lb) in service.load_balancers.iter().enumerate() {
            if let Some(tg) = &lb.target_group_arn {
                check(
                    tg,
                    at.clone()
                        .join(&json_path!("loadBalancers"[i], "targetGroupArn")),
                    &rules::J8,
                );
            }
        }
        for (i, g) in service
            .awsvpc()
            .iter()
            .flat_map(|vpc| vpc.security_groups.iter().enumerate())
        {
            check(
                g,
                at.clone().join(&json_path!(
                    "networkConfiguration",
                    "awsvpcConfiguration",
                    "securityGroups"[i]
                )),
                &rules::M9,
            );
        }
    }
    for schedule in app.workloads.iter().filter_map(|w| w.schedule.as_ref()) {
        let groups = schedule
            .ecs()
            .and_then(|e| e.network_configuration.as_ref())
            .and_then(|n| n.awsvpc_configuration.as_ref())
            .map(|vpc| vpc.security_groups.as_slice())
            .unwrap_or_default();
        for (i, g) in groups.iter().enumerate() {
            let at = schedule_path(schedule).join(&json_path!(
                "Target",
                "EcsParameters",
                "NetworkConfiguration",
                "awsvpcConfiguration",
                "SecurityGroups"[i]
            ));
            check(g, at, &rules::M9);
        }
    }
    for (i, listener) in app.listeners.iter().enumerate() {
        check(
            &listener.load_balancer_arn,
            json_path!("listeners"[i], "LoadBalancerArn"),
            &rules::M6,
        );
        for (j, action) in listener.default_actions.iter().enumerate() {
            if let Some(tg) = &action.target_group_arn {
                check(
                    tg,
                    json_path!("listeners"[i], "DefaultActions"[j], "TargetGroupArn"),
                    &rules::M6,
                );
            }
        }
    }
    for (i, rule) in app.listener_rules.iter().enumerate() {
        check(
            &rule.listener_arn,
            json_path!("listenerRules"[i], "ListenerArn"),
            &rules::M6,
        );
        for (j, action) in rule.actions.iter().enumerate() {
            if let Some(tg) = &action.target_group_arn {
                check(
                    tg,
                    json_path!("listenerRules"[i], "Actions"[j], "TargetGroupArn"),
                    &rules::M6,
                );
            }
        }
    }
    for lb in &app.load_balancers {
        for (i, g) in lb.security_groups.iter().enumerate() {
            check(
                g,
                json_path!("loadBalancers")
                    .key(lb.name.clone())
                    .key("SecurityGroups")
                    .index(i),
                &rules::M9,
            );
        }
    }
    for group in &app.security_groups {
        for (i, rule) in group.ingress.iter().enumerate() {
            if let Source::Group(g) = &rule.source {
                check(
                    g,
                    json_path!("securityGroups")
                        .key(group.name.clone())
                        .key("IpPermissions")
                        .index(i),
                    &rules::M9,
                );
            }
        }
    }
    for (i, mt) in app.mount_targets.iter().enumerate() {
        check(
            &mt.file_system_id,
            json_path!("mountTargets"[i], "FileSystemId"),
            &rules::I12,
        );
        for (j, g) in mt.security_groups.iter().enumerate() {
            check(
                g,
                json_path!("mountTargets"[i], "SecurityGroups"[j]),
                &rules::M9,
            );
        }
    }
    for ap in &app.access_points {
        check(
            &ap.file_system_id,
            json_path!("accessPoints")
                .key(ap.name().to_owned())
                .key("FileSystemId"),
            &rules::I12,
        );
    }
    for td in app.task_definitions() {
        for (v, volume) in td.volumes.iter().enumerate() {
            let Some(efs) = &volume.efs_volume_configuration else {
                continue;
            };
            let at =
                task_definition_path(td).join(&json_path!("volumes"[v], "efsVolumeConfiguration"));
            check(
                &efs.file_system_id,
                at.clone().key("fileSystemId"),
                &rules::I12,
            );
            if let Some(ap) = efs
                .authorization_config
                .as_ref()
                .and_then(|a| a.access_point_id.as_deref())
            {
                check(
                    ap,
                    at.key("authorizationConfig").key("accessPointId"),
                    &rules::I12,
                );
            }
        }
    }
    for instance in &app.instances {
        for (i, g) in instance.security_groups.iter().enumerate() {
            check(
                g,
                json_path!("instances")
                    .key(instance.name.clone())
                    .key("SecurityGroupIds")
                    .index(i),
                &rules::M9,
            );
        }
    }
}

/// `ECS-L3`, `K1`: each instance has an instance profile of the application and joins its cluster.
fn instances(out: &mut Findings, app: &Application) {
    for instance in &app.instances {
        let at = json_path!("instances").key(instance.name.clone());
        if !app
            .instance_profiles
            .iter()
            .any(|p| p.name == instance.instance_profile)
        {
            out.report(
                &rules::L3,
                at.clone().key("IamInstanceProfile"),
                format!(
                    "no instance profile of the application is named {}: the agent could not register",
                    quoted(&instance.instance_profile)
                ),
            );
        }
        if instance.agent.cluster() != app.cluster.name() {
            out.report(
                &rules::K1,
                at.key("UserData"),
                format!(
                    "the agent joins {}, not the application's cluster {}",
                    quoted(instance.agent.cluster()),
                    quoted(app.cluster.name())
                ),
            );
        }
    }
}
