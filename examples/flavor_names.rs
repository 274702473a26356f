//! Embedding `scs-flavor`: parse a cloud's flavor names, report what is wrong, derive the
//! extra specs provisioning code must set, and build a compliant name from parts.
//!
//! Run: `cargo run --example flavor_names`

use scs::flavor::{CpuType, DiskType, Figures, Flavor, FlavorBuilder, parse_tolerant};

fn main() {
    // (name, vcpus, RAM in MiB, disk in GB) as Nova reports them.
    let cloud = [
        ("SCS-4V-16-50s", 4, 16384, 50),
        ("SCS-2V:4:20s", 2, 4096, 20),    // old v1 spelling
        ("SCS-8V-32-100", 8, 30000, 100), // less RAM than the name says
        ("SCS-2iT-4", 2, 4096, 0),        // bad syntax
        ("m1.small", 1, 2048, 20),        // not an SCS name: none of our business
    ];
    for (name, vcpus, ram_mib, disk_gb) in cloud {
        match parse_tolerant(name) {
            Ok(parsed) => {
                if parsed.is_v1() {
                    println!("WARNING {name}: v1 spelling; rename to {}", parsed.flavor);
                }
                for problem in parsed.flavor.overpromises(&Figures {
                    vcpus,
                    ram_mib,
                    disk_gb,
                }) {
                    println!("ERROR   {name}: {problem}");
                }
            }
            Err(err) if err.is_scs() => println!("ERROR   {name}: {err}"),
            Err(_) => {}
        }
    }

    // Provisioning: the figures and extra specs a flavor with this name must have.
    let flavor: Flavor = "SCS-2V-4-20s".parse().expect("a valid name");
    let spec = flavor.spec();
    println!(
        "\n{flavor}: vcpus={} ram={} MiB disk={} GB",
        spec.cpus,
        spec.ram_mib(),
        spec.disk_gb()
    );
    for (key, value) in &spec.extra_specs {
        println!("  {key}={value}");
    }

    // Building a name from parts; impossible combinations are refused with a reason.
    let built = FlavorBuilder::new(8, CpuType::DedicatedCore, 32.0)
        .disk(Some(100), Some(DiskType::Nvme))
        .cpu_vendor('z')
        .cpu_generation(4)
        .build()
        .expect("a valid combination");
    println!("\nbuilt: {built} (short: {})", built.shorten());
    let refused = FlavorBuilder::new(8, CpuType::DedicatedCore, 32.0)
        .cpu_generation(4)
        .build();
    println!("refused: {}", refused.unwrap_err());
}
