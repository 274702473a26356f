//! `scs check` runs scripts safely: without a shell, with values that stay literal arguments,
//! only programs inside the scope's folder, never a remote executable, and with bounded output.
//! (Where this is stricter than the reference checker, SECURITY.md says why.)
// The process runner is behind scs-scope's feature `runner`.
#![cfg(all(unix, feature = "runner"))]

mod common;

use std::path::Path;
use std::time::Duration;

use common::{call, write_script};
use proptest::prelude::*;
use scs_scope::args::{split, substitute_literal};
use scs_scope::{
    Check, CheckOptions, MAX_OUTPUT_BYTES, RunOptions, Scope, ScriptCall, Status, run_all,
};

fn options(timeout: Duration) -> RunOptions {
    RunOptions {
        timeout,
        python: None,
    }
}

const HOSTILE: &[&str] = &[
    "x; touch pwned",
    "$(touch pwned)",
    "`touch pwned`",
    "a' 'b",
    "a\" \"b",
    "trailing\\",
    "two words | touch pwned",
    "../../../bin/sh",
    "/bin/sh -c 'touch pwned'",
    "{testcases}",
    "\n",
];

/// A scope whose script prints each argument it gets; `os_cloud` is assigned on the command
/// line, as with `scs check -a os_cloud=VALUE`.
fn plan_with(dir: &Path, value: &str) -> Vec<ScriptCall> {
    let scope = Scope::from_yaml_str(
        r#"
name: Safety
uuid: u
url: https://example.com
variables: [os_cloud]
scripts:
- executable: ./args.sh
  args: -c {os_cloud} --quoted="{os_cloud}" '{os_cloud}' x{os_cloud}y {testcases}
  testcases: [{id: a}, {id: b}]
modules: [{id: m, targets: {main: [a, b]}}]
timeline: [{date: 2026-01-01, versions: {v1: draft}}]
versions: [{version: v1, include: [m]}]
"#,
    )
    .unwrap();
    let options = CheckOptions {
        subject: "cloud".into(),
        assignment: [("os_cloud".to_string(), value.to_string())]
            .into_iter()
            .collect(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
        forced_version: None,
        tests: None,
        sections: None,
    };
    Check::new(&scope, options).unwrap().plan(dir).unwrap()
}

#[test]
fn variable_values_stay_literal_arguments_without_a_shell() {
    let dir = tempfile::tempdir().unwrap();
    write_script(
        dir.path(),
        "args.sh",
        r#"for a in "$@"; do printf 'arg=[%s]\n' "$a"; done
echo "a: PASS"
echo "b: PASS""#,
    );
    for value in HOSTILE {
        let calls = plan_with(dir.path(), value);
        assert_eq!(calls.len(), 1);
        assert_eq!(
            split(&calls[0].args).unwrap(),
            [
                "-c".to_string(),
                value.to_string(),
                format!("--quoted={value}"),
                value.to_string(),
                format!("x{value}y"),
                "a".into(),
                "b".into()
            ],
            "{value:?} in {:?}",
            calls[0].args
        );
        let inv = calls[0].run(&options(Duration::from_secs(30)));
        assert_eq!(inv.rc, 0, "{value:?}: {:?}", inv.stderr);
        assert_eq!(inv.results.get("a"), Some(&Status::Pass));
        // The script got the value as one argument (it prints `arg=[...]` per argument; a
        // value with a newline shows as two lines).
        let printed = inv.stdout.join("\n");
        assert!(
            printed.contains(&format!("arg=[-c]\narg=[{value}]\narg=[--quoted={value}]")),
            "{value:?}: {printed}"
        );
        assert!(
            !dir.path().join("pwned").exists(),
            "{value:?} ran a command"
        );
    }
}

#[test]
fn plain_values_read_as_in_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    let calls = plan_with(dir.path(), "demo-cloud_1.2");
    assert_eq!(
        calls[0].args,
        "-c demo-cloud_1.2 --quoted=\"demo-cloud_1.2\" 'demo-cloud_1.2' xdemo-cloud_1.2y a b"
    );
    // An empty value adds no word, as in the reference.
    let calls = plan_with(dir.path(), "");
    assert_eq!(
        split(&calls[0].args).unwrap(),
        ["-c", "--quoted=", "", "xy", "a", "b"]
    );
}

