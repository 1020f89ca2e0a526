//! Clusters and capacity providers: `CreateCluster`, `CreateCapacityProvider` and
//! `PutClusterCapacityProviders` from the model, and the model from the describe responses.

use aws_sdk_ecs::operation::create_capacity_provider::CreateCapacityProviderInput;
use aws_sdk_ecs::operation::create_capacity_provider::builders::CreateCapacityProviderInputBuilder;
use aws_sdk_ecs::operation::create_cluster::CreateClusterInput;
use aws_sdk_ecs::operation::create_cluster::builders::CreateClusterInputBuilder;
use aws_sdk_ecs::operation::put_cluster_capacity_providers::PutClusterCapacityProvidersInput;
use aws_sdk_ecs::operation::put_cluster_capacity_providers::builders::PutClusterCapacityProvidersInputBuilder;
use aws_sdk_ecs::operation::update_capacity_provider::UpdateCapacityProviderInput;
use aws_sdk_ecs::operation::update_capacity_provider::builders::UpdateCapacityProviderInputBuilder;
use aws_sdk_ecs::operation::update_cluster::UpdateClusterInput;
use aws_sdk_ecs::operation::update_cluster::builders::UpdateClusterInputBuilder;
use aws_sdk_ecs::types as sdk;
use ecs_model as model;
use ecs_model::Text;
use ecs_model::cluster::{CapacityProvider, Cluster, ClusterCapacityProviders};

use super::{ConvertError, convert, enums, get_all, no_extra, set_all};
use ecs_model::PathCursor;

enums! {
    model::cluster::AcceleratorManufacturer => sdk::AcceleratorManufacturer,
    model::cluster::AcceleratorName => sdk::AcceleratorName,
    model::cluster::AcceleratorType => sdk::AcceleratorType,
    model::cluster::AutoRepairActionsStatus => sdk::AutoRepairActionsStatus,
    model::cluster::BareMetal => sdk::BareMetal,
    model::cluster::BurstablePerformance => sdk::BurstablePerformance,
    model::cluster::CapacityOptionType => sdk::CapacityOptionType,
    model::cluster::CapacityReservationPreference => sdk::CapacityReservationPreference,
    model::cluster::ClusterSettingName => sdk::ClusterSettingName,
    model::cluster::CpuManufacturer => sdk::CpuManufacturer,
    model::cluster::ExecuteCommandLogging => sdk::ExecuteCommandLogging,
    model::cluster::InstanceGeneration => sdk::InstanceGeneration,
    model::cluster::LocalStorage => sdk::LocalStorage,
    model::cluster::LocalStorageType => sdk::LocalStorageType,
    model::cluster::ManagedDraining => sdk::ManagedDraining,
    model::cluster::ManagedInstancesMonitoringOptions => sdk::ManagedInstancesMonitoringOptions,
    model::cluster::ManagedScalingStatus => sdk::ManagedScalingStatus,
    model::cluster::ManagedTerminationProtection => sdk::ManagedTerminationProtection,
    model::cluster::PropagateManagedInstancesTags => sdk::PropagateMiTags,
}

