//! # scs-flavor: SCS flavor names (scs-0100)
//!
//! Parse, generate, shorten and describe flavor names of the Sovereign Cloud Stack
//! [flavor naming standard](https://docs.scs.community/standards/scs-0100-v3-flavor-naming),
//! derive the `scs:` extra specs of [scs-0103](https://docs.scs.community/standards/scs-0103-v1-standard-flavors),
//! and check that a flavor does not promise more than it has.
//!
//! ```
//! use scs_flavor::Flavor;
//!
//! let flavor: Flavor = "SCS-4V-16-50s_kvm_z3h".parse()?;
//! assert_eq!(flavor.cpus.get(), 4);
//! assert_eq!(flavor.shorten().to_string(), "SCS-4V-16-50s");
//! assert_eq!(flavor.v1().to_string(), "SCS-4V:16:50s-kvm-z3h");
//! println!("{}", flavor.describe());
//! # Ok::<(), scs_flavor::ParseError>(())
//! ```
//!
//! The crate is small and synchronous: it depends on `nom` and `thiserror`, plus `serde`
//! behind the default feature `serde`.
#![deny(missing_docs)]

mod builder;
mod cpu;
mod describe;
mod disk;
mod display;
mod error;
mod extra_specs;
mod flavor;
mod gpu;
mod hypervisor;
mod parse;
mod ram;
mod semantics;
#[cfg(feature = "serde")]
mod serde;
mod standard;
mod version;

pub use builder::FlavorBuilder;
pub use cpu::{
    AmdGeneration, ArmGeneration, CpuArch, CpuFrequency, CpuType, CpuVendor, IntelGeneration,
    RiscVGeneration,
};
pub use disk::{Disk, DiskType};
pub use display::V1Name;
pub use error::{BuildError, Expected, Field, ParseError};
pub use extra_specs::{FlavorSpec, cpu_type_from_extra_specs};
pub use flavor::{Flavor, Parsed};
pub use gpu::{
    AmdGpuGeneration, Gpu, GpuCompute, GpuFrequency, GpuMode, GpuVendor, IntelGpuGeneration,
    NvidiaGeneration, Vram, VramBandwidth,
};
pub use hypervisor::Hypervisor;
pub use parse::{PREFIX, parse_tolerant, parse_v1, parse_v2, parse_v3, parse_with};
pub use ram::Ram;
pub use semantics::{Figures, Mismatch, RECOMMENDED_DISK_SIZES};
pub use standard::{Requirement, StandardFlavor, standard_flavor, standard_flavors};
pub use version::{Syntax, Version};
