//! Offline cloud snapshots: one YAML or JSON file with what the OpenStack APIs returned.
//!
//! # Format
//!
//! A mapping whose keys each hold exactly the list the OpenStack API returns for that collection
//! (the list inside the response body, not the wrapping object):
//!
//! | key | API call |
//! | --- | --- |
//! | `flavors` | Nova `GET /v2.1/flavors/detail`, microversion ≥ 2.61 (with `extra_specs`) |
//! | `images` | Glance v2 `GET /v2/images` (custom properties are top-level keys of each image) |
//! | `volume_types` | Cinder `GET /v3/{project_id}/types` |
//! | `default_security_group_rules` | Neutron `GET /v2.0/default-security-group-rules`; leave it out (or `null`) for a cloud older than 2023.2, which has no such API |
//! | `catalog` | the Keystone v3 token's `catalog` (`type`, `name`, `endpoints` with `interface`, `region`, `url`) |
//! | `roles` | the role names the token carries (`[member, reader]`; `{name: ...}` objects as in the token are accepted too) |
//!
//! Optional keys this crate adds:
//!
//! - `taken_at`: when the snapshot was taken (RFC 3339, `2026-11-20T09:00:00Z`); dates such as
//!   image recency are judged at that time instead of now.
//! - `probes`: results of probes only a live cloud can run. Without a probe, the testcases that
//!   need it ABORT with "needs a live cloud" — never PASS.
//!   - `fresh_security_group_rules`: the rules (Neutron `security_group_rules`) of a security
//!     group created for the test, on clouds without `default_security_group_rules`
//!     (`scs-0115-default-rules`);
//!   - `swift_s3`: see [`SwiftS3Probe`](crate::SwiftS3Probe) (`scs-0123-swift-s3`);
//!   - `key_manager_member_access`: see [`KeyManagerProbe`](crate::KeyManagerProbe) (`scs-0116-permissions`);
//!   - `volume_backup`: see [`VolumeBackupProbe`](scs_standards::volume_backup::VolumeBackupProbe) (`scs-0117-test-backup`);
//!   - `entropy_vm`: see [`EntropyVmProbe`](crate::EntropyVmProbe) (`scs-0101-entropy-avail`, `-fips-test`, `-rngd`,
//!     `-virtio-rng`).
//!
//! The keys are those of the [fact table](crate::facts), which generates the reading and the
//! writing of this format. Unknown keys are ignored (a snapshot may carry more of the API's answers). A key that is
//! missing makes the testcases needing it ABORT ("the snapshot has no `images` key"). A
//! malformed snapshot is an error naming the key and the item: `images[3] (Debian 12): invalid
//! type: integer, expected a string`.
//!
//! ```
//! use scs_testkit::{CloudSource, SnapshotSource};
//! let source = SnapshotSource::from_yaml_str(r#"
//! taken_at: 2026-11-20T09:00:00Z
//! flavors:
//! - {id: "1", name: SCS-1V-4, vcpus: 1, ram: 4096, disk: 0, extra_specs: {"scs:cpu-type": shared-core}}
//! catalog:
//! - type: compute
//!   name: nova
//!   endpoints: [{interface: public, region: RegionOne, url: "https://nova.example:8774/v2.1"}]
//! roles: [member, reader]
//! "#).unwrap();
//! assert!(source.taken_at().is_some());
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::facts::SharedFacts;
pub use crate::facts::{Probes, Snapshot};

/// Snapshots larger than this are refused before parsing. A snapshot of a large public cloud
/// (thousands of images and flavors) is a few MB; the parsed document takes several times the
/// text's size in memory, so this bounds what a hostile file can cost.
pub const MAX_SNAPSHOT_BYTES: usize = 32 << 20;

/// Why a snapshot could not be read.
///
/// ```
/// let e = scs_testkit::SnapshotSource::from_yaml_str("flavors:\n- {name: SCS-1V-4, vcpus: one, ram: 4096, disk: 0}\n").unwrap_err();
/// assert!(e.to_string().starts_with("flavors[0] (SCS-1V-4): invalid type: string \"one\""), "{e}");
/// ```
#[derive(Debug, thiserror::Error)]
pub struct SnapshotError {
    /// The file, if read from one.
    pub file: Option<PathBuf>,
    /// What is wrong, and where.
    pub kind: SnapshotErrorKind,
}

