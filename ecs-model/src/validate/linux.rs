//! Linux parameters and security settings (section H).

use super::{Checker, rules};
use crate::container::{
    CAPABILITIES, ContainerDefinition, KernelCapabilities, TMPFS_MOUNT_OPTIONS,
};
use crate::path::PathCursor;
use crate::task_definition::{IpcMode, NetworkMode};
use crate::words::quoted;

pub(super) fn check(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    parameters(cx, c, at);
    security(cx, c, at);
    ulimits(cx, c, at);
    system_controls(cx, c, at);
}

fn parameters(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    let Some(linux) = &c.linux_parameters else {
        return;
    };
    let at = at.key("linuxParameters");
    if let Some(caps) = &linux.capabilities {
        capabilities(cx, caps, &at.key("capabilities"));
    }
    let not_on_fargate: [(&'static str, bool); 5] = [
        ("devices", !linux.devices.is_empty()),
        ("sharedMemorySize", linux.shared_memory_size.is_some()),
        ("tmpfs", !linux.tmpfs.is_empty()),
        ("maxSwap", linux.max_swap.is_some()),
        ("swappiness", linux.swappiness.is_some()),
    ];
    for (key, present) in not_on_fargate {
        if present {
            cx.report(
                &rules::H2,
                at.key(key).path(),
                format!("`{key}` is not supported on Fargate"),
            );
        }
    }
    if let Some(swappiness) = linux.swappiness {
        if !(0..=100).contains(&swappiness) {
            cx.report(
                &rules::H3,
                at.key("swappiness").path(),
                format!("{swappiness}; use 0–100"),
            );
        }
        if linux.max_swap.is_none() {
            cx.report(
                &rules::H3_IGNORED,
                at.key("swappiness").path(),
                "ignored without `maxSwap`",
            );
        }
    }
    if let Some(max_swap) = linux.max_swap.filter(|v| *v < 0) {
        cx.report(
            &rules::H3,
            at.key("maxSwap").path(),
            format!("{max_swap} MiB; must not be negative"),
        );
    }
    if let Some(size) = linux.shared_memory_size.filter(|v| *v < 0) {
        cx.report(
            &rules::H3,
            at.key("sharedMemorySize").path(),
            format!("{size} MiB; must not be negative"),
        );
    }
    let tmpfs = at.key("tmpfs");
    for (i, mount) in linux.tmpfs.iter().enumerate() {
        if mount.size <= 0 {
            cx.report(
                &rules::H4,
                tmpfs.index(i).key("size").path(),
                format!("{} MiB; a tmpfs needs a positive size", mount.size),
            );
        }
        for (j, option) in mount.mount_options.iter().enumerate() {
            let name = option.split('=').next().unwrap_or_default();
            if !TMPFS_MOUNT_OPTIONS.contains(&name) {
                cx.report(
                    &rules::H4,
                    tmpfs.index(i).key("mountOptions").index(j).path(),
                    format!("{} is not a tmpfs mount option", quoted(option)),
                );
            }
        }
    }
    let devices = at.key("devices");
    for (i, device) in linux.devices.iter().enumerate() {
        if device.host_path.is_empty() {
            cx.report(
                &rules::H5,
                devices.index(i).key("hostPath").path(),
                "empty; a device needs a host path",
            );
        }
    }
}

fn capabilities(cx: &mut Checker<'_>, caps: &KernelCapabilities, caps_at: &PathCursor<'_>) {
    for (key, list) in [("add", &caps.add), ("drop", &caps.drop)] {
        for (i, cap) in list.iter().enumerate() {
            if !CAPABILITIES.contains(&cap.as_str()) {
                let hint = crate::words::closest(cap.trim_start_matches("CAP_"), CAPABILITIES)
                    .map(|near| format!(", did you mean `{near}`?"))
                    .unwrap_or_default();
                cx.report(
                    &rules::H1,
                    caps_at.key(key).index(i).path(),
                    format!("{} is not a capability ECS knows{hint}", quoted(cap)),
                );
            } else if key == "add" && cap != "SYS_PTRACE" {
                cx.report(
                    &rules::H1_FARGATE,
                    caps_at.key(key).index(i).path(),
                    format!("`{cap}` on Fargate; Fargate can add only `SYS_PTRACE`"),
                );
            }
        }
    }
}

fn security(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    if c.privileged == Some(true) {
        cx.report(
            &rules::H6,
            at.key("privileged").path(),
            "`privileged` is not supported on Fargate",
        );
        cx.report(
            &rules::H6_WINDOWS,
            at.key("privileged").path(),
            "`privileged` is not supported on Windows",
        );
    }
    if c.docker_security_options.is_empty() {
        return;
    }
    let list = at.key("dockerSecurityOptions");
    cx.report(
        &rules::H7_FARGATE,
        list.path(),
        "`dockerSecurityOptions` is not supported on Fargate",
    );
    for (i, option) in c.docker_security_options.iter().enumerate() {
        let known = option == "no-new-privileges"
            || ["apparmor:", "label:", "credentialspec:"]
                .iter()
                .any(|prefix| option.starts_with(prefix) && option.len() > prefix.len());
        if !known {
            cx.report(
                &rules::H7,
                list.index(i).path(),
                format!(
                    "{} is not `no-new-privileges`, `apparmor:…`, `label:…` or `credentialspec:…`",
                    quoted(option)
                ),
            );
        }
    }
}

fn ulimits(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    if c.ulimits.is_empty() {
        return;
    }
    let list = at.key("ulimits");
    if cx.applies(&rules::H8_WINDOWS) {
        cx.report(&rules::H8_WINDOWS, list.path(), "ulimits on Windows");
    }
    for (i, limit) in c.ulimits.iter().enumerate() {
        // A handful per container: a scan of the earlier ones beats a hash map's allocation.
        if let Some(first) = c.ulimits[..i].iter().position(|l| l.name == limit.name) {
            cx.report(
                &rules::H8,
                list.index(i).key("name").path(),
                format!("`{}` is already limited by ulimits[{first}]", limit.name),
            );
        }
        if let Some(problem) =
            ecs_model_internals::limits::ulimit(limit.soft_limit.into(), limit.hard_limit.into())
        {
            cx.report(&rules::H8, list.index(i).key("softLimit").path(), problem);
        }
    }
}

/// IPC-namespaced sysctls (what `ipcMode: host` shares with the host).
fn is_ipc_sysctl(namespace: &str) -> bool {
    namespace.starts_with("fs.mqueue.")
        || matches!(
            namespace,
            "kernel.msgmax"
                | "kernel.msgmnb"
                | "kernel.msgmni"
                | "kernel.sem"
                | "kernel.shmall"
                | "kernel.shmmax"
                | "kernel.shmmni"
                | "kernel.shm_rmid_forced"
        )
}

fn system_controls(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    let list = at.key("systemControls");
    let ipc_host = cx.td.and_then(|td| td.ipc_mode) == Some(IpcMode::Host);
    for (i, sc) in c.system_controls.iter().enumerate() {
        let Some(ns) = sc.namespace.as_deref() else {
            cx.report(
                &rules::H9,
                list.index(i).path(),
                "a system control needs a `namespace`",
            );
            continue;
        };
        if ns.starts_with("net.") && cx.network_mode() == Some(NetworkMode::Host) {
            cx.report(
                &rules::H9,
                list.index(i).key("namespace").path(),
                format!(
                    "`{ns}` with the `host` network mode would change the host's network stack"
                ),
            );
        }
        if ipc_host && is_ipc_sysctl(ns) {
            cx.report(
                &rules::H9,
                list.index(i).key("namespace").path(),
                format!("`{ns}` with `ipcMode: host` would change the host's IPC namespace"),
            );
        }
    }
}
