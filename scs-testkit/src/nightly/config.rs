//! The nightly runner's configuration: the reference runner's own `config.toml` format.
//!
//! The SCS test runner (`scs-test-runner.py`) reads a TOML file with four tables:
//!
//! ```toml
//! [secrets]                     # how uploads are signed and authenticated
//! keyfile = ".secret/keyfile"   # OpenSSH private key (see scs_scope::signing)
//! tokenfile = ".secret/tokenfile"
//!
//! [presets.iaas]                # a named selection
//! scopes = ["scs-compatible-iaas"]
//! subjects = ["cloud-a", "cloud-b"]
//! workers = 16                  # optional
//!
//! [scopes.scs-compatible-iaas]
//! spec = "./scs-compatible-iaas.yaml"   # a file, or a built-in scope's name
//!
//! [subjects._.mapping]          # the default mapping: scope variables per subject
//! os_cloud = "{subject}"
//!
//! [subjects.cloud-b.mapping]    # a subject's own values replace the default's
//! os_cloud = "cloud-b-ro"
//! ```
//!
//! Decisions, where the format leaves room:
//!
//! - Relative paths (`keyfile`, `tokenfile`, `spec`) are relative to the folder of the config
//!   file, so a config works from any working directory.
//! - Only the default mapping (`_`) is a template, as in the reference ("the only mapping
//!   declaration that supports using Python string interpolation"): `{subject}` is replaced by
//!   the subject's name, `{{` and `}}` stand for braces, and any other `{name}` is an error that
//!   names the key. A subject's own mapping is taken literally.
//! - `kubernetes_setup` tables of subjects (cluster provisioning for the KaaS scope) are
//!   accepted and ignored; any other unknown key is an error with its line and column, so a
//!   typo is not silently dropped.
//!
//! ```
//! use scs_testkit::nightly::RunConfig;
//!
//! let config = RunConfig::from_toml_str(r#"
//! [presets.default]
//! scopes = ["scs-compatible-iaas"]
//! subjects = ["cloud-a"]
//! [scopes.scs-compatible-iaas]
//! spec = "iaas"
//! [subjects._.mapping]
//! os_cloud = "{subject}"
//! "#, "/etc/scs".as_ref())?;
//! let selection = config.select(Some("default"), &[], &[], None)?;
//! assert_eq!(selection.subjects, ["cloud-a"]);
//! assert_eq!(config.mapping("cloud-a")?["os_cloud"], "cloud-a");
//! # Ok::<(), scs_testkit::nightly::RunConfigError>(())
//! ```

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;

/// The largest config file read (a real one is a few kB).
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The number of subjects checked at the same time when neither the preset nor the command
/// line says (the reference runner's default).
pub const DEFAULT_WORKERS: usize = 5;

/// The name of the default subject, whose mapping applies to every subject.
pub const DEFAULT_SUBJECT: &str = "_";

/// A runner configuration (`config.toml`).
#[derive(Debug, Clone, PartialEq)]
pub struct RunConfig {
    /// The folder relative paths are resolved against (the config file's folder).
    pub dir: PathBuf,
    /// How uploads are signed and authenticated.
    pub secrets: SecretFiles,
    /// Named selections of scopes and subjects.
    pub presets: IndexMap<String, Preset>,
    /// The scopes, by the name presets use.
    pub scopes: IndexMap<String, ConfiguredScope>,
    /// Per-subject settings; [`DEFAULT_SUBJECT`] holds the default mapping.
    pub subjects: IndexMap<String, ConfiguredSubject>,
}

/// The `[secrets]` table; paths already resolved against [`RunConfig::dir`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecretFiles {
    /// The OpenSSH private key that signs the merged report.
    pub keyfile: Option<PathBuf>,
    /// The file holding the monitor credential for HTTP basic auth, as the reference runner
    /// sends it: the base64 of `account:api-key`, used verbatim after `Authorization: Basic`.
    pub tokenfile: Option<PathBuf>,
}

/// A `[presets.NAME]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// Names of `[scopes.*]` entries.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Subject names.
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Subjects checked at the same time.
    pub workers: Option<usize>,
}

