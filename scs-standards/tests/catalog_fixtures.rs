//! The real SCS catalogue of the SCS standards repository: loads, and `check()` finds no errors.

use std::path::PathBuf;

use chrono::NaiveDate;
use scs_standards::{
    Catalog, DocVersion, DocumentStatus, DocumentType, Severity, StandardId, Track,
};

/// The `Standards/` folder of the SCS standards repository, found by `build.rs`.
fn standards_dir() -> PathBuf {
    let dir = env!("SCS_STANDARDS");
    assert!(
        !dir.is_empty(),
        "needs the SCS standards repository (CI is set, so this test runs): set SCS_STANDARDS_DIR to a checkout with Standards/ and Tests/, or put ../shared/fixtures beside the checkout"
    );
    PathBuf::from(dir).join("Standards")
}

fn id(n: u16) -> StandardId {
    StandardId::new(n).unwrap()
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn real_catalogue_has_no_errors() {
    let dir = standards_dir();
    let catalog = Catalog::load_dir(&dir).unwrap();
    let problems = catalog.check();
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // 104 `scs-*.md` files minus the two templates.
    assert_eq!(catalog.documents.len(), 102);
    assert_eq!(
        catalog.unnumbered,
        [
            "scs-XXXX-vN-decision-record-template.md",
            "scs-XXXX-vN-standard-template.md"
        ]
    );
    // Known imperfections are reported as warnings, naming file and field.
    let warnings: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(ToString::to_string)
        .collect();
    let mut sorted = warnings.clone();
    sorted.sort_by_key(|w| w.split(':').nth(1).map(str::to_owned));
    assert_eq!(warnings, sorted, "findings are grouped by file");
    for expected in [
        "WARNING: scs-0102-v1-image-metadata.md:7: field `replaces`: refers to `Image-Metadata-Spec.md`",
        "WARNING: scs-0501-v2-scs-compatible-iaas.md:8: field `replaces`: scs-0501-v2-scs-compatible-iaas.md is not an earlier version of scs-0501",
        "WARNING: scs-0121-v1-Availability-Zones-Standard.md: slugified title `Availability-Zones-Standard` has characters",
        "WARNING: scs-0005-v1-project-governance.md: field `replaced_by`: replaced by scs-0005-v2-project-governance.md",
        "WARNING: scs-0501-v2-scs-compatible-iaas.md: field `replaced_by`: replaced by scs-0501-v3-scs-compatible-iaas.md but",
    ] {
        assert!(
            warnings.iter().any(|w| w.starts_with(expected)),
            "missing `{expected}` in {warnings:#?}"
        );
    }
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn real_catalogue_queries() {
    let dir = standards_dir();
    let catalog = Catalog::load_dir(&dir).unwrap();

    let flavor_naming = catalog.versions(id(100));
    let versions: Vec<DocVersion> = flavor_naming
        .iter()
        .map(|d| d.reference().version)
        .collect();
    assert_eq!(
        versions,
        [
            DocVersion::Major(1),
            DocVersion::Major(2),
            DocVersion::Major(3)
        ]
    );

    let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    let stable = |n, d| catalog.stable_on(id(n), day(d)).map(|d| d.file_name());
    assert_eq!(
        stable(100, "2023-03-01").as_deref(),
        Some("scs-0100-v2-flavor-naming.md")
    );
    assert_eq!(
        stable(100, "2024-01-01").as_deref(),
        Some("scs-0100-v3-flavor-naming.md")
    );
    assert_eq!(
        stable(102, "2026-01-01").as_deref(),
        Some("scs-0102-v1-image-metadata.md")
    );
    assert_eq!(stable(3, "2026-01-01"), None); // only drafts

    let replacing: Vec<String> = catalog
        .replacements_of("scs-0007-v1-certification-integrators.md")
        .iter()
        .map(|d| d.file_name())
        .collect();
    assert_eq!(replacing, ["scs-0007-v2-certification-integrators.md"]);

    let supplements: Vec<String> = catalog
        .supplements_of("scs-0102-v2-image-metadata.md")
        .iter()
        .map(|d| d.file_name())
        .collect();
    assert_eq!(
        supplements,
        ["scs-0102-w1-image-metadata-implementation-testing.md"]
    );

    let scopes = catalog.on_track(Track::Scopes);
    assert_eq!(scopes.len(), 9);
    assert!(
        scopes
            .iter()
            .all(|d| d.reference().id.track() == Some(Track::Scopes))
    );

    // The BOM-prefixed files read like the others.
    let v1 = catalog
        .get("scs-0007-v1-certification-integrators.md")
        .unwrap();
    assert_eq!(v1.status, Some(DocumentStatus::Deprecated));
    assert_eq!(v1.doc_type, Some(DocumentType::Procedural));
    assert_eq!(v1.replaced_by, ["scs-0007-v2-certification-integrators.md"]);
}
