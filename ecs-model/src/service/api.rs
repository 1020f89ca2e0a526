//! The `CreateService` request, as the ECS API model defines it (`ecs-service-2.json` of
//! 2026-08-05). Written by hand, shape for shape, with the first sentence of each member's
//! documentation: there is no generator. `tests/integration/api_model.rs` checks them against the model.

use crate::container::LogConfiguration;
use crate::json::record::{api_enum, api_struct};
use crate::tag::Tag;
use crate::task_definition::Compatibility;

api_struct! {
    /// An ECS service: the `CreateService` request, field for field. It keeps `desiredCount`
    /// copies of a task definition running, behind load balancers, rolled out by its deployment
    /// configuration.
    ///
    /// Build one with [`Service::fargate`], [`Service::ec2`] or [`Service::builder`].
    pub struct Service {
        /// The short name or full Amazon Resource Name (ARN) of the cluster that you run your service
        /// on.
        cluster "cluster": Option<String>,
        /// The name of your service.
        service_name "serviceName": String,
        /// The family and revision ( family:revision ) or full ARN of the task definition to run in
        /// your service.
        task_definition "taskDefinition": Option<String>,
        /// Indicates whether to use Availability Zone rebalancing for the service.
        availability_zone_rebalancing "availabilityZoneRebalancing": Option<AvailabilityZoneRebalancing>,
        /// A load balancer object representing the load balancers to use with your service.
        load_balancers "loadBalancers": Vec<ServiceLoadBalancer>,
        /// The details of the service discovery registry to associate with this service.
        service_registries "serviceRegistries": Vec<ServiceRegistry>,
        /// The number of instantiations of the specified task definition to place and keep running in
        /// your service.
        desired_count "desiredCount": Option<i32>,
        /// An identifier that you provide to ensure the idempotency of the request.
        client_token "clientToken": Option<String>,
        /// The infrastructure that you run your service on.
        launch_type "launchType": Option<Compatibility>,
        /// The capacity provider strategy to use for the service.
        capacity_provider_strategy "capacityProviderStrategy": Vec<CapacityProviderStrategyItem>,
        /// The platform version that your tasks in the service are running on.
        platform_version "platformVersion": Option<String>,
        /// The name or full Amazon Resource Name (ARN) of the IAM role that allows Amazon ECS to make
        /// calls to your load balancer on your behalf.
        role "role": Option<String>,
        /// Optional deployment parameters that control how many tasks run during the deployment and
        /// the ordering of stopping and starting tasks.
        deployment_configuration "deploymentConfiguration": Option<DeploymentConfiguration>,
        /// An array of placement constraint objects to use for tasks in your service.
        placement_constraints "placementConstraints": Vec<ServicePlacementConstraint>,
        /// The placement strategy objects to use for tasks in your service.
        placement_strategy "placementStrategy": Vec<PlacementStrategy>,
        /// The network configuration for the service.
        network_configuration "networkConfiguration": Option<NetworkConfiguration>,
        /// The period of time, in seconds, that the Amazon ECS service scheduler ignores unhealthy
        /// Elastic Load Balancing, VPC Lattice, and container health checks after a task has first
        /// started.
        health_check_grace_period_seconds "healthCheckGracePeriodSeconds": Option<i32>,
        /// The scheduling strategy to use for the service.
        scheduling_strategy "schedulingStrategy": Option<SchedulingStrategy>,
        /// The deployment controller to use for the service.
        deployment_controller "deploymentController": Option<DeploymentController>,
        /// The metadata that you apply to the service to help you categorize and organize them.
        tags "tags": Vec<Tag>,
        /// Specifies whether to turn on Amazon ECS managed tags for the tasks within the service.
        enable_ecs_managed_tags "enableECSManagedTags": Option<bool>,
        /// Specifies whether to propagate the tags from the task definition to the task.
        propagate_tags "propagateTags": Option<PropagateTags>,
        /// Determines whether the execute command functionality is turned on for the service.
        enable_execute_command "enableExecuteCommand": Option<bool>,
        /// The configuration for this service to discover and connect to services, and be discovered
        /// by, and connected from, other services within a namespace.
        service_connect_configuration "serviceConnectConfiguration": Option<ServiceConnectConfiguration>,
        /// The configuration for a volume specified in the task definition as a volume that is
        /// configured at launch time.
        volume_configurations "volumeConfigurations": Vec<ServiceVolumeConfiguration>,
        /// The VPC Lattice configuration for the service being created.
        vpc_lattice_configurations "vpcLatticeConfigurations": Vec<VpcLatticeConfiguration>,
        /// The optional monitoring configuration for the service, which defines the resolution for
        /// the service-level `CPUUtilization` and `MemoryUtilization` Amazon CloudWatch metrics.
        monitoring "monitoring": Option<Monitoring>,
    }
}

