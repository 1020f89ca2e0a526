//! JSON in and out, in exactly the shape the ECS API and `--cli-input-json` use.

pub(crate) mod compact;
pub(crate) mod decode;
pub(crate) mod read;
pub(crate) mod record;
mod size;
mod write;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::ParseError;
use crate::json::decode::Cx;
use crate::json::record::Walk;
use crate::path::PathCursor;

pub use decode::Extra;
pub use record::EnumError;

/// How the parser treats keys it does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Mode {
    /// Like `aws ecs register-task-definition --cli-input-json`: an unknown key is an error.
    #[default]
    Strict,
    /// Unknown keys are kept in the `extra` map of the object they appear in, and reported as
    /// warnings, so that JSON from a newer ECS survives a round trip.
    Lenient,
}

/// A value parsed in [`Mode::Lenient`], with the warnings about what it kept without knowing.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Lenient<T> {
    /// The parsed value.
    pub value: T,
    /// One warning per unknown key (never errors).
    pub warnings: Vec<Diagnostic>,
}

#[cfg(feature = "application")]
/// Decodes a whole document into `T`, then applies `mode` to the unknown keys found in it.
pub(crate) fn parse<T: decode::Decode + Walk>(
    json: &str,
    mode: Mode,
) -> Result<Lenient<T>, crate::error::ParseError> {
    let Decoded {
        value,
        kept_unknown,
    } = decode_document::<T>(json, mode)?;
    let warnings = unknown_key_diagnostics(&value, kept_unknown, &PathCursor::ROOT, mode);
    match mode {
        Mode::Strict if !warnings.is_empty() => Err(crate::error::ParseError::Shape(warnings)),
        _ => Ok(Lenient { value, warnings }),
    }
}

#[cfg(feature = "application")]
/// JSON in and out for an API request type: strict and lenient parsing, compact and pretty
/// rendering.
macro_rules! json_document {
    ($($ty:ident),* $(,)?) => {$(
        impl $ty {
            /// Reads the request JSON strictly (as `--cli-input-json` does): an unknown key, a
            /// wrong JSON type, a value outside an enum or a `null` is an error naming its path.
            ///
            /// # Errors
            /// A [`ParseError`](crate::ParseError) with every problem found.
            pub fn from_json(json: &str) -> Result<Self, $crate::ParseError> {
                $crate::json::parse(json, $crate::Mode::Strict).map(|parsed| parsed.value)
            }

            /// Reads the request JSON keeping unknown keys (reported as warnings).
            ///
            /// # Errors
            /// As [`from_json`](Self::from_json), except for unknown keys.
            pub fn from_json_lenient(json: &str) -> Result<$crate::Lenient<Self>, $crate::ParseError> {
                $crate::json::parse(json, $crate::Mode::Lenient)
            }

            /// The request JSON, compact.
            #[must_use]
            pub fn to_json(&self) -> String {
                $crate::json::to_string(self)
            }

            /// The request JSON, indented by two spaces.
            #[must_use]
            pub fn to_json_pretty(&self) -> String {
                $crate::json::to_string_pretty(self)
            }
        }
    )*};
}
#[cfg(feature = "application")]
pub(crate) use json_document;

/// One diagnostic per unknown key under `at`: errors in strict mode, warnings in lenient mode.
/// `kept_unknown`: whether decoding kept anything unknown ([`Decoded`], [`record::unknowns`]).
pub(crate) fn unknown_key_diagnostics<T: Walk>(
    value: &T,
    kept_unknown: bool,
    at: &PathCursor<'_>,
    mode: Mode,
) -> Vec<Diagnostic> {
    let unknown = record::unknowns(value, kept_unknown, at);
    let severity = match mode {
        Mode::Strict => Severity::Error,
        Mode::Lenient => Severity::Warning,
    };
    unknown
        .into_iter()
        .map(|unknown| {
            let mut message = unknown.message();
            if mode == Mode::Lenient {
                message.push_str(" (kept as is)");
            }
            Diagnostic::shape(unknown.path, severity, message)
        })
        .collect()
}

/// A decoded document.
pub(crate) struct Decoded<T> {
    pub(crate) value: T,
    /// Whether anything unknown was kept in it (see [`unknown_key_diagnostics`]).
    pub(crate) kept_unknown: bool,
}

/// Decodes a whole document into `T`: the value, a syntax error where it is in `json`, or the
/// first problem of its shape with its path. Unknown keys are kept; `mode` says whether unknown
/// enum values are.
pub(crate) fn decode_document<T: decode::Decode>(
    json: &str,
    mode: Mode,
) -> Result<Decoded<T>, ParseError> {
    let mut cx = Cx::for_mode(mode);
    let mut reader = decode::Reader::new(json);
    match T::decode(&mut reader, &mut cx).and_then(|value| reader.end().map(|()| value)) {
        Ok(value) => Ok(Decoded {
            value,
            kept_unknown: cx.kept_unknown(),
        }),
        Err(error) => Err(parse_error(json, error, cx)),
    }
}

/// The error of a document that did not decode: a syntax error where it is in `text`, else the
/// problem `cx` recorded and its path.
fn parse_error(text: &str, error: decode::Error, cx: Cx) -> ParseError {
    match error {
        decode::Error::Syntax(syntax) => {
            let (line, column) = syntax.position(text);
            ParseError::Syntax {
                message: syntax.message.to_owned(),
                line,
                column,
            }
        }
        decode::Error::Shape => {
            let (problem, path) = cx.finish();
            ParseError::Shape(vec![Diagnostic::shape(
                path,
                crate::diagnostic::Severity::Error,
                problem.unwrap_or_default(),
            )])
        }
    }
}

#[cfg(feature = "application")]
/// Any JSON document as a `Value`, with the syntax errors of every other parse.
pub(crate) fn parse_value(json: &str) -> Result<serde_json::Value, ParseError> {
    decode_document(json, Mode::Strict).map(|decoded| decoded.value)
}

/// Renders compact JSON: the bytes `serde_json::to_string` writes (debug builds, and so every
/// test, check that they are).
pub(crate) fn to_string<T: compact::Compact>(value: &T) -> String {
    let mut out = String::with_capacity(1024);
    value.write_compact(&mut out);
    debug_assert_eq!(out, serde_json::to_string(value).unwrap_or_default());
    out
}

/// The length of [`to_string`]'s JSON, counted without writing it (debug builds check it).
pub(crate) fn rendered_len<T: compact::Compact>(value: &T) -> usize {
    let len = value.compact_len();
    debug_assert_eq!(len, to_string(value).len());
    len
}

/// Renders JSON indented by two spaces.
pub(crate) fn to_string_pretty<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}
