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
use nom::bytes::complete::{tag, take_while};
use nom::character::complete::{char, digit1, satisfy};
use nom::combinator::opt;
use nom::error::ErrorKind;
use nom::sequence::preceded;

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
        main: syntax.main_separator(),
        ext: syntax.extension_separator(),
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
    main: char,
    ext: char,
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

/// Whether a run of digits is spelled canonically (no leading zero).
fn canonical_digits(digits: &str) -> bool {
    digits.len() == 1 || !digits.starts_with('0')
}

/// A positive decimal number that fits `T`: `(value, canonical)`.
fn positive<'a, T: TryFrom<NonZeroU64>>(input: &'a str, field: Field) -> PResult<'a, (T, bool)> {
    let (rest, digits) = expect(digit1, Expected::Number(field))(input)?;
    let out_of_range = || {
        nom::Err::Failure(Fail {
            rest: input,
            kind: FailKind::OutOfRange(field),
        })
    };
    let value: u64 = digits.parse().map_err(|_| out_of_range())?;
    let value =
        NonZeroU64::new(value).ok_or_else(|| Fail::expected(input, Expected::Positive(field)))?;
    let value = T::try_from(value).map_err(|_| out_of_range())?;
    Ok((rest, (value, canonical_digits(digits))))
}

/// A run of `h` letters, at most `max` long.
fn h_count(input: &str, max: usize, expected: Expected) -> PResult<'_, usize> {
    let (rest, hs) = take_while(|c| c == 'h')(input)?;
    if hs.len() > max {
        return Err(Fail::expected(&input[max..], expected));
    }
    Ok((rest, hs.len()))
}

/// The whole name after `SCS-`: `(flavor, canonical)`.
fn flavor(input: &str, rules: Rules) -> PResult<'_, (Flavor, bool)> {
    let (input, (cpus, cpus_canonical)) = positive::<NonZeroU64>(input, Field::Cpus)?;
    let (input, cpu_type) = expect(
        satisfy(|c| CpuType::from_letter(c).is_some()),
        Expected::CpuType,
    )(input)?;
    let (input, cpu_insecure) = opt(char('i')).parse(input)?;
    let (input, _) = expect(char(rules.main), Expected::RamSeparator(rules.main))(input)?;
    let (input, (ram, ram_canonical)) = ram(input)?;
    let (input, ram_no_ecc) = opt(char('u')).parse(input)?;
    let (input, ram_oversubscribed) = opt(char('o')).parse(input)?;
    let (input, disk) = opt(preceded(char(rules.main), disk)).parse(input)?;
    let (input, hypervisor) =
        opt(preceded(char(rules.ext), |i| hypervisor(i, rules))).parse(input)?;
    let (input, hwv) = opt((char(rules.ext), tag("hwv"))).parse(input)?;
    let (input, cpu_arch) = opt(preceded(char(rules.ext), |i| cpu_arch(i, rules))).parse(input)?;
    let (input, gpu) = opt(preceded(char(rules.ext), |i| gpu(i, rules))).parse(input)?;
    let (input, ib) = opt((char(rules.ext), tag("ib"))).parse(input)?;
    if !input.is_empty() {
        return Err(Fail::expected(input, Expected::End));
    }
    let (disk, disk_canonical) = disk.map_or((None, true), |(d, c)| (Some(d), c));
    let (cpu_arch, arch_canonical) = cpu_arch.map_or((None, true), |(a, c)| (Some(a), c));
    let (gpu, gpu_canonical) = gpu.map_or((None, true), |(g, c)| (Some(g), c));
    let flavor = Flavor {
        cpus,
        cpu_type: CpuType::from_letter(cpu_type).expect("checked by satisfy"),
        cpu_insecure: cpu_insecure.is_some(),
        ram,
        ram_no_ecc: ram_no_ecc.is_some(),
        ram_oversubscribed: ram_oversubscribed.is_some(),
        disk,
        hypervisor,
        hardware_virtualization: hwv.is_some(),
        cpu_arch,
        gpu,
        infiniband: ib.is_some(),
    };
    let canonical =
        cpus_canonical && ram_canonical && disk_canonical && arch_canonical && gpu_canonical;
    Ok((input, (flavor, canonical)))
}

