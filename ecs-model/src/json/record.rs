//! `api_struct!` and `api_enum!`: one declaration per API shape gives the Rust type, its JSON
//! decoder and encoder, the unknown-key walk and its JSON Schema, so the JSON names live in
//! exactly one place.

use crate::Text;
use crate::json::compact::Compact;
use crate::json::decode::{Cx, Decode, Error, Reader, StringMap};
use crate::path::{JsonPath, PathCursor};

/// How a field of a record behaves when its key is absent, and when it is rendered.
pub(crate) trait Field: Sized {
    /// What the key's JSON value decodes to.
    type Item: Decode;
    /// Whether a document without the key is rejected (the schema's `required`). An absent key
    /// that is not required leaves its field at its `Default`: `None`, an empty list or map.
    const REQUIRED: bool;
    /// The field for a present key.
    fn present(item: Self::Item) -> Self;
    /// Whether rendering leaves the key out (absent `Option`s, empty lists and maps).
    fn omitted(&self) -> bool;
}

impl<T: Decode> Field for Option<T> {
    type Item = T;
    const REQUIRED: bool = false;
    fn present(item: T) -> Self {
        Some(item)
    }
    fn omitted(&self) -> bool {
        self.is_none()
    }
}

/// Lists: an empty list is the same as an absent one (ECS stores them alike), and is not rendered.
impl<T: Decode> Field for Vec<T> {
    type Item = Vec<T>;
    const REQUIRED: bool = false;
    fn present(item: Vec<T>) -> Self {
        item
    }
    fn omitted(&self) -> bool {
        self.is_empty()
    }
}

/// Maps: an empty map is the same as an absent one, and is not rendered.
impl Field for StringMap {
    type Item = StringMap;
    const REQUIRED: bool = false;
    fn present(item: StringMap) -> Self {
        item
    }
    fn omitted(&self) -> bool {
        self.is_empty()
    }
}

/// The bit of `key` in the keys a [`Record`](crate::json::decode::Record) has seen: its index
/// among the record's keys. Evaluated at compile time, where a record of more than 128 keys
/// fails to build.
pub(crate) const fn key_bit(keys: &[&str], key: &str) -> u128 {
    let mut i = 0;
    while i < keys.len() {
        if ecs_model_internals::enums::str_eq(keys[i], key) {
            return 1 << i;
        }
        i += 1;
    }
    panic!("not one of the record's keys")
}

/// A value type that is required wherever it appears without `Option`.
macro_rules! required_field {
    ($($t:ty),*) => {$(
        impl $crate::json::record::Field for $t {
            type Item = $t;
            const REQUIRED: bool = true;
            fn present(item: $t) -> Self {
                item
            }
            fn omitted(&self) -> bool {
                false
            }
        }
    )*};
}
pub(crate) use required_field;
required_field!(Text, bool, i32, i64, f64);

/// A string that is not one of an API enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} is not a valid {what}{hint}; expected one of: {}", crate::words::quoted(value), valid.join(", "))]
pub struct EnumError {
    what: &'static str,
    value: String,
    valid: &'static [&'static str],
    hint: String,
}

impl EnumError {
    pub(crate) fn new(what: &'static str, value: &str, valid: &'static [&'static str]) -> Self {
        let hint = crate::words::closest(value, valid)
            .map(|near| format!(" (did you mean \"{near}\"?)"))
            .unwrap_or_default();
        Self {
            what,
            value: value.to_owned(),
            valid,
            hint,
        }
    }

    /// The rejected value.
    #[must_use]
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The values the enum accepts.
    #[must_use]
    pub fn valid(&self) -> &'static [&'static str] {
        self.valid
    }
}

/// Something the parser kept without knowing it, found by [`Walk`].
pub(crate) struct Unknown {
    pub(crate) path: JsonPath,
    pub(crate) what: UnknownKind,
}

impl Unknown {
    /// A key of a record's `extra` map: unknown, or known with a value kept as given.
    pub(crate) fn in_extra<R: crate::json::decode::Record>(
        at: &PathCursor<'_>,
        key: &str,
        value: &serde_json::Value,
    ) -> Self {
        let what = if R::KEYS.contains(&key) {
            UnknownKind::Value(format!(
                "{} is not a value this version of ecs-model knows (a newer ECS API's?)",
                crate::words::shortened(&value.to_string()).0
            ))
        } else {
            UnknownKind::Key(R::KEYS)
        };
        Self {
            path: at.path().key(key.to_owned()),
            what,
        }
    }

