//! scs-0100 v3, SCS Flavor Naming: the names of a cloud's `SCS-` flavors are valid and tell the
//! truth.
//!
//! scs-0100-v3: "You may offer flavors not following the above scheme, as long as the name does
//! not start with `SCS-`" (so every flavor whose name starts with `SCS-` is checked), "For the
//! time being, the validation tools still accept the old names with a warning", and section
//! "Naming policy compliance": "the flavor must _at least_ provide the capabilities indicated by
//! the name".
//!
//! Testcases (scs-0100-w1): `scs-0100-syntax-check` and `scs-0100-semantics-check`. The grammar
//! and the comparison of figures are those of the `scs-flavor` crate ([`scs_flavor::parse_tolerant`],
//! [`scs_flavor::Flavor::check_figures`]).

use scs_flavor::{Figures, Mismatch, ParseError, parse_tolerant};

use crate::cloud::CloudFlavor;
use crate::{Finding, Findings, TestcaseFindings};

/// Testcase: `SCS-` flavor names comply with the syntax.
pub const SYNTAX_CHECK: &str = "scs-0100-syntax-check";
/// Testcase: syntactically valid `SCS-` names do not promise more than the flavor has.
pub const SEMANTICS_CHECK: &str = "scs-0100-semantics-check";

/// The flavors this standard is about: those whose name starts with `SCS-`.
///
/// ```
/// use scs_standards::{cloud::CloudFlavor, flavor_naming::scs_flavors};
/// let flavors = [CloudFlavor::new("SCS-2V-4", 2, 4096, 0), CloudFlavor::new("m1.small", 1, 2048, 20)];
/// assert_eq!(scs_flavors(&flavors).count(), 1);
/// ```
pub fn scs_flavors(flavors: &[CloudFlavor]) -> impl Iterator<Item = &CloudFlavor> {
    flavors
        .iter()
        .filter(|f| f.name.starts_with(scs_flavor::PREFIX))
}

/// `scs-0100-syntax-check`: every `SCS-` name parses as v3 (a v1 spelling passes with a warning).
///
/// ```
/// use scs_standards::{cloud::CloudFlavor, flavor_naming::syntax_check};
/// assert!(syntax_check(&[CloudFlavor::new("SCS-2V-4-20s", 2, 4096, 20)]).passed());
/// assert!(!syntax_check(&[CloudFlavor::new("SCS-2X-4", 2, 4096, 0)]).passed());
/// ```
pub fn syntax_check(flavors: &[CloudFlavor]) -> Findings {
    let mut outcome = Findings::default();
    for flavor in scs_flavors(flavors) {
        match parse_tolerant(&flavor.name) {
            Err(e) => outcome.push(Finding::error(
                &flavor.name,
                syntax_message(&flavor.name, e),
            )),
            Ok(parsed) if parsed.is_v1() => outcome.push(Finding::warning(
                &flavor.name,
                format!(
                    "old v1 spelling, tolerated for now; rename to `{}`",
                    parsed.flavor
                ),
            )),
            Ok(parsed) if !parsed.canonical => outcome.push(Finding::info(
                &flavor.name,
                format!("valid, but the canonical spelling is `{}`", parsed.flavor),
            )),
            Ok(_) => {}
        }
    }
    outcome
}

fn syntax_message(name: &str, e: ParseError) -> String {
    match e.offset().filter(|&o| name.is_char_boundary(o)) {
        Some(offset) => format!(
            "{e} (`{}` ⟨here⟩ `{}`); fix the name or rename the flavor so it does not start with `SCS-`",
            &name[..offset],
            &name[offset..]
        ),
        None => e.to_string(),
    }
}

/// `scs-0100-semantics-check`: no valid `SCS-` name overpromises vCPUs, RAM or root disk.
/// Underpromises are infos; uneven RAM sizes and disk sizes off the recommended steps are
/// warnings (scs-0100-v3: half GiBs "should not be done for larger memory sizes").
///
/// ```
/// use scs_standards::{cloud::CloudFlavor, flavor_naming::semantics_check};
/// assert!(semantics_check(&[CloudFlavor::new("SCS-2V-4-20", 2, 4096, 20)]).passed());
/// let o = semantics_check(&[CloudFlavor::new("SCS-2V-4-20", 2, 4096, 10)]);
/// assert!(o.findings[0].message.contains("disk overpromise"));
/// ```
pub fn semantics_check(flavors: &[CloudFlavor]) -> Findings {
    let mut outcome = Findings::default();
    for flavor in scs_flavors(flavors) {
        let Ok(parsed) = parse_tolerant(&flavor.name) else {
            continue; // reported by the syntax check
        };
        let figures = Figures {
            vcpus: flavor.vcpus.into(),
            ram_mib: flavor.ram,
            disk_gb: flavor.disk,
        };
        for mismatch in parsed.flavor.check_figures(&figures) {
            let finding = match mismatch {
                m if m.is_overpromise() => Finding::error(
                    &flavor.name,
                    format!("{m}; give the flavor at least what its name says, or rename it"),
                ),
                m @ (Mismatch::UnevenRam { .. } | Mismatch::NonStandardDiskSize { .. }) => {
                    Finding::warning(&flavor.name, m.to_string())
                }
                m => Finding::info(&flavor.name, m.to_string()),
            };
            outcome.push(finding);
        }
    }
    outcome
}

