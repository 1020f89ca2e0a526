//! `#[derive(Container)]`: the struct's attributes as a container definition, its fields as the
//! variables the container reads.

use proc_macro2::Span;
use syn::ext::IdentExt as _;
use syn::{DeriveInput, Expr, Generics, Ident, Lit, Type};

use ecs_model_internals::{enums, limits, names, secrets};

use super::read::{
    Hatches, checked_integer, depends_on, enum_value, integer_value, kebab, keyed_only,
    named_fields, resource_name, screaming_snake, string_pair, string_pairs, string_value,
};
use crate::attr::{self, Arg, Keys, Spanned, all, find, positional};
use crate::check;
use crate::ctxt::Ctxt;

/// `#[derive(Container)]` input.
pub(crate) struct Container {
    pub(crate) ident: Ident,
    pub(crate) generics: Generics,
    pub(crate) name: String,
    pub(crate) image: String,
    pub(crate) resources: Resources,
    pub(crate) ports: Vec<Port>,
    pub(crate) process: Process,
    pub(crate) wiring: Wiring,
    pub(crate) health_check: Option<HealthCheck>,
    pub(crate) log: Option<Log>,
    pub(crate) firelens: Option<(&'static str, Vec<(String, String)>)>,
    pub(crate) hatches: Hatches,
    pub(crate) fields: Vec<Field>,
}

/// CPU, memory and GPUs.
pub(crate) struct Resources {
    pub(crate) cpu: Option<i64>,
    pub(crate) memory: Option<i64>,
    pub(crate) memory_reservation: Option<i64>,
    pub(crate) gpus: Option<i64>,
}

/// How the container's process runs.
pub(crate) struct Process {
    pub(crate) essential: Option<bool>,
    pub(crate) command: Option<Vec<String>>,
    pub(crate) entry_point: Option<Vec<String>>,
    pub(crate) working_directory: Option<String>,
    pub(crate) user: Option<String>,
    pub(crate) readonly_root_filesystem: Option<bool>,
    pub(crate) init_process_enabled: Option<bool>,
    pub(crate) stop_timeout: Option<i64>,
    pub(crate) start_timeout: Option<i64>,
    /// Name (as the API spells it), soft and hard limit.
    pub(crate) ulimits: Vec<(&'static str, i64, i64)>,
}

/// What ties the container to the rest of the task: volumes, other containers, labels,
/// constant variables.
pub(crate) struct Wiring {
    pub(crate) mounts: Vec<(String, String, bool)>,
    /// Container and condition (as the API spells it).
    pub(crate) depends_on: Vec<(String, &'static str)>,
    pub(crate) docker_labels: Vec<(String, String)>,
    pub(crate) env: Vec<(String, String)>,
}

pub(crate) struct Port {
    pub(crate) number: Option<i64>,
    pub(crate) range: Option<(i64, i64)>,
    pub(crate) host: Option<i64>,
    pub(crate) name: Option<String>,
    pub(crate) protocol: Option<&'static str>,
    pub(crate) app_protocol: Option<&'static str>,
}

pub(crate) struct HealthCheck {
    pub(crate) command: HealthCommand,
    pub(crate) interval: Option<i64>,
    pub(crate) timeout: Option<i64>,
    pub(crate) retries: Option<i64>,
    pub(crate) start_period: Option<i64>,
}

pub(crate) enum HealthCommand {
    Shell(String),
    Exec(Vec<String>),
}

pub(crate) struct Log {
    pub(crate) driver: &'static str,
    pub(crate) options: Vec<(String, String)>,
    pub(crate) secret_options: Vec<(String, String)>,
}

/// A field of a container config struct.
pub(crate) struct Field {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    pub(crate) kind: FieldKind,
}

#[allow(clippy::large_enum_variant)] // a handful per derive, built once at compile time
pub(crate) enum FieldKind {
    /// Read from a variable: the field type is `inner`, wrapped in `Option` when `optional`.
    Var {
        name: String,
        /// The name's literal, or the field's identifier when the name is derived from it.
        name_span: Span,
        secret: Option<String>,
        default: Option<String>,
        inner: Type,
        optional: bool,
    },
    /// Not part of the container: `Default::default()` when read from the environment.
    Skip,
}

const CONTAINER_KEYS: Keys<'static> = Keys {
    allowed: &[
        "name",
        "image",
        "cpu",
        "memory",
        "memory_reservation",
        "port",
        "essential",
        "command",
        "entry_point",
        "working_directory",
        "user",
        "readonly_root_filesystem",
        "init_process_enabled",
        "stop_timeout",
        "start_timeout",
        "ulimit",
        "mount",
        "depends_on",
        "docker_label",
        "env",
        "health_check",
        "awslogs",
        "log",
        "firelens",
        "gpus",
        "with",
        "call",
    ],
    repeatable: &[
        "port",
        "ulimit",
        "mount",
        "depends_on",
        "docker_label",
        "env",
        "with",
        "call",
    ],
    what: "ecs attribute",
};

const FIELD_KEYS: Keys<'static> = Keys {
    allowed: &["env", "secret", "var", "default", "skip"],
    repeatable: &[],
    what: "ecs field attribute",
};

impl Container {
    pub(crate) fn from_input(cx: &mut Ctxt, input: &DeriveInput) -> Option<Self> {
        let args = attr::ecs_args(cx, &input.attrs);
        CONTAINER_KEYS.check(cx, &args);
        keyed_only(cx, &args);
        let fields = named_fields(cx, input, "Container");
        let (name, image) = identity(cx, &args, &input.ident);
        let fields = fields.map(|f| read_fields(cx, f)).unwrap_or_default();
        let wiring = Wiring::read(cx, &args);
        let variables = fields.iter().filter_map(|f| match &f.kind {
            FieldKind::Var {
                name, name_span, ..
            } => Some((
                name.clone(),
                *name_span,
                format!("field `{}`", f.ident.unraw()),
            )),
            FieldKind::Skip => None,
        });
        check::variable_names(cx, &args, &wiring.env, variables);
        let container = Container {
            ident: input.ident.clone(),
            generics: input.generics.clone(),
            name,
            image,
            resources: Resources::read(cx, &args),
            ports: ports(cx, &args),
            process: Process::read(cx, &args),
            wiring,
            health_check: find(&args, "health_check").and_then(|a| health_check(cx, a)),
            log: log(cx, &args),
            firelens: find(&args, "firelens").and_then(|a| firelens(cx, a)),
            hatches: Hatches::read(cx, &args, "ContainerDefinitionBuilder"),
            fields,
        };
        cx.is_ok().then_some(container)
    }
}

/// The container's name (default: the type's, in kebab case) and image (required).
fn identity(cx: &mut Ctxt, args: &[Arg], ident: &Ident) -> (String, String) {
    let name = if let Some(arg) = find(args, "name") {
        string_value(cx, arg, "\"<container name>\"")
    } else {
        Some(Spanned::new(kebab(&ident.to_string()), ident.span()))
    };
    if let Some(name) = &name {
        resource_name(cx, "container", name);
    }
    let image = if let Some(arg) = find(args, "image") {
        string_value(cx, arg, "\"<image>\"")
    } else {
        cx.error(
            ident.span(),
            "missing `#[ecs(image = \"…\")]`: a container needs an image",
        );
        None
    };
    if let Some(image) = &image {
        if let Some(problem) = names::image(&image.value) {
            cx.error(image.span, problem);
        }
    }
    (
        name.map(|n| n.value).unwrap_or_default(),
        image.map(|i| i.value).unwrap_or_default(),
    )
}

impl Resources {
    fn read(cx: &mut Ctxt, args: &[Arg]) -> Self {
        let cpu = checked_integer(
            cx,
            args,
            "cpu",
            "<integer CPU units>",
            limits::container_cpu,
        );
        let memory = container_memory(cx, args, "memory");
        let memory_reservation = container_memory(cx, args, "memory_reservation");
        check::memory_reservation(cx, args, memory, memory_reservation);
        let gpus = checked_integer(cx, args, "gpus", "<GPU count>", |n| {
            limits::gpus(&n.to_string())
        });
        Resources {
            cpu,
            memory,
            memory_reservation,
            gpus,
        }
    }
}

fn container_memory(cx: &mut Ctxt, args: &[Arg], key: &str) -> Option<i64> {
    let value = integer_value(cx, find(args, key)?, "<integer MiB>")?;
    if let Some(problem) = limits::container_memory(value.value) {
        cx.error(value.span, format!("`{key}`: {problem}"));
    }
    Some(value.value)
}

impl Process {
    fn read(cx: &mut Ctxt, args: &[Arg]) -> Self {
        let switch = |cx: &mut Ctxt, key: &str| find(args, key).and_then(|a| attr::flag(cx, a));
        let program = |cx: &mut Ctxt, key: &str| {
            find(args, key).and_then(|a| attr::value(cx, a, "[\"…\", …]", attr::strings))
        };
        let text = |cx: &mut Ctxt, key: &str, shape: &str| {
            find(args, key)
                .and_then(|a| string_value(cx, a, shape))
                .map(|s| s.value)
        };
        let seconds =
            |cx: &mut Ctxt, key: &str| checked_integer(cx, args, key, "<seconds>", limits::timeout);
        Process {
            essential: switch(cx, "essential"),
            command: program(cx, "command"),
            entry_point: program(cx, "entry_point"),
            working_directory: text(cx, "working_directory", "\"<path>\""),
            user: text(cx, "user", "\"<user[:group]>\""),
            readonly_root_filesystem: switch(cx, "readonly_root_filesystem"),
            init_process_enabled: switch(cx, "init_process_enabled"),
            stop_timeout: seconds(cx, "stop_timeout"),
            start_timeout: seconds(cx, "start_timeout"),
            ulimits: all(args, "ulimit").filter_map(|a| ulimit(cx, a)).collect(),
        }
    }
}

impl Wiring {
    fn read(cx: &mut Ctxt, args: &[Arg]) -> Self {
        Wiring {
            mounts: all(args, "mount").filter_map(|a| mount(cx, a)).collect(),
            depends_on: all(args, "depends_on")
                .filter_map(|a| depends_on(cx, a))
                .collect(),
            docker_labels: string_pairs(cx, args, "docker_label", "\"<key>\", \"<value>\""),
            env: string_pairs(cx, args, "env", "\"<NAME>\", \"<value>\""),
        }
    }
}

const PORT_KEYS: Keys<'static> = Keys {
    allowed: &["range", "host_port", "name", "protocol", "app_protocol"],
    repeatable: &[],
    what: "`port` argument",
};

