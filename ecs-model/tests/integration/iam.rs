//! The roles ECS needs and the least-privilege policies derived from a task definition: each
//! expected document below is written out by hand from the IAM and ECS docs, not captured.

use ecs_model::iam::{
    DeployerScope, ExecutionPolicyOptions, InstanceProfile, PolicyDocument, Role, Statement,
    deployer_policy, execution_policy, task_role_policy, wildcard_match,
};
use ecs_model::volume::{EfsAuthorizationConfig, EfsSetting, EfsVolumeConfiguration, Volume};
use ecs_model::{Account, ContainerDefinition, LogConfiguration, TaskDefinition};
use serde_json::{Value, json};

const EXECUTION_ROLE: &str = "arn:aws:iam::123456789012:role/exec";

fn account() -> Account {
    Account::new("123456789012", "ap-northeast-2")
}

fn as_json(policy: &PolicyDocument) -> Value {
    serde_json::from_str(&policy.to_json()).expect("a policy renders JSON")
}

/// Every resource of every `Allow` statement that grants `action`.
fn resources_for(policy: &PolicyDocument, action: &str) -> Vec<String> {
    policy
        .statements
        .iter()
        .filter(|s| {
            s.action
                .as_slice()
                .iter()
                .any(|a| wildcard_match(a, action))
        })
        .flat_map(|s| s.resource.as_slice().to_vec())
        .collect()
}

