//! The `validate` example: lints task definition JSON files the way a tool embedding
//! `ecs-model` would.

use std::io::Write;

use ecs_model::{Diagnostic, Mode, ParseError, Severity, TaskDefinition};

/// Exit code when no file has an error.
pub const OK: u8 = 0;
/// Exit code when a file has an error.
pub const INVALID: u8 = 1;
/// Exit code when a file cannot be read or is not JSON (or the arguments are wrong).
pub const UNREADABLE: u8 = 2;

const USAGE: &str = "usage: validate [--format json|text] [--lenient] FILE...";

struct Report {
    file: String,
    diagnostics: Vec<Diagnostic>,
}

/// Lints `args` (without the program name), writing the report to `out` and trouble to `err`;
/// returns the exit code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut json = false;
    let mut mode = Mode::Strict;
    let mut files = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => match args.next().map(String::as_str) {
                Some("json") => json = true,
                Some("text") => json = false,
                other => return usage(err, &format!("unknown format {other:?}")),
            },
            "--format=json" => json = true,
            "--format=text" => json = false,
            "--lenient" => mode = Mode::Lenient,
            "-h" | "--help" => return usage(err, ""),
            _ => files.push(arg.clone()),
        }
    }
    if files.is_empty() {
        return usage(err, "no FILE given");
    }

    let mut unreadable = false;
    let mut reports = Vec::new();
    for file in files {
        let text = match std::fs::read(&file) {
            Ok(text) => text,
            Err(e) => {
                let _ = writeln!(err, "{file}: cannot read: {e}");
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
                let _ = writeln!(err, "{file}: {e}");
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
        let _ = writeln!(out, "{}", serde_json::Value::Array(rows));
    } else {
        for report in &reports {
            for d in &report.diagnostics {
                let severity = if d.severity == Severity::Warning {
                    "warning: "
                } else {
                    ""
                };
                let rule = d.rule_id().map(|id| format!(" [{id}]")).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{}: {}: {severity}{}{rule}",
                    report.file, d.path, d.message
                );
            }
        }
    }

    if unreadable {
        UNREADABLE
    } else if reports
        .iter()
        .any(|r| r.diagnostics.iter().any(Diagnostic::is_error))
    {
        INVALID
    } else {
        OK
    }
}

fn usage(err: &mut dyn Write, problem: &str) -> u8 {
    if !problem.is_empty() {
        let _ = writeln!(err, "validate: {problem}");
    }
    let _ = writeln!(err, "{USAGE}");
    UNREADABLE
}
