//! Running a certificate scope's testcases in process and handing the results to `scs-scope`.
//!
//! The results of in-process testcases become one [`Invocation`], exactly like a script's: its
//! stdout has the `id: PASS|FAIL|ABORT` lines, its stderr the log lines (`INFO:`, `WARNING:`,
//! `ERROR:`), and the counts of those lines enter the exit status by the same rule as for
//! scripts (critical lines, plus error lines and failed testcases). So a check mixing built-in
//! and script testcases reports and decides the same way as one running scripts only.
//!
//! ```
//! use std::sync::Arc;
//! use scs_testkit::{Context, Registry, SnapshotSource, run_blocking, scope::invocation};
//! let ctx = Arc::new(Context::new(SnapshotSource::from_yaml_str("volume_types: []").unwrap()));
//! let outcomes = run_blocking(&Registry::builtin(), ["scs-0114-syntax-check", "scs-0114-encrypted-type"], &ctx).unwrap();
//! let inv = invocation("scs openstack-test --snapshot s.yaml", &outcomes);
//! assert_eq!(inv.stdout, ["scs-0114-syntax-check: PASS", "scs-0114-encrypted-type: FAIL"]);
//! assert_eq!((inv.error, inv.failed()), (1, 1));
//! ```

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use scs_scope::{Check, CheckError, Invocation, Results, RunOptions, TestcaseId, run_all};

use crate::context::Context;

use crate::Outcome;
use crate::outcome::Status;
use crate::runner::Outcomes;
use crate::testcase::Registry;

/// The log lines for one testcase, as `openstack_test.py` writes them: `INFO: *** id`, one line
/// per finding (`ERROR: object: message`...), for an ABORT a `WARNING:` with the reason, and
/// `INFO: +++ id: STATUS`.
///
/// An ABORT reason is a warning, not an error: like the reference, an aborted testcase does
/// not add to the exit status by itself (it already fails its target).
///
/// ```
/// let o = scs_testkit::Outcome::abort("needs a live cloud");
/// assert_eq!(scs_testkit::scope::log_lines("scs-0123-swift-s3", &o), [
///     "INFO: *** scs-0123-swift-s3",
///     "WARNING: scs-0123-swift-s3: needs a live cloud",
///     "INFO: +++ scs-0123-swift-s3: ABORT",
/// ]);
/// ```
pub fn log_lines(id: &str, outcome: &Outcome) -> Vec<String> {
    let mut lines = vec![format!("INFO: *** {id}")];
    lines.extend(outcome.findings.iter().map(|f| f.to_string()));
    if let Some(reason) = &outcome.reason {
        lines.push(format!("WARNING: {id}: {reason}"));
    }
    lines.push(format!("INFO: +++ {id}: {}", outcome.status));
    lines
}

/// The invocation record of an in-process run, labelled `cmd` in the report.
pub fn invocation(cmd: impl Into<String>, outcomes: &Outcomes) -> Invocation {
    let stdout: Vec<String> = outcomes
        .iter()
        .map(|(id, o)| format!("{id}: {}", o.status))
        .collect();
    let stderr: Vec<String> = outcomes
        .iter()
        .flat_map(|(id, o)| log_lines(id.as_str(), o))
        .collect();
    let results: Results = outcomes
        .iter()
        .map(|(id, o)| (id.clone(), o.status))
        .collect();
    Invocation::new(cmd, results, 0, stdout, stderr)
}

