//! The plan, with no AWS: an application against hand-made observations of what exists.

use ecs_deploy::plan::{Action, Plan};
use ecs_deploy::{Found, Observed, ObservedRole, ObservedService, Owner, Resource};
use ecs_model::alb::{Action as LbAction, Listener, LoadBalancer, TargetGroup};
use ecs_model::cluster::Cluster;
use ecs_model::iam::{ExecutionPolicyOptions, Role, execution_policy};
use ecs_model::network::{IngressRule, SecurityGroup, Source};
use ecs_model::service::Service;
use ecs_model::task_definition::Registration;
use ecs_model::{
    Account, Application, Compatibility, ContainerDefinition, LogConfiguration, PortMapping,
    Reference, TaskDefinition, Workload,
};

const TD_ARN: &str = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3";
const TG_ARN: &str =
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067";
const LB_ARN: &str =
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/50dc6c495c0c9188";
const LISTENER_ARN: &str = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2";

fn app() -> Application {
    let account = Account::new("123456789012", "us-east-1");
    let td =
        TaskDefinition::fargate("web", "256", "512")
            .container(
                ContainerDefinition::builder(
                    "web",
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1",
                )
                .port(PortMapping::tcp(8080))
                .log_configuration(LogConfiguration::awslogs("/ecs/web", "us-east-1", "web")),
            )
            .build_unchecked();
    let execution = Role::ecs_task_execution("web-execution", &account).inline_policy(
        "execution",
        execution_policy(&td, &account, &ExecutionPolicyOptions::default()),
    );
    let alb_sg = SecurityGroup::public_load_balancer("web-alb-sg", "vpc-1");
    let web_sg = SecurityGroup::service_behind("web-sg", "vpc-1", "web-alb-sg", 8080);
    let service = Service::fargate("web", "prod", "web")
        .desired_count(2)
        .subnets(["subnet-a", "subnet-b"])
        .security_group(Reference::security_group("web-sg"))
        .load_balancer(Reference::target_group("web-tg"), "web", 8080)
        .build_unchecked();
    Application::builder("web", account, Cluster::builder("prod"))
        .workload(
            Workload::builder(td)
                .execution_role(execution)
                .service(service),
        )
        .security_group(alb_sg)
        .security_group(web_sg)
        .load_balancer(
            LoadBalancer::application("web-alb", ["subnet-a", "subnet-b"])
                .security_group(Reference::security_group("web-alb-sg")),
        )
        .target_group(TargetGroup::ip("web-tg", 8080, "vpc-1"))
        .listener(Listener::http(
            Reference::load_balancer("web-alb"),
            80,
            LbAction::forward(Reference::target_group("web-tg")),
        ))
        .build()
        .expect("valid")
}

