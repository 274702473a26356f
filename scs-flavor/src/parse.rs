//! The flavor-name grammar of scs-0100, written with nom.
//!
//! One function per part of the name, in the order of the standard's table:
//! `SCS-` CPUs `-` RAM [`-` disk] [`_`hyp] [`_hwv`] [`_`arch] [`_`GPU] [`_ib`].
//! The separators depend on the [`Syntax`]; which table entries are allowed depends on
//! the [`Version`]. Nothing here allocates.
//!
//! The grammar reads bytes (`&[u8]`), not `&str`: every letter of the grammar is ASCII, and
//! byte slices need no char-boundary check per step. Speed cost some readability in three
//! places, each marked: numbers are scanned without overflow checks up to 19 digits, the
//! extension after a separator is chosen by its first byte instead of trying each in turn,
//! and letters are looked up in tables instead of matched.
//!
//! Most v3 names never reach this grammar: [`parse_with`] first runs the hand-written scanner
//! of `fast.rs`, which answers for the common spellings and the common errors and leaves
//! everything else to the grammar. The grammar stays the definition; the scanner's tests
//! check that both agree wherever the scanner answers.

use std::num::{NonZeroU16, NonZeroU64};
use std::str::FromStr;

use nom::IResult;
use nom::error::ErrorKind;

use crate::fast::Scan;
use crate::{
    CpuArch, CpuFrequency, CpuType, CpuVendor, Disk, DiskType, Expected, Field, Flavor, Gpu,
    GpuCompute, GpuFrequency, GpuMode, GpuVendor, Hypervisor, ParseError, Parsed, PartError, Ram,
    Syntax, Version, Vram, VramBandwidth,
};

/// The prefix of every SCS flavor name.
pub const PREFIX: &str = "SCS-";

/// Parses a name of scs-0100-v3 (the current standard).
///
/// ```
/// use scs_flavor::{parse_v3, Syntax};
/// let parsed = parse_v3("SCS-2V-4-20s")?;
/// assert_eq!(parsed.syntax, Syntax::V2);
/// assert!(parse_v3("SCS-2V:4:20s").is_err());
/// # Ok::<(), scs_flavor::ParseError>(())
/// ```
#[inline]
pub fn parse_v3(name: &str) -> Result<Parsed, ParseError> {
    parse_with(name, Syntax::V2, Version::V3)
}

/// Parses a v3 name strictly (as [`Flavor`]'s `FromStr` does) and appends its canonical
/// name to `out`: the fastest way to normalize many names into a reused buffer. On an error
/// `out` is left as it was.
///
/// The canonical name is the one [`Flavor`]'s `Display` prints (see [`Parsed`] for the other
/// spellings that parse, such as `4.0` and `1x10`). A name that is canonical already
/// ([`Parsed::canonical`]) is copied as it is; only other spellings are printed from the
/// flavor, as [`Flavor::append_to`] does.
///
/// ```
/// use scs_flavor::canonicalize_into;
/// let mut out = String::new();
/// let flavor = canonicalize_into("SCS-2V-4.0-1x10", &mut out)?;
/// assert_eq!(out, "SCS-2V-4-10");
/// assert_eq!(flavor.to_string(), out);
/// out.clear();
/// canonicalize_into("SCS-2V-4-10", &mut out)?;
/// assert_eq!(out, "SCS-2V-4-10");
/// assert!(canonicalize_into("SCS-2V:4", &mut out).is_err());
/// # Ok::<(), scs_flavor::ParseError>(())
/// ```
pub fn canonicalize_into(name: &str, out: &mut String) -> Result<Flavor, ParseError> {
    // Speed: the fast path without the detour through `Parsed` (as in `from_str`). The
    // flavor stays in memory without `black_box`: `append_to` borrows it.
    let mut flavor = Flavor::BLANK;
    let canonical = match crate::fast::scan_v3(name.as_bytes(), &mut flavor) {
        Scan::Parsed(canonical) => canonical,
        Scan::Failed(error) => return Err(error),
        Scan::Unsure => {
            let parsed = grammar(name, Syntax::V2, Version::V3)?;
            flavor = parsed.flavor;
            parsed.canonical
        }
    };
    // Speed: most names in practice are canonical, and copying one costs a fraction of
    // printing it.
    if canonical {
        out.push_str(name);
    } else {
        flavor.append_to(out);
    }
    Ok(flavor)
}

