//! The examples of the standard texts, parsed and printed, and the rules around them.

use scs_flavor::*;

/// Every example name of scs-0100-v3 that the text calls valid.
const V3_EXAMPLES: &[&str] = &[
    "SCS-2C-4-10n",
    "SCS-2T-4-10n",
    "SCS-2V-4-10n",
    "SCS-2L-4-10n",
    "SCS-2Li-4-10n",
    "SCS-2C-3.5-10n",
    "SCS-2C-4u-10n",
    "SCS-2C-4o-10n",
    "SCS-2C-4uo-10n",
    "SCS-2C-4-10s",
    "SCS-2C-4-10s_bms_z3",
    "SCS-2C-4-3x10s",
    "SCS-2C-4-3x10s_bms_z3",
    "SCS-2C-4-10",
    "SCS-2C-4-10_bms_z3",
    "SCS-2C-4-n",
    "SCS-2C-4-",
    "SCS-2C-4-_bms_z3",
    "SCS-2C-4-_bms_z3h_GNa-64_ib",
    "SCS-2C-4-_ib",
    "SCS-2C-4",
    "SCS-2C-4_bms_z3",
    "SCS-2C-4-3x10",
    "SCS-2C-4-10n_bms",
    "SCS-2C-4-10n_bms_z3h",
    "SCS-2C-4-10_kvm_hwv",
    "SCS-2C-4-10_hwv",
    "SCS-2C-4-10_bms_hwv",
    "SCS-2C-4-10n_z",
    "SCS-2C-4-10n_z3",
    "SCS-2C-4-10n_z3h",
    "SCS-2C-4-10n_z3hh",
    "SCS-2C-4-10n_bms_z3hh",
    "SCS-16V-64-500s_GNa-14-6h",
    "SCS-8Ti-32-50p_i1",
    "SCS-1L-1u-5",
    "SCS-16T-64-200s_GNa-72-24_ib",
    "SCS-4C-16-2x200p_a1",
    "SCS-1V-0.5",
    "SCS-8T-16-50n_z2",
    "SCS-1C-1.5-8s",
    "SCS-1T-1-5n",
    "SCS-2V-4-20p",
];

/// Names the text strikes through, with the byte offset where the error is.
const V3_COUNTER_EXAMPLES: &[(&str, usize)] = &[
    ("SCS-2-4-10n", 5),          // CPU suffix missing
    ("SCS-2iT-4-10n", 5),        // this order is forbidden
    ("SCS-2C-4ou-10n", 9),       // this order is forbidden
    ("SCS-2C-4-1.5n", 10),       // disk sizes in full GB only
    ("SCS-2C-4-10_hwv_xen", 15), // illegal, wrong ordering
];

