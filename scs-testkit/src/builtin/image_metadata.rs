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
use scs_standards::Finding;
use scs_standards::image_metadata::{
    IMAGE_RECENCY, ImageMetadataVersion, OS_PURPOSE_UNIQUENESS, Property, check_property,
    image_recency, os_purpose_uniqueness,
};

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

const URL: &str = "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests";

/// The version whose vocabulary the shared testcase ids use.
const VERSION: ImageMetadataVersion = ImageMetadataVersion::V2;

enum ImageMetadata {
    Property(Property),
    Recency,
    Uniqueness,
}

/// The findings of every property for every public image, in the order of [`Property::ALL`],
/// each list in image order (what [`scs_standards::image_metadata::check_images`] gives per
/// property). Computed in one pass, image by image, so that each image's properties are read
/// while in cache (about three times faster on large image lists than one pass per
/// property), and shared by the property testcases of a context.
struct PropertyFindings(Result<Vec<Vec<Finding>>, FactError>);

async fn property_findings(ctx: &Context) -> Arc<PropertyFindings> {
    ctx.derived(|| async {
        PropertyFindings(ctx.public_images().await.map(|images| {
            let mut findings = vec![Vec::new(); Property::ALL.len()];
            for img in images.iter() {
                for (found, &p) in findings.iter_mut().zip(Property::ALL) {
                    found.extend(check_property(p, VERSION, img, ctx.now()));
                }
            }
            findings
        }))
    })
    .await
}

#[async_trait]
impl Check for ImageMetadata {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        let checked = match self {
            ImageMetadata::Property(p) => {
                let all = property_findings(ctx).await;
                let findings = all.0.as_ref().map_err(Clone::clone)?;
                let at = Property::ALL
                    .iter()
                    .position(|q| q == p)
                    .unwrap_or_default();
                scs_standards::Findings {
                    findings: findings[at].clone(),
                }
            }
            ImageMetadata::Recency => image_recency(&ctx.public_images().await?, ctx.now()),
            ImageMetadata::Uniqueness => {
                os_purpose_uniqueness(&ctx.public_images().await?, VERSION)
            }
        };
        Ok(Outcome::from_check(checked))
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
