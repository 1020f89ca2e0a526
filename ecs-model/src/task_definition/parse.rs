//! The document root: register-task-definition input, or describe-task-definition output,
//! bare or wrapped in `{"taskDefinition": …, "tags": […]}`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::{Registration, TaskDefinition};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::ParseError;
use crate::json::decode::{Accepted, Cx, Decode, Found, KeySeed, Record, Seed, take_unknown};
use crate::json::{Extra, Lenient, Mode, unknown_key_diagnostics};
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

/// Reads a document from text: `serde_json` need not check the UTF-8 of each string again.
pub(super) fn parse_str(json: &str, mode: Mode) -> Result<Lenient<TaskDefinition>, ParseError> {
    parse(serde_json::Deserializer::from_str(json), mode)
}

/// Reads a document from bytes.
pub(super) fn parse_slice(json: &[u8], mode: Mode) -> Result<Lenient<TaskDefinition>, ParseError> {
    parse(serde_json::Deserializer::from_slice(json), mode)
}

fn parse<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    mode: Mode,
) -> Result<Lenient<TaskDefinition>, ParseError> {
    let mut cx = Cx::for_mode(mode);
    let document = Document::decode(&mut de, &mut cx).and_then(|doc| de.end().map(|()| doc));
    let document = match document {
        Ok(document) => document,
        Err(error) => return Err(crate::json::parse_error(&error, cx)),
    };

    let inner = PathCursor::ROOT.key("taskDefinition");
    let at = if document.wrapped {
        &inner
    } else {
        &PathCursor::ROOT
    };
    let mut diagnostics = unknown_key_diagnostics(&document.definition, at, mode);
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
    fn decode<'de, D: Deserializer<'de>>(de: D, cx: &mut Cx) -> Result<Self, D::Error> {
        de.deserialize_any(RootVisitor { cx, inner: true })
            .map(Inner)
    }
}

impl Decode for Document {
    fn decode<'de, D: Deserializer<'de>>(de: D, cx: &mut Cx) -> Result<Self, D::Error> {
        de.deserialize_any(RootVisitor { cx, inner: false })
    }
}

struct RootVisitor<'a> {
    cx: &'a mut Cx,
    /// Decoding the object inside `taskDefinition`: no further wrapping.
    inner: bool,
}

impl<'de> Visitor<'de> for RootVisitor<'_> {
    type Value = Document;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a task definition object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let cx = self.cx;
        let mut fields = TaskDefinition::start();
        let mut registration = Registration::start();
        let mut extra = Extra::new();
        let mut wrapped: Option<Document> = None;
        let mut saw_tags = false;
        let mut outer_tags: Option<Vec<Tag>> = None;
        let mut first_definition_key: Option<String> = None;

        while let Some(key) = map.next_key_seed(KeySeed)? {
            if !self.inner && key == "taskDefinition" {
                if wrapped.is_some() {
                    return Err(cx.fail_at(&key, "duplicate key"));
                }
                let Inner(inner) = map
                    .next_value_seed(Seed::<Inner>::new(cx))
                    .map_err(|e| cx.in_key("taskDefinition", e))?;
                wrapped = Some(inner);
            } else if !self.inner && key == "tags" {
                // Beside `taskDefinition` these are the revision's tags; at the top of a bare
                // document they are the register input's. Either way they are the tags.
                if outer_tags.is_some() {
                    return Err(cx.fail_at(&key, "duplicate key"));
                }
                outer_tags = Some(
                    map.next_value_seed(Seed::<Vec<Tag>>::new(cx))
                        .map_err(|e| cx.in_key("tags", e))?,
                );
            } else {
                let mut accepted = TaskDefinition::accept(&mut fields, &key, &mut map, cx)?;
                if matches!(accepted, Accepted::NotMine) {
                    accepted = Registration::accept(&mut registration, &key, &mut map, cx)?;
                }
                match accepted {
                    Accepted::NotMine => take_unknown(&mut extra, key, &mut map, cx)?,
                    Accepted::Kept(value) => {
                        if first_definition_key.is_none() {
                            first_definition_key = Some(key.to_string());
                        }
                        extra.insert(key.into_owned(), value);
                    }
                    Accepted::Taken => {
                        saw_tags |= key == "tags";
                        if first_definition_key.is_none() {
                            first_definition_key = Some(key.into_owned());
                        }
                    }
                }
            }
        }

        if let Some(Document {
            mut definition,
            tags_inside,
            ..
        }) = wrapped
        {
            // Only `tags` may stand beside `taskDefinition`.
            if let Some(key) = first_definition_key.or_else(|| extra.keys().next().cloned()) {
                return Err(cx.fail_at(
                    &key,
                    format!(
                        "unknown key `{key}` beside `taskDefinition`: only `tags` may stand there"
                    ),
                ));
            }
            if let Some(tags) = outer_tags {
                definition.tags.extend(tags);
            }
            return Ok(Document {
                definition,
                wrapped: true,
                tags_inside,
            });
        }

        let mut definition: TaskDefinition = TaskDefinition::finish(fields, extra, cx)?;
        if let Some(tags) = outer_tags {
            definition.tags = tags;
        }
        let registration: Registration = Registration::finish(registration, Extra::new(), cx)?;
        if registration != Registration::default() {
            definition.registration = Some(registration);
        }
        Ok(Document {
            definition,
            wrapped: false,
            // Only meaningful for the object inside `taskDefinition`.
            tags_inside: self.inner && saw_tags,
        })
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Document, A::Error> {
        Err(self.cx.wrong_type("an object", &Found::Array))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Document, E> {
        Err(self.cx.wrong_type("an object", &Found::Str(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Document, E> {
        Err(self.cx.wrong_type("an object", &Found::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Document, E> {
        Err(self.cx.wrong_type("an object", &Found::Int(v.into())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Document, E> {
        Err(self.cx.wrong_type("an object", &Found::Int(v.into())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Document, E> {
        Err(self.cx.wrong_type("an object", &Found::Float(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Document, E> {
        Err(self.cx.wrong_type("an object", &Found::Null))
    }
}
