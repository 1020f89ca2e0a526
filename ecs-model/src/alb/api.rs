//! The `CreateLoadBalancer`, `CreateTargetGroup`, `CreateListener` and `CreateRule` inputs, as the
//! Elastic Load Balancing v2 API model defines them (`elbv2-service-2.json` of 2026-08-05); keys
//! are PascalCase, as `aws elbv2 … --cli-input-json` takes them. Written by hand, shape for shape:
//! there is no generator. `tests/integration/api_model.rs` checks them against the model.

use crate::json::decode::StringMap;
use crate::json::record::{api_enum, api_struct};
use crate::tag::{PascalTags, Tag};

api_struct! {
    /// An Elastic Load Balancing v2 load balancer: the `CreateLoadBalancer` input.
    pub struct LoadBalancer {
        /// The name of the load balancer.
        name "Name": String,
        /// The IDs of the subnets.
        subnets "Subnets": Vec<String>,
        /// The IDs of the subnets.
        subnet_mappings "SubnetMappings": Vec<SubnetMapping>,
        /// \[Application Load Balancers and Network Load Balancers\] The IDs of the security groups
        /// for the load balancer.
        security_groups "SecurityGroups": Vec<String>,
        /// The nodes of an Internet-facing load balancer have public IP addresses.
        scheme "Scheme": Option<Scheme>,
        /// The tags to assign to the load balancer.
        tags "Tags": Vec<Tag> as PascalTags,
        /// The type of load balancer.
        r#type "Type": Option<LoadBalancerType>,
        /// The IP address type.
        ip_address_type "IpAddressType": Option<IpAddressType>,
        /// \[Application Load Balancers on Outposts\] The ID of the customer-owned address pool (CoIP
        /// pool).
        customer_owned_ipv4_pool "CustomerOwnedIpv4Pool": Option<String>,
        /// \[Network Load Balancers with UDP listeners\] Indicates whether to use an IPv6 prefix from
        /// each subnet for source NAT.
        enable_prefix_for_ipv6_source_nat "EnablePrefixForIpv6SourceNat": Option<EnablePrefixForIpv6SourceNat>,
        /// \[Application Load Balancers\] The IPAM pools to use with the load balancer.
        ipam_pools "IpamPools": Option<IpamPools>,
    }
}

api_struct! {
    /// Information about a subnet mapping.
    pub struct SubnetMapping {
        /// The ID of the subnet.
        subnet_id "SubnetId": Option<String>,
        /// \[Network Load Balancers\] The allocation ID of the Elastic IP address for an
        /// internet-facing load balancer.
        allocation_id "AllocationId": Option<String>,
        /// \[Network Load Balancers\] The private IPv4 address for an internal load balancer.
        private_ipv4_address "PrivateIPv4Address": Option<String>,
        /// \[Network Load Balancers\] The IPv6 address.
        ipv6_address "IPv6Address": Option<String>,
        /// \[Network Load Balancers with UDP listeners\] The IPv6 prefix to use for source NAT.
        source_nat_ipv6_prefix "SourceNatIpv6Prefix": Option<String>,
    }
}

api_struct! {
    /// An IPAM pool is a collection of IP address CIDRs.
    pub struct IpamPools {
        /// The ID of the IPv4 IPAM pool.
        ipv4_ipam_pool_id "Ipv4IpamPoolId": Option<String>,
    }
}

