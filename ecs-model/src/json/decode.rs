//! Decoding JSON into the model with errors that name their path.
//!
//! Every model type decodes through [`Decode`], a seeded `deserialize_any` that carries a [`Cx`].
//! The happy path keeps no path stack: when a value fails, the failing decoder records its message
//! in the `Cx` and every enclosing object or array adds its key or index while the error unwinds.
//! Unknown keys never fail here: they land in the record's `extra` map and the caller decides
//! (strict: error, lenient: warning) once the whole document is read.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::path::{JsonPath, Segment};
use crate::text::quoted;

/// Keys a record does not model, with their values, in key order.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// What the decoder found where it expected something else, for messages.
pub(crate) enum Found<'a> {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(&'a str),
    Array,
    Object,
}

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Null => f.write_str("null"),
            Found::Bool(b) => write!(f, "a boolean ({b})"),
            Found::Int(n) => write!(f, "a number ({n})"),
            Found::Float(n) => write!(f, "a number ({n})"),
            Found::Str(s) => write!(f, "a string ({})", quoted(s)),
            Found::Array => f.write_str("an array"),
            Found::Object => f.write_str("an object"),
        }
    }
}

/// The decoding context: the first hard problem and its path, built while unwinding; and
/// whether a value outside an API enum is kept (the lenient parse) rather than an error.
#[derive(Debug, Default)]
pub(crate) struct Cx {
    problem: Option<String>,
    path: JsonPath,
    /// Keep values a newer ECS may send (an enum value this crate does not know) in the
    /// record's `extra` map, as unknown keys are, instead of failing.
    keep_unknown_values: bool,
}

impl Cx {
    /// The context of a parse: the lenient one keeps values a newer ECS may send.
    pub(crate) fn for_mode(mode: crate::json::Mode) -> Self {
        Self {
            keep_unknown_values: mode == crate::json::Mode::Lenient,
            ..Self::default()
        }
    }

    /// Records a problem at the current value and returns the error that aborts decoding.
    pub(crate) fn fail<E: de::Error>(&mut self, message: impl Into<String>) -> E {
        let message = message.into();
        let error = E::custom(&message);
        self.problem = Some(message);
        self.path = JsonPath::root();
        error
    }

    pub(crate) fn wrong_type<E: de::Error>(&mut self, expected: &str, found: &Found<'_>) -> E {
        self.fail(format!("expected {expected}, found {found}"))
    }

    /// Records a problem at `key` of the current object.
    pub(crate) fn fail_at<E: de::Error>(&mut self, key: &str, message: impl Into<String>) -> E {
        let error = self.fail(message);
        self.path.push(Segment::Key(Cow::Owned(key.to_owned())));
        error
    }

    /// Adds `key` to the path of an error unwinding out of that key's value.
    pub(crate) fn in_key<E>(&mut self, key: &str, error: E) -> E {
        self.path.push(Segment::Key(Cow::Owned(key.to_owned())));
        error
    }

    /// Adds `index` to the path of an error unwinding out of that element.
    pub(crate) fn in_index<E>(&mut self, index: usize, error: E) -> E {
        self.path.push(Segment::Index(index));
        error
    }

    /// The recorded problem (if a decoder, not the JSON syntax, failed) and its path.
    pub(crate) fn finish(mut self) -> (Option<String>, JsonPath) {
        self.path.reverse();
        (self.problem, self.path)
    }
}

/// A model type's JSON decoder.
pub(crate) trait Decode: Sized {
    /// Whether [`decode_keeping`](Self::decode_keeping) may keep a value as JSON: enums and
    /// lists of them.
    const MAY_KEEP: bool = false;

    fn decode<'de, D: Deserializer<'de>>(de: D, cx: &mut Cx) -> Result<Self, D::Error>;

    /// As [`decode`](Self::decode), but a value the type cannot hold and a newer ECS may send
    /// (an enum value this crate does not know) comes back as it is, when `cx` keeps such
    /// values. Only enums, and lists of them, have such values.
    fn decode_keeping<'de, D: Deserializer<'de>>(
        de: D,
        cx: &mut Cx,
    ) -> Result<Kept<Self>, D::Error> {
        Self::decode(de, cx).map(Kept::Value)
    }

    /// The value as JSON, for a list kept whole because another element was not known; asked
    /// only of types that [may keep](Self::MAY_KEEP) values.
    fn raw(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
}

/// A decoded value, or the JSON of one the type cannot hold (kept for a round trip).
pub(crate) enum Kept<T> {
    Value(T),
    Raw(serde_json::Value),
}

/// Adapts [`Decode::decode_keeping`] to serde's seeded entry points.
pub(crate) struct KeepSeed<'a, T>(&'a mut Cx, PhantomData<T>);

