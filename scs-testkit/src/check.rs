//! A check as one library call: a certificate scope, built in or loaded, against any
//! [`CloudSource`](crate::CloudSource), with the options of `scs check`, giving back the results,
//! the rendered summary and the report.
//!
//! What `scs check --snapshot`, `scs check --os-cloud`, `scs demo` and the nightly run do is
//! one sequence: pick the testcases of the tested versions that have a built-in
//! ([`in_process_ids`]), run them against the cloud, record them
//! as one [`Invocation`] ([`invocation`](crate::scope::invocation)), run the scope's scripts for
//! the rest (or record them as not run when the scope has no folder), collect the results,
//! summarize per version and target, render the summary and assemble the report.
//! [`ScopeCheck`] is that sequence; the commands only turn arguments into a [`CheckSettings`]
//! and print a [`Checked`].
//!
//! ```
//! use std::sync::Arc;
//! use scs_scope::BuiltinScope;
//! use scs_testkit::check::{CheckSettings, Cloud, ScopeCheck};
//! use scs_testkit::{Context, demo};
//!
//! let cloud = Cloud::Facts(Arc::new(Context::new(demo::source())));
//! let settings = CheckSettings::new(demo::SUBJECT).assign("os_cloud", demo::SUBJECT);
//! let check = ScopeCheck::new(Arc::new(BuiltinScope::Iaas.scope()), settings, cloud)?;
//! let checked = check.run_blocking()?;
//! assert!(checked.summary.contains("demo-cloud SCS-compatible IaaS v5.1:\n- main: FAIL"));
//! assert_eq!(checked.report.subject, "demo-cloud");
//! assert!(checked.in_process.outcomes["scs-0115-default-rules"].status == scs_testkit::Status::Fail);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use indexmap::IndexMap;
use scs_scope::{
    Check, CheckError, CheckOptions, Invocation, Report, Results, RunOptions, Scope, TestcaseId,
    Verdict, VersionSummary, collect_results, exit_status, render_summary,
};

use crate::context::Context;
use crate::outcome::Outcome;
use crate::runner::Outcomes;
use crate::scope::{InProcess, in_process_ids, run_scripts};
use crate::testcase::Registry;

/// Where the facts of the in-process testcases come from.
#[derive(Debug, Clone)]
pub enum Cloud {
    /// A context over a source: a snapshot, the demo cloud, a live cloud, a test double.
    Facts(Arc<Context>),
    /// The cloud cannot be used (no settings, authentication failed, the preflight refused the
    /// user): every in-process testcase ABORTs with `reason`, and their record carries one
    /// `CRITICAL:` line with `critical` and a non-zero return code, as a script that could not
    /// start would. So the report, the verdicts and the exit status all show it.
    Unusable {
        /// What each testcase's ABORT says.
        reason: String,
        /// The CRITICAL line's text.
        critical: String,
    },
    /// No cloud: nothing runs in process and there is no in-process record; the scope's
    /// scripts report on every testcase (`scs check` without `--snapshot` or `--os-cloud`).
    ScriptsOnly,
}

impl Cloud {
    /// An unusable cloud whose testcases and CRITICAL line say the same `reason`.
    ///
    /// ```
    /// let cloud = scs_testkit::check::Cloud::unusable("authentication failed (HTTP 401)");
    /// assert!(matches!(cloud, scs_testkit::check::Cloud::Unusable { .. }));
    /// ```
    pub fn unusable(reason: impl Into<String>) -> Self {
        let reason = reason.into();
        Cloud::Unusable {
            critical: reason.clone(),
            reason,
        }
    }

    /// The day versions are selected on when the settings name none: when the snapshot was
    /// taken (a snapshot's verdicts do not change with the day it is checked), else today.
    fn today(&self) -> NaiveDate {
        match self {
            Cloud::Facts(ctx) => ctx.now().date_naive(),
            Cloud::Unusable { .. } | Cloud::ScriptsOnly => chrono::Local::now().date_naive(),
        }
    }
}

