//! The EC2 side of a cluster: the ECS agent's configuration (as the user data that joins an
//! instance to the cluster), the ECS-optimized AMIs, Auto Scaling groups and single instances.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::builder::builder;
use crate::diagnostic::Diagnostic;

/// The ECS container agent's settings (`/etc/ecs/ecs.config`), rendered as user data.
///
/// Without `ECS_CLUSTER` the agent joins the cluster named `default`, and the tasks of yours never
/// find the instance.
///
/// ```
/// use ecs_model::cluster::AgentConfig;
/// let agent = AgentConfig::new("pet-web-dev");
/// assert_eq!(
///     agent.user_data(),
///     "#!/bin/bash\necho ECS_CLUSTER=pet-web-dev >> /etc/ecs/ecs.config\n"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentConfig {
    settings: BTreeMap<String, String>,
}

impl AgentConfig {
    /// Settings the agent documents, for catching typos.
    pub const KNOWN: &'static [&'static str] = &[
        "ECS_CLUSTER",
        "ECS_APPARMOR_CAPABLE",
        "ECS_AVAILABLE_LOGGING_DRIVERS",
        "ECS_AWSVPC_BLOCK_IMDS",
        "ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM",
        "ECS_CONTAINER_INSTANCE_TAGS",
        "ECS_CONTAINER_START_TIMEOUT",
        "ECS_CONTAINER_STOP_TIMEOUT",
        "ECS_DATADIR",
        "ECS_DISABLE_IMAGE_CLEANUP",
        "ECS_DISABLE_METRICS",
        "ECS_DISABLE_PRIVILEGED",
        "ECS_ENABLE_AWSLOGS_EXECUTIONROLE_OVERRIDE",
        "ECS_ENABLE_CONTAINER_METADATA",
        "ECS_ENABLE_GPU_SUPPORT",
        "ECS_ENABLE_HIGH_DENSITY_ENI",
        "ECS_ENABLE_SPOT_INSTANCE_DRAINING",
        "ECS_ENABLE_TASK_ENI",
        "ECS_ENABLE_TASK_IAM_ROLE",
        "ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST",
        "ECS_ENABLE_UNTRACKED_IMAGE_CLEANUP",
        "ECS_ENGINE_AUTH_DATA",
        "ECS_ENGINE_AUTH_TYPE",
        "ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION",
        "ECS_EXCLUDE_UNTRACKED_IMAGE",
        "ECS_GMSA_SUPPORTED",
        "ECS_HOST_DATA_DIR",
        "ECS_IMAGE_CLEANUP_INTERVAL",
        "ECS_IMAGE_MINIMUM_CLEANUP_AGE",
        "ECS_IMAGE_PULL_BEHAVIOR",
        "ECS_INSTANCE_ATTRIBUTES",
        "ECS_LOGFILE",
        "ECS_LOGLEVEL",
        "ECS_LOGLEVEL_ON_INSTANCE",
        "ECS_LOG_DRIVER",
        "ECS_LOG_MAX_FILE_SIZE_MB",
        "ECS_LOG_MAX_ROLL_COUNT",
        "ECS_LOG_OUTPUT_FORMAT",
        "ECS_LOG_ROLLOVER_TYPE",
        "ECS_NUM_IMAGES_DELETE_PER_CYCLE",
        "ECS_RESERVED_MEMORY",
        "ECS_RESERVED_PORTS",
        "ECS_RESERVED_PORTS_UDP",
        "ECS_SELINUX_CAPABLE",
        "ECS_TASK_METADATA_RPS_LIMIT",
        "ECS_UPDATES_ENABLED",
        "ECS_WARM_POOLS_CHECK",
    ];

    /// The agent joins `cluster`.
    pub fn new(cluster: impl Into<String>) -> Self {
        let mut settings = BTreeMap::new();
        settings.insert("ECS_CLUSTER".to_owned(), cluster.into());
        Self { settings }
    }

    /// Sets another agent setting (`ECS_ENABLE_CONTAINER_METADATA`, `true`).
    #[must_use]
    pub fn set(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.settings.insert(name.into(), value.into());
        self
    }

    /// The settings, by name.
    #[must_use]
    pub fn settings(&self) -> &BTreeMap<String, String> {
        &self.settings
    }

    /// The cluster the agent joins.
    #[must_use]
    pub fn cluster(&self) -> &str {
        self.settings
            .get("ECS_CLUSTER")
            .map_or("default", String::as_str)
    }

    /// The user-data script that writes the settings before the agent starts: one `echo` per
    /// setting (`ECS_CLUSTER` first), as the console's instance launch wizard writes it.
    #[must_use]
    pub fn user_data(&self) -> String {
        let mut script = String::from("#!/bin/bash\n");
        let cluster = self.settings.get_key_value("ECS_CLUSTER");
        let others = self.settings.iter().filter(|(k, _)| *k != "ECS_CLUSTER");
        for (name, value) in cluster.into_iter().chain(others) {
            let line = format!("{name}={value}");
            let plain = line
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_-=.,:/@".contains(&b));
            let line = if plain {
                line
            } else {
                format!("'{}'", line.replace('\'', r"'\''"))
            };
            let _ = writeln!(script, "echo {line} >> /etc/ecs/ecs.config");
        }
        script
    }
}