convert! {
    model::cluster::ClusterSetting => sdk::ClusterSetting {
        ["name" name set_name],
        ["value" value set_value],
    }
    model::cluster::ClusterConfiguration => sdk::ClusterConfiguration {
        ["executeCommandConfiguration" execute_command_configuration set_execute_command_configuration],
        ["managedStorageConfiguration" managed_storage_configuration set_managed_storage_configuration],
    }
    model::cluster::ExecuteCommandConfiguration => sdk::ExecuteCommandConfiguration {
        ["kmsKeyId" kms_key_id set_kms_key_id],
        ["logging" logging set_logging],
        ["logConfiguration" log_configuration set_log_configuration],
    }
    model::cluster::ExecuteCommandLogConfiguration => sdk::ExecuteCommandLogConfiguration {
        ["cloudWatchLogGroupName" cloud_watch_log_group_name set_cloud_watch_log_group_name],
        ["cloudWatchEncryptionEnabled" cloud_watch_encryption_enabled set_cloud_watch_encryption_enabled],
        ["s3BucketName" s3_bucket_name set_s3_bucket_name],
        ["s3EncryptionEnabled" s3_encryption_enabled set_s3_encryption_enabled],
        ["s3KeyPrefix" s3_key_prefix set_s3_key_prefix],
    }
    model::cluster::ManagedStorageConfiguration => sdk::ManagedStorageConfiguration {
        ["kmsKeyId" kms_key_id set_kms_key_id],
        ["fargateEphemeralStorageKmsKeyId" fargate_ephemeral_storage_kms_key_id set_fargate_ephemeral_storage_kms_key_id],
    }
    model::cluster::ServiceConnectDefaults => sdk::ClusterServiceConnectDefaultsRequest {
        ["namespace" namespace set_namespace],
    }
    model::cluster::AutoScalingGroupProvider => sdk::AutoScalingGroupProvider {
        ["autoScalingGroupArn" auto_scaling_group_arn set_auto_scaling_group_arn],
        ["managedScaling" managed_scaling set_managed_scaling],
        ["managedTerminationProtection" managed_termination_protection set_managed_termination_protection],
        ["managedDraining" managed_draining set_managed_draining],
    }
    model::cluster::ManagedScaling => sdk::ManagedScaling {
        ["status" status set_status],
        ["targetCapacity" target_capacity set_target_capacity],
        ["minimumScalingStepSize" minimum_scaling_step_size set_minimum_scaling_step_size],
        ["maximumScalingStepSize" maximum_scaling_step_size set_maximum_scaling_step_size],
        ["instanceWarmupPeriod" instance_warmup_period set_instance_warmup_period],
    }
    model::cluster::ManagedInstancesProvider => sdk::CreateManagedInstancesProviderConfiguration {
        ["infrastructureRoleArn" infrastructure_role_arn set_infrastructure_role_arn],
        ["instanceLaunchTemplate" instance_launch_template set_instance_launch_template],
        ["propagateTags" propagate_tags set_propagate_tags],
        ["infrastructureOptimization" infrastructure_optimization set_infrastructure_optimization],
        ["autoRepairConfiguration" auto_repair_configuration set_auto_repair_configuration],
    }
    model::cluster::InstanceLaunchTemplate => sdk::InstanceLaunchTemplate {
        ["ec2InstanceProfileArn" ec2_instance_profile_arn set_ec2_instance_profile_arn],
        ["networkConfiguration" network_configuration set_network_configuration],
        ["storageConfiguration" storage_configuration set_storage_configuration],
        ["localStorageConfiguration" local_storage_configuration set_local_storage_configuration],
        ["monitoring" monitoring set_monitoring],
        ["capacityOptionType" capacity_option_type set_capacity_option_type],
        ["instanceMetadataTagsPropagation" instance_metadata_tags_propagation set_instance_metadata_tags_propagation],
        ["instanceRequirements" instance_requirements set_instance_requirements],
        ["fipsEnabled" fips_enabled set_fips_enabled],
        ["capacityReservations" capacity_reservations set_capacity_reservations],
        ["nitroEnclavesEnabled" nitro_enclaves_enabled not_in_sdk],
    }
    model::cluster::ManagedInstancesNetworkConfiguration => sdk::ManagedInstancesNetworkConfiguration {
        ["subnets" subnets set_subnets],
        ["securityGroups" security_groups set_security_groups],
    }
    model::cluster::ManagedInstancesStorageConfiguration => sdk::ManagedInstancesStorageConfiguration {
        ["storageSizeGiB" storage_size_gib set_storage_size_gib],
    }
    model::cluster::ManagedInstancesLocalStorageConfiguration => sdk::ManagedInstancesLocalStorageConfiguration {
        ["useLocalStorage" use_local_storage set_use_local_storage],
    }
    model::cluster::InstanceRequirements => sdk::InstanceRequirementsRequest {
        ["vCpuCount" vcpu_count => v_cpu_count set_v_cpu_count],
        ["memoryMiB" memory_mib set_memory_mib],
        ["cpuManufacturers" cpu_manufacturers set_cpu_manufacturers],
        ["memoryGiBPerVCpu" memory_gib_per_vcpu => memory_gib_per_v_cpu set_memory_gib_per_v_cpu],
        ["excludedInstanceTypes" excluded_instance_types set_excluded_instance_types],
        ["instanceGenerations" instance_generations set_instance_generations],
        ["spotMaxPricePercentageOverLowestPrice" spot_max_price_percentage_over_lowest_price set_spot_max_price_percentage_over_lowest_price],
        ["onDemandMaxPricePercentageOverLowestPrice" on_demand_max_price_percentage_over_lowest_price set_on_demand_max_price_percentage_over_lowest_price],
        ["bareMetal" bare_metal set_bare_metal],
        ["burstablePerformance" burstable_performance set_burstable_performance],
        ["requireHibernateSupport" require_hibernate_support set_require_hibernate_support],
        ["networkInterfaceCount" network_interface_count set_network_interface_count],
        ["localStorage" local_storage set_local_storage],
        ["localStorageTypes" local_storage_types set_local_storage_types],
        ["totalLocalStorageGB" total_local_storage_gb set_total_local_storage_gb],
        ["baselineEbsBandwidthMbps" baseline_ebs_bandwidth_mbps set_baseline_ebs_bandwidth_mbps],
        ["acceleratorTypes" accelerator_types set_accelerator_types],
        ["acceleratorCount" accelerator_count set_accelerator_count],
        ["acceleratorManufacturers" accelerator_manufacturers set_accelerator_manufacturers],
        ["acceleratorNames" accelerator_names set_accelerator_names],
        ["acceleratorTotalMemoryMiB" accelerator_total_memory_mib set_accelerator_total_memory_mib],
        ["networkBandwidthGbps" network_bandwidth_gbps set_network_bandwidth_gbps],
        ["allowedInstanceTypes" allowed_instance_types set_allowed_instance_types],
        ["maxSpotPriceAsPercentageOfOptimalOnDemandPrice" max_spot_price_as_percentage_of_optimal_on_demand_price set_max_spot_price_as_percentage_of_optimal_on_demand_price],
    }
    model::cluster::VcpuCountRange => sdk::VCpuCountRangeRequest {
        ["min" min set_min],
        ["max" max set_max],
    }
    model::cluster::MemoryMibRange => sdk::MemoryMiBRequest {
        ["min" min set_min],
        ["max" max set_max],
    }
    model::cluster::MemoryGibPerVcpuRange => sdk::MemoryGiBPerVCpuRequest {
        ["min" min set_min],
        ["max" max set_max],
    }
    model::cluster::NetworkInterfaceCountRange => sdk::NetworkInterfaceCountRequest {
        ["min" min set_min],
        ["max" max set_max],
    }
    model::cluster::TotalLocalStorageGbRange => sdk::TotalLocalStorageGbRequest {
        ["min" min set_min],
        ["max" max set_max],
    }
    model::cluster::BaselineEbsBandwidthMbpsRange => sdk::BaselineEbsBandwidthMbpsRequest {
        ["min" min set_min],
        ["max" max set_max],
    }
    model::cluster::AcceleratorCountRange => sdk::AcceleratorCountRequest {
        ["min" min set_min],
        ["max" max set_max],
    }
    model::cluster::AcceleratorTotalMemoryMibRange => sdk::AcceleratorTotalMemoryMiBRequest {
        ["min" min set_min],
        ["max" max set_max],
    }
    model::cluster::NetworkBandwidthGbpsRange => sdk::NetworkBandwidthGbpsRequest {
        ["min" min set_min],
        ["max" max set_max],
    }
    model::cluster::CapacityReservations => sdk::CapacityReservationRequest {
        ["reservationGroupArn" reservation_group_arn set_reservation_group_arn],
        ["reservationPreference" reservation_preference set_reservation_preference],
    }
    model::cluster::InfrastructureOptimization => sdk::InfrastructureOptimization {
        ["scaleInAfter" scale_in_after set_scale_in_after],
    }
    model::cluster::AutoRepairConfiguration => sdk::AutoRepairConfiguration {
        ["actionsStatus" actions_status set_actions_status],
    }

    model::cluster::ServiceConnectDefaults => sdk::ClusterServiceConnectDefaults {
        ["namespace" namespace set_namespace],
    }
    model::cluster::ManagedInstancesProvider => sdk::ManagedInstancesProvider {
        ["infrastructureRoleArn" infrastructure_role_arn set_infrastructure_role_arn],
        ["instanceLaunchTemplate" instance_launch_template set_instance_launch_template],
        ["propagateTags" propagate_tags set_propagate_tags],
        ["infrastructureOptimization" infrastructure_optimization set_infrastructure_optimization],
        ["autoRepairConfiguration" auto_repair_configuration set_auto_repair_configuration],
    }

}