    /// What is wrong, with a suggestion for a mistyped key.
    pub(crate) fn message(&self) -> String {
        match &self.what {
            UnknownKind::Key(known) => {
                let key = match self.path.segments().last() {
                    Some(crate::path::Segment::Key(key)) => key.as_ref(),
                    _ => "",
                };
                let hint = crate::words::closest(key, known);
                let key = match crate::words::shortened(key) {
                    (key, false) => format!("`{key}`"),
                    (head, true) => format!("`{head}`…"),
                };
                match hint {
                    Some(near) => format!("unknown key {key}, did you mean `{near}`?"),
                    None => format!("unknown key {key}"),
                }
            }
            UnknownKind::Value(message) => message.clone(),
        }
    }
}

pub(crate) enum UnknownKind {
    /// A key; the record's known keys, for a "did you mean".
    Key(&'static [&'static str]),
    /// A value outside an enum that keeps such values (log drivers), with the message.
    Value(String),
}

/// The strict `serde::Deserialize` of every model type, for users who embed the model in their
/// own serde documents: the error message starts with the path inside the value. The model reads
/// JSON text, so the value is written out as JSON first, from any serde format.
pub(crate) fn deserialize_strict<'de, T: Decode + Walk, D: serde::Deserializer<'de>>(
    de: D,
) -> Result<T, D::Error> {
    use serde::de::{DeserializeSeed as _, Error as _};
    let mut text = Vec::new();
    Transcribe(&mut text).deserialize(de)?;
    let text = String::from_utf8(text).map_err(D::Error::custom)?;
    let mut cx = Cx::default();
    match T::decode(&mut Reader::new(&text), &mut cx) {
        Ok(value) => {
            let unknown = unknowns(&value, cx.kept_unknown(), &PathCursor::ROOT);
            match unknown.first() {
                None => Ok(value),
                Some(first) => Err(D::Error::custom(format_args!(
                    "{}: {}",
                    first.path,
                    first.message()
                ))),
            }
        }
        // `serde_json` rendered the text, so only the model can refuse it.
        Err(Error::Syntax(syntax)) => Err(D::Error::custom(syntax.message)),
        Err(Error::Shape) => match cx.finish() {
            (Some(message), path) if path.segments().is_empty() => Err(D::Error::custom(message)),
            (Some(message), path) => Err(D::Error::custom(format!("{path}: {message}"))),
            (None, _) => Err(D::Error::custom("not the model's JSON")),
        },
    }
}

/// Writes the value a serde deserializer gives as JSON text: keys in their order and duplicates
/// kept (so that the decoder refuses them as it refuses them in a file).
struct Transcribe<'a>(&'a mut Vec<u8>);

