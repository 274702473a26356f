//! `scs flavor ...`: parse, describe, generate and measure SCS flavor names (scs-0100).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use scs_flavor::{
    CpuFrequency, CpuType, CpuVendor, DiskType, Figures, Flavor, FlavorBuilder, GpuFrequency,
    GpuMode, GpuVendor, Hypervisor, ParseError, Parsed, PartError, Ram, Requirement,
    StandardFlavor, VramBandwidth, canonicalize_into, parse_tolerant, parse_v1, parse_v2, parse_v3,
    standard_flavors,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Subcommand)]
pub enum FlavorCommand {
    /// Describe each name; exit status 1 if any is invalid.
    Parse {
        #[command(flatten)]
        syntax: SyntaxChoice,
        /// Flavor names, e.g. SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib.
        #[arg(required = true)]
        names: Vec<String>,
    },
    /// Print the figures and `scs:` extra specs (scs-0103) of a name as YAML.
    Spec {
        /// A v3 flavor name.
        name: String,
    },
    /// Build a name from its parts and print it.
    New(NewArgs),
    /// Read names from stdin, one per line; write one JSON object per line.
    Batch,
    /// Read names from stdin; time parsing plus canonical printing of all of them (and each
    /// half alone).
    Stats,
    /// Name a flavor from Nova's figures and extra specs: the most specific truthful name.
    Infer(InferArgs),
    /// Print the standard flavors of scs-0103 with their figures and `scs:` extra specs.
    Plan {
        /// Also the recommended flavors (default: the mandatory ones only).
        #[arg(long)]
        optional: bool,
        /// Write the input of OSISM's openstack-flavor-manager (YAML) instead of a table.
        #[arg(long, conflicts_with = "apply")]
        osism: bool,
        #[command(flatten)]
        live: super::provider::PlanApplyArgs,
    },
    /// Audit a cloud's flavors: SCS names, truthful figures, `scs:` extra specs (for providers).
    #[command(after_help = super::provider::AUDIT_HELP)]
    Audit(super::provider::AuditArgs),
    /// Set the missing `scs:` extra specs on a cloud's flavors (dry run unless --apply; for providers).
    #[cfg(feature = "openstack")]
    #[command(after_help = super::provider::FIX_HELP)]
    FixSpecs(super::provider::FixSpecsArgs),
}

/// A flavor as Nova describes it (see `Flavor::infer` for what the name can say).
#[derive(Debug, Args)]
pub struct InferArgs {
    /// Number of vCPUs (Nova `vcpus`).
    #[arg(long, required_unless_present = "batch")]
    vcpus: Option<u64>,
    /// RAM in MiB (Nova `ram`).
    #[arg(long, required_unless_present = "batch")]
    ram_mib: Option<u64>,
    /// Root disk in GB (Nova `disk`); 0 or absent: no disk part.
    #[arg(long)]
    disk: Option<u64>,
    /// An extra spec, e.g. `scs:cpu-type=shared-core` or `scs:disk0-type=ssd`; repeatable.
    #[arg(long = "extra-spec", value_name = "KEY=VALUE", value_parser = key_value)]
    extra_specs: Vec<(String, String)>,
    /// Read one JSON object per line from stdin, with Nova's fields `vcpus`, `ram` (MiB),
    /// `disk` (GB) and `extra_specs` (others are ignored); write one JSON object per line,
    /// `{"name": ...}` or `{"error": ...}`.
    #[arg(long, conflicts_with_all = ["vcpus", "ram_mib", "disk", "extra_specs"])]
    batch: bool,
}

/// `KEY=VALUE`, split at the first `=`.
fn key_value(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("expected KEY=VALUE, not {s:?}")),
    }
}

/// Which version of the standard to parse by (default: v3).
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct SyntaxChoice {
    /// scs-0100-v1: `SCS-2V:4:10n`.
    #[arg(long)]
    v1: bool,
    /// scs-0100-v2.
    #[arg(long)]
    v2: bool,
    /// scs-0100-v3 (the default).
    #[arg(long)]
    v3: bool,
    /// As the certification does: v3, tolerating v1 names with a warning.
    #[arg(long)]
    tolerant: bool,
}

