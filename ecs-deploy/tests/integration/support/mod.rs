//! Test support shared by the ecs-deploy tests.

#![allow(dead_code, unused_imports, unreachable_pub)] // each test binary uses part of it

pub mod moto;

#[path = "../../../../ecs-model/tests/integration/support/mod.rs"]
mod model;

pub use model::{aws_model, botocore_models_or_skip, shared_or_skip};
use serde_json::Value;

/// An ECS client that sends through `http` (a test client that captures requests or answers
/// them), with test credentials.
pub fn ecs_client(
    http: impl aws_smithy_runtime_api::client::http::HttpClient + 'static,
) -> aws_sdk_ecs::Client {
    use aws_sdk_ecs::config::{BehaviorVersion, Credentials, Region};
    let config = aws_sdk_ecs::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "test"))
        .http_client(http)
        .build();
    aws_sdk_ecs::Client::from_conf(config)
}

/// A document with every member the schema has, each with a value of its type (the first value
/// of an enum): what a conversion that forgot a member would lose.
pub fn every_member(schema: &Value, root: &Value) -> Value {
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => &root["$defs"][reference.rsplit('/').next().unwrap()],
        None => schema,
    };
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values[0].clone();
    }
    let kind = match &schema["type"] {
        Value::Array(kinds) => kinds
            .iter()
            .find(|k| *k != "null")
            .cloned()
            .unwrap_or_default(),
        kind => kind.clone(),
    };
    match kind.as_str().unwrap_or_default() {
        "object" => match schema.get("properties").and_then(Value::as_object) {
            Some(properties) => properties
                .iter()
                .map(|(k, v)| (k.clone(), every_member(v, root)))
                .collect(),
            None => serde_json::json!({"key": "value"}),
        },
        "array" => Value::Array(vec![every_member(&schema["items"], root)]),
        "integer" => 2.into(),
        "number" => 2.5.into(),
        "boolean" => true.into(),
        // Amounts have a pattern; everything else takes any text.
        _ if schema.get("pattern").is_some() => "512".into(),
        _ => "text".into(),
    }
}
