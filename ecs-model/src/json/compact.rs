//! Compact JSON that the model's types write and count themselves, byte for byte what
//! `serde_json::to_string` writes. A record writes each key as one constant (`"image":`) and
//! counts it as a constant length, where `serde` would scan every key for escapes through a
//! serializer's dispatch; a string sliced from a parsed document is known to need no escaping
//! (the reader only slices strings it read without escapes, and JSON has no raw quote or
//! control character in a string). Rendering and the 64 KiB count of `ECS-A3` are mostly keys
//! and strings, so these two facts are most of their cost.
//!
//! `serde`'s `Serialize` stays every type's rendering for other formats, and for JSON the
//! definition of the output: debug builds check every render against `serde_json`'s
//! ([`super::to_string`]). Values that gain nothing here (`serde_json::Value` in `extra`, the
//! hand-written IAM policies, codecs) take the trait's default: `serde` through the writer of
//! `write.rs`, and the length of what it writes.

use serde::Serialize;

use super::decode::StringMap;
use super::{size, write};
use crate::Text;

/// A value that writes its own compact JSON.
pub(crate) trait Compact: Serialize {
    /// The number of bytes [`write_compact`](Self::write_compact) appends.
    fn compact_len(&self) -> usize {
        let mut out = String::new();
        self.write_compact(&mut out);
        out.len()
    }

    /// Appends the value's compact JSON to `out`.
    fn write_compact(&self, out: &mut String) {
        write::write(self, out);
    }
}