api_struct! {
    /// The load balancer configuration to use with a service or task set.
    pub struct ServiceLoadBalancer {
        /// The full Amazon Resource Name (ARN) of the Elastic Load Balancing target group or groups
        /// associated with a service or task set.
        target_group_arn "targetGroupArn": Option<String>,
        /// The name of the load balancer to associate with the Amazon ECS service or task set.
        load_balancer_name "loadBalancerName": Option<String>,
        /// The name of the container (as it appears in a container definition) to associate with the
        /// load balancer.
        container_name "containerName": Option<String>,
        /// The port on the container to associate with the load balancer.
        container_port "containerPort": Option<i32>,
        /// The advanced settings for the load balancer used in blue/green deployments.
        advanced_configuration "advancedConfiguration": Option<AdvancedConfiguration>,
    }
}

api_struct! {
    /// The advanced settings for a load balancer used in blue/green deployments.
    pub struct AdvancedConfiguration {
        /// The Amazon Resource Name (ARN) of the alternate target group for Amazon ECS blue/green
        /// deployments.
        alternate_target_group_arn "alternateTargetGroupArn": Option<String>,
        /// The Amazon Resource Name (ARN) that that identifies the production listener rule (in the
        /// case of an Application Load Balancer) or listener (in the case for an Network Load
        /// Balancer) for routing production traffic.
        production_listener_rule "productionListenerRule": Option<String>,
        /// The Amazon Resource Name (ARN) that identifies ) that identifies the test listener rule
        /// (in the case of an Application Load Balancer) or listener (in the case for an Network Load
        /// Balancer) for routing test traffic.
        test_listener_rule "testListenerRule": Option<String>,
        /// The Amazon Resource Name (ARN) of the IAM role that grants Amazon ECS permission to call
        /// the Elastic Load Balancing APIs for you.
        role_arn "roleArn": Option<String>,
    }
}

api_struct! {
    /// The details for the service registry.
    pub struct ServiceRegistry {
        /// The Amazon Resource Name (ARN) of the service registry.
        registry_arn "registryArn": Option<String>,
        /// The port value used if your service discovery service specified an SRV record.
        port "port": Option<i32>,
        /// The container name value to be used for your service discovery service.
        container_name "containerName": Option<String>,
        /// The port value to be used for your service discovery service.
        container_port "containerPort": Option<i32>,
    }
}

api_struct! {
    /// The details of a capacity provider strategy.
    pub struct CapacityProviderStrategyItem {
        /// The short name of the capacity provider.
        capacity_provider "capacityProvider": String,
        /// The weight value designates the relative percentage of the total number of tasks launched
        /// that should use the specified capacity provider.
        weight "weight": Option<i32>,
        /// The base value designates how many tasks, at a minimum, to run on the specified capacity
        /// provider for each service.
        base "base": Option<i32>,
    }
}

api_struct! {
    /// Optional deployment parameters that control how many tasks run during a deployment and the
    /// ordering of stopping and starting tasks.
    pub struct DeploymentConfiguration {
        /// The deployment circuit breaker can only be used for services using the rolling update (
        /// ECS ) deployment type.
        deployment_circuit_breaker "deploymentCircuitBreaker": Option<DeploymentCircuitBreaker>,
        /// If a service is using the rolling update ( ECS ) deployment type, the maximumPercent
        /// parameter represents an upper limit on the number of your service's tasks that are allowed
        /// in the RUNNING or PENDING state during a deployment, as a percentage of the desiredCount
        /// (rounded down to the nearest…
        maximum_percent "maximumPercent": Option<i32>,
        /// If a service is using the rolling update ( ECS ) deployment type, the
        /// minimumHealthyPercent represents a lower limit on the number of your service's tasks that
        /// must remain in the RUNNING state during a deployment, as a percentage of the desiredCount
        /// (rounded up to the nearest integer).
        minimum_healthy_percent "minimumHealthyPercent": Option<i32>,
        /// Information about the CloudWatch alarms.
        alarms "alarms": Option<DeploymentAlarms>,
        /// The deployment strategy for the service.
        strategy "strategy": Option<DeploymentStrategy>,
        /// The time period when both blue and green service revisions are running simultaneously
        /// after the production traffic has shifted.
        bake_time_in_minutes "bakeTimeInMinutes": Option<i32>,
        /// An array of deployment lifecycle hook objects to run custom logic or pause the deployment
        /// at specific stages of the deployment lifecycle.
        lifecycle_hooks "lifecycleHooks": Vec<DeploymentLifecycleHook>,
        /// Configuration for linear deployment strategy.
        linear_configuration "linearConfiguration": Option<LinearConfiguration>,
        /// Configuration for canary deployment strategy.
        canary_configuration "canaryConfiguration": Option<CanaryConfiguration>,
    }
}

