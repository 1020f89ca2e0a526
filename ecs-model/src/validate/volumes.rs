//! Volumes and mounts (section I).

use std::collections::HashMap;

use ecs_model_internals::names;

use super::{Checker, rules};
use crate::JsonPath;
use crate::path::json_path;
use crate::task_definition::TaskDefinition;
use crate::volume::{
    EfsSetting, EfsVolumeConfiguration, S3FilesVolumeConfiguration, Scope, Volume,
};
use crate::words::quoted;

pub(super) fn check(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, volume) in td.volumes.iter().enumerate() {
        let at = json_path!("volumes"[i]);
        match volume.name.as_deref() {
            None => cx.report(
                &rules::I1,
                at.clone(),
                "a volume needs a `name` for mount points to refer to",
            ),
            Some(name) => {
                if let Some(problem) = names::resource_name("volume", name) {
                    cx.report(&rules::I1, at.clone().key("name"), problem);
                }
                if let Some(first) = seen.insert(name, i) {
                    cx.report(
                        &rules::I1,
                        at.clone().key("name"),
                        format!("{} is already the name of volumes[{first}]", quoted(name)),
                    );
                }
            }
        }
        let configurations = volume.configurations();
        if configurations.len() > 1 {
            cx.report(
                &rules::I1,
                at.clone(),
                format!(
                    "{} are all set; a volume takes one",
                    configurations.join(", ")
                ),
            );
        }
        configuration(cx, td, volume, &at);
    }
    mounts(cx, td, &seen);
    launch_volumes(cx, td);
}

fn configuration(cx: &mut Checker<'_>, td: &TaskDefinition, volume: &Volume, at: &JsonPath) {
    if let Some(docker) = &volume.docker_volume_configuration {
        let at = at.clone().key("dockerVolumeConfiguration");
        cx.report(
            &rules::I3,
            at.clone(),
            "Docker volumes are not supported on Fargate",
        );
        if docker.autoprovision == Some(true) && docker.scope != Some(Scope::Shared) {
            cx.report(
                &rules::I3_AUTOPROVISION,
                at.key("autoprovision"),
                "`autoprovision` needs `scope: shared`",
            );
        }
    }
    if let Some(host) = &volume.host {
        if host.source_path.is_some() {
            cx.report(
                &rules::I4,
                at.clone().key("host").key("sourcePath"),
                "host paths are not supported on Fargate; omit `sourcePath` for a scratch volume",
            );
        }
    }
    if let Some(efs) = &volume.efs_volume_configuration {
        efs_volume(cx, efs, &at.clone().key("efsVolumeConfiguration"));
    }
    if let Some(s3) = &volume.s3files_volume_configuration {
        s3files_volume(cx, td, s3, &at.clone().key("s3filesVolumeConfiguration"));
    }
    let says_linux = td
        .runtime_platform
        .as_ref()
        .and_then(|p| p.operating_system_family)
        == Some(crate::task_definition::OsFamily::Linux);
    if volume
        .fsx_windows_file_server_volume_configuration
        .is_some()
        && says_linux
    {
        cx.report(
            &rules::I6,
            at.clone().key("fsxWindowsFileServerVolumeConfiguration"),
            "FSx for Windows File Server volumes need Windows containers; the runtime platform is Linux",
        );
    }
}

fn efs_volume(cx: &mut Checker<'_>, efs: &EfsVolumeConfiguration, at: &JsonPath) {
    let auth = efs.authorization_config.as_ref();
    let access_point = auth.and_then(|a| a.access_point_id.as_deref());
    let iam = auth.and_then(|a| a.iam) == Some(EfsSetting::Enabled);
    if (iam || access_point.is_some()) && efs.transit_encryption != Some(EfsSetting::Enabled) {
        cx.report(
            &rules::I5,
            at.clone().key("transitEncryption"),
            format!(
                "must be ENABLED with {}",
                if iam {
                    "IAM authorization"
                } else {
                    "an access point"
                }
            ),
        );
    }
    if access_point.is_some() {
        if let Some(root) = efs.root_directory.as_deref().filter(|r| *r != "/") {
            cx.report(
                &rules::I5,
                at.clone().key("rootDirectory"),
                format!("{} with an access point; omit it or use \"/\" (the access point sets the root)", quoted(root)),
            );
        }
    }
    if let Some(port) = efs.transit_encryption_port {
        if !(1..=65535).contains(&port) {
            cx.report(
                &rules::I5,
                at.clone().key("transitEncryptionPort"),
                format!("{port} is not a port (1–65535)"),
            );
        }
    }
}

