//! Services: `CreateService` and `UpdateService` from the model, and the model from a
//! `DescribeServices` response.

use aws_sdk_ecs::operation::create_service::CreateServiceInput;
use aws_sdk_ecs::operation::create_service::builders::CreateServiceInputBuilder;
use aws_sdk_ecs::operation::update_service::UpdateServiceInput;
use aws_sdk_ecs::operation::update_service::builders::UpdateServiceInputBuilder;
use aws_sdk_ecs::types as sdk;
use ecs_model as model;
use ecs_model::Text;
use ecs_model::service::Service;

use super::{
    ConvertError, Fail, FromField, FromSdk, ToSdk, convert, enums, get_all, keep_unknown, no_extra,
    set_all,
};
use ecs_model::PathCursor;

enums! {
    model::Compatibility => sdk::LaunchType,
    model::service::SchedulingStrategy => sdk::SchedulingStrategy,
    model::service::PropagateTags => sdk::PropagateTags,
    model::service::AvailabilityZoneRebalancing => sdk::AvailabilityZoneRebalancing,
    model::service::DeploymentStrategy => sdk::DeploymentStrategy,
    model::service::DeploymentControllerType => sdk::DeploymentControllerType,
    model::service::DeploymentLifecycleHookAction => sdk::DeploymentLifecycleHookAction,
    model::service::DeploymentLifecycleHookStage => sdk::DeploymentLifecycleHookStage,
    model::service::DeploymentLifecycleHookTargetType => sdk::DeploymentLifecycleHookTargetType,
    model::service::AssignPublicIp => sdk::AssignPublicIp,
    model::service::EbsResourceType => sdk::EbsResourceType,
    model::service::PlacementStrategyType => sdk::PlacementStrategyType,
    model::service::PlacementConstraintType => sdk::PlacementConstraintType,
    model::service::ServiceConnectAccessLoggingFormat => sdk::ServiceConnectAccessLoggingFormat,
    model::service::ServiceConnectIncludeQueryParameters => sdk::ServiceConnectIncludeQueryParameters,
    model::service::TaskFilesystemType => sdk::TaskFilesystemType,
    model::service::ThresholdType => sdk::ThresholdType,
    model::service::ServiceRevisionCleanup => sdk::ServiceRevisionCleanup,
    model::service::ServiceConnectContainerLogLevel => sdk::ServiceConnectContainerLogLevel,
    model::service::GatewayConnectorHealthCheckProtocol => sdk::GatewayConnectorHealthCheckProtocol,
    model::service::AccessType => sdk::AccessType,
}

