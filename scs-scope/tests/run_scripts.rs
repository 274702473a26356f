//! Running scripts: results, counts, and failures that become ABORT instead of crashing.
// The process runner is behind scs-scope's feature `runner`.
#![cfg(all(unix, feature = "runner"))]

mod common;

use std::path::Path;
use std::time::Duration;

use common::write_script;
use scs_scope::{RunOptions, ScriptCall, Status, TestcaseId, run_all};

/// [`common::call`] with `GREETING=hello world` in the script's environment.
fn call(dir: &Path, executable: &str, args: &str, testcases: &[&str]) -> ScriptCall {
    ScriptCall {
        env: vec![("GREETING".into(), "hello world".into())],
        ..common::call(dir, executable, args, testcases)
    }
}

fn options() -> RunOptions {
    RunOptions {
        timeout: Duration::from_secs(30),
        python: Some("python3".into()),
    }
}

fn outcome(inv: &scs_scope::Invocation, id: &str) -> Option<Status> {
    inv.results.get(id).copied()
}

#[test]
fn results_counts_args_env_and_working_dir() {
    let dir = tempfile::tempdir().unwrap();
    write_script(
        dir.path(),
        "bin/check.sh",
        r#"for a in "$@"; do echo "arg=[$a]"; done
echo "env=[$GREETING]"
echo "cwd=[$(pwd)]"
echo "tc-a: PASS"
echo "tc-b : fail"
echo "tc-c: ABORT"
echo "tc-unasked: PASS"
echo "tc-a: FAIL"
echo "INFO: informative"
echo "Warning: careful" >&2
echo "ERROR: broken" >&2
echo "error again" >&2
exit 0"#,
    );
    let c = call(
        dir.path(),
        "./bin/check.sh",
        r#"-c 'two words' "x\"y" tc-a"#,
        &["tc-a", "tc-b", "tc-c", "tc-d"],
    );
    let inv = c.run(&options());
    assert_eq!(inv.rc, 0);
    assert_eq!(
        &inv.stdout[..4],
        ["arg=[-c]", "arg=[two words]", "arg=[x\"y]", "arg=[tc-a]"]
    );
    assert_eq!(inv.stdout[4], "env=[hello world]");
    let cwd = dir.path().canonicalize().unwrap();
    assert_eq!(inv.stdout[5], format!("cwd=[{}]", cwd.display()));
    // Last word wins; unasked ids are ignored; unreported ids stay missing after a clean exit.
    assert_eq!(outcome(&inv, "tc-a"), Some(Status::Fail));
    assert_eq!(outcome(&inv, "tc-b"), Some(Status::Fail));
    assert_eq!(outcome(&inv, "tc-c"), Some(Status::Abort));
    assert_eq!(outcome(&inv, "tc-d"), None);
    assert_eq!(outcome(&inv, "tc-unasked"), None);
    assert_eq!(inv.ignored_ids, [TestcaseId::new("tc-unasked")]);
    assert_eq!(
        (inv.info, inv.warning, inv.error, inv.critical),
        (1, 1, 2, 0)
    );
    assert_eq!(inv.failed(), 2);
    assert_eq!(
        inv.cmd,
        r#"GREETING=hello world ./bin/check.sh -c 'two words' "x\"y" tc-a"#
    );
    assert_eq!(
        inv.stderr,
        ["Warning: careful", "ERROR: broken", "error again"]
    );
}

#[test]
fn nonzero_exit_is_not_an_abort() {
    let dir = tempfile::tempdir().unwrap();
    write_script(dir.path(), "check.sh", "echo 'a: FAIL'\nexit 3");
    let inv = call(dir.path(), "check.sh", "", &["a", "b"]).run(&options());
    assert_eq!(inv.rc, 3);
    assert_eq!(outcome(&inv, "a"), Some(Status::Fail));
    assert_eq!(outcome(&inv, "b"), None);
    assert_eq!(inv.critical, 0);
}

#[test]
fn missing_executable_aborts_its_testcases() {
    let dir = tempfile::tempdir().unwrap();
    let inv = call(dir.path(), "./nope.sh", "x", &["a", "b"]).run(&options());
    assert_eq!(inv.rc, 127);
    assert_eq!(outcome(&inv, "a"), Some(Status::Abort));
    assert_eq!(outcome(&inv, "b"), Some(Status::Abort));
    assert_eq!(inv.critical, 1);
    assert!(
        inv.stderr[0].starts_with("CRITICAL: cannot start "),
        "{:?}",
        inv.stderr
    );
    assert!(inv.stdout.is_empty());
}

