//! Task-level rules (section A) and the rules that add up over containers (B6, B8, B12, C7, F7,
//! G3, H9).

use std::collections::{BTreeMap, HashSet};

use ecs_model_internals::{fargate, limits, names, units};

use super::{Checker, rules};
use crate::container::{LogDriver, ResourceType};
use crate::path::json_path;
use crate::task_definition::{
    CpuArchitecture, IsolationMode, NetworkMode, PidMode, TaskDefinition,
};
use crate::words::quoted;

/// The largest task definition ECS registers, in bytes of compact JSON.
pub(crate) const MAX_SIZE: usize = 64 * 1024;

pub(super) fn check(cx: &mut Checker<'_>, td: &TaskDefinition) {
    family(cx, td);
    container_count(cx, td);
    size(cx, td);
    compatibilities(cx, td);
    network_mode(cx, td);
    task_size(cx, td);
    namespaces(cx, td);
    placement(cx, td);
    ephemeral_storage(cx, td);
    proxy(cx, td);
    accelerators(cx, td);
    gpu_sharing(cx, td);
    trusted_execution(cx, td);
    tags(cx, td);
    execution_role(cx, td);
    container_totals(cx, td);
    unique_names(cx, td);
    firelens(cx, td);
    environment_files(cx, td);
    system_controls(cx, td);
}

fn family(cx: &mut Checker<'_>, td: &TaskDefinition) {
    if let Some(problem) = names::resource_name("family", &td.family) {
        cx.report(&rules::A1, json_path!("family"), problem);
    }
}

fn container_count(cx: &mut Checker<'_>, td: &TaskDefinition) {
    if let Some(problem) = limits::containers(td.container_definitions.len()) {
        cx.report(&rules::A2, json_path!("containerDefinitions"), problem);
    }
}

fn size(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let size = crate::json::rendered_len(td);
    if size > MAX_SIZE {
        cx.report(
            &rules::A3,
            json_path!(),
            format!(
                "the rendered definition is {size} bytes; ECS accepts at most {MAX_SIZE} (64 KiB)"
            ),
        );
    }
}

fn compatibilities(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let mut seen = Vec::new();
    for (i, c) in td.requires_compatibilities.iter().enumerate() {
        if seen.contains(c) {
            cx.report(
                &rules::A6,
                json_path!("requiresCompatibilities"[i]),
                format!("`{c}` is listed twice"),
            );
        }
        seen.push(*c);
    }
}

fn network_mode(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let mode = td.network_mode;
    if mode != Some(NetworkMode::Awsvpc) {
        cx.report(
            &rules::A5_FARGATE,
            json_path!("networkMode"),
            match mode {
                Some(mode) => format!("`{mode}` on Fargate; Fargate tasks need `awsvpc`"),
                None => "missing; Fargate tasks need `awsvpc`".to_owned(),
            },
        );
    }
    if let Some(mode @ (NetworkMode::Bridge | NetworkMode::Host | NetworkMode::None)) = mode {
        cx.report(
            &rules::A5_WINDOWS,
            json_path!("networkMode"),
            format!("`{mode}` on Windows; use the default (omit it) or `awsvpc`"),
        );
    }
    if mode == Some(NetworkMode::Awsvpc) {
        cx.report(
            &rules::A20,
            json_path!("networkMode"),
            "`awsvpc` on External (ECS Anywhere); use `bridge`, `host` or `none`",
        );
    }
    if mode == Some(NetworkMode::Bridge) {
        cx.report(
            &rules::A21,
            json_path!("networkMode"),
            "`bridge` on Managed Instances; use `awsvpc`, `host` or `none`",
        );
    }
}

