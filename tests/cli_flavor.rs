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
