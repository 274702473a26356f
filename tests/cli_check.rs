//! `scs check` behaves like the reference checker on the real IaaS scope with a stand-in script.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scs::scope::Report;

mod common;

/// The stand-in of `reference-reports/README.md`: PASS for every testcase it is given, except
/// FAIL for two and ABORT for one, and one `ERROR:` line on stderr.
const STAND_IN: &str = r#"import sys
args = sys.argv[1:]
if args[:2] != ["-c", "demo"]:
    print(f"CRITICAL: unexpected arguments {args}", file=sys.stderr)
    sys.exit(2)
special = {
    "scs-0100-semantics-check": "FAIL",
    "scs-0102-image-recency": "FAIL",
    "scs-0117-test-backup": "ABORT",
}
for testcase in args[2:]:
    print(f"{testcase}: {special.get(testcase, 'PASS')}")
print("ERROR: flavor SCS-2V-4 overpromises RAM", file=sys.stderr)
"#;

struct Setup {
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// The SCS standards repository.
    standards: PathBuf,
}

/// A temporary folder with the IaaS scope and the stand-in at `iaas/openstack_test.py`.
/// Every test using it needs the SCS standards repository and python3 (the stand-in is
/// Python): without them it is ignored, and under `CI` it fails.
fn setup() -> Setup {
    let standards = common::standards();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    std::fs::copy(
        standards.join("Tests/scs-compatible-iaas.yaml"),
        root.join("scs-compatible-iaas.yaml"),
    )
    .unwrap();
    std::fs::create_dir(root.join("iaas")).unwrap();
    std::fs::write(root.join("iaas/openstack_test.py"), STAND_IN).unwrap();
    Setup {
        _dir: dir,
        root,
        standards,
    }
}

