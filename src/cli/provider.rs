//! The provider's flavor commands: `scs flavor audit`, `scs flavor fix-specs` and
//! `scs flavor plan --apply`. What to change is decided by `scs_standards::flavor_audit`; this
//! module reads the flavors, prints, and (live) makes the Nova calls.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use scs_standards::cloud::CloudFlavor as NovaFlavor;
use scs_standards::flavor_audit::{FlavorAudit, NameStatus, audit, planned_changes};
#[cfg(feature = "openstack")]
use scs_testkit::CloudSource;
use scs_testkit::Snapshot;

/// Exit status: nothing to fix.
const CLEAN: u8 = 0;
/// Exit status: something to fix (or, after `--apply`, still left to fix).
const TO_FIX: u8 = 1;
/// Exit status: the flavors could not be read (or a request failed outright).
const FAILED: u8 = 2;

pub const AUDIT_HELP: &str = "\
One line per flavor: `ok`, `fix` (something below needs fixing), `invalid` (an SCS- name that
does not parse), or `other` (not an SCS name; allowed, with the name it could carry). For SCS
names: whether the flavor gives what the name promises (scs-0100), and the `scs:` extra specs
(scs-0103: scs:name-vN, scs:cpu-type, scs:diskN-type) that are missing or have another value.

Exit status: 0 nothing to fix, 1 something to fix, 2 the flavors could not be read.

Live clouds: reading flavors needs no special role; this command does not run the
certification's preflight (which refuses admin users), since providers audit as admins.";

#[cfg_attr(not(feature = "openstack"), allow(dead_code))]
pub const FIX_HELP: &str = "\
Sets the `scs:` extra specs that `scs flavor audit` finds missing (scs:name-vN, scs:cpu-type,
scs:diskN-type) through Nova's extra-specs API. Without --apply nothing is changed: every change
is shown. An existing value that differs is kept unless --force. Running it again changes
nothing. Names, figures and stray specs are left alone (rename or resize by hand).

Needs a role that may manage flavors (Nova's default policy: admin). This command does not run
the certification's preflight, which refuses such roles. A refusal (HTTP 403) is reported per
flavor; the other flavors are still fixed.

Exit status: 0 nothing (left) to change, 1 changes pending (dry run), kept conflicts or refused
flavors, 2 the flavors could not be read.";

/// Options of `scs flavor audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Audit the flavors of a snapshot file (`scs snapshot`; YAML or JSON).
    #[arg(long, value_name = "FILE", required_unless_present = "os_cloud")]
    snapshot: Option<PathBuf>,
    /// Audit the flavors of a live cloud (clouds.yaml entry).
    #[arg(long = "os-cloud", value_name = "CLOUD", conflicts_with = "snapshot")]
    os_cloud: Option<String>,
    /// One JSON array of findings instead of lines.
    #[arg(long)]
    json: bool,
    #[cfg(feature = "openstack")]
    #[command(flatten)]
    live: super::live::LiveArgs,
}

/// Options of `scs flavor fix-specs`.
#[derive(Debug, Args)]
pub struct FixSpecsArgs {
    /// The cloud (clouds.yaml entry).
    #[arg(long = "os-cloud", value_name = "CLOUD", required = true)]
    os_cloud: Option<String>,
    /// Make the changes (default: show them only).
    #[arg(long)]
    apply: bool,
    /// Overwrite existing values that differ from what the name calls for.
    #[arg(long)]
    force: bool,
    /// Only these flavors (names or ids); default: all.
    #[arg(value_name = "FLAVOR")]
    flavors: Vec<String>,
    #[cfg(feature = "openstack")]
    #[command(flatten)]
    live: super::live::LiveArgs,
}

