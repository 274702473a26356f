//! scs-0100 and scs-0103 validators over real flavor catalogues: the reference's verbose list of
//! standard flavors, and the OSISM flavor manager's catalogue (`tests/data/osism/flavors.yaml`).

use std::collections::BTreeMap;

use scs_standards::cloud::CloudFlavor;
use scs_standards::{flavor_naming, standard_flavors};
use serde::Deserialize;

#[derive(Deserialize)]
struct Catalogue {
    #[serde(default)]
    mandatory: Vec<Spec>,
    #[serde(default)]
    recommended: Vec<Spec>,
}

#[derive(Deserialize)]
struct Spec {
    name: String,
    cpus: u32,
    ram: u64,
    #[serde(default)]
    disk: u64,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_yaml::Value>,
}

/// The SCS standards repository (`Standards/`, `Tests/`), found by `build.rs`.
fn standards() -> String {
    let dir = env!("SCS_STANDARDS");
    assert!(
        !dir.is_empty(),
        "needs the SCS standards repository (CI is set, so this test runs): set SCS_STANDARDS_DIR to a checkout with Standards/ and Tests/, or put ../shared/fixtures beside the checkout"
    );
    dir.to_owned()
}

/// The flavors a flavor manager creates from the catalogue: figures and string extra specs.
fn load(path: &str) -> Vec<CloudFlavor> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let catalogue: Catalogue = serde_yaml::from_str(&text).unwrap();
    catalogue
        .mandatory
        .into_iter()
        .chain(catalogue.recommended)
        .map(|s| {
            let mut f = CloudFlavor::new(&s.name, s.cpus, s.ram, s.disk);
            for (k, v) in &s.extra {
                if let serde_yaml::Value::String(v) = v {
                    f = f.with_spec(k, v);
                }
            }
            f
        })
        .collect()
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn reference_list_meets_scs_0103_and_scs_0100() {
    let flavors = load(&format!(
        "{}/Tests/iaas/SCS-Spec.MandatoryFlavors.verbose.yaml",
        standards()
    ));
    assert_eq!(flavors.len(), 31);
    for (id, outcome) in standard_flavors::validate(&flavors) {
        assert!(outcome.passed(), "{id}: {:?}", outcome.findings);
    }
    for (id, outcome) in flavor_naming::validate(&flavors) {
        assert!(outcome.passed(), "{id}: {:?}", outcome.findings);
        assert!(outcome.findings.is_empty(), "{id}: {:?}", outcome.findings);
    }
}

#[test]
fn osism_catalogue_outcome() {
    let flavors = load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/osism/flavors.yaml"
    ));
    assert_eq!(flavors.len(), 30);
    // Names and figures are right.
    for (id, outcome) in flavor_naming::validate(&flavors) {
        assert!(outcome.passed(), "{id}: {:?}", outcome.findings);
    }
    // But OSISM sets `scs:disk0-type: network` on diskless flavors, which scs-0103 forbids
    // ("`scs:disk0-type` not set if no disk is provided"): every diskless standard flavor
    // fails on that alone, and the three of "Recommended, part 2" (all diskless) are missing.
    let missing = ["SCS-16V-64", "SCS-8V-64", "SCS-16V-128"];
    let outcomes = standard_flavors::validate(&flavors);
    let mut failed = Vec::new();
    for (id, outcome) in &outcomes {
        if outcome.passed() {
            continue;
        }
        failed.push(id.as_str());
        for f in outcome.errors() {
            let expected = if missing.contains(&f.object.as_str()) {
                "is missing"
            } else {
                "but the flavor has no root disk"
            };
            assert!(f.message.contains(expected), "{id}: {f}");
        }
    }
    let diskless: Vec<String> = scs_flavor::standard_flavors()
        .iter()
        .filter(|r| r.disk_gb.is_none())
        .map(|r| r.testcase_id())
        .collect();
    let mut diskless_sorted = diskless.clone();
    diskless_sorted.sort();
    assert_eq!(failed, diskless_sorted);
}
