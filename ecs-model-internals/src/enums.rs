//! The values of the API enums that the derive's attributes name, as the API spells them.
//!
//! `ecs-model` asserts at compile time that each list of an `api_enum!` equals its enum's values,
//! in order, and `LogDriver::KNOWN` is [`LOG_DRIVERS`] itself, so the derive accepts exactly what
//! parsing the JSON accepts.

/// `NetworkMode`.
pub const NETWORK_MODES: &[&str] = &["bridge", "host", "awsvpc", "none"];

/// `OSFamily`.
pub const OS_FAMILIES: &[&str] = &[
    "WINDOWS_SERVER_2019_FULL",
    "WINDOWS_SERVER_2019_CORE",
    "WINDOWS_SERVER_2016_FULL",
    "WINDOWS_SERVER_2004_CORE",
    "WINDOWS_SERVER_2022_CORE",
    "WINDOWS_SERVER_2022_FULL",
    "WINDOWS_SERVER_2025_CORE",
    "WINDOWS_SERVER_2025_FULL",
    "WINDOWS_SERVER_20H2_CORE",
    "LINUX",
];

/// `CPUArchitecture`.
pub const CPU_ARCHITECTURES: &[&str] = &["X86_64", "ARM64"];

/// `LogDriver`: the drivers the API lists.
pub const LOG_DRIVERS: &[&str] = &[
    "json-file",
    "syslog",
    "journald",
    "gelf",
    "fluentd",
    "awslogs",
    "splunk",
    "awsfirelens",
];

/// The `mode` option of every log driver (`ECS-F4`).
pub const LOG_MODES: &[&str] = &["blocking", "non-blocking"];

/// `UlimitName`.
pub const ULIMIT_NAMES: &[&str] = &[
    "core",
    "cpu",
    "data",
    "fsize",
    "locks",
    "memlock",
    "msgqueue",
    "nice",
    "nofile",
    "nproc",
    "rss",
    "rtprio",
    "rttime",
    "sigpending",
    "stack",
];

/// `ContainerCondition`.
pub const CONTAINER_CONDITIONS: &[&str] = &["START", "COMPLETE", "SUCCESS", "HEALTHY"];

/// `TransportProtocol`.
pub const TRANSPORT_PROTOCOLS: &[&str] = &["tcp", "udp"];

/// `ApplicationProtocol`.
pub const APPLICATION_PROTOCOLS: &[&str] = &["http", "http2", "grpc"];

/// `FirelensConfigurationType`.
pub const FIRELENS_TYPES: &[&str] = &["fluentd", "fluentbit"];

/// Whether two strings are equal, in a constant.
#[must_use]
pub const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether two lists hold the same strings in the same order, in a constant.
#[must_use]
pub const fn same(a: &[&str], b: &[&str]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !str_eq(a[i], b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_in_constants() {
        const { assert!(same(TRANSPORT_PROTOCOLS, &["tcp", "udp"])) };
        assert!(!same(TRANSPORT_PROTOCOLS, &["udp", "tcp"]));
        assert!(!same(TRANSPORT_PROTOCOLS, &["tcp"]));
        assert!(str_eq("awsvpc", "awsvpc") && !str_eq("awsvpc", "awsvp"));
    }
}
