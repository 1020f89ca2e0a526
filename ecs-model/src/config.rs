//! A service's own config struct as the single source of its container definition.
//!
//! [`Container`] is what `#[derive(ecs_model::Container)]` implements (feature `derive`): the
//! container definition from the struct's attributes, the one from a value of the struct, and
//! the struct read back from the environment inside the container, secrets included.
//! [`Task`] is what `#[derive(ecs_model::Task)]` implements over a struct whose fields are
//! containers. Both can be implemented by hand; each has the same three methods: the builder
//! from the attributes ([`Container::container`], [`Task::task`]), the builder from a value
//! ([`Container::to_container`], [`Task::to_task`]) and the validated definition
//! ([`Container::container_definition`], [`Task::task_definition`]).

use std::ffi::OsString;
use std::str::FromStr;

use crate::container::{ContainerDefinition, ContainerDefinitionBuilder};
use crate::error::{EnvError, ValidationErrors};
use crate::task_definition::{TaskDefinition, TaskDefinitionBuilder};

/// A type whose values configure one container: its container definition, and its values read
/// from the environment ECS gives the container.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a container",
    label = "not a container",
    note = "derive it: `#[derive(ecs_model::Container)]`"
)]
pub trait Container: Sized {
    /// The container as the attributes declare it: environment variables that have a default,
    /// secrets by reference. The caller can still adjust it (the image tag usually comes from CI).
    fn container() -> ContainerDefinitionBuilder;

    /// The container from a value: every environment field set to the value's, secrets by
    /// reference (their values never enter a task definition).
    fn to_container(&self) -> ContainerDefinitionBuilder;

    /// The environment variables and secrets the type reads, in field order.
    fn env_vars() -> &'static [EnvVar];

    /// Reads a value through `lookup` (a variable's value by name): each field parsed with
    /// `FromStr`, defaults for absent ones; every missing or unparsable variable reported at once.
    ///
    /// # Errors
    /// An [`EnvError`] naming each variable that is missing or does not parse.
    fn from_lookup(lookup: &mut dyn FnMut(&str) -> Option<OsString>) -> Result<Self, EnvError>;

    /// [`container`](Self::container), validated.
    ///
    /// # Errors
    /// Every ECS rule the container breaks on its own.
    fn container_definition() -> Result<ContainerDefinition, ValidationErrors> {
        Self::container().build()
    }

    /// Reads a value from the process environment (inside the container, where ECS put the
    /// variables and the secrets).
    ///
    /// # Errors
    /// An [`EnvError`] naming each variable that is missing or does not parse.
    fn from_env() -> Result<Self, EnvError> {
        Self::from_lookup(&mut |name| std::env::var_os(name))
    }
}

/// A type whose fields are the containers of one task (an app and its sidecars).
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not define a task",
    note = "derive it: `#[derive(ecs_model::Task)]`"
)]
pub trait Task {
    /// The task definition as the attributes declare it, each container from its type.
    fn task() -> TaskDefinitionBuilder;

    /// The task definition from a value: each container from its field's value.
    fn to_task(&self) -> TaskDefinitionBuilder;

    /// [`task`](Self::task), validated.
    ///
    /// # Errors
    /// Every ECS rule the task definition breaks.
    fn task_definition() -> Result<TaskDefinition, ValidationErrors> {
        Self::task().build()
    }
}

/// How a field reaches the container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EnvSource {
    /// A plain environment variable in the task definition.
    Env,
    /// A secret ECS injects as an environment variable, from this `valueFrom`.
    Secret(&'static str),
}

/// One environment variable a [`Container`] type reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnvVar {
    /// The variable's name (`NODE_ENV`).
    pub name: &'static str,
    /// The Rust field it fills.
    pub field: &'static str,
    /// Plain or secret.
    pub source: EnvSource,
    /// The value used when the variable is absent.
    pub default: Option<&'static str>,
    /// Whether an absent variable (without a default) is an error.
    pub required: bool,
}

impl EnvVar {
    #[doc(hidden)]
    #[must_use]
    pub const fn new(
        name: &'static str,
        field: &'static str,
        source: EnvSource,
        default: Option<&'static str>,
        required: bool,
    ) -> Self {
        Self {
            name,
            field,
            source,
            default,
            required,
        }
    }
}

