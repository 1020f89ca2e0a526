//! Load balancers, target groups, listeners and rules: the ELBv2 `Create…` requests from the
//! model, and the model from the `Describe…` responses.

use aws_sdk_elasticloadbalancingv2::operation::create_listener::CreateListenerInput;
use aws_sdk_elasticloadbalancingv2::operation::create_listener::builders::CreateListenerInputBuilder;
use aws_sdk_elasticloadbalancingv2::operation::create_load_balancer::CreateLoadBalancerInput;
use aws_sdk_elasticloadbalancingv2::operation::create_load_balancer::builders::CreateLoadBalancerInputBuilder;
use aws_sdk_elasticloadbalancingv2::operation::create_rule::CreateRuleInput;
use aws_sdk_elasticloadbalancingv2::operation::create_rule::builders::CreateRuleInputBuilder;
use aws_sdk_elasticloadbalancingv2::operation::create_target_group::CreateTargetGroupInput;
use aws_sdk_elasticloadbalancingv2::operation::create_target_group::builders::CreateTargetGroupInputBuilder;
use aws_sdk_elasticloadbalancingv2::operation::modify_listener::ModifyListenerInput;
use aws_sdk_elasticloadbalancingv2::operation::modify_listener::builders::ModifyListenerInputBuilder;
use aws_sdk_elasticloadbalancingv2::operation::modify_rule::ModifyRuleInput;
use aws_sdk_elasticloadbalancingv2::operation::modify_rule::builders::ModifyRuleInputBuilder;
use aws_sdk_elasticloadbalancingv2::operation::modify_target_group::ModifyTargetGroupInput;
use aws_sdk_elasticloadbalancingv2::operation::modify_target_group::builders::ModifyTargetGroupInputBuilder;
use aws_sdk_elasticloadbalancingv2::operation::modify_target_group_attributes::ModifyTargetGroupAttributesInput;
use aws_sdk_elasticloadbalancingv2::operation::modify_target_group_attributes::builders::ModifyTargetGroupAttributesInputBuilder;
use aws_sdk_elasticloadbalancingv2::types as sdk;
use ecs_model as model;
use ecs_model::Text;
use ecs_model::alb::{Listener, ListenerRule, LoadBalancer, TargetGroup};

use super::{
    ConvertError, Fail, FromField, convert, enums, get_all, no_extra, set_all, set_member,
};
use ecs_model::PathCursor;

enums! {
    model::alb::Scheme => sdk::LoadBalancerSchemeEnum,
    model::alb::LoadBalancerType => sdk::LoadBalancerTypeEnum,
    model::alb::IpAddressType => sdk::IpAddressType,
    model::alb::EnablePrefixForIpv6SourceNat => sdk::EnablePrefixForIpv6SourceNatEnum,
    model::alb::Protocol => sdk::ProtocolEnum,
    model::alb::TargetType => sdk::TargetTypeEnum,
    model::alb::TargetGroupIpAddressType => sdk::TargetGroupIpAddressTypeEnum,
    model::alb::ActionType => sdk::ActionTypeEnum,
    model::alb::AdvertiseTrustStoreCaNames => sdk::AdvertiseTrustStoreCaNamesEnum,
    model::alb::AuthenticateCognitoActionConditionalBehavior => sdk::AuthenticateCognitoActionConditionalBehaviorEnum,
    model::alb::AuthenticateOidcActionConditionalBehavior => sdk::AuthenticateOidcActionConditionalBehaviorEnum,
    model::alb::JwtValidationActionAdditionalClaimFormat => sdk::JwtValidationActionAdditionalClaimFormatEnum,
    model::alb::RedirectActionStatusCode => sdk::RedirectActionStatusCodeEnum,
    model::alb::SourceIpAddressType => sdk::SourceIpAddressTypeEnum,
    model::alb::TransformType => sdk::TransformTypeEnum,
    model::alb::TrustStoreAssociationStatus => sdk::TrustStoreAssociationStatusEnum,
}

