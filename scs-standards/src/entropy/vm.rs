//! scs-0101 on a sample VM: the cloud-init user data of the probe, the parser of the VM's
//! console output, the choice of image and flavor, and the decisions of `scs-0101-entropy-avail`,
//! `scs-0101-fips-test`, `scs-0101-rngd` and `scs-0101-virtio-rng`.
//!
//! scs-0101-w1 ("Automated tests") checks entropy "on a sample VM": `scs-0101-entropy-avail`
//! "ensures that the special file `/proc/sys/kernel/random/entropy_avail` contains the value 256
//! (pinned since kernel 5.18)", and `scs-0101-fips-test` "ensures that the number of FIPS 140-2
//! failures is below 5 out of 1000 blocks tested, as determined by `cat /dev/random | rngtest -c
//! 1000`". The VM prints what it saw on its serial console, which the Nova API returns
//! (`os-getConsoleOutput`); nothing has to log in to the VM.
//!
//! # The console protocol
//!
//! [`USER_DATA`] is a shell script that cloud-init runs once (module `scripts-user`). It prints,
//! each on its own line, `SCS-ENTROPY: KEY=VALUE` ([`Key`]: `entropy_avail`, `fips_successes`,
//! `fips_failures`, `rngd`, `virtio_rng`, `hw_rng_current`; values never contain blanks) and
//! last the end marker `SCS-ENTROPY-END`. On the console these lines may carry cloud-init's
//! decoration (`[   9.118730] cloud-init[566]: SCS-ENTROPY: rngd=active`) and sit among kernel
//! and cloud-init noise. [`parse_console`] reads them into [`ConsoleReadings`]:
//!
//! - a line counts only when the marker follows nothing but such decoration (bracketed
//!   timestamps and `name[pid]:` tags), so a command line echoing the marker is not a reading;
//! - everything after the first end marker is ignored (a second boot prints the lines again);
//!   of a key given twice before it, the first value counts;
//! - without the end marker the probe has not finished ([`ConsoleReadings::finished`] is
//!   false): the caller polls again, up to its timeout;
//! - a line of cloud-init's saying `Failed to run module scripts-user` means the script
//!   failed; nothing more will come ([`ConsoleReadings::probe_failed`]).
//!
//! # Decisions (the standard where the reference differs)
//!
//! - **entropy-avail**: FAIL unless `entropy_avail` is exactly 256 (scs-0101-w1).
//! - **fips-test**: FAIL at 5 or more failures. The standard's text says "below 5 out of 1000
//!   blocks"; the reference checker accepts up to 5 (and logs more than 3). Here 5 is a FAIL,
//!   as the standard says. Fewer than 1000 blocks tested with fewer than 5 failures cannot
//!   show what the standard asks: ABORT.
//! - **rngd** and **virtio-rng** never FAIL: "As of version 1.1, the method of injecting
//!   entropy into a VM using a virtualized HRNG together with `rngd` is no longer recommended"
//!   (scs-0101 v1.1, "Version history"), and the host's entropy "can be injected using
//!   `virtio-rng` if so desired" ("Entropy in virtual instances"). The reference fails a VM
//!   without rngd or without a hardware RNG; here that is a warning. (The scope lists
//!   `scs-0101-rngd` in no target; `scs-0101-virtio-rng` is a check the reference defines but
//!   does not register.)
//! - A reading that is missing or malformed, a probe that failed or did not finish: ABORT
//!   ([`Undecided`]), never PASS.
//!
//! ```
//! use scs_standards::entropy::vm::{self, parse_console};
//! let console = "\
//! [    5.81] cloud-init[412]: Cloud-init v. 22.4.2 running 'init'
//! [    9.11] cloud-init[566]: SCS-ENTROPY: entropy_avail=256
//! [    9.12] cloud-init[566]: SCS-ENTROPY: fips_successes=998
//! [    9.12] cloud-init[566]: SCS-ENTROPY: fips_failures=2
//! [    9.13] cloud-init[566]: SCS-ENTROPY-END
//! ";
//! let readings = parse_console(console);
//! assert!(readings.finished);
//! assert!(vm::entropy_avail(&readings, "Debian 13").unwrap().passed());
//! assert!(vm::fips_test(&readings, "Debian 13").unwrap().passed());
//! assert!(vm::rngd(&readings, "Debian 13").is_err()); // not reported: undecided
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::cloud::{CloudFlavor, Image};
use crate::{Finding, Findings};

