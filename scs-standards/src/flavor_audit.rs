//! The provider's view of scs-0100 and scs-0103: for each flavor of a cloud, is its name an SCS
//! name, does it tell the truth, and which `scs:` extra specs are missing or wrong.
//!
//! This is what `scs flavor audit` prints and what `scs flavor fix-specs` acts on. It applies
//! the rules of the other modules, it does not restate them:
//!
//! - the name: [`scs_flavor::parse_tolerant`], as [`flavor_naming::syntax_check`] does;
//! - truthfulness (scs-0100-v3, "Naming policy compliance": "the flavor must _at least_
//!   provide the capabilities indicated by the name"): [`scs_flavor::Flavor::overpromises`],
//!   the errors of [`flavor_naming::semantics_check`];
//! - the extra specs a flavor should carry: [`scs_flavor::Flavor::spec`] (`scs:name-vN`,
//!   `scs:cpu-type`, `scs:diskN-type`; scs-0103-v1, "Guarantees and properties"). Where the
//!   name leaves the disk type open, any disk type the standard knows is accepted, as
//!   [`standard_flavors::check_row`] does ("set to `ssd` or some other value, reflecting the
//!   disk type"); a missing one is set to `network`, as `spec` derives it;
//! - a name for a flavor that has none: [`scs_flavor::Flavor::infer`].
//!
//! ```
//! use scs_standards::cloud::CloudFlavor;
//! use scs_standards::flavor_audit::{audit, NameStatus};
//!
//! let flavors = [
//!     CloudFlavor::new("SCS-2V-4-20s", 2, 4096, 20).with_spec("scs:cpu-type", "shared-core"),
//!     CloudFlavor::new("m1.small", 1, 2048, 20),
//! ];
//! let audits = audit(&flavors);
//! assert!(matches!(audits[0].name, NameStatus::Scs { .. }));
//! assert!(audits[0].truthful());
//! // scs:disk0-type and the name variants are missing; scs:cpu-type is right.
//! assert_eq!(audits[0].spec_changes.len(), 3);
//! assert!(audits[0].needs_fixing());
//! assert_eq!(audits[1].suggestion().unwrap().to_string(), "SCS-1L-2-20");
//! assert!(!audits[1].needs_fixing());
//! ```
//!
//! [`flavor_naming::syntax_check`]: crate::flavor_naming::syntax_check
//! [`flavor_naming::semantics_check`]: crate::flavor_naming::semantics_check
//! [`standard_flavors::check_row`]: crate::standard_flavors::check_row

use std::fmt;

use scs_flavor::{DiskType, Figures, InferError, Mismatch, ParseError, keys, parse_tolerant};

use crate::cloud::CloudFlavor;

/// What the audit found for one flavor.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FlavorAudit {
    /// The flavor's name.
    pub flavor: String,
    /// The flavor's id (empty where the source does not say).
    pub id: String,
    /// What the name is.
    pub name: NameStatus,
    /// Where the figures fall short of what the name promises (empty for a truthful or
    /// non-SCS name).
    pub overpromises: Vec<Mismatch>,
    /// `scs:` extra specs to set: missing ones and ones with a wrong value.
    pub spec_changes: Vec<SpecChange>,
    /// `scs:diskN-type` keys for disks the name does not have; to be removed by hand.
    pub stray_specs: Vec<String>,
}

/// What a flavor's name is (scs-0100-v3).
#[derive(Debug, Clone, PartialEq)]
pub enum NameStatus {
    /// A valid SCS name; `flavor` is what it says.
    Scs {
        /// The name, parsed.
        flavor: scs_flavor::Flavor,
        /// Spelled as in v1 (tolerated with a warning).
        v1: bool,
        /// Spelled canonically.
        canonical: bool,
    },
    /// Starts with `SCS-` but is not valid.
    Invalid(ParseError),
    /// Not an SCS name (allowed); the name it could carry, or why none.
    NotScs(Result<scs_flavor::Flavor, InferError>),
}

/// One `scs:` extra spec to set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecChange {
    /// The key, e.g. `scs:cpu-type`.
    pub key: String,
    /// The value the name calls for.
    pub wanted: String,
    /// The value the flavor has now: `None` when missing, else a conflicting value.
    pub current: Option<String>,
}

impl SpecChange {
    /// Whether the flavor already has another value here (overwritten only when forced).
    ///
    /// ```
    /// use scs_standards::flavor_audit::SpecChange;
    /// let change = SpecChange { key: "scs:cpu-type".into(), wanted: "shared-core".into(), current: None };
    /// assert!(!change.is_conflict());
    /// ```
    pub fn is_conflict(&self) -> bool {
        self.current.is_some()
    }
}

impl fmt::Display for SpecChange {
    /// `scs:cpu-type: missing, set shared-core` or `scs:cpu-type: is dedicated-core, set shared-core`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.current {
            None => write!(f, "{}: missing, set {}", self.key, self.wanted),
            Some(current) => write!(f, "{}: is {current}, set {}", self.key, self.wanted),
        }
    }
}

