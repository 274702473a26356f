//! Human-readable descriptions of flavor names.

use std::fmt::Write;

use crate::{CpuFrequency, Flavor, GpuFrequency, VramBandwidth};

impl Flavor {
    /// A one-line English description of everything the name says.
    ///
    /// ```
    /// # use scs_flavor::Flavor;
    /// let flavor: Flavor = "SCS-2C-4-10n".parse().unwrap();
    /// assert_eq!(flavor.describe(), "2 dedicated cores (generic x86-64), 4 GiB RAM, one 10 GB network disk");
    /// ```
    pub fn describe(&self) -> String {
        let mut s = String::with_capacity(96);
        // Infallible: writing to a String.
        let _ = self.write_description(&mut s);
        s
    }

    fn write_description(&self, s: &mut String) -> std::fmt::Result {
        let plural = if self.cpus.get() == 1 { "" } else { "s" };
        write!(s, "{} {}{plural}", self.cpus, self.cpu_type.description())?;
        let mut cpu_notes: Vec<String> = Vec::new();
        if self.cpu_insecure {
            cpu_notes.push("insecure: weak protection against CPU vulnerabilities".into());
        }
        match self.cpu_arch {
            None => cpu_notes.push("generic x86-64".into()),
            Some(arch) => {
                let mut cpu = arch.vendor.vendor_name().to_owned();
                if let Some(generation) = arch.vendor.generation_name() {
                    write!(cpu, " {generation}")?;
                }
                if arch.frequency != CpuFrequency::Standard {
                    write!(
                        cpu,
                        ", {}",
                        arch.frequency.description().unwrap_or_default()
                    )?;
                }
                cpu_notes.push(cpu);
            }
        }
        write!(s, " ({})", cpu_notes.join("; "))?;
        write!(s, ", {} GiB RAM", self.ram)?;
        match (self.ram_no_ecc, self.ram_oversubscribed) {
            (true, true) => s.push_str(" (no ECC, oversubscribed)"),
            (true, false) => s.push_str(" (no ECC)"),
            (false, true) => s.push_str(" (oversubscribed)"),
            (false, false) => {}
        }
        match self.disk {
            None => s.push_str(", no root disk (boot from volume)"),
            Some(disk) => {
                let count = disk.count.get();
                if count == 1 {
                    s.push_str(", one")
                } else {
                    write!(s, ", {count}x")?
                }
                if let Some(size) = disk.size_gb {
                    write!(s, " {size} GB")?;
                } else {
                    s.push_str(" cloud-sized");
                }
                match disk.disk_type {
                    Some(t) => write!(s, " {} disk", t.description())?,
                    None => s.push_str(" disk of any type"),
                }
                if count != 1 {
                    s.push('s');
                }
            }
        }
        if let Some(hypervisor) = self.hypervisor {
            write!(s, ", on {}", hypervisor.description())?;
        }
        if self.hardware_virtualization {
            s.push_str(", with hardware virtualization");
        }
        if let Some(gpu) = self.gpu {
            write!(
                s,
                ", {} {}",
                gpu.mode.description(),
                gpu.vendor.vendor_name()
            )?;
            if let Some(generation) = gpu.vendor.generation_name() {
                write!(s, " {generation}")?;
            }
            if let Some(compute) = gpu.compute {
                write!(s, " with {} {}", compute.units, gpu.vendor.unit_name())?;
                match compute.frequency {
                    GpuFrequency::Standard => {}
                    GpuFrequency::High => s.push_str(" (high frequency)"),
                    GpuFrequency::VeryHigh => s.push_str(" (very high frequency)"),
                }
                if let Some(vram) = compute.vram {
                    write!(s, " and {} GiB VRAM", vram.gib)?;
                    match vram.bandwidth {
                        VramBandwidth::Standard => {}
                        VramBandwidth::High => s.push_str(" (high bandwidth)"),
                        VramBandwidth::VeryHigh => s.push_str(" (very high bandwidth)"),
                    }
                }
            }
        }
        if self.infiniband {
            s.push_str(", Infiniband");
        }
        Ok(())
    }
}
