//! The EC2 calls a deployment makes, and nothing else: security groups and their inbound rules,
//! container instances, and the VPCs and subnets they go in.
//!
//! A deployment makes eight EC2 calls. The SDK's `aws-sdk-ec2` crate holds all of EC2's 700-odd
//! operations, and compiling it took minutes and up to 8 GB of memory for every user of
//! ecs-deploy. This client is the eight calls of EC2's query API (version `2016-11-15`, which
//! EC2 keeps), run by the SDK's own runtime: the same `SigV4` signing, credentials and their
//! cache, endpoint override, HTTP client, timeouts and standard retries as the other clients,
//! and the same [`SdkError`] with EC2's code and message. What it costs: another EC2 call is
//! written here (its parameters and a reader of the members it uses), checked against
//! botocore's EC2 model, and tested against moto like the rest.

mod query;
mod xml;

use std::fmt;
use std::sync::Arc;

use aws_config::SdkConfig;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, OrchestratorError};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::body::SdkBody;

use crate::runtime::{self, Service, ServiceError};

use query::Query;

/// The EC2 API version the calls are written for.
const VERSION: &str = "2016-11-15";

const EC2: Service = Service {
    signing_name: "ec2",
    endpoint_prefix: "ec2",
};

/// What an EC2 call returns: its answer, or the SDK's error with EC2's code and message.
pub type Result<T> = std::result::Result<T, SdkError<ServiceError, HttpResponse>>;

/// A filter of a `Describe…` call: `Name` is one of the values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The filter's name (`vpc-id`, `tag:Name`).
    pub name: String,
    /// The values that match.
    pub values: Vec<String>,
}

impl Filter {
    /// `name` is one of `values`.
    pub fn new<I, S>(name: impl Into<String>, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            name: name.into(),
            values: values.into_iter().map(Into::into).collect(),
        }
    }
}

/// A VPC.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Vpc {
    /// `vpc-…`.
    pub vpc_id: String,
    /// Whether it is the region's default VPC.
    pub is_default: bool,
}

/// A subnet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Subnet {
    /// `subnet-…`.
    pub subnet_id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Its Availability Zone (`ap-northeast-2a`).
    pub availability_zone: String,
}

/// A security group, as `DescribeSecurityGroups` gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SecurityGroup {
    /// `sg-…`.
    pub group_id: String,
    /// Its name.
    pub group_name: String,
    /// Its description.
    pub description: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Its inbound rules.
    pub ip_permissions: Vec<IpPermission>,
    /// Its tags, by key.
    pub tags: Vec<(String, String)>,
}

/// Inbound traffic a security group admits: a protocol, a port range and its sources.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IpPermission {
    /// `tcp`, `udp`, `icmp`, a protocol number, or `-1` for all.
    pub ip_protocol: String,
    /// First port (absent for all protocols).
    pub from_port: Option<i32>,
    /// Last port.
    pub to_port: Option<i32>,
    /// IPv4 CIDR blocks, each with its description.
    pub ip_ranges: Vec<(String, Option<String>)>,
    /// IPv6 CIDR blocks, each with its description.
    pub ipv6_ranges: Vec<(String, Option<String>)>,
    /// Security groups (by id), each with its description.
    pub groups: Vec<(String, Option<String>)>,
}

/// An EC2 instance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Instance {
    /// `i-…`.
    pub instance_id: String,
    /// `t3.small`, …
    pub instance_type: String,
    /// `pending`, `running`, `stopped`, …
    pub state: String,
    /// Its subnet.
    pub subnet_id: String,
    /// The ARN of its instance profile.
    pub instance_profile_arn: String,
}

