//! The whole applications of seeds `002` (pet-web on Fargate behind an ALB) and `000` (one EC2
//! instance for development): valid, and what the seeds set up by hand, fact by fact.

use ecs_examples::{ec2_dev, pet_web};
use ecs_model::alb::{ActionType, Protocol, TargetType};
use ecs_model::iam::wildcard_match;
use ecs_model::network::{IpProtocol, Source};
use ecs_model::{Application, Compatibility, Reference};

fn operations(app: &Application) -> Vec<String> {
    app.requests().iter().map(ToString::to_string).collect()
}

/// The resources an execution or task role's inline policies grant `action` on.
fn granted(role: &ecs_model::iam::Role, action: &str) -> Vec<String> {
    role.inline_policies
        .iter()
        .flat_map(|p| &p.document.statements)
        .filter(|s| {
            s.action
                .as_slice()
                .iter()
                .any(|a| wildcard_match(a, action))
        })
        .flat_map(|s| s.resource.as_slice().to_vec())
        .collect()
}

#[test]
fn pet_web_is_valid_without_a_warning() {
    ecs_model::testing::assert_clean(&pet_web::application());
}

#[test]
fn pet_web_is_the_seed_002_application() {
    let app = pet_web::application();
    assert_eq!(app.cluster.name(), "pet-web-cluster");

    let service = app.workloads[0].service.as_ref().expect("a service");
    assert_eq!(service.service_name, "pet-web-task-service");
    assert_eq!(service.desired_count, Some(2));
    assert_eq!(service.launch_type, Some(Compatibility::Fargate));
    let vpc = service.awsvpc().expect("awsvpc configuration");
    assert_eq!(vpc.subnets, pet_web::SUBNETS);
    assert_eq!(
        vpc.security_groups,
        [Reference::security_group("pet-web-ecs-sg").to_string()]
    );
    let lb = &service.load_balancers[0];
    assert_eq!(
        lb.target_group_arn.as_deref(),
        Some("{{target-group:pet-web-tg}}")
    );
    assert_eq!(
        (lb.container_name.as_deref(), lb.container_port),
        (Some("nextjs-container"), Some(8080))
    );

    let alb = app.load_balancer("pet-web-alb").expect("the ALB");
    assert_eq!(alb.subnets.len(), 2);
    assert_eq!(alb.security_groups, ["{{security-group:pet-web-alb-sg}}"]);
    let tg = app.target_group("pet-web-tg").expect("the target group");
    assert_eq!(
        (tg.protocol, tg.port, tg.effective_target_type()),
        (Some(Protocol::Http), Some(8080), TargetType::Ip)
    );
    assert_eq!(tg.health_check_path.as_deref(), Some("/api/health"));
    let listener = &app.listeners[0];
    assert_eq!(
        (listener.protocol, listener.port),
        (Some(Protocol::Http), Some(80))
    );
    assert_eq!(listener.default_actions[0].r#type, ActionType::Forward);
    assert_eq!(
        listener.default_actions[0].target_group_arn.as_deref(),
        Some("{{target-group:pet-web-tg}}")
    );

    // The ALB admits HTTP from the internet; the tasks admit 8080 only from the ALB's group.
    let alb_sg = app.security_group("pet-web-alb-sg").expect("the ALB group");
    assert!(alb_sg.admits(80, &Source::Cidr("0.0.0.0/0".into())));
    let ecs_sg = app
        .security_group("pet-web-ecs-sg")
        .expect("the service group");
    assert_eq!(ecs_sg.ingress.len(), 1);
    let rule = &ecs_sg.ingress[0];
    assert_eq!(
        (rule.protocol, rule.from_port, rule.to_port),
        (IpProtocol::Tcp, 8080, 8080)
    );
    assert_eq!(
        rule.source,
        Source::Group("{{security-group:pet-web-alb-sg}}".into())
    );
}

#[test]
fn pet_web_roles_grant_exactly_what_the_task_uses() {
    let app = pet_web::application();
    let execution = app
        .role("pet-web-execution-role")
        .expect("an execution role");
    assert_eq!(
        app.workloads[0]
            .task_definition
            .execution_role_arn
            .as_deref(),
        Some("arn:aws:iam::123456789012:role/pet-web-execution-role")
    );
    assert_eq!(
        granted(execution, "ecr:BatchGetImage"),
        ["arn:aws:ecr:ap-northeast-2:123456789012:repository/pet-web"]
    );
    assert_eq!(granted(execution, "ecr:GetAuthorizationToken"), ["*"]);
    assert_eq!(
        granted(execution, "logs:PutLogEvents"),
        ["arn:aws:logs:ap-northeast-2:123456789012:log-group:/ecs/pet-web-task:*"]
    );
    assert!(
        granted(execution, "logs:CreateLogGroup").is_empty(),
        "the log group is created ahead, not by the agent"
    );
    assert!(granted(execution, "secretsmanager:GetSecretValue").is_empty());
    assert!(
        granted(execution, "elasticloadbalancing:RegisterTargets").is_empty(),
        "ECS registers targets itself"
    );
    let task = app.role("pet-web-task-role").expect("a task role");
    assert!(task.trusts("ecs-tasks.amazonaws.com"));
    assert!(
        task.inline_policies.is_empty() && task.managed_policy_arns.is_empty(),
        "the app makes no AWS calls"
    );
    // The deployer may pass these two roles, to ECS tasks only.
    let deployer = app.deployer_policy();
    let pass = deployer
        .statements
        .iter()
        .find(|s| s.action.contains("iam:PassRole"))
        .expect("PassRole");
    assert_eq!(
        pass.resource.as_slice(),
        [
            "arn:aws:iam::123456789012:role/pet-web-execution-role",
            "arn:aws:iam::123456789012:role/pet-web-task-role"
        ]
    );
    assert_eq!(
        pass.condition["StringEquals"]["iam:PassedToService"].as_slice(),
        ["ecs-tasks.amazonaws.com"]
    );
}

#[test]
fn pet_web_requests_create_everything_in_order() {
    assert_eq!(
        operations(&pet_web::application()),
        [
            "logs CreateLogGroup /ecs/pet-web-task",
            "iam CreateRole pet-web-execution-role",
            "iam PutRolePolicy pet-web-execution-role",
            "iam CreateRole pet-web-task-role",
            "ec2 CreateSecurityGroup pet-web-alb-sg",
            "ec2 CreateSecurityGroup pet-web-ecs-sg",
            "ec2 AuthorizeSecurityGroupIngress pet-web-alb-sg",
            "ec2 AuthorizeSecurityGroupIngress pet-web-ecs-sg",
            "elbv2 CreateLoadBalancer pet-web-alb",
            "elbv2 CreateTargetGroup pet-web-tg",
            "elbv2 ModifyTargetGroupAttributes pet-web-tg",
            "elbv2 CreateListener {{load-balancer:pet-web-alb}}:80",
            "ecs CreateCluster pet-web-cluster",
            "ecs RegisterTaskDefinition pet-web-task",
            "ecs CreateService pet-web-task-service",
        ]
    );
}

#[test]
fn ec2_dev_is_valid_without_a_warning() {
    ecs_model::testing::assert_clean(&ec2_dev::application());
}

#[test]
fn ec2_dev_is_the_seed_000_instance() {
    let app = ec2_dev::application();
    let instance = &app.instances[0];
    assert_eq!(instance.instance_type, "t3.small");
    assert_eq!(instance.instance_profile, "ecsInstanceRole");
    // Seed 000's user data, with its placeholder filled in.
    assert_eq!(
        instance.agent.user_data(),
        "#!/bin/bash\necho ECS_CLUSTER=dev-cluster >> /etc/ecs/ecs.config\n"
    );
    let request = instance.run_instances_request();
    assert_eq!(
        request["ImageId"],
        "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
    );
    assert_eq!(request["IamInstanceProfile"]["Name"], "ecsInstanceRole");
    let role = &app.roles[0];
    assert_eq!(role.name, "ecsInstanceRole");
    assert!(role.trusts("ec2.amazonaws.com"));
    assert_eq!(
        role.managed_policy_arns,
        ["arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"]
    );
    assert_eq!(app.instance_profiles[0].role, "ecsInstanceRole");
    // The task runs in bridge mode on a dynamic host port, which the instance group opens.
    let group = app
        .security_group("dev-instance-sg")
        .expect("the instance group");
    assert!(
        group.admits(32768, &Source::Cidr(ec2_dev::ADMIN_CIDR.into()))
            && group.admits(65535, &Source::Cidr(ec2_dev::ADMIN_CIDR.into()))
    );
}

#[test]
fn ec2_dev_fails_as_seed_004_did_without_the_managed_policy() {
    let mut app = ec2_dev::application();
    app.roles[0].managed_policy_arns.clear();
    ecs_model::testing::assert_breaks(&app, "ECS-L3", "roles.ecsInstanceRole.ManagedPolicyArns");
    let errors: Vec<String> = app
        .validate()
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("roles.ecsInstanceRole.ManagedPolicyArns:"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("ecs:RegisterContainerInstance") && errors[0].ends_with("[ECS-L3]"),
        "{}",
        errors[0]
    );
}

#[test]
fn the_examples_print_every_request() {
    let printed = ecs_examples::print::application(&pet_web::application());
    assert_eq!(
        printed.matches("\n# ").count() + usize::from(printed.starts_with("# ")),
        15
    );
    assert!(
        printed.contains("# elbv2 CreateTargetGroup pet-web-tg\n{"),
        "{printed}"
    );
    let printed = ecs_examples::print::application(&ec2_dev::application());
    assert!(
        printed.contains("echo ECS_CLUSTER=dev-cluster >> /etc/ecs/ecs.config"),
        "{printed}"
    );
}

#[test]
fn the_pet_web_graph_follows_a_request_to_the_task_and_what_it_uses() {
    let graph = pet_web::application().graph();
    let nodes: Vec<String> = graph
        .nodes
        .iter()
        .map(|n| format!("{} {}", n.kind, n.name))
        .collect();
    assert_eq!(
        nodes,
        [
            "load balancer pet-web-alb",
            "security group pet-web-alb-sg",
            "listener pet-web-alb:80",
            "target group pet-web-tg",
            "task definition pet-web-task",
            "service pet-web-task-service",
            "security group pet-web-ecs-sg",
            "role pet-web-execution-role",
            "role pet-web-task-role",
            "log group /ecs/pet-web-task",
        ]
    );
    for (from, to) in [
        (
            ("load balancer", "pet-web-alb"),
            ("listener", "pet-web-alb:80"),
        ),
        (
            ("listener", "pet-web-alb:80"),
            ("target group", "pet-web-tg"),
        ),
        (
            ("target group", "pet-web-tg"),
            ("service", "pet-web-task-service"),
        ),
        (
            ("service", "pet-web-task-service"),
            ("task definition", "pet-web-task"),
        ),
        (
            ("task definition", "pet-web-task"),
            ("role", "pet-web-execution-role"),
        ),
        (
            ("task definition", "pet-web-task"),
            ("role", "pet-web-task-role"),
        ),
        (
            ("task definition", "pet-web-task"),
            ("log group", "/ecs/pet-web-task"),
        ),
        (
            ("service", "pet-web-task-service"),
            ("security group", "pet-web-ecs-sg"),
        ),
        (
            ("load balancer", "pet-web-alb"),
            ("security group", "pet-web-alb-sg"),
        ),
        (
            ("security group", "pet-web-alb-sg"),
            ("security group", "pet-web-ecs-sg"),
        ),
    ] {
        assert!(graph.has_edge(from, to), "{from:?} → {to:?}");
    }
    assert_eq!(graph.edges.len(), 10);
    assert!(!graph.has_edge(
        ("service", "pet-web-task-service"),
        ("target group", "pet-web-tg")
    ));
    let mermaid = graph.to_mermaid();
    assert!(
        mermaid.starts_with("flowchart LR\n    n0[\"load balancer pet-web-alb\"]\n"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("    n3 --> n5\n"),
        "target group → service:\n{mermaid}"
    );
}
