//! Printing flavor names: canonical v3 (`Display`) and the v1 spelling.

use std::fmt;

use crate::{DiskType, Flavor, Hypervisor, Syntax};

impl fmt::Display for Flavor {
    /// The canonical v3 name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        NameBuf::print(self, Syntax::V2, |name| write_padded(f, name))
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
        NameBuf::print(self, Syntax::V2, |name| out.push_str(name));
    }

    /// The canonical name in the given spelling.
    ///
    /// ```
    /// # use scs_flavor::{Flavor, Syntax};
    /// let flavor: Flavor = "SCS-2V-4_z3".parse().unwrap();
    /// assert_eq!(flavor.to_string_in(Syntax::V1), "SCS-2V:4-z3");
    /// ```
    pub fn to_string_in(&self, syntax: Syntax) -> String {
        NameBuf::print(self, syntax, str::to_owned)
    }
}

/// A flavor displayed in the v1 spelling; see [`Flavor::v1`].
#[derive(Debug, Clone, Copy)]
pub struct V1Name<'a>(&'a Flavor);

impl fmt::Display for V1Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        NameBuf::print(self.0, Syntax::V1, |name| write_padded(f, name))
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

/// Room after the longest name, so that a piece of up to this many bytes can be stored
/// whole even where only part of it is kept (see [`NameBuf::put`]).
const SLACK: usize = 8;

/// A name being rendered into a buffer on the stack: printing a flavor costs one
/// `write_str`, not one formatting call per part.
///
/// Speed: the buffer is borrowed rather than a field, so that the compiler keeps the
/// length in a register instead of storing it after every piece.
struct NameBuf<'a> {
    bytes: &'a mut [u8; MAX_NAME_LEN + SLACK],
    len: usize,
}

/// The rendered bytes as text.
fn ascii(bytes: &[u8]) -> &str {
    debug_assert!(bytes.is_ascii());
    // SAFETY: the bytes are the initial zeros and what `NameBuf::put` stored, which it masks
    // to ASCII: valid UTF-8. (Speed: validating costs as much as rendering a short name.)
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

/// Stores a number of four digits or more at `at`: its length first, then pairs of digits
/// from the end. Returns where it ends. (Not a method: that would keep the length in memory.)
#[cold]
fn put_long(bytes: &mut [u8], at: usize, mut n: u64) -> usize {
    let end = at + n.ilog10() as usize + 1;
    let mut at = end;
    while n >= 100 {
        at -= 2;
        bytes[at..at + 2].copy_from_slice(&DIGIT_PAIRS[(n % 100) as usize]);
        n /= 100;
    }
    if n >= 10 {
        bytes[at - 2..at].copy_from_slice(&DIGIT_PAIRS[n as usize]);
    } else {
        bytes[at - 1] = b'0' + n as u8;
    }
    end
}

/// The letter of each disk type, by its discriminant. Speed: a lookup, where the `match`
/// of [`DiskType::letter`] compiles to a jump per name.
const DISK_LETTERS: [u8; DiskType::ALL.len()] = {
    let mut letters = [0; DiskType::ALL.len()];
    let mut i = 0;
    while i < DiskType::ALL.len() {
        let disk_type = DiskType::ALL[i];
        letters[disk_type as usize] = disk_type.letter() as u8;
        i += 1;
    }
    letters
};

/// The code of each hypervisor, by its discriminant (a lookup, as [`DISK_LETTERS`]).
const HYPERVISOR_CODES: [[u8; 3]; Hypervisor::ALL.len()] = {
    let mut codes = [[0; 3]; Hypervisor::ALL.len()];
    let mut i = 0;
    while i < Hypervisor::ALL.len() {
        let hypervisor = Hypervisor::ALL[i];
        codes[hypervisor as usize] = *hypervisor.code_bytes();
        i += 1;
    }
    codes
};

/// `"00"` to `"99"`: numbers are printed two digits at a time.
const DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0; 2]; 100];
    let mut n = 0;
    while n < 100 {
        pairs[n] = [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
        n += 1;
    }
    pairs
};