/// What `RunInstances` starts: one instance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunInstance {
    /// An AMI id, or `resolve:ssm:<parameter>`.
    pub image_id: String,
    /// `t3.small`, …
    pub instance_type: String,
    /// The instance profile, by name.
    pub instance_profile: String,
    /// The user data, as text (it is sent base64-encoded).
    pub user_data: String,
    /// The subnet.
    pub subnet_id: Option<String>,
    /// Security groups, by id.
    pub security_group_ids: Vec<String>,
    /// An SSH key pair.
    pub key_name: Option<String>,
    /// The `Name` tag.
    pub name: String,
    /// More tags, by key.
    pub tags: Vec<(String, String)>,
}

/// The EC2 client of a deployment: the calls of this module, with the configuration's region,
/// credentials, endpoint, HTTP client, timeouts and retry policy.
#[derive(Debug, Clone)]
pub struct Client {
    // Shared, as the SDK's clients share theirs: a clone is cheap.
    config: Arc<SdkConfig>,
}

impl Client {
    /// A client for `config`.
    #[must_use]
    pub fn new(config: &SdkConfig) -> Self {
        Self {
            config: Arc::new(config.clone()),
        }
    }

    /// Sends `query` through the SDK's runtime and reads the answer with `read`.
    async fn call<T>(&self, query: Query, read: fn(&str) -> xml::Read<T>) -> Result<T>
    where
        T: fmt::Debug + Send + Sync + 'static,
    {
        let action = query.action().to_owned();
        runtime::send(
            &self.config,
            &EC2,
            action,
            request(&query),
            move |response| answer(response, read),
        )
        .await
    }