#[cfg(feature = "openstack")]
impl Cloud {
    /// The live cloud `name` of clouds.yaml (or, without a name, `$OS_CLOUD` or the `OS_*`
    /// variables of `env`), authenticated and past the certification's preflight; with the
    /// source, so that the caller can remove the probes' temporary resources after an
    /// interruption ([`OpenStackSource::cleanup`](crate::openstack::OpenStackSource::cleanup)).
    /// A cloud that cannot be used is [`Cloud::Unusable`], with no source.
    ///
    /// ```no_run
    /// # async fn f() {
    /// use scs_testkit::check::Cloud;
    /// use scs_testkit::openstack::{Environment, OpenStackOptions};
    /// let (cloud, _source) =
    ///     Cloud::connect(Some("my-cloud"), &Environment::from_process(), OpenStackOptions::default()).await;
    /// # }
    /// ```
    pub async fn connect(
        name: Option<&str>,
        env: &crate::openstack::Environment,
        options: crate::openstack::OpenStackOptions,
    ) -> (Cloud, Option<crate::openstack::OpenStackSource>) {
        use crate::openstack::{CloudSettings, OpenStackSource, preflight};
        let settings = match CloudSettings::find(name, env) {
            Ok(settings) => settings,
            Err(e) => return (Cloud::unusable(e.to_string()), None),
        };
        let source = match OpenStackSource::connect(&settings, options).await {
            Ok(source) => source,
            Err(e) => return (Cloud::unusable(e.to_string()), None),
        };
        if let Err(e) = preflight(source.token_roles()) {
            let reason = e.to_string();
            let critical = format!("Pre-flight checks failed: {reason}");
            return (Cloud::Unusable { reason, critical }, None);
        }
        let ctx = Arc::new(Context::new(source.clone()));
        (Cloud::Facts(ctx), Some(source))
    }
}

/// What to check, with the meaning of `scs check`'s options.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CheckSettings {
    /// The subject (`-s`).
    pub subject: String,
    /// Scope variables (`-a KEY=VALUE`), in the order given.
    pub assignment: IndexMap<String, String>,
    /// The day that selects versions (`-d`); `None`: the cloud's day (a snapshot's
    /// `taken_at`, else today).
    pub date: Option<NaiveDate>,
    /// Test this version whatever the timeline says (`-V`).
    pub forced_version: Option<String>,
    /// Only testcases whose id matches this regular expression at its start (`-t`).
    pub tests: Option<String>,
    /// Only testcases of these sections (`-S`).
    pub sections: Option<Vec<String>>,
    /// The folder the scope's scripts run from; `None` (a built-in or fetched scope): the
    /// testcases without a built-in ABORT with
    /// [`NO_SCRIPT_REASON`](crate::scope::NO_SCRIPT_REASON).
    pub scripts: Option<PathBuf>,
    /// Timeout and interpreter of the scripts.
    pub run_options: RunOptions,
    /// Scripts run at the same time.
    pub jobs: usize,
    /// The in-process record's command in the report; `{ids}` becomes the ids.
    pub label: String,
    /// The report's `run.argv`.
    pub argv: Vec<String>,
    /// Also list the passed testcases in the summary (`-v`).
    pub verbose: bool,
}

impl CheckSettings {
    /// Settings for `subject`: every version the timeline puts in force on the cloud's day,
    /// every testcase, no scripts, one job.
    ///
    /// ```
    /// let settings = scs_testkit::check::CheckSettings::new("my-cloud");
    /// assert_eq!(settings.label, "scs-testkit (in process) {ids}");
    /// ```
    pub fn new(subject: impl Into<String>) -> Self {
        CheckSettings {
            subject: subject.into(),
            assignment: IndexMap::new(),
            date: None,
            forced_version: None,
            tests: None,
            sections: None,
            scripts: None,
            run_options: RunOptions::default(),
            jobs: 1,
            label: "scs-testkit (in process) {ids}".into(),
            argv: Vec::new(),
            verbose: false,
        }
    }

