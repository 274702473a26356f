//! Printing flavor names: canonical v3 (`Display`) and the v1 spelling.

use std::fmt;

use crate::{Flavor, Syntax};

impl fmt::Display for Flavor {
    /// The canonical v3 name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_padded(f, NameBuf::new(self, Syntax::V2).as_str())
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

    /// Appends the canonical v3 name to `out`, bypassing the formatting machinery: the
    /// fastest way to print many names into a reused buffer.
    ///
    /// ```
    /// # use scs_flavor::Flavor;
    /// let mut out = String::new();
    /// "SCS-2V-4".parse::<Flavor>().unwrap().append_to(&mut out);
    /// assert_eq!(out, "SCS-2V-4");
    /// ```
    pub fn append_to(&self, out: &mut String) {
        out.reserve(MAX_NAME_LEN);
        render(self, Syntax::V2, out);
    }

    /// The canonical name in the given spelling.
    pub fn to_string_in(&self, syntax: Syntax) -> String {
        let mut out = String::with_capacity(MAX_NAME_LEN);
        render(self, syntax, &mut out);
        out
    }
}

/// A flavor displayed in the v1 spelling; see [`Flavor::v1`].
#[derive(Debug, Clone, Copy)]
pub struct V1Name<'a>(&'a Flavor);

impl fmt::Display for V1Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_padded(f, NameBuf::new(self.0, Syntax::V1).as_str())
    }
}

/// Honours width and precision (`{:>40}`) when given; skips that work when not.
fn write_padded(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    if f.width().is_none() && f.precision().is_none() {
        f.write_str(name)
    } else {
        f.pad(name)
    }
}

/// The longest canonical name: `SCS-` (4), CPUs (20 digits + `Ti`), RAM (`-` + 19 digits +
/// `.5uo`), disk (`-` + 5 digits + `x` + 20 digits + type), `_hyp` (4), `_hwv` (4), CPU
/// (`_a5hhh`, 6), GPU (`_GA0.95` + two times `-` + 20 digits + `hh`, 53), `_ib` (3): 149 bytes.
const MAX_NAME_LEN: usize = 160;

/// Where a name is rendered: a stack buffer (for `Display`) or a caller's `String`.
trait Sink {
    fn push(&mut self, byte: u8);

    fn push_str(&mut self, s: &str) {
        // The pieces are a few bytes long: a byte loop beats a call to memcpy.
        for &byte in s.as_bytes() {
            self.push(byte);
        }
    }

    fn push_char(&mut self, c: char) {
        // Every letter of the grammar is ASCII.
        self.push(c as u8);
    }

    fn push_u64(&mut self, n: u64) {
        // Most numbers in names have one or two digits; skip itoa's general loop for them.
        if n < 10 {
            self.push(b'0' + n as u8);
        } else if n < 100 {
            self.push(b'0' + (n / 10) as u8);
            self.push(b'0' + (n % 10) as u8);
        } else {
            self.push_str(itoa::Buffer::new().format(n));
        }
    }
}

impl Sink for String {
    fn push(&mut self, byte: u8) {
        self.push(char::from(byte));
    }
}

/// A name being rendered, on the stack: printing a flavor costs one `write_str`, not one
/// formatting call per part.
struct NameBuf {
    bytes: [u8; MAX_NAME_LEN],
    len: usize,
}

impl Sink for NameBuf {
    fn push(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }
}

impl NameBuf {
    fn new(flavor: &Flavor, syntax: Syntax) -> NameBuf {
        let mut buf = NameBuf {
            bytes: [0; MAX_NAME_LEN],
            len: 0,
        };
        render(flavor, syntax, &mut buf);
        buf
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).expect("names are ASCII")
    }
}

