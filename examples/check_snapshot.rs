//! A whole certification run in process: load a scope, run its built-in testcases against a
//! snapshot, and let `scs-scope` decide the verdicts, exactly as `scs check --snapshot` does.
//!
//! ```text
//! cargo run --example check_snapshot -- [SNAPSHOT.yaml [SCOPE.yaml]]
//! ```
//!
//! Without arguments: the embedded demo cloud and
//! `../shared/fixtures/scs-standards/Tests/scs-compatible-iaas.yaml`.

use std::sync::Arc;

use scs::scope::{Check, CheckOptions, Scope, collect_results, render_summary};
use scs::testkit::scope::{in_process_ids, invocation, render_findings};
use scs::testkit::{Context, Registry, SnapshotSource, demo, run_blocking};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let source = match args.next() {
        Some(path) => SnapshotSource::load(path)?,
        None => demo::source(),
    };
    let scope_path = args.next().unwrap_or_else(|| {
        "../shared/fixtures/scs-standards/Tests/scs-compatible-iaas.yaml".into()
    });
    let scope = Scope::load(&scope_path)?;

    // Dates are judged when the snapshot was taken.
    let ctx = Arc::new(Context::new(source));
    let options = CheckOptions {
        subject: "my-cloud".into(),
        assignment: [("os_cloud".to_owned(), "my-cloud".to_owned())]
            .into_iter()
            .collect(),
        date: ctx.now().date_naive(),
        forced_version: None,
        tests: None,
        sections: None,
    };
    let check = Check::new(&scope, options)?;

    // Every testcase of the tested versions that has a built-in runs in process.
    let registry = Registry::builtin();
    let ids = in_process_ids(&check, &registry);
    let outcomes = run_blocking(&registry, ids.iter().map(|id| id.as_str()), &ctx)?;

    // The results enter scs-scope as one invocation, like a script's.
    let record = invocation("check_snapshot example (in process)", &outcomes);
    let results = collect_results([&record]);
    let summaries = check.summarize(&results);
    print!(
        "{}",
        render_summary(&scope, "my-cloud", &check.title(), &summaries, false, false)
    );
    println!("\nFindings:\n{}", render_findings(&outcomes));
    Ok(())
}
