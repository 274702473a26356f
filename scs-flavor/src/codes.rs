//! The spellings of the standard's tables: `FromStr` and `Display` for every letter, code
//! and number a flavor name is made of, so that `V`, `s`, `kvm`, `z3`, `hh` or `3.5` can be
//! read and written on their own (command-line flags, forms, config files).
//!
//! Each type prints exactly what it contributes to a canonical name and parses exactly
//! that back; a table entry the standard does not define is a [`PartError`] that says what
//! was expected.

use std::fmt;
use std::str::FromStr;

use crate::{
    AmdGeneration, AmdGpuGeneration, ArmGeneration, CpuArch, CpuFrequency, CpuType, CpuVendor,
    Disk, DiskType, Expected, GpuFrequency, GpuMode, GpuVendor, Hypervisor, IntelGeneration,
    IntelGpuGeneration, NvidiaGeneration, Ram, RiscVGeneration, Version, VramBandwidth,
};

/// A string that is not a spelling of the expected part of a flavor name.
///
/// ```
/// use scs_flavor::{CpuType, Expected, PartError};
/// let err = "X".parse::<CpuType>().unwrap_err();
/// assert_eq!(err, PartError { expected: Expected::CpuType });
/// assert_eq!(err.to_string(), "expected a CPU type (L, V, T or C)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("expected {expected}")]
pub struct PartError {
    /// What would have been valid.
    pub expected: Expected,
}

impl PartError {
    const fn new(expected: Expected) -> PartError {
        PartError { expected }
    }
}

/// The single byte of a one-letter string.
fn single_byte(s: &str) -> Option<u8> {
    match s.as_bytes() {
        [b] => Some(*b),
        _ => None,
    }
}

/// A number of `h` letters and nothing else.
fn h_count(s: &str) -> Option<usize> {
    s.bytes().all(|b| b == b'h').then_some(s.len())
}

/// `Display` through a `&'static str` accessor, `FromStr` through a lookup.
macro_rules! code_table {
    ($t:ty, $show:expr, $read:expr, $expected:expr) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let show: fn($t) -> &'static str = $show;
                f.pad(show(*self))
            }
        }

        impl FromStr for $t {
            type Err = PartError;

            fn from_str(s: &str) -> Result<$t, PartError> {
                let read: fn(&str) -> Option<$t> = $read;
                read(s).ok_or(PartError::new($expected))
            }
        }
    };
}

code_table!(
    CpuType,
    CpuType::code,
    |s| single_byte(s).and_then(CpuType::from_byte),
    Expected::CpuType
);
code_table!(
    DiskType,
    DiskType::code,
    |s| single_byte(s).and_then(DiskType::from_byte),
    Expected::DiskType
);
code_table!(
    GpuMode,
    GpuMode::code,
    |s| single_byte(s).and_then(|b| GpuMode::from_letter(char::from(b))),
    Expected::GpuMode
);
code_table!(
    Hypervisor,
    Hypervisor::code,
    Hypervisor::from_code,
    Expected::Hypervisor
);
code_table!(
    NvidiaGeneration,
    NvidiaGeneration::code,
    NvidiaGeneration::from_code,
    Expected::GpuGeneration('N')
);
code_table!(
    AmdGpuGeneration,
    AmdGpuGeneration::code,
    AmdGpuGeneration::from_code,
    Expected::GpuGeneration('A')
);
code_table!(
    IntelGpuGeneration,
    IntelGpuGeneration::code,
    IntelGpuGeneration::from_code,
    Expected::GpuGeneration('I')
);
code_table!(
    CpuFrequency,
    CpuFrequency::suffix,
    |s| h_count(s).and_then(CpuFrequency::from_h_count),
    Expected::CpuFrequency
);
code_table!(
    GpuFrequency,
    GpuFrequency::suffix,
    |s| h_count(s).and_then(GpuFrequency::from_h_count),
    Expected::GpuSuffix
);
code_table!(
    VramBandwidth,
    VramBandwidth::suffix,
    |s| h_count(s).and_then(VramBandwidth::from_h_count),
    Expected::GpuSuffix
);
code_table!(
    Version,
    Version::code,
    |s| Version::ALL.into_iter().find(|v| v.code() == s),
    Expected::Version
);

