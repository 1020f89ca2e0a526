//! One test per rule of sections J to M (services, clusters, IAM, load balancing): a change to a
//! valid resource breaks the rule at the expected path, and the valid resource does not.

use crate::support;

use ecs_model::alb::{Action, Listener, ListenerRule, LoadBalancer, TargetGroup};
use ecs_model::cluster::{
    AgentConfig, AutoScalingGroup, CapacityProvider, Cluster, ContainerInsights,
    ManagedTerminationProtection,
};
use ecs_model::iam::{InstanceProfile, PolicyDocument, Role, Statement};
use ecs_model::network::{IngressRule, SecurityGroup, Source};
use ecs_model::service::{
    DeploymentControllerType, DeploymentStrategy, SchedulingStrategy, Service,
    ServicePlacementConstraint,
};
use ecs_model::{Account, Diagnostic, Severity};

#[track_caller]
fn breaks(subject: &[Diagnostic], rule: &str, path: &str) -> Diagnostic {
    support::expect_rule(subject, rule, path)
}

#[track_caller]
fn keeps(subject: &[Diagnostic], rule: &str) {
    support::expect_no_rule(subject, rule);
}

fn account() -> Account {
    Account::new("123456789012", "ap-northeast-2")
}

fn fargate_service() -> Service {
    Service::fargate("web", "cluster", "web")
        .desired_count(2)
        .subnets(["subnet-1", "subnet-2"])
        .security_group("sg-1")
        .build()
        .unwrap()
}

fn service_with(f: impl FnOnce(&mut Service)) -> Vec<Diagnostic> {
    let mut s = fargate_service();
    f(&mut s);
    s.validate()
}

#[test]
fn the_valid_resources_are_clean() {
    assert_eq!(fargate_service().validate(), Vec::<Diagnostic>::new());
    assert_eq!(
        Cluster::builder("c")
            .container_insights(ContainerInsights::Enhanced)
            .build_unchecked()
            .validate(),
        Vec::<Diagnostic>::new()
    );
    assert_eq!(
        TargetGroup::ip("tg", 8080, "vpc-1")
            .health_check_path("/health")
            .build_unchecked()
            .validate(),
        Vec::<Diagnostic>::new()
    );
    assert_eq!(
        Role::ecs_task("app", &account())
            .build_unchecked()
            .validate(),
        Vec::<Diagnostic>::new()
    );
    assert_eq!(
        Role::ecs_instance().build_unchecked().validate(),
        Vec::<Diagnostic>::new()
    );
}

// ---- J: services -------------------------------------------------------------------------------

#[test]
fn j1_j2_name_and_count() {
    breaks(
        &service_with(|s| s.service_name = "web app".into()),
        "ECS-J1",
        "serviceName",
    );
    breaks(
        &service_with(|s| s.desired_count = None),
        "ECS-J2",
        "desiredCount",
    );
    breaks(
        &service_with(|s| s.desired_count = Some(-1)),
        "ECS-J2",
        "desiredCount",
    );
    let daemon = Service::ec2("agent", "c", "agent")
        .scheduling_strategy(SchedulingStrategy::Daemon)
        .deployment_percents(0, 100)
        .build_unchecked();
    keeps(&daemon.validate(), "ECS-J2");
}

#[test]
fn j3_awsvpc_limits() {
    breaks(
        &service_with(|s| {
            s.network_configuration
                .as_mut()
                .unwrap()
                .awsvpc_configuration
                .as_mut()
                .unwrap()
                .subnets
                .clear();
        }),
        "ECS-J3",
        "networkConfiguration.awsvpcConfiguration.subnets",
    );
    let many = service_with(|s| {
        let vpc = s
            .network_configuration
            .as_mut()
            .unwrap()
            .awsvpc_configuration
            .as_mut()
            .unwrap();
        vpc.subnets = (0..17).map(|i| format!("subnet-{i}").into()).collect();
        vpc.security_groups = (0..6).map(|i| format!("sg-{i}").into()).collect();
    });
    breaks(
        &many,
        "ECS-J3",
        "networkConfiguration.awsvpcConfiguration.subnets",
    );
    breaks(
        &many,
        "ECS-J3",
        "networkConfiguration.awsvpcConfiguration.securityGroups",
    );
}

