//! The container definition builder.

use super::{
    ContainerCondition, ContainerDefinition, ContainerDependency, ContainerRestartPolicy,
    EnvironmentFile, FirelensConfiguration, HealthCheck, HostEntry, KernelCapabilities,
    KeyValuePair, LinuxParameters, LogConfiguration, MountPoint, PortMapping,
    RepositoryCredentials, ResourceRequirement, Secret, SystemControl, Ulimit, VersionConsistency,
    VolumeFrom,
};
use crate::Text;
use crate::builder::builder;

builder! {
    /// Builds a [`ContainerDefinition`]; [`build`](Self::build) validates it on its own (the
    /// task's `build()` checks the rest: launch type, network mode, other containers).
    ///
    /// Singular setters add one item (`env`, `port`, `secret`), plural ones add several
    /// (`envs`, `ports`, `secrets`); scalar setters replace. [`with`](Self::with) reaches what
    /// has no setter:
    ///
    /// ```
    /// use ecs_model::ContainerDefinition;
    /// let c = ContainerDefinition::builder("app", "busybox")
    ///     .with(|def| def.extra.insert("newEcsField".into(), true.into()))
    ///     .build_unchecked();
    /// assert!(c.extra.contains_key("newEcsField"));
    /// ```
    ContainerDefinitionBuilder { def } => ContainerDefinition
}

/// A bare port number is a TCP mapping of that container port.
impl From<i32> for PortMapping {
    fn from(port: i32) -> Self {
        PortMapping::tcp(port)
    }
}

/// A bare port number is a TCP mapping of that container port.
impl From<u16> for PortMapping {
    fn from(port: u16) -> Self {
        PortMapping::tcp(i32::from(port))
    }
}

