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
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
/// use scs_flavor::{BuildError, CpuType, FlavorBuilder};
/// let err = FlavorBuilder::new(0, CpuType::Shared, 4.0).build().unwrap_err();
/// assert_eq!(err, BuildError::ZeroCpus);
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The number of vCPUs is zero.
    #[error("the number of vCPUs must be at least 1")]
    ZeroCpus,
    /// RAM is not a positive multiple of 0.5 GiB.
    #[error("RAM must be a positive multiple of 0.5 GiB, not {0}")]
    Ram(f64),
    /// A disk size, disk count, GPU unit count or VRAM amount of zero.
    #[error("{0} must be at least 1")]
    Zero(Field),
    /// A disk count above 65535.
    #[error("{field} must be at most {max}", max = field.max())]
    TooLarge {
        /// Which number.
        field: Field,
    },
    /// A CPU generation or frequency without a CPU vendor.
    #[error("a CPU generation or frequency needs a CPU vendor (i, z, a or r)")]
    GenerationWithoutVendor,
    /// A CPU vendor letter that is not `i`, `z`, `a` or `r`, or a generation it does not have.
    #[error("the standard defines no CPU vendor `{vendor}` with generation {generation}")]
    CpuGeneration {
        /// Vendor letter.
        vendor: char,
        /// Generation number.
        generation: u8,
    },
    /// A CPU frequency class above `hhh`.
    #[error("the CPU frequency takes at most three `h`")]
    CpuFrequency,
    /// A GPU vendor letter or generation the standard does not define.
    #[error("the standard defines no GPU vendor `{vendor}` with generation {generation:?}")]
    GpuGeneration {
        /// Vendor letter.
        vendor: char,
        /// Generation code.
        generation: Option<String>,
    },
    /// VRAM or a GPU frequency without a unit count.
    #[error("VRAM and GPU frequency need the number of GPU processing units")]
    VramWithoutUnits,
    /// A GPU frequency or bandwidth class above `hh`.
    #[error("GPU frequency and memory bandwidth take at most two `h`")]
    GpuSuffix,
    /// A GPU option without a GPU vendor.
    #[error("GPU options need a GPU vendor (N, A or I)")]
    GpuWithoutVendor,
    /// A disk type, count or size option where the flavor has no disk.
    #[error("disk type and disk count need a disk (give a disk size, or ask for an unsized disk)")]
    DiskOptionWithoutDisk,
}