#[test]
fn j4_launch_type_or_strategy() {
    let both = Service::fargate("web", "c", "web")
        .desired_count(1)
        .build_unchecked();
    let mut both = both;
    both.capacity_provider_strategy
        .push(ecs_model::service::CapacityProviderStrategyItem::new(
            "FARGATE_SPOT",
            1,
            None,
        ));
    breaks(&both.validate(), "ECS-J4", "capacityProviderStrategy");
    let spot = Service::on_capacity_providers("web", "c", "web")
        .desired_count(2)
        .capacity_provider("FARGATE", 1, Some(1))
        .capacity_provider("FARGATE_SPOT", 3, Some(1))
        .build_unchecked();
    breaks(
        &spot.validate(),
        "ECS-J4",
        "capacityProviderStrategy[1].base",
    );
    let zero = Service::on_capacity_providers("web", "c", "web")
        .desired_count(2)
        .capacity_provider("FARGATE", 0, None)
        .build_unchecked();
    breaks(&zero.validate(), "ECS-J4", "capacityProviderStrategy");
    let ok = Service::on_capacity_providers("web", "c", "web")
        .desired_count(2)
        .capacity_provider("FARGATE", 1, Some(1))
        .capacity_provider("FARGATE_SPOT", 3, None)
        .build_unchecked();
    keeps(&ok.validate(), "ECS-J4");
    breaks(
        &Service::builder("mi")
            .desired_count(1)
            .launch_type(ecs_model::Compatibility::ManagedInstances)
            .build_unchecked()
            .validate(),
        "ECS-J4",
        "launchType",
    );
}

#[test]
fn j7_daemon_scheduling() {
    breaks(
        &service_with(|s| s.scheduling_strategy = Some(SchedulingStrategy::Daemon)),
        "ECS-J7",
        "schedulingStrategy",
    );
    let code_deploy = Service::ec2("agent", "c", "agent")
        .scheduling_strategy(SchedulingStrategy::Daemon)
        .with(|s| {
            s.deployment_controller = Some(code_deploy_controller());
            s.deployment_configuration = None;
        })
        .build_unchecked();
    breaks(&code_deploy.validate(), "ECS-J7", "schedulingStrategy");
}

#[test]
fn j8_load_balancer_entries() {
    let lb = Service::fargate("web", "c", "web")
        .desired_count(1)
        .load_balancer("arn:aws:elasticloadbalancing:x", "web", 70000)
        .build_unchecked();
    breaks(&lb.validate(), "ECS-J8", "loadBalancers[0].containerPort");
    let empty = service_with(|s| {
        s.load_balancers
            .push(ecs_model::service::ServiceLoadBalancer::default());
    });
    breaks(&empty, "ECS-J8", "loadBalancers[0]");
    breaks(&empty, "ECS-J8", "loadBalancers[0].containerName");
    let six = (0..6)
        .fold(
            Service::fargate("web", "c", "web").desired_count(1),
            |b, i| b.load_balancer(format!("tg-{i}"), "web", 80),
        )
        .build_unchecked();
    breaks(&six.validate(), "ECS-J8", "loadBalancers");
}

#[test]
fn j11_j19_j21_j22_limits() {
    breaks(
        &service_with(|s| s.health_check_grace_period_seconds = Some(-1)),
        "ECS-J11",
        "healthCheckGracePeriodSeconds",
    );
    breaks(
        &service_with(|s| {
            s.service_registries = vec![ecs_model::service::ServiceRegistry::default(); 2];
        }),
        "ECS-J19",
        "serviceRegistries",
    );
    breaks(
        &service_with(|s| s.client_token = Some("x".repeat(37).into())),
        "ECS-J21",
        "clientToken",
    );
    let ec2 = Service::ec2("web", "c", "web")
        .desired_count(1)
        .platform_version("1.4.0")
        .build_unchecked();
    breaks(&ec2.validate(), "ECS-J22", "platformVersion");
    keeps(
        &service_with(|s| s.platform_version = Some("LATEST".into())),
        "ECS-J22",
    );
}

