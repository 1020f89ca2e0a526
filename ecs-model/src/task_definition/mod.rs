//! Task definitions: the `RegisterTaskDefinition` request, field for field.

mod builder;
mod compatibility;
mod parse;

pub use builder::TaskDefinitionBuilder;
pub use compatibility::Compatibility;

use crate::Text;
use crate::container::{ContainerDefinition, KeyValuePair};
use crate::diagnostic::Diagnostic;
use crate::error::ParseError;
use crate::json::record::{api_enum, api_struct};
use crate::json::{Lenient, Mode};
use crate::tag::Tag;
use crate::units::{Cpu, Memory};
use crate::volume::Volume;

api_enum! {
    /// How the task's containers are networked (`bridge` when omitted, except on Windows).
    pub enum NetworkMode ("network mode") {
        /// Docker's bridge network; host ports may be dynamic.
        Bridge = "bridge",
        /// The host's network stack.
        Host = "host",
        /// An elastic network interface per task (required on Fargate).
        Awsvpc = "awsvpc",
        /// No external networking.
        None = "none",
    }
}

api_enum! {
    /// The process namespace shared by the task's containers.
    pub enum PidMode ("PID mode") {
        /// The host's.
        Host = "host",
        /// One for the task.
        Task = "task",
    }
}

api_enum! {
    /// The IPC namespace of the task's containers.
    pub enum IpcMode ("IPC mode") {
        /// The host's.
        Host = "host",
        /// One for the task.
        Task = "task",
        /// Private per container.
        None = "none",
    }
}

api_enum! {
    /// The CPU architecture a task needs.
    pub enum CpuArchitecture ("CPU architecture") {
        /// x86-64.
        X86_64 = "X86_64",
        /// 64-bit ARM (Graviton).
        Arm64 = "ARM64",
    }
}

api_enum! {
    /// The operating system family a task needs.
    pub enum OsFamily ("operating system family") {
        /// Windows Server 2019 Full.
        WindowsServer2019Full = "WINDOWS_SERVER_2019_FULL",
        /// Windows Server 2019 Core.
        WindowsServer2019Core = "WINDOWS_SERVER_2019_CORE",
        /// Windows Server 2016 Full.
        WindowsServer2016Full = "WINDOWS_SERVER_2016_FULL",
        /// Windows Server 2004 Core.
        WindowsServer2004Core = "WINDOWS_SERVER_2004_CORE",
        /// Windows Server 2022 Core.
        WindowsServer2022Core = "WINDOWS_SERVER_2022_CORE",
        /// Windows Server 2022 Full.
        WindowsServer2022Full = "WINDOWS_SERVER_2022_FULL",
        /// Windows Server 2025 Core.
        WindowsServer2025Core = "WINDOWS_SERVER_2025_CORE",
        /// Windows Server 2025 Full.
        WindowsServer2025Full = "WINDOWS_SERVER_2025_FULL",
        /// Windows Server 20H2 Core.
        WindowsServer20H2Core = "WINDOWS_SERVER_20H2_CORE",
        /// Linux.
        Linux = "LINUX",
    }
}

impl OsFamily {
    /// Whether this is a Windows family.
    #[must_use]
    pub fn is_windows(self) -> bool {
        self != Self::Linux
    }
}

api_struct! {
    /// The operating system and CPU architecture a task needs (`ECS-A18`).
    pub struct RuntimePlatform {
        /// `X86_64` or `ARM64`.
        cpu_architecture "cpuArchitecture": Option<CpuArchitecture>,
        /// `LINUX` or a Windows Server family.
        operating_system_family "operatingSystemFamily": Option<OsFamily>,
    }
}

impl RuntimePlatform {
    /// `os` on `architecture`.
    #[must_use]
    pub fn new(os: OsFamily, architecture: CpuArchitecture) -> Self {
        Self {
            cpu_architecture: Some(architecture),
            operating_system_family: Some(os),
            extra: crate::json::Extra::new(),
        }
    }

