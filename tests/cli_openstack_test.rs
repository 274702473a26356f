//! `scs openstack-test` (a drop-in for `./iaas/openstack_test.py` on snapshots) and `scs demo`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;

/// The upstream IaaS scope file of the SCS standards repository.
fn upstream_iaas() -> String {
    common::standards()
        .join("Tests/scs-compatible-iaas.yaml")
        .to_string_lossy()
        .into_owned()
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
        "scs-0114-syntax-check: PASS\nscs-0115-default-rules: FAIL\nscs-0117-test-backup: PASS\nscs-0999-x: ABORT\n"
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
    // The live source looks for cloud `prod` in clouds.yaml (none here); without the feature
    // `openstack` there is no live source.
    let expected = if cfg!(feature = "openstack") {
        "CRITICAL: cloud \"prod\" not found in"
    } else {
        "CRITICAL: testing the live cloud \"prod\" needs scs built with the `openstack` feature"
    };
    assert!(stderr.starts_with(expected), "{stderr}");
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

/// The `- main:` summary block of the console output (everything up to the first blank line);
/// panics when the output has no summary, so that two outputs without one never compare equal.
#[track_caller]
fn summary(stdout: &str) -> String {
    let block: String = stdout
        .lines()
        .skip_while(|l| !l.starts_with("demo-cloud SCS-compatible IaaS"))
        .take_while(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        !block.is_empty(),
        "no `demo-cloud SCS-compatible IaaS` summary in:\n{stdout}"
    );
    block
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
        stdout.contains("- main: FAIL (52 passed, 3 failed)"),
        "{stdout}"
    );
    assert!(stdout.contains("    ERROR: SCS-2V-8-50s: disk overpromise"));
    assert!(stdout.contains("To check a real cloud"));
}

/// The verdict lines of a summary (without the descriptions and urls of the testcases).
fn verdicts(summary: &str) -> String {
    summary
        .lines()
        .filter(|l| !l.starts_with("      > "))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn demo_runs_on_the_built_in_scope_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = scs_in(dir.path(), &["demo", "-o", "report.yaml"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        format!(
            "scope: SCS-compatible IaaS (built in, as of {})\n",
            scs::scope::BUILTIN_AS_OF
        )
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("demo-cloud SCS-compatible IaaS v5.1:\n- main: FAIL (51 passed, 3 failed)"),
        "{stdout}"
    );
    // -o: the report `scs check -o` writes, filed under the upstream scope's uuid.
    let report = scs::scope::Report::from_yaml_str(
        &std::fs::read_to_string(dir.path().join("report.yaml")).unwrap(),
    )
    .unwrap();
    let iaas = scs::scope::BuiltinScope::Iaas;
    assert_eq!(
        (
            report.spec.uuid.as_str(),
            report.spec.name.as_str(),
            report.spec.url.as_str()
        ),
        (iaas.uuid(), iaas.name(), iaas.url())
    );
    assert_eq!(report.subject, "demo-cloud");
    assert_eq!(report.run.argv, ["-o", "report.yaml"]);
    let invocations: Vec<_> = report.run.invocations.values().collect();
    assert_eq!(invocations.len(), 1);
    assert!(
        invocations[0]
            .cmd
            .starts_with("scs demo (in process) scs-0100-")
    );
    assert_eq!(invocations[0].failed(), 3);
    // No temporary file is left beside the report.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// The built-in scope decides as the upstream file does: the same verdicts (descriptions are
/// our own words, so only those lines differ) and the same `spec` block in the report.
#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository (the upstream scope file): set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn demo_verdicts_equal_those_from_the_upstream_file() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = scs_in(dir.path(), &["demo", "-o", "builtin.yaml"], "");
    let upstream = scs_in(
        dir.path(),
        &["demo", "--scope", &upstream_iaas(), "-o", "upstream.yaml"],
        "",
    );
    let (ours, theirs) = (text(&builtin.stdout), text(&upstream.stdout));
    assert_eq!(verdicts(&summary(&ours)), verdicts(&summary(&theirs)));
    assert!(verdicts(&summary(&ours)).contains("- main: FAIL"));
    let spec = |name: &str| {
        scs::scope::Report::from_yaml_str(&std::fs::read_to_string(dir.path().join(name)).unwrap())
            .unwrap()
            .spec
    };
    assert_eq!(spec("builtin.yaml"), spec("upstream.yaml"));
    assert!(text(&upstream.stderr).starts_with("scope: SCS-compatible IaaS (file "));
}

/// A built-in scope's testcase without an in-process implementation ABORTs with the reason.
#[test]
fn demo_on_the_kaas_scope_aborts_what_has_no_built_in() {
    let out = scs(&["demo", "--scope", "kaas"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("- main: FAIL (0 passed, 3 aborted)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  cncf-k8s-conformance: ABORT\n    reason: not run: this scope has no folder with scripts"),
        "{stdout}"
    );
}

#[test]
fn demo_on_another_snapshot_aborts_what_it_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("small-cloud.yaml");
    std::fs::write(&file, "taken_at: 2026-11-20T00:00:00Z\nflavors: []\n").unwrap();
    let out = scs(&["demo", "--snapshot", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Checking SCS-compatible IaaS against the snapshot "),
        "{stdout}"
    );
    assert!(
        stdout.contains("small-cloud SCS-compatible IaaS v5.1:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    reason: images: the snapshot has no `images` key"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  scs-0103-flavor-1v-4: FAIL\n    ERROR: SCS-1V-4: standard flavor SCS-1V-4 is missing"
        ),
        "{stdout}"
    );
}

/// The reference way: `scs check` runs the scope's `./iaas/openstack_test.py -c {os_cloud}
/// {testcases}`; here that script is a wrapper calling `scs openstack-test --snapshot`. The
/// verdicts equal those of the in-process `scs demo`.
#[cfg(unix)]
#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository (the upstream scope file): set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn drop_in_for_openstack_test_py_under_scs_check() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let scope = dir.path().join("scs-compatible-iaas.yaml");
    std::fs::copy(upstream_iaas(), &scope).unwrap();
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
    let demo = text(&scs(&["demo", "--scope", &upstream_iaas()]).stdout);
    assert_eq!(summary(&stdout), summary(&demo));
}

/// `scs check --snapshot`: the built-in testcases run in process, the same verdicts, report
/// and exit status as running the script.
#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository (the upstream scope file): set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn check_with_a_snapshot_runs_builtins_in_process() {
    let dir = tempfile::tempdir().unwrap();
    let scope = dir.path().join("scs-compatible-iaas.yaml");
    // No ./iaas/openstack_test.py: nothing may be left to a script.
    std::fs::copy(upstream_iaas(), &scope).unwrap();
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
            "--snapshot",
            DEMO,
            "-o",
            "report.yaml",
            "scs-compatible-iaas.yaml",
        ],
        "",
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(6), "{stdout}{}", text(&out.stderr));
    let demo = scs(&["demo", "--scope", &upstream_iaas()]);
    assert_eq!(summary(&stdout), summary(&text(&demo.stdout)));
    let report = scs::scope::Report::from_yaml_str(
        &std::fs::read_to_string(dir.path().join("report.yaml")).unwrap(),
    )
    .unwrap();
    let invocations: Vec<_> = report.run.invocations.values().collect();
    assert_eq!(invocations.len(), 1);
    assert!(
        invocations[0].cmd.starts_with(&format!(
            "scs openstack-test --snapshot {DEMO} scs-0100-semantics-check "
        )),
        "{}",
        invocations[0].cmd
    );
    assert_eq!(
        invocations[0].results["scs-0115-default-rules"],
        scs::scope::Status::Fail
    );
}

