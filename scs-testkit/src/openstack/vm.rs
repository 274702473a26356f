//! The scs-0101 sample VM: "`scs-0101-entropy-avail` ensures that the special file
//! `/proc/sys/kernel/random/entropy_avail` contains the value 256 [...] on a sample VM"
//! (scs-0101-w1). The probe
//!
//! 1. chooses the image (the newest public Debian, else Ubuntu) and a flavor that fits it
//!    ([`canonical_image`], [`choose_flavor`]: enough RAM, a root disk of at least `min_disk`
//!    — else the VM boots from a volume —, `hw_rng:allowed` preferred, the smallest);
//! 2. creates a network, a subnet and a router on the external network, all named
//!    `scs-0101-probe-<uuid>` ([`PROBE_VM_PREFIX`]);
//! 3. boots one server of that name with the probe's user data ([`USER_DATA`]);
//! 4. polls its console (`os-getConsoleOutput`) until the end marker, a failed probe or the
//!    timeout; timeouts, resets and 5xx answers of the console call are tried again until the
//!    limit (a busy nova-compute answers 500 now and then);
//! 5. deletes the server, router, subnet and network by name
//!    ([`remove_named`](super::cleanup::remove_named), which also finds a server whose creation
//!    was under way) — also when a step failed, and, through [`OpenStackSource::cleanup`],
//!    after Ctrl-C.
//!
//! Failures before the console answered (no image, no flavor, no external network, a refused
//! request, a server in ERROR, a timeout) are the fact's error: the testcases ABORT with it, as
//! the reference's do.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use scs_standards::entropy::vm::{Boot, USER_DATA, canonical_image, choose_flavor, parse_console};
use scs_standards::image_visibility::ImageCheck;

use super::http::ApiError;
use super::source::{OpenStackSource, api_fact};
use crate::facts::{CloudSource, Fact};
use crate::source::{EntropyVmProbe, FactError};

const FACT: Fact = Fact::EntropyVm;

/// The prefix of the names of the scs-0101 probe's server, network, subnet and router.
///
/// ```
/// assert_eq!(scs_testkit::openstack::PROBE_VM_PREFIX, "scs-0101-probe-");
/// ```
pub const PROBE_VM_PREFIX: &str = "scs-0101-probe-";

/// The subnet of the probe's network (private to the project; overlaps do not matter).
const CIDR: &str = "10.101.0.0/24";

/// Waits 1, 1, 2, 3, 5, 8 … seconds, at most `cap`.
struct Steps {
    a: u64,
    b: u64,
    cap: Duration,
}

impl Steps {
    fn new(cap: Duration) -> Self {
        Steps { a: 1, b: 1, cap }
    }

    fn next(&mut self) -> Duration {
        let now = self.a;
        (self.a, self.b) = (self.b, self.a + self.b);
        Duration::from_secs(now).min(self.cap)
    }
}

/// Sleeps the next step, but not past `deadline`; false when the deadline has passed.
async fn pause(steps: &mut Steps, deadline: Instant) -> bool {
    let now = Instant::now();
    if now >= deadline {
        return false;
    }
    tokio::time::sleep(steps.next().min(deadline - now)).await;
    true
}

fn failed(source: &OpenStackSource, message: impl std::fmt::Display) -> FactError {
    FactError::failed(FACT, format!("cloud {}: {message}", source.cloud()))
}

struct Urls {
    compute: String,
    network: String,
}

fn urls(source: &OpenStackSource) -> Result<Urls, FactError> {
    let (_, compute) = source.endpoint(FACT, &["compute"])?;
    let (_, network) = source.endpoint(FACT, &["network"])?;
    let network = if network.ends_with("/v2.0") {
        network
    } else {
        format!("{network}/v2.0")
    };
    Ok(Urls { compute, network })
}

/// POST that must answer 2xx; the body.
async fn post(
    source: &OpenStackSource,
    service: &'static str,
    url: &str,
    body: &Value,
) -> Result<Value, FactError> {
    let http = source.http();
    let answer = http
        .send(service, Method::POST, url, Some(body), &[])
        .await
        .map_err(|e| api_fact(FACT, e))?;
    http.expect_success(service, &Method::POST, url, answer)
        .map_err(|e| api_fact(FACT, e))
}

