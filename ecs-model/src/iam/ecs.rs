//! The roles ECS needs, and least-privilege policies derived from a task definition.

use std::collections::BTreeSet;

use super::policy::{PolicyDocument, Statement};
use super::role::{InstanceProfile, InstanceProfileBuilder, Role, RoleBuilder};
use crate::Text;
use crate::arn::{Account, Arn};
use crate::container::{LogConfiguration, LogDriver, awslogs};
use crate::task_definition::TaskDefinition;
use crate::volume::EfsSetting;

/// The service principal of ECS tasks (task roles and execution roles).
pub const ECS_TASKS: &str = "ecs-tasks.amazonaws.com";
/// The tag key ecs-deploy marks what it creates (and adopts) with.
pub const OWNERSHIP_MARK: &str = "ecs-deploy:application";
/// The service principal of EventBridge Scheduler (the role a schedule runs its task with).
pub const SCHEDULER: &str = "scheduler.amazonaws.com";
/// The service principal of EC2 instances (the container instance role).
pub const EC2: &str = "ec2.amazonaws.com";
/// The AWS-managed policy of the container instance role: register the instance, poll for
/// work, pull from ECR, write logs.
pub const MANAGED_INSTANCE_ROLE_POLICY: &str =
    "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role";

/// Who may assume a task or execution role: ECS tasks of this account in this region (the
/// `aws:SourceAccount` / `aws:SourceArn` conditions against the confused deputy; a per-cluster
/// `SourceArn` is not supported).
fn ecs_tasks_trust(account: &Account) -> PolicyDocument {
    PolicyDocument::new([Statement::trust_service(ECS_TASKS)
        .condition("StringEquals", "aws:SourceAccount", account.id.as_str())
        .condition("ArnLike", "aws:SourceArn", account.arn("ecs", "*"))])
}

impl Role {
    /// A task execution role: what ECS uses to pull the images, write the logs and read the
    /// secrets of the task. Give it [`execution_policy`] of the task definition.
    ///
    /// ```
    /// use ecs_model::iam::{Role, execution_policy};
    /// use ecs_model::{Account, ContainerDefinition, LogConfiguration, TaskDefinition};
    /// let td = TaskDefinition::fargate("web", "256", "512")
    ///     .container(
    ///         ContainerDefinition::builder("web", "nginx:1.27")
    ///             .log_configuration(LogConfiguration::awslogs("/ecs/web", "ap-northeast-2", "web")),
    ///     )
    ///     .build_unchecked();
    /// let account = Account::new("123456789012", "ap-northeast-2");
    /// let role = Role::ecs_task_execution("pet-web-execution", &account)
    ///     .inline_policy("execution", execution_policy(&td, &account, &Default::default()))
    ///     .build()
    ///     .unwrap();
    /// assert!(role.trusts("ecs-tasks.amazonaws.com"));
    /// ```
    pub fn ecs_task_execution(name: impl Into<String>, account: &Account) -> RoleBuilder {
        Self::builder(name, ecs_tasks_trust(account))
            .description("Lets ECS pull images, write logs and read secrets for the task")
    }

    /// A task role: what the containers' own AWS calls use.
    pub fn ecs_task(name: impl Into<String>, account: &Account) -> RoleBuilder {
        Self::builder(name, ecs_tasks_trust(account)).description("The task's own AWS permissions")
    }

    /// The role EventBridge Scheduler assumes to run a schedule's task: trusted by Scheduler for
    /// this account's schedules only (`aws:SourceAccount`). Give it [`scheduler_policy`].
    pub fn ecs_scheduler(name: impl Into<String>, account: &Account) -> RoleBuilder {
        let trust = PolicyDocument::new([Statement::trust_service(SCHEDULER).condition(
            "StringEquals",
            "aws:SourceAccount",
            account.id.as_str(),
        )]);
        Self::builder(name, trust).description("Lets EventBridge Scheduler run the task")
    }

    /// `ecsInstanceRole`: the container instance role the ECS agent uses to register with the
    /// cluster (`ecs:RegisterContainerInstance`: without it the agent fails with `AccessDenied`
    /// and the instance never joins), with `AmazonEC2ContainerServiceforEC2Role`. Pair it with
    /// [`InstanceProfile::for_role`].
    pub fn ecs_instance() -> RoleBuilder {
        Self::builder(
            "ecsInstanceRole",
            PolicyDocument::new([Statement::trust_service(EC2)]),
        )
        .description("Lets the ECS agent on EC2 instances join clusters")
        .managed_policy(MANAGED_INSTANCE_ROLE_POLICY)
    }
}

impl InstanceProfile {
    /// `ecsInstanceRole`'s instance profile.
    pub fn ecs_instance() -> InstanceProfileBuilder {
        Self::for_role(&Role::ecs_instance().build_unchecked())
    }
}

/// What [`execution_policy`] grants beyond what the task definition shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExecutionPolicyOptions {
    /// KMS keys that encrypt the secrets or parameters (`kms:Decrypt`).
    pub kms_key_arns: Vec<String>,
}