// The derive checks enum attributes against the shared value lists and names the values it
// accepted with `from_api`: each list must be its enum's values, or this crate does not compile.
const _: () = {
    use ecs_model_internals::enums::{self, same};

    use crate::container::{
        ApplicationProtocol, ContainerCondition, FirelensConfigurationType, TransportProtocol,
        UlimitName,
    };
    use crate::task_definition::{CpuArchitecture, NetworkMode, OsFamily};

    assert!(same(NetworkMode::VALUES, enums::NETWORK_MODES));
    assert!(same(OsFamily::VALUES, enums::OS_FAMILIES));
    assert!(same(CpuArchitecture::VALUES, enums::CPU_ARCHITECTURES));
    assert!(same(UlimitName::VALUES, enums::ULIMIT_NAMES));
    assert!(same(
        ContainerCondition::VALUES,
        enums::CONTAINER_CONDITIONS
    ));
    assert!(same(TransportProtocol::VALUES, enums::TRANSPORT_PROTOCOLS));
    assert!(same(
        ApplicationProtocol::VALUES,
        enums::APPLICATION_PROTOCOLS
    ));
    assert!(same(
        FirelensConfigurationType::VALUES,
        enums::FIRELENS_TYPES
    ));
};

/// What derived code calls; not part of the public API.
#[doc(hidden)]
pub mod __private {
    use super::{FromStr, OsString};
    pub use crate::container::{ApplicationProtocol, TransportProtocol};
    pub use crate::container::{
        ContainerCondition, ContainerDefinition, ContainerDefinitionBuilder, FirelensConfiguration,
        FirelensConfigurationType, HealthCheck, LogConfiguration, LogDriver, MountPoint,
        PortMapping, Ulimit, UlimitName,
    };
    use crate::error::{EnvError, EnvProblem};
    pub use crate::task_definition::{
        Compatibility, CpuArchitecture, NetworkMode, OsFamily, RuntimePlatform, TaskDefinition,
        TaskDefinitionBuilder,
    };
    pub use crate::volume::{EfsVolumeConfiguration, Volume};
    pub use std::ffi::OsString as Os;

    /// Values an environment field can hold: parsed with `FromStr`, written with `Display`.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot be read from an environment variable",
        label = "an `env` or `secret` field needs `FromStr` (to read it) and `Display` (to write it)",
        note = "use a type such as `String`, `u16`, `bool`, or implement `FromStr` and `Display` for it"
    )]
    pub trait EnvValue: Sized {
        /// Parses a variable's text.
        fn parse_env(text: &str) -> Result<Self, String>;
        /// The text of a value.
        fn to_env(&self) -> String;
    }

    impl<T> EnvValue for T
    where
        T: FromStr + std::fmt::Display,
        T::Err: std::fmt::Display,
    {
        fn parse_env(text: &str) -> Result<Self, String> {
            text.parse().map_err(|e: T::Err| e.to_string())
        }
        fn to_env(&self) -> String {
            self.to_string()
        }
    }

    /// Whether a variable holds a secret (an `#[ecs(secret = …)]` field).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Secret {
        /// A plain `env` field: its value may be shown.
        No,
        /// A secret: its value is never kept in a problem.
        Yes,
    }

    /// `T`'s name without module paths (`u16`, `IpAddr`, `Vec<String>`), for messages.
    pub(crate) fn type_name<T>() -> String {
        let full = std::any::type_name::<T>();
        let mut out = String::with_capacity(full.len());
        let mut path = String::new();
        for c in full.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() || c == '_' || c == ':' {
                path.push(c);
            } else {
                out.push_str(path.rsplit("::").next().unwrap_or_default());
                path.clear();
                out.push(c);
            }
        }
        out.pop();
        format!("`{out}`")
    }

    /// Collects the problems while a derived `from_lookup` reads its fields.
    pub struct Reader<'a> {
        lookup: &'a mut dyn FnMut(&str) -> Option<OsString>,
        problems: Vec<EnvProblem>,
    }

    impl<'a> Reader<'a> {
        pub fn new(lookup: &'a mut dyn FnMut(&str) -> Option<OsString>) -> Self {
            Self {
                lookup,
                problems: Vec::new(),
            }
        }

        /// The variable's text: `Ok(None)` when absent, `Err(())` (recorded) when not UTF-8.
        fn text(&mut self, name: &str) -> Result<Option<String>, ()> {
            let Some(value) = (self.lookup)(name) else {
                return Ok(None);
            };
            value.into_string().map(Some).map_err(|_| {
                self.problems.push(EnvProblem::NotUnicode {
                    name: name.to_owned(),
                });
            })
        }

        /// The value of `text`; a problem naming the variable when it does not parse, which
        /// for a secret keeps no byte of the text (nor the parser's message, which may quote it).
        fn parse<T: EnvValue>(&mut self, name: &str, text: String, secret: Secret) -> Option<T> {
            match T::parse_env(&text) {
                Ok(value) => Some(value),
                Err(reason) => {
                    let (value, reason) = match secret {
                        Secret::No => (Some(text), reason),
                        Secret::Yes => (None, format!("expected {}", type_name::<T>())),
                    };
                    self.problems.push(EnvProblem::Invalid {
                        name: name.to_owned(),
                        value,
                        reason,
                    });
                    None
                }
            }
        }

        /// A required variable (or its default).
        pub fn required<T: EnvValue>(
            &mut self,
            name: &str,
            default: Option<&str>,
            secret: Secret,
        ) -> Option<T> {
            match self.text(name) {
                Ok(Some(text)) => self.parse(name, text, secret),
                Ok(None) => {
                    if let Some(text) = default {
                        self.parse(name, text.to_owned(), secret)
                    } else {
                        self.problems.push(EnvProblem::Missing {
                            name: name.to_owned(),
                        });
                        None
                    }
                }
                Err(()) => None,
            }
        }

        /// An optional variable: `Some(None)` when absent.
        pub fn optional<T: EnvValue>(&mut self, name: &str, secret: Secret) -> Option<Option<T>> {
            match self.text(name) {
                Ok(Some(text)) => self.parse(name, text, secret).map(Some),
                Ok(None) => Some(None),
                Err(()) => None,
            }
        }

        /// The value `make` assembles from the fields read, or every problem found. `make`
        /// returns `None` only when a field failed, which recorded a problem.
        pub fn build<S>(self, make: impl FnOnce() -> Option<S>) -> Result<S, EnvError> {
            match make() {
                Some(value) if self.problems.is_empty() => Ok(value),
                _ => Err(EnvError::new(self.problems)),
            }
        }
    }

    /// The text of an environment value.
    pub fn env_text<T: EnvValue>(value: &T) -> String {
        value.to_env()
    }
}

