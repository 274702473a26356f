//! The requests of the live source: one HTTP client with timeouts, a bounded retry on
//! connection resets and 5xx answers, and errors that name the cloud, service, URL and HTTP
//! status — with every known secret scrubbed from them.

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

/// The secrets of one connection (passwords and credential secrets from the configuration,
/// the token once issued), scrubbed from every message the source produces.
///
/// ```
/// use scs_testkit::openstack::Secrets;
/// let secrets = Secrets::default();
/// secrets.add("hunter2-long");
/// assert_eq!(secrets.scrub("password hunter2-long rejected"), "password *** rejected");
/// ```
#[derive(Clone, Default)]
pub struct Secrets(Arc<RwLock<Vec<String>>>);

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.read().map(|s| s.len()).unwrap_or(0);
        write!(f, "Secrets({n} hidden)")
    }
}

impl Secrets {
    /// Adds a secret (empty strings are ignored: they would match everywhere).
    ///
    /// ```
    /// let s = scs_testkit::openstack::Secrets::default();
    /// s.add("");
    /// assert_eq!(s.scrub("abc"), "abc"); // an empty secret is ignored
    /// ```
    pub fn add(&self, secret: impl Into<String>) {
        let secret = secret.into();
        if secret.is_empty() {
            return;
        }
        let mut all = self.0.write().unwrap_or_else(|e| e.into_inner());
        if !all.contains(&secret) {
            all.push(secret);
            // Longest first, so that a secret containing another is replaced whole.
            all.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
    }

    /// `text` with every secret replaced by `***`.
    ///
    /// ```
    /// let s = scs_testkit::openstack::Secrets::default();
    /// s.add("tok");
    /// assert_eq!(s.scrub("tok tok"), "*** ***");
    /// ```
    pub fn scrub(&self, text: &str) -> String {
        let all = self.0.read().unwrap_or_else(|e| e.into_inner());
        let mut out = text.to_owned();
        for secret in all.iter() {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), "***");
            }
        }
        out
    }
}

/// When a failed request is tried again: at most `attempts` tries in all, waiting `delay`,
/// then twice that, and so on. Retried: connection resets (for every method: the probes'
/// writes carry unique names and are cleaned up by name) and 5xx answers to GET and DELETE.
/// Not retried: refused connections and timeouts (the cloud is not there, or waiting again
/// would take as long), 4xx answers.
///
/// ```
/// use scs_testkit::openstack::{Failure, RetryPolicy};
/// let policy = RetryPolicy::default();
/// assert!(policy.retry("GET", &Failure::Status(503), 1));
/// assert!(!policy.retry("POST", &Failure::Status(503), 1));
/// assert!(!policy.retry("GET", &Failure::Refused, 1));
/// assert!(!policy.retry("GET", &Failure::Status(503), policy.attempts));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all (1: no retry).
    pub attempts: u32,
    /// Wait before the first retry; doubled for each further one.
    pub delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 3,
            delay: Duration::from_millis(300),
        }
    }
}

/// How one try of a request failed.
///
/// ```
/// use scs_testkit::openstack::{Failure, RetryPolicy};
/// assert!(RetryPolicy::default().retry("POST", &Failure::Reset, 1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The service answered with this HTTP status.
    Status(u16),
    /// The connection was reset or closed before the answer was complete.
    Reset,
    /// Nobody listens at the address (or it cannot be resolved).
    Refused,
    /// No answer within the timeout.
    Timeout,
    /// Anything else (TLS, a malformed answer).
    Other,
}

impl RetryPolicy {
    /// Whether to try again after `failure` of try number `attempt` (from 1).
    ///
    /// ```
    /// use scs_testkit::openstack::{Failure, RetryPolicy};
    /// assert!(!RetryPolicy::default().retry("GET", &Failure::Status(404), 1));
    /// ```
    pub fn retry(&self, method: &str, failure: &Failure, attempt: u32) -> bool {
        if attempt >= self.attempts {
            return false;
        }
        match failure {
            Failure::Reset => true,
            Failure::Status(s) => {
                matches!(s, 500 | 502 | 503 | 504) && matches!(method, "GET" | "DELETE" | "HEAD")
            }
            Failure::Refused | Failure::Timeout | Failure::Other => false,
        }
    }