    /// The same settings with `key` assigned `value` (replacing an earlier value).
    ///
    /// ```
    /// let s = scs_testkit::check::CheckSettings::new("c").assign("os_cloud", "c");
    /// assert_eq!(s.assignment["os_cloud"], "c");
    /// ```
    pub fn assign(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.assignment.insert(key.into(), value.into());
        self
    }
}

/// A prepared check: the scope, the settings and the cloud, validated.
#[derive(Debug, Clone)]
pub struct ScopeCheck {
    scope: Arc<Scope>,
    options: CheckOptions,
    settings: CheckSettings,
    cloud: Cloud,
    registry: Arc<Registry>,
}

/// Why a check could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckRunError {
    /// The options do not fit the scope (missing variable, unknown version, bad `-t`, ...).
    #[error(transparent)]
    Check(#[from] CheckError),
    /// No async runtime could be started ([`ScopeCheck::run_blocking`]).
    #[error("cannot start the async runtime: {0}")]
    Runtime(#[from] std::io::Error),
    /// The scripts' thread ended without a result ([`ScopeCheck::run`]).
    #[error("the scripts of the check did not finish: {0}")]
    Scripts(String),
}

/// What a check produced.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The testcases run in process, their outcomes and their record.
    pub in_process: InProcess,
    /// Every record, the scripts' first and the in-process one last (the report's order; none
    /// with [`Cloud::ScriptsOnly`]).
    pub invocations: Vec<Invocation>,
    /// The result of every testcase that reported one.
    pub results: Results,
    /// Verdicts per tested version and target.
    pub summaries: Vec<VersionSummary>,
    /// The console summary `scs check` prints.
    pub summary: String,
    /// The report `scs check -o` writes (`report.to_yaml()`).
    pub report: Report,
}

impl Checked {
    /// The exit status of `scs check` (critical lines, plus error lines and failed testcases
    /// unless `critical_only`; at most 127).
    pub fn exit_status(&self, critical_only: bool) -> u8 {
        exit_status(&self.invocations, critical_only)
    }

    /// The verdict of each tested version's `main` target, as the summary prints it.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use scs_testkit::check::{CheckSettings, Cloud, ScopeCheck};
    /// let cloud = Cloud::unusable("no cloud");
    /// let settings = CheckSettings::new("c").assign("os_cloud", "c");
    /// let checked = ScopeCheck::new(Arc::new(scs_scope::BuiltinScope::Iaas.scope()), settings, cloud)?
    ///     .run_blocking()?;
    /// assert!(checked.main_verdicts().iter().all(|(_, v)| *v == scs_scope::Verdict::Fail));
    /// assert!(checked.exit_status(true) >= 1); // the CRITICAL line of the record
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn main_verdicts(&self) -> Vec<(String, Verdict)> {
        main_verdicts(&self.summaries)
    }
}

/// The `main` target's verdict of each version of a summary.
///
/// ```
/// assert!(scs_testkit::check::main_verdicts(&[]).is_empty());
/// ```
pub fn main_verdicts(summaries: &[VersionSummary]) -> Vec<(String, Verdict)> {
    summaries
        .iter()
        .filter_map(|summary| {
            summary
                .targets
                .iter()
                .find(|t| t.target == "main")
                .map(|t| (summary.version.to_string(), t.verdict))
        })
        .collect()
}

impl ScopeCheck {
    /// Validates `settings` against `scope` (variables, version, selection) on the day they
    /// name or the cloud's day, with the built-in testcases.
    pub fn new(
        scope: Arc<Scope>,
        settings: CheckSettings,
        cloud: Cloud,
    ) -> Result<Self, CheckError> {
        let options = CheckOptions {
            subject: settings.subject.clone(),
            assignment: settings.assignment.clone(),
            date: settings.date.unwrap_or_else(|| cloud.today()),
            forced_version: settings.forced_version.clone(),
            tests: settings.tests.clone(),
            sections: settings.sections.clone(),
        };
        Check::new(&scope, options.clone())?;
        Ok(ScopeCheck {
            scope,
            options,
            settings,
            cloud,
            registry: Arc::new(Registry::builtin()),
        })
    }

