//! `scs standards ...`: list and check a folder of SCS standard documents (scs-0001).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use scs_standards::{Catalog, Severity};

#[derive(Debug, Subcommand)]
pub enum StandardsCommand {
    /// List the documents of a Standards folder: reference, type, status, track, title.
    List {
        /// Folder with the `scs-*.md` documents.
        dir: PathBuf,
        /// Print the typed documents as a JSON array instead.
        #[arg(long)]
        json: bool,
    },
    /// Check every document against the rules of scs-0001; one line per finding.
    ///
    /// Lines start with `ERROR:` or `WARNING:` and name the file (and line and field where
    /// known). Exit status 0 when there is no error, 1 otherwise.
    Check {
        /// Folder with the `scs-*.md` documents.
        dir: PathBuf,
    },
}

pub fn run(cmd: StandardsCommand) -> ExitCode {
    let dir = match &cmd {
        StandardsCommand::List { dir, .. } | StandardsCommand::Check { dir } => dir,
    };
    let catalog = match Catalog::load_dir(dir) {
        Ok(catalog) => catalog,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match cmd {
        StandardsCommand::List { json, .. } => list(&catalog, json),
        StandardsCommand::Check { .. } => return check(&catalog),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn list(catalog: &Catalog, json: bool) -> io::Result<()> {
    let mut out = io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &catalog.documents)?;
        return writeln!(out);
    }
    let or_dash = |s: Option<String>| s.unwrap_or_else(|| "-".into());
    for doc in &catalog.documents {
        writeln!(
            out,
            "{:<12} {:<15} {:<10} {:<6} {}",
            doc.reference().to_string(),
            or_dash(doc.doc_type.map(|t| t.to_string())),
            or_dash(doc.status.map(|s| s.to_string())),
            or_dash(doc.track.map(|t| t.to_string())),
            doc.title.as_deref().unwrap_or("-"),
        )?;
    }
    Ok(())
}

fn check(catalog: &Catalog) -> ExitCode {
    let problems = catalog.check();
    let mut out = io::stdout().lock();
    let (mut errors, mut warnings) = (0, 0);
    for p in &problems {
        match p.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Info => continue,
        }
        if writeln!(out, "{p}").is_err() {
            break;
        }
    }
    eprintln!(
        "{} documents: {errors} errors, {warnings} warnings",
        catalog.documents.len()
    );
    if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
