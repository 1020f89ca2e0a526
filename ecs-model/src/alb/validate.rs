//! Load balancers, target groups and listeners (section M).

use crate::alb::{
    Action, ActionType, DEREGISTRATION_DELAY, Listener, ListenerRule, LoadBalancer, Protocol,
    TargetGroup,
};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Findings;
use crate::path::json_path;
use crate::validate::rules;
use crate::words::quoted;

impl LoadBalancer {
    /// Every problem (`ECS-M*`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        load_balancer(self)
    }
}

impl TargetGroup {
    /// Every problem (`ECS-M*`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        target_group(self)
    }
}

impl Listener {
    /// Every problem (`ECS-M*`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        listener(self)
    }
}

impl ListenerRule {
    /// Every problem (`ECS-M6`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        listener_rule(self)
    }
}

/// `ECS-M1`: ≤32 letters, digits and hyphens, not starting or ending with a hyphen.
fn elb_name(kind: &str, name: &str) -> Option<String> {
    let valid = !name.is_empty()
        && name.len() <= 32
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    (!valid).then(|| format!("{} is not a {kind} name: up to 32 letters, digits and hyphens, not starting or ending with one", quoted(name)))
}

pub(crate) fn load_balancer(lb: &LoadBalancer) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    if let Some(problem) = elb_name("load balancer", &lb.name) {
        out.report(&rules::M1, json_path!("Name"), problem);
    }
    if lb.name.starts_with("internal-") {
        out.report(
            &rules::M1,
            json_path!("Name"),
            "names cannot start with `internal-`",
        );
    }
    let subnets = lb.subnets.len() + lb.subnet_mappings.len();
    if lb.is_application() && subnets < 2 {
        out.report(&rules::M8, json_path!("Subnets"), format!("{subnets} subnet(s); an Application Load Balancer needs two or more, in different Availability Zones"));
    }
    out.into_vec()
}

/// `ECS-M4`: HTTP codes `200`, `200,202`, `200-299`, each within 200–499.
fn matcher_problem(codes: &str) -> Option<String> {
    for part in codes.split(',') {
        let (start, end) = part.split_once('-').unwrap_or((part, part));
        let range = (start.trim().parse::<u16>(), end.trim().parse::<u16>());
        match range {
            (Ok(start), Ok(end))
                if (200..=499).contains(&start) && (200..=499).contains(&end) && start <= end => {}
            _ => {
                return Some(format!(
                    "{} is not HTTP codes within 200–499 (`200`, `200,202`, `200-299`)",
                    quoted(codes)
                ));
            }
        }
    }
    None
}

pub(crate) fn target_group(tg: &TargetGroup) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    if let Some(problem) = elb_name("target group", &tg.name) {
        out.report(&rules::M1, json_path!("Name"), problem);
    }
    if let Some(port) = tg.port.filter(|p| !(1..=65535).contains(p)) {
        out.report(
            &rules::M5,
            json_path!("Port"),
            format!("{port} is not a port (1–65535)"),
        );
    }
    let checks: [(&'static str, Option<i32>, i32, i32); 4] = [
        (
            "HealthCheckIntervalSeconds",
            tg.health_check_interval_seconds,
            5,
            300,
        ),
        (
            "HealthCheckTimeoutSeconds",
            tg.health_check_timeout_seconds,
            2,
            120,
        ),
        ("HealthyThresholdCount", tg.healthy_threshold_count, 2, 10),
        (
            "UnhealthyThresholdCount",
            tg.unhealthy_threshold_count,
            2,
            10,
        ),
    ];
    for (key, value, min, max) in checks {
        if let Some(value) = value.filter(|v| !(min..=max).contains(v)) {
            out.report(
                &rules::M2,
                json_path!().key(key),
                format!("{value}; use {min}–{max}"),
            );
        }
    }
    // ELB's defaults for HTTP target groups: 30 s interval, 5 s timeout.
    let interval = tg.health_check_interval_seconds.unwrap_or(30);
    let timeout = tg.health_check_timeout_seconds.unwrap_or(5);
    if timeout >= interval {
        out.report(
            &rules::M2,
            json_path!("HealthCheckTimeoutSeconds"),
            format!("{timeout} s is not below the {interval} s interval"),
        );
    }
    if let Some(path) = &tg.health_check_path {
        if !path.starts_with('/') || path.len() > 1024 {
            out.report(
                &rules::M3,
                json_path!("HealthCheckPath"),
                format!(
                    "{} is not a path starting with `/`, up to 1,024 characters",
                    quoted(path)
                ),
            );
        }
    }
    if let Some(codes) = tg.matcher.as_ref().and_then(|m| m.http_code.as_deref()) {
        if let Some(problem) = matcher_problem(codes) {
            out.report(&rules::M4, json_path!("Matcher", "HttpCode"), problem);
        }
    }
    if let Some(port) = &tg.health_check_port {
        if port != "traffic-port" && !port.parse::<u16>().is_ok_and(|p| p >= 1) {
            out.report(
                &rules::M5,
                json_path!("HealthCheckPort"),
                format!("{}; use `traffic-port` or 1–65535", quoted(port)),
            );
        }
    }
    for (i, attribute) in tg.attributes.iter().enumerate() {
        if attribute.key.as_deref() == Some(DEREGISTRATION_DELAY) {
            let value = attribute.value.as_deref().unwrap_or_default();
            if !value.parse::<u16>().is_ok_and(|v| v <= 3600) {
                out.report(
                    &rules::M10,
                    json_path!("Attributes"[i], "Value"),
                    format!(
                        "{}; the deregistration delay is 0–3600 seconds",
                        quoted(value)
                    ),
                );
            }
        }
    }
    out.into_vec()
}