api_struct! {
    /// The deployment circuit breaker can only be used for services using the rolling update (
    /// ECS ) deployment type.
    pub struct DeploymentCircuitBreaker {
        /// Determines whether to use the deployment circuit breaker logic for the service.
        enable "enable": bool,
        /// Determines whether to configure Amazon ECS to roll back the service if a service
        /// deployment fails.
        rollback "rollback": bool,
        /// Specifies whether the deployment circuit breaker resets its failure count when a task
        /// reaches a healthy state.
        reset_on_healthy_task "resetOnHealthyTask": Option<bool>,
        /// The threshold configuration that controls when the deployment circuit breaker triggers.
        threshold_configuration "thresholdConfiguration": Option<ThresholdConfiguration>,
    }
}

api_struct! {
    /// Defines the failure threshold that the deployment circuit breaker uses to monitor a
    /// deployment.
    pub struct ThresholdConfiguration {
        /// Determines how Amazon ECS uses value to calculate the failure threshold.
        r#type "type": ThresholdType,
        /// Specifies the integer that Amazon ECS uses to calculate the failure threshold.
        value "value": i32,
    }
}

api_struct! {
    /// One of the methods which provide a way for you to quickly identify when a deployment has
    /// failed, and then to optionally roll back the failure to the last working deployment.
    pub struct DeploymentAlarms {
        /// One or more CloudWatch alarm names.
        alarm_names "alarmNames": Vec<String>,
        /// Determines whether to configure Amazon ECS to roll back the service if a service
        /// deployment fails.
        rollback "rollback": bool,
        /// Determines whether to use the CloudWatch alarm option in the service deployment process.
        enable "enable": bool,
    }
}

api_struct! {
    /// A deployment lifecycle hook runs custom logic or pauses the deployment at specific stages
    /// of the deployment process.
    pub struct DeploymentLifecycleHook {
        /// The type of action the lifecycle hook performs.
        target_type "targetType": Option<DeploymentLifecycleHookTargetType>,
        /// The Amazon Resource Name (ARN) of the hook target.
        hook_target_arn "hookTargetArn": Option<String>,
        /// The Amazon Resource Name (ARN) of the IAM role that grants Amazon ECS permission to call
        /// Lambda functions on your behalf.
        role_arn "roleArn": Option<String>,
        /// The lifecycle stages at which to run the hook.
        lifecycle_stages "lifecycleStages": Vec<DeploymentLifecycleHookStage>,
        /// Use this field to specify custom parameters that Amazon ECS passes to your Lambda function
        /// on each invocation.
        hook_details "hookDetails": Option<serde_json::Value>,
        /// The timeout configuration for the lifecycle hook.
        timeout_configuration "timeoutConfiguration": Option<DeploymentLifecycleHookTimeoutConfiguration>,
    }
}

api_struct! {
    /// The timeout configuration for a deployment lifecycle hook.
    pub struct DeploymentLifecycleHookTimeoutConfiguration {
        /// The number of minutes Amazon ECS waits for the lifecycle hook to complete before taking
        /// the timeout action.
        timeout_in_minutes "timeoutInMinutes": Option<i32>,
        /// The action Amazon ECS takes when the lifecycle hook times out.
        action "action": Option<DeploymentLifecycleHookAction>,
    }
}

