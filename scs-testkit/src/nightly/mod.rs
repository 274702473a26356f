//! The nightly run (feature `nightly`): what the SCS test runner does every night — check many
//! subjects against their scopes, sign the merged report and upload it to the compliance
//! monitor.
//!
//! - [`RunConfig`]: the reference runner's `config.toml` (presets, scopes, subjects, secrets).
//! - [`Monitor`]: signed uploads with bounded retries; 409 (already there) is not an error.
//! - Signing itself is `scs_scope::signing`.

mod config;
mod upload;

pub use config::{
    ConfiguredScope, ConfiguredSubject, DEFAULT_SUBJECT, DEFAULT_WORKERS, MAX_CONFIG_BYTES, Preset,
    RunConfig, RunConfigError, SecretFiles, Selection,
};
pub use upload::{
    DEFAULT_MONITOR_URL, Monitor, MonitorCredential, SIGNED_YAML, UploadError, UploadOptions,
    Uploaded,
};