/// RAM: `N` or `N.F` GiB, a positive multiple of 0.5.
///
/// Digits are required on both sides of a decimal point: the standard's numbers look like
/// `3.5` and `0.5`; `4.` and `.5` are not numbers of the standard (the reference accepts them).
fn ram(input: &str) -> PResult<'_, (Ram, bool)> {
    let (rest, whole) = expect(digit1, Expected::RamAmount)(input)?;
    let (rest, fraction) = match rest.strip_prefix('.') {
        Some(after_dot) => {
            let (rest, fraction) = expect(digit1, Expected::RamFraction)(after_dot)?;
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
    let whole_gib: u64 = whole.parse().map_err(|_| out_of_range())?;
    let half = match fraction.map(|f| f.trim_end_matches('0')) {
        None | Some("") => 0,
        Some("5") => 1,
        Some(_) => return Err(Fail::expected(input, Expected::HalfGib)),
    };
    let half_gib = whole_gib
        .checked_mul(2)
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
    let mut rest = input;
    let mut count = NonZeroU16::MIN;
    let mut canonical = true;
    // A multiplier is a number followed by `x`.
    if let Ok((after, _)) = digit1::<_, Fail>(input)
        && let Some(after_x) = after.strip_prefix('x')
    {
        let (_, (n, c)) = positive::<NonZeroU16>(input, Field::DiskCount)?;
        count = n;
        canonical &= c && n.get() != 1;
        rest = after_x;
    }
    let mut size_gb = None;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let (r, (n, c)) = positive::<NonZeroU64>(rest, Field::DiskSize)?;
        size_gb = Some(n);
        canonical &= c;
        rest = r;
    }
    let (rest, disk_type) = opt(satisfy(|c| DiskType::from_letter(c).is_some())).parse(rest)?;
    let disk_type = disk_type.and_then(DiskType::from_letter);
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
    let code = input.get(..3).ok_or(nom::Err::Error(Fail {
        rest: input,
        kind: FailKind::Expected(Expected::End),
    }))?;
    let hypervisor = Hypervisor::from_code(code).ok_or(nom::Err::Error(Fail {
        rest: input,
        kind: FailKind::Expected(Expected::End),
    }))?;
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
    // `_ib` is Infiniband, not an Intel CPU followed by `b`.
    if input.starts_with("ib") {
        return Err(nom::Err::Error(Fail {
            rest: input,
            kind: FailKind::Expected(Expected::End),
        }));
    }
    let (rest, letter) = satisfy(CpuVendor::is_vendor_letter)(input)?;
    let (rest, digits) = opt(digit1).parse(rest)?;
    let generation = match digits {
        None => 0,
        Some(d) => d
            .parse::<u8>()
            .map_err(|_| Fail::expected(&input[1..], Expected::CpuGeneration(letter)))?,
    };
    let vendor = CpuVendor::from_parts(letter, generation)
        .ok_or_else(|| Fail::expected(&input[1..], Expected::CpuGeneration(letter)))?;
    if vendor.introduced_in() > rules.version {
        return Err(Fail::expected(
            &input[1..],
            Expected::InVersion(rules.version),
        ));
    }
    let (rest, hs) = h_count(rest, 3, Expected::CpuFrequency)?;
    let frequency = CpuFrequency::from_h_count(hs).expect("h_count checked the bound");
    // Generation 0 is what a name without a number means; the canonical name leaves it out.
    let canonical = digits.is_none_or(|d| d != "0" && canonical_digits(d));
    Ok((rest, (CpuArch { vendor, frequency }, canonical)))
}

/// The GPU after its separator: `G`/`g`, vendor, generation, then `-M[h][-V[h]]`.
fn gpu(input: &str, rules: Rules) -> PResult<'_, (Gpu, bool)> {
    let (rest, mode) = satisfy(|c| GpuMode::from_letter(c).is_some())(input)?;
    let mode = GpuMode::from_letter(mode).expect("checked by satisfy");
    let (rest, letter) = expect(satisfy(GpuVendor::is_vendor_letter), Expected::GpuVendor)(rest)?;
    let gen_at = rest;
    // nVidia generations are one lower-case letter; AMD and Intel ones are decimal numbers.
    let (rest, code) = match rest.chars().next() {
        Some(c) if letter == 'N' && c.is_ascii_lowercase() => (&rest[1..], Some(&rest[..1])),
        _ if letter == 'N' => (rest, None),
        _ => {
            let (r, c) = take_while(|c: char| c.is_ascii_digit() || c == '.').parse(rest)?;
            (r, (!c.is_empty()).then_some(c))
        }
    };
    let vendor = GpuVendor::from_parts(letter, code)
        .ok_or_else(|| Fail::expected(gen_at, Expected::GpuGeneration(letter)))?;
    let mut canonical = true;
    let mut compute = None;
    let mut rest = rest;
    if let Some(after_sep) = rest.strip_prefix(rules.main) {
        let (r, (units, c)) = positive::<NonZeroU64>(after_sep, Field::GpuUnits)?;
        canonical &= c;
        let (r, hs) = h_count(r, 2, Expected::GpuSuffix)?;
        let frequency = GpuFrequency::from_h_count(hs).expect("h_count checked the bound");
        rest = r;
        let mut vram = None;
        if let Some(after_sep) = rest.strip_prefix(rules.main) {
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
