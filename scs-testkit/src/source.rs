//! Where a cloud's facts come from: the [`CloudSource`] trait, one method per fact.
//!
//! A source answers each question at most once per run: [`Context`](crate::Context) memoizes
//! the answer (or the error) and shares it with every testcase that asks.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use scs_standards::cloud::{
    CatalogEntry, CloudFlavor, DefaultSecurityGroupRule, Image, SecurityGroupRule, Visibility,
    VolumeType,
};

/// A list a source hands out: shared, so that a source holding the data (a snapshot) gives it
/// without copying, and a live source wraps what it fetched.
pub type List<T> = Arc<Vec<T>>;

/// The facts a testcase can ask for, named as in error messages.
///
/// ```
/// assert_eq!(scs_testkit::Fact::VolumeTypes.to_string(), "volume_types");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    /// Nova flavors with extra specs.
    Flavors,
    /// Glance images.
    Images,
    /// Cinder volume types.
    VolumeTypes,
    /// Neutron default security-group rules (2023.2+).
    DefaultSecurityGroupRules,
    /// The Keystone token catalog.
    Catalog,
    /// The role names of the token.
    Roles,
    /// Probe: the rules a freshly created security group gets (Neutron before 2023.2).
    FreshSecurityGroupRules,
    /// Probe: S3 at the object-store host compared with Swift.
    SwiftS3,
    /// Probe: the key manager used with the member role.
    KeyManagerAccess,
    /// Probe: a sample VM's console readings of entropy (scs-0101).
    EntropyVm,
}

impl Fact {
    /// Every fact, in declaration order.
    pub const ALL: [Fact; 10] = [
        Fact::Flavors,
        Fact::Images,
        Fact::VolumeTypes,
        Fact::DefaultSecurityGroupRules,
        Fact::Catalog,
        Fact::Roles,
        Fact::FreshSecurityGroupRules,
        Fact::SwiftS3,
        Fact::KeyManagerAccess,
        Fact::EntropyVm,
    ];

    /// The snapshot key holding this fact (probes live under `probes.`).
    ///
    /// ```
    /// assert_eq!(scs_testkit::Fact::SwiftS3.key(), "probes.swift_s3");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Fact::Flavors => "flavors",
            Fact::Images => "images",
            Fact::VolumeTypes => "volume_types",
            Fact::DefaultSecurityGroupRules => "default_security_group_rules",
            Fact::Catalog => "catalog",
            Fact::Roles => "roles",
            Fact::FreshSecurityGroupRules => "probes.fresh_security_group_rules",
            Fact::SwiftS3 => "probes.swift_s3",
            Fact::KeyManagerAccess => "probes.key_manager_member_access",
            Fact::EntropyVm => "probes.entropy_vm",
        }
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Why a fact is not available. Cloneable, because one failed fetch is reported by every
/// testcase that needs the fact.
///
/// ```
/// use scs_testkit::{Fact, FactError};
/// let e = FactError::NeedsLiveCloud(Fact::SwiftS3);
/// assert_eq!(e.to_string(), "probes.swift_s3: needs a live cloud (the snapshot has no such probe result)");
/// let e = FactError::failed(Fact::Images, "HTTP 503 from the image service");
/// assert_eq!(e.to_string(), "images: HTTP 503 from the image service");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FactError {
    /// Only a live cloud can show this fact (a probe result a snapshot does not hold).
    #[error("{0}: needs a live cloud (the snapshot has no such probe result)")]
    NeedsLiveCloud(Fact),
    /// The source tried and failed.
    #[error("{fact}: {message}")]
    Failed {
        /// The fact.
        fact: Fact,
        /// What went wrong.
        message: String,
    },
}

impl FactError {
    /// A [`FactError::Failed`].
    pub fn failed(fact: Fact, message: impl Into<String>) -> Self {
        FactError::Failed {
            fact,
            message: message.into(),
        }
    }
}

