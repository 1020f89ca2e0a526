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
use ecs_model::scaling::ServiceScaling;
use ecs_model::schedule::Schedule;
use ecs_model::service::{Service, ServiceConnectConfiguration, ServiceConnectService};
use ecs_model::{
    Account, Application, Compatibility, ContainerDefinition, Diagnostic, LogConfiguration,
    NetworkMode, PortMapping, Reference, Severity, TaskDefinition, Workload,
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
    app.workloads[0]
        .service
        .as_mut()
        .expect("the application has a service")
}

fn td_of(app: &mut Application) -> &mut TaskDefinition {
    &mut app.workloads[0].task_definition
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
    let task_role = Role::ecs_task("web-task", &account);
    Application::builder("web", account, Cluster::builder("web-cluster"))
        .workload(
            Workload::builder(td)
                .execution_role(execution)
                .task_role(task_role)
                .service(service),
        )
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
    Application::builder("dev", account(), Cluster::builder("dev"))
        .workload(Workload::builder(td).service(service))
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
        "services.web.loadBalancers[0].containerName",
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
        "services.web.loadBalancers[0].containerPort",
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
        "services.web.taskDefinition",
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
        td_of(a).container_definitions[0].port_mappings[0].host_port = Some(80);
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
        "services.web.networkConfiguration",
    );
    let bridge_with_vpc = changed(&bridge_app(), |a| {
        service_of(a).network_configuration = app.workloads[0]
            .service
            .as_ref()
            .and_then(|s| s.network_configuration.clone());
    });
    let d = breaks(
        &bridge_with_vpc,
        "ECS-J3",
        "services.dev-web.networkConfiguration",
    );
    assert!(d.message.contains("`bridge`"), "{d}");
    keeps(&app, "ECS-J3");
    keeps(&bridge_app(), "ECS-J3");
}

#[test]
fn j6_fargate_services_run_fargate_task_definitions() {
    let ec2_only = changed(&fargate_app(), |a| {
        td_of(a).requires_compatibilities = vec![Compatibility::Ec2];
    });
    breaks(
        &ec2_only,
        "ECS-J6",
        "taskDefinitions.web.requiresCompatibilities",
    );
    let ec2_service_of_fargate_task = changed(&bridge_app(), |a| {
        td_of(a).requires_compatibilities = vec![Compatibility::Fargate];
    });
    breaks(
        &ec2_service_of_fargate_task,
        "ECS-J6",
        "taskDefinitions.dev-web.requiresCompatibilities",
    );
    keeps(&fargate_app(), "ECS-J6");
}

#[test]
fn a22_fargate_services_that_pull_from_ecr_have_an_execution_role() {
    let d = breaks(
        &changed(&fargate_app(), |a| {
            td_of(a).execution_role_arn = None;
        }),
        "ECS-A22",
        "taskDefinitions.web.executionRoleArn",
    );
    assert_eq!(d.severity, Severity::Error);
    // Said once: by the task definition that lists FARGATE, or, when it lists nothing, by the
    // service that runs it there.
    for unlisted in [false, true] {
        let app = changed(&fargate_app(), |a| {
            td_of(a).execution_role_arn = None;
            if unlisted {
                td_of(a).requires_compatibilities.clear();
            }
        });
        let a22: Vec<String> = app
            .validate()
            .iter()
            .filter(|d| d.rule_id() == Some("ECS-A22"))
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(a22.len(), 1, "{a22:?}");
        assert_eq!(
            a22[0].starts_with("the Fargate service's tasks"),
            unlisted,
            "{a22:?}"
        );
    }
    // On EC2 the instance role pulls and logs.
    keeps(&bridge_app(), "ECS-A22");
}

