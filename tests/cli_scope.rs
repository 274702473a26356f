//! `scs scope resolve` and `scs scope check` on the real scopes.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

mod common;

/// `Tests/` of the SCS standards repository.
fn tests_dir() -> PathBuf {
    common::standards().join("Tests")
}

fn scs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(args)
        .output()
        .expect("scs runs")
}

fn resolve_json(file: &str, date: &str) -> Value {
    let path = tests_dir().join(file);
    let out = scs(&[
        "scope",
        "resolve",
        path.to_str().unwrap(),
        "--date",
        date,
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn summary(json: &Value) -> Vec<(String, Value, usize)> {
    json["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let main = v["targets"]["main"].as_array().map_or(0, Vec::len);
            (
                v["version"].as_str().unwrap().to_owned(),
                v["validity"].clone(),
                main,
            )
        })
        .collect()
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn resolve_iaas_on_several_dates() {
    let json = resolve_json("scs-compatible-iaas.yaml", "2026-11-20");
    assert_eq!(json["name"], "SCS-compatible IaaS");
    assert_eq!(json["uuid"], "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f");
    assert_eq!(
        json["url"],
        "https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/scs-compatible-iaas.yaml"
    );
    let s = |v: &str, validity: Value, n| (v.to_owned(), validity, n);
    assert_eq!(
        summary(&json),
        [
            s("next", "draft".into(), 55),
            s("v5.1", "effective".into(), 54),
            s("v4", Value::Null, 39),
            s("v3", Value::Null, 16)
        ]
    );
    assert_eq!(json["versions"][0]["stabilized_at"], Value::Null);
    assert_eq!(json["versions"][1]["stabilized_at"], "2024-12-19");
    let main: Vec<&str> = json["versions"][1]["targets"]["main"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        &main[..2],
        ["scs-0100-semantics-check", "scs-0100-syntax-check"]
    );
    assert!(main.windows(2).all(|w| w[0] < w[1]));

    let json = resolve_json("scs-compatible-iaas.yaml", "2025-03-01");
    let validities: Vec<Value> = summary(&json).into_iter().map(|(_, v, _)| v).collect();
    assert_eq!(
        validities,
        [
            Value::Null,
            "effective".into(),
            "warn".into(),
            "deprecated".into()
        ]
    );

    let json = resolve_json("scs-compatible-iaas.yaml", "2024-01-01");
    assert!(
        summary(&json).iter().all(|(_, v, _)| v.is_null()),
        "before the first entry"
    );
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn resolve_kaas() {
    let json = resolve_json("scs-compatible-kaas.yaml", "2024-03-01");
    let v1 = &json["versions"][0];
    assert_eq!(v1["validity"], "draft");
    assert_eq!(v1["stabilized_at"], "2024-11-26");
    assert_eq!(
        v1["targets"]["main"],
        serde_json::json!([
            "cncf-k8s-conformance",
            "kaas-networking-check",
            "version-policy-check"
        ])
    );
    let json = resolve_json("scs-compatible-kaas.yaml", "2024-11-26");
    assert_eq!(json["versions"][0]["validity"], "effective");
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn resolve_as_text() {
    let dir = tests_dir();
    let path = dir.join("scs-compatible-iaas.yaml");
    let out = scs(&[
        "scope",
        "resolve",
        path.to_str().unwrap(),
        "-d",
        "2026-11-20",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with(
        "SCS-compatible IaaS (50393e6f-2ae1-4c5c-a62c-3b75f2abef3f) on 2026-11-20:\n"
    ));
    assert!(
        stdout.contains("- next: draft\n  - main: 55 testcases\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("- v4 (stabilized 2024-02-28): not listed\n"),
        "{stdout}"
    );
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn check_accepts_the_real_scopes() {
    let dir = tests_dir();
    for name in ["scs-compatible-iaas.yaml", "scs-compatible-kaas.yaml"] {
        let out = scs(&["scope", "check", dir.join(name).to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{name}: {stdout}");
        assert!(stdout.contains(": OK ("), "{stdout}");
    }
    let out = scs(&[
        "scope",
        "check",
        dir.join("scs-compatible-kaas.yaml").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(
        "(SCS-compatible KaaS: 4 scripts, 4 testcases, 5 modules, 1 versions, 2 timeline entries)"
    ));
}

#[test]
#[cfg_attr(
    scs_no_shared_fixtures,
    ignore = "needs ../shared/fixtures beside the checkout (reference checker output, scope history): SCS_STANDARDS_DIR is not enough"
)]
fn check_reports_what_is_wrong() {
    let dir = common::shared_fixtures().join("scs-standards/Tests");
    let path = dir.join("history/scs-compatible-iaas.2024-09-04.yaml");
    let out = scs(&["scope", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("scs-compatible-iaas.2024-09-04.yaml: modules["),
        "{stdout}"
    );
    assert!(stdout.contains("].run: unknown field `run`"), "{stdout}");

    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("broken.yaml");
    let text = std::fs::read_to_string(dir.join("scs-compatible-kaas.yaml"))
        .unwrap()
        .replace("      v1: effective", "      v2: effective");
    std::fs::write(&broken, text).unwrap();
    let out = scs(&["scope", "check", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("timeline[0].versions.v2: timeline names unknown version `v2` (at line"),
        "{stdout}"
    );

    let out = scs(&["scope", "resolve", broken.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}
