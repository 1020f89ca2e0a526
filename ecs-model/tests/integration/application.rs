//! The seams between an application's resources, each from both sides: a whole application that
//! keeps the rule, and the same application with one thing changed that breaks it, reported at
//! the path of what to fix.

use crate::support;

use ecs_model::alb::{Action, Listener, ListenerRule, LoadBalancer, TargetGroup, TargetType};
use ecs_model::cluster::{
    AgentConfig, CapacityProvider, Cluster, ContainerInstance, EcsOptimizedAmi,
};
use ecs_model::iam::{InstanceProfile, PolicyDocument, Role, Statement, execution_policy};
use ecs_model::network::{IngressRule, SecurityGroup, Source};
use ecs_model::service::{Service, ServiceConnectConfiguration, ServiceConnectService};
use ecs_model::{
    Account, Application, Compatibility, ContainerDefinition, Diagnostic, LogConfiguration,
    NetworkMode, PortMapping, Reference, Severity, TaskDefinition,
};

const VPC: &str = "vpc-0a1b2c3d";
const SUBNETS: [&str; 2] = ["subnet-a", "subnet-c"];

fn account() -> Account {
    Account::new("123456789012", "ap-northeast-2")
}

#[track_caller]
fn breaks(subject: &Application, rule: &str, path: &str) -> Diagnostic {
    support::expect_rule(&subject.validate(), rule, path)
}

#[track_caller]
fn keeps(subject: &Application, rule: &str) {
    support::expect_no_rule(&subject.validate(), rule);
}

fn changed(app: &Application, f: impl FnOnce(&mut Application)) -> Application {
    let mut app = app.clone();
    f(&mut app);
    app
}

fn service_of(app: &mut Application) -> &mut Service {
    app.service.as_mut().expect("the application has a service")
}

/// Seed 002: a Fargate service of two tasks behind a public ALB, in two subnets.
fn fargate_app() -> Application {
    let account = account();
    let td = TaskDefinition::fargate("web", "512", "1024")
        .container(
            ContainerDefinition::builder(
                "app",
                "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/web:1",
            )
            .port(PortMapping::tcp(8080).named("http"))
            .log_configuration(LogConfiguration::awslogs(
                "/ecs/web",
                "ap-northeast-2",
                "app",
            )),
        )
        .build_unchecked();
    let execution = Role::ecs_task_execution("web-execution", &account).inline_policy(
        "execution",
        execution_policy(
            &td,
            &account,
            &ecs_model::iam::ExecutionPolicyOptions::default(),
        ),
    );
    let alb_sg = SecurityGroup::public_load_balancer("web-alb-sg", VPC);
    let service_sg =
        SecurityGroup::service_behind("web-sg", VPC, "web-alb-sg", 8080).build_unchecked();
    let service = Service::fargate("web", "web-cluster", "web")
        .desired_count(2)
        .subnets(SUBNETS)
        .security_group(service_sg.reference())
        .load_balancer(Reference::target_group("web-tg"), "app", 8080)
        .build_unchecked();
    Application::builder(account, Cluster::builder("web-cluster"), td)
        .execution_role(execution)
        .task_role(Role::ecs_task(
            "web-task",
            &ecs_model::Account::new("123456789012", "ap-northeast-2"),
        ))
        .security_group(alb_sg)
        .security_group(service_sg)
        .load_balancer(
            LoadBalancer::application("web-alb", SUBNETS)
                .security_group(Reference::security_group("web-alb-sg")),
        )
        .target_group(TargetGroup::ip("web-tg", 8080, VPC).health_check_path("/health"))
        .listener(Listener::http(
            Reference::load_balancer("web-alb"),
            80,
            Action::forward(Reference::target_group("web-tg")),
        ))
        .service(service)
        .build()
        .expect("the Fargate application is valid")
}

