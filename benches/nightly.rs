//! The nightly run's scale figure (issue 15): 50 subjects, each served by a fake-cloud test
//! double that answers every request after 30 ms (the demo cloud's facts behind a fixed
//! latency), at 1, 4 and 16 workers: wall time and peak heap.
//!
//! The run is `scs_testkit::nightly::NightlyRun` as `scs run --no-upload` makes it (the
//! built-in IaaS scope, every in-process testcase, the merged report written atomically);
//! only the clouds are doubles. Peak heap is measured by a counting global allocator (bytes
//! live at the worst moment of the run, minus those live before it), so it is the run's own
//! memory, not the process's.
//!
//! Run: `cargo bench --bench nightly` (a harness of its own: one figure per worker count is
//! the median of 3 runs; criterion's many samples would take minutes at 1 worker).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use scs::standards::cloud::{
    CatalogEntry, CloudFlavor, DefaultSecurityGroupRule, Image, SecurityGroupRule, VolumeType,
};
use scs::standards::volume_backup::VolumeBackupProbe;
use scs::testkit::check::Cloud;
use scs::testkit::nightly::{CloudFactory, NightlyOptions, NightlyRun, RunConfig};
use scs::testkit::{
    CloudSource, Context, EntropyVmProbe, FactError, KeyManagerProbe, SnapshotSource, SwiftS3Probe,
    async_trait, demo,
};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let grown = new_size - layout.size();
                let now = LIVE.fetch_add(grown, Ordering::Relaxed) + grown;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SUBJECTS: usize = 50;
const LATENCY: Duration = Duration::from_millis(30);

/// The test double: the demo cloud's facts, each request answered after [`LATENCY`].
struct Slow(SnapshotSource);

impl Slow {
    async fn wait(&self) {
        tokio::time::sleep(LATENCY).await;
    }
}

#[async_trait]
impl CloudSource for Slow {
    async fn flavors(&self) -> Result<Arc<Vec<CloudFlavor>>, FactError> {
        self.wait().await;
        self.0.flavors().await
    }
    async fn images(&self) -> Result<Arc<Vec<Image>>, FactError> {
        self.wait().await;
        self.0.images().await
    }
    async fn volume_types(&self) -> Result<Arc<Vec<VolumeType>>, FactError> {
        self.wait().await;
        self.0.volume_types().await
    }
    async fn default_security_group_rules(
        &self,
    ) -> Result<Option<Arc<Vec<DefaultSecurityGroupRule>>>, FactError> {
        self.wait().await;
        self.0.default_security_group_rules().await
    }
    async fn catalog(&self) -> Result<Arc<Vec<CatalogEntry>>, FactError> {
        self.wait().await;
        self.0.catalog().await
    }
    async fn roles(&self) -> Result<Arc<Vec<String>>, FactError> {
        self.wait().await;
        self.0.roles().await
    }
    async fn fresh_security_group_rules(&self) -> Result<Arc<Vec<SecurityGroupRule>>, FactError> {
        self.wait().await;
        self.0.fresh_security_group_rules().await
    }
    async fn swift_s3(&self) -> Result<Arc<SwiftS3Probe>, FactError> {
        self.wait().await;
        self.0.swift_s3().await
    }
    async fn key_manager_member_access(&self) -> Result<Arc<KeyManagerProbe>, FactError> {
        self.wait().await;
        self.0.key_manager_member_access().await
    }
    async fn volume_backup(&self) -> Result<Arc<VolumeBackupProbe>, FactError> {
        self.wait().await;
        self.0.volume_backup().await
    }
    async fn entropy_vm(&self) -> Result<Arc<EntropyVmProbe>, FactError> {
        self.wait().await;
        self.0.entropy_vm().await
    }
    fn taken_at(&self) -> Option<DateTime<Utc>> {
        self.0.taken_at()
    }
}

fn doubles() -> CloudFactory {
    Arc::new(|_subject, _mapping| {
        Box::pin(async {
            // Connecting costs a round trip too.
            tokio::time::sleep(LATENCY).await;
            Cloud::Facts(Arc::new(Context::new(Slow(demo::source()))))
        })
    })
}

/// One run at `workers`: (wall time, peak heap bytes above the start).
fn night(workers: usize, dir: &std::path::Path) -> (Duration, usize) {
    let subjects: Vec<String> = (0..SUBJECTS).map(|i| format!("\"cloud-{i:02}\"")).collect();
    let config = RunConfig::from_toml_str(
        &format!(
            "[presets.default]\nscopes = [\"iaas\"]\nsubjects = [{}]\n\
             [scopes.iaas]\nspec = \"iaas\"\n[subjects._.mapping]\nos_cloud = \"{{subject}}\"\n",
            subjects.join(", ")
        ),
        dir,
    )
    .expect("the bench config");
    let mut options = NightlyOptions::new(dir.join(format!("night-{workers}.yaml")));
    options.upload = false;
    options.workers = Some(workers);
    let run = Arc::new(
        NightlyRun::prepare(config, options)
            .expect("the bench run")
            .with_clouds(doubles()),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let started = Instant::now();
    let done = runtime.block_on(run.run(|_| {})).expect("the run");
    let wall = started.elapsed();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    assert_eq!(done.outcomes.len(), SUBJECTS);
    assert!(done.outcomes.iter().all(|o| o.problem.is_none()));
    assert_eq!(done.merged.matches("\nsubject: ").count(), SUBJECTS);
    (wall, peak)
}

fn main() {
    // `cargo test --benches` runs this with `--test`-like flags; one quick pass is enough there.
    let quick = std::env::args().any(|a| a == "--test");
    let dir = tempfile::tempdir().expect("a temporary folder");
    println!(
        "nightly: {SUBJECTS} subjects, {} ms per request, built-in IaaS scope, no upload",
        LATENCY.as_millis()
    );
    println!("workers  wall (median of 3)  peak heap   per concurrent subject");
    for workers in [1, 4, 16] {
        let rounds = if quick { 1 } else { 3 };
        let mut runs: Vec<(Duration, usize)> =
            (0..rounds).map(|_| night(workers, dir.path())).collect();
        runs.sort();
        let (wall, _) = runs[runs.len() / 2];
        let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
        println!(
            "{workers:>7}  {:>17.3} s  {:>7.2} MB  {:>7.2} MB",
            wall.as_secs_f64(),
            peak as f64 / 1e6,
            peak as f64 / 1e6 / workers as f64
        );
    }
}
