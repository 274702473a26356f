//! scs-0104 v1, SCS Standard Images: the image-spec YAML and the presence and source checks.
//!
//! Section "Standard images YAML": "The YAML file MUST contain the key `images`, whose value is a
//! list of objects", each with `name`, optional `name_scheme` (a regular expression), optional
//! `status` (`optional` by default, `mandatory` or `recommended`) and `source` (one URL prefix or
//! a list). Meaning: a mandatory image MUST be present, a recommended one SHOULD; "Regardless of
//! the status: [...] its `image_source` property MUST start with one of the prefixes given via
//! `source`."
//!
//! Testcases (scs-0104-w1): `scs-0104-source-X` (matching images have a correct `image_source`)
//! and `scs-0104-image-X` (a matching image is present), for the specs of [`TESTCASE_SPECS`].
//! [`check_spec_file`] applies a whole spec file with the statuses it gives.
//!
//! A `name_scheme` matches a name when the expression matches at the start of the name (as the
//! reference checker's `re.match` does); a spec without `name_scheme` matches the exact `name`.

use std::fmt;

use regex::Regex;
use serde::Deserialize;

use crate::cloud::Image;
use crate::document::string_enum;
use crate::{Finding, Findings, TestcaseFindings};

string_enum!(
    /// Status of an image spec.
    ///
    /// ```
    /// use scs_standards::standard_images::SpecStatus;
    /// assert_eq!("mandatory".parse::<SpecStatus>().unwrap(), SpecStatus::Mandatory);
    /// ```
    SpecStatus, "image spec status", {
        /// May be present (the default).
        Optional = "optional",
        /// MUST be present.
        Mandatory = "mandatory",
        /// SHOULD be present.
        Recommended = "recommended",
    }
);

/// A compiled `name_scheme`, anchored at the start of the name.
#[derive(Debug, Clone)]
pub struct NameScheme {
    source: String,
    regex: Regex,
}

impl NameScheme {
    /// Compiles a name scheme.
    ///
    /// ```
    /// use scs_standards::standard_images::NameScheme;
    /// let s = NameScheme::new(r"ubuntu-capi-image-v[0-9]\.[0-9]+(\.[0-9]+)?").unwrap();
    /// assert!(s.matches("ubuntu-capi-image-v1.30.4"));
    /// assert!(!s.matches("my-ubuntu-capi-image-v1.30"));
    /// ```
    pub fn new(source: &str) -> Result<Self, regex::Error> {
        Ok(NameScheme {
            source: source.to_owned(),
            regex: Regex::new(&format!("^(?:{source})"))?,
        })
    }

    /// Whether `name` matches.
    pub fn matches(&self, name: &str) -> bool {
        self.regex.is_match(name)
    }

    /// The expression as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }
}

impl PartialEq for NameScheme {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl fmt::Display for NameScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// One entry of the `images` list.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageSpec {
    /// Image name, or name of the class of images.
    pub name: String,
    /// Regular expression for the names of a class of images.
    pub name_scheme: Option<NameScheme>,
    /// Whether the image must, should or may be present.
    pub status: SpecStatus,
    /// Allowed prefixes of `image_source`.
    pub source: Vec<String>,
}

/// A parsed image-spec file.
///
/// ```
/// use scs_standards::standard_images::{ImageSpecFile, SpecStatus};
/// let file = ImageSpecFile::from_yaml("images:\n- name: Debian 12\n  source: https://cloud.debian.org/\n  status: recommended\n").unwrap();
/// assert_eq!(file.images[0].status, SpecStatus::Recommended);
/// assert_eq!(file.images[0].source, ["https://cloud.debian.org/"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ImageSpecFile {
    /// The specs, in file order.
    pub images: Vec<ImageSpec>,
}

