//! One SCS document: its file name and its YAML front matter, typed (scs-0001, "Document format").

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{DocRef, IdError};

/// Declares a closed table of the standard as an enum with `FromStr`/`Display` over the exact
/// strings of the standard, and serde through those strings.
macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident, $what:literal, { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// All values, in the order of the standard's table.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The string the standard uses for this value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::document::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(crate::document::UnknownValue {
                        what: $what,
                        value: s.to_owned(),
                        allowed: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;

/// A value outside a closed table of a standard.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{value}` (allowed: {allowed})")]
pub struct UnknownValue {
    /// Which table, e.g. "document type".
    pub what: &'static str,
    /// The value found.
    pub value: String,
    /// The allowed values, comma separated.
    pub allowed: String,
}

string_enum!(
    /// Document type (scs-0001 "Types of documents").
    ///
    /// ```
    /// use scs_standards::DocumentType;
    /// assert_eq!("Decision Record".parse::<DocumentType>().unwrap(), DocumentType::DecisionRecord);
    /// assert_eq!(DocumentType::Supplement.to_string(), "Supplement");
    /// ```
    DocumentType, "document type", {
        /// A process, policy or guideline.
        Procedural = "Procedural",
        /// A technical standard for SCS-compliant clouds.
        Standard = "Standard",
        /// The record of a complex technical decision.
        DecisionRecord = "Decision Record",
        /// Informative extension of a standard (implementation and testing notes).
        Supplement = "Supplement",
    }
);

string_enum!(
    /// Document status (scs-0001 "Process"). `Proposal` is the phase before a number is
    /// assigned ("Draft (Proposal)" in the lifecycle graph).
    ///
    /// ```
    /// use scs_standards::DocumentStatus;
    /// assert_eq!("Stable".parse::<DocumentStatus>().unwrap(), DocumentStatus::Stable);
    /// assert!("stable".parse::<DocumentStatus>().is_err());
    /// ```
    DocumentStatus, "status", {
        /// Proposed, not yet accepted (file still named `scs-xxxx-...`).
        Proposal = "Proposal",
        /// Accepted, under development; not normative.
        Draft = "Draft",
        /// Ready for production use; no breaking changes any more.
        Stable = "Stable",
        /// No longer deemed fit for production use.
        Deprecated = "Deprecated",
        /// Removed from the normative corpus.
        Rejected = "Rejected",
    }
);

string_enum!(
    /// Track of a document (scs-0001 "Document format", the table of the second digit).
    ///
    /// ```
    /// use scs_standards::Track;
    /// assert_eq!("IaaS".parse::<Track>().unwrap(), Track::IaaS);
    /// assert_eq!(Track::Scopes.digit(), 5);
    /// ```
    Track, "track", {
        /// Digit 0.
        Global = "Global",
        /// Digit 1.
        IaaS = "IaaS",
        /// Digit 2.
        KaaS = "KaaS",
        /// Digit 3.
        Iam = "IAM",
        /// Digit 4.
        Ops = "Ops",
        /// Digit 5.
        Scopes = "Scopes",
    }
);

impl Track {
    /// The second digit of document numbers on this track.
    pub fn digit(self) -> u8 {
        match self {
            Track::Global => 0,
            Track::IaaS => 1,
            Track::KaaS => 2,
            Track::Iam => 3,
            Track::Ops => 4,
            Track::Scopes => 5,
        }
    }

    /// The track of a second digit, `None` for unassigned digits.
    ///
    /// ```
    /// assert_eq!(scs_standards::Track::from_digit(2), Some(scs_standards::Track::KaaS));
    /// assert_eq!(scs_standards::Track::from_digit(7), None);
    /// ```
    pub fn from_digit(digit: u8) -> Option<Track> {
        Track::ALL.iter().copied().find(|t| t.digit() == digit)
    }
}

/// The parts of a document file name `scs-XXXX-vN-T.md`.
///
/// ```
/// use scs_standards::FileName;
/// let f: FileName = "scs-0102-w1-image-metadata-implementation-testing.md".parse().unwrap();
/// assert_eq!(f.reference.to_string(), "scs-0102-w1");
/// assert_eq!(f.slug, "image-metadata-implementation-testing");
/// assert_eq!(f.to_string(), "scs-0102-w1-image-metadata-implementation-testing.md");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileName {
    /// Number and version.
    pub reference: DocRef,
    /// The slugified title `T`.
    pub slug: String,
}

