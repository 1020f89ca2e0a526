//! `#[derive(Task)]`: a struct whose fields are containers, as one task definition.

use proc_macro2::Span;
use syn::{DeriveInput, Generics, Ident, Type};

use ecs_model_internals::{enums, limits, units};

use super::read::{
    Hatches, checked_integer, depends_on, enum_value, kebab, keyed_only, named_fields,
    resource_name, string_pairs, string_value,
};
use crate::attr::{self, Arg, Keys, Spanned, all, find};
use crate::check;
use crate::ctxt::Ctxt;

/// `#[derive(Task)]` input.
pub(crate) struct Task {
    pub(crate) ident: Ident,
    pub(crate) generics: Generics,
    pub(crate) family: String,
    pub(crate) launch: Launch,
    /// As the API spells it.
    pub(crate) network_mode: Option<&'static str>,
    pub(crate) execution_role: Option<String>,
    pub(crate) app_role: Option<String>,
    /// Operating system family and CPU architecture, as the API spells them.
    pub(crate) runtime_platform: Option<(&'static str, &'static str)>,
    pub(crate) volumes: Vec<TaskVolume>,
    pub(crate) tags: Vec<(String, String)>,
    pub(crate) ephemeral_storage_gib: Option<i64>,
    pub(crate) hatches: Hatches,
    pub(crate) containers: Vec<TaskContainer>,
}

pub(crate) enum Launch {
    Fargate {
        cpu: u32,
        memory: u32,
    },
    Ec2 {
        cpu: Option<u32>,
        memory: Option<u32>,
    },
    ManagedInstances {
        cpu: Option<u32>,
        memory: Option<u32>,
    },
}

pub(crate) enum TaskVolume {
    Scratch(String),
    Host(String, String),
    Efs {
        name: String,
        file_system_id: String,
        access_point: Option<String>,
    },
    ConfiguredAtLaunch(String),
}

impl TaskVolume {
    pub(crate) fn name(&self) -> &str {
        match self {
            TaskVolume::Scratch(name)
            | TaskVolume::Host(name, _)
            | TaskVolume::ConfiguredAtLaunch(name)
            | TaskVolume::Efs { name, .. } => name,
        }
    }
}

pub(crate) struct TaskContainer {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    pub(crate) essential: Option<bool>,
    pub(crate) depends_on: Vec<(String, &'static str)>,
}

const TASK_KEYS: Keys<'static> = Keys {
    allowed: &[
        "family",
        "fargate",
        "ec2",
        "managed_instances",
        "network_mode",
        "execution_role_arn",
        "task_role_arn",
        "runtime_platform",
        "volume",
        "tag",
        "ephemeral_storage_gib",
        "with",
        "call",
    ],
    repeatable: &["volume", "tag", "with", "call"],
    what: "ecs attribute",
};

const TASK_FIELD_KEYS: Keys<'static> = Keys {
    allowed: &["essential", "depends_on", "skip"],
    repeatable: &["depends_on"],
    what: "ecs field attribute",
};

const SIZE_KEYS: Keys<'static> = Keys {
    allowed: &["cpu", "memory"],
    repeatable: &[],
    what: "task size argument",
};

impl Task {
    pub(crate) fn from_input(cx: &mut Ctxt, input: &DeriveInput) -> Option<Self> {
        let args = attr::ecs_args(cx, &input.attrs);
        TASK_KEYS.check(cx, &args);
        keyed_only(cx, &args);
        let fields = named_fields(cx, input, "Task");
        let family = if let Some(arg) = find(&args, "family") {
            string_value(cx, arg, "\"<family>\"")
        } else {
            Some(Spanned::new(
                kebab(&input.ident.to_string()),
                input.ident.span(),
            ))
        };
        if let Some(family) = &family {
            resource_name(cx, "family", family);
        }
        let network_mode = find(&args, "network_mode")
            .and_then(|a| enum_value(cx, a, enums::NETWORK_MODES, "network mode"));
        let runtime_platform =
            find(&args, "runtime_platform").and_then(|a| runtime_platform(cx, a));
        let windows = runtime_platform.is_some_and(|(os, _)| os != "LINUX");
        let launch = launch(cx, &args, windows, network_mode, input.ident.span());
        let containers = fields.map(|f| task_fields(cx, f)).unwrap_or_default();
        if fields.is_some() {
            check::container_count(cx, input.ident.span(), containers.len());
        }
        let task = Task {
            ident: input.ident.clone(),
            generics: input.generics.clone(),
            family: family.map(|f| f.value).unwrap_or_default(),
            network_mode,
            execution_role: role(cx, &args, "execution_role_arn"),
            app_role: role(cx, &args, "task_role_arn"),
            runtime_platform,
            volumes: volumes(cx, &args),
            tags: string_pairs(cx, &args, "tag", "\"<key>\", \"<value>\""),
            ephemeral_storage_gib: checked_integer(
                cx,
                &args,
                "ephemeral_storage_gib",
                "<GiB>",
                limits::ephemeral_storage,
            ),
            hatches: Hatches::read(cx, &args, "TaskDefinitionBuilder"),
            containers,
            // Last: every other attribute is checked even when the launch type is wrong.
            launch: launch?,
        };
        cx.is_ok().then_some(task)
    }
}

