//! The command line, as clap parses it.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Validate, diff and deploy Amazon ECS task definitions and services kept as JSON files.
///
/// AWS settings come from the standard configuration: `AWS_PROFILE`, `AWS_REGION`, the
/// environment's credentials, and `AWS_ENDPOINT_URL` for a local endpoint.
#[derive(Debug, Parser)]
#[command(name = "ecs-deploy", version, about, long_about)]
pub(crate) struct Cli {
    /// The AWS profile (overrides `AWS_PROFILE`).
    #[arg(long, global = true)]
    pub(crate) profile: Option<String>,
    /// The AWS region (overrides `AWS_REGION` and the profile's).
    #[arg(long, global = true)]
    pub(crate) region: Option<String>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The definitions a command works on: one application of task definitions and the services
/// that run them, on one cluster.
#[derive(Debug, Args)]
pub(crate) struct Definitions {
    /// A task definition: `register-task-definition` input, or `describe-task-definition`
    /// output (repeat it for several).
    #[arg(long, short = 't', value_name = "FILE", required = true)]
    pub(crate) task_definition: Vec<PathBuf>,
    /// A service: `create-service` input (repeat it for several). Each runs the task
    /// definition its `taskDefinition` names, else the only one given, else the one of its name.
    #[arg(long, short = 's', value_name = "FILE")]
    pub(crate) service: Vec<PathBuf>,
    /// A service's auto scaling: a `register-scalable-target`, `put-scaling-policy` or
    /// `put-scheduled-action` input, or a list of them (repeat it for several). Each belongs to
    /// the service its `ResourceId` (`service/<cluster>/<name>`) names, or the only one given.
    #[arg(long, value_name = "FILE")]
    pub(crate) scaling: Vec<PathBuf>,
    /// A schedule: a `create-schedule` input whose ECS target names the task definition to run
    /// (`TaskDefinitionArn`: its family or ARN); its cluster, group and role default to the
    /// application's (repeat it for several).
    #[arg(long, value_name = "FILE")]
    pub(crate) schedule: Vec<PathBuf>,
    /// Replace a container's image without editing the files (the one change of a CI
    /// pipeline): `CONTAINER=IMAGE`, or `FAMILY/CONTAINER=IMAGE` when several task definitions
    /// have a container of that name (repeat it for several).
    #[arg(long, value_name = "CONTAINER=IMAGE")]
    pub(crate) image: Vec<String>,
    /// The cluster (default: the services', else `default`).
    #[arg(long, short = 'c')]
    pub(crate) cluster: Option<String>,
    /// The application's name, which marks what it creates as its own (default: the first
    /// task definition's family).
    #[arg(long, value_name = "NAME")]
    pub(crate) application: Option<String>,
}

/// The services a command acts on: named (`-n`), or every service of the definition files CI
/// already has (`-s`, as `deploy` takes them).
#[derive(Debug, Args)]
pub(crate) struct Target {
    /// The cluster (default: the service file's, else `default`).
    #[arg(long, short = 'c')]
    pub(crate) cluster: Option<String>,
    /// The service, by name.
    #[arg(
        long = "service-name",
        short = 'n',
        required_unless_present = "service"
    )]
    pub(crate) name: Option<String>,
    /// A service file: `create-service` input (repeat it for several).
    #[arg(long, short = 's', value_name = "FILE", conflicts_with = "name")]
    pub(crate) service: Vec<PathBuf>,
    /// Task definition files, as `deploy` takes them (accepted so that every command takes the
    /// same files; the services are the service files').
    #[arg(long, short = 't', value_name = "FILE")]
    pub(crate) task_definition: Vec<PathBuf>,
}

/// Whose policy `render` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PolicyFor {
    Deployer,
    PruningDeployer,
    Runner,
}

/// How to print results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum Format {
    /// For people.
    #[default]
    Text,
    /// For tools.
    Json,
}

