//! The probes only a live cloud can answer, as the standards' w1 supplements describe the
//! tests:
//!
//! - scs-0115 on a Neutron without default security-group rules: a temporary security group
//!   `scs-0115-probe-<uuid>` is created, its rules read, and it is deleted — whatever the rules
//!   say; an interrupted run leaves its name with the source, whose
//!   [`cleanup`](super::OpenStackSource::cleanup) deletes it, and a group of a crashed earlier
//!   run is deleted before the next probe.
//! - scs-0116: "`scs-0116-permissions` ensures that a regular user has suitable access to the
//!   key-manager API" — a secret `scs-0116-probe-<uuid>` is created, found and deleted.
//! - scs-0123: "`scs-0123-swift-s3` ensures that S3 is present on the same host as swift"
//!   (in its own module, `s3`).

use chrono::{DateTime, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use scs_standards::cloud::SecurityGroupRule;

use super::source::{OpenStackSource, PROBE_GROUP_PREFIX, PROBE_SECRET_PREFIX, api_fact};
use crate::facts::Fact;
use crate::source::{FactError, KeyManagerProbe, SwiftS3Probe};

const FACT: Fact = Fact::FreshSecurityGroupRules;

/// What the temporary group says about itself, for an operator who finds it.
const PROBE_DESCRIPTION: &str =
    "temporary group of the SCS scs-0115 check (scs openstack-test); safe to delete";

/// Whether a leftover group created at `created_at` is old enough to be removed.
pub(crate) fn is_stale(
    created_at: Option<&str>,
    now: DateTime<Utc>,
    age: std::time::Duration,
) -> bool {
    let Some(created) = created_at.and_then(|c| {
        // Neutron writes `2026-12-02T06:51:02Z`; tolerate a missing zone.
        DateTime::parse_from_rfc3339(c)
            .or_else(|_| DateTime::parse_from_rfc3339(&format!("{c}Z")))
            .ok()
    }) else {
        // Unknown age: old enough (it is ours by name and no run keeps one for long).
        return true;
    };
    let age = chrono::Duration::from_std(age).unwrap_or(chrono::Duration::MAX);
    now.signed_duration_since(created.with_timezone(&Utc)) >= age
}

fn network_base(source: &OpenStackSource) -> Result<String, FactError> {
    let (_, url) = source.endpoint(FACT, &["network"])?;
    Ok(if url.ends_with("/v2.0") {
        url
    } else {
        format!("{url}/v2.0")
    })
}

/// The project's security groups whose name starts with `prefix` (id, name, created_at).
async fn groups_with_prefix(
    source: &OpenStackSource,
    base: &str,
    filter: &str,
) -> Result<Vec<(String, String, Option<String>)>, FactError> {
    let url = format!(
        "{base}/security-groups?project_id={}&{filter}",
        source.project_id()
    );
    let body = source
        .http()
        .get_json("network", &url, &[])
        .await
        .map_err(|e| api_fact(FACT, e))?;
    Ok(body
        .get("security_groups")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|g| {
            let name = g.get("name")?.as_str()?;
            name.starts_with(PROBE_GROUP_PREFIX).then(|| {
                (
                    g.get("id")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    name.to_owned(),
                    g.get("created_at")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                )
            })
        })
        .collect())
}

async fn delete_group(source: &OpenStackSource, base: &str, id: &str) -> Result<(), FactError> {
    let url = format!("{base}/security-groups/{id}");
    source
        .http()
        .delete_if_present("network", &url)
        .await
        .map_err(|e| api_fact(FACT, e))
}

/// Deletes every security group of the project named `name`.
pub(crate) async fn delete_groups_named(
    source: &OpenStackSource,
    name: &str,
) -> Result<(), FactError> {
    let base = network_base(source)?;
    for (id, _, _) in groups_with_prefix(source, &base, &format!("name={name}")).await? {
        delete_group(source, &base, &id).await?;
    }
    Ok(())
}

/// Removes groups `scs-0115-probe-*` older than the source's `leftover_age`; returns their
/// names.
pub(crate) async fn remove_leftovers(
    source: &OpenStackSource,
    base: &str,
) -> Result<Vec<String>, FactError> {
    let now = Utc::now();
    let mut removed = Vec::new();
    for (id, name, created_at) in
        groups_with_prefix(source, base, "fields=id&fields=name&fields=created_at").await?
    {
        if is_stale(created_at.as_deref(), now, source.options().leftover_age) {
            delete_group(source, base, &id).await?;
            removed.push(name);
        }
    }
    Ok(removed)
}