fn scs(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scs"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("scs runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const BASE: &[&str] = &["check", "-s", "demo-cloud", "-a", "os_cloud=demo"];

fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    BASE.iter().chain(extra).copied().collect()
}

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_shared_fixtures, scs_no_python3),
    ignore = "needs ../shared/fixtures beside the checkout (reference checker output, scope history): SCS_STANDARDS_DIR is not enough; and python3 on PATH"
)]
fn reproduces_the_reference_console_report_and_exit_status() {
    let s = setup();
    // The scope the reference reports were made from.
    let shared = common::shared_fixtures();
    std::fs::copy(
        shared.join("scs-standards/Tests/scs-compatible-iaas.yaml"),
        s.root.join("scs-compatible-iaas.yaml"),
    )
    .unwrap();
    let out = scs(
        &s.root,
        &with(&[
            "-d",
            "2026-11-20",
            "-o",
            "report.yaml",
            "scs-compatible-iaas.yaml",
        ]),
    );
    let expected = std::fs::read_to_string(
        shared.join("reference-reports/scs-compatible-iaas.demo-cloud.console.txt"),
    )
    .unwrap();
    assert_eq!(text(&out.stdout), expected, "stderr: {}", text(&out.stderr));
    // Beyond the reference: one line on stderr says which scope was used.
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("scope: SCS-compatible IaaS (file scs-compatible-iaas.yaml, modified "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        out.status.code(),
        Some(3),
        "1 error line + 2 failed testcases"
    );

    let yaml = std::fs::read_to_string(s.root.join("report.yaml")).unwrap();
    let report = Report::from_yaml_str(&yaml).unwrap();
    let reference = Report::from_yaml_str(
        &std::fs::read_to_string(
            shared.join("reference-reports/scs-compatible-iaas.demo-cloud.report.yaml"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(report.run.argv, reference.run.argv);
    assert_eq!(report.spec, reference.spec);
    assert_eq!(
        (report.subject.as_str(), report.reference_date),
        ("demo-cloud", reference.reference_date)
    );
    let ours = report.run.invocations.values().next().unwrap();
    let theirs = reference.run.invocations.values().next().unwrap();
    assert_eq!(
        (
            &ours.cmd,
            &ours.results,
            &ours.stdout,
            &ours.stderr,
            ours.error,
            ours.rc
        ),
        (
            &theirs.cmd,
            &theirs.results,
            &theirs.stdout,
            &theirs.stderr,
            theirs.error,
            theirs.rc
        )
    );
    assert!(yaml.contains("\n  - '2026-11-20'\n"), "{yaml}");
}

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_python3),
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout; and python3 on PATH"
)]
fn critical_only_ignores_errors_and_failures() {
    let s = setup();
    let out = scs(
        &s.root,
        &with(&["-C", "-d", "2026-11-20", "scs-compatible-iaas.yaml"]),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("- main: FAIL (52 passed, 2 failed, 1 aborted)"));
}

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_python3),
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout; and python3 on PATH"
)]
fn scope_path_from_another_folder_runs_scripts_in_the_scope_folder() {
    let s = setup();
    let parent = s.root.parent().unwrap();
    let scope = s.root.join("scs-compatible-iaas.yaml");
    let out = scs(
        parent,
        &with(&["-d", "2026-11-20", scope.to_str().unwrap()]),
    );
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stdout));
}

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_python3),
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout; and python3 on PATH"
)]
fn quiet_prints_nothing_but_keeps_the_status() {
    let s = setup();
    let out = scs(
        &s.root,
        &with(&["-q", "-d", "2026-11-20", "scs-compatible-iaas.yaml"]),
    );
    assert_eq!(text(&out.stdout), "");
    assert_eq!(out.status.code(), Some(3));
}

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_python3),
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout; and python3 on PATH"
)]
fn verbose_shows_script_output_and_passed_testcases() {
    let s = setup();
    let out = scs(
        &s.root,
        &with(&["-v", "-d", "2026-11-20", "scs-compatible-iaas.yaml"]),
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("scs-0100-semantics-check: FAIL\n"),
        "{stdout}"
    );
    assert!(stdout.contains("ERROR: flavor SCS-2V-4 overpromises RAM\n"));
    assert!(stdout.contains(&format!(
        "{}\ndemo-cloud SCS-compatible IaaS next:\n",
        "*".repeat(80)
    )));
    assert!(
        stdout.contains("  - PASSED:\n    - scs-0100-syntax-check:\n"),
        "{stdout}"
    );
}

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_python3),
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout; and python3 on PATH"
)]
fn forced_version_and_test_selection() {
    let s = setup();
    // v4 is not listed on 2026-11-20 but can be forced.
    let out = scs(
        &s.root,
        &with(&["-V", "v4", "-d", "2026-11-20", "scs-compatible-iaas.yaml"]),
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(
            "demo-cloud SCS-compatible IaaS v4:\n- main: FAIL (37 passed, 2 failed)\n"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains(" next:") && !stdout.contains(" v5.1:"));
    assert_eq!(out.status.code(), Some(3));

    let out = scs(
        &s.root,
        &with(&[
            "-t",
            "scs-0100",
            "-d",
            "2026-11-20",
            "-o",
            "r.yaml",
            "scs-compatible-iaas.yaml",
        ]),
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(
            "demo-cloud SCS-compatible IaaS [tests: 'scs-0100'] next:\n- main: FAIL (1 passed, 1 failed, 53 missing)\n"
        ),
        "{stdout}"
    );
    assert!(
        !stdout.contains("MISSING"),
        "missing testcases are not listed when filtering"
    );
    let report =
        Report::from_yaml_str(&std::fs::read_to_string(s.root.join("r.yaml")).unwrap()).unwrap();
    assert_eq!(report.run.forced_tests.as_deref(), Some("scs-0100"));
    let cmd = &report.run.invocations.values().next().unwrap().cmd;
    assert_eq!(
        cmd,
        "./iaas/openstack_test.py -c demo scs-0100-semantics-check scs-0100-syntax-check"
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "1 error line + 1 failed testcase"
    );
}

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_python3),
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout; and python3 on PATH"
)]
fn unstartable_script_aborts_and_is_critical() {
    let s = setup();
    std::fs::remove_file(s.root.join("iaas/openstack_test.py")).unwrap();
    let out = scs(
        &s.root,
        &with(&[
            "--python",
            "",
            "-d",
            "2026-11-20",
            "scs-compatible-iaas.yaml",
        ]),
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("CRITICAL: cannot start "), "{stdout}");
    assert!(
        stdout.contains("- main: FAIL (0 passed, 55 aborted)"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1), "one critical line");
    // Even with -q, a failing script's stderr is shown (as the reference does), but no summary.
    let out = scs(
        &s.root,
        &with(&[
            "-q",
            "--python",
            "",
            "-d",
            "2026-11-20",
            "scs-compatible-iaas.yaml",
        ]),
    );
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("CRITICAL: cannot start "), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
}

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_python3),
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout; and python3 on PATH"
)]
fn hanging_script_is_killed_after_the_timeout() {
    let s = setup();
    std::fs::write(
        s.root.join("iaas/openstack_test.py"),
        "import time\nprint('scs-0100-syntax-check: PASS', flush=True)\ntime.sleep(60)\n",
    )
    .unwrap();
    let out = scs(
        &s.root,
        &with(&[
            "--timeout",
            "1",
            "-t",
            "scs-0100",
            "-d",
            "2026-11-20",
            "scs-compatible-iaas.yaml",
        ]),
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("did not finish within 1 s and was killed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("- main: FAIL (1 passed, 1 aborted, 53 missing)"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1));
}

/// Runs a failing invocation and returns (exit code, stderr).
fn failing(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = scs(cwd, args);
    assert_eq!(text(&out.stdout), "");
    (out.status.code(), text(&out.stderr))
}

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_python3),
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout; and python3 on PATH"
)]
fn one_line_errors() {
    let s = setup();
    let scope = "scs-compatible-iaas.yaml";
    let cases: &[(&[&str], &str)] = &[
        (
            &["check", "-a", "os_cloud=demo", scope],
            "CRITICAL: You need pass --subject=SUBJECT.\n",
        ),
        (
            &["check", "-s", "x", scope],
            "CRITICAL: Missing variable assignments (via -a) for: os_cloud\n",
        ),
        (
            &[
                "check",
                "-s",
                "x",
                "-a",
                "os_cloud=a",
                "-a",
                "os_cloud=b",
                scope,
            ],
            "CRITICAL: Double assignment for \"os_cloud\"\n",
        ),
        (
            &["check", "-s", "x", "-a", "os_cloud", scope],
            "CRITICAL: -a expects KEY=VALUE, got \"os_cloud\"\n",
        ),
        (
            &["check", "-s", "x", "-a", "os_cloud=a", "-V", "v9", scope],
            "CRITICAL: Requested version 'v9' not found\n",
        ),
        (
            &[
                "check",
                "-s",
                "x",
                "-a",
                "os_cloud=a",
                "-d",
                "2020-01-01",
                scope,
            ],
            "CRITICAL: No valid version found for 2020-01-01\n",
        ),
        (
            &["check", "-s", "x", "-a", "os_cloud=a", "-t", "(", scope],
            "CRITICAL: invalid test selection regex \"(\": unclosed group",
        ),
    ];
    for (args, want) in cases {
        let (code, stderr) = failing(&s.root, args);
        assert_eq!(code, Some(1), "{args:?}");
        assert!(stderr.starts_with(want), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    }
}

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_shared_fixtures, scs_no_python3),
    ignore = "needs ../shared/fixtures beside the checkout (reference checker output, scope history): SCS_STANDARDS_DIR is not enough; and python3 on PATH"
)]
fn older_schema_is_a_one_line_error() {
    let s = setup();
    let old = common::shared_fixtures()
        .join("scs-standards/Tests/history/scs-compatible-iaas.2025-07-02.yaml");
    let (code, stderr) = failing(
        &s.root,
        &[
            "check",
            "-s",
            "x",
            "-a",
            "os_cloud=a",
            old.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains(": modules[1].run: unknown field `run`"),
        "{stderr}"
    );
    assert!(stderr.contains("line 17"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_python3),
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout; and python3 on PATH"
)]
fn bad_date_is_a_usage_error() {
    let s = setup();
    let out = scs(
        &s.root,
        &with(&["-d", "20.11.2026", "scs-compatible-iaas.yaml"]),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("YYYY-MM-DD"));
}

/// A stand-in for the KaaS scripts: reports PASS for the testcase named after `-c`, or for
/// `version-policy-check` when there is no `-c`.
const KAAS_STAND_IN: &str = r#"import sys
args = sys.argv[1:]
if "-c" in args:
    print(f"{args[args.index('-c') + 1]}: PASS")
else:
    print("version-policy-check: PASS")
print(f"INFO: args {args}", file=sys.stderr)
"#;

#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_python3),
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout; and python3 on PATH"
)]
fn kaas_runs_scripts_concurrently_and_selects_sections() {
    let s = setup();
    std::fs::copy(
        s.standards.join("Tests/scs-compatible-kaas.yaml"),
        s.root.join("kaas.yaml"),
    )
    .unwrap();
    for script in [
        "kaas/sonobuoy_handler/run_sonobuoy.py",
        "kaas/scs_0210_version_policy/k8s_version_policy.py",
    ] {
        let path = s.root.join(script);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, KAAS_STAND_IN).unwrap();
    }
    let base = [
        "check",
        "-s",
        "k1",
        "-a",
        "subject_root=.",
        "-a",
        "kubeconfig=kc",
        "-d",
        "2026-01-01",
    ];
    let args: Vec<&str> = base
        .iter()
        .copied()
        .chain(["-j", "3", "-o", "all.yaml", "kaas.yaml"])
        .collect();
    let out = scs(&s.root, &args);
    assert_eq!(
        text(&out.stdout),
        "k1 SCS-compatible KaaS v1:\n- main: PASS (3 passed)\n"
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report =
        Report::from_yaml_str(&std::fs::read_to_string(s.root.join("all.yaml")).unwrap()).unwrap();
    assert_eq!(report.run.invocations.len(), 3);
    assert!(
        report
            .run
            .invocations
            .values()
            .all(|i| i.info == 1 && i.rc == 0)
    );

    let args: Vec<&str> = base
        .iter()
        .copied()
        .chain(["-S", "light", "-o", "light.yaml", "kaas.yaml"])
        .collect();
    let out = scs(&s.root, &args);
    assert_eq!(
        text(&out.stdout),
        "k1 SCS-compatible KaaS [sections: light] v1:\n- main: TENTATIVE pass (1 passed, 2 missing)\n"
    );
    assert_eq!(out.status.code(), Some(0));
    let report =
        Report::from_yaml_str(&std::fs::read_to_string(s.root.join("light.yaml")).unwrap())
            .unwrap();
    assert_eq!(report.run.sections, Some(vec!["light".to_string()]));
    assert_eq!(report.run.invocations.len(), 1);
}

