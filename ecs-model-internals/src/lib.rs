//! The ECS facts and pure checks that [`ecs-model`](https://docs.rs/ecs-model) (at run time) and
//! its derive (at compile time) both apply, written once: the Fargate size table, numeric limits,
//! name rules, image and secret references, ARNs, CPU and memory amounts, the values of the API
//! enums the derive's attributes name, typo suggestions, and byte tests eight bytes at a time.
//!
//! Each check returns the message `ecs-model`'s validation reports, so `#[derive(Container)]`
//! rejects an attribute with the words `build()` would use for the same value.
//!
//! This crate has no dependencies and no public API of its own: `ecs-model` and
//! `ecs-model-derive` pin it with `=`, and its items may change in any release. Depend on
//! `ecs-model` instead: the items it re-exports (`ecs_model::Arn`, the Fargate table of
//! `ecs_model::validate`) follow `ecs-model`'s versions.

pub mod arn;
pub mod bytes;
pub mod enums;
pub mod fargate;
pub mod limits;
pub mod names;
pub mod secrets;
pub mod text;
pub mod units;
