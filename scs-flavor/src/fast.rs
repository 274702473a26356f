//! A hand-written scanner for v3 names: the fast path in front of the nom grammar.
//!
//! [`parse`](crate::parse)'s nom grammar is the definition; this scanner is a shortcut that
//! must agree with it. It reads a name left to right once and answers only where the answer
//! is plain: a name made of the common spellings (numbers of at most 19 digits, a
//! one-digit CPU generation, ...) is returned parsed, and an error in the head of the name
//! (`SCS-`, CPUs, CPU type, the RAM separator, the RAM amount and fraction, a zero count) is
//! returned with the grammar's offset and expectation, and so is an unknown or misplaced
//! extension and what trails the name. Everything else, rarer spellings and errors inside a
//! part after the RAM included, is left to the grammar ([`Scan::Unsure`]), which then
//! parses the name from the start. The unit tests below check, over generated and mutated
//! names, that both give identical results and identical errors.
//!
//! Speed: about half of the names seen in practice are valid and most of the invalid ones
//! break in the head (a v1 name has `:` where the RAM separator belongs, a typo hits the CPU
//! count or type), so this covers nearly every name; the grammar builds its result through
//! nom's `IResult`s and costs several times as many instructions per name.

use std::num::{NonZeroU16, NonZeroU64};

use crate::{
    AmdGpuGeneration, CpuArch, CpuFrequency, CpuType, CpuVendor, Disk, DiskType, Expected, Field,
    Flavor, Gpu, GpuCompute, GpuFrequency, GpuMode, GpuVendor, Hypervisor, IntelGpuGeneration,
    NvidiaGeneration, ParseError, Ram, Vram, VramBandwidth,
};

/// What the scanner found.
pub(crate) enum Scan {
    /// A valid name, stored in the caller's flavor; whether the input was canonical.
    Parsed(bool),
    /// An invalid name, with the error the grammar gives.
    Failed(ParseError),
    /// Not decided here: ask the grammar.
    Unsure,
}

/// Scans a whole name (with `SCS-`) by the rules of v3 in the v2/v3 spelling; a valid name
/// is stored in `flavor`, which must be [`Flavor::BLANK`] (other outcomes leave it unspecified).
///
/// Speed: each part is stored in the caller's flavor as soon as it is read. A flavor
/// returned by value was kept in a dozen registers and stack slots through the scan and
/// copied field by field at its end (`canonicalize_into` spent about 30 instructions per
/// name more). The callers keep their flavor in memory (see `from_str`).
#[inline(always)]
pub(crate) fn scan_v3(name: &[u8], flavor: &mut Flavor) -> Scan {
    match name.strip_prefix(b"SCS-") {
        Some(rest) => match scan(name.len(), rest, flavor) {
            Ok(canonical) => Scan::Parsed(canonical),
            Err(Some(error)) => Scan::Failed(error),
            Err(None) => Scan::Unsure,
        },
        None => Scan::Failed(ParseError::NotScs),
    }
}

/// `Err(Some(_))`: the grammar's error; `Err(None)`: unsure.
type Step<T> = Result<T, Option<ParseError>>;

/// The error "expected `expected`" where `rest` begins, in a name of `len` bytes.
fn expected(len: usize, rest: &[u8], expected: Expected) -> Option<ParseError> {
    Some(ParseError::Syntax {
        offset: len - rest.len(),
        expected,
    })
}