fn task_size(cx: &mut Checker<'_>, td: &TaskDefinition) {
    if let Some(cpu) = &td.cpu {
        if let Some(problem) = cpu.problem() {
            cx.report(
                &rules::A7,
                json_path!("cpu"),
                format!("{problem} ({})", units::CPU.hint),
            );
        } else if let Some(units) = cpu.units() {
            if !(128..=196_608).contains(&units) {
                cx.report(
                    &rules::A7_RANGE,
                    json_path!("cpu"),
                    format!("{units} CPU units; tasks take 128–196,608 (0.125–192 vCPU)"),
                );
            }
        }
    }
    if let Some(memory) = &td.memory {
        if let Some(problem) = memory.problem() {
            cx.report(
                &rules::A7,
                json_path!("memory"),
                format!("{problem} ({})", units::MEMORY.hint),
            );
        } else if let Some(problem) = memory.mib().and_then(limits::task_memory) {
            cx.report(&rules::A7, json_path!("memory"), problem);
        }
    }
    match (&td.cpu, &td.memory) {
        (None, None) => cx.report(
            &rules::A8,
            json_path!("cpu"),
            "Fargate tasks need `cpu` and `memory`; both are missing",
        ),
        (None, Some(_)) => cx.report(
            &rules::A8,
            json_path!("cpu"),
            "Fargate tasks need `cpu` with `memory`",
        ),
        (Some(_), None) => cx.report(
            &rules::A8,
            json_path!("memory"),
            "Fargate tasks need `memory` with `cpu`",
        ),
        (Some(cpu), Some(memory)) => {
            if let (Some(units), Some(mib)) = (cpu.units(), memory.mib()) {
                let windows = td.is_windows();
                if let Err(problem) = fargate::size(units, mib, windows) {
                    let rule = if windows { &rules::A10 } else { &rules::A9 };
                    let at = match problem {
                        fargate::SizeProblem::Cpu(_) => json_path!("cpu"),
                        fargate::SizeProblem::Memory(_) => json_path!("memory"),
                    };
                    cx.report(rule, at, problem.message());
                }
            }
        }
    }
    if td
        .runtime_platform
        .as_ref()
        .and_then(|p| p.cpu_architecture)
        == Some(CpuArchitecture::Arm64)
    {
        cx.report(
            &rules::A10,
            json_path!("runtimePlatform", "cpuArchitecture"),
            "Fargate Windows runs on X86_64 only",
        );
    }
    if td.cpu.is_some() || td.memory.is_some() {
        cx.report(
            &rules::A11,
            if td.cpu.is_some() {
                json_path!("cpu")
            } else {
                json_path!("memory")
            },
            "Windows containers on EC2 ignore task-level cpu and memory; set them per container",
        );
    }
}

fn namespaces(cx: &mut Checker<'_>, td: &TaskDefinition) {
    if let Some(mode) = td.pid_mode {
        if mode == PidMode::Host {
            cx.report(
                &rules::A12,
                json_path!("pidMode"),
                "`host` on Fargate; Fargate supports only `task`",
            );
        }
        cx.report(
            &rules::A12_WINDOWS,
            json_path!("pidMode"),
            format!("`{mode}` on Windows"),
        );
    }
    if let Some(mode) = td.ipc_mode {
        cx.report(
            &rules::A13,
            json_path!("ipcMode"),
            format!("`{mode}` on Fargate"),
        );
        cx.report(
            &rules::A13_WINDOWS,
            json_path!("ipcMode"),
            format!("`{mode}` on Windows"),
        );
    }
}

fn placement(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let n = td.placement_constraints.len();
    if n > 10 {
        cx.report(
            &rules::A14,
            json_path!("placementConstraints"),
            format!("{n} constraints; at most 10"),
        );
    }
    if n > 0 {
        cx.report(
            &rules::A14_FARGATE,
            json_path!("placementConstraints"),
            "placement constraints on Fargate",
        );
    }
}

fn ephemeral_storage(cx: &mut Checker<'_>, td: &TaskDefinition) {
    if let Some(storage) = &td.ephemeral_storage {
        if let Some(problem) = limits::ephemeral_storage(i64::from(storage.size_in_gib)) {
            cx.report(
                &rules::A15,
                json_path!("ephemeralStorage", "sizeInGiB"),
                problem,
            );
        }
        if !cx.task.fargate {
            cx.report(
                &rules::A15_FARGATE_ONLY,
                json_path!("ephemeralStorage"),
                "ephemeral storage is only configurable on Fargate",
            );
        }
    }
}

