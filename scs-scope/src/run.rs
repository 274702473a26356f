//! Running scripts: one [`ScriptCall`] is one execution of one script for some testcases, and
//! yields one [`Invocation`] (the record the report keeps).
//!
//! The calls and records are always here (a check plans calls and reports invocations); the
//! process runner itself (`ScriptCall::run`, `run_all`) is behind the feature `runner`.
//!
//! Runs follow the reference checker: no shell; the executable is taken relative to the scope
//! file's folder, which is also the working directory; `.py` executables are started with a
//! Python interpreter; `args` is split like Python's `shlex.split`; the script's `env` is added
//! to the checker's environment. Unlike the reference, a script that cannot be started, that
//! hangs past the timeout, or that is killed by a signal yields ABORT for every testcase it did
//! not report, plus a `CRITICAL:` line on its stderr, and never stops the checker; so does a
//! script that prints more than [`MAX_OUTPUT_BYTES`] to a stream.
//!
//! Stricter than the reference (SECURITY.md says why): an executable outside the scope file's
//! folder (absolute, or through `..`) is refused like a remote one, and variable values are
//! substituted as literal arguments ([`crate::args::substitute_literal`]).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;
#[cfg(feature = "runner")]
use std::{
    io::Read,
    process::{Child, Command, ExitStatus, Stdio},
    sync::atomic::{AtomicBool, AtomicUsize, Ordering},
    sync::mpsc,
    sync::{Arc, Mutex},
    thread,
    time::Instant,
};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

#[cfg(feature = "runner")]
use crate::args::split;
use crate::args::{CommandLine, split_lines};
use crate::evaluate::{Results, Status, parse_result_line};
use crate::ids::TestcaseId;

/// Output kept of each stream (stdout, stderr) of one script run. A script that prints more is
/// cut off there and killed: its results so far count, its other testcases ABORT, and a
/// `CRITICAL:` line says so. Real check scripts print kilobytes; this bounds the memory a
/// runaway script can cost (and the size of the report).
pub const MAX_OUTPUT_BYTES: usize = 16 << 20;

/// How scripts are run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOptions {
    /// A script still running after this long is killed; its unreported testcases ABORT.
    pub timeout: Duration,
    /// Interpreter for executables ending in `.py` (the reference uses its own interpreter);
    /// `None` runs them directly.
    pub python: Option<OsString>,
}

impl Default for RunOptions {
    /// Four hours (a full Kubernetes conformance run takes about two), `python3` from `PATH`.
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(4 * 3600),
            python: Some("python3".into()),
        }
    }
}

/// One execution of a script, fully prepared: placeholders substituted, testcases chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptCall {
    /// Index of the script in [`crate::Scope::scripts`].
    pub script: usize,
    /// The executable as written in the scope.
    pub executable: String,
    /// The substituted `args`, not yet split.
    pub args: String,
    /// The substituted `env` entries.
    pub env: Vec<(String, String)>,
    /// The testcases the script is asked for (sorted); results for other ids are ignored.
    pub testcases: Vec<TestcaseId>,
    /// The working directory, and the base of a relative executable: the scope file's folder.
    pub working_dir: PathBuf,
}

/// The record of one script execution, as it appears in the report under `run.invocations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invocation {
    /// Random UUID, also the key in the report.
    pub id: String,
    /// `ENV=value executable args`, as the reference writes it.
    pub cmd: String,
    /// Results of the testcases the script was asked for, in the order reported.
    pub results: Results,
    /// Exit status; negative: killed by that signal; 127: could not be started.
    pub rc: i32,
    /// Standard output, split into lines.
    pub stdout: Vec<String>,
    /// Standard error, split into lines.
    pub stderr: Vec<String>,
    /// Number of stderr and stdout lines starting with `info` (any case).
    pub info: usize,
    /// Number of lines starting with `warning`.
    pub warning: usize,
    /// Number of lines starting with `error`.
    pub error: usize,
    /// Number of lines starting with `critical`.
    pub critical: usize,
    /// Ids the script reported on without being asked; ignored (not part of the report).
    #[serde(skip)]
    pub ignored_ids: Vec<TestcaseId>,
}