/// Testcase: a virtio-rng device is present in the sample VM (the reference's check, not in the
/// scope; never fails, see the module's decisions).
pub const VIRTIO_RNG: &str = "scs-0101-virtio-rng";

/// The mark of every probe line: `SCS-ENTROPY: KEY=VALUE`.
pub const MARK: &str = "SCS-ENTROPY";
/// The line the probe prints last.
pub const END_MARKER: &str = "SCS-ENTROPY-END";

/// The blocks `rngtest -c 1000` tests (scs-0101-w1: "out of 1000 blocks tested").
pub const FIPS_BLOCKS: u64 = 1000;
/// The failures from which the FIPS test fails (scs-0101-w1: "below 5 out of 1000 blocks").
pub const FIPS_FAILURE_LIMIT: u64 = 5;
/// The value `/proc/sys/kernel/random/entropy_avail` holds on kernels since 5.18.
pub const PINNED_ENTROPY: u64 = 256;

/// The cloud-init user data of the probe: a shell script (cloud-init's `scripts-user`) that
/// prints the [`Key`]s and the end marker on the console. It installs `rng-tools5` (or
/// `rng-tools`) with apt when `rngtest` is missing; without it the FIPS readings are `unknown`.
///
/// ```
/// let ud = scs_standards::entropy::vm::USER_DATA;
/// assert!(ud.starts_with("#!/bin/sh\n"));
/// assert!(ud.contains("SCS-ENTROPY-END"));
/// assert!(ud.len() < 2048); // small: Nova takes at most 64 KiB, and some guests choke on more
/// ```
pub const USER_DATA: &str = r#"#!/bin/sh
# SCS scs-0101 entropy probe: prints "SCS-ENTROPY: KEY=VALUE" lines, then SCS-ENTROPY-END.
say() { printf 'SCS-ENTROPY: %s=%s\n' "$1" "${2:-unknown}"; }
say entropy_avail "$(cat /proc/sys/kernel/random/entropy_avail 2>/dev/null)"
if ! command -v rngtest >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && { apt-get install -y -q rng-tools5 || apt-get install -y -q rng-tools; }; } >/dev/null 2>&1
fi
out=$(rngtest -c 1000 </dev/random 2>&1)
say fips_successes "$(echo "$out" | sed -n 's/.*successes: *\([0-9][0-9]*\).*/\1/p' | head -n 1)"
say fips_failures "$(echo "$out" | sed -n 's/.*failures: *\([0-9][0-9]*\).*/\1/p' | head -n 1)"
st=$(systemctl is-active rngd 2>/dev/null)
[ "$st" = active ] || st=$(systemctl is-active rng-tools 2>/dev/null || echo "${st:-inactive}")
say rngd "$(echo "$st" | head -n 1)"
if grep -qw virtio_rng /sys/class/misc/hw_random/rng_available 2>/dev/null; then say virtio_rng present; else say virtio_rng absent; fi
say hw_rng_current "$(tr -d ' ' </sys/class/misc/hw_random/rng_current 2>/dev/null || echo none)"
echo SCS-ENTROPY-END
"#;

/// A reading the probe prints.
///
/// ```
/// use scs_standards::entropy::vm::Key;
/// assert_eq!("fips_failures".parse::<Key>(), Ok(Key::FipsFailures));
/// assert_eq!(Key::Rngd.to_string(), "rngd");
/// assert!("entropy".parse::<Key>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// `/proc/sys/kernel/random/entropy_avail`.
    EntropyAvail,
    /// FIPS 140-2 blocks `rngtest -c 1000` passed.
    FipsSuccesses,
    /// FIPS 140-2 blocks `rngtest -c 1000` failed.
    FipsFailures,
    /// `systemctl is-active` of rngd (`active`, `inactive`, ...).
    Rngd,
    /// `present` when `rng_available` lists `virtio_rng`, else `absent`.
    VirtioRng,
    /// `/sys/class/misc/hw_random/rng_current` (`none` without a hardware RNG).
    HwRngCurrent,
}

