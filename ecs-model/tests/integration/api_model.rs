//! The model against the pinned botocore's API models (ECS, IAM, ELBv2, EC2, CloudWatch Logs): every rendering is a valid request, checked strictly
//! (unknown keys, missing members, JSON types, enums), and the JSON Schemas have exactly the
//! API's members, field for field, with the same enums.

use crate::support;

use std::collections::BTreeSet;

use ecs_model::alb::{Action, Listener, ListenerRule, LoadBalancer, TargetGroup};
use ecs_model::application::ApiRequest;
use ecs_model::cluster::{
    AgentConfig, AutoScalingGroup, CapacityProvider, Cluster, ContainerInsights, ContainerInstance,
    EcsOptimizedAmi,
};
use ecs_model::ecr::ImageRepository;
use ecs_model::efs::{AccessPoint, FileSystem, MountTarget};
use ecs_model::iam::{
    ExecutionPolicyOptions, InstanceProfile, Role, execution_policy, task_role_policy,
};
use ecs_model::network::SecurityGroup;
use ecs_model::scaling::ServiceScaling;
use ecs_model::schedule::Schedule;
use ecs_model::service::Service;
use ecs_model::{
    Account, Application, ContainerDefinition, LogConfiguration, PortMapping, Reference,
    TaskDefinition, Workload,
};
use serde_json::Value;
use support::aws_model::ApiModel;

const VPC: &str = "vpc-0a1b2c3d";
const SUBNETS: [&str; 2] = ["subnet-a", "subnet-c"];

/// Two containers, one from ECR with a secret, both logging with awslogs (one group created by
/// the agent).
fn shop_task_definition() -> TaskDefinition {
    TaskDefinition::fargate("shop", "1 vCPU", "2 GB")
        .container(
            ContainerDefinition::builder(
                "api",
                "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/shop/api:1.4",
            )
            .port(PortMapping::tcp(8080).named("http"))
            .secret(
                "DB_PASSWORD",
                "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:shop/db-AbCdEf",
            )
            .log_configuration(LogConfiguration::awslogs(
                "/ecs/shop",
                "ap-northeast-2",
                "api",
            )),
        )
        .container(
            ContainerDefinition::builder(
                "sidecar",
                "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0",
            )
            .essential(false)
            .log_configuration(
                LogConfiguration::awslogs("/ecs/shop-otel", "ap-northeast-2", "otel")
                    .option("awslogs-create-group", "true"),
            ),
        )
        .build_unchecked()
}

/// The nightly report: the shop's image with another command.
fn report_task_definition() -> TaskDefinition {
    let mut td = shop_task_definition();
    td.family = "shop-report".into();
    td.container_definitions[0].command = vec!["report".into()];
    td.container_definitions[0].port_mappings.clear();
    td
}

