//! Identifiers of SCS documents: standard numbers, document versions, document references and
//! certificate-scope module ids.
//!
//! scs-0001, section "Document format": "The file name of an SCS document is formed using the
//! following pattern: `scs-XXXX-vN-T.md`, where `XXXX` is replaced with the zero-padded document
//! number, `N` is replaced with the major version of the document [...]. Supplements deviate from
//! this pattern in that they employ a `w` instead of a `v` in front of the version number".

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::document::Track;

/// Why an identifier could not be parsed: what was expected, at which byte offset of the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} `{input}` at offset {offset}: expected {expected}")]
pub struct IdError {
    /// Kind of identifier being parsed, e.g. "standard id".
    pub what: &'static str,
    /// The complete input.
    pub input: String,
    /// Byte offset of the first offending character.
    pub offset: usize,
    /// What the grammar expected there.
    pub expected: &'static str,
}

impl IdError {
    fn new(what: &'static str, input: &str, offset: usize, expected: &'static str) -> Self {
        IdError {
            what,
            input: input.to_owned(),
            offset,
            expected,
        }
    }
}

/// Parses `digits` of exactly `len` ASCII digits starting at `at`; returns the value.
fn fixed_digits(
    s: &str,
    at: usize,
    len: usize,
    what: &'static str,
    expected: &'static str,
) -> Result<u32, IdError> {
    let bytes = s.as_bytes();
    for i in at..at + len {
        if i >= bytes.len() || !bytes[i].is_ascii_digit() {
            return Err(IdError::new(what, s, i.min(s.len()), expected));
        }
    }
    Ok(s[at..at + len].parse().expect("ascii digits"))
}

/// Parses a positive decimal number without leading zeros starting at `at`; returns the value and
/// the offset after it.
fn positive_number(
    s: &str,
    at: usize,
    what: &'static str,
    expected: &'static str,
) -> Result<(u32, usize), IdError> {
    let digits = s[at..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || s.as_bytes()[at] == b'0' || digits > 9 {
        return Err(IdError::new(what, s, at, expected));
    }
    let value = s[at..at + digits].parse().expect("ascii digits");
    Ok((value, at + digits))
}

/// The number of an SCS document, printed as `scs-XXXX` (zero-padded to four digits).
///
/// ```
/// use scs_standards::{StandardId, Track};
/// let id: StandardId = "scs-0102".parse().unwrap();
/// assert_eq!(id.number(), 102);
/// assert_eq!(id.track(), Some(Track::IaaS));
/// assert_eq!(id.to_string(), "scs-0102");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StandardId(u16);

impl StandardId {
    /// Creates an id; `None` when the number does not fit four digits.
    ///
    /// ```
    /// assert!(scs_standards::StandardId::new(10000).is_none());
    /// ```
    pub fn new(number: u16) -> Option<Self> {
        (number <= 9999).then_some(StandardId(number))
    }

    /// The document number.
    ///
    /// ```
    /// assert_eq!(scs_standards::StandardId::new(1).unwrap().number(), 1);
    /// ```
    pub fn number(self) -> u16 {
        self.0
    }

    /// The track encoded in the second digit (scs-0001 "The second digit in `XXXX` describes the
    /// track"); `None` for digits the table does not assign (6 to 9).
    ///
    /// ```
    /// use scs_standards::{StandardId, Track};
    /// assert_eq!(StandardId::new(501).unwrap().track(), Some(Track::Scopes));
    /// ```
    pub fn track(self) -> Option<Track> {
        Track::from_digit((self.0 / 100 % 10) as u8)
    }

    fn parse_at(s: &str, what: &'static str) -> Result<(Self, usize), IdError> {
        if !s.starts_with("scs-") {
            return Err(IdError::new(what, s, 0, "`scs-`"));
        }
        let n = fixed_digits(s, 4, 4, what, "four digits after `scs-`")?;
        Ok((StandardId(n as u16), 8))
    }
}

impl FromStr for StandardId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let (id, end) = StandardId::parse_at(s, "standard id")?;
        if end != s.len() {
            return Err(IdError::new("standard id", s, end, "end of input"));
        }
        Ok(id)
    }
}

impl fmt::Display for StandardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "scs-{:04}", self.0)
    }
}

/// The version part of a document name: `vN` for a major version of the document itself, `wN`
/// for the N-th supplement.
///
/// Major versions sort before supplements; within a kind they sort by number.
///
/// ```
/// use scs_standards::DocVersion;
/// let v: DocVersion = "v3".parse().unwrap();
/// assert_eq!(v, DocVersion::Major(3));
/// assert_eq!("w1".parse::<DocVersion>().unwrap(), DocVersion::Supplement(1));
/// assert!("v0".parse::<DocVersion>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocVersion {
    /// `vN`: major version N (starting at 1).
    Major(u32),
    /// `wN`: supplement N (starting at 1).
    Supplement(u32),
}

