//! Loading a scope file: size and nesting guards, typed deserialization, cross-reference checks.
//!
//! Every error names the file (when loaded from one), the YAML path and the line of the offence.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::Scope;
use crate::args::{PlaceholderError, placeholders};
use crate::ids::{ModuleId, TestcaseId, VersionName};
use crate::model::{ScopeDocument, Validity};
use crate::yaml_path::{Location, YamlPath, locate};

/// Scope files are a few dozen kilobytes; anything beyond this is refused before parsing.
pub const MAX_SCOPE_BYTES: usize = 4 << 20;

/// Flow collections (`[`, `{`) nested deeper than this are refused before parsing; the
/// deserializer itself stops block nesting at 128 levels.
pub const MAX_FLOW_DEPTH: usize = 100;

/// Why a scope could not be loaded, and where.
///
/// Boxed inside, so that a `Result<Scope, LoadError>` stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(Box<Inner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    file: Option<PathBuf>,
    path: YamlPath,
    location: Option<Location>,
    kind: LoadErrorKind,
}

impl LoadError {
    fn new(path: YamlPath, location: Option<Location>, kind: LoadErrorKind) -> Self {
        Self(Box::new(Inner {
            file: None,
            path,
            location,
            kind,
        }))
    }

    /// An I/O-like failure with only a message (no YAML position).
    pub(crate) fn io(message: impl Into<String>) -> Self {
        Self::new(YamlPath::root(), None, LoadErrorKind::Io(message.into()))
    }

    /// The file, when loaded with [`Scope::load`].
    pub fn file(&self) -> Option<&Path> {
        self.0.file.as_deref()
    }

    /// Where in the document (`.` for the whole document).
    pub fn path(&self) -> &YamlPath {
        &self.0.path
    }

    /// Where in the text, when known.
    pub fn location(&self) -> Option<Location> {
        self.0.location
    }

    /// What is wrong.
    pub fn kind(&self) -> &LoadErrorKind {
        &self.0.kind
    }
}

