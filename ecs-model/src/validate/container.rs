//! Per-container rules: identity, image and resources (section B), then the container's ports,
//! health check, logging, environment and Linux settings.

use super::{Checker, environment, health, is_resource_name, linux, logging, network, rules};
use crate::container::{ContainerDefinition, ResourceType};
use crate::json::decode::quoted;
use crate::json::record::At;

pub(super) fn check(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    identity(cx, c, at);
    memory(cx, c, at);
    timeouts(cx, c, at);
    restart_policy(cx, c, at);
    resources(cx, c, at);
    credentials(cx, c, at);
    user(cx, c, at);
    network::check(cx, c, at);
    health::check(cx, c, at);
    logging::check(cx, c, at);
    environment::check(cx, c, at);
    linux::check(cx, c, at);
}

fn identity(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    if !is_resource_name(&c.name) {
        cx.report(
            &rules::B1,
            at.key("name").path(),
            format!(
                "{} is not a container name: use 1–255 letters, digits, `_` and `-`",
                quoted(&c.name)
            ),
        );
    }
    if let Some(problem) = image_problem(&c.image) {
        let rule = if c.image.is_empty() {
            &rules::B1
        } else {
            &rules::B2
        };
        cx.report(rule, at.key("image").path(), problem);
    }
}

/// Why `image` is not an image reference ECS accepts, if it is not.
pub(crate) fn image_problem(image: &str) -> Option<String> {
    if image.is_empty() {
        return Some("empty; every container needs an image".to_owned());
    }
    let (name, digest) = match image.split_once('@') {
        Some((name, digest)) => (name, Some(digest)),
        None => (image, None),
    };
    if name.len() > 255 {
        return Some(format!(
            "{} characters before any digest; at most 255",
            name.len()
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | '/' | '#')))
    {
        return Some(format!(
            "{} has `{bad}`; images use letters, digits, `-`, `_`, `:`, `.`, `/` and `#`",
            quoted(image)
        ));
    }
    if let Some(digest) = digest {
        let hex = digest.strip_prefix("sha256:").unwrap_or("");
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some(format!(
                "{} has a digest that is not `sha256:` and 64 hex digits",
                quoted(image)
            ));
        }
    }
    None
}

fn memory(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    for (key, value) in [
        ("memory", c.memory),
        ("memoryReservation", c.memory_reservation),
    ] {
        if let Some(mib) = value {
            if mib < 6 {
                cx.report(
                    &rules::B5,
                    at.key(key).path(),
                    format!("{mib} MiB; Docker needs at least 6 MiB per container"),
                );
            }
        }
    }
    if let (Some(memory), Some(reservation)) = (c.memory, c.memory_reservation) {
        if reservation > memory {
            cx.report(
                &rules::B4,
                at.key("memoryReservation").path(),
                format!("must not exceed memory ({reservation} > {memory})"),
            );
        }
    }
    if let Some(cpu) = c.cpu {
        if !(0..=262_144).contains(&cpu) {
            cx.report(
                &rules::B7,
                at.key("cpu").path(),
                format!("{cpu} CPU units; containers take 0–262,144"),
            );
        }
    }
}

fn timeouts(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    for (key, value) in [
        ("startTimeout", c.start_timeout),
        ("stopTimeout", c.stop_timeout),
    ] {
        let Some(seconds) = value else { continue };
        if seconds < 0 {
            cx.report(
                &rules::B9_ANY,
                at.key(key).path(),
                format!("{seconds} seconds; must not be negative"),
            );
        } else if !(2..=120).contains(&seconds) {
            cx.report(
                &rules::B9,
                at.key(key).path(),
                format!("{seconds} seconds; Fargate takes 2–120"),
            );
        }
    }
}

fn restart_policy(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    let Some(policy) = &c.restart_policy else {
        return;
    };
    let at = at.key("restartPolicy");
    if policy.ignored_exit_codes.len() > 50 {
        cx.report(
            &rules::B10,
            at.key("ignoredExitCodes").path(),
            format!("{} exit codes; at most 50", policy.ignored_exit_codes.len()),
        );
    }
    if let Some(period) = policy.restart_attempt_period {
        if !(60..=1800).contains(&period) {
            cx.report(
                &rules::B10,
                at.key("restartAttemptPeriod").path(),
                format!("{period} seconds; use 60–1800"),
            );
        }
    }
}