impl FromStr for FileName {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let what = "document file name";
        let (reference, end) = DocRef::parse_prefix(s).map_err(|e| IdError { what, ..e })?;
        let err = |offset, expected| IdError {
            what,
            input: s.to_owned(),
            offset,
            expected,
        };
        if s.as_bytes().get(end) != Some(&b'-') {
            return Err(err(end, "`-` before the slugified title"));
        }
        let Some(slug) = s[end + 1..].strip_suffix(".md") else {
            return Err(err(s.len(), "the extension `.md`"));
        };
        if slug.is_empty() {
            return Err(err(end + 1, "a slugified title"));
        }
        Ok(FileName {
            reference,
            slug: slug.to_owned(),
        })
    }
}

impl fmt::Display for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}.md", self.reference, self.slug)
    }
}

// A file name is written as the string people see in the folder.
impl Serialize for FileName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FileName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// A typed SCS document: file name plus front matter fields.
///
/// Fields the standard requires are `Option`s so that a document missing one can still be
/// loaded and reported by [`Catalog::check`](crate::Catalog::check); values that did not parse
/// are `None` and reported too.
///
/// ```
/// use scs_standards::{Document, DocumentType, DocumentStatus};
/// let text = "---\ntitle: T\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\nbody\n";
/// let (doc, problems) = Document::parse("scs-0199-v1-example.md", text).unwrap();
/// assert!(problems.is_empty());
/// assert_eq!(doc.doc_type, Some(DocumentType::Standard));
/// assert_eq!(doc.status, Some(DocumentStatus::Draft));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Parsed file name.
    pub file: FileName,
    /// `title`.
    pub title: Option<String>,
    /// `type`.
    #[serde(rename = "type")]
    pub doc_type: Option<DocumentType>,
    /// `status` (absent for supplements).
    pub status: Option<DocumentStatus>,
    /// `track`.
    pub track: Option<Track>,
    /// `stabilized_at`.
    pub stabilized_at: Option<NaiveDate>,
    /// `deprecated_at`.
    pub deprecated_at: Option<NaiveDate>,
    /// `rejected_at`.
    pub rejected_at: Option<NaiveDate>,
    /// `replaces`: file names of the documents this one replaces.
    pub replaces: Vec<String>,
    /// `replaced_by`: file names of the documents replacing this one.
    pub replaced_by: Vec<String>,
    /// `supplements`: file names of the documents this supplement extends.
    pub supplements: Vec<String>,
    /// `description`.
    pub description: Option<String>,
    /// Every front matter key with its line number in the file (1-based), in file order.
    #[serde(skip)]
    pub keys: Vec<(String, usize)>,
}

