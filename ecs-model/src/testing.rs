//! Helpers for your own tests: fail `cargo test`, not the deployment.
//!
//! ```
//! use ecs_model::{ContainerDefinition, TaskDefinition};
//!
//! let td = TaskDefinition::fargate("web", "0.25 vCPU", "512")
//!     .container(ContainerDefinition::builder("web", "nginx:1.27").port(80))
//!     .build_unchecked();
//! ecs_model::testing::assert_valid(&td);
//! ```

use crate::{Diagnostic, TaskDefinition};

/// Panics with every error (and warning) of `td` when it has an error.
///
/// # Panics
/// When `td` breaks an ECS rule, listing every problem with its path and rule id.
#[track_caller]
pub fn assert_valid(td: &TaskDefinition) {
    let diagnostics = td.validate();
    assert!(
        !diagnostics.iter().any(Diagnostic::is_error),
        "{}",
        report(&td.family, &diagnostics)
    );
}

/// Panics when `td` has an error or a warning.
///
/// # Panics
/// When `td` has any diagnostic, listing them.
#[track_caller]
pub fn assert_clean(td: &TaskDefinition) {
    let diagnostics = td.validate();
    assert!(
        diagnostics.is_empty(),
        "{}",
        report(&td.family, &diagnostics)
    );
}

/// Panics unless `td` breaks `rule_id` (`"ECS-B4"`) at `path` (`"containerDefinitions[0].memoryReservation"`).
///
/// # Panics
/// When no diagnostic has that rule at that path.
#[track_caller]
pub fn assert_breaks(td: &TaskDefinition, rule_id: &str, path: &str) {
    let diagnostics = td.validate();
    let found = diagnostics
        .iter()
        .any(|d| d.rule_id() == Some(rule_id) && d.path.to_string() == path);
    assert!(
        found,
        "expected {rule_id} at {path}; got:\n{}",
        report(&td.family, &diagnostics)
    );
}

fn report(family: &str, diagnostics: &[Diagnostic]) -> String {
    use std::fmt::Write as _;
    let mut out = format!("task definition `{family}` is not valid:");
    for d in diagnostics {
        let _ = write!(out, "\n  {} {d}", d.severity);
    }
    out
}
