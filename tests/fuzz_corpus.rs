//! Replays the fuzz corpus kept in `fuzz/corpus/<target>/` through the code each fuzz target
//! runs (`fuzz/src/lib.rs`, included here), so that whatever the fuzzers once reached is
//! checked again on every `cargo test --workspace`, without cargo-fuzz or a nightly toolchain.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: no corpus", dir.display());
    for file in &files {
        let data = std::fs::read(file).unwrap();
        // A panic names the input, so it can be turned into a unit test.
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} failed on {}", target, file.display());
    }
}

#[test]
fn flavor_name() {
    replay("flavor_name", harness::flavor_name);
}

#[test]
fn scope_load() {
    replay("scope_load", harness::scope_load);
}

#[test]
fn standard_document() {
    replay("standard_document", harness::standard_document);
}

#[test]
fn snapshot_load() {
    replay("snapshot_load", harness::snapshot_load);
}

#[test]
fn result_line() {
    replay("result_line", harness::result_line);
}

#[test]
fn script_args() {
    replay("script_args", harness::script_args);
}
