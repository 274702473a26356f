//! scs-0102 validators over the real OSISM image catalogue (`tests/data/osism/images/*.yml`, see
//! `tests/data/README.md`), turned into
//! Glance image objects the way openstack-image-manager registers them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use scs_standards::cloud::{Image, Visibility};
use scs_standards::image_metadata::{ImageMetadataVersion, validate};
use scs_standards::{Severity, TestcaseFindings};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    images: Vec<Definition>,
}

#[derive(Deserialize)]
struct Definition {
    name: String,
    enable: bool,
    login: String,
    #[serde(default)]
    min_disk: u64,
    #[serde(default)]
    min_ram: u64,
    visibility: String,
    multi: bool,
    #[serde(default)]
    separator: Option<String>,
    meta: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    tags: Vec<String>,
    versions: Vec<Version_>,
}

#[derive(Deserialize)]
struct Version_ {
    version: serde_yaml::Value,
    url: String,
    #[serde(default)]
    build_date: Option<String>,
    #[serde(default)]
    os_version: Option<String>,
    #[serde(default)]
    hidden: Option<bool>,
    #[serde(default)]
    meta: BTreeMap<String, serde_yaml::Value>,
}

fn text(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        other => panic!("unexpected YAML value {other:?}"),
    }
}

/// What openstack-image-manager registers for a definition: per version an image named
/// `NAME (VERSION)` (multi) or `NAME VERSION`; for multi images the newest version is also the
/// image named `NAME` and older ones are hidden. Properties: `meta`, then `image_source` (the
/// version URL), `image_build_date`, `image_original_user` (`login`), `image_description`
/// (defaults to the name), `os_version` (per version), then the version's `meta`. Glance sets
/// `os_hash_algo` (sha512) and `created_at` (here: noon of the build date).
fn register(def: &Definition) -> Vec<Image> {
    let sep = def.separator.as_deref().unwrap_or(" ");
    let newest = def.versions.len() - 1;
    let mut images = Vec::new();
    for (i, v) in def.versions.iter().enumerate() {
        let version = text(&v.version);
        let name = match (def.multi, i == newest) {
            (true, true) => def.name.clone(),
            (true, false) => format!("{}{sep}({version})", def.name),
            (false, _) => format!("{}{sep}{version}", def.name),
        };
        let mut img = Image::new(name);
        img.visibility = match def.visibility.as_str() {
            "public" => Visibility::Public,
            "community" => Visibility::Community,
            "shared" => Visibility::Shared,
            _ => Visibility::Private,
        };
        img.os_hidden = v.hidden.unwrap_or(def.multi && i != newest);
        img.min_disk = def.min_disk;
        img.min_ram = def.min_ram;
        img.os_hash_algo = Some("sha512".into());
        img.tags = def.tags.clone();
        for (k, val) in &def.meta {
            img = img.with(k, text(val));
        }
        img = img
            .with("image_source", &v.url)
            .with("image_original_user", &def.login);
        if !def.meta.contains_key("image_description") {
            img = img.with("image_description", &def.name);
        }
        if let Some(date) = &v.build_date {
            img = img.with("image_build_date", date);
            img.created_at = Some(format!("{date}T12:00:00Z"));
        }
        if let Some(os_version) = &v.os_version {
            img = img.with("os_version", os_version);
        } else if !def.multi {
            img = img.with("os_version", &version);
        }
        for (k, val) in &v.meta {
            img = img.with(k, text(val));
        }
        images.push(img);
    }
    images
}

/// All definitions registered (`all`), or only those with `enable: true`.
fn osism_images_filtered(all: bool) -> Vec<Image> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/osism/images"
    ));
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut images = Vec::new();
    for path in paths {
        let yaml = std::fs::read_to_string(&path).unwrap();
        let file: File =
            serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for def in file.images.iter().filter(|d| all || d.enable) {
            images.extend(register(def));
        }
    }
    images
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap()
}

fn failures(outcomes: &TestcaseFindings) -> BTreeMap<&str, Vec<(Severity, &str)>> {
    outcomes
        .iter()
        .filter(|(_, o)| !o.passed())
        .map(|(id, o)| {
            let errors = o
                .errors()
                .map(|f| (f.severity, f.object.as_str()))
                .collect();
            (id.as_str(), errors)
        })
        .collect()
}

fn osism_images() -> Vec<Image> {
    osism_images_filtered(true)
}

