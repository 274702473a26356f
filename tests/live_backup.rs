//! scs-0117-test-backup and `scs cleanup` against the REAL loopback OpenStack of
//! `.ci/openstack/` (Cinder API, scheduler, volume with the file backend, cinder-backup with the
//! POSIX driver; Nova, Neutron and Barbican for the planted leftovers). Nothing here is simulated.
//!
//! - PASS on the compliant cloud, and nothing named `scs-0117-probe-*` left afterwards;
//! - FAIL naming the step when the cloud refuses the backup (the project's backup quota set
//!   to 0: Cinder answers 413), the volume removed all the same;
//! - FAIL naming the step when the cloud has no backup service (a second loopback cloud
//!   without cinder-backup, in its own network namespace: the backup goes to `error`);
//! - SIGINT to the `scs` process at several moments (right after the start, with the volume, while
//!   the backup is being made, while restoring, during the probe's own cleanup): exit 130
//!   within the cleanup limit (300 s), nothing left;
//! - `scs cleanup` lists exactly the planted resources carrying a probe prefix that the user
//!   owns (Barbican's secrets included), removes them with `--apply`, and leaves look-alike
//!   names and another user's resources alone.
//!
//! Run them under the shared lock: `flock /tmp/scs-live.lock cargo test --test live_backup`.
//! The cloud is `$SCS_OPENSTACK_RUN` (default `/tmp/scs-openstack`); without it (no `ready` when
//! the tests were built) they are ignored, except under `CI`, where they fail.
#![cfg(feature = "openstack")]

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use scs_testkit::openstack::cleanup::{Leftover, LeftoverKind, find_leftovers};
use scs_testkit::openstack::{CloudSettings, Environment, OpenStackOptions, OpenStackSource};

static LIVE: Mutex<()> = Mutex::new(());

const ID: &str = "scs-0117-test-backup";
const PREFIX: &str = "scs-0117-probe-";

struct Live {
    run: PathBuf,
    home: tempfile::TempDir,
    runtime: tokio::runtime::Runtime,
    member: OpenStackSource,
    _guard: MutexGuard<'static, ()>,
}

fn live() -> Live {
    let guard = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    let run = common::openstack_run();
    let home = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let member = runtime.block_on(connect(&run, &home, "scs-member"));
    Live {
        run,
        home,
        runtime,
        member,
        _guard: guard,
    }
}

async fn connect(run: &std::path::Path, home: &tempfile::TempDir, cloud: &str) -> OpenStackSource {
    let env = Environment::empty(home.path()).var(
        "OS_CLIENT_CONFIG_FILE",
        run.join("clouds.yaml").to_str().unwrap(),
    );
    let settings = CloudSettings::find(Some(cloud), &env).unwrap();
    OpenStackSource::connect(&settings, OpenStackOptions::default())
        .await
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl Live {
    fn command(&self, args: &[&str]) -> Command {
        common::scs_as_user(self.home.path(), &self.run, args)
    }

    fn scs(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    fn spawn(&self, args: &[&str]) -> Child {
        self.command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// `openstack --os-cloud CLOUD ARGS` (python3-openstackclient), which must succeed.
    fn openstack(&self, cloud: &str, args: &[&str]) -> String {
        self.openstack_with(&self.run.join("clouds.yaml"), cloud, args)
    }

    fn openstack_with(&self, clouds: &std::path::Path, cloud: &str, args: &[&str]) -> String {
        let out = Command::new("openstack")
            .args(["--os-cloud", cloud])
            .args(args)
            .env("OS_CLIENT_CONFIG_FILE", clouds)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "openstack {args:?}: {}",
            text(&out.stderr)
        );
        text(&out.stdout).trim().to_owned()
    }

    /// What `scs cleanup` would find for scs-member, restricted to `prefix`.
    fn leftovers(&self, prefix: &str) -> Vec<Leftover> {
        self.runtime
            .block_on(find_leftovers(&self.member))
            .unwrap()
            .into_iter()
            .filter(|l| l.name.starts_with(prefix))
            .collect()
    }

    /// Waits until the Cinder object `kind NAME` has `status`.
    fn wait_status(&self, kind: &[&str], name: &str, status: &str) {
        let start = Instant::now();
        loop {
            let mut args = kind.to_vec();
            args.extend(["show", name, "-f", "value", "-c", "status"]);
            let now = self.openstack("scs-member", &args);
            if now == status {
                return;
            }
            assert!(!now.starts_with("error"), "{name} went to {now}");
            assert!(
                start.elapsed() < Duration::from_secs(300),
                "{name} is {now}, not {status}"
            );
            std::thread::sleep(Duration::from_secs(1));
        }
    }
}

fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[test]
#[cfg_attr(
    scs_no_openstack,
    ignore = "needs the loopback OpenStack: .ci/openstack/start (then touch build.rs if it was not running when the tests were built)"
)]
fn backup_passes_on_the_compliant_cloud_and_leaves_nothing() {
    let live = live();
    let started = Instant::now();
    let out = live.scs(&["openstack-test", "-c", "scs-member", ID]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(text(&out.stdout), format!("{ID}: PASS\n"), "{stderr}");
    for line in [
        "INFO: create-volume: the volume was available after ",
        "INFO: create-backup: the backup was available after ",
        "INFO: restore: the restored volume was available after ",
    ] {
        assert!(stderr.contains(line), "{line} not in {stderr}");
    }
    eprintln!("scs-0117-test-backup PASS in {:?}", started.elapsed());
    assert_eq!(live.leftovers(PREFIX), []);
}

/// Restores the project's backup quota when dropped (also when the test fails).
struct Quota<'a> {
    live: &'a Live,
    backups: String,
}

