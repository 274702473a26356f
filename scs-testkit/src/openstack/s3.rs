//! The scs-0123-swift-s3 probe: "`scs-0123-swift-s3` ensures that S3 is present on the same host
//! as swift" (scs-0123-w1). As the reference does it: EC2 credentials of the project from
//! Keystone (a temporary pair, marked so that a leftover is recognised and removed), S3's
//! `ListBuckets` at the scheme and host of the `object-store` endpoint, signed with AWS
//! Signature Version 4, a bucket `scs-test-container` created if there is none (and removed
//! again), and Swift's containers to compare with.

use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::source::{OpenStackSource, api_fact};
use crate::facts::Fact;
use crate::source::{FactError, SwiftS3Probe};

const FACT: Fact = Fact::SwiftS3;
/// The bucket the reference creates when S3 lists none.
pub const TEST_BUCKET: &str = "scs-test-container";
/// The `owner` written into the temporary EC2 credential's blob (the reference's marker).
pub const EC2_MARKER: &str = "TmpMandSvcTest";
/// The region put into the signature; Ceph RGW and Swift's s3api accept `us-east-1` by default.
const REGION: &str = "us-east-1";
/// How the temporary EC2 credential is remembered for `cleanup` (`ec2:<id>`).
pub(crate) const EC2_PREFIX: &str = "ec2:";

fn keystone_base(source: &OpenStackSource) -> Result<String, FactError> {
    let (_, keystone) = source.endpoint(FACT, &["identity"])?;
    Ok(if keystone.ends_with("/v3") {
        keystone
    } else {
        format!("{keystone}/v3")
    })
}

/// Deletes the EC2 credential `id` (404: already gone).
pub(crate) async fn delete_credential(source: &OpenStackSource, id: &str) -> Result<(), FactError> {
    let url = format!("{}/credentials/{id}", keystone_base(source)?);
    source
        .http()
        .delete_if_present("identity", &url)
        .await
        .map_err(|e| api_fact(FACT, e))?;
    source.forget_probe(&format!("{EC2_PREFIX}{id}"));
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The headers of an S3 request with an empty body, signed with SigV4: `x-amz-date`,
/// `x-amz-content-sha256` and `Authorization`.
pub(crate) fn sign(
    method: &str,
    url: &reqwest::Url,
    access: &str,
    secret: &str,
    at: DateTime<Utc>,
) -> [(String, String); 3] {
    let payload = hex(&Sha256::digest(b""));
    let date = at.format("%Y%m%dT%H%M%SZ").to_string();
    let day = &date[..8];
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    let signed_headers = "host;x-amz-content-sha256;x-amz-date";
    let canonical = format!(
        "{method}\n{}\n{}\nhost:{host}\nx-amz-content-sha256:{payload}\nx-amz-date:{date}\n\n{signed_headers}\n{payload}",
        url.path(),
        url.query().unwrap_or("")
    );
    let scope = format!("{day}/{REGION}/s3/aws4_request");
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{date}\n{scope}\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let mut key = hmac(format!("AWS4{secret}").as_bytes(), day);
    for part in [REGION, "s3", "aws4_request"] {
        key = hmac(&key, part);
    }
    let signature = hex(&hmac(&key, &to_sign));
    [
        ("x-amz-date".into(), date),
        ("x-amz-content-sha256".into(), payload),
        (
            "Authorization".into(),
            format!(
                "AWS4-HMAC-SHA256 Credential={access}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
            ),
        ),
    ]
}

/// The bucket names of a `ListAllMyBucketsResult`.
pub(crate) fn bucket_names(xml: &str) -> Vec<String> {
    let buckets = xml.split_once("<Buckets>").map_or("", |(_, rest)| rest);
    let buckets = buckets
        .split_once("</Buckets>")
        .map_or(buckets, |(inside, _)| inside);
    buckets
        .split("<Name>")
        .skip(1)
        .filter_map(|part| {
            part.split_once("</Name>")
                .map(|(name, _)| name.trim().to_owned())
        })
        .collect()
}

/// The S3 host: scheme and authority of the object-store URL (the reference's
/// `^(https*://[^/]*)/`).
pub(crate) fn s3_host(object_store: &str) -> Option<String> {
    let url = reqwest::Url::parse(object_store).ok()?;
    let host = url.host_str()?;
    Some(match url.port() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    })
}

struct Ec2 {
    id: String,
    access: String,
    secret: String,
}

async fn s3_request(
    source: &OpenStackSource,
    client: &reqwest::Client,
    method: Method,
    url: &str,
    ec2: &Ec2,
) -> Result<(StatusCode, String), String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
    let mut request = client.request(method.clone(), parsed.clone());
    for (name, value) in sign(
        method.as_str(),
        &parsed,
        &ec2.access,
        &ec2.secret,
        Utc::now(),
    ) {
        request = request.header(name, value);
    }
    let response = request.send().await.map_err(|e| {
        source.secrets().scrub(&format!(
            "{method} {url}: {}",
            super::http::root_message(&e)
        ))
    })?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    Ok((status, body))
}

