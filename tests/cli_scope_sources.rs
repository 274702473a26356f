//! Where `scs check` takes its scope from: built in (the default), a fetched copy in the
//! user's cache (`scs scope fetch`), a file, a URL; and that every run says which.

use std::path::Path;

mod common;
use std::process::{Command, Output};

const DEMO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scs-testkit/data/demo-cloud.yaml"
);

/// Runs `scs` in `cwd` with its cache in `cache`.
fn scs(cwd: &Path, cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(args)
        .current_dir(cwd)
        .env("XDG_CACHE_HOME", cache)
        .env("HOME", cache)
        .env_remove("OS_CLOUD")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const CHECK: &[&str] = &[
    "check",
    "-s",
    "demo-cloud",
    "-d",
    "2026-11-20",
    "--snapshot",
    DEMO,
    "-a",
    "os_cloud=demo",
];

fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    CHECK.iter().chain(extra).copied().collect()
}

/// The verdict lines of the console output (no descriptions or urls).
fn verdicts(stdout: &str) -> String {
    stdout
        .lines()
        .filter(|l| !l.starts_with("      > "))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn without_a_scope_check_uses_the_built_in_iaas_scope() {
    let dir = tempfile::tempdir().unwrap();
    let out = scs(dir.path(), dir.path(), &with(&["-o", "report.yaml"]));
    let stdout = text(&out.stdout);
    // As with the upstream file: 3 error lines, 3 failed testcases.
    assert_eq!(out.status.code(), Some(6), "{stdout}{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        format!(
            "scope: SCS-compatible IaaS (built in, as of {})\n",
            scs::scope::BUILTIN_AS_OF
        )
    );
    assert!(
        stdout.contains("demo-cloud SCS-compatible IaaS v5.1:\n- main: FAIL (51 passed, 3 failed)")
    );
}