/// The ECR repository ARN of an ECR image (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>:tag`).
fn ecr_repository_arn(image: &str) -> Option<String> {
    let (host, rest) = image.split_once('/')?;
    let mut labels = host.split('.');
    let account = labels.next()?;
    if labels.next()? != "dkr" || !labels.next()?.starts_with("ecr") {
        return None;
    }
    let region = labels.next()?;
    if !(labels.next()? == "amazonaws" && labels.next()? == "com") {
        return None;
    }
    let repository = rest.split(['@', ':']).next()?;
    let partition = crate::arn::partition_of(region);
    Some(format!(
        "arn:{partition}:ecr:{region}:{account}:repository/{repository}"
    ))
}

/// The resource a secret's `valueFrom` names, and the action that reads it.
fn secret_resource(value_from: &str, account: &Account) -> (&'static str, String) {
    match Arn::parse(value_from) {
        Some(arn) if arn.service == "secretsmanager" => {
            // `secret:name-AbCdEf[:json-key:version-stage:version-id]` → the secret itself.
            let mut parts = arn.resource.splitn(3, ':');
            let (kind, name) = (
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
            );
            let secret = Arn {
                resource: &format!("{kind}:{name}"),
                ..arn
            }
            .to_string();
            ("secretsmanager:GetSecretValue", secret)
        }
        Some(_) => ("ssm:GetParameters", value_from.to_owned()),
        None => {
            let name = value_from.trim_start_matches('/');
            (
                "ssm:GetParameters",
                account.arn("ssm", &format!("parameter/{name}")),
            )
        }
    }
}

/// The resources an execution role serves for a task definition, by kind.
#[derive(Default)]
struct ExecutionNeeds {
    repositories: BTreeSet<String>,
    log_groups: BTreeSet<String>,
    created_groups: BTreeSet<String>,
    secrets: BTreeSet<String>,
    parameters: BTreeSet<String>,
    objects: BTreeSet<String>,
    buckets: BTreeSet<String>,
}

impl ExecutionNeeds {
    fn of(td: &TaskDefinition, account: &Account) -> Self {
        let mut needs = Self::default();
        for c in &td.container_definitions {
            needs.repositories.extend(ecr_repository_arn(&c.image));
            for secret in &c.secrets {
                needs.secret(&secret.value_from, account);
            }
            if let Some(credentials) = &c.repository_credentials {
                needs.secret(&credentials.credentials_parameter, account);
            }
            if let Some(log) = &c.log_configuration {
                for secret in &log.secret_options {
                    needs.secret(&secret.value_from, account);
                }
                needs.awslogs(log, account);
            }
            for file in &c.environment_files {
                needs.object(&file.value);
            }
            if let Some(firelens) = &c.firelens_configuration {
                if firelens.options.get("config-file-type").map(Text::as_str) == Some("s3") {
                    if let Some(value) = firelens.options.get("config-file-value") {
                        needs.object(value);
                    }
                }
            }
        }
        needs
    }

    fn secret(&mut self, value_from: &str, account: &Account) {
        match secret_resource(value_from, account) {
            ("secretsmanager:GetSecretValue", arn) => self.secrets.insert(arn),
            (_, arn) => self.parameters.insert(arn),
        };
    }

    fn awslogs(&mut self, log: &LogConfiguration, account: &Account) {
        if log.log_driver != LogDriver::Awslogs {
            return;
        }
        let Some(group) = log.option_value(awslogs::GROUP) else {
            return;
        };
        let region = log.option_value(awslogs::REGION).unwrap_or(&account.region);
        let arn =
            Account::new(account.id.clone(), region).arn("logs", &format!("log-group:{group}:*"));
        if log.option_value(awslogs::CREATE_GROUP) == Some("true") {
            self.created_groups.insert(arn.clone());
        }
        self.log_groups.insert(arn);
    }

    /// An S3 object (`arn:aws:s3:::bucket/key`) and its bucket.
    fn object(&mut self, object_arn: &str) {
        self.objects.insert(object_arn.to_owned());
        if let Some(arn) = Arn::parse(object_arn) {
            let bucket = arn.resource.split('/').next().unwrap_or_default();
            self.buckets
                .insert(format!("arn:{}:s3:::{bucket}", arn.partition));
        }
    }
}

