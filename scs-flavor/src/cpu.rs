//! The CPU tables of scs-0100-v3: CPU suffixes, vendors, generations and frequencies.

use crate::Version;

/// The CPU suffix: what a vCPU is (scs-0100-v3, "CPU Suffixes").
///
/// Ordered from the weakest to the strongest guarantee, so `a < b` means `b` promises more.
///
/// ```
/// use scs_flavor::CpuType;
/// assert_eq!(CpuType::from_letter('V'), Some(CpuType::Shared));
/// assert_eq!(CpuType::Shared.extra_spec(), "shared-core");
/// assert!(CpuType::Crowded < CpuType::DedicatedCore);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CpuType {
    /// `L`: vCPU, heavily oversubscribed.
    Crowded,
    /// `V`: vCPU, at least 20% of a core in >99% of the time.
    Shared,
    /// `T`: dedicated thread (SMT).
    DedicatedThread,
    /// `C`: dedicated core.
    DedicatedCore,
}

impl CpuType {
    /// Every CPU type, weakest first.
    pub const ALL: [CpuType; 4] = [
        CpuType::Crowded,
        CpuType::Shared,
        CpuType::DedicatedThread,
        CpuType::DedicatedCore,
    ];

    /// The letter in flavor names.
    pub const fn letter(self) -> char {
        match self {
            CpuType::Crowded => 'L',
            CpuType::Shared => 'V',
            CpuType::DedicatedThread => 'T',
            CpuType::DedicatedCore => 'C',
        }
    }

    /// The letter in flavor names, as a string (what `Display` prints).
    ///
    /// ```
    /// # use scs_flavor::CpuType;
    /// assert_eq!(CpuType::DedicatedCore.code(), "C");
    /// assert_eq!("C".parse::<CpuType>(), Ok(CpuType::DedicatedCore));
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            CpuType::Crowded => "L",
            CpuType::Shared => "V",
            CpuType::DedicatedThread => "T",
            CpuType::DedicatedCore => "C",
        }
    }

    /// The same as [`from_letter`](Self::from_letter) for a byte, by table lookup: the
    /// parser's hot path, where a `match` mispredicts on varied input.
    ///
    /// ```
    /// # use scs_flavor::CpuType;
    /// assert_eq!(CpuType::from_byte(b'T'), Some(CpuType::DedicatedThread));
    /// ```
    pub fn from_byte(byte: u8) -> Option<CpuType> {
        const TABLE: [Option<CpuType>; 256] = {
            let mut table = [None; 256];
            let mut byte = 0;
            while byte < 256 {
                table[byte] = CpuType::from_letter(byte as u8 as char);
                byte += 1;
            }
            table
        };
        TABLE[usize::from(byte)]
    }

    /// The CPU type for a letter of a flavor name.
    pub const fn from_letter(letter: char) -> Option<CpuType> {
        match letter {
            'L' => Some(CpuType::Crowded),
            'V' => Some(CpuType::Shared),
            'T' => Some(CpuType::DedicatedThread),
            'C' => Some(CpuType::DedicatedCore),
            _ => None,
        }
    }

    /// The value of the `scs:cpu-type` extra spec (scs-0103-v1, "Properties").
    pub const fn extra_spec(self) -> &'static str {
        match self {
            CpuType::Crowded => "crowded-core",
            CpuType::Shared => "shared-core",
            CpuType::DedicatedThread => "dedicated-thread",
            CpuType::DedicatedCore => "dedicated-core",
        }
    }

    /// The CPU type for a `scs:cpu-type` value.
    ///
    /// ```
    /// # use scs_flavor::CpuType;
    /// assert_eq!(CpuType::from_extra_spec("crowded-core"), Some(CpuType::Crowded));
    /// assert_eq!(CpuType::from_extra_spec("shared"), None);
    /// ```
    pub fn from_extra_spec(value: &str) -> Option<CpuType> {
        CpuType::ALL.into_iter().find(|t| t.extra_spec() == value)
    }

    /// A short human-readable description.
    pub const fn description(self) -> &'static str {
        match self {
            CpuType::Crowded => "heavily oversubscribed vCPU",
            CpuType::Shared => "vCPU",
            CpuType::DedicatedThread => "dedicated hyperthread",
            CpuType::DedicatedCore => "dedicated core",
        }
    }
}

