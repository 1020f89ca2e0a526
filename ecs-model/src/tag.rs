//! Tags: one type for every resource. ECS spells a tag `{"key", "value"}`, ELBv2 and IAM
//! `{"Key", "Value"}`; the resources of those APIs write their tags through [`PascalTags`].

use crate::Text;
#[cfg(feature = "application")]
use crate::json::record::Codec;
use crate::json::record::api_struct;
use crate::path::JsonPath;
use crate::words::quoted;

api_struct! {
    /// A tag: a key and, usually, a value.
    #[derive(Eq)]
    pub struct Tag {
        /// 1–128 characters, not starting with `aws:`.
        key "key": Text,
        /// 0–256 characters.
        value "value": Option<Text>,
    }
}

impl Tag {
    /// `key=value`.
    #[must_use]
    pub fn new(key: impl Into<Text>, value: impl Into<Text>) -> Self {
        Self {
            key: key.into(),
            value: Some(value.into()),
            extra: crate::json::Extra::new(),
        }
    }
}

#[cfg(feature = "application")]
api_struct! {
    /// A tag as ELBv2 and IAM spell it: only the wire shape of [`Tag`].
    pub(crate) struct PascalTag {
        /// The key.
        key "Key": Text,
        /// The value.
        value "Value": Option<Text>,
    }
}

/// The codec of the `Tags` of ELBv2 resources: a list of [`Tag`]s written `{"Key", "Value"}`.
#[cfg(feature = "application")]
pub(crate) struct PascalTags;

#[cfg(feature = "application")]
impl Codec<Vec<Tag>> for PascalTags {
    type Wire = Vec<PascalTag>;

    fn from_wire(wire: Vec<PascalTag>) -> Vec<Tag> {
        wire.into_iter()
            .map(|t| Tag {
                key: t.key,
                value: t.value,
                extra: t.extra,
            })
            .collect()
    }

    fn serialize<S: serde::Serializer>(tags: &Vec<Tag>, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq as _;
        let mut seq = serializer.serialize_seq(Some(tags.len()))?;
        for tag in tags {
            seq.serialize_element(&Pascal(tag))?;
        }
        seq.end()
    }

    #[cfg(feature = "schema")]
    fn schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<Vec<PascalTag>>()
    }
}

/// A tag written as ELBv2 and IAM take it.
#[cfg(feature = "application")]
pub(crate) struct Pascal<'a>(pub(crate) &'a Tag);

#[cfg(feature = "application")]
impl serde::Serialize for Pascal<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Key", &self.0.key)?;
        if let Some(value) = &self.0.value {
            map.serialize_entry("Value", value)?;
        }
        for (key, value) in &self.0.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Why `tags` break ECS's tag rules (`ECS-A19`): at most 50; keys of 1–128 characters that do
/// not start with `aws:`, values of at most 256; letters, digits, spaces and `_.:/=+-@`. Each
/// problem with its path below the list.
pub(crate) fn problems(tags: &[Tag]) -> Vec<(JsonPath, String)> {
    let mut out = Vec::new();
    if tags.len() > 50 {
        out.push((JsonPath::root(), format!("{} tags; at most 50", tags.len())));
    }
    let allowed = |c: char| c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c);
    for (i, tag) in tags.iter().enumerate() {
        let key = || JsonPath::root().index(i).key("key");
        let key_len = tag.key.chars().count();
        if !(1..=128).contains(&key_len) {
            out.push((key(), format!("{key_len} characters; keys have 1–128")));
        }
        if tag
            .key
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("aws:"))
        {
            out.push((
                key(),
                format!(
                    "{} starts with `aws:`, which AWS reserves",
                    quoted(&tag.key)
                ),
            ));
        }
        if !tag.key.chars().all(allowed) {
            out.push((
                key(),
                format!("{} has characters tags do not allow", quoted(&tag.key)),
            ));
        }
        if let Some(value) = &tag.value {
            let value_at = || JsonPath::root().index(i).key("value");
            let len = value.chars().count();
            if len > 256 {
                out.push((
                    value_at(),
                    format!("{len} characters; values have at most 256"),
                ));
            }
            if !value.chars().all(allowed) {
                out.push((
                    value_at(),
                    format!("{} has characters tags do not allow", quoted(value)),
                ));
            }
        }
    }
    out
}

/// Reports the problems of an ECS resource's `tags` (at `at`) under `ECS-A19`.
#[cfg(feature = "application")]
pub(crate) fn report(out: &mut crate::diagnostic::Findings, tags: &[Tag], at: &JsonPath) {
    for (below, problem) in problems(tags) {
        out.report(
            &crate::validate::rules::A19,
            at.clone().join(&below),
            problem,
        );
    }
}
