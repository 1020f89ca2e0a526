//! Lints task definition JSON files the way a tool embedding `ecs-model` would.
//!
//! ```text
//! cargo run -q --example validate -- [--format json] [--lenient] FILE...
//! ```
//!
//! Prints `FILE: PATH: MESSAGE [RULE]` per problem (warnings read `FILE: PATH: warning: …`), or
//! with `--format json` an array of `{file, path, rule, severity, message}`. Exits 0 when no file
//! has an error, 1 when one has, 2 when a file cannot be read or is not JSON.

use std::process::ExitCode;

use ecs_model::{Diagnostic, Mode, ParseError, Severity, TaskDefinition};

struct Report {
    file: String,
    diagnostics: Vec<Diagnostic>,
}

fn main() -> ExitCode {
    let mut json = false;
    let mut mode = Mode::Strict;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => match args.next().as_deref() {
                Some("json") => json = true,
                Some("text") => json = false,
                other => return usage(&format!("unknown format {other:?}")),
            },
            "--format=json" => json = true,
            "--lenient" => mode = Mode::Lenient,
            "-h" | "--help" => return usage(""),
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        return usage("no FILE given");
    }

    let mut unreadable = false;
    let mut reports = Vec::new();
    for file in files {
        let text = match std::fs::read(&file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                unreadable = true;
                continue;
            }
        };
        let diagnostics = match TaskDefinition::from_slice(&text, mode) {
            Ok(parsed) => {
                let mut all = parsed.warnings;
                all.extend(parsed.value.validate());
                all
            }
            Err(e @ ParseError::Syntax { .. }) => {
                eprintln!("{file}: {e}");
                unreadable = true;
                continue;
            }
            Err(e) => e.diagnostics(),
        };
        reports.push(Report { file, diagnostics });
    }

    if json {
        let rows: Vec<serde_json::Value> = reports
            .iter()
            .flat_map(|r| {
                r.diagnostics.iter().map(|d| {
                    serde_json::json!({
                        "file": r.file,
                        "path": d.path.to_string(),
                        "rule": d.rule_id(),
                        "severity": d.severity.as_str(),
                        "message": d.message,
                    })
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
    } else {
        for report in &reports {
            for d in &report.diagnostics {
                let severity = if d.severity == Severity::Warning {
                    "warning: "
                } else {
                    ""
                };
                let rule = d.rule_id().map(|id| format!(" [{id}]")).unwrap_or_default();
                println!("{}: {}: {severity}{}{rule}", report.file, d.path, d.message);
            }
        }
    }

    if unreadable {
        ExitCode::from(2)
    } else if reports
        .iter()
        .any(|r| r.diagnostics.iter().any(Diagnostic::is_error))
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("validate: {problem}");
    }
    eprintln!("usage: validate [--format json|text] [--lenient] FILE...");
    ExitCode::from(2)
}
