//! What the SDK sends on the wire is what ecs-model renders: each conversion is sent through a
//! client that captures the HTTP request, and the body is compared with the model's JSON (ECS
//! speaks JSON; ELBv2 speaks the query protocol, so the model's JSON is flattened the way that
//! protocol flattens it). Documents carry every member their schema has.

use crate::support;

use std::collections::BTreeMap;

use aws_sdk_ecs::config::{BehaviorVersion, Credentials, Region};
use aws_smithy_http_client::test_util::capture_request;
use ecs_deploy::convert;
use ecs_model::TaskDefinition;
use ecs_model::alb::{Listener, ListenerRule, LoadBalancer, TargetGroup};
use ecs_model::cluster::{CapacityProvider, Cluster, ClusterCapacityProviders};
use ecs_model::service::Service;
use serde_json::Value;

/// A document of `T` with every member, parsed strictly.
fn full<T: schemars::JsonSchema>(
    parse: impl Fn(&str) -> Result<T, ecs_model::ParseError>,
) -> (T, Value) {
    let schema = ecs_model::schema::of::<T>();
    let document = support::every_member(&schema, &schema);
    let model = parse(&document.to_string()).unwrap_or_else(|e| panic!("{e}\n{document:#}"));
    (model, document)
}

fn rendered<T: serde::Serialize>(model: &T) -> Value {
    serde_json::to_value(model).unwrap()
}

macro_rules! ecs_body {
    ($input:expr) => {{
        let (http, captured) = capture_request(None);
        let config = aws_sdk_ecs::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "test"))
            .http_client(http)
            .build();
        let client = aws_sdk_ecs::Client::from_conf(config);
        let _ = $input.send_with(&client).await; // the canned response is empty: only the request matters
        let request = captured.expect_request();
        serde_json::from_slice::<Value>(request.body().bytes().unwrap()).unwrap()
    }};
}

macro_rules! elbv2_body {
    ($input:expr) => {{
        let (http, captured) = capture_request(None);
        let config = aws_sdk_elasticloadbalancingv2::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "test"))
            .http_client(http)
            .build();
        let client = aws_sdk_elasticloadbalancingv2::Client::from_conf(config);
        let _ = $input.send_with(&client).await;
        let request = captured.expect_request();
        form(std::str::from_utf8(request.body().bytes().unwrap()).unwrap())
    }};
}

/// A query-protocol body as `key → value`, without `Action` and `Version`.
fn form(body: &str) -> BTreeMap<String, String> {
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                    i += 2;
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8(out).unwrap()
    }
    body.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .filter(|(k, _)| k != "Action" && k != "Version")
        .collect()
}

/// The one map the ELBv2 inputs have (the rest of the JSON objects are structures).
const MAPS: &[&str] = &["AuthenticationRequestExtraParams"];

/// The model's JSON flattened as the query protocol does: `A.B`, lists as `A.member.N`, maps as
/// `A.entry.N.key` and `A.entry.N.value`.
fn flatten(value: &Value, prefix: &str, out: &mut BTreeMap<String, String>) {
    let join = |key: &str| {
        if prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{prefix}.{key}")
        }
    };
    match value {
        Value::Object(map) if MAPS.iter().any(|m| prefix.ends_with(m)) => {
            for (i, (k, v)) in map.iter().enumerate() {
                out.insert(format!("{prefix}.entry.{}.key", i + 1), k.clone());
                flatten(v, &format!("{prefix}.entry.{}.value", i + 1), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                flatten(v, &join(k), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, &join(&format!("member.{}", i + 1)), out);
            }
        }
        Value::String(s) => drop(out.insert(prefix.to_owned(), s.clone())),
        other => drop(out.insert(prefix.to_owned(), other.to_string())),
    }
}

fn flattened(value: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    flatten(value, "", &mut out);
    out
}

#[tokio::test]
async fn ecs_requests_carry_every_member_as_rendered() {
    let (td, _) = full(TaskDefinition::from_json);
    assert_eq!(
        ecs_body!(convert::register_task_definition(&td).unwrap()),
        rendered(&td)
    );

    let (service, _) = full(Service::from_json);
    assert_eq!(
        ecs_body!(convert::create_service(&service).unwrap()),
        rendered(&service)
    );

    let (cluster, _) = full(Cluster::from_json);
    assert_eq!(
        ecs_body!(convert::create_cluster(&cluster).unwrap()),
        rendered(&cluster)
    );

    let (provider, _) = full(CapacityProvider::from_json);
    assert_eq!(
        ecs_body!(convert::create_capacity_provider(&provider).unwrap()),
        rendered(&provider)
    );

    let (providers, _) = full(ClusterCapacityProviders::from_json);
    assert_eq!(
        ecs_body!(convert::put_cluster_capacity_providers(&providers).unwrap()),
        rendered(&providers)
    );
}

#[tokio::test]
async fn update_service_carries_every_updatable_member_and_no_create_only_one() {
    let (service, _) = full(Service::from_json);
    let sent = ecs_body!(convert::update_service(&service, true).unwrap());
    let mut expected = rendered(&service);
    let expected = expected.as_object_mut().unwrap();
    for key in [
        "clientToken",
        "launchType",
        "role",
        "schedulingStrategy",
        "tags",
    ] {
        assert!(expected.remove(key).is_some(), "{key}");
    }
    let name = expected.remove("serviceName").unwrap();
    expected.insert("service".into(), name);
    expected.insert("forceNewDeployment".into(), true.into());
    assert_eq!(sent, Value::Object(expected.clone()));
}

#[tokio::test]
async fn elbv2_requests_carry_every_member_as_rendered() {
    let (lb, _) = full(LoadBalancer::from_json);
    assert_eq!(
        elbv2_body!(convert::create_load_balancer(&lb).unwrap()),
        flattened(&rendered(&lb))
    );

    let (tg, _) = full(TargetGroup::from_json);
    assert_eq!(
        elbv2_body!(convert::create_target_group(&tg).unwrap()),
        flattened(&rendered(&tg))
    );

    let (listener, _) = full(Listener::from_json);
    assert_eq!(
        elbv2_body!(convert::create_listener(&listener).unwrap()),
        flattened(&rendered(&listener))
    );

    let (rule, _) = full(ListenerRule::from_json);
    assert_eq!(
        elbv2_body!(convert::create_rule(&rule).unwrap()),
        flattened(&rendered(&rule))
    );
}
