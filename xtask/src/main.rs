//! Repository chores, run as `cargo xtask <task>` (an alias in `.cargo/config.toml`).
//!
//! - `cargo xtask api`: writes `ecs-model`'s API records (`service/api.rs`, `cluster/api.rs`,
//!   `alb/api.rs`) from the pinned botocore's models, which `.ci/botocore_models.py` extracts into
//!   `target/botocore-models` (or `$ECS_BOTOCORE_MODELS`).
//! - `cargo xtask api --check`: fails when a generated file differs from what is committed.

mod api;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["api"] => write_api(false),
        ["api", "--check"] => write_api(true),
        _ => Err("usage: cargo xtask api [--check]".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Where `.ci/botocore_models.py` wrote the models.
fn models_dir() -> PathBuf {
    std::env::var_os("ECS_BOTOCORE_MODELS")
        .map_or_else(|| workspace().join("target/botocore-models"), PathBuf::from)
}

fn write_api(check: bool) -> Result<(), String> {
    let root = workspace();
    let models = api::Models::load(&models_dir())?;
    let mut stale = Vec::new();
    for (path, text) in api::generate(&models)? {
        let target = root.join(path);
        let current = std::fs::read_to_string(&target).unwrap_or_default();
        if current == text {
            continue;
        }
        if check {
            stale.push(path);
        } else {
            std::fs::write(&target, text).map_err(|e| format!("{}: {e}", target.display()))?;
            println!("wrote {path}");
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} differ from botocore {}'s models; run `cargo xtask api` and review the diff",
            stale.join(", "),
            models.version
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed files are what the pinned botocore's models generate: a bump of the pin
    /// without `cargo xtask api` (or an edit by hand) fails here.
    #[test]
    fn the_generated_files_are_current() {
        let dir = models_dir();
        if !dir.join("VERSION").is_file() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true but {} holds no botocore models; .ci/test writes them",
                dir.display()
            );
            eprintln!(
                "SKIPPED the generated files' check: no models in {} (.ci/botocore_models.py)",
                dir.display()
            );
            return;
        }
        let models = api::Models::load(&dir).unwrap();
        for (path, text) in api::generate(&models).unwrap() {
            let current = std::fs::read_to_string(workspace().join(path)).unwrap();
            let first_difference = current
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| current.lines().count().min(text.lines().count()));
            assert!(
                current == text,
                "{path} is not what botocore {} generates (first difference at line {}); run \
                 `cargo xtask api` and review the diff",
                models.version,
                first_difference + 1
            );
        }
    }
}
