//! Container health checks (section D).

use ecs_model_internals::limits::{self, Range};

use super::{Checker, rules};
use crate::Text;
use crate::container::{ContainerDefinition, HealthCheck};
use crate::path::PathCursor;

pub(super) fn check(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    let Some(check) = &c.health_check else { return };
    let at = at.key("healthCheck");
    command(cx, check, &at);
    let ranges: [(&'static str, Option<i32>, Range, &'static super::Rule); 4] = [
        (
            "interval",
            check.interval,
            limits::HEALTH_CHECK_INTERVAL,
            &rules::D2,
        ),
        (
            "timeout",
            check.timeout,
            limits::HEALTH_CHECK_TIMEOUT,
            &rules::D3,
        ),
        (
            "retries",
            check.retries,
            limits::HEALTH_CHECK_RETRIES,
            &rules::D4,
        ),
        (
            "startPeriod",
            check.start_period,
            limits::HEALTH_CHECK_START_PERIOD,
            &rules::D5,
        ),
    ];
    for (key, value, range, rule) in ranges {
        if let Some(problem) = value.and_then(|v| limits::health_check(key, v.into(), range)) {
            cx.report(rule, at.key(key).path(), problem);
        }
    }
    let interval = check.interval.unwrap_or(HealthCheck::DEFAULT_INTERVAL);
    let timeout = check.timeout.unwrap_or(HealthCheck::DEFAULT_TIMEOUT);
    if timeout >= interval {
        cx.report(
            &rules::D6,
            at.key(if check.timeout.is_some() { "timeout" } else { "interval" }).path(),
            format!("timeout {timeout} s is not shorter than interval {interval} s; checks would overlap"),
        );
    }
}

fn command(cx: &mut Checker<'_>, check: &HealthCheck, at: &PathCursor<'_>) {
    let path = at.key("command");
    match check.command.first().map(Text::as_str) {
        None => cx.report(
            &rules::D1,
            path.path(),
            "empty; use [\"CMD-SHELL\", \"command\"] or [\"CMD\", \"program\", …]",
        ),
        Some("CMD" | "CMD-SHELL") => {
            if check.command.len() < 2 || check.command[1].trim().is_empty() {
                cx.report(
                    &rules::D1,
                    path.path(),
                    format!("`{}` with nothing to run", check.command[0]),
                );
            }
        }
        Some(other) => cx.report(
            &rules::D1,
            path.index(0).path(),
            format!(
                "{}; a health check command starts with \"CMD\" or \"CMD-SHELL\"",
                crate::words::quoted(other)
            ),
        ),
    }
}
