//! The flavor-name grammar of scs-0100, written with nom.
//!
//! One function per part of the name, in the order of the standard's table:
//! `SCS-` CPUs `-` RAM [`-` disk] [`_`hyp] [`_hwv`] [`_`arch] [`_`GPU] [`_ib`].
//! The separators depend on the [`Syntax`]; which table entries are allowed depends on
//! the [`Version`]. Nothing here allocates.

use std::num::{NonZeroU16, NonZeroU64};
use std::str::FromStr;

use nom::IResult;
use nom::Parser;
use nom::error::ErrorKind;

use crate::{
    CpuArch, CpuFrequency, CpuType, CpuVendor, Disk, DiskType, Expected, Field, Flavor, Gpu,
    GpuCompute, GpuFrequency, GpuMode, GpuVendor, Hypervisor, ParseError, Parsed, Ram, Syntax,
    Version, Vram, VramBandwidth,
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
pub fn parse_v3(name: &str) -> Result<Parsed, ParseError> {
    parse_with(name, Syntax::V2, Version::V3)
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
pub fn parse_with(name: &str, syntax: Syntax, version: Version) -> Result<Parsed, ParseError> {
    let Some(rest) = name.strip_prefix(PREFIX) else {
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
        parse_v3(name).map(|parsed| parsed.flavor)
    }
}

#[derive(Clone, Copy)]
struct Rules {
    syntax: Syntax,
    main: u8,
    ext: u8,
    version: Version,
}

/// Where and why parsing stopped; turned into a [`ParseError`] with a byte offset.
#[derive(Debug)]
struct Fail<'a> {
    rest: &'a str,
    kind: FailKind,
}

#[derive(Debug)]
enum FailKind {
    Expected(Expected),
    OutOfRange(Field),
}

impl<'a> Fail<'a> {
    fn expected(rest: &'a str, expected: Expected) -> nom::Err<Fail<'a>> {
        nom::Err::Failure(Fail {
            rest,
            kind: FailKind::Expected(expected),
        })
    }

    fn into_error(self, name: &str) -> ParseError {
        let offset = name.len() - self.rest.len();
        match self.kind {
            FailKind::Expected(expected) => ParseError::Syntax { offset, expected },
            FailKind::OutOfRange(field) => ParseError::OutOfRange { offset, field },
        }
    }
}

impl<'a> nom::error::ParseError<&'a str> for Fail<'a> {
    fn from_error_kind(rest: &'a str, _: ErrorKind) -> Self {
        Fail {
            rest,
            kind: FailKind::Expected(Expected::End),
        }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }
}

type PResult<'a, O> = IResult<&'a str, O, Fail<'a>>;

/// Runs `parser`; if it does not match, fails for good with `expected` at this position.
fn expect<'a, O>(
    mut parser: impl Parser<&'a str, Output = O, Error = Fail<'a>>,
    expected: Expected,
) -> impl FnMut(&'a str) -> PResult<'a, O> {
    move |input| match parser.parse(input) {
        Err(nom::Err::Error(_)) => Err(Fail::expected(input, expected)),
        other => other,
    }
}

/// A recoverable "not here" error, for optional parts.
fn no_match(input: &str) -> nom::Err<Fail<'_>> {
    nom::Err::Error(Fail {
        rest: input,
        kind: FailKind::Expected(Expected::End),
    })
}

/// `parser`, or `None` where it does not match; a committed failure still fails. This is
/// nom's `opt`, specialised for the hot path: the generic combinator costs a hundred
/// instructions per call here, which is most of a short name's budget.
fn maybe<'a, O>(
    parser: impl Fn(&'a str) -> PResult<'a, O>,
    input: &'a str,
) -> PResult<'a, Option<O>> {
    match parser(input) {
        Ok((rest, out)) => Ok((rest, Some(out))),
        Err(nom::Err::Error(_)) => Ok((input, None)),
        Err(e) => Err(e),
    }
}