/// Seeds 000 and 004: an EC2 instance with `ecsInstanceRole`, a `bridge` task on a dynamic host
/// port behind an ALB, and the instance group that opens the dynamic range to the ALB.
fn bridge_app() -> Application {
    let role = Role::ecs_instance().build_unchecked();
    let profile = InstanceProfile::for_role(&role).build_unchecked();
    let alb_sg = SecurityGroup::public_load_balancer("dev-alb-sg", VPC);
    let instance_sg =
        SecurityGroup::instances_behind("dev-instance-sg", VPC, "dev-alb-sg").build_unchecked();
    let instance = ContainerInstance::builder(
        "dev-1",
        "t3.small",
        EcsOptimizedAmi::AmazonLinux2023,
        &profile.name,
        AgentConfig::new("dev"),
    )
    .security_group(instance_sg.reference());
    let td = TaskDefinition::ec2_bridge("dev-web")
        .container(
            ContainerDefinition::builder("web", "nginx:1.27")
                .memory_reservation(128)
                .port(80),
        )
        .build_unchecked();
    let service = Service::ec2("dev-web", "dev", "dev-web")
        .desired_count(1)
        .load_balancer(Reference::target_group("dev-tg"), "web", 80)
        .build_unchecked();
    Application::builder(account(), Cluster::builder("dev"), td)
        .role(role)
        .instance_profile(profile)
        .security_group(alb_sg)
        .security_group(instance_sg)
        .instance(instance)
        .load_balancer(
            LoadBalancer::application("dev-alb", SUBNETS)
                .security_group(Reference::security_group("dev-alb-sg")),
        )
        .target_group(TargetGroup::instance("dev-tg", 80, VPC))
        .listener(Listener::http(
            Reference::load_balancer("dev-alb"),
            80,
            Action::forward(Reference::target_group("dev-tg")),
        ))
        .service(service)
        .build()
        .expect("the bridge application is valid")
}

#[test]
fn the_baselines_are_clean() {
    for app in [fargate_app(), bridge_app()] {
        let diagnostics = app.validate();
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    }
}

// ---- the service's load balancer against the task definition --------------------------------

#[test]
fn j8_the_load_balancer_names_a_container_and_port_of_the_task() {
    let app = fargate_app();
    keeps(&app, "ECS-J8");
    let d = breaks(
        &changed(&app, |a| {
            service_of(a).load_balancers[0].container_name = Some("ap".into());
        }),
        "ECS-J8",
        "service.loadBalancers[0].containerName",
    );
    assert!(
        d.message
            .contains("no container of the task definition is named \"ap\""),
        "{d}"
    );
    let d = breaks(
        &changed(&app, |a| {
            service_of(a).load_balancers[0].container_port = Some(80);
        }),
        "ECS-J8",
        "service.loadBalancers[0].containerPort",
    );
    assert!(d.message.contains("maps no port 80 (it maps 8080)"), "{d}");
}

#[test]
fn j8_the_target_group_port_is_the_container_port_in_awsvpc() {
    let app = fargate_app();
    let d = breaks(
        &changed(&app, |a| a.target_groups[0].port = Some(80)),
        "ECS-J8",
        "targetGroups.web-tg.Port",
    );
    assert!(
        d.message.contains("differs from the container port 8080"),
        "{d}"
    );
    // In bridge mode the target group's port is only a default: ECS registers the host port.
    keeps(
        &changed(&bridge_app(), |a| a.target_groups[0].port = Some(8000)),
        "ECS-J8",
    );
}

#[test]
fn j8_the_service_runs_the_applications_task_definition() {
    let app = fargate_app();
    keeps(
        &changed(&app, |a| {
            service_of(a).task_definition =
                Some("arn:aws:ecs:ap-northeast-2:123456789012:task-definition/web:7".into());
        }),
        "ECS-J8",
    );
    breaks(
        &changed(&app, |a| {
            service_of(a).task_definition = Some("api:3".into());
        }),
        "ECS-J8",
        "service.taskDefinition",
    );
}

#[test]
fn m7_target_types_fit_the_network_mode() {
    let awsvpc_on_instance = changed(&fargate_app(), |a| {
        a.target_groups[0].target_type = Some(TargetType::Instance);
    });
    breaks(
        &awsvpc_on_instance,
        "ECS-M7",
        "targetGroups.web-tg.TargetType",
    );
    let bridge_on_ip = changed(&bridge_app(), |a| {
        a.target_groups[0].target_type = Some(TargetType::Ip);
    });
    breaks(&bridge_on_ip, "ECS-M7", "targetGroups.dev-tg.TargetType");
    keeps(&fargate_app(), "ECS-M7");
    keeps(&bridge_app(), "ECS-M7");
}

