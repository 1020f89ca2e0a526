//! botocore's HTML documentation as one sentence of rustdoc Markdown.

/// Longer first sentences are cut at a word and end in `…`.
const MAX_SENTENCE: usize = 300;

/// Width of a generated line.
const WIDTH: usize = 100;

/// Words clippy's `doc_markdown` accepts without backticks (its defaults the docs use, and
/// `clippy.toml`'s).
const PRODUCT_NAMES: &[&str] = &[
    "CloudWatch",
    "CloudFormation",
    "CodeDeploy",
    "DynamoDB",
    "EventBridge",
    "FireLens",
    "FSx",
    "GitHub",
    "IPv4",
    "IPv6",
    "OpenID",
    "OpenTelemetry",
    "PascalCase",
    "IdP",
    "CoIP",
    "ELBv2",
    "SELinux",
    "AppArmor",
];

/// The first sentence of an HTML documentation string, as Markdown; `None` when there is none.
pub(crate) fn first_sentence(html: &str) -> Option<String> {
    let text = markdown(first_paragraph(html));
    let sentence = cut_sentence(&text);
    let sentence = sentence.trim();
    if sentence.is_empty() {
        return None;
    }
    let mut sentence = truncate(sentence);
    if !sentence.ends_with(['.', '…', '?', '!', ':']) {
        sentence.push('.');
    }
    Some(sentence)
}

/// The HTML of the first `<p>` (or all of it when it has no paragraphs).
fn first_paragraph(html: &str) -> &str {
    let html = html.trim();
    match html.find("</p>") {
        Some(end) => &html[..end],
        None => html,
    }
}

/// Inline HTML as Markdown: `<code>` as backticks, other tags dropped, entities decoded, text
/// that Markdown would read as markup escaped, and whitespace collapsed.
fn markdown(html: &str) -> String {
    inline(html, false)
}

/// [`markdown`], or inside a code span (`in_code`): the text alone, nothing escaped.
fn inline(html: &str, in_code: bool) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let tag = rest[1..end].trim().to_ascii_lowercase();
            rest = &rest[end + 1..];
            if in_code {
                continue;
            }
            if tag == "code" || tag.starts_with("code ") {
                let close = rest.find("</code>").unwrap_or(rest.len());
                let code = inline(&rest[..close], true);
                rest = rest.get(close + "</code>".len()..).unwrap_or_default();
                if !code.is_empty() {
                    // A backtick inside code would end the span.
                    out.push('`');
                    out.push_str(&code.replace('`', "'"));
                    out.push('`');
                }
            } else {
                out.push(' ');
            }
            continue;
        }
        let (decoded, len) = entity(rest).unwrap_or((c, c.len_utf8()));
        if !in_code && matches!(decoded, '[' | ']' | '<' | '>' | '*' | '`' | '\\') {
            out.push('\\');
        }
        out.push(decoded);
        rest = &rest[len..];
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The character an HTML entity at the start of `text` stands for, and the entity's length.
fn entity(text: &str) -> Option<(char, usize)> {
    if !text.starts_with('&') {
        return None;
    }
    let end = text[..text.len().min(8)].find(';')?;
    let c = match &text[1..end] {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => ' ',
        _ => return None,
    };
    Some((c, end + 1))
}

/// Text up to the end of its first sentence: a `.` outside code followed by a space, not after
/// an abbreviation.
fn cut_sentence(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut in_code = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'`' if i == 0 || bytes[i - 1] != b'\\' => in_code = !in_code,
            b'.' if !in_code && bytes.get(i + 1) == Some(&b' ') => {
                let word = text[..i].rsplit(' ').next().unwrap_or_default();
                let abbreviation = matches!(word, "e.g" | "i.e" | "etc" | "vs" | "Inc" | "U.S");
                let next_upper = text[i + 2..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c == '`' || c == '(');
                if !abbreviation && next_upper {
                    return &text[..=i];
                }
            }
            _ => {}
        }
    }
    text
}

/// A sentence of at most [`MAX_SENTENCE`] characters, cut at a space outside code.
fn truncate(sentence: &str) -> String {
    if sentence.chars().count() <= MAX_SENTENCE {
        return sentence.to_owned();
    }
    let mut in_code = false;
    let mut cut = 0;
    for (count, (i, c)) in sentence.char_indices().enumerate() {
        if count > MAX_SENTENCE {
            break;
        }
        match c {
            '`' => in_code = !in_code,
            ' ' if !in_code => cut = i,
            _ => {}
        }
    }
    let head = sentence[..cut].trim_end_matches([',', ';', ':', ' ', '(']);
    format!("{head}…")
}

