//! scs-0101 (entropy): `scs-0101-flavor-property` over every flavor and
//! `scs-0101-image-property` over the public images, with [`scs_standards::entropy`]. Both
//! pass with a warning for each flavor or image without the property (the module's docs say
//! why). The other scs-0101 testcases look inside a VM: [`super::not_implemented`].

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::entropy::{FLAVOR_PROPERTY, IMAGE_PROPERTY, flavor_property, image_property};
use scs_standards::image_visibility::ImageCheck;

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

pub(crate) const URL: &str = "https://docs.scs.community/standards/scs-0101-w1-entropy-implementation-testing#automated-tests";

enum Entropy {
    Flavors,
    Images,
}

#[async_trait]
impl Check for Entropy {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        Ok(Outcome::from_check(match self {
            Entropy::Flavors => flavor_property(&ctx.flavors().await?),
            Entropy::Images => image_property(&ctx.images_for(ImageCheck::Entropy).await?),
        }))
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    vec![
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
    ]
}
