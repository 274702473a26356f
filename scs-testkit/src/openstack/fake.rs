//! A scripted HTTP server on 127.0.0.1 for the probes' unit tests: each request is answered by
//! the first rule whose method and path prefix match, and recorded. In an answer, `{base}` is
//! the server's own URL and `{name}` the request's `name=` query value. After a successful
//! DELETE of a path, a GET of exactly that path answers 404 (the object is gone). Rules given to
//! [`Fake::start_with_once`] as `once` are tried before the others and each answers only one
//! request: a service whose answer changes (a conflict that clears, a listing that grows).

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::{Arc, Mutex};

/// (method, path prefix, status, body).
pub(crate) type Rule = (&'static str, &'static str, u16, String);

/// A request's headers: (lower-case name, value).
pub(crate) type Headers = Vec<(String, String)>;

pub(crate) struct Fake {
    pub base: String,
    pub seen: Arc<Mutex<Vec<String>>>,
    pub headers: Arc<Mutex<Vec<Headers>>>,
}

impl Fake {
    pub fn start(rules: Vec<Rule>) -> Fake {
        Fake::start_with_once(Vec::new(), rules)
    }

    /// Like [`Fake::start`], with `once` rules that answer one request each, before `rules`.
    pub fn start_with_once(once: Vec<Rule>, rules: Vec<Rule>) -> Fake {
        let mut once: Vec<Option<Rule>> = once.into_iter().map(Some).collect();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let headers = Arc::new(Mutex::new(Vec::new()));
        let header_log = Arc::clone(&headers);
        let own = base.clone();
        std::thread::spawn(move || {
            let mut deleted: Vec<String> = Vec::new();
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let mut length = 0;
                let mut these = Headers::new();
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = header.split_once(':') {
                        these.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
                    }
                    if let Some(v) = header.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let mut parts = line.split_whitespace();
                let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                log.lock().unwrap().push(format!("{method} {path}"));
                header_log.lock().unwrap().push(these);
                let (status, answer) = if method == "GET" && deleted.iter().any(|d| d == path) {
                    (404, String::new())
                } else if let Some(slot) = once.iter_mut().find(|r| {
                    r.as_ref()
                        .is_some_and(|(m, p, _, _)| *m == method && path.starts_with(p))
                }) {
                    let (_, _, s, b) = slot.take().expect("found as Some");
                    (s, b)
                } else {
                    rules
                        .iter()
                        .find(|(m, p, _, _)| *m == method && path.starts_with(p))
                        .map(|(_, _, s, b)| (*s, b.clone()))
                        .unwrap_or((404, String::new()))
                };
                if method == "DELETE" && (200..300).contains(&status) {
                    deleted.push(path.to_owned());
                }
                let name = path
                    .split_once("name=")
                    .map_or("", |(_, n)| n.split('&').next().unwrap_or(""));
                let answer = answer.replace("{base}", &own).replace("{name}", name);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            }
        });
        Fake {
            base,
            seen,
            headers,
        }
    }

    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    /// The headers of each request, in the order of [`Fake::seen`].
    pub fn headers(&self) -> Vec<Headers> {
        self.headers.lock().unwrap().clone()
    }
}
