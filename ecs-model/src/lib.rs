#![doc = include_str!("../README.md")]
//!
//! # Layout
//!
//! - [`TaskDefinition`](struct@TaskDefinition) and its builder ([`task_definition`]),
//!   [`ContainerDefinition`] and its pieces ([`container`]), [`Volume`]s ([`volume`]), [`Cpu`]
//!   and [`Memory`] ([`units`]).
//! - [`TaskDefinition::from_json`] / [`TaskDefinition::to_json`]: the exact JSON of the ECS API.
//! - [`TaskDefinition::validate`] and the rule catalog ([`validate`]).
//! - [`testing::assert_valid`] for your own tests.
//! - With the `derive` feature, `#[derive(Container)]` and `#[derive(TaskDefinition)]`: a
//!   service's config struct as its container definition ([`config`]).

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct WorkspaceReadme;

pub mod config;
pub mod container;
mod diagnostic;
mod error;
mod json;
mod path;
#[cfg(feature = "schema")]
pub mod schema;
pub mod task_definition;
pub mod testing;
mod text;
pub mod units;
pub mod validate;
pub mod volume;

#[doc(hidden)]
pub use config::__private;
pub use config::{Container, EnvError, EnvProblem, EnvSource, EnvVar, Task};
pub use container::{
    ContainerDefinition, ContainerDefinitionBuilder, HealthCheck, LogConfiguration, LogDriver,
    PortMapping, Secret,
};
pub use diagnostic::{Diagnostic, Severity};
pub use error::{EnumError, Error, ParseError, UnitError, ValidationErrors};
pub use json::{Extra, Lenient, Mode};
pub use path::{JsonPath, Segment};
pub use task_definition::{Compatibility, NetworkMode, TaskDefinition, TaskDefinitionBuilder};
pub use units::{Cpu, Memory};
pub use validate::Rule;
pub use volume::Volume;

#[cfg(feature = "derive")]
pub use ecs_model_derive::{Container, TaskDefinition};
