//! scs-0102 validators on hand-made images: one passing image, and a failing variant per rule.

use chrono::{DateTime, TimeZone, Utc};
use scs_standards::Severity;
use scs_standards::cloud::{Image, Visibility};
use scs_standards::image_metadata::{
    IMAGE_RECENCY, ImageMetadataVersion, OS_PURPOSE_UNIQUENESS, Property, check_property,
    image_recency, os_purpose_uniqueness, validate,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 10, 12, 0, 0).unwrap()
}

/// An image meeting every rule of v1 and v2.
fn good() -> Image {
    let mut img = Image::new("Ubuntu 24.04")
        .with("architecture", "x86_64")
        .with("os_distro", "ubuntu")
        .with("os_version", "24.04")
        .with("os_purpose", "generic")
        .with("hw_disk_bus", "scsi")
        .with("hw_scsi_model", "virtio-scsi")
        .with("hypervisor_type", "qemu")
        .with("hw_rng_model", "virtio")
        .with("image_build_date", "2024-05-01 10:30")
        .with("image_original_user", "ubuntu")
        .with(
            "image_source",
            "https://cloud-images.ubuntu.com/noble/current/noble.img",
        )
        .with("image_description", "https://ubuntu.com/server/docs")
        .with("replace_frequency", "monthly")
        .with("provided_until", "2029-05-31")
        .with("uuid_validity", "last-3")
        .with("hotfix_hours", "48");
    img.min_disk = 8;
    img.min_ram = 512;
    img.size = Some(600 << 20);
    img.created_at = Some("2024-05-02T08:00:00Z".into());
    img.os_hash_algo = Some("sha512".into());
    img
}

/// Findings of `property` for `img` under v1, as (severity, message).
fn check(property: Property, img: &Image) -> Vec<(Severity, String)> {
    check_version(property, ImageMetadataVersion::V1, img)
}

fn check_version(
    property: Property,
    version: ImageMetadataVersion,
    img: &Image,
) -> Vec<(Severity, String)> {
    check_property(property, version, img, now())
        .into_iter()
        .map(|f| (f.severity, f.message))
        .collect()
}

fn fails(property: Property, img: &Image, needle: &str) {
    let findings = check(property, img);
    assert!(
        findings
            .iter()
            .any(|(s, m)| *s == Severity::Error && m.contains(needle)),
        "{property}: no error containing `{needle}` in {findings:?}"
    );
}

fn without(key: &str) -> Image {
    let mut img = good();
    img.properties.remove(key);
    img
}

#[test]
fn good_image_passes_everything() {
    for version in [ImageMetadataVersion::V1, ImageMetadataVersion::V2] {
        let outcomes = validate(version, &[good()], now());
        assert_eq!(outcomes.len(), 20);
        for (id, outcome) in &outcomes {
            assert!(outcome.passed(), "{id}: {:?}", outcome.findings);
            assert!(
                outcome
                    .findings
                    .iter()
                    .all(|f| f.severity == Severity::Info),
                "{id}: {:?}",
                outcome.findings
            );
        }
    }
}

#[test]
fn testcase_ids_match_the_scope() {
    let ids: Vec<String> = validate(ImageMetadataVersion::V1, &[], now())
        .into_keys()
        .collect();
    for id in [
        "scs-0102-prop-architecture",
        "scs-0102-prop-hash_algo",
        "scs-0102-prop-min_disk",
        "scs-0102-prop-min_ram",
        "scs-0102-prop-os_version",
        "scs-0102-prop-os_distro",
        "scs-0102-prop-os_purpose",
        "scs-0102-prop-hw_disk_bus",
        "scs-0102-prop-hypervisor_type",
        "scs-0102-prop-hw_rng_model",
        "scs-0102-prop-image_build_date",
        "scs-0102-prop-image_original_user",
        "scs-0102-prop-image_source",
        "scs-0102-prop-image_description",
        "scs-0102-prop-replace_frequency",
        "scs-0102-prop-provided_until",
        "scs-0102-prop-uuid_validity",
        "scs-0102-prop-hotfix_hours",
        IMAGE_RECENCY,
        OS_PURPOSE_UNIQUENESS,
    ] {
        assert!(ids.iter().any(|i| i == id), "missing {id}");
    }
}