api_struct! {
    /// A target group: the `CreateTargetGroup` input; its attributes (deregistration delay, …)
    /// are set after creation with `ModifyTargetGroupAttributes`.
    pub struct TargetGroup {
        /// The name of the target group.
        name "Name": String,
        /// The protocol to use for routing traffic to the targets.
        protocol "Protocol": Option<Protocol>,
        /// \[HTTP/HTTPS protocol\] The protocol version.
        protocol_version "ProtocolVersion": Option<String>,
        /// The port on which the targets receive traffic.
        port "Port": Option<i32>,
        /// The identifier of the virtual private cloud (VPC).
        vpc_id "VpcId": Option<String>,
        /// The protocol the load balancer uses when performing health checks on targets.
        health_check_protocol "HealthCheckProtocol": Option<Protocol>,
        /// The port the load balancer uses when performing health checks on targets.
        health_check_port "HealthCheckPort": Option<String>,
        /// Indicates whether health checks are enabled.
        health_check_enabled "HealthCheckEnabled": Option<bool>,
        /// \[HTTP/HTTPS health checks\] The destination for health checks on the targets.
        health_check_path "HealthCheckPath": Option<String>,
        /// The approximate amount of time, in seconds, between health checks of an individual target.
        health_check_interval_seconds "HealthCheckIntervalSeconds": Option<i32>,
        /// The amount of time, in seconds, during which no response from a target means a failed
        /// health check.
        health_check_timeout_seconds "HealthCheckTimeoutSeconds": Option<i32>,
        /// The number of consecutive health check successes required before considering a target
        /// healthy.
        healthy_threshold_count "HealthyThresholdCount": Option<i32>,
        /// The number of consecutive health check failures required before considering a target
        /// unhealthy.
        unhealthy_threshold_count "UnhealthyThresholdCount": Option<i32>,
        /// \[HTTP/HTTPS health checks\] The HTTP or gRPC codes to use when checking for a successful
        /// response from a target.
        matcher "Matcher": Option<Matcher>,
        /// The type of target that you must specify when registering targets with this target group.
        target_type "TargetType": Option<TargetType>,
        /// The tags to assign to the target group.
        tags "Tags": Vec<Tag> as PascalTags,
        /// The IP address type.
        ip_address_type "IpAddressType": Option<TargetGroupIpAddressType>,
        /// The port on which the target control agent and application load balancer exchange
        /// management traffic for the target optimizer feature.
        target_control_port "TargetControlPort": Option<i32>;

        /// Attributes set after creation (`deregistration_delay.timeout_seconds`, …); not part
        /// of `CreateTargetGroup`.
        attributes: Vec<TargetGroupAttribute>,
    }
}

api_struct! {
    /// The codes to use when checking for a successful response from a target.
    pub struct Matcher {
        /// For Application Load Balancers, you can specify values between 200 and 499, with the
        /// default value being 200.
        http_code "HttpCode": Option<String>,
        /// You can specify values between 0 and 99.
        grpc_code "GrpcCode": Option<String>,
    }
}

api_struct! {
    /// A listener of a load balancer: the `CreateListener` input.
    pub struct Listener {
        /// The Amazon Resource Name (ARN) of the load balancer.
        load_balancer_arn "LoadBalancerArn": String,
        /// The protocol for connections from clients to the load balancer.
        protocol "Protocol": Option<Protocol>,
        /// The port on which the load balancer is listening.
        port "Port": Option<i32>,
        /// \[HTTPS and TLS listeners\] The security policy that defines which protocols and ciphers
        /// are supported.
        ssl_policy "SslPolicy": Option<String>,
        /// \[HTTPS and TLS listeners\] The default certificate for the listener.
        certificates "Certificates": Vec<Certificate>,
        /// The actions for the default rule.
        default_actions "DefaultActions": Vec<Action>,
        /// \[TLS listeners\] The name of the Application-Layer Protocol Negotiation (ALPN) policy.
        alpn_policy "AlpnPolicy": Vec<String>,
        /// The tags to assign to the listener.
        tags "Tags": Vec<Tag> as PascalTags,
        /// \[HTTPS listeners\] The mutual authentication configuration information.
        mutual_authentication "MutualAuthentication": Option<MutualAuthenticationAttributes>,
    }
}

api_struct! {
    /// Information about an SSL server certificate.
    pub struct Certificate {
        /// The Amazon Resource Name (ARN) of the certificate.
        certificate_arn "CertificateArn": Option<String>,
        /// Indicates whether the certificate is the default certificate.
        is_default "IsDefault": Option<bool>,
    }
}

