//! [`Text`]: the string type of the API records' fields.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;

/// A string of an API record: a name, an image, a variable's value, an ARN.
///
/// It reads like a `&str` (it dereferences to one and compares with `str` and `String`) and is
/// built from either with `.into()`. Strings of up to 24 bytes, most names and values of a task
/// definition, are kept inline rather than on the heap, so parsing a document allocates for few
/// of them; longer ones are allocated as a `String` would be.
///
/// ```
/// use ecs_model::{ContainerDefinition, Text};
/// let web = ContainerDefinition::builder("web", "nginx:1.27").build_unchecked();
/// assert_eq!(web.name, "web");
/// assert!(web.image.starts_with("nginx"));
/// let image: String = web.image.into();
/// assert_eq!(Text::from(image), "nginx:1.27");
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(CompactString);

impl Text {
    /// A copy of `s`.
    #[must_use]
    pub fn new(s: &str) -> Self {
        Self(CompactString::new(s))
    }

    /// A string of the program's text, made at compile time.
    #[must_use]
    pub const fn from_static(s: &'static str) -> Self {
        Self(CompactString::const_new(s))
    }

    /// The string.
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Appends `s`.
    pub fn push_str(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// Empties the string.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The string as a `String` (allocates unless it was one).
    #[must_use]
    pub fn into_string(self) -> String {
        self.0.into_string()
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

// `Hash`, `Eq` and `Ord` are the string's own, so maps keyed by `Text` look up by `&str`.
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
        Self(CompactString::from(s))
    }
}

impl From<Box<str>> for Text {
    fn from(s: Box<str>) -> Self {
        Self(CompactString::from(s))
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
        Self(iter.into_iter().collect())
    }
}

impl<'a> FromIterator<&'a str> for Text {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
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
    use super::Text;
    use std::collections::BTreeMap;

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
