//! Each built-in testcase on hand-made passing and failing snapshots.
//!
//! [`good`] is a cloud on which every implemented built-in testcase passes. Each test changes
//! one thing and asserts the exact set of testcases that then fail (or abort): a testcase
//! must fail for its own defect and no other testcase may.

use std::collections::BTreeSet;
use std::sync::Arc;

use scs_standards::Severity;
use scs_standards::cloud::{
    CatalogEntry, CloudFlavor, DefaultSecurityGroupRule, Direction, EtherType, Image,
    SecurityGroupRule, VolumeType,
};
use scs_standards::entropy;
use scs_standards::image_metadata::Property;
use scs_standards::standard_images::TESTCASE_SPECS;
use scs_testkit::{
    Context, KeyManagerProbe, Outcomes, Registry, Snapshot, SnapshotSource, Status, SwiftS3Probe,
    demo, run_blocking,
};

/// The demo cloud with its defects repaired, plus a v4-style CAPI image.
fn good() -> Snapshot {
    let mut s = demo::snapshot();
    s.flavors
        .as_mut()
        .unwrap()
        .retain(|f| f.name != "SCS-2V-8-50s");
    let images = s.images.as_mut().unwrap();
    let ubuntu = images
        .iter_mut()
        .find(|i| i.name == "Ubuntu 22.04")
        .unwrap();
    ubuntu.created_at = Some("2026-11-02T05:55:10Z".into());
    *ubuntu = ubuntu.clone().with("image_build_date", "2026-10-30");
    let mut capi = images
        .iter()
        .find(|i| i.name.starts_with("ubuntu-capi-image-v"))
        .unwrap()
        .clone()
        .with("image_source", "https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2204-kube-v1.30/ubuntu-2204-kube-v1.30.4.qcow2")
        .with("os_version", "22.04");
    capi.name = "ubuntu-capi-image v1.30.4".into();
    capi.id = "capi-v4".into();
    images.push(capi);
    s.volume_types.as_mut().unwrap().push(VolumeType::new(
        "luks",
        Some("[scs:encrypted] LUKS on local NVMe"),
    ));
    s.default_security_group_rules
        .as_mut()
        .unwrap()
        .retain(|r| {
            r.direction == Direction::Egress || r.remote_group_id.as_deref() == Some("PARENT")
        });
    s
}

fn outcomes(snapshot: Snapshot) -> Outcomes {
    let registry = Registry::builtin();
    let ids: Vec<String> = registry.iter().map(|t| t.id().to_string()).collect();
    let ctx = Arc::new(Context::new(SnapshotSource::new(snapshot)));
    run_blocking(&registry, &ids, &ctx).unwrap()
}

fn with_status(outcomes: &Outcomes, status: Status) -> BTreeSet<String> {
    outcomes
        .iter()
        .filter(|(id, o)| o.status == status && !NOT_IMPLEMENTED.contains(&id.as_str()))
        .map(|(id, _)| id.to_string())
        .collect()
}

/// The testcases that ABORT as not implemented: none any more (scs-0101's VM testcases and
/// scs-0117 run on their probes).
const NOT_IMPLEMENTED: [&str; 0] = [];

/// Asserts exactly `expected` fail and nothing else fails or aborts (beyond the
/// [`NOT_IMPLEMENTED`] ones).
#[track_caller]
fn assert_fails(snapshot: Snapshot, expected: &[&str]) -> Outcomes {
    let o = outcomes(snapshot);
    let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        with_status(&o, Status::Fail),
        expected,
        "{}",
        scs_testkit::scope::render_findings(&o)
    );
    assert!(
        with_status(&o, Status::Abort).is_empty(),
        "{}",
        scs_testkit::scope::render_findings(&o)
    );
    o
}

fn image<'a>(s: &'a mut Snapshot, name: &str) -> &'a mut Image {
    s.images
        .as_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i.name == name)
        .unwrap()
}

fn flavors(s: &mut Snapshot) -> &mut Vec<CloudFlavor> {
    s.flavors.as_mut().unwrap()
}