/// The name after `SCS-`, in the order of the grammar's `flavor`, into a [`Flavor::BLANK`] `flavor`.
#[inline(always)]
fn scan(len: usize, rest: &[u8], flavor: &mut Flavor) -> Step<bool> {
    // CPUs, type, `i`, `-`.
    let (cpus, n) = digits(rest);
    if n == 0 {
        return Err(expected(len, rest, Expected::Number(Field::Cpus)));
    }
    let mut canonical = no_leading_zero(rest, n);
    // More than 19 digits: the grammar tells which error (or value) it is.
    if n > 19 {
        return Err(None);
    }
    flavor.cpus = NonZeroU64::new(cpus)
        .ok_or_else(|| expected(len, rest, Expected::Positive(Field::Cpus)))?;
    let rest = &rest[n..];
    flavor.cpu_type = rest
        .first()
        .and_then(|&b| CpuType::from_byte(b))
        .ok_or_else(|| expected(len, rest, Expected::CpuType))?;
    let (rest, cpu_insecure) = flag(&rest[1..], b'i');
    flavor.cpu_insecure = cpu_insecure;
    let (rest, separated) = flag(rest, b'-');
    if !separated {
        return Err(expected(len, rest, Expected::RamSeparator('-')));
    }

    // RAM: whole GiBs, `.5`, `u`, `o`.
    let ram_at = rest;
    let (whole, n) = digits(rest);
    if n == 0 {
        return Err(expected(len, rest, Expected::RamAmount));
    }
    canonical &= no_leading_zero(rest, n);
    let rest = &rest[n..];
    let (rest, half) = match rest {
        [b'.', b'5', after @ ..] if !after.first().is_some_and(u8::is_ascii_digit) => (after, 1),
        // Any other spelling of a fraction (`.0`, `.50`) is not canonical, or an error.
        [b'.', after @ ..] => {
            canonical = false;
            ram_fraction(len, ram_at, after)?
        }
        _ => (rest, 0),
    };
    // Speed: up to 18 digits, twice the amount fits 64 bits without a check; longer amounts
    // (too large, or with leading zeros) are the grammar's.
    if n > 18 {
        return Err(None);
    }
    let half_gib = 2 * whole + half;
    flavor.ram = Ram::from_half_gib(half_gib)
        .ok_or_else(|| expected(len, ram_at, Expected::Positive(Field::Ram)))?;
    let (rest, ram_no_ecc) = flag(rest, b'u');
    let (rest, ram_oversubscribed) = flag(rest, b'o');
    flavor.ram_no_ecc = ram_no_ecc;
    flavor.ram_oversubscribed = ram_oversubscribed;

    // Disk: `-[Mx][N][type]`.
    let mut rest = match rest {
        [b'-', after @ ..] => {
            let (after, disk, c) = disk(after)?;
            flavor.disk = Some(disk);
            canonical &= c;
            after
        }
        _ => rest,
    };

    // Extensions, each at most once and in the standard's order (the stage numbers).
    let mut stage = 0;
    while let [b'_', body @ ..] = rest {
        // What is not an extension, or one out of order, ends the name here.
        let end_here = || expected(len, rest, Expected::End);
        let (after, this) = match body {
            [b'h', b'w', b'v', after @ ..] => {
                flavor.hardware_virtualization = true;
                (after, 2)
            }
            [b'i', b'b', after @ ..] => {
                flavor.infiniband = true;
                (after, 5)
            }
            [vendor @ (b'i' | b'z' | b'a' | b'r'), after @ ..] => {
                let (after, arch, c) = cpu_arch(cpu_vendor_index(*vendor), after)?;
                flavor.cpu_arch = Some(arch);
                canonical &= c;
                (after, 3)
            }
            [mode @ (b'G' | b'g'), after @ ..] => {
                let (after, gpu, c) = gpu(*mode, after)?;
                flavor.gpu = Some(gpu);
                canonical &= c;
                (after, 4)
            }
            [a, b, c, after @ ..] => {
                // Every hypervisor of the table is in v3.
                let key = u32::from_le_bytes([*a, *b, *c, 0]);
                flavor.hypervisor = Some(find(&HYPERVISORS, key).ok_or_else(end_here)?);
                (after, 1)
            }
            _ => return Err(end_here()),
        };
        if this <= stage {
            return Err(end_here());
        }
        stage = this;
        rest = after;
    }
    if !rest.is_empty() {
        return Err(expected(len, rest, Expected::End));
    }
    Ok(canonical)
}

/// A RAM fraction other than `.5`, after its dot: `(rest, half GiBs)`, and the grammar's
/// errors in its order: no digits after the dot, then a fraction other than 0 or 0.5 (at
/// `ram`, where the amount begins). Trailing zeros do not count: `.50` is `.5`.
#[cold]
fn ram_fraction<'a>(len: usize, ram: &[u8], after_dot: &'a [u8]) -> Step<(&'a [u8], u64)> {
    let (_, n) = digits(after_dot);
    if n == 0 {
        return Err(expected(len, after_dot, Expected::RamFraction));
    }
    let (fraction, rest) = after_dot.split_at(n);
    let significant = fraction
        .iter()
        .rposition(|&b| b != b'0')
        .map_or(0, |i| i + 1);
    let half = match &fraction[..significant] {
        [] => 0,
        [b'5'] => 1,
        _ => return Err(expected(len, ram, Expected::HalfGib)),
    };
    Ok((rest, half))
}

