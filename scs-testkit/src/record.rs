//! Recording a cloud's facts as a snapshot file (the format of [`snapshot`](crate::snapshot)),
//! so that checking the file later gives the verdicts the cloud gave: `scs snapshot`.
//!
//! Every fact is fetched concurrently through the [`Context`]; the probes are run where the
//! built-in testcases would run them (the temporary security group only on a cloud without
//! default security-group rules, the key manager only with a member token, S3 only next to
//! Swift). A fact that cannot be fetched is left out and reported: a testcase needing it then
//! ABORTs on the file as it did on the cloud. `taken_at` is the context's time, so that dates
//! are judged as they were. Nothing but the facts is written: no credential, no token.
//!
//! ```
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! use scs_testkit::{Context, SnapshotSource, record};
//! let source = SnapshotSource::from_yaml_str("roles: [member]\nflavors: []\n").unwrap();
//! let recording = record::record(&Context::new(source)).await;
//! let again = SnapshotSource::from_yaml_str(&recording.to_yaml().unwrap()).unwrap();
//! assert!(recording.problems.iter().any(|p| p.to_string().starts_with("images:")));
//! # let _ = again;
//! # });
//! ```

use std::path::Path;

use chrono::{SecondsFormat, Timelike};

use crate::context::Context;
use crate::facts::{Fact, Snapshot};
use crate::source::FactError;

/// A cloud's facts as a snapshot, and what could not be fetched (left out of the snapshot).
///
/// See [`record`] for an example.
#[derive(Debug, Clone)]
pub struct Recording {
    /// The facts (`taken_at` is the context's time, to the second).
    pub snapshot: Snapshot,
    /// What could not be fetched (not written).
    pub problems: Vec<FactError>,
}

/// Fetches every fact of `ctx` (concurrently) and the probes the built-in testcases would run
/// (each probe's `when` in the [fact table](crate::facts)).
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let ctx = scs_testkit::Context::new(scs_testkit::demo::source());
/// let recording = scs_testkit::record::record(&ctx).await;
/// assert!(recording.problems.is_empty());
/// assert!(recording.snapshot.probes.swift_s3.is_some()); // the demo cloud has Swift and a probe result
/// # });
/// ```
pub async fn record(ctx: &Context) -> Recording {
    record_with(ctx, RecordOptions::default()).await
}

/// Which of the optional probes [`record_with`] runs.
///
/// ```
/// use scs_testkit::{Fact, record::RecordOptions};
/// assert!(RecordOptions::default().entropy_vm);
/// assert!(!RecordOptions { entropy_vm: false }.runs(Fact::EntropyVm));
/// assert!(RecordOptions { entropy_vm: false }.runs(Fact::SwiftS3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordOptions {
    /// Boot the scs-0101 sample VM (`probes.entropy_vm`); on a live cloud this takes from
    /// seconds to minutes. Without it, the scs-0101 VM testcases ABORT on the recording.
    pub entropy_vm: bool,
}

impl Default for RecordOptions {
    fn default() -> Self {
        RecordOptions { entropy_vm: true }
    }
}

impl RecordOptions {
    /// Whether the recorder may run `probe` (every other probe always, where it applies).
    pub fn runs(&self, probe: Fact) -> bool {
        probe != Fact::EntropyVm || self.entropy_vm
    }
}

/// [`record`], with or without the optional probes of `options`. The sample VM, the slowest
/// probe by far (booting a server and waiting for its console), starts at once and runs
/// alongside everything else; the recorder's later call shares it through the context.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use scs_testkit::record::{RecordOptions, record_with};
/// let ctx = scs_testkit::Context::new(scs_testkit::demo::source());
/// let recording = record_with(&ctx, RecordOptions { entropy_vm: false }).await;
/// assert!(recording.snapshot.probes.entropy_vm.is_none());
/// # });
/// ```
pub async fn record_with(ctx: &Context, options: RecordOptions) -> Recording {
    // The file holds seconds; so does the recording, so that it equals the file read back.
    let taken_at = ctx.now().with_nanosecond(0).unwrap_or(ctx.now());
    let (recording, _) = tokio::join!(crate::facts::record_all(ctx, taken_at, &options), async {
        if options.entropy_vm {
            // Memoized: the recorder's own call below waits for this one.
            let _ = ctx.entropy_vm().await;
        }
    });
    recording
}