/// One ASCII byte. Comparing bytes, not decoded chars, keeps the hot path cheap.
fn byte(expected: u8) -> impl Fn(&str) -> PResult<'_, u8> {
    move |input| match input.as_bytes().first() {
        Some(&b) if b == expected => Ok((&input[1..], b)),
        _ => Err(no_match(input)),
    }
}

/// One ASCII byte that `accept` maps to a value (a letter of one of the standard's tables).
fn letter<T>(accept: impl Fn(u8) -> Option<T>) -> impl Fn(&str) -> PResult<'_, T> {
    move |input| match input.as_bytes().first().and_then(|&b| accept(b)) {
        Some(value) => Ok((&input[1..], value)),
        None => Err(no_match(input)),
    }
}

/// A run of ASCII digits, at least one: `(digits, value)`, the value `None` if it does not
/// fit 64 bits. Scans once, computing the value on the way.
fn number(input: &str) -> PResult<'_, (&str, Option<u64>)> {
    let mut value = Some(0u64);
    let mut n = 0;
    for &b in input.as_bytes() {
        if !b.is_ascii_digit() {
            break;
        }
        value = value
            .and_then(|v| v.checked_mul(10))
            .and_then(|v| v.checked_add(u64::from(b - b'0')));
        n += 1;
    }
    if n == 0 {
        return Err(no_match(input));
    }
    Ok((&input[n..], (&input[..n], value)))
}

/// Whether a run of digits is spelled canonically (no leading zero).
fn canonical_digits(digits: &str) -> bool {
    // Non-short-circuit `|`: no branch to mispredict on random input.
    (digits.len() == 1) | (digits.as_bytes()[0] != b'0')
}

/// A positive decimal number that fits `T`: `(value, canonical)`.
fn positive<'a, T: TryFrom<NonZeroU64>>(input: &'a str, field: Field) -> PResult<'a, (T, bool)> {
    let (rest, number) = expect(number, Expected::Number(field))(input)?;
    Ok((rest, checked(input, number, field)?))
}

/// Checks a scanned number at `at`: not zero, and fits `T`.
fn checked<'a, T: TryFrom<NonZeroU64>>(
    at: &'a str,
    (digits, value): (&str, Option<u64>),
    field: Field,
) -> Result<(T, bool), nom::Err<Fail<'a>>> {
    let out_of_range = || {
        nom::Err::Failure(Fail {
            rest: at,
            kind: FailKind::OutOfRange(field),
        })
    };
    let value = value.ok_or_else(out_of_range)?;
    let value =
        NonZeroU64::new(value).ok_or_else(|| Fail::expected(at, Expected::Positive(field)))?;
    let value = T::try_from(value).map_err(|_| out_of_range())?;
    Ok((value, canonical_digits(digits)))
}