/// A problem with one document file: severity, file, field and line when known.
///
/// ```
/// use scs_standards::{Problem, Severity};
/// let p = Problem::new(Severity::Error, "scs-0001-v1-x.md", "status `Foo` unknown")
///     .at("status", Some(5));
/// assert_eq!(p.to_string(), "ERROR: scs-0001-v1-x.md:5: field `status`: status `Foo` unknown");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Error (a MUST is broken) or warning.
    pub severity: crate::Severity,
    /// The file name concerned.
    pub file: String,
    /// The front matter field concerned, if any.
    pub field: Option<String>,
    /// 1-based line in the file, if known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem about a whole file.
    pub fn new(
        severity: crate::Severity,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            severity,
            file: file.into(),
            field: None,
            line: None,
            message: message.into(),
        }
    }

    /// The same problem, located at a field (and its line).
    pub fn at(mut self, field: &str, line: Option<usize>) -> Self {
        self.field = Some(field.to_owned());
        self.line = line;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity, self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Splits `text` into the front matter YAML and the line number (1-based) of its first line.
/// Returns `None` when the file does not start with a `---` line or the block is not closed.
fn front_matter(text: &str) -> Option<(String, usize)> {
    // Some documents start with a UTF-8 byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut yaml = String::new();
    for line in lines {
        if line.trim_end() == "---" {
            return Some((yaml, 2));
        }
        yaml.push_str(line);
        yaml.push('\n');
    }
    None
}

impl Document {
    /// Parses a document from its file name and text.
    ///
    /// Returns `Err` (a single problem) when the file name does not follow the pattern or there is
    /// no readable front matter; otherwise the document plus the problems met while typing its
    /// fields (unknown values, bad dates, wrong YAML types), each naming field and line.
    ///
    /// ```
    /// use scs_standards::Document;
    /// let err = Document::parse("scs-0100-v3-x.md", "no front matter").unwrap_err();
    /// assert!(err.message.contains("front matter"));
    /// let (_, problems) =
    ///     Document::parse("scs-0100-v3-x.md", "---\ntype: Standart\n---\n").unwrap();
    /// assert_eq!(problems[0].line, Some(2));
    /// ```
    pub fn parse(file_name: &str, text: &str) -> Result<(Document, Vec<Problem>), Problem> {
        use crate::Severity::Error;
        let file: FileName = file_name.parse().map_err(|e: IdError| {
            Problem::new(
                Error,
                file_name,
                format!("file name does not follow `scs-XXXX-vN-T.md`: {e}"),
            )
        })?;
        let (yaml, first_line) = front_matter(text).ok_or_else(|| {
            Problem::new(
                Error,
                file_name,
                "missing front matter: the file must start with a `---` line and a YAML block closed by `---`",
            )
        })?;
        let mapping: serde_yaml::Mapping = serde_yaml::from_str(&yaml).map_err(|e| {
            let mut p = Problem::new(
                Error,
                file_name,
                format!("front matter is not a YAML mapping: {e}"),
            );
            p.line = e.location().map(|l| l.line() + first_line - 1);
            p
        })?;

        // Line of each top-level key, for locating problems.
        let mut keys = Vec::new();
        for (i, line) in yaml.lines().enumerate() {
            if let Some((key, _)) = line.split_once(':')
                && !key.is_empty()
                && !key.starts_with([' ', '\t', '-', '#'])
            {
                keys.push((key.trim().to_owned(), i + first_line));
            }
        }
        let line_of = |key: &str| keys.iter().find(|(k, _)| k == key).map(|(_, l)| *l);

        let mut problems = Vec::new();
        let mut problem = |field: &str, message: String| {
            problems.push(Problem::new(Error, file_name, message).at(field, line_of(field)));
        };

        let string = |field: &str, problem: &mut dyn FnMut(&str, String)| -> Option<String> {
            match mapping.get(field)? {
                serde_yaml::Value::String(s) => Some(s.trim().to_owned()),
                serde_yaml::Value::Number(n) => Some(n.to_string()),
                serde_yaml::Value::Null => None,
                other => {
                    problem(
                        field,
                        format!("expected a string, found {}", yaml_kind(other)),
                    );
                    None
                }
            }
        };
        fn typed<T: FromStr>(
            value: Option<String>,
            field: &str,
            problem: &mut dyn FnMut(&str, String),
        ) -> Option<T>
        where
            T::Err: fmt::Display,
        {
            match value?.parse() {
                Ok(v) => Some(v),
                Err(e) => {
                    problem(field, e.to_string());
                    None
                }
            }
        }
        let date = |field: &str, problem: &mut dyn FnMut(&str, String)| {
            let s = string(field, problem)?;
            match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
                Ok(d) if s.len() == 10 => Some(d),
                _ => {
                    problem(field, format!("`{s}` is not an ISO date (YYYY-MM-DD)"));
                    None
                }
            }
        };
        let list = |field: &str, problem: &mut dyn FnMut(&str, String)| -> Vec<String> {
            match mapping.get(field) {
                None | Some(serde_yaml::Value::Null) => Vec::new(),
                // A single file name is read as a one-element list.
                Some(serde_yaml::Value::String(s)) => vec![s.trim().to_owned()],
                Some(serde_yaml::Value::Sequence(items)) => items
                    .iter()
                    .filter_map(|item| match item {
                        serde_yaml::Value::String(s) => Some(s.trim().to_owned()),
                        other => {
                            problem(
                                field,
                                format!(
                                    "list items must be file names, found {}",
                                    yaml_kind(other)
                                ),
                            );
                            None
                        }
                    })
                    .collect(),
                Some(other) => {
                    problem(
                        field,
                        format!("expected a list of file names, found {}", yaml_kind(other)),
                    );
                    Vec::new()
                }
            }
        };

        let p = &mut problem;
        let title = string("title", p);
        let doc_type = typed(string("type", p), "type", p);
        let status = typed(string("status", p), "status", p);
        let track = typed(string("track", p), "track", p);
        let stabilized_at = date("stabilized_at", p);
        let deprecated_at = date("deprecated_at", p);
        let rejected_at = date("rejected_at", p);
        let replaces = list("replaces", p);
        let replaced_by = list("replaced_by", p);
        let supplements = list("supplements", p);
        let description = string("description", p);
        let doc = Document {
            file,
            title,
            doc_type,
            status,
            track,
            stabilized_at,
            deprecated_at,
            rejected_at,
            replaces,
            replaced_by,
            supplements,
            description,
            keys,
        };
        Ok((doc, problems))
    }

    /// The document reference (`scs-0100-v3`).
    pub fn reference(&self) -> DocRef {
        self.file.reference
    }

    /// The file name as it appears in the folder.
    pub fn file_name(&self) -> String {
        self.file.to_string()
    }

    /// Whether the front matter has `key`.
    pub fn has_key(&self, key: &str) -> bool {
        self.keys.iter().any(|(k, _)| k == key)
    }

    /// Line (1-based) of `key` in the file.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.keys.iter().find(|(k, _)| k == key).map(|(_, l)| *l)
    }

    /// Whether the document is in force on `date`: Stable with `stabilized_at` on or before
    /// `date`, or Deprecated with `stabilized_at` <= `date` < `deprecated_at`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use scs_standards::Document;
    /// let text = "---\ntype: Standard\nstatus: Deprecated\ntrack: IaaS\n\
    ///             stabilized_at: 2023-01-01\ndeprecated_at: 2024-01-01\n---\n";
    /// let (doc, _) = Document::parse("scs-0199-v1-x.md", text).unwrap();
    /// let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    /// assert!(doc.is_stable_on(day("2023-06-01")));
    /// assert!(!doc.is_stable_on(day("2024-01-01")));
    /// assert!(!doc.is_stable_on(day("2022-12-31")));
    /// ```
    pub fn is_stable_on(&self, date: NaiveDate) -> bool {
        let stabilized = self.stabilized_at.is_some_and(|s| s <= date);
        match self.status {
            Some(DocumentStatus::Stable) => stabilized,
            Some(DocumentStatus::Deprecated) => {
                stabilized && self.deprecated_at.is_none_or(|d| date < d)
            }
            _ => false,
        }
    }
}

