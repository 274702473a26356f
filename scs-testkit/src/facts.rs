//! The fact schema: one table of what a cloud source provides, from which everything else that
//! names the facts is generated.
//!
//! A *fact* is something testcases ask a cloud about: its flavors, images, volume types,
//! default security-group rules, token catalog and roles, and the results of *probes*, which
//! only a live cloud can run (they create something and look at it). The table below,
//! [`facts!`](self#the-table), lists each fact once, with its key, its type, how the snapshot
//! file stores it and whether a cloud may lack it. From that one line follow:
//!
//! | generated | what it is |
//! | --- | --- |
//! | [`Fact`] | the enum naming the facts in errors, with their snapshot keys ([`Fact::key`]) |
//! | [`CloudSource`] | one method per fact; probes default to "needs a live cloud" |
//! | [`Context`]'s accessors | memoized: each fact is fetched at most once per run |
//! | [`Snapshot`] and [`Probes`] | the snapshot file (serde both ways; errors name key and item) |
//! | [`SnapshotSource`]'s answers | what a snapshot says, or why it cannot |
//! | [`record`](crate::record::record) | fetches every fact, and each probe where it applies |
//!
//! What stays hand-written per fact is what cannot be generated: the live fetcher
//! (`OpenStackSource` in module `openstack`, feature `openstack`) and the validators in
//! `scs_standards` that judge the fact.
//!
//! # The table
//!
//! ```text
//! facts {
//!     Flavors flavors: required Vec<CloudFlavor> = list;
//!     ...
//!     DefaultSecurityGroupRules default_security_group_rules: optional Vec<DefaultSecurityGroupRule> = list;
//! }
//! probes {
//!     SwiftS3 swift_s3: SwiftS3Probe = object, when has_object_store;
//!     ...
//! }
//! ```
//!
//! Each line: the [`Fact`] variant, the method and snapshot key, then
//!
//! - for facts, `required` (a snapshot without the key cannot answer: the testcases needing it
//!   ABORT) or `optional` (the cloud may lack the API; a missing key or `null` is the answer
//!   "none", and [`CloudSource`] returns `Ok(None)`);
//! - the type a snapshot holds (a source hands it out shared, as `Arc<T>`);
//! - how the snapshot file stores it: `list` (a list whose items are read one by one, so that
//!   errors name the item: `images[3] (Debian 12): ...`), `object` (one value) or `roles` (role
//!   names, or the token's `{id, name}` objects);
//! - for probes, `when`: a function `fn(&Recording) -> bool` saying whether
//!   [`record`](crate::record::record) runs the probe, given the facts recorded so far (the
//!   built-in testcases run a probe only where it applies; the recorder does the same).
//!
//! Probes live under the snapshot key `probes` (`probes.swift_s3`); a snapshot without a probe
//! result answers "needs a live cloud", never a made-up result.
//!
//! # Adding a fact
//!
//! Say the next testcase needs the cloud's availability zones (a fact), or the result of a
//! volume backup (a probe). Three steps:
//!
//! 1. **One line in the table** (in this module's source), with a doc comment saying which API
//!    call gives it. For a fact:
//!
//!    ```text
//!    /// Nova `GET /v2.1/os-availability-zone`.
//!    AvailabilityZones availability_zones: required Vec<AvailabilityZone> = list;
//!    ```
//!
//!    for a probe, with the function deciding when the recorder runs it:
//!
//!    ```text
//!    /// Probe: a volume backed up and restored (scs-0117).
//!    VolumeBackup volume_backup: VolumeBackupProbe = object, when has_block_storage;
//!    ```
//!
//!    The item type (`AvailabilityZone`, `VolumeBackupProbe`) derives `Serialize` and
//!    `Deserialize`, with `#[serde(deny_unknown_fields)]` for a probe's own type: the snapshot
//!    file is read and written through it. Put API types next to the others in
//!    `scs_standards::cloud`, a probe's type next to [`SwiftS3Probe`].
//!    Write the `when` function below the table (`fn(&Recording) -> bool`; use
//!    [`Recording::has_service`] and [`Recording::failed`]).
//!
//!    That is all for the schema: `Fact::AvailabilityZones` (key `availability_zones`),
//!    `CloudSource::availability_zones` (required for a fact; a probe gets the default "needs a
//!    live cloud"), `Context::availability_zones` (memoized), `Snapshot::availability_zones` /
//!    `Probes::volume_backup` (read and written), [`SnapshotSource`]'s
//!    answer and the recorder follow. The compiler then lists every source that must answer the
//!    new required fact: implement it there (or make the fact `optional`). A probe needs nothing
//!    more to build: tests that go through every fact use [`Fact::ALL`] and
//!    [`Context::fact_json`], and the probe's default answer is "needs a live cloud".
//!
//! 2. **One fetcher** in the live source: the method of the same name in
//!    `impl CloudSource for OpenStackSource` (`openstack/source.rs`; a probe's work goes into its
//!    own module, as `openstack/probes.rs`). Find the endpoint with `OpenStackSource::endpoint`
//!    and the names of [`ServiceType::names`](scs_standards::services::ServiceType::names) (every
//!    alias the catalog checks accept), read all pages with `OpenStackSource::list`, and map
//!    errors to [`FactError::failed`](crate::FactError::failed) with this fact.
//!
//! 3. **Its validators** in `scs_standards` (one module per standard, quoting the standard),
//!    called by a built-in testcase through `ctx.availability_zones().await?`.
//!
//! Old snapshot files keep loading: a new key is simply absent from them (a `required` fact
//! then ABORTs its testcases, an `optional` one is "none", a probe "needs a live cloud");
//! `tests/old_snapshots.rs` holds files of earlier versions and the facts and verdicts they
//! must keep giving. Do not rename a key: files in the field carry it.
//!
//! ```
//! use scs_testkit::facts::Fact;
//! assert_eq!(Fact::ALL.len(), Fact::ALL.iter().filter(|f| f.is_probe()).count() + 6);
//! assert_eq!(Fact::VolumeTypes.key(), "volume_types");
//! assert_eq!(Fact::SwiftS3.key(), "probes.swift_s3");
//! ```

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use scs_standards::cloud::{
    CatalogEntry, CloudFlavor, DefaultSecurityGroupRule, Image, SecurityGroupRule, VolumeType,
};