impl Drop for Quota<'_> {
    fn drop(&mut self) {
        self.live.openstack(
            "scs-admin",
            &["quota", "set", "--backups", &self.backups, "scs-test"],
        );
    }
}

/// A cloud whose backup service refuses (the project may keep no backup: Cinder answers 413 to
/// the backup request) FAILs, naming the step; the volume is removed all the same.
#[test]
#[cfg_attr(
    scs_no_openstack,
    ignore = "needs the loopback OpenStack: .ci/openstack/start (then touch build.rs if it was not running when the tests were built)"
)]
fn backup_fails_naming_the_step_when_the_cloud_refuses_it() {
    let live = live();
    let backups = live.openstack(
        "scs-admin",
        &["quota", "show", "scs-test", "-f", "value", "-c", "backups"],
    );
    let _restore = Quota {
        live: &live,
        backups,
    };
    live.openstack("scs-admin", &["quota", "set", "--backups", "0", "scs-test"]);
    let started = Instant::now();
    let out = live.scs(&["openstack-test", "-c", "scs-member", ID]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(text(&out.stdout), format!("{ID}: FAIL\n"), "{stderr}");
    assert!(
        stderr.contains(
            "ERROR: create-backup: the Block Storage API refused to back the volume up (HTTP 413: "
        ),
        "{stderr}"
    );
    assert!(stderr.contains("MUST be offered to customers"), "{stderr}");
    eprintln!(
        "scs-0117-test-backup FAIL (quota 0) in {:?}",
        started.elapsed()
    );
    assert_eq!(live.leftovers(PREFIX), []);
}

/// The second loopback cloud, started without cinder-backup in a network namespace of its own
/// (`.ci/openstack/README.md`, "Backup service missing"): its run folder and the namespace.
fn cloud_without_backup() -> (PathBuf, String) {
    let run = common::service_run(
        "SCS_OPENSTACK_NOBACKUP_RUN",
        "/tmp/scs-openstack-nobackup",
        &["ready", "no-backup"],
        "the loopback OpenStack without cinder-backup",
        ".ci/openstack/no-backup start",
    );
    let netns =
        std::env::var("SCS_OPENSTACK_NOBACKUP_NETNS").unwrap_or_else(|_| "scs-nobackup".into());
    (run, netns)
}

/// `scs ARGS` as a user with only `run`'s `clouds.yaml`, inside the network namespace `netns`
/// (where that cloud's 127.0.0.1 is).
fn scs_in_namespace(
    netns: &str,
    home: &std::path::Path,
    run: &std::path::Path,
    args: &[&str],
) -> Output {
    let user = common::scs_as_user(home, run, args);
    let mut command = Command::new("ip");
    command
        .args(["netns", "exec", netns])
        .arg(user.get_program())
        .args(user.get_args())
        .current_dir(home)
        .env_clear();
    for (key, value) in user.get_envs() {
        if let Some(value) = value {
            command.env(key, value);
        }
    }
    command.output().unwrap()
}

/// A cloud without a backup service: Cinder accepts the backup (HTTP 202), its scheduler finds
/// no cinder-backup ("Service not found for creating backup") and the backup goes to `error`.
/// scs-0117 FAILs naming the step and the reason, and removes the volume. The errored backup
/// is the one thing left: Cinder refuses to delete a backup while no backup service runs (404
/// "Service cinder-backup could not be found" to the member, HTTP 500 to an admin's forced
/// delete), so the testcase warns, naming it and `scs cleanup --apply`, and `scs cleanup` lists
/// it. Every part is the real service (a second loopback cloud, started with
/// `SCS_OPENSTACK_BACKUP=0` in its own network namespace).
#[test]
#[cfg_attr(
    scs_no_openstack_no_backup,
    ignore = "needs a second loopback OpenStack without cinder-backup in the network namespace scs-nobackup (.ci/openstack/README.md, \"Backup service missing\"; .ci/run starts it)"
)]
fn backup_fails_naming_the_step_when_the_backup_service_is_missing() {
    let (run, netns) = cloud_without_backup();
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = scs_in_namespace(
        &netns,
        home.path(),
        &run,
        &["openstack-test", "-c", "scs-member", ID],
    );
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(text(&out.stdout), format!("{ID}: FAIL\n"), "{stderr}");
    assert!(
        stderr.contains("ERROR: create-backup: the backup went to status `error` after ")
            && stderr.contains("(Service not found for creating backup.)"),
        "{stderr}"
    );
    assert!(stderr.contains("MUST be offered to customers"), "{stderr}");
    eprintln!(
        "scs-0117-test-backup FAIL (no backup service) in {:?}",
        started.elapsed()
    );
    // The warning names this run's backup; the volume is gone.
    let warning = stderr
        .lines()
        .find(|l| l.starts_with("WARNING: backup "))
        .unwrap_or_else(|| panic!("no warning about the backup: {stderr}"));
    assert!(
        warning.contains("Service cinder-backup could not be found")
            && warning.ends_with("remove it with `scs cleanup --apply`"),
        "{warning}"
    );
    let backup = warning
        .strip_prefix("WARNING: backup ")
        .and_then(|rest| rest.split(' ').next())
        .unwrap();
    let run_name = backup.strip_suffix("-backup").unwrap();
    assert!(run_name.starts_with(PREFIX), "{backup}");
    let out = scs_in_namespace(&netns, home.path(), &run, &["cleanup", "-c", "scs-member"]);
    let listed = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let this_run: Vec<&str> = listed.lines().filter(|l| l.contains(run_name)).collect();
    assert_eq!(this_run.len(), 1, "{listed}");
    assert!(
        this_run[0].starts_with(&format!("backup {backup} (")) && this_run[0].ends_with(", error)"),
        "{listed}"
    );
}

