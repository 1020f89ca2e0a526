//! Container definitions: one per container of a task.

mod builder;
mod dependency;
mod environment;
mod health_check;
mod linux;
mod logging;
mod mounts;
mod port;
mod resources;

pub use builder::ContainerDefinitionBuilder;
pub use dependency::{ContainerCondition, ContainerDependency};
pub use environment::{EnvironmentFile, EnvironmentFileType, KeyValuePair, Secret};
pub use health_check::HealthCheck;
pub use linux::{
    CAPABILITIES, Device, DeviceCgroupPermission, KernelCapabilities, LinuxParameters,
    SystemControl, TMPFS_MOUNT_OPTIONS, Tmpfs, Ulimit, UlimitName,
};
pub use logging::{
    FirelensConfiguration, FirelensConfigurationType, LogConfiguration, LogDriver, awslogs,
};
pub use mounts::{MountPoint, VolumeFrom};
pub use port::{ApplicationProtocol, PortMapping, TransportProtocol};
pub use resources::{NvidiaMpsAllocation, ResourceRequirement, ResourceType, SharingStrategy};

use crate::Text;
use crate::json::decode::StringMap;
use crate::json::record::{api_enum, api_struct};

api_struct! {
    /// A container of a task: its image, resources, ports, environment, logging and health.
    ///
    /// Build one with [`ContainerDefinition::builder`]; the fields are public for reading and
    /// for adjusting a parsed definition.
    pub struct ContainerDefinition {
        /// Up to 255 letters, digits, `_` and `-`; unique in the task (`ECS-B1`).
        name "name": Text,
        /// The image: `repository:tag`, `repository@sha256:…`, or an ECR URI (`ECS-B2`).
        image "image": Text,
        /// Credentials for a private registry (a Secrets Manager secret).
        repository_credentials "repositoryCredentials": Option<RepositoryCredentials>,
        /// CPU units reserved for the container (1024 = 1 vCPU).
        cpu "cpu": Option<i32>,
        /// Hard memory limit in MiB: the container is killed above it.
        memory "memory": Option<i32>,
        /// Soft memory limit in MiB: what the scheduler reserves.
        memory_reservation "memoryReservation": Option<i32>,
        /// Legacy links to other containers (`bridge` mode only).
        links "links": Vec<Text>,
        /// Published ports.
        port_mappings "portMappings": Vec<PortMapping>,
        /// Whether the task stops when this container stops (default `true`).
        essential "essential": Option<bool>,
        /// Restarts the container in place when it exits.
        restart_policy "restartPolicy": Option<ContainerRestartPolicy>,
        /// Overrides the image's `ENTRYPOINT`.
        entry_point "entryPoint": Vec<Text>,
        /// Overrides the image's `CMD`.
        command "command": Vec<Text>,
        /// Environment variables.
        environment "environment": Vec<KeyValuePair>,
        /// `.env` files loaded from S3.
        environment_files "environmentFiles": Vec<EnvironmentFile>,
        /// Task volumes mounted into the container.
        mount_points "mountPoints": Vec<MountPoint>,
        /// Other containers whose volumes are mounted.
        volumes_from "volumesFrom": Vec<VolumeFrom>,
        /// Linux capabilities, devices, tmpfs, swap.
        linux_parameters "linuxParameters": Option<LinuxParameters>,
        /// Secrets injected as environment variables.
        secrets "secrets": Vec<Secret>,
        /// Containers that must reach a condition before this one starts.
        depends_on "dependsOn": Vec<ContainerDependency>,
        /// Seconds to wait for dependencies before giving up.
        start_timeout "startTimeout": Option<i32>,
        /// Seconds between SIGTERM and SIGKILL (Fargate: up to 120, default 30).
        stop_timeout "stopTimeout": Option<i32>,
        /// Whether ECS pins the image tag to a digest at deployment (default `enabled`).
        version_consistency "versionConsistency": Option<VersionConsistency>,
        /// The container's hostname (not with `awsvpc`).
        hostname "hostname": Option<Text>,
        /// The user (`name`, `uid`, `uid:gid`, …; not on Windows).
        user "user": Option<Text>,
        /// The working directory.
        working_directory "workingDirectory": Option<Text>,
        /// Turns networking off.
        disable_networking "disableNetworking": Option<bool>,
        /// Root on the host (not on Fargate or Windows).
        privileged "privileged": Option<bool>,
        /// A read-only root filesystem.
        readonly_root_filesystem "readonlyRootFilesystem": Option<bool>,
        /// DNS servers (not with `awsvpc`).
        dns_servers "dnsServers": Vec<Text>,
        /// DNS search domains (not with `awsvpc`).
        dns_search_domains "dnsSearchDomains": Vec<Text>,
        /// Lines added to `/etc/hosts` (not with `awsvpc`).
        extra_hosts "extraHosts": Vec<HostEntry>,
        /// SELinux and AppArmor labels, `no-new-privileges` (not on Fargate).
        docker_security_options "dockerSecurityOptions": Vec<Text>,
        /// Keeps stdin open (`docker run -i`).
        interactive "interactive": Option<bool>,
        /// Allocates a TTY (`docker run -t`).
        pseudo_terminal "pseudoTerminal": Option<bool>,
        /// Docker labels; keys are kept exactly as given.
        docker_labels "dockerLabels": StringMap,
        /// Resource limits.
        ulimits "ulimits": Vec<Ulimit>,
        /// Where logs go.
        log_configuration "logConfiguration": Option<LogConfiguration>,
        /// The Docker health check.
        health_check "healthCheck": Option<HealthCheck>,
        /// Namespaced kernel parameters.
        system_controls "systemControls": Vec<SystemControl>,
        /// GPUs and accelerators.
        resource_requirements "resourceRequirements": Vec<ResourceRequirement>,
        /// Makes this container the FireLens log router.
        firelens_configuration "firelensConfiguration": Option<FirelensConfiguration>,
        /// Active Directory credential specs (Windows and Linux gMSA).
        credential_specs "credentialSpecs": Vec<Text>,
    }
}

