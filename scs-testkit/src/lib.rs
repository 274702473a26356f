//! # scs-testkit: pluggable SCS testcases, the runner, and offline cloud snapshots
//!
//! The testkit turns the validators of `scs-standards` into testcases with the ids the
//! certificate scope uses, runs them against a cloud's facts, and hands the verdicts to
//! `scs-scope`, so a whole certification run can happen in process.
//!
//! - [`Testcase`]: one testcase (a [`TestcaseId`], description, url, [`DefinedBy`], `run`, which
//!   can use `?` on facts), [`Registry`]: by id;
//!   [`Registry::builtin`] has every testcase of scs-0100, 0101, 0102, 0103, 0104, 0114, 0115,
//!   0116, 0117 and 0123 in the SCS-compatible IaaS scope (scs-0101's checks inside a VM and
//!   scs-0117's backup ABORT as not implemented);
//!   [`ScriptTestcase`] runs a scope script for one testcase through the same trait.
//! - [`CloudSource`]: where facts come from; [`Context`]: each fact fetched at most once per run
//!   and shared; a fact that cannot be loaded makes exactly the testcases needing it ABORT.
//! - [`facts`]: the one table of facts from which [`Fact`], [`CloudSource`], the [`Context`]'s
//!   memos, the [`Snapshot`] file and the recording are generated; its section
//!   [Adding a fact](facts#adding-a-fact) walks through adding one (one line, one fetcher, its
//!   validators).
//! - [`run`]: runs testcases concurrently, results keyed by [`TestcaseId`] ([`Outcomes`]); each
//!   an [`Outcome`] whose [`Status`] is scs-scope's verdict (PASS, FAIL, ABORT).
//! - [`SnapshotSource`]: an offline snapshot file (see [`snapshot`] for the format).
//! - [`check`]: a whole check as one call — a scope, built in or loaded, against any source
//!   with `scs check`'s options; results, the rendered summary and the report
//!   ([`check::ScopeCheck`]). `scs check`, `scs demo` and the nightly run are built on it.
//! - [`scope`]: run a scope's testcases in process and merge the results into a `scs-scope`
//!   check ([`scope::run_in_process`] and [`scope::run_scripts`], the two halves of every check:
//!   a scope without a folder, built in or fetched, ABORTs what no built-in implements);
//!   [`demo`]: an embedded demo cloud.
//! - `openstack` (feature `openstack`, off by default): `OpenStackSource`, a live cloud over
//!   openstack_sdk, its probes and the certification's preflight; [`record`]: a cloud's facts
//!   as a snapshot file (`scs snapshot`).
//!
//! ```
//! use std::sync::Arc;
//! use scs_testkit::{Context, Registry, SnapshotSource, Status, run_blocking};
//!
//! let snapshot = SnapshotSource::from_yaml_str(r#"
//! flavors:
//! - {name: SCS-2V-4, vcpus: 2, ram: 4096, disk: 0}
//! - {name: SCS-4V-16-50, vcpus: 4, ram: 16384, disk: 20}
//! "#)?;
//! let ctx = Arc::new(Context::new(snapshot));
//! let ids = ["scs-0100-syntax-check", "scs-0100-semantics-check", "scs-0123-service-compute"];
//! let outcomes = run_blocking(&Registry::builtin(), ids, &ctx)?;
//! assert_eq!(outcomes["scs-0100-syntax-check"].status, Status::Pass);
//! assert_eq!(outcomes["scs-0100-semantics-check"].status, Status::Fail); // 20 GB < 50 GB
//! assert_eq!(outcomes["scs-0123-service-compute"].status, Status::Abort); // no catalog
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Where the testkit follows the standard rather than the reference
//!
//! The validators' own decisions are documented in `scs-standards`. Here:
//!
//! - `scs-0116-permissions` PASSes on a cloud without key manager without looking at the token's
//!   roles (the reference aborts first if they are wrong): the requirement is conditional, "If a
//!   Key Manager without secure RBAC enabled is used, the policies MUST be adjusted [...]"
//!   (scs-0116-v1, "Key Manager policies").
//! - The `scs-0102-*` ids are shared by scs-0102-v1 and v2 and reported once; they use v2's
//!   vocabulary ("Version 2.0 makes the field `os_purpose` mandatory and adds a new value
//!   `oldgeneric`"), so `oldgeneric` is accepted.
#![deny(missing_docs)]

pub mod builtin;
pub mod check;
mod context;
pub mod demo;
pub mod facts;
#[cfg(feature = "nightly")]
pub mod nightly;
#[cfg(feature = "openstack")]
pub mod openstack;
mod outcome;
pub mod record;
mod runner;
pub mod scope;
mod script;
pub mod snapshot;
mod source;
mod testcase;

pub use context::{Context, Got};
pub use facts::{CloudSource, Fact};
pub use outcome::{Outcome, Status, UnknownStatus};
pub use runner::{Outcomes, run, run_blocking};
pub use script::ScriptTestcase;
pub use snapshot::{
    MAX_SNAPSHOT_BYTES, Probes, Snapshot, SnapshotError, SnapshotErrorKind, SnapshotSource,
};
pub use source::{EntropyVmProbe, FactError, KeyManagerProbe, List, SwiftS3Probe};
pub use testcase::{DefinedBy, Registry, Testcase};

/// The one testcase id of the workspace (scs-scope's), re-exported for implementors of
/// [`Testcase`].
pub use scs_scope::TestcaseId;

/// The attribute for implementing [`Testcase`] and [`CloudSource`], re-exported so that
/// implementors need not depend on `async-trait` themselves.
pub use async_trait::async_trait;