#[test]
fn j12_deployment_percents() {
    breaks(
        &service_with(|s| s.deployment_configuration.as_mut().unwrap().maximum_percent = Some(50)),
        "ECS-J12",
        "deploymentConfiguration.maximumPercent",
    );
    breaks(
        &service_with(|s| {
            s.deployment_configuration
                .as_mut()
                .unwrap()
                .minimum_healthy_percent = Some(150);
        }),
        "ECS-J12",
        "deploymentConfiguration.minimumHealthyPercent",
    );
    let cdk_default = service_with(|s| {
        s.deployment_configuration
            .as_mut()
            .unwrap()
            .minimum_healthy_percent = Some(50);
    });
    let d = breaks(
        &cdk_default,
        "ECS-J12",
        "deploymentConfiguration.minimumHealthyPercent",
    );
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("50%"), "{d}");
}

#[test]
fn j13_controller_features() {
    let code_deploy = service_with(|s| s.deployment_controller = Some(code_deploy_controller()));
    breaks(
        &code_deploy,
        "ECS-J13",
        "deploymentConfiguration.deploymentCircuitBreaker",
    );
    let no_alarm = Service::fargate("web", "c", "web")
        .desired_count(1)
        .deployment_alarms(Vec::<String>::new(), true)
        .build_unchecked();
    breaks(
        &no_alarm.validate(),
        "ECS-J13",
        "deploymentConfiguration.alarms.alarmNames",
    );
    keeps(
        &Service::fargate("web", "c", "web")
            .desired_count(1)
            .deployment_alarms(["5xx"], true)
            .build_unchecked()
            .validate(),
        "ECS-J13",
    );
}

#[test]
fn j14_native_strategies() {
    let blue_green = Service::fargate("web", "c", "web")
        .desired_count(1)
        .deployment_strategy(DeploymentStrategy::BlueGreen, None)
        .build_unchecked();
    breaks(
        &blue_green.validate(),
        "ECS-J14",
        "deploymentConfiguration.bakeTimeInMinutes",
    );
    keeps(
        &Service::fargate("web", "c", "web")
            .desired_count(1)
            .deployment_strategy(DeploymentStrategy::BlueGreen, Some(10))
            .build_unchecked()
            .validate(),
        "ECS-J14",
    );
    let linear = service_with(|s| {
        s.deployment_configuration
            .as_mut()
            .unwrap()
            .linear_configuration = Some(ecs_model::service::LinearConfiguration::default());
        let linear = s
            .deployment_configuration
            .as_mut()
            .unwrap()
            .linear_configuration
            .as_mut()
            .unwrap();
        linear.step_percent = Some(2.5);
        linear.step_bake_time_in_minutes = Some(2000);
    });
    breaks(
        &linear,
        "ECS-J14",
        "deploymentConfiguration.linearConfiguration.stepPercent",
    );
    breaks(
        &linear,
        "ECS-J14",
        "deploymentConfiguration.linearConfiguration.stepBakeTimeInMinutes",
    );
    let canary = service_with(|s| {
        s.deployment_configuration
            .as_mut()
            .unwrap()
            .canary_configuration = Some(ecs_model::service::CanaryConfiguration::default());
        s.deployment_configuration
            .as_mut()
            .unwrap()
            .canary_configuration
            .as_mut()
            .unwrap()
            .canary_percent = Some(0.05);
    });
    breaks(
        &canary,
        "ECS-J14",
        "deploymentConfiguration.canaryConfiguration.canaryPercent",
    );
}

#[test]
fn j17_placement() {
    let distinct = service_with(|s| {
        let mut constraint = ServicePlacementConstraint::default();
        constraint.r#type = Some(ecs_model::service::PlacementConstraintType::DistinctInstance);
        constraint.expression = Some("attribute:x == y".into());
        s.placement_constraints.push(constraint);
    });
    breaks(&distinct, "ECS-J17", "placementConstraints[0].expression");
    breaks(&distinct, "ECS-J17", "launchType");
}

#[test]
fn j20_managed_tags() {
    let d = breaks(
        &service_with(|s| s.enable_ecs_managed_tags = Some(true)),
        "ECS-J20",
        "enableECSManagedTags",
    );
    assert_eq!(d.severity, Severity::Warning);
    keeps(
        &service_with(|s| {
            s.enable_ecs_managed_tags = Some(true);
            s.propagate_tags = Some(ecs_model::service::PropagateTags::Service);
        }),
        "ECS-J20",
    );
}