fn ports(cx: &mut Ctxt, args: &[Arg]) -> Vec<Port> {
    let mut ports = Vec::new();
    // Each port's number and name where they were written, for the checks across ports.
    let mut written = Vec::new();
    for arg in all(args, "port") {
        let Some(inner) = attr::nested(cx, arg, "<port>, name = \"…\", protocol = \"tcp|udp\"")
        else {
            continue;
        };
        PORT_KEYS.check(cx, inner);
        let numbers: Vec<&Expr> = positional(inner).collect();
        let container_port = match numbers.as_slice() {
            [] => None,
            [number] => {
                let port = attr::integer(number);
                if port.is_none() {
                    cx.error_spanned(number, "expected a port number, as in `port(8080)`");
                }
                port
            }
            [_, extra, ..] => {
                cx.error_spanned(extra, "a `port(…)` has one port number");
                None
            }
        };
        let range = find(inner, "range").and_then(|a| string_value(cx, a, "\"<start>-<end>\""));
        if container_port.is_none() && range.is_none() {
            cx.error(
                arg.span(),
                "expected `port(<port>)` or `port(range = \"<start>-<end>\")`",
            );
        }
        if let Some(port) = &container_port {
            if let Some(problem) = limits::port(port.value, limits::CONTAINER_PORT) {
                cx.error(port.span, problem);
            }
        }
        let range = range.and_then(|range| match limits::port_range(&range.value) {
            Ok(ports) => Some(ports),
            Err(problem) => {
                cx.error(range.span, problem);
                None
            }
        });
        let host_port = find(inner, "host_port").and_then(|a| integer_value(cx, a, "<port>"));
        if let Some(host) = &host_port {
            if let Some(problem) = limits::port(host.value, limits::HOST_PORT) {
                cx.error(host.span, problem);
            }
        }
        let name = find(inner, "name").and_then(|a| string_value(cx, a, "\"<port name>\""));
        if let Some(name) = &name {
            if let Some(problem) = names::service_connect_name("port name", &name.value) {
                cx.error(name.span, problem);
            }
        }
        let app_protocol = find(inner, "app_protocol")
            .and_then(|a| enum_value(cx, a, enums::APPLICATION_PROTOCOLS, "application protocol"));
        check::app_protocol(cx, inner, app_protocol.is_some(), name.is_some());
        ports.push(Port {
            number: container_port.as_ref().map(|p| p.value),
            range,
            host: host_port.map(|h| h.value),
            name: name.as_ref().map(|n| n.value.clone()),
            protocol: find(inner, "protocol")
                .and_then(|a| enum_value(cx, a, enums::TRANSPORT_PROTOCOLS, "transport protocol")),
            app_protocol,
        });
        written.push((container_port, name));
    }
    check::unique_ports(cx, &written);
    ports
}

