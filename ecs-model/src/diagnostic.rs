//! One problem found in a definition, by the parser or by validation, and the rules it breaks:
//! [`Rule`]s are data (the catalog is [`validate::rules`](crate::validate::rules)).

use std::fmt;

use crate::path::JsonPath;
use crate::task_definition::Compatibility;

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

/// One ECS rule: what it requires, where it applies, who says so.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rule {
    /// The catalog id (`ECS-B4`).
    pub id: &'static str,
    /// How bad breaking it is.
    pub severity: Severity,
    /// What it requires.
    pub summary: &'static str,
    /// The tasks it applies to.
    pub applies: Applies,
    /// Where the rule is stated (API docs, cfn-lint, CDK, ECS error messages).
    pub source: &'static str,
}

/// The tasks a [`Rule`] applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Applies {
    /// Launch types; empty means every one.
    pub launch_types: &'static [Compatibility],
    /// Operating system.
    pub os: Os,
}

/// The operating system a [`Rule`] applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Os {
    /// Any.
    Any,
    /// Linux tasks (a task without `runtimePlatform` is taken as Linux).
    Linux,
    /// Windows tasks (`runtimePlatform.operatingSystemFamily` is a Windows family).
    Windows,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.id, self.summary)
    }
}

#[cfg(feature = "application")]
/// Collects diagnostics of a resource other than a task definition: its rules apply wherever it
/// runs, and paths may start with a prefix (the resource's place in an application).
#[derive(Default)]
pub(crate) struct Findings {
    prefix: JsonPath,
    out: Vec<Diagnostic>,
}

#[cfg(feature = "application")]
impl Findings {
    /// Findings whose paths start with `prefix`.
    pub(crate) fn under(prefix: JsonPath) -> Self {
        Self {
            prefix,
            out: Vec::new(),
        }
    }

    /// Reports `message` at `path` (after the prefix) under `rule`.
    pub(crate) fn report(
        &mut self,
        rule: &'static Rule,
        path: JsonPath,
        message: impl Into<String>,
    ) {
        self.out.push(Diagnostic {
            path: if self.prefix.segments().is_empty() {
                path
            } else {
                self.prefix.clone().join(&path)
            },
            rule: Some(rule),
            severity: rule.severity,
            message: message.into(),
        });
    }

    /// Takes the diagnostics of a part, prefixing their paths.
    pub(crate) fn extend(&mut self, diagnostics: Vec<Diagnostic>) {
        for mut d in diagnostics {
            d.path = self.prefix.clone().join(&d.path);
            self.out.push(d);
        }
    }

    /// Takes diagnostics whose paths are already complete.
    pub(crate) fn extend_unprefixed(&mut self, diagnostics: Vec<Diagnostic>) {
        self.out.extend(diagnostics);
    }

    pub(crate) fn into_vec(self) -> Vec<Diagnostic> {
        self.out
    }
}
