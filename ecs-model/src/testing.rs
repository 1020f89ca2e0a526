//! Helpers for your own tests: fail `cargo test`, not the deployment. They take anything the
//! model validates: a task definition, a service, a role, a whole [`Application`](crate::Application).
//!
//! ```
//! use ecs_model::{ContainerDefinition, TaskDefinition};
//!
//! let td = TaskDefinition::fargate("web", "0.25 vCPU", "512")
//!     .container(ContainerDefinition::builder("web", "nginx:1.27").port(80))
//!     .build_unchecked();
//! ecs_model::testing::assert_valid(&td);
//! ```

use crate::Diagnostic;

/// What the helpers check: anything the model validates, named the way a failure names it.
pub trait Validate {
    /// Every problem, as `validate()` reports it.
    fn diagnostics(&self) -> Vec<Diagnostic>;
    /// What it is, for the failure message: task definition `pet-web`.
    fn describe(&self) -> String;
}

macro_rules! validate {
    ($($(#[$meta:meta])* $ty:ty => |$it:ident| $describe:expr;)*) => {$(
        $(#[$meta])*
        impl Validate for $ty {
            fn diagnostics(&self) -> Vec<Diagnostic> {
                self.validate()
            }
            fn describe(&self) -> String {
                let $it = self;
                $describe
            }
        }
    )*};
}

validate! {
    crate::TaskDefinition => |td| format!("task definition `{}`", td.family);
    #[cfg(feature = "application")]
    crate::Application => |app| format!("application `{}`", app.name);
    #[cfg(feature = "application")]
    crate::service::Service => |s| format!("service `{}`", s.service_name);
    #[cfg(feature = "application")]
    crate::cluster::Cluster => |c| format!("cluster `{}`", c.name());
    #[cfg(feature = "application")]
    crate::cluster::CapacityProvider => |p| format!("capacity provider `{}`", p.name);
    #[cfg(feature = "application")]
    crate::cluster::AutoScalingGroup => |g| format!("Auto Scaling group `{}`", g.name);
    #[cfg(feature = "application")]
    crate::cluster::AgentConfig => |a| format!("agent configuration of `{}`", a.cluster());
    #[cfg(feature = "application")]
    crate::cluster::ContainerInstance => |i| format!("container instance `{}`", i.name);
    #[cfg(feature = "application")]
    crate::iam::Role => |r| format!("role `{}`", r.name);
    #[cfg(feature = "application")]
    crate::iam::InstanceProfile => |p| format!("instance profile `{}`", p.name);
    #[cfg(feature = "application")]
    crate::iam::PolicyDocument => |_p| "policy document".to_owned();
    #[cfg(feature = "application")]
    crate::alb::LoadBalancer => |lb| format!("load balancer `{}`", lb.name);
    #[cfg(feature = "application")]
    crate::alb::TargetGroup => |tg| format!("target group `{}`", tg.name);
    #[cfg(feature = "application")]
    crate::alb::Listener => |l| format!("listener on {} port {}", l.load_balancer_arn, l.port.unwrap_or_default());
    #[cfg(feature = "application")]
    crate::alb::ListenerRule => |r| format!("rule {} of {}", r.priority, r.listener_arn);
    #[cfg(feature = "application")]
    crate::network::SecurityGroup => |g| format!("security group `{}`", g.name);
}

/// Panics with every error (and warning) of `value` when it has an error.
///
/// # Panics
/// When `value` breaks an ECS rule, listing every problem with its path and rule id.
#[track_caller]
pub fn assert_valid<T: Validate + ?Sized>(value: &T) {
    let diagnostics = value.diagnostics();
    assert!(
        !diagnostics.iter().any(Diagnostic::is_error),
        "{}",
        report(value, &diagnostics)
    );
}

/// Panics when `value` has an error or a warning.
///
/// # Panics
/// When `value` has any diagnostic, listing them.
#[track_caller]
pub fn assert_clean<T: Validate + ?Sized>(value: &T) {
    let diagnostics = value.diagnostics();
    assert!(diagnostics.is_empty(), "{}", report(value, &diagnostics));
}

/// Panics unless `value` breaks `rule_id` (`"ECS-B4"`) at `path` (`"containerDefinitions[0].memoryReservation"`).
///
/// # Panics
/// When no diagnostic has that rule at that path.
#[track_caller]
pub fn assert_breaks<T: Validate + ?Sized>(value: &T, rule_id: &str, path: &str) {
    let diagnostics = value.diagnostics();
    let found = diagnostics
        .iter()
        .any(|d| d.rule_id() == Some(rule_id) && d.path.to_string() == path);
    assert!(
        found,
        "expected {rule_id} at {path}; got:\n{}",
        report(value, &diagnostics)
    );
}

fn report<T: Validate + ?Sized>(value: &T, diagnostics: &[Diagnostic]) -> String {
    use std::fmt::Write as _;
    let mut out = format!("{} is not valid:", value.describe());
    for d in diagnostics {
        let _ = write!(out, "\n  {} {d}", d.severity);
    }
    out
}
