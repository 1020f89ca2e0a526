//! A schedule on its own (`ECS-J27`): its names, expression, time zone, window, retries and
//! the task it starts. What it names of the application is checked with the application.

use super::{Expression, FlexibleTimeWindowMode, Schedule};
use crate::diagnostic::{Diagnostic, Findings};
use crate::path::json_path;
use crate::validate::rules;
use crate::words::quoted;

impl Schedule {
    /// Every problem (`ECS-J27`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        schedule(self)
    }
}

/// 1–64 letters, digits, `-`, `_` and `.`, as Scheduler names schedules and groups.
fn scheduler_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// The IANA areas a time zone name starts with (`Asia/Seoul`), besides `UTC`.
const ZONE_AREAS: &[&str] = &[
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
    "Etc",
];

/// Whether `zone` reads as an IANA time zone name.
fn time_zone(zone: &str) -> bool {
    if ["UTC", "GMT"].contains(&zone) {
        return true;
    }
    let mut parts = zone.split('/');
    let area = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    ZONE_AREAS.contains(&area)
        && !rest.is_empty()
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_-+".contains(&b))
        })
}

fn schedule(s: &Schedule) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    let rule = &rules::J27;
    if !scheduler_name(&s.name) {
        out.report(
            rule,
            json_path!("Name"),
            format!(
                "{} is not a schedule name: 1–64 letters, digits, `-`, `_` and `.`",
                quoted(&s.name)
            ),
        );
    }
    if let Some(group) = &s.group_name
        && !scheduler_name(group)
    {
        out.report(
            rule,
            json_path!("GroupName"),
            format!(
                "{} is not a schedule group name: 1–64 letters, digits, `-`, `_` and `.`",
                quoted(group)
            ),
        );
    }
    let expression = Expression::parse(&s.schedule_expression);
    if let Err(e) = &expression {
        out.report(
            rule,
            json_path!("ScheduleExpression"),
            format!("{}: {e}", quoted(&s.schedule_expression)),
        );
    }
    if let Some(zone) = &s.schedule_expression_timezone {
        if !time_zone(zone) {
            out.report(
                rule,
                json_path!("ScheduleExpressionTimezone"),
                format!(
                    "{} is not an IANA time zone name (`Asia/Seoul`, `UTC`)",
                    quoted(zone)
                ),
            );
        } else if matches!(expression, Ok(Expression::Rate { .. })) {
            out.report(&rules::J27_ZONE, json_path!("ScheduleExpressionTimezone"), "a `rate()` schedule runs at the same interval in every time zone: the zone has no effect");
        }
    }
    if s.description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 512)
    {
        out.report(rule, json_path!("Description"), "more than 512 characters");
    }
    let window = &s.flexible_time_window;
    match (window.mode, window.maximum_window_in_minutes) {
        (FlexibleTimeWindowMode::Flexible, None) => out.report(
            rule,
            json_path!("FlexibleTimeWindow", "MaximumWindowInMinutes"),
            "a `FLEXIBLE` window needs its length, 1–1440 minutes",
        ),
        (FlexibleTimeWindowMode::Flexible, Some(m)) if !(1..=1440).contains(&m) => out.report(
            rule,
            json_path!("FlexibleTimeWindow", "MaximumWindowInMinutes"),
            format!("{m}: the window is 1–1440 minutes"),
        ),
        (FlexibleTimeWindowMode::Off, Some(_)) => out.report(
            rule,
            json_path!("FlexibleTimeWindow", "MaximumWindowInMinutes"),
            "the window is `OFF`: give no length, or make it `FLEXIBLE`",
        ),
        _ => {}
    }
    retry_policy(&mut out, s);
    let Some(ecs) = s.ecs() else {
        out.report(
            rule,
            json_path!("Target", "EcsParameters"),
            "a schedule of an application runs an ECS task: give `EcsParameters`",
        );
        return out.into_vec();
    };
    ecs_parameters(&mut out, ecs);
    out.into_vec()
}

/// The `RunTask` parameters of the target.
fn ecs_parameters(out: &mut Findings, ecs: &super::EcsParameters) {
    let rule = &rules::J27;
    let at = |key: &'static str| json_path!("Target", "EcsParameters").key(key);
    if let Some(count) = ecs.task_count
        && !(1..=10).contains(&count)
    {
        out.report(
            rule,
            at("TaskCount"),
            format!("{count}: a run starts 1–10 tasks"),
        );
    }
    if ecs.launch_type.is_some() && !ecs.capacity_provider_strategy.is_empty() {
        out.report(
            &rules::J4,
            at("CapacityProviderStrategy"),
            "give a launch type or a capacity provider strategy, not both",
        );
    }
    if ecs.group.as_ref().is_some_and(|g| g.len() > 255) {
        out.report(rule, at("Group"), "more than 255 characters");
    }
    if let Some(vpc) = ecs
        .network_configuration
        .as_ref()
        .and_then(|n| n.awsvpc_configuration.as_ref())
    {
        let at = json_path!(
            "Target",
            "EcsParameters",
            "NetworkConfiguration",
            "awsvpcConfiguration"
        );
        if vpc.subnets.is_empty() || vpc.subnets.len() > 16 {
            out.report(
                &rules::J3,
                at.clone().key("Subnets"),
                format!("{} subnet(s): give 1–16", vpc.subnets.len()),
            );
        }
        if vpc.security_groups.len() > 5 {
            out.report(
                &rules::J3,
                at.key("SecurityGroups"),
                format!("{} security groups: at most 5", vpc.security_groups.len()),
            );
        }
    }
}

/// How long and how often Scheduler retries a run that could not start.
fn retry_policy(out: &mut Findings, s: &Schedule) {
    let rule = &rules::J27;
    if let Some(retry) = &s.target.retry_policy {
        if let Some(age) = retry.maximum_event_age_in_seconds
            && !(60..=86_400).contains(&age)
        {
            out.report(
                rule,
                json_path!("Target", "RetryPolicy", "MaximumEventAgeInSeconds"),
                format!("{age}: 60–86400 seconds"),
            );
        }
        if let Some(attempts) = retry.maximum_retry_attempts
            && !(0..=185).contains(&attempts)
        {
            out.report(
                rule,
                json_path!("Target", "RetryPolicy", "MaximumRetryAttempts"),
                format!("{attempts}: 0–185 attempts"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_read_as_iana_names() {
        for zone in [
            "Asia/Seoul",
            "America/Argentina/Buenos_Aires",
            "UTC",
            "Etc/GMT+9",
        ] {
            assert!(time_zone(zone), "{zone}");
        }
        for zone in ["KST", "Seoul", "Asia/", "Mars/Olympus", "Asia/Seoul City"] {
            assert!(!time_zone(zone), "{zone}");
        }
    }
}