#[test]
fn j9_dynamic_host_ports_are_health_checked_on_the_traffic_port() {
    let fixed_check_port = changed(&bridge_app(), |a| {
        a.target_groups[0].health_check_port = Some("80".into());
    });
    let d = breaks(
        &fixed_check_port,
        "ECS-J9",
        "targetGroups.dev-tg.HealthCheckPort",
    );
    assert!(d.message.contains("traffic-port"), "{d}");
    // A fixed host port may be checked on that port.
    let fixed_host_port = changed(&fixed_check_port, |a| {
        a.task_definition.container_definitions[0].port_mappings[0].host_port = Some(80);
        a.security_groups[1].ingress.push(IngressRule::tcp(
            80,
            Source::Group(Reference::security_group("dev-alb-sg").to_string()),
        ));
    });
    keeps(&fixed_host_port, "ECS-J9");
    keeps(&fixed_host_port, "ECS-M9");
}

// ---- the service against the task definition and cluster ------------------------------------

#[test]
fn j3_awsvpc_tasks_get_a_network_configuration_and_others_none() {
    let app = fargate_app();
    breaks(
        &changed(&app, |a| service_of(a).network_configuration = None),
        "ECS-J3",
        "service.networkConfiguration",
    );
    let bridge_with_vpc = changed(&bridge_app(), |a| {
        service_of(a).network_configuration = app
            .service
            .as_ref()
            .and_then(|s| s.network_configuration.clone());
    });
    let d = breaks(&bridge_with_vpc, "ECS-J3", "service.networkConfiguration");
    assert!(d.message.contains("`bridge`"), "{d}");
    keeps(&app, "ECS-J3");
    keeps(&bridge_app(), "ECS-J3");
}

#[test]
fn j6_fargate_services_run_fargate_task_definitions() {
    let ec2_only = changed(&fargate_app(), |a| {
        a.task_definition.requires_compatibilities = vec![Compatibility::Ec2];
    });
    breaks(
        &ec2_only,
        "ECS-J6",
        "taskDefinition.requiresCompatibilities",
    );
    let ec2_service_of_fargate_task = changed(&bridge_app(), |a| {
        a.task_definition.requires_compatibilities = vec![Compatibility::Fargate];
    });
    breaks(
        &ec2_service_of_fargate_task,
        "ECS-J6",
        "taskDefinition.requiresCompatibilities",
    );
    keeps(&fargate_app(), "ECS-J6");
}

#[test]
fn a22_fargate_services_that_pull_from_ecr_have_an_execution_role() {
    let d = breaks(
        &changed(&fargate_app(), |a| {
            a.task_definition.execution_role_arn = None;
        }),
        "ECS-A22",
        "taskDefinition.executionRoleArn",
    );
    assert_eq!(d.severity, Severity::Error);
    // On EC2 the instance role pulls and logs.
    keeps(&bridge_app(), "ECS-A22");
}

#[test]
fn a21_managed_instances_run_through_a_capacity_provider_strategy() {
    let app = changed(&fargate_app(), |a| {
        a.task_definition.requires_compatibilities = vec![Compatibility::ManagedInstances];
        let service = service_of(a);
        service.launch_type = None;
        service.platform_version = None;
    });
    breaks(&app, "ECS-A21", "service.capacityProviderStrategy");
    let provider = CapacityProvider::managed_instances(
        "web-mi",
        "arn:aws:iam::123456789012:role/ecsInfrastructureRole",
        "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole",
        SUBNETS,
    )
    .build_unchecked();
    let fixed = changed(&app, |a| {
        a.cluster = a
            .cluster
            .clone()
            .into_builder()
            .capacity_provider("web-mi")
            .build_unchecked();
        a.capacity_providers.push(provider);
        service_of(a).capacity_provider_strategy =
            vec![ecs_model::service::CapacityProviderStrategyItem::new(
                "web-mi", 1, None,
            )];
    });
    keeps(&fixed, "ECS-A21");
    keeps(&fixed, "ECS-K4");
}

#[test]
fn j10_awsvpc_services_take_no_role() {
    let app = changed(&fargate_app(), |a| {
        service_of(a).role = Some("ecsServiceRole".into());
    });
    breaks(&app, "ECS-J10", "service.role");
    keeps(
        &changed(&bridge_app(), |a| {
            service_of(a).role = Some("ecsServiceRole".into());
        }),
        "ECS-J10",
    );
}