/// What the APIs would describe after `app` was deployed: ids for references, ARNs where ECS
/// answers with ARNs, the defaults ECS fills in.
fn deployed(app: &Application) -> Observed {
    let mut observed = Observed::default();
    observed.log_groups.insert("/ecs/web".into());
    for role in &app.roles {
        let mut seen = ObservedRole::default();
        seen.arn = format!("arn:aws:iam::123456789012:role/{}", role.name);
        seen.trust_policy = Some(role.trust_policy.clone());
        seen.inline_policies = role
            .inline_policies
            .iter()
            .map(|p| (p.name.clone(), p.document.clone()))
            .collect();
        observed.roles.insert(role.name.clone(), seen);
    }
    for (id, group) in ["sg-alb", "sg-web"].into_iter().zip(&app.security_groups) {
        let mut seen = group.clone();
        for rule in &mut seen.ingress {
            if rule.source == Source::Group(Reference::security_group("web-alb-sg").to_string()) {
                rule.source = Source::Group("sg-alb".into());
            }
        }
        observed
            .security_groups
            .insert(group.name.clone(), Found::new(id, seen));
    }
    let mut lb = app.load_balancers[0].clone();
    lb.security_groups = vec!["sg-alb".into()];
    observed
        .load_balancers
        .insert("web-alb".into(), Found::new(LB_ARN, lb));
    observed.target_groups.insert(
        "web-tg".into(),
        Found::new(TG_ARN, app.target_groups[0].clone()),
    );
    let mut listener = app.listeners[0].clone();
    listener.load_balancer_arn = LB_ARN.into();
    listener.default_actions[0].target_group_arn = Some(TG_ARN.into());
    observed
        .listeners
        .insert(("web-alb".into(), 80), Found::new(LISTENER_ARN, listener));
    observed.cluster = Some(Found::new(
        "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
        app.cluster.clone(),
    ));
    // ECS's version of the registered definition: defaults filled in, a registration.
    let mut td = app.workloads[0].task_definition.clone();
    td.container_definitions[0].cpu = Some(0);
    td.container_definitions[0].essential = Some(true);
    td.container_definitions[0].port_mappings[0].host_port = Some(8080);
    let mut registration = Registration::default();
    registration.task_definition_arn = Some(TD_ARN.into());
    registration.revision = Some(3);
    td.registration = Some(registration);
    observed.task_definitions.insert(td.family.to_string(), td);
    let mut service = app.workloads[0].service.clone().unwrap();
    service.cluster = Some("arn:aws:ecs:us-east-1:123456789012:cluster/prod".into());
    service.task_definition = Some(TD_ARN.into());
    service.load_balancers[0].target_group_arn = Some(TG_ARN.into());
    service
        .network_configuration
        .as_mut()
        .unwrap()
        .awsvpc_configuration
        .as_mut()
        .unwrap()
        .security_groups = vec!["sg-web".into()];
    // What ECS adds that the application does not manage.
    service.scheduling_strategy = Some(ecs_model::service::SchedulingStrategy::Replica);
    service.enable_execute_command = Some(false);
    observed.services.insert(
        "web".into(),
        ObservedService::new(
            "arn:aws:ecs:us-east-1:123456789012:service/prod/web",
            service,
            2,
        ),
    );
    owned_by_the_application(app, &mut observed);
    observed
}

/// Marks everything of `observed` as created by ecs-deploy for `app`.
fn owned_by_the_application(app: &Application, observed: &mut Observed) {
    let ours = |id: &str| Owner::new(id, Some("web".to_owned()));
    for role in &app.roles {
        observed
            .owners
            .insert(Resource::Role(role.name.clone()), ours(&role.name));
    }
    for (resource, id) in [
        (Resource::SecurityGroup("web-alb-sg".into()), "sg-alb"),
        (Resource::SecurityGroup("web-sg".into()), "sg-web"),
        (Resource::LoadBalancer("web-alb".into()), LB_ARN),
        (Resource::TargetGroup("web-tg".into()), TG_ARN),
        (
            Resource::Listener {
                load_balancer: "web-alb".into(),
                port: 80,
            },
            LISTENER_ARN,
        ),
        (
            Resource::Cluster("prod".into()),
            "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
        ),
        (
            service_resource(),
            "arn:aws:ecs:us-east-1:123456789012:service/prod/web",
        ),
    ] {
        observed.owners.insert(resource, ours(id));
    }
}

fn step<'a>(plan: &'a Plan, resource: &Resource) -> &'a ecs_deploy::plan::Step {
    plan.step(resource)
        .unwrap_or_else(|| panic!("no step for {resource} in\n{plan}"))
}

fn service_resource() -> Resource {
    Resource::Service {
        cluster: "prod".into(),
        name: "web".into(),
    }
}

#[test]
fn from_scratch_everything_is_created_in_dependency_order() {
    let plan = Plan::from_scratch(&app());
    let order: Vec<String> = plan
        .steps
        .iter()
        .map(|s| s.resource.kind().to_owned())
        .collect();
    assert_eq!(
        order,
        [
            "logs:log-group",
            "iam:role",
            "ec2:security-group",
            "ec2:security-group",
            "ec2:security-group-rules",
            "ec2:security-group-rules",
            "elbv2:load-balancer",
            "elbv2:target-group",
            "elbv2:listener",
            "ecs:cluster",
            "ecs:task-definition",
            "ecs:service"
        ]
    );
    assert!(plan.steps.iter().all(|s| s.action == Action::Create));
    assert_eq!(
        step(&plan, &Resource::Role("web-execution".into())).calls,
        ["iam:CreateRole", "iam:PutRolePolicy"]
    );
    // Every group exists before any rule is authorized: the service's group admits the load
    // balancer's by id.
    assert_eq!(
        plan.steps[2].resource,
        Resource::SecurityGroup("web-alb-sg".into())
    );
    assert_eq!(
        plan.steps[5].resource,
        Resource::SecurityGroupRules("web-sg".into())
    );
    assert_eq!(plan.steps[5].calls, ["ec2:AuthorizeSecurityGroupIngress"]);
    let text = plan.to_string();
    assert!(
        text.starts_with("+ create    logs:log-group /ecs/web  (logs:CreateLogGroup)\n"),
        "{text}"
    );
    assert!(
        text.ends_with("Plan: 12 to create, 0 to update, 0 unchanged, 0 blocked."),
        "{text}"
    );
}