fn yaml_kind(v: &serde_yaml::Value) -> &'static str {
    match v {
        serde_yaml::Value::Null => "nothing",
        serde_yaml::Value::Bool(_) => "a boolean",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "a string",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_lists_and_comments() {
        let text = "\u{feff}---\ntitle: \"X\"\ntype: Standard  # | Procedural\nstatus: Deprecated\n\
                    track: IaaS\nstabilized_at: 2023-01-01\ndeprecated_at: 2024-01-01\n\
                    replaced_by:\n  - scs-0199-v2-x.md\nreplaces: scs-0199-v0-x.md \n---\n";
        let (doc, problems) = Document::parse("scs-0199-v1-x.md", text).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(doc.replaced_by, ["scs-0199-v2-x.md"]);
        assert_eq!(doc.replaces, ["scs-0199-v0-x.md"]);
        assert_eq!(doc.line_of("replaced_by"), Some(8));
        assert_eq!(doc.doc_type, Some(DocumentType::Standard));
    }

    #[test]
    fn bad_values_are_located() {
        let text = "---\ntype: Standard\nstatus: Stable\ntrack: Cloud\nstabilized_at: 2023-13-01\n\
                    supplements: {a: 1}\n---\n";
        let (doc, problems) = Document::parse("scs-0199-v1-x.md", text).unwrap();
        let located: Vec<(&str, Option<usize>)> = problems
            .iter()
            .map(|p| (p.field.as_deref().unwrap(), p.line))
            .collect();
        assert_eq!(
            located,
            [
                ("track", Some(4)),
                ("stabilized_at", Some(5)),
                ("supplements", Some(6))
            ]
        );
        assert!(problems[0].message.contains("unknown track `Cloud`"));
        assert_eq!(doc.track, None);
    }

    #[test]
    fn yaml_syntax_error_has_line() {
        let err =
            Document::parse("scs-0199-v1-x.md", "---\ntitle: a\n  bad: [\n---\n").unwrap_err();
        assert!(err.line.is_some_and(|l| l >= 2), "{err}");
        let err = Document::parse("scs-0199-v1-x.md", "---\ntitle: a\n").unwrap_err();
        assert!(err.message.contains("missing front matter"));
        let err = Document::parse("scs-199-v1-x.md", "").unwrap_err();
        assert!(err.message.contains("offset 7"), "{err}");
    }

    #[test]
    fn document_json() {
        let text = "---\ntitle: T\ntype: Decision Record\nstatus: Stable\ntrack: IAM\nstabilized_at: 2023-06-21\n---\n";
        let (doc, _) = Document::parse("scs-0300-v1-sso.md", text).unwrap();
        let json = serde_json::to_value(&doc).unwrap();
        assert_eq!(json["file"], "scs-0300-v1-sso.md");
        assert_eq!(json["type"], "Decision Record");
        assert_eq!(json["track"], "IAM");
        assert_eq!(json["stabilized_at"], "2023-06-21");
        assert!(json.get("keys").is_none());
        let back: Document = serde_json::from_value(json).unwrap();
        assert_eq!(back.file, doc.file);
        assert_eq!(back.stabilized_at, doc.stabilized_at);
    }

    #[test]
    fn file_name_grammar() {
        assert!("scs-0100-v3.md".parse::<FileName>().is_err());
        assert!("scs-0100-v3-x.txt".parse::<FileName>().is_err());
        assert!("scs-0100-v3-.md".parse::<FileName>().is_err());
        let f: FileName = "scs-0121-v1-Availability-Zones-Standard.md"
            .parse()
            .unwrap();
        assert_eq!(f.slug, "Availability-Zones-Standard");
    }
}