fn catalog(s: &mut Snapshot) -> &mut Vec<CatalogEntry> {
    s.catalog.as_mut().unwrap()
}

#[test]
fn the_good_cloud_passes_everything_implemented() {
    let o = assert_fails(good(), &[]);
    // Not implemented ones abort, with that message, and never pass.
    for id in NOT_IMPLEMENTED {
        assert_eq!(o[id].status, Status::Abort);
        let reason = o[id].reason.as_deref().unwrap();
        assert!(reason.starts_with("not implemented: "), "{reason}");
    }
}

/// The sample VM's readings decide scs-0101's VM testcases; each fails (or aborts) for its own
/// reading only.
#[test]
fn scs_0101_vm_testcases_decide_on_the_recorded_readings() {
    use entropy::vm::VIRTIO_RNG;
    let with = |key: &str, value: Option<&str>| {
        let mut s = good();
        let values = &mut s.probes.entropy_vm.as_mut().unwrap().readings.values;
        match value {
            Some(v) => values.insert(key.into(), v.into()),
            None => values.remove(key),
        };
        s
    };
    assert_fails(with("entropy_avail", Some("17")), &[entropy::ENTROPY_AVAIL]);
    assert_fails(with("fips_failures", Some("5")), &[entropy::FIPS_TEST]);
    // rngd and virtio-rng only warn (scs-0101 v1.1 no longer recommends them).
    for (key, value, id) in [
        ("rngd", "inactive", entropy::RNGD),
        ("virtio_rng", "absent", VIRTIO_RNG),
    ] {
        let o = assert_fails(with(key, Some(value)), &[]);
        assert_eq!(o[id].findings.len(), 1, "{id}");
        assert_eq!(o[id].findings[0].severity, Severity::Warning, "{id}");
    }
    // A reading missing: that testcase ABORTs with the reason.
    let o = outcomes(with("rngd", None));
    assert_eq!(o[entropy::RNGD].status, Status::Abort);
    assert_eq!(
        o[entropy::RNGD].reason.as_deref(),
        Some("the probe in a VM of Debian 13 did not report rngd")
    );
    assert_eq!(o[entropy::ENTROPY_AVAIL].status, Status::Pass);
    // No probe in the snapshot: all four need a live cloud.
    let mut s = good();
    s.probes.entropy_vm = None;
    let o = outcomes(s);
    for id in [
        entropy::ENTROPY_AVAIL,
        entropy::FIPS_TEST,
        entropy::RNGD,
        VIRTIO_RNG,
    ] {
        assert_eq!(o[id].status, Status::Abort, "{id}");
        assert!(
            o[id]
                .reason
                .as_deref()
                .unwrap()
                .contains("needs a live cloud"),
            "{id}"
        );
    }
}

#[test]
fn scs_0101_flavor_and_image_properties_warn_and_pass() {
    let warned = |o: &Outcomes, id: &str| -> Vec<String> {
        assert_eq!(o[id].status, Status::Pass, "{id}");
        o[id]
            .findings
            .iter()
            .map(|f| {
                assert_eq!(f.severity, Severity::Warning, "{f}");
                f.object.clone()
            })
            .collect()
    };
    // The good cloud: every flavor but the legacy m1.small allows virtio-rng, every public
    // image asks for it.
    let o = assert_fails(good(), &[]);
    assert_eq!(warned(&o, entropy::FLAVOR_PROPERTY), ["m1.small"]);
    assert!(warned(&o, entropy::IMAGE_PROPERTY).is_empty());

    let mut s = good();
    for f in flavors(&mut s).iter_mut() {
        if f.name == "SCS-2V-8" {
            f.extra_specs
                .insert("hw_rng:allowed".into(), "False".into());
        }
        if f.name == "m1.small" {
            f.extra_specs.insert("hw_rng:allowed".into(), "True".into());
        }
    }
    image(&mut s, "Debian 12").properties.remove("hw_rng_model");
    *image(&mut s, "Debian 13") = image(&mut s, "Debian 13")
        .clone()
        .with("hw_rng_model", "rdrand");
    // Private images are not looked at.
    image(&mut s, "customer-win2022-golden")
        .properties
        .remove("hw_rng_model");
    // An unknown model fails scs-0102's check of the value; scs-0101 only warns.
    let o = assert_fails(s, &["scs-0102-prop-hw_rng_model"]);
    assert_eq!(warned(&o, entropy::FLAVOR_PROPERTY), ["SCS-2V-8"]);
    assert_eq!(
        warned(&o, entropy::IMAGE_PROPERTY),
        ["Debian 13", "Debian 12"]
    );
}

