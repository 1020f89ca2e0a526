//! Words in messages: the shared helpers, where the rest of the crate looks for them.

pub(crate) use ecs_model_internals::text::{closest, quoted, shortened};