/// The disk part after its separator: `(rest, disk, canonical)`.
#[inline(always)]
fn disk(rest: &[u8]) -> Step<(&[u8], Disk, bool)> {
    let (first, n) = digits(rest);
    let mut canonical = no_leading_zero(rest, n);
    let (rest, count, size) = match &rest[n..] {
        [b'x', after @ ..] => {
            // `Mx[N]`: the grammar reports a missing, zero or too large M.
            let count = u16::try_from(first)
                .ok()
                .and_then(NonZeroU16::new)
                .filter(|_| n > 0 && n <= 19)
                .ok_or(None)?;
            canonical &= count.get() != 1;
            let (size, m) = digits(after);
            canonical &= no_leading_zero(after, m);
            (&after[m..], count, (m > 0).then_some((size, m)))
        }
        after => (after, NonZeroU16::MIN, (n > 0).then_some((first, n))),
    };
    let size_gb = match size {
        // Zero and more than 19 digits: the grammar's.
        Some((size, n)) => Some(NonZeroU64::new(size).filter(|_| n <= 19).ok_or(None)?),
        None => None,
    };
    let disk_type = rest.first().and_then(|&b| DiskType::from_byte(b));
    let rest = &rest[usize::from(disk_type.is_some())..];
    let disk = Disk {
        count,
        size_gb,
        disk_type,
    };
    Ok((rest, disk, canonical))
}

/// The CPU architecture after its vendor letter: one generation digit at most, up to `hhh`.
#[inline(always)]
fn cpu_arch(vendor: usize, rest: &[u8]) -> Step<(&[u8], CpuArch, bool)> {
    let (generation, n) = match rest {
        [digit @ b'0'..=b'9', after @ ..] if !after.first().is_some_and(u8::is_ascii_digit) => {
            (digit - b'0', 1)
        }
        [b'0'..=b'9', ..] => return Err(None),
        _ => (0, 0),
    };
    // Generation 0 written out is valid but not canonical.
    let canonical = n == 0 || generation != 0;
    let vendor = CPU_VENDORS[vendor][usize::from(generation)].ok_or(None)?;
    let (rest, hs) = h_run(&rest[n..], 3)?;
    let frequency = CpuFrequency::from_h_count(hs).ok_or(None)?;
    Ok((rest, CpuArch { vendor, frequency }, canonical))
}

/// The GPU after its mode letter: vendor, generation, then `-M[h][-V[h]]`.
#[inline(always)]
fn gpu(mode: u8, rest: &[u8]) -> Step<(&[u8], Gpu, bool)> {
    let mode = if mode == b'G' {
        GpuMode::PassThrough
    } else {
        GpuMode::Virtual
    };
    // nVidia generations are one lower-case letter; AMD and Intel ones digits and dots.
    let (rest, vendor) = match rest {
        [b'N', letter @ b'a'..=b'z', after @ ..] => {
            let generation = NVIDIA_GPUS[usize::from(*letter - b'a')].ok_or(None)?;
            (after, GpuVendor::Nvidia(Some(generation)))
        }
        [b'N', after @ ..] => (after, GpuVendor::Nvidia(None)),
        [vendor @ (b'A' | b'I'), after @ ..] => {
            let n = after
                .iter()
                .take_while(|&&b| b.is_ascii_digit() || b == b'.')
                .count();
            let generation = match n {
                0 => None,
                _ => Some(pack(&after[..n]).ok_or(None)?),
            };
            let vendor = match (vendor, generation) {
                (b'A', None) => GpuVendor::Amd(None),
                (b'A', Some(key)) => GpuVendor::Amd(Some(find(&AMD_GPUS, key).ok_or(None)?)),
                (_, None) => GpuVendor::Intel(None),
                (_, Some(key)) => GpuVendor::Intel(Some(find(&INTEL_GPUS, key).ok_or(None)?)),
            };
            (&after[n..], vendor)
        }
        _ => return Err(None),
    };
    let mut canonical = true;
    let (rest, compute) = match rest {
        [b'-', after @ ..] => {
            let (rest, units, c) = positive(after)?;
            canonical &= c;
            let (rest, hs) = h_run(rest, 2)?;
            let frequency = GpuFrequency::from_h_count(hs).ok_or(None)?;
            let (rest, vram) = match rest {
                [b'-', after @ ..] => {
                    let (rest, gib, c) = positive(after)?;
                    canonical &= c;
                    let (rest, hs) = h_run(rest, 2)?;
                    let bandwidth = VramBandwidth::from_h_count(hs).ok_or(None)?;
                    (rest, Some(Vram { gib, bandwidth }))
                }
                _ => (rest, None),
            };
            let compute = GpuCompute {
                units,
                frequency,
                vram,
            };
            (rest, Some(compute))
        }
        // An `h` right after the generation is an error of the grammar's.
        [b'h', ..] => return Err(None),
        _ => (rest, None),
    };
    let gpu = Gpu {
        mode,
        vendor,
        compute,
    };
    Ok((rest, gpu, canonical))
}

