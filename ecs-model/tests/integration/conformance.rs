//! Every real-world task definition of `../shared/conformance/real-world/`: the ones the API model
//! accepts parse, render, re-parse to an equal value and render the input back up to the
//! documented canonicalisations; the ones it rejects are rejected at the path it names.

use std::path::{Path, PathBuf};

use ecs_model::{JsonPath, ParseError, TaskDefinition};
use serde_json::Value;

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("ECS_CONFORMANCE_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/real-world"),
        PathBuf::from,
    );
    dir.join("conformance.tsv").is_file().then_some(dir)
}

/// Skips (loudly) where the shared corpus is absent, except in CI, where that is a failure.
fn corpus_or_skip() -> Option<PathBuf> {
    match corpus_dir() {
        Some(dir) => Some(dir),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!(
                "CI=true but the conformance corpus (../shared/conformance/real-world) is missing"
            )
        }
        None => {
            eprintln!(
                "SKIPPED: ../shared/conformance/real-world is absent (set ECS_CONFORMANCE_DIR)"
            );
            None
        }
    }
}

struct Entry {
    file: String,
    valid: bool,
    issues: Vec<(JsonPath, String)>,
}

fn entries(dir: &Path) -> Vec<Entry> {
    let tsv = std::fs::read_to_string(dir.join("conformance.tsv")).unwrap();
    tsv.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let issues = cols
                .get(4)
                .map(|text| {
                    text.split(" | ")
                        .filter(|s| !s.is_empty())
                        .map(|issue| {
                            let (path, message) = issue.split_once(": ").unwrap_or((issue, ""));
                            (JsonPath::parse(path).unwrap(), message.to_owned())
                        })
                        .collect()
                })
                .unwrap_or_default();
            Entry {
                file: cols[0].to_owned(),
                valid: cols[2] == "yes",
                issues,
            }
        })
        .collect()
}

const DESCRIBE_ONLY: &[&str] = &[
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
    "deleteRequestedAt",
];

/// Map-valued keys: their (possibly empty) objects are maps, not records.
const MAP_KEYS: &[&str] = &["dockerLabels", "options", "driverOpts", "labels"];

/// The input as the renderer must give it back: unwrapped, describe-only keys dropped, cpu and
/// memory in the stored form, empty lists and maps dropped.
fn canonical_input(mut doc: Value) -> Value {
    if let Some(Value::Object(inner)) = doc.get("taskDefinition").cloned() {
        let mut inner = inner;
        if let Some(Value::Array(tags)) = doc.get("tags") {
            let entry = inner
                .entry("tags")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(existing) = entry {
                existing.extend(tags.iter().cloned());
            }
        }
        doc = Value::Object(inner);
    }
    let Value::Object(map) = &mut doc else {
        panic!("not an object")
    };
    for key in DESCRIBE_ONLY {
        map.remove(*key);
    }
    for key in ["cpu", "memory"] {
        if let Some(Value::String(text)) = map.get(key) {
            let canonical = if key == "cpu" {
                text.parse::<ecs_model::Cpu>().map(|c| c.to_string())
            } else {
                text.parse::<ecs_model::Memory>().map(|m| m.to_string())
            };
            if let Ok(canonical) = canonical {
                map.insert(key.to_owned(), Value::String(canonical));
            }
        }
    }
    drop_empty(&mut doc);
    doc
}

fn drop_empty(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                let value = map.get_mut(&key).unwrap();
                drop_empty(value);
                let empty = match value {
                    Value::Array(items) => items.is_empty(),
                    Value::Object(inner) => inner.is_empty() && MAP_KEYS.contains(&key.as_str()),
                    _ => false,
                };
                if empty {
                    map.remove(&key);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_empty),
        _ => {}
    }
}

/// What validation said about a valid file.
enum Verdict {
    Clean,
    Warnings,
    Errors,
}

/// A file the API model accepts: parse, render, re-parse, compare.
fn check_valid(entry: &Entry, text: &str) -> Result<Verdict, String> {
    let td = TaskDefinition::from_json(text)
        .map_err(|e| format!("{}: valid but rejected:\n{e}", entry.file))?;
    let rendered = td.to_json();
    let again = TaskDefinition::from_json(&rendered)
        .map_err(|e| format!("{}: rendering does not parse: {e}", entry.file))?;
    if again != td.clone().without_registration() {
        return Err(format!("{}: re-parse differs", entry.file));
    }
    let expected = canonical_input(serde_json::from_str(text).unwrap());
    let got: Value = serde_json::from_str(&rendered).unwrap();
    if got != expected {
        return Err(format!(
            "{}: rendered JSON differs\n  expected {expected}\n  got      {got}",
            entry.file
        ));
    }
    let pretty: Value = serde_json::from_str(&td.to_json_pretty()).unwrap();
    if pretty != got {
        return Err(format!(
            "{}: pretty and compact renderings differ",
            entry.file
        ));
    }
    let diagnostics = td.validate();
    Ok(if diagnostics.iter().any(ecs_model::Diagnostic::is_error) {
        Verdict::Errors
    } else if diagnostics.is_empty() {
        Verdict::Clean
    } else {
        Verdict::Warnings
    })
}

