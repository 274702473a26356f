//! What interrupted runs left behind: the resources of this tool's probes ([`PREFIXES`]) that
//! the user owns, found with [`find_leftovers`] and removed with [`remove_leftovers`]
//! (`scs cleanup -c CLOUD [--apply]`). The probes remove their own resources through
//! [`remove_named`].
//!
//! Only names starting with one of [`PREFIXES`] are considered, and only resources of the
//! user: volumes, backups, servers and secrets by their `user_id` / `creator_id`; Neutron's
//! networks, routers, ports and security groups, which record no user, by the token's project;
//! key pairs belong to their user anyway. Services missing from the catalog are skipped.
//!
//! Removal waits where OpenStack needs it (a volume being backed up or restored, a backup
//! being created, a server's ports going away), at most [`CLEANUP_LIMIT`] in all, and goes in
//! dependency order: servers, ports, routers (their interfaces first), networks (with their
//! subnets), security groups and key pairs; meanwhile backups, then volumes; and secrets.
//!
//! ```no_run
//! # async fn demo(source: scs_testkit::openstack::OpenStackSource) -> Result<(), scs_testkit::openstack::ApiError> {
//! use scs_testkit::openstack::cleanup::{find_leftovers, remove_leftovers};
//! let leftovers = find_leftovers(&source).await?;
//! for leftover in &leftovers {
//!     println!("{leftover}");
//! }
//! let report = remove_leftovers(&source, &leftovers).await;
//! assert!(report.failed.is_empty(), "{report}");
//! # Ok(()) }
//! ```

use std::fmt;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use scs_standards::volume_backup::{BackupStatus, PollSchedule, VolumeStatus};

pub use super::backup::CLEANUP_LIMIT;
use super::backup::{BACKUP_PROBE_PREFIX, cinder_base, error_message, pause};
use super::http::ApiError;
use super::source::{OpenStackSource, PROBE_GROUP_PREFIX, PROBE_SECRET_PREFIX};
use super::vm::PROBE_VM_PREFIX;
use crate::Fact;

/// The prefixes of every resource this tool's probes create: scs-0101's VM (server, network,
/// subnet, router, port, security group, key pair), scs-0115's security group, scs-0116's
/// secret, scs-0117's volumes and backup.
///
/// ```
/// use scs_testkit::openstack::cleanup::{PREFIXES, is_ours};
/// assert_eq!(PREFIXES.len(), 4);
/// assert!(is_ours("scs-0117-probe-1f2e-volume"));
/// assert!(!is_ours("scs-0117-probe")); // the prefix alone is not a probe's name
/// assert!(!is_ours("my-scs-0117-probe-x"));
/// assert!(!is_ours("SCS-0117-PROBE-x"));
/// ```
pub const PREFIXES: [&str; 4] = {
    let mut prefixes = [""; 4];
    let mut i = 0;
    while i < PROBES.len() {
        prefixes[i] = PROBES[i].0;
        i += 1;
    }
    prefixes
};

/// Each probe's prefix and the kinds of resource that probe creates, so that removing one
/// probe's resources lists only the services it used ([`kinds_of`]).
const PROBES: [(&str, &[LeftoverKind]); 4] = {
    use LeftoverKind::*;
    [
        (
            PROBE_VM_PREFIX,
            &[Server, Port, Router, Network, SecurityGroup, Keypair],
        ),
        (PROBE_GROUP_PREFIX, &[SecurityGroup]),
        (PROBE_SECRET_PREFIX, &[Secret]),
        (BACKUP_PROBE_PREFIX, &[Backup, Volume]),
    ]
};

/// Whether `name` is one of the probes' names: one of [`PREFIXES`] followed by something.
///
/// See [`PREFIXES`] for an example.
pub fn is_ours(name: &str) -> bool {
    PREFIXES
        .iter()
        .any(|p| name.len() > p.len() && name.starts_with(p))
}

/// The kinds of resources the probes create, in the order they are removed.
///
/// ```
/// assert_eq!(scs_testkit::openstack::cleanup::LeftoverKind::SecurityGroup.to_string(), "security group");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftoverKind {
    /// A Nova server.
    Server,
    /// A Neutron port.
    Port,
    /// A Neutron router.
    Router,
    /// A Neutron network (its subnets go with it).
    Network,
    /// A Neutron security group.
    SecurityGroup,
    /// A Nova key pair.
    Keypair,
    /// A Cinder backup.
    Backup,
    /// A Cinder volume.
    Volume,
    /// A Barbican secret.
    Secret,
}

impl LeftoverKind {
    /// Every kind, in removal order.
    pub const ALL: [LeftoverKind; 9] = [
        LeftoverKind::Server,
        LeftoverKind::Port,
        LeftoverKind::Router,
        LeftoverKind::Network,
        LeftoverKind::SecurityGroup,
        LeftoverKind::Keypair,
        LeftoverKind::Backup,
        LeftoverKind::Volume,
        LeftoverKind::Secret,
    ];