    /// The wait before try number `attempt + 1`.
    ///
    /// ```
    /// use std::time::Duration;
    /// let p = scs_testkit::openstack::RetryPolicy { attempts: 3, delay: Duration::from_millis(100) };
    /// assert_eq!(p.delay_after(2), Duration::from_millis(200));
    /// ```
    pub fn delay_after(&self, attempt: u32) -> Duration {
        self.delay * 2u32.saturating_pow(attempt.saturating_sub(1).min(16))
    }
}

/// Why a request to a live cloud failed: the cloud, service, method and URL, the HTTP status
/// if there was an answer, and what went wrong. Never contains a password or token.
///
/// ```
/// use scs_testkit::openstack::ApiError;
/// let e = ApiError {
///     cloud: "prod".into(), service: "image", method: "GET",
///     url: "https://glance.example/v2/images".into(), status: Some(503),
///     message: "Service Unavailable".into(),
/// };
/// assert_eq!(e.to_string(), "cloud prod, service image: GET https://glance.example/v2/images: HTTP 503: Service Unavailable");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cloud {cloud}, service {service}: {method} {url}: {}{message}", .status.map(|s| format!("HTTP {s}: ")).unwrap_or_default())]
pub struct ApiError {
    /// The cloud's name.
    pub cloud: String,
    /// The service type (`compute`, `image`, ...).
    pub service: &'static str,
    /// The HTTP method.
    pub method: &'static str,
    /// The URL.
    pub url: String,
    /// The HTTP status, if the service answered.
    pub status: Option<u16>,
    /// What went wrong (for an answer: the start of its body).
    pub message: String,
}

/// The method's name (the live source sends only these).
fn method_name(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::HEAD => "HEAD",
        _ => "request",
    }
}

/// What a service answered.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: StatusCode,
    pub body: Value,
}

/// Classifies a transport error by its chain of causes.
pub(crate) fn classify(e: &reqwest::Error) -> Failure {
    if e.is_timeout() {
        return Failure::Timeout;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            match io.kind() {
                ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof => {
                    return Failure::Reset;
                }
                ConnectionRefused | NotFound | AddrNotAvailable => return Failure::Refused,
                _ => {}
            }
        }
        let text = err.to_string();
        if text.contains("connection closed before message completed")
            || text.contains("connection reset")
        {
            return Failure::Reset;
        }
        source = err.source();
    }
    if e.is_connect() {
        Failure::Refused
    } else {
        Failure::Other
    }
}

/// The innermost message of an error chain, e.g. "Connection refused (os error 111)".
pub(crate) fn root_message(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e.to_string();
    let mut source = e.source();
    while let Some(err) = source {
        last = err.to_string();
        source = err.source();
    }
    last
}

/// An authenticated HTTP client for one cloud.
pub(crate) struct Http {
    client: reqwest::Client,
    token: SecretString,
    pub cloud: String,
    pub secrets: Secrets,
    retry: RetryPolicy,
}

impl fmt::Debug for Http {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Http")
            .field("cloud", &self.cloud)
            .field("token", &"***")
            .finish_non_exhaustive()
    }
}

impl Http {
    pub fn new(
        client: reqwest::Client,
        token: SecretString,
        cloud: String,
        secrets: Secrets,
        retry: RetryPolicy,
    ) -> Self {
        secrets.add(token.expose_secret());
        Http {
            client,
            token,
            cloud,
            secrets,
            retry,
        }
    }

