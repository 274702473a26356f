//! The nightly run as one library call: [`NightlyRun`] checks every selected subject against
//! every selected scope ([`ScopeCheck`] per job, a bounded number at a time, each with a
//! timeout), writes the merged report atomically, signs it and uploads it.
//!
//! The order of the steps is the point: the merged report is on disk (and its signature beside
//! it) before anything is sent, whatever happened to single subjects, so that a refused or
//! failed upload can be repeated (`scs report upload`) and nothing of the night is lost.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use indexmap::IndexMap;
use scs_scope::signing::{ReportSigner, SignError, signed_body};
use scs_scope::{BuiltinScope, ScopeCache, ScopeSpec};

use super::config::{RunConfig, RunConfigError, Selection};
use super::run::{Ended, Job, JobOutcome, Progress, merge_reports, pool, run_jobs};
use super::upload::{
    DEFAULT_MONITOR_URL, Monitor, MonitorCredential, UploadError, UploadOptions, Uploaded,
};
use crate::check::{CheckSettings, Cloud, ScopeCheck};
use crate::openstack::cleanup::{CleanupReport, Leftover, find_leftovers, remove_leftovers};
use crate::openstack::{Environment, OpenStackOptions};

/// The options of a run, as the reference runner's `run` command takes them.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct NightlyOptions {
    /// `--preset` (none, and no `--scope`/`--subject`: the preset `default`).
    pub preset: Option<String>,
    /// `--scope` (replaces the preset's scopes when given).
    pub scopes: Vec<String>,
    /// `--subject` (replaces the preset's subjects when given).
    pub subjects: Vec<String>,
    /// `--section`: only testcases of these sections.
    pub sections: Option<Vec<String>>,
    /// `--num-workers` (else the preset's `workers`, else [`DEFAULT_WORKERS`](super::DEFAULT_WORKERS)).
    pub workers: Option<usize>,
    /// `--subject-timeout`: one job (a subject against a scope) is given up after this long; its
    /// testcases ABORT and its report says so.
    pub subject_timeout: Duration,
    /// `-o/--output`: the merged report (the signature goes to the same name plus `.sig`).
    pub output: PathBuf,
    /// `--monitor-url`.
    pub monitor_url: String,
    /// `false` with `--no-upload`: stop after writing (and signing, when there is a key).
    pub upload: bool,
    /// Retries and timeouts of the upload.
    pub upload_options: UploadOptions,
    /// Timeouts and probes of the live clouds.
    pub live: OpenStackOptions,
}

impl NightlyOptions {
    /// The defaults of `scs run`: the preset `default`, an hour per job, the report to
    /// `output`, uploaded to the SCS compliance monitor.
    ///
    /// ```
    /// let options = scs_testkit::nightly::NightlyOptions::new("night.yaml");
    /// assert!(options.upload);
    /// assert_eq!(options.monitor_url, scs_testkit::nightly::DEFAULT_MONITOR_URL);
    /// ```
    pub fn new(output: impl Into<PathBuf>) -> Self {
        NightlyOptions {
            preset: None,
            scopes: Vec::new(),
            subjects: Vec::new(),
            sections: None,
            workers: None,
            subject_timeout: Duration::from_secs(3600),
            output: output.into(),
            monitor_url: DEFAULT_MONITOR_URL.to_owned(),
            upload: true,
            upload_options: UploadOptions::default(),
            live: OpenStackOptions::default(),
        }
    }
}

