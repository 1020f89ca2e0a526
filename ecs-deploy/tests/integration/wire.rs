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
    parse: &impl Fn(&str) -> Result<T, ecs_model::ParseError>,
) -> (T, Value) {
    let schema = ecs_model::schema::of::<T>();
    let document = support::every_member(&schema, &schema);
    let model = parse(&document.to_string()).unwrap_or_else(|e| panic!("{e}\n{document:#}"));
    (model, document)
}

/// The members of the API newer than the SDK crates ecs-deploy builds on, as `a.b[].c` paths:
/// the conversions refuse a document that sets them (checked below), so the wire comparison
/// leaves them out. Each goes when its SDK crate catches up.
const NOT_IN_SDK: &[&str] = &[
    "trustedExecutionConfiguration",
    "gatewayConnectors[].deregistrationDelay",
    "managedInstancesProvider.instanceLaunchTemplate.nitroEnclavesEnabled",
    "MutualAuthentication.ClientCertificateIdentityFilters",
];

/// `document` without the members at `path` (`a.b[].c`); whether there was one.
fn remove(document: &mut Value, path: &str) -> bool {
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let (key, each) = head
        .strip_suffix("[]")
        .map_or((head, false), |key| (key, true));
    let Some(object) = document.as_object_mut() else {
        return false;
    };
    if rest.is_empty() {
        return object.remove(key).is_some();
    }
    match object.get_mut(key) {
        Some(Value::Array(items)) if each => items
            .iter_mut()
            .fold(false, |removed, item| remove(item, rest) | removed),
        Some(inner) if !each => remove(inner, rest),
        _ => false,
    }
}

/// A document of `T` with every member, and the same without the members no SDK crate has yet
/// (with the first path it lacked, to check the refusal).
fn full_and_sendable<T: schemars::JsonSchema>(
    parse: impl Fn(&str) -> Result<T, ecs_model::ParseError>,
) -> (T, T, Option<&'static str>) {
    let (model, mut document) = full(&parse);
    let lacking = NOT_IN_SDK
        .iter()
        .copied()
        .filter(|path| remove(&mut document, path))
        .collect::<Vec<_>>();
    let sendable = parse(&document.to_string()).unwrap();
    (model, sendable, lacking.first().copied())
}

/// `a.b[].c` as the first such path of a conversion error (`a.b[0].c`).
fn first_instance(path: &str) -> String {
    path.replace("[]", "[0]")
}

fn rendered<T: serde::Serialize>(model: &T) -> Value {
    serde_json::to_value(model).unwrap()
}

macro_rules! ecs_body {
    ($input:expr) => {{
        let (http, captured) = capture_request(None);
        let client = support::ecs_client(http);
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

/// Sends the sendable document through `$convert` and compares the body with `$expected` of it;
/// the full document (when it holds members no SDK has) must be refused at the first of them.
macro_rules! carries_every_member {
    ($parse:expr, $convert:expr, $body:ident, $expected:expr) => {{
        let (all, sendable, lacking) = full_and_sendable($parse);
        if let Some(path) = lacking {
            let error = $convert(&all).unwrap_err();
            assert_eq!(error.path.to_string(), first_instance(path), "{error}");
        }
        assert_eq!(
            $body!($convert(&sendable).unwrap()),
            $expected(&rendered(&sendable))
        );
        lacking
    }};
}

#[tokio::test]
async fn ecs_requests_carry_every_member_as_rendered() {
    let same = |v: &Value| v.clone();
    let lacking = [
        carries_every_member!(
            TaskDefinition::from_json,
            convert::register_task_definition,
            ecs_body,
            same
        ),
        carries_every_member!(Service::from_json, convert::create_service, ecs_body, same),
        carries_every_member!(Cluster::from_json, convert::create_cluster, ecs_body, same),
        carries_every_member!(
            CapacityProvider::from_json,
            convert::create_capacity_provider,
            ecs_body,
            same
        ),
        carries_every_member!(
            ClusterCapacityProviders::from_json,
            convert::put_cluster_capacity_providers,
            ecs_body,
            same
        ),
    ];
    assert_eq!(
        lacking,
        [
            Some("trustedExecutionConfiguration"),
            Some("gatewayConnectors[].deregistrationDelay"),
            None,
            Some("managedInstancesProvider.instanceLaunchTemplate.nitroEnclavesEnabled"),
            None
        ]
    );
}

#[tokio::test]
async fn update_service_carries_every_updatable_member_and_no_create_only_one() {
    let (_, service, _) = full_and_sendable(Service::from_json);
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
    let lacking = [
        carries_every_member!(
            LoadBalancer::from_json,
            convert::create_load_balancer,
            elbv2_body,
            flattened
        ),
        carries_every_member!(
            TargetGroup::from_json,
            convert::create_target_group,
            elbv2_body,
            flattened
        ),
        carries_every_member!(
            Listener::from_json,
            convert::create_listener,
            elbv2_body,
            flattened
        ),
        carries_every_member!(
            ListenerRule::from_json,
            convert::create_rule,
            elbv2_body,
            flattened
        ),
    ];
    assert_eq!(
        lacking,
        [
            None,
            None,
            Some("MutualAuthentication.ClientCertificateIdentityFilters"),
            None
        ]
    );
}
