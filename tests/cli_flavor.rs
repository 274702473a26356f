//! `scs flavor ...` as a user runs it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;

fn scs(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("scs runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn parse_describes_valid_names_and_fails_on_invalid_ones() {
    let out = scs(
        &["flavor", "parse", "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib"],
        "",
    );
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("short:     SCS-16T-64-3x10s_GNa-64_ib"),
        "{stdout}"
    );
    assert!(
        stdout.contains("v1:        SCS-16T:64:3x10s-bms-hwv-i3h-GNa:64-ib"),
        "{stdout}"
    );
    assert!(stdout.contains("Intel Ice Lake"), "{stdout}");

    let out = scs(
        &["flavor", "parse", "SCS-2V-4", "SCS-2iT-4", "m1.small"],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("\"SCS-2iT-4\": invalid SCS flavor name at byte 5: expected a CPU type"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\"m1.small\": not an SCS flavor name"),
        "{stderr}"
    );
    assert!(text(&out.stdout).contains("SCS-2V-4: valid"));
}

#[test]
fn parse_warns_about_tolerated_and_non_canonical_names() {
    let out = scs(
        &["flavor", "parse", "--tolerant", "SCS-2V:4:20s", "SCS-01V-4"],
        "",
    );
    assert!(out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("SCS-2V:4:20s: v1 spelling, merely tolerated; the v3 name is SCS-2V-4-20s"),
        "{stderr}"
    );
    assert!(
        stderr.contains("SCS-01V-4: not in canonical form; write SCS-1V-4"),
        "{stderr}"
    );
    // Strict v3 rejects the v1 name; --v1 accepts it without the tolerance warning.
    assert_eq!(
        scs(&["flavor", "parse", "SCS-2V:4:20s"], "").status.code(),
        Some(1)
    );
    let v1 = scs(&["flavor", "parse", "--v1", "SCS-2V:4:20s"], "");
    assert!(v1.status.success() && !text(&v1.stderr).contains("tolerated"));
    assert_eq!(
        scs(&["flavor", "parse", "--v2", "SCS-2V-4_chy"], "")
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn spec_prints_yaml() {
    let out = scs(&["flavor", "spec", "SCS-2V-4-20s"], "");
    assert!(out.status.success());
    let yaml: Value = serde_yaml::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(yaml["cpus"], 2);
    assert_eq!(yaml["ram"], 4.0);
    assert_eq!(yaml["disk"], 20);
    assert_eq!(yaml["scs:disk0-type"], "ssd");
    assert_eq!(yaml["scs:name-v1"], "SCS-2V:4:20s");
    assert_eq!(
        scs(&["flavor", "spec", "SCS-2V"], "").status.code(),
        Some(1)
    );
}

#[test]
fn new_builds_names_and_explains_refusals() {
    let out = scs(
        &[
            "flavor",
            "new",
            "--cpus",
            "4",
            "--cpu-type",
            "V",
            "--ram",
            "16",
            "--disk",
            "50",
            "--disk-type",
            "s",
        ],
        "",
    );
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "SCS-4V-16-50s\n");
    let out = scs(
        &[
            "flavor",
            "new",
            "--cpus",
            "16",
            "--cpu-type",
            "T",
            "--ram",
            "64",
            "--disk",
            "10",
            "--disk-type",
            "s",
            "--disk-count",
            "3",
            "--hypervisor",
            "bms",
            "--hwv",
            "--cpu-vendor",
            "i",
            "--cpu-gen",
            "3",
            "--cpu-freq",
            "1",
            "--gpu",
            "G",
            "--gpu-vendor",
            "N",
            "--gpu-gen",
            "a",
            "--gpu-units",
            "64",
            "--ib",
        ],
        "",
    );
    assert_eq!(
        text(&out.stdout),
        "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib\n"
    );
    for (args, message) in [
        (
            vec!["--cpus", "0", "--cpu-type", "V", "--ram", "4"],
            "the number of vCPUs must be at least 1",
        ),
        (
            vec!["--cpus", "2", "--cpu-type", "V", "--ram", "1.2"],
            "RAM must be a positive multiple of 0.5 GiB",
        ),
        (
            vec![
                "--cpus",
                "2",
                "--cpu-type",
                "V",
                "--ram",
                "4",
                "--cpu-gen",
                "3",
            ],
            "needs a CPU vendor",
        ),
        (
            vec![
                "--cpus",
                "2",
                "--cpu-type",
                "V",
                "--ram",
                "4",
                "--disk",
                "big",
            ],
            "--disk takes a size in GB or `auto`",
        ),
    ] {
        let mut all = vec!["flavor", "new"];
        all.extend(args);
        let out = scs(&all, "");
        assert_eq!(out.status.code(), Some(1), "{all:?}");
        assert!(
            text(&out.stderr).contains(message),
            "{all:?}: {}",
            text(&out.stderr)
        );
    }
    let auto = scs(
        &[
            "flavor",
            "new",
            "--cpus",
            "2",
            "--cpu-type",
            "C",
            "--ram",
            "4",
            "--disk",
            "auto",
        ],
        "",
    );
    assert_eq!(text(&auto.stdout), "SCS-2C-4-\n");
}

#[test]
fn batch_writes_one_json_object_per_line() {
    let input = "SCS-2V-4-20s\nSCS-2V:4:20s\n m1.small\nSCS-2V-4 \nSCS-2iT-4\n";
    let out = scs(&["flavor", "batch"], input);
    assert!(out.status.success());
    let lines: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    let ok = &lines[0];
    assert_eq!(
        (
            ok["ok"].as_bool(),
            ok["scs"].as_bool(),
            ok["v1_syntax"].as_bool()
        ),
        (Some(true), Some(true), Some(false))
    );
    assert_eq!(ok["spec"]["disk"], 20);
    assert_eq!(ok["spec"]["ram"].as_f64(), Some(4.0));
    assert!(ok["error"].is_null());
    let v1 = &lines[1];
    assert_eq!(
        (v1["ok"].as_bool(), v1["v1_syntax"].as_bool()),
        (Some(false), Some(true))
    );
    assert_eq!(v1["canonical"], "SCS-2V-4-20s");
    assert!(v1["error"].as_str().unwrap().contains("at byte"));
    // The whole line is the name: no trimming.
    assert_eq!(lines[2]["name"], " m1.small");
    assert_eq!(lines[2]["scs"], false);
    assert!(lines[2]["canonical"].is_null());
    assert_eq!(lines[3]["name"], "SCS-2V-4 ");
    assert_eq!(
        (lines[3]["ok"].as_bool(), lines[3]["scs"].as_bool()),
        (Some(false), Some(true))
    );
    assert!(lines[4]["spec"].is_null() && lines[4]["description"].is_null());
}

#[test]
fn batch_agrees_with_the_reference_corpus() {
    let corpus = std::fs::read_to_string(common::FLAVOR_CORPUS).unwrap();
    // Names containing a newline cannot be a line of input.
    let records: Vec<Value> = corpus
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| !r["name"].as_str().unwrap().contains('\n'))
        .collect();
    let input: String = records
        .iter()
        .map(|r| format!("{}\n", r["name"].as_str().unwrap()))
        .collect();
    let out = scs(&["flavor", "batch"], &input);
    assert!(out.status.success());
    let ours: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(ours.len(), records.len());
    let mut disagreements = 0;
    for (theirs, ours) in records.iter().zip(&ours) {
        assert_eq!(theirs["name"], ours["name"]);
        let v3 = &theirs["v3"];
        if v3["ok"] != ours["ok"] {
            // The documented departures (see scs-flavor's crate docs and reference_corpus.rs).
            disagreements += 1;
            continue;
        }
        if v3["ok"] == true {
            for key in ["canonical", "short", "v1", "spec"] {
                assert_eq!(v3[key], ours[key], "{key} of {}", theirs["name"]);
            }
        } else {
            assert_eq!(
                v3["scs"].as_bool().unwrap_or(true),
                ours["scs"].as_bool().unwrap(),
                "{}",
                theirs["name"]
            );
            if theirs.get("v1_ok").is_some() && ours["v1_syntax"] == true {
                assert_eq!(theirs["v1_as_v3"], ours["canonical"], "{}", theirs["name"]);
            }
        }
    }
    assert!(
        disagreements <= 30,
        "{disagreements} disagreements, 30 documented"
    );
}