    /// Linux on `architecture`.
    #[must_use]
    pub fn linux(architecture: CpuArchitecture) -> Self {
        Self {
            cpu_architecture: Some(architecture),
            operating_system_family: Some(OsFamily::Linux),
            extra: crate::json::Extra::new(),
        }
    }
}

api_struct! {
    /// Ephemeral storage of a Fargate task, 21–200 GiB (`ECS-A15`).
    pub struct EphemeralStorage {
        /// The size in GiB.
        size_in_gib "sizeInGiB": i32,
    }
}

api_enum! {
    /// The kind of proxy.
    pub enum ProxyConfigurationType ("proxy type") {
        /// AWS App Mesh.
        Appmesh = "APPMESH",
    }
}

api_struct! {
    /// The App Mesh proxy (`ECS-A16`).
    pub struct ProxyConfiguration {
        /// Always `APPMESH`.
        r#type "type": Option<ProxyConfigurationType>,
        /// The container running the Envoy proxy.
        container_name "containerName": Text,
        /// Proxy settings (`IgnoredUID`, `ProxyIngressPort`, …).
        properties "properties": Vec<KeyValuePair>,
    }
}

api_struct! {
    /// An Elastic Inference accelerator (`ECS-A17`).
    pub struct InferenceAccelerator {
        /// The name containers refer to in `resourceRequirements`.
        device_name "deviceName": Text,
        /// The accelerator type (`eia2.medium`).
        device_type "deviceType": Text,
    }
}

api_enum! {
    /// The kind of placement constraint a task definition may carry.
    pub enum TaskDefinitionPlacementConstraintType ("placement constraint type") {
        /// Place on instances matching a cluster query expression.
        MemberOf = "memberOf",
    }
}

api_struct! {
    /// Where tasks may be placed (EC2 only, `ECS-A14`).
    pub struct TaskDefinitionPlacementConstraint {
        /// Always `memberOf`.
        r#type "type": Option<TaskDefinitionPlacementConstraintType>,
        /// A cluster query language expression.
        expression "expression": Option<Text>,
    }
}

api_enum! {
    /// The state of a registered revision.
    pub enum TaskDefinitionStatus ("task definition status") {
        /// Usable.
        Active = "ACTIVE",
        /// Deregistered.
        Inactive = "INACTIVE",
        /// Being deleted.
        DeleteInProgress = "DELETE_IN_PROGRESS",
    }
}

api_enum! {
    /// What an attribute targets.
    pub enum AttributeTargetType ("attribute target type") {
        /// A container instance.
        ContainerInstance = "container-instance",
    }
}

api_struct! {
    /// A capability a revision needs from the container instance.
    pub struct Attribute {
        /// The attribute (`com.amazonaws.ecs.capability.logging-driver.awslogs`).
        name "name": Text,
        /// Its value.
        value "value": Option<Text>,
        /// What it targets.
        target_type "targetType": Option<AttributeTargetType>,
        /// The target's id.
        target_id "targetId": Option<Text>,
    }
}

api_struct! {
    /// What `describe-task-definition` adds to a registered revision. Read, never rendered:
    /// `register-task-definition` rejects these keys.
    pub struct Registration {
        /// `arn:aws:ecs:region:account:task-definition/family:revision`.
        task_definition_arn "taskDefinitionArn": Option<Text>,
        /// The revision number.
        revision "revision": Option<i32>,
        /// `ACTIVE` or `INACTIVE`.
        status "status": Option<TaskDefinitionStatus>,
        /// Capabilities the revision needs from the instance.
        requires_attributes "requiresAttributes": Vec<Attribute>,
        /// Launch types the revision is compatible with, as ECS worked out.
        compatibilities "compatibilities": Vec<Compatibility>,
        /// When it was registered (as the output gave it: a string or epoch seconds).
        registered_at "registeredAt": Option<serde_json::Value>,
        /// When it was deregistered.
        deregistered_at "deregisteredAt": Option<serde_json::Value>,
        /// When its deletion was requested.
        delete_requested_at "deleteRequestedAt": Option<serde_json::Value>,
        /// Who registered it.
        registered_by "registeredBy": Option<Text>,
    }
}