    /// The HTTP client (TLS settings of the cloud, timeouts) without the token: for requests
    /// that must not carry it, such as the S3 probe's.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    fn error(
        &self,
        service: &'static str,
        method: &Method,
        url: &str,
        status: Option<u16>,
        message: &str,
    ) -> ApiError {
        ApiError {
            cloud: self.cloud.clone(),
            service,
            method: method_name(method),
            url: self.secrets.scrub(url),
            status,
            message: self.secrets.scrub(message),
        }
    }

    /// Sends a request (retrying as the policy says) and returns any answer that is not a 5xx
    /// after the last try; transport failures and 5xx are errors.
    pub async fn send(
        &self,
        service: &'static str,
        method: Method,
        url: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Result<Answer, ApiError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut request = self
                .client
                .request(method.clone(), url)
                .header("X-Auth-Token", self.token.expose_secret())
                .header("Accept", "application/json");
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            if let Some(body) = body {
                request = request
                    .header("Content-Type", "application/json")
                    .body(body.to_string());
            }
            let (failure, message) = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    match response.bytes().await {
                        Ok(bytes) if !status.is_server_error() => {
                            let body = if bytes.is_empty() {
                                Value::Null
                            } else {
                                serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                                    Value::String(String::from_utf8_lossy(&bytes).into_owned())
                                })
                            };
                            return Ok(Answer { status, body });
                        }
                        Ok(bytes) => (
                            Failure::Status(status.as_u16()),
                            excerpt(&String::from_utf8_lossy(&bytes), status),
                        ),
                        Err(e) => (classify(&e), root_message(&e)),
                    }
                }
                Err(e) => (classify(&e), root_message(&e)),
            };
            if self.retry.retry(method.as_str(), &failure, attempt) {
                tokio::time::sleep(self.retry.delay_after(attempt)).await;
                continue;
            }
            let status = match failure {
                Failure::Status(s) => Some(s),
                _ => None,
            };
            let message = match failure {
                Failure::Timeout => format!("no answer in time ({message})"),
                Failure::Refused => format!("cannot connect ({message})"),
                _ if attempt > 1 => format!("{message} (after {attempt} tries)"),
                _ => message,
            };
            return Err(self.error(service, &method, url, status, &message));
        }
    }

    /// DELETE of something that may already be gone: 2xx and 404 are both success (the
    /// object no longer exists); any other answer is an error.
    pub async fn delete_if_present(
        &self,
        service: &'static str,
        url: &str,
    ) -> Result<(), ApiError> {
        let answer = self.send(service, Method::DELETE, url, None, &[]).await?;
        if answer.status == StatusCode::NOT_FOUND {
            return Ok(());
        }
        self.expect_success(service, &Method::DELETE, url, answer)
            .map(|_| ())
    }

    /// GET that must answer 2xx with JSON.
    pub async fn get_json(
        &self,
        service: &'static str,
        url: &str,
        headers: &[(&str, &str)],
    ) -> Result<Value, ApiError> {
        let answer = self.send(service, Method::GET, url, None, headers).await?;
        self.expect_success(service, &Method::GET, url, answer)
    }

    /// An error for an answer that is not 2xx.
    pub fn expect_success(
        &self,
        service: &'static str,
        method: &Method,
        url: &str,
        answer: Answer,
    ) -> Result<Value, ApiError> {
        if answer.status.is_success() {
            return Ok(answer.body);
        }
        let text = match &answer.body {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        Err(self.error(
            service,
            method,
            url,
            Some(answer.status.as_u16()),
            &excerpt(&text, answer.status),
        ))
    }
}