#[test]
fn what_is_deployed_plans_nothing() {
    let app = app();
    let plan = Plan::new(&app, &deployed(&app));
    assert!(plan.is_empty(), "{plan}");
    assert_eq!(plan.count(Action::Unchanged), 12);
}

#[test]
fn subnets_and_security_groups_in_another_order_are_no_change() {
    fn subnets(observed: &mut Observed) -> &mut Vec<ecs_model::Text> {
        let service = &mut observed.services.get_mut("web").unwrap().service;
        let network = service.network_configuration.as_mut().unwrap();
        &mut network.awsvpc_configuration.as_mut().unwrap().subnets
    }
    let app = app();
    let mut observed = deployed(&app);
    subnets(&mut observed).reverse();
    let plan = Plan::new(&app, &observed);
    assert!(plan.is_empty(), "{plan}");
    // A different subnet is still a change.
    subnets(&mut observed)[0] = "subnet-c".into();
    let plan = Plan::new(&app, &observed);
    assert_eq!(
        step(&plan, &service_resource()).action,
        Action::Update,
        "{plan}"
    );
}

#[test]
fn a_new_image_is_one_new_revision_and_a_service_update() {
    let app = app();
    let observed = deployed(&app);
    let mut changed = app.clone();
    changed.workloads[0].task_definition.container_definitions[0].image =
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2".into();
    let plan = Plan::new(&changed, &observed);
    let td = step(&plan, &Resource::TaskDefinition("web".into()));
    assert_eq!(td.action, Action::Update);
    assert_eq!(td.calls, ["ecs:RegisterTaskDefinition"]);
    assert_eq!(td.changes.len(), 1, "{plan}");
    assert_eq!(
        td.changes[0].path.to_string(),
        "containerDefinitions[0].image"
    );
    let service = step(&plan, &service_resource());
    assert_eq!(service.action, Action::Update);
    assert_eq!(service.changes.len(), 1, "{plan}");
    assert_eq!(service.changes[0].path.to_string(), "taskDefinition");
    assert_eq!(
        service.changes[0].after,
        Some(serde_json::json!("web:(new revision)"))
    );
    assert_eq!(plan.count(Action::Update), 2);
}

#[test]
fn the_plan_reads_as_a_pull_request_comment() {
    let app = app();
    let observed = deployed(&app);
    assert_eq!(
        Plan::new(&app, &observed).to_markdown(),
        format!(
            "**Plan: 0 to create, 0 to update, {} unchanged, 0 blocked.**\n\nNo changes.\n",
            Plan::new(&app, &observed).steps.len()
        )
    );
    let mut changed = app.clone();
    changed.workloads[0].task_definition.container_definitions[0].image =
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2".into();
    let markdown = Plan::new(&changed, &observed).to_markdown();
    let lines: Vec<&str> = markdown.lines().collect();
    assert!(
        lines[0].starts_with("**Plan: 0 to create, 2 to update, "),
        "{markdown}"
    );
    assert_eq!(
        lines[2..6],
        [
            "| | resource | action | calls |",
            "|---|---|---|---|",
            "| ~ | `ecs:task-definition web` | update | `ecs:RegisterTaskDefinition` |",
            "| ~ | `ecs:service prod/web` | update | `ecs:UpdateService` |",
        ],
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "<details><summary>`ecs:task-definition web`: 1 change</summary>\n\n\
             | field | before | after |\n|---|---|---|\n\
             | `containerDefinitions[0].image` | `\"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1\"` \
             | `\"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2\"` |\n\n</details>"
        ),
        "{markdown}"
    );
    // From nothing: every resource a row, nothing to collapse.
    let scratch = Plan::from_scratch(&app).to_markdown();
    assert!(
        scratch.contains("| + | `ecs:cluster prod` | create | `ecs:CreateCluster` |"),
        "{scratch}"
    );
    assert!(!scratch.contains("<details>"), "{scratch}");
}

