//! The types around the facts of a [`CloudSource`](crate::CloudSource) (the trait itself is
//! generated from the [fact table](crate::facts)): shared lists, why a fact is not available,
//! and the probes' result types.
//!
//! A source answers each question at most once per run: [`Context`](crate::Context) memoizes
//! the answer (or the error) and shares it with every testcase that asks.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::facts::Fact;

/// A list a source hands out: shared, so that a source holding the data (a snapshot) gives it
/// without copying, and a live source wraps what it fetched.
pub type List<T> = Arc<Vec<T>>;

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

/// What `probes.swift_s3` records (scs-0123-swift-s3): what the scheme and host of the
/// `object-store` endpoint answered to an S3 `ListBuckets` signed with a made-up access key (no
/// credential is created; see [`scs_standards::services::swift_s3`]).
///
/// ```yaml
/// swift_s3:
///   url: https://objects.example.com/   # where the request went
///   status: 403                         # HTTP status; null: no answer
///   code: InvalidAccessKeyId            # the S3 error code of the answer, if any
///   error: null                         # why there was no answer
/// ```
///
/// Records of earlier versions (which listed buckets with a temporary EC2 credential) still
/// load: `s3_buckets` and `swift_containers` are accepted and ignored. Such a record's `error`
/// still counts as "no answer"; one without an error holds no answer of the current kind
/// ([`SwiftS3Probe::answer`] is `None`, and the testcase ABORTs asking for a new recording).
///
/// ```
/// use scs_standards::services::S3Answer;
/// use scs_testkit::SwiftS3Probe;
/// let new: SwiftS3Probe = serde_yaml::from_str("{status: 403, code: InvalidAccessKeyId}")?;
/// assert_eq!(new.answer(), Some(S3Answer::Http { status: 403, code: Some("InvalidAccessKeyId".into()) }));
/// let old: SwiftS3Probe = serde_yaml::from_str("{s3_buckets: [a], swift_containers: [a, b]}")?;
/// assert_eq!(old.answer(), None);
/// # Ok::<(), serde_yaml::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwiftS3Probe {
    /// The URL asked (scheme and host of the object-store endpoint, path `/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The HTTP status of the answer; `None` when there was none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The S3 error code of the answer (`<Error><Code>`), if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Why there was no answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Old records only (buckets listed with an EC2 credential); never written.
    #[serde(default, skip_serializing)]
    pub s3_buckets: Option<Vec<String>>,
    /// Old records only (Swift's containers); never written.
    #[serde(default, skip_serializing)]
    pub swift_containers: Vec<String>,
}

impl SwiftS3Probe {
    /// The answer as [`scs_standards::services::swift_s3`] judges it; `None` for an old record
    /// without one (see above).
    ///
    /// ```
    /// use scs_standards::services::S3Answer;
    /// let probe = scs_testkit::SwiftS3Probe { error: Some("cannot connect".into()), ..Default::default() };
    /// assert_eq!(probe.answer(), Some(S3Answer::NoAnswer("cannot connect".into())));
    /// ```
    pub fn answer(&self) -> Option<scs_standards::services::S3Answer> {
        use scs_standards::services::S3Answer;
        match (self.status, &self.error) {
            (Some(status), _) => Some(S3Answer::Http {
                status,
                code: self.code.clone(),
            }),
            (None, Some(error)) => Some(S3Answer::NoAnswer(error.clone())),
            (None, None) => None,
        }
    }
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