/// Intel x86-64 generations (scs-0100-v3, "Generation and Vendor", column `i`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IntelGeneration {
    /// 0: pre Skylake, or unspecified.
    PreSkylake,
    /// 1: Skylake.
    Skylake,
    /// 2: Cascade Lake.
    CascadeLake,
    /// 3: Ice Lake.
    IceLake,
    /// 4: Sapphire Rapids.
    SapphireRapids,
    /// 5: Sierra Forest (E-cores).
    SierraForest,
    /// 6: Granite Rapids (P-cores).
    GraniteRapids,
}

/// AMD (Zen) x86-64 generations (scs-0100-v3, "Generation and Vendor", column `z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AmdGeneration {
    /// 0: pre Zen, or unspecified.
    PreZen,
    /// 1: Zen-1 (Naples).
    Zen1,
    /// 2: Zen-2 (Rome).
    Zen2,
    /// 3: Zen-3 (Milan).
    Zen3,
    /// 4: Zen-4 (Genoa, Bergamo).
    Zen4,
    /// 5: Zen-5 (Turin).
    Zen5,
    /// 6: Zen-6 (Venice).
    Zen6,
}

/// ARM generations (scs-0100-v3, "Generation and Vendor", column `a`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ArmGeneration {
    /// 0: pre Cortex A76, or unspecified.
    PreA76,
    /// 1: A76 / Neoverse N1 class.
    A76,
    /// 2: A78 / X1 / Neoverse V1 class.
    A78,
    /// 3: A71x / Neoverse N2 / V2 (ARMv9).
    A71x,
    /// 4: AmpereOne (ARMv8.6).
    AmpereOne,
    /// 5: A72x / Neoverse N3 / V3 (ARMv9.2).
    A72x,
}

/// RISC-V generations (scs-0100-v3, "Generation and Vendor", column `r`): all "TBD" but 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiscVGeneration {
    /// 0: unspecified.
    Unspecified,
}

/// The CPU vendor with its generation: the `arch[N]` of the CPU extension.
///
/// The generation can only be given with a vendor, so it lives inside the vendor.
/// Generation 0 means "rather old or unspecified" and is what a name without a
/// number says; the canonical name leaves the `0` out.
///
/// ```
/// use scs_flavor::{AmdGeneration, CpuVendor};
/// let zen3 = CpuVendor::from_parts('z', 3).unwrap();
/// assert_eq!(zen3, CpuVendor::Amd(AmdGeneration::Zen3));
/// assert_eq!(zen3.letter(), 'z');
/// assert!(CpuVendor::from_parts('i', 9).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CpuVendor {
    /// `i`: Intel x86-64.
    Intel(IntelGeneration),
    /// `z`: AMD (Zen) x86-64.
    Amd(AmdGeneration),
    /// `a`: ARM v8+.
    Arm(ArmGeneration),
    /// `r`: RISC-V.
    RiscV(RiscVGeneration),
}

impl CpuVendor {
    /// The vendor for a letter and generation number, if the standard defines that generation.
    pub const fn from_parts(letter: char, generation: u8) -> Option<CpuVendor> {
        use AmdGeneration as Z;
        use ArmGeneration as A;
        use IntelGeneration as I;
        Some(match (letter, generation) {
            ('i', 0) => CpuVendor::Intel(I::PreSkylake),
            ('i', 1) => CpuVendor::Intel(I::Skylake),
            ('i', 2) => CpuVendor::Intel(I::CascadeLake),
            ('i', 3) => CpuVendor::Intel(I::IceLake),
            ('i', 4) => CpuVendor::Intel(I::SapphireRapids),
            ('i', 5) => CpuVendor::Intel(I::SierraForest),
            ('i', 6) => CpuVendor::Intel(I::GraniteRapids),
            ('z', 0) => CpuVendor::Amd(Z::PreZen),
            ('z', 1) => CpuVendor::Amd(Z::Zen1),
            ('z', 2) => CpuVendor::Amd(Z::Zen2),
            ('z', 3) => CpuVendor::Amd(Z::Zen3),
            ('z', 4) => CpuVendor::Amd(Z::Zen4),
            ('z', 5) => CpuVendor::Amd(Z::Zen5),
            ('z', 6) => CpuVendor::Amd(Z::Zen6),
            ('a', 0) => CpuVendor::Arm(A::PreA76),
            ('a', 1) => CpuVendor::Arm(A::A76),
            ('a', 2) => CpuVendor::Arm(A::A78),
            ('a', 3) => CpuVendor::Arm(A::A71x),
            ('a', 4) => CpuVendor::Arm(A::AmpereOne),
            ('a', 5) => CpuVendor::Arm(A::A72x),
            ('r', 0) => CpuVendor::RiscV(RiscVGeneration::Unspecified),
            _ => return None,
        })
    }