impl Invocation {
    /// The record of an execution that printed `stdout` and `stderr` and ended with `rc`: a
    /// fresh UUID, and the `info`/`warning`/`error`/`critical` line counts the report carries
    /// (lines of either stream starting with the word, in any case, as the reference counts).
    ///
    /// ```
    /// use scs_scope::{Invocation, Results};
    ///
    /// let lines = |s: &[&str]| s.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    /// let inv = Invocation::new("./check", Results::default(), 0,
    ///     lines(&["x: PASS"]), lines(&["WARNING: slow", "warning: again", "ERROR: no"]));
    /// assert_eq!((inv.info, inv.warning, inv.error, inv.critical), (0, 2, 1, 0));
    /// ```
    pub fn new(
        cmd: impl Into<String>,
        results: Results,
        rc: i32,
        stdout: Vec<String>,
        stderr: Vec<String>,
    ) -> Self {
        let count = |signal: &str| {
            stderr
                .iter()
                .chain(&stdout)
                .filter(|line| {
                    line.get(..signal.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(signal))
                })
                .count()
        };
        Invocation {
            id: uuid::Uuid::new_v4().to_string(),
            cmd: cmd.into(),
            info: count("info"),
            warning: count("warning"),
            error: count("error"),
            critical: count("critical"),
            results,
            rc,
            stdout,
            stderr,
            ignored_ids: Vec::new(),
        }
    }

    /// Number of failed testcases among the results.
    pub fn failed(&self) -> usize {
        self.results
            .values()
            .filter(|o| **o == Status::Fail)
            .count()
    }
}

#[cfg(feature = "runner")]
/// How a started script ended.
enum Ending {
    Exited(ExitStatus),
    TimedOut,
    /// A stream went past [`MAX_OUTPUT_BYTES`] and the script was killed.
    CutOff,
}

impl ScriptCall {
    /// The command line as the report shows it.
    ///
    /// ```
    /// let call = scs_scope::ScriptCall {
    ///     script: 0,
    ///     executable: "./iaas/openstack_test.py".into(),
    ///     args: "-c demo scs-0100-syntax-check".into(),
    ///     env: vec![("OS_CLOUD".into(), "demo".into())],
    ///     testcases: vec!["scs-0100-syntax-check".into()],
    ///     working_dir: ".".into(),
    /// };
    /// assert_eq!(call.cmd(), "OS_CLOUD=demo ./iaas/openstack_test.py -c demo scs-0100-syntax-check");
    /// ```
    pub fn cmd(&self) -> String {
        CommandLine {
            env: &self.env,
            executable: &self.executable,
            args: &self.args,
        }
        .to_string()
    }

    #[cfg(feature = "runner")]
    /// Runs the script to completion (or timeout) and records what happened. Never panics on
    /// the script's account and never returns an error: failures become ABORT results and a
    /// `CRITICAL:` line.
    pub fn run(&self, options: &RunOptions) -> Invocation {
        match self.start(options) {
            Ok(child) => self.finish(child, options),
            Err(message) => self.record(127, String::new(), String::new(), Some(message)),
        }
    }

    /// The record of a call that cannot run at all (for example because the scope has no
    /// folder with scripts: a built-in or fetched scope): exit status 127, one `CRITICAL:` line
    /// with `reason`, every testcase ABORT. The same record as a script that cannot start.
    ///
    /// ```
    /// let call = scs_scope::ScriptCall {
    ///     script: 0,
    ///     executable: "./iaas/openstack_test.py".into(),
    ///     args: String::new(),
    ///     env: vec![],
    ///     testcases: vec!["scs-0999-x".into()],
    ///     working_dir: ".".into(),
    /// };
    /// let inv = call.not_run("no script beside a built-in scope");
    /// assert_eq!(inv.results["scs-0999-x"], scs_scope::Status::Abort);
    /// assert_eq!((inv.rc, inv.critical), (127, 1));
    /// assert_eq!(inv.stderr, ["CRITICAL: no script beside a built-in scope"]);
    /// ```
    pub fn not_run(&self, reason: impl Into<String>) -> Invocation {
        self.record(127, String::new(), String::new(), Some(reason.into()))
    }