/// The testcases of `check` (tested versions, selected by `-t`/`-S`) that `registry` has:
/// those to run in process. Sorted, each once.
///
/// ```
/// # let scope = scs_scope::Scope::from_yaml_str(r#"
/// # name: Demo
/// # uuid: u
/// # url: https://example.com
/// # scripts:
/// # - {executable: ./check.sh, args: "{testcases}", testcases: [{id: scs-0114-syntax-check}, {id: own-test}]}
/// # modules: [{id: m, targets: {main: [scs-0114-syntax-check, own-test]}}]
/// # timeline: [{date: 2026-01-01, versions: {v1: effective}}]
/// # versions: [{version: v1, stabilized_at: 2025-01-01, include: [m]}]
/// # "#).unwrap();
/// let options = scs_scope::CheckOptions {
///     subject: "cloud".into(), assignment: Default::default(),
///     date: chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
///     forced_version: None, tests: None, sections: None,
/// };
/// let check = scs_scope::Check::new(&scope, options).unwrap();
/// let ids = scs_testkit::scope::in_process_ids(&check, &scs_testkit::Registry::builtin());
/// assert_eq!(ids, [scs_scope::TestcaseId::new("scs-0114-syntax-check")]);
/// ```
pub fn in_process_ids(check: &Check<'_>, registry: &Registry) -> Vec<TestcaseId> {
    let ids: BTreeSet<&TestcaseId> = check
        .versions()
        .iter()
        .flat_map(|v| v.testcase_ids())
        .filter(|id| check.selects(id) && registry.contains(id.as_str()))
        .collect();
    ids.into_iter().cloned().collect()
}

/// The in-process part of a check: which testcases ran in process, their outcomes, and the
/// invocation record that carries them into the report and the exit status.
#[derive(Debug, Clone)]
pub struct InProcess {
    /// The testcases run in process (those the registry has), sorted.
    pub ids: Vec<TestcaseId>,
    /// Their outcomes.
    pub outcomes: Outcomes,
    /// Their record, labelled with the command an operator would type to repeat them.
    pub invocation: Invocation,
}

impl InProcess {
    /// Wraps outcomes obtained elsewhere (e.g. from a live cloud run by the caller); the record
    /// is labelled `cmd`.
    ///
    /// ```
    /// let mut outcomes = scs_testkit::Outcomes::new();
    /// outcomes.insert("scs-0114-syntax-check".into(), scs_testkit::Outcome::pass());
    /// let done = scs_testkit::scope::InProcess::new(vec!["scs-0114-syntax-check".into()], outcomes, "live run");
    /// assert_eq!(done.invocation.stdout, ["scs-0114-syntax-check: PASS"]);
    /// ```
    pub fn new(ids: Vec<TestcaseId>, outcomes: Outcomes, cmd: impl Into<String>) -> Self {
        let invocation = invocation(cmd, &outcomes);
        Self {
            ids,
            outcomes,
            invocation,
        }
    }
}

/// Runs the testcases of `check` that `registry` implements ([`in_process_ids`]) against the
/// cloud of `ctx`, blocking on a runtime of its own. `cmd` labels the record; `{ids}` in it is
/// replaced by the ids, space-separated.
///
/// This and [`run_scripts`] are the two halves of every check: `scs check --snapshot` and
/// `scs demo` call both, `scs check --os-cloud` the second after its live run.
///
/// ```
/// use std::sync::Arc;
/// use scs_scope::{BuiltinScope, Check, CheckOptions};
/// use scs_testkit::{Context, Registry, demo, scope::{run_in_process, run_scripts}};
/// let scope = BuiltinScope::Iaas.scope();
/// let options = CheckOptions {
///     subject: "demo".into(),
///     assignment: [("os_cloud".to_string(), "demo".to_string())].into_iter().collect(),
///     date: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
///     forced_version: None, tests: Some("scs-0114".into()), sections: None,
/// };
/// let check = Check::new(&scope, options)?;
/// let ctx = Arc::new(Context::new(demo::source()));
/// let done = run_in_process(&check, &Registry::builtin(), &ctx, "demo {ids}")?;
/// assert_eq!(done.invocation.cmd, "demo scs-0114-syntax-check"); // v5.1 and next have it in `main`
/// // Nothing is left for scripts: every selected testcase has a built-in.
/// assert!(run_scripts(&check, None, &done.ids, &Default::default(), 1)?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run_in_process(
    check: &Check<'_>,
    registry: &Registry,
    ctx: &Arc<Context>,
    cmd: &str,
) -> std::io::Result<InProcess> {
    let ids = in_process_ids(check, registry);
    let names: Vec<&str> = ids.iter().map(TestcaseId::as_str).collect();
    let outcomes = crate::runner::run_blocking(registry, &names, ctx)?;
    let cmd = cmd.replace("{ids}", &names.join(" "));
    Ok(InProcess::new(ids, outcomes, cmd))
}