    /// The same check against another cloud, validated as before and on the same day. For
    /// callers that validate the settings before connecting to a live cloud.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use scs_testkit::check::{CheckSettings, Cloud, ScopeCheck};
    /// let mut settings = CheckSettings::new("c").assign("os_cloud", "c");
    /// settings.date = chrono::NaiveDate::from_ymd_opt(2026, 9, 1);
    /// let scope = Arc::new(scs_scope::BuiltinScope::Iaas.scope());
    /// let check = ScopeCheck::new(scope, settings, Cloud::ScriptsOnly)?; // refused here if wrong
    /// let check = check.with_cloud(Cloud::unusable("could not authenticate"));
    /// assert!(!check.in_process_ids().is_empty());
    /// # Ok::<(), scs_scope::CheckError>(())
    /// ```
    pub fn with_cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = cloud;
        self
    }

    /// The same check with the testcases of `registry` in process instead of the built-ins.
    pub fn with_registry(mut self, registry: Arc<Registry>) -> Self {
        self.registry = registry;
        self
    }

    /// The cloud the in-process testcases run against.
    pub fn cloud(&self) -> &Cloud {
        &self.cloud
    }

    /// The options the check runs with (the date resolved).
    pub fn options(&self) -> &CheckOptions {
        &self.options
    }

    /// The scope.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    fn check(&self) -> Result<Check<'_>, CheckError> {
        Check::new(&self.scope, self.options.clone())
    }

    /// The testcases that run in process: those of the tested versions (and the selection)
    /// that the registry has.
    pub fn in_process_ids(&self) -> Vec<TestcaseId> {
        if matches!(self.cloud, Cloud::ScriptsOnly) {
            return Vec::new();
        }
        match self.check() {
            Ok(check) => in_process_ids(&check, &self.registry),
            Err(_) => Vec::new(),
        }
    }

    /// The first half: the in-process testcases against the cloud. Callers that must act
    /// between the halves (a live cloud's Ctrl-C clean-up, installed before the scripts'
    /// signal forwarding) call this and then [`ScopeCheck::finish`]; others call
    /// [`ScopeCheck::run`].
    pub async fn run_in_process(&self) -> InProcess {
        let ids = self.in_process_ids();
        let names: Vec<&str> = ids.iter().map(TestcaseId::as_str).collect();
        let cmd = self.settings.label.replace("{ids}", &names.join(" "));
        match &self.cloud {
            Cloud::ScriptsOnly => InProcess::new(ids, Outcomes::new(), cmd),
            Cloud::Facts(ctx) => {
                let outcomes = crate::runner::run(&self.registry, &names, ctx).await;
                InProcess::new(ids, outcomes, cmd)
            }
            Cloud::Unusable { reason, critical } => {
                let outcomes: Outcomes = ids
                    .iter()
                    .map(|id| (id.clone(), Outcome::abort(reason.clone())))
                    .collect();
                let mut done = InProcess::new(ids, outcomes, cmd);
                critical_line(&mut done.invocation, critical);
                done
            }
        }
    }

    /// The second half: the scripts for the testcases `in_process` did not cover (blocking:
    /// they are processes), then results, summary and report.
    pub fn finish(&self, in_process: InProcess) -> Result<Checked, CheckError> {
        let check = self.check()?;
        let mut invocations = run_scripts(
            &check,
            self.settings.scripts.as_deref(),
            &in_process.ids,
            &self.settings.run_options,
            self.settings.jobs,
        )?;
        if !matches!(self.cloud, Cloud::ScriptsOnly) {
            invocations.push(in_process.invocation.clone());
        }
        Ok(self.assemble(&check, in_process, invocations))
    }

    /// The check given up before it ran (it timed out, its runtime failed): every selected
    /// testcase ABORTs with `problem`, recorded as one run that printed one CRITICAL line; no
    /// script runs. The report then says what happened instead of leaving the subject out.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use scs_testkit::check::{CheckSettings, Cloud, ScopeCheck};
    /// let settings = CheckSettings::new("c").assign("os_cloud", "c");
    /// let check = ScopeCheck::new(Arc::new(scs_scope::BuiltinScope::Iaas.scope()), settings, Cloud::ScriptsOnly)?;
    /// let checked = check.abandoned("timed out after 3600 s")?;
    /// assert_eq!(checked.invocations.len(), 1);
    /// assert_eq!(checked.invocations[0].stderr[0], "CRITICAL: timed out after 3600 s");
    /// assert!(checked.results.values().all(|r| *r == scs_scope::Status::Abort));
    /// # Ok::<(), scs_scope::CheckError>(())
    /// ```
    pub fn abandoned(&self, problem: &str) -> Result<Checked, CheckError> {
        let check = self.check()?;
        let ids: std::collections::BTreeSet<&TestcaseId> = check
            .versions()
            .iter()
            .flat_map(|v| v.testcase_ids())
            .filter(|id| check.selects(id))
            .collect();
        let ids: Vec<TestcaseId> = ids.into_iter().cloned().collect();
        let names: Vec<&str> = ids.iter().map(TestcaseId::as_str).collect();
        let cmd = self.settings.label.replace("{ids}", &names.join(" "));
        let outcomes: Outcomes = ids
            .iter()
            .map(|id| (id.clone(), Outcome::abort(problem)))
            .collect();
        let mut done = InProcess::new(ids, outcomes, cmd);
        critical_line(&mut done.invocation, problem);
        let invocations = vec![done.invocation.clone()];
        Ok(self.assemble(&check, done, invocations))
    }

    fn assemble(
        &self,
        check: &Check<'_>,
        in_process: InProcess,
        invocations: Vec<Invocation>,
    ) -> Checked {
        let results = collect_results(&invocations);
        let summaries = check.summarize(&results);
        let summary = render_summary(
            &self.scope,
            &self.options.subject,
            &check.title(),
            &summaries,
            check.is_partial(),
            self.settings.verbose,
        );
        let report = Report::new(
            &self.scope,
            &self.options,
            self.settings.argv.clone(),
            chrono::Local::now().naive_local(),
            invocations.clone(),
        );
        Checked {
            in_process,
            invocations,
            results,
            summaries,
            summary,
            report,
        }
    }

    /// The whole check, within a tokio runtime; the scripts run on a blocking thread.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use scs_testkit::check::{CheckSettings, Cloud, ScopeCheck};
    /// # use scs_testkit::{Context, demo};
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let cloud = Cloud::Facts(Arc::new(Context::new(demo::source())));
    /// let mut settings = CheckSettings::new("demo").assign("os_cloud", "demo");
    /// settings.tests = Some("scs-0114".into());
    /// let check = ScopeCheck::new(Arc::new(scs_scope::BuiltinScope::Iaas.scope()), settings, cloud).unwrap();
    /// let checked = check.run().await.unwrap();
    /// assert_eq!(checked.in_process.invocation.stdout, ["scs-0114-syntax-check: PASS"]);
    /// # });
    /// ```
    pub async fn run(&self) -> Result<Checked, CheckRunError> {
        let in_process = self.run_in_process().await;
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.finish(in_process))
            .await
            .map_err(|e| CheckRunError::Scripts(e.to_string()))?
            .map_err(CheckRunError::from)
    }

    /// [`ScopeCheck::run_in_process`] on a runtime of its own, for callers that are not async.
    pub fn run_in_process_blocking(&self) -> std::io::Result<InProcess> {
        if matches!(self.cloud, Cloud::ScriptsOnly) {
            return Ok(InProcess::new(Vec::new(), Outcomes::new(), ""));
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?;
        Ok(runtime.block_on(self.run_in_process()))
    }

    /// The whole check on a runtime of its own, for callers that are not async.
    pub fn run_blocking(&self) -> Result<Checked, CheckRunError> {
        let in_process = self.run_in_process_blocking()?;
        Ok(self.finish(in_process)?)
    }
}

