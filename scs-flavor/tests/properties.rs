//! Property tests of the grammar: model -> print -> parse round trips, arbitrary input
//! never panics, and the canonical flag means exactly "prints back the same".

use std::num::{NonZeroU16, NonZeroU64};

use proptest::prelude::*;
use scs_flavor::*;

fn nonzero_u64() -> impl Strategy<Value = NonZeroU64> {
    prop_oneof![1u64..=300, 1u64..=u64::MAX].prop_map(|n| NonZeroU64::new(n).unwrap())
}

fn cpu_vendor() -> impl Strategy<Value = CpuVendor> {
    (prop::sample::select(vec!['i', 'z', 'a', 'r']), 0u8..8)
        .prop_filter_map("generation defined", |(v, g)| CpuVendor::from_parts(v, g))
}

fn gpu_vendor() -> impl Strategy<Value = GpuVendor> {
    prop_oneof![
        prop::option::of(prop::sample::select(NvidiaGeneration::ALL.to_vec()))
            .prop_map(GpuVendor::Nvidia),
        prop::option::of(prop::sample::select(AmdGpuGeneration::ALL.to_vec()))
            .prop_map(GpuVendor::Amd),
        prop::option::of(prop::sample::select(IntelGpuGeneration::ALL.to_vec()))
            .prop_map(GpuVendor::Intel),
    ]
}

fn gpu() -> impl Strategy<Value = Gpu> {
    let vram = (nonzero_u64(), 0usize..3).prop_map(|(gib, h)| Vram {
        gib,
        bandwidth: VramBandwidth::from_h_count(h).unwrap(),
    });
    let compute =
        (nonzero_u64(), 0usize..3, prop::option::of(vram)).prop_map(|(units, h, vram)| {
            GpuCompute {
                units,
                frequency: GpuFrequency::from_h_count(h).unwrap(),
                vram,
            }
        });
    (
        prop::sample::select(vec![GpuMode::PassThrough, GpuMode::Virtual]),
        gpu_vendor(),
        prop::option::of(compute),
    )
        .prop_map(|(mode, vendor, compute)| Gpu {
            mode,
            vendor,
            compute,
        })
}

fn disk() -> impl Strategy<Value = Disk> {
    (
        prop_oneof![Just(1u16), 1u16..=8, 1u16..=u16::MAX],
        prop::option::of(nonzero_u64()),
        prop::option::of(prop::sample::select(DiskType::ALL.to_vec())),
    )
        .prop_map(|(count, size_gb, disk_type)| Disk {
            count: NonZeroU16::new(count).unwrap(),
            size_gb,
            disk_type,
        })
}

prop_compose! {
    fn flavor()(
        cpus in nonzero_u64(),
        cpu_type in prop::sample::select(CpuType::ALL.to_vec()),
        cpu_insecure: bool,
        half_gib in prop_oneof![1u64..=512, 1u64..=u64::MAX - 1],
        ram_no_ecc: bool,
        ram_oversubscribed: bool,
        disk in prop::option::of(disk()),
        hypervisor in prop::option::of(prop::sample::select(Hypervisor::ALL.to_vec())),
        hardware_virtualization: bool,
        cpu_arch in prop::option::of((cpu_vendor(), 0usize..4).prop_map(|(vendor, h)| CpuArch { vendor, frequency: CpuFrequency::from_h_count(h).unwrap() })),
        gpu in prop::option::of(gpu()),
        infiniband: bool,
    ) -> Flavor {
        Flavor {
            cpus, cpu_type, cpu_insecure,
            ram: Ram::from_half_gib(half_gib).unwrap(),
            ram_no_ecc, ram_oversubscribed, disk, hypervisor, hardware_virtualization, cpu_arch, gpu, infiniband,
        }
    }
}

/// Which numbers to spell non-canonically (a leading zero, `1x`, `.0`/`.50`, generation `0`).
#[derive(Debug, Clone, Copy)]
struct Respell {
    cpus_zero: bool,
    ram_decimals: bool,
    disk_count_one: bool,
    disk_zero: bool,
    generation_zero: bool,
    units_zero: bool,
}

fn respell() -> impl Strategy<Value = Respell> {
    any::<[bool; 6]>().prop_map(|b| Respell {
        cpus_zero: b[0],
        ram_decimals: b[1],
        disk_count_one: b[2],
        disk_zero: b[3],
        generation_zero: b[4],
        units_zero: b[5],
    })
}

