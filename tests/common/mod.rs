//! Where the tests of the `scs` tool find the data they do not own, as decided by `build.rs`.
//!
//! Tests that need the SCS standards repository carry
//! `#[cfg_attr(scs_no_standards, ignore = ...)]` (`scs_no_shared_fixtures` for the reference
//! checker's output and the scope history, `scs_no_python3` for Python stand-ins): without the
//! data they show as ignored. Under `CI` the cfgs are never set, so the tests run, and these
//! functions fail them with a message saying what is missing.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// The run folder of a service that `.ci/` starts for the tests: `$var`, by default
/// `default`. Fails the test, naming `what` and the command that starts it (`start`), unless
/// every file of `markers` (such as `ready`) is in it.
pub fn service_run(var: &str, default: &str, markers: &[&str], what: &str, start: &str) -> PathBuf {
    let run = PathBuf::from(std::env::var(var).unwrap_or_else(|_| default.into()));
    for marker in markers {
        let file = run.join(marker);
        assert!(
            file.is_file(),
            "{what} is not running ({} missing); start it with `{start}`",
            file.display()
        );
    }
    run
}

/// The run folder of the loopback OpenStack of `.ci/openstack/` (`$SCS_OPENSTACK_RUN`, by
/// default `/tmp/scs-openstack`); fails the test when the cloud is not ready.
pub fn openstack_run() -> PathBuf {
    service_run(
        "SCS_OPENSTACK_RUN",
        "/tmp/scs-openstack",
        &["ready"],
        "the loopback OpenStack",
        ".ci/openstack/install && .ci/openstack/start",
    )
}

/// The run folder of the compliance monitor of `.ci/monitor/` (`$SCS_MONITOR_RUN`, by default
/// `/tmp/scs-monitor`); fails the test when the monitor is not ready.
pub fn monitor_run() -> PathBuf {
    service_run(
        "SCS_MONITOR_RUN",
        "/tmp/scs-monitor",
        &["ready"],
        "the compliance monitor",
        ".ci/monitor/install && .ci/monitor/start",
    )
}

/// `scs ARGS` as a user whose only configuration is the loopback cloud's `clouds.yaml` in
/// `run`: an empty environment but `PATH`, and `home` as home and working directory.
pub fn scs_as_user(home: &Path, run: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scs"));
    command
        .args(args)
        .current_dir(home)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("OS_CLIENT_CONFIG_FILE", run.join("clouds.yaml"));
    command
}

/// The word the compliance monitor's detail page shows for a testcase result of a report
/// (`1` pass, `-1` fail, `0` did not finish).
pub fn monitor_word(result: i64) -> &'static str {
    match result {
        1 => "pass",
        -1 => "FAIL",
        _ => "DNF",
    }
}
