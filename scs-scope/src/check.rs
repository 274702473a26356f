//! A compliance check of one subject against a scope: which versions, which scripts with which
//! testcases, the verdicts, the console summary and the exit status, as the reference
//! checker (`scs-compliance-check.py`) decides them.
//!
//! The steps are separate so that results can also come from elsewhere than scripts:
//!
//! 1. [`Check::new`] validates the options and selects the versions;
//! 2. [`Check::plan`] (or [`Check::plan_except`]) prepares the [`ScriptCall`]s;
//! 3. `run_all` (feature `runner`) runs them; [`collect_results`] gathers their results, to which
//!    a caller may add results obtained in other ways;
//! 4. [`Check::summarize`] gives the verdict per version and target, [`render_summary`] the console
//!    text, [`exit_status`] the exit status.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use indexmap::IndexMap;
use regex::Regex;

use crate::args::{PlaceholderError, placeholders, substitute, substitute_literal};
use crate::evaluate::{Results, TargetSummary};
use crate::ids::{TestcaseId, VersionName};
use crate::model::Validity;
use crate::run::{Invocation, ScriptCall};
use crate::scope::{ResolvedVersion, Scope, SelectError};

/// What to check, with the meaning of the reference checker's options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOptions {
    /// Name of the subject (cloud) under test (`-s`); required.
    pub subject: String,
    /// Variable assignments (`-a KEY=VALUE`), in the order given.
    pub assignment: IndexMap<String, String>,
    /// The reference date selecting versions from the timeline (`-d`).
    pub date: NaiveDate,
    /// Test this version only, whatever the timeline says (`-V`).
    pub forced_version: Option<String>,
    /// Only run testcases whose id matches this regular expression at its start (`-t`).
    pub tests: Option<String>,
    /// Only run testcases of these sections (`-S a,b`).
    pub sections: Option<Vec<String>>,
}

/// Why a check cannot start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// No subject was given.
    #[error("You need pass --subject=SUBJECT.")]
    MissingSubject,
    /// Variables without default that were not assigned.
    #[error("Missing variable assignments (via -a) for: {}", .0.join(", "))]
    MissingVariables(Vec<String>),
    /// The versions could not be selected.
    #[error(transparent)]
    Select(#[from] SelectError),
    /// The `-t` expression is not a valid regular expression.
    #[error("invalid test selection regex {0}")]
    BadRegex(String),
    /// A placeholder could not be substituted.
    #[error("script {script}: {error}")]
    Placeholder {
        /// Index of the script.
        script: usize,
        /// What went wrong.
        error: PlaceholderError,
    },
}

/// A prepared check.
///
/// 1. [`Check::new`] validates the options and selects the versions;
/// 2. [`Check::plan`] (or [`Check::plan_except`]) prepares the [`ScriptCall`]s;
/// 3. `run_all` (feature `runner`) runs them; [`collect_results`] gathers their results, to which
///    a caller may add results obtained in other ways;
/// 4. [`Check::summarize`] gives the verdict per version and target, [`render_summary`] the
///    console text, [`exit_status`] the exit status.
///
/// See the crate documentation for an example.
#[derive(Debug, Clone)]
pub struct Check<'s> {
    scope: &'s Scope,
    options: CheckOptions,
    tests: Option<Regex>,
    versions: Vec<ResolvedVersion<'s>>,
}

/// The outcome of one version: verdicts of its targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionSummary {
    /// The version.
    pub version: VersionName,
    /// Its validity on the reference date (`None`: not listed by the timeline entry in force).
    pub validity: Option<Validity>,
    /// One summary per target, in target order.
    pub targets: Vec<TargetSummary>,
}