api_struct! {
    /// Configuration for linear deployment strategy that shifts production traffic in equal
    /// percentage increments with configurable wait times between each step until 100% of traffic
    /// is shifted to the new service revision.
    pub struct LinearConfiguration {
        /// The percentage of production traffic to shift in each step during a linear deployment.
        step_percent "stepPercent": Option<f64>,
        /// The amount of time in minutes to wait between each traffic shifting step during a linear
        /// deployment.
        step_bake_time_in_minutes "stepBakeTimeInMinutes": Option<i32>,
    }
}

api_struct! {
    /// Configuration for a canary deployment strategy that shifts a fixed percentage of traffic
    /// to the new service revision, waits for a specified bake time, then shifts the remaining
    /// traffic.
    pub struct CanaryConfiguration {
        /// The percentage of production traffic to shift to the new service revision during the
        /// canary phase.
        canary_percent "canaryPercent": Option<f64>,
        /// The amount of time in minutes to wait during the canary phase before shifting the
        /// remaining production traffic to the new service revision.
        canary_bake_time_in_minutes "canaryBakeTimeInMinutes": Option<i32>,
    }
}

api_struct! {
    /// An object representing a constraint on task placement.
    pub struct ServicePlacementConstraint {
        /// The type of constraint.
        r#type "type": Option<PlacementConstraintType>,
        /// A cluster query language expression to apply to the constraint.
        expression "expression": Option<String>,
    }
}

api_struct! {
    /// The task placement strategy for a task or service.
    pub struct PlacementStrategy {
        /// The type of placement strategy.
        r#type "type": Option<PlacementStrategyType>,
        /// The field to apply the placement strategy against.
        field "field": Option<String>,
    }
}

api_struct! {
    /// The network configuration for a task or service.
    pub struct NetworkConfiguration {
        /// The VPC subnets and security groups that are associated with a task.
        awsvpc_configuration "awsvpcConfiguration": Option<AwsVpcConfiguration>,
    }
}

api_struct! {
    /// An object representing the networking details for a task or service.
    pub struct AwsVpcConfiguration {
        /// The IDs of the subnets associated with the task or service.
        subnets "subnets": Vec<String>,
        /// The IDs of the security groups associated with the task or service.
        security_groups "securityGroups": Vec<String>,
        /// Whether the task's elastic network interface receives a public IP address.
        assign_public_ip "assignPublicIp": Option<AssignPublicIp>,
    }
}

api_struct! {
    /// The deployment controller to use for the service.
    pub struct DeploymentController {
        /// The deployment controller type to use.
        r#type "type": DeploymentControllerType,
    }
}

api_struct! {
    /// The Service Connect configuration of your Amazon ECS service.
    pub struct ServiceConnectConfiguration {
        /// Specifies whether to use Service Connect with this service.
        enabled "enabled": bool,
        /// The namespace name or full Amazon Resource Name (ARN) of the Cloud Map namespace for use
        /// with Service Connect.
        namespace "namespace": Option<String>,
        /// The list of Service Connect service objects.
        services "services": Vec<ServiceConnectService>,
        /// logConfiguration
        log_configuration "logConfiguration": Option<LogConfiguration>,
        /// The configuration for Service Connect access logging.
        access_log_configuration "accessLogConfiguration": Option<ServiceConnectAccessLogConfiguration>,
    }
}

api_struct! {
    /// The Service Connect service object configuration.
    pub struct ServiceConnectService {
        /// The portName must match the name of one of the portMappings from all the containers in the
        /// task definition of this Amazon ECS service.
        port_name "portName": String,
        /// The discoveryName is the name of the new Cloud Map service that Amazon ECS creates for
        /// this Amazon ECS service.
        discovery_name "discoveryName": Option<String>,
        /// The list of client aliases for this Service Connect service.
        client_aliases "clientAliases": Vec<ServiceConnectClientAlias>,
        /// The port number for the Service Connect proxy to listen on.
        ingress_port_override "ingressPortOverride": Option<i32>,
        /// A reference to an object that represents the configured timeouts for Service Connect.
        timeout "timeout": Option<TimeoutConfiguration>,
        /// A reference to an object that represents a Transport Layer Security (TLS) configuration.
        tls "tls": Option<ServiceConnectTlsConfiguration>,
    }
}

