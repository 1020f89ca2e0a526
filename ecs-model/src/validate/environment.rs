//! Environment variables, environment files and secrets (section G).

use std::fmt;

use ecs_model_internals::arn::Arn;
use ecs_model_internals::secrets::{self, SecretProblem};

use super::{Checker, rules};
use crate::container::ContainerDefinition;
use crate::path::PathCursor;
use crate::text::quoted;

pub(super) fn check(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
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
fn variable_names(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
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

fn files(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    let list = at.key("environmentFiles");
    for (i, file) in c.environment_files.iter().enumerate() {
        let value = &file.value;
        let item = list.index(i);
        let path = item.key("value");
        if Arn::parse(value).is_none_or(|arn| arn.service != "s3") {
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

/// Checks a secret's `valueFrom` (`ECS-G4`, `ECS-G5`).
pub(super) fn secret_reference(cx: &mut Checker<'_>, value_from: &str, at: &PathCursor<'_>) {
    if let Err(problem) = secrets::secret_reference(value_from) {
        let rule = match problem {
            SecretProblem::Malformed(_) => &rules::G4,
            SecretProblem::StageAndId(_) => &rules::G5,
        };
        cx.report(rule, at.path(), problem.message());
    }
}