#[test]
fn scs_0100_syntax_and_semantics() {
    let mut s = good();
    flavors(&mut s).push(CloudFlavor::new("SCS-2X-4", 2, 4096, 0));
    assert_fails(s, &["scs-0100-syntax-check"]);
    let mut s = good();
    flavors(&mut s).push(CloudFlavor::new("SCS-8V-32-200s", 8, 32768, 100));
    let o = assert_fails(s, &["scs-0100-semantics-check"]);
    assert!(
        o["scs-0100-semantics-check"].findings[0]
            .message
            .contains("disk overpromise")
    );
}

#[test]
fn scs_0102_each_property() {
    for &property in Property::ALL {
        let mut s = good();
        let img = image(&mut s, "Debian 12");
        let mut also: Vec<&str> = vec![];
        let mut set = |key: &str, value: &str| {
            *img = img.clone().with(key, value);
        };
        match property {
            Property::Architecture => set("architecture", "pentium-pro"),
            Property::HashAlgo => img.os_hash_algo = Some("crc32".into()),
            Property::MinDisk => img.min_disk = 0,
            Property::MinRam => img.min_ram = 0,
            Property::OsVersion => {
                img.properties.remove("os_version");
            }
            Property::OsDistro => set("os_distro", "Debian"),
            Property::OsPurpose => set("os_purpose", "banana"),
            Property::HwDiskBus => set("hw_disk_bus", "usb2000"),
            Property::HypervisorType => set("hypervisor_type", "hyper-v"),
            Property::HwRngModel => set("hw_rng_model", "banana"),
            Property::ImageBuildDate => set("image_build_date", "yesterday"),
            Property::ImageOriginalUser => {
                img.properties.remove("image_original_user");
            }
            Property::ImageSource => {
                set("image_source", "debian.org/bookworm.qcow2");
                also.push("scs-0104-source-debian-12");
            }
            Property::ImageDescription => {
                img.properties.remove("image_description");
            }
            Property::ReplaceFrequency => set("replace_frequency", "sometimes"),
            Property::ProvidedUntil => set("provided_until", "forever"),
            Property::UuidValidity => set("uuid_validity", "sometimes"),
            Property::HotfixHours => set("hotfix_hours", "soon"),
        }
        let testcase = property.testcase();
        also.push(&testcase);
        let o = assert_fails(s, &also);
        let finding = o[testcase.as_str()]
            .findings
            .iter()
            .find(|f| f.severity == scs_standards::Severity::Error);
        assert_eq!(finding.unwrap().object, "Debian 12", "{testcase}");
    }
}

#[test]
fn scs_0102_oldgeneric_is_accepted() {
    // The good cloud has a hidden "Ubuntu 24.04 20261002" with os_purpose=oldgeneric (v2 value).
    let s = good();
    assert!(
        s.images
            .as_ref()
            .unwrap()
            .iter()
            .any(|i| i.property("os_purpose").as_deref() == Some("oldgeneric"))
    );
    assert_fails(s, &[]);
}