api_struct! {
    /// Each alias ("endpoint") is a fully-qualified name and port number that other tasks
    /// ("clients") can use to connect to this service.
    pub struct ServiceConnectClientAlias {
        /// The listening port number for the Service Connect proxy.
        port "port": i32,
        /// The dnsName is the name that you use in the applications of client tasks to connect to
        /// this service.
        dns_name "dnsName": Option<String>,
        /// The configuration for test traffic routing rules used during blue/green deployments with
        /// Amazon ECS Service Connect.
        test_traffic_rules "testTrafficRules": Option<ServiceConnectTestTrafficRules>,
    }
}

api_struct! {
    /// The test traffic routing configuration for Amazon ECS blue/green deployments.
    pub struct ServiceConnectTestTrafficRules {
        /// The HTTP header-based routing rules that determine which requests should be routed to the
        /// new service version during blue/green deployment testing.
        header "header": ServiceConnectTestTrafficHeaderRules,
    }
}

api_struct! {
    /// The HTTP header rules used to identify and route test traffic during Amazon ECS blue/green
    /// deployments.
    pub struct ServiceConnectTestTrafficHeaderRules {
        /// The name of the HTTP header to examine for test traffic routing.
        name "name": String,
        /// The header value matching configuration that determines how the HTTP header value is
        /// evaluated for test traffic routing decisions.
        value "value": Option<ServiceConnectTestTrafficHeaderMatchRules>,
    }
}

api_struct! {
    /// The header matching rules for test traffic routing in Amazon ECS blue/green deployments.
    pub struct ServiceConnectTestTrafficHeaderMatchRules {
        /// The exact value that the HTTP header must match for the test traffic routing rule to
        /// apply.
        exact "exact": String,
    }
}

api_struct! {
    /// An object that represents the timeout configurations for Service Connect.
    pub struct TimeoutConfiguration {
        /// The amount of time in seconds a connection will stay active while idle.
        idle_timeout_seconds "idleTimeoutSeconds": Option<i32>,
        /// The amount of time waiting for the upstream to respond with a complete response per
        /// request.
        per_request_timeout_seconds "perRequestTimeoutSeconds": Option<i32>,
    }
}

api_struct! {
    /// The key that encrypts and decrypts your resources for Service Connect TLS.
    pub struct ServiceConnectTlsConfiguration {
        /// The signer certificate authority.
        issuer_certificate_authority "issuerCertificateAuthority": ServiceConnectTlsCertificateAuthority,
        /// The Amazon Web Services Key Management Service key.
        kms_key "kmsKey": Option<String>,
        /// The Amazon Resource Name (ARN) of the IAM role that's associated with the Service Connect
        /// TLS.
        role_arn "roleArn": Option<String>,
    }
}

api_struct! {
    /// The certificate root authority that secures your service.
    pub struct ServiceConnectTlsCertificateAuthority {
        /// The ARN of the Amazon Web Services Private Certificate Authority certificate.
        aws_pca_authority_arn "awsPcaAuthorityArn": Option<String>,
    }
}

api_struct! {
    /// Configuration for Service Connect access logging.
    pub struct ServiceConnectAccessLogConfiguration {
        /// The format for Service Connect access log output.
        format "format": ServiceConnectAccessLoggingFormat,
        /// Specifies whether to include query parameters in Service Connect access logs.
        include_query_parameters "includeQueryParameters": Option<ServiceConnectIncludeQueryParameters>,
    }
}

api_struct! {
    /// The configuration for a volume specified in the task definition as a volume that is
    /// configured at launch time.
    pub struct ServiceVolumeConfiguration {
        /// The name of the volume.
        name "name": String,
        /// The configuration for the Amazon EBS volume that Amazon ECS creates and manages on your
        /// behalf.
        managed_ebs_volume "managedEBSVolume": Option<ServiceManagedEbsVolumeConfiguration>,
    }
}

