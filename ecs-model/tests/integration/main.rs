//! The integration tests of ecs-model: the public API, the rules, the JSON, the real-world corpus and the API models.
//!
//! One test binary for the crate (each binary links the crate and its dependencies once): each
//! former test file is a module.

#[cfg(feature = "application")]
mod api_model;
#[cfg(feature = "application")]
mod application;
mod builder;
mod conformance;
#[cfg(all(feature = "schema", feature = "application"))]
mod fuzz;
// The fuzz targets' harness (the fuzz crate's), compiled in here for the tests that replay it.
#[cfg(feature = "application")]
#[allow(unreachable_pub)]
#[path = "../../../fuzz/src/lib.rs"]
mod fuzz_harness;
#[cfg(feature = "application")]
mod fuzz_regressions;
mod hostile;
#[cfg(feature = "application")]
mod iam;
mod json;
#[cfg(feature = "application")]
mod resources;
mod rules;
mod support;
