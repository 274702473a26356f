//! Embedding `scs-flavor`: parse a cloud's flavor names, report what is wrong, derive the
//! extra specs provisioning code must set, and build a compliant name from parts.
//!
//! Run: `cargo run --example flavor_names`

use scs::flavor::{
    CpuFrequency, CpuType, DiskType, Figures, Flavor, FlavorBuilder, Ram, parse_tolerant,
};

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
    // Every part is typed; each parses from its spelling in a name (`z4`, `p`, `32`).
    let ram = Ram::from_gib(32).expect("32 GiB");
    let zen4 = "z4".parse().expect("a CPU generation of the standard");
    let built = FlavorBuilder::new(8, CpuType::DedicatedCore, ram)
        .disk(Some(100), Some(DiskType::Nvme))
        .cpu_arch(zen4, CpuFrequency::Standard)
        .build()
        .expect("a valid combination");
    println!("\nbuilt: {built} (short: {})", built.shorten());
    let refused = FlavorBuilder::new(8, CpuType::DedicatedCore, ram)
        .disk_count(2)
        .build();
    println!("refused: {}", refused.unwrap_err());
}
