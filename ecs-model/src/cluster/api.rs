//! The `CreateCluster`, `CreateCapacityProvider` and `PutClusterCapacityProviders` requests, as
//! the ECS API model defines them (`ecs-service-2.json` of 2026-08-05). Written by hand, shape for
//! shape: there is no generator. `tests/integration/api_model.rs` checks them against the model.

use crate::json::record::{api_enum, api_struct};
use crate::service::CapacityProviderStrategyItem;
use crate::tag::Tag;

api_struct! {
    /// An ECS cluster: the `CreateCluster` request, field for field. Its settings (Container
    /// Insights), capacity providers and default capacity provider strategy.
    pub struct Cluster {
        /// The name of your cluster.
        cluster_name "clusterName": Option<String>,
        /// The metadata that you apply to the cluster to help you categorize and organize them.
        tags "tags": Vec<Tag>,
        /// The setting to use when creating a cluster.
        settings "settings": Vec<ClusterSetting>,
        /// The execute command configuration for the cluster.
        configuration "configuration": Option<ClusterConfiguration>,
        /// The short name of one or more capacity providers to associate with the cluster.
        capacity_providers "capacityProviders": Vec<String>,
        /// The capacity provider strategy to set as the default for the cluster.
        default_capacity_provider_strategy "defaultCapacityProviderStrategy": Vec<CapacityProviderStrategyItem>,
        /// Use this parameter to set a default Service Connect namespace.
        service_connect_defaults "serviceConnectDefaults": Option<ServiceConnectDefaults>,
    }
}

api_struct! {
    /// The settings to use when creating a cluster.
    pub struct ClusterSetting {
        /// The name of the cluster setting.
        name "name": Option<ClusterSettingName>,
        /// The value to set for the cluster setting.
        value "value": Option<String>,
    }
}

api_struct! {
    /// The execute command and managed storage configuration for the cluster.
    pub struct ClusterConfiguration {
        /// The details of the execute command configuration.
        execute_command_configuration "executeCommandConfiguration": Option<ExecuteCommandConfiguration>,
        /// The details of the managed storage configuration.
        managed_storage_configuration "managedStorageConfiguration": Option<ManagedStorageConfiguration>,
    }
}

api_struct! {
    /// The details of the execute command configuration.
    pub struct ExecuteCommandConfiguration {
        /// Specify an Key Management Service key ID to encrypt the data between the local client and
        /// the container.
        kms_key_id "kmsKeyId": Option<String>,
        /// The log setting to use for redirecting logs for your execute command results.
        logging "logging": Option<ExecuteCommandLogging>,
        /// The log configuration for the results of the execute command actions.
        log_configuration "logConfiguration": Option<ExecuteCommandLogConfiguration>,
    }
}

api_struct! {
    /// The log configuration for the results of the execute command actions.
    pub struct ExecuteCommandLogConfiguration {
        /// The name of the CloudWatch log group to send logs to.
        cloud_watch_log_group_name "cloudWatchLogGroupName": Option<String>,
        /// Determines whether to use encryption on the CloudWatch logs.
        cloud_watch_encryption_enabled "cloudWatchEncryptionEnabled": Option<bool>,
        /// The name of the S3 bucket to send logs to.
        s3_bucket_name "s3BucketName": Option<String>,
        /// Determines whether to use encryption on the S3 logs.
        s3_encryption_enabled "s3EncryptionEnabled": Option<bool>,
        /// An optional folder in the S3 bucket to place logs in.
        s3_key_prefix "s3KeyPrefix": Option<String>,
    }
}

api_struct! {
    /// The managed storage configuration for the cluster.
    pub struct ManagedStorageConfiguration {
        /// Specify a Key Management Service key ID to encrypt Amazon ECS managed storage.
        kms_key_id "kmsKeyId": Option<String>,
        /// Specify the Key Management Service key ID for Fargate ephemeral storage.
        fargate_ephemeral_storage_kms_key_id "fargateEphemeralStorageKmsKeyId": Option<String>,
    }
}

api_struct! {
    /// Use this parameter to set a default Service Connect namespace.
    pub struct ServiceConnectDefaults {
        /// The namespace name or full Amazon Resource Name (ARN) of the Cloud Map namespace that's
        /// used when you create a service and don't specify a Service Connect configuration.
        namespace "namespace": String,
    }
}