convert! {
    model::service::ServiceLoadBalancer => sdk::LoadBalancer {
        ["targetGroupArn" target_group_arn set_target_group_arn],
        ["loadBalancerName" load_balancer_name set_load_balancer_name],
        ["containerName" container_name set_container_name],
        ["containerPort" container_port set_container_port],
        ["advancedConfiguration" advanced_configuration set_advanced_configuration],
    }
    model::service::AdvancedConfiguration => sdk::AdvancedConfiguration {
        ["alternateTargetGroupArn" alternate_target_group_arn set_alternate_target_group_arn],
        ["productionListenerRule" production_listener_rule set_production_listener_rule],
        ["testListenerRule" test_listener_rule set_test_listener_rule],
        ["roleArn" role_arn set_role_arn],
    }
    model::service::ServiceRegistry => sdk::ServiceRegistry {
        ["registryArn" registry_arn set_registry_arn],
        ["port" port set_port],
        ["containerName" container_name set_container_name],
        ["containerPort" container_port set_container_port],
    }
    model::service::CapacityProviderStrategyItem => sdk::CapacityProviderStrategyItem {
        ["capacityProvider" capacity_provider set_capacity_provider],
        ["weight" weight set_weight],
        ["base" base set_base],
    }
    model::service::DeploymentConfiguration => sdk::DeploymentConfiguration {
        ["deploymentCircuitBreaker" deployment_circuit_breaker set_deployment_circuit_breaker],
        ["maximumPercent" maximum_percent set_maximum_percent],
        ["minimumHealthyPercent" minimum_healthy_percent set_minimum_healthy_percent],
        ["alarms" alarms set_alarms],
        ["strategy" strategy set_strategy],
        ["bakeTimeInMinutes" bake_time_in_minutes set_bake_time_in_minutes],
        ["lifecycleHooks" lifecycle_hooks set_lifecycle_hooks],
        ["linearConfiguration" linear_configuration set_linear_configuration],
        ["canaryConfiguration" canary_configuration set_canary_configuration],
        ["earlySuccessCriteria" early_success_criteria set_early_success_criteria],
    }
    model::service::DeploymentEarlySuccessCriteria => sdk::DeploymentEarlySuccessCriteria {
        ["enable" enable set_enable],
        ["healthyPercent" healthy_percent set_healthy_percent],
        ["sourceServiceRevisionCleanup" source_service_revision_cleanup set_source_service_revision_cleanup],
    }
    model::service::DeploymentCircuitBreaker => sdk::DeploymentCircuitBreaker {
        ["enable" enable set_enable],
        ["rollback" rollback set_rollback],
        ["resetOnHealthyTask" reset_on_healthy_task set_reset_on_healthy_task],
        ["thresholdConfiguration" threshold_configuration set_threshold_configuration],
    }
    model::service::ThresholdConfiguration => sdk::ThresholdConfiguration {
        ["type" r#type set_type],
        ["value" value set_value],
    }
    model::service::DeploymentAlarms => sdk::DeploymentAlarms {
        ["alarmNames" alarm_names set_alarm_names],
        ["rollback" rollback set_rollback],
        ["enable" enable set_enable],
    }
    model::service::DeploymentLifecycleHook => sdk::DeploymentLifecycleHook {
        ["targetType" target_type set_target_type],
        ["hookTargetArn" hook_target_arn set_hook_target_arn],
        ["roleArn" role_arn set_role_arn],
        ["lifecycleStages" lifecycle_stages set_lifecycle_stages],
        ["hookDetails" hook_details set_hook_details],
        ["timeoutConfiguration" timeout_configuration set_timeout_configuration],
    }
    model::service::DeploymentLifecycleHookTimeoutConfiguration => sdk::DeploymentLifecycleHookTimeoutConfiguration {
        ["timeoutInMinutes" timeout_in_minutes set_timeout_in_minutes],
        ["action" action set_action],
    }
    model::service::LinearConfiguration => sdk::LinearConfiguration {
        ["stepPercent" step_percent set_step_percent],
        ["stepBakeTimeInMinutes" step_bake_time_in_minutes set_step_bake_time_in_minutes],
    }
    model::service::CanaryConfiguration => sdk::CanaryConfiguration {
        ["canaryPercent" canary_percent set_canary_percent],
        ["canaryBakeTimeInMinutes" canary_bake_time_in_minutes set_canary_bake_time_in_minutes],
    }
    model::service::ServicePlacementConstraint => sdk::PlacementConstraint {
        ["type" r#type set_type],
        ["expression" expression set_expression],
    }
    model::service::PlacementStrategy => sdk::PlacementStrategy {
        ["type" r#type set_type],
        ["field" field set_field],
    }
    model::service::NetworkConfiguration => sdk::NetworkConfiguration {
        ["awsvpcConfiguration" awsvpc_configuration set_awsvpc_configuration],
    }
    model::service::AwsVpcConfiguration => sdk::AwsVpcConfiguration {
        ["subnets" subnets set_subnets],
        ["securityGroups" security_groups set_security_groups],
        ["assignPublicIp" assign_public_ip set_assign_public_ip],
    }
    model::service::DeploymentController => sdk::DeploymentController {
        ["type" r#type set_type],
    }
    model::service::ServiceConnectConfiguration => sdk::ServiceConnectConfiguration {
        ["enabled" enabled set_enabled],
        ["namespace" namespace set_namespace],
        ["services" services set_services],
        ["logConfiguration" log_configuration set_log_configuration],
        ["accessLogConfiguration" access_log_configuration set_access_log_configuration],
        ["containerConfigurations" container_configurations set_container_configurations],
    }
    model::service::ServiceConnectService => sdk::ServiceConnectService {
        ["portName" port_name set_port_name],
        ["discoveryName" discovery_name set_discovery_name],
        ["clientAliases" client_aliases set_client_aliases],
        ["ingressPortOverride" ingress_port_override set_ingress_port_override],
        ["timeout" timeout set_timeout],
        ["tls" tls set_tls],
    }
    model::service::ServiceConnectClientAlias => sdk::ServiceConnectClientAlias {
        ["port" port set_port],
        ["dnsName" dns_name set_dns_name],
        ["testTrafficRules" test_traffic_rules set_test_traffic_rules],
    }
    model::service::ServiceConnectTestTrafficRules => sdk::ServiceConnectTestTrafficRules {
        ["header" header set_header],
    }
    model::service::ServiceConnectTestTrafficHeaderRules => sdk::ServiceConnectTestTrafficHeaderRules {
        ["name" name set_name],
        ["value" value set_value],
    }
    model::service::ServiceConnectTestTrafficHeaderMatchRules => sdk::ServiceConnectTestTrafficHeaderMatchRules {
        ["exact" exact set_exact],
    }
    model::service::TimeoutConfiguration => sdk::TimeoutConfiguration {
        ["idleTimeoutSeconds" idle_timeout_seconds set_idle_timeout_seconds],
        ["perRequestTimeoutSeconds" per_request_timeout_seconds set_per_request_timeout_seconds],
    }
    model::service::ServiceConnectTlsConfiguration => sdk::ServiceConnectTlsConfiguration {
        ["issuerCertificateAuthority" issuer_certificate_authority set_issuer_certificate_authority],
        ["kmsKey" kms_key set_kms_key],
        ["roleArn" role_arn set_role_arn],
    }
    model::service::ServiceConnectTlsCertificateAuthority => sdk::ServiceConnectTlsCertificateAuthority {
        ["awsPcaAuthorityArn" aws_pca_authority_arn set_aws_pca_authority_arn],
    }
    model::service::ServiceConnectAccessLogConfiguration => sdk::ServiceConnectAccessLogConfiguration {
        ["format" format set_format],
        ["includeQueryParameters" include_query_parameters set_include_query_parameters],
    }
    model::service::ServiceVolumeConfiguration => sdk::ServiceVolumeConfiguration {
        ["name" name set_name],
        ["managedEBSVolume" managed_ebs_volume set_managed_ebs_volume],
    }
    model::service::ServiceManagedEbsVolumeConfiguration => sdk::ServiceManagedEbsVolumeConfiguration {
        ["encrypted" encrypted set_encrypted],
        ["kmsKeyId" kms_key_id set_kms_key_id],
        ["volumeType" volume_type set_volume_type],
        ["sizeInGiB" size_in_gib => size_in_gib set_size_in_gib],
        ["snapshotId" snapshot_id set_snapshot_id],
        ["volumeInitializationRate" volume_initialization_rate set_volume_initialization_rate],
        ["iops" iops set_iops],
        ["throughput" throughput set_throughput],
        ["tagSpecifications" tag_specifications set_tag_specifications],
        ["roleArn" role_arn set_role_arn],
        ["filesystemType" filesystem_type set_filesystem_type],
    }
    model::service::EbsTagSpecification => sdk::EbsTagSpecification {
        ["resourceType" resource_type set_resource_type],
        ["tags" tags set_tags],
        ["propagateTags" propagate_tags set_propagate_tags],
    }
    model::service::VpcLatticeConfiguration => sdk::VpcLatticeConfiguration {
        ["roleArn" role_arn set_role_arn],
        ["targetGroupArn" target_group_arn set_target_group_arn],
        ["portName" port_name set_port_name],
        ["advancedConfiguration" advanced_configuration set_advanced_configuration],
    }
    model::service::VpcLatticeAdvancedConfiguration => sdk::VpcLatticeAdvancedConfiguration {
        ["alternateTargetGroupArn" alternate_target_group_arn set_alternate_target_group_arn],
        ["productionListenerRule" production_listener_rule set_production_listener_rule],
        ["testListenerRule" test_listener_rule set_test_listener_rule],
    }
    model::service::GatewayConnector => sdk::GatewayConnector {
        ["portName" port_name set_port_name],
        ["healthCheck" health_check set_health_check],
        ["filters" filters set_filters],
        ["deregistrationDelay" deregistration_delay not_in_sdk],
    }
    model::service::GatewayConnectorHealthCheck => sdk::GatewayConnectorHealthCheck {
        ["healthCheckProtocol" health_check_protocol set_health_check_protocol],
        ["healthCheckPort" health_check_port set_health_check_port],
        ["healthCheckPath" health_check_path set_health_check_path],
        ["healthCheckTimeoutSeconds" health_check_timeout_seconds set_health_check_timeout_seconds],
        ["healthCheckIntervalSeconds" health_check_interval_seconds set_health_check_interval_seconds],
        ["healthyThresholdCount" healthy_threshold_count set_healthy_threshold_count],
        ["unhealthyThresholdCount" unhealthy_threshold_count set_unhealthy_threshold_count],
        ["matcher" matcher set_matcher],
    }
    model::service::GatewayConnectorHealthCheckMatcher => sdk::GatewayConnectorHealthCheckMatcher {
        ["httpCode" http_code set_http_code],
        ["grpcCode" grpc_code set_grpc_code],
    }
    model::service::GatewayConnectorFilters => sdk::GatewayConnectorFilters {
        ["accessTypes" access_types set_access_types],
    }
    model::service::Monitoring => sdk::MonitoringConfiguration {
        ["metricConfigurations" metric_configurations set_metric_configurations],
    }
    model::service::MetricConfiguration => sdk::MetricConfiguration {
        ["metricNames" metric_names set_metric_names],
        ["resolutionSeconds" resolution_seconds set_resolution_seconds],
    }

}

/// The SDK's proxy setting is a union of one member; the model's a structure of one optional
/// member, as the API's JSON is.
impl ToSdk<sdk::ServiceConnectContainerConfiguration>
    for model::service::ServiceConnectContainerConfiguration
{
    fn to_sdk(
        &self,
        at: PathCursor<'_>,
    ) -> Result<sdk::ServiceConnectContainerConfiguration, ConvertError> {
        no_extra(&self.extra, at)?;
        match self.log_level {
            Some(level) => Ok(sdk::ServiceConnectContainerConfiguration::LogLevel(
                level.to_sdk(at.key("logLevel"))?,
            )),
            None => Err(at.fail("a proxy setting sets exactly one member (`logLevel`)")),
        }
    }
}

impl FromSdk<sdk::ServiceConnectContainerConfiguration>
    for model::service::ServiceConnectContainerConfiguration
{
    fn from_sdk(
        sdk: &sdk::ServiceConnectContainerConfiguration,
        at: PathCursor<'_>,
    ) -> Result<Self, ConvertError> {
        match sdk {
            sdk::ServiceConnectContainerConfiguration::LogLevel(level) => {
                let mut setting = Self::default();
                match FromSdk::from_sdk(level, at.key("logLevel")) {
                    Ok(level) => setting.log_level = Some(level),
                    Err(error) => keep_unknown(&mut setting.extra, "logLevel", at, error)?,
                }
                Ok(setting)
            }
            _ => Err(at.fail("a proxy setting newer than the AWS SDK crate")),
        }
    }
}
crate::convert::required!(
    model::service::ServiceConnectContainerConfiguration => sdk::ServiceConnectContainerConfiguration
);

/// Applies `$apply!` to the members `UpdateService` takes (and `CreateService` too).
macro_rules! updatable_members {
    ($apply:ident, $($args:tt)*) => {
        $apply!($($args)*,
            ["cluster" cluster set_cluster]
            ["taskDefinition" task_definition set_task_definition]
            ["availabilityZoneRebalancing" availability_zone_rebalancing set_availability_zone_rebalancing]
            ["loadBalancers" load_balancers set_load_balancers]
            ["serviceRegistries" service_registries set_service_registries]
            ["desiredCount" desired_count set_desired_count]
            ["capacityProviderStrategy" capacity_provider_strategy set_capacity_provider_strategy]
            ["platformVersion" platform_version set_platform_version]
            ["deploymentConfiguration" deployment_configuration set_deployment_configuration]
            ["placementConstraints" placement_constraints set_placement_constraints]
            ["placementStrategy" placement_strategy set_placement_strategy]
            ["networkConfiguration" network_configuration set_network_configuration]
            ["healthCheckGracePeriodSeconds" health_check_grace_period_seconds set_health_check_grace_period_seconds]
            ["deploymentController" deployment_controller set_deployment_controller]
            ["enableECSManagedTags" enable_ecs_managed_tags set_enable_ecs_managed_tags]
            ["propagateTags" propagate_tags set_propagate_tags]
            ["enableExecuteCommand" enable_execute_command set_enable_execute_command]
            ["serviceConnectConfiguration" service_connect_configuration set_service_connect_configuration]
            ["volumeConfigurations" volume_configurations set_volume_configurations]
            ["vpcLatticeConfigurations" vpc_lattice_configurations set_vpc_lattice_configurations]
            ["monitoring" monitoring set_monitoring]
            ["gatewayConnectors" gateway_connectors set_gateway_connectors]
        );
    };
}

/// Applies `$apply!` to the members only `CreateService` takes: changing one means a new
/// service (`ECS-J16`).
macro_rules! create_only_members {
    ($apply:ident, $($args:tt)*) => {
        $apply!($($args)*,
            ["serviceName" service_name set_service_name]
            ["clientToken" client_token set_client_token]
            ["launchType" launch_type set_launch_type]
            ["role" role set_role]
            ["schedulingStrategy" scheduling_strategy set_scheduling_strategy]
            ["tags" tags set_tags]
        );
    };
}

/// The `CreateService` request for `service`.
///
/// # Errors
/// When `service` holds keys kept by a lenient parse, which the SDK has no field for.
pub fn create_service(service: &Service) -> Result<CreateServiceInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&service.extra, at)?;
    let builder = CreateServiceInput::builder();
    updatable_members!(set_all, builder, service, at);
    create_only_members!(set_all, builder, service, at);
    Ok(builder)
}

/// The model of a `CreateService` request.
///
/// # Errors
/// When the request holds a value the model does not know.
pub fn service_from_input(input: &CreateServiceInput) -> Result<Service, ConvertError> {
    let at = PathCursor::ROOT;
    let mut service = Service::default();
    updatable_members!(get_all, service, input, at);
    create_only_members!(get_all, service, input, at);
    Ok(service)
}

/// The `UpdateService` request that makes the service what `service` says (every member
/// `UpdateService` takes; the create-only ones cannot change), starting a new deployment when
/// `force_new_deployment` (a capacity-provider strategy change needs one, `ECS-J5`).
///
/// # Errors
/// As [`create_service`].
pub fn update_service(
    service: &Service,
    force_new_deployment: bool,
) -> Result<UpdateServiceInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&service.extra, at)?;
    let builder = UpdateServiceInput::builder().service(&service.service_name);
    updatable_members!(set_all, builder, service, at);
    Ok(builder.set_force_new_deployment(force_new_deployment.then_some(true)))
}

