//! One-off tasks of an application's workloads (a migration, a report): [`start`] registers the
//! local task definition first when it differs from the family's latest revision, and runs it
//! where its service (or schedule) runs its tasks; [`wait`] follows the task until it stops,
//! with its logs, and tells each container's exit code.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use aws_sdk_ecs::types as sdk;
use ecs_model::Text;
use ecs_model::service::{AssignPublicIp, CapacityProviderStrategyItem, NetworkConfiguration};
use ecs_model::{Application, PathCursor, TaskDefinition, Workload};

use crate::apply::apply;
use crate::clients::Clients;
use crate::convert::ToSdk;
use crate::error::{Error, aws, stopped_reason_hint};
use crate::logs::{Follower, LogLine, Query};
use crate::plan::{Action, Plan};
use crate::resource::Resource;

/// What to run: a workload's task, with overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RunTask {
    /// The workload (its family); `None`: the application's only one.
    pub family: Option<String>,
    /// The container the command and environment are for; `None`: the only essential one.
    pub container: Option<String>,
    /// The command, in place of the image's or the container definition's.
    pub command: Option<Vec<String>>,
    /// Environment variables added to (or replacing those of) the container's.
    pub environment: Vec<(String, String)>,
    /// The task's CPU units, in place of the task definition's.
    pub cpu: Option<String>,
    /// The task's memory (MiB), in place of the task definition's.
    pub memory: Option<String>,
    /// Subnets, in place of the service's (or schedule's).
    pub subnets: Vec<String>,
    /// Security groups, in place of the service's (or schedule's).
    pub security_groups: Vec<String>,
    /// Whether the task gets a public IP, in place of the service's (or schedule's).
    pub assign_public_ip: Option<bool>,
}

impl RunTask {
    /// A task of `family`.
    #[must_use]
    pub fn of(family: impl Into<String>) -> Self {
        Self {
            family: Some(family.into()),
            ..Self::default()
        }
    }

    /// Runs `command` in the container.
    #[must_use]
    pub fn command<I, S>(mut self, command: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.command = Some(command.into_iter().map(Into::into).collect());
        self
    }

    /// Sets an environment variable of the container.
    #[must_use]
    pub fn env(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.environment.push((name.into(), value.into()));
        self
    }

    /// The container the command and environment are for.
    #[must_use]
    pub fn container(mut self, name: impl Into<String>) -> Self {
        self.container = Some(name.into());
        self
    }

    /// The task's CPU units and memory (MiB).
    #[must_use]
    pub fn size(mut self, cpu: impl Into<String>, memory: impl Into<String>) -> Self {
        self.cpu = Some(cpu.into());
        self.memory = Some(memory.into());
        self
    }

    /// Runs in `subnets` with `security_groups`, in place of the service's.
    #[must_use]
    pub fn network<I, J, S, T>(mut self, subnets: I, security_groups: J) -> Self
    where
        I: IntoIterator<Item = S>,
        J: IntoIterator<Item = T>,
        S: Into<String>,
        T: Into<String>,
    {
        self.subnets = subnets.into_iter().map(Into::into).collect();
        self.security_groups = security_groups.into_iter().map(Into::into).collect();
        self
    }
}

/// A task that was started.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Started {
    /// Its ARN.
    pub task_arn: String,
    /// Its cluster.
    pub cluster: String,
    /// The revision it runs.
    pub task_definition_arn: String,
    /// Whether that revision was registered for it (the local task definition had changed).
    pub registered: bool,
    /// The task definition, for its log configuration and essential containers.
    pub task_definition: TaskDefinition,
    /// The container the command is for (the one given, else the only essential one): whose
    /// exit code is the run's.
    pub command_container: Option<String>,
}

impl Started {
    /// The task's id: the last part of its ARN.
    #[must_use]
    pub fn task_id(&self) -> &str {
        self.task_arn.rsplit('/').next().unwrap_or(&self.task_arn)
    }
}

