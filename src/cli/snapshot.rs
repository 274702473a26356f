//! `scs snapshot`: record a live cloud into the testkit's snapshot format (facts, probe
//! results, `taken_at`), so that `scs openstack-test --snapshot FILE` and
//! `scs check --snapshot FILE` later give the verdicts the cloud gave, offline.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use scs_testkit::openstack::{preflight, until_interrupted};
use scs_testkit::{Context, record};

use super::live::{LiveArgs, ProgressLines, cleanup, connect, runtime};

/// Shown after the options.
pub const AFTER_HELP: &str = "\
The file holds what the APIs returned (flavors, images, volume types, default security-group
rules, catalog, roles) and the results of the probes the built-in testcases run (temporary
security group on Neutron before 2023.2, key manager, S3 next to Swift, volume backup and
restore, the scs-0101 sample VM's console readings), never a credential or token. The sample
VM boots alongside the other requests and takes longest (seconds to minutes); --no-vm leaves
it out. The file is
written atomically (temporary file, then rename): an existing FILE is replaced whole or not at
all. A fact that cannot be fetched is left out with a WARNING; its testcases then ABORT on the
file as they do on the cloud.

The user must hold the member role and no elevated role (as for a certification run); otherwise
nothing is written and the status is 1.";

/// Options of `scs snapshot`.
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// The cloud of clouds.yaml (default: $OS_CLOUD, else the OS_* variables).
    #[arg(short = 'c', long = "os-cloud", value_name = "CLOUD")]
    os_cloud: Option<String>,
    /// Where to write the snapshot (YAML).
    #[arg(short = 'o', long, value_name = "FILE")]
    output: PathBuf,
    /// Do not boot the scs-0101 sample VM (its testcases then ABORT on the file).
    #[arg(long)]
    no_vm: bool,
    #[command(flatten)]
    live: LiveArgs,
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("CRITICAL: {message}");
    ExitCode::from(1)
}

/// Runs `scs snapshot`.
pub fn run(args: SnapshotArgs) -> ExitCode {
    let runtime = match runtime() {
        Ok(r) => r,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    runtime.block_on(async {
        let progress = ProgressLines::new();
        progress.say("connecting");
        let source = match connect(args.os_cloud.as_deref(), &args.live).await {
            Ok(source) => source,
            Err(e) => return fail(e),
        };
        if let Err(e) = preflight(source.token_roles()) {
            return fail(format!("{e}; nothing written"));
        }
        progress.say(format!("recording cloud {}", source.cloud()));
        let ctx = Arc::new(Context::new(source.clone()));
        let recording = match until_interrupted(record::record_with(
            &ctx,
            record::RecordOptions {
                entropy_vm: !args.no_vm,
            },
        )).await {
            Ok(recording) => recording,
            Err(signal) => {
                eprintln!("CRITICAL: interrupted; {}; nothing written", cleanup(&source).await);
                return ExitCode::from(signal.exit_status());
            }
        };
        for problem in &recording.problems {
            eprintln!("WARNING: not recorded: {problem}");
        }
        if let Err(e) = recording.write(&args.output) {
            return fail(format!("cannot write {}: {e}", args.output.display()));
        }
        let count = |n: Option<usize>| n.map_or("-".to_owned(), |n| n.to_string());
        println!(
            "Recorded cloud {} into {}: {} flavors, {} images, {} volume types, {} default security-group rules, {} catalog entries, roles {}.",
            source.cloud(),
            args.output.display(),
            count(recording.snapshot.flavors.as_ref().map(Vec::len)),
            count(recording.snapshot.images.as_ref().map(Vec::len)),
            count(recording.snapshot.volume_types.as_ref().map(Vec::len)),
            recording
                .snapshot
                .default_security_group_rules
                .as_ref()
                .map_or("no API for".to_owned(), |r| r.len().to_string()),
            count(recording.snapshot.catalog.as_ref().map(Vec::len)),
            recording.snapshot.roles.as_deref().map_or("-".to_owned(), |r| r.join(", ")),
        );
        ExitCode::SUCCESS
    })
}
