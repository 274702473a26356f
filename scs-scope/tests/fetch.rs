//! Fetching scopes (feature `fetch`) against a small HTTP server on 127.0.0.1 started by each
//! test. A fake server, because the failures tested here (oversized bodies, redirect loops,
//! redirects to plain http elsewhere, a server that stalls, wrong scopes) are what a real
//! server of scope files does not produce on demand. After every refusal nothing is stored.
#![cfg(feature = "fetch")]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use scs_scope::fetch::{FetchError, FetchOptions, fetch_into_cache, fetch_text};
use scs_scope::{BuiltinScope, ScopeCache, ScopeOrigin, preferred};

/// What the server answers for a path: status line, extra headers, body, delay before answering.
struct Answer {
    status: &'static str,
    headers: Vec<String>,
    body: Vec<u8>,
    delay: Duration,
    /// Send `Content-Length` (otherwise the body ends when the connection closes).
    declare_length: bool,
}

fn ok(body: impl Into<Vec<u8>>) -> Answer {
    Answer {
        status: "200 OK",
        headers: vec![],
        body: body.into(),
        delay: Duration::ZERO,
        declare_length: true,
    }
}

fn redirect(to: String) -> Answer {
    Answer {
        status: "302 Found",
        headers: vec![format!("Location: {to}")],
        body: vec![],
        delay: Duration::ZERO,
        declare_length: true,
    }
}

/// Serves `answer(path, base)` on 127.0.0.1 until the test ends; returns the base URL.
fn serve(answer: impl Fn(&str, &str) -> Answer + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let answer = Arc::new(answer);
    let base2 = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let answer = answer.clone();
            let base = base2.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                }
                let a = answer(&path, &base);
                std::thread::sleep(a.delay);
                let mut head = format!("HTTP/1.1 {}\r\nConnection: close\r\n", a.status);
                if a.declare_length {
                    head.push_str(&format!("Content-Length: {}\r\n", a.body.len()));
                }
                for h in &a.headers {
                    head.push_str(h);
                    head.push_str("\r\n");
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&a.body);
            });
        }
    });
    base
}

/// A small valid scope with the given uuid (written for this test).
fn scope_text(uuid: &str) -> String {
    format!(
        "name: Test scope\nuuid: {uuid}\nurl: https://example.com/scope.yaml\nscripts:\n\
         - testcases: [{{id: t-1}}]\nmodules:\n- {{id: m, targets: {{main: [t-1]}}}}\n\
         timeline:\n- {{date: 2026-10-01, versions: {{v1: effective}}}}\n\
         versions:\n- {{version: v1, stabilized_at: 2026-09-01, include: [m]}}\n"
    )
}

fn options() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_millis(700),
        max_bytes: 4096,
        max_redirects: 3,
    }
}

fn stored(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => vec![],
    }
}

/// Fetches `path` from the server as the IaaS scope; the error, after checking nothing was stored.
fn refused(base: &str, path: &str) -> FetchError {
    let dir = tempfile::tempdir().unwrap();
    let cache = ScopeCache::new(dir.path().join("scopes"));
    let url = format!("{base}{path}");
    let err = fetch_into_cache(&cache, &url, Some(BuiltinScope::Iaas), &options())
        .expect_err("must be refused");
    assert_eq!(stored(cache.dir()), Vec::<String>::new(), "{err}");
    err
}

#[test]
fn a_good_scope_is_stored_atomically_and_then_preferred() {
    let iaas = BuiltinScope::Iaas;
    let base = serve(move |_, _| ok(scope_text(iaas.uuid())));
    let dir = tempfile::tempdir().unwrap();
    let cache = ScopeCache::new(dir.path().join("scopes"));
    // Nothing cached: the built-in scope.
    assert!(matches!(
        preferred(iaas, Some(&cache)).origin,
        ScopeOrigin::BuiltIn { .. }
    ));
    let url = format!("{base}/iaas.yaml");
    let chosen = fetch_into_cache(&cache, &url, Some(iaas), &options()).unwrap();
    assert_eq!(chosen.scope.name(), "Test scope");
    // Exactly the scope and its source: no temporary file left behind.
    let mut files = stored(cache.dir());
    files.sort();
    assert_eq!(files, ["iaas.source", "iaas.yaml"]);
    assert_eq!(
        std::fs::read_to_string(cache.path_of(iaas)).unwrap(),
        scope_text(iaas.uuid())
    );
    // Fetched after the built-in's as-of day: preferred, and the run can say so.
    let used = preferred(iaas, Some(&cache));
    assert_eq!(used.scope.name(), "Test scope");
    let said = used.describe();
    assert!(
        said.starts_with(&format!("scope: Test scope (fetched from {url} on ")),
        "{said}"
    );
    assert!(said.ends_with(&format!("cached at {})", cache.path_of(iaas).display())));
    // A copy fetched before the built-in facts were taken is passed over, with a note.
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600); // 2026-01-01
    std::fs::File::options()
        .write(true)
        .open(cache.path_of(iaas))
        .unwrap()
        .set_modified(old)
        .unwrap();
    let used = preferred(iaas, Some(&cache));
    assert!(matches!(used.origin, ScopeOrigin::BuiltIn { .. }));
    assert!(used.note.unwrap().contains("older than the built-in"));
    // The other built-in is untouched.
    assert!(matches!(
        preferred(BuiltinScope::Kaas, Some(&cache)).origin,
        ScopeOrigin::BuiltIn { .. }
    ));
}

