//! File systems, mount targets and access points on their own (`ECS-I12`). Whether tasks can
//! mount them is checked with the application.

use super::{AccessPoint, FileSystem, MountTarget, ThroughputMode};
use crate::diagnostic::{Diagnostic, Findings};
use crate::path::json_path;
use crate::validate::rules;
use crate::words::quoted;

impl FileSystem {
    /// Every problem (`ECS-I12`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut out = Findings::default();
        if self.creation_token.is_empty() || self.creation_token.len() > 64 {
            out.report(
                &rules::I12,
                json_path!("CreationToken"),
                "1–64 characters: the file system's name in the application",
            );
        }
        if self.encrypted != Some(true) {
            out.report(
                &rules::I12_ENCRYPTION,
                json_path!("Encrypted"),
                "the file system is not encrypted at rest, and cannot be once created",
            );
        }
        let provisioned = self.throughput_mode == Some(ThroughputMode::Provisioned);
        if provisioned != self.provisioned_throughput_in_mibps.is_some() {
            out.report(
                &rules::I12,
                json_path!("ProvisionedThroughputInMibps"),
                if provisioned {
                    "`provisioned` throughput needs its MiB/s"
                } else {
                    "only `provisioned` throughput takes MiB/s"
                },
            );
        }
        out.into_vec()
    }
}

impl MountTarget {
    /// Every problem (`ECS-I12`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut out = Findings::default();
        if self.security_groups.is_empty() || self.security_groups.len() > 5 {
            out.report(
                &rules::I12,
                json_path!("SecurityGroups"),
                format!(
                    "{} security groups: give 1–5, one of which admits NFS from the tasks",
                    self.security_groups.len()
                ),
            );
        }
        if self.subnet_id.is_empty() {
            out.report(
                &rules::I12,
                json_path!("SubnetId"),
                "a mount target is in a subnet",
            );
        }
        out.into_vec()
    }
}

impl AccessPoint {
    /// Every problem (`ECS-I12`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut out = Findings::default();
        if self.client_token.is_empty() || self.client_token.len() > 64 {
            out.report(
                &rules::I12,
                json_path!("ClientToken"),
                "1–64 characters: the access point's name in the application",
            );
        }
        let id_range = 0..=4_294_967_295_i64;
        if let Some(user) = &self.posix_user {
            for (key, id) in [("Uid", user.uid), ("Gid", user.gid)] {
                if !id_range.contains(&id) {
                    out.report(
                        &rules::I12,
                        json_path!("PosixUser").key(key),
                        format!("{id}: POSIX ids are 0–4294967295"),
                    );
                }
            }
        }
        if let Some(root) = &self.root_directory {
            if let Some(path) = &root.path
                && (!path.starts_with('/') || path.len() > 100 || path.split('/').count() > 5)
            {
                out.report(
                    &rules::I12,
                    json_path!("RootDirectory", "Path"),
                    format!(
                        "{}: an absolute path of at most 4 levels and 100 characters",
                        quoted(path)
                    ),
                );
            }
            let octal = |p: &str| {
                (3..=4).contains(&p.len()) && p.bytes().all(|b| (b'0'..=b'7').contains(&b))
            };
            if root
                .creation_info
                .as_ref()
                .is_some_and(|i| !octal(&i.permissions))
            {
                out.report(
                    &rules::I12,
                    json_path!("RootDirectory", "CreationInfo", "Permissions"),
                    "octal permissions of 3 or 4 digits (`750`)",
                );
            }
        }
        out.into_vec()
    }
}