api_struct! {
    /// Information about an action.
    pub struct Action {
        /// The type of action.
        r#type "Type": ActionType,
        /// The Amazon Resource Name (ARN) of the target group.
        target_group_arn "TargetGroupArn": Option<String>,
        /// \[HTTPS listeners\] Information about an identity provider that is compliant with OpenID
        /// Connect (OIDC).
        authenticate_oidc_config "AuthenticateOidcConfig": Option<AuthenticateOidcActionConfig>,
        /// \[HTTPS listeners\] Information for using Amazon Cognito to authenticate users.
        authenticate_cognito_config "AuthenticateCognitoConfig": Option<AuthenticateCognitoActionConfig>,
        /// The order for the action.
        order "Order": Option<i32>,
        /// \[Application Load Balancer\] Information for creating a redirect action.
        redirect_config "RedirectConfig": Option<RedirectActionConfig>,
        /// \[Application Load Balancer\] Information for creating an action that returns a custom
        /// HTTP response.
        fixed_response_config "FixedResponseConfig": Option<FixedResponseActionConfig>,
        /// Information for creating an action that distributes requests among multiple target groups.
        forward_config "ForwardConfig": Option<ForwardActionConfig>,
        /// \[HTTPS listeners\] Information for validating JWT access tokens in client requests.
        jwt_validation_config "JwtValidationConfig": Option<JwtValidationActionConfig>,
    }
}

api_struct! {
    /// Request parameters when using an identity provider (IdP) that is compliant with OpenID
    /// Connect (OIDC) to authenticate users.
    pub struct AuthenticateOidcActionConfig {
        /// The OIDC issuer identifier of the IdP.
        issuer "Issuer": String,
        /// The authorization endpoint of the IdP.
        authorization_endpoint "AuthorizationEndpoint": String,
        /// The token endpoint of the IdP.
        token_endpoint "TokenEndpoint": String,
        /// The user info endpoint of the IdP.
        user_info_endpoint "UserInfoEndpoint": String,
        /// The OAuth 2.0 client identifier.
        client_id "ClientId": String,
        /// The OAuth 2.0 client secret.
        client_secret "ClientSecret": Option<String>,
        /// The name of the cookie used to maintain session information.
        session_cookie_name "SessionCookieName": Option<String>,
        /// The set of user claims to be requested from the IdP.
        scope "Scope": Option<String>,
        /// The maximum duration of the authentication session, in seconds.
        session_timeout "SessionTimeout": Option<i64>,
        /// The query parameters (up to 10) to include in the redirect request to the authorization
        /// endpoint.
        authentication_request_extra_params "AuthenticationRequestExtraParams": StringMap,
        /// The behavior if the user is not authenticated.
        on_unauthenticated_request "OnUnauthenticatedRequest": Option<AuthenticateOidcActionConditionalBehavior>,
        /// Indicates whether to use the existing client secret when modifying a rule.
        use_existing_client_secret "UseExistingClientSecret": Option<bool>,
    }
}

api_struct! {
    /// Request parameters to use when integrating with Amazon Cognito to authenticate users.
    pub struct AuthenticateCognitoActionConfig {
        /// The Amazon Resource Name (ARN) of the Amazon Cognito user pool.
        user_pool_arn "UserPoolArn": String,
        /// The ID of the Amazon Cognito user pool client.
        user_pool_client_id "UserPoolClientId": String,
        /// The domain prefix or fully-qualified domain name of the Amazon Cognito user pool.
        user_pool_domain "UserPoolDomain": String,
        /// The name of the cookie used to maintain session information.
        session_cookie_name "SessionCookieName": Option<String>,
        /// The set of user claims to be requested from the IdP.
        scope "Scope": Option<String>,
        /// The maximum duration of the authentication session, in seconds.
        session_timeout "SessionTimeout": Option<i64>,
        /// The query parameters (up to 10) to include in the redirect request to the authorization
        /// endpoint.
        authentication_request_extra_params "AuthenticationRequestExtraParams": StringMap,
        /// The behavior if the user is not authenticated.
        on_unauthenticated_request "OnUnauthenticatedRequest": Option<AuthenticateCognitoActionConditionalBehavior>,
    }
}

api_struct! {
    /// Information about a redirect action.
    pub struct RedirectActionConfig {
        /// The protocol.
        protocol "Protocol": Option<String>,
        /// The port.
        port "Port": Option<String>,
        /// The hostname.
        host "Host": Option<String>,
        /// The absolute path, starting with the leading "/".
        path "Path": Option<String>,
        /// The query parameters, URL-encoded when necessary, but not percent-encoded.
        query "Query": Option<String>,
        /// The HTTP redirect code.
        status_code "StatusCode": RedirectActionStatusCode,
    }
}

api_struct! {
    /// Information about an action that returns a custom HTTP response.
    pub struct FixedResponseActionConfig {
        /// The message.
        message_body "MessageBody": Option<String>,
        /// The HTTP response code (2XX, 4XX, or 5XX).
        status_code "StatusCode": String,
        /// The content type.
        content_type "ContentType": Option<String>,
    }
}

