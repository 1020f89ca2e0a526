//! The validated input of a derive: attributes read into typed values, every ECS rule that can
//! be checked from the tokens checked, each problem reported at its tokens.

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt as _;
use syn::spanned::Spanned as _;
use syn::{Data, DeriveInput, Expr, Fields, Generics, Ident, Lit, Type};

use crate::attr::{self, Arg, Keys, Spanned, all, find, positional};
use crate::check;
use crate::ctxt::Ctxt;
use crate::rules::{self, EnumTable};

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
    pub(crate) ulimits: Vec<(&'static str, i64, i64)>,
}

/// What ties the container to the rest of the task: volumes, other containers, labels,
/// constant variables.
pub(crate) struct Wiring {
    pub(crate) mounts: Vec<(String, String, bool)>,
    pub(crate) depends_on: Vec<(String, &'static str)>,
    pub(crate) docker_labels: Vec<(String, String)>,
    pub(crate) env: Vec<(String, String)>,
}

/// The escape hatches: builder methods called as written, functions applied last.
pub(crate) struct Hatches {
    pub(crate) with: Vec<Expr>,
    pub(crate) calls: Vec<TokenStream>,
}

impl Hatches {
    fn read(cx: &mut Ctxt, args: &[Arg], builder: &str) -> Self {
        let shape = format!("<path to fn({builder}) -> {builder}>");
        let with = all(args, "with")
            .filter_map(|a| {
                attr::value(cx, a, &shape, |e| {
                    matches!(e, Expr::Path(_)).then(|| e.clone())
                })
            })
            .collect();
        let mut calls = Vec::new();
        for arg in all(args, "call") {
            if let Arg::Raw(_, tokens) = arg {
                calls.push(tokens.clone());
            } else {
                cx.error(arg.span(), "expected `call(method(args…))`");
            }
        }
        Hatches { with, calls }
    }
}

pub(crate) struct Port {
    pub(crate) number: Option<i64>,
    pub(crate) range: Option<String>,
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

/// Reads the named fields of a struct, or reports the unsupported shape.
fn named_fields<'a>(
    cx: &mut Ctxt,
    input: &'a DeriveInput,
    derive: &str,
) -> Option<&'a syn::FieldsNamed> {
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => Some(fields),
            Fields::Unnamed(fields) => {
                cx.error_spanned(fields, format!("`#[derive({derive})]` needs a struct with named fields; tuple structs are not supported"));
                None
            }
            Fields::Unit => {
                cx.error_spanned(&input.ident, format!("`#[derive({derive})]` needs a struct with named fields; unit structs are not supported"));
                None
            }
        },
        Data::Enum(data) => {
            cx.error(data.enum_token.span, format!("`#[derive({derive})]` needs a struct with named fields; enums are not supported"));
            None
        }
        Data::Union(data) => {
            cx.error(data.union_token.span, format!("`#[derive({derive})]` needs a struct with named fields; unions are not supported"));
            None
        }
    }
}

fn string_value(cx: &mut Ctxt, arg: &Arg, shape: &str) -> Option<Spanned<String>> {
    attr::value(cx, arg, shape, attr::string)
}

fn integer_value(cx: &mut Ctxt, arg: &Arg, shape: &str) -> Option<Spanned<i64>> {
    attr::value(cx, arg, shape, attr::integer)
}

/// `key = <integer>` within `min..=max`.
fn ranged(
    cx: &mut Ctxt,
    args: &[Arg],
    key: &str,
    shape: &str,
    min: i64,
    max: i64,
    what: &str,
) -> Option<i64> {
    let value = integer_value(cx, find(args, key)?, shape)?;
    if !(min..=max).contains(&value.value) {
        cx.error(
            value.span,
            format!("{what} {} is outside {min}–{max}", value.value),
        );
    }
    Some(value.value)
}

/// A value of an API enum, given as a string.
fn enum_value(cx: &mut Ctxt, arg: &Arg, table: EnumTable, what: &str) -> Option<&'static str> {
    let text = string_value(cx, arg, &format!("\"<{what}>\""))?;
    let found = rules::variant(table, &text.value).and_then(|_| {
        table
            .iter()
            .find(|(a, _)| *a == text.value)
            .map(|(a, _)| *a)
    });
    if found.is_none() {
        let valid = rules::values(table);
        let hint = check::closest(&text.value, &valid)
            .map(|n| format!(", did you mean {n:?}"))
            .unwrap_or_default();
        cx.error(
            text.span,
            format!(
                "{:?} is not a {what}{hint}; expected one of {}",
                text.value,
                valid.join(", ")
            ),
        );
    }
    found
}

