//! The workflows of the examples as code, shared by the examples and their tests.

#[cfg(feature = "deploy")]
pub mod deploy;
pub mod ec2_dev;
pub mod lint;
pub mod pet_platform;
pub mod pet_web;
pub mod print;
