//! The document root: register-task-definition input, or describe-task-definition output,
//! bare or wrapped in `{"taskDefinition": …, "tags": […]}`.

use super::{Registration, TaskDefinition};
use std::borrow::Cow;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::ParseError;
use crate::json::decode::{
    Accepted, Cx, Decode, Error, Reader, Record, Token, keep, open, take_unknown,
};
use crate::json::read::line_and_column;
use crate::json::{Decoded, Lenient, Mode, unknown_key_diagnostics};
use crate::path::PathCursor;
use crate::path::json_path;
use crate::tag::Tag;

/// What the root of a document held.
struct Document {
    definition: TaskDefinition,
    /// `{"taskDefinition": …}`: paths inside start with `taskDefinition`.
    wrapped: bool,
    /// A wrapped definition carried `tags` inside `taskDefinition`, where describe output
    /// never puts them (ecspresso writes them there).
    tags_inside: bool,
}

/// Reads a document from text.
pub(super) fn parse_str(json: &str, mode: Mode) -> Result<Lenient<TaskDefinition>, ParseError> {
    let Decoded {
        value,
        kept_unknown,
    } = crate::json::decode_document(json, mode)?;
    diagnose(value, kept_unknown, mode)
}

/// Reads a document from bytes, which must be UTF-8 as JSON is.
pub(super) fn parse_slice(json: &[u8], mode: Mode) -> Result<Lenient<TaskDefinition>, ParseError> {
    match std::str::from_utf8(json) {
        Ok(text) => parse_str(text, mode),
        Err(error) => {
            // Where `serde_json` says it: after the first byte that is not UTF-8.
            let (line, column) = line_and_column(&json[..=error.valid_up_to()]);
            Err(ParseError::Syntax {
                message: "invalid unicode code point".to_owned(),
                line,
                column,
            })
        }
    }
}

/// The definition of a decoded document, with the diagnostics of what it kept unknown.
fn diagnose(
    document: Document,
    kept_unknown: bool,
    mode: Mode,
) -> Result<Lenient<TaskDefinition>, ParseError> {
    let inner = PathCursor::ROOT.key("taskDefinition");
    let at = if document.wrapped {
        &inner
    } else {
        &PathCursor::ROOT
    };
    let mut diagnostics = unknown_key_diagnostics(&document.definition, kept_unknown, at, mode);
    if document.tags_inside {
        let severity = match mode {
            Mode::Strict => Severity::Error,
            Mode::Lenient => Severity::Warning,
        };
        diagnostics.push(Diagnostic::shape(
            json_path!("taskDefinition", "tags"),
            severity,
            "unknown key `tags`: describe-task-definition output carries tags beside \
             `taskDefinition`, not inside it",
        ));
    }
    match mode {
        Mode::Strict if !diagnostics.is_empty() => Err(ParseError::Shape(diagnostics)),
        _ => Ok(Lenient {
            value: document.definition,
            warnings: diagnostics,
        }),
    }
}

/// The object inside `taskDefinition`, with the describe-only keys routed into its
/// [`Registration`].
struct Inner(Document);

impl Decode for Inner {
    fn decode(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Self, Error> {
        decode_root(r, cx, true).map(Inner)
    }
}

impl Decode for Document {
    fn decode(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Self, Error> {
        decode_root(r, cx, false)
    }
}

/// The root object; `inner`: the object inside `taskDefinition`, which is not wrapped again.
fn decode_root(r: &mut Reader<'_>, cx: &mut Cx, inner: bool) -> Result<Document, Error> {
    open(r, cx, Token::Object, "an object")?;
    let mut definition = TaskDefinition::default();
    let mut seen = 0;
    let mut registration = Registration::default();
    let mut registration_seen = 0;
    let mut wrapped: Option<Document> = None;
    let mut saw_tags = false;
    let mut outer_tags: Option<Vec<Tag>> = None;
    let mut first_definition_key: Option<Cow<'_, str>> = None;

    let mut first = true;
    while let Some(key) = r.next_key(&mut first)? {
        if !inner && key == "taskDefinition" {
            if wrapped.is_some() {
                return Err(cx.fail_at(&key, "duplicate key"));
            }
            let Inner(document) =
                Inner::decode(r, cx).map_err(|e| cx.in_key("taskDefinition", e))?;
            wrapped = Some(document);
        } else if !inner && key == "tags" {
            // Beside `taskDefinition` these are the revision's tags; at the top of a bare
            // document they are the register input's. Either way they are the tags.
            if outer_tags.is_some() {
                return Err(cx.fail_at(&key, "duplicate key"));
            }
            outer_tags = Some(Vec::<Tag>::decode(r, cx).map_err(|e| cx.in_key("tags", e))?);
        } else {
            let mut accepted = definition.accept(&mut seen, &key, r, cx)?;
            if matches!(accepted, Accepted::NotMine) {
                accepted = registration.accept(&mut registration_seen, &key, r, cx)?;
            }
            match accepted {
                Accepted::NotMine => take_unknown(&mut definition.extra, key, r, cx)?,
                Accepted::Kept(value) => {
                    if first_definition_key.is_none() {
                        first_definition_key = Some(key.clone());
                    }
                    keep(&mut definition.extra, key, value, cx);
                }
                Accepted::Taken => {
                    saw_tags |= key == "tags";
                    if first_definition_key.is_none() {
                        first_definition_key = Some(key);
                    }
                }
            }
        }
    }

    if let Some(Document {
        definition: mut unwrapped,
        tags_inside,
        ..
    }) = wrapped
    {
        // Only `tags` may stand beside `taskDefinition`.
        let beside = definition.extra.keys().next().map(String::as_str);
        if let Some(key) = first_definition_key.as_deref().or(beside) {
            return Err(cx.fail_at(
                key,
                format!("unknown key `{key}` beside `taskDefinition`: only `tags` may stand there"),
            ));
        }
        if let Some(tags) = outer_tags {
            unwrapped.tags.extend(tags);
        }
        return Ok(Document {
            definition: unwrapped,
            wrapped: true,
            tags_inside,
        });
    }

    definition.finish(seen, cx)?;
    if let Some(tags) = outer_tags {
        definition.tags = tags;
    }
    registration.finish(registration_seen, cx)?;
    if registration != Registration::default() {
        definition.registration = Some(registration);
    }
    Ok(Document {
        definition,
        wrapped: false,
        // Only meaningful for the object inside `taskDefinition`.
        tags_inside: inner && saw_tags,
    })
}