api_struct! {
    /// Information about a forward action.
    pub struct ForwardActionConfig {
        /// The target groups.
        target_groups "TargetGroups": Vec<TargetGroupTuple>,
        /// The target group stickiness for the rule.
        target_group_stickiness_config "TargetGroupStickinessConfig": Option<TargetGroupStickinessConfig>,
    }
}

api_struct! {
    /// Information about how traffic will be distributed between multiple target groups in a
    /// forward rule.
    pub struct TargetGroupTuple {
        /// The Amazon Resource Name (ARN) of the target group.
        target_group_arn "TargetGroupArn": Option<String>,
        /// The weight.
        weight "Weight": Option<i32>,
    }
}

api_struct! {
    /// Information about the target group stickiness for a rule.
    pub struct TargetGroupStickinessConfig {
        /// Indicates whether target group stickiness is enabled.
        enabled "Enabled": Option<bool>,
        /// \[Application Load Balancers\] The time period, in seconds, during which requests from a
        /// client should be routed to the same target group.
        duration_seconds "DurationSeconds": Option<i32>,
    }
}

api_struct! {
    /// Information about a JSON Web Token (JWT) validation action.
    pub struct JwtValidationActionConfig {
        /// The JSON Web Key Set (JWKS) endpoint.
        jwks_endpoint "JwksEndpoint": String,
        /// The issuer of the JWT.
        issuer "Issuer": String,
        /// Additional claims to validate.
        additional_claims "AdditionalClaims": Vec<JwtValidationActionAdditionalClaim>,
    }
}

api_struct! {
    /// Information about an additional claim to validate.
    pub struct JwtValidationActionAdditionalClaim {
        /// The format of the claim value.
        format "Format": JwtValidationActionAdditionalClaimFormat,
        /// The name of the claim.
        name "Name": String,
        /// The claim value.
        values "Values": Vec<String>,
    }
}

api_struct! {
    /// Information about the mutual authentication attributes of a listener.
    pub struct MutualAuthenticationAttributes {
        /// The client certificate handling method.
        mode "Mode": Option<String>,
        /// The Amazon Resource Name (ARN) of the trust store.
        trust_store_arn "TrustStoreArn": Option<String>,
        /// Indicates whether expired client certificates are ignored.
        ignore_client_certificate_expiry "IgnoreClientCertificateExpiry": Option<bool>,
        /// Indicates a shared trust stores association status.
        trust_store_association_status "TrustStoreAssociationStatus": Option<TrustStoreAssociationStatus>,
        /// Indicates whether trust store CA certificate names are advertised.
        advertise_trust_store_ca_names "AdvertiseTrustStoreCaNames": Option<AdvertiseTrustStoreCaNames>,
    }
}

api_struct! {
    /// A listener rule: the `CreateRule` input.
    pub struct ListenerRule {
        /// The Amazon Resource Name (ARN) of the listener.
        listener_arn "ListenerArn": String,
        /// The conditions.
        conditions "Conditions": Vec<RuleCondition>,
        /// The rule priority.
        priority "Priority": i32,
        /// The actions.
        actions "Actions": Vec<Action>,
        /// The tags to assign to the rule.
        tags "Tags": Vec<Tag> as PascalTags,
        /// The transforms to apply to requests that match this rule.
        transforms "Transforms": Vec<RuleTransform>,
    }
}

api_struct! {
    /// Information about a condition for a rule.
    pub struct RuleCondition {
        /// The name of the field.
        field "Field": Option<String>,
        /// The condition value.
        values "Values": Vec<String>,
        /// Information for a host header condition.
        host_header_config "HostHeaderConfig": Option<HostHeaderConditionConfig>,
        /// Information for a path pattern condition.
        path_pattern_config "PathPatternConfig": Option<PathPatternConditionConfig>,
        /// Information for an HTTP header condition.
        http_header_config "HttpHeaderConfig": Option<HttpHeaderConditionConfig>,
        /// Information for a query string condition.
        query_string_config "QueryStringConfig": Option<QueryStringConditionConfig>,
        /// Information for an HTTP method condition.
        http_request_method_config "HttpRequestMethodConfig": Option<HttpRequestMethodConditionConfig>,
        /// Information for a source IP condition.
        source_ip_config "SourceIpConfig": Option<SourceIpConditionConfig>,
        /// The regular expressions to match against the condition field.
        regex_values "RegexValues": Vec<String>,
    }
}

