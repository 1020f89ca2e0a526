//! Services on their own (section J); the seams with the task definition, cluster and load
//! balancers are checked by the application.

use ecs_model_internals::names;

use crate::JsonPath;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Findings;
use crate::path::json_path;
use crate::service::{
    CapacityProviderStrategyItem, DeploymentControllerType, DeploymentStrategy,
    PlacementConstraintType, SchedulingStrategy, Service, ServiceConnectConfiguration,
};
use crate::task_definition::Compatibility;
use crate::validate::rules;

impl Service {
    /// Every problem of the service on its own; `Application` checks it against its task
    /// definition, cluster and load balancers.
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        service(self)
    }
}

pub(crate) fn service(s: &Service) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    identity(&mut out, s);
    placement_target(&mut out, s);
    network(&mut out, s);
    load_balancers(&mut out, s);
    deployments(&mut out, s);
    placement(&mut out, s);
    service_connect(&mut out, s);
    gateway_connectors(&mut out, s);
    crate::tag::report(&mut out, &s.tags, &json_path!("tags"));
    out.into_vec()
}

fn identity(out: &mut Findings, s: &Service) {
    if let Some(problem) = names::resource_name("service", &s.service_name) {
        out.report(&rules::J1, json_path!("serviceName"), problem);
    }
    let daemon = s.scheduling_strategy == Some(SchedulingStrategy::Daemon);
    match s.desired_count {
        None if !daemon => out.report(
            &rules::J2,
            json_path!("desiredCount"),
            "missing; a REPLICA service says how many tasks to run",
        ),
        Some(n) if n < 0 => out.report(
            &rules::J2,
            json_path!("desiredCount"),
            format!("{n}; must not be negative"),
        ),
        _ => {}
    }
    if let Some(token) = &s.client_token {
        if token.len() > 36 || !token.bytes().all(|b| (33..=126).contains(&b)) {
            out.report(
                &rules::J21,
                json_path!("clientToken"),
                "at most 36 printable ASCII characters",
            );
        }
    }
    if let Some(grace) = s.health_check_grace_period_seconds {
        if grace < 0 {
            out.report(
                &rules::J11,
                json_path!("healthCheckGracePeriodSeconds"),
                format!("{grace}; must not be negative"),
            );
        }
    }
    if s.platform_version.is_some() && !s.runs_on_fargate() {
        out.report(
            &rules::J22,
            json_path!("platformVersion"),
            "set, but the service does not run on Fargate",
        );
    }
    if s.service_registries.len() > 1 {
        out.report(
            &rules::J19,
            json_path!("serviceRegistries"),
            format!(
                "{} registries; a service takes one",
                s.service_registries.len()
            ),
        );
    }
    if s.enable_ecs_managed_tags == Some(true) && s.propagate_tags.is_none() {
        out.report(
            &rules::J20,
            json_path!("enableECSManagedTags"),
            "on without `propagateTags`: tasks get ECS's tags but none of yours",
        );
    }
}

/// A capacity provider strategy (a service's, or a cluster's default).
pub(crate) fn strategy(out: &mut Findings, items: &[CapacityProviderStrategyItem], at: &JsonPath) {
    if items.is_empty() {
        return;
    }
    if items.len() > 20 {
        out.report(
            &rules::J4,
            at.clone(),
            format!("{} providers; a strategy takes at most 20", items.len()),
        );
    }
    let with_base: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].base.is_some())
        .collect();
    if let [_, second, ..] = with_base.as_slice() {
        out.report(
            &rules::J4,
            at.clone().index(*second).key("base"),
            "a second `base`; only one provider of a strategy may have one",
        );
    }
    for (i, item) in items.iter().enumerate() {
        if let Some(weight) = item.weight {
            if !(0..=1000).contains(&weight) {
                out.report(
                    &rules::J4,
                    at.clone().index(i).key("weight"),
                    format!("{weight}; use 0–1000"),
                );
            }
        }
        if let Some(base) = item.base {
            if !(0..=100_000).contains(&base) {
                out.report(
                    &rules::J4,
                    at.clone().index(i).key("base"),
                    format!("{base}; use 0–100,000"),
                );
            }
        }
    }
    if items.iter().all(|i| i.weight.unwrap_or(0) == 0) {
        out.report(
            &rules::J4,
            at.clone(),
            "every weight is 0; at least one provider needs a weight above 0",
        );
    }
}

