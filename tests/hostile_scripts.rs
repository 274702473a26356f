//! `scs check` against scripts that print a gigabyte or never end: each is cut off with a
//! `CRITICAL:` line, the other scripts' results are still in the report, and the `scs` process
//! stays small (its peak resident memory, from `wait4`, not a timing).
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};

use scs::scope::Report;

const SCOPE: &str = r#"
name: Hostile scripts
uuid: 00000000-0000-0000-0000-000000000007
url: https://example.com/hostile.yaml
variables: [os_cloud]
scripts:
- executable: ./flood.sh
  args: "{testcases}"
  testcases: [{id: flood-a, lifetime: day}, {id: flood-b, lifetime: day}]
- executable: ./forever.sh
  testcases: [{id: forever, lifetime: day}]
- executable: ./fine.sh
  args: -c {os_cloud}
  testcases: [{id: fine, lifetime: day}]
modules:
- id: m
  targets: {main: [flood-a, flood-b, forever, fine]}
timeline:
- {date: 2026-01-01, versions: {v1: effective}}
versions:
- {version: v1, stabilized_at: 2026-01-01, include: [m]}
"#;

fn write_script(dir: &Path, name: &str, body: &str) {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Runs `command` and returns its exit status and peak resident memory in KiB.
fn run_measured(command: &mut Command) -> (std::process::ExitStatus, i64) {
    let child = command.spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child's pid, with pointers to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4: {}", std::io::Error::last_os_error());
    std::mem::forget(child); // already reaped
    (std::process::ExitStatus::from_raw(status), usage.ru_maxrss)
}

#[test]
fn floods_and_hangs_are_cut_off_and_the_rest_still_reports() {
    let dir = tempfile::tempdir().unwrap();
    write_script(
        dir.path(),
        "flood.sh",
        "echo 'flood-a: PASS'\nhead -c 1073741824 /dev/zero | tr '\\0' x\necho 'flood-b: PASS'",
    );
    write_script(dir.path(), "forever.sh", "while :; do sleep 1; done");
    write_script(
        dir.path(),
        "fine.sh",
        "[ \"$2\" = 'x; touch pwned' ] && echo 'fine: PASS'",
    );
    std::fs::write(dir.path().join("scope.yaml"), SCOPE).unwrap();
    let report = dir.path().join("report.yaml");
    let (status, max_rss_kib) = run_measured(
        Command::new(env!("CARGO_BIN_EXE_scs"))
            .args(["check", "-s", "hostile", "-a", "os_cloud=x; touch pwned"])
            .args(["-d", "2026-06-01", "--timeout", "2", "-j", "3", "-o"])
            .arg(&report)
            .arg(dir.path().join("scope.yaml"))
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    );
    eprintln!("scs peaked at {max_rss_kib} KiB resident");
    // Two scripts were cut off: their critical lines count in the exit status.
    assert!(!status.success(), "{status}");
    assert!(
        status.code().is_some(),
        "scs itself ended normally: {status}"
    );
    // 1 GiB went through the pipe; scs kept at most 16 MiB of it (plus copies while splitting).
    assert!(
        max_rss_kib < 256 * 1024,
        "scs peaked at {max_rss_kib} KiB resident"
    );
    assert!(!dir.path().join("pwned").exists());

    let report: Report = serde_yaml::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let invocations: Vec<_> = report.run.invocations.values().collect();
    let by_cmd = |start: &str| {
        invocations
            .iter()
            .find(|i| i.cmd.starts_with(start))
            .unwrap_or_else(|| panic!("no invocation of {start}"))
    };
    let flood = by_cmd("./flood.sh");
    assert_eq!(flood.results["flood-a"].to_string(), "PASS");
    assert_eq!(flood.results["flood-b"].to_string(), "ABORT");
    assert!(
        flood.stderr.last().unwrap().contains("cut off"),
        "{:?}",
        flood.stderr.last()
    );
    let forever = by_cmd("./forever.sh");
    assert_eq!(forever.results["forever"].to_string(), "ABORT");
    assert!(
        forever
            .stderr
            .last()
            .unwrap()
            .contains("did not finish within 2 s"),
        "{:?}",
        forever.stderr.last()
    );
    let fine = by_cmd("./fine.sh");
    assert_eq!(fine.results["fine"].to_string(), "PASS", "{:?}", fine.cmd);
}
