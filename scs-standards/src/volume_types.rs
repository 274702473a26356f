//! scs-0114 v1, SCS Volume Types: the aspect list at the start of volume type descriptions.
//!
//! Section "Systematic Description of Volume Types": aspects "should be stated in the beginning of
//! the **description** of a volume type in the following manner: `[scs:aspect1, aspect2, ...,
//! aspectN]...` The mentioned aspects MUST be sorted alphabetically and every aspect should only
//! be mentioned to the maximal amount of one." Section "Standardized Aspects" lists `encrypted`
//! and `replicated`; section "RECOMMENDED volume types" recommends types featuring them.
//!
//! Testcases (scs-0114-w1): `scs-0114-syntax-check`, `scs-0114-encrypted-type`,
//! `scs-0114-replicated-type`.
//!
//! Decisions where this module follows the standard rather than the reference checker (which
//! fails on all three): a duplicate aspect is a warning ("every aspect should only be mentioned
//! to the maximal amount of one"), and an aspect outside the table is a warning ("Any other
//! aspects [...] SHOULD NOT be referenced in the way this standard describes"). Unsorted lists
//! are errors ("MUST be sorted alphabetically").

use std::fmt;
use std::str::FromStr;

use crate::cloud::VolumeType;
use crate::document::string_enum;
use crate::{Finding, Findings, TestcaseFindings};

/// Testcase: aspect lists, where present, are well-formed.
pub const SYNTAX_CHECK: &str = "scs-0114-syntax-check";
/// Testcase: a volume type with aspect `encrypted` exists.
pub const ENCRYPTED_TYPE: &str = "scs-0114-encrypted-type";
/// Testcase: a volume type with aspect `replicated` exists.
pub const REPLICATED_TYPE: &str = "scs-0114-replicated-type";

string_enum!(
    /// The standardized aspects (section "Standardized Aspects").
    ///
    /// ```
    /// use scs_standards::volume_types::Aspect;
    /// assert_eq!("encrypted".parse::<Aspect>().unwrap(), Aspect::Encrypted);
    /// ```
    Aspect, "aspect", {
        /// "volume is encrypted".
        Encrypted = "encrypted",
        /// "volume is replicated to avoid data loss in a case of hardware failure".
        Replicated = "replicated",
    }
);

/// The aspect list at the start of a description: the raw item texts in order.
///
/// ```
/// use scs_standards::volume_types::AspectList;
/// let list: AspectList = "[scs:encrypted, replicated] LUKS on Ceph".parse().unwrap();
/// assert_eq!(list.items, ["encrypted", "replicated"]);
/// assert_eq!(list.to_string(), "[scs:encrypted, replicated]");
/// assert!("LUKS".parse::<AspectList>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AspectList {
    /// The items between `[scs:` and `]`, trimmed.
    pub items: Vec<String>,
}

/// Why a description has no well-formed aspect list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AspectListError {
    /// The description does not start with `[scs:`: there is no aspect list (allowed).
    #[error("no aspect list (description does not start with `[scs:`)")]
    Absent,
    /// `[scs:` is not closed by `]`.
    #[error("aspect list `[scs:` is not closed by `]`")]
    Unterminated,
    /// An item is empty (e.g. `[scs:]` or `[scs:encrypted,]`), at the given byte offset.
    #[error("empty aspect at offset {0}")]
    EmptyItem(usize),
}

impl FromStr for AspectList {
    type Err = AspectListError;
    fn from_str(description: &str) -> Result<Self, AspectListError> {
        let rest = description
            .strip_prefix("[scs:")
            .ok_or(AspectListError::Absent)?;
        let end = rest
            .find([']', '['])
            .filter(|&i| rest.as_bytes()[i] == b']')
            .ok_or(AspectListError::Unterminated)?;
        let mut items = Vec::new();
        let mut offset = 5;
        for item in rest[..end].split(',') {
            if item.trim().is_empty() {
                return Err(AspectListError::EmptyItem(offset));
            }
            items.push(item.trim().to_owned());
            offset += item.len() + 1;
        }
        Ok(AspectList { items })
    }
}

impl fmt::Display for AspectList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[scs:{}]", self.items.join(", "))
    }
}

impl AspectList {
    /// The recognized aspects of the list.
    ///
    /// ```
    /// use scs_standards::volume_types::{Aspect, AspectList};
    /// let l: AspectList = "[scs:encrypted, fast]".parse().unwrap();
    /// assert_eq!(l.aspects(), [Aspect::Encrypted]);
    /// ```
    pub fn aspects(&self) -> Vec<Aspect> {
        self.items.iter().filter_map(|i| i.parse().ok()).collect()
    }
}

