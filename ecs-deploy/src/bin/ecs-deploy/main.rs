//! `ecs-deploy`: validate, diff and deploy Amazon ECS task definitions and services kept as
//! JSON files.

mod args;
mod tasks;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use ecs_deploy::clients::ConfigOptions;
use ecs_deploy::revisions::RollbackTo;
use ecs_deploy::wait::{Progress, WaitOptions};
use ecs_deploy::{Clients, DeployOptions, Deployer, Event};
use ecs_model::cluster::Cluster;
use ecs_model::scaling::{ScalableTarget, ScalingPolicy, ScheduledAction, ServiceScaling};
use ecs_model::schedule::Schedule;
use ecs_model::service::Service;
use ecs_model::{Account, Application, Diagnostic, TaskDefinition, Workload};

use args::{Cli, Command, Definitions, Format, PlanFormat, PolicyFor};

/// The account id of applications read from files: they name their roles by ARN, so it is
/// only used for the deployer policy, which takes the real one, and for the ARNs of schedules
/// (their cluster, task definition and role), which take the caller's ([`account_for`]).
const ANY_ACCOUNT: &str = "000000000000";

/// The account of `definitions` deployed with `deployer`: the caller's when a schedule names
/// ARNs of it (one `sts:GetCallerIdentity`), the placeholder otherwise.
async fn account_for(
    deployer: &Deployer,
    definitions: &Definitions,
    region: String,
) -> Result<Account, Failure> {
    if definitions.schedule.is_empty() {
        return Ok(Account::new(ANY_ACCOUNT, region));
    }
    Ok(Account::new(deployer.clients().account_id().await?, region))
}

/// A failure worth one line to stderr and exit code 1.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Self {
        Self(error.to_string())
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match Box::pin(run(&cli)).await {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The AWS configuration the command line's `--profile` and `--region` pick.
async fn config(cli: &Cli) -> Result<aws_config::SdkConfig, Failure> {
    let mut options = ConfigOptions::default();
    if let Some(profile) = &cli.profile {
        options = options.profile(profile);
    }
    if let Some(region) = &cli.region {
        options = options.region(region);
    }
    Ok(ecs_deploy::clients::load_config(&options).await?)
}

async fn deployer(cli: &Cli) -> Result<(Deployer, String), Failure> {
    let config = config(cli).await?;
    let region = config
        .region()
        .map_or_else(|| "us-east-1".to_owned(), ToString::to_string);
    Ok((Deployer::new(Clients::new(&config)), region))
}

/// A definition file's text: read, and rendered when it is a template (ecspresso's `env`,
/// `must_env` and `json_escape`, from this process's environment).
fn definition_text(path: &Path) -> Result<String, Failure> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    if !text.contains("{{") {
        return Ok(text);
    }
    ecs_model::template::render(&text, &|name| std::env::var(name).ok())
        .map_err(|e| Failure(format!("{}: {e}", path.display())))
}

