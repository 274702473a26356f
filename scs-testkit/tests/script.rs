//! A scope script behind the Testcase trait mixes with built-in testcases in one run.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::sync::Arc;

use scs_testkit::{Context, Registry, ScriptTestcase, Status, demo, run};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn script_and_builtin_testcases_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("check.sh");
    // Counts its runs in a file, so we can see it ran once for both testcases.
    std::fs::write(
        &script,
        "#!/bin/sh\necho run >> runs.txt\necho 'ERROR: acme-b: quota too small' >&2\necho 'acme-a: PASS'\necho 'acme-b: FAIL'\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let call = scs_scope::ScriptCall {
        script: 0,
        executable: "./check.sh".into(),
        args: "acme-a acme-b acme-c".into(),
        env: vec![],
        testcases: vec!["acme-a".into(), "acme-b".into(), "acme-c".into()],
        working_dir: dir.path().to_owned(),
    };
    let mut registry = Registry::builtin();
    let testcases = ScriptTestcase::for_call(call, Default::default(), |id| {
        Some((format!("{id} works."), "https://acme.example".into()))
    });
    for t in testcases {
        registry.register(t);
    }
    assert_eq!(
        registry.get("acme-a").unwrap().description(),
        "acme-a works."
    );
    let ctx = Arc::new(Context::new(demo::source()));
    let outcomes = run(
        &registry,
        ["acme-a", "acme-b", "acme-c", "scs-0114-encrypted-type"],
        &ctx,
    )
    .await;
    assert_eq!(outcomes["acme-a"].status, Status::Pass);
    assert_eq!(outcomes["acme-b"].status, Status::Fail);
    assert_eq!(
        outcomes["acme-b"].findings[0].message,
        "acme-b: quota too small"
    );
    assert_eq!(
        outcomes["acme-c"].status,
        Status::Abort,
        "not reported: ABORT"
    );
    assert_eq!(outcomes["scs-0114-encrypted-type"].status, Status::Fail);
    let runs = std::fs::read_to_string(dir.path().join("runs.txt")).unwrap();
    assert_eq!(
        runs.lines().count(),
        1,
        "one execution shared by the three testcases"
    );
}
