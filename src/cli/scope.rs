//! `scs scope ...`: inspect and validate certificate scopes (scs-0003).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Subcommand;
use indexmap::IndexMap;
use scs_scope::{Scope, TestcaseId, Validity};
use serde::Serialize;

/// `scs scope` subcommands.
#[derive(Debug, Subcommand)]
pub enum ScopeCommand {
    /// Show each version's validity on a date and the testcases of its targets.
    Resolve {
        /// The scope file.
        scope: PathBuf,
        /// The date for the validities (default: today).
        #[arg(short = 'd', long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Validate a scope file and print what is wrong.
    Check {
        /// The scope file.
        scope: PathBuf,
    },
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

#[derive(Serialize)]
struct Resolved<'a> {
    name: &'a str,
    uuid: &'a str,
    url: &'a str,
    versions: Vec<ResolvedVersion<'a>>,
}

#[derive(Serialize)]
struct ResolvedVersion<'a> {
    version: &'a str,
    validity: Option<Validity>,
    stabilized_at: Option<String>,
    targets: IndexMap<String, Vec<TestcaseId>>,
}

fn resolve(scope: &Scope, date: NaiveDate) -> Resolved<'_> {
    Resolved {
        name: scope.name(),
        uuid: scope.uuid(),
        url: scope.url(),
        versions: scope
            .versions()
            .iter()
            .filter_map(|v| scope.resolve(v.version.as_str()))
            .map(|r| ResolvedVersion {
                version: r.version.version.as_str(),
                validity: scope.validity_on(r.version.version.as_str(), date),
                stabilized_at: r.version.stabilized_at.map(|d| d.to_string()),
                targets: r.targets,
            })
            .collect(),
    }
}

/// Runs `scs scope ...`.
pub fn run(cmd: ScopeCommand) -> ExitCode {
    match cmd {
        ScopeCommand::Resolve { scope, date, json } => {
            let scope = match Scope::load(&scope) {
                Ok(scope) => scope,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let resolved = resolve(&scope, date);
            if json {
                match serde_json::to_string_pretty(&resolved) {
                    Ok(text) => println!("{text}"),
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            } else {
                println!("{} ({}) on {date}:", resolved.name, resolved.uuid);
                for v in &resolved.versions {
                    let validity = v.validity.map_or("not listed", |v| v.as_str());
                    match &v.stabilized_at {
                        Some(at) => println!("- {} (stabilized {at}): {validity}", v.version),
                        None => println!("- {}: {validity}", v.version),
                    }
                    for (target, ids) in &v.targets {
                        println!("  - {target}: {} testcases", ids.len());
                    }
                }
            }
            ExitCode::SUCCESS
        }
        ScopeCommand::Check { scope: path } => match Scope::load(&path) {
            Ok(scope) => {
                let testcases: usize = scope.scripts().iter().map(|s| s.testcases.len()).sum();
                println!(
                    "{}: OK ({}: {} scripts, {testcases} testcases, {} modules, {} versions, {} timeline entries)",
                    path.display(),
                    scope.name(),
                    scope.scripts().len(),
                    scope.modules().len(),
                    scope.versions().len(),
                    scope.timeline().len(),
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                println!("{e}");
                ExitCode::FAILURE
            }
        },
    }
}