macro_rules! setters {
    ($( $(#[doc = $doc:literal])* $name:ident: $field:ident = $ty:ty ),* $(,)?) => {$(
        $(#[doc = $doc])*
        pub fn $name(mut self, value: impl Into<$ty>) -> Self {
            self.def.$field = Some(value.into());
            self
        }
    )*};
}

macro_rules! flags {
    ($( $(#[doc = $doc:literal])* $name:ident ),* $(,)?) => {$(
        $(#[doc = $doc])*
        pub fn $name(mut self, on: bool) -> Self {
            self.def.$name = Some(on);
            self
        }
    )*};
}

macro_rules! string_lists {
    ($( $(#[doc = $doc:literal])* $one:ident / $many:ident: $field:ident ),* $(,)?) => {$(
        $(#[doc = $doc])*
        pub fn $one(mut self, value: impl Into<Text>) -> Self {
            self.def.$field.push(value.into());
            self
        }

        $(#[doc = $doc])*
        pub fn $many<I, S>(mut self, values: I) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<Text>,
        {
            self.def.$field.extend(values.into_iter().map(Into::into));
            self
        }
    )*};
}

impl ContainerDefinitionBuilder {
    pub(crate) fn new(name: Text, image: Text) -> Self {
        Self {
            def: ContainerDefinition {
                name,
                image,
                ..ContainerDefinition::default()
            },
        }
    }

    /// Replaces the name.
    pub fn name(mut self, name: impl Into<Text>) -> Self {
        self.def.name = name.into();
        self
    }

    /// Replaces the image (CI usually supplies the tag).
    pub fn image(mut self, image: impl Into<Text>) -> Self {
        self.def.image = image.into();
        self
    }

    setters! {
        /// CPU units reserved for the container.
        cpu: cpu = i32,
        /// Hard memory limit in MiB.
        memory: memory = i32,
        /// Soft memory limit in MiB.
        memory_reservation: memory_reservation = i32,
        /// Seconds to wait for dependencies.
        start_timeout: start_timeout = i32,
        /// Seconds between SIGTERM and SIGKILL.
        stop_timeout: stop_timeout = i32,
        /// The hostname (not with `awsvpc`).
        hostname: hostname = Text,
        /// The user.
        user: user = Text,
        /// The working directory.
        working_directory: working_directory = Text,
        /// The restart policy.
        restart_policy: restart_policy = ContainerRestartPolicy,
        /// Digest pinning.
        version_consistency: version_consistency = VersionConsistency,
        /// Linux parameters (replaces any set before).
        linux_parameters: linux_parameters = LinuxParameters,
        /// Where logs go.
        log_configuration: log_configuration = LogConfiguration,
        /// The health check.
        health_check: health_check = HealthCheck,
        /// Makes this container the FireLens router.
        firelens_configuration: firelens_configuration = FirelensConfiguration,
    }

    flags! {
        /// Whether the task stops when this container stops.
        essential,
        /// Turns networking off.
        disable_networking,
        /// Root on the host.
        privileged,
        /// A read-only root filesystem.
        readonly_root_filesystem,
        /// Keeps stdin open.
        interactive,
        /// Allocates a TTY.
        pseudo_terminal,
    }

    string_lists! {
        /// A legacy link (`bridge` only).
        link / links: links,
        /// A DNS server.
        dns_server / dns_servers: dns_servers,
        /// A DNS search domain.
        dns_search_domain / dns_search_domains: dns_search_domains,
        /// A Docker security option.
        docker_security_option / docker_security_options: docker_security_options,
        /// A credential spec ARN.
        credential_spec / credential_specs: credential_specs,
    }

    /// Credentials for a private registry: the Secrets Manager secret's ARN.
    pub fn repository_credentials(mut self, secret_arn: impl Into<Text>) -> Self {
        self.def.repository_credentials = Some(RepositoryCredentials {
            credentials_parameter: secret_arn.into(),
            extra: crate::json::Extra::new(),
        });
        self
    }

    /// Replaces the entry point.
    pub fn entry_point<I, S>(mut self, argv: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        self.def.entry_point = argv.into_iter().map(Into::into).collect();
        self
    }

    /// Replaces the command.
    pub fn command<I, S>(mut self, argv: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        self.def.command = argv.into_iter().map(Into::into).collect();
        self
    }

    /// Publishes a port: a number (TCP) or a [`PortMapping`].
    pub fn port(mut self, mapping: impl Into<PortMapping>) -> Self {
        self.def.port_mappings.push(mapping.into());
        self
    }

    /// Publishes several ports.
    pub fn ports<I, P>(mut self, mappings: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: Into<PortMapping>,
    {
        self.def
            .port_mappings
            .extend(mappings.into_iter().map(Into::into));
        self
    }

    /// Sets environment variable `name` (replacing an earlier value of the same name).
    pub fn env(mut self, name: impl Into<Text>, value: impl Into<Text>) -> Self {
        let name = name.into();
        let value = value.into();
        match self
            .def
            .environment
            .iter_mut()
            .find(|kv| kv.name.as_deref() == Some(name.as_str()))
        {
            Some(existing) => existing.value = Some(value),
            None => self.def.environment.push(KeyValuePair::new(name, value)),
        }
        self
    }

    /// Sets several environment variables.
    pub fn envs<I, K, V>(mut self, vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<Text>,
        V: Into<Text>,
    {
        for (name, value) in vars {
            self = self.env(name, value);
        }
        self
    }

    /// Loads a `.env` file from S3 (its object ARN).
    pub fn environment_file(mut self, object_arn: impl Into<Text>) -> Self {
        self.def
            .environment_files
            .push(EnvironmentFile::s3(object_arn));
        self
    }

    /// Injects secret `value_from` as environment variable `name`.
    pub fn secret(mut self, name: impl Into<Text>, value_from: impl Into<Text>) -> Self {
        self.def.secrets.push(Secret::new(name, value_from));
        self
    }

    /// Injects several secrets.
    pub fn secrets<I>(mut self, secrets: I) -> Self
    where
        I: IntoIterator<Item = Secret>,
    {
        self.def.secrets.extend(secrets);
        self
    }

    /// Mounts a volume.
    pub fn mount_point(mut self, mount: MountPoint) -> Self {
        self.def.mount_points.push(mount);
        self
    }

    /// Mounts several volumes.
    pub fn mount_points<I: IntoIterator<Item = MountPoint>>(mut self, mounts: I) -> Self {
        self.def.mount_points.extend(mounts);
        self
    }

    /// Mounts every volume of another container.
    pub fn volume_from(mut self, from: VolumeFrom) -> Self {
        self.def.volumes_from.push(from);
        self
    }

    /// Starts after `container` reaches `condition`.
    pub fn depends_on(mut self, container: impl Into<Text>, condition: ContainerCondition) -> Self {
        self.def
            .depends_on
            .push(ContainerDependency::new(container, condition));
        self
    }

    /// Adds a line to `/etc/hosts`.
    pub fn extra_host(mut self, hostname: impl Into<Text>, ip_address: impl Into<Text>) -> Self {
        self.def.extra_hosts.push(HostEntry {
            hostname: hostname.into(),
            ip_address: ip_address.into(),
            extra: crate::json::Extra::new(),
        });
        self
    }

    /// Sets a Docker label.
    pub fn docker_label(mut self, key: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.def.docker_labels.insert(key.into(), value.into());
        self
    }

    /// Sets several Docker labels.
    pub fn docker_labels<I, K, V>(mut self, labels: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<Text>,
        V: Into<Text>,
    {
        self.def
            .docker_labels
            .extend(labels.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }

    /// Adds a resource limit.
    pub fn ulimit(mut self, ulimit: Ulimit) -> Self {
        self.def.ulimits.push(ulimit);
        self
    }

    /// Adds several resource limits.
    pub fn ulimits<I: IntoIterator<Item = Ulimit>>(mut self, ulimits: I) -> Self {
        self.def.ulimits.extend(ulimits);
        self
    }

    /// Sets a namespaced kernel parameter.
    pub fn system_control(mut self, namespace: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.def.system_controls.push(SystemControl {
            namespace: Some(namespace.into()),
            value: Some(value.into()),
            extra: crate::json::Extra::new(),
        });
        self
    }

    /// Reserves a device.
    pub fn resource_requirement(mut self, requirement: ResourceRequirement) -> Self {
        self.def.resource_requirements.push(requirement);
        self
    }

    /// Reserves `count` GPUs.
    pub fn gpus(self, count: u32) -> Self {
        self.resource_requirement(ResourceRequirement::gpus(count))
    }

    /// Adds Linux capabilities (merged into any `linuxParameters` set before).
    pub fn add_capabilities<I, S>(mut self, capabilities: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        let linux = self
            .def
            .linux_parameters
            .get_or_insert_with(LinuxParameters::default);
        linux
            .capabilities
            .get_or_insert_with(KernelCapabilities::default)
            .add
            .extend(capabilities.into_iter().map(Into::into));
        self
    }

    /// Drops Linux capabilities (merged into any `linuxParameters` set before).
    pub fn drop_capabilities<I, S>(mut self, capabilities: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        let linux = self
            .def
            .linux_parameters
            .get_or_insert_with(LinuxParameters::default);
        linux
            .capabilities
            .get_or_insert_with(KernelCapabilities::default)
            .drop
            .extend(capabilities.into_iter().map(Into::into));
        self
    }

    /// Runs an init process that reaps zombies (merged into any `linuxParameters`).
    pub fn init_process_enabled(mut self, on: bool) -> Self {
        self.def
            .linux_parameters
            .get_or_insert_with(LinuxParameters::default)
            .init_process_enabled = Some(on);
        self
    }
}