/// The start of an error body, or the status's reason when it is empty.
fn excerpt(body: &str, status: StatusCode) -> String {
    let body = body.trim();
    if body.is_empty() {
        return status.canonical_reason().unwrap_or("").to_owned();
    }
    let mut cut: String = body.chars().take(300).collect();
    if cut.len() < body.len() {
        cut.push('…');
    }
    cut.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_policy_is_bounded_and_selective() {
        let p = RetryPolicy {
            attempts: 4,
            delay: Duration::from_millis(100),
        };
        for attempt in 1..4 {
            assert!(p.retry("GET", &Failure::Reset, attempt));
            assert!(p.retry("POST", &Failure::Reset, attempt));
            assert!(p.retry("DELETE", &Failure::Status(502), attempt));
        }
        assert!(!p.retry("GET", &Failure::Reset, 4));
        for s in [400, 401, 403, 404, 409, 501] {
            assert!(!p.retry("GET", &Failure::Status(s), 1), "{s}");
        }
        assert!(!p.retry("POST", &Failure::Status(500), 1));
        assert!(!p.retry("GET", &Failure::Timeout, 1));
        assert!(!p.retry("GET", &Failure::Other, 1));
        assert_eq!(p.delay_after(1), Duration::from_millis(100));
        assert_eq!(p.delay_after(3), Duration::from_millis(400));
        let none = RetryPolicy { attempts: 1, ..p };
        assert!(!none.retry("GET", &Failure::Reset, 1));
    }

    #[test]
    fn secrets_are_scrubbed_longest_first() {
        let s = Secrets::default();
        s.add("abc");
        s.add("abcdef");
        s.add("");
        assert_eq!(s.scrub("x abcdef y abc z"), "x *** y *** z");
        assert_eq!(format!("{s:?}"), "Secrets(2 hidden)");
    }

    #[test]
    fn api_errors_name_everything_but_secrets() {
        let secrets = Secrets::default();
        let http = Http::new(
            reqwest::Client::new(),
            SecretString::from("gAAAA-token-value"),
            "prod".into(),
            secrets.clone(),
            RetryPolicy::default(),
        );
        secrets.add("pw-123456");
        let e = http.error(
            "image",
            &Method::GET,
            "http://g/v2/images",
            Some(401),
            "token gAAAA-token-value or pw-123456 rejected",
        );
        let text = e.to_string();
        assert_eq!(
            text,
            "cloud prod, service image: GET http://g/v2/images: HTTP 401: token *** or *** rejected"
        );
        assert!(!format!("{http:?}").contains("gAAAA"));
        assert_eq!(excerpt("", StatusCode::NOT_FOUND), "Not Found");
        assert_eq!(
            excerpt(&"x".repeat(400), StatusCode::NOT_FOUND)
                .chars()
                .count(),
            301
        );
    }

    /// A server on 127.0.0.1 that answers each connection with the next of `answers` (`None`:
    /// close without answering), reading the request first.
    fn serve(answers: Vec<Option<&'static str>>) -> String {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/v2.1/flavors", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for answer in answers {
                let Ok((mut stream, _)) = listener.accept() else {
                    return;
                };
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                if let Some(answer) = answer {
                    let _ = stream.write_all(answer.as_bytes());
                }
            }
        });
        url
    }

    const UNAVAILABLE: &str =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy";
    const OK: &str = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"ok\": true}";

    fn http(attempts: u32) -> Http {
        let policy = RetryPolicy {
            attempts,
            delay: Duration::from_millis(5),
        };
        Http::new(
            reqwest::Client::new(),
            SecretString::from("tok-secret"),
            "c".into(),
            Secrets::default(),
            policy,
        )
    }

    #[tokio::test]
    async fn a_reset_and_a_503_are_retried() {
        let url = serve(vec![None, Some(UNAVAILABLE), Some(OK)]);
        let answer = http(3)
            .send("compute", Method::GET, &url, None, &[])
            .await
            .unwrap();
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.body["ok"], true);
    }

    #[tokio::test]
    async fn retries_are_bounded_and_the_error_says_so() {
        let url = serve(vec![Some(UNAVAILABLE), Some(UNAVAILABLE), Some(OK)]);
        let e = http(2)
            .send("compute", Method::GET, &url, None, &[])
            .await
            .unwrap_err();
        assert_eq!(e.status, Some(503));
        assert_eq!(
            e.to_string(),
            format!("cloud c, service compute: GET {url}: HTTP 503: busy (after 2 tries)")
        );
        // A POST is not repeated on a 5xx (it may have done its work).
        let url = serve(vec![Some(UNAVAILABLE), Some(OK)]);
        let e = http(3)
            .send("network", Method::POST, &url, Some(&Value::Null), &[])
            .await
            .unwrap_err();
        assert_eq!(e.status, Some(503));
        // Nobody listening: no retry, a clear message.
        let e = http(3)
            .send(
                "image",
                Method::GET,
                "http://127.0.0.1:9/v2/images",
                None,
                &[],
            )
            .await
            .unwrap_err();
        assert_eq!(e.status, None);
        assert!(e.message.starts_with("cannot connect ("), "{e}");
    }
}
