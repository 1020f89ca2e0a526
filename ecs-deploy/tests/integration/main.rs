//! The integration tests of ecs-deploy: the plan, the conversions and their wire format, mocked SDK calls, and the command line against moto.
//!
//! One test binary for the crate (each binary links the crate and its dependencies once): each
//! former test file is a module.

#[cfg(feature = "cli")]
mod cli;
mod concurrency;
mod convert;
mod ec2;
mod fidelity;
mod mocks;
mod ownership;
mod plan;
mod repositories;
mod revisions;
mod support;
mod tasks;
mod verify;
mod wire;