/// Two positional string literals, as in `env("NAME", "value")`.
fn string_pair(
    cx: &mut Ctxt,
    arg: &Arg,
    shape: &str,
) -> Option<(Spanned<String>, Spanned<String>)> {
    let key = arg.key().map(ToString::to_string).unwrap_or_default();
    let args = attr::nested(cx, arg, shape)?;
    let values: Vec<Option<Spanned<String>>> = positional(args).map(attr::string).collect();
    match values.as_slice() {
        [Some(a), Some(b)] if args.len() == 2 => Some((a.clone(), b.clone())),
        _ => {
            cx.error(arg.span(), format!("expected `{key}({shape})`"));
            None
        }
    }
}

impl Container {
    pub(crate) fn from_input(cx: &mut Ctxt, input: &DeriveInput) -> Option<Self> {
        let args = attr::ecs_args(cx, &input.attrs);
        CONTAINER_KEYS.check(cx, &args);
        for arg in positional(&args) {
            cx.error_spanned(arg, "expected `key = value` or `key(…)` in `#[ecs(...)]`");
        }
        let fields = named_fields(cx, input, "Container");
        let (name, image) = identity(cx, &args, &input.ident);
        let fields = fields.map(|f| read_fields(cx, f)).unwrap_or_default();
        let wiring = Wiring::read(cx, &args);
        check_variable_names(cx, &fields, &args, &wiring.env);
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
        Some(Spanned::new(check::kebab(&ident.to_string()), ident.span()))
    };
    if let Some(name) = &name {
        if let Some(problem) = check::resource_name("container", &name.value) {
            cx.error(name.span, problem);
        }
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
        if let Some(problem) = check::image(&image.value) {
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
        let cpu = ranged(
            cx,
            args,
            "cpu",
            "<integer CPU units>",
            0,
            rules::MAX_CONTAINER_CPU,
            "cpu",
        );
        let memory = container_memory(cx, args, "memory");
        let memory_reservation = container_memory(cx, args, "memory_reservation");
        if let (Some(limit), Some(reservation), Some(arg)) =
            (memory, memory_reservation, find(args, "memory_reservation"))
        {
            if reservation > limit {
                cx.error(
                    arg.span(),
                    format!(
                        "`memory_reservation` ({reservation} MiB) exceeds `memory` ({limit} MiB)"
                    ),
                );
            }
        }
        let gpus = ranged(
            cx,
            args,
            "gpus",
            "<GPU count>",
            1,
            i64::from(i32::MAX),
            "gpus",
        );
        Resources {
            cpu,
            memory,
            memory_reservation,
            gpus,
        }
    }
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
        let seconds = |cx: &mut Ctxt, key: &str| {
            ranged(cx, args, key, "<seconds>", 0, i64::from(i32::MAX), key)
        };
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
        let pairs = |cx: &mut Ctxt, key: &str, shape: &str| -> Vec<(String, String)> {
            all(args, key)
                .filter_map(|a| string_pair(cx, a, shape))
                .map(|(k, v)| (k.value, v.value))
                .collect()
        };
        Wiring {
            mounts: all(args, "mount").filter_map(|a| mount(cx, a)).collect(),
            depends_on: all(args, "depends_on")
                .filter_map(|a| depends_on(cx, a))
                .collect(),
            docker_labels: pairs(cx, "docker_label", "\"<key>\", \"<value>\""),
            env: pairs(cx, "env", "\"<NAME>\", \"<value>\""),
        }
    }
}

fn container_memory(cx: &mut Ctxt, args: &[Arg], key: &str) -> Option<i64> {
    let value = integer_value(cx, find(args, key)?, "<integer MiB>")?;
    if value.value < rules::MIN_CONTAINER_MIB {
        cx.error(
            value.span,
            format!(
                "`{key} = {}` is too small: a container needs at least {} MiB",
                value.value,
                rules::MIN_CONTAINER_MIB
            ),
        );
    }
    Some(value.value)
}

const PORT_KEYS: Keys<'static> = Keys {
    allowed: &["range", "host_port", "name", "protocol", "app_protocol"],
    repeatable: &[],
    what: "`port` argument",
};

