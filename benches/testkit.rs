//! The whole SCS-compatible IaaS scope, in process, over a generated snapshot.
//!
//! Target (issue: scs-testkit): 10,000 flavors and 10,000 images in under 50 ms on the 2-core
//! CI machine, and twice the data costs at most ~2.1 times the time.
//! Run: `cargo bench --bench testkit`.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use scs::scope::{Check, CheckOptions, Scope};
use scs::standards::cloud::{CloudFlavor, Image};
use scs::testkit::scope::in_process_ids;
use scs::testkit::{Context, Registry, Snapshot, SnapshotSource, demo, run};

/// The demo cloud grown to `n` extra flavors and `n` extra images, all plausible.
fn snapshot(n: usize) -> Snapshot {
    let mut s = demo::snapshot();
    let template = s.images.as_ref().unwrap()[0].clone();
    let flavors = s.flavors.as_mut().unwrap();
    let images = s.images.as_mut().unwrap();
    for i in 0..n {
        let cpus = 1 + (i % 64) as u32;
        let ram_gib = 1 + ((i / 64) % 64) as u64;
        // Unique names: 64 x 64 x 5 combinations.
        let disk = [0, 10, 20, 50, 100][(i / 4096) % 5];
        let name = match disk {
            0 => format!("SCS-{cpus}V-{ram_gib}"),
            d if i % 2 == 0 => format!("SCS-{cpus}V-{ram_gib}-{d}s"),
            d => format!("SCS-{cpus}V-{ram_gib}-{d}"),
        };
        flavors.push(
            CloudFlavor::new(name, cpus, ram_gib * 1024, disk)
                .with_spec(scs::flavor::keys::CPU_TYPE, "shared-core"),
        );
        let mut image: Image = template
            .clone()
            .with("os_purpose", "custom")
            .with("os_version", format!("{}", i % 100));
        image.name = format!("Custom image {i}");
        image.id = format!("generated-{i}");
        images.push(image);
    }
    s
}

/// The scope's testcases of the versions in force when the demo snapshot was taken, or every
/// built-in testcase without the SCS standards repository (`SCS_STANDARDS_DIR` or
/// `../shared/fixtures`, found by `build.rs`).
fn testcase_ids(registry: &Registry) -> Vec<String> {
    let path = format!("{}/Tests/scs-compatible-iaas.yaml", env!("SCS_STANDARDS"));
    match Scope::load(&path) {
        Ok(scope) => {
            let options = CheckOptions {
                subject: "bench".into(),
                assignment: [("os_cloud".to_owned(), "bench".to_owned())]
                    .into_iter()
                    .collect(),
                date: Context::new(demo::source()).now().date_naive(),
                forced_version: None,
                tests: None,
                sections: None,
            };
            let check = Check::new(&scope, options).unwrap();
            in_process_ids(&check, registry)
                .iter()
                .map(|id| id.as_str().to_owned())
                .collect()
        }
        Err(e) => {
            eprintln!("note: {e}; benchmarking every built-in testcase instead of the scope");
            registry.iter().map(|t| t.id().to_string()).collect()
        }
    }
}

fn whole_scope(c: &mut Criterion) {
    let registry = Registry::builtin();
    let ids = testcase_ids(&registry);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut group = c.benchmark_group("iaas_scope");
    group.sample_size(20);
    for n in [10_000, 20_000] {
        let source = Arc::new(SnapshotSource::new(snapshot(n)));
        group.throughput(Throughput::Elements(2 * n as u64));
        group.bench_with_input(BenchmarkId::new("flavors_and_images", n), &n, |b, _| {
            b.iter(|| {
                // A fresh context: every fact is fetched again, as in a real run.
                let ctx = Arc::new(Context::from_arc(source.clone()));
                black_box(runtime.block_on(run(&registry, &ids, &ctx)))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, whole_scope);
criterion_main!(benches);
