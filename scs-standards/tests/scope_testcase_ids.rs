//! Every testcase id the validators produce is a testcase of the real IaaS scope, and every
//! scope testcase of the standards covered here has a validator (except the ones needing a live
//! cloud).

use std::collections::BTreeSet;

use chrono::Utc;
use scs_standards::security_groups::RuleSource;
use scs_standards::{
    entropy, flavor_naming, image_metadata, security_groups, services, standard_flavors,
    standard_images, volume_types,
};

/// The testcase ids of the IaaS scope in the SCS standards repository (found by `build.rs`).
fn scope_testcase_ids() -> BTreeSet<String> {
    let standards = env!("SCS_STANDARDS");
    assert!(
        !standards.is_empty(),
        "needs the SCS standards repository (CI is set, so this test runs): set SCS_STANDARDS_DIR to a checkout with Standards/ and Tests/, or put ../shared/fixtures beside the checkout"
    );
    let path = format!("{standards}/Tests/scs-compatible-iaas.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let scope: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut ids = BTreeSet::new();
    for script in scope["scripts"].as_sequence().unwrap() {
        for testcase in script["testcases"].as_sequence().unwrap() {
            ids.insert(testcase["id"].as_str().unwrap().to_owned());
        }
    }
    ids
}

fn produced() -> BTreeSet<String> {
    let now = Utc::now();
    let mut ids = BTreeSet::new();
    ids.extend(flavor_naming::validate(&[]).into_keys());
    ids.extend(entropy::validate(&[], &[]).into_keys());
    ids.extend(standard_flavors::validate(&[]).into_keys());
    for v in [
        image_metadata::ImageMetadataVersion::V1,
        image_metadata::ImageMetadataVersion::V2,
    ] {
        ids.extend(image_metadata::validate(v, &[], now).into_keys());
    }
    ids.extend(standard_images::validate(&[]).into_keys());
    ids.extend(volume_types::validate(&[]).into_keys());
    ids.extend(security_groups::validate(RuleSource::DefaultRules(&[])).into_keys());
    for v in [services::ServicesVersion::V1, services::ServicesVersion::V2] {
        ids.extend(services::validate(v, &[]).into_keys());
    }
    ids
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn produced_ids_are_scope_ids() {
    let scope = scope_testcase_ids();
    let produced = produced();
    let unknown: Vec<&String> = produced.difference(&scope).collect();
    assert!(unknown.is_empty(), "not in the scope: {unknown:?}");
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn scope_ids_of_covered_standards_have_validators() {
    let scope = scope_testcase_ids();
    let produced = produced();
    let covered = [
        "scs-0100-",
        "scs-0101-",
        "scs-0102-",
        "scs-0103-",
        "scs-0104-",
        "scs-0114-",
        "scs-0115-",
        "scs-0123-",
    ];
    // Talk to the S3 endpoint of a live cloud, or look inside a VM booted on it; not pure checks.
    let live = [
        "scs-0123-swift-s3",
        entropy::RNGD,
        entropy::ENTROPY_AVAIL,
        entropy::FIPS_TEST,
    ];
    let missing: Vec<&String> = scope
        .iter()
        .filter(|id| covered.iter().any(|p| id.starts_with(p)))
        .filter(|id| !live.contains(&id.as_str()))
        .filter(|id| !produced.contains(*id))
        .collect();
    assert!(missing.is_empty(), "no validator for {missing:?}");
}