/// Parses a name of scs-0100-v2: the v3 syntax without what v3 added (Cloud Hypervisor
/// `chy`, GPU video memory, and CPU generations 5 and 6 and ARM 4).
///
/// ```
/// use scs_flavor::parse_v2;
/// assert!(parse_v2("SCS-2V-4_kvm").is_ok());
/// assert!(parse_v2("SCS-2V-4_chy").is_err());
/// ```
pub fn parse_v2(name: &str) -> Result<Parsed, ParseError> {
    parse_with(name, Syntax::V2, Version::V2)
}

/// Parses a name of scs-0100-v1, in its own tables and the v1 spelling (`SCS-2V:4:10n-z3`).
///
/// ```
/// use scs_flavor::parse_v1;
/// assert_eq!(parse_v1("SCS-2V:4:10n")?.flavor.to_string(), "SCS-2V-4-10n");
/// # Ok::<(), scs_flavor::ParseError>(())
/// ```
pub fn parse_v1(name: &str) -> Result<Parsed, ParseError> {
    parse_with(name, Syntax::V1, Version::V1)
}

/// Parses a name the way the certification does: as v3, and failing that, as a v3 name in
/// the old v1 spelling, which is tolerated with a warning ([`Parsed::is_v1`]).
///
/// scs-0100-v3: "For the time being, the validation tools still accept the old names with
/// a warning". The old *spelling* is tolerated with the CPU and GPU tables of the current
/// standard, as in the reference implementation; hypervisors are those of the v1 table
/// (Cloud Hypervisor `chy` came with v3, after the v1 spelling was retired). When both
/// fail, the v3 error is returned.
///
/// ```
/// use scs_flavor::parse_tolerant;
/// let parsed = parse_tolerant("SCS-2V:4:20s")?;
/// assert!(parsed.is_v1());
/// assert_eq!(parsed.flavor.to_string(), "SCS-2V-4-20s");
/// assert!(!parse_tolerant("SCS-2V-4-20s")?.is_v1());
/// # Ok::<(), scs_flavor::ParseError>(())
/// ```
pub fn parse_tolerant(name: &str) -> Result<Parsed, ParseError> {
    parse_v3(name)
        .or_else(|v3_error| parse_with(name, Syntax::V1, Version::V3).map_err(|_| v3_error))
}

/// Parses `name` in the given spelling, accepting the tables of `version`.
#[inline]
pub fn parse_with(name: &str, syntax: Syntax, version: Version) -> Result<Parsed, ParseError> {
    // Speed: the common v3 names are scanned by hand; the grammar below decides the rest.
    // (`black_box`: see `from_str`.)
    if (syntax, version) == (Syntax::V2, Version::V3) {
        let mut flavor = Flavor::BLANK;
        match crate::fast::scan_v3(name.as_bytes(), std::hint::black_box(&mut flavor)) {
            Scan::Parsed(canonical) => {
                return Ok(Parsed {
                    flavor,
                    syntax,
                    canonical,
                });
            }
            Scan::Failed(error) => return Err(error),
            Scan::Unsure => {}
        }
    }
    grammar(name, syntax, version)
}

/// [`parse_with`] by the nom grammar alone.
pub(crate) fn grammar(name: &str, syntax: Syntax, version: Version) -> Result<Parsed, ParseError> {
    let Some(rest) = name.as_bytes().strip_prefix(PREFIX.as_bytes()) else {
        return Err(ParseError::NotScs);
    };
    let rules = Rules {
        syntax,
        main: syntax.main_separator() as u8,
        ext: syntax.extension_separator() as u8,
        version,
    };
    match flavor(rest, rules) {
        Ok((_, (flavor, canonical))) => Ok(Parsed {
            flavor,
            syntax,
            canonical,
        }),
        Err(nom::Err::Error(fail) | nom::Err::Failure(fail)) => Err(fail.into_error(name)),
        // Only streaming parsers return Incomplete; we use none.
        Err(nom::Err::Incomplete(_)) => Err(ParseError::Syntax {
            offset: name.len(),
            expected: Expected::End,
        }),
    }
}