const ULIMIT_KEYS: Keys<'static> = Keys {
    allowed: &["name", "soft", "hard"],
    repeatable: &[],
    what: "`ulimit` argument",
};

fn ulimit(cx: &mut Ctxt, arg: &Arg) -> Option<(&'static str, i64, i64)> {
    let inner = attr::nested(cx, arg, "name = \"nofile\", soft = <n>, hard = <n>")?;
    ULIMIT_KEYS.check(cx, inner);
    // `Some(None)`: given but invalid, already reported.
    let name = find(inner, "name").map(|a| enum_value(cx, a, enums::ULIMIT_NAMES, "ulimit name"));
    let soft = find(inner, "soft").map(|a| integer_value(cx, a, "<integer>"));
    let hard = find(inner, "hard").map(|a| integer_value(cx, a, "<integer>"));
    let (Some(name), Some(soft), Some(hard)) = (name, soft, hard) else {
        cx.error(
            arg.span(),
            "expected `ulimit(name = \"…\", soft = <n>, hard = <n>)`",
        );
        return None;
    };
    if let (Some(soft), Some(hard)) = (&soft, &hard) {
        if let Some(problem) = limits::ulimit(soft.value, hard.value) {
            cx.error(soft.span, format!("`soft`: {problem}"));
        }
    }
    Some((name?, soft?.value, hard?.value))
}

