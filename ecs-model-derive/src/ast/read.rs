//! What both derives read the same way: the escape hatches, the struct's fields, typed values
//! of attributes, names and their defaults, start-up dependencies.

use proc_macro2::TokenStream;
use syn::{Data, DeriveInput, Expr, Fields, Ident};

use ecs_model_internals::enums;

use crate::attr::{self, Arg, Spanned, all, find, positional};
use crate::ctxt::Ctxt;

/// The escape hatches: builder methods called as written, functions applied last.
pub(crate) struct Hatches {
    pub(crate) with: Vec<Expr>,
    pub(crate) calls: Vec<TokenStream>,
}

impl Hatches {
    pub(super) fn read(cx: &mut Ctxt, args: &[Arg], builder: &str) -> Self {
        let shape = format!("<path to fn({builder}) -> {builder}>");
        let with = all(args, "with")
            .filter_map(|a| {
                attr::value(cx, a, &shape, |e| {
                    matches!(e, Expr::Path(_)).then(|| e.clone())
                })
            })
            .collect();
        let mut calls = Vec::new();
        for arg in all(args, "call") {
            if let Arg::Raw(_, tokens) = arg {
                calls.push(tokens.clone());
            } else {
                cx.error(arg.span(), "expected `call(method(args…))`");
            }
        }
        Hatches { with, calls }
    }
}

/// Reads the named fields of a struct, or reports the unsupported shape.
pub(super) fn named_fields<'a>(
    cx: &mut Ctxt,
    input: &'a DeriveInput,
    derive: &str,
) -> Option<&'a syn::FieldsNamed> {
    let expected = format!("`#[derive({derive})]` needs a struct with named fields");
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => Some(fields),
            Fields::Unnamed(fields) => {
                cx.error_spanned(
                    fields,
                    format!("{expected}; tuple structs are not supported"),
                );
                None
            }
            Fields::Unit => {
                cx.error_spanned(
                    &input.ident,
                    format!("{expected}; unit structs are not supported"),
                );
                None
            }
        },
        Data::Enum(data) => {
            cx.error(
                data.enum_token.span,
                format!("{expected}; enums are not supported"),
            );
            None
        }
        Data::Union(data) => {
            cx.error(
                data.union_token.span,
                format!("{expected}; unions are not supported"),
            );
            None
        }
    }
}

/// Every argument of a struct-level `#[ecs(...)]` list has a key.
pub(super) fn keyed_only(cx: &mut Ctxt, args: &[Arg]) {
    for arg in positional(args) {
        cx.error_spanned(arg, "expected `key = value` or `key(…)` in `#[ecs(...)]`");
    }
}

pub(super) fn string_value(cx: &mut Ctxt, arg: &Arg, shape: &str) -> Option<Spanned<String>> {
    attr::value(cx, arg, shape, attr::string)
}

pub(super) fn integer_value(cx: &mut Ctxt, arg: &Arg, shape: &str) -> Option<Spanned<i64>> {
    attr::value(cx, arg, shape, attr::integer)
}

/// `key = <integer>`, checked by `rule` (one of `ecs_model_internals::limits`, which says what
/// is wrong, reported after the key as validation reports it after the path) and within what the
/// builder method takes (`i32`).
pub(super) fn checked_integer(
    cx: &mut Ctxt,
    args: &[Arg],
    key: &str,
    shape: &str,
    rule: impl Fn(i64) -> Option<String>,
) -> Option<i64> {
    let value = integer_value(cx, find(args, key)?, shape)?;
    if let Some(problem) = rule(value.value) {
        cx.error(value.span, format!("`{key}`: {problem}"));
    } else if i32::try_from(value.value).is_err() {
        cx.error(
            value.span,
            format!("{} is too large: at most {}", value.value, i32::MAX),
        );
    }
    Some(value.value)
}

