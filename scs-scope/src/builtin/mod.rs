//! The certificate scopes compiled into the crate: SCS-compatible IaaS and KaaS.
//!
//! A built-in scope holds the facts of the scope file of the SCS standards repository (uuid,
//! name, url, variables, testcase ids with lifetime, section and url, modules with targets and
//! parameters, versions with `stabilized_at` and includes, the timeline), so that a check needs
//! no checkout of that repository. The scope files themselves are not copied: descriptions and
//! module names here are written in this project's words (or are the standards' titles), and
//! scripts keep only their `executable` (whether a testcase is automated, and by which script
//! upstream), not their `args`.
//!
//! Reports written from a built-in scope carry the same `spec` block (uuid, name, url) as
//! reports from the upstream file, so the compliance monitor files them under the same scope.
//! A test (`tests/builtin_scopes.rs`) proves the facts equal the upstream files; a scope change
//! upstream breaks it.
//!
//! A built-in scope has no folder and no scripts beside it: its testcases run in process (see
//! `scs-testkit`), and a testcase without an in-process implementation cannot run.
//!
//! ```
//! use scs_scope::BuiltinScope;
//! let iaas: BuiltinScope = "iaas".parse()?;
//! let scope = iaas.scope();
//! assert_eq!(scope.name(), "SCS-compatible IaaS");
//! assert_eq!(scope.uuid(), "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f");
//! assert_eq!(BuiltinScope::by_uuid(scope.uuid()), Some(BuiltinScope::Iaas));
//! # Ok::<(), scs_scope::UnknownBuiltinScope>(())
//! ```

mod iaas;
mod kaas;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use indexmap::IndexMap;

use crate::Scope;
use crate::ids::{ModuleId, TestcaseId, VersionName};
use crate::lifetime::Lifetime::{self, Day, Month, Quarter, Week, Year};
use crate::model::Validity::{self, Deprecated, Draft, Effective, Warn};
use crate::model::{
    Include, Module, Parameter, ScopeDocument, ScopeVersion, Script, TestcaseDescriptor,
    TimelineEntry, Variable,
};

/// The day the built-in facts were taken from the SCS standards repository (its state of
/// August 2026). A scope fetched after this day is newer than the built-in one.
pub const BUILTIN_AS_OF: &str = "2026-08-31";

/// A certificate scope compiled into the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltinScope {
    /// SCS-compatible IaaS (`iaas`).
    Iaas,
    /// SCS-compatible KaaS (`kaas`).
    Kaas,
}

/// Error of [`BuiltinScope::from_str`]: not `iaas` or `kaas`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown built-in scope {0:?} (expected iaas or kaas)")]
pub struct UnknownBuiltinScope(pub String);

impl BuiltinScope {
    /// Every built-in scope.
    pub const ALL: [BuiltinScope; 2] = [BuiltinScope::Iaas, BuiltinScope::Kaas];

    /// The short name on the command line: `iaas`, `kaas`.
    ///
    /// ```
    /// assert_eq!(scs_scope::BuiltinScope::Kaas.key(), "kaas");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            BuiltinScope::Iaas => "iaas",
            BuiltinScope::Kaas => "kaas",
        }
    }

    fn facts(self) -> &'static Facts {
        match self {
            BuiltinScope::Iaas => &iaas::IAAS,
            BuiltinScope::Kaas => &kaas::KAAS,
        }
    }

    /// The scope's full name, as in reports.
    ///
    /// ```
    /// assert_eq!(scs_scope::BuiltinScope::Iaas.name(), "SCS-compatible IaaS");
    /// ```
    pub fn name(self) -> &'static str {
        self.facts().name
    }

    /// The scope's uuid, as in reports.
    pub fn uuid(self) -> &'static str {
        self.facts().uuid
    }

    /// Where the newest version of the scope file is published (its `url`).
    ///
    /// ```
    /// assert!(scs_scope::BuiltinScope::Iaas.url().ends_with("/Tests/scs-compatible-iaas.yaml"));
    /// ```
    pub fn url(self) -> &'static str {
        self.facts().url
    }

    /// The built-in scope with this uuid.
    pub fn by_uuid(uuid: &str) -> Option<BuiltinScope> {
        Self::ALL.into_iter().find(|b| b.uuid() == uuid)
    }

    /// [`BUILTIN_AS_OF`] as a date.
    ///
    /// ```
    /// assert_eq!(scs_scope::BuiltinScope::as_of().to_string(), scs_scope::BUILTIN_AS_OF);
    /// ```
    pub fn as_of() -> NaiveDate {
        date(BUILTIN_AS_OF)
    }

    /// The latest date among the timeline and the `stabilized_at` of the versions.
    ///
    /// ```
    /// assert_eq!(scs_scope::BuiltinScope::Kaas.latest_date().to_string(), "2024-11-26");
    /// ```
    pub fn latest_date(self) -> NaiveDate {
        let facts = self.facts();
        facts
            .timeline
            .iter()
            .map(|(d, _)| *d)
            .chain(facts.versions.iter().filter_map(|v| v.stabilized_at))
            .map(date)
            .max()
            .unwrap_or_else(Self::as_of)
    }

    /// The scope, built from the facts (validated like a loaded file).
    ///
    /// ```
    /// let kaas = scs_scope::BuiltinScope::Kaas.scope();
    /// assert_eq!(kaas.versions()[0].version, "v1");
    /// assert_eq!(kaas.testcase("cncf-k8s-conformance").unwrap().lifetime, scs_scope::Lifetime::Year);
    /// ```
    pub fn scope(self) -> Scope {
        let doc = self.facts().document();
        // The facts are constants checked by this crate's tests; they always validate.
        if let Err((path, kind)) = crate::load::validate(&doc) {
            panic!("built-in scope {}: {path}: {kind}", self.key());
        }
        Scope::from_document(doc)
    }
}

