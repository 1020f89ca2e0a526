//! The length of a value's compact JSON, counted rather than written: the 64 KiB limit is
//! checked on every validation, and counting skips the escaping and copying of a render.

use serde::ser::{self, Serialize};

/// The number of bytes `serde_json::to_string(value)` would produce.
pub(super) fn rendered_len<T: Serialize + ?Sized>(value: &T) -> usize {
    value.serialize(Counter).unwrap_or(0)
}

/// Whether one of the 8 bytes of `word` needs escaping (`"`, `\\` or below 0x20).
fn word_needs_escape(word: u64) -> bool {
    escape_mask(word) != 0
}

/// The high bit of each byte of `word` (little-endian) that needs escaping (`"`, `\\` or below
/// 0x20), by the usual SWAR tests for a zero byte and a byte below a bound. A borrow may also
/// mark a byte above a marked one, never below it: the lowest mark is exact.
pub(super) fn escape_mask(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    below_space | zero(quote) | zero(backslash)
}

/// The bytes of a JSON string: quotes, escapes as `serde_json` writes them.
pub(super) fn string_len(s: &str) -> usize {
    if !needs_escape(s.as_bytes()) {
        return s.len() + 2;
    }
    let extra: usize = s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
            0x00..=0x1f => 5,
            _ => 0,
        })
        .sum();
    s.len() + extra + 2
}

/// Whether a byte of `bytes` needs escaping, eight at a time: most strings escape nothing. The
/// last word overlaps the one before it, and a string of 4 to 7 bytes is tested as one word of
/// its first and last four bytes, so only a string of 3 bytes or fewer is tested a byte at a
/// time and nothing is copied.
#[inline]
pub(super) fn needs_escape(bytes: &[u8]) -> bool {
    let word = |w: &[u8; 8]| word_needs_escape(u64::from_le_bytes(*w));
    if let Some(last) = bytes.last_chunk::<8>() {
        let mut rest = bytes;
        while let Some((w, tail)) = rest.split_first_chunk::<8>() {
            if tail.is_empty() {
                break; // `w` is `last`
            }
            if word(w) {
                return true;
            }
            rest = tail;
        }
        return word(last);
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        let half = |h: &[u8; 4]| u64::from(u32::from_le_bytes(*h));
        return word_needs_escape(half(first) | half(last) << 32);
    }
    bytes.iter().copied().any(byte_needs_escape)
}

/// Whether JSON escapes this byte: a quote, a backslash or a control character.
pub(super) const fn byte_needs_escape(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

pub(super) fn digits(mut n: u64) -> usize {
    let mut count = 1;
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

/// The length of what `serde_json` writes for a float (`ryu`'s shortest form, or `null`).
fn float_len(f: f64) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, &f);
    count.0
}

/// Counting never fails, and writing (`write.rs`) only refuses a map key that is not a string;
/// the error type satisfies `serde`.
#[derive(Debug)]
pub(crate) struct NotAString;

impl std::fmt::Display for NotAString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a map key that is not a string")
    }
}

impl std::error::Error for NotAString {}

impl ser::Error for NotAString {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Self
    }
}

struct Counter;

/// A sequence, map or struct being counted: its length so far and whether an item was seen.
struct Compound {
    len: usize,
    first: bool,
}

/// A variant with content: `{"variant":…}`.
struct Variant {
    name: usize,
    inner: Compound,
}

impl Compound {
    fn new() -> Self {
        Self {
            len: 1,
            first: true,
        }
    }

    /// A separator before every item but the first.
    fn item(&mut self, len: usize) {
        self.len += len + usize::from(!self.first);
        self.first = false;
    }

    fn end(self) -> usize {
        self.len + 1
    }
}

impl ser::Serializer for Counter {
    type Ok = usize;
    type Error = NotAString;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Variant;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Variant;