api_struct! {
    /// A capacity provider: the `CreateCapacityProvider` request. An Auto Scaling group of EC2
    /// instances, or ECS Managed Instances (`FARGATE` and `FARGATE_SPOT` need none).
    pub struct CapacityProvider {
        /// The name of the capacity provider.
        name "name": String,
        /// The name of the cluster to associate with the capacity provider.
        cluster "cluster": Option<String>,
        /// The details of the Auto Scaling group for the capacity provider.
        auto_scaling_group_provider "autoScalingGroupProvider": Option<AutoScalingGroupProvider>,
        /// The configuration for the Amazon ECS Managed Instances provider.
        managed_instances_provider "managedInstancesProvider": Option<ManagedInstancesProvider>,
        /// The metadata that you apply to the capacity provider to categorize and organize them more
        /// conveniently.
        tags "tags": Vec<Tag>,
    }
}

api_struct! {
    /// The details of the Auto Scaling group for the capacity provider.
    pub struct AutoScalingGroupProvider {
        /// The Amazon Resource Name (ARN) that identifies the Auto Scaling group, or the Auto Scaling
        /// group name.
        auto_scaling_group_arn "autoScalingGroupArn": String,
        /// The managed scaling settings for the Auto Scaling group capacity provider.
        managed_scaling "managedScaling": Option<ManagedScaling>,
        /// The managed termination protection setting to use for the Auto Scaling group capacity
        /// provider.
        managed_termination_protection "managedTerminationProtection": Option<ManagedTerminationProtection>,
        /// The managed draining option for the Auto Scaling group capacity provider.
        managed_draining "managedDraining": Option<ManagedDraining>,
    }
}

api_struct! {
    /// The managed scaling settings for the Auto Scaling group capacity provider.
    pub struct ManagedScaling {
        /// Determines whether to use managed scaling for the capacity provider.
        status "status": Option<ManagedScalingStatus>,
        /// The target capacity utilization as a percentage for the capacity provider.
        target_capacity "targetCapacity": Option<i32>,
        /// The minimum number of Amazon EC2 instances that Amazon ECS will scale out at one time.
        minimum_scaling_step_size "minimumScalingStepSize": Option<i32>,
        /// The maximum number of Amazon EC2 instances that Amazon ECS will scale out at one time.
        maximum_scaling_step_size "maximumScalingStepSize": Option<i32>,
        /// The period of time, in seconds, after a newly launched Amazon EC2 instance can contribute
        /// to CloudWatch metrics for Auto Scaling group.
        instance_warmup_period "instanceWarmupPeriod": Option<i32>,
    }
}

api_struct! {
    /// The configuration for creating a Amazon ECS Managed Instances provider.
    pub struct ManagedInstancesProvider {
        /// The Amazon Resource Name (ARN) of the infrastructure role that Amazon ECS uses to manage
        /// instances on your behalf.
        infrastructure_role_arn "infrastructureRoleArn": String,
        /// The launch template configuration that specifies how Amazon ECS should launch Amazon EC2
        /// instances.
        instance_launch_template "instanceLaunchTemplate": InstanceLaunchTemplate,
        /// Specifies whether to propagate tags from the capacity provider to the Amazon ECS Managed
        /// Instances.
        propagate_tags "propagateTags": Option<PropagateManagedInstancesTags>,
        /// Defines how Amazon ECS Managed Instances optimizes the infrastastructure in your capacity
        /// provider.
        infrastructure_optimization "infrastructureOptimization": Option<InfrastructureOptimization>,
        /// The auto repair configuration for the Amazon ECS Managed Instances capacity provider.
        auto_repair_configuration "autoRepairConfiguration": Option<AutoRepairConfiguration>,
    }
}