#[test]
fn architecture() {
    fails(
        Property::Architecture,
        &without("architecture"),
        "is not set",
    );
    fails(
        Property::Architecture,
        &good().with("architecture", "risc-v"),
        "unknown architecture `risc-v`",
    );
    fails(
        Property::Architecture,
        &good().with("architecture", "amd64"),
        "amd64",
    );
    assert!(
        check(
            Property::Architecture,
            &good().with("architecture", "aarch64")
        )
        .is_empty()
    );
}

#[test]
fn hash_algo() {
    let mut img = good();
    img.os_hash_algo = None;
    fails(Property::HashAlgo, &img, "is not set");
    img.os_hash_algo = Some("md5".into());
    fails(Property::HashAlgo, &img, "`md5`");
    img.os_hash_algo = Some("sha256".into());
    assert!(check(Property::HashAlgo, &img).is_empty());
}

#[test]
fn min_disk_and_min_ram() {
    let mut img = good();
    img.min_disk = 0;
    fails(Property::MinDisk, &img, "`min_disk` is not set");
    img.min_disk = 1;
    img.size = Some(3 << 30);
    fails(Property::MinDisk, &img, "set at least 3 GiB");
    // The virtual size counts too.
    let mut img = good();
    img.properties
        .insert("virtual_size".into(), serde_json::json!(10u64 << 30));
    fails(Property::MinDisk, &img, "set at least 10 GiB");

    let mut img = good();
    img.min_ram = 0;
    fails(Property::MinRam, &img, "`min_ram` is not set");
    img.min_ram = 32;
    let f = check(Property::MinRam, &img);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].0, Severity::Warning);
}

#[test]
fn os_version_and_os_distro() {
    fails(Property::OsVersion, &without("os_version"), "is not set");
    fails(
        Property::OsVersion,
        &good().with("os_version", " "),
        "is not set",
    );
    let f = check(Property::OsVersion, &good().with("os_version", "rolling"));
    assert_eq!(f[0].0, Severity::Info);

    fails(Property::OsDistro, &without("os_distro"), "is not set");
    fails(
        Property::OsDistro,
        &good().with("os_distro", "Ubuntu"),
        "must be lower-case",
    );
    let f = check(Property::OsDistro, &good().with("os_distro", "rocky"));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].0, Severity::Warning);
}

#[test]
fn os_purpose_per_version() {
    fails(Property::OsPurpose, &without("os_purpose"), "is not set");
    fails(
        Property::OsPurpose,
        &good().with("os_purpose", "server"),
        "unknown os_purpose `server`",
    );
    let old = good().with("os_purpose", "oldgeneric");
    fails(
        Property::OsPurpose,
        &old,
        "only defined from scs-0102 v2 on",
    );
    assert!(check_version(Property::OsPurpose, ImageMetadataVersion::V2, &old).is_empty());
}

#[test]
fn hw_disk_bus_is_mandatory() {
    fails(Property::HwDiskBus, &without("hw_disk_bus"), "is not set");
    fails(
        Property::HwDiskBus,
        &good().with("hw_disk_bus", "nvme"),
        "unknown hw_disk_bus `nvme`",
    );
    let f = check(Property::HwDiskBus, &good().with("hw_disk_bus", "virtio"));
    assert_eq!(
        f,
        [(
            Severity::Info,
            "`hw_disk_bus` is `virtio`; `scsi` is recommended".into()
        )]
    );
    let f = check(Property::HwDiskBus, &without("hw_scsi_model"));
    assert_eq!(f[0].0, Severity::Info);
}

