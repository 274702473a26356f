//! `scs check`: run a compliance check against a certificate scope, like the reference
//! checker `scs-compliance-check.py` (same options, verdict lines, report and exit status).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use clap::{ArgAction, Args};
use scs_scope::RunOptions;
use scs_testkit::check::{CheckSettings, Cloud, ScopeCheck};
use scs_testkit::{Context, SnapshotSource};

/// Shown after the options: what the exit status means.
pub const AFTER_HELP: &str = "\
Exit status: the number of CRITICAL lines the scripts printed, plus (unless -C) their ERROR
lines and failed testcases, at most 127. A script that cannot start, times out or crashes
counts as one CRITICAL line and its testcases ABORT. When the check cannot start at all
(missing subject or variable, unknown version, invalid scope file), one CRITICAL line on
stderr and status 1.

The scope: without one, the built-in SCS-compatible IaaS scope (or a newer copy fetched with
`scs scope fetch`); `iaas` or `kaas` name a built-in scope, anything else is a scope file or
an https:// URL (downloaded and validated, not cached). The run says on stderr which scope it
used and where it came from. A built-in or downloaded scope has no scripts beside it: its
testcases run in process (--os-cloud or --snapshot), and a testcase without an in-process
implementation ABORTs with the reason (a CRITICAL line). A scope file runs the scripts beside
it for the testcases that have no built-in.";

/// Options of `scs check`; the short options are those of the reference checker.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Name of the subject (cloud) under test (required).
    #[arg(short = 's', long, value_name = "SUBJECT")]
    subject: Option<String>,
    /// Assign a variable the scope uses (repeatable).
    #[arg(short = 'a', long = "assign", value_name = "KEY=VALUE")]
    assign: Vec<String>,
    /// Select versions valid on this date instead of today.
    #[arg(short = 'd', long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Test this version, whatever the timeline says.
    #[arg(short = 'V', long = "version", value_name = "VERSION")]
    version: Option<String>,
    /// Only run testcases whose id matches this regular expression (at its start).
    #[arg(short = 't', long, value_name = "REGEX")]
    tests: Option<String>,
    /// Only run testcases of these sections (comma-separated).
    #[arg(short = 'S', long, value_name = "SECTIONS")]
    sections: Option<String>,
    /// Write the YAML report to this file.
    #[arg(short = 'o', long, value_name = "REPORT.yaml")]
    output: Option<PathBuf>,
    /// Only count critical lines in the exit status.
    #[arg(short = 'C', long)]
    critical_only: bool,
    /// Also print the scripts' output and the passed testcases.
    #[arg(short = 'v', long, action = ArgAction::Count, conflicts_with = "quiet")]
    verbose: u8,
    /// Print nothing but errors.
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Kill a script still running after this many seconds (its testcases ABORT).
    #[arg(long, value_name = "SECONDS", default_value_t = 4 * 3600)]
    timeout: u64,
    /// Run up to this many scripts at the same time.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 1)]
    jobs: usize,
    /// Interpreter for scripts ending in `.py` (empty: run them directly).
    #[arg(long, value_name = "PROGRAM", default_value = "python3")]
    python: String,
    /// Run the testcases that have a built-in (scs-testkit) in process against this cloud
    /// snapshot (YAML or JSON); the others still run their scripts.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// Run the testcases that have a built-in (scs-testkit) in process against this live cloud
    /// of clouds.yaml (after the certification's preflight); the others still run their
    /// scripts. Also assigns the scope variable `os_cloud` unless `-a os_cloud=...` is given.
    #[cfg(feature = "openstack")]
    #[arg(long = "os-cloud", value_name = "CLOUD", conflicts_with = "snapshot")]
    os_cloud: Option<String>,
    #[cfg(feature = "openstack")]
    #[command(flatten)]
    live: super::live::LiveArgs,
    /// The scope: `iaas` (default), `kaas`, a scope file (e.g. `Tests/scs-compatible-iaas.yaml`)
    /// or an https:// URL.
    #[arg(value_name = "SCOPE")]
    scope: Option<String>,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

/// One-line error on stderr, exit status 1 (what the reference does on an exception).
fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("CRITICAL: {message}");
    ExitCode::from(1)
}

