//! Application Load Balancers: the load balancer, its target groups and listeners (ELBv2 API
//! shapes, PascalCase as `aws elbv2 … --cli-input-json` takes them).

mod api;
mod validate;

// Every record and enum the generator writes is public here.
pub use api::*;

use crate::Text;
use crate::builder::builder;
use crate::json::json_document;
use crate::tag::Tag;

json_document!(LoadBalancer, TargetGroup, Listener, ListenerRule);

/// The target group attribute that sets how long a draining target keeps its connections.
pub const DEREGISTRATION_DELAY: &str = "deregistration_delay.timeout_seconds";

impl LoadBalancer {
    /// Members no ELBv2 operation changes once the load balancer exists: a change to one means a
    /// new load balancer. (`SetSecurityGroups`, `SetSubnets`, `SetIpAddressType` and
    /// `ModifyIpPools` change the others.)
    pub const CREATE_ONLY: &'static [&'static str] =
        &["Name", "Scheme", "Type", "CustomerOwnedIpv4Pool"];

    /// An internet-facing Application Load Balancer in `subnets` (two or more, in different
    /// Availability Zones).
    ///
    /// ```
    /// use ecs_model::alb::LoadBalancer;
    /// use ecs_model::Reference;
    /// let alb = LoadBalancer::application("pet-web-alb", ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"])
    ///     .security_group(Reference::security_group("pet-web-alb-sg"))
    ///     .build()
    ///     .unwrap();
    /// assert!(alb.to_json().contains(r#""Scheme":"internet-facing""#));
    /// ```
    pub fn application<I, S>(name: impl Into<Text>, subnets: I) -> LoadBalancerBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        Self {
            name: name.into(),
            subnets: subnets.into_iter().map(Into::into).collect(),
            scheme: Some(Scheme::InternetFacing),
            r#type: Some(LoadBalancerType::Application),
            ip_address_type: Some(IpAddressType::Ipv4),
            ..Self::default()
        }
        .into_builder()
    }

    /// Whether it is an Application Load Balancer (the default type).
    #[must_use]
    pub fn is_application(&self) -> bool {
        self.r#type
            .is_none_or(|t| t == LoadBalancerType::Application)
    }
}

builder! {
    /// Builds a [`LoadBalancer`]; [`build`](Self::build) validates it (`ECS-M*`).
    LoadBalancerBuilder { load_balancer } => LoadBalancer
}

impl LoadBalancerBuilder {
    /// Only reachable from inside the VPC.
    pub fn internal(mut self) -> Self {
        self.load_balancer.scheme = Some(Scheme::Internal);
        self
    }

    /// Adds a security group (an id or a [`Reference`](crate::Reference)).
    pub fn security_group(mut self, group: impl Into<Text>) -> Self {
        self.load_balancer.security_groups.push(group.into());
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, key: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.load_balancer.tags.push(Tag::new(key, value));
        self
    }
}

impl TargetGroup {
    /// Members `ModifyTargetGroup` cannot change: a change to one means a new target group.
    pub const CREATE_ONLY: &'static [&'static str] = &[
        "Name",
        "Protocol",
        "ProtocolVersion",
        "Port",
        "VpcId",
        "TargetType",
        "IpAddressType",
        "TargetControlPort",
    ];

    /// An HTTP target group of tasks' IP addresses (what `awsvpc` services need, Fargate
    /// included) on `port`, in `vpc_id`.
    ///
    /// ```
    /// use ecs_model::alb::TargetGroup;
    /// let tg = TargetGroup::ip("pet-web-tg", 8080, "vpc-0a1b2c3d4e5f60000")
    ///     .health_check_path("/api/health")
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(tg.port, Some(8080));
    /// ```
    pub fn ip(name: impl Into<Text>, port: i32, vpc_id: impl Into<Text>) -> TargetGroupBuilder {
        Self::http(name, port, vpc_id, TargetType::Ip)
    }

    /// An HTTP target group of EC2 instances (`bridge` and `host` services): ECS registers each
    /// task's instance and host port.
    pub fn instance(
        name: impl Into<Text>,
        port: i32,
        vpc_id: impl Into<Text>,
    ) -> TargetGroupBuilder {
        Self::http(name, port, vpc_id, TargetType::Instance)
    }

    /// An HTTP target group of `target_type` targets.
    fn http(
        name: impl Into<Text>,
        port: i32,
        vpc_id: impl Into<Text>,
        target_type: TargetType,
    ) -> TargetGroupBuilder {
        Self {
            name: name.into(),
            protocol: Some(Protocol::Http),
            port: Some(port),
            vpc_id: Some(vpc_id.into()),
            target_type: Some(target_type),
            ..Self::default()
        }
        .into_builder()
    }

    /// The health-check port: `traffic-port` unless set.
    #[must_use]
    pub fn effective_health_check_port(&self) -> &str {
        self.health_check_port.as_deref().unwrap_or("traffic-port")
    }

    /// The target type (`instance` when unset, as ELB defaults).
    #[must_use]
    pub fn effective_target_type(&self) -> TargetType {
        self.target_type.unwrap_or(TargetType::Instance)
    }

    /// The `ModifyTargetGroupAttributes` request for the created group, when it has attributes.
    #[must_use]
    pub fn modify_attributes_request(&self, target_group_arn: &str) -> Option<serde_json::Value> {
        (!self.attributes.is_empty()).then(|| {
            serde_json::json!({
                "TargetGroupArn": target_group_arn,
                "Attributes": self.attributes,
            })
        })
    }
}

builder! {
    /// Builds a [`TargetGroup`]; [`build`](Self::build) validates it (`ECS-M*`).
    TargetGroupBuilder { target_group } => TargetGroup
}