#[test]
fn scs_0102_recency_and_uniqueness() {
    let mut s = good();
    let img = image(&mut s, "Debian 12");
    img.created_at = Some("2026-01-10T07:05:00Z".into());
    *img = img.clone().with("image_build_date", "2026-01-08");
    assert_fails(s, &["scs-0102-image-recency"]);

    let mut s = good();
    let mut copy = image(&mut s, "Debian 12").clone();
    copy.name = "Debian 12 (backup)".into();
    s.images.as_mut().unwrap().push(copy);
    assert_fails(s, &["scs-0102-os_purpose-uniqueness"]);
}

#[test]
fn scs_0102_and_0104_look_at_public_and_community_images_only() {
    let mut s = good();
    let mut private = Image::new("Debian 12");
    private.visibility = scs_standards::cloud::Visibility::Private;
    s.images
        .as_mut()
        .unwrap()
        .push(private.with("image_source", "https://mirror.example/"));
    assert_fails(s, &[]);
}

#[test]
fn scs_0103_each_standard_flavor() {
    for row in scs_flavor::standard_flavors() {
        let mut s = good();
        flavors(&mut s).retain(|f| f.name != row.name);
        let o = assert_fails(s, &[&row.testcase_id()]);
        assert!(
            o[row.testcase_id().as_str()].findings[0]
                .message
                .contains("is missing")
        );
    }
    let mut s = good();
    let f = flavors(&mut s)
        .iter_mut()
        .find(|f| f.name == "SCS-2V-4")
        .unwrap();
    f.extra_specs
        .insert("scs:cpu-type".into(), "crowded-core".into());
    assert_fails(s, &["scs-0103-flavor-2v-4"]);
}

#[test]
fn scs_0104_each_source_and_presence() {
    for spec in TESTCASE_SPECS {
        // A matching image with a foreign source fails the source testcase only.
        let mut s = good();
        let name = match spec.name_scheme {
            Some(_) if spec.suffix == "capi-1" => "ubuntu-capi-image v1.31.0".to_owned(),
            Some(_) => "ubuntu-capi-image-v1.31.0".to_owned(),
            None => spec.name.to_owned(),
        };
        let images = s.images.as_mut().unwrap();
        let template = images
            .iter()
            .find(|i| i.name == "Debian 12")
            .unwrap()
            .clone();
        images.retain(|i| i.name != name);
        // A CAPI node image, not a second generic Debian 12.
        let mut img = template
            .with("image_source", "https://mirror.example/images/x.qcow2")
            .with("os_purpose", "k8snode");
        img.name = name;
        images.push(img);
        assert_fails(s, &[&format!("scs-0104-source-{}", spec.suffix)]);

        if spec.presence_testcase {
            let mut s = good();
            let matcher = spec.spec();
            let before = s.images.as_ref().unwrap().len();
            s.images
                .as_mut()
                .unwrap()
                .retain(|i| matcher.matching(std::slice::from_ref(i)).is_empty());
            assert!(s.images.as_ref().unwrap().len() < before, "{}", spec.suffix);
            let presence = format!("scs-0104-image-{}", spec.suffix);
            let mut expected = vec![presence.as_str()];
            if spec.suffix == "ubuntu-2404" {
                // Its hidden predecessor is overdue once no recent image replaces it.
                expected.push("scs-0102-image-recency");
            }
            assert_fails(s, &expected);
        }
    }
}

#[test]
fn scs_0114_syntax_and_aspects() {
    let mut s = good();
    s.volume_types.as_mut().unwrap().push(VolumeType::new(
        "bad",
        Some("[scs:replicated, encrypted] unsorted"),
    ));
    assert_fails(s, &["scs-0114-syntax-check"]);
    let mut s = good();
    s.volume_types
        .as_mut()
        .unwrap()
        .retain(|t| t.name != "luks");
    assert_fails(s, &["scs-0114-encrypted-type"]);
    let mut s = good();
    s.volume_types.as_mut().unwrap().retain(|t| {
        !t.description
            .as_deref()
            .unwrap_or("")
            .contains("replicated")
    });
    assert_fails(s, &["scs-0114-replicated-type"]);
}

fn fresh_rule(direction: Direction, ethertype: EtherType) -> SecurityGroupRule {
    SecurityGroupRule {
        direction,
        ethertype,
        ..Default::default()
    }
}