fn proxy(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let Some(proxy) = &td.proxy_configuration else {
        return;
    };
    if td.container(&proxy.container_name).is_none() {
        cx.report(
            &rules::A16,
            json_path!("proxyConfiguration", "containerName"),
            format!("no container is named {}", quoted(&proxy.container_name)),
        );
    }
    if td.network_mode != Some(NetworkMode::Awsvpc) {
        cx.report(
            &rules::A16,
            json_path!("proxyConfiguration"),
            "a proxy configuration needs the `awsvpc` network mode",
        );
    }
}

fn accelerators(cx: &mut Checker<'_>, td: &TaskDefinition) {
    if !td.inference_accelerators.is_empty() {
        cx.report(
            &rules::A17_FARGATE,
            json_path!("inferenceAccelerators"),
            "inference accelerators on Fargate",
        );
    }
    for (i, c) in td.container_definitions.iter().enumerate() {
        for (j, r) in c.resource_requirements.iter().enumerate() {
            if r.r#type == ResourceType::InferenceAccelerator
                && !td
                    .inference_accelerators
                    .iter()
                    .any(|a| Some(a.device_name.as_str()) == r.value.as_deref())
            {
                cx.report(
                    &rules::A17,
                    json_path!(
                        "containerDefinitions"[i],
                        "resourceRequirements"[j],
                        "value"
                    ),
                    format!(
                        "no task inference accelerator is named {}",
                        quoted(r.value.as_deref().unwrap_or_default())
                    ),
                );
            }
        }
    }
}

/// The containers of a task that request GPUs all take counts or all share them (`ECS-B12`).
fn gpu_sharing(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let gpus = td
        .container_definitions
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.resource_requirements
                .iter()
                .enumerate()
                .filter(|(_, r)| r.r#type == ResourceType::Gpu)
                .map(move |(j, r)| (i, j, r.sharing_strategy.is_some()))
        });
    let mut first: Option<(usize, bool)> = None;
    for (i, j, shared) in gpus {
        match first {
            None => first = Some((i, shared)),
            Some((container, kind)) if kind != shared => cx.report(
                &rules::B12,
                json_path!("containerDefinitions"[i], "resourceRequirements"[j]),
                format!(
                    "{} while container {container} {}; a task's GPU containers all use the same option",
                    if shared { "shares a GPU" } else { "reserves whole GPUs" },
                    if kind { "shares one" } else { "reserves whole GPUs" },
                ),
            ),
            Some(_) => {}
        }
    }
}

/// Trusted execution (`ECS-A23`): Managed Instances only; the confidential sandbox needs an
/// attestation policy, base64-encoded.
fn trusted_execution(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let Some(config) = &td.trusted_execution_configuration else {
        return;
    };
    let at = json_path!("trustedExecutionConfiguration");
    cx.report(
        &rules::A23_MANAGED,
        at.clone(),
        "trusted execution outside Managed Instances",
    );
    match (&config.attestation_policy, config.isolation_mode) {
        (None, IsolationMode::ConfidentialSandbox) => cx.report(
            &rules::A23,
            at.key("attestationPolicy"),
            "missing; `CONFIDENTIAL_SANDBOX` needs an attestation policy",
        ),
        (Some(policy), _) if !is_base64(policy) => cx.report(
            &rules::A23,
            at.key("attestationPolicy"),
            "not base64 (the policy envelope is base64-encoded)",
        ),
        _ => {}
    }
}

