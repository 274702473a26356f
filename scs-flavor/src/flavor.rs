//! The typed model of a flavor name.

use std::num::NonZeroU64;

use crate::{
    CpuArch, CpuType, Disk, Gpu, GpuCompute, GpuFrequency, Hypervisor, Ram, Syntax, VramBandwidth,
};

/// A parsed SCS flavor name (scs-0100-v3): every field of the name, typed.
///
/// Every value of this type is a valid flavor name: counts are non-zero, RAM is in half
/// GiB steps, a CPU generation exists only inside a vendor and VRAM only inside a GPU unit
/// count. [`Display`](std::fmt::Display) prints the canonical v3 name, and
/// [`FromStr`](std::str::FromStr) parses one (strict v3), so the two round-trip.
///
/// ```
/// use scs_flavor::{CpuType, DiskType, Flavor};
/// let flavor: Flavor = "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib".parse()?;
/// assert_eq!(flavor.cpus.get(), 16);
/// assert_eq!(flavor.cpu_type, CpuType::DedicatedThread);
/// assert_eq!(flavor.ram.whole_gib(), Some(64));
/// assert_eq!(flavor.disk.unwrap().disk_type, Some(DiskType::Ssd));
/// assert!(flavor.infiniband);
/// assert_eq!(flavor.to_string(), "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib");
/// assert_eq!(flavor.shorten().to_string(), "SCS-16T-64-3x10s_GNa-64_ib");
/// assert_eq!(flavor.v1().to_string(), "SCS-16T:64:3x10s-bms-hwv-i3h-GNa:64-ib");
/// # Ok::<(), scs_flavor::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Flavor {
    /// Number of vCPUs.
    pub cpus: NonZeroU64,
    /// What a vCPU is (`L`, `V`, `T`, `C`).
    pub cpu_type: CpuType,
    /// `i`: insufficient protection against CPU vulnerabilities.
    pub cpu_insecure: bool,
    /// RAM.
    pub ram: Ram,
    /// `u`: no ECC memory.
    pub ram_no_ecc: bool,
    /// `o`: memory is oversubscribed.
    pub ram_oversubscribed: bool,
    /// Root disk; `None` when the name has no disk part (boot from volume).
    pub disk: Option<Disk>,
    /// `_hyp`: hypervisor.
    pub hypervisor: Option<Hypervisor>,
    /// `_hwv`: hardware (nested) virtualization.
    pub hardware_virtualization: bool,
    /// `_arch[N][h]`: CPU vendor, generation and frequency.
    pub cpu_arch: Option<CpuArch>,
    /// `_[G/g]X...`: GPU.
    pub gpu: Option<Gpu>,
    /// `_ib`: Infiniband.
    pub infiniband: bool,
}

impl Flavor {
    /// `SCS-1L-0.5`: one crowded vCPU, half a GiB of RAM and every optional part off; the
    /// base that the scanner overwrites and that struct updates (`..Flavor::BLANK`) start
    /// from, so the list of "off" values is written once.
    pub(crate) const BLANK: Flavor = Flavor {
        cpus: NonZeroU64::MIN,
        cpu_type: CpuType::Crowded,
        cpu_insecure: false,
        ram: match Ram::from_half_gib(1) {
            Some(ram) => ram,
            None => unreachable!(),
        },
        ram_no_ecc: false,
        ram_oversubscribed: false,
        disk: None,
        hypervisor: None,
        hardware_virtualization: false,
        cpu_arch: None,
        gpu: None,
        infiniband: false,
    };

    /// The standard's recommended short name for this flavor.
    ///
    /// scs-0100-v3, "Naming policy compliance": "We expect all cloud providers to offer the
    /// short, less specific flavor names (such as `SCS-8V-32-100`)." Following the reference
    /// implementation, the short name drops the hypervisor, `_hwv`, the frequency suffixes of
    /// CPU and GPU, and the CPU generation; it drops the CPU vendor for x86-64 (Intel, AMD)
    /// but keeps it for ARM and RISC-V, where it names the architecture.
    ///
    /// ```
    /// # use scs_flavor::Flavor;
    /// let long: Flavor = "SCS-4C-16-2x200p_kvm_a1h_GNa-14h-6h".parse().unwrap();
    /// assert_eq!(long.shorten().to_string(), "SCS-4C-16-2x200p_a_GNa-14-6");
    /// ```
    pub fn shorten(&self) -> Flavor {
        Flavor {
            hypervisor: None,
            hardware_virtualization: false,
            cpu_arch: self
                .cpu_arch
                .filter(|arch| !arch.vendor.is_x86_64())
                .map(|arch| CpuArch {
                    vendor: arch.vendor.without_generation(),
                    frequency: Default::default(),
                }),
            gpu: self.gpu.map(|gpu| Gpu {
                compute: gpu.compute.map(|c| GpuCompute {
                    frequency: GpuFrequency::Standard,
                    vram: c.vram.map(|v| crate::Vram {
                        bandwidth: VramBandwidth::Standard,
                        ..v
                    }),
                    ..c
                }),
                ..gpu
            }),
            ..*self
        }
    }

    /// Whether [`shorten`](Self::shorten) would change this flavor.
    pub fn is_short(&self) -> bool {
        self.shorten() == *self
    }
}

/// The result of parsing: the flavor, the spelling it was written in, and whether the
/// input was the canonical spelling.
///
/// A name is canonical when it is exactly what [`Flavor`]'s `Display` (or, for v1 names,
/// [`Flavor::v1`]) prints. `SCS-01V-4` (leading zero), `SCS-2V-4.0` (needless decimals),
/// `SCS-2V-4-1x10` (one disk counted) and `SCS-2V-4_z0` (generation 0 spelled out; the
/// standard: "It is recommended to leave out the `0`") parse, but are not canonical.
///
/// ```
/// use scs_flavor::parse_v3;
/// let parsed = parse_v3("SCS-2V-4-1x10").unwrap();
/// assert!(!parsed.canonical);
/// assert_eq!(parsed.flavor.to_string(), "SCS-2V-4-10");
/// assert!(parse_v3("SCS-2V-4-10").unwrap().canonical);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Parsed {
    /// The flavor.
    pub flavor: Flavor,
    /// The spelling of the input.
    pub syntax: Syntax,
    /// Whether the input was the canonical spelling in that syntax.
    pub canonical: bool,
}

impl Parsed {
    /// Whether the input was a v1 name, which the certification tolerates with a warning.
    pub fn is_v1(&self) -> bool {
        self.syntax == Syntax::V1
    }
}