impl SyntaxChoice {
    fn parse(&self, name: &str) -> Result<Parsed, ParseError> {
        if self.v1 {
            parse_v1(name)
        } else if self.v2 {
            parse_v2(name)
        } else if self.tolerant {
            parse_tolerant(name)
        } else {
            parse_v3(name)
        }
    }
}

/// `--cpu-type`: the letter of the name, in either case (`v` is `V`).
fn cpu_type_arg(letter: &str) -> Result<CpuType, PartError> {
    letter.to_ascii_uppercase().parse()
}

/// The parts of a flavor name; see scs-0100-v3 for their meaning.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Number of vCPUs.
    #[arg(long)]
    pub(super) cpus: u64,
    /// L (crowded), V (shared), T (dedicated thread), C (dedicated core).
    #[arg(long, value_parser = cpu_type_arg)]
    pub(super) cpu_type: CpuType,
    /// RAM in GiB, in steps of 0.5.
    #[arg(long)]
    pub(super) ram: String,
    /// Insecure CPUs (`i`).
    #[arg(long)]
    pub(super) insecure: bool,
    /// No ECC memory (`u`).
    #[arg(long)]
    pub(super) no_ecc: bool,
    /// Oversubscribed memory (`o`).
    #[arg(long)]
    pub(super) ram_oversubscribed: bool,
    /// Root disk size in GB, or `auto` to let the cloud decide.
    #[arg(long)]
    pub(super) disk: Option<String>,
    /// Disk type: n (network), h (HDD), s (SSD), p (NVMe).
    #[arg(long)]
    pub(super) disk_type: Option<DiskType>,
    /// Number of disks.
    #[arg(long)]
    pub(super) disk_count: Option<u64>,
    /// Hypervisor: kvm, chy (Cloud Hypervisor), xen, vmw (VMware), hyv (Hyper-V), bms (bare metal).
    #[arg(long)]
    pub(super) hypervisor: Option<Hypervisor>,
    /// Hardware virtualization (`hwv`).
    #[arg(long)]
    pub(super) hwv: bool,
    /// CPU vendor: i (Intel), z (AMD), a (ARM), r (RISC-V).
    #[arg(long)]
    pub(super) cpu_vendor: Option<char>,
    /// CPU generation (needs --cpu-vendor).
    #[arg(long)]
    pub(super) cpu_gen: Option<u8>,
    /// CPU frequency class: number of `h`, 0 to 3.
    #[arg(long, default_value_t = 0)]
    pub(super) cpu_freq: usize,
    /// GPU: G (pass-through) or g (virtual).
    #[arg(long)]
    pub(super) gpu: Option<GpuMode>,
    /// GPU vendor: N, A or I.
    #[arg(long)]
    pub(super) gpu_vendor: Option<char>,
    /// GPU generation code, e.g. `a` (nVidia Ampere) or `3.5` (AMD RDNA 3.5).
    #[arg(long)]
    pub(super) gpu_gen: Option<String>,
    /// Number of GPU processing units (SMs, CUs, EUs).
    #[arg(long)]
    pub(super) gpu_units: Option<u64>,
    /// GPU frequency class: number of `h`, 0 to 2.
    #[arg(long, default_value_t = 0)]
    pub(super) gpu_freq: usize,
    /// Video memory in GiB (needs --gpu-units).
    #[arg(long)]
    pub(super) vram: Option<u64>,
    /// VRAM bandwidth class: number of `h`, 0 to 2.
    #[arg(long, default_value_t = 0)]
    pub(super) vram_bw: usize,
    /// Infiniband (`ib`).
    #[arg(long)]
    pub(super) ib: bool,
}

