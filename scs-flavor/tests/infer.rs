//! `Flavor::infer`: from Nova's figures and extra specs back to a name.

use std::collections::BTreeMap;
use std::num::{NonZeroU16, NonZeroU64};

use proptest::prelude::*;
use scs_flavor::*;

const NONE: [(&str, &str); 0] = [];

fn figures(vcpus: u64, ram_mib: u64, disk_gb: u64) -> Figures {
    Figures {
        vcpus,
        ram_mib,
        disk_gb,
    }
}

fn inferred(figures: &Figures, specs: &[(&str, &str)]) -> String {
    Flavor::infer(figures, specs.iter().copied())
        .unwrap()
        .to_string()
}

#[test]
fn the_standard_flavors_are_named_as_the_standard_names_them() {
    for row in standard_flavors() {
        let spec = row.flavor().spec();
        let figures = figures(spec.cpus, spec.ram_mib(), spec.disk_gb());
        let name = Flavor::infer(&figures, &spec.extra_specs).unwrap();
        // A disk without a type in the table is `network` in the extra specs (as the
        // reference writes it), and so in the inferred name.
        let expected = match (row.disk_gb, row.disk_type) {
            (Some(_), None) => format!("{}n", row.name),
            _ => row.name.to_owned(),
        };
        assert_eq!(name.to_string(), expected);
    }
}

#[test]
fn names_say_only_what_figures_and_extra_specs_establish() {
    // No `scs:cpu-type`: the weakest type. No `scs:disk0-type`: the type left open.
    assert_eq!(inferred(&figures(4, 16384, 50), &[]), "SCS-4L-16-50");
    assert_eq!(
        inferred(
            &figures(4, 16384, 50),
            &[
                ("scs:cpu-type", "dedicated-core"),
                ("scs:disk0-type", "nvme")
            ]
        ),
        "SCS-4C-16-50p"
    );
    // Disk 0: no disk part, whatever the disk types say.
    assert_eq!(
        inferred(&figures(1, 1024, 0), &[("scs:disk0-type", "ssd")]),
        "SCS-1L-1"
    );
    // RAM is rounded as the semantics check rounds, down to a half GiB.
    assert_eq!(inferred(&figures(2, 4096, 0), &[]), "SCS-2L-4");
    assert_eq!(inferred(&figures(2, 4045, 0), &[]), "SCS-2L-4"); // 4045 MiB rounds to 4.0
    assert_eq!(inferred(&figures(2, 4044, 0), &[]), "SCS-2L-3.5");
    assert_eq!(inferred(&figures(2, 10752, 0), &[]), "SCS-2L-10.5");
    assert_eq!(inferred(&figures(2, 461, 0), &[]), "SCS-2L-0.5");
    // Further disks as `scs:diskN-type`, without gaps; mixed types leave the type open.
    let three = [
        ("scs:disk0-type", "ssd"),
        ("scs:disk1-type", "ssd"),
        ("scs:disk2-type", "ssd"),
        ("scs:disk4-type", "hdd"),
    ];
    assert_eq!(inferred(&figures(2, 4096, 10), &three), "SCS-2L-4-3x10s");
    let mixed = [("scs:disk0-type", "ssd"), ("scs:disk1-type", "nvme")];
    assert_eq!(inferred(&figures(2, 4096, 10), &mixed), "SCS-2L-4-2x10");
    // Other extra specs, and claims such as `scs:name-v2`, establish nothing.
    let claims = [
        ("scs:name-v2", "SCS-2C-8-20s_kvm_z3h_GNa-14_ib"),
        ("hw:cpu_policy", "dedicated"),
        ("scs:disk-type", "ssd"),
    ];
    assert_eq!(inferred(&figures(2, 8192, 20), &claims), "SCS-2L-8-20");
}

