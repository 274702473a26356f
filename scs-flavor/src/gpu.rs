//! The GPU extension `_[G/g]X[N][-M[h][-V[h]]]` of scs-0100-v3.

use std::num::NonZeroU64;

/// Pass-through GPU or virtual GPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GpuMode {
    /// `G`: the GPU (or a partition of it) is passed through to the instance.
    PassThrough,
    /// `g`: a virtual GPU is assigned.
    Virtual,
}

impl GpuMode {
    /// The letter in flavor names.
    pub const fn letter(self) -> char {
        match self {
            GpuMode::PassThrough => 'G',
            GpuMode::Virtual => 'g',
        }
    }

    /// The letter in flavor names, as a string (what `Display` prints).
    ///
    /// ```
    /// # use scs_flavor::GpuMode;
    /// assert_eq!(GpuMode::Virtual.code(), "g");
    /// assert_eq!("G".parse::<GpuMode>(), Ok(GpuMode::PassThrough));
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            GpuMode::PassThrough => "G",
            GpuMode::Virtual => "g",
        }
    }

    /// The mode for a letter.
    pub const fn from_letter(letter: char) -> Option<GpuMode> {
        match letter {
            'G' => Some(GpuMode::PassThrough),
            'g' => Some(GpuMode::Virtual),
            _ => None,
        }
    }

    /// A short description.
    pub const fn description(self) -> &'static str {
        match self {
            GpuMode::PassThrough => "pass-through GPU",
            GpuMode::Virtual => "virtual GPU",
        }
    }
}

/// nVidia GPU generations: "f=Fermi, k=Kepler, m=Maxwell, p=Pascal, v=Volta, t=turing,
/// a=Ampere, l=Ada Lovelace, g=Grace Hopper, b=Blackwell, u=BlackwellUltra".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum NvidiaGeneration {
    Fermi,
    Kepler,
    Maxwell,
    Pascal,
    Volta,
    Turing,
    Ampere,
    AdaLovelace,
    GraceHopper,
    Blackwell,
    BlackwellUltra,
}

impl NvidiaGeneration {
    /// The generation for a code of a flavor name.
    pub fn from_code(code: &str) -> Option<NvidiaGeneration> {
        use NvidiaGeneration::*;
        Some(match code {
            "f" => Fermi,
            "k" => Kepler,
            "m" => Maxwell,
            "p" => Pascal,
            "v" => Volta,
            "t" => Turing,
            "a" => Ampere,
            "l" => AdaLovelace,
            "g" => GraceHopper,
            "b" => Blackwell,
            "u" => BlackwellUltra,
            _ => return None,
        })
    }

    /// Every generation, oldest first.
    pub const ALL: [NvidiaGeneration; 11] = [
        NvidiaGeneration::Fermi,
        NvidiaGeneration::Kepler,
        NvidiaGeneration::Maxwell,
        NvidiaGeneration::Pascal,
        NvidiaGeneration::Volta,
        NvidiaGeneration::Turing,
        NvidiaGeneration::Ampere,
        NvidiaGeneration::AdaLovelace,
        NvidiaGeneration::GraceHopper,
        NvidiaGeneration::Blackwell,
        NvidiaGeneration::BlackwellUltra,
    ];

    /// The code in flavor names.
    pub const fn code(self) -> &'static str {
        match self {
            NvidiaGeneration::Fermi => "f",
            NvidiaGeneration::Kepler => "k",
            NvidiaGeneration::Maxwell => "m",
            NvidiaGeneration::Pascal => "p",
            NvidiaGeneration::Volta => "v",
            NvidiaGeneration::Turing => "t",
            NvidiaGeneration::Ampere => "a",
            NvidiaGeneration::AdaLovelace => "l",
            NvidiaGeneration::GraceHopper => "g",
            NvidiaGeneration::Blackwell => "b",
            NvidiaGeneration::BlackwellUltra => "u",
        }
    }

    /// The generation's name.
    pub const fn name(self) -> &'static str {
        match self {
            NvidiaGeneration::Fermi => "Fermi",
            NvidiaGeneration::Kepler => "Kepler",
            NvidiaGeneration::Maxwell => "Maxwell",
            NvidiaGeneration::Pascal => "Pascal",
            NvidiaGeneration::Volta => "Volta",
            NvidiaGeneration::Turing => "Turing",
            NvidiaGeneration::Ampere => "Ampere",
            NvidiaGeneration::AdaLovelace => "Ada Lovelace",
            NvidiaGeneration::GraceHopper => "Grace Hopper",
            NvidiaGeneration::Blackwell => "Blackwell",
            NvidiaGeneration::BlackwellUltra => "Blackwell Ultra",
        }
    }
}