api_struct! {
    /// The configuration for the Amazon EBS volume that Amazon ECS creates and manages on your
    /// behalf.
    pub struct ServiceManagedEbsVolumeConfiguration {
        /// Indicates whether the volume should be encrypted.
        encrypted "encrypted": Option<bool>,
        /// The Amazon Resource Name (ARN) identifier of the Amazon Web Services Key Management
        /// Service key to use for Amazon EBS encryption.
        kms_key_id "kmsKeyId": Option<String>,
        /// The volume type.
        volume_type "volumeType": Option<String>,
        /// The size of the volume in GiB.
        size_in_gi_b "sizeInGiB": Option<i32>,
        /// The snapshot that Amazon ECS uses to create volumes for attachment to tasks maintained by
        /// the service.
        snapshot_id "snapshotId": Option<String>,
        /// The rate, in MiB/s, at which data is fetched from a snapshot of an existing EBS volume to
        /// create new volumes for attachment to the tasks maintained by the service.
        volume_initialization_rate "volumeInitializationRate": Option<i32>,
        /// The number of I/O operations per second (IOPS).
        iops "iops": Option<i32>,
        /// The throughput to provision for a volume, in MiB/s, with a maximum of 1,000 MiB/s.
        throughput "throughput": Option<i32>,
        /// The tags to apply to the volume.
        tag_specifications "tagSpecifications": Vec<EbsTagSpecification>,
        /// The ARN of the IAM role to associate with this volume.
        role_arn "roleArn": String,
        /// The filesystem type for the volume.
        filesystem_type "filesystemType": Option<TaskFilesystemType>,
    }
}

api_struct! {
    /// The tag specifications of an Amazon EBS volume.
    pub struct EbsTagSpecification {
        /// The type of volume resource.
        resource_type "resourceType": EbsResourceType,
        /// The tags applied to this Amazon EBS volume.
        tags "tags": Vec<Tag>,
        /// Determines whether to propagate the tags from the task definition to the Amazon EBS
        /// volume.
        propagate_tags "propagateTags": Option<PropagateTags>,
    }
}

api_struct! {
    /// The VPC Lattice configuration for your service that holds the information for the target
    /// group(s) Amazon ECS tasks will be registered to.
    pub struct VpcLatticeConfiguration {
        /// The ARN of the IAM role to associate with this VPC Lattice configuration.
        role_arn "roleArn": String,
        /// The full Amazon Resource Name (ARN) of the target group or groups associated with the VPC
        /// Lattice configuration that the Amazon ECS tasks will be registered to.
        target_group_arn "targetGroupArn": String,
        /// The name of the port mapping to register in the VPC Lattice target group.
        port_name "portName": String,
    }
}

api_struct! {
    /// The optional monitoring configuration for a service, which defines the resolution for the
    /// service-level `CPUUtilization` and `MemoryUtilization` Amazon CloudWatch metrics.
    pub struct Monitoring {
        /// The list of metric configurations for the service monitoring.
        metric_configurations "metricConfigurations": Vec<MetricConfiguration>,
    }
}

api_struct! {
    /// The configuration for a specific set of metrics to collect for a service.
    pub struct MetricConfiguration {
        /// The list of metric names to configure.
        metric_names "metricNames": Vec<String>,
        /// The resolution, in seconds, at which to collect the metrics.
        resolution_seconds "resolutionSeconds": i32,
    }
}

api_enum! {
    /// A availability zone rebalancing.
    pub enum AvailabilityZoneRebalancing ("availability zone rebalancing") {
        /// `ENABLED`.
        Enabled = "ENABLED",
        /// `DISABLED`.
        Disabled = "DISABLED",
    }
}

api_enum! {
    /// A scheduling strategy.
    pub enum SchedulingStrategy ("scheduling strategy") {
        /// `REPLICA`.
        Replica = "REPLICA",
        /// `DAEMON`.
        Daemon = "DAEMON",
    }
}

api_enum! {
    /// A propagate tags.
    pub enum PropagateTags ("propagate tags") {
        /// `TASK_DEFINITION`.
        TaskDefinition = "TASK_DEFINITION",
        /// `SERVICE`.
        Service = "SERVICE",
        /// `NONE`.
        None = "NONE",
    }
}

api_enum! {
    /// A deployment strategy.
    pub enum DeploymentStrategy ("deployment strategy") {
        /// `ROLLING`.
        Rolling = "ROLLING",
        /// `BLUE_GREEN`.
        BlueGreen = "BLUE_GREEN",
        /// `LINEAR`.
        Linear = "LINEAR",
        /// `CANARY`.
        Canary = "CANARY",
    }
}

api_enum! {
    /// Determines how the deployment circuit breaker calculates the number of task failures
    /// tolerated before it triggers, based on the configured value .
    pub enum ThresholdType ("threshold type") {
        /// `COUNT`.
        Count = "COUNT",
        /// `BOUNDED_PERCENT`.
        BoundedPercent = "BOUNDED_PERCENT",
        /// `UNBOUNDED_PERCENT`.
        UnboundedPercent = "UNBOUNDED_PERCENT",
    }
}

