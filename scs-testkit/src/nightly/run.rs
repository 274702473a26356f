//! Many checks at once: the jobs of a night (every subject against every scope), a bounded
//! number at a time, each one isolated from the others, their reports merged in a stable order.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use scs_scope::Verdict;

/// One check of the night: a subject against a scope (both by their names in the config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The scope's name in `[scopes]`.
    pub scope: String,
    /// The subject.
    pub subject: String,
}

/// How one task of [`pool`] ended.
pub(crate) enum Ended<O> {
    Done(O),
    TimedOut,
    Crashed(String),
}

/// What [`pool`] tells of task `index`: it started (`None`), or it ended, after how long.
pub(crate) type Event<O> = (usize, Option<(Ended<O>, Duration)>);

/// Runs `work` on every item, at most `workers` at a time, each within `timeout`, and tells
/// `event` of every start and end; returns when all have ended. The work of one item runs as a
/// task of its own, so that a panic in it is caught (`Crashed`) and a timeout drops it (its
/// requests are cancelled). Shared by [`run_jobs`] and `NightlyRun::cleanup`.
pub(crate) async fn pool<I, O, W, F>(
    items: Vec<I>,
    workers: usize,
    timeout: Duration,
    work: W,
    mut event: impl FnMut(Event<O>),
) where
    W: Fn(I) -> F,
    F: Future<Output = O> + Send + 'static,
    O: Send + 'static,
{
    let permits = Arc::new(tokio::sync::Semaphore::new(workers.max(1)));
    // Each task tells its start and its end on one channel, the end while it still holds its
    // permit: so the next item's start always comes after the end that made room for it.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut tasks = tokio::task::JoinSet::new();
    for (index, item) in items.into_iter().enumerate() {
        let permits = Arc::clone(&permits);
        let tx = tx.clone();
        let future = work(item);
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let _ = tx.send((index, None));
            let started = Instant::now();
            let mut inner = tokio::spawn(future);
            let ended = match tokio::time::timeout(timeout, &mut inner).await {
                Ok(Ok(outcome)) => Ended::Done(outcome),
                Ok(Err(e)) => Ended::Crashed(e.to_string()),
                Err(_) => {
                    inner.abort();
                    Ended::TimedOut
                }
            };
            let _ = tx.send((index, Some((ended, started.elapsed()))));
        });
    }
    drop(tx);
    while let Some(told) = rx.recv().await {
        event(told);
    }
    // Every task has sent its end; the set only kept them from outliving this call.
    tasks.shutdown().await;
}

/// The jobs of a selection, in the reference runner's order: per scope, every subject.
///
/// ```
/// use scs_testkit::nightly::jobs;
/// let jobs = jobs(&["iaas".into()], &["a".into(), "b".into()]);
/// assert_eq!(jobs.iter().map(|j| j.subject.as_str()).collect::<Vec<_>>(), ["a", "b"]);
/// ```
pub fn jobs(scopes: &[String], subjects: &[String]) -> Vec<Job> {
    scopes
        .iter()
        .flat_map(|scope| {
            subjects.iter().map(move |subject| Job {
                scope: scope.clone(),
                subject: subject.clone(),
            })
        })
        .collect()
}

/// What one job produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobOutcome {
    /// The job.
    pub job: Job,
    /// The subject's YAML report (one document); `None` only when no report could be made at
    /// all (the scope could not be loaded).
    pub report: Option<String>,
    /// The main target's verdict per version tested, as `scs check` prints them.
    pub verdicts: Vec<(String, Verdict)>,
    /// What went wrong besides failed testcases (could not connect, timed out, ...).
    pub problem: Option<String>,
    /// How long it took.
    pub elapsed: Duration,
}

impl JobOutcome {
    /// The verdicts as one short text: `v5.1 FAIL, v5 PASS` (or the problem).
    ///
    /// ```
    /// use scs_testkit::nightly::{Job, JobOutcome};
    /// let outcome = JobOutcome {
    ///     job: Job { scope: "iaas".into(), subject: "a".into() },
    ///     report: None,
    ///     verdicts: vec![("v5.1".into(), scs_scope::Verdict::Fail)],
    ///     problem: None,
    ///     elapsed: std::time::Duration::ZERO,
    /// };
    /// assert_eq!(outcome.verdict_text(), "v5.1 FAIL");
    /// ```
    pub fn verdict_text(&self) -> String {
        let verdicts: Vec<String> = self
            .verdicts
            .iter()
            .map(|(version, verdict)| format!("{version} {verdict}"))
            .collect();
        match (&self.problem, verdicts.is_empty()) {
            (Some(problem), true) => format!("no verdict: {problem}"),
            (Some(problem), false) => format!("{} ({problem})", verdicts.join(", ")),
            (None, true) => "no version tested".into(),
            (None, false) => verdicts.join(", "),
        }
    }
}