/// The least-privilege execution policy of `td`: ECR pull on exactly the repositories its images
/// name (and `ecr:GetAuthorizationToken`, which has no resource), `logs:CreateLogStream` and
/// `PutLogEvents` on exactly its awslogs groups (`CreateLogGroup` only where
/// `awslogs-create-group` is set), `secretsmanager:GetSecretValue` / `ssm:GetParameters` on
/// exactly its secrets (and `kms:Decrypt` on the keys given), `s3:GetObject` on its environment
/// files. No `"Resource": "*"` where the ARN is known.
#[must_use]
pub fn execution_policy(
    td: &TaskDefinition,
    account: &Account,
    options: &ExecutionPolicyOptions,
) -> PolicyDocument {
    let ExecutionNeeds {
        repositories,
        log_groups,
        created_groups,
        secrets,
        parameters,
        objects,
        buckets,
    } = ExecutionNeeds::of(td, account);
    let list = |set: BTreeSet<String>| set.into_iter().collect::<Vec<_>>();
    let mut statements = Vec::new();
    if !repositories.is_empty() {
        statements.push(Statement::allow("ecr:GetAuthorizationToken", "*").sid("EcrAuthorization"));
        statements.push(
            Statement::allow(
                [
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:GetDownloadUrlForLayer",
                    "ecr:BatchGetImage",
                ],
                list(repositories),
            )
            .sid("EcrPull"),
        );
    }
    if !log_groups.is_empty() {
        statements.push(
            Statement::allow(
                ["logs:CreateLogStream", "logs:PutLogEvents"],
                list(log_groups),
            )
            .sid("Logs"),
        );
    }
    if !created_groups.is_empty() {
        statements.push(
            Statement::allow("logs:CreateLogGroup", list(created_groups)).sid("CreateLogGroups"),
        );
    }
    if !secrets.is_empty() {
        statements
            .push(Statement::allow("secretsmanager:GetSecretValue", list(secrets)).sid("Secrets"));
    }
    if !parameters.is_empty() {
        statements.push(Statement::allow("ssm:GetParameters", list(parameters)).sid("Parameters"));
    }
    if !options.kms_key_arns.is_empty() {
        statements.push(
            Statement::allow("kms:Decrypt", options.kms_key_arns.clone()).sid("DecryptSecrets"),
        );
    }
    if !objects.is_empty() {
        statements.push(Statement::allow("s3:GetObject", list(objects)).sid("EnvironmentFiles"));
        statements.push(
            Statement::allow("s3:GetBucketLocation", list(buckets)).sid("EnvironmentFileBuckets"),
        );
    }
    PolicyDocument::new(statements)
}

/// What a schedule's role needs to run `td` in the cluster `cluster_arn`: `ecs:RunTask` on
/// the family's revisions, in that cluster only; `iam:PassRole` on exactly the task
/// definition's execution and task roles, to ECS tasks only; `ecs:TagResource` on the tasks it
/// starts when they are tagged.
#[must_use]
pub fn scheduler_policy(
    td: &TaskDefinition,
    cluster_arn: &str,
    account: &Account,
    tags_tasks: bool,
) -> PolicyDocument {
    let revisions = account.arn("ecs", &format!("task-definition/{}:*", td.family));
    let mut statements = vec![
        Statement::allow("ecs:RunTask", revisions)
            .condition("ArnEquals", "ecs:cluster", cluster_arn)
            .sid("RunTheTask"),
    ];
    let roles: Vec<String> = td
        .execution_role_arn
        .iter()
        .chain(&td.task_role_arn)
        .map(Text::to_string)
        .collect();
    if !roles.is_empty() {
        statements.push(
            Statement::allow("iam:PassRole", roles)
                .condition("StringLike", "iam:PassedToService", ECS_TASKS)
                .sid("PassTheTaskRoles"),
        );
    }
    if tags_tasks {
        let tasks = account.arn("ecs", &format!("task/{}/*", short_cluster(cluster_arn)));
        statements.push(
            Statement::allow("ecs:TagResource", tasks)
                .condition("StringEquals", "ecs:CreateAction", "RunTask")
                .sid("TagTheTasks"),
        );
    }
    PolicyDocument::new(statements)
}

/// The name at the end of a cluster ARN.
fn short_cluster(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// What the task role needs for what the task definition (and service) turn on: ECS Exec's
/// SSM channels, EFS mounts with IAM authorization. `None` when nothing is needed.
#[must_use]
pub fn task_role_policy(
    td: &TaskDefinition,
    account: &Account,
    execute_command: bool,
) -> Option<PolicyDocument> {
    let mut statements = Vec::new();
    if execute_command {
        statements.push(
            Statement::allow(
                [
                    "ssmmessages:CreateControlChannel",
                    "ssmmessages:CreateDataChannel",
                    "ssmmessages:OpenControlChannel",
                    "ssmmessages:OpenDataChannel",
                ],
                "*",
            )
            .sid("EcsExec"),
        );
    }
    let file_systems: BTreeSet<String> = td
        .volumes
        .iter()
        .filter_map(|v| v.efs_volume_configuration.as_ref())
        .filter(|efs| {
            efs.authorization_config.as_ref().and_then(|a| a.iam) == Some(EfsSetting::Enabled)
        })
        .map(|efs| {
            account.arn(
                "elasticfilesystem",
                &format!("file-system/{}", efs.file_system_id),
            )
        })
        .collect();
    if !file_systems.is_empty() {
        statements.push(
            Statement::allow(
                [
                    "elasticfilesystem:ClientMount",
                    "elasticfilesystem:ClientWrite",
                ],
                file_systems.into_iter().collect::<Vec<_>>(),
            )
            .sid("EfsMount"),
        );
    }
    (!statements.is_empty()).then(|| PolicyDocument::new(statements))
}

/// The ECR repositories `td`'s images are in, as ARNs: what `verify` looks images up in.
#[must_use]
pub fn image_repositories(td: &TaskDefinition) -> Vec<String> {
    let mut arns: Vec<String> = td
        .container_definitions
        .iter()
        .filter_map(|c| ecr_repository_arn(&c.image))
        .collect();
    arns.sort();
    arns.dedup();
    arns
}

/// What whoever runs one-off tasks of an application reads and starts, for [`runner_policy`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RunnerScope {
    /// The cluster.
    pub cluster: String,
    /// The task definition families whose tasks it runs (and registers when they changed).
    pub families: Vec<String>,
    /// ARNs of the application's roles the task definitions name: read to compare, and passed.
    pub roles: Vec<String>,
    /// ARNs of every role the task definitions name, which `RunTask` passes to ECS tasks.
    pub passed_to_tasks: Vec<String>,
    /// The log groups the tasks write to, as `log-group:<name>` ARNs.
    pub log_groups: Vec<String>,
    /// Whether the tasks run in security groups of the application (read for their ids).
    pub security_groups: bool,
    /// Whether the tasks mount file systems of the application (read for their ids).
    pub file_systems: bool,
}

