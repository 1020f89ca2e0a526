//! One application: a cluster, the workloads it runs (task definitions and their services), the
//! roles, the load balancing and the security groups around them, validated together where they
//! meet, and rendered as the API requests that create them.

mod collisions;
mod graph;
mod order;
mod part;
mod render;
mod request;
mod validate;
mod workload;

pub use graph::{Graph, Node};
pub use part::Part;
pub use request::ApiRequest;
pub use workload::{Workload, WorkloadBuilder};

use crate::Text;
use crate::alb::{Listener, ListenerRule, LoadBalancer, TargetGroup};
use crate::arn::Account;
use crate::builder::builder;
use crate::cluster::{AutoScalingGroup, CapacityProvider, Cluster, ContainerInstance};
use crate::container::{LogDriver, awslogs};
use crate::ecr::ImageRepository;
use crate::efs::{AccessPoint, FileSystem, MountTarget};
use crate::iam::{DeployerScope, InstanceProfile, InstanceScope, PolicyDocument, Role};
use crate::network::SecurityGroup;
use crate::reference::Reference;
use crate::service::Service;
use crate::task_definition::TaskDefinition;

/// Everything a team's services need, as one value: what the ECS, IAM, EC2 and load balancing
/// consoles set up by hand, page after page.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Application {
    /// Its name: the value of the mark on what it creates, so that a deployment changes only what
    /// is its own.
    pub name: String,
    /// Where it lives: ARNs are built from it.
    pub account: Account,
    /// The cluster.
    pub cluster: Cluster,
    /// Capacity providers to create (Auto Scaling groups, Managed Instances).
    pub capacity_providers: Vec<CapacityProvider>,
    /// The Auto Scaling groups behind them (sizes only: ECS knows just the ARN).
    pub auto_scaling_groups: Vec<AutoScalingGroup>,
    /// What it runs: task definitions, each with its service if it has one.
    pub workloads: Vec<Workload>,
    /// The roles it creates: the workloads' execution and task roles (each once, however many
    /// workloads share it), the container instance role.
    pub roles: Vec<Role>,
    /// Instance profiles of container instances.
    pub instance_profiles: Vec<InstanceProfile>,
    /// Load balancers.
    pub load_balancers: Vec<LoadBalancer>,
    /// Target groups.
    pub target_groups: Vec<TargetGroup>,
    /// Listeners.
    pub listeners: Vec<Listener>,
    /// Listener rules (by path or host), ahead of their listener's default action.
    pub listener_rules: Vec<ListenerRule>,
    /// Security groups.
    pub security_groups: Vec<SecurityGroup>,
    /// Single EC2 instances that join the cluster.
    pub instances: Vec<ContainerInstance>,
    /// EFS file systems it creates.
    pub file_systems: Vec<FileSystem>,
    /// Their mount targets.
    pub mount_targets: Vec<MountTarget>,
    /// Their access points.
    pub access_points: Vec<AccessPoint>,
    /// ECR repositories it creates, with their lifecycle policies.
    pub repositories: Vec<ImageRepository>,
}

impl Application {
    /// Starts application `name` in `cluster`; [`workload`](ApplicationBuilder::workload) adds
    /// what it runs.
    pub fn builder(
        name: impl Into<String>,
        account: Account,
        cluster: impl Into<Cluster>,
    ) -> ApplicationBuilder {
        ApplicationBuilder {
            app: Application {
                name: name.into(),
                account,
                cluster: cluster.into(),
                capacity_providers: Vec::new(),
                auto_scaling_groups: Vec::new(),
                workloads: Vec::new(),
                roles: Vec::new(),
                instance_profiles: Vec::new(),
                load_balancers: Vec::new(),
                target_groups: Vec::new(),
                listeners: Vec::new(),
                listener_rules: Vec::new(),
                security_groups: Vec::new(),
                instances: Vec::new(),
                file_systems: Vec::new(),
                mount_targets: Vec::new(),
                access_points: Vec::new(),
                repositories: Vec::new(),
            },
        }
    }

    /// The workload whose task definition is of `family`.
    #[must_use]
    pub fn workload(&self, family: &str) -> Option<&Workload> {
        self.workloads.iter().find(|w| w.name() == family)
    }

    /// Every task definition.
    pub fn task_definitions(&self) -> impl Iterator<Item = &TaskDefinition> {
        self.workloads.iter().map(|w| &w.task_definition)
    }

