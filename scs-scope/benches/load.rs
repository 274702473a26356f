//! Loading speed, and how fast hostile documents are refused.
//!
//! Targets (release build, one core): the real IaaS scope loads in under 5 ms; a 1 MiB document
//! of nested brackets and a billion-laughs alias bomb are refused in under 10 ms each.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use scs_scope::Scope;

/// The IaaS scope of the SCS standards repository (found by `build.rs`: `SCS_STANDARDS_DIR`
/// or `../shared/fixtures`), if there is one.
fn real_scope() -> Option<String> {
    let standards = env!("SCS_STANDARDS");
    if standards.is_empty() {
        return None;
    }
    let path = format!("{standards}/Tests/scs-compatible-iaas.yaml");
    Some(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

fn alias_bomb() -> String {
    let mut text =
        String::from("name: x\nxa: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut previous = 'a';
    for level in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
        let refs = vec![format!("*{previous}"); 10].join(", ");
        text.push_str(&format!("x{level}: &{level} [{refs}]\n"));
        previous = level;
    }
    text
}

fn load(c: &mut Criterion) {
    match real_scope() {
        Some(text) => {
            c.bench_function("load scs-compatible-iaas.yaml", |b| {
                b.iter(|| Scope::from_yaml_str(black_box(&text)).unwrap())
            });
        }
        None => eprintln!(
            "note: no SCS standards repository (set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout): the real-scope benchmark is left out"
        ),
    }
    let deep = format!("name: {}\n", "[".repeat(1 << 20));
    c.bench_function("refuse 1 MiB of nested brackets", |b| {
        b.iter(|| Scope::from_yaml_str(black_box(&deep)).unwrap_err())
    });
    let bomb = alias_bomb();
    c.bench_function("refuse alias bomb", |b| {
        b.iter(|| Scope::from_yaml_str(black_box(&bomb)).unwrap_err())
    });
}

criterion_group!(benches, load);
criterion_main!(benches);