/// What an ABORT of a testcase without a script says.
pub const NO_SCRIPT_REASON: &str = "not run: this scope has no folder with scripts (it is built in or \
fetched), and scs has no in-process implementation of these testcases; check with the scope file \
of a checkout of the SCS standards repository to run its scripts";

/// The other half of a check (see [`run_in_process`]): the selected testcases not in `done`
/// that a script of the scope reports on. With the scope's `folder`, the scripts run from there
/// (`jobs` at a time); without one (a built-in or fetched scope), each call is recorded as not
/// run: its testcases ABORT with [`NO_SCRIPT_REASON`] on a `CRITICAL:` line, never a silent
/// pass or a missing result. Manual testcases (scripts without `executable`) stay missing, as
/// in every check.
///
/// ```
/// use scs_scope::{BuiltinScope, Check, CheckOptions, Status};
/// let scope = BuiltinScope::Kaas.scope();
/// let options = CheckOptions {
///     subject: "k".into(),
///     assignment: [("subject_root", "."), ("kubeconfig", "k.yaml")]
///         .map(|(k, v)| (k.to_string(), v.to_string())).into_iter().collect(),
///     date: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
///     forced_version: None, tests: None, sections: None,
/// };
/// let check = Check::new(&scope, options)?;
/// let records = scs_testkit::scope::run_scripts(&check, None, &[], &Default::default(), 1)?;
/// assert_eq!(records[0].results["cncf-k8s-conformance"], Status::Abort);
/// assert!(records[0].stderr[0].starts_with("CRITICAL: not run: this scope has no folder"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run_scripts(
    check: &Check<'_>,
    folder: Option<&Path>,
    done: &[TestcaseId],
    options: &RunOptions,
    jobs: usize,
) -> Result<Vec<Invocation>, CheckError> {
    let skip = |id: &TestcaseId| done.contains(id);
    match folder {
        Some(folder) => {
            let calls = check.plan_except(folder, skip)?;
            Ok(run_all(&calls, options, jobs))
        }
        None => {
            let calls = check.plan_except(Path::new(""), skip)?;
            Ok(calls.iter().map(|c| c.not_run(NO_SCRIPT_REASON)).collect())
        }
    }
}

/// The findings an operator acts on: per FAIL or ABORT, the error and warning findings and the
/// abort reason, as `id: STATUS` followed by indented lines.
///
/// ```
/// use scs_standards::Finding;
/// let mut outcomes = scs_testkit::Outcomes::new();
/// outcomes.insert("scs-0114-encrypted-type".into(), scs_testkit::Outcome::fail("volume types", "none is encrypted"));
/// outcomes.insert("scs-0114-syntax-check".into(), scs_testkit::Outcome::pass());
/// assert_eq!(scs_testkit::scope::render_findings(&outcomes),
///     "scs-0114-encrypted-type: FAIL\n  ERROR: volume types: none is encrypted\n");
/// ```
pub fn render_findings(outcomes: &Outcomes) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for (id, outcome) in outcomes {
        if outcome.status == Status::Pass {
            continue;
        }
        let _ = writeln!(out, "{id}: {}", outcome.status);
        for finding in outcome.at_least(scs_standards::Severity::Warning) {
            let _ = writeln!(out, "  {finding}");
        }
        if let Some(reason) = &outcome.reason {
            let _ = writeln!(out, "  reason: {reason}");
        }
    }
    out
}
