//! The [`Testcase`] trait and the [`Registry`] mapping testcase ids to testcases.

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;

use std::fmt;
use std::path::PathBuf;

use scs_scope::TestcaseId;
use scs_standards::StandardId;

use crate::context::Context;
use crate::outcome::Outcome;

/// Who defines a testcase: what [`Testcase::defined_by`] answers.
///
/// ```
/// use scs_testkit::{DefinedBy, Registry};
/// let registry = Registry::builtin();
/// let t = registry.get("scs-0114-syntax-check").unwrap();
/// assert_eq!(t.defined_by(), DefinedBy::Standard("scs-0114".parse().unwrap()));
/// assert_eq!(t.defined_by().to_string(), "scs-0114");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DefinedBy {
    /// An SCS standard (`scs-0100`): the built-in testcases.
    Standard(StandardId),
    /// A scope script that reports on it ([`crate::ScriptTestcase`]): its executable.
    Script(PathBuf),
    /// Another owner's policy or document, by name (`acme-policy-1`).
    Other(String),
}

impl fmt::Display for DefinedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DefinedBy::Standard(id) => write!(f, "{id}"),
            DefinedBy::Script(path) => write!(f, "{}", path.display()),
            DefinedBy::Other(name) => f.write_str(name),
        }
    }
}

/// One testcase of a certificate scope: what it is (id, description, url, who defines it) and
/// how it decides ([`Testcase::run`]).
///
/// Implement it to add your own testcases next to the built-in ones. `run` returns
/// `Result<Outcome, Outcome>` so that `?` works on facts: a [`crate::FactError`] becomes an
/// ABORT with its cause (`From<FactError> for Outcome`).
///
/// ```
/// use async_trait::async_trait;
/// use scs_testkit::{Context, DefinedBy, Outcome, Registry, Testcase, TestcaseId};
///
/// /// Every flavor must be public.
/// struct PublicFlavors;
///
/// static ID: TestcaseId = TestcaseId::from_static("acme-public-flavors");
///
/// #[async_trait]
/// impl Testcase for PublicFlavors {
///     fn id(&self) -> &TestcaseId { &ID }
///     fn description(&self) -> &str { "Every flavor is public." }
///     fn url(&self) -> &str { "https://acme.example/policies#flavors" }
///     fn defined_by(&self) -> DefinedBy { DefinedBy::Other("acme-0001".into()) }
///     async fn run(&self, ctx: &Context) -> Result<Outcome, Outcome> {
///         let flavors = ctx.flavors().await?;
///         Ok(match flavors.iter().find(|f| !f.is_public) {
///             Some(f) => Outcome::fail(&f.name, "flavor is not public"),
///             None => Outcome::pass(),
///         })
///     }
/// }
///
/// let mut registry = Registry::builtin();
/// registry.register(PublicFlavors);
/// assert!(registry.get("acme-public-flavors").is_some());
/// ```
#[async_trait]
pub trait Testcase: Send + Sync {
    /// The testcase id as the scope lists it (`scs-0100-syntax-check`).
    fn id(&self) -> &TestcaseId;
    /// One sentence saying what it ensures.
    fn description(&self) -> &str;
    /// Where it is documented (usually the standard's implementation notes).
    fn url(&self) -> &str;
    /// Who defines it: the standard (`scs-0100`), the script that reports on it, or another
    /// owner.
    fn defined_by(&self) -> DefinedBy;
    /// Decides PASS, FAIL or ABORT from the cloud's facts. Must not panic; a fact that cannot
    /// be loaded should make it ABORT with that cause, which `?` does. `Ok` and `Err` count
    /// alike: `Err` is the early return.
    async fn run(&self, ctx: &Context) -> Result<Outcome, Outcome>;
}

/// Testcases by id.
///
/// ```
/// let registry = scs_testkit::Registry::builtin();
/// let t = registry.get("scs-0114-syntax-check").unwrap();
/// assert_eq!(t.defined_by().to_string(), "scs-0114");
/// assert!(registry.get("scs-9999-nothing").is_none());
/// ```
#[derive(Clone, Default)]
pub struct Registry {
    testcases: BTreeMap<TestcaseId, Arc<dyn Testcase>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.testcases.keys()).finish()
    }
}

impl Registry {
    /// An empty registry.
    ///
    /// ```
    /// assert_eq!(scs_testkit::Registry::new().len(), 0);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Every built-in testcase: all testcase ids of scs-0100, 0101, 0102, 0103, 0104, 0114, 0115,
    /// 0116, 0117 and 0123 in the SCS-compatible IaaS scope (scs-0101's checks inside a VM and
    /// scs-0117's backup ABORT as not implemented).
    ///
    /// ```
    /// let registry = scs_testkit::Registry::builtin();
    /// assert!(registry.get("scs-0103-flavor-2v-4-20s").is_some());
    /// assert!(registry.get("scs-0101-entropy-avail").is_some());
    /// ```
    pub fn builtin() -> Self {
        let mut registry = Registry::new();
        for testcase in crate::builtin::all() {
            registry.register_arc(testcase);
        }
        registry
    }

    /// Adds a testcase, replacing one with the same id (returned).
    pub fn register(&mut self, testcase: impl Testcase + 'static) -> Option<Arc<dyn Testcase>> {
        self.register_arc(Arc::new(testcase))
    }

    /// Adds a shared testcase, replacing one with the same id (returned).
    pub fn register_arc(&mut self, testcase: Arc<dyn Testcase>) -> Option<Arc<dyn Testcase>> {
        self.testcases.insert(testcase.id().clone(), testcase)
    }

    /// The testcase with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<dyn Testcase>> {
        self.testcases.get(id)
    }

    /// Whether a testcase has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.testcases.contains_key(id)
    }

    /// Number of testcases.
    pub fn len(&self) -> usize {
        self.testcases.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.testcases.is_empty()
    }

    /// All testcases, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<dyn Testcase>> {
        self.testcases.values()
    }
}