    /// Every service, with its workload.
    pub fn services(&self) -> impl Iterator<Item = (&Workload, &Service)> {
        self.workloads
            .iter()
            .filter_map(|w| Some((w, w.service.as_ref()?)))
    }

    /// Every schedule.
    pub fn schedules(&self) -> impl Iterator<Item = &crate::schedule::Schedule> {
        self.workloads.iter().filter_map(|w| w.schedule.as_ref())
    }

    /// The role named `name`.
    #[must_use]
    pub fn role(&self, name: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.name == name)
    }

    /// The application's role whose ARN is `arn`.
    #[must_use]
    pub fn role_by_arn(&self, arn: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.arn(&self.account) == arn)
    }

    /// The target group named `name`.
    #[must_use]
    pub fn target_group(&self, name: &str) -> Option<&TargetGroup> {
        self.target_groups.iter().find(|tg| tg.name == name)
    }

    /// The load balancer named `name`.
    #[must_use]
    pub fn load_balancer(&self, name: &str) -> Option<&LoadBalancer> {
        self.load_balancers.iter().find(|lb| lb.name == name)
    }

    /// The listener on `port` of the load balancer named `load_balancer`.
    #[must_use]
    pub fn listener(&self, load_balancer: &str, port: i32) -> Option<&Listener> {
        let token = Reference::load_balancer(load_balancer).to_string();
        self.listeners
            .iter()
            .find(|l| l.load_balancer_arn == token && l.port == Some(port))
    }

    /// The load balancers whose listeners, or their rules, forward to target group `name`.
    #[must_use]
    pub fn load_balancers_forwarding_to(&self, name: &str) -> Vec<&LoadBalancer> {
        let token = Reference::target_group(name).to_string();
        let forwards = |actions: &[crate::alb::Action]| {
            actions
                .iter()
                .any(|a| a.target_group_arn.as_deref() == Some(token.as_str()))
        };
        let mut found: Vec<&LoadBalancer> = Vec::new();
        for listener in &self.listeners {
            let Some(port) = listener.port else { continue };
            let Some(lb) = Reference::parse(&listener.load_balancer_arn)
                .and_then(|r| self.load_balancer(r.name()))
            else {
                continue;
            };
            let own = Reference::listener(&lb.name, port).to_string();
            let by_rule = self
                .listener_rules
                .iter()
                .any(|r| r.listener_arn == own && forwards(&r.actions));
            if (forwards(&listener.default_actions) || by_rule)
                && !found.iter().any(|f| f.name == lb.name)
            {
                found.push(lb);
            }
        }
        found
    }

    /// The file system named `name` (its creation token).
    #[must_use]
    pub fn file_system(&self, name: &str) -> Option<&FileSystem> {
        self.file_systems.iter().find(|f| f.name() == name)
    }

    /// The security group named `name`.
    #[must_use]
    pub fn security_group(&self, name: &str) -> Option<&SecurityGroup> {
        self.security_groups.iter().find(|sg| sg.name == name)
    }

    /// Whether `reference` names a resource of the application.
    #[must_use]
    pub fn resolves(&self, reference: &Reference) -> bool {
        match reference {
            Reference::TargetGroup(name) => self.target_group(name).is_some(),
            Reference::LoadBalancer(name) => self.load_balancer(name).is_some(),
            Reference::SecurityGroup(name) => self.security_group(name).is_some(),
            Reference::FileSystem(name) => self.file_system(name).is_some(),
            Reference::AccessPoint(name) => self.access_points.iter().any(|a| a.name() == name),
            Reference::Listener(name) => name
                .rsplit_once(':')
                .and_then(|(lb, port)| Some(self.listener(lb, port.parse().ok()?).is_some()))
                .unwrap_or(false),
        }
    }

    /// The CloudWatch log groups the task definitions' `awslogs` containers write to, with
    /// whether the agent creates them itself (`awslogs-create-group`), each once.
    #[must_use]
    pub fn log_groups(&self) -> Vec<(&str, bool)> {
        let mut groups: Vec<(&str, bool)> = Vec::new();
        let containers = self
            .task_definitions()
            .flat_map(|td| &td.container_definitions);
        for c in containers {
            let Some(log) = &c.log_configuration else {
                continue;
            };
            if log.log_driver != LogDriver::Awslogs {
                continue;
            }
            if let Some(group) = log.option_value(awslogs::GROUP) {
                let created = log.option_value(awslogs::CREATE_GROUP) == Some("true");
                if !groups.iter().any(|(g, _)| *g == group) {
                    groups.push((group, created));
                }
            }
        }
        groups
    }

    /// The policy of whoever deploys this application with `ecs-deploy`: exactly its resources,
    /// in its region, passing exactly the roles its task definitions name.
    #[must_use]
    pub fn deployer_policy(&self) -> PolicyDocument {
        self.deployer_policy_with(false)
    }

    /// [`deployer_policy`](Self::deployer_policy) of a deployer that also prunes (`--prune`):
    /// deletes the services of its cluster and the schedules of its group that carry its mark.
    #[must_use]
    pub fn pruning_deployer_policy(&self) -> PolicyDocument {
        self.deployer_policy_with(true)
    }

    /// The policy of whoever runs one-off tasks of this application and reads their logs
    /// (`ecs-deploy run` and `logs`, a CI step that runs a migration): it may register a
    /// changed revision of its families and run them in its cluster, passing exactly their
    /// roles, and read what that needs; it changes nothing else.
    #[must_use]
    pub fn runner_policy(&self) -> PolicyDocument {
        let account = &self.account;
        let named: Vec<&str> = self
            .task_definitions()
            .flat_map(|td| td.execution_role_arn.iter().chain(&td.task_role_arn))
            .map(Text::as_str)
            .collect();
        let scope = crate::iam::RunnerScope {
            cluster: self.cluster.name().to_owned(),
            families: sorted(self.task_definitions().map(|td| td.family.as_str())),
            roles: sorted(
                self.roles
                    .iter()
                    .map(|r| account.role_arn(r.path.as_deref(), &r.name))
                    .filter(|arn| named.contains(&arn.as_str())),
            ),
            passed_to_tasks: sorted(named.iter().copied()),
            log_groups: self.read_log_groups(),
            security_groups: !self.security_groups.is_empty(),
            file_systems: !self.file_systems.is_empty(),
        };
        crate::iam::runner_policy(account, &scope)
    }

    /// The ARNs of the CloudWatch Logs groups the containers write to, in the region each
    /// writes to: `awslogs` groups and FireLens routes to CloudWatch Logs (as `ecs-deploy logs`
    /// reads them), each as `log-group:<name>` and `log-group:<name>:*`.
    fn read_log_groups(&self) -> Vec<String> {
        use crate::container::{LogDriver, awslogs};
        let mut arns = Vec::new();
        for container in self
            .task_definitions()
            .flat_map(|td| &td.container_definitions)
        {
            let Some(log) = &container.log_configuration else {
                continue;
            };
            let options = &log.options;
            let (group, region) = match log.log_driver {
                LogDriver::Awslogs => (options.get(awslogs::GROUP), options.get(awslogs::REGION)),
                LogDriver::Awsfirelens
                    if matches!(
                        options.get("Name").map(Text::as_str),
                        Some("cloudwatch_logs" | "cloudwatch")
                    ) =>
                {
                    (options.get("log_group_name"), options.get("region"))
                }
                _ => continue,
            };
            let Some(group) = group else { continue };
            let region = region.map_or(self.account.region.as_str(), Text::as_str);
            let arn = Account::new(self.account.id.clone(), region)
                .arn("logs", &format!("log-group:{group}"));
            arns.push(format!("{arn}:*"));
            arns.push(arn);
        }
        arns.sort();
        arns.dedup();
        arns
    }

    fn deployer_policy_with(&self, prunes: bool) -> PolicyDocument {
        let account = &self.account;
        let role_arn = |r: &Role| account.role_arn(r.path.as_deref(), &r.name);
        // A group without a VPC goes into the default one, whose id is not known in advance.
        let vpc = |g: &SecurityGroup| g.vpc_id.clone().unwrap_or_else(|| "*".to_owned());
        let instances =
            (!self.instances.is_empty()).then(|| {
                let groups = || self.instances.iter().flat_map(|i| &i.security_groups);
                InstanceScope {
                    names: sorted(self.instances.iter().map(|i| i.name.as_str())),
                    // An instance without a subnet goes into the default VPC's, unknown in advance.
                    subnets: if self.instances.iter().all(|i| i.subnet_id.is_some()) {
                        sorted(self.instances.iter().filter_map(|i| i.subnet_id.as_deref()))
                    } else {
                        Vec::new()
                    },
                    security_group_ids: sorted(groups().filter(|g| g.starts_with("sg-"))),
                    security_group_vpcs: sorted(groups().filter_map(|g| {
                        Some(vpc(self.security_group(Reference::parse(g)?.name())?))
                    })),
                    key_pairs: sorted(self.instances.iter().filter_map(|i| i.key_name.as_deref())),
                }
            });
        let scope = DeployerScope {
            application: self.name.clone(),
            prunes,
            cluster: self.cluster.name().to_owned(),
            services: sorted(self.services().map(|(_, s)| s.service_name.as_str())),
            families: sorted(self.task_definitions().map(|td| td.family.as_str())),
            roles: sorted(self.roles.iter().map(role_arn)),
            passed_to_tasks: sorted(
                self.task_definitions()
                    .flat_map(|td| td.execution_role_arn.iter().chain(&td.task_role_arn)),
            ),
            passed_to_instances: sorted(
                self.instance_profiles
                    .iter()
                    .filter_map(|p| self.role(&p.role))
                    .map(role_arn),
            ),
            instance_profiles: sorted(self.instance_profiles.iter().map(|p| p.name.as_str())),
            load_balancers: sorted(self.load_balancers.iter().map(|lb| lb.name.as_str())),
            target_groups: sorted(self.target_groups.iter().map(|tg| tg.name.as_str())),
            log_groups: sorted(self.log_groups().into_iter().map(|(g, _)| g)),
            security_group_vpcs: sorted(self.security_groups.iter().map(vpc)),
            capacity_providers: sorted(self.capacity_providers.iter().map(|p| p.name.as_str())),
            file_systems: sorted(self.file_systems.iter().map(FileSystem::name)),
            repositories: sorted(self.repositories.iter().map(ImageRepository::name)),
            image_repositories: {
                let here = format!(":ecr:{}:", account.region);
                let mut arns: Vec<String> = self
                    .task_definitions()
                    .flat_map(crate::iam::image_repositories)
                    .filter(|arn| arn.contains(&here))
                    .collect();
                arns.sort();
                arns.dedup();
                arns
            },
            scales_services: self.workloads.iter().any(|w| w.scaling.is_some()),
            schedules: sorted(
                self.schedules()
                    .map(|s| format!("{}/{}", s.group(), s.name)),
            ),
            passed_to_scheduler: sorted(self.schedules().map(|s| s.target.role_arn.as_str())),
            instances,
        };
        crate::iam::deployer_policy(account, &scope)
    }
}