#[test]
fn k4_the_service_runs_in_the_applications_cluster_on_its_providers() {
    let app = fargate_app();
    breaks(
        &changed(&app, |a| service_of(a).cluster = Some("other".into())),
        "ECS-K4",
        "service.cluster",
    );
    keeps(
        &changed(&app, |a| {
            service_of(a).cluster =
                Some("arn:aws:ecs:ap-northeast-2:123456789012:cluster/web-cluster".into());
        }),
        "ECS-K4",
    );
    let spot = changed(&app, |a| {
        let service = service_of(a);
        service.launch_type = None;
        service.capacity_provider_strategy =
            vec![ecs_model::service::CapacityProviderStrategyItem::new(
                "FARGATE_SPOT",
                1,
                None,
            )];
    });
    let d = breaks(
        &spot,
        "ECS-K4",
        "service.capacityProviderStrategy[0].capacityProvider",
    );
    assert!(d.message.contains("FARGATE_SPOT"), "{d}");
    keeps(
        &changed(&spot, |a| {
            a.cluster = a
                .cluster
                .clone()
                .into_builder()
                .capacity_provider("FARGATE_SPOT")
                .build_unchecked();
        }),
        "ECS-K4",
    );
}

#[test]
fn j18_service_connect_names_port_mappings_and_a_namespace() {
    let with_connect = |port_name: &str, namespace: Option<&str>| {
        changed(&fargate_app(), |a| {
            let mut sc = ServiceConnectConfiguration::default();
            sc.enabled = true;
            sc.namespace = namespace.map(str::to_owned);
            let mut svc = ServiceConnectService::default();
            svc.port_name = port_name.to_owned();
            sc.services.push(svc);
            service_of(a).service_connect_configuration = Some(sc);
        })
    };
    keeps(&with_connect("http", Some("internal")), "ECS-J18");
    let d = breaks(
        &with_connect("grpc", Some("internal")),
        "ECS-J18",
        "service.serviceConnectConfiguration.services[0].portName",
    );
    assert!(d.message.contains("\"grpc\""), "{d}");
    breaks(
        &with_connect("http", None),
        "ECS-J18",
        "service.serviceConnectConfiguration.namespace",
    );
}

#[test]
fn j23_gateway_connectors_name_port_mappings() {
    let with_connector = |port_name: &str| {
        changed(&fargate_app(), |a| {
            let mut connector = ecs_model::service::GatewayConnector::default();
            connector.port_name = port_name.to_owned();
            service_of(a).gateway_connectors.push(connector);
        })
    };
    keeps(&with_connector("http"), "ECS-J23");
    let d = breaks(
        &with_connector("grpc"),
        "ECS-J23",
        "service.gatewayConnectors[0].portName",
    );
    assert!(d.message.contains("\"grpc\""), "{d}");
}

#[test]
fn a23_sandboxed_tasks_need_nitro_sandbox_instances() {
    let with_provider = |nitro: Option<bool>| {
        changed(&fargate_app(), |a| {
            let mut trusted = ecs_model::task_definition::TrustedExecutionConfiguration::default();
            trusted.isolation_mode = ecs_model::task_definition::IsolationMode::IsolatedSandbox;
            a.task_definition.trusted_execution_configuration = Some(trusted);
            let mut mi = CapacityProvider::managed_instances(
                "mi",
                "arn:aws:iam::123456789012:role/infra",
                "arn:aws:iam::123456789012:instance-profile/ecs",
                SUBNETS,
            )
            .build_unchecked();
            mi.managed_instances_provider
                .as_mut()
                .unwrap()
                .instance_launch_template
                .nitro_enclaves_enabled = nitro;
            a.capacity_providers.push(mi);
            let service = service_of(a);
            service.launch_type = None;
            service.capacity_provider_strategy =
                vec![ecs_model::service::CapacityProviderStrategyItem::default()];
            service.capacity_provider_strategy[0].capacity_provider = "mi".to_owned();
        })
    };
    let at = "service.capacityProviderStrategy[0].capacityProvider";
    let d = breaks(&with_provider(None), "ECS-A23", at);
    assert!(d.message.contains("nitroEnclavesEnabled"), "{d}");
    let enabled = with_provider(Some(true)).validate();
    assert!(
        !enabled
            .iter()
            .any(|d| d.path.to_string() == at && d.rule.is_some_and(|r| r.id == "ECS-A23")),
        "{enabled:#?}"
    );
}

// ---- roles ----------------------------------------------------------------------------------