impl DocVersion {
    /// The number after `v`/`w`.
    ///
    /// ```
    /// assert_eq!(scs_standards::DocVersion::Supplement(2).number(), 2);
    /// ```
    pub fn number(self) -> u32 {
        match self {
            DocVersion::Major(n) | DocVersion::Supplement(n) => n,
        }
    }

    /// Whether this is a supplement (`wN`).
    ///
    /// ```
    /// assert!(scs_standards::DocVersion::Supplement(1).is_supplement());
    /// ```
    pub fn is_supplement(self) -> bool {
        matches!(self, DocVersion::Supplement(_))
    }

    fn parse_at(s: &str, at: usize, what: &'static str) -> Result<(Self, usize), IdError> {
        let kind = s.as_bytes().get(at).copied();
        let (n, end) = match kind {
            Some(b'v' | b'w') => positive_number(
                s,
                at + 1,
                what,
                "a positive version number without leading zeros",
            )?,
            _ => return Err(IdError::new(what, s, at, "`v` or `w`")),
        };
        let v = if kind == Some(b'v') {
            DocVersion::Major(n)
        } else {
            DocVersion::Supplement(n)
        };
        Ok((v, end))
    }
}

impl FromStr for DocVersion {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let (v, end) = DocVersion::parse_at(s, 0, "document version")?;
        if end != s.len() {
            return Err(IdError::new("document version", s, end, "end of input"));
        }
        Ok(v)
    }
}

impl fmt::Display for DocVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocVersion::Major(n) => write!(f, "v{n}"),
            DocVersion::Supplement(n) => write!(f, "w{n}"),
        }
    }
}

/// A reference to one document: standard number plus version, e.g. `scs-0100-v3` or
/// `scs-0100-w1`.
///
/// ```
/// use scs_standards::{DocRef, DocVersion};
/// let r: DocRef = "scs-0100-v3".parse().unwrap();
/// assert_eq!(r.id.number(), 100);
/// assert_eq!(r.version, DocVersion::Major(3));
/// assert_eq!(r.to_string(), "scs-0100-v3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocRef {
    /// The standard number.
    pub id: StandardId,
    /// The major version or supplement number.
    pub version: DocVersion,
}

impl DocRef {
    /// Parses the reference at the start of `s` (e.g. a file name), returning it and the offset
    /// after it.
    ///
    /// ```
    /// let (r, end) = scs_standards::DocRef::parse_prefix("scs-0102-v2-image-metadata.md").unwrap();
    /// assert_eq!((r.to_string().as_str(), end), ("scs-0102-v2", 11));
    /// ```
    pub fn parse_prefix(s: &str) -> Result<(Self, usize), IdError> {
        let what = "document reference";
        let (id, end) = StandardId::parse_at(s, what)?;
        if s.as_bytes().get(end) != Some(&b'-') {
            return Err(IdError::new(what, s, end, "`-` after the document number"));
        }
        let (version, end) = DocVersion::parse_at(s, end + 1, what)?;
        Ok((DocRef { id, version }, end))
    }
}

impl FromStr for DocRef {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let (r, end) = DocRef::parse_prefix(s)?;
        if end != s.len() {
            return Err(IdError::new("document reference", s, end, "end of input"));
        }
        Ok(r)
    }
}

impl fmt::Display for DocRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.id, self.version)
    }
}

/// The id of a certificate-scope module that implements a standard version, with an optional
/// minor version: `scs-0100-v3`, `scs-0100-v3.1`. The major and minor version are compared as a
/// [`semver::Version`] (`3.1.0`), so `scs-0100-v3` < `scs-0100-v3.1` < `scs-0100-v4`.
///
/// ```
/// use scs_standards::StandardModuleId;
/// let a: StandardModuleId = "scs-0100-v3".parse().unwrap();
/// let b: StandardModuleId = "scs-0100-v3.1".parse().unwrap();
/// assert!(a < b);
/// assert_eq!(b.version().to_string(), "3.1.0");
/// assert_eq!(b.to_string(), "scs-0100-v3.1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StandardModuleId {
    /// The standard number.
    pub id: StandardId,
    /// Major version of the document (the `N` in `vN`).
    pub major: u32,
    /// Minor version, if written (`.M`).
    pub minor: Option<u32>,
}

