//! Start-up ordering between the containers of a task.

use crate::Text;
use crate::json::record::{api_enum, api_struct};

api_enum! {
    /// When a dependency is satisfied.
    pub enum ContainerCondition ("container condition") {
        /// The dependency has started.
        Start = "START",
        /// The dependency has run to completion (any exit code); not on an essential container.
        Complete = "COMPLETE",
        /// The dependency has exited with code 0; not on an essential container.
        Success = "SUCCESS",
        /// The dependency's health check passed; it needs a health check.
        Healthy = "HEALTHY",
    }
}

impl Default for ContainerCondition {
    /// `START`, the weakest condition.
    fn default() -> Self {
        Self::Start
    }
}

api_struct! {
    /// This container starts after `containerName` reaches `condition` (`ECS-E1`..`E5`).
    pub struct ContainerDependency {
        /// The container waited for.
        container_name "containerName": Text,
        /// What it must reach.
        condition "condition": ContainerCondition,
    }
}

impl ContainerDependency {
    /// Waits for `container` to reach `condition`.
    #[must_use]
    pub fn new(container: impl Into<Text>, condition: ContainerCondition) -> Self {
        Self {
            container_name: container.into(),
            condition,
            extra: crate::json::Extra::new(),
        }
    }
}