impl Transcribe<'_> {
    fn scalar<V: serde::Serialize + ?Sized, E: serde::de::Error>(self, value: &V) -> Result<(), E> {
        serde_json::to_writer(&mut *self.0, value).map_err(E::custom)
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Transcribe<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Transcribe<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<(), E> {
        self.scalar(&v)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<(), E> {
        self.scalar(&v)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<(), E> {
        self.scalar(&v)
    }
    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<(), E> {
        self.scalar(&v)
    }
    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<(), E> {
        self.scalar(&v)
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
        self.scalar(&v)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.scalar(v)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.scalar(&())
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.scalar(&())
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let out = self.0;
        out.push(b'[');
        let mut first = true;
        loop {
            let before = out.len();
            if !std::mem::take(&mut first) {
                out.push(b',');
            }
            if seq.next_element_seed(Transcribe(&mut *out))?.is_none() {
                out.truncate(before);
                break;
            }
        }
        out.push(b']');
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        use serde::de::Error as _;
        let out = self.0;
        out.push(b'{');
        let mut first = true;
        while let Some(key) = map.next_key::<String>()? {
            if !std::mem::take(&mut first) {
                out.push(b',');
            }
            serde_json::to_writer(&mut *out, &key).map_err(A::Error::custom)?;
            out.push(b':');
            map.next_value_seed(Transcribe(&mut *out))?;
        }
        out.push(b'}');
        Ok(())
    }
}

/// What a decoded value kept without knowing it, under `at`. `kept_unknown`: whether decoding
/// noted anything ([`Cx::keep_unknown`]); if not, the value is not walked (in debug builds it
/// is, to check that nothing is found).
pub(crate) fn unknowns<T: Walk>(
    value: &T,
    kept_unknown: bool,
    at: &PathCursor<'_>,
) -> Vec<Unknown> {
    let mut unknown = Vec::new();
    if kept_unknown || cfg!(debug_assertions) {
        value.unknown_keys(at, &mut unknown);
        debug_assert!(
            kept_unknown || unknown.is_empty(),
            "an unknown was kept without `Cx::keep_unknown`"
        );
    }
    unknown
}

/// Finds the unknown keys kept in `extra` maps anywhere in a value.
pub(crate) trait Walk {
    fn unknown_keys(&self, _at: &PathCursor<'_>, _out: &mut Vec<Unknown>) {}
}

impl<T: Walk> Walk for Option<T> {
    fn unknown_keys(&self, at: &PathCursor<'_>, out: &mut Vec<Unknown>) {
        if let Some(value) = self {
            value.unknown_keys(at, out);
        }
    }
}

impl<T: Walk> Walk for Vec<T> {
    fn unknown_keys(&self, at: &PathCursor<'_>, out: &mut Vec<Unknown>) {
        for (i, value) in self.iter().enumerate() {
            value.unknown_keys(&at.index(i), out);
        }
    }
}

impl Walk for Text {}
impl Walk for bool {}
impl Walk for i32 {}
impl Walk for i64 {}
impl Walk for f64 {}
impl Walk for StringMap {}
impl Walk for serde_json::Value {}

/// How a field is written on the wire. Most fields are written as their own type
/// ([`Plain`]); a field declared `name "Json": Type as SomeCodec` is read and written through
/// another shape, so that one public type (a [`Tag`](crate::Tag)) serves APIs that spell it
/// differently.
pub(crate) trait Codec<T: Field> {
    /// What the key's JSON value decodes to.
    type Wire: Decode;
    /// The field's item from what was decoded.
    fn from_wire(wire: Self::Wire) -> T::Item;
    /// Writes the field.
    fn serialize<S: serde::Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
    /// The length of the field's compact JSON: by default, of what `serialize` writes.
    fn compact_len(value: &T) -> usize
    where
        Self: Sized,
    {
        Compact::compact_len(&Encoded::<Self, T>::new(value))
    }
    /// Appends the field's compact JSON: by default, what `serialize` writes. A codec that
    /// writes its own overrides both.
    fn write_compact(value: &T, out: &mut String)
    where
        Self: Sized,
    {
        Compact::write_compact(&Encoded::<Self, T>::new(value), out);
    }
    /// The schema of the key's value.
    #[cfg(feature = "schema")]
    fn schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema;
}

/// A field written as its own type.
pub(crate) struct Plain;

#[cfg(feature = "schema")]
impl<T: Field + Compact> Codec<T> for Plain
where
    T::Item: schemars::JsonSchema,
{
    type Wire = T::Item;
    fn from_wire(wire: T::Item) -> T::Item {
        wire
    }
    fn serialize<S: serde::Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
    fn compact_len(value: &T) -> usize {
        value.compact_len()
    }
    fn write_compact(value: &T, out: &mut String) {
        value.write_compact(out);
    }
    fn schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<T::Item>()
    }
}

#[cfg(not(feature = "schema"))]
impl<T: Field + Compact> Codec<T> for Plain {
    type Wire = T::Item;
    fn from_wire(wire: T::Item) -> T::Item {
        wire
    }
    fn serialize<S: serde::Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
    fn compact_len(value: &T) -> usize {
        value.compact_len()
    }
    fn write_compact(value: &T, out: &mut String) {
        value.write_compact(out);
    }
}

/// The codec of a field: [`Plain`] unless the declaration names one.
macro_rules! codec {
    () => {
        $crate::json::record::Plain
    };
    ($codec:ty) => {
        $codec
    };
}
pub(crate) use codec;

/// A field's value, serialized through its codec.
pub(crate) struct Encoded<'a, C, T>(&'a T, std::marker::PhantomData<C>);

impl<'a, C, T> Encoded<'a, C, T> {
    pub(crate) fn new(value: &'a T) -> Self {
        Self(value, std::marker::PhantomData)
    }
}

impl<C: Codec<T>, T: Field> serde::Serialize for Encoded<'_, C, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::serialize(self.0, serializer)
    }
}

