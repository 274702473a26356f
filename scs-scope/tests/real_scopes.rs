//! The real scopes of the SCS standards repository load, resolve and follow their timelines.

mod common;

use chrono::NaiveDate;
use scs_scope::{LoadErrorKind, Scope, Validity};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn load(name: &str) -> Scope {
    let path = common::tests_file(name);
    Scope::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn tested(scope: &Scope, date: NaiveDate) -> Vec<(String, Option<Validity>)> {
    scope
        .versions_on(date)
        .into_iter()
        .map(|v| {
            (
                v.version.to_string(),
                scope.validity_on(v.version.as_str(), date),
            )
        })
        .collect()
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn iaas_scope_loads() {
    let scope = load("scs-compatible-iaas.yaml");
    assert_eq!(scope.name(), "SCS-compatible IaaS");
    assert_eq!(scope.uuid(), "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f");
    assert_eq!(scope.variables().len(), 1);
    assert_eq!(scope.variables()[0].name, "os_cloud");
    assert_eq!(scope.scripts().len(), 2);
    assert_eq!(
        scope.scripts()[0].executable.as_deref(),
        Some("./iaas/openstack_test.py")
    );
    assert_eq!(
        scope.scripts()[1].executable,
        None,
        "manual checks have no executable"
    );
    let versions: Vec<_> = scope
        .versions()
        .iter()
        .map(|v| v.version.to_string())
        .collect();
    assert_eq!(versions, ["next", "v5.1", "v4", "v3"]);
    assert_eq!(
        scope.version("v5.1").unwrap().stabilized_at,
        Some(day(2024, 12, 19))
    );
    assert!(!scope.version("next").unwrap().is_stable());
    let module = scope.module("scs-0104-v1-2").unwrap();
    assert_eq!(module.parameters[0].name, "image_spec");
    assert!(scope.module("opc-v2022.11").unwrap().targets.is_empty());
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn iaas_timeline_picks_the_entry_in_force() {
    let scope = load("scs-compatible-iaas.yaml");
    let v = |name: &str, validity| (name.to_string(), Some(validity));
    use Validity::*;
    // Before the first entry: nothing.
    assert_eq!(tested(&scope, day(2024, 12, 18)), []);
    assert_eq!(
        tested(&scope, day(2024, 12, 19)),
        [
            v("v5.1", Effective),
            v("v4", Effective),
            v("v3", Deprecated)
        ]
    );
    assert_eq!(
        tested(&scope, day(2025, 3, 1)),
        [v("v5.1", Effective), v("v4", Warn), v("v3", Deprecated)]
    );
    assert_eq!(
        tested(&scope, day(2025, 9, 9)),
        [
            v("next", Draft),
            v("v5.1", Effective),
            v("v4", Deprecated),
            v("v3", Deprecated)
        ]
    );
    assert_eq!(tested(&scope, day(2026, 6, 10)).len(), 4);
    assert_eq!(
        tested(&scope, day(2026, 6, 11)),
        [v("next", Draft), v("v5.1", Effective)]
    );
    assert_eq!(
        tested(&scope, day(2026, 11, 20)),
        [v("next", Draft), v("v5.1", Effective)]
    );
    // v4 is no longer listed: not tested, and deprecated for certification.
    assert_eq!(scope.validity_on("v4", day(2026, 11, 20)), None);
    assert_eq!(
        scope.effective_validity_on("v4", day(2026, 11, 20)),
        Deprecated
    );
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn iaas_versions_resolve_into_targets() {
    let scope = load("scs-compatible-iaas.yaml");
    let next = scope.resolve("next").unwrap();
    let v51 = scope.resolve("v5.1").unwrap();
    assert_eq!(next.targets.keys().collect::<Vec<_>>(), ["main"]);
    // The reference run on 2026-11-20 counted 55 testcases for next and 54 for v5.1.
    assert_eq!(next.targets["main"].len(), 55);
    assert_eq!(v51.targets["main"].len(), 54);
    let main = &next.targets["main"];
    assert!(main.windows(2).all(|w| w[0] < w[1]), "sorted");
    assert!(main.iter().any(|id| id == "scs-0123-service-s3"));
    assert!(
        !v51.targets["main"]
            .iter()
            .any(|id| id == "scs-0123-service-s3")
    );
    assert!(
        v51.targets["main"]
            .iter()
            .any(|id| id == "scs-0123-service-placement")
    );
    // Module parameters reach the testcases they apply to.
    let spec = next.parameters["scs-0104-source-capi-1"];
    assert!(spec["image_spec"].ends_with("scs-0104-v1-images-v5.yaml"));
    let v4 = scope.resolve("v4").unwrap();
    assert!(
        v4.parameters["scs-0104-source-capi-1"]["image_spec"].ends_with("scs-0104-v1-images.yaml")
    );
    assert_eq!(v4.targets["main"].len(), 2 + 2 + 14 + 15 + 6);
    assert_eq!(scope.resolve("v3").unwrap().targets["main"].len(), 2 + 14);
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn kaas_scope_loads_and_resolves() {
    let scope = load("scs-compatible-kaas.yaml");
    assert_eq!(scope.name(), "SCS-compatible KaaS");
    let vars: Vec<_> = scope
        .variables()
        .iter()
        .map(|v| (v.name.as_str(), v.default.as_deref()))
        .collect();
    assert_eq!(
        vars,
        [
            ("subject_root", None),
            ("kubeconfig", None),
            ("execution_mode", Some("parallel"))
        ]
    );
    let tc = scope.testcase("cncf-k8s-conformance").unwrap();
    assert_eq!(tc.lifetime, scs_scope::Lifetime::Year);
    assert_eq!(tc.section.as_deref(), Some("heavy"));
    assert_eq!(
        scope.testcase("version-policy-check").unwrap().lifetime,
        scs_scope::Lifetime::Week
    );
    let v1 = scope.resolve("v1").unwrap();
    assert_eq!(
        v1.targets["main"],
        [
            "cncf-k8s-conformance",
            "kaas-networking-check",
            "version-policy-check"
        ]
    );
    assert!(
        v1.targets.get("preview").is_none(),
        "scs-0214-v2-manual is not included"
    );
    assert_eq!(tested(&scope, day(2024, 2, 27)), []);
    assert_eq!(
        tested(&scope, day(2024, 2, 28)),
        [("v1".to_string(), Some(Validity::Draft))]
    );
    assert_eq!(
        tested(&scope, day(2025, 1, 1)),
        [("v1".to_string(), Some(Validity::Effective))]
    );
}

#[test]
#[cfg_attr(
    scs_no_shared_fixtures,
    ignore = "needs ../shared/fixtures beside the checkout (reference checker output, scope history): SCS_STANDARDS_DIR is not enough"
)]
fn older_schema_files_get_a_clear_error() {
    let dir = common::shared_fixtures().join("scs-standards/Tests/history");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let err = Scope::load(&path).expect_err("older schema must be rejected");
        seen += 1;
        let path_text = err.path().to_string();
        assert!(
            path_text.starts_with("modules[") && path_text.ends_with("].run"),
            "{}: {err}",
            path.display()
        );
        assert!(
            matches!(err.kind(), LoadErrorKind::Syntax(m) if m.contains("unknown field `run`"))
        );
        assert!(err.location().is_some());
        assert!(err.to_string().contains(&path_text));
    }
    assert_eq!(seen, 4);
}

#[test]
#[cfg_attr(
    scs_no_shared_fixtures,
    ignore = "needs ../shared/fixtures beside the checkout (reference checker output, scope history): SCS_STANDARDS_DIR is not enough"
)]
fn first_history_error_names_the_first_module_with_run() {
    let path = common::shared_fixtures()
        .join("scs-standards/Tests/history/scs-compatible-iaas.2025-07-02.yaml");
    let err = Scope::load(&path).unwrap_err();
    // modules[0] (opc-v2022.11) has no `run`; modules[1] (scs-0100-v3.1) is the first with one.
    assert_eq!(err.path().to_string(), "modules[1].run");
    assert_eq!(err.location().unwrap().line, 17);
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn reference_test_scopes_are_rejected_without_panic() {
    for name in [
        "testing/scs-compatible-test.yaml",
        "testing/scs-0103-v1-flavors-wrong.yaml",
    ] {
        let path = common::tests_file(name);
        let err = Scope::load(&path).unwrap_err();
        assert!(
            matches!(err.kind(), LoadErrorKind::Syntax(_)),
            "{name}: {err}"
        );
    }
}
