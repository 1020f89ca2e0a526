//! `run` and `logs`: one-off tasks and containers' logs.

use std::process::ExitCode;
use std::time::Duration;

use ecs_deploy::logs::{Follower, LogLine, Query, now_ms, parse_age};
use ecs_deploy::run::{RunEvent, RunTask, RunWait, Stopped};

use crate::args::{Format, InitArgs, LogsArgs, RunArgs};
use crate::{Cli, Failure, account_for, application, deployer};

/// `run`: starts the task, follows it and its logs, and exits with its essential container's
/// code.
pub(crate) async fn run(cli: &Cli, args: &RunArgs) -> Result<ExitCode, Failure> {
    let (deployer, region) = deployer(cli).await?;
    let app = application(
        &args.definitions,
        account_for(&deployer, &args.definitions, region).await?,
    )?;
    let mut request = RunTask::default();
    request.family.clone_from(&args.family);
    request.container.clone_from(&args.container);
    request.command = (!args.command.is_empty()).then(|| args.command.clone());
    for pair in &args.env {
        let (name, value) = pair
            .split_once('=')
            .ok_or_else(|| Failure(format!("--env `{pair}`: give NAME=VALUE")))?;
        request = request.env(name, value);
    }
    request.cpu.clone_from(&args.cpu);
    request.memory.clone_from(&args.memory);
    request.subnets.clone_from(&args.subnets);
    request.security_groups.clone_from(&args.security_groups);
    request.assign_public_ip = args.public_ip.then_some(true);
    let wait = (!args.no_wait).then(|| {
        RunWait::default()
            .timeout(Duration::from_secs(args.timeout))
            .poll_interval(args.interval)
            .follow_logs(!args.no_logs)
    });
    let (started, stopped) = deployer
        .run(&app, &request, wait, &mut |event| match event {
            RunEvent::Started(started) => {
                if started.registered {
                    eprintln!("registered {}", started.task_definition_arn);
                }
                eprintln!("started {}", started.task_arn);
            }
            RunEvent::Status(status) => eprintln!("task status: {status}"),
            RunEvent::Lines(lines) => {
                for line in lines {
                    println!("{line}");
                }
            }
            RunEvent::LogsUnreadable(error) => {
                eprintln!("warning: the task's logs cannot be read: {error}");
            }
            _ => {}
        })
        .await?;
    let Some(stopped) = stopped else {
        println!("{}", started.task_arn);
        return Ok(ExitCode::SUCCESS);
    };
    Ok(finish(&stopped, args.no_logs))
}

/// Prints how the task ended and turns it into this process's exit code.
fn finish(stopped: &Stopped, logs_not_shown: bool) -> ExitCode {
    let code = stopped.exit_code();
    if code != Some(0) && logs_not_shown && !stopped.last_lines.is_empty() {
        eprintln!("last log lines:");
        for line in &stopped.last_lines {
            eprintln!("{line}");
        }
    }
    println!("{stopped}");
    match code {
        Some(0) => ExitCode::SUCCESS,
        // An exit code the shell can carry (a code that is a multiple of 256 would read as 0).
        Some(code) => ExitCode::from(u8::try_from(code).ok().filter(|c| *c != 0).unwrap_or(1)),
        None => ExitCode::FAILURE,
    }
}

/// `logs`: the events of the task definitions' containers, in time order, and with `--follow`
/// what arrives after, until interrupted.
pub(crate) async fn logs(cli: &Cli, args: &LogsArgs) -> Result<ExitCode, Failure> {
    let (deployer, region) = deployer(cli).await?;
    let app = application(
        &args.definitions,
        account_for(&deployer, &args.definitions, region).await?,
    )?;
    let mut query = Query::default();
    query.tasks.clone_from(&args.task);
    query.containers.clone_from(&args.container);
    query.since = now_ms().saturating_sub(parse_age(&args.since).map_err(Failure)?);
    query.filter.clone_from(&args.filter);
    let mut followers = Vec::new();
    for td in app.task_definitions() {
        let (follower, elsewhere) = Follower::new(td, &query);
        for note in elsewhere {
            eprintln!("{}: {note}", td.family);
        }
        if !follower.is_empty() {
            followers.push(follower);
        }
    }
    if followers.is_empty() {
        return Err(Failure(
            "no container of these task definitions logs to CloudWatch Logs".to_owned(),
        ));
    }
    loop {
        let mut lines: Vec<LogLine> = Vec::new();
        for follower in &mut followers {
            lines.extend(follower.next(deployer.clients()).await?);
        }
        lines.sort_by_key(|line| line.timestamp);
        for line in &lines {
            match args.format {
                Format::Text => println!("{line}"),
                Format::Json => println!("{}", serde_json::to_string(line).unwrap_or_default()),
            }
        }
        if !args.follow {
            return Ok(ExitCode::SUCCESS);
        }
        tokio::time::sleep(args.interval).await;
    }
}

/// `init`: writes the service's definition files and `application.rs` into `dir`; refuses to
/// overwrite a file without `force` (and then writes none).
pub(crate) async fn init(cli: &Cli, args: &InitArgs) -> Result<ExitCode, Failure> {
    let (dir, force) = (&args.dir, args.force);
    let name = args.application.as_deref().unwrap_or(&args.service);
    let (deployer, _) = deployer(cli).await?;
    let adopted = ecs_deploy::adopt::read(deployer.clients(), &args.cluster, &args.service).await?;
    let files = [
        ("task-definition.json", adopted.task_definition_file()),
        ("service.json", adopted.service_file()),
        ("application.rs", adopted.rust_source(name)),
    ];
    for note in &adopted.notes {
        eprintln!("note: {note}");
    }
    let existing: Vec<String> = files
        .iter()
        .map(|(file, _)| dir.join(file))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() && !force {
        return Err(Failure(format!(
            "{} exist(s): nothing written (--force overwrites)",
            existing.join(", ")
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
    for (file, text) in &files {
        let path = dir.join(file);
        std::fs::write(&path, format!("{}\n", text.trim_end()))
            .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    }
    let rust = dir.join("application.rs");
    let formatted = std::process::Command::new("rustfmt")
        .args(["--edition", "2024"])
        .arg(&rust)
        .status()
        .is_ok_and(|s| s.success());
    if !formatted {
        eprintln!("note: rustfmt did not run on {}", rust.display());
    }
    println!(
        "wrote {}, {} and {}: `ecs-deploy diff -t {} -s {}` plans no change",
        dir.join("task-definition.json").display(),
        dir.join("service.json").display(),
        rust.display(),
        dir.join("task-definition.json").display(),
        dir.join("service.json").display(),
    );
    Ok(ExitCode::SUCCESS)
}