// ---- K: clusters and capacity ------------------------------------------------------------------

#[test]
fn k1_cluster_names_and_insights() {
    breaks(
        &Cluster::builder("my cluster").build_unchecked().validate(),
        "ECS-K1",
        "clusterName",
    );
    let mut cluster = Cluster::builder("c").build_unchecked();
    let mut setting = ecs_model::cluster::ClusterSetting::default();
    setting.name = Some(ecs_model::cluster::ClusterSettingName::ContainerInsights);
    setting.value = Some("on".into());
    cluster.settings.push(setting);
    breaks(&cluster.validate(), "ECS-K1", "settings[0].value");
}

#[test]
fn k2_provider_names() {
    breaks(
        &Cluster::builder("c")
            .capacity_provider("ecs-spot")
            .build_unchecked()
            .validate(),
        "ECS-K2",
        "capacityProviders[0]",
    );
    keeps(
        &Cluster::builder("c")
            .capacity_provider("FARGATE_SPOT")
            .capacity_provider("dev-asg")
            .build_unchecked()
            .validate(),
        "ECS-K2",
    );
    breaks(
        &CapacityProvider::auto_scaling_group("aws-asg", "arn:asg", 100)
            .build_unchecked()
            .validate(),
        "ECS-K2",
        "name",
    );
}

#[test]
fn k3_managed_scaling_and_group_sizes() {
    let provider = CapacityProvider::auto_scaling_group("dev-asg", "arn:aws:autoscaling:x", 0)
        .build_unchecked();
    breaks(
        &provider.validate(),
        "ECS-K3",
        "autoScalingGroupProvider.managedScaling.targetCapacity",
    );
    let mut protected =
        CapacityProvider::auto_scaling_group("dev-asg", "arn:aws:autoscaling:x", 100)
            .build_unchecked();
    let asg = protected.auto_scaling_group_provider.as_mut().unwrap();
    asg.managed_scaling = None;
    asg.managed_termination_protection = Some(ManagedTerminationProtection::Enabled);
    breaks(
        &protected.validate(),
        "ECS-K3",
        "autoScalingGroupProvider.managedTerminationProtection",
    );
    let d = breaks(
        &AutoScalingGroup::builder("dev-asg", 0, 0)
            .build_unchecked()
            .validate(),
        "ECS-K3",
        "MaxSize",
    );
    assert!(d.message.contains("can never start an instance"), "{d}");
    assert!(
        AutoScalingGroup::builder("dev-asg", 0, 2)
            .build_unchecked()
            .validate()
            .is_empty()
    );
    keeps(
        &CapacityProvider::auto_scaling_group("dev-asg", "arn:aws:autoscaling:x", 100)
            .build_unchecked()
            .validate(),
        "ECS-K3",
    );
}

#[test]
fn k4_default_strategy_uses_the_clusters_providers() {
    breaks(
        &Cluster::builder("c")
            .default_strategy("FARGATE", 1, None)
            .build_unchecked()
            .validate(),
        "ECS-K4",
        "defaultCapacityProviderStrategy[0].capacityProvider",
    );
    keeps(
        &Cluster::builder("c")
            .capacity_provider("FARGATE")
            .default_strategy("FARGATE", 1, None)
            .build_unchecked()
            .validate(),
        "ECS-K4",
    );
    let crowded = (0..21)
        .fold(Cluster::builder("c"), |c, i| {
            c.capacity_provider(format!("p{i}"))
        })
        .build_unchecked();
    breaks(&crowded.validate(), "ECS-K4", "capacityProviders");
}

#[test]
fn k5_managed_instances() {
    let mi = CapacityProvider::managed_instances(
        "mi",
        "arn:aws:iam::1:role/infra",
        "arn:aws:iam::1:instance-profile/ecs",
        Vec::<String>::new(),
    )
    .build_unchecked();
    breaks(
        &mi.validate(),
        "ECS-K5",
        "managedInstancesProvider.instanceLaunchTemplate.networkConfiguration.subnets",
    );
    keeps(
        &CapacityProvider::managed_instances(
            "mi",
            "arn:aws:iam::1:role/infra",
            "arn:aws:iam::1:instance-profile/ecs",
            ["subnet-1"],
        )
        .build_unchecked()
        .validate(),
        "ECS-K5",
    );
}