/// An ECS-optimized AMI, resolved through its public SSM parameter (so instances always start
/// from the current release).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EcsOptimizedAmi {
    /// Amazon Linux 2023, x86-64 (the console's recommendation).
    AmazonLinux2023,
    /// Amazon Linux 2023, Graviton.
    AmazonLinux2023Arm64,
    /// Amazon Linux 2023 with the Neuron driver (Inferentia, Trainium).
    AmazonLinux2023Neuron,
    /// Amazon Linux 2, x86-64.
    AmazonLinux2,
    /// Amazon Linux 2, Graviton.
    AmazonLinux2Arm64,
    /// Amazon Linux 2 with NVIDIA drivers.
    AmazonLinux2Gpu,
    /// Windows Server 2022 Full.
    WindowsServer2022Full,
    /// Windows Server 2022 Core.
    WindowsServer2022Core,
    /// Windows Server 2019 Full.
    WindowsServer2019Full,
    /// Windows Server 2019 Core.
    WindowsServer2019Core,
}

impl EcsOptimizedAmi {
    /// The SSM parameter whose value is the current AMI id.
    #[must_use]
    pub fn ssm_parameter(self) -> &'static str {
        match self {
            Self::AmazonLinux2023 => {
                "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
            }
            Self::AmazonLinux2023Arm64 => {
                "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id"
            }
            Self::AmazonLinux2023Neuron => {
                "/aws/service/ecs/optimized-ami/amazon-linux-2023/inf/recommended/image_id"
            }
            Self::AmazonLinux2 => {
                "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id"
            }
            Self::AmazonLinux2Arm64 => {
                "/aws/service/ecs/optimized-ami/amazon-linux-2/arm64/recommended/image_id"
            }
            Self::AmazonLinux2Gpu => {
                "/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id"
            }
            Self::WindowsServer2022Full => {
                "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id"
            }
            Self::WindowsServer2022Core => {
                "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-ECS_Optimized/image_id"
            }
            Self::WindowsServer2019Full => {
                "/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-ECS_Optimized/image_id"
            }
            Self::WindowsServer2019Core => {
                "/aws/service/ami-windows-latest/Windows_Server-2019-English-Core-ECS_Optimized/image_id"
            }
        }
    }

    /// The value EC2 takes as `ImageId` to resolve the parameter at launch.
    #[must_use]
    pub fn image_id(self) -> String {
        format!("resolve:ssm:{}", self.ssm_parameter())
    }

    /// Whether it is a Windows AMI (user data is PowerShell, not bash).
    #[must_use]
    pub fn is_windows(self) -> bool {
        matches!(
            self,
            Self::WindowsServer2022Full
                | Self::WindowsServer2022Core
                | Self::WindowsServer2019Full
                | Self::WindowsServer2019Core
        )
    }
}

/// The sizes of an Auto Scaling group behind a capacity provider: ECS only knows the group's ARN,
/// but a group that cannot grow never runs a task.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AutoScalingGroup {
    /// The group's name.
    pub name: String,
    /// Fewest instances.
    pub min_size: i32,
    /// Most instances: above 0, or managed scaling can never add one.
    pub max_size: i32,
    /// Instances now.
    pub desired_capacity: Option<i32>,
}

impl AutoScalingGroup {
    /// A group of `min_size`..=`max_size` instances.
    pub fn builder(
        name: impl Into<String>,
        min_size: i32,
        max_size: i32,
    ) -> AutoScalingGroupBuilder {
        Self {
            name: name.into(),
            min_size,
            max_size,
            desired_capacity: None,
        }
        .into_builder()
    }
}

builder! {
    /// Builds an [`AutoScalingGroup`]; [`build`](Self::build) validates its sizes (`ECS-K3`).
    AutoScalingGroupBuilder { group } => AutoScalingGroup
}

impl AutoScalingGroupBuilder {
    /// How many instances run now.
    pub fn desired_capacity(mut self, instances: i32) -> Self {
        self.group.desired_capacity = Some(instances);
        self
    }
}

