//! Findings and outcomes: what the validators and the catalogue check report.
//!
//! Every validator returns [`TestcaseFindings`]: one [`Findings`] per testcase id of the certificate scope
//! (`Tests/scs-compatible-iaas.yaml`). An outcome passes when it has no [`Severity::Error`]
//! finding; warnings and infos explain without failing.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
///
/// ```
/// use scs_standards::Severity;
/// assert_eq!(Severity::Error.to_string(), "ERROR");
/// assert!(Severity::Error > Severity::Warning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational: what was found acceptable and why.
    Info,
    /// A recommendation (SHOULD) is not met, or something looks wrong without breaking a rule.
    Warning,
    /// A requirement (MUST) is not met: the testcase fails.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "INFO",
            Severity::Warning => "WARNING",
            Severity::Error => "ERROR",
        })
    }
}

/// One observation about one cloud object.
///
/// ```
/// use scs_standards::{Finding, Severity};
/// let f = Finding::error("Ubuntu 24.04", "property `os_distro` is not set");
/// assert_eq!(f.to_string(), "ERROR: Ubuntu 24.04: property `os_distro` is not set");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// Name of the object concerned (image, flavor, volume type, rule id, service type...).
    pub object: String,
    /// What is wrong and what the operator can do about it.
    pub message: String,
}

impl Finding {
    /// A finding of the given severity.
    ///
    /// ```
    /// let f = scs_standards::Finding::new(scs_standards::Severity::Info, "x", "fine");
    /// assert_eq!(f.object, "x");
    /// ```
    pub fn new(severity: Severity, object: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            severity,
            object: object.into(),
            message: message.into(),
        }
    }

    /// An [`Severity::Error`] finding.
    ///
    /// ```
    /// assert_eq!(scs_standards::Finding::error("a", "b").severity, scs_standards::Severity::Error);
    /// ```
    pub fn error(object: impl Into<String>, message: impl Into<String>) -> Self {
        Finding::new(Severity::Error, object, message)
    }

    /// A [`Severity::Warning`] finding.
    ///
    /// ```
    /// assert_eq!(scs_standards::Finding::warning("a", "b").severity, scs_standards::Severity::Warning);
    /// ```
    pub fn warning(object: impl Into<String>, message: impl Into<String>) -> Self {
        Finding::new(Severity::Warning, object, message)
    }

    /// An [`Severity::Info`] finding.
    ///
    /// ```
    /// assert_eq!(scs_standards::Finding::info("a", "b").severity, scs_standards::Severity::Info);
    /// ```
    pub fn info(object: impl Into<String>, message: impl Into<String>) -> Self {
        Finding::new(Severity::Info, object, message)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.severity, self.object, self.message)
    }
}

/// The result of one testcase: its findings; it passes when none of them is an error.
///
/// ```
/// use scs_standards::{Finding, Findings};
/// let mut o = Findings::default();
/// assert!(o.passed());
/// o.push(Finding::warning("img", "hypervisor_type not set"));
/// assert!(o.passed());
/// o.push(Finding::error("img", "architecture not set"));
/// assert!(!o.passed());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Findings {
    /// Everything the validator found, in the order of the objects given.
    pub findings: Vec<Finding>,
}

impl Findings {
    /// Whether the testcase passed (no error finding).
    ///
    /// ```
    /// assert!(scs_standards::Findings::default().passed());
    /// ```
    pub fn passed(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Adds a finding.
    ///
    /// ```
    /// let mut o = scs_standards::Findings::default();
    /// o.push(scs_standards::Finding::info("a", "b"));
    /// assert_eq!(o.findings.len(), 1);
    /// ```
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// The error findings.
    ///
    /// ```
    /// let o = scs_standards::Findings { findings: vec![scs_standards::Finding::error("a", "b")] };
    /// assert_eq!(o.errors().count(), 1);
    /// ```
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// The findings of at least `severity`.
    ///
    /// ```
    /// use scs_standards::{Finding, Findings, Severity};
    /// let o = Findings { findings: vec![Finding::info("a", "b"), Finding::warning("a", "c")] };
    /// assert_eq!(o.at_least(Severity::Warning).count(), 1);
    /// ```
    pub fn at_least(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity >= severity)
    }
}

impl FromIterator<Finding> for Findings {
    fn from_iter<I: IntoIterator<Item = Finding>>(iter: I) -> Self {
        Findings {
            findings: iter.into_iter().collect(),
        }
    }
}

/// Findings keyed by testcase id (`scs-0102-prop-architecture`, ...), exactly as the ids appear
/// in the certificate scope.
pub type TestcaseFindings = BTreeMap<String, Findings>;