    #[cfg(feature = "runner")]
    fn program(&self) -> Result<PathBuf, String> {
        let exe = self.executable.as_str();
        if exe.starts_with("http://") || exe.starts_with("https://") {
            return Err(format!("remote check_tool {exe} not yet supported"));
        }
        let exe = exe.strip_prefix("file://").unwrap_or(exe);
        // Stricter than the reference, which also runs absolute paths: a scope (perhaps fetched
        // from the web) runs only programs inside its own folder, which the operator vets.
        let relative = Path::new(exe);
        if !relative.is_relative()
            || relative
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            return Err(format!(
                "executable {exe} is outside the scope's folder (an absolute path or `..`); \
                 only programs inside it are run"
            ));
        }
        let dir = if self.working_dir.is_absolute() {
            self.working_dir.clone()
        } else {
            std::env::current_dir()
                .map_err(|e| format!("cannot determine working directory: {e}"))?
                .join(&self.working_dir)
        };
        Ok(dir.join(exe))
    }

    #[cfg(feature = "runner")]
    fn start(&self, options: &RunOptions) -> Result<Child, String> {
        let program = self.program()?;
        let args =
            split(&self.args).map_err(|e| format!("cannot split args {:?}: {e}", self.args))?;
        let mut command = match &options.python {
            Some(python) if program.extension().is_some_and(|e| e == "py") => {
                let mut c = Command::new(python);
                c.arg(&program);
                c
            }
            _ => Command::new(&program),
        };
        command
            .args(&args)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.working_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            // Own process group, so that a timeout kills the script's children too.
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        // "Text file busy" (ETXTBSY) is passing: another thread of this process forked while
        // the script was open for writing (a script written just before the run), and the
        // forked child holds that descriptor until it execs. Try again briefly.
        let mut tries = 0;
        loop {
            match command.spawn() {
                Err(e) if e.raw_os_error() == Some(libc::ETXTBSY) && tries < 20 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(10 * tries));
                }
                other => {
                    return other.map_err(|e| format!("cannot start {}: {e}", program.display()));
                }
            }
        }
    }

    #[cfg(feature = "runner")]
    fn finish(&self, mut child: Child, options: &RunOptions) -> Invocation {
        // The child leads its own process group (see `start`); Ctrl-C must still reach it.
        let _registration = i32::try_from(child.id()).ok().map(crate::signals::register);
        let stdout = collect(child.stdout.take(), MAX_OUTPUT_BYTES);
        let stderr = collect(child.stderr.take(), MAX_OUTPUT_BYTES);
        let deadline = Instant::now() + options.timeout;
        let mut pause = Duration::from_millis(5);
        let ending = loop {
            match child.try_wait() {
                // A script whose output was cut off may have died of the closed pipe already.
                Ok(_) if stdout.overflowed() || stderr.overflowed() => {
                    kill(&mut child);
                    break Ok(Ending::CutOff);
                }
                Ok(Some(status)) => break Ok(Ending::Exited(status)),
                Ok(None) if Instant::now() >= deadline => {
                    kill(&mut child);
                    break Ok(Ending::TimedOut);
                }
                Ok(None) => {
                    thread::sleep(pause.min(deadline.saturating_duration_since(Instant::now())));
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                Err(e) => {
                    kill(&mut child);
                    break Err(e);
                }
            }
        };
        // Descendants may keep the pipes open; do not wait for them forever.
        let grace = Duration::from_secs(2);
        let cut_off: Vec<&str> = [("stdout", &stdout), ("stderr", &stderr)]
            .into_iter()
            .filter(|(_, collector)| collector.overflowed())
            .map(|(name, _)| name)
            .collect();
        let stdout = stdout.take(grace);
        let stderr = stderr.take(grace);
        match ending {
            Ok(Ending::Exited(status)) => {
                let (rc, critical) = describe(status, &self.executable);
                self.record(rc, stdout, stderr, critical)
            }
            Ok(Ending::TimedOut) => {
                let message = format!(
                    "{} did not finish within {} s and was killed",
                    self.executable,
                    options.timeout.as_secs_f64()
                );
                self.record(-9, stdout, stderr, Some(message))
            }
            Ok(Ending::CutOff) => {
                let message = format!(
                    "{} printed more than {MAX_OUTPUT_BYTES} bytes to {}: its output was cut off \
                     there and it was killed",
                    self.executable,
                    cut_off.join(" and "),
                );
                self.record(-9, stdout, stderr, Some(message))
            }
            Err(e) => self.record(
                -9,
                stdout,
                stderr,
                Some(format!("cannot wait for {}: {e}", self.executable)),
            ),
        }
    }

    /// Builds the invocation; `critical` (if any) is appended to stderr as a `CRITICAL:` line and
    /// turns every testcase without a result into ABORT.
    fn record(
        &self,
        rc: i32,
        stdout: String,
        stderr: String,
        critical: Option<String>,
    ) -> Invocation {
        let stdout = split_lines(&stdout);
        let mut stderr = split_lines(&stderr);
        if let Some(message) = &critical {
            stderr.push(format!("CRITICAL: {message}"));
        }
        let mut results = IndexMap::new();
        let mut ignored_ids = Vec::new();
        for (id, outcome) in stdout.iter().filter_map(|line| parse_result_line(line)) {
            if self.testcases.contains(&id) {
                results.insert(id, outcome);
            } else {
                ignored_ids.push(id);
            }
        }
        if critical.is_some() {
            for id in &self.testcases {
                results.entry(id.clone()).or_insert(Status::Abort);
            }
        }
        Invocation {
            ignored_ids,
            ..Invocation::new(self.cmd(), results, rc, stdout, stderr)
        }
    }
}