#[test]
fn a21_managed_instances_run_through_a_capacity_provider_strategy() {
    let app = changed(&fargate_app(), |a| {
        td_of(a).requires_compatibilities = vec![Compatibility::ManagedInstances];
        let service = service_of(a);
        service.launch_type = None;
        service.platform_version = None;
    });
    breaks(&app, "ECS-A21", "services.web.capacityProviderStrategy");
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
    breaks(&app, "ECS-J10", "services.web.role");
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
        "services.web.cluster",
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
        "services.web.capacityProviderStrategy[0].capacityProvider",
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
            sc.namespace = namespace.map(Into::into);
            let mut svc = ServiceConnectService::default();
            svc.port_name = port_name.into();
            sc.services.push(svc);
            service_of(a).service_connect_configuration = Some(sc);
        })
    };
    keeps(&with_connect("http", Some("internal")), "ECS-J18");
    let d = breaks(
        &with_connect("grpc", Some("internal")),
        "ECS-J18",
        "services.web.serviceConnectConfiguration.services[0].portName",
    );
    assert!(d.message.contains("\"grpc\""), "{d}");
    breaks(
        &with_connect("http", None),
        "ECS-J18",
        "services.web.serviceConnectConfiguration.namespace",
    );
}

#[test]
fn j23_gateway_connectors_name_port_mappings() {
    let with_connector = |port_name: &str| {
        changed(&fargate_app(), |a| {
            let mut connector = ecs_model::service::GatewayConnector::default();
            connector.port_name = port_name.into();
            service_of(a).gateway_connectors.push(connector);
        })
    };
    keeps(&with_connector("http"), "ECS-J23");
    let d = breaks(
        &with_connector("grpc"),
        "ECS-J23",
        "services.web.gatewayConnectors[0].portName",
    );
    assert!(d.message.contains("\"grpc\""), "{d}");
}