impl<'s> Check<'s> {
    /// Validates the options against the scope and selects the versions to test.
    ///
    /// ```
    /// # let scope = scs_scope::Scope::from_yaml_str(r#"
    /// # name: Demo
    /// # uuid: u
    /// # url: https://example.com
    /// # scripts:
    /// # - {executable: ./check.sh, args: "{testcases}", testcases: [{id: a, description: Checks A.}, {id: b}]}
    /// # modules: [{id: m, targets: {main: [a, b]}}]
    /// # timeline: [{date: 2026-01-01, versions: {v1: draft}}]
    /// # versions: [{version: v1, include: [m]}]
    /// # "#).unwrap();
    /// use scs_scope::{Check, CheckError, CheckOptions};
    /// let options = CheckOptions {
    ///     subject: String::new(),
    ///     assignment: Default::default(),
    ///     date: chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
    ///     forced_version: None,
    ///     tests: None,
    ///     sections: None,
    /// };
    /// assert_eq!(Check::new(&scope, options.clone()).unwrap_err(), CheckError::MissingSubject);
    /// let check = Check::new(&scope, CheckOptions { subject: "cloud".into(), ..options }).unwrap();
    /// assert_eq!(check.versions().len(), 1);
    /// ```
    pub fn new(scope: &'s Scope, options: CheckOptions) -> Result<Self, CheckError> {
        if options.subject.is_empty() {
            return Err(CheckError::MissingSubject);
        }
        let missing: Vec<String> = scope
            .variables()
            .iter()
            .filter(|v| v.default.is_none() && !options.assignment.contains_key(&v.name))
            .map(|v| v.name.clone())
            .collect();
        if !missing.is_empty() {
            return Err(CheckError::MissingVariables(missing));
        }
        let tests = match &options.tests {
            // Python's re.match anchors at the start only.
            Some(pattern) => Some(Regex::new(&format!("^(?:{pattern})")).map_err(|e| {
                // The parser's message spans several lines; its last one says what is wrong.
                let text = e.to_string();
                let reason = text.lines().last().unwrap_or_default();
                let reason = reason.trim_start_matches("error: ");
                CheckError::BadRegex(format!("{pattern:?}: {reason}"))
            })?),
            None => None,
        };
        let versions = scope
            .select_versions(options.date, options.forced_version.as_deref())?
            .into_iter()
            .filter_map(|v| scope.resolve(v.version.as_str()))
            .collect();
        Ok(Self {
            scope,
            options,
            tests,
            versions,
        })
    }

    /// The options.
    pub fn options(&self) -> &CheckOptions {
        &self.options
    }

    /// The versions to test, resolved, in file order.
    pub fn versions(&self) -> &[ResolvedVersion<'s>] {
        &self.versions
    }

    /// Whether `-S` or `-t` restricts the testcases (then missing ones are not listed).
    pub fn is_partial(&self) -> bool {
        self.options.sections.is_some() || self.tests.is_some()
    }

    /// The scope name with the restrictions, e.g. `SCS-compatible KaaS [sections: light]`.
    pub fn title(&self) -> String {
        let mut title = self.scope.name().to_owned();
        if let Some(sections) = &self.options.sections {
            let _ = write!(title, " [sections: {}]", sections.join(", "));
        }
        if let Some(pattern) = &self.options.tests {
            let _ = write!(title, " [tests: '{pattern}']");
        }
        title
    }

    /// Whether `-S` and `-t` let this testcase run.
    pub fn selects(&self, id: &TestcaseId) -> bool {
        if let Some(sections) = &self.options.sections {
            let section = self
                .scope
                .testcase(id.as_str())
                .and_then(|t| t.section.as_deref());
            if !section.is_some_and(|s| sections.iter().any(|x| x == s)) {
                return false;
            }
        }
        self.tests
            .as_ref()
            .is_none_or(|re| re.is_match(id.as_str()))
    }

    /// The script calls for all selected testcases of all tested versions.
    pub fn plan(&self, working_dir: &Path) -> Result<Vec<ScriptCall>, CheckError> {
        self.plan_except(working_dir, |_| false)
    }