api_struct! {
    /// The launch template configuration for Amazon ECS Managed Instances.
    pub struct InstanceLaunchTemplate {
        /// The Amazon Resource Name (ARN) of the instance profile that Amazon ECS applies to Amazon
        /// ECS Managed Instances.
        ec2_instance_profile_arn "ec2InstanceProfileArn": String,
        /// The network configuration for Amazon ECS Managed Instances.
        network_configuration "networkConfiguration": ManagedInstancesNetworkConfiguration,
        /// The storage configuration for Amazon ECS Managed Instances.
        storage_configuration "storageConfiguration": Option<ManagedInstancesStorageConfiguration>,
        /// The local storage configuration for Amazon ECS Managed Instances.
        local_storage_configuration "localStorageConfiguration": Option<ManagedInstancesLocalStorageConfiguration>,
        /// CloudWatch provides two categories of monitoring: basic monitoring and detailed
        /// monitoring.
        monitoring "monitoring": Option<ManagedInstancesMonitoringOptions>,
        /// The capacity option type.
        capacity_option_type "capacityOptionType": Option<CapacityOptionType>,
        /// Determines whether tags are propagated to the instance metadata service (IMDS) for Amazon
        /// EC2 instances launched by the Managed Instances capacity provider.
        instance_metadata_tags_propagation "instanceMetadataTagsPropagation": Option<bool>,
        /// The instance requirements.
        instance_requirements "instanceRequirements": Option<InstanceRequirements>,
        /// Determines whether to enable FIPS 140-2 validated cryptographic modules on EC2 instances
        /// launched by the capacity provider.
        fips_enabled "fipsEnabled": Option<bool>,
        /// Capacity reservation specifications.
        capacity_reservations "capacityReservations": Option<CapacityReservations>,
    }
}

api_struct! {
    /// The network configuration for Amazon ECS Managed Instances.
    pub struct ManagedInstancesNetworkConfiguration {
        /// The list of subnet IDs where Amazon ECS can launch Amazon ECS Managed Instances.
        subnets "subnets": Vec<String>,
        /// The list of security group IDs to apply to Amazon ECS Managed Instances.
        security_groups "securityGroups": Vec<String>,
    }
}

api_struct! {
    /// The storage configuration for Amazon ECS Managed Instances.
    pub struct ManagedInstancesStorageConfiguration {
        /// The size of the data volume.
        storage_size_gib "storageSizeGiB": Option<i32>,
    }
}

api_struct! {
    /// The local storage configuration for Amazon ECS Managed Instances.
    pub struct ManagedInstancesLocalStorageConfiguration {
        /// Use instance store volumes for data storage when available.
        use_local_storage "useLocalStorage": Option<bool>,
    }
}

