//! Service auto scaling on its own (`ECS-J26`): the bounds, each policy and scheduled action.
//! Whether it fits its service is checked with the application.

use std::collections::BTreeSet;

use super::{
    PolicyType, PredefinedMetricType, ScalableDimension, ServiceNamespace, ServiceScaling,
};
use crate::diagnostic::{Diagnostic, Findings};
use crate::path::json_path;
use crate::schedule::Expression;
use crate::validate::rules;
use crate::words::quoted;

impl ServiceScaling {
    /// Every problem (`ECS-J26`), at paths under `ScalableTarget`, `ScalingPolicies.<name>` and
    /// `ScheduledActions.<name>`.
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        scaling(self)
    }
}

fn scaling(s: &ServiceScaling) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    let rule = &rules::J26;
    let target = &s.target;
    let at = json_path!("ScalableTarget");
    if target.service_namespace != ServiceNamespace::Ecs
        || target.scalable_dimension != ScalableDimension::EcsServiceDesiredCount
    {
        out.report(
            rule,
            at.clone().key("ScalableDimension"),
            "a service scales `ecs:service:DesiredCount` in the `ecs` namespace",
        );
    }
    let (min, max) = s.bounds();
    if target.min_capacity.is_none() || target.max_capacity.is_none() {
        out.report(
            rule,
            at.clone(),
            "give both `MinCapacity` and `MaxCapacity` when registering the service",
        );
    } else if min < 0 {
        out.report(
            rule,
            at.clone().key("MinCapacity"),
            format!("{min}: a task count is 0 or more"),
        );
    } else if min > max {
        out.report(
            rule,
            at.clone().key("MinCapacity"),
            format!("MinCapacity {min} is above MaxCapacity {max}"),
        );
    }
    policies(&mut out, s);
    scheduled_actions(&mut out, s);
    out.into_vec()
}

/// Each policy: a unique name, and the configuration of its type.
fn policies(out: &mut Findings, s: &ServiceScaling) {
    let rule = &rules::J26;
    let mut names = BTreeSet::new();
    for policy in &s.policies {
        let at = json_path!("ScalingPolicies").key(policy.policy_name.clone());
        if !names.insert(policy.policy_name.as_str()) {
            out.report(
                rule,
                at.clone(),
                "two policies of the service have this name: the second replaces the first",
            );
        }
        if policy.policy_name.is_empty() || policy.policy_name.len() > 256 {
            out.report(rule, at.clone().key("PolicyName"), "1–256 characters");
        }
        match (
            policy.policy_type.unwrap_or(PolicyType::StepScaling),
            &policy.target_tracking_scaling_policy_configuration,
            &policy.step_scaling_policy_configuration,
        ) {
            (PolicyType::TargetTrackingScaling, Some(config), None) => {
                let at = at.clone().key("TargetTrackingScalingPolicyConfiguration");
                let metric = config.predefined_metric_specification.as_ref();
                let percent = metric.is_some_and(|m| {
                    matches!(
                        m.predefined_metric_type,
                        PredefinedMetricType::ECSServiceAverageCPUUtilization
                            | PredefinedMetricType::ECSServiceAverageMemoryUtilization
                    )
                });
                let value = config.target_value;
                if value.is_nan() || value <= 0.0 || (percent && value > 100.0) {
                    out.report(
                        rule,
                        at.clone().key("TargetValue"),
                        format!(
                            "{value}: the target is above 0{}",
                            if percent { " and at most 100 %" } else { "" }
                        ),
                    );
                }
                for (key, cooldown) in [
                    ("ScaleOutCooldown", config.scale_out_cooldown),
                    ("ScaleInCooldown", config.scale_in_cooldown),
                ] {
                    if cooldown.is_some_and(|c| c < 0) {
                        out.report(rule, at.clone().key(key), "a cooldown is 0 seconds or more");
                    }
                }
                match metric {
                    None => out.report(
                        rule,
                        at.key("PredefinedMetricSpecification"),
                        "give the metric to track (customized metrics are not modelled)",
                    ),
                    Some(m) => {
                        let at = at.key("PredefinedMetricSpecification");
                        let ecs = matches!(m.predefined_metric_type, PredefinedMetricType::ECSServiceAverageCPUUtilization | PredefinedMetricType::ECSServiceAverageMemoryUtilization | PredefinedMetricType::ALBRequestCountPerTarget | PredefinedMetricType::ECSServiceAverageCPUUtilizationHighResolution | PredefinedMetricType::ECSServiceAverageMemoryUtilizationHighResolution);
                        if !ecs {
                            out.report(rule, at.clone().key("PredefinedMetricType"), "not a metric of an ECS service: use its CPU, its memory or `ALBRequestCountPerTarget`");
                        }
                        let alb = m.predefined_metric_type
                            == PredefinedMetricType::ALBRequestCountPerTarget;
                        if alb != m.resource_label.is_some() {
                            out.report(rule, at.key("ResourceLabel"), if alb { "`ALBRequestCountPerTarget` needs the target group (`ResourceLabel`)" } else { "only `ALBRequestCountPerTarget` takes a `ResourceLabel`" });
                        }
                    }
                }
            }
            (PolicyType::StepScaling, None, Some(config)) => {
                if config.step_adjustments.is_empty() {
                    out.report(
                        rule,
                        at.key("StepScalingPolicyConfiguration")
                            .key("StepAdjustments"),
                        "a step policy has at least one step",
                    );
                }
            }
            (PolicyType::PredictiveScaling, ..) => out.report(
                rule,
                at.key("PolicyType"),
                "predictive scaling is not modelled",
            ),
            (kind, ..) => out.report(
                rule,
                at,
                format!(
                    "a `{}` policy gives its own configuration and no other",
                    kind.as_str()
                ),
            ),
        }
    }
}

/// Each scheduled action: a unique name, a schedule Scheduler's syntax reads, sane bounds.
fn scheduled_actions(out: &mut Findings, s: &ServiceScaling) {
    let rule = &rules::J26;
    let mut names = BTreeSet::new();
    for action in &s.scheduled_actions {
        let at = json_path!("ScheduledActions").key(action.scheduled_action_name.clone());
        if !names.insert(action.scheduled_action_name.as_str()) {
            out.report(
                rule,
                at.clone(),
                "two scheduled actions of the service have this name",
            );
        }
        match action.schedule.as_deref().map(Expression::parse) {
            None => out.report(
                rule,
                at.clone().key("Schedule"),
                "give when (`cron(…)`, `rate(…)` or `at(…)`)",
            ),
            Some(Err(e)) => out.report(
                rule,
                at.clone().key("Schedule"),
                format!(
                    "{}: {e}",
                    quoted(action.schedule.as_deref().unwrap_or_default())
                ),
            ),
            Some(Ok(_)) => {}
        }
        if let Some(bounds) = &action.scalable_target_action
            && let (Some(min), Some(max)) = (bounds.min_capacity, bounds.max_capacity)
            && min > max
        {
            out.report(
                rule,
                at.key("ScalableTargetAction").key("MinCapacity"),
                format!("MinCapacity {min} is above MaxCapacity {max}"),
            );
        }
    }
}
