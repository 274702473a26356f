//! Printing flavor names: canonical v3 (`Display`) and the v1 spelling.

use std::fmt::{self, Write};

use crate::{Flavor, Syntax};

impl fmt::Display for Flavor {
    /// The canonical v3 name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_name(f, self, Syntax::V2)
    }
}

impl Flavor {
    /// The name in the v1 spelling (`SCS-2V:4:10n-z3`), for `scs:name-v1` and old tooling.
    ///
    /// ```
    /// # use scs_flavor::Flavor;
    /// let flavor: Flavor = "SCS-8Ti-32-50p_i1".parse().unwrap();
    /// assert_eq!(flavor.v1().to_string(), "SCS-8Ti:32:50p-i1");
    /// ```
    pub fn v1(&self) -> V1Name<'_> {
        V1Name(self)
    }

    /// The canonical name in the given spelling.
    pub fn to_string_in(&self, syntax: Syntax) -> String {
        let mut out = String::with_capacity(32);
        write_name(&mut out, self, syntax).expect("writing to a String cannot fail");
        out
    }
}

/// A flavor displayed in the v1 spelling; see [`Flavor::v1`].
#[derive(Debug, Clone, Copy)]
pub struct V1Name<'a>(&'a Flavor);

impl fmt::Display for V1Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_name(f, self.0, Syntax::V1)
    }
}

/// Writes the canonical name; the inverse of the parser for canonical input.
fn write_name(out: &mut impl Write, flavor: &Flavor, syntax: Syntax) -> fmt::Result {
    let main = syntax.main_separator();
    let ext = syntax.extension_separator();
    out.write_str(crate::PREFIX)?;
    write!(out, "{}", flavor.cpus)?;
    out.write_char(flavor.cpu_type.letter())?;
    if flavor.cpu_insecure {
        out.write_char('i')?;
    }
    write!(out, "{main}{}", flavor.ram)?;
    if flavor.ram_no_ecc {
        out.write_char('u')?;
    }
    if flavor.ram_oversubscribed {
        out.write_char('o')?;
    }
    if let Some(disk) = flavor.disk {
        out.write_char(main)?;
        if disk.count.get() != 1 {
            write!(out, "{}x", disk.count)?;
        }
        if let Some(size) = disk.size_gb {
            write!(out, "{size}")?;
        }
        if let Some(disk_type) = disk.disk_type {
            out.write_char(disk_type.letter())?;
        }
    }
    if let Some(hypervisor) = flavor.hypervisor {
        write!(out, "{ext}{}", hypervisor.code())?;
    }
    if flavor.hardware_virtualization {
        write!(out, "{ext}hwv")?;
    }
    if let Some(arch) = flavor.cpu_arch {
        write!(out, "{ext}{}", arch.vendor.letter())?;
        if arch.vendor.generation() != 0 {
            write!(out, "{}", arch.vendor.generation())?;
        }
        out.write_str(arch.frequency.suffix())?;
    }
    if let Some(gpu) = flavor.gpu {
        write!(out, "{ext}{}{}", gpu.mode.letter(), gpu.vendor.letter())?;
        if let Some(code) = gpu.vendor.generation_code() {
            out.write_str(code)?;
        }
        if let Some(compute) = gpu.compute {
            write!(out, "{main}{}{}", compute.units, compute.frequency.suffix())?;
            if let Some(vram) = compute.vram {
                write!(out, "{main}{}{}", vram.gib, vram.bandwidth.suffix())?;
            }
        }
    }
    if flavor.infiniband {
        write!(out, "{ext}ib")?;
    }
    Ok(())
}
