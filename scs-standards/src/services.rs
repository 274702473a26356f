//! scs-0123 v1 and v2, Mandatory and Supported IaaS Services: required service types in the
//! Keystone catalog.
//!
//! v2, section "Mandatory IaaS APIs": "The following IaaS APIs MUST be present [...]. The
//! endpoints of services MUST be findable through the `catalog list` of the identity API." and
//! "Aliases for these service types are only permitted where defined by the OpenStack Service
//! Type Authority. Catalog entries SHOULD use the canonical service type, not aliases."
//!
//! Testcases (scs-0123-w1 and the scope): `scs-0123-service-<type>` for each mandatory type,
//! `scs-0123-storage-apis` (block storage as `block-storage` or one of its aliases), and for v2
//! `scs-0123-service-s3` (type `object-store-s3`). The v1 testcase `scs-0123-swift-s3` talks to
//! the S3 endpoint and is not a pure check; it is not implemented here.
//!
//! Block storage is accepted under every alias the Service Type Authority defines for
//! `block-storage` (`volumev3`, `volumev2`, `volume`, `block-store`), following the sentence
//! quoted above; the reference checker accepts only `volume` and `volumev3` besides the canonical
//! name. With v2, an alias yields a warning ("SHOULD use the canonical service type").

use crate::cloud::CatalogEntry;
use crate::document::string_enum;
use crate::{Finding, Findings, TestcaseFindings};

string_enum!(
    /// The mandatory service types (v2 table "Mandatory IaaS APIs", plus `placement`, which the
    /// certificate scope tests for v1).
    ///
    /// ```
    /// use scs_standards::services::ServiceType;
    /// assert_eq!(ServiceType::BlockStorage.aliases(), ["volumev3", "volumev2", "volume", "block-store"]);
    /// assert_eq!(ServiceType::ObjectStoreS3.testcase(), "scs-0123-service-s3");
    /// ```
    ServiceType, "service type", {
        /// Cinder.
        BlockStorage = "block-storage",
        /// Nova.
        Compute = "compute",
        /// Keystone.
        Identity = "identity",
        /// Glance.
        Image = "image",
        /// Octavia.
        LoadBalancer = "load-balancer",
        /// Neutron.
        Network = "network",
        /// S3-compatible object storage (type not assigned by the Service Type Authority).
        ObjectStoreS3 = "object-store-s3",
        /// Placement (tested by the scope's v1 module).
        Placement = "placement",
    }
);

impl ServiceType {
    /// Aliases defined by the OpenStack Service Type Authority.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            ServiceType::BlockStorage => &["volumev3", "volumev2", "volume", "block-store"],
            ServiceType::Compute
            | ServiceType::Identity
            | ServiceType::Image
            | ServiceType::LoadBalancer
            | ServiceType::Network
            | ServiceType::ObjectStoreS3
            | ServiceType::Placement => &[],
        }
    }

    /// The testcase id checking this type.
    pub fn testcase(self) -> &'static str {
        match self {
            ServiceType::BlockStorage => "scs-0123-storage-apis",
            ServiceType::Compute => "scs-0123-service-compute",
            ServiceType::Identity => "scs-0123-service-identity",
            ServiceType::Image => "scs-0123-service-image",
            ServiceType::LoadBalancer => "scs-0123-service-load-balancer",
            ServiceType::Network => "scs-0123-service-network",
            ServiceType::ObjectStoreS3 => "scs-0123-service-s3",
            ServiceType::Placement => "scs-0123-service-placement",
        }
    }
}

/// Major version of scs-0123.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServicesVersion {
    /// scs-0123-v1 (Stable).
    V1,
    /// scs-0123-v2 (Draft).
    V2,
}

impl ServicesVersion {
    /// The service types this version's module checks (the testcases of the scope module
    /// `scs-0123-v1` / `scs-0123-v2`, without `scs-0123-swift-s3`).
    pub fn required(self) -> &'static [ServiceType] {
        use ServiceType::*;
        match self {
            ServicesVersion::V1 => &[
                Compute,
                Identity,
                Image,
                Network,
                LoadBalancer,
                Placement,
                BlockStorage,
            ],
            ServicesVersion::V2 => &[
                Compute,
                Identity,
                Image,
                Network,
                LoadBalancer,
                BlockStorage,
                ObjectStoreS3,
            ],
        }
    }
}