/// A codec's shape is written through `serde`.
impl<C: Codec<T>, T: Field> Compact for Encoded<'_, C, T> {}

/// Whether a record renders the field of `key`: not when it is left out (an absent `Option`,
/// an empty list or map), nor when `extra` keeps a value of a newer ECS for the key, which is
/// rendered from there.
#[inline]
pub(crate) fn rendered<T: Field>(field: &T, key: &str, extra: &crate::json::Extra) -> bool {
    !field.omitted() && (extra.is_empty() || !extra.contains_key(key))
}

/// Declares an API object type: the struct (public fields, `#[non_exhaustive]`, an `extra` map
/// for keys ECS added after this crate), its decoder, its encoder and its JSON Schema.
///
/// ```text
/// api_struct! {
///     /// Docs.
///     pub struct PortMapping {
///         /// Docs.
///         container_port "containerPort": Option<i32>,
///     }
/// }
/// ```
macro_rules! api_struct {
    (
        $(#[doc = $doc:literal])*
        $(#[derive($($derive:path),*)])?
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident $json:literal : $ty:ty $(as $codec:ty)?
            ),* $(,)?
            // Fields that are not keys of the object (filled by a special decoder, never rendered).
            $(
                ;
                $(
                    $(#[doc = $sdoc:literal])*
                    $sfield:ident : $sty:ty
                ),* $(,)?
            )?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Default $($(, $derive)*)?)]
        #[non_exhaustive]
        $vis struct $name {
            $(
                $(#[doc = $fdoc])*
                $vis $field: $ty,
            )*
            $($(
                $(#[doc = $sdoc])*
                $vis $sfield: $sty,
            )*)?
            /// Keys this crate does not model, kept by the lenient parser so that JSON from a
            /// newer ECS survives a round trip. Always empty after a strict parse.
            $vis extra: $crate::json::decode::Extra,
        }

        impl $crate::json::decode::Record for $name {
            const KEYS: &'static [&'static str] = &[$($json),*];

            fn accept(
                &mut self,
                seen: &mut u128,
                key: &str,
                r: &mut $crate::json::decode::Reader<'_>,
                cx: &mut $crate::json::decode::Cx,
            ) -> Result<$crate::json::decode::Accepted, $crate::json::decode::Error> {
                use $crate::json::decode::{Accepted, Decode as _, Kept};
                match key {
                    $(
                        $json => {
                            type Wire = <$crate::json::record::codec!($($codec)?) as $crate::json::record::Codec<$ty>>::Wire;
                            let bit = const { $crate::json::record::key_bit(<$name as $crate::json::decode::Record>::KEYS, $json) };
                            if *seen & bit != 0 {
                                return Err(cx.fail_at($json, "duplicate key"));
                            }
                            // Only enums (and their lists) may come back as JSON: the others
                            // take the plain seed.
                            let wire = if <Wire as $crate::json::decode::Decode>::MAY_KEEP {
                                match Wire::decode_keeping(r, cx).map_err(|e| cx.in_key($json, e))? {
                                    Kept::Value(wire) => wire,
                                    // Kept as given (a value of a newer ECS), rendered from
                                    // `extra`: the key was seen, for duplicates and `finish`.
                                    Kept::Raw(raw) => {
                                        *seen |= bit;
                                        return Ok(Accepted::Kept(raw));
                                    }
                                }
                            } else {
                                Wire::decode(r, cx).map_err(|e| cx.in_key($json, e))?
                            };
                            self.$field = <$ty as $crate::json::record::Field>::present(
                                <$crate::json::record::codec!($($codec)?) as $crate::json::record::Codec<$ty>>::from_wire(wire),
                            );
                            *seen |= bit;
                            Ok(Accepted::Taken)
                        }
                    )*
                    _ => Ok(Accepted::NotMine),
                }
            }

            fn extra(&mut self) -> &mut $crate::json::decode::Extra {
                &mut self.extra
            }

            fn finish(
                &self,
                seen: u128,
                cx: &mut $crate::json::decode::Cx,
            ) -> Result<(), $crate::json::decode::Error> {
                $(
                    // An absent key leaves its field at the default, unless it is required.
                    if <$ty as $crate::json::record::Field>::REQUIRED
                        && seen & const { $crate::json::record::key_bit(<$name as $crate::json::decode::Record>::KEYS, $json) } == 0
                    {
                        return Err(cx.fail_at($json, "missing required key"));
                    }
                )*
                Ok(())
            }
        }

        impl $crate::json::decode::Decode for $name {
            fn decode(
                r: &mut $crate::json::decode::Reader<'_>,
                cx: &mut $crate::json::decode::Cx,
            ) -> Result<Self, $crate::json::decode::Error> {
                $crate::json::decode::decode_record(r, cx)
            }

            fn decode_into(
                r: &mut $crate::json::decode::Reader<'_>,
                cx: &mut $crate::json::decode::Cx,
                out: &mut Vec<Self>,
            ) -> Result<(), $crate::json::decode::Error> {
                $crate::json::decode::decode_record_into(r, cx, out)
            }
        }

        $crate::json::record::required_field!($name);

        impl $crate::json::record::Walk for $name {
            fn unknown_keys(
                &self,
                at: &$crate::path::PathCursor<'_>,
                out: &mut Vec<$crate::json::record::Unknown>,
            ) {
                if !self.extra.is_empty() {
                    for (key, value) in &self.extra {
                        out.push($crate::json::record::Unknown::in_extra::<Self>(at, key, value));
                    }
                }
                $( $crate::json::record::Walk::unknown_keys(&self.$field, &at.key($json), out); )*
                // Filled from keys of this same object (a task definition's registration).
                $($( $crate::json::record::Walk::unknown_keys(&self.$sfield, at, out); )*)?
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                $(
                    if $crate::json::record::rendered(&self.$field, $json, &self.extra) {
                        map.serialize_entry(
                            $json,
                            &$crate::json::record::Encoded::<$crate::json::record::codec!($($codec)?), $ty>::new(&self.$field),
                        )?;
                    }
                )*
                for (key, value) in &self.extra {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }

        impl $crate::json::compact::Compact for $name {
            fn compact_len(&self) -> usize {
                let (mut entries, mut len) = (0, 0);
                $(
                    if $crate::json::record::rendered(&self.$field, $json, &self.extra) {
                        // The key between quotes and a colon.
                        const KEY: usize = {
                            assert!($crate::json::compact::escapes_nothing($json), "a key to escape");
                            $json.len() + 3
                        };
                        entries += 1;
                        len += KEY + <$crate::json::record::codec!($($codec)?) as $crate::json::record::Codec<$ty>>::compact_len(&self.$field);
                    }
                )*
                for (key, value) in &self.extra {
                    entries += 1;
                    len += $crate::json::compact::key_len(key) + $crate::json::compact::Compact::compact_len(value);
                }
                $crate::json::compact::enclosed_len(entries, len)
            }

            fn write_compact(&self, out: &mut String) {
                let object = $crate::json::compact::Object::open(out);
                $(
                    if $crate::json::record::rendered(&self.$field, $json, &self.extra) {
                        object.plain_key(out, concat!("\"", $json, "\":"));
                        <$crate::json::record::codec!($($codec)?) as $crate::json::record::Codec<$ty>>::write_compact(&self.$field, out);
                    }
                )*
                for (key, value) in &self.extra {
                    object.key(out, key);
                    $crate::json::compact::Compact::write_compact(value, out);
                }
                out.push('}');
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            /// Strict: unknown keys, `null`s and wrong types are errors naming their path.
            fn deserialize<D: ::serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
                $crate::json::record::deserialize_strict(de)
            }
        }

        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn schema_id() -> ::std::borrow::Cow<'static, str> {
                concat!("ecs_model::", stringify!($name)).into()
            }

            fn json_schema(generator: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                let mut properties = ::serde_json::Map::new();
                let mut required: Vec<&str> = Vec::new();
                $(
                    let mut property = <$crate::json::record::codec!($($codec)?) as $crate::json::record::Codec<$ty>>::schema(generator);
                    let doc = $crate::json::record::doc_text(&[$($fdoc),*]);
                    if !doc.is_empty() {
                        property.insert("description".to_owned(), doc.into());
                    }
                    properties.insert($json.to_owned(), property.to_value());
                    if <$ty as $crate::json::record::Field>::REQUIRED {
                        required.push($json);
                    }
                )*
                let mut schema = ::schemars::json_schema!({
                    "type": "object",
                    "properties": properties,
                    "additionalProperties": false,
                });
                if !required.is_empty() {
                    schema.insert("required".to_owned(), required.into());
                }
                let doc = $crate::json::record::doc_text(&[$($doc),*]);
                if !doc.is_empty() {
                    schema.insert("description".to_owned(), doc.into());
                }
                schema
            }
        }
    };
}
pub(crate) use api_struct;

/// Declares a string enum of the API: strict parsing whose error lists the valid values.
macro_rules! api_enum {
    (
        $(#[doc = $doc:literal])*
        pub enum $name:ident ($what:literal) {
            $(
                $(#[doc = $vdoc:literal])*
                $variant:ident = $json:literal
            ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[doc = $vdoc])*
                #[doc = concat!("\n\nJSON: `\"", $json, "\"`.")]
                $variant,
            )*
        }

        impl $name {
            /// Every value, in the API model's order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            /// Every value as the API spells it, in the API model's order.
            pub const VALUES: &'static [&'static str] = &[$($json),*];

            /// The value as the API spells it.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $json,)*
                }
            }

            /// The value the API spells `value`, in a constant (`FromStr` reports what is
            /// wrong).
            #[must_use]
            pub const fn from_api(value: &str) -> Option<Self> {
                $(
                    if ::ecs_model_internals::enums::str_eq(value, $json) {
                        return Some(Self::$variant);
                    }
                )*
                None
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::json::record::EnumError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($json => Ok(Self::$variant),)*
                    _ => Err($crate::json::record::EnumError::new($what, s, Self::VALUES)),
                }
            }
        }

        impl $crate::json::decode::Scalar for $name {
            const EXPECTED: &'static str = concat!("a ", $what, " string");
            fn from_str(v: &str) -> Result<Self, String> {
                v.parse().map_err(|e: $crate::json::record::EnumError| e.to_string())
            }
        }

        impl $crate::json::decode::Decode for $name {
            const MAY_KEEP: bool = true;

            fn decode(
                r: &mut $crate::json::decode::Reader<'_>,
                cx: &mut $crate::json::decode::Cx,
            ) -> Result<Self, $crate::json::decode::Error> {
                $crate::json::decode::decode_scalar(r, cx)
            }

            fn decode_keeping(
                r: &mut $crate::json::decode::Reader<'_>,
                cx: &mut $crate::json::decode::Cx,
            ) -> Result<$crate::json::decode::Kept<Self>, $crate::json::decode::Error> {
                $crate::json::decode::decode_enum_keeping(r, cx)
            }

            fn raw(&self) -> ::serde_json::Value {
                ::serde_json::Value::String(self.as_str().to_owned())
            }
        }

        $crate::json::record::required_field!($name);
        impl $crate::json::record::Walk for $name {}

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        /// The values are written as constants (checked when the crate is built).
        impl $crate::json::compact::Compact for $name {
            fn compact_len(&self) -> usize {
                self.as_str().len() + 2
            }

            fn write_compact(&self, out: &mut String) {
                $crate::json::compact::quoted(out, self.as_str());
            }
        }

        const _: () = assert!($($crate::json::compact::escapes_nothing($json) &&)* true, "a value to escape");

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
                $crate::json::record::deserialize_strict(de)
            }
        }

        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn schema_id() -> ::std::borrow::Cow<'static, str> {
                concat!("ecs_model::", stringify!($name)).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "type": "string",
                    "enum": [$($json),*],
                })
            }
        }
    };
}
pub(crate) use api_enum;

/// Joins doc-comment lines into one description.
#[cfg(feature = "schema")]
pub(crate) fn doc_text(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.strip_prefix(' ').unwrap_or(line);
        if line.is_empty() {
            if !out.ends_with("\n\n") && !out.is_empty() {
                out.push_str("\n\n");
            }
        } else {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push(' ');
            }
            out.push_str(line);
        }
    }
    out.trim_end().to_owned()
}