#[test]
fn a23_sandboxed_tasks_need_nitro_sandbox_instances() {
    let with_provider = |nitro: Option<bool>| {
        changed(&fargate_app(), |a| {
            let mut trusted = ecs_model::task_definition::TrustedExecutionConfiguration::default();
            trusted.isolation_mode = ecs_model::task_definition::IsolationMode::IsolatedSandbox;
            td_of(a).trusted_execution_configuration = Some(trusted);
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
            service.capacity_provider_strategy[0].capacity_provider = "mi".into();
        })
    };
    let at = "services.web.capacityProviderStrategy[0].capacityProvider";
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
    fn role<'a>(a: &'a mut Application, name: &str) -> &'a mut Role {
        a.roles
            .iter_mut()
            .find(|r| r.name == name)
            .expect("the role")
    }
    let app = fargate_app();
    keeps(&app, "ECS-L1");
    let ec2_trust = changed(&app, |a| {
        role(a, "web-task").trust_policy =
            PolicyDocument::new([Statement::trust_service("ec2.amazonaws.com")]);
    });
    let d = breaks(
        &ec2_trust,
        "ECS-L1",
        "roles.web-task.AssumeRolePolicyDocument",
    );
    assert_eq!(d.severity, Severity::Error);
    let no_conditions = changed(&app, |a| {
        role(a, "web-execution").trust_policy =
            PolicyDocument::new([Statement::trust_service("ecs-tasks.amazonaws.com")]);
    });
    let d = breaks(
        &no_conditions,
        "ECS-L1",
        "roles.web-execution.AssumeRolePolicyDocument",
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
            td_of(a).execution_role_arn =
                Some("arn:aws:iam::123456789012:role/service/web-execution".into());
        }),
        "ECS-L1",
        "taskDefinitions.web.executionRoleArn",
    );
    assert!(d.message.contains("\"web-execution\""), "{d}");
    // A role of another account, or one the application does not create, is given by ARN.
    for arn in [
        "arn:aws:iam::999999999999:role/web-task",
        "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    ] {
        keeps(
            &changed(&app, |a| td_of(a).execution_role_arn = Some(arn.into())),
            "ECS-L1",
        );
    }
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
    let d = breaks(&wrong_port, "ECS-M9", "services.web.loadBalancers[0]");
    assert!(d.message.contains("container port 8080"), "{d}");
    let from_anywhere_else = changed(&app, |a| {
        a.security_groups[1].ingress[0].source = Source::Cidr("10.0.0.0/8".into());
    });
    breaks(
        &from_anywhere_else,
        "ECS-M9",
        "services.web.loadBalancers[0]",
    );
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
    let d = breaks(&only_80, "ECS-M9", "services.dev-web.loadBalancers[0]");
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
    breaks(&closed, "ECS-M9", "services.web.loadBalancers[0]");
    let on_missing_listener = changed(&routed, |a| {
        a.listener_rules[0].listener_arn = Reference::listener("web-alb", 443).to_string().into();
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
            Some(Reference::target_group("x").to_string().into());
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
                Some(Reference::target_group("web-tg2").to_string().into());
        }),
        "ECS-J8",
        "services.web.loadBalancers[0].targetGroupArn",
    );
    assert!(
        d.message
            .contains("no target group of the application is named \"web-tg2\""),
        "{d}"
    );
    breaks(
        &changed(&app, |a| {
            a.listeners[0].load_balancer_arn = Reference::load_balancer("alb").to_string().into();
        }),
        "ECS-M6",
        "listeners[0].LoadBalancerArn",
    );
    breaks(
        &changed(&app, |a| {
            a.listeners[0].default_actions[0].target_group_arn =
                Some(Reference::target_group("nope").to_string().into());
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
        td_of(a).container_definitions[0].port_mappings[0].container_port = Some(0);
    });
    assert!(app.validate().iter().any(|d| {
        d.path
            .to_string()
            .starts_with("taskDefinitions.web.containerDefinitions[0].portMappings[0]")
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
        message.starts_with("application `web` is not valid:"),
        "{message}"
    );
    assert!(
        message.contains("services.web.networkConfiguration"),
        "{message}"
    );
}

#[test]
fn build_fails_on_errors_and_keeps_warnings() {
    let td = fargate_app().workloads[0].task_definition.clone();
    let service = Service::fargate("web", "web-cluster", "web")
        .desired_count(1)
        .build_unchecked();
    let builder = Application::builder("web", account(), Cluster::builder("web-cluster"));
    let errors = builder
        .clone()
        .workload(Workload::builder(td.clone()).service(service.clone()))
        .build()
        .expect_err("no network configuration");
    assert!(errors.diagnostics().iter().all(Diagnostic::is_error));
    assert!(errors.has_rule("ECS-J3"), "{errors}");
    // A trust policy without the confused-deputy conditions is a warning: the build succeeds
    // and the warning stays visible through `validate()`.
    let warned = builder
        .workload(
            Workload::builder(td)
                .service(service.into_builder().subnets(SUBNETS))
                .execution_role(Role::builder(
                    "web-execution",
                    PolicyDocument::new([Statement::trust_service("ecs-tasks.amazonaws.com")]),
                )),
        )
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
    assert_eq!(
        app.workloads[0].task_definition.network_mode,
        Some(NetworkMode::Bridge)
    );
}

// ---- several workloads ----------------------------------------------------------------------

/// The Fargate application with an API behind the same ALB on `/api/*`, a queue worker without
/// a load balancer and a migration task without a service, all sharing the execution role.
fn platform_app() -> Application {
    let web = fargate_app();
    let execution = web.role("web-execution").expect("the web app's").clone();
    let fargate = |family: &str, port: Option<i32>| {
        let mut container = ContainerDefinition::builder(
            family,
            format!("123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/{family}:1"),
        )
        .log_configuration(LogConfiguration::awslogs(
            format!("/ecs/{family}"),
            "ap-northeast-2",
            family,
        ));
        if let Some(port) = port {
            container = container.port(PortMapping::tcp(port));
        }
        TaskDefinition::fargate(family, "256", "512")
            .container(container)
            .build_unchecked()
    };
    let api_sg = SecurityGroup::service_behind("api-sg", VPC, "web-alb-sg", 3000).build_unchecked();
    let worker_sg = SecurityGroup::builder("worker-sg", "the worker: no inbound", VPC);
    let api = Service::fargate("api", "web-cluster", "api")
        .desired_count(2)
        .subnets(SUBNETS)
        .security_group(api_sg.reference())
        .load_balancer(Reference::target_group("api-tg"), "api", 3000);
    let worker = Service::fargate("worker", "web-cluster", "worker")
        .desired_count(1)
        .subnets(SUBNETS)
        .security_group(Reference::security_group("worker-sg"));
    web.into_builder()
        .workload(
            Workload::builder(fargate("api", Some(3000)))
                .execution_role(execution.clone())
                .service(api)
                .scaling(
                    ServiceScaling::between(2, 10)
                        .cpu(60.0)
                        .requests_per_target(Reference::target_group("api-tg"), 1000.0),
                ),
        )
        .workload(
            Workload::builder(fargate("worker", None))
                .execution_role(execution.clone())
                .service(worker),
        )
        .workload(
            Workload::builder(fargate("migrate", None))
                .execution_role(execution)
                .schedule(
                    Schedule::cron("nightly", "0 3 * * ? *")
                        .time_zone("Asia/Seoul")
                        .fargate()
                        .subnets(SUBNETS)
                        .security_group(Reference::security_group("worker-sg")),
                ),
        )
        .security_group(api_sg)
        .security_group(worker_sg)
        .target_group(TargetGroup::ip("api-tg", 3000, VPC).health_check_path("/api/health"))
        .listener_rule(
            ListenerRule::builder(
                Reference::listener("web-alb", 80),
                10,
                Action::forward(Reference::target_group("api-tg")),
            )
            .path_patterns(["/api/*"]),
        )
        .build()
        .expect("the platform is valid")
}

fn workload_of<'a>(app: &'a mut Application, family: &str) -> &'a mut ecs_model::Workload {
    app.workloads
        .iter_mut()
        .find(|w| w.name() == family)
        .expect("the workload")
}