/// Why an image-spec file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    /// Not valid YAML, or not of the documented shape (the message has line and column).
    #[error("image spec YAML: {0}")]
    Yaml(#[from] serde_yaml::Error),
    /// A `name_scheme` is not a valid regular expression.
    #[error("images[{index}] ({name}): invalid name_scheme: {error}")]
    NameScheme {
        /// Position in `images`.
        index: usize,
        /// The spec's name.
        name: String,
        /// The regex error.
        error: regex::Error,
    },
    /// A spec without any source prefix.
    #[error("images[{index}] ({name}): `source` is empty")]
    NoSource {
        /// Position in `images`.
        index: usize,
        /// The spec's name.
        name: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    images: Vec<RawSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    name: String,
    #[serde(default)]
    name_scheme: Option<String>,
    #[serde(default)]
    status: Option<SpecStatus>,
    source: OneOrMany,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl ImageSpecFile {
    /// Parses the YAML text of an image-spec file.
    ///
    /// ```
    /// use scs_standards::standard_images::ImageSpecFile;
    /// let err = ImageSpecFile::from_yaml("images:\n- name: x\n  name_scheme: \"(\"\n  source: s\n").unwrap_err();
    /// assert!(err.to_string().starts_with("images[0] (x): invalid name_scheme"));
    /// assert!(ImageSpecFile::from_yaml("imgs: []").is_err());
    /// ```
    pub fn from_yaml(text: &str) -> Result<Self, SpecError> {
        let raw: RawFile = serde_yaml::from_str(text)?;
        let mut images = Vec::new();
        for (index, spec) in raw.images.into_iter().enumerate() {
            let name_scheme = spec
                .name_scheme
                .as_deref()
                .map(NameScheme::new)
                .transpose()
                .map_err(|error| SpecError::NameScheme {
                    index,
                    name: spec.name.clone(),
                    error,
                })?;
            let source = match spec.source {
                OneOrMany::One(s) => vec![s],
                OneOrMany::Many(v) => v,
            };
            if source.is_empty() {
                return Err(SpecError::NoSource {
                    index,
                    name: spec.name,
                });
            }
            images.push(ImageSpec {
                name: spec.name,
                name_scheme,
                status: spec.status.unwrap_or(SpecStatus::Optional),
                source,
            });
        }
        Ok(ImageSpecFile { images })
    }
}

impl ImageSpec {
    /// The images this spec is about: by `name_scheme` if given, else by exact name.
    ///
    /// ```
    /// use scs_standards::{cloud::Image, standard_images::TESTCASE_SPECS};
    /// let spec = TESTCASE_SPECS.iter().find(|t| t.suffix == "capi-1").unwrap().spec();
    /// let images = [Image::new("ubuntu-capi-image v1.30.4"), Image::new("Ubuntu 24.04")];
    /// assert_eq!(spec.matching(&images).len(), 1);
    /// ```
    pub fn matching<'a>(&self, images: &'a [Image]) -> Vec<&'a Image> {
        images
            .iter()
            .filter(|img| match &self.name_scheme {
                Some(scheme) => scheme.matches(&img.name),
                None => img.name == self.name,
            })
            .collect()
    }

    fn describe(&self) -> String {
        match &self.name_scheme {
            Some(s) => format!("`{}` (name scheme `{s}`)", self.name),
            None => format!("`{}`", self.name),
        }
    }

    /// `scs-0104-source-X`: every matching image's `image_source` starts with an allowed prefix.
    ///
    /// ```
    /// use scs_standards::{cloud::Image, standard_images::ImageSpecFile};
    /// let spec = &ImageSpecFile::from_yaml("images:\n- name: Debian 12\n  source: https://cloud.debian.org/\n").unwrap().images[0];
    /// let good = Image::new("Debian 12").with("image_source", "https://cloud.debian.org/x.qcow2");
    /// assert!(spec.check_source(&[good]).passed());
    /// let bad = Image::new("Debian 12").with("image_source", "https://mirror.example/x.qcow2");
    /// assert!(!spec.check_source(&[bad]).passed());
    /// ```
    pub fn check_source(&self, images: &[Image]) -> Findings {
        let mut outcome = Findings::default();
        for img in self.matching(images) {
            match img.property("image_source") {
                Some(src) if self.source.iter().any(|p| src.starts_with(p.as_str())) => {}
                Some(src) => outcome.push(Finding::error(
                    &img.name,
                    format!(
                        "image_source `{src}` starts with none of the prefixes allowed for {}: {}",
                        self.describe(),
                        self.source.join(", ")
                    ),
                )),
                None => outcome.push(Finding::error(
                    &img.name,
                    format!(
                        "no image_source; it must start with one of: {}",
                        self.source.join(", ")
                    ),
                )),
            }
        }
        outcome
    }

    /// `scs-0104-image-X`: at least one matching image is present.
    ///
    /// ```
    /// use scs_standards::{cloud::Image, standard_images::ImageSpecFile};
    /// let spec = &ImageSpecFile::from_yaml("images:\n- name: Debian 12\n  source: https://cloud.debian.org/\n").unwrap().images[0];
    /// assert!(spec.check_presence(&[Image::new("Debian 12")]).passed());
    /// assert!(!spec.check_presence(&[Image::new("Debian 11")]).passed());
    /// ```
    pub fn check_presence(&self, images: &[Image]) -> Findings {
        let found = self.matching(images);
        let mut outcome = Findings::default();
        if found.is_empty() {
            outcome.push(Finding::error(
                &self.name,
                format!("no image {} is present", self.describe()),
            ));
        } else {
            let names: Vec<&str> = found.iter().map(|i| i.name.as_str()).collect();
            outcome.push(Finding::info(
                &self.name,
                format!("present: {}", names.join(", ")),
            ));
        }
        outcome
    }
}

