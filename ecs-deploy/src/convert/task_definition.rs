//! Task definitions: `RegisterTaskDefinition` from the model, and the model from a
//! `DescribeTaskDefinition` response, field for field.

// `inferenceAccelerators` (Elastic Inference) is deprecated in the SDK but still in the API, and
// older definitions carry it: it converts like any other member.
#![allow(deprecated)]

use aws_sdk_ecs::operation::register_task_definition::RegisterTaskDefinitionInput;
use aws_sdk_ecs::operation::register_task_definition::builders::RegisterTaskDefinitionInputBuilder;
use aws_sdk_ecs::types as sdk;
use ecs_model as model;
use ecs_model::Text;
use ecs_model::task_definition::Registration;
use ecs_model::{Cpu, Memory, TaskDefinition};

use super::{
    Built, ConvertError, Fail, FromField, FromSdk, ToField, ToSdk, convert, enums, get_all,
    get_member, keep_unknown, no_extra, set_all, set_member,
};
use ecs_model::PathCursor;

enums! {
    model::NetworkMode => sdk::NetworkMode,
    model::Compatibility => sdk::Compatibility,
    model::task_definition::PidMode => sdk::PidMode,
    model::task_definition::IpcMode => sdk::IpcMode,
    model::task_definition::CpuArchitecture => sdk::CpuArchitecture,
    model::task_definition::OsFamily => sdk::OsFamily,
    model::task_definition::ProxyConfigurationType => sdk::ProxyConfigurationType,
    model::task_definition::TaskDefinitionPlacementConstraintType => sdk::TaskDefinitionPlacementConstraintType,
    model::task_definition::TaskDefinitionStatus => sdk::TaskDefinitionStatus,
    model::task_definition::AttributeTargetType => sdk::TargetType,
    model::LogDriver => sdk::LogDriver,
    model::container::FirelensConfigurationType => sdk::FirelensConfigurationType,
    model::container::EnvironmentFileType => sdk::EnvironmentFileType,
    model::container::DeviceCgroupPermission => sdk::DeviceCgroupPermission,
    model::container::UlimitName => sdk::UlimitName,
    model::container::TransportProtocol => sdk::TransportProtocol,
    model::container::ApplicationProtocol => sdk::ApplicationProtocol,
    model::container::ResourceType => sdk::ResourceType,
    model::container::ContainerCondition => sdk::ContainerCondition,
    model::container::VersionConsistency => sdk::VersionConsistency,
    model::volume::Scope => sdk::Scope,
    model::volume::EfsSetting => sdk::EfsTransitEncryption,
    model::volume::EfsSetting => sdk::EfsAuthorizationConfigIam,
}

/// Task and container amounts travel as the strings ECS stores (`"512"`).
macro_rules! amounts {
    ($($ty:ty),*) => {$(
        impl ToSdk<String> for $ty {
            fn to_sdk(&self, _: PathCursor<'_>) -> Result<String, ConvertError> {
                Ok(self.to_string())
            }
        }
        impl FromSdk<String> for $ty {
            fn from_sdk(sdk: &String, _: PathCursor<'_>) -> Result<Self, ConvertError> {
                Ok(Self::from(sdk.as_str()))
            }
        }
    )*};
}
amounts!(Cpu, Memory);

