//! Errors of parsing and building flavor names.

use std::fmt;

use crate::Version;

/// Why a string is not a valid SCS flavor name.
///
/// [`ParseError::NotScs`] is for names that are not SCS names at all (scs-0100-v3:
/// "You may offer flavors not following the above scheme, as long as the name does not
/// start with `SCS-`"); every other variant is an SCS name with bad syntax and carries the
/// byte offset into the input where parsing stopped.
///
/// ```
/// use scs_flavor::{Expected, Flavor, ParseError};
/// assert_eq!("m1.small".parse::<Flavor>(), Err(ParseError::NotScs));
/// let err = "SCS-2iT-4".parse::<Flavor>().unwrap_err();
/// assert_eq!(err, ParseError::Syntax { offset: 5, expected: Expected::CpuType });
/// assert_eq!(err.to_string(), "invalid SCS flavor name at byte 5: expected a CPU type (L, V, T or C)");
/// assert!(err.is_scs());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The name does not start with `SCS-`.
    #[error("not an SCS flavor name (it does not start with `SCS-`)")]
    NotScs,
    /// Something else was expected at `offset`.
    #[error("invalid SCS flavor name at byte {offset}: expected {expected}")]
    Syntax {
        /// Byte offset into the input.
        offset: usize,
        /// What would have been valid there.
        expected: Expected,
    },
    /// A number at `offset` is too large for this implementation.
    #[error("invalid SCS flavor name at byte {offset}: {field} is out of range (at most {max})", max = field.max())]
    OutOfRange {
        /// Byte offset of the number.
        offset: usize,
        /// Which number.
        field: Field,
    },
}

impl ParseError {
    /// Whether the input was meant as an SCS name (it starts with `SCS-`).
    pub const fn is_scs(&self) -> bool {
        !matches!(self, ParseError::NotScs)
    }

    /// The byte offset of the error, `None` for [`ParseError::NotScs`].
    pub const fn offset(&self) -> Option<usize> {
        match self {
            ParseError::NotScs => None,
            ParseError::Syntax { offset, .. } | ParseError::OutOfRange { offset, .. } => {
                Some(*offset)
            }
        }
    }
}

/// The numbers of a flavor name.
///
/// ```
/// use scs_flavor::Field;
/// assert_eq!(Field::DiskCount.max(), 65535);
/// assert_eq!(Field::Cpus.to_string(), "the number of vCPUs");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// Number of vCPUs.
    Cpus,
    /// RAM in GiB.
    Ram,
    /// Number of disks (`Mx`).
    DiskCount,
    /// Disk size in GB.
    DiskSize,
    /// Number of GPU processing units.
    GpuUnits,
    /// GPU video memory in GiB.
    Vram,
}

impl Field {
    /// The largest value this implementation accepts.
    ///
    /// ```
    /// # use scs_flavor::Field;
    /// assert_eq!(Field::Ram.max(), u64::MAX / 2);
    /// ```
    ///
    /// The standard sets no limit; we refuse what cannot be represented exactly rather than
    /// wrap or lose precision: 64 bits for counts and sizes, 63 bits of GiB for RAM (it is
    /// counted in half GiBs), and 16 bits for the number of disks (each gets an extra spec).
    pub const fn max(self) -> u64 {
        match self {
            Field::Ram => u64::MAX / 2,
            Field::DiskCount => u16::MAX as u64,
            Field::Cpus | Field::DiskSize | Field::GpuUnits | Field::Vram => u64::MAX,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::Cpus => "the number of vCPUs",
            Field::Ram => "the amount of RAM",
            Field::DiskCount => "the number of disks",
            Field::DiskSize => "the disk size",
            Field::GpuUnits => "the number of GPU processing units",
            Field::Vram => "the amount of video memory",
        })
    }
}

