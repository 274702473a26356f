//! scs-0102 v1 and v2, SCS Image Metadata: the properties of public images, image recency and
//! `os_purpose` uniqueness.
//!
//! Sections implemented: "Technical requirements and features" (mandatory `architecture`,
//! `min_disk`, `min_ram`, `os_version`, `os_distro`, `hw_disk_bus`; recommended
//! `hypervisor_type`, `hw_rng_model`; `os_purpose`, recommended in v1 and mandatory in v2 with the
//! extra value `oldgeneric`; the uniqueness requirement), "Image updating" (`replace_frequency`,
//! `provided_until`, `uuid_validity`, `hotfix_hours`, renaming or hiding old images), "Image
//! Origin" (`image_source`, `image_description`) and "Image build info" (`image_build_date`,
//! `image_original_user`, `os_hash_algo`).
//!
//! Testcases (scs-0102-w1): `scs-0102-prop-<property>` for each property of [`Property`],
//! `scs-0102-image-recency` and `scs-0102-os_purpose-uniqueness`. [`validate`] returns all of
//! them; the scope decides which are mandatory for which version.
//!
//! # Decisions where this module follows the standard rather than the reference checker
//!
//! - `hw_disk_bus` and `uuid_validity` must be set: "The following properties are considered
//!   mandatory: [...] `hw_disk_bus`" and "The three properties `uuid_validity`,
//!   `provided_until` and `replace_frequency` are mandatory". (The reference accepts them unset.)
//!   Any `hw_disk_bus` value OpenStack defines is accepted; a bus other than `scsi` gets an info
//!   ("`scsi` recommended").
//! - `architecture`, `hypervisor_type` and `os_distro` are checked against OpenStack's values:
//!   "The values for `architecture` and `os_distro` and `hypervisor_type` [...] must follow the
//!   OpenStack specifications." Unknown architectures and hypervisor types (e.g. the reference's
//!   `risc-v`, `hyper-v`, `esxi`) fail; `os_distro` must be lower-case and a value outside
//!   OpenStack's list is a warning only, since OpenStack defers to the libosinfo vocabulary.
//!   `hypervisor_type` unset fails its (recommended) testcase: "The following property is
//!   recommended: `hypervisor_type`".
//! - `provided_until` must be `YYYY-MM-DD`, `none` or `notice` ("The values are the same as for
//!   below `uuid_validity`, except that `forever` and `last-N` don't make any sense").
//! - `os_purpose` accepts `oldgeneric` with v2 only ("Version 2.0 makes the field `os_purpose`
//!   mandatory and adds a new value `oldgeneric`").
//! - `image_build_date` accepts exactly "`YYYY-MM-DD` or `YYYY-MM-DD hh:mm[:ss]`".
//! - Recency counts from publication, by the calendar, with three days of grace: "an image
//!   published on 2021-04-14 with an update frequency of `monthly`, should be replaced no later
//!   than 2021-05-14. Due to weekends etc., up to 3 days later is not considered a violation of
//!   this policy." Publication is the registration time `created_at` (the build date when
//!   `created_at` is unknown). `provided_until=notice` keeps the promise in force ("updates will
//!   be provided until a deprecation notice is published"); `none` makes none.
//! - An outdated image that is neither hidden nor renamed fails: "the old images must be hidden
//!   from the image catalogue or renamed (or both) to avoid failing referencing by name."
//! - `min_disk` must hold the image's virtual size as well as its file size (Nova refuses a root
//!   disk smaller than either).

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{DateTime, Days, Months, NaiveDate, NaiveDateTime, Utc};

use crate::cloud::{Image, Visibility};
use crate::document::string_enum;
use crate::{Finding, Findings, TestcaseFindings};

/// Major version of scs-0102.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageMetadataVersion {
    /// scs-0102-v1 (Stable, v1.1).
    V1,
    /// scs-0102-v2 (Draft): `os_purpose` mandatory, value `oldgeneric`.
    V2,
}

/// Testcase: images are as recent as their `replace_frequency` promises.
pub const IMAGE_RECENCY: &str = "scs-0102-image-recency";
/// Testcase: one listed generic image per (architecture, os_distro, os_version).
pub const OS_PURPOSE_UNIQUENESS: &str = "scs-0102-os_purpose-uniqueness";

