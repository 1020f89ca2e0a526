//! Task volumes: bind mounts, Docker volumes, EFS, S3 Files, FSx for Windows and EBS at launch.

use crate::Text;
use crate::json::decode::StringMap;
use crate::json::record::{api_enum, api_struct};

api_struct! {
    /// A volume of the task, mounted into containers by name (`ECS-I1`).
    ///
    /// At most one of the configurations is set; none is a Docker-managed scratch volume.
    pub struct Volume {
        /// Up to 255 letters, digits, `_` and `-`; what `mountPoints[].sourceVolume` names.
        name "name": Option<Text>,
        /// A bind mount of a host path (no `sourcePath` on Fargate).
        host "host": Option<HostVolumeProperties>,
        /// A Docker volume (EC2 only).
        docker_volume_configuration "dockerVolumeConfiguration": Option<DockerVolumeConfiguration>,
        /// An Amazon EFS file system.
        efs_volume_configuration "efsVolumeConfiguration": Option<EfsVolumeConfiguration>,
        /// An Amazon S3 Files file system (needs a task role).
        s3files_volume_configuration "s3filesVolumeConfiguration": Option<S3FilesVolumeConfiguration>,
        /// An Amazon FSx for Windows File Server file system.
        fsx_windows_file_server_volume_configuration "fsxWindowsFileServerVolumeConfiguration":
            Option<FsxWindowsFileServerVolumeConfiguration>,
        /// An EBS volume whose configuration the service or `RunTask` supplies at launch.
        configured_at_launch "configuredAtLaunch": Option<bool>,
    }
}

impl Volume {
    /// A Docker-managed scratch volume (a bind mount with no host path).
    #[must_use]
    pub fn scratch(name: impl Into<Text>) -> Self {
        Self {
            name: Some(name.into()),
            ..Self::default()
        }
    }

    /// A bind mount of `source_path` on the host (EC2, External).
    #[must_use]
    pub fn host(name: impl Into<Text>, source_path: impl Into<Text>) -> Self {
        Self {
            name: Some(name.into()),
            host: Some(HostVolumeProperties {
                source_path: Some(source_path.into()),
                extra: crate::json::Extra::new(),
            }),
            ..Self::default()
        }
    }

    /// An EFS file system.
    #[must_use]
    pub fn efs(name: impl Into<Text>, config: EfsVolumeConfiguration) -> Self {
        Self {
            name: Some(name.into()),
            efs_volume_configuration: Some(config),
            ..Self::default()
        }
    }

    /// An EBS volume configured when the task launches.
    #[must_use]
    pub fn configured_at_launch(name: impl Into<Text>) -> Self {
        Self {
            name: Some(name.into()),
            configured_at_launch: Some(true),
            ..Self::default()
        }
    }

    /// The JSON names of the configurations that are set (`ECS-I1` allows at most one).
    #[must_use]
    pub fn configurations(&self) -> Vec<&'static str> {
        let mut set = Vec::new();
        if self.host.is_some() {
            set.push("host");
        }
        if self.docker_volume_configuration.is_some() {
            set.push("dockerVolumeConfiguration");
        }
        if self.efs_volume_configuration.is_some() {
            set.push("efsVolumeConfiguration");
        }
        if self.s3files_volume_configuration.is_some() {
            set.push("s3filesVolumeConfiguration");
        }
        if self.fsx_windows_file_server_volume_configuration.is_some() {
            set.push("fsxWindowsFileServerVolumeConfiguration");
        }
        if self.configured_at_launch == Some(true) {
            set.push("configuredAtLaunch");
        }
        set
    }
}

api_struct! {
    /// A host path bind-mounted into containers.
    pub struct HostVolumeProperties {
        /// The path on the host; omitted, Docker picks one (a scratch volume).
        source_path "sourcePath": Option<Text>,
    }
}

