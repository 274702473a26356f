//! scs-0123 (mandatory services): `scs-0123-service-<type>`, `scs-0123-storage-apis` and
//! `scs-0123-swift-s3`, with [`scs_standards::services`].
//!
//! The ids shared by scs-0123-v1 and v2 are checked with v2's advice (an alias of
//! `block-storage` passes with a warning: "Catalog entries SHOULD use the canonical service
//! type, not aliases"); `scs-0123-service-placement` is v1's, `scs-0123-service-s3` v2's.
//!
//! `scs-0123-swift-s3` (v1 only) compares, through the probe `swift_s3`, the buckets S3 lists at
//! the object-store host with Swift's containers, as the reference does. Where this crate
//! follows the standard rather than the reference: a catalog with neither `object-store` nor
//! `object-store-s3` FAILs (the reference passes), because "The following IaaS APIs MUST be
//! present in SCS-compliant IaaS deployments" lists **s3**, and "The endpoints of services MUST
//! be findable through the `catalog list` of the identity API" (scs-0123-v1, "Mandatory IaaS
//! APIs"). A catalog with `object-store-s3` but no `object-store` passes (the S3 endpoint is
//! findable; there is no Swift to compare with).

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::Finding;
use scs_standards::services::{ServiceType, ServicesVersion, service_present};

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
                let has = |t: &str| {
                    catalog
                        .iter()
                        .any(|e| e.service_type == t && !e.endpoints.is_empty())
                };
                if !has("object-store") {
                    return Ok(if has(ServiceType::ObjectStoreS3.as_str()) {
                        Outcome::pass().with(Finding::info(
                            "object-store-s3",
                            "S3 is in the catalog; no Swift (object-store) to compare it with",
                        ))
                    } else {
                        Outcome::fail(
                            "object-store",
                            "neither object-store nor object-store-s3 in the catalog; the S3 API is mandatory and its endpoint must be findable in the catalog",
                        )
                    });
                }
                let probe = ctx.swift_s3().await?;
                let Some(buckets) = &probe.s3_buckets else {
                    return Ok(Outcome::fail(
                        "object-store",
                        format!(
                            "S3 did not answer at the object-store host{}; serve the S3 API next to Swift (e.g. Ceph RGW with S3 enabled)",
                            probe
                                .error
                                .as_deref()
                                .map(|e| format!(" ({e})"))
                                .unwrap_or_default()
                        ),
                    ));
                };
                let mut buckets = buckets.clone();
                let mut containers = probe.swift_containers.clone();
                buckets.sort();
                containers.sort();
                return Ok(if buckets == containers {
                    Outcome::pass().with(Finding::info(
                        "object-store",
                        "S3 buckets and Swift containers are the same",
                    ))
                } else {
                    Outcome::fail(
                        "object-store",
                        format!(
                            "S3 buckets and Swift containers differ: S3 {buckets:?}, Swift {containers:?}; S3 must serve the same storage as Swift"
                        ),
                    )
                });
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
