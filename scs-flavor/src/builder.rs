//! Building flavor names from parts, for provisioning code and the CLI.

use std::num::{NonZeroU16, NonZeroU64};

use crate::{
    BuildError, CpuArch, CpuFrequency, CpuType, CpuVendor, Disk, DiskType, Field, Flavor, Gpu,
    GpuCompute, GpuFrequency, GpuMode, GpuVendor, Hypervisor, Ram, Vram, VramBandwidth,
};

/// Builds a [`Flavor`] from typed parts, refusing what no name can say.
///
/// Every table entry is a typed value ([`CpuType`], [`Ram`], [`CpuVendor`], ...; each parses
/// from its spelling in a name with `FromStr`), so only numbers and the presence of parts can
/// be wrong: a zero count, a disk count without a disk, GPU units without a GPU, VRAM without
/// units. [`build`](Self::build) says which.
///
/// ```
/// use scs_flavor::{CpuFrequency, CpuType, CpuVendor, DiskType, FlavorBuilder, GpuMode, Ram};
/// let flavor = FlavorBuilder::new(16, CpuType::DedicatedThread, Ram::from_gib(64).unwrap())
///     .disk(Some(10), Some(DiskType::Ssd))
///     .disk_count(3)
///     .cpu_arch("i3".parse()?, CpuFrequency::High)
///     .gpu(GpuMode::PassThrough, "Na".parse()?)
///     .gpu_units(64)
///     .infiniband(true)
///     .build()?;
/// assert_eq!(flavor.to_string(), "SCS-16T-64-3x10s_i3h_GNa-64_ib");
///
/// // Nova counts RAM in MiB.
/// let ram = Ram::from_mib(3584).unwrap();
/// let err = FlavorBuilder::new(2, CpuType::Shared, ram).gpu_units(8).build().unwrap_err();
/// assert_eq!(err.to_string(), "GPU options need a GPU vendor (N, A or I)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct FlavorBuilder {
    cpus: u64,
    cpu_type: CpuType,
    cpu_insecure: bool,
    ram: Ram,
    ram_no_ecc: bool,
    ram_oversubscribed: bool,
    disk: Option<(Option<u64>, Option<DiskType>)>,
    disk_count: Option<u64>,
    hypervisor: Option<Hypervisor>,
    hardware_virtualization: bool,
    cpu_arch: Option<CpuArch>,
    gpu: Option<(GpuMode, GpuVendor)>,
    gpu_units: Option<(u64, GpuFrequency)>,
    vram: Option<(u64, VramBandwidth)>,
    infiniband: bool,
}

