//! Integration tests against the REAL SCS compliance monitor (the standards repository's
//! `compliance-monitor/`, with PostgreSQL), started on 127.0.0.1 by `.ci/monitor/start`.
//!
//! Reports come from `scs check` (a cloud snapshot, the SCS-compatible IaaS scope), are signed
//! by `scs_scope::signing` with the test accounts' keys and posted as the reference's nightly
//! runner posts them: signature, `&`, report; `Content-Type: application/x-signed-yaml`; HTTP
//! basic authentication with the account's `tokenfile`. What the monitor then shows (`/status`,
//! the detail page) is compared with the report and with the verdict `scs check` printed.
//!
//! The run folder is `$SCS_MONITOR_RUN` (default `/tmp/scs-monitor`, layout in
//! `.ci/monitor/README.md`). Without the monitor (no `ready` when the tests were built, see
//! `build.rs`) the tests are reported as ignored, except under `CI`, where they fail: CI
//! starts the monitor. Each test uploads for subjects of its own, with fresh run ids, so the
//! tests run side by side and again against the same database.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use scs_scope::signing::{ReportSigner, signed_body};
use serde_json::Value;

mod common;

/// The running monitor.
struct Monitor {
    run: PathBuf,
    url: String,
    http: ureq::Agent,
}

/// One test account of `.ci/monitor/start`: `$RUN/accounts/NAME/{key,key.pub,token,tokenfile}`.
struct Account {
    name: String,
    dir: PathBuf,
}

impl Account {
    fn signer(&self) -> ReportSigner {
        ReportSigner::from_file(self.dir.join("key")).expect("the account's key signs")
    }

    /// What the reference runner sends after `Authorization: Basic `: the tokenfile's content.
    fn basic(&self) -> String {
        read(&self.dir.join("tokenfile")).trim().to_owned()
    }
}

