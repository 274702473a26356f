//! scs-0117 v1, Volume Backup Functionality: the steps of `scs-0117-test-backup`, how Cinder's
//! statuses decide each step, the polling schedule, and the verdict — all pure; the requests
//! are made by scs-testkit (`openstack::backup`), which records what it saw as a
//! [`VolumeBackupProbe`].
//!
//! The requirement (scs-0117-v1, section "Standard"): "In an SCS cloud, the volume backup
//! functionality MUST be configured properly and its API as defined per
//! `/v3/{project_id}/backups` MUST be offered to customers. If using Cinder, a suitable backup
//! driver MUST be set up." The testcase (scs-0117-w1, "Automated tests") "verifies that a
//! non-admin user can backup and restore volumes. To this end, the testcase uses the
//! `/v3/{project_id}/backups` Block Storage API endpoint to create a volume and a backup of it
//! and subsequently restores the backup on a new volume while verifying the success of each
//! operation."
//!
//! # Decisions
//!
//! - **Three [`Step`]s**, each a request and a wait: create a 1 GiB volume until it is
//!   `available`; back it up until the backup is `available`; restore the backup to a new
//!   volume until that volume is `available`.
//! - **A step the cloud refuses or that does not finish is a FAIL naming the step** ([`verdict`]):
//!   an HTTP error answer (4xx or 5xx, e.g. 413 when the backup quota is 0, 404 when there is no
//!   backups API), an error status (`error`, `error_restoring`, ...), or no wanted status within
//!   the step's limit. Each of them means the functionality is not "configured properly" for a
//!   customer. The optional part, "The volume backup target storage SHOULD be a separate storage
//!   system", cannot be seen from outside ("This cannot be checked from outside of the
//!   infrastructure", scs-0117-w1, "Manual tests") and is not judged.
//! - **ABORT only when the question could not even be asked** ([`NotAsked`]): no answer at all
//!   to a step's request (connection refused, timeout), or the token refused (401), which says
//!   nothing about backups.
//! - **No Block Storage service in the catalog is a FAIL** ([`without_block_storage`]): the API
//!   "MUST be offered to customers".
//! - **Statuses** ([`VolumeStatus`], [`BackupStatus`]) are read as Cinder defines them; a status
//!   that cannot lead to the wanted one (`error*`, `deleting`, ...) ends the step at once
//!   ([`progress`]); an unknown status is waited on, unless it starts with `error`.
//! - **Polling** ([`PollSchedule`]): waits of 1, 1, 2, 3, 5, 8, 13 s, then 15 s each, up to 600 s
//!   per step: quick on a fast cloud, few requests on a slow one, and a clear limit.
//!
//! ```
//! use scs_standards::volume_backup::{StepEnd, VolumeBackupProbe, verdict};
//! let done = |seconds| Some(StepEnd::Done { seconds });
//! let probe = VolumeBackupProbe { create_volume: done(3), create_backup: done(20), restore: done(25), ..Default::default() };
//! assert!(verdict(&probe).unwrap().passed());
//!
//! let quota = VolumeBackupProbe {
//!     create_volume: done(3),
//!     create_backup: Some(StepEnd::Refused { http_status: 413, message: "BackupLimitExceeded".into() }),
//!     ..Default::default()
//! };
//! let outcome = verdict(&quota).unwrap();
//! assert!(!outcome.passed());
//! assert_eq!(outcome.findings[1].object, "create-backup");
//! ```

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::document::string_enum;
use crate::{Finding, Outcome};

/// Testcase: volume backup works (create, back up, restore).
pub const TEST_BACKUP: &str = "scs-0117-test-backup";

/// The size of the volume the testcase creates, in GiB (the smallest Cinder accepts).
pub const VOLUME_SIZE_GIB: u32 = 1;

/// The requirement every FAIL quotes (scs-0117-v1, section "Standard").
pub const REQUIREMENT: &str = "\"the volume backup functionality MUST be configured properly and its API as defined per `/v3/{project_id}/backups` MUST be offered to customers\" (scs-0117-v1)";