/// The workload `request` names.
fn workload<'a>(app: &'a Application, request: &RunTask) -> Result<&'a Workload, Error> {
    let families = || {
        app.workloads
            .iter()
            .map(Workload::name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &request.family {
        Some(family) => app.workload(family).ok_or_else(|| {
            Error::NotFound(format!(
                "the application has no task definition `{family}` (it has {})",
                families()
            ))
        }),
        None => match app.workloads.as_slice() {
            [only] => Ok(only),
            _ => Err(Error::Unsupported(format!(
                "the application has several task definitions ({}): say which to run",
                families()
            ))),
        },
    }
}

/// The part of `app` a task of `workload` needs: its cluster, its task definition (without what
/// runs it), the roles it names, the security groups and file systems whose ids it may take.
/// Only that is read, so that `run` needs no more than
/// [`Application::runner_policy`](ecs_model::Application::runner_policy) allows.
fn needed_by(app: &Application, workload: &Workload) -> Application {
    let mut needed = app.clone();
    let mut only = workload.clone();
    only.service = None;
    only.scaling = None;
    only.schedule = None;
    let td = &workload.task_definition;
    let named: Vec<&str> = td
        .execution_role_arn
        .iter()
        .chain(&td.task_role_arn)
        .map(Text::as_str)
        .collect();
    needed
        .roles
        .retain(|r| named.contains(&app.account.role_arn(r.path.as_deref(), &r.name).as_str()));
    needed.workloads = vec![only];
    needed.instance_profiles.clear();
    needed.capacity_providers.clear();
    needed.auto_scaling_groups.clear();
    needed.load_balancers.clear();
    needed.target_groups.clear();
    needed.listeners.clear();
    needed.listener_rules.clear();
    needed.instances.clear();
    needed.repositories.clear();
    needed
}

/// Whether a task needs `resource` to exist before it runs: its cluster, roles, log groups,
/// security groups and file systems (not the services, load balancing or schedules). Capacity
/// providers are not read (`needed_by`): one that is missing is ECS's `RunTask` failure, which
/// [`start`] reports.
fn needed_by_tasks(resource: &Resource) -> bool {
    matches!(
        resource,
        Resource::Cluster(_)
            | Resource::Role(_)
            | Resource::LogGroup(_)
            | Resource::SecurityGroup(_)
            | Resource::FileSystem(_)
            | Resource::MountTarget { .. }
            | Resource::AccessPoint(_)
    )
}

/// Starts a task of `request`'s workload of `app`: registers the local task definition when it
/// differs from the family's latest revision (nothing else of the application is changed), and
/// runs it in the network and on the capacity of the workload's service, else of its schedule,
/// unless `request` says otherwise.
///
/// # Errors
/// The application is not valid, names no such workload, or is not deployed (what the task
/// needs does not exist); then the failed AWS call, or ECS's reasons for not placing the task.
pub async fn start(
    clients: &Clients,
    app: &Application,
    request: &RunTask,
) -> Result<Started, Error> {
    let workload = workload(app, request)?;
    let family = workload.name();
    let needed = needed_by(app, workload);
    let observed = crate::observe::observe(clients, &needed).await?;
    let plan = Plan::new(&needed, &observed);
    let missing: Vec<String> = plan
        .steps
        .iter()
        .filter(|s| s.action == Action::Create && needed_by_tasks(&s.resource))
        .map(|s| s.resource.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(Error::NotFound(format!(
            "a task of {family} needs what the application deploys, and {} does not exist yet: deploy it first",
            missing.join(", ")
        )));
    }
    let register = Resource::TaskDefinition(family.to_owned());
    let only_registration = Plan {
        steps: plan
            .steps
            .iter()
            .filter(|s| s.resource == register && s.action != Action::Unchanged)
            .cloned()
            .collect(),
        ..plan.clone()
    };
    let registered = !only_registration.steps.is_empty();
    let applied = apply(clients, &only_registration, &mut |_| {}).await?;
    let task_definition_arn = applied
        .task_definition_arns
        .get(family)
        .cloned()
        .ok_or_else(|| Error::NotFound(format!("task definition {family} has no revision")))?;

    let placement = Placement::of(app, workload, request);
    let placement: Placement = applied
        .ids
        .resolved(&placement)
        .map_err(|e| Error::Unsupported(format!("cannot resolve references: {e}")))?;
    if let Some(token) = placement.unresolved() {
        return Err(Error::NotFound(format!(
            "{token} has no id: deploy the application first"
        )));
    }
    let cluster = placement
        .cluster
        .clone()
        .unwrap_or_else(|| app.cluster.name().to_owned());
    let network = placement.to_sdk(&workload.task_definition)?;
    let started = clients
        .ecs
        .run_task()
        .cluster(&cluster)
        .task_definition(&task_definition_arn)
        .count(1)
        .started_by(STARTED_BY)
        .set_network_configuration(network)
        .set_capacity_provider_strategy(placement.capacity_sdk()?)
        .set_launch_type(placement.launch_type.as_deref().map(sdk::LaunchType::from))
        .set_platform_version(placement.platform_version.clone())
        .overrides(overrides(&workload.task_definition, request)?)
        .send()
        .await
        .map_err(aws("RunTask", format!("task definition {family}")))?;
    let Some(task_arn) = started.tasks().first().and_then(|t| t.task_arn()) else {
        let reasons: Vec<String> = started
            .failures()
            .iter()
            .map(|f| {
                format!(
                    "{}{}",
                    f.reason().unwrap_or("unknown"),
                    f.detail().map(|d| format!(" ({d})")).unwrap_or_default()
                )
            })
            .collect();
        return Err(Error::Unsupported(format!(
            "ECS did not start a task of {family}: {}",
            reasons.join("; ")
        )));
    };
    Ok(Started {
        task_arn: task_arn.to_owned(),
        cluster,
        task_definition_arn,
        registered,
        task_definition: workload.task_definition.clone(),
        command_container: command_container(
            &workload.task_definition,
            request.container.as_deref(),
        )
        .ok()
        .map(|c| c.name.to_string()),
    })
}

/// The tasks' `startedBy`, which tells them apart from a service's in the console.
pub const STARTED_BY: &str = "ecs-deploy run";

/// Where a one-off task runs, as the model says it (references unresolved until the plan's ids
/// replace them).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct Placement {
    cluster: Option<String>,
    network: Option<NetworkConfiguration>,
    capacity: Vec<CapacityProviderStrategyItem>,
    launch_type: Option<String>,
    platform_version: Option<String>,
}

