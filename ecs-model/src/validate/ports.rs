//! Port mappings and container networking (section C, and the networking part of H10).

use ecs_model_internals::{limits, names};

use super::{Checker, rules};
use crate::container::{ContainerDefinition, PortMapping};
use crate::path::PathCursor;
use crate::task_definition::NetworkMode;

/// Host ports ECS reserves on every container instance.
const RESERVED_HOST_PORTS: &[i32] = &[22, 2375, 2376, 51678, 51679, 51680];

pub(super) fn check(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    ports(cx, c, at);
    unsupported_with_awsvpc(cx, c, at);
}

/// A port mapping's container ports: a single port or a parsed range.
enum Ports {
    One(i64),
    Range(i64, i64),
    Invalid,
}

fn ports(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    if c.port_mappings.is_empty() {
        return;
    }
    let list = at.key("portMappings");
    let mode = cx.network_mode();
    if mode == Some(NetworkMode::None) {
        cx.report(
            &rules::C4,
            list.path(),
            format!(
                "{} port mappings with the `none` network mode",
                c.port_mappings.len()
            ),
        );
    }
    let mut seen: Vec<(Ports, usize)> = Vec::with_capacity(c.port_mappings.len());
    let mut ranges = 0;
    for (i, p) in c.port_mappings.iter().enumerate() {
        let item = list.index(i);
        let ports = mapping(cx, p, &item);
        if let Ports::Range(..) = ports {
            ranges += 1;
        }
        for (earlier, j) in &seen {
            if let Some(port) = overlap(earlier, &ports) {
                let what = if matches!((earlier, &ports), (Ports::One(_), Ports::One(_))) {
                    "is already mapped"
                } else {
                    "is in two mappings"
                };
                cx.report(
                    &rules::C5,
                    item.path(),
                    format!("container port {port} {what} (portMappings[{j}]); a port is mapped once, for one protocol"),
                );
                break;
            }
        }
        seen.push((ports, i));
        port_name(cx, p, &item, mode);
    }
    if ranges > 100 {
        cx.report(
            &rules::C6,
            list.path(),
            format!("{ranges} port ranges; at most 100 per container"),
        );
    }
}

fn overlap(a: &Ports, b: &Ports) -> Option<i64> {
    let span = |p: &Ports| match *p {
        Ports::One(port) => Some((port, port)),
        Ports::Range(start, end) => Some((start, end)),
        Ports::Invalid => None,
    };
    let ((a0, a1), (b0, b1)) = (span(a)?, span(b)?);
    (a0 <= b1 && b0 <= a1).then_some(a0.max(b0))
}

/// Checks one mapping's ports and returns them.
fn mapping(cx: &mut Checker<'_>, p: &PortMapping, item: &PathCursor<'_>) -> Ports {
    let mode = cx.network_mode();
    if let Some(range) = p.container_port_range.as_deref() {
        return range_mapping(cx, p, range, item);
    }
    let Some(container_port) = p.container_port else {
        cx.report(
            &rules::C11,
            item.path(),
            "a port mapping needs `containerPort` or `containerPortRange`",
        );
        return Ports::Invalid;
    };
    let mut valid = true;
    if let Some(problem) = limits::port(container_port.into(), limits::CONTAINER_PORT) {
        cx.report(&rules::C11, item.key("containerPort").path(), problem);
        valid = false;
    }
    if let Some(problem) = p
        .host_port
        .and_then(|host_port| limits::port(host_port.into(), limits::HOST_PORT))
    {
        cx.report(&rules::C11, item.key("hostPort").path(), problem);
    }
    match mode {
        Some(mode @ (NetworkMode::Awsvpc | NetworkMode::Host)) => {
            if let Some(host_port) = p.host_port {
                if host_port != container_port {
                    cx.report(
                        &rules::C1,
                        item.key("hostPort").path(),
                        format!(
                            "{host_port} differs from containerPort {container_port}; with `{mode}` leave hostPort out or make it equal"
                        ),
                    );
                }
            }
            if mode == NetworkMode::Host {
                host_port_choice(cx, container_port, item, "containerPort");
            }
        }
        Some(NetworkMode::Bridge) => {
            if let Some(host_port) = p.host_port.filter(|port| *port > 0) {
                host_port_choice(cx, host_port, item, "hostPort");
            }
        }
        _ => {}
    }
    if container_port == 3150 {
        cx.report(
            &rules::C10,
            item.key("containerPort").path(),
            "3150 is reserved on Fargate Windows",
        );
    }
    if valid {
        Ports::One(container_port.into())
    } else {
        Ports::Invalid
    }
}

