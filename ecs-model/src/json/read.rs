//! The JSON reader under the model's decoders: one pass over the text, strings borrowed unless
//! they hold escapes, and syntax errors that keep their byte offset for a line and column.
//!
//! The decoders pull tokens (`peek`, `string`, `next_key`, …) instead of being called back by a
//! serde `Deserializer`: a record reads its keys in a loop and matches them in place, which
//! costs less per value than serde's visitors, and each decoder exists once rather than once per
//! deserializer type. It takes what `serde_json` takes (RFC 8259, nesting below 128) with the
//! same messages and positions (but for an exponent of more than ten digits, which `serde_json`
//! stops reading at its tenth).

use std::borrow::Cow;

use super::size::{byte_needs_escape, escape_mask};
use crate::Text;
use crate::text::{Document, INLINE};

/// Nesting this deep is refused, as `serde_json` refuses it: the decoders recurse.
const DEPTH_LIMIT: u32 = 128;

/// Why reading stopped.
#[derive(Debug)]
pub(crate) enum Error {
    /// The text is not JSON.
    Syntax(Syntax),
    /// The JSON is not the model's: the decoding context holds the message and its path.
    Shape,
}

/// A syntax error: what and where.
#[derive(Debug)]
pub(crate) struct Syntax {
    pub(crate) message: &'static str,
    /// The byte offset of the offending byte, or the text's length at its end.
    at: usize,
    /// The text ended: the column is that of the last byte.
    eof: bool,
}

impl Syntax {
    /// The line and column of the error as `serde_json` counts them: in bytes, after the
    /// offending byte (a newline there is the start of the next line, column 0).
    pub(crate) fn position(&self, text: &str) -> (usize, usize) {
        let read = (self.at + usize::from(!self.eof)).min(text.len());
        line_and_column(&text.as_bytes()[..read])
    }
}

/// The line and column after reading `before`, as `serde_json` counts them (in bytes).
pub(crate) fn line_and_column(before: &[u8]) -> (usize, usize) {
    let line = before.split(|&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, before.len() - line_start)
}

/// What the next value is, from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// A JSON number: an integer when it has no fraction or exponent and fits in 64 bits, else a
/// double.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    Int(i128),
    Float(f64),
}