fn read<T>(
    path: &Path,
    parse: impl Fn(&str) -> Result<T, ecs_model::ParseError>,
) -> Result<T, Failure> {
    parse(&definition_text(path)?).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

/// The files as read: each task definition, service, scaling request and schedule with the
/// file it came from.
#[derive(Clone)]
struct Files {
    task_definitions: Vec<(TaskDefinition, PathBuf)>,
    services: Vec<(Service, PathBuf)>,
    scaling: Vec<(Scaling, PathBuf)>,
    schedules: Vec<(Schedule, PathBuf)>,
    cluster: String,
}

/// One Application Auto Scaling request of a `--scaling` file.
#[derive(Clone)]
enum Scaling {
    Target(ScalableTarget),
    Policy(ScalingPolicy),
    Action(ScheduledAction),
}

impl Scaling {
    /// The request `value` is, by its keys.
    fn read(value: &serde_json::Value) -> Result<Self, ecs_model::ParseError> {
        let text = value.to_string();
        if value.get("PolicyName").is_some() {
            ScalingPolicy::from_json(&text).map(Self::Policy)
        } else if value.get("ScheduledActionName").is_some() {
            ScheduledAction::from_json(&text).map(Self::Action)
        } else {
            ScalableTarget::from_json(&text).map(Self::Target)
        }
    }

    fn resource_id(&self) -> &str {
        match self {
            Self::Target(t) => &t.resource_id,
            Self::Policy(p) => &p.resource_id,
            Self::Action(a) => &a.resource_id,
        }
    }

    /// The service its `ResourceId` names (`service/<cluster>/<name>`).
    fn service(&self) -> Option<&str> {
        self.resource_id()
            .rsplit('/')
            .next()
            .filter(|s| !s.is_empty())
    }

    /// Its name in the application's document (`ScalableTarget`, `ScalingPolicies.cpu`).
    fn key(&self) -> String {
        match self {
            Self::Target(_) => "ScalableTarget".to_owned(),
            Self::Policy(p) => format!("ScalingPolicies.{}", p.policy_name),
            Self::Action(a) => format!("ScheduledActions.{}", a.scheduled_action_name),
        }
    }
}

impl Files {
    /// Reads every file; each service gets the `--cluster` and, when it names none, the only
    /// task definition or the one of its name.
    fn read(definitions: &Definitions) -> Result<Self, Failure> {
        let mut task_definitions = Vec::new();
        for path in &definitions.task_definition {
            task_definitions.push((read(path, TaskDefinition::from_json)?, path.clone()));
        }
        for image in &definitions.image {
            override_image(&mut task_definitions, image)?;
        }
        let mut services = Vec::new();
        for path in &definitions.service {
            services.push((read(path, Service::from_json)?, path.clone()));
        }
        let mut scaling = Vec::new();
        for path in &definitions.scaling {
            let in_file = |e: &dyn std::fmt::Display| Failure(format!("{}: {e}", path.display()));
            let text = definition_text(path)?;
            let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| in_file(&e))?;
            let items = match value {
                serde_json::Value::Array(items) => items,
                one => vec![one],
            };
            for item in &items {
                let request =
                    Scaling::read(item).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
                scaling.push((request, path.clone()));
            }
        }
        let mut schedules = Vec::new();
        for path in &definitions.schedule {
            schedules.push((read(path, Schedule::from_json)?, path.clone()));
        }
        let cluster = definitions
            .cluster
            .clone()
            .or_else(|| {
                services
                    .iter()
                    .find_map(|(s, _)| s.cluster.as_deref())
                    .map(|c| c.rsplit('/').next().unwrap_or(c).to_owned())
            })
            .unwrap_or_else(|| "default".to_owned());
        let only = match task_definitions.as_slice() {
            [(td, _)] => Some(td.family.clone()),
            _ => None,
        };
        for (service, path) in &mut services {
            if let Some(cluster) = &definitions.cluster {
                service
                    .cluster
                    .get_or_insert_with(|| cluster.as_str().into());
            }
            if service.task_definition.is_none() {
                // The only task definition, or the one of the service's name.
                let named = task_definitions
                    .iter()
                    .find(|(td, _)| td.family == service.service_name)
                    .map(|(td, _)| td.family.clone());
                let Some(family) = only.clone().or(named) else {
                    return Err(Failure(format!(
                        "{}: the service names no `taskDefinition`, and no task definition of its name is among the several given",
                        path.display()
                    )));
                };
                service.task_definition = Some(family);
            }
        }
        Ok(Self {
            task_definitions,
            services,
            scaling,
            schedules,
            cluster,
        })
    }

    /// The file of the scaling request `key` (`ScalableTarget`, `ScalingPolicies.cpu`) of
    /// service `name`.
    fn scaling_file(&self, name: &str, key: &str) -> Option<&Path> {
        let only = self.services.len() == 1;
        self.scaling
            .iter()
            .find(|(s, _)| (s.service() == Some(name) || only) && key.starts_with(&s.key()))
            .map(|(_, path)| path.as_path())
    }

    /// The file of the schedule named `name`.
    fn schedule_file(&self, name: &str) -> Option<&Path> {
        self.schedules
            .iter()
            .find(|(s, _)| s.name == name)
            .map(|(_, path)| path.as_path())
    }

    /// The file of the task definition of `family`.
    fn task_definition_file(&self, family: &str) -> Option<&Path> {
        self.task_definitions
            .iter()
            .find(|(td, _)| td.family == family)
            .map(|(_, path)| path.as_path())
    }

    /// The file of the service named `name`.
    fn service_file(&self, name: &str) -> Option<&Path> {
        self.services
            .iter()
            .find(|(s, _)| s.service_name == name)
            .map(|(_, path)| path.as_path())
    }
}