string_enum!(
    /// The steps of `scs-0117-test-backup`, in order (scs-0117-w1, "Automated tests": "create a
    /// volume and a backup of it and subsequently restores the backup on a new volume while
    /// verifying the success of each operation").
    ///
    /// ```
    /// use scs_standards::volume_backup::Step;
    /// assert_eq!("create-backup".parse::<Step>().unwrap(), Step::CreateBackup);
    /// assert_eq!(Step::ALL.len(), 3);
    /// ```
    Step, "volume backup step", {
        /// Create a 1 GiB volume and wait until it is `available`.
        CreateVolume = "create-volume",
        /// Back the volume up and wait until the backup is `available`.
        CreateBackup = "create-backup",
        /// Restore the backup to a new volume and wait until that volume is `available`.
        Restore = "restore",
    }
);

impl Step {
    /// What the step does, for messages ("back the volume up").
    ///
    /// ```
    /// assert_eq!(scs_standards::volume_backup::Step::Restore.action(), "restore the backup to a new volume");
    /// ```
    pub fn action(self) -> &'static str {
        match self {
            Step::CreateVolume => "create a 1 GiB volume",
            Step::CreateBackup => "back the volume up",
            Step::Restore => "restore the backup to a new volume",
        }
    }

    /// What the step waits for ("the backup").
    ///
    /// ```
    /// assert_eq!(scs_standards::volume_backup::Step::CreateVolume.waits_for(), "the volume");
    /// ```
    pub fn waits_for(self) -> &'static str {
        match self {
            Step::CreateVolume => "the volume",
            Step::CreateBackup => "the backup",
            Step::Restore => "the restored volume",
        }
    }
}

string_enum!(
    /// The statuses of a Cinder volume (Block Storage API v3, "Volumes": "status").
    ///
    /// ```
    /// use scs_standards::volume_backup::VolumeStatus;
    /// assert_eq!("restoring-backup".parse::<VolumeStatus>().unwrap(), VolumeStatus::RestoringBackup);
    /// assert!(VolumeStatus::ErrorRestoring.is_error());
    /// ```
    VolumeStatus, "volume status", {
        /// Being created.
        Creating = "creating",
        /// Ready to attach.
        Available = "available",
        /// Reserved for attaching or shelved.
        Reserved = "reserved",
        /// Being attached.
        Attaching = "attaching",
        /// Being detached.
        Detaching = "detaching",
        /// Attached.
        InUse = "in-use",
        /// Locked, being migrated.
        Maintenance = "maintenance",
        /// Being deleted.
        Deleting = "deleting",
        /// Awaiting a transfer.
        AwaitingTransfer = "awaiting-transfer",
        /// Creation failed.
        Error = "error",
        /// Deletion failed.
        ErrorDeleting = "error_deleting",
        /// Being backed up.
        BackingUp = "backing-up",
        /// A backup is being restored to it.
        RestoringBackup = "restoring-backup",
        /// A backup of it failed.
        ErrorBackingUp = "error_backing-up",
        /// Restoring a backup to it failed.
        ErrorRestoring = "error_restoring",
        /// Extending it failed.
        ErrorExtending = "error_extending",
        /// Being filled from an image.
        Downloading = "downloading",
        /// Being copied to an image.
        Uploading = "uploading",
        /// Changing its type.
        Retyping = "retyping",
        /// Being extended.
        Extending = "extending",
    }
);

impl VolumeStatus {
    /// An error status.
    ///
    /// ```
    /// assert!(!scs_standards::volume_backup::VolumeStatus::Creating.is_error());
    /// ```
    pub fn is_error(self) -> bool {
        self.as_str().starts_with("error")
    }

    /// Whether Cinder accepts a plain DELETE of a volume in this status (no `force`): `available`
    /// and the failed states `error`, `error_restoring`, `error_extending`.
    ///
    /// ```
    /// use scs_standards::volume_backup::VolumeStatus;
    /// assert!(VolumeStatus::ErrorRestoring.is_deletable());
    /// assert!(!VolumeStatus::BackingUp.is_deletable());
    /// ```
    pub fn is_deletable(self) -> bool {
        matches!(
            self,
            VolumeStatus::Available
                | VolumeStatus::Error
                | VolumeStatus::ErrorRestoring
                | VolumeStatus::ErrorExtending
        )
    }
}