/// The policy of whoever runs `ecs-deploy run` and `ecs-deploy logs` for `scope` (a CI step
/// that runs a migration): reading the task definitions, their roles, the cluster and groups
/// it needs, registering a changed revision, running it in the cluster only, passing exactly its
/// roles to ECS tasks, following the task and reading its log groups. Nothing else is changed.
#[must_use]
pub fn runner_policy(account: &Account, scope: &RunnerScope) -> PolicyDocument {
    let cluster = &scope.cluster;
    let cluster_arn = account.arn("ecs", &format!("cluster/{cluster}"));
    let revisions: Vec<String> = scope
        .families
        .iter()
        .map(|f| account.arn("ecs", &format!("task-definition/{f}:*")))
        .collect();
    let mut statements = vec![
        Statement::allow("ecs:DescribeTaskDefinition", "*").sid("TaskDefinitionsNoResourceType"),
        Statement::allow("ecs:DescribeClusters", cluster_arn.as_str()).sid("Cluster"),
        Statement::allow(
            ["ecs:RegisterTaskDefinition", "ecs:TagResource"],
            revisions.clone(),
        )
        .sid("RegisterTaskDefinitions"),
        Statement::allow("ecs:RunTask", revisions)
            .condition("ArnEquals", "ecs:cluster", cluster_arn.as_str())
            .sid("RunTasks"),
        Statement::allow(
            "ecs:DescribeTasks",
            account.arn("ecs", &format!("task/{cluster}/*")),
        )
        .sid("FollowTasks"),
    ];
    if !scope.roles.is_empty() {
        statements.push(
            Statement::allow(
                [
                    "iam:GetRole",
                    "iam:GetRolePolicy",
                    "iam:ListRolePolicies",
                    "iam:ListAttachedRolePolicies",
                ],
                scope.roles.clone(),
            )
            .sid("ReadRoles"),
        );
    }
    if !scope.passed_to_tasks.is_empty() {
        statements.push(
            Statement::allow("iam:PassRole", scope.passed_to_tasks.clone())
                .condition("StringEquals", "iam:PassedToService", ECS_TASKS)
                .sid("PassRolesToTasks"),
        );
    }
    if scope.security_groups {
        statements.push(
            Statement::allow("ec2:DescribeSecurityGroups", "*").sid("NetworkReadNoResourceType"),
        );
    }
    if scope.file_systems {
        statements.push(
            Statement::allow(
                [
                    "elasticfilesystem:DescribeFileSystems",
                    "elasticfilesystem:DescribeMountTargets",
                    "elasticfilesystem:DescribeAccessPoints",
                ],
                "*",
            )
            .sid("FileSystemsReadNoResourceType"),
        );
    }
    if !scope.log_groups.is_empty() {
        statements.push(
            Statement::allow("logs:DescribeLogGroups", "*").sid("LogGroupsReadNoResourceType"),
        );
        statements.push(
            Statement::allow("logs:FilterLogEvents", scope.log_groups.clone()).sid("ReadLogs"),
        );
    }
    PolicyDocument::new(statements)
}

/// The resources a deployer manages, for [`deployer_policy`]: names where the deployer creates
/// the resource, ARNs and ids where the application names an existing one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeployerScope {
    /// The application's name: its mark, and its own schedule group.
    pub application: String,
    /// Whether it prunes: deletes its marked services and schedules the definition dropped.
    pub prunes: bool,
    /// The cluster.
    pub cluster: String,
    /// The services in it.
    pub services: Vec<String>,
    /// The task definition families it registers.
    pub families: Vec<String>,
    /// ARNs of the roles it creates and keeps up to date.
    pub roles: Vec<String>,
    /// ARNs of the roles it passes to ECS tasks (`executionRoleArn`, `taskRoleArn`), its own or
    /// not.
    pub passed_to_tasks: Vec<String>,
    /// ARNs of the roles it passes to EC2 instances (through instance profiles).
    pub passed_to_instances: Vec<String>,
    /// Instance profiles.
    pub instance_profiles: Vec<String>,
    /// Load balancers.
    pub load_balancers: Vec<String>,
    /// Target groups.
    pub target_groups: Vec<String>,
    /// Log groups.
    pub log_groups: Vec<String>,
    /// The VPCs its security groups are created in (empty: it creates none; `*`: the default
    /// VPC, whose id is not known in advance).
    pub security_group_vpcs: Vec<String>,
    /// Capacity providers.
    pub capacity_providers: Vec<String>,
    /// The EFS file systems it creates, by creation token.
    pub file_systems: Vec<String>,
    /// The ECR repositories it creates and keeps, by name.
    pub repositories: Vec<String>,
    /// ARNs of the ECR repositories the task definitions' images are in, whose images `verify`
    /// looks up.
    pub image_repositories: Vec<String>,
    /// Whether it registers services with Application Auto Scaling.
    pub scales_services: bool,
    /// Its schedules, as `group/name`.
    pub schedules: Vec<String>,
    /// ARNs of the roles it passes to EventBridge Scheduler (the schedules' roles).
    pub passed_to_scheduler: Vec<String>,
    /// What its EC2 instances are launched with (`None`: it launches none).
    pub instances: Option<InstanceScope>,
}

