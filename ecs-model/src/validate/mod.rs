//! Validation: every ECS rule a definition breaks, each with its path, rule id, severity and a
//! message naming the offending values.
//!
//! Rules are data ([`Rule`], listed in [`rules::ALL`]): each says which launch types and OS it
//! applies to, and a diagnostic is only reported when the rule applies to the task. Fargate rules
//! apply whenever `FARGATE` is among `requiresCompatibilities`, even next to `EC2`; EC2 rules
//! apply when `EC2` is listed or nothing is.
//!
//! This module is the task-definition engine; each other resource's checks sit beside its type.
//!
//! | catalog section | file |
//! |---|---|
//! | the rules themselves, as data | `validate/rules.rs` |
//! | A: task definitions | `validate/task.rs` |
//! | B: containers | `validate/container.rs` |
//! | C: port mappings and networking | `validate/ports.rs` |
//! | D: health checks | `validate/health.rs` |
//! | E: container dependencies | `validate/dependencies.rs` |
//! | F: logging | `validate/logging.rs` |
//! | G: environment and secrets | `validate/environment.rs` |
//! | H: Linux parameters and security | `validate/linux.rs` |
//! | I: volumes and mounts | `validate/volumes.rs` |
//! | J: services | `service/validate.rs` |
//! | K: clusters and capacity | `cluster/validate.rs` |
//! | L: IAM roles and policies | `iam/validate.rs` |
//! | M: load balancers | `alb/validate.rs`; security groups: `network/validate.rs` |
//! | the seams between resources | `application/validate.rs` |
//!
//! The values these rules bound (sizes, ranges, name rules, secret references) are shared with
//! the derive's compile-time checks through `ecs_model_internals`.

mod container;
mod dependencies;
mod environment;
mod health;
mod linux;
mod logging;
mod ports;
pub mod rules;
pub(crate) mod task;
mod volumes;

use crate::container::ContainerDefinition;
use crate::diagnostic::{Diagnostic, Os, Rule};
use crate::path::JsonPath;
use crate::path::PathCursor;
use crate::task_definition::{Compatibility, NetworkMode, TaskDefinition};

pub use ecs_model_internals::fargate::{
    FARGATE_LINUX_SIZES, FARGATE_WINDOWS_SIZES, FargateMemory, FargateSize, fargate_memory_options,
};

/// What validation knows about the task a container runs in.
#[allow(clippy::struct_excessive_bools)] // one flag per launch type, as ECS lists them
pub(crate) struct TaskContext {
    fargate: bool,
    ec2: bool,
    external: bool,
    managed_instances: bool,
    /// `None` when the container is validated on its own.
    known: bool,
    windows: bool,
    network_mode: Option<NetworkMode>,
    /// How many containers take Neuron devices (counted once: each container's check needs it).
    neuron_containers: usize,
}

impl TaskContext {
    fn of(td: &TaskDefinition) -> Self {
        let compat = &td.requires_compatibilities;
        Self {
            fargate: compat.contains(&Compatibility::Fargate),
            ec2: compat.is_empty() || compat.contains(&Compatibility::Ec2),
            external: compat.contains(&Compatibility::External),
            managed_instances: compat.contains(&Compatibility::ManagedInstances),
            known: true,
            windows: td.is_windows(),
            network_mode: td.effective_network_mode(),
            neuron_containers: td
                .container_definitions
                .iter()
                .filter(|c| {
                    c.resource_requirements
                        .iter()
                        .any(|r| r.r#type == crate::container::ResourceType::NeuronDevice)
                })
                .count(),
        }
    }

    /// A container on its own: only rules that hold everywhere apply.
    fn unknown() -> Self {
        Self {
            fargate: false,
            ec2: false,
            external: false,
            managed_instances: false,
            known: false,
            windows: false,
            network_mode: None,
            neuron_containers: 0,
        }
    }

    fn applies(&self, rule: &Rule) -> bool {
        let os = match rule.applies.os {
            Os::Any => true,
            Os::Linux => self.known && !self.windows,
            Os::Windows => self.windows,
        };
        let launch = rule.applies.launch_types.is_empty()
            || rule.applies.launch_types.iter().any(|lt| match lt {
                Compatibility::Fargate => self.fargate,
                Compatibility::Ec2 => self.ec2,
                Compatibility::External => self.external,
                Compatibility::ManagedInstances => self.managed_instances,
            });
        os && launch
    }
}

/// Collects diagnostics for one task (or one container on its own).
pub(crate) struct Checker<'a> {
    pub(crate) task: TaskContext,
    pub(crate) td: Option<&'a TaskDefinition>,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Reports `message` at `path` under `rule`, if the rule applies to this task.
    pub(crate) fn report(
        &mut self,
        rule: &'static Rule,
        path: JsonPath,
        message: impl Into<String>,
    ) {
        if self.task.applies(rule) {
            self.out.push(Diagnostic {
                path,
                rule: Some(rule),
                severity: rule.severity,
                message: message.into(),
            });
        }
    }

    /// Whether `rule` applies to this task: lets a check skip building a report it would drop.
    pub(crate) fn applies(&self, rule: &'static Rule) -> bool {
        self.task.applies(rule)
    }

    pub(crate) fn network_mode(&self) -> Option<NetworkMode> {
        self.task.network_mode
    }
}

/// The names of `named` set more than once: each later use, in document order (the order of
/// `T`), with the first. Sorting by name (stably, so the first use stays first) finds them
/// without hashing, and sees names that come sorted, as they usually do, in one pass.
fn repeats<T: Copy + Ord>(mut named: Vec<(&str, T)>) -> Vec<(T, T, &str)> {
    named.sort_by(|a, b| a.0.cmp(b.0));
    let mut repeats: Vec<(T, T, &str)> = Vec::new();
    for run in named.chunk_by(|a, b| a.0 == b.0) {
        repeats.extend(run[1..].iter().map(|&(name, at)| (at, run[0].1, name)));
    }
    repeats.sort_unstable();
    repeats
}

/// Every problem of a task definition.
pub(crate) fn task_definition(td: &TaskDefinition) -> Vec<Diagnostic> {
    let mut checker = Checker {
        task: TaskContext::of(td),
        td: Some(td),
        out: Vec::new(),
    };
    task::check(&mut checker, td);
    let containers = PathCursor::ROOT.key("containerDefinitions");
    for (i, c) in td.container_definitions.iter().enumerate() {
        container::check(&mut checker, c, &containers.index(i));
    }
    dependencies::check(&mut checker, td);
    volumes::check(&mut checker, td);
    checker.out
}

/// The problems of a container that hold wherever it runs; paths relative to the container.
pub(crate) fn container_alone(c: &ContainerDefinition) -> Vec<Diagnostic> {
    let mut checker = Checker {
        task: TaskContext::unknown(),
        td: None,
        out: Vec::new(),
    };
    container::check(&mut checker, c, &PathCursor::ROOT);
    checker.out
}
