//! Times ecs-model's operations, `serde_json::Value`'s round trip and a copy of the bytes on the
//! peers' documents, the way the peers' scripts time theirs (`peers/node_bench.js`,
//! `peers/botocore_bench.py`): the best of a few rounds, each repeating one pass over the set
//! for about half a second. `peers.py` runs it and the peers' scripts one round at a time, in
//! turn, so that every figure of its table is the same statistic over the same minutes.
//! Prints `{set: {operation: seconds per pass}}` as JSON.
//!
//! ```text
//! cargo run --profile bench -p ecs-benches --bin bench-rounds -- DOCS_DIR [--quick] [--rounds N]
//! ```

use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use ecs_model::TaskDefinition;
use serde_json::{Map, Value};

/// How the peers' scripts time: `rounds` timings of `pass`, each repeated for about `budget`
/// after one untimed call that sets the count; the fastest, in seconds per pass.
fn best_of(rounds: usize, budget: Duration, mut pass: impl FnMut() -> usize) -> f64 {
    let start = Instant::now();
    black_box(pass());
    let once = start.elapsed().max(Duration::from_nanos(100));
    let repeat = u32::try_from(budget.as_nanos() / once.as_nanos())
        .unwrap_or(u32::MAX)
        .max(1);
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..repeat {
                black_box(pass());
            }
            start.elapsed().as_secs_f64() / f64::from(repeat)
        })
        .fold(f64::INFINITY, f64::min)
}

/// Every operation on one set, each pass over all of its documents; `None` if one of them is
/// not a task definition ecs-model reads (`bench-docs` writes only ones it does).
fn operations(texts: &[String], rounds: usize, budget: Duration) -> Option<Value> {
    let models: Vec<TaskDefinition> = texts
        .iter()
        .map(|t| TaskDefinition::from_json(t).ok())
        .collect::<Option<_>>()?;
    let values: Vec<Value> = texts
        .iter()
        .filter_map(|t| serde_json::from_str(t).ok())
        .collect();
    let mut times = Map::new();
    let mut time = |operation: &str, pass: &mut dyn FnMut() -> usize| {
        times.insert(operation.into(), best_of(rounds, budget, pass).into());
    };
    // Every result goes through `black_box`, so that no pass is optimised away (a copy whose
    // only use is its length is).
    time("parse", &mut || {
        texts
            .iter()
            .filter(|t| black_box(TaskDefinition::from_json(black_box(t))).is_ok())
            .count()
    });
    time("validate", &mut || {
        models
            .iter()
            .map(|td| black_box(black_box(td).validate()).len())
            .sum()
    });
    // What the peers render: the documents they parsed.
    time("render", &mut || {
        models
            .iter()
            .map(|td| black_box(black_box(td).to_json()).len())
            .sum()
    });
    // The AWS CLI's pipeline: read the file, check it, serialize the request.
    time("pipeline", &mut || {
        texts
            .iter()
            .filter_map(|t| TaskDefinition::from_json(black_box(t)).ok())
            .map(|td| black_box(td.validate()).len() + black_box(td.to_json()).len())
            .sum()
    });
    time("serde_value_parse", &mut || {
        texts
            .iter()
            .filter(|t| black_box(serde_json::from_str::<Value>(black_box(t))).is_ok())
            .count()
    });
    time("serde_value_render", &mut || {
        values
            .iter()
            .map(|v| black_box(black_box(v).to_string()).len())
            .sum()
    });
    time("memcpy", &mut || {
        texts
            .iter()
            .map(|t| black_box(black_box(t.as_bytes()).to_vec()).len())
            .sum()
    });
    Some(Value::Object(times))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let rounds = match args.iter().position(|a| a == "--rounds") {
        None => Some(if quick { 3 } else { 5 }),
        Some(i) => args.get(i + 1).and_then(|n| n.parse().ok()),
    };
    let (Some(dir), Some(rounds)) = (args.first().filter(|a| !a.starts_with("--")), rounds) else {
        eprintln!("usage: bench-rounds DOCS_DIR [--quick] [--rounds N]");
        return ExitCode::from(2);
    };
    let budget = Duration::from_millis(if quick { 50 } else { 500 });
    let mut paths: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            return ExitCode::FAILURE;
        }
    };
    paths.sort();
    let mut results = Map::new();
    for path in paths {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        };
        let texts: Vec<String> = text
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let set = Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(times) = operations(&texts, rounds, budget) else {
            eprintln!("{}: a line is not a task definition", path.display());
            return ExitCode::FAILURE;
        };
        results.insert(set, times);
    }
    println!("{}", Value::Object(results));
    ExitCode::SUCCESS
}