string_enum!(
    /// The properties with a `scs-0102-prop-<property>` testcase.
    ///
    /// ```
    /// use scs_standards::image_metadata::Property;
    /// assert_eq!(Property::HashAlgo.testcase(), "scs-0102-prop-hash_algo");
    /// assert_eq!(Property::ALL.len(), 18);
    /// ```
    Property, "image property", {
        /// `architecture`.
        Architecture = "architecture",
        /// `os_hash_algo`.
        HashAlgo = "hash_algo",
        /// `min_disk`.
        MinDisk = "min_disk",
        /// `min_ram`.
        MinRam = "min_ram",
        /// `os_version`.
        OsVersion = "os_version",
        /// `os_distro`.
        OsDistro = "os_distro",
        /// `os_purpose`.
        OsPurpose = "os_purpose",
        /// `hw_disk_bus`.
        HwDiskBus = "hw_disk_bus",
        /// `hypervisor_type`.
        HypervisorType = "hypervisor_type",
        /// `hw_rng_model`.
        HwRngModel = "hw_rng_model",
        /// `image_build_date`.
        ImageBuildDate = "image_build_date",
        /// `image_original_user`.
        ImageOriginalUser = "image_original_user",
        /// `image_source`.
        ImageSource = "image_source",
        /// `image_description`.
        ImageDescription = "image_description",
        /// `replace_frequency`.
        ReplaceFrequency = "replace_frequency",
        /// `provided_until`.
        ProvidedUntil = "provided_until",
        /// `uuid_validity`.
        UuidValidity = "uuid_validity",
        /// `hotfix_hours`.
        HotfixHours = "hotfix_hours",
    }
);

impl Property {
    /// The testcase id, `scs-0102-prop-<property>`.
    pub fn testcase(self) -> String {
        format!("scs-0102-prop-{}", self.as_str())
    }
}

string_enum!(
    /// CPU architectures OpenStack knows (Nova's `Architecture` field, the vocabulary the Glance
    /// documentation points to).
    ///
    /// ```
    /// use scs_standards::image_metadata::Architecture;
    /// assert_eq!("aarch64".parse::<Architecture>().unwrap(), Architecture::Aarch64);
    /// assert!("risc-v".parse::<Architecture>().is_err());
    /// ```
    Architecture, "architecture", {
        /// alpha.
        Alpha = "alpha",
        /// armv6.
        Armv6 = "armv6",
        /// armv7l.
        Armv7l = "armv7l",
        /// armv7b.
        Armv7b = "armv7b",
        /// aarch64.
        Aarch64 = "aarch64",
        /// cris.
        Cris = "cris",
        /// i686.
        I686 = "i686",
        /// ia64.
        Ia64 = "ia64",
        /// lm32.
        Lm32 = "lm32",
        /// m68k.
        M68k = "m68k",
        /// microblaze.
        Microblaze = "microblaze",
        /// microblazeel.
        Microblazeel = "microblazeel",
        /// mips.
        Mips = "mips",
        /// mipsel.
        Mipsel = "mipsel",
        /// mips64.
        Mips64 = "mips64",
        /// mips64el.
        Mips64el = "mips64el",
        /// openrisc.
        Openrisc = "openrisc",
        /// parisc.
        Parisc = "parisc",
        /// parisc64.
        Parisc64 = "parisc64",
        /// ppc.
        Ppc = "ppc",
        /// ppcle.
        Ppcle = "ppcle",
        /// ppc64.
        Ppc64 = "ppc64",
        /// ppc64le.
        Ppc64le = "ppc64le",
        /// ppcemb.
        Ppcemb = "ppcemb",
        /// s390.
        S390 = "s390",
        /// s390x.
        S390x = "s390x",
        /// sh4.
        Sh4 = "sh4",
        /// sh4eb.
        Sh4eb = "sh4eb",
        /// sparc.
        Sparc = "sparc",
        /// sparc64.
        Sparc64 = "sparc64",
        /// unicore32.
        Unicore32 = "unicore32",
        /// x86_64.
        X86_64 = "x86_64",
        /// xtensa.
        Xtensa = "xtensa",
        /// xtensaeb.
        Xtensaeb = "xtensaeb",
    }
);

