use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A Nova flavor as returned by `GET /flavors/detail` (microversion 2.61 or later includes
/// `extra_specs`).
///
/// ```
/// let json = r#"{"id": "f1", "name": "SCS-1V-4", "vcpus": 1, "ram": 4096, "disk": 0,
///                "OS-FLV-EXT-DATA:ephemeral": 0, "extra_specs": {"scs:cpu-type": "shared-core"}}"#;
/// let f: scs_standards::cloud::CloudFlavor = serde_json::from_str(json).unwrap();
/// assert_eq!(f.ram, 4096);
/// assert_eq!(f.extra_specs[scs_flavor::keys::CPU_TYPE], "shared-core");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CloudFlavor {
    /// Flavor id.
    #[serde(default)]
    pub id: String,
    /// Flavor name.
    pub name: String,
    /// Number of virtual CPUs.
    pub vcpus: u32,
    /// RAM in MiB.
    pub ram: u64,
    /// Root disk size in GB (0: no root disk, the image size is used / boot from volume).
    pub disk: u64,
    /// Ephemeral disk in GB.
    #[serde(rename = "OS-FLV-EXT-DATA:ephemeral", default)]
    pub ephemeral: u64,
    /// Whether the flavor is public.
    #[serde(rename = "os-flavor-access:is_public", default = "yes")]
    pub is_public: bool,
    /// Extra specs (`scs:name-v2`, `scs:cpu-type`, `hw_rng:allowed`, ...).
    #[serde(default)]
    pub extra_specs: BTreeMap<String, String>,
}

fn yes() -> bool {
    true
}

impl CloudFlavor {
    /// A flavor with the given name and figures, public, without extra specs.
    ///
    /// ```
    /// let f = scs_standards::cloud::CloudFlavor::new("SCS-2V-8", 2, 8192, 0);
    /// assert_eq!(f.vcpus, 2);
    /// ```
    pub fn new(name: impl Into<String>, vcpus: u32, ram_mib: u64, disk_gb: u64) -> Self {
        CloudFlavor {
            name: name.into(),
            vcpus,
            ram: ram_mib,
            disk: disk_gb,
            is_public: true,
            ..CloudFlavor::default()
        }
    }

    /// The same flavor with an extra spec set.
    ///
    /// ```
    /// let f = scs_standards::cloud::CloudFlavor::new("x", 1, 1024, 0).with_spec(scs_flavor::keys::CPU_TYPE, "crowded-core");
    /// assert_eq!(f.extra_specs.len(), 1);
    /// ```
    pub fn with_spec(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_specs.insert(key.into(), value.into());
        self
    }
}