/// The spec behind a pair of testcases `scs-0104-source-<suffix>` / `scs-0104-image-<suffix>`.
#[derive(Debug, Clone, Copy)]
pub struct TestcaseSpec {
    /// The `X` of the testcase ids (`ubuntu-2404`, `capi-1`, ...).
    pub suffix: &'static str,
    /// Image name.
    pub name: &'static str,
    /// Name scheme, for classes of images.
    pub name_scheme: Option<&'static str>,
    /// Allowed source prefixes.
    pub source: &'static [&'static str],
    /// Whether the scope has a `scs-0104-image-<suffix>` testcase.
    pub presence_testcase: bool,
}

impl TestcaseSpec {
    /// As an [`ImageSpec`] (status optional: the scope decides how much a failure weighs).
    pub fn spec(&self) -> ImageSpec {
        ImageSpec {
            name: self.name.to_owned(),
            name_scheme: self
                .name_scheme
                .map(|s| NameScheme::new(s).expect("built-in name schemes compile")),
            status: SpecStatus::Optional,
            source: self.source.iter().map(|s| s.to_string()).collect(),
        }
    }
}

const CAPI_SOURCES: &[&str] = &[
    "https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/",
    "https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2404-kube",
    "https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2204-kube",
];

/// The specs of the scope's scs-0104 testcases, taken from the spec files
/// `Tests/iaas/scs-0104-v1-images.yaml` (capi-1: name scheme with a space) and
/// `scs-0104-v1-images-v5.yaml` (capi-2: with a dash; the other images). Debian 13 is in
/// neither file; its prefixes follow the Debian pattern of the other releases.
pub const TESTCASE_SPECS: &[TestcaseSpec] = &[
    TestcaseSpec {
        suffix: "capi-1",
        name: "ubuntu-capi-image",
        name_scheme: Some(r"ubuntu-capi-image v[0-9]\.[0-9]+(\.[0-9]+)?"),
        // The file's three prefixes, not the one of the standard's "Full example": scs-0104
        // makes the file normative ("The YAML file is generally located under ... Tests/iaas/")
        // and only adding a prefix may happen without a new file.
        source: CAPI_SOURCES,
        presence_testcase: true,
    },
    TestcaseSpec {
        suffix: "capi-2",
        name: "ubuntu-capi-image",
        name_scheme: Some(r"ubuntu-capi-image-v[0-9]\.[0-9]+(\.[0-9]+)?"),
        source: CAPI_SOURCES,
        presence_testcase: true,
    },
    TestcaseSpec {
        suffix: "ubuntu-2404",
        name: "Ubuntu 24.04",
        name_scheme: None,
        source: &[
            "https://cloud-images.ubuntu.com/releases/noble/",
            "https://cloud-images.ubuntu.com/noble/",
        ],
        presence_testcase: true,
    },
    TestcaseSpec {
        suffix: "ubuntu-2204",
        name: "Ubuntu 22.04",
        name_scheme: None,
        source: &[
            "https://cloud-images.ubuntu.com/releases/jammy/",
            "https://cloud-images.ubuntu.com/jammy/",
        ],
        presence_testcase: true,
    },
    TestcaseSpec {
        suffix: "ubuntu-2004",
        name: "Ubuntu 20.04",
        name_scheme: None,
        source: &[
            "https://cloud-images.ubuntu.com/releases/focal/",
            "https://cloud-images.ubuntu.com/focal/",
        ],
        presence_testcase: false,
    },
    TestcaseSpec {
        suffix: "debian-13",
        name: "Debian 13",
        name_scheme: None,
        source: &[
            "https://cloud.debian.org/images/cloud/trixie/",
            "https://cdimage.debian.org/cdimage/cloud/trixie/",
        ],
        presence_testcase: true,
    },
    TestcaseSpec {
        suffix: "debian-12",
        name: "Debian 12",
        name_scheme: None,
        source: &[
            "https://cloud.debian.org/images/cloud/bookworm/",
            "https://cdimage.debian.org/cdimage/cloud/bookworm/",
        ],
        presence_testcase: true,
    },
    TestcaseSpec {
        suffix: "debian-11",
        name: "Debian 11",
        name_scheme: None,
        source: &[
            "https://cloud.debian.org/images/cloud/bullseye/",
            "https://cdimage.debian.org/cdimage/cloud/bullseye/",
        ],
        presence_testcase: false,
    },
];

