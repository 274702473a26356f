//! Every loading error names the YAML path and the line of the offence.

use scs_scope::{LoadErrorKind, Scope};

/// A small valid scope; tests replace one line to break it.
const BASE: &str = "\
name: Demo
uuid: 00000000-0000-0000-0000-000000000000
url: https://example.com/demo.yaml
variables:
  - os_cloud
  - mode: fast
scripts:
- executable: ./check.py
  args: -c {os_cloud} --mode {mode} --spec {image_spec} {testcases}
  env:
    OS_CLOUD: '{os_cloud}'
  testcases:
  - id: tc-a
    lifetime: day
  - id: tc-b
    section: light
- testcases:
  - id: tc-manual
modules:
- id: mod-a
  name: Module A
  targets:
    main: [tc-a]
- id: mod-b
  parameters:
    image_spec: URL of the image spec
  targets:
    main: [tc-b]
    preview: [tc-manual]
timeline:
- date: 2026-02-01
  versions:
    v1: effective
versions:
- version: v1
  stabilized_at: 2026-01-15
  include:
  - mod-a
  - ref: mod-b
    parameters:
      image_spec: https://example.com/spec.yaml
";

/// `BASE` with the first occurrence of `from` replaced by `to`.
fn broken(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "{from:?} not in BASE");
    BASE.replacen(from, to, 1)
}

/// Loads `text`, expects an error, and returns (path, line, kind).
fn error(text: &str) -> (String, Option<usize>, LoadErrorKind) {
    let e = Scope::from_yaml_str(text).expect_err("must be rejected");
    let line = e.location().map(|l| l.line);
    let shown = e.to_string();
    if !e.path().segments().is_empty() {
        assert!(shown.starts_with(&format!("{}: ", e.path())), "{shown}");
    }
    (e.path().to_string(), line, e.kind().clone())
}

#[test]
fn base_is_valid() {
    let scope = Scope::from_yaml_str(BASE).unwrap();
    assert_eq!(
        scope.resolve("v1").unwrap().targets["preview"],
        ["tc-manual"]
    );
}

#[test]
fn unknown_key() {
    let (path, line, kind) = error(&broken(
        "  - id: tc-a\n",
        "  - id: tc-a\n    tags: [mandatory]\n",
    ));
    assert_eq!(path, "scripts[0].testcases[0].tags");
    assert_eq!(line, Some(14));
    assert!(matches!(kind, LoadErrorKind::Syntax(m) if m.starts_with("unknown field `tags`")));

    let (path, line, _) = error(&broken("timeline:", "colour: blue\ntimeline:"));
    assert_eq!((path.as_str(), line), ("colour", Some(30)));
}

#[test]
fn unknown_key_in_include_descriptor() {
    let (path, line, _) = error(&broken("  - ref: mod-b\n", "  - ref: mod-b\n    id: x\n"));
    assert_eq!(path, "versions[0].include[1].id");
    assert_eq!(line, Some(40));
}

#[test]
fn wrong_types() {
    let (path, line, kind) = error(&broken("    lifetime: day", "    lifetime: fortnight"));
    assert_eq!(
        (path.as_str(), line),
        ("scripts[0].testcases[0].lifetime", Some(14))
    );
    assert!(matches!(kind, LoadErrorKind::Syntax(m) if m.contains("fortnight")));

    let (path, line, _) = error(&broken("    v1: effective", "    v1: certified"));
    assert_eq!((path.as_str(), line), ("timeline[0].versions.v1", Some(33)));

    let (path, line, _) = error(&broken("- date: 2026-02-01", "- date: next tuesday"));
    assert_eq!((path.as_str(), line), ("timeline[0].date", Some(31)));

    let (path, line, _) = error(&broken(
        "  stabilized_at: 2026-01-15",
        "  stabilized_at: 2026-13-45",
    ));
    assert_eq!(
        (path.as_str(), line),
        ("versions[0].stabilized_at", Some(36))
    );

    let (path, line, _) = error(&broken("    main: [tc-a]", "    main: tc-a"));
    assert_eq!((path.as_str(), line), ("modules[0].targets.main", Some(23)));

    let (path, _, _) = error(&broken("  - mod-a\n", "  - [mod-a]\n"));
    assert_eq!(path, "versions[0].include[0]");

    let (path, _, _) = error(&broken("  - mode: fast", "  - mode: fast\n    other: x"));
    assert_eq!(path, "variables[1]");
}

