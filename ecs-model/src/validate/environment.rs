//! Environment variables, environment files and secrets (section G).

use std::fmt;

use super::container::{arn_service, split_colons};
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

/// Where a variable is set, formatted only when a problem is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Environment(usize),
    Secret(usize),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Environment(i) => write!(f, "environment[{i}]"),
            Self::Secret(i) => write!(f, "secrets[{i}]"),
        }
    }
}

/// `ECS-G1`: every variable has a name, set once across `environment` and `secrets`.
fn variable_names(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &At<'_>) {
    if c.environment.is_empty() && c.secrets.is_empty() {
        return;
    }
    let mut names: Vec<(&str, Origin)> = Vec::with_capacity(c.environment.len() + c.secrets.len());
    let environment = at.key("environment");
    for (i, kv) in c.environment.iter().enumerate() {
        match kv.name.as_deref() {
            None | Some("") => cx.report(
                &rules::G1,
                environment.index(i).key("name").path(),
                "an environment variable needs a name",
            ),
            Some(name) if name.bytes().any(|b| b == b'=' || b == 0) => cx.report(
                &rules::G1,
                environment.index(i).key("name").path(),
                format!(
                    "{} is not a variable name (`=` and NUL cannot appear)",
                    quoted(name)
                ),
            ),
            Some(name) => names.push((name, Origin::Environment(i))),
        }
    }
    let secrets = at.key("secrets");
    for (i, secret) in c.secrets.iter().enumerate() {
        if secret.name.is_empty() {
            cx.report(
                &rules::G1,
                secrets.index(i).key("name").path(),
                "a secret needs a variable name",
            );
        } else {
            names.push((secret.name.as_str(), Origin::Secret(i)));
        }
    }
    // Sorting by name (stably, so the first setting stays first) finds the repeats without
    // hashing; they are reported in document order.
    names.sort_by(|a, b| a.0.cmp(b.0));
    let mut repeats: Vec<(Origin, Origin, &str)> = Vec::new();
    for run in names.chunk_by(|a, b| a.0 == b.0) {
        repeats.extend(
            run[1..]
                .iter()
                .map(|(name, origin)| (*origin, run[0].1, *name)),
        );
    }
    repeats.sort_unstable();
    for (origin, first, name) in repeats {
        let path = match origin {
            Origin::Environment(i) => environment.index(i).key("name").path(),
            Origin::Secret(i) => secrets.index(i).key("name").path(),
        };
        cx.report(
            &rules::G1,
            path,
            format!("{} is already set by {first}", quoted(name)),
        );
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
            // `arn:partition:secretsmanager:region:account:secret:name…`
            let after = split_colons::<6>(value_from)[5]
                .and_then(|resource| resource.strip_prefix("secret:"));
            let Some(after) = after else {
                cx.report(
                    &rules::G4,
                    at.path(),
                    format!("{} is not a Secrets Manager secret ARN", quoted(value_from)),
                );
                return;
            };
            match after.bytes().filter(|&b| b == b':').count() + 1 {
                1 => {}
                4 => {
                    let [_, _, stage, id] = split_colons::<4>(after);
                    let (stage, id) = (stage.unwrap_or_default(), id.unwrap_or_default());
                    if !stage.is_empty() && !id.is_empty() {
                        cx.report(
                            &rules::G5,
                            at.path(),
                            format!(
                                "{} sets version stage {} and version id {}; give one",
                                quoted(value_from),
                                quoted(stage),
                                quoted(id)
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