const MOUNT_KEYS: Keys<'static> = Keys {
    allowed: &["volume", "path", "read_only"],
    repeatable: &[],
    what: "`mount` argument",
};

fn mount(cx: &mut Ctxt, arg: &Arg) -> Option<(String, String, bool)> {
    let inner = attr::nested(cx, arg, "volume = \"…\", path = \"…\"")?;
    MOUNT_KEYS.check(cx, inner);
    let volume = find(inner, "volume").and_then(|a| string_value(cx, a, "\"<task volume name>\""));
    let path = find(inner, "path").and_then(|a| string_value(cx, a, "\"<path in the container>\""));
    let read_only = find(inner, "read_only")
        .and_then(|a| attr::flag(cx, a))
        .unwrap_or(false);
    let (Some(volume), Some(path)) = (volume, path) else {
        cx.error(arg.span(), "expected `mount(volume = \"…\", path = \"…\")`");
        return None;
    };
    resource_name(cx, "volume", &volume);
    if path.value.is_empty() {
        cx.error(path.span, "the mount path is empty");
    }
    Some((volume.value, path.value, read_only))
}

const HEALTH_KEYS: Keys<'static> = Keys {
    allowed: &[
        "shell",
        "command",
        "interval",
        "timeout",
        "retries",
        "start_period",
    ],
    repeatable: &[],
    what: "`health_check` argument",
};

