//! Definition files as templates, in ecspresso's syntax for the functions its users rely on:
//! `` {{ env `NAME` `default` }} ``, `` {{ must_env `NAME` }} `` and `json_escape`, as a function
//! or at the end of a pipeline (`` {{ env `NOTE` | json_escape }} ``). Strings are Go's: in
//! backticks, or in double quotes with `\"` escapes.
//!
//! Anything else between braces is left as it is: Docker's log tags (`{{.Name}}`), the
//! application's references (`{{target-group:web}}`), placeholders other tools fill in. The
//! functions of ecspresso's plugins (`tfstate`, `ssm`, …) are refused by name. Lines are kept:
//! line `n` of the rendered text is line `n` of the template, so a JSON error's line is the
//! template's.

use std::fmt;

/// Why a template does not render: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TemplateError {
    /// 1-based line of the action.
    pub line: usize,
    /// 1-based column of its `{{`.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {} column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for TemplateError {}

/// ecspresso's plugin functions: refused by name rather than left in the JSON.
const UNSUPPORTED: &[&str] = &[
    "tfstate",
    "tfstatef",
    "bucket_tfstate",
    "ssm",
    "ssm_list",
    "secretsmanager_arn",
    "cfn_output",
    "cfn_export",
    "must_ssm",
];

/// `text` with each action of `env`, `must_env` and `json_escape` replaced by its value;
/// `lookup` reads an environment variable (`std::env::var(name).ok()` in a program).
///
/// # Errors
/// The first action that cannot be rendered: an unset `must_env` naming its variable, an
/// unknown or malformed pipeline, a value with a line break that is not `json_escape`d.
///
/// ```
/// use ecs_model::template::render;
/// let env = |name: &str| (name == "TAG").then(|| "v42".to_owned());
/// let out = render(r#"{"image": "web:{{ must_env `TAG` }}", "note": "{{ env `NOTE` `none` }}"}"#, &env).unwrap();
/// assert_eq!(out, r#"{"image": "web:v42", "note": "none"}"#);
/// let err = render("{\n  \"x\": \"{{ must_env `DB_URL` }}\"\n}", &env).unwrap_err();
/// assert_eq!(err.to_string(), "line 2 column 9: must_env: `DB_URL` is not set");
/// ```
pub fn render(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut consumed = 0;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return Ok(out);
        };
        let action = &after[..end];
        let at = position(text, consumed + start);
        let value = evaluate(action, lookup).map_err(|message| TemplateError {
            line: at.0,
            column: at.1,
            message,
        })?;
        if let Some(value) = value {
            if value.contains('\n') {
                return Err(TemplateError {
                    line: at.0,
                    column: at.1,
                    message: "the value has a line break, which JSON strings cannot hold: \
                              end the pipeline with `| json_escape`"
                        .to_owned(),
                });
            }
            out.push_str(&value);
            // An action over several lines leaves its lines, so that lines keep matching.
            for _ in 0..action.matches('\n').count() {
                out.push('\n');
            }
        } else {
            out.push_str("{{");
            out.push_str(action);
            out.push_str("}}");
        }
        consumed += start + 2 + end + 2;
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The 1-based line and column of byte `offset` of `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(offset, |i| offset - i - 1) + 1;
    (line, column)
}

/// One token of an action.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Text(String),
    Pipe,
    Open,
    Close,
}

fn tokens(action: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = action.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '|' => out.push(Token::Pipe),
            '(' => out.push(Token::Open),
            ')' => out.push(Token::Close),
            '`' => {
                let rest = &action[i + 1..];
                let end = rest.find('`').ok_or("a string in backticks does not end")?;
                out.push(Token::Text(rest[..end].to_owned()));
                for _ in 0..=rest[..end].chars().count() {
                    chars.next();
                }
            }
            '"' => {
                let mut text = String::new();
                let mut closed = false;
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => match chars.next() {
                            Some((_, 'n')) => text.push('\n'),
                            Some((_, 't')) => text.push('\t'),
                            Some((_, other)) => text.push(other),
                            None => break,
                        },
                        '"' => {
                            closed = true;
                            break;
                        }
                        other => text.push(other),
                    }
                }
                if !closed {
                    return Err("a string in double quotes does not end".to_owned());
                }
                out.push(Token::Text(text));
            }
            _ => {
                let mut word = String::from(c);
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_whitespace() || "|()`\"".contains(c) {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                out.push(Token::Word(word));
            }
        }
    }
    Ok(out)
}