api_struct! {
    /// How a task is isolated from the other tasks on its instance (Managed Instances only).
    pub struct TrustedExecutionConfiguration {
        /// Shared with other tasks (the default), or in a Nitro Sandbox of its own, with
        /// attestation for `CONFIDENTIAL_SANDBOX`.
        isolation_mode "isolationMode": IsolationMode,
        /// The base64-encoded attestation policy envelope: which containers may run, and the
        /// runtime configuration that is attested. Required for `CONFIDENTIAL_SANDBOX`.
        attestation_policy "attestationPolicy": Option<Text>,
    }
}

api_enum! {
    /// How a task is isolated from other tasks on the same instance.
    pub enum IsolationMode ("isolation mode") {
        /// The task shares its instance with other tasks (the default).
        Shared = "SHARED",
        /// The task runs in its own Nitro Sandbox, a lightweight virtual machine.
        IsolatedSandbox = "ISOLATED_SANDBOX",
        /// A Nitro Sandbox with cryptographic attestation: the host cannot read its memory or
        /// storage.
        ConfidentialSandbox = "CONFIDENTIAL_SANDBOX",
    }
}

impl Default for IsolationMode {
    /// `SHARED`, what ECS uses when unset.
    fn default() -> Self {
        Self::Shared
    }
}

api_struct! {
    /// A task definition: the containers of a task and how they run together.
    ///
    /// Parse one with [`TaskDefinition::from_json`], build one with
    /// [`TaskDefinition::builder`] (or [`fargate`](TaskDefinition::fargate) /
    /// [`ec2_bridge`](TaskDefinition::ec2_bridge)), check it with
    /// [`validate`](TaskDefinition::validate), and render what `register-task-definition` takes
    /// with [`to_json`](TaskDefinition::to_json).
    pub struct TaskDefinition {
        /// The family: up to 255 letters, digits, `_` and `-` (`ECS-A1`).
        family "family": Text,
        /// The role the containers' AWS calls use.
        task_role_arn "taskRoleArn": Option<Text>,
        /// The role ECS uses to pull images, write logs and read secrets.
        execution_role_arn "executionRoleArn": Option<Text>,
        /// How containers are networked.
        network_mode "networkMode": Option<NetworkMode>,
        /// The containers (1–10, `ECS-A2`).
        container_definitions "containerDefinitions": Vec<ContainerDefinition>,
        /// Volumes containers mount.
        volumes "volumes": Vec<Volume>,
        /// Placement constraints (EC2 only).
        placement_constraints "placementConstraints": Vec<TaskDefinitionPlacementConstraint>,
        /// Launch types the definition must be valid for.
        requires_compatibilities "requiresCompatibilities": Vec<Compatibility>,
        /// Task CPU; rendered as units (`"1 vCPU"` → `"1024"`).
        cpu "cpu": Option<Cpu>,
        /// Task memory; rendered as MiB (`"2 GB"` → `"2048"`).
        memory "memory": Option<Memory>,
        /// Tags; an empty list is not rendered (ECS rejects it).
        tags "tags": Vec<Tag>,
        /// The PID namespace.
        pid_mode "pidMode": Option<PidMode>,
        /// The IPC namespace.
        ipc_mode "ipcMode": Option<IpcMode>,
        /// The App Mesh proxy.
        proxy_configuration "proxyConfiguration": Option<ProxyConfiguration>,
        /// Elastic Inference accelerators.
        inference_accelerators "inferenceAccelerators": Vec<InferenceAccelerator>,
        /// Fargate ephemeral storage.
        ephemeral_storage "ephemeralStorage": Option<EphemeralStorage>,
        /// Operating system and CPU architecture.
        runtime_platform "runtimePlatform": Option<RuntimePlatform>,
        /// Allows AWS FIS fault injection into the task.
        enable_fault_injection "enableFaultInjection": Option<bool>,
        /// How the task is isolated from other tasks on its instance (Managed Instances only,
        /// `ECS-A23`).
        trusted_execution_configuration "trustedExecutionConfiguration": Option<TrustedExecutionConfiguration>;

        /// What `describe-task-definition` said about the revision, when parsed from its
        /// output. Never rendered.
        registration: Option<Registration>,
    }
}

