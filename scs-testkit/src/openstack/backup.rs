//! The probe of `scs-0117-test-backup` (scs-0117-w1, "Automated tests": "create a volume and a
//! backup of it and subsequently restores the backup on a new volume while verifying the
//! success of each operation"): the [`Step`]s of `scs_standards::volume_backup`, each a request
//! to Cinder and a wait on the stepped schedule ([`PollSchedule`]), recorded as a
//! [`VolumeBackupProbe`] that the standard's `verdict` judges.
//!
//! Every resource is named `scs-0117-probe-<uuid>-volume`, `-backup` or `-restored`. The run's
//! name (`scs-0117-probe-<uuid>`) is remembered with the source *before* the first request, and
//! forgotten only once everything carrying it is gone; so whatever happens — a refused or
//! timed-out step, an error, Ctrl-C (the run future dropped, then
//! [`OpenStackSource::cleanup`](super::OpenStackSource::cleanup)) — the resources are found by
//! name and deleted ([`super::cleanup`]), waiting for Cinder to let go of them (a volume being
//! backed up or a backup being restored cannot be deleted). `scs cleanup` removes what a killed
//! process left.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use scs_standards::volume_backup::{
    PollSchedule, Step, StepEnd, StepProgress, VOLUME_SIZE_GIB, VolumeBackupProbe, progress,
};

use scs_standards::services::ServiceType;

use super::source::OpenStackSource;
use crate::Fact;
use crate::source::FactError;

/// The prefix of everything the probe creates.
///
/// ```
/// assert!(scs_testkit::openstack::BACKUP_PROBE_PREFIX.starts_with("scs-0117"));
/// ```
pub const BACKUP_PROBE_PREFIX: &str = "scs-0117-probe-";

/// What the probe's resources say about themselves, for an operator who finds them.
const DESCRIPTION: &str =
    "temporary volume of the SCS scs-0117 check (scs openstack-test); safe to delete";

/// The Block Storage v3 base URL (`.../v3/{project_id}`) of the source's cloud.
pub(crate) fn cinder_base(source: &OpenStackSource, fact: Fact) -> Result<String, FactError> {
    let (_, url) = source.endpoint(fact, ServiceType::BlockStorage.names())?;
    Ok(if url.contains("/v3") {
        url
    } else if url.contains("/v2/") {
        // A `volumev2` endpoint: the backups API of the standard is v3's, at the same place.
        url.replacen("/v2/", "/v3/", 1)
    } else {
        format!("{url}/v3/{}", source.project_id())
    })
}

/// The message of an OpenStack error body (`{"overLimit": {"message": ...}}`), else the text.
pub(crate) fn error_message(body: &Value) -> String {
    let nested = body.as_object().and_then(|o| {
        o.values()
            .find_map(|v| v.get("message").and_then(Value::as_str))
    });
    match (nested, body) {
        (Some(m), _) => m.to_owned(),
        (None, Value::String(s)) => s.clone(),
        (None, Value::Null) => String::new(),
        (None, other) => other.to_string(),
    }
}

/// Runs the probe: create, back up, restore, then delete everything.
pub(crate) async fn probe(source: &OpenStackSource) -> Result<VolumeBackupProbe, FactError> {
    probe_named(
        source,
        format!("{BACKUP_PROBE_PREFIX}{}", uuid::Uuid::new_v4()),
    )
    .await
}

/// [`probe`] with the run's name given (tests).
async fn probe_named(
    source: &OpenStackSource,
    run: String,
) -> Result<VolumeBackupProbe, FactError> {
    const FACT: Fact = Fact::VolumeBackup;
    let base = cinder_base(source, FACT)?;
    let schedule = source.options().backup_poll;
    // Remembered before the first request: an interrupted run is cleaned up by this name.
    source.remember_probe(&run);
    let mut probe = VolumeBackupProbe::default();
    steps(source, &base, &run, schedule, &mut probe).await;
    let report = source.remove_probes(&[run.as_str()]).await;
    probe.leftovers = report
        .failed
        .iter()
        .map(|(leftover, why)| format!("{} {} ({why})", leftover.kind, leftover.name))
        .chain(report.problems.iter().cloned())
        .collect();
    Ok(probe)
}

/// The three steps; stops at the first that does not end [`StepEnd::Done`].
async fn steps(
    source: &OpenStackSource,
    base: &str,
    run: &str,
    schedule: PollSchedule,
    probe: &mut VolumeBackupProbe,
) {
    let volume_name = format!("{run}-volume");
    let body = json!({"volume": {"size": VOLUME_SIZE_GIB, "name": volume_name, "description": DESCRIPTION}});
    let (end, volume) = step(
        source,
        Step::CreateVolume,
        &format!("{base}/volumes"),
        &body,
        "/volume/id",
        |id| format!("{base}/volumes/{id}"),
        schedule,
    )
    .await;
    let done = matches!(end, StepEnd::Done { .. });
    probe.set(Step::CreateVolume, end);
    let (true, Some(volume)) = (done, volume) else {
        return;
    };

    let body = json!({"backup": {"volume_id": volume, "name": format!("{run}-backup"), "description": DESCRIPTION}});
    let (end, backup) = step(
        source,
        Step::CreateBackup,
        &format!("{base}/backups"),
        &body,
        "/backup/id",
        |id| format!("{base}/backups/{id}"),
        schedule,
    )
    .await;
    let done = matches!(end, StepEnd::Done { .. });
    probe.set(Step::CreateBackup, end);
    let (true, Some(backup)) = (done, backup) else {
        return;
    };

    let body = json!({"restore": {"name": format!("{run}-restored")}});
    let (end, _) = step(
        source,
        Step::Restore,
        &format!("{base}/backups/{backup}/restore"),
        &body,
        "/restore/volume_id",
        |id| format!("{base}/volumes/{id}"),
        schedule,
    )
    .await;
    probe.set(Step::Restore, end);
}

