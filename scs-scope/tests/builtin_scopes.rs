//! The built-in scopes equal the upstream scope files of the SCS standards repository
//! (`../shared/fixtures/scs-standards/Tests/`) on every fact: uuid, name, url, variables,
//! testcase ids with lifetime, section, url and script (by executable), modules with targets,
//! parameters and url, versions with `stabilized_at` and includes, the timeline, the validity of
//! every version on every timeline date and the day before, and the resolved targets.
//!
//! The upstream files come from the SCS standards repository as `build.rs` finds it; without
//! it these tests are reported as ignored.
//!
//! Both scopes are flattened into `path = value` facts; any difference is listed by path. A
//! change upstream (a new testcase, a new timeline entry, a changed lifetime) breaks the test.

mod common;

use std::collections::BTreeMap;

use scs_scope::{BuiltinScope, Scope};

/// Every fact of a scope, keyed by a path like `modules[scs-0100-v3.1].targets.main`.
fn facts(scope: &Scope) -> BTreeMap<String, String> {
    let mut f = BTreeMap::new();
    let mut put = |k: String, v: String| {
        assert!(f.insert(k.clone(), v).is_none(), "fact {k} twice");
    };
    put("uuid".into(), scope.uuid().into());
    put("name".into(), scope.name().into());
    put("url".into(), scope.url().into());
    put("prerequisite".into(), format!("{:?}", scope.prerequisite()));
    for v in scope.variables() {
        put(format!("variables[{}]", v.name), format!("{:?}", v.default));
    }
    for script in scope.scripts() {
        for t in &script.testcases {
            let at = format!("testcases[{}]", t.id);
            put(format!("{at}.lifetime"), t.lifetime.to_string());
            put(format!("{at}.section"), format!("{:?}", t.section));
            put(format!("{at}.url"), format!("{:?}", t.url));
            put(
                format!("{at}.executable"),
                format!("{:?}", script.executable),
            );
        }
    }
    for m in scope.modules() {
        let at = format!("modules[{}]", m.id);
        put(format!("{at}.url"), format!("{:?}", m.url));
        let names: Vec<&str> = m.parameters.iter().map(|p| p.name.as_str()).collect();
        put(format!("{at}.parameters"), names.join(","));
        put(
            format!("{at}.targets"),
            m.targets.keys().cloned().collect::<Vec<_>>().join(","),
        );
        for (target, ids) in &m.targets {
            let ids: Vec<&str> = ids.iter().map(|i| i.as_str()).collect();
            put(format!("{at}.targets.{target}"), ids.join(","));
        }
    }
    for v in scope.versions() {
        let at = format!("versions[{}]", v.version);
        put(
            format!("{at}.stabilized_at"),
            format!("{:?}", v.stabilized_at),
        );
        for (i, include) in v.include.iter().enumerate() {
            put(
                format!("{at}.include[{i}]"),
                format!("{} {:?}", include.module, include.parameters),
            );
        }
        let resolved = scope.resolve(v.version.as_str()).unwrap();
        for (target, ids) in &resolved.targets {
            let ids: Vec<&str> = ids.iter().map(|i| i.as_str()).collect();
            put(format!("{at}.resolved.{target}"), ids.join(","));
        }
    }
    for entry in scope.timeline() {
        for (version, validity) in &entry.versions {
            put(
                format!("timeline[{}].{version}", entry.date),
                validity.to_string(),
            );
        }
    }
    // Validity of every version on every date that matters, from both timelines' dates.
    for entry in scope.timeline() {
        for day in [entry.date, entry.date.pred_opt().unwrap()] {
            for v in scope.versions() {
                put(
                    format!("validity[{day}].{}", v.version),
                    format!("{:?}", scope.validity_on(v.version.as_str(), day)),
                );
            }
        }
    }
    f
}

/// The paths where `ours` and `theirs` differ, with both values.
fn differences(ours: &Scope, theirs: &Scope) -> Vec<String> {
    let (a, b) = (facts(ours), facts(theirs));
    let mut out = Vec::new();
    for (k, v) in &a {
        match b.get(k) {
            None => out.push(format!("{k}: built in {v:?}, missing upstream")),
            Some(w) if w != v => out.push(format!("{k}: built in {v:?}, upstream {w:?}")),
            _ => {}
        }
    }
    for (k, w) in &b {
        if !a.contains_key(k) {
            out.push(format!("{k}: missing built in, upstream {w:?}"));
        }
    }
    out
}

/// The upstream file: the one place these tests reach the standards repository.
fn upstream(builtin: BuiltinScope) -> (String, Scope) {
    let path = common::tests_file(&format!("scs-compatible-{}.yaml", builtin.key()));
    let text = std::fs::read_to_string(&path).unwrap();
    let scope = Scope::from_yaml_str(&text).unwrap_or_else(|e| panic!("{e}"));
    (text, scope)
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn builtin_scopes_equal_the_upstream_files() {
    for builtin in BuiltinScope::ALL {
        let (_, theirs) = upstream(builtin);
        let ours = builtin.scope();
        let diff = differences(&ours, &theirs);
        assert!(
            diff.is_empty(),
            "built-in {builtin} differs from upstream:\n{}",
            diff.join("\n")
        );
        // The facts compared are many (not an empty comparison).
        assert!(
            facts(&ours).len()
                > if builtin == BuiltinScope::Iaas {
                    300
                } else {
                    20
                }
        );
        assert!(builtin.latest_date() <= BuiltinScope::as_of());
    }
}

/// A change upstream is noticed and named by its path.
#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn an_upstream_change_is_named_by_its_path() {
    let (text, _) = upstream(BuiltinScope::Iaas);
    let ours = BuiltinScope::Iaas.scope();
    let changed = |from: &str, to: &str| {
        assert!(text.contains(from), "{from}");
        let scope = Scope::from_yaml_str(&text.replacen(from, to, 1)).unwrap();
        differences(&ours, &scope)
    };
    // A new timeline entry: its facts, and the validities of the days around it.
    let diff = changed(
        "timeline:\n",
        "timeline:\n  - date: 2027-01-01\n    versions:\n      v5.1: warn\n",
    );
    assert!(
        diff.iter()
            .any(|d| d.starts_with("timeline[2027-01-01].v5.1: missing built in")),
        "{diff:?}"
    );
    assert!(
        diff.iter()
            .any(|d| d.starts_with("validity[2027-01-01].v5.1")),
        "{diff:?}"
    );
    // A changed lifetime.
    let diff = changed(
        "  - id: scs-0100-syntax-check\n",
        "  - id: scs-0100-syntax-check\n    lifetime: day\n",
    );
    assert_eq!(
        diff,
        ["testcases[scs-0100-syntax-check].lifetime: built in \"week\", upstream \"day\""]
    );
    // A testcase moved out of a target.
    let diff = changed(
        "      main:\n      - scs-0114-syntax-check\n",
        "      main: []\n",
    );
    assert!(
        diff.iter()
            .any(|d| d.starts_with("modules[scs-0114-v1].targets.main:")),
        "{diff:?}"
    );
    assert!(
        diff.iter()
            .any(|d| d.starts_with("versions[v5.1].resolved.main:")),
        "{diff:?}"
    );
    // A changed parameter value of an include.
    let diff = changed("scs-0104-v1-images-v5.yaml", "scs-0104-v1-images-v6.yaml");
    assert!(
        diff.iter()
            .any(|d| d.starts_with("versions[next].include[5]:")),
        "{diff:?}"
    );
}
