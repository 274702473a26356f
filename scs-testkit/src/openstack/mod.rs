//! Live OpenStack clouds (feature `openstack`): [`OpenStackSource`] implements
//! [`CloudSource`](crate::CloudSource) over [openstack_sdk](https://docs.rs/openstack_sdk)'s
//! authentication (async, rustls) and the token's catalog.
//!
//! - [`CloudSettings`]: the cloud's `clouds.yaml` entry, found as the OpenStack client tools
//!   find it (see [`config`](self::CloudSettings::find) for the order), or the `OS_*` variables.
//! - [`OpenStackSource::connect`]: authenticates (no token cache on disk unless
//!   [`OpenStackOptions::auth_cache`]); every fact then comes from its service, with timeouts and
//!   a bounded [`RetryPolicy`], errors naming cloud, service, URL and status ([`ApiError`]), and
//!   every password and token scrubbed ([`Secrets`]).
//! - [`preflight`]: the user must hold `member` and no elevated role, as the certification
//!   requires; [`until_interrupted`] runs a future until Ctrl-C or SIGTERM so that the caller can
//!   clean up the probes' temporary resources ([`OpenStackSource::cleanup`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use scs_testkit::openstack::{CloudSettings, Environment, OpenStackOptions, OpenStackSource, preflight};
//! use scs_testkit::{Context, Registry, run};
//!
//! let settings = CloudSettings::find(Some("my-cloud"), &Environment::from_process())?;
//! let source = OpenStackSource::connect(&settings, OpenStackOptions::default()).await?;
//! preflight(source.token_roles())?;
//! let ctx = Arc::new(Context::new(source.clone()));
//! let outcomes = run(&Registry::builtin(), ["scs-0115-default-rules"], &ctx).await;
//! source.cleanup().await; // nothing left after a normal run; needed after an interrupted one
//! # Ok(()) }
//! ```

mod admin;
mod backup;
pub mod cleanup;
mod config;
#[cfg(test)]
pub(crate) mod fake;
mod http;
mod preflight;
mod probes;
mod s3;
mod source;
mod vm;

pub use admin::{AdminError, NewFlavor};
pub use backup::BACKUP_PROBE_PREFIX;
pub use config::{CloudSettings, ConfigError, Environment};
pub use http::{ApiError, Failure, RetryPolicy, Secrets};
#[cfg(feature = "nightly")]
pub(crate) use http::{classify, root_message};
pub use preflight::{ELEVATED_ROLES, PreflightError, preflight};
pub use source::{
    ConnectError, OpenStackOptions, OpenStackSource, PROBE_GROUP_PREFIX, PROBE_SECRET_PREFIX,
};
pub use vm::PROBE_VM_PREFIX;

/// Why [`until_interrupted`] stopped a run.
///
/// ```
/// assert_eq!(scs_testkit::openstack::Interrupted::Terminate.exit_status(), 143);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interrupted {
    /// Ctrl-C (SIGINT).
    Interrupt,
    /// SIGTERM.
    Terminate,
}

impl Interrupted {
    /// The exit status a shell expects: 128 + the signal number.
    ///
    /// ```
    /// assert_eq!(scs_testkit::openstack::Interrupted::Interrupt.exit_status(), 130);
    /// ```
    pub fn exit_status(self) -> u8 {
        match self {
            Interrupted::Interrupt => 130,
            Interrupted::Terminate => 143,
        }
    }
}

/// Runs `future` until it ends or the process gets SIGINT/SIGTERM; on a signal the future is
/// dropped (its requests cancelled) and the caller cleans up. Must be called within a tokio
/// runtime.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let done = scs_testkit::openstack::until_interrupted(async { 42 }).await;
/// assert_eq!(done, Ok(42));
/// # });
/// ```
pub async fn until_interrupted<F: Future>(future: F) -> Result<F::Output, Interrupted> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut int), Ok(mut term)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) else {
            return Ok(future.await);
        };
        tokio::select! {
            out = future => Ok(out),
            _ = int.recv() => Err(Interrupted::Interrupt),
            _ = term.recv() => Err(Interrupted::Terminate),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::select! {
            out = future => Ok(out),
            _ = tokio::signal::ctrl_c() => Err(Interrupted::Interrupt),
        }
    }
}
