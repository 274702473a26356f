//! scs-0104 (standard images): `scs-0104-source-X` and `scs-0104-image-X` for the image specs of
//! the scope, with [`scs_standards::standard_images`], over the images present
//! ([`ImageCheck::StandardImages`]: not the hidden ones).

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::image_visibility::ImageCheck;
use scs_standards::standard_images::{ImageSpec, TESTCASE_SPECS};

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

const URL: &str = "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests";

enum StandardImage {
    Source(ImageSpec),
    Presence(ImageSpec),
}

#[async_trait]
impl Check for StandardImage {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        let images = ctx.images_for(ImageCheck::StandardImages).await?;
        Ok(Outcome::from_check(match self {
            StandardImage::Source(spec) => spec.check_source(&images),
            StandardImage::Presence(spec) => spec.check_presence(&images),
        }))
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    let mut all = Vec::new();
    for t in TESTCASE_SPECS {
        all.push(Builtin::boxed(
            format!("scs-0104-source-{}", t.suffix),
            format!("{} images have a canonical image_source.", t.name),
            URL,
            "scs-0104",
            StandardImage::Source(t.spec()),
        ));
        if t.presence_testcase {
            all.push(Builtin::boxed(
                format!("scs-0104-image-{}", t.suffix),
                format!("An image {} is in the list of public images.", t.name),
                URL,
                "scs-0104",
                StandardImage::Presence(t.spec()),
            ));
        }
    }
    all
}
