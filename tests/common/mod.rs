//! Where the tests of the `scs` tool find the data they do not own, as decided by `build.rs`.
//!
//! Tests that need the SCS standards repository carry
//! `#[cfg_attr(scs_no_standards, ignore = ...)]` (`scs_no_shared_fixtures` for the reference
//! checker's output and the scope history, `scs_no_python3` for Python stand-ins): without the
//! data they show as ignored. Under `CI` the cfgs are never set, so the tests run, and these
//! functions fail them with a message saying what is missing.
#![allow(dead_code)]

use std::path::PathBuf;

/// The checkout of the SCS standards repository (`Standards/`, `Tests/`).
pub fn standards() -> PathBuf {
    let dir = env!("SCS_STANDARDS");
    assert!(
        !dir.is_empty(),
        "needs the SCS standards repository (CI is set, so this test runs): set SCS_STANDARDS_DIR to a checkout with Standards/ and Tests/, or put ../shared/fixtures beside the checkout"
    );
    PathBuf::from(dir)
}

/// `../shared/fixtures` (reference checker output, scope history).
pub fn shared_fixtures() -> PathBuf {
    let dir = env!("SCS_SHARED_FIXTURES");
    assert!(
        !dir.is_empty(),
        "needs ../shared/fixtures beside the checkout with reference-reports/ and scs-standards/Tests/history/ (CI is set, so this test runs)"
    );
    PathBuf::from(dir)
}

/// The reference-labelled flavor-name corpus, part of the repository (`scs-flavor/tests/data`).
pub const FLAVOR_CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scs-flavor/tests/data/reference-labels.jsonl"
);