/// `items` sorted, each once.
fn sorted<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Vec<String> {
    let mut out: Vec<String> = items.into_iter().map(Into::into).collect();
    out.sort();
    out.dedup();
    out
}

builder! {
    /// Builds an [`Application`]; [`build`](Self::build) validates every resource and the seams
    /// between them.
    ApplicationBuilder { app } => Application
}

impl ApplicationBuilder {
    /// A workload: its task definition names its roles by ARN, and the roles join the
    /// application's (a role several workloads give is created once).
    pub fn workload(mut self, workload: impl Into<WorkloadBuilder>) -> Self {
        let WorkloadBuilder {
            mut workload,
            execution_role,
            task_role,
        } = workload.into();
        let td = &mut workload.task_definition;
        if let Some(role) = execution_role {
            td.execution_role_arn = Some(role.arn(&self.app.account).into());
            self = self.role(role);
        }
        if let Some(role) = task_role {
            td.task_role_arn = Some(role.arn(&self.app.account).into());
            self = self.role(role);
        }
        let cluster = self.app.cluster.name().to_owned();
        // A service that names no cluster runs in the application's, not in `default`.
        if let Some(service) = &mut workload.service {
            service
                .cluster
                .get_or_insert_with(|| cluster.clone().into());
        }
        if let (Some(scaling), Some(service)) = (&mut workload.scaling, &workload.service) {
            scaling.set_service(service.cluster_name(&cluster), &service.service_name);
        }
        if let Some(schedule) = &mut workload.schedule {
            let account = &self.app.account;
            let cluster_arn = account.arn("ecs", &format!("cluster/{cluster}"));
            let td = &workload.task_definition;
            if schedule.target.arn.is_empty() {
                schedule.target.arn = Text::new(&cluster_arn);
            }
            // The application's own group, whose mark says the schedules in it are its own.
            schedule
                .group_name
                .get_or_insert_with(|| self.app.name.clone().into());
            if let Some(ecs) = &mut schedule.target.ecs_parameters
                && ecs.task_definition_arn.is_empty()
            {
                ecs.task_definition_arn = account
                    .arn("ecs", &format!("task-definition/{}", td.family))
                    .into();
            }
            if schedule.target.role_arn.is_empty() {
                let tags = schedule
                    .ecs()
                    .is_some_and(|e| e.propagate_tags.is_some() || !e.tags.is_empty());
                let name: String = format!("{}-scheduler", schedule.name)
                    .chars()
                    .take(64)
                    .collect();
                let role = Role::ecs_scheduler(name, account).inline_policy(
                    "run-task",
                    crate::iam::scheduler_policy(td, &cluster_arn, account, tags),
                );
                let role: Role = role.into();
                schedule.target.role_arn = role.arn(account).into();
                self = self.role(role);
            }
        }
        self.app.workloads.push(workload);
        self
    }

