//! One problem found in a definition, by the parser or by validation.

use std::fmt;

use crate::path::JsonPath;
use crate::validate::Rule;

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// Worth a look, but ECS accepts it; never fails a build.
    Warning,
    /// ECS (or the container runtime) rejects it.
    Error,
}

impl Severity {
    /// `"error"` or `"warning"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem, located by its JSON path.
///
/// Displays as `containerDefinitions[0].memoryReservation: must not exceed memory (512 > 256) [ECS-B4]`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Where, in the JSON names of the rendered document.
    pub path: JsonPath,
    /// The ECS rule broken; `None` for a document that does not have the API's shape
    /// (unknown key, wrong JSON type, value outside an enum).
    pub rule: Option<&'static Rule>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, with the offending values.
    pub message: String,
}

impl Diagnostic {
    pub(crate) fn shape(path: JsonPath, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            path,
            rule: None,
            severity,
            message: message.into(),
        }
    }

    /// The rule id (`ECS-B4`), or `None` for shape problems.
    #[must_use]
    pub fn rule_id(&self) -> Option<&'static str> {
        self.rule.map(|rule| rule.id)
    }

    /// Whether this is an error (as opposed to a warning).
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        if let Some(rule) = self.rule {
            write!(f, " [{}]", rule.id)?;
        }
        Ok(())
    }
}

impl serde::Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("path", &self.path)?;
        map.serialize_entry("rule", &self.rule_id())?;
        map.serialize_entry("severity", self.severity.as_str())?;
        map.serialize_entry("message", &self.message)?;
        map.end()
    }
}