string_enum!(
    /// Disk buses OpenStack knows (Nova's `DiskBus`).
    ///
    /// ```
    /// assert!("scsi".parse::<scs_standards::image_metadata::HwDiskBus>().is_ok());
    /// ```
    HwDiskBus, "hw_disk_bus", {
        /// fdc.
        Fdc = "fdc",
        /// ide.
        Ide = "ide",
        /// sata.
        Sata = "sata",
        /// scsi (recommended by scs-0102).
        Scsi = "scsi",
        /// usb.
        Usb = "usb",
        /// virtio.
        Virtio = "virtio",
        /// xen.
        Xen = "xen",
        /// lxc.
        Lxc = "lxc",
        /// uml.
        Uml = "uml",
    }
);

string_enum!(
    /// Hypervisor types of the Glance documentation ("useful image properties"), including `kvm`,
    /// which earlier releases listed.
    ///
    /// ```
    /// assert!("qemu".parse::<scs_standards::image_metadata::HypervisorType>().is_ok());
    /// assert!("esxi".parse::<scs_standards::image_metadata::HypervisorType>().is_err());
    /// ```
    HypervisorType, "hypervisor_type", {
        /// hyperv.
        Hyperv = "hyperv",
        /// ironic.
        Ironic = "ironic",
        /// kvm.
        Kvm = "kvm",
        /// lxc.
        Lxc = "lxc",
        /// qemu (QEMU and KVM).
        Qemu = "qemu",
        /// uml.
        Uml = "uml",
        /// vmware.
        Vmware = "vmware",
        /// xen.
        Xen = "xen",
    }
);

string_enum!(
    /// Random number generator models (`hw_rng_model`).
    HwRngModel, "hw_rng_model", {
        /// virtio-rng.
        Virtio = "virtio",
    }
);

string_enum!(
    /// `os_purpose` values (table in "Technical requirements and features").
    ///
    /// ```
    /// use scs_standards::image_metadata::{OsPurpose, ImageMetadataVersion};
    /// assert!(OsPurpose::Oldgeneric.allowed_in(ImageMetadataVersion::V2));
    /// assert!(!OsPurpose::Oldgeneric.allowed_in(ImageMetadataVersion::V1));
    /// ```
    OsPurpose, "os_purpose", {
        /// A general purpose image, (mostly) vanilla from upstream.
        Generic = "generic",
        /// A much more barebones general purpose image.
        Minimal = "minimal",
        /// Node image built for k8s with CRI and kubelet.
        K8snode = "k8snode",
        /// Image with GPU drivers.
        Gpu = "gpu",
        /// Network appliance.
        Network = "network",
        /// None of the above.
        Custom = "custom",
        /// A general purpose image, replaced by a newer one (v2).
        Oldgeneric = "oldgeneric",
    }
);

impl OsPurpose {
    /// Whether `version` of the standard allows this value.
    pub fn allowed_in(self, version: ImageMetadataVersion) -> bool {
        self != OsPurpose::Oldgeneric || version == ImageMetadataVersion::V2
    }
}

string_enum!(
    /// `replace_frequency` values (table in "Image updating").
    ///
    /// ```
    /// use scs_standards::image_metadata::ReplaceFrequency;
    /// assert_eq!("critical_bug".parse::<ReplaceFrequency>().unwrap(), ReplaceFrequency::CriticalBug);
    /// ```
    ReplaceFrequency, "replace_frequency", {
        /// At least once per year.
        Yearly = "yearly",
        /// At least once per quarter.
        Quarterly = "quarterly",
        /// At least once per month.
        Monthly = "monthly",
        /// At least once per week.
        Weekly = "weekly",
        /// At least once per day.
        Daily = "daily",
        /// For critical issues only.
        CriticalBug = "critical_bug",
        /// Never (until `provided_until`).
        Never = "never",
    }
);

impl ReplaceFrequency {
    /// The latest time a replacement is due for an image published at `published`, including the
    /// three days of grace; `None` for frequencies without a schedule.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use scs_standards::image_metadata::ReplaceFrequency;
    /// let p = NaiveDate::from_ymd_opt(2021, 4, 14).unwrap().and_hms_opt(0, 0, 0).unwrap();
    /// let due = ReplaceFrequency::Monthly.due(p).unwrap();
    /// assert_eq!(due.to_string(), "2021-05-17 00:00:00");
    /// assert!(ReplaceFrequency::Never.due(p).is_none());
    /// ```
    pub fn due(self, published: NaiveDateTime) -> Option<NaiveDateTime> {
        let next = match self {
            ReplaceFrequency::Yearly => published.checked_add_months(Months::new(12)),
            ReplaceFrequency::Quarterly => published.checked_add_months(Months::new(3)),
            ReplaceFrequency::Monthly => published.checked_add_months(Months::new(1)),
            ReplaceFrequency::Weekly => published.checked_add_days(Days::new(7)),
            ReplaceFrequency::Daily => published.checked_add_days(Days::new(1)),
            ReplaceFrequency::CriticalBug | ReplaceFrequency::Never => return None,
        }?;
        next.checked_add_days(Days::new(3))
    }
}