/// A `[scopes.NAME]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfiguredScope {
    /// A scope file (relative to the config's folder), an `https://` URL, or a built-in
    /// scope's name (`iaas`, `kaas`, `scs-compatible-iaas`, ...), as `scs check` takes it.
    pub spec: String,
}

/// A `[subjects.NAME]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfiguredSubject {
    /// Scope variables for this subject (`os_cloud`, `subject_root`, ...).
    #[serde(default)]
    pub mapping: IndexMap<String, String>,
    /// Cluster provisioning of the reference runner (KaaS); read and ignored here.
    #[serde(default, rename = "kubernetes_setup")]
    _kubernetes_setup: Option<toml::Table>,
}

/// What to run: the outcome of a preset and the command-line options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Scope names, in the order given.
    pub scopes: Vec<String>,
    /// Subject names, in the order given.
    pub subjects: Vec<String>,
    /// Subjects checked at the same time (at least 1).
    pub workers: usize,
}

/// Why a config could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunConfigError {
    /// The file could not be read.
    #[error("cannot read config {path}: {source}")]
    Read {
        /// The config file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_CONFIG_BYTES`].
    #[error("config {path} is larger than {MAX_CONFIG_BYTES} bytes")]
    TooLarge {
        /// The config file.
        path: PathBuf,
    },
    /// Not TOML, or not this format (the message has the line, column and key).
    #[error("config {path}: {message}")]
    Syntax {
        /// The config file.
        path: PathBuf,
        /// What the TOML reader said, with the place.
        message: String,
    },
    /// A preset, scope or subject name that the config does not define.
    #[error("no {what} '{name}' in the config (defined: {known})")]
    Unknown {
        /// `preset` or `scope`.
        what: &'static str,
        /// The name asked for.
        name: String,
        /// The names that exist, comma-separated.
        known: String,
    },
    /// A preset or the options select no scope or no subject.
    #[error("nothing to run: {0}")]
    Empty(String),
    /// A template of the default mapping uses something other than `{subject}`.
    #[error("[subjects._.mapping] {key} = {template:?}: {reason}")]
    Template {
        /// The mapping key.
        key: String,
        /// Its value.
        template: String,
        /// What is wrong.
        reason: String,
    },
    /// `workers = 0` or `--num-workers 0`.
    #[error("the number of workers must be at least 1")]
    NoWorkers,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    secrets: RawSecrets,
    #[serde(default)]
    presets: IndexMap<String, Preset>,
    #[serde(default)]
    scopes: IndexMap<String, ConfiguredScope>,
    #[serde(default)]
    subjects: IndexMap<String, ConfiguredSubject>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSecrets {
    keyfile: Option<PathBuf>,
    tokenfile: Option<PathBuf>,
}

impl RunConfig {
    /// Reads a config file; relative paths in it are relative to its folder.
    ///
    /// ```
    /// let err = scs_testkit::nightly::RunConfig::load("/nonexistent/config.toml").unwrap_err();
    /// assert!(err.to_string().contains("/nonexistent/config.toml"));
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Self, RunConfigError> {
        use std::io::Read;
        let path = path.as_ref();
        let read_error = |source| RunConfigError::Read {
            path: path.to_owned(),
            source,
        };
        let mut text = String::new();
        std::fs::File::open(path)
            .map_err(read_error)?
            .take(MAX_CONFIG_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(read_error)?;
        if text.len() as u64 > MAX_CONFIG_BYTES {
            return Err(RunConfigError::TooLarge {
                path: path.to_owned(),
            });
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        Self::parse(&text, &dir, path)
    }

    /// Reads a config from text; relative paths are resolved against `dir`.
    ///
    /// ```
    /// let config = scs_testkit::nightly::RunConfig::from_toml_str(
    ///     "[secrets]\nkeyfile = \"k\"\n", "/srv/runner".as_ref())?;
    /// assert_eq!(config.secrets.keyfile.unwrap(), std::path::Path::new("/srv/runner/k"));
    /// let err = scs_testkit::nightly::RunConfig::from_toml_str(
    ///     "[presets.p]\nscope = []\n", ".".as_ref()).unwrap_err();
    /// assert!(err.to_string().contains("scope"), "{err}");
    /// # Ok::<(), scs_testkit::nightly::RunConfigError>(())
    /// ```
    pub fn from_toml_str(text: &str, dir: &Path) -> Result<Self, RunConfigError> {
        Self::parse(text, dir, Path::new("(text)"))
    }

    fn parse(text: &str, dir: &Path, path: &Path) -> Result<Self, RunConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| RunConfigError::Syntax {
            path: path.to_owned(),
            message: e.to_string().trim_end().replace('\n', " | "),
        })?;
        let config = RunConfig {
            dir: dir.to_owned(),
            secrets: SecretFiles {
                keyfile: raw.secrets.keyfile.map(|p| dir.join(p)),
                tokenfile: raw.secrets.tokenfile.map(|p| dir.join(p)),
            },
            presets: raw.presets,
            scopes: raw.scopes,
            subjects: raw.subjects,
        };
        // Template errors are found now, not in the middle of a night's run.
        if let Some(default) = config.subjects.get(DEFAULT_SUBJECT) {
            for (key, template) in &default.mapping {
                expand(key, template, "x")?;
            }
        }
        for (name, preset) in &config.presets {
            if preset.workers == Some(0) {
                return Err(RunConfigError::Syntax {
                    path: path.to_owned(),
                    message: format!("[presets.{name}] workers must be at least 1"),
                });
            }
        }
        Ok(config)
    }

    /// What to run: the preset's scopes, subjects and workers, each replaced by the options
    /// that are given (`--scope`, `--subject`, `--num-workers`). With no preset and no scope or
    /// subject, the preset `default`, as the reference runner does. Every scope must be defined
    /// in `[scopes]`.
    ///
    /// ```
    /// use scs_testkit::nightly::RunConfig;
    /// let config = RunConfig::from_toml_str(r#"
    /// [presets.all]
    /// scopes = ["iaas"]
    /// subjects = ["a", "b"]
    /// workers = 8
    /// [scopes.iaas]
    /// spec = "iaas"
    /// "#, ".".as_ref())?;
    /// let only_b = config.select(Some("all"), &[], &["b".into()], Some(2))?;
    /// assert_eq!((only_b.subjects, only_b.workers), (vec!["b".to_string()], 2));
    /// assert!(config.select(Some("nightly"), &[], &[], None).is_err());
    /// # Ok::<(), scs_testkit::nightly::RunConfigError>(())
    /// ```
    pub fn select(
        &self,
        preset: Option<&str>,
        scopes: &[String],
        subjects: &[String],
        workers: Option<usize>,
    ) -> Result<Selection, RunConfigError> {
        let preset = match preset {
            None if scopes.is_empty() && subjects.is_empty() => Some("default"),
            other => other,
        };
        let preset = match preset {
            None => None,
            Some(name) => Some(
                self.presets
                    .get(name)
                    .ok_or_else(|| RunConfigError::Unknown {
                        what: "preset",
                        name: name.to_owned(),
                        known: known(self.presets.keys()),
                    })?,
            ),
        };
        let pick = |given: &[String], from_preset: Option<&Vec<String>>| {
            if given.is_empty() {
                from_preset.cloned().unwrap_or_default()
            } else {
                given.to_vec()
            }
        };
        let selection = Selection {
            scopes: pick(scopes, preset.map(|p| &p.scopes)),
            subjects: pick(subjects, preset.map(|p| &p.subjects)),
            workers: workers
                .or(preset.and_then(|p| p.workers))
                .unwrap_or(DEFAULT_WORKERS),
        };
        if selection.workers == 0 {
            return Err(RunConfigError::NoWorkers);
        }
        if selection.scopes.is_empty() || selection.subjects.is_empty() {
            return Err(RunConfigError::Empty(
                "name a preset with scopes and subjects, or give --scope and --subject".into(),
            ));
        }
        for scope in &selection.scopes {
            if !self.scopes.contains_key(scope) {
                return Err(RunConfigError::Unknown {
                    what: "scope",
                    name: scope.clone(),
                    known: known(self.scopes.keys()),
                });
            }
        }
        Ok(selection)
    }

    /// The scope variables of `subject`: the default mapping with `{subject}` filled in, then
    /// the subject's own mapping on top.
    ///
    /// ```
    /// use scs_testkit::nightly::RunConfig;
    /// let config = RunConfig::from_toml_str(r#"
    /// [subjects._.mapping]
    /// os_cloud = "{subject}"
    /// kubeconfig = "{subject}/kubeconfig.yaml"
    /// [subjects.b.mapping]
    /// os_cloud = "b-readonly"
    /// "#, ".".as_ref())?;
    /// let b = config.mapping("b")?;
    /// assert_eq!(b["os_cloud"], "b-readonly");
    /// assert_eq!(b["kubeconfig"], "b/kubeconfig.yaml");
    /// # Ok::<(), scs_testkit::nightly::RunConfigError>(())
    /// ```
    pub fn mapping(&self, subject: &str) -> Result<IndexMap<String, String>, RunConfigError> {
        let mut mapping = IndexMap::new();
        if let Some(default) = self.subjects.get(DEFAULT_SUBJECT) {
            for (key, template) in &default.mapping {
                mapping.insert(key.clone(), expand(key, template, subject)?);
            }
        }
        if let Some(own) = self.subjects.get(subject) {
            for (key, value) in &own.mapping {
                mapping.insert(key.clone(), value.clone());
            }
        }
        Ok(mapping)
    }

    /// The `spec` of the scope named `name` in `[scopes]`, with a relative file path resolved
    /// against [`RunConfig::dir`]; URLs and built-in names are returned as they are.
    ///
    /// ```
    /// use scs_testkit::nightly::RunConfig;
    /// let config = RunConfig::from_toml_str(
    ///     "[scopes.a]\nspec = \"./a.yaml\"\n[scopes.b]\nspec = \"iaas\"\n", "/cfg".as_ref())?;
    /// assert_eq!(config.scope_spec("a")?, "/cfg/./a.yaml");
    /// assert_eq!(config.scope_spec("b")?, "iaas");
    /// # Ok::<(), scs_testkit::nightly::RunConfigError>(())
    /// ```
    pub fn scope_spec(&self, name: &str) -> Result<String, RunConfigError> {
        let scope = self
            .scopes
            .get(name)
            .ok_or_else(|| RunConfigError::Unknown {
                what: "scope",
                name: name.to_owned(),
                known: known(self.scopes.keys()),
            })?;
        let spec = &scope.spec;
        let is_path = spec.contains('/') || spec.ends_with(".yaml") || spec.ends_with(".yml");
        if is_path && !spec.contains("://") && Path::new(spec).is_relative() {
            Ok(self.dir.join(spec).to_string_lossy().into_owned())
        } else {
            Ok(spec.clone())
        }
    }
}

fn known<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let names: Vec<&str> = names
        .map(String::as_str)
        .filter(|n| *n != DEFAULT_SUBJECT)
        .collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

/// Fills `{subject}` into `template` as Python's `str.format(subject=...)` would, refusing any
/// other field.
fn expand(key: &str, template: &str, subject: &str) -> Result<String, RunConfigError> {
    let error = |reason: String| RunConfigError::Template {
        key: key.to_owned(),
        template: template.to_owned(),
        reason,
    };
    let mut out = String::with_capacity(template.len() + subject.len());
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{{") {
            out.push('{');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            out.push('}');
            rest = after;
        } else if let Some(field) = tail.strip_prefix("{subject}") {
            out.push_str(subject);
            rest = field;
        } else if tail.starts_with('{') {
            let Some(end) = tail.find('}') else {
                return Err(error(
                    "a '{' without its '}' (write '{{' for a brace)".into(),
                ));
            };
            let field = &tail[1..end];
            return Err(error(format!(
                "only {{subject}} can be filled in, not {{{field}}}"
            )));
        } else {
            return Err(error("a single '}' (write '}}' for a brace)".into()));
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_subject_and_keep_escaped_braces() {
        assert_eq!(expand("k", "{subject}/x", "a").unwrap(), "a/x");
        assert_eq!(expand("k", "{{subject}}", "a").unwrap(), "{subject}");
        assert_eq!(expand("k", "plain", "a").unwrap(), "plain");
        let err = expand("k", "{cloud}", "a").unwrap_err().to_string();
        assert!(err.contains("{cloud}") && err.contains("k"), "{err}");
        assert!(expand("k", "a}b", "a").is_err());
        assert!(expand("k", "{subject", "a").is_err());
    }
}