impl Key {
    /// Every key, in the order the probe prints them.
    pub const ALL: [Key; 6] = [
        Key::EntropyAvail,
        Key::FipsSuccesses,
        Key::FipsFailures,
        Key::Rngd,
        Key::VirtioRng,
        Key::HwRngCurrent,
    ];

    /// The name on the console.
    ///
    /// ```
    /// assert_eq!(scs_standards::entropy::vm::Key::HwRngCurrent.as_str(), "hw_rng_current");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Key::EntropyAvail => "entropy_avail",
            Key::FipsSuccesses => "fips_successes",
            Key::FipsFailures => "fips_failures",
            Key::Rngd => "rngd",
            Key::VirtioRng => "virtio_rng",
            Key::HwRngCurrent => "hw_rng_current",
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is no [`Key`].
///
/// ```
/// let e = "x".parse::<scs_standards::entropy::vm::Key>().unwrap_err();
/// assert!(e.to_string().starts_with("unknown probe key `x`"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown probe key `{0}` (known: entropy_avail, fips_successes, fips_failures, rngd, virtio_rng, hw_rng_current)"
)]
pub struct UnknownKey(pub String);

impl FromStr for Key {
    type Err = UnknownKey;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Key::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKey(s.to_owned()))
    }
}

/// What the console showed of the probe: the readings, whether it finished, and cloud-init's
/// reports of failed modules. This is what a snapshot records (`probes.entropy_vm.readings`).
///
/// ```
/// let r = scs_standards::entropy::vm::parse_console("SCS-ENTROPY: rngd=active\n");
/// assert_eq!(r.values["rngd"], "active");
/// assert!(!r.finished);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsoleReadings {
    /// `KEY=VALUE` of the marked lines before the end marker (unknown keys kept too: a newer
    /// probe may print more).
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// The end marker was seen.
    #[serde(default)]
    pub finished: bool,
    /// Modules cloud-init reported as failed (`Failed to run module NAME`), in console order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed_modules: Vec<String>,
}

impl ConsoleReadings {
    /// The value of `key`, if printed.
    ///
    /// ```
    /// use scs_standards::entropy::vm::{Key, parse_console};
    /// assert_eq!(parse_console("SCS-ENTROPY: rngd=active").get(Key::Rngd), Some("active"));
    /// ```
    pub fn get(&self, key: Key) -> Option<&str> {
        self.values.get(key.as_str()).map(String::as_str)
    }

    /// The script failed (cloud-init's `scripts-user` module) before the end marker: waiting
    /// longer shows nothing more.
    ///
    /// ```
    /// let r = scs_standards::entropy::vm::parse_console(
    ///     "[  9.5] cloud-init[566]: 2026-12-03 07:00:01,123 - cc_scripts_user.py[WARNING]: Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)\n");
    /// assert!(r.probe_failed());
    /// ```
    pub fn probe_failed(&self) -> bool {
        !self.finished && self.failed_modules.iter().any(|m| m == "scripts-user")
    }

    /// Whether polling can stop: finished, or failed.
    ///
    /// ```
    /// assert!(scs_standards::entropy::vm::parse_console("SCS-ENTROPY-END").done());
    /// ```
    pub fn done(&self) -> bool {
        self.finished || self.probe_failed()
    }
}

/// Strips console decoration (bracketed timestamps, `name[pid]:` tags, blanks) from the start of
/// `line`; `None` when something else precedes the text.
fn undecorated(line: &str) -> &str {
    let mut rest = line.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix('[')
            && let Some(end) = after.find(']')
        {
            rest = after[end + 1..].trim_start();
            continue;
        }
        // `cloud-init[566]:`
        let name_end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
            .unwrap_or(rest.len());
        if name_end > 0
            && let Some(after) = rest[name_end..].strip_prefix('[')
            && let Some(end) = after.find(']')
            && !after[..end].is_empty()
            && after[..end].bytes().all(|b| b.is_ascii_digit())
            && let Some(after) = after[end + 1..].strip_prefix(':')
        {
            rest = after.trim_start();
            continue;
        }
        return rest;
    }
}

/// The name of the module of a cloud-init `Failed to run module NAME` line.
fn failed_module(line: &str) -> Option<&str> {
    const FAILED: &str = "Failed to run module ";
    let at = line.find(FAILED)?;
    let name = line[at + FAILED.len()..].split_whitespace().next()?;
    Some(name.trim_end_matches([',', '.', ':']))
}

