//! Testcase outcomes and the verdict of a target (scs-0003-v1, "Basic concepts": a target
//! passes when all its testcases pass).

use std::fmt;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::ids::TestcaseId;

/// The verdict of one testcase: PASS, FAIL or ABORT, the result words of scs-0004 ("Regulations
/// for achieving SCS-compatible certification") and of a script's result line
/// (`testcase-id: PASS|FAIL|ABORT`, scs-0003-v1). The one verdict type of the workspace:
/// `scs_testkit::Status` and `scs::scope::Status` are this type.
///
/// In reports, verdicts are the numbers `1`, `-1` and `0`, as in the reference.
///
/// ```
/// use scs_scope::Status;
/// assert_eq!(Status::Abort.to_string(), "ABORT");
/// assert_eq!("PASS".parse::<Status>(), Ok(Status::Pass));
/// assert_eq!(Status::Fail.value(), -1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// The statement holds: every requirement the testcase checks is met.
    Pass,
    /// The statement does not hold: a requirement is not met, the cloud has to change.
    Fail,
    /// It could not be determined (scs-0003-v2 calls this `DNF`, did not finish): a fact could
    /// not be loaded, the testcase needs a live cloud or is not implemented.
    Abort,
}

impl Status {
    /// The report value: 1, -1 or 0.
    ///
    /// ```
    /// assert_eq!(scs_scope::Status::Pass.value(), 1);
    /// ```
    pub fn value(self) -> i8 {
        match self {
            Status::Pass => 1,
            Status::Fail => -1,
            Status::Abort => 0,
        }
    }

    /// `PASS`, `FAIL` or `ABORT`.
    ///
    /// ```
    /// assert_eq!(scs_scope::Status::Pass.as_str(), "PASS");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Abort => "ABORT",
        }
    }

    /// Parses the word of a result line, ignoring case (`pass`, `FAIL`, `Abort`).
    ///
    /// ```
    /// use scs_scope::Status;
    /// assert_eq!(Status::from_word(" pass "), Some(Status::Pass));
    /// assert_eq!(Status::from_word("DNF"), None);
    /// ```
    pub fn from_word(word: &str) -> Option<Self> {
        match word.trim().to_uppercase().as_str() {
            "PASS" => Some(Status::Pass),
            "FAIL" => Some(Status::Fail),
            "ABORT" => Some(Status::Abort),
            _ => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A word other than `PASS`, `FAIL` or `ABORT` (exact, upper case) given to [`Status`]'s `FromStr`.
///
/// ```
/// let err = "pass".parse::<scs_scope::Status>().unwrap_err();
/// assert_eq!(err, scs_scope::UnknownStatus("pass".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown testcase status {0:?} (expected PASS, FAIL or ABORT)")]
pub struct UnknownStatus(pub String);

impl std::str::FromStr for Status {
    type Err = UnknownStatus;

    /// Exactly `PASS`, `FAIL` or `ABORT` (use [`Status::from_word`] for a script's line).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "PASS" => Ok(Status::Pass),
            "FAIL" => Ok(Status::Fail),
            "ABORT" => Ok(Status::Abort),
            other => Err(UnknownStatus(other.to_owned())),
        }
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i8(self.value())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match i64::deserialize(deserializer)? {
            1 => Ok(Status::Pass),
            -1 => Ok(Status::Fail),
            0 => Ok(Status::Abort),
            other => Err(de::Error::invalid_value(
                de::Unexpected::Signed(other),
                &"1, 0 or -1",
            )),
        }
    }
}

/// Testcase results of a run, in the order they were reported.
pub type Results = IndexMap<TestcaseId, Status>;

/// Parses one stdout line of a script: `testcase-id: PASS|FAIL|ABORT`, split at the last colon,
/// surrounding whitespace ignored. Other lines give `None` ("Lines of other forms are
/// permissible and will be ignored", scs-0003-v1, "Basic concepts").
///
/// ```
/// use scs_scope::{Status, evaluate::parse_result_line};
/// let (id, outcome) = parse_result_line("scs-0100-syntax-check: PASS").unwrap();
/// assert_eq!((id.as_str(), outcome), ("scs-0100-syntax-check", Status::Pass));
/// assert!(parse_result_line("INFO: checking flavors").is_none());
/// ```
pub fn parse_result_line(line: &str) -> Option<(TestcaseId, Status)> {
    let (id, word) = line.rsplit_once(':')?;
    let outcome = Status::from_word(word)?;
    Some((TestcaseId::new(id.trim()), outcome))
}