/// Options of `scs flavor plan` for live clouds.
#[derive(Debug, Args)]
pub struct PlanApplyArgs {
    /// Create the missing standard flavors on the cloud of --os-cloud (needs a role that may
    /// manage flavors; no certification preflight). Existing flavors are never touched.
    #[arg(long, requires = "os_cloud")]
    pub apply: bool,
    /// The cloud (clouds.yaml entry) for --apply.
    #[arg(long = "os-cloud", value_name = "CLOUD", requires = "apply")]
    pub os_cloud: Option<String>,
    #[cfg(feature = "openstack")]
    #[command(flatten)]
    pub live: super::live::LiveArgs,
}

pub fn audit_command(args: &AuditArgs) -> ExitCode {
    let flavors = match read_flavors(args) {
        Ok(flavors) => flavors,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(FAILED);
        }
    };
    let audits = audit(&flavors);
    if args.json {
        let records: Vec<serde_json::Value> = audits.iter().map(record).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&records).expect("JSON values serialize")
        );
    } else {
        for a in &audits {
            println!("{}", line(a));
        }
        let scs = audits
            .iter()
            .filter(|a| !matches!(a.name, NameStatus::NotScs(_)))
            .count();
        let to_fix = audits.iter().filter(|a| a.needs_fixing()).count();
        println!(
            "{} flavors: {scs} SCS names, {to_fix} to fix, {} other names",
            audits.len(),
            audits.len() - scs
        );
    }
    if audits.iter().any(FlavorAudit::needs_fixing) {
        ExitCode::from(TO_FIX)
    } else {
        ExitCode::from(CLEAN)
    }
}

fn read_flavors(args: &AuditArgs) -> Result<Vec<NovaFlavor>, String> {
    if let Some(path) = &args.snapshot {
        // The snapshot file as `--snapshot` of `scs check` reads it (SnapshotSource's loader).
        let snapshot = Snapshot::load(path).map_err(|e| e.to_string())?;
        return snapshot
            .flavors
            .ok_or_else(|| format!("{}: the snapshot has no `flavors`", path.display()));
    }
    #[cfg(feature = "openstack")]
    {
        let cloud = args.os_cloud.as_deref();
        let runtime = super::live::runtime().map_err(|e| e.to_string())?;
        runtime.block_on(async {
            let source = super::live::connect(cloud, &args.live).await?;
            source
                .flavors()
                .await
                .map(|list| list.to_vec())
                .map_err(|e| e.to_string())
        })
    }
    #[cfg(not(feature = "openstack"))]
    Err("--os-cloud needs the `openstack` feature of the scs tool".into())
}

/// One line of the audit: `NAME: VERDICT; details`.
fn line(a: &FlavorAudit) -> String {
    let mut details: Vec<String> = Vec::new();
    let verdict = match &a.name {
        NameStatus::Invalid(e) => {
            details.push(e.to_string());
            "invalid"
        }
        NameStatus::NotScs(Ok(suggestion)) => {
            details.push(format!("not an SCS name; could be {suggestion}"));
            "other"
        }
        NameStatus::NotScs(Err(e)) => {
            details.push(format!("not an SCS name; no SCS name fits: {e}"));
            "other"
        }
        NameStatus::Scs {
            flavor,
            v1,
            canonical,
        } => {
            if *v1 {
                details.push(format!("v1 spelling, rename to {flavor}"));
            } else if !canonical {
                details.push(format!("canonical spelling is {flavor}"));
            }
            if a.truthful() {
                details.push("truthful".into());
            } else {
                let problems: Vec<String> = a.overpromises.iter().map(|m| m.to_string()).collect();
                details.push(format!("UNTRUTHFUL: {}", problems.join(", ")));
            }
            details.extend(a.spec_changes.iter().map(|c| c.to_string()));
            details.extend(
                a.stray_specs
                    .iter()
                    .map(|k| format!("{k}: the name has no such disk, remove it")),
            );
            if a.needs_fixing() { "fix" } else { "ok" }
        }
    };
    format!("{}: {verdict}; {}", a.flavor, details.join("; "))
}