#[test]
fn several_workloads_share_the_cluster_the_load_balancer_and_a_role() {
    let app = platform_app();
    let errors: Vec<_> = app
        .validate()
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let families: Vec<&str> = app
        .workloads
        .iter()
        .map(ecs_model::Workload::name)
        .collect();
    assert_eq!(families, ["web", "api", "worker", "migrate"]);
    // Four workloads name the execution role; it is one role, created once (the schedule
    // brings its own).
    let roles: Vec<&str> = app.roles.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(roles, ["web-execution", "web-task", "nightly-scheduler"]);
    let arn = "arn:aws:iam::123456789012:role/web-execution";
    assert!(
        app.task_definitions()
            .all(|td| td.execution_role_arn.as_deref() == Some(arn))
    );
    let requests = app.requests();
    let count = |op: &str| requests.iter().filter(|r| r.operation == op).count();
    assert_eq!(count("RegisterTaskDefinition"), 4);
    assert_eq!(count("CreateService"), 3);
    assert_eq!(count("CreateRole"), 3);
    assert_eq!(count("CreateSchedule"), 1);
    assert_eq!(count("RegisterScalableTarget"), 1);
    assert_eq!(count("CreateLogGroup"), 4);
    // Every task definition comes before the first service, which may run any of them.
    let last_td = requests
        .iter()
        .rposition(|r| r.operation == "RegisterTaskDefinition");
    let first_service = requests.iter().position(|r| r.operation == "CreateService");
    assert!(last_td < first_service);
    let doc = app.document();
    assert_eq!(
        doc["services"].as_object().map(serde_json::Map::len),
        Some(3)
    );
    assert_eq!(doc["taskDefinitions"]["migrate"]["family"], "migrate");
    // The deployer may act on each family and service, and pass the one role.
    let policy = app.deployer_policy().to_json();
    for name in [
        "task-definition/migrate:*",
        "service/web-cluster/worker",
        "service/web-cluster/api",
    ] {
        assert!(policy.contains(name), "{name} in {policy}");
    }
}

#[test]
fn m11_a_target_group_is_registered_into_by_exactly_one_service() {
    let app = platform_app();
    keeps(&app, "ECS-M11");
    // The API registers into the web's group: each service would get the other's requests,
    // and nothing registers into the API's group the `/api/*` rule forwards to.
    let crossed = changed(&app, |a| {
        let api = workload_of(a, "api").service.as_mut().expect("a service");
        api.load_balancers[0].target_group_arn =
            Some(Reference::target_group("web-tg").to_string().into());
        api.load_balancers[0].container_port = Some(3000);
    });
    let d = breaks(&crossed, "ECS-M11", "targetGroups.web-tg");
    assert!(d.message.contains("\"web\", \"api\""), "{d}");
    let d = breaks(&crossed, "ECS-M11", "targetGroups.api-tg");
    assert!(d.message.contains("503"), "{d}");
    // A group nothing forwards to and nothing registers into is only unused.
    let unused = changed(&app, |a| {
        a.listener_rules.clear();
        workload_of(a, "api")
            .service
            .as_mut()
            .expect("a service")
            .load_balancers
            .clear();
    });
    keeps(&unused, "ECS-M11");
}