#[test]
fn k5_nitro_sandbox_without_local_storage() {
    let mut mi = CapacityProvider::managed_instances(
        "mi",
        "arn:aws:iam::1:role/infra",
        "arn:aws:iam::1:instance-profile/ecs",
        ["subnet-1"],
    )
    .build_unchecked();
    let template = &mut mi
        .managed_instances_provider
        .as_mut()
        .unwrap()
        .instance_launch_template;
    template.nitro_enclaves_enabled = Some(true);
    keeps(&mi.validate(), "ECS-K5");
    let mut local = ecs_model::cluster::ManagedInstancesLocalStorageConfiguration::default();
    local.use_local_storage = Some(true);
    mi.managed_instances_provider
        .as_mut()
        .unwrap()
        .instance_launch_template
        .local_storage_configuration = Some(local);
    breaks(
        &mi.validate(),
        "ECS-K5",
        "managedInstancesProvider.instanceLaunchTemplate.nitroEnclavesEnabled",
    );
}

/// A service from the `CreateService` JSON of the Fargate baseline, patched.
fn service_json(patch: &serde_json::Value) -> Service {
    let mut doc = serde_json::to_value(fargate_service()).unwrap();
    for (key, value) in patch.as_object().unwrap() {
        doc[key] = value.clone();
    }
    Service::from_json(&doc.to_string()).unwrap()
}

#[test]
fn j23_one_gateway_connector() {
    let connector =
        serde_json::json!({"portName": "http", "deregistrationDelay": {"timeoutSeconds": 30}});
    keeps(
        &service_json(&serde_json::json!({"gatewayConnectors": [connector]})).validate(),
        "ECS-J23",
    );
    breaks(
        &service_json(&serde_json::json!({"gatewayConnectors": [connector, connector]})).validate(),
        "ECS-J23",
        "gatewayConnectors",
    );
    breaks(
        &service_json(&serde_json::json!({"gatewayConnectors": [
            {"portName": "http", "deregistrationDelay": {"timeoutSeconds": 3601}}
        ]}))
        .validate(),
        "ECS-J23",
        "gatewayConnectors[0].deregistrationDelay.timeoutSeconds",
    );
}

#[test]
fn j24_early_success_criteria() {
    let with = |config: serde_json::Value| {
        service_json(&serde_json::json!({"deploymentConfiguration": config})).validate()
    };
    keeps(
        &with(
            serde_json::json!({"minimumHealthyPercent": 100, "earlySuccessCriteria":
            {"enable": true, "healthyPercent": 100, "sourceServiceRevisionCleanup": "DEFERRED"}}),
        ),
        "ECS-J24",
    );
    breaks(
        &with(
            serde_json::json!({"minimumHealthyPercent": 100, "earlySuccessCriteria":
            {"enable": true, "healthyPercent": 80, "sourceServiceRevisionCleanup": "BLOCKING"}}),
        ),
        "ECS-J24",
        "deploymentConfiguration.earlySuccessCriteria.healthyPercent",
    );
    breaks(
        &with(serde_json::json!({"earlySuccessCriteria": {"enable": true, "healthyPercent": 90}})),
        "ECS-J24",
        "deploymentConfiguration.earlySuccessCriteria.sourceServiceRevisionCleanup",
    );
    breaks(
        &with(
            serde_json::json!({"strategy": "BLUE_GREEN", "bakeTimeInMinutes": 5,
            "earlySuccessCriteria": {"enable": false}}),
        ),
        "ECS-J24",
        "deploymentConfiguration.earlySuccessCriteria",
    );
    // Off, it needs nothing else.
    keeps(
        &with(serde_json::json!({"earlySuccessCriteria": {"enable": false}})),
        "ECS-J24",
    );
}

#[test]
fn j25_service_connect_proxy_settings() {
    let with = |settings: serde_json::Value| {
        service_json(&serde_json::json!({"serviceConnectConfiguration":
            {"enabled": false, "containerConfigurations": settings}}))
        .validate()
    };
    keeps(&with(serde_json::json!([{"logLevel": "debug"}])), "ECS-J25");
    breaks(
        &with(serde_json::json!([{"logLevel": "debug"}, {"logLevel": "info"}])),
        "ECS-J25",
        "serviceConnectConfiguration.containerConfigurations[1].logLevel",
    );
    breaks(
        &with(serde_json::json!([{}])),
        "ECS-J25",
        "serviceConnectConfiguration.containerConfigurations[0]",
    );
}