/// Findings about one volume type's description (empty when fine or when there is no list).
///
/// ```
/// use scs_standards::{cloud::VolumeType, volume_types::check_description, Severity};
/// let f = check_description(&VolumeType::new("t", Some("[scs:replicated, encrypted]")));
/// assert_eq!(f[0].severity, Severity::Error);
/// ```
pub fn check_description(volume_type: &VolumeType) -> Vec<Finding> {
    let name = &volume_type.name;
    let description = volume_type.description.as_deref().unwrap_or("");
    let list = match description.parse::<AspectList>() {
        Ok(list) => list,
        Err(AspectListError::Absent) => return Vec::new(),
        Err(e) => {
            return vec![Finding::error(
                name,
                format!("description `{description}`: {e}; write `[scs:aspect1, aspect2] ...`"),
            )];
        }
    };
    let mut findings = Vec::new();
    let mut sorted = list.items.clone();
    sorted.sort();
    if sorted != list.items {
        findings.push(Finding::error(
            name,
            format!(
                "aspects in {list} are not sorted alphabetically; write [scs:{}]",
                sorted.join(", ")
            ),
        ));
    }
    sorted.dedup();
    if sorted.len() != list.items.len() {
        findings.push(Finding::warning(
            name,
            format!("{list} mentions an aspect more than once"),
        ));
    }
    for item in &list.items {
        if item.parse::<Aspect>().is_err() {
            findings.push(Finding::warning(
                name,
                format!(
                    "aspect `{item}` in {list} is not standardized (only encrypted, replicated); other aspects should not be listed this way"
                ),
            ));
        }
    }
    findings
}

/// Runs the three scs-0114 testcases over a cloud's volume types.
///
/// ```
/// use scs_standards::{cloud::VolumeType, volume_types};
/// let o = volume_types::validate(&[VolumeType::new("__DEFAULT__", None)]);
/// assert!(o[volume_types::SYNTAX_CHECK].passed());
/// assert!(!o[volume_types::ENCRYPTED_TYPE].passed());
/// ```
pub fn validate(volume_types: &[VolumeType]) -> TestcaseFindings {
    let syntax: Findings = volume_types.iter().flat_map(check_description).collect();
    let mut outcomes = TestcaseFindings::new();
    outcomes.insert(SYNTAX_CHECK.into(), syntax);
    for (id, aspect) in [
        (ENCRYPTED_TYPE, Aspect::Encrypted),
        (REPLICATED_TYPE, Aspect::Replicated),
    ] {
        outcomes.insert(id.into(), aspect_present(volume_types, aspect));
    }
    outcomes
}

/// Whether some volume type advertises `aspect` in its aspect list.
///
/// ```
/// use scs_standards::{cloud::VolumeType, volume_types::{aspect_present, Aspect}};
/// let t = [VolumeType::new("rbd", Some("[scs:replicated] Ceph"))];
/// assert!(aspect_present(&t, Aspect::Replicated).passed());
/// ```
pub fn aspect_present(volume_types: &[VolumeType], aspect: Aspect) -> Findings {
    let with: Vec<&str> = volume_types
        .iter()
        .filter(|t| {
            t.description
                .as_deref()
                .and_then(|d| d.parse::<AspectList>().ok())
                .is_some_and(|l| l.aspects().contains(&aspect))
        })
        .map(|t| t.name.as_str())
        .collect();
    let mut outcome = Findings::default();
    if with.is_empty() {
        outcome.push(Finding::error(
            "volume types",
            format!(
                "no volume type advertises `{aspect}`; start the description of such a type with `[scs:{aspect}]`"
            ),
        ));
    } else {
        outcome.push(Finding::info(
            "volume types",
            format!("`{aspect}` advertised by: {}", with.join(", ")),
        ));
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn check(description: &str) -> Vec<(Severity, String)> {
        check_description(&VolumeType::new("t", Some(description)))
            .into_iter()
            .map(|f| (f.severity, f.message))
            .collect()
    }

    #[test]
    fn well_formed_lists_pass() {
        assert!(check("[scs:encrypted, replicated] text").is_empty());
        assert!(check("[scs:encrypted]").is_empty());
        assert!(check("plain description [scs:foo").is_empty());
        assert!(check_description(&VolumeType::new("t", None)).is_empty());
    }

    #[test]
    fn malformed_lists_fail() {
        let f = check("[scs:encrypted, replicated");
        assert_eq!(f[0].0, Severity::Error);
        assert!(f[0].1.contains("not closed"));
        assert!(check("[scs:]")[0].1.contains("empty aspect at offset 5"));
        assert!(
            check("[scs:encrypted,]")[0]
                .1
                .contains("empty aspect at offset 15")
        );
        let f = check("[scs:replicated, encrypted]");
        assert_eq!(f.len(), 1);
        assert!(f[0].1.contains("write [scs:encrypted, replicated]"));
    }

    #[test]
    fn duplicates_and_unknown_aspects_warn() {
        let f = check("[scs:encrypted, encrypted]");
        assert_eq!(
            f,
            [(
                Severity::Warning,
                "[scs:encrypted, encrypted] mentions an aspect more than once".into()
            )]
        );
        let f = check("[scs:encrypted, fast]");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, Severity::Warning);
        assert!(f[0].1.contains("`fast`"));
    }

    #[test]
    fn presence_testcases() {
        let types = [
            VolumeType::new("luks", Some("[scs:encrypted] LUKS")),
            VolumeType::new("broken", Some("[scs:replicated, encrypted]")),
        ];
        let o = validate(&types);
        assert!(!o[SYNTAX_CHECK].passed());
        assert!(o[ENCRYPTED_TYPE].passed());
        // Unsorted lists still advertise their aspects; the syntax testcase reports them.
        assert!(o[REPLICATED_TYPE].passed());
        let o = validate(&types[..1]);
        assert!(o[SYNTAX_CHECK].passed());
        assert!(!o[REPLICATED_TYPE].passed());
        assert!(
            o[REPLICATED_TYPE].findings[0]
                .message
                .contains("[scs:replicated]")
        );
    }
}