fn ports(cx: &mut Ctxt, args: &[Arg]) -> Vec<Port> {
    let mut ports = Vec::new();
    let mut seen_ports: Vec<i64> = Vec::new();
    let mut seen_names: Vec<String> = Vec::new();
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
            if !(1..=65535).contains(&port.value) {
                cx.error(port.span, format!("port {} is outside 1–65535", port.value));
            } else if seen_ports.contains(&port.value) {
                cx.error(port.span, format!("port {} is mapped twice", port.value));
            }
            seen_ports.push(port.value);
        }
        if let Some(range) = &range {
            let parsed = range.value.split_once('-').and_then(|(a, b)| {
                Some((a.trim().parse::<i64>().ok()?, b.trim().parse::<i64>().ok()?))
            });
            match parsed {
                Some((start, end))
                    if (1..=65535).contains(&start)
                        && (1..=65535).contains(&end)
                        && start < end => {}
                _ => cx.error(
                    range.span,
                    format!(
                        "{:?} is not a port range `<start>-<end>` within 1–65535",
                        range.value
                    ),
                ),
            }
        }
        let host_port = find(inner, "host_port").and_then(|a| integer_value(cx, a, "<port>"));
        if let Some(host) = &host_port {
            if !(0..=65535).contains(&host.value) {
                cx.error(
                    host.span,
                    format!("host port {} is outside 0–65535", host.value),
                );
            }
        }
        let name = find(inner, "name").and_then(|a| string_value(cx, a, "\"<port name>\""));
        if let Some(name) = &name {
            if let Some(problem) = check::port_name(&name.value) {
                cx.error(name.span, problem);
            } else if seen_names.contains(&name.value) {
                cx.error(
                    name.span,
                    format!("port name {:?} is used twice", name.value),
                );
            }
            seen_names.push(name.value.clone());
        }
        let app_protocol = find(inner, "app_protocol")
            .and_then(|a| enum_value(cx, a, rules::APP_PROTOCOLS, "application protocol"));
        if let (Some(_), None, Some(key)) = (app_protocol, &name, find(inner, "app_protocol")) {
            cx.error(key.span(), "`app_protocol` needs the port to have a `name`");
        }
        ports.push(Port {
            number: container_port.map(|p| p.value),
            range: range.map(|r| r.value),
            host: host_port.map(|h| h.value),
            name: name.map(|n| n.value),
            protocol: find(inner, "protocol")
                .and_then(|a| enum_value(cx, a, rules::PROTOCOLS, "transport protocol")),
            app_protocol,
        });
    }
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
    let name = find(inner, "name").map(|a| enum_value(cx, a, rules::ULIMIT_NAMES, "ulimit name"));
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
        if soft.value > hard.value {
            cx.error(
                soft.span,
                format!(
                    "soft limit {} is above the hard limit {}",
                    soft.value, hard.value
                ),
            );
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
    if let Some(problem) = check::resource_name("volume", &volume.value) {
        cx.error(volume.span, problem);
    }
    if path.value.is_empty() {
        cx.error(path.span, "the mount path is empty");
    }
    Some((volume.value, path.value, read_only))
}

const CONDITIONS: &[&str] = &["start", "complete", "success", "healthy"];