impl NameBuf<'_> {
    /// Renders `flavor` and hands the name to `then`. Speed: the buffer stays where it was
    /// rendered (returning it would copy all of it).
    #[inline(always)]
    fn print<R>(flavor: &Flavor, syntax: Syntax, then: impl FnOnce(&str) -> R) -> R {
        let mut bytes = [0; MAX_NAME_LEN + SLACK];
        let mut buf = NameBuf {
            bytes: &mut bytes,
            len: 0,
        };
        buf.render(flavor, syntax);
        let len = buf.len;
        then(ascii(&bytes[..len]))
    }

    /// Stores `piece` at the end and keeps its first `keep` bytes. Speed: a fixed-size store
    /// and no branch, also for optional letters (`keep` 0 or 1), which vary from name to
    /// name and would mispredict.
    #[inline(always)]
    fn put<const N: usize>(&mut self, piece: [u8; N], keep: usize) {
        const { assert!(N <= SLACK) };
        debug_assert!(keep <= N);
        let at = self.len;
        // Masked to ASCII, so that `as_str` need not validate: every byte of the grammar is
        // ASCII already, and the mask makes that a fact of this type, not a promise of its
        // callers.
        self.bytes[at..at + N].copy_from_slice(&piece.map(|b| b & 0x7f));
        self.len += keep;
    }

    /// A number in decimal, without leading zeros.
    #[inline(always)]
    fn push_u64(&mut self, n: u64) {
        // Speed: most numbers in names have one to three digits.
        if n < 10 {
            self.put([b'0' + n as u8], 1);
        } else if n < 100 {
            self.put(DIGIT_PAIRS[n as usize], 2);
        } else if n < 1000 {
            let [tens, ones] = DIGIT_PAIRS[(n % 100) as usize];
            self.put([b'0' + (n / 100) as u8, tens, ones], 3);
        } else {
            self.len = put_long(self.bytes, self.len, n);
        }
    }

    /// `count` (0 to 3) letters `h`.
    #[inline(always)]
    fn put_h(&mut self, count: usize) {
        self.put(*b"hhh", count);
    }

    /// Renders the canonical name; the inverse of the parser for canonical input.
    // Speed: inlined into `print`, so that the length stays in a register.
    #[inline(always)]
    fn render(&mut self, flavor: &Flavor, syntax: Syntax) {
        let main = syntax.main_separator() as u8;
        let ext = syntax.extension_separator() as u8;
        self.put(*b"SCS-", 4);
        self.push_u64(flavor.cpus.get());
        self.put([flavor.cpu_type.letter() as u8], 1);
        self.put([b'i'], usize::from(flavor.cpu_insecure));
        self.put([main], 1);
        let half_gib = flavor.ram.half_gib();
        self.push_u64(half_gib / 2);
        // `.5` for an odd count of half GiBs.
        self.put(*b".5", 2 * (half_gib % 2) as usize);
        self.put([b'u'], usize::from(flavor.ram_no_ecc));
        self.put([b'o'], usize::from(flavor.ram_oversubscribed));
        if let Some(disk) = flavor.disk {
            self.put([main], 1);
            if disk.count.get() != 1 {
                self.push_u64(disk.count.get().into());
                self.put([b'x'], 1);
            }
            if let Some(size) = disk.size_gb {
                self.push_u64(size.get());
            }
            if let Some(disk_type) = disk.disk_type {
                self.put([DISK_LETTERS[disk_type as usize]], 1);
            }
        }
        if let Some(hypervisor) = flavor.hypervisor {
            let [a, b, c] = HYPERVISOR_CODES[hypervisor as usize];
            self.put([ext, a, b, c], 4);
        }
        if flavor.hardware_virtualization {
            self.put([ext, b'h', b'w', b'v'], 4);
        }
        if let Some(arch) = flavor.cpu_arch {
            let generation = arch.vendor.generation();
            // The generation digit is left out for generation 0.
            self.put(
                [ext, arch.vendor.letter() as u8, b'0' + generation],
                2 + usize::from(generation != 0),
            );
            self.put_h(arch.frequency as usize);
        }
        if let Some(gpu) = flavor.gpu {
            self.put([ext, gpu.mode.letter() as u8, gpu.vendor.letter() as u8], 3);
            if let Some(code) = gpu.vendor.generation_code() {
                // One to three bytes (`a`, `3.5`).
                for &byte in code.as_bytes() {
                    self.put([byte], 1);
                }
            }
            if let Some(compute) = gpu.compute {
                self.put([main], 1);
                self.push_u64(compute.units.get());
                self.put_h(compute.frequency as usize);
                if let Some(vram) = compute.vram {
                    self.put([main], 1);
                    self.push_u64(vram.gib.get());
                    self.put_h(vram.bandwidth as usize);
                }
            }
        }
        if flavor.infiniband {
            self.put([ext, b'i', b'b'], 3);
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

    #[test]
    fn numbers_print_as_decimal_at_every_length() {
        let mut numbers: Vec<u64> = (1..=1_100).collect();
        for digits in 1..=19 {
            let power = 10u64.pow(digits);
            numbers.extend([power - 1, power, power + 1, power + 99]);
        }
        numbers.push(u64::MAX);
        for n in numbers {
            let flavor: crate::Flavor = format!("SCS-{n}V-4").parse().unwrap();
            assert_eq!(flavor.to_string(), format!("SCS-{n}V-4"));
            let mut out = String::new();
            flavor.append_to(&mut out);
            assert_eq!(out, format!("SCS-{n}V-4"));
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