api_struct! {
    /// Information about a host header condition.
    pub struct HostHeaderConditionConfig {
        /// The host names.
        values "Values": Vec<String>,
        /// The regular expressions to compare against the host header.
        regex_values "RegexValues": Vec<String>,
    }
}

api_struct! {
    /// Information about a path pattern condition.
    pub struct PathPatternConditionConfig {
        /// The path patterns to compare against the request URL.
        values "Values": Vec<String>,
        /// The regular expressions to compare against the request URL.
        regex_values "RegexValues": Vec<String>,
    }
}

api_struct! {
    /// Information about an HTTP header condition.
    pub struct HttpHeaderConditionConfig {
        /// The name of the HTTP header field.
        http_header_name "HttpHeaderName": Option<String>,
        /// The strings to compare against the value of the HTTP header.
        values "Values": Vec<String>,
        /// The regular expression to compare against the HTTP header.
        regex_values "RegexValues": Vec<String>,
    }
}

api_struct! {
    /// Information about a query string condition.
    pub struct QueryStringConditionConfig {
        /// The key/value pairs or values to find in the query string.
        values "Values": Vec<QueryStringKeyValuePair>,
    }
}

api_struct! {
    /// Information about a key/value pair.
    pub struct QueryStringKeyValuePair {
        /// The key.
        key "Key": Option<String>,
        /// The value.
        value "Value": Option<String>,
    }
}

api_struct! {
    /// Information about an HTTP method condition.
    pub struct HttpRequestMethodConditionConfig {
        /// The name of the request method.
        values "Values": Vec<String>,
    }
}

api_struct! {
    /// Information about a source IP condition.
    pub struct SourceIpConditionConfig {
        /// The source IP addresses, in CIDR format.
        values "Values": Vec<String>,
        /// The IP address type for Network Load Balancers.
        ip_address_type "IpAddressType": Option<SourceIpAddressType>,
    }
}

api_struct! {
    /// Information about a transform to apply to requests that match a rule.
    pub struct RuleTransform {
        /// The type of transform.
        r#type "Type": TransformType,
        /// Information about a host header rewrite transform.
        host_header_rewrite_config "HostHeaderRewriteConfig": Option<HostHeaderRewriteConfig>,
        /// Information about a URL rewrite transform.
        url_rewrite_config "UrlRewriteConfig": Option<UrlRewriteConfig>,
    }
}

api_struct! {
    /// Information about a host header rewrite transform.
    pub struct HostHeaderRewriteConfig {
        /// The host header rewrite transform.
        rewrites "Rewrites": Vec<RewriteConfig>,
    }
}

api_struct! {
    /// Information about a rewrite transform.
    pub struct RewriteConfig {
        /// The regular expression to match in the input string.
        regex "Regex": String,
        /// The replacement string to use when rewriting the matched input.
        replace "Replace": String,
    }
}

api_struct! {
    /// Information about a URL rewrite transform.
    pub struct UrlRewriteConfig {
        /// The URL rewrite transform to apply to the request.
        rewrites "Rewrites": Vec<RewriteConfig>,
    }
}

api_struct! {
    /// Information about a target group attribute.
    pub struct TargetGroupAttribute {
        /// The name of the attribute.
        key "Key": Option<String>,
        /// The value of the attribute.
        value "Value": Option<String>,
    }
}

api_enum! {
    /// A scheme.
    pub enum Scheme ("scheme") {
        /// `internet-facing`.
        InternetFacing = "internet-facing",
        /// `internal`.
        Internal = "internal",
    }
}

api_enum! {
    /// A load balancer type.
    pub enum LoadBalancerType ("load balancer type") {
        /// `application`.
        Application = "application",
        /// `network`.
        Network = "network",
        /// `gateway`.
        Gateway = "gateway",
    }
}

api_enum! {
    /// A ip address type.
    pub enum IpAddressType ("ip address type") {
        /// `ipv4`.
        Ipv4 = "ipv4",
        /// `dualstack`.
        Dualstack = "dualstack",
        /// `dualstack-without-public-ipv4`.
        DualstackWithoutPublicIpv4 = "dualstack-without-public-ipv4",
    }
}