api_struct! {
    /// The instance requirements for attribute-based instance type selection.
    pub struct InstanceRequirements {
        /// The minimum and maximum number of vCPUs for the instance types.
        vcpu_count "vCpuCount": VcpuCountRange,
        /// The minimum and maximum amount of memory in mebibytes (MiB) for the instance types.
        memory_mib "memoryMiB": MemoryMibRange,
        /// The CPU manufacturers to include or exclude.
        cpu_manufacturers "cpuManufacturers": Vec<CpuManufacturer>,
        /// The minimum and maximum amount of memory per vCPU in gibibytes (GiB).
        memory_gib_per_vcpu "memoryGiBPerVCpu": Option<MemoryGibPerVcpuRange>,
        /// The instance types to exclude from selection.
        excluded_instance_types "excludedInstanceTypes": Vec<String>,
        /// The instance generations to include.
        instance_generations "instanceGenerations": Vec<InstanceGeneration>,
        /// The maximum price for Spot instances as a percentage over the lowest priced On-Demand
        /// instance.
        spot_max_price_percentage_over_lowest_price "spotMaxPricePercentageOverLowestPrice": Option<i32>,
        /// The price protection threshold for On-Demand Instances, as a percentage higher than an
        /// identified On-Demand price.
        on_demand_max_price_percentage_over_lowest_price "onDemandMaxPricePercentageOverLowestPrice": Option<i32>,
        /// Indicates whether to include bare metal instance types.
        bare_metal "bareMetal": Option<BareMetal>,
        /// Indicates whether to include burstable performance instance types (T2, T3, T3a, T4g).
        burstable_performance "burstablePerformance": Option<BurstablePerformance>,
        /// Indicates whether the instance types must support hibernation.
        require_hibernate_support "requireHibernateSupport": Option<bool>,
        /// The minimum and maximum number of network interfaces for the instance types.
        network_interface_count "networkInterfaceCount": Option<NetworkInterfaceCountRange>,
        /// Indicates whether to include instance types with local storage.
        local_storage "localStorage": Option<LocalStorage>,
        /// The local storage types to include.
        local_storage_types "localStorageTypes": Vec<LocalStorageType>,
        /// The minimum and maximum total local storage in gigabytes (GB) for instance types with
        /// local storage.
        total_local_storage_gb "totalLocalStorageGB": Option<TotalLocalStorageGbRange>,
        /// The minimum and maximum baseline Amazon EBS bandwidth in megabits per second (Mbps).
        baseline_ebs_bandwidth_mbps "baselineEbsBandwidthMbps": Option<BaselineEbsBandwidthMbpsRange>,
        /// The accelerator types to include.
        accelerator_types "acceleratorTypes": Vec<AcceleratorType>,
        /// The minimum and maximum number of accelerators for the instance types.
        accelerator_count "acceleratorCount": Option<AcceleratorCountRange>,
        /// The accelerator manufacturers to include.
        accelerator_manufacturers "acceleratorManufacturers": Vec<AcceleratorManufacturer>,
        /// The specific accelerator names to include.
        accelerator_names "acceleratorNames": Vec<AcceleratorName>,
        /// The minimum and maximum total accelerator memory in mebibytes (MiB).
        accelerator_total_memory_mib "acceleratorTotalMemoryMiB": Option<AcceleratorTotalMemoryMibRange>,
        /// The minimum and maximum network bandwidth in gigabits per second (Gbps).
        network_bandwidth_gbps "networkBandwidthGbps": Option<NetworkBandwidthGbpsRange>,
        /// The instance types to include in the selection.
        allowed_instance_types "allowedInstanceTypes": Vec<String>,
        /// The maximum price for Spot instances as a percentage of the optimal On-Demand price.
        max_spot_price_as_percentage_of_optimal_on_demand_price "maxSpotPriceAsPercentageOfOptimalOnDemandPrice": Option<i32>,
    }
}

api_struct! {
    /// The minimum and maximum number of vCPUs for instance type selection.
    pub struct VcpuCountRange {
        /// The minimum number of vCPUs.
        min "min": i32,
        /// The maximum number of vCPUs.
        max "max": Option<i32>,
    }
}

api_struct! {
    /// The minimum and maximum amount of memory in mebibytes (MiB) for instance type selection.
    pub struct MemoryMibRange {
        /// The minimum amount of memory in MiB.
        min "min": i32,
        /// The maximum amount of memory in MiB.
        max "max": Option<i32>,
    }
}

api_struct! {
    /// The minimum and maximum amount of memory per vCPU in gibibytes (GiB).
    pub struct MemoryGibPerVcpuRange {
        /// The minimum amount of memory per vCPU in GiB.
        min "min": Option<f64>,
        /// The maximum amount of memory per vCPU in GiB.
        max "max": Option<f64>,
    }
}

api_struct! {
    /// The minimum and maximum number of network interfaces for instance type selection.
    pub struct NetworkInterfaceCountRange {
        /// The minimum number of network interfaces.
        min "min": Option<i32>,
        /// The maximum number of network interfaces.
        max "max": Option<i32>,
    }
}

api_struct! {
    /// The minimum and maximum total local storage in gigabytes (GB) for instance types with
    /// local storage.
    pub struct TotalLocalStorageGbRange {
        /// The minimum total local storage in GB.
        min "min": Option<f64>,
        /// The maximum total local storage in GB.
        max "max": Option<f64>,
    }
}

api_struct! {
    /// The minimum and maximum baseline Amazon EBS bandwidth in megabits per second (Mbps) for
    /// instance type selection.
    pub struct BaselineEbsBandwidthMbpsRange {
        /// The minimum baseline Amazon EBS bandwidth in Mbps.
        min "min": Option<i32>,
        /// The maximum baseline Amazon EBS bandwidth in Mbps.
        max "max": Option<i32>,
    }
}

api_struct! {
    /// The minimum and maximum number of accelerators (such as GPUs) for instance type selection.
    pub struct AcceleratorCountRange {
        /// The minimum number of accelerators.
        min "min": Option<i32>,
        /// The maximum number of accelerators.
        max "max": Option<i32>,
    }
}

