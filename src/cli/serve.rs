//! `scs serve`: the flavor-name page, like flavors.scs.community, on a local HTTP port.
//!
//! One page, one route (`GET /`), no JavaScript, no state. The query says what to show:
//!
//! - `?name=SCS-2V-4-10s`: decode a name (description, canonical, short and v1 forms, the
//!   `scs:` extra specs of scs-0103; for an invalid name the error with its position marked);
//! - `?cpus=2&cpu_type=V&ram=4&...`: generate a name from the form's parts (the fields of
//!   `scs flavor new`, through the same builder).
//!
//! Every interpolated value goes through maud, which escapes it; a Content-Security-Policy
//! without script sources backs that up. A query value longer than [`MAX_INPUT`] bytes gets a
//! polite refusal (HTTP 400) instead of being parsed.

use std::collections::HashMap;
use std::process::ExitCode;

use axum::Router;
use axum::extract::RawQuery;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use clap::Args;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use scs_flavor::{CpuType, DiskType, Flavor, GpuMode, Hypervisor, ParseError, parse_tolerant};

use super::flavor::{NewArgs, build};

/// The longest query value the page reads, in bytes. The longest flavor name of the
/// production catalogues is under 50 bytes; this leaves room for anything plausible.
pub const MAX_INPUT: usize = 256;

/// The longest query string, in bytes (all fields together).
const MAX_QUERY: usize = 4096;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on; port 0 picks a free one. The URL is printed on start.
    #[arg(long, default_value = "127.0.0.1:8000", value_name = "ADDR")]
    listen: String,
}