/// Runs `scs check`.
pub fn run(args: CheckArgs) -> ExitCode {
    let mut assignment = indexmap::IndexMap::new();
    for item in &args.assign {
        let Some((key, value)) = item.split_once('=') else {
            return fail(format!("-a expects KEY=VALUE, got {item:?}"));
        };
        if assignment
            .insert(key.to_owned(), value.to_owned())
            .is_some()
        {
            return fail(format!("Double assignment for {key:?}"));
        }
    }
    #[cfg(feature = "openstack")]
    if let Some(cloud) = &args.os_cloud {
        assignment
            .entry("os_cloud".to_owned())
            .or_insert_with(|| cloud.clone());
    }
    let Some(subject) = args.subject.clone().filter(|s| !s.is_empty()) else {
        return fail("You need pass --subject=SUBJECT.");
    };
    let chosen = match super::scope::choose(args.scope.as_deref()) {
        Ok(chosen) => chosen,
        Err(e) => return fail(e),
    };
    let scope = &chosen.scope;
    let folder = chosen.origin.folder();
    #[cfg(feature = "openstack")]
    let live = args.os_cloud.is_some();
    #[cfg(not(feature = "openstack"))]
    let live = false;
    if folder.is_none() && args.snapshot.is_none() && !live {
        return fail(format!(
            "{} ({}) has no scripts beside it; its testcases run in process: pass --os-cloud CLOUD \
             or --snapshot FILE (or give the scope file of a standards checkout)",
            scope.name(),
            chosen.origin
        ));
    }
    let mut settings = CheckSettings::new(subject);
    settings.assignment = assignment;
    settings.date = Some(
        args.date
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    );
    settings.forced_version = args.version.clone();
    settings.tests = args.tests.clone();
    settings.sections = args
        .sections
        .as_ref()
        .map(|s| s.split(',').map(|x| x.trim().to_owned()).collect());
    settings.scripts = folder;
    settings.run_options = RunOptions {
        timeout: Duration::from_secs(args.timeout),
        python: (!args.python.is_empty()).then(|| args.python.clone().into()),
    };
    settings.jobs = args.jobs;
    settings.verbose = args.verbose > 0;
    settings.argv = std::env::args()
        .skip_while(|a| a != "check")
        .skip(1)
        .collect();
    // The in-process record is labelled with the command that repeats it.
    if let Some(path) = &args.snapshot {
        settings.label = format!("scs openstack-test --snapshot {} {{ids}}", path.display());
    }
    #[cfg(feature = "openstack")]
    if let Some(cloud) = &args.os_cloud {
        settings.label = format!("scs openstack-test --os-cloud {cloud} {{ids}}");
    }
    // Validated before a snapshot is read or a cloud is contacted.
    let check = match ScopeCheck::new(Arc::new(chosen.scope.clone()), settings, Cloud::ScriptsOnly)
    {
        Ok(check) => check,
        Err(e) => return fail(e),
    };
    // Said once the check can start, so that an error stays a single line.
    if !args.quiet {
        super::scope::announce(&chosen);
    }
    if check.scope().prerequisite().is_some() && !args.quiet {
        eprintln!("WARNING: prerequisite not yet implemented!");
    }
    // --snapshot: testcases with a built-in run in process; their record joins the invocations.
    let check = match &args.snapshot {
        Some(path) => match SnapshotSource::load(path) {
            Ok(source) => check.with_cloud(Cloud::Facts(Arc::new(Context::new(source)))),
            Err(e) => return fail(e),
        },
        None => check,
    };
    // --os-cloud: the same against the live cloud (Ctrl-C there removes the probes' temporary
    // resources, so it runs before the scripts' interrupt forwarding is installed).
    #[cfg(feature = "openstack")]
    let in_process = match &args.os_cloud {
        Some(cloud) => super::live::check_in_process(check, cloud, &args.live),
        None => check.run_in_process_blocking().map(|done| (check, done)),
    };
    #[cfg(not(feature = "openstack"))]
    let in_process = check.run_in_process_blocking().map(|done| (check, done));
    let (check, in_process) = match in_process {
        Ok(done) => done,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    // Scripts run in their own process groups; let Ctrl-C reach them.
    scs_scope::forward_interrupts();
    let checked = match check.finish(in_process) {
        Ok(checked) => checked,
        Err(e) => return fail(e),
    };

    let mut out = std::io::stdout().lock();
    let mut spammed = false;
    for invocation in &checked.invocations {
        if !args.quiet {
            for id in &invocation.ignored_ids {
                eprintln!("WARNING: ignoring invalid result id: {id}");
            }
        }
        if args.verbose > 0 && !invocation.stdout.is_empty() {
            let _ = writeln!(out, "{}", invocation.stdout.join("\n"));
            spammed = true;
        }
        // As the reference: a failing script's stderr is shown even with -q.
        if invocation.rc != 0 || (args.verbose > 0 && !invocation.stderr.is_empty()) {
            let _ = writeln!(out, "{}", invocation.stderr.join("\n"));
            spammed = true;
        }
    }
    if !args.quiet {
        if spammed {
            let _ = writeln!(out, "{}", "*".repeat(80));
        }
        let _ = out.write_all(checked.summary.as_bytes());
    }
    let _ = out.flush();
    if let Some(path) = &args.output
        && let Err(e) = scs_scope::write_atomically(path, checked.report.to_yaml().as_bytes())
    {
        return fail(format!("cannot write report {}: {e}", path.display()));
    }
    ExitCode::from(checked.exit_status(args.critical_only))
}