/// A value of an API enum (`values`, as the API spells them), given as a string.
pub(super) fn enum_value(
    cx: &mut Ctxt,
    arg: &Arg,
    values: &'static [&'static str],
    what: &str,
) -> Option<&'static str> {
    let text = string_value(cx, arg, &format!("\"<{what}>\""))?;
    let found = values.iter().find(|v| **v == text.value).copied();
    if found.is_none() {
        let hint = ecs_model_internals::text::closest(&text.value, values)
            .map(|n| format!(", did you mean {n:?}"))
            .unwrap_or_default();
        cx.error(
            text.span,
            format!(
                "{:?} is not a {what}{hint}; expected one of {}",
                text.value,
                values.join(", ")
            ),
        );
    }
    found
}

/// Two positional string literals, as in `env("NAME", "value")`.
pub(super) fn string_pair(
    cx: &mut Ctxt,
    arg: &Arg,
    shape: &str,
) -> Option<(Spanned<String>, Spanned<String>)> {
    let key = arg.key().map(ToString::to_string).unwrap_or_default();
    let args = attr::nested(cx, arg, shape)?;
    let values: Vec<Option<Spanned<String>>> = positional(args).map(attr::string).collect();
    match values.as_slice() {
        [Some(a), Some(b)] if args.len() == 2 => Some((a.clone(), b.clone())),
        _ => {
            cx.error(arg.span(), format!("expected `{key}({shape})`"));
            None
        }
    }
}

/// `key("…", "…")` pairs, values only.
pub(super) fn string_pairs(
    cx: &mut Ctxt,
    args: &[Arg],
    key: &str,
    shape: &str,
) -> Vec<(String, String)> {
    all(args, key)
        .filter_map(|a| string_pair(cx, a, shape))
        .map(|(k, v)| (k.value, v.value))
        .collect()
}

/// `depends_on("<container>", start|complete|success|healthy)`: the conditions of the API,
/// written as lowercase flags.
pub(super) fn depends_on(cx: &mut Ctxt, arg: &Arg) -> Option<(String, &'static str)> {
    let inner = attr::nested(cx, arg, "\"<container>\", start|complete|success|healthy")?;
    let container = positional(inner).next().and_then(attr::string);
    let conditions: Vec<&Ident> = inner
        .iter()
        .filter_map(|a| match a {
            Arg::Flag(key) => Some(key),
            _ => None,
        })
        .collect();
    let (Some(container), [condition]) = (container, conditions.as_slice()) else {
        cx.error(
            arg.span(),
            "expected `depends_on(\"<container>\", start|complete|success|healthy)`",
        );
        return None;
    };
    let written = condition.to_string();
    let flags: Vec<String> = enums::CONTAINER_CONDITIONS
        .iter()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let Some(index) = flags.iter().position(|flag| *flag == written) else {
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        let hint = ecs_model_internals::text::closest(&written, &flags)
            .map(|n| format!(", did you mean `{n}`"))
            .unwrap_or_default();
        cx.error(
            condition.span(),
            format!(
                "unknown condition `{written}`{hint}; expected one of {}",
                attr::list(&flags)
            ),
        );
        return None;
    };
    resource_name(cx, "container", &container);
    Some((container.value, enums::CONTAINER_CONDITIONS[index]))
}

/// A name checked as ECS checks resource names (`ECS-A1`, `B1`, `I1`).
pub(super) fn resource_name(cx: &mut Ctxt, kind: &str, name: &Spanned<String>) {
    if let Some(problem) = ecs_model_internals::names::resource_name(kind, &name.value) {
        cx.error(name.span, problem);
    }
}

/// `SCREAMING_SNAKE_CASE` of a field name, the default variable name.
pub(super) fn screaming_snake(field: &str) -> String {
    field.trim_start_matches("r#").to_ascii_uppercase()
}

/// `kebab-case` of a type name, the default container name and family.
pub(super) fn kebab(type_name: &str) -> String {
    let mut out = String::new();
    for (i, c) in type_name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names() {
        assert_eq!(kebab("PetWeb"), "pet-web");
        assert_eq!(screaming_snake("node_env"), "NODE_ENV");
        assert_eq!(screaming_snake("r#type"), "TYPE");
    }
}
