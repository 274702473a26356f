//! `scs flavor ...`

use std::process::ExitCode;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum FlavorCommand {
    /// Describe flavor names.
    Parse { names: Vec<String> },
}

pub fn run(cmd: FlavorCommand) -> ExitCode {
    match cmd {
        FlavorCommand::Parse { names } => {
            for n in names {
                println!("{n}");
            }
            ExitCode::SUCCESS
        }
    }
}
