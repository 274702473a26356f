//! Command-line interface: one module per top-level subcommand.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
#[cfg(feature = "openstack")]
mod cleanup;
mod demo;
mod flavor;
#[cfg(feature = "openstack")]
mod live;
mod openstack_test;
mod provider;
mod report;
#[cfg(feature = "openstack")]
mod run;
mod scope;
#[cfg(feature = "serve")]
mod serve;
#[cfg(feature = "openstack")]
mod snapshot;
mod standards;

/// `scs --version`: the version and the dates of the built-in scopes, e.g. `0.1.0 (built-in
/// scopes as of 2026-08-31: SCS-compatible IaaS, timeline up to 2026-06-11; ...)`.
fn version_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let scopes: Vec<String> = scs_scope::BuiltinScope::ALL
            .iter()
            .map(|b| format!("{}, timeline up to {}", b.name(), b.latest_date()))
            .collect();
        format!(
            "{} (built-in scopes as of {}: {})",
            env!("CARGO_PKG_VERSION"),
            scs_scope::BUILTIN_AS_OF,
            scopes.join("; ")
        )
    })
}

/// Sovereign Cloud Stack standards: flavor names, standards, scopes and compliance checks.
#[derive(Debug, Parser)]
#[command(name = "scs", version = version_text(), about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse, generate and describe SCS flavor names (scs-0100).
    #[command(subcommand)]
    Flavor(flavor::FlavorCommand),
    /// Check a subject against a certificate scope, like scs-compliance-check.py (scs-0003, scs-0004).
    #[command(after_help = check::AFTER_HELP)]
    Check(check::CheckArgs),
    /// Inspect and validate certificate scopes (scs-0003).
    #[command(subcommand)]
    Scope(scope::ScopeCommand),
    /// List and check SCS standard documents (scs-0001).
    #[command(subcommand)]
    Standards(standards::StandardsCommand),
    /// Run testcases in process against a live cloud or a snapshot, like the scope's ./iaas/openstack_test.py.
    #[command(after_help = openstack_test::AFTER_HELP)]
    OpenstackTest(openstack_test::OpenstackTestArgs),
    /// Sign and verify reports for the compliance monitor (SSH signatures, namespace `report`).
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// The nightly run: every subject of a config.toml preset checked concurrently, the merged report written, signed and uploaded to the compliance monitor.
    #[cfg(feature = "openstack")]
    #[command(after_help = run::AFTER_HELP)]
    Run(run::RunArgs),
    /// Check the built-in SCS-compatible IaaS scope against an embedded demo cloud: no network, no arguments.
    Demo(demo::DemoArgs),
    /// Record a live cloud (facts and probe results) as a snapshot file for `--snapshot FILE`.
    #[cfg(feature = "openstack")]
    #[command(after_help = snapshot::AFTER_HELP)]
    Snapshot(snapshot::SnapshotArgs),
    /// List (and with --apply remove) what interrupted probe runs left on a cloud (scs-0101, 0115, 0116, 0117 probes).
    #[cfg(feature = "openstack")]
    #[command(after_help = cleanup::AFTER_HELP)]
    Cleanup(cleanup::CleanupArgs),
    /// Serve the flavor-name page (decode and generate names, like flavors.scs.community).
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
}

impl Cli {
    /// Runs the chosen subcommand and returns the process exit status.
    pub fn run(self) -> ExitCode {
        match self.command {
            Command::Flavor(cmd) => flavor::run(cmd),
            Command::Check(args) => check::run(args),
            Command::Scope(cmd) => scope::run(cmd),
            Command::Standards(cmd) => standards::run(cmd),
            Command::OpenstackTest(args) => openstack_test::run(args),
            Command::Report(cmd) => report::run(cmd),
            Command::Demo(args) => demo::run(args),
            #[cfg(feature = "openstack")]
            Command::Run(args) => run::run(args),
            #[cfg(feature = "openstack")]
            Command::Snapshot(args) => snapshot::run(args),
            #[cfg(feature = "openstack")]
            Command::Cleanup(args) => cleanup::run(args),
            #[cfg(feature = "serve")]
            Command::Serve(args) => serve::run(args),
        }
    }
}