    /// A role (the container instance role, or one several workloads name by ARN). A role
    /// equal to one the application has is not added twice; another role of the same name is,
    /// and validation reports the clash.
    pub fn role(mut self, role: impl Into<Role>) -> Self {
        let role = role.into();
        if !self.app.roles.contains(&role) {
            self.app.roles.push(role);
        }
        self
    }

    /// An instance profile.
    pub fn instance_profile(mut self, profile: impl Into<InstanceProfile>) -> Self {
        let profile = profile.into();
        self.app.instance_profiles.push(profile);
        self
    }

    /// A capacity provider (added to the cluster's providers too).
    pub fn capacity_provider(mut self, provider: impl Into<CapacityProvider>) -> Self {
        let provider = provider.into();
        self.app
            .cluster
            .add_capacity_provider(provider.name.clone());
        self.app.capacity_providers.push(provider);
        self
    }

    /// An Auto Scaling group's sizes.
    pub fn auto_scaling_group(mut self, group: impl Into<AutoScalingGroup>) -> Self {
        let group = group.into();
        self.app.auto_scaling_groups.push(group);
        self
    }

    /// A load balancer.
    pub fn load_balancer(mut self, load_balancer: impl Into<LoadBalancer>) -> Self {
        let load_balancer = load_balancer.into();
        self.app.load_balancers.push(load_balancer);
        self
    }

