//! The embedded demo cloud fails exactly the testcases it is meant to fail.

use std::sync::Arc;

use scs_standards::{Severity, entropy};
use scs_testkit::{Context, Registry, Status, demo, run_blocking};

#[test]
fn demo_cloud_fails_exactly_the_deliberate_defects() {
    let registry = Registry::builtin();
    let ctx = Arc::new(Context::new(demo::source()));
    let ids: Vec<String> = registry.iter().map(|t| t.id().to_string()).collect();
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
    assert_eq!(
        aborted,
        [
            entropy::ENTROPY_AVAIL,
            entropy::FIPS_TEST,
            entropy::RNGD,
            "scs-0117-test-backup"
        ]
    );
    // scs-0101's metadata testcases pass, warning about the two flavors without
    // `hw_rng:allowed`; every public image has `hw_rng_model: virtio`.
    let warned = |id: &str| -> Vec<(Severity, &str)> {
        outcomes[id]
            .findings
            .iter()
            .map(|f| (f.severity, f.object.as_str()))
            .collect()
    };
    assert_eq!(outcomes[entropy::FLAVOR_PROPERTY].status, Status::Pass);
    assert_eq!(
        warned(entropy::FLAVOR_PROPERTY),
        [
            (Severity::Warning, "SCS-2V-8-50s"),
            (Severity::Warning, "m1.small")
        ]
    );
    assert_eq!(outcomes[entropy::IMAGE_PROPERTY].status, Status::Pass);
    assert!(warned(entropy::IMAGE_PROPERTY).is_empty());
}
