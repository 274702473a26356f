//! `scs serve` over a real socket, and in a real browser (chromium through chromedriver).
//!
//! The handler's cases (escaping, limits, every form field) are unit tests in
//! `src/cli/serve.rs`, without a socket; these tests check what only a running server and a
//! browser show: the printed URL, HTTP on the wire, and what a person sees on the page.
#![cfg(feature = "serve")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process that is killed when the test ends, passed or failed.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `scs serve` on a free loopback port; returns it with the URL it printed.
fn serve() -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start scs serve");
    let stdout = child.stdout.take().expect("piped");
    let running = Running(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the URL");
    let url = line.trim().to_owned();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
        "first line is the URL: {line:?}"
    );
    (running, url)
}

/// `GET path` over HTTP/1.1; the status line and the body.
fn http_get(url: &str, path: &str) -> (String, String) {
    let authority = url
        .strip_prefix("http://")
        .and_then(|rest| rest.strip_suffix('/'))
        .expect("http://HOST:PORT/");
    let mut stream = TcpStream::connect(authority).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let (head, body) = response.split_once("\r\n\r\n").expect("head and body");
    let status = head.lines().next().unwrap_or_default().to_owned();
    assert!(
        status.ends_with("404 Not Found")
            || head
                .to_ascii_lowercase()
                .contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    (status, body.to_owned())
}

#[test]
fn serves_the_page_on_the_printed_url() {
    let (_server, url) = serve();
    let (status, body) = http_get(&url, "/?name=SCS-2V-4-20s");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains("<code>SCS-2V-4-20s</code>"), "{body}");
    assert!(body.contains("scs:disk0-type"), "{body}");
    let long = "x".repeat(300);
    let (status, body) = http_get(&url, &format!("/?name={long}"));
    assert_eq!(status, "HTTP/1.1 400 Bad Request");
    assert!(body.contains("too long"), "{body}");
    let (status, _) = http_get(&url, "/nothing-here");
    assert_eq!(status, "HTTP/1.1 404 Not Found");
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(["serve", "--listen", &addr])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!("error: cannot listen on {addr}: ")),
        "{stderr}"
    );
}

/// A free loopback port (free when this returns; chromedriver takes it right away).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts chromedriver on a free port and waits until it accepts connections.
fn chromedriver() -> (Running, String) {
    let port = free_port();
    let child = Command::new("/usr/bin/chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start /usr/bin/chromedriver (apt-get install chromium-driver)");
    let running = Running(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (running, format!("http://127.0.0.1:{port}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    scs_no_chromium,
    ignore = "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)"
)]
async fn a_person_decodes_and_generates_names_in_chromium() {
    use fantoccini::{ClientBuilder, Locator};

    let (_server, url) = serve();
    let (_driver, webdriver) = chromedriver();
    let profile = tempfile::tempdir().unwrap();
    let capabilities = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.path().display()),
                "--window-size=900,1400",
            ],
        },
    });
    let serde_json::Value::Object(capabilities) = capabilities else {
        unreachable!()
    };
    let browser = ClientBuilder::rustls()
        .unwrap()
        .capabilities(capabilities)
        .connect(&webdriver)
        .await
        .expect("a chromium session");

    let steps = async {
        browser.goto(&url).await?;
        assert_eq!(browser.title().await?, "SCS flavor names");

        // Decode a valid name: type it, press the button, read the result.
        let field = browser.find(Locator::Id("name")).await?;
        field.send_keys("SCS-16V-64-500s_kvm").await?;
        browser
            .find(Locator::Css("#decode button"))
            .await?
            .click()
            .await?;
        let result = browser
            .wait()
            .for_element(Locator::Css("section.result"))
            .await?;
        let text = result.text().await?;
        assert!(text.contains("Valid: SCS-16V-64-500s_kvm"), "{text}");
        assert!(
            text.contains("16 vCPUs (generic x86-64), 64 GiB RAM, one 500 GB local SSD disk"),
            "the description is visible: {text}"
        );
        assert!(
            text.contains("scs:cpu-type") && text.contains("shared-core"),
            "{text}"
        );
        assert!(text.contains("SCS-16V-64-500s"), "short form: {text}");

        // An invalid name: the error, and the offending character marked.
        let field = browser.find(Locator::Id("name")).await?;
        field.clear().await?;
        field.send_keys("SCS-2X-4").await?;
        browser
            .find(Locator::Css("#decode button"))
            .await?
            .click()
            .await?;
        let text = browser
            .wait()
            .for_element(Locator::Css("section.invalid"))
            .await?
            .text()
            .await?;
        assert!(text.contains("Invalid name"), "{text}");
        assert!(text.contains("expected a CPU type"), "{text}");
        let mark = browser.find(Locator::Css("section.invalid mark")).await?;
        assert_eq!(mark.text().await?, "X");

        // Generate: fill the form as a person would.
        browser.goto(&url).await?;
        browser
            .find(Locator::Id("cpus"))
            .await?
            .send_keys("4")
            .await?;
        browser
            .find(Locator::Id("cpu_type"))
            .await?
            .select_by_value("C")
            .await?;
        browser
            .find(Locator::Id("ram"))
            .await?
            .send_keys("8")
            .await?;
        browser
            .find(Locator::Id("disk"))
            .await?
            .send_keys("100")
            .await?;
        browser
            .find(Locator::Id("disk_type"))
            .await?
            .select_by_value("p")
            .await?;
        browser
            .find(Locator::Id("hypervisor"))
            .await?
            .select_by_value("kvm")
            .await?;
        browser
            .find(Locator::Css("#generate button"))
            .await?
            .click()
            .await?;
        let generated = browser.wait().for_element(Locator::Id("generated")).await?;
        assert_eq!(generated.text().await?, "SCS-4C-8-100p_kvm");

        // Follow the link to decode it, and keep a picture of the page for the README.
        browser
            .find(Locator::LinkText("Decode this name"))
            .await?
            .click()
            .await?;
        let text = browser
            .wait()
            .for_element(Locator::Css("section.result dl"))
            .await?
            .text()
            .await?;
        assert!(
            text.contains("SCS-4C:8:100p-kvm"),
            "the decoded page: {text}"
        );
        let png = browser.screenshot().await?;
        Ok::<_, fantoccini::error::CmdError>(png)
    };
    let outcome = steps.await;
    let _ = browser.close().await;
    let png = outcome.expect("browser steps");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG screenshot");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("flavor-page.png");
    std::fs::write(&out, &png).unwrap();
    // `SCS_UPDATE_SCREENSHOT=1` refreshes the README's picture.
    if std::env::var_os("SCS_UPDATE_SCREENSHOT").is_some() {
        let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/flavor-page.png");
        std::fs::write(docs, &png).unwrap();
    }
}