#[test]
fn hypervisor_type_and_rng() {
    fails(
        Property::HypervisorType,
        &without("hypervisor_type"),
        "is not set",
    );
    fails(
        Property::HypervisorType,
        &good().with("hypervisor_type", "esxi"),
        "`esxi`",
    );
    assert!(
        check(
            Property::HypervisorType,
            &good().with("hypervisor_type", "kvm")
        )
        .is_empty()
    );

    let f = check(Property::HwRngModel, &without("hw_rng_model"));
    assert_eq!(f[0].0, Severity::Info);
    fails(
        Property::HwRngModel,
        &good().with("hw_rng_model", "random"),
        "`random`",
    );
}

#[test]
fn image_build_date() {
    fails(
        Property::ImageBuildDate,
        &without("image_build_date"),
        "is not set",
    );
    fails(
        Property::ImageBuildDate,
        &good().with("image_build_date", "2024-05-01T10:30:00Z"),
        "is not",
    );
    fails(
        Property::ImageBuildDate,
        &good().with("image_build_date", "2024-5-1"),
        "is not",
    );
    fails(
        Property::ImageBuildDate,
        &good().with("image_build_date", "2024-05-01 25:00"),
        "is not",
    );
    fails(
        Property::ImageBuildDate,
        &good().with("image_build_date", "2024-05-03"),
        "after the registration",
    );
    let mut img = good().with("image_build_date", "2024-06-01");
    img.created_at = None;
    fails(Property::ImageBuildDate, &img, "in the future");
    let mut img = good();
    img.created_at = Some("2024-06-01T00:00:00Z".into());
    fails(
        Property::ImageBuildDate,
        &img,
        "registration date 2024-06-01 00:00:00 UTC is in the future",
    );
    assert!(
        check(
            Property::ImageBuildDate,
            &good().with("image_build_date", "2024-05-01 10:30:59")
        )
        .is_empty()
    );
    assert!(
        check(
            Property::ImageBuildDate,
            &good().with("image_build_date", "2024-05-01")
        )
        .is_empty()
    );
}

#[test]
fn origin_properties() {
    fails(
        Property::ImageOriginalUser,
        &without("image_original_user"),
        "is not set",
    );
    assert!(
        check(
            Property::ImageOriginalUser,
            &good().with("image_original_user", "none")
        )
        .is_empty()
    );

    fails(
        Property::ImageSource,
        &without("image_source"),
        "is not set",
    );
    fails(
        Property::ImageSource,
        &good().with("image_source", "cloud-images.ubuntu.com/x"),
        "neither a URL",
    );
    fails(
        Property::ImageSource,
        &good().with("image_source", "file:///tmp/x.img"),
        "neither a URL",
    );
    fails(
        Property::ImageSource,
        &good().with("image_source", "https:///x"),
        "neither a URL",
    );
    assert!(
        check(
            Property::ImageSource,
            &good().with("image_source", "private")
        )
        .is_empty()
    );
    assert!(
        check(
            Property::ImageSource,
            &good().with("image_source", "ftp://mirror/x")
        )
        .is_empty()
    );

    fails(
        Property::ImageDescription,
        &without("image_description"),
        "is not set",
    );
}

