//! Versions of the flavor-naming standard and the two spellings they use.

/// A major version of the flavor-naming standard, scs-0100-vN.
///
/// Each version adds to the tables of the one before it; the syntax changed only
/// once, between v1 and v2 (see [`Syntax`]).
///
/// ```
/// use scs_flavor::{Syntax, Version};
/// assert_eq!(Version::V3.syntax(), Syntax::V2);
/// assert_eq!(Version::V1.to_string(), "v1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Version {
    /// scs-0100-v1 (deprecated): `SCS-2V:4:10n-z3`.
    V1,
    /// scs-0100-v2 (deprecated): `SCS-2V-4-10n_z3`.
    V2,
    /// scs-0100-v3 (stable): the v2 syntax with more table entries, Cloud Hypervisor and GPU VRAM.
    V3,
}

impl Version {
    /// Every version, oldest first.
    ///
    /// ```
    /// # use scs_flavor::Version;
    /// assert!(Version::ALL.is_sorted());
    /// ```
    pub const ALL: [Version; 3] = [Version::V1, Version::V2, Version::V3];

    /// `v1`, `v2`, `v3`: what `Display` prints and `FromStr` reads.
    ///
    /// ```
    /// # use scs_flavor::Version;
    /// assert_eq!(Version::V2.code(), "v2");
    /// assert_eq!("v3".parse::<Version>(), Ok(Version::V3));
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Version::V1 => "v1",
            Version::V2 => "v2",
            Version::V3 => "v3",
        }
    }

    /// The spelling this version of the standard uses.
    pub const fn syntax(self) -> Syntax {
        match self {
            Version::V1 => Syntax::V1,
            Version::V2 | Version::V3 => Syntax::V2,
        }
    }
}

/// The two spellings of flavor names.
///
/// scs-0100-v3, "Previous standard versions": "What is a `-` in v2 used to be a `:`;
/// `_` used to be `-`." The prefix `SCS-` is the same in both.
///
/// ```
/// use scs_flavor::Syntax;
/// assert_eq!(Syntax::V1.main_separator(), ':');
/// assert_eq!(Syntax::V2.extension_separator(), '_');
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// The v1 spelling: `SCS-16T:64:200s-GNa:64-ib`.
    V1,
    /// The spelling of v2 and v3: `SCS-16T-64-200s_GNa-64_ib`.
    V2,
}

impl Syntax {
    /// Separates CPU, RAM and disk, and the numbers inside the GPU extension.
    pub const fn main_separator(self) -> char {
        match self {
            Syntax::V1 => ':',
            Syntax::V2 => '-',
        }
    }

    /// Introduces each extension.
    pub const fn extension_separator(self) -> char {
        match self {
            Syntax::V1 => '-',
            Syntax::V2 => '_',
        }
    }
}
