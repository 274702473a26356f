//! The snapshot loader: formats, unknown keys, and errors naming key and item.

use std::io::Write;

use scs_testkit::{Snapshot, SnapshotSource, demo};

fn error(text: &str) -> String {
    Snapshot::parse(text).unwrap_err().to_string()
}

#[test]
fn yaml_and_json_give_the_same_snapshot() {
    let yaml = Snapshot::parse(demo::SNAPSHOT_YAML).unwrap();
    let value: serde_json::Value = serde_yaml::from_str(demo::SNAPSHOT_YAML).unwrap();
    let json = Snapshot::parse(&serde_json::to_string_pretty(&value).unwrap()).unwrap();
    assert_eq!(yaml, json);
    assert_eq!(yaml.images.as_ref().unwrap().len(), 7);
    assert_eq!(yaml.roles.as_ref().unwrap()[0], "member");
}

#[test]
fn unknown_keys_are_ignored_missing_keys_are_none() {
    let s = Snapshot::parse("servers: [1, 2]\nflavors: []\nprobes: {future_probe: 1}\n").unwrap();
    assert_eq!(s.flavors, Some(vec![]));
    assert!(s.images.is_none() && s.catalog.is_none());
    assert_eq!(Snapshot::parse("").unwrap(), Snapshot::default());
}

/// A `swift_s3` record of the earlier kind (EC2 credential, bucket listing) still loads; it is
/// written back in the current shape only.
#[test]
fn old_swift_s3_records_load() {
    let old = "probes:\n  swift_s3:\n    s3_buckets: [backups, terraform-state]\n    swift_containers: [terraform-state, backups]\n";
    let s = Snapshot::parse(old).unwrap();
    let probe = s.probes.swift_s3.unwrap();
    assert_eq!(probe.s3_buckets.as_deref().map(<[String]>::len), Some(2));
    assert_eq!(probe.answer(), None);
    let written = serde_yaml::to_string(&probe).unwrap();
    assert_eq!(written.trim(), "{}");
    let failed =
        Snapshot::parse("probes:\n  swift_s3: {s3_buckets: null, error: refused}\n").unwrap();
    assert_eq!(
        failed.probes.swift_s3.unwrap().answer(),
        Some(scs_standards::services::S3Answer::NoAnswer(
            "refused".into()
        ))
    );
}

#[test]
fn roles_as_names_or_token_objects() {
    let s = Snapshot::parse(r#"roles: [member, {id: "9", name: reader}]"#).unwrap();
    assert_eq!(s.roles.unwrap(), ["member", "reader"]);
}

#[test]
fn errors_name_the_key_and_item() {
    assert_eq!(
        error("images:\n- {name: ok}\n- {name: Debian 12, min_disk: -1}\n"),
        "images[1] (Debian 12): invalid value: integer `-1`, expected u64"
    );
    assert_eq!(
        error("volume_types:\n- {description: no name}\n"),
        "volume_types[0]: missing field `name`"
    );
    assert_eq!(
        error("flavors: {}"),
        "flavors: expected a list, found a mapping"
    );
    assert_eq!(
        error("default_security_group_rules:\n- {direction: sideways, ethertype: IPv4}\n"),
        "default_security_group_rules[0]: unknown variant `sideways`, expected `ingress` or `egress`"
    );
    assert_eq!(
        error("probes:\n  fresh_security_group_rules:\n  - {direction: ingress}\n"),
        "probes.fresh_security_group_rules[0]: missing field `ethertype`"
    );
    assert_eq!(
        error("probes:\n  swift_s3: {buckets: []}\n"),
        "probes.swift_s3: unknown field `buckets`, expected one of `url`, `status`, `code`, `error`, `s3_buckets`, `swift_containers`"
    );
    assert_eq!(
        error("probes: [1]"),
        "probes: expected a mapping, found a list"
    );
    assert!(
        error("taken_at: yesterday").starts_with("taken_at: \"yesterday\" is not an RFC 3339 time")
    );
    assert_eq!(
        error("- flavors"),
        "a snapshot is a mapping with keys such as `flavors` and `images`, found a list"
    );
    let syntax = error("flavors: [\n");
    assert!(
        syntax.starts_with("YAML: ") && syntax.contains("line"),
        "{syntax}"
    );
    let syntax = error("{\"flavors\": [}");
    assert!(
        syntax.starts_with("JSON: ") && syntax.contains("line 1 column"),
        "{syntax}"
    );
}

#[test]
fn file_errors_name_the_file() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"catalog:\n- {name: nova}\n").unwrap();
    let e = SnapshotSource::load(file.path()).unwrap_err().to_string();
    assert_eq!(
        e,
        format!(
            "{}: catalog[0] (nova): missing field `type`",
            file.path().display()
        )
    );
    let e = SnapshotSource::load("/nonexistent/snapshot.yaml")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("/nonexistent/snapshot.yaml: cannot read: "),
        "{e}"
    );
}