impl Recording {
    /// Whether fetching `fact` failed.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use scs_testkit::{Context, Fact, SnapshotSource, record::record};
    /// let recording = record(&Context::new(SnapshotSource::from_yaml_str("roles: [member]").unwrap())).await;
    /// assert!(recording.failed(Fact::Images) && !recording.failed(Fact::Roles));
    /// # });
    /// ```
    pub fn failed(&self, fact: Fact) -> bool {
        self.problems.iter().any(|p| match p {
            FactError::NeedsLiveCloud(f) | FactError::Failed { fact: f, .. } => *f == fact,
        })
    }

    /// Whether the recorded catalog has one of `types` with an endpoint.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let ctx = scs_testkit::Context::new(scs_testkit::demo::source());
    /// let recording = scs_testkit::record::record(&ctx).await;
    /// assert!(recording.has_service(&["object-store"]));
    /// assert!(!recording.has_service(&["no-such-service"]));
    /// # });
    /// ```
    pub fn has_service(&self, types: &[&str]) -> bool {
        self.snapshot.catalog.as_ref().is_some_and(|c| {
            c.iter()
                .any(|e| types.contains(&e.service_type.as_str()) && !e.endpoints.is_empty())
        })
    }

    /// The snapshot as YAML.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let ctx = scs_testkit::Context::new(scs_testkit::SnapshotSource::from_yaml_str("roles: [member]").unwrap());
    /// let yaml = scs_testkit::record::record(&ctx).await.to_yaml().unwrap();
    /// assert!(yaml.contains("taken_at: "));
    /// # });
    /// ```
    pub fn to_yaml(&self) -> Result<String, serde_yaml::Error> {
        let body = serde_yaml::to_string(&self.snapshot)?;
        let taken_at = self
            .snapshot
            .taken_at
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
            .unwrap_or_default();
        Ok(format!(
            "# SCS cloud snapshot (scs-testkit's snapshot format), taken {taken_at}\n{body}"
        ))
    }

    /// Writes the snapshot to `path` atomically: into a temporary file beside it, flushed to
    /// disk, then renamed over `path`. A failure leaves `path` as it was.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let dir = tempfile::tempdir().unwrap();
    /// let ctx = scs_testkit::Context::new(scs_testkit::SnapshotSource::from_yaml_str("roles: [member]").unwrap());
    /// let path = dir.path().join("cloud.yaml");
    /// scs_testkit::record::record(&ctx).await.write(&path).unwrap();
    /// assert!(std::fs::read_to_string(&path).unwrap().contains("- member"));
    /// # });
    /// ```
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let text = self.to_yaml().map_err(std::io::Error::other)?;
        write_atomically(path, text.as_bytes())
    }
}

/// Atomic file writes live in scs-scope (reports use them too); re-exported here, where
/// snapshots are written.
pub use scs_scope::write_atomically;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Registry, SnapshotSource, run};
    use std::sync::Arc;

    /// Recording the demo cloud and checking the recording gives the demo's verdicts.
    #[tokio::test]
    async fn round_trip_keeps_verdicts() {
        let ctx = Arc::new(Context::new(crate::demo::source()));
        let recording = record(&ctx).await;
        let yaml = recording.to_yaml().unwrap();
        let again = Arc::new(Context::new(SnapshotSource::from_yaml_str(&yaml).unwrap()));
        let registry = Registry::builtin();
        let ids: Vec<scs_scope::TestcaseId> = registry.iter().map(|t| t.id().clone()).collect();
        let before = run(&registry, &ids, &ctx).await;
        let after = run(&registry, &ids, &again).await;
        assert!(!ids.is_empty());
        for id in &ids {
            assert_eq!(before[id].status, after[id].status, "{id}");
        }
        assert_eq!(again.now(), ctx.now().with_nanosecond_zero());
    }

    /// What is written is read back as the same snapshot.
    #[tokio::test]
    async fn the_file_reads_back_as_the_recorded_snapshot() {
        let recording = record(&Context::new(crate::demo::source())).await;
        let again = Snapshot::parse(&recording.to_yaml().unwrap()).unwrap();
        assert_eq!(again, recording.snapshot);
        assert_eq!(again, crate::demo::snapshot());
    }

    trait Trunc {
        fn with_nanosecond_zero(self) -> Self;
    }
    impl Trunc for chrono::DateTime<chrono::Utc> {
        fn with_nanosecond_zero(self) -> Self {
            use chrono::Timelike;
            self.with_nanosecond(0).unwrap()
        }
    }
}