impl Placement {
    /// The placement of `workload`'s service, else of its schedule, with `request`'s network.
    fn of(app: &Application, workload: &Workload, request: &RunTask) -> Self {
        let mut placement = if let Some(service) = &workload.service {
            Self {
                cluster: Some(service.cluster_name(app.cluster.name()).to_owned()),
                network: service.network_configuration.clone(),
                capacity: service.capacity_provider_strategy.clone(),
                launch_type: service.launch_type.as_ref().map(enum_text),
                platform_version: service.platform_version.as_ref().map(Text::to_string),
            }
        } else if let Some(ecs) = workload.schedule.as_ref().and_then(|s| s.ecs()) {
            let vpc = ecs
                .network_configuration
                .as_ref()
                .and_then(|n| n.awsvpc_configuration.as_ref());
            Self {
                cluster: None,
                network: vpc.map(|vpc| {
                    let mut network = NetworkConfiguration::default();
                    let mut awsvpc = ecs_model::service::AwsVpcConfiguration::default();
                    awsvpc.subnets.clone_from(&vpc.subnets);
                    awsvpc.security_groups.clone_from(&vpc.security_groups);
                    awsvpc.assign_public_ip.clone_from(&vpc.assign_public_ip);
                    network.awsvpc_configuration = Some(awsvpc);
                    network
                }),
                capacity: ecs.capacity_provider_strategy.clone(),
                launch_type: ecs.launch_type.as_ref().map(enum_text),
                platform_version: ecs.platform_version.as_ref().map(Text::to_string),
            }
        } else {
            Self::default()
        };
        // With neither, ECS would use the cluster's default strategy, else EC2: a task
        // definition that only runs on Fargate means Fargate.
        let fargate_only = workload.task_definition.requires_compatibilities
            == [ecs_model::Compatibility::Fargate];
        if placement.launch_type.is_none()
            && placement.capacity.is_empty()
            && app.cluster.default_capacity_provider_strategy.is_empty()
            && fargate_only
        {
            placement.launch_type = Some("FARGATE".to_owned());
        }
        if !request.subnets.is_empty()
            || !request.security_groups.is_empty()
            || request.assign_public_ip.is_some()
        {
            let network = placement.network.get_or_insert_with(Default::default);
            let vpc = network
                .awsvpc_configuration
                .get_or_insert_with(Default::default);
            if !request.subnets.is_empty() {
                vpc.subnets = request.subnets.iter().map(Text::from).collect();
            }
            if !request.security_groups.is_empty() {
                vpc.security_groups = request.security_groups.iter().map(Text::from).collect();
            }
            if let Some(public) = request.assign_public_ip {
                vpc.assign_public_ip = Some(if public {
                    AssignPublicIp::Enabled
                } else {
                    AssignPublicIp::Disabled
                });
            }
        }
        placement
    }