/// What the deployer's EC2 instances are launched into and with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct InstanceScope {
    /// The instances' `Name` tags.
    pub names: Vec<String>,
    /// Subnet ids (empty: the default VPC's, which are not known in advance).
    pub subnets: Vec<String>,
    /// Security group ids named outright.
    pub security_group_ids: Vec<String>,
    /// The VPCs of the security groups it creates for them.
    pub security_group_vpcs: Vec<String>,
    /// Key pair names.
    pub key_pairs: Vec<String>,
}

/// The policy of whoever runs `ecs-deploy` for `scope`: ECS, IAM, ELB, EC2 and CloudWatch Logs
/// actions on exactly those resources, and `iam:PassRole` only to ECS tasks (or EC2) through
/// `iam:PassedToService`. `"Resource": "*"` is kept only for actions that have no resource type
/// in IAM (each such statement says so in its `Sid`: `…NoResourceType`), and for resources a
/// call creates, whose ids do not exist yet (scoped by a condition where IAM offers one).
#[must_use]
#[allow(clippy::too_many_lines)] // one statement after the other, in the order a deploy needs them
pub fn deployer_policy(account: &Account, scope: &DeployerScope) -> PolicyDocument {
    let cluster = &scope.cluster;
    let cluster_arn = account.arn("ecs", &format!("cluster/{cluster}"));
    let mut statements = vec![
        // Describing, listing and deregistering task definitions have no resource type.
        Statement::allow(
            [
                "ecs:DescribeTaskDefinition",
                "ecs:ListTaskDefinitions",
                "ecs:DeregisterTaskDefinition",
            ],
            "*",
        )
        .sid("TaskDefinitionsNoResourceType"),
        Statement::allow(
            [
                "ecs:CreateCluster",
                "ecs:DescribeClusters",
                "ecs:UpdateCluster",
                "ecs:PutClusterCapacityProviders",
                "ecs:TagResource",
            ],
            cluster_arn,
        )
        .sid("Cluster"),
        // Which revisions are in use anywhere (deregister keeps them): every cluster's services
        // and tasks, and the rules and schedules that run tasks. Reads only.
        Statement::allow(
            [
                "ecs:ListClusters",
                "ecs:ListServices",
                "events:ListEventBuses",
                "events:ListRules",
                "scheduler:ListSchedules",
            ],
            "*",
        )
        .sid("RevisionsInUseNoResourceType"),
        Statement::allow(
            [
                "ecs:DescribeServices",
                "ecs:ListTasks",
                "ecs:DescribeTasks",
                "events:ListTargetsByRule",
                "scheduler:GetSchedule",
            ],
            vec![
                account.arn("ecs", "service/*/*"),
                account.arn("ecs", "container-instance/*/*"),
                account.arn("ecs", "task/*/*"),
                account.arn("events", "rule/*"),
                account.arn("scheduler", "schedule/*/*"),
            ],
        )
        .sid("RevisionsInUse"),
    ];
    if scope.prunes {
        // Pruning (`--prune`): only what carries the application's mark, in its cluster and
        // its schedule group. A scalable target's id is the service's, but its actions take no
        // resource ARN.
        statements.extend([
            Statement::allow(
                "ecs:DeleteService",
                account.arn("ecs", &format!("service/{cluster}/*")),
            )
            .condition(
                "StringEquals",
                format!("aws:ResourceTag/{OWNERSHIP_MARK}"),
                scope.application.as_str(),
            )
            .sid("PruneServices"),
            Statement::allow(
                "scheduler:DeleteSchedule",
                account.arn("scheduler", &format!("schedule/{}/*", scope.application)),
            )
            .sid("PruneSchedules"),
            Statement::allow(
                [
                    "scheduler:GetScheduleGroup",
                    "scheduler:ListTagsForResource",
                ],
                account.arn(
                    "scheduler",
                    &format!("schedule-group/{}", scope.application),
                ),
            )
            .sid("OwnScheduleGroup"),
            Statement::allow("application-autoscaling:DeregisterScalableTarget", "*")
                .sid("PruneScalingNoResourceType"),
        ]);
    }
    if !scope.families.is_empty() {
        statements.push(
            Statement::allow(
                ["ecs:RegisterTaskDefinition", "ecs:TagResource"],
                scope
                    .families
                    .iter()
                    .map(|f| account.arn("ecs", &format!("task-definition/{f}:*")))
                    .collect::<Vec<_>>(),
            )
            .sid("RegisterTaskDefinitions"),
        );
    }
    if !scope.capacity_providers.is_empty() {
        let providers: Vec<String> = scope
            .capacity_providers
            .iter()
            .map(|p| account.arn("ecs", &format!("capacity-provider/{p}")))
            .collect();
        statements.push(
            Statement::allow(
                [
                    "ecs:CreateCapacityProvider",
                    "ecs:UpdateCapacityProvider",
                    "ecs:DescribeCapacityProviders",
                    "ecs:TagResource",
                ],
                providers,
            )
            .sid("CapacityProviders"),
        );
    }
    if !scope.services.is_empty() {
        let mut resources = Vec::new();
        for service in &scope.services {
            resources.push(account.arn("ecs", &format!("service/{cluster}/{service}")));
            resources
                .push(account.arn("ecs", &format!("service-deployment/{cluster}/{service}/*")));
            resources.push(account.arn("ecs", &format!("service-revision/{cluster}/{service}/*")));
        }
        statements.push(
            Statement::allow(
                [
                    "ecs:CreateService",
                    "ecs:UpdateService",
                    "ecs:DescribeServices",
                    "ecs:ListServiceDeployments",
                    "ecs:DescribeServiceDeployments",
                    "ecs:DescribeServiceRevisions",
                    "ecs:StopServiceDeployment",
                    "ecs:ContinueServiceDeployment",
                    "ecs:TagResource",
                ],
                resources,
            )
            .sid("Services"),
        );
    }
    if !scope.roles.is_empty() {
        statements.push(
            Statement::allow(
                [
                    "iam:GetRole",
                    "iam:CreateRole",
                    "iam:UpdateAssumeRolePolicy",
                    "iam:TagRole",
                    "iam:GetRolePolicy",
                    "iam:PutRolePolicy",
                    "iam:ListRolePolicies",
                    "iam:ListAttachedRolePolicies",
                    "iam:AttachRolePolicy",
                ],
                scope.roles.clone(),
            )
            .sid("Roles"),
        );
    }
    if !scope.image_repositories.is_empty() {
        statements.push(
            Statement::allow("ecr:BatchGetImage", scope.image_repositories.clone())
                .sid("VerifyImages"),
        );
    }
    if !scope.repositories.is_empty() {
        // Every ECR action of a repository takes its ARN, CreateRepository too (its tags need
        // TagResource as well).
        statements.push(
            Statement::allow(
                [
                    "ecr:CreateRepository",
                    "ecr:DescribeRepositories",
                    "ecr:ListTagsForResource",
                    "ecr:TagResource",
                    "ecr:GetLifecyclePolicy",
                    "ecr:PutLifecyclePolicy",
                    "ecr:PutImageTagMutability",
                    "ecr:PutImageScanningConfiguration",
                ],
                scope
                    .repositories
                    .iter()
                    .map(|name| account.arn("ecr", &format!("repository/{name}")))
                    .collect::<Vec<_>>(),
            )
            .sid("Repositories"),
        );
    }
    if !scope.file_systems.is_empty() {
        // A file system's id, and so its ARN, exists only after CreateFileSystem, which (like
        // the describes by creation token) has no resource type; the mount targets' network
        // interfaces are the caller's to create (EFS's documented dependent actions).
        statements.push(
            Statement::allow(
                [
                    "elasticfilesystem:CreateFileSystem",
                    "elasticfilesystem:DescribeFileSystems",
                    "elasticfilesystem:DescribeMountTargets",
                    "elasticfilesystem:DescribeAccessPoints",
                    "ec2:CreateNetworkInterface",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeSubnets",
                ],
                "*",
            )
            .sid("FileSystemsNoResourceType"),
        );
        statements.push(
            Statement::allow(
                [
                    "elasticfilesystem:CreateMountTarget",
                    "elasticfilesystem:CreateAccessPoint",
                    "elasticfilesystem:TagResource",
                ],
                vec![
                    account.arn("elasticfilesystem", "file-system/*"),
                    account.arn("elasticfilesystem", "access-point/*"),
                ],
            )
            .sid("FileSystems"),
        );
    }
    if scope.scales_services {
        // Application Auto Scaling's actions take no resource ARN the deployer knows before
        // the call (scalable targets get ids); the first registration creates its
        // service-linked role for ECS.
        statements.push(
            Statement::allow(
                [
                    "application-autoscaling:RegisterScalableTarget",
                    "application-autoscaling:DescribeScalableTargets",
                    "application-autoscaling:PutScalingPolicy",
                    "application-autoscaling:DescribeScalingPolicies",
                    "application-autoscaling:PutScheduledAction",
                    "application-autoscaling:DescribeScheduledActions",
                    "application-autoscaling:TagResource",
                ],
                "*",
            )
            .sid("ServiceAutoScalingNoResourceType"),
        );
        statements.push(
            Statement::allow(
                "iam:CreateServiceLinkedRole",
                account.global_arn(
                    "iam",
                    "role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService",
                ),
            )
            .condition(
                "StringEquals",
                "iam:AWSServiceName",
                "ecs.application-autoscaling.amazonaws.com",
            )
            .sid("ServiceAutoScalingRole"),
        );
    }
    if !scope.schedules.is_empty() {
        statements.push(
            Statement::allow(
                [
                    "scheduler:CreateSchedule",
                    "scheduler:UpdateSchedule",
                    "scheduler:GetSchedule",
                ],
                scope
                    .schedules
                    .iter()
                    .map(|s| account.arn("scheduler", &format!("schedule/{s}")))
                    .collect::<Vec<_>>(),
            )
            .sid("Schedules"),
        );
        let mut groups: Vec<String> = scope
            .schedules
            .iter()
            .filter_map(|s| s.split_once('/'))
            .map(|(group, _)| account.arn("scheduler", &format!("schedule-group/{group}")))
            .collect();
        groups.dedup();
        statements.push(
            Statement::allow(
                [
                    "scheduler:GetScheduleGroup",
                    "scheduler:CreateScheduleGroup",
                    "scheduler:ListTagsForResource",
                    "scheduler:TagResource",
                ],
                groups,
            )
            .sid("ScheduleGroups"),
        );
    }
    for (roles, service, sid) in [
        (&scope.passed_to_tasks, ECS_TASKS, "PassRolesToTasks"),
        (&scope.passed_to_instances, EC2, "PassRolesToInstances"),
        (
            &scope.passed_to_scheduler,
            SCHEDULER,
            "PassRolesToScheduler",
        ),
    ] {
        if !roles.is_empty() {
            statements.push(
                Statement::allow("iam:PassRole", roles.clone())
                    .condition("StringEquals", "iam:PassedToService", service)
                    .sid(sid),
            );
        }
    }
    if !scope.instance_profiles.is_empty() {
        let profiles: Vec<String> = scope
            .instance_profiles
            .iter()
            .map(|p| account.global_arn("iam", &format!("instance-profile/{p}")))
            .collect();
        statements.push(
            Statement::allow(
                [
                    "iam:GetInstanceProfile",
                    "iam:CreateInstanceProfile",
                    "iam:AddRoleToInstanceProfile",
                    "iam:TagInstanceProfile",
                ],
                profiles,
            )
            .sid("InstanceProfiles"),
        );
    }
    if !scope.load_balancers.is_empty() || !scope.target_groups.is_empty() {
        statements.push(
            Statement::allow("elasticloadbalancing:Describe*", "*")
                .sid("LoadBalancingReadNoResourceType"),
        );
        let mut resources = Vec::new();
        for lb in &scope.load_balancers {
            resources
                .push(account.arn("elasticloadbalancing", &format!("loadbalancer/app/{lb}/*")));
            resources.push(account.arn("elasticloadbalancing", &format!("listener/app/{lb}/*")));
            resources
                .push(account.arn("elasticloadbalancing", &format!("listener-rule/app/{lb}/*")));
        }
        for tg in &scope.target_groups {
            resources.push(account.arn("elasticloadbalancing", &format!("targetgroup/{tg}/*")));
        }
        statements.push(
            Statement::allow(
                [
                    "elasticloadbalancing:CreateLoadBalancer",
                    "elasticloadbalancing:CreateTargetGroup",
                    "elasticloadbalancing:CreateListener",
                    "elasticloadbalancing:CreateRule",
                    "elasticloadbalancing:ModifyRule",
                    "elasticloadbalancing:SetSecurityGroups",
                    "elasticloadbalancing:SetSubnets",
                    "elasticloadbalancing:ModifyTargetGroup",
                    "elasticloadbalancing:ModifyTargetGroupAttributes",
                    "elasticloadbalancing:ModifyListener",
                    "elasticloadbalancing:AddTags",
                ],
                resources,
            )
            .sid("LoadBalancing"),
        );
    }
    let network_read = !scope.security_group_vpcs.is_empty() || scope.instances.is_some();
    if network_read {
        statements.push(
            Statement::allow(
                [
                    "ec2:DescribeSecurityGroups",
                    "ec2:DescribeSubnets",
                    "ec2:DescribeVpcs",
                ],
                "*",
            )
            .sid("NetworkReadNoResourceType"),
        );
    }
    if !scope.security_group_vpcs.is_empty() {
        security_group_statements(account, &scope.security_group_vpcs, &mut statements);
    }
    if let Some(instances) = &scope.instances {
        instance_statements(account, instances, &mut statements);
    }
    if !scope.log_groups.is_empty() {
        statements.push(
            Statement::allow("logs:DescribeLogGroups", "*").sid("LogGroupsReadNoResourceType"),
        );
        statements.push(
            Statement::allow(
                [
                    "logs:CreateLogGroup",
                    "logs:PutRetentionPolicy",
                    "logs:TagResource",
                ],
                scope
                    .log_groups
                    .iter()
                    .map(|g| account.arn("logs", &format!("log-group:{g}:*")))
                    .collect::<Vec<_>>(),
            )
            .sid("LogGroups"),
        );
    }
    PolicyDocument::new(statements)
}