/// Checks a `containerPortRange` mapping.
fn range_mapping(
    cx: &mut Checker<'_>,
    p: &PortMapping,
    range: &str,
    item: &PathCursor<'_>,
) -> Ports {
    let mode = cx.network_mode();
    let at = item.key("containerPortRange");
    if p.container_port.is_some() {
        cx.report(
            &rules::C6,
            item.key("containerPort").path(),
            "set with `containerPortRange`; give one or the other",
        );
    }
    if p.host_port.is_some() {
        cx.report(
            &rules::C6,
            item.key("hostPort").path(),
            "set with `containerPortRange`; ECS assigns the host ports",
        );
    }
    if let Some(mode @ (NetworkMode::Host | NetworkMode::None)) = mode {
        cx.report(
            &rules::C6,
            at.path(),
            format!("port ranges need `bridge` or `awsvpc`, not `{mode}`"),
        );
    }
    match limits::port_range(range) {
        Ok((start, end)) => Ports::Range(start, end),
        Err(problem) => {
            cx.report(&rules::C6, at.path(), problem);
            Ports::Invalid
        }
    }
}

/// A static host port on an instance: reserved ports and the ephemeral range.
fn host_port_choice(cx: &mut Checker<'_>, port: i32, item: &PathCursor<'_>, key: &'static str) {
    if RESERVED_HOST_PORTS.contains(&port) {
        cx.report(
            &rules::C3_RESERVED,
            item.key(key).path(),
            format!("host port {port} is reserved (SSH, Docker, or the ECS agent)"),
        );
    }
    let ephemeral_start = if cx.task.windows { 49152 } else { 49153 };
    if (ephemeral_start..=65535).contains(&port) {
        cx.report(
            &rules::C3,
            item.key(key).path(),
            format!(
                "static host port {port} is in the ephemeral range ({ephemeral_start}–65535) ECS assigns dynamic ports from"
            ),
        );
    }
}

/// `ECS-C7`: the name of a mapping (Service Connect), and what a name needs.
fn port_name(
    cx: &mut Checker<'_>,
    p: &PortMapping,
    item: &PathCursor<'_>,
    mode: Option<NetworkMode>,
) {
    match p.name.as_deref() {
        Some(name) => {
            if let Some(problem) = names::service_connect_name("port name", name) {
                cx.report(&rules::C7, item.key("name").path(), problem);
            }
            if let Some(mode @ (NetworkMode::Host | NetworkMode::None)) = mode {
                cx.report(
                    &rules::C7,
                    item.key("name").path(),
                    format!("named port mappings need `bridge` or `awsvpc`, not `{mode}`"),
                );
            }
        }
        None => {
            if let Some(protocol) = p.app_protocol {
                cx.report(
                    &rules::C7,
                    item.key("appProtocol").path(),
                    format!("`{protocol}` needs the port mapping to have a `name`"),
                );
            }
        }
    }
}

fn unsupported_with_awsvpc(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    let awsvpc = cx.network_mode() == Some(NetworkMode::Awsvpc);
    let fargate = cx.task.fargate;
    let set: [(&'static str, bool); 5] = [
        ("hostname", c.hostname.is_some()),
        ("dnsServers", !c.dns_servers.is_empty()),
        ("dnsSearchDomains", !c.dns_search_domains.is_empty()),
        ("extraHosts", !c.extra_hosts.is_empty()),
        ("disableNetworking", c.disable_networking.is_some()),
    ];
    for (key, present) in set {
        if !present {
            continue;
        }
        if fargate && key != "hostname" {
            cx.report(
                &rules::H10,
                at.key(key).path(),
                format!("`{key}` is not valid on Fargate"),
            );
        } else if awsvpc {
            cx.report(
                &rules::C8,
                at.key(key).path(),
                format!("`{key}` is not supported with the `awsvpc` network mode"),
            );
        }
    }
    if !c.links.is_empty() {
        let path = at.key("links").path();
        if fargate {
            cx.report(&rules::H10, path.clone(), "`links` is not valid on Fargate");
        } else if cx
            .network_mode()
            .is_some_and(|mode| mode != NetworkMode::Bridge)
        {
            cx.report(
                &rules::C9,
                path.clone(),
                format!(
                    "links with the `{}` network mode; links need `bridge`",
                    cx.network_mode().map_or("", NetworkMode::as_str)
                ),
            );
        }
        cx.report(&rules::C9_WINDOWS, path, "links on Windows");
    }
}
