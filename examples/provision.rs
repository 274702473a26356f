//! Provisioning: name a set of machine sizes with the typed builder and print the Nova flavor
//! definitions a provider creates for them, with the `scs:` extra specs of scs-0103, as
//! `openstack flavor create` commands. Standard flavors of scs-0103 are registered under their
//! table name, the others under their full name.
//!
//! Run: `cargo run --example provision`
//!
//! The figures Nova needs (vCPUs, RAM in MiB, root disk in GB) come from the name's
//! [`spec`](scs::flavor::Flavor::spec), so the flavor cannot promise more than it has: the
//! name, the figures and the extra specs are one value.

use scs::flavor::{
    CpuFrequency, CpuType, DiskType, Flavor, FlavorBuilder, Hypervisor, Ram, Requirement,
    standard_flavor,
};

/// One machine size of the provider's hardware catalogue.
struct Size {
    vcpus: u64,
    cpu_type: CpuType,
    ram_gib: u64,
    /// Root disk in GB and its type; `None` for boot-from-volume flavors.
    disk: Option<(u64, DiskType)>,
    /// AMD Zen 4 hosts at high frequency, stated in the long name.
    zen4: bool,
}

fn name(size: &Size) -> Result<Flavor, Box<dyn std::error::Error>> {
    let ram = Ram::from_gib(size.ram_gib).ok_or("RAM out of range")?;
    let mut builder =
        FlavorBuilder::new(size.vcpus, size.cpu_type, ram).hypervisor(Hypervisor::Kvm);
    if let Some((gb, disk_type)) = size.disk {
        builder = builder.disk(Some(gb), Some(disk_type));
    }
    if size.zen4 {
        builder = builder.cpu_arch("z4".parse()?, CpuFrequency::High);
    }
    Ok(builder.build()?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalogue = [
        Size {
            vcpus: 2,
            cpu_type: CpuType::Shared,
            ram_gib: 4,
            disk: None,
            zen4: false,
        },
        Size {
            vcpus: 4,
            cpu_type: CpuType::Shared,
            ram_gib: 16,
            disk: Some((50, DiskType::Network)),
            zen4: false,
        },
        Size {
            vcpus: 8,
            cpu_type: CpuType::DedicatedThread,
            ram_gib: 32,
            disk: Some((100, DiskType::Ssd)),
            zen4: true,
        },
        Size {
            vcpus: 16,
            cpu_type: CpuType::DedicatedCore,
            ram_gib: 64,
            disk: Some((200, DiskType::Nvme)),
            zen4: true,
        },
    ];
    println!(
        "# Nova flavors for {} machine sizes (scs-0100 names, scs-0103 extra specs)",
        catalogue.len()
    );
    for size in &catalogue {
        let flavor = name(size)?;
        // A standard flavor of scs-0103 goes by its table name (short; its `scs:name-v2` must
        // be exactly that); the others by their full name, which says the most.
        let short = flavor.shorten();
        let standard = standard_flavor(&short.to_string());
        let registered = if standard.is_some() { short } else { flavor };
        let spec = registered.spec();
        println!("\n# {}", flavor.describe());
        println!("openstack flavor create {registered} \\");
        println!(
            "  --vcpus {} --ram {} --disk {} \\",
            spec.cpus,
            spec.ram_mib(),
            spec.disk_gb()
        );
        let properties: Vec<String> = spec
            .extra_specs
            .iter()
            .map(|(key, value)| format!("  --property {key}={value}"))
            .collect();
        println!("{}", properties.join(" \\\n"));
        if let Some(standard) = standard {
            let requirement = match standard.requirement {
                Requirement::Mandatory => "mandatory",
                Requirement::Recommended => "recommended",
            };
            println!("# {registered} is a {requirement} standard flavor of scs-0103");
        }
    }
    Ok(())
}
