//! Parsing `#[ecs(...)]`: a comma-separated list of `key`, `key = value`, `key(args…)` and
//! positional literals, kept with their spans; then typed readers that report what was expected.

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt as _;
use syn::parse::{ParseStream, Parser as _};
use syn::spanned::Spanned as _;
use syn::{Attribute, Expr, ExprLit, ExprUnary, Ident, Lit, Token, UnOp};

use crate::ctxt::Ctxt;

/// One argument of an `#[ecs(...)]` list.
pub(crate) enum Arg {
    /// `key`
    Flag(Ident),
    /// `key = value`
    Value(Ident, Expr),
    /// `key(args…)`
    Nested(Ident, Vec<Arg>, Span),
    /// A literal or expression without a key, as in `port(8080)`.
    Positional(Expr),
    /// `call(tokens…)`: kept as written, spliced into the generated builder chain.
    Raw(Ident, TokenStream),
}

impl Arg {
    pub(crate) fn key(&self) -> Option<&Ident> {
        match self {
            Arg::Flag(key) | Arg::Value(key, _) | Arg::Nested(key, ..) | Arg::Raw(key, _) => {
                Some(key)
            }
            Arg::Positional(_) => None,
        }
    }

    pub(crate) fn span(&self) -> Span {
        match self {
            Arg::Flag(key) => key.span(),
            Arg::Value(key, value) => key.span().join(value.span()).unwrap_or_else(|| key.span()),
            Arg::Nested(_, _, span) => *span,
            Arg::Positional(value) => value.span(),
            Arg::Raw(key, tokens) => key.span().join(tokens.span()).unwrap_or_else(|| key.span()),
        }
    }
}

/// Keys whose parentheses hold Rust tokens rather than arguments.
const RAW_KEYS: &[&str] = &["call"];

fn parse_list(input: ParseStream<'_>) -> syn::Result<Vec<Arg>> {
    let mut args = Vec::new();
    while !input.is_empty() {
        args.push(parse_arg(input)?);
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(args)
}

fn parse_arg(input: ParseStream<'_>) -> syn::Result<Arg> {
    let is_key = input.peek(Ident::peek_any) && !input.peek(syn::LitBool);
    if !is_key {
        return Ok(Arg::Positional(input.parse()?));
    }
    let key = Ident::parse_any(input)?;
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        return Ok(Arg::Value(key, input.parse()?));
    }
    if input.peek(syn::token::Paren) {
        let content;
        let paren = syn::parenthesized!(content in input);
        if RAW_KEYS.contains(&key.to_string().as_str()) {
            return Ok(Arg::Raw(key, content.parse()?));
        }
        let span = key
            .span()
            .join(paren.span.close())
            .unwrap_or_else(|| key.span());
        return Ok(Arg::Nested(key, parse_list(&content)?, span));
    }
    if input.peek(Token![::]) {
        // A path used positionally (`with = my::tune` is the keyed form).
        let rest: syn::Path = input.parse()?;
        let mut path = syn::Path::from(key);
        path.segments.extend(rest.segments);
        return Ok(Arg::Positional(Expr::Path(syn::ExprPath {
            attrs: Vec::new(),
            qself: None,
            path,
        })));
    }
    Ok(Arg::Flag(key))
}

/// The arguments of every `#[ecs(...)]` attribute in `attrs`, in order.
pub(crate) fn ecs_args(cx: &mut Ctxt, attrs: &[Attribute]) -> Vec<Arg> {
    let mut args = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("ecs")) {
        match &attr.meta {
            syn::Meta::List(list) => match parse_list.parse2(list.tokens.clone()) {
                Ok(parsed) => args.extend(parsed),
                Err(e) => cx.push(e),
            },
            other => cx.error_spanned(other, "expected `#[ecs(...)]`"),
        }
    }
    args
}

/// The keys a list accepts, and which of them may repeat.
pub(crate) struct Keys<'a> {
    pub(crate) allowed: &'a [&'a str],
    pub(crate) repeatable: &'a [&'a str],
    /// Names the list in messages: "ecs attribute", "`port` argument".
    pub(crate) what: &'a str,
}

