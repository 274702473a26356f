//! Downloading scope files (feature `fetch`): `scs scope fetch`, and `scs check https://...`.
//!
//! The feature is off by default, so an embedder that only loads scopes compiles no HTTP
//! client; the `scs` tool turns it on. Requests go through `reqwest` with rustls (the client
//! the live OpenStack source builds anyway), blocking.
//!
//! What is accepted, so that a typo or a hostile server cannot plant a bad scope:
//!
//! - `https://` with TLS verification (never switched off); plain `http://` only on loopback
//!   (`127.0.0.0/8`, `::1`, `localhost`), for tests and local mirrors. The same rule holds for
//!   every redirect, and at most [`FetchOptions::max_redirects`] are followed.
//! - A timeout for the whole request ([`FetchOptions::timeout`]) and a size limit
//!   ([`FetchOptions::max_bytes`], by default the loader's [`MAX_SCOPE_BYTES`]).
//! - The body must load with [`Scope::from_yaml_str`]; when a built-in scope was asked for, its
//!   uuid must match.
//!
//! Nothing is stored unless all of that holds; then [`fetch_into_cache`] stores it atomically.
//!
//! ```no_run
//! use scs_scope::{BuiltinScope, ScopeCache, fetch::{FetchOptions, fetch_into_cache}};
//! let cache = ScopeCache::user().expect("a home directory");
//! let chosen = fetch_into_cache(&cache, BuiltinScope::Iaas.url(), Some(BuiltinScope::Iaas), &FetchOptions::default())?;
//! println!("{}", chosen.describe()); // scope: SCS-compatible IaaS (fetched from https://... on ..., cached at ...)
//! # Ok::<(), scs_scope::fetch::FetchError>(())
//! ```

use std::io::Read;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use chrono::Local;
use reqwest::Url;
use reqwest::blocking::Client;
use reqwest::redirect::Policy;

use crate::builtin::BuiltinScope;
use crate::load::{LoadError, MAX_SCOPE_BYTES};
use crate::origin::{ChosenScope, ScopeCache, ScopeOrigin};
use crate::scope::Scope;

/// Limits of a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// For the whole request, body included (default 30 s).
    pub timeout: Duration,
    /// The largest body accepted (default [`MAX_SCOPE_BYTES`]).
    pub max_bytes: usize,
    /// Redirects followed at most (default 5).
    pub max_redirects: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            max_bytes: MAX_SCOPE_BYTES,
            max_redirects: 5,
        }
    }
}

/// Why a download was refused; nothing was stored.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Not a URL.
    #[error("{url}: not a URL ({reason})")]
    BadUrl {
        /// The text given.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// Plain http to a host that is not loopback, or another scheme.
    #[error(
        "{url}: refused: only https, or plain http on loopback (127.0.0.0/8, ::1, localhost), is fetched"
    )]
    Insecure {
        /// The URL.
        url: String,
    },
    /// The request failed: connection, TLS, timeout, a refused or one redirect too many.
    #[error("{url}: {message}")]
    Request {
        /// The URL.
        url: String,
        /// What happened, with its causes.
        message: String,
    },
    /// The server answered with an error status.
    #[error("{url}: HTTP status {status}")]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The body exceeds [`FetchOptions::max_bytes`].
    #[error("{url}: more than {limit} bytes, refused")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit.
        limit: usize,
    },
    /// The body is not a valid scope.
    #[error("{url}: not a valid scope: {error}")]
    Invalid {
        /// The URL.
        url: String,
        /// Why it does not load.
        error: LoadError,
    },
    /// The scope is not the one asked for.
    #[error("{url}: uuid {found} is not that of {expected} ({uuid})", expected = .expected.name(), uuid = .expected.uuid())]
    WrongUuid {
        /// The URL.
        url: String,
        /// The scope asked for.
        expected: BuiltinScope,
        /// The uuid found.
        found: String,
    },
    /// A valid scope that is no built-in one: only built-in scopes are cached.
    #[error(
        "{url}: uuid {found} is not that of a built-in scope (iaas, kaas); only those are cached (pass the URL to `scs check` instead)"
    )]
    NotBuiltin {
        /// The URL.
        url: String,
        /// The uuid found.
        found: String,
    },
    /// The cache could not be written.
    #[error("cannot store {}: {message}", .path.display())]
    Store {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        message: String,
    },
}

/// Whether `url` may be fetched: `https`, or `http` to a loopback host.
///
/// ```
/// use scs_scope::fetch::is_allowed;
/// let ok = |u: &str| is_allowed(&u.parse().unwrap());
/// assert!(ok("https://raw.githubusercontent.com/x.yaml"));
/// assert!(ok("http://127.0.0.1:8080/x.yaml") && ok("http://127.9.9.9/x") && ok("http://[::1]/x") && ok("http://localhost/x"));
/// assert!(!ok("http://example.com/x.yaml") && !ok("http://10.0.0.1/x") && !ok("ftp://127.0.0.1/x"));
/// ```
pub fn is_allowed(url: &Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => is_loopback(url),
        _ => false,
    }
}

