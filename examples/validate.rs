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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    ExitCode::from(ecs_examples::lint::run(
        &args,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    ))
}