#[test]
fn only_programs_inside_the_scope_folder_run() {
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("scope");
    write_script(outer.path(), "outside.sh", "echo 'a: PASS'");
    write_script(&dir, "sub/inside.sh", "echo 'a: PASS'");
    let run = |exe: &str| call(&dir, exe, "", &["a"]).run(&options(Duration::from_secs(30)));
    for exe in [
        "../outside.sh",
        "sub/../../outside.sh",
        "/bin/sh",
        "file:///bin/sh",
        "file://../outside.sh",
    ] {
        let inv = run(exe);
        assert_eq!(inv.rc, 127, "{exe}");
        assert_eq!(inv.results.get("a"), Some(&Status::Abort), "{exe}");
        let last = inv.stderr.last().unwrap();
        assert!(
            last.starts_with("CRITICAL: executable") && last.contains("outside the scope's folder"),
            "{exe}: {last}"
        );
    }
    for exe in ["sub/inside.sh", "./sub/inside.sh", "file://sub/inside.sh"] {
        assert_eq!(run(exe).results.get("a"), Some(&Status::Pass), "{exe}");
    }
}

#[test]
fn remote_executables_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for exe in [
        "https://example.com/check.py",
        "http://example.com/check.sh",
    ] {
        let inv = call(dir.path(), exe, "", &["a"]).run(&options(Duration::from_secs(30)));
        assert_eq!(inv.results.get("a"), Some(&Status::Abort));
        assert!(
            inv.stderr[0].contains("remote check_tool"),
            "{:?}",
            inv.stderr
        );
    }
}

#[test]
fn the_executable_is_never_substituted() {
    // `{tool}` names a file called `{tool}`; no value can choose the program.
    let dir = tempfile::tempdir().unwrap();
    let inv = call(dir.path(), "{tool}", "", &["a"]).run(&options(Duration::from_secs(30)));
    assert_eq!(inv.results.get("a"), Some(&Status::Abort));
    assert!(inv.stderr[0].contains("{tool}"), "{:?}", inv.stderr);
}

#[test]
fn a_gigabyte_of_output_is_cut_off_and_the_other_scripts_still_report() {
    let dir = tempfile::tempdir().unwrap();
    write_script(
        dir.path(),
        "flood.sh",
        "echo 'a: PASS'\nhead -c 1073741824 /dev/zero\necho 'b: PASS'",
    );
    write_script(
        dir.path(),
        "flood-err.sh",
        "echo 'c: FAIL'\nhead -c 1073741824 /dev/zero >&2",
    );
    write_script(dir.path(), "endless.sh", "echo 'd: PASS'\nyes 'e: PASS'");
    write_script(dir.path(), "fine.sh", "echo 'f: PASS'");
    let calls = [
        call(dir.path(), "flood.sh", "", &["a", "b"]),
        call(dir.path(), "flood-err.sh", "", &["c"]),
        call(dir.path(), "endless.sh", "", &["d", "e"]),
        call(dir.path(), "fine.sh", "", &["f"]),
    ];
    let invocations = run_all(&calls, &options(Duration::from_secs(600)), 4);
    let [flood, flood_err, endless, fine] = &invocations[..] else {
        panic!("four invocations");
    };
    let bytes = |lines: &[String]| lines.iter().map(|l| l.len() + 1).sum::<usize>();
    assert_eq!(flood.results.get("a"), Some(&Status::Pass));
    assert_eq!(flood.results.get("b"), Some(&Status::Abort));
    assert!(bytes(&flood.stdout) <= MAX_OUTPUT_BYTES + 1);
    let last = flood.stderr.last().unwrap();
    assert!(
        last.starts_with("CRITICAL: flood.sh printed more than")
            && last.contains("to stdout: its output was cut off"),
        "{last}"
    );
    assert_eq!((flood.rc, flood.critical), (-9, 1));

    assert_eq!(flood_err.results.get("c"), Some(&Status::Fail));
    assert!(bytes(&flood_err.stderr) <= MAX_OUTPUT_BYTES + 200);
    assert!(
        flood_err.stderr.last().unwrap().contains("to stderr"),
        "{:?}",
        flood_err.stderr.last()
    );

    assert_eq!(endless.results.get("d"), Some(&Status::Pass));
    assert!(endless.stderr.last().unwrap().contains("cut off"));

    assert_eq!(fine.results.get("f"), Some(&Status::Pass));
    assert_eq!((fine.rc, fine.critical), (0, 0));
}