impl FromStr for Flavor {
    type Err = ParseError;

    /// Parses a v3 name strictly; see [`parse_v3`] for the canonical flag and
    /// [`parse_tolerant`] for the certification's tolerance of v1 names.
    fn from_str(name: &str) -> Result<Flavor, ParseError> {
        // Speed: the fast path without the detour through `Parsed`, which would copy the
        // flavor once more. And `black_box` keeps the flavor in memory, where the scanner
        // stores each part once: left to itself, the compiler splits the flavor into a dozen
        // locals, spills them and copies them into the result one by one (about 15
        // instructions more per name over the corpus). It changes no result.
        let mut flavor = Flavor::BLANK;
        match crate::fast::scan_v3(name.as_bytes(), std::hint::black_box(&mut flavor)) {
            Scan::Parsed(_) => Ok(flavor),
            Scan::Failed(error) => Err(error),
            Scan::Unsure => grammar(name, Syntax::V2, Version::V3).map(|parsed| parsed.flavor),
        }
    }
}

/// Parses `s` as one part of a v3 name with `parser`, which must consume all of it.
pub(crate) fn whole_part<'a, T>(
    s: &'a str,
    parser: impl Fn(Input<'a>) -> PResult<'a, T>,
) -> Result<T, PartError> {
    let expected = match parser(s.as_bytes()) {
        Ok(([], value)) => return Ok(value),
        Ok(_) => Expected::End,
        Err(nom::Err::Error(fail) | nom::Err::Failure(fail)) => match fail.kind {
            FailKind::Expected(expected) => expected,
            FailKind::OutOfRange(field) => Expected::InRange(field),
        },
        Err(nom::Err::Incomplete(_)) => Expected::End,
    };
    Err(PartError { expected })
}

#[derive(Clone, Copy)]
struct Rules {
    syntax: Syntax,
    main: u8,
    ext: u8,
    version: Version,
}

impl Rules {
    const V3: Rules = Rules {
        syntax: Syntax::V2,
        main: b'-',
        ext: b'_',
        version: Version::V3,
    };
}

/// The input: the bytes of the name not read yet.
type Input<'a> = &'a [u8];

/// Where and why parsing stopped; turned into a [`ParseError`] with a byte offset.
///
/// The place is kept as the number of bytes left, which is all the offset needs and keeps
/// the error (and so every `Result` of the grammar) small.
#[derive(Debug)]
pub(crate) struct Fail {
    left: usize,
    kind: FailKind,
}

#[derive(Debug)]
enum FailKind {
    Expected(Expected),
    OutOfRange(Field),
}

impl Fail {
    fn expected(rest: Input<'_>, expected: Expected) -> nom::Err<Fail> {
        nom::Err::Failure(Fail {
            left: rest.len(),
            kind: FailKind::Expected(expected),
        })
    }

    fn out_of_range(at: Input<'_>, field: Field) -> nom::Err<Fail> {
        nom::Err::Failure(Fail {
            left: at.len(),
            kind: FailKind::OutOfRange(field),
        })
    }

    fn into_error(self, name: &str) -> ParseError {
        let offset = name.len() - self.left;
        match self.kind {
            FailKind::Expected(expected) => ParseError::Syntax { offset, expected },
            FailKind::OutOfRange(field) => ParseError::OutOfRange { offset, field },
        }
    }
}

impl nom::error::ParseError<Input<'_>> for Fail {
    fn from_error_kind(rest: Input<'_>, _: ErrorKind) -> Self {
        Fail {
            left: rest.len(),
            kind: FailKind::Expected(Expected::End),
        }
    }

    fn append(_: Input<'_>, _: ErrorKind, other: Self) -> Self {
        other
    }
}

pub(crate) type PResult<'a, O> = IResult<Input<'a>, O, Fail>;