/// The model of a described service (`DescribeServices`). ECS answers with ARNs where the
/// request named things (`clusterArn`, `roleArn`, the task definition's ARN), and keeps Service
/// Connect, volumes and VPC Lattice on the primary deployment: they are read from there.
///
/// # Errors
/// When the response holds a value the model does not know.
pub fn service_from_sdk(described: &sdk::Service) -> Result<Service, ConvertError> {
    let at = PathCursor::ROOT;
    let mut service = Service::default();
    service.service_name = FromField::from_field(&described.service_name, at.key("serviceName"))?;
    service.cluster = described.cluster_arn.as_deref().map(Text::from);
    service.role = described.role_arn.as_deref().map(Text::from);
    service.desired_count = Some(described.desired_count);
    service.enable_execute_command = Some(described.enable_execute_command);
    service.enable_ecs_managed_tags = Some(described.enable_ecs_managed_tags);
    get_all!(service, described, at,
        ["taskDefinition" task_definition set_task_definition]
        ["availabilityZoneRebalancing" availability_zone_rebalancing set_availability_zone_rebalancing]
        ["loadBalancers" load_balancers set_load_balancers]
        ["serviceRegistries" service_registries set_service_registries]
        ["launchType" launch_type set_launch_type]
        ["capacityProviderStrategy" capacity_provider_strategy set_capacity_provider_strategy]
        ["platformVersion" platform_version set_platform_version]
        ["deploymentConfiguration" deployment_configuration set_deployment_configuration]
        ["placementConstraints" placement_constraints set_placement_constraints]
        ["placementStrategy" placement_strategy set_placement_strategy]
        ["networkConfiguration" network_configuration set_network_configuration]
        ["healthCheckGracePeriodSeconds" health_check_grace_period_seconds set_health_check_grace_period_seconds]
        ["schedulingStrategy" scheduling_strategy set_scheduling_strategy]
        ["deploymentController" deployment_controller set_deployment_controller]
        ["tags" tags set_tags]
        ["propagateTags" propagate_tags set_propagate_tags]
    );
    let primary = described
        .deployments
        .iter()
        .flatten()
        .find(|d| d.status.as_deref() == Some("PRIMARY"));
    if let Some(primary) = primary {
        let at = at.key("deployments");
        get_all!(service, primary, at,
            ["serviceConnectConfiguration" service_connect_configuration set_service_connect_configuration]
            ["volumeConfigurations" volume_configurations set_volume_configurations]
            ["vpcLatticeConfigurations" vpc_lattice_configurations set_vpc_lattice_configurations]
        );
    }
    Ok(service)
}

/// What only a service revision (`DescribeServiceRevisions`) says about a service: its
/// `monitoring` and gateway connectors, read into the model of its `DescribeServices` answer.
///
/// # Errors
/// When the revision holds a value the model does not know.
pub fn apply_service_revision(
    service: &mut Service,
    revision: &sdk::ServiceRevision,
) -> Result<(), ConvertError> {
    let at = PathCursor::ROOT.key("serviceRevisions");
    get_all!(service, revision, at,
        ["monitoring" monitoring set_monitoring]
        ["gatewayConnectors" gateway_connectors set_gateway_connectors]
    );
    Ok(())
}
