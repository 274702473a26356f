//! scs-0116 (key manager): `scs-0116-presence` (a `key-manager` service with endpoints in the
//! catalog) and `scs-0116-permissions` (the key manager, if present, is usable with the member
//! role: the probe `key_manager_member_access`).
//!
//! `scs-0116-permissions` needs the token's roles: a token with `admin` or `manager` cannot
//! show what a mere member may do, and one without `member` cannot show it either; both ABORT
//! (as in the reference). Where this crate follows the standard rather than the reference: a
//! cloud without key manager passes without looking at the roles, because the requirement only
//! applies to a key manager in use ("If a Key Manager without secure RBAC enabled is used, the
//! policies MUST be adjusted to let the `member` role of the Identity service be equivalent to
//! the Key Manager internal `creator` role", scs-0116-v1, "Key Manager policies"); the
//! reference aborts first if the roles are wrong.

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::Finding;
use scs_standards::cloud::CatalogEntry;

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

const URL: &str = "https://docs.scs.community/standards/scs-0116-w1-key-manager-implementation-testing#automated-tests";

/// The service type of the key manager (Barbican).
pub const KEY_MANAGER: &str = "key-manager";

fn has_key_manager(catalog: &[CatalogEntry]) -> bool {
    catalog
        .iter()
        .any(|e| e.service_type == KEY_MANAGER && !e.endpoints.is_empty())
}

enum KeyManager {
    Presence,
    Permissions,
}

#[async_trait]
impl Check for KeyManager {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        let catalog = ctx.catalog().await?;
        let present = has_key_manager(&catalog);
        match self {
            KeyManager::Presence if present => Ok(Outcome::pass().with(Finding::info(
                KEY_MANAGER,
                "found in the catalog",
            ))),
            KeyManager::Presence => Ok(Outcome::fail(
                KEY_MANAGER,
                "no service of type key-manager (with endpoints) in the catalog; CSPs SHOULD offer the Key Manager API (e.g. Barbican)",
            )),
            KeyManager::Permissions if !present => Ok(Outcome::pass().with(Finding::info(
                KEY_MANAGER,
                "no key manager in the catalog; the member-role requirement applies only to a key manager in use",
            ))),
            KeyManager::Permissions => {
                let roles = ctx.roles().await?;
                let elevated: Vec<&str> = roles
                    .iter()
                    .map(String::as_str)
                    .filter(|r| matches!(*r, "admin" | "manager"))
                    .collect();
                if !elevated.is_empty() {
                    return Ok(Outcome::abort(format!(
                        "cannot test key-manager permissions: the user has elevated roles ({}); use a user with only the member role",
                        elevated.join(", ")
                    )));
                }
                if !roles.iter().any(|r| r == "member") {
                    return Ok(Outcome::abort(
                        "cannot test key-manager permissions: the user lacks the member role",
                    ));
                }
                let probe = ctx.key_manager_member_access().await?;
                if probe.ok {
                    Ok(Outcome::pass().with(Finding::info(
                        KEY_MANAGER,
                        "a member could create, find and delete a secret",
                    )))
                } else {
                    Ok(Outcome::fail(
                        KEY_MANAGER,
                        format!(
                            "a member could not use the key manager{}; map the key manager's `creator` role to `member` in its policy",
                            probe.error.as_deref().map(|e| format!(" ({e})")).unwrap_or_default()
                        ),
                    ))
                }
            }
        }
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    vec![
        Builtin::boxed(
            "scs-0116-presence",
            "The key manager service is discoverable.",
            URL,
            "scs-0116",
            KeyManager::Presence,
        ),
        Builtin::boxed(
            "scs-0116-permissions",
            "The key manager (if present) is usable with the member role.",
            URL,
            "scs-0116",
            KeyManager::Permissions,
        ),
    ]
}
