//! The cloud's facts for one run, fetched lazily and at most once.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use tokio::sync::OnceCell;

use scs_standards::cloud::{
    CatalogEntry, CloudFlavor, DefaultSecurityGroupRule, Image, SecurityGroupRule, VolumeType,
};

use crate::source::{CloudSource, EntropyVmProbe, FactError, KeyManagerProbe, List, SwiftS3Probe};

/// A fact as testcases get it: shared, or the (shared) reason it could not be loaded.
pub type Got<T> = Result<Arc<T>, FactError>;

/// One memoized fact: the first caller fetches, concurrent callers wait for that fetch, later
/// callers get the stored answer. A failed fetch is stored too (and not retried), so that every
/// testcase needing the fact aborts with the same cause, and the source is asked once.
#[derive(Debug)]
struct Memo<T>(OnceCell<Result<T, FactError>>);

impl<T: Clone> Memo<T> {
    fn new() -> Self {
        Memo(OnceCell::new())
    }

    /// `T` is cheap to clone (an `Arc`).
    async fn get<F>(&self, fetch: F) -> Result<T, FactError>
    where
        F: Future<Output = Result<T, FactError>>,
    {
        self.0.get_or_init(|| fetch).await.clone()
    }
}

/// What testcases see of the cloud: each fact of a [`CloudSource`], fetched when a testcase
/// first asks for it and then shared, plus the time at which dates are judged.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use scs_testkit::{Context, SnapshotSource};
/// let source = SnapshotSource::from_yaml_str("flavors: []\nimages: []\n").unwrap();
/// let ctx = Context::new(source);
/// assert!(ctx.flavors().await.unwrap().is_empty());
/// // A fact the snapshot lacks is an error, shared by everyone who asks.
/// let e = ctx.catalog().await.unwrap_err();
/// assert_eq!(e.to_string(), "catalog: the snapshot has no `catalog` key");
/// # });
/// ```
pub struct Context {
    source: Arc<dyn CloudSource>,
    now: DateTime<Utc>,
    flavors: Memo<List<CloudFlavor>>,
    images: Memo<List<Image>>,
    public_images: Memo<List<Image>>,
    volume_types: Memo<List<VolumeType>>,
    default_rules: Memo<Option<List<DefaultSecurityGroupRule>>>,
    catalog: Memo<List<CatalogEntry>>,
    roles: Memo<List<String>>,
    fresh_rules: Memo<List<SecurityGroupRule>>,
    swift_s3: Memo<Arc<SwiftS3Probe>>,
    key_manager: Memo<Arc<KeyManagerProbe>>,
    entropy_vm: Memo<Arc<EntropyVmProbe>>,
    /// Results derived from facts, by type: each value is an `Arc<OnceCell<Arc<T>>>`.
    derived: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

impl Context {
    /// A context over `source`; dates are judged at the source's
    /// [`taken_at`](CloudSource::taken_at), else now.
    pub fn new(source: impl CloudSource + 'static) -> Self {
        Self::from_arc(Arc::new(source))
    }

    /// Like [`Context::new`], for a source already shared.
    pub fn from_arc(source: Arc<dyn CloudSource>) -> Self {
        let now = source.taken_at().unwrap_or_else(Utc::now);
        Context {
            source,
            now,
            flavors: Memo::new(),
            images: Memo::new(),
            public_images: Memo::new(),
            volume_types: Memo::new(),
            default_rules: Memo::new(),
            catalog: Memo::new(),
            roles: Memo::new(),
            fresh_rules: Memo::new(),
            swift_s3: Memo::new(),
            key_manager: Memo::new(),
            entropy_vm: Memo::new(),
            derived: Mutex::default(),
        }
    }

    /// The same context judging dates at `now` instead.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let at = Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap();
    /// let ctx = scs_testkit::Context::new(scs_testkit::SnapshotSource::default()).at(at);
    /// assert_eq!(ctx.now(), at);
    /// ```
    pub fn at(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self
    }

