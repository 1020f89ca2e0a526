//! The compact JSON of a value that does not write its own ([`Compact`](super::compact)'s
//! default: `serde_json::Value`, hand-written `Serialize` impls, codecs), byte for byte what
//! `serde_json::to_string` writes: strings that need no escaping are found eight bytes at a
//! time and copied whole, where `serde_json` looks at each byte. The writer takes the shapes
//! those values have (scalars, strings, sequences, maps keyed by strings); any other refuses,
//! and the value is left to `serde_json` whole.

use serde::ser::{self, Serialize};

use super::size::needs_escape;

/// Appends the compact JSON of `value` to `out`.
pub(super) fn write<T: Serialize + ?Sized>(value: &T, out: &mut String) {
    let start = out.len();
    if value.serialize(Writer(out)).is_err() {
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

/// A float as `serde_json` writes it: `ryu`'s shortest form, or `null`.
pub(super) fn float(out: &mut String, f: f64) {
    out.push_str(&serde_json::to_string(&f).unwrap_or_default());
}

/// A shape the writer leaves to `serde_json` (a struct, an enum's variant, a map keyed by
/// something other than a string, bytes, a tuple).
#[derive(Debug)]
pub(super) struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a shape left to serde_json")
    }
}

impl std::error::Error for Refused {}

impl ser::Error for Refused {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Self
    }
}

/// Serializer methods that refuse their shape.
macro_rules! refuse {
    ($($name:ident($($arg:ty),*) -> $ok:ty;)*) => {$(
        fn $name(self, $(_: $arg),*) -> Result<$ok, Refused> {
            Err(Refused)
        }
    )*};
}

struct Writer<'a>(&'a mut String);

/// A sequence or map being written: where it starts, for the comma before every item but the
/// first.
struct Compound<'a> {
    out: &'a mut String,
    start: usize,
}

impl Compound<'_> {
    fn separate(&mut self) {
        if self.out.len() > self.start + 1 {
            self.out.push(',');
        }
    }
}

impl<'a> Writer<'a> {
    fn open(self, open: char) -> Compound<'a> {
        let start = self.0.len();
        self.0.push(open);
        Compound { out: self.0, start }
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = ser::Impossible<(), Refused>;
    type SerializeTupleStruct = ser::Impossible<(), Refused>;
    type SerializeTupleVariant = ser::Impossible<(), Refused>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = ser::Impossible<(), Refused>;
    type SerializeStructVariant = ser::Impossible<(), Refused>;

    fn serialize_bool(self, v: bool) -> Result<(), Refused> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Refused> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Refused> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Refused> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Refused> {
        signed(self.0, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Refused> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Refused> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Refused> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Refused> {
        unsigned(self.0, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Refused> {
        // serde_json writes an `f32` by its own shortest form, not the `f64`'s.
        self.0
            .push_str(&serde_json::to_string(&v).unwrap_or_default());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Refused> {
        float(self.0, v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Refused> {
        string(self.0, v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Refused> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Refused> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Refused> {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Refused> {
        Ok(self.open('['))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Refused> {
        Ok(self.open('{'))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Refused> {
        Err(Refused)
    }
    refuse! {
        serialize_char(char) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        self.separate();
        value.serialize(Writer(self.out))
    }
    fn end(self) -> Result<(), Refused> {
        self.out.push(']');
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Refused> {
        self.separate();
        key.serialize(Key(self.out))?;
        self.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        value.serialize(Writer(self.out))
    }
    fn end(self) -> Result<(), Refused> {
        self.out.push('}');
        Ok(())
    }
}

/// A map key: a string, written as one; anything else is refused.
struct Key<'a>(&'a mut String);

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = ser::Impossible<(), Refused>;
    type SerializeTuple = ser::Impossible<(), Refused>;
    type SerializeTupleStruct = ser::Impossible<(), Refused>;
    type SerializeTupleVariant = ser::Impossible<(), Refused>;
    type SerializeMap = ser::Impossible<(), Refused>;
    type SerializeStruct = ser::Impossible<(), Refused>;
    type SerializeStructVariant = ser::Impossible<(), Refused>;

    fn serialize_str(self, v: &str) -> Result<(), Refused> {
        string(self.0, v);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Refused> {
        Err(Refused)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Refused> {
        Err(Refused)
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
        serialize_char(char) -> ();
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

    /// Written after other output, which a value left to `serde_json` keeps.
    #[track_caller]
    fn same_as_serde_json<T: Serialize>(value: &T) {
        let mut out = String::from("[0,");
        write(value, &mut out);
        assert_eq!(out, format!("[0,{}", serde_json::to_string(value).unwrap()));
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
        // Refused part way through, and written by serde_json instead.
        same_as_serde_json(&Variants);
        same_as_serde_json(&('c', b"ab".as_slice(), (), Some(1u8), None::<u8>));
        same_as_serde_json(&serde_json::json!([1.5_f32, "x"]));
    }

    #[test]
    fn a_map_keyed_by_numbers_is_left_to_serde_json() {
        let map: std::collections::BTreeMap<u8, u8> = [(1, 2)].into();
        same_as_serde_json(&map);
        let floats: std::collections::BTreeMap<String, f32> = [("a".to_owned(), 0.1)].into();
        same_as_serde_json(&floats);
    }
}