/// `cpu = "…"`/`memory = "…"` of a launch type: amounts ECS accepts, as strings or integers.
fn task_size(cx: &mut Ctxt, args: &[Arg]) -> (Option<Spanned<u32>>, Option<Spanned<u32>>) {
    SIZE_KEYS.check(cx, args);
    let read = |cx: &mut Ctxt, key: &str, unit: units::Unit, example: &str| {
        let arg = find(args, key)?;
        let Arg::Value(_, expr) = arg else {
            cx.error(arg.span(), format!("expected `{key} = {example}`"));
            return None;
        };
        match (attr::string(expr), attr::integer(expr)) {
            (Some(text), _) => match unit.read(&text.value) {
                Ok(amount) => Some(Spanned::new(amount, text.span)),
                Err(reason) => {
                    let problem = unit.not_an_amount(&text.value, &reason);
                    cx.error(text.span, format!("{problem} ({})", unit.hint));
                    None
                }
            },
            (None, Some(number)) => {
                let amount = u32::try_from(number.value).ok();
                if amount.is_none() {
                    cx.error(number.span, format!("expected `{key} = {example}`"));
                }
                amount.map(|v| Spanned::new(v, number.span))
            }
            (None, None) => {
                cx.error_spanned(expr, format!("expected `{key} = {example}`"));
                None
            }
        }
    };
    let cpu = read(cx, "cpu", units::CPU, "\"<units>\" or \"<n> vCPU\"");
    let memory = read(cx, "memory", units::MEMORY, "\"<MiB>\" or \"<n> GB\"");
    if let Some(memory) = &memory {
        if let Some(problem) = limits::task_memory(memory.value) {
            cx.error(memory.span, format!("`memory`: {problem}"));
        }
    }
    (cpu, memory)
}

/// An IAM role ARN attribute.
fn role(cx: &mut Ctxt, args: &[Arg], key: &str) -> Option<String> {
    let arn = find(args, key)
        .and_then(|a| string_value(cx, a, "\"arn:aws:iam::<account>:role/<name>\""))?;
    let is_role = ecs_model_internals::arn::Arn::parse(&arn.value)
        .is_some_and(|a| a.service == "iam" && a.resource.starts_with("role/"));
    if !is_role {
        cx.error(
            arn.span,
            format!(
                "{:?} is not an IAM role ARN (`arn:aws:iam::<account>:role/<name>`)",
                arn.value
            ),
        );
    }
    Some(arn.value)
}

/// The task's volumes, each name once.
fn volumes(cx: &mut Ctxt, args: &[Arg]) -> Vec<TaskVolume> {
    let mut volumes: Vec<TaskVolume> = Vec::new();
    for arg in all(args, "volume") {
        let Some(volume) = volume(cx, arg) else {
            continue;
        };
        check::volume_once(cx, arg, volumes.iter().map(TaskVolume::name), volume.name());
        volumes.push(volume);
    }
    volumes
}