/// Reads the probe's lines from a console log (see the module's docs for the rules). Never
/// fails: any text is a console; lines that are not the probe's are noise.
///
/// ```
/// use scs_standards::entropy::vm::parse_console;
/// let r = parse_console("noise\n  + echo 'SCS-ENTROPY: rngd=active'\nSCS-ENTROPY: rngd=inactive\r\nSCS-ENTROPY-END\nSCS-ENTROPY: rngd=late\n");
/// assert_eq!(r.values["rngd"], "inactive"); // the echoed command line is not a reading
/// assert!(r.finished);
/// ```
pub fn parse_console(console: &str) -> ConsoleReadings {
    let mut readings = ConsoleReadings::default();
    for line in console.lines() {
        let line = line.trim_end_matches(['\r', ' ', '\t']);
        if let Some(module) = failed_module(line) {
            readings.failed_modules.push(module.to_owned());
            continue;
        }
        let text = undecorated(line);
        if text == END_MARKER {
            readings.finished = true;
            break;
        }
        let Some(pair) = text
            .strip_prefix(MARK)
            .and_then(|rest| rest.strip_prefix(": "))
        else {
            continue;
        };
        let Some((key, value)) = pair.split_once('=') else {
            continue;
        };
        if key.is_empty() || key.contains(char::is_whitespace) {
            continue;
        }
        readings
            .values
            .entry(key.to_owned())
            .or_insert_with(|| value.to_owned());
    }
    readings
}

/// Why a testcase on the sample VM cannot be decided (ABORT, with this reason).
///
/// ```
/// let e = scs_standards::entropy::vm::entropy_avail(&Default::default(), "Debian 13").unwrap_err();
/// assert_eq!(e.to_string(), "the probe in a VM of Debian 13 did not finish (no SCS-ENTROPY-END on the console)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Undecided(pub String);

/// A decision: the testcase's findings, or why it cannot be decided.
pub type Decision = Result<Findings, Undecided>;

/// The value of `key`, or why there is none.
fn reading<'a>(r: &'a ConsoleReadings, key: Key, sample: &str) -> Result<&'a str, Undecided> {
    if let Some(value) = r.get(key) {
        return Ok(value);
    }
    Err(Undecided(if r.probe_failed() {
        format!(
            "the probe in a VM of {sample} failed (cloud-init: Failed to run module scripts-user) before reporting {key}"
        )
    } else if !r.finished {
        format!("the probe in a VM of {sample} did not finish (no {END_MARKER} on the console)")
    } else {
        format!("the probe in a VM of {sample} did not report {key}")
    }))
}

/// A number the probe printed.
fn number(r: &ConsoleReadings, key: Key, sample: &str) -> Result<u64, Undecided> {
    let value = reading(r, key, sample)?;
    value.parse().map_err(|_| {
        Undecided(format!(
            "the probe in a VM of {sample} reported {key}={value}, not a number"
        ))
    })
}

/// `scs-0101-entropy-avail`: `entropy_avail` must be 256 ("contains the value 256 (pinned since
/// kernel 5.18)", scs-0101-w1). `sample` names the VM's image in findings.
///
/// ```
/// use scs_standards::entropy::vm::{entropy_avail, parse_console};
/// let o = entropy_avail(&parse_console("SCS-ENTROPY: entropy_avail=17\nSCS-ENTROPY-END"), "Debian 13").unwrap();
/// assert!(!o.passed());
/// assert!(o.findings[0].message.contains("17, not 256"));
/// ```
pub fn entropy_avail(r: &ConsoleReadings, sample: &str) -> Decision {
    let value = number(r, Key::EntropyAvail, sample)?;
    Ok(if value == PINNED_ENTROPY {
        Findings::default()
    } else {
        Findings::from_iter([Finding::error(
            sample,
            format!(
                "/proc/sys/kernel/random/entropy_avail is {value}, not {PINNED_ENTROPY} (pinned since kernel 5.18; scs-0101-w1)"
            ),
        )])
    })
}