    /// The vendor letter.
    pub const fn letter(self) -> char {
        match self {
            CpuVendor::Intel(_) => 'i',
            CpuVendor::Amd(_) => 'z',
            CpuVendor::Arm(_) => 'a',
            CpuVendor::RiscV(_) => 'r',
        }
    }

    /// Whether `letter` is a CPU vendor letter.
    pub const fn is_vendor_letter(letter: char) -> bool {
        matches!(letter, 'i' | 'z' | 'a' | 'r')
    }

    /// The generation number (0 for "old or unspecified").
    pub const fn generation(self) -> u8 {
        match self {
            CpuVendor::Intel(g) => g as u8,
            CpuVendor::Amd(g) => g as u8,
            CpuVendor::Arm(g) => g as u8,
            CpuVendor::RiscV(g) => g as u8,
        }
    }

    /// This vendor with generation 0, as a short name keeps it.
    pub const fn without_generation(self) -> CpuVendor {
        match self {
            CpuVendor::Intel(_) => CpuVendor::Intel(IntelGeneration::PreSkylake),
            CpuVendor::Amd(_) => CpuVendor::Amd(AmdGeneration::PreZen),
            CpuVendor::Arm(_) => CpuVendor::Arm(ArmGeneration::PreA76),
            CpuVendor::RiscV(_) => CpuVendor::RiscV(RiscVGeneration::Unspecified),
        }
    }

    /// Whether this is an x86-64 vendor (Intel or AMD).
    pub const fn is_x86_64(self) -> bool {
        matches!(self, CpuVendor::Intel(_) | CpuVendor::Amd(_))
    }

