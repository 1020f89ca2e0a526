//! The errors of this crate.

use std::fmt;

use crate::diagnostic::Diagnostic;
use crate::json::decode::Cx;
use crate::path::JsonPath;

/// Any error of this crate.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The JSON could not be read as the API shape.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The definition breaks ECS rules.
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
    /// A string is not a value of an API enum.
    #[error(transparent)]
    Enum(#[from] EnumError),
    /// A CPU or memory amount could not be read.
    #[error(transparent)]
    Unit(#[from] UnitError),
    /// A config struct could not be read from the environment.
    #[error(transparent)]
    Env(#[from] crate::config::EnvError),
}

/// The JSON is not a definition ECS would read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Not JSON at all.
    #[error("not valid JSON: {message} at line {line} column {column}")]
    Syntax {
        /// What the JSON reader found wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// JSON, but not the API's shape: unknown keys, wrong JSON types, `null`s, values outside an
    /// enum, missing required keys. Every diagnostic here is an error.
    #[error("{}", DisplayList(.0))]
    Shape(Vec<Diagnostic>),
}

impl ParseError {
    pub(crate) fn from_decode(error: &serde_json::Error, cx: Cx) -> Self {
        let (problem, path) = cx.finish();
        let message = match problem {
            Some(message) => message,
            None if error.is_syntax() || error.is_eof() => {
                return Self::Syntax {
                    message: without_position(error),
                    line: error.line(),
                    column: error.column(),
                };
            }
            None => without_position(error),
        };
        Self::Shape(vec![Diagnostic::shape(
            path,
            crate::diagnostic::Severity::Error,
            message,
        )])
    }

    /// Every problem, located; a syntax error is reported at the document root.
    #[must_use]
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Self::Syntax { .. } => vec![Diagnostic::shape(
                JsonPath::root(),
                crate::diagnostic::Severity::Error,
                self.to_string(),
            )],
            Self::Shape(diagnostics) => diagnostics.clone(),
        }
    }

    /// Whether the input was not JSON at all (as opposed to JSON of the wrong shape).
    #[must_use]
    pub fn is_syntax(&self) -> bool {
        matches!(self, Self::Syntax { .. })
    }
}

fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// Every rule a definition breaks (errors only: warnings never fail a build).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", DisplayList(&self.0))]
pub struct ValidationErrors(pub(crate) Vec<Diagnostic>);

impl ValidationErrors {
    /// The errors among `diagnostics`, or `Ok` when there are none (warnings pass).
    ///
    /// ```
    /// use ecs_model::{ContainerDefinition, TaskDefinition, ValidationErrors};
    /// let empty = TaskDefinition::builder("web").build_unchecked();
    /// assert!(ValidationErrors::check(empty.validate()).is_err());
    /// let web = TaskDefinition::builder("web")
    ///     .container(ContainerDefinition::builder("web", "nginx:1.27").memory(128))
    ///     .build_unchecked();
    /// assert!(ValidationErrors::check(web.validate()).is_ok());
    /// ```
    ///
    /// # Errors
    /// When a diagnostic is an error.
    pub fn check(diagnostics: impl IntoIterator<Item = Diagnostic>) -> Result<(), Self> {
        let errors: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Self(errors))
        }
    }

    /// The errors, in document order.
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.0
    }

    /// Consumes `self`, giving the errors.
    #[must_use]
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.0
    }

    /// Whether an error carries this rule id (`"ECS-B4"`).
    #[must_use]
    pub fn has_rule(&self, id: &str) -> bool {
        self.0.iter().any(|d| d.rule_id() == Some(id))
    }
}

struct DisplayList<'a>(&'a [Diagnostic]);

impl fmt::Display for DisplayList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

/// A string that is not one of an API enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} is not a valid {what}{hint}; expected one of: {}", crate::text::quoted(value), valid.join(", "))]
pub struct EnumError {
    what: &'static str,
    value: String,
    valid: &'static [&'static str],
    hint: String,
}

impl EnumError {
    pub(crate) fn new(what: &'static str, value: &str, valid: &'static [&'static str]) -> Self {
        let hint = crate::text::closest(value, valid)
            .map(|near| format!(" (did you mean \"{near}\"?)"))
            .unwrap_or_default();
        Self {
            what,
            value: value.to_owned(),
            valid,
            hint,
        }
    }

    /// The rejected value.
    #[must_use]
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The values the enum accepts.
    #[must_use]
    pub fn valid(&self) -> &'static [&'static str] {
        self.valid
    }
}

/// A CPU or memory amount ECS would not accept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", unit.not_an_amount(value, reason))]
pub struct UnitError {
    pub(crate) unit: ecs_model_internals::units::Unit,
    pub(crate) value: String,
    pub(crate) reason: String,
}