string_enum!(
    /// Hash algorithms of `os_hash_algo` ("The sha256 or sha512 hash").
    HashAlgo, "os_hash_algo", {
        /// sha256.
        Sha256 = "sha256",
        /// sha512 (Glance's default).
        Sha512 = "sha512",
    }
);

/// Error of the small value grammars of this module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not {expected}")]
pub struct ValueError {
    /// The value found.
    pub value: String,
    /// What was expected.
    pub expected: &'static str,
}

fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// `provided_until`: a date, `none` or `notice`.
///
/// ```
/// use scs_standards::image_metadata::ProvidedUntil;
/// assert_eq!("notice".parse::<ProvidedUntil>().unwrap(), ProvidedUntil::Notice);
/// assert_eq!("2030-01-31".parse::<ProvidedUntil>().unwrap().to_string(), "2030-01-31");
/// assert!("forever".parse::<ProvidedUntil>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProvidedUntil {
    /// Provided (and updated) until at least this date.
    Date(NaiveDate),
    /// No promise.
    None,
    /// Until a deprecation notice is published.
    Notice,
}

impl FromStr for ProvidedUntil {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        match s {
            "none" => Ok(ProvidedUntil::None),
            "notice" => Ok(ProvidedUntil::Notice),
            _ => iso_date(s).map(ProvidedUntil::Date).ok_or(ValueError {
                value: s.to_owned(),
                expected: "`YYYY-MM-DD`, `none` or `notice`",
            }),
        }
    }
}

impl std::fmt::Display for ProvidedUntil {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProvidedUntil::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            ProvidedUntil::None => f.write_str("none"),
            ProvidedUntil::Notice => f.write_str("notice"),
        }
    }
}

/// `uuid_validity` (table in "Image updating").
///
/// ```
/// use scs_standards::image_metadata::UuidValidity;
/// assert_eq!("last-3".parse::<UuidValidity>().unwrap(), UuidValidity::Last(3));
/// assert_eq!("forever".parse::<UuidValidity>().unwrap().to_string(), "forever");
/// assert!("last-".parse::<UuidValidity>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UuidValidity {
    /// Only as long as the content does not change.
    None,
    /// The last N images remain accessible.
    Last(u32),
    /// Valid until at least this date.
    Date(NaiveDate),
    /// Until a deprecation notice.
    Notice,
    /// As long as the cloud operates.
    Forever,
}

impl FromStr for UuidValidity {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        let err = || ValueError {
            value: s.to_owned(),
            expected: "`none`, `last-N`, `YYYY-MM-DD`, `notice` or `forever`",
        };
        match s {
            "none" => Ok(UuidValidity::None),
            "notice" => Ok(UuidValidity::Notice),
            "forever" => Ok(UuidValidity::Forever),
            _ => {
                if let Some(n) = s.strip_prefix("last-") {
                    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                        return Err(err());
                    }
                    return n.parse().map(UuidValidity::Last).map_err(|_| err());
                }
                iso_date(s).map(UuidValidity::Date).ok_or_else(err)
            }
        }
    }
}

impl std::fmt::Display for UuidValidity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UuidValidity::None => f.write_str("none"),
            UuidValidity::Last(n) => write!(f, "last-{n}"),
            UuidValidity::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            UuidValidity::Notice => f.write_str("notice"),
            UuidValidity::Forever => f.write_str("forever"),
        }
    }
}

/// `image_build_date`: "`YYYY-MM-DD` or `YYYY-MM-DD hh:mm[:ss]` (time in UTC, 24hrs clock)".
///
/// ```
/// use scs_standards::image_metadata::BuildDate;
/// let d: BuildDate = "2024-05-01 13:45".parse().unwrap();
/// assert_eq!(d.0.to_string(), "2024-05-01 13:45:00");
/// assert!("2024-05-01T13:45:00Z".parse::<BuildDate>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BuildDate(pub NaiveDateTime);