/// `scs-0101-fips-test`: fewer than 5 failures of the 1000 blocks `rngtest -c 1000` tests
/// ("below 5 out of 1000 blocks tested", scs-0101-w1; the reference accepts 5).
///
/// ```
/// use scs_standards::entropy::vm::{fips_test, parse_console};
/// let at = |f: u64| fips_test(&parse_console(&format!(
///     "SCS-ENTROPY: fips_successes={}\nSCS-ENTROPY: fips_failures={f}\nSCS-ENTROPY-END", 1000 - f)), "Debian 13").unwrap();
/// assert!(at(4).passed());
/// assert!(!at(5).passed()); // the standard: "below 5"
/// ```
pub fn fips_test(r: &ConsoleReadings, sample: &str) -> Decision {
    let failures = number(r, Key::FipsFailures, sample)?;
    let successes = number(r, Key::FipsSuccesses, sample)?;
    let tested = successes.saturating_add(failures);
    if failures >= FIPS_FAILURE_LIMIT {
        return Ok(Findings::from_iter([Finding::error(
            sample,
            format!(
                "rngtest counted {failures} FIPS 140-2 failures in {tested} blocks of /dev/random; scs-0101-w1 requires below {FIPS_FAILURE_LIMIT} out of {FIPS_BLOCKS}"
            ),
        )]));
    }
    if tested < FIPS_BLOCKS {
        return Err(Undecided(format!(
            "rngtest in a VM of {sample} tested only {tested} blocks ({failures} failures), not {FIPS_BLOCKS}"
        )));
    }
    Ok(Findings::default())
}

/// `scs-0101-rngd`: whether rngd runs. Never an error: rngd "is no longer recommended"
/// (scs-0101 v1.1, "Version history"); a warning when it does not run.
///
/// ```
/// use scs_standards::entropy::vm::{rngd, parse_console};
/// let o = rngd(&parse_console("SCS-ENTROPY: rngd=inactive\nSCS-ENTROPY-END"), "Debian 13").unwrap();
/// assert!(o.passed() && o.findings.len() == 1);
/// ```
pub fn rngd(r: &ConsoleReadings, sample: &str) -> Decision {
    let state = reading(r, Key::Rngd, sample)?;
    Ok(if state == "active" {
        Findings::default()
    } else {
        Findings::from_iter([Finding::warning(
            sample,
            format!(
                "rngd is not running ({state}); not required: \"As of version 1.1, the method of injecting entropy into a VM using a virtualized HRNG together with `rngd` is no longer recommended\" (scs-0101)"
            ),
        )])
    })
}

/// `scs-0101-virtio-rng`: whether the VM has a virtio-rng device. Never an error: the host's
/// entropy "can be injected using `virtio-rng` if so desired" (scs-0101, "Entropy in virtual
/// instances"); a warning when it is absent.
///
/// ```
/// use scs_standards::entropy::vm::{virtio_rng, parse_console};
/// let r = parse_console("SCS-ENTROPY: virtio_rng=present\nSCS-ENTROPY: hw_rng_current=virtio_rng.0\nSCS-ENTROPY-END");
/// assert!(virtio_rng(&r, "Debian 13").unwrap().findings.is_empty());
/// ```
pub fn virtio_rng(r: &ConsoleReadings, sample: &str) -> Decision {
    let device = reading(r, Key::VirtioRng, sample)?;
    match device {
        "present" => Ok(Findings::default()),
        "absent" => {
            let current = r.get(Key::HwRngCurrent).unwrap_or("none");
            Ok(Findings::from_iter([Finding::warning(
                sample,
                format!(
                    "the VM has no virtio-rng device (hardware RNG in use: {current}); optional: entropy \"can be injected using `virtio-rng` if so desired\" (scs-0101); flavor `hw_rng:allowed=True` and image `hw_rng_model=virtio` give it"
                ),
            )]))
        }
        other => Err(Undecided(format!(
            "the probe in a VM of {sample} reported virtio_rng={other}, neither present nor absent"
        ))),
    }
}

