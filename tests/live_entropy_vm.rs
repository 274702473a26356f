//! scs-0101 on a sample VM against the REAL loopback OpenStack of `.ci/openstack/` (Keystone,
//! Nova API, conductor, scheduler and compute, Placement, Glance, Neutron): `scs` creates a
//! network, subnet and router, boots a server `scs-0101-probe-<uuid>` with the probe's user data,
//! reads its console through `os-getConsoleOutput`, and deletes everything.
//!
//! **The guest is simulated, and only the guest**: there is no hypervisor on these machines, so
//! nova-compute runs Nova's fake driver with `.ci/openstack/scs_fake_guest.py`, whose console
//! answers the probe's user data as a Debian guest would (healthy: entropy_avail=256, 2 FIPS
//! failures, rngd active, virtio-rng present; with server metadata `scs-entropy=low`: a starved
//! guest, entropy_avail=17, 37 failures, no rngd, no virtio-rng). Every API call is real.
//!
//! Each test registers (as scs-admin) a public Debian image of its own, ranked above any seeded
//! image (`os_version` 99), and a small flavor, so that it knows what the VM boots; both are
//! deleted at the end. Run them one at a time under `flock /tmp/scs-live.lock` (other tests share the cloud).
#![cfg(feature = "openstack")]

mod common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const IDS: [&str; 4] = [
    "scs-0101-entropy-avail",
    "scs-0101-fips-test",
    "scs-0101-rngd",
    "scs-0101-virtio-rng",
];

/// The running cloud, with a bootable image and a flavor of this test (removed on drop).
/// The tests of this file boot VMs from images they create as "the newest Debian": one at a
/// time, or one test's VM would boot another's image.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

struct Cloud {
    /// Held until the cloud's resources are deleted (fields drop after `Drop::drop`).
    _turn: std::sync::MutexGuard<'static, ()>,
    run: PathBuf,
    home: tempfile::TempDir,
    tag: String,
    image: String,
    flavor: String,
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl Cloud {
    fn start() -> Cloud {
        let run = common::openstack_run();
        let tag = format!("scs-0101-live-{}", std::process::id());
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let mut cloud = Cloud {
            _turn: turn,
            run,
            home: tempfile::tempdir().unwrap(),
            tag,
            image: String::new(),
            flavor: String::new(),
        };
        let file = cloud.home.path().join("image.raw");
        std::fs::write(&file, vec![0u8; 1024]).unwrap();
        cloud.flavor = cloud.openstack_ok(
            "scs-admin",
            &[
                "flavor",
                "create",
                "--vcpus",
                "1",
                "--ram",
                "512",
                "--disk",
                "1",
                "--property",
                "hw_rng:allowed=True",
                &format!("{}-flavor", cloud.tag),
                "-f",
                "value",
                "-c",
                "id",
            ],
        );
        cloud.image = cloud.openstack_ok(
            "scs-admin",
            &[
                "image",
                "create",
                "--public",
                "--disk-format",
                "raw",
                "--container-format",
                "bare",
                "--file",
                file.to_str().unwrap(),
                "--property",
                "os_distro=debian",
                "--property",
                "os_version=99",
                "--property",
                "hw_rng_model=virtio",
                &format!("{}-debian", cloud.tag),
                "-f",
                "value",
                "-c",
                "id",
            ],
        );
        cloud
    }

    fn clouds(&self) -> PathBuf {
        self.run.join("clouds.yaml")
    }

    fn openstack(&self, cloud: &str, args: &[&str]) -> Output {
        Command::new("openstack")
            .arg("--os-cloud")
            .arg(cloud)
            .args(args)
            .env("OS_CLIENT_CONFIG_FILE", self.clouds())
            .env("HOME", self.home.path())
            .output()
            .unwrap()
    }

    fn openstack_ok(&self, cloud: &str, args: &[&str]) -> String {
        let out = self.openstack(cloud, args);
        assert!(
            out.status.success(),
            "openstack {args:?}: {}",
            text(&out.stderr)
        );
        text(&out.stdout).trim().to_owned()
    }

    fn scs(&self, args: &[&str]) -> Command {
        common::scs_as_user(self.home.path(), &self.run, args)
    }

    /// `scs openstack-test -c scs-member EXTRA… IDS`: the `id: STATUS` lines, stderr.
    fn verdicts(&self, extra: &[&str]) -> (Vec<String>, String) {
        let mut args = vec!["openstack-test", "-c", "scs-member"];
        args.extend(extra);
        args.extend(IDS);
        let out = self.scs(&args).output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let lines = text(&out.stdout).lines().map(str::to_owned).collect();
        (lines, text(&out.stderr))
    }

    /// Names starting with `scs-0101-probe-` among the member's servers, networks, subnets,
    /// routers and ports (ports by their network's name is not possible; by device name none).
    fn leftovers(&self) -> Vec<String> {
        let mut left = Vec::new();
        for kind in ["server", "network", "subnet", "router", "volume"] {
            let names =
                self.openstack_ok("scs-member", &[kind, "list", "-f", "value", "-c", "Name"]);
            left.extend(
                names
                    .lines()
                    .filter(|n| n.starts_with("scs-0101-probe-"))
                    .map(|n| format!("{kind} {n}")),
            );
        }
        left
    }
}

impl Drop for Cloud {
    fn drop(&mut self) {
        if !self.image.is_empty() {
            let _ = self.openstack("scs-admin", &["image", "delete", &self.image]);
        }
        if !self.flavor.is_empty() {
            let _ = self.openstack("scs-admin", &["flavor", "delete", &self.flavor]);
        }
    }
}

fn expect(verdicts: &[String], want: [&str; 4], stderr: &str) {
    let want: Vec<String> = IDS
        .iter()
        .zip(want)
        .map(|(id, status)| format!("{id}: {status}"))
        .collect();
    assert_eq!(verdicts, want, "{stderr}");
}

/// The compliant (simulated healthy) guest passes all four; the recording of the cloud gives the
/// same verdicts offline; nothing is left behind.
#[test]
#[cfg_attr(
    scs_no_openstack,
    ignore = "needs the loopback OpenStack: .ci/openstack/start (then touch build.rs if it was not running when the tests were built)"
)]
fn healthy_guest_passes_and_the_recording_replays() {
    let cloud = Cloud::start();
    let t = Instant::now();
    let (verdicts, stderr) = cloud.verdicts(&[]);
    eprintln!("live run: {:?}", t.elapsed());
    expect(&verdicts, ["PASS"; 4], &stderr);
    assert!(!stderr.contains("WARNING"), "{stderr}");
    assert_eq!(cloud.leftovers(), Vec::<String>::new());

    let file = cloud.home.path().join("recorded.yaml");
    let t = Instant::now();
    let out = cloud
        .scs(&["snapshot", "-c", "scs-member", "-o", file.to_str().unwrap()])
        .output()
        .unwrap();
    eprintln!("scs snapshot: {:?}", t.elapsed());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("entropy_vm"),
        "{}",
        text(&out.stderr)
    );
    let recorded = std::fs::read_to_string(&file).unwrap();
    assert!(recorded.contains("entropy_vm:"), "{recorded}");
    assert!(
        recorded.contains(&format!("image: {}-debian", cloud.tag)),
        "{recorded}"
    );
    let (replayed, replay_stderr) = cloud.verdicts(&["--snapshot", file.to_str().unwrap()]);
    assert_eq!(replayed, verdicts, "{replay_stderr}");
    assert_eq!(cloud.leftovers(), Vec::<String>::new());
}

