//! What scs-0103 derives from a flavor name: the figures a flavor must have and its
//! `scs:` extra specs.

use std::collections::BTreeMap;

use crate::{CpuType, DiskType, Flavor, Ram, Syntax};

/// The keys of the `scs:` extra specs (scs-0103-v1, "Properties (extra_specs)").
///
/// ```
/// use scs_flavor::{keys, Flavor};
/// let spec = "SCS-2V-4-2x10s".parse::<Flavor>()?.spec();
/// assert_eq!(spec.extra_specs[keys::CPU_TYPE], "shared-core");
/// assert_eq!(spec.extra_specs[keys::NAME_V2], "SCS-2V-4-2x10s");
/// assert_eq!(spec.extra_specs[&keys::disk_type(1)], "ssd");
/// assert_eq!(keys::disk_type(0), keys::DISK0_TYPE);
/// # Ok::<(), scs_flavor::ParseError>(())
/// ```
pub mod keys {
    /// What every key of the standard starts with.
    pub const PREFIX: &str = "scs:";
    /// `scs:cpu-type`: `crowded-core`, `shared-core`, `dedicated-thread` or `dedicated-core`
    /// ([`CpuType::extra_spec`](crate::CpuType::extra_spec)).
    pub const CPU_TYPE: &str = "scs:cpu-type";
    /// `scs:disk0-type`: the type of the root disk ([`disk_type`] of 0).
    pub const DISK0_TYPE: &str = "scs:disk0-type";
    /// `scs:name-v1`: the first name variant, the canonical name in the v1 spelling.
    pub const NAME_V1: &str = "scs:name-v1";
    /// `scs:name-v2`: the second name variant, the canonical v3 name.
    pub const NAME_V2: &str = "scs:name-v2";
    /// `scs:name-v3`: the third name variant, the short name in the v1 spelling.
    pub const NAME_V3: &str = "scs:name-v3";
    /// `scs:name-v4`: the fourth name variant, the short v3 name.
    pub const NAME_V4: &str = "scs:name-v4";

    /// `scs:diskN-type`: the type of disk `n` (scs-0103-v1: "not set if no disk is provided,
    /// otherwise set to `ssd` or some other value, reflecting the disk type").
    ///
    /// ```
    /// assert_eq!(scs_flavor::keys::disk_type(2), "scs:disk2-type");
    /// ```
    pub fn disk_type(n: u16) -> String {
        format!("scs:disk{n}-type")
    }

    /// `scs:name-vN` for `n` from 1: the `n`th name variant ("name variant N").
    ///
    /// ```
    /// use scs_flavor::keys;
    /// assert_eq!(keys::name_variant(2), keys::NAME_V2);
    /// ```
    pub fn name_variant(n: usize) -> String {
        format!("scs:name-v{n}")
    }

    /// Which disk a `scs:diskN-type` key is about, `None` for other keys.
    ///
    /// ```
    /// use scs_flavor::keys;
    /// assert_eq!(keys::parse_disk_type(&keys::disk_type(3)), Some(3));
    /// assert_eq!(keys::parse_disk_type("scs:disk-type"), None);
    /// assert_eq!(keys::parse_disk_type("scs:disk03-type"), None);
    /// ```
    pub fn parse_disk_type(key: &str) -> Option<u16> {
        let n = key.strip_prefix("scs:disk")?.strip_suffix("-type")?;
        let value: u16 = n.parse().ok()?;
        (value.to_string() == n).then_some(value)
    }
}

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
#[non_exhaustive]
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
    ///
    /// ```
    /// # use scs_flavor::Flavor;
    /// assert_eq!("SCS-2V-4-".parse::<Flavor>().unwrap().spec().disk_gb(), 0);
    /// ```
    pub fn disk_gb(&self) -> u64 {
        self.disk.flatten().unwrap_or(0)
    }

    /// RAM in MiB, as Nova's `ram` field counts it.
    ///
    /// ```
    /// # use scs_flavor::Flavor;
    /// assert_eq!("SCS-2V-0.5".parse::<Flavor>().unwrap().spec().ram_mib(), 512);
    /// ```
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
            keys::CPU_TYPE.to_owned(),
            self.cpu_type.extra_spec().to_owned(),
        );
        if let Some(disk) = self.disk {
            let disk_type = disk.disk_type.unwrap_or(DiskType::Network).extra_spec();
            for n in 0..disk.count.get() {
                extra_specs.insert(keys::disk_type(n), disk_type.to_owned());
            }
        }
        for (n, name) in self.name_variants().into_iter().enumerate() {
            extra_specs.insert(keys::name_variant(n + 1), name);
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
    ///
    /// ```
    /// # use scs_flavor::Flavor;
    /// let flavor: Flavor = "SCS-2V-4_kvm".parse().unwrap();
    /// assert_eq!(flavor.name_variants(), ["SCS-2V:4-kvm", "SCS-2V-4_kvm", "SCS-2V:4", "SCS-2V-4"]);
    /// ```
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
        .get(keys::CPU_TYPE)
        .and_then(|v| CpuType::from_extra_spec(v))
}