/// What `probes.swift_s3` records (scs-0123-swift-s3): with EC2 credentials of the project, the
/// S3 API at the host of the `object-store` endpoint was asked for its buckets, and Swift for its
/// containers (the reference creates a bucket `scs-test-container` first if there is none).
///
/// ```yaml
/// swift_s3:
///   s3_buckets: [backups, scs-test-container]   # null: S3 did not answer
///   swift_containers: [backups, scs-test-container]
///   error: null                                  # why S3 did not answer, if it did not
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwiftS3Probe {
    /// Bucket names listed through S3; `None` when S3 did not answer.
    #[serde(default)]
    pub s3_buckets: Option<Vec<String>>,
    /// Container names listed through Swift.
    #[serde(default)]
    pub swift_containers: Vec<String>,
    /// Why S3 did not answer.
    #[serde(default)]
    pub error: Option<String>,
}

/// What `probes.key_manager_member_access` records (scs-0116-permissions): whether a user with
/// the `member` role (and neither `admin` nor `manager`) could create, find and delete a secret.
///
/// ```yaml
/// key_manager_member_access: {ok: false, error: "403 Forbidden on POST /v1/secrets"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyManagerProbe {
    /// The secret could be created, found and deleted.
    pub ok: bool,
    /// What went wrong otherwise.
    #[serde(default)]
    pub error: Option<String>,
}

/// What `probes.entropy_vm` records (scs-0101 on a sample VM): the image and flavor of the VM
/// the probe booted, and what its console showed
/// ([`ConsoleReadings`](scs_standards::entropy::vm::ConsoleReadings)). Replaying it gives the
/// verdicts the cloud gave.
///
/// ```yaml
/// entropy_vm:
///   image: Debian 13
///   flavor: SCS-1L-1-5
///   readings:
///     values: {entropy_avail: "256", fips_successes: "998", fips_failures: "2", rngd: active,
///              virtio_rng: present, hw_rng_current: virtio_rng.0}
///     finished: true
/// ```
///
/// ```
/// let probe: scs_testkit::EntropyVmProbe = serde_yaml::from_str(
///     "{image: Debian 13, flavor: SCS-1V-2-5, readings: {values: {entropy_avail: '256'}, finished: true}}").unwrap();
/// assert!(scs_standards::entropy::vm::entropy_avail(&probe.readings, &probe.image).unwrap().passed());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntropyVmProbe {
    /// The name of the image the VM was booted from.
    pub image: String,
    /// The name of its flavor.
    pub flavor: String,
    /// What its console showed.
    pub readings: scs_standards::entropy::vm::ConsoleReadings,
}

/// A cloud's facts, fetched on demand. Every method is called at most once per
/// [`Context`](crate::Context).
///
/// `OpenStackSource` (module `openstack`, feature `openstack`) reads a live cloud;
/// [`SnapshotSource`](crate::SnapshotSource) reads an offline snapshot. Implement this trait
/// to feed testcases from elsewhere:
///
/// ```
/// use std::sync::Arc;
/// use scs_standards::cloud::*;
/// use scs_testkit::{CloudSource, Fact, FactError, List, async_trait};
///
/// /// A cloud with nothing but one flavor; every other fact is an error.
/// struct OneFlavor;
///
/// #[async_trait]
/// impl CloudSource for OneFlavor {
///     async fn flavors(&self) -> Result<List<CloudFlavor>, FactError> {
///         Ok(Arc::new(vec![CloudFlavor::new("SCS-1V-4", 1, 4096, 0)]))
///     }
///     async fn images(&self) -> Result<List<Image>, FactError> { Err(FactError::failed(Fact::Images, "no")) }
///     async fn volume_types(&self) -> Result<List<VolumeType>, FactError> { Err(FactError::failed(Fact::VolumeTypes, "no")) }
///     async fn default_security_group_rules(&self) -> Result<Option<List<DefaultSecurityGroupRule>>, FactError> { Ok(None) }
///     async fn catalog(&self) -> Result<List<CatalogEntry>, FactError> { Ok(Arc::default()) }
///     async fn roles(&self) -> Result<List<String>, FactError> { Ok(Arc::new(vec!["member".into()])) }
/// }
/// ```
#[async_trait]
pub trait CloudSource: Send + Sync {
    /// Nova `GET /v2.1/flavors/detail` (microversion 2.61+, with `extra_specs`).
    async fn flavors(&self) -> Result<List<CloudFlavor>, FactError>;

