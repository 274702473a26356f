//! # scs — the Sovereign Cloud Stack standards SDK
//!
//! This facade re-exports the member crates so an application can depend on one package:
//!
//! - [`flavor`]: the flavor-name grammar of scs-0100 (`scs-flavor`).
//! - [`standards`]: typed SCS documents (scs-0001) and the pure validators of individual
//!   standards (`scs-standards`).
//! - [`scope`]: certificate scopes of scs-0003: load, resolve, timeline, verdicts, reports (`scs-scope`).
//! - [`testkit`]: pluggable testcases, the runner, the built-in IaaS testcases and offline cloud
//!   snapshots (`scs-testkit`).

pub use scs_flavor as flavor;
pub use scs_scope as scope;
pub use scs_standards as standards;
pub use scs_testkit as testkit;

/// The verdict of a testcase (PASS, FAIL, ABORT; scs-0004), the same type as
/// [`scope::Status`] and [`testkit::Status`].
///
/// ```
/// assert_eq!(scs::Status::Fail, scs::testkit::Status::Fail);
/// ```
pub use scs_scope::Status;