convert! {
    model::alb::SubnetMapping => sdk::SubnetMapping {
        ["SubnetId" subnet_id set_subnet_id],
        ["AllocationId" allocation_id set_allocation_id],
        ["PrivateIPv4Address" private_ipv4_address set_private_ipv4_address],
        ["IPv6Address" ipv6_address set_ipv6_address],
        ["SourceNatIpv6Prefix" source_nat_ipv6_prefix set_source_nat_ipv6_prefix],
    }
    model::Tag => sdk::Tag {
        ["Key" key set_key],
        ["Value" value set_value],
    }
    model::alb::IpamPools => sdk::IpamPools {
        ["Ipv4IpamPoolId" ipv4_ipam_pool_id set_ipv4_ipam_pool_id],
    }
    model::alb::Matcher => sdk::Matcher {
        ["HttpCode" http_code set_http_code],
        ["GrpcCode" grpc_code set_grpc_code],
    }
    model::alb::Certificate => sdk::Certificate {
        ["CertificateArn" certificate_arn set_certificate_arn],
        ["IsDefault" is_default set_is_default],
    }
    model::alb::Action => sdk::Action {
        ["Type" r#type set_type],
        ["TargetGroupArn" target_group_arn set_target_group_arn],
        ["AuthenticateOidcConfig" authenticate_oidc_config set_authenticate_oidc_config],
        ["AuthenticateCognitoConfig" authenticate_cognito_config set_authenticate_cognito_config],
        ["Order" order set_order],
        ["RedirectConfig" redirect_config set_redirect_config],
        ["FixedResponseConfig" fixed_response_config set_fixed_response_config],
        ["ForwardConfig" forward_config set_forward_config],
        ["JwtValidationConfig" jwt_validation_config set_jwt_validation_config],
    }
    model::alb::AuthenticateOidcActionConfig => sdk::AuthenticateOidcActionConfig {
        ["Issuer" issuer set_issuer],
        ["AuthorizationEndpoint" authorization_endpoint set_authorization_endpoint],
        ["TokenEndpoint" token_endpoint set_token_endpoint],
        ["UserInfoEndpoint" user_info_endpoint set_user_info_endpoint],
        ["ClientId" client_id set_client_id],
        ["ClientSecret" client_secret set_client_secret],
        ["SessionCookieName" session_cookie_name set_session_cookie_name],
        ["Scope" scope set_scope],
        ["SessionTimeout" session_timeout set_session_timeout],
        ["AuthenticationRequestExtraParams" authentication_request_extra_params set_authentication_request_extra_params],
        ["OnUnauthenticatedRequest" on_unauthenticated_request set_on_unauthenticated_request],
        ["UseExistingClientSecret" use_existing_client_secret set_use_existing_client_secret],
    }
    model::alb::AuthenticateCognitoActionConfig => sdk::AuthenticateCognitoActionConfig {
        ["UserPoolArn" user_pool_arn set_user_pool_arn],
        ["UserPoolClientId" user_pool_client_id set_user_pool_client_id],
        ["UserPoolDomain" user_pool_domain set_user_pool_domain],
        ["SessionCookieName" session_cookie_name set_session_cookie_name],
        ["Scope" scope set_scope],
        ["SessionTimeout" session_timeout set_session_timeout],
        ["AuthenticationRequestExtraParams" authentication_request_extra_params set_authentication_request_extra_params],
        ["OnUnauthenticatedRequest" on_unauthenticated_request set_on_unauthenticated_request],
    }
    model::alb::RedirectActionConfig => sdk::RedirectActionConfig {
        ["Protocol" protocol set_protocol],
        ["Port" port set_port],
        ["Host" host set_host],
        ["Path" path set_path],
        ["Query" query set_query],
        ["StatusCode" status_code set_status_code],
    }
    model::alb::FixedResponseActionConfig => sdk::FixedResponseActionConfig {
        ["MessageBody" message_body set_message_body],
        ["StatusCode" status_code set_status_code],
        ["ContentType" content_type set_content_type],
    }
    model::alb::ForwardActionConfig => sdk::ForwardActionConfig {
        ["TargetGroups" target_groups set_target_groups],
        ["TargetGroupStickinessConfig" target_group_stickiness_config set_target_group_stickiness_config],
    }
    model::alb::TargetGroupTuple => sdk::TargetGroupTuple {
        ["TargetGroupArn" target_group_arn set_target_group_arn],
        ["Weight" weight set_weight],
    }
    model::alb::TargetGroupStickinessConfig => sdk::TargetGroupStickinessConfig {
        ["Enabled" enabled set_enabled],
        ["DurationSeconds" duration_seconds set_duration_seconds],
    }
    model::alb::JwtValidationActionConfig => sdk::JwtValidationActionConfig {
        ["JwksEndpoint" jwks_endpoint set_jwks_endpoint],
        ["Issuer" issuer set_issuer],
        ["AdditionalClaims" additional_claims set_additional_claims],
    }
    model::alb::JwtValidationActionAdditionalClaim => sdk::JwtValidationActionAdditionalClaim {
        ["Format" format set_format],
        ["Name" name set_name],
        ["Values" values set_values],
    }
    model::alb::MutualAuthenticationAttributes => sdk::MutualAuthenticationAttributes {
        ["Mode" mode set_mode],
        ["TrustStoreArn" trust_store_arn set_trust_store_arn],
        ["IgnoreClientCertificateExpiry" ignore_client_certificate_expiry set_ignore_client_certificate_expiry],
        ["TrustStoreAssociationStatus" trust_store_association_status set_trust_store_association_status],
        ["AdvertiseTrustStoreCaNames" advertise_trust_store_ca_names set_advertise_trust_store_ca_names],
        ["ClientCertificateIdentityFilters" client_certificate_identity_filters not_in_sdk],
    }
    model::alb::RuleCondition => sdk::RuleCondition {
        ["Field" field set_field],
        ["Values" values set_values],
        ["HostHeaderConfig" host_header_config set_host_header_config],
        ["PathPatternConfig" path_pattern_config set_path_pattern_config],
        ["HttpHeaderConfig" http_header_config set_http_header_config],
        ["QueryStringConfig" query_string_config set_query_string_config],
        ["HttpRequestMethodConfig" http_request_method_config set_http_request_method_config],
        ["SourceIpConfig" source_ip_config set_source_ip_config],
        ["RegexValues" regex_values set_regex_values],
    }
    model::alb::HostHeaderConditionConfig => sdk::HostHeaderConditionConfig {
        ["Values" values set_values],
        ["RegexValues" regex_values set_regex_values],
    }
    model::alb::PathPatternConditionConfig => sdk::PathPatternConditionConfig {
        ["Values" values set_values],
        ["RegexValues" regex_values set_regex_values],
    }
    model::alb::HttpHeaderConditionConfig => sdk::HttpHeaderConditionConfig {
        ["HttpHeaderName" http_header_name set_http_header_name],
        ["Values" values set_values],
        ["RegexValues" regex_values set_regex_values],
    }
    model::alb::QueryStringConditionConfig => sdk::QueryStringConditionConfig {
        ["Values" values set_values],
    }
    model::alb::QueryStringKeyValuePair => sdk::QueryStringKeyValuePair {
        ["Key" key set_key],
        ["Value" value set_value],
    }
    model::alb::HttpRequestMethodConditionConfig => sdk::HttpRequestMethodConditionConfig {
        ["Values" values set_values],
    }
    model::alb::SourceIpConditionConfig => sdk::SourceIpConditionConfig {
        ["Values" values set_values],
        ["IpAddressType" ip_address_type set_ip_address_type],
    }
    model::alb::RuleTransform => sdk::RuleTransform {
        ["Type" r#type set_type],
        ["HostHeaderRewriteConfig" host_header_rewrite_config set_host_header_rewrite_config],
        ["UrlRewriteConfig" url_rewrite_config set_url_rewrite_config],
    }
    model::alb::HostHeaderRewriteConfig => sdk::HostHeaderRewriteConfig {
        ["Rewrites" rewrites set_rewrites],
    }
    model::alb::RewriteConfig => sdk::RewriteConfig {
        ["Regex" regex set_regex],
        ["Replace" replace set_replace],
    }
    model::alb::UrlRewriteConfig => sdk::UrlRewriteConfig {
        ["Rewrites" rewrites set_rewrites],
    }
    model::alb::TargetGroupAttribute => sdk::TargetGroupAttribute {
        ["Key" key set_key],
        ["Value" value set_value],
    }

}

/// The `CreateLoadBalancer` request for `lb`.
///
/// # Errors
/// When `lb` holds keys kept by a lenient parse.
pub fn create_load_balancer(
    lb: &LoadBalancer,
) -> Result<CreateLoadBalancerInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&lb.extra, at)?;
    let builder = CreateLoadBalancerInput::builder();
    set_all!(builder, lb, at,
        ["Name" name set_name]
        ["Subnets" subnets set_subnets]
        ["SubnetMappings" subnet_mappings set_subnet_mappings]
        ["SecurityGroups" security_groups set_security_groups]
        ["Scheme" scheme set_scheme]
        ["Tags" tags set_tags]
        ["Type" r#type set_type]
        ["IpAddressType" ip_address_type set_ip_address_type]
        ["CustomerOwnedIpv4Pool" customer_owned_ipv4_pool set_customer_owned_ipv4_pool]
        ["EnablePrefixForIpv6SourceNat" enable_prefix_for_ipv6_source_nat set_enable_prefix_for_ipv6_source_nat]
        ["IpamPools" ipam_pools set_ipam_pools]
    );
    Ok(builder)
}

/// The model of a described load balancer: its subnets are those of its Availability Zones.
/// Tags come apart (`DescribeTags`) and are left empty.
///
/// # Errors
/// When the response holds a value the model does not know.
pub fn load_balancer_from_sdk(described: &sdk::LoadBalancer) -> Result<LoadBalancer, ConvertError> {
    let at = PathCursor::ROOT;
    let mut lb = LoadBalancer::default();
    lb.name = FromField::from_field(&described.load_balancer_name, at.key("Name"))?;
    lb.subnets = described
        .availability_zones
        .iter()
        .flatten()
        .filter_map(|az| az.subnet_id.as_deref().map(Text::from))
        .collect();
    get_all!(lb, described, at,
        ["SecurityGroups" security_groups set_security_groups]
        ["Scheme" scheme set_scheme]
        ["Type" r#type set_type]
        ["IpAddressType" ip_address_type set_ip_address_type]
        ["CustomerOwnedIpv4Pool" customer_owned_ipv4_pool set_customer_owned_ipv4_pool]
        ["EnablePrefixForIpv6SourceNat" enable_prefix_for_ipv6_source_nat set_enable_prefix_for_ipv6_source_nat]
        ["IpamPools" ipam_pools set_ipam_pools]
    );
    Ok(lb)
}

/// Applies `$apply!` to the members `CreateTargetGroup` and the described target group share.
macro_rules! target_group_members {
    ($apply:ident, $($args:tt)*) => {
        $apply!($($args)*,
            ["Protocol" protocol set_protocol]
            ["ProtocolVersion" protocol_version set_protocol_version]
            ["Port" port set_port]
            ["VpcId" vpc_id set_vpc_id]
            ["HealthCheckProtocol" health_check_protocol set_health_check_protocol]
            ["HealthCheckPort" health_check_port set_health_check_port]
            ["HealthCheckEnabled" health_check_enabled set_health_check_enabled]
            ["HealthCheckPath" health_check_path set_health_check_path]
            ["HealthCheckIntervalSeconds" health_check_interval_seconds set_health_check_interval_seconds]
            ["HealthCheckTimeoutSeconds" health_check_timeout_seconds set_health_check_timeout_seconds]
            ["HealthyThresholdCount" healthy_threshold_count set_healthy_threshold_count]
            ["UnhealthyThresholdCount" unhealthy_threshold_count set_unhealthy_threshold_count]
            ["Matcher" matcher set_matcher]
            ["TargetType" target_type set_target_type]
            ["IpAddressType" ip_address_type set_ip_address_type]
            ["TargetControlPort" target_control_port set_target_control_port]
        );
    };
}

/// The `CreateTargetGroup` request for `tg` (its attributes go by
/// `ModifyTargetGroupAttributes` once it exists).
///
/// # Errors
/// When `tg` holds keys kept by a lenient parse.
pub fn create_target_group(
    tg: &TargetGroup,
) -> Result<CreateTargetGroupInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&tg.extra, at)?;
    let builder = CreateTargetGroupInput::builder();
    target_group_members!(set_all, builder, tg, at);
    set_all!(builder, tg, at, ["Name" name set_name] ["Tags" tags set_tags]);
    Ok(builder)
}