pub fn run(cmd: FlavorCommand) -> ExitCode {
    match cmd {
        FlavorCommand::Parse { syntax, names } => parse(&syntax, &names),
        FlavorCommand::Spec { name } => spec(&name),
        FlavorCommand::New(args) => new(&args),
        FlavorCommand::Batch => report_io(batch(
            io::stdin().lock(),
            &mut BufWriter::new(io::stdout().lock()),
        )),
        FlavorCommand::Stats => report_io(stats()),
        FlavorCommand::Infer(args) if args.batch => report_io(infer_batch(
            io::stdin().lock(),
            &mut BufWriter::new(io::stdout().lock()),
        )),
        FlavorCommand::Infer(args) => infer(&args),
        FlavorCommand::Plan { optional, live, .. } if live.apply => apply_plan(optional, &live),
        FlavorCommand::Plan {
            optional, osism, ..
        } => plan(optional, osism),
        FlavorCommand::Audit(args) => super::provider::audit_command(&args),
        #[cfg(feature = "openstack")]
        FlavorCommand::FixSpecs(args) => super::provider::fix_specs_command(&args),
    }
}

fn report_io(result: io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`scs flavor batch | head`) is not an error of ours.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The error, with the name and a caret under the offending byte.
pub(super) fn explain(name: &str, err: &ParseError) -> String {
    let mut out = format!("error: {name:?}: {err}");
    if let Some(offset) = err.offset() {
        // Debug-quoting shifts the text by one column; control characters would shift it more.
        if name.chars().all(|c| !c.is_control()) {
            let column = name[..offset].chars().count() + 1;
            let _ = write!(out, "\n  {name:?}\n  {:>width$}", "^", width = column + 1);
        }
    }
    out
}