/// A task of everything an execution role serves: an ECR image and a public one, two awslogs
/// groups (one created by the agent), Secrets Manager and Parameter Store secrets, private
/// registry credentials, an S3 environment file.
fn busy_task() -> TaskDefinition {
    TaskDefinition::fargate("shop", "512", "1024")
        .execution_role_arn(EXECUTION_ROLE)
        .container(
            ContainerDefinition::builder("api", "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/shop/api:1.4")
                .secret("DB_PASSWORD", "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:shop/db-AbCdEf:password::")
                .secret("API_KEY", "/shop/api-key")
                .environment_file("arn:aws:s3:::shop-config/prod/api.env")
                .log_configuration(LogConfiguration::awslogs("/ecs/shop", "ap-northeast-2", "api")),
        )
        .container(
            ContainerDefinition::builder("worker", "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/worker@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
                .essential(false)
                .secret("TOKEN", "arn:aws:ssm:ap-northeast-2:123456789012:parameter/shop/token")
                .log_configuration(
                    LogConfiguration::awslogs("/ecs/shop-worker", "ap-northeast-2", "worker").option("awslogs-create-group", "true"),
                ),
        )
        .container(
            ContainerDefinition::builder("proxy", "registry.example.com/proxy:2")
                .essential(false)
                .repository_credentials("arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:registry-XyZ123")
                .log_configuration(LogConfiguration::awslogs("/ecs/shop", "ap-northeast-2", "proxy")),
        )
        .build()
        .expect("the busy task is valid")
}

#[test]
fn the_execution_policy_names_exactly_what_the_task_uses() {
    let options = {
        let mut o = ExecutionPolicyOptions::default();
        o.kms_key_arns
            .push("arn:aws:kms:ap-northeast-2:123456789012:key/1111-2222".to_owned());
        o
    };
    let policy = execution_policy(&busy_task(), &account(), &options);
    assert_eq!(
        as_json(&policy),
        json!({
            "Version": "2012-10-17",
            "Statement": [
                {"Sid": "EcrAuthorization", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
                {
                    "Sid": "EcrPull", "Effect": "Allow",
                    "Action": ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
                    "Resource": [
                        "arn:aws:ecr:ap-northeast-2:123456789012:repository/shop/api",
                        "arn:aws:ecr:us-east-1:123456789012:repository/shop/worker"
                    ]
                },
                {
                    "Sid": "Logs", "Effect": "Allow",
                    "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                    "Resource": [
                        "arn:aws:logs:ap-northeast-2:123456789012:log-group:/ecs/shop-worker:*",
                        "arn:aws:logs:ap-northeast-2:123456789012:log-group:/ecs/shop:*"
                    ]
                },
                {
                    "Sid": "CreateLogGroups", "Effect": "Allow", "Action": "logs:CreateLogGroup",
                    "Resource": "arn:aws:logs:ap-northeast-2:123456789012:log-group:/ecs/shop-worker:*"
                },
                {
                    "Sid": "Secrets", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                    "Resource": [
                        "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:registry-XyZ123",
                        "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:shop/db-AbCdEf"
                    ]
                },
                {
                    "Sid": "Parameters", "Effect": "Allow", "Action": "ssm:GetParameters",
                    "Resource": [
                        "arn:aws:ssm:ap-northeast-2:123456789012:parameter/shop/api-key",
                        "arn:aws:ssm:ap-northeast-2:123456789012:parameter/shop/token"
                    ]
                },
                {
                    "Sid": "DecryptSecrets", "Effect": "Allow", "Action": "kms:Decrypt",
                    "Resource": "arn:aws:kms:ap-northeast-2:123456789012:key/1111-2222"
                },
                {"Sid": "EnvironmentFiles", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shop-config/prod/api.env"},
                {"Sid": "EnvironmentFileBuckets", "Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": "arn:aws:s3:::shop-config"}
            ]
        })
    );
    // The only `*` is the action that takes no resource, so the policy passes its own lint.
    assert_eq!(
        policy
            .statements
            .iter()
            .filter(|s| s.resource.contains("*"))
            .count(),
        1
    );
    assert!(policy.validate().is_empty(), "{:?}", policy.validate());
}

#[test]
fn the_execution_policy_grants_nothing_a_task_does_not_use() {
    let public = TaskDefinition::fargate("plain", "256", "512")
        .container(ContainerDefinition::builder("web", "public.ecr.aws/nginx/nginx:1.27").port(80))
        .build()
        .expect("valid");
    let policy = execution_policy(&public, &account(), &ExecutionPolicyOptions::default());
    assert!(policy.statements.is_empty(), "{}", policy.to_json());
    // Without `awslogs-create-group`, no `CreateLogGroup`: the group is created ahead, by whoever deploys.
    let td = TaskDefinition::fargate("logs", "256", "512")
        .execution_role_arn(EXECUTION_ROLE)
        .container(
            ContainerDefinition::builder("web", "nginx:1.27")
                .log_configuration(LogConfiguration::awslogs("/ecs/logs", "eu-west-1", "web")),
        )
        .build()
        .expect("valid");
    let policy = execution_policy(&td, &account(), &ExecutionPolicyOptions::default());
    assert!(resources_for(&policy, "logs:CreateLogGroup").is_empty());
    // The group's own region wins over the account's.
    assert_eq!(
        resources_for(&policy, "logs:PutLogEvents"),
        ["arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/logs:*"]
    );
    assert!(resources_for(&policy, "ecr:BatchGetImage").is_empty());
}

#[test]
fn china_and_govcloud_regions_get_their_partition() {
    let account = Account::new("123456789012", "cn-north-1");
    let td =
        TaskDefinition::fargate("cn", "256", "512")
            .execution_role_arn(EXECUTION_ROLE)
            .container(
                ContainerDefinition::builder(
                    "web",
                    "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web:1",
                )
                .secret("KEY", "/web/key")
                .log_configuration(LogConfiguration::awslogs("/ecs/cn", "cn-north-1", "web")),
            )
            .build()
            .expect("valid");
    let policy = execution_policy(&td, &account, &ExecutionPolicyOptions::default());
    assert_eq!(
        resources_for(&policy, "ssm:GetParameters"),
        ["arn:aws-cn:ssm:cn-north-1:123456789012:parameter/web/key"]
    );
    assert_eq!(
        resources_for(&policy, "logs:PutLogEvents"),
        ["arn:aws-cn:logs:cn-north-1:123456789012:log-group:/ecs/cn:*"]
    );
    assert_eq!(
        Role::ecs_task("r", &Account::new("1", "us-gov-west-1"))
            .build_unchecked()
            .arn(&Account::new("1", "us-gov-west-1")),
        "arn:aws-us-gov:iam::1:role/r"
    );
}

#[test]
fn task_and_execution_roles_trust_ecs_tasks_of_this_account_only() {
    for role in [
        Role::ecs_task("app", &account()).build_unchecked(),
        Role::ecs_task_execution("app-exec", &account()).build_unchecked(),
    ] {
        assert!(role.trusts("ecs-tasks.amazonaws.com"));
        assert!(!role.trusts("ec2.amazonaws.com"));
        assert_eq!(
            role.create_request()["AssumeRolePolicyDocument"]
                .as_str()
                .map(|s| serde_json::from_str::<Value>(s)
                    .expect("JSON in a string, as IAM takes it")),
            Some(json!({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                    "Condition": {
                        "ArnLike": {"aws:SourceArn": "arn:aws:ecs:ap-northeast-2:123456789012:*"},
                        "StringEquals": {"aws:SourceAccount": "123456789012"}
                    }
                }]
            }))
        );
        assert!(role.validate().is_empty(), "{:?}", role.validate());
    }
}

#[test]
fn ecs_instance_role_is_the_consoles() {
    let role = Role::ecs_instance().build_unchecked();
    assert_eq!(role.name, "ecsInstanceRole");
    assert!(role.trusts("ec2.amazonaws.com"));
    assert_eq!(
        role.managed_policy_arns,
        ["arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"]
    );
    assert_eq!(
        role.attach_policy_requests(),
        [
            json!({"RoleName": "ecsInstanceRole", "PolicyArn": "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"})
        ]
    );
    let profile = InstanceProfile::ecs_instance().build_unchecked();
    assert_eq!(profile.name, "ecsInstanceRole");
    assert_eq!(profile.role, "ecsInstanceRole");
    assert_eq!(
        profile.add_role_request(),
        json!({"InstanceProfileName": "ecsInstanceRole", "RoleName": "ecsInstanceRole"})
    );
    assert_eq!(
        profile.arn(&account()),
        "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole"
    );
}

