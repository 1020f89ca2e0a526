//! ECS services: the `CreateService` request, with builders whose defaults are the safe ones.

mod api;
mod describe;
pub(crate) mod validate;

// Every record and enum the generator writes is public here.
pub use api::*;

use crate::Text;
use crate::builder::builder;
use crate::json::json_document;
use crate::tag::Tag;
use crate::task_definition::Compatibility;

json_document!(Service);

impl Service {
    /// Fields `UpdateService` cannot change: a change to one of them means a new service
    /// (`ECS-J16`).
    pub const CREATE_ONLY: &'static [&'static str] = &[
        "serviceName",
        "cluster",
        "launchType",
        "schedulingStrategy",
        "role",
        "clientToken",
        "deploymentController",
    ];

    /// Starts a service named `name` with nothing else set.
    pub fn builder(name: impl Into<Text>) -> ServiceBuilder {
        ServiceBuilder {
            service: Service {
                service_name: name.into(),
                ..Service::default()
            },
        }
    }

    /// A Fargate service of `task_definition` (a family, `family:revision` or an ARN) in
    /// `cluster`, with the safe deployment defaults: 100 % minimum healthy, 200 % maximum, and
    /// the circuit breaker on with rollback (CDK's 50 % minimum stops half the tasks before their
    /// replacements are healthy).
    ///
    /// ```
    /// use ecs_model::service::Service;
    /// let service = Service::fargate("pet-web-task-service", "pet-web-cluster", "pet-web-task")
    ///     .desired_count(2)
    ///     .subnets(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"])
    ///     .security_group("sg-0123456789abcdef0")
    ///     .assign_public_ip(true)
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(service.deployment_configuration.unwrap().minimum_healthy_percent, Some(100));
    /// ```
    pub fn fargate(
        name: impl Into<Text>,
        cluster: impl Into<Text>,
        task_definition: impl Into<Text>,
    ) -> ServiceBuilder {
        Self::builder(name)
            .cluster(cluster)
            .task_definition(task_definition)
            .launch_type(Compatibility::Fargate)
            .safe_deployments()
    }

    /// An EC2 service, with the safe deployment defaults.
    pub fn ec2(
        name: impl Into<Text>,
        cluster: impl Into<Text>,
        task_definition: impl Into<Text>,
    ) -> ServiceBuilder {
        Self::builder(name)
            .cluster(cluster)
            .task_definition(task_definition)
            .launch_type(Compatibility::Ec2)
            .safe_deployments()
    }

    /// A service placed by capacity providers (`FARGATE_SPOT`, an Auto Scaling group, Managed
    /// Instances) rather than a launch type, with the safe deployment defaults.
    pub fn on_capacity_providers(
        name: impl Into<Text>,
        cluster: impl Into<Text>,
        task_definition: impl Into<Text>,
    ) -> ServiceBuilder {
        Self::builder(name)
            .cluster(cluster)
            .task_definition(task_definition)
            .safe_deployments()
    }

    /// The awsvpc configuration, if any.
    #[must_use]
    pub fn awsvpc(&self) -> Option<&AwsVpcConfiguration> {
        self.network_configuration
            .as_ref()
            .and_then(|n| n.awsvpc_configuration.as_ref())
    }

    /// Whether tasks run on Fargate (launch type, or a `FARGATE`/`FARGATE_SPOT` provider).
    #[must_use]
    pub fn runs_on_fargate(&self) -> bool {
        self.launch_type == Some(Compatibility::Fargate)
            || self
                .capacity_provider_strategy
                .iter()
                .any(|item| item.capacity_provider.starts_with("FARGATE"))
    }

    /// The name of the cluster it is in: its `cluster` (a name or an ARN), else `default` (the
    /// application's, when it runs in one).
    #[must_use]
    pub fn cluster_name<'a>(&'a self, default: &'a str) -> &'a str {
        self.cluster
            .as_deref()
            .map_or(default, |c| c.rsplit('/').next().unwrap_or(c))
    }
}

builder! {
    /// Builds a [`Service`]; [`build`](Self::build) validates it on its own (an
    /// [`Application`](crate::Application) checks it against its task definition, cluster and
    /// load balancers).
    ServiceBuilder { service } => Service
}

impl ServiceBuilder {
    /// The cluster (name or ARN).
    pub fn cluster(mut self, cluster: impl Into<Text>) -> Self {
        self.service.cluster = Some(cluster.into());
        self
    }

    /// The task definition: a family (its latest revision), `family:revision` or an ARN.
    pub fn task_definition(mut self, task_definition: impl Into<Text>) -> Self {
        self.service.task_definition = Some(task_definition.into());
        self
    }

    /// How many tasks to keep running.
    pub fn desired_count(mut self, count: i32) -> Self {
        self.service.desired_count = Some(count);
        self
    }

    /// The launch type (clears any capacity provider strategy: the two exclude each other).
    pub fn launch_type(mut self, launch_type: Compatibility) -> Self {
        self.service.launch_type = Some(launch_type);
        self.service.capacity_provider_strategy.clear();
        self
    }

