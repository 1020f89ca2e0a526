//! JSON Schemas of the API inputs the model renders (`register-task-definition`, `create-service`,
//! …), for editors and CI.
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

/// The schema of any model type: `of::<Service>()` describes the `create-service` input,
/// `of::<TargetGroup>()` the `create-target-group` input.
///
/// ```
/// use ecs_model::service::Service;
/// let schema = ecs_model::schema::of::<Service>();
/// assert_eq!(schema["properties"]["desiredCount"]["type"], "integer");
/// ```
#[must_use]
pub fn of<T: schemars::JsonSchema>() -> serde_json::Value {
    schemars::schema_for!(T).to_value()
}