#[test]
fn l1_task_roles_trust_ecs_tasks() {
    let app = fargate_app();
    keeps(&app, "ECS-L1");
    let ec2_trust = changed(&app, |a| {
        a.task_role.as_mut().expect("a task role").trust_policy =
            PolicyDocument::new([Statement::trust_service("ec2.amazonaws.com")]);
    });
    let d = breaks(&ec2_trust, "ECS-L1", "taskRole.AssumeRolePolicyDocument");
    assert_eq!(d.severity, Severity::Error);
    let no_conditions = changed(&app, |a| {
        a.execution_role
            .as_mut()
            .expect("an execution role")
            .trust_policy =
            PolicyDocument::new([Statement::trust_service("ecs-tasks.amazonaws.com")]);
    });
    let d = breaks(
        &no_conditions,
        "ECS-L1",
        "executionRole.AssumeRolePolicyDocument",
    );
    assert_eq!(
        d.severity,
        Severity::Warning,
        "the confused-deputy condition is advice: {d}"
    );
    assert!(d.message.contains("aws:SourceAccount"), "{d}");
}

#[test]
fn l1_the_task_definition_names_the_applications_roles() {
    let app = fargate_app();
    let d = breaks(
        &changed(&app, |a| {
            a.task_definition.execution_role_arn =
                Some("arn:aws:iam::123456789012:role/ecsTaskExecutionRole".into());
        }),
        "ECS-L1",
        "taskDefinition.executionRoleArn",
    );
    assert!(d.message.contains("\"web-execution\""), "{d}");
    breaks(
        &changed(&app, |a| {
            a.task_definition.task_role_arn =
                Some("arn:aws:iam::999999999999:role/web-task".into());
        }),
        "ECS-L1",
        "taskDefinition.taskRoleArn",
    );
}

#[test]
fn l3_the_instance_role_can_register_the_agent() {
    let app = bridge_app();
    keeps(&app, "ECS-L3");
    // Seed 004: the role exists, but without the managed policy the agent's
    // `ecs:RegisterContainerInstance` is denied.
    let bare = changed(&app, |a| a.roles[0].managed_policy_arns.clear());
    let d = breaks(&bare, "ECS-L3", "roles.ecsInstanceRole.ManagedPolicyArns");
    assert!(d.message.contains("ecs:RegisterContainerInstance"), "{d}");
    // Granting the action inline is as good.
    let inline = changed(&bare, |a| {
        a.roles[0] = a.roles[0]
            .clone()
            .into_builder()
            .inline_policy(
                "agent",
                PolicyDocument::new([Statement::allow(
                    ["ecs:RegisterContainerInstance", "ecs:Poll"],
                    "*",
                )]),
            )
            .build_unchecked();
    });
    keeps(&inline, "ECS-L3");
    let wrong_trust = changed(&app, |a| {
        a.roles[0].trust_policy =
            PolicyDocument::new([Statement::trust_service("ecs-tasks.amazonaws.com")]);
    });
    breaks(
        &wrong_trust,
        "ECS-L3",
        "roles.ecsInstanceRole.AssumeRolePolicyDocument",
    );
    let no_role = changed(&app, |a| a.roles.clear());
    breaks(
        &no_role,
        "ECS-L3",
        "instanceProfiles.ecsInstanceRole.RoleName",
    );
    let no_profile = changed(&app, |a| a.instance_profiles.clear());
    let d = breaks(&no_profile, "ECS-L3", "instances.dev-1.IamInstanceProfile");
    assert!(d.message.contains("could not register"), "{d}");
}

// ---- traffic between the security groups ----------------------------------------------------

#[test]
fn m9_the_service_group_admits_the_container_port_from_the_alb() {
    let app = fargate_app();
    keeps(&app, "ECS-M9");
    let wrong_port = changed(&app, |a| {
        let rule = &mut a.security_groups[1].ingress[0];
        (rule.from_port, rule.to_port) = (80, 80);
    });
    let d = breaks(&wrong_port, "ECS-M9", "service.loadBalancers[0]");
    assert!(d.message.contains("container port 8080"), "{d}");
    let from_anywhere_else = changed(&app, |a| {
        a.security_groups[1].ingress[0].source = Source::Cidr("10.0.0.0/8".into());
    });
    breaks(&from_anywhere_else, "ECS-M9", "service.loadBalancers[0]");
}

