//! The built-in testcases: every testcase of the SCS-compatible IaaS scope
//! (`Tests/scs-compatible-iaas.yaml`) for scs-0100, 0101, 0102, 0103, 0104, 0114, 0115, 0116,
//! 0117 and 0123, one module per standard, each wrapping the validators of `scs-standards`.
//!
//! scs-0101's testcases inside a VM boot one sample VM per run (on a live cloud; a snapshot
//! holds what it showed), the probe `entropy_vm`; scs-0117's volume backup runs on the probe
//! `volume_backup` ([`volume_backup`]). No testcase of the scope ABORTs as not implemented.

use std::sync::Arc;

use async_trait::async_trait;

use crate::context::Context;
use crate::outcome::Outcome;
use crate::source::FactError;
use crate::testcase::{DefinedBy, Testcase};
use scs_scope::TestcaseId;
use scs_standards::StandardId;

pub mod entropy;
pub mod flavor_naming;
pub mod image_metadata;
pub mod key_manager;
pub mod security_groups;
pub mod services;
pub mod standard_flavors;
pub mod standard_images;
pub mod volume_backup;
pub mod volume_types;

/// How one kind of built-in testcase decides; a fact that cannot be loaded is returned as the
/// error and becomes ABORT with its cause.
#[async_trait]
pub(crate) trait Check: Send + Sync + 'static {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError>;
}

/// A built-in testcase: its metadata and its [`Check`].
pub(crate) struct Builtin<C> {
    pub id: TestcaseId,
    pub description: String,
    pub url: &'static str,
    pub standard: StandardId,
    pub check: C,
}

impl<C: Check> Builtin<C> {
    pub(crate) fn boxed(
        id: impl Into<String>,
        description: impl Into<String>,
        url: &'static str,
        standard: &'static str,
        check: C,
    ) -> Arc<dyn Testcase> {
        Arc::new(Builtin {
            id: TestcaseId::new(id),
            description: description.into(),
            url,
            // The built-in tables name their standards as literals (`scs-0100`); every test that
            // builds the registry parses them all.
            standard: standard
                .parse()
                .expect("a built-in testcase names a valid standard id"),
            check,
        })
    }
}

#[async_trait]
impl<C: Check> Testcase for Builtin<C> {
    fn id(&self) -> &TestcaseId {
        &self.id
    }

    fn description(&self) -> &str {
        &self.description
    }

    fn url(&self) -> &str {
        self.url
    }

    fn defined_by(&self) -> DefinedBy {
        DefinedBy::Standard(self.standard)
    }

    async fn run(&self, ctx: &Context) -> Result<Outcome, Outcome> {
        Ok(self.check.check(ctx).await?)
    }
}

/// Every built-in testcase.
pub(crate) fn all() -> Vec<Arc<dyn Testcase>> {
    let mut all = Vec::new();
    all.extend(flavor_naming::testcases());
    all.extend(entropy::testcases());
    all.extend(image_metadata::testcases());
    all.extend(standard_flavors::testcases());
    all.extend(standard_images::testcases());
    all.extend(volume_types::testcases());
    all.extend(volume_backup::testcases());
    all.extend(security_groups::testcases());
    all.extend(key_manager::testcases());
    all.extend(services::testcases());
    all
}
