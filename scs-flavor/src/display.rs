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
        // Speed: rendered on the stack and copied once; pushing each byte onto the `String`
        // checks its capacity every time.
        out.push_str(NameBuf::new(self, Syntax::V2).as_str());
    }

    /// The canonical name in the given spelling.
    ///
    /// ```
    /// # use scs_flavor::{Flavor, Syntax};
    /// let flavor: Flavor = "SCS-2V-4_z3".parse().unwrap();
    /// assert_eq!(flavor.to_string_in(Syntax::V1), "SCS-2V:4-z3");
    /// ```
    pub fn to_string_in(&self, syntax: Syntax) -> String {
        NameBuf::new(self, syntax).as_str().to_owned()
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

/// A name being rendered, on the stack: printing a flavor costs one `write_str`, not one
/// formatting call per part.
struct NameBuf {
    bytes: [u8; MAX_NAME_LEN],
    len: usize,
}

impl NameBuf {
    // Speed: inlined, so the buffer is built where it is used, not copied out of here.
    #[inline(always)]
    fn new(flavor: &Flavor, syntax: Syntax) -> NameBuf {
        let mut buf = NameBuf {
            bytes: [0; MAX_NAME_LEN],
            len: 0,
        };
        buf.render(flavor, syntax);
        buf
    }

    fn as_str(&self) -> &str {
        let bytes = &self.bytes[..self.len];
        debug_assert!(bytes.is_ascii());
        // SAFETY: `bytes` holds the initial zeros and what `push` and `push_array` stored,
        // which they mask to ASCII: valid UTF-8. (Speed: validating costs as much as
        // rendering a short name.)
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    #[inline(always)]
    fn push(&mut self, byte: u8) {
        // Masked to ASCII, so that `as_str` need not validate: every byte of the grammar is
        // ASCII already, and the mask makes that a fact of this type, not a promise of its
        // callers.
        self.bytes[self.len] = byte & 0x7f;
        self.len += 1;
    }

    /// A piece of fixed length: a few stores, no loop.
    /// `byte` if `yes`. Speed: written either way and counted only if `yes`, without a
    /// branch to mispredict on the flags, which vary from name to name.
    #[inline(always)]
    fn push_if(&mut self, byte: u8, yes: bool) {
        self.bytes[self.len] = byte & 0x7f;
        self.len += usize::from(yes);
    }

    #[inline(always)]
    fn push_array<const N: usize>(&mut self, piece: &[u8; N]) {
        let end = self.len + N;
        for (to, from) in self.bytes[self.len..end].iter_mut().zip(piece) {
            *to = from & 0x7f;
        }
        self.len = end;
    }

    #[inline(always)]
    fn push_str(&mut self, s: &str) {
        for &byte in s.as_bytes() {
            self.push(byte);
        }
    }

    #[inline(always)]
    fn push_char(&mut self, c: char) {
        // Every letter of the grammar is ASCII.
        self.push(c as u8);
    }

    /// `count` (0 to 3) letters `h`: speed, three are written and `count` kept, no loop.
    #[inline(always)]
    fn push_h(&mut self, count: usize) {
        let at = self.len;
        self.push_array(b"hhh");
        self.len = at + count;
    }

    #[inline(always)]
    fn push_u64(&mut self, n: u64) {
        // Most numbers in names have one to three digits; skip itoa's general loop for them.
        if n < 10 {
            self.push(b'0' + n as u8);
        } else if n < 100 {
            self.push_array(&[b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]);
        } else if n < 1000 {
            self.push_array(&[
                b'0' + (n / 100) as u8,
                b'0' + (n / 10 % 10) as u8,
                b'0' + (n % 10) as u8,
            ]);
        } else {
            self.push_long(n);
        }
    }

    #[cold]
    fn push_long(&mut self, n: u64) {
        self.push_str(itoa::Buffer::new().format(n));
    }

    /// Renders the canonical name; the inverse of the parser for canonical input.
    fn render(&mut self, flavor: &Flavor, syntax: Syntax) {
        let main = syntax.main_separator();
        let ext = syntax.extension_separator();
        self.push_array(b"SCS-");
        self.push_u64(flavor.cpus.get());
        self.push_char(flavor.cpu_type.letter());
        self.push_if(b'i', flavor.cpu_insecure);
        self.push_char(main);
        self.push_u64(flavor.ram.half_gib() / 2);
        // `.5` for an odd count of half GiBs, without a branch (see `push_h`).
        let at = self.len;
        self.push_array(b".5");
        self.len = at + 2 * (flavor.ram.half_gib() % 2) as usize;
        self.push_if(b'u', flavor.ram_no_ecc);
        self.push_if(b'o', flavor.ram_oversubscribed);
        if let Some(disk) = flavor.disk {
            self.push_char(main);
            if disk.count.get() != 1 {
                self.push_u64(disk.count.get().into());
                self.push(b'x');
            }
            if let Some(size) = disk.size_gb {
                self.push_u64(size.get());
            }
            if let Some(disk_type) = disk.disk_type {
                self.push_char(disk_type.letter());
            }
        }
        if let Some(hypervisor) = flavor.hypervisor {
            self.push_char(ext);
            self.push_array(hypervisor.code_bytes());
        }
        if flavor.hardware_virtualization {
            self.push_char(ext);
            self.push_array(b"hwv");
        }
        if let Some(arch) = flavor.cpu_arch {
            self.push_char(ext);
            self.push_char(arch.vendor.letter());
            if arch.vendor.generation() != 0 {
                self.push(b'0' + arch.vendor.generation());
            }
            self.push_h(arch.frequency as usize);
        }
        if let Some(gpu) = flavor.gpu {
            self.push_char(ext);
            self.push_char(gpu.mode.letter());
            self.push_char(gpu.vendor.letter());
            if let Some(code) = gpu.vendor.generation_code() {
                self.push_str(code);
            }
            if let Some(compute) = gpu.compute {
                self.push_char(main);
                self.push_u64(compute.units.get());
                self.push_h(compute.frequency as usize);
                if let Some(vram) = compute.vram {
                    self.push_char(main);
                    self.push_u64(vram.gib.get());
                    self.push_h(vram.bandwidth as usize);
                }
            }
        }
        if flavor.infiniband {
            self.push_char(ext);
            self.push_array(b"ib");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn append_to_adds_what_display_prints() {
        let mut out = String::from("name: ");
        for name in [
            "SCS-2V-4",
            "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib",
            "SCS-1Li-0.5uo-n_a5hhh",
        ] {
            let flavor: crate::Flavor = name.parse().unwrap();
            out.truncate(6);
            flavor.append_to(&mut out);
            assert_eq!(out, format!("name: {flavor}"));
            assert_eq!(format!("{flavor:>45}|"), format!("{name:>45}|"));
            assert_eq!(flavor.to_string(), name);
        }
    }

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