impl<'a, T> KeepSeed<'a, T> {
    pub(crate) fn new(cx: &'a mut Cx) -> Self {
        Self(cx, PhantomData)
    }
}

impl<'de, T: Decode> DeserializeSeed<'de> for KeepSeed<'_, T> {
    type Value = Kept<T>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Kept<T>, D::Error> {
        T::decode_keeping(de, self.0)
    }
}

/// An enum value, or the string of one the enum does not know.
struct EnumOrRaw<T>(Kept<T>);

impl<T: Scalar> Scalar for EnumOrRaw<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    fn from_str(v: &str) -> Result<Self, String> {
        Ok(Self(match T::from_str(v) {
            Ok(known) => Kept::Value(known),
            Err(_) => Kept::Raw(serde_json::Value::String(v.to_owned())),
        }))
    }
}

/// [`Decode::decode_keeping`] of an API enum: strict unless `cx` keeps unknown values.
pub(crate) fn decode_enum_keeping<'de, T: Scalar, D: Deserializer<'de>>(
    de: D,
    cx: &mut Cx,
) -> Result<Kept<T>, D::Error> {
    if cx.keep_unknown_values {
        decode_scalar::<EnumOrRaw<T>, D>(de, cx).map(|e| e.0)
    } else {
        decode_scalar(de, cx).map(Kept::Value)
    }
}

/// Adapts [`Decode`] to serde's seeded entry points.
pub(crate) struct Seed<'a, T>(&'a mut Cx, PhantomData<T>);

impl<'a, T> Seed<'a, T> {
    pub(crate) fn new(cx: &'a mut Cx) -> Self {
        Self(cx, PhantomData)
    }
}

impl<'de, T: Decode> DeserializeSeed<'de> for Seed<'_, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<T, D::Error> {
        T::decode(de, self.0)
    }
}

/// Scalars: one visitor, each type says which JSON kinds it takes.
pub(crate) trait Scalar: Sized {
    const EXPECTED: &'static str;
    fn from_bool(v: bool) -> Result<Self, String> {
        Err(mismatch(Self::EXPECTED, &Found::Bool(v)))
    }
    fn from_int(v: i128) -> Result<Self, String> {
        Err(mismatch(Self::EXPECTED, &Found::Int(v)))
    }
    fn from_float(v: f64) -> Result<Self, String> {
        Err(mismatch(Self::EXPECTED, &Found::Float(v)))
    }
    fn from_str(v: &str) -> Result<Self, String> {
        Err(mismatch(Self::EXPECTED, &Found::Str(v)))
    }
    fn from_string(v: String) -> Result<Self, String> {
        Self::from_str(&v)
    }
}

pub(crate) fn mismatch(expected: &str, found: &Found<'_>) -> String {
    format!("expected {expected}, found {found}")
}

struct ScalarVisitor<'a, T>(&'a mut Cx, PhantomData<T>);