/// SIGINT to `scs openstack-test` once `moment` holds for the probe's resources (or after
/// `after` when there is no condition); returns how long the process took to exit after it.
fn interrupt(
    live: &Live,
    moment: &str,
    after: Duration,
    holds: impl Fn(&[Leftover]) -> bool,
) -> Duration {
    let mut child = live.spawn(&["openstack-test", "-c", "scs-member", ID]);
    let started = Instant::now();
    std::thread::sleep(after);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("{moment}: the run ended ({status}) before the moment came");
        }
        if holds(&live.leftovers(PREFIX)) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(900),
            "{moment}: never came"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
    let signalled = Instant::now();
    // SAFETY: kill(2) on our own child's pid, which has not been reaped yet.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let took = signalled.elapsed();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{moment}: {stderr}");
    assert!(
        stderr.contains("CRITICAL: interrupted; "),
        "{moment}: {stderr}"
    );
    assert!(
        took <= Duration::from_secs(300),
        "{moment}: {took:?} from SIGINT to exit"
    );
    assert_eq!(live.leftovers(PREFIX), [], "{moment}: {stderr}");
    eprintln!("SIGINT {moment}: exit 130 after {took:?}; nothing left");
    took
}

fn has(leftovers: &[Leftover], kind: LeftoverKind, suffix: &str, status: Option<&str>) -> bool {
    leftovers.iter().any(|l| {
        l.kind == kind
            && l.name.ends_with(suffix)
            && status.is_none_or(|s| l.status.as_deref() == Some(s))
    })
}

