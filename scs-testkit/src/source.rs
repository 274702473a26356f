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
