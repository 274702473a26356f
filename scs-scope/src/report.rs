//! The YAML report of a check, in the schema of the reference checker (the format the SCS
//! compliance monitor ingests).

use chrono::{NaiveDate, NaiveDateTime};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::Scope;
use crate::check::CheckOptions;
use crate::run::Invocation;

/// A check report (`scs check -o REPORT.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The scope checked against.
    pub spec: SpecInfo,
    /// When the check ran (local time, as the reference writes it).
    #[serde(with = "timestamp")]
    pub checked_at: NaiveDateTime,
    /// The date that selected the versions.
    #[serde(with = "crate::model::date")]
    pub reference_date: NaiveDate,
    /// The subject under test.
    pub subject: String,
    /// Details of the run.
    pub run: RunInfo,
}

/// Identification of the scope in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecInfo {
    /// Scope UUID.
    pub uuid: String,
    /// Scope name.
    pub name: String,
    /// Scope URL.
    pub url: String,
}

/// How the check was run, and every script invocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunInfo {
    /// Random UUID of the run.
    pub uuid: String,
    /// The command-line arguments (without the program name).
    pub argv: Vec<String>,
    /// The `-a` assignments.
    pub assignment: IndexMap<String, String>,
    /// The `-S` sections, if given.
    pub sections: Option<Vec<String>>,
    /// The `-V` version, if given.
    pub forced_version: Option<String>,
    /// The `-t` expression, if given.
    pub forced_tests: Option<String>,
    /// Invocations by id.
    pub invocations: IndexMap<String, Invocation>,
}

impl Report {
    /// Assembles the report of a check.
    pub fn new(
        scope: &Scope,
        options: &CheckOptions,
        argv: Vec<String>,
        checked_at: NaiveDateTime,
        invocations: Vec<Invocation>,
    ) -> Self {
        Self {
            spec: SpecInfo {
                uuid: scope.uuid().to_owned(),
                name: scope.name().to_owned(),
                url: scope.url().to_owned(),
            },
            checked_at,
            reference_date: options.date,
            subject: options.subject.clone(),
            run: RunInfo {
                uuid: uuid::Uuid::new_v4().to_string(),
                argv,
                assignment: options.assignment.clone(),
                sections: options.sections.clone(),
                forced_version: options.forced_version.clone(),
                forced_tests: options.tests.clone(),
                invocations: invocations.into_iter().map(|i| (i.id.clone(), i)).collect(),
            },
        }
    }

    /// The report as a YAML document (starting with `---`, like the reference's).
    ///
    /// Strings that a YAML 1.1 reader would take for something else (`'2026-11-20'` in `argv`,
    /// `'yes'`) are quoted; `checked_at` and `reference_date` are not, so that readers get a
    /// timestamp and a date there, as from the reference.
    pub fn to_yaml(&self) -> String {
        // Serializing plain data into a Value cannot fail.
        let value = serde_yaml::to_value(self).unwrap_or(serde_yaml::Value::Null);
        format!(
            "---\n{}",
            crate::emit::to_yaml(&value, &["checked_at", "reference_date"])
        )
    }

    /// Reads a report (ours or the reference's).
    pub fn from_yaml_str(text: &str) -> Result<Self, serde_yaml::Error> {
        serde_yaml::from_str(text)
    }
}

/// `2026-11-23 18:14:59.828022`: Python's `str(datetime)`, which YAML readers take as a timestamp.
mod timestamp {
    use chrono::{NaiveDateTime, Timelike};
    use serde::{Deserialize, Deserializer, Serializer, de};

    pub fn serialize<S: Serializer>(at: &NaiveDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        let text = if at.nanosecond() / 1000 == 0 {
            at.format("%Y-%m-%d %H:%M:%S").to_string()
        } else {
            at.format("%Y-%m-%d %H:%M:%S%.6f").to_string()
        };
        serializer.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<NaiveDateTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
            .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&text), &"a timestamp"))
    }
}