#[test]
fn g9_registry_credentials_in_user_data() {
    let agent = AgentConfig::new("dev")
        .set("ECS_ENGINE_AUTH_TYPE", "dockercfg")
        .set(
            "ECS_ENGINE_AUTH_DATA",
            r#"{"https://index.docker.io/v1/":{"auth":"c2VjcmV0","email":"a@b"}}"#,
        );
    let d = breaks(&agent.validate(), "ECS-G9", "ECS_ENGINE_AUTH_DATA");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("`repositoryCredentials`"), "{d}");
    assert!(!d.message.contains("c2VjcmV0"), "{d}");
    keeps(
        &AgentConfig::new("dev")
            .set("ECS_ENGINE_AUTH_TYPE", "dockercfg")
            .validate(),
        "ECS-G9",
    );
}

#[test]
fn k6_agent_settings() {
    let agent = AgentConfig::new("dev")
        .set("ECS_ENABLE_CONTAINER_METADAT", "true")
        .set("ECS_LOGLEVEL", "debug\ninfo");
    let d = breaks(&agent.validate(), "ECS-K6", "ECS_ENABLE_CONTAINER_METADAT");
    assert!(
        d.message
            .contains("did you mean `ECS_ENABLE_CONTAINER_METADATA`"),
        "{d}"
    );
    assert_eq!(
        breaks(&agent.validate(), "ECS-K6", "ECS_LOGLEVEL").severity,
        Severity::Error
    );
    assert!(
        AgentConfig::new("dev")
            .set("ECS_ENABLE_CONTAINER_METADATA", "true")
            .validate()
            .is_empty()
    );
}

// ---- L: IAM ------------------------------------------------------------------------------------

#[test]
fn l5_names_sizes_and_statements() {
    let mut role = Role::ecs_task("has space", &account()).build_unchecked();
    role.max_session_duration = Some(60);
    role.path = Some("no-slashes".into());
    let diagnostics = role.validate();
    breaks(&diagnostics, "ECS-L5", "RoleName");
    breaks(&diagnostics, "ECS-L5", "MaxSessionDuration");
    breaks(&diagnostics, "ECS-L5", "Path");
    let bad = Role::ecs_task("app", &account())
        .inline_policy(
            "p",
            PolicyDocument::new([Statement::allow("S3 GetObject", Vec::<String>::new())]),
        )
        .build_unchecked();
    let diagnostics = bad.validate();
    breaks(&diagnostics, "ECS-L5", "Policies.p.Statement[0].Action[0]");
    breaks(&diagnostics, "ECS-L5", "Policies.p.Statement[0]");
    let huge: Vec<String> = (0..400)
        .map(|i| format!("arn:aws:s3:::bucket-{i:04}/some/long/prefix/*"))
        .collect();
    let large = Role::ecs_task("app", &account())
        .inline_policy(
            "p",
            PolicyDocument::new([Statement::allow("s3:GetObject", huge)]),
        )
        .build_unchecked();
    breaks(&large.validate(), "ECS-L5", "Policies");
}

#[test]
fn l5_wildcards_are_warnings() {
    let wild = Role::ecs_task("app", &account())
        .inline_policy("p", PolicyDocument::new([Statement::allow("s3:*", "*")]))
        .build_unchecked();
    let diagnostics = wild.validate();
    assert_eq!(
        breaks(&diagnostics, "ECS-L5", "Policies.p.Statement[0].Action[0]").severity,
        Severity::Warning
    );
    assert_eq!(
        breaks(&diagnostics, "ECS-L5", "Policies.p.Statement[0].Resource").severity,
        Severity::Warning
    );
    let resourceless = Role::ecs_task("app", &account())
        .inline_policy(
            "p",
            PolicyDocument::new([Statement::allow("ecr:GetAuthorizationToken", "*")]),
        )
        .build_unchecked();
    keeps(&resourceless.validate(), "ECS-L5");
}