    /// A reference no id replaced (`{{security-group:tasks}}`), if any.
    fn unresolved(&self) -> Option<String> {
        let text = serde_json::to_string(self).unwrap_or_default();
        let start = text.find("{{")?;
        let end = text[start..]
            .find("}}")
            .map_or(text.len(), |e| start + e + 2);
        Some(text[start..end].to_owned())
    }

    /// The SDK's network configuration; an error for an `awsvpc` task without subnets.
    fn to_sdk(&self, td: &TaskDefinition) -> Result<Option<sdk::NetworkConfiguration>, Error> {
        let awsvpc = td
            .network_mode
            .as_ref()
            .is_some_and(|m| enum_text(m) == "awsvpc");
        let has_subnets = self
            .network
            .as_ref()
            .and_then(|n| n.awsvpc_configuration.as_ref())
            .is_some_and(|vpc| !vpc.subnets.is_empty());
        if awsvpc && !has_subnets {
            return Err(Error::Unsupported(format!(
                "{} uses the awsvpc network mode and no service or schedule of it names subnets: give the task's subnets and security groups",
                td.family
            )));
        }
        Ok(match &self.network {
            Some(network) if has_subnets => Some(network.to_sdk(PathCursor::ROOT)?),
            _ => None,
        })
    }

    fn capacity_sdk(&self) -> Result<Option<Vec<sdk::CapacityProviderStrategyItem>>, Error> {
        if self.capacity.is_empty() {
            return Ok(None);
        }
        let items = self
            .capacity
            .iter()
            .map(|item| item.to_sdk(PathCursor::ROOT))
            .collect::<Result<_, _>>()?;
        Ok(Some(items))
    }
}

/// An enum's API text (`FARGATE`).
fn enum_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The overrides of `request` for a task of `td`.
fn overrides(td: &TaskDefinition, request: &RunTask) -> Result<sdk::TaskOverride, Error> {
    let mut task = sdk::TaskOverride::builder()
        .set_cpu(request.cpu.clone())
        .set_memory(request.memory.clone());
    if request.command.is_some() || !request.environment.is_empty() {
        let container = command_container(td, request.container.as_deref())?;
        let environment = request
            .environment
            .iter()
            .map(|(name, value)| sdk::KeyValuePair::builder().name(name).value(value).build())
            .collect();
        task = task.container_overrides(
            sdk::ContainerOverride::builder()
                .name(&container.name)
                .set_command(request.command.clone())
                .set_environment(Some(environment))
                .build(),
        );
    }
    Ok(task.build())
}

/// The container `name`, else `td`'s only essential one: the one a command is for.
fn command_container<'a>(
    td: &'a TaskDefinition,
    name: Option<&str>,
) -> Result<&'a ecs_model::ContainerDefinition, Error> {
    if let Some(name) = name {
        return td
            .container_definitions
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| Error::NotFound(format!("{} has no container `{name}`", td.family)));
    }
    let essential: Vec<_> = td
        .container_definitions
        .iter()
        .filter(|c| c.is_essential())
        .collect();
    if let [only] = essential.as_slice() {
        return Ok(only);
    }
    let names: Vec<&str> = essential.iter().map(|c| c.name.as_str()).collect();
    Err(Error::Unsupported(format!(
        "{} has {} essential containers ({}): say which one the command is for",
        td.family,
        names.len(),
        names.join(", ")
    )))
}

