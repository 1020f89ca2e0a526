//! Environment variables, environment files and secrets (section G).

use std::collections::HashMap;

use super::container::arn_service;
use super::{Checker, rules};
use crate::container::ContainerDefinition;
use crate::json::decode::quoted;
use crate::json::record::At;

pub(super) fn check(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    variable_names(cx, c, at);
    files(cx, c, at);
    let secrets = at.key("secrets");
    for (i, secret) in c.secrets.iter().enumerate() {
        secret_reference(cx, &secret.value_from, &secrets.index(i).key("valueFrom"));
    }
}

fn variable_names(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    if c.environment.is_empty() && c.secrets.is_empty() {
        return;
    }
    let mut seen: HashMap<&str, String> = HashMap::new();
    let environment = at.key("environment");
    for (i, kv) in c.environment.iter().enumerate() {
        let item = environment.index(i);
        match kv.name.as_deref() {
            None | Some("") => cx.report(
                &rules::G1,
                item.key("name").path(),
                "an environment variable needs a name",
            ),
            Some(name) if name.contains('=') || name.contains('\0') => cx.report(
                &rules::G1,
                item.key("name").path(),
                format!(
                    "{} is not a variable name (`=` and NUL cannot appear)",
                    quoted(name)
                ),
            ),
            Some(name) => {
                if let Some(first) = seen.get(name) {
                    cx.report(
                        &rules::G1,
                        item.key("name").path(),
                        format!("{} is already set by {first}", quoted(name)),
                    );
                } else {
                    seen.insert(name, format!("environment[{i}]"));
                }
            }
        }
    }
    let secrets = at.key("secrets");
    for (i, secret) in c.secrets.iter().enumerate() {
        let name = secret.name.as_str();
        if name.is_empty() {
            cx.report(
                &rules::G1,
                secrets.index(i).key("name").path(),
                "a secret needs a variable name",
            );
        } else if let Some(first) = seen.get(name) {
            cx.report(
                &rules::G1,
                secrets.index(i).key("name").path(),
                format!("{} is already set by {first}", quoted(name)),
            );
        } else {
            seen.insert(name, format!("secrets[{i}]"));
        }
    }
}

fn files(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    let list = at.key("environmentFiles");
    for (i, file) in c.environment_files.iter().enumerate() {
        let value = &file.value;
        let item = list.index(i);
        let path = item.key("value");
        if arn_service(value) != Some("s3") {
            cx.report(
                &rules::G3,
                path.path(),
                format!(
                    "{} is not an S3 object ARN (`arn:aws:s3:::bucket/key.env`)",
                    quoted(value)
                ),
            );
        } else if !std::path::Path::new(value)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("env"))
        {
            cx.report(
                &rules::G3,
                path.path(),
                format!("{} does not end in `.env`", quoted(value)),
            );
        }
    }
}

/// Checks a secret's `valueFrom`: a Secrets Manager ARN (optionally with
/// `:json-key:version-stage:version-id`), an SSM parameter ARN, or a parameter name.
pub(super) fn secret_reference(cx: &mut Checker<'_>, value_from: &str, at: &At<'_>) {
    if value_from.is_empty() {
        cx.report(
            &rules::G4,
            at.path(),
            "empty; give a Secrets Manager or SSM parameter ARN",
        );
        return;
    }
    if !value_from.starts_with("arn:") {
        // A parameter name in the task's region (`/app/db-password` or `db-password`).
        return;
    }
    match arn_service(value_from) {
        Some("ssm") => {
            if !value_from.contains(":parameter/") && !value_from.contains(":parameter") {
                cx.report(
                    &rules::G4,
                    at.path(),
                    format!("{} is not an SSM parameter ARN", quoted(value_from)),
                );
            }
        }
        Some("secretsmanager") => {
            let Some((_, after)) = value_from.split_once(":secret:") else {
                cx.report(
                    &rules::G4,
                    at.path(),
                    format!("{} is not a Secrets Manager secret ARN", quoted(value_from)),
                );
                return;
            };
            let parts: Vec<&str> = after.split(':').collect();
            match parts.len() {
                1 => {}
                4 => {
                    if !parts[2].is_empty() && !parts[3].is_empty() {
                        cx.report(
                            &rules::G5,
                            at.path(),
                            format!(
                                "{} sets version stage {} and version id {}; give one",
                                quoted(value_from),
                                quoted(parts[2]),
                                quoted(parts[3])
                            ),
                        );
                    }
                }
                n => cx.report(
                    &rules::G4,
                    at.path(),
                    format!(
                        "{} has {} field(s) after the secret name; a reference is `…:secret:name` or `…:secret:name:json-key:version-stage:version-id` (keep the colons, as in `:password::`)",
                        quoted(value_from),
                        n - 1
                    ),
                ),
            }
        }
        _ => cx.report(
            &rules::G4,
            at.path(),
            format!(
                "{} is neither a Secrets Manager nor an SSM ARN",
                quoted(value_from)
            ),
        ),
    }
}