impl FromStr for BuiltinScope {
    type Err = UnknownBuiltinScope;

    /// ```
    /// use scs_scope::BuiltinScope;
    /// for b in BuiltinScope::ALL {
    ///     assert_eq!(b.to_string().parse::<BuiltinScope>(), Ok(b));
    /// }
    /// assert!("paas".parse::<BuiltinScope>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "iaas" => Ok(BuiltinScope::Iaas),
            "kaas" => Ok(BuiltinScope::Kaas),
            _ => Err(UnknownBuiltinScope(s.to_owned())),
        }
    }
}

impl fmt::Display for BuiltinScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// `YYYY-MM-DD` constants of the fact tables (checked by the tests).
fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .unwrap_or_else(|_| panic!("built-in date {text:?} is not YYYY-MM-DD"))
}

/// What scs-0104's `image_spec` parameter means, in our words.
const IMAGE_SPEC: &str = "URL of the image list (YAML) the scs-0104 testcases check against";

/// The facts of one scope, as constants.
struct Facts {
    name: &'static str,
    uuid: &'static str,
    url: &'static str,
    variables: &'static [(&'static str, Option<&'static str>)],
    scripts: &'static [ScriptFacts],
    modules: &'static [ModuleFacts],
    timeline: &'static [(&'static str, &'static [(&'static str, Validity)])],
    versions: &'static [VersionFacts],
}

struct ScriptFacts {
    executable: Option<&'static str>,
    testcases: &'static [TestcaseFacts],
}

struct TestcaseFacts {
    id: &'static str,
    lifetime: Lifetime,
    section: Option<&'static str>,
    url: Option<&'static str>,
    description: &'static str,
}

const fn tc(
    id: &'static str,
    lifetime: Lifetime,
    section: Option<&'static str>,
    url: Option<&'static str>,
    description: &'static str,
) -> TestcaseFacts {
    TestcaseFacts {
        id,
        lifetime,
        section,
        url,
        description,
    }
}

struct ModuleFacts {
    id: &'static str,
    name: &'static str,
    url: Option<&'static str>,
    parameters: &'static [(&'static str, &'static str)],
    targets: &'static [(&'static str, &'static [&'static str])],
}

struct VersionFacts {
    version: &'static str,
    stabilized_at: Option<&'static str>,
    include: &'static [(&'static str, &'static [(&'static str, &'static str)])],
}

// Not every lifetime and validity occurs in every table.
const _: [Lifetime; 5] = [Day, Week, Month, Quarter, Year];
const _: [Validity; 4] = [Effective, Warn, Draft, Deprecated];

impl Facts {
    fn document(&self) -> ScopeDocument {
        let owned = |s: &str| s.to_owned();
        ScopeDocument {
            name: owned(self.name),
            uuid: owned(self.uuid),
            url: owned(self.url),
            prerequisite: None,
            variables: self
                .variables
                .iter()
                .map(|(name, default)| Variable {
                    name: owned(name),
                    default: default.map(owned),
                })
                .collect(),
            scripts: self
                .scripts
                .iter()
                .map(|s| Script {
                    executable: s.executable.map(owned),
                    args: None,
                    env: IndexMap::new(),
                    testcases: s
                        .testcases
                        .iter()
                        .map(|t| TestcaseDescriptor {
                            id: TestcaseId::new(t.id),
                            lifetime: t.lifetime,
                            section: t.section.map(owned),
                            description: Some(owned(t.description)),
                            url: t.url.map(owned),
                        })
                        .collect(),
                })
                .collect(),
            modules: self
                .modules
                .iter()
                .map(|m| Module {
                    id: ModuleId::new(m.id),
                    name: Some(owned(m.name)),
                    url: m.url.map(owned),
                    parameters: m
                        .parameters
                        .iter()
                        .map(|(name, description)| Parameter {
                            name: owned(name),
                            description: Some(owned(description)),
                        })
                        .collect(),
                    targets: m
                        .targets
                        .iter()
                        .map(|(name, ids)| {
                            (
                                owned(name),
                                ids.iter().map(|i| TestcaseId::new(*i)).collect(),
                            )
                        })
                        .collect(),
                })
                .collect(),
            timeline: self
                .timeline
                .iter()
                .map(|(day, versions)| TimelineEntry {
                    date: date(day),
                    versions: versions
                        .iter()
                        .map(|(v, validity)| (VersionName::new(*v), *validity))
                        .collect(),
                })
                .collect(),
            versions: self
                .versions
                .iter()
                .map(|v| ScopeVersion {
                    version: VersionName::new(v.version),
                    stabilized_at: v.stabilized_at.map(date),
                    include: v
                        .include
                        .iter()
                        .map(|(module, parameters)| Include {
                            module: ModuleId::new(*module),
                            parameters: parameters
                                .iter()
                                .map(|(k, val)| (owned(k), owned(val)))
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_scope_validates_and_names_itself() {
        for b in BuiltinScope::ALL {
            let scope = b.scope();
            assert_eq!(scope.name(), b.name());
            assert_eq!(BuiltinScope::by_uuid(scope.uuid()), Some(b));
            assert!(b.latest_date() <= BuiltinScope::as_of(), "{b}");
        }
    }
}