#[test]
fn a_service_behind_the_latest_revision_is_moved_to_it() {
    let app = app();
    let mut observed = deployed(&app);
    observed
        .services
        .get_mut("web")
        .unwrap()
        .service
        .task_definition = Some("arn:aws:ecs:us-east-1:123456789012:task-definition/web:2".into());
    let plan = Plan::new(&app, &observed);
    assert_eq!(
        step(&plan, &Resource::TaskDefinition("web".into())).action,
        Action::Unchanged
    );
    let service = step(&plan, &service_resource());
    assert_eq!(service.changes[0].after, Some(serde_json::json!(TD_ARN)));
}

#[test]
fn create_only_changes_block_the_plan() {
    let app = app();
    let mut observed = deployed(&app);
    observed
        .services
        .get_mut("web")
        .unwrap()
        .service
        .launch_type = Some(Compatibility::Ec2);
    let plan = Plan::new(&app, &observed);
    let service = step(&plan, &service_resource());
    assert_eq!(service.action, Action::Blocked);
    assert!(service.calls.is_empty());
    let blocked = plan.blocked();
    assert_eq!(blocked.len(), 1);
    assert_eq!(blocked[0].change.path.to_string(), "launchType");
    assert!(blocked[0].reason.contains("ECS-J16"), "{}", blocked[0]);
    assert!(
        plan.to_string()
            .contains("! blocked   ecs:service prod/web"),
        "{plan}"
    );
}

#[tokio::test]
async fn a_blocked_plan_is_refused_before_any_call() {
    let app = app();
    let mut observed = deployed(&app);
    observed
        .services
        .get_mut("web")
        .unwrap()
        .service
        .launch_type = Some(Compatibility::Ec2);
    let plan = Plan::new(&app, &observed);
    // Clients for an endpoint that does not exist: a call would fail with a connection error.
    let config = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url("http://127.0.0.1:9")
        .build();
    let error = ecs_deploy::apply(&ecs_deploy::Clients::new(&config), &plan, &mut |_| {
        panic!("no step runs")
    })
    .await
    .expect_err("blocked");
    assert!(
        matches!(error, ecs_deploy::Error::Blocked(ref b) if b.len() == 1),
        "{error}"
    );
    assert!(
        error.to_string().contains("nothing was sent to AWS"),
        "{error}"
    );
}

#[test]
fn moving_to_a_capacity_provider_strategy_forces_a_new_deployment() {
    let mut app = app();
    let service = app.workloads[0].service.as_mut().unwrap();
    service.launch_type = None;
    service.capacity_provider_strategy =
        vec![ecs_model::service::CapacityProviderStrategyItem::new(
            "FARGATE_SPOT",
            1,
            None,
        )];
    app.cluster = app
        .cluster
        .clone()
        .into_builder()
        .capacity_provider("FARGATE")
        .capacity_provider("FARGATE_SPOT")
        .build_unchecked();
    let mut observed = deployed(&app);
    let seen = &mut observed.services.get_mut("web").unwrap().service;
    seen.capacity_provider_strategy.clear();
    seen.launch_type = Some(Compatibility::Fargate);
    let plan = Plan::new(&app, &observed);
    let service = step(&plan, &service_resource());
    assert_eq!(service.action, Action::Update, "{plan}");
    let paths: Vec<String> = service.changes.iter().map(|c| c.path.to_string()).collect();
    assert_eq!(
        paths,
        [
            "capacityProviderStrategy",
            "launchType",
            "forceNewDeployment"
        ]
    );
}

#[test]
fn what_the_application_leaves_out_of_a_service_is_left_alone() {
    let app = app();
    let mut observed = deployed(&app);
    let seen = &mut observed.services.get_mut("web").unwrap().service;
    seen.placement_strategy = vec![ecs_model::service::PlacementStrategy::default()];
    seen.health_check_grace_period_seconds = Some(0);
    assert!(Plan::new(&app, &observed).is_empty());
}

