//! [`Text`]: the string type of the API records' fields.

use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use compact_str::CompactString;

/// A string of an API record: a name, an image, a variable's value, an ARN.
///
/// It reads like a `&str` (it dereferences to one and compares with `str` and `String`) and is
/// built from either with `.into()`. Strings of up to 24 bytes (12 on 32-bit targets), most
/// names and values of a task definition, are kept inline rather than on the heap; longer ones
/// are allocated as a `String` would be, except in a document with many of them: a parse copies
/// the rest of such a document once, and its long strings share that copy rather than
/// allocating one each (a clone of one does not allocate either). The copy lives as long as any
/// string that slices it: `Text::new(&text)` is one that does not.
///
/// ```
/// use ecs_model::{ContainerDefinition, Text};
/// let web = ContainerDefinition::builder("web", "nginx:1.27").build_unchecked();
/// assert_eq!(web.name, "web");
/// assert!(web.image.starts_with("nginx"));
/// let image: String = web.image.into();
/// assert_eq!(Text::from(image), "nginx:1.27");
/// ```
#[derive(Clone, Default)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    /// Its own bytes: inline up to 24 bytes, else on the heap.
    Own(CompactString),
    /// A slice of a parsed document (see [`Document`]).
    InDocument(Slice),
}

impl Default for Repr {
    fn default() -> Self {
        Self::Own(CompactString::default())
    }
}

/// `doc[start..start + len]`, on character boundaries (a parse slices between quotes).
#[derive(Clone)]
struct Slice {
    doc: Arc<String>,
    start: u32,
    len: u32,
}

// The slice fits beside `CompactString`'s niche: a `Text` is no larger than a `String` (on
// 32-bit targets the slice fills all 12 bytes, and a `Text` takes 16).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(size_of::<Text>() == size_of::<String>());
#[cfg(target_pointer_width = "64")]
const _: () = assert!(size_of::<Option<Text>>() == size_of::<String>());

/// The longest string a [`Text`] keeps inline.
pub(crate) const INLINE: usize = size_of::<String>();

/// The long strings of a parse that are copied one by one before the rest of the document is
/// copied once for the others to share: a small document with a few long strings (an image,
/// a role) costs less with a copy of each than with a copy of itself.
const COPIED_BEFORE_SHARING: u32 = 8;

/// One parse's copy of the rest of its document, from the first long string (longer than
/// [`INLINE`]) after the first [`COPIED_BEFORE_SHARING`] on, for those strings to slice.
#[derive(Default)]
pub(crate) struct Document {
    long_strings: u32,
    /// The copy, and where in the document it starts.
    shared: Option<(Arc<String>, usize)>,
}

impl Document {
    /// `s`, which is `text[start..start + s.len()]`, where `text` is the whole document and
    /// `start` comes after the starts of earlier calls. `s` must be the content of a JSON
    /// string read without escapes, so that it holds nothing JSON escapes
    /// ([`Text::is_document_slice`]); a raw span of the document would not do.
    pub(crate) fn slice(&mut self, text: &str, start: usize, s: &str) -> Text {
        debug_assert!(crate::json::compact::escapes_nothing(s), "{s:?}");
        if self.shared.is_none() {
            self.long_strings += 1;
            if self.long_strings <= COPIED_BEFORE_SHARING {
                return Text::new(s);
            }
        }
        let (doc, base) = self
            .shared
            .get_or_insert_with(|| (Arc::new(text[start..].to_owned()), start));
        let in_copy = start.checked_sub(*base).map(u32::try_from);
        let (Some(Ok(start)), Ok(len)) = (in_copy, u32::try_from(s.len())) else {
            return Text::new(s); // before the copy, or more than 4 GiB into it
        };
        Text(Repr::InDocument(Slice {
            doc: Arc::clone(doc),
            start,
            len,
        }))
    }
}

impl Text {
    /// A copy of `s`.
    #[must_use]
    pub fn new(s: &str) -> Self {
        Self(Repr::Own(CompactString::new(s)))
    }

    /// A string of the program's text, made at compile time.
    #[must_use]
    pub const fn from_static(s: &'static str) -> Self {
        Self(Repr::Own(CompactString::const_new(s)))
    }

