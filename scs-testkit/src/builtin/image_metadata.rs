//! scs-0102 (image metadata): `scs-0102-prop-<property>`, `scs-0102-image-recency` and
//! `scs-0102-os_purpose-uniqueness` over the public and community images, with
//! [`scs_standards::image_metadata`].
//!
//! The scope runs these ids once for both scs-0102-v1 and scs-0102-v2, so each id has one
//! meaning; the checks use the vocabulary of v2 ("Version 2.0 makes the field `os_purpose`
//! mandatory and adds a new value `oldgeneric`"): `os_purpose=oldgeneric` is accepted. The only
//! other difference, the advice given by `os_purpose-uniqueness`, follows v2 too. Image
//! recency is judged at [`Context::now`] (a snapshot's `taken_at`).

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::image_metadata::{
    IMAGE_RECENCY, OS_PURPOSE_UNIQUENESS, Property, Version, check_images, image_recency,
    os_purpose_uniqueness,
};

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

const URL: &str = "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests";

/// The version whose vocabulary the shared testcase ids use.
const VERSION: Version = Version::V2;

enum ImageMetadata {
    Property(Property),
    Recency,
    Uniqueness,
}

#[async_trait]
impl Check for ImageMetadata {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        let images = ctx.public_images().await?;
        Ok(Outcome::from_check(match self {
            ImageMetadata::Property(p) => check_images(*p, VERSION, &images, ctx.now()),
            ImageMetadata::Recency => image_recency(&images, ctx.now()),
            ImageMetadata::Uniqueness => os_purpose_uniqueness(&images, VERSION),
        }))
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    let mut all: Vec<Arc<dyn Testcase>> = Property::ALL
        .iter()
        .map(|&p| {
            Builtin::boxed(
                p.testcase(),
                format!("Each image has a meaningful value for `{}`.", p.as_str()),
                URL,
                "scs-0102",
                ImageMetadata::Property(p),
            )
        })
        .collect();
    all.push(Builtin::boxed(
        IMAGE_RECENCY,
        "Each image is as recent as its properties promise.",
        URL,
        "scs-0102",
        ImageMetadata::Recency,
    ));
    all.push(Builtin::boxed(
        OS_PURPOSE_UNIQUENESS,
        "Generic OS images are uniquely identified by (architecture, os_distro, os_version).",
        URL,
        "scs-0102",
        ImageMetadata::Uniqueness,
    ));
    all
}