fn parse(syntax: &SyntaxChoice, names: &[String]) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for name in names {
        match syntax.parse(name) {
            Ok(parsed) => {
                let flavor = parsed.flavor;
                println!("{name}: valid");
                println!("  {}", flavor.describe());
                println!("  canonical: {flavor}");
                println!("  short:     {}", flavor.shorten());
                println!("  v1:        {}", flavor.v1());
                if parsed.is_v1() && !syntax.v1 {
                    eprintln!(
                        "warning: {name}: v1 spelling, merely tolerated; the v3 name is {flavor}"
                    );
                }
                if !parsed.canonical {
                    let canonical = flavor.to_string_in(parsed.syntax);
                    eprintln!("warning: {name}: not in canonical form; write {canonical}");
                }
            }
            Err(err) => {
                eprintln!("{}", explain(name, &err));
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}

fn spec(name: &str) -> ExitCode {
    match parse_v3(name) {
        Ok(parsed) => {
            let yaml =
                serde_yaml::to_string(&parsed.flavor.spec()).expect("a spec serializes to YAML");
            print!("{yaml}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{}", explain(name, &err));
            ExitCode::FAILURE
        }
    }
}

fn new(args: &NewArgs) -> ExitCode {
    match build(args) {
        Ok(flavor) => {
            println!("{flavor}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The flavor `args` describe (also the form of `scs serve`), or what is wrong with them.
pub(super) fn build(args: &NewArgs) -> Result<Flavor, String> {
    let ram: Ram = args.ram.parse().map_err(|_| {
        format!(
            "RAM must be a positive multiple of 0.5 GiB, not {:?}",
            args.ram
        )
    })?;
    let mut b = FlavorBuilder::new(args.cpus, args.cpu_type, ram)
        .cpu_insecure(args.insecure)
        .ram_no_ecc(args.no_ecc)
        .ram_oversubscribed(args.ram_oversubscribed)
        .hardware_virtualization(args.hwv)
        .infiniband(args.ib);
    let size = match args.disk.as_deref() {
        None | Some("auto") => None,
        Some(gb) => Some(
            gb.parse::<u64>()
                .map_err(|_| format!("--disk takes a size in GB or `auto`, not {gb:?}"))?,
        ),
    };
    if args.disk.is_some() || args.disk_type.is_some() {
        b = b.disk(size, args.disk_type);
    }
    if let Some(count) = args.disk_count {
        b = b.disk_count(count);
    }
    if let Some(hypervisor) = args.hypervisor {
        b = b.hypervisor(hypervisor);
    }
    let cpu_frequency = CpuFrequency::from_h_count(args.cpu_freq)
        .ok_or("--cpu-freq takes 0 to 3 (the number of `h`)")?;
    match args.cpu_vendor {
        Some(vendor) => {
            let generation = args.cpu_gen.map(|g| g.to_string()).unwrap_or_default();
            let vendor: CpuVendor = format!("{vendor}{generation}")
                .parse()
                .map_err(|e| format!("--cpu-vendor {vendor} --cpu-gen {generation}: {e}"))?;
            b = b.cpu_arch(vendor, cpu_frequency);
        }
        None if args.cpu_gen.is_some() || args.cpu_freq > 0 => {
            return Err(
                "--cpu-gen or --cpu-freq needs a CPU vendor (--cpu-vendor i, z, a or r)".into(),
            );
        }
        None => {}
    }
    match (args.gpu, args.gpu_vendor) {
        (Some(mode), Some(vendor)) => {
            let generation = args.gpu_gen.as_deref().unwrap_or_default();
            let vendor: GpuVendor = format!("{vendor}{generation}")
                .parse()
                .map_err(|e| format!("--gpu-vendor {vendor} --gpu-gen {generation:?}: {e}"))?;
            b = b.gpu(mode, vendor);
        }
        (Some(_), None) => return Err("--gpu needs --gpu-vendor (N, A or I)".into()),
        (None, Some(_)) => return Err("--gpu-vendor needs --gpu (G or g)".into()),
        (None, None) if args.gpu_gen.is_some() => {
            return Err("--gpu-gen needs --gpu and --gpu-vendor".into());
        }
        (None, None) => {}
    }
    let gpu_frequency = GpuFrequency::from_h_count(args.gpu_freq)
        .ok_or("--gpu-freq takes 0 to 2 (the number of `h`)")?;
    let bandwidth = VramBandwidth::from_h_count(args.vram_bw)
        .ok_or("--vram-bw takes 0 to 2 (the number of `h`)")?;
    match args.gpu_units {
        Some(units) => b = b.gpu_units_at(units, gpu_frequency),
        None if args.gpu_freq > 0 => return Err("--gpu-freq needs --gpu-units".into()),
        None => {}
    }
    match args.vram {
        Some(vram) => b = b.vram(vram, bandwidth),
        None if args.vram_bw > 0 => return Err("--vram-bw needs --vram".into()),
        None => {}
    }
    b.build().map_err(|e| e.to_string())
}

/// One line of `scs flavor batch` output.
#[derive(Serialize)]
struct BatchRecord<'a> {
    name: &'a str,
    ok: bool,
    scs: bool,
    canonical: Option<String>,
    short: Option<String>,
    v1: Option<String>,
    spec: Option<scs_flavor::FlavorSpec>,
    description: Option<String>,
    error: Option<String>,
    v1_syntax: bool,
}

fn batch(input: impl BufRead, out: &mut impl Write) -> io::Result<()> {
    for line in input.split(b'\n') {
        let line = line?;
        // The whole line is the name, untrimmed; bytes that are not UTF-8 become U+FFFD.
        let name = String::from_utf8_lossy(&line);
        let strict = parse_v3(&name);
        let tolerated = match &strict {
            Err(err) if err.is_scs() => parse_tolerant(&name).ok(),
            _ => None,
        };
        let described = strict
            .as_ref()
            .ok()
            .or(tolerated.as_ref())
            .map(|p| p.flavor);
        let record = BatchRecord {
            name: &name,
            ok: strict.is_ok(),
            scs: strict.as_ref().err().is_none_or(ParseError::is_scs),
            canonical: described.map(|f| f.to_string()),
            short: described.map(|f| f.shorten().to_string()),
            v1: described.map(|f| f.v1().to_string()),
            spec: described.map(|f| f.spec()),
            description: described.map(|f| f.describe()),
            error: strict.as_ref().err().map(ToString::to_string),
            v1_syntax: tolerated.is_some(),
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

fn stats() -> io::Result<()> {
    let mut input = String::new();
    io::stdin().lock().read_to_string(&mut input)?;
    let names: Vec<&str> = input.split_terminator('\n').collect();
    let flavors: Vec<Flavor> = names.iter().filter_map(|n| n.parse().ok()).collect();
    let mut buffer = String::with_capacity(160);
    // What issue 12 sets a target for: parse every name, print each valid one canonically
    // (`canonicalize_into` copies the names that are canonical already).
    let both = nanos_per_item(&names, Duration::from_secs(1), |name| {
        buffer.clear();
        let _ = std::hint::black_box(canonicalize_into(std::hint::black_box(*name), &mut buffer));
        std::hint::black_box(&buffer);
    });
    // The two halves: parsing per name, printing per valid name.
    let parse = nanos_per_item(&names, Duration::from_millis(500), |name| {
        let _ = std::hint::black_box(std::hint::black_box(*name).parse::<Flavor>());
    });
    let print = nanos_per_item(&flavors, Duration::from_millis(500), |flavor| {
        buffer.clear();
        std::hint::black_box(flavor).append_to(&mut buffer);
        std::hint::black_box(&buffer);
    });
    println!(
        "names={} valid={} ns_per_name={both:.1} parse_ns_per_name={parse:.1} print_ns_per_valid={print:.1}",
        names.len(),
        flavors.len()
    );
    Ok(())
}

/// Nanoseconds per item of `work`, over whole rounds repeated until `budget` has passed, so
/// that short inputs are timed reliably; 0 for no items.
fn nanos_per_item<T>(items: &[T], budget: Duration, mut work: impl FnMut(&T)) -> f64 {
    if items.is_empty() {
        return 0.0;
    }
    let mut rounds = 0u64;
    let start = Instant::now();
    while start.elapsed() < budget || rounds == 0 {
        items.iter().for_each(&mut work);
        rounds += 1;
    }
    start.elapsed().as_nanos() as f64 / (rounds as f64 * items.len() as f64)
}

fn infer(args: &InferArgs) -> ExitCode {
    let figures = Figures {
        // clap requires both without `--batch`.
        vcpus: args.vcpus.unwrap_or_default(),
        ram_mib: args.ram_mib.unwrap_or_default(),
        disk_gb: args.disk.unwrap_or_default(),
    };
    let specs = args.extra_specs.iter().map(|(k, v)| (k, v));
    match Flavor::infer(&figures, specs) {
        Ok(flavor) => {
            println!("{flavor}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// One line of `scs flavor infer --batch` input: a flavor as Nova's API writes it.
#[derive(Deserialize)]
struct NovaFlavor {
    vcpus: u64,
    /// MiB.
    ram: u64,
    /// GB.
    #[serde(default)]
    disk: u64,
    #[serde(default)]
    extra_specs: BTreeMap<String, String>,
}

fn infer_batch(input: impl BufRead, out: &mut impl Write) -> io::Result<()> {
    for (index, line) in input.split(b'\n').enumerate() {
        let line = line?;
        let number = index + 1;
        let record = match serde_json::from_slice::<NovaFlavor>(&line) {
            Err(_) if line.trim_ascii().is_empty() => {
                serde_json::json!({"error": format!("line {number}: empty, expected a JSON object")})
            }
            Err(err) => {
                // serde_json counts lines inside the input; ours is one line of a stream.
                let message = err.to_string();
                let position = format!(" at line {} column {}", err.line(), err.column());
                let message = message.strip_suffix(&position).unwrap_or(&message);
                let column = err.column();
                serde_json::json!({"error": format!("line {number}, column {column}: {message}")})
            }
            Ok(nova) => {
                let figures = Figures {
                    vcpus: nova.vcpus,
                    ram_mib: nova.ram,
                    disk_gb: nova.disk,
                };
                match Flavor::infer(&figures, &nova.extra_specs) {
                    Ok(flavor) => serde_json::json!({"name": flavor.to_string()}),
                    Err(err) => serde_json::json!({"error": format!("line {number}: {err}")}),
                }
            }
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// The standard flavors to create: mandatory ones, and with `optional` the recommended too.
fn planned(optional: bool) -> impl Iterator<Item = &'static StandardFlavor> {
    standard_flavors()
        .iter()
        .filter(move |row| optional || row.requirement == Requirement::Mandatory)
}

#[cfg(feature = "openstack")]
fn apply_plan(optional: bool, live: &super::provider::PlanApplyArgs) -> ExitCode {
    super::provider::plan_apply(live, planned(optional).collect())
}

#[cfg(not(feature = "openstack"))]
fn apply_plan(_: bool, _: &super::provider::PlanApplyArgs) -> ExitCode {
    eprintln!("error: --apply needs the `openstack` feature of the scs tool");
    ExitCode::from(2)
}

fn plan(optional: bool, osism: bool) -> ExitCode {
    if osism {
        print!("{}", osism_flavors(optional));
        return ExitCode::SUCCESS;
    }
    for row in planned(optional) {
        let spec = row.flavor().spec();
        let specs: Vec<String> = spec
            .extra_specs
            .iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        let requirement = match row.requirement {
            Requirement::Mandatory => "mandatory",
            Requirement::Recommended => "recommended",
        };
        println!(
            "{:<16} {requirement:<11} vcpus={:<3} ram={:<6} disk={:<4} {}",
            row.name,
            spec.cpus,
            spec.ram_mib(),
            spec.disk_gb(),
            specs.join(" ")
        );
    }
    ExitCode::SUCCESS
}

/// The flavor definitions in the format of OSISM's openstack-flavor-manager: a `reference`
/// of the fields, then `mandatory` (and `recommended`) lists of flavors with Nova's figures
/// (`ram` in MiB, `disk` in GB) and the extra specs as further keys.
///
/// scs-0103-v1 says `scs:disk0-type` is "not set if no disk is provided", so a flavor without
/// root disk has none (OSISM's own list sets `network` there).
fn osism_flavors(optional: bool) -> String {
    use serde_yaml::{Mapping, Value};
    let field = |name: &str| Mapping::from_iter([("field".into(), Value::from(name))]);
    let mut name = field("name");
    name.insert("mandatory_prefix".into(), "SCS-".into());
    let mut public = field("public");
    public.insert("default".into(), true.into());
    let mut disabled = field("disabled");
    disabled.insert("default".into(), false.into());
    let reference = vec![
        name,
        field("cpus"),
        field("ram"),
        field("disk"),
        public,
        disabled,
    ];
    let mut document = Mapping::new();
    document.insert("reference".into(), reference.into());
    for (key, requirement) in [
        ("mandatory", Requirement::Mandatory),
        ("recommended", Requirement::Recommended),
    ] {
        let flavors: Vec<Mapping> = planned(optional)
            .filter(|row| row.requirement == requirement)
            .map(|row| {
                let spec = row.flavor().spec();
                let mut flavor = Mapping::new();
                flavor.insert("name".into(), row.name.into());
                flavor.insert("cpus".into(), spec.cpus.into());
                flavor.insert("ram".into(), spec.ram_mib().into());
                flavor.insert("disk".into(), spec.disk_gb().into());
                for (key, value) in &spec.extra_specs {
                    flavor.insert(key.as_str().into(), value.as_str().into());
                }
                flavor
            })
            .collect();
        if !flavors.is_empty() {
            document.insert(key.into(), flavors.into());
        }
    }
    serde_yaml::to_string(&document).expect("a mapping of strings and numbers is YAML")
}