    /// The string.
    #[must_use]
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Own(s) => s.as_str(),
            Repr::InDocument(slice) => {
                let start = slice.start as usize;
                &slice.doc[start..start + slice.len as usize]
            }
        }
    }

    /// Appends `s`.
    pub fn push_str(&mut self, s: &str) {
        match &mut self.0 {
            Repr::Own(own) => own.push_str(s),
            // A slice of a document becomes its own string.
            Repr::InDocument(_) => {
                let mut own = CompactString::with_capacity(self.len() + s.len());
                own.push_str(self.as_str());
                own.push_str(s);
                self.0 = Repr::Own(own);
            }
        }
    }

    /// Empties the string.
    pub fn clear(&mut self) {
        match &mut self.0 {
            Repr::Own(own) => own.clear(),
            Repr::InDocument(_) => self.0 = Repr::default(),
        }
    }

    /// Whether the string is a slice of a parsed document, which JSON writes as it is between
    /// quotes: the reader slices only strings it read without escapes, and JSON allows no raw
    /// quote or control character in a string. A string of its own may hold anything.
    #[inline]
    pub(crate) fn is_document_slice(&self) -> bool {
        matches!(self.0, Repr::InDocument(_))
    }

    /// The string as a `String` (allocates unless it owned a heap buffer).
    #[must_use]
    pub fn into_string(self) -> String {
        match self.0 {
            Repr::Own(s) => s.into_string(),
            Repr::InDocument(_) => self.as_str().to_owned(),
        }
    }
}

// `Hash`, `Eq` and `Ord` are the string's own, so maps keyed by `Text` look up by `&str`, and a
// string read from a document equals the same string built in code.
impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::str::FromStr for Text {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Self::new(s)
    }
}

impl From<&Text> for Text {
    fn from(s: &Text) -> Self {
        s.clone()
    }
}

/// Keeps the `String`'s buffer when the string is too long to be inline.
impl From<String> for Text {
    fn from(s: String) -> Self {
        Self(Repr::Own(CompactString::from(s)))
    }
}

impl From<Box<str>> for Text {
    fn from(s: Box<str>) -> Self {
        Self(Repr::Own(CompactString::from(s)))
    }
}

impl From<Cow<'_, str>> for Text {
    fn from(s: Cow<'_, str>) -> Self {
        match s {
            Cow::Borrowed(s) => Self::new(s),
            Cow::Owned(s) => Self::from(s),
        }
    }
}

impl From<Text> for String {
    fn from(s: Text) -> Self {
        s.into_string()
    }
}

impl From<&Text> for String {
    fn from(s: &Text) -> Self {
        s.as_str().to_owned()
    }
}

impl From<Text> for Cow<'_, str> {
    fn from(s: Text) -> Self {
        Cow::Owned(s.into_string())
    }
}

impl<'a> From<&'a Text> for &'a str {
    fn from(s: &'a Text) -> Self {
        s.as_str()
    }
}

impl FromIterator<char> for Text {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> Self {
        Self(Repr::Own(iter.into_iter().collect()))
    }
}

impl<'a> FromIterator<&'a str> for Text {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        Self(Repr::Own(iter.into_iter().collect()))
    }
}