/// Writes `text` as `///` lines indented by `indent`, wrapped at [`WIDTH`], never starting a line
/// with something Markdown reads as a list, a heading or a quote.
pub(crate) fn write(out: &mut String, indent: usize, text: &str) {
    write_prefixed(out, &format!("{}/// ", " ".repeat(indent)), text);
}

/// Writes `text` as lines that start with `prefix` (`//! `), wrapped as [`write()`] does.
pub(crate) fn write_prefixed(out: &mut String, prefix: &str, text: &str) {
    for (n, paragraph) in text.split("\n\n").enumerate() {
        if n > 0 {
            out.push_str(prefix.trim_end());
            out.push('\n');
        }
        let mut line = String::new();
        for word in words(paragraph) {
            let word = backticked(&word);
            let fits = prefix.len() + line.chars().count() + 1 + word.chars().count() <= WIDTH;
            let starts_markup = word.starts_with(['-', '+', '#', '>', '|', '='])
                || (word.ends_with(['.', ')']) && word[..word.len() - 1].parse::<u64>().is_ok());
            if line.is_empty() || fits || starts_markup {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
            } else {
                out.push_str(prefix);
                out.push_str(&line);
                out.push('\n');
                line = word;
            }
        }
        if !line.is_empty() {
            out.push_str(prefix);
            out.push_str(&line);
            out.push('\n');
        }
    }
}

/// The words of a paragraph; a code span with spaces stays one word.
fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_code = false;
    let mut escaped = false;
    for c in text.chars() {
        if c == ' ' && !in_code {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c == '`' && !escaped {
            in_code = !in_code;
        }
        escaped = c == '\\' && !escaped;
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// A word clippy's `doc_markdown` would take for code (`CamelCase`, `snake_case`), in backticks.
fn backticked(word: &str) -> String {
    if word.contains('`') || word.contains('\\') {
        return word.to_owned();
    }
    let core = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
    if core.is_empty() || PRODUCT_NAMES.contains(&core) {
        return word.to_owned();
    }
    let chars: Vec<char> = core.chars().collect();
    let camel = chars
        .windows(2)
        .any(|w| w[0].is_lowercase() && w[1].is_uppercase())
        && chars.iter().skip(1).any(|c| c.is_lowercase());
    let snake = core.contains('_') && !core.starts_with('_') && !core.ends_with('_');
    if !(camel || snake) || core.contains("://") {
        return word.to_owned();
    }
    word.replacen(core, &format!("`{core}`"), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_becomes_backticks_and_the_first_sentence_is_kept() {
        let html = "<p>The <code>family</code> and <code>revision</code> \
                    (<code>family:revision</code>) or full ARN of the task definition. If a \
                    <code>revision</code> isn't specified, the latest is used.</p> <p>More.</p>";
        assert_eq!(
            first_sentence(html).unwrap(),
            "The `family` and `revision` (`family:revision`) or full ARN of the task definition."
        );
    }

    #[test]
    fn abbreviations_do_not_end_a_sentence_and_markup_is_escaped() {
        let html = "<p>A name, e.g. <code>web</code>, of [a-z] &lt;chars&gt;. Then more.</p>";
        assert_eq!(
            first_sentence(html).unwrap(),
            "A name, e.g. `web`, of \\[a-z\\] \\<chars\\>."
        );
    }

    #[test]
    fn long_sentences_are_cut_at_a_word() {
        let html = format!("<p>{}</p>", "word ".repeat(100));
        let sentence = first_sentence(&html).unwrap();
        assert!(sentence.ends_with("word…"), "{sentence}");
        assert!(sentence.chars().count() <= MAX_SENTENCE + 1);
    }

    #[test]
    fn camel_case_words_are_code_and_product_names_are_not() {
        assert_eq!(backticked("DescribeServices,"), "`DescribeServices`,");
        assert_eq!(backticked("CloudWatch"), "CloudWatch");
        assert_eq!(backticked("ECS_AVAILABLE"), "`ECS_AVAILABLE`");
        assert_eq!(backticked("Amazon"), "Amazon");
    }

    #[test]
    fn lines_wrap_at_the_width_and_never_start_a_list() {
        let mut out = String::new();
        write(
            &mut out,
            8,
            &format!("{} - not a list", "word ".repeat(17).trim()),
        );
        for line in out.lines() {
            assert!(line.len() <= WIDTH || line.contains(" - "), "{line}");
            assert!(!line.trim_start().starts_with("/// -"), "{out}");
        }
    }
}
