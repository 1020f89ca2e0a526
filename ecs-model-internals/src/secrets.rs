//! Where a secret comes from: the `valueFrom` of a container secret or a log option.

use crate::arn::{Arn, split_colons};
use crate::text::quoted;

/// Why a `valueFrom` is not a reference ECS resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretProblem {
    /// Not a Secrets Manager or SSM reference (`ECS-G4`).
    Malformed(String),
    /// A Secrets Manager reference that sets both a version stage and a version id (`ECS-G5`).
    StageAndId(String),
}

impl SecretProblem {
    /// What is wrong.
    #[must_use]
    pub fn message(&self) -> &str {
        match self {
            Self::Malformed(message) | Self::StageAndId(message) => message,
        }
    }
}

/// Checks a secret's `valueFrom`: a Secrets Manager ARN (optionally with
/// `:json-key:version-stage:version-id`), an SSM parameter ARN, or a parameter name in the
/// task's region (`/app/db-password`, `db-password`), which is not checked further.
///
/// # Errors
/// Why the reference does not name a secret.
pub fn secret_reference(value_from: &str) -> Result<(), SecretProblem> {
    let malformed = |message: String| Err(SecretProblem::Malformed(message));
    if value_from.is_empty() {
        return malformed("empty; give a Secrets Manager or SSM parameter ARN".to_owned());
    }
    if !value_from.starts_with("arn:") {
        return Ok(());
    }
    match Arn::parse(value_from) {
        Some(arn) if arn.service == "ssm" => {
            if arn.resource.starts_with("parameter") {
                Ok(())
            } else {
                malformed(format!(
                    "{} is not an SSM parameter ARN",
                    quoted(value_from)
                ))
            }
        }
        Some(arn) if arn.service == "secretsmanager" => {
            // `secret:name` or `secret:name:json-key:version-stage:version-id`.
            let Some(after) = arn.resource.strip_prefix("secret:") else {
                return malformed(format!(
                    "{} is not a Secrets Manager secret ARN",
                    quoted(value_from)
                ));
            };
            match after.bytes().filter(|&b| b == b':').count() + 1 {
                1 => Ok(()),
                4 => {
                    let [_, _, stage, id] = split_colons::<4>(after);
                    let (stage, id) = (stage.unwrap_or_default(), id.unwrap_or_default());
                    if stage.is_empty() || id.is_empty() {
                        Ok(())
                    } else {
                        Err(SecretProblem::StageAndId(format!(
                            "{} sets version stage {} and version id {}; give one",
                            quoted(value_from),
                            quoted(stage),
                            quoted(id)
                        )))
                    }
                }
                n => malformed(format!(
                    "{} has {} field(s) after the secret name; a reference is `…:secret:name` or `…:secret:name:json-key:version-stage:version-id` (keep the colons, as in `:password::`)",
                    quoted(value_from),
                    n - 1
                )),
            }
        }
        _ => malformed(format!(
            "{} is neither a Secrets Manager nor an SSM ARN",
            quoted(value_from)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        for ok in [
            "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf:password::",
            "arn:aws:secretsmanager:us-east-1:1:secret:db",
            "arn:aws:secretsmanager:us-east-1:1:secret:db:k:AWSCURRENT:",
            "arn:aws:ssm:us-east-1:1:parameter/app/db",
            "/app/db-password",
        ] {
            assert_eq!(secret_reference(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "arn:aws:s3:::bucket/key",
            "arn:aws:ssm:us-east-1:1:document/x",
            "arn:aws:secretsmanager:us-east-1:1:secret:db:password",
            "arn:aws:secretsmanager:us-east-1:1:db",
        ] {
            assert!(
                matches!(secret_reference(bad), Err(SecretProblem::Malformed(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            secret_reference("arn:aws:secretsmanager:us-east-1:1:secret:db:k:AWSCURRENT:v1"),
            Err(SecretProblem::StageAndId(_))
        ));
    }
}