/// The model of a described target group, with `attributes` as `DescribeTargetGroupAttributes`
/// gives them.
///
/// # Errors
/// When the response holds a value the model does not know.
pub fn target_group_from_sdk(
    described: &sdk::TargetGroup,
    attributes: &[sdk::TargetGroupAttribute],
) -> Result<TargetGroup, ConvertError> {
    let at = PathCursor::ROOT;
    let mut tg = TargetGroup::default();
    tg.name = FromField::from_field(&described.target_group_name, at.key("Name"))?;
    target_group_members!(get_all, tg, described, at);
    tg.attributes = FromField::from_field(&attributes.to_vec(), at.key("Attributes"))?;
    Ok(tg)
}

/// Applies `$apply!` to the members `CreateListener` and the described listener share.
macro_rules! listener_members {
    ($apply:ident, $($args:tt)*) => {
        $apply!($($args)*,
            ["LoadBalancerArn" load_balancer_arn set_load_balancer_arn]
            ["Protocol" protocol set_protocol]
            ["Port" port set_port]
            ["SslPolicy" ssl_policy set_ssl_policy]
            ["Certificates" certificates set_certificates]
            ["DefaultActions" default_actions set_default_actions]
            ["AlpnPolicy" alpn_policy set_alpn_policy]
            ["MutualAuthentication" mutual_authentication set_mutual_authentication]
        );
    };
}

