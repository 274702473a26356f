use super::*;
use crate::Severity;
use proptest::prelude::*;

/// A Debian 13 cloud image's serial console after the probe ran (cloud-init 24 decorates the
/// output of scripts-user with the kernel's timestamp and its own tag).
const DEBIAN_HEALTHY: &str = "\
[    0.000000] Linux version 6.12.38+deb13-cloud-amd64 (debian-kernel@lists.debian.org) (x86_64-linux-gnu-gcc-14 (Debian 14.2.0-19) 14.2.0)
[    0.000000] Command line: BOOT_IMAGE=/boot/vmlinuz-6.12.38+deb13-cloud-amd64 root=PARTUUID=5b1c console=tty0 console=ttyS0,115200 earlyprintk=ttyS0,115200
[    0.412003] random: crng init done
[    1.950114] virtio_rng virtio3: registered
[    4.518112] cloud-init[401]: Cloud-init v. 25.1.2 running 'init-local' at Thu, 03 Dec 2026 07:00:01 +0000. Up 4.49 seconds.
[    6.022871] cloud-init[455]: ci-info: ++++++++++++++++++++++++++++++++++++++Net device info+++++++++++++++++++++++++++++++++++++++
[    6.023004] cloud-init[455]: ci-info: | Device |  Up  |   Address    |      Mask     | Scope  |     Hw-Address    |
\r
[   31.801002] cloud-init[612]: Cloud-init v. 25.1.2 running 'modules:final' at Thu, 03 Dec 2026 07:00:28 +0000. Up 31.70 seconds.
[   31.911230] cloud-init[612]: SCS-ENTROPY: entropy_avail=256
[   44.002871] cloud-init[612]: SCS-ENTROPY: fips_successes=999
[   44.002990] cloud-init[612]: SCS-ENTROPY: fips_failures=1
[   44.120004] cloud-init[612]: SCS-ENTROPY: rngd=active
[   44.131771] cloud-init[612]: SCS-ENTROPY: virtio_rng=present
[   44.131999] cloud-init[612]: SCS-ENTROPY: hw_rng_current=virtio_rng.0
[   44.132100] cloud-init[612]: SCS-ENTROPY-END
[   44.250731] cloud-init[612]: Cloud-init v. 25.1.2 finished at Thu, 03 Dec 2026 07:00:41 +0000. Datasource DataSourceOpenStackLocal [net,ver=2].  Up 44.24 seconds
\r
Debian GNU/Linux 13 scs-0101-probe-1 ttyS0\r
\r
scs-0101-probe-1 login: ";

/// The loopback cloud's simulated guest with `scs-entropy=low` (lines undecorated, as
/// `.ci/openstack/scs_fake_guest.py` prints them).
const FAKE_GUEST_STARVED: &str = "\
[    0.000000] Linux version 6.1.0-27-cloud-amd64 (debian-kernel@lists.debian.org)
[    1.204118] random: crng init done
[    5.812303] cloud-init[412]: Cloud-init v. 22.4.2 running 'init' at 2026-12-03T07:00:00.000000. Up 5.71 seconds.
[    9.118730] cloud-init[566]: Cloud-init v. 22.4.2 running 'modules:final'. Up 9.02 seconds.
SCS-ENTROPY: entropy_avail=17
SCS-ENTROPY: fips_successes=963
SCS-ENTROPY: fips_failures=37
SCS-ENTROPY: rngd=inactive
SCS-ENTROPY: virtio_rng=absent
SCS-ENTROPY: hw_rng_current=none
SCS-ENTROPY-END
[   10.441250] cloud-init[566]: Cloud-init v. 22.4.2 finished. Datasource DataSourceOpenStackLocal.  Up 10.33 seconds

Debian GNU/Linux 12 scs-0101-probe-x ttyS0

scs-0101-probe-x login: ";

/// Ubuntu while the probe still runs rngtest: no end marker yet.
const UBUNTU_UNFINISHED: &str = "\
[   12.004512] cloud-init[880]: Cloud-init v. 24.4.1-0ubuntu0~24.04.1 running 'modules:final' at Thu, 03 Dec 2026 07:10:00 +0000. Up 11.90 seconds.
[   12.100001] cloud-init[880]: SCS-ENTROPY: entropy_avail=256
[   13.500000] cloud-init[880]: Reading package lists...
[   14.700000] cloud-init[880]: + echo SCS-ENTROPY-END
";

