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
//! ## What is where
//!
//! | you want to | use |
//! | --- | --- |
//! | parse strictly (v3) | [`str::parse::<Flavor>`](Flavor), [`parse_v3`] (also says whether the input was [canonical](Parsed::canonical)) |
//! | parse older names | [`parse_v2`], [`parse_v1`], and [`parse_tolerant`], the certification's strategy |
//! | print | `Display` (canonical v3), [`Flavor::v1`], [`Flavor::shorten`], [`Flavor::describe`] |
//! | build a name from parts | [`FlavorBuilder`], with typed parts ([`CpuType`], [`Ram`], [`CpuVendor`], ...) |
//! | read or print one part (`V`, `s`, `kvm`, `z3`, `Na`, `3.5`) | `FromStr` and `Display` of each part's type; errors are [`PartError`] |
//! | extra specs (scs-0103) | [`Flavor::spec`], their keys in [`keys`] |
//! | check a flavor's figures | [`Flavor::check_figures`], [`Flavor::overpromises`] |
//! | name a flavor from its figures and extra specs | [`Flavor::infer`] |
//! | the standard flavors | [`standard_flavors`], [`standard_flavor`] |
//!
//! Parsing never allocates and never panics; every error is a [`ParseError`] with the byte
//! offset and what was expected there. The crate is small and synchronous: it depends on
//! `nom` and `thiserror`. The feature `serde` (off by default) adds `Serialize` and
//! `Deserialize` for [`Flavor`] (as its name) and `Serialize` for [`FlavorSpec`] (a flat map).
//!
//! Building a name from typed parts, each of which also reads its own spelling:
//!
//! ```
//! use scs_flavor::{keys, CpuFrequency, CpuType, DiskType, FlavorBuilder, Hypervisor, Ram};
//!
//! let ram = Ram::from_mib(16384).expect("16 GiB, as Nova counts it");
//! let flavor = FlavorBuilder::new(4, "V".parse::<CpuType>()?, ram)
//!     .disk(Some(50), Some(DiskType::Ssd))
//!     .hypervisor("kvm".parse::<Hypervisor>()?)
//!     .cpu_arch("z3".parse()?, CpuFrequency::High)
//!     .build()?;
//! assert_eq!(flavor.to_string(), "SCS-4V-16-50s_kvm_z3h");
//! assert_eq!(flavor.spec().extra_specs[keys::CPU_TYPE], "shared-core");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Where we depart from the reference implementation
//!
//! The SCS reference implementation (`flavor_names.py`) and the standard's text disagree
//! in a few places. We follow the text; each case is tested against the reference-labelled
//! corpus.
//!
//! - **A GPU without unit count before `_ib`.** The format line of scs-0100-v3 is
//!   "\[`_`\[`G/g`\]X\[N\]\[`-`M\]\[`h`\]\]\[`_ib`\]": every part after the vendor letter is
//!   optional and Infiniband may follow. `SCS-2V-4_GNa_ib` is therefore valid; the
//!   reference's GPU pattern swallows `_ib` into the generation and rejects it.
//! - **A decimal point needs digits on both sides.** "It is allowed to specify half GiBs
//!   (e.g. 3.5)": the standard writes numbers like `3.5` and `0.5`. `SCS-2V-4.` and
//!   `SCS-2V-.5` are rejected with the offset of the bare point; the reference reads them as
//!   `4.0` and `0.5`. Spellings like `4.0` or `3.50` are numbers and parse, but are not
//!   [canonical](Parsed::canonical).
//! - **Only what the grammar allows.** The reference's regular expressions admit a few
//!   spellings the grammar does not: a disk multiplier without its count (`SCS-2V-4-x10`;
//!   the grammar is "\[M`x`\]N" and "N and M are placeholders for numbers") and a GPU
//!   frequency `h` without a unit count (`SCS-2V-4_GNah`; the format is
//!   "X\[N\[`-`M\[`h`\]...", the `h` belongs to M). Both are rejected, with the offset.
//! - **Numbers have limits.** The standard gives none, the reference has none (Python
//!   integers). We accept every count and size up to 2^64-1 (RAM up to 2^63-1 GiB, counted
//!   in half GiBs) and up to 65535 disks, each of which gets a `scs:diskN-type` extra spec;
//!   beyond that, [`ParseError::OutOfRange`], never a wrap-around.
//! - **Leading zeros and other non-canonical spellings** (`SCS-01V-4`, `SCS-2V-4-1x10`,
//!   `SCS-2V-4_z0`) parse, as in the reference, and [`Parsed::canonical`] is `false`. For the
//!   explicit generation 0 the standard says: "It is recommended to leave out the `0` when
//!   specifying the old generation".
//! - **v2 and v1 are their own versions.** [`parse_v2`] and [`parse_v1`] accept only what
//!   those versions of the standard define (no `chy`, no GPU VRAM, their CPU generation
//!   tables); the reference treats v2 and v3 as one. [`parse_tolerant`] behaves like the
//!   reference's certification strategy.
//!
//! The semantics check follows the reference's RAM rounding, which the standard does not
//! specify; see [`Flavor::check_figures`].
#![deny(missing_docs)]

mod builder;
mod codes;
mod cpu;
mod describe;
mod disk;
mod display;
mod error;
mod extra_specs;
mod fast;
mod flavor;
mod gpu;
mod hypervisor;
mod infer;
mod parse;
mod ram;
mod semantics;
#[cfg(feature = "serde")]
mod serde;
mod standard;
mod version;

pub use builder::FlavorBuilder;
pub use codes::PartError;
pub use cpu::{
    AmdGeneration, ArmGeneration, CpuArch, CpuFrequency, CpuType, CpuVendor, IntelGeneration,
    RiscVGeneration,
};
pub use disk::{Disk, DiskType};
pub use display::V1Name;
pub use error::{BuildError, Expected, Field, ParseError};
pub use extra_specs::{FlavorSpec, cpu_type_from_extra_specs, keys};
pub use flavor::{Flavor, Parsed};
pub use gpu::{
    AmdGpuGeneration, Gpu, GpuCompute, GpuFrequency, GpuMode, GpuVendor, IntelGpuGeneration,
    NvidiaGeneration, Vram, VramBandwidth,
};
pub use hypervisor::Hypervisor;
pub use infer::InferError;
pub use parse::{
    PREFIX, canonicalize_into, parse_tolerant, parse_v1, parse_v2, parse_v3, parse_with,
};
pub use ram::Ram;
pub use semantics::{Figures, Mismatch, RECOMMENDED_DISK_SIZES};
pub use standard::{Requirement, StandardFlavor, standard_flavor, standard_flavors};
pub use version::{Syntax, Version};