    /// Adds a capacity provider to the strategy (clears the launch type).
    pub fn capacity_provider(
        mut self,
        name: impl Into<Text>,
        weight: i32,
        base: Option<i32>,
    ) -> Self {
        self.service.launch_type = None;
        self.service
            .capacity_provider_strategy
            .push(CapacityProviderStrategyItem::new(name, weight, base));
        self
    }

    /// The Fargate platform version (`LATEST` by default).
    pub fn platform_version(mut self, version: impl Into<Text>) -> Self {
        self.service.platform_version = Some(version.into());
        self
    }

    fn awsvpc(&mut self) -> &mut AwsVpcConfiguration {
        self.service
            .network_configuration
            .get_or_insert_with(NetworkConfiguration::default)
            .awsvpc_configuration
            .get_or_insert_with(AwsVpcConfiguration::default)
    }

    /// Adds subnets for the tasks' network interfaces (`awsvpc`).
    pub fn subnets<I, S>(mut self, subnets: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        self.awsvpc()
            .subnets
            .extend(subnets.into_iter().map(Into::into));
        self
    }

    /// Adds a security group (an id, or a [`Reference`](crate::Reference) to one of the
    /// application's).
    pub fn security_group(mut self, group: impl Into<Text>) -> Self {
        self.awsvpc().security_groups.push(group.into());
        self
    }

    /// Whether tasks get a public IP (needed in public subnets without a NAT gateway).
    pub fn assign_public_ip(mut self, on: bool) -> Self {
        self.awsvpc().assign_public_ip = Some(if on {
            AssignPublicIp::Enabled
        } else {
            AssignPublicIp::Disabled
        });
        self
    }

    /// Registers `container_name:container_port` with a target group (an ARN or a
    /// [`Reference`](crate::Reference)).
    pub fn load_balancer(
        mut self,
        target_group: impl Into<Text>,
        container_name: impl Into<Text>,
        container_port: i32,
    ) -> Self {
        self.service.load_balancers.push(ServiceLoadBalancer {
            target_group_arn: Some(target_group.into()),
            container_name: Some(container_name.into()),
            container_port: Some(container_port),
            ..ServiceLoadBalancer::default()
        });
        self
    }

    /// Seconds to ignore failing load-balancer and container health checks after a task starts.
    pub fn health_check_grace_period(mut self, seconds: i32) -> Self {
        self.service.health_check_grace_period_seconds = Some(seconds);
        self
    }

    fn deployment(&mut self) -> &mut DeploymentConfiguration {
        self.service
            .deployment_configuration
            .get_or_insert_with(DeploymentConfiguration::default)
    }

    /// Minimum healthy and maximum percent of the desired count during a deployment.
    pub fn deployment_percents(mut self, minimum_healthy: i32, maximum: i32) -> Self {
        let deployment = self.deployment();
        deployment.minimum_healthy_percent = Some(minimum_healthy);
        deployment.maximum_percent = Some(maximum);
        self
    }

    /// The deployment circuit breaker: stop a failing rollout, and roll back when `rollback`.
    pub fn circuit_breaker(mut self, rollback: bool) -> Self {
        self.deployment().deployment_circuit_breaker = Some(DeploymentCircuitBreaker {
            enable: true,
            rollback,
            ..DeploymentCircuitBreaker::default()
        });
        self
    }

    /// CloudWatch alarms that fail (and roll back, when `rollback`) a deployment.
    pub fn deployment_alarms<I, S>(mut self, alarm_names: I, rollback: bool) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        self.deployment().alarms = Some(DeploymentAlarms {
            alarm_names: alarm_names.into_iter().map(Into::into).collect(),
            rollback,
            enable: true,
            ..DeploymentAlarms::default()
        });
        self
    }

    /// The deployment strategy (`ROLLING` by default; `BLUE_GREEN` needs a bake time).
    pub fn deployment_strategy(
        mut self,
        strategy: DeploymentStrategy,
        bake_time_minutes: Option<i32>,
    ) -> Self {
        let deployment = self.deployment();
        deployment.strategy = Some(strategy);
        deployment.bake_time_in_minutes = bake_time_minutes;
        self
    }

    /// 100 % minimum healthy, 200 % maximum, circuit breaker with rollback.
    fn safe_deployments(self) -> Self {
        self.deployment_percents(100, 200).circuit_breaker(true)
    }

    /// `REPLICA` (the default) or `DAEMON`.
    pub fn scheduling_strategy(mut self, strategy: SchedulingStrategy) -> Self {
        self.service.scheduling_strategy = Some(strategy);
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, key: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.service.tags.push(Tag::new(key, value));
        self
    }

    /// Turns on ECS Exec (`aws ecs execute-command`).
    pub fn enable_execute_command(mut self, on: bool) -> Self {
        self.service.enable_execute_command = Some(on);
        self
    }

    /// Where tasks get their tags from.
    pub fn propagate_tags(mut self, from: PropagateTags) -> Self {
        self.service.propagate_tags = Some(from);
        self
    }
}

impl CapacityProviderStrategyItem {
    /// `capacity_provider` with `weight`, and `base` tasks placed there first.
    pub fn new(capacity_provider: impl Into<Text>, weight: i32, base: Option<i32>) -> Self {
        Self {
            capacity_provider: capacity_provider.into(),
            weight: Some(weight),
            base,
            extra: crate::json::Extra::new(),
        }
    }
}
