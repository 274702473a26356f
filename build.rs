//! Test set-up, decided when the package is built (the library never uses it). The same file
//! is in every package with such tests; only the two constants below differ.
//!
//! - `standards`: some tests need the SCS standards repository (standard documents, scopes,
//!   image specs). It is `$SCS_STANDARDS_DIR` (a checkout holding `Standards/` and `Tests/`; a
//!   relative path is taken from the workspace root), else `../shared/fixtures/scs-standards`
//!   beside the workspace. Tests read it from `env!("SCS_STANDARDS")` (empty when missing).
//!   Missing: cfg `scs_no_standards`.
//! - `shared`: a few tests need `../shared/fixtures` itself: the reference checker's output
//!   (`reference-reports/`, compared with the scope it was made from) and the earlier scope
//!   revisions taken from the repository's history (`scs-standards/Tests/history/`).
//!   `SCS_STANDARDS_DIR` alone does not enable them. Tests read `env!("SCS_SHARED_FIXTURES")`.
//!   Missing: cfg `scs_no_shared_fixtures`.
//! - `python3`: tests whose stand-in scripts are Python need `python3` on `PATH` (the scope
//!   runner calls it, as the reference does). Missing: cfg `scs_no_python3`.
//! - `script`: the progress-line test needs util-linux `script` (a pseudo-terminal) on `PATH`.
//!   Missing: cfg `scs_no_script`.
//! - `openstack`: the live tests need the loopback OpenStack of `.ci/openstack/`;
//!   `$SCS_OPENSTACK_RUN/ready` (default `/tmp/scs-openstack/ready`) exists while it runs.
//!   Missing: cfg `scs_no_openstack`.
//! - `openstack-no-backup`: one live test needs a second loopback OpenStack started without
//!   cinder-backup (`SCS_OPENSTACK_BACKUP=0`) in the network namespace
//!   `$SCS_OPENSTACK_NOBACKUP_NETNS` (default `scs-nobackup`), with its run folder
//!   `$SCS_OPENSTACK_NOBACKUP_RUN` (default `/tmp/scs-openstack-nobackup`) holding `ready` and
//!   `no-backup` (see `.ci/openstack/README.md`). Missing: cfg `scs_no_openstack_no_backup`.
//! - `monitor`: the upload tests need the SCS compliance monitor of `.ci/monitor/`;
//!   `$SCS_MONITOR_RUN/ready` (default `/tmp/scs-monitor/ready`) exists while it runs.
//!   Missing: cfg `scs_no_monitor`.
//! - `chromium`: the browser test of `scs serve` drives Debian's `/usr/bin/chromium` through
//!   `/usr/bin/chromedriver` (packages `chromium`, `chromium-driver`). Missing: cfg
//!   `scs_no_chromium`.
//!
//! Each cfg marks the tests that need it `#[ignore]`d, so the test runner reports them as
//! ignored, never as passed. Under `CI` no cfg is set: the tests run, and fail with a message
//! saying what is missing.
//!
//! Only paths that exist are watched: `rerun-if-changed` on a missing path would rebuild the
//! package on every build. Changes of `CI`, `SCS_STANDARDS_DIR`, `SCS_OPENSTACK_RUN` and (for
//! the tools) `PATH` re-decide. After putting data in place (or starting the cloud the first
//! time), set `SCS_STANDARDS_DIR` or `touch build.rs` to re-decide; a stopped cloud's run
//! folder is watched, so starting it again is noticed.

use std::path::{Path, PathBuf};

/// The workspace root, relative to this package.
const WORKSPACE: &str = ".";

