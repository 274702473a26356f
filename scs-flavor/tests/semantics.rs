//! The overpromise check (scs-0100-semantics-check) and the builder.

use scs_flavor::*;

fn flavor(name: &str) -> Flavor {
    name.parse().unwrap()
}

#[test]
fn a_flavor_that_matches_its_name_passes() {
    let f = flavor("SCS-4V-16-50s");
    assert!(
        f.check_figures(&Figures {
            vcpus: 4,
            ram_mib: 16384,
            disk_gb: 50
        })
        .is_empty()
    );
}

#[test]
fn each_overpromise_is_found() {
    let f = flavor("SCS-4V-16-50s");
    let found = f.overpromises(&Figures {
        vcpus: 2,
        ram_mib: 8192,
        disk_gb: 20,
    });
    assert_eq!(
        found,
        [
            Mismatch::CpuOverpromise {
                promised: 4,
                actual: 2
            },
            Mismatch::RamOverpromise {
                promised: Ram::from_gib(16).unwrap(),
                actual_tenths_gib: 80
            },
            Mismatch::DiskOverpromise {
                promised: 50,
                actual: 20
            },
        ]
    );
    assert_eq!(
        found[1].to_string(),
        "RAM overpromise: the name says 16 GiB, the flavor has 8.0 GiB"
    );
}

#[test]
fn ram_is_compared_after_the_reference_rounding() {
    let f = flavor("SCS-2V-4");
    // 4045 MiB rounds to 4.0 GiB: no overpromise; 4044 MiB rounds to 3.9 GiB.
    assert!(
        f.overpromises(&Figures {
            vcpus: 2,
            ram_mib: 4045,
            disk_gb: 0
        })
        .is_empty()
    );
    assert_eq!(
        f.overpromises(&Figures {
            vcpus: 2,
            ram_mib: 4044,
            disk_gb: 0
        })
        .len(),
        1
    );
    let half = flavor("SCS-2V-3.5");
    assert!(
        half.overpromises(&Figures {
            vcpus: 2,
            ram_mib: 3584,
            disk_gb: 0
        })
        .is_empty()
    );
}

#[test]
fn understating_is_allowed_but_noted() {
    // scs-0100-v3: "You are allowed to understate your performance".
    let f = flavor("SCS-1V-1-5");
    let all = f.check_figures(&Figures {
        vcpus: 2,
        ram_mib: 1536,
        disk_gb: 8,
    });
    assert!(all.iter().all(|m| !m.is_overpromise()));
    assert!(all.contains(&Mismatch::CpuUnderpromise {
        promised: 1,
        actual: 2
    }));
    assert!(all.contains(&Mismatch::DiskUnderpromise {
        promised: 5,
        actual: 8
    }));
    let odd = flavor("SCS-2V-12-7").check_figures(&Figures {
        vcpus: 2,
        ram_mib: 12800,
        disk_gb: 7,
    });
    assert!(odd.contains(&Mismatch::UnevenRam {
        actual_tenths_gib: 125
    }));
    assert!(odd.contains(&Mismatch::NonStandardDiskSize { size: 7 }));
}

#[test]
fn builder_refuses_impossible_combinations() {
    let gib = |n| Ram::from_gib(n).unwrap();
    let base = || FlavorBuilder::new(2, CpuType::Shared, gib(4));
    assert_eq!(base().build().unwrap().to_string(), "SCS-2V-4");
    assert_eq!(
        FlavorBuilder::new(0, CpuType::Shared, gib(4)).build(),
        Err(BuildError::ZeroCpus)
    );
    // RAM, CPU generations and GPU generations are typed: what the builder used to refuse
    // is refused where the value is made.
    assert!("1.25".parse::<Ram>().is_err());
    assert!("0".parse::<Ram>().is_err());
    assert!(Ram::from_mib(4000).is_none());
    assert_eq!(
        "z9".parse::<CpuVendor>(),
        Err(PartError {
            expected: Expected::CpuGeneration('z')
        })
    );
    assert!("hhhh".parse::<CpuFrequency>().is_err());
    assert!("hhh".parse::<GpuFrequency>().is_err());
    let ampere = GpuVendor::Nvidia(Some(NvidiaGeneration::Ampere));
    assert_eq!(
        base()
            .gpu(GpuMode::Virtual, ampere)
            .vram(8, VramBandwidth::Standard)
            .build(),
        Err(BuildError::VramWithoutUnits)
    );
    assert_eq!(
        base().gpu_units(8).build(),
        Err(BuildError::GpuWithoutVendor)
    );
    assert_eq!(
        base().gpu(GpuMode::Virtual, ampere).gpu_units(0).build(),
        Err(BuildError::Zero(Field::GpuUnits))
    );
    assert_eq!(
        base().disk_count(2).build(),
        Err(BuildError::DiskOptionWithoutDisk)
    );
    assert_eq!(
        base().disk(Some(0), None).build(),
        Err(BuildError::Zero(Field::DiskSize))
    );
    assert_eq!(
        base().disk(None, None).disk_count(70000).build(),
        Err(BuildError::TooLarge {
            field: Field::DiskCount
        })
    );
    let full = base()
        .cpu_insecure(true)
        .ram_no_ecc(true)
        .ram_oversubscribed(true)
        .disk(None, Some(DiskType::Nvme))
        .disk_count(2)
        .hypervisor(Hypervisor::CloudHypervisor)
        .hardware_virtualization(true)
        .cpu_arch("a5".parse().unwrap(), CpuFrequency::VeryVeryHigh)
        .gpu(GpuMode::Virtual, "A3.5".parse().unwrap())
        .gpu_units_at(8, GpuFrequency::VeryHigh)
        .vram(16, VramBandwidth::High)
        .infiniband(true)
        .build()
        .unwrap();
    assert_eq!(
        full.to_string(),
        "SCS-2Vi-4uo-2xp_chy_hwv_a5hhh_gA3.5-8hh-16h_ib"
    );
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn standard_flavors_match_the_verbose_list_of_the_reference() {
    let standards = env!("SCS_STANDARDS");
    assert!(
        !standards.is_empty(),
        "needs the SCS standards repository (CI is set, so this test runs): set SCS_STANDARDS_DIR to a checkout with Standards/ and Tests/, or put ../shared/fixtures beside the checkout"
    );
    let path = format!("{standards}/Tests/iaas/SCS-Spec.MandatoryFlavors.verbose.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let yaml: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    let mut listed = 0;
    for (key, requirement) in [
        ("mandatory", Requirement::Mandatory),
        ("recommended", Requirement::Recommended),
    ] {
        for entry in yaml[key].as_array().unwrap() {
            let name = entry["name"].as_str().unwrap();
            let ours = standard_flavor(name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(ours.requirement, requirement, "{name}");
            let spec = ours.flavor().spec();
            assert_eq!(entry["cpus"].as_u64(), Some(spec.cpus), "{name}");
            assert_eq!(entry["ram"].as_u64(), Some(spec.ram_mib()), "{name}");
            assert_eq!(entry["disk"].as_u64(), ours.disk_gb, "{name}");
            assert_eq!(ours.cpus, spec.cpus);
            assert_eq!(ours.cpu_type, ours.flavor().cpu_type);
            for (k, v) in entry
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, _)| k.starts_with("scs:"))
            {
                assert_eq!(
                    Some(v.as_str().unwrap()),
                    spec.extra_specs.get(k).map(String::as_str),
                    "{name} {k}"
                );
            }
            listed += 1;
        }
    }
    assert_eq!(listed, standard_flavors().len());
}