#[test]
fn l4_pass_role_is_scoped() {
    let unscoped =
        PolicyDocument::new([Statement::allow("iam:PassRole", "arn:aws:iam::1:role/app")]);
    breaks(&unscoped.validate(), "ECS-L4", "Statement[0]");
    let scoped = PolicyDocument::new([Statement::allow("iam:PassRole", "arn:aws:iam::1:role/app")
        .condition(
            "StringEquals",
            "iam:PassedToService",
            "ecs-tasks.amazonaws.com",
        )]);
    keeps(&scoped.validate(), "ECS-L4");
}

#[test]
fn trust_policies_name_principals_not_resources() {
    let mut role = Role::ecs_task("app", &account()).build_unchecked();
    role.trust_policy.statements[0].resource = "*".into();
    breaks(
        &role.validate(),
        "ECS-L5",
        "AssumeRolePolicyDocument.Statement[0].Resource",
    );
    keeps(
        &InstanceProfile::ecs_instance().build_unchecked().validate(),
        "ECS-L5",
    );
    breaks(
        &InstanceProfile::for_role(&Role::ecs_task("a b", &account()).build_unchecked())
            .build_unchecked()
            .validate(),
        "ECS-L5",
        "InstanceProfileName",
    );
}

// ---- M: load balancing and security groups ------------------------------------------------------

#[test]
fn m1_names() {
    breaks(
        &TargetGroup::ip("-bad-", 80, "vpc")
            .build_unchecked()
            .validate(),
        "ECS-M1",
        "Name",
    );
    breaks(
        &TargetGroup::ip("x".repeat(33), 80, "vpc")
            .build_unchecked()
            .validate(),
        "ECS-M1",
        "Name",
    );
    breaks(
        &LoadBalancer::application("my_alb", ["a", "b"])
            .build_unchecked()
            .validate(),
        "ECS-M1",
        "Name",
    );
}

#[test]
fn m2_to_m5_health_checks() {
    let tg = TargetGroup::ip("tg", 8080, "vpc")
        .health_check_timing(4, 2, 1, 11)
        .build_unchecked();
    let diagnostics = tg.validate();
    breaks(&diagnostics, "ECS-M2", "HealthCheckIntervalSeconds");
    breaks(&diagnostics, "ECS-M2", "HealthyThresholdCount");
    breaks(&diagnostics, "ECS-M2", "UnhealthyThresholdCount");
    breaks(
        &TargetGroup::ip("tg", 8080, "vpc")
            .health_check_timing(10, 10, 2, 2)
            .build_unchecked()
            .validate(),
        "ECS-M2",
        "HealthCheckTimeoutSeconds",
    );
    breaks(
        &TargetGroup::ip("tg", 8080, "vpc")
            .health_check_path("health")
            .build_unchecked()
            .validate(),
        "ECS-M3",
        "HealthCheckPath",
    );
    breaks(
        &TargetGroup::ip("tg", 8080, "vpc")
            .matcher("500")
            .build_unchecked()
            .validate(),
        "ECS-M4",
        "Matcher.HttpCode",
    );
    let mut port = TargetGroup::ip("tg", 0, "vpc").build_unchecked();
    port.health_check_port = Some("ninety".into());
    breaks(&port.validate(), "ECS-M5", "Port");
    breaks(&port.validate(), "ECS-M5", "HealthCheckPort");
}

#[test]
fn m6_listeners() {
    let https = Listener::https(
        "{{load-balancer:alb}}",
        443,
        "arn:aws:acm:x",
        Action::forward("{{target-group:tg}}"),
    )
    .build_unchecked();
    assert!(https.validate().is_empty());
    let mut no_cert = https.clone();
    no_cert.certificates.clear();
    breaks(&no_cert.validate(), "ECS-M6", "Certificates");
    let mut forward_nowhere =
        Listener::http("{{load-balancer:alb}}", 80, Action::forward("x")).build_unchecked();
    forward_nowhere.default_actions[0].target_group_arn = None;
    breaks(&forward_nowhere.validate(), "ECS-M6", "DefaultActions[0]");
    keeps(
        &Listener::http("{{load-balancer:alb}}", 80, Action::redirect_to_https())
            .build_unchecked()
            .validate(),
        "ECS-M6",
    );
}

