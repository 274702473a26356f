//! From what Nova says about a flavor to the most specific SCS name that is still truthful.

use std::num::{NonZeroU16, NonZeroU64};

use crate::semantics::ram_tenths_gib;
use crate::{CpuType, Disk, DiskType, Figures, Flavor, Ram, keys};

/// Why no SCS name can be inferred for a flavor.
///
/// ```
/// use scs_flavor::{Figures, Flavor, InferError};
/// let none: [(&str, &str); 0] = [];
/// let tiny = Figures { vcpus: 1, ram_mib: 256, disk_gb: 0 };
/// assert_eq!(Flavor::infer(&tiny, none), Err(InferError::TooLittleRam { ram_mib: 256 }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum InferError {
    /// Nova's `vcpus` is 0; a name counts at least one vCPU.
    #[error("the flavor has 0 vCPUs; an SCS name counts at least 1")]
    NoCpus,
    /// Less RAM than the smallest amount a name can say (0.5 GiB, after the semantics
    /// check's rounding).
    #[error(
        "the flavor has {ram_mib} MiB of RAM; an SCS name says at least 0.5 GiB (461 MiB, as the semantics check rounds)"
    )]
    TooLittleRam {
        /// Nova's `ram`.
        ram_mib: u64,
    },
    /// An `scs:` extra spec whose value the standard does not define.
    #[error("extra spec `{key}` is `{value}`, not one of {expected}")]
    ExtraSpec {
        /// The key.
        key: String,
        /// Its value.
        value: String,
        /// The values the standard defines.
        expected: &'static str,
    },
}