/// The script could not run: cloud-init reports the module as failed, and no end marker comes.
const FAILED_MODULE: &str = "\
[   30.100000] cloud-init[612]: Cloud-init v. 25.1.2 running 'modules:final' at Thu, 03 Dec 2026 07:00:28 +0000. Up 30.00 seconds.
[   30.200000] cloud-init[612]: /var/lib/cloud/instance/scripts/part-001: 3: Syntax error: \"(\" unexpected
[   30.210000] cloud-init[612]: 2026-12-03 07:00:29,001 - subp.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/part-001 [2]
[   30.210100] cloud-init[612]: 2026-12-03 07:00:29,002 - cc_scripts_user.py[WARNING]: Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)
[   30.210200] cloud-init[612]: 2026-12-03 07:00:29,003 - log_util.py[WARNING]: Running module scripts-user (<module 'cloudinit.config.cc_scripts_user'>) failed
[   30.400000] cloud-init[612]: Cloud-init v. 25.1.2 finished at Thu, 03 Dec 2026 07:00:29 +0000. Datasource DataSourceOpenStackLocal.  Up 30.39 seconds
";

const SAMPLE: &str = "Debian 13";

fn status(d: &Decision) -> &'static str {
    match d {
        Ok(o) if o.passed() => "PASS",
        Ok(_) => "FAIL",
        Err(_) => "ABORT",
    }
}

fn all(r: &ConsoleReadings) -> [&'static str; 4] {
    [
        status(&entropy_avail(r, SAMPLE)),
        status(&fips_test(r, SAMPLE)),
        status(&rngd(r, SAMPLE)),
        status(&virtio_rng(r, SAMPLE)),
    ]
}

#[test]
fn a_healthy_debian_console_passes_everything() {
    let r = parse_console(DEBIAN_HEALTHY);
    assert!(r.finished && r.failed_modules.is_empty());
    assert_eq!(r.values.len(), 6, "{r:?}");
    assert_eq!(r.get(Key::HwRngCurrent), Some("virtio_rng.0"));
    assert_eq!(all(&r), ["PASS"; 4]);
    for d in [
        entropy_avail(&r, SAMPLE),
        fips_test(&r, SAMPLE),
        rngd(&r, SAMPLE),
        virtio_rng(&r, SAMPLE),
    ] {
        assert!(d.unwrap().findings.is_empty());
    }
}

#[test]
fn a_starved_guest_fails_entropy_and_fips_and_warns_about_rngd_and_virtio() {
    let r = parse_console(FAKE_GUEST_STARVED);
    assert!(r.finished);
    assert_eq!(all(&r), ["FAIL", "FAIL", "PASS", "PASS"]);
    let e = entropy_avail(&r, SAMPLE).unwrap();
    assert_eq!(e.findings[0].object, SAMPLE);
    assert!(
        e.findings[0]
            .message
            .starts_with("/proc/sys/kernel/random/entropy_avail is 17, not 256")
    );
    let f = fips_test(&r, SAMPLE).unwrap();
    assert!(
        f.findings[0]
            .message
            .starts_with("rngtest counted 37 FIPS 140-2 failures in 1000 blocks"),
        "{}",
        f.findings[0]
    );
    for d in [rngd(&r, SAMPLE), virtio_rng(&r, SAMPLE)] {
        let o = d.unwrap();
        assert_eq!(o.findings.len(), 1);
        assert_eq!(o.findings[0].severity, Severity::Warning);
        assert!(
            o.findings[0].message.contains("(scs-0101)"),
            "{}",
            o.findings[0]
        );
    }
    assert!(
        virtio_rng(&r, SAMPLE).unwrap().findings[0]
            .message
            .contains("in use: none")
    );
}

#[test]
fn an_unfinished_probe_is_undecided_even_for_what_it_printed() {
    let r = parse_console(UBUNTU_UNFINISHED);
    // "+ echo SCS-ENTROPY-END" is a traced command, not the marker.
    assert!(!r.finished && !r.done());
    assert_eq!(r.get(Key::EntropyAvail), Some("256"));
    assert_eq!(all(&r), ["PASS", "ABORT", "ABORT", "ABORT"]);
    assert_eq!(
        fips_test(&r, SAMPLE).unwrap_err().to_string(),
        "the probe in a VM of Debian 13 did not finish (no SCS-ENTROPY-END on the console)"
    );
    // No marker at all: nothing is decided.
    let none = parse_console(&DEBIAN_HEALTHY.replace("SCS-ENTROPY", "SCS-ENTR0PY"));
    assert_eq!(none, ConsoleReadings::default());
    assert_eq!(all(&none), ["ABORT"; 4]);
}

#[test]
fn a_failed_module_stops_waiting_and_says_so() {
    let r = parse_console(FAILED_MODULE);
    assert_eq!(r.failed_modules, ["scripts-user"]);
    assert!(r.probe_failed() && r.done() && !r.finished);
    assert_eq!(all(&r), ["ABORT"; 4]);
    let e = entropy_avail(&r, SAMPLE).unwrap_err().to_string();
    assert!(e.contains("Failed to run module scripts-user"), "{e}");
    // Another module's failure (no network for apt) does not end the probe.
    let other = parse_console(
        "[ 20.1] cloud-init[612]: 2026-12-03 07:00:20,001 - cc_package_update_upgrade_install.py[WARNING]: Failed to run module package-update-upgrade-install (scripts in /x)\nSCS-ENTROPY: entropy_avail=256\n",
    );
    assert_eq!(other.failed_modules, ["package-update-upgrade-install"]);
    assert!(!other.done());
}

