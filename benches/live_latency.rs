//! Wall time of a full live check against the loopback OpenStack of `.ci/openstack/`, with 0 ms
//! and 30 ms added to every HTTP request (issue 14, "Speed of a live check": a remote cloud).
//!
//! The timed check: `scs openstack-test -c scs-member` with every built-in testcase except the
//! six whose probes create resources ([`WRITING`]: the volume backup, the sample VM, the key
//! manager's secret); the rest write nothing to the loopback cloud (it has default
//! security-group rules and no Swift, so neither scs-0115's nor scs-0123's probe creates
//! anything). The latency comes from a forward proxy of this bench
//! (`HTTP_PROXY`, loopback targets only, at most [`MAX_CONNECTIONS`] at a time) that waits
//! before passing each request on; the cloud's own time is in both figures.
//!
//! Run (the cloud is shared, so under its lock):
//!
//! ```text
//! flock /tmp/scs-live.lock cargo bench --bench live_latency
//! SCS_IDENTITY_DISCOVERY=always flock /tmp/scs-live.lock cargo bench --bench live_latency
//! ```
//!
//! The second line restores Keystone's version discovery even when `auth_url` names v3 (the
//! behaviour before issue 14). `SCS_BENCH_SCS=/path/to/scs` measures another build of the tool
//! instead of this tree's, e.g. main's before a change (`before` in the figures' names when
//! either variable is set). The first check of each latency prints its HTTP requests with their
//! timing. Without the loopback cloud (`$SCS_OPENSTACK_RUN/ready`, default
//! `/tmp/scs-openstack`) the bench says so and measures nothing.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use scs::testkit::Registry;

/// Connections the proxy serves at once; more wait in the listen queue.
const MAX_CONNECTIONS: usize = 64;
/// A request head larger than this is refused.
const MAX_HEAD: usize = 64 * 1024;

/// A forward HTTP proxy on 127.0.0.1 that sleeps `latency` before forwarding each request to
/// its (loopback) target. Every answer is sent with `Connection: close`.
struct LatencyProxy {
    url: String,
    requests: Arc<AtomicUsize>,
    /// (start since the proxy started, upstream time, request line) of each request.
    trace: Arc<std::sync::Mutex<Vec<(Duration, Duration, String)>>>,
}

impl LatencyProxy {
    fn start(latency: Duration) -> LatencyProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let trace = Arc::new(std::sync::Mutex::new(Vec::new()));
        let active = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&requests);
        let traced = Arc::clone(&trace);
        let started = std::time::Instant::now();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                while active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                    std::thread::sleep(Duration::from_millis(1));
                }
                active.fetch_add(1, Ordering::SeqCst);
                let (active, counted) = (Arc::clone(&active), Arc::clone(&counted));
                let traced = Arc::clone(&traced);
                std::thread::spawn(move || {
                    if let Err(e) = forward(stream, latency, &counted, &traced, started) {
                        eprintln!("proxy: {e}");
                    }
                    active.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        LatencyProxy {
            url,
            requests,
            trace,
        }
    }
}

/// Reads a head (request or response) up to the empty line.
fn read_head(reader: &mut impl BufRead) -> std::io::Result<Vec<String>> {
    let mut lines = Vec::new();
    let mut size = 0;
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        size += n;
        if n == 0 || size > MAX_HEAD {
            return Err(std::io::Error::other("head cut short or too large"));
        }
        let line = line.trim_end_matches(['\r', '\n']).to_owned();
        if line.is_empty() {
            return Ok(lines);
        }
        lines.push(line);
    }
}

/// Headers without the hop-by-hop ones, which the proxy sets itself.
fn end_to_end(headers: &[String]) -> impl Iterator<Item = &String> {
    headers.iter().filter(|h| {
        let name = h
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        !matches!(
            name.as_str(),
            "connection" | "keep-alive" | "proxy-connection" | "proxy-authorization"
        )
    })
}

type Trace = std::sync::Mutex<Vec<(Duration, Duration, String)>>;

fn forward(
    client: TcpStream,
    latency: Duration,
    requests: &AtomicUsize,
    trace: &Trace,
    started: std::time::Instant,
) -> std::io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut reader = BufReader::new(client.try_clone()?);
    let head = read_head(&mut reader)?;
    let mut client = client;
    let mut parts = head[0].split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    // Only plain http to loopback: this proxy must not reach anything else.
    let Some(rest) = target.strip_prefix("http://") else {
        write!(client, "HTTP/1.1 405 Not Here\r\nConnection: close\r\n\r\n")?;
        return Ok(());
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
    if !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
        write!(
            client,
            "HTTP/1.1 403 Loopback Only\r\nConnection: close\r\n\r\n"
        )?;
        return Ok(());
    }
    let length: usize = head
        .iter()
        .filter_map(|h| h.split_once(':'))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    requests.fetch_add(1, Ordering::SeqCst);
    let arrived = started.elapsed();
    std::thread::sleep(latency);

    let mut upstream = TcpStream::connect(authority)?;
    upstream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let path = if path.is_empty() { "/" } else { path };
    let mut out = format!("{method} {path} HTTP/1.1\r\n");
    for header in end_to_end(&head[1..]) {
        out.push_str(header);
        out.push_str("\r\n");
    }
    out.push_str("Connection: close\r\n\r\n");
    upstream.write_all(out.as_bytes())?;
    upstream.write_all(&body)?;

    let mut answer = BufReader::new(upstream);
    let head = read_head(&mut answer)?;
    let mut out = format!("{}\r\n", head[0]);
    for header in end_to_end(&head[1..]) {
        out.push_str(header);
        out.push_str("\r\n");
    }
    out.push_str("Connection: close\r\n\r\n");
    client.write_all(out.as_bytes())?;
    // Traced at the answer's head: the upstream may keep the connection open after the body.
    let line = format!("{method} {target} -> {}", head[0]);
    trace
        .lock()
        .unwrap()
        .push((arrived, started.elapsed() - arrived, line));
    std::io::copy(&mut answer, &mut client)?;
    let _ = client.shutdown(Shutdown::Both);
    Ok(())
}

