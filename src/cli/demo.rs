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
use scs_scope::{BuiltinScope, Check, CheckOptions, Report, collect_results, render_summary};
use scs_standards::Severity;
use scs_testkit::scope::{render_findings, run_in_process, run_scripts};
use scs_testkit::{Context, Outcomes, Registry, Status, demo};

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
    let scope = &chosen.scope;
    let (source, label) = match &args.snapshot {
        None => (
            demo::source(),
            format!("the embedded demo cloud snapshot ({})", demo::SUBJECT),
        ),
        Some(path) => match scs_testkit::SnapshotSource::load(path) {
            Ok(source) => (source, format!("the snapshot {}", path.display())),
            Err(e) => return fail(e),
        },
    };
    let subject = match &args.snapshot {
        None => demo::SUBJECT.to_owned(),
        Some(path) => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let taken_at = scs_testkit::CloudSource::taken_at(&source);
    let ctx = Arc::new(Context::new(source));
    let date = ctx.now().date_naive();
    let options = CheckOptions {
        subject: subject.clone(),
        // Scope variables (os_cloud) name the subject; nothing is run with them.
        assignment: scope
            .variables()
            .iter()
            .map(|v| (v.name.clone(), subject.clone()))
            .collect(),
        date,
        forced_version: None,
        tests: None,
        sections: None,
    };
    let check = match Check::new(scope, options.clone()) {
        Ok(check) => check,
        Err(e) => return fail(e),
    };
    let done = match run_in_process(
        &check,
        &Registry::builtin(),
        &ctx,
        "scs demo (in process) {ids}",
    ) {
        Ok(done) => done,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    // The demo runs no scripts: what no built-in implements ABORTs, with the reason.
    let mut invocations = match run_scripts(&check, None, &done.ids, &Default::default(), 1) {
        Ok(invocations) => invocations,
        Err(e) => return fail(e),
    };
    let not_run: Vec<String> = invocations
        .iter()
        .flat_map(|i| {
            let reason = i.stderr.join(" ");
            let reason = reason.trim_start_matches("CRITICAL: ").to_owned();
            i.results
                .keys()
                .map(move |id| format!("{id}: ABORT\n  reason: {reason}\n"))
        })
        .collect();
    let outcomes = done.outcomes.clone();
    invocations.push(done.invocation);
    let results = collect_results(&invocations);

    println!(
        "Checking {} against {} in process (no network), as of {}{}.\n",
        scope.name(),
        label,
        date,
        if taken_at.is_some() {
            ", when the snapshot was taken"
        } else {
            ""
        }
    );
    print!(
        "{}",
        render_summary(
            scope,
            &subject,
            &check.title(),
            &check.summarize(&results),
            false,
            false
        )
    );
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
    for line in &not_run {
        aborted.push_str(line);
    }
    if !aborted.is_empty() {
        println!("\nNot decided here (aborted testcases and why):");
        print_indented(&aborted);
    }
    if let Some(path) = &args.output {
        let argv: Vec<String> = std::env::args()
            .skip_while(|a| a != "demo")
            .skip(1)
            .collect();
        let report = Report::new(
            scope,
            &options,
            argv,
            chrono::Local::now().naive_local(),
            invocations,
        );
        if let Err(e) = scs_scope::write_atomically(path, report.to_yaml().as_bytes()) {
            return fail(format!("cannot write report {}: {e}", path.display()));
        }
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