/// AMD GPU generations: "GCN-x=0.x, CDNA-x=x, RDNA-x=x.1, RDNA-3.5=3.5".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum AmdGpuGeneration {
    Gcn4,
    Gcn5,
    Cdna1,
    Rdna1,
    Cdna2,
    Rdna2,
    Cdna3,
    Rdna3,
    Rdna3_5,
    Cdna4,
    Rdna4,
    Rdna5,
}

impl AmdGpuGeneration {
    /// The generation for a code of a flavor name.
    pub fn from_code(code: &str) -> Option<AmdGpuGeneration> {
        use AmdGpuGeneration::*;
        Some(match code {
            "0.4" => Gcn4,
            "0.5" => Gcn5,
            "1" => Cdna1,
            "1.1" => Rdna1,
            "2" => Cdna2,
            "2.1" => Rdna2,
            "3" => Cdna3,
            "3.1" => Rdna3,
            "3.5" => Rdna3_5,
            "4" => Cdna4,
            "4.1" => Rdna4,
            "5.1" => Rdna5,
            _ => return None,
        })
    }

    /// Every generation.
    pub const ALL: [AmdGpuGeneration; 12] = [
        AmdGpuGeneration::Gcn4,
        AmdGpuGeneration::Gcn5,
        AmdGpuGeneration::Cdna1,
        AmdGpuGeneration::Rdna1,
        AmdGpuGeneration::Cdna2,
        AmdGpuGeneration::Rdna2,
        AmdGpuGeneration::Cdna3,
        AmdGpuGeneration::Rdna3,
        AmdGpuGeneration::Rdna3_5,
        AmdGpuGeneration::Cdna4,
        AmdGpuGeneration::Rdna4,
        AmdGpuGeneration::Rdna5,
    ];

    /// The code in flavor names.
    pub const fn code(self) -> &'static str {
        match self {
            AmdGpuGeneration::Gcn4 => "0.4",
            AmdGpuGeneration::Gcn5 => "0.5",
            AmdGpuGeneration::Cdna1 => "1",
            AmdGpuGeneration::Rdna1 => "1.1",
            AmdGpuGeneration::Cdna2 => "2",
            AmdGpuGeneration::Rdna2 => "2.1",
            AmdGpuGeneration::Cdna3 => "3",
            AmdGpuGeneration::Rdna3 => "3.1",
            AmdGpuGeneration::Rdna3_5 => "3.5",
            AmdGpuGeneration::Cdna4 => "4",
            AmdGpuGeneration::Rdna4 => "4.1",
            AmdGpuGeneration::Rdna5 => "5.1",
        }
    }

    /// The generation's name.
    pub const fn name(self) -> &'static str {
        match self {
            AmdGpuGeneration::Gcn4 => "GCN 4 (Polaris)",
            AmdGpuGeneration::Gcn5 => "GCN 5 (Vega)",
            AmdGpuGeneration::Cdna1 => "CDNA 1",
            AmdGpuGeneration::Rdna1 => "RDNA 1",
            AmdGpuGeneration::Cdna2 => "CDNA 2",
            AmdGpuGeneration::Rdna2 => "RDNA 2",
            AmdGpuGeneration::Cdna3 => "CDNA 3",
            AmdGpuGeneration::Rdna3 => "RDNA 3",
            AmdGpuGeneration::Rdna3_5 => "RDNA 3.5",
            AmdGpuGeneration::Cdna4 => "CDNA 4",
            AmdGpuGeneration::Rdna4 => "RDNA 4",
            AmdGpuGeneration::Rdna5 => "RDNA 5",
        }
    }
}

/// Intel GPU generations: "Gen9=0.9, Xe(12.1/DG1)=1, Xe(12.2)=2, Arc(12.7/DG2)=3,
/// BattleImage(20.0)=4"; 0.95 is Gen9.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum IntelGpuGeneration {
    Gen9,
    Gen9_5,
    Xe1,
    Xe2,
    Arc,
    Battlemage,
}

