//! Finding a cloud's settings the way the OpenStack client tools do: `clouds.yaml` (and
//! `secure.yaml`) in the usual places, `OS_CLOUD`, and `OS_*` variables.
//!
//! Search order (the first file that exists wins; `secure.*` is merged over it per cloud):
//!
//! 1. `$OS_CLIENT_CONFIG_FILE` (secure: `$OS_CLIENT_SECURE_FILE`),
//! 2. the current directory: `clouds.yaml`, `clouds.yml`, `clouds.json`,
//! 3. `$XDG_CONFIG_HOME/openstack/` (default `~/.config/openstack/`), same names,
//! 4. `/etc/openstack/`, same names.
//!
//! An entry's vendor `profile` is looked up under `public-clouds` in the first
//! `clouds-public.*` of the same folders.
//!
//! The cloud is the one named (`--os-cloud`), else `$OS_CLOUD`; without either, a cloud built
//! from `OS_AUTH_URL`, `OS_USERNAME`, `OS_PASSWORD`, ... (named `envvars`, as openstacksdk names
//! it). `OS_REGION_NAME` and `OS_INTERFACE` override a named cloud's region and interface.
//!
//! # What openstack_sdk does here, and what this module adds
//!
//! openstack_sdk's [`config`](openstack_sdk::config) does the cloud entry: the typed
//! [`CloudConfig`] and [`Auth`](openstack_sdk::config::Auth) (secrets as `SecretString`, never in `Debug`),
//! [`ConfigFile::get_cloud_config`] (the entry by name, with its vendor `profile` from
//! `clouds-public.yaml` merged in), and [`CloudConfig::get_sensitive_values`]. This module keeps
//! only what the pinned SDK (0.22) lacks:
//!
//! - **Where to look, from an [`Environment`]**: the SDK's `find_clouds_file` and
//!   `ConfigFile::new` read the process's current directory, `$HOME` and variables at call
//!   time, so neither a test nor an embedder can point them elsewhere, and they ignore
//!   `OS_CLIENT_CONFIG_FILE`/`OS_CLIENT_SECURE_FILE`, which the Python client tools honour.
//! - **Reading the files**: `ConfigFileBuilder` parses through the `config` crate, which the
//!   SDK builds with YAML only (a `clouds.json` is not read), and its parse errors carry no
//!   line and column. Here the documents are read with serde_yaml/serde_json (errors with file,
//!   line and column), `secure.*` is merged over the entry key by key (as openstacksdk does),
//!   and only the requested cloud's entry is deserialized into [`CloudConfig`], so a broken
//!   entry of another cloud does not stop this one.
//! - **The `envvars` cloud from an [`Environment`]**: `CloudConfig::from_env` reads the process
//!   environment only, and maps neither `OS_TENANT_NAME` nor `OS_INSECURE`.
//! - **keystoneauth's defaults**: `domain_*` standing in for the user's and project's domain,
//!   and the `Default` domain for password logins; the SDK's password plugin sends what it is
//!   given, and Keystone refuses a user name without a domain.
//! - **Secrets**: `get_sensitive_values` misses `client_secret` and `jwt`; [`CloudSettings::secrets`]
//!   adds them.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use openstack_sdk::config::{CloudConfig, ConfigFile};
use secrecy::ExposeSecret;
use serde_json::{Map, Value};

/// Where configuration is looked up: the environment, the current directory and the home
/// directory. [`Environment::from_process`] for the real ones; tests build their own.
///
/// ```
/// use scs_testkit::openstack::Environment;
/// let env = Environment::empty("/tmp/project").var("OS_CLOUD", "prod");
/// assert_eq!(env.get("OS_CLOUD"), Some("prod"));
/// ```
#[derive(Clone, Default)]
pub struct Environment {
    vars: BTreeMap<String, String>,
    cwd: PathBuf,
    home: Option<PathBuf>,
    system_dir: PathBuf,
}