/// Applies `--image CONTAINER=IMAGE` (or `FAMILY/CONTAINER=IMAGE`) to the task definitions: to
/// exactly one container, or an error that says why not.
fn override_image(
    task_definitions: &mut [(TaskDefinition, PathBuf)],
    setting: &str,
) -> Result<(), Failure> {
    let Some((target, image)) = setting
        .split_once('=')
        .filter(|(t, i)| !t.is_empty() && !i.is_empty())
    else {
        return Err(Failure(format!(
            "--image {setting}: give CONTAINER=IMAGE or FAMILY/CONTAINER=IMAGE"
        )));
    };
    let (family, container) = match target.split_once('/') {
        Some((family, container)) => (Some(family), container),
        None => (None, target),
    };
    let mut matches: Vec<(usize, usize)> = Vec::new();
    for (t, (td, _)) in task_definitions.iter().enumerate() {
        if family.is_some_and(|f| f != td.family) {
            continue;
        }
        for (c, definition) in td.container_definitions.iter().enumerate() {
            if definition.name == container {
                matches.push((t, c));
            }
        }
    }
    match matches.as_slice() {
        [(t, c)] => {
            task_definitions[*t].0.container_definitions[*c].image = image.into();
            Ok(())
        }
        [] => Err(Failure(format!(
            "--image {setting}: no container {container} in the task definitions{}",
            family
                .map(|f| format!(" of family {f}"))
                .unwrap_or_default()
        ))),
        several => {
            let families: Vec<&str> = several
                .iter()
                .map(|(t, _)| task_definitions[*t].0.family.as_str())
                .collect();
            Err(Failure(format!(
                "--image {setting}: containers named {container} in {}; name one as FAMILY/{container}=IMAGE",
                families.join(", ")
            )))
        }
    }
}

/// The family a service's `taskDefinition` names: a family, `family:revision` or an ARN.
fn family_named(task_definition: &str) -> &str {
    let name = task_definition
        .rsplit('/')
        .next()
        .unwrap_or(task_definition);
    name.split(':').next().unwrap_or(name)
}

/// The application the files describe: each task definition with the services that run it.
fn application(definitions: &Definitions, account: Account) -> Result<Application, Failure> {
    application_of(definitions, Files::read(definitions)?, account)
}

/// The application of `files`, already read.
fn application_of(
    definitions: &Definitions,
    files: Files,
    account: Account,
) -> Result<Application, Failure> {
    let name = definitions.application.clone().unwrap_or_else(|| {
        files
            .task_definitions
            .first()
            .map(|(td, _)| td.family.to_string())
            .unwrap_or_default()
    });
    let only_service = match files.services.as_slice() {
        [(s, _)] => Some(s.service_name.clone()),
        _ => None,
    };
    let mut scaling: Vec<(Scaling, PathBuf)> = files.scaling;
    let mut schedules: Vec<(Schedule, PathBuf)> = files.schedules;
    let mut services: Vec<(Service, PathBuf)> = files.services;
    for (service, _) in &mut services {
        service
            .cluster
            .get_or_insert_with(|| files.cluster.as_str().into());
    }
    let mut builder = Application::builder(name, account, Cluster::builder(files.cluster));
    for (td, _) in files.task_definitions {
        let mut workload = Workload::builder(td.clone());
        let runs = |s: &Service| s.task_definition.as_deref().map(family_named) == Some(&td.family);
        if let Some(at) = services.iter().position(|(s, _)| runs(s)) {
            let service = services.remove(at).0;
            let name = service.service_name.clone();
            let of_service = |s: &Scaling| match s.service() {
                Some(named) => named == name,
                None => only_service.as_deref() == Some(name.as_str()),
            };
            let mine: Vec<(Scaling, PathBuf)> = extract(&mut scaling, |(s, _)| of_service(s));
            if !mine.is_empty() {
                workload = workload.scaling(service_scaling(&name, mine)?);
            }
            workload = workload.service(service);
        }
        let family_of_schedule = |s: &Schedule| {
            s.ecs()
                .map(|e| family_named(&e.task_definition_arn).to_owned())
        };
        if let Some(at) = schedules
            .iter()
            .position(|(s, _)| family_of_schedule(s).as_deref() == Some(td.family.as_str()))
        {
            let mut schedule = schedules.remove(at).0;
            // A family alone: the application writes its ARN (the latest revision).
            if let Some(ecs) = &mut schedule.target.ecs_parameters
                && !ecs.task_definition_arn.starts_with("arn:")
            {
                ecs.task_definition_arn.clear();
            }
            workload = workload.schedule(schedule);
        }
        if let Some((_, path)) = services.iter().find(|(s, _)| runs(s)) {
            return Err(Failure(format!(
                "{}: a second service of task definition {}: give each service its own task definition",
                path.display(),
                td.family
            )));
        }
        builder = builder.workload(workload);
    }
    if let Some((service, path)) = services.first() {
        return Err(Failure(format!(
            "{}: the service runs task definition {}, which no -t file defines",
            path.display(),
            service.task_definition.as_deref().unwrap_or_default()
        )));
    }
    if let Some((request, path)) = scaling.first() {
        return Err(Failure(format!(
            "{}: scales {}, which no -s file defines",
            path.display(),
            request.resource_id()
        )));
    }
    if let Some((schedule, path)) = schedules.first() {
        return Err(Failure(format!(
            "{}: schedule {} runs a task definition no -t file defines (its `Target.EcsParameters.TaskDefinitionArn`)",
            path.display(),
            schedule.name
        )));
    }
    Ok(builder.build_unchecked())
}

