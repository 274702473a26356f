//! scs-0117 (volume backup): `scs-0117-test-backup` on the probe `volume_backup` (a 1 GiB
//! volume created, backed up and restored to a new volume, each step waited for; see
//! `openstack::backup`), judged by [`scs_standards::volume_backup::verdict`].
//!
//! Without a Block Storage service in the catalog the testcase FAILs from the catalog alone
//! (no probe runs): the backups API "MUST be offered to customers" (scs-0117-v1, "Standard").

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::cloud::CatalogEntry;
use scs_standards::services::ServiceType;
use scs_standards::volume_backup::{self, TEST_BACKUP};

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

const URL: &str = "https://docs.scs.community/standards/scs-0117-w1-volume-backup-service-implementation#automated-tests";

/// The catalog types under which the Block Storage service is found: `block-storage` and its
/// aliases of the Service Type Authority, in the order they are preferred.
///
/// ```
/// assert_eq!(scs_testkit::builtin::volume_backup::BLOCK_STORAGE_TYPES[0], "block-storage");
/// ```
pub const BLOCK_STORAGE_TYPES: [&str; 5] = [
    "block-storage",
    "volumev3",
    "volumev2",
    "volume",
    "block-store",
];

/// Whether the catalog has a Block Storage service with endpoints.
///
/// ```
/// use scs_standards::cloud::CatalogEntry;
/// use scs_testkit::builtin::volume_backup::has_block_storage;
/// assert!(has_block_storage(&[CatalogEntry::new("volumev3", "http://cinder")]));
/// assert!(!has_block_storage(&[CatalogEntry::new("compute", "http://nova")]));
/// ```
pub fn has_block_storage(catalog: &[CatalogEntry]) -> bool {
    catalog
        .iter()
        .any(|e| BLOCK_STORAGE_TYPES.contains(&e.service_type.as_str()) && !e.endpoints.is_empty())
}

struct VolumeBackup;

#[async_trait]
impl Check for VolumeBackup {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        let catalog = ctx.catalog().await?;
        if !has_block_storage(&catalog) {
            return Ok(Outcome::from_check(volume_backup::without_block_storage()));
        }
        let probe = ctx.volume_backup().await?;
        Ok(match volume_backup::verdict(&probe) {
            Ok(checked) => Outcome::from_check(checked),
            Err(not_asked) => Outcome::abort(not_asked.to_string()),
        })
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    // The table of aliases is scs-standards'; this list must hold all of them.
    debug_assert!(
        ServiceType::BlockStorage
            .aliases()
            .iter()
            .all(|a| BLOCK_STORAGE_TYPES.contains(a))
    );
    vec![Builtin::boxed(
        TEST_BACKUP,
        "Volume backup works: a volume is created, backed up and restored to a new volume.",
        URL,
        "scs-0117",
        VolumeBackup,
    )]
}
