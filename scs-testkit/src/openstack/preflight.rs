//! The certification's preflight: the user must hold the `member` role and no elevated role.
//! Otherwise every requested testcase ABORTs with the reason (as the reference
//! `openstack_test.py` does before running any testcase: "make sure [...] that the user
//! doesn't have elevated privileges").

use std::fmt;

/// Roles that see more than a project member: a check run with them could PASS where a
/// customer's member user would not (the reference's `ensure_unprivileged`).
///
/// ```
/// assert!(scs_testkit::openstack::ELEVATED_ROLES.contains(&"admin"));
/// ```
pub const ELEVATED_ROLES: [&str; 2] = ["admin", "manager"];

/// Why a token is not fit for a certification run.
///
/// ```
/// use scs_testkit::openstack::{PreflightError, preflight};
/// let roles = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// assert!(preflight(&roles(&["member", "reader"])).is_ok());
/// assert_eq!(preflight(&roles(&["member", "admin"])), Err(PreflightError::Elevated(vec!["admin".into()])));
/// assert_eq!(preflight(&roles(&["reader"])), Err(PreflightError::NoMember));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreflightError {
    /// The token carries these elevated roles.
    Elevated(Vec<String>),
    /// The token lacks `member`.
    NoMember,
}

impl fmt::Display for PreflightError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PreflightError::Elevated(roles) => write!(
                f,
                "preflight: the user has elevated roles ({}); run the checks as a user with the member role and no elevated role",
                roles.join(", ")
            ),
            PreflightError::NoMember => f.write_str(
                "preflight: the user lacks the member role; run the checks as a user with the member role and no elevated role",
            ),
        }
    }
}

impl std::error::Error for PreflightError {}

/// Checks the token's role names; elevated roles are reported before a missing `member`.
///
/// ```
/// let roles = vec!["member".to_string(), "manager".to_string()];
/// let e = scs_testkit::openstack::preflight(&roles).unwrap_err();
/// assert!(e.to_string().contains("elevated roles (manager)"));
/// ```
pub fn preflight(roles: &[String]) -> Result<(), PreflightError> {
    let elevated: Vec<String> = roles
        .iter()
        .filter(|r| ELEVATED_ROLES.contains(&r.as_str()))
        .cloned()
        .collect();
    if !elevated.is_empty() {
        return Err(PreflightError::Elevated(elevated));
    }
    if !roles.iter().any(|r| r == "member") {
        return Err(PreflightError::NoMember);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(r: &[&str]) -> Vec<String> {
        r.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn decisions() {
        assert_eq!(preflight(&roles(&["member"])), Ok(()));
        assert_eq!(
            preflight(&roles(&["reader", "member", "load-balancer_member"])),
            Ok(())
        );
        // Elevated wins over a missing member, and all of them are named.
        assert_eq!(
            preflight(&roles(&["admin", "manager"])),
            Err(PreflightError::Elevated(roles(&["admin", "manager"])))
        );
        assert_eq!(preflight(&roles(&[])), Err(PreflightError::NoMember));
        // Role names are exact: `_member_` (old Keystone) is not `member`.
        assert_eq!(
            preflight(&roles(&["_member_"])),
            Err(PreflightError::NoMember)
        );
        let text = PreflightError::Elevated(roles(&["admin"])).to_string();
        assert!(text.contains("elevated roles (admin)"), "{text}");
    }
}