/// A positive number of at most 19 digits: `(rest, value, canonical)`.
#[inline(always)]
fn positive(rest: &[u8]) -> Step<(&[u8], NonZeroU64, bool)> {
    let (value, n) = digits(rest);
    let value = NonZeroU64::new(value).filter(|_| n <= 19).ok_or(None)?;
    Ok((&rest[n..], value, no_leading_zero(rest, n)))
}

/// A run of at most `max` letters `h`: `(rest, count)`; a longer run is the grammar's error.
#[inline(always)]
fn h_run(rest: &[u8], max: usize) -> Step<(&[u8], usize)> {
    let mut n = 0;
    while rest.get(n) == Some(&b'h') {
        n += 1;
        if n > max {
            return Err(None);
        }
    }
    Ok((&rest[n..], n))
}

/// Up to four bytes as one number (the bytes of the tables' codes are never zero).
const fn pack(code: &[u8]) -> Option<u32> {
    if code.len() > 4 {
        return None;
    }
    let mut key = 0;
    let mut i = 0;
    while i < code.len() {
        key |= (code[i] as u32) << (8 * i);
        i += 1;
    }
    Some(key)
}

/// The entry of a table keyed by [`pack`]ed codes.
#[inline(always)]
fn find<T: Copy>(table: &[(u32, T)], key: u32) -> Option<T> {
    table
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, value)| *value)
}

/// A table of the standard keyed by the packed codes, built from the type's own `ALL` and
/// `code()`, so that the scanner's tables cannot drift from the grammar's.
macro_rules! keyed_by_code {
    ($ty:ty) => {{
        const N: usize = <$ty>::ALL.len();
        let mut table = [(0, <$ty>::ALL[0]); N];
        let mut i = 0;
        while i < N {
            let value = <$ty>::ALL[i];
            table[i] = match pack(value.code().as_bytes()) {
                Some(key) => (key, value),
                None => panic!("a code of more than four bytes"),
            };
            i += 1;
        }
        table
    }};
}

const HYPERVISORS: [(u32, Hypervisor); Hypervisor::ALL.len()] = keyed_by_code!(Hypervisor);
const AMD_GPUS: [(u32, AmdGpuGeneration); AmdGpuGeneration::ALL.len()] =
    keyed_by_code!(AmdGpuGeneration);
const INTEL_GPUS: [(u32, IntelGpuGeneration); IntelGpuGeneration::ALL.len()] =
    keyed_by_code!(IntelGpuGeneration);

/// nVidia generations by their letter, `a` to `z`.
const NVIDIA_GPUS: [Option<NvidiaGeneration>; 26] = {
    let mut table = [None; 26];
    let mut i = 0;
    while i < NvidiaGeneration::ALL.len() {
        let generation = NvidiaGeneration::ALL[i];
        table[(generation.code().as_bytes()[0] - b'a') as usize] = Some(generation);
        i += 1;
    }
    table
};