/// The items of `items` that `take` picks, removed from it, in order.
fn extract<T>(items: &mut Vec<T>, take: impl Fn(&T) -> bool) -> Vec<T> {
    let (taken, kept) = std::mem::take(items).into_iter().partition(|i| take(i));
    *items = kept;
    taken
}

/// Service `name`'s scaling from its requests: one scalable target, any policies and actions.
fn service_scaling(
    name: &str,
    requests: Vec<(Scaling, PathBuf)>,
) -> Result<ServiceScaling, Failure> {
    let mut scaling = ServiceScaling::between(0, 0).build_unchecked();
    let mut target = None;
    for (request, path) in requests {
        match request {
            Scaling::Target(t) if target.is_none() => target = Some(t),
            Scaling::Target(_) => {
                return Err(Failure(format!(
                    "{}: a second scalable target of service {name}",
                    path.display()
                )));
            }
            Scaling::Policy(p) => scaling.policies.push(p),
            Scaling::Action(a) => scaling.scheduled_actions.push(a),
        }
    }
    scaling.target = target.ok_or_else(|| {
        Failure(format!(
            "service {name} has scaling policies but no register-scalable-target file (its bounds)"
        ))
    })?;
    Ok(scaling)
}

/// `diff`: the plan against what AWS has.
async fn diff(
    cli: &Cli,
    definitions: &Definitions,
    format: PlanFormat,
) -> Result<ExitCode, Failure> {
    let (deployer, region) = deployer(cli).await?;
    let app = application(
        definitions,
        account_for(&deployer, definitions, region).await?,
    )?;
    let plan = deployer.plan(&app).await?;
    match format {
        PlanFormat::Text => println!("{plan}"),
        PlanFormat::Json => println!("{}", plan.to_json_pretty()),
        PlanFormat::Markdown => print!("{}", plan.to_markdown()),
    }
    Ok(ExitCode::SUCCESS)
}