pub fn run(args: ServeArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(&args.listen).await {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("error: cannot listen on {}: {e}", args.listen);
                return ExitCode::FAILURE;
            }
        };
        let url = match listener.local_addr() {
            Ok(addr) => format!("http://{addr}/"),
            Err(e) => {
                eprintln!("error: {}: {e}", args.listen);
                return ExitCode::FAILURE;
            }
        };
        // The first line of output is the URL, for people and for scripts that wait for it.
        println!("{url}");
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        match axum::serve(listener, router()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: serving {url}: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

/// The page's routes; a handler an embedder or a test can drive without a socket.
pub fn router() -> Router {
    Router::new().route("/", get(page))
}

/// `GET /`: decode, generate, or the empty forms.
async fn page(RawQuery(query): RawQuery) -> Response {
    let (status, body) = render(query.as_deref().unwrap_or(""));
    (
        status,
        [
            // No script may run, whatever a value smuggles in; styles are the page's own.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        Html(body.into_string()),
    )
        .into_response()
}

/// The query's values by key; the first of repeated keys counts.
struct Query(HashMap<String, String>);

impl Query {
    fn parse(query: &str) -> Result<Query, String> {
        if query.len() > MAX_QUERY {
            return Err(format!(
                "The request is too long ({} bytes; at most {MAX_QUERY}).",
                query.len()
            ));
        }
        let mut values = HashMap::new();
        // form_urlencoded, not axum's `Query`: serde_urlencoded rejects repeated keys with a
        // bare 400, while the page answers every request with a page.
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            if value.len() > MAX_INPUT {
                return Err(format!(
                    "The value of “{}” is too long ({} bytes; at most {MAX_INPUT}). \
                     No flavor name is that long.",
                    truncate(&key, 32),
                    value.len()
                ));
            }
            values.entry(key.into_owned()).or_insert(value.into_owned());
        }
        Ok(Query(values))
    }

    /// The trimmed value, `None` when absent or empty.
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    /// The value as given (for the decode field: spaces are part of what was pasted).
    fn raw(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    fn checked(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

/// At most `max` characters of `s`, with an ellipsis when cut.
fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

/// The page for `query` and its status.
fn render(query: &str) -> (StatusCode, Markup) {
    let query = match Query::parse(query) {
        Ok(query) => query,
        Err(message) => {
            let empty = Query(HashMap::new());
            let refusal = html! { p.error role="alert" { (message) } };
            return (StatusCode::BAD_REQUEST, layout(&empty, Some(refusal), None));
        }
    };
    let decoded = query.raw("name").map(decode);
    let generated = query.get("cpus").map(|_| generate(&query));
    (StatusCode::OK, layout(&query, decoded, generated))
}

/// Decodes `name` as the certification reads it: v3, tolerating v1 with a warning.
fn decode(name: &str) -> Markup {
    match parse_tolerant(name) {
        Ok(parsed) => {
            let flavor = parsed.flavor;
            let spec = flavor.spec();
            html! {
                section.result aria-live="polite" {
                    h2 { "Valid: " code { (flavor) } }
                    p.description { (flavor.describe()) }
                    @if parsed.is_v1() {
                        p.warning { "This is the old v1 spelling, merely tolerated; write the v3 name." }
                    } @else if !parsed.canonical {
                        p.warning { "Not in canonical form; write the canonical name." }
                    }
                    dl {
                        dt { "Canonical" } dd { code { (flavor) } }
                        dt { "Short" } dd { code { (flavor.shorten()) } }
                        dt { "v1 spelling" } dd { code { (flavor.v1()) } }
                        dt { "Nova figures" }
                        dd {
                            (spec.cpus) " vCPUs, " (spec.ram_mib()) " MiB RAM, "
                            @match spec.disk {
                                None => "no root disk",
                                Some(None) => "root disk size chosen by the cloud",
                                Some(Some(gb)) => { (gb) " GB root disk" },
                            }
                        }
                    }
                    h3 { "Extra specs (scs-0103)" }
                    table.specs {
                        thead { tr { th scope="col" { "Key" } th scope="col" { "Value" } } }
                        tbody {
                            @for (key, value) in &spec.extra_specs {
                                tr { td { code { (key) } } td { code { (value) } } }
                            }
                        }
                    }
                }
            }
        }
        Err(err) => {
            let v3 = name.parse::<Flavor>().err().unwrap_or(err);
            html! {
                section.result.invalid aria-live="polite" {
                    h2 { "Invalid name" }
                    p.error { (v3) }
                    (marked(name, &v3))
                }
            }
        }
    }
}

/// The name with the character at the error's offset highlighted.
fn marked(name: &str, err: &ParseError) -> Markup {
    let Some(offset) = err.offset().filter(|&o| name.is_char_boundary(o)) else {
        return html! { p.name { code { (name) } } };
    };
    let (before, rest) = name.split_at(offset);
    let mut chars = rest.chars();
    let at = chars.next();
    let after = chars.as_str();
    html! {
        p.name {
            code {
                (before)
                @match at {
                    Some(c) => mark title="here" { (c) },
                    None => mark.end title="the name ends too early" { "␣" },
                }
                (after)
            }
        }
        p.hint {
            @match at {
                Some(c) => { "At byte " (offset) ", “" (c) "”, marked above." },
                None => { "At byte " (offset) ": the name ends there, but something must follow." },
            }
        }
    }
}

/// The name the form's parts make, or what is wrong with them.
fn generate(query: &Query) -> Markup {
    match new_args(query).and_then(|args| build(&args)) {
        Ok(flavor) => html! {
            section.result aria-live="polite" {
                h2 { "Generated: " code id="generated" { (flavor) } }
                p.description { (flavor.describe()) }
                p { a href={ "/?name=" (encode(&flavor.to_string())) } { "Decode this name" } }
            }
        },
        Err(message) => html! {
            section.result.invalid aria-live="polite" {
                h2 { "Cannot build a name" }
                p.error { (message) }
            }
        },
    }
}

/// Percent-encodes a flavor name for a query (names are ASCII; `+`, `.`, `:` need no care
/// but are encoded where the form would).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The form's fields as the arguments of `scs flavor new`.
fn new_args(q: &Query) -> Result<NewArgs, String> {
    fn number<T: std::str::FromStr>(
        q: &Query,
        key: &str,
        label: &str,
    ) -> Result<Option<T>, String> {
        q.get(key)
            .map(|v| {
                v.parse()
                    .map_err(|_| format!("{label}: “{v}” is not a whole number in range"))
            })
            .transpose()
    }
    fn part<T: std::str::FromStr>(q: &Query, key: &str, label: &str) -> Result<Option<T>, String> {
        q.get(key)
            .map(|v| {
                v.parse()
                    .map_err(|_| format!("{label}: unknown choice “{v}”"))
            })
            .transpose()
    }
    fn letter(q: &Query, key: &str, label: &str) -> Result<Option<char>, String> {
        match q.get(key) {
            None => Ok(None),
            Some(v) if v.chars().count() == 1 => Ok(v.chars().next()),
            Some(v) => Err(format!("{label}: unknown choice “{v}”")),
        }
    }
    let cpus = number(q, "cpus", "CPUs")?.ok_or("CPUs: a number is needed")?;
    let cpu_type: CpuType = part(q, "cpu_type", "CPU type")?.ok_or("CPU type: choose one")?;
    let ram = q
        .get("ram")
        .ok_or("RAM: a size in GiB is needed")?
        .to_owned();
    Ok(NewArgs {
        cpus,
        cpu_type,
        ram,
        insecure: q.checked("insecure"),
        no_ecc: q.checked("no_ecc"),
        ram_oversubscribed: q.checked("ram_oversubscribed"),
        disk: q.get("disk").map(str::to_owned),
        disk_type: part::<DiskType>(q, "disk_type", "Disk type")?,
        disk_count: number(q, "disk_count", "Number of disks")?,
        hypervisor: part::<Hypervisor>(q, "hypervisor", "Hypervisor")?,
        hwv: q.checked("hwv"),
        cpu_vendor: letter(q, "cpu_vendor", "CPU vendor")?,
        cpu_gen: number(q, "cpu_gen", "CPU generation")?,
        cpu_freq: number(q, "cpu_freq", "CPU frequency")?.unwrap_or(0),
        gpu: part::<GpuMode>(q, "gpu", "GPU")?,
        gpu_vendor: letter(q, "gpu_vendor", "GPU vendor")?,
        gpu_gen: q.get("gpu_gen").map(str::to_owned),
        gpu_units: number(q, "gpu_units", "GPU units")?,
        gpu_freq: number(q, "gpu_freq", "GPU frequency")?.unwrap_or(0),
        vram: number(q, "vram", "VRAM")?,
        vram_bw: number(q, "vram_bw", "VRAM bandwidth")?.unwrap_or(0),
        ib: q.checked("ib"),
    })
}

const CSS: &str = "\
body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1b1b1b;background:#fff}\
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem}h3{font-size:1rem}\
form{border:1px solid #ccd;border-radius:.4rem;padding:.8rem;margin:1rem 0}\
label{display:block;margin:.3rem 0}\
input[type=text],input[type=number],select{font:inherit;padding:.3rem;max-width:100%;box-sizing:border-box}\
input#name{width:100%;font-family:ui-monospace,monospace}\
fieldset{border:0;padding:0;margin:.5rem 0;display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.3rem 1rem}\
legend{font-weight:600;padding:0}\
button{font:inherit;padding:.4rem 1rem;margin-top:.5rem}\
code{font-family:ui-monospace,monospace;overflow-wrap:anywhere}\
.result{background:#f4f6fa;border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0}\
.invalid{background:#fff3f3}.error{color:#a40000;font-weight:600}.warning{color:#7a5200}\
mark{background:#ffd400;color:#000;outline:2px solid #a40000}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}\
table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:.2rem .5rem;text-align:left}\
footer{color:#555;font-size:.9rem;margin-top:2rem}";

/// One `<select>` with an empty choice first (`none`), keeping the submitted choice.
fn select(q: &Query, key: &str, none: &str, choices: &[(&str, &str)]) -> Markup {
    let current = q.get(key).unwrap_or("");
    html! {
        select name=(key) id=(key) {
            @if !none.is_empty() { option value="" selected[current.is_empty()] { (none) } }
            @for (value, label) in choices {
                option value=(value) selected[current == *value] { (label) }
            }
        }
    }
}

fn checkbox(q: &Query, key: &str, label: &str) -> Markup {
    html! {
        label { input type="checkbox" name=(key) value="1" checked[q.checked(key)]; " " (label) }
    }
}

fn field(q: &Query, key: &str, label: &str, kind: &str, placeholder: &str) -> Markup {
    html! {
        label for=(key) { (label) }
        input type=(kind) id=(key) name=(key) value=(q.get(key).unwrap_or("")) placeholder=(placeholder) min="0";
    }
}

/// The whole page: both forms, and what was asked for.
fn layout(q: &Query, decoded: Option<Markup>, generated: Option<Markup>) -> Markup {
    let levels = |n: usize| -> Vec<(String, String)> {
        (0..=n)
            .map(|i| {
                (
                    i.to_string(),
                    if i == 0 {
                        "normal".to_owned()
                    } else {
                        "h".repeat(i)
                    },
                )
            })
            .collect()
    };
    let (cpu_freq, gpu_freq) = (levels(3), levels(2));
    fn refs(v: &[(String, String)]) -> Vec<(&str, &str)> {
        v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
    }
    let (cpu_freq, gpu_freq) = (refs(&cpu_freq), refs(&gpu_freq));
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "SCS flavor names" }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { "SCS flavor names" }
                    p { "Decode and generate flavor names of the Sovereign Cloud Stack standard "
                        a href="https://docs.scs.community/standards/scs-0100-v3-flavor-naming" { "scs-0100-v3" }
                        ", with the extra specs of "
                        a href="https://docs.scs.community/standards/scs-0103-v1-standard-flavors" { "scs-0103" } "." }
                }
                main {
                    form id="decode" method="get" action="/" {
                        h2 { "Decode" }
                        label for="name" { "Flavor name" }
                        input id="name" type="text" name="name" value=(q.raw("name").unwrap_or(""))
                            placeholder="SCS-16V-64-500s" maxlength=(MAX_INPUT) autocapitalize="off" spellcheck="false";
                        button type="submit" { "Decode" }
                    }
                    @if let Some(decoded) = decoded { (decoded) }
                    form id="generate" method="get" action="/" {
                        h2 { "Generate" }
                        fieldset {
                            legend { "CPU and RAM" }
                            div { (field(q, "cpus", "vCPUs", "number", "4")) }
                            div {
                                label for="cpu_type" { "CPU type" }
                                (select(q, "cpu_type", "", &[
                                    ("V", "V: shared core"), ("L", "L: crowded core"),
                                    ("T", "T: dedicated thread"), ("C", "C: dedicated core")]))
                            }
                            div { (field(q, "ram", "RAM (GiB)", "text", "16")) }
                            div { (checkbox(q, "insecure", "insecure CPU (i)")) (checkbox(q, "no_ecc", "no ECC (u)")) (checkbox(q, "ram_oversubscribed", "RAM oversubscribed (o)")) }
                        }
                        fieldset {
                            legend { "Disk" }
                            div { (field(q, "disk", "Root disk (GB, or auto)", "text", "none")) }
                            div {
                                label for="disk_type" { "Disk type" }
                                (select(q, "disk_type", "unspecified", &[
                                    ("n", "n: network"), ("h", "h: local HDD"), ("s", "s: local SSD"), ("p", "p: local NVMe")]))
                            }
                            div { (field(q, "disk_count", "Number of disks", "number", "1")) }
                        }
                        fieldset {
                            legend { "Extensions" }
                            div {
                                label for="hypervisor" { "Hypervisor" }
                                (select(q, "hypervisor", "not stated", &[
                                    ("kvm", "KVM"), ("chy", "Cloud Hypervisor"), ("xen", "Xen"),
                                    ("vmw", "VMware"), ("hyv", "Hyper-V"), ("bms", "bare metal")]))
                                (checkbox(q, "hwv", "hardware virtualization (hwv)"))
                            }
                            div {
                                label for="cpu_vendor" { "CPU vendor" }
                                (select(q, "cpu_vendor", "not stated", &[
                                    ("i", "i: Intel"), ("z", "z: AMD"), ("a", "a: ARM"), ("r", "r: RISC-V")]))
                            }
                            div { (field(q, "cpu_gen", "CPU generation", "number", "")) }
                            div {
                                label for="cpu_freq" { "CPU frequency" }
                                (select(q, "cpu_freq", "", &cpu_freq))
                            }
                            div {
                                label for="gpu" { "GPU" }
                                (select(q, "gpu", "none", &[("G", "G: pass-through"), ("g", "g: virtual")]))
                            }
                            div {
                                label for="gpu_vendor" { "GPU vendor" }
                                (select(q, "gpu_vendor", "none", &[("N", "N: nVidia"), ("A", "A: AMD"), ("I", "I: Intel")]))
                            }
                            div { (field(q, "gpu_gen", "GPU generation", "text", "a")) }
                            div { (field(q, "gpu_units", "GPU units (SMs, CUs, EUs)", "number", "")) }
                            div {
                                label for="gpu_freq" { "GPU frequency" }
                                (select(q, "gpu_freq", "", &gpu_freq))
                            }
                            div { (field(q, "vram", "VRAM (GiB)", "number", "")) }
                            div {
                                label for="vram_bw" { "VRAM bandwidth" }
                                (select(q, "vram_bw", "", &gpu_freq))
                            }
                            div { (checkbox(q, "ib", "Infiniband (ib)")) }
                        }
                        button type="submit" { "Generate" }
                    }
                    @if let Some(generated) = generated { (generated) }
                }
                footer { "Served by " code { "scs serve" } " " (env!("CARGO_PKG_VERSION")) "." }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::body::{Body, to_bytes};
    use axum::http::{Method, Request};
    use tower::ServiceExt as _;

    use super::*;

    /// Status, Content-Security-Policy and body of `GET /?{query}`, without a socket.
    async fn get(query: &str) -> (StatusCode, String, String) {
        let uri = if query.is_empty() {
            "/".to_owned()
        } else {
            format!("/?{query}")
        };
        let request = Request::builder().uri(uri).body(Body::empty()).unwrap();
        let response = router().oneshot(request).await.unwrap();
        let status = response.status();
        let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        (status, csp, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn the_empty_page_has_both_forms_and_fits_a_phone() {
        let (status, csp, body) = get("").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.starts_with("<!DOCTYPE html><html lang=\"en\">"),
            "{body}"
        );
        assert!(
            body.contains(
                r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
            )
        );
        assert!(body.contains(r#"<form id="decode" method="get" action="/">"#));
        assert!(body.contains(r#"<form id="generate" method="get" action="/">"#));
        assert!(
            !body.contains("class=\"result"),
            "nothing asked, nothing shown"
        );
        assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"));
    }

    #[tokio::test]
    async fn a_valid_name_shows_its_forms_and_extra_specs() {
        let (status, _, body) = get("name=SCS-2V-4-20s_kvm").await;
        assert_eq!(status, StatusCode::OK);
        let flavor: Flavor = "SCS-2V-4-20s_kvm".parse().unwrap();
        assert!(body.contains(&flavor.describe()), "{body}");
        assert!(
            body.contains("<dt>Short</dt><dd><code>SCS-2V-4-20s</code></dd>"),
            "{body}"
        );
        assert!(
            body.contains("<dt>v1 spelling</dt><dd><code>SCS-2V:4:20s-kvm</code></dd>"),
            "{body}"
        );
        for (key, value) in flavor.spec().extra_specs {
            assert!(
                body.contains(&format!(
                    "<tr><td><code>{key}</code></td><td><code>{value}</code></td></tr>"
                )),
                "{key}"
            );
        }
        // The field keeps what was pasted.
        assert!(body.contains(r#"value="SCS-2V-4-20s_kvm""#));
    }

    #[tokio::test]
    async fn an_invalid_name_shows_the_error_with_its_position_marked() {
        let (status, _, body) = get("name=SCS-2X-4").await;
        assert_eq!(status, StatusCode::OK);
        let err = "SCS-2X-4".parse::<Flavor>().unwrap_err();
        assert!(body.contains(&err.to_string()), "{body}");
        assert!(
            body.contains(r#"<code>SCS-2<mark title="here">X</mark>-4</code>"#),
            "{body}"
        );
        // Cut short: the mark is after the end.
        let (_, _, body) = get("name=SCS-2V-").await;
        assert!(body.contains(r#"<code>SCS-2V-<mark class="end""#), "{body}");
        // Not an SCS name at all: no position, still a clear message.
        let (_, _, body) = get("name=m1.small").await;
        assert!(body.contains("not an SCS flavor name"), "{body}");
    }

    #[tokio::test]
    async fn markup_in_the_input_is_shown_not_run() {
        let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
        let query = format!("name={}&cpus={}", encode(evil), encode(evil));
        let (status, _, body) = get(&query).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!body.contains("<script"), "{body}");
        assert!(!body.contains("<img"), "{body}");
        assert!(
            body.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"),
            "{body}"
        );
    }

    #[tokio::test]
    async fn long_inputs_are_refused_politely() {
        let long = "SCS-".to_owned() + &"1".repeat(MAX_INPUT);
        let (status, _, body) = get(&format!("name={long}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            body.contains(&format!(
                "is too long ({} bytes; at most {MAX_INPUT})",
                long.len()
            )),
            "{body}"
        );
        assert!(!body.contains(&long), "the input is not echoed");
        // Exactly the limit is read.
        let (status, _, _) = get(&format!("name=SCS-{}", "1".repeat(MAX_INPUT - 4))).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, body) = get(&"a=1&".repeat(MAX_QUERY)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("The request is too long"));
    }

    #[tokio::test]
    async fn the_form_builds_a_name() {
        let (status, _, body) =
            get("cpus=4&cpu_type=V&ram=16&disk=50&disk_type=s&hypervisor=kvm&cpu_vendor=z&cpu_gen=3&cpu_freq=1&gpu=&ib=1").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains(r#"<code id="generated">SCS-4V-16-50s_kvm_z3h_ib</code>"#),
            "{body}"
        );
        assert!(body.contains(r#"href="/?name=SCS-4V-16-50s_kvm_z3h_ib""#));
        // The form keeps the choices.
        assert!(
            body.contains(r#"<option value="kvm" selected>KVM</option>"#),
            "{body}"
        );
        assert!(
            body.contains(r#"<input type="checkbox" name="ib" value="1" checked>"#),
            "{body}"
        );
    }

    #[tokio::test]
    async fn bad_form_values_say_what_is_wrong() {
        for (query, message) in [
            (
                "cpus=4&cpu_type=V&ram=0.3",
                "RAM must be a positive multiple of 0.5 GiB",
            ),
            (
                "cpus=four&cpu_type=V&ram=4",
                "CPUs: “four” is not a whole number",
            ),
            ("cpus=4&cpu_type=Q&ram=4", "CPU type: unknown choice “Q”"),
            ("cpus=4&cpu_type=V", "RAM: a size in GiB is needed"),
            ("cpus=4&cpu_type=V&ram=4&cpu_gen=3", "needs a CPU vendor"),
        ] {
            let (status, _, body) = get(query).await;
            assert_eq!(status, StatusCode::OK);
            assert!(body.contains("Cannot build a name"), "{query}: {body}");
            assert!(body.contains(message), "{query}: {body}");
        }
    }

    #[tokio::test]
    async fn odd_encodings_get_a_page() {
        for query in [
            "name=%FF%FE",
            "name=%",
            "name=a&name=b",
            "=&&name",
            "name=%E2%82",
        ] {
            let (status, _, body) = get(query).await;
            assert_eq!(status, StatusCode::OK, "{query}");
            assert!(body.ends_with("</html>"), "{query}");
        }
    }

    #[tokio::test]
    async fn only_get_is_served() {
        let request = Request::builder()
            .method(Method::POST)
            .uri("/")
            .body(Body::empty())
            .unwrap();
        let response = router().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    }
}
