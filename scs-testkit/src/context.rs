//! The cloud's facts for one run, fetched lazily and at most once.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use tokio::sync::OnceCell;

use scs_standards::cloud::Image;
use scs_standards::image_visibility::ImageCheck;

use crate::facts::{CloudSource, Memos};
use crate::source::{FactError, List};

/// A fact as testcases get it: shared, or the (shared) reason it could not be loaded.
pub type Got<T> = Result<Arc<T>, FactError>;

/// One memoized answer: the first caller fetches, concurrent callers wait for that fetch, later
/// callers get the stored answer. A failed fetch is stored too (and not retried), so that every
/// testcase needing the fact aborts with the same cause, and the source is asked once.
#[derive(Debug)]
pub(crate) struct Memo<A>(OnceCell<A>);

impl<A> Default for Memo<A> {
    fn default() -> Self {
        Memo(OnceCell::new())
    }
}

impl<A: Clone> Memo<A> {
    /// `A` is cheap to clone (a `Result` of an `Arc`).
    pub(crate) async fn get<F>(&self, fetch: F) -> A
    where
        F: Future<Output = A>,
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
    pub(crate) source: Arc<dyn CloudSource>,
    now: DateTime<Utc>,
    /// One memo per fact of the [fact table](crate::facts); the accessors are generated there.
    pub(crate) memos: Memos,
    /// The images each kind of check counts, by [`ImageCheck::index`].
    counted_images: [Memo<Result<List<Image>, FactError>>; ImageCheck::ALL.len()],
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
            memos: Memos::default(),
            counted_images: Default::default(),
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

    /// The images a check of `check`'s kind counts, by the rule of
    /// [`scs_standards::image_visibility`] (quoting the standard); the same shared list as
    /// [`Context::images`] when every image counts.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use scs_standards::image_visibility::ImageCheck;
    /// let source = scs_testkit::SnapshotSource::from_yaml_str(
    ///     "images: [{name: Debian 12, visibility: public},
    ///               {name: Debian 12 20260101, visibility: public, os_hidden: true}]").unwrap();
    /// let ctx = scs_testkit::Context::new(source);
    /// assert_eq!(ctx.images_for(ImageCheck::ImageMetadata).await.unwrap().len(), 2);
    /// assert_eq!(ctx.images_for(ImageCheck::StandardImages).await.unwrap().len(), 1);
    /// # });
    /// ```
    pub async fn images_for(&self, check: ImageCheck) -> Got<Vec<Image>> {
        self.counted_images[check.index()]
            .get(async {
                let images = self.images().await?;
                if images.iter().all(|i| check.counts(i)) {
                    return Ok(images);
                }
                Ok(Arc::new(
                    images.iter().filter(|i| check.counts(i)).cloned().collect(),
                ))
            })
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