/// What is wrong with a snapshot.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotErrorKind {
    /// The file cannot be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// Not valid YAML or JSON (the message has line and column), aliases that expand too
    /// much, or nesting deeper than the parser allows.
    #[error("{0}")]
    Syntax(String),
    /// The text exceeds [`MAX_SNAPSHOT_BYTES`] (the number says how many bytes were seen: one
    /// more than the limit when read from a file, which is not read further).
    #[error("too large ({0} bytes, at most {MAX_SNAPSHOT_BYTES} accepted)")]
    TooLarge(usize),
    /// The document is not a mapping of keys.
    #[error("a snapshot is a mapping with keys such as `flavors` and `images`, found {0}")]
    NotAMapping(&'static str),
    /// A key does not hold the expected shape.
    #[error("{key}: {message}")]
    Key {
        /// The key (`probes.swift_s3` for nested keys).
        key: String,
        /// What is wrong.
        message: String,
    },
    /// One item of a list is malformed.
    #[error("{key}[{index}]{}: {message}", .name.as_ref().map(|n| format!(" ({n})")).unwrap_or_default())]
    Item {
        /// The key of the list.
        key: String,
        /// Position in the list, from 0.
        index: usize,
        /// The item's `name`, if it has one.
        name: Option<String>,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{}: {}", file.display(), self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl From<SnapshotErrorKind> for SnapshotError {
    fn from(kind: SnapshotErrorKind) -> Self {
        SnapshotError { file: None, kind }
    }
}

pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// Takes the list at `key` and deserializes each item, naming the item in errors (the reader
/// `list` of the fact table).
pub(crate) fn list<T: DeserializeOwned>(
    map: &mut serde_json::Map<String, Value>,
    key: &str,
    prefix: &str,
) -> Result<Option<Vec<T>>, SnapshotErrorKind> {
    let full = format!("{prefix}{key}");
    match map.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(index, item)| {
                let name = item.get("name").and_then(Value::as_str).map(str::to_owned);
                serde_json::from_value(item).map_err(|e| SnapshotErrorKind::Item {
                    key: full.clone(),
                    index,
                    name,
                    message: e.to_string(),
                })
            })
            .collect::<Result<Vec<T>, _>>()
            .map(Some),
        Some(other) => Err(SnapshotErrorKind::Key {
            key: full,
            message: format!("expected a list, found {}", kind_of(&other)),
        }),
    }
}

/// Takes the object at `key` (the reader `object` of the fact table).
pub(crate) fn object<T: DeserializeOwned>(
    map: &mut serde_json::Map<String, Value>,
    key: &str,
    prefix: &str,
) -> Result<Option<T>, SnapshotErrorKind> {
    match map.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => {
            serde_json::from_value(value)
                .map(Some)
                .map_err(|e| SnapshotErrorKind::Key {
                    key: format!("{prefix}{key}"),
                    message: e.to_string(),
                })
        }
    }
}

/// A role as a plain name or as the token's `{id, name}` object.
#[derive(Deserialize)]
#[serde(untagged)]
enum Role {
    Name(String),
    Object { name: String },
}

/// Takes the role names at `key`, given as names or as the token's `{id, name}` objects (the
/// reader `roles` of the fact table).
pub(crate) fn roles(
    map: &mut serde_json::Map<String, Value>,
    key: &str,
    prefix: &str,
) -> Result<Option<Vec<String>>, SnapshotErrorKind> {
    let roles: Option<Vec<Role>> = list(map, key, prefix)?;
    Ok(roles.map(|r| {
        r.into_iter()
            .map(|r| match r {
                Role::Name(n) | Role::Object { name: n } => n,
            })
            .collect()
    }))
}

