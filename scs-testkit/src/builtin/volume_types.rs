//! scs-0114 (volume types): `scs-0114-syntax-check`, `scs-0114-encrypted-type`,
//! `scs-0114-replicated-type`, with [`scs_standards::volume_types`].

use std::sync::Arc;

use async_trait::async_trait;
use scs_standards::volume_types::{
    Aspect, ENCRYPTED_TYPE, REPLICATED_TYPE, SYNTAX_CHECK, aspect_present, check_description,
};

use super::{Builtin, Check};
use crate::{Context, FactError, Outcome, Testcase};

const URL: &str =
    "https://docs.scs.community/standards/scs-0114-w1-volume-type-implementation#automated-tests";

enum VolumeTypes {
    Syntax,
    Aspect(Aspect),
}

#[async_trait]
impl Check for VolumeTypes {
    async fn check(&self, ctx: &Context) -> Result<Outcome, FactError> {
        let types = ctx.volume_types().await?;
        Ok(Outcome::from_check(match self {
            VolumeTypes::Syntax => types.iter().flat_map(check_description).collect(),
            VolumeTypes::Aspect(aspect) => aspect_present(&types, *aspect),
        }))
    }
}

pub(crate) fn testcases() -> Vec<Arc<dyn Testcase>> {
    vec![
        Builtin::boxed(
            SYNTAX_CHECK,
            "The aspect list in volume type descriptions, if present, is formatted as the standard says.",
            URL,
            "scs-0114",
            VolumeTypes::Syntax,
        ),
        Builtin::boxed(
            ENCRYPTED_TYPE,
            "An encrypted volume type can be discovered.",
            URL,
            "scs-0114",
            VolumeTypes::Aspect(Aspect::Encrypted),
        ),
        Builtin::boxed(
            REPLICATED_TYPE,
            "A replicated volume type can be discovered.",
            URL,
            "scs-0114",
            VolumeTypes::Aspect(Aspect::Replicated),
        ),
    ]
}