/// How to print a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum PlanFormat {
    /// For people.
    #[default]
    Text,
    /// For tools.
    Json,
    /// For a pull-request comment: a summary, a table of what changes, each change collapsed.
    Markdown,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check the definitions against the ECS rules, without AWS.
    Validate {
        #[command(flatten)]
        definitions: Definitions,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print the definitions as the ECS API takes them, without AWS.
    Render {
        #[command(flatten)]
        definitions: Definitions,
        /// Print the IAM policy whoever deploys them needs, for this account id, in the region
        /// of `--region`, `AWS_REGION` or else the one the definitions name.
        #[arg(long, value_name = "ACCOUNT_ID")]
        deployer_policy: Option<String>,
        /// With `--deployer-policy`: the policy of a deployer that also prunes (`deploy --prune`).
        #[arg(long, requires = "deployer_policy")]
        prune: bool,
        /// Print the IAM policy whoever runs one-off tasks of them (`run`) and reads their logs
        /// (`logs`) needs, for this account id: a CI step's migration, say.
        #[arg(long, value_name = "ACCOUNT_ID", conflicts_with = "deployer_policy")]
        runner_policy: Option<String>,
    },
    /// Print the application's resources and the references between them as a Mermaid
    /// flowchart (GitHub draws it in Markdown), without AWS.
    Graph {
        #[command(flatten)]
        definitions: Definitions,
    },
    /// Show what a deployment would change.
    Diff {
        #[command(flatten)]
        definitions: Definitions,
        /// Compare with a saved `describe-task-definition` or `describe-services` answer instead
        /// of asking AWS (give it twice for both); no credentials needed.
        #[arg(long, value_name = "FILE")]
        observed: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: PlanFormat,
    },
    /// Register the task definition if it changed, create or update the service, and wait for
    /// the rollout.
    Deploy {
        #[command(flatten)]
        definitions: Definitions,
        /// Show the plan and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Return once the deployment started.
        #[arg(long)]
        no_wait: bool,
        /// Give up waiting after this many seconds.
        #[arg(long, default_value_t = 900, value_name = "SECONDS")]
        timeout: u64,
        /// Return when the rollout is `complete` (the default), `paused` at a `PAUSE` lifecycle
        /// hook, or at a lifecycle stage of a `BLUE_GREEN`, `LINEAR` or `CANARY` deployment
        /// (`BAKE_TIME`: production traffic has shifted; see `ecs-deploy continue`).
        #[arg(long, default_value = "complete", value_name = "WHEN",
              value_parser = |s: &str| s.parse::<ecs_deploy::lifecycle::WaitUntil>(),
              conflicts_with = "no_wait")]
        wait_until: ecs_deploy::lifecycle::WaitUntil,
        /// Delete the services of the cluster and the schedules of the application's group that
        /// are marked as the application's but no longer in the definitions (with the services'
        /// scaling). Never without it.
        #[arg(long)]
        prune: bool,
        /// Take over existing resources ecs-deploy did not create for these definitions (no
        /// `ecs-deploy:application` tag naming the application): change them and tag them.
        /// Without it, their changes are blocked.
        #[arg(long)]
        adopt: bool,
    },
    /// Roll the service back to the previous revision (or a given one, or ECS's own rollback).
    Rollback {
        #[command(flatten)]
        target: Target,
        /// The revision to return to.
        #[arg(long, conflicts_with = "native")]
        revision: Option<i32>,
        /// Stop the deployment in progress and let ECS roll back.
        #[arg(long)]
        native: bool,
        /// Return once the rollback started.
        #[arg(long)]
        no_wait: bool,
    },
    /// Continue a deployment paused at a `PAUSE` lifecycle hook to its next stage (or roll it
    /// back).
    Continue {
        #[command(flatten)]
        target: Target,
        /// Roll the deployment back to the previous service revision instead.
        #[arg(long)]
        rollback: bool,
    },
    /// Deregister old revisions of the task definition's family, keeping the newest and every
    /// one in use: by a service of any cluster (its deployments and task sets too), a running
    /// or pending task, an EventBridge rule or a Scheduler schedule.
    Deregister {
        /// A task definition whose family is cleaned up (repeat it for several); no other
        /// family is touched.
        #[arg(long, short = 't', value_name = "FILE", required = true)]
        task_definition: Vec<PathBuf>,
        /// Service files, as `deploy` takes them (accepted so that every command takes the same
        /// files).
        #[arg(long, short = 's', value_name = "FILE")]
        service: Vec<PathBuf>,
        /// How many of the newest revisions to keep (at least 1).
        #[arg(long, default_value = "5")]
        keep: NonZeroUsize,
    },
    /// Check that what the definitions name exists and fits.
    Verify {
        #[command(flatten)]
        definitions: Definitions,
    },
    /// Show the service, its deployments and its latest events.
    Status {
        #[command(flatten)]
        target: Target,
    },
    /// Run a one-off task of a task definition (a migration), registered first if the file
    /// differs from its latest revision, in its service's (or schedule's) network; follow its
    /// logs, wait until it stops and exit with its essential container's exit code.
    Run(RunArgs),
    /// Read an existing service (made in the console, say) and write its definition files
    /// (`task-definition.json`, `service.json`) and `application.rs`, the same application
    /// built in Rust: both plan no change against the account they were read from.
    Init(InitArgs),
    /// Print the CloudWatch Logs of the task definitions' containers (every task, or `--task`),
    /// in time order, each line prefixed with its task and container.
    Logs(LogsArgs),
}