api_struct! {
    /// The minimum and maximum total accelerator memory in mebibytes (MiB) for instance type
    /// selection.
    pub struct AcceleratorTotalMemoryMibRange {
        /// The minimum total accelerator memory in MiB.
        min "min": Option<i32>,
        /// The maximum total accelerator memory in MiB.
        max "max": Option<i32>,
    }
}

api_struct! {
    /// The minimum and maximum network bandwidth in gigabits per second (Gbps) for instance type
    /// selection.
    pub struct NetworkBandwidthGbpsRange {
        /// The minimum network bandwidth in Gbps.
        min "min": Option<f64>,
        /// The maximum network bandwidth in Gbps.
        max "max": Option<f64>,
    }
}

api_struct! {
    /// The Capacity Reservation configurations to be used when using the RESERVED capacity option
    /// type.
    pub struct CapacityReservations {
        /// The ARN of the Capacity Reservation resource group in which to run the instance.
        reservation_group_arn "reservationGroupArn": Option<String>,
        /// The preference on when capacity reservations should be used.
        reservation_preference "reservationPreference": Option<CapacityReservationPreference>,
    }
}

api_struct! {
    /// The configuration that controls how Amazon ECS optimizes your infrastructure.
    pub struct InfrastructureOptimization {
        /// This parameter defines the number of seconds Amazon ECS Managed Instances waits before
        /// optimizing EC2 instances that have become idle or underutilized.
        scale_in_after "scaleInAfter": Option<i32>,
    }
}

api_struct! {
    /// The auto repair configuration for an Amazon ECS Managed Instances capacity provider.
    pub struct AutoRepairConfiguration {
        /// The status of auto repair actions for the capacity provider.
        actions_status "actionsStatus": Option<AutoRepairActionsStatus>,
    }
}

api_struct! {
    /// The `PutClusterCapacityProviders` request: which providers a cluster uses, and its default
    /// strategy.
    pub struct ClusterCapacityProviders {
        /// The short name or full Amazon Resource Name (ARN) of the cluster to modify the capacity
        /// provider settings for.
        cluster "cluster": String,
        /// The name of one or more capacity providers to associate with the cluster; an empty
        /// list (rendered, unlike other empty lists) removes them all.
        capacity_providers "capacityProviders": Option<Vec<String>>,
        /// The capacity provider strategy to use by default for the cluster; rendered even when
        /// empty.
        default_capacity_provider_strategy "defaultCapacityProviderStrategy":
            Option<Vec<CapacityProviderStrategyItem>>,
    }
}

api_enum! {
    /// A cluster setting name.
    pub enum ClusterSettingName ("cluster setting name") {
        /// `containerInsights`.
        ContainerInsights = "containerInsights",
    }
}

api_enum! {
    /// A execute command logging.
    pub enum ExecuteCommandLogging ("execute command logging") {
        /// `NONE`.
        None = "NONE",
        /// `DEFAULT`.
        Default = "DEFAULT",
        /// `OVERRIDE`.
        Override = "OVERRIDE",
    }
}

api_enum! {
    /// A managed termination protection.
    pub enum ManagedTerminationProtection ("managed termination protection") {
        /// `ENABLED`.
        Enabled = "ENABLED",
        /// `DISABLED`.
        Disabled = "DISABLED",
    }
}

api_enum! {
    /// A managed draining.
    pub enum ManagedDraining ("managed draining") {
        /// `ENABLED`.
        Enabled = "ENABLED",
        /// `DISABLED`.
        Disabled = "DISABLED",
    }
}

api_enum! {
    /// A managed scaling status.
    pub enum ManagedScalingStatus ("managed scaling status") {
        /// `ENABLED`.
        Enabled = "ENABLED",
        /// `DISABLED`.
        Disabled = "DISABLED",
    }
}

api_enum! {
    /// A propagate mitags.
    pub enum PropagateManagedInstancesTags ("managed instances tag propagation") {
        /// `CAPACITY_PROVIDER`.
        CapacityProvider = "CAPACITY_PROVIDER",
        /// `NONE`.
        None = "NONE",
    }
}

