//! Security groups as data: who may reach a load balancer, a service's tasks, or the instances of
//! an EC2 cluster, and on which ports.
//!
//! Rendered as the EC2 requests `CreateSecurityGroup` and `AuthorizeSecurityGroupIngress`
//! (PascalCase, as `aws ec2 … --cli-input-json` takes them); a group of the application is
//! referred to by a [`Reference`] until EC2 gives it an id.

mod validate;

use crate::builder::builder;
use crate::reference::Reference;

/// The dynamic host-port range to open for `bridge`-mode tasks behind a load balancer: it covers
/// both the kernel's ephemeral range (32768–60999) and Docker's (49153–65535), as CDK opens it.
/// Without it the load balancer's health checks of the tasks time out, and ECS replaces healthy
/// tasks again and again.
pub const DYNAMIC_PORT_RANGE: (i32, i32) = (32768, 65535);

/// An IP protocol of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IpProtocol {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
    /// ICMP.
    Icmp,
    /// Every protocol and port.
    All,
}

impl IpProtocol {
    /// As EC2 spells it (`-1` for all).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tcp => "tcp",
            Self::Udp => "udp",
            Self::Icmp => "icmp",
            Self::All => "-1",
        }
    }
}

/// Where allowed traffic comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// An IPv4 CIDR block (`0.0.0.0/0` is the internet).
    Cidr(String),
    /// An IPv6 CIDR block (`::/0`).
    Ipv6Cidr(String),
    /// Members of a security group: an id, or a [`Reference`] to one of the application's.
    Group(String),
}

/// One inbound rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct IngressRule {
    /// The protocol.
    pub protocol: IpProtocol,
    /// First port (inclusive).
    pub from_port: i32,
    /// Last port (inclusive).
    pub to_port: i32,
    /// Who.
    pub source: Source,
    /// Why (shown in the console).
    pub description: Option<String>,
}

impl IngressRule {
    /// TCP on `port` from `source`.
    #[must_use]
    pub fn tcp(port: i32, source: Source) -> Self {
        Self::tcp_range(port, port, source)
    }

    /// TCP on `from..=to` from `source`.
    #[must_use]
    pub fn tcp_range(from: i32, to: i32, source: Source) -> Self {
        Self::new(IpProtocol::Tcp, from, to, source)
    }

    /// `protocol` on `from..=to` from `source` (EC2 takes -1 for the ports of ICMP and of
    /// every protocol).
    #[must_use]
    pub fn new(protocol: IpProtocol, from: i32, to: i32, source: Source) -> Self {
        Self {
            protocol,
            from_port: from,
            to_port: to,
            source,
            description: None,
        }
    }

    /// Sets the description.
    #[must_use]
    pub fn described(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Whether the rule admits TCP traffic on `port` from `source`.
    #[must_use]
    pub fn admits(&self, port: i32, source: &Source) -> bool {
        self.admits_range((port, port), source)
    }

    /// Whether the rule admits TCP traffic on every port of `from..=to` from `source`.
    #[must_use]
    pub fn admits_range(&self, (from, to): (i32, i32), source: &Source) -> bool {
        let ports = match self.protocol {
            IpProtocol::All => true,
            IpProtocol::Tcp => self.from_port <= from && to <= self.to_port,
            _ => false,
        };
        ports && &self.source == source
    }

    fn ip_permission(&self) -> serde_json::Value {
        let mut permission = serde_json::json!({"IpProtocol": self.protocol.as_str()});
        if self.protocol != IpProtocol::All {
            permission["FromPort"] = self.from_port.into();
            permission["ToPort"] = self.to_port.into();
        }
        let description = self.description.clone();
        let (key, mut entry) = match &self.source {
            Source::Cidr(cidr) => ("IpRanges", serde_json::json!({"CidrIp": cidr})),
            Source::Ipv6Cidr(cidr) => ("Ipv6Ranges", serde_json::json!({"CidrIpv6": cidr})),
            Source::Group(group) => ("UserIdGroupPairs", serde_json::json!({"GroupId": group})),
        };
        if let Some(description) = description {
            entry["Description"] = description.into();
        }
        permission[key] = serde_json::json!([entry]);
        permission
    }
}

/// A security group and its inbound rules (outbound stays EC2's default: everything).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SecurityGroup {
    /// The group's name (unique in the VPC).
    pub name: String,
    /// What it is for.
    pub description: String,
    /// The VPC.
    pub vpc_id: Option<String>,
    /// Inbound rules.
    pub ingress: Vec<IngressRule>,
}

