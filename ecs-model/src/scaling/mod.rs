//! Service auto scaling: Application Auto Scaling's scalable target, scaling policies and
//! scheduled actions for a service's `desiredCount` (PascalCase, as
//! `aws application-autoscaling … --cli-input-json` takes them).
//!
//! A [`ServiceScaling`] belongs to a [`Workload`](crate::Workload) with a service: the
//! application fills in each request's `ResourceId` (`service/<cluster>/<service>`), and the
//! deployment plan leaves the service's `desiredCount` to Application Auto Scaling once the
//! service exists.

mod api;
mod validate;

pub use api::*;

use crate::Text;
use crate::json::json_document;

json_document!(ScalableTarget, ScalingPolicy, ScheduledAction);

/// The `ResourceId` of a service: `service/<cluster>/<service>`.
#[must_use]
pub fn service_resource_id(cluster: &str, service: &str) -> String {
    format!("service/{cluster}/{service}")
}

/// A service's auto scaling: the bounds of its task count, the policies that move it, and
/// scheduled changes of the bounds.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ServiceScaling {
    /// The scalable target: `MinCapacity` and `MaxCapacity`.
    pub target: ScalableTarget,
    /// Target-tracking and step scaling policies.
    pub policies: Vec<ScalingPolicy>,
    /// Scheduled changes of the bounds.
    pub scheduled_actions: Vec<ScheduledAction>,
}

impl ServiceScaling {
    /// Scaling between `min` and `max` tasks; add policies with
    /// [`cpu`](ServiceScalingBuilder::cpu), [`memory`](ServiceScalingBuilder::memory) or
    /// [`requests_per_target`](ServiceScalingBuilder::requests_per_target).
    ///
    /// ```
    /// use ecs_model::scaling::ServiceScaling;
    /// let scaling = ServiceScaling::between(2, 10).cpu(60.0).build().unwrap();
    /// assert_eq!(scaling.policies[0].policy_name, "cpu");
    /// let err = ServiceScaling::between(10, 2).build().unwrap_err();
    /// assert!(err.to_string().contains("MinCapacity 10 is above MaxCapacity 2"));
    /// ```
    pub fn between(min: i32, max: i32) -> ServiceScalingBuilder {
        let target = ScalableTarget {
            min_capacity: Some(min),
            max_capacity: Some(max),
            ..ScalableTarget::default()
        };
        ServiceScalingBuilder {
            scaling: ServiceScaling {
                target,
                policies: Vec::new(),
                scheduled_actions: Vec::new(),
            },
        }
    }

    /// Sets the `ResourceId` of every request to the service's.
    pub fn set_service(&mut self, cluster: &str, service: &str) {
        let id = Text::from(service_resource_id(cluster, service));
        self.target.resource_id.clone_from(&id);
        for policy in &mut self.policies {
            policy.resource_id.clone_from(&id);
        }
        for action in &mut self.scheduled_actions {
            action.resource_id.clone_from(&id);
        }
    }

    /// The bounds, as set.
    #[must_use]
    pub fn bounds(&self) -> (i32, i32) {
        (
            self.target.min_capacity.unwrap_or_default(),
            self.target.max_capacity.unwrap_or_default(),
        )
    }
}

crate::builder::builder! {
    /// Builds a [`ServiceScaling`]; [`build`](Self::build) validates it.
    ServiceScalingBuilder { scaling } => ServiceScaling
}

impl ServiceScalingBuilder {
    fn target_tracking(
        mut self,
        name: &str,
        metric: PredefinedMetricType,
        label: Option<Text>,
        value: f64,
    ) -> Self {
        let spec = PredefinedMetricSpecification {
            predefined_metric_type: metric,
            resource_label: label,
            ..PredefinedMetricSpecification::default()
        };
        let config = TargetTrackingScalingPolicyConfiguration {
            target_value: value,
            predefined_metric_specification: Some(spec),
            ..TargetTrackingScalingPolicyConfiguration::default()
        };
        self.scaling.policies.push(ScalingPolicy {
            policy_name: name.into(),
            policy_type: Some(PolicyType::TargetTrackingScaling),
            target_tracking_scaling_policy_configuration: Some(config),
            ..ScalingPolicy::default()
        });
        self
    }

    /// Keeps the service's average CPU at `percent` (policy `cpu`).
    pub fn cpu(self, percent: f64) -> Self {
        self.target_tracking(
            "cpu",
            PredefinedMetricType::ECSServiceAverageCPUUtilization,
            None,
            percent,
        )
    }

    /// Keeps the service's average memory at `percent` (policy `memory`).
    pub fn memory(self, percent: f64) -> Self {
        self.target_tracking(
            "memory",
            PredefinedMetricType::ECSServiceAverageMemoryUtilization,
            None,
            percent,
        )
    }

    /// Keeps the requests per task behind `target_group` (a [`Reference`](crate::Reference)
    /// to one the service registers into) at `requests` (policy `requests`). Its
    /// `ResourceLabel` holds the reference; the deployer writes the label from the load
    /// balancer's and the target group's ARNs.
    pub fn requests_per_target(self, target_group: impl Into<Text>, requests: f64) -> Self {
        self.target_tracking(
            "requests",
            PredefinedMetricType::ALBRequestCountPerTarget,
            Some(target_group.into()),
            requests,
        )
    }

    /// Another policy (step scaling, or target tracking with cooldowns).
    pub fn policy(mut self, policy: impl Into<ScalingPolicy>) -> Self {
        self.scaling.policies.push(policy.into());
        self
    }

    /// Changes the bounds to `min`–`max` on `schedule` (`cron(0 9 ? * MON-FRI *)`), in
    /// `time_zone` (UTC when `None`).
    pub fn scheduled(
        mut self,
        name: impl Into<Text>,
        schedule: impl Into<Text>,
        time_zone: Option<&str>,
        (min, max): (i32, i32),
    ) -> Self {
        let bounds = ScalableTargetAction {
            min_capacity: Some(min),
            max_capacity: Some(max),
            ..ScalableTargetAction::default()
        };
        self.scaling.scheduled_actions.push(ScheduledAction {
            scheduled_action_name: name.into(),
            schedule: Some(schedule.into()),
            timezone: time_zone.map(Text::from),
            scalable_target_action: Some(bounds),
            ..ScheduledAction::default()
        });
        self
    }
}