/// Whether a process is running (a zombie counts as ended).
#[cfg(target_os = "linux")]
fn alive(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
    })
}

#[cfg(target_os = "linux")]
#[test]
#[cfg_attr(
    any(scs_no_standards, scs_no_python3),
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout; and python3 on PATH"
)]
fn ctrl_c_reaches_the_running_script() {
    use std::os::unix::process::ExitStatusExt;
    use std::time::{Duration, Instant};

    let s = setup();
    std::fs::write(
        s.root.join("iaas/openstack_test.py"),
        "import os, time\nopen('pid.txt', 'w').write(str(os.getpid()))\ntime.sleep(60)\n",
    )
    .unwrap();
    let mut scs = Command::new(env!("CARGO_BIN_EXE_scs"))
        .current_dir(&s.root)
        .args(with(&[
            "-t",
            "scs-0100",
            "-d",
            "2026-11-20",
            "scs-compatible-iaas.yaml",
        ]))
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let pid = loop {
        if let Ok(pid) = std::fs::read_to_string(s.root.join("pid.txt"))
            && !pid.is_empty()
        {
            break pid;
        }
        assert!(Instant::now() < deadline, "the script did not start");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(alive(&pid));
    let status = Command::new("kill")
        .args(["-INT", &scs.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = scs.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "scs did not end on SIGINT");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(
        status.signal(),
        Some(2),
        "scs ends from the signal, as without the handler"
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while alive(&pid) {
        assert!(Instant::now() < deadline, "the script survived Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
}