#[test]
fn refusals_say_why() {
    assert_eq!(
        Flavor::infer(&figures(0, 4096, 0), NONE),
        Err(InferError::NoCpus)
    );
    assert_eq!(
        Flavor::infer(&figures(1, 460, 0), NONE),
        Err(InferError::TooLittleRam { ram_mib: 460 })
    );
    let err = Flavor::infer(&figures(1, 1024, 0), [("scs:cpu-type", "shared")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "extra spec `scs:cpu-type` is `shared`, not one of crowded-core, shared-core, \
         dedicated-thread, dedicated-core"
    );
    let err = Flavor::infer(&figures(1, 1024, 5), [("scs:disk0-type", "ceph")]).unwrap_err();
    assert!(matches!(err, InferError::ExtraSpec { ref key, .. } if key == "scs:disk0-type"));
}

fn disk_type() -> impl Strategy<Value = Option<DiskType>> {
    prop::option::of(prop::sample::select(DiskType::ALL.to_vec()))
}

/// Any valid flavor, extensions and qualifiers included.
fn any_flavor() -> impl Strategy<Value = Flavor> {
    let base = (
        1u64..100_000,
        prop::sample::select(CpuType::ALL.to_vec()),
        any::<(bool, bool, bool)>(),
        1u64..1_000_000,
        prop::option::of((1u16..6, prop::option::of(1u64..100_000), disk_type())),
    );
    let extensions = prop::sample::select(vec![
        "",
        "_kvm",
        "_bms_hwv",
        "_z3h",
        "_a",
        "_GNa-14-6h",
        "_gA3.5",
        "_ib",
        "_chy_hwv_i4hh_GI-8_ib",
    ]);
    (base, extensions).prop_map(|((cpus, cpu_type, flags, half_gib, disk), ext)| {
        let base = Flavor {
            cpus: NonZeroU64::new(cpus).unwrap(),
            cpu_type,
            cpu_insecure: flags.0,
            ram: Ram::from_half_gib(half_gib).unwrap(),
            ram_no_ecc: flags.1,
            ram_oversubscribed: flags.2,
            disk: disk.map(|(count, size_gb, disk_type)| Disk {
                count: NonZeroU16::new(count).unwrap(),
                size_gb: size_gb.map(|s| NonZeroU64::new(s).unwrap()),
                disk_type,
            }),
            hypervisor: None,
            hardware_virtualization: false,
            cpu_arch: None,
            gpu: None,
            infiniband: false,
        };
        format!("{base}{ext}").parse().unwrap()
    })
}

/// What Nova's figures and the scs-0103 extra specs of a name carry: CPUs and their type,
/// RAM, and a disk with a size (its type `network` where the name leaves it open, as
/// [`Flavor::spec`] writes it).
fn figure_part(flavor: &Flavor) -> Flavor {
    Flavor {
        cpus: flavor.cpus,
        cpu_type: flavor.cpu_type,
        cpu_insecure: false,
        ram: flavor.ram,
        ram_no_ecc: false,
        ram_oversubscribed: false,
        disk: flavor.disk.filter(|d| d.size_gb.is_some()).map(|d| Disk {
            disk_type: Some(d.disk_type.unwrap_or(DiskType::Network)),
            ..d
        }),
        hypervisor: None,
        hardware_virtualization: false,
        cpu_arch: None,
        gpu: None,
        infiniband: false,
    }
}

proptest! {
    #[test]
    fn a_name_comes_back_from_its_own_figures_and_extra_specs(flavor in any_flavor()) {
        let spec = flavor.spec();
        let figures = figures(spec.cpus, spec.ram_mib(), spec.disk_gb());
        let back = Flavor::infer(&figures, &spec.extra_specs).unwrap();
        prop_assert_eq!(back, figure_part(&flavor));
        prop_assert!(back.overpromises(&figures).is_empty());
    }

    #[test]
    fn any_figures_give_a_truthful_name_or_a_reason(
        vcpus in prop_oneof![Just(0u64), 1u64..1000, any::<u64>()],
        ram_mib in prop_oneof![0u64..2048, any::<u64>()],
        disk_gb in prop_oneof![Just(0u64), any::<u64>()],
        cpu_type in prop::option::of(prop::sample::select(vec![
            "crowded-core", "shared-core", "dedicated-thread", "dedicated-core", "shared", "",
        ])),
        disk_types in prop::collection::btree_map(
            0u32..5,
            prop::sample::select(vec!["network", "hdd", "ssd", "nvme", "ceph"]),
            0..4,
        ),
    ) {
        let mut specs: BTreeMap<String, String> = disk_types
            .into_iter()
            .map(|(n, t)| (format!("scs:disk{n}-type"), t.to_owned()))
            .collect();
        if let Some(cpu_type) = cpu_type {
            specs.insert("scs:cpu-type".into(), cpu_type.into());
        }
        let figures = figures(vcpus, ram_mib, disk_gb);
        match Flavor::infer(&figures, &specs) {
            Ok(name) => {
                prop_assert!(name.overpromises(&figures).is_empty(), "{name}");
                prop_assert_eq!(name.to_string().parse::<Flavor>(), Ok(name));
                prop_assert_eq!(name.cpus.get(), vcpus);
            }
            Err(InferError::NoCpus) => prop_assert_eq!(vcpus, 0),
            Err(InferError::TooLittleRam { ram_mib: mib }) => {
                prop_assert_eq!(mib, ram_mib);
                prop_assert!(ram_mib < 461);
            }
            Err(e @ InferError::ExtraSpec { .. }) => prop_assert!(!e.to_string().is_empty()),
            Err(e) => prop_assert!(false, "unexpected {e}"),
        }
    }
}
