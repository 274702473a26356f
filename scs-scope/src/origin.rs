//! Where a scope comes from: built in, a file, or fetched (and cached); and which one a check
//! uses when several are at hand.
//!
//! A scope is named on the command line by a [`ScopeSpec`]: `iaas` or `kaas` (a built-in
//! scope), a file, or an `https://` URL. For a built-in name, a copy fetched into the
//! [`ScopeCache`] (`scs scope fetch`) is used instead when it is newer: when it was fetched
//! after the day the built-in facts were taken ([`BUILTIN_AS_OF`](crate::BUILTIN_AS_OF)). So a
//! fetch brings in any upstream change (a new testcase, a new timeline entry), and a newer
//! release of this crate wins over a copy fetched before its facts were taken. The fetch time is
//! the cached file's modification time, which the cache sets when it stores the file.
//!
//! ```
//! use scs_scope::{BuiltinScope, ScopeCache, ScopeSpec};
//! let dir = tempfile::tempdir()?;
//! let cache = ScopeCache::new(dir.path());
//! let spec: ScopeSpec = "iaas".parse()?;
//! let chosen = spec.load_local(Some(&cache))?; // nothing cached: the built-in scope
//! assert_eq!(chosen.scope.name(), "SCS-compatible IaaS");
//! assert!(chosen.origin.to_string().starts_with("built in, as of "));
//! assert!(chosen.origin.folder().is_none()); // no scripts beside it
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::SystemTime;

use chrono::{DateTime, Local, NaiveDate};

use crate::builtin::BuiltinScope;
use crate::load::LoadError;
use crate::scope::Scope;
use crate::write_atomically;

/// Where a scope came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeOrigin {
    /// Compiled in; the facts as of this day.
    BuiltIn {
        /// Which built-in scope.
        scope: BuiltinScope,
        /// The day the facts were taken ([`BuiltinScope::as_of`]).
        as_of: NaiveDate,
    },
    /// A scope file.
    File {
        /// The file.
        path: PathBuf,
        /// Its modification time, when known.
        modified: Option<DateTime<Local>>,
    },
    /// Downloaded from `url`.
    Fetched {
        /// Where it was downloaded from.
        url: String,
        /// When.
        fetched_at: DateTime<Local>,
        /// The cached copy, if it was stored.
        cached_at: Option<PathBuf>,
    },
}

impl ScopeOrigin {
    /// The folder holding the scope's scripts: the file's folder; `None` for built-in and
    /// fetched scopes, which have no scripts beside them.
    ///
    /// ```
    /// use scs_scope::ScopeOrigin;
    /// let file = ScopeOrigin::File { path: "Tests/scs-compatible-iaas.yaml".into(), modified: None };
    /// assert_eq!(file.folder().unwrap(), std::path::Path::new("Tests"));
    /// ```
    pub fn folder(&self) -> Option<PathBuf> {
        match self {
            ScopeOrigin::File { path, .. } => Some(crate::working_dir_of(path)),
            ScopeOrigin::BuiltIn { .. } | ScopeOrigin::Fetched { .. } => None,
        }
    }
}

fn when(at: &DateTime<Local>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

impl fmt::Display for ScopeOrigin {
    /// `built in, as of 2026-08-31`, `file X, modified 2026-11-20 08:00`, `fetched from URL on
    /// 2026-12-01 10:00, cached at PATH`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScopeOrigin::BuiltIn { as_of, .. } => write!(f, "built in, as of {as_of}"),
            ScopeOrigin::File { path, modified } => {
                write!(f, "file {}", path.display())?;
                match modified {
                    Some(at) => write!(f, ", modified {}", when(at)),
                    None => Ok(()),
                }
            }
            ScopeOrigin::Fetched {
                url,
                fetched_at,
                cached_at,
            } => {
                write!(f, "fetched from {url} on {}", when(fetched_at))?;
                match cached_at {
                    Some(path) => write!(f, ", cached at {}", path.display()),
                    None => f.write_str(", not cached"),
                }
            }
        }
    }
}

/// A scope and where it came from.
#[derive(Debug, Clone)]
pub struct ChosenScope {
    /// The scope.
    pub scope: Scope,
    /// Where it came from.
    pub origin: ScopeOrigin,
    /// Why another candidate was passed over (e.g. a cached copy that no longer loads).
    pub note: Option<String>,
}

