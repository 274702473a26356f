//! `scs standards list|check DIR`: behaviour of the command-line interface.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

fn scs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(args)
        .output()
        .expect("run scs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// `Standards/` of the SCS standards repository.
fn standards_dir() -> String {
    common::standards()
        .join("Standards")
        .to_string_lossy()
        .into_owned()
}

/// A scratch folder with the given files, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str, files: &[(&str, &str)]) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("scs-cli-standards-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        Scratch(dir)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn list_real_catalogue() {
    let dir = standards_dir();
    let o = scs(&["standards", "list", &dir]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 102);
    let line = out.lines().find(|l| l.starts_with("scs-0102-v1 ")).unwrap();
    let columns: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(&columns[..4], ["scs-0102-v1", "Standard", "Stable", "IaaS"]);
    assert!(line.ends_with("SCS Image Metadata"), "{line}");
    // Supplements have no status.
    let line = out.lines().find(|l| l.starts_with("scs-0102-w1 ")).unwrap();
    assert!(line.contains("Supplement      -"), "{line}");
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn list_json() {
    let dir = standards_dir();
    let o = scs(&["standards", "list", &dir, "--json"]);
    assert!(o.status.success());
    let docs: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(docs.len(), 102);
    let v2 = docs
        .iter()
        .find(|d| d["file"] == "scs-0007-v2-certification-integrators.md")
        .unwrap();
    assert_eq!(v2["status"], "Stable");
    assert_eq!(v2["type"], "Procedural");
    assert_eq!(v2["stabilized_at"], "2026-04-07");
    assert_eq!(
        v2["replaces"][0],
        "scs-0007-v1-certification-integrators.md"
    );
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn check_real_catalogue_has_no_errors() {
    let dir = standards_dir();
    let o = scs(&["standards", "check", &dir]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(!out.is_empty());
    for line in out.lines() {
        assert!(line.starts_with("WARNING: scs-"), "{line}");
    }
    let summary = String::from_utf8_lossy(&o.stderr);
    assert!(summary.contains("102 documents: 0 errors"), "{summary}");
}

#[test]
fn check_reports_errors_with_file_line_and_field() {
    let scratch = Scratch::new(
        "errors",
        &[
            (
                "scs-0199-v1-good.md",
                "---\ntitle: G\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n",
            ),
            (
                "scs-0199-v2-bad.md",
                "---\ntitle: B\ntype: Standard\nstatus: Stable\ntrack: IaaS\n---\n",
            ),
            (
                "scs-0199-w1-notes.md",
                "---\ntitle: N\ntype: Supplement\ntrack: IaaS\nsupplements: [scs-0199-v3-x.md]\n---\n",
            ),
            ("README.md", "not a document"),
        ],
    );
    let o = scs(&["standards", "check", scratch.path()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    for expected in [
        "ERROR: scs-0199-v2-bad.md:4: field `status`: status is Stable but `stabilized_at` is missing",
        "ERROR: scs-0199-v2-bad.md: version v2 must name the document it replaces in `replaces`",
        "ERROR: scs-0199-w1-notes.md:5: field `supplements`: refers to scs-0199-v3-x.md, which is not in the folder (scs-0199-v3)",
    ] {
        assert!(
            lines.contains(&expected),
            "missing `{expected}` in {lines:#?}"
        );
    }
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("ERROR: ") || l.starts_with("WARNING: "))
    );
    assert!(!out.contains("README"));
}

#[test]
fn check_clean_folder_exits_zero_silently() {
    let scratch = Scratch::new(
        "clean",
        &[(
            "scs-0199-v1-good.md",
            "---\ntitle: G\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n",
        )],
    );
    let o = scs(&["standards", "check", scratch.path()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

#[test]
fn missing_folder_is_a_usage_error() {
    let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-standards-dir");
    for sub in ["list", "check"] {
        let o = scs(&["standards", sub, missing.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with("error: cannot read"), "{err}");
        assert!(err.contains("no-such-standards-dir"), "{err}");
    }
}