#[test]
fn missing_key() {
    let (path, line, kind) = error(&broken("- version: v1\n", "- stabilized: no\n"));
    assert!(path.starts_with("versions[0]"), "{path}");
    assert!(line.is_some());
    assert!(
        matches!(kind, LoadErrorKind::Syntax(m) if m.contains("version") || m.contains("stabilized"))
    );

    let (path, _, kind) =
        error(&BASE.replacen("uuid: 00000000-0000-0000-0000-000000000000\n", "", 1));
    assert_eq!(path, ".");
    assert!(matches!(kind, LoadErrorKind::Syntax(m) if m.contains("missing field `uuid`")));
}

#[test]
fn duplicate_testcase_id() {
    let (path, line, kind) = error(&broken("  - id: tc-b\n", "  - id: tc-a\n"));
    assert_eq!(
        (path.as_str(), line),
        ("scripts[0].testcases[1].id", Some(15))
    );
    assert_eq!(kind, LoadErrorKind::DuplicateTestcase("tc-a".into()));
    // Also across scripts.
    let (path, line, _) = error(&broken("  - id: tc-manual", "  - id: tc-b"));
    assert_eq!(
        (path.as_str(), line),
        ("scripts[1].testcases[0].id", Some(18))
    );
}

#[test]
fn duplicate_module_id() {
    let (path, line, kind) = error(&broken("- id: mod-b", "- id: mod-a"));
    assert_eq!((path.as_str(), line), ("modules[1].id", Some(24)));
    assert_eq!(kind, LoadErrorKind::DuplicateModule("mod-a".into()));
}

#[test]
fn duplicate_version() {
    let text = format!("{BASE}- version: v1\n  include: []\n");
    let (path, line, kind) = error(&text);
    assert_eq!((path.as_str(), line), ("versions[1].version", Some(42)));
    assert_eq!(kind, LoadErrorKind::DuplicateVersion("v1".into()));
}

#[test]
fn duplicate_variable() {
    let (path, line, kind) = error(&broken("  - mode: fast", "  - os_cloud"));
    assert_eq!((path.as_str(), line), ("variables[1]", Some(6)));
    assert_eq!(kind, LoadErrorKind::DuplicateVariable("os_cloud".into()));
}

#[test]
fn include_of_unknown_module() {
    let (path, line, kind) = error(&broken("  - mod-a\n", "  - mod-z\n"));
    assert_eq!((path.as_str(), line), ("versions[0].include[0]", Some(38)));
    assert_eq!(kind, LoadErrorKind::UnknownModule("mod-z".into()));
    let (path, _, _) = error(&broken("  - ref: mod-b", "  - ref: mod-y"));
    assert_eq!(path, "versions[0].include[1]");
}

#[test]
fn target_naming_unknown_testcase() {
    let (path, line, kind) = error(&broken(
        "    preview: [tc-manual]",
        "    preview: [tc-manual, tc-ghost]",
    ));
    assert_eq!(
        (path.as_str(), line),
        ("modules[1].targets.preview[1]", Some(29))
    );
    assert_eq!(kind, LoadErrorKind::UnknownTestcase("tc-ghost".into()));
}

#[test]
fn timeline_naming_unknown_version() {
    let (path, line, kind) = error(&broken(
        "    v1: effective",
        "    v1: effective\n    v2: draft",
    ));
    assert_eq!((path.as_str(), line), ("timeline[0].versions.v2", Some(34)));
    assert_eq!(kind, LoadErrorKind::UnknownVersion("v2".into()));
}

#[test]
fn include_without_parameter_value() {
    let (path, line, kind) = error(&broken(
        "  - ref: mod-b\n    parameters:\n      image_spec: https://example.com/spec.yaml\n",
        "  - mod-b\n",
    ));
    assert_eq!((path.as_str(), line), ("versions[0].include[1]", Some(39)));
    assert_eq!(
        kind,
        LoadErrorKind::MissingParameter {
            module: "mod-b".into(),
            parameter: "image_spec".into()
        }
    );
}

#[test]
fn include_with_undeclared_parameter() {
    let (path, line, kind) = error(&broken(
        "      image_spec: https://example.com/spec.yaml\n",
        "      image_spec: https://example.com/spec.yaml\n      colour: blue\n",
    ));
    assert_eq!(
        (path.as_str(), line),
        ("versions[0].include[1].parameters.colour", Some(42))
    );
    assert!(matches!(kind, LoadErrorKind::UnknownParameter { .. }));
}