#[test]
fn fips_follows_the_standard_not_the_reference_at_five() {
    let r = |ok: u64, bad: u64| {
        parse_console(&format!(
            "SCS-ENTROPY: fips_successes={ok}\nSCS-ENTROPY: fips_failures={bad}\nSCS-ENTROPY-END\n"
        ))
    };
    assert_eq!(status(&fips_test(&r(1000, 0), SAMPLE)), "PASS");
    assert_eq!(status(&fips_test(&r(996, 4), SAMPLE)), "PASS");
    // "below 5 out of 1000 blocks" (scs-0101-w1); the reference would pass 5.
    assert_eq!(status(&fips_test(&r(995, 5), SAMPLE)), "FAIL");
    assert_eq!(status(&fips_test(&r(994, 6), SAMPLE)), "FAIL");
    // Too few blocks to say; but 5 failures in fewer blocks are a failure anyway.
    assert_eq!(status(&fips_test(&r(500, 0), SAMPLE)), "ABORT");
    assert_eq!(status(&fips_test(&r(10, 5), SAMPLE)), "FAIL");
    // rngtest missing in the VM: the probe prints `unknown`.
    let unknown = parse_console(
        "SCS-ENTROPY: fips_successes=unknown\nSCS-ENTROPY: fips_failures=unknown\nSCS-ENTROPY-END",
    );
    let e = fips_test(&unknown, SAMPLE).unwrap_err().to_string();
    assert_eq!(
        e,
        "the probe in a VM of Debian 13 reported fips_failures=unknown, not a number"
    );
    // Finished without the key.
    let e = entropy_avail(&parse_console("SCS-ENTROPY-END"), SAMPLE)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "the probe in a VM of Debian 13 did not report entropy_avail"
    );
}

#[test]
fn entropy_avail_is_exactly_256() {
    for (value, want) in [
        ("256", "PASS"),
        ("255", "FAIL"),
        ("257", "FAIL"),
        ("4096", "FAIL"),
        ("0", "FAIL"),
        ("", "ABORT"),
        ("-1", "ABORT"),
    ] {
        let r = parse_console(&format!(
            "SCS-ENTROPY: entropy_avail={value}\nSCS-ENTROPY-END"
        ));
        assert_eq!(status(&entropy_avail(&r, SAMPLE)), want, "{value:?}");
    }
}

#[test]
fn only_decorated_marker_lines_count() {
    let r = parse_console(
        "echo 'SCS-ENTROPY: rngd=fake'\n\
         [ 1.0] sh[12]: printf 'SCS-ENTROPY: %s=%s' x\n\
         SCS-ENTROPY: =nokey\n\
         SCS-ENTROPY: no pair\n\
         SCS-ENTROPY:rngd=nospace\n\
         [ 2.0] [ 2.1]  cloud-init[5]:   SCS-ENTROPY: rngd=active  \r\n\
         SCS-ENTROPY: rngd=second\n\
         SCS-ENTROPY: future_key=1\n\
         [ 3.0] cloud-init[5]: SCS-ENTROPY-END\r\n\
         SCS-ENTROPY: entropy_avail=256\n",
    );
    assert_eq!(r.values.len(), 2, "{r:?}");
    assert_eq!(r.values["rngd"], "active");
    assert_eq!(r.values["future_key"], "1");
    assert!(r.finished);
    assert_eq!(r.get(Key::EntropyAvail), None, "after the end marker");
}

#[test]
fn user_data_prints_every_key_in_order() {
    let mut at = 0;
    for key in Key::ALL {
        let found = USER_DATA[at..]
            .find(&format!("say {key} "))
            .unwrap_or_else(|| panic!("{key} not printed after byte {at}"));
        at += found;
    }
    assert!(USER_DATA[at..].contains("echo SCS-ENTROPY-END\n"));
    assert!(USER_DATA.contains("rngtest -c 1000 </dev/random"));
}

#[test]
fn readings_round_trip_through_yaml() {
    let r = parse_console(FAILED_MODULE);
    let yaml = serde_yaml::to_string(&r).unwrap();
    assert_eq!(serde_yaml::from_str::<ConsoleReadings>(&yaml).unwrap(), r);
    let e = serde_yaml::from_str::<ConsoleReadings>("{values: {}, finishd: true}").unwrap_err();
    assert!(e.to_string().contains("finishd"), "{e}");
}