/// A guest that reports low entropy (server metadata `scs-entropy=low`, see the module docs):
/// entropy-avail and fips-test FAIL; rngd and virtio-rng only warn (scs-0101 v1.1 no longer
/// recommends them); nothing is left behind.
#[test]
#[cfg_attr(
    scs_no_openstack,
    ignore = "needs the loopback OpenStack: .ci/openstack/start (then touch build.rs if it was not running when the tests were built)"
)]
fn starved_guest_fails_entropy_and_fips() {
    let cloud = Cloud::start();
    let t = Instant::now();
    let mut args = vec![
        "openstack-test",
        "-c",
        "scs-member",
        "--vm-property",
        "scs-entropy=low",
    ];
    args.extend(IDS);
    let out = cloud.scs(&args).output().unwrap();
    eprintln!("live run: {:?}", t.elapsed());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let verdicts: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    let stderr = text(&out.stderr);
    expect(&verdicts, ["FAIL", "FAIL", "PASS", "PASS"], &stderr);
    for needle in [
        "entropy_avail is 17, not 256",
        "rngtest counted 37 FIPS 140-2 failures in 1000 blocks",
        "rngd is not running (inactive)",
        "the VM has no virtio-rng device",
    ] {
        assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
    }
    assert_eq!(cloud.leftovers(), Vec::<String>::new());
}

/// Names of the member's `kind`s (`server`, `network`) starting with `scs-0101-probe-`.
fn probe_names(cloud: &Cloud, kind: &str) -> Vec<String> {
    cloud
        .openstack_ok("scs-member", &[kind, "list", "-f", "value", "-c", "Name"])
        .lines()
        .filter(|n| n.starts_with("scs-0101-probe-"))
        .map(str::to_owned)
        .collect()
}

/// Starts a run, sends SIGINT once a `kind` of the probe exists, and checks that `scs` removed
/// everything (exit status 130, "removed the temporary … network scs-0101-probe-…").
fn interrupt_once(cloud: &Cloud, kind: &str) {
    let mut args = vec!["openstack-test", "-c", "scs-member"];
    args.extend(IDS);
    let mut child = cloud
        .scs(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "no probe {kind} appeared"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before a probe {kind} was seen"
        );
        if !probe_names(cloud, kind).is_empty() {
            break;
        }
    }
    // SAFETY: kill(2) on our own child's pid.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    let said = stderr
        .lines()
        .find_map(|l| l.strip_prefix("CRITICAL: interrupted; "))
        .unwrap_or_else(|| panic!("no CRITICAL line: {stderr}"));
    assert!(
        said.starts_with("removed the temporary ")
            && said.contains(&format!("{kind} scs-0101-probe-")),
        "{stderr}"
    );
    eprintln!(
        "SIGINT once a {kind} existed: done after {:?}",
        start.elapsed()
    );
    assert_eq!(
        cloud.leftovers(),
        Vec::<String>::new(),
        "after SIGINT once a {kind} existed"
    );
}

/// Ctrl-C once the probe's network exists, and once its server does: `scs` stops, deletes the
/// server, router, subnet and network, and nothing is left behind.
#[test]
#[cfg_attr(
    scs_no_openstack,
    ignore = "needs the loopback OpenStack: .ci/openstack/start (then touch build.rs if it was not running when the tests were built)"
)]
fn interrupted_run_leaves_nothing() {
    let cloud = Cloud::start();
    interrupt_once(&cloud, "network");
    interrupt_once(&cloud, "server");
}
