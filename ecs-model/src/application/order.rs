//! The application's resources in the order they must be created: the one order that both
//! [`Application::requests`] and `ecs-deploy`'s plan follow.

use super::Application;
use super::part::Part;
use crate::cluster::Cluster;

impl Application {
    /// Every resource in the order of creation: what exists before what names it.
    #[must_use]
    pub fn creation_order(&self) -> Vec<Part<'_>> {
        let mut parts: Vec<Part<'_>> = self.repositories.iter().map(Part::Repository).collect();
        for (group, created_by_agent) in self.log_groups() {
            if !created_by_agent {
                parts.push(Part::LogGroup(group));
            }
        }
        parts.extend(self.file_systems.iter().map(Part::FileSystem));
        parts.extend(self.access_points.iter().map(Part::AccessPoint));
        parts.extend(self.roles.iter().map(Part::Role));
        parts.extend(self.instance_profiles.iter().map(Part::InstanceProfile));
        parts.extend(self.security_groups.iter().map(Part::SecurityGroup));
        parts.extend(self.security_groups.iter().map(Part::SecurityGroupRules));
        parts.extend(self.mount_targets.iter().map(Part::MountTarget));
        parts.extend(self.load_balancers.iter().map(Part::LoadBalancer));
        parts.extend(self.target_groups.iter().map(Part::TargetGroup));
        parts.extend(self.listeners.iter().map(Part::Listener));
        parts.extend(self.listener_rules.iter().map(Part::ListenerRule));
        parts.push(Part::Cluster(&self.cluster));
        parts.extend(self.capacity_providers.iter().map(Part::CapacityProvider));
        let cluster = &self.cluster;
        if !cluster.capacity_providers.is_empty()
            || !cluster.default_capacity_provider_strategy.is_empty()
        {
            parts.push(Part::ClusterCapacityProviders(cluster));
        }
        parts.extend(self.task_definitions().map(Part::TaskDefinition));
        parts.extend(self.services().map(|(_, s)| Part::Service(s)));
        parts.extend(
            self.workloads
                .iter()
                .filter_map(|w| w.scaling.as_ref())
                .map(Part::Scaling),
        );
        parts.extend(self.schedules().map(Part::Schedule));
        parts.extend(self.instances.iter().map(Part::Instance));
        parts
    }

    /// Whether the application creates capacity providers: the cluster is then created before
    /// them, without them, and gets them by `PutClusterCapacityProviders`.
    #[must_use]
    pub fn creates_capacity_providers(&self) -> bool {
        !self.capacity_providers.is_empty()
    }

    /// The cluster as `CreateCluster` takes it: without the capacity providers the application
    /// creates, which exist only after the cluster does.
    #[must_use]
    pub fn cluster_to_create(&self) -> Cluster {
        let mut cluster = self.cluster.clone();
        if self.creates_capacity_providers() {
            cluster.capacity_providers.clear();
            cluster.default_capacity_provider_strategy.clear();
        }
        cluster
    }
}
