//! scs-0115 (default security-group rules): `scs-0115-default-rules`, with
//! [`scs_standards::security_groups`]: over the default security-group rules, or, on a cloud
//! without that API (Neutron before 2023.2), over the rules of a freshly created security group
//! (the probe `fresh_security_group_rules`; without it: ABORT, needs a live cloud).

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::Finding;
use scs_standards::security_groups::{DEFAULT_RULES, check_default_rules, check_fresh_group};

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

const URL: &str = "https://docs.scs.community/standards/scs-0115-w1-security-groups-implementation#automated-tests";

struct DefaultRules;

#[async_trait]
impl Check for DefaultRules {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        if let Some(rules) = ctx.default_security_group_rules().await?.as_ref() {
            return Ok(Outcome::from_check(check_default_rules(rules)));
        }
        let rules = ctx.fresh_security_group_rules().await?;
        Ok(Outcome::from_check(check_fresh_group(&rules)).with(Finding::info(
            "default security group rules",
            "the cloud has no default security-group rules API (Neutron before 2023.2); checked the rules of a fresh security group",
        )))
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    vec![Builtin::boxed(
        DEFAULT_RULES,
        "The default security-group rules follow scs-0115-v1.",
        URL,
        "scs-0115",
        DefaultRules,
    )]
}