string_enum!(
    /// The statuses of a Cinder backup (Block Storage API v3, "Backups": "status").
    ///
    /// ```
    /// use scs_standards::volume_backup::BackupStatus;
    /// assert_eq!("available".parse::<BackupStatus>().unwrap(), BackupStatus::Available);
    /// ```
    BackupStatus, "backup status", {
        /// Being created.
        Creating = "creating",
        /// Ready to restore.
        Available = "available",
        /// Being deleted.
        Deleting = "deleting",
        /// Deleted.
        Deleted = "deleted",
        /// Creation failed.
        Error = "error",
        /// Deletion failed.
        ErrorDeleting = "error_deleting",
        /// Being restored to a volume.
        Restoring = "restoring",
    }
);

impl BackupStatus {
    /// Whether Cinder accepts a plain DELETE of a backup in this status: `available` or `error`.
    ///
    /// ```
    /// use scs_standards::volume_backup::BackupStatus;
    /// assert!(BackupStatus::Error.is_deletable());
    /// assert!(!BackupStatus::Creating.is_deletable());
    /// ```
    pub fn is_deletable(self) -> bool {
        matches!(self, BackupStatus::Available | BackupStatus::Error)
    }
}

/// Where a step stands after one look at its object's status ([`progress`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// The wanted status: the step succeeded.
    Done,
    /// Still on its way: look again.
    Waiting,
    /// A status from which the wanted one cannot be reached: the step failed.
    Failed,
}

/// How one status seen by `step` decides it: the volume's status for
/// [`Step::CreateVolume`] and [`Step::Restore`] (the new volume), the backup's for
/// [`Step::CreateBackup`]. Unknown statuses are waited on unless they start with `error`.
///
/// ```
/// use scs_standards::volume_backup::{Progress, Step, progress};
/// assert_eq!(progress(Step::CreateVolume, "creating"), Progress::Waiting);
/// assert_eq!(progress(Step::CreateBackup, "available"), Progress::Done);
/// assert_eq!(progress(Step::Restore, "error_restoring"), Progress::Failed);
/// assert_eq!(progress(Step::Restore, "restoring-backup"), Progress::Waiting);
/// assert_eq!(progress(Step::CreateBackup, "error_something_new"), Progress::Failed);
/// assert_eq!(progress(Step::CreateBackup, "queued"), Progress::Waiting);
/// ```
pub fn progress(step: Step, status: &str) -> Progress {
    match step {
        Step::CreateVolume | Step::Restore => match status.parse::<VolumeStatus>() {
            Ok(VolumeStatus::Available) => Progress::Done,
            Ok(
                VolumeStatus::Creating | VolumeStatus::RestoringBackup | VolumeStatus::Downloading,
            ) => Progress::Waiting,
            // A new volume in any other known status (deleting, in-use, an error, ...) has left
            // the way to `available` the step waits for.
            Ok(_) => Progress::Failed,
            Err(_) => unknown(status),
        },
        Step::CreateBackup => match status.parse::<BackupStatus>() {
            Ok(BackupStatus::Available) => Progress::Done,
            Ok(BackupStatus::Creating) => Progress::Waiting,
            Ok(_) => Progress::Failed,
            Err(_) => unknown(status),
        },
    }
}

fn unknown(status: &str) -> Progress {
    if status.starts_with("error") {
        Progress::Failed
    } else {
        Progress::Waiting
    }
}

/// When to look again while waiting: 1, 1, 2, 3, 5, 8, 13 s (Fibonacci), then every
/// [`cap`](Self::cap), until [`limit`](Self::limit) has passed since the step's request.
///
/// ```
/// use std::time::Duration;
/// use scs_standards::volume_backup::PollSchedule;
/// let s = PollSchedule::default();
/// let secs: Vec<u64> = s.delays().take(9).map(|d| d.as_secs()).collect();
/// assert_eq!(secs, [1, 1, 2, 3, 5, 8, 13, 15, 15]);
/// assert_eq!(s.delays().sum::<Duration>(), s.limit);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollSchedule {
    /// The longest wait between two looks (default 15 s).
    pub cap: Duration,
    /// How long a step may take in all (default 600 s).
    pub limit: Duration,
}

impl Default for PollSchedule {
    fn default() -> Self {
        PollSchedule {
            cap: Duration::from_secs(15),
            limit: Duration::from_secs(600),
        }
    }
}