/// CPU vendors by [`cpu_vendor_index`] and generation digit, from [`CpuVendor::from_parts`].
const CPU_VENDORS: [[Option<CpuVendor>; 10]; 4] = {
    let mut table = [[None; 10]; 4];
    let letters = [b'i', b'z', b'a', b'r'];
    let mut v = 0;
    while v < 4 {
        let mut generation = 0;
        while generation < 10 {
            table[v][generation as usize] = CpuVendor::from_parts(letters[v] as char, generation);
            generation += 1;
        }
        v += 1;
    }
    table
};

/// The row of [`CPU_VENDORS`] for a vendor letter (`i`, `z`, `a`, `r`).
#[inline(always)]
fn cpu_vendor_index(letter: u8) -> usize {
    match letter {
        b'i' => 0,
        b'z' => 1,
        b'a' => 2,
        _ => 3,
    }
}

/// The ASCII digits at the start: `(value, count)`; the value wraps beyond 19 digits, which
/// callers refuse or count again (the grammar's `number` uses it too).
#[inline(always)]
pub(crate) fn digits(s: &[u8]) -> (u64, usize) {
    let mut value = 0u64;
    let mut n = 0;
    while let Some(&b) = s.get(n) {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            break;
        }
        value = value.wrapping_mul(10).wrapping_add(u64::from(digit));
        n += 1;
    }
    (value, n)
}

/// Whether the `n` digits at the start of `s` are spelled without a leading zero.
#[inline(always)]
fn no_leading_zero(s: &[u8], n: usize) -> bool {
    n <= 1 || s[0] != b'0'
}

/// `byte` if it comes next: `(rest, true)`, else `(rest, false)`.
#[inline(always)]
fn flag(rest: &[u8], byte: u8) -> (&[u8], bool) {
    match rest {
        [first, after @ ..] if *first == byte => (after, true),
        _ => (rest, false),
    }
}

#[cfg(test)]
mod tests {
    //! The scanner agrees with the grammar: wherever it answers, its answer is the grammar's,
    //! and the public entry points give the grammar's answer for every input. Run with
    //! `PROPTEST_CASES=100000` for a thorough pass; CI runs the default count.

    use proptest::prelude::*;

    use super::*;
    use crate::{Parsed, Syntax, Version};

    /// The reference-labelled corpus (see `tests/data/README.md`).
    const CORPUS: &str = include_str!("../tests/data/reference-labels.jsonl");

    fn corpus() -> Vec<String> {
        CORPUS
            .lines()
            .map(|line| {
                let record: serde_json::Value = serde_json::from_str(line).unwrap();
                record["name"].as_str().unwrap().to_owned()
            })
            .collect()
    }

    /// What the scanner said, checked against the grammar.
    fn agree(name: &str) -> Result<Scanned, TestCaseError> {
        let grammar = crate::parse::grammar(name, Syntax::V2, Version::V3);
        let mut flavor = Flavor::BLANK;
        let scanned = match scan_v3(name.as_bytes(), &mut flavor) {
            Scan::Parsed(canonical) => {
                let parsed = Parsed {
                    flavor,
                    syntax: Syntax::V2,
                    canonical,
                };
                prop_assert_eq!(grammar, Ok(parsed), "{:?}", name);
                Scanned::Parsed
            }
            Scan::Failed(error) => {
                prop_assert_eq!(grammar, Err(error), "{:?}", name);
                Scanned::Failed
            }
            Scan::Unsure => Scanned::Unsure,
        };
        prop_assert_eq!(crate::parse_v3(name), grammar, "{:?}", name);
        prop_assert_eq!(
            name.parse::<Flavor>(),
            grammar.map(|parsed| parsed.flavor),
            "{:?}",
            name
        );
        // `canonicalize_into` copies the canonical names it is given: right only if the
        // scanner's canonical flag is.
        let mut out = String::from("before ");
        let canonicalized = crate::canonicalize_into(name, &mut out);
        prop_assert_eq!(
            canonicalized,
            grammar.map(|parsed| parsed.flavor),
            "{:?}",
            name
        );
        let printed = grammar.map_or(String::new(), |parsed| parsed.flavor.to_string());
        prop_assert_eq!(out, format!("before {printed}"), "{:?}", name);
        Ok(scanned)
    }