    /// The Glance image architecture this vendor corresponds to (`None` for RISC-V,
    /// which "is not yet listed in Glance").
    pub const fn image_architecture(self) -> Option<&'static str> {
        match self {
            CpuVendor::Intel(_) | CpuVendor::Amd(_) => Some("x86_64"),
            CpuVendor::Arm(_) => Some("aarch64"),
            CpuVendor::RiscV(_) => None,
        }
    }

    /// The vendor's name.
    pub const fn vendor_name(self) -> &'static str {
        match self {
            CpuVendor::Intel(_) => "Intel",
            CpuVendor::Amd(_) => "AMD",
            CpuVendor::Arm(_) => "ARM",
            CpuVendor::RiscV(_) => "RISC-V",
        }
    }

    /// The generation's name, `None` for generation 0.
    pub const fn generation_name(self) -> Option<&'static str> {
        use AmdGeneration as Z;
        use ArmGeneration as A;
        use IntelGeneration as I;
        Some(match self {
            CpuVendor::Intel(I::PreSkylake)
            | CpuVendor::Amd(Z::PreZen)
            | CpuVendor::Arm(A::PreA76)
            | CpuVendor::RiscV(RiscVGeneration::Unspecified) => return None,
            CpuVendor::Intel(I::Skylake) => "Skylake",
            CpuVendor::Intel(I::CascadeLake) => "Cascade Lake",
            CpuVendor::Intel(I::IceLake) => "Ice Lake",
            CpuVendor::Intel(I::SapphireRapids) => "Sapphire Rapids",
            CpuVendor::Intel(I::SierraForest) => "Sierra Forest",
            CpuVendor::Intel(I::GraniteRapids) => "Granite Rapids",
            CpuVendor::Amd(Z::Zen1) => "Zen-1 (Naples)",
            CpuVendor::Amd(Z::Zen2) => "Zen-2 (Rome)",
            CpuVendor::Amd(Z::Zen3) => "Zen-3 (Milan)",
            CpuVendor::Amd(Z::Zen4) => "Zen-4 (Genoa)",
            CpuVendor::Amd(Z::Zen5) => "Zen-5 (Turin)",
            CpuVendor::Amd(Z::Zen6) => "Zen-6 (Venice)",
            CpuVendor::Arm(A::A76) => "A76/Neoverse N1 class",
            CpuVendor::Arm(A::A78) => "A78/X1/Neoverse V1 class",
            CpuVendor::Arm(A::A71x) => "A71x/Neoverse N2/V2 (ARMv9)",
            CpuVendor::Arm(A::AmpereOne) => "AmpereOne (ARMv8.6)",
            CpuVendor::Arm(A::A72x) => "A72x/Neoverse N3/V3 (ARMv9.2)",
        })
    }

    /// The first version of the standard whose table lists this generation.
    pub const fn introduced_in(self) -> Version {
        use AmdGeneration as Z;
        use ArmGeneration as A;
        use IntelGeneration as I;
        match self {
            CpuVendor::Intel(I::PreSkylake | I::Skylake | I::CascadeLake | I::IceLake)
            | CpuVendor::Amd(Z::PreZen | Z::Zen1 | Z::Zen2 | Z::Zen3 | Z::Zen4)
            | CpuVendor::Arm(A::PreA76 | A::A76 | A::A78 | A::A71x)
            | CpuVendor::RiscV(RiscVGeneration::Unspecified) => Version::V1,
            CpuVendor::Intel(I::SapphireRapids) => Version::V2,
            CpuVendor::Intel(I::SierraForest | I::GraniteRapids)
            | CpuVendor::Amd(Z::Zen5 | Z::Zen6)
            | CpuVendor::Arm(A::AmpereOne | A::A72x) => Version::V3,
        }
    }
}

/// The all-core frequency suffix of the CPU extension (scs-0100-v3, "Frequency Suffixes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum CpuFrequency {
    /// No suffix.
    #[default]
    Standard,
    /// `h`: >2.75 GHz all-core.
    High,
    /// `hh`: >3.25 GHz all-core.
    VeryHigh,
    /// `hhh`: >3.75 GHz all-core.
    VeryVeryHigh,
}

impl CpuFrequency {
    /// The frequency for a number of `h` letters (0 to 3).
    pub const fn from_h_count(count: usize) -> Option<CpuFrequency> {
        match count {
            0 => Some(CpuFrequency::Standard),
            1 => Some(CpuFrequency::High),
            2 => Some(CpuFrequency::VeryHigh),
            3 => Some(CpuFrequency::VeryVeryHigh),
            _ => None,
        }
    }

    /// The suffix in flavor names.
    pub const fn suffix(self) -> &'static str {
        match self {
            CpuFrequency::Standard => "",
            CpuFrequency::High => "h",
            CpuFrequency::VeryHigh => "hh",
            CpuFrequency::VeryVeryHigh => "hhh",
        }
    }

    /// What the suffix promises.
    pub const fn description(self) -> Option<&'static str> {
        match self {
            CpuFrequency::Standard => None,
            CpuFrequency::High => Some(">2.75 GHz all-core"),
            CpuFrequency::VeryHigh => Some(">3.25 GHz all-core"),
            CpuFrequency::VeryVeryHigh => Some(">3.75 GHz all-core"),
        }
    }
}

/// The CPU architecture extension `_arch[N][h]`: vendor, generation and frequency.
///
/// ```
/// use scs_flavor::{CpuArch, CpuFrequency, CpuVendor};
/// let arch = CpuArch { vendor: CpuVendor::from_parts('i', 3).unwrap(), frequency: CpuFrequency::High };
/// assert_eq!(arch.vendor.generation(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CpuArch {
    /// Vendor and generation.
    pub vendor: CpuVendor,
    /// All-core frequency class.
    pub frequency: CpuFrequency,
}
