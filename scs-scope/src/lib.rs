//! # scs-scope: SCS certificate scopes
//!
//! A certificate scope (e.g. *SCS-compatible IaaS*) is a YAML document specified by
//! [scs-0003-v1](https://docs.scs.community/standards/scs-0003-v1-sovereign-cloud-standards-yaml):
//! scripts that report on testcases, modules (usually one per standard version) that group
//! testcases into targets (`main`, `recommended`, `preview`), versions that include modules, and
//! a timeline saying which version is effective, warned, draft or deprecated when.
//!
//! This crate loads and validates scopes ([`Scope`]), resolves versions into targets
//! ([`Scope::resolve`]), reads the timeline ([`Scope::validity_on`]), runs scripts
//! ([`ScriptCall`], `run_all`; feature `runner`), evaluates targets ([`TargetSummary`]), computes result
//! lifetimes ([`Lifetime`]) and writes the report ([`Report`]) — everything the `scs check`
//! command needs to be a drop-in for the reference checker `scs-compliance-check.py`.
//!
//! The SCS-compatible IaaS and KaaS scopes are built in ([`BuiltinScope`]), so a check needs no
//! checkout of the standards repository; [`ScopeSpec`] names a scope (built in, file, URL),
//! [`ScopeOrigin`] says where one came from, [`ScopeCache`] holds fetched copies and
//! [`preferred`] decides between a copy and the built-in scope. Downloading is behind the
//! feature `fetch` (off by default: loading scopes compiles no HTTP client), in `fetch`.
//!
//! ## Features
//!
//! - `runner` (off by default): runs a scope's scripts as processes (`ScriptCall::run`,
//!   `run_all`, `forward_interrupts`), each in its own process group so that a timeout kills
//!   everything it started and Ctrl-C is passed on; this needs libc and a process-wide signal
//!   handler. An embedder that only loads, resolves and evaluates scopes and writes reports
//!   (a dashboard, a linter of scope files, the compliance monitor's side) links none of that.
//!   A feature rather than a crate of its own: the runner is about 400 lines that share
//!   [`ScriptCall`], [`Invocation`] and the result-line grammar with the rest, and a second crate
//!   would have to publish those as API only for it. `scs-testkit` and the `scs` tool enable it.
//! - `fetch` (off by default): scope downloads over HTTPS (module `fetch`).
//! - `signing` (off by default): SSH signatures of reports (module `signing`).
//!
//! ```
//! use chrono::NaiveDate;
//! use scs_scope::{Check, CheckOptions, Status, Results, Scope, TestcaseId, Verdict};
//!
//! let scope = Scope::from_yaml_str(r#"
//! name: Demo
//! uuid: 00000000-0000-0000-0000-000000000000
//! url: https://example.com/demo.yaml
//! variables: [os_cloud]
//! scripts:
//! - executable: ./check.py
//!   args: -c {os_cloud} {testcases}
//!   testcases: [{id: demo-a}, {id: demo-b}]
//! modules:
//! - {id: demo-v1, targets: {main: [demo-a, demo-b]}}
//! timeline:
//! - {date: 2026-01-01, versions: {v1: effective}}
//! versions:
//! - {version: v1, stabilized_at: 2025-12-01, include: [demo-v1]}
//! "#)?;
//! let options = CheckOptions {
//!     subject: "my-cloud".into(),
//!     assignment: [("os_cloud".to_string(), "prod".to_string())].into_iter().collect(),
//!     date: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
//!     forced_version: None,
//!     tests: None,
//!     sections: None,
//! };
//! let check = Check::new(&scope, options)?;
//! let calls = check.plan(std::path::Path::new("."))?;
//! assert_eq!(calls[0].cmd(), "./check.py -c prod demo-a demo-b");
//!
//! // Instead of running the script, pretend it reported one result.
//! let mut results = Results::new();
//! results.insert(TestcaseId::new("demo-a"), Status::Pass);
//! let summary = check.summarize(&results);
//! assert_eq!(summary[0].targets[0].verdict, Verdict::TentativePass);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Where this crate follows the standard rather than the reference
//!
//! - Loading rejects a version whose includes reach the same testcase twice: "The ids of the
//!   test cases of all the modules specified via `include` MUST be pairwise different"
//!   (scs-0003-v1, "Version descriptor"). The reference merges them silently.
//! - Loading rejects an include that does not assign every parameter of its module: "When the
//!   referenced module uses parameters, then these parameters must be assigned values here"
//!   (scs-0003-v1, "Include descriptor"). The reference only warns (or ignores parameters).
//! - `section` is a key of the test-case descriptor ("what section to associate this testcase
//!   with (sections can be checked in isolation)", scs-0003-v1, "Test-case descriptor"), so `-S`
//!   selects testcases, not scripts.
//! - The timeline entry in force is the latest one not after the date, whatever the list order:
//!   "tooling MUST NOT depend on this order" (scs-0003-v1, "Timeline entry"). For the same
//!   reason, two entries starting on the same date are a loading error.
//! - Loading rejects a timeline entry that makes a version `effective` or `warn` before its
//!   `stabilized_at`: "the version MUST be stable at the start of the period" (scs-0003-v1,
//!   "Timeline entry"). The reference does not check this.
//! - [`Scope::effective_validity_on`] counts a version the entry in force does not list as
//!   deprecated: "Any version not listed in `versions` is considered `deprecated`". As in the
//!   reference (and `scs scope resolve`), such a version is not tested by default.
//!
//! - Next to the reference's console verdict ([`Verdict`]: an aborted testcase fails the target),
//!   [`TargetSummary::result`] gives the result as scs-0003-v2 defines it (FAIL, MISS, DNF, PASS;
//!   "If multiple items apply, we always opt for the topmost one"). `scs check` prints the
//!   reference's verdict, because it must decide exactly as the reference does.
//!
//! One deliberate exception the other way: a module without `targets` is accepted (as having
//! none), although the standard marks the key required, because the real IaaS scope has one.

