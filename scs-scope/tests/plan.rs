//! Which scripts run with which arguments: planning on the real scopes and on small ones.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use indexmap::IndexMap;
use scs_scope::args::split;
use scs_scope::{Check, CheckError, CheckOptions, Scope, TestcaseId};

fn options(date: (i32, u32, u32), assignment: &[(&str, &str)]) -> CheckOptions {
    CheckOptions {
        subject: "subject".into(),
        assignment: assignment
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<IndexMap<_, _>>(),
        date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
        forced_version: None,
        tests: None,
        sections: None,
    }
}

fn ids(calls: &scs_scope::ScriptCall) -> Vec<&str> {
    calls.testcases.iter().map(TestcaseId::as_str).collect()
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn iaas_runs_one_script_once_even_with_three_versions() {
    let path = common::tests_file("scs-compatible-iaas.yaml");
    let scope = Scope::load(&path).unwrap();
    let check = Check::new(&scope, options((2025, 3, 1), &[("os_cloud", "demo")])).unwrap();
    let names: Vec<_> = check
        .versions()
        .iter()
        .map(|v| v.version.version.to_string())
        .collect();
    assert_eq!(names, ["v5.1", "v4", "v3"]);
    let calls = check.plan(Path::new("/scopes")).unwrap();
    // v4 and v5.1 give `image_spec` different values, but the script does not use it.
    assert_eq!(calls.len(), 1);
    assert!(
        calls[0]
            .cmd()
            .starts_with("./iaas/openstack_test.py -c demo scs-0100-semantics-check ")
    );
    assert!(
        ids(&calls[0]).contains(&"scs-0104-image-ubuntu-2204"),
        "from v4"
    );
    assert!(
        ids(&calls[0]).contains(&"scs-0104-image-ubuntu-2404"),
        "from v5.1"
    );
    assert_eq!(calls[0].working_dir, Path::new("/scopes"));

    // -t matches at the start of the id (Python's re.match), not anywhere (re.search).
    let mut opts = options((2025, 3, 1), &[("os_cloud", "demo")]);
    opts.tests = Some("0100".into());
    assert!(
        Check::new(&scope, opts.clone())
            .unwrap()
            .plan(Path::new("."))
            .unwrap()
            .is_empty()
    );
    opts.tests = Some("scs-0100".into());
    let calls = Check::new(&scope, opts)
        .unwrap()
        .plan(Path::new("."))
        .unwrap();
    assert_eq!(
        ids(&calls[0]),
        ["scs-0100-semantics-check", "scs-0100-syntax-check"]
    );
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn kaas_substitutes_defaults_and_splits_quoted_args() {
    let path = common::tests_file("scs-compatible-kaas.yaml");
    let scope = Scope::load(&path).unwrap();
    let assignment = [
        ("subject_root", "/work/s1"),
        ("kubeconfig", "/work/kc.yaml"),
    ];
    let check = Check::new(&scope, options((2026, 1, 1), &assignment)).unwrap();
    let calls = check.plan(Path::new(".")).unwrap();
    let summary: Vec<(usize, Vec<&str>)> = calls.iter().map(|c| (c.script, ids(c))).collect();
    assert_eq!(
        summary,
        [
            (0, vec!["cncf-k8s-conformance"]),
            (1, vec!["version-policy-check"]),
            (3, vec!["kaas-networking-check"])
        ]
    );
    assert_eq!(
        split(&calls[0].args).unwrap(),
        [
            "run",
            "-k",
            "/work/kc.yaml",
            "--scs-sonobuoy-config",
            "kaas/scs-sonobuoy-config-v1.yaml",
            "--execution-mode",
            "parallel",
            "-r",
            "/work/s1/sono-results-e2e",
            "-c",
            "cncf-k8s-conformance",
            "-a",
            "--mode=certified-conformance",
            "-a",
            "--plugin-env e2e.E2E_EXTRA_ARGS=--ginkgo.flake-attempts=2",
        ]
    );
    let networking = split(&calls[2].args).unwrap();
    assert!(
        networking.contains(&r#"--e2e-focus "NetworkPolicy""#.to_string()),
        "{networking:?}"
    );
    assert_eq!(
        calls[1].cmd(),
        "./kaas/scs_0210_version_policy/k8s_version_policy.py -k /work/kc.yaml"
    );

    // An assignment overrides the default.
    let assignment = [
        ("subject_root", "s"),
        ("kubeconfig", "k"),
        ("execution_mode", "serial"),
    ];
    let check = Check::new(&scope, options((2026, 1, 1), &assignment)).unwrap();
    assert!(
        check.plan(Path::new(".")).unwrap()[0]
            .args
            .contains("--execution-mode serial")
    );
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn kaas_sections_and_missing_variables() {
    let path = common::tests_file("scs-compatible-kaas.yaml");
    let scope = Scope::load(&path).unwrap();
    let err = Check::new(&scope, options((2026, 1, 1), &[("kubeconfig", "k")])).unwrap_err();
    assert_eq!(
        err,
        CheckError::MissingVariables(vec!["subject_root".into()])
    );
    assert_eq!(
        err.to_string(),
        "Missing variable assignments (via -a) for: subject_root"
    );

    let mut light = options((2026, 1, 1), &[("subject_root", "s"), ("kubeconfig", "k")]);
    light.sections = Some(vec!["light".into()]);
    let check = Check::new(&scope, light).unwrap();
    assert_eq!(check.title(), "SCS-compatible KaaS [sections: light]");
    assert!(check.is_partial());
    let calls = check.plan(Path::new(".")).unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(ids(&calls[0]), ["version-policy-check"]);
}

const PARAMETERIZED: &str = "\
name: P
uuid: u
url: x
scripts:
- executable: ./images.sh
  args: --spec {image_spec} {testcases}
  testcases: [{id: a}, {id: b}, {id: c}]
- executable: ./other.sh
  testcases: [{id: d}]
modules:
- id: images
  parameters: [image_spec]
  targets: {main: [a, b]}
- id: images-2
  parameters: [image_spec]
  targets: {main: [b, c]}
- id: other
  targets: {main: [d]}
timeline:
- date: 2026-01-01
  versions: {v1: effective, v2: draft}
versions:
- version: v1
  stabilized_at: 2026-01-01
  include: [{ref: images, parameters: {image_spec: A.yaml}}, other]
- version: v2
  include: [{ref: images-2, parameters: {image_spec: B.yaml}}]
";

#[test]
fn conflicting_parameters_split_a_script_into_calls() {
    let scope = Scope::from_yaml_str(PARAMETERIZED).unwrap();
    let check = Check::new(&scope, options((2026, 6, 1), &[])).unwrap();
    let calls = check.plan(Path::new(".")).unwrap();
    let cmds: Vec<String> = calls.iter().map(|c| c.cmd()).collect();
    assert_eq!(
        cmds,
        [
            "./images.sh --spec A.yaml a b",
            "./images.sh --spec B.yaml b c",
            "./other.sh"
        ]
    );
}

#[test]
fn results_from_elsewhere_leave_testcases_out_of_the_calls() {
    let scope = Scope::from_yaml_str(PARAMETERIZED).unwrap();
    let check = Check::new(&scope, options((2026, 6, 1), &[])).unwrap();
    let calls = check
        .plan_except(Path::new("."), |id| id == "b" || id == "d")
        .unwrap();
    let cmds: Vec<String> = calls.iter().map(|c| c.cmd()).collect();
    assert_eq!(
        cmds,
        ["./images.sh --spec A.yaml a", "./images.sh --spec B.yaml c"]
    );
}

#[test]
fn test_selection_matches_at_the_start_like_python_re_match() {
    let scope = Scope::from_yaml_str(PARAMETERIZED).unwrap();
    let mut opts = options((2026, 6, 1), &[]);
    opts.tests = Some("[bc]".into());
    let check = Check::new(&scope, opts.clone()).unwrap();
    assert_eq!(check.title(), "P [tests: '[bc]']");
    let calls = check.plan(Path::new(".")).unwrap();
    assert_eq!(calls.len(), 2);
    assert_eq!(ids(&calls[0]), ["b"]);
    assert_eq!(ids(&calls[1]), ["b", "c"]);
    opts.tests = Some("x?c".into());
    let check = Check::new(&scope, opts).unwrap();
    let calls = check.plan(Path::new(".")).unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(ids(&calls[0]), ["c"]);
}