#[test]
fn update_policy_properties() {
    fails(
        Property::ReplaceFrequency,
        &without("replace_frequency"),
        "is not set",
    );
    fails(
        Property::ReplaceFrequency,
        &good().with("replace_frequency", "hourly"),
        "`hourly`",
    );
    for ok in [
        "yearly",
        "quarterly",
        "weekly",
        "daily",
        "critical_bug",
        "never",
    ] {
        assert!(
            check(
                Property::ReplaceFrequency,
                &good().with("replace_frequency", ok)
            )
            .is_empty()
        );
    }

    fails(
        Property::ProvidedUntil,
        &without("provided_until"),
        "is not set",
    );
    fails(
        Property::ProvidedUntil,
        &good().with("provided_until", "forever"),
        "`forever`",
    );
    fails(
        Property::ProvidedUntil,
        &good().with("provided_until", "2029-02-30"),
        "`2029-02-30`",
    );
    for ok in ["none", "notice", "2030-01-01"] {
        assert!(check(Property::ProvidedUntil, &good().with("provided_until", ok)).is_empty());
    }

    fails(
        Property::UuidValidity,
        &without("uuid_validity"),
        "is not set",
    );
    for bad in ["last-", "last-x", "later", "2030-1-1"] {
        fails(
            Property::UuidValidity,
            &good().with("uuid_validity", bad),
            bad,
        );
    }
    for ok in ["none", "notice", "forever", "last-10", "2030-01-01"] {
        assert!(check(Property::UuidValidity, &good().with("uuid_validity", ok)).is_empty());
    }

    assert!(check(Property::HotfixHours, &without("hotfix_hours")).is_empty());
    assert!(check(Property::HotfixHours, &good().with("hotfix_hours", "0")).is_empty());
    fails(
        Property::HotfixHours,
        &good().with("hotfix_hours", "-1"),
        "not a number of hours",
    );
    fails(
        Property::HotfixHours,
        &good().with("hotfix_hours", "soon"),
        "not a number of hours",
    );
}

fn published(name: &str, created: &str, freq: &str, until: &str) -> Image {
    let mut img = good()
        .with("replace_frequency", freq)
        .with("provided_until", until);
    img.name = name.into();
    img.created_at = Some(created.into());
    img.properties.remove("image_build_date");
    img
}

#[test]
fn recency_by_calendar_with_grace() {
    // Published 2024-04-14, monthly: due 2024-05-14 plus 3 days of grace.
    let img = published("Ubuntu 24.04", "2024-04-14T00:00:00Z", "monthly", "notice");
    let at = |d: u32| Utc.with_ymd_and_hms(2024, 5, d, 0, 0, 0).unwrap();
    assert!(image_recency(std::slice::from_ref(&img), at(17)).passed());
    let o = image_recency(std::slice::from_ref(&img), at(18));
    assert!(!o.passed());
    assert!(
        o.findings[0].message.contains("hide the old one"),
        "{:?}",
        o.findings
    );
    // never and critical_bug have no schedule.
    for freq in ["never", "critical_bug"] {
        let img = published("X", "2010-01-01T00:00:00Z", freq, "notice");
        assert!(image_recency(&[img], at(18)).findings.is_empty());
    }
}

#[test]
fn recency_respects_provided_until() {
    let at = Utc.with_ymd_and_hms(2024, 5, 10, 0, 0, 0).unwrap();
    let none = published("A", "2023-01-01T00:00:00Z", "weekly", "none");
    let past = published("B", "2023-01-01T00:00:00Z", "weekly", "2023-12-31");
    let future = published("C", "2023-01-01T00:00:00Z", "weekly", "2030-12-31");
    let invalid = published("D", "2023-01-01T00:00:00Z", "weekly", "someday");
    let o = image_recency(&[none, past, future, invalid], at);
    let errors: Vec<&str> = o.errors().map(|f| f.object.as_str()).collect();
    assert_eq!(errors, ["C", "D"]);
    assert!(
        o.findings
            .iter()
            .any(|f| f.object == "A" && f.severity == Severity::Info)
    );
}

