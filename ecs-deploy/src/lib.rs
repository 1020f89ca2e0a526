#![doc = include_str!("../README.md")]
//!
//! # Layout
//!
//! - [`Deployer`]: the workflow behind one value (check, observe, plan, apply, wait).
//! - [`observe`] reads what exists into an [`Observed`]; [`Plan::new`] compares it with an
//!   application (no IO); [`apply`] carries a plan out.
//! - [`wait`]: deployments to their end. [`revisions`]: rollback and deregistration.
//!   [`verify`] and [`status`].
//! - [`convert`]: the model to the AWS SDK's types and back, field for field.
//! - [`Error`]: one error type, with the AWS operation, resource, code and a hint.

// The workspace README's examples use both crates: they are tested here.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct WorkspaceReadme;

mod apply;
pub mod clients;
pub mod convert;
mod deployer;
mod error;
mod observe;
pub mod plan;
mod resource;
pub mod revisions;
mod state;
pub mod status;
pub mod verify;
pub mod wait;

pub use apply::{Applied, apply};
pub use clients::Clients;
pub use deployer::{DeployOptions, Deployer, Deployment, Event};
pub use error::{AwsError, Error};
pub use observe::observe;
pub use plan::{Action, Plan};
pub use resource::Resource;
pub use state::{Found, Ids, Observed, ObservedRole, ObservedService};
