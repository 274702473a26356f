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
//! `scs-0123-service-s3` (type `object-store-s3`). The v1 testcase `scs-0123-swift-s3` is
//! decided by [`swift_s3`] from what S3 answered at the object-store host (the request itself
//! is the live source's business).
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
    /// Aliases defined by the OpenStack Service Type Authority: [`ServiceType::names`] without
    /// the canonical type.
    pub fn aliases(self) -> &'static [&'static str] {
        &self.names()[1..]
    }

    /// Every catalog type under which this service is accepted: the canonical type first, then
    /// its aliases. The catalog checks ([`service_present`]) and the live source (which reads
    /// e.g. the volume types from the first of these with an endpoint) use this one list.
    ///
    /// ```
    /// use scs_standards::services::ServiceType;
    /// assert_eq!(ServiceType::BlockStorage.names()[0], "block-storage");
    /// assert!(ServiceType::BlockStorage.names().contains(&"block-store"));
    /// assert_eq!(ServiceType::Compute.names(), ["compute"]);
    /// ```
    pub fn names(self) -> &'static [&'static str] {
        match self {
            ServiceType::BlockStorage => &[
                "block-storage",
                "volumev3",
                "volumev2",
                "volume",
                "block-store",
            ],
            ServiceType::Compute => &["compute"],
            ServiceType::Identity => &["identity"],
            ServiceType::Image => &["image"],
            ServiceType::LoadBalancer => &["load-balancer"],
            ServiceType::Network => &["network"],
            ServiceType::ObjectStoreS3 => &["object-store-s3"],
            ServiceType::Placement => &["placement"],
        }
    }

    /// The service a catalog entry's `type` names, canonical or alias; `None` for other types.
    ///
    /// ```
    /// use scs_standards::services::ServiceType;
    /// assert_eq!(ServiceType::of_catalog_type("block-store"), Some(ServiceType::BlockStorage));
    /// assert_eq!(ServiceType::of_catalog_type("compute"), Some(ServiceType::Compute));
    /// assert_eq!(ServiceType::of_catalog_type("dns"), None);
    /// ```
    pub fn of_catalog_type(catalog_type: &str) -> Option<ServiceType> {
        ServiceType::ALL
            .iter()
            .copied()
            .find(|t| t.names().contains(&catalog_type))
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
        .filter(|e| ServiceType::of_catalog_type(&e.service_type) == Some(service_type))
        .collect();
    let with_endpoints: Vec<&&CatalogEntry> = matching
        .iter()
        .filter(|e| !e.endpoints.is_empty())
        .collect();
    if with_endpoints.is_empty() {
        let names = service_type.names();
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

/// The S3 error codes that show S3 itself answered a request signed with a made-up access key:
/// the key is unknown (`InvalidAccessKeyId`), or, on implementations that check the path before
/// the key, the object is (`NoSuchKey`).
///
/// ```
/// assert!(scs_standards::services::S3_ANSWERED_CODES.contains(&"InvalidAccessKeyId"));
/// ```
pub const S3_ANSWERED_CODES: [&str; 2] = ["InvalidAccessKeyId", "NoSuchKey"];

/// What the object-store host answered to scs-0123-swift-s3's S3 `ListBuckets` (signed with
/// AWS Signature Version 4 and a made-up access key).
///
/// ```
/// use scs_standards::services::S3Answer;
/// let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InvalidAccessKeyId</Code><RequestId>tx1</RequestId></Error>";
/// let answer = S3Answer::from_response(403, body);
/// assert_eq!(answer, S3Answer::Http { status: 403, code: Some("InvalidAccessKeyId".into()) });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum S3Answer {
    /// An HTTP answer: its status and, when the body is an S3 error document, its `<Code>`.
    Http {
        /// The HTTP status.
        status: u16,
        /// `<Error><Code>…</Code></Error>` of the body, if there is one.
        code: Option<String>,
    },
    /// No HTTP answer at all (connection refused, timeout, TLS failure): why.
    NoAnswer(String),
}

impl S3Answer {
    /// The answer with `status` and `body`; the body's S3 error code is read from its first
    /// `<Code>` inside `<Error>` (an S3 error document, `application/xml`).
    ///
    /// ```
    /// use scs_standards::services::S3Answer;
    /// let answer = S3Answer::from_response(200, "<html>It works</html>");
    /// assert_eq!(answer, S3Answer::Http { status: 200, code: None });
    /// ```
    pub fn from_response(status: u16, body: &str) -> Self {
        S3Answer::Http {
            status,
            code: s3_error_code(body).map(str::to_owned),
        }
    }
}

/// The `<Code>` of an S3 error document (`<Error><Code>NoSuchKey</Code>…</Error>`), if `body`
/// is one.
///
/// ```
/// use scs_standards::services::s3_error_code;
/// assert_eq!(s3_error_code("<Error><Code>AccessDenied</Code></Error>"), Some("AccessDenied"));
/// assert_eq!(s3_error_code("{\"error\": \"not S3\"}"), None);
/// ```
pub fn s3_error_code(body: &str) -> Option<&str> {
    let (_, error) = body.split_once("<Error>")?;
    let (_, rest) = error.split_once("<Code>")?;
    let (code, _) = rest.split_once("</Code>")?;
    let code = code.trim();
    (!code.is_empty() && code.len() <= 100 && !code.contains('<')).then_some(code)
}

/// Decides `scs-0123-swift-s3`: "`scs-0123-swift-s3` ensures that S3 is present on the same host
/// as swift" (scs-0123-w1, "Automated tests"; "a rather weak surrogate for testing the presence
/// of S3 in general"). `answer` is what the scheme and host of the `object-store` endpoint
/// answered to an S3 `ListBuckets` signed with a made-up access key; `None` when the catalog has
/// no `object-store` endpoint.
///
/// - S3's error for the unknown key (`InvalidAccessKeyId`, or `NoSuchKey`: see
///   [`S3_ANSWERED_CODES`]): S3 answered on Swift's host: PASS.
/// - Any other answer (success included: no S3 accepts a made-up key), or none: FAIL, saying
///   what came back.
/// - No `object-store` in the catalog: there is no Swift host to look at: PASS with an info
///   line. Whether S3 has a catalog entry of its own (`object-store-s3`) is
///   `scs-0123-service-s3`'s business (scs-0123-v2).
///
/// ```
/// use scs_standards::services::{swift_s3, S3Answer};
/// let s3 = S3Answer::Http { status: 403, code: Some("InvalidAccessKeyId".into()) };
/// assert!(swift_s3(Some(&s3)).passed());
/// let apache = S3Answer::Http { status: 404, code: None };
/// assert!(!swift_s3(Some(&apache)).passed());
/// assert!(swift_s3(None).passed()); // no object-store: nothing to check
/// ```
pub fn swift_s3(answer: Option<&S3Answer>) -> Findings {
    const OBJECT: &str = "object-store";
    let finding = match answer {
        None => Finding::info(
            OBJECT,
            "no object-store in the catalog: no Swift host to look for S3 at (an S3 endpoint of its own is scs-0123-service-s3's business)",
        ),
        Some(S3Answer::Http {
            status,
            code: Some(code),
        }) if S3_ANSWERED_CODES.contains(&code.as_str()) => Finding::info(
            OBJECT,
            format!(
                "S3 answered at the object-store host: HTTP {status} {code} to a made-up access key"
            ),
        ),
        Some(S3Answer::Http { status, code }) => Finding::error(
            OBJECT,
            format!(
                "the object-store host answered an S3 ListBuckets with HTTP {status}{}, not with S3's InvalidAccessKeyId for a made-up access key; serve the S3 API on the same host as Swift (e.g. Swift's s3api or Ceph RGW)",
                code.as_deref()
                    .map(|c| format!(" {c}"))
                    .unwrap_or_else(|| " without an S3 error code".into())
            ),
        ),
        Some(S3Answer::NoAnswer(why)) => Finding::error(
            OBJECT,
            format!(
                "no answer to an S3 ListBuckets at the object-store host ({why}); serve the S3 API on the same host as Swift"
            ),
        ),
    };
    std::iter::once(finding).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    /// Error documents as S3 implementations send them for an unknown access key (Swift's
    /// s3api, Ceph RGW, MinIO), and answers of hosts without S3.
    #[test]
    fn swift_s3_verdicts_on_real_looking_answers() {
        let swift_s3api = "<?xml version='1.0' encoding='UTF-8'?>\n<Error><Code>InvalidAccessKeyId</Code><Message>The AWS access key Id you provided does not exist in our records.</Message><AWSAccessKeyId>SCS0123MADEUPKEY0000</AWSAccessKeyId><RequestId>tx0123456789abcdef01234-0065f1a2b3</RequestId></Error>";
        let rgw = r#"<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidAccessKeyId</Code><Message></Message><RequestId>tx00000a1b2c3d4e5f60718-0065f1a2b3-1a2b3c-default</RequestId><HostId>1a2b3c-default-default</HostId></Error>"#;
        let minio = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InvalidAccessKeyId</Code><Message>The Access Key Id you provided does not exist in our records.</Message><Resource>/</Resource><RequestId>17F0A1B2C3D4E5F6</RequestId><HostId>dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8</HostId></Error>";
        let no_such_key = r#"<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>index.html</Key></Error>"#;
        for body in [swift_s3api, rgw, minio, no_such_key] {
            let o = swift_s3(Some(&S3Answer::from_response(403, body)));
            assert!(o.passed(), "{body}: {o:?}");
            assert_eq!(o.findings[0].severity, Severity::Info);
        }
        // S3 answered, but not with "unknown key": a signature check switched off, a proxy.
        let denied = r#"<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"#;
        let listing = r#"<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>x</ID></Owner><Buckets></Buckets></ListAllMyBucketsResult>"#;
        // Swift's proxy without s3api answers its own 404 page; Keystone-style JSON elsewhere.
        let swift_404 = "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>";
        let json = r#"{"error": {"code": 401, "title": "Unauthorized"}}"#;
        for (status, body, said) in [
            (403, denied, "HTTP 403 AccessDenied"),
            (200, listing, "HTTP 200 without an S3 error code"),
            (404, swift_404, "HTTP 404 without an S3 error code"),
            (401, json, "HTTP 401 without an S3 error code"),
        ] {
            let o = swift_s3(Some(&S3Answer::from_response(status, body)));
            assert!(!o.passed(), "{body}");
            assert!(
                o.findings[0].message.contains(said),
                "{}",
                o.findings[0].message
            );
        }
        let o = swift_s3(Some(&S3Answer::NoAnswer(
            "cannot connect: Connection refused".into(),
        )));
        assert!(!o.passed());
        assert!(o.findings[0].message.contains("Connection refused"));
        let o = swift_s3(None);
        assert!(o.passed());
        assert_eq!(o.findings[0].severity, Severity::Info);
    }

    #[test]
    fn s3_error_codes_are_read_only_from_error_documents() {
        assert_eq!(s3_error_code("<Code>NoSuchKey</Code>"), None);
        assert_eq!(s3_error_code("<Error><Code></Code></Error>"), None);
        assert_eq!(s3_error_code("<Error><Code>unterminated"), None);
        assert_eq!(
            s3_error_code("<Error>\n  <Code> NoSuchKey </Code>\n</Error>"),
            Some("NoSuchKey")
        );
    }

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
