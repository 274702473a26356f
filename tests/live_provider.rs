//! The provider commands against REAL OpenStack services on 127.0.0.1 (`.ci/openstack/`):
//! `scs flavor audit`, `scs flavor fix-specs` and `scs flavor plan --apply` repair the flavor
//! defects of `tests/live/provider-cloud.yaml`, and the scs-0103 testcases go from FAIL to PASS.
//!
//! Seeds the cloud first (as every live test does: each seeds what it needs). Hold the shared
//! lock when running it by hand: `flock /tmp/scs-live.lock cargo test --test live_provider`.
//! Without the services the test is ignored (see `build.rs`), except under `CI`.
#![cfg(feature = "openstack")]

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

struct Live {
    run: PathBuf,
    home: tempfile::TempDir,
}

impl Live {
    fn new() -> Live {
        let run = common::openstack_run();
        Live {
            run,
            home: tempfile::tempdir().unwrap(),
        }
    }

    /// `scs ARGS` in an empty home, with the run folder's clouds.yaml.
    fn scs(&self, args: &[&str]) -> Output {
        common::scs_as_user(self.home.path(), &self.run, args)
            .output()
            .unwrap()
    }

    fn seed(&self, file: &str) {
        let file = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/live")).join(file);
        let out = Command::new("bash")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/openstack/seed"))
            .args(["--cloud", "scs-admin"])
            .arg(&file)
            .env("SCS_OPENSTACK_RUN", &self.run)
            .env("OS_CLIENT_CONFIG_FILE", self.run.join("clouds.yaml"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "seeding {} failed:\n{}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Exit status and stdout; stderr shown when the status is not one of `expected`.
fn run(live: &Live, args: &[&str], expected: i32) -> String {
    let out = live.scs(args);
    assert_eq!(
        out.status.code(),
        Some(expected),
        "scs {}:\nstdout:\n{}\nstderr:\n{}",
        args.join(" "),
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

/// The scs-0103 testcases of the flavors the seed file breaks or leaves out.
const AFFECTED: &[&str] = &[
    "scs-0103-flavor-1v-4",
    "scs-0103-flavor-2v-8",
    "scs-0103-flavor-4v-16-100s",
    "scs-0103-flavor-16v-32",
    "scs-0103-flavor-1l-1",
];

/// `id: STATUS` of the affected testcases, run by scs-member as a certification would.
fn verdicts(live: &Live) -> Vec<String> {
    let mut args = vec!["openstack-test", "-c", "scs-member"];
    args.extend(AFFECTED);
    let out = live.scs(&args);
    stdout(&out).lines().map(str::to_owned).collect()
}

/// `scs check` of the SCS-compatible IaaS scope (the standards repository's file) on the
/// affected testcases, as scs-member.
fn check(live: &Live) -> String {
    let scope = PathBuf::from(env!("SCS_STANDARDS")).join("Tests/scs-compatible-iaas.yaml");
    let tests = format!(
        "({})$",
        AFFECTED
            .iter()
            .map(|id| id.to_string())
            .collect::<Vec<_>>()
            .join("|")
    );
    let out = live.scs(&[
        "check",
        "-s",
        "loopback",
        "--os-cloud",
        "scs-member",
        "-t",
        &tests,
        scope.to_str().unwrap(),
    ]);
    stdout(&out)
}

fn all(status: &str) -> Vec<String> {
    AFFECTED
        .iter()
        .map(|id| format!("{id}: {status}"))
        .collect()
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository (SCS_STANDARDS_DIR or ../shared/fixtures/scs-standards)"
)]
#[cfg_attr(
    scs_no_openstack,
    ignore = "needs the OpenStack test services of .ci/openstack (not running when the tests were built)"
)]
fn a_provider_repairs_the_flavors_and_the_standard_flavor_testcases_pass() {
    let live = Live::new();
    live.seed("provider-cloud.yaml");
    let audit = ["flavor", "audit", "--os-cloud", "scs-admin"];

    // Before: four flavors to fix, the scs-0103 testcases of them and two missing ones FAIL.
    let before = run(&live, &audit, 1);
    eprintln!("audit before:\n{before}");
    assert!(
        before.contains("SCS-1V-4: fix; truthful; scs:cpu-type: missing, set shared-core"),
        "{before}"
    );
    assert!(
        before.contains("SCS-2V-8: fix; truthful; scs:cpu-type: is crowded-core, set shared-core")
    );
    assert!(before.contains("m1.small: other; not an SCS name; could be SCS-1L-2-20"));
    assert!(
        before.ends_with("31 flavors: 30 SCS names, 4 to fix, 1 other names\n"),
        "{before}"
    );
    assert_eq!(verdicts(&live), all("FAIL"));
    let checked = check(&live);
    assert!(checked.contains("- main: FAIL"), "{checked}");

    // The dry run shows every change and changes nothing.
    let dry = run(
        &live,
        &["flavor", "fix-specs", "--os-cloud", "scs-admin"],
        1,
    );
    assert!(
        dry.contains("SCS-1V-4: would set scs:name-v2=SCS-1V-4"),
        "{dry}"
    );
    assert!(
        dry.contains("SCS-4V-16-100s: would set scs:disk0-type=ssd"),
        "{dry}"
    );
    assert!(dry.contains("SCS-2V-8: keep scs:cpu-type=crowded-core (the name calls for shared-core; --force overwrites)"), "{dry}");
    assert!(dry.ends_with("dry run: nothing changed; --apply makes these changes\n"));
    assert_eq!(run(&live, &audit, 1), before);

    // A member may not change flavors: each flavor says so, nothing changes.
    let refused = run(
        &live,
        &["flavor", "fix-specs", "--os-cloud", "scs-member", "--apply"],
        1,
    );
    for flavor in ["SCS-1V-4", "SCS-4V-16-100s", "SCS-2V-8-50s"] {
        assert!(
            refused.contains(&format!(
                "{flavor}: REFUSED: the user may not change this flavor's extra specs"
            )),
            "{flavor}: {refused}"
        );
    }
    assert!(refused.contains("HTTP 403"), "{refused}");
    assert_eq!(run(&live, &audit, 1), before);

    // --apply sets what is missing and keeps the conflict; again, it changes nothing more.
    let applied = run(
        &live,
        &["flavor", "fix-specs", "--os-cloud", "scs-admin", "--apply"],
        1,
    );
    assert!(
        applied.contains("SCS-1V-4: set scs:cpu-type=shared-core"),
        "{applied}"
    );
    assert!(
        !applied.contains("REFUSED") && !applied.contains("FAILED"),
        "{applied}"
    );
    let middle = run(&live, &audit, 1);
    assert!(middle.contains("SCS-1V-4: ok; truthful"), "{middle}");
    assert!(middle.ends_with("1 to fix, 1 other names\n"), "{middle}");
    let again = run(
        &live,
        &["flavor", "fix-specs", "--os-cloud", "scs-admin", "--apply"],
        1,
    );
    assert_eq!(
        again,
        "SCS-2V-8: keep scs:cpu-type=crowded-core (the name calls for shared-core; --force overwrites)\n"
    );

    // --force overwrites the conflict, for the flavor named; then the audit is clean.
    let forced = run(
        &live,
        &[
            "flavor",
            "fix-specs",
            "--os-cloud",
            "scs-admin",
            "--apply",
            "--force",
            "SCS-2V-8",
        ],
        0,
    );
    assert_eq!(
        forced,
        "SCS-2V-8: set scs:cpu-type=shared-core (was crowded-core)\n"
    );
    let after = run(&live, &audit, 0);
    eprintln!("audit after fix-specs --apply:\n{after}");
    assert!(
        after.ends_with("31 flavors: 30 SCS names, 0 to fix, 1 other names\n"),
        "{after}"
    );
    assert_eq!(
        run(
            &live,
            &["flavor", "fix-specs", "--os-cloud", "scs-admin", "--apply"],
            0
        ),
        "nothing to change\n"
    );
    let mut fixed = all("PASS");
    fixed[3] = "scs-0103-flavor-16v-32: FAIL".into();
    fixed[4] = "scs-0103-flavor-1l-1: FAIL".into();
    assert_eq!(
        verdicts(&live),
        fixed,
        "the two missing flavors are still missing"
    );

    // plan --apply: a member is refused per flavor; an admin creates the two, once.
    let refused = run(
        &live,
        &["flavor", "plan", "--apply", "--os-cloud", "scs-member"],
        1,
    );
    assert!(
        refused.contains("SCS-16V-32: REFUSED: the user may not create flavors"),
        "{refused}"
    );
    assert!(refused.contains("SCS-1L-1: REFUSED"), "{refused}");
    let created = run(
        &live,
        &["flavor", "plan", "--apply", "--os-cloud", "scs-admin"],
        0,
    );
    let created_lines: Vec<&str> = created
        .lines()
        .filter(|l| l.contains(": created"))
        .collect();
    assert_eq!(created_lines.len(), 2, "{created}");
    assert!(
        created.contains("SCS-2V-4: present (flavor SCS-2V-4), left alone"),
        "{created}"
    );
    let again = run(
        &live,
        &["flavor", "plan", "--apply", "--os-cloud", "scs-admin"],
        0,
    );
    assert!(!again.contains(": created"), "{again}");
    assert_eq!(verdicts(&live), all("PASS"));
    let checked = check(&live);
    assert!(!checked.contains("FAIL"), "{checked}");
    assert!(
        checked.contains(&format!(
            "- main: TENTATIVE pass ({} passed",
            AFFECTED.len()
        )),
        "{checked}"
    );
    let last = run(&live, &audit, 0);
    assert!(
        last.contains("SCS-16V-32: ok; truthful") && last.contains("SCS-1L-1: ok; truthful"),
        "{last}"
    );
}
