//! `scs scope ...`: inspect and validate certificate scopes (scs-0003).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Subcommand;
use indexmap::IndexMap;
use scs_scope::{BuiltinScope, ChosenScope, Scope, ScopeCache, ScopeSpec, TestcaseId, Validity};
use serde::Serialize;

/// `scs scope` subcommands.
#[derive(Debug, Subcommand)]
pub enum ScopeCommand {
    /// Show each version's validity on a date and the testcases of its targets.
    Resolve {
        /// The scope: `iaas`, `kaas` (built in, or a newer fetched copy), a file or an https:// URL.
        scope: String,
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
    /// Download the newest version of a scope from its own `url` into the user's cache, where
    /// `scs check` then prefers it to the built-in scope.
    #[command(after_help = FETCH_HELP)]
    Fetch {
        /// `iaas` (default), `kaas`, or an https:// URL of a scope file with the uuid of one of them.
        #[arg(value_name = "iaas|kaas|URL", default_value = "iaas")]
        what: String,
        /// Give up after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        timeout: u64,
    },
}

/// Shown after the options of `scs scope fetch`.
const FETCH_HELP: &str = "\
The file must load as a scope and carry the uuid of the scope asked for; only https is used
(TLS verified), plain http only on loopback, at most 5 redirects and 4 MiB. It is stored
atomically as <cache>/scs/scopes/iaas.yaml (or kaas.yaml; <cache> is $XDG_CACHE_HOME or
~/.cache) with the URL beside it in iaas.source. `scs check` uses a cached copy instead of
the built-in scope when it was fetched after the day the built-in facts were taken (see
`scs --version`), and says so.";

/// The scope named on the command line (default: the built-in IaaS scope, or its newer cached
/// copy), with where it came from.
pub fn choose(arg: Option<&str>) -> Result<ChosenScope, String> {
    let spec = match arg {
        Some(text) => text
            .parse::<ScopeSpec>()
            .unwrap_or_else(|never| match never {}),
        None => ScopeSpec::Builtin(BuiltinScope::Iaas),
    };
    match &spec {
        #[cfg(feature = "fetch")]
        ScopeSpec::Url(url) => {
            scs_scope::fetch::fetch_for_check(url, &scs_scope::fetch::FetchOptions::default())
                .map_err(|e| e.to_string())
        }
        _ => spec
            .load_local(ScopeCache::user().as_ref())
            .map_err(|e| e.to_string()),
    }
}

/// Prints which scope a run uses (and why another was passed over) on stderr.
pub fn announce(chosen: &ChosenScope) {
    if let Some(note) = &chosen.note {
        eprintln!("note: {note}");
    }
    eprintln!("{}", chosen.describe());
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
        ScopeCommand::Fetch { what, timeout } => fetch(&what, timeout),
        ScopeCommand::Resolve { scope, date, json } => {
            let scope = match choose(Some(&scope)) {
                Ok(chosen) => {
                    announce(&chosen);
                    chosen.scope
                }
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

/// `scs scope fetch`.
#[cfg(feature = "fetch")]
fn fetch(what: &str, timeout: u64) -> ExitCode {
    use scs_scope::fetch::{FetchOptions, fetch_into_cache};
    let Some(cache) = ScopeCache::user() else {
        eprintln!("error: no cache directory (neither $XDG_CACHE_HOME nor a home directory)");
        return ExitCode::FAILURE;
    };
    let (url, expected) = match what.parse::<ScopeSpec>() {
        Ok(ScopeSpec::Builtin(b)) => (b.url().to_owned(), Some(b)),
        Ok(ScopeSpec::Url(url)) => (url, None),
        _ => {
            eprintln!("error: expected iaas, kaas or an https:// URL, got {what:?}");
            return ExitCode::FAILURE;
        }
    };
    let options = FetchOptions {
        timeout: std::time::Duration::from_secs(timeout.max(1)),
        ..FetchOptions::default()
    };
    match fetch_into_cache(&cache, &url, expected, &options) {
        Ok(chosen) => {
            let latest = chosen
                .scope
                .timeline()
                .iter()
                .map(|e| e.date)
                .max()
                .map_or_else(|| "none".to_owned(), |d| d.to_string());
            println!(
                "{} ({} versions, latest timeline entry {latest})",
                chosen.describe(),
                chosen.scope.versions().len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}; nothing stored");
            ExitCode::FAILURE
        }
    }
}

/// Built without the feature `fetch`.
#[cfg(not(feature = "fetch"))]
fn fetch(_what: &str, _timeout: u64) -> ExitCode {
    eprintln!(
        "error: this scs was built without the feature `fetch` (on by default); it cannot download scopes"
    );
    ExitCode::FAILURE
}