impl fmt::Debug for Environment {
    // Variables such as OS_PASSWORD are never shown: only their names.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Environment")
            .field("vars", &self.vars.keys().collect::<Vec<_>>())
            .field("cwd", &self.cwd)
            .field("home", &self.home)
            .finish()
    }
}

impl Environment {
    /// The process environment, current directory and home directory (`$HOME`).
    ///
    /// ```
    /// let env = scs_testkit::openstack::Environment::from_process();
    /// assert!(!env.search_dirs().is_empty());
    /// ```
    pub fn from_process() -> Self {
        Environment {
            vars: std::env::vars()
                .filter(|(k, _)| k.starts_with("OS_") || k == "XDG_CONFIG_HOME")
                .collect(),
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            home: std::env::var_os("HOME").map(PathBuf::from),
            system_dir: PathBuf::from("/etc/openstack"),
        }
    }

    /// No variables, no home; `cwd` as the current directory (and `/etc/openstack` as the
    /// system directory).
    ///
    /// ```
    /// let env = scs_testkit::openstack::Environment::empty("/work");
    /// assert_eq!(env.search_dirs()[0], std::path::Path::new("/work"));
    /// ```
    pub fn empty(cwd: impl Into<PathBuf>) -> Self {
        Environment {
            vars: BTreeMap::new(),
            cwd: cwd.into(),
            home: None,
            system_dir: PathBuf::from("/etc/openstack"),
        }
    }

    /// The same with a variable set.
    ///
    /// ```
    /// let env = scs_testkit::openstack::Environment::empty(".").var("OS_REGION_NAME", "RegionTwo");
    /// assert_eq!(env.get("OS_REGION_NAME"), Some("RegionTwo"));
    /// ```
    pub fn var(mut self, name: &str, value: &str) -> Self {
        self.vars.insert(name.to_owned(), value.to_owned());
        self
    }

    /// The same with a home directory.
    ///
    /// ```
    /// let env = scs_testkit::openstack::Environment::empty(".").home("/home/me");
    /// assert_eq!(env.search_dirs()[1], std::path::Path::new("/home/me/.config/openstack"));
    /// ```
    pub fn home(mut self, home: impl Into<PathBuf>) -> Self {
        self.home = Some(home.into());
        self
    }

    /// The same with another system directory instead of `/etc/openstack` (for tests).
    ///
    /// ```
    /// let env = scs_testkit::openstack::Environment::empty(".").system_dir("/tmp/etc");
    /// assert_eq!(env.search_dirs().last().unwrap(), std::path::Path::new("/tmp/etc"));
    /// ```
    pub fn system_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.system_dir = dir.into();
        self
    }

    /// A variable, if set and not empty.
    ///
    /// ```
    /// let env = scs_testkit::openstack::Environment::empty(".").var("OS_CLOUD", "");
    /// assert_eq!(env.get("OS_CLOUD"), None); // empty counts as unset
    /// ```
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The folders searched for `clouds.*` and `secure.*`, in order.
    ///
    /// ```
    /// let env = scs_testkit::openstack::Environment::empty("/w").var("XDG_CONFIG_HOME", "/cfg");
    /// let dirs: Vec<String> = env.search_dirs().iter().map(|d| d.display().to_string()).collect();
    /// assert_eq!(dirs, ["/w", "/cfg/openstack", "/etc/openstack"]);
    /// ```
    pub fn search_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.cwd.clone()];
        if let Some(xdg) = self.get("XDG_CONFIG_HOME") {
            dirs.push(Path::new(xdg).join("openstack"));
        } else if let Some(home) = &self.home {
            dirs.push(home.join(".config/openstack"));
        }
        dirs.push(self.system_dir.clone());
        dirs
    }

    /// The candidate files for `stem` (`clouds` or `secure`), in search order.
    fn candidates(&self, stem: &str, env_var: Option<&str>) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = env_var
            .and_then(|v| self.get(v))
            .map(PathBuf::from)
            .into_iter()
            .collect();
        for dir in self.search_dirs() {
            for ext in ["yaml", "yml", "json"] {
                files.push(dir.join(format!("{stem}.{ext}")));
            }
        }
        files
    }
}

