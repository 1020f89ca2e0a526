//! Test support shared by the integration tests.

#![allow(dead_code, unreachable_pub)] // each test binary uses part of it

pub mod aws_model;

use std::path::{Path, PathBuf};

/// `../shared` next to the repository, if it is there.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("ECS_SHARED_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
        PathBuf::from,
    );
    dir.is_dir().then_some(dir)
}

/// `../shared`, or `None` after saying plainly that the test skipped; under `CI=true` a missing
/// `../shared` fails the test instead.
pub fn shared_or_skip(what: &str) -> Option<PathBuf> {
    match shared_dir() {
        Some(dir) => Some(dir),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but ../shared is missing ({what})")
        }
        None => {
            eprintln!("SKIPPED {what}: ../shared is absent (set ECS_SHARED_DIR)");
            None
        }
    }
}

/// The directory of the pinned botocore's API models, as `.ci/botocore_models.py` writes them
/// (`$ECS_BOTOCORE_MODELS/<service>.json`, `ecs-examples.json`); `None` after saying plainly that
/// the test skipped (a failure under `CI=true`).
pub fn botocore_models_or_skip(what: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("ECS_BOTOCORE_MODELS")
        .map(PathBuf::from)
        .filter(|d| d.is_dir());
    match dir {
        Some(dir) => Some(dir),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but ECS_BOTOCORE_MODELS is not a directory ({what}); .ci/test sets it")
        }
        None => {
            eprintln!(
                "SKIPPED {what}: set ECS_BOTOCORE_MODELS (.ci/botocore_models.py writes botocore's models)"
            );
            None
        }
    }
}

/// The pinned botocore's model of `service` (`ecs`, `elbv2`, `iam`, `ec2`, `logs`), or `None`
/// after saying plainly that the test skipped (a failure under `CI=true`).
pub fn botocore_model_or_skip(service: &str, what: &str) -> Option<aws_model::ApiModel> {
    let dir = botocore_models_or_skip(what)?;
    Some(aws_model::ApiModel::from_file(
        &dir.join(format!("{service}.json")),
    ))
}

/// The `site-packages` of the workspace's `.venv` (which `.ci/test` creates), or `None` after
/// saying plainly that the test skipped (a failure under `CI=true`).
pub fn venv_packages_or_skip(what: &str) -> Option<PathBuf> {
    let lib = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.venv/lib");
    let found = std::fs::read_dir(&lib)
        .ok()
        .and_then(|mut dirs| dirs.find_map(Result::ok))
        .map(|python| python.path().join("site-packages"))
        .filter(|p| p.is_dir());
    match found {
        Some(dir) => Some(dir),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but the workspace has no .venv ({what}); .ci/test creates it")
        }
        None => {
            eprintln!("SKIPPED {what}: no .venv (run .ci/test, which creates it)");
            None
        }
    }
}

/// The diagnostic of `rule` at `path`, or a panic listing what was found instead.
#[track_caller]
pub fn expect_rule(
    diagnostics: &[ecs_model::Diagnostic],
    rule: &str,
    path: &str,
) -> ecs_model::Diagnostic {
    diagnostics
        .iter()
        .find(|d| d.rule_id() == Some(rule) && d.path.to_string() == path)
        .cloned()
        .unwrap_or_else(|| {
            let found: Vec<String> = diagnostics.iter().map(|d| format!("  {d}")).collect();
            panic!("expected {rule} at {path}, got:\n{}", found.join("\n"))
        })
}

/// Panics when any diagnostic is of `rule`.
#[track_caller]
pub fn expect_no_rule(diagnostics: &[ecs_model::Diagnostic], rule: &str) {
    let hits: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.rule_id() == Some(rule))
        .map(ToString::to_string)
        .collect();
    assert!(
        hits.is_empty(),
        "expected no {rule}, got:\n{}",
        hits.join("\n")
    );
}
