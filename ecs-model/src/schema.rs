//! The JSON Schema of the `register-task-definition` input, for editors and CI.
//!
//! ```
//! let schema = ecs_model::schema::task_definition();
//! assert_eq!(schema["properties"]["family"]["type"], "string");
//! ```

use crate::TaskDefinition;

/// The schema (draft 2020-12) of the document [`TaskDefinition::to_json`] renders: unknown keys
/// are not allowed, `family` is required.
#[must_use]
pub fn task_definition() -> serde_json::Value {
    schemars::schema_for!(TaskDefinition).to_value()
}