/// Why a cloud's settings could not be found. Never holds a secret.
///
/// ```
/// use scs_testkit::openstack::{CloudSettings, ConfigError, Environment};
/// let e = CloudSettings::find(None, &Environment::empty("/nonexistent")).unwrap_err();
/// assert_eq!(e, ConfigError::NoCloud);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// No cloud named and no `OS_AUTH_URL`.
    #[error(
        "no cloud given: pass --os-cloud CLOUD, set OS_CLOUD, or set OS_AUTH_URL and the other OS_* variables"
    )]
    NoCloud,
    /// The cloud is not in the file found (or no file was found).
    #[error("cloud {cloud:?} not found in {}", .file.as_ref().map(|f| f.display().to_string()).unwrap_or_else(|| format!("any clouds.yaml (searched {})", .searched.join(", "))))]
    UnknownCloud {
        /// The cloud asked for.
        cloud: String,
        /// The clouds file read, if any.
        file: Option<PathBuf>,
        /// Where a clouds file was looked for.
        searched: Vec<String>,
    },
    /// A file that cannot be read or parsed.
    #[error("{}: {message}", .file.display())]
    File {
        /// The file.
        file: PathBuf,
        /// What is wrong (line and column for syntax errors).
        message: String,
    },
    /// The cloud's entry lacks something needed.
    #[error("cloud {cloud:?}: {message}")]
    Invalid {
        /// The cloud.
        cloud: String,
        /// What is missing or wrong.
        message: String,
    },
}

/// One cloud's settings: its `clouds.yaml` entry with `secure.yaml` merged in (or the `OS_*`
/// variables), as openstack_sdk's [`CloudConfig`]. Its `Debug` shows no password, token or
/// secret.
///
/// ```
/// use scs_testkit::openstack::{CloudSettings, Environment};
/// let dir = tempfile::tempdir()?;
/// // The password holds an `@`: no temporary folder's name (which `Debug` shows) can.
/// std::fs::write(dir.path().join("clouds.yaml"), "clouds:\n  c:\n    region_name: R1\n    interface: internal\n    verify: false\n    auth: {auth_url: 'https://k.example/v3', username: u, password: 'p@ss'}\n")?;
/// let s = CloudSettings::find(Some("c"), &Environment::empty(dir.path()))?;
/// assert_eq!((s.name(), s.region(), s.interface(), s.verify()), ("c", Some("R1"), "internal", false));
/// assert_eq!(s.file(), Some(dir.path().join("clouds.yaml").as_path()));
/// assert_eq!(s.secrets(), ["p@ss"]);
/// assert!(s.cacert().is_none());
/// assert!(!format!("{s:?}").contains("p@ss"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct CloudSettings {
    name: String,
    file: Option<PathBuf>,
    config: CloudConfig,
}

impl fmt::Debug for CloudSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CloudSettings")
            .field("name", &self.name)
            .field("file", &self.file)
            .field("auth_url", &self.auth_url())
            .field("region", &self.region())
            .field("interface", &self.interface())
            .finish_non_exhaustive()
    }
}

fn read_document(file: &Path) -> Result<Value, ConfigError> {
    let text = std::fs::read_to_string(file).map_err(|e| ConfigError::File {
        file: file.to_owned(),
        message: format!("cannot read: {e}"),
    })?;
    let parsed: Result<Option<Value>, String> = if file.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str(&text).map_err(|e| e.to_string())
    };
    match parsed {
        Ok(Some(v @ Value::Object(_))) => Ok(v),
        Ok(None) => Ok(Value::Object(Map::new())),
        Ok(Some(_)) => Err(ConfigError::File {
            file: file.to_owned(),
            message: "expected a mapping with a `clouds` key".into(),
        }),
        Err(message) => Err(ConfigError::File {
            file: file.to_owned(),
            message,
        }),
    }
}

