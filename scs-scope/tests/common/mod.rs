//! Shared helpers: the SCS standards repository and `../shared/fixtures` as found by
//! `build.rs`; scripts to run.
//!
//! The tests that need them carry `#[cfg_attr(scs_no_standards, ignore = ...)]` (or
//! `scs_no_shared_fixtures`): without the data they show as ignored. Under `CI` the cfg is never
//! set, so they run, and the functions here fail them with a message saying what is missing.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use scs_scope::{ScriptCall, TestcaseId};

/// The checkout of the SCS standards repository (`Standards/`, `Tests/`).
pub fn standards() -> PathBuf {
    let dir = env!("SCS_STANDARDS");
    assert!(
        !dir.is_empty(),
        "needs the SCS standards repository (CI is set, so this test runs): set SCS_STANDARDS_DIR to a checkout with Standards/ and Tests/, or put ../shared/fixtures beside the checkout"
    );
    PathBuf::from(dir)
}

/// A file under `Tests/` of the SCS standards repository.
pub fn tests_file(name: &str) -> PathBuf {
    standards().join("Tests").join(name)
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

/// Writes an executable `#!/bin/sh` script `name` (folders created) under `dir`.
#[cfg(unix)]
pub fn write_script(dir: &Path, name: &str, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A call of `executable` with `args` in `dir`, asked for `testcases`, without extra env.
pub fn call(dir: &Path, executable: &str, args: &str, testcases: &[&str]) -> ScriptCall {
    ScriptCall {
        script: 0,
        executable: executable.into(),
        args: args.into(),
        env: Vec::new(),
        testcases: testcases.iter().map(|t| TestcaseId::new(*t)).collect(),
        working_dir: dir.to_owned(),
    }
}
