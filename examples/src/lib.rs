//! The workflows of the examples as code, shared by the examples and their tests.

pub mod deploy;
pub mod ec2_dev;
pub mod lint;
pub mod pet_platform;
pub mod pet_web;
pub mod print;
