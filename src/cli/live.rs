//! What the commands share for live clouds (`--os-cloud`): options, connecting, the
//! certification's preflight, running testcases so that Ctrl-C and SIGTERM still remove the
//! probes' temporary resources, and progress lines on a terminal.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use scs_testkit::check::{Cloud, ScopeCheck};
use scs_testkit::openstack::cleanup::CleanupReport;
use scs_testkit::openstack::{
    CloudSettings, Environment, Interrupted, OpenStackOptions, OpenStackSource, preflight,
    until_interrupted,
};
use scs_testkit::scope::InProcess;
use scs_testkit::{Context, Outcomes, Registry, run};

/// Options for talking to a live cloud.
#[derive(Debug, Clone, Args)]
pub struct LiveArgs {
    /// Seconds to wait for one API request (live clouds).
    #[arg(long = "api-timeout", value_name = "SECONDS", default_value_t = 30)]
    pub api_timeout: u64,
    /// Keep openstack_sdk's token cache on disk (~/.osc); by default no token is written.
    #[arg(long)]
    pub auth_cache: bool,
    /// Decide scs-0115 with a temporary security group even where Neutron has default
    /// security-group rules (the path of Neutron before 2023.2).
    #[arg(long)]
    pub assume_no_default_rules: bool,
    /// Remove temporary security groups of earlier runs (scs-0115-probe-*) older than this
    /// many seconds before probing.
    #[arg(long, value_name = "SECONDS", default_value_t = 600)]
    pub probe_leftover_age: u64,
    /// Metadata of the scs-0101 sample VM (`openstack server create --property`), for clouds
    /// that want servers tagged; repeatable.
    #[arg(long = "vm-property", value_name = "KEY=VALUE", value_parser = key_value)]
    pub vm_property: Vec<(String, String)>,
    /// Seconds the scs-0101 sample VM may take to become ACTIVE (its readings then get up to
    /// 300 s more).
    #[arg(long = "vm-timeout", value_name = "SECONDS", default_value_t = 600)]
    pub vm_timeout: u64,
}

/// `KEY=VALUE` of `--vm-property`.
fn key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("`{text}` is not KEY=VALUE")),
    }
}

impl LiveArgs {
    pub fn options(&self) -> OpenStackOptions {
        OpenStackOptions {
            timeout: Duration::from_secs(self.api_timeout.max(1)),
            auth_cache: self.auth_cache,
            assume_no_default_rules: self.assume_no_default_rules,
            leftover_age: Duration::from_secs(self.probe_leftover_age),
            // Benchmarks compare with the behaviour before issue 14 (benches/live_latency.rs).
            always_discover_identity: std::env::var("SCS_IDENTITY_DISCOVERY")
                .is_ok_and(|v| v == "always"),
            vm_metadata: self.vm_property.iter().cloned().collect(),
            vm_boot_timeout: Duration::from_secs(self.vm_timeout.max(1)),
            ..OpenStackOptions::default()
        }
    }
}

/// Progress lines on stderr, only when stderr is a terminal (never in pipes, logs or reports).
pub struct ProgressLines(bool);

impl ProgressLines {
    pub fn new() -> Self {
        ProgressLines(std::io::stderr().is_terminal())
    }

    pub fn say(&self, message: impl std::fmt::Display) {
        if self.0 {
            eprintln!("... {message}");
        }
    }
}

/// The cloud named by `--os-cloud` or `$OS_CLOUD` (or the `OS_*` variables), authenticated.
pub async fn connect(cloud: Option<&str>, args: &LiveArgs) -> Result<OpenStackSource, String> {
    let settings =
        CloudSettings::find(cloud, &Environment::from_process()).map_err(|e| e.to_string())?;
    OpenStackSource::connect(&settings, args.options())
        .await
        .map_err(|e| e.to_string())
}

/// How a live run ended without outcomes.
pub enum Stopped {
    /// The cloud could not be used (settings, authentication): the message.
    Connect(String),
    /// The preflight failed: the reason every testcase ABORTs with.
    Preflight(String),
    /// Ctrl-C or SIGTERM; the temporary resources removed (or the message why not).
    Interrupted(Interrupted, String),
}

/// Connects, runs the preflight and then `ids` against the live cloud. On Ctrl-C/SIGTERM the
/// run is stopped and the probes' temporary resources are removed before returning.
pub async fn run_live(
    cloud: Option<&str>,
    args: &LiveArgs,
    registry: &Registry,
    ids: &[String],
    progress: &ProgressLines,
) -> Result<Outcomes, Stopped> {
    progress.say(format!(
        "connecting to cloud {}",
        cloud
            .map(str::to_owned)
            .or_else(|| std::env::var("OS_CLOUD").ok())
            .unwrap_or_else(|| "from OS_* variables".into())
    ));
    let source = connect(cloud, args).await.map_err(Stopped::Connect)?;
    preflight(source.token_roles()).map_err(|e| Stopped::Preflight(e.to_string()))?;
    progress.say(format!(
        "running {} testcases on cloud {}",
        ids.len(),
        source.cloud()
    ));
    let ctx = Arc::new(Context::new(source.clone()));
    match until_interrupted(run(registry, ids, &ctx)).await {
        Ok(outcomes) => Ok(outcomes),
        Err(signal) => Err(Stopped::Interrupted(signal, cleanup(&source).await)),
    }
}

