//! Amazon EFS file systems an application owns: the file system, its mount targets (one per
//! subnet its tasks run in) and access points (EFS API shapes, PascalCase as
//! `aws efs … --cli-input-json` takes them).
//!
//! Task definitions mount them by reference: a volume's `fileSystemId` is
//! `{{file-system:<name>}}` and its access point `{{access-point:<name>}}`
//! ([`Reference::file_system`](crate::Reference::file_system)); the seam people get wrong, the
//! mount targets' security group admitting NFS (2049) from the tasks', is checked with the
//! application (`ECS-I12`).

mod api;
mod validate;

pub use api::*;

use crate::Text;
use crate::builder::builder;
use crate::json::json_document;
use crate::reference::Reference;
use crate::tag::Tag;

json_document!(FileSystem, MountTarget, AccessPoint);

/// The NFS port mount targets serve on.
pub const NFS_PORT: i32 = 2049;

impl FileSystem {
    /// An encrypted, general-purpose, elastic-throughput file system known as `name` (its
    /// `CreationToken`, which makes its creation idempotent, and its `Name` tag).
    pub fn encrypted(name: impl Into<Text>) -> FileSystemBuilder {
        let name = name.into();
        FileSystemBuilder {
            file_system: FileSystem {
                creation_token: name.clone(),
                performance_mode: Some(PerformanceMode::GeneralPurpose),
                encrypted: Some(true),
                throughput_mode: Some(ThroughputMode::Elastic),
                tags: vec![Tag::new("Name", name)],
                ..FileSystem::default()
            },
        }
    }

    /// Its name in the application: the creation token.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.creation_token
    }

    /// The reference to its id.
    #[must_use]
    pub fn reference(&self) -> Reference {
        Reference::file_system(&self.creation_token)
    }
}

builder! {
    /// Builds a [`FileSystem`]; [`build`](Self::build) validates it.
    FileSystemBuilder { file_system } => FileSystem
}

impl FileSystemBuilder {
    /// Encrypts with this KMS key instead of EFS's own.
    pub fn kms_key(mut self, key: impl Into<Text>) -> Self {
        self.file_system.kms_key_id = Some(key.into());
        self
    }

    /// Backed up by AWS Backup's default plan.
    pub fn backup(mut self, on: bool) -> Self {
        self.file_system.backup = Some(on);
        self
    }

    /// A tag.
    pub fn tag(mut self, key: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.file_system.tags.push(Tag::new(key, value));
        self
    }
}

impl MountTarget {
    /// A mount target of file system `file_system` (its name) in `subnet`, behind `group` (an
    /// id, or a [`Reference`] to a group of the application).
    pub fn in_subnet(
        file_system: &str,
        subnet: impl Into<Text>,
        group: impl Into<Text>,
    ) -> MountTargetBuilder {
        MountTargetBuilder {
            mount_target: MountTarget {
                file_system_id: Reference::file_system(file_system).to_string().into(),
                subnet_id: subnet.into(),
                security_groups: vec![group.into()],
                ..MountTarget::default()
            },
        }
    }

    /// The name of the application's file system it belongs to, when it names one.
    #[must_use]
    pub fn file_system_name(&self) -> Option<String> {
        file_system_named(&self.file_system_id)
    }
}

/// The file system a `FileSystemId` names by reference.
pub(crate) fn file_system_named(id: &str) -> Option<String> {
    match Reference::parse(id) {
        Some(Reference::FileSystem(name)) => Some(name),
        _ => None,
    }
}

builder! {
    /// Builds a [`MountTarget`]; [`build`](Self::build) validates it.
    MountTargetBuilder { mount_target } => MountTarget
}

impl AccessPoint {
    /// Access point `name` (its `ClientToken` and `Name` tag) of file system `file_system` (its
    /// name), as POSIX user `uid`:`gid`, rooted at `path`, which EFS creates owned by that user
    /// with `permissions` (`"750"`) when it is missing.
    pub fn posix(
        name: impl Into<Text>,
        file_system: &str,
        (uid, gid): (i64, i64),
        path: impl Into<Text>,
        permissions: impl Into<Text>,
    ) -> AccessPointBuilder {
        let name = name.into();
        AccessPointBuilder {
            access_point: AccessPoint {
                client_token: name.clone(),
                tags: vec![Tag::new("Name", name)],
                file_system_id: Reference::file_system(file_system).to_string().into(),
                posix_user: Some(PosixUser {
                    uid,
                    gid,
                    ..PosixUser::default()
                }),
                root_directory: Some(RootDirectory {
                    path: Some(path.into()),
                    creation_info: Some(CreationInfo {
                        owner_uid: uid,
                        owner_gid: gid,
                        permissions: permissions.into(),
                        ..CreationInfo::default()
                    }),
                    ..RootDirectory::default()
                }),
                ..AccessPoint::default()
            },
        }
    }

    /// Its name in the application: the client token.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.client_token
    }

    /// The reference to its id.
    #[must_use]
    pub fn reference(&self) -> Reference {
        Reference::access_point(&self.client_token)
    }
}

builder! {
    /// Builds an [`AccessPoint`]; [`build`](Self::build) validates it.
    AccessPointBuilder { access_point } => AccessPoint
}