impl TaskDefinition {
    /// Reads the `register-task-definition` input, or the `describe-task-definition` output
    /// (bare or wrapped in `{"taskDefinition": …}`), strictly: an unknown key, a wrong JSON
    /// type, a value outside an enum or a `null` is an error naming its path.
    ///
    /// ```
    /// use ecs_model::TaskDefinition;
    /// let err = TaskDefinition::from_json(
    ///     r#"{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "ulimits": null}]}"#,
    /// )
    /// .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "containerDefinitions[0].ulimits: expected an array, found null"
    /// );
    /// ```
    ///
    /// # Errors
    /// [`ParseError::Syntax`] when the text is not JSON, [`ParseError::Shape`] with every
    /// problem found when it is JSON of the wrong shape.
    pub fn from_json(json: &str) -> Result<Self, ParseError> {
        parse::parse_str(json, Mode::Strict).map(|parsed| parsed.value)
    }

    /// Like [`from_json`](Self::from_json), but keeps unknown keys (and log drivers the API
    /// does not list) in `extra` maps and reports them as warnings: JSON from a newer ECS
    /// survives a round trip.
    ///
    /// # Errors
    /// As [`from_json`](Self::from_json), except for unknown keys.
    pub fn from_json_lenient(json: &str) -> Result<Lenient<Self>, ParseError> {
        parse::parse_str(json, Mode::Lenient)
    }

    /// Reads JSON bytes in the given mode.
    ///
    /// # Errors
    /// As [`from_json`](Self::from_json); bytes that are not UTF-8 anywhere in `json` are a
    /// syntax error at the first of them.
    pub fn from_slice(json: &[u8], mode: Mode) -> Result<Lenient<Self>, ParseError> {
        parse::parse_slice(json, mode)
    }

    /// The JSON `aws ecs register-task-definition --cli-input-json` takes, compact: API keys
    /// only, no `null`s, no empty lists, canonical `cpu` and `memory`, map keys untouched.
    #[must_use]
    pub fn to_json(&self) -> String {
        crate::json::to_string(self)
    }

    /// The length of [`to_json`](Self::to_json) in bytes, counted without rendering: ECS
    /// refuses definitions over 64 KiB (`ECS-A3`).
    #[must_use]
    pub fn json_len(&self) -> usize {
        crate::json::rendered_len(self)
    }

    /// [`to_json`](Self::to_json), indented by two spaces.
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        crate::json::to_string_pretty(self)
    }

    /// Every problem, errors and warnings, in document order.
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        crate::validate::task_definition(self)
    }

    /// The container named `name`.
    #[must_use]
    pub fn container(&self, name: &str) -> Option<&ContainerDefinition> {
        self.container_definitions.iter().find(|c| c.name == name)
    }

    /// The container named `name`, to change it.
    pub fn container_mut(&mut self, name: &str) -> Option<&mut ContainerDefinition> {
        self.container_definitions
            .iter_mut()
            .find(|c| c.name == name)
    }

    /// Whether `compatibility` is among `requiresCompatibilities`.
    #[must_use]
    pub fn requires(&self, compatibility: Compatibility) -> bool {
        self.requires_compatibilities.contains(&compatibility)
    }

    /// The network mode ECS uses: `bridge` when omitted on Linux, Docker's default on Windows.
    #[must_use]
    pub fn effective_network_mode(&self) -> Option<NetworkMode> {
        match self.network_mode {
            Some(mode) => Some(mode),
            None if self.is_windows() => None,
            None => Some(NetworkMode::Bridge),
        }
    }

    /// Whether the runtime platform is a Windows family.
    #[must_use]
    pub fn is_windows(&self) -> bool {
        self.runtime_platform
            .as_ref()
            .and_then(|p| p.operating_system_family)
            .is_some_and(OsFamily::is_windows)
    }

    /// The definition without what `describe-task-definition` added: what registering it
    /// again would send.
    #[must_use]
    pub fn without_registration(mut self) -> Self {
        self.registration = None;
        self
    }
}