    /// Like [`Check::plan`], leaving out the testcases for which `skip` is true (for example
    /// because their results come from elsewhere).
    ///
    /// Testcases of one script form one call, unless the versions give a module parameter that
    /// the script's `args` or `env` use different values; then each set of consistent values gets
    /// its own call.
    pub fn plan_except(
        &self,
        working_dir: &Path,
        skip: impl Fn(&TestcaseId) -> bool,
    ) -> Result<Vec<ScriptCall>, CheckError> {
        // Per script: groups of (parameters, testcases).
        type Group<'a> = (IndexMap<&'a str, &'a str>, BTreeSet<TestcaseId>);
        let mut groups: Vec<Vec<Group<'_>>> = vec![Vec::new(); self.scope.scripts().len()];
        let used_names: Vec<HashSet<&str>> = self
            .scope
            .scripts()
            .iter()
            .map(|script| {
                script
                    .args
                    .iter()
                    .chain(script.env.values())
                    .flat_map(|t| placeholders(t).unwrap_or_default())
                    .collect()
            })
            .collect();
        for version in &self.versions {
            for id in version.testcase_ids() {
                let Some(script) = self.scope.script_index_of(id.as_str()) else {
                    continue;
                };
                if self.scope.scripts()[script].executable.is_none()
                    || !self.selects(id)
                    || skip(id)
                {
                    continue;
                }
                // Only parameters the script's args or env use can make a difference.
                let used = &used_names[script];
                let parameters: Vec<(&str, &str)> = version
                    .parameters
                    .get(id)
                    .into_iter()
                    .flat_map(|p| p.iter())
                    .filter(|(k, _)| used.contains(k.as_str()))
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let compatible = |(params, _): &Group<'_>| {
                    parameters
                        .iter()
                        .all(|(k, v)| params.get(k).is_none_or(|x| x == v))
                };
                let at = match groups[script].iter().position(compatible) {
                    Some(at) => at,
                    None => {
                        groups[script].push(Default::default());
                        groups[script].len() - 1
                    }
                };
                let group = &mut groups[script][at];
                group.0.extend(parameters);
                group.1.insert(id.clone());
            }
        }
        let defaults: IndexMap<&str, &str> = self
            .scope
            .variables()
            .iter()
            .filter_map(|v| Some((v.name.as_str(), v.default.as_deref()?)))
            .collect();
        let mut calls = Vec::new();
        for (index, script_groups) in groups.into_iter().enumerate() {
            let script = &self.scope.scripts()[index];
            for (parameters, ids) in script_groups {
                let testcases: Vec<TestcaseId> = ids.into_iter().collect();
                let joined = testcases
                    .iter()
                    .map(TestcaseId::as_str)
                    .collect::<Vec<_>>()
                    .join(" ");
                // Precedence as in the reference: parameters, then assignment, then `testcases`.
                let value = |name: &str| {
                    parameters
                        .get(name)
                        .copied()
                        .or_else(|| self.options.assignment.get(name).map(String::as_str))
                        .or_else(|| defaults.get(name).copied())
                        .map(str::to_owned)
                        .or_else(|| (name == "testcases").then(|| joined.clone()))
                };
                let fill = |template: &str| {
                    substitute(template, value).map_err(|error| CheckError::Placeholder {
                        script: index,
                        error,
                    })
                };
                // Values stay literal arguments; only the `testcases` list (not a value that
                // overrides it) splits into words.
                let overridden = parameters.contains_key("testcases")
                    || self.options.assignment.contains_key("testcases")
                    || defaults.contains_key("testcases");
                let verbatim: &[&str] = if overridden { &[] } else { &["testcases"] };
                let args =
                    substitute_literal(script.args.as_deref().unwrap_or(""), value, verbatim)
                        .map_err(|error| CheckError::Placeholder {
                            script: index,
                            error,
                        })?;
                let env = script
                    .env
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), fill(v)?)))
                    .collect::<Result<_, CheckError>>()?;
                calls.push(ScriptCall {
                    script: index,
                    executable: script.executable.clone().unwrap_or_default(),
                    args,
                    env,
                    testcases,
                    working_dir: working_dir.to_owned(),
                });
            }
        }
        Ok(calls)
    }

    /// Verdicts per tested version and target.
    pub fn summarize(&self, results: &Results) -> Vec<VersionSummary> {
        self.versions
            .iter()
            .map(|v| VersionSummary {
                version: v.version.version.clone(),
                validity: self
                    .scope
                    .validity_on(v.version.version.as_str(), self.options.date),
                targets: v
                    .targets
                    .iter()
                    .map(|(target, ids)| TargetSummary::evaluate(target, ids, results))
                    .collect(),
            })
            .collect()
    }
}

