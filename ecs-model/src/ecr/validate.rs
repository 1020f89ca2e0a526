//! Repositories on their own (`ECS-B16`): the name ECR accepts, a lifecycle policy it accepts,
//! and the two settings people regret leaving off.

use super::{Expire, ImageRepository, ImageTagMutability, TagStatus};
use crate::diagnostic::{Diagnostic, Findings};
use crate::path::json_path;
use crate::validate::rules;
use crate::words::quoted;

/// Whether `name` is a repository name ECR takes: 2–256 characters, `/`-separated components
/// of lowercase letters and digits joined by `.`, `_`, `__` or dashes.
fn valid_name(name: &str) -> bool {
    (2..=256).contains(&name.len()) && name.split('/').all(valid_component)
}

fn valid_component(part: &str) -> bool {
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    if !part.starts_with(alnum) || !part.ends_with(alnum) {
        return false;
    }
    part.split(alnum)
        .filter(|separator| !separator.is_empty())
        .all(|separator| {
            matches!(separator, "." | "_" | "__") || separator.chars().all(|c| c == '-')
        })
}

impl ImageRepository {
    /// Every problem (`ECS-B16`).
    #[must_use]
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut out = Findings::default();
        let name = self.name();
        if !valid_name(name) {
            out.report(
                &rules::B16,
                json_path!("repositoryName"),
                format!(
                    "{}: 2–256 lowercase letters and digits, joined by `.`, `_`, `__` or `-`, in `/`-separated parts",
                    quoted(name)
                ),
            );
        }
        if matches!(
            self.repository.image_tag_mutability,
            None | Some(ImageTagMutability::Mutable)
        ) {
            out.report(
                &rules::B16_HYGIENE,
                json_path!("imageTagMutability"),
                "tags are mutable: a push can move a tag a task definition names to another image",
            );
        }
        let scans = self
            .repository
            .image_scanning_configuration
            .as_ref()
            .and_then(|s| s.scan_on_push);
        if scans != Some(true) {
            out.report(
                &rules::B16_HYGIENE,
                json_path!("imageScanningConfiguration", "scanOnPush"),
                "images are not scanned for vulnerabilities when pushed",
            );
        }
        if let Some(policy) = &self.lifecycle_policy {
            let mut seen = Vec::new();
            let last = policy.rules.iter().map(|r| r.priority).max();
            for (i, rule) in policy.rules.iter().enumerate() {
                let at = json_path!("lifecyclePolicy", "rules"[i]);
                if rule.priority == 0 || seen.contains(&rule.priority) {
                    out.report(
                        &rules::B16,
                        at.clone().key("rulePriority"),
                        format!("{}: priorities are unique and at least 1", rule.priority),
                    );
                }
                seen.push(rule.priority);
                if rule.tag_status == TagStatus::Any && Some(rule.priority) != last {
                    out.report(
                        &rules::B16,
                        at.clone().key("rulePriority"),
                        "a rule of every image (`any`) has the highest priority number: ECR evaluates it last",
                    );
                }
                if rule.tag_status == TagStatus::Tagged && rule.tag_prefixes.is_empty() {
                    out.report(
                        &rules::B16,
                        at.clone().key("selection").key("tagPrefixList"),
                        "a rule of tagged images names the tag prefixes it selects",
                    );
                }
                let (Expire::BeyondCount(n) | Expire::OlderThanDays(n)) = rule.expire;
                if n == 0 {
                    out.report(
                        &rules::B16,
                        at.key("selection").key("countNumber"),
                        "at least 1: 0 would expire every image it selects",
                    );
                }
            }
        }
        out.into_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::valid_name;

    #[test]
    fn names_are_read_as_ecr_reads_them() {
        for good in ["web", "team-a/web", "a.b_c__d--e", "x9/y8/z7", "ab"] {
            assert!(valid_name(good), "{good}");
        }
        for bad in [
            "a", "Web", "-web", "web-", "a..b", "a___b", "a/", "/a", "a//b", "a._b",
        ] {
            assert!(!valid_name(bad), "{bad}");
        }
        assert!(!valid_name(&"a".repeat(257)));
    }
}
