//! Input written to hurt: huge keys and strings, deep nesting, many-star policies. Each is
//! answered with an error of bounded size, without deep recursion; the time they take is
//! measured by the `adversarial` bench, not here.

use ecs_model::{Mode, TaskDefinition};
use serde_json::json;

const MB: usize = 1 << 20;

#[test]
fn a_huge_unknown_key_gets_a_short_message() {
    let mut container = json!({"name": "web", "image": "nginx", "memory": 512});
    container
        .as_object_mut()
        .unwrap()
        .insert("k".repeat(MB), json!(1));
    let doc = json!({"family": "web", "containerDefinitions": [container]}).to_string();
    let err = TaskDefinition::from_json(&doc).unwrap_err().to_string();
    // The path names the key in full (it locates it); the message shows its start only.
    assert!(err.len() < MB + 200, "{} bytes", err.len());
    assert!(
        err.ends_with(&format!("unknown key `{}`…", "k".repeat(60))),
        "{}",
        &err[err.len() - 100..]
    );
    // Lenient mode keeps the key and warns with the same short message.
    let lenient = TaskDefinition::from_slice(doc.as_bytes(), Mode::Lenient).unwrap();
    let warnings: usize = lenient.warnings.iter().map(|w| w.to_string().len()).sum();
    assert!(warnings < MB + 200, "{warnings} bytes");
}

#[test]
fn a_huge_enum_value_gets_a_short_message() {
    let doc = json!({"family": "web", "containerDefinitions": [{
        "name": "web", "image": "nginx", "memory": 512,
        "portMappings": [{"containerPort": 80, "protocol": "t".repeat(MB)}],
    }]})
    .to_string();
    let err = TaskDefinition::from_json(&doc).unwrap_err().to_string();
    assert!(err.len() < 300, "{err}");
    assert!(err.contains("expected one of: tcp, udp"), "{err}");
}

#[test]
fn deep_nesting_is_refused_not_recursed() {
    for depth in [1_000, 100_000] {
        let nested = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        // Where a value of that shape cannot be, it is refused at its first bracket.
        let labels = format!(
            r#"{{"family":"web","containerDefinitions":[{{"name":"web","image":"nginx","memory":512,"dockerLabels":{nested}}}]}}"#
        );
        let err = TaskDefinition::from_json(&labels).unwrap_err().to_string();
        assert!(err.contains("dockerLabels: expected an object"), "{err}");
        // An unknown key's value is skipped in strict mode and kept in lenient mode: either
        // way serde_json's depth limit stops it.
        let unknown = format!(
            r#"{{"family":"web","containerDefinitions":[{{"name":"web","image":"nginx","memory":512,"x":{nested}}}]}}"#
        );
        for mode in [Mode::Strict, Mode::Lenient] {
            let err = TaskDefinition::from_slice(unknown.as_bytes(), mode)
                .unwrap_err()
                .to_string();
            assert!(err.contains("recursion limit exceeded"), "{mode:?}: {err}");
        }
    }
}

#[cfg(feature = "application")]
#[test]
fn a_many_star_policy_is_checked_at_once() {
    use ecs_model::iam::{PolicyDocument, Role, Statement};
    // Exponential for the recursive matcher this replaced: validation matches every action
    // against `iam:PassRole` and the resourceless actions.
    let action = format!("iam:{}x", "*".repeat(60));
    let role = Role::builder(
        "deploy",
        PolicyDocument::new([Statement::trust_service("ecs-tasks.amazonaws.com")]),
    )
    .inline_policy(
        "p",
        PolicyDocument::new([Statement::allow(action.as_str(), "*")]),
    )
    .build_unchecked()
    .validate();
    let messages: Vec<String> = role.iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`*` grants every resource")),
        "{messages:?}"
    );
}
