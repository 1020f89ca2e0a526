//! Rust names for botocore's member names and enum values.

use super::spec::FileSpec;

/// Words written in capitals in the error messages' descriptions of enums.
const ACRONYMS: &[&str] = &[
    "cpu", "ebs", "ecs", "ip", "ipv4", "ipv6", "jwt", "oidc", "tls", "vpc",
];

/// The field name of member `json`: snake case, `r#` before a keyword.
pub(crate) fn field(json: &str) -> String {
    let snake = snake_case(json);
    if matches!(
        snake.as_str(),
        "type" | "match" | "ref" | "mod" | "use" | "loop" | "move" | "override" | "static"
    ) {
        format!("r#{snake}")
    } else {
        snake
    }
}

/// Units and names whose capitals are not word starts (`memoryGiBPerVCpu`).
const TOKENS: &[(&str, &str)] = &[
    ("IPv4", "Ipv4"),
    ("IPv6", "Ipv6"),
    ("GiB", "Gib"),
    ("MiB", "Mib"),
    ("VCpu", "Vcpu"),
    ("vCpu", "vcpu"),
];

/// `enableECSManagedTags` → `enable_ecs_managed_tags`.
fn snake_case(name: &str) -> String {
    let mut name = name.to_owned();
    for (token, word) in TOKENS {
        name = name.replace(token, word);
    }
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push('_');
            }
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The variant name of an enum value: `AWS_LAMBDA` → `AwsLambda`, `internet-facing` →
/// `InternetFacing`, `InferenceAccelerator` stays.
pub(crate) fn variant(value: &str) -> String {
    let mut out = String::new();
    for part in value.split(|c: char| !c.is_ascii_alphanumeric()) {
        if part.is_empty() {
            continue;
        }
        let mixed = part.chars().any(char::is_lowercase) && part.chars().any(char::is_uppercase);
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            if mixed {
                out.extend(chars);
            } else {
                out.extend(chars.flat_map(char::to_lowercase));
            }
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// How an error message names the enum `name` ("deployment strategy").
pub(crate) fn what(file: &FileSpec, name: &str) -> String {
    if let Some((_, what)) = file.what.iter().find(|(n, _)| *n == name) {
        return (*what).to_owned();
    }
    snake_case(name)
        .split('_')
        .map(|word| {
            if ACRONYMS.contains(&word) {
                word.to_uppercase().replace("V4", "v4").replace("V6", "v6")
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `a` or `an` before `phrase`.
pub(crate) fn article(phrase: &str) -> &'static str {
    let starts_with_vowel_sound = phrase.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O'])
        || phrase.starts_with("EBS")
        || phrase.starts_with("ECS");
    if starts_with_vowel_sound { "An" } else { "A" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_become_snake_case() {
        assert_eq!(
            snake_case("enableECSManagedTags"),
            "enable_ecs_managed_tags"
        );
        assert_eq!(
            snake_case("healthCheckGracePeriodSeconds"),
            "health_check_grace_period_seconds"
        );
        assert_eq!(snake_case("LoadBalancerArn"), "load_balancer_arn");
        assert_eq!(
            snake_case("ec2InstanceProfileArn"),
            "ec2_instance_profile_arn"
        );
        assert_eq!(snake_case("memoryGiBPerVCpu"), "memory_gib_per_vcpu");
        assert_eq!(snake_case("PrivateIPv4Address"), "private_ipv4_address");
        assert_eq!(snake_case("vCpuCount"), "vcpu_count");
    }

    #[test]
    fn values_become_variants() {
        assert_eq!(variant("AWS_LAMBDA"), "AwsLambda");
        assert_eq!(variant("internet-facing"), "InternetFacing");
        assert_eq!(variant("InferenceAccelerator"), "InferenceAccelerator");
        assert_eq!(variant("l40s"), "L40s");
        assert_eq!(variant("301"), "V301");
    }

    #[test]
    fn enum_descriptions_keep_acronyms() {
        let file = &crate::api::spec::FILES[0];
        assert_eq!(what(file, "EbsResourceType"), "EBS resource type");
        assert_eq!(article("EBS resource type"), "An");
        assert_eq!(article("deployment strategy"), "A");
    }
}