/// The value of `action`, or `None` when it is not one of ours (left as it is).
fn evaluate(
    action: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<String>, String> {
    let first = action.split_whitespace().next().unwrap_or_default();
    if UNSUPPORTED.contains(&first) {
        return Err(format!(
            "`{first}` is a function of ecspresso's plugins, which ecs-deploy does not run: \
             put its value in an environment variable and use `must_env`"
        ));
    }
    if !["env", "must_env", "json_escape"].contains(&first) {
        return Ok(None);
    }
    let tokens = tokens(action)?;
    let mut at = 0;
    let value = pipeline(&tokens, &mut at, lookup)?;
    if at != tokens.len() {
        return Err("unexpected text after the pipeline".to_owned());
    }
    Ok(Some(value))
}

fn pipeline(
    tokens: &[Token],
    at: &mut usize,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<String, String> {
    let mut value = command(tokens, at, None, lookup)?;
    while tokens.get(*at) == Some(&Token::Pipe) {
        *at += 1;
        value = command(tokens, at, Some(value), lookup)?;
    }
    Ok(value)
}

fn command(
    tokens: &[Token],
    at: &mut usize,
    piped: Option<String>,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<String, String> {
    let Some(Token::Word(function)) = tokens.get(*at).cloned() else {
        return Err("a pipeline starts with a function".to_owned());
    };
    *at += 1;
    let mut args = Vec::new();
    loop {
        match tokens.get(*at) {
            Some(Token::Text(text)) => {
                args.push(text.clone());
                *at += 1;
            }
            Some(Token::Open) => {
                *at += 1;
                args.push(pipeline(tokens, at, lookup)?);
                if tokens.get(*at) != Some(&Token::Close) {
                    return Err("`(` without `)`".to_owned());
                }
                *at += 1;
            }
            _ => break,
        }
    }
    args.extend(piped);
    match (function.as_str(), args.as_slice()) {
        ("env", [name]) => Ok(lookup(name).unwrap_or_default()),
        ("env", [name, default]) => Ok(lookup(name).unwrap_or_else(|| default.clone())),
        ("must_env", [name]) => {
            lookup(name).ok_or_else(|| format!("must_env: `{name}` is not set"))
        }
        ("json_escape", [value]) => Ok(json_escape(value)),
        ("env" | "must_env" | "json_escape", _) => Err(format!(
            "{function} takes {}, not {} argument(s)",
            match function.as_str() {
                "env" => "a name and an optional default",
                "must_env" => "a name",
                _ => "one value",
            },
            args.len()
        )),
        (other, _) => Err(format!(
            "`{other}` is not a template function ecs-deploy knows (env, must_env, json_escape)"
        )),
    }
}

/// `value` escaped for the inside of a JSON string (what `json.Marshal` writes, without the
/// quotes).
fn json_escape(value: &str) -> String {
    let quoted = serde_json::Value::String(value.to_owned()).to_string();
    quoted[1..quoted.len() - 1].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "TAG" => Some("v42".into()),
            "NOTE" => Some("say \"hi\"\nthen go".to_owned()),
            _ => None,
        }
    }

    #[test]
    fn renders_what_ecspresso_users_write() {
        let cases = [
            ("{{ env `TAG` `latest` }}", "v42"),
            ("{{ env `MISSING` `latest` }}", "latest"),
            ("{{ env `MISSING` }}", ""),
            ("{{must_env `TAG`}}", "v42"),
            ("{{ env \"TAG\" }}", "v42"),
            ("{{ env `NOTE` | json_escape }}", "say \\\"hi\\\"\\nthen go"),
            (
                "{{ json_escape (must_env `NOTE`) }}",
                "say \\\"hi\\\"\\nthen go",
            ),
            // Not ours: left as written.
            ("{{.Name}}", "{{.Name}}"),
            ("{{target-group:web-tg}}", "{{target-group:web-tg}}"),
            ("{{region}}", "{{region}}"),
            (
                "{{ index .ContainerLabels \"x\" }}",
                "{{ index .ContainerLabels \"x\" }}",
            ),
        ];
        for (template, want) in cases {
            assert_eq!(render(template, &env).as_deref(), Ok(want), "{template}");
        }
    }

    #[test]
    fn says_where_and_why_it_does_not_render() {
        let at = |text: &str| render(text, &env).unwrap_err();
        let e = at("{\n  \"a\": 1,\n    \"b\": \"{{ must_env `DB_URL` }}\"\n}");
        assert_eq!((e.line, e.column), (3, 11));
        assert_eq!(e.message, "must_env: `DB_URL` is not set");
        assert!(
            at("{{ tfstate `aws_vpc.main.id` }}")
                .message
                .contains("ecspresso's plugins")
        );
        assert!(at("{{ env `NOTE` }}").message.contains("json_escape"));
        assert!(
            at("{{ env }}")
                .message
                .contains("a name and an optional default")
        );
        assert!(
            at("{{ env `A` | upper }}")
                .message
                .contains("`upper` is not a template function")
        );
        assert!(at("{{ env `A }}").message.contains("does not end"));
        // Lines are kept, also past an action over two lines.
        let out = render("{{ env\n`TAG` }}\nnext", &env).unwrap();
        assert_eq!(out, "v42\n\nnext");
    }
}
