//! The lengths of compact JSON's pieces, counted rather than written (the 64 KiB limit is
//! checked on every validation, see `compact.rs`), and the escape test that the reader and the
//! writers share.

/// Whether one of the 8 bytes of `word` needs escaping (`"`, `\\` or below 0x20).
fn word_needs_escape(word: u64) -> bool {
    escape_mask(word) != 0
}

/// The high bit of each byte of `word` (little-endian) that needs escaping (`"`, `\\` or below
/// 0x20), by the usual SWAR tests for a zero byte and a byte below a bound. A borrow may also
/// mark a byte above a marked one, never below it: the lowest mark is exact.
pub(super) fn escape_mask(word: u64) -> u64 {
    use ecs_model_internals::bytes::{HIGHS, ONES};
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

/// Whether a byte of `bytes` needs escaping, eight at a time: most strings escape nothing.
#[inline]
pub(super) fn needs_escape(bytes: &[u8]) -> bool {
    ecs_model_internals::bytes::any(bytes, word_needs_escape, byte_needs_escape)
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
pub(super) fn float_len(f: f64) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_serde_json_writes() {
        // Every byte that needs escaping (and some that do not), at every position of strings
        // shorter than a word, one word, and over a word with a partial or overlapping tail.
        for special in ['"', '\\', '\n', '\u{0}', '\u{1f}', ' ', '\u{7f}', 'é'] {
            for len in 1..=25 {
                for at in 0..len {
                    let text: String = (0..len)
                        .map(|i| if i == at { special } else { 'x' })
                        .collect();
                    let written = serde_json::to_string(&text).unwrap();
                    assert_eq!(string_len(&text), written.len(), "{text:?}");
                    assert_eq!(
                        needs_escape(text.as_bytes()),
                        written.len() > text.len() + 2
                    );
                }
            }
        }
        assert_eq!(string_len(""), 2);
        for n in [0, 9, 10, 99, 100, u64::MAX] {
            assert_eq!(digits(n), n.to_string().len());
        }
        for f in [0.0, -0.0, 0.1, 1e300, -2.5e-300, f64::NAN, f64::INFINITY] {
            assert_eq!(
                float_len(f),
                serde_json::to_string(&f).unwrap().len(),
                "{f}"
            );
        }
    }
}