/// Ctrl-C at five moments of a run leaves nothing, each within the cleanup limit.
#[test]
#[cfg_attr(
    scs_no_openstack,
    ignore = "needs the loopback OpenStack: .ci/openstack/start (then touch build.rs if it was not running when the tests were built)"
)]
fn interrupted_runs_leave_nothing() {
    let live = live();
    let at = Duration::ZERO;
    interrupt(
        &live,
        "while connecting",
        Duration::from_millis(150),
        |_| true,
    );
    interrupt(&live, "with the volume", at, |l| {
        has(l, LeftoverKind::Volume, "-volume", None)
    });
    interrupt(&live, "while the backup is made", at, |l| {
        has(l, LeftoverKind::Backup, "-backup", Some("creating"))
    });
    interrupt(&live, "while restoring", at, |l| {
        has(l, LeftoverKind::Volume, "-restored", Some("creating"))
            || has(
                l,
                LeftoverKind::Volume,
                "-restored",
                Some("restoring-backup"),
            )
    });
    // The restored volume is available: the probe starts removing what it made.
    interrupt(&live, "as the probe's own cleanup begins", at, |l| {
        has(l, LeftoverKind::Volume, "-restored", Some("available"))
            || l.iter().any(|v| v.status.as_deref() == Some("deleting"))
    });
}