impl SecurityGroup {
    /// A group with no inbound rule.
    pub fn builder(
        name: impl Into<String>,
        description: impl Into<String>,
        vpc_id: impl Into<String>,
    ) -> SecurityGroupBuilder {
        Self {
            name: name.into(),
            description: description.into(),
            vpc_id: Some(vpc_id.into()),
            ingress: Vec::new(),
        }
        .into_builder()
    }

    /// A public load balancer's group: HTTP and HTTPS from anywhere, IPv4 and IPv6.
    pub fn public_load_balancer(
        name: impl Into<String>,
        vpc_id: impl Into<String>,
    ) -> SecurityGroupBuilder {
        let mut group = Self::builder(name, "HTTP and HTTPS from the internet", vpc_id);
        for port in [80, 443] {
            group = group
                .allow(IngressRule::tcp(port, Source::Cidr("0.0.0.0/0".to_owned())))
                .allow(IngressRule::tcp(port, Source::Ipv6Cidr("::/0".to_owned())));
        }
        group
    }

    /// An `awsvpc` service's group: its container port, only from the load balancer's group
    /// (the task's port admits the load balancer and nothing else).
    pub fn service_behind(
        name: impl Into<String>,
        vpc_id: impl Into<String>,
        load_balancer_group: &str,
        container_port: i32,
    ) -> SecurityGroupBuilder {
        Self::builder(name, "the service's port, from its load balancer", vpc_id).allow(
            IngressRule::tcp(
                container_port,
                Source::Group(Reference::security_group(load_balancer_group).to_string()),
            )
            .described("from the load balancer"),
        )
    }

    /// The group of EC2 instances running `bridge`-mode tasks behind a load balancer: the
    /// dynamic host-port range from the load balancer's group, without which the load
    /// balancer's health checks of the tasks time out.
    pub fn instances_behind(
        name: impl Into<String>,
        vpc_id: impl Into<String>,
        load_balancer_group: &str,
    ) -> SecurityGroupBuilder {
        Self::builder(name, "dynamic host ports, from the load balancer", vpc_id).allow(
            IngressRule::tcp_range(
                DYNAMIC_PORT_RANGE.0,
                DYNAMIC_PORT_RANGE.1,
                Source::Group(Reference::security_group(load_balancer_group).to_string()),
            )
            .described("dynamic host ports of bridge-mode tasks"),
        )
    }

    /// The reference other resources use for this group.
    #[must_use]
    pub fn reference(&self) -> Reference {
        Reference::security_group(&self.name)
    }

    /// Whether some rule admits TCP on `port` from `source`.
    #[must_use]
    pub fn admits(&self, port: i32, source: &Source) -> bool {
        self.ingress.iter().any(|rule| rule.admits(port, source))
    }

    /// The `CreateSecurityGroup` request.
    #[must_use]
    pub fn create_request(&self) -> serde_json::Value {
        let mut request = serde_json::json!({
            "GroupName": self.name,
            "Description": self.description,
        });
        if let Some(vpc) = &self.vpc_id {
            request["VpcId"] = vpc.clone().into();
        }
        request
    }

    /// The `AuthorizeSecurityGroupIngress` request for the group with id `group_id`, when it
    /// has rules.
    #[must_use]
    pub fn authorize_ingress_request(&self, group_id: &str) -> Option<serde_json::Value> {
        (!self.ingress.is_empty()).then(|| {
            let permissions: Vec<_> = self
                .ingress
                .iter()
                .map(IngressRule::ip_permission)
                .collect();
            serde_json::json!({"GroupId": group_id, "IpPermissions": permissions})
        })
    }
}

builder! {
    /// Builds a [`SecurityGroup`]; [`build`](Self::build) validates its names, ports and
    /// sources.
    SecurityGroupBuilder { group } => SecurityGroup
}

impl SecurityGroupBuilder {
    /// Adds an inbound rule.
    pub fn allow(mut self, rule: IngressRule) -> Self {
        self.group.ingress.push(rule);
        self
    }
}
