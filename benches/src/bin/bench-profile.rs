//! Runs one operation on the large task definition many times, for a profiler:
//!
//! ```text
//! cargo build --profile bench -p ecs-benches --bin bench-profile
//! valgrind --tool=callgrind target/release/bench-profile parse 200
//! ```
//!
//! Operations: `render`, `parse`, `validate`, `parse_validate`. Allocations per run: the
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
        eprintln!("usage: bench-profile render|parse|validate|parse_validate TIMES");
        return ExitCode::from(2);
    };
    let td = ecs_benches::large();
    let text = td.to_json();
    let mut work = 0usize;
    for _ in 0..times {
        work += match op.as_str() {
            "render" => black_box(&td).to_json().len(),
            "parse" => TaskDefinition::from_json(black_box(&text))
                .map_or(0, |td| td.container_definitions.len()),
            "validate" => black_box(&td).validate().len() + 1,
            "parse_validate" => {
                TaskDefinition::from_json(black_box(&text)).map_or(0, |td| td.validate().len() + 1)
            }
            _ => {
                eprintln!("unknown operation {op}");
                return ExitCode::from(2);
            }
        };
    }
    println!("{work}");
    ExitCode::SUCCESS
}
