//! Printing an application the way a person reviews it: what is wrong, then each request.

use std::fmt::Write as _;

use ecs_model::Application;

/// The application's diagnostics (if any), then every request that creates it, in order.
#[must_use]
pub fn application(app: &Application) -> String {
    let mut out = String::new();
    for d in app.validate() {
        let rule = d.rule_id().map(|id| format!(" [{id}]")).unwrap_or_default();
        let _ = writeln!(out, "{}: {}: {}{rule}", d.severity, d.path, d.message);
    }
    for request in app.requests() {
        let json = serde_json::to_string_pretty(&request.input).unwrap_or_default();
        let _ = writeln!(out, "# {request}\n{json}\n");
    }
    out
}
