//! The task definition builder and its entry points for the common cases.

use super::{
    Compatibility, CpuArchitecture, EphemeralStorage, InferenceAccelerator, IpcMode, NetworkMode,
    PidMode, ProxyConfiguration, RuntimePlatform, TaskDefinition,
    TaskDefinitionPlacementConstraint, TaskDefinitionPlacementConstraintType,
};
use crate::Text;
use crate::builder::builder;
use crate::container::ContainerDefinition;
use crate::tag::Tag;
use crate::units::{Cpu, Memory};
use crate::volume::Volume;

builder! {
    /// Builds a [`TaskDefinition`]; [`build`](Self::build) validates it, containers included.
    TaskDefinitionBuilder { def } => TaskDefinition
}

impl TaskDefinition {
    /// Starts a task definition of `family` with nothing else set (an EC2 task in `bridge`
    /// mode, as ECS defaults).
    pub fn builder(family: impl Into<Text>) -> TaskDefinitionBuilder {
        TaskDefinitionBuilder {
            def: TaskDefinition {
                family: family.into(),
                ..TaskDefinition::default()
            },
        }
    }

    /// A Fargate task: `requiresCompatibilities: ["FARGATE"]`, `awsvpc`, and the task size,
    /// which must be a Fargate size (`ECS-A9`: `"0.5 vCPU"` with `"1 GB"`, say).
    ///
    /// ```
    /// use ecs_model::{ContainerDefinition, TaskDefinition};
    /// let td = TaskDefinition::fargate("pet-web-task", "0.5 vCPU", "1 GB")
    ///     .execution_role_arn("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
    ///     .container(ContainerDefinition::builder("web", "nginx:1.27").port(80))
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(td.cpu.unwrap().units(), Some(512));
    /// ```
    pub fn fargate(
        family: impl Into<Text>,
        cpu: impl Into<Cpu>,
        memory: impl Into<Memory>,
    ) -> TaskDefinitionBuilder {
        Self::builder(family)
            .requires_compatibility(Compatibility::Fargate)
            .network_mode(NetworkMode::Awsvpc)
            .cpu(cpu)
            .memory(memory)
    }

    /// An EC2 task in `bridge` mode, where host ports can be dynamic.
    pub fn ec2_bridge(family: impl Into<Text>) -> TaskDefinitionBuilder {
        Self::builder(family)
            .requires_compatibility(Compatibility::Ec2)
            .network_mode(NetworkMode::Bridge)
    }

    /// An ECS Managed Instances task in `awsvpc` mode.
    pub fn managed_instances(family: impl Into<Text>) -> TaskDefinitionBuilder {
        Self::builder(family)
            .requires_compatibility(Compatibility::ManagedInstances)
            .network_mode(NetworkMode::Awsvpc)
    }
}

impl TaskDefinitionBuilder {
    /// Replaces the family.
    pub fn family(mut self, family: impl Into<Text>) -> Self {
        self.def.family = family.into();
        self
    }

    /// The role the containers' AWS calls use.
    pub fn task_role_arn(mut self, arn: impl Into<Text>) -> Self {
        self.def.task_role_arn = Some(arn.into());
        self
    }

    /// The role ECS uses to pull images, write logs and read secrets.
    pub fn execution_role_arn(mut self, arn: impl Into<Text>) -> Self {
        self.def.execution_role_arn = Some(arn.into());
        self
    }

    /// The network mode.
    pub fn network_mode(mut self, mode: NetworkMode) -> Self {
        self.def.network_mode = Some(mode);
        self
    }

    /// Adds a container: a [`ContainerDefinition`] or its builder (validated by `build()`).
    pub fn container(mut self, container: impl Into<ContainerDefinition>) -> Self {
        self.def.container_definitions.push(container.into());
        self
    }

    /// Adds several containers.
    pub fn containers<I, C>(mut self, containers: I) -> Self
    where
        I: IntoIterator<Item = C>,
        C: Into<ContainerDefinition>,
    {
        self.def
            .container_definitions
            .extend(containers.into_iter().map(Into::into));
        self
    }

