//! The pet shop as a team runs it: the Next.js front end of `pet-web` and an API behind one ALB
//! (the API on `/api/*`), a queue worker without a load balancer and a nightly report at 03:00 in
//! Seoul, on one cluster; web and API scale on CPU between 2 and 10 tasks; the API keeps its
//! files on EFS (a Fargate task's own storage goes with the task), mounted through an access
//! point at `/data`; built for `staging` and `production` from one definition.
//!
//! Every name derives from the environment (`pet-staging-web`, `pet-production-api-tg`), and
//! every service is tagged `Environment=<name>`, so both environments live in one account side
//! by side; [`Application::collisions`] proves it.

use ecs_model::alb::{Action, Listener, ListenerRule, LoadBalancer, TargetGroup};
use ecs_model::cluster::{Cluster, ContainerInsights};
use ecs_model::container::MountPoint;
use ecs_model::efs::{AccessPoint, FileSystem, MountTarget, NFS_PORT};
use ecs_model::iam::{ExecutionPolicyOptions, Role, execution_policy, task_role_policy};
use ecs_model::network::{IngressRule, SecurityGroup, Source};
use ecs_model::scaling::ServiceScaling;
use ecs_model::schedule::Schedule;
use ecs_model::service::Service;
use ecs_model::task_definition::CpuArchitecture;
use ecs_model::volume::{EfsVolumeConfiguration, Volume};
use ecs_model::{
    Account, Application, ContainerDefinition, HealthCheck, LogConfiguration, PortMapping,
    Reference, TaskDefinition, Workload,
};

pub use crate::pet_web::{ACCOUNT, REGION, SUBNETS, VPC};

/// What differs between environments: sizes, counts, bounds, the public domain.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Environment {
    /// `staging` or `production`: part of every name.
    pub name: String,
    /// The web and API tasks' size (`"0.5 vCPU"`, `"1 GB"`).
    pub size: (&'static str, &'static str),
    /// Scaling bounds of the web and API services.
    pub scaling: (i32, i32),
    /// The worker's task count.
    pub workers: i32,
    /// The domain the front end is served on.
    pub domain: String,
}

impl Environment {
    /// The environment named `name`: `production` is larger, anything else is sized like
    /// staging.
    #[must_use]
    pub fn named(name: &str) -> Self {
        let production = name == "production";
        Self {
            name: name.to_owned(),
            size: if production {
                ("1 vCPU", "2 GB")
            } else {
                ("0.5 vCPU", "1 GB")
            },
            scaling: (2, 10),
            workers: if production { 2 } else { 1 },
            domain: if production {
                "pets.example.com".to_owned()
            } else {
                format!("{name}.pets.example.com")
            },
        }
    }

    /// A resource's name in this environment: `pet-<environment>-<what>`.
    #[must_use]
    pub fn name_of(&self, what: &str) -> String {
        format!("pet-{}-{what}", self.name)
    }
}

/// An image of the pet shop's ECR repositories.
fn image(repository: &str) -> String {
    format!("{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{repository}:latest")
}

/// A Fargate task definition of one container logging to `/ecs/<family>`.
fn task(
    env: &Environment,
    family: &str,
    size: (&str, &str),
    container: ecs_model::ContainerDefinitionBuilder,
) -> TaskDefinition {
    let family = env.name_of(family);
    TaskDefinition::fargate(family.clone(), size.0, size.1)
        .linux(CpuArchitecture::X86_64)
        .container(
            container
                .essential(true)
                .env("APP_ENV", env.name.clone())
                .log_configuration(LogConfiguration::awslogs(
                    format!("/ecs/{family}"),
                    REGION,
                    "ecs",
                )),
        )
        .build_unchecked()
}

/// The whole platform of `env` with the example's placeholder account, VPC and subnets.
///
/// # Panics
/// Never: the application is valid, which its tests check.
#[must_use]
pub fn application(env: &Environment) -> Application {
    application_for(env, ACCOUNT, VPC, SUBNETS)
}

