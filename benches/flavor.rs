//! Flavor-name parsing and generation over the reference-labelled corpus.
//!
//! Target (issue: scs-flavor): parse + canonical generation <= 150 ns per name on the
//! 2-core CI machine. Run: `cargo bench --bench flavor`.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scs_flavor::Flavor;

/// The corpus names, or, without the fixtures, a built-in sample of realistic names.
fn names() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/flavor-names/reference-labels.jsonl"
    );
    match std::fs::read_to_string(path) {
        Ok(text) => text
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["name"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect(),
        Err(_) => [
            "SCS-2V-4",
            "SCS-4V-16-50s",
            "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib",
            "SCS-1L-1u-5",
            "m1.small",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    }
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
    let flavors: Vec<Flavor> = names.iter().filter_map(|n| n.parse().ok()).collect();
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