impl FlavorAudit {
    /// Whether the name promises no more than the flavor has (always true for names that are
    /// not valid SCS names: they promise nothing).
    pub fn truthful(&self) -> bool {
        self.overpromises.is_empty()
    }

    /// The name a non-SCS flavor could carry ([`scs_flavor::Flavor::infer`]).
    pub fn suggestion(&self) -> Option<&scs_flavor::Flavor> {
        match &self.name {
            NameStatus::NotScs(Ok(flavor)) => Some(flavor),
            _ => None,
        }
    }

    /// Whether anything needs fixing: an invalid SCS name, an overpromise, a missing or wrong
    /// extra spec, a stray disk type. A name that is not an SCS name is allowed (scs-0100-v3:
    /// "You may offer flavors not following the above scheme, as long as the name does not
    /// start with `SCS-`") and needs no fix.
    pub fn needs_fixing(&self) -> bool {
        matches!(self.name, NameStatus::Invalid(_))
            || !self.overpromises.is_empty()
            || !self.spec_changes.is_empty()
            || !self.stray_specs.is_empty()
    }
}

/// Audits every flavor, in the given order.
pub fn audit(flavors: &[CloudFlavor]) -> Vec<FlavorAudit> {
    flavors.iter().map(audit_one).collect()
}

/// Audits one flavor.
///
/// ```
/// use scs_standards::cloud::CloudFlavor;
/// use scs_standards::flavor_audit::audit_one;
/// let a = audit_one(&CloudFlavor::new("SCS-4V-16", 4, 8192, 0));
/// assert!(!a.truthful(), "8 GiB is less than 16");
/// ```
pub fn audit_one(flavor: &CloudFlavor) -> FlavorAudit {
    let figures = Figures {
        vcpus: flavor.vcpus.into(),
        ram_mib: flavor.ram,
        disk_gb: flavor.disk,
    };
    let mut audit = FlavorAudit {
        flavor: flavor.name.clone(),
        id: flavor.id.clone(),
        name: NameStatus::Invalid(ParseError::NotScs),
        overpromises: Vec::new(),
        spec_changes: Vec::new(),
        stray_specs: Vec::new(),
    };
    let parsed = match parse_tolerant(&flavor.name) {
        Ok(parsed) => parsed,
        Err(ParseError::NotScs) => {
            audit.name =
                NameStatus::NotScs(scs_flavor::Flavor::infer(&figures, &flavor.extra_specs));
            return audit;
        }
        Err(e) => {
            audit.name = NameStatus::Invalid(e);
            return audit;
        }
    };
    let named = parsed.flavor;
    audit.name = NameStatus::Scs {
        flavor: named,
        v1: parsed.is_v1(),
        canonical: parsed.canonical,
    };
    audit.overpromises = named.overpromises(&figures);
    let spec = named.spec();
    // The name leaves the disk type open: any type the standard knows reflects some disk.
    let open_disk_type = named.disk.is_some_and(|d| d.disk_type.is_none());
    for (key, wanted) in &spec.extra_specs {
        let current = flavor.extra_specs.get(key);
        let fine = match current {
            Some(current) if current == wanted => true,
            Some(current) => {
                open_disk_type
                    && keys::parse_disk_type(key).is_some()
                    && DiskType::from_extra_spec(current).is_some()
            }
            None => false,
        };
        if !fine {
            audit.spec_changes.push(SpecChange {
                key: key.clone(),
                wanted: wanted.clone(),
                current: current.cloned(),
            });
        }
    }
    audit.stray_specs = flavor
        .extra_specs
        .keys()
        .filter(|key| keys::parse_disk_type(key).is_some() && !spec.extra_specs.contains_key(*key))
        .cloned()
        .collect();
    audit
}

