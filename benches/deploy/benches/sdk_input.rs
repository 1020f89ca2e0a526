//! Converting a task definition to the AWS SDK's `RegisterTaskDefinitionInput`
//! (`ecs_deploy::convert`), on the model benchmarks' large and typical documents, in bytes of
//! their compact JSON per second. `peers.py` lists it beside the model's operations.
//!
//! `cargo bench -p ecs-deploy-benches`; `cargo test -p ecs-deploy-benches --benches` runs it once.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ecs_model::TaskDefinition;

fn sdk_input(c: &mut Criterion, name: &str, td: &TaskDefinition) {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(td.to_json().len() as u64));
    group.bench_function("sdk_input", |b| {
        b.iter(|| {
            ecs_deploy::convert::register_task_definition(black_box(td))
                .map(|input| input.build().is_ok())
        });
    });
    group.finish();
}

fn documents(c: &mut Criterion) {
    sdk_input(c, "large", &ecs_benches::large());
    sdk_input(c, "typical", &ecs_benches::typical());
}

criterion_group!(benches, documents);
criterion_main!(benches);