    /// The time at which dates (image recency) are judged.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// All flavors.
    pub async fn flavors(&self) -> Got<Vec<CloudFlavor>> {
        self.flavors.get(self.source.flavors()).await
    }

    /// All images, every visibility.
    pub async fn images(&self) -> Got<Vec<Image>> {
        self.images.get(self.source.images()).await
    }

    /// The images scs-0102 and scs-0104 are about: `public` and `community` ones, hidden ones
    /// included ("managed by the service provider, provided for public consumption").
    pub async fn public_images(&self) -> Got<Vec<Image>> {
        self.public_images.get(self.source.public_images()).await
    }

    /// All volume types.
    pub async fn volume_types(&self) -> Got<Vec<VolumeType>> {
        self.volume_types.get(self.source.volume_types()).await
    }

    /// The default security-group rules; `None` on clouds without that API.
    pub async fn default_security_group_rules(
        &self,
    ) -> Result<Option<List<DefaultSecurityGroupRule>>, FactError> {
        self.default_rules
            .get(self.source.default_security_group_rules())
            .await
    }

    /// The token catalog.
    pub async fn catalog(&self) -> Got<Vec<CatalogEntry>> {
        self.catalog.get(self.source.catalog()).await
    }

    /// The token's role names.
    pub async fn roles(&self) -> Got<Vec<String>> {
        self.roles.get(self.source.roles()).await
    }

    /// Probe: the rules of a fresh security group.
    pub async fn fresh_security_group_rules(&self) -> Got<Vec<SecurityGroupRule>> {
        self.fresh_rules
            .get(self.source.fresh_security_group_rules())
            .await
    }

    /// Probe: S3 next to Swift.
    pub async fn swift_s3(&self) -> Got<SwiftS3Probe> {
        self.swift_s3
            .get(async { self.source.swift_s3().await.map(Arc::new) })
            .await
    }

    /// Probe: the key manager with the member role.
    pub async fn key_manager_member_access(&self) -> Got<KeyManagerProbe> {
        self.key_manager
            .get(async { self.source.key_manager_member_access().await.map(Arc::new) })
            .await
    }

    /// Probe: a sample VM's entropy readings (scs-0101); one VM however many testcases ask.
    pub async fn entropy_vm(&self) -> Got<EntropyVmProbe> {
        self.entropy_vm
            .get(async { self.source.entropy_vm().await.map(Arc::new) })
            .await
    }

    /// A result derived from the facts, computed once per context by the first caller and
    /// shared with every later (or concurrent) caller; one value per type `T`.
    ///
    /// Testcases that look at the same data in different ways use it to do the work once, e.g.
    /// the scs-0102 property testcases share one pass over the images.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use scs_testkit::{Context, SnapshotSource};
    /// struct FlavorCount(usize);
    /// let ctx = Context::new(SnapshotSource::from_yaml_str("flavors: []").unwrap());
    /// let count = ctx.derived(|| async { FlavorCount(ctx.flavors().await.map_or(0, |f| f.len())) }).await;
    /// assert_eq!(count.0, 0);
    /// // Computed once: a second initializer is not called.
    /// let again = ctx.derived(|| async { FlavorCount(99) }).await;
    /// assert_eq!(again.0, 0);
    /// # });
    /// ```
    pub async fn derived<T, F, Fut>(&self, init: F) -> Arc<T>
    where
        T: Any + Send + Sync,
        F: FnOnce() -> Fut,
        Fut: Future<Output = T>,
    {
        let cell = {
            // A poisoned lock only means another testcase panicked while inserting; the map
            // itself is still consistent.
            let mut map = self.derived.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(
                map.entry(TypeId::of::<T>())
                    .or_insert_with(|| Arc::new(OnceCell::<Arc<T>>::new())),
            )
        };
        let cell = cell
            .downcast::<OnceCell<Arc<T>>>()
            .unwrap_or_else(|_| unreachable!("the entry for a type holds that type's cell"));
        cell.get_or_init(|| async { Arc::new(init().await) })
            .await
            .clone()
    }
}
