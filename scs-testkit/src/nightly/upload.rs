//! Uploading signed reports to the SCS compliance monitor.
//!
//! The monitor takes `POST {monitor}/reports` with the body *signature `&` report*
//! ([`scs_scope::signing::signed_body`]), `Content-Type: application/x-signed-yaml` and HTTP
//! basic auth. It answers 200 when it stored the report, 409 when a report with the same run
//! uuid is there already (a repeated upload: reported, not an error), 401 when the credential
//! or the signature is wrong, other 4xx when it rejects the report.
//!
//! Retried, at most [`UploadOptions::attempts`] tries in all with doubling waits: connection
//! failures (refused, reset, timed out) and 5xx answers. A retry cannot store a report twice:
//! the monitor answers 409 to a run uuid it has. Not retried: 4xx and TLS failures.
//!
//! The credential never appears in an error, a `Debug` output or a log line.
//!
//! ```no_run
//! use scs_testkit::nightly::{Monitor, MonitorCredential, UploadOptions};
//! # async fn f() -> Result<(), Box<dyn std::error::Error>> {
//! let monitor = Monitor::new(
//!     "https://compliance.sovereignit.cloud/",
//!     MonitorCredential::from_file(".secret/tokenfile")?,
//!     UploadOptions::default(),
//! )?;
//! let body = std::fs::read("report.signed")?;
//! println!("{}", monitor.upload(body).await?);
//! # Ok(()) }
//! ```

use std::fmt;
use std::path::Path;
use std::time::Duration;

use reqwest::{StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};

use scs_scope::fetch::is_loopback;

use crate::openstack::{Failure, classify, root_message};

/// The monitor the SCS certification uploads to, as in the reference runner.
pub const DEFAULT_MONITOR_URL: &str = "https://compliance.sovereignit.cloud/";

/// The content type of a signed YAML upload.
pub const SIGNED_YAML: &str = "application/x-signed-yaml";

/// The largest part of an error answer kept for the message.
const MAX_DETAIL_BYTES: usize = 2048;

/// The monitor credential: what follows `Authorization: Basic` (the base64 of
/// `account:api-key`), read from the runner's `tokenfile` as the reference runner reads it.
#[derive(Clone)]
pub struct MonitorCredential(SecretString);

impl fmt::Debug for MonitorCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MonitorCredential(***)")
    }
}

impl MonitorCredential {
    /// Reads the credential from `path` (surrounding white space removed).
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let file = dir.path().join("tokenfile");
    /// std::fs::write(&file, "c2NzOnNlY3JldA==\n").unwrap();
    /// let credential = scs_testkit::nightly::MonitorCredential::from_file(&file).unwrap();
    /// assert_eq!(format!("{credential:?}"), "MonitorCredential(***)");
    /// ```
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, UploadError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| UploadError::Credential {
            reason: format!("cannot read tokenfile {}: {e}", path.display()),
        })?;
        Self::new(text.trim()).map_err(|_| UploadError::Credential {
            reason: format!(
                "tokenfile {} is empty or not one line of printable ASCII",
                path.display()
            ),
        })
    }

    /// A credential from its text (the base64 of `account:api-key`).
    ///
    /// ```
    /// use scs_testkit::nightly::MonitorCredential;
    /// assert!(MonitorCredential::new("c2NzOnNlY3JldA==").is_ok());
    /// assert!(MonitorCredential::new("two\nlines").is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self, UploadError> {
        let usable = !text.is_empty() && text.bytes().all(|b| b.is_ascii_graphic());
        if !usable {
            return Err(UploadError::Credential {
                reason: "the credential is empty or not one line of printable ASCII".into(),
            });
        }
        Ok(MonitorCredential(SecretString::from(text.to_owned())))
    }

    /// The credential for `account` and `api_key`, encoded as basic auth wants it.
    ///
    /// ```
    /// use scs_testkit::nightly::MonitorCredential;
    /// assert!(MonitorCredential::for_account("scs2", "secret").is_ok());
    /// ```
    pub fn for_account(account: &str, api_key: &str) -> Result<Self, UploadError> {
        use base64::Engine;
        Self::new(&base64::engine::general_purpose::STANDARD.encode(format!("{account}:{api_key}")))
    }
}

/// Limits of an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadOptions {
    /// Tries in all (1: no retry).
    pub attempts: u32,
    /// Wait before the first retry; doubled for each further one.
    pub delay: Duration,
    /// For one try, answer included.
    pub timeout: Duration,
}

impl Default for UploadOptions {
    fn default() -> Self {
        UploadOptions {
            attempts: 4,
            delay: Duration::from_secs(2),
            timeout: Duration::from_secs(120),
        }
    }
}

/// What the monitor did with an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Uploaded {
    /// Stored (200).
    Accepted,
    /// Stored before: a report with the same run uuid is there (409).
    AlreadyThere,
}

