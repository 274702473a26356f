//! `scs demo`: the SCS-compatible IaaS scope, in process, against the embedded demo cloud.
//!
//! No network, nothing to look up: it loads the scope from the fixtures (or `--scope`), runs
//! every built-in testcase of the versions in force against `scs_testkit::demo`, prints the
//! verdicts as `scs check` does, then the findings an operator acts on, then how to check a
//! real cloud.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use scs_scope::{Check, CheckOptions, Scope, collect_results, render_summary};
use scs_standards::Severity;
use scs_testkit::scope::{in_process_ids, invocation, render_findings};
use scs_testkit::{Context, Outcomes, Registry, Status, demo, run_blocking};

/// Where the IaaS scope is when run from the project root.
const DEFAULT_SCOPE: &str = "../shared/fixtures/scs-standards/Tests/scs-compatible-iaas.yaml";

/// Options of `scs demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The scope file.
    #[arg(long, value_name = "SCOPE.yaml", default_value = DEFAULT_SCOPE)]
    scope: PathBuf,
    /// Check this snapshot instead of the embedded demo cloud.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
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
    if !args.scope.is_file() {
        return fail(format!(
            "scope file {} not found; run `scs demo` from the project root (next to ../shared/fixtures) or pass --scope PATH/TO/scs-compatible-iaas.yaml",
            args.scope.display()
        ));
    }
    let scope = match Scope::load(&args.scope) {
        Ok(scope) => scope,
        Err(e) => return fail(e),
    };
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
    let check = match Check::new(&scope, options) {
        Ok(check) => check,
        Err(e) => return fail(e),
    };
    let registry = Registry::builtin();
    let ids = in_process_ids(&check, &registry);
    let outcomes = match run_blocking(
        &registry,
        ids.iter().map(scs_scope::TestcaseId::as_str),
        &ctx,
    ) {
        Ok(outcomes) => outcomes,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    let invocation = invocation("scs demo (in process)", &outcomes);
    let results = collect_results([&invocation]);

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
            &scope,
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
    let aborted = render_findings(&by_status(Status::Abort));
    if !aborted.is_empty() {
        println!("\nNot decided here (aborted testcases and why):");
        print_indented(&aborted);
    }
    println!(
        "\nTo check a real cloud by its clouds.yaml entry, run\n  scs check -s MY-CLOUD --os-cloud MY-CLOUD {}\n\
         or single testcases with `scs openstack-test -c MY-CLOUD TESTCASE...`. `scs snapshot -c MY-CLOUD -o \
         my-cloud.yaml` records the cloud into a snapshot (the format of scs-testkit's `snapshot` module; \
         `scs-testkit/data/demo-cloud.yaml` is an example) that `--snapshot my-cloud.yaml` checks offline.",
        args.scope.display()
    );
    ExitCode::SUCCESS
}
