//! The typed scope model: one struct per descriptor of scs-0003-v1, section "SCS Certification YAML".
//!
//! Every struct rejects keys it does not know (`deny_unknown_fields`), so a typo or a file in an
//! older schema (e.g. `modules[].run`) is an error, not silently ignored data.

use std::fmt;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::ids::{ModuleId, TestcaseId, VersionName};
use crate::lifetime::Lifetime;

/// Descriptor of the prerequisite certificate scope ("Prerequisite descriptor").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prerequisite {
    /// Full name of the prerequisite scope.
    pub name: String,
    /// URL of its latest raw version.
    pub url: String,
}

/// A variable that scripts may use in `args` and `env` (key `variables`).
///
/// In YAML, either a bare name (`- os_cloud`) or a name with a default (`- execution_mode: parallel`).
/// A variable without a default must be assigned for a run (`scs check -a os_cloud=...`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variable {
    /// The name used in `{name}` placeholders.
    pub name: String,
    /// The value used when the run does not assign one.
    pub default: Option<String>,
}

impl<'de> Deserialize<'de> for Variable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Variable;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a variable name or a mapping `name: default`")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Variable, E> {
                Ok(Variable {
                    name: name.to_owned(),
                    default: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Variable, A::Error> {
                let Some((name, default)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::invalid_length(
                        0,
                        &"exactly one `name: default` entry",
                    ));
                };
                if map.next_key::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(
                        2,
                        &"exactly one `name: default` entry",
                    ));
                }
                Ok(Variable {
                    name,
                    default: Some(default),
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A script descriptor (key `scripts`): an executable and the testcases it reports on.
///
/// A script without `executable` stands for a manual check ("Manual check: TBD" in scs-0003-v1);
/// it is never run, so its testcases stay missing unless results come from elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// Path of the executable, relative to the scope file's folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executable: Option<String>,
    /// Command-line arguments, with `{variable}` placeholders, split like a POSIX shell would.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<String>,
    /// Extra environment variables; values may use `{variable}` placeholders.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub env: IndexMap<String, String>,
    /// The testcases this script reports on.
    pub testcases: Vec<TestcaseDescriptor>,
}

/// A test-case descriptor ("Test-case descriptor").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestcaseDescriptor {
    /// Immutable identifier.
    pub id: TestcaseId,
    /// How long a result stays valid; `week` when not given.
    #[serde(default)]
    pub lifetime: Lifetime,
    /// The section the testcase belongs to (`scs check -S` selects sections).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Short description for CLI users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Link to the relevant documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl TestcaseDescriptor {
    /// When a result of this testcase obtained at `checked_at` expires (see [`Lifetime::expiry`]).
    ///
    /// ```
    /// # let scope = scs_scope::Scope::from_yaml_str("name: n\nuuid: u\nurl: x\nscripts:\n- testcases: [{id: t, lifetime: day}]\nmodules: []\ntimeline: []\nversions: []\n").unwrap();
    /// use chrono::NaiveDate;
    /// let at = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(8, 0, 0).unwrap();
    /// let expiry = scope.testcase("t").unwrap().expiry(at);
    /// assert_eq!(expiry.to_string(), "2026-11-22 00:00:00");
    /// ```
    pub fn expiry(&self, checked_at: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
        self.lifetime.expiry(checked_at)
    }
}

/// A parameter of a module; its value is given by each include of the module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parameter {
    /// The name used in `{name}` placeholders.
    pub name: String,
    /// What the parameter means, when the scope says so.
    pub description: Option<String>,
}

/// Parameters are a list of names in the text of scs-0003-v1 (`[image_spec]`) and a mapping
/// `name: description` in the real scopes; both are accepted.
fn parameters<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Parameter>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<Parameter>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of parameter names or a mapping `name: description`")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(name) = seq.next_element::<String>()? {
                out.push(Parameter {
                    name,
                    description: None,
                });
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((name, description)) = map.next_entry::<String, Option<String>>()? {
                out.push(Parameter { name, description });
            }
            Ok(out)
        }
    }
    deserializer.deserialize_any(V)
}

/// A module descriptor (key `modules`): usually one standard version, as targets of testcases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// Id for referring to this module from `include`.
    pub id: ModuleId,
    /// Human-readable name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Link to the standard document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Parameters each include must assign.
    #[serde(
        default,
        deserialize_with = "parameters",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub parameters: Vec<Parameter>,
    /// Target name (`main`, `recommended`, `preview`...) to testcase ids.
    ///
    /// scs-0003-v1 marks this key "required", but the real IaaS scope has a module without it
    /// (`opc-v2022.11`), and the reference reads a missing key as no targets; so do we.
    #[serde(default)]
    pub targets: IndexMap<String, Vec<TestcaseId>>,
}