#[test]
fn names_are_unique_across_the_application() {
    let app = platform_app();
    for rule in ["ECS-A1", "ECS-J1", "ECS-L5"] {
        keeps(&app, rule);
    }
    let two_apis = changed(&app, |a| {
        workload_of(a, "worker")
            .service
            .as_mut()
            .expect("a service")
            .service_name = "api".into();
    });
    let d = breaks(&two_apis, "ECS-J1", "services.api");
    assert!(d.message.contains("two services"), "{d}");
    let two_webs = changed(&app, |a| {
        workload_of(a, "migrate").task_definition.family = "web".into();
    });
    breaks(&two_webs, "ECS-A1", "taskDefinitions.web");
    // Two different roles of one name: IAM would keep one of them.
    let clash = changed(&app, |a| {
        let mut other = a.roles[0].clone();
        other
            .managed_policy_arns
            .push("arn:aws:iam::aws:policy/ReadOnlyAccess".into());
        a.roles.push(other);
    });
    breaks(&clash, "ECS-L5", "roles.web-execution");
}

#[test]
fn each_service_is_checked_against_its_own_task_definition_and_group() {
    let app = platform_app();
    let closed = changed(&app, |a| {
        let api_sg = a
            .security_groups
            .iter_mut()
            .find(|g| g.name == "api-sg")
            .expect("api-sg");
        api_sg.ingress[0].from_port = 8080;
        api_sg.ingress[0].to_port = 8080;
    });
    let d = breaks(&closed, "ECS-M9", "services.api.loadBalancers[0]");
    assert!(d.message.contains("container port 3000"), "{d}");
    keeps(&changed(&app, |a| a.listener_rules.clear()), "ECS-M9");
    let wrong_container = changed(&app, |a| {
        let api = workload_of(a, "api").service.as_mut().expect("a service");
        api.load_balancers[0].container_name = Some("web".into());
    });
    let d = breaks(
        &wrong_container,
        "ECS-J8",
        "services.api.loadBalancers[0].containerName",
    );
    assert!(d.message.contains("no container"), "{d}");
    let wrong_family = changed(&app, |a| {
        workload_of(a, "worker")
            .service
            .as_mut()
            .expect("a service")
            .task_definition = Some("api".into());
    });
    breaks(&wrong_family, "ECS-J8", "services.worker.taskDefinition");
}

// ---- auto scaling and schedules --------------------------------------------------------------

#[test]
fn j26_auto_scaling_fits_its_service() {
    fn scaling(a: &mut Application) -> &mut ServiceScaling {
        workload_of(a, "api").scaling.as_mut().expect("scaled")
    }
    let app = platform_app();
    keeps(&app, "ECS-J26");
    let inverted = changed(&app, |a| scaling(a).target.min_capacity = Some(20));
    let d = breaks(
        &inverted,
        "ECS-J26",
        "scaling.api.ScalableTarget.MinCapacity",
    );
    assert!(
        d.message.contains("MinCapacity 20 is above MaxCapacity 10"),
        "{d}"
    );
    // The desired count outside the bounds is moved at once: a warning.
    let outside = changed(&app, |a| {
        workload_of(a, "api")
            .service
            .as_mut()
            .expect("a service")
            .desired_count = Some(1);
    });
    let d = breaks(&outside, "ECS-J26", "services.api.desiredCount");
    assert_eq!(d.severity, Severity::Warning);
    // Request counts of the web's group say nothing of the API.
    let other_group = changed(&app, |a| {
        let policy = &mut scaling(a).policies[1];
        let spec = policy
            .target_tracking_scaling_policy_configuration
            .as_mut()
            .and_then(|c| c.predefined_metric_specification.as_mut())
            .expect("a metric");
        spec.resource_label = Some(Reference::target_group("web-tg").to_string().into());
    });
    breaks(
        &other_group,
        "ECS-J26",
        "scaling.api.ScalingPolicies.requests.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel",
    );
    let over = changed(&app, |a| {
        let config = scaling(a).policies[0]
            .target_tracking_scaling_policy_configuration
            .as_mut()
            .expect("target tracking");
        config.target_value = 160.0;
    });
    breaks(
        &over,
        "ECS-J26",
        "scaling.api.ScalingPolicies.cpu.TargetTrackingScalingPolicyConfiguration.TargetValue",
    );
    // Only a service scales.
    let no_service = changed(&app, |a| {
        let scaling = workload_of(a, "api").scaling.clone();
        workload_of(a, "migrate").scaling = scaling;
    });
    let d = breaks(&no_service, "ECS-J26", "scaling.migrate");
    assert!(d.message.contains("only a service scales"), "{d}");
}

