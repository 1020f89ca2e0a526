//! The ECS rules checked on attribute values, each returning what is wrong.

use crate::rules::{FARGATE_LINUX, FARGATE_WINDOWS};

/// The candidate nearest to `word`, if it is close enough to be a typo.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(same);
    }
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .iter()
        .map(|c| {
            (
                edit_distance(&word.to_ascii_lowercase(), &c.to_ascii_lowercase()),
                *c,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    // Optimal string alignment: insertions, deletions, substitutions and adjacent swaps
    // (`nmae` → `name` is one edit).
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// `ECS-A1`/`B1`/`I1`: 1–255 letters, digits, `_` and `-`.
pub(crate) fn resource_name(kind: &str, name: &str) -> Option<String> {
    let valid = !name.is_empty()
        && name.len() <= 255
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    (!valid).then(|| {
        format!("{name:?} is not a valid {kind} name: use 1–255 letters, digits, `_` and `-`")
    })
}

/// An environment variable name a shell and `std::env` both read: `[A-Za-z_][A-Za-z0-9_]*`.
pub(crate) fn env_name(name: &str) -> Option<String> {
    let mut bytes = name.bytes();
    let valid = bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (!valid).then(|| {
        format!("{name:?} is not a valid environment variable name: use letters, digits and `_`, not starting with a digit")
    })
}

/// `ECS-B2`: image references.
pub(crate) fn image(image: &str) -> Option<String> {
    if image.is_empty() {
        return Some("the image is empty".to_owned());
    }
    let (name, digest) = image
        .split_once('@')
        .map_or((image, None), |(n, d)| (n, Some(d)));
    if name.len() > 255 {
        return Some(format!(
            "the image has {} characters before any digest; at most 255",
            name.len()
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_:./#".contains(*c)))
    {
        return Some(format!(
            "{image:?} has `{bad}`; images use letters, digits, `-`, `_`, `:`, `.`, `/` and `#`"
        ));
    }
    if let Some(digest) = digest {
        let hex = digest.strip_prefix("sha256:").unwrap_or("");
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some(format!(
                "{image:?} has a digest that is not `sha256:` and 64 hex digits"
            ));
        }
    }
    None
}

/// `ECS-G4`/`G5`: a secret comes from Secrets Manager or SSM Parameter Store.
pub(crate) fn secret_reference(value_from: &str) -> Option<String> {
    let expected = "expected a Secrets Manager ARN (`arn:aws:secretsmanager:region:account:secret:name[:json-key:version-stage:version-id]`), an SSM parameter ARN or a parameter name";
    if value_from.is_empty() {
        return Some(format!("the secret reference is empty; {expected}"));
    }
    if !value_from.starts_with("arn:") {
        let valid = value_from
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-/".contains(&b));
        return (!valid)
            .then(|| format!("{value_from:?} is neither an ARN nor a parameter name; {expected}"));
    }
    let service = value_from.split(':').nth(2).unwrap_or_default();
    match service {
        "ssm" if value_from.contains(":parameter") => None,
        "secretsmanager" => {
            let Some((_, after)) = value_from.split_once(":secret:") else {
                return Some(format!(
                    "{value_from:?} is not a Secrets Manager secret ARN; {expected}"
                ));
            };
            let parts: Vec<&str> = after.split(':').collect();
            match parts.len() {
                4 if !parts[2].is_empty() && !parts[3].is_empty() => Some(format!(
                    "{value_from:?} sets both a version stage and a version id; give one"
                )),
                1 | 4 => None,
                n => Some(format!(
                    "{value_from:?} has {} field(s) after the secret name; write `:json-key:version-stage:version-id` with every colon (`:password::`)",
                    n - 1
                )),
            }
        }
        _ => Some(format!(
            "{value_from:?} is neither a Secrets Manager nor an SSM reference; {expected}"
        )),
    }
}

/// Reads a task CPU (`"512"`, `"0.5 vCPU"`) or memory (`"1024"`, `"2 GB"`) amount.
pub(crate) fn amount(text: &str, unit: &str) -> Option<u32> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, rest) = text.split_at(end);
    if !rest.trim_start().eq_ignore_ascii_case(unit) {
        return None;
    }
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if (whole.is_empty() && fraction.is_empty()) || fraction.contains('.') || fraction.len() > 9 {
        return None;
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let denominator = 10u64.pow(u32::try_from(fraction.len()).ok()?);
    let fraction: u64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    let scaled = fraction * 1024;
    if scaled % denominator != 0 {
        return None;
    }
    u32::try_from(whole.checked_mul(1024)? + scaled / denominator).ok()
}

/// `ECS-A9`/`A10`: what is wrong with a Fargate size, if anything.
pub(crate) fn fargate_size(cpu: u32, mib: u32, windows: bool) -> Option<String> {
    let table = if windows {
        FARGATE_WINDOWS
    } else {
        FARGATE_LINUX
    };
    let os = if windows { " Windows" } else { "" };
    let Some(&(_, min, max, step)) = table.iter().find(|(c, ..)| *c == cpu) else {
        let sizes: Vec<String> = table.iter().map(|(c, ..)| c.to_string()).collect();
        return Some(format!(
            "{cpu} CPU units is not a Fargate{os} size; use one of {}",
            sizes.join(", ")
        ));
    };
    let fits = (min..=max).contains(&mib) && (mib - min) % step == 0;
    (!fits).then(|| {
        format!("{mib} MiB does not go with {cpu} CPU units on Fargate{os}: use {min}–{max} MiB in steps of {step}")
    })
}

/// `ECS-C7`: Service Connect port names.
pub(crate) fn port_name(name: &str) -> Option<String> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    (!valid).then(|| format!("{name:?} is not a valid port name: up to 64 lowercase letters, digits, `_` and `-`, not starting with `-`"))
}

/// `SCREAMING_SNAKE_CASE` of a field name, the default variable name.
pub(crate) fn screaming_snake(field: &str) -> String {
    field.trim_start_matches("r#").to_ascii_uppercase()
}

/// `kebab-case` of a type name, the default container name.
pub(crate) fn kebab(type_name: &str) -> String {
    let mut out = String::new();
    for (i, c) in type_name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(kebab("PetWeb"), "pet-web");
        assert_eq!(screaming_snake("node_env"), "NODE_ENV");
        assert!(env_name("NODE_ENV").is_none());
        assert!(env_name("1PORT").is_some());
        assert!(env_name("MY-VAR").is_some());
        assert!(resource_name("container", "nextjs-container").is_none());
        assert!(resource_name("container", "web app").is_some());
    }

    #[test]
    fn secret_references() {
        for ok in [
            "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf:password::",
            "arn:aws:secretsmanager:us-east-1:1:secret:db",
            "arn:aws:ssm:us-east-1:1:parameter/app/db",
            "/app/db-password",
        ] {
            assert_eq!(secret_reference(ok), None, "{ok}");
        }
        for bad in [
            "",
            "arn:aws:s3:::bucket/key",
            "arn:aws:secretsmanager:us-east-1:1:secret:db:password",
            "a b",
        ] {
            assert!(secret_reference(bad).is_some(), "{bad}");
        }
    }
}
