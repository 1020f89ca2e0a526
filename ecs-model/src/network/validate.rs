//! Security groups on their own; whether they let the right traffic through is a seam of the
//! application.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Findings;
use crate::network::{IpProtocol, SecurityGroup, Source};
use crate::path::json_path;
use crate::validate::rules;
use crate::words::quoted;

impl SecurityGroup {
    /// Every problem: names, ports, sources.
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        security_group(self)
    }
}

/// Whether `cidr` is `a.b.c.d/n` (or an IPv6 prefix when `v6`).
fn cidr_ok(cidr: &str, v6: bool) -> bool {
    let Some((address, prefix)) = cidr.split_once('/') else {
        return false;
    };
    let Ok(prefix) = prefix.parse::<u8>() else {
        return false;
    };
    if v6 {
        prefix <= 128 && address.parse::<std::net::Ipv6Addr>().is_ok()
    } else {
        prefix <= 32 && address.parse::<std::net::Ipv4Addr>().is_ok()
    }
}

pub(crate) fn security_group(g: &SecurityGroup) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    if g.name.is_empty() || g.name.len() > 255 || g.name.starts_with("sg-") {
        out.report(
            &rules::M9,
            json_path!("GroupName"),
            format!(
                "{} is not a group name (1–255 characters, not `sg-`…)",
                quoted(&g.name)
            ),
        );
    }
    if g.description.is_empty() || g.description.len() > 255 || !g.description.is_ascii() {
        out.report(
            &rules::M9,
            json_path!("Description"),
            "a description is 1–255 ASCII characters",
        );
    }
    for (i, rule) in g.ingress.iter().enumerate() {
        let at = json_path!("IpPermissions"[i]);
        if rule.protocol != IpProtocol::All
            && rule.protocol != IpProtocol::Icmp
            && (!(0..=65535).contains(&rule.from_port)
                || !(0..=65535).contains(&rule.to_port)
                || rule.from_port > rule.to_port)
        {
            out.report(
                &rules::M9,
                at.clone(),
                format!(
                    "ports {}–{} are not a range within 0–65535",
                    rule.from_port, rule.to_port
                ),
            );
        }
        match &rule.source {
            Source::Cidr(cidr) if !cidr_ok(cidr, false) => out.report(
                &rules::M9,
                at.key("CidrIp"),
                format!("{} is not an IPv4 CIDR block", quoted(cidr)),
            ),
            Source::Ipv6Cidr(cidr) if !cidr_ok(cidr, true) => out.report(
                &rules::M9,
                at.key("CidrIpv6"),
                format!("{} is not an IPv6 CIDR block", quoted(cidr)),
            ),
            Source::Group(group) if group.is_empty() => {
                out.report(&rules::M9, at.key("GroupId"), "empty source group");
            }
            _ => {}
        }
    }
    out.into_vec()
}