#[test]
fn scs_0115_default_rules_and_old_clouds() {
    let mut s = good();
    s.default_security_group_rules
        .as_mut()
        .unwrap()
        .push(DefaultSecurityGroupRule {
            id: "rdp".into(),
            direction: Direction::Ingress,
            ethertype: EtherType::IPv4,
            protocol: Some("tcp".into()),
            port_range_min: Some(3389),
            port_range_max: Some(3389),
            used_in_default_sg: false,
            used_in_non_default_sg: true,
            ..Default::default()
        });
    assert_fails(s, &["scs-0115-default-rules"]);

    // An older cloud without the API: the probe decides; without probe, ABORT.
    let mut s = good();
    s.default_security_group_rules = None;
    let o = outcomes(s.clone());
    assert_eq!(o["scs-0115-default-rules"].status, Status::Abort);
    assert!(
        o["scs-0115-default-rules"]
            .reason
            .as_deref()
            .unwrap()
            .contains("needs a live cloud")
    );
    s.probes.fresh_security_group_rules = Some(vec![
        fresh_rule(Direction::Egress, EtherType::IPv4),
        fresh_rule(Direction::Egress, EtherType::IPv6),
    ]);
    assert_fails(s.clone(), &[]);
    let mut open = fresh_rule(Direction::Ingress, EtherType::IPv6);
    open.remote_ip_prefix = Some("::/0".into());
    s.probes
        .fresh_security_group_rules
        .as_mut()
        .unwrap()
        .push(open);
    assert_fails(s, &["scs-0115-default-rules"]);
}

#[test]
fn scs_0116_presence_and_permissions() {
    let mut s = good();
    catalog(&mut s).retain(|e| e.service_type != "key-manager");
    let o = assert_fails(s.clone(), &["scs-0116-presence"]);
    // Without key manager, permissions pass without looking at roles or the probe.
    assert_eq!(o["scs-0116-permissions"].status, Status::Pass);
    s.roles = None;
    s.probes.key_manager_member_access = None;
    assert_fails(s, &["scs-0116-presence"]);

    let mut s = good();
    s.probes.key_manager_member_access = Some(KeyManagerProbe {
        ok: false,
        error: Some("403 Forbidden".into()),
    });
    let o = assert_fails(s, &["scs-0116-permissions"]);
    assert!(
        o["scs-0116-permissions"].findings[0]
            .message
            .contains("403 Forbidden")
    );

    for (roles, why) in [
        (vec!["member", "admin"], "elevated roles (admin)"),
        (vec!["reader"], "lacks the member role"),
    ] {
        let mut s = good();
        s.roles = Some(roles.into_iter().map(String::from).collect());
        let o = outcomes(s);
        assert_eq!(o["scs-0116-permissions"].status, Status::Abort);
        assert!(
            o["scs-0116-permissions"]
                .reason
                .as_deref()
                .unwrap()
                .contains(why)
        );
    }
    let mut s = good();
    s.probes.key_manager_member_access = None;
    let o = outcomes(s);
    assert_eq!(o["scs-0116-permissions"].status, Status::Abort);
    assert_eq!(
        o["scs-0116-permissions"].reason.as_deref(),
        Some(
            "probes.key_manager_member_access: needs a live cloud (the snapshot has no such probe result)"
        )
    );
}