api_enum! {
    /// A managed instances monitoring options.
    pub enum ManagedInstancesMonitoringOptions ("managed instances monitoring options") {
        /// `BASIC`.
        Basic = "BASIC",
        /// `DETAILED`.
        Detailed = "DETAILED",
    }
}

api_enum! {
    /// A capacity option type.
    pub enum CapacityOptionType ("capacity option type") {
        /// `ON_DEMAND`.
        OnDemand = "ON_DEMAND",
        /// `SPOT`.
        Spot = "SPOT",
        /// `RESERVED`.
        Reserved = "RESERVED",
    }
}

api_enum! {
    /// A cpu manufacturer.
    pub enum CpuManufacturer ("CPU manufacturer") {
        /// `intel`.
        Intel = "intel",
        /// `amd`.
        Amd = "amd",
        /// `amazon-web-services`.
        AmazonWebServices = "amazon-web-services",
    }
}

api_enum! {
    /// A instance generation.
    pub enum InstanceGeneration ("instance generation") {
        /// `current`.
        Current = "current",
        /// `previous`.
        Previous = "previous",
    }
}

api_enum! {
    /// A bare metal.
    pub enum BareMetal ("bare metal") {
        /// `included`.
        Included = "included",
        /// `required`.
        Required = "required",
        /// `excluded`.
        Excluded = "excluded",
    }
}

api_enum! {
    /// A burstable performance.
    pub enum BurstablePerformance ("burstable performance") {
        /// `included`.
        Included = "included",
        /// `required`.
        Required = "required",
        /// `excluded`.
        Excluded = "excluded",
    }
}

api_enum! {
    /// A local storage.
    pub enum LocalStorage ("local storage") {
        /// `included`.
        Included = "included",
        /// `required`.
        Required = "required",
        /// `excluded`.
        Excluded = "excluded",
    }
}

api_enum! {
    /// A local storage type.
    pub enum LocalStorageType ("local storage type") {
        /// `hdd`.
        Hdd = "hdd",
        /// `ssd`.
        Ssd = "ssd",
    }
}

api_enum! {
    /// A accelerator type.
    pub enum AcceleratorType ("accelerator type") {
        /// `gpu`.
        Gpu = "gpu",
        /// `fpga`.
        Fpga = "fpga",
        /// `inference`.
        Inference = "inference",
    }
}

api_enum! {
    /// A accelerator manufacturer.
    pub enum AcceleratorManufacturer ("accelerator manufacturer") {
        /// `amazon-web-services`.
        AmazonWebServices = "amazon-web-services",
        /// `amd`.
        Amd = "amd",
        /// `nvidia`.
        Nvidia = "nvidia",
        /// `xilinx`.
        Xilinx = "xilinx",
        /// `habana`.
        Habana = "habana",
    }
}

api_enum! {
    /// A accelerator name.
    pub enum AcceleratorName ("accelerator name") {
        /// `a100`.
        A100 = "a100",
        /// `inferentia`.
        Inferentia = "inferentia",
        /// `k520`.
        K520 = "k520",
        /// `k80`.
        K80 = "k80",
        /// `m60`.
        M60 = "m60",
        /// `radeon-pro-v520`.
        RadeonProV520 = "radeon-pro-v520",
        /// `t4`.
        T4 = "t4",
        /// `vu9p`.
        Vu9p = "vu9p",
        /// `v100`.
        V100 = "v100",
        /// `a10g`.
        A10g = "a10g",
        /// `h100`.
        H100 = "h100",
        /// `t4g`.
        T4g = "t4g",
    }
}

api_enum! {
    /// A capacity reservation preference.
    pub enum CapacityReservationPreference ("capacity reservation preference") {
        /// `RESERVATIONS_ONLY`.
        ReservationsOnly = "RESERVATIONS_ONLY",
        /// `RESERVATIONS_FIRST`.
        ReservationsFirst = "RESERVATIONS_FIRST",
        /// `RESERVATIONS_EXCLUDED`.
        ReservationsExcluded = "RESERVATIONS_EXCLUDED",
    }
}

api_enum! {
    /// A auto repair actions status.
    pub enum AutoRepairActionsStatus ("auto repair actions status") {
        /// `ENABLED`.
        Enabled = "ENABLED",
        /// `DISABLED`.
        Disabled = "DISABLED",
    }
}