impl StandardModuleId {
    /// The version as semver (`major.minor.0`, minor 0 when not written).
    ///
    /// ```
    /// let m: scs_standards::StandardModuleId = "scs-0102-v1".parse().unwrap();
    /// assert_eq!(m.version(), semver::Version::new(1, 0, 0));
    /// ```
    pub fn version(&self) -> semver::Version {
        semver::Version::new(self.major.into(), self.minor.unwrap_or(0).into(), 0)
    }

    /// The document this module implements.
    ///
    /// ```
    /// let m: scs_standards::StandardModuleId = "scs-0100-v3.1".parse().unwrap();
    /// assert_eq!(m.document().to_string(), "scs-0100-v3");
    /// ```
    pub fn document(&self) -> DocRef {
        DocRef {
            id: self.id,
            version: DocVersion::Major(self.major),
        }
    }
}

impl PartialOrd for StandardModuleId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for StandardModuleId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.id
            .cmp(&other.id)
            .then_with(|| self.version().cmp(&other.version()))
            // `v3` and `v3.0` are the same version; keep Ord consistent with Eq.
            .then_with(|| self.minor.cmp(&other.minor))
    }
}

impl FromStr for StandardModuleId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let what = "module id";
        let (id, end) = StandardId::parse_at(s, what)?;
        if s.get(end..end + 2) != Some("-v") {
            return Err(IdError::new(what, s, end, "`-v` after the document number"));
        }
        let (major, mut end) = positive_number(s, end + 2, what, "a positive major version")?;
        let mut minor = None;
        if s.as_bytes().get(end) == Some(&b'.') {
            let digits = s[end + 1..].bytes().take_while(u8::is_ascii_digit).count();
            let leading_zero = digits > 1 && s.as_bytes()[end + 1] == b'0';
            if digits == 0 || digits > 9 || leading_zero {
                return Err(IdError::new(
                    what,
                    s,
                    end + 1,
                    "a minor version without leading zeros",
                ));
            }
            minor = Some(s[end + 1..end + 1 + digits].parse().expect("digits"));
            end += 1 + digits;
        }
        if end != s.len() {
            return Err(IdError::new(what, s, end, "`.` or end of input"));
        }
        Ok(StandardModuleId { id, major, minor })
    }
}

impl fmt::Display for StandardModuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-v{}", self.id, self.major)?;
        if let Some(minor) = self.minor {
            write!(f, ".{minor}")?;
        }
        Ok(())
    }
}

/// Serde through `Display`/`FromStr`, so ids appear as the strings people write.
macro_rules! serde_via_str {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}
serde_via_str!(StandardId, DocVersion, DocRef, StandardModuleId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_id_errors_name_offset() {
        let e = "scs-01x2".parse::<StandardId>().unwrap_err();
        assert_eq!(e.offset, 6);
        let e = "scs-01234".parse::<StandardId>().unwrap_err();
        assert_eq!((e.offset, e.expected), (8, "end of input"));
        assert_eq!("SCS-0100".parse::<StandardId>().unwrap_err().offset, 0);
    }

    #[test]
    fn doc_ref_rejects_bad_versions() {
        assert!("scs-0100-v01".parse::<DocRef>().is_err());
        assert!("scs-0100-x1".parse::<DocRef>().is_err());
        assert_eq!("scs-0100-vN".parse::<DocRef>().unwrap_err().offset, 10);
        assert!("scs-0100".parse::<DocRef>().is_err());
    }

    #[test]
    fn module_ids_order_by_semver() {
        let ids: Vec<StandardModuleId> = [
            "scs-0100-v3.1",
            "scs-0100-v3",
            "scs-0100-v10",
            "scs-0100-v3.10",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        let mut sorted = ids.clone();
        sorted.sort();
        let printed: Vec<String> = sorted.iter().map(ToString::to_string).collect();
        assert_eq!(
            printed,
            [
                "scs-0100-v3",
                "scs-0100-v3.1",
                "scs-0100-v3.10",
                "scs-0100-v10"
            ]
        );
        assert!("scs-0100-v3.".parse::<StandardModuleId>().is_err());
        assert!("scs-0100-v3.01".parse::<StandardModuleId>().is_err());
        assert!("scs-0100-w1".parse::<StandardModuleId>().is_err());
    }

    #[test]
    fn serde_round_trip() {
        let r: DocRef = "scs-0102-w1".parse().unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, "\"scs-0102-w1\"");
        assert_eq!(serde_json::from_str::<DocRef>(&json).unwrap(), r);
        assert!(serde_json::from_str::<DocRef>("\"scs-102-w1\"").is_err());
    }
}