/// The image to boot: among `images` (the public ones), the newest Debian, else the newest
/// Ubuntu, by `os_distro` and `os_version` (Debian numbers or code names, Ubuntu `YY.MM`), as
/// the reference picks its "canonical image"; scs-0101-w1 only asks for "a sample VM". When no
/// image is Debian or Ubuntu, the first image; `None` without images.
///
/// ```
/// use scs_standards::cloud::Image;
/// use scs_standards::entropy::vm::canonical_image;
/// let images = [
///     Image::new("Ubuntu 24.04").with("os_distro", "ubuntu").with("os_version", "24.04"),
///     Image::new("Debian 12").with("os_distro", "debian").with("os_version", "bookworm"),
///     Image::new("Debian 13").with("os_distro", "debian").with("os_version", "13"),
/// ];
/// assert_eq!(canonical_image(&images).unwrap().name, "Debian 13");
/// assert!(canonical_image(&[]).is_none());
/// ```
pub fn canonical_image(images: &[Image]) -> Option<&Image> {
    fn rank(image: &Image) -> (u8, u64) {
        let distro = image.property("os_distro").unwrap_or_default();
        let version = image.property("os_version").unwrap_or_default();
        let version = version.trim().to_ascii_lowercase();
        match distro.trim().to_ascii_lowercase().as_str() {
            "debian" => (
                2,
                version.parse().unwrap_or(match version.as_str() {
                    "buster" => 10,
                    "bullseye" => 11,
                    "bookworm" => 12,
                    "trixie" => 13,
                    "forky" => 14,
                    _ => 0,
                }),
            ),
            "ubuntu" => (1, version.replace('.', "").parse().unwrap_or(0)),
            _ => (0, 0),
        }
    }
    // The first of equals wins (max_by_key would take the last).
    images
        .iter()
        .enumerate()
        .max_by_key(|(i, image)| (rank(image), std::cmp::Reverse(*i)))
        .map(|(_, image)| image)
}

/// How the sample VM boots.
///
/// ```
/// use scs_standards::cloud::{CloudFlavor, Image};
/// use scs_standards::entropy::vm::{Boot, choose_flavor};
/// let image = Image::new("Debian 13");
/// let flavors = [CloudFlavor::new("SCS-1V-2", 1, 2048, 0)];
/// let (flavor, boot) = choose_flavor(&flavors, &image).unwrap();
/// assert_eq!((flavor.name.as_str(), boot), ("SCS-1V-2", Boot::Volume { size_gib: 8 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boot {
    /// From the image onto the flavor's root disk.
    Image,
    /// From a new volume of this size made from the image (flavors without a root disk).
    Volume {
        /// GiB: the image's `min_disk`, at least 8.
        size_gib: u64,
    },
}

/// The flavor for a VM of `image`: enough RAM (`min_ram`), preferring flavors that allow the
/// virtio-rng device (`hw_rng:allowed`) and a root disk of at least `min_disk` (else the VM
/// boots from a volume), then the smallest: least RAM, fewest vCPUs, least disk. `None` when no
/// flavor has enough RAM.
///
/// ```
/// use scs_standards::cloud::{CloudFlavor, Image};
/// use scs_standards::entropy::vm::{Boot, choose_flavor};
/// let mut image = Image::new("Debian 13");
/// image.min_ram = 1024;
/// image.min_disk = 3;
/// let flavors = [
///     CloudFlavor::new("SCS-1L-1", 1, 1024, 0),
///     CloudFlavor::new("SCS-1V-2-5", 1, 2048, 5),
///     CloudFlavor::new("SCS-8V-32-100", 8, 32768, 100),
///     CloudFlavor::new("tiny", 1, 512, 10),
/// ];
/// let (flavor, boot) = choose_flavor(&flavors, &image).unwrap();
/// assert_eq!((flavor.name.as_str(), boot), ("SCS-1V-2-5", Boot::Image));
/// ```
pub fn choose_flavor<'a>(
    flavors: &'a [CloudFlavor],
    image: &Image,
) -> Option<(&'a CloudFlavor, Boot)> {
    let min_disk = image.min_disk.max(1);
    let rng = |f: &CloudFlavor| {
        f.extra_specs
            .get(super::FLAVOR_SPEC)
            .and_then(|v| super::nova_bool(v))
            .unwrap_or(false)
    };
    let chosen = flavors
        .iter()
        .filter(|f| f.ram >= image.min_ram && f.vcpus > 0)
        .min_by_key(|f| (f.disk < min_disk, !rng(f), f.ram, f.vcpus, f.disk))?;
    let boot = if chosen.disk >= min_disk {
        Boot::Image
    } else {
        Boot::Volume {
            size_gib: image.min_disk.max(8),
        }
    };
    Some((chosen, boot))
}

#[cfg(test)]
mod tests;
