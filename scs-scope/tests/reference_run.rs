//! The library reproduces the reference checker's run in `reference-reports/`: same versions,
//! verdict lines, listed testcases, exit status and report contents.
// The process runner is behind scs-scope's feature `runner`.
#![cfg(all(unix, feature = "runner"))]

mod common;

use std::os::unix::fs::PermissionsExt;

use chrono::NaiveDate;
use scs_scope::{
    Check, CheckOptions, Report, RunOptions, Scope, collect_results, exit_status, render_summary,
    run_all, working_dir_of,
};

/// The stand-in of the fixture README, as a shell script (run directly, no interpreter).
const STAND_IN: &str = r#"#!/bin/sh
[ "$1" = "-c" ] && [ "$2" = "demo" ] || { echo "CRITICAL: bad args $*" >&2; exit 2; }
shift 2
for tc in "$@"; do
  case "$tc" in
    scs-0100-semantics-check|scs-0102-image-recency) echo "$tc: FAIL" ;;
    scs-0117-test-backup) echo "$tc: ABORT" ;;
    *) echo "$tc: PASS" ;;
  esac
done
echo "ERROR: flavor SCS-2V-4 overpromises RAM" >&2
"#;

#[test]
#[cfg_attr(
    scs_no_shared_fixtures,
    ignore = "needs ../shared/fixtures beside the checkout (reference checker output, scope history): SCS_STANDARDS_DIR is not enough"
)]
fn reproduces_the_reference_run() {
    let fixtures = common::shared_fixtures();
    let dir = tempfile::tempdir().unwrap();
    let scope_path = dir.path().join("scs-compatible-iaas.yaml");
    std::fs::copy(
        fixtures.join("scs-standards/Tests/scs-compatible-iaas.yaml"),
        &scope_path,
    )
    .unwrap();
    let script = dir.path().join("iaas/openstack_test.py");
    std::fs::create_dir_all(script.parent().unwrap()).unwrap();
    std::fs::write(&script, STAND_IN).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();

    let scope = Scope::load(&scope_path).unwrap();
    let options = CheckOptions {
        subject: "demo-cloud".into(),
        assignment: [("os_cloud".to_string(), "demo".to_string())]
            .into_iter()
            .collect(),
        date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        forced_version: None,
        tests: None,
        sections: None,
    };
    let check = Check::new(&scope, options.clone()).unwrap();
    let calls = check.plan(&working_dir_of(&scope_path)).unwrap();
    assert_eq!(calls.len(), 1, "one script, one invocation");
    let run_options = RunOptions {
        python: None,
        ..RunOptions::default()
    };
    let invocations = run_all(&calls, &run_options, 2);
    let results = collect_results(&invocations);
    let summaries = check.summarize(&results);
    let console = render_summary(
        &scope,
        "demo-cloud",
        &check.title(),
        &summaries,
        check.is_partial(),
        false,
    );

    let expected_console = std::fs::read_to_string(
        fixtures.join("reference-reports/scs-compatible-iaas.demo-cloud.console.txt"),
    )
    .unwrap();
    assert_eq!(console, expected_console);
    assert_eq!(exit_status(&invocations, false), 3);
    assert_eq!(exit_status(&invocations, true), 0);

    let expected = Report::from_yaml_str(
        &std::fs::read_to_string(
            fixtures.join("reference-reports/scs-compatible-iaas.demo-cloud.report.yaml"),
        )
        .unwrap(),
    )
    .expect("the reference report fits our report model");
    let argv: Vec<String> = expected.run.argv.clone();
    let report = Report::new(&scope, &options, argv, expected.checked_at, invocations);
    assert_eq!(report.spec, expected.spec);
    assert_eq!(report.reference_date, expected.reference_date);
    assert_eq!(report.subject, expected.subject);
    assert_eq!(report.run.assignment, expected.run.assignment);
    assert_eq!(report.run.sections, expected.run.sections);
    assert_eq!(report.run.forced_version, expected.run.forced_version);
    assert_eq!(report.run.forced_tests, expected.run.forced_tests);
    let ours = report.run.invocations.values().next().unwrap();
    let theirs = expected.run.invocations.values().next().unwrap();
    assert_eq!(ours.cmd, theirs.cmd);
    assert_eq!(ours.results, theirs.results);
    assert_eq!(
        ours.results.keys().collect::<Vec<_>>(),
        theirs.results.keys().collect::<Vec<_>>(),
        "same order"
    );
    assert_eq!(
        (ours.rc, &ours.stdout, &ours.stderr),
        (theirs.rc, &theirs.stdout, &theirs.stderr)
    );
    assert_eq!(
        (ours.info, ours.warning, ours.error, ours.critical),
        (theirs.info, theirs.warning, theirs.error, theirs.critical)
    );

    // Our YAML reads back to the same report, and has the reference's top-level layout.
    let yaml = report.to_yaml();
    assert!(yaml.starts_with("---\nspec:\n"), "{yaml}");
    assert_eq!(Report::from_yaml_str(&yaml).unwrap(), report);
    // Quoted where a YAML 1.1 reader would see a date; a real timestamp and date where one is meant.
    assert!(yaml.contains("\n  - '2026-11-20'\n"), "{yaml}");
    assert!(yaml.contains("\nreference_date: 2026-11-20\n"), "{yaml}");
    assert!(
        yaml.contains(&format!(
            "\nchecked_at: {}\n",
            expected_checked_at_text(&expected)
        )),
        "{yaml}"
    );
    assert!(
        yaml.contains("\n      - 'scs-0100-semantics-check: FAIL'\n"),
        "{yaml}"
    );
    let keys = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with(' ') && l.contains(':'))
            .map(|l| l.split(':').next().unwrap().to_owned())
            .collect()
    };
    // Line by line the same text, but for ids, time and PyYAML's folding of the long `cmd`.
    let normalize = |text: &str| -> Vec<String> {
        let uuid =
            regex::Regex::new("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .unwrap();
        let mut lines: Vec<String> = Vec::new();
        for line in text.lines() {
            if line.starts_with("        ")
                && lines
                    .last()
                    .is_some_and(|l| l.trim_start().starts_with("cmd: "))
            {
                let last = lines.last_mut().unwrap();
                last.push(' ');
                last.push_str(line.trim_start());
            } else if !line.starts_with("checked_at: ") {
                lines.push(uuid.replace_all(line, "UUID").into_owned());
            }
        }
        lines
    };
    let reference_text = std::fs::read_to_string(
        fixtures.join("reference-reports/scs-compatible-iaas.demo-cloud.report.yaml"),
    )
    .unwrap();
    assert_eq!(normalize(&yaml), normalize(&reference_text));

    let expected_text = std::fs::read_to_string(
        fixtures.join("reference-reports/scs-compatible-iaas.demo-cloud.report.yaml"),
    )
    .unwrap();
    assert_eq!(keys(&yaml), keys(&expected_text));
}

fn expected_checked_at_text(report: &Report) -> String {
    report
        .checked_at
        .format("%Y-%m-%d %H:%M:%S%.6f")
        .to_string()
}
