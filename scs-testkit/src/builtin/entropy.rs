//! scs-0101 (entropy): `scs-0101-flavor-property` over every flavor and
//! `scs-0101-image-property` over the public images, with [`scs_standards::entropy`]; both pass
//! with a warning for each flavor or image without the property (the module's docs say why).
//! `scs-0101-entropy-avail`, `-fips-test`, `-rngd` and `-virtio-rng` look inside one sample VM
//! ([`Context::entropy_vm`], booted once for all four) and decide with
//! [`scs_standards::entropy::vm`]; a probe that could not run or finish is an ABORT with its
//! reason.

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::entropy::vm::{self, ConsoleReadings, Decision, VIRTIO_RNG};
use scs_standards::entropy::{
    ENTROPY_AVAIL, FIPS_TEST, FLAVOR_PROPERTY, IMAGE_PROPERTY, RNGD, flavor_property,
    image_property,
};
use scs_standards::image_visibility::ImageCheck;

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

pub(crate) const URL: &str = "https://docs.scs.community/standards/scs-0101-w1-entropy-implementation-testing#automated-tests";

enum Entropy {
    Flavors,
    Images,
    /// A decision on the sample VM's console readings.
    Vm(Decide),
}

/// Decides a testcase on the sample VM's console readings and its image's name.
type Decide = fn(&ConsoleReadings, &str) -> Decision;

#[async_trait]
impl Check for Entropy {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        Ok(match self {
            Entropy::Flavors => Outcome::from_check(flavor_property(&ctx.flavors().await?)),
            Entropy::Images => {
                Outcome::from_check(image_property(&ctx.images_for(ImageCheck::Entropy).await?))
            }
            Entropy::Vm(decide) => {
                let probe = ctx.entropy_vm().await?;
                match decide(&probe.readings, &probe.image) {
                    Ok(checked) => Outcome::from_check(checked),
                    Err(undecided) => Outcome::abort(undecided.to_string()),
                }
            }
        })
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    let on_vm: [(&str, &str, Decide); 4] = [
        (
            ENTROPY_AVAIL,
            "`entropy_avail` is 256 on a sample VM.",
            vm::entropy_avail,
        ),
        (
            FIPS_TEST,
            "The FIPS test passes on a sample VM (below 5 failures of 1000 blocks).",
            vm::fips_test,
        ),
        (
            RNGD,
            "The service `rngd` is present on a sample VM (a warning only: no longer recommended).",
            vm::rngd,
        ),
        (
            VIRTIO_RNG,
            "A sample VM has a virtio-rng device (a warning only: optional).",
            vm::virtio_rng,
        ),
    ];
    let mut all = vec![
        Builtin::boxed(
            FLAVOR_PROPERTY,
            "Each flavor has the extra spec `hw_rng:allowed=True`.",
            URL,
            "scs-0101",
            Entropy::Flavors,
        ),
        Builtin::boxed(
            IMAGE_PROPERTY,
            "Each public image has the property `hw_rng_model: virtio`.",
            URL,
            "scs-0101",
            Entropy::Images,
        ),
    ];
    all.extend(on_vm.into_iter().map(|(id, description, decide)| {
        Builtin::boxed(id, description, URL, "scs-0101", Entropy::Vm(decide))
    }));
    all
}