#[test]
fn whole_catalogue_outcome() {
    let images = osism_images();
    assert_eq!(images.len(), 36);
    for version in [ImageMetadataVersion::V1, ImageMetadataVersion::V2] {
        let outcomes = validate(version, &images, now());
        assert_eq!(outcomes.len(), 20);
        // The only failure: AlmaLinux declares `os_distro: centos`, so its generic images
        // collide with CentOS Stream of the same version.
        let expected = BTreeMap::from([(
            "scs-0102-os_purpose-uniqueness",
            vec![
                (Severity::Error, "AlmaLinux 8, CentOS Stream 8"),
                (Severity::Error, "AlmaLinux 9, CentOS Stream 9"),
            ],
        )]);
        assert_eq!(failures(&outcomes), expected, "{version:?}");
        // os_distro values outside OpenStack's list are warnings.
        let warned: Vec<&str> = outcomes["scs-0102-prop-os_distro"]
            .at_least(Severity::Warning)
            .map(|f| f.object.as_str())
            .collect();
        assert_eq!(
            warned,
            [
                "Cirros 0.6.2",
                "Cirros 0.6.3",
                "Rocky 8",
                "Rocky 9",
                "Talos Linux 1.11.3"
            ]
        );
        // Every image promises no updates (`provided_until: none`), so none is outdated even
        // years later.
        let later = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
        assert!(validate(version, &images, later)["scs-0102-image-recency"].passed());
    }
}

#[test]
fn enabled_images_outcome() {
    let images = osism_images_filtered(false);
    let names: Vec<&str> = images
        .iter()
        .filter(|i| !i.os_hidden)
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "AlmaLinux 9",
            "CentOS Stream 9",
            "Cirros 0.6.2",
            "Cirros 0.6.3",
            "Debian 11",
            "Debian 12",
            "Debian 13",
            "openSUSE Leap 15.6",
            "Rocky 9",
            "Ubuntu 22.04",
            "Ubuntu 22.04 Minimal",
            "Ubuntu 24.04",
            "Ubuntu 24.04 Minimal",
        ]
    );
    let outcomes = validate(ImageMetadataVersion::V2, &images, now());
    let expected = BTreeMap::from([(
        "scs-0102-os_purpose-uniqueness",
        vec![(Severity::Error, "AlmaLinux 9, CentOS Stream 9")],
    )]);
    assert_eq!(failures(&outcomes), expected);
}

#[test]
fn now_is_a_parameter() {
    let images = osism_images();
    // Before the newest build dates, those images are "built in the future".
    let early = Utc.with_ymd_and_hms(2026, 1, 25, 0, 0, 0).unwrap();
    let outcome =
        &validate(ImageMetadataVersion::V1, &images, early)["scs-0102-prop-image_build_date"];
    assert!(!outcome.passed());
    let built_later: Vec<String> = images
        .iter()
        .filter(|i| {
            i.property("image_build_date")
                .is_some_and(|d| d.as_str() > "2026-01-25")
        })
        .map(|i| i.name.clone())
        .collect();
    assert!(!built_later.is_empty());
    for f in outcome.errors() {
        assert!(built_later.contains(&f.object), "{f}");
    }
    // Switching a definition to a promise makes recency bite after a quarter.
    let mut promised: Vec<Image> = images
        .into_iter()
        .filter(|i| i.property("replace_frequency").as_deref() == Some("quarterly"))
        .map(|i| i.with("provided_until", "notice"))
        .collect();
    promised.retain(|i| !i.os_hidden);
    let later = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
    let recency = &validate(ImageMetadataVersion::V1, &promised, later)["scs-0102-image-recency"];
    assert_eq!(recency.errors().count(), promised.len());
}

#[test]
fn standard_images_outcome() {
    use scs_standards::standard_images;
    let images = osism_images_filtered(false);
    let outcomes = standard_images::validate(&images);
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|(_, o)| !o.passed())
        .map(|(id, _)| id.as_str())
        .collect();
    // OSISM ships no Cluster API images; every other image comes from its canonical source.
    assert_eq!(failed, ["scs-0104-image-capi-1", "scs-0104-image-capi-2"]);
    for suffix in ["ubuntu-2404", "ubuntu-2204", "debian-13", "debian-12"] {
        let o = &outcomes[&format!("scs-0104-image-{suffix}")];
        assert!(o.passed());
    }
    // A mirror URL as image_source would fail the source check.
    let mirrored: Vec<Image> = images
        .iter()
        .filter(|i| i.name == "Debian 12")
        .map(|i| {
            i.clone().with(
                "image_source",
                "https://nbg1.your-objectstorage.com/osism/openstack-images/debian-12/x.qcow2",
            )
        })
        .collect();
    assert!(!standard_images::validate(&mirrored)["scs-0104-source-debian-12"].passed());
}
