//! The rules between attributes: what one attribute allows or requires of another, across
//! fields, ports, log options, volumes and the launch type. Each value on its own is checked
//! where `ast` reads it.

use proc_macro2::Span;
use syn::Ident;
use syn::ext::IdentExt as _;

use ecs_model_internals::{fargate as sizes, limits};

use crate::attr::{Arg, Spanned, all, find};
use crate::ctxt::Ctxt;

/// An environment variable name a shell and `std::env` both read: `[A-Za-z_][A-Za-z0-9_]*`.
fn env_name(name: &str) -> Option<String> {
    let mut bytes = name.bytes();
    let valid = bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (!valid).then(|| {
        format!("{name:?} is not a valid environment variable name: use letters, digits and `_`, not starting with a digit")
    })
}

/// A variable a container reads: its name, where the name is written, and what sets it (for
/// "already set by …").
pub(crate) type Variable = (String, Span, String);

/// `ECS-G1`: every variable name valid and set once, across the `env(…)` constants and the
/// fields' variables.
pub(crate) fn variable_names(
    cx: &mut Ctxt,
    args: &[Arg],
    constants: &[(String, String)],
    fields: impl IntoIterator<Item = Variable>,
) {
    // Each name with where it was first set.
    let mut seen: Vec<(String, String)> = Vec::new();
    let constants = constants
        .iter()
        .zip(all(args, "env"))
        .map(|((name, _), arg)| (name.clone(), arg.span(), format!("`env({name:?}, …)`")));
    for (name, span, origin) in constants.chain(fields) {
        if let Some(problem) = env_name(&name) {
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

/// Where a field's value comes from.
pub(crate) enum FieldSource {
    /// A variable (`env` or `secret`).
    Var,
    /// Nowhere: `skip`.
    Skip,
}

/// A field says `env`, `secret` or `skip`, and only one of them; `None` when it says none (the
/// error is reported).
pub(crate) fn field_source(
    cx: &mut Ctxt,
    args: &[Arg],
    ident: &Ident,
    known: bool,
) -> Option<FieldSource> {
    let (env, secret) = (find(args, "env"), find(args, "secret"));
    if let Some(skip) = find(args, "skip") {
        if args.len() > 1 {
            cx.error(
                skip.span(),
                "`skip` takes no other attribute: a skipped field is not part of the container",
            );
        }
        return Some(FieldSource::Skip);
    }
    if env.is_none() && secret.is_none() {
        // An unknown key (`envv`) was the attempt; its error says enough.
        if known {
            let span = args.first().map_or_else(|| ident.span(), Arg::span);
            cx.error(span, format!("field `{}` needs `#[ecs(env)]`, `#[ecs(secret = \"…\")]` or `#[ecs(skip)]`: say where its value comes from", ident.unraw()));
        }
        return None;
    }
    if let (Some(_), Some(secret)) = (env, secret) {
        cx.error(secret.span(), "a field is either `env` or `secret`, not both: a secret already reaches the container as an environment variable");
    }
    Some(FieldSource::Var)
}

/// The variable's name is given by `env = "…"` or `var = "…"`, not both.
pub(crate) fn name_given_once(
    cx: &mut Ctxt,
    env: Option<&Spanned<String>>,
    var: Option<&Spanned<String>>,
) {
    if let (Some(_), Some(var)) = (env, var) {
        cx.error(
            var.span,
            "the name is given twice: use `env = \"NAME\"` or `var = \"NAME\"`",
        );
    }
}

/// A default only for a required plain variable.
pub(crate) fn default_allowed(cx: &mut Ctxt, args: &[Arg], optional: bool, secret: bool) {
    let Some(default) = find(args, "default") else {
        return;
    };
    if optional {
        cx.error(
            default.span(),
            "an `Option` field has no default: it is `None` when the variable is unset",
        );
    }
    if secret {
        cx.error(
            default.span(),
            "a secret has no default: its value comes from the secret store",
        );
    }
}

/// `ECS-B4`: the reservation does not exceed the hard limit.
pub(crate) fn memory_reservation(
    cx: &mut Ctxt,
    args: &[Arg],
    memory: Option<i64>,
    reservation: Option<i64>,
) {
    if let (Some(memory), Some(reservation), Some(arg)) =
        (memory, reservation, find(args, "memory_reservation"))
    {
        if let Some(problem) = limits::memory_reservation(reservation, memory) {
            cx.error(arg.span(), format!("`memory_reservation`: {problem}"));
        }
    }
}

/// A port's number and name where they were written.
pub(crate) type WrittenPort = (Option<Spanned<i64>>, Option<Spanned<String>>);

/// `ECS-C5`, `ECS-C7`: a container port is mapped once and a port name used once.
pub(crate) fn unique_ports(cx: &mut Ctxt, ports: &[WrittenPort]) {
    for (i, (number, name)) in ports.iter().enumerate() {
        let earlier = &ports[..i];
        if let Some(number) = number
            .as_ref()
            .filter(|n| limits::CONTAINER_PORT.contains(n.value))
        {
            if earlier
                .iter()
                .any(|(n, _)| n.as_ref().is_some_and(|n| n.value == number.value))
            {
                cx.error(
                    number.span,
                    format!("port {} is mapped twice", number.value),
                );
            }
        }
        if let Some(name) = name
            .as_ref()
            .filter(|n| ecs_model_internals::names::is_service_connect_name(&n.value))
        {
            if earlier
                .iter()
                .any(|(_, n)| n.as_ref().is_some_and(|n| n.value == name.value))
            {
                cx.error(
                    name.span,
                    format!("port name {:?} is used twice", name.value),
                );
            }
        }
    }
}

/// `ECS-C7`: an application protocol needs a named port.
pub(crate) fn app_protocol(cx: &mut Ctxt, port: &[Arg], app_protocol: bool, named: bool) {
    if let (true, false, Some(key)) = (app_protocol, named, find(port, "app_protocol")) {
        cx.error(key.span(), "`app_protocol` needs the port to have a `name`");
    }
}

/// A container has one log configuration.
pub(crate) fn one_log_configuration(cx: &mut Ctxt, args: &[Arg]) {
    if let (Some(_), Some(arg)) = (find(args, "awslogs"), find(args, "log")) {
        cx.error(
            arg.span(),
            "give `awslogs(…)` or `log(…)`, not both: a container has one log configuration",
        );
    }
}

/// `ECS-F2`, `ECS-F3`: `awslogs` names its group and region; a datetime format and a multiline
/// pattern exclude each other.
pub(crate) fn awslogs_options(cx: &mut Ctxt, awslogs: &Arg, options: &[Arg]) {
    for required in ["group", "region"] {
        if find(options, required).is_none() {
            cx.error(
                awslogs.span(),
                format!("`awslogs` needs `{required} = \"…\"`"),
            );
        }
    }
    if find(options, "datetime_format").is_some() && find(options, "multiline_pattern").is_some() {
        cx.error(
            awslogs.span(),
            "`datetime_format` and `multiline_pattern` exclude each other",
        );
    }
}

/// `ECS-A2`: a task has 1–10 containers.
pub(crate) fn container_count(cx: &mut Ctxt, span: Span, containers: usize) {
    if containers == 0 {
        cx.error(span, "a task needs at least one container field");
    } else if let Some(problem) = limits::containers(containers) {
        cx.error(span, problem);
    }
}

/// `ECS-I1`: volume names are unique in the task.
pub(crate) fn volume_once<'a>(
    cx: &mut Ctxt,
    arg: &Arg,
    earlier: impl IntoIterator<Item = &'a str>,
    name: &str,
) {
    if earlier.into_iter().any(|n| n == name) {
        cx.error(arg.span(), format!("volume {name:?} is declared twice"));
    }
}

/// `ECS-I1`: a volume has at most one of the `configurations` it can have, and an access point
/// goes with EFS (`stray_access_point` when it does not); `false` when the kinds conflict.
pub(crate) fn volume_kind(
    cx: &mut Ctxt,
    arg: &Arg,
    configurations: usize,
    stray_access_point: bool,
) -> bool {
    if configurations > 1 {
        cx.error(
            arg.span(),
            "a volume is one of: a scratch volume, `host = …`, `efs = …`, `configured_at_launch`",
        );
        return false;
    }
    if stray_access_point {
        cx.error(arg.span(), "`access_point` goes with `efs = \"fs-…\"`");
    }
    true
}

/// A task runs on exactly one launch type: the attribute that says which.
pub(crate) fn one_launch_type<'a>(cx: &mut Ctxt, args: &'a [Arg], span: Span) -> Option<&'a Arg> {
    let given: Vec<&Arg> = ["fargate", "ec2", "managed_instances"]
        .iter()
        .filter_map(|k| find(args, k))
        .collect();
    match given.as_slice() {
        [arg] => Some(*arg),
        [] => {
            cx.error(span, "say where the task runs: `#[ecs(fargate(cpu = …, memory = …))]`, `#[ecs(ec2)]` or `#[ecs(managed_instances)]`");
            None
        }
        [_, second, ..] => {
            cx.error(
                second.span(),
                "a task runs on one launch type: give one of `fargate`, `ec2`, `managed_instances`",
            );
            None
        }
    }
}