/// Why a run could not start, or what went wrong after the checks.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NightlyError {
    /// The config or the selection.
    #[error(transparent)]
    Config(#[from] RunConfigError),
    /// A scope of the selection could not be loaded.
    #[error("scope {name} ({spec}): {reason}")]
    Scope {
        /// Its name in `[scopes]`.
        name: String,
        /// Its `spec`.
        spec: String,
        /// What went wrong.
        reason: String,
    },
    /// `[secrets]` lacks what the upload needs, or the key cannot be used.
    #[error("{0}")]
    Secrets(String),
    /// The key could not sign.
    #[error(transparent)]
    Sign(#[from] SignError),
    /// The merged report (or its signature) could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The monitor refused the upload or could not be reached.
    #[error(transparent)]
    Upload(#[from] UploadError),
}

/// Where a subject's facts come from: the default connects to the live cloud named by the
/// subject's `os_cloud`; tests and benchmarks put a test double here.
pub type CloudFactory = Arc<
    dyn Fn(String, IndexMap<String, String>) -> Pin<Box<dyn Future<Output = Cloud> + Send>>
        + Send
        + Sync,
>;

/// A scope of the selection, loaded once for every subject.
#[derive(Debug, Clone)]
struct LoadedScope {
    scope: Arc<scs_scope::Scope>,
    /// Where its scripts are (a scope file's folder); none for a built-in or fetched scope.
    folder: Option<PathBuf>,
}

/// The signer and the monitor of an upload, read from `[secrets]` before anything runs (a
/// missing key is found before the night's checks, not after them).
#[derive(Debug, Clone)]
pub struct Uploader {
    signer: ReportSigner,
    monitor: Monitor,
}

impl Uploader {
    /// From the config's `keyfile` and `tokenfile`, for the monitor at `url`.
    ///
    /// ```
    /// use scs_testkit::nightly::{RunConfig, UploadOptions, Uploader};
    /// let config = RunConfig::from_toml_str("", ".".as_ref())?;
    /// let err = Uploader::from_config(&config, "https://monitor.example", UploadOptions::default()).unwrap_err();
    /// assert!(err.to_string().contains("keyfile"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_config(
        config: &RunConfig,
        url: &str,
        options: UploadOptions,
    ) -> Result<Self, NightlyError> {
        let missing = |what: &str| {
            NightlyError::Secrets(format!(
                "the config has no [secrets] {what}: the upload needs it (or run with --no-upload)"
            ))
        };
        let keyfile = config
            .secrets
            .keyfile
            .as_ref()
            .ok_or_else(|| missing("keyfile"))?;
        let tokenfile = config
            .secrets
            .tokenfile
            .as_ref()
            .ok_or_else(|| missing("tokenfile"))?;
        let signer = ReportSigner::from_file(keyfile)?;
        let credential = MonitorCredential::from_file(tokenfile)?;
        let monitor = Monitor::new(url, credential, options)?;
        Ok(Uploader { signer, monitor })
    }

    /// The signature of `report` (`ssh-keygen -Y sign -n report`).
    pub fn sign(&self, report: &[u8]) -> Result<String, NightlyError> {
        Ok(self.signer.sign(report)?)
    }

    /// Posts `report` with `signature` (made by [`Uploader::sign`] or read from a `.sig` file).
    pub async fn upload(&self, signature: &str, report: &[u8]) -> Result<Uploaded, UploadError> {
        self.monitor.upload(signed_body(signature, report)).await
    }

    /// Where reports are posted.
    pub fn reports_url(&self) -> &str {
        self.monitor.reports_url()
    }
}

/// A prepared nightly run: config, selection and scopes checked, secrets read.
pub struct NightlyRun {
    config: Arc<RunConfig>,
    selection: Selection,
    scopes: IndexMap<String, LoadedScope>,
    options: NightlyOptions,
    uploader: Option<Uploader>,
    clouds: CloudFactory,
}

impl std::fmt::Debug for NightlyRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NightlyRun")
            .field("selection", &self.selection)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// What a run did: every job's outcome, the merged report, where it was written, and the
/// upload.
#[derive(Debug)]
pub struct Night {
    /// One per job, in job order (per scope, every subject).
    pub outcomes: Vec<JobOutcome>,
    /// The merged report (one YAML document per job).
    pub merged: String,
    /// The merged report's file.
    pub output: PathBuf,
    /// The signature's file, when it was signed.
    pub signature: Option<PathBuf>,
    /// The upload: `None` with `--no-upload`.
    pub uploaded: Option<Result<Uploaded, NightlyError>>,
}

impl Night {
    /// The exit status of `scs run`: 0 when every job was checked (whatever the verdicts:
    /// they are the monitor's business) and the report went where it should; 1 when some job
    /// could not be checked (cloud unusable, timed out, crashed); 2 when the report could not
    /// be uploaded (refused or unreachable). A 409 (already uploaded) is not an error.
    ///
    /// ```
    /// let night = scs_testkit::nightly::Night {
    ///     outcomes: vec![], merged: String::new(), output: "r.yaml".into(), signature: None, uploaded: None,
    /// };
    /// assert_eq!(night.exit_status(), 0);
    /// ```
    pub fn exit_status(&self) -> u8 {
        if matches!(self.uploaded, Some(Err(_))) {
            2
        } else if self.outcomes.iter().any(|o| o.problem.is_some()) {
            1
        } else {
            0
        }
    }
}

/// The built-in scope a `spec` names: `iaas`, `kaas`, or their scope names
/// `scs-compatible-iaas`, `scs-compatible-kaas` (as config.toml calls them).
fn builtin_named(spec: &str) -> Option<BuiltinScope> {
    match spec {
        "scs-compatible-iaas" => Some(BuiltinScope::Iaas),
        "scs-compatible-kaas" => Some(BuiltinScope::Kaas),
        other => other.parse().ok(),
    }
}

fn load_scope(config: &RunConfig, name: &str) -> Result<LoadedScope, NightlyError> {
    let spec = config.scope_spec(name)?;
    let error = |reason: String| NightlyError::Scope {
        name: name.to_owned(),
        spec: spec.clone(),
        reason,
    };
    let parsed = match builtin_named(&spec) {
        Some(builtin) => ScopeSpec::Builtin(builtin),
        None => spec.parse().unwrap_or_else(|never| match never {}),
    };
    let chosen = match &parsed {
        ScopeSpec::Url(url) => {
            scs_scope::fetch::fetch_for_check(url, &scs_scope::fetch::FetchOptions::default())
                .map_err(|e| error(e.to_string()))?
        }
        _ => parsed
            .load_local(ScopeCache::user().as_ref())
            .map_err(|e| error(e.to_string()))?,
    };
    Ok(LoadedScope {
        folder: chosen.origin.folder(),
        scope: Arc::new(chosen.scope),
    })
}

/// The live cloud of a subject: its mapping's `os_cloud` in clouds.yaml.
fn live_clouds(options: OpenStackOptions) -> CloudFactory {
    Arc::new(move |subject: String, mapping: IndexMap<String, String>| {
        let options = options.clone();
        Box::pin(async move {
            let Some(cloud) = mapping.get("os_cloud").filter(|c| !c.is_empty()) else {
                return Cloud::unusable(format!(
                    "subject {subject} has no os_cloud in its mapping ([subjects._.mapping] or [subjects.{subject}.mapping])"
                ));
            };
            Cloud::connect(Some(cloud), &Environment::from_process(), options)
                .await
                .0
        })
    })
}

impl NightlyRun {
    /// Checks the selection (preset, `--scope`, `--subject`, workers), loads every selected
    /// scope and, unless `--no-upload`, reads the key and the token: all that can be wrong is
    /// found before the first subject runs.
    pub fn prepare(config: RunConfig, options: NightlyOptions) -> Result<Self, NightlyError> {
        let selection = config.select(
            options.preset.as_deref(),
            &options.scopes,
            &options.subjects,
            options.workers,
        )?;
        for subject in &selection.subjects {
            config.mapping(subject)?;
        }
        let mut scopes = IndexMap::new();
        for name in &selection.scopes {
            scopes.insert(name.clone(), load_scope(&config, name)?);
        }
        let uploader = if options.upload {
            Some(Uploader::from_config(
                &config,
                &options.monitor_url,
                options.upload_options,
            )?)
        } else {
            None
        };
        let clouds = live_clouds(options.live.clone());
        Ok(NightlyRun {
            config: Arc::new(config),
            selection,
            scopes,
            options,
            uploader,
            clouds,
        })
    }

    /// The same run with the subjects' facts from `clouds` instead of their live clouds.
    pub fn with_clouds(mut self, clouds: CloudFactory) -> Self {
        self.clouds = clouds;
        self
    }

    /// What runs: scopes, subjects, workers.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The jobs, in the reference runner's order (per scope, every subject).
    pub fn jobs(&self) -> Vec<Job> {
        super::run::jobs(&self.selection.scopes, &self.selection.subjects)
    }

    /// The check of one job, validated, against no cloud yet (every in-process testcase
    /// would ABORT with `reason`).
    fn job_check(
        &self,
        job: &Job,
        reason: &str,
    ) -> Result<(ScopeCheck, IndexMap<String, String>), String> {
        let loaded = self
            .scopes
            .get(&job.scope)
            .ok_or_else(|| format!("scope {} was not loaded", job.scope))?;
        let mapping = self
            .config
            .mapping(&job.subject)
            .map_err(|e| e.to_string())?;
        let mut settings = CheckSettings::new(job.subject.clone());
        settings.assignment = mapping.clone();
        settings.sections = self.options.sections.clone();
        settings.scripts = loaded.folder.clone();
        settings.run_options.timeout = self.options.subject_timeout;
        settings.label = format!("scs run --subject {} (in process) {{ids}}", job.subject);
        settings.argv = vec![
            "run".into(),
            "--scope".into(),
            job.scope.clone(),
            "--subject".into(),
            job.subject.clone(),
        ];
        let check = ScopeCheck::new(Arc::clone(&loaded.scope), settings, Cloud::unusable(reason))
            .map_err(|e| e.to_string())?;
        Ok((check, mapping))
    }

    /// The outcome of a job that could not run at all or was given up: every selected
    /// testcase ABORTs with `problem`, and the report (when the options fit the scope) says so.
    fn given_up(&self, job: Job, problem: String, elapsed: Duration) -> JobOutcome {
        let report = self
            .job_check(&job, &problem)
            .ok()
            .and_then(|(check, _)| check.abandoned(&problem).ok());
        JobOutcome {
            verdicts: report
                .as_ref()
                .map(|c| c.main_verdicts())
                .unwrap_or_default(),
            report: report.map(|c| c.report.to_yaml()),
            job,
            problem: Some(problem),
            elapsed,
        }
    }

    /// Checks every job, at most `workers` at a time; `progress` hears of each start and end.
    /// A job whose subject cannot be used, that times out or crashes gets an outcome with its
    /// problem (and a report saying it); the others go on.
    pub async fn check_all(
        self: &Arc<Self>,
        progress: impl FnMut(Progress<'_>),
    ) -> Vec<JobOutcome> {
        let timeout = self.options.subject_timeout;
        let check = |job: Job| {
            let this = Arc::clone(self);
            async move {
                let started = Instant::now();
                let (check, mapping) = match this.job_check(&job, "not connected") {
                    Ok(prepared) => prepared,
                    Err(problem) => return this.given_up(job, problem, started.elapsed()),
                };
                // Only a check with in-process testcases needs the cloud.
                let check = if check.in_process_ids().is_empty() {
                    check.with_cloud(Cloud::ScriptsOnly)
                } else {
                    check.with_cloud((this.clouds)(job.subject.clone(), mapping).await)
                };
                let problem = match check.cloud() {
                    Cloud::Unusable { critical, .. } => Some(critical.clone()),
                    _ => None,
                };
                match check.run().await {
                    Ok(checked) => JobOutcome {
                        verdicts: checked.main_verdicts(),
                        report: Some(checked.report.to_yaml()),
                        job,
                        problem,
                        elapsed: started.elapsed(),
                    },
                    Err(e) => this.given_up(job, e.to_string(), started.elapsed()),
                }
            }
        };
        let this = Arc::clone(self);
        let given_up = move |job: Job, problem: String| this.given_up(job, problem, timeout);
        run_jobs(
            self.jobs(),
            self.selection.workers,
            timeout,
            check,
            given_up,
            progress,
        )
        .await
    }

    /// The whole run: [`NightlyRun::check_all`], the merged report written atomically to the
    /// output file, signed (the signature written beside it as `OUTPUT.sig`), then uploaded.
    /// Whatever happened to single jobs, the report is written before anything is sent; an
    /// error here means it could not be written (or signed).
    pub async fn run(
        self: &Arc<Self>,
        progress: impl FnMut(Progress<'_>),
    ) -> Result<Night, NightlyError> {
        let outcomes = self.check_all(progress).await;
        let merged = merge_reports(&outcomes);
        let output = self.options.output.clone();
        write(&output, merged.as_bytes())?;
        let Some(uploader) = &self.uploader else {
            return Ok(Night {
                outcomes,
                merged,
                output,
                signature: None,
                uploaded: None,
            });
        };
        let signature = uploader.sign(merged.as_bytes())?;
        let sig_file = signature_path(&output);
        write(&sig_file, signature.as_bytes())?;
        let uploaded = uploader
            .upload(&signature, merged.as_bytes())
            .await
            .map_err(NightlyError::from);
        Ok(Night {
            outcomes,
            merged,
            output,
            signature: Some(sig_file),
            uploaded: Some(uploaded),
        })
    }

    /// [`NightlyRun::run`] on a runtime of its own.
    pub fn run_blocking(
        self: &Arc<Self>,
        progress: impl FnMut(Progress<'_>),
    ) -> Result<Night, NightlyError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|source| NightlyError::Write {
                path: "(runtime)".into(),
                source,
            })?;
        runtime.block_on(self.run(progress))
    }
}

/// What `scs run cleanup` found (and removed) on one subject's cloud.
#[derive(Debug, Clone)]
pub struct SubjectCleanup {
    /// The subject.
    pub subject: String,
    /// The leftovers of interrupted probes found, or why the cloud could not be looked at.
    pub found: Result<Vec<Leftover>, String>,
    /// With `apply`: what the removal did.
    pub removal: Option<CleanupReport>,
}

impl SubjectCleanup {
    /// Nothing failed: the cloud was looked at and whatever was to remove is gone.
    ///
    /// ```
    /// let done = scs_testkit::nightly::SubjectCleanup { subject: "a".into(), found: Ok(vec![]), removal: None };
    /// assert!(done.is_clean());
    /// ```
    pub fn is_clean(&self) -> bool {
        self.found.is_ok() && self.removal.as_ref().is_none_or(CleanupReport::is_clean)
    }
}

impl std::fmt::Display for SubjectCleanup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.found, &self.removal) {
            (Err(e), _) => write!(f, "{}: cannot look: {e}", self.subject),
            (Ok(found), None) if found.is_empty() => write!(f, "{}: no leftovers", self.subject),
            (Ok(found), None) => {
                write!(
                    f,
                    "{}: {} leftovers (dry run, nothing removed)",
                    self.subject,
                    found.len()
                )?;
                for leftover in found {
                    write!(f, "\n  {leftover}")?;
                }
                Ok(())
            }
            (Ok(found), Some(report)) => {
                write!(
                    f,
                    "{}: removed {} of {} leftovers",
                    self.subject,
                    report.removed.len(),
                    found.len()
                )?;
                for (leftover, why) in &report.failed {
                    write!(f, "\n  could not remove {leftover}: {why}")?;
                }
                for problem in &report.problems {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl NightlyRun {
    /// `scs run cleanup`: the live clean-up (`openstack::cleanup`) on every selected
    /// subject's cloud (its mapping's `os_cloud`), at most `workers` at a time, each within the
    /// subject timeout: the leftovers of interrupted probes are listed, and removed when
    /// `apply`. One subject's failure does not stop the others. Results in subject order;
    /// `progress` hears of each as it ends.
    pub async fn cleanup(
        self: &Arc<Self>,
        apply: bool,
        mut progress: impl FnMut(&SubjectCleanup),
    ) -> Vec<SubjectCleanup> {
        let subjects = &self.selection.subjects;
        let timeout = self.options.subject_timeout;
        let this = Arc::clone(self);
        let work = move |subject: String| {
            let this = Arc::clone(&this);
            async move { this.clean_subject(subject, apply).await }
        };
        let mut done: Vec<Option<SubjectCleanup>> = vec![None; subjects.len()];
        pool(
            subjects.clone(),
            self.selection.workers,
            timeout,
            work,
            |(index, event)| {
                let Some((ended, _)) = event else {
                    return;
                };
                let failed = |why: String| SubjectCleanup {
                    subject: subjects[index].clone(),
                    found: Err(why),
                    removal: None,
                };
                let result = match ended {
                    Ended::Done(result) => result,
                    Ended::TimedOut => {
                        failed(format!("timed out after {} s", timeout.as_secs_f64()))
                    }
                    Ended::Crashed(e) => failed(format!("the clean-up crashed: {e}")),
                };
                progress(&result);
                done[index] = Some(result);
            },
        )
        .await;
        done.into_iter().flatten().collect()
    }

    async fn clean_subject(&self, subject: String, apply: bool) -> SubjectCleanup {
        use crate::openstack::{CloudSettings, OpenStackSource};
        let failed = |subject: String, e: String| SubjectCleanup {
            subject,
            found: Err(e),
            removal: None,
        };
        let mapping = match self.config.mapping(&subject) {
            Ok(mapping) => mapping,
            Err(e) => return failed(subject, e.to_string()),
        };
        let Some(cloud) = mapping.get("os_cloud").filter(|c| !c.is_empty()) else {
            return failed(subject, "no os_cloud in its mapping".into());
        };
        let settings = match CloudSettings::find(Some(cloud), &Environment::from_process()) {
            Ok(settings) => settings,
            Err(e) => return failed(subject, e.to_string()),
        };
        let source = match OpenStackSource::connect(&settings, self.options.live.clone()).await {
            Ok(source) => source,
            Err(e) => return failed(subject, e.to_string()),
        };
        let found = match find_leftovers(&source).await {
            Ok(found) => found,
            Err(e) => return failed(subject, format!("cannot list the leftovers: {e}")),
        };
        let removal = if apply && !found.is_empty() {
            Some(remove_leftovers(&source, &found).await)
        } else if apply {
            Some(CleanupReport::default())
        } else {
            None
        };
        SubjectCleanup {
            subject,
            found: Ok(found),
            removal,
        }
    }
}

/// `FILE.sig`, as `ssh-keygen -Y sign` names a signature.
///
/// ```
/// assert_eq!(scs_testkit::nightly::signature_path("r.yaml".as_ref()), std::path::Path::new("r.yaml.sig"));
/// ```
pub fn signature_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".sig");
    PathBuf::from(name)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), NightlyError> {
    scs_scope::write_atomically(path, bytes).map_err(|source| NightlyError::Write {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Context;
    use crate::openstack::fake::Fake;

    /// A config with the built-in IaaS scope and `subjects`, secrets in `dir` (an Ed25519 key
    /// made by ssh-keygen, a token).
    fn config(dir: &Path, subjects: &[&str]) -> RunConfig {
        let key = dir.join("key");
        let made = std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(&key)
            .status()
            .expect("ssh-keygen (openssh-client) runs");
        assert!(made.success());
        std::fs::write(dir.join("tokenfile"), "c2NzLWNpOnNlY3JldA==\n").unwrap();
        let subjects: Vec<String> = subjects.iter().map(|s| format!("{s:?}")).collect();
        RunConfig::from_toml_str(
            &format!(
                "[secrets]\nkeyfile = \"key\"\ntokenfile = \"tokenfile\"\n\
                 [presets.default]\nscopes = [\"iaas\"]\nsubjects = [{}]\nworkers = 2\n\
                 [scopes.iaas]\nspec = \"scs-compatible-iaas\"\n\
                 [subjects._.mapping]\nos_cloud = \"{{subject}}\"\n",
                subjects.join(", ")
            ),
            dir,
        )
        .unwrap()
    }

    /// The test double: `good-*` subjects are the demo cloud, `locked` cannot authenticate,
    /// `hangs` never answers, `panics` crashes its check.
    fn doubles() -> CloudFactory {
        Arc::new(|subject: String, mapping: IndexMap<String, String>| {
            Box::pin(async move {
                assert_eq!(
                    mapping["os_cloud"], subject,
                    "the mapping reaches the factory"
                );
                match subject.as_str() {
                    "locked" => Cloud::unusable("authentication failed (HTTP 401)"),
                    "hangs" => {
                        tokio::time::sleep(Duration::from_secs(3600)).await;
                        unreachable!()
                    }
                    "panics" => panic!("the double crashed"),
                    _ => Cloud::Facts(Arc::new(Context::new(crate::demo::source()))),
                }
            })
        })
    }

    fn options(dir: &Path, url: &str) -> NightlyOptions {
        let mut options = NightlyOptions::new(dir.join("night.yaml"));
        options.subject_timeout = Duration::from_millis(1500);
        options.monitor_url = url.to_owned();
        options.upload_options = UploadOptions {
            attempts: 1,
            delay: Duration::from_millis(1),
            timeout: Duration::from_secs(5),
        };
        options
    }

    #[test]
    fn failing_hanging_and_crashing_subjects_get_reports_and_the_others_go_on() {
        let dir = tempfile::tempdir().unwrap();
        let config = config(
            dir.path(),
            &["good-a", "locked", "hangs", "panics", "good-b"],
        );
        let fake = Fake::start(vec![("POST", "/reports", 200, String::new())]);
        let night = NightlyRun::prepare(config, options(dir.path(), &fake.base))
            .unwrap()
            .with_clouds(doubles());
        let night = Arc::new(night);
        let mut events = Vec::new();
        let done = night
            .run_blocking(|p| {
                events.push(match p {
                    Progress::Started { job, .. } => format!("start {}", job.subject),
                    Progress::Finished { outcome, .. } => format!("end {}", outcome.job.subject),
                })
            })
            .unwrap();
        let subjects: Vec<&str> = done
            .outcomes
            .iter()
            .map(|o| o.job.subject.as_str())
            .collect();
        assert_eq!(subjects, ["good-a", "locked", "hangs", "panics", "good-b"]);
        assert_eq!(events.len(), 10);
        let problem = |i: usize| done.outcomes[i].problem.clone().unwrap_or_default();
        assert_eq!(done.outcomes[0].problem, None);
        assert_eq!(done.outcomes[4].problem, None);
        assert!(
            problem(1).contains("authentication failed"),
            "{}",
            problem(1)
        );
        assert!(
            problem(2).contains("timed out after 1.5 s"),
            "{}",
            problem(2)
        );
        assert!(problem(3).contains("crashed"), "{}", problem(3));
        // Every job has its report, the failed ones saying why, in job order.
        let docs: Vec<scs_scope::Report> = done
            .merged
            .split("---\n")
            .filter(|d| !d.trim().is_empty())
            .map(|d| scs_scope::Report::from_yaml_str(d).unwrap())
            .collect();
        let reported: Vec<&str> = docs.iter().map(|r| r.subject.as_str()).collect();
        assert_eq!(reported, subjects);
        for (doc, outcome) in docs.iter().zip(&done.outcomes) {
            let records: Vec<&scs_scope::Invocation> = doc.run.invocations.values().collect();
            match &outcome.problem {
                None => assert!(
                    records
                        .iter()
                        .all(|r| r.critical == 0 || r.rc == 0 || r.cmd.contains("not run"))
                ),
                Some(problem) => assert!(
                    records.iter().any(|r| r
                        .stderr
                        .iter()
                        .any(|l| l.starts_with("CRITICAL:") && l.contains(problem.as_str()))),
                    "{problem}: {records:?}"
                ),
            }
            assert_eq!(doc.run.assignment["os_cloud"], doc.subject);
        }
        // Written before the upload, with its signature, and the upload carried exactly them.
        assert_eq!(std::fs::read_to_string(&done.output).unwrap(), done.merged);
        let sig = std::fs::read_to_string(done.signature.as_ref().unwrap()).unwrap();
        assert!(sig.starts_with("-----BEGIN SSH SIGNATURE-----"));
        assert!(matches!(done.uploaded, Some(Ok(Uploaded::Accepted))));
        assert_eq!(fake.seen(), ["POST /reports"]);
        assert_eq!(done.exit_status(), 1, "some subjects could not be checked");
    }

    #[test]
    fn a_refused_upload_keeps_the_report_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let fake = Fake::start(vec![(
            "POST",
            "/reports",
            401,
            r#"{"detail": "verification failed"}"#.into(),
        )]);
        let night = NightlyRun::prepare(
            config(dir.path(), &["good-a"]),
            options(dir.path(), &fake.base),
        )
        .unwrap()
        .with_clouds(doubles());
        let done = Arc::new(night).run_blocking(|_| {}).unwrap();
        match &done.uploaded {
            Some(Err(NightlyError::Upload(UploadError::Unauthorized { detail, .. }))) => {
                assert_eq!(detail, "verification failed")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(done.exit_status(), 2);
        assert_eq!(std::fs::read_to_string(&done.output).unwrap(), done.merged);
        assert!(done.merged.contains("subject: good-a"));
    }

    #[test]
    fn what_is_wrong_is_found_before_any_subject_runs() {
        let dir = tempfile::tempdir().unwrap();
        let url = "http://127.0.0.1:9";
        let config = |text: &str| RunConfig::from_toml_str(text, dir.path()).unwrap();
        let base = "[presets.default]\nscopes = [\"s\"]\nsubjects = [\"a\"]\n";
        // No secrets: only with --no-upload.
        let plain = config(&format!("{base}[scopes.s]\nspec = \"iaas\"\n"));
        let err = NightlyRun::prepare(plain.clone(), options(dir.path(), url)).unwrap_err();
        assert!(err.to_string().contains("[secrets] keyfile"), "{err}");
        let mut no_upload = options(dir.path(), url);
        no_upload.upload = false;
        assert!(NightlyRun::prepare(plain, no_upload.clone()).is_ok());
        // A scope file that is not there.
        let missing = config(&format!("{base}[scopes.s]\nspec = \"./nope.yaml\"\n"));
        let err = NightlyRun::prepare(missing, no_upload.clone()).unwrap_err();
        assert!(
            err.to_string().starts_with("scope s (") && err.to_string().contains("nope.yaml"),
            "{err}"
        );
        // An unknown preset.
        let mut preset = no_upload;
        preset.preset = Some("nightly".into());
        let err = NightlyRun::prepare(
            config(&format!("{base}[scopes.s]\nspec = \"iaas\"\n")),
            preset,
        )
        .unwrap_err();
        assert!(err.to_string().contains("no preset 'nightly'"), "{err}");
    }
}
