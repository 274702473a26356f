//! [`Scope`]: a validated certificate scope, with lookups, resolution of versions into targets,
//! and the timeline (scs-0003-v1, "Basic concepts" and "Timeline entry").

use std::collections::HashMap;

use chrono::NaiveDate;
use indexmap::IndexMap;

use crate::ids::{ModuleId, TestcaseId, VersionName};
use crate::model::{
    Module, Prerequisite, ScopeDocument, ScopeVersion, Script, TestcaseDescriptor, TimelineEntry,
    Validity, Variable,
};

/// A certificate scope, loaded and validated (see [`Scope::from_yaml_str`], [`Scope::load`]).
///
/// Every reference inside is known to resolve: includes name existing modules, targets name
/// declared testcases, the timeline names existing versions.
#[derive(Debug, Clone)]
pub struct Scope {
    doc: ScopeDocument,
    /// Testcase id -> (script index, testcase index).
    testcases: HashMap<TestcaseId, (usize, usize)>,
    modules: HashMap<ModuleId, usize>,
}

/// A version with its includes resolved: which testcases make up each target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedVersion<'s> {
    /// The version descriptor.
    pub version: &'s ScopeVersion,
    /// Target name -> sorted testcase ids; targets in order of first appearance in the includes.
    pub targets: IndexMap<String, Vec<TestcaseId>>,
    /// Testcase -> the parameters of the include that brought it (to be merged into the
    /// variables of the testcase's script).
    pub parameters: HashMap<TestcaseId, &'s IndexMap<String, String>>,
}

impl ResolvedVersion<'_> {
    /// All testcase ids of all targets.
    pub fn testcase_ids(&self) -> impl Iterator<Item = &TestcaseId> {
        self.targets.values().flatten()
    }
}

impl Scope {
    pub(crate) fn from_document(doc: ScopeDocument) -> Self {
        let mut testcases = HashMap::new();
        for (s, script) in doc.scripts.iter().enumerate() {
            for (t, testcase) in script.testcases.iter().enumerate() {
                testcases.insert(testcase.id.clone(), (s, t));
            }
        }
        let modules = doc
            .modules
            .iter()
            .enumerate()
            .map(|(m, module)| (module.id.clone(), m))
            .collect();
        Self {
            doc,
            testcases,
            modules,
        }
    }

    /// Full name, e.g. `SCS-compatible IaaS`.
    pub fn name(&self) -> &str {
        &self.doc.name
    }

    /// The scope's UUID.
    pub fn uuid(&self) -> &str {
        &self.doc.uuid
    }

    /// URL of the latest raw version of the scope file.
    pub fn url(&self) -> &str {
        &self.doc.url
    }

    /// The prerequisite scope, if any.
    pub fn prerequisite(&self) -> Option<&Prerequisite> {
        self.doc.prerequisite.as_ref()
    }

    /// Declared variables.
    pub fn variables(&self) -> &[Variable] {
        &self.doc.variables
    }

    /// Script descriptors, in file order.
    pub fn scripts(&self) -> &[Script] {
        &self.doc.scripts
    }

    /// Module descriptors, in file order.
    pub fn modules(&self) -> &[Module] {
        &self.doc.modules
    }

    /// Timeline entries, in file order (which need not be chronological).
    pub fn timeline(&self) -> &[TimelineEntry] {
        &self.doc.timeline
    }

    /// Version descriptors, in file order.
    pub fn versions(&self) -> &[ScopeVersion] {
        &self.doc.versions
    }

