//! scs-0100 (flavor naming): `scs-0100-syntax-check`, `scs-0100-semantics-check` over all
//! flavors, with [`scs_standards::flavor_naming`].

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::flavor_naming::{SEMANTICS_CHECK, SYNTAX_CHECK, semantics_check, syntax_check};

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

const URL: &str = "https://docs.scs.community/standards/scs-0100-w1-flavor-naming-implementation-testing#automated-tests";

/// The two testcases.
enum FlavorNaming {
    Syntax,
    Semantics,
}

#[async_trait]
impl Check for FlavorNaming {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        let flavors = ctx.flavors().await?;
        Ok(Outcome::from_check(match self {
            FlavorNaming::Syntax => syntax_check(&flavors),
            FlavorNaming::Semantics => semantics_check(&flavors),
        }))
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    vec![
        Builtin::boxed(
            SYNTAX_CHECK,
            "Flavor names starting with `SCS-` comply with the syntax.",
            URL,
            "scs-0100",
            FlavorNaming::Syntax,
        ),
        Builtin::boxed(
            SEMANTICS_CHECK,
            "Syntactically correct SCS flavor names tell the truth about the flavor.",
            URL,
            "scs-0100",
            FlavorNaming::Semantics,
        ),
    ]
}
