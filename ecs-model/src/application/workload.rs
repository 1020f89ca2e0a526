//! One thing an application runs: a task definition, and what runs it.

use crate::iam::Role;
use crate::scaling::ServiceScaling;
use crate::schedule::Schedule;
use crate::service::Service;
use crate::task_definition::TaskDefinition;

/// A task definition and what starts its tasks: a service that keeps them running (scaled by
/// Application Auto Scaling or not), a schedule, or nothing (tasks run by hand or by a tool, a
/// migration, say). An application holds any number of workloads on one cluster; each is known
/// by its task definition's family.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Workload {
    /// The task definition.
    pub task_definition: TaskDefinition,
    /// The service running it, if any.
    pub service: Option<Service>,
    /// The service's auto scaling, if any: the plan then leaves its `desiredCount` alone.
    pub scaling: Option<ServiceScaling>,
    /// The EventBridge Scheduler schedule that runs it, if any.
    pub schedule: Option<Schedule>,
}

impl Workload {
    /// Starts a workload of `task_definition`.
    pub fn builder(task_definition: impl Into<TaskDefinition>) -> WorkloadBuilder {
        WorkloadBuilder {
            workload: Workload {
                task_definition: task_definition.into(),
                service: None,
                scaling: None,
                schedule: None,
            },
            execution_role: None,
            task_role: None,
        }
    }

    /// Its name: the task definition's family.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.task_definition.family
    }
}

/// Builds a [`Workload`] for [`ApplicationBuilder::workload`](super::ApplicationBuilder::workload),
/// which validates it with the rest of the application and gives its roles their ARNs.
#[derive(Debug, Clone, PartialEq)]
#[must_use = "a workload does nothing until it is added to an application"]
pub struct WorkloadBuilder {
    pub(super) workload: Workload,
    pub(super) execution_role: Option<Role>,
    pub(super) task_role: Option<Role>,
}

impl WorkloadBuilder {
    /// The service that runs the task definition. Its `taskDefinition` is set to the family
    /// when it names none.
    pub fn service(mut self, service: impl Into<Service>) -> Self {
        let mut service = service.into();
        service
            .task_definition
            .get_or_insert_with(|| self.workload.task_definition.family.clone());
        self.workload.service = Some(service);
        self
    }

    /// Scales the service with Application Auto Scaling; the application sets the requests'
    /// `ResourceId`.
    pub fn scaling(mut self, scaling: impl Into<ServiceScaling>) -> Self {
        self.workload.scaling = Some(scaling.into());
        self
    }

    /// Runs the task definition on `schedule`. The application points its target at the
    /// cluster and the family (its latest revision) and, when the schedule names no role,
    /// creates one that may run exactly this family and pass exactly its roles.
    pub fn schedule(mut self, schedule: impl Into<Schedule>) -> Self {
        self.workload.schedule = Some(schedule.into());
        self
    }

    /// The role ECS uses to pull, log and read secrets for the task: added to the application
    /// (once, when workloads share it), and the task definition's `executionRoleArn` set to it.
    pub fn execution_role(mut self, role: impl Into<Role>) -> Self {
        self.execution_role = Some(role.into());
        self
    }

    /// The role of the task's own AWS calls: added to the application as the execution role
    /// is, and named by the task definition's `taskRoleArn`.
    pub fn task_role(mut self, role: impl Into<Role>) -> Self {
        self.task_role = Some(role.into());
        self
    }

    /// Applies `f` to the workload: the escape hatch for anything without a setter.
    pub fn with<R>(mut self, f: impl FnOnce(&mut Workload) -> R) -> Self {
        f(&mut self.workload);
        self
    }
}

impl From<Workload> for WorkloadBuilder {
    fn from(workload: Workload) -> Self {
        Self {
            workload,
            execution_role: None,
            task_role: None,
        }
    }
}

impl From<TaskDefinition> for WorkloadBuilder {
    fn from(task_definition: TaskDefinition) -> Self {
        Workload::builder(task_definition)
    }
}