    /// The testcase with this id.
    ///
    /// ```
    /// # let scope = scs_scope::Scope::from_yaml_str(r#"
    /// # name: Demo
    /// # uuid: u
    /// # url: https://example.com
    /// # scripts:
    /// # - {executable: ./check.sh, args: "{testcases}", testcases: [{id: a, description: Checks A.}, {id: b}]}
    /// # modules: [{id: m, targets: {main: [a, b]}}]
    /// # timeline: [{date: 2026-01-01, versions: {v1: draft}}]
    /// # versions: [{version: v1, include: [m]}]
    /// # "#).unwrap();
    /// assert_eq!(scope.testcase("a").unwrap().description.as_deref(), Some("Checks A."));
    /// assert_eq!(scope.script_of("b").unwrap().executable.as_deref(), Some("./check.sh"));
    /// assert!(scope.testcase("zz").is_none());
    /// ```
    pub fn testcase(&self, id: &str) -> Option<&TestcaseDescriptor> {
        let &(s, t) = self.testcases.get(id)?;
        Some(&self.doc.scripts[s].testcases[t])
    }

    /// The index (into [`Scope::scripts`]) of the script that reports on this testcase.
    pub fn script_index_of(&self, id: &str) -> Option<usize> {
        self.testcases.get(id).map(|&(s, _)| s)
    }

    /// The script that reports on this testcase.
    pub fn script_of(&self, id: &str) -> Option<&Script> {
        self.script_index_of(id).map(|s| &self.doc.scripts[s])
    }