/// Creating security groups in `vpcs` and adding rules to groups of those VPCs only. A new
/// group has no id before the call, hence `security-group/*`: the VPC it goes in is named, and
/// its rules and tags are limited to groups of those VPCs (`ec2:Vpc`) or to its creation.
fn security_group_statements(account: &Account, vpcs: &[String], out: &mut Vec<Statement>) {
    let vpc_arns: Vec<String> = vpcs
        .iter()
        .map(|v| account.arn("ec2", &format!("vpc/{v}")))
        .collect();
    let mut create = vpc_arns.clone();
    create.push(account.arn("ec2", "security-group/*"));
    out.push(Statement::allow("ec2:CreateSecurityGroup", create).sid("CreateSecurityGroups"));
    out.push(
        Statement::allow(
            "ec2:AuthorizeSecurityGroupIngress",
            account.arn("ec2", "security-group/*"),
        )
        .condition("ArnEquals", "ec2:Vpc", vpc_arns.clone())
        .sid("SecurityGroupRules"),
    );
    out.push(
        Statement::allow("ec2:CreateTags", account.arn("ec2", "security-group/*"))
            .condition("StringEquals", "ec2:CreateAction", "CreateSecurityGroup")
            .sid("TagNewSecurityGroups"),
    );
    // Adopting an existing group (`--adopt`): the ownership mark, and nothing else, on groups
    // of those VPCs.
    out.push(
        Statement::allow("ec2:CreateTags", account.arn("ec2", "security-group/*"))
            .condition("ArnEquals", "ec2:Vpc", vpc_arns)
            .condition("ForAllValues:StringEquals", "aws:TagKeys", OWNERSHIP_MARK)
            .sid("MarkAdoptedSecurityGroups"),
    );
}