#[test]
fn roles_get_what_they_lack() {
    let app = app();
    let mut observed = deployed(&app);
    let role = observed.roles.get_mut("web-execution").unwrap();
    role.inline_policies.clear();
    role.trust_policy = Some(ecs_model::iam::PolicyDocument::new([
        ecs_model::iam::Statement::trust_service("ecs-tasks.amazonaws.com"),
    ]));
    let plan = Plan::new(&app, &observed);
    let step = step(&plan, &Resource::Role("web-execution".into()));
    assert_eq!(
        step.calls,
        ["iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy"]
    );
    let paths: Vec<String> = step.changes.iter().map(|c| c.path.to_string()).collect();
    assert_eq!(paths, ["AssumeRolePolicyDocument", "Policies.execution"]);
}

#[test]
fn target_groups_change_their_health_check_but_not_their_port() {
    let mut app = app();
    app.target_groups[0] = app.target_groups[0]
        .clone()
        .into_builder()
        .health_check_path("/health")
        .build_unchecked();
    let plan = Plan::new(&app, &deployed(&self::app()));
    let tg = step(&plan, &Resource::TargetGroup("web-tg".into()));
    assert_eq!(
        (tg.action, tg.calls.clone()),
        (Action::Update, vec!["elbv2:ModifyTargetGroup"])
    );
    let mut observed = deployed(&self::app());
    observed.target_groups.get_mut("web-tg").unwrap().value.port = Some(80);
    let plan = Plan::new(&self::app(), &observed);
    let tg = step(&plan, &Resource::TargetGroup("web-tg".into()));
    assert_eq!(tg.action, Action::Blocked);
    assert_eq!(tg.blocked[0].change.path.to_string(), "Port");
}

#[test]
fn security_groups_get_only_the_rules_they_lack() {
    let mut app = app();
    app.security_groups[1]
        .ingress
        .push(IngressRule::tcp(9090, Source::Cidr("10.0.0.0/8".into())));
    let plan = Plan::new(&app, &deployed(&self::app()));
    let group = step(&plan, &Resource::SecurityGroupRules("web-sg".into()));
    assert_eq!(group.calls, ["ec2:AuthorizeSecurityGroupIngress"]);
    assert_eq!(group.changes.len(), 1);
    assert_eq!(
        group.changes[0].after,
        Some(serde_json::json!("tcp 9090–9090 from 10.0.0.0/8"))
    );
}

#[test]
fn the_plan_is_json_for_tools() {
    let plan = Plan::from_scratch(&app());
    let json: serde_json::Value = serde_json::from_str(&plan.to_json_pretty()).unwrap();
    assert_eq!(
        json["steps"][0],
        serde_json::json!({
            "resource": {"kind": "logs:log-group", "name": "/ecs/web"},
            "action": "create",
            "changes": [],
            "calls": ["logs:CreateLogGroup"]
        })
    );
}

/// The IAM action of a plan's call (`elbv2:CreateRule` → `elasticloadbalancing:CreateRule`).
fn iam_action(call: &str) -> String {
    call.replacen("elbv2:", "elasticloadbalancing:", 1)
}

/// The read calls `observe`, `wait`, `verify` and the revision commands make.
const READS_AND_HOUSEKEEPING: &[&str] = &[
    "logs:DescribeLogGroups",
    "iam:GetRole",
    "iam:ListRolePolicies",
    "iam:GetRolePolicy",
    "iam:ListAttachedRolePolicies",
    "iam:GetInstanceProfile",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSubnets",
    "ec2:DescribeVpcs",
    "ec2:DescribeInstances",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetGroupAttributes",
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:DescribeRules",
    "ecs:DescribeClusters",
    "ecs:DescribeCapacityProviders",
    "ecs:DescribeTaskDefinition",
    "ecs:DescribeServices",
    "ecs:DescribeServiceRevisions",
    "ecs:ListServices",
    "ecs:ListTasks",
    "ecs:DescribeTasks",
    "ecs:ListTaskDefinitions",
    "ecs:DeregisterTaskDefinition",
    "ecs:ListServiceDeployments",
    "ecs:StopServiceDeployment",
];