impl PollSchedule {
    /// A schedule with this limit and the default cap.
    ///
    /// ```
    /// let s = scs_standards::volume_backup::PollSchedule::with_limit(std::time::Duration::from_secs(4));
    /// let secs: Vec<u64> = s.delays().map(|d| d.as_secs()).collect();
    /// assert_eq!(secs, [1, 1, 2]);
    /// ```
    pub fn with_limit(limit: Duration) -> Self {
        PollSchedule {
            limit,
            ..Self::default()
        }
    }

    /// The wait before look number `n + 1` (after look `n`, from 0), ignoring the limit.
    ///
    /// ```
    /// use std::time::Duration;
    /// let s = scs_standards::volume_backup::PollSchedule::default();
    /// assert_eq!(s.delay(0), Duration::from_secs(1));
    /// assert_eq!(s.delay(5), Duration::from_secs(8));
    /// assert_eq!(s.delay(1000), Duration::from_secs(15));
    /// ```
    pub fn delay(&self, n: u32) -> Duration {
        let (mut a, mut b) = (1u64, 1u64);
        for _ in 0..n {
            (a, b) = (b, a.saturating_add(b));
            if Duration::from_secs(a) >= self.cap {
                break;
            }
        }
        Duration::from_secs(a)
            .min(self.cap)
            .max(Duration::from_millis(1))
    }

    /// The waits in order, the last one shortened so that they add up to the limit exactly.
    ///
    /// See [`PollSchedule`] for an example.
    pub fn delays(&self) -> impl Iterator<Item = Duration> + '_ {
        let mut spent = Duration::ZERO;
        let mut n = 0;
        std::iter::from_fn(move || {
            if spent >= self.limit {
                return None;
            }
            let next = self.delay(n).min(self.limit - spent);
            n += 1;
            spent += next;
            Some(next)
        })
    }
}

/// How one step ended, as recorded in a snapshot (`probes.volume_backup.<step>`, the key
/// `result` says which).
///
/// ```yaml
/// create_backup: {result: refused, http_status: 413, message: "BackupLimitExceeded: ..."}
/// restore: {result: failed_status, status: error_restoring, seconds: 12}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case", deny_unknown_fields)]
pub enum StepEnd {
    /// The wanted status was reached after `seconds`.
    Done {
        /// Seconds from the request to the wanted status.
        seconds: u64,
    },
    /// The API answered the step's request with an HTTP error.
    Refused {
        /// The HTTP status.
        http_status: u16,
        /// What the API said.
        message: String,
    },
    /// The object went to a status from which the wanted one cannot be reached.
    FailedStatus {
        /// The status (`error`, `error_restoring`, ...).
        status: String,
        /// Seconds from the request until it was seen.
        seconds: u64,
        /// Cinder's `fail_reason` or similar, if it gave one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The wanted status was not reached within the limit.
    TimedOut {
        /// The last status seen (`None`: none was seen).
        #[serde(default)]
        last_status: Option<String>,
        /// The limit, in seconds.
        seconds: u64,
    },
    /// The request got no answer (no connection, timeout) or the token was refused: the
    /// question was not asked.
    NoAnswer {
        /// What went wrong.
        message: String,
    },
}

/// What `scs-0117-test-backup` saw on a live cloud (snapshot key `probes.volume_backup`): how
/// each [`Step`] ended (`None`: not reached, because an earlier step did not succeed), and the
/// resources that could not be deleted afterwards.
///
/// ```yaml
/// volume_backup:
///   create_volume: {result: done, seconds: 3}
///   create_backup: {result: done, seconds: 21}
///   restore: {result: done, seconds: 30}
/// ```
///
/// ```
/// let probe: scs_standards::volume_backup::VolumeBackupProbe = serde_yaml::from_str(
///     "create_volume: {result: done, seconds: 3}\ncreate_backup: {result: failed_status, status: error, seconds: 4}\n",
/// ).unwrap();
/// assert!(probe.restore.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VolumeBackupProbe {
    /// [`Step::CreateVolume`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_volume: Option<StepEnd>,
    /// [`Step::CreateBackup`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_backup: Option<StepEnd>,
    /// [`Step::Restore`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore: Option<StepEnd>,
    /// Names of resources the probe created and could not delete (with why).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leftovers: Vec<String>,
}