/// What is wrong with a scope file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadErrorKind {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The file exceeds [`MAX_SCOPE_BYTES`].
    #[error("file too large ({0} bytes, at most {MAX_SCOPE_BYTES} accepted)")]
    TooLarge(usize),
    /// Flow collections nest deeper than [`MAX_FLOW_DEPTH`].
    #[error("nesting deeper than {MAX_FLOW_DEPTH} levels")]
    TooDeep,
    /// Not YAML, or not a scope: unknown key, wrong type, missing key, alias bomb...
    #[error("{0}")]
    Syntax(String),
    /// Two testcases with the same id.
    #[error("duplicate testcase id `{0}`")]
    DuplicateTestcase(TestcaseId),
    /// Two modules with the same id.
    #[error("duplicate module id `{0}`")]
    DuplicateModule(ModuleId),
    /// Two versions with the same name.
    #[error("duplicate version `{0}`")]
    DuplicateVersion(VersionName),
    /// Two variables with the same name.
    #[error("duplicate variable `{0}`")]
    DuplicateVariable(String),
    /// An include names a module that does not exist.
    #[error("include of unknown module `{0}`")]
    UnknownModule(ModuleId),
    /// A target names a testcase that no script declares.
    #[error("target names unknown testcase `{0}`")]
    UnknownTestcase(TestcaseId),
    /// A timeline entry names a version that does not exist.
    #[error("timeline names unknown version `{0}`")]
    UnknownVersion(VersionName),
    /// An include does not assign a parameter its module declares.
    #[error("include of module `{module}` does not assign parameter `{parameter}`")]
    MissingParameter {
        /// The included module.
        module: ModuleId,
        /// The parameter without a value.
        parameter: String,
    },
    /// An include assigns a parameter its module does not declare.
    #[error("include of module `{module}` assigns undeclared parameter `{parameter}`")]
    UnknownParameter {
        /// The included module.
        module: ModuleId,
        /// The parameter the module does not have.
        parameter: String,
    },
    /// A version reaches the same testcase through two includes; scs-0003-v1, "Version
    /// descriptor": "The ids of the test cases of all the modules specified via `include` MUST be
    /// pairwise different."
    #[error("testcase `{testcase}` is included twice (modules `{first}` and `{second}`)")]
    TestcaseIncludedTwice {
        /// The testcase.
        testcase: TestcaseId,
        /// The module that brought it first.
        first: ModuleId,
        /// The module that brought it again.
        second: ModuleId,
    },
    /// A timeline entry makes a version `effective` or `warn` before it is stable; scs-0003-v1,
    /// "Timeline entry": "the version MUST be stable at the start of the period".
    #[error("version `{version}` is `{validity}` from {date} but not stable by then")]
    NotStable {
        /// The version.
        version: VersionName,
        /// `effective` or `warn`.
        validity: Validity,
        /// The start of the period.
        date: NaiveDate,
    },
    /// Two timeline entries start on the same date, so which one is in force would depend on
    /// their order ("tooling MUST NOT depend on this order", scs-0003-v1, "Timeline entry").
    #[error("another timeline entry also starts on {0}")]
    DuplicateTimelineDate(NaiveDate),
    /// A `{placeholder}` in `args` or `env` is malformed or names no variable or parameter.
    #[error("{0}")]
    Placeholder(PlaceholderError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = self.file() {
            write!(f, "{}: ", file.display())?;
        }
        if !self.path().segments().is_empty() {
            write!(f, "{}: ", self.path())?;
        }
        write!(f, "{}", self.kind())?;
        if let Some(location) = self.location() {
            write!(f, " (at {location})")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    fn at(source: &str, path: YamlPath, kind: LoadErrorKind) -> Self {
        let location = locate(source, &path);
        Self::new(path, location, kind)
    }

    /// Turns a serde_norway error (`modules[1]: unknown field `run`, ... at line 5 column 5`)
    /// into path, location and message; for an unknown field, the path names the field itself.
    fn from_serde(error: serde_yaml::Error) -> Self {
        let location = error.location().map(|l| Location {
            line: l.line(),
            column: l.column(),
        });
        let mut text = error.to_string();
        if let Some(at) = text.rfind(" at line ") {
            text.truncate(at);
        }
        // A path prefix is present when the text starts with `path: ` and the path has no spaces.
        let (mut path, message) = match text.split_once(": ") {
            Some((head, rest)) if !head.contains(' ') && !head.is_empty() => {
                (YamlPath::parse(head), rest.to_owned())
            }
            _ => (YamlPath::root(), text.clone()),
        };
        if let Some(field) = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
        {
            path = path.key(field);
        }
        Self::new(path, location, LoadErrorKind::Syntax(message))
    }
}

/// Refuses YAML text whose flow collections (`[`, `{`) nest deeper than [`MAX_FLOW_DEPTH`],
/// naming where the limit is crossed; [`Scope::from_yaml_str`] runs this before parsing, and
/// other loaders of untrusted YAML (cloud snapshots) can do the same.
///
/// The YAML parser builds its whole event list before the deserializer's own depth limit (128)
/// applies, so deep nesting would otherwise cost time and memory for every level.
///
/// ```
/// use scs_scope::{MAX_FLOW_DEPTH, check_flow_depth};
/// assert!(check_flow_depth("a: [[1], {b: [2]}]\n").is_ok());
/// let at = check_flow_depth(&format!("a:\n  {}", "[".repeat(10_000))).unwrap_err();
/// assert_eq!((at.line, at.column), (2, 3 + MAX_FLOW_DEPTH));
/// ```
pub fn check_flow_depth(source: &str) -> Result<(), Location> {
    flow_depth(source).map_err(|(line, column)| Location { line, column })
}

/// Refuses flow collections nested deeper than [`MAX_FLOW_DEPTH`], in one pass over the text,
/// before the parser builds its event list (which would take time and memory for every level).
///
/// The scan is lexical: it counts `[`/`{` against `]`/`}`, skipping comments and quoted text
/// that closes on the same line. Skipped text is never structure (a real quoted scalar, or
/// quotes inside a plain or block scalar); a quote that does not close on its line is counted
/// through, so no nesting can hide from the scan. Brackets in plain or multi-line quoted text
/// are counted too, which can only make the guard stricter.
fn flow_depth(source: &str) -> Result<(), (usize, usize)> {
    let mut depth = 0usize;
    for (l, line) in source.split('\n').enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let after_space =
                i == 0 || matches!(chars[i - 1], ' ' | '\t' | '[' | '{' | ',' | ':' | '-');
            match c {
                '#' if i == 0 || chars[i - 1].is_whitespace() => break,
                '\'' | '"' if after_space => {
                    if let Some(end) = closing_quote(&chars, i) {
                        i = end;
                    }
                }
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Err((l + 1, i + 1));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            i += 1;
        }
    }
    Ok(())
}