#[test]
fn the_deployer_policy_allows_every_call_ecs_deploy_makes() {
    use ecs_model::cluster::{AgentConfig, CapacityProvider, ContainerInstance, EcsOptimizedAmi};
    use ecs_model::iam::{InstanceProfile, wildcard_match};
    let role = Role::ecs_instance().build_unchecked();
    let profile = InstanceProfile::for_role(&role).build_unchecked();
    let mut instance = ContainerInstance::builder(
        "dev",
        "t3.small",
        EcsOptimizedAmi::AmazonLinux2023,
        &profile.name,
        AgentConfig::new("prod"),
    )
    .build_unchecked();
    instance.subnet_id = Some("subnet-a".into());
    let mut app = app();
    app.roles.push(role);
    app.instance_profiles.push(profile);
    app.instances.push(instance);
    app.capacity_providers.push(CapacityProvider::auto_scaling_group("prod-asg", "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1:autoScalingGroupName/asg", 100).build_unchecked());
    app.cluster = app
        .cluster
        .clone()
        .into_builder()
        .capacity_provider("prod-asg")
        .build_unchecked();
    app.listener_rules.push(
        ecs_model::alb::ListenerRule::builder(
            Reference::listener("web-alb", 80),
            5,
            LbAction::forward(Reference::target_group("web-tg")),
        )
        .path_patterns(["/api/*"])
        .build_unchecked(),
    );
    let policy = app.deployer_policy();
    let allowed: Vec<&str> = policy.allowed_actions().collect();
    let mut calls: Vec<String> = Plan::from_scratch(&app)
        .steps
        .iter()
        .flat_map(|s| s.calls.iter().map(|c| iam_action(c)))
        .collect();
    // What updates and tags use besides.
    calls.extend(
        [
            "iam:PassRole",
            "ecs:UpdateService",
            "ecs:TagResource",
            "ecs:UpdateCluster",
            "ecs:UpdateCapacityProvider",
            "iam:UpdateAssumeRolePolicy",
        ]
        .map(String::from),
    );
    calls.extend(
        [
            "elasticloadbalancing:ModifyTargetGroup",
            "elasticloadbalancing:ModifyListener",
            "elasticloadbalancing:ModifyRule",
            "elasticloadbalancing:SetSecurityGroups",
            "elasticloadbalancing:SetSubnets",
        ]
        .map(String::from),
    );
    calls.extend(READS_AND_HOUSEKEEPING.iter().map(|c| (*c).to_owned()));
    let missing: Vec<&String> = calls
        .iter()
        .filter(|call| !allowed.iter().any(|a| wildcard_match(a, call)))
        .collect();
    assert!(missing.is_empty(), "the deployer policy lacks {missing:?}");
    assert!(calls.len() > 45, "{}", calls.len());
    let errors: Vec<_> = policy
        .validate()
        .into_iter()
        .filter(ecs_model::Diagnostic::is_error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn groups_that_admit_each_other_are_created_before_their_rules() {
    let mut app = app();
    // The load balancer's group also admits the service's (health checks back, say): each group
    // names the other, so neither can be authorized before both exist.
    app.security_groups[0].ingress.push(IngressRule::tcp(
        8443,
        Source::Group(Reference::security_group("web-sg").to_string()),
    ));
    let plan = Plan::from_scratch(&app);
    let groups: Vec<String> = plan
        .steps
        .iter()
        .filter(|s| s.resource.kind().starts_with("ec2:"))
        .map(|s| s.resource.to_string())
        .collect();
    assert_eq!(
        groups,
        [
            "ec2:security-group web-alb-sg",
            "ec2:security-group web-sg",
            "ec2:security-group-rules web-alb-sg",
            "ec2:security-group-rules web-sg",
        ]
    );
}

#[test]
fn a_changed_target_group_attribute_is_named_by_its_key() {
    let mut app = app();
    app.target_groups[0] = app.target_groups[0]
        .clone()
        .into_builder()
        .deregistration_delay(30)
        .build_unchecked();
    let plan = Plan::new(&app, &deployed(&self::app()));
    let tg = step(&plan, &Resource::TargetGroup("web-tg".into()));
    assert_eq!(tg.calls, ["elbv2:ModifyTargetGroupAttributes"]);
    // The key has dots: the path quotes it, so it reads as one key.
    let paths: Vec<String> = tg.changes.iter().map(|c| c.path.to_string()).collect();
    assert_eq!(
        paths,
        [r#"Attributes["deregistration_delay.timeout_seconds"]"#]
    );
}

/// `deployed`, but with the execution role's trust policy out of date and the role marked as
/// `owner`'s (`None`: not marked).
fn with_role_owned_by(owner: Option<&str>) -> (Application, Observed) {
    let app = app();
    let mut observed = deployed(&app);
    let role = observed.roles.get_mut("web-execution").unwrap();
    role.trust_policy = Some(ecs_model::iam::PolicyDocument::new([
        ecs_model::iam::Statement::trust_service("ecs-tasks.amazonaws.com"),
    ]));
    observed.owners.insert(
        Resource::Role("web-execution".into()),
        Owner::new("web-execution", owner.map(str::to_owned)),
    );
    (app, observed)
}

#[test]
fn what_the_application_did_not_create_is_not_changed_unless_adopted() {
    let role = Resource::Role("web-execution".into());
    for (owner, says) in [
        (None, "exists without the `ecs-deploy:application` tag"),
        (Some("billing"), "belongs to application `billing`"),
    ] {
        let (app, observed) = with_role_owned_by(owner);
        let plan = Plan::new(&app, &observed);
        let blocked = step(&plan, &role);
        assert_eq!(blocked.action, Action::Blocked, "{plan}");
        assert!(blocked.calls.is_empty(), "nothing is sent: {plan}");
        assert!(blocked.blocked[0].reason.contains(says), "{plan}");
        assert!(blocked.blocked[0].reason.contains("--adopt"), "{plan}");
        // Only the role: the rest is the application's and unchanged.
        assert_eq!(plan.count(Action::Blocked), 1, "{plan}");

        let adopted = Plan::adopting(&app, &observed);
        let step = step(&adopted, &role);
        assert_eq!(step.action, Action::Update, "{adopted}");
        assert!(step.adopted);
        assert_eq!(step.calls, ["iam:UpdateAssumeRolePolicy", "iam:TagRole"]);
        assert!(
            adopted
                .to_string()
                .contains("+ adopt: not created by ecs-deploy for this application"),
            "{adopted}"
        );
        assert_eq!(
            serde_json::to_value(step).unwrap()["adopted"],
            serde_json::json!(true)
        );
    }
    // Marked as this application's: updated as before, nothing to adopt.
    let (app, observed) = with_role_owned_by(Some("web"));
    let plan = Plan::adopting(&app, &observed);
    let step = step(&plan, &role);
    assert_eq!((step.action, step.adopted), (Action::Update, false));
    assert_eq!(step.calls, ["iam:UpdateAssumeRolePolicy"]);
}

#[test]
fn unchanged_resources_need_no_mark() {
    let app = app();
    let mut observed = deployed(&app);
    observed.owners.clear();
    let plan = Plan::new(&app, &observed);
    assert!(plan.is_empty(), "{plan}");
}

#[test]
fn a_trust_policy_that_cannot_be_read_is_not_replaced() {
    let app = app();
    let mut observed = deployed(&app);
    observed
        .roles
        .get_mut("web-execution")
        .unwrap()
        .trust_policy = None;
    for plan in [Plan::new(&app, &observed), Plan::adopting(&app, &observed)] {
        let step = step(&plan, &Resource::Role("web-execution".into()));
        assert_eq!(step.action, Action::Blocked, "{plan}");
        assert!(
            step.blocked[0]
                .reason
                .contains("trust policy cannot be read, so it is not replaced"),
            "{plan}"
        );
    }
}

#[test]
fn a_service_of_another_application_is_not_updated() {
    let mut observed = deployed(&app());
    let mut app = app();
    app.workloads[0].task_definition.container_definitions[0].image = "web:2".into();
    observed.owners.insert(
        service_resource(),
        Owner::new("arn:aws:ecs:us-east-1:123456789012:service/prod/web", None),
    );
    let plan = Plan::new(&app, &observed);
    assert_eq!(
        step(&plan, &service_resource()).action,
        Action::Blocked,
        "{plan}"
    );
    // A new revision of the family is a new resource: registered either way.
    assert_eq!(
        step(&plan, &Resource::TaskDefinition("web".into())).action,
        Action::Update
    );
    let adopted = Plan::adopting(&app, &observed);
    assert!(
        step(&adopted, &service_resource())
            .calls
            .contains(&"ecs:TagResource"),
        "{adopted}"
    );
}
