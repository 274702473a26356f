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
    assert!(aborted.is_empty(), "{aborted:?}");
    // The volume backup passes on the demo's probe result.
    assert_eq!(outcomes["scs-0117-test-backup"].status, Status::Pass);
    // The sample VM's readings are healthy: scs-0101's VM testcases pass without findings.
    for id in [
        entropy::ENTROPY_AVAIL,
        entropy::FIPS_TEST,
        entropy::RNGD,
        entropy::vm::VIRTIO_RNG,
    ] {
        assert_eq!(outcomes[id].status, Status::Pass, "{id}");
        assert!(outcomes[id].findings.is_empty(), "{id}");
    }
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

/// The demo's sample VM is the one the probe would choose on the demo cloud.
#[test]
fn demo_sample_vm_is_the_one_the_probe_would_boot() {
    use scs_standards::entropy::vm::{Boot, canonical_image, choose_flavor};
    let snapshot = demo::snapshot();
    let probe = snapshot.probes.entropy_vm.as_ref().unwrap();
    use scs_standards::cloud::Visibility;
    let public: Vec<_> = snapshot
        .images
        .clone()
        .unwrap()
        .into_iter()
        .filter(|i| matches!(i.visibility, Visibility::Public | Visibility::Community))
        .collect();
    let image = canonical_image(&public).unwrap();
    assert_eq!(image.name, probe.image);
    let flavors = snapshot.flavors.as_ref().unwrap();
    let (flavor, boot) = choose_flavor(flavors, image).unwrap();
    assert_eq!(
        (flavor.name.as_str(), boot),
        (probe.flavor.as_str(), Boot::Image)
    );
}