#[test]
fn stats_prints_one_line() {
    let out = scs(&["flavor", "stats"], "SCS-2V-4\nSCS-4V-16-50s\nnope\n");
    assert!(out.status.success());
    let line = text(&out.stdout);
    assert!(line.starts_with("names=3 valid=2 ns_per_name="), "{line}");
    let ns: f64 = line.trim().rsplit('=').next().unwrap().parse().unwrap();
    assert!(ns > 0.0);
}

#[test]
fn infer_names_a_flavor_from_its_figures() {
    let out = scs(
        &[
            "flavor",
            "infer",
            "--vcpus",
            "2",
            "--ram-mib",
            "4096",
            "--disk",
            "20",
            "--extra-spec",
            "scs:cpu-type=shared-core",
            "--extra-spec",
            "scs:disk0-type=ssd",
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "SCS-2V-4-20s\n");
    // Without extra specs: the weakest CPU type; 4000 MiB is 3.5 GiB as the check rounds.
    let out = scs(
        &["flavor", "infer", "--vcpus", "2", "--ram-mib", "4000"],
        "",
    );
    assert_eq!(text(&out.stdout), "SCS-2L-3.5\n");
    let out = scs(&["flavor", "infer", "--vcpus", "2", "--ram-mib", "100"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("100 MiB of RAM"),
        "{}",
        text(&out.stderr)
    );
    let out = scs(
        &[
            "flavor",
            "infer",
            "--vcpus",
            "2",
            "--ram-mib",
            "4096",
            "--extra-spec",
            "scs:cpu-type",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("expected KEY=VALUE"));
}

#[test]
fn infer_batch_answers_each_line_with_a_name_or_what_is_wrong() {
    let input = concat!(
        r#"{"id": "1", "name": "small", "vcpus": 2, "ram": 4096, "disk": 20, "#,
        r#""extra_specs": {"scs:cpu-type": "shared-core", "scs:disk0-type": "ssd"}}"#,
        "\n",
        r#"{"vcpus": 4, "ram": 16384}"#,
        "\n",
        r#"{"vcpus": 2}"#,
        "\n",
        "not json\n",
        r#"{"vcpus": 0, "ram": 1024}"#,
        "\n",
        r#"{"vcpus": 1, "ram": 1024, "extra_specs": {"scs:cpu-type": "fast"}}"#,
        "\n",
    );
    let out = scs(&["flavor", "infer", "--batch"], input);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0], serde_json::json!({"name": "SCS-2V-4-20s"}));
    assert_eq!(lines[1], serde_json::json!({"name": "SCS-4L-16"}));
    let error = |i: usize| lines[i]["error"].as_str().unwrap().to_owned();
    assert_eq!(error(2), "line 3, column 12: missing field `ram`");
    assert!(error(3).starts_with("line 4, column "), "{}", error(3));
    assert_eq!(
        error(4),
        "line 5: the flavor has 0 vCPUs; an SCS name counts at least 1"
    );
    assert!(error(5).starts_with("line 6: extra spec `scs:cpu-type` is `fast`"));
    let out = scs(&["flavor", "infer", "--batch", "--vcpus", "2"], "");
    assert_eq!(
        out.status.code(),
        Some(2),
        "--batch takes its input from stdin"
    );
}

#[test]
fn plan_lists_the_standard_flavors() {
    let out = scs(&["flavor", "plan"], "");
    assert!(out.status.success());
    let mandatory = text(&out.stdout);
    assert_eq!(mandatory.lines().count(), 15, "{mandatory}");
    assert!(mandatory.contains(
        "SCS-2V-4-20s     mandatory   vcpus=2   ram=4096   disk=20   scs:cpu-type=shared-core \
         scs:disk0-type=ssd scs:name-v1=SCS-2V:4:20s scs:name-v2=SCS-2V-4-20s\n"
    ));
    let all = text(&scs(&["flavor", "plan", "--optional"], "").stdout);
    assert_eq!(all.lines().count(), 31);
    assert!(all.contains("SCS-1L-1-5       recommended vcpus=1   ram=1024   disk=5    "));
}

/// `--osism` writes what OSISM's openstack-flavor-manager reads: read it back, and compare
/// every flavor with the same flavor in OSISM's own list.
#[test]
fn plan_for_osism_agrees_with_the_osism_flavor_list() {
    // OSISM's catalogue (Apache-2.0) is in the repository: this test runs everywhere.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scs-standards/tests/data/osism/flavors.yaml"
    );
    let theirs = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let theirs: serde_yaml::Value = serde_yaml::from_str(&theirs).unwrap();
    let out = scs(&["flavor", "plan", "--osism", "--optional"], "");
    assert!(out.status.success());
    let ours: serde_yaml::Value = serde_yaml::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(ours["reference"], theirs["reference"]);
    let ours: Vec<&serde_yaml::Value> = ["mandatory", "recommended"]
        .iter()
        .flat_map(|key| ours[*key].as_sequence().unwrap())
        .collect();
    assert_eq!(ours.len(), 31);
    let mut compared = 0;
    for entry in theirs["mandatory"].as_sequence().unwrap() {
        let Some(mine) = ours.iter().find(|f| f["name"] == entry["name"]) else {
            continue;
        };
        compared += 1;
        for key in [
            "cpus",
            "ram",
            "disk",
            "scs:cpu-type",
            "scs:name-v1",
            "scs:name-v2",
        ] {
            assert_eq!(mine[key], entry[key], "{:?} {key}", entry["name"]);
        }
        // scs-0103-v1: `scs:disk0-type` "not set if no disk is provided"; OSISM sets
        // `network` there. Where there is a disk, the two agree.
        match mine.get("scs:disk0-type") {
            Some(disk_type) => assert_eq!(disk_type, &entry["scs:disk0-type"]),
            None => assert_eq!(mine["disk"], 0, "{:?}", entry["name"]),
        }
    }
    assert_eq!(compared, 28, "the flavors of scs-0103 in OSISM's list");
}
