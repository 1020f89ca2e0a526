//! The validated input of a derive: attributes read into typed values, each value checked with
//! the ECS rules `ecs-model` applies (`ecs_model_internals`), each problem reported at its tokens.
//! `container.rs` reads `#[derive(Container)]`, `task.rs` `#[derive(Task)]`, with the readers both
//! use in `read.rs`; the rules between attributes are in `check.rs`.

mod container;
mod read;
mod task;

pub(crate) use container::{
    Container, Field, FieldKind, HealthCheck, HealthCommand, Log, Port, Process, Resources, Wiring,
};
pub(crate) use read::Hatches;
pub(crate) use task::{Launch, Task, TaskContainer, TaskVolume};
