//! `scs run`: the nightly run of the reference test runner (`scs-test-runner.py run`): every
//! subject of a `config.toml` preset against its scopes, concurrently, the merged report
//! written, signed and uploaded to the compliance monitor (`scs_testkit::nightly::NightlyRun`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};
use scs_testkit::nightly::{
    NightlyOptions, NightlyRun, Progress, RunConfig, render_table, signature_path,
};

/// Shown after the options.
pub const AFTER_HELP: &str = "\
The config is the reference runner's config.toml: [secrets] keyfile/tokenfile, [presets.NAME]
scopes/subjects/workers, [scopes.NAME] spec (a scope file, an https:// URL or a built-in scope:
iaas, kaas, scs-compatible-iaas, scs-compatible-kaas), [subjects._.mapping] with {subject}
templates and [subjects.NAME.mapping]. A subject's os_cloud names its cloud in clouds.yaml.

The merged report (one YAML document per subject and scope, in the order of the selection) is
written atomically to -o before anything is uploaded, also when subjects failed, and signed
into OUTPUT.sig. A subject that cannot authenticate, times out (--subject-timeout) or crashes
does not stop the others: its testcases ABORT and its report says why.

Exit status: 0 when every subject was checked and the report uploaded (or --no-upload); 1 when
some subject could not be checked; 2 when the upload failed (the report stays on disk: repeat
it with `scs report upload OUTPUT --config CONFIG --signature OUTPUT.sig`); 3 when the run
could not start (config, scope, secrets). A repeated upload (409) is reported, not an error.";

/// Which subjects and scopes (the reference runner's selection options).
#[derive(Debug, Clone, Args)]
pub struct SubjectArgs {
    /// The runner configuration.
    #[arg(long, value_name = "CONFIG.toml", default_value = "config.toml")]
    pub config: PathBuf,
    /// A preset of the config (default: `default`, unless --scope and --subject are given).
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// Scopes to run instead of the preset's (comma-separated or repeated).
    #[arg(long = "scope", value_name = "NAME", value_delimiter = ',')]
    pub scopes: Vec<String>,
    /// Subjects to check instead of the preset's (comma-separated or repeated).
    #[arg(long = "subject", value_name = "NAME", value_delimiter = ',')]
    pub subjects: Vec<String>,
    /// Subjects checked at the same time (default: the preset's `workers`, else 5).
    #[arg(long = "num-workers", value_name = "N")]
    pub workers: Option<usize>,
    /// Give up one subject's check after this many seconds (its testcases ABORT).
    #[arg(
        long = "subject-timeout",
        value_name = "SECONDS",
        default_value_t = 3600
    )]
    pub subject_timeout: u64,
    #[command(flatten)]
    pub live: super::live::LiveArgs,
}

/// Options of `scs run`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RunArgs {
    #[command(subcommand)]
    action: Option<RunAction>,
    #[command(flatten)]
    selection: SubjectArgs,
    /// Only run the testcases of these sections (comma-separated or repeated).
    #[arg(
        long = "section",
        alias = "sections",
        value_name = "NAME",
        value_delimiter = ','
    )]
    sections: Vec<String>,
    /// Where to write the merged report (default: scs-run-YYYYMMDDTHHMMSSZ.yaml here).
    #[arg(short = 'o', long, value_name = "REPORT.yaml")]
    output: Option<PathBuf>,
    /// The compliance monitor to upload to.
    #[arg(long = "monitor-url", value_name = "URL", default_value = scs_testkit::nightly::DEFAULT_MONITOR_URL)]
    monitor_url: String,
    /// Write (and sign, when the config has a key) the report, but do not upload it.
    #[arg(long)]
    no_upload: bool,
}

/// What else `scs run` does over the same subjects.
#[derive(Debug, Subcommand)]
pub enum RunAction {
    /// List (with --apply remove) the leftovers of interrupted probes on every selected
    /// subject's cloud, concurrently: `scs cleanup` over the config's subjects.
    #[command(after_help = CLEANUP_HELP)]
    Cleanup {
        #[command(flatten)]
        selection: SubjectArgs,
        /// Remove what is found (default: only list it).
        #[arg(long)]
        apply: bool,
    },
}

const CLEANUP_HELP: &str = "\
Each subject's os_cloud (its mapping) is connected and searched for resources of the probes
(names starting with scs-0101-probe-, scs-0115-probe-, scs-0116-probe-, scs-0117-probe-) that
belong to the user; --num-workers subjects at a time. Exit status: 0 when every cloud was
searched (and with --apply cleaned), 1 when some could not be, 3 when the run could not start.";

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("CRITICAL: {message}");
    ExitCode::from(3)
}

/// Progress on stderr: a bar with the running subjects on a terminal, plain lines in a pipe.
pub enum Display {
    /// A terminal.
    Bar(indicatif::ProgressBar),
    /// A pipe or a file.
    Lines,
}

impl Display {
    /// The bar when stderr is a terminal, else lines.
    pub fn new(total: usize) -> Self {
        if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(total as u64);
            let style = indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {pos}/{len} done; running: {wide_msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            Display::Bar(bar)
        } else {
            Display::Lines
        }
    }

    /// Says `line` (above the bar on a terminal).
    pub fn say(&self, line: &str) {
        match self {
            Display::Bar(bar) => bar.println(line),
            Display::Lines => eprintln!("{line}"),
        }
    }