/// The verdict on a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Every testcase passed.
    Pass,
    /// None failed or aborted, but some have no result.
    TentativePass,
    /// Some testcase failed or aborted.
    Fail,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Pass => "PASS",
            Verdict::TentativePass => "TENTATIVE pass",
            Verdict::Fail => "FAIL",
        })
    }
}

/// The result of a test (any collection of testcases) as scs-0003-v2, "Concept definitions",
/// defines it: FAIL, MISS, DNF or PASS — "If multiple items apply, we always opt for the topmost
/// one."
///
/// This differs from [`Verdict`] (the reference checker's console verdict, which `scs check`
/// prints): there an aborted testcase makes the target FAIL, here it is DNF, and missing results
/// rank above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TestResult {
    /// At least one proposition is verified not to hold.
    Fail,
    /// For at least one, verification was not (recently) attempted.
    Miss,
    /// For at least one, it could not be verified (did not finish).
    Dnf,
    /// All verified to hold.
    Pass,
}

impl fmt::Display for TestResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TestResult::Fail => "FAIL",
            TestResult::Miss => "MISS",
            TestResult::Dnf => "DNF",
            TestResult::Pass => "PASS",
        })
    }
}

/// The testcases of one target, sorted into buckets by outcome, and the verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetSummary {
    /// Target name (`main`, `recommended`...).
    pub target: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Passed testcases, in target order.
    pub passed: Vec<TestcaseId>,
    /// Failed testcases.
    pub failed: Vec<TestcaseId>,
    /// Aborted testcases.
    pub aborted: Vec<TestcaseId>,
    /// Testcases without a result.
    pub missing: Vec<TestcaseId>,
}

impl TargetSummary {
    /// Sorts `ids` by their outcome in `results`.
    ///
    /// The verdict is FAIL when any testcase failed or aborted, TENTATIVE pass when none did but
    /// some have no result, PASS otherwise (the reference checker's rule).
    ///
    /// ```
    /// use scs_scope::{Status, Results, TestcaseId, TargetSummary, Verdict};
    /// let ids = [TestcaseId::new("a"), TestcaseId::new("b")];
    /// let mut results = Results::new();
    /// results.insert(TestcaseId::new("a"), Status::Pass);
    /// let summary = TargetSummary::evaluate("main", &ids, &results);
    /// assert_eq!(summary.verdict, Verdict::TentativePass);
    /// assert_eq!(summary.to_string(), "TENTATIVE pass (1 passed, 1 missing)");
    /// ```
    pub fn evaluate(target: &str, ids: &[TestcaseId], results: &Results) -> Self {
        let mut summary = Self {
            target: target.to_owned(),
            verdict: Verdict::Pass,
            passed: Vec::new(),
            failed: Vec::new(),
            aborted: Vec::new(),
            missing: Vec::new(),
        };
        for id in ids {
            let bucket = match results.get(id) {
                Some(Status::Pass) => &mut summary.passed,
                Some(Status::Fail) => &mut summary.failed,
                Some(Status::Abort) => &mut summary.aborted,
                None => &mut summary.missing,
            };
            bucket.push(id.clone());
        }
        summary.verdict = if !summary.failed.is_empty() || !summary.aborted.is_empty() {
            Verdict::Fail
        } else if !summary.missing.is_empty() {
            Verdict::TentativePass
        } else {
            Verdict::Pass
        };
        summary
    }
}

