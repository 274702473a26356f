//! Does a flavor keep the promises of its name? (scs-0100-w1, `scs-0100-semantics-check`)

use std::fmt;

use crate::{Flavor, Ram};

/// What a cloud reports for a flavor: Nova's `vcpus`, `ram` (MiB) and `disk` (GB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Figures {
    /// Nova `vcpus`.
    pub vcpus: u64,
    /// Nova `ram`, in MiB.
    pub ram_mib: u64,
    /// Nova `disk`, in GB.
    pub disk_gb: u64,
}

/// Disk sizes the reference checker regards as standard; others are noted, not failed.
pub const RECOMMENDED_DISK_SIZES: [u64; 15] = [
    0, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000,
];

/// One difference between a flavor's name and its figures.
///
/// Only the `*Overpromise` variants break the standard (scs-0100-v3, "Naming policy
/// compliance": "the flavor must _at least_ provide the capabilities indicated by the
/// name"); the others are notes: "You are allowed to understate your performance".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Mismatch {
    /// Fewer vCPUs than the name says.
    CpuOverpromise {
        /// In the name.
        promised: u64,
        /// In the flavor.
        actual: u64,
    },
    /// Less RAM than the name says (compared in tenths of GiB, see [`Flavor::check_figures`]).
    RamOverpromise {
        /// In the name.
        promised: Ram,
        /// In the flavor, in tenths of GiB.
        actual_tenths_gib: u64,
    },
    /// A smaller root disk than the name says.
    DiskOverpromise {
        /// In the name (0 without a disk size).
        promised: u64,
        /// In the flavor.
        actual: u64,
    },
    /// More vCPUs than the name says.
    CpuUnderpromise {
        /// In the name.
        promised: u64,
        /// In the flavor.
        actual: u64,
    },
    /// More RAM than the name says.
    RamUnderpromise {
        /// In the name.
        promised: Ram,
        /// In the flavor, in tenths of GiB.
        actual_tenths_gib: u64,
    },
    /// A larger root disk than the name says.
    DiskUnderpromise {
        /// In the name.
        promised: u64,
        /// In the flavor.
        actual: u64,
    },
    /// RAM that is not whole GiB (or half GiB below 10 GiB); scs-0100-v3: half GiBs
    /// "should not be done for larger memory sizes (>= 10GiB)".
    UnevenRam {
        /// In the flavor, in tenths of GiB.
        actual_tenths_gib: u64,
    },
    /// A disk size outside [`RECOMMENDED_DISK_SIZES`].
    NonStandardDiskSize {
        /// In the name.
        size: u64,
    },
}

impl Mismatch {
    /// Whether this breaks the standard (the name promises more than the flavor has).
    pub const fn is_overpromise(&self) -> bool {
        matches!(
            self,
            Mismatch::CpuOverpromise { .. }
                | Mismatch::RamOverpromise { .. }
                | Mismatch::DiskOverpromise { .. }
        )
    }
}

struct Tenths(u64);

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::CpuOverpromise { promised, actual } => {
                write!(
                    f,
                    "CPU overpromise: the name says {promised} vCPUs, the flavor has {actual}"
                )
            }
            Mismatch::RamOverpromise {
                promised,
                actual_tenths_gib,
            } => write!(
                f,
                "RAM overpromise: the name says {promised} GiB, the flavor has {} GiB",
                Tenths(*actual_tenths_gib)
            ),
            Mismatch::DiskOverpromise { promised, actual } => {
                write!(
                    f,
                    "disk overpromise: the name says {promised} GB, the flavor has {actual} GB"
                )
            }
            Mismatch::CpuUnderpromise { promised, actual } => {
                write!(
                    f,
                    "CPU underpromise: the name says {promised} vCPUs, the flavor has {actual}"
                )
            }
            Mismatch::RamUnderpromise {
                promised,
                actual_tenths_gib,
            } => write!(
                f,
                "RAM underpromise: the name says {promised} GiB, the flavor has {} GiB",
                Tenths(*actual_tenths_gib)
            ),
            Mismatch::DiskUnderpromise { promised, actual } => {
                write!(
                    f,
                    "disk underpromise: the name says {promised} GB, the flavor has {actual} GB"
                )
            }
            Mismatch::UnevenRam { actual_tenths_gib } => {
                write!(
                    f,
                    "discouraged uneven memory size of {} GiB",
                    Tenths(*actual_tenths_gib)
                )
            }
            Mismatch::NonStandardDiskSize { size } => {
                write!(
                    f,
                    "non-standard disk size {size} GB (recommended: 5, 10, 20, 50, 100, 200, ...)"
                )
            }
        }
    }
}

