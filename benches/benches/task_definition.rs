//! Rendering, parsing and validating task definitions, in bytes per second, with the in-process
//! peers measured on the same documents: `serde_json`'s generic `Value` round trip and a plain
//! copy of the bytes (the floor). `peers.py` adds botocore and Node.
//!
//! `cargo bench -p ecs-benches`; `cargo test -p ecs-benches --benches` runs each once.

use std::hint::black_box;

use criterion::{
    BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime,
};
use ecs_benches::Reading;
use ecs_model::iam::PolicyDocument;
use ecs_model::{Container as _, Mode, TaskDefinition};

/// The operations on one document, each over `text.len()` bytes.
fn one_document(group: &mut BenchmarkGroup<'_, WallTime>, td: &TaskDefinition) {
    let text = td.to_json();
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("render", |b| b.iter(|| black_box(td).to_json()));
    group.bench_function("render_pretty", |b| {
        b.iter(|| black_box(td).to_json_pretty());
    });
    group.bench_function("parse", |b| {
        b.iter(|| TaskDefinition::from_json(black_box(&text)));
    });
    group.bench_function("validate", |b| b.iter(|| black_box(td).validate()));
    group.bench_function("parse_validate", |b| {
        b.iter(|| TaskDefinition::from_json(black_box(&text)).map(|td| td.validate()));
    });
    // What the AWS CLI does with a file: read it, check it, send it.
    group.bench_function("parse_validate_render", |b| {
        b.iter(|| {
            let td = TaskDefinition::from_json(black_box(&text)).ok()?;
            let problems = td.validate();
            Some((problems, td.to_json()))
        });
    });
    peers(group, &text);
}

/// The in-process peers on `text`: `serde_json`'s generic `Value`, and copying the bytes.
fn peers(group: &mut BenchmarkGroup<'_, WallTime>, text: &str) {
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    group.bench_function("peer_serde_value_parse", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text)));
    });
    group.bench_function("peer_serde_value_render", |b| {
        b.iter(|| black_box(&value).to_string());
    });
    group.bench_function("peer_memcpy", |b| {
        b.iter(|| black_box(text.as_bytes()).to_vec());
    });
}

fn large(c: &mut Criterion) {
    let td = ecs_benches::large();
    let mut group = c.benchmark_group("large");
    one_document(&mut group, &td);
    group.finish();
}

fn typical(c: &mut Criterion) {
    let td = ecs_benches::typical();
    let mut group = c.benchmark_group("typical");
    one_document(&mut group, &td);
    // The same container from the service's derived config struct, and from the builder.
    group.bench_function("derive_container", |b| {
        b.iter(ecs_examples::pet_web::derived::PetWeb::container_definition);
    });
    group.bench_function("builder_container", |b| {
        b.iter(|| ecs_examples::pet_web::container().build());
    });
    group.finish();
}

fn fleet(c: &mut Criterion) {
    let fleet = ecs_benches::fleet(1000);
    let texts: Vec<String> = fleet.iter().map(TaskDefinition::to_json).collect();
    batch(c, "fleet", &fleet, &texts);
}

/// A batch of documents: `models` and their `texts`, each operation over all of them.
fn batch(c: &mut Criterion, name: &str, models: &[TaskDefinition], texts: &[String]) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("validate_render", |b| {
        b.iter(|| {
            black_box(models)
                .iter()
                .map(|td| td.validate().len() + td.to_json().len())
                .sum::<usize>();
        });
    });
    group.bench_function("render", |b| {
        b.iter(|| {
            black_box(models)
                .iter()
                .map(|td| td.to_json().len())
                .sum::<usize>()
        });
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            black_box(texts)
                .iter()
                .filter_map(|t| TaskDefinition::from_json(t).ok())
                .count()
        });
    });
    group.bench_function("validate", |b| {
        b.iter(|| {
            black_box(models)
                .iter()
                .map(|td| td.validate().len())
                .sum::<usize>()
        });
    });
    group.bench_function("parse_validate", |b| {
        b.iter(|| {
            black_box(texts)
                .iter()
                .filter_map(|t| TaskDefinition::from_json(t).ok())
                .map(|td| td.validate().len())
                .sum::<usize>();
        });
    });
    group.bench_function("parse_validate_render", |b| {
        b.iter(|| {
            black_box(texts)
                .iter()
                .filter_map(|t| TaskDefinition::from_json(t).ok())
                .map(|td| td.validate().len() + td.to_json().len())
                .sum::<usize>();
        });
    });
    let values: Vec<serde_json::Value> = texts
        .iter()
        .filter_map(|t| serde_json::from_str(t).ok())
        .collect();
    group.bench_function("peer_serde_value_parse", |b| {
        b.iter(|| {
            black_box(texts)
                .iter()
                .filter_map(|t| serde_json::from_str::<serde_json::Value>(t).ok())
                .count();
        });
    });
    group.bench_function("peer_serde_value_render", |b| {
        b.iter(|| {
            black_box(&values)
                .iter()
                .map(|v| v.to_string().len())
                .sum::<usize>()
        });
    });
    group.bench_function("peer_memcpy", |b| {
        b.iter(|| {
            black_box(texts)
                .iter()
                .map(|t| t.as_bytes().to_vec().len())
                .sum::<usize>()
        });
    });
    group.finish();
}

fn corpus(c: &mut Criterion) {
    let Some(models) = ecs_benches::corpus() else {
        return;
    };
    let texts: Vec<String> = models.iter().map(TaskDefinition::to_json).collect();
    batch(c, "corpus", &models, &texts);
}

/// The adversarial shapes at the size of the large document, each read and validated; their
/// time per byte is compared with the large document's `parse_validate` by `peers.py`.
fn adversarial(c: &mut Criterion) {
    let size = ecs_benches::large().to_json().len();
    let mut group = c.benchmark_group("adversarial");
    group.sample_size(20);
    for (name, reading, text) in ecs_benches::adversarial(size) {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| match reading {
                Reading::Strict => TaskDefinition::from_json(black_box(&text))
                    .map(|td| td.validate().len())
                    .unwrap_or_default(),
                Reading::Lenient => {
                    TaskDefinition::from_slice(black_box(text.as_bytes()), Mode::Lenient)
                        .map(|td| td.value.validate().len())
                        .unwrap_or_default()
                }
                Reading::Policy => PolicyDocument::from_json(black_box(&text))
                    .map(|p| p.validate().len())
                    .unwrap_or_default(),
            });
        });
    }
    group.finish();
}

criterion_group!(benches, large, typical, fleet, corpus, adversarial);
criterion_main!(benches);
