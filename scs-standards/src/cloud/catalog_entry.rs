use serde::{Deserialize, Serialize};

/// One service of the Keystone token catalog (`token.catalog[]` of `POST /v3/auth/tokens`, or
/// `GET /v3/auth/catalog`).
///
/// ```
/// let e: scs_standards::cloud::CatalogEntry = serde_json::from_str(
///     r#"{"type": "compute", "name": "nova", "id": "1",
///         "endpoints": [{"interface": "public", "region": "RegionOne", "url": "https://nova.example"}]}"#,
/// ).unwrap();
/// assert_eq!(e.service_type, "compute");
/// assert_eq!(e.endpoints[0].interface, "public");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// Service type (`compute`, `block-storage`, ...).
    #[serde(rename = "type")]
    pub service_type: String,
    /// Service name (`nova`, ...).
    #[serde(default)]
    pub name: String,
    /// Service id.
    #[serde(default)]
    pub id: String,
    /// Endpoints of the service.
    #[serde(default)]
    pub endpoints: Vec<Endpoint>,
}

/// One endpoint of a catalog entry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Endpoint {
    /// `public`, `internal` or `admin`.
    #[serde(default)]
    pub interface: String,
    /// Region name.
    #[serde(default)]
    pub region: Option<String>,
    /// Endpoint URL.
    #[serde(default)]
    pub url: String,
}

impl CatalogEntry {
    /// An entry of the given type with one public endpoint.
    ///
    /// ```
    /// let e = scs_standards::cloud::CatalogEntry::new("image", "https://glance.example");
    /// assert_eq!(e.endpoints.len(), 1);
    /// ```
    pub fn new(service_type: impl Into<String>, url: impl Into<String>) -> Self {
        CatalogEntry {
            service_type: service_type.into(),
            endpoints: vec![Endpoint {
                interface: "public".into(),
                region: None,
                url: url.into(),
            }],
            ..CatalogEntry::default()
        }
    }
}