#[test]
fn scs_0123_each_service() {
    for (service_type, testcase) in [
        ("compute", "scs-0123-service-compute"),
        ("identity", "scs-0123-service-identity"),
        ("image", "scs-0123-service-image"),
        ("network", "scs-0123-service-network"),
        ("load-balancer", "scs-0123-service-load-balancer"),
        ("placement", "scs-0123-service-placement"),
        ("block-storage", "scs-0123-storage-apis"),
        ("object-store-s3", "scs-0123-service-s3"),
    ] {
        let mut s = good();
        catalog(&mut s).retain(|e| e.service_type != service_type);
        if service_type == "block-storage" {
            // Without Block Storage there is no backups API either (scs-0117).
            assert_fails(s, &[testcase, "scs-0117-test-backup"]);
        } else {
            assert_fails(s, &[testcase]);
        }
    }
    // Block storage under an alias passes (with a warning).
    let mut s = good();
    catalog(&mut s)
        .iter_mut()
        .find(|e| e.service_type == "block-storage")
        .unwrap()
        .service_type = "volumev3".into();
    let o = assert_fails(s, &[]);
    assert_eq!(
        o["scs-0123-storage-apis"].findings[0].severity,
        scs_standards::Severity::Warning
    );
}

#[test]
fn scs_0117_volume_backup() {
    use scs_standards::volume_backup::{StepEnd, VolumeBackupProbe};
    const ID: &str = "scs-0117-test-backup";
    // The good cloud's probe: every step done.
    let o = assert_fails(good(), &[]);
    assert_eq!(o[ID].status, Status::Pass);
    assert_eq!(o[ID].findings.len(), 3);

    // A refused backup (quota 0): FAIL naming the step and quoting the standard.
    let mut s = good();
    s.probes.volume_backup = Some(VolumeBackupProbe {
        create_volume: Some(StepEnd::Done { seconds: 2 }),
        create_backup: Some(StepEnd::Refused {
            http_status: 413,
            message: "Maximum number of backups allowed (0) exceeded".into(),
        }),
        ..Default::default()
    });
    let o = assert_fails(s, &[ID]);
    let error = o[ID].at_least(Severity::Error).next().unwrap();
    assert_eq!(error.object, "create-backup");
    assert!(error.message.contains("HTTP 413"), "{}", error.message);
    assert!(error.message.contains("MUST be offered to customers"));

    // A restore that ends in error_restoring: FAIL naming the restore.
    let mut s = good();
    s.probes.volume_backup = Some(VolumeBackupProbe {
        create_volume: Some(StepEnd::Done { seconds: 2 }),
        create_backup: Some(StepEnd::Done { seconds: 20 }),
        restore: Some(StepEnd::FailedStatus {
            status: "error_restoring".into(),
            seconds: 9,
            reason: None,
        }),
        leftovers: vec![],
    });
    let o = assert_fails(s, &[ID]);
    assert_eq!(
        o[ID].at_least(Severity::Error).next().unwrap().object,
        "restore"
    );

    // The cloud did not answer at all: ABORT, the question was not asked.
    let mut s = good();
    s.probes.volume_backup = Some(VolumeBackupProbe {
        create_volume: Some(StepEnd::NoAnswer {
            message: "cannot connect (Connection refused)".into(),
        }),
        ..Default::default()
    });
    let o = outcomes(s);
    assert_eq!(o[ID].status, Status::Abort);
    assert_eq!(
        o[ID].reason.as_deref(),
        Some(
            "could not ask the Block Storage API to create a 1 GiB volume: cannot connect (Connection refused)"
        )
    );

    // No probe result in the snapshot: needs a live cloud, never PASS.
    let mut s = good();
    s.probes.volume_backup = None;
    let o = outcomes(s);
    assert_eq!(o[ID].status, Status::Abort);
    assert_eq!(
        o[ID].reason.as_deref(),
        Some("probes.volume_backup: needs a live cloud (the snapshot has no such probe result)")
    );

    // Block Storage only under an alias: the probe decides as usual.
    let mut s = good();
    catalog(&mut s)
        .iter_mut()
        .find(|e| e.service_type == "block-storage")
        .unwrap()
        .service_type = "volume".into();
    assert_eq!(outcomes(s)[ID].status, Status::Pass);
}