#[test]
fn non_executable_file_aborts_its_testcases() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plain.sh"), "echo 'a: PASS'\n").unwrap();
    let inv = call(dir.path(), "plain.sh", "", &["a"]).run(&options());
    assert_eq!((inv.rc, inv.critical), (127, 1));
    assert_eq!(outcome(&inv, "a"), Some(Status::Abort));
}

#[test]
fn unsplittable_args_and_remote_executables_abort() {
    let dir = tempfile::tempdir().unwrap();
    write_script(dir.path(), "check.sh", "echo 'a: PASS'");
    let inv = call(dir.path(), "check.sh", "'unclosed", &["a"]).run(&options());
    assert_eq!(outcome(&inv, "a"), Some(Status::Abort));
    assert!(
        inv.stderr[0].contains("no closing quotation"),
        "{:?}",
        inv.stderr
    );
    let inv = call(dir.path(), "https://example.com/check.sh", "", &["a"]).run(&options());
    assert_eq!(outcome(&inv, "a"), Some(Status::Abort));
    assert!(
        inv.stderr[0].contains("not yet supported"),
        "{:?}",
        inv.stderr
    );
}

#[test]
fn hanging_script_is_killed_and_aborts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    // The background sleep keeps the output pipes open after the script itself is killed.
    write_script(
        dir.path(),
        "hang.sh",
        "echo 'a: PASS'\nsleep 60 &\nsleep 60",
    );
    let options = RunOptions {
        timeout: Duration::from_millis(300),
        python: None,
    };
    let inv = call(dir.path(), "hang.sh", "", &["a", "b"]).run(&options);
    assert_eq!(
        outcome(&inv, "a"),
        Some(Status::Pass),
        "results printed before the hang count"
    );
    assert_eq!(outcome(&inv, "b"), Some(Status::Abort));
    assert_eq!(inv.rc, -9);
    assert_eq!(inv.critical, 1);
    assert!(
        inv.stderr
            .last()
            .unwrap()
            .contains("did not finish within 0.3 s"),
        "{:?}",
        inv.stderr
    );
}

#[test]
fn crashing_script_aborts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    write_script(dir.path(), "crash.sh", "echo 'a: FAIL'\nkill -SEGV $$");
    let inv = call(dir.path(), "crash.sh", "", &["a", "b"]).run(&options());
    assert_eq!(inv.rc, -11);
    assert_eq!(outcome(&inv, "a"), Some(Status::Fail));
    assert_eq!(outcome(&inv, "b"), Some(Status::Abort));
    assert!(
        inv.stderr.last().unwrap().contains("killed by signal 11"),
        "{:?}",
        inv.stderr
    );
}

#[test]
#[cfg_attr(scs_no_python3, ignore = "needs python3 on PATH")]
fn python_scripts_run_with_the_interpreter() {
    let dir = tempfile::tempdir().unwrap();
    // Not executable, no shebang: only works through the interpreter, as in the reference.
    std::fs::write(
        dir.path().join("check.py"),
        "import sys\nfor t in sys.argv[1:]:\n    print(f'{t}: PASS')\n",
    )
    .unwrap();
    let inv = call(dir.path(), "./check.py", "a b", &["a", "b"]).run(&options());
    // Without python3 the test is ignored (build.rs), except under CI, where this fails.
    assert_eq!(inv.rc, 0, "python3 must be on PATH: {:?}", inv.stderr);
    assert_eq!(outcome(&inv, "a"), Some(Status::Pass));
    assert_eq!(outcome(&inv, "b"), Some(Status::Pass));
}

#[test]
fn run_all_keeps_the_order_of_calls() {
    let dir = tempfile::tempdir().unwrap();
    write_script(dir.path(), "echo.sh", r#"sleep 0.$1; echo "$2: PASS""#);
    let calls: Vec<ScriptCall> = (0..5)
        .map(|i| {
            call(
                dir.path(),
                "echo.sh",
                &format!("{} t{i}", 5 - i),
                &[&format!("t{i}")],
            )
        })
        .collect();
    let invocations = run_all(&calls, &options(), 3);
    for (i, inv) in invocations.iter().enumerate() {
        assert_eq!(
            outcome(inv, &format!("t{i}")),
            Some(Status::Pass),
            "{inv:?}"
        );
    }
    let ids: std::collections::HashSet<_> = invocations.iter().map(|i| i.id.clone()).collect();
    assert_eq!(ids.len(), 5, "every invocation has its own id");
    assert!(run_all(&[], &options(), 4).is_empty());
}
