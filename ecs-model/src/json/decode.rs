//! Decoding JSON into the model with errors that name their path.
//!
//! Every model type decodes through [`Decode`], which reads from a [`Reader`] and carries a
//! [`Cx`]. The happy path keeps no path stack: when a value fails, the failing decoder records
//! its message in the `Cx` and every enclosing object or array adds its key or index while the
//! error unwinds. Unknown keys never fail here: they land in the record's `extra` map and the
//! caller decides (strict: error, lenient: warning) once the whole document is read.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use super::read::Number;
pub(crate) use super::read::{Error, Reader, Token};
use crate::Text;
use crate::path::{JsonPath, Segment};
use crate::words::quoted;

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
    /// Whether anything unknown was kept (a key in an `extra` map, a log driver this crate
    /// does not know): only then is the decoded value walked for them.
    kept_unknown: bool,
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
    pub(crate) fn fail(&mut self, message: impl Into<String>) -> Error {
        self.problem = Some(message.into());
        self.path = JsonPath::root();
        Error::Shape
    }

    pub(crate) fn wrong_type(&mut self, expected: &str, found: &Found<'_>) -> Error {
        self.fail(format!("expected {expected}, found {found}"))
    }

    /// Records a problem at `key` of the current object.
    pub(crate) fn fail_at(&mut self, key: &str, message: impl Into<String>) -> Error {
        let error = self.fail(message);
        self.path.push(Segment::Key(Cow::Owned(key.to_owned())));
        error
    }

    /// Adds `key` to the path of an error unwinding out of that key's value.
    pub(crate) fn in_key(&mut self, key: &str, error: Error) -> Error {
        if matches!(error, Error::Shape) {
            self.path.push(Segment::Key(Cow::Owned(key.to_owned())));
        }
        error
    }

    /// Adds `index` to the path of an error unwinding out of that element.
    pub(crate) fn in_index(&mut self, index: usize, error: Error) -> Error {
        if matches!(error, Error::Shape) {
            self.path.push(Segment::Index(index));
        }
        error
    }

    /// Notes that something unknown was kept in the value being decoded.
    pub(crate) fn keep_unknown(&mut self) {
        self.kept_unknown = true;
    }

    /// Whether [`keep_unknown`](Self::keep_unknown) was called.
    pub(crate) fn kept_unknown(&self) -> bool {
        self.kept_unknown
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

    fn decode(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Self, Error>;

    /// Decodes one element of a list onto its end; records decode in place there rather than
    /// being moved in.
    fn decode_into(r: &mut Reader<'_>, cx: &mut Cx, out: &mut Vec<Self>) -> Result<(), Error> {
        out.push(Self::decode(r, cx)?);
        Ok(())
    }

    /// As [`decode`](Self::decode), but a value the type cannot hold and a newer ECS may send
    /// (an enum value this crate does not know) comes back as it is, when `cx` keeps such
    /// values. Only enums, and lists of them, have such values.
    fn decode_keeping(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Kept<Self>, Error> {
        Self::decode(r, cx).map(Kept::Value)
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
pub(crate) fn decode_enum_keeping<T: Scalar>(
    r: &mut Reader<'_>,
    cx: &mut Cx,
) -> Result<Kept<T>, Error> {
    if cx.keep_unknown_values {
        decode_scalar::<EnumOrRaw<T>>(r, cx).map(|e| e.0)
    } else {
        decode_scalar(r, cx).map(Kept::Value)
    }
}

/// Scalars: one reader, each type says which JSON kinds it takes.
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

/// Decodes any [`Scalar`].
pub(crate) fn decode_scalar<T: Scalar>(r: &mut Reader<'_>, cx: &mut Cx) -> Result<T, Error> {
    let token = r.peek()?;
    let value = match token {
        Token::String => match r.string()? {
            Cow::Borrowed(s) => T::from_str(s),
            Cow::Owned(s) => T::from_string(s),
        },
        Token::Number => match r.number()? {
            Number::Int(n) => T::from_int(n),
            Number::Float(f) => T::from_float(f),
        },
        Token::True | Token::False => {
            r.literal(token)?;
            T::from_bool(token == Token::True)
        }
        _ => return Err(unexpected(r, cx, T::EXPECTED, token)),
    };
    value.map_err(|m| cx.fail(m))
}

/// Steps into the next value if it is `token` (an object or an array), else fails saying what
/// it is instead of `expected`.
pub(crate) fn open(
    r: &mut Reader<'_>,
    cx: &mut Cx,
    token: Token,
    expected: &str,
) -> Result<(), Error> {
    let found = r.peek()?;
    if found != token {
        return Err(unexpected(r, cx, expected, found));
    }
    r.begin()
}

/// The error of a value of another JSON kind than `expected`: reads the value to say what it
/// was (a syntax error in it comes first).
pub(crate) fn unexpected(r: &mut Reader<'_>, cx: &mut Cx, expected: &str, token: Token) -> Error {
    let found = match token {
        Token::Object => Found::Object,
        Token::Array => Found::Array,
        Token::Null | Token::True | Token::False => match r.literal(token) {
            Ok(()) if token == Token::Null => Found::Null,
            Ok(()) => Found::Bool(token == Token::True),
            Err(e) => return e,
        },
        Token::Number => match r.number() {
            Ok(Number::Int(n)) => Found::Int(n),
            Ok(Number::Float(f)) => Found::Float(f),
            Err(e) => return e,
        },
        Token::String => {
            return match r.string() {
                Ok(s) => cx.wrong_type(expected, &Found::Str(&s)),
                Err(e) => e,
            };
        }
    };
    cx.wrong_type(expected, &found)
}

impl Scalar for Text {
    const EXPECTED: &'static str = "a string";
    fn from_str(v: &str) -> Result<Self, String> {
        Ok(Text::new(v))
    }
    fn from_string(v: String) -> Result<Self, String> {
        Ok(Text::from(v))
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
            fn decode(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Self, Error> {
                decode_scalar(r, cx)
            }
        }
    )*};
}
decode_via_scalar!(bool, i32, i64, f64);

impl Decode for Text {
    fn decode(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Self, Error> {
        if r.peek()? != Token::String {
            return decode_scalar(r, cx); // its error
        }
        let s = r.string()?;
        Ok(r.text(s))
    }
}

impl<T: Decode> Decode for Vec<T> {
    const MAY_KEEP: bool = T::MAY_KEEP;

    fn raw(&self) -> serde_json::Value {
        self.iter().map(Decode::raw).collect()
    }

    /// A list with an element the element type cannot hold comes back whole, as JSON.
    fn decode_keeping(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Kept<Self>, Error> {
        if !T::MAY_KEEP || !cx.keep_unknown_values {
            return Self::decode(r, cx).map(Kept::Value);
        }
        let items: Vec<KeptItem<T>> = Vec::decode(r, cx)?;
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

    fn decode(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Self, Error> {
        open(r, cx, Token::Array, "an array")?;
        let mut out = Vec::new();
        let mut first = true;
        while r.next_item(&mut first)? {
            let index = out.len();
            T::decode_into(r, cx, &mut out).map_err(|e| cx.in_index(index, e))?;
        }
        Ok(out)
    }
}

/// A list element decoded with [`Decode::decode_keeping`].
struct KeptItem<T>(Kept<T>);

impl<T: Decode> Decode for KeptItem<T> {
    fn decode(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Self, Error> {
        T::decode_keeping(r, cx).map(Self)
    }
}

/// String-to-string maps (`dockerLabels`, log `options`): keys are kept exactly as given.
pub(crate) type StringMap = BTreeMap<Text, Text>;

impl Decode for StringMap {
    fn decode(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Self, Error> {
        open(r, cx, Token::Object, "an object")?;
        let mut out = StringMap::new();
        let mut first = true;
        while let Some(key) = r.next_key(&mut first)? {
            // The key first: the document's long strings are taken in the order they come.
            let key = r.text(key);
            match Text::decode(r, cx) {
                Ok(value) => {
                    out.insert(key, value);
                }
                Err(e) => return Err(cx.in_key(&key, e)),
            }
        }
        Ok(out)
    }
}

/// Any JSON value (timestamps, unknown keys): taken as it is.
impl Decode for serde_json::Value {
    fn decode(r: &mut Reader<'_>, _: &mut Cx) -> Result<Self, Error> {
        r.value()
    }
}

/// An object type of the API: decoded one key at a time into its fields, in place, from its
/// default (generated per record by `api_struct!`), then checked for required keys.
pub(crate) trait Record: Sized + Default {
    /// The JSON names of the record's fields, for "did you mean" hints.
    const KEYS: &'static [&'static str];
    /// Decodes the value of `key` into its field if the record knows it; `seen` has a bit per
    /// key (`record::key_bit`) for duplicates and required keys.
    fn accept(
        &mut self,
        seen: &mut u128,
        key: &str,
        r: &mut Reader<'_>,
        cx: &mut Cx,
    ) -> Result<Accepted, Error>;
    /// Its map of the keys it does not model.
    fn extra(&mut self) -> &mut Extra;
    /// Checks required keys against `seen`.
    fn finish(&self, seen: u128, cx: &mut Cx) -> Result<(), Error>;
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
pub(crate) fn decode_record<R: Record>(r: &mut Reader<'_>, cx: &mut Cx) -> Result<R, Error> {
    let mut record = R::default();
    decode_record_in(r, cx, &mut record)?;
    Ok(record)
}

/// [`Decode::decode_into`] of a record: decoded where it ends up, the list's last element (a
/// container definition is over a kilobyte, and moving it out of a `Result` into the list took
/// two copies). An element that fails is dropped with its list, which the error abandons.
pub(crate) fn decode_record_into<R: Record>(
    r: &mut Reader<'_>,
    cx: &mut Cx,
    out: &mut Vec<R>,
) -> Result<(), Error> {
    let index = out.len();
    out.push(R::default());
    decode_record_in(r, cx, &mut out[index])
}

/// Decodes an object into `record`, which is at its default.
fn decode_record_in<R: Record>(
    r: &mut Reader<'_>,
    cx: &mut Cx,
    record: &mut R,
) -> Result<(), Error> {
    open(r, cx, Token::Object, "an object")?;
    let mut seen = 0;
    let mut first = true;
    while let Some(key) = r.next_key(&mut first)? {
        match record.accept(&mut seen, &key, r, cx)? {
            Accepted::Taken => {}
            Accepted::NotMine => take_unknown(record.extra(), key, r, cx)?,
            Accepted::Kept(value) => keep(record.extra(), key, value, cx),
        }
    }
    record.finish(seen, cx)
}

/// Keeps an unknown key and its value; duplicates are a hard error like any other duplicate.
pub(crate) fn take_unknown(
    extra: &mut Extra,
    key: Cow<'_, str>,
    r: &mut Reader<'_>,
    cx: &mut Cx,
) -> Result<(), Error> {
    let value = r.value().map_err(|e| cx.in_key(&key, e))?;
    if extra.contains_key(&*key) {
        return Err(cx.fail_at(&key, "duplicate key"));
    }
    keep(extra, key, value, cx);
    Ok(())
}

/// Puts what decoding does not model into a record's `extra` map, noting it in `cx` so that the
/// document is walked for it (every insertion into `extra` while decoding goes through here).
pub(crate) fn keep(extra: &mut Extra, key: Cow<'_, str>, value: serde_json::Value, cx: &mut Cx) {
    cx.keep_unknown();
    extra.insert(key.into_owned(), value);
}
