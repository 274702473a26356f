//! Flavor-name parsing and canonical printing over the reference-labelled corpus, built as part
//! of the `scs` package: the three workloads of scs-flavor's own `flavor` bench
//! (`scs-flavor/benches/common`, shared here so that both measure the same code), which is
//! what `scs flavor stats` times too.
//!
//! Run: `cargo bench --bench flavor`. `parse` and `parse_and_print` are counted per name of the
//! corpus, `print` per flavor printed (the names that parse, about half).

#[path = "../scs-flavor/benches/common/mod.rs"]
mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let names = common::names();
    let flavors = common::flavors(&names);
    let mut buffer = String::with_capacity(160);
    let mut group = c.benchmark_group("flavor");
    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function("parse", |b| b.iter(|| common::parse(&names)));
    group.throughput(Throughput::Elements(flavors.len() as u64));
    group.bench_function("print", |b| b.iter(|| common::print(&flavors, &mut buffer)));
    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function("parse_and_print", |b| {
        b.iter(|| common::parse_and_print(&names, &mut buffer))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
