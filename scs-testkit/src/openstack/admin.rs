//! The provider's writes to Nova: create flavors and set their extra specs.
//!
//! Everything else in this module's parent reads; these calls change the cloud and need a role
//! that may manage flavors (Nova's default policy: admin). They go through the same HTTP layer
//! as the reads (retries, timeouts, no secret in any error). A refusal comes back as an
//! [`ApiError`] with status 403 ([`AdminError::is_forbidden`]), so a caller can report it per
//! flavor and go on with the next.
//!
//! Nova API: `POST /flavors/{id}/os-extra_specs` (create or update several keys),
//! `PUT /flavors/{id}/os-extra_specs/{key}` (one key), `POST /flavors` (a flavor).

use std::collections::BTreeMap;

use reqwest::Method;
use serde_json::{Value, json};

use super::http::ApiError;
use super::source::OpenStackSource;
use crate::facts::Fact;

/// Why a write to Nova failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AdminError {
    /// The token's catalog has no compute endpoint.
    #[error("{0}")]
    Endpoint(String),
    /// Nova refused or failed the request.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// Nova answered, but not with what its API describes.
    #[error("cloud {cloud}: {what}")]
    Answer {
        /// The cloud's name.
        cloud: String,
        /// What was missing.
        what: String,
    },
}

impl AdminError {
    /// Whether Nova refused for lack of permission (HTTP 403): the user's role may not manage
    /// flavors.
    ///
    /// ```
    /// use scs_testkit::openstack::{AdminError, ApiError};
    /// let e = AdminError::Api(ApiError {
    ///     cloud: "c".into(), service: "compute", method: "POST", url: "u".into(),
    ///     status: Some(403), message: "Policy doesn't allow".into(),
    /// });
    /// assert!(e.is_forbidden());
    /// ```
    pub fn is_forbidden(&self) -> bool {
        matches!(
            self,
            AdminError::Api(ApiError {
                status: Some(403),
                ..
            })
        )
    }
}

/// A flavor to create: Nova's figures (RAM in MiB, disk in GB).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFlavor {
    /// The name.
    pub name: String,
    /// Number of vCPUs.
    pub vcpus: u64,
    /// RAM in MiB.
    pub ram_mib: u64,
    /// Root disk in GB; 0 for none.
    pub disk_gb: u64,
    /// Whether every project may use it.
    pub public: bool,
}

/// Percent-encodes one path segment (extra spec keys hold `:`; ids are UUIDs or names).
fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl OpenStackSource {
    fn compute(&self) -> Result<String, AdminError> {
        self.endpoint(Fact::Flavors, &["compute"])
            .map(|(_, url)| url)
            .map_err(|e| AdminError::Endpoint(e.to_string()))
    }

    /// Sets extra specs of the flavor `flavor_id` that it does not have yet (Nova creates or
    /// updates each key given): `POST /flavors/{id}/os-extra_specs`.
    ///
    /// Needs a role that may manage flavors; a refusal is [`AdminError::is_forbidden`].
    pub async fn add_flavor_extra_specs(
        &self,
        flavor_id: &str,
        specs: &BTreeMap<String, String>,
    ) -> Result<(), AdminError> {
        let url = format!(
            "{}/flavors/{}/os-extra_specs",
            self.compute()?,
            segment(flavor_id)
        );
        let body = json!({ "extra_specs": specs });
        let answer = self
            .http()
            .send("compute", Method::POST, &url, Some(&body), &[])
            .await?;
        self.http()
            .expect_success("compute", &Method::POST, &url, answer)?;
        Ok(())
    }

    /// Replaces the value of one extra spec: `PUT /flavors/{id}/os-extra_specs/{key}`.
    pub async fn set_flavor_extra_spec(
        &self,
        flavor_id: &str,
        key: &str,
        value: &str,
    ) -> Result<(), AdminError> {
        let url = format!(
            "{}/flavors/{}/os-extra_specs/{}",
            self.compute()?,
            segment(flavor_id),
            segment(key)
        );
        let body = json!({ key: value });
        let answer = self
            .http()
            .send("compute", Method::PUT, &url, Some(&body), &[])
            .await?;
        self.http()
            .expect_success("compute", &Method::PUT, &url, answer)?;
        Ok(())
    }

    /// Creates a flavor (`POST /flavors`) and returns its id.
    pub async fn create_flavor(&self, flavor: &NewFlavor) -> Result<String, AdminError> {
        let url = format!("{}/flavors", self.compute()?);
        let body = json!({ "flavor": {
            "name": flavor.name,
            "vcpus": flavor.vcpus,
            "ram": flavor.ram_mib,
            "disk": flavor.disk_gb,
            "os-flavor-access:is_public": flavor.public,
        }});
        let answer = self
            .http()
            .send("compute", Method::POST, &url, Some(&body), &[])
            .await?;
        let body = self
            .http()
            .expect_success("compute", &Method::POST, &url, answer)?;
        body.pointer("/flavor/id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| AdminError::Answer {
                cloud: self.cloud().to_owned(),
                what: format!("POST {url}: the answer has no flavor id"),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_with_colons_stay_readable_in_paths_and_odd_bytes_are_encoded() {
        assert_eq!(segment("scs:name-v1"), "scs:name-v1");
        assert_eq!(segment("a/b c"), "a%2Fb%20c");
    }
}
