//! `scs run` end to end: the REAL SCS compliance monitor (`.ci/monitor`, with PostgreSQL) and
//! the REAL loopback OpenStack (`.ci/openstack`), both on 127.0.0.1.
//!
//! Three subjects with two workers: `scs-member` and `scs-appcred` (two ways into the loopback
//! cloud: password and application credential) and `scs-other`, whose cloud is
//! `scs-wrong-password` (authentication fails with HTTP 401). The monitor's `scs-ci` account
//! signs and uploads the merged report for all three (they delegate to it). Then the monitor's
//! `/status` and detail pages must show, per subject, the verdicts `scs check` prints for the
//! same cloud; a tampered report, a wrong key and a wrong token get 401, a repeat 409, and the
//! report stays on disk every time.
//!
//! Without the services (no `ready` when the tests were built, see `build.rs`) the tests are
//! reported as ignored, except under `CI`. They seed the cloud: run them under
//! `flock /tmp/scs-live.lock` where others share it.
#![cfg(feature = "openstack")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use serde_json::Value;

mod common;

const SUBJECTS: [&str; 3] = ["scs-member", "scs-appcred", "scs-other"];

struct Services {
    cloud_run: PathBuf,
    monitor_run: PathBuf,
    url: String,
    dir: tempfile::TempDir,
    http: ureq::Agent,
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn services() -> Services {
    let cloud_run = common::openstack_run();
    let monitor_run = common::monitor_run();
    let url = read(&monitor_run.join("monitor.env"))
        .lines()
        .find_map(|l| l.strip_prefix("SCS_MONITOR_URL="))
        .expect("monitor.env names SCS_MONITOR_URL")
        .to_owned();
    let http = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    Services {
        cloud_run,
        monitor_run,
        url,
        dir: tempfile::tempdir().unwrap(),
        http,
    }
}

impl Services {
    fn account(&self, name: &str) -> PathBuf {
        self.monitor_run.join("accounts").join(name)
    }

    /// A config.toml in the test folder, signing with `key` and authenticating with `tokenfile`.
    fn config(&self, name: &str, key: &Path, tokenfile: &Path) -> PathBuf {
        let path = self.dir.path().join(name);
        let text = format!(
            "[secrets]\nkeyfile = {key:?}\ntokenfile = {tokenfile:?}\n\n\
             [presets.loopback]\nscopes = [\"scs-compatible-iaas\"]\nsubjects = {SUBJECTS:?}\nworkers = 2\n\n\
             [scopes.scs-compatible-iaas]\nspec = \"scs-compatible-iaas\"\n\n\
             [subjects._.mapping]\nos_cloud = \"{{subject}}\"\n\n\
             [subjects.scs-other.mapping]\nos_cloud = \"scs-wrong-password\"\n"
        );
        std::fs::write(&path, text).unwrap();
        path
    }

    fn ci_config(&self) -> PathBuf {
        let ci = self.account("scs-ci");
        self.config("config.toml", &ci.join("key"), &ci.join("tokenfile"))
    }

    /// `scs ARGS` in the test folder with the loopback cloud's clouds.yaml.
    fn scs(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_scs"))
            .args(args)
            .current_dir(self.dir.path())
            .env("HOME", self.dir.path())
            .env("OS_CLIENT_CONFIG_FILE", self.cloud_run.join("clouds.yaml"))
            .env_remove("OS_CLOUD")
            .output()
            .unwrap()
    }

    fn get(&self, path: &str, accept: &str) -> (u16, String) {
        let mut response = self
            .http
            .get(format!("{}{path}", self.url))
            .header("Accept", accept)
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }

    /// Every secret of both services: none may show in any output.
    fn secrets(&self) -> Vec<String> {
        let mut all = Vec::new();
        for file in [
            self.cloud_run.join("secrets.txt"),
            self.monitor_run.join("secrets.txt"),
        ] {
            all.extend(
                read(&file)
                    .lines()
                    .map(str::trim)
                    .filter(|l| l.len() >= 8)
                    .map(str::to_owned),
            );
        }
        all
    }