fn resources(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    let list = at.key("resourceRequirements");
    for (i, r) in c.resource_requirements.iter().enumerate() {
        let item = list.index(i);
        match r.r#type {
            ResourceType::Gpu => {
                if !r.value.parse::<u32>().is_ok_and(|n| n > 0) {
                    cx.report(
                        &rules::B12,
                        item.key("value").path(),
                        format!("{} is not a GPU count", quoted(&r.value)),
                    );
                }
                cx.report(
                    &rules::B12_FARGATE,
                    item.path(),
                    "GPUs are not valid on Fargate",
                );
            }
            ResourceType::NeuronDevice => {
                if r.value != "ALL" {
                    cx.report(
                        &rules::B12,
                        item.key("value").path(),
                        format!("{}; Neuron devices take `ALL`", quoted(&r.value)),
                    );
                }
                cx.report(
                    &rules::B12_NEURON,
                    item.path(),
                    "Neuron devices outside Managed Instances",
                );
            }
            ResourceType::InferenceAccelerator => {}
        }
    }
    if let Some(td) = cx.td {
        let neuron_containers = td
            .container_definitions
            .iter()
            .filter(|c| {
                c.resource_requirements
                    .iter()
                    .any(|r| r.r#type == ResourceType::NeuronDevice)
            })
            .count();
        let here = c
            .resource_requirements
            .iter()
            .position(|r| r.r#type == ResourceType::NeuronDevice);
        if neuron_containers > 1 {
            if let Some(i) = here {
                cx.report(
                    &rules::B12,
                    list.index(i).path(),
                    format!("{neuron_containers} containers reserve Neuron devices; only one per task may"),
                );
            }
        }
    }
}

fn credentials(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    if c.credential_specs.len() > 1 {
        cx.report(
            &rules::B13,
            at.key("credentialSpecs").path(),
            format!("{} credential specs; at most 1", c.credential_specs.len()),
        );
    }
    for (i, spec) in c.credential_specs.iter().enumerate() {
        if !(spec.starts_with("credentialspec:") || spec.starts_with("credentialspecdomainless:")) {
            cx.report(
                &rules::B13,
                at.key("credentialSpecs").index(i).path(),
                format!(
                    "{} starts with neither `credentialspec:` nor `credentialspecdomainless:`",
                    quoted(spec)
                ),
            );
        }
    }
    if let Some(creds) = &c.repository_credentials {
        let param = &creds.credentials_parameter;
        if param.is_empty()
            || (param.starts_with("arn:") && arn_service(param) != Some("secretsmanager"))
        {
            cx.report(
                &rules::B14,
                at.key("repositoryCredentials")
                    .key("credentialsParameter")
                    .path(),
                format!("{} is not a Secrets Manager secret", quoted(param)),
            );
        }
    }
}

/// The service of an ARN (`arn:partition:service:…`).
pub(crate) fn arn_service(arn: &str) -> Option<&str> {
    match split_colons::<4>(arn) {
        [Some("arn"), Some(_), service, _] => service,
        _ => None,
    }
}

/// `s.splitn(N, ':')` as an array, in one pass over the bytes: the checks of every secret
/// reference split ARNs, and `str::split`'s searcher costs more than the short fields.
pub(crate) fn split_colons<const N: usize>(s: &str) -> [Option<&str>; N] {
    let mut fields = [None; N];
    let (mut start, mut n) = (0, 0);
    for (i, b) in s.bytes().enumerate() {
        if n + 1 >= N {
            break;
        }
        if b == b':' {
            fields[n] = s.get(start..i);
            n += 1;
            start = i + 1;
        }
    }
    if let Some(last) = fields.get_mut(n) {
        *last = s.get(start..);
    }
    fields
}

fn user(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    let Some(user) = c.user.as_deref() else {
        return;
    };
    cx.report(
        &rules::B15,
        at.key("user").path(),
        format!("{} on Windows", quoted(user)),
    );
    let uid = user.split(':').next().unwrap_or_default();
    if (uid == "0" || uid == "root") && cx.network_mode() == Some(crate::NetworkMode::Host) {
        cx.report(
            &rules::B15_ROOT,
            at.key("user").path(),
            format!("{} runs as root with `host` networking", quoted(user)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references() {
        for ok in [
            "nginx",
            "nginx:1.27",
            "public.ecr.aws/nginx/nginx:latest",
            "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest",
            "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "localhost:5000/app#tag",
        ] {
            assert_eq!(image_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "${IMAGE}",
            "{{ .Image }}",
            "nginx@sha256:abc",
            "nginx@md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ] {
            assert!(image_problem(bad).is_some(), "{bad}");
        }
        assert!(image_problem(&"a".repeat(256)).is_some());
    }

    #[test]
    fn arn_services() {
        assert_eq!(
            arn_service("arn:aws:secretsmanager:us-east-1:1:secret:x"),
            Some("secretsmanager")
        );
        assert_eq!(
            arn_service("arn:aws-cn:ssm:cn-north-1:1:parameter/x"),
            Some("ssm")
        );
        assert_eq!(arn_service("secret-name"), None);
        assert_eq!(arn_service("arn:aws"), None);
        for text in [
            "",
            ":",
            "a",
            "a:b",
            "arn:aws:s3:::bucket/key",
            "a::b:",
            "x:é:ü:::z:9",
        ] {
            let expected: Vec<&str> = text.splitn(4, ':').collect();
            let fields: Vec<&str> = split_colons::<4>(text).into_iter().flatten().collect();
            assert_eq!(fields, expected, "{text:?}");
        }
    }
}