impl VolumeBackupProbe {
    /// How `step` ended, if it was reached.
    ///
    /// ```
    /// use scs_standards::volume_backup::{Step, VolumeBackupProbe};
    /// assert!(VolumeBackupProbe::default().step(Step::Restore).is_none());
    /// ```
    pub fn step(&self, step: Step) -> Option<&StepEnd> {
        match step {
            Step::CreateVolume => self.create_volume.as_ref(),
            Step::CreateBackup => self.create_backup.as_ref(),
            Step::Restore => self.restore.as_ref(),
        }
    }

    /// Records how `step` ended.
    ///
    /// ```
    /// use scs_standards::volume_backup::{Step, StepEnd, VolumeBackupProbe};
    /// let mut probe = VolumeBackupProbe::default();
    /// probe.set(Step::Restore, StepEnd::Done { seconds: 1 });
    /// assert!(probe.restore.is_some());
    /// ```
    pub fn set(&mut self, step: Step, end: StepEnd) {
        let slot = match step {
            Step::CreateVolume => &mut self.create_volume,
            Step::CreateBackup => &mut self.create_backup,
            Step::Restore => &mut self.restore,
        };
        *slot = Some(end);
    }
}

/// Why the testcase could not decide: a step's question got no answer (ABORT).
///
/// ```
/// use scs_standards::volume_backup::{Step, StepEnd, VolumeBackupProbe, verdict};
/// let probe = VolumeBackupProbe {
///     create_volume: Some(StepEnd::NoAnswer { message: "cannot connect (Connection refused)".into() }),
///     ..Default::default()
/// };
/// let e = verdict(&probe).unwrap_err();
/// assert_eq!(e.step, Step::CreateVolume);
/// assert_eq!(e.to_string(), "could not ask the Block Storage API to create a 1 GiB volume: cannot connect (Connection refused)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not ask the Block Storage API to {}: {message}", .step.action())]
pub struct NotAsked {
    /// The step.
    pub step: Step,
    /// What went wrong.
    pub message: String,
}

/// The verdict of `scs-0117-test-backup` on what the probe saw: `Ok` with an error finding
/// naming the first step that was refused, failed or timed out (FAIL), `Ok` without one when
/// every step was done (PASS, with the times as infos), `Err` when a step's question got no
/// answer (ABORT). Resources the probe could not delete are warnings (they do not change the
/// verdict: they are about the test's own housekeeping).
///
/// ```
/// use scs_standards::volume_backup::{StepEnd, VolumeBackupProbe, verdict};
/// let probe = VolumeBackupProbe {
///     create_volume: Some(StepEnd::Done { seconds: 2 }),
///     create_backup: Some(StepEnd::TimedOut { last_status: Some("creating".into()), seconds: 600 }),
///     ..Default::default()
/// };
/// let outcome = verdict(&probe).unwrap();
/// let error = outcome.errors().next().unwrap();
/// assert_eq!(error.object, "create-backup");
/// assert!(error.message.starts_with("the backup was still `creating` after 600 s"), "{}", error.message);
/// ```
pub fn verdict(probe: &VolumeBackupProbe) -> Result<Outcome, NotAsked> {
    let mut outcome = Outcome::default();
    for step in Step::ALL.iter().copied() {
        let Some(end) = probe.step(step) else {
            // A record that stops before a step without saying why cannot be judged.
            return Err(NotAsked {
                step,
                message: "the probe's record ends before this step".into(),
            });
        };
        let failure = match end {
            StepEnd::Done { seconds } => {
                outcome.push(Finding::info(
                    step.as_str(),
                    format!("{} was available after {seconds} s", step.waits_for()),
                ));
                continue;
            }
            StepEnd::NoAnswer { message } => {
                return Err(NotAsked {
                    step,
                    message: message.clone(),
                });
            }
            StepEnd::Refused {
                http_status,
                message,
            } => format!(
                "the Block Storage API refused to {} (HTTP {http_status}: {})",
                step.action(),
                one_line(message)
            ),
            StepEnd::FailedStatus {
                status,
                seconds,
                reason,
            } => format!(
                "{} went to status `{status}` after {seconds} s{}",
                step.waits_for(),
                reason
                    .as_deref()
                    .map(|r| format!(" ({})", one_line(r)))
                    .unwrap_or_default()
            ),
            StepEnd::TimedOut {
                last_status: Some(status),
                seconds,
            } => format!(
                "{} was still `{status}` after {seconds} s (the limit of the step)",
                step.waits_for()
            ),
            StepEnd::TimedOut {
                last_status: None,
                seconds,
            } => format!(
                "{} showed no status within {seconds} s (the limit of the step)",
                step.waits_for()
            ),
        };
        outcome.push(Finding::error(
            step.as_str(),
            format!("{failure}; {REQUIREMENT}"),
        ));
        break;
    }
    outcome.findings.extend(probe.leftovers.iter().map(|name| {
        Finding::warning(
            name.as_str(),
            "created by the test and not deleted; remove it with `scs cleanup --apply`",
        )
    }));
    Ok(outcome)
}

