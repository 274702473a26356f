//! The standard flavors of scs-0103-v1: mandatory and recommended.

use crate::{CpuType, DiskType, Flavor};

/// Whether a standard flavor must or should exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// scs-0103-v1, "Mandatory".
    Mandatory,
    /// scs-0103-v1, "Recommended, part 1" and "part 2".
    Recommended,
}

/// One row of the scs-0103-v1 tables.
///
/// scs-0103-v1, "Guarantees and properties": "The figures given in the table (number of
/// CPUs, amount of RAM, root disk size) must match precisely the corresponding figures in
/// the flavor."
///
/// ```
/// use scs_flavor::{standard_flavors, Requirement};
/// let mandatory = standard_flavors().iter().filter(|f| f.requirement == Requirement::Mandatory).count();
/// assert_eq!(mandatory, 15);
/// let f = scs_flavor::standard_flavor("SCS-2V-4-20s").unwrap();
/// assert_eq!(f.flavor().spec().extra_specs["scs:disk0-type"], "ssd");
/// assert_eq!(f.testcase_id(), "scs-0103-flavor-2v-4-20s");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StandardFlavor {
    /// The recommended name.
    pub name: &'static str,
    /// vCPUs.
    pub cpus: u64,
    /// vCPU type.
    pub cpu_type: CpuType,
    /// RAM in GiB.
    pub ram_gib: u64,
    /// Root disk in GB, if any.
    pub disk_gb: Option<u64>,
    /// Disk type, if the table sets one ("(any)" otherwise).
    pub disk_type: Option<DiskType>,
    /// Mandatory or recommended.
    pub requirement: Requirement,
}

impl StandardFlavor {
    /// The flavor its name stands for.
    pub fn flavor(&self) -> Flavor {
        self.name
            .parse()
            .expect("the standard flavor names are valid")
    }

    /// The testcase id of the certificate scope: `scs-0103-flavor-` and the name after
    /// `SCS-`, lower-cased.
    pub fn testcase_id(&self) -> String {
        format!(
            "scs-0103-flavor-{}",
            self.name["SCS-".len()..].to_ascii_lowercase()
        )
    }
}

const fn row(
    name: &'static str,
    cpus: u64,
    cpu_type: CpuType,
    ram_gib: u64,
    disk_gb: Option<u64>,
    disk_type: Option<DiskType>,
    requirement: Requirement,
) -> StandardFlavor {
    StandardFlavor {
        name,
        cpus,
        cpu_type,
        ram_gib,
        disk_gb,
        disk_type,
        requirement,
    }
}

use CpuType::{Crowded as L, Shared as V};
use Requirement::{Mandatory as M, Recommended as R};

static STANDARD_FLAVORS: [StandardFlavor; 31] = [
    row("SCS-1V-4", 1, V, 4, None, None, M),
    row("SCS-2V-8", 2, V, 8, None, None, M),
    row("SCS-4V-16", 4, V, 16, None, None, M),
    row(
        "SCS-4V-16-100s",
        4,
        V,
        16,
        Some(100),
        Some(DiskType::Ssd),
        M,
    ),
    row("SCS-8V-32", 8, V, 32, None, None, M),
    row("SCS-1V-2", 1, V, 2, None, None, M),
    row("SCS-2V-4", 2, V, 4, None, None, M),
    row("SCS-2V-4-20s", 2, V, 4, Some(20), Some(DiskType::Ssd), M),
    row("SCS-4V-8", 4, V, 8, None, None, M),
    row("SCS-8V-16", 8, V, 16, None, None, M),
    row("SCS-16V-32", 16, V, 32, None, None, M),
    row("SCS-1V-8", 1, V, 8, None, None, M),
    row("SCS-2V-16", 2, V, 16, None, None, M),
    row("SCS-4V-32", 4, V, 32, None, None, M),
    row("SCS-1L-1", 1, L, 1, None, None, M),
    row("SCS-1V-4-10", 1, V, 4, Some(10), None, R),
    row("SCS-2V-8-20", 2, V, 8, Some(20), None, R),
    row("SCS-4V-16-50", 4, V, 16, Some(50), None, R),
    row("SCS-8V-32-100", 8, V, 32, Some(100), None, R),
    row("SCS-1V-2-5", 1, V, 2, Some(5), None, R),
    row("SCS-2V-4-10", 2, V, 4, Some(10), None, R),
    row("SCS-4V-8-20", 4, V, 8, Some(20), None, R),
    row("SCS-8V-16-50", 8, V, 16, Some(50), None, R),
    row("SCS-16V-32-100", 16, V, 32, Some(100), None, R),
    row("SCS-1V-8-20", 1, V, 8, Some(20), None, R),
    row("SCS-2V-16-50", 2, V, 16, Some(50), None, R),
    row("SCS-4V-32-100", 4, V, 32, Some(100), None, R),
    row("SCS-1L-1-5", 1, L, 1, Some(5), None, R),
    row("SCS-16V-64", 16, V, 64, None, None, R),
    row("SCS-8V-64", 8, V, 64, None, None, R),
    row("SCS-16V-128", 16, V, 128, None, None, R),
];

/// Every standard flavor of scs-0103-v1, in the order of its tables.
pub fn standard_flavors() -> &'static [StandardFlavor] {
    &STANDARD_FLAVORS
}

/// The standard flavor with this name, if there is one.
pub fn standard_flavor(name: &str) -> Option<&'static StandardFlavor> {
    STANDARD_FLAVORS.iter().find(|f| f.name == name)
}
