//! Clusters and their capacity: Fargate, Auto Scaling groups of EC2 instances, ECS Managed
//! Instances, and the EC2 container-instance side (agent configuration, optimized AMIs).

mod api;
mod instances;
mod validate;

// Every record and enum the generator writes is public here.
pub use api::*;
pub use instances::{
    AgentConfig, AutoScalingGroup, AutoScalingGroupBuilder, ContainerInstance,
    ContainerInstanceBuilder, EcsOptimizedAmi,
};

use crate::Text;
use crate::builder::builder;
use crate::json::json_document;
use crate::service::CapacityProviderStrategyItem;
use crate::tag::Tag;

json_document!(Cluster, CapacityProvider, ClusterCapacityProviders);

/// The built-in capacity providers every cluster can use without creating them.
pub const FARGATE_PROVIDERS: &[&str] = &["FARGATE", "FARGATE_SPOT"];

/// Container Insights, the cluster's `containerInsights` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContainerInsights {
    /// Off.
    Disabled,
    /// Cluster and service metrics.
    Enabled,
    /// Task and container metrics too (the 2024 "enhanced observability").
    Enhanced,
}

impl ContainerInsights {
    /// The setting's value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Disabled => "disabled",
            Self::Enabled => "enabled",
            Self::Enhanced => "enhanced",
        }
    }
}

impl Cluster {
    /// A cluster named `name` (1–255 letters, digits, `_`, `-`).
    ///
    /// ```
    /// use ecs_model::cluster::{Cluster, ContainerInsights};
    /// let cluster = Cluster::builder("pet-web-cluster")
    ///     .container_insights(ContainerInsights::Enabled)
    ///     .capacity_provider("FARGATE")
    ///     .default_strategy("FARGATE", 1, None)
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(cluster.name(), "pet-web-cluster");
    /// ```
    pub fn builder(name: impl Into<Text>) -> ClusterBuilder {
        Self {
            cluster_name: Some(name.into()),
            ..Self::default()
        }
        .into_builder()
    }

    /// The name: `default` when unset, as ECS names it.
    #[must_use]
    pub fn name(&self) -> &str {
        self.cluster_name.as_deref().unwrap_or("default")
    }

    /// Makes a capacity provider (by name) available to the cluster's services, once.
    pub(crate) fn add_capacity_provider(&mut self, name: Text) {
        if !self.capacity_providers.contains(&name) {
            self.capacity_providers.push(name);
        }
    }
}

builder! {
    /// Builds a [`Cluster`]; [`build`](Self::build) validates it (`ECS-K*`).
    ClusterBuilder { cluster } => Cluster
}

impl ClusterBuilder {
    /// Sets Container Insights.
    pub fn container_insights(mut self, insights: ContainerInsights) -> Self {
        let settings = &mut self.cluster.settings;
        settings.retain(|s| s.name != Some(ClusterSettingName::ContainerInsights));
        settings.push(ClusterSetting {
            name: Some(ClusterSettingName::ContainerInsights),
            value: Some(insights.as_str().into()),
            extra: crate::json::Extra::new(),
        });
        self
    }

    /// Makes a capacity provider (by name) available to the cluster's services.
    pub fn capacity_provider(mut self, name: impl Into<Text>) -> Self {
        self.cluster.add_capacity_provider(name.into());
        self
    }

    /// Adds a provider to the default strategy of services that name neither a launch type
    /// nor a strategy.
    pub fn default_strategy(
        mut self,
        provider: impl Into<Text>,
        weight: i32,
        base: Option<i32>,
    ) -> Self {
        self.cluster
            .default_capacity_provider_strategy
            .push(CapacityProviderStrategyItem::new(provider, weight, base));
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, key: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.cluster.tags.push(Tag::new(key, value));
        self
    }
}

impl CapacityProvider {
    /// Members `UpdateCapacityProvider` cannot change (JSON paths): a change to one means a new
    /// capacity provider.
    pub const CREATE_ONLY: &'static [&'static str] = &[
        "name",
        "cluster",
        "autoScalingGroupProvider.autoScalingGroupArn",
    ];

    /// An Auto Scaling group provider with managed scaling at `target_capacity` percent
    /// (ECS scales the group to keep that share of its instances in use).
    pub fn auto_scaling_group(
        name: impl Into<Text>,
        auto_scaling_group_arn: impl Into<Text>,
        target_capacity: i32,
    ) -> CapacityProviderBuilder {
        Self {
            name: name.into(),
            auto_scaling_group_provider: Some(AutoScalingGroupProvider {
                auto_scaling_group_arn: auto_scaling_group_arn.into(),
                managed_scaling: Some(ManagedScaling {
                    status: Some(ManagedScalingStatus::Enabled),
                    target_capacity: Some(target_capacity),
                    ..ManagedScaling::default()
                }),
                managed_termination_protection: Some(ManagedTerminationProtection::Disabled),
                ..AutoScalingGroupProvider::default()
            }),
            ..Self::default()
        }
        .into_builder()
    }

    /// An ECS Managed Instances provider: ECS launches, patches and scales the instances.
    pub fn managed_instances<I, S>(
        name: impl Into<Text>,
        infrastructure_role_arn: impl Into<Text>,
        instance_profile_arn: impl Into<Text>,
        subnets: I,
    ) -> CapacityProviderBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        Self {
            name: name.into(),
            managed_instances_provider: Some(ManagedInstancesProvider {
                infrastructure_role_arn: infrastructure_role_arn.into(),
                instance_launch_template: InstanceLaunchTemplate {
                    ec2_instance_profile_arn: instance_profile_arn.into(),
                    network_configuration: ManagedInstancesNetworkConfiguration {
                        subnets: subnets.into_iter().map(Into::into).collect(),
                        ..ManagedInstancesNetworkConfiguration::default()
                    },
                    ..InstanceLaunchTemplate::default()
                },
                ..ManagedInstancesProvider::default()
            }),
            ..Self::default()
        }
        .into_builder()
    }
}

builder! {
    /// Builds a [`CapacityProvider`]; [`build`](Self::build) validates it (`ECS-K2`, `K3`,
    /// `K5`).
    CapacityProviderBuilder { provider } => CapacityProvider
}

impl ClusterCapacityProviders {
    /// What `PutClusterCapacityProviders` sets for `cluster`.
    #[must_use]
    pub fn of(cluster: &Cluster) -> Self {
        Self {
            cluster: cluster.name().into(),
            capacity_providers: Some(cluster.capacity_providers.clone()),
            default_capacity_provider_strategy: Some(
                cluster.default_capacity_provider_strategy.clone(),
            ),
            extra: crate::json::Extra::new(),
        }
    }
}
