//! Environment variables, environment files and secrets (section G).

use std::fmt;

use ecs_model_internals::arn::Arn;
use ecs_model_internals::bytes;
use ecs_model_internals::secrets::{self, SecretProblem};

use super::{Checker, rules};
use crate::container::ContainerDefinition;
use crate::path::PathCursor;
use crate::words::quoted;

pub(super) fn check(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    variable_names(cx, c, at);
    plaintext_credentials(cx, c, at);
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
            Some(name)
                if bytes::any(
                    name.as_bytes(),
                    |w| bytes::has_zero(w) || bytes::has_byte(w, b'='),
                    |b| b == b'=' || b == 0,
                ) =>
            {
                cx.report(
                    &rules::G1,
                    environment.index(i).key("name").path(),
                    format!(
                        "{} is not a variable name (`=` and NUL cannot appear)",
                        quoted(name)
                    ),
                );
            }
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
    for (origin, first, name) in super::repeats(names) {
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

/// `ECS-G9`: a value in `environment` that looks like a credential, which anyone who can
/// describe the task definition reads; `secrets` keeps it in Secrets Manager or SSM instead.
fn plaintext_credentials(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    let environment = at.key("environment");
    for (i, kv) in c.environment.iter().enumerate() {
        let (Some(name), Some(value)) = (kv.name.as_deref(), kv.value.as_deref()) else {
            continue;
        };
        if let Some(what) = credential(name, value) {
            cx.report(
                &rules::G9,
                environment.index(i).key("value").path(),
                format!(
                    "`{name}` holds {what} in plaintext, readable by anyone who can describe the \
                     task definition; move it to `secrets` (Secrets Manager or SSM)"
                ),
            );
        }
    }
}

/// What `value` of variable `name` looks like if it is a credential: the names AWS Config's
/// `ecs-no-environment-secrets` rule lists, an access key id, a private key, or a literal under a
/// name that says password, secret or token. References (`${VAR}`, `{{…}}`, ARNs) and empty
/// values are not credentials. Linear in the value, which is only scanned, never copied.
fn credential(name: &str, value: &str) -> Option<&'static str> {
    const AWS_NAMES: [(&str, &str); 4] = [
        ("AWS_ACCESS_KEY_ID", "an AWS access key id"),
        ("AWS_SECRET_ACCESS_KEY", "an AWS secret access key"),
        ("AWS_SESSION_TOKEN", "an AWS session token"),
        ("ECS_ENGINE_AUTH_DATA", "registry credentials"),
    ];
    const SECRET_WORDS: [&str; 8] = [
        "PASSWORD",
        "PASSWD",
        "PASS",
        "SECRET",
        "TOKEN",
        "API_KEY",
        "APIKEY",
        "PRIVATE_KEY",
    ];
    let value = value.trim();
    if value.is_empty() || is_reference(value) {
        return None;
    }
    if let Some((_, what)) = AWS_NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return Some(what);
    }
    // Both markers are capitals, which most values have none of: one pass over the value
    // instead of two searches.
    if bytes::any(value.as_bytes(), bytes::has_capital, |b| {
        b.is_ascii_uppercase()
    }) {
        if value.contains("PRIVATE KEY-----") {
            return Some("a private key");
        }
        if contains_access_key_id(value) {
            return Some("an AWS access key id");
        }
    }
    // Compared in place, ignoring case: no upper-case copy of each name. Most names end in
    // a letter no word ends in.
    let name = name.as_bytes();
    let last = name.last().map(u8::to_ascii_uppercase);
    if !SECRET_WORDS
        .iter()
        .any(|word| word.as_bytes().last() == last.as_ref())
    {
        return None;
    }
    let secret_name = SECRET_WORDS.iter().any(|word| {
        let Some(head_len) = name.len().checked_sub(word.len()) else {
            return false;
        };
        let (head, tail) = name.split_at(head_len);
        tail.eq_ignore_ascii_case(word.as_bytes())
            && head.last().is_none_or(|b| matches!(b, b'_' | b'-' | b'.'))
    });
    secret_name.then_some("a secret")
}

/// A value that names where a secret is rather than holding it.
fn is_reference(value: &str) -> bool {
    value.starts_with("${")
        || value.starts_with("{{")
        || value.starts_with("$(")
        || value.starts_with("arn:")
}

/// Whether `value` contains an access key id: `AKIA` (long-term) or `ASIA` (temporary) and 16
/// upper-case letters or digits, standing alone.
fn contains_access_key_id(value: &str) -> bool {
    let bytes = value.as_bytes();
    let Some(last_start) = bytes.len().checked_sub(20) else {
        return false;
    };
    let word = |b: u8| b.is_ascii_alphanumeric();
    // Only where an `A` starts one: most values have few capitals.
    bytes[..=last_start]
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'A')
        .any(|(start, _)| {
            let id = &bytes[start..start + 20];
            (id.starts_with(b"AKIA") || id.starts_with(b"ASIA"))
                && id[4..]
                    .iter()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                && (start == 0 || !word(bytes[start - 1]))
                && bytes.get(start + 20).is_none_or(|&b| !word(b))
        })
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
        } else if !std::path::Path::new(value.as_str())
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
