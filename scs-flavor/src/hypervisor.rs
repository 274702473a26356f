//! The hypervisor extension `_hyp`.

use crate::Version;

/// Hypervisors (scs-0100-v3, "Hypervisor").
///
/// ```
/// use scs_flavor::Hypervisor;
/// assert_eq!(Hypervisor::from_code("bms"), Some(Hypervisor::BareMetal));
/// assert_eq!(Hypervisor::CloudHypervisor.code(), "chy");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hypervisor {
    /// `kvm`: KVM (with qemu), the default.
    Kvm,
    /// `chy`: Cloud Hypervisor (added in v3).
    CloudHypervisor,
    /// `xen`: Xen.
    Xen,
    /// `vmw`: VMware.
    VMware,
    /// `hyv`: Hyper-V.
    HyperV,
    /// `bms`: bare metal system, no hypervisor.
    BareMetal,
}

impl Hypervisor {
    /// Every hypervisor of the v3 table.
    pub const ALL: [Hypervisor; 6] = [
        Hypervisor::Kvm,
        Hypervisor::CloudHypervisor,
        Hypervisor::Xen,
        Hypervisor::VMware,
        Hypervisor::HyperV,
        Hypervisor::BareMetal,
    ];

    /// The three-letter code in flavor names.
    pub const fn code(self) -> &'static str {
        match self {
            Hypervisor::Kvm => "kvm",
            Hypervisor::CloudHypervisor => "chy",
            Hypervisor::Xen => "xen",
            Hypervisor::VMware => "vmw",
            Hypervisor::HyperV => "hyv",
            Hypervisor::BareMetal => "bms",
        }
    }

    /// The code as bytes, for printing names.
    pub(crate) const fn code_bytes(self) -> &'static [u8; 3] {
        match self {
            Hypervisor::Kvm => b"kvm",
            Hypervisor::CloudHypervisor => b"chy",
            Hypervisor::Xen => b"xen",
            Hypervisor::VMware => b"vmw",
            Hypervisor::HyperV => b"hyv",
            Hypervisor::BareMetal => b"bms",
        }
    }

    /// The hypervisor for a code.
    pub fn from_code(code: &str) -> Option<Hypervisor> {
        Some(match code {
            "kvm" => Hypervisor::Kvm,
            "chy" => Hypervisor::CloudHypervisor,
            "xen" => Hypervisor::Xen,
            "vmw" => Hypervisor::VMware,
            "hyv" => Hypervisor::HyperV,
            "bms" => Hypervisor::BareMetal,
            _ => return None,
        })
    }

    /// The same as [`from_code`](Self::from_code) for the three bytes of a name.
    ///
    /// ```
    /// # use scs_flavor::Hypervisor;
    /// assert_eq!(Hypervisor::from_code_bytes(b"xen"), Some(Hypervisor::Xen));
    /// ```
    pub const fn from_code_bytes(code: &[u8; 3]) -> Option<Hypervisor> {
        Some(match code {
            b"kvm" => Hypervisor::Kvm,
            b"chy" => Hypervisor::CloudHypervisor,
            b"xen" => Hypervisor::Xen,
            b"vmw" => Hypervisor::VMware,
            b"hyv" => Hypervisor::HyperV,
            b"bms" => Hypervisor::BareMetal,
            _ => return None,
        })
    }

    /// The hypervisor's name.
    pub const fn description(self) -> &'static str {
        match self {
            Hypervisor::Kvm => "KVM",
            Hypervisor::CloudHypervisor => "Cloud Hypervisor",
            Hypervisor::Xen => "Xen",
            Hypervisor::VMware => "VMware",
            Hypervisor::HyperV => "Hyper-V",
            Hypervisor::BareMetal => "bare metal",
        }
    }

    /// The first version of the standard whose table lists this hypervisor.
    pub const fn introduced_in(self) -> Version {
        match self {
            Hypervisor::CloudHypervisor => Version::V3,
            Hypervisor::Kvm
            | Hypervisor::Xen
            | Hypervisor::VMware
            | Hypervisor::HyperV
            | Hypervisor::BareMetal => Version::V1,
        }
    }
}