/// An independent printer for the v3 spelling, with the non-canonical choices applied;
/// returns the name and whether any choice changed the text.
fn spell(f: &Flavor, r: Respell) -> (String, bool) {
    fn zero(yes: bool) -> &'static str {
        if yes { "0" } else { "" }
    }
    let disk = f.disk;
    let changed = r.cpus_zero
        || r.ram_decimals
        || disk.is_some_and(|d| d.count.get() == 1 && r.disk_count_one)
        || disk.is_some_and(|d| d.size_gb.is_some() && r.disk_zero)
        || (f.cpu_arch.is_some() && r.generation_zero)
        || f.gpu.is_some_and(|g| g.compute.is_some() && r.units_zero);
    let mut s = format!("SCS-{}{}{}", zero(r.cpus_zero), f.cpus, f.cpu_type.letter());
    if f.cpu_insecure {
        s.push('i');
    }
    s += &format!("-{}", f.ram.half_gib() / 2);
    if f.ram.half_gib() % 2 == 1 {
        s += if r.ram_decimals { ".50" } else { ".5" };
    } else if r.ram_decimals {
        s += ".0";
    }
    s += if f.ram_no_ecc { "u" } else { "" };
    s += if f.ram_oversubscribed { "o" } else { "" };
    if let Some(d) = f.disk {
        s.push('-');
        if d.count.get() != 1 {
            s += &format!("{}x", d.count);
        } else if r.disk_count_one {
            s += "1x";
        }
        if let Some(size) = d.size_gb {
            s += &format!("{}{size}", zero(r.disk_zero));
        }
        if let Some(t) = d.disk_type {
            s.push(t.letter());
        }
    }
    if let Some(h) = f.hypervisor {
        s += &format!("_{}", h.code());
    }
    if f.hardware_virtualization {
        s += "_hwv";
    }
    if let Some(a) = f.cpu_arch {
        s += &format!("_{}", a.vendor.letter());
        match a.vendor.generation() {
            0 => s += zero(r.generation_zero),
            g => s += &format!("{}{g}", zero(r.generation_zero)),
        }
        s += a.frequency.suffix();
    }
    if let Some(g) = f.gpu {
        s += &format!(
            "_{}{}{}",
            g.mode.letter(),
            g.vendor.letter(),
            g.vendor.generation_code().unwrap_or("")
        );
        if let Some(c) = g.compute {
            s += &format!("-{}{}{}", zero(r.units_zero), c.units, c.frequency.suffix());
            if let Some(v) = c.vram {
                s += &format!("-{}{}", v.gib, v.bandwidth.suffix());
            }
        }
    }
    if f.infiniband {
        s += "_ib";
    }
    (s, changed)
}

proptest! {
    #[test]
    fn canonical_flag_means_prints_back_the_same(flavor in flavor(), r in respell()) {
        let (name, respelled) = spell(&flavor, r);
        let parsed = parse_v3(&name).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        prop_assert_eq!(parsed.flavor, flavor);
        prop_assert_eq!(parsed.canonical, !respelled, "{}", name);
        prop_assert_eq!(parsed.canonical, flavor.to_string() == name);
    }

    #[test]
    fn v3_round_trip(flavor in flavor()) {
        let name = flavor.to_string();
        let parsed = parse_v3(&name).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        prop_assert_eq!(parsed.flavor, flavor);
        prop_assert!(parsed.canonical);
        prop_assert_eq!(parsed.syntax, Syntax::V2);
    }

    #[test]
    fn v1_spelling_round_trips_through_the_tolerant_parser(flavor in flavor()) {
        // The v1 spelling knows only the v1 hypervisors. (Not `prop_assume!`: with 100,000
        // cases its rejections pass proptest's limit.)
        let flavor = Flavor {
            hypervisor: flavor.hypervisor.filter(|h| *h != Hypervisor::CloudHypervisor),
            ..flavor
        };
        let name = flavor.v1().to_string();
        let parsed = parse_tolerant(&name).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        prop_assert_eq!(parsed.flavor, flavor);
        prop_assert!(parsed.is_v1());
        prop_assert!(parsed.canonical);
    }

    #[test]
    fn shortening_is_idempotent_and_parses(flavor in flavor()) {
        let short = flavor.shorten();
        prop_assert_eq!(short.shorten(), short);
        prop_assert_eq!(short.to_string().parse::<Flavor>(), Ok(short));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_round_trip(flavor in flavor()) {
        let json = serde_json::to_string(&flavor).unwrap();
        prop_assert_eq!(serde_json::from_str::<Flavor>(&json).unwrap(), flavor);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC*") {
        let _ = parse_v1(&s);
        let _ = parse_v2(&s);
        let _ = parse_tolerant(&s);
        if let Err(e) = parse_v3(&s) {
            prop_assert!(e.offset().is_none_or(|o| o <= s.len() && s.is_char_boundary(o)));
        }
    }

    #[test]
    fn scs_like_strings_never_panic_and_canonical_means_same_text(s in "SCS-[0-9]{1,3}[LVTCi]{1,2}[-:][0-9.]{1,4}[uo]{0,2}([-:][0-9x]{0,4}[nhsp]?)?([_-](kvm|chy|hwv|[izar][0-9]{0,2}h{0,4}|[gG][NAIa-z][0-9.]{0,4}([-:][0-9]{1,3}h{0,3}){0,2}|ib)){0,4}") {
        for syntax in [Syntax::V1, Syntax::V2] {
            if let Ok(parsed) = parse_with(&s, syntax, Version::V3) {
                prop_assert_eq!(parsed.canonical, parsed.flavor.to_string_in(syntax) == s, "{}", s);
            }
        }
    }

    #[test]
    fn huge_numbers_are_out_of_range(extra in "[0-9]{1,30}") {
        let name = format!("SCS-{}V-4", "99999999999999999999".to_owned() + &extra);
        prop_assert_eq!(parse_v3(&name), Err(ParseError::OutOfRange { offset: 4, field: Field::Cpus }));
        let name = format!("SCS-2V-4-{}x10", "65536".to_owned() + &extra);
        prop_assert_eq!(parse_v3(&name), Err(ParseError::OutOfRange { offset: 9, field: Field::DiskCount }));
    }
}
