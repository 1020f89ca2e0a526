//! Clusters, capacity providers and the container-instance side (section K).

use crate::service::validate::strategy;
use crate::tag;
use ecs_model_internals::names;

use crate::cluster::{
    AgentConfig, AutoScalingGroup, AutoScalingGroupProvider, CapacityProvider, Cluster,
    ClusterSettingName, FARGATE_PROVIDERS, ManagedInstancesProvider, ManagedScalingStatus,
    ManagedTerminationProtection,
};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Findings;
use crate::path::json_path;
use crate::validate::rules;
use crate::words::quoted;

impl Cluster {
    /// Every problem of the cluster (`ECS-K*`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        cluster(self)
    }
}

impl CapacityProvider {
    /// Every problem of the provider (`ECS-K2`, `K3`, `K5`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        capacity_provider(self)
    }
}

impl AgentConfig {
    /// Problems: unknown setting names (warnings), values on several lines, a bad cluster name.
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        agent_config(self)
    }
}

impl AutoScalingGroup {
    /// Problems with the sizes (`ECS-K3`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        auto_scaling_group(self)
    }
}

pub(crate) fn cluster(c: &Cluster) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    if let Some(name) = &c.cluster_name {
        if let Some(problem) = names::resource_name("cluster", name) {
            out.report(&rules::K1, json_path!("clusterName"), problem);
        }
    }
    for (i, setting) in c.settings.iter().enumerate() {
        if setting.name == Some(ClusterSettingName::ContainerInsights) {
            let value = setting.value.as_deref().unwrap_or_default();
            if !["enhanced", "enabled", "disabled"].contains(&value) {
                out.report(
                    &rules::K1,
                    json_path!("settings"[i], "value"),
                    format!("{}; use enhanced, enabled or disabled", quoted(value)),
                );
            }
        }
    }
    if c.capacity_providers.len() > 20 {
        out.report(
            &rules::K4,
            json_path!("capacityProviders"),
            format!(
                "{} providers; a cluster takes at most 20",
                c.capacity_providers.len()
            ),
        );
    }
    for (i, name) in c.capacity_providers.iter().enumerate() {
        if let Some(problem) = provider_name(name) {
            out.report(&rules::K2, json_path!("capacityProviders"[i]), problem);
        }
    }
    for (i, item) in c.default_capacity_provider_strategy.iter().enumerate() {
        if !c.capacity_providers.contains(&item.capacity_provider) {
            out.report(
                &rules::K4,
                json_path!("defaultCapacityProviderStrategy"[i], "capacityProvider"),
                format!(
                    "{} is not among the cluster's `capacityProviders`",
                    quoted(&item.capacity_provider)
                ),
            );
        }
    }
    strategy(
        &mut out,
        &c.default_capacity_provider_strategy,
        &json_path!("defaultCapacityProviderStrategy"),
    );
    tag::report(&mut out, &c.tags, &json_path!("tags"));
    out.into_vec()
}

/// What is wrong with a capacity provider name, if anything.
fn provider_name(name: &str) -> Option<String> {
    if FARGATE_PROVIDERS.contains(&name) {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    if name.is_empty()
        || name.len() > 255
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        Some(format!(
            "{} is not a capacity provider name: 1–255 letters, digits, `_` and `-`",
            quoted(name)
        ))
    } else if ["aws", "ecs", "fargate"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        Some(format!(
            "{} starts with `aws`, `ecs` or `fargate`, which AWS reserves",
            quoted(name)
        ))
    } else {
        None
    }
}

pub(crate) fn capacity_provider(p: &CapacityProvider) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    if let Some(problem) = provider_name(&p.name) {
        out.report(&rules::K2, json_path!("name"), problem);
    }
    match (
        &p.auto_scaling_group_provider,
        &p.managed_instances_provider,
    ) {
        (Some(_), Some(_)) => out.report(
            &rules::K5,
            json_path!(),
            "an Auto Scaling group provider or a Managed Instances provider, not both",
        ),
        (None, None) => out.report(
            &rules::K5,
            json_path!(),
            "neither an Auto Scaling group nor Managed Instances; FARGATE needs no provider",
        ),
        _ => {}
    }
    if let Some(asg) = &p.auto_scaling_group_provider {
        auto_scaling_group_provider(&mut out, asg);
    }
    if let Some(mi) = &p.managed_instances_provider {
        managed_instances_provider(&mut out, mi);
    }
    tag::report(&mut out, &p.tags, &json_path!("tags"));
    out.into_vec()
}