/// A file the API model rejects: every error we report lies under a path the corpus names.
fn check_invalid(entry: &Entry, text: &str) -> Result<(), String> {
    let diagnostics = match TaskDefinition::from_json(text) {
        Ok(td) => {
            let errors: Vec<_> = td
                .validate()
                .into_iter()
                .filter(ecs_model::Diagnostic::is_error)
                .collect();
            if errors.is_empty() {
                return Err(format!(
                    "{}: invalid ({:?}) but accepted",
                    entry.file, entry.issues
                ));
            }
            errors
        }
        Err(ParseError::Syntax { .. }) => {
            return Err(format!("{}: invalid but reported as not JSON", entry.file));
        }
        Err(e) => e.diagnostics(),
    };
    let named: Vec<&JsonPath> = entry.issues.iter().map(|(p, _)| p).collect();
    let located = diagnostics
        .iter()
        .all(|d| named.iter().any(|p| d.path.starts_with(p)));
    if located {
        Ok(())
    } else {
        Err(format!(
            "{}: expected errors at {:?}, got:\n{}",
            entry.file,
            named.iter().map(ToString::to_string).collect::<Vec<_>>(),
            diagnostics
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ))
    }
}

#[test]
fn every_real_world_task_definition() {
    let Some(dir) = corpus_or_skip() else { return };
    let entries = entries(&dir);
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "json")
        })
        .count();
    assert_eq!(
        entries.len(),
        files,
        "conformance.tsv and the directory disagree"
    );

    let (mut valid, mut invalid, mut clean, mut warnings, mut errors) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for entry in &entries {
        let text = std::fs::read_to_string(dir.join(&entry.file)).unwrap();
        if entry.valid {
            valid += 1;
            match check_valid(entry, &text) {
                Ok(Verdict::Clean) => clean += 1,
                Ok(Verdict::Warnings) => warnings += 1,
                Ok(Verdict::Errors) => errors += 1,
                Err(failure) => failures.push(failure),
            }
        } else {
            invalid += 1;
            if let Err(failure) = check_invalid(entry, &text) {
                failures.push(failure);
            }
        }
    }
    eprintln!(
        "conformance: {} files; {valid} valid, all parsed and round-tripped ({clean} clean, \
         {warnings} with warnings only, {errors} breaking ECS rules); {invalid} invalid, all \
         rejected at the named path",
        entries.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert_eq!(
        (valid, invalid),
        (253, 40),
        "the corpus changed: review the counts"
    );
}

#[test]
fn rendering_is_byte_for_byte_what_serde_json_writes() {
    let Some(dir) = corpus_or_skip() else { return };
    let mut compared = 0;
    for entry in entries(&dir) {
        let text = std::fs::read_to_string(dir.join(&entry.file)).unwrap();
        // Lenient: extras (arbitrary JSON, escapes and all) are written too.
        if let Ok(parsed) = TaskDefinition::from_json_lenient(&text) {
            assert_eq!(
                parsed.value.to_json(),
                serde_json::to_string(&parsed.value).unwrap(),
                "{}",
                entry.file
            );
            compared += 1;
        }
    }
    assert!(compared >= 253, "{compared}");
}

#[test]
fn the_counted_length_is_the_rendered_length() {
    let Some(dir) = corpus_or_skip() else { return };
    let mut counted = 0;
    for entry in entries(&dir) {
        let text = std::fs::read_to_string(dir.join(&entry.file)).unwrap();
        // Lenient: extras (arbitrary JSON) are counted too.
        if let Ok(parsed) = TaskDefinition::from_json_lenient(&text) {
            assert_eq!(
                parsed.value.json_len(),
                parsed.value.to_json().len(),
                "{}",
                entry.file
            );
            counted += 1;
        }
    }
    assert!(counted >= 253, "{counted}");
}

#[test]
fn validation_never_panics_on_the_corpus_in_lenient_mode() {
    let Some(dir) = corpus_or_skip() else { return };
    for entry in entries(&dir) {
        let text = std::fs::read_to_string(dir.join(&entry.file)).unwrap();
        if let Ok(parsed) = TaskDefinition::from_json_lenient(&text) {
            let _ = parsed.value.validate();
            let again = TaskDefinition::from_json_lenient(&parsed.value.to_json()).unwrap();
            assert_eq!(
                again.value,
                parsed.value.clone().without_registration(),
                "{}",
                entry.file
            );
        }
    }
}
