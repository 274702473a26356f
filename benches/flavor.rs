//! Flavor-name parsing and generation over the reference-labelled corpus.
//!
//! Target (issue: scs-flavor): parse + canonical generation <= 150 ns per name on the
//! 2-core CI machine. Run: `cargo bench --bench flavor`.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scs_flavor::Flavor;

/// The names of the reference-labelled corpus (part of the repository, see
/// `scs-flavor/tests/data/README.md`).
fn names() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scs-flavor/tests/data/reference-labels.jsonl"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["name"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let names = names();
    let mut group = c.benchmark_group("flavor");
    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for name in &names {
                let _ = black_box(black_box(name.as_str()).parse::<Flavor>());
            }
        })
    });
    // `display` prints only the valid names (about half the corpus): counted per flavor
    // printed, so that `parse` + `display` can be compared with `parse_and_generate`.
    let flavors: Vec<Flavor> = names.iter().filter_map(|n| n.parse().ok()).collect();
    group.throughput(Throughput::Elements(flavors.len() as u64));
    group.bench_function("display", |b| {
        let mut buffer = String::with_capacity(64);
        b.iter(|| {
            for flavor in &flavors {
                buffer.clear();
                write!(buffer, "{}", black_box(flavor)).unwrap();
                black_box(&buffer);
            }
        })
    });
    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function("parse_and_generate", |b| {
        let mut buffer = String::with_capacity(64);
        b.iter(|| {
            for name in &names {
                if let Ok(flavor) = black_box(name.as_str()).parse::<Flavor>() {
                    buffer.clear();
                    flavor.append_to(&mut buffer);
                    black_box(&buffer);
                }
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
