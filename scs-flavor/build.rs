//! Test set-up, decided when the package is built; the library never sees it.
//!
//! Some tests need the SCS standards repository (standard documents, scopes, image specs).
//! It is found at `$SCS_STANDARDS_DIR` (a checkout holding `Standards/` and `Tests/`; a
//! relative path is taken from the workspace root), else at `../shared/fixtures/scs-standards`
//! beside the workspace. The tests read the path from `env!("SCS_STANDARDS")` (empty when
//! missing). When it is missing the cfg `scs_no_standards` marks those tests *ignored*, except
//! under `CI`, where they run and fail with a message saying what is missing.
//!
//! The tests that compare with the reference checker's output also need
//! `../shared/fixtures/reference-reports`, and read the scope the reports were made from
//! beside it (`env!("SCS_SHARED_FIXTURES")`, cfg `scs_no_reference_reports`); a
//! `SCS_STANDARDS_DIR` alone does not enable them.
//!
//! Only paths that exist are watched (`rerun-if-changed` on a missing path would rebuild the
//! package on every build): after putting the data in place, set `SCS_STANDARDS_DIR` or
//! `touch build.rs` to re-decide.

use std::path::{Path, PathBuf};

/// The workspace root, relative to this package.
const WORKSPACE: &str = "..";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=SCS_STANDARDS_DIR");
    println!("cargo::rustc-check-cfg=cfg(scs_no_standards, scs_no_reference_reports)");
    let ci = std::env::var_os("CI").is_some();
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let workspace = manifest.join(WORKSPACE);
    let shared = workspace.join("../shared/fixtures");

    let standards = match std::env::var_os("SCS_STANDARDS_DIR") {
        Some(dir) => workspace.join(dir),
        None => shared.join("scs-standards"),
    };
    let found = standards.join("Standards").is_dir() && standards.join("Tests").is_dir();
    if found {
        watch(&standards.join("Standards"));
        watch(&standards.join("Tests"));
    } else {
        if std::env::var_os("SCS_STANDARDS_DIR").is_some() {
            println!(
                "cargo::warning=SCS_STANDARDS_DIR={} has no Standards/ and Tests/ folders: not a checkout of the SCS standards repository",
                standards.display()
            );
        }
        if !ci {
            println!("cargo::rustc-cfg=scs_no_standards");
        }
    }
    export("SCS_STANDARDS", found.then_some(&standards));

    let reports =
        shared.join("reference-reports").is_dir() && shared.join("scs-standards/Tests").is_dir();
    if reports {
        watch(&shared.join("reference-reports"));
    } else if !ci {
        println!("cargo::rustc-cfg=scs_no_reference_reports");
    }
    export("SCS_SHARED_FIXTURES", reports.then_some(&shared));
}

/// Re-decide when `path` (which exists) changes or disappears.
fn watch(path: &Path) {
    println!("cargo::rerun-if-changed={}", path.display());
}

/// `env!(name)` in the tests: the absolute path, or empty.
fn export(name: &str, path: Option<&PathBuf>) {
    let value = path
        .map(|p| p.canonicalize().unwrap_or_else(|_| p.clone()))
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    println!("cargo::rustc-env={name}={value}");
}
