//! scs-0117 (volume backup): the testcase creates volumes and backups; it is not implemented
//! yet and ABORTs saying so, never PASS.

use std::sync::Arc;

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};
use async_trait::async_trait;

const BACKUP_URL: &str = "https://docs.scs.community/standards/scs-0117-w1-volume-backup-service-implementation#automated-tests";

/// ABORT with a fixed reason.
struct NotImplemented(String);

#[async_trait]
impl Check for NotImplemented {
    async fn check(&self, _ctx: &Context) -> Result<Outcome, FactError> {
        Ok(Outcome::abort(format!("not implemented: {}", self.0)))
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    vec![Builtin::boxed(
        "scs-0117-test-backup",
        "Volume backup works.",
        BACKUP_URL,
        "scs-0117",
        NotImplemented(
            "scs-0117 needs to create a volume and a backup (a later release); run the reference openstack_test.py for it".into(),
        ),
    )]
}