/// Runs both scs-0100 testcases over a cloud's flavors.
///
/// ```
/// use scs_standards::{cloud::CloudFlavor, flavor_naming::validate};
/// let o = validate(&[CloudFlavor::new("SCS-1L-1", 1, 1024, 0)]);
/// assert!(o.values().all(|o| o.passed()));
/// ```
pub fn validate(flavors: &[CloudFlavor]) -> TestcaseFindings {
    TestcaseFindings::from([
        (SYNTAX_CHECK.to_owned(), syntax_check(flavors)),
        (SEMANTICS_CHECK.to_owned(), semantics_check(flavors)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn severities(o: &Findings) -> Vec<(Severity, &str)> {
        o.findings
            .iter()
            .map(|f| (f.severity, f.object.as_str()))
            .collect()
    }

    #[test]
    fn only_scs_names_are_checked() {
        let flavors = [
            CloudFlavor::new("m1.tiny", 1, 1, 0),
            CloudFlavor::new("scs-2V-4", 1, 1, 0),
            CloudFlavor::new("SCS-2V-4", 2, 4096, 0),
        ];
        let o = validate(&flavors);
        assert!(o[SYNTAX_CHECK].findings.is_empty());
        assert!(o[SEMANTICS_CHECK].findings.is_empty());
    }

    #[test]
    fn syntax_errors_point_at_the_offset() {
        let o = syntax_check(&[CloudFlavor::new("SCS-2V-4-20q", 2, 4096, 20)]);
        assert!(!o.passed());
        let message = &o.findings[0].message;
        assert!(message.contains("at byte 11"), "{message}");
        assert!(message.contains("`SCS-2V-4-20` ⟨here⟩ `q`"), "{message}");
    }

    #[test]
    fn v1_spelling_is_tolerated_with_a_warning() {
        let o = syntax_check(&[CloudFlavor::new("SCS-2V:4:20s", 2, 4096, 20)]);
        assert!(o.passed());
        assert_eq!(severities(&o), [(Severity::Warning, "SCS-2V:4:20s")]);
        assert!(o.findings[0].message.contains("`SCS-2V-4-20s`"));
        let o = syntax_check(&[CloudFlavor::new("SCS-2V-4-1x20", 2, 4096, 20)]);
        assert!(o.passed());
        assert_eq!(o.findings[0].severity, Severity::Info);
    }

    #[test]
    fn overpromises_fail_each_resource() {
        let o = semantics_check(&[
            CloudFlavor::new("SCS-4V-16", 2, 16384, 0),
            CloudFlavor::new("SCS-4V-16-50", 4, 15000, 50),
            CloudFlavor::new("SCS-4V-16-50s", 4, 16384, 0),
            CloudFlavor::new("SCS-2V:4", 2, 4096, 0),
        ]);
        let errors: Vec<&str> = o.errors().map(|f| f.object.as_str()).collect();
        assert_eq!(errors, ["SCS-4V-16", "SCS-4V-16-50", "SCS-4V-16-50s"]);
        let messages: Vec<&str> = o.errors().map(|f| f.message.as_str()).collect();
        assert!(messages[0].starts_with("CPU overpromise"));
        assert!(messages[1].starts_with("RAM overpromise"));
        assert!(messages[2].starts_with("disk overpromise"));
    }

    #[test]
    fn underpromises_and_odd_sizes_do_not_fail() {
        let o = semantics_check(&[
            CloudFlavor::new("SCS-2V-4", 4, 8192, 10),
            CloudFlavor::new("SCS-2V-4-30", 2, 4096, 30),
            CloudFlavor::new("SCS-2V-12.5", 2, 12800, 0),
        ]);
        assert!(o.passed());
        let got: Vec<(Severity, String)> = o
            .findings
            .iter()
            .map(|f| (f.severity, f.message.split(':').next().unwrap().to_owned()))
            .collect();
        assert!(
            got.contains(&(Severity::Info, "CPU underpromise".into())),
            "{got:?}"
        );
        assert!(got.iter().any(|(s, _)| *s == Severity::Warning), "{got:?}");
    }

    #[test]
    fn nova_json() {
        let json = r#"[{"id": "1", "name": "SCS-2V-8-20", "vcpus": 2, "ram": 8192, "disk": 20,
                        "OS-FLV-EXT-DATA:ephemeral": 0, "os-flavor-access:is_public": true,
                        "extra_specs": {"scs:cpu-type": "shared-core"}}]"#;
        let flavors: Vec<CloudFlavor> = serde_json::from_str(json).unwrap();
        let o = validate(&flavors);
        assert!(o[SYNTAX_CHECK].findings.is_empty());
        assert!(o[SEMANTICS_CHECK].findings.is_empty());
    }
}
