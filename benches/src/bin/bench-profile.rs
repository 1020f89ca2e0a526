//! Runs one operation on a benchmark set many times, for a profiler:
//!
//! ```text
//! cargo build --profile bench -p ecs-benches --bin bench-profile
//! valgrind --tool=callgrind target/release/bench-profile parse 200 [large|typical|fleet|corpus]
//! ```
//!
//! Operations: `render`, `parse`, `validate`, `parse_validate`, `pipeline` (parse, validate and
//! render), over every document of the set (default `large`). Allocations per run: the
//! difference between `valgrind` memcheck's "total heap usage" for 11 runs and for 1, over 10.

use std::hint::black_box;
use std::process::ExitCode;

use ecs_model::TaskDefinition;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(op), Some(times)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!(
            "usage: bench-profile render|parse|validate|parse_validate|pipeline TIMES [SET: large, typical, fleet, corpus or an adversarial shape]"
        );
        return ExitCode::from(2);
    };
    let set = match args.get(2).map_or("large", String::as_str) {
        "large" => vec![ecs_benches::large()],
        "typical" => vec![ecs_benches::typical()],
        "fleet" => ecs_benches::fleet(1000),
        "corpus" => ecs_benches::corpus().unwrap_or_default(),
        // An adversarial shape (`ten_thousand_containers`, …) read leniently.
        name if let Some((_, _, text)) =
            ecs_benches::adversarial(ecs_benches::large().json_len())
                .into_iter()
                .find(|(n, _, _)| *n == name) =>
        {
            TaskDefinition::from_json_lenient(&text)
                .map(|parsed| vec![parsed.value])
                .unwrap_or_default()
        }
        other => {
            eprintln!("unknown set {other}: large, typical, fleet, corpus or an adversarial shape");
            return ExitCode::from(2);
        }
    };
    let texts: Vec<String> = set.iter().map(TaskDefinition::to_json).collect();
    let mut work = 0usize;
    for _ in 0..times {
        for (td, text) in set.iter().zip(&texts) {
            work += match op.as_str() {
                "render" => black_box(td).to_json().len(),
                "parse" => TaskDefinition::from_json(black_box(text))
                    .map_or(0, |td| td.container_definitions.len()),
                "validate" => black_box(td).validate().len() + 1,
                "parse_validate" => TaskDefinition::from_json(black_box(text))
                    .map_or(0, |td| td.validate().len() + 1),
                // The AWS CLI's pipeline, as `peers.py` measures it.
                "pipeline" => TaskDefinition::from_json(black_box(text))
                    .map_or(0, |td| td.validate().len() + td.to_json().len()),
                _ => {
                    eprintln!("unknown operation {op}");
                    return ExitCode::from(2);
                }
            };
        }
    }
    println!("{work}");
    ExitCode::SUCCESS
}