/// The `CreateListener` request for `listener`.
///
/// # Errors
/// When `listener` holds keys kept by a lenient parse.
pub fn create_listener(listener: &Listener) -> Result<CreateListenerInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&listener.extra, at)?;
    let builder = CreateListenerInput::builder();
    listener_members!(set_all, builder, listener, at);
    set_all!(builder, listener, at, ["Tags" tags set_tags]);
    Ok(builder)
}

/// The model of a described listener.
///
/// # Errors
/// When the response holds a value the model does not know.
pub fn listener_from_sdk(described: &sdk::Listener) -> Result<Listener, ConvertError> {
    let at = PathCursor::ROOT;
    let mut listener = Listener::default();
    listener_members!(get_all, listener, described, at);
    Ok(listener)
}

/// The `CreateRule` request for `rule`.
///
/// # Errors
/// When `rule` holds keys kept by a lenient parse.
pub fn create_rule(rule: &ListenerRule) -> Result<CreateRuleInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&rule.extra, at)?;
    let builder = CreateRuleInput::builder();
    set_all!(builder, rule, at,
        ["ListenerArn" listener_arn set_listener_arn]
        ["Conditions" conditions set_conditions]
        ["Priority" priority set_priority]
        ["Actions" actions set_actions]
        ["Tags" tags set_tags]
        ["Transforms" transforms set_transforms]
    );
    Ok(builder)
}