impl FromStr for BuildDate {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        let err = || ValueError {
            value: s.to_owned(),
            expected: "`YYYY-MM-DD` or `YYYY-MM-DD hh:mm[:ss]`",
        };
        let (date, time) = match s.split_once(' ') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let date = iso_date(date).ok_or_else(err)?;
        let time = match time {
            None => chrono::NaiveTime::MIN,
            Some(t) => {
                let shape_ok = (t.len() == 5 || t.len() == 8)
                    && t.bytes().enumerate().all(|(i, c)| {
                        if i % 3 == 2 {
                            c == b':'
                        } else {
                            c.is_ascii_digit()
                        }
                    });
                if !shape_ok {
                    return Err(err());
                }
                let fmt = if t.len() == 5 { "%H:%M" } else { "%H:%M:%S" };
                chrono::NaiveTime::parse_from_str(t, fmt).map_err(|_| err())?
            }
        };
        Ok(BuildDate(date.and_time(time)))
    }
}

/// `os_distro` values listed in the Glance documentation.
pub const OPENSTACK_OS_DISTROS: &[&str] = &[
    "arch",
    "centos",
    "debian",
    "fedora",
    "freebsd",
    "gentoo",
    "mandrake",
    "mandriva",
    "mes",
    "msdos",
    "netbsd",
    "netware",
    "openbsd",
    "opensolaris",
    "opensuse",
    "rhel",
    "sled",
    "ubuntu",
    "windows",
];

fn object(img: &Image) -> String {
    if img.name.is_empty() {
        format!("(unnamed image {})", img.id)
    } else {
        img.name.clone()
    }
}