impl IntelGpuGeneration {
    /// The generation for a code of a flavor name.
    pub fn from_code(code: &str) -> Option<IntelGpuGeneration> {
        use IntelGpuGeneration::*;
        Some(match code {
            "0.9" => Gen9,
            "0.95" => Gen9_5,
            "1" => Xe1,
            "2" => Xe2,
            "3" => Arc,
            "4" => Battlemage,
            _ => return None,
        })
    }

    /// Every generation.
    pub const ALL: [IntelGpuGeneration; 6] = [
        IntelGpuGeneration::Gen9,
        IntelGpuGeneration::Gen9_5,
        IntelGpuGeneration::Xe1,
        IntelGpuGeneration::Xe2,
        IntelGpuGeneration::Arc,
        IntelGpuGeneration::Battlemage,
    ];

    /// The code in flavor names.
    pub const fn code(self) -> &'static str {
        match self {
            IntelGpuGeneration::Gen9 => "0.9",
            IntelGpuGeneration::Gen9_5 => "0.95",
            IntelGpuGeneration::Xe1 => "1",
            IntelGpuGeneration::Xe2 => "2",
            IntelGpuGeneration::Arc => "3",
            IntelGpuGeneration::Battlemage => "4",
        }
    }

    /// The generation's name.
    pub const fn name(self) -> &'static str {
        match self {
            IntelGpuGeneration::Gen9 => "Gen9",
            IntelGpuGeneration::Gen9_5 => "Gen9.5",
            IntelGpuGeneration::Xe1 => "Xe (Gen12.1)",
            IntelGpuGeneration::Xe2 => "Xe (Gen12.2)",
            IntelGpuGeneration::Arc => "Arc (Gen12.7)",
            IntelGpuGeneration::Battlemage => "Battlemage (Gen20)",
        }
    }
}

/// The GPU vendor `X` with its optional generation `N`.
///
/// ```
/// use scs_flavor::{GpuVendor, NvidiaGeneration};
/// let ampere = GpuVendor::from_parts('N', Some("a")).unwrap();
/// assert_eq!(ampere, GpuVendor::Nvidia(Some(NvidiaGeneration::Ampere)));
/// assert_eq!(GpuVendor::from_parts('A', Some("3.5")).unwrap().generation_code(), Some("3.5"));
/// assert!(GpuVendor::from_parts('I', Some("0.5")).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GpuVendor {
    /// `N`: nVidia; units are streaming multiprocessors (SMs).
    Nvidia(Option<NvidiaGeneration>),
    /// `A`: AMD; units are compute units (CUs).
    Amd(Option<AmdGpuGeneration>),
    /// `I`: Intel; units are execution units (EUs).
    Intel(Option<IntelGpuGeneration>),
}

impl GpuVendor {
    /// The vendor for a letter and generation code, if the standard defines that generation.
    pub fn from_parts(letter: char, generation: Option<&str>) -> Option<GpuVendor> {
        fn find<T: Copy>(
            all: &[T],
            code: fn(T) -> &'static str,
            want: Option<&str>,
        ) -> Option<Option<T>> {
            match want {
                None => Some(None),
                Some(w) => all.iter().copied().find(|g| code(*g) == w).map(Some),
            }
        }
        match letter {
            'N' => find(&NvidiaGeneration::ALL, NvidiaGeneration::code, generation)
                .map(GpuVendor::Nvidia),
            'A' => {
                find(&AmdGpuGeneration::ALL, AmdGpuGeneration::code, generation).map(GpuVendor::Amd)
            }
            'I' => find(
                &IntelGpuGeneration::ALL,
                IntelGpuGeneration::code,
                generation,
            )
            .map(GpuVendor::Intel),
            _ => None,
        }
    }

    /// Whether `letter` is a GPU vendor letter.
    pub const fn is_vendor_letter(letter: char) -> bool {
        matches!(letter, 'N' | 'A' | 'I')
    }

    /// The vendor letter.
    pub const fn letter(self) -> char {
        match self {
            GpuVendor::Nvidia(_) => 'N',
            GpuVendor::Amd(_) => 'A',
            GpuVendor::Intel(_) => 'I',
        }
    }