/// `scs cleanup` lists what carries a probe prefix and belongs to the user (volume, backup,
/// network, router with its interface, security group, key pair, Barbican secret), removes
/// exactly that with `--apply`, and leaves look-alike names and another user's volume and
/// secret alone.
#[test]
#[cfg_attr(
    scs_no_openstack,
    ignore = "needs the loopback OpenStack: .ci/openstack/start (then touch build.rs if it was not running when the tests were built)"
)]
fn cleanup_removes_planted_leftovers_and_nothing_else() {
    let live = live();
    let n = unique() % 1_000_000_000;
    let m = |args: &[&str]| live.openstack("scs-member", args);
    // Ours.
    let vol = format!("scs-0117-probe-planted{n}-volume");
    let backup = format!("scs-0117-probe-planted{n}-backup");
    let net = format!("scs-0101-probe-planted{n}-net");
    let subnet = format!("scs-0101-probe-planted{n}-subnet");
    let router = format!("scs-0101-probe-planted{n}-router");
    let group = format!("scs-0115-probe-planted{n}");
    let keypair = format!("scs-0101-probe-planted{n}-key");
    let secret = format!("scs-0116-probe-planted{n}");
    // Look-alikes: no probe prefix.
    let alike_vols = [
        "scs-0117-probe".to_owned(),
        format!("SCS-0117-PROBE-{n}"),
        format!("x-scs-0117-probe-{n}"),
        format!("scs-0117-prob-{n}"),
    ];
    let alike_net = format!("scs-0101-probes-{n}");
    let alike_group = format!("scs-0115-probe_{n}");
    let alike_secret = format!("scs-0116-probe_{n}");

    m(&["volume", "create", "--size", "1", &vol]);
    for name in &alike_vols {
        m(&["volume", "create", "--size", "1", name]);
    }
    m(&["network", "create", &net]);
    m(&[
        "subnet",
        "create",
        "--network",
        &net,
        "--subnet-range",
        "10.79.0.0/24",
        &subnet,
    ]);
    m(&["router", "create", &router]);
    m(&["router", "add", "subnet", &router, &subnet]);
    m(&["network", "create", &alike_net]);
    m(&["security", "group", "create", &group]);
    m(&["security", "group", "create", &alike_group]);
    m(&["keypair", "create", &keypair]);
    for name in [&secret, &alike_secret] {
        m(&["secret", "store", "--name", name, "--payload", "planted"]);
    }

    // Another user of the same project with a volume carrying the prefix: not ours.
    let other = format!("scs-other-{n}");
    let password = format!("pw-{n}-{}", unique());
    live.openstack(
        "scs-admin",
        &[
            "user",
            "create",
            "--project",
            "scs-test",
            "--password",
            &password,
            &other,
        ],
    );
    live.openstack(
        "scs-admin",
        &[
            "role",
            "add",
            "--user",
            &other,
            "--project",
            "scs-test",
            "member",
        ],
    );
    let clouds = std::fs::read_to_string(live.run.join("clouds.yaml")).unwrap();
    let mut doc: serde_yaml::Value = serde_yaml::from_str(&clouds).unwrap();
    let mut entry = doc["clouds"]["scs-member"].clone();
    entry["auth"]["username"] = other.clone().into();
    entry["auth"]["password"] = password.into();
    doc["clouds"]["scs-other"] = entry;
    let other_clouds = live.home.path().join("other-clouds.yaml");
    std::fs::write(&other_clouds, serde_yaml::to_string(&doc).unwrap()).unwrap();
    let others_vol = format!("scs-0117-probe-other{n}-volume");
    live.openstack_with(
        &other_clouds,
        "scs-other",
        &["volume", "create", "--size", "1", &others_vol],
    );
    // Barbican lists the project's secrets to every member: the creator decides.
    let others_secret = format!("scs-0116-probe-other{n}");
    live.openstack_with(
        &other_clouds,
        "scs-other",
        &[
            "secret",
            "store",
            "--name",
            &others_secret,
            "--payload",
            "theirs",
        ],
    );

    live.wait_status(&["volume"], &vol, "available");
    m(&["volume", "backup", "create", "--name", &backup, &vol]);

    let ours: Vec<String> = vec![
        format!("router {router}"),
        format!("network {net}"),
        format!("security group {group}"),
        format!("key pair {keypair}"),
        format!("backup {backup}"),
        format!("volume {vol}"),
        format!("secret {secret}"),
    ];
    let listed = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.contains(&format!("{n}")))
            .map(|l| l.split(" (").next().unwrap().to_owned())
            .collect()
    };
    let out = live.scs(&["cleanup", "-c", "scs-member"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(listed(&stdout), ours, "{stdout}");
    assert!(stdout.contains("nothing removed (dry run)"), "{stdout}");
    // The dry run changed nothing.
    let again = live.scs(&["cleanup", "-c", "scs-member"]);
    assert_eq!(listed(&text(&again.stdout)), ours);

    let started = Instant::now();
    let out = live.scs(&["cleanup", "-c", "scs-member", "--apply"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    let removed: Vec<String> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("removed "))
        .filter(|l| l.contains(&format!("{n}")))
        .map(|l| l.split(" (").next().unwrap().to_owned())
        .collect();
    assert_eq!(removed, ours, "{stdout}");
    eprintln!(
        "scs cleanup --apply removed {} in {:?}",
        removed.len(),
        started.elapsed()
    );
    let out = live.scs(&["cleanup", "-c", "scs-member"]);
    assert_eq!(listed(&text(&out.stdout)), Vec::<String>::new());

    // The look-alikes and the other user's volume are still there; then remove them.
    let volumes = m(&["volume", "list", "-f", "value", "-c", "Name"]);
    for name in &alike_vols {
        assert!(volumes.lines().any(|l| l == name), "{name} was removed");
    }
    assert!(
        volumes.lines().any(|l| l == others_vol),
        "{others_vol} was removed"
    );
    assert!(!volumes.lines().any(|l| l == vol));
    let networks = m(&["network", "list", "-f", "value", "-c", "Name"]);
    assert!(networks.lines().any(|l| l == alike_net));
    assert!(!networks.lines().any(|l| l == net));
    let groups = m(&["security", "group", "list", "-f", "value", "-c", "Name"]);
    assert!(groups.lines().any(|l| l == alike_group));
    assert!(!groups.lines().any(|l| l == group));
    // The href of the secret `name` that `cloud` sees, if any (JSON: an empty table has no
    // columns to pick).
    let secret_href = |clouds: &std::path::Path, cloud: &str, name: &str| -> Option<String> {
        let listed = live.openstack_with(clouds, cloud, &["secret", "list", "-f", "json"]);
        let listed: Vec<serde_json::Value> = serde_json::from_str(&listed).unwrap();
        listed
            .iter()
            .find(|s| s["Name"] == name)
            .map(|s| s["Secret href"].as_str().unwrap().to_owned())
    };
    let members = live.run.join("clouds.yaml");
    assert_eq!(secret_href(&members, "scs-member", &secret), None);
    let alike_href = secret_href(&members, "scs-member", &alike_secret)
        .unwrap_or_else(|| panic!("{alike_secret} was removed"));
    let others_href = secret_href(&other_clouds, "scs-other", &others_secret)
        .unwrap_or_else(|| panic!("{others_secret} was removed"));

    for name in &alike_vols {
        m(&["volume", "delete", name]);
    }
    live.openstack_with(
        &other_clouds,
        "scs-other",
        &["volume", "delete", &others_vol],
    );
    m(&["network", "delete", &alike_net]);
    m(&["security", "group", "delete", &alike_group]);
    m(&["secret", "delete", &alike_href]);
    live.openstack_with(
        &other_clouds,
        "scs-other",
        &["secret", "delete", &others_href],
    );
    live.openstack("scs-admin", &["user", "delete", &other]);
}