#[cfg(feature = "runner")]
/// Exit code (negative signal number when killed) and, for a crash, the critical message.
fn describe(status: ExitStatus, executable: &str) -> (i32, Option<String>) {
    if let Some(code) = status.code() {
        return (code, None);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return (
                -signal,
                Some(format!("{executable} was killed by signal {signal}")),
            );
        }
    }
    (-1, Some(format!("{executable} ended without an exit code")))
}

#[cfg(feature = "runner")]
fn kill(child: &mut Child) {
    #[cfg(unix)]
    {
        if let Ok(pid) = i32::try_from(child.id()) {
            // SAFETY: kill(2) with a negative pid signals the process group we created for the
            // child (process_group(0) makes its pid the group id); it touches no memory.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(feature = "runner")]
/// Output of a pipe, read on its own thread so that a full pipe never blocks the script, up to
/// a limit: past it, reading stops (the pipe closes) and `overflowed` tells the waiting loop.
struct Collector {
    buffer: Arc<Mutex<Vec<u8>>>,
    done: mpsc::Receiver<()>,
    overflow: Arc<AtomicBool>,
}

#[cfg(feature = "runner")]
fn collect(pipe: Option<impl Read + Send + 'static>, limit: usize) -> Collector {
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let overflow = Arc::new(AtomicBool::new(false));
    let (tx, done) = mpsc::channel();
    if let Some(mut pipe) = pipe {
        let buffer = Arc::clone(&buffer);
        let overflow = Arc::clone(&overflow);
        thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n) = pipe.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let Ok(mut b) = buffer.lock() else { break };
                let room = limit - b.len();
                b.extend_from_slice(&chunk[..n.min(room)]);
                if n > room {
                    overflow.store(true, Ordering::SeqCst);
                    break;
                }
            }
            let _ = tx.send(());
        });
    }
    Collector {
        buffer,
        done,
        overflow,
    }
}

#[cfg(feature = "runner")]
impl Collector {
    /// Whether the pipe carried more than the limit.
    fn overflowed(&self) -> bool {
        self.overflow.load(Ordering::SeqCst)
    }

    /// What was read so far, after waiting up to `grace` for the end of the pipe.
    fn take(self, grace: Duration) -> String {
        let _ = self.done.recv_timeout(grace);
        let bytes = self.buffer.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

#[cfg(feature = "runner")]
/// Runs `calls` with up to `jobs` at a time (at least one) and returns their invocations in the
/// order of `calls`.
///
/// ```no_run
/// use scs_scope::{RunOptions, ScriptCall, run_all};
/// let calls: Vec<ScriptCall> = Vec::new(); // from `Check::plan`
/// for invocation in run_all(&calls, &RunOptions::default(), 4) {
///     println!("{} -> rc {}", invocation.cmd, invocation.rc);
/// }
/// ```
pub fn run_all(calls: &[ScriptCall], options: &RunOptions, jobs: usize) -> Vec<Invocation> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Invocation>>> = calls.iter().map(|_| Mutex::new(None)).collect();
    thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, calls.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(call) = calls.get(i) else { break };
                    let invocation = call.run(options);
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(invocation);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .zip(calls)
        .map(|(slot, call)| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                call.record(
                    127,
                    String::new(),
                    String::new(),
                    Some("the runner thread failed".into()),
                )
            })
        })
        .collect()
}

/// The folder a scope file's scripts run in: the file's folder (`.` for a bare file name).
///
/// ```
/// use std::path::Path;
/// use scs_scope::working_dir_of;
/// assert_eq!(working_dir_of(Path::new("Tests/scs-compatible-iaas.yaml")), Path::new("Tests"));
/// assert_eq!(working_dir_of(Path::new("scope.yaml")), Path::new("."));
/// ```
pub fn working_dir_of(scope_file: &Path) -> PathBuf {
    match scope_file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    }
}
