//! Log configuration: `awslogs`, FireLens and the other Docker log drivers.

use crate::Text;
use std::fmt;
use std::str::FromStr;

use crate::json::decode::{Cx, Decode, Error, Reader, Scalar, StringMap, decode_scalar};
use crate::json::record::{Unknown, UnknownKind, Walk, api_enum, api_struct};
use crate::path::PathCursor;

use super::environment::Secret;

/// A Docker log driver.
///
/// The API lists eight; `Other` keeps a driver it does not list (EC2 only, with an agent built to
/// support it), which the strict parser rejects and validation reports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum LogDriver {
    /// `awslogs`: CloudWatch Logs.
    Awslogs,
    /// `awsfirelens`: a FireLens log router (Fluent Bit or Fluentd) in the same task.
    Awsfirelens,
    /// `splunk`.
    Splunk,
    /// `json-file` (EC2 only).
    JsonFile,
    /// `syslog` (EC2 only).
    Syslog,
    /// `journald` (EC2 only).
    Journald,
    /// `gelf` (EC2 only).
    Gelf,
    /// `fluentd` (EC2 only).
    Fluentd,
    /// A driver the API does not list.
    Other(String),
}

impl LogDriver {
    /// The drivers the API lists.
    pub const KNOWN: &'static [&'static str] = ecs_model_internals::enums::LOG_DRIVERS;

    /// The driver `name`: one the API lists, or [`Other`](Self::Other).
    #[must_use]
    pub fn named(name: &str) -> Self {
        Self::known(name).unwrap_or_else(|| Self::Other(name.to_owned()))
    }

    /// The driver as the API spells it.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Awslogs => "awslogs",
            Self::Awsfirelens => "awsfirelens",
            Self::Splunk => "splunk",
            Self::JsonFile => "json-file",
            Self::Syslog => "syslog",
            Self::Journald => "journald",
            Self::Gelf => "gelf",
            Self::Fluentd => "fluentd",
            Self::Other(name) => name,
        }
    }

    /// Whether Fargate runs this driver (`ECS-F1`).
    #[must_use]
    pub fn supported_on_fargate(&self) -> bool {
        matches!(self, Self::Awslogs | Self::Awsfirelens | Self::Splunk)
    }

    fn known(name: &str) -> Option<Self> {
        Some(match name {
            "awslogs" => Self::Awslogs,
            "awsfirelens" => Self::Awsfirelens,
            "splunk" => Self::Splunk,
            "json-file" => Self::JsonFile,
            "syslog" => Self::Syslog,
            "journald" => Self::Journald,
            "gelf" => Self::Gelf,
            "fluentd" => Self::Fluentd,
            _ => return None,
        })
    }

    pub(crate) fn unknown_message(name: &str) -> String {
        crate::json::EnumError::new("log driver", name, Self::KNOWN).to_string()
    }
}

impl fmt::Display for LogDriver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LogDriver {
    type Err = crate::json::EnumError;
    /// Strict: only the drivers the API lists; build [`LogDriver::Other`] explicitly.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::known(s).ok_or_else(|| crate::json::EnumError::new("log driver", s, Self::KNOWN))
    }
}

impl Scalar for LogDriver {
    const EXPECTED: &'static str = "a log driver string";
    fn from_str(v: &str) -> Result<Self, String> {
        Ok(Self::named(v))
    }
}

impl Decode for LogDriver {
    fn decode(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Self, Error> {
        let driver = decode_scalar(r, cx)?;
        if let Self::Other(_) = driver {
            // Reported once the document is read, as unknown keys are.
            cx.keep_unknown();
        }
        Ok(driver)
    }
}

crate::json::record::required_field!(LogDriver);

impl Walk for LogDriver {
    fn unknown_keys(&self, at: &PathCursor<'_>, out: &mut Vec<Unknown>) {
        if let Self::Other(name) = self {
            out.push(Unknown {
                path: at.path(),
                what: UnknownKind::Value(Self::unknown_message(name)),
            });
        }
    }
}

/// As `Serialize` writes it; `Other` holds any name, escaped as needed.
impl crate::json::compact::Compact for LogDriver {
    fn compact_len(&self) -> usize {
        self.as_str().compact_len()
    }

