use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Visibility of a Glance image.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Visible to all projects.
    Public,
    /// Visible to all projects, but not listed by default.
    Community,
    /// Shared with chosen projects.
    #[default]
    Shared,
    /// Only the owner's project.
    Private,
}

/// A Glance v2 image (`GET /v2/images`).
///
/// Glance returns custom properties (the scs-0102 metadata such as `os_distro` or
/// `replace_frequency`) as top-level keys next to the core fields; they all end up in
/// [`Image::properties`], including unknown ones.
///
/// ```
/// use scs_standards::cloud::{Image, Visibility};
/// let json = r#"{"id": "i1", "name": "Ubuntu 24.04", "visibility": "public", "os_hidden": false,
///     "min_disk": 8, "min_ram": 512, "size": 123456, "created_at": "2024-05-01T10:00:00Z",
///     "os_hash_algo": "sha512", "os_distro": "ubuntu", "os_version": "24.04", "my_prop": "x"}"#;
/// let img: Image = serde_json::from_str(json).unwrap();
/// assert_eq!(img.visibility, Visibility::Public);
/// assert_eq!(img.property("os_distro").as_deref(), Some("ubuntu"));
/// assert_eq!(img.property("my_prop").as_deref(), Some("x"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Image {
    /// Image id.
    #[serde(default)]
    pub id: String,
    /// Image name (Glance allows none; an empty name is treated as such).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Visibility.
    #[serde(default)]
    pub visibility: Visibility,
    /// Hidden from the default image list (`os_hidden`).
    #[serde(default)]
    pub os_hidden: bool,
    /// Minimum root disk in GiB (0: not set).
    #[serde(default, deserialize_with = "null_as_default")]
    pub min_disk: u64,
    /// Minimum RAM in MiB (0: not set).
    #[serde(default, deserialize_with = "null_as_default")]
    pub min_ram: u64,
    /// Size of the stored image file in bytes.
    #[serde(default)]
    pub size: Option<u64>,
    /// Registration time, RFC 3339 (`2024-05-01T10:00:00Z`).
    #[serde(default)]
    pub created_at: Option<String>,
    /// Hash algorithm of `os_hash_value` (`sha512` by default in Glance).
    #[serde(default)]
    pub os_hash_algo: Option<String>,
    /// Image status (`active`, ...).
    #[serde(default)]
    pub status: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Every other key: the custom properties (and core fields not modelled above).
    #[serde(flatten)]
    pub properties: BTreeMap<String, serde_json::Value>,
}

fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

impl Image {
    /// A public, visible image with the given name and no properties.
    ///
    /// ```
    /// let img = scs_standards::cloud::Image::new("Debian 12").with("os_distro", "debian");
    /// assert_eq!(img.property("os_distro").as_deref(), Some("debian"));
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Image {
            name: name.into(),
            visibility: Visibility::Public,
            ..Image::default()
        }
    }

    /// The same image with a custom property set (as a string, like Glance stores it).
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.properties
            .insert(key.into(), serde_json::Value::String(value.into()));
        self
    }

    /// A custom property as text; numbers and booleans are printed, `null` counts as unset.
    pub fn property(&self, key: &str) -> Option<String> {
        match self.properties.get(key)? {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }
}
