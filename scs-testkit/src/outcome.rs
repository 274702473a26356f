//! What a testcase run yields: PASS, FAIL or ABORT, with the findings that explain it.

pub use scs_scope::{Status, UnknownStatus};
use scs_standards::{Finding, Severity};

use crate::source::FactError;

/// The result of one testcase run: its [`Status`], the findings about the cloud, and for an
/// ABORT the reason.
///
/// ```
/// use scs_standards::Finding;
/// use scs_testkit::{Outcome, Status};
/// let checked = scs_standards::Findings { findings: vec![Finding::error("SCS-2V-4", "RAM overpromise")] };
/// assert_eq!(Outcome::from_check(checked).status, Status::Fail);
/// let aborted = Outcome::abort("images: connection refused");
/// assert_eq!(aborted.status, Status::Abort);
/// assert_eq!(aborted.reason.as_deref(), Some("images: connection refused"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// PASS, FAIL or ABORT.
    pub status: Status,
    /// What the testcase found, most important first only if the validator ordered them so.
    pub findings: Vec<Finding>,
    /// Why the testcase aborted (`None` unless [`Status::Abort`]).
    pub reason: Option<String>,
}

impl Outcome {
    /// PASS without findings.
    ///
    /// ```
    /// assert_eq!(scs_testkit::Outcome::pass().status, scs_testkit::Status::Pass);
    /// ```
    pub fn pass() -> Self {
        Outcome {
            status: Status::Pass,
            findings: Vec::new(),
            reason: None,
        }
    }

    /// The outcome of a validator of `scs-standards`: FAIL if it has an error finding, else PASS.
    ///
    /// ```
    /// let o = scs_testkit::Outcome::from_check(scs_standards::Findings::default());
    /// assert_eq!(o.status, scs_testkit::Status::Pass);
    /// ```
    pub fn from_check(checked: scs_standards::Findings) -> Self {
        let status = if checked.passed() {
            Status::Pass
        } else {
            Status::Fail
        };
        Outcome {
            status,
            findings: checked.findings,
            reason: None,
        }
    }

    /// FAIL with one error finding.
    ///
    /// ```
    /// let o = scs_testkit::Outcome::fail("key-manager", "member cannot create secrets");
    /// assert_eq!(o.findings.len(), 1);
    /// ```
    pub fn fail(object: impl Into<String>, message: impl Into<String>) -> Self {
        Outcome {
            status: Status::Fail,
            findings: vec![Finding::error(object, message)],
            reason: None,
        }
    }

    /// ABORT for `reason`.
    ///
    /// ```
    /// let o = scs_testkit::Outcome::abort("needs a live cloud");
    /// assert!(o.findings.is_empty());
    /// ```
    pub fn abort(reason: impl Into<String>) -> Self {
        Outcome {
            status: Status::Abort,
            findings: Vec::new(),
            reason: Some(reason.into()),
        }
    }

    /// The same outcome with a finding added (the status does not change).
    ///
    /// ```
    /// let o = scs_testkit::Outcome::pass().with(scs_standards::Finding::info("x", "fine"));
    /// assert_eq!(o.findings.len(), 1);
    /// ```
    pub fn with(mut self, finding: Finding) -> Self {
        self.findings.push(finding);
        self
    }

    /// The findings of at least `severity`.
    ///
    /// ```
    /// use scs_standards::{Finding, Severity};
    /// let o = scs_testkit::Outcome::pass().with(Finding::info("a", "b")).with(Finding::warning("a", "c"));
    /// assert_eq!(o.at_least(Severity::Warning).count(), 1);
    /// ```
    pub fn at_least(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity >= severity)
    }
}

/// A fact that cannot be loaded makes the testcase ABORT with its cause, so a testcase's `run`
/// can use `?` on [`crate::Context`]'s facts.
///
/// ```
/// use scs_testkit::{Fact, FactError, Outcome, Status};
/// let o = Outcome::from(FactError::failed(Fact::Flavors, "connection refused"));
/// assert_eq!(o.status, Status::Abort);
/// assert!(o.reason.unwrap().contains("connection refused"));
/// ```
impl From<FactError> for Outcome {
    fn from(e: FactError) -> Self {
        Outcome::abort(e.to_string())
    }
}