/// A recoverable "not here" error, for optional parts.
#[inline]
fn no_match(input: Input<'_>) -> nom::Err<Fail> {
    nom::Err::Error(Fail {
        left: input.len(),
        kind: FailKind::Expected(Expected::End),
    })
}

/// `parser`, and where it does not match, a failure for good: `expected` at this position.
#[inline]
fn expect<'a, O>(
    parser: impl Fn(Input<'a>) -> PResult<'a, O>,
    expected: Expected,
    input: Input<'a>,
) -> PResult<'a, O> {
    match parser(input) {
        Err(nom::Err::Error(_)) => Err(Fail::expected(input, expected)),
        other => other,
    }
}

/// `byte` if it comes next: `(rest, true)`, else `(input, false)`. An optional letter.
#[inline]
fn flag(input: Input<'_>, byte: u8) -> (Input<'_>, bool) {
    // Speed: no branch. Which optional letters a name has varies from name to name, and a
    // branch on it is mispredicted about every other time.
    let hit = input.first() == Some(&byte);
    (&input[usize::from(hit)..], hit)
}

/// One byte that `accept` maps to a value (a letter of one of the standard's tables).
#[inline]
fn letter<T>(accept: impl Fn(u8) -> Option<T>) -> impl Fn(Input<'_>) -> PResult<'_, T> {
    move |input| match input.split_first() {
        Some((&b, rest)) => match accept(b) {
            Some(value) => Ok((rest, value)),
            None => Err(no_match(input)),
        },
        None => Err(no_match(input)),
    }
}

/// A run of ASCII digits: the digits and their value, `None` if it does not fit 64 bits.
#[derive(Clone, Copy)]
struct Number<'a> {
    digits: &'a [u8],
    value: Option<u64>,
}

/// A run of ASCII digits, at least one.
#[inline]
fn number(input: Input<'_>) -> PResult<'_, Number<'_>> {
    // Speed: one pass without overflow checks (the scanner's); 19 digits always fit 64 bits,
    // and only longer runs are counted again, with checks.
    let (value, n) = crate::fast::digits(input);
    if n == 0 {
        return Err(no_match(input));
    }
    let digits = &input[..n];
    let value = if n <= 19 {
        Some(value)
    } else {
        digits.iter().try_fold(0u64, |v, &b| {
            v.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        })
    };
    Ok((&input[n..], Number { digits, value }))
}

impl Number<'_> {
    /// Spelled canonically: no leading zero.
    #[inline]
    fn canonical(self) -> bool {
        // Non-short-circuit `|`: no branch to mispredict on random input.
        (self.digits.len() == 1) | (self.digits[0] != b'0')
    }
}