#[test]
fn scs_0123_swift_s3() {
    // The demo cloud's record: S3 answered InvalidAccessKeyId at the object-store host.
    let o = outcomes(good());
    assert_eq!(o["scs-0123-swift-s3"].status, Status::Pass);
    let mut s = good();
    s.probes.swift_s3 = Some(SwiftS3Probe {
        url: Some("https://objectstore.demo-cloud.example/".into()),
        status: Some(404),
        ..SwiftS3Probe::default()
    });
    let o = assert_fails(s, &["scs-0123-swift-s3"]);
    assert!(
        o["scs-0123-swift-s3"].findings[0]
            .message
            .contains("HTTP 404 without an S3 error code")
    );
    let mut s = good();
    s.probes.swift_s3 = Some(SwiftS3Probe {
        error: Some("connection refused".into()),
        ..SwiftS3Probe::default()
    });
    let o = assert_fails(s, &["scs-0123-swift-s3"]);
    assert!(
        o["scs-0123-swift-s3"].findings[0]
            .message
            .contains("connection refused")
    );
    // A record of the earlier kind (bucket listing) holds no answer: ABORT, asking for a new one.
    let mut s = good();
    s.probes.swift_s3 = Some(SwiftS3Probe {
        s3_buckets: Some(vec!["a".into()]),
        swift_containers: vec!["a".into()],
        ..SwiftS3Probe::default()
    });
    let o = outcomes(s);
    assert_eq!(o["scs-0123-swift-s3"].status, Status::Abort);
    assert!(
        o["scs-0123-swift-s3"]
            .reason
            .as_deref()
            .unwrap()
            .contains("record the snapshot again")
    );
    // No probe: needs a live cloud.
    let mut s = good();
    s.probes.swift_s3 = None;
    let o = outcomes(s.clone());
    assert_eq!(o["scs-0123-swift-s3"].status, Status::Abort);
    // No object-store: nothing to check, PASS with an info line, without the probe; whether S3
    // has its own catalog entry is scs-0123-service-s3's business.
    catalog(&mut s).retain(|e| e.service_type != "object-store");
    let o = assert_fails(s.clone(), &[]);
    assert_eq!(
        o["scs-0123-swift-s3"].findings[0].severity,
        scs_standards::Severity::Info
    );
    catalog(&mut s).retain(|e| e.service_type != "object-store-s3");
    assert_fails(s, &["scs-0123-service-s3"]);
}

#[test]
fn a_missing_fact_aborts_exactly_its_testcases() {
    let mut s = good();
    s.images = None;
    let o = outcomes(s);
    let aborted = with_status(&o, Status::Abort);
    let expected: BTreeSet<String> = o
        .keys()
        .filter(|id| {
            id.starts_with("scs-0102-")
                || id.starts_with("scs-0104-")
                || *id == entropy::IMAGE_PROPERTY
        })
        .map(|id| id.to_string())
        .collect();
    assert_eq!(aborted, expected);
    for id in &aborted {
        assert_eq!(
            o[id.as_str()].reason.as_deref(),
            Some("images: the snapshot has no `images` key")
        );
    }
    assert!(with_status(&o, Status::Fail).is_empty());
}

#[test]
fn scs_0102_property_findings_equal_the_validator_per_property() {
    // The property testcases share one image-by-image pass; it must give exactly what
    // `check_images` gives for each property. The demo images with some properties spoiled:
    let mut s = good();
    for (i, img) in s.images.as_mut().unwrap().iter_mut().enumerate() {
        let key = Property::ALL[i % Property::ALL.len()].as_str();
        img.properties.remove(key);
        *img = img.clone().with("hw_rng_model", "banana");
    }
    let ctx = Context::new(SnapshotSource::new(s.clone()));
    let o = outcomes(s.clone());
    let public: Vec<Image> = s
        .images
        .unwrap()
        .into_iter()
        .filter(|i| i.visibility != scs_standards::cloud::Visibility::Private)
        .collect();
    for &p in Property::ALL {
        let expected = scs_standards::image_metadata::check_images(
            p,
            scs_standards::image_metadata::ImageMetadataVersion::V2,
            &public,
            ctx.now(),
        );
        assert_eq!(
            o[p.testcase().as_str()].findings,
            expected.findings,
            "{p:?}"
        );
    }
}