#[test]
fn m9_bridge_instances_admit_the_dynamic_host_ports_from_the_alb() {
    let app = bridge_app();
    keeps(&app, "ECS-M9");
    // Seed 004: only port 80 open on the instances; the task listens on a dynamic host port.
    let only_80 = changed(&app, |a| {
        a.security_groups[1].ingress = vec![IngressRule::tcp(
            80,
            Source::Group(Reference::security_group("dev-alb-sg").to_string()),
        )];
    });
    let d = breaks(&only_80, "ECS-M9", "service.loadBalancers[0]");
    assert!(d.message.contains("32768–65535"), "{d}");
}

#[test]
fn m9_a_public_alb_admits_its_listener_port_from_the_internet() {
    let app = fargate_app();
    let closed = changed(&app, |a| {
        a.security_groups[0].ingress.retain(|r| r.from_port != 80);
    });
    let d = breaks(&closed, "ECS-M9", "loadBalancers.web-alb.SecurityGroups");
    assert!(d.message.contains("port 80"), "{d}");
    // An internal load balancer is not for the internet.
    keeps(
        &changed(&closed, |a| {
            a.load_balancers[0] = a.load_balancers[0]
                .clone()
                .into_builder()
                .internal()
                .build_unchecked();
        }),
        "ECS-M9",
    );
}

#[test]
fn m8_an_alb_spans_two_subnets() {
    let app = changed(&fargate_app(), |a| a.load_balancers[0].subnets.truncate(1));
    breaks(&app, "ECS-M8", "loadBalancers.web-alb.Subnets");
}

#[test]
fn listener_rules_route_to_target_groups_of_the_application() {
    // The listener answers 404 itself; only `/app/*` reaches the tasks, through a rule.
    let routed = changed(&fargate_app(), |a| {
        a.listeners[0].default_actions = vec![{
            let mut not_found = Action::default();
            not_found.r#type = ecs_model::alb::ActionType::FixedResponse;
            let mut response = ecs_model::alb::FixedResponseActionConfig::default();
            response.status_code = "404".into();
            not_found.fixed_response_config = Some(response);
            not_found
        }];
        a.listener_rules.push(
            ListenerRule::builder(
                Reference::listener("web-alb", 80),
                10,
                Action::forward(Reference::target_group("web-tg")),
            )
            .path_patterns(["/app/*"])
            .build_unchecked(),
        );
    });
    assert!(routed.validate().is_empty(), "{:#?}", routed.validate());
    // The rule is how the ALB reaches the tasks, so the service group must still admit it.
    let closed = changed(&routed, |a| {
        a.security_groups[1].ingress[0].source = Source::Cidr("10.0.0.0/8".into());
    });
    breaks(&closed, "ECS-M9", "service.loadBalancers[0]");
    let on_missing_listener = changed(&routed, |a| {
        a.listener_rules[0].listener_arn = Reference::listener("web-alb", 443).to_string();
    });
    let d = breaks(
        &on_missing_listener,
        "ECS-M6",
        "listenerRules[0].ListenerArn",
    );
    assert!(
        d.message
            .contains("no listener of the application is named \"web-alb:443\""),
        "{d}"
    );
    let to_missing_group = changed(&routed, |a| {
        a.listener_rules[0].actions[0].target_group_arn =
            Some(Reference::target_group("x").to_string());
    });
    breaks(
        &to_missing_group,
        "ECS-M6",
        "listenerRules[0].Actions[0].TargetGroupArn",
    );
    let same_priority = changed(&routed, |a| {
        let again = a.listener_rules[0]
            .clone()
            .into_builder()
            .path_patterns(["/other/*"])
            .build_unchecked();
        a.listener_rules.push(again);
    });
    let d = breaks(&same_priority, "ECS-M6", "listenerRules[1].Priority");
    assert!(d.message.contains("listenerRules[0]"), "{d}");
    let bad_rule = changed(&routed, |a| a.listener_rules[0].priority = 0);
    breaks(&bad_rule, "ECS-M6", "listenerRules[0].Priority");
}

// ---- references and the instance's cluster --------------------------------------------------

