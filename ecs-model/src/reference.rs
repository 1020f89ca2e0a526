//! References to resources of an application whose ids AWS assigns when it creates them
//! (target group, load balancer and listener ARNs, security group ids).
//!
//! Where such an id goes in an API field, the model holds a reference that renders as
//! `{{target-group:pet-web-tg}}`; validation follows it to the resource it names, and
//! `ecs-deploy` replaces it with the real id once the resource exists.

use crate::Text;
use std::fmt;

/// A resource of the application, by kind and name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Reference {
    /// An ELBv2 target group, by name.
    TargetGroup(String),
    /// An ELBv2 load balancer, by name.
    LoadBalancer(String),
    /// An EC2 security group, by name.
    SecurityGroup(String),
    /// An ELBv2 listener, by its load balancer's name and its port (`pet-web-alb:443`).
    Listener(String),
    /// An EFS file system, by its creation token.
    FileSystem(String),
    /// An EFS access point, by its client token.
    AccessPoint(String),
}

impl Reference {
    /// A target group of the application.
    pub fn target_group(name: impl Into<String>) -> Self {
        Self::TargetGroup(name.into())
    }

    /// A load balancer of the application.
    pub fn load_balancer(name: impl Into<String>) -> Self {
        Self::LoadBalancer(name.into())
    }

    /// A security group of the application.
    pub fn security_group(name: impl Into<String>) -> Self {
        Self::SecurityGroup(name.into())
    }

    /// An EFS file system of the application.
    pub fn file_system(name: impl Into<String>) -> Self {
        Self::FileSystem(name.into())
    }

    /// An EFS access point of the application.
    pub fn access_point(name: impl Into<String>) -> Self {
        Self::AccessPoint(name.into())
    }

    /// The listener on `port` of the application's load balancer `load_balancer`.
    pub fn listener(load_balancer: impl Into<String>, port: i32) -> Self {
        Self::Listener(format!("{}:{port}", load_balancer.into()))
    }

    /// The kind as the token spells it.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::TargetGroup(_) => "target-group",
            Self::LoadBalancer(_) => "load-balancer",
            Self::SecurityGroup(_) => "security-group",
            Self::Listener(_) => "listener",
            Self::FileSystem(_) => "file-system",
            Self::AccessPoint(_) => "access-point",
        }
    }

    /// The name of the resource.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::TargetGroup(name)
            | Self::LoadBalancer(name)
            | Self::SecurityGroup(name)
            | Self::Listener(name)
            | Self::FileSystem(name)
            | Self::AccessPoint(name) => name,
        }
    }

    /// Reads a token (`{{target-group:pet-web-tg}}`); `None` for anything else (a real id).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let inner = text.strip_prefix("{{")?.strip_suffix("}}")?;
        let (kind, name) = inner.split_once(':')?;
        if name.is_empty() {
            return None;
        }
        Some(match kind {
            "target-group" => Self::TargetGroup(name.to_owned()),
            "load-balancer" => Self::LoadBalancer(name.to_owned()),
            "security-group" => Self::SecurityGroup(name.to_owned()),
            "listener" => Self::Listener(name.to_owned()),
            "file-system" => Self::FileSystem(name.to_owned()),
            "access-point" => Self::AccessPoint(name.to_owned()),
            _ => return None,
        })
    }
}

impl fmt::Display for Reference {
    /// The token that stands for the resource's id in an API field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{{{}:{}}}}}", self.kind(), self.name())
    }
}

impl From<Reference> for String {
    fn from(reference: Reference) -> Self {
        reference.to_string()
    }
}

impl From<Reference> for Text {
    fn from(reference: Reference) -> Self {
        reference.to_string().into()
    }
}

/// `text` with each token inside it (an ARN built around a file system's id) replaced by what
/// `resolve` returns for it, in one pass.
fn resolve_within(text: &str, resolve: &mut dyn FnMut(&Reference) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let token = tail.find("}}").map(|end| &tail[..end + 2]);
        if let Some((token, id)) = token.and_then(|t| Some((t, resolve(&Reference::parse(t)?)?))) {
            out.push_str(&id);
            rest = &tail[token.len()..];
        } else {
            out.push_str("{{");
            rest = &tail[2..];
        }
    }
    out.push_str(rest);
    out
}

/// Replaces every reference token in `text`-valued fields of `value` with what `resolve`
/// returns for it (`None` leaves the token).
pub fn resolve_tokens(
    value: &mut serde_json::Value,
    resolve: &mut dyn FnMut(&Reference) -> Option<String>,
) {
    match value {
        serde_json::Value::String(text) => {
            if let Some(reference) = Reference::parse(text) {
                if let Some(id) = resolve(&reference) {
                    *text = id;
                }
            } else if text.contains("{{") {
                *text = resolve_within(text, resolve);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                resolve_tokens(item, resolve);
            }
        }
        serde_json::Value::Object(map) => {
            for item in map.values_mut() {
                resolve_tokens(item, resolve);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip() {
        let reference = Reference::target_group("pet-web-tg");
        assert_eq!(reference.to_string(), "{{target-group:pet-web-tg}}");
        assert_eq!(
            Reference::parse("{{target-group:pet-web-tg}}"),
            Some(reference)
        );
        assert_eq!(Reference::parse("arn:aws:elasticloadbalancing:…"), None);
        assert_eq!(Reference::parse("{{bucket:x}}"), None);
        assert_eq!(Reference::parse("{{security-group:}}"), None);
        let listener = Reference::listener("pet-web-alb", 443);
        assert_eq!(listener.to_string(), "{{listener:pet-web-alb:443}}");
        assert_eq!(
            Reference::parse("{{listener:pet-web-alb:443}}"),
            Some(listener)
        );
    }

    #[test]
    fn resolves_tokens_inside_text() {
        let mut doc = serde_json::json!([
            "arn:aws:elasticfilesystem:us-east-1:1:file-system/{{file-system:data}}",
            "{{file-system:data}}/{{file-system:other}} {{ not a token",
        ]);
        resolve_tokens(&mut doc, &mut |r| {
            (r.name() == "data").then(|| "fs-0a1b".to_owned())
        });
        assert_eq!(
            doc,
            serde_json::json!([
                "arn:aws:elasticfilesystem:us-east-1:1:file-system/fs-0a1b",
                "fs-0a1b/{{file-system:other}} {{ not a token",
            ])
        );
    }

    #[test]
    fn resolves_tokens_anywhere_in_a_document() {
        let mut doc = serde_json::json!({"a": ["{{security-group:alb}}", "sg-1"], "b": {"c": "{{load-balancer:x}}"}});
        resolve_tokens(&mut doc, &mut |r| {
            (r.kind() == "security-group").then(|| "sg-9".to_owned())
        });
        assert_eq!(
            doc,
            serde_json::json!({"a": ["sg-9", "sg-1"], "b": {"c": "{{load-balancer:x}}"}})
        );
    }
}
