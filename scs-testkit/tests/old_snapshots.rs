//! Snapshot files written in the formats of earlier versions keep loading: each file under
//! `tests/fixtures/snapshots/` gives the same facts and the same verdicts as it did with the
//! version that wrote `<name>.expected.json` beside it.
//!
//! The files and their expectations were committed before the snapshot format was generated
//! from the fact table (`scs_testkit::facts`): the hand-written demo and seed snapshots, the
//! demo as JSON, the demo as the recorder wrote it, and a recording of the loopback cloud.
//! `SCS_BLESS=1` rewrites the expectations (only ever with the version whose behaviour they
//! pin; a diff in a commit that changes the format is a regression).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Value, json};

use scs_testkit::{Context, Fact, Registry, SnapshotSource, run};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshots")
}

/// A fact as JSON, or why it is unavailable.
fn shown(got: Result<Value, scs_testkit::FactError>) -> Value {
    match got {
        Ok(value) => value,
        Err(e) => json!({ "unavailable": e.to_string() }),
    }
}

/// Every fact of the table, by key.
async fn facts(ctx: &Context) -> BTreeMap<String, Value> {
    let mut all = BTreeMap::new();
    for fact in Fact::ALL {
        all.insert(fact.key().to_owned(), shown(ctx.fact_json(fact).await));
    }
    all
}

/// What a snapshot file gives: `taken_at`, each fact, and each built-in testcase's verdict
/// with its reason.
async fn observed(path: &Path) -> Value {
    let source = SnapshotSource::load(path).unwrap_or_else(|e| panic!("{e}"));
    let ctx = Arc::new(Context::new(source));
    let registry = Registry::builtin();
    let ids: Vec<String> = registry.iter().map(|t| t.id().to_string()).collect();
    let verdicts: BTreeMap<String, String> = run(&registry, &ids, &ctx)
        .await
        .into_iter()
        .map(|(id, o)| {
            let reason = o.reason.map(|r| format!(": {r}")).unwrap_or_default();
            (id.to_string(), format!("{}{reason}", o.status))
        })
        .collect();
    json!({
        "taken_at": ctx.now().to_rfc3339(),
        "facts": facts(&ctx).await,
        "verdicts": verdicts,
    })
}

fn snapshot_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    files.sort();
    files
}

#[tokio::test]
async fn old_snapshot_files_give_the_same_facts_and_verdicts() {
    let files = snapshot_files();
    assert!(files.len() >= 6, "{files:?}");
    let bless = std::env::var_os("SCS_BLESS").is_some();
    for file in files {
        let got = observed(&file).await;
        let expected_path = PathBuf::from(format!("{}.expected.json", file.display()));
        if bless {
            let text = serde_json::to_string_pretty(&got).unwrap() + "\n";
            std::fs::write(&expected_path, text).unwrap();
            continue;
        }
        let text = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let expected: Value = serde_json::from_str(&text).unwrap();
        for part in ["taken_at", "facts", "verdicts"] {
            if got[part] != expected[part] {
                let name = file.file_name().unwrap().to_string_lossy();
                for (key, value) in expected[part].as_object().into_iter().flatten() {
                    assert_eq!(&got[part][key], value, "{name}: {part}.{key}");
                }
                assert_eq!(got[part], expected[part], "{name}: {part}");
            }
        }
    }
}

/// The recorder writes, byte for byte, what the version before the fact table wrote for the
/// demo cloud (`recorded-demo.yaml` is that version's output) up to `probes`; under `probes`,
/// each probe is a block of its own: the key manager's as before, `swift_s3` of the current kind
/// (issue 14 changed what the probe asks, and the demo cloud's result with it), and the probes
/// added since (volume backup, the scs-0101 sample VM).
#[tokio::test]
async fn the_recorder_writes_the_format_it_wrote_before() {
    let ctx = Context::new(scs_testkit::demo::source());
    let written = scs_testkit::record::record(&ctx).await.to_yaml().unwrap();
    let before = std::fs::read_to_string(fixtures().join("recorded-demo.yaml")).unwrap();
    let (head, probes) = written.split_once("\nprobes:\n").unwrap();
    let (head_before, probes_before) = before.split_once("\nprobes:\n").unwrap();
    assert_eq!(head, head_before);
    let key_manager = "  key_manager_member_access:\n    ok: true\n    error: null\n";
    assert!(probes_before.contains(key_manager), "{probes_before}");
    for block in [
        key_manager,
        "  swift_s3:\n    url: https://objectstore.demo-cloud.example/\n    status: 403\n    code: InvalidAccessKeyId\n",
        "  volume_backup:\n    create_volume:\n      result: done\n      seconds: 4\n    create_backup:\n      result: done\n      seconds: 38\n    restore:\n      result: done\n      seconds: 52\n",
        "  entropy_vm:\n    image: Debian 13\n    flavor: SCS-1L-1-5\n    readings:\n      values:\n",
    ] {
        assert!(probes.contains(block), "{block} in\n{probes}");
    }
}

/// The expectations are not vacuous: the files hold every fact somewhere, and verdicts of
/// every kind.
#[test]
fn the_expectations_cover_every_fact_and_verdict() {
    let mut facts_seen = std::collections::BTreeSet::new();
    let mut statuses = std::collections::BTreeSet::new();
    for file in snapshot_files() {
        let path = format!("{}.expected.json", file.display());
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (key, value) in expected["facts"].as_object().unwrap() {
            if value.get("unavailable").is_none() {
                facts_seen.insert(key.clone());
            }
        }
        for verdict in expected["verdicts"].as_object().unwrap().values() {
            statuses.insert(
                verdict
                    .as_str()
                    .unwrap()
                    .split(':')
                    .next()
                    .unwrap()
                    .to_owned(),
            );
        }
    }
    let all: std::collections::BTreeSet<String> =
        Fact::ALL.iter().map(|f| f.key().to_owned()).collect();
    assert_eq!(facts_seen, all);
    assert_eq!(statuses.len(), 3, "{statuses:?}");
}