/// Whether `url` names this machine (`localhost`, `127.0.0.0/8`, `::1`): the one place where
/// plain `http://` is accepted, here and for uploads to the compliance monitor.
///
/// ```
/// use reqwest::Url;
/// use scs_scope::fetch::is_loopback;
/// assert!(is_loopback(&Url::parse("http://127.0.0.2:8080/").unwrap()));
/// assert!(is_loopback(&Url::parse("http://[::1]/").unwrap()));
/// assert!(!is_loopback(&Url::parse("http://monitor.example/").unwrap()));
/// ```
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// An error and its causes on one line (reqwest nests the interesting part).
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text
}

/// Downloads `url` as text, under the rules of the module documentation.
pub fn fetch_text(url: &str, options: &FetchOptions) -> Result<String, FetchError> {
    let parsed: Url = url
        .parse()
        .map_err(|e: url::ParseError| FetchError::BadUrl {
            url: url.to_owned(),
            reason: e.to_string(),
        })?;
    if !is_allowed(&parsed) {
        return Err(FetchError::Insecure {
            url: url.to_owned(),
        });
    }
    let max_redirects = options.max_redirects;
    let policy = Policy::custom(move |attempt| {
        if attempt.previous().len() > max_redirects {
            attempt.error(format!("more than {max_redirects} redirects"))
        } else if !is_allowed(attempt.url()) {
            let refused = format!(
                "redirect to {} refused (plain http only on loopback)",
                attempt.url()
            );
            attempt.error(refused)
        } else {
            attempt.follow()
        }
    });
    let mut builder = Client::builder()
        .timeout(options.timeout)
        .connect_timeout(options.timeout)
        .redirect(policy)
        .user_agent(concat!("scs/", env!("CARGO_PKG_VERSION")));
    if is_loopback(&parsed) {
        // A proxy from the environment must not see (or refuse) loopback requests.
        builder = builder.no_proxy();
    }
    let request_error = |e: reqwest::Error| FetchError::Request {
        url: url.to_owned(),
        message: if e.is_timeout() {
            format!("timed out after {} s", options.timeout.as_secs_f32())
        } else {
            chain(&e)
        },
    };
    let client = builder.build().map_err(request_error)?;
    let response = client.get(parsed).send().map_err(request_error)?;
    if !response.status().is_success() {
        return Err(FetchError::Status {
            url: url.to_owned(),
            status: response.status().as_u16(),
        });
    }
    let too_large = || FetchError::TooLarge {
        url: url.to_owned(),
        limit: options.max_bytes,
    };
    if response
        .content_length()
        .is_some_and(|n| n > options.max_bytes as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    response
        .take(options.max_bytes as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| FetchError::Request {
            url: url.to_owned(),
            message: if e.kind() == std::io::ErrorKind::TimedOut || chain(&e).contains("timed out")
            {
                format!("timed out after {} s", options.timeout.as_secs_f32())
            } else {
                chain(&e)
            },
        })?;
    if body.len() > options.max_bytes {
        return Err(too_large());
    }
    String::from_utf8(body).map_err(|_| FetchError::Invalid {
        url: url.to_owned(),
        error: LoadError::io("not UTF-8 text"),
    })
}

/// Downloads and loads a scope; with `expected`, its uuid must be that scope's. Returns the
/// scope and its text.
pub fn fetch_scope(
    url: &str,
    expected: Option<BuiltinScope>,
    options: &FetchOptions,
) -> Result<(Scope, String), FetchError> {
    let text = fetch_text(url, options)?;
    let scope = Scope::from_yaml_str(&text).map_err(|error| FetchError::Invalid {
        url: url.to_owned(),
        error,
    })?;
    match expected {
        Some(expected) if scope.uuid() != expected.uuid() => Err(FetchError::WrongUuid {
            url: url.to_owned(),
            expected,
            found: scope.uuid().to_owned(),
        }),
        _ => Ok((scope, text)),
    }
}

/// [`fetch_scope`] for a check: the scope and its origin (not cached).
pub fn fetch_for_check(url: &str, options: &FetchOptions) -> Result<ChosenScope, FetchError> {
    let (scope, _) = fetch_scope(url, None, options)?;
    Ok(ChosenScope {
        scope,
        origin: ScopeOrigin::Fetched {
            url: url.to_owned(),
            fetched_at: Local::now(),
            cached_at: None,
        },
        note: None,
    })
}

/// Downloads `url`, checks it is the built-in scope `expected` (or, without `expected`, any
/// built-in scope, found by uuid) and stores it in `cache` atomically. A later
/// [`crate::preferred`] then uses it.
pub fn fetch_into_cache(
    cache: &ScopeCache,
    url: &str,
    expected: Option<BuiltinScope>,
    options: &FetchOptions,
) -> Result<ChosenScope, FetchError> {
    let (scope, text) = fetch_scope(url, expected, options)?;
    let Some(builtin) = BuiltinScope::by_uuid(scope.uuid()) else {
        return Err(FetchError::NotBuiltin {
            url: url.to_owned(),
            found: scope.uuid().to_owned(),
        });
    };
    let path = cache
        .store(builtin, &text, url)
        .map_err(|e| FetchError::Store {
            path: cache.path_of(builtin),
            message: e.to_string(),
        })?;
    Ok(ChosenScope {
        scope,
        origin: ScopeOrigin::Fetched {
            url: url.to_owned(),
            fetched_at: Local::now(),
            cached_at: Some(path),
        },
        note: None,
    })
}