fn placement_target(out: &mut Findings, s: &Service) {
    if s.launch_type.is_some() && !s.capacity_provider_strategy.is_empty() {
        out.report(
            &rules::J4,
            json_path!("capacityProviderStrategy"),
            "set with `launchType`; give one or the other",
        );
    }
    strategy(
        out,
        &s.capacity_provider_strategy,
        &json_path!("capacityProviderStrategy"),
    );
    if s.launch_type == Some(Compatibility::ManagedInstances) {
        out.report(
            &rules::J4,
            json_path!("launchType"),
            "Managed Instances services use a capacity provider strategy, not a launch type",
        );
    }
    if s.scheduling_strategy == Some(SchedulingStrategy::Daemon) {
        if s.runs_on_fargate() {
            out.report(
                &rules::J7,
                json_path!("schedulingStrategy"),
                "DAEMON on Fargate; Fargate services are REPLICA",
            );
        }
        let controller = s.deployment_controller.as_ref().map(|c| c.r#type);
        if let Some(
            controller
            @ (DeploymentControllerType::CodeDeploy | DeploymentControllerType::External),
        ) = controller
        {
            out.report(
                &rules::J7,
                json_path!("schedulingStrategy"),
                format!("DAEMON with the {controller} deployment controller; use ECS"),
            );
        }
    }
}

fn network(out: &mut Findings, s: &Service) {
    let Some(vpc) = s.awsvpc() else { return };
    let at = json_path!("networkConfiguration", "awsvpcConfiguration");
    if vpc.subnets.is_empty() {
        out.report(
            &rules::J3,
            at.clone().key("subnets"),
            "no subnets; tasks need at least one",
        );
    } else if vpc.subnets.len() > 16 {
        out.report(
            &rules::J3,
            at.clone().key("subnets"),
            format!("{} subnets; at most 16", vpc.subnets.len()),
        );
    }
    if vpc.security_groups.len() > 5 {
        out.report(
            &rules::J3,
            at.key("securityGroups"),
            format!("{} security groups; at most 5", vpc.security_groups.len()),
        );
    }
}

fn load_balancers(out: &mut Findings, s: &Service) {
    let target_groups = s
        .load_balancers
        .iter()
        .filter(|lb| lb.target_group_arn.is_some())
        .count();
    if target_groups > 5 {
        out.report(
            &rules::J8,
            json_path!("loadBalancers"),
            format!("{target_groups} target groups; a service takes at most 5"),
        );
    }
    for (i, lb) in s.load_balancers.iter().enumerate() {
        let at = json_path!("loadBalancers"[i]);
        match (&lb.target_group_arn, &lb.load_balancer_name) {
            (None, None) => out.report(
                &rules::J8,
                at.clone(),
                "names neither `targetGroupArn` (ALB, NLB) nor `loadBalancerName` (Classic)",
            ),
            (Some(_), Some(_)) => out.report(
                &rules::J8,
                at.clone(),
                "names both a target group and a Classic load balancer",
            ),
            _ => {}
        }
        if lb.container_name.is_none() {
            out.report(
                &rules::J8,
                at.clone().key("containerName"),
                "missing; say which container receives the traffic",
            );
        }
        match lb.container_port {
            None => out.report(
                &rules::J8,
                at.key("containerPort"),
                "missing; say which container port receives the traffic",
            ),
            Some(port) if !(1..=65535).contains(&port) => out.report(
                &rules::J8,
                at.key("containerPort"),
                format!("{port} is not a port (1–65535)"),
            ),
            Some(_) => {}
        }
    }
}

fn deployments(out: &mut Findings, s: &Service) {
    let Some(d) = &s.deployment_configuration else {
        return;
    };
    let at = json_path!("deploymentConfiguration");
    if let Some(min) = d.minimum_healthy_percent {
        if !(0..=100).contains(&min) {
            out.report(
                &rules::J12,
                at.clone().key("minimumHealthyPercent"),
                format!("{min}; use 0–100"),
            );
        } else if min < 100 && s.scheduling_strategy != Some(SchedulingStrategy::Daemon) {
            out.report(
                &rules::J12_UNSAFE,
                at.clone().key("minimumHealthyPercent"),
                format!("{min}: a deployment may stop {}% of the tasks before their replacements are healthy", 100 - min),
            );
        }
    }
    if let Some(max) = d.maximum_percent {
        if max < 100 {
            out.report(
                &rules::J12,
                at.clone().key("maximumPercent"),
                format!("{max}; at least 100"),
            );
        }
    }
    let controller = s
        .deployment_controller
        .as_ref()
        .map_or(DeploymentControllerType::Ecs, |c| c.r#type);
    if controller != DeploymentControllerType::Ecs {
        for (key, set) in [
            (
                "deploymentCircuitBreaker",
                d.deployment_circuit_breaker.is_some(),
            ),
            ("alarms", d.alarms.is_some()),
            ("lifecycleHooks", !d.lifecycle_hooks.is_empty()),
        ] {
            if set {
                out.report(
                    &rules::J13,
                    at.clone().key(key),
                    format!("needs the ECS deployment controller, not {controller}"),
                );
            }
        }
    }
    if let Some(alarms) = &d.alarms {
        if alarms.enable && alarms.alarm_names.is_empty() {
            out.report(
                &rules::J13,
                at.clone().key("alarms").key("alarmNames"),
                "alarms are on but none is named",
            );
        }
    }
    strategies(out, s, &at);
    early_success(out, s, &at);
}

/// The Service Connect proxy's settings (`ECS-J25`): each object sets exactly one, each setting
/// at most once.
fn proxy_settings(out: &mut Findings, sc: &ServiceConnectConfiguration) {
    let at = json_path!("serviceConnectConfiguration", "containerConfigurations");
    let mut log_level_at = None;
    for (i, setting) in sc.container_configurations.iter().enumerate() {
        match (setting.log_level, log_level_at) {
            (None, _) => out.report(
                &rules::J25,
                at.clone().index(i),
                "sets nothing; each object sets exactly one setting (`logLevel`)",
            ),
            (Some(_), Some(first)) => out.report(
                &rules::J25,
                at.clone().index(i).key("logLevel"),
                format!("`logLevel` is already set by object {first}"),
            ),
            (Some(_), None) => log_level_at = Some(i),
        }
    }
}

/// Early success criteria (`ECS-J24`): rolling deployments only; when on, a percentage of 0–100
/// that is at least the minimum healthy percent, and when to remove the old tasks.
fn early_success(out: &mut Findings, s: &Service, at: &JsonPath) {
    let Some(d) = &s.deployment_configuration else {
        return;
    };
    let Some(early) = &d.early_success_criteria else {
        return;
    };
    let at = at.clone().key("earlySuccessCriteria");
    let strategy = d.strategy.unwrap_or(DeploymentStrategy::Rolling);
    if strategy != DeploymentStrategy::Rolling {
        out.report(
            &rules::J24,
            at.clone(),
            format!("early success criteria are for rolling deployments, not {strategy}"),
        );
    }
    if !early.enable {
        return;
    }
    match early.healthy_percent {
        None => out.report(
            &rules::J24,
            at.clone().key("healthyPercent"),
            "missing; early success needs the percentage of healthy tasks",
        ),
        Some(percent) if !(0..=100).contains(&percent) => out.report(
            &rules::J24,
            at.clone().key("healthyPercent"),
            format!("{percent}; use 0–100"),
        ),
        Some(percent) => {
            if let Some(min) = d.minimum_healthy_percent
                && percent < min
            {
                out.report(
                    &rules::J24,
                    at.clone().key("healthyPercent"),
                    format!("{percent} is below `minimumHealthyPercent` ({min})"),
                );
            }
        }
    }
    if early.source_service_revision_cleanup.is_none() {
        out.report(
            &rules::J24,
            at.key("sourceServiceRevisionCleanup"),
            "missing; say when the old tasks go (`BLOCKING` or `DEFERRED`)",
        );
    }
}

/// Gateway connectors (`ECS-J23`): at most one; a deregistration delay of 0–3600 seconds.
fn gateway_connectors(out: &mut Findings, s: &Service) {
    let at = json_path!("gatewayConnectors");
    if s.gateway_connectors.len() > 1 {
        out.report(
            &rules::J23,
            at.clone(),
            format!(
                "{} gateway connectors; at most 1",
                s.gateway_connectors.len()
            ),
        );
    }
    for (i, connector) in s.gateway_connectors.iter().enumerate() {
        let delay = connector
            .deregistration_delay
            .as_ref()
            .and_then(|d| d.timeout_seconds);
        if let Some(seconds) = delay
            && !(0..=3600).contains(&seconds)
        {
            out.report(
                &rules::J23,
                at.clone()
                    .index(i)
                    .key("deregistrationDelay")
                    .key("timeoutSeconds"),
                format!("{seconds} seconds; use 0–3600"),
            );
        }
    }
}

fn strategies(out: &mut Findings, s: &Service, at: &JsonPath) {
    let Some(d) = &s.deployment_configuration else {
        return;
    };
    if d.strategy == Some(DeploymentStrategy::BlueGreen) && d.bake_time_in_minutes.is_none() {
        out.report(
            &rules::J14,
            at.clone().key("bakeTimeInMinutes"),
            "BLUE_GREEN needs a bake time",
        );
    }
    let minutes = |out: &mut Findings, value: Option<i32>, at: JsonPath| {
        if let Some(m) = value {
            if !(0..=1440).contains(&m) {
                out.report(&rules::J14, at, format!("{m} minutes; use 0–1440"));
            }
        }
    };
    minutes(
        out,
        d.bake_time_in_minutes,
        at.clone().key("bakeTimeInMinutes"),
    );
    if let Some(linear) = &d.linear_configuration {
        let at = at.clone().key("linearConfiguration");
        if let Some(step) = linear.step_percent {
            let tenths = step * 10.0;
            if !(3.0..=100.0).contains(&step) || (tenths - tenths.round()).abs() > 1e-9 {
                out.report(
                    &rules::J14,
                    at.clone().key("stepPercent"),
                    format!("{step}; use 3.0–100.0 in steps of 0.1"),
                );
            }
        }
        minutes(
            out,
            linear.step_bake_time_in_minutes,
            at.key("stepBakeTimeInMinutes"),
        );
    }
    if let Some(canary) = &d.canary_configuration {
        let at = at.clone().key("canaryConfiguration");
        if let Some(percent) = canary.canary_percent {
            if !(0.1..=100.0).contains(&percent) {
                out.report(
                    &rules::J14,
                    at.clone().key("canaryPercent"),
                    format!("{percent}; use 0.1–100.0"),
                );
            }
        }
        minutes(
            out,
            canary.canary_bake_time_in_minutes,
            at.key("canaryBakeTimeInMinutes"),
        );
    }
}

fn placement(out: &mut Findings, s: &Service) {
    if s.placement_strategy.len() > 5 {
        out.report(
            &rules::J17,
            json_path!("placementStrategy"),
            format!("{} strategies; at most 5", s.placement_strategy.len()),
        );
    }
    if s.placement_constraints.len() > 10 {
        out.report(
            &rules::J17,
            json_path!("placementConstraints"),
            format!("{} constraints; at most 10", s.placement_constraints.len()),
        );
    }
    for (i, c) in s.placement_constraints.iter().enumerate() {
        if c.r#type == Some(PlacementConstraintType::DistinctInstance) && c.expression.is_some() {
            out.report(
                &rules::J17,
                json_path!("placementConstraints"[i], "expression"),
                "`distinctInstance` takes no expression",
            );
        }
        if c.expression.as_ref().is_some_and(|e| e.len() > 2000) {
            out.report(
                &rules::J17,
                json_path!("placementConstraints"[i], "expression"),
                "longer than 2,000 characters",
            );
        }
    }
    if s.launch_type == Some(Compatibility::Fargate)
        && (!s.placement_strategy.is_empty() || !s.placement_constraints.is_empty())
    {
        out.report(
            &rules::J17,
            json_path!("launchType"),
            "Fargate places tasks itself: drop the placement strategies and constraints",
        );
    }
}

fn service_connect(out: &mut Findings, s: &Service) {
    let Some(sc) = &s.service_connect_configuration else {
        return;
    };
    proxy_settings(out, sc);
    if !sc.enabled {
        return;
    }
    let at = json_path!("serviceConnectConfiguration", "services");
    for (i, svc) in sc.services.iter().enumerate() {
        if let Some(name) = &svc.discovery_name {
            if let Some(problem) = names::service_connect_name("discovery name", name) {
                out.report(
                    &rules::J18,
                    at.clone().index(i).key("discoveryName"),
                    problem,
                );
            }
        }
        if svc.client_aliases.len() > 1 {
            out.report(
                &rules::J18,
                at.clone().index(i).key("clientAliases"),
                "at most one client alias",
            );
        }
        for (j, alias) in svc.client_aliases.iter().enumerate() {
            if alias.dns_name.as_ref().is_some_and(|d| d.len() > 127) {
                out.report(
                    &rules::J18,
                    at.clone()
                        .index(i)
                        .key("clientAliases")
                        .index(j)
                        .key("dnsName"),
                    "longer than 127 characters",
                );
            }
        }
    }
}