mod never_panics {
    use proptest::prelude::*;
    use scs_testkit::{Snapshot, SnapshotErrorKind};

    /// Snapshot-shaped YAML with arbitrary scalars where the API puts values: the keys with
    /// their items, and the text.
    fn shaped() -> impl Strategy<Value = (Vec<(&'static str, Vec<&'static str>)>, String)> {
        let key = prop::sample::select(vec![
            "flavors",
            "images",
            "volume_types",
            "default_security_group_rules",
            "catalog",
            "roles",
            "probes",
            "taken_at",
            "other",
        ]);
        let scalar = prop::sample::select(vec![
            "1",
            "-1",
            "x",
            "null",
            "[]",
            "{}",
            "true",
            "2026-11-20T00:00:00Z",
            "{name: a}",
            "{name: a, vcpus: 1, ram: 1, disk: 0}",
            "{type: compute}",
            "{direction: ingress, ethertype: IPv4}",
            "{swift_s3: {s3_buckets: [a]}}",
            "{swift_s3: {status: 403, code: InvalidAccessKeyId}}",
            "{key_manager_member_access: {ok: true}}",
            "[{name: 1}]",
        ]);
        prop::collection::vec((key, prop::collection::vec(scalar, 0..4)), 0..6).prop_map(
            |entries| {
                let text = entries
                    .iter()
                    .map(|(k, items)| format!("{k}: [{}]\n", items.join(", ")))
                    .collect();
                (entries, text)
            },
        )
    }

    proptest! {
        #[test]
        fn arbitrary_text(text in ".{0,200}") {
            let _ = Snapshot::parse(&text);
        }

        #[test]
        fn arbitrary_snapshot_shapes((entries, text) in shaped()) {
            let Err(e) = Snapshot::parse(&text) else {
                return Ok(());
            };
            // Every error says where: the key it found wrong, and for an item of a list its
            // index and, if the item has one, its name (`images[2] (a): ...`).
            let message = e.to_string();
            let named = |key: &str| entries.iter().any(|(k, _)| *k == key);
            match &e.kind {
                SnapshotErrorKind::Key { key, .. } => {
                    prop_assert!(named(key), "{:?} names no key of {:?}", message, text);
                    prop_assert!(message.starts_with(&format!("{key}: ")), "{}", message);
                }
                SnapshotErrorKind::Item { key, index, name, .. } => {
                    let item = entries.iter().rev().find(|(k, _)| k == key).and_then(|(_, items)| items.get(*index));
                    prop_assert!(item.is_some(), "{:?} names no item of {:?}", message, text);
                    let expected_name = item.unwrap().strip_prefix("{name: ").and_then(|rest| rest.split([',', '}']).next());
                    prop_assert_eq!(name.as_deref(), expected_name, "{}", message);
                    let place = match name {
                        Some(name) => format!("{key}[{index}] ({name}): "),
                        None => format!("{key}[{index}]: "),
                    };
                    prop_assert!(message.starts_with(&place), "{:?} does not start with {:?}", message, place);
                }
                _ => prop_assert!(false, "{:?} names no key nor item of {:?}", message, text),
            }
        }
    }
}