#[test]
fn m6_listener_rules() {
    let api = ListenerRule::builder(
        "{{listener:alb:443}}",
        10,
        Action::forward("{{target-group:api}}"),
    )
    .path_patterns(["/api/*"])
    .build_unchecked();
    assert!(api.validate().is_empty(), "{:?}", api.validate());
    breaks(
        &ListenerRule::builder("{{listener:alb:443}}", 0, Action::forward("x"))
            .path_patterns(["/"])
            .build_unchecked()
            .validate(),
        "ECS-M6",
        "Priority",
    );
    breaks(
        &ListenerRule::builder("{{listener:alb:443}}", 1, Action::forward("x"))
            .build_unchecked()
            .validate(),
        "ECS-M6",
        "Conditions",
    );
    let six = api
        .clone()
        .into_builder()
        .host_headers([
            "a.example.com",
            "b.example.com",
            "c.example.com",
            "d.example.com",
            "e.example.com",
        ])
        .build_unchecked();
    let d = breaks(&six.validate(), "ECS-M6", "Conditions");
    assert!(d.message.contains("6 condition values"), "{d}");
    let mut redirect_nowhere = api.clone();
    redirect_nowhere.actions[0].r#type = ecs_model::alb::ActionType::Redirect;
    breaks(&redirect_nowhere.validate(), "ECS-M6", "Actions[0]");
}

#[test]
fn m8_albs_span_two_subnets() {
    breaks(
        &LoadBalancer::application("alb", ["subnet-1"])
            .build_unchecked()
            .validate(),
        "ECS-M8",
        "Subnets",
    );
    keeps(
        &LoadBalancer::application("alb", ["subnet-1", "subnet-2"])
            .build_unchecked()
            .validate(),
        "ECS-M8",
    );
}

#[test]
fn m9_security_groups_are_well_formed() {
    let group = SecurityGroup::builder("sg-named", "", "vpc")
        .allow(IngressRule::tcp_range(
            90,
            80,
            Source::Cidr("0.0.0.0/0".into()),
        ))
        .allow(IngressRule::tcp(80, Source::Cidr("10.0.0.0/33".into())))
        .build_unchecked();
    let diagnostics = group.validate();
    breaks(&diagnostics, "ECS-M9", "GroupName");
    breaks(&diagnostics, "ECS-M9", "Description");
    breaks(&diagnostics, "ECS-M9", "IpPermissions[0]");
    breaks(&diagnostics, "ECS-M9", "IpPermissions[1].CidrIp");
    assert!(
        SecurityGroup::public_load_balancer("alb-sg", "vpc")
            .build_unchecked()
            .validate()
            .is_empty()
    );
}

#[test]
fn m10_deregistration_delay() {
    breaks(
        &TargetGroup::ip("tg", 80, "vpc")
            .deregistration_delay(4000)
            .build_unchecked()
            .validate(),
        "ECS-M10",
        "Attributes[0].Value",
    );
    keeps(
        &TargetGroup::ip("tg", 80, "vpc")
            .deregistration_delay(30)
            .build_unchecked()
            .validate(),
        "ECS-M10",
    );
}

// ---- JSON in and out -----------------------------------------------------------------------------

#[test]
fn services_parse_strictly_like_task_definitions() {
    let service = fargate_service();
    let parsed = Service::from_json(&service.to_json()).unwrap();
    assert_eq!(parsed, service);
    let err = Service::from_json(r#"{"serviceName": "web", "desiredCount": "2"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "desiredCount: expected an integer, found a string (\"2\")"
    );
    let err = Service::from_json(r#"{"serviceName": "web", "lanchType": "FARGATE"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "lanchType: unknown key `lanchType`, did you mean `launchType`?"
    );
    let tg = TargetGroup::from_json(
        r#"{"Name": "tg", "Port": 8080, "TargetType": "ip", "Protocol": "HTTP"}"#,
    )
    .unwrap();
    assert_eq!(tg.effective_target_type(), ecs_model::alb::TargetType::Ip);
    let err = TargetGroup::from_json(r#"{"Name": "tg", "TargetType": "task"}"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("TargetType: \"task\" is not a valid target type"),
        "{err}"
    );
}

fn code_deploy_controller() -> ecs_model::service::DeploymentController {
    let mut controller = ecs_model::service::DeploymentController::default();
    controller.r#type = DeploymentControllerType::CodeDeploy;
    controller
}
