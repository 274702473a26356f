//! `scs openstack-test`: a drop-in for the scope's `./iaas/openstack_test.py`, running the
//! built-in testcases of `scs-testkit` in process.
//!
//! Same arguments as the reference (`-c/--os-cloud CLOUD`, `-s/--subject`, testcase ids, or a
//! single `-` to read them from stdin, one per line), one `testcase-id: PASS|FAIL|ABORT` line
//! per requested id on stdout, log lines (`INFO:`/`WARNING:`/`ERROR:`/`CRITICAL:`) on stderr.
//! The facts come from `--snapshot FILE`; the live source (`--os-cloud`) comes in a later
//! release.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use scs_testkit::{Context, Registry, SnapshotSource, run_blocking, scope::log_lines};

/// Shown after the options.
pub const AFTER_HELP: &str = "\
Ids not starting with `scs-` are ignored with a warning, as by the reference; an `scs-` id
without a built-in testcase reports ABORT. scs-0101 and scs-0117 testcases are not implemented
yet and ABORT. Testcases needing a live probe (scs-0123-swift-s3, scs-0116-permissions, and
scs-0115-default-rules on clouds before 2023.2) ABORT unless the snapshot has the probe result.

Exit status: 0 when the testcases ran (whatever their results); 1 with a CRITICAL line when
they could not (no source, unreadable snapshot), every testcase then reported as ABORT.";

/// Options of `scs openstack-test`.
#[derive(Debug, Args)]
pub struct OpenstackTestArgs {
    /// The cloud of clouds.yaml to test (default: $OS_CLOUD). Needs the live source of a later
    /// release; use --snapshot for now. With --snapshot, it only names the cloud (so that a
    /// scope calling `-c {os_cloud}` can run this command on a snapshot).
    #[arg(short = 'c', long = "os-cloud", value_name = "CLOUD")]
    os_cloud: Option<String>,
    /// Test this offline snapshot (YAML or JSON) instead of a live cloud.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// Name of the subject (accepted for compatibility with the reference; not used).
    #[arg(short = 's', long, value_name = "SUBJECT")]
    subject: Option<String>,
    /// Testcase ids (or a single `-`: read them from stdin, one per line).
    #[arg(value_name = "TESTCASE")]
    testcases: Vec<String>,
}

/// Every requested testcase ABORTs after a CRITICAL line; exit status 1.
fn abort_all(testcases: &[String], message: impl std::fmt::Display) -> ExitCode {
    eprintln!("CRITICAL: {message}");
    for id in testcases {
        println!("{id}: ABORT");
    }
    ExitCode::from(1)
}

/// Runs `scs openstack-test`.
pub fn run(args: OpenstackTestArgs) -> ExitCode {
    let mut requested = args.testcases;
    if requested.len() == 1 && requested[0] == "-" {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            eprintln!("CRITICAL: cannot read testcase ids from stdin: {e}");
            return ExitCode::from(1);
        }
        requested = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
    }
    let (testcases, unknown): (Vec<String>, Vec<String>) =
        requested.into_iter().partition(|t| t.starts_with("scs-"));
    if !unknown.is_empty() {
        eprintln!("WARNING: ignoring unknown testcases: {}", unknown.join(","));
    }
    let Some(snapshot) = args.snapshot else {
        let cloud = args
            .os_cloud
            .or_else(|| std::env::var("OS_CLOUD").ok().filter(|c| !c.is_empty()));
        return match cloud {
            None => abort_all(
                &testcases,
                "You need to have OS_CLOUD set or pass --os-cloud=CLOUD (or --snapshot FILE).",
            ),
            Some(cloud) => abort_all(
                &testcases,
                format!(
                    "testing the live cloud {cloud:?} needs the live OpenStack source of a later release; \
                     use --snapshot FILE, or the reference ./iaas/openstack_test.py -c {cloud}"
                ),
            ),
        };
    };
    let source = match SnapshotSource::load(&snapshot) {
        Ok(source) => source,
        Err(e) => return abort_all(&testcases, e),
    };
    let ctx = Arc::new(Context::new(source));
    let outcomes = match run_blocking(&Registry::builtin(), &testcases, &ctx) {
        Ok(outcomes) => outcomes,
        Err(e) => return abort_all(&testcases, format!("cannot start the async runtime: {e}")),
    };
    let mut stderr = String::new();
    for (id, outcome) in &outcomes {
        for line in log_lines(id, outcome) {
            stderr.push_str(&line);
            stderr.push('\n');
        }
    }
    eprint!("{stderr}");
    let mut stdout = String::new();
    for (id, outcome) in &outcomes {
        stdout.push_str(&format!("{id}: {}\n", outcome.status));
    }
    print!("{stdout}");
    ExitCode::SUCCESS
}

/// For `scs check --snapshot FILE`: runs the check's testcases that have a built-in in process
/// against the snapshot. Returns their ids (to leave out of the script calls) and the
/// invocation record holding their results, labelled as the equivalent `scs openstack-test`
/// command, so that report and exit status treat them like a script's.
pub fn run_in_process(
    check: &scs_scope::Check<'_>,
    snapshot: &std::path::Path,
) -> Result<(Vec<scs_scope::TestcaseId>, scs_scope::Invocation), String> {
    let source = SnapshotSource::load(snapshot).map_err(|e| e.to_string())?;
    let ctx = Arc::new(Context::new(source));
    let registry = Registry::builtin();
    let ids = scs_testkit::scope::in_process_ids(check, &registry);
    let names: Vec<&str> = ids.iter().map(scs_scope::TestcaseId::as_str).collect();
    let outcomes = run_blocking(&registry, &names, &ctx)
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let cmd = format!(
        "scs openstack-test --snapshot {} {}",
        snapshot.display(),
        names.join(" ")
    );
    Ok((ids, scs_testkit::scope::invocation(cmd, &outcomes)))
}
