//! The integration tests of the derives: what they generate against the builder, the hygiene of the generated code, and every compile error (trybuild).
//!
//! One test binary for the crate (each binary links the crate and its dependencies once): each
//! former test file is a module.

mod derive;
// Public, so that its items count as used as they did in a crate of their own: the test denies
// warnings.
pub mod hygiene;
mod ui;