    /// Adds a volume.
    pub fn volume(mut self, volume: Volume) -> Self {
        self.def.volumes.push(volume);
        self
    }

    /// Adds several volumes.
    pub fn volumes<I: IntoIterator<Item = Volume>>(mut self, volumes: I) -> Self {
        self.def.volumes.extend(volumes);
        self
    }

    /// Adds a `memberOf` placement constraint (EC2 only).
    pub fn placement_constraint(mut self, expression: impl Into<Text>) -> Self {
        self.def
            .placement_constraints
            .push(TaskDefinitionPlacementConstraint {
                r#type: Some(TaskDefinitionPlacementConstraintType::MemberOf),
                expression: Some(expression.into()),
                extra: crate::json::Extra::new(),
            });
        self
    }

    /// Adds a launch type the definition must be valid for (once).
    pub fn requires_compatibility(mut self, compatibility: Compatibility) -> Self {
        if !self.def.requires_compatibilities.contains(&compatibility) {
            self.def.requires_compatibilities.push(compatibility);
        }
        self
    }

    /// Adds several launch types.
    pub fn requires_compatibilities<I: IntoIterator<Item = Compatibility>>(
        mut self,
        all: I,
    ) -> Self {
        for compatibility in all {
            self = self.requires_compatibility(compatibility);
        }
        self
    }

    /// Task CPU: units, or any form ECS takes (`"0.5 vCPU"`).
    pub fn cpu(mut self, cpu: impl Into<Cpu>) -> Self {
        self.def.cpu = Some(cpu.into());
        self
    }

    /// Task memory: MiB, or any form ECS takes (`"2 GB"`).
    pub fn memory(mut self, memory: impl Into<Memory>) -> Self {
        self.def.memory = Some(memory.into());
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, key: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.def.tags.push(Tag::new(key, value));
        self
    }

    /// Adds several tags.
    pub fn tags<I, K, V>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<Text>,
        V: Into<Text>,
    {
        self.def
            .tags
            .extend(tags.into_iter().map(|(k, v)| Tag::new(k, v)));
        self
    }

    /// The PID namespace.
    pub fn pid_mode(mut self, mode: PidMode) -> Self {
        self.def.pid_mode = Some(mode);
        self
    }

    /// The IPC namespace.
    pub fn ipc_mode(mut self, mode: IpcMode) -> Self {
        self.def.ipc_mode = Some(mode);
        self
    }

    /// The App Mesh proxy.
    pub fn proxy_configuration(mut self, proxy: ProxyConfiguration) -> Self {
        self.def.proxy_configuration = Some(proxy);
        self
    }

    /// Adds an Elastic Inference accelerator.
    pub fn inference_accelerator(
        mut self,
        device_name: impl Into<Text>,
        device_type: impl Into<Text>,
    ) -> Self {
        self.def.inference_accelerators.push(InferenceAccelerator {
            device_name: device_name.into(),
            device_type: device_type.into(),
            extra: crate::json::Extra::new(),
        });
        self
    }

    /// Fargate ephemeral storage in GiB (21–200).
    pub fn ephemeral_storage_gib(mut self, size: i32) -> Self {
        self.def.ephemeral_storage = Some(EphemeralStorage {
            size_in_gib: size,
            extra: crate::json::Extra::new(),
        });
        self
    }

    /// The runtime platform.
    pub fn runtime_platform(mut self, platform: RuntimePlatform) -> Self {
        self.def.runtime_platform = Some(platform);
        self
    }

    /// Linux on `architecture`.
    pub fn linux(self, architecture: CpuArchitecture) -> Self {
        self.runtime_platform(RuntimePlatform::linux(architecture))
    }

    /// Allows AWS FIS fault injection.
    pub fn enable_fault_injection(mut self, on: bool) -> Self {
        self.def.enable_fault_injection = Some(on);
        self
    }
}