/// `ECS-K3`: managed scaling within its ranges; termination protection only with it.
fn auto_scaling_group_provider(out: &mut Findings, asg: &AutoScalingGroupProvider) {
    let at = json_path!("autoScalingGroupProvider");
    let scaling = asg.managed_scaling.as_ref();
    if let Some(scaling) = scaling {
        let at = at.clone().key("managedScaling");
        let ranges: [(&'static str, Option<i32>, i32, i32); 4] = [
            ("targetCapacity", scaling.target_capacity, 1, 100),
            (
                "minimumScalingStepSize",
                scaling.minimum_scaling_step_size,
                1,
                10_000,
            ),
            (
                "maximumScalingStepSize",
                scaling.maximum_scaling_step_size,
                1,
                10_000,
            ),
            (
                "instanceWarmupPeriod",
                scaling.instance_warmup_period,
                0,
                10_000,
            ),
        ];
        for (key, value, min, max) in ranges {
            if let Some(value) = value.filter(|v| !(min..=max).contains(v)) {
                out.report(
                    &rules::K3,
                    at.clone().key(key),
                    format!("{value}; use {min}–{max}"),
                );
            }
        }
        if let (Some(min), Some(max)) = (
            scaling.minimum_scaling_step_size,
            scaling.maximum_scaling_step_size,
        ) {
            if min > max {
                out.report(
                    &rules::K3,
                    at.key("minimumScalingStepSize"),
                    format!("{min} is above the maximum step {max}"),
                );
            }
        }
    }
    let scaling_on = scaling.is_some_and(|s| s.status != Some(ManagedScalingStatus::Disabled));
    if asg.managed_termination_protection == Some(ManagedTerminationProtection::Enabled)
        && !scaling_on
    {
        out.report(
            &rules::K3,
            at.key("managedTerminationProtection"),
            "ENABLED needs managed scaling ENABLED",
        );
    }
}

/// `ECS-K5`: what ECS needs to launch Managed Instances.
fn managed_instances_provider(out: &mut Findings, mi: &ManagedInstancesProvider) {
    let at = json_path!("managedInstancesProvider");
    if mi.infrastructure_role_arn.is_empty() {
        out.report(
            &rules::K5,
            at.clone().key("infrastructureRoleArn"),
            "empty; ECS needs the infrastructure role",
        );
    }
    let template = &mi.instance_launch_template;
    if template.ec2_instance_profile_arn.is_empty() {
        out.report(
            &rules::K5,
            at.clone()
                .key("instanceLaunchTemplate")
                .key("ec2InstanceProfileArn"),
            "empty; instances need a profile",
        );
    }
    if template.network_configuration.subnets.is_empty() {
        out.report(
            &rules::K5,
            at.clone()
                .key("instanceLaunchTemplate")
                .key("networkConfiguration")
                .key("subnets"),
            "no subnets to launch instances in",
        );
    }
    let local_storage = template
        .local_storage_configuration
        .as_ref()
        .and_then(|l| l.use_local_storage)
        == Some(true);
    if template.nitro_enclaves_enabled == Some(true) && local_storage {
        out.report(
            &rules::K5,
            at.key("instanceLaunchTemplate").key("nitroEnclavesEnabled"),
            "Nitro Sandbox instances cannot use local storage (`localStorageConfiguration.useLocalStorage`)",
        );
    }
}

pub(crate) fn auto_scaling_group(g: &AutoScalingGroup) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    if g.max_size <= 0 {
        out.report(
            &rules::K3,
            json_path!("MaxSize"),
            format!(
                "{}: the group can never start an instance, so no task is ever placed",
                g.max_size
            ),
        );
    }
    if g.min_size < 0 || g.min_size > g.max_size {
        out.report(
            &rules::K3,
            json_path!("MinSize"),
            format!("{} is outside 0–{} (the maximum)", g.min_size, g.max_size),
        );
    }
    if let Some(desired) = g.desired_capacity {
        if desired < g.min_size || desired > g.max_size {
            out.report(
                &rules::K3,
                json_path!("DesiredCapacity"),
                format!("{desired} is outside {}–{}", g.min_size, g.max_size),
            );
        }
    }
    out.into_vec()
}

pub(crate) fn agent_config(a: &AgentConfig) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    for (name, value) in a.settings() {
        let at = json_path!().key(name.clone());
        if !AgentConfig::KNOWN.contains(&name.as_str()) {
            let hint = crate::words::closest(name, AgentConfig::KNOWN)
                .map(|near| format!(", did you mean `{near}`?"))
                .unwrap_or_default();
            out.report(
                &rules::K6,
                at.clone(),
                format!("`{name}` is not a setting the ECS agent documents{hint}"),
            );
        }
        if name == "ECS_ENGINE_AUTH_DATA" && !value.trim().is_empty() {
            out.report(
                &rules::G9,
                at.clone(),
                "registry credentials in the user data are plaintext to anyone who can read the \
                 instance's attributes; give the containers `repositoryCredentials` (a Secrets \
                 Manager secret) instead",
            );
        }
        if value.contains(['\n', '\r']) {
            out.report(
                &rules::K6_VALUE,
                at,
                "spans several lines; `/etc/ecs/ecs.config` takes one line per setting",
            );
        }
    }
    if !names::is_resource_name(a.cluster()) {
        out.report(
            &rules::K1,
            json_path!("ECS_CLUSTER"),
            format!("{} is not a cluster name", quoted(a.cluster())),
        );
    }
    out.into_vec()
}
