//! Tests over a string's bytes eight at a time (SWAR): most strings pass them, and testing a
//! byte at a time costs a branch a byte.

/// `0x01` in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
pub const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether `word` finds a byte in `bytes`, read as little-endian words of 8 bytes: the last
/// word overlaps the one before it, a string of 4 to 7 bytes is one word of its first and last
/// four bytes, and only a string of 3 bytes or fewer is tested by `byte`, one at a time.
/// Nothing is copied.
#[inline]
pub fn any(bytes: &[u8], word: impl Fn(u64) -> bool, byte: impl Fn(u8) -> bool) -> bool {
    let whole = |w: &[u8; 8]| word(u64::from_le_bytes(*w));
    if let Some(last) = bytes.last_chunk::<8>() {
        let mut rest = bytes;
        while let Some((w, tail)) = rest.split_first_chunk::<8>() {
            if tail.is_empty() {
                break; // `w` is `last`
            }
            if whole(w) {
                return true;
            }
            rest = tail;
        }
        return whole(last);
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        let half = |h: &[u8; 4]| u64::from(u32::from_le_bytes(*h));
        return word(half(first) | half(last) << 32);
    }
    bytes.iter().copied().any(byte)
}

/// Whether a byte of `word` is zero.
#[inline]
#[must_use]
pub const fn has_zero(word: u64) -> bool {
    word.wrapping_sub(ONES) & !word & HIGHS != 0
}

/// Whether a byte of `word` is `b`.
#[inline]
#[must_use]
pub const fn has_byte(word: u64, b: u8) -> bool {
    has_zero(word ^ (ONES * b as u64))
}

/// The high bit of each byte of `word` that is `b`, and no other bit: exact where the borrow of
/// [`has_zero`]'s test can also mark a byte above a match, so its bits give the places.
#[inline]
#[must_use]
pub const fn byte_mask(word: u64, b: u8) -> u64 {
    const LOW7: u64 = !HIGHS;
    let x = word ^ (ONES * b as u64);
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// Whether a byte of `word` is an ASCII capital. Every byte gets its high bit set first, so
/// subtracting a bound below 0x80 borrows from no neighbour and each byte's test is exact.
#[inline]
#[must_use]
pub const fn has_capital(word: u64) -> bool {
    let high = word | HIGHS;
    let from_a = high.wrapping_sub(ONES * b'A' as u64);
    let past_z = high.wrapping_sub(ONES * (b'Z' as u64 + 1));
    from_a & !past_z & !word & HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word of `fill` with `b` at byte `at`.
    fn word_with(fill: u8, b: u8, at: usize) -> u64 {
        let mut bytes = [fill; 8];
        bytes[at] = b;
        u64::from_le_bytes(bytes)
    }

    #[test]
    fn word_tests_are_exact_for_every_byte_at_every_place() {
        for fill in [b'a', b':', b'Z' + 1, b'A' - 1, 0xff, 0x7f, 0xc1] {
            for b in 0..=u8::MAX {
                for at in 0..8 {
                    let w = word_with(fill, b, at);
                    let fill_upper = fill.is_ascii_uppercase();
                    assert_eq!(
                        has_capital(w),
                        b.is_ascii_uppercase() || fill_upper,
                        "{b:#x} at {at} in {fill:#x}"
                    );
                    assert_eq!(has_zero(w), b == 0, "{b:#x} at {at}");
                    let colons = w.to_le_bytes().map(|x| if x == b':' { 0x80 } else { 0 });
                    assert_eq!(
                        byte_mask(w, b':'),
                        u64::from_le_bytes(colons),
                        "{b:#x} at {at}"
                    );
                    assert_eq!(
                        has_byte(w, b'='),
                        b == b'=' || fill == b'=',
                        "{b:#x} at {at}"
                    );
                }
            }
        }
    }

    #[test]
    fn any_reads_every_byte_of_every_length() {
        for len in 0..=20 {
            assert!(!any(&vec![b'a'; len], has_zero, |b| b == 0), "{len}");
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = 0;
                assert!(any(&bytes, has_zero, |b| b == 0), "{at} of {len}");
            }
        }
    }
}
