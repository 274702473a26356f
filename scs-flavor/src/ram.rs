//! Memory amounts, exact to the half GiB.

use std::fmt;
use std::num::NonZeroU64;

/// An amount of RAM in GiB, always a positive multiple of 0.5 GiB.
///
/// scs-0100-v3, "Memory": "It is allowed to specify half GiBs (e.g. 3.5)". Stored as a
/// count of half GiBs, so it is exact and never a float.
///
/// ```
/// use scs_flavor::Ram;
/// let ram = Ram::from_half_gib(7).unwrap();
/// assert_eq!(ram.to_string(), "3.5");
/// assert_eq!(ram.mib(), 3584);
/// assert_eq!(Ram::from_gib(4).unwrap().to_string(), "4");
/// assert!(Ram::from_gib(0).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ram(NonZeroU64);

impl Ram {
    /// RAM of `gib` whole GiB; `None` for zero or an amount too large to count in half GiBs.
    pub const fn from_gib(gib: u64) -> Option<Ram> {
        match gib.checked_mul(2) {
            Some(half) => Ram::from_half_gib(half),
            None => None,
        }
    }

    /// RAM of `mib` MiB as Nova counts it; `None` unless it is a positive multiple of 512 MiB
    /// (half a GiB), the steps a name can say. For a flavor's RAM that is not, see
    /// [`Flavor::infer`](crate::Flavor::infer), which rounds as the semantics check does.
    ///
    /// ```
    /// # use scs_flavor::Ram;
    /// assert_eq!(Ram::from_mib(3584).unwrap().to_string(), "3.5");
    /// assert!(Ram::from_mib(4000).is_none());
    /// assert!(Ram::from_mib(0).is_none());
    /// ```
    pub const fn from_mib(mib: u64) -> Option<Ram> {
        if mib % 512 == 0 {
            Ram::from_half_gib(mib / 512)
        } else {
            None
        }
    }

    /// RAM of `half_gib` half GiBs; `None` for zero.
    pub const fn from_half_gib(half_gib: u64) -> Option<Ram> {
        match NonZeroU64::new(half_gib) {
            Some(n) => Some(Ram(n)),
            None => None,
        }
    }

    /// The amount in half GiBs.
    pub const fn half_gib(self) -> u64 {
        self.0.get()
    }

    /// The amount in GiB when it is whole, else `None`.
    ///
    /// ```
    /// # use scs_flavor::Ram;
    /// assert_eq!(Ram::from_half_gib(8).unwrap().whole_gib(), Some(4));
    /// assert_eq!(Ram::from_half_gib(7).unwrap().whole_gib(), None);
    /// ```
    pub const fn whole_gib(self) -> Option<u64> {
        if self.0.get() % 2 == 0 {
            Some(self.0.get() / 2)
        } else {
            None
        }
    }

    /// The amount in GiB as a float (exact up to 2^52 GiB).
    pub fn gib_f64(self) -> f64 {
        self.0.get() as f64 / 2.0
    }

    /// The amount in MiB, saturating at `u64::MAX`.
    pub const fn mib(self) -> u64 {
        self.0.get().saturating_mul(512)
    }
}

impl fmt::Display for Ram {
    /// `4`, `3.5`: the canonical spelling in flavor names.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let half = self.0.get();
        write!(f, "{}", half / 2)?;
        if half % 2 == 1 {
            f.write_str(".5")?;
        }
        Ok(())
    }
}