    fn write_compact(&self, out: &mut String) {
        self.as_str().write_compact(out);
    }
}

impl serde::Serialize for LogDriver {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for LogDriver {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        crate::json::record::deserialize_strict(de)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for LogDriver {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LogDriver".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "enum": LogDriver::KNOWN })
    }
}

api_struct! {
    /// Where a container's stdout and stderr go.
    pub struct LogConfiguration {
        /// The driver.
        log_driver "logDriver": LogDriver,
        /// Driver options; keys are kept exactly as given (`awslogs-group`, `Name`, …).
        options "options": StringMap,
        /// Options whose values are secrets (a Splunk token, for instance).
        secret_options "secretOptions": Vec<Secret>,
    }
}

/// `awslogs` option names.
pub mod awslogs {
    /// The log group.
    pub const GROUP: &str = "awslogs-group";
    /// The region of the log group.
    pub const REGION: &str = "awslogs-region";
    /// The prefix of the log stream names (required on Fargate).
    pub const STREAM_PREFIX: &str = "awslogs-stream-prefix";
    /// `"true"` to create the group (needs `logs:CreateLogGroup`).
    pub const CREATE_GROUP: &str = "awslogs-create-group";
    /// A strftime pattern that starts a multi-line message.
    pub const DATETIME_FORMAT: &str = "awslogs-datetime-format";
    /// A regex that starts a multi-line message.
    pub const MULTILINE_PATTERN: &str = "awslogs-multiline-pattern";
    /// `blocking` or `non-blocking`.
    pub const MODE: &str = "mode";
    /// Buffer size in non-blocking mode.
    pub const MAX_BUFFER_SIZE: &str = "max-buffer-size";
    /// Every option the `awslogs` driver accepts.
    pub const ALL: &[&str] = &[
        CREATE_GROUP,
        DATETIME_FORMAT,
        GROUP,
        MULTILINE_PATTERN,
        REGION,
        STREAM_PREFIX,
        MAX_BUFFER_SIZE,
        MODE,
        "awslogs-endpoint",
        "awslogs-credentials-endpoint",
        "awslogs-format",
        "tag",
    ];
}

impl LogConfiguration {
    /// A configuration for `driver` with no options.
    #[must_use]
    pub fn new(driver: LogDriver) -> Self {
        Self {
            log_driver: driver,
            ..Self::default()
        }
    }

    /// `awslogs` to `group` in `region`, streams named `prefix/container/task-id`.
    ///
    /// ```
    /// use ecs_model::LogConfiguration;
    /// let logs = LogConfiguration::awslogs("/ecs/pet-web-task", "ap-northeast-2", "ecs");
    /// assert_eq!(logs.options["awslogs-group"], "/ecs/pet-web-task");
    /// ```
    #[must_use]
    pub fn awslogs(
        group: impl Into<Text>,
        region: impl Into<Text>,
        stream_prefix: impl Into<Text>,
    ) -> Self {
        Self::new(LogDriver::Awslogs)
            .option(awslogs::GROUP, group)
            .option(awslogs::REGION, region)
            .option(awslogs::STREAM_PREFIX, stream_prefix)
    }

    /// `awsfirelens` with the router's output options (`Name`, `region`, …).
    #[must_use]
    pub fn firelens<I, K, V>(options: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<Text>,
        V: Into<Text>,
    {
        Self::new(LogDriver::Awsfirelens).options(options)
    }

    /// Adds one option.
    #[must_use]
    pub fn option(mut self, name: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.options.insert(name.into(), value.into());
        self
    }

    /// Adds several options.
    #[must_use]
    pub fn options<I, K, V>(mut self, options: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<Text>,
        V: Into<Text>,
    {
        self.options
            .extend(options.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }

    /// Adds a secret option.
    #[must_use]
    pub fn secret_option(mut self, name: impl Into<Text>, value_from: impl Into<Text>) -> Self {
        self.secret_options.push(Secret::new(name, value_from));
        self
    }

    /// The value of option `name`.
    #[must_use]
    pub fn option_value(&self, name: &str) -> Option<&str> {
        self.options.get(name).map(Text::as_str)
    }
}

impl Default for LogDriver {
    /// `awslogs`, the driver ECS's console picks.
    fn default() -> Self {
        Self::Awslogs
    }
}

api_enum! {
    /// The log router a FireLens container runs.
    pub enum FirelensConfigurationType ("FireLens type") {
        /// Fluentd.
        Fluentd = "fluentd",
        /// Fluent Bit.
        Fluentbit = "fluentbit",
    }
}

impl Default for FirelensConfigurationType {
    /// Fluent Bit, which AWS ships as `aws-for-fluent-bit`.
    fn default() -> Self {
        Self::Fluentbit
    }
}

api_struct! {
    /// Makes this container the task's FireLens log router (`ECS-F7`).
    pub struct FirelensConfiguration {
        /// `fluentbit` or `fluentd`.
        r#type "type": FirelensConfigurationType,
        /// Router options (`enable-ecs-log-metadata`, `config-file-type`, `config-file-value`).
        options "options": StringMap,
    }
}

impl FirelensConfiguration {
    /// A router of `kind` with no options.
    #[must_use]
    pub fn new(kind: FirelensConfigurationType) -> Self {
        Self {
            r#type: kind,
            ..Self::default()
        }
    }

    /// Adds one option.
    #[must_use]
    pub fn option(mut self, name: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.options.insert(name.into(), value.into());
        self
    }
}