    fn serialize_bool(self, v: bool) -> Result<usize, NotAString> {
        Ok(if v { 4 } else { 5 })
    }
    fn serialize_i8(self, v: i8) -> Result<usize, NotAString> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<usize, NotAString> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<usize, NotAString> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<usize, NotAString> {
        Ok(digits(v.unsigned_abs()) + usize::from(v < 0))
    }
    fn serialize_u8(self, v: u8) -> Result<usize, NotAString> {
        Ok(digits(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<usize, NotAString> {
        Ok(digits(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<usize, NotAString> {
        Ok(digits(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<usize, NotAString> {
        Ok(digits(v))
    }
    fn serialize_f32(self, v: f32) -> Result<usize, NotAString> {
        Ok(float_len(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<usize, NotAString> {
        Ok(float_len(v))
    }
    fn serialize_char(self, v: char) -> Result<usize, NotAString> {
        Ok(string_len(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<usize, NotAString> {
        Ok(string_len(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<usize, NotAString> {
        Ok(2 + v.iter().map(|b| digits((*b).into())).sum::<usize>() + v.len().saturating_sub(1))
    }
    fn serialize_none(self) -> Result<usize, NotAString> {
        Ok(4)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<usize, NotAString> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<usize, NotAString> {
        Ok(4)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<usize, NotAString> {
        Ok(4)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<usize, NotAString> {
        Ok(string_len(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<usize, NotAString> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<usize, NotAString> {
        Ok(string_len(variant) + value.serialize(self)? + 3)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound, NotAString> {
        Ok(Compound::new())
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound, NotAString> {
        Ok(Compound::new())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound, NotAString> {
        Ok(Compound::new())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant, NotAString> {
        Ok(Variant {
            name: string_len(variant),
            inner: Compound::new(),
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound, NotAString> {
        Ok(Compound::new())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound, NotAString> {
        Ok(Compound::new())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant, NotAString> {
        Ok(Variant {
            name: string_len(variant),
            inner: Compound::new(),
        })
    }
}

impl ser::SerializeSeq for Compound {
    type Ok = usize;
    type Error = NotAString;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotAString> {
        self.item(value.serialize(Counter)?);
        Ok(())
    }
    fn end(self) -> Result<usize, NotAString> {
        Ok(Compound::end(self))
    }
}

impl ser::SerializeTuple for Compound {
    type Ok = usize;
    type Error = NotAString;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotAString> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<usize, NotAString> {
        Ok(Compound::end(self))
    }
}

impl ser::SerializeTupleStruct for Compound {
    type Ok = usize;
    type Error = NotAString;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotAString> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<usize, NotAString> {
        Ok(Compound::end(self))
    }
}

impl ser::SerializeTupleVariant for Variant {
    type Ok = usize;
    type Error = NotAString;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotAString> {
        ser::SerializeSeq::serialize_element(&mut self.inner, value)
    }
    fn end(self) -> Result<usize, NotAString> {
        // `{"variant":[…]}`
        Ok(self.name + self.inner.end() + 3)
    }
}

impl ser::SerializeMap for Compound {
    type Ok = usize;
    type Error = NotAString;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotAString> {
        // The key, quoted (numbers are quoted too), then a colon.
        self.item(key.serialize(KeyLen)? + 1);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotAString> {
        self.len += value.serialize(Counter)?;
        Ok(())
    }
    fn end(self) -> Result<usize, NotAString> {
        Ok(Compound::end(self))
    }
}

impl ser::SerializeStruct for Compound {
    type Ok = usize;
    type Error = NotAString;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotAString> {
        self.item(string_len(key) + 1 + value.serialize(Counter)?);
        Ok(())
    }
    fn end(self) -> Result<usize, NotAString> {
        Ok(Compound::end(self))
    }
}

impl ser::SerializeStructVariant for Variant {
    type Ok = usize;
    type Error = NotAString;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotAString> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Result<usize, NotAString> {
        // `{"variant":{…}}`
        Ok(self.name + self.inner.end() + 3)
    }
}

/// The length of a map key as `serde_json` writes it: strings as strings, numbers quoted.
struct KeyLen;

macro_rules! quoted_number {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method(self, v: $ty) -> Result<usize, NotAString> {
            Ok(Counter.$method(v)? + 2)
        }
    )*};
}

macro_rules! not_a_key {
    ($($method:ident($($ty:ty),*)),* $(,)?) => {$(
        fn $method(self, $(_: $ty),*) -> Result<usize, NotAString> {
            Err(NotAString)
        }
    )*};
}

impl ser::Serializer for KeyLen {
    type Ok = usize;
    type Error = NotAString;
    type SerializeSeq = ser::Impossible<usize, NotAString>;
    type SerializeTuple = ser::Impossible<usize, NotAString>;
    type SerializeTupleStruct = ser::Impossible<usize, NotAString>;
    type SerializeTupleVariant = ser::Impossible<usize, NotAString>;
    type SerializeMap = ser::Impossible<usize, NotAString>;
    type SerializeStruct = ser::Impossible<usize, NotAString>;
    type SerializeStructVariant = ser::Impossible<usize, NotAString>;

    fn serialize_str(self, v: &str) -> Result<usize, NotAString> {
        Ok(string_len(v))
    }
    fn serialize_char(self, v: char) -> Result<usize, NotAString> {
        Counter.serialize_char(v)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<usize, NotAString> {
        Ok(string_len(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<usize, NotAString> {
        value.serialize(self)
    }
    quoted_number!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
    );
    not_a_key!(
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    );
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<usize, NotAString> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<usize, NotAString> {
        Err(NotAString)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAString> {
        Err(NotAString)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAString> {
        Err(NotAString)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAString> {
        Err(NotAString)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAString> {
        Err(NotAString)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAString> {
        Err(NotAString)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, NotAString> {
        Err(NotAString)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAString> {
        Err(NotAString)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn counts_what_serde_json_writes() {
        let values = [
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(-7),
            json!(1_234_567_890_123_u64),
            json!(i64::MIN),
            json!(0.1),
            json!(1e300),
            json!(""),
            json!("a \"quoted\" \\ path\n\twith\u{1}control and ünïcode ✓"),
            json!([]),
            json!([1, [2, [3]], {"a": []}]),
            json!({}),
            json!({"k": "v", "nested": {"x": [true, null], "y": {}}, "\"odd key\"": 1}),
        ];
        for value in values {
            assert_eq!(
                rendered_len(&value),
                serde_json::to_string(&value).unwrap().len(),
                "{value}"
            );
        }
        // Every byte that needs escaping (and some that do not), at every position of strings
        // shorter than a word, one word, and over a word with a partial or overlapping tail.
        for special in ['"', '\\', '\n', '\u{0}', '\u{1f}', ' ', '\u{7f}', 'é'] {
            for len in 1..=25 {
                for at in 0..len {
                    let text: String = (0..len)
                        .map(|i| if i == at { special } else { 'x' })
                        .collect();
                    assert_eq!(
                        rendered_len(&text),
                        serde_json::to_string(&text).unwrap().len(),
                        "{text:?}"
                    );
                }
            }
        }
        let map: std::collections::BTreeMap<u32, &str> = [(1, "a"), (22, "b")].into();
        assert_eq!(
            rendered_len(&map),
            serde_json::to_string(&map).unwrap().len()
        );
    }
}