#[test]
fn testcase_reached_twice_in_one_version() {
    let (path, line, kind) = error(&broken("    main: [tc-b]", "    main: [tc-b, tc-a]"));
    assert_eq!((path.as_str(), line), ("versions[0].include[1]", Some(39)));
    assert_eq!(
        kind,
        LoadErrorKind::TestcaseIncludedTwice {
            testcase: "tc-a".into(),
            first: "mod-a".into(),
            second: "mod-b".into()
        }
    );
}

#[test]
fn bad_placeholders() {
    let (path, line, kind) = error(&broken("--mode {mode}", "--mode {mod}"));
    assert_eq!((path.as_str(), line), ("scripts[0].args", Some(9)));
    assert!(matches!(kind, LoadErrorKind::Placeholder(_)));
    assert!(kind.to_string().contains("{mod}"), "{kind}");

    let (path, line, _) = error(&broken("OS_CLOUD: '{os_cloud}'", "OS_CLOUD: '{os_cloud'"));
    assert_eq!((path.as_str(), line), ("scripts[0].env.OS_CLOUD", Some(11)));
}

#[test]
fn not_yaml_at_all() {
    let (path, line, kind) = error("name: [unclosed\nuuid: x\n");
    assert_eq!(path, "name");
    assert!(line.is_some());
    assert!(matches!(kind, LoadErrorKind::Syntax(_)));
    let (_, _, kind) = error("");
    assert!(matches!(kind, LoadErrorKind::Syntax(_)));
    let (_, _, kind) = error("- just\n- a list\n");
    assert!(matches!(kind, LoadErrorKind::Syntax(_)));
}

#[test]
fn unreadable_file() {
    let err = Scope::load("/nonexistent/scope.yaml").unwrap_err();
    assert!(matches!(err.kind(), LoadErrorKind::Io(_)));
    assert!(
        err.to_string()
            .starts_with("/nonexistent/scope.yaml: cannot read: "),
        "{err}"
    );
}

#[test]
fn errors_from_files_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scope.yaml");
    std::fs::write(&path, broken("- id: mod-b", "- id: mod-a")).unwrap();
    let err = Scope::load(&path).unwrap_err();
    assert_eq!(err.file(), Some(path.as_path()));
    let shown = err.to_string();
    assert!(
        shown.contains("scope.yaml: modules[1].id: duplicate module id `mod-a` (at line 24 column"),
        "{shown}"
    );
}

#[test]
fn effective_before_stable() {
    let (path, line, kind) = error(&broken(
        "  stabilized_at: 2026-01-15",
        "  stabilized_at: 2026-02-02",
    ));
    assert_eq!((path.as_str(), line), ("timeline[0].versions.v1", Some(33)));
    assert!(matches!(kind, LoadErrorKind::NotStable { .. }), "{kind:?}");
    assert_eq!(
        kind.to_string(),
        "version `v1` is `effective` from 2026-02-01 but not stable by then"
    );
    // Never stabilized at all.
    let (path, _, _) = error(&broken("  stabilized_at: 2026-01-15\n", ""));
    assert_eq!(path, "timeline[0].versions.v1");
    // A draft need not be stable.
    let text = broken("  stabilized_at: 2026-01-15\n", "").replace("v1: effective", "v1: draft");
    assert!(Scope::from_yaml_str(&text).is_ok());
}

#[test]
fn timeline_order_does_not_matter_but_dates_must_differ() {
    let ascending = broken(
        "- date: 2026-02-01\n  versions:\n    v1: effective\n",
        "- date: 2026-01-01\n  versions:\n    v1: draft\n- date: 2026-02-01\n  versions:\n    v1: effective\n",
    );
    let scope = Scope::from_yaml_str(&ascending).unwrap();
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    assert_eq!(
        scope.validity_on("v1", day(1, 31)),
        Some(scs_scope::Validity::Draft)
    );
    assert_eq!(
        scope.validity_on("v1", day(2, 1)),
        Some(scs_scope::Validity::Effective)
    );

    let same_day = ascending.replace("- date: 2026-01-01", "- date: 2026-02-01");
    let (path, line, kind) = error(&same_day);
    assert_eq!((path.as_str(), line), ("timeline[1].date", Some(34)));
    assert_eq!(
        kind.to_string(),
        "another timeline entry also starts on 2026-02-01"
    );
}