/// What the runner tells while it works (for progress displays).
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// A job started; `running` are running now (this one included).
    Started {
        /// The job.
        job: &'a Job,
        /// How many run now.
        running: usize,
    },
    /// A job ended; `done` of `total` have ended.
    Finished {
        /// What it produced.
        outcome: &'a JobOutcome,
        /// How many have ended.
        done: usize,
        /// How many there are.
        total: usize,
    },
}

/// Runs `check` for every job, at most `workers` at a time, and returns the outcomes in the
/// order of `jobs` (whatever order they finish in). A job that takes longer than `timeout` or
/// panics is given up: `given_up` makes its outcome from the job and what happened
/// (`timed out after N s`, `the check crashed: ...`). `progress` hears of every start and end.
///
/// One job's failure never stops another: `check` returns an outcome, not an error, and a
/// job that panics is reported as a problem of its own.
///
/// ```
/// use std::time::Duration;
/// use scs_testkit::nightly::{Job, JobOutcome, jobs, run_jobs};
/// let outcome = |job: Job, problem: Option<String>| JobOutcome {
///     job, report: None, verdicts: vec![], problem, elapsed: Duration::ZERO,
/// };
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let done = run_jobs(
///     jobs(&["s".into()], &["slow".into(), "fast".into()]),
///     2,
///     Duration::from_millis(50),
///     |job| async move {
///         if job.subject == "slow" { tokio::time::sleep(Duration::from_secs(5)).await; }
///         outcome(job, None)
///     },
///     |job, problem| outcome(job, Some(problem)),
///     |_| {},
/// ).await;
/// assert_eq!(done[0].problem.as_deref(), Some("timed out after 0.05 s"));
/// assert_eq!(done[1].problem, None);
/// # });
/// ```
pub async fn run_jobs<C, F, T>(
    jobs: Vec<Job>,
    workers: usize,
    timeout: Duration,
    check: C,
    given_up: T,
    mut progress: impl FnMut(Progress<'_>),
) -> Vec<JobOutcome>
where
    C: Fn(Job) -> F,
    F: Future<Output = JobOutcome> + Send + 'static,
    T: Fn(Job, String) -> JobOutcome,
{
    let total = jobs.len();
    let mut outcomes: Vec<Option<JobOutcome>> = vec![None; total];
    let mut running = 0usize;
    let mut done = 0usize;
    pool(jobs.clone(), workers, timeout, check, |(index, event)| {
        let Some((ended, elapsed)) = event else {
            running += 1;
            progress(Progress::Started {
                job: &jobs[index],
                running,
            });
            return;
        };
        let outcome = match ended {
            Ended::Done(outcome) => outcome,
            Ended::TimedOut => JobOutcome {
                elapsed,
                ..given_up(
                    jobs[index].clone(),
                    format!("timed out after {} s", timeout.as_secs_f64()),
                )
            },
            Ended::Crashed(e) => JobOutcome {
                elapsed,
                ..given_up(jobs[index].clone(), format!("the check crashed: {e}"))
            },
        };
        running -= 1;
        done += 1;
        progress(Progress::Finished {
            outcome: &outcome,
            done,
            total,
        });
        outcomes[index] = Some(outcome);
    })
    .await;
    outcomes.into_iter().flatten().collect()
}

/// The merged report: each job's report as one YAML document, in job order, as the monitor
/// takes them in one upload. Jobs without a report are left out (their problem is in the
/// summary).
///
/// ```
/// use std::time::Duration;
/// use scs_testkit::nightly::{Job, JobOutcome, merge_reports};
/// let job = |s: &str, r: Option<&str>| JobOutcome {
///     job: Job { scope: "iaas".into(), subject: s.into() },
///     report: r.map(str::to_owned), verdicts: vec![], problem: None, elapsed: Duration::ZERO,
/// };
/// let merged = merge_reports(&[job("a", Some("subject: a\n")), job("b", None), job("c", Some("---\nsubject: c"))]);
/// assert_eq!(merged, "---\nsubject: a\n---\nsubject: c\n");
/// ```
pub fn merge_reports(outcomes: &[JobOutcome]) -> String {
    let mut merged = String::new();
    for report in outcomes.iter().filter_map(|o| o.report.as_deref()) {
        let body = report.strip_prefix("---\n").unwrap_or(report);
        merged.push_str("---\n");
        merged.push_str(body);
        if !merged.ends_with('\n') {
            merged.push('\n');
        }
    }
    merged
}

/// The summary table printed at the end of a run: subject, scope, verdicts per version.
///
/// ```
/// use std::time::Duration;
/// use scs_testkit::nightly::{Job, JobOutcome, render_table};
/// let outcome = JobOutcome {
///     job: Job { scope: "scs-compatible-iaas".into(), subject: "cloud-a".into() },
///     report: None, verdicts: vec![("v5.1".into(), scs_scope::Verdict::Pass)],
///     problem: None, elapsed: Duration::from_millis(1500),
/// };
/// let table = render_table(&[outcome]);
/// assert!(table.lines().nth(1).unwrap().starts_with("cloud-a  scs-compatible-iaas  v5.1 PASS"));
/// ```
pub fn render_table(outcomes: &[JobOutcome]) -> String {
    let width = |f: &dyn Fn(&JobOutcome) -> usize, header: &str| {
        outcomes.iter().map(f).max().unwrap_or(0).max(header.len())
    };
    let subject_w = width(&|o| o.job.subject.chars().count(), "SUBJECT");
    let scope_w = width(&|o| o.job.scope.chars().count(), "SCOPE");
    let mut table = format!("{:subject_w$}  {:scope_w$}  VERDICTS\n", "SUBJECT", "SCOPE");
    for outcome in outcomes {
        table.push_str(&format!(
            "{:subject_w$}  {:scope_w$}  {}  ({:.1} s)\n",
            outcome.job.subject,
            outcome.job.scope,
            outcome.verdict_text(),
            outcome.elapsed.as_secs_f64()
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn outcome(job: Job, problem: Option<&str>) -> JobOutcome {
        JobOutcome {
            report: Some(format!("subject: {}\n", job.subject)),
            job,
            verdicts: Vec::new(),
            problem: problem.map(str::to_owned),
            elapsed: Duration::ZERO,
        }
    }

    #[tokio::test]
    async fn at_most_workers_run_and_outcomes_keep_the_job_order() {
        let subjects: Vec<String> = (0..12).map(|i| format!("s{i}")).collect();
        let now = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let mut events = Vec::new();
        let done = run_jobs(
            jobs(&["iaas".into()], &subjects),
            3,
            Duration::from_secs(10),
            |job| {
                let (now, peak) = (Arc::clone(&now), Arc::clone(&peak));
                async move {
                    let running = now.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(running, Ordering::SeqCst);
                    // Later jobs finish first: the outcome order must not follow.
                    let n: u64 = job.subject[1..].parse().unwrap();
                    tokio::time::sleep(Duration::from_millis(5 * (12 - n))).await;
                    now.fetch_sub(1, Ordering::SeqCst);
                    outcome(job, None)
                }
            },
            |job, problem| outcome(job, Some(&problem)),
            |p| {
                events.push(match p {
                    Progress::Started { running, .. } => running,
                    Progress::Finished { .. } => 0,
                })
            },
        )
        .await;
        assert_eq!(peak.load(Ordering::SeqCst), 3);
        let order: Vec<&str> = done.iter().map(|o| o.job.subject.as_str()).collect();
        assert_eq!(
            order,
            subjects.iter().map(String::as_str).collect::<Vec<_>>()
        );
        assert_eq!(events.iter().filter(|r| **r > 0).count(), 12);
        assert!(events.iter().all(|r| *r <= 3));
    }

    #[tokio::test]
    async fn a_hanging_or_crashing_job_does_not_stop_the_others() {
        let done = run_jobs(
            jobs(
                &["iaas".into()],
                &["hangs".into(), "crashes".into(), "ok".into()],
            ),
            2,
            Duration::from_millis(200),
            |job| async move {
                match job.subject.as_str() {
                    "hangs" => tokio::time::sleep(Duration::from_secs(3600)).await,
                    "crashes" => panic!("boom"),
                    _ => {}
                }
                outcome(job, None)
            },
            |job, problem| outcome(job, Some(&problem)),
            |_| {},
        )
        .await;
        assert_eq!(done.len(), 3);
        assert_eq!(done[0].problem.as_deref(), Some("timed out after 0.2 s"));
        assert!(done[0].elapsed >= Duration::from_millis(200));
        let crashed = done[1].problem.as_deref().unwrap();
        assert!(crashed.starts_with("the check crashed"), "{crashed}");
        assert_eq!(done[1].job.subject, "crashes");
        assert_eq!(done[2].problem, None);
        assert_eq!(
            merge_reports(&done),
            "---\nsubject: hangs\n---\nsubject: crashes\n---\nsubject: ok\n"
        );
    }
}
