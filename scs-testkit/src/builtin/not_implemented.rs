//! scs-0101 (entropy) and scs-0117 (volume backup): these testcases boot a VM or create
//! volumes and backups; they are not implemented yet and ABORT saying so, never PASS.

use std::sync::Arc;

use async_trait::async_trait;

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

const ENTROPY_URL: &str = "https://docs.scs.community/standards/scs-0101-w1-entropy-implementation-testing#automated-tests";
const BACKUP_URL: &str = "https://docs.scs.community/standards/scs-0117-w1-volume-backup-service-implementation#automated-tests";

/// ABORT with a fixed reason.
struct NotImplemented(&'static str);

#[async_trait]
impl Check for NotImplemented {
    async fn check(&self, _ctx: &Context) -> Result<Outcome, FactError> {
        Ok(Outcome::abort(format!("not implemented: {}", self.0)))
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    const VM: &str = "scs-0101 needs a sample VM booted on the cloud (a later release); run the reference openstack_test.py for it";
    let entropy = [
        (
            "scs-0101-flavor-property",
            "Each flavor has the extra spec `hw_rng:allowed=True`.",
        ),
        (
            "scs-0101-image-property",
            "Each public image has the property `hw_rng_model: virtio`.",
        ),
        (
            "scs-0101-rngd",
            "The service `rngd` is present on a sample VM.",
        ),
        (
            "scs-0101-entropy-avail",
            "`entropy_avail` is 256 on a sample VM.",
        ),
        ("scs-0101-fips-test", "The FIPS test passes on a sample VM."),
    ];
    let mut all: Vec<Arc<dyn Testcase>> = entropy
        .into_iter()
        .map(|(id, description)| {
            Builtin::boxed(id, description, ENTROPY_URL, "scs-0101", NotImplemented(VM))
        })
        .collect();
    all.push(Builtin::boxed(
        "scs-0117-test-backup",
        "Volume backup works.",
        BACKUP_URL,
        "scs-0117",
        NotImplemented(
            "scs-0117 needs to create a volume and a backup (a later release); run the reference openstack_test.py for it",
        ),
    ));
    all
}
