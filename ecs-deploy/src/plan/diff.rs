//! Field-level differences between two JSON documents, with JSON paths.

use ecs_model::{JsonPath, Segment};
use serde_json::Value;

/// One field that changes.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct Change {
    /// Where, in the API's JSON names (`containerDefinitions[0].image`).
    pub path: JsonPath,
    /// What AWS has now (`None`: nothing).
    pub before: Option<Value>,
    /// What the application wants (`None`: nothing).
    pub after: Option<Value>,
}

impl Change {
    pub(crate) fn new(path: JsonPath, before: Option<Value>, after: Option<Value>) -> Self {
        Self {
            path,
            before,
            after,
        }
    }

    /// A change of the top-level member `key`.
    pub(crate) fn of(key: &'static str, before: Option<Value>, after: Option<Value>) -> Self {
        Self::new(JsonPath::root().key(key), before, after)
    }

    /// The top-level member that changes.
    pub(crate) fn top(&self) -> &str {
        match self.path.segments().first() {
            Some(Segment::Key(key)) => key,
            _ => "",
        }
    }
}

/// How the absence of a member in the desired document reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Absent {
    /// A member the desired document leaves out is not managed (`UpdateService` keeps it).
    Unmanaged,
    /// A member the desired document leaves out must not exist (a task definition revision is a
    /// whole document).
    Removed,
}

/// The changes that make `before` into `after`.
pub(crate) fn diff(before: &Value, after: &Value, absent: Absent) -> Vec<Change> {
    let mut out = Vec::new();
    walk(
        &mut out,
        JsonPath::root(),
        Some(before),
        Some(after),
        absent,
    );
    out
}

fn walk(
    out: &mut Vec<Change>,
    path: JsonPath,
    before: Option<&Value>,
    after: Option<&Value>,
    absent: Absent,
) {
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            for (key, value) in a {
                walk(
                    out,
                    path.clone().key(key.clone()),
                    b.get(key),
                    Some(value),
                    absent,
                );
            }
            if absent == Absent::Removed {
                for (key, value) in b {
                    if !a.contains_key(key) {
                        out.push(Change::new(
                            path.clone().key(key.clone()),
                            Some(value.clone()),
                            None,
                        ));
                    }
                }
            }
        }
        (Some(Value::Array(b)), Some(Value::Array(a)))
            if a.len() == b.len() && a.iter().chain(b).all(Value::is_object) =>
        {
            for (i, (bv, av)) in b.iter().zip(a).enumerate() {
                walk(out, path.clone().index(i), Some(bv), Some(av), absent);
            }
        }
        (b, Some(a)) if b != Some(a) => out.push(Change::new(path, b.cloned(), Some(a.clone()))),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nested_changes_have_paths() {
        let before = json!({"a": 1, "b": {"c": [1, 2], "d": "x"}, "e": [{"f": 1}], "gone": true});
        let after = json!({"a": 1, "b": {"c": [1, 3], "d": "x"}, "e": [{"f": 2}], "new": null});
        let changes = diff(&before, &after, Absent::Removed);
        let paths: Vec<String> = changes.iter().map(|c| c.path.to_string()).collect();
        assert_eq!(paths, ["b.c", "e[0].f", "new", "gone"]);
        assert_eq!(changes[0].before, Some(json!([1, 2])));
        assert_eq!(changes[3].after, None);
        // Unmanaged: what the desired side leaves out is not a change.
        let changes = diff(&before, &after, Absent::Unmanaged);
        assert_eq!(changes.len(), 3);
    }

    #[test]
    fn equal_documents_have_no_changes() {
        let doc = json!({"x": [{"y": 1}], "z": {"w": "v"}});
        assert!(diff(&doc, &doc, Absent::Removed).is_empty());
    }
}