convert! {
    model::task_definition::RuntimePlatform => sdk::RuntimePlatform {
        ["cpuArchitecture" cpu_architecture set_cpu_architecture],
        ["operatingSystemFamily" operating_system_family set_operating_system_family],
    }
    model::task_definition::EphemeralStorage => sdk::EphemeralStorage {
        ["sizeInGiB" size_in_gib set_size_in_gib],
    }
    model::task_definition::ProxyConfiguration => sdk::ProxyConfiguration {
        ["type" r#type set_type],
        ["containerName" container_name set_container_name],
        ["properties" properties set_properties],
    }
    model::task_definition::InferenceAccelerator => sdk::InferenceAccelerator {
        ["deviceName" device_name set_device_name],
        ["deviceType" device_type set_device_type],
    }
    model::task_definition::TaskDefinitionPlacementConstraint => sdk::TaskDefinitionPlacementConstraint {
        ["type" r#type set_type],
        ["expression" expression set_expression],
    }
    model::task_definition::Attribute => sdk::Attribute {
        ["name" name set_name],
        ["value" value set_value],
        ["targetType" target_type set_target_type],
        ["targetId" target_id set_target_id],
    }
    model::container::ContainerDefinition => sdk::ContainerDefinition {
        ["name" name set_name],
        ["image" image set_image],
        ["repositoryCredentials" repository_credentials set_repository_credentials],
        ["cpu" cpu set_cpu],
        ["memory" memory set_memory],
        ["memoryReservation" memory_reservation set_memory_reservation],
        ["links" links set_links],
        ["portMappings" port_mappings set_port_mappings],
        ["essential" essential set_essential],
        ["restartPolicy" restart_policy set_restart_policy],
        ["entryPoint" entry_point set_entry_point],
        ["command" command set_command],
        ["environment" environment set_environment],
        ["environmentFiles" environment_files set_environment_files],
        ["mountPoints" mount_points set_mount_points],
        ["volumesFrom" volumes_from set_volumes_from],
        ["linuxParameters" linux_parameters set_linux_parameters],
        ["secrets" secrets set_secrets],
        ["dependsOn" depends_on set_depends_on],
        ["startTimeout" start_timeout set_start_timeout],
        ["stopTimeout" stop_timeout set_stop_timeout],
        ["versionConsistency" version_consistency set_version_consistency],
        ["hostname" hostname set_hostname],
        ["user" user set_user],
        ["workingDirectory" working_directory set_working_directory],
        ["disableNetworking" disable_networking set_disable_networking],
        ["privileged" privileged set_privileged],
        ["readonlyRootFilesystem" readonly_root_filesystem set_readonly_root_filesystem],
        ["dnsServers" dns_servers set_dns_servers],
        ["dnsSearchDomains" dns_search_domains set_dns_search_domains],
        ["extraHosts" extra_hosts set_extra_hosts],
        ["dockerSecurityOptions" docker_security_options set_docker_security_options],
        ["interactive" interactive set_interactive],
        ["pseudoTerminal" pseudo_terminal set_pseudo_terminal],
        ["dockerLabels" docker_labels set_docker_labels],
        ["ulimits" ulimits set_ulimits],
        ["logConfiguration" log_configuration set_log_configuration],
        ["healthCheck" health_check set_health_check],
        ["systemControls" system_controls set_system_controls],
        ["resourceRequirements" resource_requirements set_resource_requirements],
        ["firelensConfiguration" firelens_configuration set_firelens_configuration],
        ["credentialSpecs" credential_specs set_credential_specs],
    }
    model::container::RepositoryCredentials => sdk::RepositoryCredentials {
        ["credentialsParameter" credentials_parameter set_credentials_parameter],
    }
    model::container::ContainerRestartPolicy => sdk::ContainerRestartPolicy {
        ["enabled" enabled set_enabled],
        ["ignoredExitCodes" ignored_exit_codes set_ignored_exit_codes],
        ["restartAttemptPeriod" restart_attempt_period set_restart_attempt_period],
    }
    model::container::HostEntry => sdk::HostEntry {
        ["hostname" hostname set_hostname],
        ["ipAddress" ip_address set_ip_address],
    }
    model::container::LogConfiguration => sdk::LogConfiguration {
        ["logDriver" log_driver set_log_driver],
        ["options" options set_options],
        ["secretOptions" secret_options set_secret_options],
    }
    model::container::FirelensConfiguration => sdk::FirelensConfiguration {
        ["type" r#type set_type],
        ["options" options set_options],
    }
    model::container::KeyValuePair => sdk::KeyValuePair {
        ["name" name set_name],
        ["value" value set_value],
    }
    model::container::EnvironmentFile => sdk::EnvironmentFile {
        ["value" value set_value],
        ["type" r#type set_type],
    }
    model::container::Secret => sdk::Secret {
        ["name" name set_name],
        ["valueFrom" value_from set_value_from],
    }
    model::container::HealthCheck => sdk::HealthCheck {
        ["command" command set_command],
        ["interval" interval set_interval],
        ["timeout" timeout set_timeout],
        ["retries" retries set_retries],
        ["startPeriod" start_period set_start_period],
    }
    model::container::MountPoint => sdk::MountPoint {
        ["sourceVolume" source_volume set_source_volume],
        ["containerPath" container_path set_container_path],
        ["readOnly" read_only set_read_only],
    }
    model::container::VolumeFrom => sdk::VolumeFrom {
        ["sourceContainer" source_container set_source_container],
        ["readOnly" read_only set_read_only],
    }
    model::container::LinuxParameters => sdk::LinuxParameters {
        ["capabilities" capabilities set_capabilities],
        ["devices" devices set_devices],
        ["initProcessEnabled" init_process_enabled set_init_process_enabled],
        ["sharedMemorySize" shared_memory_size set_shared_memory_size],
        ["tmpfs" tmpfs set_tmpfs],
        ["maxSwap" max_swap set_max_swap],
        ["swappiness" swappiness set_swappiness],
    }
    model::container::KernelCapabilities => sdk::KernelCapabilities {
        ["add" add set_add],
        ["drop" drop set_drop],
    }
    model::container::Device => sdk::Device {
        ["hostPath" host_path set_host_path],
        ["containerPath" container_path set_container_path],
        ["permissions" permissions set_permissions],
    }
    model::container::Tmpfs => sdk::Tmpfs {
        ["containerPath" container_path set_container_path],
        ["size" size set_size],
        ["mountOptions" mount_options set_mount_options],
    }
    model::container::SystemControl => sdk::SystemControl {
        ["namespace" namespace set_namespace],
        ["value" value set_value],
    }
    model::container::Ulimit => sdk::Ulimit {
        ["name" name set_name],
        ["softLimit" soft_limit set_soft_limit],
        ["hardLimit" hard_limit set_hard_limit],
    }
    model::PortMapping => sdk::PortMapping {
        ["containerPort" container_port set_container_port],
        ["hostPort" host_port set_host_port],
        ["protocol" protocol set_protocol],
        ["name" name set_name],
        ["appProtocol" app_protocol set_app_protocol],
        ["containerPortRange" container_port_range set_container_port_range],
    }
    model::container::NvidiaMpsAllocation => sdk::NvidiaMpsAllocation {
        ["memory" memory set_memory],
        ["maxComputePercent" max_compute_percent set_max_compute_percent],
    }
    model::container::ContainerDependency => sdk::ContainerDependency {
        ["containerName" container_name set_container_name],
        ["condition" condition set_condition],
    }
    model::volume::Volume => sdk::Volume {
        ["name" name set_name],
        ["host" host set_host],
        ["dockerVolumeConfiguration" docker_volume_configuration set_docker_volume_configuration],
        ["efsVolumeConfiguration" efs_volume_configuration set_efs_volume_configuration],
        ["s3filesVolumeConfiguration" s3files_volume_configuration set_s3files_volume_configuration],
        ["fsxWindowsFileServerVolumeConfiguration" fsx_windows_file_server_volume_configuration set_fsx_windows_file_server_volume_configuration],
        ["configuredAtLaunch" configured_at_launch set_configured_at_launch],
    }
    model::volume::HostVolumeProperties => sdk::HostVolumeProperties {
        ["sourcePath" source_path set_source_path],
    }
    model::volume::DockerVolumeConfiguration => sdk::DockerVolumeConfiguration {
        ["scope" scope set_scope],
        ["autoprovision" autoprovision set_autoprovision],
        ["driver" driver set_driver],
        ["driverOpts" driver_opts set_driver_opts],
        ["labels" labels set_labels],
    }
    model::volume::EfsVolumeConfiguration => sdk::EfsVolumeConfiguration {
        ["fileSystemId" file_system_id set_file_system_id],
        ["rootDirectory" root_directory set_root_directory],
        ["transitEncryption" transit_encryption set_transit_encryption],
        ["transitEncryptionPort" transit_encryption_port set_transit_encryption_port],
        ["authorizationConfig" authorization_config set_authorization_config],
    }
    model::volume::EfsAuthorizationConfig => sdk::EfsAuthorizationConfig {
        ["accessPointId" access_point_id set_access_point_id],
        ["iam" iam set_iam],
    }
    model::volume::S3FilesVolumeConfiguration => sdk::S3FilesVolumeConfiguration {
        ["fileSystemArn" file_system_arn set_file_system_arn],
        ["rootDirectory" root_directory set_root_directory],
        ["transitEncryptionPort" transit_encryption_port set_transit_encryption_port],
        ["accessPointArn" access_point_arn set_access_point_arn],
    }
    model::volume::FsxWindowsFileServerVolumeConfiguration => sdk::FSxWindowsFileServerVolumeConfiguration {
        ["fileSystemId" file_system_id set_file_system_id],
        ["rootDirectory" root_directory set_root_directory],
        ["authorizationConfig" authorization_config set_authorization_config],
    }
    model::volume::FsxWindowsFileServerAuthorizationConfig => sdk::FSxWindowsFileServerAuthorizationConfig {
        ["credentialsParameter" credentials_parameter set_credentials_parameter],
        ["domain" domain set_domain],
    }
    model::Tag => sdk::Tag {
        ["key" key set_key],
        ["value" value set_value],
    }

}

/// A device reservation. The SDK crate holds `value` as a plain string and sends `""` when it is
/// absent, which the API does not take beside a sharing strategy: such a reservation cannot go
/// through it yet.
impl ToSdk<sdk::ResourceRequirement> for model::container::ResourceRequirement {
    fn to_sdk(&self, at: PathCursor<'_>) -> Result<sdk::ResourceRequirement, ConvertError> {
        no_extra(&self.extra, at)?;
        if self.value.is_none() {
            return Err(at.key("value").fail(
                "the AWS SDK crate ecs-deploy builds on cannot leave `value` out (it sends \"\"), \
                 as a GPU shared through `sharingStrategy` needs",
            ));
        }
        let requirement = sdk::ResourceRequirement::builder()
            .set_value(self.value.as_ref().map(Text::to_string))
            .set_type(Some(self.r#type.to_sdk(at.key("type"))?))
            .set_sharing_strategy(ToField::to_field(
                &self.sharing_strategy,
                at.key("sharingStrategy"),
            )?);
        Built::built(requirement.build(), at)
    }
}

impl FromSdk<sdk::ResourceRequirement> for model::container::ResourceRequirement {
    fn from_sdk(sdk: &sdk::ResourceRequirement, at: PathCursor<'_>) -> Result<Self, ConvertError> {
        let mut requirement = Self::default();
        // The SDK reads an absent `value` as "": beside a sharing strategy it was absent.
        requirement.value = (!(sdk.value.is_empty() && sdk.sharing_strategy.is_some()))
            .then(|| sdk.value.as_str().into());
        match FromSdk::from_sdk(&sdk.r#type, at.key("type")) {
            Ok(kind) => requirement.r#type = kind,
            Err(error) => keep_unknown(&mut requirement.extra, "type", at, error)?,
        }
        requirement.sharing_strategy =
            FromField::from_field(&sdk.sharing_strategy, at.key("sharingStrategy"))?;
        Ok(requirement)
    }
}
crate::convert::required!(model::container::ResourceRequirement => sdk::ResourceRequirement);

/// The SDK's sharing strategy is a union of one member; the model's a structure of one optional
/// member, as the API's JSON is.
impl ToSdk<sdk::SharingStrategy> for model::container::SharingStrategy {
    fn to_sdk(&self, at: PathCursor<'_>) -> Result<sdk::SharingStrategy, ConvertError> {
        no_extra(&self.extra, at)?;
        match &self.nvidia_mps {
            Some(mps) => Ok(sdk::SharingStrategy::NvidiaMps(
                mps.to_sdk(at.key("nvidiaMps"))?,
            )),
            None => Err(at.fail("a sharing strategy sets exactly one member (`nvidiaMps`)")),
        }
    }
}

impl FromSdk<sdk::SharingStrategy> for model::container::SharingStrategy {
    fn from_sdk(sdk: &sdk::SharingStrategy, at: PathCursor<'_>) -> Result<Self, ConvertError> {
        match sdk {
            sdk::SharingStrategy::NvidiaMps(mps) => {
                let mut strategy = Self::default();
                strategy.nvidia_mps = Some(FromSdk::from_sdk(mps, at.key("nvidiaMps"))?);
                Ok(strategy)
            }
            _ => Err(at.fail("a sharing strategy newer than the AWS SDK crate")),
        }
    }
}
crate::convert::required!(model::container::SharingStrategy => sdk::SharingStrategy);

/// Applies `$apply!` to the members of `RegisterTaskDefinition` (the same names in the input,
/// its builder and the described task definition).
macro_rules! task_definition_members {
    ($apply:ident, $($args:tt)*) => {
        $apply!($($args)*,
            ["family" family set_family]
            ["taskRoleArn" task_role_arn set_task_role_arn]
            ["executionRoleArn" execution_role_arn set_execution_role_arn]
            ["networkMode" network_mode set_network_mode]
            ["containerDefinitions" container_definitions set_container_definitions]
            ["volumes" volumes set_volumes]
            ["placementConstraints" placement_constraints set_placement_constraints]
            ["requiresCompatibilities" requires_compatibilities set_requires_compatibilities]
            ["cpu" cpu set_cpu]
            ["memory" memory set_memory]
            ["pidMode" pid_mode set_pid_mode]
            ["ipcMode" ipc_mode set_ipc_mode]
            ["proxyConfiguration" proxy_configuration set_proxy_configuration]
            ["inferenceAccelerators" inference_accelerators set_inference_accelerators]
            ["ephemeralStorage" ephemeral_storage set_ephemeral_storage]
            ["runtimePlatform" runtime_platform set_runtime_platform]
            ["enableFaultInjection" enable_fault_injection set_enable_fault_injection]
            ["trustedExecutionConfiguration" trusted_execution_configuration not_in_sdk]
        );
    };
}

/// The `RegisterTaskDefinition` request for `td`, ready for `send_with(&client)` (or `build()`).
///
/// # Errors
/// When `td` holds keys kept by a lenient parse, which the SDK has no field for.
pub fn register_task_definition(
    td: &TaskDefinition,
) -> Result<RegisterTaskDefinitionInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&td.extra, at)?;
    let builder = RegisterTaskDefinitionInput::builder();
    task_definition_members!(set_all, builder, td, at);
    let builder = set_member!(builder, td, at, "tags" tags set_tags);
    Ok(builder)
}

/// The model of a `RegisterTaskDefinition` request.
///
/// # Errors
/// When the request holds a value the model does not know (an enum value newer than it).
pub fn task_definition_from_input(
    input: &RegisterTaskDefinitionInput,
) -> Result<TaskDefinition, ConvertError> {
    let at = PathCursor::ROOT;
    let mut td = TaskDefinition::default();
    task_definition_members!(get_all, td, input, at);
    get_member!(td, input, at, "tags" tags set_tags);
    Ok(td)
}

/// The model of a described task definition (`DescribeTaskDefinition`), with its `tags` (given
/// apart by the API) and its registration: ARN, revision, status and the rest ECS adds.
///
/// # Errors
/// When the response holds a value the model does not know.
pub fn task_definition_from_sdk(
    described: &sdk::TaskDefinition,
    tags: &[sdk::Tag],
) -> Result<TaskDefinition, ConvertError> {
    let at = PathCursor::ROOT;
    let mut td = TaskDefinition::default();
    task_definition_members!(get_all, td, described, at);
    td.tags = FromField::from_field(&tags.to_vec(), at.key("tags"))?;
    let mut registration = Registration::default();
    registration.task_definition_arn = described.task_definition_arn.as_deref().map(Text::from);
    registration.revision = Some(described.revision);
    registration.status = FromField::from_field(&described.status, at.key("status"))?;
    registration.requires_attributes =
        FromField::from_field(&described.requires_attributes, at.key("requiresAttributes"))?;
    registration.compatibilities =
        FromField::from_field(&described.compatibilities, at.key("compatibilities"))?;
    registration.registered_at = described.registered_at.as_ref().map(epoch_seconds);
    registration.deregistered_at = described.deregistered_at.as_ref().map(epoch_seconds);
    registration.delete_requested_at = described.delete_requested_at.as_ref().map(epoch_seconds);
    registration.registered_by = described.registered_by.as_deref().map(Text::from);
    td.registration = Some(registration);
    Ok(td)
}

/// A timestamp as the ECS JSON protocol carries it: seconds since the epoch.
fn epoch_seconds(time: &aws_smithy_types::DateTime) -> serde_json::Value {
    serde_json::Number::from_f64(time.as_secs_f64())
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}
