//! The model against the ECS API model (`../shared/reference/aws-models/ecs-service-2.json`):
//! every rendering is a valid `RegisterTaskDefinitionRequest`, and the JSON Schema has exactly
//! the API's members, field for field, with the same enums.

mod support;

use ecs_model::TaskDefinition;
use serde_json::Value;
use support::aws_model::ApiModel;

#[test]
fn every_valid_real_world_rendering_is_a_valid_request() {
    let Some(shared) = support::shared_or_skip("rendered corpus vs the ECS API model") else {
        return;
    };
    let model = ApiModel::load(&shared, "ecs-service-2.json");
    let dir = shared.join("conformance/real-world");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(td) = TaskDefinition::from_json(&text) else {
            continue;
        };
        let rendered: Value = serde_json::from_str(&td.to_json()).unwrap();
        let problems = model.check("RegisterTaskDefinitionRequest", &rendered);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        checked += 1;
    }
    assert_eq!(checked, 253);
}

/// The JSON Schema against the API model.
#[cfg(feature = "schema")]
mod schema {
    use std::collections::BTreeSet;

    use super::*;

    /// Resolves `{"$ref": "#/$defs/X"}` against the schema's definitions.
    fn resolve<'a>(schema: &'a Value, root: &'a Value) -> &'a Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.rsplit('/').next().unwrap();
                &root["$defs"][name]
            }
            None => schema,
        }
    }

    /// Compares our schema for a shape with the API model's, recursively.
    fn compare(
        model: &ApiModel,
        shape_name: &str,
        schema: &Value,
        root: &Value,
        path: &str,
        out: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) {
        let schema = resolve(schema, root);
        let shape = model.shape(shape_name);
        match shape["type"].as_str().unwrap() {
            "structure" => compare_structure(model, shape_name, schema, root, path, out, seen),
            "list" => {
                if schema["type"] != "array" {
                    out.push(format!(
                        "{path}: the model has a list, the schema {}",
                        schema["type"]
                    ));
                    return;
                }
                compare(
                    model,
                    shape["member"]["shape"].as_str().unwrap(),
                    &schema["items"],
                    root,
                    &format!("{path}[]"),
                    out,
                    seen,
                );
            }
            "map" => {
                if schema["type"] != "object" {
                    out.push(format!(
                        "{path}: the model has a map, the schema {}",
                        schema["type"]
                    ));
                }
            }
            scalar => {
                let expected = match scalar {
                    "string" => "string",
                    "integer" | "long" => "integer",
                    "boolean" => "boolean",
                    other => {
                        out.push(format!("{path}: unexpected shape type {other}"));
                        return;
                    }
                };
                if schema["type"] != expected {
                    out.push(format!(
                        "{path}: the model has {scalar}, the schema {}",
                        schema["type"]
                    ));
                }
                if let Some(values) = shape["enum"].as_array() {
                    let model_values: BTreeSet<&str> =
                        values.iter().filter_map(Value::as_str).collect();
                    let ours: BTreeSet<&str> = schema["enum"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect();
                    if model_values != ours {
                        out.push(format!(
                            "{path}: enum {shape_name} is {model_values:?} in the model, {ours:?} here"
                        ));
                    }
                }
            }
        }
    }

    /// Compares the members of a structure shape with the schema's properties.
    fn compare_structure(
        model: &ApiModel,
        shape_name: &str,
        schema: &Value,
        root: &Value,
        path: &str,
        out: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) {
        let shape = model.shape(shape_name);
        if !seen.insert(shape_name.to_owned()) {
            return;
        }
        let members: BTreeSet<&str> = shape["members"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let properties = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let ours: BTreeSet<&str> = properties.keys().map(String::as_str).collect();
        // Members that describe output adds are read into `registration`, never rendered.
        let describe_only = [
            "taskDefinitionArn",
            "revision",
            "status",
            "requiresAttributes",
            "compatibilities",
            "registeredAt",
            "deregisteredAt",
            "deleteRequestedAt",
            "registeredBy",
        ];
        for missing in members.difference(&ours) {
            if !describe_only.contains(missing) {
                out.push(format!(
                    "{path}: the model has `{missing}` ({shape_name}), the schema does not"
                ));
            }
        }
        for extra in ours.difference(&members) {
            out.push(format!(
                "{path}: the schema has `{extra}`, the model ({shape_name}) does not"
            ));
        }
        if schema["additionalProperties"] != Value::Bool(false) {
            out.push(format!("{path}: unknown keys are not rejected"));
        }
        for (key, member) in shape["members"].as_object().unwrap() {
            if let Some(sub) = properties.get(key) {
                compare(
                    model,
                    member["shape"].as_str().unwrap(),
                    sub,
                    root,
                    &format!("{path}.{key}"),
                    out,
                    seen,
                );
            }
        }
    }

    #[test]
    fn the_schema_is_the_register_request_field_for_field() {
        let Some(shared) = support::shared_or_skip("JSON Schema vs the ECS API model") else {
            return;
        };
        let model = ApiModel::load(&shared, "ecs-service-2.json");
        let schema = ecs_model::schema::task_definition();
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        compare(
            &model,
            "RegisterTaskDefinitionRequest",
            &schema,
            &schema,
            "$",
            &mut problems,
            &mut seen,
        );
        assert!(problems.is_empty(), "{problems:#?}");
        // The walk reached every structure the request uses (37 in the 2026-08 model).
        assert!(seen.len() >= 35, "{seen:?}");
    }

    #[test]
    fn the_schema_requires_what_ecs_requires() {
        let schema = ecs_model::schema::task_definition();
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(required, ["family"]);
        let container = resolve(
            &schema["properties"]["containerDefinitions"]["items"],
            &schema,
        );
        let required: Vec<&str> = container["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(required, ["name", "image"]);
        assert!(resolve(&schema["properties"]["cpu"], &schema)["pattern"].is_string());
        assert!(
            schema["properties"]["family"]["description"]
                .as_str()
                .unwrap()
                .contains("255")
        );
    }
}