impl Snapshot {
    /// Reads a snapshot from a parsed document.
    fn from_value(value: Value) -> Result<Self, SnapshotErrorKind> {
        let mut map = match value {
            Value::Object(map) => map,
            other => return Err(SnapshotErrorKind::NotAMapping(kind_of(&other))),
        };
        let taken_at = match map.remove("taken_at") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(
                DateTime::parse_from_rfc3339(&s)
                    .map_err(|e| SnapshotErrorKind::Key {
                        key: "taken_at".into(),
                        message: format!(
                            "{s:?} is not an RFC 3339 time ({e}), e.g. 2026-11-20T09:00:00Z"
                        ),
                    })?
                    .with_timezone(&Utc),
            ),
            Some(other) => {
                return Err(SnapshotErrorKind::Key {
                    key: "taken_at".into(),
                    message: format!("expected an RFC 3339 time, found {}", kind_of(&other)),
                });
            }
        };
        Snapshot::facts_from_map(taken_at, &mut map)
    }

    /// Parses a snapshot from YAML or JSON text (JSON is YAML too; text starting with `{` is
    /// read with the faster JSON parser).
    ///
    /// ```
    /// let s = scs_testkit::Snapshot::parse(r#"{"roles": ["member"], "extra": 1}"#).unwrap();
    /// assert_eq!(s.roles.unwrap(), ["member"]);
    /// assert!(s.flavors.is_none());
    /// ```
    pub fn parse(text: &str) -> Result<Self, SnapshotError> {
        if text.len() > MAX_SNAPSHOT_BYTES {
            return Err(SnapshotErrorKind::TooLarge(text.len()).into());
        }
        let value: Value = if text.trim_start().starts_with('{') {
            serde_json::from_str(text)
                .map_err(|e| SnapshotErrorKind::Syntax(format!("JSON: {e}")))?
        } else {
            // The YAML parser lists every event before its own depth limit applies.
            scs_scope::check_flow_depth(text).map_err(|at| {
                SnapshotErrorKind::Syntax(format!(
                    "YAML: nesting deeper than {} levels at line {} column {}",
                    scs_scope::MAX_FLOW_DEPTH,
                    at.line,
                    at.column
                ))
            })?;
            match serde_yaml::from_str::<Option<Value>>(text)
                .map_err(|e| SnapshotErrorKind::Syntax(format!("YAML: {e}")))?
            {
                Some(v) => v,
                None => Value::Object(Default::default()),
            }
        };
        Ok(Snapshot::from_value(value)?)
    }

    /// Reads and parses a snapshot file; errors name the file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, SnapshotError> {
        let path = path.as_ref();
        let with_file = |kind: SnapshotErrorKind| SnapshotError {
            file: Some(path.to_owned()),
            kind,
        };
        // Read one byte more than allowed, to refuse an oversized file without reading it whole.
        use std::io::Read;
        let mut text = String::new();
        std::fs::File::open(path)
            .and_then(|file| {
                file.take(MAX_SNAPSHOT_BYTES as u64 + 1)
                    .read_to_string(&mut text)
            })
            .map_err(|e| with_file(e.into()))?;
        Snapshot::parse(&text).map_err(|e| with_file(e.kind))
    }
}

/// A [`CloudSource`](crate::CloudSource) answering from a [`Snapshot`], without copying: it
/// holds each fact once and hands out shared references. A fact the snapshot lacks is an error
/// ("the snapshot has no `images` key"), a probe it lacks "needs a live cloud", and an optional
/// fact it lacks (`default_security_group_rules`) is `None`: what the [fact
/// table](crate::facts) says for each.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use scs_testkit::{CloudSource, FactError, SnapshotSource};
/// let source = SnapshotSource::from_yaml_str("roles: [member]").unwrap();
/// assert_eq!(*source.roles().await.unwrap(), ["member"]);
/// assert!(source.default_security_group_rules().await.unwrap().is_none());
/// assert!(matches!(source.swift_s3().await, Err(FactError::NeedsLiveCloud(_))));
/// # });
/// ```
#[derive(Debug, Clone, Default)]
pub struct SnapshotSource {
    pub(crate) taken_at: Option<DateTime<Utc>>,
    pub(crate) facts: SharedFacts,
}

impl SnapshotSource {
    /// A source over a snapshot (built in memory, or read with [`Snapshot::parse`]).
    pub fn new(snapshot: Snapshot) -> Self {
        SnapshotSource {
            taken_at: snapshot.taken_at,
            facts: snapshot.into(),
        }
    }

    /// Parses YAML or JSON text ([`Snapshot::parse`]).
    pub fn from_yaml_str(text: &str) -> Result<Self, SnapshotError> {
        Snapshot::parse(text).map(Self::new)
    }

    /// Reads a snapshot file ([`Snapshot::load`]).
    pub fn load(path: impl AsRef<Path>) -> Result<Self, SnapshotError> {
        Snapshot::load(path).map(Self::new)
    }
}