/// The built-in scope gives what the upstream file gives: verdicts, results, `spec` block.
#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository (the upstream scope file): set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn the_built_in_scope_checks_as_the_upstream_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = scs(dir.path(), dir.path(), &with(&["-o", "report.yaml"]));
    let stdout = text(&out.stdout);
    let file = common::standards().join("Tests/scs-compatible-iaas.yaml");
    let file = file.to_str().unwrap();
    let upstream = scs(
        dir.path(),
        dir.path(),
        &with(&["-o", "upstream.yaml", file]),
    );
    assert_eq!(upstream.status.code(), Some(6));
    assert_eq!(verdicts(&stdout), verdicts(&text(&upstream.stdout)));
    let report = |name: &str| {
        scs::scope::Report::from_yaml_str(&std::fs::read_to_string(dir.path().join(name)).unwrap())
            .unwrap()
    };
    let (ours, theirs) = (report("report.yaml"), report("upstream.yaml"));
    assert_eq!(ours.spec, theirs.spec);
    let results = |r: &scs::scope::Report| {
        r.run
            .invocations
            .values()
            .flat_map(|i| i.results.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(results(&ours), results(&theirs));
}

#[test]
fn a_built_in_scope_needs_a_cloud_to_run_in_process() {
    let dir = tempfile::tempdir().unwrap();
    let out = scs(
        dir.path(),
        dir.path(),
        &["check", "-s", "x", "-a", "os_cloud=x"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("CRITICAL: SCS-compatible IaaS (built in, as of ")
            && stderr.contains("pass --os-cloud CLOUD or --snapshot FILE"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn kaas_by_name_aborts_what_has_no_built_in() {
    let dir = tempfile::tempdir().unwrap();
    let out = scs(
        dir.path(),
        dir.path(),
        &[
            "check",
            "-s",
            "k",
            "-a",
            "subject_root=.",
            "-a",
            "kubeconfig=k",
            "--snapshot",
            DEMO,
            "kaas",
        ],
    );
    // One CRITICAL line per script call that cannot run: three scripts (the fourth is manual).
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("k SCS-compatible KaaS v1:\n- main: FAIL (0 passed, 3 aborted)"));
    assert!(
        stdout.contains("CRITICAL: not run: this scope has no folder with scripts"),
        "{stdout}"
    );
    assert!(text(&out.stderr).starts_with("scope: SCS-compatible KaaS (built in"));
}

#[test]
fn version_names_the_built_in_scopes_dates() {
    let dir = tempfile::tempdir().unwrap();
    let out = scs(dir.path(), dir.path(), &["--version"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(&format!(
            "scs {} (built-in scopes as of {}: SCS-compatible IaaS, timeline up to 2026-06-11; SCS-compatible KaaS, timeline up to 2024-11-26)",
            env!("CARGO_PKG_VERSION"),
            scs::scope::BUILTIN_AS_OF
        )),
        "{stdout}"
    );
}

/// Downloads (the feature `fetch`, on by default), from a small server on 127.0.0.1.
#[cfg(feature = "fetch")]
mod fetched {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;

    /// Serves `body` for every request on 127.0.0.1 (a stand-in for the scope's published url).
    fn serve(body: String) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                    line.clear();
                }
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        base
    }

    /// A small scope with the uuid of the IaaS scope (written for this test): one testcase with a
    /// built-in, one only a script runs.
    fn newer_iaas() -> String {
        format!(
            "name: SCS-compatible IaaS\nuuid: {}\nurl: https://example.com/iaas.yaml\n\
         variables: [os_cloud]\nscripts:\n- executable: ./iaas/x.py\n  args: -c {{os_cloud}} {{testcases}}\n  \
         testcases: [{{id: scs-0114-syntax-check}}, {{id: scs-9999-new-check}}]\nmodules:\n\
         - {{id: m, targets: {{main: [scs-0114-syntax-check, scs-9999-new-check]}}}}\n\
         timeline:\n- {{date: 2026-10-01, versions: {{v9: effective}}}}\n\
         versions:\n- {{version: v9, stabilized_at: 2026-09-01, include: [m]}}\n",
            scs::scope::BuiltinScope::Iaas.uuid()
        )
    }

    #[test]
    fn a_fetched_newer_copy_is_preferred_and_said() {
        let base = serve(newer_iaas());
        let dir = tempfile::tempdir().unwrap();
        let url = format!("{base}/scs-compatible-iaas.yaml");
        let out = scs(dir.path(), dir.path(), &["scope", "fetch", &url]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let cached = dir.path().join("scs/scopes/iaas.yaml");
        assert_eq!(std::fs::read_to_string(&cached).unwrap(), newer_iaas());
        assert!(text(&out.stdout).starts_with(&format!(
            "scope: SCS-compatible IaaS (fetched from {url} on "
        )));
        // Now the check uses it, says so, and ABORTs the testcase no built-in implements.
        let out = scs(dir.path(), dir.path(), &with(&[]));
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with(&format!(
                "scope: SCS-compatible IaaS (fetched from {url} on "
            )) && stderr.ends_with(&format!("cached at {})\n", cached.display())),
            "{stderr}"
        );
        let stdout = text(&out.stdout);
        assert!(
            stdout
                .contains("demo-cloud SCS-compatible IaaS v9:\n- main: FAIL (1 passed, 1 aborted)"),
            "{stdout}"
        );
        // Asked for the KaaS scope, the same file is refused and nothing is stored.
        let out = scs(dir.path(), dir.path(), &["scope", "fetch", "kaas"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(!dir.path().join("scs/scopes/kaas.yaml").exists());
    }

    #[test]
    fn a_url_is_fetched_for_one_check_and_not_cached() {
        let base = serve(newer_iaas());
        let dir = tempfile::tempdir().unwrap();
        let url = format!("{base}/x.yaml");
        let out = scs(dir.path(), dir.path(), &with(&[&url]));
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with(&format!(
                "scope: SCS-compatible IaaS (fetched from {url} on "
            )) && stderr.ends_with(", not cached)\n"),
            "{stderr}"
        );
        assert!(text(&out.stdout).contains("- main: FAIL (1 passed, 1 aborted)"));
        assert!(!dir.path().join("scs").exists());
        // Plain http elsewhere is refused before any request.
        let out = scs(
            dir.path(),
            dir.path(),
            &with(&["http://example.com/x.yaml"]),
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(text(&out.stderr).contains("refused: only https"));
    }
}

/// Built without the feature `fetch`, a URL gets a clear error.
#[cfg(not(feature = "fetch"))]
#[test]
fn a_url_needs_the_feature_fetch() {
    let dir = tempfile::tempdir().unwrap();
    let out = scs(
        dir.path(),
        dir.path(),
        &with(&["https://example.com/x.yaml"]),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no HTTP client"),
        "{}",
        text(&out.stderr)
    );
}