fn depends_on(cx: &mut Ctxt, arg: &Arg) -> Option<(String, &'static str)> {
    let inner = attr::nested(cx, arg, "\"<container>\", start|complete|success|healthy")?;
    let container = positional(inner).next().and_then(attr::string);
    let conditions: Vec<&Ident> = inner
        .iter()
        .filter_map(|a| match a {
            Arg::Flag(key) => Some(key),
            _ => None,
        })
        .collect();
    let (Some(container), [condition]) = (container, conditions.as_slice()) else {
        cx.error(
            arg.span(),
            "expected `depends_on(\"<container>\", start|complete|success|healthy)`",
        );
        return None;
    };
    let condition_name = condition.to_string();
    let Some(index) = CONDITIONS.iter().position(|c| *c == condition_name) else {
        let hint = check::closest(&condition_name, CONDITIONS)
            .map(|n| format!(", did you mean `{n}`"))
            .unwrap_or_default();
        cx.error(
            condition.span(),
            format!(
                "unknown condition `{condition_name}`{hint}; expected one of {}",
                attr::list(CONDITIONS)
            ),
        );
        return None;
    };
    if let Some(problem) = check::resource_name("container", &container.value) {
        cx.error(container.span, problem);
    }
    Some((container.value, rules::CONDITIONS[index].1))
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
    let mut values = [None; 4];
    for (slot, (key, min, max)) in values.iter_mut().zip(rules::HEALTH_CHECK_RANGES) {
        let unit = if *key == "retries" {
            "<count>"
        } else {
            "<seconds>"
        };
        *slot = ranged(
            cx,
            inner,
            key,
            unit,
            *min,
            *max,
            &format!("health check `{key}`"),
        );
    }
    let [interval, timeout, retries, start_period] = values;
    Some(HealthCheck {
        command: command?,
        interval,
        timeout,
        retries,
        start_period,
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
    if let (Some(_), Some(arg)) = (find(args, "awslogs"), find(args, "log")) {
        cx.error(
            arg.span(),
            "give `awslogs(…)` or `log(…)`, not both: a container has one log configuration",
        );
    }
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
            if key == "mode" && value.value != "blocking" && value.value != "non-blocking" {
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
    for required in ["group", "region"] {
        if find(inner, required).is_none() {
            cx.error(arg.span(), format!("`awslogs` needs `{required} = \"…\"`"));
        }
    }
    if find(inner, "datetime_format").is_some() && find(inner, "multiline_pattern").is_some() {
        cx.error(
            arg.span(),
            "`datetime_format` and `multiline_pattern` exclude each other",
        );
    }
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
    let driver = enum_value(cx, driver_arg, rules::LOG_DRIVERS, "log driver")?;
    let options = all(inner, "option")
        .filter_map(|a| string_pair(cx, a, "\"<name>\", \"<value>\""))
        .map(|(k, v)| (k.value, v.value))
        .collect();
    let pairs: Vec<_> = all(inner, "secret_option")
        .filter_map(|a| string_pair(cx, a, "\"<name>\", \"<valueFrom>\""))
        .collect();
    let mut secret_options = Vec::new();
    for (name, value_from) in pairs {
        if let Some(problem) = check::secret_reference(&value_from.value) {
            cx.error(value_from.span, problem);
        }
        secret_options.push((name.value, value_from.value));
    }
    Some(Log {
        driver,
        options,
        secret_options,
    })
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
        Some(kind) => enum_value(cx, kind, rules::FIRELENS_TYPES, "FireLens type")?,
        None => "fluentbit",
    };
    let options = all(inner, "option")
        .filter_map(|a| string_pair(cx, a, "\"<name>\", \"<value>\""))
        .map(|(k, v)| (k.value, v.value))
        .collect();
    Some((kind, options))
}

/// `ECS-G1`: every variable name valid and set once, across fields and `env(…)` constants.
fn check_variable_names(
    cx: &mut Ctxt,
    fields: &[Field],
    args: &[Arg],
    constants: &[(String, String)],
) {
    // Each name with where it was first set, for "already set by …".
    let mut seen: Vec<(String, String)> = Vec::new();
    let constants = constants
        .iter()
        .zip(all(args, "env"))
        .map(|((name, _), arg)| (name.clone(), arg.span(), format!("`env({name:?}, …)`")));
    let fields = fields.iter().filter_map(|f| match &f.kind {
        FieldKind::Var {
            name, name_span, ..
        } => Some((
            name.clone(),
            *name_span,
            format!("field `{}`", f.ident.unraw()),
        )),
        FieldKind::Skip => None,
    });
    for (name, span, origin) in constants.chain(fields) {
        if let Some(problem) = check::env_name(&name) {
            cx.error(span, problem);
        } else if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            cx.error(
                span,
                format!("environment variable `{name}` is already set by {first}"),
            );
        }
        seen.push((name, origin));
    }
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

/// The text of a `default = …` literal, and a check that it parses as the field's type when that
/// is a standard scalar.
fn default_text(cx: &mut Ctxt, expr: &Expr, ty: &Type) -> Option<String> {
    let text = match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(s) => s.value(),
            Lit::Int(i) => i.base10_digits().to_owned(),
            Lit::Float(f) => f.base10_digits().to_owned(),
            Lit::Bool(b) => b.value.to_string(),
            Lit::Char(c) => c.value().to_string(),
            _ => {
                cx.error_spanned(
                    expr,
                    "expected `default = <string, number or bool literal>`",
                );
                return None;
            }
        },
        Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr: inner,
            ..
        }) => match &**inner {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Int(i), ..
            }) => format!("-{}", i.base10_digits()),
            Expr::Lit(syn::ExprLit {
                lit: Lit::Float(f), ..
            }) => format!("-{}", f.base10_digits()),
            _ => {
                cx.error_spanned(
                    expr,
                    "expected `default = <string, number or bool literal>`",
                );
                return None;
            }
        },
        _ => {
            cx.error_spanned(
                expr,
                "expected `default = <string, number or bool literal>`",
            );
            return None;
        }
    };
    let ty_name = match ty {
        Type::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            p.path.segments[0].ident.to_string()
        }
        _ => String::new(),
    };
    let problem = match ty_name.as_str() {
        "u8" => text.parse::<u8>().err().map(|e| e.to_string()),
        "u16" => text.parse::<u16>().err().map(|e| e.to_string()),
        "u32" => text.parse::<u32>().err().map(|e| e.to_string()),
        "u64" => text.parse::<u64>().err().map(|e| e.to_string()),
        "usize" => text.parse::<usize>().err().map(|e| e.to_string()),
        "i8" => text.parse::<i8>().err().map(|e| e.to_string()),
        "i16" => text.parse::<i16>().err().map(|e| e.to_string()),
        "i32" => text.parse::<i32>().err().map(|e| e.to_string()),
        "i64" => text.parse::<i64>().err().map(|e| e.to_string()),
        "isize" => text.parse::<isize>().err().map(|e| e.to_string()),
        "f32" => text.parse::<f32>().err().map(|e| e.to_string()),
        "f64" => text.parse::<f64>().err().map(|e| e.to_string()),
        "bool" => text.parse::<bool>().err().map(|e| e.to_string()),
        "char" => text.parse::<char>().err().map(|e| e.to_string()),
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
        let env = find(&args, "env");
        let secret = find(&args, "secret");
        let skip = find(&args, "skip");
        let kind = if let Some(skip) = skip {
            if args.len() > 1 {
                cx.error(
                    skip.span(),
                    "`skip` takes no other attribute: a skipped field is not part of the container",
                );
            }
            FieldKind::Skip
        } else if env.is_none() && secret.is_none() {
            if !known {
                // The unknown key (`envv`) was the attempt; its error says enough.
                continue;
            }
            let span = args.first().map_or_else(|| ident.span(), Arg::span);
            cx.error(span, format!("field `{}` needs `#[ecs(env)]`, `#[ecs(secret = \"…\")]` or `#[ecs(skip)]`: say where its value comes from", ident.unraw()));
            continue;
        } else {
            if let (Some(_), Some(secret)) = (env, secret) {
                cx.error(secret.span(), "a field is either `env` or `secret`, not both: a secret already reaches the container as an environment variable");
            }
            let secret_ref =
                secret.and_then(|a| string_value(cx, a, "\"<Secrets Manager or SSM reference>\""));
            if let Some(reference) = &secret_ref {
                if let Some(problem) = check::secret_reference(&reference.value) {
                    cx.error(reference.span, problem);
                }
            }
            let explicit_env_name = env.and_then(|a| match a {
                Arg::Flag(_) => None,
                other => string_value(cx, other, "\"<NAME>\""),
            });
            let var = find(&args, "var").and_then(|a| string_value(cx, a, "\"<NAME>\""));
            if let (Some(_), Some(var)) = (&explicit_env_name, &var) {
                cx.error(
                    var.span,
                    "the name is given twice: use `env = \"NAME\"` or `var = \"NAME\"`",
                );
            }
            let (name, name_span) = explicit_env_name.or(var).map_or_else(
                || {
                    (
                        check::screaming_snake(&ident.unraw().to_string()),
                        ident.span(),
                    )
                },
                |n| (n.value, n.span),
            );
            let optional_inner = option_inner(&field.ty).cloned();
            let default = find(&args, "default").and_then(|a| match a {
                Arg::Value(_, expr) => {
                    default_text(cx, expr, optional_inner.as_ref().unwrap_or(&field.ty))
                }
                other => {
                    cx.error(other.span(), "expected `default = <literal>`");
                    None
                }
            });
            if let (Some(_), Some(arg)) = (&optional_inner, find(&args, "default")) {
                cx.error(
                    arg.span(),
                    "an `Option` field has no default: it is `None` when the variable is unset",
                );
            }
            if let (Some(_), Some(arg)) = (&secret_ref, find(&args, "default")) {
                cx.error(
                    arg.span(),
                    "a secret has no default: its value comes from the secret store",
                );
            }
            FieldKind::Var {
                name,
                name_span,
                secret: secret_ref.map(|s| s.value),
                default,
                optional: optional_inner.is_some(),
                inner: optional_inner.unwrap_or_else(|| field.ty.clone()),
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

/// `#[derive(TaskDefinition)]` input.
pub(crate) struct Task {
    pub(crate) ident: Ident,
    pub(crate) generics: Generics,
    pub(crate) family: String,
    pub(crate) launch: Launch,
    pub(crate) network_mode: Option<&'static str>,
    pub(crate) execution_role: Option<String>,
    pub(crate) app_role: Option<String>,
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

/// `cpu = "…"`/`memory = "…"` of a launch type: amounts ECS accepts, as strings or integers.
fn task_size(cx: &mut Ctxt, args: &[Arg]) -> (Option<Spanned<u32>>, Option<Spanned<u32>>) {
    SIZE_KEYS.check(cx, args);
    let read = |cx: &mut Ctxt, key: &str, unit: &str, example: &str| -> Option<Spanned<u32>> {
        let arg = find(args, key)?;
        let Arg::Value(_, expr) = arg else {
            cx.error(arg.span(), format!("expected `{key} = {example}`"));
            return None;
        };
        let amount = match (attr::string(expr), attr::integer(expr)) {
            (Some(text), _) => check::amount(&text.value, unit).map(|v| Spanned::new(v, text.span)),
            (None, Some(number)) => u32::try_from(number.value)
                .ok()
                .map(|v| Spanned::new(v, number.span)),
            (None, None) => None,
        };
        if amount.is_none() {
            cx.error_spanned(expr, format!("expected `{key} = {example}`"));
        }
        amount
    };
    let cpu = read(cx, "cpu", "vcpu", "\"<units>\" or \"<n> vCPU\"");
    let memory = read(cx, "memory", "gb", "\"<MiB>\" or \"<n> GB\"");
    if let Some(memory) = &memory {
        if memory.value == 0 {
            cx.error(memory.span, "task memory must be positive");
        }
    }
    (cpu, memory)
}

impl Task {
    pub(crate) fn from_input(cx: &mut Ctxt, input: &DeriveInput) -> Option<Self> {
        let args = attr::ecs_args(cx, &input.attrs);
        TASK_KEYS.check(cx, &args);
        for arg in positional(&args) {
            cx.error_spanned(arg, "expected `key = value` or `key(…)` in `#[ecs(...)]`");
        }
        let fields = named_fields(cx, input, "TaskDefinition");
        let family = if let Some(arg) = find(&args, "family") {
            string_value(cx, arg, "\"<family>\"")
        } else {
            Some(Spanned::new(
                check::kebab(&input.ident.to_string()),
                input.ident.span(),
            ))
        };
        if let Some(family) = &family {
            if let Some(problem) = check::resource_name("family", &family.value) {
                cx.error(family.span, problem);
            }
        }
        let network_mode = find(&args, "network_mode")
            .and_then(|a| enum_value(cx, a, rules::NETWORK_MODES, "network mode"));
        let runtime_platform =
            find(&args, "runtime_platform").and_then(|a| runtime_platform(cx, a));
        let windows = runtime_platform.is_some_and(|(os, _)| os != "Linux");
        let launch = launch(cx, &args, windows, network_mode, input.ident.span());
        let containers = fields.map(|f| task_fields(cx, f)).unwrap_or_default();
        if fields.is_some() && containers.is_empty() {
            cx.error(
                input.ident.span(),
                "a task needs at least one container field",
            );
        } else if containers.len() > 10 {
            cx.error(
                input.ident.span(),
                format!(
                    "{} containers; a task definition holds at most 10",
                    containers.len()
                ),
            );
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
            tags: all(&args, "tag")
                .filter_map(|a| string_pair(cx, a, "\"<key>\", \"<value>\""))
                .map(|(k, v)| (k.value, v.value))
                .collect(),
            ephemeral_storage_gib: ranged(
                cx,
                &args,
                "ephemeral_storage_gib",
                "<GiB>",
                21,
                200,
                "ephemeral storage",
            ),
            hatches: Hatches::read(cx, &args, "TaskDefinitionBuilder"),
            containers,
            // Last: every other attribute is checked even when the launch type is wrong.
            launch: launch?,
        };
        cx.is_ok().then_some(task)
    }
}

/// An IAM role ARN attribute.
fn role(cx: &mut Ctxt, args: &[Arg], key: &str) -> Option<String> {
    let arn = find(args, key)
        .and_then(|a| string_value(cx, a, "\"arn:aws:iam::<account>:role/<name>\""))?;
    if !(arn.value.starts_with("arn:") && arn.value.contains(":role/")) {
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
    let mut volumes = Vec::new();
    for arg in all(args, "volume") {
        let Some(volume) = volume(cx, arg) else {
            continue;
        };
        let name = volume.name();
        if volumes.iter().any(|v: &TaskVolume| v.name() == name) {
            cx.error(arg.span(), format!("volume {name:?} is declared twice"));
        }
        volumes.push(volume);
    }
    volumes
}

impl TaskVolume {
    fn name(&self) -> &str {
        match self {
            TaskVolume::Scratch(name)
            | TaskVolume::Host(name, _)
            | TaskVolume::ConfiguredAtLaunch(name)
            | TaskVolume::Efs { name, .. } => name,
        }
    }
}

fn launch(
    cx: &mut Ctxt,
    args: &[Arg],
    windows: bool,
    network_mode: Option<&str>,
    span: Span,
) -> Option<Launch> {
    let given: Vec<&Arg> = ["fargate", "ec2", "managed_instances"]
        .iter()
        .filter_map(|k| find(args, k))
        .collect();
    let arg = match given.as_slice() {
        [arg] => *arg,
        [] => {
            cx.error(span, "say where the task runs: `#[ecs(fargate(cpu = …, memory = …))]`, `#[ecs(ec2)]` or `#[ecs(managed_instances)]`");
            return None;
        }
        [_, second, ..] => {
            cx.error(
                second.span(),
                "a task runs on one launch type: give one of `fargate`, `ec2`, `managed_instances`",
            );
            return None;
        }
    };
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
            let (Some(cpu), Some(memory)) = (cpu, memory) else {
                let given =
                    |key| matches!(arg, Arg::Nested(_, inner, _) if find(inner, key).is_some());
                // A size given but unreadable was reported where it was written.
                if !(given("cpu") && given("memory")) {
                    cx.error(
                        arg.span(),
                        "Fargate tasks need both: `fargate(cpu = \"…\", memory = \"…\")`",
                    );
                }
                return None;
            };
            if let Some(problem) = check::fargate_size(cpu.value, memory.value, windows) {
                let span = if problem.contains("not a Fargate") {
                    cpu.span
                } else {
                    memory.span
                };
                cx.error(span, problem);
            }
            if network_mode.is_some_and(|m| m != "awsvpc") {
                let span = find(args, "network_mode").map_or(span, Arg::span);
                cx.error(span, "Fargate tasks use the `awsvpc` network mode");
            }
            Some(Launch::Fargate {
                cpu: cpu.value,
                memory: memory.value,
            })
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
        Some(a) => enum_value(cx, a, rules::OS_FAMILIES, "operating system family")?,
        None => "LINUX",
    };
    let arch = match find(inner, "cpu_architecture") {
        Some(a) => enum_value(cx, a, rules::CPU_ARCHITECTURES, "CPU architecture")?,
        None => "X86_64",
    };
    Some((
        rules::variant(rules::OS_FAMILIES, os)?,
        rules::variant(rules::CPU_ARCHITECTURES, arch)?,
    ))
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
    if let Some(problem) = check::resource_name("volume", &name.value) {
        cx.error(name.span, problem);
    }
    let host = find(inner, "host").and_then(|a| string_value(cx, a, "\"<host path>\""));
    let efs = find(inner, "efs").and_then(|a| string_value(cx, a, "\"fs-…\""));
    let access_point = find(inner, "access_point").and_then(|a| string_value(cx, a, "\"fsap-…\""));
    let at_launch = find(inner, "configured_at_launch")
        .and_then(|a| attr::flag(cx, a))
        .unwrap_or(false);
    let kinds = usize::from(host.is_some()) + usize::from(efs.is_some()) + usize::from(at_launch);
    if kinds > 1 {
        cx.error(
            arg.span(),
            "a volume is one of: a scratch volume, `host = …`, `efs = …`, `configured_at_launch`",
        );
        return None;
    }
    if access_point.is_some() && efs.is_none() {
        cx.error(arg.span(), "`access_point` goes with `efs = \"fs-…\"`");
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