/// Checks that `service_type` (or an alias) is in the catalog with at least one endpoint.
///
/// ```
/// use scs_standards::{cloud::CatalogEntry, services::{service_present, ServiceType, ServicesVersion}};
/// let catalog = [CatalogEntry::new("volumev3", "https://cinder.example")];
/// let o = service_present(&catalog, ServiceType::BlockStorage, ServicesVersion::V1);
/// assert!(o.passed());
/// assert!(!service_present(&catalog, ServiceType::Compute, ServicesVersion::V1).passed());
/// ```
pub fn service_present(
    catalog: &[CatalogEntry],
    service_type: ServiceType,
    version: ServicesVersion,
) -> Findings {
    let canonical = service_type.as_str();
    let mut outcome = Findings::default();
    let matching: Vec<&CatalogEntry> = catalog
        .iter()
        .filter(|e| {
            e.service_type == canonical || service_type.aliases().contains(&e.service_type.as_str())
        })
        .collect();
    let with_endpoints: Vec<&&CatalogEntry> = matching
        .iter()
        .filter(|e| !e.endpoints.is_empty())
        .collect();
    if with_endpoints.is_empty() {
        let names: Vec<&str> = std::iter::once(canonical)
            .chain(service_type.aliases().iter().copied())
            .collect();
        let hint = if matching.is_empty() {
            ""
        } else {
            " (an entry exists but has no endpoints)"
        };
        outcome.push(Finding::error(
            canonical,
            format!(
                "no service of type {} in the catalog{hint}; register its endpoints in Keystone",
                names.join(" / ")
            ),
        ));
        return outcome;
    }
    for entry in with_endpoints {
        if entry.service_type == canonical {
            outcome.push(Finding::info(
                canonical,
                format!("found as `{}`", entry.service_type),
            ));
        } else if version == ServicesVersion::V2 {
            outcome.push(Finding::warning(
                canonical,
                format!("found under the alias `{}`; catalog entries should use the canonical type `{canonical}`", entry.service_type),
            ));
        } else {
            outcome.push(Finding::info(
                canonical,
                format!("found under the alias `{}`", entry.service_type),
            ));
        }
    }
    outcome
}

/// Runs the testcases of scs-0123 `version` over a Keystone catalog.
///
/// ```
/// use scs_standards::{cloud::CatalogEntry, services::{validate, ServicesVersion}};
/// let catalog: Vec<CatalogEntry> = ["compute", "identity", "image", "network", "load-balancer",
///     "block-storage", "object-store-s3"].iter().map(|t| CatalogEntry::new(*t, "https://x")).collect();
/// assert!(validate(ServicesVersion::V2, &catalog).values().all(|o| o.passed()));
/// assert!(!validate(ServicesVersion::V1, &catalog)["scs-0123-service-placement"].passed());
/// ```
pub fn validate(version: ServicesVersion, catalog: &[CatalogEntry]) -> TestcaseFindings {
    version
        .required()
        .iter()
        .map(|&t| {
            (
                t.testcase().to_owned(),
                service_present(catalog, t, version),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn catalog(types: &[&str]) -> Vec<CatalogEntry> {
        types
            .iter()
            .map(|t| CatalogEntry::new(*t, "https://x"))
            .collect()
    }

    #[test]
    fn testcase_ids_per_version() {
        let v1: Vec<String> = validate(ServicesVersion::V1, &[]).into_keys().collect();
        assert_eq!(
            v1,
            [
                "scs-0123-service-compute",
                "scs-0123-service-identity",
                "scs-0123-service-image",
                "scs-0123-service-load-balancer",
                "scs-0123-service-network",
                "scs-0123-service-placement",
                "scs-0123-storage-apis"
            ]
        );
        let v2 = validate(ServicesVersion::V2, &[]);
        assert!(v2.contains_key("scs-0123-service-s3"));
        assert!(!v2.contains_key("scs-0123-service-placement"));
        assert!(v2.values().all(|o| !o.passed()));
    }

    #[test]
    fn block_storage_aliases() {
        for alias in [
            "block-storage",
            "volumev3",
            "volumev2",
            "volume",
            "block-store",
        ] {
            assert!(
                service_present(
                    &catalog(&[alias]),
                    ServiceType::BlockStorage,
                    ServicesVersion::V1
                )
                .passed(),
                "{alias}"
            );
        }
        assert!(
            !service_present(
                &catalog(&["volumev4"]),
                ServiceType::BlockStorage,
                ServicesVersion::V1
            )
            .passed()
        );
        let o = service_present(
            &catalog(&["volumev3"]),
            ServiceType::BlockStorage,
            ServicesVersion::V2,
        );
        assert!(o.passed());
        assert_eq!(o.findings[0].severity, Severity::Warning);
        let o = service_present(
            &catalog(&["volumev3"]),
            ServiceType::BlockStorage,
            ServicesVersion::V1,
        );
        assert_eq!(o.findings[0].severity, Severity::Info);
    }

    #[test]
    fn s3_needs_its_own_type_and_endpoints() {
        assert!(
            !service_present(
                &catalog(&["s3", "object-store"]),
                ServiceType::ObjectStoreS3,
                ServicesVersion::V2
            )
            .passed()
        );
        let mut entry = CatalogEntry::new("compute", "https://x");
        entry.endpoints.clear();
        let o = service_present(&[entry], ServiceType::Compute, ServicesVersion::V2);
        assert!(!o.passed());
        assert!(o.findings[0].message.contains("has no endpoints"));
    }

    #[test]
    fn catalog_json_round_trip() {
        let json = r#"[{"type": "compute", "name": "nova", "endpoints": [{"interface": "public", "url": "https://n"}]},
                       {"type": "placement", "endpoints": [{"interface": "public", "url": "https://p"}]}]"#;
        let entries: Vec<CatalogEntry> = serde_json::from_str(json).unwrap();
        let o = validate(ServicesVersion::V1, &entries);
        assert!(o["scs-0123-service-compute"].passed());
        assert!(o["scs-0123-service-placement"].passed());
        assert!(!o["scs-0123-service-image"].passed());
    }
}