    /// Every page of a `Describe…` call, each read by `read` (which gives the items and the
    /// next token).
    async fn pages<T>(
        &self,
        query: Query,
        read: fn(&str) -> xml::Read<xml::Page<T>>,
    ) -> Result<Vec<T>>
    where
        T: fmt::Debug + Send + Sync + 'static,
    {
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut query = query.clone();
            if let Some(token) = &token {
                query.param("NextToken", token);
            }
            let (mut got, next) = self.call(query, read).await?;
            items.append(&mut got);
            match next {
                Some(next) if !next.is_empty() && Some(&next) != token.as_ref() => {
                    token = Some(next);
                }
                _ => return Ok(items),
            }
        }
    }

    /// `DescribeVpcs`: every VPC of the region.
    ///
    /// # Errors
    /// EC2's error, or no answer.
    pub async fn describe_vpcs(&self) -> Result<Vec<Vpc>> {
        self.pages(Query::new("DescribeVpcs"), xml::vpcs).await
    }

    /// `DescribeSubnets`: the subnets `subnet_ids` names (every subnet when empty).
    ///
    /// # Errors
    /// EC2's error (`InvalidSubnetID.NotFound`), or no answer.
    pub async fn describe_subnets(&self, subnet_ids: &[String]) -> Result<Vec<Subnet>> {
        let mut query = Query::new("DescribeSubnets");
        query.list("SubnetId", subnet_ids);
        self.pages(query, xml::subnets).await
    }

    /// `DescribeSecurityGroups`: the groups that match every filter.
    ///
    /// # Errors
    /// EC2's error, or no answer.
    pub async fn describe_security_groups(&self, filters: &[Filter]) -> Result<Vec<SecurityGroup>> {
        let mut query = Query::new("DescribeSecurityGroups");
        query.filters(filters);
        self.pages(query, xml::security_groups).await
    }

    /// `CreateSecurityGroup`, tagged with its name and `tags`: the new group's id.
    ///
    /// # Errors
    /// EC2's error (`InvalidGroup.Duplicate`), or no answer.
    pub async fn create_security_group(
        &self,
        name: &str,
        description: &str,
        vpc_id: Option<&str>,
        tags: &[(String, String)],
    ) -> Result<String> {
        let mut query = Query::new("CreateSecurityGroup");
        query.param("GroupName", name);
        query.param("GroupDescription", description);
        if let Some(vpc) = vpc_id {
            query.param("VpcId", vpc);
        }
        query.name_tag("security-group", name, tags);
        self.call(query, xml::group_id).await
    }

    /// `CreateTags`: `tags` on the resource `id` (a group, an instance).
    ///
    /// # Errors
    /// EC2's error, or no answer.
    pub async fn create_tags(&self, id: &str, tags: &[(String, String)]) -> Result<()> {
        let mut query = Query::new("CreateTags");
        query.param("ResourceId.1", id);
        for (i, (key, value)) in tags.iter().enumerate() {
            query.param(format!("Tag.{}.Key", i + 1), key);
            query.param(format!("Tag.{}.Value", i + 1), value);
        }
        self.call(query, |_| Ok(())).await
    }

    /// `AuthorizeSecurityGroupIngress`: `permissions` into group `group_id`.
    ///
    /// # Errors
    /// EC2's error (`InvalidPermission.Duplicate` when a rule is there already), or no answer.
    pub async fn authorize_security_group_ingress(
        &self,
        group_id: &str,
        permissions: &[IpPermission],
    ) -> Result<()> {
        let mut query = Query::new("AuthorizeSecurityGroupIngress");
        query.param("GroupId", group_id);
        query.permissions(permissions);
        self.call(query, |_| Ok(())).await
    }

    /// `RunInstances` of one instance, tagged with its name: the instance.
    ///
    /// # Errors
    /// EC2's error, or no answer.
    pub async fn run_instance(&self, run: &RunInstance) -> Result<Vec<Instance>> {
        let mut query = Query::new("RunInstances");
        query.param("ImageId", &run.image_id);
        query.param("InstanceType", &run.instance_type);
        query.param("MinCount", "1");
        query.param("MaxCount", "1");
        query.param("IamInstanceProfile.Name", &run.instance_profile);
        query.param(
            "UserData",
            aws_smithy_types::base64::encode(run.user_data.as_bytes()),
        );
        if let Some(subnet) = &run.subnet_id {
            query.param("SubnetId", subnet);
        }
        query.list("SecurityGroupId", &run.security_group_ids);
        if let Some(key) = &run.key_name {
            query.param("KeyName", key);
        }
        query.name_tag("instance", &run.name, &run.tags);
        self.call(query, xml::run_instances).await
    }

    /// `DescribeInstances`: the instances that match every filter.
    ///
    /// # Errors
    /// EC2's error, or no answer.
    pub async fn describe_instances(&self, filters: &[Filter]) -> Result<Vec<Instance>> {
        let mut query = Query::new("DescribeInstances");
        query.filters(filters);
        self.pages(query, xml::instances).await
    }

    /// `DescribeInstanceAttribute` of `userData`: an instance's user data, decoded.
    ///
    /// # Errors
    /// EC2's error, or no answer.
    pub async fn describe_user_data(&self, instance_id: &str) -> Result<Option<String>> {
        let mut query = Query::new("DescribeInstanceAttribute");
        query.param("InstanceId", instance_id);
        query.param("Attribute", "userData");
        self.call(query, xml::user_data).await
    }
}

/// The signed-to-be request of `query`: a form-encoded POST to the endpoint's root.
fn request(query: &Query) -> HttpRequest {
    let mut request = HttpRequest::new(SdkBody::from(query.body(VERSION)));
    request.headers_mut().insert(
        "content-type",
        "application/x-www-form-urlencoded; charset=utf-8",
    );
    // Both are valid by construction: neither can fail.
    let _ = request.set_method("POST");
    let _ = request.set_uri("/");
    request
}

/// A 2xx answer read by `read`; any other is EC2's error.
fn answer<T>(
    response: &HttpResponse,
    read: fn(&str) -> xml::Read<T>,
) -> std::result::Result<T, OrchestratorError<ServiceError>> {
    let text = String::from_utf8_lossy(response.body().bytes().unwrap_or_default());
    if response.status().is_success() {
        read(&text).map_err(|e| {
            OrchestratorError::response(format!("EC2's answer could not be read: {e}").into())
        })
    } else {
        Err(OrchestratorError::operation(ServiceError::new(xml::error(
            &text,
            response.status().as_u16(),
        ))))
    }
}