#[test]
fn inline_policies_render_as_iam_takes_them() {
    let role = Role::ecs_task("app", &account())
        .inline_policy(
            "read-config",
            PolicyDocument::new([Statement::allow(
                "s3:GetObject",
                "arn:aws:s3:::cfg/app.json",
            )]),
        )
        .build_unchecked();
    assert_eq!(
        role.put_policy_requests(),
        [json!({
            "RoleName": "app",
            "PolicyName": "read-config",
            "PolicyDocument": r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::cfg/app.json"}]}"#
        })]
    );
}

#[test]
fn policies_parse_single_values_and_lists_as_iam_accepts_them() {
    let text = r#"{
        "Version": "2012-10-17",
        "Statement": {
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": "arn:aws:s3:::b/*",
            "Condition": {"Bool": {"aws:SecureTransport": "true"}}
        }
    }"#;
    let policy = PolicyDocument::from_json(text).expect("IAM accepts a single statement object");
    assert_eq!(policy.statements.len(), 1);
    assert_eq!(
        policy.statements[0].action.as_slice(),
        ["s3:GetObject", "s3:ListBucket"]
    );
    assert!(policy.statements[0].resource.contains("arn:aws:s3:::b/*"));
    let err = PolicyDocument::from_json(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}"#)
        .expect_err("an unknown effect");
    assert!(err.to_string().contains("Statement[0].Effect"), "{err}");
}

#[test]
fn task_role_policy_follows_what_the_task_turns_on() {
    let plain = TaskDefinition::fargate("t", "256", "512")
        .container(ContainerDefinition::builder("c", "nginx"))
        .build()
        .expect("valid");
    assert_eq!(task_role_policy(&plain, &account(), false), None);
    let exec = task_role_policy(&plain, &account(), true).expect("ECS Exec needs SSM channels");
    assert_eq!(resources_for(&exec, "ssmmessages:OpenDataChannel"), ["*"]);

    let mut efs = EfsVolumeConfiguration::default();
    efs.file_system_id = "fs-0123".into();
    let mut auth = EfsAuthorizationConfig::default();
    auth.iam = Some(EfsSetting::Enabled);
    efs.authorization_config = Some(auth);
    efs.transit_encryption = Some(EfsSetting::Enabled);
    let with_efs = plain
        .clone()
        .into_builder()
        .volume(Volume::efs("data", efs))
        .build()
        .expect("valid");
    let policy = task_role_policy(&with_efs, &account(), false)
        .expect("IAM-authorized EFS needs the client actions");
    assert_eq!(
        resources_for(&policy, "elasticfilesystem:ClientMount"),
        ["arn:aws:elasticfilesystem:ap-northeast-2:123456789012:file-system/fs-0123"]
    );
}

#[test]
fn the_deployer_passes_roles_only_to_ecs_and_ec2() {
    let mut scope = DeployerScope::default();
    scope.cluster = "pet-web-cluster".to_owned();
    scope.services = vec!["web".to_owned()];
    scope.passed_to_tasks = vec![
        "arn:aws:iam::123456789012:role/web-exec".to_owned(),
        "arn:aws:iam::123456789012:role/web-task".to_owned(),
    ];
    scope.passed_to_instances = vec!["arn:aws:iam::123456789012:role/ecsInstanceRole".to_owned()];
    scope.target_groups = vec!["web-tg".to_owned()];
    let policy = deployer_policy(&account(), &scope);
    let pass: Vec<&Statement> = policy
        .statements
        .iter()
        .filter(|s| s.action.contains("iam:PassRole"))
        .collect();
    assert_eq!(pass.len(), 2);
    assert_eq!(
        serde_json::to_value(pass[0]).expect("renders"),
        json!({
            "Sid": "PassRolesToTasks",
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": ["arn:aws:iam::123456789012:role/web-exec", "arn:aws:iam::123456789012:role/web-task"],
            "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}
        })
    );
    assert_eq!(
        pass[1].condition["StringEquals"]["iam:PassedToService"].as_slice(),
        ["ec2.amazonaws.com"]
    );
    assert_eq!(
        resources_for(&policy, "ecs:UpdateService"),
        [
            "arn:aws:ecs:ap-northeast-2:123456789012:service/pet-web-cluster/web",
            "arn:aws:ecs:ap-northeast-2:123456789012:service-deployment/pet-web-cluster/web/*",
            "arn:aws:ecs:ap-northeast-2:123456789012:service-revision/pet-web-cluster/web/*"
        ]
    );
    assert_eq!(
        resources_for(&policy, "elasticloadbalancing:ModifyTargetGroup"),
        ["arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/web-tg/*"]
    );
    // Every `*` resource is on an action IAM cannot scope, and says so; no L4 or L5 errors.
    for statement in &policy.statements {
        if statement.resource.contains("*") {
            assert!(
                statement
                    .sid
                    .as_deref()
                    .is_some_and(|s| s.ends_with("NoResourceType")),
                "{statement:?}"
            );
        }
    }
    let errors: Vec<_> = policy
        .validate()
        .into_iter()
        .filter(ecs_model::Diagnostic::is_error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
