//! Derives for [`ecs-model`](https://docs.rs/ecs-model): a service's config struct becomes its
//! container definition, checked at compile time. Use them through `ecs-model`'s `derive`
//! feature; every attribute is documented on [`Container`](derive@Container).

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

use crate::ctxt::Ctxt;

#[doc = include_str!("../ATTRIBUTES.md")]
#[proc_macro_derive(Container, attributes(ecs))]
pub fn derive_container(input: TokenStream) -> TokenStream {
    container(&parse_macro_input!(input as DeriveInput)).into()
}

/// A struct whose fields are containers becomes a task definition (`ecs_model::Task`); every
/// attribute is documented on [`Container`](derive@Container).
#[proc_macro_derive(Task, attributes(ecs))]
pub fn derive_task(input: TokenStream) -> TokenStream {
    task(&parse_macro_input!(input as DeriveInput)).into()
}

fn container(input: &DeriveInput) -> proc_macro2::TokenStream {
    let mut cx = Ctxt::default();
    let container = ast::Container::from_input(&mut cx, input);
    match (container, cx.finish()) {
        (Some(container), Ok(())) => expand::container(&container),
        (_, Err(errors)) => {
            let mut out = errors.to_compile_error();
            out.extend(expand::container_fallback(input));
            out
        }
        (None, Ok(())) => expand::container_fallback(input),
    }
}

fn task(input: &DeriveInput) -> proc_macro2::TokenStream {
    let mut cx = Ctxt::default();
    let task = ast::Task::from_input(&mut cx, input);
    match (task, cx.finish()) {
        (Some(task), Ok(())) => expand::task(&task),
        (_, Err(errors)) => {
            let mut out = errors.to_compile_error();
            out.extend(expand::task_fallback(input));
            out
        }
        (None, Ok(())) => expand::task_fallback(input),
    }
}

/// Expansion snapshots: `tests/expand/*.rs` (one derive input each) expanded and pretty-printed
/// into `*.expanded.rs`, so a reviewer sees the builder calls the derives emit. Regenerate with
/// `SNAPSHOTS=overwrite cargo test -p ecs-model-derive --lib` and read the diff.
#[cfg(test)]
mod snapshots {
    use std::path::Path;

    #[test]
    fn expansions() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
        let overwrite = std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite");
        let mut inputs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "rs")
                    && !p.to_string_lossy().ends_with(".expanded.rs")
            })
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty());
        for path in inputs {
            let file: syn::File = syn::parse_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let mut out = proc_macro2::TokenStream::new();
            for item in file.items {
                let input: syn::DeriveInput =
                    syn::parse2(quote::ToTokens::into_token_stream(item)).unwrap();
                let derives = input.attrs.iter().filter(|a| a.path().is_ident("derive"));
                let names: String = derives
                    .map(|a| quote::ToTokens::to_token_stream(a).to_string())
                    .collect();
                if names.contains("Container") {
                    out.extend(super::container(&input));
                }
                if names.contains("Task") {
                    out.extend(super::task(&input));
                }
            }
            let pretty = prettyplease::unparse(&syn::parse2(out).unwrap());
            let expected_path = path.with_extension("expanded.rs");
            if overwrite {
                std::fs::write(&expected_path, &pretty).unwrap();
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            assert_eq!(pretty, expected, "{} expands differently", path.display());
        }
    }
}