/// Renders the canonical name; the inverse of the parser for canonical input.
fn render(flavor: &Flavor, syntax: Syntax, out: &mut impl Sink) {
    let main = syntax.main_separator();
    let ext = syntax.extension_separator();
    out.push_str(crate::PREFIX);
    out.push_u64(flavor.cpus.get());
    out.push_char(flavor.cpu_type.letter());
    if flavor.cpu_insecure {
        out.push(b'i');
    }
    out.push_char(main);
    out.push_u64(flavor.ram.half_gib() / 2);
    if flavor.ram.half_gib() % 2 == 1 {
        out.push_str(".5");
    }
    if flavor.ram_no_ecc {
        out.push(b'u');
    }
    if flavor.ram_oversubscribed {
        out.push(b'o');
    }
    if let Some(disk) = flavor.disk {
        out.push_char(main);
        if disk.count.get() != 1 {
            out.push_u64(disk.count.get().into());
            out.push(b'x');
        }
        if let Some(size) = disk.size_gb {
            out.push_u64(size.get());
        }
        if let Some(disk_type) = disk.disk_type {
            out.push_char(disk_type.letter());
        }
    }
    if let Some(hypervisor) = flavor.hypervisor {
        out.push_char(ext);
        out.push_str(hypervisor.code());
    }
    if flavor.hardware_virtualization {
        out.push_char(ext);
        out.push_str("hwv");
    }
    if let Some(arch) = flavor.cpu_arch {
        out.push_char(ext);
        out.push_char(arch.vendor.letter());
        if arch.vendor.generation() != 0 {
            out.push_u64(arch.vendor.generation().into());
        }
        out.push_str(arch.frequency.suffix());
    }
    if let Some(gpu) = flavor.gpu {
        out.push_char(ext);
        out.push_char(gpu.mode.letter());
        out.push_char(gpu.vendor.letter());
        if let Some(code) = gpu.vendor.generation_code() {
            out.push_str(code);
        }
        if let Some(compute) = gpu.compute {
            out.push_char(main);
            out.push_u64(compute.units.get());
            out.push_str(compute.frequency.suffix());
            if let Some(vram) = compute.vram {
                out.push_char(main);
                out.push_u64(vram.gib.get());
                out.push_str(vram.bandwidth.suffix());
            }
        }
    }
    if flavor.infiniband {
        out.push_char(ext);
        out.push_str("ib");
    }
}

#[cfg(test)]
mod tests {
    use std::num::{NonZeroU16, NonZeroU64};

    use super::MAX_NAME_LEN;
    use crate::*;

    #[test]
    fn the_longest_possible_name_fits_the_buffer() {
        let max = NonZeroU64::MAX;
        let flavor = Flavor {
            cpus: max,
            cpu_type: CpuType::DedicatedThread,
            cpu_insecure: true,
            ram: Ram::from_half_gib(u64::MAX).unwrap(),
            ram_no_ecc: true,
            ram_oversubscribed: true,
            disk: Some(Disk {
                count: NonZeroU16::MAX,
                size_gb: Some(max),
                disk_type: Some(DiskType::Nvme),
            }),
            hypervisor: Some(Hypervisor::BareMetal),
            hardware_virtualization: true,
            cpu_arch: Some(CpuArch {
                vendor: CpuVendor::from_parts('a', 5).unwrap(),
                frequency: CpuFrequency::VeryVeryHigh,
            }),
            gpu: Some(Gpu {
                mode: GpuMode::PassThrough,
                vendor: GpuVendor::Intel(Some(IntelGpuGeneration::Gen9_5)),
                compute: Some(GpuCompute {
                    units: max,
                    frequency: GpuFrequency::VeryHigh,
                    vram: Some(Vram {
                        gib: max,
                        bandwidth: VramBandwidth::VeryHigh,
                    }),
                }),
            }),
            infiniband: true,
        };
        for syntax in [Syntax::V1, Syntax::V2] {
            let name = flavor.to_string_in(syntax);
            assert!(
                name.len() <= 149 && 149 < MAX_NAME_LEN,
                "{} bytes: {name}",
                name.len()
            );
            assert_eq!(
                parse_with(&name, syntax, Version::V3).unwrap().flavor,
                flavor
            );
        }
    }
}
