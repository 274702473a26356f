//! scs-0103 (standard flavors): `scs-0103-flavor-X`, one per row of the standard's tables, with
//! [`scs_standards::standard_flavors::check_row`].

use std::sync::Arc;

use async_trait::async_trait;
use scs_flavor::{StandardFlavor, standard_flavors};
use scs_standards::standard_flavors::check_row;

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

const URL: &str = "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests";

struct Row(&'static StandardFlavor);

#[async_trait]
impl Check for Row {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        let flavors = ctx.flavors().await?;
        Ok(Outcome::from_check(check_row(&flavors, self.0)))
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    standard_flavors()
        .iter()
        .map(|row| {
            Builtin::boxed(
                row.testcase_id(),
                format!(
                    "Flavor `{}` is present with the required figures and extra specs.",
                    row.name
                ),
                URL,
                "scs-0103",
                Row(row),
            )
        })
        .collect()
}