/// What this package's tests need (the probes of the module docs).
const NEEDS: &[&str] = &[
    "standards",
    "shared",
    "python3",
    "script",
    "openstack",
    "openstack-no-backup",
    "monitor",
    "chromium",
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CI");
    println!(
        "cargo::rustc-check-cfg=cfg(scs_no_standards, scs_no_shared_fixtures, scs_no_python3, scs_no_script, scs_no_openstack, scs_no_openstack_no_backup, scs_no_monitor, scs_no_chromium)"
    );
    let ci = std::env::var_os("CI").is_some();
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let workspace = manifest.join(WORKSPACE);
    let shared = workspace.join("../shared/fixtures");
    let missing = |cfg: &str| {
        if !ci {
            println!("cargo::rustc-cfg={cfg}");
        }
    };

    if NEEDS.contains(&"standards") {
        println!("cargo::rerun-if-env-changed=SCS_STANDARDS_DIR");
        let given = std::env::var_os("SCS_STANDARDS_DIR");
        let dir = match &given {
            Some(dir) => workspace.join(dir),
            None => shared.join("scs-standards"),
        };
        let found = dir.join("Standards").is_dir() && dir.join("Tests").is_dir();
        if found {
            watch(&dir.join("Standards"));
            watch(&dir.join("Tests"));
        } else {
            if given.is_some() {
                println!(
                    "cargo::warning=SCS_STANDARDS_DIR={} has no Standards/ and Tests/ folders: not a checkout of the SCS standards repository",
                    dir.display()
                );
            }
            missing("scs_no_standards");
        }
        export("SCS_STANDARDS", found.then_some(&dir));
    }

    if NEEDS.contains(&"shared") {
        let reports = shared.join("reference-reports");
        let history = shared.join("scs-standards/Tests/history");
        let found = reports.is_dir() && history.is_dir();
        if found {
            watch(&reports);
            watch(&history);
        } else {
            missing("scs_no_shared_fixtures");
        }
        export("SCS_SHARED_FIXTURES", found.then_some(&shared));
    }

    for tool in ["python3", "script"] {
        if NEEDS.contains(&tool) {
            println!("cargo::rerun-if-env-changed=PATH");
            match in_path(tool) {
                Some(file) => watch(&file),
                None => missing(&format!("scs_no_{tool}")),
            }
        }
    }

    if NEEDS.contains(&"openstack")
        && !service_running("SCS_OPENSTACK_RUN", "/tmp/scs-openstack", &["ready"])
    {
        missing("scs_no_openstack");
    }

    if NEEDS.contains(&"openstack-no-backup") {
        println!("cargo::rerun-if-env-changed=SCS_OPENSTACK_NOBACKUP_NETNS");
        let netns =
            std::env::var("SCS_OPENSTACK_NOBACKUP_NETNS").unwrap_or_else(|_| "scs-nobackup".into());
        let running = service_running(
            "SCS_OPENSTACK_NOBACKUP_RUN",
            "/tmp/scs-openstack-nobackup",
            &["ready", "no-backup"],
        );
        if !(running && Path::new("/run/netns").join(netns).exists()) {
            missing("scs_no_openstack_no_backup");
        }
    }

    if NEEDS.contains(&"monitor")
        && !service_running("SCS_MONITOR_RUN", "/tmp/scs-monitor", &["ready"])
    {
        missing("scs_no_monitor");
    }

    if NEEDS.contains(&"chromium") {
        let tools = [
            Path::new("/usr/bin/chromium"),
            Path::new("/usr/bin/chromedriver"),
        ];
        if tools.iter().all(|tool| tool.is_file()) {
            tools.iter().for_each(|tool| watch(tool));
        } else {
            // `/usr/bin` changes when the packages are installed.
            watch(Path::new("/usr/bin"));
            missing("scs_no_chromium");
        }
    }
}

/// Whether a service that `.ci/` starts is running: its run folder (`$var`, by default
/// `default`) holds every file of `markers`, the first of which `start` writes last and `stop`
/// removes. Re-decide when that file, or the folder of a stopped service, changes.
fn service_running(var: &str, default: &str, markers: &[&str]) -> bool {
    println!("cargo::rerun-if-env-changed={var}");
    let run = PathBuf::from(std::env::var_os(var).unwrap_or_else(|| default.into()));
    if markers.iter().all(|marker| run.join(marker).is_file()) {
        watch(&run.join(markers[0]));
        true
    } else {
        if run.is_dir() {
            // Small and quiet while the service is stopped; `start` rewrites it.
            watch(&run);
        }
        false
    }
}

/// The first `name` on `PATH`.
fn in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|file| file.is_file())
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