/// The index of the quote closing the one at `open`, on the same line.
fn closing_quote(chars: &[char], open: usize) -> Option<usize> {
    let quote = chars[open];
    let mut i = open + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' if quote == '"' => i += 1,
            '\'' if quote == '\'' && chars.get(i + 1) == Some(&'\'') => i += 1,
            c if c == quote => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

impl Scope {
    /// Parses and validates a scope from YAML text.
    ///
    /// ```
    /// let scope = scs_scope::Scope::from_yaml_str(r#"
    /// name: Demo
    /// uuid: 00000000-0000-0000-0000-000000000000
    /// url: https://example.com/demo.yaml
    /// variables: [os_cloud]
    /// scripts:
    /// - executable: ./check.py
    ///   args: -c {os_cloud} {testcases}
    ///   testcases:
    ///   - id: demo-check
    /// modules:
    /// - id: demo-v1
    ///   targets: {main: [demo-check]}
    /// timeline:
    /// - date: 2026-01-01
    ///   versions: {v1: effective}
    /// versions:
    /// - version: v1
    ///   stabilized_at: 2025-12-01
    ///   include: [demo-v1]
    /// "#).unwrap();
    /// assert_eq!(scope.name(), "Demo");
    ///
    /// let err = scs_scope::Scope::from_yaml_str("name: x\nuuid: y\nurl: z\nmodules: 5\n").unwrap_err();
    /// assert_eq!(err.path().to_string(), "modules");
    /// assert_eq!(err.location().unwrap().line, 4);
    /// ```
    pub fn from_yaml_str(source: &str) -> Result<Self, LoadError> {
        if source.len() > MAX_SCOPE_BYTES {
            let kind = LoadErrorKind::TooLarge(source.len());
            return Err(LoadError::new(YamlPath::root(), None, kind));
        }
        if let Err((line, column)) = flow_depth(source) {
            let location = Some(Location { line, column });
            return Err(LoadError::new(
                YamlPath::root(),
                location,
                LoadErrorKind::TooDeep,
            ));
        }
        let document: ScopeDocument =
            serde_yaml::from_str(source).map_err(LoadError::from_serde)?;
        validate(&document).map_err(|(path, kind)| LoadError::at(source, path, kind))?;
        Ok(Scope::from_document(document))
    }

    /// Reads, parses and validates a scope file.
    ///
    /// ```no_run
    /// let scope = scs_scope::Scope::load("Tests/scs-compatible-iaas.yaml")?;
    /// println!("{} has {} versions", scope.name(), scope.versions().len());
    /// # Ok::<(), scs_scope::LoadError>(())
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Self, LoadError> {
        let path = path.as_ref();
        let with_file = |mut e: LoadError| {
            e.0.file = Some(path.to_owned());
            e
        };
        let io = |e: std::io::Error| {
            with_file(LoadError::new(
                YamlPath::root(),
                None,
                LoadErrorKind::Io(e.to_string()),
            ))
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let mut text = String::new();
        // Read one byte more than allowed, to detect oversize files without reading them whole.
        use std::io::Read;
        file.take(MAX_SCOPE_BYTES as u64 + 1)
            .read_to_string(&mut text)
            .map_err(io)?;
        Self::from_yaml_str(&text).map_err(with_file)
    }
}

pub(crate) type Invalid = (YamlPath, LoadErrorKind);

/// The checks serde cannot do: uniqueness and references.
pub(crate) fn validate(doc: &ScopeDocument) -> Result<(), Invalid> {
    let root = YamlPath::root;

    let mut variables = HashSet::new();
    for (i, variable) in doc.variables.iter().enumerate() {
        if !variables.insert(variable.name.as_str()) {
            return Err((
                root().key("variables").index(i),
                LoadErrorKind::DuplicateVariable(variable.name.clone()),
            ));
        }
    }

    let mut testcases: HashSet<&TestcaseId> = HashSet::new();
    for (s, script) in doc.scripts.iter().enumerate() {
        for (t, testcase) in script.testcases.iter().enumerate() {
            if !testcases.insert(&testcase.id) {
                return Err((
                    root()
                        .key("scripts")
                        .index(s)
                        .key("testcases")
                        .index(t)
                        .key("id"),
                    LoadErrorKind::DuplicateTestcase(testcase.id.clone()),
                ));
            }
        }
    }

    let mut modules: HashMap<&ModuleId, usize> = HashMap::new();
    for (m, module) in doc.modules.iter().enumerate() {
        if modules.insert(&module.id, m).is_some() {
            return Err((
                root().key("modules").index(m).key("id"),
                LoadErrorKind::DuplicateModule(module.id.clone()),
            ));
        }
        for (target, ids) in &module.targets {
            for (k, id) in ids.iter().enumerate() {
                if !testcases.contains(id) {
                    return Err((
                        root()
                            .key("modules")
                            .index(m)
                            .key("targets")
                            .key(target.as_str())
                            .index(k),
                        LoadErrorKind::UnknownTestcase(id.clone()),
                    ));
                }
            }
        }
    }

    // Names a placeholder may use: variables, `testcases`, and module parameters.
    let mut known: HashSet<&str> = variables.clone();
    known.insert("testcases");
    for module in &doc.modules {
        known.extend(module.parameters.iter().map(|p| p.name.as_str()));
    }
    for (s, script) in doc.scripts.iter().enumerate() {
        let templates = script
            .args
            .iter()
            .map(|args| (root().key("scripts").index(s).key("args"), args))
            .chain(
                script
                    .env
                    .iter()
                    .map(|(k, v)| (root().key("scripts").index(s).key("env").key(k.as_str()), v)),
            );
        for (path, template) in templates {
            let names = placeholders(template)
                .map_err(|e| (path.clone(), LoadErrorKind::Placeholder(e)))?;
            if let Some(name) = names.iter().find(|n| !known.contains(**n)) {
                return Err((
                    path,
                    LoadErrorKind::Placeholder(PlaceholderError::Unknown((*name).to_owned())),
                ));
            }
        }
    }

    let mut versions = HashSet::new();
    for (v, version) in doc.versions.iter().enumerate() {
        let vpath = || root().key("versions").index(v);
        if !versions.insert(&version.version) {
            return Err((
                vpath().key("version"),
                LoadErrorKind::DuplicateVersion(version.version.clone()),
            ));
        }
        let mut brought_by: HashMap<&TestcaseId, &ModuleId> = HashMap::new();
        for (i, include) in version.include.iter().enumerate() {
            let ipath = || vpath().key("include").index(i);
            let Some(&m) = modules.get(&include.module) else {
                return Err((
                    ipath(),
                    LoadErrorKind::UnknownModule(include.module.clone()),
                ));
            };
            let module = &doc.modules[m];
            for parameter in &module.parameters {
                if !include.parameters.contains_key(&parameter.name) {
                    return Err((
                        ipath(),
                        LoadErrorKind::MissingParameter {
                            module: module.id.clone(),
                            parameter: parameter.name.clone(),
                        },
                    ));
                }
            }
            for name in include.parameters.keys() {
                if !module.parameters.iter().any(|p| &p.name == name) {
                    return Err((
                        ipath().key("parameters").key(name.as_str()),
                        LoadErrorKind::UnknownParameter {
                            module: module.id.clone(),
                            parameter: name.clone(),
                        },
                    ));
                }
            }
            for id in module.targets.values().flatten() {
                if let Some(first) = brought_by.insert(id, &module.id) {
                    return Err((
                        ipath(),
                        LoadErrorKind::TestcaseIncludedTwice {
                            testcase: id.clone(),
                            first: first.clone(),
                            second: module.id.clone(),
                        },
                    ));
                }
            }
        }
    }

    let mut dates = HashSet::new();
    for (e, entry) in doc.timeline.iter().enumerate() {
        if !dates.insert(entry.date) {
            return Err((
                root().key("timeline").index(e).key("date"),
                LoadErrorKind::DuplicateTimelineDate(entry.date),
            ));
        }
        for (name, validity) in &entry.versions {
            let path = || {
                root()
                    .key("timeline")
                    .index(e)
                    .key("versions")
                    .key(name.as_str())
            };
            let Some(version) = doc.versions.iter().find(|v| &v.version == name) else {
                return Err((path(), LoadErrorKind::UnknownVersion(name.clone())));
            };
            let stable_in_time = version.stabilized_at.is_some_and(|at| at <= entry.date);
            if validity.is_certifiable() && !stable_in_time {
                return Err((
                    path(),
                    LoadErrorKind::NotStable {
                        version: name.clone(),
                        validity: *validity,
                        date: entry.date,
                    },
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_quotes_do_not_hide_nesting() {
        let deep = "[".repeat(MAX_FLOW_DEPTH + 1);
        // A lone quote in a block scalar, then a deep flow collection on the next line.
        let text = format!("a: |\n  \"\nb: {deep}\n");
        assert_eq!(flow_depth(&text), Err((3, 4 + MAX_FLOW_DEPTH)));
        let text = format!("a: 'x\nb: {deep}\n");
        assert!(flow_depth(&text).is_err());
        assert_eq!(flow_depth("a: 'it''s [' # [[\nb: \"\\\" [\"\n"), Ok(()));
    }

    #[test]
    fn flow_depth_guard_ignores_quoted_and_commented_brackets() {
        let deep = "[".repeat(MAX_FLOW_DEPTH + 1);
        assert_eq!(flow_depth(&deep), Err((1, MAX_FLOW_DEPTH + 1)));
        let fine = format!("a: '{deep}'\nb: \"{deep}\"\n# {deep}\nc: [[1]]\n");
        assert_eq!(flow_depth(&fine), Ok(()));
        let ok = "[".repeat(MAX_FLOW_DEPTH) + &"]".repeat(MAX_FLOW_DEPTH);
        assert_eq!(flow_depth(&ok), Ok(()));
    }
}
