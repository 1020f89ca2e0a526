//! A strict checker of JSON documents against a botocore API model (`service-2.json`): unknown
//! keys, missing required members, JSON types and enum values, each reported with its path.

use std::path::Path;

use serde_json::{Map, Value};

/// One botocore service model.
pub struct ApiModel {
    operations: Map<String, Value>,
    shapes: Map<String, Value>,
}

impl ApiModel {
    /// Loads a `service-2.json` file.
    pub fn from_file(path: &Path) -> Self {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let model: Value = serde_json::from_str(&text).unwrap();
        Self {
            operations: model["operations"].as_object().unwrap().clone(),
            shapes: model["shapes"].as_object().unwrap().clone(),
        }
    }

    /// Every problem of `value` as the input of `operation` (`CreateService`).
    pub fn check_input(&self, operation: &str, value: &Value) -> Vec<String> {
        let Some(shape) = self
            .operations
            .get(operation)
            .and_then(|o| o["input"]["shape"].as_str())
        else {
            return vec![format!("the model has no operation {operation}")];
        };
        self.check(shape, value)
    }

    /// The shape named `name`.
    pub fn shape(&self, name: &str) -> &Value {
        self.shapes
            .get(name)
            .unwrap_or_else(|| panic!("no shape {name}"))
    }

    /// Every problem of `value` as an instance of shape `shape`.
    pub fn check(&self, shape: &str, value: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        self.walk(shape, value, "$", &mut problems);
        problems
    }

    fn walk(&self, shape_name: &str, value: &Value, path: &str, out: &mut Vec<String>) {
        let shape = self.shape(shape_name);
        if shape["document"] == Value::Bool(true) {
            return; // a free-form JSON document
        }
        let kind = shape["type"].as_str().unwrap();
        match (kind, value) {
            ("structure", Value::Object(map)) => {
                let members = shape["members"].as_object().unwrap();
                for (key, v) in map {
                    match members.get(key) {
                        Some(member) => {
                            self.walk(
                                member["shape"].as_str().unwrap(),
                                v,
                                &format!("{path}.{key}"),
                                out,
                            );
                        }
                        None => out.push(format!("{path}.{key}: unknown key (shape {shape_name})")),
                    }
                }
                for required in shape["required"].as_array().into_iter().flatten() {
                    let required = required.as_str().unwrap();
                    if !map.contains_key(required) {
                        out.push(format!("{path}: missing required {required}"));
                    }
                }
            }
            ("list", Value::Array(items)) => {
                let member = shape["member"]["shape"].as_str().unwrap();
                for (i, item) in items.iter().enumerate() {
                    self.walk(member, item, &format!("{path}[{i}]"), out);
                }
            }
            ("map", Value::Object(map)) => {
                let value_shape = shape["value"]["shape"].as_str().unwrap();
                for (key, v) in map {
                    self.walk(value_shape, v, &format!("{path}.{key}"), out);
                }
            }
            ("string", Value::String(s)) => {
                if shape["enum"]
                    .as_array()
                    .is_some_and(|values| !values.iter().any(|e| e == s))
                {
                    out.push(format!("{path}: {s:?} not in enum {shape_name}"));
                }
            }
            ("integer" | "long", Value::Number(n)) if n.is_i64() || n.is_u64() => {}
            ("double" | "float", Value::Number(_))
            | ("boolean", Value::Bool(_))
            | ("timestamp", Value::String(_) | Value::Number(_))
            | ("blob", Value::String(_)) => {}
            (kind, value) => out.push(format!("{path}: expected {kind}, got {value}")),
        }
    }
}