/// The model of a described rule of the listener `listener_arn`; `None` for the listener's
/// default rule, which is its default actions rather than a rule.
///
/// # Errors
/// When the response holds a value the model does not know, or a priority that is not a number.
pub fn rule_from_sdk(
    described: &sdk::Rule,
    listener_arn: &str,
) -> Result<Option<ListenerRule>, ConvertError> {
    let at = PathCursor::ROOT;
    if described.is_default == Some(true) {
        return Ok(None);
    }
    let mut rule = ListenerRule::default();
    rule.listener_arn = listener_arn.into();
    let priority = described.priority.as_deref().unwrap_or_default();
    rule.priority = priority.parse().map_err(|_| {
        at.key("Priority")
            .fail(format_args!("`{priority}` is not a rule priority"))
    })?;
    get_all!(rule, described, at,
        ["Conditions" conditions set_conditions]
        ["Actions" actions set_actions]
        ["Transforms" transforms set_transforms]
    );
    Ok(Some(rule))
}

/// The `ModifyListener` request that makes the listener `arn` what `listener` says.
///
/// # Errors
/// When `listener` holds keys kept by a lenient parse.
pub fn modify_listener(
    arn: &str,
    listener: &Listener,
) -> Result<ModifyListenerInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&listener.extra, at)?;
    let builder = ModifyListenerInput::builder().listener_arn(arn);
    set_all!(builder, listener, at,
        ["Protocol" protocol set_protocol]
        ["Port" port set_port]
        ["SslPolicy" ssl_policy set_ssl_policy]
        ["Certificates" certificates set_certificates]
        ["DefaultActions" default_actions set_default_actions]
        ["AlpnPolicy" alpn_policy set_alpn_policy]
        ["MutualAuthentication" mutual_authentication set_mutual_authentication]
    );
    Ok(builder)
}