/// Standard base64 with padding, as ECS takes the attestation policy.
fn is_base64(text: &str) -> bool {
    let body = text.trim_end_matches('=');
    !text.is_empty()
        && text.len() % 4 == 0
        && text.len() - body.len() <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

fn tags(cx: &mut Checker<'_>, td: &TaskDefinition) {
    for (at, problem) in crate::tag::problems(&td.tags) {
        cx.report(&rules::A19, json_path!("tags").join(&at), problem);
    }
}

/// Whether an image is pulled from ECR (`<account>.dkr.ecr.<region>.amazonaws.com/...`).
pub(crate) fn is_ecr_image(image: &str) -> bool {
    let host = image.split('/').next().unwrap_or_default();
    image.contains('/') && host.contains(".dkr.ecr.") && host.contains(".amazonaws.com")
}

fn execution_role(cx: &mut Checker<'_>, td: &TaskDefinition) {
    if td.execution_role_arn.is_some() || !cx.task.fargate {
        return;
    }
    let mut needs = Vec::new();
    for (i, c) in td.container_definitions.iter().enumerate() {
        if is_ecr_image(&c.image) {
            needs.push(format!("the ECR image of containerDefinitions[{i}]"));
        }
        if !c.secrets.is_empty() {
            needs.push(format!("the secrets of containerDefinitions[{i}]"));
        }
        if c.repository_credentials.is_some() {
            needs.push(format!(
                "the registry credentials of containerDefinitions[{i}]"
            ));
        }
        if let Some(log) = &c.log_configuration {
            if log.log_driver == LogDriver::Awslogs {
                cx.report(
                    &rules::F6,
                    json_path!("executionRoleArn"),
                    format!("missing; containerDefinitions[{i}] logs with `awslogs`, which needs an execution role on Fargate"),
                );
            }
            if !log.secret_options.is_empty() {
                needs.push(format!(
                    "the log secret options of containerDefinitions[{i}]"
                ));
            }
        }
    }
    if !needs.is_empty() {
        cx.report(
            &rules::A22,
            json_path!("executionRoleArn"),
            format!(
                "missing; Fargate needs an execution role for {}",
                needs.join(", ")
            ),
        );
    }
}

fn container_totals(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let containers = &td.container_definitions;
    if !containers.is_empty()
        && !containers
            .iter()
            .any(crate::ContainerDefinition::is_essential)
    {
        cx.report(
            &rules::B8,
            json_path!("containerDefinitions"),
            "no container is essential; mark at least one `essential: true`",
        );
    }
    if let Some(task_mib) = td.memory.as_ref().and_then(crate::Memory::mib) {
        let reserved: i64 = containers
            .iter()
            .map(|c| i64::from(c.memory_reservation.or(c.memory).unwrap_or(0)))
            .sum();
        if reserved > i64::from(task_mib) {
            cx.report(
                &rules::B6,
                json_path!("memory"),
                format!(
                    "containers reserve {reserved} MiB in all, more than the task's {task_mib} MiB"
                ),
            );
        }
        for (i, c) in containers.iter().enumerate() {
            if let Some(memory) = c.memory {
                if i64::from(memory) > i64::from(task_mib) {
                    cx.report(
                        &rules::B6,
                        json_path!("containerDefinitions"[i], "memory"),
                        format!("{memory} MiB, more than the task's {task_mib} MiB"),
                    );
                }
            }
        }
    }
    if let Some(task_units) = td.cpu.as_ref().and_then(crate::Cpu::units) {
        let total: i64 = containers
            .iter()
            .map(|c| i64::from(c.cpu.unwrap_or(0)))
            .sum();
        if total > i64::from(task_units) {
            cx.report(
                &rules::B6,
                json_path!("cpu"),
                format!(
                    "containers reserve {total} CPU units in all, more than the task's {task_units}"
                ),
            );
        }
    }
    if td.memory.is_none() {
        for (i, c) in containers.iter().enumerate() {
            if c.memory.is_none() && c.memory_reservation.is_none() {
                cx.report(
                    &rules::B3,
                    json_path!("containerDefinitions"[i]),
                    format!(
                        "container {} sets neither `memory` nor `memoryReservation`, and the task sets no `memory`",
                        quoted(&c.name)
                    ),
                );
            }
        }
    }
}

fn unique_names(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let mut names = HashSet::new();
    for (i, c) in td.container_definitions.iter().enumerate() {
        if !names.insert(c.name.as_str()) {
            cx.report(
                &rules::B1,
                json_path!("containerDefinitions"[i], "name"),
                format!("{} is the name of an earlier container", quoted(&c.name)),
            );
        }
    }
    let ports: Vec<(&str, (usize, usize))> = td
        .container_definitions
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.port_mappings
                .iter()
                .enumerate()
                .filter_map(move |(j, p)| Some((p.name.as_deref()?, (i, j))))
        })
        .collect();
    for ((i, j), (ci, pj), name) in super::repeats(ports) {
        cx.report(
            &rules::C7,
            json_path!("containerDefinitions"[i], "portMappings"[j], "name"),
            format!(
                "{} is already the name of containerDefinitions[{ci}].portMappings[{pj}]; port names are unique in the task",
                quoted(name)
            ),
        );
    }
}

