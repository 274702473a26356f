//! scs-0115 v1, Default Rules for Security Groups.
//!
//! Section "Standard": "The default Security Group rules for the default Security Groups SHOULD
//! allow incoming traffic from the same Security Group. The default Security Group rules for ALL
//! Security Groups MUST NOT allow any other incoming traffic. Neither IPv4 nor IPv6. [...] The
//! default Security Group rules for ALL Security Groups SHOULD allow egress Traffic for both IPv4
//! and IPv6."
//!
//! Testcase (scs-0115-w1): `scs-0115-default-rules`, over the default security-group rules
//! (Neutron 2023.2+) or, on older clouds without that API, over the rules of a freshly created
//! custom security group ([`RuleSource`]).
//!
//! Decision where this module follows the standard rather than the reference checker: missing
//! egress rules and a missing same-group ingress rule are warnings, because the standard says
//! SHOULD for both (quoted above); the reference fails the testcase on missing egress. Only
//! ingress beyond "from the same group, in the default group" (MUST NOT) fails it. An egress rule
//! counts when it allows all traffic: any protocol and port, to any address (`None`,
//! `0.0.0.0/0` or `::/0`).

use crate::cloud::{DefaultSecurityGroupRule, Direction, EtherType, SecurityGroupRule};
use crate::{Finding, Findings, TestcaseFindings};

/// The testcase id.
pub const DEFAULT_RULES: &str = "scs-0115-default-rules";

