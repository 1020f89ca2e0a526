//! The seeds' workflows as code, shared by the examples and their tests.

pub mod lint;
pub mod pet_web;