use scs_standards::services::ServiceType;
use scs_standards::volume_backup::VolumeBackupProbe;

use crate::context::{Context, Memo};
use crate::record::Recording;
use crate::snapshot::{SnapshotErrorKind, SnapshotSource, kind_of, list, object, roles};
use crate::source::{EntropyVmProbe, FactError, KeyManagerProbe, SwiftS3Probe};

/// What a source answers for a fact of kind `required` or `optional`.
macro_rules! answer {
    (required $t:ty) => { Result<Arc<$t>, FactError> };
    (optional $t:ty) => { Result<Option<Arc<$t>>, FactError> };
}

/// A snapshot's answer for a fact it may lack.
macro_rules! from_snapshot {
    (required $value:expr, $fact:expr) => {
        $value.clone().ok_or_else(|| {
            FactError::failed($fact, format!("the snapshot has no `{}` key", $fact.key()))
        })
    };
    (optional $value:expr, $fact:expr) => {
        Ok($value.clone())
    };
}

/// Keeps a fetched fact for the recording, or notes why it could not be fetched.
macro_rules! keep {
    (required $got:expr, $problems:expr) => {
        match $got {
            Ok(value) => Some((*value).clone()),
            Err(e) => {
                $problems.push(e);
                None
            }
        }
    };
    (optional $got:expr, $problems:expr) => {
        match $got {
            Ok(value) => value.map(|v| (*v).clone()),
            Err(e) => {
                $problems.push(e);
                None
            }
        }
    };
}

/// Writes a fact into the snapshot file: a missing `required` fact is left out; an `optional`
/// one is written as `null`, the answer "the cloud has no such API".
macro_rules! write_fact {
    (required $map:expr, $key:expr, $value:expr) => {
        if let Some(value) = $value {
            $map.serialize_entry($key, value)?;
        }
    };
    (optional $map:expr, $key:expr, $value:expr) => {
        $map.serialize_entry($key, $value)?;
    };
}