#[test]
fn the_image_and_flavor_are_chosen_as_documented() {
    let img = |name: &str, distro: &str, version: &str| {
        Image::new(name)
            .with("os_distro", distro)
            .with("os_version", version)
    };
    let images = [
        img("CentOS", "centos", "9"),
        img("Ubuntu 24.04", "ubuntu", "24.04"),
        img("Debian 11", "Debian", "bullseye"),
        img("Debian 12", "debian", "12"),
        img("Debian 12 again", "debian", "12"),
    ];
    assert_eq!(canonical_image(&images).unwrap().name, "Debian 12");
    assert_eq!(canonical_image(&images[..2]).unwrap().name, "Ubuntu 24.04");
    assert_eq!(canonical_image(&images[..1]).unwrap().name, "CentOS");

    let mut image = Image::new("Debian 12");
    image.min_ram = 512;
    image.min_disk = 3;
    let flavors = [
        CloudFlavor::new("SCS-1L-1", 1, 1024, 0),
        CloudFlavor::new("SCS-2V-4-20s", 2, 4096, 20).with_spec("hw_rng:allowed", "True"),
        CloudFlavor::new("SCS-1V-2-5", 1, 2048, 5),
        CloudFlavor::new("SCS-1V-2-2", 1, 2048, 2),
    ];
    // A root disk first, then the device allowed, then small.
    let (f, boot) = choose_flavor(&flavors, &image).unwrap();
    assert_eq!((f.name.as_str(), boot), ("SCS-2V-4-20s", Boot::Image));
    let (f, boot) = choose_flavor(&flavors[2..], &image).unwrap();
    assert_eq!((f.name.as_str(), boot), ("SCS-1V-2-5", Boot::Image));
    let (f, boot) = choose_flavor(&flavors[..1], &image).unwrap();
    assert_eq!(
        (f.name.as_str(), boot),
        ("SCS-1L-1", Boot::Volume { size_gib: 8 })
    );
    image.min_ram = 8192;
    assert!(choose_flavor(&flavors, &image).is_none());
}

/// Console noise: anything without the marker and without a failed module.
fn noise() -> impl Strategy<Value = String> {
    "[ -~]{0,60}".prop_filter("no marker", |s| {
        !s.contains(MARK) && !s.contains("Failed to run module")
    })
}

/// Console decoration in front of a marked line.
fn decoration() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "\\[ {0,4}[0-9]{1,5}\\.[0-9]{6}\\] ",
        "\\[ {0,4}[0-9]{1,5}\\.[0-9]{6}\\] cloud-init\\[[0-9]{1,5}\\]: ",
        "[a-z-]{1,10}\\[[0-9]{1,5}\\]: ",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the noise and decoration, the readings are exactly the printed pairs.
    #[test]
    fn printed_readings_are_read_back(
        pairs in prop::collection::btree_map("[a-z_]{1,16}", "[!-~]{0,20}", 0..8),
        noise in prop::collection::vec(noise(), 0..30),
        decorations in prop::collection::vec(decoration(), 9),
        split in any::<prop::sample::Index>(),
    ) {
        let mut lines: Vec<String> = noise.clone();
        let mut at = split.index(lines.len() + 1);
        for (i, (k, v)) in pairs.iter().enumerate() {
            lines.insert(at.min(lines.len()), format!("{}SCS-ENTROPY: {k}={v}", decorations[i % 9]));
            at += 1 + (i % 3);
        }
        let end_at = lines.len();
        lines.push(format!("{}{END_MARKER}", decorations[8]));
        lines.extend(noise.iter().cloned());
        lines.push("SCS-ENTROPY: late=1".into());
        let console = lines.join("\r\n");
        let r = parse_console(&console);
        prop_assert!(r.finished);
        prop_assert!(r.failed_modules.is_empty());
        let want = pairs.clone();
        prop_assert_eq!(&r.values, &want);
        // Cut before the end marker: not finished, and what was read is a subset.
        let cut = lines[..end_at].join("\n");
        let early = parse_console(&cut);
        prop_assert!(!early.finished && !early.done());
        for (k, v) in &early.values {
            prop_assert_eq!(Some(v), want.get(k));
        }
    }

    /// Any text parses without panicking; every value comes from a line holding the marker.
    #[test]
    fn any_text_is_a_console(text in "(?s).{0,400}", lines in prop::collection::vec("[ -~\\t\\r]{0,80}", 0..20)) {
        for console in [text.clone(), lines.join("\n")] {
            let r = parse_console(&console);
            for (k, v) in &r.values {
                let line = format!("SCS-ENTROPY: {k}={v}");
                prop_assert!(console.lines().any(|l| l.contains(&line)), "{:?} not in the console", line);
            }
            // The decisions never panic either.
            let _ = all(&r);
        }
    }
}