#[test]
fn every_example_of_the_standard_parses_canonically_and_prints_back() {
    for name in V3_EXAMPLES {
        let parsed = parse_v3(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(parsed.canonical, "{name}");
        assert_eq!(parsed.flavor.to_string(), *name);
        assert!(
            parsed
                .flavor
                .describe()
                .starts_with(&parsed.flavor.cpus.to_string()),
            "{name}"
        );
    }
    // The text's one example with the digit but no vendor, `SCS-2C-4-n_bms_3`, is a typo
    // in the standard: "it can only be specified in conjunction with a vendor".
    assert!(parse_v3("SCS-2C-4-n_bms_3").is_err());
}

#[test]
fn every_counter_example_is_rejected_where_it_goes_wrong() {
    for (name, offset) in V3_COUNTER_EXAMPLES {
        match parse_v3(name) {
            Err(ParseError::Syntax { offset: at, .. }) => assert_eq!(at, *offset, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn v1_examples_parse_in_v1_and_tolerantly() {
    for (v1, v3) in [
        ("SCS-2C:4:10n", "SCS-2C-4-10n"),
        ("SCS-8Ti:32:50p-i1", "SCS-8Ti-32-50p_i1"),
        ("SCS-16T:64:200s-GNa:64-ib", "SCS-16T-64-200s_GNa-64_ib"),
        ("SCS-2C:4:-bms-z3h-GNa:64-ib", "SCS-2C-4-_bms_z3h_GNa-64_ib"),
        ("SCS-4C:16:2x200p-a1", "SCS-4C-16-2x200p_a1"),
    ] {
        assert_eq!(parse_v1(v1).unwrap().flavor.to_string(), v3);
        let tolerated = parse_tolerant(v1).unwrap();
        assert!(tolerated.is_v1());
        assert_eq!(tolerated.flavor.v1().to_string(), v1);
        assert!(parse_v3(v1).is_err());
    }
}

#[test]
fn older_versions_refuse_what_later_ones_added() {
    // Cloud Hypervisor came with v3.
    assert_eq!(
        parse_v2("SCS-2V-4_chy"),
        Err(ParseError::Syntax {
            offset: 9,
            expected: Expected::InVersion(Version::V2)
        })
    );
    assert!(parse_v3("SCS-2V-4_chy").is_ok());
    // The v1 spelling knows only the v1 hypervisors, even when tolerated.
    assert!(parse_tolerant("SCS-2V:4-chy").is_err());
    // VRAM came with v3.
    assert!(parse_v2("SCS-2V-4_GNa-14-6h").is_err());
    assert!(parse_v2("SCS-2V-4_GNa-14").is_ok());
    // Sapphire Rapids came with v2, Zen-5 with v3.
    assert!(parse_v1("SCS-2V:4-i4").is_err());
    assert!(parse_v2("SCS-2V-4_i4").is_ok());
    assert!(parse_v2("SCS-2V-4_z5").is_err());
    assert!(parse_v3("SCS-2V-4_z5").is_ok());
    // The certification tolerates v1 spelling with the current tables.
    assert!(parse_tolerant("SCS-2V:4-z6").is_ok());
}

#[test]
fn not_an_scs_name_is_distinct_from_bad_syntax() {
    for name in ["", "SCS", "scs-2V-4", "m1.small", " SCS-2V-4", "SCS_2V-4"] {
        assert_eq!(parse_v3(name), Err(ParseError::NotScs), "{name:?}");
        assert_eq!(parse_tolerant(name), Err(ParseError::NotScs), "{name:?}");
    }
    for name in ["SCS-", "SCS-2V-4\n", "SCS-２V-4", "SCS-2V-4_ib_ib"] {
        assert!(parse_v3(name).unwrap_err().is_scs(), "{name:?}");
    }
}

#[test]
fn errors_say_what_and_where() {
    let cases: &[(&str, ParseError)] = &[
        (
            "SCS-V-4",
            ParseError::Syntax {
                offset: 4,
                expected: Expected::Number(Field::Cpus),
            },
        ),
        (
            "SCS-0V-4",
            ParseError::Syntax {
                offset: 4,
                expected: Expected::Positive(Field::Cpus),
            },
        ),
        (
            "SCS-2V",
            ParseError::Syntax {
                offset: 6,
                expected: Expected::RamSeparator('-'),
            },
        ),
        (
            "SCS-2V-0",
            ParseError::Syntax {
                offset: 7,
                expected: Expected::Positive(Field::Ram),
            },
        ),
        (
            "SCS-2V-1.25",
            ParseError::Syntax {
                offset: 7,
                expected: Expected::HalfGib,
            },
        ),
        (
            "SCS-2V-4.",
            ParseError::Syntax {
                offset: 9,
                expected: Expected::RamFraction,
            },
        ),
        (
            "SCS-2V-.5",
            ParseError::Syntax {
                offset: 7,
                expected: Expected::RamAmount,
            },
        ),
        (
            "SCS-2V-4-0",
            ParseError::Syntax {
                offset: 9,
                expected: Expected::Positive(Field::DiskSize),
            },
        ),
        (
            "SCS-2V-4-0x10",
            ParseError::Syntax {
                offset: 9,
                expected: Expected::Positive(Field::DiskCount),
            },
        ),
        (
            "SCS-2V-4_i9",
            ParseError::Syntax {
                offset: 10,
                expected: Expected::CpuGeneration('i'),
            },
        ),
        (
            "SCS-2V-4_zhhhh",
            ParseError::Syntax {
                offset: 13,
                expected: Expected::CpuFrequency,
            },
        ),
        (
            "SCS-2V-4_GX",
            ParseError::Syntax {
                offset: 10,
                expected: Expected::GpuVendor,
            },
        ),
        (
            "SCS-2V-4_GA9",
            ParseError::Syntax {
                offset: 11,
                expected: Expected::GpuGeneration('A'),
            },
        ),
        (
            "SCS-2V-4_GNa-",
            ParseError::Syntax {
                offset: 13,
                expected: Expected::Number(Field::GpuUnits),
            },
        ),
        (
            "SCS-2V-4_GNa-0",
            ParseError::Syntax {
                offset: 13,
                expected: Expected::Positive(Field::GpuUnits),
            },
        ),
        (
            "SCS-2V-4_GNa-8hhh",
            ParseError::Syntax {
                offset: 16,
                expected: Expected::GpuSuffix,
            },
        ),
        (
            "SCS-2V-4_GNa-8-0",
            ParseError::Syntax {
                offset: 15,
                expected: Expected::Positive(Field::Vram),
            },
        ),
        (
            "SCS-2V-4_ib_kvm",
            ParseError::Syntax {
                offset: 11,
                expected: Expected::End,
            },
        ),
        (
            "SCS-99999999999999999999V-4",
            ParseError::OutOfRange {
                offset: 4,
                field: Field::Cpus,
            },
        ),
        (
            "SCS-2V-9999999999999999999",
            ParseError::OutOfRange {
                offset: 7,
                field: Field::Ram,
            },
        ),
    ];
    for (name, want) in cases {
        assert_eq!(parse_v3(name).map(|p| p.flavor), Err(*want), "{name}");
        let message = want.to_string();
        assert!(
            message.contains(&format!("at byte {}", want.offset().unwrap())),
            "{message}"
        );
    }
}

#[test]
fn reference_departures_are_decided_by_the_standard() {
    // "\[`_`\[`G/g`\]X\[N\]\[`-`M\]\[`h`\]\]\[`_ib`\]": a GPU without units may be followed by `_ib`.
    let f: Flavor = "SCS-2V-4_GNa_ib".parse().unwrap();
    assert!(f.infiniband && f.gpu.unwrap().compute.is_none());
    // Leading zeros parse, but are not canonical.
    let parsed = parse_v3("SCS-01V-4").unwrap();
    assert!(!parsed.canonical);
    assert_eq!(parsed.flavor.to_string(), "SCS-1V-4");
    for name in ["SCS-2V-4-1x10", "SCS-2V-4_z0", "SCS-2V-4.0", "SCS-2V-3.50"] {
        assert!(!parse_v3(name).unwrap().canonical, "{name}");
    }
}

#[test]
fn extra_specs_follow_scs_0103() {
    let spec = "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib"
        .parse::<Flavor>()
        .unwrap()
        .spec();
    assert_eq!(spec.cpus, 16);
    assert_eq!(spec.ram_mib(), 65536);
    assert_eq!(spec.disk, Some(Some(10)));
    let keys: Vec<&str> = spec.extra_specs.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "scs:cpu-type",
            "scs:disk0-type",
            "scs:disk1-type",
            "scs:disk2-type",
            "scs:name-v1",
            "scs:name-v2",
            "scs:name-v3",
            "scs:name-v4"
        ]
    );
    assert_eq!(
        spec.extra_specs["scs:name-v3"],
        "SCS-16T:64:3x10s-GNa:64-ib"
    );
    assert_eq!(
        spec.extra_specs["scs:name-v4"],
        "SCS-16T-64-3x10s_GNa-64_ib"
    );
    // A name without disk has neither disk figure nor disk type; a disk of open type is "network".
    let spec = "SCS-2V-4".parse::<Flavor>().unwrap().spec();
    assert_eq!(spec.disk, None);
    assert!(!spec.extra_specs.contains_key("scs:disk0-type"));
    let spec = "SCS-2V-4-".parse::<Flavor>().unwrap().spec();
    assert_eq!((spec.disk, spec.disk_gb()), (Some(None), 0));
    assert_eq!(spec.extra_specs["scs:disk0-type"], "network");
    assert_eq!(
        cpu_type_from_extra_specs(&spec.extra_specs),
        Some(CpuType::Shared)
    );
}

#[cfg(feature = "serde")]
#[test]
fn spec_serializes_in_the_reference_shape() {
    let spec = "SCS-1V-0.5-".parse::<Flavor>().unwrap().spec();
    let json = serde_json::to_string(&spec).unwrap();
    assert_eq!(
        json,
        r#"{"cpus":1,"disk":null,"ram":0.5,"scs:cpu-type":"shared-core","scs:disk0-type":"network","scs:name-v1":"SCS-1V:0.5:","scs:name-v2":"SCS-1V-0.5-"}"#
    );
    let bad = serde_json::from_str::<Flavor>(r#""SCS-2V""#)
        .unwrap_err()
        .to_string();
    assert!(bad.contains("at byte 6"), "{bad}");
}

#[test]
fn display_honours_width() {
    let f: Flavor = "SCS-2V-4".parse().unwrap();
    assert_eq!(format!("[{f:>10}]"), "[  SCS-2V-4]");
    assert_eq!(format!("[{:<10}]", f.v1()), "[SCS-2V:4  ]");
}

#[test]
fn every_gpu_generation_code_round_trips() {
    for g in NvidiaGeneration::ALL {
        assert_eq!(NvidiaGeneration::from_code(g.code()), Some(g));
    }
    for g in AmdGpuGeneration::ALL {
        assert_eq!(AmdGpuGeneration::from_code(g.code()), Some(g));
    }
    for g in IntelGpuGeneration::ALL {
        assert_eq!(IntelGpuGeneration::from_code(g.code()), Some(g));
    }
}

#[test]
fn byte_tables_agree_with_the_letter_matches() {
    for byte in 0..=u8::MAX {
        assert_eq!(
            CpuType::from_byte(byte),
            CpuType::from_letter(char::from(byte)),
            "{byte}"
        );
        assert_eq!(
            DiskType::from_byte(byte),
            DiskType::from_letter(char::from(byte)),
            "{byte}"
        );
    }
}
