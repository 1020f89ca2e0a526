//! Writes the benchmarks' documents for the peers (`peers.py`): one task definition per line,
//! in the register-input JSON, per set; and the sizes of the adversarial shapes.
//!
//! ```text
//! cargo run -q -p ecs-benches --bin bench-docs -- DIR
//! ```

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: bench-docs DIR");
        return ExitCode::from(2);
    };
    let mut sets = vec![
        ("large", vec![ecs_benches::large().to_json()]),
        ("typical", vec![ecs_benches::typical().to_json()]),
        (
            "fleet",
            ecs_benches::fleet(1000)
                .iter()
                .map(ecs_model::TaskDefinition::to_json)
                .collect(),
        ),
    ];
    if let Some(corpus) = ecs_benches::corpus() {
        sets.push((
            "corpus",
            corpus
                .iter()
                .map(ecs_model::TaskDefinition::to_json)
                .collect(),
        ));
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{dir}: {e}");
        return ExitCode::FAILURE;
    }
    for (name, docs) in sets {
        let path = std::path::Path::new(&dir).join(format!("{name}.jsonl"));
        let written = std::fs::File::create(&path)
            .and_then(|mut f| docs.iter().try_for_each(|d| writeln!(f, "{d}")));
        if let Err(e) = written {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        let bytes: usize = docs.iter().map(String::len).sum();
        println!("{name}: {} document(s), {bytes} bytes", docs.len());
    }
    // The adversarial shapes stay in process (no peer reads them): their sizes, for the table.
    let size = ecs_benches::large().to_json().len();
    let shapes: serde_json::Map<String, serde_json::Value> = ecs_benches::adversarial(size)
        .into_iter()
        .map(|(name, _, text)| (name.to_owned(), text.len().into()))
        .collect();
    let path = std::path::Path::new(&dir).join("adversarial.json");
    if let Err(e) = std::fs::write(&path, serde_json::Value::Object(shapes).to_string()) {
        eprintln!("{}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