impl fmt::Display for Uploaded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Uploaded::Accepted => "accepted by the monitor",
            Uploaded::AlreadyThere => "already uploaded (409): the monitor has this run",
        })
    }
}

/// Why an upload failed. Never contains the credential.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UploadError {
    /// The monitor URL is unusable.
    #[error("monitor URL {url}: {reason}")]
    Url {
        /// The URL given.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// The tokenfile is unusable.
    #[error("{reason}")]
    Credential {
        /// What is wrong.
        reason: String,
    },
    /// 401: the credential or the signature was not accepted.
    #[error("POST {url}: HTTP 401: the monitor refused the credential or the signature ({detail})")]
    Unauthorized {
        /// Where it was posted.
        url: String,
        /// What the monitor said.
        detail: String,
    },
    /// Another 4xx: the monitor rejected the report.
    #[error("POST {url}: HTTP {status}: the monitor rejected the report ({detail})")]
    Rejected {
        /// Where it was posted.
        url: String,
        /// The HTTP status.
        status: u16,
        /// What the monitor said.
        detail: String,
    },
    /// Still failing after the last try (connection failures or 5xx).
    #[error("POST {url}: gave up after {attempts} tries: {last}")]
    Unavailable {
        /// Where it was posted.
        url: String,
        /// Tries made.
        attempts: u32,
        /// The last failure.
        last: String,
    },
}

/// A compliance monitor to upload to.
#[derive(Debug, Clone)]
pub struct Monitor {
    reports: Url,
    credential: MonitorCredential,
    options: UploadOptions,
    client: reqwest::Client,
}

impl Monitor {
    /// A monitor at `url` (reports go to `{url}/reports`). `https://` is required, with TLS
    /// verified; plain `http://` only on loopback (tests, a local monitor). A user or password
    /// in the URL is refused: the credential belongs in the tokenfile, not in logs.
    ///
    /// ```
    /// use scs_testkit::nightly::{Monitor, MonitorCredential, UploadOptions};
    /// let c = MonitorCredential::new("c2NzOnNlY3JldA==").unwrap();
    /// assert!(Monitor::new("http://127.0.0.1:8080", c.clone(), UploadOptions::default()).is_ok());
    /// let err = Monitor::new("http://monitor.example", c, UploadOptions::default()).unwrap_err();
    /// assert!(err.to_string().contains("https"));
    /// ```
    pub fn new(
        url: &str,
        credential: MonitorCredential,
        options: UploadOptions,
    ) -> Result<Self, UploadError> {
        let bad = |reason: &str| UploadError::Url {
            url: url.to_owned(),
            reason: reason.to_owned(),
        };
        let mut base = Url::parse(url).map_err(|e| bad(&e.to_string()))?;
        if !base.username().is_empty() || base.password().is_some() {
            return Err(bad(
                "holds a user or password; put the credential in the tokenfile",
            ));
        }
        match base.scheme() {
            "https" => {}
            "http" if is_loopback(&base) => {}
            "http" => return Err(bad("plain http is only allowed on loopback; use https")),
            _ => return Err(bad("not an https URL")),
        }
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let reports = base.join("reports").map_err(|e| bad(&e.to_string()))?;
        let client = reqwest::Client::builder()
            .timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| bad(&root_message(&e)))?;
        Ok(Monitor {
            reports,
            credential,
            options,
            client,
        })
    }

    /// Where reports are posted.
    ///
    /// ```
    /// use scs_testkit::nightly::{Monitor, MonitorCredential, UploadOptions};
    /// let c = MonitorCredential::new("x").unwrap();
    /// let m = Monitor::new("https://monitor.example/scs", c, UploadOptions::default()).unwrap();
    /// assert_eq!(m.reports_url(), "https://monitor.example/scs/reports");
    /// ```
    pub fn reports_url(&self) -> &str {
        self.reports.as_str()
    }

    /// Posts `body` (signature, `&`, report: [`scs_scope::signing::signed_body`]).
    pub async fn upload(&self, body: Vec<u8>) -> Result<Uploaded, UploadError> {
        let url = self.reports.to_string();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let sent = self
                .client
                .post(self.reports.clone())
                .header(reqwest::header::CONTENT_TYPE, SIGNED_YAML)
                .header(
                    reqwest::header::AUTHORIZATION,
                    format!("Basic {}", self.credential.0.expose_secret()),
                )
                .body(body.clone())
                .send()
                .await;
            let (failure, last) = match sent {
                Ok(answer) => {
                    let status = answer.status();
                    match status {
                        s if s.is_success() => return Ok(Uploaded::Accepted),
                        StatusCode::CONFLICT => return Ok(Uploaded::AlreadyThere),
                        _ => {}
                    }
                    let detail = detail(answer).await;
                    if status == StatusCode::UNAUTHORIZED {
                        return Err(UploadError::Unauthorized { url, detail });
                    }
                    if !status.is_server_error() {
                        return Err(UploadError::Rejected {
                            url,
                            status: status.as_u16(),
                            detail,
                        });
                    }
                    (
                        Failure::Status(status.as_u16()),
                        format!("HTTP {}: {detail}", status.as_u16()),
                    )
                }
                Err(e) => (classify(&e), root_message(&e)),
            };
            let retried = matches!(
                failure,
                Failure::Status(_) | Failure::Reset | Failure::Refused | Failure::Timeout
            );
            if !retried || attempt >= self.options.attempts {
                return Err(UploadError::Unavailable {
                    url,
                    attempts: attempt,
                    last,
                });
            }
            let wait = self.options.delay * 2u32.saturating_pow((attempt - 1).min(16));
            tokio::time::sleep(wait).await;
        }
    }
}