    /// Glance v2 `GET /v2/images`, all pages, every visibility.
    async fn images(&self) -> Result<List<Image>, FactError>;

    /// The `public` and `community` images (hidden ones included): those scs-0102 and scs-0104
    /// are about ("managed by the service provider, provided for public consumption"). By
    /// default filtered from [`CloudSource::images`]; a source may have them at hand.
    async fn public_images(&self) -> Result<List<Image>, FactError> {
        Ok(public_subset(self.images().await?))
    }

    /// Cinder `GET /v3/{project_id}/types`.
    async fn volume_types(&self) -> Result<List<VolumeType>, FactError>;

    /// Neutron `GET /v2.0/default-security-group-rules`; `Ok(None)` when the cloud has no such API
    /// (Neutron before 2023.2).
    async fn default_security_group_rules(
        &self,
    ) -> Result<Option<List<DefaultSecurityGroupRule>>, FactError>;

    /// The Keystone v3 token catalog.
    async fn catalog(&self) -> Result<List<CatalogEntry>, FactError>;

    /// The role names of the token.
    async fn roles(&self) -> Result<List<String>, FactError>;

    /// Probe: the rules of a freshly created (and deleted again) security group, for clouds
    /// without default security-group rules. By default: needs a live cloud.
    async fn fresh_security_group_rules(&self) -> Result<List<SecurityGroupRule>, FactError> {
        Err(FactError::NeedsLiveCloud(Fact::FreshSecurityGroupRules))
    }

    /// Probe: S3 at the object-store host. By default: needs a live cloud.
    async fn swift_s3(&self) -> Result<SwiftS3Probe, FactError> {
        Err(FactError::NeedsLiveCloud(Fact::SwiftS3))
    }

    /// Probe: the key manager with the member role. By default: needs a live cloud.
    async fn key_manager_member_access(&self) -> Result<KeyManagerProbe, FactError> {
        Err(FactError::NeedsLiveCloud(Fact::KeyManagerAccess))
    }

    /// Probe: boot a sample VM with the scs-0101 entropy probe and read its console. By
    /// default: needs a live cloud.
    async fn entropy_vm(&self) -> Result<EntropyVmProbe, FactError> {
        Err(FactError::NeedsLiveCloud(Fact::EntropyVm))
    }

    /// When the facts were taken, if they are not live (a snapshot's `taken_at`): dates such as
    /// image recency are judged at that time. `None`: now.
    fn taken_at(&self) -> Option<DateTime<Utc>> {
        None
    }
}

/// The `public` and `community` images of `images`; the same list when all are.
///
/// ```
/// use std::sync::Arc;
/// use scs_standards::cloud::{Image, Visibility};
/// let mut private = Image::new("mine");
/// private.visibility = Visibility::Private;
/// let all = Arc::new(vec![Image::new("Debian 12"), private]);
/// assert_eq!(scs_testkit::public_subset(all.clone()).len(), 1);
/// let public = Arc::new(vec![Image::new("Debian 12")]);
/// assert!(Arc::ptr_eq(&scs_testkit::public_subset(public.clone()), &public));
/// ```
pub fn public_subset(images: List<Image>) -> List<Image> {
    let public = |i: &Image| matches!(i.visibility, Visibility::Public | Visibility::Community);
    if images.iter().all(public) {
        return images;
    }
    Arc::new(images.iter().filter(|i| public(i)).cloned().collect())
}