#[test]
fn recency_accepts_rotated_out_images_with_replacement() {
    let at = Utc.with_ymd_and_hms(2024, 5, 10, 0, 0, 0).unwrap();
    let current = published("Ubuntu 24.04", "2024-05-01T00:00:00Z", "monthly", "notice");
    let renamed = published(
        "Ubuntu 24.04 20240301",
        "2024-03-01T00:00:00Z",
        "monthly",
        "notice",
    );
    let mut hidden = published("Ubuntu 24.04", "2024-02-01T00:00:00Z", "monthly", "notice");
    hidden.os_hidden = true;
    let old = published(
        "Ubuntu 24.04 old",
        "2024-01-01T00:00:00Z",
        "monthly",
        "notice",
    );
    let o = image_recency(&[current.clone(), renamed.clone(), hidden.clone(), old], at);
    assert!(o.passed(), "{:?}", o.findings);
    assert_eq!(o.findings.len(), 3);

    // Without a recent image of the base name, rotated-out images fail.
    let o = image_recency(&[renamed, hidden], at);
    assert_eq!(o.errors().count(), 2);
    assert!(o.errors().all(|f| {
        f.message
            .contains("no recent visible image named `Ubuntu 24.04`")
    }));
    // A stale "replacement" does not count.
    let stale = published("Ubuntu 24.04", "2024-03-15T00:00:00Z", "monthly", "notice");
    let renamed = published(
        "Ubuntu 24.04 prev",
        "2024-02-01T00:00:00Z",
        "monthly",
        "notice",
    );
    let o = image_recency(&[stale, renamed], at);
    assert_eq!(o.errors().count(), 2);
}

#[test]
fn recency_warns_about_ambiguous_names() {
    let at = Utc.with_ymd_and_hms(2024, 5, 10, 0, 0, 0).unwrap();
    let a = published("Debian 12", "2024-05-01T00:00:00Z", "monthly", "notice");
    let o = image_recency(&[a.clone(), a], at);
    assert!(o.passed());
    assert_eq!(o.findings[0].severity, Severity::Warning);
}

#[test]
fn uniqueness_of_generic_images() {
    let mut other_arch = good();
    other_arch.name = "Ubuntu 24.04 arm".into();
    other_arch = other_arch.with("architecture", "aarch64");
    let mut minimal = good().with("os_purpose", "minimal");
    minimal.name = "Ubuntu 24.04 Minimal".into();
    let mut hidden = good();
    hidden.os_hidden = true;
    let mut community = good();
    community.visibility = Visibility::Community;
    let o = os_purpose_uniqueness(
        &[good(), other_arch, minimal, hidden, community],
        ImageMetadataVersion::V1,
    );
    assert!(o.passed(), "{:?}", o.findings);

    let mut twin = good();
    twin.name = "Ubuntu 24.04 (2)".into();
    let o = os_purpose_uniqueness(&[good(), twin.clone()], ImageMetadataVersion::V2);
    assert!(!o.passed());
    let f = &o.findings[0];
    assert_eq!(f.object, "Ubuntu 24.04, Ubuntu 24.04 (2)");
    assert!(f.message.contains("oldgeneric"));
    let o = os_purpose_uniqueness(
        &[good(), twin.with("os_purpose", "oldgeneric")],
        ImageMetadataVersion::V2,
    );
    assert!(o.passed());
}

#[test]
fn glance_json_snapshot() {
    let json = r#"{"id": "8f0e", "name": "Debian 12", "status": "active", "visibility": "public",
        "os_hidden": false, "protected": false, "size": 400000000, "virtual_size": 2147483648,
        "min_disk": 1, "min_ram": 0, "created_at": "2024-05-02T08:00:00Z",
        "os_hash_algo": "sha512", "os_hash_value": "abc", "tags": ["os:debian"],
        "architecture": "x86_64", "os_distro": "debian", "os_version": "12",
        "hotfix_hours": 0, "self": "/v2/images/8f0e"}"#;
    let img: Image = serde_json::from_str(json).unwrap();
    let outcomes = validate(ImageMetadataVersion::V1, &[img], now());
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|(_, o)| !o.passed())
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(
        failed,
        [
            "scs-0102-prop-hw_disk_bus",
            "scs-0102-prop-hypervisor_type",
            "scs-0102-prop-image_build_date",
            "scs-0102-prop-image_description",
            "scs-0102-prop-image_original_user",
            "scs-0102-prop-image_source",
            "scs-0102-prop-min_disk",
            "scs-0102-prop-min_ram",
            "scs-0102-prop-os_purpose",
            "scs-0102-prop-provided_until",
            "scs-0102-prop-replace_frequency",
            "scs-0102-prop-uuid_validity",
        ]
    );
}