/// Removes the temporary resources of interrupted probes; says what happened, what could not
/// be removed and why. Waits at most the cleanup limit (300 s: a volume being backed up must be
/// waited for before it can be deleted) and a little more for the requests themselves.
pub async fn cleanup(source: &OpenStackSource) -> String {
    // Deleting the sample VM or a volume being backed up takes longest.
    let limit = scs_testkit::openstack::cleanup::CLEANUP_LIMIT + Duration::from_secs(15);
    let cloud = source.cloud().to_owned();
    match tokio::time::timeout(limit, source.cleanup()).await {
        Ok(report) => cleanup_said(&report, &cloud),
        Err(_) => format!(
            "could not remove the temporary resources in time; `scs cleanup -c {cloud} --apply` removes them"
        ),
    }
}

/// What the CRITICAL line says of an interrupted run's cleanup: never "nothing was left" when
/// something could not be removed.
fn cleanup_said(report: &CleanupReport, cloud: &str) -> String {
    if !report.is_clean() {
        return format!(
            "NOT all temporary resources were removed: {report}; `scs cleanup -c {cloud} --apply` removes them"
        );
    }
    if report.removed.is_empty() {
        return "no temporary resources were left".into();
    }
    let removed: Vec<String> = report
        .removed
        .iter()
        .map(|l| format!("{} {}", l.kind, l.name))
        .collect();
    format!(
        "removed the temporary {}; `scs cleanup -c {cloud}` lists any that are left",
        removed.join(", ")
    )
}

/// A multi-threaded runtime for one command.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}

/// For `scs check --os-cloud CLOUD`: the in-process half of `check` against the live cloud.
/// When the cloud cannot be used or the preflight fails, every in-process testcase ABORTs with
/// the reason and the record carries one CRITICAL line (`Cloud::Unusable`). Ctrl-C or SIGTERM
/// removes the probes' temporary resources and ends the process (130/143).
pub fn check_in_process(
    check: ScopeCheck,
    cloud: &str,
    args: &LiveArgs,
) -> std::io::Result<(ScopeCheck, InProcess)> {
    let runtime = runtime()?;
    let progress = ProgressLines::new();
    progress.say(format!("connecting to cloud {cloud}"));
    let (live, source) = runtime.block_on(Cloud::connect(
        Some(cloud),
        &Environment::from_process(),
        args.options(),
    ));
    let check = check.with_cloud(live);
    progress.say(format!(
        "running {} testcases on cloud {cloud}",
        check.in_process_ids().len()
    ));
    match runtime.block_on(until_interrupted(check.run_in_process())) {
        Ok(done) => Ok((check, done)),
        Err(signal) => {
            let cleaned = match &source {
                Some(source) => runtime.block_on(cleanup(source)),
                None => "no temporary resources were left".into(),
            };
            eprintln!("CRITICAL: interrupted; {cleaned}");
            std::process::exit(i32::from(signal.exit_status()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scs_testkit::openstack::cleanup::{Leftover, LeftoverKind};

    fn network(name: &str) -> Leftover {
        Leftover {
            kind: LeftoverKind::Network,
            id: "n1".into(),
            name: name.into(),
            status: Some("ACTIVE".into()),
            created_at: None,
        }
    }

    #[test]
    fn the_critical_line_says_what_could_not_be_removed() {
        let mut report = CleanupReport::default();
        assert_eq!(
            cleanup_said(&report, "c"),
            "no temporary resources were left"
        );
        report.removed.push(network("scs-0101-probe-1"));
        assert_eq!(
            cleanup_said(&report, "c"),
            "removed the temporary network scs-0101-probe-1; `scs cleanup -c c` lists any that are left"
        );
        report.removed.clear();
        report.failed.push((
            network("scs-0101-probe-2"),
            "DELETE answered 409: in use".into(),
        ));
        let said = cleanup_said(&report, "c");
        assert!(
            said.starts_with("NOT all temporary resources were removed: could not remove network scs-0101-probe-2 (n1, ACTIVE): DELETE answered 409: in use;"),
            "{said}"
        );
        assert!(
            said.ends_with("`scs cleanup -c c --apply` removes them"),
            "{said}"
        );
        report.failed.clear();
        report
            .problems
            .push("could not look for the leftovers of x: HTTP 503".into());
        assert!(cleanup_said(&report, "c").contains("HTTP 503"));
    }
}
