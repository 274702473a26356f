//! Command-line interface: one module per top-level subcommand.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod flavor;
mod standards;

/// Sovereign Cloud Stack standards: flavor names, standards, scopes and compliance checks.
#[derive(Debug, Parser)]
#[command(name = "scs", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse, generate and describe SCS flavor names (scs-0100).
    #[command(subcommand)]
    Flavor(flavor::FlavorCommand),
    /// List and check SCS standard documents (scs-0001).
    #[command(subcommand)]
    Standards(standards::StandardsCommand),
}

impl Cli {
    /// Runs the chosen subcommand and returns the process exit status.
    pub fn run(self) -> ExitCode {
        match self.command {
            Command::Flavor(cmd) => flavor::run(cmd),
            Command::Standards(cmd) => standards::run(cmd),
        }
    }
}
