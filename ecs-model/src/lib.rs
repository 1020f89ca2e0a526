// The README's examples use the whole model; without the `application` feature the crate docs
// start at the layout below.
#![cfg_attr(feature = "application", doc = include_str!("../README.md"))]
//!
//! # Layout
//!
//! - [`TaskDefinition`](struct@TaskDefinition) and its builder ([`task_definition`]),
//!   [`ContainerDefinition`] and its pieces ([`container`]), [`Volume`]s ([`volume`]), [`Cpu`]
//!   and [`Memory`] ([`units`]).
//! - [`TaskDefinition::from_json`] / [`TaskDefinition::to_json`]: the exact JSON of the ECS API.
//! - [`Text`]: the string of the records' fields, short ones inline; use it like a `&str`, make
//!   one with `.into()`.
//! - [`TaskDefinition::validate`] and the rule catalog ([`validate`]).
//! - [`testing::assert_valid`] for your own tests.
//! - Around it ([`application`]): the [`service`], the [`cluster`] and its capacity, the
//!   [`iam`] roles with least-privilege policies, the load balancer ([`alb`]) and the security
//!   groups ([`network`]), validated together as an [`Application`].
//! - With the `derive` feature, `#[derive(Container)]` and `#[derive(Task)]`: a
//!   service's config struct as its container definition ([`config`]).
//!
//! # Building values
//!
//! Every resource is built the same way: `X::builder(…)` or a named constructor
//! (`TaskDefinition::fargate`, `TargetGroup::ip`, `Role::ecs_task_execution`) gives an
//! `XBuilder`, setters adjust it, and `build()` runs `X::validate()` and returns every error at
//! once (warnings never fail a build); `build_unchecked()` skips the check and `with(|x| …)`
//! reaches any field. The parts of a resource (port mappings, health checks, log
//! configurations, policy statements, ingress rules) are plain values with constructors.
//!
//! What holding a value promises:
//! - any value renders JSON of the API's shape, and a value from `from_json` read it strictly;
//! - a value from `build()` passed its own rules when it was built. Its fields are public, so it
//!   can be changed afterwards, and its rules cannot see the resources around it: an
//!   [`Application`](crate::Application)'s `build()` checks every resource again and the seams
//!   between them, and `ecs-deploy` validates before its first call to AWS;
//! - nothing is promised of a value from `build_unchecked()` or a lenient parse until it is
//!   validated.

#[cfg(feature = "application")]
pub mod alb;
#[cfg(feature = "application")]
pub mod application;
#[cfg(feature = "application")]
mod arn;
mod builder;
#[cfg(feature = "application")]
pub mod cluster;
pub mod config;
pub mod container;
mod diagnostic;
#[cfg(feature = "application")]
pub mod ecr;
#[cfg(feature = "application")]
pub mod efs;
mod error;
#[cfg(feature = "application")]
pub mod iam;
mod json;
#[cfg(feature = "application")]
pub mod network;
mod path;
#[cfg(feature = "application")]
mod reference;
#[cfg(feature = "application")]
pub mod scaling;
#[cfg(feature = "application")]
pub mod schedule;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "application")]
pub mod service;
mod tag;
pub mod task_definition;
pub mod template;
pub mod testing;
mod text;
pub mod units;
pub mod validate;
pub mod volume;
mod words;

#[cfg(feature = "application")]
pub use application::{Application, Workload};
#[cfg(feature = "application")]
pub use arn::{Account, Arn, partition_of};
#[doc(hidden)]
pub use config::__private;
pub use config::{Container, EnvSource, EnvVar, Task};
pub use container::{
    ContainerDefinition, ContainerDefinitionBuilder, HealthCheck, LogConfiguration, LogDriver,
    PortMapping, Secret,
};
pub use diagnostic::{Applies, Diagnostic, Os, Rule, Severity};
pub use error::{EnvError, EnvProblem, Error, ParseError, UnitError, ValidationErrors};
pub use json::{EnumError, Extra, Lenient, Mode};
pub use path::{JsonPath, PathCursor, Segment};
#[cfg(feature = "application")]
pub use reference::{Reference, resolve_tokens};
pub use tag::Tag;
pub use task_definition::{Compatibility, NetworkMode, TaskDefinition, TaskDefinitionBuilder};
pub use text::Text;
pub use units::{Cpu, Memory};
pub use volume::Volume;

#[cfg(feature = "derive")]
pub use ecs_model_derive::{Container, Task};