/// A fact's value as JSON (for [`Context::fact_json`]).
macro_rules! to_json {
    (required $value:expr, $json:ident) => {
        $json(&*$value)
    };
    (optional $value:expr, $json:ident) => {
        match $value {
            Some(value) => $json(&*value),
            None => Ok(Value::Null),
        }
    };
}

/// Serializing any fact's type behind one closure.
mod erased {
    use super::{Fact, FactError, Value};

    pub(super) trait Json {
        fn to_json(&self, fact: Fact) -> Result<Value, FactError>;
    }

    impl<T: serde::Serialize> Json for T {
        fn to_json(&self, fact: Fact) -> Result<Value, FactError> {
            serde_json::to_value(self).map_err(|e| FactError::failed(fact, e.to_string()))
        }
    }
}

macro_rules! one {
    ($x:tt) => {
        1
    };
}

/// The table's grammar: see the module docs.
macro_rules! facts {
    (
        facts {
            $(
                $(#[doc = $doc:literal])*
                $Fact:ident $name:ident : $kind:ident $ty:ty = $read:ident;
            )*
        }
        probes {
            $(
                $(#[doc = $pdoc:literal])*
                $Probe:ident $pname:ident : $pty:ty = $pread:ident, when $when:path;
            )*
        }
    ) => {
        /// The facts a testcase can ask for, named as in error messages.
        ///
        /// ```
        /// assert_eq!(scs_testkit::Fact::VolumeTypes.to_string(), "volume_types");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Fact {
            $( $(#[doc = $doc])* $Fact, )*
            $( $(#[doc = $pdoc])* $Probe, )*
        }

        impl Fact {
            /// Every fact, in the table's order (probes last).
            pub const ALL: [Fact; 0 $(+ one!($Fact))* $(+ one!($Probe))*] =
                [$(Fact::$Fact,)* $(Fact::$Probe,)*];

            /// The snapshot key holding this fact (probes live under `probes.`).
            ///
            /// ```
            /// assert_eq!(scs_testkit::Fact::SwiftS3.key(), "probes.swift_s3");
            /// ```
            pub fn key(self) -> &'static str {
                match self {
                    $( Fact::$Fact => stringify!($name), )*
                    $( Fact::$Probe => concat!("probes.", stringify!($pname)), )*
                }
            }

            /// Whether only a probe of a live cloud can show this fact.
            ///
            /// ```
            /// assert!(scs_testkit::Fact::SwiftS3.is_probe());
            /// assert!(!scs_testkit::Fact::Images.is_probe());
            /// ```
            pub fn is_probe(self) -> bool {
                match self {
                    $( Fact::$Fact => false, )*
                    $( Fact::$Probe => true, )*
                }
            }
        }

        /// A cloud's facts, fetched on demand: one method per fact of the
        /// [fact table](crate::facts). Every method is called at most once per
        /// [`Context`](crate::Context).
        ///
        /// `OpenStackSource` (module `openstack`, feature `openstack`) reads a live cloud;
        /// [`SnapshotSource`](crate::SnapshotSource) reads an offline snapshot. Implement this
        /// trait to feed testcases from elsewhere; the probes have a default ("needs a live
        /// cloud"):
        ///
        /// ```
        /// use std::sync::Arc;
        /// use scs_standards::cloud::*;
        /// use scs_testkit::{CloudSource, Fact, FactError, List, async_trait};
        ///
        /// /// A cloud with nothing but one flavor; every other fact is an error.
        /// struct OneFlavor;
        ///
        /// #[async_trait]
        /// impl CloudSource for OneFlavor {
        ///     async fn flavors(&self) -> Result<List<CloudFlavor>, FactError> {
        ///         Ok(Arc::new(vec![CloudFlavor::new("SCS-1V-4", 1, 4096, 0)]))
        ///     }
        ///     async fn images(&self) -> Result<List<Image>, FactError> { Err(FactError::failed(Fact::Images, "no")) }
        ///     async fn volume_types(&self) -> Result<List<VolumeType>, FactError> { Err(FactError::failed(Fact::VolumeTypes, "no")) }
        ///     async fn default_security_group_rules(&self) -> Result<Option<List<DefaultSecurityGroupRule>>, FactError> { Ok(None) }
        ///     async fn catalog(&self) -> Result<List<CatalogEntry>, FactError> { Ok(Arc::default()) }
        ///     async fn roles(&self) -> Result<List<String>, FactError> { Ok(Arc::new(vec!["member".into()])) }
        /// }
        /// ```
        #[async_trait]
        pub trait CloudSource: Send + Sync {
            $(
                $(#[doc = $doc])*
                async fn $name(&self) -> answer!($kind $ty);
            )*
            $(
                $(#[doc = $pdoc])*
                ///
                /// By default: needs a live cloud.
                async fn $pname(&self) -> Result<Arc<$pty>, FactError> {
                    Err(FactError::NeedsLiveCloud(Fact::$Probe))
                }
            )*

            /// When the facts were taken, if they are not live (a snapshot's `taken_at`):
            /// dates such as image recency are judged at that time. `None`: now.
            fn taken_at(&self) -> Option<DateTime<Utc>> {
                None
            }
        }

        /// The memo of each fact of a [`Context`].
        #[derive(Debug, Default)]
        pub(crate) struct Memos {
            $( $name: Memo<answer!($kind $ty)>, )*
            $( $pname: Memo<Result<Arc<$pty>, FactError>>, )*
        }

        impl Context {
            $(
                $(#[doc = $doc])*
                ///
                /// Fetched from the source when first asked for, then shared.
                pub async fn $name(&self) -> answer!($kind $ty) {
                    self.memos.$name.get(self.source.$name()).await
                }
            )*
            $(
                $(#[doc = $pdoc])*
                ///
                /// Run by the source when first asked for, then shared.
                pub async fn $pname(&self) -> Result<Arc<$pty>, FactError> {
                    self.memos.$pname.get(self.source.$pname()).await
                }
            )*
        }

        impl Context {
            /// Any fact as a snapshot file holds it (JSON; `null` for an optional fact the cloud
            /// lacks), fetched like through its own accessor: for tools and tests that go
            /// through every fact of the table.
            ///
            /// ```
            /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
            /// use scs_testkit::{Context, Fact, SnapshotSource};
            /// let ctx = Context::new(SnapshotSource::from_yaml_str("roles: [member]").unwrap());
            /// assert_eq!(ctx.fact_json(Fact::Roles).await.unwrap(), serde_json::json!(["member"]));
            /// assert!(ctx.fact_json(Fact::DefaultSecurityGroupRules).await.unwrap().is_null());
            /// assert!(ctx.fact_json(Fact::SwiftS3).await.is_err());
            /// # });
            /// ```
            pub async fn fact_json(&self, fact: Fact) -> Result<Value, FactError> {
                let json = |value: &dyn erased::Json| value.to_json(fact);
                match fact {
                    $( Fact::$Fact => to_json!($kind self.$name().await?, json), )*
                    $( Fact::$Probe => json(&*self.$pname().await?), )*
                }
            }
        }

        /// The probe results a snapshot may carry (key `probes`); `None` where it has none.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct Probes {
            $(
                #[doc = concat!("`probes.", stringify!($pname), "`:")]
                $(#[doc = $pdoc])*
                pub $pname: Option<$pty>,
            )*
        }

        /// The content of a snapshot file; `None` for a key the file does not have.
        ///
        /// Written by [`record`](crate::record::record), read by [`Snapshot::parse`]; the
        /// format is described in [`snapshot`](crate::snapshot).
        ///
        /// ```
        /// let s = scs_testkit::Snapshot::parse("roles: [member]\ndefault_security_group_rules: null").unwrap();
        /// assert_eq!(s.roles.as_deref(), Some(&["member".to_owned()][..]));
        /// assert!(s.default_security_group_rules.is_none());
        /// ```
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct Snapshot {
            /// `taken_at`: when the facts were taken.
            pub taken_at: Option<DateTime<Utc>>,
            $(
                #[doc = concat!("`", stringify!($name), "`:")]
                $(#[doc = $doc])*
                pub $name: Option<$ty>,
            )*
            /// `probes`.
            pub probes: Probes,
        }

        impl Probes {
            fn from_value(value: Option<Value>) -> Result<Self, SnapshotErrorKind> {
                match value {
                    None | Some(Value::Null) => Ok(Probes::default()),
                    Some(Value::Object(mut map)) => Ok(Probes {
                        $( $pname: $pread(&mut map, stringify!($pname), "probes.")?, )*
                    }),
                    Some(other) => Err(SnapshotErrorKind::Key {
                        key: "probes".into(),
                        message: format!("expected a mapping, found {}", kind_of(&other)),
                    }),
                }
            }
        }

        impl Serialize for Probes {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                $(
                    if let Some(value) = &self.$pname {
                        map.serialize_entry(stringify!($pname), value)?;
                    }
                )*
                map.end()
            }
        }

        impl Snapshot {
            /// The facts of a parsed document (`taken_at` is read by the caller).
            pub(crate) fn facts_from_map(
                taken_at: Option<DateTime<Utc>>,
                map: &mut serde_json::Map<String, Value>,
            ) -> Result<Self, SnapshotErrorKind> {
                Ok(Snapshot {
                    taken_at,
                    probes: Probes::from_value(map.remove("probes"))?,
                    $( $name: $read(map, stringify!($name), "")?, )*
                })
            }
        }

        /// The snapshot file: `taken_at` (RFC 3339, seconds, UTC), the facts in the table's
        /// order, `probes`.
        impl Serialize for Snapshot {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                if let Some(at) = &self.taken_at {
                    map.serialize_entry("taken_at", &at.to_rfc3339_opts(SecondsFormat::Secs, true))?;
                }
                $( write_fact!($kind map, stringify!($name), &self.$name); )*
                map.serialize_entry("probes", &self.probes)?;
                map.end()
            }
        }

        /// Each fact of a snapshot, shared.
        #[derive(Debug, Clone, Default)]
        pub(crate) struct SharedFacts {
            $( $name: Option<Arc<$ty>>, )*
            $( $pname: Option<Arc<$pty>>, )*
        }

        impl From<Snapshot> for SharedFacts {
            fn from(snapshot: Snapshot) -> Self {
                SharedFacts {
                    $( $name: snapshot.$name.map(Arc::new), )*
                    $( $pname: snapshot.probes.$pname.map(Arc::new), )*
                }
            }
        }

        #[async_trait]
        impl CloudSource for SnapshotSource {
            $(
                async fn $name(&self) -> answer!($kind $ty) {
                    from_snapshot!($kind self.facts.$name, Fact::$Fact)
                }
            )*
            $(
                async fn $pname(&self) -> Result<Arc<$pty>, FactError> {
                    self.facts.$pname.clone().ok_or(FactError::NeedsLiveCloud(Fact::$Probe))
                }
            )*

            fn taken_at(&self) -> Option<DateTime<Utc>> {
                self.taken_at
            }
        }

        /// Fetches every fact of `ctx` concurrently, then the probes that apply (each `when`
        /// function looks at the facts fetched), concurrently too.
        pub(crate) async fn record_all(
            ctx: &Context,
            taken_at: DateTime<Utc>,
            options: &crate::record::RecordOptions,
        ) -> Recording {
            let ($($name,)*) = tokio::join!($(ctx.$name(),)*);
            let mut problems = Vec::new();
            let snapshot = Snapshot {
                taken_at: Some(taken_at),
                $( $name: keep!($kind $name, problems), )*
                probes: Probes::default(),
            };
            let mut recording = Recording { snapshot, problems };
            let ($($pname,)*) = tokio::join!($(
                async {
                    if options.runs(Fact::$Probe) && $when(&recording) {
                        Some(ctx.$pname().await)
                    } else {
                        None
                    }
                },
            )*);
            $(
                if let Some(got) = $pname {
                    recording.snapshot.probes.$pname = keep!(required got, recording.problems);
                }
            )*
            recording
        }
    };
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

facts! {
    facts {
        /// Nova flavors with extra specs: `GET /v2.1/flavors/detail`, microversion ≥ 2.61.
        Flavors flavors: required Vec<CloudFlavor> = list;
        /// Glance images, every visibility: `GET /v2/images`, all pages (custom properties are
        /// top-level keys of each image). Which of them a check counts is
        /// [`scs_standards::image_visibility`]'s rule ([`Context::images_for`]).
        Images images: required Vec<Image> = list;
        /// Cinder volume types: `GET /v3/{project_id}/types`.
        VolumeTypes volume_types: required Vec<VolumeType> = list;
        /// Neutron default security-group rules: `GET /v2.0/default-security-group-rules`;
        /// none on a cloud without that API (Neutron before 2023.2).
        DefaultSecurityGroupRules default_security_group_rules: optional Vec<DefaultSecurityGroupRule> = list;
        /// The Keystone v3 token's catalog (`type`, `name`, `endpoints` with `interface`,
        /// `region`, `url`).
        Catalog catalog: required Vec<CatalogEntry> = list;
        /// The role names of the token (`[member, reader]`; a snapshot may hold the token's
        /// `{id, name}` objects instead).
        Roles roles: required Vec<String> = roles;
    }
    probes {
        /// Probe: the rules of a freshly created (and deleted again) security group, on
        /// clouds without default security-group rules (scs-0115-default-rules).
        FreshSecurityGroupRules fresh_security_group_rules: Vec<SecurityGroupRule> = list,
            when lacks_default_rules;
        /// Probe: S3 at the object-store host compared with Swift (scs-0123-swift-s3).
        SwiftS3 swift_s3: SwiftS3Probe = object, when has_object_store;
        /// Probe: the key manager used with the member role (scs-0116-permissions).
        KeyManagerAccess key_manager_member_access: KeyManagerProbe = object,
            when member_with_key_manager;
        /// Probe: a 1 GiB volume created, backed up and restored to a new volume, each step
        /// waited for (scs-0117-test-backup; `openstack::backup`).
        VolumeBackup volume_backup: VolumeBackupProbe = object, when has_block_storage;
        /// Probe: one sample VM booted with the scs-0101 entropy probe as user data, its console
        /// read (scs-0101-entropy-avail, -fips-test, -rngd, -virtio-rng; `openstack::vm`).
        EntropyVm entropy_vm: EntropyVmProbe = object, when has_compute;
    }
}

// When the recorder runs each probe: where the built-in testcase would.

/// scs-0115-default-rules probes a fresh security group only where Neutron has no default
/// security-group rules (and not when asking for them failed).
fn lacks_default_rules(r: &Recording) -> bool {
    r.snapshot.default_security_group_rules.is_none() && !r.failed(Fact::DefaultSecurityGroupRules)
}

/// scs-0123-swift-s3 compares S3 with Swift, if there is Swift.
fn has_object_store(r: &Recording) -> bool {
    r.has_service(&["object-store"])
}

/// scs-0117-test-backup: without Block Storage the catalog decides (FAIL), no probe runs.
fn has_block_storage(r: &Recording) -> bool {
    r.has_service(ServiceType::BlockStorage.names())
}

/// scs-0101's sample VM needs Nova; [`record_with`](crate::record::record_with) can leave it
/// out (`scs snapshot --no-vm`).
fn has_compute(r: &Recording) -> bool {
    r.has_service(&["compute"])
}

/// scs-0116-permissions: only a member without elevated roles probes the key manager.
fn member_with_key_manager(r: &Recording) -> bool {
    let roles = r.snapshot.roles.as_deref().unwrap_or_default();
    let member_only = roles.iter().any(|r| r == "member")
        && !roles.iter().any(|r| r == "admin" || r == "manager");
    member_only && r.has_service(&["key-manager"])
}
