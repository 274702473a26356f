//! The scs-0123-swift-s3 probe, as the certification runs it now: "`scs-0123-swift-s3` ensures
//! that S3 is present on the same host as swift" (scs-0123-w1). One S3 `ListBuckets`
//! (`GET /`) goes to the scheme and host of the `object-store` endpoint, signed with AWS
//! Signature Version 4 and a made-up access key; S3's "unknown key" error shows S3 is served
//! there ([`scs_standards::services::swift_s3`] decides). No EC2 credential is created and
//! nothing is written to Keystone; the request carries no token.

use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use super::source::OpenStackSource;
use crate::facts::Fact;
use crate::source::{FactError, SwiftS3Probe};

const FACT: Fact = Fact::SwiftS3;
/// The region put into the signature; Ceph RGW and Swift's s3api accept `us-east-1` by default.
const REGION: &str = "us-east-1";
/// How much of S3's answer is read: an error document is a few hundred bytes.
const MAX_BODY: usize = 64 * 1024;

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

/// A made-up key pair: 20 upper-case characters like an AWS access key id (marked `SCS0123`,
/// so that an operator who finds it in S3's log knows where it came from), and a secret that
/// no S3 knows.
fn made_up_keys() -> (String, String) {
    let random = uuid::Uuid::new_v4()
        .simple()
        .to_string()
        .to_ascii_uppercase();
    (
        format!("SCS0123{}", &random[..13]),
        uuid::Uuid::new_v4().simple().to_string(),
    )
}

/// Runs the probe (the catalog has an `object-store`).
pub(crate) async fn probe(source: &OpenStackSource) -> Result<SwiftS3Probe, FactError> {
    let (_, swift) = source.endpoint(FACT, &["object-store"])?;
    let host = s3_host(&swift).ok_or_else(|| {
        FactError::failed(
            FACT,
            format!(
                "cloud {}: object-store URL {swift} has no host",
                source.cloud()
            ),
        )
    })?;
    let url = format!("{host}/");
    let parsed =
        reqwest::Url::parse(&url).map_err(|e| FactError::failed(FACT, format!("{url}: {e}")))?;
    let (access, secret) = made_up_keys();
    let mut request = source.http().client().get(parsed.clone());
    for (name, value) in sign("GET", &parsed, &access, &secret, Utc::now()) {
        request = request.header(name, value);
    }
    let mut probe = SwiftS3Probe {
        url: Some(url.clone()),
        ..SwiftS3Probe::default()
    };
    match request.send().await {
        Ok(mut response) => {
            let status = response.status().as_u16();
            let mut body = Vec::new();
            while body.len() < MAX_BODY {
                match response.chunk().await {
                    Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                    // A body cut short still has its status; the code may be lost.
                    Ok(None) | Err(_) => break,
                }
            }
            body.truncate(MAX_BODY);
            let answer = scs_standards::services::S3Answer::from_response(
                status,
                &String::from_utf8_lossy(&body),
            );
            if let scs_standards::services::S3Answer::Http { code, .. } = answer {
                probe.status = Some(status);
                probe.code = code;
            }
        }
        Err(e) => {
            let why = match super::http::classify(&e) {
                super::http::Failure::Timeout => "no answer in time".to_owned(),
                _ => format!("cannot connect: {}", super::http::root_message(&e)),
            };
            probe.error = Some(source.secrets().scrub(&format!("GET {url}: {why}")));
        }
    }
    Ok(probe)
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
    fn s3_host_is_scheme_and_authority() {
        assert_eq!(
            s3_host("https://objects.example.com/swift/v1/AUTH_p").as_deref(),
            Some("https://objects.example.com")
        );
        assert_eq!(
            s3_host("http://127.0.0.1:8080/v1/AUTH_p").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(s3_host("not a url"), None);
        let (access, secret) = made_up_keys();
        assert!(
            access.starts_with("SCS0123") && access.len() == 20,
            "{access}"
        );
        assert_ne!(made_up_keys().0, access);
        assert_eq!(secret.len(), 32);
    }

    use super::super::fake::Fake;
    use crate::CloudSource;

    // The loopback cloud of `.ci/openstack` has no Swift and no S3, so the request itself is
    // tested against a scripted server that answers as S3 does (what a real S3 would send is in
    // scs-standards' verdict tests).

    /// One signed GET to the object-store's host, nothing to Keystone, no token.
    #[tokio::test]
    async fn one_signed_list_buckets_to_the_object_store_host() {
        let body = "<?xml version='1.0' encoding='UTF-8'?>\n<Error><Code>InvalidAccessKeyId</Code><Message>The AWS access key Id you provided does not exist in our records.</Message></Error>";
        let fake = Fake::start(vec![("GET", "/", 403, body.into())]);
        let source = OpenStackSource::for_test(&fake.base, &["object-store", "identity"]);
        let probe = source.swift_s3().await.unwrap();
        assert_eq!(probe.url, Some(format!("{}/", fake.base)));
        assert_eq!(
            (probe.status, probe.code.as_deref(), probe.error.as_deref()),
            (Some(403), Some("InvalidAccessKeyId"), None)
        );
        // The catalog's object-store is `{base}/object-store`: S3 is asked at the host's root.
        assert_eq!(fake.seen(), ["GET /"]);
        let headers = fake.headers();
        let auth = headers[0]
            .iter()
            .find(|(k, _)| k == "authorization")
            .map(|(_, v)| v.clone())
            .unwrap();
        assert!(
            auth.starts_with("AWS4-HMAC-SHA256 Credential=SCS0123"),
            "{auth}"
        );
        assert!(
            !headers[0].iter().any(|(k, _)| k == "x-auth-token"),
            "the token does not go to S3: {headers:?}"
        );
    }

    #[tokio::test]
    async fn other_answers_and_no_answer_are_recorded() {
        let fake = Fake::start(vec![("GET", "/", 404, "<html>Not Found</html>".into())]);
        let source = OpenStackSource::for_test(&fake.base, &["object-store"]);
        let probe = source.swift_s3().await.unwrap();
        assert_eq!((probe.status, probe.code.clone()), (Some(404), None));
        // Nobody listens at the host: no answer, with the reason.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", closed.local_addr().unwrap());
        drop(closed);
        let source = OpenStackSource::for_test(&base, &["object-store"]);
        let probe = source.swift_s3().await.unwrap();
        assert_eq!(probe.status, None);
        let error = probe.error.clone().unwrap();
        assert!(
            error.starts_with(&format!("GET {base}/: cannot connect")),
            "{error}"
        );
    }
}