/// Applies `$apply!` to the members `CreateCluster` and the described cluster share.
macro_rules! cluster_members {
    ($apply:ident, $($args:tt)*) => {
        $apply!($($args)*,
            ["clusterName" cluster_name set_cluster_name]
            ["tags" tags set_tags]
            ["settings" settings set_settings]
            ["configuration" configuration set_configuration]
            ["capacityProviders" capacity_providers set_capacity_providers]
            ["defaultCapacityProviderStrategy" default_capacity_provider_strategy set_default_capacity_provider_strategy]
            ["serviceConnectDefaults" service_connect_defaults set_service_connect_defaults]
        );
    };
}

/// Applies `$apply!` to the members `CreateCapacityProvider` and the described provider share.
macro_rules! capacity_provider_members {
    ($apply:ident, $($args:tt)*) => {
        $apply!($($args)*,
            ["name" name set_name]
            ["cluster" cluster set_cluster]
            ["autoScalingGroupProvider" auto_scaling_group_provider set_auto_scaling_group_provider]
            ["managedInstancesProvider" managed_instances_provider set_managed_instances_provider]
            ["tags" tags set_tags]
        );
    };
}

/// The `CreateCluster` request for `cluster`.
///
/// # Errors
/// When `cluster` holds keys kept by a lenient parse.
pub fn create_cluster(cluster: &Cluster) -> Result<CreateClusterInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&cluster.extra, at)?;
    let builder = CreateClusterInput::builder();
    cluster_members!(set_all, builder, cluster, at);
    Ok(builder)
}

