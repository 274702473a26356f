//! Recording a cloud's facts as a snapshot file (the format of [`snapshot`](crate::snapshot)),
//! so that checking the file later gives the verdicts the cloud gave: `scs snapshot`.
//!
//! Every fact is fetched concurrently through the [`Context`]; the probes are run where the
//! built-in testcases would run them (the temporary security group only on a cloud without
//! default security-group rules, the key manager only with a member token, S3 only next to
//! Swift). The scs-0101 sample VM, the slowest probe by far (booting a server and waiting for
//! its console), starts at once and runs alongside everything else; [`RecordOptions`] can leave
//! it out. A fact that cannot be fetched is left out and reported: a testcase needing it then
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

use chrono::SecondsFormat;
use serde::Serialize;

use scs_standards::cloud::{
    CatalogEntry, CloudFlavor, DefaultSecurityGroupRule, Image, SecurityGroupRule, VolumeType,
};

use crate::context::Context;
use crate::source::{EntropyVmProbe, FactError, KeyManagerProbe, SwiftS3Probe};

/// The probe results of a [`Recording`].
///
/// See [`record`] for an example.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RecordedProbes {
    /// `probes.fresh_security_group_rules`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fresh_security_group_rules: Option<Vec<SecurityGroupRule>>,
    /// `probes.swift_s3`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub swift_s3: Option<SwiftS3Probe>,
    /// `probes.key_manager_member_access`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_manager_member_access: Option<KeyManagerProbe>,
    /// `probes.entropy_vm`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entropy_vm: Option<EntropyVmProbe>,
}

/// What [`record_with`] records besides the facts every recording has.
///
/// ```
/// assert!(scs_testkit::record::RecordOptions::default().entropy_vm);
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

/// A cloud's facts as a snapshot document; keys that could not be fetched are left out.
///
/// See [`record`] for an example.
#[derive(Debug, Clone, Serialize)]
pub struct Recording {
    /// When (RFC 3339, UTC).
    pub taken_at: String,
    /// `flavors`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flavors: Option<Vec<CloudFlavor>>,
    /// `images`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<Image>>,
    /// `volume_types`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_types: Option<Vec<VolumeType>>,
    /// `default_security_group_rules`: `null` on a cloud without that API.
    pub default_security_group_rules: Option<Vec<DefaultSecurityGroupRule>>,
    /// `catalog`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalog: Option<Vec<CatalogEntry>>,
    /// `roles`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// `probes`.
    pub probes: RecordedProbes,
    /// What could not be fetched (not written).
    #[serde(skip)]
    pub problems: Vec<FactError>,
}

fn keep<T: Clone>(
    got: Result<std::sync::Arc<T>, FactError>,
    problems: &mut Vec<FactError>,
) -> Option<T> {
    match got {
        Ok(value) => Some((*value).clone()),
        Err(e) => {
            problems.push(e);
            None
        }
    }
}

/// Fetches every fact of `ctx` (concurrently) and the probes the built-in testcases would run.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let ctx = scs_testkit::Context::new(scs_testkit::demo::source());
/// let recording = scs_testkit::record::record(&ctx).await;
/// assert!(recording.problems.is_empty());
/// assert!(recording.probes.swift_s3.is_some()); // the demo cloud has Swift and a probe result
/// # });
/// ```
pub async fn record(ctx: &Context) -> Recording {
    record_with(ctx, RecordOptions::default()).await
}

/// [`record`], with or without the optional probes of `options`.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use scs_testkit::record::{RecordOptions, record_with};
/// let ctx = scs_testkit::Context::new(scs_testkit::demo::source());
/// let recording = record_with(&ctx, RecordOptions { entropy_vm: false }).await;
/// assert!(recording.probes.entropy_vm.is_none());
/// # });
/// ```
pub async fn record_with(ctx: &Context, options: RecordOptions) -> Recording {
    // The VM first and alongside the rest: it takes longest.
    let (mut recording, vm) = tokio::join!(record_facts(ctx), async {
        if options.entropy_vm {
            Some(ctx.entropy_vm().await)
        } else {
            None
        }
    });
    recording.probes.entropy_vm = vm.and_then(|r| keep(r, &mut recording.problems));
    recording
}

async fn record_facts(ctx: &Context) -> Recording {
    let (flavors, images, volume_types, default_rules, catalog, roles) = tokio::join!(
        ctx.flavors(),
        ctx.images(),
        ctx.volume_types(),
        ctx.default_security_group_rules(),
        ctx.catalog(),
        ctx.roles(),
    );
    let mut problems = Vec::new();
    let default_rules = match default_rules {
        Ok(rules) => Some(rules.map(|r| (*r).clone())),
        Err(e) => {
            problems.push(e);
            None
        }
    };
    let has = |t: &str| {
        catalog.as_ref().is_ok_and(|c| {
            c.iter()
                .any(|e| e.service_type == t && !e.endpoints.is_empty())
        })
    };
    // As scs-0116-permissions: only a member without elevated roles probes the key manager.
    let member_only = roles.as_ref().is_ok_and(|r| {
        r.iter().any(|r| r == "member") && !r.iter().any(|r| r == "admin" || r == "manager")
    });
    let (fresh, swift_s3, key_manager) = tokio::join!(
        async {
            match default_rules {
                Some(None) => Some(ctx.fresh_security_group_rules().await),
                _ => None,
            }
        },
        async {
            if has("object-store") {
                Some(ctx.swift_s3().await)
            } else {
                None
            }
        },
        async {
            if has("key-manager") && member_only {
                Some(ctx.key_manager_member_access().await)
            } else {
                None
            }
        },
    );
    let probes = RecordedProbes {
        fresh_security_group_rules: fresh.and_then(|r| keep(r, &mut problems)),
        swift_s3: swift_s3.and_then(|r| keep(r, &mut problems)),
        key_manager_member_access: key_manager.and_then(|r| keep(r, &mut problems)),
        entropy_vm: None,
    };
    Recording {
        taken_at: ctx.now().to_rfc3339_opts(SecondsFormat::Secs, true),
        flavors: keep(flavors, &mut problems),
        images: keep(images, &mut problems),
        volume_types: keep(volume_types, &mut problems),
        default_security_group_rules: default_rules.flatten(),
        catalog: keep(catalog, &mut problems),
        roles: keep(roles, &mut problems),
        probes,
        problems,
    }
}

impl Recording {
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
        let body = serde_yaml::to_string(self)?;
        Ok(format!(
            "# SCS cloud snapshot (scs-testkit's snapshot format), taken {}\n{body}",
            self.taken_at
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