/// [`application`] in another account, VPC and subnets (where `--apply` deploys it).
///
/// # Panics
/// Never: the application is valid, which its tests check.
#[must_use]
#[allow(clippy::too_many_lines)] // one application, read top to bottom
pub fn application_for(
    env: &Environment,
    account: &str,
    vpc: &str,
    subnets: [&str; 2],
) -> Application {
    let account = Account::new(account, REGION);
    let n = |what: &str| env.name_of(what);
    let web = task(
        env,
        "web",
        env.size,
        ContainerDefinition::builder("web", image("pet-web"))
            .port(PortMapping::tcp(8080).named("web"))
            .env("PUBLIC_URL", format!("https://{}", env.domain))
            .health_check(
                HealthCheck::shell("curl -f http://localhost:8080/api/health || exit 1")
                    .interval(30)
                    .timeout(5)
                    .retries(3),
            ),
    );
    let (data, api_data) = (n("data"), n("api-data"));
    let mut api = task(
        env,
        "api",
        env.size,
        ContainerDefinition::builder("api", image("pet-api"))
            .port(PortMapping::tcp(3000).named("api"))
            .mount_point(MountPoint::new("data", "/data")),
    );
    // Through the access point, over TLS, authorised by the task role.
    api.volumes.push(Volume::efs(
        "data",
        EfsVolumeConfiguration::new(Reference::file_system(&data))
            .access_point(Reference::access_point(&api_data)),
    ));
    let api_task_role = Role::ecs_task(n("api-task"), &account).inline_policy(
        "data",
        task_role_policy(&api, &account, false).expect("the EFS mount needs a policy"),
    );
    let worker = task(
        env,
        "worker",
        ("0.25 vCPU", "0.5 GB"),
        ContainerDefinition::builder("worker", image("pet-worker")),
    );
    let nightly = task(
        env,
        "nightly",
        ("0.5 vCPU", "1 GB"),
        ContainerDefinition::builder("report", image("pet-worker"))
            .command(["report", "--nightly"]),
    );
    // One execution role for the four task definitions: each adds what it pulls and logs.
    let mut execution = Role::ecs_task_execution(n("execution"), &account);
    for td in [&web, &api, &worker, &nightly] {
        let policy = execution_policy(td, &account, &ExecutionPolicyOptions::default());
        execution = execution.inline_policy(td.family.clone(), policy);
    }
    let execution: Role = execution.into();
    let (alb_sg, web_sg, api_sg, worker_sg, efs_sg) = (
        n("alb-sg"),
        n("web-sg"),
        n("api-sg"),
        n("worker-sg"),
        n("efs-sg"),
    );
    let (alb, web_group, api_group) = (n("alb"), n("web-tg"), n("api-tg"));
    let listener = Reference::listener(&alb, 80);
    let fargate = |name: &str, family: &str, group: &str| {
        Service::fargate(n(name), n("cluster"), n(family))
            .subnets(subnets)
            .security_group(Reference::security_group(group))
            .assign_public_ip(true)
            .tag("Environment", env.name.clone())
    };
    let web_service = fargate("web", "web", &web_sg)
        .desired_count(env.scaling.0)
        .load_balancer(Reference::target_group(&web_group), "web", 8080)
        .health_check_grace_period(60);
    let api_service = fargate("api", "api", &api_sg)
        .desired_count(env.scaling.0)
        .load_balancer(Reference::target_group(&api_group), "api", 3000)
        .health_check_grace_period(60);
    let worker_service = fargate("worker", "worker", &worker_sg).desired_count(env.workers);
    let scaled = || ServiceScaling::between(env.scaling.0, env.scaling.1).cpu(60.0);
    let report = Schedule::cron(n("nightly"), "0 3 * * ? *")
        .time_zone("Asia/Seoul")
        .description("The nightly report")
        .fargate()
        .subnets(subnets)
        .security_group(Reference::security_group(&worker_sg))
        .assign_public_ip(true);

    Application::builder(
        format!("pet-{}", env.name),
        account,
        Cluster::builder(n("cluster")).container_insights(ContainerInsights::Enabled),
    )
    .workload(
        Workload::builder(web)
            .execution_role(execution.clone())
            .service(web_service)
            .scaling(scaled()),
    )
    .workload(
        Workload::builder(api)
            .execution_role(execution.clone())
            .task_role(api_task_role)
            .service(api_service)
            .scaling(scaled()),
    )
    .workload(
        Workload::builder(worker)
            .execution_role(execution.clone())
            .service(worker_service),
    )
    .workload(
        Workload::builder(nightly)
            .execution_role(execution)
            .schedule(report),
    )
    .security_group(SecurityGroup::public_load_balancer(&alb_sg, vpc))
    .security_group(SecurityGroup::service_behind(&web_sg, vpc, &alb_sg, 8080))
    .security_group(SecurityGroup::service_behind(&api_sg, vpc, &alb_sg, 3000))
    .security_group(SecurityGroup::builder(
        &worker_sg,
        "the worker and the nightly report: no inbound traffic",
        vpc,
    ))
    .security_group(
        SecurityGroup::builder(&efs_sg, "NFS from the API's tasks", vpc).allow(
            IngressRule::tcp(
                NFS_PORT,
                Source::Group(Reference::security_group(&api_sg).to_string()),
            )
            .described("NFS from the API"),
        ),
    )
    .file_system(FileSystem::encrypted(&data).backup(true))
    .mount_target(MountTarget::in_subnet(
        &data,
        subnets[0],
        Reference::security_group(&efs_sg),
    ))
    .mount_target(MountTarget::in_subnet(
        &data,
        subnets[1],
        Reference::security_group(&efs_sg),
    ))
    .access_point(AccessPoint::posix(
        &api_data,
        &data,
        (1000, 1000),
        "/api",
        "750",
    ))
    .load_balancer(
        LoadBalancer::application(&alb, subnets).security_group(Reference::security_group(&alb_sg)),
    )
    .target_group(
        TargetGroup::ip(&web_group, 8080, vpc)
            .health_check_path("/api/health")
            .deregistration_delay(30),
    )
    .target_group(
        TargetGroup::ip(&api_group, 3000, vpc)
            .health_check_path("/api/health")
            .deregistration_delay(30),
    )
    .listener(Listener::http(
        Reference::load_balancer(&alb),
        80,
        Action::forward(Reference::target_group(&web_group)),
    ))
    .listener_rule(
        ListenerRule::builder(
            listener,
            10,
            Action::forward(Reference::target_group(&api_group)),
        )
        .path_patterns(["/api/*"]),
    )
    .build()
    .expect("the pet platform is valid")
}