fn health_check(cx: &mut Ctxt, arg: &Arg) -> Option<HealthCheck> {
    let inner = attr::nested(
        cx,
        arg,
        "shell = \"…\", interval = <s>, timeout = <s>, retries = <n>",
    )?;
    HEALTH_KEYS.check(cx, inner);
    let command = match (find(inner, "shell"), find(inner, "command")) {
        (Some(shell), None) => string_value(cx, shell, "\"<shell command>\"").map(|s| {
            if s.value.trim().is_empty() {
                cx.error(s.span, "the health check command is empty");
            }
            HealthCommand::Shell(s.value)
        }),
        (None, Some(command)) => {
            attr::value(cx, command, "[\"<program>\", \"<arg>\", …]", attr::strings).map(|argv| {
                if argv.is_empty() {
                    cx.error(command.span(), "the health check command is empty");
                }
                HealthCommand::Exec(argv)
            })
        }
        (Some(_), Some(command)) => {
            cx.error(
                command.span(),
                "give `shell = \"…\"` or `command = [\"…\"]`, not both",
            );
            None
        }
        (None, None) => {
            cx.error(
                arg.span(),
                "expected `health_check(shell = \"…\", …)` or `health_check(command = [\"…\"], …)`",
            );
            None
        }
    };
    // Attribute, API name and range of each timing.
    let timing = |cx: &mut Ctxt, key: &str, api: &'static str, range: limits::Range| {
        let unit = if key == "retries" {
            "<count>"
        } else {
            "<seconds>"
        };
        checked_integer(cx, inner, key, unit, |v| {
            limits::health_check(api, v, range)
        })
    };
    Some(HealthCheck {
        interval: timing(cx, "interval", "interval", limits::HEALTH_CHECK_INTERVAL),
        timeout: timing(cx, "timeout", "timeout", limits::HEALTH_CHECK_TIMEOUT),
        retries: timing(cx, "retries", "retries", limits::HEALTH_CHECK_RETRIES),
        start_period: timing(
            cx,
            "start_period",
            "startPeriod",
            limits::HEALTH_CHECK_START_PERIOD,
        ),
        command: command?,
    })
}

const AWSLOGS_KEYS: Keys<'static> = Keys {
    allowed: &[
        "group",
        "region",
        "stream_prefix",
        "create_group",
        "mode",
        "max_buffer_size",
        "datetime_format",
        "multiline_pattern",
    ],
    repeatable: &[],
    what: "`awslogs` argument",
};

const LOG_KEYS: Keys<'static> = Keys {
    allowed: &["driver", "option", "secret_option"],
    repeatable: &["option", "secret_option"],
    what: "`log` argument",
};

fn log(cx: &mut Ctxt, args: &[Arg]) -> Option<Log> {
    let awslogs = find(args, "awslogs").and_then(|a| awslogs_config(cx, a));
    let log = find(args, "log").and_then(|a| log_config(cx, a));
    check::one_log_configuration(cx, args);
    awslogs.or(log)
}