/// An application with every kind of resource the model renders: capacity providers of both
/// kinds, an instance with its role and profile, HTTP and HTTPS listeners with a rule, log
/// groups created ahead and by the agent, a scaled service and a scheduled task.
#[allow(clippy::too_many_lines)] // one application, read top to bottom
fn full_application() -> Application {
    let account = Account::new("123456789012", "ap-northeast-2");
    let td = shop_task_definition();
    let execution = Role::ecs_task_execution("shop-execution", &account).inline_policy(
        "execution",
        execution_policy(&td, &account, &ExecutionPolicyOptions::default()),
    );
    let mut task_role = Role::ecs_task("shop-task", &account).tag("team", "shop");
    if let Some(policy) = task_role_policy(&td, &account, true) {
        task_role = task_role.inline_policy("exec", policy);
    }
    let instance_role = Role::ecs_instance().build_unchecked();
    let profile = InstanceProfile::for_role(&instance_role).build_unchecked();
    let alb_sg = SecurityGroup::public_load_balancer("shop-alb-sg", VPC).build_unchecked();
    let service_sg =
        SecurityGroup::service_behind("shop-sg", VPC, &alb_sg.name, 8080).build_unchecked();
    let instance_sg =
        SecurityGroup::instances_behind("shop-instances-sg", VPC, &alb_sg.name).build_unchecked();
    let instance = ContainerInstance::builder(
        "shop-dev",
        "t3.small",
        EcsOptimizedAmi::AmazonLinux2023,
        &profile.name,
        AgentConfig::new("shop"),
    )
    .subnet(SUBNETS[0])
    .security_group(instance_sg.reference())
    .key_name("dev");
    let service = Service::on_capacity_providers("shop", "shop", "shop")
        .capacity_provider("FARGATE", 1, Some(1))
        .capacity_provider("FARGATE_SPOT", 3, None)
        .desired_count(3)
        .platform_version("LATEST")
        .subnets(SUBNETS)
        .security_group(service_sg.reference())
        .load_balancer(Reference::target_group("shop-tg"), "api", 8080)
        .health_check_grace_period(60)
        .deployment_alarms(["shop-5xx"], true)
        .enable_execute_command(true)
        .propagate_tags(ecs_model::service::PropagateTags::Service)
        .tag("team", "shop")
        .build_unchecked();
    Application::builder(
        "shop",
        account,
        Cluster::builder("shop")
            .container_insights(ContainerInsights::Enhanced)
            .capacity_provider("FARGATE")
            .capacity_provider("FARGATE_SPOT")
            .default_strategy("FARGATE", 1, None)
            .tag("team", "shop"),
    )
    .workload(
        Workload::builder(td.clone())
            .execution_role(execution.clone())
            .task_role(task_role)
            .service(service)
            .scaling(
                ServiceScaling::between(2, 6)
                    .cpu(60.0)
                    .memory(75.0)
                    .requests_per_target(Reference::target_group("shop-tg"), 500.0)
                    .scheduled("weekday-mornings", "cron(0 8 ? * MON-FRI *)", Some("Asia/Seoul"), (4, 8)),
            ),
    )
    .workload(
        Workload::builder(report_task_definition())
            .execution_role(execution)
            .schedule(
                Schedule::cron("shop-report", "0 3 * * ? *")
                    .time_zone("Asia/Seoul")
                    .capacity_provider("FARGATE_SPOT", 1, None)
                    .subnets(SUBNETS)
                    .security_group(Reference::security_group("shop-sg"))
                    .flexible_window(15)
                    .retry(3600, 3)
                    .propagate_tags(),
            ),
    )
    .capacity_provider(CapacityProvider::auto_scaling_group(
        "shop-asg",
        "arn:aws:autoscaling:ap-northeast-2:123456789012:autoScalingGroup:0a1b:autoScalingGroupName/shop-asg",
        100,
    ))
    .auto_scaling_group(AutoScalingGroup::builder("shop-asg", 0, 4))
    .capacity_provider(CapacityProvider::managed_instances(
        "shop-mi",
        "arn:aws:iam::123456789012:role/ecsInfrastructureRole",
        "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole",
        SUBNETS,
    ))
    .role(instance_role)
    .instance_profile(profile)
    .security_group(alb_sg)
    .security_group(service_sg)
    .security_group(instance_sg)
    .load_balancer(LoadBalancer::application("shop-alb", SUBNETS).security_group(Reference::security_group("shop-alb-sg")).tag("team", "shop"))
    .target_group(TargetGroup::ip("shop-tg", 8080, VPC).health_check_path("/health").matcher("200-299").deregistration_delay(30))
    .listener(Listener::http(Reference::load_balancer("shop-alb"), 80, Action::redirect_to_https()))
    .listener(Listener::https(
        Reference::load_balancer("shop-alb"),
        443,
        "arn:aws:acm:ap-northeast-2:123456789012:certificate/0a1b",
        Action::forward(Reference::target_group("shop-tg")),
    ))
    .listener_rule(ListenerRule::builder(Reference::listener("shop-alb", 443), 10, Action::forward(Reference::target_group("shop-tg"))).path_patterns(["/api/*"]).host_headers(["shop.example.com"]))
    .instance(instance)
    .repository(ImageRepository::private("shop/api").keep_newest(30).kms_key("alias/shop").tag("team", "shop"))
    .file_system(FileSystem::encrypted("shop-data").backup(true))
    .mount_target(MountTarget::in_subnet("shop-data", SUBNETS[0], Reference::security_group("shop-sg")))
    .access_point(AccessPoint::posix("shop-uploads", "shop-data", (1000, 1000), "/uploads", "750"))
    .build()
    .expect("the full application is valid")
}