fn firelens(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let routers: Vec<usize> = td
        .container_definitions
        .iter()
        .enumerate()
        .filter(|(_, c)| c.firelens_configuration.is_some())
        .map(|(i, _)| i)
        .collect();
    for &i in routers.iter().skip(1) {
        cx.report(
            &rules::F7,
            json_path!("containerDefinitions"[i], "firelensConfiguration"),
            format!(
                "a second FireLens router (containerDefinitions[{}] is one); a task has one",
                routers[0]
            ),
        );
    }
    if routers.is_empty() {
        for (i, c) in td.container_definitions.iter().enumerate() {
            if c.log_configuration
                .as_ref()
                .is_some_and(|l| l.log_driver == LogDriver::Awsfirelens)
            {
                cx.report(
                    &rules::F7,
                    json_path!("containerDefinitions"[i], "logConfiguration", "logDriver"),
                    "`awsfirelens` needs a container with `firelensConfiguration` (the log router) in the task",
                );
            }
        }
    }
    for &i in &routers {
        let options = &td.container_definitions[i]
            .firelens_configuration
            .as_ref()
            .map(|f| f.options.clone())
            .unwrap_or_default();
        if let Some(kind) = options.get("config-file-type") {
            if kind != "file" {
                cx.report(
                    &rules::F7_FARGATE,
                    json_path!(
                        "containerDefinitions"[i],
                        "firelensConfiguration",
                        "options"
                    )
                    .key("config-file-type"),
                    format!(
                        "{}; Fargate reads FireLens config only from a `file`",
                        quoted(kind)
                    ),
                );
            }
        }
    }
}

fn environment_files(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let total: usize = td
        .container_definitions
        .iter()
        .map(|c| c.environment_files.len())
        .sum();
    if total > 10 {
        cx.report(
            &rules::G3,
            json_path!("containerDefinitions"),
            format!("{total} environment files in all; a task definition takes at most 10"),
        );
    }
}

fn system_controls(cx: &mut Checker<'_>, td: &TaskDefinition) {
    if td.network_mode != Some(NetworkMode::Awsvpc) {
        return;
    }
    let mut values: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    for (i, c) in td.container_definitions.iter().enumerate() {
        for (j, sc) in c.system_controls.iter().enumerate() {
            let (Some(ns), Some(value)) = (sc.namespace.as_deref(), sc.value.as_deref()) else {
                continue;
            };
            if !ns.starts_with("net.") {
                continue;
            }
            match values.get(ns) {
                Some((first, ci)) if first != &value => cx.report(
                    &rules::H9_AWSVPC,
                    json_path!("containerDefinitions"[i], "systemControls"[j], "value"),
                    format!(
                        "{ns} is {} here but {} in containerDefinitions[{ci}]; with `awsvpc` one value applies to the whole task",
                        quoted(value),
                        quoted(first)
                    ),
                ),
                Some(_) => {}
                None => {
                    values.insert(ns, (value, i));
                }
            }
        }
    }
}