#[cfg(test)]
mod tests {
    use super::__private::{Reader, Secret};
    use super::*;

    #[test]
    fn reports_every_problem_by_name() {
        let mut lookup = |name: &str| match name {
            "PORT" => Some(OsString::from("80a")),
            "HOST" => Some(OsString::from("0.0.0.0")),
            _ => None,
        };
        let mut reader = Reader::new(&mut lookup);
        let port: Option<u16> = reader.required("PORT", Some("8080"), Secret::No);
        let host: Option<String> = reader.required("HOST", None, Secret::No);
        let password: Option<String> = reader.required("DATABASE_PASSWORD", None, Secret::Yes);
        let dsn: Option<Option<String>> = reader.optional("SENTRY_DSN", Secret::Yes);
        let retries: Option<u8> = reader.required("RETRIES", Some("3"), Secret::No);
        assert_eq!(
            (port, host.as_deref(), password, dsn, retries),
            (None, Some("0.0.0.0"), None, Some(None), Some(3))
        );
        assert_eq!(
            reader.build(|| Some(())).unwrap_err().to_string(),
            "cannot read the configuration from the environment: PORT: \"80a\" is not valid: invalid digit found in string; DATABASE_PASSWORD: missing"
        );
    }

    /// A type whose parser quotes what it read, as many do.
    #[derive(Debug, PartialEq)]
    struct Token;

    impl std::fmt::Display for Token {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("token")
        }
    }

    impl FromStr for Token {
        type Err = String;
        fn from_str(s: &str) -> Result<Self, String> {
            Err(format!("`{s}` is not a token"))
        }
    }

    #[test]
    fn a_secret_that_does_not_parse_is_named_and_never_shown() {
        let mut lookup = |name: &str| match name {
            "DB_PORT" | "API_TOKEN" | "PLAIN" => Some(OsString::from("hunter2")),
            _ => None,
        };
        let mut reader = Reader::new(&mut lookup);
        let port: Option<u16> = reader.required("DB_PORT", None, Secret::Yes);
        let token: Option<Option<Token>> = reader.optional("API_TOKEN", Secret::Yes);
        assert_eq!((port, token), (None, None));
        let error = reader.build(|| Some(())).unwrap_err();
        let shown = format!("{error} {error:?} {:?}", error.problems());
        assert!(
            shown.contains("DB_PORT: expected `u16` (the value of a secret is not shown)"),
            "{shown}"
        );
        assert!(shown.contains("API_TOKEN: expected `Token`"), "{shown}");
        assert!(!shown.contains("hunter"), "{shown}");
        assert_eq!(
            super::__private::type_name::<Option<Vec<std::net::IpAddr>>>(),
            "`Option<Vec<IpAddr>>`"
        );

        // A plain variable's value may be shown, with the parser's reason.
        let mut reader = Reader::new(&mut lookup);
        let plain: Option<Token> = reader.required("PLAIN", None, Secret::No);
        assert_eq!(plain, None);
        assert!(
            (reader.build(|| Some(())).unwrap_err().to_string())
                .ends_with("PLAIN: \"hunter2\" is not valid: `hunter2` is not a token")
        );
    }
}