    /// The name in messages.
    ///
    /// ```
    /// assert_eq!(scs_testkit::openstack::cleanup::LeftoverKind::Backup.as_str(), "backup");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            LeftoverKind::Server => "server",
            LeftoverKind::Port => "port",
            LeftoverKind::Router => "router",
            LeftoverKind::Network => "network",
            LeftoverKind::SecurityGroup => "security group",
            LeftoverKind::Keypair => "key pair",
            LeftoverKind::Backup => "backup",
            LeftoverKind::Volume => "volume",
            LeftoverKind::Secret => "secret",
        }
    }
}

impl fmt::Display for LeftoverKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One resource a probe left behind.
///
/// ```
/// use scs_testkit::openstack::cleanup::{LeftoverKind, Leftover};
/// let l = Leftover { kind: LeftoverKind::Volume, id: "8c1f".into(), name: "scs-0117-probe-x-volume".into(), status: Some("available".into()), created_at: None };
/// assert_eq!(l.to_string(), "volume scs-0117-probe-x-volume (8c1f, available)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// What it is.
    pub kind: LeftoverKind,
    /// Its id (a key pair's is its name).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its status, where the service has one.
    pub status: Option<String>,
    /// When it was created, as the service says.
    pub created_at: Option<String>,
}

impl fmt::Display for Leftover {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({}", self.kind, self.name, self.id)?;
        if let Some(status) = &self.status {
            write!(f, ", {status}")?;
        }
        f.write_str(")")
    }
}

/// What [`remove_leftovers`] did.
///
/// ```
/// let report = scs_testkit::openstack::cleanup::CleanupReport::default();
/// assert!(report.is_clean());
/// assert_eq!(report.to_string(), "nothing to remove");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanupReport {
    /// Removed (gone, as the service says).
    pub removed: Vec<Leftover>,
    /// Not removed, with the reason.
    pub failed: Vec<(Leftover, String)>,
    /// What could not be looked at (a listing that failed), in [`remove_named`].
    pub problems: Vec<String>,
}

impl CleanupReport {
    /// Nothing failed.
    ///
    /// See [`CleanupReport`] for an example.
    pub fn is_clean(&self) -> bool {
        self.failed.is_empty() && self.problems.is_empty()
    }
}

impl fmt::Display for CleanupReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.removed.is_empty() && self.is_clean() {
            return f.write_str("nothing to remove");
        }
        let mut parts: Vec<String> = self
            .removed
            .iter()
            .map(|l| format!("removed {l}"))
            .collect();
        parts.extend(
            self.failed
                .iter()
                .map(|(l, why)| format!("could not remove {l}: {why}")),
        );
        parts.extend(self.problems.iter().cloned());
        f.write_str(&parts.join("; "))
    }
}

/// The services' base URLs (`None`: not in the catalog).
struct Bases {
    compute: Option<String>,
    cinder: Option<String>,
    network: Option<String>,
    key_manager: Option<String>,
}

impl Bases {
    fn of(source: &OpenStackSource) -> Bases {
        let url = |types: &[&str]| source.endpoint(Fact::VolumeBackup, types).ok().map(|e| e.1);
        Bases {
            compute: url(&["compute"]),
            cinder: cinder_base(source, Fact::VolumeBackup).ok(),
            network: url(&["network"]).map(|u| {
                if u.ends_with("/v2.0") {
                    u
                } else {
                    format!("{u}/v2.0")
                }
            }),
            key_manager: url(&["key-manager"]).map(|u| {
                if u.ends_with("/v1") {
                    u
                } else {
                    format!("{u}/v1")
                }
            }),
        }
    }

    /// The service and the URL of `kind`'s collection.
    fn collection(&self, kind: LeftoverKind) -> Option<(&'static str, String)> {
        let (service, base, path) = match kind {
            LeftoverKind::Server => ("compute", &self.compute, "servers"),
            LeftoverKind::Keypair => ("compute", &self.compute, "os-keypairs"),
            LeftoverKind::Port => ("network", &self.network, "ports"),
            LeftoverKind::Router => ("network", &self.network, "routers"),
            LeftoverKind::Network => ("network", &self.network, "networks"),
            LeftoverKind::SecurityGroup => ("network", &self.network, "security-groups"),
            LeftoverKind::Backup => ("block-storage", &self.cinder, "backups"),
            LeftoverKind::Volume => ("block-storage", &self.cinder, "volumes"),
            LeftoverKind::Secret => ("key-manager", &self.key_manager, "secrets"),
        };
        base.as_ref().map(|b| (service, format!("{b}/{path}")))
    }
}

/// Cinder lists backups' `user_id` from microversion 3.56 on.
const CINDER_356: [(&str, &str); 1] = [("OpenStack-API-Version", "volume 3.56")];

fn text<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key).and_then(Value::as_str)
}