/// Creates a temporary security group, reads its rules, deletes it.
pub(crate) async fn fresh_group_rules(
    source: &OpenStackSource,
    base: &str,
) -> Result<Vec<SecurityGroupRule>, FactError> {
    remove_leftovers(source, base).await?;
    let name = format!("{PROBE_GROUP_PREFIX}{}", uuid::Uuid::new_v4());
    // Remembered before the request: if the run is interrupted while the group is being
    // created, `cleanup` still finds it by name.
    source.remember_probe(&name);
    let create = json!({"security_group": {"name": name, "description": PROBE_DESCRIPTION}});
    let url = format!("{base}/security-groups");
    let created = match source
        .http()
        .send("network", Method::POST, &url, Some(&create), &[])
        .await
    {
        Ok(answer) => source
            .http()
            .expect_success("network", &Method::POST, &url, answer),
        Err(e) => {
            // The group may exist even though no answer arrived.
            let _ = delete_groups_named(source, &name).await;
            source.forget_probe(&name);
            return Err(api_fact(FACT, e));
        }
    };
    let created = match created {
        Ok(body) => body,
        Err(e) => {
            source.forget_probe(&name);
            return Err(api_fact(FACT, e));
        }
    };
    let Some(id) = created
        .pointer("/security_group/id")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        let _ = delete_groups_named(source, &name).await;
        source.forget_probe(&name);
        return Err(FactError::failed(
            FACT,
            format!(
                "cloud {}: the new security group {name} has no id in Neutron's answer",
                source.cloud()
            ),
        ));
    };
    // Read the rules, then delete the group whatever the reading gave.
    let read_url = format!("{base}/security-groups/{id}");
    let rules = source
        .http()
        .get_json("network", &read_url, &[])
        .await
        .map_err(|e| api_fact(FACT, e))
        .and_then(|body| {
            let rules = body
                .pointer("/security_group/security_group_rules")
                .cloned()
                .unwrap_or(Value::Array(vec![]));
            serde_json::from_value::<Vec<SecurityGroupRule>>(rules).map_err(|e| {
                FactError::failed(
                    FACT,
                    format!(
                        "cloud {}, service network: GET {read_url}: {e}",
                        source.cloud()
                    ),
                )
            })
        });
    let deleted = delete_group(source, base, &id).await;
    // Make sure it is gone (the reference looks it up again too).
    let gone = match &deleted {
        Ok(()) => match source
            .http()
            .send("network", Method::GET, &read_url, None, &[])
            .await
        {
            Ok(answer) => answer.status == StatusCode::NOT_FOUND,
            Err(_) => false,
        },
        Err(_) => false,
    };
    if !gone {
        let why = deleted
            .err()
            .map(|e| e.to_string())
            .unwrap_or_else(|| "it is still listed".into());
        return Err(FactError::failed(
            FACT,
            format!(
                "could not delete the temporary security group {name} ({id}): {why}; delete it by hand"
            ),
        ));
    }
    source.forget_probe(&name);
    rules
}