/// The verdict on a cloud without Block Storage service in its catalog (FAIL): the backups
/// API "MUST be offered to customers".
///
/// ```
/// let outcome = scs_standards::volume_backup::without_block_storage();
/// assert!(!outcome.passed());
/// assert_eq!(outcome.findings[0].object, "block-storage");
/// ```
pub fn without_block_storage() -> Outcome {
    Outcome {
        findings: vec![Finding::error(
            "block-storage",
            format!(
                "no Block Storage service (block-storage, volumev3 or volume) with endpoints in the catalog, so no backups API; {REQUIREMENT}"
            ),
        )],
    }
}

/// Long API messages on one line, at most 300 characters.
fn one_line(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}

impl fmt::Display for StepEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepEnd::Done { seconds } => write!(f, "done after {seconds} s"),
            StepEnd::Refused {
                http_status,
                message,
            } => write!(f, "refused (HTTP {http_status}: {})", one_line(message)),
            StepEnd::FailedStatus {
                status, seconds, ..
            } => write!(f, "status `{status}` after {seconds} s"),
            StepEnd::TimedOut {
                last_status,
                seconds,
            } => write!(
                f,
                "still `{}` after {seconds} s",
                last_status.as_deref().unwrap_or("unknown")
            ),
            StepEnd::NoAnswer { message } => write!(f, "no answer ({message})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn done(seconds: u64) -> Option<StepEnd> {
        Some(StepEnd::Done { seconds })
    }

    #[test]
    fn every_step_done_passes_with_times() {
        let probe = VolumeBackupProbe {
            create_volume: done(3),
            create_backup: done(21),
            restore: done(30),
            leftovers: vec![],
        };
        let outcome = verdict(&probe).unwrap();
        assert!(outcome.passed());
        let objects: Vec<&str> = outcome.findings.iter().map(|f| f.object.as_str()).collect();
        assert_eq!(objects, ["create-volume", "create-backup", "restore"]);
        assert!(outcome.findings[2].message.contains("after 30 s"));
    }

    #[test]
    fn the_first_failed_step_is_named_and_the_standard_quoted() {
        let cases = [
            (
                VolumeBackupProbe {
                    create_volume: Some(StepEnd::Refused {
                        http_status: 403,
                        message: "Policy doesn't allow volume:create".into(),
                    }),
                    ..Default::default()
                },
                "create-volume",
                "refused to create a 1 GiB volume (HTTP 403",
            ),
            (
                VolumeBackupProbe {
                    create_volume: done(1),
                    create_backup: Some(StepEnd::Refused {
                        http_status: 413,
                        message: "Maximum number of backups allowed (0) exceeded".into(),
                    }),
                    ..Default::default()
                },
                "create-backup",
                "HTTP 413: Maximum number of backups allowed (0) exceeded",
            ),
            (
                VolumeBackupProbe {
                    create_volume: done(1),
                    create_backup: Some(StepEnd::FailedStatus {
                        status: "error".into(),
                        seconds: 4,
                        reason: Some("Service not found for creating backup.".into()),
                    }),
                    ..Default::default()
                },
                "create-backup",
                "the backup went to status `error` after 4 s (Service not found",
            ),
            (
                VolumeBackupProbe {
                    create_volume: done(1),
                    create_backup: done(2),
                    restore: Some(StepEnd::TimedOut {
                        last_status: None,
                        seconds: 600,
                    }),
                    ..Default::default()
                },
                "restore",
                "the restored volume showed no status within 600 s",
            ),
        ];
        for (probe, step, text) in cases {
            let outcome = verdict(&probe).unwrap();
            let errors: Vec<_> = outcome.errors().collect();
            assert_eq!(errors.len(), 1, "{outcome:?}");
            assert_eq!(errors[0].object, step);
            assert!(errors[0].message.contains(text), "{}", errors[0].message);
            assert!(
                errors[0].message.ends_with(REQUIREMENT),
                "{}",
                errors[0].message
            );
        }
    }

    #[test]
    fn no_answer_aborts_and_a_truncated_record_too() {
        let probe = VolumeBackupProbe {
            create_volume: done(1),
            create_backup: Some(StepEnd::NoAnswer {
                message: "HTTP 401".into(),
            }),
            ..Default::default()
        };
        assert_eq!(verdict(&probe).unwrap_err().step, Step::CreateBackup);
        let probe = VolumeBackupProbe {
            create_volume: done(1),
            ..Default::default()
        };
        let e = verdict(&probe).unwrap_err();
        assert_eq!(e.step, Step::CreateBackup);
        assert!(e.message.contains("ends before"), "{e}");
    }

    #[test]
    fn leftovers_warn_without_changing_the_verdict() {
        let probe = VolumeBackupProbe {
            create_volume: done(1),
            create_backup: done(1),
            restore: done(1),
            leftovers: vec!["scs-0117-probe-x-volume".into()],
        };
        let outcome = verdict(&probe).unwrap();
        assert!(outcome.passed());
        assert_eq!(outcome.at_least(Severity::Warning).count(), 1);
    }

    #[test]
    fn statuses_decide_each_step() {
        for status in VolumeStatus::ALL {
            let p = progress(Step::CreateVolume, status.as_str());
            let expected = match status {
                VolumeStatus::Available => Progress::Done,
                VolumeStatus::Creating
                | VolumeStatus::RestoringBackup
                | VolumeStatus::Downloading => Progress::Waiting,
                _ => Progress::Failed,
            };
            assert_eq!(p, expected, "{status}");
            assert_eq!(progress(Step::Restore, status.as_str()), expected);
            if status.is_error() {
                assert_eq!(p, Progress::Failed);
            }
        }
        for status in BackupStatus::ALL {
            let expected = match status {
                BackupStatus::Available => Progress::Done,
                BackupStatus::Creating => Progress::Waiting,
                _ => Progress::Failed,
            };
            assert_eq!(progress(Step::CreateBackup, status.as_str()), expected);
        }
    }

    #[test]
    fn schedule_is_stepped_capped_and_bounded() {
        let s = PollSchedule::default();
        let delays: Vec<Duration> = s.delays().collect();
        assert!(delays.iter().all(|d| *d <= s.cap && !d.is_zero()));
        assert_eq!(delays.iter().sum::<Duration>(), Duration::from_secs(600));
        // 1+1+2+3+5+8+13 = 33 s in 7 looks, then 15 s steps: 7 + ceil(567/15) = 45 looks.
        assert_eq!(delays.len(), 45);
        for w in delays.windows(2) {
            assert!(w[0] <= w[1] || w[1] < s.cap, "{w:?}");
        }
        let small = PollSchedule {
            cap: Duration::from_secs(2),
            limit: Duration::from_secs(7),
        };
        let secs: Vec<u64> = small.delays().map(|d| d.as_secs()).collect();
        assert_eq!(secs, [1, 1, 2, 2, 1]);
        assert_eq!(PollSchedule::with_limit(Duration::ZERO).delays().count(), 0);
    }

    #[test]
    fn probe_records_round_trip_through_yaml() {
        let probe = VolumeBackupProbe {
            create_volume: done(3),
            create_backup: Some(StepEnd::FailedStatus {
                status: "error".into(),
                seconds: 5,
                reason: None,
            }),
            restore: None,
            leftovers: vec!["scs-0117-probe-a-volume".into()],
        };
        let yaml = serde_yaml::to_string(&probe).unwrap();
        assert!(yaml.contains("result: failed_status"), "{yaml}");
        assert_eq!(
            serde_yaml::from_str::<VolumeBackupProbe>(&yaml).unwrap(),
            probe
        );
        // Through JSON values too (the snapshot reader's path).
        let value: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(
            serde_json::from_value::<VolumeBackupProbe>(value).unwrap(),
            probe
        );
        let e = serde_yaml::from_str::<VolumeBackupProbe>("create_volume: {result: maybe}")
            .unwrap_err()
            .to_string();
        assert!(e.contains("maybe"), "{e}");
        assert!(serde_yaml::from_str::<VolumeBackupProbe>("restored: {}").is_err());
    }
}