/// Every page of a listing (the next page from `*_links` or `next`).
async fn list_all(
    source: &OpenStackSource,
    service: &'static str,
    first: String,
    key: &str,
    headers: &[(&str, &str)],
) -> Result<Vec<Value>, ApiError> {
    let mut items = Vec::new();
    let mut url = Some(first);
    let mut pages = 0;
    while let Some(current) = url.take() {
        pages += 1;
        let body = source.http().get_json(service, &current, headers).await?;
        let Some(page) = body.get(key).and_then(Value::as_array) else {
            return Err(ApiError {
                cloud: source.cloud().to_owned(),
                service,
                method: "GET",
                url: current,
                status: None,
                message: format!("the answer has no `{key}` list"),
            });
        };
        if page.is_empty() || pages > 1000 {
            break;
        }
        items.extend(page.iter().cloned());
        let links = format!("{key}_links");
        url = body
            .get(&links)
            .and_then(Value::as_array)
            .and_then(|l| {
                l.iter()
                    .find(|l| text(l, "rel") == Some("next"))
                    .and_then(|l| text(l, "href"))
            })
            .or_else(|| text(&body, "next"))
            .map(str::to_owned)
            .filter(|n| *n != current);
    }
    Ok(items)
}

/// The leftovers of one kind.
async fn find_kind(
    source: &OpenStackSource,
    bases: &Bases,
    kind: LeftoverKind,
) -> Result<Vec<Leftover>, ApiError> {
    let Some((service, collection)) = bases.collection(kind) else {
        return Ok(Vec::new());
    };
    let me = source.user_id();
    let project = source.project_id();
    let (url, key, headers): (String, &str, &[(&str, &str)]) = match kind {
        LeftoverKind::Server => (format!("{collection}/detail?limit=100"), "servers", &[]),
        LeftoverKind::Volume => (format!("{collection}/detail?limit=100"), "volumes", &[]),
        LeftoverKind::Backup => (
            format!("{collection}/detail?limit=100"),
            "backups",
            &CINDER_356,
        ),
        LeftoverKind::Keypair => (collection, "keypairs", &[]),
        LeftoverKind::Secret => (format!("{collection}?limit=100"), "secrets", &[]),
        LeftoverKind::Port => (format!("{collection}?project_id={project}"), "ports", &[]),
        LeftoverKind::Router => (format!("{collection}?project_id={project}"), "routers", &[]),
        LeftoverKind::Network => (
            format!("{collection}?project_id={project}"),
            "networks",
            &[],
        ),
        LeftoverKind::SecurityGroup => (
            format!("{collection}?project_id={project}"),
            "security_groups",
            &[],
        ),
    };
    let items = list_all(source, service, url, key, headers).await?;
    Ok(items
        .iter()
        .filter_map(|item| {
            // Nova wraps each key pair in `keypair`.
            let item = if kind == LeftoverKind::Keypair {
                item.get("keypair")?
            } else {
                item
            };
            let name = text(item, "name")?;
            if !is_ours(name) {
                return None;
            }
            let owner = match kind {
                LeftoverKind::Server | LeftoverKind::Volume | LeftoverKind::Backup => {
                    text(item, "user_id")
                }
                LeftoverKind::Secret => text(item, "creator_id"),
                _ => None,
            };
            if owner.is_some_and(|o| o != me) {
                return None;
            }
            let id = match kind {
                LeftoverKind::Keypair => name,
                LeftoverKind::Secret => text(item, "secret_ref")?.rsplit('/').next()?,
                _ => text(item, "id")?,
            };
            Some(Leftover {
                kind,
                id: id.to_owned(),
                name: name.to_owned(),
                status: text(item, "status").map(str::to_owned),
                created_at: text(item, "created_at")
                    .or_else(|| text(item, "created"))
                    .map(str::to_owned),
            })
        })
        .collect())
}

/// The resources named like a probe's ([`is_ours`]) that the user owns, of every service in the
/// catalog, in removal order. An error names the listing that failed.
///
/// See the [module](self) for an example.
pub async fn find_leftovers(source: &OpenStackSource) -> Result<Vec<Leftover>, ApiError> {
    find_kinds(source, &LeftoverKind::ALL).await
}

/// The leftovers of `kinds`, in the order of `kinds`.
async fn find_kinds(
    source: &OpenStackSource,
    kinds: &[LeftoverKind],
) -> Result<Vec<Leftover>, ApiError> {
    let bases = Bases::of(source);
    let mut all = Vec::new();
    for &kind in kinds {
        all.extend(find_kind(source, &bases, kind).await?);
    }
    Ok(all)
}

/// The kinds of resource the probe of `name` creates (by its prefix, see [`PROBES`]); every
/// kind for a name of no probe.
fn kinds_of(name: &str) -> &'static [LeftoverKind] {
    PROBES
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map_or(&LeftoverKind::ALL, |(_, kinds)| kinds)
}

/// How a DELETE of one resource went.
enum Gone {
    Yes,
    No(String),
    /// Still refused (400, 409: in use, or not in a state to be deleted) when the time to wait
    /// for that ran out; [`remove_named`] tries it again after looking for what uses it.
    Refused(String),
}