#![deny(missing_docs)]

pub mod args;
mod atomic;
mod builtin;
mod check;
mod emit;
pub mod evaluate;
#[cfg(feature = "fetch")]
pub mod fetch;
mod ids;
mod lifetime;
mod load;
mod model;
mod origin;
mod report;
mod run;
mod scope;
#[cfg(feature = "runner")]
mod signals;
#[cfg(feature = "signing")]
pub mod signing;
mod yaml_path;

pub use atomic::write_atomically;
pub use builtin::{BUILTIN_AS_OF, BuiltinScope, UnknownBuiltinScope};
pub use check::{
    Check, CheckError, CheckOptions, VersionSummary, collect_results, exit_status, render_summary,
};
pub use evaluate::{Results, Status, TargetSummary, TestResult, UnknownStatus, Verdict};
pub use ids::{ModuleId, TestcaseId, VersionName};
pub use lifetime::{Lifetime, UnknownLifetime};
pub use load::{LoadError, LoadErrorKind, MAX_FLOW_DEPTH, MAX_SCOPE_BYTES, check_flow_depth};
pub use model::{
    Include, Module, Parameter, Prerequisite, ScopeVersion, Script, TestcaseDescriptor,
    TimelineEntry, UnknownValidity, Validity, Variable,
};
pub use origin::{ChosenScope, ScopeCache, ScopeOrigin, ScopeSpec, preferred};
pub use report::{Report, RunInfo, SpecInfo};
#[cfg(feature = "runner")]
pub use run::run_all;
pub use run::{Invocation, MAX_OUTPUT_BYTES, RunOptions, ScriptCall, working_dir_of};
pub use scope::{ResolvedVersion, Scope, SelectError};
#[cfg(feature = "runner")]
pub use signals::forward_interrupts;
pub use yaml_path::{Location, Segment, YamlPath};
