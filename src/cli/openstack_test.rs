//! `scs openstack-test`: a drop-in for the scope's `./iaas/openstack_test.py`, running the
//! built-in testcases of `scs-testkit` in process.
//!
//! Same arguments as the reference (`-c/--os-cloud CLOUD`, `-s/--subject`, testcase ids, or a
//! single `-` to read them from stdin, one per line), one `testcase-id: PASS|FAIL|ABORT` line
//! per requested id on stdout, log lines (`INFO:`/`WARNING:`/`ERROR:`/`CRITICAL:`) on stderr.
//! The facts come from the live cloud (`-c/--os-cloud`, `$OS_CLOUD` or the `OS_*` variables:
//! `scs_testkit::openstack`), or from `--snapshot FILE`. On a live cloud the certification's
//! preflight comes first: a user without the member role, or with an elevated role, gets every
//! testcase ABORT (CRITICAL line, status 1), as from the reference.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use scs_testkit::{Context, Registry, SnapshotSource, run_blocking, scope::log_lines};

/// Shown after the options.
pub const AFTER_HELP: &str = "\
Ids not starting with `scs-` are ignored with a warning, as by the reference; an `scs-` id
without a built-in testcase reports ABORT. scs-0101-entropy-avail, -fips-test, -rngd and
-virtio-rng boot one sample VM (scs-0101-probe-<uuid>, with its network, subnet and router) and
read its console. Testcases needing a live probe (the scs-0101 VM, scs-0123-swift-s3,
scs-0116-permissions, scs-0117-test-backup, and scs-0115-default-rules on clouds before 2023.2)
ABORT unless the snapshot has the probe result.

On a live cloud, the user must hold the member role and no elevated role (admin, manager);
otherwise every testcase ABORTs. Ctrl-C or SIGTERM stops the run and removes the probes'
temporary resources (security group scs-0115-probe-<uuid>, secret scs-0116-probe-<uuid>,
volumes and backup scs-0117-probe-<uuid>-*, the sample VM and its network, waited for at most
300 s) before exiting; `scs cleanup` lists what a killed run left. The S3 probe of
scs-0123-swift-s3 creates nothing: one S3 request signed with a made-up key.

Exit status: 0 when the testcases ran (whatever their results); 1 with a CRITICAL line when
they could not (no source, unreadable snapshot, authentication failed, preflight), every
testcase then reported as ABORT; 130/143 when interrupted.";

/// Options of `scs openstack-test`.
#[derive(Debug, Args)]
pub struct OpenstackTestArgs {
    /// The cloud of clouds.yaml to test (default: $OS_CLOUD, else the OS_* variables). With
    /// --snapshot, it only names the cloud (so that a scope calling `-c {os_cloud}` can run
    /// this command on a snapshot).
    #[arg(short = 'c', long = "os-cloud", value_name = "CLOUD")]
    os_cloud: Option<String>,
    /// Test this offline snapshot (YAML or JSON) instead of a live cloud.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// Name of the subject (accepted for compatibility with the reference; not used).
    #[arg(short = 's', long, value_name = "SUBJECT")]
    subject: Option<String>,
    #[cfg(feature = "openstack")]
    #[command(flatten)]
    live: super::live::LiveArgs,
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
    let mut requested = args.testcases.clone();
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
    let outcomes = match &args.snapshot {
        Some(snapshot) => {
            let source = match SnapshotSource::load(snapshot) {
                Ok(source) => source,
                Err(e) => return abort_all(&testcases, e),
            };
            let ctx = Arc::new(Context::new(source));
            match run_blocking(&Registry::builtin(), &testcases, &ctx) {
                Ok(outcomes) => outcomes,
                Err(e) => {
                    return abort_all(&testcases, format!("cannot start the async runtime: {e}"));
                }
            }
        }
        None => {
            let cloud = args
                .os_cloud
                .clone()
                .or_else(|| std::env::var("OS_CLOUD").ok().filter(|c| !c.is_empty()));
            match run_live(cloud.as_deref(), &args, &testcases) {
                Ok(outcomes) => outcomes,
                Err(code) => return code,
            }
        }
    };
    let mut stderr = String::new();
    for (id, outcome) in &outcomes {
        for line in log_lines(id.as_str(), outcome) {
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

/// The live cloud: connect, preflight, run; a failure is reported as the reference does
/// (CRITICAL line, every testcase ABORT, status 1; 130/143 when interrupted).
#[cfg(feature = "openstack")]
fn run_live(
    cloud: Option<&str>,
    args: &OpenstackTestArgs,
    testcases: &[String],
) -> Result<scs_testkit::Outcomes, ExitCode> {
    use super::live::{ProgressLines, Stopped, runtime};
    if cloud.is_none() && std::env::var("OS_AUTH_URL").map_or(true, |u| u.is_empty()) {
        return Err(abort_all(
            testcases,
            "You need to have OS_CLOUD set or pass --os-cloud=CLOUD (or --snapshot FILE).",
        ));
    }
    let runtime = runtime()
        .map_err(|e| abort_all(testcases, format!("cannot start the async runtime: {e}")))?;
    let progress = ProgressLines::new();
    let registry = Registry::builtin();
    match runtime.block_on(super::live::run_live(
        cloud, &args.live, &registry, testcases, &progress,
    )) {
        Ok(outcomes) => Ok(outcomes),
        Err(Stopped::Connect(message)) => Err(abort_all(testcases, message)),
        Err(Stopped::Preflight(reason)) => {
            eprintln!("CRITICAL: Pre-flight checks failed. Reporting all testcases as ABORT.");
            Err(abort_all(testcases, reason))
        }
        Err(Stopped::Interrupted(signal, cleaned)) => {
            eprintln!("CRITICAL: interrupted; {cleaned}");
            for id in testcases {
                println!("{id}: ABORT");
            }
            Err(ExitCode::from(signal.exit_status()))
        }
    }
}

/// Built without the `openstack` feature: no live source.
#[cfg(not(feature = "openstack"))]
fn run_live(
    cloud: Option<&str>,
    _args: &OpenstackTestArgs,
    testcases: &[String],
) -> Result<scs_testkit::Outcomes, ExitCode> {
    Err(match cloud {
        None => abort_all(
            testcases,
            "You need to have OS_CLOUD set or pass --os-cloud=CLOUD (or --snapshot FILE).",
        ),
        Some(cloud) => abort_all(
            testcases,
            format!(
                "testing the live cloud {cloud:?} needs scs built with the `openstack` feature (the default); \
                 use --snapshot FILE"
            ),
        ),
    })
}
