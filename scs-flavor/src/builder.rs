//! Building flavor names from loose parts, for provisioning code and the CLI.

use std::num::{NonZeroU16, NonZeroU64};

use crate::{
    BuildError, CpuArch, CpuFrequency, CpuType, CpuVendor, Disk, DiskType, Field, Flavor, Gpu,
    GpuCompute, GpuFrequency, GpuMode, GpuVendor, Hypervisor, Ram, Vram, VramBandwidth,
};

/// Builds a [`Flavor`] from plain numbers and letters, refusing impossible combinations.
///
/// [`Flavor`]'s fields can only hold valid values; this builder is for input that is not
/// typed yet (a form, a config file, command-line flags) and says what is wrong with it.
///
/// ```
/// use scs_flavor::{CpuType, DiskType, FlavorBuilder, GpuMode};
/// let flavor = FlavorBuilder::new(16, CpuType::DedicatedThread, 64.0)
///     .disk(Some(10), Some(DiskType::Ssd))
///     .disk_count(3)
///     .cpu_vendor('i')
///     .cpu_generation(3)
///     .cpu_frequency(1)
///     .gpu(GpuMode::PassThrough, 'N', Some("a"))
///     .gpu_units(64)
///     .infiniband(true)
///     .build()?;
/// assert_eq!(flavor.to_string(), "SCS-16T-64-3x10s_i3h_GNa-64_ib");
///
/// let err = FlavorBuilder::new(2, CpuType::Shared, 4.0).cpu_generation(3).build().unwrap_err();
/// assert_eq!(err.to_string(), "a CPU generation or frequency needs a CPU vendor (i, z, a or r)");
/// # Ok::<(), scs_flavor::BuildError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct FlavorBuilder {
    cpus: u64,
    cpu_type: Option<CpuType>,
    cpu_insecure: bool,
    ram_gib: f64,
    ram_no_ecc: bool,
    ram_oversubscribed: bool,
    disk: Option<(Option<u64>, Option<DiskType>)>,
    disk_count: Option<u64>,
    hypervisor: Option<Hypervisor>,
    hardware_virtualization: bool,
    cpu_vendor: Option<char>,
    cpu_generation: Option<u8>,
    cpu_frequency: usize,
    gpu: Option<(GpuMode, char, Option<String>)>,
    gpu_units: Option<u64>,
    gpu_frequency: usize,
    vram_gib: Option<u64>,
    vram_bandwidth: usize,
    infiniband: bool,
}

impl FlavorBuilder {
    /// Starts a flavor with `cpus` vCPUs of `cpu_type` and `ram_gib` GiB of RAM.
    pub fn new(cpus: u64, cpu_type: CpuType, ram_gib: f64) -> FlavorBuilder {
        FlavorBuilder {
            cpus,
            cpu_type: Some(cpu_type),
            ram_gib,
            ..FlavorBuilder::default()
        }
    }

    /// `i`: insecure CPUs.
    pub fn cpu_insecure(mut self, yes: bool) -> Self {
        self.cpu_insecure = yes;
        self
    }

    /// `u`: no ECC.
    pub fn ram_no_ecc(mut self, yes: bool) -> Self {
        self.ram_no_ecc = yes;
        self
    }

    /// `o`: oversubscribed RAM.
    pub fn ram_oversubscribed(mut self, yes: bool) -> Self {
        self.ram_oversubscribed = yes;
        self
    }

    /// A root disk of `size_gb` (`None`: the cloud decides) and type (`None`: any).
    pub fn disk(mut self, size_gb: Option<u64>, disk_type: Option<DiskType>) -> Self {
        self.disk = Some((size_gb, disk_type));
        self
    }

    /// How many disks (needs [`disk`](Self::disk)).
    pub fn disk_count(mut self, count: u64) -> Self {
        self.disk_count = Some(count);
        self
    }

    /// The hypervisor.
    pub fn hypervisor(mut self, hypervisor: Hypervisor) -> Self {
        self.hypervisor = Some(hypervisor);
        self
    }

    /// `hwv`: hardware virtualization.
    pub fn hardware_virtualization(mut self, yes: bool) -> Self {
        self.hardware_virtualization = yes;
        self
    }

    /// CPU vendor letter: `i`, `z`, `a` or `r`.
    pub fn cpu_vendor(mut self, letter: char) -> Self {
        self.cpu_vendor = Some(letter);
        self
    }

    /// CPU generation number (needs a vendor).
    pub fn cpu_generation(mut self, generation: u8) -> Self {
        self.cpu_generation = Some(generation);
        self
    }

    /// CPU frequency: the number of `h` (0 to 3; needs a vendor).
    pub fn cpu_frequency(mut self, h_count: usize) -> Self {
        self.cpu_frequency = h_count;
        self
    }

