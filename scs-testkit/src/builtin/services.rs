//! scs-0123 (mandatory services): `scs-0123-service-<type>`, `scs-0123-storage-apis` and
//! `scs-0123-swift-s3`, with [`scs_standards::services`].
//!
//! The ids shared by scs-0123-v1 and v2 are checked with v2's advice (an alias of
//! `block-storage` passes with a warning: "Catalog entries SHOULD use the canonical service
//! type, not aliases"); `scs-0123-service-placement` is v1's, `scs-0123-service-s3` v2's.
//!
//! `scs-0123-swift-s3` (v1 only) is decided as the certification runs it now (scs-0123-w1: it
//! "ensures that S3 is present on the same host as swift"): the probe `swift_s3` sends one S3
//! `ListBuckets`, signed with a made-up access key, to the scheme and host of the `object-store`
//! endpoint, and [`scs_standards::services::swift_s3`] judges the answer. Without `object-store`
//! in the catalog the probe is not run and the testcase passes with an info line.

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::services::{self, ServiceType, ServicesVersion, service_present};

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

const URL: &str = "https://docs.scs.community/standards/scs-0123-w1-mandatory-and-supported-IaaS-services-implementation#automated-tests";

enum Services {
    Present(ServiceType, ServicesVersion),
    SwiftS3,
}

#[async_trait]
impl Check for Services {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        let catalog = ctx.catalog().await?;
        let (service_type, version) = match self {
            Services::Present(t, v) => (*t, *v),
            Services::SwiftS3 => {
                let has_object_store = catalog
                    .iter()
                    .any(|e| e.service_type == "object-store" && !e.endpoints.is_empty());
                if !has_object_store {
                    return Ok(Outcome::from_check(services::swift_s3(None)));
                }
                let probe = ctx.swift_s3().await?;
                let Some(answer) = probe.answer() else {
                    return Ok(Outcome::abort(
                        "probes.swift_s3 is a record of an earlier kind (an S3 bucket listing with an EC2 credential); record the snapshot again",
                    ));
                };
                return Ok(Outcome::from_check(services::swift_s3(Some(&answer))));
            }
        };
        Ok(Outcome::from_check(service_present(
            &catalog,
            service_type,
            version,
        )))
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    use ServiceType::*;
    let mut all: Vec<Arc<dyn Testcase>> = [
        (Compute, ServicesVersion::V2),
        (Identity, ServicesVersion::V2),
        (Image, ServicesVersion::V2),
        (Network, ServicesVersion::V2),
        (LoadBalancer, ServicesVersion::V2),
        (Placement, ServicesVersion::V1),
        (BlockStorage, ServicesVersion::V2),
        (ObjectStoreS3, ServicesVersion::V2),
    ]
    .into_iter()
    .map(|(t, v)| {
        let description = match t {
            BlockStorage => {
                "The block-storage API is discoverable (as `block-storage` or an alias).".to_owned()
            }
            other => format!(
                "A `{}` service is discoverable in the catalog.",
                other.as_str()
            ),
        };
        Builtin::boxed(
            t.testcase(),
            description,
            URL,
            "scs-0123",
            Services::Present(t, v),
        )
    })
    .collect();
    all.push(Builtin::boxed(
        "scs-0123-swift-s3",
        "The object-storage API is compatible with S3.",
        URL,
        "scs-0123",
        Services::SwiftS3,
    ));
    all
}
