//! Names ECS and Service Connect accept, and image references.

use crate::text::quoted;

/// Whether `name` is 1–255 letters, digits, `_` and `-`: families (`ECS-A1`), containers
/// (`ECS-B1`), volumes (`ECS-I1`), services (`ECS-J1`), clusters (`ECS-K1`).
#[must_use]
pub fn is_resource_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Why `name` is not a `kind` name (`container`, `family`, …), if it is not.
#[must_use]
pub fn resource_name(kind: &str, name: &str) -> Option<String> {
    (!is_resource_name(name)).then(|| {
        format!(
            "{} is not a {kind} name: use 1–255 letters, digits, `_` and `-`",
            quoted(name)
        )
    })
}

/// What a Service Connect name may be: port mapping names (`ECS-C7`) and discovery names
/// (`ECS-J18`).
pub const SERVICE_CONNECT_NAME: &str =
    "up to 64 lowercase letters, digits, `_` and `-`, not starting with `-`";

/// Whether `name` is a Service Connect name ([`SERVICE_CONNECT_NAME`]).
#[must_use]
pub fn is_service_connect_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Why `name` is not a `kind` (`port name`, `discovery name`) of Service Connect, if it is not.
#[must_use]
pub fn service_connect_name(kind: &str, name: &str) -> Option<String> {
    (!is_service_connect_name(name))
        .then(|| format!("{} is not a {kind}: {SERVICE_CONNECT_NAME}", quoted(name)))
}

/// Why `image` is not an image reference ECS accepts (`ECS-B1` when empty, `ECS-B2`), if it is
/// not: up to 255 of `A-Za-z0-9-_:./#`, then optionally `@sha256:` and 64 hex digits.
#[must_use]
pub fn image(image: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_names() {
        assert!(resource_name("container", "nextjs-container").is_none());
        assert_eq!(
            resource_name("container", "web app").as_deref(),
            Some("\"web app\" is not a container name: use 1–255 letters, digits, `_` and `-`")
        );
        assert!(resource_name("family", "").is_some());
        assert!(resource_name("family", &"x".repeat(256)).is_some());
        assert!(resource_name("family", &"x".repeat(255)).is_none());
    }

    #[test]
    fn service_connect_names() {
        for ok in ["web", "nextjs-port", "a_1", &"x".repeat(64)] {
            assert!(is_service_connect_name(ok), "{ok}");
        }
        for bad in ["", "-web", "Web", "web.port", &"x".repeat(65)] {
            assert!(service_connect_name("port name", bad).is_some(), "{bad}");
        }
    }

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
            assert_eq!(image(ok), None, "{ok}");
        }
        for bad in [
            "",
            "${IMAGE}",
            "{{ .Image }}",
            "nginx@sha256:abc",
            "nginx@md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ] {
            assert!(image(bad).is_some(), "{bad}");
        }
        assert!(image(&"a".repeat(256)).is_some());
    }
}