#[test]
fn a_script_that_never_ends_is_killed_and_the_others_still_report() {
    let dir = tempfile::tempdir().unwrap();
    write_script(
        dir.path(),
        "forever.sh",
        "echo 'a: PASS'\nwhile :; do sleep 1; done",
    );
    write_script(dir.path(), "fine.sh", "echo 'c: PASS'");
    let calls = [
        call(dir.path(), "forever.sh", "", &["a", "b"]),
        call(dir.path(), "fine.sh", "", &["c"]),
    ];
    let invocations = run_all(&calls, &options(Duration::from_millis(500)), 1);
    assert_eq!(invocations[0].results.get("a"), Some(&Status::Pass));
    assert_eq!(invocations[0].results.get("b"), Some(&Status::Abort));
    assert!(
        invocations[0]
            .stderr
            .last()
            .unwrap()
            .contains("did not finish within 0.5 s and was killed")
    );
    assert_eq!(invocations[1].results.get("c"), Some(&Status::Pass));
}

/// Stands for placeholder `i` while splitting the template itself (private-use characters,
/// which `split` treats as ordinary word characters).
fn marker(i: usize) -> String {
    format!("\u{E000}{i}\u{E001}")
}

/// What `text` leaves open for [`split`], closed: a trailing backslash gets a character to
/// escape, an open quote its partner.
fn closing(text: &str) -> &'static str {
    #[derive(Clone, Copy)]
    enum Quote {
        None,
        Single,
        Double,
    }
    let (mut quote, mut escape) = (Quote::None, false);
    for c in text.chars() {
        if escape {
            escape = false;
            continue;
        }
        quote = match (quote, c) {
            (Quote::Single, '\'') | (Quote::Double, '"') => Quote::None,
            (Quote::None, '\'') => Quote::Single,
            (Quote::None, '"') => Quote::Double,
            (Quote::None | Quote::Double, '\\') => {
                escape = true;
                quote
            }
            (quote, _) => quote,
        };
    }
    match (quote, escape) {
        (Quote::None, false) => "",
        (Quote::None, true) => "x",
        (Quote::Single, _) => "'",
        (Quote::Double, false) => "\"",
        (Quote::Double, true) => "x\"",
    }
}

proptest! {
    /// Whatever the template's quoting around a placeholder and whatever the value, splitting
    /// the substituted args gives the words of the template with the value in place, literally.
    #[test]
    fn substituted_values_split_back_literally(
        pieces in prop::collection::vec(
            prop_oneof![
                "[a-z '\"\\\\ -]{0,4}".prop_map(Err),
                (0usize..3).prop_map(Ok),
            ],
            0..8,
        ),
        values in prop::collection::vec(
            prop_oneof![".{1,6}", "[a-z'\"\\\\ $;|`\n{}]{1,6}"],
            3,
        ),
    ) {
        let mut template = String::new();
        let mut marked = String::new();
        for piece in &pieces {
            match piece {
                Err(text) => {
                    template.push_str(text);
                    marked.push_str(text);
                }
                Ok(i) => {
                    template.push_str(&format!("{{v{i}}}"));
                    marked.push_str(&marker(*i));
                }
            }
        }
        // Random pieces often leave a quote or a backslash open; close them so that every
        // case checks a template that splits (one that does not is refused when run).
        let closing = closing(&marked);
        template.push_str(closing);
        marked.push_str(closing);
        let words = split(&marked).expect("a closed template splits");
        let want: Vec<String> = words
            .into_iter()
            .map(|w| (0..3).fold(w, |w, i| w.replace(&marker(i), &values[i])))
            .collect();
        let value = |name: &str| name.strip_prefix('v').and_then(|i| values.get(i.parse::<usize>().ok()?).cloned());
        let args = substitute_literal(&template, value, &[]).unwrap();
        prop_assert_eq!(split(&args), Ok(want), "template {:?} gave {:?}", template, args);
    }
}