impl Flavor {
    /// Compares the name with the flavor's real figures.
    ///
    /// The standard's w1 supplement says the test checks that "any immediately discoverable
    /// property of a flavor (currently, CPU, RAM and disk size) matches the meaning of its
    /// name"; it gives no rounding, so we follow the reference checker: the flavor's RAM is
    /// rounded to tenths of GiB as `floor((MiB + 51) / 102.4)` before comparing (so a flavor
    /// may be up to about 51 MiB short of the name's amount), vCPUs and disk are exact, and
    /// a name without disk size promises a disk of 0 GB.
    ///
    /// ```
    /// use scs_flavor::{Figures, Flavor};
    /// let flavor: Flavor = "SCS-2V-4-20".parse().unwrap();
    /// let ok = Figures { vcpus: 2, ram_mib: 4096, disk_gb: 20 };
    /// assert!(flavor.overpromises(&ok).is_empty());
    /// let short = Figures { vcpus: 2, ram_mib: 4000, disk_gb: 20 };
    /// assert_eq!(flavor.overpromises(&short).len(), 1);
    /// ```
    pub fn check_figures(&self, figures: &Figures) -> Vec<Mismatch> {
        let mut out = Vec::new();
        let cpus = self.cpus.get();
        if figures.vcpus < cpus {
            out.push(Mismatch::CpuOverpromise {
                promised: cpus,
                actual: figures.vcpus,
            });
        } else if figures.vcpus > cpus {
            out.push(Mismatch::CpuUnderpromise {
                promised: cpus,
                actual: figures.vcpus,
            });
        }
        let tenths = ram_tenths_gib(figures.ram_mib);
        let promised_tenths = self.ram.half_gib().saturating_mul(5);
        if (tenths >= 100 && tenths % 10 != 0) || tenths % 5 != 0 {
            out.push(Mismatch::UnevenRam {
                actual_tenths_gib: tenths,
            });
        }
        if tenths < promised_tenths {
            out.push(Mismatch::RamOverpromise {
                promised: self.ram,
                actual_tenths_gib: tenths,
            });
        } else if tenths > promised_tenths {
            out.push(Mismatch::RamUnderpromise {
                promised: self.ram,
                actual_tenths_gib: tenths,
            });
        }
        let disk = self.disk.and_then(|d| d.size_gb).map_or(0, |s| s.get());
        if !RECOMMENDED_DISK_SIZES.contains(&disk) {
            out.push(Mismatch::NonStandardDiskSize { size: disk });
        }
        if figures.disk_gb < disk {
            out.push(Mismatch::DiskOverpromise {
                promised: disk,
                actual: figures.disk_gb,
            });
        } else if figures.disk_gb > disk {
            out.push(Mismatch::DiskUnderpromise {
                promised: disk,
                actual: figures.disk_gb,
            });
        }
        out
    }

    /// Only the overpromises of [`check_figures`](Self::check_figures): what fails the check.
    pub fn overpromises(&self, figures: &Figures) -> Vec<Mismatch> {
        let mut all = self.check_figures(figures);
        all.retain(Mismatch::is_overpromise);
        all
    }
}

/// RAM in MiB rounded to tenths of GiB the way the reference checker does.
pub(crate) fn ram_tenths_gib(mib: u64) -> u64 {
    // floor((mib + 51) / 102.4) == floor((mib + 51) * 10 / 1024), in integers.
    (u128::from(mib) + 51)
        .saturating_mul(10)
        .div_euclid(1024)
        .try_into()
        .unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::ram_tenths_gib;

    #[test]
    fn ram_rounding_matches_the_reference_formula() {
        for mib in [
            0u64, 1, 50, 51, 52, 511, 512, 4000, 4045, 4046, 4096, 65536, 1_000_003,
        ] {
            let python = ((mib as f64 + 51.0) / 102.4).floor() as u64;
            assert_eq!(ram_tenths_gib(mib), python, "mib={mib}");
        }
    }
}