#[test]
fn a_cached_copy_that_no_longer_loads_is_ignored_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let cache = ScopeCache::new(dir.path());
    std::fs::write(cache.path_of(BuiltinScope::Kaas), "name: [").unwrap();
    let used = preferred(BuiltinScope::Kaas, Some(&cache));
    assert!(matches!(used.origin, ScopeOrigin::BuiltIn { .. }));
    assert!(used.note.unwrap().starts_with("ignoring the cached copy"));
}

#[test]
fn too_big_is_refused() {
    let base = serve(|path, _| {
        // Without a length, the reader itself stops at the limit.
        Answer {
            declare_length: path != "/no-length",
            ..ok(vec![b'#'; 5000])
        }
    });
    for path in ["/big.yaml", "/no-length"] {
        let err = refused(&base, path);
        assert!(
            matches!(err, FetchError::TooLarge { limit: 4096, .. }),
            "{err}"
        );
        assert!(err.to_string().ends_with("more than 4096 bytes, refused"));
    }
}

#[test]
fn too_many_redirects_are_refused() {
    let requests = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = requests.clone();
    let base = serve(move |path, base| {
        seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let n: u32 = path.trim_start_matches("/r/").parse().unwrap_or(0);
        redirect(format!("{base}/r/{}", n + 1))
    });
    let err = refused(&base, "/r/0");
    assert!(err.to_string().contains("more than 3 redirects"), "{err}");
    // The first request and three redirects followed; the fourth is not.
    assert_eq!(requests.load(std::sync::atomic::Ordering::SeqCst), 4);
}

#[test]
fn a_redirect_to_plain_http_elsewhere_is_refused() {
    let base = serve(|_, _| redirect("http://example.com/scs-compatible-iaas.yaml".into()));
    let err = refused(&base, "/moved");
    assert!(
        err.to_string()
            .contains("redirect to http://example.com/scs-compatible-iaas.yaml refused"),
        "{err}"
    );
}

#[test]
fn a_redirect_within_loopback_is_followed() {
    let iaas = BuiltinScope::Iaas;
    let base = serve(move |path, base| match path {
        "/old" => redirect(format!("{base}/new")),
        _ => ok(scope_text(iaas.uuid())),
    });
    let text = fetch_text(&format!("{base}/old"), &options()).unwrap();
    assert!(text.contains(iaas.uuid()));
}

#[test]
fn a_slow_server_times_out() {
    let base = serve(|_, _| Answer {
        delay: Duration::from_secs(3),
        ..ok("name: late")
    });
    let err = refused(&base, "/slow.yaml");
    assert!(err.to_string().contains("timed out after 0.7 s"), "{err}");
}

#[test]
fn the_wrong_scope_is_refused() {
    let base = serve(|_, _| ok(scope_text(BuiltinScope::Kaas.uuid())));
    let err = refused(&base, "/iaas.yaml");
    assert!(matches!(err, FetchError::WrongUuid { .. }), "{err}");
    assert!(
        err.to_string().contains(
            "uuid 1fffebe6-fd4b-44d3-a36c-fc58b4bb0180 is not that of SCS-compatible IaaS"
        )
    );
}

#[test]
fn a_scope_of_no_builtin_is_not_cached() {
    let base = serve(|_, _| ok(scope_text("00000000-0000-0000-0000-000000000000")));
    let dir = tempfile::tempdir().unwrap();
    let cache = ScopeCache::new(dir.path());
    let err = fetch_into_cache(&cache, &format!("{base}/x.yaml"), None, &options()).unwrap_err();
    assert!(matches!(err, FetchError::NotBuiltin { .. }), "{err}");
    assert!(stored(dir.path()).is_empty());
}

#[test]
fn not_a_scope_is_refused() {
    let base = serve(|path, _| match path {
        "/binary" => ok(vec![0xff, 0xfe, 0x00]),
        "/missing" => Answer {
            status: "404 Not Found",
            ..ok("no")
        },
        _ => ok("<html>not a scope</html>\n"),
    });
    let err = refused(&base, "/page.html");
    assert!(matches!(err, FetchError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("not a valid scope"), "{err}");
    assert!(refused(&base, "/binary").to_string().contains("not UTF-8"));
    let err = refused(&base, "/missing");
    assert!(
        matches!(err, FetchError::Status { status: 404, .. }),
        "{err}"
    );
}

#[test]
fn plain_http_elsewhere_is_refused_without_a_request() {
    let err = refused("http://example.com", "/scs-compatible-iaas.yaml");
    assert!(matches!(err, FetchError::Insecure { .. }), "{err}");
    let err = refused("ftp://127.0.0.1", "/x");
    assert!(matches!(err, FetchError::Insecure { .. }), "{err}");
    let err = refused("not a url", "");
    assert!(matches!(err, FetchError::BadUrl { .. }), "{err}");
}