/// Whether JSON writes `s` as it is between quotes: a record's keys and an enum's values are
/// checked when the crate is built, so that writing them as constants is right.
pub(crate) const fn escapes_nothing(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if size::byte_needs_escape(bytes[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// `s` between quotes, when nothing in it needs escaping ([`escapes_nothing`]).
pub(crate) fn quoted(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    out.push_str(s);
    out.push('"');
}

impl Compact for str {
    fn compact_len(&self) -> usize {
        size::string_len(self)
    }

    fn write_compact(&self, out: &mut String) {
        write::string(out, self);
    }
}

/// A slice of a parsed document needs no escape scan ([`Text::is_document_slice`]).
impl Compact for Text {
    fn compact_len(&self) -> usize {
        if self.is_document_slice() {
            self.len() + 2
        } else {
            self.as_str().compact_len()
        }
    }

    fn write_compact(&self, out: &mut String) {
        if self.is_document_slice() {
            quoted(out, self);
        } else {
            self.as_str().write_compact(out);
        }
    }
}

impl Compact for bool {
    fn compact_len(&self) -> usize {
        if *self { 4 } else { 5 }
    }

    fn write_compact(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// Integers that fit an `i64`, written as one.
macro_rules! as_i64 {
    ($($ty:ty),*) => {$(
        impl Compact for $ty {
            fn compact_len(&self) -> usize {
                i64::from(*self).compact_len()
            }

            fn write_compact(&self, out: &mut String) {
                i64::from(*self).write_compact(out);
            }
        }
    )*};
}
as_i64!(i32, u32);

impl Compact for i64 {
    fn compact_len(&self) -> usize {
        size::digits(self.unsigned_abs()) + usize::from(*self < 0)
    }

    fn write_compact(&self, out: &mut String) {
        write::signed(out, *self);
    }
}

/// `ryu`'s shortest form, or `null`, as `serde_json` writes it.
impl Compact for f64 {
    fn compact_len(&self) -> usize {
        size::float_len(*self)
    }

    fn write_compact(&self, out: &mut String) {
        write::float(out, *self);
    }
}

/// Kept as given: rare, and `serde_json`'s own shape.
impl Compact for serde_json::Value {}

/// `null` where it is not left out (a record leaves out an absent field).
impl<T: Compact> Compact for Option<T> {
    fn compact_len(&self) -> usize {
        self.as_ref().map_or(4, Compact::compact_len)
    }

    fn write_compact(&self, out: &mut String) {
        match self {
            Some(value) => value.write_compact(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: Compact> Compact for Vec<T> {
    fn compact_len(&self) -> usize {
        enclosed_len(self.len(), self.iter().map(Compact::compact_len).sum())
    }

    fn write_compact(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_compact(out);
        }
        out.push(']');
    }
}

impl Compact for StringMap {
    fn compact_len(&self) -> usize {
        let entries = self
            .iter()
            .map(|(key, value)| key.compact_len() + 1 + value.compact_len());
        enclosed_len(self.len(), entries.sum())
    }

    fn write_compact(&self, out: &mut String) {
        out.push('{');
        for (i, (key, value)) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            key.write_compact(out);
            out.push(':');
            value.write_compact(out);
        }
        out.push('}');
    }
}

/// A record's object, written by `api_struct!`: `open` at its start, then a key before each
/// value, then `}`.
pub(crate) struct Object {
    /// Where the object starts in the output: a key after the first is preceded by a comma.
    start: usize,
}

impl Object {
    pub(crate) fn open(out: &mut String) -> Self {
        let start = out.len();
        out.push('{');
        Self { start }
    }

    /// A key known to need no escaping, with the comma before it and the colon after it.
    #[inline]
    pub(crate) fn plain_key(&self, out: &mut String, quoted_key_colon: &str) {
        if out.len() > self.start + 1 {
            out.push(',');
        }
        out.push_str(quoted_key_colon);
    }

    /// Any key, escaped as needed.
    pub(crate) fn key(&self, out: &mut String, key: &str) {
        if out.len() > self.start + 1 {
            out.push(',');
        }
        key.write_compact(out);
        out.push(':');
    }
}

/// The length of a list or an object of `items` that take `len` bytes (an object's with their
/// keys, quotes and colons): the brackets and the commas between the items.
pub(crate) fn enclosed_len(items: usize, len: usize) -> usize {
    2 + len + items.saturating_sub(1)
}

/// The length of a key that may need escaping, with its quotes and colon.
pub(crate) fn key_len(key: &str) -> usize {
    key.compact_len() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_need_escaping_are_told_apart() {
        assert!(escapes_nothing("containerDefinitions"));
        assert!(escapes_nothing("ünïcode ✓"));
        for key in ["a\"b", "a\\b", "a\nb", "\u{0}", "\u{1f}"] {
            assert!(!escapes_nothing(key), "{key:?}");
        }
    }

    #[test]
    fn values_write_and_count_what_serde_json_writes() {
        fn check<T: Compact + ?Sized>(value: &T) {
            let mut out = String::new();
            value.write_compact(&mut out);
            assert_eq!(out, serde_json::to_string(value).unwrap());
            assert_eq!(value.compact_len(), out.len(), "{out}");
        }
        for n in [0, 7, -7, i32::MAX, i32::MIN] {
            check(&n);
        }
        for n in [0, i64::MAX, i64::MIN, -1_000_000_000_000] {
            check(&n);
        }
        check(&true);
        check(&false);
        check(&1.5);
        check(&f64::NAN);
        check(&u32::MAX);
        check("a \"quoted\" str");
        check(&Text::from("plain"));
        check(&Text::from("a \"quoted\" \\ path\n\twith\u{1}control"));
        check(&Some(Text::from("x")));
        check(&None::<Text>);
        check(&Vec::<i32>::new());
        check(&vec![Some(1), None, Some(-3)]);
        check(&StringMap::new());
        let map: StringMap = [("k\"ey", "v"), ("a", "b\n")]
            .into_iter()
            .map(|(k, v)| (Text::from(k), Text::from(v)))
            .collect();
        check(&map);
        check(&serde_json::json!({"odd \"key\"": [1, 2.5, null, {"x": "y"}]}));
    }

    #[test]
    fn a_record_is_an_object_of_its_present_keys() {
        // An object of the keys that are present, here none...
        let empty = crate::PortMapping::default();
        assert_eq!(crate::json::to_string(&empty), "{}");
        assert_eq!(empty.compact_len(), 2);
        let mut port = crate::PortMapping::tcp(8080);
        let written = crate::json::to_string(&port);
        assert_eq!(written, serde_json::to_string(&port).unwrap());
        assert_eq!(port.compact_len(), written.len());
        // ...with the keys of a newer ECS it kept, which may shadow a field, and a key that
        // needs escaping.
        port.extra
            .insert("protocol".into(), serde_json::json!("quic"));
        port.extra.insert("new\"Key".into(), serde_json::json!([1]));
        let written = crate::json::to_string(&port);
        assert_eq!(written, serde_json::to_string(&port).unwrap());
        assert_eq!(written.matches("protocol").count(), 1, "{written}");
        assert!(written.contains(r#""protocol":"quic""#), "{written}");
        assert!(written.contains(r#""new\"Key":[1]"#), "{written}");
        assert_eq!(port.compact_len(), written.len());
    }

    #[test]
    fn strings_sliced_from_a_parsed_document_are_written_as_they_are() {
        // Enough long strings for the later ones to slice the document, and long strings
        // with escapes, which are strings of their own.
        let long = |i: usize| format!("a-value-long-enough-to-be-shared-{i:02}");
        let environment: Vec<_> = (0..12)
            .map(|i| serde_json::json!({"name": format!("VAR_{i}"), "value": long(i)}))
            .collect();
        let json = serde_json::json!({
            "family": "web",
            "containerDefinitions": [{
                "name": "app",
                "image": "public.ecr.aws/docker/library/nginx:1.27-alpine-slim",
                "environment": environment,
                "command": ["sh", "-c", "echo \"quoted and long enough to be heap\" \\ done\n"],
            }],
        })
        .to_string();
        let td = crate::TaskDefinition::from_json(&json).unwrap();
        let container = &td.container_definitions[0];
        assert!(
            container.environment[11]
                .value
                .as_ref()
                .unwrap()
                .is_document_slice()
        );
        assert!(!container.command[2].is_document_slice());
        let written = td.to_json();
        assert_eq!(written, serde_json::to_string(&td).unwrap());
        assert_eq!(td.json_len(), written.len());
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&written).unwrap(),
            serde_json::from_str::<serde_json::Value>(&json).unwrap()
        );
    }
}