/// How to wait for a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RunWait {
    /// Give up after this long (the task keeps running).
    pub timeout: Duration,
    /// Look this often.
    pub poll_interval: Duration,
    /// Read the task's logs while it runs (they are read once it stopped either way, for
    /// [`Stopped::last_lines`]).
    pub follow_logs: bool,
}

impl Default for RunWait {
    /// An hour, every 6 seconds (as the AWS CLI's `tasks-stopped` waiter), following the logs.
    fn default() -> Self {
        Self {
            timeout: Duration::from_hours(1),
            poll_interval: Duration::from_secs(6),
            follow_logs: true,
        }
    }
}

impl RunWait {
    /// Gives up after `timeout`.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Looks every `interval`.
    #[must_use]
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// Follows the logs or not.
    #[must_use]
    pub fn follow_logs(mut self, on: bool) -> Self {
        self.follow_logs = on;
        self
    }
}

/// What happens while a task runs.
#[derive(Debug)]
#[non_exhaustive]
pub enum RunEvent<'a> {
    /// The task was started ([`Started::registered`]: after registering its revision).
    Started(&'a Started),
    /// The task's status changed (`PROVISIONING`, `RUNNING`, `STOPPED`, …).
    Status(&'a str),
    /// Log events, in time order.
    Lines(&'a [LogLine]),
    /// The logs could not be read (the task is still followed to its end).
    LogsUnreadable(&'a Error),
}

/// A container of a stopped task.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContainerExit {
    /// Its name.
    pub name: String,
    /// Whether the task stops when it stops.
    pub essential: bool,
    /// Its exit code; `None` when it never ran (or ECS did not learn it).
    pub exit_code: Option<i32>,
    /// Why it stopped, when ECS says.
    pub reason: Option<String>,
}

/// A task that stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stopped {
    /// Its ARN.
    pub task_arn: String,
    /// ECS's stop code (`EssentialContainerExited`, `TaskFailedToStart`, …).
    pub stop_code: Option<String>,
    /// Why ECS stopped it.
    pub stopped_reason: Option<String>,
    /// What to do about it, when the reason is a known one.
    pub hint: Option<&'static str>,
    /// Its containers, in the task definition's order.
    pub containers: Vec<ContainerExit>,
    /// The last lines its containers logged.
    pub last_lines: Vec<LogLine>,
    /// The container whose exit code is the run's ([`Started::command_container`]).
    pub command_container: Option<String>,
}

/// How many more reads of the logs follow a stopped task's while each finds lines.
const DRAIN_READS: usize = 5;

/// How many lines [`Stopped::last_lines`] keeps.
pub const LAST_LINES: usize = 20;

impl Stopped {
    /// The code the run comes to: the command container's exit code (a sidecar that ECS stops
    /// after it, with 137 or 143, does not count); without one, the first essential container's
    /// non-zero code, else 0. `None` when the task did not stop because an essential container
    /// exited (it failed to start, was stopped by someone or interrupted), or the code is
    /// unknown.
    #[must_use]
    pub fn exit_code(&self) -> Option<i32> {
        if self
            .stop_code
            .as_deref()
            .is_some_and(|code| code != "EssentialContainerExited")
        {
            return None;
        }
        if let Some(name) = &self.command_container {
            return self
                .containers
                .iter()
                .find(|c| &c.name == name)
                .and_then(|c| c.exit_code);
        }
        let essential: Vec<&ContainerExit> =
            self.containers.iter().filter(|c| c.essential).collect();
        if let Some(failed) = essential
            .iter()
            .find(|c| c.exit_code.is_some_and(|c| c != 0))
        {
            return failed.exit_code;
        }
        if essential.is_empty() || essential.iter().any(|c| c.exit_code.is_none()) {
            return None;
        }
        Some(0)
    }
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "task {} stopped", self.task_arn)?;
        if let Some(reason) = &self.stopped_reason {
            write!(f, ": {reason}")?;
        }
        if let Some(code) = &self.stop_code {
            write!(f, " ({code})")?;
        }
        for c in &self.containers {
            let code = c
                .exit_code
                .map_or("no exit code".to_owned(), |c| format!("exit {c}"));
            let essential = if c.essential { ", essential" } else { "" };
            write!(f, "\n  {}: {code}{essential}", c.name)?;
            if let Some(reason) = &c.reason {
                write!(f, " ({reason})")?;
            }
        }
        if let Some(hint) = self.hint {
            write!(f, "\nhint: {hint}")?;
        }
        Ok(())
    }
}

