//! The generated code compiles warning-free with the prelude names shadowed: it only uses
//! absolute paths.

#![deny(warnings)]
#![no_implicit_prelude]

mod shadowed {
    #![allow(dead_code, non_camel_case_types, unreachable_pub, clippy::all)] // the shadows themselves are unused

    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct Default;
    pub struct ToString;
    pub struct FromStr;
    pub struct FnMut;
    pub struct str;
}

#[allow(unused_imports)] // in scope to catch generated code that names them; never used
use self::shadowed::*;

#[derive(::ecs_model::Container)]
#[ecs(
    image = "busybox",
    port(8080, name = "web"),
    health_check(shell = "true", interval = 10),
    awslogs(group = "/ecs/hygiene", region = "us-east-1", stream_prefix = "ecs"),
    ulimit(name = "nofile", soft = 1, hard = 2),
    depends_on("other", start)
)]
/// A container config using every kind of field.
pub struct Hygiene {
    /// An env field with a default.
    #[ecs(env, default = 1)]
    pub count: u32,
    /// An optional env field.
    #[ecs(env)]
    pub maybe: ::std::option::Option<::std::string::String>,
    /// A secret.
    #[ecs(secret = "/app/token")]
    pub token: ::std::string::String,
    /// Not part of the container.
    #[ecs(skip)]
    pub skipped: ::std::vec::Vec<u8>,
}

#[derive(::ecs_model::Task)]
#[ecs(fargate(cpu = 256, memory = 512), volume(name = "data"), tag("a", "b"))]
/// A task of it.
pub struct HygieneTask {
    /// The container.
    pub app: Hygiene,
}

#[test]
fn generated_code_is_hygienic() {
    use ::ecs_model::{Container as _, Task as _};
    let td = HygieneTask::task().build_unchecked();
    ::std::assert_eq!(td.container_definitions.len(), 1);
    let read = Hygiene::from_lookup(&mut |name: &::core::primitive::str| match name {
        "TOKEN" => ::std::option::Option::Some(<::std::ffi::OsString as ::std::convert::From<
            &::core::primitive::str,
        >>::from("t")),
        _ => ::std::option::Option::None,
    });
    ::std::assert!(read.is_ok());
}