/// The `ModifyRule` request that makes the rule `arn` what `rule` says.
///
/// # Errors
/// When `rule` holds keys kept by a lenient parse.
pub fn modify_rule(arn: &str, rule: &ListenerRule) -> Result<ModifyRuleInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&rule.extra, at)?;
    let builder = ModifyRuleInput::builder().rule_arn(arn);
    set_all!(builder, rule, at,
        ["Conditions" conditions set_conditions]
        ["Actions" actions set_actions]
        ["Transforms" transforms set_transforms]
    );
    Ok(builder)
}

/// The `ModifyTargetGroup` request for the health check of `tg` (the rest is fixed at creation).
///
/// # Errors
/// When `tg` holds keys kept by a lenient parse.
pub fn modify_target_group(
    arn: &str,
    tg: &TargetGroup,
) -> Result<ModifyTargetGroupInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    no_extra(&tg.extra, at)?;
    let builder = ModifyTargetGroupInput::builder().target_group_arn(arn);
    set_all!(builder, tg, at,
        ["HealthCheckProtocol" health_check_protocol set_health_check_protocol]
        ["HealthCheckPort" health_check_port set_health_check_port]
        ["HealthCheckEnabled" health_check_enabled set_health_check_enabled]
        ["HealthCheckPath" health_check_path set_health_check_path]
        ["HealthCheckIntervalSeconds" health_check_interval_seconds set_health_check_interval_seconds]
        ["HealthCheckTimeoutSeconds" health_check_timeout_seconds set_health_check_timeout_seconds]
        ["HealthyThresholdCount" healthy_threshold_count set_healthy_threshold_count]
        ["UnhealthyThresholdCount" unhealthy_threshold_count set_unhealthy_threshold_count]
        ["Matcher" matcher set_matcher]
    );
    Ok(builder)
}

/// The `ModifyTargetGroupAttributes` request for the attributes of `tg`.
///
/// # Errors
/// When an attribute holds keys kept by a lenient parse.
pub fn modify_target_group_attributes(
    arn: &str,
    tg: &TargetGroup,
) -> Result<ModifyTargetGroupAttributesInputBuilder, ConvertError> {
    let at = PathCursor::ROOT;
    let builder = ModifyTargetGroupAttributesInput::builder().target_group_arn(arn);
    Ok(set_member!(builder, tg, at, "Attributes" attributes set_attributes))
}