/// Where the rules come from.
#[derive(Debug, Clone, Copy)]
pub enum RuleSource<'a> {
    /// The default security-group rules (`GET /v2.0/default-security-group-rules`).
    DefaultRules(&'a [DefaultSecurityGroupRule]),
    /// Clouds before 2023.2: the rules of a security group created just for the test.
    FreshGroup(&'a [SecurityGroupRule]),
}

/// Runs `scs-0115-default-rules`.
///
/// ```
/// use scs_standards::cloud::{DefaultSecurityGroupRule, Direction, EtherType};
/// use scs_standards::security_groups::{validate, RuleSource, DEFAULT_RULES};
/// let egress = |e| DefaultSecurityGroupRule { direction: Direction::Egress, ethertype: e,
///     used_in_default_sg: true, used_in_non_default_sg: true, ..Default::default() };
/// let rules = [egress(EtherType::IPv4), egress(EtherType::IPv6)];
/// assert!(validate(RuleSource::DefaultRules(&rules))[DEFAULT_RULES].passed());
/// ```
pub fn validate(source: RuleSource<'_>) -> TestcaseFindings {
    let outcome = match source {
        RuleSource::DefaultRules(rules) => check_default_rules(rules),
        RuleSource::FreshGroup(rules) => check_fresh_group(rules),
    };
    TestcaseFindings::from([(DEFAULT_RULES.to_owned(), outcome)])
}

fn allows_all(
    protocol: &Option<String>,
    ports: (Option<u32>, Option<u32>),
    prefix: &Option<String>,
) -> bool {
    let any_protocol = protocol
        .as_deref()
        .is_none_or(|p| p.eq_ignore_ascii_case("any"));
    let any_port = ports == (None, None);
    let any_address = prefix
        .as_deref()
        .is_none_or(|p| p == "0.0.0.0/0" || p == "::/0");
    any_protocol && any_port && any_address
}

fn rule_name(id: &str, direction: Direction, ethertype: EtherType) -> String {
    let dir = match direction {
        Direction::Ingress => "ingress",
        Direction::Egress => "egress",
    };
    let id = if id.is_empty() { "(no id)" } else { id };
    format!("rule {id} ({dir} {ethertype:?})")
}

const ETHERTYPES: [EtherType; 2] = [EtherType::IPv4, EtherType::IPv6];

/// Checks the default security-group rules.
///
/// ```
/// use scs_standards::cloud::{DefaultSecurityGroupRule, Direction, EtherType};
/// use scs_standards::security_groups::check_default_rules;
/// let open_ssh = DefaultSecurityGroupRule { direction: Direction::Ingress, ethertype: EtherType::IPv4,
///     protocol: Some("tcp".into()), port_range_min: Some(22), port_range_max: Some(22),
///     used_in_default_sg: true, used_in_non_default_sg: true, ..Default::default() };
/// assert!(!check_default_rules(&[open_ssh]).passed());
/// ```
pub fn check_default_rules(rules: &[DefaultSecurityGroupRule]) -> Findings {
    let mut outcome = Findings::default();
    for rule in rules.iter().filter(|r| r.direction == Direction::Ingress) {
        if !rule.used_in_default_sg && !rule.used_in_non_default_sg {
            continue; // applied to no group
        }
        let name = rule_name(&rule.id, rule.direction, rule.ethertype);
        let from_parent = rule.remote_group_id.as_deref() == Some("PARENT");
        if from_parent && !rule.used_in_non_default_sg {
            continue; // the one allowed kind of ingress
        }
        let message = if from_parent {
            "allows ingress from the same group in custom security groups; set used_in_non_default_sg=false".to_owned()
        } else {
            let groups = match (rule.used_in_default_sg, rule.used_in_non_default_sg) {
                (true, true) => "default and custom",
                (true, false) => "default",
                _ => "custom",
            };
            format!(
                "allows ingress into {groups} security groups from other than the same group; \
                 only ingress with remote group PARENT used in the default group is allowed: delete this default rule"
            )
        };
        outcome.push(Finding::error(name, message));
    }
    for ethertype in ETHERTYPES {
        let same_group = rules.iter().any(|r| {
            r.direction == Direction::Ingress
                && r.ethertype == ethertype
                && r.used_in_default_sg
                && r.remote_group_id.as_deref() == Some("PARENT")
        });
        if !same_group {
            outcome.push(Finding::warning(
                "default security group",
                format!("no default rule allows {ethertype:?} ingress from the same group (remote group PARENT) in the default group"),
            ));
        }
        let egress = |r: &&DefaultSecurityGroupRule| {
            r.direction == Direction::Egress
                && r.ethertype == ethertype
                && r.remote_group_id.is_none()
                && r.remote_address_group_id.is_none()
                && allows_all(
                    &r.protocol,
                    (r.port_range_min, r.port_range_max),
                    &r.remote_ip_prefix,
                )
        };
        if !rules.iter().filter(egress).any(|r| r.used_in_default_sg) {
            outcome.push(Finding::warning(
                "default security group",
                format!("no default rule allows all {ethertype:?} egress in the default group"),
            ));
        }
        if !rules
            .iter()
            .filter(egress)
            .any(|r| r.used_in_non_default_sg)
        {
            outcome.push(Finding::warning(
                "custom security groups",
                format!("no default rule allows all {ethertype:?} egress in custom groups"),
            ));
        }
    }
    outcome
}

/// Checks the rules of a freshly created custom security group (clouds without the default
/// rules API): no ingress at all, egress for IPv4 and IPv6.
///
/// ```
/// use scs_standards::cloud::{SecurityGroupRule, Direction, EtherType};
/// use scs_standards::security_groups::check_fresh_group;
/// let egress = |e| SecurityGroupRule { direction: Direction::Egress, ethertype: e, ..Default::default() };
/// let o = check_fresh_group(&[egress(EtherType::IPv4), egress(EtherType::IPv6)]);
/// assert!(o.passed() && o.findings.is_empty());
/// ```
pub fn check_fresh_group(rules: &[SecurityGroupRule]) -> Findings {
    let mut outcome = Findings::default();
    for rule in rules.iter().filter(|r| r.direction == Direction::Ingress) {
        outcome.push(Finding::error(
            rule_name(&rule.id, rule.direction, rule.ethertype),
            "a new custom security group comes with an ingress rule; the default rules must not allow ingress into custom groups",
        ));
    }
    for ethertype in ETHERTYPES {
        let egress = rules.iter().any(|r| {
            r.direction == Direction::Egress
                && r.ethertype == ethertype
                && r.remote_group_id.is_none()
                && r.remote_address_group_id.is_none()
                && allows_all(
                    &r.protocol,
                    (r.port_range_min, r.port_range_max),
                    &r.remote_ip_prefix,
                )
        });
        if !egress {
            outcome.push(Finding::warning(
                "custom security groups",
                format!("a new security group does not allow all {ethertype:?} egress"),
            ));
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn rule(
        direction: Direction,
        ethertype: EtherType,
        default: bool,
        custom: bool,
    ) -> DefaultSecurityGroupRule {
        DefaultSecurityGroupRule {
            id: format!("{direction:?}-{ethertype:?}"),
            direction,
            ethertype,
            used_in_default_sg: default,
            used_in_non_default_sg: custom,
            ..Default::default()
        }
    }

    fn parent(ethertype: EtherType, custom: bool) -> DefaultSecurityGroupRule {
        DefaultSecurityGroupRule {
            remote_group_id: Some("PARENT".into()),
            ..rule(Direction::Ingress, ethertype, true, custom)
        }
    }

    /// The example table of the standard.
    fn standard_example() -> Vec<DefaultSecurityGroupRule> {
        vec![
            DefaultSecurityGroupRule {
                remote_ip_prefix: Some("::/0".into()),
                ..rule(Direction::Egress, EtherType::IPv6, true, true)
            },
            DefaultSecurityGroupRule {
                remote_ip_prefix: Some("0.0.0.0/0".into()),
                ..rule(Direction::Egress, EtherType::IPv4, true, true)
            },
            parent(EtherType::IPv4, false),
            parent(EtherType::IPv6, false),
        ]
    }

    #[test]
    fn standard_example_passes_cleanly() {
        let o = check_default_rules(&standard_example());
        assert!(o.passed());
        assert!(o.findings.is_empty(), "{:?}", o.findings);
    }

    #[test]
    fn ingress_beyond_parent_in_default_group_fails() {
        let mut rules = standard_example();
        rules[2] = parent(EtherType::IPv4, true);
        let o = check_default_rules(&rules);
        assert!(!o.passed());
        assert!(
            o.errors()
                .next()
                .unwrap()
                .message
                .contains("used_in_non_default_sg=false")
        );

        let mut rules = standard_example();
        rules.push(DefaultSecurityGroupRule {
            remote_ip_prefix: Some("0.0.0.0/0".into()),
            protocol: Some("tcp".into()),
            port_range_min: Some(22),
            port_range_max: Some(22),
            ..rule(Direction::Ingress, EtherType::IPv4, true, false)
        });
        let o = check_default_rules(&rules);
        assert_eq!(o.errors().count(), 1);
        assert!(o.errors().next().unwrap().object.contains("Ingress-IPv4"));

        // A rule used in no group is inert.
        let mut rules = standard_example();
        rules.push(rule(Direction::Ingress, EtherType::IPv6, false, false));
        assert!(check_default_rules(&rules).passed());
    }

    #[test]
    fn missing_egress_and_same_group_rules_warn() {
        let o = check_default_rules(&[]);
        assert!(o.passed());
        assert_eq!(o.findings.len(), 6);
        assert!(o.findings.iter().all(|f| f.severity == Severity::Warning));

        // Egress restricted to a prefix or a protocol does not count as "allow egress".
        let mut rules = standard_example();
        rules[0].remote_ip_prefix = Some("10.0.0.0/8".into());
        rules[1].protocol = Some("tcp".into());
        let o = check_default_rules(&rules);
        assert!(o.passed());
        let messages: Vec<&str> = o.findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        // Egress only in the default group.
        let mut rules = standard_example();
        rules[0].used_in_non_default_sg = false;
        let o = check_default_rules(&rules);
        assert_eq!(o.findings.len(), 1);
        assert!(
            o.findings[0]
                .message
                .contains("IPv6 egress in custom groups")
        );
    }

    #[test]
    fn fresh_group_path() {
        let egress = |e| SecurityGroupRule {
            direction: Direction::Egress,
            ethertype: e,
            ..Default::default()
        };
        let ingress = SecurityGroupRule {
            id: "r9".into(),
            direction: Direction::Ingress,
            ethertype: EtherType::IPv4,
            remote_group_id: Some("sg1".into()),
            ..Default::default()
        };
        let o = check_fresh_group(&[egress(EtherType::IPv4), egress(EtherType::IPv6), ingress]);
        assert!(!o.passed());
        assert_eq!(o.errors().next().unwrap().object, "rule r9 (ingress IPv4)");
        let o = check_fresh_group(&[egress(EtherType::IPv4)]);
        assert!(o.passed());
        assert_eq!(o.findings.len(), 1);
        let outcomes = validate(RuleSource::FreshGroup(&[]));
        assert_eq!(outcomes.keys().collect::<Vec<_>>(), [DEFAULT_RULES]);
    }

    #[test]
    fn neutron_json() {
        let json = r#"[{"id": "a", "direction": "egress", "ethertype": "IPv4", "protocol": null,
            "port_range_min": null, "port_range_max": null, "remote_ip_prefix": null,
            "remote_group_id": null, "remote_address_group_id": null,
            "used_in_default_sg": true, "used_in_non_default_sg": true, "description": "x"}]"#;
        let rules: Vec<DefaultSecurityGroupRule> = serde_json::from_str(json).unwrap();
        let o = check_default_rules(&rules);
        assert!(o.passed());
        assert_eq!(o.findings.len(), 4);
    }
}
