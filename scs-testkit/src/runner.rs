//! Running testcases concurrently against one [`Context`].

use std::sync::Arc;

use indexmap::IndexMap;
use tokio::task::JoinSet;

use crate::context::Context;
use crate::outcome::Outcome;
use crate::testcase::Registry;
use scs_scope::TestcaseId;

/// Outcomes keyed by testcase id, in the order the ids were asked for (look up with a `&str` or
/// a [`TestcaseId`]).
pub type Outcomes = IndexMap<TestcaseId, Outcome>;

/// Runs the testcases `ids` of `registry` concurrently (each on its own task, so on a
/// multi-threaded runtime they also run in parallel) and returns their outcomes in the order of
/// `ids` (each id once).
///
/// An id the registry does not know ABORTs ("no such testcase"); a testcase that panics ABORTs
/// with the panic message; neither disturbs the others.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use std::sync::Arc;
/// use scs_testkit::{Context, Registry, SnapshotSource, Status, run};
/// let ctx = Arc::new(Context::new(SnapshotSource::from_yaml_str("volume_types: []").unwrap()));
/// let results = run(&Registry::builtin(), ["scs-0114-syntax-check", "scs-0114-encrypted-type", "nope"], &ctx).await;
/// assert_eq!(results["scs-0114-syntax-check"].status, Status::Pass);
/// assert_eq!(results["scs-0114-encrypted-type"].status, Status::Fail);
/// assert_eq!(results["nope"].status, Status::Abort);
/// # });
/// ```
pub async fn run<I, S>(registry: &Registry, ids: I, ctx: &Arc<Context>) -> Outcomes
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut outcomes = Outcomes::new();
    let mut tasks = JoinSet::new();
    let mut task_ids = std::collections::HashMap::new();
    for id in ids {
        let id = id.as_ref();
        if outcomes.contains_key(id) {
            continue;
        }
        match registry.get(id) {
            None => {
                outcomes.insert(
                    TestcaseId::new(id),
                    Outcome::abort(format!("no such testcase: {id}")),
                );
            }
            Some(testcase) => {
                // A placeholder keeps the requested order; the task fills it in.
                let key = testcase.id().clone();
                outcomes.insert(key.clone(), Outcome::abort("did not finish"));
                let testcase = Arc::clone(testcase);
                let ctx = Arc::clone(ctx);
                let task_key = key.clone();
                let handle = tasks.spawn(async move {
                    // `Err` is a testcase's early return (`?`), an outcome like `Ok`.
                    let outcome = testcase.run(&ctx).await.unwrap_or_else(|early| early);
                    (task_key, outcome)
                });
                task_ids.insert(handle.id(), key);
            }
        }
    }
    while let Some(joined) = tasks.join_next_with_id().await {
        match joined {
            Ok((_, (id, outcome))) => {
                outcomes.insert(id, outcome);
            }
            Err(e) => {
                let Some(id) = task_ids.get(&e.id()) else {
                    continue;
                };
                let reason = match e.try_into_panic() {
                    Ok(panic) => panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "(no message)".into()),
                    Err(e) => e.to_string(),
                };
                outcomes.insert(
                    id.clone(),
                    Outcome::abort(format!("testcase panicked: {reason}")),
                );
            }
        }
    }
    outcomes
}

/// [`run`] on a new multi-threaded tokio runtime, for callers that are not async.
///
/// ```
/// use std::sync::Arc;
/// use scs_testkit::{Context, Registry, SnapshotSource, Status, run_blocking};
/// let ctx = Arc::new(Context::new(SnapshotSource::from_yaml_str("catalog: []").unwrap()));
/// let results = run_blocking(&Registry::builtin(), ["scs-0123-service-compute"], &ctx).unwrap();
/// assert_eq!(results["scs-0123-service-compute"].status, Status::Fail);
/// ```
pub fn run_blocking<I, S>(
    registry: &Registry,
    ids: I,
    ctx: &Arc<Context>,
) -> std::io::Result<Outcomes>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    Ok(runtime.block_on(run(registry, ids, ctx)))
}