/// All results of the invocations; a later invocation's result for the same id wins.
pub fn collect_results<'a>(invocations: impl IntoIterator<Item = &'a Invocation>) -> Results {
    let mut results = Results::new();
    for invocation in invocations {
        for (id, outcome) in &invocation.results {
            results.insert(id.clone(), *outcome);
        }
    }
    results
}

/// The exit status of the reference: the number of critical lines, plus (unless `critical_only`)
/// error lines and failed testcases, at most 127.
///
/// ```
/// use scs_scope::{Invocation, Status, exit_status};
/// let invocation = Invocation {
///     id: "1".into(),
///     cmd: "./check.sh".into(),
///     results: [("a".into(), Status::Fail), ("b".into(), Status::Abort)].into_iter().collect(),
///     rc: 0,
///     stdout: vec![],
///     stderr: vec![],
///     info: 0,
///     warning: 3,
///     error: 1,
///     critical: 0,
///     ignored_ids: vec![],
/// };
/// assert_eq!(exit_status(&[invocation.clone()], false), 2); // 1 error line + 1 failed testcase
/// assert_eq!(exit_status(&[invocation], true), 0); // -C: only critical lines count
/// ```
pub fn exit_status(invocations: &[Invocation], critical_only: bool) -> u8 {
    let total: usize = invocations
        .iter()
        .map(|i| {
            i.critical
                + if critical_only {
                    0
                } else {
                    i.error + i.failed()
                }
        })
        .sum();
    total.min(127) as u8
}

/// The console summary: per version, `SUBJECT TITLE VERSION:` and per target the verdict line,
/// then the failed, aborted and missing testcases (missing ones only when `partial` is false,
/// passed ones only when `verbose`), each with its description and url.
///
/// ```
/// # let scope = scs_scope::Scope::from_yaml_str(r#"
/// # name: Demo
/// # uuid: u
/// # url: https://example.com
/// # scripts:
/// # - {executable: ./check.sh, args: "{testcases}", testcases: [{id: a, description: Checks A.}, {id: b}]}
/// # modules: [{id: m, targets: {main: [a, b]}}]
/// # timeline: [{date: 2026-01-01, versions: {v1: draft}}]
/// # versions: [{version: v1, include: [m]}]
/// # "#).unwrap();
/// use scs_scope::{Check, CheckOptions, Status, Results, render_summary};
/// let options = CheckOptions {
///     subject: "cloud".into(),
///     assignment: Default::default(),
///     date: chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
///     forced_version: None,
///     tests: None,
///     sections: None,
/// };
/// let check = Check::new(&scope, options).unwrap();
/// let results: Results = [("a".into(), Status::Fail)].into_iter().collect();
/// let text = render_summary(&scope, "cloud", &check.title(), &check.summarize(&results), false, false);
/// assert_eq!(text, "\
/// cloud Demo v1:
/// - main: FAIL (0 passed, 1 failed, 1 missing)
///   - FAILED:
///     - a:
///       > Checks A.
///   - MISSING:
///     - b:
/// ");
/// ```
pub fn render_summary(
    scope: &Scope,
    subject: &str,
    title: &str,
    summaries: &[VersionSummary],
    partial: bool,
    verbose: bool,
) -> String {
    let mut out = String::new();
    for summary in summaries {
        let _ = writeln!(out, "{subject} {title} {}:", summary.version);
        for target in &summary.targets {
            let _ = writeln!(out, "- {}: {target}", target.target);
            let mut categories = vec![(&target.failed, "FAILED"), (&target.aborted, "ABORTED")];
            if !partial {
                categories.push((&target.missing, "MISSING"));
            }
            if verbose {
                categories.push((&target.passed, "PASSED"));
            }
            for (ids, category) in categories {
                if ids.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "  - {category}:");
                for id in ids {
                    let _ = writeln!(out, "    - {id}:");
                    if let Some(testcase) = scope.testcase(id.as_str()) {
                        for line in [&testcase.description, &testcase.url].into_iter().flatten() {
                            let _ = writeln!(out, "      > {line}");
                        }
                    }
                }
            }
        }
    }
    out
}