impl TargetGroupBuilder {
    /// Health checks on `path` (default `/`).
    pub fn health_check_path(mut self, path: impl Into<Text>) -> Self {
        self.target_group.health_check_path = Some(path.into());
        self.target_group.health_check_enabled = Some(true);
        self
    }

    /// Health-check timing: every `interval` seconds, failing after `timeout`; healthy after
    /// `healthy` passes, unhealthy after `unhealthy` failures.
    pub fn health_check_timing(
        mut self,
        interval: i32,
        timeout: i32,
        healthy: i32,
        unhealthy: i32,
    ) -> Self {
        self.target_group.health_check_interval_seconds = Some(interval);
        self.target_group.health_check_timeout_seconds = Some(timeout);
        self.target_group.healthy_threshold_count = Some(healthy);
        self.target_group.unhealthy_threshold_count = Some(unhealthy);
        self
    }

    /// HTTP codes that count as healthy (`200`, `200-399`, `200,204`).
    pub fn matcher(mut self, http_codes: impl Into<Text>) -> Self {
        self.target_group.matcher = Some(Matcher {
            http_code: Some(http_codes.into()),
            ..Matcher::default()
        });
        self
    }

    /// How long a deregistering target keeps serving (0–3600 s, default 300: it eats into a
    /// deployment's time budget).
    pub fn deregistration_delay(mut self, seconds: u32) -> Self {
        self.target_group
            .attributes
            .retain(|a| a.key.as_deref() != Some(DEREGISTRATION_DELAY));
        self.target_group.attributes.push(TargetGroupAttribute {
            key: Some(DEREGISTRATION_DELAY.into()),
            value: Some(seconds.to_string().into()),
            extra: crate::json::Extra::new(),
        });
        self
    }
}

impl Action {
    /// Forward to a target group (an ARN or a [`Reference`](crate::Reference)).
    #[must_use]
    pub fn forward(target_group: impl Into<Text>) -> Self {
        Self {
            r#type: ActionType::Forward,
            target_group_arn: Some(target_group.into()),
            ..Self::default()
        }
    }

    /// Redirect to HTTPS on port 443, permanently.
    #[must_use]
    pub fn redirect_to_https() -> Self {
        Self {
            r#type: ActionType::Redirect,
            redirect_config: Some(RedirectActionConfig {
                protocol: Some("HTTPS".into()),
                port: Some("443".into()),
                status_code: RedirectActionStatusCode::Http301,
                ..RedirectActionConfig::default()
            }),
            ..Self::default()
        }
    }
}

impl Listener {
    /// An HTTP listener on `port` of `load_balancer` (an ARN or a
    /// [`Reference`](crate::Reference)) doing `action`.
    pub fn http(load_balancer: impl Into<Text>, port: i32, action: Action) -> ListenerBuilder {
        Self {
            load_balancer_arn: load_balancer.into(),
            protocol: Some(Protocol::Http),
            port: Some(port),
            default_actions: vec![action],
            ..Self::default()
        }
        .into_builder()
    }

    /// An HTTPS listener on `port` with an ACM certificate.
    pub fn https(
        load_balancer: impl Into<Text>,
        port: i32,
        certificate_arn: impl Into<Text>,
        action: Action,
    ) -> ListenerBuilder {
        Self {
            load_balancer_arn: load_balancer.into(),
            protocol: Some(Protocol::Https),
            port: Some(port),
            certificates: vec![Certificate {
                certificate_arn: Some(certificate_arn.into()),
                ..Certificate::default()
            }],
            ssl_policy: Some("ELBSecurityPolicy-TLS13-1-2-2021-06".into()),
            default_actions: vec![action],
            ..Self::default()
        }
        .into_builder()
    }
}

builder! {
    /// Builds a [`Listener`]; [`build`](Self::build) validates it (`ECS-M6`).
    ListenerBuilder { listener } => Listener
}

impl ListenerRule {
    /// A rule of `listener` (an ARN or a [`Reference::listener`](crate::Reference::listener)) at
    /// `priority` (1–50,000, lowest first) doing `action`; give it conditions with
    /// [`path_patterns`](ListenerRuleBuilder::path_patterns) or
    /// [`host_headers`](ListenerRuleBuilder::host_headers).
    pub fn builder(
        listener: impl Into<Text>,
        priority: i32,
        action: Action,
    ) -> ListenerRuleBuilder {
        Self {
            listener_arn: listener.into(),
            priority,
            actions: vec![action],
            ..Self::default()
        }
        .into_builder()
    }
}

builder! {
    /// Builds a [`ListenerRule`]; [`build`](Self::build) validates it (`ECS-M6`).
    ListenerRuleBuilder { rule } => ListenerRule
}

impl ListenerRuleBuilder {
    /// Matches requests whose path matches one of `patterns` (`/api/*`).
    pub fn path_patterns<I, S>(mut self, patterns: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        self.rule.conditions.push(RuleCondition {
            field: Some("path-pattern".into()),
            path_pattern_config: Some(PathPatternConditionConfig {
                values: patterns.into_iter().map(Into::into).collect(),
                ..PathPatternConditionConfig::default()
            }),
            ..RuleCondition::default()
        });
        self
    }

    /// Matches requests for one of `hosts` (`api.example.com`, `*.example.com`).
    pub fn host_headers<I, S>(mut self, hosts: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        self.rule.conditions.push(RuleCondition {
            field: Some("host-header".into()),
            host_header_config: Some(HostHeaderConditionConfig {
                values: hosts.into_iter().map(Into::into).collect(),
                ..HostHeaderConditionConfig::default()
            }),
            ..RuleCondition::default()
        });
        self
    }
}
