//! Compact JSON, byte for byte what `serde_json::to_string` writes, faster: strings that need no
//! escaping (nearly all of a task definition's) are found eight bytes at a time and copied
//! whole, where `serde_json` looks at each byte. Anything else is `serde_json`'s own writing.

use serde::ser::{self, Serialize};

use super::size::{NotAString, needs_escape};

/// Appends the compact JSON of `value` to `out`: the default of
/// [`Compact`](super::compact::Compact), for the values that do not write themselves.
pub(super) fn write<T: Serialize + ?Sized>(value: &T, out: &mut String) {
    let start = out.len();
    if value.serialize(Writer(out)).is_err() {
        // A map key that is not a string (the model has none): serde_json's own rendering.
        out.truncate(start);
        out.push_str(&serde_json::to_string(value).unwrap_or_default());
    }
}

/// `s` as a JSON string.
pub(super) fn string(out: &mut String, s: &str) {
    if needs_escape(s.as_bytes()) {
        // The rare string with quotes, backslashes or control characters: serde_json's
        // escapes, so the output stays its output.
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    } else {
        super::compact::quoted(out, s);
    }
}

fn unsigned(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        // `n % 10` is below 10: the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (n % 10) as u8;
        digits[at] = b'0' + digit;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

pub(super) fn signed(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    unsigned(out, n.unsigned_abs());
}

struct Writer<'a>(&'a mut String);

/// A sequence or map being written: whether an item was written yet.
struct Compound<'a> {
    out: &'a mut String,
    first: bool,
    /// The closing bytes: `]`, `}`, or `]}` / `}}` after a variant's content.
    close: &'static str,
}

impl Compound<'_> {
    fn separate(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    fn end(self) {
        self.out.push_str(self.close);
    }
}

