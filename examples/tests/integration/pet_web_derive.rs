//! The derive twin of seed 002 renders exactly what the builder renders, and reads back from the
//! environment it declares.

use std::collections::HashMap;
use std::ffi::OsString;

use ecs_examples::pet_web::{self, derived};
use ecs_model::{Container as _, EnvSource, Task as _};

#[test]
fn the_derived_task_definition_is_byte_identical_to_the_builder_one() {
    let derived = derived::PetWebTask::task().build().unwrap();
    let built = pet_web::task_definition();
    assert_eq!(derived.to_json(), built.to_json());
    assert_eq!(derived.to_json_pretty(), built.to_json_pretty());
    assert_eq!(derived, built);
}

#[test]
fn the_derived_container_is_the_builder_one() {
    let derived = derived::PetWeb::container_definition().unwrap();
    let built = pet_web::container().build().unwrap();
    assert_eq!(derived, built);
}

#[test]
fn from_env_round_trips_through_the_container_definition() {
    let value = derived::PetWeb {
        node_env: "staging".into(),
        port: 3000,
        hostname: "127.0.0.1".into(),
    };
    let container = value.to_container().build().unwrap();
    let env: HashMap<String, OsString> = container
        .environment
        .iter()
        .map(|kv| {
            (
                kv.name.clone().unwrap().into(),
                kv.value.as_deref().unwrap().into(),
            )
        })
        .collect();
    let read = derived::PetWeb::from_lookup(&mut |name| env.get(name).cloned()).unwrap();
    assert_eq!(read, value);
}

#[test]
fn from_env_uses_the_defaults() {
    let read = derived::PetWeb::from_lookup(&mut |_| None).unwrap();
    assert_eq!(
        read,
        derived::PetWeb {
            node_env: "production".into(),
            port: 8080,
            hostname: "0.0.0.0".into()
        }
    );
    let names: Vec<(&str, EnvSource)> = derived::PetWeb::env_vars()
        .iter()
        .map(|v| (v.name, v.source))
        .collect();
    assert_eq!(
        names,
        [
            ("NODE_ENV", EnvSource::Env),
            ("PORT", EnvSource::Env),
            ("HOSTNAME", EnvSource::Env)
        ]
    );
}

#[test]
fn from_env_reports_every_bad_variable() {
    let err = derived::PetWeb::from_lookup(&mut |name| (name == "PORT").then(|| "eighty".into()))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot read the configuration from the environment: PORT: \"eighty\" is not valid: invalid digit found in string"
    );
}