/// A run of `h` letters, at most `max` long.
fn h_count(input: &str, max: usize, expected: Expected) -> PResult<'_, usize> {
    let n = input.bytes().take_while(|&b| b == b'h').count();
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
fn flavor(input: &str, rules: Rules) -> PResult<'_, (Flavor, bool)> {
    let (input, (cpus, mut canonical)) = positive::<NonZeroU64>(input, Field::Cpus)?;
    let (input, cpu_type) = expect(letter(CpuType::from_byte), Expected::CpuType)(input)?;
    let (input, cpu_insecure) = maybe(byte(b'i'), input)?;
    let (input, _) = expect(
        byte(rules.main),
        Expected::RamSeparator(char::from(rules.main)),
    )(input)?;
    let (input, (ram, ram_canonical)) = ram(input)?;
    let (input, ram_no_ecc) = maybe(byte(b'u'), input)?;
    let (mut input, ram_oversubscribed) = maybe(byte(b'o'), input)?;
    canonical &= ram_canonical;
    let mut flavor = Flavor {
        cpus,
        cpu_type,
        cpu_insecure: cpu_insecure.is_some(),
        ram,
        ram_no_ecc: ram_no_ecc.is_some(),
        ram_oversubscribed: ram_oversubscribed.is_some(),
        disk: None,
        hypervisor: None,
        hardware_virtualization: false,
        cpu_arch: None,
        gpu: None,
        infiniband: false,
    };
    if let Ok((rest, _)) = byte(rules.main)(input) {
        let (rest, (disk, disk_canonical)) = disk(rest)?;
        flavor.disk = Some(disk);
        canonical &= disk_canonical;
        input = rest;
    }
    // Extensions: each at most once, in the standard's order. The first bytes after the
    // separator tell which one it is, so none is tried in vain.
    let mut last: Option<Stage> = None;
    while let Ok((body, _)) = byte(rules.ext)(input) {
        let at_separator = input;
        let (rest, stage) = match body.as_bytes().first() {
            Some(b'h') if body.starts_with("hwv") => {
                flavor.hardware_virtualization = true;
                (&body[3..], Stage::HardwareVirtualization)
            }
            Some(b'i') if body.starts_with("ib") => {
                flavor.infiniband = true;
                (&body[2..], Stage::Infiniband)
            }
            Some(b'i' | b'z' | b'a' | b'r') => {
                let (rest, (arch, c)) = cpu_arch(body, rules)?;
                flavor.cpu_arch = Some(arch);
                canonical &= c;
                (rest, Stage::CpuArch)
            }
            Some(b'G' | b'g') => {
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
fn ram(input: &str) -> PResult<'_, (Ram, bool)> {
    let (rest, (whole, whole_gib)) = expect(number, Expected::RamAmount)(input)?;
    let (rest, fraction) = match rest.strip_prefix('.') {
        Some(after_dot) => {
            let (rest, (fraction, _)) = expect(number, Expected::RamFraction)(after_dot)?;
            (rest, Some(fraction))
        }
        None => (rest, None),
    };
    let out_of_range = || {
        nom::Err::Failure(Fail {
            rest: input,
            kind: FailKind::OutOfRange(Field::Ram),
        })
    };
    let half = match fraction.map(|f| f.trim_end_matches('0')) {
        None | Some("") => 0,
        Some("5") => 1,
        Some(_) => return Err(Fail::expected(input, Expected::HalfGib)),
    };
    let half_gib = whole_gib
        .and_then(|w| w.checked_mul(2))
        .and_then(|w| w.checked_add(half))
        .ok_or_else(out_of_range)?;
    let ram = Ram::from_half_gib(half_gib)
        .ok_or_else(|| Fail::expected(input, Expected::Positive(Field::Ram)))?;
    let canonical = canonical_digits(whole) && fraction.is_none_or(|f| f == "5");
    Ok((rest, (ram, canonical)))
}

/// The disk part after its separator: `[Mx][N][type]`, every piece optional.
///
/// scs-0100-v3 shows each of `SCS-2C-4-10n`, `SCS-2C-4-n`, `SCS-2C-4-` and `SCS-2C-4-3x10`;
/// a multiplier without a size (`3x`) is accepted as the reference does.
fn disk(input: &str) -> PResult<'_, (Disk, bool)> {
    let mut count = NonZeroU16::MIN;
    let mut canonical = true;
    let mut size_gb = None;
    let (mut rest, first) = maybe(number, input)?;
    // `[M x]N`: M is a number (the reference also reads a bare `x` as one disk).
    if first.is_none() && rest.starts_with('x') {
        return Err(Fail::expected(rest, Expected::Number(Field::DiskCount)));
    }
    let mut size = first.map(|n| (input, n));
    // A number followed by `x` is the multiplier; the size may follow it.
    if let (Some(multiplier), Some(after_x)) = (first, rest.strip_prefix('x')) {
        let (n, c) = checked::<NonZeroU16>(input, multiplier, Field::DiskCount)?;
        count = n;
        canonical &= c && n.get() != 1;
        let (r, second) = maybe(number, after_x)?;
        size = second.map(|n| (after_x, n));
        rest = r;
    }
    if let Some((at, digits)) = size {
        let (n, c) = checked::<NonZeroU64>(at, digits, Field::DiskSize)?;
        size_gb = Some(n);
        canonical &= c;
    }
    let (rest, disk_type) = maybe(letter(DiskType::from_byte), rest)?;
    Ok((
        rest,
        (
            Disk {
                count,
                size_gb,
                disk_type,
            },
            canonical,
        ),
    ))
}

/// A hypervisor code after its separator.
fn hypervisor(input: &str, rules: Rules) -> PResult<'_, Hypervisor> {
    let code = input.get(..3).ok_or_else(|| no_match(input))?;
    let hypervisor = Hypervisor::from_code(code).ok_or_else(|| no_match(input))?;
    // The v1 spelling was retired before `chy` was added: a v1 name knows only the v1 table.
    let version = if rules.syntax == Syntax::V1 {
        Version::V1
    } else {
        rules.version
    };
    if hypervisor.introduced_in() > version {
        return Err(Fail::expected(input, Expected::InVersion(version)));
    }
    Ok((&input[3..], hypervisor))
}

