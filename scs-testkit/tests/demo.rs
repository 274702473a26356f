//! The embedded demo cloud fails exactly the testcases it is meant to fail.

use std::sync::Arc;

use scs_testkit::{Context, Registry, Status, demo, run_blocking};

#[test]
fn demo_cloud_fails_exactly_the_deliberate_defects() {
    let registry = Registry::builtin();
    let ctx = Arc::new(Context::new(demo::source()));
    let ids: Vec<String> = registry.iter().map(|t| t.id().to_owned()).collect();
    let outcomes = run_blocking(&registry, &ids, &ctx).unwrap();
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|(_, o)| o.status == Status::Fail)
        .map(|(id, _)| id.as_str())
        .collect();
    let report = scs_testkit::scope::render_findings(&outcomes);
    assert_eq!(failed, demo::EXPECTED_FAILURES, "{report}");
    // Only the testcases that are not implemented abort: the demo has every probe.
    let aborted: Vec<&str> = outcomes
        .iter()
        .filter(|(_, o)| o.status == Status::Abort)
        .map(|(id, _)| id.as_str())
        .collect();
    assert!(
        aborted
            .iter()
            .all(|id| id.starts_with("scs-0101-") || *id == "scs-0117-test-backup"),
        "{aborted:?}"
    );
    assert_eq!(aborted.len(), 6);
}