/// Testcases without a built-in still go to their script; those with one do not.
#[cfg(unix)]
#[test]
fn check_with_a_snapshot_leaves_other_testcases_to_their_scripts() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("scope.yaml"),
        r#"name: Mixed
uuid: 00000000-0000-0000-0000-000000000001
url: https://example.com/mixed.yaml
scripts:
- executable: ./check.sh
  args: "{testcases}"
  testcases:
  - {id: scs-0114-syntax-check, description: Aspect lists are well-formed.}
  - {id: scs-0114-encrypted-type}
  - {id: acme-quota}
modules:
- {id: m, targets: {main: [scs-0114-syntax-check, scs-0114-encrypted-type, acme-quota]}}
timeline:
- {date: 2026-01-01, versions: {v1: effective}}
versions:
- {version: v1, stabilized_at: 2025-12-01, include: [m]}
"#,
    )
    .unwrap();
    // The script fails whatever it is asked, and says what it was asked.
    let script = dir.path().join("check.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nfor t in \"$@\"; do echo \"$t: FAIL\"; done\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = scs_in(
        dir.path(),
        &[
            "check",
            "-s",
            "demo-cloud",
            "-d",
            "2026-11-20",
            "--snapshot",
            DEMO,
            "-o",
            "report.yaml",
            "scope.yaml",
        ],
        "",
    );
    let stdout = text(&out.stdout);
    // acme-quota fails by its script; encrypted-type fails in process (1 ERROR line); syntax passes.
    assert_eq!(out.status.code(), Some(3), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("- main: FAIL (1 passed, 2 failed)"),
        "{stdout}"
    );
    let report = std::fs::read_to_string(dir.path().join("report.yaml")).unwrap();
    let report = scs::scope::Report::from_yaml_str(&report).unwrap();
    let cmds: Vec<&str> = report
        .run
        .invocations
        .values()
        .map(|i| i.cmd.as_str())
        .collect();
    assert!(cmds.contains(&"./check.sh acme-quota"), "{cmds:?}");
    assert!(
        cmds.iter()
            .any(|c| c.starts_with("scs openstack-test --snapshot ")),
        "{cmds:?}"
    );
}

/// `scs flavor batch < names | head -1`: the reader closes the pipe after one line while
/// `scs` still has megabytes to write; `scs` must end quietly (killed by SIGPIPE, as Unix
/// filters are), not panic about a broken pipe.
#[cfg(unix)]
#[test]
fn a_closed_stdout_ends_the_tool_quietly() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;

    let mut child = Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(["flavor", "batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Far more output than a pipe buffers, so `scs` is still writing when the reader leaves.
    let writer = std::thread::spawn(move || {
        let names = "SCS-2V-4\n".repeat(50_000);
        let _ = stdin.write_all(names.as_bytes()); // fails once `scs` is gone: fine
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.contains("SCS-2V-4"), "{first}");
    drop(stdout); // the reader goes away, like `head -1`
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        out.status.signal(),
        Some(13),
        "SIGPIPE expected: {:?}",
        out.status
    );
}
