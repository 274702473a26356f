//! Every table of the standard reads and prints its own spelling: `FromStr` and `Display`
//! round-trip for every entry, and nothing else parses.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use proptest::prelude::*;
use scs_flavor::*;

/// Every value prints to a spelling that parses back to it, and distinct values print
/// distinct spellings.
fn round_trips<T>(all: &[T])
where
    T: FromStr<Err = PartError> + Display + Debug + PartialEq,
{
    let mut seen = std::collections::BTreeSet::new();
    for value in all {
        let spelled = value.to_string();
        assert_eq!(spelled.parse::<T>().as_ref(), Ok(value), "{spelled:?}");
        assert!(seen.insert(spelled.clone()), "{spelled:?} twice");
    }
}

fn cpu_vendors() -> Vec<CpuVendor> {
    let mut all = Vec::new();
    for letter in ['i', 'z', 'a', 'r'] {
        all.extend((0..=9).filter_map(|g| CpuVendor::from_parts(letter, g)));
    }
    all
}

fn gpu_vendors() -> Vec<GpuVendor> {
    let mut all = vec![
        GpuVendor::Nvidia(None),
        GpuVendor::Amd(None),
        GpuVendor::Intel(None),
    ];
    all.extend(NvidiaGeneration::ALL.map(|g| GpuVendor::Nvidia(Some(g))));
    all.extend(AmdGpuGeneration::ALL.map(|g| GpuVendor::Amd(Some(g))));
    all.extend(IntelGpuGeneration::ALL.map(|g| GpuVendor::Intel(Some(g))));
    all
}

const CPU_FREQUENCIES: [CpuFrequency; 4] = [
    CpuFrequency::Standard,
    CpuFrequency::High,
    CpuFrequency::VeryHigh,
    CpuFrequency::VeryVeryHigh,
];

#[test]
fn every_table_entry_round_trips() {
    round_trips(&CpuType::ALL);
    round_trips(&DiskType::ALL);
    round_trips(&Hypervisor::ALL);
    round_trips(&[GpuMode::PassThrough, GpuMode::Virtual]);
    round_trips(&NvidiaGeneration::ALL);
    round_trips(&AmdGpuGeneration::ALL);
    round_trips(&IntelGpuGeneration::ALL);
    round_trips(&Version::ALL);
    round_trips(&CPU_FREQUENCIES);
    round_trips(&[
        GpuFrequency::Standard,
        GpuFrequency::High,
        GpuFrequency::VeryHigh,
    ]);
    round_trips(&[
        VramBandwidth::Standard,
        VramBandwidth::High,
        VramBandwidth::VeryHigh,
    ]);
    let vendors = cpu_vendors();
    assert_eq!(vendors.len(), 7 + 7 + 6 + 1, "the v3 table");
    round_trips(&vendors);
    let arches: Vec<CpuArch> = vendors
        .iter()
        .flat_map(|&vendor| CPU_FREQUENCIES.map(|frequency| CpuArch { vendor, frequency }))
        .collect();
    round_trips(&arches);
    round_trips(&gpu_vendors());
    let intel: Vec<IntelGeneration> = vendors
        .iter()
        .filter_map(|v| match v {
            CpuVendor::Intel(g) => Some(*g),
            _ => None,
        })
        .collect();
    round_trips(&intel);
    let amd: Vec<AmdGeneration> = vendors
        .iter()
        .filter_map(|v| match v {
            CpuVendor::Amd(g) => Some(*g),
            _ => None,
        })
        .collect();
    round_trips(&amd);
    let arm: Vec<ArmGeneration> = vendors
        .iter()
        .filter_map(|v| match v {
            CpuVendor::Arm(g) => Some(*g),
            _ => None,
        })
        .collect();
    round_trips(&arm);
    round_trips(&[RiscVGeneration::Unspecified]);
}