fn created_at(img: &Image) -> Option<DateTime<Utc>> {
    let s = img.created_at.as_deref()?;
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// Checks one property of one image; returns its findings (no error: the property is fine).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use scs_standards::{cloud::Image, image_metadata::{check_property, Property, ImageMetadataVersion}};
/// let now = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
/// let img = Image::new("Debian 12").with("architecture", "x86_64");
/// assert!(check_property(Property::Architecture, ImageMetadataVersion::V1, &img, now).is_empty());
/// assert!(!check_property(Property::OsDistro, ImageMetadataVersion::V1, &img, now).is_empty());
/// ```
pub fn check_property(
    property: Property,
    version: ImageMetadataVersion,
    img: &Image,
    now: DateTime<Utc>,
) -> Vec<Finding> {
    let name = object(img);
    let mut out = Vec::new();
    let key = match property {
        Property::HashAlgo => "os_hash_algo",
        other => other.as_str(),
    };
    let value = match property {
        Property::HashAlgo => img.os_hash_algo.clone().or_else(|| img.property(key)),
        _ => img.property(key).filter(|v| !v.trim().is_empty()),
    };
    let mut error = |msg: String| out.push(Finding::error(&name, msg));
    let missing = |what: &str| format!("property `{key}` is not set; {what}");

    // Parses a value of a closed table, reporting unset and unknown values.
    macro_rules! table {
        ($t:ty, $hint:literal) => {
            match value.as_deref().map(str::parse::<$t>) {
                None => {
                    error(missing($hint));
                    None
                }
                Some(Err(e)) => {
                    error(format!("property `{key}`: {e}"));
                    None
                }
                Some(Ok(v)) => Some(v),
            }
        };
    }

    match property {
        Property::Architecture => {
            table!(Architecture, "set the CPU architecture, e.g. `x86_64` or `aarch64`");
        }
        Property::HashAlgo => {
            table!(HashAlgo, "upload so that Glance computes `os_hash_value` with sha256 or sha512");
        }
        Property::MinDisk => {
            if img.min_disk == 0 {
                error("`min_disk` is not set; set it to the root disk size (GiB) the image needs".into());
            } else {
                let virtual_size = img.properties.get("virtual_size").and_then(serde_json::Value::as_u64);
                let needed = img.size.into_iter().chain(virtual_size).max().unwrap_or(0);
                let gib = 1u64 << 30;
                if img.min_disk.saturating_mul(gib) < needed {
                    error(format!(
                        "`min_disk` {} GiB is smaller than the image ({needed} bytes); set at least {} GiB",
                        img.min_disk,
                        needed.div_ceil(gib)
                    ));
                }
            }
        }
        Property::MinRam => {
            if img.min_ram == 0 {
                error("`min_ram` is not set; set the RAM (MiB) the image needs to boot".into());
            } else if img.min_ram < 64 {
                out.push(Finding::warning(
                    &name,
                    format!("`min_ram` is {} MiB; hardly any OS boots with less than 64 MiB", img.min_ram),
                ));
            }
        }
        Property::OsVersion => match &value {
            None => error(missing("set the distribution version, e.g. `24.04`")),
            Some(v) if !v.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) => {
                out.push(Finding::info(
                    &name,
                    format!("`os_version` `{v}` is not numeric; it should be if the distribution uses version numbers"),
                ));
            }
            Some(_) => {}
        },
        Property::OsDistro => match &value {
            None => error(missing("set the distribution, e.g. `ubuntu`")),
            Some(v) if v.to_lowercase() != *v => {
                error(format!("`os_distro` `{v}` must be lower-case (OpenStack vocabulary), e.g. `{}`", v.to_lowercase()))
            }
            Some(v) if !OPENSTACK_OS_DISTROS.contains(&v.as_str()) => out.push(Finding::warning(
                &name,
                format!("`os_distro` `{v}` is not in OpenStack's list; make sure it is the libosinfo name"),
            )),
            Some(_) => {}
        },
        Property::OsPurpose => {
            if let Some(p) = table!(OsPurpose, "set `generic`, `minimal`, `k8snode`, `gpu`, `network` or `custom`")
                && !p.allowed_in(version)
            {
                error(format!("`os_purpose` `{p}` is only defined from scs-0102 v2 on"));
            }
        }
        Property::HwDiskBus => {
            if let Some(bus) = table!(HwDiskBus, "set it, `scsi` is recommended") {
                if bus != HwDiskBus::Scsi {
                    out.push(Finding::info(&name, format!("`hw_disk_bus` is `{bus}`; `scsi` is recommended")));
                } else if img.property("hw_scsi_model").is_none() {
                    out.push(Finding::info(&name, "`hw_disk_bus` is `scsi`; setting `hw_scsi_model` is recommended too"));
                }
            }
        }
        Property::HypervisorType => {
            table!(HypervisorType, "recommended, e.g. `qemu` (also for KVM)");
        }
        Property::HwRngModel => match value.as_deref().map(str::parse::<HwRngModel>) {
            None => out.push(Finding::info(&name, "`hw_rng_model` is not set (recommended if supported: `virtio`)")),
            Some(Err(e)) => error(format!("property `{key}`: {e}")),
            Some(Ok(_)) => {}
        },
        Property::ImageBuildDate => {
            let registered = created_at(img);
            if let Some(d) = table!(BuildDate, "set the patch cutoff date, `YYYY-MM-DD`") {
                let built = d.0.and_utc();
                if let Some(r) = registered
                    && built > r
                {
                    error(format!("`image_build_date` {} is after the registration {r}", d.0));
                }
                if built > now {
                    error(format!("`image_build_date` {} is in the future", d.0));
                }
            }
            if let Some(r) = registered
                && r > now
            {
                error(format!("registration date {r} is in the future"));
            }
        }
        Property::ImageOriginalUser => {
            if value.is_none() {
                error(missing("set the default login user (or `none`)"));
            }
        }
        Property::ImageSource => match value.as_deref() {
            None => error(missing("set the download URL or `private`")),
            Some("private") => {}
            Some(v) if is_url(v) => {}
            Some(v) => error(format!("`image_source` `{v}` is neither a URL (http, https, ftp, ftps) nor `private`")),
        },
        Property::ImageDescription => {
            if value.is_none() {
                error(missing("set a URL or text with release notes"));
            }
        }
        Property::ReplaceFrequency => {
            table!(ReplaceFrequency, "set how often the image is replaced, e.g. `monthly`");
        }
        Property::ProvidedUntil => {
            table!(ProvidedUntil, "set `YYYY-MM-DD`, `none` or `notice`");
        }
        Property::UuidValidity => {
            table!(UuidValidity, "set `none`, `last-N`, `YYYY-MM-DD`, `notice` or `forever`");
        }
        Property::HotfixHours => {
            if let Some(v) = &value
                && !(v.bytes().all(|b| b.is_ascii_digit()) && v.parse::<u32>().is_ok())
            {
                error(format!("`hotfix_hours` `{v}` is not a number of hours"));
            }
        }
    }
    out
}