/// `run`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    #[command(flatten)]
    pub(crate) definitions: Definitions,
    /// The task definition to run, by family (default: the only one).
    #[arg(long)]
    pub(crate) family: Option<String>,
    /// The container the command and environment are for (default: the only essential one).
    #[arg(long)]
    pub(crate) container: Option<String>,
    /// An environment variable of that container, `NAME=VALUE` (repeat it for several).
    #[arg(long, short = 'e', value_name = "NAME=VALUE")]
    pub(crate) env: Vec<String>,
    /// The task's CPU units, in place of the task definition's.
    #[arg(long)]
    pub(crate) cpu: Option<String>,
    /// The task's memory (MiB), in place of the task definition's.
    #[arg(long)]
    pub(crate) memory: Option<String>,
    /// A subnet, in place of the service's (repeat it for several).
    #[arg(long = "subnet", value_name = "ID")]
    pub(crate) subnets: Vec<String>,
    /// A security group, in place of the service's (repeat it for several).
    #[arg(long = "security-group", value_name = "ID")]
    pub(crate) security_groups: Vec<String>,
    /// Give the task a public IP (a task in a public subnet that pulls from ECR needs one).
    #[arg(long)]
    pub(crate) public_ip: bool,
    /// Print the task's ARN once it started, and return.
    #[arg(long)]
    pub(crate) no_wait: bool,
    /// Do not print the logs while the task runs (the last lines are shown if it fails).
    #[arg(long)]
    pub(crate) no_logs: bool,
    /// Give up waiting after this many seconds (the task keeps running).
    #[arg(long, default_value_t = 3600, value_name = "SECONDS")]
    pub(crate) timeout: u64,
    /// How often to look at the task and its logs (`6s`, `500ms`).
    #[arg(long, default_value = "6s", value_parser = duration)]
    pub(crate) interval: std::time::Duration,
    /// The command, in place of the container's: after `--` (`run -t migrate.json -- ./migrate up`).
    #[arg(last = true, value_name = "COMMAND")]
    pub(crate) command: Vec<String>,
}

/// `init`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The cluster.
    #[arg(long, short = 'c', default_value = "default")]
    pub(crate) cluster: String,
    /// The service, by name.
    #[arg(long = "service-name", short = 'n')]
    pub(crate) service: String,
    /// Where to write the files.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) dir: PathBuf,
    /// The application's name in `application.rs` (default: the service's).
    #[arg(long, value_name = "NAME")]
    pub(crate) application: Option<String>,
    /// Overwrite files that exist.
    #[arg(long)]
    pub(crate) force: bool,
}

/// `logs`' arguments.
#[derive(Debug, Args)]
pub(crate) struct LogsArgs {
    #[command(flatten)]
    pub(crate) definitions: Definitions,
    /// Only this task, by id or ARN (repeat it for several).
    #[arg(long, value_name = "ID")]
    pub(crate) task: Vec<String>,
    /// Only this container (repeat it for several).
    #[arg(long, value_name = "NAME")]
    pub(crate) container: Vec<String>,
    /// From this long ago (`90s`, `10m`, `2h`, `1d`).
    #[arg(long, default_value = "10m")]
    pub(crate) since: String,
    /// Keep printing what arrives, until interrupted.
    #[arg(long, short = 'f')]
    pub(crate) follow: bool,
    /// A CloudWatch Logs filter pattern (`ERROR`, `"connection refused"`, `{ $.level = "error" }`).
    #[arg(long, value_name = "PATTERN")]
    pub(crate) filter: Option<String>,
    /// How often `--follow` looks (`2s`, `500ms`).
    #[arg(long, default_value = "2s", value_parser = duration)]
    pub(crate) interval: std::time::Duration,
    /// Output format (`json`: one event per line).
    #[arg(long, value_enum, default_value_t)]
    pub(crate) format: Format,
}

/// `6s`, `500ms`, `2m`.
fn duration(text: &str) -> Result<std::time::Duration, String> {
    let (number, unit_ms) = if let Some(n) = text.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1_000)
    } else if let Some(n) = text.strip_suffix('m') {
        (n, 60_000)
    } else {
        return Err(format!(
            "`{text}`: give a number above 0 and ms, s or m (`6s`)"
        ));
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(unit_ms))
        .filter(|ms| *ms > 0)
        .map(std::time::Duration::from_millis)
        .ok_or_else(|| format!("`{text}`: give a number above 0 and ms, s or m (`6s`)"))
}