#[test]
fn j27_schedules_run_their_task_in_the_cluster_with_a_role_that_may() {
    fn schedule(a: &mut Application) -> &mut Schedule {
        workload_of(a, "migrate")
            .schedule
            .as_mut()
            .expect("scheduled")
    }
    let app = platform_app();
    keeps(&app, "ECS-J27");
    let never = changed(&app, |a| {
        schedule(a).schedule_expression = "cron(0 3 * * * *)".into();
    });
    let d = breaks(&never, "ECS-J27", "schedules.nightly.ScheduleExpression");
    assert!(
        d.message
            .contains("exactly one of day of month and day of week"),
        "{d}"
    );
    let zone = changed(&app, |a| {
        schedule(a).schedule_expression_timezone = Some("KST".into());
    });
    breaks(
        &zone,
        "ECS-J27",
        "schedules.nightly.ScheduleExpressionTimezone",
    );
    let elsewhere = changed(&app, |a| {
        schedule(a).target.arn = "arn:aws:ecs:ap-northeast-2:123456789012:cluster/other".into();
    });
    breaks(&elsewhere, "ECS-J27", "schedules.nightly.Target.Arn");
    let other_family = changed(&app, |a| {
        schedule(a)
            .target
            .ecs_parameters
            .as_mut()
            .expect("ECS")
            .task_definition_arn =
            "arn:aws:ecs:ap-northeast-2:123456789012:task-definition/web".into();
    });
    breaks(
        &other_family,
        "ECS-J27",
        "schedules.nightly.Target.EcsParameters.TaskDefinitionArn",
    );
    // awsvpc tasks need their network.
    let no_network = changed(&app, |a| {
        schedule(a)
            .target
            .ecs_parameters
            .as_mut()
            .expect("ECS")
            .network_configuration = None;
    });
    breaks(
        &no_network,
        "ECS-J3",
        "schedules.nightly.Target.EcsParameters.NetworkConfiguration",
    );
    // The scheduler's role the application made may run the family and pass its role; a role
    // without its policy may not.
    let powerless = changed(&app, |a| {
        let role = a
            .roles
            .iter_mut()
            .find(|r| r.name == "nightly-scheduler")
            .expect("made");
        role.inline_policies.clear();
    });
    let d = breaks(&powerless, "ECS-J27", "roles.nightly-scheduler.Policies");
    assert!(d.message.contains("ecs:RunTask"), "{d}");
    let many = changed(&app, |a| {
        schedule(a)
            .target
            .ecs_parameters
            .as_mut()
            .expect("ECS")
            .task_count = Some(11);
    });
    breaks(
        &many,
        "ECS-J27",
        "schedules.nightly.Target.EcsParameters.TaskCount",
    );
    let unknown_group = changed(&app, |a| {
        schedule(a)
            .target
            .ecs_parameters
            .as_mut()
            .expect("ECS")
            .network_configuration
            .as_mut()
            .and_then(|n| n.awsvpc_configuration.as_mut())
            .expect("awsvpc")
            .security_groups = vec![Reference::security_group("nowhere").to_string().into()];
    });
    breaks(
        &unknown_group,
        "ECS-M9",
        "schedules.nightly.Target.EcsParameters.NetworkConfiguration.awsvpcConfiguration.SecurityGroups[0]",
    );
}