impl<'de, T: Scalar> Visitor<'de> for ScalarVisitor<'_, T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::from_bool(v).map_err(|m| self.0.fail(m))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::from_int(i128::from(v)).map_err(|m| self.0.fail(m))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::from_int(i128::from(v)).map_err(|m| self.0.fail(m))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::from_float(v).map_err(|m| self.0.fail(m))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::from_str(v).map_err(|m| self.0.fail(m))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        T::from_string(v).map_err(|m| self.0.fail(m))
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Err(self.0.wrong_type(T::EXPECTED, &Found::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        Err(self.0.wrong_type(T::EXPECTED, &Found::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(self.0.wrong_type(T::EXPECTED, &Found::Array))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(self.0.wrong_type(T::EXPECTED, &Found::Object))
    }
}

/// Decodes any [`Scalar`].
pub(crate) fn decode_scalar<'de, T: Scalar, D: Deserializer<'de>>(
    de: D,
    cx: &mut Cx,
) -> Result<T, D::Error> {
    de.deserialize_any(ScalarVisitor::<T>(cx, PhantomData))
}

impl Scalar for String {
    const EXPECTED: &'static str = "a string";
    fn from_str(v: &str) -> Result<Self, String> {
        Ok(v.to_owned())
    }
    fn from_string(v: String) -> Result<Self, String> {
        Ok(v)
    }
}

impl Scalar for bool {
    const EXPECTED: &'static str = "a boolean";
    fn from_bool(v: bool) -> Result<Self, String> {
        Ok(v)
    }
}

impl Scalar for i32 {
    const EXPECTED: &'static str = "an integer";
    fn from_int(v: i128) -> Result<Self, String> {
        i32::try_from(v).map_err(|_| {
            format!(
                "expected an integer between {} and {}, found {v}",
                i32::MIN,
                i32::MAX
            )
        })
    }
}

impl Scalar for i64 {
    const EXPECTED: &'static str = "an integer";
    fn from_int(v: i128) -> Result<Self, String> {
        i64::try_from(v).map_err(|_| {
            format!(
                "expected an integer between {} and {}, found {v}",
                i64::MIN,
                i64::MAX
            )
        })
    }
}

impl Scalar for f64 {
    const EXPECTED: &'static str = "a number";
    #[allow(clippy::cast_precision_loss)] // JSON numbers are doubles anyway
    fn from_int(v: i128) -> Result<Self, String> {
        Ok(v as f64)
    }
    fn from_float(v: f64) -> Result<Self, String> {
        Ok(v)
    }
}

macro_rules! decode_via_scalar {
    ($($t:ty),*) => {$(
        impl Decode for $t {
            fn decode<'de, D: Deserializer<'de>>(de: D, cx: &mut Cx) -> Result<Self, D::Error> {
                decode_scalar(de, cx)
            }
        }
    )*};
}
decode_via_scalar!(String, bool, i32, i64, f64);

impl<T: Decode> Decode for Vec<T> {
    const MAY_KEEP: bool = T::MAY_KEEP;

    fn raw(&self) -> serde_json::Value {
        self.iter().map(Decode::raw).collect()
    }

    /// A list with an element the element type cannot hold comes back whole, as JSON.
    fn decode_keeping<'de, D: Deserializer<'de>>(
        de: D,
        cx: &mut Cx,
    ) -> Result<Kept<Self>, D::Error> {
        if !T::MAY_KEEP || !cx.keep_unknown_values {
            return Self::decode(de, cx).map(Kept::Value);
        }
        let items: Vec<KeptItem<T>> = Vec::decode(de, cx)?;
        if items.iter().all(|i| matches!(i.0, Kept::Value(_))) {
            return Ok(Kept::Value(
                items
                    .into_iter()
                    .filter_map(|i| match i.0 {
                        Kept::Value(v) => Some(v),
                        Kept::Raw(_) => None,
                    })
                    .collect(),
            ));
        }
        let raw = items
            .into_iter()
            .map(|i| match i.0 {
                Kept::Value(v) => v.raw(),
                Kept::Raw(raw) => raw,
            })
            .collect();
        Ok(Kept::Raw(serde_json::Value::Array(raw)))
    }

    fn decode<'de, D: Deserializer<'de>>(de: D, cx: &mut Cx) -> Result<Self, D::Error> {
        struct V<'a, T>(&'a mut Cx, PhantomData<T>);
        impl<'de, T: Decode> Visitor<'de> for V<'_, T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let cx = self.0;
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                loop {
                    match seq.next_element_seed(Seed::<T>::new(cx)) {
                        Ok(Some(item)) => out.push(item),
                        Ok(None) => return Ok(out),
                        Err(e) => return Err(cx.in_index(out.len(), e)),
                    }
                }
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Vec<T>, E> {
                Err(self.0.wrong_type("an array", &Found::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Vec<T>, E> {
                Err(self.0.wrong_type("an array", &Found::Int(v.into())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Vec<T>, E> {
                Err(self.0.wrong_type("an array", &Found::Int(v.into())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Vec<T>, E> {
                Err(self.0.wrong_type("an array", &Found::Float(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
                Err(self.0.wrong_type("an array", &Found::Str(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
                Err(self.0.wrong_type("an array", &Found::Null))
            }
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Vec<T>, A::Error> {
                Err(self.0.wrong_type("an array", &Found::Object))
            }
        }
        de.deserialize_any(V(cx, PhantomData))
    }
}

/// A list element decoded with [`Decode::decode_keeping`].
struct KeptItem<T>(Kept<T>);

impl<T: Decode> Decode for KeptItem<T> {
    fn decode<'de, D: Deserializer<'de>>(de: D, cx: &mut Cx) -> Result<Self, D::Error> {
        T::decode_keeping(de, cx).map(Self)
    }
}

/// String-to-string maps (`dockerLabels`, log `options`): keys are kept exactly as given.
pub(crate) type StringMap = BTreeMap<String, String>;

impl Decode for StringMap {
    fn decode<'de, D: Deserializer<'de>>(de: D, cx: &mut Cx) -> Result<Self, D::Error> {
        struct V<'a>(&'a mut Cx);
        impl<'de> Visitor<'de> for V<'_> {
            type Value = StringMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StringMap, A::Error> {
                let cx = self.0;
                let mut out = StringMap::new();
                while let Some(key) = map.next_key_seed(KeySeed)? {
                    match map.next_value_seed(Seed::<String>::new(cx)) {
                        Ok(value) => {
                            out.insert(key.into_owned(), value);
                        }
                        Err(e) => return Err(cx.in_key(&key, e)),
                    }
                }
                Ok(out)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<StringMap, E> {
                Err(self.0.wrong_type("an object", &Found::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StringMap, E> {
                Err(self.0.wrong_type("an object", &Found::Int(v.into())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StringMap, E> {
                Err(self.0.wrong_type("an object", &Found::Int(v.into())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<StringMap, E> {
                Err(self.0.wrong_type("an object", &Found::Float(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StringMap, E> {
                Err(self.0.wrong_type("an object", &Found::Str(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<StringMap, E> {
                Err(self.0.wrong_type("an object", &Found::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<StringMap, A::Error> {
                Err(self.0.wrong_type("an object", &Found::Array))
            }
        }
        de.deserialize_any(V(cx))
    }
}

/// Any JSON value (timestamps, unknown keys): taken as it is.
impl Decode for serde_json::Value {
    fn decode<'de, D: Deserializer<'de>>(de: D, _: &mut Cx) -> Result<Self, D::Error> {
        serde::Deserialize::deserialize(de)
    }
}

/// Object keys, borrowed from the input when they have no escapes.
pub(crate) struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cow<'de, str>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v))
            }
        }
        de.deserialize_str(V)
    }
}

/// An object type of the API: decoded one key at a time into a tuple of `Option`s
/// (generated per record by `api_struct!`), then checked for required keys.
pub(crate) trait Record: Sized {
    /// One `Option` per field while decoding.
    type Fields;
    /// The JSON names of the record's fields, for "did you mean" hints.
    const KEYS: &'static [&'static str];
    /// No field seen yet.
    fn start() -> Self::Fields;
    /// Decodes the value of `key` if the record knows it.
    fn accept<'de, A: MapAccess<'de>>(
        fields: &mut Self::Fields,
        key: &str,
        map: &mut A,
        cx: &mut Cx,
    ) -> Result<Accepted, A::Error>;
    /// Checks required keys and assembles the record.
    fn finish<E: de::Error>(fields: Self::Fields, extra: Extra, cx: &mut Cx) -> Result<Self, E>;
}

/// What [`Record::accept`] did with a key.
pub(crate) enum Accepted {
    /// Decoded into its field.
    Taken,
    /// Not one of the record's keys: its value is unread.
    NotMine,
    /// One of its keys, with a value its field cannot hold (an enum value of a newer ECS): kept
    /// as it is, for the `extra` map.
    Kept(serde_json::Value),
}

/// Decodes an object into a [`Record`], keeping unknown keys in its `extra` map.
pub(crate) fn decode_record<'de, R: Record, D: Deserializer<'de>>(
    de: D,
    cx: &mut Cx,
) -> Result<R, D::Error> {
    de.deserialize_any(RecordVisitor::<R>(cx, PhantomData))
}

struct RecordVisitor<'a, R>(&'a mut Cx, PhantomData<R>);

impl<'de, R: Record> Visitor<'de> for RecordVisitor<'_, R> {
    type Value = R;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<R, A::Error> {
        let cx = self.0;
        let mut fields = R::start();
        let mut extra = Extra::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match R::accept(&mut fields, &key, &mut map, cx)? {
                Accepted::Taken => {}
                Accepted::NotMine => take_unknown(&mut extra, key, &mut map, cx)?,
                Accepted::Kept(value) => {
                    extra.insert(key.into_owned(), value);
                }
            }
        }
        R::finish(fields, extra, cx)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<R, E> {
        Err(self.0.wrong_type("an object", &Found::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<R, E> {
        Err(self.0.wrong_type("an object", &Found::Int(v.into())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<R, E> {
        Err(self.0.wrong_type("an object", &Found::Int(v.into())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<R, E> {
        Err(self.0.wrong_type("an object", &Found::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<R, E> {
        Err(self.0.wrong_type("an object", &Found::Str(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<R, E> {
        Err(self.0.wrong_type("an object", &Found::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<R, A::Error> {
        Err(self.0.wrong_type("an object", &Found::Array))
    }
}

/// Keeps an unknown key and its value; duplicates are a hard error like any other duplicate.
pub(crate) fn take_unknown<'de, A: MapAccess<'de>>(
    extra: &mut Extra,
    key: Cow<'_, str>,
    map: &mut A,
    cx: &mut Cx,
) -> Result<(), A::Error> {
    let value: serde_json::Value = map.next_value().map_err(|e| cx.in_key(&key, e))?;
    if extra.contains_key(&*key) {
        return Err(cx.fail_at(&key, "duplicate key"));
    }
    extra.insert(key.into_owned(), value);
    Ok(())
}
