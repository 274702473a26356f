//! `scs cleanup`: list (and with `--apply` remove) what interrupted runs of the probes left on
//! a cloud: `scs_testkit::openstack::cleanup`.

use std::process::ExitCode;

use clap::Args;
use scs_testkit::openstack::cleanup::{PREFIXES, find_leftovers, remove_leftovers};
use scs_testkit::openstack::until_interrupted;

use super::live::{LiveArgs, connect, runtime};

/// Shown after the options.
pub const AFTER_HELP: &str = "\
Only resources whose name starts with one of the probes' prefixes (scs-0101-probe-,
scs-0115-probe-, scs-0116-probe-, scs-0117-probe-) and that belong to the user are considered:
volumes, backups, servers and secrets of the user; networks, routers, ports and security groups
of the user's project (Neutron records no user); the user's key pairs. Without --apply nothing
is changed. With --apply each is deleted and waited for until it is gone (a volume being backed
up or restored is waited for first), at most 300 s in all.

Exit status: 0 when the listing (and with --apply the removal) succeeded; 1 when the cloud could
not be used or something could not be removed (each said on stderr); 130/143 when interrupted.";

/// Options of `scs cleanup`.
#[derive(Debug, Args)]
pub struct CleanupArgs {
    /// The cloud of clouds.yaml (default: $OS_CLOUD, else the OS_* variables).
    #[arg(short = 'c', long = "os-cloud", value_name = "CLOUD")]
    os_cloud: Option<String>,
    /// Remove what is listed (default: only list it).
    #[arg(long)]
    apply: bool,
    #[command(flatten)]
    live: LiveArgs,
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("CRITICAL: {message}");
    ExitCode::from(1)
}

/// Runs `scs cleanup`.
pub fn run(args: CleanupArgs) -> ExitCode {
    let runtime = match runtime() {
        Ok(r) => r,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    runtime.block_on(async {
        let source = match connect(args.os_cloud.as_deref(), &args.live).await {
            Ok(source) => source,
            Err(e) => return fail(e),
        };
        let work = async {
            let leftovers = match find_leftovers(&source).await {
                Ok(found) => found,
                Err(e) => return fail(format!("cannot list the leftovers: {e}")),
            };
            if leftovers.is_empty() {
                println!(
                    "No leftovers of scs probes ({}*) on cloud {}.",
                    PREFIXES.join("*, "),
                    source.cloud()
                );
                return ExitCode::SUCCESS;
            }
            if !args.apply {
                for leftover in &leftovers {
                    println!("{leftover}");
                }
                println!(
                    "{} leftovers of scs probes on cloud {}; nothing removed (dry run): add --apply to remove them.",
                    leftovers.len(),
                    source.cloud()
                );
                return ExitCode::SUCCESS;
            }
            let report = remove_leftovers(&source, &leftovers).await;
            for leftover in &report.removed {
                println!("removed {leftover}");
            }
            for (leftover, why) in &report.failed {
                eprintln!("ERROR: could not remove {leftover}: {why}");
            }
            println!(
                "Removed {} of {} leftovers of scs probes on cloud {}.",
                report.removed.len(),
                leftovers.len(),
                source.cloud()
            );
            if report.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        };
        match until_interrupted(work).await {
            Ok(code) => code,
            Err(signal) => {
                eprintln!("CRITICAL: interrupted; run `scs cleanup` again to see what is left");
                ExitCode::from(signal.exit_status())
            }
        }
    })
}