/// `diff --observed`: the definitions against saved `describe-*` answers, without AWS. Each
/// answer is compared with the definition of its kind: a task definition, or the service.
fn diff_offline(
    definitions: &Definitions,
    observed: &[std::path::PathBuf],
    format: PlanFormat,
) -> Result<ExitCode, Failure> {
    use ecs_deploy::plan::compare;
    let files = Files::read(definitions)?;
    let mut report = Vec::new();
    for path in observed {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        let in_file = |e: ecs_model::ParseError| Failure(format!("{}: {e}", path.display()));
        let is_service = serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| {
            ["services", "service", "serviceName"]
                .iter()
                .any(|k| v.get(k).is_some())
        });
        let (resource, changes) = if is_service {
            let found = Service::from_describe_json(&text).map_err(in_file)?.value;
            let desired = files
                .services
                .iter()
                .map(|(s, _)| s)
                .find(|s| s.service_name == found.service_name)
                .ok_or_else(|| {
                    Failure(format!(
                        "{}: describes service {}, which no -s file defines",
                        path.display(),
                        found.service_name
                    ))
                })?;
            let changes = compare::services(desired, &found);
            (format!("service {}", desired.service_name), changes)
        } else {
            let found = TaskDefinition::from_json_lenient(&text)
                .map_err(in_file)?
                .value;
            let desired = files
                .task_definitions
                .iter()
                .map(|(td, _)| td)
                .find(|td| td.family == found.family)
                .ok_or_else(|| {
                    Failure(format!(
                        "{}: describes task definition {}, which no -t file defines",
                        path.display(),
                        found.family
                    ))
                })?;
            let changes = compare::task_definitions(desired, &found);
            (format!("task definition {}", desired.family), changes)
        };
        report.push((path, resource, changes));
    }
    match format {
        PlanFormat::Text | PlanFormat::Markdown => {
            let markdown = format == PlanFormat::Markdown;
            for (path, resource, changes) in &report {
                let count = match changes.len() {
                    0 => "no changes".to_owned(),
                    1 => "1 change".to_owned(),
                    n => format!("{n} changes"),
                };
                if markdown {
                    println!("- **{resource}** against `{}`: {count}", path.display());
                    for change in changes {
                        println!("  - `{change}`");
                    }
                } else {
                    println!("{resource} against {}: {count}", path.display());
                    for change in changes {
                        println!("    ~ {change}");
                    }
                }
            }
        }
        PlanFormat::Json => {
            let list: Vec<serde_json::Value> = report
                .iter()
                .map(|(path, resource, changes)| {
                    serde_json::json!({
                        "observed": path.display().to_string(),
                        "resource": resource,
                        "changes": changes,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).unwrap_or_default()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Where a diagnostic of the application is, in the user's files: `td.json` and `memory`
/// rather than `taskDefinitions.web.memory`.
fn locate(files: &Files, path: &ecs_model::JsonPath) -> (String, String) {
    use ecs_model::Segment;
    let (file, rest) = match path.segments() {
        [Segment::Key(kind), Segment::Key(name), rest @ ..] => {
            let file = match kind.as_ref() {
                "taskDefinitions" => files.task_definition_file(name),
                "services" => files.service_file(name),
                "schedules" => files.schedule_file(name),
                "scaling" => {
                    let inner = rest_path(rest).to_string();
                    let file = files.scaling_file(name, &inner);
                    // A request's own path: what follows `ScalableTarget` or `ScalingPolicies.cpu`.
                    let skip = match rest.first() {
                        Some(Segment::Key(k)) if k == "ScalableTarget" => 1,
                        Some(Segment::Key(_)) => 2,
                        _ => 0,
                    };
                    return file.map_or_else(
                        || ("(application)".to_owned(), path.to_string()),
                        |file| {
                            let rest = rest_path(rest.get(skip..).unwrap_or_default());
                            (file.display().to_string(), rest.to_string())
                        },
                    );
                }
                _ => None,
            };
            (file, rest)
        }
        _ => (None, path.segments()),
    };
    let Some(file) = file else {
        return ("(application)".to_owned(), path.to_string());
    };
    (file.display().to_string(), rest_path(rest).to_string())
}

/// `segments` as a path of their own.
fn rest_path(segments: &[ecs_model::Segment]) -> ecs_model::JsonPath {
    use ecs_model::Segment;
    segments
        .iter()
        .fold(ecs_model::JsonPath::root(), |p, s| match s {
            Segment::Key(k) => p.key(k.clone()),
            Segment::Index(i) => p.index(*i),
            _ => p,
        })
}

/// Prints diagnostics as the `validate` example does: `FILE: PATH: MESSAGE [RULE]`, warnings
/// as `FILE: PATH: warning: …`; or a JSON array of `{file, path, rule, severity, message}`.
fn print_diagnostics(files: &Files, diagnostics: &[Diagnostic], format: Format) {
    match format {
        Format::Text => {
            for d in diagnostics {
                let (file, path) = locate(files, &d.path);
                let rule = d.rule_id().map(|id| format!(" [{id}]")).unwrap_or_default();
                let warning = if d.is_error() { "" } else { "warning: " };
                println!("{file}: {path}: {warning}{}{rule}", d.message);
            }
        }
        Format::Json => {
            let list: Vec<serde_json::Value> = diagnostics
                .iter()
                .map(|d| {
                    let (file, path) = locate(files, &d.path);
                    serde_json::json!({"file": file, "path": path, "severity": d.severity.to_string(), "rule": d.rule_id(), "message": d.message})
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).unwrap_or_default()
            );
        }
    }
}

/// A progress line: a bar of running tasks, the rollout state, the time.
fn progress_line(p: &Progress) -> String {
    const WIDTH: usize = 20;
    let desired = usize::try_from(p.desired.max(1)).unwrap_or(1);
    let running = usize::try_from(p.running.max(0)).unwrap_or(0).min(desired);
    let filled = running * WIDTH / desired;
    format!(
        "[{}{}] {}/{} running, {} pending, rollout {}, {}s",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        p.running,
        p.desired,
        p.pending,
        p.rollout_state.as_deref().unwrap_or("unknown"),
        p.elapsed.as_secs()
    )
}

/// Shows deployment events: the plan, each step, the rollout (redrawn in place on a terminal).
fn show(event: &Event<'_>) {
    let tty = std::io::stderr().is_terminal();
    match event {
        Event::Planned(plan) => println!("{plan}"),
        Event::Step(step) => println!("applying {} ({})", step.resource, step.calls.join(", ")),
        Event::Progress(p) => {
            let mut err = std::io::stderr();
            for event in &p.new_events {
                let _ = writeln!(err, "{}event: {event}", if tty { "\r\x1b[2K" } else { "" });
            }
            if tty {
                let _ = write!(err, "\r\x1b[2K{}", progress_line(p));
                let _ = err.flush();
            } else {
                let _ = writeln!(err, "{}", progress_line(p));
            }
        }
        _ => {}
    }
}

async fn run(cli: &Cli) -> Result<ExitCode, Failure> {
    match &cli.command {
        Command::Validate {
            definitions,
            format,
        } => Ok(validate(definitions, *format)?),
        Command::Render {
            definitions,
            deployer_policy,
            prune,
            runner_policy,
        } => {
            let policy = match (deployer_policy, runner_policy) {
                (Some(account), _) if *prune => Some((account, PolicyFor::PruningDeployer)),
                (Some(account), _) => Some((account, PolicyFor::Deployer)),
                (None, Some(account)) => Some((account, PolicyFor::Runner)),
                (None, None) => None,
            };
            render(cli, definitions, policy.map(|(a, p)| (a.as_str(), p)))
        }
        Command::Graph { definitions } => graph(definitions),
        Command::Diff {
            definitions,
            observed,
            format,
        } if !observed.is_empty() => diff_offline(definitions, observed, *format),
        Command::Diff {
            definitions,
            format,
            ..
        } => diff(cli, definitions, *format).await,
        Command::Deploy {
            definitions,
            dry_run,
            no_wait,
            timeout,
            wait_until,
            adopt,
            prune,
        } => {
            let options = DeployOptions::default()
                .dry_run(*dry_run)
                .adopt(*adopt)
                .prune(*prune);
            let wait = (!no_wait).then(|| {
                WaitOptions::default()
                    .timeout(Duration::from_secs(*timeout))
                    .until(*wait_until)
            });
            deploy(cli, definitions, options.wait(wait)).await
        }
        Command::Continue { target, rollback } => continue_deployment(cli, target, *rollback).await,
        Command::Rollback {
            target,
            revision,
            native,
            no_wait,
        } => {
            let to = match (revision, native) {
                (Some(revision), _) => RollbackTo::Revision(*revision),
                (None, true) => RollbackTo::Native,
                (None, false) => RollbackTo::PreviousRevision,
            };
            rollback(cli, target, &to, *no_wait).await
        }
        Command::Deregister {
            task_definition,
            keep,
            ..
        } => deregister(cli, task_definition, *keep).await,
        Command::Verify { definitions } => {
            let (deployer, region) = deployer(cli).await?;
            let app = application(
                definitions,
                account_for(&deployer, definitions, region).await?,
            )?;
            let report = deployer.verify(&app).await?;
            println!("{report}");
            Ok(if report.passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Run(args) => tasks::run(cli, args).await,
        Command::Init(args) => tasks::init(cli, args).await,
        Command::Logs(args) => tasks::logs(cli, args).await,
        Command::Status { target } => {
            let (deployer, _) = deployer(cli).await?;
            for (cluster, service) in services_of(target)? {
                print!("{}", deployer.status(&cluster, &service).await?);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `deregister`: each family's old revisions, keeping the newest `keep` and those in use.
async fn deregister(
    cli: &Cli,
    task_definitions: &[PathBuf],
    keep: std::num::NonZeroUsize,
) -> Result<ExitCode, Failure> {
    let (deployer, _) = deployer(cli).await?;
    for path in task_definitions {
        let family = read(path, TaskDefinition::from_json)?.family;
        let done = deployer.deregister(&family, keep).await?;
        for arn in &done.deregistered {
            println!("deregistered {arn}");
        }
        for (arn, users) in &done.used_by {
            println!("kept {arn}: used by {}", users.join(", "));
        }
        println!(
            "{family}: {} deregistered, {} kept",
            done.deregistered.len(),
            done.kept.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `graph`: the application's resources and references, as Mermaid.
fn graph(definitions: &Definitions) -> Result<ExitCode, Failure> {
    let app = application(definitions, Account::new(ANY_ACCOUNT, "us-east-1"))?;
    print!("{}", app.graph().to_mermaid());
    Ok(ExitCode::SUCCESS)
}

fn validate(definitions: &Definitions, format: Format) -> Result<ExitCode, Failure> {
    // Read (and rendered) once: the files also say where each diagnostic is.
    let files = Files::read(definitions)?;
    let app = application_of(
        definitions,
        files.clone(),
        Account::new(ANY_ACCOUNT, "us-east-1"),
    )?;
    let diagnostics = app.validate();
    print_diagnostics(&files, &diagnostics, format);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if format == Format::Text {
        eprintln!(
            "{errors} error(s), {} warning(s)",
            diagnostics.len() - errors
        );
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn render(
    cli: &Cli,
    definitions: &Definitions,
    policy: Option<(&str, PolicyFor)>,
) -> Result<ExitCode, Failure> {
    let mut app = application(definitions, Account::new(ANY_ACCOUNT, "us-east-1"))?;
    // The task definition and service render the same in every region and account; the
    // policy's ARNs do not.
    if let Some((account, whom)) = policy {
        let region = policy_region(cli, &app)?;
        app.account = Account::new(account, region);
        let policy = match whom {
            PolicyFor::Deployer => app.deployer_policy(),
            PolicyFor::PruningDeployer => app.pruning_deployer_policy(),
            PolicyFor::Runner => app.runner_policy(),
        };
        println!("{}", policy.to_json_pretty());
    } else {
        for td in app.task_definitions() {
            println!("{}", td.to_json_pretty());
        }
        for (_, service) in app.services() {
            println!("{}", service.to_json_pretty());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The region of the deployer policy: `--region`, else `AWS_REGION` / `AWS_DEFAULT_REGION`,
/// else the one region the definitions name.
fn policy_region(cli: &Cli, app: &Application) -> Result<String, Failure> {
    let named = named_regions(app);
    let from_env = ["AWS_REGION", "AWS_DEFAULT_REGION"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|r| !r.is_empty()));
    let region = match (&cli.region, from_env, named.as_slice()) {
        (Some(region), _, _) | (None, None, [region]) => region.clone(),
        (None, Some(region), _) => region,
        (None, None, []) => {
            return Err(Failure(
                "no region: the definitions name none and AWS_REGION is not set; pass --region"
                    .to_owned(),
            ));
        }
        (None, None, several) => {
            return Err(Failure(format!(
                "the definitions name several regions ({}); pass --region",
                several.join(", ")
            )));
        }
    };
    if let Some(other) = named.iter().find(|r| **r != region) {
        eprintln!("warning: rendering for {region}, but the definitions also name {other}");
    }
    Ok(region)
}

/// The regions the task definitions name: their awslogs groups', their ECR images' and their
/// secrets'.
fn named_regions(app: &Application) -> Vec<String> {
    let mut regions = std::collections::BTreeSet::new();
    for c in app
        .task_definitions()
        .flat_map(|td| &td.container_definitions)
    {
        if let Some(region) = c
            .log_configuration
            .as_ref()
            .and_then(|log| log.option_value(ecs_model::container::awslogs::REGION))
        {
            regions.insert(region.to_owned());
        }
        // `<account>.dkr.ecr.<region>.amazonaws.com/<repository>`
        let host = c.image.split('/').next().unwrap_or_default();
        if let Some(region) = host
            .split_once(".dkr.ecr.")
            .and_then(|(_, rest)| rest.strip_suffix(".amazonaws.com"))
        {
            regions.insert(region.to_owned());
        }
        for secret in &c.secrets {
            if let Some(region) = secret
                .value_from
                .split(':')
                .nth(3)
                .filter(|r| !r.is_empty())
            {
                regions.insert(region.to_owned());
            }
        }
    }
    regions.into_iter().collect()
}

async fn deploy(
    cli: &Cli,
    definitions: &Definitions,
    options: DeployOptions,
) -> Result<ExitCode, Failure> {
    let (deployer, region) = deployer(cli).await?;
    let app = application(
        definitions,
        account_for(&deployer, definitions, region).await?,
    )?;
    let done = Box::pin(deployer.deploy(&app, options, &mut |event| show(&event))).await;
    if std::io::stderr().is_terminal() {
        eprintln!();
    }
    let done = done?;
    if let Some(applied) = &done.applied {
        let revisions: Vec<&str> = app
            .task_definitions()
            .map(|td| {
                applied
                    .task_definition_arns
                    .get(td.family.as_str())
                    .map_or(td.family.as_str(), String::as_str)
            })
            .collect();
        println!(
            "deployed: {} change(s); task definition {}",
            applied.changed.len(),
            revisions.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The `(cluster, service)` pairs a command acts on: the one `-n` names, or each of the `-s`
/// files' services in its cluster (`-c`, the file's, or `default`).
fn services_of(target: &args::Target) -> Result<Vec<(String, String)>, Failure> {
    if let Some(name) = &target.name {
        let cluster = target
            .cluster
            .clone()
            .unwrap_or_else(|| "default".to_owned());
        return Ok(vec![(cluster, name.clone())]);
    }
    let mut out = Vec::new();
    for path in &target.service {
        let service = read(path, Service::from_json)?;
        let cluster = target
            .cluster
            .clone()
            .unwrap_or_else(|| service.cluster_name("default").to_owned());
        out.push((cluster, service.service_name.into_string()));
    }
    Ok(out)
}

async fn continue_deployment(
    cli: &Cli,
    target: &args::Target,
    rollback: bool,
) -> Result<ExitCode, Failure> {
    let (deployer, _) = deployer(cli).await?;
    for (cluster, service) in services_of(target)? {
        let continued = deployer
            .continue_deployment(&cluster, &service, rollback)
            .await?;
        println!(
            "{} {service}: deployment {} at hook {}",
            if rollback {
                "rolling back"
            } else {
                "continuing"
            },
            continued.service_deployment_arn,
            continued.hook_id
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn rollback(
    cli: &Cli,
    target: &args::Target,
    to: &RollbackTo,
    no_wait: bool,
) -> Result<ExitCode, Failure> {
    let (deployer, _) = deployer(cli).await?;
    for (cluster, service) in services_of(target)? {
        let rolled = deployer.rollback(&cluster, &service, to).await?;
        println!(
            "rolling back {service} from {} to {}",
            rolled.from,
            rolled
                .to
                .as_deref()
                .unwrap_or("its last completed deployment")
        );
        if !no_wait && rolled.to.is_some() {
            let mut on_progress = |p: &Progress| show(&Event::Progress(p));
            let wait = ecs_deploy::wait::wait_for_deployment(
                deployer.clients(),
                &cluster,
                &service,
                rolled.deployment_id.as_deref(),
                WaitOptions::default(),
                &mut on_progress,
            );
            Box::pin(wait).await?;
            eprintln!();
        }
    }
    Ok(ExitCode::SUCCESS)
}