impl TargetSummary {
    /// The target's result by the rules of scs-0003-v2 (see [`TestResult`]).
    ///
    /// ```
    /// use scs_scope::{Status, Results, TargetSummary, TestcaseId, Verdict, evaluate::TestResult};
    /// let ids = [TestcaseId::new("a"), TestcaseId::new("b")];
    /// let results: Results = [(TestcaseId::new("a"), Status::Abort)].into_iter().collect();
    /// let summary = TargetSummary::evaluate("main", &ids, &results);
    /// assert_eq!(summary.verdict, Verdict::Fail); // the reference's console verdict
    /// assert_eq!(summary.result(), TestResult::Miss); // scs-0003-v2: MISS ranks above DNF
    /// ```
    pub fn result(&self) -> TestResult {
        if !self.failed.is_empty() {
            TestResult::Fail
        } else if !self.missing.is_empty() {
            TestResult::Miss
        } else if !self.aborted.is_empty() {
            TestResult::Dnf
        } else {
            TestResult::Pass
        }
    }
}

/// `FAIL (52 passed, 2 failed, 1 aborted)`: the verdict and the non-empty counts.
impl fmt::Display for TargetSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} passed", self.verdict, self.passed.len())?;
        for (count, word) in [
            (self.failed.len(), "failed"),
            (self.aborted.len(), "aborted"),
            (self.missing.len(), "missing"),
        ] {
            if count > 0 {
                write!(f, ", {count} {word}")?;
            }
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(names: &[&str]) -> Vec<TestcaseId> {
        names.iter().map(|n| TestcaseId::new(*n)).collect()
    }

    #[test]
    fn verdict_rules() {
        let all = ids(&["a", "b", "c"]);
        let mut results = Results::new();
        for id in &all {
            results.insert(id.clone(), Status::Pass);
        }
        assert_eq!(
            TargetSummary::evaluate("main", &all, &results).to_string(),
            "PASS (3 passed)"
        );
        results.insert(TestcaseId::new("b"), Status::Abort);
        assert_eq!(
            TargetSummary::evaluate("main", &all, &results).to_string(),
            "FAIL (2 passed, 1 aborted)"
        );
        results.shift_remove("c");
        results.insert(TestcaseId::new("a"), Status::Fail);
        let summary = TargetSummary::evaluate("main", &all, &results);
        assert_eq!(
            summary.to_string(),
            "FAIL (0 passed, 1 failed, 1 aborted, 1 missing)"
        );
        assert_eq!(summary.missing, ids(&["c"]));
        // An empty target passes, as in the reference.
        assert_eq!(
            TargetSummary::evaluate("x", &[], &results).verdict,
            Verdict::Pass
        );
    }

    #[test]
    fn scs_0003_v2_results_take_the_topmost_item() {
        let all = ids(&["a", "b", "c"]);
        let with = |pairs: &[(&str, Status)]| -> Results {
            pairs
                .iter()
                .map(|(id, o)| (TestcaseId::new(*id), *o))
                .collect()
        };
        let result = |r: &Results| TargetSummary::evaluate("main", &all, r).result();
        let (p, f, a) = (Status::Pass, Status::Fail, Status::Abort);
        assert_eq!(
            result(&with(&[("a", p), ("b", p), ("c", p)])),
            TestResult::Pass
        );
        assert_eq!(
            result(&with(&[("a", p), ("b", a), ("c", p)])),
            TestResult::Dnf
        );
        assert_eq!(result(&with(&[("a", p), ("b", a)])), TestResult::Miss);
        assert_eq!(result(&with(&[("a", f), ("b", a)])), TestResult::Fail);
        assert!(TestResult::Fail < TestResult::Miss && TestResult::Miss < TestResult::Dnf);
        assert_eq!(TestResult::Dnf.to_string(), "DNF");
    }

    #[test]
    fn result_lines() {
        assert_eq!(
            parse_result_line("a:b: fail").map(|(i, o)| (i.to_string(), o)),
            Some(("a:b".into(), Status::Fail))
        );
        assert_eq!(
            parse_result_line("  x :abort  ").map(|(i, _)| i.to_string()),
            Some("x".into())
        );
        assert!(parse_result_line("x: PASSED").is_none());
        assert!(parse_result_line("no colon PASS").is_none());
    }

    #[test]
    fn outcome_report_values_round_trip() {
        for o in [Status::Pass, Status::Fail, Status::Abort] {
            let text = serde_json::to_string(&o).unwrap();
            assert_eq!(serde_json::from_str::<Status>(&text).unwrap(), o);
        }
        assert!(serde_json::from_str::<Status>("2").is_err());
    }
}
