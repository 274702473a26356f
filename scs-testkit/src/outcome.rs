//! What a testcase run yields: PASS, FAIL or ABORT, with the findings that explain it.

use std::fmt;

use scs_standards::{Finding, Severity};

/// The result word of a testcase, as `openstack_test.py` prints it and scs-0004 counts it.
///
/// ```
/// use scs_testkit::Status;
/// assert_eq!(Status::Abort.to_string(), "ABORT");
/// assert_eq!("PASS".parse::<Status>(), Ok(Status::Pass));
/// assert_eq!(scs_scope::Outcome::from(Status::Fail), scs_scope::Outcome::Fail);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Every requirement the testcase checks is met.
    Pass,
    /// A requirement is not met: the cloud has to change.
    Fail,
    /// The testcase could not decide (a fact could not be loaded, needs a live cloud, is not
    /// implemented): the check has to be run differently.
    Abort,
}

impl Status {
    /// `PASS`, `FAIL` or `ABORT`.
    ///
    /// ```
    /// assert_eq!(scs_testkit::Status::Pass.as_str(), "PASS");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Abort => "ABORT",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A word other than `PASS`, `FAIL` or `ABORT`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown testcase status {0:?} (expected PASS, FAIL or ABORT)")]
pub struct UnknownStatus(pub String);

impl std::str::FromStr for Status {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "PASS" => Ok(Status::Pass),
            "FAIL" => Ok(Status::Fail),
            "ABORT" => Ok(Status::Abort),
            other => Err(UnknownStatus(other.to_owned())),
        }
    }
}

impl From<Status> for scs_scope::Outcome {
    fn from(status: Status) -> Self {
        match status {
            Status::Pass => scs_scope::Outcome::Pass,
            Status::Fail => scs_scope::Outcome::Fail,
            Status::Abort => scs_scope::Outcome::Abort,
        }
    }
}

/// The result of one testcase run: its [`Status`], the findings about the cloud, and for an
/// ABORT the reason.
///
/// ```
/// use scs_standards::Finding;
/// use scs_testkit::{Outcome, Status};
/// let checked = scs_standards::Outcome { findings: vec![Finding::error("SCS-2V-4", "RAM overpromise")] };
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
    /// let o = scs_testkit::Outcome::from_check(scs_standards::Outcome::default());
    /// assert_eq!(o.status, scs_testkit::Status::Pass);
    /// ```
    pub fn from_check(checked: scs_standards::Outcome) -> Self {
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