/// Runs the probe (the catalog has an `object-store`).
pub(crate) async fn probe(source: &OpenStackSource) -> Result<SwiftS3Probe, FactError> {
    let (_, swift) = source.endpoint(FACT, &["object-store"])?;
    let keystone = keystone_base(source)?;
    let http = source.http();

    // Swift's containers.
    let containers = |body: Value| -> Vec<String> {
        body.as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c.get("name")?.as_str().map(str::to_owned))
            .collect()
    };

    // Leftover temporary credentials of earlier runs go first, as in the reference.
    let list_url = format!(
        "{keystone}/credentials?type=ec2&user_id={}",
        source.user_id()
    );
    let listed = http
        .get_json("identity", &list_url, &[])
        .await
        .map_err(|e| api_fact(FACT, e))?;
    for cred in listed
        .get("credentials")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let blob: Value = cred
            .get("blob")
            .and_then(Value::as_str)
            .and_then(|b| serde_json::from_str(b).ok())
            .unwrap_or(Value::Null);
        if blob.get("owner").and_then(Value::as_str) == Some(EC2_MARKER)
            && let Some(id) = cred.get("id").and_then(Value::as_str)
        {
            let _ = http
                .send(
                    "identity",
                    Method::DELETE,
                    &format!("{keystone}/credentials/{id}"),
                    None,
                    &[],
                )
                .await;
        }
    }
    let access = uuid::Uuid::new_v4().simple().to_string();
    let secret = uuid::Uuid::new_v4().simple().to_string();
    source.secrets().add(secret.clone());
    let blob = json!({"access": access, "secret": secret, "owner": EC2_MARKER}).to_string();
    let create = json!({"credential": {"type": "ec2", "user_id": source.user_id(), "project_id": source.project_id(), "blob": blob}});
    let created_url = format!("{keystone}/credentials");
    let answer = http
        .send("identity", Method::POST, &created_url, Some(&create), &[])
        .await
        .map_err(|e| api_fact(FACT, e))?;
    let created = http
        .expect_success("identity", &Method::POST, &created_url, answer)
        .map_err(|e| api_fact(FACT, e))?;
    let ec2 = Ec2 {
        id: created
            .pointer("/credential/id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        access,
        secret,
    };
    if !ec2.id.is_empty() {
        source.remember_probe(&format!("{EC2_PREFIX}{}", ec2.id));
    }

    let result = async {
        let host = s3_host(&swift).ok_or_else(|| {
            FactError::failed(
                FACT,
                format!(
                    "cloud {}: object-store URL {swift} has no host",
                    source.cloud()
                ),
            )
        })?;
        let client = reqwest::Client::builder()
            .timeout(source.options().timeout)
            .connect_timeout(source.options().connect_timeout)
            .build()
            .map_err(|e| FactError::failed(FACT, e.to_string()))?;
        let list = format!("{host}/");
        let mut created_bucket = false;
        let s3_buckets = match s3_request(source, &client, Method::GET, &list, &ec2).await {
            Ok((status, body)) if status.is_success() => {
                let mut buckets = bucket_names(&body);
                if buckets.is_empty() {
                    let bucket = format!("{host}/{TEST_BUCKET}");
                    if let Ok((s, _)) =
                        s3_request(source, &client, Method::PUT, &bucket, &ec2).await
                        && s.is_success()
                    {
                        created_bucket = true;
                    }
                    if let Ok((s, body)) =
                        s3_request(source, &client, Method::GET, &list, &ec2).await
                        && s.is_success()
                    {
                        buckets = bucket_names(&body);
                    }
                }
                Ok(buckets)
            }
            Ok((status, body)) => Err(format!(
                "GET {list}: HTTP {}: {}",
                status.as_u16(),
                body.chars().take(200).collect::<String>()
            )),
            Err(e) => Err(e),
        };
        let swift_containers = http
            .get_json("object-store", &format!("{swift}?format=json"), &[])
            .await
            .map(containers);
        if created_bucket {
            let _ = s3_request(
                source,
                &client,
                Method::DELETE,
                &format!("{host}/{TEST_BUCKET}"),
                &ec2,
            )
            .await;
        }
        let swift_containers = swift_containers.map_err(|e| api_fact(FACT, e))?;
        Ok(match s3_buckets {
            Ok(buckets) => SwiftS3Probe {
                s3_buckets: Some(buckets),
                swift_containers,
                error: None,
            },
            Err(e) => SwiftS3Probe {
                s3_buckets: None,
                swift_containers,
                error: Some(source.secrets().scrub(&e)),
            },
        })
    }
    .await;
    if !ec2.id.is_empty() {
        let _ = delete_credential(source, &ec2.id).await;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// Signatures computed by botocore (S3SigV4Auth, region us-east-1) for the same requests.
    #[test]
    fn signatures_match_botocore() {
        let at = Utc.with_ymd_and_hms(2026, 12, 2, 7, 23, 28).unwrap();
        let (access, secret) = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        for (method, url, signature) in [
            (
                "GET",
                "http://127.0.0.1:8080/",
                "9198a807dcee6b0ba9d83955a0ee35655ae1335d366f600f6b7720e58a70200e",
            ),
            (
                "PUT",
                "https://rgw.example.com/scs-test-container",
                "19c1ddaca5f95375d9a6395605be99c5e9614707edbc4445ec5a9bc2c14ee9e4",
            ),
            (
                "DELETE",
                "https://rgw.example.com:8443/scs-test-container",
                "2b3e37ddecc7776469df8cd80c7b22c6840363376572d29e831aa600a3c9eb7e",
            ),
        ] {
            let headers = sign(
                method,
                &reqwest::Url::parse(url).unwrap(),
                access,
                secret,
                at,
            );
            assert_eq!(headers[0].1, "20261202T072328Z");
            assert_eq!(
                headers[1].1,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
            );
            assert_eq!(
                headers[2].1,
                format!(
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}"
                ),
                "{method} {url}"
            );
        }
    }

    #[test]
    fn bucket_listing_and_host() {
        let xml = r#"<?xml version="1.0"?><ListAllMyBucketsResult><Owner><ID>o</ID><DisplayName>Owner Name</DisplayName></Owner><Buckets><Bucket><Name>backups</Name><CreationDate>2026</CreationDate></Bucket><Bucket><Name>scs-test-container</Name></Bucket></Buckets></ListAllMyBucketsResult>"#;
        assert_eq!(bucket_names(xml), ["backups", "scs-test-container"]);
        assert!(
            bucket_names("<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>").is_empty()
        );
        assert_eq!(
            s3_host("https://objects.example.com/swift/v1/AUTH_p").as_deref(),
            Some("https://objects.example.com")
        );
        assert_eq!(
            s3_host("http://127.0.0.1:8080/v1/AUTH_p").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(s3_host("not a url"), None);
    }

    use super::super::fake::{Fake, Rule};
    use crate::CloudSource;

    fn cloud(s3_status: u16, s3_body: &str) -> Fake {
        let leftover = serde_json::json!({"credentials": [
            {"id": "old1", "type": "ec2", "blob": json!({"access": "a", "secret": "s", "owner": EC2_MARKER}).to_string()},
            {"id": "keep", "type": "ec2", "blob": json!({"access": "b", "secret": "t"}).to_string()},
        ]});
        let rules: Vec<Rule> = vec![
            (
                "GET",
                "/identity/v3/credentials?type=ec2",
                200,
                leftover.to_string(),
            ),
            (
                "POST",
                "/identity/v3/credentials",
                201,
                r#"{"credential": {"id": "c1"}}"#.into(),
            ),
            ("DELETE", "/identity/v3/credentials/", 204, String::new()),
            (
                "GET",
                "/object-store?format=json",
                200,
                r#"[{"name": "backups", "count": 1}]"#.into(),
            ),
            ("GET", "/", s3_status, s3_body.into()),
        ];
        Fake::start(rules)
    }

    #[tokio::test]
    async fn s3_buckets_and_swift_containers_are_compared_and_credentials_removed() {
        let fake = cloud(
            200,
            "<ListAllMyBucketsResult><Buckets><Bucket><Name>backups</Name></Bucket></Buckets></ListAllMyBucketsResult>",
        );
        let source = OpenStackSource::for_test(&fake.base, &["object-store", "identity"]);
        let probe = source.swift_s3().await.unwrap();
        assert_eq!(probe.s3_buckets, Some(vec!["backups".to_owned()]));
        assert_eq!(probe.swift_containers, ["backups"]);
        let seen = fake.seen();
        // The leftover marked by the reference's owner goes, the user's own credential stays,
        // and the temporary one is removed at the end.
        assert!(
            seen.contains(&"DELETE /identity/v3/credentials/old1".to_owned()),
            "{seen:?}"
        );
        assert!(!seen.iter().any(|r| r.ends_with("/keep")), "{seen:?}");
        assert_eq!(seen.last().unwrap(), "DELETE /identity/v3/credentials/c1");
        assert!(
            seen.contains(&"GET /".to_owned()),
            "S3 asked at the object-store host: {seen:?}"
        );
    }

    #[tokio::test]
    async fn s3_refusing_is_recorded_with_the_reason() {
        let fake = cloud(403, "<Error><Code>AccessDenied</Code></Error>");
        let source = OpenStackSource::for_test(&fake.base, &["object-store", "identity"]);
        let probe = source.swift_s3().await.unwrap();
        assert_eq!(probe.s3_buckets, None);
        let error = probe.error.clone().unwrap();
        assert!(
            error.starts_with(&format!(
                "GET {}/: HTTP 403: <Error><Code>AccessDenied",
                fake.base
            )),
            "{error}"
        );
        assert_eq!(
            fake.seen().last().unwrap(),
            "DELETE /identity/v3/credentials/c1"
        );
    }
}