async fn put(
    source: &OpenStackSource,
    service: &'static str,
    url: &str,
    body: &Value,
) -> Result<Value, ApiError> {
    let http = source.http();
    let answer = http
        .send(service, Method::PUT, url, Some(body), &[])
        .await?;
    http.expect_success(service, &Method::PUT, url, answer)
}

fn id_at(body: &Value, pointer: &str) -> Option<String> {
    body.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The probe (see the module's docs).
pub(crate) async fn entropy_vm(source: &OpenStackSource) -> Result<EntropyVmProbe, FactError> {
    let urls = urls(source)?;
    let (images, flavors) = tokio::join!(source.images(), source.flavors());
    let (images, flavors) = (images?, flavors?);
    // The images a user finds in the list of public images (hidden ones are being rotated out).
    let listed: Vec<_> = ImageCheck::StandardImages
        .select(&images)
        .cloned()
        .collect();
    let image = canonical_image(&listed)
        .ok_or_else(|| failed(source, "no public image to boot the sample VM from"))?
        .clone();
    let (flavor, boot) = choose_flavor(&flavors, &image).ok_or_else(|| {
        failed(
            source,
            format!(
                "no flavor has the {} MiB of RAM image {} needs (min_ram)",
                image.min_ram, image.name
            ),
        )
    })?;
    let flavor = flavor.clone();
    let name = format!("{PROBE_VM_PREFIX}{}", uuid::Uuid::new_v4());
    // Remembered before the first request: `cleanup` finds everything by this name.
    source.remember_probe(&name);
    let result = boot_and_read(source, &urls, &name, &image, &flavor, boot).await;
    let removed = source.remove_probes(&[&name]).await;
    let readings = result?;
    if !removed.is_clean() {
        return Err(failed(
            source,
            format!(
                "the sample VM's resources named {name} could not all be deleted ({removed}); delete them by hand or with `scs cleanup`"
            ),
        ));
    }
    Ok(EntropyVmProbe {
        image: image.name,
        flavor: flavor.name,
        readings,
    })
}

async fn boot_and_read(
    source: &OpenStackSource,
    urls: &Urls,
    name: &str,
    image: &scs_standards::cloud::Image,
    flavor: &scs_standards::cloud::CloudFlavor,
    boot: Boot,
) -> Result<scs_standards::entropy::vm::ConsoleReadings, FactError> {
    let net = &urls.network;
    // The external network for the router's gateway.
    let external = source
        .http()
        .get_json(
            "network",
            &format!("{net}/networks?router:external=true"),
            &[],
        )
        .await
        .map_err(|e| api_fact(FACT, e))?;
    let external = external
        .get("networks")
        .and_then(Value::as_array)
        .and_then(|n| n.first())
        .and_then(|n| id_at(n, "/id"))
        .ok_or_else(|| {
            failed(
                source,
                "no external network (router:external) for the sample VM's router",
            )
        })?;
    let network = post(
        source,
        "network",
        &format!("{net}/networks"),
        &json!({"network": {"name": name}}),
    )
    .await?;
    let network_id = id_at(&network, "/network/id")
        .ok_or_else(|| failed(source, "Neutron's answer has no network id"))?;
    let subnet = post(
        source,
        "network",
        &format!("{net}/subnets"),
        &json!({"subnet": {"name": name, "network_id": network_id, "ip_version": 4, "cidr": CIDR, "enable_dhcp": true}}),
    )
    .await?;
    let subnet_id = id_at(&subnet, "/subnet/id")
        .ok_or_else(|| failed(source, "Neutron's answer has no subnet id"))?;
    let router = post(
        source,
        "network",
        &format!("{net}/routers"),
        &json!({"router": {"name": name, "external_gateway_info": {"network_id": external}}}),
    )
    .await?;
    let router_id = id_at(&router, "/router/id")
        .ok_or_else(|| failed(source, "Neutron's answer has no router id"))?;
    put(
        source,
        "network",
        &format!("{net}/routers/{router_id}/add_router_interface"),
        &json!({"subnet_id": subnet_id}),
    )
    .await
    .map_err(|e| api_fact(FACT, e))?;

    let options = source.options();
    let mut server = json!({
        "name": name,
        "flavorRef": flavor.id,
        "networks": [{"uuid": network_id}],
        "user_data": base64::engine::general_purpose::STANDARD.encode(USER_DATA),
        "metadata": options.vm_metadata.iter().collect::<BTreeMap<_, _>>(),
    });
    match boot {
        Boot::Image => server["imageRef"] = json!(image.id),
        Boot::Volume { size_gib } => {
            server["block_device_mapping_v2"] = json!([{
                "boot_index": 0, "uuid": image.id, "source_type": "image",
                "destination_type": "volume", "volume_size": size_gib,
                "delete_on_termination": true,
            }]);
        }
    }
    let created = post(
        source,
        "compute",
        &format!("{}/servers", urls.compute),
        &json!({ "server": server }),
    )
    .await?;
    let server_id = id_at(&created, "/server/id")
        .ok_or_else(|| failed(source, "Nova's answer has no server id"))?;
    let server_url = format!("{}/servers/{server_id}", urls.compute);

    // Wait for ACTIVE.
    let deadline = Instant::now() + options.vm_boot_timeout;
    let mut steps = Steps::new(Duration::from_secs(10));
    let mut last;
    loop {
        match source.http().get_json("compute", &server_url, &[]).await {
            Ok(body) => {
                last = body
                    .pointer("/server/status")
                    .and_then(Value::as_str)
                    .unwrap_or("unknown")
                    .to_owned();
                match last.as_str() {
                    "ACTIVE" => break,
                    "ERROR" => {
                        let fault = body
                            .pointer("/server/fault/message")
                            .and_then(Value::as_str)
                            .unwrap_or("no fault given");
                        return Err(failed(
                            source,
                            format!(
                                "the sample VM {name} (image {}, flavor {}) went to ERROR: {fault}",
                                image.name, flavor.name
                            ),
                        ));
                    }
                    _ => {}
                }
            }
            // A hiccup of the API is not the server's state: ask again until the deadline.
            Err(e) if e.status.is_none_or(|s| s >= 500) => last = e.to_string(),
            Err(e) => return Err(api_fact(FACT, e)),
        }
        if !pause(&mut steps, deadline).await {
            return Err(failed(
                source,
                format!(
                    "the sample VM {name} was not ACTIVE after {} s (last: {last})",
                    options.vm_boot_timeout.as_secs()
                ),
            ));
        }
    }

    // Read the console until the probe is done.
    let action = format!("{server_url}/action");
    let deadline = Instant::now() + options.vm_console_timeout;
    let mut steps = Steps::new(Duration::from_secs(5));
    let mut readings = Default::default();
    let mut trouble;
    loop {
        let answer = source
            .http()
            .send(
                "compute",
                Method::POST,
                &action,
                Some(&json!({"os-getConsoleOutput": {}})),
                &[],
            )
            .await;
        match answer {
            Ok(answer) if answer.status.is_success() => {
                let output = answer
                    .body
                    .get("output")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                readings = parse_console(output);
                trouble = None;
                if readings.done() {
                    return Ok(readings);
                }
            }
            // 409: the console is not there yet (the instance is still being set up).
            Ok(answer) if answer.status == StatusCode::CONFLICT => {
                trouble = Some("409 Conflict".to_owned());
            }
            Ok(answer) => {
                let e = source
                    .http()
                    .expect_success("compute", &Method::POST, &action, answer)
                    .unwrap_err();
                return Err(api_fact(FACT, e));
            }
            // Timeouts, resets, 5xx: a busy nova-compute; keep asking until the limit.
            Err(e) => trouble = Some(e.to_string()),
        }
        if !pause(&mut steps, deadline).await {
            let seen = if readings == Default::default() {
                "no probe line".to_owned()
            } else {
                format!("{} probe lines", readings.values.len())
            };
            return Err(failed(
                source,
                format!(
                    "the sample VM {name} (image {}) did not finish the entropy probe within {} s ({seen}, no SCS-ENTROPY-END on its console{})",
                    image.name,
                    options.vm_console_timeout.as_secs(),
                    trouble
                        .map(|t| format!("; last console request: {t}"))
                        .unwrap_or_default()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_grow_and_are_capped() {
        let mut s = Steps::new(Duration::from_secs(5));
        let got: Vec<u64> = (0..8).map(|_| s.next().as_secs()).collect();
        assert_eq!(got, [1, 1, 2, 3, 5, 5, 5, 5]);
    }
}