/// `ECS-A8`, `A9`, `A10`, `A5`: a Fargate task has a Fargate size and `awsvpc` networking; the
/// size, when both amounts were read.
pub(crate) fn fargate(
    cx: &mut Ctxt,
    args: &[Arg],
    fargate: &Arg,
    cpu: Option<Spanned<u32>>,
    memory: Option<Spanned<u32>>,
    windows: bool,
    network_mode: Option<&str>,
) -> Option<(u32, u32)> {
    let (Some(cpu), Some(memory)) = (cpu, memory) else {
        let given = |key| matches!(fargate, Arg::Nested(_, inner, _) if find(inner, key).is_some());
        // A size given but unreadable was reported where it was written.
        if !(given("cpu") && given("memory")) {
            cx.error(
                fargate.span(),
                "Fargate tasks need both: `fargate(cpu = \"…\", memory = \"…\")`",
            );
        }
        return None;
    };
    match sizes::size(cpu.value, memory.value, windows) {
        Ok(()) => {}
        Err(problem @ sizes::SizeProblem::Cpu(_)) => cx.error(cpu.span, problem.message()),
        Err(problem @ sizes::SizeProblem::Memory(_)) => cx.error(memory.span, problem.message()),
    }
    if network_mode.is_some_and(|m| m != "awsvpc") {
        let span = find(args, "network_mode").map_or(fargate.span(), Arg::span);
        cx.error(span, "Fargate tasks use the `awsvpc` network mode");
    }
    Some((cpu.value, memory.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names_a_shell_reads() {
        assert!(env_name("NODE_ENV").is_none());
        assert!(env_name("_X1").is_none());
        assert!(env_name("1PORT").is_some());
        assert!(env_name("MY-VAR").is_some());
        assert!(env_name("").is_some());
    }
}