/// The start of an error answer: FastAPI's `{"detail": ...}` when it is that, else the text.
async fn detail(answer: reqwest::Response) -> String {
    let bytes = answer.bytes().await.unwrap_or_default();
    let bytes = &bytes[..bytes.len().min(MAX_DETAIL_BYTES)];
    let text = String::from_utf8_lossy(bytes);
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(map)) if map.contains_key("detail") => match &map["detail"] {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        },
        _ => text.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openstack::fake::Fake;

    fn monitor(base: &str, attempts: u32) -> Monitor {
        let options = UploadOptions {
            attempts,
            delay: Duration::from_millis(5),
            timeout: Duration::from_secs(5),
        };
        Monitor::new(
            base,
            MonitorCredential::for_account("scs-ci", "very-secret-key").unwrap(),
            options,
        )
        .unwrap()
    }

    #[tokio::test]
    async fn accepted_conflict_and_refusals_are_told_apart() {
        let fake = Fake::start(vec![("POST", "/reports", 200, String::new())]);
        assert_eq!(
            monitor(&fake.base, 1).upload(b"sig&r".to_vec()).await,
            Ok(Uploaded::Accepted)
        );
        let seen = fake.seen.lock().unwrap().clone();
        assert_eq!(seen.len(), 1, "{seen:?}");

        let fake = Fake::start(vec![("POST", "/reports", 409, "{}".into())]);
        assert_eq!(
            monitor(&fake.base, 3).upload(b"x".to_vec()).await,
            Ok(Uploaded::AlreadyThere)
        );

        let fake = Fake::start(vec![(
            "POST",
            "/reports",
            401,
            r#"{"detail": "verification failed"}"#.into(),
        )]);
        let err = monitor(&fake.base, 3).upload(b"x".to_vec()).await;
        match err {
            Err(e @ UploadError::Unauthorized { .. }) => {
                let text = e.to_string();
                assert!(text.contains("verification failed"), "{text}");
                assert!(!text.contains("very-secret-key"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(fake.seen.lock().unwrap().len(), 1, "a 401 is not retried");

        let fake = Fake::start(vec![("POST", "/reports", 415, "nope".into())]);
        assert!(matches!(
            monitor(&fake.base, 3).upload(b"x".to_vec()).await,
            Err(UploadError::Rejected { status: 415, .. })
        ));
        assert_eq!(fake.seen.lock().unwrap().len(), 1, "a 4xx is not retried");
    }

    #[tokio::test]
    async fn server_errors_are_retried_a_bounded_number_of_times() {
        let fake = Fake::start(vec![("POST", "/reports", 503, "busy".into())]);
        match monitor(&fake.base, 3).upload(b"x".to_vec()).await {
            Err(UploadError::Unavailable { attempts, last, .. }) => {
                assert_eq!(attempts, 3);
                assert!(last.contains("503"), "{last}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(fake.seen.lock().unwrap().len(), 3);
    }

    #[tokio::test]
    async fn a_refused_connection_is_retried_then_reported() {
        // Bind and drop: nothing listens on this port now.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        match monitor(&format!("http://127.0.0.1:{port}"), 2)
            .upload(b"x".to_vec())
            .await
        {
            Err(UploadError::Unavailable { attempts: 2, .. }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn urls_are_checked_before_anything_is_sent() {
        let c = MonitorCredential::new("x").unwrap();
        let o = UploadOptions::default();
        for bad in [
            "http://monitor.example/",
            "ftp://127.0.0.1/",
            "https://user:pw@monitor.example/",
            "not a url",
        ] {
            assert!(Monitor::new(bad, c.clone(), o).is_err(), "{bad}");
        }
        for good in [
            "https://monitor.example",
            "http://localhost:8080/",
            "http://[::1]:8080",
        ] {
            assert!(Monitor::new(good, c.clone(), o).is_ok(), "{good}");
        }
    }
}
