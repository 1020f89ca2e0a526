//! Words in messages: quoting values, suggesting the name a typo meant.

/// `"value"`, shortened past 60 characters so that messages stay readable.
#[must_use]
pub fn quoted(s: &str) -> String {
    match shortened(s) {
        (head, false) => format!("{head:?}"),
        (head, true) => format!("{head:?}…"),
    }
}

/// The first 60 characters of `s`, and whether anything was cut, so that a message about a
/// huge value stays short.
#[must_use]
pub fn shortened(s: &str) -> (&str, bool) {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        None => (s, false),
        Some((end, _)) => (&s[..end], true),
    }
}

/// The candidate closest to `word` if it is close enough to be a likely typo: equal ignoring
/// ASCII case, or within an edit distance of about a third of its length (at most 3).
///
/// Linear in `word`: a candidate whose length differs from the word's by more than the allowed
/// distance cannot be within it, so only candidates of about the word's length are compared.
#[must_use]
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(same);
    }
    // A word longer than every candidate by more than the largest allowed distance is far from
    // all of them: counted without allocating, before anything is compared.
    let longest = candidates
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    if word.chars().count() > longest + 3 {
        return None;
    }
    let word: Vec<char> = word.chars().map(|c| c.to_ascii_lowercase()).collect();
    let limit = (word.len() / 3).clamp(1, 3);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let other: Vec<char> = candidate.chars().map(|c| c.to_ascii_lowercase()).collect();
        if word.len().abs_diff(other.len()) > limit {
            continue;
        }
        let distance = edit_distance(&word, &other);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps
/// (`nmae` → `name` is one edit). Three rows of `b.len() + 1` cells.
#[must_use]
pub(crate) fn edit_distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut cell = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cell = cell.min(before[j - 2] + 1);
            }
            current[j] = cell;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        edit_distance(&a, &b)
    }

    #[test]
    fn suggests_near_keys_only() {
        let keys = ["containerPort", "hostPort", "protocol"];
        assert_eq!(closest("Protcol", &keys), Some("protocol"));
        assert_eq!(closest("ContainerPort", &keys), Some("containerPort"));
        assert_eq!(closest("portBindings", &keys), None);
        assert_eq!(closest(&"x".repeat(1_000_000), &keys), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("nmae", "name"), 1);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn quotes_and_shortens() {
        assert_eq!(quoted("nginx"), "\"nginx\"");
        let long = "é".repeat(61);
        assert_eq!(quoted(&long), format!("\"{}\"…", "é".repeat(60)));
    }
}