    /// The generation code, if a generation is given.
    pub const fn generation_code(self) -> Option<&'static str> {
        match self {
            GpuVendor::Nvidia(g) => match g {
                Some(g) => Some(g.code()),
                None => None,
            },
            GpuVendor::Amd(g) => match g {
                Some(g) => Some(g.code()),
                None => None,
            },
            GpuVendor::Intel(g) => match g {
                Some(g) => Some(g.code()),
                None => None,
            },
        }
    }

    /// The generation's name, if a generation is given.
    pub const fn generation_name(self) -> Option<&'static str> {
        match self {
            GpuVendor::Nvidia(Some(g)) => Some(g.name()),
            GpuVendor::Amd(Some(g)) => Some(g.name()),
            GpuVendor::Intel(Some(g)) => Some(g.name()),
            GpuVendor::Nvidia(None) | GpuVendor::Amd(None) | GpuVendor::Intel(None) => None,
        }
    }

    /// The vendor's name.
    pub const fn vendor_name(self) -> &'static str {
        match self {
            GpuVendor::Nvidia(_) => "nVidia",
            GpuVendor::Amd(_) => "AMD",
            GpuVendor::Intel(_) => "Intel",
        }
    }

    /// What the vendor calls its processing units.
    pub const fn unit_name(self) -> &'static str {
        match self {
            GpuVendor::Nvidia(_) => "SMs",
            GpuVendor::Amd(_) => "CUs",
            GpuVendor::Intel(_) => "EUs",
        }
    }
}

/// The high-frequency suffix of the GPU's processing units.
///
/// scs-0100-v3: "In case there are even more than two variants, the letter `h` can be
/// duplicated for even higher frquencies." The reference implementation's table stops
/// at `hh`, and so does this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum GpuFrequency {
    /// No suffix.
    #[default]
    Standard,
    /// `h`.
    High,
    /// `hh`.
    VeryHigh,
}

/// The bandwidth suffix of the GPU's video memory.
///
/// scs-0100-v3: "An optional `h` can be used to indicate high bandwidth memory (such as
/// HBM2+)"; `hh` follows the reference implementation's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum VramBandwidth {
    /// No suffix.
    #[default]
    Standard,
    /// `h`: high-bandwidth memory.
    High,
    /// `hh`: very high bandwidth.
    VeryHigh,
}

macro_rules! h_suffix {
    ($t:ty, $standard:ident, $high:ident, $very:ident) => {
        impl $t {
            /// The value for a number of `h` letters (0 to 2).
            pub const fn from_h_count(count: usize) -> Option<Self> {
                match count {
                    0 => Some(<$t>::$standard),
                    1 => Some(<$t>::$high),
                    2 => Some(<$t>::$very),
                    _ => None,
                }
            }

            /// The suffix in flavor names.
            pub const fn suffix(self) -> &'static str {
                match self {
                    <$t>::$standard => "",
                    <$t>::$high => "h",
                    <$t>::$very => "hh",
                }
            }
        }
    };
}
h_suffix!(GpuFrequency, Standard, High, VeryHigh);
h_suffix!(VramBandwidth, Standard, High, VeryHigh);

/// Video memory dedicated to the instance: `V[h]` in GiB, "rounded down".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Vram {
    /// Amount in GiB.
    pub gib: NonZeroU64,
    /// Bandwidth class.
    pub bandwidth: VramBandwidth,
}

/// The processing units `-M[h]` of a GPU, and optionally its video memory `-V[h]`.
///
/// VRAM can only be given after the unit count, so it lives inside this struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GpuCompute {
    /// Number of SMs / CUs / EUs exposed or assigned.
    pub units: NonZeroU64,
    /// Frequency class of the units.
    pub frequency: GpuFrequency,
    /// Video memory (added in scs-0100-v3).
    pub vram: Option<Vram>,
}

/// The GPU extension.
///
/// ```
/// use scs_flavor::Flavor;
/// let flavor: Flavor = "SCS-16V-64-500s_GNa-14-6h".parse().unwrap();
/// let gpu = flavor.gpu.unwrap();
/// assert_eq!(gpu.compute.unwrap().units.get(), 14);
/// assert_eq!(gpu.compute.unwrap().vram.unwrap().gib.get(), 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Gpu {
    /// Pass-through or virtual.
    pub mode: GpuMode,
    /// Vendor and generation.
    pub vendor: GpuVendor,
    /// Processing units and memory, if given.
    pub compute: Option<GpuCompute>,
}