/// Merges `over` into `base`, mappings key by key (as openstacksdk merges `secure.yaml`).
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k).or_insert(Value::Null), v);
            }
        }
        (b, o) => *b = o,
    }
}

/// The `OS_*` variables that make up the `envvars` cloud: (variable, key under `auth`, or at
/// the top level for the last four). The first of a pair wins (`OS_PROJECT_NAME` over
/// `OS_TENANT_NAME`).
const ENV_KEYS: [(&str, &str); 20] = [
    ("OS_AUTH_URL", "auth_url"),
    ("OS_USERNAME", "username"),
    ("OS_USER_ID", "user_id"),
    ("OS_PASSWORD", "password"),
    ("OS_PROJECT_NAME", "project_name"),
    ("OS_TENANT_NAME", "project_name"),
    ("OS_PROJECT_ID", "project_id"),
    ("OS_USER_DOMAIN_NAME", "user_domain_name"),
    ("OS_USER_DOMAIN_ID", "user_domain_id"),
    ("OS_PROJECT_DOMAIN_NAME", "project_domain_name"),
    ("OS_PROJECT_DOMAIN_ID", "project_domain_id"),
    ("OS_DOMAIN_NAME", "domain_name"),
    ("OS_DOMAIN_ID", "domain_id"),
    ("OS_APPLICATION_CREDENTIAL_ID", "application_credential_id"),
    (
        "OS_APPLICATION_CREDENTIAL_SECRET",
        "application_credential_secret",
    ),
    ("OS_TOKEN", "token"),
    ("OS_REGION_NAME", "region_name"),
    ("OS_INTERFACE", "interface"),
    ("OS_AUTH_TYPE", "auth_type"),
    ("OS_CACERT", "cacert"),
];