api_enum! {
    /// The lifetime of a Docker volume.
    pub enum Scope ("volume scope") {
        /// Created with the task, removed when it stops.
        Task = "task",
        /// Kept after the task stops, shared by tasks on the instance.
        Shared = "shared",
    }
}

api_struct! {
    /// A Docker volume (EC2 only, `ECS-I3`).
    pub struct DockerVolumeConfiguration {
        /// `task` or `shared`.
        scope "scope": Option<Scope>,
        /// Creates the volume if missing (`shared` scope only).
        autoprovision "autoprovision": Option<bool>,
        /// The volume driver.
        driver "driver": Option<Text>,
        /// Driver options; keys kept exactly.
        driver_opts "driverOpts": StringMap,
        /// Volume labels; keys kept exactly.
        labels "labels": StringMap,
    }
}

api_enum! {
    /// On or off, as EFS settings spell it.
    pub enum EfsSetting ("EFS setting") {
        /// On.
        Enabled = "ENABLED",
        /// Off.
        Disabled = "DISABLED",
    }
}

api_struct! {
    /// An Amazon EFS file system (`ECS-I5`).
    pub struct EfsVolumeConfiguration {
        /// `fs-…`.
        file_system_id "fileSystemId": Text,
        /// The directory mounted (omit or `/` with an access point).
        root_directory "rootDirectory": Option<Text>,
        /// TLS to the file system; required with IAM authorization or an access point.
        transit_encryption "transitEncryption": Option<EfsSetting>,
        /// The port the EFS mount helper uses for TLS.
        transit_encryption_port "transitEncryptionPort": Option<i32>,
        /// Access point and IAM authorization.
        authorization_config "authorizationConfig": Option<EfsAuthorizationConfig>,
    }
}

impl EfsVolumeConfiguration {
    /// The file system `fs-…`, nothing else set.
    #[must_use]
    pub fn new(file_system_id: impl Into<Text>) -> Self {
        Self {
            file_system_id: file_system_id.into(),
            ..Self::default()
        }
    }

    /// Mounts through an access point with IAM authorization and TLS, the secure setup.
    #[must_use]
    pub fn access_point(mut self, access_point_id: impl Into<Text>) -> Self {
        self.transit_encryption = Some(EfsSetting::Enabled);
        self.authorization_config = Some(EfsAuthorizationConfig {
            access_point_id: Some(access_point_id.into()),
            iam: Some(EfsSetting::Enabled),
            extra: crate::json::Extra::new(),
        });
        self
    }
}

api_struct! {
    /// How a task authenticates to EFS.
    pub struct EfsAuthorizationConfig {
        /// `fsap-…`.
        access_point_id "accessPointId": Option<Text>,
        /// Use the task role for authorization.
        iam "iam": Option<EfsSetting>,
    }
}

api_struct! {
    /// An Amazon S3 Files file system (`ECS-I8`).
    pub struct S3FilesVolumeConfiguration {
        /// The file system ARN.
        file_system_arn "fileSystemArn": Text,
        /// The directory mounted (omit or `/` with an access point).
        root_directory "rootDirectory": Option<Text>,
        /// The TLS port.
        transit_encryption_port "transitEncryptionPort": Option<i32>,
        /// An access point ARN.
        access_point_arn "accessPointArn": Option<Text>,
    }
}

api_struct! {
    /// An Amazon FSx for Windows File Server file system (`ECS-I6`).
    pub struct FsxWindowsFileServerVolumeConfiguration {
        /// `fs-…`.
        file_system_id "fileSystemId": Text,
        /// The share path mounted.
        root_directory "rootDirectory": Text,
        /// Domain credentials.
        authorization_config "authorizationConfig": FsxWindowsFileServerAuthorizationConfig,
    }
}

api_struct! {
    /// Active Directory credentials for FSx for Windows.
    pub struct FsxWindowsFileServerAuthorizationConfig {
        /// The Secrets Manager or SSM ARN of the credentials.
        credentials_parameter "credentialsParameter": Text,
        /// The domain.
        domain "domain": Text,
    }
}