/// As a script that could not start: one CRITICAL line first, a non-zero return code.
fn critical_line(record: &mut Invocation, message: &str) {
    record.stderr.insert(0, format!("CRITICAL: {message}"));
    record.critical += 1;
    record.rc = 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use scs_scope::BuiltinScope;

    fn demo_check(settings: CheckSettings) -> ScopeCheck {
        let cloud = Cloud::Facts(Arc::new(Context::new(crate::demo::source())));
        ScopeCheck::new(Arc::new(BuiltinScope::Iaas.scope()), settings, cloud).unwrap()
    }

    #[test]
    fn the_demo_cloud_fails_what_the_demo_says_and_the_report_holds_every_record() {
        let settings = CheckSettings::new("demo").assign("os_cloud", "demo");
        let checked = demo_check(settings).run_blocking().unwrap();
        for id in crate::demo::EXPECTED_FAILURES {
            if let Some(outcome) = checked.in_process.outcomes.get(id) {
                assert_eq!(outcome.status, crate::Status::Fail, "{id}");
            }
        }
        // The in-process record comes last (after any not-run script records).
        assert!(!checked.invocations.is_empty());
        let last = checked.invocations.last().unwrap();
        assert_eq!(last.cmd, checked.in_process.invocation.cmd);
        assert_eq!(
            checked.report.run.invocations.len(),
            checked.invocations.len()
        );
        assert_eq!(
            checked.results.len(),
            checked
                .invocations
                .iter()
                .map(|i| i.results.len())
                .sum::<usize>()
        );
        assert!(checked.summary.contains("- main: FAIL"));
    }

    #[test]
    fn the_date_is_the_snapshots_unless_the_settings_name_one() {
        let check = demo_check(CheckSettings::new("d").assign("os_cloud", "d"));
        let taken = crate::demo::source();
        let taken = crate::CloudSource::taken_at(&taken).unwrap().date_naive();
        assert_eq!(check.options().date, taken);
        let mut settings = CheckSettings::new("d").assign("os_cloud", "d");
        settings.date = NaiveDate::from_ymd_opt(2026, 11, 1);
        assert_eq!(
            demo_check(settings).options().date,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
        );
    }

    #[test]
    fn bad_settings_are_refused_before_anything_runs() {
        let cloud = Cloud::unusable("x");
        let scope = Arc::new(BuiltinScope::Iaas.scope());
        let err = ScopeCheck::new(Arc::clone(&scope), CheckSettings::new("c"), cloud.clone())
            .unwrap_err();
        assert!(matches!(err, CheckError::MissingVariables(_)), "{err}");
        let mut settings = CheckSettings::new("c").assign("os_cloud", "c");
        settings.forced_version = Some("v0".into());
        assert!(ScopeCheck::new(scope, settings, cloud).is_err());
    }

    #[test]
    fn an_unusable_cloud_aborts_every_in_process_testcase_with_one_critical_line() {
        let cloud = Cloud::Unusable {
            reason: "the user lacks the member role".into(),
            critical: "Pre-flight checks failed: the user lacks the member role".into(),
        };
        let settings = CheckSettings::new("c").assign("os_cloud", "c");
        let check = ScopeCheck::new(Arc::new(BuiltinScope::Iaas.scope()), settings, cloud).unwrap();
        let checked = check.run_blocking().unwrap();
        let record = &checked.in_process.invocation;
        assert!(!checked.in_process.ids.is_empty());
        assert!(
            checked
                .in_process
                .outcomes
                .values()
                .all(|o| o.status == crate::Status::Abort
                    && o.reason.as_deref() == Some("the user lacks the member role"))
        );
        assert_eq!(
            record.stderr[0],
            "CRITICAL: Pre-flight checks failed: the user lacks the member role"
        );
        assert_eq!((record.critical, record.rc), (1, 1));
        assert!(
            checked
                .main_verdicts()
                .iter()
                .all(|(_, v)| *v == Verdict::Fail)
        );
    }
}