/// A positive decimal number that fits `T`: `(value, canonical)`.
#[inline]
fn positive<T: TryFrom<NonZeroU64>>(input: Input<'_>, field: Field) -> PResult<'_, (T, bool)> {
    let (rest, number) = expect(number, Expected::Number(field), input)?;
    Ok((rest, checked(input, number, field)?))
}

/// Checks a scanned number at `at`: not zero, and fits `T`.
#[inline]
fn checked<T: TryFrom<NonZeroU64>>(
    at: Input<'_>,
    number: Number<'_>,
    field: Field,
) -> Result<(T, bool), nom::Err<Fail>> {
    let value = number.value.ok_or_else(|| Fail::out_of_range(at, field))?;
    let value =
        NonZeroU64::new(value).ok_or_else(|| Fail::expected(at, Expected::Positive(field)))?;
    let value = T::try_from(value).map_err(|_| Fail::out_of_range(at, field))?;
    Ok((value, number.canonical()))
}

/// A run of `h` letters, at most `max` long.
#[inline]
fn h_count(input: Input<'_>, max: usize, expected: Expected) -> PResult<'_, usize> {
    let n = input.iter().take_while(|&&b| b == b'h').count();
    if n > max {
        return Err(Fail::expected(&input[max..], expected));
    }
    Ok((&input[n..], n))
}

/// The extensions, in the order the standard requires them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Hypervisor,
    HardwareVirtualization,
    CpuArch,
    Gpu,
    Infiniband,
}

/// The whole name after `SCS-`: `(flavor, canonical)`.
fn flavor(input: Input<'_>, rules: Rules) -> PResult<'_, (Flavor, bool)> {
    let (input, (cpus, mut canonical)) = positive::<NonZeroU64>(input, Field::Cpus)?;
    let (input, cpu_type) = expect(letter(CpuType::from_byte), Expected::CpuType, input)?;
    let (input, cpu_insecure) = flag(input, b'i');
    let (input, separated) = flag(input, rules.main);
    if !separated {
        return Err(Fail::expected(
            input,
            Expected::RamSeparator(char::from(rules.main)),
        ));
    }
    let (input, (ram, ram_canonical)) = ram(input)?;
    let (input, ram_no_ecc) = flag(input, b'u');
    let (mut input, ram_oversubscribed) = flag(input, b'o');
    canonical &= ram_canonical;
    let mut flavor = Flavor {
        cpus,
        cpu_type,
        cpu_insecure,
        ram,
        ram_no_ecc,
        ram_oversubscribed,
        ..Flavor::BLANK
    };
    if let (rest, true) = flag(input, rules.main) {
        let (rest, (disk, disk_canonical)) = disk(rest)?;
        flavor.disk = Some(disk);
        canonical &= disk_canonical;
        input = rest;
    }
    // Extensions: each at most once, in the standard's order. Speed: the first bytes after
    // the separator tell which one it is, so none is tried in vain.
    let mut last: Option<Stage> = None;
    while let (body, true) = flag(input, rules.ext) {
        let at_separator = input;
        let (rest, stage) = match body {
            [b'h', b'w', b'v', rest @ ..] => {
                flavor.hardware_virtualization = true;
                (rest, Stage::HardwareVirtualization)
            }
            [b'i', b'b', rest @ ..] => {
                flavor.infiniband = true;
                (rest, Stage::Infiniband)
            }
            [b'i' | b'z' | b'a' | b'r', ..] => {
                let (rest, (arch, c)) = cpu_arch(body, rules)?;
                flavor.cpu_arch = Some(arch);
                canonical &= c;
                (rest, Stage::CpuArch)
            }
            [b'G' | b'g', ..] => {
                let (rest, (gpu, c)) = gpu(body, rules)?;
                flavor.gpu = Some(gpu);
                canonical &= c;
                (rest, Stage::Gpu)
            }
            _ => match hypervisor(body, rules) {
                Ok((rest, hypervisor)) => {
                    flavor.hypervisor = Some(hypervisor);
                    (rest, Stage::Hypervisor)
                }
                Err(nom::Err::Error(_)) => return Err(Fail::expected(at_separator, Expected::End)),
                Err(failure) => return Err(failure),
            },
        };
        if last.is_some_and(|last| stage <= last) {
            return Err(Fail::expected(at_separator, Expected::End));
        }
        last = Some(stage);
        input = rest;
    }
    if !input.is_empty() {
        return Err(Fail::expected(input, Expected::End));
    }
    Ok((input, (flavor, canonical)))
}

/// RAM: `N` or `N.F` GiB, a positive multiple of 0.5.
///
/// Digits are required on both sides of a decimal point: the standard's numbers look like
/// `3.5` and `0.5`; `4.` and `.5` are not numbers of the standard (the reference accepts them).
#[inline]
pub(crate) fn ram(input: Input<'_>) -> PResult<'_, (Ram, bool)> {
    let (rest, whole) = expect(number, Expected::RamAmount, input)?;
    let (rest, fraction) = match rest.split_first() {
        Some((b'.', after_dot)) => {
            let (rest, fraction) = expect(number, Expected::RamFraction, after_dot)?;
            (rest, Some(fraction.digits))
        }
        _ => (rest, None),
    };
    let half = match fraction.map(|f| f.trim_ascii_end_zeros()) {
        None | Some([]) => 0,
        Some([b'5']) => 1,
        Some(_) => return Err(Fail::expected(input, Expected::HalfGib)),
    };
    let half_gib = whole
        .value
        .and_then(|w| w.checked_mul(2))
        .and_then(|w| w.checked_add(half))
        .ok_or_else(|| Fail::out_of_range(input, Field::Ram))?;
    let ram = Ram::from_half_gib(half_gib)
        .ok_or_else(|| Fail::expected(input, Expected::Positive(Field::Ram)))?;
    let canonical = whole.canonical() && fraction.is_none_or(|f| f == b"5");
    Ok((rest, (ram, canonical)))
}

trait TrimZeros {
    fn trim_ascii_end_zeros(&self) -> &Self;
}

impl TrimZeros for [u8] {
    /// The digits without trailing zeros (`50` is `5`, `0` is empty).
    fn trim_ascii_end_zeros(&self) -> &[u8] {
        let n = self.iter().rev().take_while(|&&b| b == b'0').count();
        &self[..self.len() - n]
    }
}

/// The disk part after its separator: `[Mx][N][type]`, every piece optional.
///
/// scs-0100-v3 shows each of `SCS-2C-4-10n`, `SCS-2C-4-n`, `SCS-2C-4-` and `SCS-2C-4-3x10`;
/// a multiplier without a size (`3x`) is accepted as the reference does.
#[inline]
pub(crate) fn disk(input: Input<'_>) -> PResult<'_, (Disk, bool)> {
    let mut count = NonZeroU16::MIN;
    let mut canonical = true;
    let mut size_gb = None;
    let (mut rest, first) = match number(input) {
        Ok((rest, n)) => (rest, Some(n)),
        Err(_) => (input, None),
    };
    let mut size = first.map(|n| (input, n));
    if let (after_x, true) = flag(rest, b'x') {
        // `[M x]N`: M is a number (the reference also reads a bare `x` as one disk).
        let Some(multiplier) = first else {
            return Err(Fail::expected(rest, Expected::Number(Field::DiskCount)));
        };
        // A number followed by `x` is the multiplier; the size may follow it.
        let (n, c) = checked::<NonZeroU16>(input, multiplier, Field::DiskCount)?;
        count = n;
        canonical &= c && n.get() != 1;
        (rest, size) = match number(after_x) {
            Ok((r, n)) => (r, Some((after_x, n))),
            Err(_) => (after_x, None),
        };
    }
    if let Some((at, digits)) = size {
        let (n, c) = checked::<NonZeroU64>(at, digits, Field::DiskSize)?;
        size_gb = Some(n);
        canonical &= c;
    }
    let (rest, disk_type) = match letter(DiskType::from_byte)(rest) {
        Ok((r, t)) => (r, Some(t)),
        Err(_) => (rest, None),
    };
    let disk = Disk {
        count,
        size_gb,
        disk_type,
    };
    Ok((rest, (disk, canonical)))
}

/// A hypervisor code after its separator.
#[inline]
fn hypervisor(input: Input<'_>, rules: Rules) -> PResult<'_, Hypervisor> {
    let Some((code, rest)) = input.split_first_chunk::<3>() else {
        return Err(no_match(input));
    };
    let hypervisor = Hypervisor::from_code_bytes(code).ok_or_else(|| no_match(input))?;
    // The v1 spelling was retired before `chy` was added: a v1 name knows only the v1 table.
    let version = if rules.syntax == Syntax::V1 {
        Version::V1
    } else {
        rules.version
    };
    if hypervisor.introduced_in() > version {
        return Err(Fail::expected(input, Expected::InVersion(version)));
    }
    Ok((rest, hypervisor))
}

/// [`cpu_arch`] by the rules of v3, for `FromStr`.
pub(crate) fn cpu_arch_v3(input: Input<'_>) -> PResult<'_, (CpuArch, bool)> {
    cpu_arch(input, Rules::V3)
}

/// The CPU architecture after its separator: vendor letter, generation digits, `h`s.
#[inline]
fn cpu_arch(input: Input<'_>, rules: Rules) -> PResult<'_, (CpuArch, bool)> {
    let vendor_letter = |b: u8| CpuVendor::is_vendor_letter(char::from(b)).then_some(char::from(b));
    let (rest, letter) = expect(letter(vendor_letter), Expected::CpuVendor, input)?;
    let (rest, digits) = match number(rest) {
        Ok((rest, n)) => (rest, Some(n)),
        Err(_) => (rest, None),
    };
    let unknown = || Fail::expected(&input[1..], Expected::CpuGeneration(letter));
    let generation = match digits {
        None => 0,
        Some(n) => n
            .value
            .and_then(|v| u8::try_from(v).ok())
            .ok_or_else(unknown)?,
    };
    let vendor = CpuVendor::from_parts(letter, generation).ok_or_else(unknown)?;
    if vendor.introduced_in() > rules.version {
        return Err(Fail::expected(
            &input[1..],
            Expected::InVersion(rules.version),
        ));
    }
    let (rest, hs) = h_count(rest, 3, Expected::CpuFrequency)?;
    let frequency = CpuFrequency::from_h_count(hs).expect("h_count checked the bound");
    // Generation 0 is what a name without a number means; the canonical name leaves it out.
    let canonical = digits.is_none_or(|n| n.digits != b"0" && n.canonical());
    Ok((rest, (CpuArch { vendor, frequency }, canonical)))
}

/// The GPU after its separator: `G`/`g`, vendor, generation, then `-M[h][-V[h]]`.
fn gpu(input: Input<'_>, rules: Rules) -> PResult<'_, (Gpu, bool)> {
    let (rest, mode) = letter(|b| GpuMode::from_letter(char::from(b)))(input)?;
    let vendor_letter = |b: u8| GpuVendor::is_vendor_letter(char::from(b)).then_some(char::from(b));
    let (rest, vendor_letter) = expect(letter(vendor_letter), Expected::GpuVendor, rest)?;
    let gen_at = rest;
    // nVidia generations are one lower-case letter; AMD and Intel ones are decimal numbers.
    let n = if vendor_letter == 'N' {
        usize::from(rest.first().is_some_and(u8::is_ascii_lowercase))
    } else {
        rest.iter()
            .take_while(|&&b| b.is_ascii_digit() || b == b'.')
            .count()
    };
    let (code, rest) = rest.split_at(n);
    // The code is ASCII: a letter, or digits and dots.
    let code = (n > 0).then(|| std::str::from_utf8(code).expect("ASCII"));
    let vendor = GpuVendor::from_parts(vendor_letter, code)
        .ok_or_else(|| Fail::expected(gen_at, Expected::GpuGeneration(vendor_letter)))?;
    let mut canonical = true;
    let mut compute = None;
    let mut rest = rest;
    // `X[N[-M[h]...]]`: the frequency `h` belongs to a unit count (the reference also
    // accepts it right after the generation).
    if rest.first() == Some(&b'h') {
        return Err(Fail::expected(rest, Expected::Number(Field::GpuUnits)));
    }
    if let (after_sep, true) = flag(rest, rules.main) {
        let (r, (units, c)) = positive::<NonZeroU64>(after_sep, Field::GpuUnits)?;
        canonical &= c;
        let (r, hs) = h_count(r, 2, Expected::GpuSuffix)?;
        let frequency = GpuFrequency::from_h_count(hs).expect("h_count checked the bound");
        rest = r;
        let mut vram = None;
        if let (after_sep, true) = flag(rest, rules.main) {
            if rules.version < Version::V3 {
                return Err(Fail::expected(
                    after_sep,
                    Expected::InVersion(rules.version),
                ));
            }
            let (r, (gib, c)) = positive::<NonZeroU64>(after_sep, Field::Vram)?;
            canonical &= c;
            let (r, hs) = h_count(r, 2, Expected::GpuSuffix)?;
            let bandwidth = VramBandwidth::from_h_count(hs).expect("h_count checked the bound");
            vram = Some(Vram { gib, bandwidth });
            rest = r;
        }
        compute = Some(GpuCompute {
            units,
            frequency,
            vram,
        });
    }
    let gpu = Gpu {
        mode,
        vendor,
        compute,
    };
    Ok((rest, (gpu, canonical)))
}
