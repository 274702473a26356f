//! # scs-standards — the SCS standard documents and the validators of individual standards
//!
//! Two things live here, both pure (plain data in, typed results out, no network, and no clock:
//! "now" is always a parameter):
//!
//! 1. The typed model of the SCS documents (scs-0001): [`StandardId`], [`DocVersion`],
//!    [`DocRef`], [`StandardModuleId`], [`DocumentType`], [`DocumentStatus`], [`Track`], [`Document`], and the
//!    [`Catalog`] of a `Standards/` folder with [`Catalog::check`].
//! 2. The validators, one module per standard, over the cloud objects of [`cloud`]:
//!    [`flavor_naming`] (scs-0100), [`entropy`] (scs-0101), [`standard_flavors`] (scs-0103), [`image_metadata`] (scs-0102), [`standard_images`] (scs-0104), [`volume_types`] (scs-0114),
//!    [`security_groups`] (scs-0115), [`services`] (scs-0123). Each returns [`TestcaseFindings`]: one
//!    [`Findings`] per testcase id of the certificate scope, with [`Finding`]s.
//!
//! ```
//! use scs_standards::{cloud::VolumeType, volume_types};
//! let types = vec![VolumeType::new("LUKS", Some("[scs:encrypted, replicated] LUKS on Ceph"))];
//! let outcomes = volume_types::validate(&types);
//! assert!(outcomes["scs-0114-syntax-check"].passed());
//! assert!(outcomes["scs-0114-encrypted-type"].passed());
//! ```
#![deny(missing_docs)]

mod catalog;
pub mod cloud;
mod document;
pub mod entropy;
mod finding;
pub mod flavor_audit;
pub mod flavor_naming;
mod id;
pub mod image_metadata;
pub mod security_groups;
pub mod services;
pub mod standard_flavors;
pub mod standard_images;
pub mod volume_types;

pub use catalog::{Catalog, CatalogError, MAX_DOCUMENT_BYTES};
pub use document::{
    Document, DocumentStatus, DocumentType, FileName, Problem, Track, UnknownValue,
};
pub use finding::{Finding, Findings, Severity, TestcaseFindings};
pub use id::{DocRef, DocVersion, IdError, StandardId, StandardModuleId};