    fn assert_no_secret(&self, out: &Output) {
        let both = format!("{}{}", text(&out.stdout), text(&out.stderr));
        for secret in self.secrets() {
            assert!(!both.contains(&secret), "a secret in the output of scs");
        }
    }
}

/// The verdicts `scs check` prints: version -> 1 (PASS) / -1 (FAIL), main target.
fn printed_verdicts(stdout: &str, subject: &str) -> BTreeMap<String, i64> {
    let mut verdicts = BTreeMap::new();
    let mut version = None;
    for line in stdout.lines() {
        if line.starts_with(subject) && line.ends_with(':') {
            version = line
                .trim_end_matches(':')
                .rsplit(' ')
                .next()
                .map(str::to_owned);
        } else if let (Some(v), Some(rest)) = (&version, line.strip_prefix("- main: ")) {
            verdicts.insert(v.clone(), if rest.starts_with("PASS") { 1 } else { -1 });
        }
    }
    verdicts
}

/// The documents of a merged report, by subject.
fn documents(merged: &str) -> BTreeMap<String, serde_yaml::Value> {
    merged
        .split("\n---\n")
        .map(|d| serde_yaml::from_str::<serde_yaml::Value>(d.trim_start_matches("---\n")).unwrap())
        .map(|doc| (doc["subject"].as_str().unwrap().to_owned(), doc))
        .collect()
}

#[test]
#[cfg_attr(
    any(scs_no_monitor, scs_no_openstack),
    ignore = "needs the compliance monitor and the loopback OpenStack: .ci/monitor/start, .ci/openstack/start (then touch build.rs)"
)]
fn scs_run_checks_three_subjects_uploads_and_the_monitor_shows_what_scs_check_prints() {
    let s = services();
    let config = s.ci_config();
    let report = s.dir.path().join("night.yaml");
    let url = s.url.clone();
    let started = std::time::Instant::now();
    let out = s.scs(&[
        "run",
        "--config",
        config.to_str().unwrap(),
        "--preset",
        "loopback",
        "-o",
        report.to_str().unwrap(),
        "--monitor-url",
        &url,
        "--subject-timeout",
        "600",
    ]);
    let took = started.elapsed();
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    s.assert_no_secret(&out);
    // scs-other cannot authenticate: the run goes on, uploads, and exits 1.
    assert_eq!(out.status.code(), Some(1), "scs run:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains("upload: accepted by the monitor"),
        "{stdout}\n{stderr}"
    );
    // Plain progress lines in a pipe, one start and one end per subject.
    for subject in SUBJECTS {
        assert!(
            stderr.contains(&format!("started {subject} (scs-compatible-iaas)")),
            "{stderr}"
        );
    }
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with('[') && l.contains("/3] "))
            .count(),
        3,
        "{stderr}"
    );
    let merged = read(&report);
    let signature = read(&s.dir.path().join("night.yaml.sig"));
    assert!(signature.starts_with("-----BEGIN SSH SIGNATURE-----"));
    // One document per subject, in the preset's order.
    let order: Vec<&str> = merged
        .lines()
        .filter_map(|l| l.strip_prefix("subject: "))
        .collect();
    assert_eq!(order, SUBJECTS, "subjects in the merged report");
    let docs = documents(&merged);
    let other = serde_yaml::to_string(&docs["scs-other"]).unwrap();
    assert!(
        other.contains("CRITICAL: cloud scs-wrong-password: "),
        "{other}"
    );

    for subject in SUBJECTS {
        // The table row of scs run.
        let row = stdout
            .lines()
            .find(|l| l.starts_with(&format!("{subject} ")))
            .unwrap_or_else(|| panic!("no row for {subject}:\n{stdout}"));
        // What scs check prints for the same cloud.
        let cloud = if subject == "scs-other" {
            "scs-wrong-password"
        } else {
            subject
        };
        let check = s.scs(&["check", "-s", subject, "--os-cloud", cloud]);
        let check_out = text(&check.stdout);
        let printed = printed_verdicts(&check_out, subject);
        assert!(
            !printed.is_empty(),
            "scs check printed no verdict:\n{check_out}\n{}",
            text(&check.stderr)
        );
        for (version, verdict) in &printed {
            let word = if *verdict == 1 { "PASS" } else { "FAIL" };
            assert!(
                row.contains(&format!("{version} {word}")),
                "{subject}: scs check says {version} {word}, scs run: {row}"
            );
        }
        // The monitor's /status: this run's results and, per version it evaluates, the verdict
        // scs check printed. A subject whose testcases all ABORTed is "0" (no result) there and
        // FAIL in scs check: the monitor does not count ABORT as a failure of the target.
        let doc = &docs[subject];
        let run_uuid = doc["run"]["uuid"].as_str().unwrap();
        let scope_uuid = doc["spec"]["uuid"].as_str().unwrap();
        let (status, body) = s.get(&format!("/status?subject={subject}"), "application/json");
        assert_eq!(status, 200, "{body}");
        let json: Value = serde_json::from_str(&body).unwrap();
        let scope = &json[subject][scope_uuid];
        let mut results = BTreeMap::new();
        for invocation in doc["run"]["invocations"].as_mapping().unwrap().values() {
            for (id, value) in invocation["results"].as_mapping().unwrap() {
                results.insert(id.as_str().unwrap().to_owned(), value.as_i64().unwrap());
            }
        }
        for (id, value) in &results {
            let shown = &scope["results"][id];
            assert_eq!(
                shown["result"], *value,
                "{subject} {id} in /status: {shown}"
            );
            assert_eq!(
                shown["report"], run_uuid,
                "{subject} {id}: not this run's: {shown}"
            );
        }
        let all_abort = results.values().all(|v| *v == 0);
        let versions = scope["versions"].as_object().expect("versions in /status");
        assert!(!versions.is_empty(), "{subject}: no version evaluated");
        for (version, evaluation) in versions {
            let printed = printed
                .get(version)
                .unwrap_or_else(|| panic!("scs check printed no verdict for {version}"));
            let shown = evaluation["targets"]["main"]["result"].as_i64().unwrap();
            let expected = if all_abort { 0 } else { *printed };
            assert_eq!(
                shown, expected,
                "{subject} {version}: monitor {shown}, scs check {printed}"
            );
        }
        // The detail page names the subject and shows each listed testcase's result word.
        let (status, page) = s.get(&format!("/page/detail/{subject}/{scope_uuid}"), "text/html");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains(&format!("Details for subject {subject}")));
        let mut shown = 0;
        for (id, value) in &results {
            let Some(row) = page
                .split("<tr>")
                .find(|row| row.contains(&format!(">{id}</a>")))
            else {
                continue;
            };
            let word = common::monitor_word(*value);
            assert!(row.contains(word), "{subject} {id} should show {word}");
            shown += 1;
        }
        assert!(
            shown > 0,
            "{subject}: no testcase of the report on the detail page"
        );
    }
    eprintln!(
        "scs run over {} subjects took {:.1} s",
        SUBJECTS.len(),
        took.as_secs_f64()
    );

    // The same signed report again: 409, reported, not an error; the file unchanged.
    let sig = s.dir.path().join("night.yaml.sig");
    let again = s.scs(&[
        "report",
        "upload",
        report.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "--signature",
        sig.to_str().unwrap(),
        "--monitor-url",
        &url,
    ]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("already uploaded (409)"),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(read(&report), merged);

    // One result changed after signing: 401, said, and neither file is touched.
    let tampered = s.dir.path().join("tampered.yaml");
    let changed = merged.replacen(": -1\n", ": 1\n", 1);
    assert_ne!(changed, merged, "a failed result to change");
    std::fs::write(&tampered, &changed).unwrap();
    let refused = s.scs(&[
        "report",
        "upload",
        tampered.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "--signature",
        sig.to_str().unwrap(),
        "--monitor-url",
        &url,
    ]);
    let err = text(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert!(err.contains("HTTP 401"), "{err}");
    assert_eq!(read(&tampered), changed);
    s.assert_no_secret(&refused);
}

/// A wrong key or a wrong token: the run still writes (and signs) its report, then says the
/// monitor refused it (401) and exits 2. Only the failing subject runs, so this is quick.
#[test]
#[cfg_attr(
    any(scs_no_monitor, scs_no_openstack),
    ignore = "needs the compliance monitor and the loopback OpenStack: .ci/monitor/start, .ci/openstack/start (then touch build.rs)"
)]
fn a_wrong_key_or_token_is_refused_with_401_and_the_report_stays() {
    let s = services();
    let ci = s.account("scs-ci");
    let wrong_token = s.dir.path().join("wrong-tokenfile");
    {
        use base64::Engine;
        let value = base64::engine::general_purpose::STANDARD.encode("scs-ci:not-the-token");
        std::fs::write(&wrong_token, value).unwrap();
    }
    let cases = [
        (
            "wrong key",
            s.config(
                "wrong-key.toml",
                &s.account("scs-member").join("key"),
                &ci.join("tokenfile"),
            ),
        ),
        (
            "wrong token",
            s.config("wrong-token.toml", &ci.join("key"), &wrong_token),
        ),
    ];
    for (case, config) in cases {
        let report = s
            .dir
            .path()
            .join(format!("{}.yaml", case.replace(' ', "-")));
        let out = s.scs(&[
            "run",
            "--config",
            config.to_str().unwrap(),
            "--preset",
            "loopback",
            "--subject",
            "scs-other",
            "-o",
            report.to_str().unwrap(),
            "--monitor-url",
            &s.url,
        ]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{case}: {err}");
        assert!(
            err.contains("CRITICAL: upload failed") && err.contains("HTTP 401"),
            "{case}: {err}"
        );
        assert!(err.contains("the report stays in"), "{case}: {err}");
        let merged = read(&report);
        assert!(
            merged.starts_with("---\n") && merged.contains("subject: scs-other"),
            "{case}"
        );
        s.assert_no_secret(&out);
    }
}

/// `scs run cleanup` over the config's subjects: a security group planted with a probe's
/// name is listed for both accounts of the member (dry run: still there), the subject that
/// cannot authenticate is reported without stopping the others (exit 1), and `--apply` on
/// scs-member removes it.
#[test]
#[cfg_attr(
    any(scs_no_monitor, scs_no_openstack),
    ignore = "needs the compliance monitor and the loopback OpenStack: .ci/monitor/start, .ci/openstack/start (then touch build.rs)"
)]
fn scs_run_cleanup_lists_on_every_subject_and_removes_with_apply() {
    let s = services();
    let config = s.ci_config();
    let name = format!("scs-0115-probe-nightly{}", std::process::id());
    let openstack = |args: &[&str]| {
        let out = Command::new("openstack")
            .args(["--os-cloud", "scs-member"])
            .args(args)
            .env("OS_CLIENT_CONFIG_FILE", s.cloud_run.join("clouds.yaml"))
            .output()
            .expect("the openstack client (python3-openstackclient)");
        assert!(
            out.status.success(),
            "openstack {args:?}: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    };
    openstack(&["security", "group", "create", &name]);

    let dry = s.scs(&[
        "run",
        "cleanup",
        "--config",
        config.to_str().unwrap(),
        "--preset",
        "loopback",
    ]);
    let out = text(&dry.stdout);
    let err = text(&dry.stderr);
    assert_eq!(
        dry.status.code(),
        Some(1),
        "scs-other cannot be searched:\n{out}\n{err}"
    );
    for subject in ["scs-member", "scs-appcred"] {
        let said = err
            .split("\n")
            .skip_while(|l| !l.starts_with(&format!("{subject}: ")))
            .take_while(|l| l.starts_with(subject) || l.starts_with("  "))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            said.contains("(dry run, nothing removed)") && said.contains(&name),
            "{subject}:\n{err}"
        );
    }
    assert!(err.contains("scs-other: cannot look: "), "{err}");
    assert!(out.contains("2 of 3 subject(s) searched"), "{out}");
    assert!(openstack(&["security", "group", "list", "-f", "value", "-c", "Name"]).contains(&name));
    s.assert_no_secret(&dry);

    let apply = s.scs(&[
        "run",
        "cleanup",
        "--config",
        config.to_str().unwrap(),
        "--preset",
        "loopback",
        "--subject",
        "scs-member",
        "--apply",
    ]);
    let out = text(&apply.stdout);
    assert_eq!(
        apply.status.code(),
        Some(0),
        "{out}\n{}",
        text(&apply.stderr)
    );
    assert!(
        text(&apply.stderr).contains("scs-member: removed "),
        "{}",
        text(&apply.stderr)
    );
    assert!(
        !openstack(&["security", "group", "list", "-f", "value", "-c", "Name"]).contains(&name)
    );
}