/// An include of a module into a version: a bare id, or `{ref, parameters}` ("Include descriptor").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Include {
    /// The included module.
    pub module: ModuleId,
    /// Values for the module's parameters.
    pub parameters: IndexMap<String, String>,
}

impl<'de> Deserialize<'de> for Include {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Include;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a module id or a mapping with `ref` and `parameters`")
            }
            fn visit_str<E: de::Error>(self, id: &str) -> Result<Include, E> {
                Ok(Include {
                    module: ModuleId::new(id),
                    parameters: IndexMap::new(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Include, A::Error> {
                // The derived form reports unknown keys at the key itself.
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Descriptor {
                    #[serde(rename = "ref")]
                    module: ModuleId,
                    #[serde(default)]
                    parameters: IndexMap<String, String>,
                }
                let d = Descriptor::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Include {
                    module: d.module,
                    parameters: d.parameters,
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A version descriptor (key `versions`): a named collection of module includes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeVersion {
    /// The version's name, e.g. `v5.1`.
    pub version: VersionName,
    /// The included modules.
    pub include: Vec<Include>,
    /// When the version was stabilized; a version with this date must no longer change.
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub stabilized_at: Option<NaiveDate>,
}

impl ScopeVersion {
    /// Whether the version is stable (has `stabilized_at`).
    pub fn is_stable(&self) -> bool {
        self.stabilized_at.is_some()
    }
}

/// A validity code of the timeline (scs-0003-v1, "Timeline entry").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Validity {
    /// Can be certified against.
    Effective,
    /// Can be certified against, but a PASS must come with a warning that the version is about to expire.
    Warn,
    /// Can be tested against, but not certified.
    Draft,
    /// Can be tested against, but not certified.
    Deprecated,
}

impl Validity {
    /// The word used in scope files.
    ///
    /// ```
    /// assert_eq!(scs_scope::Validity::Warn.as_str(), "warn");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Validity::Effective => "effective",
            Validity::Warn => "warn",
            Validity::Draft => "draft",
            Validity::Deprecated => "deprecated",
        }
    }

    /// Whether a subject can be certified against a version with this validity.
    pub fn is_certifiable(self) -> bool {
        match self {
            Validity::Effective | Validity::Warn => true,
            Validity::Draft | Validity::Deprecated => false,
        }
    }
}

/// Error of [`Validity::from_str`](std::str::FromStr::from_str).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown validity {0:?} (expected effective, warn, draft or deprecated)")]
pub struct UnknownValidity(pub String);

impl std::str::FromStr for Validity {
    type Err = UnknownValidity;

    /// ```
    /// use scs_scope::Validity;
    /// for v in [Validity::Effective, Validity::Warn, Validity::Draft, Validity::Deprecated] {
    ///     assert_eq!(v.to_string().parse::<Validity>(), Ok(v));
    /// }
    /// assert!("expired".parse::<Validity>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "effective" => Validity::Effective,
            "warn" => Validity::Warn,
            "draft" => Validity::Draft,
            "deprecated" => Validity::Deprecated,
            _ => return Err(UnknownValidity(s.to_owned())),
        })
    }
}

impl fmt::Display for Validity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A timeline entry: from `date` on (until the next later entry), these versions have these validities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    /// First day of the period.
    #[serde(with = "date")]
    pub date: NaiveDate,
    /// Validity of each listed version during the period.
    pub versions: IndexMap<VersionName, Validity>,
}

/// The document as written; [`crate::Scope`] wraps it once validated.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScopeDocument {
    pub name: String,
    pub uuid: String,
    pub url: String,
    #[serde(default)]
    pub prerequisite: Option<Prerequisite>,
    #[serde(default)]
    pub variables: Vec<Variable>,
    pub scripts: Vec<Script>,
    pub modules: Vec<Module>,
    pub timeline: Vec<TimelineEntry>,
    pub versions: Vec<ScopeVersion>,
}

/// `YYYY-MM-DD` dates (YAML timestamps reach serde as strings).
pub(crate) mod date {
    use chrono::NaiveDate;
    use serde::{Deserializer, Serializer, de};

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        // A visitor (rather than parsing a deserialized String) keeps the error at the scalar,
        // so that its YAML path names the date's key.
        struct V;
        impl de::Visitor<'_> for V {
            type Value = NaiveDate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(text), &self))
            }
        }
        deserializer.deserialize_str(V)
    }

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&date.format("%Y-%m-%d"))
    }
}

/// Optional `YYYY-MM-DD` dates.
pub(crate) mod opt_date {
    use chrono::NaiveDate;
    use serde::{Deserializer, Serializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        super::date::deserialize(deserializer).map(Some)
    }

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => super::date::serialize(date, serializer),
            None => serializer.serialize_none(),
        }
    }
}