/// The index of the first quote, backslash or control character at or after `i` (the end of a
/// plain run of a string), or the length of `bytes`: eight bytes at a time, since most strings
/// are plain.
#[allow(clippy::inline_always)] // see `Reader::string`
#[inline(always)]
fn plain_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(word) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let mask = escape_mask(u64::from_le_bytes(*word));
        if mask != 0 {
            return i + (mask.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(|&b| !byte_needs_escape(b)) {
        i += 1;
    }
    i
}

/// A cursor over JSON text.
pub(crate) struct Reader<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
    /// The long strings read so far, and the copy of `text` that later ones share.
    document: Document,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            at: 0,
            depth: 0,
            document: Document::default(),
        }
    }

    /// A string this reader read (a value or a key, from [`string`](Self::string) or
    /// [`next_key`](Self::next_key), never a raw span of the document) as a [`Text`]: one
    /// longer than a `Text` keeps inline and read as it is (without escapes) goes to the
    /// [`Document`], which copies it or, past the first few, lets it slice the copy of the
    /// document they share. A slice is written back without an escape scan.
    #[inline]
    pub(crate) fn text(&mut self, s: Cow<'a, str>) -> Text {
        match s {
            Cow::Borrowed(s) if s.len() <= INLINE => Text::new(s),
            Cow::Borrowed(s) => self.long_text(s),
            Cow::Owned(s) => Text::from(s),
        }
    }

    /// [`text`](Self::text) of a string too long to be inline, out of line: its callers
    /// (every record's string fields) stay small.
    #[inline(never)]
    fn long_text(&mut self, s: &'a str) -> Text {
        let start = s.as_ptr().addr().wrapping_sub(self.text.as_ptr().addr());
        // Always true of a string this reader read; a slice of something else is copied.
        let last_start = self.text.len().checked_sub(s.len());
        if last_start.is_some_and(|last| start <= last) && self.text.is_char_boundary(start) {
            self.document.slice(self.text, start, s)
        } else {
            Text::new(s)
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn byte(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn error(&self, message: &'static str) -> Error {
        self.error_at(self.at, message)
    }

    #[cold]
    fn error_at(&self, at: usize, message: &'static str) -> Error {
        if at >= self.text.len() {
            return self.eof(message);
        }
        Error::Syntax(Syntax {
            message,
            at,
            eof: false,
        })
    }

    #[cold]
    fn eof(&self, message: &'static str) -> Error {
        Error::Syntax(Syntax {
            message,
            at: self.text.len(),
            eof: true,
        })
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.byte() {
            self.at += 1;
        }
    }

    /// The kind of the next value, after any whitespace; nothing of it is read.
    pub(crate) fn peek(&mut self) -> Result<Token, Error> {
        self.skip_whitespace();
        match self.byte() {
            Some(b'{') => Ok(Token::Object),
            Some(b'[') => Ok(Token::Array),
            Some(b'"') => Ok(Token::String),
            Some(b'-' | b'0'..=b'9') => Ok(Token::Number),
            Some(b't') => Ok(Token::True),
            Some(b'f') => Ok(Token::False),
            Some(b'n') => Ok(Token::Null),
            Some(_) => Err(self.error("expected value")),
            None => Err(self.eof("EOF while parsing a value")),
        }
    }

    /// Only whitespace is left.
    pub(crate) fn end(&mut self) -> Result<(), Error> {
        self.skip_whitespace();
        match self.byte() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters")),
        }
    }

    /// Reads `true`, `false` or `null` (the token [`peek`](Self::peek) saw).
    pub(crate) fn literal(&mut self, token: Token) -> Result<(), Error> {
        let word: &[u8] = match token {
            Token::True => b"true",
            Token::False => b"false",
            _ => b"null",
        };
        for (i, &expected) in word.iter().enumerate() {
            match self.bytes().get(self.at + i) {
                Some(&b) if b == expected => {}
                Some(_) => return Err(self.error_at(self.at + i, "expected ident")),
                None => return Err(self.eof("EOF while parsing a value")),
            }
        }
        self.at += word.len();
        Ok(())
    }

    /// Reads a string (the token [`peek`](Self::peek) saw), borrowed from the text unless it
    /// has escapes.
    // Every key and most values go through here: inlined into the key reader and the scalar
    // decoders it saves a call per string, 6.5% of a parse's instructions (callgrind, large
    // document and corpus alike), which `#[inline]` alone did not get.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        let bytes = self.bytes();
        let start = self.at + 1;
        let i = plain_end(bytes, start);
        match bytes.get(i) {
            Some(b'"') => {
                self.at = i + 1;
                Ok(Cow::Borrowed(&self.text[start..i]))
            }
            Some(b'\\') => self.escaped(start, i).map(Cow::Owned),
            Some(_) => Err(self.error_at(
                i,
                "control character (\\u0000-\\u001F) found while parsing a string",
            )),
            None => Err(self.eof("EOF while parsing a string")),
        }
    }

    /// The rest of a string from its first escape at `escape`.
    #[cold]
    fn escaped(&mut self, start: usize, escape: usize) -> Result<String, Error> {
        let bytes = self.bytes();
        let mut out = String::with_capacity(escape - start + 16);
        out.push_str(&self.text[start..escape]);
        let mut i = escape;
        loop {
            match bytes.get(i) {
                Some(b'"') => {
                    self.at = i + 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let escaped = match bytes.get(i + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let (c, next) = self.unicode_escape(i)?;
                            out.push(c);
                            i = next;
                            continue;
                        }
                        Some(_) => return Err(self.error_at(i + 1, "invalid escape")),
                        None => return Err(self.eof("EOF while parsing a string")),
                    };
                    out.push(escaped);
                    i += 2;
                }
                Some(0x00..=0x1f) => {
                    return Err(self.error_at(
                        i,
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                Some(_) => {
                    // Up to the next quote or escape, whole: the text is UTF-8 already.
                    let run = plain_end(bytes, i);
                    out.push_str(&self.text[i..run]);
                    i = run;
                }
                None => return Err(self.eof("EOF while parsing a string")),
            }
        }
    }

    /// The four hex digits of `\u` at `at` (the backslash), as a UTF-16 unit.
    fn hex4(&self, at: usize) -> Result<u16, Error> {
        if self.text.len() < at + 6 {
            return Err(self.eof("EOF while parsing a string"));
        }
        let mut unit = 0u16;
        for i in at + 2..at + 6 {
            let digit = match self.bytes().get(i) {
                Some(&b) => char::from(b).to_digit(16),
                None => return Err(self.eof("EOF while parsing a string")),
            };
            match digit.and_then(|d| u16::try_from(d).ok()) {
                Some(d) => unit = unit * 16 + d,
                // Where `serde_json` says it: after the four.
                None => return Err(self.error_at(at + 5, "invalid escape")),
            }
        }
        Ok(unit)
    }

    /// A `\uXXXX` escape at `at`, with the low half of a surrogate pair after it: the
    /// character and the offset after the escape.
    fn unicode_escape(&self, at: usize) -> Result<(char, usize), Error> {
        let unit = self.hex4(at)?;
        if !(0xD800..0xDC00).contains(&unit) {
            return char::from_u32(u32::from(unit))
                .map(|c| (c, at + 6))
                .ok_or_else(|| self.error_at(at + 5, "lone leading surrogate in hex escape"));
        }
        for (i, expected) in [(at + 6, b'\\'), (at + 7, b'u')] {
            match self.bytes().get(i) {
                Some(&b) if b == expected => {}
                Some(_) => return Err(self.error_at(i, "unexpected end of hex escape")),
                None => return Err(self.eof("EOF while parsing a string")),
            }
        }
        let low = self.hex4(at + 6)?;
        if !(0xDC00..0xE000).contains(&low) {
            return Err(self.error_at(at + 11, "lone leading surrogate in hex escape"));
        }
        let c = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
        char::from_u32(c)
            .map(|c| (c, at + 12))
            .ok_or_else(|| self.error_at(at, "invalid unicode code point"))
    }

    /// Reads a number (the token [`peek`](Self::peek) saw).
    pub(crate) fn number(&mut self) -> Result<Number, Error> {
        let bytes = self.bytes();
        let start = self.at;
        // Most numbers of a task definition are ports, sizes and counts: up to 18 digits (which
        // cannot overflow an i64), no sign, no leading zero, no fraction or exponent after.
        let mut i = start;
        let mut n = 0i64;
        while let Some(&digit @ b'0'..=b'9') = bytes.get(i) {
            if i - start == 18 {
                break;
            }
            n = n * 10 + i64::from(digit - b'0');
            i += 1;
        }
        let plain = match i - start {
            0 => false,
            1 => true,
            _ => bytes[start] != b'0',
        };
        if plain && !matches!(bytes.get(i), Some(b'0'..=b'9' | b'.' | b'e' | b'E')) {
            self.at = i;
            return Ok(Number::Int(i128::from(n)));
        }
        self.number_in_full(start)
    }

    /// [`number`](Self::number) with sign, fraction, exponent and the errors.
    fn number_in_full(&mut self, start: usize) -> Result<Number, Error> {
        let bytes = self.bytes();
        let digits_from = |mut i: usize| {
            while let Some(b'0'..=b'9') = bytes.get(i) {
                i += 1;
            }
            i
        };
        let mut i = start + usize::from(bytes.get(start) == Some(&b'-'));
        i = match bytes.get(i) {
            Some(b'0') if matches!(bytes.get(i + 1), Some(b'0'..=b'9')) => {
                return Err(self.error_at(i + 1, "invalid number"));
            }
            Some(b'0') => i + 1,
            Some(b'1'..=b'9') => digits_from(i),
            Some(_) => return Err(self.error_at(i, "invalid number")),
            None => return Err(self.eof("EOF while parsing a value")),
        };
        let integer_end = i;
        let digit_at = |i: usize| match bytes.get(i) {
            Some(b'0'..=b'9') => Ok(()),
            Some(_) => Err(self.error_at(i, "invalid number")),
            None => Err(self.eof("EOF while parsing a value")),
        };
        if bytes.get(i) == Some(&b'.') {
            digit_at(i + 1)?;
            i = digits_from(i + 1);
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            digit_at(i)?;
            i = digits_from(i);
        }
        self.at = i;
        let text = &self.text[start..i];
        // As `serde_json` has them: `-0` and integers beyond 64 bits are doubles.
        if i == integer_end && text != "-0" {
            if let Ok(n) = text.parse::<i128>() {
                if i128::from(i64::MIN) <= n && n <= i128::from(u64::MAX) {
                    return Ok(Number::Int(n));
                }
            }
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Number::Float(f)),
            _ => Err(self.error_at(i - 1, "number out of range")),
        }
    }

    /// Steps into an object or an array (the token [`peek`](Self::peek) saw); read an
    /// object's keys with [`next_key`](Self::next_key), an array's elements after each
    /// [`next_item`](Self::next_item).
    pub(crate) fn begin(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth >= DEPTH_LIMIT {
            return Err(self.error("recursion limit exceeded"));
        }
        self.at += 1;
        Ok(())
    }

    /// The object's next key, its `:` read, or `None` after its `}`. `first` starts `true`.
    pub(crate) fn next_key(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>, Error> {
        self.skip_whitespace();
        if std::mem::take(first) {
            if self.byte() == Some(b'}') {
                self.close();
                return Ok(None);
            }
        } else {
            match self.byte() {
                Some(b'}') => {
                    self.close();
                    return Ok(None);
                }
                Some(b',') => {
                    self.at += 1;
                    self.skip_whitespace();
                    match self.byte() {
                        Some(b'}') => return Err(self.error("trailing comma")),
                        None => return Err(self.eof("EOF while parsing a value")),
                        Some(_) => {}
                    }
                }
                Some(_) => return Err(self.error("expected `,` or `}`")),
                None => return Err(self.eof("EOF while parsing an object")),
            }
        }
        let key = match self.byte() {
            Some(b'"') => self.string()?,
            Some(_) => return Err(self.error("key must be a string")),
            None => return Err(self.eof("EOF while parsing an object")),
        };
        self.skip_whitespace();
        match self.byte() {
            Some(b':') => self.at += 1,
            Some(_) => return Err(self.error("expected `:`")),
            None => return Err(self.eof("EOF while parsing an object")),
        }
        Ok(Some(key))
    }

    /// Whether another element follows (its `,` read), or the array ended (its `]` read).
    /// `first` starts `true`.
    pub(crate) fn next_item(&mut self, first: &mut bool) -> Result<bool, Error> {
        self.skip_whitespace();
        if std::mem::take(first) {
            return match self.byte() {
                Some(b']') => {
                    self.close();
                    Ok(false)
                }
                Some(_) => Ok(true),
                None => Err(self.eof("EOF while parsing a list")),
            };
        }
        match self.byte() {
            Some(b']') => {
                self.close();
                Ok(false)
            }
            Some(b',') => {
                self.at += 1;
                self.skip_whitespace();
                if self.byte() == Some(b']') {
                    return Err(self.error("trailing comma"));
                }
                Ok(true)
            }
            Some(_) => Err(self.error("expected `,` or `]`")),
            None => Err(self.eof("EOF while parsing a list")),
        }
    }

    /// Steps out of an object or array past its closing byte.
    fn close(&mut self) {
        self.at += 1;
        self.depth -= 1;
    }

    /// Reads any value as it is (unknown keys, timestamps).
    pub(crate) fn value(&mut self) -> Result<serde_json::Value, Error> {
        self.peek()?;
        let start = self.at;
        self.skip_value()?;
        // Checked above, so `serde_json` takes it: the rare path, no faster reader needed.
        serde_json::from_str(&self.text[start..self.at])
            .map_err(|_| self.error_at(start, "expected value"))
    }

    /// Reads past one value, checking its syntax.
    fn skip_value(&mut self) -> Result<(), Error> {
        match self.peek()? {
            Token::String => self.string().map(drop),
            Token::Number => self.number().map(drop),
            Token::Object => {
                self.begin()?;
                let mut first = true;
                while self.next_key(&mut first)?.is_some() {
                    self.skip_value()?;
                }
                Ok(())
            }
            Token::Array => {
                self.begin()?;
                let mut first = true;
                while self.next_item(&mut first)? {
                    self.skip_value()?;
                }
                Ok(())
            }
            literal => self.literal(literal),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The value of `text` as the reader takes it: a whole document, or its syntax error's
    /// message and position.
    fn read(text: &str) -> Result<serde_json::Value, (&'static str, usize, usize)> {
        let mut reader = Reader::new(text);
        reader
            .value()
            .and_then(|value| reader.end().map(|()| value))
            .map_err(|e| match e {
                Error::Syntax(syntax) => {
                    let (line, column) = syntax.position(text);
                    (syntax.message, line, column)
                }
                Error::Shape => unreachable!("no decoder ran"),
            })
    }

    /// What `serde_json` says of the same text, in the same form.
    fn serde(text: &str) -> Result<serde_json::Value, (String, usize, usize)> {
        serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m)
                .to_owned();
            (message, e.line(), e.column())
        })
    }

    fn string_of(text: &str) -> Cow<'_, str> {
        let mut reader = Reader::new(text);
        assert_eq!(reader.peek().unwrap(), Token::String);
        reader.string().unwrap()
    }

    #[test]
    fn strings_borrow_unless_escaped() {
        assert!(matches!(
            string_of(r#""plain, over a word long""#),
            Cow::Borrowed(_)
        ));
        for (text, expected) in [
            (r#""""#, ""),
            (r#""a\"b\\c\/d""#, "a\"b\\c/d"),
            (r#""\b\f\n\r\t""#, "\u{8}\u{c}\n\r\t"),
            (
                r#""\u00e9 and \u2713, then \ud83d\ude00 (an emoji)""#,
                "é and ✓, then 😀 (an emoji)",
            ),
            ("\"ünïcode ✓ stays as it is\"", "ünïcode ✓ stays as it is"),
            (r#""x\u0000y""#, "x\u{0}y"),
        ] {
            assert_eq!(string_of(text), expected, "{text}");
        }
        // A quote or an escape at every position of short and word-long strings.
        for len in 1..=20 {
            for at in 0..len {
                let inner: String = (0..len)
                    .map(|i| if i == at { "\\\"" } else { "x" })
                    .collect();
                let text = format!("\"{inner}\"");
                assert_eq!(
                    string_of(&text),
                    serde_json::from_str::<String>(&text).unwrap(),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn numbers_as_serde_json_reads_them() {
        for text in [
            "0",
            "-0",
            "7",
            "-7",
            "10",
            "0e1",
            "0.0",
            "999999999999999999",
            "1000000000000000000",
            "-999999999999999999",
            "2147483648",
            "9223372036854775807",
            "-9223372036854775808",
            "18446744073709551615",
            "100000000000000000000000000000",
            "0.5",
            "-0.5",
            "1e3",
            "1E-3",
            "1.5e+10",
            "1e300",
            "123456789.123456789",
        ] {
            let mut reader = Reader::new(text);
            reader.peek().unwrap();
            let ours = reader.number().unwrap();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            match ours {
                Number::Int(n) => {
                    let theirs = theirs
                        .as_i64()
                        .map(i128::from)
                        .or(theirs.as_u64().map(i128::from));
                    assert_eq!(Some(n), theirs, "{text}");
                }
                #[allow(clippy::float_cmp)] // the same digits must give the same double
                Number::Float(f) => assert_eq!(Some(f), theirs.as_f64(), "{text}"),
            }
        }
    }

    #[test]
    fn syntax_errors_say_what_and_where_as_serde_json_does() {
        let differ = [
            "",
            "   ",
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\": 1",
            "{\"a\": 1,}",
            "{\"a\": 1,",
            "[1, 2,]",
            "[1 2]",
            "{\"a\" 1}",
            "{1: 2}",
            "{\"a\": 1} x",
            "\"unterminated",
            "\"bad \\x escape\"",
            "\"tab\tinside\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\ud800\\u0041\"",
            "01",
            "-",
            "1.",
            "1e",
            "1e400",
            "tru",
            "nul",
            "fals",
            "[true, nulL]",
            "{\n  \"family\": \"web\",\n  \"cpu\": }",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]",
        ]
        .into_iter()
        .filter_map(|text| {
            let theirs = serde(text).expect_err(text);
            let ours = read(text).expect_err(text);
            let ours = (ours.0.to_owned(), ours.1, ours.2);
            (ours != theirs).then(|| format!("{text:?}: {ours:?}, serde_json {theirs:?}"))
        })
        .collect::<Vec<_>>();
        assert!(differ.is_empty(), "{differ:#?}");
    }

    #[test]
    fn nesting_up_to_the_limit_is_read() {
        let depth = DEPTH_LIMIT as usize - 1;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(read(&text).unwrap(), serde(&text).unwrap());
    }

    proptest! {
        /// Text made of JSON's pieces, valid or not: the reader takes exactly what serde_json
        /// takes, the same value, or the same error at the same place.
        #[test]
        fn reads_what_serde_json_reads(pieces in proptest::collection::vec(
            prop_oneof![
                Just("{"), Just("}"), Just("["), Just("]"), Just(","), Just(":"), Just(" "),
                Just("\n"), Just("\"k\""), Just("\"v\\n\\u00e9\""), Just("\"\\u"), Just("\""),
                Just("1"), Just("-0.5e3"), Just("01"), Just("true"), Just("nul"), Just("null"),
                Just("\\"), Just("é"), Just("\t"), Just("\u{1}"), Just("\\ud83d"),
                Just("\\ude00"), Just("1e400"), Just("."), Just("e"), Just("-"), Just("0"),
            ],
            0..24,
        )) {
            let text: String = pieces.concat();
            let ours = read(&text).map_err(|(m, l, c)| (m.to_owned(), l, c));
            prop_assert_eq!(ours, serde(&text), "{:?}", text);
        }
    }
}
