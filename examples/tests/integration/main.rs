//! The integration tests of the examples: the applications they build, the linter, the derive twin of pet-web, and their deployments against moto.
//!
//! One test binary for the crate (each binary links the crate and its dependencies once): each
//! former test file is a module.

mod adopt;
mod applications;
mod deploy;
mod iam_linters;
mod lint;
mod migration;
mod pet_platform;
mod pet_web;
mod pet_web_derive;
mod recorded;