#[test]
fn a_service_that_names_no_cluster_runs_in_the_applications() {
    let td = TaskDefinition::fargate("web", "256", "512")
        .container(ContainerDefinition::builder("web", "nginx"))
        .build_unchecked();
    let app = Application::builder("web", account(), Cluster::builder("shop"))
        .workload(Workload::builder(td.clone()).service(Service::builder("web")))
        .build_unchecked();
    let service = app.workloads[0].service.as_ref().unwrap();
    assert_eq!(service.cluster.as_deref(), Some("shop"));
    // One that names it keeps its own text (an ARN, say).
    let arn = "arn:aws:ecs:ap-northeast-2:123456789012:cluster/shop";
    let app = Application::builder("web", account(), Cluster::builder("shop"))
        .workload(Workload::builder(td).service(Service::builder("web").cluster(arn)))
        .build_unchecked();
    let service = app.workloads[0].service.as_ref().unwrap();
    assert_eq!(service.cluster.as_deref(), Some(arn));
}

#[test]
fn ecr_repositories_take_names_and_lifecycle_rules_as_ecr_does() {
    use ecs_model::ecr::{Expire, ImageRepository, LifecyclePolicy, TagStatus};
    let good = ImageRepository::private("pets/web").keep_newest(30);
    let app = changed(&fargate_app(), |app| {
        app.repositories.push(good.clone().into());
    });
    keeps(&app, "ECS-B16");

    let bad_name = changed(&app, |app| {
        app.repositories[0].repository.repository_name = "Pets/Web".into();
    });
    let found = breaks(
        &bad_name,
        "ECS-B16",
        r#"repositories["Pets/Web"].repositoryName"#,
    );
    assert!(
        found.message.contains("lowercase letters and digits"),
        "{found}"
    );
    let twice = changed(&app, |app| app.repositories.push(good.clone().into()));
    breaks(&twice, "ECS-B16", r#"repositories["pets/web"]"#);

    let mut policy = LifecyclePolicy::keep_newest(0);
    let zero = changed(&app, |app| {
        app.repositories[0].lifecycle_policy = Some(policy.clone());
    });
    breaks(
        &zero,
        "ECS-B16",
        r#"repositories["pets/web"].lifecyclePolicy.rules[0].selection.countNumber"#,
    );
    policy = LifecyclePolicy::keep_newest(10);
    let mut untagged = policy.rules[0].clone();
    untagged.priority = 2;
    untagged.tag_status = TagStatus::Tagged;
    untagged.expire = Expire::OlderThanDays(14);
    policy.rules.push(untagged);
    let any_first = changed(&app, |app| {
        app.repositories[0].lifecycle_policy = Some(policy.clone());
    });
    breaks(
        &any_first,
        "ECS-B16",
        r#"repositories["pets/web"].lifecyclePolicy.rules[0].rulePriority"#,
    );
    breaks(
        &any_first,
        "ECS-B16",
        r#"repositories["pets/web"].lifecyclePolicy.rules[1].selection.tagPrefixList"#,
    );

    // Mutable tags and no scanning are allowed, and said.
    let lax = changed(&app, |app| {
        app.repositories[0] = ImageRepository::private("pets/web")
            .mutable_tags()
            .with(|r| r.repository.image_scanning_configuration = None)
            .into();
    });
    let warned: Vec<String> = lax
        .validate()
        .into_iter()
        .filter(|d| d.rule.is_some_and(|r| r.id == "ECS-B16"))
        .map(|d| format!("{:?} {}", d.severity, d.path))
        .collect();
    assert_eq!(
        warned,
        [
            r#"Warning repositories["pets/web"].imageTagMutability"#,
            r#"Warning repositories["pets/web"].imageScanningConfiguration.scanOnPush"#
        ]
    );
    let account = account();
    let repository: ImageRepository = good.into();
    assert_eq!(
        repository.image(&account, "1.4"),
        "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pets/web:1.4"
    );
    assert_eq!(
        ecs_model::ecr::repository_of_image(&repository.image(&account, "1.4"), &account),
        Some("pets/web")
    );
    assert_eq!(
        ecs_model::ecr::repository_of_image("nginx:1.27", &account),
        None
    );
}