/// Checks each request whose API `models` holds; returns the operations checked.
fn check_requests(requests: &[ApiRequest], models: &[(&str, ApiModel)]) -> BTreeSet<String> {
    let mut checked = BTreeSet::new();
    for request in requests {
        let Some((_, model)) = models
            .iter()
            .find(|(service, _)| *service == request.service)
        else {
            continue;
        };
        let problems = model.check_input(request.operation, &request.input);
        assert!(
            problems.is_empty(),
            "{request}: {problems:#?}\n{:#}",
            request.input
        );
        checked.insert(format!("{} {}", request.service, request.operation));
    }
    checked
}

#[test]
fn every_request_of_an_application_is_valid_ecs_iam_and_elbv2_input() {
    let what = "application requests vs the ECS, IAM and ELBv2 API models";
    let (Some(ecs), Some(iam), Some(elbv2)) = (
        support::botocore_model_or_skip("ecs", what),
        support::botocore_model_or_skip("iam", what),
        support::botocore_model_or_skip("elbv2", what),
    ) else {
        return;
    };
    let models = [("ecs", ecs), ("iam", iam), ("elbv2", elbv2)];
    let checked = check_requests(&full_application().requests(), &models);
    let expected = [
        "ecs CreateCapacityProvider",
        "ecs CreateCluster",
        "ecs CreateService",
        "ecs PutClusterCapacityProviders",
        "ecs RegisterTaskDefinition",
        "elbv2 CreateListener",
        "elbv2 CreateLoadBalancer",
        "elbv2 CreateRule",
        "elbv2 CreateTargetGroup",
        "elbv2 ModifyTargetGroupAttributes",
        "iam AddRoleToInstanceProfile",
        "iam AttachRolePolicy",
        "iam CreateInstanceProfile",
        "iam CreateRole",
        "iam PutRolePolicy",
    ];
    assert_eq!(
        checked.iter().map(String::as_str).collect::<Vec<_>>(),
        expected
    );
}

#[test]
fn every_request_of_an_application_is_valid_ec2_and_logs_input() {
    let what = "application requests vs botocore's EC2 and Logs models";
    let (Some(ec2), Some(logs)) = (
        support::botocore_model_or_skip("ec2", what),
        support::botocore_model_or_skip("logs", what),
    ) else {
        return;
    };
    let models = [("ec2", ec2), ("logs", logs)];
    let checked = check_requests(&full_application().requests(), &models);
    assert_eq!(
        checked.iter().map(String::as_str).collect::<Vec<_>>(),
        [
            "ec2 AuthorizeSecurityGroupIngress",
            "ec2 CreateSecurityGroup",
            "ec2 RunInstances",
            "logs CreateLogGroup"
        ]
    );
}

