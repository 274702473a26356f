//! A whole certification run in process: load a scope, run its built-in testcases against a
//! snapshot, and let `scs-scope` decide the verdicts, exactly as `scs check --snapshot` does —
//! in one library call (`scs_testkit::check`).
//!
//! ```text
//! cargo run --example check_snapshot -- [SNAPSHOT.yaml [SCOPE.yaml]]
//! ```
//!
//! Without arguments: the embedded demo cloud and
//! `../shared/fixtures/scs-standards/Tests/scs-compatible-iaas.yaml`.

use std::sync::Arc;

use scs::scope::Scope;
use scs::testkit::check::{CheckSettings, Cloud, ScopeCheck};
use scs::testkit::scope::render_findings;
use scs::testkit::{Context, SnapshotSource, demo};

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

    // Dates are judged when the snapshot was taken; the scope's scripts are not run (no
    // `settings.scripts`): what no built-in implements ABORTs with the reason.
    let cloud = Cloud::Facts(Arc::new(Context::new(source)));
    let settings = CheckSettings::new("my-cloud").assign("os_cloud", "my-cloud");
    let checked = ScopeCheck::new(Arc::new(scope), settings, cloud)?.run_blocking()?;

    print!("{}", checked.summary);
    println!(
        "\nFindings:\n{}",
        render_findings(&checked.in_process.outcomes)
    );
    Ok(())
}