/// scs-0116: create, find and delete a secret with the token's (member) role.
pub(crate) async fn key_manager(source: &OpenStackSource) -> Result<KeyManagerProbe, FactError> {
    const FACT: Fact = Fact::KeyManagerAccess;
    let (_, url) = source.endpoint(FACT, &["key-manager"])?;
    let base = if url.ends_with("/v1") {
        url
    } else {
        format!("{url}/v1")
    };
    let http = source.http();
    let denied = |method: &str, path: &str, status: StatusCode| KeyManagerProbe {
        ok: false,
        error: Some(format!(
            "{} {} on {method} {path}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )),
    };
    let name = format!("{PROBE_SECRET_PREFIX}{}", uuid::Uuid::new_v4());
    let create = json!({
        "name": name, "payload": "scs key-manager probe", "payload_content_type": "text/plain",
        "secret_type": "opaque",
    });
    let secrets_url = format!("{base}/secrets");
    // Remembered before the request, for `cleanup` after an interruption.
    source.remember_probe(&name);
    let answer = http
        .send(
            "key-manager",
            Method::POST,
            &secrets_url,
            Some(&create),
            &[],
        )
        .await
        .map_err(|e| api_fact(FACT, e))?;
    if !answer.status.is_success() {
        // Nothing was created.
        source.forget_probe(&name);
    }
    if matches!(
        answer.status,
        StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED
    ) {
        return Ok(denied("POST", "/v1/secrets", answer.status));
    }
    let created = http
        .expect_success("key-manager", &Method::POST, &secrets_url, answer)
        .map_err(|e| api_fact(FACT, e))?;
    let Some(secret_ref) = created
        .get("secret_ref")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return Err(FactError::failed(
            FACT,
            format!(
                "cloud {}: the key manager returned no secret_ref",
                source.cloud()
            ),
        ));
    };
    let find_url = format!("{secrets_url}?name={name}");
    let found = http
        .send("key-manager", Method::GET, &find_url, None, &[])
        .await;
    let delete = http
        .send("key-manager", Method::DELETE, &secret_ref, None, &[])
        .await
        .map_err(|e| api_fact(FACT, e))?;
    if delete.status.is_success() || delete.status == StatusCode::NOT_FOUND {
        source.forget_probe(&name);
    }
    let found = found.map_err(|e| api_fact(FACT, e))?;
    if matches!(
        found.status,
        StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED
    ) {
        return Ok(denied("GET", "/v1/secrets", found.status));
    }
    let listed = http
        .expect_success("key-manager", &Method::GET, &find_url, found)
        .map_err(|e| api_fact(FACT, e))?;
    if matches!(
        delete.status,
        StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED
    ) {
        return Ok(denied("DELETE", "/v1/secrets/…", delete.status));
    }
    http.expect_success("key-manager", &Method::DELETE, &secret_ref, delete)
        .map_err(|e| api_fact(FACT, e))?;
    let visible = listed
        .get("secrets")
        .and_then(Value::as_array)
        .is_some_and(|s| {
            s.iter()
                .any(|s| s.get("name").and_then(Value::as_str) == Some(name.as_str()))
        });
    Ok(if visible {
        KeyManagerProbe {
            ok: true,
            error: None,
        }
    } else {
        KeyManagerProbe {
            ok: false,
            error: Some("the new secret was not listed for its creator".into()),
        }
    })
}

/// scs-0123-swift-s3: S3 next to Swift ([`super::s3`]).
pub(crate) async fn swift_s3(source: &OpenStackSource) -> Result<SwiftS3Probe, FactError> {
    super::s3::probe(source).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::time::Duration;

    #[test]
    fn leftovers_are_judged_by_age() {
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 7, 0, 0).unwrap();
        let ten = Duration::from_secs(600);
        assert!(is_stale(Some("2026-12-02T06:49:59Z"), now, ten));
        assert!(!is_stale(Some("2026-12-02T06:55:00Z"), now, ten));
        assert!(is_stale(Some("2026-12-02T06:55:00"), now, Duration::ZERO));
        assert!(is_stale(None, now, ten));
        assert!(is_stale(Some("garbage"), now, ten));
    }

    use super::super::fake::Fake;
    use crate::CloudSource;

    fn key_manager(listed: &str) -> Fake {
        Fake::start(vec![
            (
                "POST",
                "/key-manager/v1/secrets",
                201,
                r#"{"secret_ref": "{base}/key-manager/v1/secrets/s1"}"#.into(),
            ),
            (
                "GET",
                "/key-manager/v1/secrets?name=scs-0116-probe-",
                200,
                listed.into(),
            ),
            ("DELETE", "/key-manager/v1/secrets/s1", 204, String::new()),
        ])
    }

    #[tokio::test]
    async fn key_manager_member_can_create_find_delete() {
        let fake = key_manager(r#"{"secrets": [{"name": "{name}"}]}"#);
        let source = OpenStackSource::for_test(&fake.base, &["key-manager"]);
        let probe = source.key_manager_member_access().await.unwrap();
        assert_eq!((probe.ok, probe.error.clone()), (true, None));
        let seen = fake.seen();
        assert_eq!(seen.len(), 3, "{seen:?}");
        assert!(
            seen[0].starts_with("POST /key-manager/v1/secrets"),
            "{seen:?}"
        );
        assert!(
            seen[1].starts_with("GET /key-manager/v1/secrets?name=scs-0116-probe-"),
            "{seen:?}"
        );
        assert_eq!(
            seen[2], "DELETE /key-manager/v1/secrets/s1",
            "the secret is deleted"
        );
        // Created but not listed for its creator: the probe fails (and still deletes).
        let fake = key_manager(r#"{"secrets": []}"#);
        let source = OpenStackSource::for_test(&fake.base, &["key-manager"]);
        let probe = source.key_manager_member_access().await.unwrap();
        assert_eq!(
            probe.error.as_deref(),
            Some("the new secret was not listed for its creator")
        );
        assert_eq!(fake.seen()[2], "DELETE /key-manager/v1/secrets/s1");
    }

    #[tokio::test]
    async fn key_manager_forbidden_is_a_failed_probe_not_an_error() {
        let fake = Fake::start(vec![("POST", "/key-manager/v1/secrets", 403, "{}".into())]);
        let source = OpenStackSource::for_test(&fake.base, &["key-manager"]);
        let probe = source.key_manager_member_access().await.unwrap();
        assert_eq!(
            (probe.ok, probe.error.as_deref()),
            (false, Some("403 Forbidden on POST /v1/secrets"))
        );
        // A 5xx is no answer about permissions: an error (the testcase ABORTs).
        let fake = Fake::start(vec![("POST", "/key-manager/v1/secrets", 500, "{}".into())]);
        let source = OpenStackSource::for_test(&fake.base, &["key-manager"]);
        let e = source
            .key_manager_member_access()
            .await
            .unwrap_err()
            .to_string();
        assert!(e.contains("HTTP 500"), "{e}");
    }
}
