//! What scs-0103 derives from a flavor name: the figures a flavor must have and its
//! `scs:` extra specs.

use std::collections::BTreeMap;

use crate::{CpuType, DiskType, Flavor, Ram, Syntax};

/// The figures and `scs:` extra specs that go with a flavor name (scs-0103-v1,
/// "Properties (extra_specs)" and "Guarantees and properties").
///
/// ```
/// use scs_flavor::Flavor;
/// let flavor: Flavor = "SCS-2V-4-20s".parse().unwrap();
/// let spec = flavor.spec();
/// assert_eq!((spec.cpus, spec.ram_mib(), spec.disk_gb()), (2, 4096, 20));
/// assert_eq!(spec.extra_specs["scs:cpu-type"], "shared-core");
/// assert_eq!(spec.extra_specs["scs:disk0-type"], "ssd");
/// assert_eq!(spec.extra_specs["scs:name-v1"], "SCS-2V:4:20s");
/// assert_eq!(spec.extra_specs["scs:name-v2"], "SCS-2V-4-20s");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlavorSpec {
    /// vCPUs the flavor must have (Nova `vcpus`).
    pub cpus: u64,
    /// RAM the flavor must have.
    pub ram: Ram,
    /// Root disk size in GB: `None` when the name has no disk part, `Some(None)` when it
    /// leaves the size to the cloud.
    pub disk: Option<Option<u64>>,
    /// The `scs:` extra specs, by key.
    pub extra_specs: BTreeMap<String, String>,
}

impl FlavorSpec {
    /// Root disk in GB as Nova's `disk` field holds it: 0 without a disk size.
    pub fn disk_gb(&self) -> u64 {
        self.disk.flatten().unwrap_or(0)
    }

    /// RAM in MiB, as Nova's `ram` field counts it.
    pub fn ram_mib(&self) -> u64 {
        self.ram.mib()
    }
}

impl Flavor {
    /// The figures and extra specs for this flavor name.
    ///
    /// - `scs:cpu-type` from the CPU suffix.
    /// - `scs:diskN-type` for each disk `N` of the name. scs-0103 says it is "not set if no
    ///   disk is provided, otherwise set to `ssd` or some other value, reflecting the disk
    ///   type"; where the name leaves the type open we write `network`, as the reference does.
    /// - `scs:name-vN`: "name variant N". scs-0103 recommends a short and a long name; we
    ///   list the canonical name and the [short name](Flavor::shorten), each in the v1 and
    ///   the v2/v3 spelling, longest first and v1 before v2 (the order of the reference).
    pub fn spec(&self) -> FlavorSpec {
        let mut extra_specs = BTreeMap::new();
        extra_specs.insert(
            "scs:cpu-type".to_owned(),
            self.cpu_type.extra_spec().to_owned(),
        );
        if let Some(disk) = self.disk {
            let disk_type = disk.disk_type.unwrap_or(DiskType::Network).extra_spec();
            for n in 0..disk.count.get() {
                extra_specs.insert(format!("scs:disk{n}-type"), disk_type.to_owned());
            }
        }
        for (n, name) in self.name_variants().into_iter().enumerate() {
            extra_specs.insert(format!("scs:name-v{}", n + 1), name);
        }
        FlavorSpec {
            cpus: self.cpus.get(),
            ram: self.ram,
            disk: self.disk.map(|d| d.size_gb.map(|s| s.get())),
            extra_specs,
        }
    }

    /// The names that `scs:name-vN` lists, in order: canonical v1, canonical v3, and, when
    /// the short name differs, short v1 and short v3.
    pub fn name_variants(&self) -> Vec<String> {
        let short = self.shorten();
        let mut names = vec![self.to_string_in(Syntax::V1), self.to_string()];
        if short != *self {
            names.push(short.to_string_in(Syntax::V1));
            names.push(short.to_string());
        }
        names
    }
}

/// Reads the CPU type from extra specs, if `scs:cpu-type` is set to a known value.
///
/// ```
/// use std::collections::BTreeMap;
/// use scs_flavor::{cpu_type_from_extra_specs, CpuType};
/// let specs = BTreeMap::from([("scs:cpu-type".to_string(), "shared-core".to_string())]);
/// assert_eq!(cpu_type_from_extra_specs(&specs), Some(CpuType::Shared));
/// ```
pub fn cpu_type_from_extra_specs(extra_specs: &BTreeMap<String, String>) -> Option<CpuType> {
    extra_specs
        .get("scs:cpu-type")
        .and_then(|v| CpuType::from_extra_spec(v))
}
