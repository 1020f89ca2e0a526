//! Arbitrary input never panics the parser or the validator, and whatever parses round-trips.
//!
//! Two generators: arbitrary bytes and JSON, and JSON whose keys are the API's own (taken from
//! the JSON Schema) with values of any type, so the decoders and rules of every field are hit with
//! wrong types, odd numbers and odd strings.

use std::collections::BTreeSet;

use ecs_model::TaskDefinition;
use proptest::prelude::*;
use serde_json::{Map, Value};

fn api_keys() -> Vec<String> {
    fn collect(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                map.values().for_each(|v| collect(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let mut keys = BTreeSet::new();
    collect(&ecs_model::schema::task_definition(), &mut keys);
    // Describe output keys and a wrapper, which the root decoder treats specially.
    keys.extend(["taskDefinition", "revision", "status", "registeredAt"].map(String::from));
    keys.into_iter().collect()
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-70_000i64..70_000).prop_map(Value::from),
        (0i64..300).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-zA-Z0-9:/@._ -]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("awsvpc"),
            Just("bridge"),
            Just("FARGATE"),
            Just("EC2"),
            Just("awslogs"),
            Just("CMD-SHELL"),
            Just("HEALTHY"),
            Just("COMPLETE"),
            Just("256"),
            Just("0.5 vCPU"),
            Just("2 GB"),
            Just("tcp"),
            Just("nofile"),
            Just("ENABLED"),
            Just("GPU"),
            Just("s3"),
            Just("arn:aws:secretsmanager:us-east-1:1:secret:x:a:b:c"),
            Just("1000-2000"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ]
}

/// JSON whose object keys are API keys.
fn api_shaped(keys: Vec<String>) -> impl Strategy<Value = Value> {
    let key = proptest::sample::select(keys);
    scalar().prop_recursive(6, 96, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A task definition document: the required keys present, the rest API-shaped.
fn task_document(keys: Vec<String>) -> impl Strategy<Value = Value> {
    let names = prop_oneof![Just("web".to_owned()), Just("db".to_owned()), "[a-z]{1,3}"];
    let container = (names, api_shaped(keys.clone())).prop_map(|(name, extra)| {
        let mut c = Map::new();
        c.insert("name".into(), Value::String(name));
        c.insert("image".into(), Value::String("nginx".into()));
        if let Value::Object(extra) = extra {
            c.extend(extra);
        }
        Value::Object(c)
    });
    (proptest::collection::vec(container, 0..4), api_shaped(keys)).prop_map(
        |(containers, extra)| {
            let mut doc = Map::new();
            if let Value::Object(extra) = extra {
                doc.extend(extra);
            }
            doc.insert("family".into(), Value::String("web".into()));
            doc.insert("containerDefinitions".into(), Value::Array(containers));
            Value::Object(doc)
        },
    )
}

/// Parses in both modes; whatever parses must validate without panicking and round-trip.
/// What the fuzz target checks of any input: no panic, and rendering parses back the same.
fn exercise(bytes: &[u8]) {
    crate::fuzz_harness::task_definition(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        exercise(&bytes);
    }

    #[test]
    fn api_shaped_json_never_panics(doc in api_shaped(api_keys())) {
        exercise(doc.to_string().as_bytes());
    }

    #[test]
    fn task_documents_never_panic(doc in task_document(api_keys())) {
        exercise(doc.to_string().as_bytes());
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(TaskDefinition::from_json(&deep).is_err());
    let deep_extra = format!(
        r#"{{"family":"a","containerDefinitions":[],"x":{}1{}}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert!(TaskDefinition::from_json_lenient(&deep_extra).is_err());
}

#[test]
fn many_containers_depending_in_a_chain() {
    let containers: Vec<Value> = (0..5000)
        .map(|i| {
            serde_json::json!({"name": format!("c{i}"), "image": "x",
                "dependsOn": [{"containerName": format!("c{}", (i + 1) % 5000), "condition": "START"}]})
        })
        .collect();
    let doc = serde_json::json!({"family": "a", "containerDefinitions": containers});
    let td = TaskDefinition::from_json(&doc.to_string()).unwrap();
    assert!(
        td.validate()
            .iter()
            .any(|d| d.rule_id() == Some("ECS-E5") && d.message.contains("cycle"))
    );
}