/// When to stop waiting: for the whole removal, and, where [`remove_named`] looks again for
/// what keeps it in use, for a resource whose DELETE is refused (`None`: until the deadline).
#[derive(Clone, Copy)]
struct Limits {
    deadline: Instant,
    refused: Option<Instant>,
}

/// The status of the resource at `url`: `Ok(None)` when it is gone.
async fn status_of(
    source: &OpenStackSource,
    service: &'static str,
    url: &str,
    key: &str,
) -> Result<Option<String>, String> {
    match source
        .http()
        .send(service, Method::GET, url, None, &[])
        .await
    {
        Ok(a) if a.status == StatusCode::NOT_FOUND => Ok(None),
        Ok(a) if a.status.is_success() => Ok(Some(
            a.body
                .get(key)
                .and_then(|o| text(o, "status"))
                .unwrap_or("")
                .to_owned(),
        )),
        Ok(a) => Err(format!(
            "GET {url}: HTTP {}: {}",
            a.status.as_u16(),
            error_message(&a.body)
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// Whether a resource of `kind` in `status` may be deleted now; `Err` when it never will be.
fn deletable(kind: LeftoverKind, status: &str) -> Result<bool, String> {
    match kind {
        LeftoverKind::Volume => match status.parse::<VolumeStatus>() {
            Ok(VolumeStatus::ErrorDeleting) => Err("its deletion failed (error_deleting)".into()),
            Ok(s) => Ok(s.is_deletable()),
            Err(_) => Ok(false),
        },
        LeftoverKind::Backup => match status.parse::<BackupStatus>() {
            Ok(BackupStatus::ErrorDeleting) => Err("its deletion failed (error_deleting)".into()),
            Ok(s) => Ok(s.is_deletable()),
            Err(_) => Ok(false),
        },
        _ => Ok(true),
    }
}

/// Removes one leftover, waiting as needed until `deadline`.
async fn remove_one(
    source: &OpenStackSource,
    bases: &Bases,
    leftover: &Leftover,
    limits: Limits,
) -> Gone {
    let deadline = limits.deadline;
    let Some((service, collection)) = bases.collection(leftover.kind) else {
        return Gone::No("the service is not in the catalog".into());
    };
    let url = format!("{collection}/{}", leftover.id);
    let key = match leftover.kind {
        LeftoverKind::Server => "server",
        LeftoverKind::Volume => "volume",
        LeftoverKind::Backup => "backup",
        _ => "",
    };
    let schedule = PollSchedule::default();
    let mut n = 0;
    let mut last = String::new();
    // Wait until it may be deleted, then delete; a refusal for its state (400, 409) is waited
    // out the same way.
    loop {
        let status = match status_of(source, service, &url, key).await {
            Ok(None) => return Gone::Yes,
            Ok(Some(status)) => Some(status),
            Err(e) => {
                last = e;
                None
            }
        };
        if let Some(status) = status {
            match deletable(leftover.kind, &status) {
                Err(why) => return Gone::No(why),
                Ok(true) => {
                    let freed = match leftover.kind {
                        LeftoverKind::Router => detach_router(source, bases, &leftover.id).await,
                        LeftoverKind::Network => release_network(source, bases, &leftover.id).await,
                        _ => Ok(()),
                    };
                    if let Err(e) = freed {
                        last = e;
                    } else {
                        match source
                            .http()
                            .send(service, Method::DELETE, &url, None, &[])
                            .await
                        {
                            Ok(a) if a.status.is_success() => break,
                            // Gone already, or not deletable at all: Cinder without a running
                            // cinder-backup answers 404 "Service cinder-backup could not be
                            // found" for a backup it still lists. Waiting would not help.
                            Ok(a) if a.status == StatusCode::NOT_FOUND => {
                                let why =
                                    format!("DELETE answered 404: {}", error_message(&a.body));
                                return match status_of(source, service, &url, key).await {
                                    Ok(None) => Gone::Yes,
                                    _ => Gone::No(format!("{why}, but it is still there")),
                                };
                            }
                            Ok(a) if matches!(a.status.as_u16(), 400 | 409) => {
                                last = format!(
                                    "DELETE answered {}: {}",
                                    a.status.as_u16(),
                                    error_message(&a.body)
                                );
                                if limits.refused.is_some_and(|at| Instant::now() >= at) {
                                    return Gone::Refused(last);
                                }
                            }
                            Ok(a) => {
                                return Gone::No(format!(
                                    "DELETE answered {}: {}",
                                    a.status.as_u16(),
                                    error_message(&a.body)
                                ));
                            }
                            Err(e) => last = e.to_string(),
                        }
                    }
                }
                Ok(false) => last = format!("status {status}"),
            }
        }
        if !pause(n, &schedule, deadline).await {
            return Gone::No(format!("not deletable within the time limit ({last})"));
        }
        n += 1;
    }
    // Wait until it is gone.
    let mut n = 0;
    loop {
        match status_of(source, service, &url, key).await {
            Ok(None) => return Gone::Yes,
            Ok(Some(s)) if s == "DELETED" || s == "deleted" => return Gone::Yes,
            Ok(Some(s)) if s.starts_with("error") => {
                return Gone::No(format!("its deletion failed (status {s})"));
            }
            Ok(Some(s)) => last = format!("status {s}"),
            Err(e) => last = e,
        }
        if !pause(n, &schedule, deadline).await {
            return Gone::No(format!("still there after the time limit ({last})"));
        }
        n += 1;
    }
}

/// The id and `device_owner` of the ports that `filter` (`device_id=…`, `network_id=…`)
/// selects, from Neutron at `network`.
async fn ports(
    source: &OpenStackSource,
    network: &str,
    filter: &str,
) -> Result<Vec<(String, String)>, String> {
    let ports = list_all(
        source,
        "network",
        format!("{network}/ports?{filter}"),
        "ports",
        &[],
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(ports
        .iter()
        .filter_map(|port| {
            let id = text(port, "id")?;
            let owner = text(port, "device_owner").unwrap_or("");
            Some((id.to_owned(), owner.to_owned()))
        })
        .collect())
}

/// Removes a router's interfaces (its gateway goes with the router).
async fn detach_router(source: &OpenStackSource, bases: &Bases, id: &str) -> Result<(), String> {
    let Some(network) = &bases.network else {
        return Ok(());
    };
    for (port_id, owner) in ports(source, network, &format!("device_id={id}")).await? {
        if owner.starts_with("network:router_interface") {
            let url = format!("{network}/routers/{id}/remove_router_interface");
            let body = json!({"port_id": port_id});
            match source
                .http()
                .send("network", Method::PUT, &url, Some(&body), &[])
                .await
            {
                Ok(a) if a.status.is_success() || a.status == StatusCode::NOT_FOUND => {}
                Ok(a) => {
                    return Err(format!(
                        "PUT {url}: HTTP {}: {}",
                        a.status.as_u16(),
                        error_message(&a.body)
                    ));
                }
                Err(e) => return Err(e.to_string()),
            }
        }
    }
    Ok(())
}

/// Deletes, where Neutron lets the user, the ports on a probe's network that keep it in use and
/// that Neutron does not remove with it: a server's port (`compute:*`) left by a failed boot, or
/// a port without an owner. Neutron's own ports (DHCP, router interfaces) are left to Neutron and
/// to [`detach_router`].
async fn release_network(source: &OpenStackSource, bases: &Bases, id: &str) -> Result<(), String> {
    let Some(network) = &bases.network else {
        return Ok(());
    };
    for (port_id, owner) in ports(source, network, &format!("network_id={id}")).await? {
        if owner.is_empty() || owner.starts_with("compute:") {
            // A refusal is not the end: Neutron lets only an admin delete the port of a server
            // that still exists; deleting that server (in a later round) removes the port.
            let _ = source
                .http()
                .delete_if_present("network", &format!("{network}/ports/{port_id}"))
                .await;
        }
    }
    Ok(())
}

/// Removes `leftovers` (as [`find_leftovers`] lists them), each waited for until it is gone,
/// within [`CLEANUP_LIMIT`]; says what was removed and what not, and why.
///
/// See the [module](self) for an example.
pub async fn remove_leftovers(source: &OpenStackSource, leftovers: &[Leftover]) -> CleanupReport {
    let limits = Limits {
        deadline: Instant::now() + CLEANUP_LIMIT,
        refused: None,
    };
    // Without `limits.refused` nothing comes back refused.
    remove_until(source, leftovers, limits).await.0
}

/// Removes `leftovers` in dependency order; also returns those still refused at
/// `limits.refused`, with the last refusal (none when it is `None`).
async fn remove_until(
    source: &OpenStackSource,
    leftovers: &[Leftover],
    limits: Limits,
) -> (CleanupReport, Vec<(Leftover, String)>) {
    let bases = Bases::of(source);
    let mut sorted: Vec<&Leftover> = leftovers.iter().collect();
    sorted.sort_by_key(|l| l.kind);
    // Three independent chains: compute and network, block storage, key manager.
    let chain = |kinds: &'static [LeftoverKind]| {
        let items: Vec<&Leftover> = sorted
            .iter()
            .copied()
            .filter(|l| kinds.contains(&l.kind))
            .collect();
        let bases = &bases;
        async move {
            let mut done = Vec::new();
            for leftover in items {
                done.push((
                    leftover.clone(),
                    remove_one(source, bases, leftover, limits).await,
                ));
            }
            done
        }
    };
    let (a, b, c) = tokio::join!(
        chain(&[
            LeftoverKind::Server,
            LeftoverKind::Port,
            LeftoverKind::Router,
            LeftoverKind::Network,
            LeftoverKind::SecurityGroup,
            LeftoverKind::Keypair
        ]),
        chain(&[LeftoverKind::Backup, LeftoverKind::Volume]),
        chain(&[LeftoverKind::Secret]),
    );
    let mut report = CleanupReport::default();
    let mut refused = Vec::new();
    for (leftover, gone) in a.into_iter().chain(b).chain(c) {
        match gone {
            Gone::Yes => report.removed.push(leftover),
            Gone::No(why) => report.failed.push((leftover, why)),
            Gone::Refused(why) => refused.push((leftover, why)),
        }
    }
    (report, refused)
}

/// Removes every leftover whose name starts with one of `names` (a probe run's own name, such
/// as `scs-0117-probe-<uuid>`), in rounds: a resource whose creation was under way when a run
/// was interrupted appears only a moment later (Nova lists a server once its `POST` is done),
/// and until then what it uses cannot be deleted (its port keeps the network in use).
///
/// Each round lists the leftovers and removes the new ones and those refused before, in
/// dependency order. A DELETE still refused (400, 409) after 10 s is tried again in the next
/// round, 2 s later. The rounds end when a round after the first finds nothing left, or
/// nothing new (then what is still refused is waited for until [`CLEANUP_LIMIT`]), and after
/// six rounds.
///
/// ```no_run
/// # async fn demo(source: scs_testkit::openstack::OpenStackSource) {
/// let report = scs_testkit::openstack::cleanup::remove_named(&source, &["scs-0101-probe-3f2a"]).await;
/// assert!(report.is_clean(), "{report}");
/// # }
/// ```
pub async fn remove_named(source: &OpenStackSource, names: &[&str]) -> CleanupReport {
    remove_named_within(source, names, Duration::from_secs(10)).await
}

/// [`remove_named`], a refused DELETE tried again for `refusals_for` in each round.
async fn remove_named_within(
    source: &OpenStackSource,
    names: &[&str],
    refusals_for: Duration,
) -> CleanupReport {
    const ROUNDS: u32 = 6;
    let kinds: Vec<LeftoverKind> = LeftoverKind::ALL
        .into_iter()
        .filter(|k| names.iter().any(|n| kinds_of(n).contains(k)))
        .collect();
    let deadline = Instant::now() + CLEANUP_LIMIT;
    let mut report = CleanupReport::default();
    let mut refused: Vec<(Leftover, String)> = Vec::new();
    let same = |a: &Leftover, b: &Leftover| a.kind == b.kind && a.id == b.id;
    for round in 0..ROUNDS {
        if round > 0 {
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
        let found = match find_kinds(source, &kinds).await {
            Ok(found) => found,
            Err(e) => {
                report.problems.push(format!(
                    "could not look for the leftovers of {}: {e}",
                    names.join(", ")
                ));
                break;
            }
        };
        let mine: Vec<Leftover> = found
            .into_iter()
            .filter(|l| names.iter().any(|n| l.name.starts_with(n)))
            .filter(|l| {
                !report.failed.iter().any(|(f, _)| same(f, l))
                    && !report.removed.iter().any(|r| same(r, l))
            })
            .collect();
        // Refused before and not listed any more: gone meanwhile.
        let (listed, gone): (Vec<_>, Vec<_>) = std::mem::take(&mut refused)
            .into_iter()
            .partition(|(r, _)| mine.iter().any(|l| same(l, r)));
        report.removed.extend(gone.into_iter().map(|(l, _)| l));
        // The first look's empty answer may come before a creation under way.
        if round > 0 && mine.is_empty() {
            break;
        }
        // Nothing new: what is still refused gets one last try, waited for until the limit.
        let new = mine.iter().any(|l| !listed.iter().any(|(r, _)| same(r, l)));
        let last = round + 1 == ROUNDS || (round > 0 && !new);
        let limits = Limits {
            deadline,
            refused: (!last).then(|| deadline.min(Instant::now() + refusals_for)),
        };
        let (done, still) = remove_until(source, &mine, limits).await;
        report.removed.extend(done.removed);
        report.failed.extend(done.failed);
        refused = still;
        if last || Instant::now() >= deadline {
            break;
        }
    }
    report.failed.extend(refused);
    report
}

#[cfg(test)]
mod tests {
    use super::super::fake::{Fake, Rule};
    use super::*;

    /// A probe's run lists only what that probe creates; a name of no probe lists everything.
    #[test]
    fn each_probe_lists_only_its_own_kinds() {
        use LeftoverKind::*;
        assert_eq!(
            kinds_of("scs-0101-probe-1f2e"),
            [Server, Port, Router, Network, SecurityGroup, Keypair]
        );
        assert_eq!(kinds_of("scs-0115-probe-1f2e"), [SecurityGroup]);
        assert_eq!(kinds_of("scs-0116-probe-1f2e"), [Secret]);
        assert_eq!(kinds_of("scs-0117-probe-1f2e"), [Backup, Volume]);
        assert_eq!(kinds_of("something-else"), LeftoverKind::ALL);
        assert_eq!(PREFIXES.map(|p| kinds_of(p).len()), [6, 1, 1, 2]);
    }

    #[test]
    fn only_probe_names_are_ours() {
        for name in [
            "scs-0101-probe-a",
            "scs-0115-probe-1",
            "scs-0116-probe-x",
            "scs-0117-probe-u-volume",
        ] {
            assert!(is_ours(name), "{name}");
        }
        for name in [
            "",
            "scs-0117-probe-",
            "scs-0117-probe",
            "scs-0117-prob-x",
            "xscs-0117-probe-x",
            "Scs-0117-probe-x",
            "scs-0118-probe-x",
            "scs-smoke-1-vol",
        ] {
            assert!(!is_ours(name), "{name}");
        }
    }

    /// Listing keeps only the user's resources with a probe's name; removal detaches the
    /// router first, deletes the backup before the volume, and looks at each until it is gone. A fake, because the point is
    /// the requests' order and filters, which the live tests cannot observe.
    #[tokio::test]
    async fn finds_only_ours_and_removes_in_order() {
        let fake = Fake::start(vec![
            ("GET", "/volumev3/v3/p1/volumes/detail", 200, r#"{"volumes": [
                {"id": "v1", "name": "scs-0117-probe-a-volume", "status": "available", "user_id": "u1"},
                {"id": "v2", "name": "scs-0117-probe-b-volume", "status": "available", "user_id": "someone-else"},
                {"id": "v3", "name": "data", "status": "available", "user_id": "u1"}]}"#.into()),
            ("GET", "/volumev3/v3/p1/backups/detail", 200, r#"{"backups": [
                {"id": "b1", "name": "scs-0117-probe-a-backup", "status": "available", "user_id": "u1"}]}"#.into()),
            ("GET", "/network/v2.0/routers?project_id=p1", 200, r#"{"routers": [
                {"id": "r1", "name": "scs-0101-probe-c-router", "status": "ACTIVE"},
                {"id": "r2", "name": "scs-0101-probe", "status": "ACTIVE"}]}"#.into()),
            ("GET", "/network/v2.0/ports?device_id=r1", 200, r#"{"ports": [
                {"id": "p9", "device_owner": "network:router_interface"},
                {"id": "p8", "device_owner": "network:router_gateway"}]}"#.into()),
            ("GET", "/network/v2.0/", 200, r#"{"networks": [], "ports": [], "security_groups": []}"#.into()),
            ("PUT", "/network/v2.0/routers/r1/remove_router_interface", 200, "{}".into()),
            ("GET", "/volumev3/v3/p1/backups/b1", 200, r#"{"backup": {"status": "available"}}"#.into()),
            ("GET", "/volumev3/v3/p1/volumes/v1", 200, r#"{"volume": {"status": "available"}}"#.into()),
            ("DELETE", "/", 204, String::new()),
        ]);
        let source = OpenStackSource::for_test(&fake.base, &["volumev3", "network"]);
        let found = find_leftovers(&source).await.unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|l| format!("{} {}", l.kind, l.id))
            .collect();
        assert_eq!(names, ["router r1", "backup b1", "volume v1"]);
        let report = remove_leftovers(&source, &found).await;
        assert_eq!(report.removed, found, "{report}");
        assert!(report.is_clean(), "{report}");
        let seen = fake.seen();
        let at = |request: &str| {
            seen.iter()
                .position(|r| r == request)
                .unwrap_or_else(|| panic!("{request} not in {seen:?}"))
        };
        assert!(
            at("PUT /network/v2.0/routers/r1/remove_router_interface")
                < at("DELETE /network/v2.0/routers/r1")
        );
        assert!(at("DELETE /volumev3/v3/p1/backups/b1") < at("DELETE /volumev3/v3/p1/volumes/v1"));
        // Each was looked at again after its DELETE, until it was gone.
        assert!(at("DELETE /volumev3/v3/p1/volumes/v1") < seen.len() - 1);
        assert!(!seen.iter().any(|r| r.contains("p8")), "{seen:?}");
    }

    /// A run interrupted while Nova was still creating the probe's server (what failed CI once):
    /// at the first look the server is not listed yet, and its port keeps the network in use
    /// (409) and may not be deleted by the user (403, as Neutron answers a member). The network
    /// is tried again in the next round, after the server, which is listed by then. Neutron's
    /// DHCP port and another run's network are left alone. A fake, because the loopback cloud
    /// cannot be made to answer in this order on purpose (`tests/live_entropy_vm.rs` interrupts
    /// real runs, where it happens now and then); the refusals are waited for 2 s, not 10.
    #[tokio::test]
    async fn a_network_in_use_by_a_server_still_being_created_is_removed_after_it() {
        let in_use: Rule = (
            "DELETE",
            "/network/v2.0/networks/n1",
            409,
            r#"{"NeutronError": {"message": "Unable to complete operation on network n1. There are one or more ports still in use on the network."}}"#.into(),
        );
        let fake = Fake::start_with_once(
            vec![
                (
                    "GET",
                    "/compute/servers/detail",
                    200,
                    r#"{"servers": []}"#.into(),
                ),
                in_use.clone(),
                in_use.clone(),
                in_use,
            ],
            vec![
                (
                    "GET",
                    "/compute/servers/detail",
                    200,
                    r#"{"servers": [
                    {"id": "s1", "name": "scs-0101-probe-x", "status": "BUILD", "user_id": "u1"}]}"#
                        .into(),
                ),
                (
                    "GET",
                    "/compute/servers/s1",
                    200,
                    r#"{"server": {"status": "BUILD"}}"#.into(),
                ),
                (
                    "GET",
                    "/compute/os-keypairs",
                    200,
                    r#"{"keypairs": []}"#.into(),
                ),
                (
                    "GET",
                    "/network/v2.0/networks?project_id=p1",
                    200,
                    r#"{"networks": [
                    {"id": "n1", "name": "scs-0101-probe-x", "status": "ACTIVE"},
                    {"id": "n2", "name": "scs-0101-probe-other", "status": "ACTIVE"}]}"#
                        .into(),
                ),
                (
                    "GET",
                    "/network/v2.0/networks/n1",
                    200,
                    r#"{"network": {"status": "ACTIVE"}}"#.into(),
                ),
                (
                    "GET",
                    "/network/v2.0/ports?network_id=n1",
                    200,
                    r#"{"ports": [
                    {"id": "q1", "device_owner": "compute:nova"},
                    {"id": "q2", "device_owner": "network:dhcp"}]}"#
                        .into(),
                ),
                (
                    "GET",
                    "/network/v2.0/",
                    200,
                    r#"{"ports": [], "routers": [], "security_groups": []}"#.into(),
                ),
                (
                    "DELETE",
                    "/network/v2.0/ports/q1",
                    403,
                    r#"{"NeutronError": {"message": "rule:delete_port is disallowed by policy"}}"#
                        .into(),
                ),
                ("DELETE", "/", 204, String::new()),
            ],
        );
        let source = OpenStackSource::for_test(&fake.base, &["compute", "network"]);
        let report =
            remove_named_within(&source, &["scs-0101-probe-x"], Duration::from_secs(2)).await;
        assert!(report.is_clean(), "{report}");
        let removed: Vec<String> = report
            .removed
            .iter()
            .map(|l| format!("{} {}", l.kind, l.id))
            .collect();
        assert_eq!(removed, ["server s1", "network n1"], "{report}");
        let seen = fake.seen();
        let at = |request: &str| -> Vec<usize> {
            seen.iter()
                .enumerate()
                .filter(|(_, r)| *r == request)
                .map(|(i, _)| i)
                .collect()
        };
        let network = at("DELETE /network/v2.0/networks/n1");
        let server = at("DELETE /compute/servers/s1");
        assert_eq!(server.len(), 1, "{seen:?}");
        assert!(network.len() >= 2, "refused, then deleted: {seen:?}");
        assert!(
            network[0] < server[0] && server[0] < network[network.len() - 1],
            "the network is refused before the server is known, deleted after it: {seen:?}"
        );
        assert!(!at("DELETE /network/v2.0/ports/q1").is_empty(), "{seen:?}");
        assert!(
            !seen.iter().any(|r| r.contains("q2") || r.contains("n2")),
            "{seen:?}"
        );
    }

    /// The key manager's probe secrets (scs-0116): found by name and creator, other users' and
    /// other names left alone, removed and looked at until gone. A fake, so that this runs
    /// without a cloud; `tests/live_backup.rs` plants such secrets in the loopback cloud's
    /// Barbican.
    #[tokio::test]
    async fn finds_and_removes_the_key_managers_probe_secrets() {
        let fake = Fake::start(vec![
            (
                "GET",
                "/key-manager/v1/secrets",
                200,
                r#"{"total": 3, "secrets": [
                {"name": "scs-0116-probe-1b2c", "creator_id": "u1", "status": "ACTIVE",
                 "secret_ref": "http://km/v1/secrets/s1"},
                {"name": "scs-0116-probe-3d4e", "creator_id": "someone-else", "status": "ACTIVE",
                 "secret_ref": "http://km/v1/secrets/s2"},
                {"name": "db-password", "creator_id": "u1", "status": "ACTIVE",
                 "secret_ref": "http://km/v1/secrets/s3"}]}"#
                    .into(),
            ),
            ("DELETE", "/", 204, String::new()),
        ]);
        let source = OpenStackSource::for_test(&fake.base, &["key-manager"]);
        let found = find_leftovers(&source).await.unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|l| format!("{} {} {}", l.kind, l.id, l.name))
            .collect();
        assert_eq!(names, ["secret s1 scs-0116-probe-1b2c"]);
        let report = remove_leftovers(&source, &found).await;
        assert_eq!(report.removed, found, "{report}");
        assert!(report.is_clean(), "{report}");
        let seen = fake.seen();
        assert!(
            seen.contains(&"DELETE /key-manager/v1/secrets/s1".to_owned()),
            "{seen:?}"
        );
        assert!(
            !seen.iter().any(|r| r.contains("s2") || r.contains("s3")),
            "{seen:?}"
        );
    }
}