/// Runs every scs-0104 testcase of the scope over a cloud's public images.
///
/// ```
/// use scs_standards::{cloud::Image, standard_images::validate};
/// let o = validate(&[Image::new("Ubuntu 24.04").with("image_source", "https://cloud-images.ubuntu.com/noble/x.img")]);
/// assert!(o["scs-0104-image-ubuntu-2404"].passed());
/// assert!(o["scs-0104-source-ubuntu-2404"].passed());
/// assert!(!o["scs-0104-image-debian-12"].passed());
/// assert_eq!(o.len(), 14);
/// ```
pub fn validate(images: &[Image]) -> TestcaseFindings {
    let mut outcomes = TestcaseFindings::new();
    for t in TESTCASE_SPECS {
        let spec = t.spec();
        outcomes.insert(
            format!("scs-0104-source-{}", t.suffix),
            spec.check_source(images),
        );
        if t.presence_testcase {
            outcomes.insert(
                format!("scs-0104-image-{}", t.suffix),
                spec.check_presence(images),
            );
        }
    }
    outcomes
}

/// Applies a whole spec file: sources of every spec, presence weighted by status (a missing
/// mandatory image is an error, a missing recommended one a warning, optional ones are silent).
///
/// ```
/// use scs_standards::{cloud::Image, standard_images::{check_spec_file, ImageSpecFile}};
/// let file = ImageSpecFile::from_yaml("images:\n- name: A\n  source: s\n  status: recommended\n").unwrap();
/// let o = check_spec_file(&file, &[]);
/// assert!(o.passed());
/// assert_eq!(o.findings.len(), 1);
/// ```
pub fn check_spec_file(file: &ImageSpecFile, images: &[Image]) -> Findings {
    let mut outcome = Findings::default();
    for spec in &file.images {
        outcome.findings.extend(spec.check_source(images).findings);
        let presence = spec.check_presence(images);
        if presence.passed() {
            continue;
        }
        for mut f in presence.findings {
            match spec.status {
                SpecStatus::Mandatory => outcome.push(f),
                SpecStatus::Recommended => {
                    f.severity = crate::Severity::Warning;
                    outcome.push(f);
                }
                SpecStatus::Optional => {}
            }
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(name: &str, source: &str) -> Image {
        Image::new(name).with("image_source", source)
    }

    #[test]
    fn testcase_ids_are_the_scopes() {
        let ids: Vec<String> = validate(&[]).into_keys().collect();
        let scope = [
            "scs-0104-source-capi-1",
            "scs-0104-source-capi-2",
            "scs-0104-source-ubuntu-2404",
            "scs-0104-source-ubuntu-2204",
            "scs-0104-source-ubuntu-2004",
            "scs-0104-source-debian-13",
            "scs-0104-source-debian-12",
            "scs-0104-source-debian-11",
            "scs-0104-image-capi-2",
            "scs-0104-image-capi-1",
            "scs-0104-image-ubuntu-2404",
            "scs-0104-image-ubuntu-2204",
            "scs-0104-image-debian-13",
            "scs-0104-image-debian-12",
        ];
        let mut scope: Vec<String> = scope.iter().map(|s| s.to_string()).collect();
        scope.sort();
        assert_eq!(ids, scope);
    }

    #[test]
    fn capi_name_schemes_differ_in_separator() {
        let images = [img(
            "ubuntu-capi-image-v1.31.2",
            "https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.31/x.qcow2",
        )];
        let o = validate(&images);
        assert!(o["scs-0104-image-capi-2"].passed());
        assert!(!o["scs-0104-image-capi-1"].passed());
        assert!(o["scs-0104-source-capi-2"].passed());
        // capi-1 allows the same three prefixes as capi-2 (Tests/iaas/scs-0104-v1-images.yaml),
        // not only the regiocloud 2204 prefix of the standard's example.
        let images = [img(
            "ubuntu-capi-image v1.31.2",
            "https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/ubuntu-2404-kube-v1.31/x.qcow2",
        )];
        let o = validate(&images);
        assert!(o["scs-0104-image-capi-1"].passed());
        assert!(o["scs-0104-source-capi-1"].passed());
        let images = [img(
            "ubuntu-capi-image v1.31.2",
            "https://example.org/openstack-k8s-capi-images/x.qcow2",
        )];
        let o = validate(&images);
        assert!(o["scs-0104-image-capi-1"].passed());
        assert!(!o["scs-0104-source-capi-1"].passed());
    }

    #[test]
    fn source_mismatch_names_image_and_prefixes() {
        let o = validate(&[
            img("Debian 12", "https://example.org/debian-12.qcow2"),
            Image::new("Debian 11"),
        ]);
        let f = &o["scs-0104-source-debian-12"].findings[0];
        assert_eq!(f.object, "Debian 12");
        assert!(
            f.message
                .contains("https://cloud.debian.org/images/cloud/bookworm/")
        );
        assert!(
            o["scs-0104-source-debian-11"].findings[0]
                .message
                .contains("no image_source")
        );
        // No matching image: nothing to check.
        assert!(o["scs-0104-source-ubuntu-2004"].findings.is_empty());
    }

    #[test]
    fn spec_errors_are_located() {
        let e = ImageSpecFile::from_yaml("images:\n- name: A\n  sauce: s\n").unwrap_err();
        assert!(e.to_string().contains("unknown field `sauce`"), "{e}");
        assert!(e.to_string().contains("line 3"), "{e}");
        let e = ImageSpecFile::from_yaml("images:\n- name: A\n  source: []\n").unwrap_err();
        assert_eq!(e.to_string(), "images[0] (A): `source` is empty");
        let e = ImageSpecFile::from_yaml("images:\n- name: A\n  source: s\n  status: required\n")
            .unwrap_err();
        assert!(e.to_string().contains("required"), "{e}");
    }
}
