//! Deploy ecs-model applications to Amazon ECS.

pub mod convert;
