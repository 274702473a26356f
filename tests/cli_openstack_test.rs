//! `scs openstack-test` (a drop-in for `./iaas/openstack_test.py` on snapshots) and `scs demo`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The fixtures folder, or `None` (with a note) outside CI; in CI, missing fixtures fail.
fn fixtures() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures"));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("fixtures missing at {} (CI is set)", dir.display());
    }
    eprintln!("note: skipping, fixtures missing at {}", dir.display());
    None
}

const DEMO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scs-testkit/data/demo-cloud.yaml"
);

fn scs_in(cwd: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(args)
        .current_dir(cwd)
        .env_remove("OS_CLOUD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn scs(args: &[&str]) -> Output {
    scs_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, "")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn result_lines_on_stdout_log_lines_on_stderr() {
    let out = scs(&[
        "openstack-test",
        "--snapshot",
        DEMO,
        "-c",
        "demo",
        "scs-0114-syntax-check",
        "scs-0115-default-rules",
        "not-scs",
        "scs-0117-test-backup",
        "scs-0999-x",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        "scs-0114-syntax-check: PASS\nscs-0115-default-rules: FAIL\nscs-0117-test-backup: ABORT\nscs-0999-x: ABORT\n"
    );
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], "WARNING: ignoring unknown testcases: not-scs");
    assert!(lines.contains(&"INFO: +++ scs-0115-default-rules: FAIL"));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("ERROR: rule a1f0c3d2-0005 (ingress IPv4): allows ingress"))
    );
    assert!(lines.contains(&"WARNING: scs-0999-x: no such testcase: scs-0999-x"));
    // Every stderr line carries a log-level prefix the reference checker counts.
    for line in lines {
        assert!(
            ["INFO: ", "WARNING: ", "ERROR: ", "CRITICAL: "]
                .iter()
                .any(|p| line.starts_with(p)),
            "{line}"
        );
    }
}

#[test]
fn testcase_ids_from_stdin() {
    let out = scs_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["openstack-test", "--snapshot", DEMO, "-"],
        "scs-0100-syntax-check\n\nscs-0100-semantics-check\n",
    );
    assert_eq!(
        text(&out.stdout),
        "scs-0100-syntax-check: PASS\nscs-0100-semantics-check: FAIL\n"
    );
}

#[test]
fn without_a_snapshot_everything_aborts_with_a_critical_line() {
    let out = scs(&["openstack-test", "-c", "prod", "scs-0100-syntax-check"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "scs-0100-syntax-check: ABORT\n");
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("CRITICAL: testing the live cloud \"prod\" needs the live OpenStack source of a later release"), "{stderr}");
    let out = scs(&["openstack-test", "scs-0100-syntax-check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .starts_with("CRITICAL: You need to have OS_CLOUD set or pass --os-cloud=CLOUD")
    );
}

#[test]
fn a_malformed_snapshot_is_named_with_key_and_item() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cloud.yaml");
    std::fs::write(&file, "flavors:\n- {name: SCS-1V-4, vcpus: 1, ram: 4096, disk: 0}\n- {name: SCS-2V-8, vcpus: two, ram: 8192, disk: 0}\n").unwrap();
    let out = scs(&[
        "openstack-test",
        "--snapshot",
        file.to_str().unwrap(),
        "scs-0100-syntax-check",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "scs-0100-syntax-check: ABORT\n");
    let expected = format!(
        "CRITICAL: {}: flavors[1] (SCS-2V-8): invalid type: string \"two\", expected u32\n",
        file.display()
    );
    assert_eq!(text(&out.stderr), expected);
}

/// The `- main:` summary block of the console output (everything up to the first blank line).
fn summary(stdout: &str) -> String {
    stdout
        .lines()
        .skip_while(|l| !l.starts_with("demo-cloud SCS-compatible IaaS"))
        .take_while(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect()
}

fn failed_ids(summary: &str) -> Vec<Vec<String>> {
    // Per version: the ids listed under FAILED.
    let mut versions = Vec::new();
    let mut in_failed = false;
    for line in summary.lines() {
        if line.starts_with("demo-cloud ") {
            versions.push(Vec::new());
        } else if line == "  - FAILED:" {
            in_failed = true;
        } else if line.starts_with("  - ") {
            in_failed = false;
        } else if in_failed && line.starts_with("    - ") {
            versions.last_mut().unwrap().push(
                line.trim_start_matches("    - ")
                    .trim_end_matches(':')
                    .to_owned(),
            );
        }
    }
    versions
}

#[test]
fn demo_shows_exactly_the_deliberate_defects() {
    let Some(_) = fixtures() else { return };
    let out = scs(&["demo"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let expected = [
        "scs-0100-semantics-check",
        "scs-0102-image-recency",
        "scs-0115-default-rules",
    ];
    assert_eq!(failed_ids(&summary(&stdout)), [expected, expected]);
    assert!(
        stdout.contains("- main: FAIL (49 passed, 3 failed, 3 aborted)"),
        "{stdout}"
    );
    assert!(stdout.contains("    ERROR: SCS-2V-8-50s: disk overpromise"));
    assert!(stdout.contains("To check a real cloud"));
}

#[test]
fn demo_without_the_scope_says_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let out = scs_in(dir.path(), &["demo"], "");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("CRITICAL: scope file ../shared/fixtures/scs-standards/Tests/scs-compatible-iaas.yaml not found; run `scs demo` from the project root"),
        "{stderr}"
    );
}

/// The reference way: `scs check` runs the scope's `./iaas/openstack_test.py -c {os_cloud}
/// {testcases}`; here that script is a wrapper calling `scs openstack-test --snapshot`. The
/// verdicts equal those of the in-process `scs demo`.
#[cfg(unix)]
#[test]
fn drop_in_for_openstack_test_py_under_scs_check() {
    use std::os::unix::fs::PermissionsExt;
    let Some(fixtures) = fixtures() else { return };
    let dir = tempfile::tempdir().unwrap();
    let scope = dir.path().join("scs-compatible-iaas.yaml");
    std::fs::copy(
        fixtures.join("scs-standards/Tests/scs-compatible-iaas.yaml"),
        &scope,
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("iaas")).unwrap();
    let wrapper = dir.path().join("iaas/openstack_test.py");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec '{}' openstack-test --snapshot '{DEMO}' \"$@\"\n",
            env!("CARGO_BIN_EXE_scs")
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = scs_in(
        dir.path(),
        &[
            "check",
            "-s",
            "demo-cloud",
            "-a",
            "os_cloud=demo-cloud",
            "-d",
            "2026-11-20",
            "--python",
            "",
            "scs-compatible-iaas.yaml",
        ],
        "",
    );
    let stdout = text(&out.stdout);
    // Exit status: one ERROR line per error finding (3) plus one per failed testcase (3).
    assert_eq!(out.status.code(), Some(6), "{stdout}{}", text(&out.stderr));
    let demo = text(&scs(&["demo"]).stdout);
    assert_eq!(summary(&stdout), summary(&demo));
}
