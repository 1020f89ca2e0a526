//! Validation: every ECS rule a definition breaks, each with its path, rule id, severity and a
//! message naming the offending values.
//!
//! Rules are data ([`Rule`], listed in [`rules::ALL`]): each says which launch types and OS it
//! applies to, and a diagnostic is only reported when the rule applies to the task. Fargate rules
//! apply whenever `FARGATE` is among `requiresCompatibilities`, even next to `EC2`; EC2 rules
//! apply when `EC2` is listed or nothing is.

#[cfg(feature = "application")]
mod alb;
#[cfg(feature = "application")]
mod application;
#[cfg(feature = "application")]
mod cluster;
mod container;
mod dependencies;
mod environment;
mod health;
#[cfg(feature = "application")]
mod iam;
mod linux;
mod logging;
mod network;
pub mod rules;
#[cfg(feature = "application")]
mod security_group;
#[cfg(feature = "application")]
mod service;
mod task;
mod volumes;

#[cfg(feature = "application")]
pub(crate) use alb::{listener, listener_rule, load_balancer, target_group};
#[cfg(feature = "application")]
pub(crate) use application::application;
#[cfg(feature = "application")]
pub(crate) use cluster::{agent_config, auto_scaling_group, capacity_provider, cluster};
#[cfg(feature = "application")]
pub(crate) use iam::{PolicyKind, instance_profile, policy, role};
#[cfg(feature = "application")]
pub(crate) use security_group::security_group;
#[cfg(feature = "application")]
pub(crate) use service::service;

use std::fmt;

use crate::container::ContainerDefinition;
use crate::diagnostic::{Diagnostic, Severity};
use crate::json::record::At;
use crate::path::JsonPath;
use crate::task_definition::{Compatibility, NetworkMode, TaskDefinition};

pub use ecs_model_internals::fargate::{
    FARGATE_LINUX_SIZES, FARGATE_WINDOWS_SIZES, FargateSize, fargate_memory_options,
};

/// One ECS rule: what it requires, where it applies, who says so.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rule {
    /// The catalog id (`ECS-B4`).
    pub id: &'static str,
    /// How bad breaking it is.
    pub severity: Severity,
    /// What it requires.
    pub summary: &'static str,
    /// The tasks it applies to.
    pub applies: Applies,
    /// Where the rule is stated (API docs, cfn-lint, CDK, ECS error messages).
    pub source: &'static str,
}

/// The tasks a [`Rule`] applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Applies {
    /// Launch types; empty means every one.
    pub launch_types: &'static [Compatibility],
    /// Operating system.
    pub os: Os,
}

/// The operating system a [`Rule`] applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Os {
    /// Any.
    Any,
    /// Linux tasks (a task without `runtimePlatform` is taken as Linux).
    Linux,
    /// Windows tasks (`runtimePlatform.operatingSystemFamily` is a Windows family).
    Windows,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.id, self.summary)
    }
}

/// What validation knows about the task a container runs in.
#[allow(clippy::struct_excessive_bools)] // one flag per launch type, as ECS lists them
pub(crate) struct Task {
    fargate: bool,
    ec2: bool,
    external: bool,
    managed_instances: bool,
    /// `None` when the container is validated on its own.
    known: bool,
    windows: bool,
    network_mode: Option<NetworkMode>,
}

impl Task {
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
    pub(crate) task: Task,
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

#[cfg(feature = "application")]
/// Collects diagnostics of a resource other than a task definition: its rules apply wherever it
/// runs, and paths may start with a prefix (the resource's place in an application).
#[derive(Default)]
pub(crate) struct Findings {
    prefix: JsonPath,
    out: Vec<Diagnostic>,
}

#[cfg(feature = "application")]
impl Findings {
    /// Findings whose paths start with `prefix`.
    pub(crate) fn under(prefix: JsonPath) -> Self {
        Self {
            prefix,
            out: Vec::new(),
        }
    }

    /// Reports `message` at `path` (after the prefix) under `rule`.
    pub(crate) fn report(
        &mut self,
        rule: &'static Rule,
        path: JsonPath,
        message: impl Into<String>,
    ) {
        self.out.push(Diagnostic {
            path: if self.prefix.segments().is_empty() {
                path
            } else {
                self.prefix.clone().join(&path)
            },
            rule: Some(rule),
            severity: rule.severity,
            message: message.into(),
        });
    }

    /// Takes the diagnostics of a part, prefixing their paths.
    pub(crate) fn extend(&mut self, diagnostics: Vec<Diagnostic>) {
        for mut d in diagnostics {
            d.path = self.prefix.clone().join(&d.path);
            self.out.push(d);
        }
    }

    /// Takes diagnostics whose paths are already complete.
    pub(crate) fn extend_unprefixed(&mut self, diagnostics: Vec<Diagnostic>) {
        self.out.extend(diagnostics);
    }

    pub(crate) fn into_vec(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// Every problem of a task definition.
pub(crate) fn task_definition(td: &TaskDefinition) -> Vec<Diagnostic> {
    let mut checker = Checker {
        task: Task::of(td),
        td: Some(td),
        out: Vec::new(),
    };
    task::check(&mut checker, td);
    let containers = At::ROOT.key("containerDefinitions");
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
        task: Task::unknown(),
        td: None,
        out: Vec::new(),
    };
    container::check(&mut checker, c, &At::ROOT);
    checker.out
}
