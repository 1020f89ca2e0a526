//! ECS: the cluster and its capacity, the task definition and the service.

use ecs_model::TaskDefinition;
use ecs_model::cluster::{CapacityProvider, Cluster, ClusterCapacityProviders};
use ecs_model::service::Service;
use serde_json::Value;

use super::compare::{Rules, compare, service_comparison, task_definition_comparison};
use super::diff::Absent;
use super::{Change, Op, Planner, Step, json, normalize, when_changed};
use crate::resource::{Resource, short_name};

impl Planner<'_> {
    /// The cluster: updated in place. Its capacity providers are the step after the providers.
    pub(super) fn cluster(&mut self, cluster: &Cluster) {
        let resource = Resource::Cluster(cluster.name().to_owned());
        let Some(found) = &self.observed.cluster else {
            let create = self.app.cluster_to_create();
            self.push(Step::create(
                resource,
                vec![Op::CreateCluster(Box::new(create))],
            ));
            return;
        };
        let mut before = json(&found.value);
        if let Some(Value::String(namespace)) =
            before.pointer_mut("/serviceConnectDefaults/namespace")
        {
            *namespace = short_name(namespace).to_owned();
        }
        let rules = Rules {
            // Compared by the capacity providers' step; tags are not updated here.
            ignored: &[
                "capacityProviders",
                "defaultCapacityProviderStrategy",
                "tags",
            ],
            ..Rules::new("cluster")
        };
        let comparison = compare(&before, &json(cluster), &rules);
        let ops = when_changed(&comparison.changes, || {
            Op::UpdateCluster(Box::new(cluster.clone()))
        });
        self.push(Step::compared(
            resource,
            comparison.changes,
            ops,
            Vec::new(),
        ));
    }

    /// A capacity provider the application creates: updated in place but for what only its
    /// creation sets.
    pub(super) fn capacity_provider(&mut self, provider: &CapacityProvider) {
        let resource = Resource::CapacityProvider(provider.name.to_string());
        let Some(found) = self.observed.capacity_providers.get(provider.name.as_str()) else {
            let ops = vec![Op::CreateCapacityProvider(Box::new(provider.clone()))];
            self.push(Step::create(resource, ops));
            return;
        };
        let rules = Rules {
            create_only: CapacityProvider::CREATE_ONLY,
            unsupported: &[(
                "managedInstancesProvider",
                "ecs-deploy does not update Managed Instances providers yet: change it in the console or recreate it",
            )],
            // Not described with the provider.
            ignored: &["tags", "cluster"],
            ..Rules::new("capacity provider")
        };
        let comparison = compare(&json(&found.value), &json(provider), &rules);
        let ops = when_changed(&comparison.changes, || {
            Op::UpdateCapacityProvider(Box::new(provider.clone()))
        });
        self.push(Step::compared(
            resource,
            comparison.changes,
            ops,
            comparison.blocked,
        ));
    }

    /// The cluster's providers and default strategy: put once the providers exist (a new
    /// cluster without providers to create got them at creation).
    pub(super) fn cluster_capacity_providers(&mut self, cluster: &Cluster) {
        let resource = Resource::ClusterCapacityProviders(cluster.name().to_owned());
        let desired = ClusterCapacityProviders::of(cluster);
        let Some(found) = &self.observed.cluster else {
            if self.app.creates_capacity_providers() {
                let ops = vec![Op::PutClusterCapacityProviders(desired)];
                self.push(Step::create(resource, ops));
            }
            return;
        };
        let providers = |c: &Cluster| {
            serde_json::json!({
                "capacityProviders": c.capacity_providers,
                "defaultCapacityProviderStrategy": json(&c.default_capacity_provider_strategy),
            })
        };
        let rules = Rules {
            absent: Absent::Removed,
            ..Rules::new("cluster")
        };
        let comparison = compare(&providers(&found.value), &providers(cluster), &rules);
        let ops = when_changed(&comparison.changes, || {
            Op::PutClusterCapacityProviders(desired)
        });
        self.push(Step::compared(
            resource,
            comparison.changes,
            ops,
            Vec::new(),
        ));
    }

    /// The task definition: a new revision when it differs from the family's latest, both
    /// normalised as ECS stores them.
    pub(super) fn task_definition(&mut self, td: &TaskDefinition) {
        let resource = Resource::TaskDefinition(td.family.to_string());
        let register = || vec![Op::RegisterTaskDefinition(Box::new(td.clone()))];
        let Some(found) = self.observed.task_definitions.get(td.family.as_str()) else {
            self.registers.insert(td.family.to_string());
            self.push(Step::create(resource, register()));
            return;
        };
        let comparison = task_definition_comparison(found, td);
        let ops = if comparison.changes.is_empty() {
            Vec::new()
        } else {
            self.registers.insert(td.family.to_string());
            register()
        };
        self.push(Step::compared(
            resource,
            comparison.changes,
            ops,
            Vec::new(),
        ));
    }

    /// The revision the service should run: the one this deployment registers of its family,
    /// or the family's latest; a pinned `family:revision` or ARN is kept as given.
    fn wanted_revision(&self, service: &Service) -> String {
        let family = service.task_definition.as_deref().unwrap_or_default();
        if !self.app.task_definitions().any(|td| td.family == family) {
            return family.to_owned();
        }
        if self.registers.contains(family) {
            format!("{family}:(new revision)")
        } else {
            self.observed
                .latest_task_definition_arn(family)
                .unwrap_or(family)
                .to_owned()
        }
    }

    /// The service: updated in place but for what only its creation sets (`ECS-J16`); its tags
    /// by `TagResource`; a change of capacity provider strategy with a new deployment.
    pub(super) fn service(&mut self, service: &Service) {
        // A service that names no task definition runs its workload's.
        let mut service = service.clone();
        if service.task_definition.is_none() {
            service.task_definition = self
                .app
                .workloads
                .iter()
                .find(|w| {
                    w.service
                        .as_ref()
                        .is_some_and(|s| s.service_name == service.service_name)
                })
                .map(|w| w.name().into());
        }
        // Application Auto Scaling owns the task count of a scaled service that exists.
        let scaled = self.app.workloads.iter().any(|w| {
            w.scaling.is_some()
                && w.service
                    .as_ref()
                    .is_some_and(|s| s.service_name == service.service_name)
        });
        if scaled
            && self
                .observed
                .services
                .contains_key(service.service_name.as_str())
        {
            service.desired_count = None;
        }
        let service = &service;
        let resource = Resource::Service {
            cluster: service.cluster_name(self.app.cluster.name()).to_owned(),
            name: service.service_name.to_string(),
        };
        let Some(found) = self.observed.services.get(service.service_name.as_str()) else {
            self.push(Step::create(
                resource,
                vec![Op::CreateService(Box::new(service.clone()))],
            ));
            return;
        };
        let mut desired = json(service);
        self.ids.resolve(&mut desired);
        normalize::service(&mut desired);
        if let Some(map) = desired.as_object_mut() {
            map.insert(
                "taskDefinition".into(),
                Value::String(self.wanted_revision(service)),
            );
        }
        let mut before = json(&found.service);
        normalize::service(&mut before);
        let comparison = service_comparison(&before, &desired);
        let tags_differ = comparison.touches("tags");
        // Leaving a launch type for a capacity-provider strategy is allowed with a new
        // deployment (`ECS-J5`), as is any change of strategy.
        let switches_to_strategy = service.launch_type.is_none()
            && !service.capacity_provider_strategy.is_empty()
            && found.service.launch_type.is_some();
        let force = switches_to_strategy || comparison.touches("capacityProviderStrategy");
        let mut changes = comparison.changes;
        if switches_to_strategy {
            let launch_type = found
                .service
                .launch_type
                .map(|t| Value::String(t.as_str().to_owned()));
            changes.push(Change::of("launchType", launch_type, None));
        }
        if force {
            changes.push(Change::of(
                "forceNewDeployment",
                None,
                Some(Value::Bool(true)),
            ));
        }
        let mut ops = Vec::new();
        if changes.iter().any(|c| c.top() != "tags") {
            ops.push(Op::UpdateService {
                service: Box::new(service.clone()),
                force_new_deployment: force,
            });
        }
        if tags_differ {
            ops.push(Op::TagService {
                arn: found.arn.clone(),
                service: Box::new(service.clone()),
            });
        }
        self.push(Step::compared(resource, changes, ops, comparison.blocked));
    }
}
