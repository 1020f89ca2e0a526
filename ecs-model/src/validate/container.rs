//! Per-container rules: identity, image and resources (section B), then the container's ports,
//! health check, logging, environment and Linux settings.

use ecs_model_internals::arn::Arn;
use ecs_model_internals::{limits, names};

use super::{Checker, environment, health, linux, logging, ports, rules};
use crate::container::{ContainerDefinition, ResourceRequirement, ResourceType};
use crate::path::PathCursor;
use crate::words::quoted;

pub(super) fn check(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    identity(cx, c, at);
    memory(cx, c, at);
    timeouts(cx, c, at);
    restart_policy(cx, c, at);
    resources(cx, c, at);
    credentials(cx, c, at);
    user(cx, c, at);
    ports::check(cx, c, at);
    health::check(cx, c, at);
    logging::check(cx, c, at);
    environment::check(cx, c, at);
    linux::check(cx, c, at);
}

fn identity(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    if let Some(problem) = names::resource_name("container", &c.name) {
        cx.report(&rules::B1, at.key("name").path(), problem);
    }
    if let Some(problem) = names::image(&c.image) {
        let rule = if c.image.is_empty() {
            &rules::B1
        } else {
            &rules::B2
        };
        cx.report(rule, at.key("image").path(), problem);
    }
}

fn memory(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    for (key, value) in [
        ("memory", c.memory),
        ("memoryReservation", c.memory_reservation),
    ] {
        if let Some(problem) = value.and_then(|mib| limits::container_memory(i64::from(mib))) {
            cx.report(&rules::B5, at.key(key).path(), problem);
        }
    }
    if let (Some(memory), Some(reservation)) = (c.memory, c.memory_reservation) {
        if let Some(problem) = limits::memory_reservation(reservation.into(), memory.into()) {
            cx.report(&rules::B4, at.key("memoryReservation").path(), problem);
        }
    }
    if let Some(problem) = c.cpu.and_then(|cpu| limits::container_cpu(cpu.into())) {
        cx.report(&rules::B7, at.key("cpu").path(), problem);
    }
}

fn timeouts(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    for (key, value) in [
        ("startTimeout", c.start_timeout),
        ("stopTimeout", c.stop_timeout),
    ] {
        let Some(seconds) = value else { continue };
        if let Some(problem) = limits::timeout(seconds.into()) {
            cx.report(&rules::B9_ANY, at.key(key).path(), problem);
        } else if !(2..=120).contains(&seconds) {
            cx.report(
                &rules::B9,
                at.key(key).path(),
                format!("{seconds} seconds; Fargate takes 2–120"),
            );
        }
    }
}

fn restart_policy(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    let Some(policy) = &c.restart_policy else {
        return;
    };
    let at = at.key("restartPolicy");
    if policy.ignored_exit_codes.len() > 50 {
        cx.report(
            &rules::B10,
            at.key("ignoredExitCodes").path(),
            format!("{} exit codes; at most 50", policy.ignored_exit_codes.len()),
        );
    }
    if let Some(period) = policy.restart_attempt_period {
        if !(60..=1800).contains(&period) {
            cx.report(
                &rules::B10,
                at.key("restartAttemptPeriod").path(),
                format!("{period} seconds; use 60–1800"),
            );
        }
    }
}