/// The audit of one flavor as JSON.
fn record(a: &FlavorAudit) -> serde_json::Value {
    let (name, canonical, error, suggestion) = match &a.name {
        NameStatus::Scs { flavor, .. } => ("scs", Some(flavor.to_string()), None, None),
        NameStatus::Invalid(e) => ("invalid", None, Some(e.to_string()), None),
        NameStatus::NotScs(Ok(f)) => ("other", None, None, Some(f.to_string())),
        NameStatus::NotScs(Err(e)) => ("other", None, Some(e.to_string()), None),
    };
    serde_json::json!({
        "flavor": a.flavor,
        "id": a.id,
        "name": name,
        "canonical": canonical,
        "error": error,
        "suggestion": suggestion,
        "truthful": a.truthful(),
        "overpromises": a.overpromises.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
        "spec_changes": a.spec_changes.iter().map(|c| serde_json::json!({
            "key": c.key, "wanted": c.wanted, "current": c.current,
        })).collect::<Vec<_>>(),
        "stray_specs": a.stray_specs,
        "needs_fixing": a.needs_fixing(),
    })
}

/// The changes for one flavor, as `fix-specs` shows them.
#[cfg_attr(not(feature = "openstack"), allow(dead_code))]
pub struct FlavorFix<'a> {
    pub audit: &'a FlavorAudit,
    /// Missing keys, set with one POST.
    pub add: BTreeMap<String, String>,
    /// Conflicting keys overwritten (with --force), one PUT each.
    pub overwrite: BTreeMap<String, String>,
    /// Conflicting keys left alone (without --force): key, current, wanted.
    pub kept: Vec<(String, String, String)>,
}

/// The plan of `fix-specs`: a pure function of the audits, the flavors asked for and --force.
#[cfg_attr(not(feature = "openstack"), allow(dead_code))]
pub fn fix_plan<'a>(audits: &'a [FlavorAudit], only: &[String], force: bool) -> Vec<FlavorFix<'a>> {
    audits
        .iter()
        .filter(|a| only.is_empty() || only.iter().any(|o| *o == a.flavor || *o == a.id))
        .filter(|a| !a.spec_changes.is_empty())
        .map(|audit| {
            let (set, kept) = planned_changes(audit, force);
            let (overwrite, add): (Vec<_>, Vec<_>) = set.into_iter().partition(|c| c.is_conflict());
            FlavorFix {
                audit,
                add: add
                    .into_iter()
                    .map(|c| (c.key.clone(), c.wanted.clone()))
                    .collect(),
                overwrite: overwrite
                    .into_iter()
                    .map(|c| (c.key.clone(), c.wanted.clone()))
                    .collect(),
                kept: kept
                    .into_iter()
                    .map(|c| {
                        let current = c.current.clone().unwrap_or_default();
                        (c.key.clone(), current, c.wanted.clone())
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(feature = "openstack")]
pub fn fix_specs_command(args: &FixSpecsArgs) -> ExitCode {
    let runtime = match super::live::runtime() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(FAILED);
        }
    };
    runtime.block_on(fix_specs(args))
}

#[cfg(feature = "openstack")]
async fn fix_specs(args: &FixSpecsArgs) -> ExitCode {
    let source = match super::live::connect(args.os_cloud.as_deref(), &args.live).await {
        Ok(source) => source,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(FAILED);
        }
    };
    let flavors = match source.flavors().await {
        Ok(flavors) => flavors,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(FAILED);
        }
    };
    let unknown: Vec<&String> = args
        .flavors
        .iter()
        .filter(|o| !flavors.iter().any(|f| f.name == **o || f.id == **o))
        .collect();
    if !unknown.is_empty() {
        for name in unknown {
            eprintln!("error: cloud {}: no flavor named {name}", source.cloud());
        }
        return ExitCode::from(FAILED);
    }
    let audits = audit(&flavors);
    let plan = fix_plan(&audits, &args.flavors, args.force);
    let verb = if args.apply { "set" } else { "would set" };
    let mut status = CLEAN;
    if plan.is_empty() {
        println!("nothing to change");
    }
    for fix in &plan {
        let name = &fix.audit.flavor;
        for (key, current, wanted) in &fix.kept {
            println!(
                "{name}: keep {key}={current} (the name calls for {wanted}; --force overwrites)"
            );
            status = TO_FIX;
        }
        for (key, value) in &fix.add {
            println!("{name}: {verb} {key}={value}");
        }
        for (key, value) in &fix.overwrite {
            println!(
                "{name}: {verb} {key}={value} (was {})",
                current_value(fix, key)
            );
        }
        if !args.apply {
            if !fix.add.is_empty() || !fix.overwrite.is_empty() {
                status = TO_FIX;
            }
            continue;
        }
        let mut result = Ok(());
        if !fix.add.is_empty() {
            result = source.add_flavor_extra_specs(&fix.audit.id, &fix.add).await;
        }
        for (key, value) in &fix.overwrite {
            if result.is_ok() {
                result = source
                    .set_flavor_extra_spec(&fix.audit.id, key, value)
                    .await;
            }
        }
        if let Err(e) = result {
            status = TO_FIX;
            if e.is_forbidden() {
                println!(
                    "{name}: REFUSED: the user may not change this flavor's extra specs (needs a role that may manage flavors, e.g. admin): {e}"
                );
            } else {
                println!("{name}: FAILED: {e}");
            }
        }
    }
    if !args.apply && status == TO_FIX {
        println!("dry run: nothing changed; --apply makes these changes");
    }
    ExitCode::from(status)
}

