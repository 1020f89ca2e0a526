#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ecs_fuzz::task_definition(data));
