//! Paths into a JSON document, spelled with the JSON names ECS uses.

use std::borrow::Cow;
use std::fmt;

/// One step of a [`JsonPath`]: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Segment {
    /// An object key such as `containerDefinitions` or a `dockerLabels` key.
    Key(Cow<'static, str>),
    /// An array index.
    Index(usize),
}

/// Where a problem is, in the JSON names of the rendered document:
/// `containerDefinitions[1].portMappings[0].hostPort`.
///
/// The empty path is the document itself and displays as `$`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JsonPath(Vec<Segment>);

impl JsonPath {
    /// The path of the whole document.
    #[must_use]
    pub const fn root() -> Self {
        Self(Vec::new())
    }

    /// The path with `key` appended.
    #[must_use]
    pub fn key(mut self, key: impl Into<Cow<'static, str>>) -> Self {
        self.0.push(Segment::Key(key.into()));
        self
    }

    /// The path with `index` appended.
    #[must_use]
    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Segment::Index(index));
        self
    }

    /// The path with every segment of `other` appended.
    #[must_use]
    pub fn join(mut self, other: &JsonPath) -> Self {
        self.0.extend(other.0.iter().cloned());
        self
    }

    /// The segments, outermost first.
    #[must_use]
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// Whether `self` is `prefix` or lies under it.
    #[must_use]
    pub fn starts_with(&self, prefix: &JsonPath) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// Parses the display form back (`a.b[0]["odd.key"]`); `$` and the empty string are the root.
    ///
    /// # Errors
    /// When brackets or quotes do not match.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.strip_prefix('$').unwrap_or(text);
        let text = text.strip_prefix('.').unwrap_or(text);
        let mut path = Self::root();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix("[\"") {
                let end = after
                    .find("\"]")
                    .ok_or_else(|| format!("unterminated quoted key in `{text}`"))?;
                path = path.key(after[..end].replace("\\\"", "\""));
                rest = &after[end + 2..];
            } else if let Some(after) = rest.strip_prefix('[') {
                let end = after
                    .find(']')
                    .ok_or_else(|| format!("unterminated index in `{text}`"))?;
                let index = after[..end]
                    .parse()
                    .map_err(|_| format!("`{}` is not an index in `{text}`", &after[..end]))?;
                path = path.index(index);
                rest = &after[end + 1..];
            } else {
                let rest_key = rest.strip_prefix('.').unwrap_or(rest);
                let end = rest_key.find(['.', '[']).unwrap_or(rest_key.len());
                path = path.key(rest_key[..end].to_owned());
                rest = &rest_key[end..];
            }
        }
        Ok(path)
    }

    pub(crate) fn push(&mut self, segment: Segment) {
        self.0.push(segment);
    }

    pub(crate) fn reverse(&mut self) {
        self.0.reverse();
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("$");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if is_plain_key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Segment::Key(key) => write!(f, "[\"{}\"]", key.replace('"', "\\\""))?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl serde::Serialize for JsonPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A place in a document being walked, kept on the stack: validation and conversions pass one
/// down as they descend, and a [`JsonPath`] is only built when something is reported there.
///
/// ```
/// use ecs_model::PathCursor;
/// let containers = PathCursor::ROOT.key("containerDefinitions");
/// let first = containers.index(0);
/// assert_eq!(first.key("image").path().to_string(), "containerDefinitions[0].image");
/// ```
#[derive(Clone, Copy)]
pub struct PathCursor<'a> {
    parent: Option<&'a PathCursor<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> PathCursor<'a> {
    /// The document itself.
    pub const ROOT: PathCursor<'static> = PathCursor {
        parent: None,
        step: Step::Root,
    };

    /// The member `key` of the object here.
    #[must_use]
    pub fn key(&'a self, key: &'a str) -> PathCursor<'a> {
        PathCursor {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    /// The item `index` of the array here.
    #[must_use]
    pub fn index(&'a self, index: usize) -> PathCursor<'a> {
        PathCursor {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The path of this place.
    #[must_use]
    pub fn path(&self) -> JsonPath {
        let mut steps = Vec::new();
        let mut cur = Some(self);
        while let Some(at) = cur {
            steps.push(at.step);
            cur = at.parent;
        }
        let mut path = JsonPath::root();
        for step in steps.into_iter().rev() {
            path = match step {
                Step::Root => path,
                Step::Key(key) => path.key(key.to_owned()),
                Step::Index(index) => path.index(index),
            };
        }
        path
    }
}

/// Builds a [`JsonPath`] from JSON names and index expressions:
/// `json_path!("containerDefinitions"[i], "portMappings"[j], "hostPort")`.
macro_rules! json_path {
    () => { $crate::path::JsonPath::root() };
    ($($key:literal $([$index:expr])?),+ $(,)?) => {
        $crate::path::JsonPath::root() $( .key($key) $(.index($index))? )+
    };
}
pub(crate) use json_path;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_json_names_and_indexes() {
        let p = json_path!("containerDefinitions"[1], "portMappings"[0], "hostPort");
        assert_eq!(
            p.to_string(),
            "containerDefinitions[1].portMappings[0].hostPort"
        );
        assert_eq!(JsonPath::root().to_string(), "$");
        assert_eq!(
            json_path!("dockerLabels")
                .key("com.example.team")
                .to_string(),
            "dockerLabels[\"com.example.team\"]"
        );
    }

    #[test]
    fn parses_what_it_displays() {
        for text in [
            "containerDefinitions[1].portMappings[0].hostPort",
            "dockerLabels[\"com.example.team\"]",
            "family",
            "$",
        ] {
            let parsed = JsonPath::parse(text).unwrap();
            assert_eq!(parsed.to_string(), text);
        }
        assert_eq!(
            JsonPath::parse("$.taskDefinition.tags").unwrap(),
            json_path!("taskDefinition", "tags")
        );
        assert!(JsonPath::parse("a[1").is_err());
        assert!(JsonPath::parse("a[x]").is_err());
    }

    #[test]
    fn prefix_relation() {
        let outer = json_path!("containerDefinitions"[0]);
        assert!(json_path!("containerDefinitions"[0], "name").starts_with(&outer));
        assert!(!json_path!("containerDefinitions"[1], "name").starts_with(&outer));
        assert!(outer.starts_with(&JsonPath::root()));
    }
}
