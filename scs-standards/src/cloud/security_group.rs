use serde::{Deserialize, Serialize};

/// Direction of a security-group rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Incoming traffic.
    #[default]
    Ingress,
    /// Outgoing traffic.
    Egress,
}

/// IP version of a security-group rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EtherType {
    /// IPv4.
    #[default]
    IPv4,
    /// IPv6.
    IPv6,
}

/// A rule of a security group (Neutron `GET /v2.0/security-group-rules` or the
/// `security_group_rules` of a security group).
///
/// ```
/// use scs_standards::cloud::{Direction, EtherType, SecurityGroupRule};
/// let r: SecurityGroupRule = serde_json::from_str(
///     r#"{"id": "r1", "direction": "egress", "ethertype": "IPv6", "protocol": null,
///         "remote_ip_prefix": null, "remote_group_id": null}"#).unwrap();
/// assert_eq!((r.direction, r.ethertype), (Direction::Egress, EtherType::IPv6));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SecurityGroupRule {
    /// Rule id.
    #[serde(default)]
    pub id: String,
    /// Ingress or egress.
    pub direction: Direction,
    /// IPv4 or IPv6.
    pub ethertype: EtherType,
    /// IP protocol; `None` means any.
    #[serde(default)]
    pub protocol: Option<String>,
    /// Lowest port, `None` for all.
    #[serde(default)]
    pub port_range_min: Option<u32>,
    /// Highest port, `None` for all.
    #[serde(default)]
    pub port_range_max: Option<u32>,
    /// Remote address range, `None` for any.
    #[serde(default)]
    pub remote_ip_prefix: Option<String>,
    /// Remote security group.
    #[serde(default)]
    pub remote_group_id: Option<String>,
    /// Remote address group.
    #[serde(default)]
    pub remote_address_group_id: Option<String>,
}

/// A default security-group rule (Neutron 2023.2+, `GET /v2.0/default-security-group-rules`):
/// a template applied to new security groups. `remote_group_id` `PARENT` means "the group the
/// rule is created in".
///
/// ```
/// let r: scs_standards::cloud::DefaultSecurityGroupRule = serde_json::from_str(
///     r#"{"id": "d1", "direction": "ingress", "ethertype": "IPv4", "remote_group_id": "PARENT",
///         "used_in_default_sg": true, "used_in_non_default_sg": false}"#).unwrap();
/// assert!(r.used_in_default_sg && !r.used_in_non_default_sg);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DefaultSecurityGroupRule {
    /// Rule id.
    #[serde(default)]
    pub id: String,
    /// Ingress or egress.
    pub direction: Direction,
    /// IPv4 or IPv6.
    pub ethertype: EtherType,
    /// IP protocol; `None` means any.
    #[serde(default)]
    pub protocol: Option<String>,
    /// Lowest port, `None` for all.
    #[serde(default)]
    pub port_range_min: Option<u32>,
    /// Highest port, `None` for all.
    #[serde(default)]
    pub port_range_max: Option<u32>,
    /// Remote address range, `None` for any.
    #[serde(default)]
    pub remote_ip_prefix: Option<String>,
    /// Remote security group; `PARENT` is the group itself.
    #[serde(default)]
    pub remote_group_id: Option<String>,
    /// Remote address group.
    #[serde(default)]
    pub remote_address_group_id: Option<String>,
    /// Whether the rule is applied to each project's default security group.
    #[serde(default)]
    pub used_in_default_sg: bool,
    /// Whether the rule is applied to custom security groups.
    #[serde(default)]
    pub used_in_non_default_sg: bool,
}
