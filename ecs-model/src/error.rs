//! The errors of this crate. [`EnumError`](crate::EnumError) lives with the API enums that return
//! it (`json/record.rs`), below the diagnostics these errors carry.

use std::fmt;

use crate::diagnostic::Diagnostic;
use crate::json::record::EnumError;
use crate::path::JsonPath;
use crate::words::quoted;

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
    Env(#[from] EnvError),
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

/// A CPU or memory amount ECS would not accept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", unit.not_an_amount(value, reason))]
pub struct UnitError {
    pub(crate) unit: ecs_model_internals::units::Unit,
    pub(crate) value: String,
    pub(crate) reason: String,
}

/// Why one variable could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EnvProblem {
    /// Absent, with no default.
    Missing {
        /// The variable.
        name: String,
    },
    /// Present but not valid Unicode.
    NotUnicode {
        /// The variable.
        name: String,
    },
    /// Present (or defaulted) but `FromStr` rejected it.
    Invalid {
        /// The variable.
        name: String,
        /// The text that did not parse; `None` for a secret, whose value is never kept.
        value: Option<String>,
        /// The parser's reason; for a secret only the type it expected, since a parser's
        /// message may quote what it read.
        reason: String,
    },
}

impl fmt::Display for EnvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { name } => write!(f, "{name}: missing"),
            Self::NotUnicode { name } => write!(f, "{name}: not valid UTF-8"),
            Self::Invalid {
                name,
                value: Some(value),
                reason,
            } => write!(f, "{name}: {} is not valid: {reason}", quoted(value)),
            Self::Invalid {
                name,
                value: None,
                reason,
            } => write!(f, "{name}: {reason} (the value of a secret is not shown)"),
        }
    }
}

/// Every environment variable that was missing or did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", display_problems(&self.0))]
pub struct EnvError(Vec<EnvProblem>);

fn display_problems(problems: &[EnvProblem]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    format!(
        "cannot read the configuration from the environment: {}",
        lines.join("; ")
    )
}

impl EnvError {
    pub(crate) fn new(problems: Vec<EnvProblem>) -> Self {
        Self(problems)
    }

    /// The problems, in field order.
    #[must_use]
    pub fn problems(&self) -> &[EnvProblem] {
        &self.0
    }
}