impl CloudSettings {
    /// Finds cloud `name` (else `$OS_CLOUD`, else the `OS_*` variables) in `env`.
    ///
    /// ```
    /// use scs_testkit::openstack::{CloudSettings, Environment};
    /// let dir = tempfile::tempdir()?;
    /// std::fs::write(dir.path().join("clouds.yaml"), "clouds:\n  prod:\n    auth:\n      auth_url: https://keystone.example/v3\n")?;
    /// let env = Environment::empty(dir.path()).var("OS_CLOUD", "prod");
    /// let settings = CloudSettings::find(None, &env)?;
    /// assert_eq!(settings.name(), "prod");
    /// assert_eq!(settings.auth_url(), Some("https://keystone.example/v3"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find(name: Option<&str>, env: &Environment) -> Result<Self, ConfigError> {
        let name = name.filter(|n| !n.is_empty()).or(env.get("OS_CLOUD"));
        let Some(name) = name else {
            return Self::from_env_vars(env);
        };
        let first = |stem: &str, var: Option<&str>| {
            env.candidates(stem, var).into_iter().find(|p| p.is_file())
        };
        let unknown = |file: Option<PathBuf>| ConfigError::UnknownCloud {
            cloud: name.to_owned(),
            file,
            searched: env
                .search_dirs()
                .iter()
                .map(|d| d.display().to_string())
                .collect(),
        };
        let Some(file) = first("clouds", Some("OS_CLIENT_CONFIG_FILE")) else {
            return Err(unknown(None));
        };
        let doc = read_document(&file)?;
        let Some(mut entry) = doc.get("clouds").and_then(|c| c.get(name)).cloned() else {
            return Err(unknown(Some(file)));
        };
        if let Some(secure) = first("secure", Some("OS_CLIENT_SECURE_FILE"))
            && let Some(over) = read_document(&secure)?
                .get("clouds")
                .and_then(|c| c.get(name))
                .cloned()
        {
            merge(&mut entry, over);
        }
        let invalid = |message: String| ConfigError::Invalid {
            cloud: name.to_owned(),
            // serde's message names the field, never its value for strings.
            message: format!("{message} (in {})", file.display()),
        };
        let mut clouds = HashMap::new();
        clouds.insert(
            name.to_owned(),
            serde_json::from_value::<CloudConfig>(entry).map_err(|e| invalid(e.to_string()))?,
        );
        // A vendor profile (`profile: NAME`) comes from `clouds-public.*`, as in the SDK.
        let mut public_clouds = HashMap::new();
        if let Some(profile) = clouds[name].profile.clone()
            && let Some(vendor) = first("clouds-public", None)
            && let Some(entry) = read_document(&vendor)?
                .get("public-clouds")
                .and_then(|c| c.get(&profile))
                .cloned()
        {
            let entry =
                serde_json::from_value::<CloudConfig>(entry).map_err(|e| ConfigError::File {
                    file: vendor.clone(),
                    message: format!("public-clouds.{profile}: {e}"),
                })?;
            public_clouds.insert(profile, entry);
        }
        let file_config = ConfigFile {
            cache: None,
            clouds: Some(clouds),
            public_clouds: Some(public_clouds),
        };
        let mut config = file_config
            .get_cloud_config(name)
            .map_err(|e| invalid(e.to_string()))?
            .ok_or_else(|| unknown(Some(file.clone())))?;
        if let Some(region) = env.get("OS_REGION_NAME") {
            config.region_name = Some(region.to_owned());
        }
        if let Some(interface) = env.get("OS_INTERFACE") {
            config.interface = Some(interface.to_owned());
        }
        Self::new(name.to_owned(), Some(file), config)
    }

    /// The `envvars` cloud from `OS_*` variables.
    fn from_env_vars(env: &Environment) -> Result<Self, ConfigError> {
        if env.get("OS_AUTH_URL").is_none() {
            return Err(ConfigError::NoCloud);
        }
        let mut auth = Map::new();
        let mut entry = Map::new();
        for (i, (var, key)) in ENV_KEYS.into_iter().enumerate() {
            let into = if i < 16 { &mut auth } else { &mut entry };
            if let Some(value) = env.get(var) {
                into.entry(key)
                    .or_insert_with(|| Value::String(value.to_owned()));
            }
        }
        entry.insert("auth".into(), Value::Object(auth));
        if let Some(insecure) = env.get("OS_INSECURE") {
            let insecure = matches!(insecure.to_ascii_lowercase().as_str(), "1" | "true" | "yes");
            entry.insert("verify".into(), Value::Bool(!insecure));
        }
        let config =
            serde_json::from_value(Value::Object(entry)).map_err(|e| ConfigError::Invalid {
                cloud: "envvars".into(),
                message: e.to_string(),
            })?;
        Self::new("envvars".into(), None, config)
    }

    fn new(
        name: String,
        file: Option<PathBuf>,
        mut config: CloudConfig,
    ) -> Result<Self, ConfigError> {
        let invalid = |message: &str| ConfigError::Invalid {
            cloud: name.clone(),
            message: message.to_owned(),
        };
        let Some(auth) = config.auth.as_mut() else {
            return Err(invalid("no `auth` mapping"));
        };
        if auth.auth_url.is_none() {
            return Err(invalid("no `auth.auth_url`"));
        }
        // As keystoneauth: `domain_*` stands in for the user's and the project's domain.
        if auth.user_domain_id.is_none() && auth.user_domain_name.is_none() {
            auth.user_domain_id.clone_from(&auth.domain_id);
            auth.user_domain_name.clone_from(&auth.domain_name);
        }
        if auth.project_domain_id.is_none() && auth.project_domain_name.is_none() {
            auth.project_domain_id.clone_from(&auth.domain_id);
            auth.project_domain_name.clone_from(&auth.domain_name);
        }
        // Password authentication needs the user's domain; `Default` is Keystone's own.
        if auth.username.is_some()
            && auth.user_domain_id.is_none()
            && auth.user_domain_name.is_none()
        {
            auth.user_domain_name = Some("Default".into());
        }
        if auth.project_name.is_some()
            && auth.project_domain_id.is_none()
            && auth.project_domain_name.is_none()
        {
            auth.project_domain_name = Some("Default".into());
        }
        config.name = Some(name.clone());
        Ok(CloudSettings { name, file, config })
    }

    /// The cloud's name (`envvars` for one from `OS_*` variables).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The clouds file it came from.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// `auth.auth_url`.
    pub fn auth_url(&self) -> Option<&str> {
        self.config.auth.as_ref()?.auth_url.as_deref()
    }

    /// `region_name`, if set.
    pub fn region(&self) -> Option<&str> {
        self.config.region_name.as_deref()
    }

    /// `interface` (default `public`).
    pub fn interface(&self) -> &str {
        self.config
            .interface
            .as_deref()
            .map(|i| i.strip_suffix("URL").unwrap_or(i))
            .unwrap_or("public")
    }

    /// `verify` (default `true`): whether TLS certificates are checked.
    pub fn verify(&self) -> bool {
        self.config.verify.unwrap_or(true)
    }

    /// `cacert`: a CA bundle (PEM) to trust.
    pub fn cacert(&self) -> Option<&Path> {
        self.config.cacert.as_deref().map(Path::new)
    }

    /// Every secret value of the entry (passwords, tokens, credential secrets), to scrub
    /// from any text shown.
    pub fn secrets(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .config
            .get_sensitive_values()
            .into_iter()
            .map(str::to_owned)
            .collect();
        // Not among the SDK's sensitive values.
        if let Some(auth) = &self.config.auth {
            for secret in [&auth.client_secret, &auth.jwt].into_iter().flatten() {
                out.push(secret.expose_secret().to_owned());
            }
        }
        out.retain(|s| !s.is_empty());
        out
    }

    /// Whether `auth_url` names Keystone's v3 API (ends in `/v3` or `/v3/`): then clouds.yaml
    /// already says what Keystone's version discovery would, and it is skipped.
    ///
    /// ```
    /// use scs_testkit::openstack::{CloudSettings, Environment};
    /// let env = Environment::empty("/nonexistent").var("OS_AUTH_URL", "https://k.example:5000/v3/");
    /// assert!(CloudSettings::find(None, &env)?.names_identity_v3());
    /// let env = env.var("OS_AUTH_URL", "https://k.example:5000");
    /// assert!(!CloudSettings::find(None, &env)?.names_identity_v3());
    /// # Ok::<(), scs_testkit::openstack::ConfigError>(())
    /// ```
    pub fn names_identity_v3(&self) -> bool {
        self.auth_url()
            .is_some_and(|url| url.trim_end_matches('/').ends_with("/v3"))
    }

    /// The entry as openstack_sdk's cloud configuration; without Keystone's version discovery
    /// (the SDK's `identity_skip_discovery`) when `auth_url` names v3 and `discover_identity`
    /// does not ask for it: one sequential round trip less before the token.
    pub(crate) fn to_sdk(&self, discover_identity: bool) -> Result<CloudConfig, ConfigError> {
        let mut config = self.config.clone();
        if !discover_identity
            && self.names_identity_v3()
            && let Some(auth) = config.auth.as_mut()
            && let Some(url) = auth.auth_url.as_mut()
        {
            config
                .options
                .insert("identity_skip_discovery".into(), true.into());
            // The SDK joins `auth/tokens` to the endpoint: without the slash that would replace
            // `v3` (discovery's answer has it).
            if !url.ends_with('/') {
                url.push('/');
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn cloud(url: &str) -> String {
        format!(
            "clouds:\n  c:\n    auth:\n      auth_url: {url}\n      username: u\n      password: pw-{url}\n"
        )
    }

    /// Each place in the search order wins over the later ones; a missing
    /// `OS_CLIENT_CONFIG_FILE` falls through (as the client tools do).
    #[test]
    fn search_order() {
        let root = tempfile::tempdir().unwrap();
        let cwd = root.path().join("cwd");
        let home = root.path().join("home");
        let etc = root.path().join("etc");
        let explicit = root.path().join("explicit.yaml");
        std::fs::create_dir_all(&cwd).unwrap();
        let env = || {
            Environment::empty(&cwd)
                .home(&home)
                .system_dir(&etc)
                .var("OS_CLOUD", "c")
        };
        let url = |env: &Environment| {
            CloudSettings::find(None, env)
                .unwrap()
                .auth_url()
                .unwrap()
                .to_owned()
        };

        write(&etc.join("clouds.yaml"), &cloud("etc"));
        assert_eq!(url(&env()), "etc");
        write(&home.join(".config/openstack/clouds.yml"), &cloud("home"));
        assert_eq!(url(&env()), "home");
        // XDG_CONFIG_HOME replaces ~/.config.
        let xdg = root.path().join("xdg");
        write(
            &xdg.join("openstack/clouds.json"),
            r#"{"clouds": {"c": {"auth": {"auth_url": "xdg"}}}}"#,
        );
        assert_eq!(
            url(&env().var("XDG_CONFIG_HOME", xdg.to_str().unwrap())),
            "xdg"
        );
        write(&cwd.join("clouds.yaml"), &cloud("cwd"));
        assert_eq!(url(&env()), "cwd");
        // .yaml before .yml in the same folder.
        write(&cwd.join("clouds.yml"), &cloud("cwd-yml"));
        assert_eq!(url(&env()), "cwd");
        let missing = root.path().join("missing.yaml");
        assert_eq!(
            url(&env().var("OS_CLIENT_CONFIG_FILE", missing.to_str().unwrap())),
            "cwd"
        );
        write(&explicit, &cloud("explicit"));
        assert_eq!(
            url(&env().var("OS_CLIENT_CONFIG_FILE", explicit.to_str().unwrap())),
            "explicit"
        );
    }

    #[test]
    fn secure_yaml_is_merged_and_env_overrides_region() {
        let dir = tempfile::tempdir().unwrap();
        write(
            &dir.path().join("clouds.yaml"),
            "clouds:\n  c:\n    region_name: RegionOne\n    auth:\n      auth_url: http://k/v3\n      username: u\n      project_name: p\n",
        );
        write(
            &dir.path().join("secure.yaml"),
            "clouds:\n  c:\n    auth:\n      password: s3cr3t-pw\n",
        );
        let env = Environment::empty(dir.path());
        let s = CloudSettings::find(Some("c"), &env).unwrap();
        assert_eq!(s.secrets(), ["s3cr3t-pw"]);
        assert_eq!(s.region(), Some("RegionOne"));
        let sdk = s.to_sdk(true).unwrap();
        let auth = sdk.auth.unwrap();
        assert_eq!(auth.username.as_deref(), Some("u"));
        // Domains default to Keystone's `Default`.
        assert_eq!(auth.user_domain_name.as_deref(), Some("Default"));
        assert_eq!(auth.project_domain_name.as_deref(), Some("Default"));
        let s = CloudSettings::find(Some("c"), &env.clone().var("OS_REGION_NAME", "RegionTwo"))
            .unwrap();
        assert_eq!(s.region(), Some("RegionTwo"));
        // --os-cloud wins over OS_CLOUD.
        let e = CloudSettings::find(Some("c"), &env.var("OS_CLOUD", "other")).unwrap();
        assert_eq!(e.name(), "c");
    }

    #[test]
    fn env_vars_make_a_cloud_and_errors_are_clear() {
        let dir = tempfile::tempdir().unwrap();
        let env = Environment::empty(dir.path());
        assert_eq!(
            CloudSettings::find(None, &env).unwrap_err(),
            ConfigError::NoCloud
        );
        let e = CloudSettings::find(Some("nope"), &env)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("cloud \"nope\" not found in any clouds.yaml (searched "),
            "{e}"
        );
        let env = env
            .var("OS_AUTH_URL", "https://k.example/v3")
            .var("OS_USERNAME", "u")
            .var("OS_PASSWORD", "pw-from-env")
            .var("OS_DOMAIN_NAME", "d")
            .var("OS_PROJECT_NAME", "p")
            .var("OS_INSECURE", "true");
        let s = CloudSettings::find(None, &env).unwrap();
        assert_eq!(s.name(), "envvars");
        assert!(!s.verify());
        assert_eq!(s.secrets(), ["pw-from-env"]);
        let auth = s.to_sdk(true).unwrap().auth.unwrap();
        assert_eq!(auth.user_domain_name.as_deref(), Some("d"));
        assert_eq!(auth.project_domain_name.as_deref(), Some("d"));
        write(&dir.path().join("clouds.yaml"), "clouds: [1, 2");
        let e = CloudSettings::find(Some("c"), &Environment::empty(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("clouds.yaml: ") && e.contains("line"), "{e}");
    }

    /// A vendor profile of `clouds-public.yaml` fills what the entry leaves open (the SDK's
    /// `get_cloud_config`); the entry's own values win.
    #[test]
    fn vendor_profiles_fill_the_gaps() {
        let dir = tempfile::tempdir().unwrap();
        write(
            &dir.path().join("clouds.yaml"),
            "clouds:\n  c:\n    profile: vendor\n    region_name: Mine\n    auth:\n      username: u\n      password: pw\n",
        );
        write(
            &dir.path().join("clouds-public.yaml"),
            "public-clouds:\n  vendor:\n    region_name: Theirs\n    verify: false\n    auth:\n      auth_url: https://vendor.example/v3\n",
        );
        let s = CloudSettings::find(Some("c"), &Environment::empty(dir.path())).unwrap();
        assert_eq!(s.auth_url(), Some("https://vendor.example/v3"));
        assert_eq!((s.region(), s.verify()), (Some("Mine"), false));
    }

    /// Keystone's version discovery is skipped only where `auth_url` names v3, and only when
    /// not asked for.
    #[test]
    fn identity_discovery_is_skipped_for_v3_urls() {
        let skips = |url: &str, discover: bool| {
            let env = Environment::empty("/nonexistent").var("OS_AUTH_URL", url);
            let sdk = CloudSettings::find(None, &env)
                .unwrap()
                .to_sdk(discover)
                .unwrap();
            let skipped = sdk
                .options
                .get("identity_skip_discovery")
                .is_some_and(|v| v.clone().into_bool().unwrap());
            let sent_to = sdk.auth.unwrap().auth_url.unwrap();
            if skipped {
                assert_eq!(sent_to, format!("{}/", url.trim_end_matches('/')));
            } else {
                assert_eq!(sent_to, url);
            }
            skipped
        };
        assert!(skips("http://127.0.0.1:5000/v3", false));
        assert!(skips("https://k.example/identity/v3/", false));
        assert!(!skips("https://k.example/identity/v3", true));
        assert!(!skips("https://k.example:5000", false));
        assert!(!skips("https://k.example/v2.0", false));
        assert!(!skips("https://k.example/v3x", false));
    }

    #[test]
    fn debug_shows_no_secret() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("clouds.yaml"), &cloud("http://k/v3"));
        let s = CloudSettings::find(Some("c"), &Environment::empty(dir.path())).unwrap();
        let env = Environment::empty(dir.path()).var("OS_PASSWORD", "env-secret");
        for shown in [
            format!("{s:?}"),
            format!("{s:#?}"),
            format!("{env:?}"),
            format!("{:?}", s.to_sdk(true).unwrap()),
        ] {
            assert!(!shown.contains("pw-"), "{shown}");
            assert!(!shown.contains("env-secret"), "{shown}");
        }
    }
}