    /// The module with this id.
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.get(id).map(|&m| &self.doc.modules[m])
    }

    /// The version with this name.
    pub fn version(&self, name: &str) -> Option<&ScopeVersion> {
        self.doc.versions.iter().find(|v| v.version == name)
    }

    /// Resolves a version: the union of its modules' targets, ids sorted within each target.
    ///
    /// ```
    /// # let scope = scs_scope::Scope::from_yaml_str(r#"
    /// # name: Demo
    /// # uuid: u
    /// # url: https://example.com
    /// # scripts:
    /// # - testcases: [{id: b}, {id: a}, {id: c}]
    /// # modules:
    /// # - {id: m1, targets: {main: [b]}}
    /// # - {id: m2, targets: {recommended: [c], main: [a]}}
    /// # timeline: []
    /// # versions:
    /// # - {version: v1, include: [m1, m2]}
    /// # "#).unwrap();
    /// let v1 = scope.resolve("v1").unwrap();
    /// assert_eq!(v1.targets["main"], ["a", "b"]);
    /// assert_eq!(v1.targets.keys().collect::<Vec<_>>(), ["main", "recommended"]);
    /// ```
    pub fn resolve(&self, name: &str) -> Option<ResolvedVersion<'_>> {
        let version = self.version(name)?;
        let mut targets: IndexMap<String, Vec<TestcaseId>> = IndexMap::new();
        let mut parameters = HashMap::new();
        for include in &version.include {
            let Some(module) = self.module(include.module.as_str()) else {
                continue;
            };
            for (target, ids) in &module.targets {
                let list = targets.entry(target.clone()).or_default();
                for id in ids {
                    list.push(id.clone());
                    parameters.insert(id.clone(), &include.parameters);
                }
            }
        }
        for ids in targets.values_mut() {
            ids.sort();
            ids.dedup();
        }
        Some(ResolvedVersion {
            version,
            targets,
            parameters,
        })
    }

    /// The timeline entry in force on `date`: the latest entry not after `date`, whatever the
    /// order of the list ("tooling MUST NOT depend on this order", scs-0003-v1).
    pub fn timeline_entry_on(&self, date: NaiveDate) -> Option<&TimelineEntry> {
        self.doc
            .timeline
            .iter()
            .filter(|e| e.date <= date)
            .max_by_key(|e| e.date)
    }

    /// The validity the entry in force on `date` gives this version, or `None` when the entry does
    /// not list it (or no entry is in force yet). Such a version is not tested by default; for
    /// certification it counts as deprecated (see [`Scope::effective_validity_on`]).
    ///
    /// ```
    /// # let scope = scs_scope::Scope::from_yaml_str(r#"
    /// # name: Demo
    /// # uuid: u
    /// # url: https://example.com
    /// # scripts: []
    /// # modules: []
    /// # timeline:
    /// # - {date: 2026-03-01, versions: {v2: effective}}
    /// # - {date: 2026-01-01, versions: {v1: effective, v2: draft}}
    /// # versions:
    /// # - {version: v1, stabilized_at: 2025-12-01, include: []}
    /// # - {version: v2, stabilized_at: 2026-02-15, include: []}
    /// # "#).unwrap();
    /// use chrono::NaiveDate;
    /// use scs_scope::Validity;
    /// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// assert_eq!(scope.validity_on("v2", day(2, 28)), Some(Validity::Draft));
    /// assert_eq!(scope.validity_on("v2", day(3, 1)), Some(Validity::Effective));
    /// assert_eq!(scope.validity_on("v1", day(3, 1)), None);
    /// assert_eq!(scope.validity_on("v1", day(1, 1) - chrono::Days::new(1)), None);
    /// ```
    pub fn validity_on(&self, version: &str, date: NaiveDate) -> Option<Validity> {
        self.timeline_entry_on(date)?.versions.get(version).copied()
    }

    /// The validity for certification purposes: "Any version not listed in `versions` is
    /// considered `deprecated`" (scs-0003-v1, "Timeline entry").
    pub fn effective_validity_on(&self, version: &str, date: NaiveDate) -> Validity {
        self.validity_on(version, date)
            .unwrap_or(Validity::Deprecated)
    }

    /// The versions tested on `date` by default: those the entry in force lists, in file order.
    pub fn versions_on(&self, date: NaiveDate) -> Vec<&ScopeVersion> {
        let Some(entry) = self.timeline_entry_on(date) else {
            return Vec::new();
        };
        self.doc
            .versions
            .iter()
            .filter(|v| entry.versions.contains_key(&v.version))
            .collect()
    }

    /// The versions to test: `forced` alone if given (whatever the timeline says), otherwise
    /// [`Scope::versions_on`] `date`.
    ///
    /// ```
    /// # let scope = scs_scope::Scope::from_yaml_str(r#"
    /// # name: Demo
    /// # uuid: u
    /// # url: https://example.com
    /// # scripts:
    /// # - {executable: ./check.sh, args: "{testcases}", testcases: [{id: a, description: Checks A.}, {id: b}]}
    /// # modules: [{id: m, targets: {main: [a, b]}}]
    /// # timeline: [{date: 2026-01-01, versions: {v1: draft}}]
    /// # versions: [{version: v1, include: [m]}]
    /// # "#).unwrap();
    /// use chrono::NaiveDate;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(scope.select_versions(day(2026, 5, 1), None).unwrap()[0].version, "v1");
    /// assert!(scope.select_versions(day(2025, 5, 1), None).is_err()); // before the timeline
    /// assert_eq!(scope.select_versions(day(2025, 5, 1), Some("v1")).unwrap().len(), 1);
    /// assert_eq!(
    ///     scope.select_versions(day(2026, 5, 1), Some("v9")).unwrap_err().to_string(),
    ///     "Requested version 'v9' not found"
    /// );
    /// ```
    pub fn select_versions(
        &self,
        date: NaiveDate,
        forced: Option<&str>,
    ) -> Result<Vec<&ScopeVersion>, SelectError> {
        match forced {
            Some(name) => self
                .version(name)
                .map(|v| vec![v])
                .ok_or_else(|| SelectError::UnknownVersion(VersionName::new(name))),
            None => {
                let versions = self.versions_on(date);
                if versions.is_empty() {
                    Err(SelectError::NoValidVersion(date))
                } else {
                    Ok(versions)
                }
            }
        }
    }
}

/// Why no version could be selected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    /// A forced version that the scope does not have.
    #[error("Requested version '{0}' not found")]
    UnknownVersion(VersionName),
    /// The timeline lists no version on this date.
    #[error("No valid version found for {0}")]
    NoValidVersion(NaiveDate),
}