#[cfg(feature = "openstack")]
fn current_value(fix: &FlavorFix<'_>, key: &str) -> String {
    fix.audit
        .spec_changes
        .iter()
        .find(|c| c.key == key)
        .and_then(|c| c.current.clone())
        .unwrap_or_default()
}

/// `scs flavor plan --apply`: creates the planned standard flavors the cloud lacks.
#[cfg(feature = "openstack")]
pub fn plan_apply(
    args: &PlanApplyArgs,
    rows: Vec<&'static scs_flavor::StandardFlavor>,
) -> ExitCode {
    let runtime = match super::live::runtime() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(FAILED);
        }
    };
    runtime.block_on(async {
        let source = match super::live::connect(args.os_cloud.as_deref(), &args.live).await {
            Ok(source) => source,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(FAILED);
            }
        };
        let flavors = match source.flavors().await {
            Ok(flavors) => flavors,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(FAILED);
            }
        };
        let mut status = CLEAN;
        for row in rows {
            if let Some(existing) = scs_standards::standard_flavors::find(&flavors, row) {
                println!("{}: present (flavor {}), left alone", row.name, existing.name);
                continue;
            }
            let spec = row.flavor().spec();
            let new = scs_testkit::openstack::NewFlavor {
                name: row.name.to_owned(),
                vcpus: spec.cpus,
                ram_mib: spec.ram_mib(),
                disk_gb: spec.disk_gb(),
                public: true,
            };
            let created = match source.create_flavor(&new).await {
                Ok(id) => source
                    .add_flavor_extra_specs(&id, &spec.extra_specs)
                    .await
                    .map(|()| id),
                Err(e) => Err(e),
            };
            match created {
                Ok(id) => println!(
                    "{}: created (id {id}; vcpus={} ram={} disk={}, {} extra specs)",
                    row.name,
                    new.vcpus,
                    new.ram_mib,
                    new.disk_gb,
                    spec.extra_specs.len()
                ),
                Err(e) if e.is_forbidden() => {
                    status = TO_FIX;
                    println!("{}: REFUSED: the user may not create flavors (needs a role that may manage flavors, e.g. admin): {e}", row.name);
                }
                Err(e) => {
                    status = TO_FIX;
                    println!("{}: FAILED: {e}", row.name);
                }
            }
        }
        ExitCode::from(status)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scs_flavor::keys;

    fn flavors() -> Vec<NovaFlavor> {
        let mut good = NovaFlavor::new("SCS-1V-4", 1, 4096, 0);
        for (key, value) in "SCS-1V-4"
            .parse::<scs_flavor::Flavor>()
            .unwrap()
            .spec()
            .extra_specs
        {
            good = good.with_spec(key, value);
        }
        good.id = "id-good".into();
        let mut bare = NovaFlavor::new("SCS-2V-8-20s", 2, 8192, 20);
        bare.id = "id-bare".into();
        let mut conflict =
            NovaFlavor::new("SCS-4V-16", 4, 16384, 0).with_spec(keys::CPU_TYPE, "crowded-core");
        conflict.id = "id-conflict".into();
        vec![good, bare, conflict, NovaFlavor::new("m1.tiny", 1, 512, 1)]
    }

    #[test]
    fn the_plan_sets_what_is_missing_and_keeps_conflicts_unless_forced() {
        let audits = audit(&flavors());
        let plan = fix_plan(&audits, &[], false);
        let names: Vec<&str> = plan.iter().map(|f| f.audit.flavor.as_str()).collect();
        assert_eq!(
            names,
            ["SCS-2V-8-20s", "SCS-4V-16"],
            "complete and other flavors are not in it"
        );
        let bare = &plan[0];
        assert_eq!(bare.add[keys::CPU_TYPE], "shared-core");
        assert_eq!(bare.add[keys::DISK0_TYPE], "ssd");
        assert_eq!(bare.add[keys::NAME_V1], "SCS-2V:8:20s");
        assert!(bare.overwrite.is_empty() && bare.kept.is_empty());
        let conflict = &plan[1];
        assert!(!conflict.add.contains_key(keys::CPU_TYPE));
        assert_eq!(
            conflict.kept,
            [(
                keys::CPU_TYPE.to_owned(),
                "crowded-core".to_owned(),
                "shared-core".to_owned()
            )]
        );
        let forced = fix_plan(&audits, &[], true);
        assert_eq!(forced[1].overwrite[keys::CPU_TYPE], "shared-core");
        assert!(forced[1].kept.is_empty());
    }

    #[test]
    fn the_plan_is_empty_once_applied() {
        // Apply the plan to the data, as Nova would, and plan again.
        let mut flavors = flavors();
        let audits = audit(&flavors);
        let plan = fix_plan(&audits, &[], true);
        let changes: Vec<(String, BTreeMap<String, String>)> = plan
            .iter()
            .map(|f| {
                let mut all = f.add.clone();
                all.extend(f.overwrite.clone());
                (f.audit.id.clone(), all)
            })
            .collect();
        for (id, specs) in changes {
            let flavor = flavors.iter_mut().find(|f| f.id == id).unwrap();
            flavor.extra_specs.extend(specs);
        }
        assert!(fix_plan(&audit(&flavors), &[], false).is_empty());
    }

    #[test]
    fn the_plan_selects_flavors_by_name_or_id() {
        let audits = audit(&flavors());
        let only = |names: &[&str]| -> Vec<String> {
            let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
            fix_plan(&audits, &names, false)
                .iter()
                .map(|f| f.audit.flavor.clone())
                .collect()
        };
        assert_eq!(only(&["id-conflict"]), ["SCS-4V-16"]);
        assert_eq!(only(&["SCS-2V-8-20s"]), ["SCS-2V-8-20s"]);
        assert!(only(&["SCS-1V-4"]).is_empty());
    }

    #[test]
    fn audit_lines_say_what_to_fix() {
        let audits = audit(&flavors());
        assert_eq!(line(&audits[0]), "SCS-1V-4: ok; truthful");
        assert!(
            line(&audits[1])
                .starts_with("SCS-2V-8-20s: fix; truthful; scs:cpu-type: missing, set shared-core")
        );
        assert_eq!(
            line(&audits[3]),
            "m1.tiny: other; not an SCS name; could be SCS-1L-0.5-1"
        );
    }
}