impl<'a> Writer<'a> {
    fn open(self, open: &str, close: &'static str) -> Compound<'a> {
        self.0.push_str(open);
        Compound {
            out: self.0,
            first: true,
            close,
        }
    }

    /// `{"variant":` before a variant's content.
    fn variant(&mut self, variant: &str) {
        self.0.push('{');
        string(self.0, variant);
        self.0.push(':');
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = NotAString;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), NotAString> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), NotAString> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), NotAString> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), NotAString> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), NotAString> {
        signed(self.0, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), NotAString> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), NotAString> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), NotAString> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), NotAString> {
        unsigned(self.0, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), NotAString> {
        self.0
            .push_str(&serde_json::to_string(&v).unwrap_or_default());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), NotAString> {
        self.0
            .push_str(&serde_json::to_string(&v).unwrap_or_default());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), NotAString> {
        string(self.0, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), NotAString> {
        string(self.0, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), NotAString> {
        let mut seq = self.open("[", "]");
        for byte in v {
            seq.separate();
            unsigned(seq.out, (*byte).into());
        }
        seq.end();
        Ok(())
    }
    fn serialize_none(self) -> Result<(), NotAString> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), NotAString> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), NotAString> {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), NotAString> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), NotAString> {
        string(self.0, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), NotAString> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), NotAString> {
        self.variant(variant);
        value.serialize(Writer(self.0))?;
        self.0.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, NotAString> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, NotAString> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, NotAString> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, NotAString> {
        self.variant(variant);
        Ok(self.open("[", "]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, NotAString> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, NotAString> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, NotAString> {
        self.variant(variant);
        Ok(self.open("{", "}}"))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = NotAString;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotAString> {
        self.separate();
        value.serialize(Writer(self.out))
    }
    fn end(self) -> Result<(), NotAString> {
        Compound::end(self);
        Ok(())
    }
}

/// Tuples, tuple structs and tuple variants are written as sequences.
macro_rules! like_a_sequence {
    ($($trait:ident $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = NotAString;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotAString> {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Result<(), NotAString> {
                Compound::end(self);
                Ok(())
            }
        }
    )*};
}
like_a_sequence!(
    SerializeTuple serialize_element,
    SerializeTupleStruct serialize_field,
    SerializeTupleVariant serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = NotAString;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotAString> {
        self.separate();
        key.serialize(Key(self.out))?;
        self.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotAString> {
        value.serialize(Writer(self.out))
    }
    fn end(self) -> Result<(), NotAString> {
        Compound::end(self);
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = NotAString;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotAString> {
        self.separate();
        string(self.out, key);
        self.out.push(':');
        value.serialize(Writer(self.out))
    }
    fn end(self) -> Result<(), NotAString> {
        Compound::end(self);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = NotAString;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotAString> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), NotAString> {
        Compound::end(self);
        Ok(())
    }
}

/// A map key: a string, written as one; anything else is refused (the model's maps are keyed by
/// strings), and the caller falls back to `serde_json`.
struct Key<'a>(&'a mut String);

macro_rules! refuse {
    ($($name:ident($($arg:ty),*) -> $ok:ty;)*) => {$(
        fn $name(self, $(_: $arg),*) -> Result<$ok, NotAString> {
            Err(NotAString)
        }
    )*};
}

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = NotAString;
    type SerializeSeq = ser::Impossible<(), NotAString>;
    type SerializeTuple = ser::Impossible<(), NotAString>;
    type SerializeTupleStruct = ser::Impossible<(), NotAString>;
    type SerializeTupleVariant = ser::Impossible<(), NotAString>;
    type SerializeMap = ser::Impossible<(), NotAString>;
    type SerializeStruct = ser::Impossible<(), NotAString>;
    type SerializeStructVariant = ser::Impossible<(), NotAString>;

    fn serialize_str(self, v: &str) -> Result<(), NotAString> {
        string(self.0, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), NotAString> {
        string(self.0, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), NotAString> {
        value.serialize(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), NotAString> {
        Err(NotAString)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), NotAString> {
        Err(NotAString)
    }
    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written<T: Serialize>(value: &T) -> String {
        let mut out = String::new();
        write(value, &mut out);
        out
    }

    #[track_caller]
    fn same_as_serde_json<T: Serialize>(value: &T) {
        assert_eq!(written(value), serde_json::to_string(value).unwrap());
    }

    /// One variant of each shape, as a derived `Serialize` writes it.
    struct Variant(u32);
    impl Serialize for Variant {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::{SerializeStructVariant, SerializeTupleVariant};
            match self.0 {
                0 => s.serialize_unit_variant("E", 0, "Unit"),
                1 => s.serialize_newtype_variant("E", 1, "Newtype", &1u8),
                2 => {
                    let mut t = s.serialize_tuple_variant("E", 2, "Tuple", 2)?;
                    t.serialize_field(&2u8)?;
                    t.serialize_field("x")?;
                    t.end()
                }
                _ => {
                    let mut t = s.serialize_struct_variant("E", 3, "Struct", 1)?;
                    t.serialize_field("a", &3u8)?;
                    t.end()
                }
            }
        }
    }

    /// The variants' shapes, as a derived `Serialize` writes them.
    struct Variants;

    impl Serialize for Variants {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::SerializeSeq;
            let mut seq = s.serialize_seq(Some(4))?;
            seq.serialize_element(&Variant(0))?;
            seq.serialize_element(&Variant(1))?;
            seq.serialize_element(&Variant(2))?;
            seq.serialize_element(&Variant(3))?;
            seq.end()
        }
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let value = serde_json::json!({
            "plain": "nginx:1.27", "empty": "", "unicode": "한국어 ✓ 😀",
            "escapes": "a\"b\\c\nd\te\u{1}f\u{7f}", "long": "x".repeat(100) + "\"",
            "ints": [0, 7, -1, 42, i64::MIN, i64::MAX, u64::MAX],
            "floats": [0.5, 1e300, -2.25, 100.0], "flags": [true, false, null],
            "nested": {"a": [], "b": {}, "c": [{"d": 1}]},
        });
        same_as_serde_json(&value);
        for length in 0..20 {
            same_as_serde_json(&"a".repeat(length));
            same_as_serde_json(&format!("{}\"", "a".repeat(length)));
        }
        same_as_serde_json(&Variants);
        same_as_serde_json(&('c', b"ab".as_slice(), (), Some(1u8), None::<u8>));
    }

    #[test]
    fn a_map_keyed_by_numbers_is_left_to_serde_json() {
        let map: std::collections::BTreeMap<u8, u8> = [(1, 2)].into();
        let mut out = String::from("[");
        write(&map, &mut out);
        assert_eq!(out, r#"[{"1":2}"#);
    }
}
