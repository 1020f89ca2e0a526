#![doc = include_str!("../ATTRIBUTES.md")]

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;
mod rules;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

use crate::ctxt::Ctxt;

/// `#[derive(Container)]`: see the attribute reference above.
#[proc_macro_derive(Container, attributes(ecs))]
pub fn derive_container(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let mut cx = Ctxt::default();
    let container = ast::Container::from_input(&mut cx, &input);
    match (container, cx.finish()) {
        (Some(container), Ok(())) => expand::container(&container).into(),
        (_, Err(errors)) => {
            let mut out = errors.to_compile_error();
            out.extend(expand::container_fallback(&input));
            out.into()
        }
        (None, Ok(())) => expand::container_fallback(&input).into(),
    }
}

/// `#[derive(TaskDefinition)]`: see the attribute reference above.
#[proc_macro_derive(TaskDefinition, attributes(ecs))]
pub fn derive_task_definition(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let mut cx = Ctxt::default();
    let task = ast::Task::from_input(&mut cx, &input);
    match (task, cx.finish()) {
        (Some(task), Ok(())) => expand::task(&task).into(),
        (_, Err(errors)) => {
            let mut out = errors.to_compile_error();
            out.extend(expand::task_fallback(&input));
            out.into()
        }
        (None, Ok(())) => expand::task_fallback(&input).into(),
    }
}