fn awslogs_config(cx: &mut Ctxt, arg: &Arg) -> Option<Log> {
    let inner = attr::nested(
        cx,
        arg,
        "group = \"…\", region = \"…\", stream_prefix = \"…\"",
    )?;
    AWSLOGS_KEYS.check(cx, inner);
    let mut options = Vec::new();
    for (key, option) in [
        ("group", "awslogs-group"),
        ("region", "awslogs-region"),
        ("stream_prefix", "awslogs-stream-prefix"),
        ("mode", "mode"),
        ("max_buffer_size", "max-buffer-size"),
        ("datetime_format", "awslogs-datetime-format"),
        ("multiline_pattern", "awslogs-multiline-pattern"),
    ] {
        if let Some(value) = find(inner, key).and_then(|a| string_value(cx, a, "\"…\"")) {
            if key == "mode" && !enums::LOG_MODES.contains(&value.value.as_str()) {
                cx.error(
                    value.span,
                    format!(
                        "{:?} is not a log mode; expected \"blocking\" or \"non-blocking\"",
                        value.value
                    ),
                );
            }
            options.push((option.to_owned(), value.value));
        }
    }
    if find(inner, "create_group").and_then(|a| attr::flag(cx, a)) == Some(true) {
        options.push(("awslogs-create-group".to_owned(), "true".to_owned()));
    }
    check::awslogs_options(cx, arg, inner);
    Some(Log {
        driver: "awslogs",
        options,
        secret_options: Vec::new(),
    })
}

fn log_config(cx: &mut Ctxt, arg: &Arg) -> Option<Log> {
    let inner = attr::nested(cx, arg, "driver = \"…\", option(\"<name>\", \"<value>\")")?;
    LOG_KEYS.check(cx, inner);
    let Some(driver_arg) = find(inner, "driver") else {
        cx.error(arg.span(), "`log(…)` needs `driver = \"…\"`");
        return None;
    };
    let driver = enum_value(cx, driver_arg, enums::LOG_DRIVERS, "log driver")?;
    let options = string_pairs(cx, inner, "option", "\"<name>\", \"<value>\"");
    let pairs: Vec<_> = all(inner, "secret_option")
        .filter_map(|a| string_pair(cx, a, "\"<name>\", \"<valueFrom>\""))
        .collect();
    let mut secret_options = Vec::new();
    for (name, value_from) in pairs {
        secret_reference(cx, &value_from);
        secret_options.push((name.value, value_from.value));
    }
    Some(Log {
        driver,
        options,
        secret_options,
    })
}

/// A secret's `valueFrom`, checked as ECS checks it (`ECS-G4`, `G5`).
fn secret_reference(cx: &mut Ctxt, value_from: &Spanned<String>) {
    if let Err(problem) = secrets::secret_reference(&value_from.value) {
        cx.error(value_from.span, problem.message());
    }
}

const FIRELENS_KEYS: Keys<'static> = Keys {
    allowed: &["type", "option"],
    repeatable: &["option"],
    what: "`firelens` argument",
};

fn firelens(cx: &mut Ctxt, arg: &Arg) -> Option<(&'static str, Vec<(String, String)>)> {
    let inner = attr::nested(
        cx,
        arg,
        "type = \"fluentbit\", option(\"<name>\", \"<value>\")",
    )?;
    FIRELENS_KEYS.check(cx, inner);
    let kind = match find(inner, "type") {
        Some(kind) => enum_value(cx, kind, enums::FIRELENS_TYPES, "FireLens type")?,
        None => "fluentbit",
    };
    let options = string_pairs(cx, inner, "option", "\"<name>\", \"<value>\"");
    Some((kind, options))
}

/// The `T` of `Option<T>`, if `ty` is an `Option`.
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// Why `text` does not parse as a `T`, if it does not.
fn problem<T: std::str::FromStr>(text: &str) -> Option<String>
where
    T::Err: std::fmt::Display,
{
    text.parse::<T>().err().map(|e| e.to_string())
}