/// `==` between `Text` and the other string types, both ways round.
macro_rules! compare_with {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for Text {
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }

        impl PartialEq<Text> for $other {
            fn eq(&self, other: &Text) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}
compare_with!(str, &str, String, Cow<'_, str>);

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        /// Takes a borrowed string without a `String` in between.
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::new(v))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::from(v))
            }
        }

        de.deserialize_str(Visitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "String".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::{Repr, Text};
    use crate::TaskDefinition;
    use std::cmp::Ordering;
    use std::collections::BTreeMap;
    use std::hash::{Hash, Hasher};
    use std::sync::Arc;

    #[test]
    fn compares_and_converts_like_a_string() {
        let short = Text::from("web");
        let long = Text::from("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.2.3");
        assert_eq!(short, "web");
        assert_eq!("web", short);
        assert_eq!(short, String::from("web"));
        assert_ne!(short, long);
        assert!(long.ends_with(":1.2.3"));
        assert_eq!(String::from(long.clone()), long.as_str());
        assert_eq!(Text::from(String::from("x").repeat(100)).len(), 100);
        assert_eq!(format!("{short} {short:?}"), r#"web "web""#);
        let mut sorted = vec![Text::from("b"), Text::from("a")];
        sorted.sort();
        assert_eq!(sorted, ["a", "b"]);
        assert_eq!(Text::from_static("awslogs"), "awslogs");
        let mut image = Text::from("web:1");
        image.push_str("-ci-build-42");
        assert_eq!(image, "web:1-ci-build-42");
        image.clear();
        assert!(image.is_empty());
    }

    /// The copy of the document that `text` slices, if it slices one.
    fn document_of(text: &Text) -> Option<&Arc<String>> {
        match &text.0 {
            Repr::Own(_) => None,
            Repr::InDocument(slice) => Some(&slice.doc),
        }
    }

    #[test]
    fn long_strings_of_a_parse_share_one_copy_of_the_document() {
        let image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.2.3";
        let label = "com.example.a-label-longer-than-a-text-inline";
        let environment: Vec<String> = (0..10)
            .map(|i| {
                format!(r#"{{"name":"V{i}","value":"value {i} longer than twenty-four bytes"}}"#)
            })
            .collect();
        let json = format!(
            r#"{{"family":"web","containerDefinitions":[{{"name":"web","image":"{image}",
            "command":["an escaped \"argument\" over two dozen bytes"],
            "environment":[{}],
            "dockerLabels":{{"{label}":"{image}","team":"payments"}}}}]}}"#,
            environment.join(",")
        );
        let td = TaskDefinition::from_json(&json).unwrap();
        drop(json);
        let web = &td.container_definitions[0];
        let values: Vec<&Text> = web
            .environment
            .iter()
            .filter_map(|kv| kv.value.as_ref())
            .collect();
        assert_eq!(values[9], "value 9 longer than twenty-four bytes");
        // The first eight long strings (the image and seven values) are copied one by one...
        assert!(document_of(&web.image).is_none());
        assert!(values[..7].iter().all(|v| document_of(v).is_none()));
        // ...and the rest slice one copy of the rest of the document.
        let doc =
            document_of(values[7]).expect("a long string past the eighth slices the document");
        let (key, value) = web.docker_labels.first_key_value().unwrap();
        for shared in [values[8], values[9], key, value] {
            assert!(Arc::ptr_eq(doc, document_of(shared).unwrap()));
        }
        // Three values, the label's key and value: the parse's own handle is gone.
        assert_eq!(Arc::strong_count(doc), 5);
        assert!(
            !doc.contains(r#""family""#),
            "the copy starts at its first string"
        );
        assert_eq!((key.as_str(), value.as_str()), (label, image));
        // Short strings are inline, and an escaped one is unescaped into its own.
        assert!(document_of(&web.name).is_none());
        assert_eq!(
            web.command[0],
            r#"an escaped "argument" over two dozen bytes"#
        );
        assert!(document_of(&web.command[0]).is_none());
        assert_eq!(
            web.docker_labels.get("team").map(Text::as_str),
            Some("payments")
        );
    }

    #[test]
    fn a_slice_of_a_document_is_the_string_it_holds() {
        let image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.2.3";
        // Nine containers of the same image: the ninth image slices the document.
        let containers: Vec<String> = (0..9)
            .map(|i| format!(r#"{{"name":"c{i}","image":"{image}"}}"#))
            .collect();
        let json = format!(
            r#"{{"family":"web","containerDefinitions":[{}]}}"#,
            containers.join(",")
        );
        let mut td = TaskDefinition::from_json(&json).unwrap();
        td.container_definitions.drain(..8);
        let parsed = td.container_definitions[0].image.clone();
        let built = Text::new(image);
        assert!(document_of(&parsed).is_some());
        assert!(document_of(&built).is_none());
        let hash = |t: &Text| {
            let mut hasher = std::hash::DefaultHasher::new();
            t.hash(&mut hasher);
            hasher.finish()
        };
        assert_eq!(parsed, built);
        assert_eq!(hash(&parsed), hash(&built));
        assert_eq!(hash(&parsed), hash(&Text::from(image)));
        assert_eq!(parsed.cmp(&built), Ordering::Equal);
        let later = Text::from("223456789012");
        assert!(parsed < later);
        assert_eq!(parsed.clone().into_string(), image);
        // Changing one makes it its own; the others still read the document.
        let tagged = &mut td.container_definitions[0].image;
        tagged.push_str("-ci");
        assert_eq!(*tagged, format!("{image}-ci"));
        assert!(document_of(tagged).is_none());
        assert_eq!(parsed, image);
        let mut cleared = parsed.clone();
        cleared.clear();
        assert!(cleared.is_empty() && document_of(&cleared).is_none());
        assert_eq!(parsed, image);
    }

    #[test]
    fn keys_a_map_looked_up_by_str() {
        let mut labels = BTreeMap::new();
        labels.insert(Text::from("team"), Text::from("payments"));
        assert_eq!(labels.get("team").map(Text::as_str), Some("payments"));
    }

    #[test]
    fn serde_reads_and_writes_a_json_string() {
        let t: Text = serde_json::from_str(r#""caf\u00e9""#).unwrap();
        assert_eq!(t, "café");
        assert_eq!(serde_json::to_string(&t).unwrap(), r#""café""#);
        assert!(serde_json::from_str::<Text>("1").is_err());
    }
}
