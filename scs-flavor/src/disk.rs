//! The root disk part of a flavor name.

use std::num::{NonZeroU16, NonZeroU64};

/// Disk types (scs-0100-v3, "Disk sizes and types").
///
/// ```
/// use scs_flavor::DiskType;
/// assert_eq!(DiskType::from_letter('s'), Some(DiskType::Ssd));
/// assert_eq!(DiskType::Ssd.extra_spec(), "ssd");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiskType {
    /// `n`: network shared storage (ceph/cinder).
    Network,
    /// `h`: local disk (HDD: SATA/SAS class).
    Hdd,
    /// `s`: local SSD disk.
    Ssd,
    /// `p`: local high-performance NVMe.
    Nvme,
}

impl DiskType {
    /// Every disk type.
    pub const ALL: [DiskType; 4] = [
        DiskType::Network,
        DiskType::Hdd,
        DiskType::Ssd,
        DiskType::Nvme,
    ];

    /// The letter in flavor names.
    pub const fn letter(self) -> char {
        match self {
            DiskType::Network => 'n',
            DiskType::Hdd => 'h',
            DiskType::Ssd => 's',
            DiskType::Nvme => 'p',
        }
    }

    /// The letter in flavor names, as a string (what `Display` prints).
    ///
    /// ```
    /// # use scs_flavor::DiskType;
    /// assert_eq!(DiskType::Nvme.code(), "p");
    /// assert_eq!("p".parse::<DiskType>(), Ok(DiskType::Nvme));
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            DiskType::Network => "n",
            DiskType::Hdd => "h",
            DiskType::Ssd => "s",
            DiskType::Nvme => "p",
        }
    }

    /// The same as [`from_letter`](Self::from_letter) for a byte, by table lookup: the
    /// parser's hot path, where a `match` mispredicts on varied input.
    ///
    /// ```
    /// # use scs_flavor::DiskType;
    /// assert_eq!(DiskType::from_byte(b'n'), Some(DiskType::Network));
    /// ```
    pub fn from_byte(byte: u8) -> Option<DiskType> {
        const TABLE: [Option<DiskType>; 256] = {
            let mut table = [None; 256];
            let mut byte = 0;
            while byte < 256 {
                table[byte] = DiskType::from_letter(byte as u8 as char);
                byte += 1;
            }
            table
        };
        TABLE[usize::from(byte)]
    }

    /// The disk type for a letter of a flavor name.
    pub const fn from_letter(letter: char) -> Option<DiskType> {
        match letter {
            'n' => Some(DiskType::Network),
            'h' => Some(DiskType::Hdd),
            's' => Some(DiskType::Ssd),
            'p' => Some(DiskType::Nvme),
            _ => None,
        }
    }

    /// The value of the `scs:diskN-type` extra spec (scs-0103-v1, "Properties").
    pub const fn extra_spec(self) -> &'static str {
        match self {
            DiskType::Network => "network",
            DiskType::Hdd => "hdd",
            DiskType::Ssd => "ssd",
            DiskType::Nvme => "nvme",
        }
    }

    /// The disk type for a `scs:diskN-type` value.
    pub fn from_extra_spec(value: &str) -> Option<DiskType> {
        DiskType::ALL.into_iter().find(|t| t.extra_spec() == value)
    }

    /// A short human-readable description.
    pub const fn description(self) -> &'static str {
        match self {
            DiskType::Network => "network",
            DiskType::Hdd => "local HDD",
            DiskType::Ssd => "local SSD",
            DiskType::Nvme => "local high-performance NVMe",
        }
    }
}

/// The disk part `-[Mx][N][type]` of a name.
///
/// scs-0100-v3: "If the disk size is left out, the cloud is expected to allocate a disk
/// (network or local) that is large enough to fit the root file system"; a name without
/// any disk part (`SCS-2C-4`) is a flavor without root disk and is `None` in
/// [`Flavor::disk`](crate::Flavor::disk).
///
/// ```
/// use scs_flavor::{Disk, DiskType};
/// let disk = Disk::sized(10, Some(DiskType::Ssd)).unwrap().times(3).unwrap();
/// assert_eq!(disk.count.get(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Disk {
    /// How many disks (`Mx`); 1 when the name gives no multiplier.
    pub count: NonZeroU16,
    /// Size of each disk in GB; `None` when the cloud decides.
    pub size_gb: Option<NonZeroU64>,
    /// Disk type; `None` when the cloud decides.
    pub disk_type: Option<DiskType>,
}

impl Disk {
    /// One disk of `size_gb` GB; `None` for size 0.
    pub fn sized(size_gb: u64, disk_type: Option<DiskType>) -> Option<Disk> {
        Some(Disk {
            count: NonZeroU16::MIN,
            size_gb: Some(NonZeroU64::new(size_gb)?),
            disk_type,
        })
    }

    /// One disk whose size the cloud decides (`SCS-2C-4-` or `SCS-2C-4-n`).
    pub const fn any_size(disk_type: Option<DiskType>) -> Disk {
        Disk {
            count: NonZeroU16::MIN,
            size_gb: None,
            disk_type,
        }
    }

    /// The same disk provisioned `count` times; `None` for 0.
    pub fn times(self, count: u16) -> Option<Disk> {
        Some(Disk {
            count: NonZeroU16::new(count)?,
            ..self
        })
    }
}
