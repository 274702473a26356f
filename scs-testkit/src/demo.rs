//! The embedded demo cloud: a small, realistic SCS cloud snapshot with a few real defects, for
//! trying the testkit without a cloud (`scs demo`).
//!
//! The cloud offers all 31 standard flavors, Ubuntu, Debian and CAPI images with complete
//! scs-0102 metadata, Ceph volume types, the mandatory services plus key manager and S3, and
//! probe results for S3 and the key manager. Its deliberate defects:
//!
//! - flavor `SCS-2V-8-50s` has a 40 GB root disk, less than its name promises
//!   (`scs-0100-semantics-check`);
//! - image `Ubuntu 22.04` promises monthly updates but was registered in March 2026
//!   (`scs-0102-image-recency`);
//! - no volume type advertises encryption (`scs-0114-encrypted-type`, recommended);
//! - a default security-group rule opens SSH to the world (`scs-0115-default-rules`);
//! - the CAPI image follows the v5 naming (`ubuntu-capi-image-v1.33.5`), so the v4 testcase
//!   `scs-0104-image-capi-1` (name scheme with a space) finds none; the scope tests that id
//!   only for v4, which is no longer in force, so `scs demo` does not show it.
//!
//! ```
//! let snapshot = scs_testkit::demo::snapshot();
//! assert_eq!(snapshot.flavors.as_ref().unwrap().len(), 33);
//! ```

use crate::snapshot::{Snapshot, SnapshotSource};

/// The demo snapshot's YAML text.
pub const SNAPSHOT_YAML: &str = include_str!("../data/demo-cloud.yaml");

/// The subject name the demo reports under.
pub const SUBJECT: &str = "demo-cloud";

/// The built-in testcases the demo cloud fails.
pub const EXPECTED_FAILURES: [&str; 5] = [
    "scs-0100-semantics-check",
    "scs-0102-image-recency",
    "scs-0104-image-capi-1",
    "scs-0114-encrypted-type",
    "scs-0115-default-rules",
];

/// The demo snapshot, to build on.
pub fn snapshot() -> Snapshot {
    // The text is part of this crate and checked by its tests; it always parses.
    Snapshot::parse(SNAPSHOT_YAML).expect("the embedded demo snapshot is valid")
}

/// The demo snapshot as a source.
pub fn source() -> SnapshotSource {
    SnapshotSource::new(snapshot())
}