fn s3files_volume(
    cx: &mut Checker<'_>,
    td: &TaskDefinition,
    s3: &S3FilesVolumeConfiguration,
    at: &JsonPath,
) {
    if td.task_role_arn.is_none() {
        cx.report(
            &rules::I8,
            at.clone(),
            "S3 Files volumes need a task role (`taskRoleArn`)",
        );
    }
    if s3.access_point_arn.is_some() {
        if let Some(root) = s3.root_directory.as_deref().filter(|r| *r != "/") {
            cx.report(
                &rules::I8,
                at.clone().key("rootDirectory"),
                format!(
                    "{} with an access point; omit it or use \"/\"",
                    quoted(root)
                ),
            );
        }
    }
    if let Some(port) = s3.transit_encryption_port {
        if !(1..=65535).contains(&port) {
            cx.report(
                &rules::I8,
                at.clone().key("transitEncryptionPort"),
                format!("{port} is not a port (1–65535)"),
            );
        }
    }
}

fn mounts(cx: &mut Checker<'_>, td: &TaskDefinition, volumes: &HashMap<&str, usize>) {
    for (i, c) in td.container_definitions.iter().enumerate() {
        for (j, mount) in c.mount_points.iter().enumerate() {
            // Built when a problem is found: a clean definition has many mount points.
            let at = || json_path!("containerDefinitions"[i], "mountPoints"[j], "sourceVolume");
            match mount.source_volume.as_deref() {
                None => cx.report(&rules::I2, at(), "a mount point needs a `sourceVolume`"),
                Some(name) if !volumes.contains_key(name) => {
                    let known: Vec<&str> = volumes.keys().copied().collect();
                    let hint = crate::words::closest(name, &known)
                        .map(|near| format!(", did you mean {}?", quoted(near)))
                        .unwrap_or_default();
                    cx.report(
                        &rules::I2,
                        at(),
                        format!("no task volume is named {}{hint}", quoted(name)),
                    );
                }
                Some(_) => {}
            }
            if mount.container_path.as_deref().is_none_or(str::is_empty) {
                cx.report(
                    &rules::I2,
                    json_path!("containerDefinitions"[i], "mountPoints"[j], "containerPath"),
                    "a mount point needs a `containerPath`",
                );
            }
        }
        for (j, from) in c.volumes_from.iter().enumerate() {
            let at = json_path!(
                "containerDefinitions"[i],
                "volumesFrom"[j],
                "sourceContainer"
            );
            match from.source_container.as_deref() {
                None => cx.report(&rules::I2, at, "`volumesFrom` needs a `sourceContainer`"),
                Some(name) if name == c.name => {
                    cx.report(&rules::I2, at, "a container cannot mount its own volumes");
                }
                Some(name) if td.container(name).is_none() => {
                    cx.report(
                        &rules::I2,
                        at,
                        format!("no container is named {}", quoted(name)),
                    );
                }
                Some(_) => {}
            }
        }
    }
}

fn launch_volumes(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let at_launch: Vec<(usize, &str)> = td
        .volumes
        .iter()
        .enumerate()
        .filter(|(_, v)| v.configured_at_launch == Some(true))
        .map(|(i, v)| (i, v.name.as_deref().unwrap_or_default()))
        .collect();
    for &(i, _) in at_launch.iter().skip(1) {
        cx.report(
            &rules::I9,
            json_path!("volumes"[i], "configuredAtLaunch"),
            format!(
                "a second volume configured at launch (volumes[{}] is one); a task takes one",
                at_launch[0].0
            ),
        );
    }
    let mounted: std::collections::BTreeSet<&str> = td
        .container_definitions
        .iter()
        .flat_map(|c| &c.mount_points)
        .filter_map(|m| m.source_volume.as_deref())
        .collect();
    for &(i, name) in &at_launch {
        if !mounted.contains(name) {
            cx.report(
                &rules::I9,
                json_path!("volumes"[i]),
                format!(
                    "volume {} is configured at launch but no container mounts it",
                    quoted(name)
                ),
            );
        }
    }
}