fn is_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https" | "ftp" | "ftps")
        && rest
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|host| !host.is_empty() && !host.contains(char::is_whitespace))
}

/// One property testcase over all images.
///
/// ```
/// use chrono::Utc;
/// use scs_standards::{cloud::Image, image_metadata::{check_images, Property, ImageMetadataVersion}};
/// let imgs = [Image::new("a").with("image_source", "private"), Image::new("b").with("image_source", "file:/x")];
/// let o = check_images(Property::ImageSource, ImageMetadataVersion::V1, &imgs, Utc::now());
/// assert_eq!(o.errors().map(|f| f.object.as_str()).collect::<Vec<_>>(), ["b"]);
/// ```
pub fn check_images(
    property: Property,
    version: ImageMetadataVersion,
    images: &[Image],
    now: DateTime<Utc>,
) -> Findings {
    images
        .iter()
        .flat_map(|img| check_property(property, version, img, now))
        .collect()
}

/// The last word of a name if it marks an outdated image: a date stamp (`YYYYMMDD`,
/// `YYYY-MM-DD`, optionally in parentheses) or `old`/`prev`.
fn outdated_marker(name: &str) -> Option<&str> {
    let (base, last) = name.rsplit_once(' ')?;
    let word = last
        .strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .unwrap_or(last);
    let is_marker = word == "old"
        || word == "prev"
        || iso_date(word).is_some()
        || (word.len() == 8 && NaiveDate::parse_from_str(word, "%Y%m%d").is_ok());
    is_marker.then_some(base.trim_end())
}

/// When the image was published: registration time, else build date.
fn published(img: &Image) -> Option<NaiveDateTime> {
    created_at(img).map(|d| d.naive_utc()).or_else(|| {
        img.property("image_build_date")
            .and_then(|s| s.parse::<BuildDate>().ok())
            .map(|d| d.0)
    })
}

/// Whether the image is past its replacement date (ignoring `provided_until`); `None` when the
/// frequency has no schedule or dates are missing.
fn overdue(img: &Image, now: NaiveDateTime) -> Option<NaiveDateTime> {
    let freq: ReplaceFrequency = img.property("replace_frequency")?.parse().ok()?;
    let due = freq.due(published(img)?)?;
    (now > due).then_some(due)
}

/// `scs-0102-image-recency`: each image is as recent as its `replace_frequency` promises, or has
/// been rotated out (hidden or renamed) in favour of a recent image of the same name.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use scs_standards::{cloud::Image, image_metadata::image_recency};
/// let mut img = Image::new("Ubuntu 24.04").with("replace_frequency", "monthly").with("provided_until", "notice");
/// img.created_at = Some("2024-01-01T00:00:00Z".into());
/// let now = Utc.with_ymd_and_hms(2024, 2, 3, 0, 0, 0).unwrap();
/// assert!(image_recency(&[img.clone()], now).passed());
/// let later = Utc.with_ymd_and_hms(2024, 2, 5, 0, 0, 0).unwrap();
/// assert!(!image_recency(&[img], later).passed());
/// ```
pub fn image_recency(images: &[Image], now: DateTime<Utc>) -> Findings {
    let now_naive = now.naive_utc();
    let mut outcome = Findings::default();
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    for img in images {
        *names.entry(img.name.as_str()).or_default() += 1;
    }
    for (name, count) in names.iter().filter(|(_, c)| **c > 1) {
        let listed = images
            .iter()
            .filter(|i| i.name == *name && !i.os_hidden)
            .count();
        if listed > 1 {
            outcome.push(Finding::warning(
                *name,
                format!("{count} images share this name, {listed} of them not hidden; referencing by name is ambiguous"),
            ));
        }
    }
    for img in images {
        let name = object(img);
        let Some(due) = overdue(img, now_naive) else {
            continue;
        };
        match img
            .property("provided_until")
            .map(|s| s.parse::<ProvidedUntil>())
        {
            Some(Ok(ProvidedUntil::None)) => {
                outcome.push(Finding::info(
                    &name,
                    format!("overdue since {due} but provided_until=none promises no updates"),
                ));
                continue;
            }
            Some(Ok(ProvidedUntil::Date(until))) if now_naive.date() > until => {
                outcome.push(Finding::info(
                    &name,
                    format!("overdue since {due}, but past provided_until {until}"),
                ));
                continue;
            }
            Some(Ok(_)) => {}
            _ => {
                outcome.push(Finding::error(
                    &name,
                    format!("overdue since {due} and has no valid provided_until to tell whether updates are still promised"),
                ));
                continue;
            }
        }
        let marker_base = outdated_marker(&img.name);
        if !img.os_hidden && marker_base.is_none() {
            outcome.push(Finding::error(
                &name,
                format!(
                    "outdated: its replace_frequency required a new image by {due}; upload a new image under this name and hide the old one (os_hidden=true) or rename it with a ` YYYYMMDD` build date suffix"
                ),
            ));
            continue;
        }
        let base = marker_base.unwrap_or(&img.name);
        let replacement = images
            .iter()
            .find(|r| r.name == base && !r.os_hidden && overdue(r, now_naive).is_none());
        match replacement {
            Some(r) => outcome.push(Finding::info(
                &name,
                format!("outdated but rotated out; `{}` replaces it", r.name),
            )),
            None => outcome.push(Finding::error(
                &name,
                format!(
                    "outdated since {due} and no recent visible image named `{base}` replaces it"
                ),
            )),
        }
    }
    outcome
}