api_enum! {
    /// A deployment lifecycle hook target type.
    pub enum DeploymentLifecycleHookTargetType ("deployment lifecycle hook target type") {
        /// `AWS_LAMBDA`.
        AwsLambda = "AWS_LAMBDA",
        /// `PAUSE`.
        Pause = "PAUSE",
    }
}

api_enum! {
    /// A deployment lifecycle hook stage.
    pub enum DeploymentLifecycleHookStage ("deployment lifecycle hook stage") {
        /// `RECONCILE_SERVICE`.
        ReconcileService = "RECONCILE_SERVICE",
        /// `PRE_SCALE_UP`.
        PreScaleUp = "PRE_SCALE_UP",
        /// `POST_SCALE_UP`.
        PostScaleUp = "POST_SCALE_UP",
        /// `TEST_TRAFFIC_SHIFT`.
        TestTrafficShift = "TEST_TRAFFIC_SHIFT",
        /// `POST_TEST_TRAFFIC_SHIFT`.
        PostTestTrafficShift = "POST_TEST_TRAFFIC_SHIFT",
        /// `PRE_PRODUCTION_TRAFFIC_SHIFT`.
        PreProductionTrafficShift = "PRE_PRODUCTION_TRAFFIC_SHIFT",
        /// `PRODUCTION_TRAFFIC_SHIFT`.
        ProductionTrafficShift = "PRODUCTION_TRAFFIC_SHIFT",
        /// `POST_PRODUCTION_TRAFFIC_SHIFT`.
        PostProductionTrafficShift = "POST_PRODUCTION_TRAFFIC_SHIFT",
    }
}

api_enum! {
    /// A deployment lifecycle hook action.
    pub enum DeploymentLifecycleHookAction ("deployment lifecycle hook action") {
        /// `ROLLBACK`.
        Rollback = "ROLLBACK",
        /// `CONTINUE`.
        Continue = "CONTINUE",
    }
}

api_enum! {
    /// A placement constraint type.
    pub enum PlacementConstraintType ("placement constraint type") {
        /// `distinctInstance`.
        DistinctInstance = "distinctInstance",
        /// `memberOf`.
        MemberOf = "memberOf",
    }
}

api_enum! {
    /// A placement strategy type.
    pub enum PlacementStrategyType ("placement strategy type") {
        /// `random`.
        Random = "random",
        /// `spread`.
        Spread = "spread",
        /// `binpack`.
        Binpack = "binpack",
    }
}

api_enum! {
    /// A assign public ip.
    pub enum AssignPublicIp ("public IP assignment") {
        /// `ENABLED`.
        Enabled = "ENABLED",
        /// `DISABLED`.
        Disabled = "DISABLED",
    }
}

api_enum! {
    /// A deployment controller type.
    pub enum DeploymentControllerType ("deployment controller type") {
        /// `ECS`.
        Ecs = "ECS",
        /// `CODE_DEPLOY`.
        CodeDeploy = "CODE_DEPLOY",
        /// `EXTERNAL`.
        External = "EXTERNAL",
    }
}

api_enum! {
    /// The format for Service Connect access log output.
    pub enum ServiceConnectAccessLoggingFormat ("service connect access logging format") {
        /// `TEXT`.
        Text = "TEXT",
        /// `JSON`.
        Json = "JSON",
    }
}

api_enum! {
    /// Controls whether query parameters are included in Service Connect access logs.
    pub enum ServiceConnectIncludeQueryParameters ("service connect include query parameters") {
        /// `DISABLED`.
        Disabled = "DISABLED",
        /// `ENABLED`.
        Enabled = "ENABLED",
    }
}

api_enum! {
    /// A task filesystem type.
    pub enum TaskFilesystemType ("task filesystem type") {
        /// `ext3`.
        Ext3 = "ext3",
        /// `ext4`.
        Ext4 = "ext4",
        /// `xfs`.
        Xfs = "xfs",
        /// `ntfs`.
        Ntfs = "ntfs",
    }
}

api_enum! {
    /// A ebsresource type.
    pub enum EbsResourceType ("EBS resource type") {
        /// `volume`.
        Volume = "volume",
    }
}
