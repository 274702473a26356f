//! The nightly run (feature `nightly`): what the SCS test runner does every night — check many
//! subjects against their scopes, sign the merged report and upload it to the compliance
//! monitor.
//!
//! - [`RunConfig`]: the reference runner's `config.toml` (presets, scopes, subjects, secrets).
//! - [`run_jobs`]: every subject against every scope, a bounded number at a time, each with a
//!   timeout; [`merge_reports`] and [`render_table`] for what follows.
//! - [`Monitor`]: signed uploads with bounded retries; 409 (already there) is not an error.
//! - [`NightlyRun`]: all of it as one call — every job checked ([`crate::check::ScopeCheck`]),
//!   the merged report written atomically, signed and uploaded ([`Uploader`]); `scs run`.
//! - Signing itself is `scs_scope::signing`.

mod config;
mod night;
mod run;
mod upload;

pub use crate::check::main_verdicts;

pub use config::{
    ConfiguredScope, ConfiguredSubject, DEFAULT_SUBJECT, DEFAULT_WORKERS, MAX_CONFIG_BYTES, Preset,
    RunConfig, RunConfigError, SecretFiles, Selection,
};
pub use night::{
    CloudFactory, Night, NightlyError, NightlyOptions, NightlyRun, SubjectCleanup, Uploader,
    signature_path,
};
pub use run::{Job, JobOutcome, Progress, jobs, merge_reports, render_table, run_jobs};
pub use upload::{
    DEFAULT_MONITOR_URL, Monitor, MonitorCredential, SIGNED_YAML, UploadError, UploadOptions,
    Uploaded,
};