#[test]
fn references_name_resources_of_the_application() {
    let app = fargate_app();
    let d = breaks(
        &changed(&app, |a| {
            service_of(a).load_balancers[0].target_group_arn =
                Some(Reference::target_group("web-tg2").to_string());
        }),
        "ECS-J8",
        "service.loadBalancers[0].targetGroupArn",
    );
    assert!(
        d.message
            .contains("no target group of the application is named \"web-tg2\""),
        "{d}"
    );
    breaks(
        &changed(&app, |a| {
            a.listeners[0].load_balancer_arn = Reference::load_balancer("alb").to_string();
        }),
        "ECS-M6",
        "listeners[0].LoadBalancerArn",
    );
    breaks(
        &changed(&app, |a| {
            a.listeners[0].default_actions[0].target_group_arn =
                Some(Reference::target_group("nope").to_string());
        }),
        "ECS-M6",
        "listeners[0].DefaultActions[0].TargetGroupArn",
    );
    breaks(
        &changed(&app, |a| drop(a.security_groups.remove(0))),
        "ECS-M9",
        "loadBalancers.web-alb.SecurityGroups[0]",
    );
    // Real ids and ARNs are taken as they are.
    let real = changed(&app, |a| {
        service_of(a).load_balancers[0].target_group_arn = Some("arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/web-tg/0123456789abcdef".into());
    });
    keeps(&real, "ECS-J8");
}

#[test]
fn k1_instances_join_the_applications_cluster() {
    let app = changed(&bridge_app(), |a| {
        a.instances[0].agent = AgentConfig::new("default");
    });
    let d = breaks(&app, "ECS-K1", "instances.dev-1.UserData");
    assert!(d.message.contains("\"default\""), "{d}");
}

#[test]
fn resource_problems_are_reported_under_the_resource() {
    let app = changed(&fargate_app(), |a| {
        a.target_groups[0] = a.target_groups[0]
            .clone()
            .into_builder()
            .health_check_timing(5, 10, 2, 2)
            .build_unchecked();
    });
    breaks(
        &app,
        "ECS-M2",
        "targetGroups.web-tg.HealthCheckTimeoutSeconds",
    );
    let app = changed(&fargate_app(), |a| {
        a.task_definition.container_definitions[0].port_mappings[0].container_port = Some(0);
    });
    assert!(app.validate().iter().any(|d| {
        d.path
            .to_string()
            .starts_with("taskDefinition.containerDefinitions[0].portMappings[0]")
    }));
}

#[test]
fn the_testing_helpers_name_the_application() {
    ecs_model::testing::assert_clean(&fargate_app());
    let broken = changed(&fargate_app(), |a| {
        service_of(a).network_configuration = None;
    });
    let panic = std::panic::catch_unwind(|| ecs_model::testing::assert_valid(&broken))
        .expect_err("an error fails the assertion");
    let message = panic.downcast_ref::<String>().expect("a formatted message");
    assert!(
        message.starts_with("application of cluster `web-cluster` is not valid:"),
        "{message}"
    );
    assert!(
        message.contains("service.networkConfiguration"),
        "{message}"
    );
}

#[test]
fn build_fails_on_errors_and_keeps_warnings() {
    let builder = Application::builder(
        account(),
        Cluster::builder("web-cluster"),
        fargate_app().task_definition,
    )
    .service(
        Service::fargate("web", "web-cluster", "web")
            .desired_count(1)
            .build_unchecked(),
    );
    let errors = builder
        .clone()
        .build()
        .expect_err("no network configuration");
    assert!(errors.diagnostics().iter().all(Diagnostic::is_error));
    assert!(errors.has_rule("ECS-J3"), "{errors}");
    // A trust policy without the confused-deputy conditions is a warning: the build succeeds
    // and the warning stays visible through `validate()`.
    let warned = builder
        .with(|a| {
            let service = a.service.as_mut().expect("set above");
            *service = service
                .clone()
                .into_builder()
                .subnets(SUBNETS)
                .build_unchecked();
        })
        .execution_role(Role::builder(
            "web-execution",
            PolicyDocument::new([Statement::trust_service("ecs-tasks.amazonaws.com")]),
        ))
        .build()
        .expect("warnings never fail a build");
    let warnings: Vec<_> = warned
        .validate()
        .into_iter()
        .map(|d| (d.severity, d.rule_id().map(str::to_owned)))
        .collect();
    assert_eq!(warnings, [(Severity::Warning, Some("ECS-L1".to_owned()))]);
}

#[test]
fn bridge_tasks_without_a_load_balancer_need_no_security_group_wiring() {
    let app = changed(&bridge_app(), |a| {
        service_of(a).load_balancers.clear();
        a.listeners.clear();
        a.target_groups.clear();
    });
    assert!(
        app.validate().iter().all(|d| !d.is_error()),
        "{:?}",
        app.validate()
    );
    assert_eq!(app.task_definition.network_mode, Some(NetworkMode::Bridge));
}