fn run_folder() -> PathBuf {
    PathBuf::from(
        std::env::var("SCS_OPENSTACK_RUN").unwrap_or_else(|_| "/tmp/scs-openstack".into()),
    )
}

/// One full live check through `proxy`; panics unless every testcase reported.
fn live_check(proxy: &LatencyProxy, ids: &[String], home: &std::path::Path) {
    let scs = std::env::var_os("SCS_BENCH_SCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_scs")));
    let mut command = Command::new(scs);
    command
        .args(["openstack-test", "-c", "scs-member"])
        .args(ids)
        .current_dir(home)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("OS_CLIENT_CONFIG_FILE", run_folder().join("clouds.yaml"))
        .env("HTTP_PROXY", &proxy.url)
        .env("http_proxy", &proxy.url);
    if let Some(mode) = std::env::var_os("SCS_IDENTITY_DISCOVERY") {
        command.env("SCS_IDENTITY_DISCOVERY", mode);
    }
    let out = command.output().expect("run scs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let reported = stdout.lines().filter(|l| l.contains(": ")).count();
    assert!(
        out.status.success() && reported == ids.len(),
        "scs openstack-test: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn bench(c: &mut Criterion) {
    if !run_folder().join("ready").is_file() {
        eprintln!(
            "live_latency: no loopback OpenStack ({} missing): nothing measured",
            run_folder().join("ready").display()
        );
        return;
    }
    let all: Vec<String> = Registry::builtin()
        .iter()
        .map(|t| t.id().to_string())
        .collect();
    // The read-only testcases, as the issue's comparison with the reference counts them.
    let ids: Vec<String> = all
        .iter()
        .filter(|id| !WRITING.contains(&id.as_str()))
        .cloned()
        .collect();
    let home = tempfile::tempdir().unwrap();
    let mode = if std::env::var_os("SCS_IDENTITY_DISCOVERY").is_some()
        || std::env::var_os("SCS_BENCH_SCS").is_some()
    {
        "before"
    } else {
        "after"
    };
    let mut group = c.benchmark_group(format!(
        "live_check_{}_read_only_testcases_{mode}",
        ids.len()
    ));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    for ms in [0, 30] {
        let proxy = LatencyProxy::start(Duration::from_millis(ms));
        let begun = std::time::Instant::now();
        live_check(&proxy, &ids, home.path());
        let took = begun.elapsed();
        let per_check = proxy.requests.swap(0, Ordering::SeqCst);
        eprintln!(
            "live_latency: {per_check} HTTP requests in one check of {took:.0?} ({mode}, {ms} ms), each: arrival after the proxy started, time until the answer's head:"
        );
        for (at, took, line) in proxy.trace.lock().unwrap().drain(..) {
            eprintln!("  {at:>8.1?} {took:>8.1?}  {line}");
        }
        group.bench_with_input(BenchmarkId::new("latency_ms", ms), &ms, |b, _| {
            b.iter(|| live_check(&proxy, &ids, home.path()))
        });
    }
    group.finish();
    // The whole check once per latency, with the testcases that create resources (the volume
    // backup and the sample VM run concurrently with the rest): seconds, not milliseconds, so
    // one run each rather than criterion's samples.
    for ms in [0, 30] {
        let proxy = LatencyProxy::start(Duration::from_millis(ms));
        let begun = std::time::Instant::now();
        live_check(&proxy, &all, home.path());
        eprintln!(
            "live_latency: full check of all {} testcases ({mode}, {ms} ms): {:.1?}, {} HTTP requests",
            all.len(),
            begun.elapsed(),
            proxy.requests.load(Ordering::SeqCst)
        );
    }
}

/// Testcases whose probes create resources on the cloud (volumes and a backup; a server with
/// its network; a secret): left out of the timed read-only check.
const WRITING: [&str; 6] = [
    "scs-0116-permissions",
    "scs-0117-test-backup",
    "scs-0101-entropy-avail",
    "scs-0101-fips-test",
    "scs-0101-rngd",
    "scs-0101-virtio-rng",
];

criterion_group!(benches, bench);
criterion_main!(benches);
