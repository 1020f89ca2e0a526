//! What each fuzz target does with its input: parse it as its entry point would, and check
//! what must hold for any input (no panic, rendering parses back to the same value). The fuzz
//! targets call these; ecs-model's tests replay `fuzz/regressions/` through them on stable.

use ecs_model::iam::{PolicyDocument, Request, wildcard_match};
use ecs_model::{Cpu, Memory, Mode, TaskDefinition};

/// Strict and lenient task definition parsing, validation, rendering and parsing back.
pub fn task_definition(bytes: &[u8]) {
    for mode in [Mode::Strict, Mode::Lenient] {
        if let Ok(parsed) = TaskDefinition::from_slice(bytes, mode) {
            let _ = parsed.value.validate();
            let rendered = parsed.value.to_json();
            // The fast writer writes what serde_json writes, byte for byte.
            assert_eq!(
                rendered,
                serde_json::to_string(&parsed.value).unwrap_or_default()
            );
            let again = TaskDefinition::from_slice(rendered.as_bytes(), mode)
                .unwrap_or_else(|e| panic!("rendering does not parse back: {e}\n{rendered}"));
            assert_eq!(again.value, parsed.value.clone().without_registration());
        }
    }
}

/// Services, clusters, capacity providers and the ELBv2 documents: parse, validate, render,
/// parse back.
pub fn resources(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    macro_rules! each {
        ($($ty:ty),*) => {$(
            if let Ok(value) = <$ty>::from_json(text) {
                let _ = value.validate();
                let rendered = value.to_json();
                let again = <$ty>::from_json(&rendered)
                    .unwrap_or_else(|e| panic!("rendering does not parse back: {e}\n{rendered}"));
                assert_eq!(again, value, "{rendered}");
            }
        )*};
    }
    each!(
        ecs_model::service::Service,
        ecs_model::cluster::Cluster,
        ecs_model::cluster::CapacityProvider,
        ecs_model::alb::LoadBalancer,
        ecs_model::alb::TargetGroup,
        ecs_model::alb::Listener,
        ecs_model::alb::ListenerRule
    );
}

/// Policy documents: parse, validate, render and parse back, and evaluate requests made of the
/// input's own strings (so that patterns meet texts they might match).
pub fn policy(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(document) = PolicyDocument::from_json(text) {
        let _ = document.validate();
        let rendered = document.to_json();
        let again = PolicyDocument::from_json(&rendered)
            .unwrap_or_else(|e| panic!("rendering does not parse back: {e}\n{rendered}"));
        assert_eq!(again, document, "{rendered}");
        let words: Vec<&str> = document
            .statements
            .iter()
            .flat_map(|s| s.action.as_slice().iter().chain(s.resource.as_slice()))
            .map(String::as_str)
            .take(8)
            .collect();
        for action in &words {
            for resource in &words {
                let _ = document.evaluate(
                    &Request::new(*action, *resource).with("aws:SourceAccount", *resource),
                );
            }
        }
    }
    // A pattern and a text split from raw input.
    if let Some((pattern, subject)) = text.split_once('\n') {
        let _ = wildcard_match(pattern, subject);
    }
}

/// CPU and memory amounts as text (`"1 vCPU"`, `"2 GB"`).
pub fn units(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(cpu) = text.parse::<Cpu>() {
        let again: Cpu = cpu
            .to_string()
            .parse()
            .expect("a CPU amount renders as one");
        assert_eq!(again, cpu);
    }
    if let Ok(memory) = text.parse::<Memory>() {
        let again: Memory = memory
            .to_string()
            .parse()
            .expect("a memory amount renders as one");
        assert_eq!(again, memory);
    }
    let _ = Cpu::from(text).problem();
    let _ = Memory::from(text).problem();
}