    /// Shows which jobs run now (the bar's message) and how many are done.
    pub fn running(&self, running: &[String], done: usize) {
        if let Display::Bar(bar) = self {
            bar.set_message(running.join(", "));
            bar.set_position(done as u64);
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Display::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

impl SubjectArgs {
    /// The config, read.
    pub fn load(&self) -> Result<RunConfig, String> {
        RunConfig::load(&self.config).map_err(|e| e.to_string())
    }
}

/// `scs run cleanup`.
fn cleanup(selection: &SubjectArgs, apply: bool) -> ExitCode {
    let config = match selection.load() {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    let mut options = NightlyOptions::new("-");
    options.preset = selection.preset.clone();
    options.scopes = selection.scopes.clone();
    options.subjects = selection.subjects.clone();
    options.workers = selection.workers;
    options.subject_timeout = Duration::from_secs(selection.subject_timeout.max(1));
    options.upload = false;
    options.live = selection.live.options();
    let night = match NightlyRun::prepare(config, options) {
        Ok(night) => Arc::new(night),
        Err(e) => return fail(e),
    };
    let runtime = match super::live::runtime() {
        Ok(r) => r,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    let subjects = night.selection().subjects.len();
    eprintln!(
        "{} the leftovers of scs probes on {subjects} subject(s), {} at a time",
        if apply {
            "removing"
        } else {
            "listing (dry run)"
        },
        night.selection().workers
    );
    let display = Display::new(subjects);
    let mut done = 0;
    let results = runtime.block_on(night.cleanup(apply, |result| {
        done += 1;
        display.say(&result.to_string());
        display.running(&[], done);
    }));
    display.finish();
    let clean = results.iter().filter(|r| r.is_clean()).count();
    let found: usize = results
        .iter()
        .map(|r| r.found.as_ref().map_or(0, Vec::len))
        .sum();
    println!(
        "{clean} of {subjects} subject(s) searched{}; {found} leftover(s) found{}",
        if apply { " and cleaned" } else { "" },
        if apply || found == 0 {
            ""
        } else {
            "; nothing removed: add --apply to remove them"
        }
    );
    if clean == subjects {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Runs `scs run`.
pub fn run(args: RunArgs) -> ExitCode {
    if let Some(RunAction::Cleanup { selection, apply }) = &args.action {
        return cleanup(selection, *apply);
    }
    let config = match args.selection.load() {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    let output = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "scs-run-{}.yaml",
            chrono::Utc::now().format("%Y%m%dT%H%M%SZ")
        ))
    });
    let mut options = NightlyOptions::new(&output);
    options.preset = args.selection.preset.clone();
    options.scopes = args.selection.scopes.clone();
    options.subjects = args.selection.subjects.clone();
    options.sections = (!args.sections.is_empty()).then(|| args.sections.clone());
    options.workers = args.selection.workers;
    options.subject_timeout = Duration::from_secs(args.selection.subject_timeout.max(1));
    options.monitor_url = args.monitor_url.clone();
    options.upload = !args.no_upload;
    options.live = args.selection.live.options();
    let night = match NightlyRun::prepare(config, options) {
        Ok(night) => Arc::new(night),
        Err(e) => return fail(e),
    };
    let selection = night.selection().clone();
    eprintln!(
        "checking {} subject(s) against {} scope(s), {} at a time",
        selection.subjects.len(),
        selection.scopes.len(),
        selection.workers
    );
    let display = Display::new(selection.subjects.len() * selection.scopes.len());
    let mut running: Vec<String> = Vec::new();
    let mut finished = 0;
    let progress = |event: Progress<'_>| match event {
        Progress::Started { job, .. } => {
            let name = format!("{} ({})", job.subject, job.scope);
            if matches!(display, Display::Lines) {
                display.say(&format!("started {name}"));
            }
            running.push(name);
            display.running(&running, finished);
        }
        Progress::Finished {
            outcome,
            done,
            total,
        } => {
            let name = format!("{} ({})", outcome.job.subject, outcome.job.scope);
            running.retain(|r| *r != name);
            finished = done;
            display.say(&format!(
                "[{done}/{total}] {name}: {} ({:.1} s)",
                outcome.verdict_text(),
                outcome.elapsed.as_secs_f64()
            ));
            display.running(&running, done);
        }
    };
    let result = night.run_blocking(progress);
    display.finish();
    let night_done = match result {
        Ok(done) => done,
        Err(e) => return fail(e),
    };
    print!("{}", render_table(&night_done.outcomes));
    println!("report: {}", night_done.output.display());
    if let Some(signature) = &night_done.signature {
        println!("signature: {}", signature.display());
    }
    match &night_done.uploaded {
        None => println!("not uploaded (--no-upload)"),
        Some(Ok(uploaded)) => println!("upload: {uploaded}"),
        Some(Err(e)) => {
            eprintln!("CRITICAL: upload failed: {e}");
            eprintln!(
                "the report stays in {}; upload it again with `scs report upload {} --config {} --signature {}`",
                night_done.output.display(),
                night_done.output.display(),
                args.selection.config.display(),
                signature_path(&night_done.output).display()
            );
        }
    }
    ExitCode::from(night_done.exit_status())
}
