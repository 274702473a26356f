//! scs-0101 (entropy) on a sample VM: these testcases look inside a VM booted on the cloud;
//! they are not implemented yet and ABORT saying so, never PASS. (scs-0101's flavor and image metadata testcases are in
//! [`super::entropy`].)

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::entropy::{ENTROPY_AVAIL, FIPS_TEST, RNGD};

use super::entropy::URL as ENTROPY_URL;
use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

/// ABORT with a fixed reason.
struct NotImplemented(String);

#[async_trait]
impl Check for NotImplemented {
    async fn check(&self, _ctx: &Context) -> Result<Outcome, FactError> {
        Ok(Outcome::abort(format!("not implemented: {}", self.0)))
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    const RUN_REFERENCE: &str =
        "this tool boots no VM (a later release); run the reference openstack_test.py for it";
    let entropy = [
        (
            RNGD,
            "The service `rngd` is present on a sample VM.",
            "scs-0101-rngd looks for the service `rngd` inside a sample VM",
        ),
        (
            ENTROPY_AVAIL,
            "`entropy_avail` is 256 on a sample VM.",
            "scs-0101-entropy-avail reads /proc/sys/kernel/random/entropy_avail inside a sample VM",
        ),
        (
            FIPS_TEST,
            "The FIPS test passes on a sample VM.",
            "scs-0101-fips-test runs `rngtest` on /dev/random inside a sample VM",
        ),
    ];
    entropy
        .into_iter()
        .map(|(id, description, what)| {
            Builtin::boxed(
                id,
                description,
                ENTROPY_URL,
                "scs-0101",
                NotImplemented(format!("{what}; {RUN_REFERENCE}")),
            )
        })
        .collect()
}
