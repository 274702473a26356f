//! External testcases: a scope script (run by `scs-scope`'s runner) behind the [`Testcase`]
//! trait, so built-in and external testcases mix in one run.

use std::sync::Arc;

use async_trait::async_trait;
use scs_scope::{Invocation, RunOptions, ScriptCall, TestcaseId};
use scs_standards::Finding;
use tokio::sync::OnceCell;

use crate::context::Context;
use crate::outcome::{Outcome, Status};
use crate::testcase::{DefinedBy, Testcase};

/// One testcase answered by a scope script. The testcases made from one [`ScriptCall`] share
/// one execution: the first to run starts the script (on a blocking thread), the others wait
/// for its results.
///
/// ```no_run
/// use scs_testkit::{Registry, ScriptTestcase};
/// let call = scs_scope::ScriptCall {
///     script: 0,
///     executable: "./iaas/openstack_test.py".into(),
///     args: "-c prod scs-0101-entropy-avail".into(),
///     env: vec![],
///     testcases: vec!["scs-0101-entropy-avail".into()],
///     working_dir: "Tests".into(),
/// };
/// let mut registry = Registry::builtin();
/// // The script replaces the built-in (not implemented) testcase.
/// for t in ScriptTestcase::for_call(call, Default::default(), |_| None) {
///     registry.register(t);
/// }
/// ```
pub struct ScriptTestcase {
    id: TestcaseId,
    description: String,
    url: String,
    call: Arc<ScriptCall>,
    options: Arc<RunOptions>,
    invocation: Arc<OnceCell<Arc<Invocation>>>,
}

impl ScriptTestcase {
    /// One testcase per id of `call`, sharing one execution. `describe` gives a testcase's
    /// description and url (e.g. from [`scs_scope::Scope::testcase`]).
    pub fn for_call(
        call: ScriptCall,
        options: RunOptions,
        describe: impl Fn(&TestcaseId) -> Option<(String, String)>,
    ) -> Vec<ScriptTestcase> {
        let call = Arc::new(call);
        let options = Arc::new(options);
        let invocation = Arc::new(OnceCell::new());
        call.testcases
            .iter()
            .map(|id| {
                let (description, url) = describe(id).unwrap_or_default();
                ScriptTestcase {
                    id: id.clone(),
                    description,
                    url,
                    call: Arc::clone(&call),
                    options: Arc::clone(&options),
                    invocation: Arc::clone(&invocation),
                }
            })
            .collect()
    }

    /// The invocation record (after a run), for the report.
    pub fn invocation(&self) -> Option<&Invocation> {
        self.invocation.get().map(Arc::as_ref)
    }
}

#[async_trait]
impl Testcase for ScriptTestcase {
    fn id(&self) -> &TestcaseId {
        &self.id
    }

    fn description(&self) -> &str {
        &self.description
    }

    fn url(&self) -> &str {
        &self.url
    }

    fn defined_by(&self) -> DefinedBy {
        DefinedBy::Script(self.call.executable.clone().into())
    }

    async fn run(&self, _ctx: &Context) -> Result<Outcome, Outcome> {
        let invocation = self
            .invocation
            .get_or_init(|| async {
                let call = Arc::clone(&self.call);
                let options = Arc::clone(&self.options);
                match tokio::task::spawn_blocking(move || call.run(&options)).await {
                    Ok(invocation) => Arc::new(invocation),
                    // Only a panic in the runner gets here; report it like a crashed script.
                    Err(e) => Arc::new(Invocation {
                        id: String::new(),
                        cmd: self.call.cmd(),
                        results: Default::default(),
                        rc: 127,
                        stdout: vec![],
                        stderr: vec![format!("CRITICAL: script runner failed: {e}")],
                        info: 0,
                        warning: 0,
                        error: 0,
                        critical: 1,
                        ignored_ids: vec![],
                    }),
                }
            })
            .await;
        // The script's ERROR lines explain its failures; keep them as findings.
        let findings: Vec<Finding> = invocation
            .stderr
            .iter()
            .filter_map(|line| line.strip_prefix("ERROR: "))
            .map(|message| Finding::error(&self.call.executable, message))
            .collect();
        let status = invocation
            .results
            .get(self.id.as_str())
            .copied()
            .unwrap_or(Status::Abort);
        let reason = (status == Status::Abort).then(|| {
            invocation
                .stderr
                .iter()
                .rev()
                .find(|l| l.starts_with("CRITICAL"))
                .cloned()
                .unwrap_or_else(|| {
                    format!(
                        "{} reported ABORT or nothing for {}",
                        self.call.executable, self.id
                    )
                })
        });
        Ok(Outcome {
            status,
            findings,
            reason,
        })
    }
}
