//! The inputs in `fuzz/regressions/`, replayed through the fuzz targets' own harness on stable:
//! each once found a crash, a hang or a blow-up (or stands for one found before the fuzzers
//! ran: many-star policies, deep nesting, huge keys), and must stay fixed.

use crate::fuzz_harness as harness;

/// A fuzz target's check of one input.
type Harness = fn(&[u8]);

#[test]
fn every_fuzz_regression_stays_fixed() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions");
    let targets: [(&str, Harness); 4] = [
        ("task_definition", harness::task_definition),
        ("resources", harness::resources),
        ("policy", harness::policy),
        ("units", harness::units),
    ];
    let mut replayed = 0;
    for (target, run) in targets {
        let dir = root.join(target);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&bytes));
            assert!(outcome.is_ok(), "{target} panics on {}", path.display());
            replayed += 1;
        }
    }
    assert!(replayed >= 8, "{replayed} regressions");
}