/// The extra specs to set on one flavor: what [`FlavorAudit::spec_changes`] lists, without
/// the conflicts unless `force`. The second list holds the conflicts left alone.
///
/// ```
/// use scs_standards::cloud::CloudFlavor;
/// use scs_standards::flavor_audit::{audit_one, planned_changes};
/// let a = audit_one(&CloudFlavor::new("SCS-2V-4", 2, 4096, 0).with_spec("scs:cpu-type", "crowded-core"));
/// let (set, kept) = planned_changes(&a, false);
/// assert!(set.iter().all(|c| c.key.starts_with("scs:name-v")));
/// assert_eq!(kept[0].key, "scs:cpu-type");
/// let (set, kept) = planned_changes(&a, true);
/// assert!(set.iter().any(|c| c.key == "scs:cpu-type") && kept.is_empty());
/// ```
pub fn planned_changes(audit: &FlavorAudit, force: bool) -> (Vec<&SpecChange>, Vec<&SpecChange>) {
    audit
        .spec_changes
        .iter()
        .partition(|change| force || !change.is_conflict())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(flavor: CloudFlavor) -> FlavorAudit {
        audit_one(&flavor)
    }

    #[test]
    fn a_flavor_with_everything_right_needs_nothing() {
        let name = "SCS-2V-4-20s";
        let mut flavor = CloudFlavor::new(name, 2, 4096, 20);
        for (key, value) in name
            .parse::<scs_flavor::Flavor>()
            .unwrap()
            .spec()
            .extra_specs
        {
            flavor = flavor.with_spec(&key, &value);
        }
        let a = one(flavor);
        assert!(
            a.truthful() && a.spec_changes.is_empty() && !a.needs_fixing(),
            "{a:?}"
        );
    }

    #[test]
    fn missing_and_wrong_specs_are_listed_with_the_values_the_name_calls_for() {
        let a = one(CloudFlavor::new("SCS-2V-4-20s", 2, 4096, 20)
            .with_spec(keys::CPU_TYPE, "dedicated-core")
            .with_spec(keys::DISK0_TYPE, "ssd"));
        let keys: Vec<&str> = a.spec_changes.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["scs:cpu-type", "scs:name-v1", "scs:name-v2"]);
        assert_eq!(
            a.spec_changes[0].to_string(),
            "scs:cpu-type: is dedicated-core, set shared-core"
        );
        assert_eq!(
            a.spec_changes[1].to_string(),
            "scs:name-v1: missing, set SCS-2V:4:20s"
        );
    }

    #[test]
    fn an_open_disk_type_accepts_any_known_type_but_not_nonsense() {
        let a =
            one(CloudFlavor::new("SCS-2V-4-20", 2, 4096, 20).with_spec(keys::DISK0_TYPE, "nvme"));
        assert!(
            a.spec_changes.iter().all(|c| c.key != keys::DISK0_TYPE),
            "{a:?}"
        );
        let a =
            one(CloudFlavor::new("SCS-2V-4-20", 2, 4096, 20).with_spec(keys::DISK0_TYPE, "floppy"));
        let disk = a
            .spec_changes
            .iter()
            .find(|c| c.key == keys::DISK0_TYPE)
            .unwrap();
        assert_eq!(
            (disk.wanted.as_str(), disk.current.as_deref()),
            ("network", Some("floppy"))
        );
        // A stated type must match.
        let a =
            one(CloudFlavor::new("SCS-2V-4-20s", 2, 4096, 20).with_spec(keys::DISK0_TYPE, "nvme"));
        assert!(
            a.spec_changes
                .iter()
                .any(|c| c.key == keys::DISK0_TYPE && c.is_conflict())
        );
    }

    #[test]
    fn disk_types_for_disks_the_name_lacks_are_stray() {
        let a = one(CloudFlavor::new("SCS-2V-4", 2, 4096, 0).with_spec(keys::DISK0_TYPE, "ssd"));
        assert_eq!(a.stray_specs, ["scs:disk0-type"]);
        assert!(a.needs_fixing());
    }

    #[test]
    fn overpromises_and_invalid_names_need_fixing_other_names_do_not() {
        let a = one(CloudFlavor::new("SCS-4V-16-50", 4, 16384, 40));
        assert!(!a.truthful() && a.needs_fixing());
        let a = one(CloudFlavor::new("SCS-2X-4", 2, 4096, 0));
        assert!(matches!(
            a.name,
            NameStatus::Invalid(ParseError::Syntax { offset: 5, .. })
        ));
        assert!(a.needs_fixing() && a.spec_changes.is_empty());
        let a =
            one(CloudFlavor::new("m1.large", 4, 8192, 40)
                .with_spec(keys::CPU_TYPE, "dedicated-core"));
        assert_eq!(a.suggestion().unwrap().to_string(), "SCS-4C-8-40");
        assert!(!a.needs_fixing());
    }

    #[test]
    fn v1_names_get_the_specs_of_their_v3_reading() {
        let a = one(CloudFlavor::new("SCS-2V:4:20s", 2, 4096, 20));
        assert!(matches!(a.name, NameStatus::Scs { v1: true, .. }));
        assert!(
            a.spec_changes
                .iter()
                .any(|c| c.key == "scs:name-v2" && c.wanted == "SCS-2V-4-20s")
        );
    }

    #[test]
    fn the_plan_keeps_conflicts_unless_forced() {
        let a =
            one(CloudFlavor::new("SCS-2V-4", 2, 4096, 0).with_spec(keys::NAME_V2, "SCS-2V-4-typo"));
        let (set, kept) = planned_changes(&a, false);
        assert_eq!(kept.len(), 1);
        assert!(set.iter().all(|c| !c.is_conflict()));
        let (set, kept) = planned_changes(&a, true);
        assert_eq!((set.len(), kept.len()), (a.spec_changes.len(), 0));
    }
}
