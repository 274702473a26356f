//! Shared helpers: locating the fixtures in `../shared/fixtures`.
#![allow(dead_code)]

use std::path::PathBuf;

/// The fixtures folder, or `None` (with a printed note) when it is missing outside CI.
/// In CI (`CI` set), missing fixtures fail the test.
pub fn fixtures() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/fixtures"
    ));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("fixtures missing at {} (CI is set)", dir.display());
    }
    eprintln!("note: skipping, fixtures missing at {}", dir.display());
    None
}

/// A file under `scs-standards/Tests/`.
pub fn tests_file(name: &str) -> Option<PathBuf> {
    fixtures().map(|d| d.join("scs-standards/Tests").join(name))
}