impl ContainerDefinition {
    /// Starts a container named `name` running `image`.
    ///
    /// ```
    /// use ecs_model::{ContainerDefinition, HealthCheck};
    /// let web = ContainerDefinition::builder("web", "nginx:1.27")
    ///     .port(80)
    ///     .env("NGINX_PORT", "80")
    ///     .health_check(HealthCheck::shell("curl -f http://localhost/ || exit 1"))
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(web.port_mappings[0].container_port, Some(80));
    /// ```
    pub fn builder(name: impl Into<Text>, image: impl Into<Text>) -> ContainerDefinitionBuilder {
        ContainerDefinitionBuilder::new(name.into(), image.into())
    }

    /// Whether the task stops when this container stops (`essential`, default `true`).
    #[must_use]
    pub fn is_essential(&self) -> bool {
        self.essential.unwrap_or(true)
    }

    /// The value of environment variable `name`, if set.
    #[must_use]
    pub fn env_value(&self, name: &str) -> Option<&str> {
        self.environment
            .iter()
            .find(|kv| kv.name.as_deref() == Some(name))
            .and_then(|kv| kv.value.as_deref())
    }

    /// Validates the rules that hold for a container wherever it runs; paths are relative to
    /// the container. A task's validation also checks the rules that depend on the task.
    #[must_use]
    pub fn validate(&self) -> Vec<crate::Diagnostic> {
        crate::validate::container_alone(self)
    }
}

api_struct! {
    /// Credentials for pulling from a private registry.
    pub struct RepositoryCredentials {
        /// The ARN (or same-region name) of the Secrets Manager secret holding them.
        credentials_parameter "credentialsParameter": Text,
    }
}

api_struct! {
    /// Restarts a container in place when it exits, instead of replacing the task (`ECS-B10`).
    pub struct ContainerRestartPolicy {
        /// Whether restarts are on.
        enabled "enabled": bool,
        /// Exit codes that do not trigger a restart (up to 50).
        ignored_exit_codes "ignoredExitCodes": Vec<i32>,
        /// Seconds a container must run before it may be restarted, 60–1800 (default 300).
        restart_attempt_period "restartAttemptPeriod": Option<i32>,
    }
}

impl ContainerRestartPolicy {
    /// Restarts on.
    #[must_use]
    pub fn enabled() -> Self {
        Self {
            enabled: true,
            ..Self::default()
        }
    }
}

api_enum! {
    /// Whether ECS resolves an image tag to a digest when it deploys.
    pub enum VersionConsistency ("version consistency") {
        /// Pin the digest (default).
        Enabled = "enabled",
        /// Pull the tag each time.
        Disabled = "disabled",
    }
}

api_struct! {
    /// A line of `/etc/hosts`.
    pub struct HostEntry {
        /// The host name.
        hostname "hostname": Text,
        /// Its IP address.
        ip_address "ipAddress": Text,
    }
}