/// `scs-0102-os_purpose-uniqueness`: at most one public, non-hidden image with
/// `os_purpose=generic` per (`architecture`, `os_distro`, `os_version`).
///
/// ```
/// use scs_standards::{cloud::Image, image_metadata::{os_purpose_uniqueness, ImageMetadataVersion}};
/// let img = |n: &str| Image::new(n).with("os_distro", "ubuntu").with("os_version", "24.04")
///     .with("architecture", "x86_64").with("os_purpose", "generic");
/// assert!(os_purpose_uniqueness(&[img("Ubuntu 24.04")], ImageMetadataVersion::V2).passed());
/// assert!(!os_purpose_uniqueness(&[img("Ubuntu 24.04"), img("Ubuntu 24.04 old")], ImageMetadataVersion::V2).passed());
/// ```
pub fn os_purpose_uniqueness(images: &[Image], version: ImageMetadataVersion) -> Findings {
    let mut buckets: BTreeMap<(String, String, String), Vec<&str>> = BTreeMap::new();
    for img in images {
        if img.visibility != Visibility::Public || img.os_hidden {
            continue;
        }
        if img.property("os_purpose").as_deref() != Some("generic") {
            continue;
        }
        let (Some(distro), Some(os_version)) =
            (img.property("os_distro"), img.property("os_version"))
        else {
            continue;
        };
        let arch = img.property("architecture").unwrap_or_default();
        buckets
            .entry((arch, distro, os_version))
            .or_default()
            .push(&img.name);
    }
    let hint = match version {
        ImageMetadataVersion::V1 => {
            "hide the older ones (os_hidden=true) or give them another os_purpose"
        }
        ImageMetadataVersion::V2 => "hide the older ones or set os_purpose=oldgeneric on them",
    };
    buckets
        .into_iter()
        .filter(|(_, names)| names.len() > 1)
        .map(|((arch, distro, ver), names)| {
            Finding::error(
                names.join(", "),
                format!("{} visible public images with os_purpose=generic for {distro} {ver} {arch}; {hint}", names.len()),
            )
        })
        .collect()
}

/// Runs every scs-0102 testcase over a cloud's images; "now" is the reference time for dates.
///
/// Pass the images the standard is about: those "managed by the service provider, provided for
/// public consumption" (section "Motivation"), i.e. the `public` and `community` images,
/// hidden ones included (recency looks at them).
///
/// ```
/// use chrono::Utc;
/// use scs_standards::image_metadata::{validate, ImageMetadataVersion};
/// let o = validate(ImageMetadataVersion::V2, &[], Utc::now());
/// assert_eq!(o.len(), 20);
/// assert!(o.values().all(|o| o.passed()));
/// ```
pub fn validate(
    version: ImageMetadataVersion,
    images: &[Image],
    now: DateTime<Utc>,
) -> TestcaseFindings {
    let mut outcomes: TestcaseFindings = Property::ALL
        .iter()
        .map(|&p| (p.testcase(), check_images(p, version, images, now)))
        .collect();
    outcomes.insert(IMAGE_RECENCY.into(), image_recency(images, now));
    outcomes.insert(
        OS_PURPOSE_UNIQUENESS.into(),
        os_purpose_uniqueness(images, version),
    );
    outcomes
}