impl FlavorBuilder {
    /// Starts a flavor with `cpus` vCPUs of `cpu_type` and `ram` of RAM.
    ///
    /// ```
    /// use scs_flavor::{CpuType, FlavorBuilder, Ram};
    /// let flavor = FlavorBuilder::new(2, CpuType::Shared, "3.5".parse()?).build()?;
    /// assert_eq!(flavor.to_string(), "SCS-2V-3.5");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(cpus: u64, cpu_type: CpuType, ram: Ram) -> FlavorBuilder {
        FlavorBuilder {
            cpus,
            cpu_type,
            cpu_insecure: false,
            ram,
            ram_no_ecc: false,
            ram_oversubscribed: false,
            disk: None,
            disk_count: None,
            hypervisor: None,
            hardware_virtualization: false,
            cpu_arch: None,
            gpu: None,
            gpu_units: None,
            vram: None,
            infiniband: false,
        }
    }

    /// `i`: insecure CPUs.
    ///
    /// ```
    /// # use scs_flavor::{CpuType, FlavorBuilder, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// assert_eq!(b.cpu_insecure(true).build().unwrap().to_string(), "SCS-2Vi-4");
    /// ```
    pub fn cpu_insecure(mut self, yes: bool) -> Self {
        self.cpu_insecure = yes;
        self
    }

    /// `u`: no ECC.
    ///
    /// ```
    /// # use scs_flavor::{CpuType, FlavorBuilder, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// assert_eq!(b.ram_no_ecc(true).build().unwrap().to_string(), "SCS-2V-4u");
    /// ```
    pub fn ram_no_ecc(mut self, yes: bool) -> Self {
        self.ram_no_ecc = yes;
        self
    }

    /// `o`: oversubscribed RAM.
    ///
    /// ```
    /// # use scs_flavor::{CpuType, FlavorBuilder, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// assert_eq!(b.ram_oversubscribed(true).build().unwrap().to_string(), "SCS-2V-4o");
    /// ```
    pub fn ram_oversubscribed(mut self, yes: bool) -> Self {
        self.ram_oversubscribed = yes;
        self
    }

    /// A root disk of `size_gb` (`None`: the cloud decides) and type (`None`: any).
    ///
    /// ```
    /// # use scs_flavor::{CpuType, DiskType, FlavorBuilder, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// assert_eq!(b.disk(None, Some(DiskType::Network)).build().unwrap().to_string(), "SCS-2V-4-n");
    /// ```
    pub fn disk(mut self, size_gb: Option<u64>, disk_type: Option<DiskType>) -> Self {
        self.disk = Some((size_gb, disk_type));
        self
    }

    /// How many disks (needs [`disk`](Self::disk); at most 65535).
    ///
    /// ```
    /// # use scs_flavor::{CpuType, FlavorBuilder, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// assert_eq!(b.disk(Some(10), None).disk_count(2).build().unwrap().to_string(), "SCS-2V-4-2x10");
    /// ```
    pub fn disk_count(mut self, count: u64) -> Self {
        self.disk_count = Some(count);
        self
    }

    /// The hypervisor.
    ///
    /// ```
    /// # use scs_flavor::{CpuType, FlavorBuilder, Hypervisor, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// assert_eq!(b.hypervisor(Hypervisor::Kvm).build().unwrap().to_string(), "SCS-2V-4_kvm");
    /// ```
    pub fn hypervisor(mut self, hypervisor: Hypervisor) -> Self {
        self.hypervisor = Some(hypervisor);
        self
    }

    /// `hwv`: hardware virtualization.
    ///
    /// ```
    /// # use scs_flavor::{CpuType, FlavorBuilder, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// assert_eq!(b.hardware_virtualization(true).build().unwrap().to_string(), "SCS-2V-4_hwv");
    /// ```
    pub fn hardware_virtualization(mut self, yes: bool) -> Self {
        self.hardware_virtualization = yes;
        self
    }

    /// The CPU vendor with its generation, and the all-core frequency class.
    ///
    /// ```
    /// # use scs_flavor::{CpuFrequency, CpuType, CpuVendor, FlavorBuilder, IntelGeneration, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// let ice_lake = CpuVendor::Intel(IntelGeneration::IceLake);
    /// assert_eq!(b.cpu_arch(ice_lake, CpuFrequency::VeryHigh).build().unwrap().to_string(), "SCS-2V-4_i3hh");
    /// ```
    pub fn cpu_arch(mut self, vendor: CpuVendor, frequency: CpuFrequency) -> Self {
        self.cpu_arch = Some(CpuArch { vendor, frequency });
        self
    }

    /// A GPU: pass-through or virtual, vendor and generation.
    ///
    /// ```
    /// # use scs_flavor::{CpuType, FlavorBuilder, GpuMode, GpuVendor, NvidiaGeneration, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// let ampere = GpuVendor::Nvidia(Some(NvidiaGeneration::Ampere));
    /// assert_eq!(b.gpu(GpuMode::Virtual, ampere).build().unwrap().to_string(), "SCS-2V-4_gNa");
    /// ```
    pub fn gpu(mut self, mode: GpuMode, vendor: GpuVendor) -> Self {
        self.gpu = Some((mode, vendor));
        self
    }

    /// Number of GPU processing units (needs [`gpu`](Self::gpu)), standard frequency.
    ///
    /// ```
    /// # use scs_flavor::{CpuType, FlavorBuilder, GpuMode, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// let b = b.gpu(GpuMode::PassThrough, "A".parse().unwrap());
    /// assert_eq!(b.gpu_units(8).build().unwrap().to_string(), "SCS-2V-4_GA-8");
    /// ```
    pub fn gpu_units(self, units: u64) -> Self {
        self.gpu_units_at(units, GpuFrequency::Standard)
    }

    /// Number of GPU processing units and their frequency class (needs [`gpu`](Self::gpu)).
    ///
    /// ```
    /// # use scs_flavor::{CpuType, FlavorBuilder, GpuFrequency, GpuMode, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// let b = b.gpu(GpuMode::PassThrough, "A".parse().unwrap());
    /// assert_eq!(b.gpu_units_at(8, GpuFrequency::High).build().unwrap().to_string(), "SCS-2V-4_GA-8h");
    /// ```
    pub fn gpu_units_at(mut self, units: u64, frequency: GpuFrequency) -> Self {
        self.gpu_units = Some((units, frequency));
        self
    }

    /// Video memory in GiB and its bandwidth class (needs [`gpu_units`](Self::gpu_units)).
    ///
    /// ```
    /// # use scs_flavor::{CpuType, FlavorBuilder, GpuMode, Ram, VramBandwidth};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// let b = b.gpu(GpuMode::PassThrough, "A".parse().unwrap()).gpu_units(8);
    /// assert_eq!(b.vram(16, VramBandwidth::High).build().unwrap().to_string(), "SCS-2V-4_GA-8-16h");
    /// ```
    pub fn vram(mut self, gib: u64, bandwidth: VramBandwidth) -> Self {
        self.vram = Some((gib, bandwidth));
        self
    }

    /// `ib`: Infiniband.
    ///
    /// ```
    /// # use scs_flavor::{CpuType, FlavorBuilder, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// assert_eq!(b.infiniband(true).build().unwrap().to_string(), "SCS-2V-4_ib");
    /// ```
    pub fn infiniband(mut self, yes: bool) -> Self {
        self.infiniband = yes;
        self
    }

    /// Checks the numbers and the parts that need another part, and builds the flavor.
    ///
    /// ```
    /// use scs_flavor::{BuildError, CpuType, Field, FlavorBuilder, Ram};
    /// let b = FlavorBuilder::new(2, CpuType::Shared, Ram::from_gib(4).unwrap());
    /// assert_eq!(b.disk(Some(0), None).build(), Err(BuildError::Zero(Field::DiskSize)));
    /// ```
    pub fn build(&self) -> Result<Flavor, BuildError> {
        let cpus = NonZeroU64::new(self.cpus).ok_or(BuildError::ZeroCpus)?;
        let disk = match self.disk {
            None if self.disk_count.is_some() => return Err(BuildError::DiskOptionWithoutDisk),
            None => None,
            Some((size, disk_type)) => {
                let size_gb = size
                    .map(|s| NonZeroU64::new(s).ok_or(BuildError::Zero(Field::DiskSize)))
                    .transpose()?;
                let count = self.disk_count.unwrap_or(1);
                let count = u16::try_from(count).map_err(|_| BuildError::TooLarge {
                    field: Field::DiskCount,
                })?;
                let count = NonZeroU16::new(count).ok_or(BuildError::Zero(Field::DiskCount))?;
                Some(Disk {
                    count,
                    size_gb,
                    disk_type,
                })
            }
        };
        let gpu = match self.gpu {
            None if self.gpu_units.is_some() || self.vram.is_some() => {
                return Err(BuildError::GpuWithoutVendor);
            }
            None => None,
            Some((mode, vendor)) => Some(Gpu {
                mode,
                vendor,
                compute: self.gpu_compute()?,
            }),
        };
        Ok(Flavor {
            cpus,
            cpu_type: self.cpu_type,
            cpu_insecure: self.cpu_insecure,
            ram: self.ram,
            ram_no_ecc: self.ram_no_ecc,
            ram_oversubscribed: self.ram_oversubscribed,
            disk,
            hypervisor: self.hypervisor,
            hardware_virtualization: self.hardware_virtualization,
            cpu_arch: self.cpu_arch,
            gpu,
            infiniband: self.infiniband,
        })
    }

    fn gpu_compute(&self) -> Result<Option<GpuCompute>, BuildError> {
        let Some((units, frequency)) = self.gpu_units else {
            if self.vram.is_some() {
                return Err(BuildError::VramWithoutUnits);
            }
            return Ok(None);
        };
        let units = NonZeroU64::new(units).ok_or(BuildError::Zero(Field::GpuUnits))?;
        let vram = match self.vram {
            None => None,
            Some((gib, bandwidth)) => Some(Vram {
                gib: NonZeroU64::new(gib).ok_or(BuildError::Zero(Field::Vram))?,
                bandwidth,
            }),
        };
        Ok(Some(GpuCompute {
            units,
            frequency,
            vram,
        }))
    }
}