api_enum! {
    /// A enable prefix for ipv6source nat.
    pub enum EnablePrefixForIpv6SourceNat ("enable prefix for ipv6source nat") {
        /// `on`.
        On = "on",
        /// `off`.
        Off = "off",
    }
}

api_enum! {
    /// A protocol.
    pub enum Protocol ("protocol") {
        /// `HTTP`.
        Http = "HTTP",
        /// `HTTPS`.
        Https = "HTTPS",
        /// `TCP`.
        Tcp = "TCP",
        /// `TLS`.
        Tls = "TLS",
        /// `UDP`.
        Udp = "UDP",
        /// `TCP_UDP`.
        TcpUdp = "TCP_UDP",
        /// `GENEVE`.
        Geneve = "GENEVE",
        /// `QUIC`.
        Quic = "QUIC",
        /// `TCP_QUIC`.
        TcpQuic = "TCP_QUIC",
    }
}

api_enum! {
    /// A target type.
    pub enum TargetType ("target type") {
        /// `instance`.
        Instance = "instance",
        /// `ip`.
        Ip = "ip",
        /// `lambda`.
        Lambda = "lambda",
        /// `alb`.
        Alb = "alb",
    }
}

api_enum! {
    /// A target group ip address type.
    pub enum TargetGroupIpAddressType ("target group ip address type") {
        /// `ipv4`.
        Ipv4 = "ipv4",
        /// `ipv6`.
        Ipv6 = "ipv6",
    }
}

api_enum! {
    /// A action type.
    pub enum ActionType ("action type") {
        /// `forward`.
        Forward = "forward",
        /// `authenticate-oidc`.
        AuthenticateOidc = "authenticate-oidc",
        /// `authenticate-cognito`.
        AuthenticateCognito = "authenticate-cognito",
        /// `redirect`.
        Redirect = "redirect",
        /// `fixed-response`.
        FixedResponse = "fixed-response",
        /// `jwt-validation`.
        JwtValidation = "jwt-validation",
    }
}

api_enum! {
    /// A authenticate oidc action conditional behavior.
    pub enum AuthenticateOidcActionConditionalBehavior ("authenticate oidc action conditional behavior") {
        /// `deny`.
        Deny = "deny",
        /// `allow`.
        Allow = "allow",
        /// `authenticate`.
        Authenticate = "authenticate",
    }
}

api_enum! {
    /// A authenticate cognito action conditional behavior.
    pub enum AuthenticateCognitoActionConditionalBehavior ("authenticate cognito action conditional behavior") {
        /// `deny`.
        Deny = "deny",
        /// `allow`.
        Allow = "allow",
        /// `authenticate`.
        Authenticate = "authenticate",
    }
}

api_enum! {
    /// A redirect action status code.
    pub enum RedirectActionStatusCode ("redirect action status code") {
        /// `HTTP_301`.
        Http301 = "HTTP_301",
        /// `HTTP_302`.
        Http302 = "HTTP_302",
    }
}

api_enum! {
    /// A jwt validation action additional claim format.
    pub enum JwtValidationActionAdditionalClaimFormat ("jwt validation action additional claim format") {
        /// `single-string`.
        SingleString = "single-string",
        /// `string-array`.
        StringArray = "string-array",
        /// `space-separated-values`.
        SpaceSeparatedValues = "space-separated-values",
    }
}

api_enum! {
    /// A trust store association status.
    pub enum TrustStoreAssociationStatus ("trust store association status") {
        /// `active`.
        Active = "active",
        /// `removed`.
        Removed = "removed",
    }
}

api_enum! {
    /// A advertise trust store ca names.
    pub enum AdvertiseTrustStoreCaNames ("advertise trust store ca names") {
        /// `on`.
        On = "on",
        /// `off`.
        Off = "off",
    }
}

api_enum! {
    /// A source ip address type.
    pub enum SourceIpAddressType ("source ip address type") {
        /// `ipv4`.
        Ipv4 = "ipv4",
        /// `ipv6`.
        Ipv6 = "ipv6",
    }
}

api_enum! {
    /// A transform type.
    pub enum TransformType ("transform type") {
        /// `host-header-rewrite`.
        HostHeaderRewrite = "host-header-rewrite",
        /// `url-rewrite`.
        UrlRewrite = "url-rewrite",
    }
}