    /// A target group.
    pub fn target_group(mut self, target_group: impl Into<TargetGroup>) -> Self {
        let target_group = target_group.into();
        self.app.target_groups.push(target_group);
        self
    }

    /// A listener.
    pub fn listener(mut self, listener: impl Into<Listener>) -> Self {
        let listener = listener.into();
        self.app.listeners.push(listener);
        self
    }

    /// A listener rule.
    pub fn listener_rule(mut self, rule: impl Into<ListenerRule>) -> Self {
        let rule = rule.into();
        self.app.listener_rules.push(rule);
        self
    }

    /// A security group.
    pub fn security_group(mut self, group: impl Into<SecurityGroup>) -> Self {
        let group = group.into();
        self.app.security_groups.push(group);
        self
    }

    /// An EFS file system.
    pub fn file_system(mut self, file_system: impl Into<FileSystem>) -> Self {
        let file_system = file_system.into();
        self.app.file_systems.push(file_system);
        self
    }

    /// A mount target of a file system.
    pub fn mount_target(mut self, mount_target: impl Into<MountTarget>) -> Self {
        let mount_target = mount_target.into();
        self.app.mount_targets.push(mount_target);
        self
    }

    /// An access point of a file system.
    pub fn access_point(mut self, access_point: impl Into<AccessPoint>) -> Self {
        let access_point = access_point.into();
        self.app.access_points.push(access_point);
        self
    }

    /// An ECR repository (its images are named by [`ImageRepository::image`]).
    pub fn repository(mut self, repository: impl Into<ImageRepository>) -> Self {
        let repository = repository.into();
        self.app.repositories.push(repository);
        self
    }

    /// A single container instance.
    pub fn instance(mut self, instance: impl Into<ContainerInstance>) -> Self {
        let instance = instance.into();
        self.app.instances.push(instance);
        self
    }
}