/// What the parser expected where it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Expected {
    /// `L`, `V`, `T` or `C`.
    CpuType,
    /// `n`, `h`, `s` or `p`.
    DiskType,
    /// A hypervisor code: `kvm`, `chy`, `xen`, `vmw`, `hyv` or `bms`.
    Hypervisor,
    /// `i`, `z`, `a` or `r`.
    CpuVendor,
    /// `G` or `g`.
    GpuMode,
    /// `v1`, `v2` or `v3`.
    Version,
    /// A number within this implementation's limits ([`Field::max`]).
    InRange(Field),
    /// The separator before the RAM amount.
    RamSeparator(char),
    /// An amount of RAM.
    RamAmount,
    /// Digits after the decimal point of the RAM amount.
    RamFraction,
    /// A RAM amount that is a multiple of 0.5 GiB.
    HalfGib,
    /// A positive number: zero is not allowed here.
    Positive(Field),
    /// A number (after a separator inside the GPU extension).
    Number(Field),
    /// A CPU generation the standard defines for this vendor letter.
    CpuGeneration(char),
    /// At most three `h` for the CPU frequency.
    CpuFrequency,
    /// `N`, `A` or `I`.
    GpuVendor,
    /// A GPU generation the standard defines for this vendor letter.
    GpuGeneration(char),
    /// At most two `h` after the GPU unit count or VRAM.
    GpuSuffix,
    /// Only what this version of the standard defines (the rest was added later).
    InVersion(Version),
    /// The end of the name, or an extension in its place in the order.
    End,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::CpuType => f.write_str("a CPU type (L, V, T or C)"),
            Expected::DiskType => f.write_str("a disk type (n, h, s or p)"),
            Expected::Hypervisor => f.write_str("a hypervisor (kvm, chy, xen, vmw, hyv or bms)"),
            Expected::CpuVendor => f.write_str("a CPU vendor (i, z, a or r)"),
            Expected::GpuMode => f.write_str("a GPU mode (G or g)"),
            Expected::Version => f.write_str("a version of the standard (v1, v2 or v3)"),
            Expected::InRange(field) => write!(f, "{field} to be at most {}", field.max()),
            Expected::RamSeparator(c) => write!(f, "`{c}` and the amount of RAM"),
            Expected::RamAmount => f.write_str("the amount of RAM in GiB"),
            Expected::RamFraction => f.write_str("digits after the decimal point"),
            Expected::HalfGib => f.write_str("an amount of RAM in steps of 0.5 GiB"),
            Expected::Positive(field) => write!(f, "{field} to be greater than zero"),
            Expected::Number(field) => write!(f, "{field}"),
            Expected::CpuGeneration(v) => write!(
                f,
                "a CPU generation that the standard defines for vendor `{v}`"
            ),
            Expected::CpuFrequency => f.write_str("at most three `h` (CPU frequency)"),
            Expected::GpuVendor => f.write_str("a GPU vendor (N, A or I)"),
            Expected::GpuGeneration(v) => write!(
                f,
                "a GPU generation that the standard defines for vendor `{v}`"
            ),
            Expected::GpuSuffix => {
                f.write_str("at most two `h` (GPU frequency or memory bandwidth)")
            }
            Expected::InVersion(v) => write!(
                f,
                "only what scs-0100-{v} defines (this was added in a later version)"
            ),
            Expected::End => f.write_str(
                "the end of the name, a disk part, or an extension in this order: \
                 hypervisor, hwv, CPU architecture, GPU, ib",
            ),
        }
    }
}

/// Why [`FlavorBuilder`](crate::FlavorBuilder) refused a combination.
///
/// ```
/// use scs_flavor::{BuildError, CpuType, FlavorBuilder, Ram};
/// let err = FlavorBuilder::new(0, CpuType::Shared, Ram::from_gib(4).unwrap()).build().unwrap_err();
/// assert_eq!(err, BuildError::ZeroCpus);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The number of vCPUs is zero.
    #[error("the number of vCPUs must be at least 1")]
    ZeroCpus,
    /// A disk size, disk count, GPU unit count or VRAM amount of zero.
    #[error("{0} must be at least 1")]
    Zero(Field),
    /// A disk count above 65535.
    #[error("{field} must be at most {max}", max = field.max())]
    TooLarge {
        /// Which number.
        field: Field,
    },
    /// VRAM without a unit count.
    #[error("VRAM needs the number of GPU processing units")]
    VramWithoutUnits,
    /// A GPU option without a GPU vendor.
    #[error("GPU options need a GPU vendor (N, A or I)")]
    GpuWithoutVendor,
    /// A disk count where the flavor has no disk.
    #[error("disk type and disk count need a disk (give a disk size, or ask for an unsized disk)")]
    DiskOptionWithoutDisk,
}
