use serde::{Deserialize, Serialize};

/// A Cinder volume type as returned by `GET /types`.
///
/// ```
/// let t: scs_standards::cloud::VolumeType =
///     serde_json::from_str(r#"{"id": "1", "name": "LUKS", "description": "[scs:encrypted] LUKS", "is_public": true}"#).unwrap();
/// assert_eq!(t.description.as_deref(), Some("[scs:encrypted] LUKS"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VolumeType {
    /// Volume type id.
    #[serde(default)]
    pub id: String,
    /// Volume type name.
    pub name: String,
    /// Free-text description; scs-0114 puts the aspect list at its start.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the type is public.
    #[serde(default = "yes")]
    pub is_public: bool,
}

fn yes() -> bool {
    true
}

impl VolumeType {
    /// A public volume type with a name and description.
    ///
    /// ```
    /// let t = scs_standards::cloud::VolumeType::new("ceph", None);
    /// assert!(t.description.is_none());
    /// ```
    pub fn new(name: impl Into<String>, description: Option<&str>) -> Self {
        VolumeType {
            name: name.into(),
            description: description.map(str::to_owned),
            is_public: true,
            ..VolumeType::default()
        }
    }
}