    /// A GPU: mode, vendor letter (`N`, `A`, `I`) and optional generation code.
    pub fn gpu(mut self, mode: GpuMode, vendor: char, generation: Option<&str>) -> Self {
        self.gpu = Some((mode, vendor, generation.map(str::to_owned)));
        self
    }

    /// Number of GPU processing units (needs a GPU).
    pub fn gpu_units(mut self, units: u64) -> Self {
        self.gpu_units = Some(units);
        self
    }

    /// GPU frequency: the number of `h` (0 to 2; needs units).
    pub fn gpu_frequency(mut self, h_count: usize) -> Self {
        self.gpu_frequency = h_count;
        self
    }

    /// Video memory in GiB (needs units).
    pub fn vram(mut self, gib: u64) -> Self {
        self.vram_gib = Some(gib);
        self
    }

    /// VRAM bandwidth: the number of `h` (0 to 2; needs VRAM).
    pub fn vram_bandwidth(mut self, h_count: usize) -> Self {
        self.vram_bandwidth = h_count;
        self
    }

    /// `ib`: Infiniband.
    pub fn infiniband(mut self, yes: bool) -> Self {
        self.infiniband = yes;
        self
    }

    /// Checks every part and builds the flavor.
    pub fn build(&self) -> Result<Flavor, BuildError> {
        let cpus = NonZeroU64::new(self.cpus).ok_or(BuildError::ZeroCpus)?;
        let twice = self.ram_gib * 2.0;
        if !(twice >= 1.0 && twice.fract() == 0.0 && twice < u64::MAX as f64) {
            return Err(BuildError::Ram(self.ram_gib));
        }
        let ram = Ram::from_half_gib(twice as u64).ok_or(BuildError::Ram(self.ram_gib))?;
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
        let cpu_arch = match self.cpu_vendor {
            None if self.cpu_generation.is_some() || self.cpu_frequency > 0 => {
                return Err(BuildError::GenerationWithoutVendor);
            }
            None => None,
            Some(vendor) => {
                let generation = self.cpu_generation.unwrap_or(0);
                let vendor = CpuVendor::from_parts(vendor, generation)
                    .ok_or(BuildError::CpuGeneration { vendor, generation })?;
                let frequency = CpuFrequency::from_h_count(self.cpu_frequency)
                    .ok_or(BuildError::CpuFrequency)?;
                Some(CpuArch { vendor, frequency })
            }
        };
        let gpu = match &self.gpu {
            None if self.gpu_units.is_some() || self.vram_gib.is_some() => {
                return Err(BuildError::GpuWithoutVendor);
            }
            None => None,
            Some((mode, letter, generation)) => {
                let vendor =
                    GpuVendor::from_parts(*letter, generation.as_deref()).ok_or_else(|| {
                        BuildError::GpuGeneration {
                            vendor: *letter,
                            generation: generation.clone(),
                        }
                    })?;
                Some(Gpu {
                    mode: *mode,
                    vendor,
                    compute: self.gpu_compute()?,
                })
            }
        };
        Ok(Flavor {
            cpus,
            cpu_type: self.cpu_type.unwrap_or(CpuType::Shared),
            cpu_insecure: self.cpu_insecure,
            ram,
            ram_no_ecc: self.ram_no_ecc,
            ram_oversubscribed: self.ram_oversubscribed,
            disk,
            hypervisor: self.hypervisor,
            hardware_virtualization: self.hardware_virtualization,
            cpu_arch,
            gpu,
            infiniband: self.infiniband,
        })
    }

    fn gpu_compute(&self) -> Result<Option<GpuCompute>, BuildError> {
        let Some(units) = self.gpu_units else {
            if self.vram_gib.is_some() || self.gpu_frequency > 0 || self.vram_bandwidth > 0 {
                return Err(BuildError::VramWithoutUnits);
            }
            return Ok(None);
        };
        let units = NonZeroU64::new(units).ok_or(BuildError::Zero(Field::GpuUnits))?;
        let frequency =
            GpuFrequency::from_h_count(self.gpu_frequency).ok_or(BuildError::GpuSuffix)?;
        let vram = match self.vram_gib {
            None if self.vram_bandwidth > 0 => return Err(BuildError::VramWithoutUnits),
            None => None,
            Some(gib) => Some(Vram {
                gib: NonZeroU64::new(gib).ok_or(BuildError::Zero(Field::Vram))?,
                bandwidth: VramBandwidth::from_h_count(self.vram_bandwidth)
                    .ok_or(BuildError::GpuSuffix)?,
            }),
        };
        Ok(Some(GpuCompute {
            units,
            frequency,
            vram,
        }))
    }
}