/// An answer of the monitor.
struct Answer {
    status: u16,
    body: String,
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The running monitor; fails the test when it is not running (under `CI`, or when it stopped
/// after the tests were built).
fn monitor() -> Monitor {
    let run = common::monitor_run();
    let env = read(&run.join("monitor.env"));
    let url = env
        .lines()
        .find_map(|line| line.strip_prefix("SCS_MONITOR_URL="))
        .expect("monitor.env names SCS_MONITOR_URL")
        .to_owned();
    let http = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    Monitor { run, url, http }
}

impl Monitor {
    fn account(&self, name: &str) -> Account {
        let dir = self.run.join("accounts").join(name);
        assert!(
            dir.join("key").is_file(),
            "no account {name} in {}",
            dir.display()
        );
        Account {
            name: name.to_owned(),
            dir,
        }
    }

    /// POST /reports with `basic` as the credential.
    fn upload(&self, basic: &str, body: &[u8]) -> Answer {
        let response = self
            .http
            .post(format!("{}/reports", self.url))
            .header("Content-Type", "application/x-signed-yaml")
            .header("Authorization", format!("Basic {basic}"))
            .send(body)
            .expect("the monitor answers POST /reports");
        answer(response)
    }

    fn get(&self, path: &str, accept: &str) -> Answer {
        let response = self
            .http
            .get(format!("{}{path}", self.url))
            .header("Accept", accept)
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        answer(response)
    }

    /// GET /status?subject=SUBJECT as JSON: subject -> scope uuid -> evaluation.
    fn status(&self, subject: &str) -> Value {
        let answer = self.get(&format!("/status?subject={subject}"), "application/json");
        assert_eq!(answer.status, 200, "GET /status: {}", answer.body);
        serde_json::from_str(&answer.body).expect("/status is JSON")
    }
}

fn answer(mut response: ureq::http::Response<ureq::Body>) -> Answer {
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .read_to_string()
        .expect("a readable answer");
    Answer { status, body }
}

/// A report of `scs check` for `subject`, with what the check printed.
struct Report {
    text: String,
    subject: String,
    run_uuid: String,
    scope_uuid: String,
    /// Testcase id -> 1, -1 or 0, from the report's invocations.
    results: BTreeMap<String, i64>,
    /// Version -> the verdict of its main target that `scs check` printed (1, -1 or 0).
    verdicts: BTreeMap<String, i64>,
}

/// Checks the flawed test cloud (a snapshot with deliberate defects) for `subject`; only the
/// testcases that have built-ins (`-t scs-01`), so no script of the standards repository runs.
fn check(subject: &str, dir: &Path) -> Report {
    let scope = common::standards().join("Tests/scs-compatible-iaas.yaml");
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/live/flawed-cloud.yaml");
    let output_file = dir.join(format!("{subject}.yaml"));
    let output = Command::new(env!("CARGO_BIN_EXE_scs"))
        .arg("check")
        .arg(&scope)
        .args(["-s", subject, "-a", "os_cloud=snapshot", "-t", "scs-01"])
        .arg("--snapshot")
        .arg(&snapshot)
        .arg("-o")
        .arg(&output_file)
        .output()
        .expect("scs runs");
    // The flawed cloud fails testcases: a non-zero status is expected, a report is not optional.
    assert!(
        output_file.is_file(),
        "scs check wrote no report: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = read(&output_file);
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("the report is YAML");
    let string = |v: &serde_yaml::Value| v.as_str().expect("a string").to_owned();
    let mut results = BTreeMap::new();
    for invocation in yaml["run"]["invocations"]
        .as_mapping()
        .expect("invocations")
        .values()
    {
        for (id, value) in invocation["results"].as_mapping().expect("results") {
            results.insert(string(id), value.as_i64().expect("a number"));
        }
    }
    // "SUBJECT SCOPE [tests: ...] VERSION:" then "- main: VERDICT (...)".
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
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
            let verdict = match rest.split(' ').next() {
                Some("PASS") => 1,
                Some("FAIL") => -1,
                _ => 0,
            };
            verdicts.insert(v.clone(), verdict);
        }
    }
    assert!(
        !verdicts.is_empty(),
        "no verdict in the output of scs check:\n{stdout}"
    );
    Report {
        subject: string(&yaml["subject"]),
        run_uuid: string(&yaml["run"]["uuid"]),
        scope_uuid: string(&yaml["spec"]["uuid"]),
        results,
        verdicts,
        text,
    }
}

/// The monitor's evaluation of `report`'s subject and scope shows the report's results
/// (as the latest, from this run) and the verdicts `scs check` printed.
fn assert_shown(monitor: &Monitor, report: &Report) {
    let status = monitor.status(&report.subject);
    let scope = &status[&report.subject][&report.scope_uuid];
    assert!(
        scope.is_object(),
        "/status has no {} / {}: {status}",
        report.subject,
        report.scope_uuid
    );
    for (id, value) in &report.results {
        let shown = &scope["results"][id];
        assert_eq!(shown["result"], *value, "{id} in /status: {shown}");
        assert_eq!(shown["report"], report.run_uuid.as_str(), "{id}: {shown}");
    }
    // The monitor evaluates the versions the timeline names today, as `scs check` checked them.
    let versions = scope["versions"].as_object().expect("versions");
    assert!(!versions.is_empty(), "no version evaluated: {scope}");
    for (version, evaluation) in versions {
        let printed = report
            .verdicts
            .get(version)
            .unwrap_or_else(|| panic!("scs check printed no verdict for {version}"));
        assert_eq!(
            evaluation["targets"]["main"]["result"], *printed,
            "{version}: the monitor's verdict differs from scs check's"
        );
    }

    // The page lists the testcases of the versions in force (drafts left out): the buckets.
    let mut listed = BTreeMap::new();
    for (key, ids) in scope["buckets"].as_object().expect("buckets") {
        for id in ids.as_array().expect("a bucket") {
            listed.insert(id.as_str().expect("an id").to_owned(), key.clone());
        }
    }
    let page = monitor.get(
        &format!("/page/detail/{}/{}", report.subject, report.scope_uuid),
        "text/html",
    );
    assert_eq!(page.status, 200, "detail page: {}", page.body);
    assert!(
        page.body
            .contains(&format!("Details for subject {}", report.subject))
    );
    let mut shown = 0;
    for (id, value) in &report.results {
        let Some(bucket) = listed.get(id) else {
            continue;
        };
        assert_eq!(*bucket, value.to_string(), "{id}: bucket of the monitor");
        // One table row per testcase: its id, then the result word the page uses.
        let row = page
            .body
            .split("<tr>")
            .find(|row| row.contains(&format!(">{id}</a>")))
            .unwrap_or_else(|| panic!("no row for {id} on the detail page"));
        let word = common::monitor_word(*value);
        assert!(row.contains(word), "{id} should show {word}: {row}");
        shown += 1;
    }
    assert!(
        shown > 0,
        "none of the report's testcases is on the detail page"
    );
}

#[test]
#[cfg_attr(
    any(scs_no_monitor, scs_no_standards),
    ignore = "needs the compliance monitor: .ci/monitor/install && .ci/monitor/start (then touch build.rs if it was not running when the tests were built)"
)]
fn a_signed_report_is_accepted_shown_and_refused_when_repeated() {
    let monitor = monitor();
    let dir = tempfile::tempdir().unwrap();
    let member = monitor.account("scs-member");
    let report = check(&member.name, dir.path());
    assert!(
        report.results.values().any(|&v| v == -1) && report.results.values().any(|&v| v == 1),
        "the flawed cloud passes some testcases and fails others: {:?}",
        report.results
    );
    let signature = member.signer().sign(report.text.as_bytes()).unwrap();
    let body = signed_body(&signature, report.text.as_bytes());

    let first = monitor.upload(&member.basic(), &body);
    assert_eq!(first.status, 200, "upload: {}", first.body);
    assert_shown(&monitor, &report);

    // The same run again: the monitor keeps one report per run id.
    let again = monitor.upload(&member.basic(), &body);
    assert_eq!(again.status, 409, "repeated upload: {}", again.body);
}