/// The CPU generations print as their number and parse from it (`3`, not `03`).
macro_rules! generation_number {
    ($t:ident, $letter:literal, $variant:ident) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&(*self as u8), f)
            }
        }

        impl FromStr for $t {
            type Err = PartError;

            fn from_str(s: &str) -> Result<$t, PartError> {
                let generation = s
                    .parse::<u8>()
                    .ok()
                    .filter(|n| n.to_string() == s)
                    .and_then(|n| CpuVendor::from_parts($letter, n));
                match generation {
                    Some(CpuVendor::$variant(g)) => Ok(g),
                    _ => Err(PartError::new(Expected::CpuGeneration($letter))),
                }
            }
        }
    };
}

generation_number!(IntelGeneration, 'i', Intel);
generation_number!(AmdGeneration, 'z', Amd);
generation_number!(ArmGeneration, 'a', Arm);
generation_number!(RiscVGeneration, 'r', RiscV);

impl fmt::Display for CpuVendor {
    /// The vendor letter and, unless it is 0, the generation: `z3`, `i`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.generation() {
            0 => write!(f, "{}", self.letter()),
            n => write!(f, "{}{n}", self.letter()),
        }
    }
}

impl FromStr for CpuVendor {
    type Err = PartError;

    /// A vendor letter and an optional generation number, as in a name (`z3`, `i`, `a0`).
    fn from_str(s: &str) -> Result<CpuVendor, PartError> {
        let arch: CpuArch = s.parse()?;
        if arch.frequency != CpuFrequency::Standard {
            return Err(PartError::new(Expected::End));
        }
        Ok(arch.vendor)
    }
}

impl fmt::Display for CpuArch {
    /// As in a name, without the separator: `z3h`, `a`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.vendor, self.frequency)
    }
}

impl FromStr for CpuArch {
    type Err = PartError;

    /// As in a v3 name, without the separator: `z3h`, `i`, `r0hhh`.
    fn from_str(s: &str) -> Result<CpuArch, PartError> {
        crate::parse::whole_part(s, crate::parse::cpu_arch_v3).map(|(arch, _)| arch)
    }
}

impl fmt::Display for GpuVendor {
    /// The vendor letter and the generation code, if any: `Na`, `A3.5`, `I`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            self.letter(),
            self.generation_code().unwrap_or("")
        )
    }
}

impl FromStr for GpuVendor {
    type Err = PartError;

    /// A vendor letter and an optional generation code: `Na`, `A3.5`, `I`.
    fn from_str(s: &str) -> Result<GpuVendor, PartError> {
        let letter = s
            .chars()
            .next()
            .filter(|&c| GpuVendor::is_vendor_letter(c))
            .ok_or(PartError::new(Expected::GpuVendor))?;
        let code = &s[1..];
        GpuVendor::from_parts(letter, (!code.is_empty()).then_some(code))
            .ok_or(PartError::new(Expected::GpuGeneration(letter)))
    }
}

impl FromStr for Ram {
    type Err = PartError;

    /// An amount in GiB as a name spells it: `4`, `3.5` (also `4.0`).
    ///
    /// ```
    /// use scs_flavor::Ram;
    /// assert_eq!("3.5".parse::<Ram>()?.mib(), 3584);
    /// assert!("1.2".parse::<Ram>().is_err());
    /// assert!("0".parse::<Ram>().is_err());
    /// # Ok::<(), scs_flavor::PartError>(())
    /// ```
    fn from_str(s: &str) -> Result<Ram, PartError> {
        crate::parse::whole_part(s, crate::parse::ram).map(|(ram, _)| ram)
    }
}

impl fmt::Display for Disk {
    /// The disk part without its separator: `3x10s`, `50`, `n`, and for a single disk of
    /// any size and type, nothing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.count.get() != 1 {
            write!(f, "{}x", self.count)?;
        }
        if let Some(size) = self.size_gb {
            write!(f, "{size}")?;
        }
        if let Some(disk_type) = self.disk_type {
            write!(f, "{disk_type}")?;
        }
        Ok(())
    }
}

impl FromStr for Disk {
    type Err = PartError;

    /// The disk part of a name without its separator: `3x10s`, `50`, `n`, or nothing.
    fn from_str(s: &str) -> Result<Disk, PartError> {
        crate::parse::whole_part(s, crate::parse::disk).map(|(disk, _)| disk)
    }
}
