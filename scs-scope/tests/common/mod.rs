//! Shared helpers: locating the fixtures in `../shared/fixtures`; scripts to run.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use scs_scope::{ScriptCall, TestcaseId};

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