/// A single EC2 instance that joins a cluster (one small instance for development, say):
/// what `aws ec2 run-instances --cli-input-json` takes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContainerInstance {
    /// The `Name` tag.
    pub name: String,
    /// `t3.small`, …
    pub instance_type: String,
    /// The AMI.
    pub ami: EcsOptimizedAmi,
    /// The instance profile the agent's calls use (`ecsInstanceRole`).
    pub instance_profile: String,
    /// The agent configuration, as user data.
    pub agent: AgentConfig,
    /// The subnet.
    pub subnet_id: Option<String>,
    /// Security groups: ids or [`Reference`](crate::Reference)s.
    pub security_groups: Vec<String>,
    /// An SSH key pair, to look at the agent (`docker logs ecs-agent`).
    pub key_name: Option<String>,
}

impl ContainerInstance {
    /// A `instance_type` instance from `ami` that joins `agent`'s cluster with `instance_profile`.
    pub fn builder(
        name: impl Into<String>,
        instance_type: impl Into<String>,
        ami: EcsOptimizedAmi,
        instance_profile: impl Into<String>,
        agent: AgentConfig,
    ) -> ContainerInstanceBuilder {
        Self {
            name: name.into(),
            instance_type: instance_type.into(),
            ami,
            instance_profile: instance_profile.into(),
            agent,
            subnet_id: None,
            security_groups: Vec::new(),
            key_name: None,
        }
        .into_builder()
    }

    /// What is wrong with the instance on its own: its agent configuration, under `UserData`.
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut out = crate::diagnostic::Findings::under(crate::path::json_path!("UserData"));
        out.extend(self.agent.validate());
        out.into_vec()
    }

    /// The `RunInstances` request (EC2 JSON; the CLI base64-encodes `UserData`).
    #[must_use]
    pub fn run_instances_request(&self) -> serde_json::Value {
        let mut request = serde_json::json!({
            "ImageId": self.ami.image_id(),
            "InstanceType": self.instance_type,
            "MinCount": 1,
            "MaxCount": 1,
            "IamInstanceProfile": {"Name": self.instance_profile},
            "UserData": self.agent.user_data(),
            "TagSpecifications": [{
                "ResourceType": "instance",
                "Tags": [{"Key": "Name", "Value": self.name}],
            }],
        });
        if let Some(subnet) = &self.subnet_id {
            request["SubnetId"] = subnet.clone().into();
        }
        if !self.security_groups.is_empty() {
            request["SecurityGroupIds"] = self.security_groups.clone().into();
        }
        if let Some(key) = &self.key_name {
            request["KeyName"] = key.clone().into();
        }
        request
    }
}

builder! {
    /// Builds a [`ContainerInstance`]; [`build`](Self::build) validates its agent
    /// configuration (the application checks its profile, cluster and security groups).
    ContainerInstanceBuilder { instance } => ContainerInstance
}

impl ContainerInstanceBuilder {
    /// The subnet to launch in.
    pub fn subnet(mut self, subnet_id: impl Into<String>) -> Self {
        self.instance.subnet_id = Some(subnet_id.into());
        self
    }

    /// Adds a security group (an id or a [`Reference`](crate::Reference)).
    pub fn security_group(mut self, group: impl Into<String>) -> Self {
        self.instance.security_groups.push(group.into());
        self
    }

    /// An SSH key pair, to look at the agent (`docker logs ecs-agent`).
    pub fn key_name(mut self, key_name: impl Into<String>) -> Self {
        self.instance.key_name = Some(key_name.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_data_quotes_what_the_shell_would_split() {
        let agent = AgentConfig::new("dev")
            .set("ECS_CONTAINER_INSTANCE_TAGS", r#"{"team": "web's"}"#)
            .set("ECS_ENABLE_CONTAINER_METADATA", "true");
        assert_eq!(
            agent.user_data(),
            "#!/bin/bash\n\
             echo ECS_CLUSTER=dev >> /etc/ecs/ecs.config\n\
             echo 'ECS_CONTAINER_INSTANCE_TAGS={\"team\": \"web'\\''s\"}' >> /etc/ecs/ecs.config\n\
             echo ECS_ENABLE_CONTAINER_METADATA=true >> /etc/ecs/ecs.config\n"
        );
        assert_eq!(agent.cluster(), "dev");
    }

    #[test]
    fn amis_resolve_through_ssm() {
        assert_eq!(
            EcsOptimizedAmi::AmazonLinux2023.image_id(),
            "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
        );
        assert!(EcsOptimizedAmi::WindowsServer2022Core.is_windows());
    }
}