/// The text of a `default = …` literal, and a check that it parses as the field's type when that
/// is a standard scalar.
fn default_text(cx: &mut Ctxt, expr: &Expr, ty: &Type) -> Option<String> {
    let literal = |lit: &Lit| match lit {
        Lit::Str(s) => Some(s.value()),
        Lit::Int(i) => Some(i.base10_digits().to_owned()),
        Lit::Float(f) => Some(f.base10_digits().to_owned()),
        Lit::Bool(b) => Some(b.value.to_string()),
        Lit::Char(c) => Some(c.value().to_string()),
        _ => None,
    };
    let text = match expr {
        Expr::Lit(lit) => literal(&lit.lit),
        Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr: inner,
            ..
        }) => match &**inner {
            Expr::Lit(syn::ExprLit {
                lit: lit @ (Lit::Int(_) | Lit::Float(_)),
                ..
            }) => literal(lit).map(|digits| format!("-{digits}")),
            _ => None,
        },
        _ => None,
    };
    let Some(text) = text else {
        cx.error_spanned(
            expr,
            "expected `default = <string, number or bool literal>`",
        );
        return None;
    };
    let ty_name = match ty {
        Type::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            p.path.segments[0].ident.to_string()
        }
        _ => String::new(),
    };
    let problem = match ty_name.as_str() {
        "u8" => problem::<u8>(&text),
        "u16" => problem::<u16>(&text),
        "u32" => problem::<u32>(&text),
        "u64" => problem::<u64>(&text),
        "usize" => problem::<usize>(&text),
        "i8" => problem::<i8>(&text),
        "i16" => problem::<i16>(&text),
        "i32" => problem::<i32>(&text),
        "i64" => problem::<i64>(&text),
        "isize" => problem::<isize>(&text),
        "f32" => problem::<f32>(&text),
        "f64" => problem::<f64>(&text),
        "bool" => problem::<bool>(&text),
        "char" => problem::<char>(&text),
        _ => None,
    };
    if let Some(problem) = problem {
        cx.error_spanned(
            expr,
            format!("default {text:?} is not a `{ty_name}`: {problem}"),
        );
    }
    Some(text)
}

fn read_fields(cx: &mut Ctxt, fields: &syn::FieldsNamed) -> Vec<Field> {
    let mut out = Vec::new();
    for field in &fields.named {
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let args = attr::ecs_args(cx, &field.attrs);
        let known = FIELD_KEYS.check(cx, &args);
        for arg in positional(&args) {
            cx.error_spanned(
                arg,
                "expected `env`, `secret = \"…\"`, `var = \"…\"`, `default = …` or `skip`",
            );
        }
        let optional_inner = option_inner(&field.ty).cloned();
        let Some(source) = check::field_source(cx, &args, &ident, known) else {
            continue;
        };
        let kind = match source {
            check::FieldSource::Skip => FieldKind::Skip,
            check::FieldSource::Var => {
                let secret_ref = find(&args, "secret")
                    .and_then(|a| string_value(cx, a, "\"<Secrets Manager or SSM reference>\""));
                if let Some(reference) = &secret_ref {
                    secret_reference(cx, reference);
                }
                let explicit_env_name = find(&args, "env").and_then(|a| match a {
                    Arg::Flag(_) => None,
                    other => string_value(cx, other, "\"<NAME>\""),
                });
                let var = find(&args, "var").and_then(|a| string_value(cx, a, "\"<NAME>\""));
                check::name_given_once(cx, explicit_env_name.as_ref(), var.as_ref());
                let (name, name_span) = explicit_env_name.or(var).map_or_else(
                    || (screaming_snake(&ident.unraw().to_string()), ident.span()),
                    |n| (n.value, n.span),
                );
                let default = find(&args, "default").and_then(|a| match a {
                    Arg::Value(_, expr) => {
                        default_text(cx, expr, optional_inner.as_ref().unwrap_or(&field.ty))
                    }
                    other => {
                        cx.error(other.span(), "expected `default = <literal>`");
                        None
                    }
                });
                check::default_allowed(cx, &args, optional_inner.is_some(), secret_ref.is_some());
                FieldKind::Var {
                    name,
                    name_span,
                    secret: secret_ref.map(|s| s.value),
                    default,
                    optional: optional_inner.is_some(),
                    inner: optional_inner.unwrap_or_else(|| field.ty.clone()),
                }
            }
        };
        out.push(Field {
            ident,
            ty: field.ty.clone(),
            kind,
        });
    }
    out
}