fn resources(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    let list = at.key("resourceRequirements");
    for (i, r) in c.resource_requirements.iter().enumerate() {
        let item = list.index(i);
        let value = r.value.as_deref();
        match (r.r#type, value) {
            (ResourceType::Gpu, _) => {
                gpu(cx, r, &item);
                cx.report(
                    &rules::B12_FARGATE,
                    item.path(),
                    "GPUs are not valid on Fargate",
                );
            }
            (ResourceType::NeuronDevice, value) => {
                if value != Some("ALL") {
                    cx.report(
                        &rules::B12,
                        item.key("value").path(),
                        match value {
                            Some(value) => format!("{}; Neuron devices take `ALL`", quoted(value)),
                            None => "missing; Neuron devices take `ALL`".to_owned(),
                        },
                    );
                }
                cx.report(
                    &rules::B12_NEURON,
                    item.path(),
                    "Neuron devices outside Managed Instances",
                );
            }
            (ResourceType::InferenceAccelerator, None) => cx.report(
                &rules::B12,
                item.key("value").path(),
                "missing; name one of the task's inference accelerators",
            ),
            (ResourceType::InferenceAccelerator, Some(_)) => {}
        }
        if r.r#type != ResourceType::Gpu && r.sharing_strategy.is_some() {
            cx.report(
                &rules::B12,
                item.key("sharingStrategy").path(),
                format!("only GPUs are shared, not {}", r.r#type),
            );
        }
    }
    if cx.td.is_some() {
        let neuron_containers = cx.task.neuron_containers;
        let here = c
            .resource_requirements
            .iter()
            .position(|r| r.r#type == ResourceType::NeuronDevice);
        if neuron_containers > 1 {
            if let Some(i) = here {
                cx.report(
                    &rules::B12,
                    list.index(i).path(),
                    format!("{neuron_containers} containers reserve Neuron devices; only one per task may"),
                );
            }
        }
    }
}

/// A GPU reservation: a count (or `ALL`), or a share through a sharing strategy, not both.
fn gpu(cx: &mut Checker<'_>, r: &ResourceRequirement, item: &PathCursor<'_>) {
    match (&r.value, &r.sharing_strategy) {
        (Some(_), Some(_)) => cx.report(
            &rules::B12,
            item.path(),
            "both `value` and `sharingStrategy`; a GPU takes one of them",
        ),
        (None, None) => cx.report(
            &rules::B12,
            item.key("value").path(),
            "missing; give a GPU count or a `sharingStrategy`",
        ),
        (Some(value), None) => {
            if let Some(problem) = limits::gpus(value) {
                cx.report(&rules::B12, item.key("value").path(), problem);
            }
        }
        (None, Some(strategy)) => {
            let at = item.key("sharingStrategy");
            cx.report(
                &rules::B12_SHARING_EXTERNAL,
                at.path(),
                "GPU sharing on EXTERNAL instances",
            );
            let Some(mps) = &strategy.nvidia_mps else {
                cx.report(
                    &rules::B12,
                    at.path(),
                    "no strategy; set exactly one member (`nvidiaMps`)",
                );
                return;
            };
            let at = at.key("nvidiaMps");
            if mps.memory < 1 {
                cx.report(
                    &rules::B12,
                    at.key("memory").path(),
                    format!("{} MiB; at least 1", mps.memory),
                );
            }
            if let Some(percent) = mps.max_compute_percent
                && !(1..=100).contains(&percent)
            {
                cx.report(
                    &rules::B12,
                    at.key("maxComputePercent").path(),
                    format!("{percent}; use 1–100"),
                );
            }
        }
    }
}

fn credentials(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    if c.credential_specs.len() > 1 {
        cx.report(
            &rules::B13,
            at.key("credentialSpecs").path(),
            format!("{} credential specs; at most 1", c.credential_specs.len()),
        );
    }
    for (i, spec) in c.credential_specs.iter().enumerate() {
        if !(spec.starts_with("credentialspec:") || spec.starts_with("credentialspecdomainless:")) {
            cx.report(
                &rules::B13,
                at.key("credentialSpecs").index(i).path(),
                format!(
                    "{} starts with neither `credentialspec:` nor `credentialspecdomainless:`",
                    quoted(spec)
                ),
            );
        }
    }
    if let Some(creds) = &c.repository_credentials {
        let param = &creds.credentials_parameter;
        if param.is_empty()
            || (param.starts_with("arn:")
                && Arn::parse(param).is_none_or(|arn| arn.service != "secretsmanager"))
        {
            cx.report(
                &rules::B14,
                at.key("repositoryCredentials")
                    .key("credentialsParameter")
                    .path(),
                format!("{} is not a Secrets Manager secret", quoted(param)),
            );
        }
    }
}

fn user(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    let Some(user) = c.user.as_deref() else {
        return;
    };
    cx.report(
        &rules::B15,
        at.key("user").path(),
        format!("{} on Windows", quoted(user)),
    );
    let uid = user.split(':').next().unwrap_or_default();
    if (uid == "0" || uid == "root") && cx.network_mode() == Some(crate::NetworkMode::Host) {
        cx.report(
            &rules::B15_ROOT,
            at.key("user").path(),
            format!("{} runs as root with `host` networking", quoted(user)),
        );
    }
}