#[test]
#[cfg_attr(
    any(scs_no_monitor, scs_no_standards),
    ignore = "needs the compliance monitor: .ci/monitor/install && .ci/monitor/start (then touch build.rs if it was not running when the tests were built)"
)]
fn the_ci_account_uploads_a_merged_report_for_the_subjects_that_delegate_to_it() {
    let monitor = monitor();
    let dir = tempfile::tempdir().unwrap();
    let ci = monitor.account("scs-ci");
    let reports = [
        check("scs-appcred", dir.path()),
        check("scs-snapshot", dir.path()),
    ];
    // The nightly run concatenates the reports (each begins with `---`) and signs the whole.
    let merged: String = reports.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(merged.matches("\n---\n").count() + 1, reports.len());
    let signature = ci.signer().sign(merged.as_bytes()).unwrap();
    let answer = monitor.upload(&ci.basic(), &signed_body(&signature, merged.as_bytes()));
    assert_eq!(answer.status, 200, "merged upload: {}", answer.body);
    for report in &reports {
        assert_shown(&monitor, report);
    }
}

#[test]
#[cfg_attr(
    any(scs_no_monitor, scs_no_standards),
    ignore = "needs the compliance monitor: .ci/monitor/install && .ci/monitor/start (then touch build.rs if it was not running when the tests were built)"
)]
fn tampered_reports_wrong_keys_wrong_tokens_and_foreign_subjects_are_refused() {
    let monitor = monitor();
    let dir = tempfile::tempdir().unwrap();
    let other = monitor.account("scs-other");
    let member = monitor.account("scs-member");
    let report = check(&other.name, dir.path());
    let text = report.text.as_bytes();
    let signature = other.signer().sign(text).unwrap();

    // One result changed after signing.
    let (id, _) = report
        .results
        .iter()
        .find(|&(_, &v)| v == -1)
        .expect("a failed testcase");
    let line = format!("        {id}: -1\n");
    assert!(report.text.contains(&line), "{line:?} in the report");
    let tampered = report
        .text
        .replacen(&line, &format!("        {id}: 1\n"), 1);
    let answer = monitor.upload(
        &other.basic(),
        &signed_body(&signature, tampered.as_bytes()),
    );
    assert_eq!(answer.status, 401, "tampered report: {}", answer.body);

    // Signed with a key the monitor does not know for the uploading account.
    let foreign = member.signer().sign(text).unwrap();
    let answer = monitor.upload(&other.basic(), &signed_body(&foreign, text));
    assert_eq!(answer.status, 401, "another account's key: {}", answer.body);

    // A wrong token for the right account.
    let wrong = BASE64.encode(format!("{}:not-the-token", other.name));
    let answer = monitor.upload(&wrong, &signed_body(&signature, text));
    assert_eq!(answer.status, 401, "wrong token: {}", answer.body);

    // A subject that does not delegate to the uploader: scs-member's own key and token, a
    // report about scs-other.
    let by_member = member.signer().sign(text).unwrap();
    let answer = monitor.upload(&member.basic(), &signed_body(&by_member, text));
    assert_eq!(
        answer.status, 401,
        "report for another subject: {}",
        answer.body
    );

    // None of them left a trace.
    let status = monitor.status(&other.name);
    let results = &status[&other.name][&report.scope_uuid]["results"];
    if let Some(results) = results.as_object() {
        assert!(
            results
                .values()
                .all(|r| r["report"] != report.run_uuid.as_str()),
            "a refused upload was stored: {results:?}"
        );
    }

    // The signature and the report as they were: accepted.
    let answer = monitor.upload(&other.basic(), &signed_body(&signature, text));
    assert_eq!(answer.status, 200, "the untouched report: {}", answer.body);
    assert_shown(&monitor, &report);
}

#[test]
#[cfg_attr(
    scs_no_monitor,
    ignore = "needs the compliance monitor: .ci/monitor/install && .ci/monitor/start (then touch build.rs if it was not running when the tests were built)"
)]
fn status_needs_json_and_secrets_stay_in_their_files() {
    let monitor = monitor();
    // /status answers JSON only to a client that accepts it.
    assert_eq!(monitor.get("/status", "text/html").status, 406);
    // The run folder's secrets: only in files of mode 600 (the key pairs' public halves aside).
    let secrets = read(&monitor.run.join("secrets.txt"));
    assert!(
        secrets.lines().count() >= 3 * 6,
        "secrets.txt: too few lines"
    );
    let env = read(&monitor.run.join("monitor.env"));
    for secret in secrets.lines().filter(|s| !s.is_empty()) {
        assert!(!env.contains(secret), "monitor.env holds a secret");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut private = vec![monitor.run.join("secrets.txt")];
        for account in [
            "scs-ci",
            "scs-member",
            "scs-appcred",
            "scs-snapshot",
            "scs-other",
        ] {
            let dir = monitor.run.join("accounts").join(account);
            private.extend(["key", "token", "tokenfile"].map(|f| dir.join(f)));
        }
        for file in private {
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", file.display());
        }
    }
}