impl ChosenScope {
    /// The line a run prints about its scope: `scope: SCS-compatible IaaS (built in, as of
    /// 2026-08-31)`.
    ///
    /// ```
    /// let chosen = scs_scope::ScopeSpec::Builtin(scs_scope::BuiltinScope::Kaas).load_local(None)?;
    /// assert_eq!(chosen.describe(), format!("scope: SCS-compatible KaaS (built in, as of {})", scs_scope::BUILTIN_AS_OF));
    /// # Ok::<(), scs_scope::LoadError>(())
    /// ```
    pub fn describe(&self) -> String {
        format!("scope: {} ({})", self.scope.name(), self.origin)
    }
}

/// A scope as named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeSpec {
    /// `iaas`, `kaas`: a built-in scope (or its newer cached copy).
    Builtin(BuiltinScope),
    /// An `https://` (or loopback `http://`) URL.
    Url(String),
    /// Anything else: a scope file.
    File(PathBuf),
}

impl FromStr for ScopeSpec {
    type Err = std::convert::Infallible;

    /// `iaas` and `kaas` are names (write `./iaas` for a file of that name); text starting with
    /// `https://` or `http://` a URL; anything else a file.
    ///
    /// ```
    /// use scs_scope::{BuiltinScope, ScopeSpec};
    /// assert_eq!("kaas".parse(), Ok(ScopeSpec::Builtin(BuiltinScope::Kaas)));
    /// assert_eq!("./kaas".parse(), Ok(ScopeSpec::File("./kaas".into())));
    /// assert_eq!("https://x/s.yaml".parse(), Ok(ScopeSpec::Url("https://x/s.yaml".into())));
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(if let Ok(builtin) = s.parse() {
            ScopeSpec::Builtin(builtin)
        } else if s.starts_with("https://") || s.starts_with("http://") {
            ScopeSpec::Url(s.to_owned())
        } else {
            ScopeSpec::File(PathBuf::from(s))
        })
    }
}

impl ScopeSpec {
    /// Loads a built-in scope (preferring a newer copy in `cache`) or a file. A URL is not
    /// loaded here (that needs the feature `fetch`: [`crate::fetch::fetch_scope`]); it gives a
    /// [`LoadError`] saying so.
    pub fn load_local(&self, cache: Option<&ScopeCache>) -> Result<ChosenScope, LoadError> {
        match self {
            ScopeSpec::Builtin(builtin) => Ok(preferred(*builtin, cache)),
            ScopeSpec::File(path) => {
                let scope = Scope::load(path)?;
                let modified = std::fs::metadata(path)
                    .and_then(|m| m.modified())
                    .ok()
                    .map(DateTime::<Local>::from);
                Ok(ChosenScope {
                    scope,
                    origin: ScopeOrigin::File {
                        path: path.clone(),
                        modified,
                    },
                    note: None,
                })
            }
            ScopeSpec::Url(url) => Err(LoadError::io(format!(
                "cannot fetch {url}: this build has no HTTP client (the crate's feature `fetch`)"
            ))),
        }
    }
}

/// The built-in scope, or its cached copy when that was fetched after
/// [`BuiltinScope::as_of`] and loads with the same uuid (see the module documentation).
///
/// ```
/// use scs_scope::{BuiltinScope, ScopeCache, ScopeOrigin, preferred};
/// let dir = tempfile::tempdir()?;
/// let cache = ScopeCache::new(dir.path());
/// let text = format!("name: Newer KaaS\nuuid: {}\nurl: https://example.com/k.yaml\n\
///     scripts: []\nmodules: []\ntimeline: []\nversions: []\n", BuiltinScope::Kaas.uuid());
/// cache.store(BuiltinScope::Kaas, &text, "https://example.com/k.yaml")?; // fetched now
/// let chosen = preferred(BuiltinScope::Kaas, Some(&cache));
/// assert_eq!(chosen.scope.name(), "Newer KaaS");
/// assert!(matches!(chosen.origin, ScopeOrigin::Fetched { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn preferred(builtin: BuiltinScope, cache: Option<&ScopeCache>) -> ChosenScope {
    let own = || ScopeOrigin::BuiltIn {
        scope: builtin,
        as_of: BuiltinScope::as_of(),
    };
    let mut note = None;
    if let Some(cache) = cache {
        match cache.load(builtin) {
            Some(Ok(cached)) => {
                if let ScopeOrigin::Fetched { fetched_at, .. } = &cached.origin {
                    if fetched_at.date_naive() > BuiltinScope::as_of() {
                        return cached;
                    }
                    note = Some(format!(
                        "the cached copy ({}) is older than the built-in scope",
                        cached.origin
                    ));
                }
            }
            Some(Err(e)) => {
                note = Some(format!("ignoring the cached copy: {e}"));
            }
            None => {}
        }
    }
    ChosenScope {
        scope: builtin.scope(),
        origin: own(),
        note,
    }
}