#[test]
fn every_request_of_an_application_is_valid_scheduler_autoscaling_efs_and_ecr_input() {
    let what = "application requests vs botocore's Scheduler, Application Auto Scaling, EFS and ECR models";
    let (Some(scheduler), Some(autoscaling), Some(efs), Some(ecr)) = (
        support::botocore_model_or_skip("scheduler", what),
        support::botocore_model_or_skip("application-autoscaling", what),
        support::botocore_model_or_skip("efs", what),
        support::botocore_model_or_skip("ecr", what),
    ) else {
        return;
    };
    let models = [
        ("scheduler", scheduler),
        ("application-autoscaling", autoscaling),
        ("efs", efs),
        ("ecr", ecr),
    ];
    let requests = full_application().requests();
    let checked = check_requests(&requests, &models);
    assert_eq!(
        checked.iter().map(String::as_str).collect::<Vec<_>>(),
        [
            "application-autoscaling PutScalingPolicy",
            "application-autoscaling PutScheduledAction",
            "application-autoscaling RegisterScalableTarget",
            "ecr CreateRepository",
            "ecr PutLifecyclePolicy",
            "efs CreateAccessPoint",
            "efs CreateFileSystem",
            "efs CreateMountTarget",
            "scheduler CreateSchedule",
        ]
    );
    let schedule = &requests
        .iter()
        .find(|r| r.operation == "CreateSchedule")
        .expect("the schedule")
        .input;
    assert_eq!(schedule["GroupName"], "shop");
    assert_eq!(
        schedule["Target"]["Arn"],
        "arn:aws:ecs:ap-northeast-2:123456789012:cluster/shop"
    );
    assert_eq!(
        schedule["Target"]["RoleArn"],
        "arn:aws:iam::123456789012:role/shop-report-scheduler"
    );
    let policies: Vec<&str> = requests
        .iter()
        .filter(|r| r.operation == "PutScalingPolicy")
        .map(|r| r.input["PolicyName"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(policies, ["cpu", "memory", "requests"]);
    // The repository comes first, as CI pushes to it before anything runs its images.
    assert_eq!(requests[0].operation, "CreateRepository");
    assert_eq!(
        requests[0].input,
        serde_json::json!({
            "repositoryName": "shop/api",
            "tags": [{"Key": "team", "Value": "shop"}],
            "imageTagMutability": "IMMUTABLE",
            "imageScanningConfiguration": {"scanOnPush": true},
            "encryptionConfiguration": {"encryptionType": "KMS", "kmsKey": "alias/shop"},
        })
    );
    let lifecycle: Value =
        serde_json::from_str(requests[1].input["lifecyclePolicyText"].as_str().unwrap()).unwrap();
    assert_eq!(
        lifecycle,
        serde_json::json!({"rules": [{
            "rulePriority": 1,
            "description": "keep the newest 30 images",
            "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30},
            "action": {"type": "expire"},
        }]})
    );
}

#[test]
fn a_cluster_of_aws_providers_only_is_created_with_them() {
    let td = TaskDefinition::fargate("t", "256", "512")
        .container(ContainerDefinition::builder("c", "nginx"))
        .build_unchecked();
    let cluster = Cluster::builder("c")
        .capacity_provider("FARGATE")
        .capacity_provider("FARGATE_SPOT");
    let requests = Application::builder("c", Account::new("123456789012", "us-east-1"), cluster)
        .workload(Workload::builder(td))
        .build_unchecked()
        .requests();
    let operations: Vec<&str> = requests.iter().map(|r| r.operation).collect();
    assert_eq!(operations, ["CreateCluster", "RegisterTaskDefinition"]);
    assert_eq!(
        requests[0].input["capacityProviders"],
        serde_json::json!(["FARGATE", "FARGATE_SPOT"])
    );
}

#[test]
fn requests_come_in_dependency_order() {
    let requests = full_application().requests();
    let position = |service: &str, operation: &str| {
        requests
            .iter()
            .position(|r| r.service == service && r.operation == operation)
            .unwrap_or_else(|| panic!("no {service} {operation}"))
    };
    // What a request names must exist before it: log group and roles before the task
    // definition, groups before the load balancer, target group and load balancer before the
    // listener, listener before its rule, providers before the cluster's strategy, everything
    // before the service.
    let order = [
        ("logs", "CreateLogGroup"),
        ("iam", "CreateRole"),
        ("iam", "CreateInstanceProfile"),
        ("ec2", "CreateSecurityGroup"),
        ("ec2", "AuthorizeSecurityGroupIngress"),
        ("elbv2", "CreateLoadBalancer"),
        ("elbv2", "CreateTargetGroup"),
        ("elbv2", "CreateListener"),
        ("elbv2", "CreateRule"),
        ("ecs", "CreateCluster"),
        ("ecs", "CreateCapacityProvider"),
        ("ecs", "PutClusterCapacityProviders"),
        ("ecs", "RegisterTaskDefinition"),
        ("ecs", "CreateService"),
    ];
    for pair in order.windows(2) {
        assert!(
            position(pair[0].0, pair[0].1) < position(pair[1].0, pair[1].1),
            "{pair:?}"
        );
    }
    // The cluster is created bare, then given its providers once they exist.
    let input = |operation: &str| {
        &requests
            .iter()
            .find(|r| r.operation == operation)
            .expect("rendered")
            .input
    };
    assert_eq!(input("CreateCluster").get("capacityProviders"), None);
    assert_eq!(
        input("PutClusterCapacityProviders")["capacityProviders"],
        serde_json::json!(["FARGATE", "FARGATE_SPOT", "shop-asg", "shop-mi"])
    );
    assert_eq!(
        input("PutClusterCapacityProviders")["defaultCapacityProviderStrategy"][0]["capacityProvider"],
        "FARGATE"
    );
    // Only the group the agent does not create itself is created ahead.
    let groups: Vec<&str> = requests
        .iter()
        .filter(|r| r.operation == "CreateLogGroup")
        .map(|r| r.resource.as_str())
        .collect();
    assert_eq!(groups, ["/ecs/shop"]);
}

#[test]
fn every_valid_real_world_rendering_is_a_valid_request() {
    let what = "rendered corpus vs the ECS API model";
    let (Some(shared), Some(model)) = (
        support::shared_or_skip(what),
        support::botocore_model_or_skip("ecs", what),
    ) else {
        return;
    };
    let dir = shared.join("conformance/real-world");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(td) = TaskDefinition::from_json(&text) else {
            continue;
        };
        let rendered: Value = serde_json::from_str(&td.to_json()).unwrap();
        let problems = model.check("RegisterTaskDefinitionRequest", &rendered);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        checked += 1;
    }
    assert_eq!(checked, 253);
}

/// The JSON Schema against the API model.
#[cfg(feature = "schema")]
mod schema {
    use std::collections::BTreeSet;

    use super::*;

    /// Resolves `{"$ref": "#/$defs/X"}` against the schema's definitions.
    fn resolve<'a>(schema: &'a Value, root: &'a Value) -> &'a Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.rsplit('/').next().unwrap();
                &root["$defs"][name]
            }
            None => schema,
        }
    }

    /// Compares our schema for a shape with the API model's, recursively.
    fn compare(
        model: &ApiModel,
        shape_name: &str,
        schema: &Value,
        root: &Value,
        path: &str,
        out: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) {
        let schema = resolve(schema, root);
        let shape = model.shape(shape_name);
        if shape["document"] == Value::Bool(true) {
            return; // free-form JSON: any schema will do
        }
        match shape["type"].as_str().unwrap() {
            "structure" => compare_structure(model, shape_name, schema, root, path, out, seen),
            "list" => {
                if schema["type"] != "array" {
                    out.push(format!(
                        "{path}: the model has a list, the schema {}",
                        schema["type"]
                    ));
                    return;
                }
                compare(
                    model,
                    shape["member"]["shape"].as_str().unwrap(),
                    &schema["items"],
                    root,
                    &format!("{path}[]"),
                    out,
                    seen,
                );
            }
            "map" => {
                if schema["type"] != "object" {
                    out.push(format!(
                        "{path}: the model has a map, the schema {}",
                        schema["type"]
                    ));
                }
            }
            scalar => {
                let expected = match scalar {
                    "string" => "string",
                    "integer" | "long" => "integer",
                    "double" | "float" => "number",
                    "boolean" => "boolean",
                    other => {
                        out.push(format!("{path}: unexpected shape type {other}"));
                        return;
                    }
                };
                if schema["type"] != expected {
                    out.push(format!(
                        "{path}: the model has {scalar}, the schema {}",
                        schema["type"]
                    ));
                }
                if let Some(values) = shape["enum"].as_array() {
                    let model_values: BTreeSet<&str> =
                        values.iter().filter_map(Value::as_str).collect();
                    let ours: BTreeSet<&str> = schema["enum"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect();
                    if model_values != ours {
                        out.push(format!(
                            "{path}: enum {shape_name} is {model_values:?} in the model, {ours:?} here"
                        ));
                    }
                }
            }
        }
    }

    /// Compares the members of a structure shape with the schema's properties.
    fn compare_structure(
        model: &ApiModel,
        shape_name: &str,
        schema: &Value,
        root: &Value,
        path: &str,
        out: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) {
        let shape = model.shape(shape_name);
        if !seen.insert(shape_name.to_owned()) {
            return;
        }
        let members: BTreeSet<&str> = shape["members"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let properties = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let ours: BTreeSet<&str> = properties.keys().map(String::as_str).collect();
        // Members that describe output adds are read into `registration`, never rendered.
        let describe_only = [
            "taskDefinitionArn",
            "revision",
            "status",
            "requiresAttributes",
            "compatibilities",
            "registeredAt",
            "deregisteredAt",
            "deleteRequestedAt",
            "registeredBy",
        ];
        for missing in members.difference(&ours) {
            if !describe_only.contains(missing) {
                out.push(format!(
                    "{path}: the model has `{missing}` ({shape_name}), the schema does not"
                ));
            }
        }
        for extra in ours.difference(&members) {
            out.push(format!(
                "{path}: the schema has `{extra}`, the model ({shape_name}) does not"
            ));
        }
        if schema["additionalProperties"] != Value::Bool(false) {
            out.push(format!("{path}: unknown keys are not rejected"));
        }
        for (key, member) in shape["members"].as_object().unwrap() {
            if let Some(sub) = properties.get(key) {
                compare(
                    model,
                    member["shape"].as_str().unwrap(),
                    sub,
                    root,
                    &format!("{path}.{key}"),
                    out,
                    seen,
                );
            }
        }
    }

    #[test]
    fn the_schema_is_the_register_request_field_for_field() {
        let Some(model) =
            support::botocore_model_or_skip("ecs", "JSON Schema vs the ECS API model")
        else {
            return;
        };
        let schema = ecs_model::schema::task_definition();
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        compare(
            &model,
            "RegisterTaskDefinitionRequest",
            &schema,
            &schema,
            "$",
            &mut problems,
            &mut seen,
        );
        assert!(problems.is_empty(), "{problems:#?}");
        // The walk reached every structure the request uses (39 in botocore 1.44.8).
        assert!(seen.len() >= 39, "{seen:?}");
    }

    #[test]
    fn the_other_schemas_are_their_requests_field_for_field() {
        use ecs_model::alb::{Listener, ListenerRule, LoadBalancer, TargetGroup};
        use ecs_model::cluster::{CapacityProvider, Cluster, ClusterCapacityProviders};
        use ecs_model::schema::of;
        use ecs_model::service::Service;

        let what = "JSON Schemas vs the ECS and ELBv2 API models";
        let (Some(ecs), Some(elbv2)) = (
            support::botocore_model_or_skip("ecs", what),
            support::botocore_model_or_skip("elbv2", what),
        ) else {
            return;
        };
        let cases = [
            (&ecs, "CreateServiceRequest", of::<Service>()),
            (&ecs, "CreateClusterRequest", of::<Cluster>()),
            (
                &ecs,
                "CreateCapacityProviderRequest",
                of::<CapacityProvider>(),
            ),
            (
                &ecs,
                "PutClusterCapacityProvidersRequest",
                of::<ClusterCapacityProviders>(),
            ),
            (&elbv2, "CreateLoadBalancerInput", of::<LoadBalancer>()),
            (&elbv2, "CreateTargetGroupInput", of::<TargetGroup>()),
            (&elbv2, "CreateListenerInput", of::<Listener>()),
            (&elbv2, "CreateRuleInput", of::<ListenerRule>()),
        ];
        for (model, shape, schema) in cases {
            let mut problems = Vec::new();
            compare(
                model,
                shape,
                &schema,
                &schema,
                "$",
                &mut problems,
                &mut BTreeSet::new(),
            );
            assert!(problems.is_empty(), "{shape}: {problems:#?}");
        }
    }

    #[test]
    fn the_schema_requires_what_ecs_requires() {
        let schema = ecs_model::schema::task_definition();
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(required, ["family"]);
        let container = resolve(
            &schema["properties"]["containerDefinitions"]["items"],
            &schema,
        );
        let required: Vec<&str> = container["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(required, ["name", "image"]);
        assert!(resolve(&schema["properties"]["cpu"], &schema)["pattern"].is_string());
        assert!(
            schema["properties"]["family"]["description"]
                .as_str()
                .unwrap()
                .contains("255")
        );
    }
}

/// The member names of a structure shape.
fn members(model: &ApiModel, shape: &str) -> BTreeSet<String> {
    model.shape(shape)["members"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

/// The members of `create` that `update` lacks, but for the tags (which change through their own
/// call, not by recreating the resource).
fn only_at_creation(model: &ApiModel, create: &str, update: &str, tags: &str) -> BTreeSet<String> {
    let update = members(model, update);
    members(model, create)
        .into_iter()
        .filter(|m| !update.contains(m) && m != tags)
        .collect()
}

#[test]
fn create_only_service_fields_are_the_ones_update_service_lacks() {
    let Some(model) =
        support::botocore_model_or_skip("ecs", "Service::CREATE_ONLY vs the ECS API model")
    else {
        return;
    };
    let lacking = only_at_creation(
        &model,
        "CreateServiceRequest",
        "UpdateServiceRequest",
        "tags",
    );
    let lacking: BTreeSet<&str> = lacking.iter().map(String::as_str).collect();
    let ours: BTreeSet<&str> = Service::CREATE_ONLY.iter().copied().collect();
    assert!(lacking.is_subset(&ours), "{lacking:?} ⊄ {ours:?}");
    // The rest identify the service (`cluster`) or cannot change in practice (ECS-J16:
    // `deploymentController`), though UpdateService takes them.
    let extra: Vec<&str> = ours.difference(&lacking).copied().collect();
    assert_eq!(extra, ["cluster", "deploymentController"]);
}

#[test]
fn create_only_target_group_fields_are_the_ones_modify_target_group_lacks() {
    let Some(model) =
        support::botocore_model_or_skip("elbv2", "TargetGroup::CREATE_ONLY vs the ELBv2 API model")
    else {
        return;
    };
    let lacking = only_at_creation(
        &model,
        "CreateTargetGroupInput",
        "ModifyTargetGroupInput",
        "Tags",
    );
    let ours: BTreeSet<String> = TargetGroup::CREATE_ONLY
        .iter()
        .map(|m| (*m).to_owned())
        .collect();
    assert_eq!(lacking, ours);
}

#[test]
fn create_only_capacity_provider_fields_are_the_ones_update_capacity_provider_lacks() {
    let Some(model) = support::botocore_model_or_skip(
        "ecs",
        "CapacityProvider::CREATE_ONLY vs the ECS API model",
    ) else {
        return;
    };
    let lacking: Vec<String> = members(&model, "AutoScalingGroupProvider")
        .difference(&members(&model, "AutoScalingGroupProviderUpdate"))
        .map(|m| format!("autoScalingGroupProvider.{m}"))
        .collect();
    // `name` and `cluster` name the provider UpdateCapacityProvider changes.
    let mut expected = vec!["name".to_owned(), "cluster".to_owned()];
    expected.extend(lacking);
    assert_eq!(CapacityProvider::CREATE_ONLY, expected);
}