#[test]
fn spellings_are_those_of_the_standard() {
    assert_eq!(CpuType::DedicatedThread.to_string(), "T");
    assert_eq!(DiskType::Nvme.to_string(), "p");
    assert_eq!(Hypervisor::CloudHypervisor.to_string(), "chy");
    assert_eq!(GpuMode::Virtual.to_string(), "g");
    assert_eq!(CpuVendor::Amd(AmdGeneration::Zen3).to_string(), "z3");
    assert_eq!(
        CpuVendor::Intel(IntelGeneration::PreSkylake).to_string(),
        "i"
    );
    assert_eq!(IntelGeneration::PreSkylake.to_string(), "0");
    assert_eq!(ArmGeneration::AmpereOne.to_string(), "4");
    assert_eq!(
        GpuVendor::Amd(Some(AmdGpuGeneration::Rdna3_5)).to_string(),
        "A3.5"
    );
    assert_eq!(GpuVendor::Nvidia(None).to_string(), "N");
    assert_eq!(CpuFrequency::VeryHigh.to_string(), "hh");
    assert_eq!(CpuFrequency::Standard.to_string(), "");
    assert_eq!(Version::V3.to_string(), "v3");
    assert_eq!(Ram::from_half_gib(7).unwrap().to_string(), "3.5");
    assert_eq!(
        format!("{:>4}|{:<3}|", CpuType::Shared, Hypervisor::Kvm),
        "   V|kvm|"
    );
    // Generation 0 may be spelled out, as in a name ("It is recommended to leave out the 0").
    assert_eq!(
        "z0".parse::<CpuVendor>(),
        Ok(CpuVendor::Amd(AmdGeneration::PreZen))
    );
    // But only what the standard's table has.
    for bad in ["", "v", "VV", " V", "kvm "] {
        assert!(bad.parse::<CpuType>().is_err(), "{bad:?}");
        assert!(bad.parse::<Hypervisor>().is_err(), "{bad:?}");
    }
    assert_eq!(
        "Nz".parse::<GpuVendor>(),
        Err(PartError {
            expected: Expected::GpuGeneration('N')
        })
    );
    assert_eq!(
        "X".parse::<GpuVendor>(),
        Err(PartError {
            expected: Expected::GpuVendor
        })
    );
    assert_eq!(
        "i3h".parse::<CpuVendor>(),
        Err(PartError {
            expected: Expected::End
        })
    );
    assert_eq!(
        "03".parse::<IntelGeneration>(),
        Err(PartError {
            expected: Expected::CpuGeneration('i')
        })
    );
    assert_eq!(
        "hhhh".parse::<CpuFrequency>().unwrap_err().to_string(),
        "expected at most three `h` (CPU frequency)"
    );
    assert_eq!(
        "99999999999999999999".parse::<Ram>(),
        Err(PartError {
            expected: Expected::InRange(Field::Ram)
        })
    );
}

#[test]
fn disks_read_and_print_the_disk_part() {
    for part in ["3x10s", "50", "n", "", "2xp", "10p"] {
        let disk: Disk = part.parse().unwrap();
        assert_eq!(disk.to_string(), part);
    }
    assert_eq!("1x10".parse::<Disk>().unwrap().to_string(), "10");
    assert!("x10".parse::<Disk>().is_err());
    assert!("0".parse::<Disk>().is_err());
    assert!("10q".parse::<Disk>().is_err());
}

/// The spellings every table accepts, for the property tests.
fn all_spellings() -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    all.extend(CpuType::ALL.map(|v| v.to_string()));
    all.extend(DiskType::ALL.map(|v| v.to_string()));
    all.extend(Hypervisor::ALL.map(|v| v.to_string()));
    all.extend(cpu_vendors().iter().map(ToString::to_string));
    all.extend(gpu_vendors().iter().map(ToString::to_string));
    all
}

/// Exactly the spellings of the table parse, for a table whose every entry has one spelling.
fn parses_only_its_spellings<T>(s: &str, all: &[T]) -> bool
where
    T: FromStr + Display,
{
    let listed = all.iter().any(|v| v.to_string() == s);
    s.parse::<T>().is_ok() == listed
}

proptest! {
    #[test]
    fn only_spellings_of_a_table_parse(
        s in prop_oneof![
            "[A-Za-z0-9.h]{0,4}",
            prop::sample::select(all_spellings()),
        ]
    ) {
        prop_assert!(parses_only_its_spellings(&s, &CpuType::ALL));
        prop_assert!(parses_only_its_spellings(&s, &DiskType::ALL));
        prop_assert!(parses_only_its_spellings(&s, &Hypervisor::ALL));
        prop_assert!(parses_only_its_spellings(&s, &[GpuMode::PassThrough, GpuMode::Virtual]));
        prop_assert!(parses_only_its_spellings(&s, &NvidiaGeneration::ALL));
        prop_assert!(parses_only_its_spellings(&s, &AmdGpuGeneration::ALL));
        prop_assert!(parses_only_its_spellings(&s, &IntelGpuGeneration::ALL));
        prop_assert!(parses_only_its_spellings(&s, &gpu_vendors()));
        prop_assert!(parses_only_its_spellings(&s, &CPU_FREQUENCIES));
        // A CPU vendor may spell generation 0 out (`z0`); all else is its canonical spelling.
        match s.parse::<CpuVendor>() {
            Ok(vendor) if vendor.generation() == 0 => {
                let zero = format!("{}0", vendor);
                prop_assert!(s == vendor.to_string() || s == zero);
            }
            Ok(vendor) => prop_assert_eq!(s, vendor.to_string()),
            Err(_) => prop_assert!(!cpu_vendors().iter().any(|v| v.to_string() == s)),
        }
    }

    #[test]
    fn ram_prints_what_it_parsed(whole in 0u64..100_000, half in any::<bool>(), zeros in 0usize..3) {
        let spelled = match (half, zeros) {
            (true, z) => format!("{whole}.5{}", "0".repeat(z)),
            (false, 0) => whole.to_string(),
            (false, z) => format!("{whole}.{}", "0".repeat(z)),
        };
        let half_gib = whole * 2 + u64::from(half);
        match spelled.parse::<Ram>() {
            Ok(ram) => {
                prop_assert_eq!(ram.half_gib(), half_gib);
                prop_assert_eq!(ram.to_string().parse::<Ram>(), Ok(ram));
            }
            Err(_) => prop_assert_eq!(half_gib, 0),
        }
    }
}
