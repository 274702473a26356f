//! Add your own testcase next to the built-in ones, without touching the testkit: implement
//! `Testcase`, register it, run it with the others against the same cloud facts.
//!
//! ```text
//! cargo run --example custom_testcase
//! ```

use std::sync::Arc;

use scs::standards::Finding;
use scs::testkit::{
    Context, DefinedBy, Outcome, Registry, Testcase, TestcaseId, async_trait, demo, run_blocking,
};

/// An operator's own policy: SCS flavors give at most 4 GiB of RAM per vCPU.
struct RamPerVcpu;

/// The id, kept in a `static`: `Testcase::id` hands out a reference.
static RAM_PER_VCPU: TestcaseId = TestcaseId::from_static("acme-ram-per-vcpu");

#[async_trait]
impl Testcase for RamPerVcpu {
    fn id(&self) -> &TestcaseId {
        &RAM_PER_VCPU
    }

    fn description(&self) -> &str {
        "SCS flavors give at most 4 GiB of RAM per vCPU."
    }

    fn url(&self) -> &str {
        "https://acme.example/policies/flavors"
    }

    fn defined_by(&self) -> DefinedBy {
        DefinedBy::Other("acme-policy-1".into())
    }

    async fn run(&self, ctx: &Context) -> Result<Outcome, Outcome> {
        // Shared with the built-in testcases: the flavors are fetched once. A fact that cannot
        // be loaded ABORTs this testcase with its cause (`?`: From<FactError> for Outcome).
        let flavors = ctx.flavors().await?;
        let too_much: Vec<Finding> = flavors
            .iter()
            .filter(|f| f.name.starts_with("SCS-") && f.ram > 4 * 1024 * u64::from(f.vcpus))
            .map(|f| Finding::error(&f.name, format!("{} MiB RAM for {} vCPUs", f.ram, f.vcpus)))
            .collect();
        let checked = scs::standards::Findings { findings: too_much };
        Ok(Outcome::from_check(checked))
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut registry = Registry::builtin();
    registry.register(RamPerVcpu);

    let ctx = Arc::new(Context::new(demo::source()));
    let ids = [
        "acme-ram-per-vcpu",
        "scs-0100-syntax-check",
        "scs-0103-flavor-1v-8",
    ];
    let outcomes = run_blocking(&registry, ids, &ctx)?;
    for (id, outcome) in &outcomes {
        println!("{id}: {}", outcome.status);
        for finding in &outcome.findings {
            println!("  {finding}");
        }
    }
    Ok(())
}