impl Keys<'_> {
    /// Reports unknown keys (with the nearest known one) and repeated keys; `false` when a key
    /// was unknown, so that callers do not pile a second error on the same mistake.
    pub(crate) fn check(&self, cx: &mut Ctxt, args: &[Arg]) -> bool {
        let mut all_known = true;
        let mut seen: Vec<String> = Vec::new();
        for arg in args {
            let Some(key) = arg.key() else { continue };
            let name = key.unraw().to_string();
            if !self.allowed.contains(&name.as_str()) {
                all_known = false;
                match ecs_model_internals::text::closest(&name, self.allowed) {
                    Some(near) => cx.error(
                        key.span(),
                        format!("unknown {} `{name}`, did you mean `{near}`", self.what),
                    ),
                    None => cx.error(
                        key.span(),
                        format!(
                            "unknown {} `{name}`; expected one of {}",
                            self.what,
                            list(self.allowed)
                        ),
                    ),
                }
            } else if seen.contains(&name) && !self.repeatable.contains(&name.as_str()) {
                cx.error(key.span(), format!("duplicate {} `{name}`", self.what));
            }
            seen.push(name);
        }
        all_known
    }
}

pub(crate) fn list(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first argument with key `key`.
pub(crate) fn find<'a>(args: &'a [Arg], key: &str) -> Option<&'a Arg> {
    args.iter().find(|a| a.key().is_some_and(|k| k == key))
}

/// Every argument with key `key`.
pub(crate) fn all<'a>(args: &'a [Arg], key: &'a str) -> impl Iterator<Item = &'a Arg> {
    args.iter()
        .filter(move |a| a.key().is_some_and(|k| k == key))
}

/// The positional arguments.
pub(crate) fn positional(args: &[Arg]) -> impl Iterator<Item = &Expr> {
    args.iter().filter_map(|a| match a {
        Arg::Positional(e) => Some(e),
        _ => None,
    })
}

/// A value with the span of the tokens it came from.
#[derive(Clone, Debug)]
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

impl<T> Spanned<T> {
    pub(crate) fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// A string literal.
pub(crate) fn string(expr: &Expr) -> Option<Spanned<String>> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(Spanned::new(s.value(), s.span())),
        _ => None,
    }
}

/// An integer literal, possibly negative.
pub(crate) fn integer(expr: &Expr) -> Option<Spanned<i64>> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Int(i), ..
        }) => i
            .base10_parse::<i64>()
            .ok()
            .map(|v| Spanned::new(v, i.span())),
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(_),
            expr,
            ..
        }) => integer(expr).map(|v| Spanned::new(-v.value, expr.span())),
        _ => None,
    }
}

/// A boolean literal.
pub(crate) fn boolean(expr: &Expr) -> Option<bool> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Bool(b), ..
        }) => Some(b.value),
        _ => None,
    }
}

/// An array of string literals.
pub(crate) fn strings(expr: &Expr) -> Option<Vec<String>> {
    match expr {
        Expr::Array(array) => array
            .elems
            .iter()
            .map(|e| string(e).map(|s| s.value))
            .collect(),
        _ => None,
    }
}

/// Reads the value of `key = …` with `read`, or reports "expected `key = shape`".
pub(crate) fn value<T>(
    cx: &mut Ctxt,
    arg: &Arg,
    shape: &str,
    read: impl FnOnce(&Expr) -> Option<T>,
) -> Option<T> {
    let key = arg.key().map(|k| k.unraw().to_string()).unwrap_or_default();
    if let Arg::Value(_, expr) = arg {
        let read = read(expr);
        if read.is_none() {
            cx.error_spanned(expr, format!("expected `{key} = {shape}`"));
        }
        read
    } else {
        cx.error(arg.span(), format!("expected `{key} = {shape}`"));
        None
    }
}

/// A flag that may also be written `key = true|false`.
pub(crate) fn flag(cx: &mut Ctxt, arg: &Arg) -> Option<bool> {
    match arg {
        Arg::Flag(_) => Some(true),
        _ => value(cx, arg, "true|false", boolean),
    }
}

/// The arguments of `key(…)`, or reports "expected `key(shape)`".
pub(crate) fn nested<'a>(cx: &mut Ctxt, arg: &'a Arg, shape: &str) -> Option<&'a [Arg]> {
    if let Arg::Nested(_, args, _) = arg {
        Some(args)
    } else {
        let key = arg.key().map(ToString::to_string).unwrap_or_default();
        cx.error(arg.span(), format!("expected `{key}({shape})`"));
        None
    }
}