impl Flavor {
    /// The most specific SCS name that is still truthful for a flavor as Nova describes it:
    /// its figures (`vcpus`, `ram` in MiB, root `disk` in GB) and its extra specs.
    ///
    /// scs-0100-v3, "Naming policy compliance": "the flavor must _at least_ provide the
    /// capabilities indicated by the name", and "You are allowed to understate your
    /// performance". So the name says what the figures and the `scs:` extra specs of
    /// scs-0103-v1 establish, and nothing more:
    ///
    /// - **vCPUs**: Nova's `vcpus`, exactly.
    /// - **CPU type**: from `scs:cpu-type` ("`cpu-type=shared-core` corresponds to the `V`
    ///   cpu modifier ..., other options are `crowded-core` (`L`), `dedicated-thread` (`T`)
    ///   and `dedicated-core` (`C`)"). Without it the name says `L`, the weakest type, which
    ///   every vCPU satisfies: "Higher oversubscription must be indicated with a `L` vCPU
    ///   type". We infer rather than refuse because `L` is true of any flavor, and a caller
    ///   who wants a stronger type says so with the extra spec; an unknown value is refused
    ///   ([`InferError::ExtraSpec`]): the flavor claims something the standard does not define.
    /// - **RAM**: the largest amount in steps of 0.5 GiB that the semantics check
    ///   (scs-0100-w1, [`Flavor::check_figures`]) does not call an overpromise: Nova's MiB
    ///   rounded to tenths of GiB as `floor((MiB + 51) / 102.4)`, then down to a half GiB. So
    ///   4096 MiB is `4` and 4000 MiB is `3.5`. Half GiBs are named at every size: the
    ///   standard's "should not be done for larger memory sizes" is advice on sizing flavors,
    ///   and naming 10752 MiB `10` would understate it.
    /// - **Disk**: Nova's `disk`; 0 means no disk part ("boot from volume"). Its type comes
    ///   from `scs:disk0-type`; without it the name leaves the type open (`SCS-2V-4-50`).
    ///   Disks `scs:disk1-type`, `scs:disk2-type`, ... (without gaps) are further disks of the
    ///   same size, as [`Flavor::spec`] writes them (`3x10s`); if their types differ, the name
    ///   leaves the type open.
    /// - **Nothing else**: no hypervisor, `hwv`, CPU vendor, GPU or Infiniband; no extra spec
    ///   of scs-0103 establishes them (a `scs:name-vN` is a claim, not a figure).
    ///
    /// The qualifiers `i` (insecure CPUs), `u` (no ECC) and `o` (oversubscribed memory) say
    /// what a flavor *lacks*, and no figure or extra spec tells. The inferred name leaves them
    /// out, as every standard flavor of scs-0103 does; but scs-0100-v3 warns that "omitting
    /// these qualifiers is _overstating_ your security, reliability or performance
    /// properties": a caller who knows a flavor lacks mitigations, ECC or unshared memory sets
    /// [`cpu_insecure`](Flavor::cpu_insecure), [`ram_no_ecc`](Flavor::ram_no_ecc) or
    /// [`ram_oversubscribed`](Flavor::ram_oversubscribed) on the result.
    ///
    /// The inferred name never fails the semantics check against the figures it came from.
    ///
    /// ```
    /// use scs_flavor::{keys, Figures, Flavor};
    /// let figures = Figures { vcpus: 2, ram_mib: 4096, disk_gb: 20 };
    /// let specs = [(keys::CPU_TYPE, "shared-core"), (keys::DISK0_TYPE, "ssd")];
    /// assert_eq!(Flavor::infer(&figures, specs)?.to_string(), "SCS-2V-4-20s");
    ///
    /// // Without extra specs: the weakest CPU type, no disk type; 4000 MiB is 3.5 GiB.
    /// let bare = Figures { vcpus: 2, ram_mib: 4000, disk_gb: 0 };
    /// let none: [(&str, &str); 0] = [];
    /// assert_eq!(Flavor::infer(&bare, none)?.to_string(), "SCS-2L-3.5");
    /// # Ok::<(), scs_flavor::InferError>(())
    /// ```
    pub fn infer<K, V>(
        figures: &Figures,
        extra_specs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Flavor, InferError>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let cpus = NonZeroU64::new(figures.vcpus).ok_or(InferError::NoCpus)?;
        // Half GiBs: a tenth of a GiB rounded as the semantics check does, five to the half.
        let ram = Ram::from_half_gib(ram_tenths_gib(figures.ram_mib) / 5).ok_or(
            InferError::TooLittleRam {
                ram_mib: figures.ram_mib,
            },
        )?;
        let mut cpu_type = CpuType::Crowded;
        // The types of disks 0, 1, ... as far as they are listed; up to 65535 disks, as names.
        let mut disk_types: Vec<Option<DiskType>> = Vec::new();
        for (key, value) in extra_specs {
            let (key, value) = (key.as_ref(), value.as_ref());
            let refuse = |expected| InferError::ExtraSpec {
                key: key.to_owned(),
                value: value.to_owned(),
                expected,
            };
            if key == keys::CPU_TYPE {
                cpu_type = CpuType::from_extra_spec(value).ok_or_else(|| {
                    refuse("crowded-core, shared-core, dedicated-thread, dedicated-core")
                })?;
            } else if let Some(n) = keys::parse_disk_type(key) {
                let disk_type = DiskType::from_extra_spec(value)
                    .ok_or_else(|| refuse("network, hdd, ssd, nvme"))?;
                let n = usize::from(n);
                if disk_types.len() <= n {
                    disk_types.resize(n + 1, None);
                }
                disk_types[n] = Some(disk_type);
            }
        }
        let disk = NonZeroU64::new(figures.disk_gb).map(|size| {
            let listed: Vec<DiskType> = disk_types.iter().map_while(|t| *t).collect();
            // At most 65535 disks, as in names: more listed is understated, never wrapped.
            let count = u16::try_from(listed.len()).unwrap_or(u16::MAX);
            let count = NonZeroU16::new(count).unwrap_or(NonZeroU16::MIN);
            let disk_type = match listed.split_first() {
                Some((first, rest)) if rest.iter().all(|t| t == first) => Some(*first),
                _ => None,
            };
            Disk {
                count,
                size_gb: Some(size),
                disk_type,
            }
        });
        Ok(Flavor {
            cpus,
            cpu_type,
            ram,
            disk,
            ..Flavor::BLANK
        })
    }
}