pub(crate) fn listener(l: &Listener) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    if let Some(port) = l.port.filter(|p| !(1..=65535).contains(p)) {
        out.report(
            &rules::M6,
            json_path!("Port"),
            format!("{port} is not a port (1–65535)"),
        );
    }
    match l.protocol {
        Some(Protocol::Https | Protocol::Tls) if l.certificates.is_empty() => {
            out.report(
                &rules::M6,
                json_path!("Certificates"),
                "an HTTPS listener needs a certificate",
            );
        }
        Some(Protocol::Http) if !l.certificates.is_empty() => {
            out.report(
                &rules::M6,
                json_path!("Certificates"),
                "an HTTP listener takes no certificate",
            );
        }
        _ => {}
    }
    if l.default_actions.is_empty() {
        out.report(
            &rules::M6,
            json_path!("DefaultActions"),
            "a listener needs a default action",
        );
    }
    actions(&mut out, "DefaultActions", &l.default_actions);
    out.into_vec()
}

/// `ECS-M6`: each action has what its type needs, in an order of 1–50,000.
fn actions(out: &mut Findings, key: &'static str, actions: &[Action]) {
    for (i, action) in actions.iter().enumerate() {
        let at = json_path!().key(key).index(i);
        let missing = match action.r#type {
            ActionType::Forward
                if action.target_group_arn.is_none() && action.forward_config.is_none() =>
            {
                Some("`TargetGroupArn` or `ForwardConfig`")
            }
            ActionType::Redirect if action.redirect_config.is_none() => Some("`RedirectConfig`"),
            ActionType::FixedResponse if action.fixed_response_config.is_none() => {
                Some("`FixedResponseConfig`")
            }
            _ => None,
        };
        if let Some(missing) = missing {
            out.report(
                &rules::M6,
                at.clone(),
                format!("a `{}` action needs {missing}", action.r#type),
            );
        }
        if let Some(order) = action.order.filter(|o| !(1..=50_000).contains(o)) {
            out.report(
                &rules::M6,
                at.key("Order"),
                format!("{order}; use 1–50,000"),
            );
        }
    }
}

/// The most condition values one rule may hold (ELB quota "condition values per rule").
const RULE_CONDITION_VALUES: usize = 5;

pub(crate) fn listener_rule(rule: &ListenerRule) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    if !(1..=50_000).contains(&rule.priority) {
        out.report(
            &rules::M6,
            json_path!("Priority"),
            format!(
                "{}; use 1–50,000 (the default action is the last)",
                rule.priority
            ),
        );
    }
    if rule.conditions.is_empty() {
        out.report(
            &rules::M6,
            json_path!("Conditions"),
            "a rule needs a condition (a path, a host, a header…)",
        );
    }
    let values: usize = rule
        .conditions
        .iter()
        .map(|c| {
            c.values.len()
                + c.path_pattern_config.as_ref().map_or(0, |p| p.values.len())
                + c.host_header_config.as_ref().map_or(0, |h| h.values.len())
        })
        .sum();
    if values > RULE_CONDITION_VALUES {
        out.report(
            &rules::M6,
            json_path!("Conditions"),
            format!("{values} condition values; a rule holds at most {RULE_CONDITION_VALUES}"),
        );
    }
    if rule.actions.is_empty() {
        out.report(&rules::M6, json_path!("Actions"), "a rule needs an action");
    }
    actions(&mut out, "Actions", &rule.actions);
    out.into_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matchers() {
        for ok in ["200", "200-299", "200,202", "200-399,404"] {
            assert_eq!(matcher_problem(ok), None, "{ok}");
        }
        for bad in ["100", "500", "299-200", "2xx", ""] {
            assert!(matcher_problem(bad).is_some(), "{bad}");
        }
    }
}