/// The CPU architecture after its separator: vendor letter, generation digits, `h`s.
fn cpu_arch(input: &str, rules: Rules) -> PResult<'_, (CpuArch, bool)> {
    let (rest, letter) =
        letter(|b| CpuVendor::is_vendor_letter(char::from(b)).then_some(char::from(b)))(input)?;
    let (rest, digits) = maybe(number, rest)?;
    let unknown = || Fail::expected(&input[1..], Expected::CpuGeneration(letter));
    let generation = match digits {
        None => 0,
        Some((_, value)) => value
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
    let canonical = digits.is_none_or(|(d, _)| d != "0" && canonical_digits(d));
    Ok((rest, (CpuArch { vendor, frequency }, canonical)))
}

/// The GPU after its separator: `G`/`g`, vendor, generation, then `-M[h][-V[h]]`.
fn gpu(input: &str, rules: Rules) -> PResult<'_, (Gpu, bool)> {
    let (rest, mode) = letter(|b| GpuMode::from_letter(char::from(b)))(input)?;
    let (rest, vendor_letter) = expect(
        letter(|b| GpuVendor::is_vendor_letter(char::from(b)).then_some(char::from(b))),
        Expected::GpuVendor,
    )(rest)?;
    let gen_at = rest;
    // nVidia generations are one lower-case letter; AMD and Intel ones are decimal numbers.
    let (rest, code) = if vendor_letter == 'N' {
        match rest.as_bytes().first() {
            Some(b) if b.is_ascii_lowercase() => (&rest[1..], Some(&rest[..1])),
            _ => (rest, None),
        }
    } else {
        let n = rest
            .bytes()
            .take_while(|&b| b.is_ascii_digit() || b == b'.')
            .count();
        (&rest[n..], (n > 0).then_some(&rest[..n]))
    };
    let vendor = GpuVendor::from_parts(vendor_letter, code)
        .ok_or_else(|| Fail::expected(gen_at, Expected::GpuGeneration(vendor_letter)))?;
    let mut canonical = true;
    let mut compute = None;
    let mut rest = rest;
    // `X[N[-M[h]...]]`: the frequency `h` belongs to a unit count (the reference also
    // accepts it right after the generation).
    if rest.starts_with('h') {
        return Err(Fail::expected(rest, Expected::Number(Field::GpuUnits)));
    }
    if let Ok((after_sep, _)) = byte(rules.main)(rest) {
        let (r, (units, c)) = positive::<NonZeroU64>(after_sep, Field::GpuUnits)?;
        canonical &= c;
        let (r, hs) = h_count(r, 2, Expected::GpuSuffix)?;
        let frequency = GpuFrequency::from_h_count(hs).expect("h_count checked the bound");
        rest = r;
        let mut vram = None;
        if let Ok((after_sep, _)) = byte(rules.main)(rest) {
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
    Ok((
        rest,
        (
            Gpu {
                mode,
                vendor,
                compute,
            },
            canonical,
        ),
    ))
}