/// One step: the request, then looks at the object's status until [`progress`] decides or
/// the schedule ends. Returns how it ended and the new object's id (if the request was
/// accepted).
async fn step(
    source: &OpenStackSource,
    step: Step,
    url: &str,
    body: &Value,
    id_at: &str,
    object_url: impl Fn(&str) -> String,
    schedule: PollSchedule,
) -> (StepEnd, Option<String>) {
    let started = Instant::now();
    let answer = match source
        .http()
        .send("block-storage", Method::POST, url, Some(body), &[])
        .await
    {
        Ok(answer) => answer,
        // A 5xx after the retries is the cloud's answer; no answer at all is not.
        Err(e) => {
            return match e.status {
                Some(http_status) => (
                    StepEnd::Refused {
                        http_status,
                        message: e.message,
                    },
                    None,
                ),
                None => (
                    StepEnd::NoAnswer {
                        message: e.to_string(),
                    },
                    None,
                ),
            };
        }
    };
    if answer.status == StatusCode::UNAUTHORIZED {
        return (
            StepEnd::NoAnswer {
                message: format!("POST {url}: HTTP 401: the token was refused"),
            },
            None,
        );
    }
    if !answer.status.is_success() {
        return (
            StepEnd::Refused {
                http_status: answer.status.as_u16(),
                message: error_message(&answer.body),
            },
            None,
        );
    }
    let Some(id) = answer
        .body
        .pointer(id_at)
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return (
            StepEnd::NoAnswer {
                message: format!("POST {url}: the answer has no `{id_at}`"),
            },
            None,
        );
    };
    let end = wait(source, step, &object_url(&id), started, schedule).await;
    (end, Some(id))
}

/// Looks at the object at `url` on the schedule until its status decides the step.
async fn wait(
    source: &OpenStackSource,
    step: Step,
    url: &str,
    started: Instant,
    schedule: PollSchedule,
) -> StepEnd {
    let key = match step {
        Step::CreateVolume | Step::Restore => "volume",
        Step::CreateBackup => "backup",
    };
    let mut last_status = None;
    let mut last_error = None;
    for delay in schedule.delays() {
        tokio::time::sleep(delay).await;
        let seconds = started.elapsed().as_secs();
        let answer = match source
            .http()
            .send("block-storage", Method::GET, url, None, &[])
            .await
        {
            Ok(answer) => answer,
            // No answer, or a 5xx after the retries: look again until the limit.
            Err(e) => {
                last_error = Some(e.to_string());
                continue;
            }
        };
        if answer.status == StatusCode::NOT_FOUND {
            return StepEnd::FailedStatus {
                status: "deleted".into(),
                seconds,
                reason: Some(format!("GET {url} answered 404")),
            };
        }
        if !answer.status.is_success() {
            last_error = Some(format!(
                "GET {url}: HTTP {}: {}",
                answer.status.as_u16(),
                error_message(&answer.body)
            ));
            continue;
        }
        last_error = None;
        let object = &answer.body[key];
        let Some(status) = object.get("status").and_then(Value::as_str) else {
            last_error = Some(format!("GET {url}: the answer has no `{key}.status`"));
            continue;
        };
        match progress(step, status) {
            StepProgress::Done => return StepEnd::Done { seconds },
            StepProgress::Failed => {
                return StepEnd::FailedStatus {
                    status: status.to_owned(),
                    seconds,
                    reason: object
                        .get("fail_reason")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                };
            }
            StepProgress::Waiting => last_status = Some(status.to_owned()),
        }
    }
    match (last_error, last_status) {
        // The last look got no answer: whether the step succeeded could not be asked.
        (Some(message), None) => StepEnd::NoAnswer { message },
        (_, last_status) => StepEnd::TimedOut {
            last_status,
            seconds: schedule.limit.as_secs(),
        },
    }
}

/// Waits until `deadline` on `schedule`'s steps; `false` when the deadline has passed.
pub(crate) async fn pause(n: u32, schedule: &PollSchedule, deadline: Instant) -> bool {
    let now = Instant::now();
    if now >= deadline {
        return false;
    }
    tokio::time::sleep(schedule.delay(n).min(deadline - now)).await;
    true
}