    #[derive(Debug, PartialEq)]
    enum Scanned {
        Parsed,
        Failed,
        Unsure,
    }

    #[test]
    fn agrees_with_the_grammar_on_the_corpus_and_decides_most_of_it() {
        let names = corpus();
        let mut counts = [0; 3];
        for name in &names {
            let scanned = agree(name).unwrap();
            counts[scanned as usize] += 1;
        }
        let [parsed, failed, unsure] = counts;
        // 1,557 names of the corpus are valid v3 names; the scanner leaves the rare spellings
        // (`z04`) to the grammar. Most invalid names break in the head. (37 of the 3,000
        // names are left to the grammar.)
        assert!(
            parsed >= 1_500,
            "parsed {parsed}, failed {failed}, unsure {unsure}"
        );
        assert!(
            failed >= 1_000,
            "parsed {parsed}, failed {failed}, unsure {unsure}"
        );
        assert!(
            unsure <= 50,
            "parsed {parsed}, failed {failed}, unsure {unsure}"
        );
    }

    /// Names in the shape of the grammar, valid or nearly so.
    const SCS_LIKE: &str = "SCS-[0-9]{1,3}[LVTCi]{1,2}[-:][0-9.]{1,4}[uo]{0,2}\
        ([-:][0-9x]{0,4}[nhsp]?)?\
        (_(kvm|chy|xen|vmw|hyv|bms|hwv|[izar][0-9]{0,2}h{0,4}|[gG][NAI][a-z0-9.]{0,4}(-[0-9]{1,3}h{0,3}){0,2}|ib)){0,5}";

    /// The bytes the grammar cares about, and a few it does not.
    const ALPHABET: &[u8] = b"0123456789.-_:xhiuoLVTCnspkvmcyebwzarGgNAIlftS ";

    /// `base` with a few characters deleted, inserted, replaced or swapped.
    fn mutated(base: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
        let edit = (
            0..4u8,
            any::<prop::sample::Index>(),
            prop::sample::select(ALPHABET),
        );
        (base, prop::collection::vec(edit, 1..4)).prop_map(|(base, edits)| {
            let mut bytes = base.into_bytes();
            for (kind, at, byte) in edits {
                let at = at.index(bytes.len() + 1);
                match kind {
                    0 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    1 => bytes.insert(at, byte),
                    2 if at < bytes.len() => bytes[at] = byte,
                    _ if at + 1 < bytes.len() => bytes.swap(at, at + 1),
                    _ => {}
                }
            }
            // An edit may split a character of the corpus's non-ASCII names.
            String::from_utf8_lossy(&bytes).into_owned()
        })
    }

    fn corpus_name() -> impl Strategy<Value = String> {
        prop::sample::select(corpus())
    }

    proptest! {
        #[test]
        fn agrees_with_the_grammar_on_names_of_its_shape(name in SCS_LIKE) {
            agree(&name)?;
        }

        #[test]
        fn agrees_with_the_grammar_on_mutated_names(name in mutated(SCS_LIKE.prop_map(|s| s))) {
            agree(&name)?;
        }

        #[test]
        fn agrees_with_the_grammar_on_mutated_corpus_names(name in mutated(corpus_name())) {
            agree(&name)?;
        }

        #[test]
        fn agrees_with_the_grammar_on_ram_fractions_and_zeros(
            cpus in "0{0,2}[0-9]{1,2}",
            ram in "[0-9]{0,3}\\.?[0-9]{0,4}[.x]?",
            after in "[uo]{0,2}(-[0-9]{1,2}n)?(_ib)?",
        ) {
            agree(&format!("SCS-{cpus}V-{ram}{after}"))?;
        }

        #[test]
        fn agrees_with_the_grammar_on_long_numbers(
            cpus in "[0-9]{17,22}",
            ram in "[0-9]{17,22}(\\.[05]{1,3})?",
            disk in "[0-9]{1,6}x[0-9]{17,22}",
        ) {
            agree(&format!("SCS-{cpus}V-4"))?;
            agree(&format!("SCS-2V-{ram}"))?;
            agree(&format!("SCS-2V-4-{disk}"))?;
        }
    }
}
