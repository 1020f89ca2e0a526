//! The integration tests of ecs-deploy: the plan, the conversions and their wire format, mocked SDK calls, and the command line against moto.
//!
//! One test binary for the crate (each binary links the crate and its dependencies once): each
//! former test file is a module.

#[cfg(all(feature = "cli", feature = "ec2"))]
mod cli;
mod convert;
mod mocks;
mod plan;
mod support;
mod wire;