/// Launching container instances: into the named subnets, with the named key pairs and
/// security groups, from Amazon's ECS-optimized images (looked up in AWS's public SSM
/// parameters). The instance, its volumes and its network interface are created by the call,
/// hence `*`; they are tagged only as it creates them.
fn instance_statements(account: &Account, scope: &InstanceScope, out: &mut Vec<Statement>) {
    let ec2 = |resource: &str| account.arn("ec2", resource);
    let region = &account.region;
    let partition = account.partition();
    out.push(Statement::allow("ec2:DescribeInstances", "*").sid("InstancesReadNoResourceType"));
    // Reading an instance's user data (to compare it) is limited to the instances it names.
    out.push(
        Statement::allow("ec2:DescribeInstanceAttribute", ec2("instance/*"))
            .condition("StringEquals", "aws:ResourceTag/Name", scope.names.clone())
            .sid("ReadOwnInstances"),
    );
    // One statement for every resource type RunInstances needs (as linters expect): its
    // conditions hold only for the resources that carry their keys (`…IfExists`): the image's
    // owner, the VPC of the security groups and the network interface.
    let mut launched = vec![
        ec2("instance/*"),
        ec2("volume/*"),
        ec2("network-interface/*"),
        format!("arn:{partition}:ec2:{region}::image/*"),
    ];
    if scope.subnets.is_empty() {
        launched.push(ec2("subnet/*"));
    } else {
        launched.extend(scope.subnets.iter().map(|s| ec2(&format!("subnet/{s}"))));
    }
    launched.extend(
        scope
            .security_group_ids
            .iter()
            .map(|g| ec2(&format!("security-group/{g}"))),
    );
    launched.extend(
        scope
            .key_pairs
            .iter()
            .map(|k| ec2(&format!("key-pair/{k}"))),
    );
    let mut run = Statement::allow("ec2:RunInstances", Vec::<String>::new())
        .condition("StringEqualsIfExists", "ec2:Owner", "amazon")
        .sid("RunInstances");
    if !scope.security_group_vpcs.is_empty() {
        // The groups it creates have no id yet: any group, of those VPCs only.
        launched.push(ec2("security-group/*"));
        run = run.condition(
            "ArnEqualsIfExists",
            "ec2:Vpc",
            scope
                .security_group_vpcs
                .iter()
                .map(|v| ec2(&format!("vpc/{v}")))
                .collect::<Vec<_>>(),
        );
    }
    run.resource = launched.into();
    out.push(run);
    out.push(
        Statement::allow("ec2:CreateTags", vec![ec2("instance/*"), ec2("volume/*")])
            .condition("StringEquals", "ec2:CreateAction", "RunInstances")
            .sid("TagNewInstances"),
    );
    out.push(
        Statement::allow(
            "ssm:GetParameters",
            format!("arn:{partition}:ssm:{region}::parameter/aws/service/ecs/*"),
        )
        .sid("EcsOptimizedAmis"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecr_repositories_from_images() {
        assert_eq!(
            ecr_repository_arn("123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest")
                .as_deref(),
            Some("arn:aws:ecr:ap-northeast-2:123456789012:repository/pet-web")
        );
        assert_eq!(
            ecr_repository_arn("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api@sha256:abc")
                .as_deref(),
            Some("arn:aws:ecr:us-east-1:123456789012:repository/team/api")
        );
        assert_eq!(ecr_repository_arn("nginx:1.27"), None);
        assert_eq!(
            ecr_repository_arn("public.ecr.aws/nginx/nginx:latest"),
            None
        );
    }

    #[test]
    fn secrets_resolve_to_what_is_read() {
        let account = Account::new("123456789012", "ap-northeast-2");
        assert_eq!(
            secret_resource(
                "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf:password::",
                &account
            ),
            (
                "secretsmanager:GetSecretValue",
                "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf"
                    .to_owned()
            )
        );
        assert_eq!(
            secret_resource("/app/db-password", &account),
            (
                "ssm:GetParameters",
                "arn:aws:ssm:ap-northeast-2:123456789012:parameter/app/db-password".to_owned()
            )
        );
    }
}
