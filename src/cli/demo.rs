//! `scs demo`: the SCS-compatible IaaS scope, in process, against the embedded demo cloud.
//!
//! No network, nothing to look up, any directory: it takes the built-in scope (or `--scope`),
//! runs every built-in testcase of the versions in force against `scs_testkit::demo` (or
//! `--snapshot`), prints the verdicts as `scs check` does, then the findings an operator acts
//! on, then how to check a real cloud; `-o` writes the report `scs check -o` writes. It runs
//! no scripts: a testcase without an in-process implementation ABORTs with the reason.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use scs_scope::BuiltinScope;
use scs_standards::Severity;
use scs_testkit::check::{CheckRunError, CheckSettings, Cloud, ScopeCheck};
use scs_testkit::scope::render_findings;
use scs_testkit::{Context, Outcomes, Status, demo};

/// Options of `scs demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The scope (default: the built-in SCS-compatible IaaS scope): `iaas`, `kaas`, a scope file
    /// or an https:// URL.
    #[arg(long, value_name = "SCOPE")]
    scope: Option<String>,
    /// Check this snapshot instead of the embedded demo cloud.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// Also write the YAML report (the one `scs check -o` writes), atomically.
    #[arg(short = 'o', long, value_name = "REPORT.yaml")]
    output: Option<PathBuf>,
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("CRITICAL: {message}");
    ExitCode::from(1)
}

fn print_indented(text: &str) {
    for line in text.lines() {
        println!("  {line}");
    }
}

/// Runs `scs demo`.
pub fn run(args: DemoArgs) -> ExitCode {
    // The demo is reproducible: by default the built-in scope itself, not a fetched copy.
    let chosen = match &args.scope {
        None => scs_scope::preferred(BuiltinScope::Iaas, None),
        Some(text) => match super::scope::choose(Some(text)) {
            Ok(chosen) => chosen,
            Err(e) => return fail(e),
        },
    };
    super::scope::announce(&chosen);
    let (source, label, subject) = match &args.snapshot {
        None => (
            demo::source(),
            format!("the embedded demo cloud snapshot ({})", demo::SUBJECT),
            demo::SUBJECT.to_owned(),
        ),
        Some(path) => match scs_testkit::SnapshotSource::load(path) {
            Ok(source) => (
                source,
                format!("the snapshot {}", path.display()),
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ),
            Err(e) => return fail(e),
        },
    };
    let taken_at = scs_testkit::CloudSource::taken_at(&source);
    let scope = Arc::new(chosen.scope);
    let mut settings = CheckSettings::new(subject.clone());
    // Scope variables (os_cloud) name the subject; nothing is run with them.
    for variable in scope.variables() {
        settings = settings.assign(variable.name.clone(), subject.clone());
    }
    settings.label = "scs demo (in process) {ids}".into();
    settings.argv = std::env::args()
        .skip_while(|a| a != "demo")
        .skip(1)
        .collect();
    let cloud = Cloud::Facts(Arc::new(Context::new(source)));
    // The demo runs no scripts: what no built-in implements ABORTs, with the reason.
    let checked = match ScopeCheck::new(Arc::clone(&scope), settings, cloud)
        .map_err(CheckRunError::from)
        .and_then(|check| check.run_blocking())
    {
        Ok(checked) => checked,
        Err(e) => return fail(e),
    };
    println!(
        "Checking {} against {} in process (no network), as of {}{}.\n",
        scope.name(),
        label,
        checked.report.reference_date,
        if taken_at.is_some() {
            ", when the snapshot was taken"
        } else {
            ""
        }
    );
    print!("{}", checked.summary);
    let outcomes = &checked.in_process.outcomes;
    let by_status = |wanted: Status| -> Outcomes {
        outcomes
            .iter()
            .filter(|(_, o)| o.status == wanted)
            .map(|(id, o)| (id.clone(), o.clone()))
            .collect()
    };
    let failed = render_findings(&by_status(Status::Fail));
    if !failed.is_empty() {
        println!("\nWhat to fix (the findings of the failed testcases):");
        print_indented(&failed);
    }
    // Passed testcases can still carry SHOULD-level advice.
    let mut advice = String::new();
    for (id, outcome) in by_status(Status::Pass) {
        for finding in outcome.at_least(Severity::Warning) {
            advice.push_str(&format!("{id}: {finding}\n"));
        }
    }
    if !advice.is_empty() {
        println!("\nWorth a look (warnings of passed testcases):");
        print_indented(&advice);
    }
    let mut aborted = render_findings(&by_status(Status::Abort));
    // The records of the scripts that were not run: their testcases and the reason.
    let not_run = &checked.invocations[..checked.invocations.len() - 1];
    for record in not_run {
        let reason = record.stderr.join(" ");
        let reason = reason.trim_start_matches("CRITICAL: ");
        for id in record.results.keys() {
            aborted.push_str(&format!("{id}: ABORT\n  reason: {reason}\n"));
        }
    }
    if !aborted.is_empty() {
        println!("\nNot decided here (aborted testcases and why):");
        print_indented(&aborted);
    }
    if let Some(path) = &args.output
        && let Err(e) = scs_scope::write_atomically(path, checked.report.to_yaml().as_bytes())
    {
        return fail(format!("cannot write report {}: {e}", path.display()));
    }
    let scope_arg = match &args.scope {
        None => String::new(),
        Some(text) => format!(" {text}"),
    };
    println!(
        "\nTo check a real cloud by its clouds.yaml entry, run\n  scs check -s MY-CLOUD --os-cloud MY-CLOUD{}\n\
         or single testcases with `scs openstack-test -c MY-CLOUD TESTCASE...`. `scs snapshot -c MY-CLOUD -o \
         my-cloud.yaml` records the cloud into a snapshot (the format of scs-testkit's `snapshot` module; \
         `scs-testkit/data/demo-cloud.yaml` is an example) that `--snapshot my-cloud.yaml` checks offline.",
        scope_arg
    );
    ExitCode::SUCCESS
}