fn launch(
    cx: &mut Ctxt,
    args: &[Arg],
    windows: bool,
    network_mode: Option<&str>,
    span: Span,
) -> Option<Launch> {
    let arg = check::one_launch_type(cx, args, span)?;
    let key = arg.key().map(ToString::to_string).unwrap_or_default();
    let (cpu, memory) = match arg {
        Arg::Flag(_) => (None, None),
        Arg::Nested(_, inner, _) => task_size(cx, inner),
        _ => {
            cx.error(
                arg.span(),
                format!("expected `{key}` or `{key}(cpu = …, memory = …)`"),
            );
            return None;
        }
    };
    match key.as_str() {
        "fargate" => {
            let (cpu, memory) = check::fargate(cx, args, arg, cpu, memory, windows, network_mode)?;
            Some(Launch::Fargate { cpu, memory })
        }
        "ec2" => Some(Launch::Ec2 {
            cpu: cpu.map(|c| c.value),
            memory: memory.map(|m| m.value),
        }),
        _ => Some(Launch::ManagedInstances {
            cpu: cpu.map(|c| c.value),
            memory: memory.map(|m| m.value),
        }),
    }
}

const PLATFORM_KEYS: Keys<'static> = Keys {
    allowed: &["os", "cpu_architecture"],
    repeatable: &[],
    what: "`runtime_platform` argument",
};

fn runtime_platform(cx: &mut Ctxt, arg: &Arg) -> Option<(&'static str, &'static str)> {
    let inner = attr::nested(cx, arg, "os = \"LINUX\", cpu_architecture = \"X86_64\"")?;
    PLATFORM_KEYS.check(cx, inner);
    let os = match find(inner, "os") {
        Some(a) => enum_value(cx, a, enums::OS_FAMILIES, "operating system family")?,
        None => "LINUX",
    };
    let arch = match find(inner, "cpu_architecture") {
        Some(a) => enum_value(cx, a, enums::CPU_ARCHITECTURES, "CPU architecture")?,
        None => "X86_64",
    };
    Some((os, arch))
}

const VOLUME_KEYS: Keys<'static> = Keys {
    allowed: &[
        "name",
        "host",
        "efs",
        "access_point",
        "configured_at_launch",
    ],
    repeatable: &[],
    what: "`volume` argument",
};

fn volume(cx: &mut Ctxt, arg: &Arg) -> Option<TaskVolume> {
    let inner = attr::nested(
        cx,
        arg,
        "name = \"…\", host = \"…\" | efs = \"fs-…\" | configured_at_launch",
    )?;
    VOLUME_KEYS.check(cx, inner);
    let name = find(inner, "name").and_then(|a| string_value(cx, a, "\"<volume name>\""));
    let Some(name) = name else {
        cx.error(arg.span(), "a volume needs `name = \"…\"`");
        return None;
    };
    resource_name(cx, "volume", &name);
    let host = find(inner, "host").and_then(|a| string_value(cx, a, "\"<host path>\""));
    let efs = find(inner, "efs").and_then(|a| string_value(cx, a, "\"fs-…\""));
    let access_point = find(inner, "access_point").and_then(|a| string_value(cx, a, "\"fsap-…\""));
    let at_launch = find(inner, "configured_at_launch")
        .and_then(|a| attr::flag(cx, a))
        .unwrap_or(false);
    let configurations =
        usize::from(host.is_some()) + usize::from(efs.is_some()) + usize::from(at_launch);
    let stray_access_point = access_point.is_some() && efs.is_none();
    if !check::volume_kind(cx, arg, configurations, stray_access_point) {
        return None;
    }
    Some(match (host, efs) {
        (Some(host), _) => TaskVolume::Host(name.value, host.value),
        (_, Some(efs)) => TaskVolume::Efs {
            name: name.value,
            file_system_id: efs.value,
            access_point: access_point.map(|a| a.value),
        },
        _ if at_launch => TaskVolume::ConfiguredAtLaunch(name.value),
        _ => TaskVolume::Scratch(name.value),
    })
}

fn task_fields(cx: &mut Ctxt, fields: &syn::FieldsNamed) -> Vec<TaskContainer> {
    let mut out = Vec::new();
    for field in &fields.named {
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let args = attr::ecs_args(cx, &field.attrs);
        TASK_FIELD_KEYS.check(cx, &args);
        if find(&args, "skip").is_some() {
            continue;
        }
        out.push(TaskContainer {
            ident,
            ty: field.ty.clone(),
            essential: find(&args, "essential").and_then(|a| attr::flag(cx, a)),
            depends_on: all(&args, "depends_on")
                .filter_map(|a| depends_on(cx, a))
                .collect(),
        });
    }
    out
}
