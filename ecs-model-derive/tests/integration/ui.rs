//! Every compile error family of the derives, with its expected message (`tests/ui/*/*.stderr`;
//! regenerate with `TRYBUILD=overwrite cargo test -p ecs-model-derive --test ui` and read the diff).

#[test]
fn compile_errors() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*/*.rs");
}