/// The model of a described cluster (`DescribeClusters` with settings, configurations and
/// tags); its Service Connect namespace comes back as an ARN.
///
/// # Errors
/// When the response holds a value the model does not know.
pub fn cluster_from_sdk(described: &sdk::Cluster) -> Result<Cluster, ConvertError> {
    let at = PathCursor::ROOT;
    let mut cluster = Cluster::default();
    cluster_members!(get_all, cluster, described, at);
    Ok(cluster)
}

/// The `CreateCapacityProvider` request for `provider`.
///
/// # Errors
/// When `provider` holds keys kept by a lenient parse.
pub fn create_capacity_provider(
    provider: &CapacityProvider,
) -> Result<CreateCapacityProviderInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&provider.extra, at)?;
    let builder = CreateCapacityProviderInput::builder();
    capacity_provider_members!(set_all, builder, provider, at);
    Ok(builder)
}

/// The model of a described capacity provider (`DescribeCapacityProviders`).
///
/// # Errors
/// When the response holds a value the model does not know.
pub fn capacity_provider_from_sdk(
    described: &sdk::CapacityProvider,
) -> Result<CapacityProvider, ConvertError> {
    let at = PathCursor::ROOT;
    let mut provider = CapacityProvider::default();
    capacity_provider_members!(get_all, provider, described, at);
    Ok(provider)
}

/// The `PutClusterCapacityProviders` request for `providers`.
///
/// # Errors
/// When `providers` holds keys kept by a lenient parse.
pub fn put_cluster_capacity_providers(
    providers: &ClusterCapacityProviders,
) -> Result<PutClusterCapacityProvidersInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&providers.extra, at)?;
    let builder = PutClusterCapacityProvidersInput::builder();
    set_all!(builder, providers, at,
        ["cluster" cluster set_cluster]
        ["capacityProviders" capacity_providers set_capacity_providers]
        ["defaultCapacityProviderStrategy" default_capacity_provider_strategy set_default_capacity_provider_strategy]
    );
    Ok(builder)
}

/// The `UpdateCluster` request for the settings, configuration and Service Connect defaults of
/// `cluster` (providers go by `PutClusterCapacityProviders`).
///
/// # Errors
/// When `cluster` holds keys kept by a lenient parse.
pub fn update_cluster(cluster: &Cluster) -> Result<UpdateClusterInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&cluster.extra, at)?;
    let builder = UpdateClusterInput::builder().cluster(cluster.name());
    set_all!(builder, cluster, at,
        ["settings" settings set_settings]
        ["configuration" configuration set_configuration]
        ["serviceConnectDefaults" service_connect_defaults set_service_connect_defaults]
    );
    Ok(builder)
}

/// The `UpdateCapacityProvider` request for the managed scaling, termination protection and
/// draining of an Auto Scaling group provider (what can change after creation).
///
/// # Errors
/// When `provider` holds keys kept by a lenient parse.
pub fn update_capacity_provider(
    provider: &CapacityProvider,
) -> Result<UpdateCapacityProviderInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&provider.extra, at)?;
    let builder = UpdateCapacityProviderInput::builder()
        .name(&provider.name)
        .set_cluster(provider.cluster.as_ref().map(Text::to_string));
    let Some(asg) = &provider.auto_scaling_group_provider else {
        return Ok(builder);
    };
    let at = at.key("autoScalingGroupProvider");
    let update = sdk::AutoScalingGroupProviderUpdate::builder();
    set_all!(update, asg, at,
        ["managedScaling" managed_scaling set_managed_scaling]
        ["managedTerminationProtection" managed_termination_protection set_managed_termination_protection]
        ["managedDraining" managed_draining set_managed_draining]
    );
    Ok(builder.auto_scaling_group_provider(update.build()))
}
