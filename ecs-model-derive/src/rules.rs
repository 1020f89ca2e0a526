//! The ECS facts the derive checks attributes against at compile time. They repeat values of
//! `ecs-model` (which this proc-macro crate cannot depend on); the crate's tests check that the
//! two agree, table for table.

/// API value and `ecs-model` variant name of the enums attributes name.
pub(crate) type EnumTable = &'static [(&'static str, &'static str)];

pub(crate) const NETWORK_MODES: EnumTable = &[
    ("bridge", "Bridge"),
    ("host", "Host"),
    ("awsvpc", "Awsvpc"),
    ("none", "None"),
];

pub(crate) const OS_FAMILIES: EnumTable = &[
    ("WINDOWS_SERVER_2019_FULL", "WindowsServer2019Full"),
    ("WINDOWS_SERVER_2019_CORE", "WindowsServer2019Core"),
    ("WINDOWS_SERVER_2016_FULL", "WindowsServer2016Full"),
    ("WINDOWS_SERVER_2004_CORE", "WindowsServer2004Core"),
    ("WINDOWS_SERVER_2022_CORE", "WindowsServer2022Core"),
    ("WINDOWS_SERVER_2022_FULL", "WindowsServer2022Full"),
    ("WINDOWS_SERVER_2025_CORE", "WindowsServer2025Core"),
    ("WINDOWS_SERVER_2025_FULL", "WindowsServer2025Full"),
    ("WINDOWS_SERVER_20H2_CORE", "WindowsServer20H2Core"),
    ("LINUX", "Linux"),
];

pub(crate) const CPU_ARCHITECTURES: EnumTable = &[("X86_64", "X86_64"), ("ARM64", "Arm64")];

pub(crate) const LOG_DRIVERS: EnumTable = &[
    ("awslogs", "Awslogs"),
    ("awsfirelens", "Awsfirelens"),
    ("splunk", "Splunk"),
    ("json-file", "JsonFile"),
    ("syslog", "Syslog"),
    ("journald", "Journald"),
    ("gelf", "Gelf"),
    ("fluentd", "Fluentd"),
];

pub(crate) const ULIMIT_NAMES: EnumTable = &[
    ("core", "Core"),
    ("cpu", "Cpu"),
    ("data", "Data"),
    ("fsize", "Fsize"),
    ("locks", "Locks"),
    ("memlock", "Memlock"),
    ("msgqueue", "Msgqueue"),
    ("nice", "Nice"),
    ("nofile", "Nofile"),
    ("nproc", "Nproc"),
    ("rss", "Rss"),
    ("rtprio", "Rtprio"),
    ("rttime", "Rttime"),
    ("sigpending", "Sigpending"),
    ("stack", "Stack"),
];

pub(crate) const CONDITIONS: EnumTable = &[
    ("START", "Start"),
    ("COMPLETE", "Complete"),
    ("SUCCESS", "Success"),
    ("HEALTHY", "Healthy"),
];

pub(crate) const PROTOCOLS: EnumTable = &[("tcp", "Tcp"), ("udp", "Udp")];

pub(crate) const APP_PROTOCOLS: EnumTable =
    &[("http", "Http"), ("http2", "Http2"), ("grpc", "Grpc")];

pub(crate) const FIRELENS_TYPES: EnumTable = &[("fluentd", "Fluentd"), ("fluentbit", "Fluentbit")];

/// The variant of `value` in `table`, matched exactly.
pub(crate) fn variant(table: EnumTable, value: &str) -> Option<&'static str> {
    table.iter().find(|(api, _)| *api == value).map(|(_, v)| *v)
}

/// The API values of `table`.
pub(crate) fn values(table: EnumTable) -> Vec<&'static str> {
    table.iter().map(|(api, _)| *api).collect()
}

/// Fargate sizes: CPU units, smallest and largest memory (MiB), step.
pub(crate) const FARGATE_LINUX: &[(u32, u32, u32, u32)] = &[
    (256, 512, 2048, 512),
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122_880, 8192),
];

pub(crate) const FARGATE_WINDOWS: &[(u32, u32, u32, u32)] = &[
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
];

/// Health-check ranges (`ECS-D2`..`D5`): key, smallest, largest.
pub(crate) const HEALTH_CHECK_RANGES: &[(&str, i64, i64)] = &[
    ("interval", 5, 300),
    ("timeout", 2, 60),
    ("retries", 1, 10),
    ("start_period", 0, 300),
];

/// The smallest container memory Docker accepts (`ECS-B5`).
pub(crate) const MIN_CONTAINER_MIB: i64 = 6;

/// Container CPU units (`ECS-B7`).
pub(crate) const MAX_CONTAINER_CPU: i64 = 262_144;