/// How long removing the probe's resources may take in all (also after Ctrl-C).
pub const CLEANUP_LIMIT: Duration = Duration::from_secs(300);

#[cfg(test)]
mod tests {
    use super::super::fake::Fake;
    use super::*;
    use crate::CloudSource;

    fn fast(source: OpenStackSource) -> OpenStackSource {
        source.with_backup_poll(PollSchedule {
            cap: Duration::from_millis(20),
            limit: Duration::from_millis(300),
        })
    }

    #[test]
    fn error_messages_are_taken_from_openstack_bodies() {
        let body = json!({"overLimit": {"code": 413, "message": "BackupLimitExceeded: Maximum number of backups allowed (0) exceeded"}});
        assert!(error_message(&body).starts_with("BackupLimitExceeded"));
        assert_eq!(error_message(&json!("plain text")), "plain text");
        assert_eq!(error_message(&Value::Null), "");
    }

    /// The fake answers the backup request with 413 (quota 0); the volume is deleted anyway
    /// (found by its name), and the verdict names the step. A fake, because what is checked is
    /// the order of requests after a refusal; the live tests see the real 413.
    #[tokio::test]
    async fn a_refused_backup_still_deletes_the_volume() {
        let fake = Fake::start(vec![
            ("POST", "/volumev3/v3/p1/volumes", 202, r#"{"volume": {"id": "v1"}}"#.into()),
            ("GET", "/volumev3/v3/p1/volumes/v1", 200, r#"{"volume": {"id": "v1", "status": "available"}}"#.into()),
            ("POST", "/volumev3/v3/p1/backups", 413, r#"{"overLimit": {"code": 413, "message": "Maximum number of backups allowed (0) exceeded"}}"#.into()),
            ("GET", "/volumev3/v3/p1/volumes/detail", 200, r#"{"volumes": [{"id": "v1", "name": "scs-0117-probe-t-volume", "status": "available", "user_id": "u1"}]}"#.into()),
            ("GET", "/volumev3/v3/p1/backups/detail", 200, r#"{"backups": []}"#.into()),
            ("DELETE", "/volumev3/v3/p1/volumes/v1", 202, String::new()),
        ]);
        let source = fast(OpenStackSource::for_test(&fake.base, &["volumev3"]));
        let probe = probe_named(&source, "scs-0117-probe-t".into())
            .await
            .unwrap();
        assert_eq!(probe.create_volume, Some(StepEnd::Done { seconds: 0 }));
        assert_eq!(
            probe.create_backup,
            Some(StepEnd::Refused {
                http_status: 413,
                message: "Maximum number of backups allowed (0) exceeded".into()
            })
        );
        assert_eq!(probe.restore, None);
        let seen = fake.seen();
        assert!(
            seen.contains(&"DELETE /volumev3/v3/p1/volumes/v1".to_owned()),
            "{seen:?}"
        );
        assert!(probe.leftovers.is_empty(), "{probe:?}");
        let outcome = scs_standards::volume_backup::verdict(&probe).unwrap();
        assert_eq!(outcome.errors().next().unwrap().object, "create-backup");
    }

    /// A backup that never leaves `creating` times out at the limit, naming the last status.
    #[tokio::test]
    async fn a_stuck_backup_times_out() {
        let fake = Fake::start(vec![
            (
                "POST",
                "/volumev3/v3/p1/volumes",
                202,
                r#"{"volume": {"id": "v1"}}"#.into(),
            ),
            (
                "GET",
                "/volumev3/v3/p1/volumes/v1",
                200,
                r#"{"volume": {"status": "available"}}"#.into(),
            ),
            (
                "POST",
                "/volumev3/v3/p1/backups",
                202,
                r#"{"backup": {"id": "b1"}}"#.into(),
            ),
            (
                "GET",
                "/volumev3/v3/p1/backups/b1",
                200,
                r#"{"backup": {"status": "creating"}}"#.into(),
            ),
            (
                "GET",
                "/volumev3/v3/p1/volumes/detail",
                200,
                r#"{"volumes": []}"#.into(),
            ),
            (
                "GET",
                "/volumev3/v3/p1/backups/detail",
                200,
                r#"{"backups": []}"#.into(),
            ),
        ]);
        let source = fast(OpenStackSource::for_test(&fake.base, &["volumev3"]));
        let probe = source.volume_backup().await.unwrap();
        assert_eq!(
            probe.create_backup,
            Some(StepEnd::TimedOut {
                last_status: Some("creating".into()),
                seconds: 0
            })
        );
        // A cloud that does not answer at all: the question was not asked.
        let source = fast(OpenStackSource::for_test(
            "http://127.0.0.1:9",
            &["volumev3"],
        ));
        let probe = source.volume_backup().await.unwrap();
        assert!(
            matches!(probe.create_volume, Some(StepEnd::NoAnswer { .. })),
            "{probe:?}"
        );
        // Nor could it look for leftovers: said, not hidden.
        assert_eq!(probe.leftovers.len(), 1, "{probe:?}");
        assert!(
            probe.leftovers[0].starts_with("could not look for the leftovers of scs-0117-probe-")
        );
    }
}