/// Fetched scopes on disk: `<dir>/<key>.yaml` with `<dir>/<key>.source` (the URL it came from).
/// The user's cache is `$XDG_CACHE_HOME/scs/scopes` (see [`ScopeCache::user`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeCache {
    dir: PathBuf,
}

impl ScopeCache {
    /// A cache in `dir` (created when something is stored).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The user's cache: `scs/scopes` in the platform's cache directory (`$XDG_CACHE_HOME`, else
    /// `~/.cache`, on Linux); `None` when there is no home directory.
    pub fn user() -> Option<Self> {
        dirs::cache_dir().map(|d| Self::new(d.join("scs").join("scopes")))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the copy of `builtin` is stored.
    ///
    /// ```
    /// let cache = scs_scope::ScopeCache::new("/c");
    /// assert_eq!(cache.path_of(scs_scope::BuiltinScope::Iaas), std::path::Path::new("/c/iaas.yaml"));
    /// ```
    pub fn path_of(&self, builtin: BuiltinScope) -> PathBuf {
        self.dir.join(format!("{}.yaml", builtin.key()))
    }

    fn source_of(&self, builtin: BuiltinScope) -> PathBuf {
        self.dir.join(format!("{}.source", builtin.key()))
    }

    /// The cached copy of `builtin`: `None` when there is none; an error when it does not load
    /// or has another uuid.
    pub fn load(&self, builtin: BuiltinScope) -> Option<Result<ChosenScope, LoadError>> {
        let path = self.path_of(builtin);
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
        let scope = match Scope::load(&path) {
            Ok(scope) => scope,
            Err(e) => return Some(Err(e)),
        };
        if scope.uuid() != builtin.uuid() {
            return Some(Err(LoadError::io(format!(
                "{}: uuid {} is not that of {} ({})",
                path.display(),
                scope.uuid(),
                builtin.name(),
                builtin.uuid()
            ))));
        }
        let url = std::fs::read_to_string(self.source_of(builtin))
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| scope.url().to_owned());
        Some(Ok(ChosenScope {
            scope,
            origin: ScopeOrigin::Fetched {
                url,
                fetched_at: DateTime::<Local>::from(modified),
                cached_at: Some(path),
            },
            note: None,
        }))
    }

    /// Stores `text` (a scope file already validated as `builtin`, fetched from `url`)
    /// atomically: written to a temporary file in the cache folder, then renamed over the old
    /// copy, so a reader sees the old or the new file, never a part. Returns the path.
    ///
    /// ```
    /// use scs_scope::{BuiltinScope, ScopeCache};
    /// let dir = tempfile::tempdir()?;
    /// let cache = ScopeCache::new(dir.path().join("scopes"));
    /// assert!(cache.load(BuiltinScope::Iaas).is_none());
    /// cache.store(BuiltinScope::Iaas, "name: [", "https://example.com/i.yaml")?;
    /// assert!(cache.load(BuiltinScope::Iaas).unwrap().is_err()); // stored, but does not load
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn store(&self, builtin: BuiltinScope, text: &str, url: &str) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(&self.dir)?;
        write_atomically(&self.source_of(builtin), url.as_bytes())?;
        let path = self.path_of(builtin);
        write_atomically(&path, text.as_bytes())?;
        // The modification time is the fetch time; make it now even on coarse clocks.
        let file = std::fs::File::options().write(true).open(&path)?;
        file.set_modified(SystemTime::now())?;
        Ok(path)
    }
}
