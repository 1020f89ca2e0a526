#![doc = include_str!("../README.md")]
//!
//! # Layout
//!
//! Start at [`Deployer`]: one value holding the AWS clients, with a method per workflow —
//! [`plan`](Deployer::plan), [`deploy`](Deployer::deploy) (check, observe, plan, apply, wait),
//! [`rollback`](Deployer::rollback), [`deregister`](Deployer::deregister),
//! [`verify`](Deployer::verify), [`status`](Deployer::status). Each wraps the free functions
//! below, which a caller composing its own workflow uses directly:
//!
//! - [`observe`] reads what exists into an [`Observed`]; [`Plan::new`] compares it with an
//!   application (no IO); [`apply`] carries a plan out.
//! - [`run`]: one-off tasks, to their exit codes; [`logs`]: containers' logs, followed;
//!   [`adopt`]: a service that exists, read back as definitions and Rust.
//! - [`wait`]: deployments to their end. [`revisions`]: rollback and deregistration.
//!   [`verify`] and [`status`].
//! - [`Error`]: one error type, with the AWS operation, resource, code and a hint.
//! - [`convert`]: the model to the AWS SDK's types and back, field for field. Its functions
//!   take and return the types of the AWS SDK crates ecs-deploy builds on ([`sdk`] re-exports
//!   them, so a caller names the same versions): they follow the SDK, and a release of
//!   ecs-deploy that moves to a newer SDK changes them, as it changes the SDK clients
//!   [`Clients`] holds. The plan, its steps and the workflows' results hold no SDK type.
//! - [`ec2`]: ecs-deploy's own client of the eight EC2 calls it makes, in place of the SDK's
//!   EC2 crate.

// The workspace README's examples use both crates: they are tested here.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct WorkspaceReadme;

pub mod adopt;
mod apply;
pub mod autoscaling;
pub mod clients;
pub mod convert;
mod deployer;
pub mod ec2;
pub mod ecr;
pub mod efs;
mod error;
pub mod in_flight;
pub mod lifecycle;
pub mod logs;
mod observe;
pub mod plan;
mod resource;
pub mod revisions;
pub mod run;
mod runtime;
pub mod schedules;
mod state;
pub mod status;
pub mod verify;
pub mod wait;

pub use apply::{Applied, apply};
pub use clients::Clients;
pub use deployer::{DeployOptions, Deployer, Deployment, Event};
pub use error::{AwsError, Error};
pub use observe::{observe, orphans};
pub use plan::{Action, Plan};
pub use resource::Resource;
pub use runtime::{JsonResult, SdkJsonError, ServiceError};
pub use state::{Found, Ids, Observed, ObservedRepository, ObservedRole, ObservedService, Owner};

/// The AWS SDK crates of [`convert`]'s signatures and of [`Clients`], at the versions ecs-deploy
/// uses.
pub mod sdk {
    pub use aws_config as config;
    pub use aws_sdk_cloudwatchlogs as logs;
    pub use aws_sdk_ecs as ecs;
    pub use aws_sdk_elasticloadbalancingv2 as elbv2;
    pub use aws_sdk_iam as iam;
    pub use aws_sdk_sts as sts;
}