/// Waits until `started` stops, telling `on_event` of its status and (with
/// `options.follow_logs`) of its log lines as they arrive.
///
/// # Errors
/// A failed `DescribeTasks` (logs that cannot be read are told as
/// [`RunEvent::LogsUnreadable`], not an error); [`Error::NotFound`] when ECS no longer knows
/// the task; [`Error::Unsupported`] when it did not stop within `options.timeout` (it is left
/// running).
pub async fn wait(
    clients: &Clients,
    started: &Started,
    options: &RunWait,
    on_event: &mut (dyn FnMut(RunEvent<'_>) + Send),
) -> Result<Stopped, Error> {
    let query = Query {
        tasks: vec![started.task_arn.clone()],
        since: crate::logs::now_ms() - 60_000,
        ..Query::default()
    };
    let (mut follower, _) = Follower::new(&started.task_definition, &query);
    let mut last_lines: VecDeque<LogLine> = VecDeque::with_capacity(LAST_LINES);
    let mut keep = |lines: &[LogLine], on_event: &mut (dyn FnMut(RunEvent<'_>) + Send)| {
        if !lines.is_empty() {
            on_event(RunEvent::Lines(lines));
        }
        for line in lines {
            if last_lines.len() == LAST_LINES {
                last_lines.pop_front();
            }
            last_lines.push_back(line.clone());
        }
    };
    let begun = Instant::now();
    let mut status = String::new();
    // Logs that cannot be read (no permission, say) are said once, and the task still followed.
    let mut readable = true;
    loop {
        let task = describe(clients, started).await?;
        let now = task.last_status().unwrap_or_default();
        if now != status {
            status = now.to_owned();
            on_event(RunEvent::Status(&status));
        }
        let stopped = status == "STOPPED";
        if options.follow_logs || stopped {
            let lines = read_logs(clients, &mut follower, &mut readable, on_event).await;
            keep(&lines, on_event);
            // CloudWatch Logs ingests the last lines (usually the error) a little after the task
            // stopped: read on while they come, a few times.
            let mut more = stopped && !lines.is_empty();
            for _ in 0..DRAIN_READS {
                if !more || !readable {
                    break;
                }
                tokio::time::sleep(options.poll_interval.min(Duration::from_secs(2))).await;
                let lines = read_logs(clients, &mut follower, &mut readable, on_event).await;
                more = !lines.is_empty();
                keep(&lines, on_event);
            }
        }
        if stopped {
            return Ok(stopped_task(&task, started, last_lines.into()));
        }
        if begun.elapsed() >= options.timeout {
            return Err(Error::Unsupported(format!(
                "task {} did not stop within {} s (last status {status}); it is still running",
                started.task_arn,
                options.timeout.as_secs()
            )));
        }
        tokio::time::sleep(options.poll_interval).await;
    }
}

/// The follower's new lines; none once they cannot be read, which `on_event` is told once.
async fn read_logs(
    clients: &Clients,
    follower: &mut Follower,
    readable: &mut bool,
    on_event: &mut (dyn FnMut(RunEvent<'_>) + Send),
) -> Vec<LogLine> {
    if !*readable {
        return Vec::new();
    }
    match follower.next(clients).await {
        Ok(lines) => lines,
        Err(error) => {
            *readable = false;
            on_event(RunEvent::LogsUnreadable(&error));
            Vec::new()
        }
    }
}

/// The task as ECS describes it now.
async fn describe(clients: &Clients, started: &Started) -> Result<sdk::Task, Error> {
    let described = clients
        .ecs
        .describe_tasks()
        .cluster(&started.cluster)
        .tasks(&started.task_arn)
        .send()
        .await
        .map_err(aws("DescribeTasks", format!("task {}", started.task_arn)))?;
    described.tasks().first().cloned().ok_or_else(|| {
        Error::NotFound(format!(
            "ECS no longer knows task {} (stopped tasks are kept for about an hour)",
            started.task_arn
        ))
    })
}

/// What a stopped task came to.
fn stopped_task(task: &sdk::Task, started: &Started, last_lines: Vec<LogLine>) -> Stopped {
    let td = &started.task_definition;
    let reported = task.containers();
    let containers = td
        .container_definitions
        .iter()
        .map(|definition| {
            let found = reported
                .iter()
                .find(|c| c.name() == Some(definition.name.as_str()));
            ContainerExit {
                name: definition.name.to_string(),
                essential: definition.is_essential(),
                exit_code: found.and_then(sdk::Container::exit_code),
                reason: found.and_then(|c| c.reason()).map(str::to_owned),
            }
        })
        .collect();
    let stopped_reason = task
        .stopped_reason()
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    Stopped {
        task_arn: started.task_arn.clone(),
        stop_code: task.stop_code().map(|c| c.as_str().to_owned()),
        hint: stopped_reason.as_deref().and_then(stopped_reason_hint),
        stopped_reason,
        containers,
        last_lines,
        command_container: started.command_container.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::{ContainerExit, Stopped};

    fn stopped(
        stop_code: &str,
        command: Option<&str>,
        codes: &[(&str, bool, Option<i32>)],
    ) -> Stopped {
        Stopped {
            task_arn: "arn:aws:ecs:us-east-1:123456789012:task/c/t".into(),
            stop_code: Some(stop_code.to_owned()),
            stopped_reason: None,
            hint: None,
            containers: codes
                .iter()
                .map(|(name, essential, exit_code)| ContainerExit {
                    name: (*name).to_owned(),
                    essential: *essential,
                    exit_code: *exit_code,
                    reason: None,
                })
                .collect(),
            last_lines: Vec::new(),
            command_container: command.map(str::to_owned),
        }
    }

    #[test]
    fn the_command_containers_code_is_the_runs() {
        let exited = "EssentialContainerExited";
        // The migration succeeded; its log router, essential too, was stopped after it.
        let run = stopped(
            exited,
            Some("migrate"),
            &[("migrate", true, Some(0)), ("log_router", true, Some(137))],
        );
        assert_eq!(run.exit_code(), Some(0));
        let failed = stopped(
            exited,
            Some("migrate"),
            &[("migrate", true, Some(3)), ("log_router", true, Some(0))],
        );
        assert_eq!(failed.exit_code(), Some(3));
        // Without a command container: the first essential non-zero code, a non-essential's aside.
        let plain = stopped(
            exited,
            None,
            &[
                ("a", true, Some(0)),
                ("b", false, Some(1)),
                ("c", true, Some(2)),
            ],
        );
        assert_eq!(plain.exit_code(), Some(2));
        let clean = stopped(exited, None, &[("a", true, Some(0)), ("b", false, None)]);
        assert_eq!(clean.exit_code(), Some(0));
        let never_ran = stopped(exited, None, &[("a", true, None)]);
        assert_eq!(never_ran.exit_code(), None);
    }

    #[test]
    fn a_task_stopped_for_another_reason_has_no_code() {
        for code in [
            "UserInitiated",
            "SpotInterruption",
            "TaskFailedToStart",
            "ServiceSchedulerInitiated",
        ] {
            let run = stopped(code, Some("migrate"), &[("migrate", true, Some(0))]);
            assert_eq!(run.exit_code(), None, "{code}");
        }
    }
}
