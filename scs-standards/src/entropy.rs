//! scs-0101 v1 (v1.1), SCS Entropy: the flavor and image metadata that let a VM get the host's
//! entropy through a virtio-rng device.
//!
//! Testcases of the certificate scope: `scs-0101-flavor-property` ("Ensures that each flavor has
//! the extra spec `hw_rng:allowed=True`") and `scs-0101-image-property` ("Ensures that each
//! public image has the property `hw_rng_model:virtio`"), both plain metadata checks, here. The
//! scope's other scs-0101 testcases, `scs-0101-rngd`, `scs-0101-entropy-avail` and
//! `scs-0101-fips-test`, look inside a sample VM (scs-0101-w1, "Automated tests": "the special
//! file `/proc/sys/kernel/random/entropy_avail` [...] on a sample VM"): [`vm`] has the probe's
//! user data, the console parser and their decisions.
//!
//! # Decisions
//!
//! - **Nothing here fails.** The standard's only requirement is about the hardware: "Compute
//!   nodes must use CPUs that offer instructions for accessing entropy [...] and these
//!   instructions may not be filtered by the hypervisor" (section "Entropy in SCS clouds"),
//!   which scs-0101-w1 checks on a VM ("These testcases act as surrogates for the following
//!   item, which cannot be detected directly"). The virtio-rng device is optional: "the host's
//!   entropy sources can be injected using `virtio-rng` if so desired" (section "Entropy in
//!   virtual instances"), and "As of version 1.1, the method of injecting entropy into a VM
//!   using a virtualized HRNG together with `rngd` is no longer recommended" (section "Version
//!   history"); the scope's v1.1 targets list neither testcase.
//! - **A flavor or image without the property is a warning.** The document's summary still says
//!   "The standard recommends [...] activating the hw_rng_model: virtio attribute for images",
//!   and scs-0102 lists `hw_rng_model` among "the following further properties are recommended
//!   (if the features are supported)". Nova gives a VM the device only when its image asks for
//!   it (`hw_rng_model=virtio`) and its flavor allows it (`hw_rng:allowed`), so a flavor that
//!   does not allow it is the same unmet recommendation, seen from the flavor.
//! - **`hw_rng:allowed` is read as Nova reads it**: `True`, `true`, `1`, `yes`, `on`, `t`, `y`
//!   (any case) allow the device. The scope writes `hw_rng:allowed=True`; Nova's boolean
//!   parsing treats `true` alike. A value that is no boolean at all is a warning of its own:
//!   Nova reads it as false.
//! - **`hw_rng_model` must be `virtio`**, the only model OpenStack defines
//!   ([`HwRngModel`]); any other value is a warning here (whether the value is valid at all is
//!   `scs-0102-prop-hw_rng_model`'s question).
//!
//! ```
//! use scs_standards::cloud::{CloudFlavor, Image};
//! use scs_standards::{Severity, entropy};
//! let flavors = [
//!     CloudFlavor::new("SCS-1V-4", 1, 4096, 0).with_spec("hw_rng:allowed", "True"),
//!     CloudFlavor::new("m1.small", 1, 2048, 20),
//! ];
//! let outcome = entropy::flavor_property(&flavors);
//! assert!(outcome.passed());
//! assert_eq!(outcome.findings.len(), 1);
//! assert_eq!(outcome.findings[0].object, "m1.small");
//! assert_eq!(outcome.findings[0].severity, Severity::Warning);
//!
//! let images = [Image::new("Debian 13").with("hw_rng_model", "virtio")];
//! assert!(entropy::image_property(&images).findings.is_empty());
//! ```

pub mod vm;

use crate::cloud::{CloudFlavor, Image};
use crate::image_metadata::HwRngModel;
use crate::{Finding, Findings, TestcaseFindings};

/// Testcase: each flavor allows a virtio-rng device (`hw_rng:allowed`).
pub const FLAVOR_PROPERTY: &str = "scs-0101-flavor-property";
/// Testcase: each public image asks for a virtio-rng device (`hw_rng_model=virtio`).
pub const IMAGE_PROPERTY: &str = "scs-0101-image-property";
/// Testcase (on a sample VM, [`vm::rngd`]): the service `rngd` is present.
pub const RNGD: &str = "scs-0101-rngd";
/// Testcase (on a sample VM, [`vm::entropy_avail`]): `entropy_avail` is 256.
pub const ENTROPY_AVAIL: &str = "scs-0101-entropy-avail";
/// Testcase (on a sample VM, [`vm::fips_test`]): fewer than 5 of 1000 blocks of `/dev/random`
/// fail `rngtest`'s FIPS 140-2 tests.
pub const FIPS_TEST: &str = "scs-0101-fips-test";

/// The flavor extra spec that allows a virtio-rng device.
pub const FLAVOR_SPEC: &str = "hw_rng:allowed";
/// The image property that asks for a virtio-rng device.
pub const IMAGE_KEY: &str = "hw_rng_model";

/// How Nova reads a boolean extra spec such as `hw_rng:allowed`: `Some(true)` or `Some(false)`
/// for the words it knows (any case, surrounding blanks ignored), `None` for anything else
/// (which Nova reads as false).
///
/// ```
/// use scs_standards::entropy::nova_bool;
/// assert_eq!(nova_bool("True"), Some(true));
/// assert_eq!(nova_bool(" yes "), Some(true));
/// assert_eq!(nova_bool("0"), Some(false));
/// assert_eq!(nova_bool("maybe"), None);
/// ```
pub fn nova_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "t" | "true" | "on" | "y" | "yes" => Some(true),
        "0" | "f" | "false" | "off" | "n" | "no" => Some(false),
        _ => None,
    }
}

/// The finding about one flavor's `hw_rng:allowed`, if it does not allow the device.
///
/// ```
/// use scs_standards::{cloud::CloudFlavor, entropy::check_flavor};
/// assert!(check_flavor(&CloudFlavor::new("a", 1, 1024, 0).with_spec("hw_rng:allowed", "true")).is_none());
/// let f = check_flavor(&CloudFlavor::new("b", 1, 1024, 0).with_spec("hw_rng:allowed", "False")).unwrap();
/// assert!(f.message.contains("`False`"), "{f}");
/// ```
pub fn check_flavor(flavor: &CloudFlavor) -> Option<Finding> {
    const ADVICE: &str = "VMs of this flavor get no virtio-rng device, even from images with \
                          `hw_rng_model=virtio` (set `hw_rng:allowed=True`)";
    let message = match flavor.extra_specs.get(FLAVOR_SPEC) {
        None => format!("`{FLAVOR_SPEC}` is not set: {ADVICE}"),
        Some(value) => match nova_bool(value) {
            Some(true) => return None,
            Some(false) => format!("`{FLAVOR_SPEC}` is `{value}`: {ADVICE}"),
            None => format!(
                "`{FLAVOR_SPEC}` is `{value}`, not a boolean (Nova reads it as false): {ADVICE}"
            ),
        },
    };
    Some(Finding::warning(&flavor.name, message))
}

/// The finding about one image's `hw_rng_model`, if it does not ask for the device.
///
/// ```
/// use scs_standards::{cloud::Image, entropy::check_image};
/// assert!(check_image(&Image::new("a").with("hw_rng_model", "virtio")).is_none());
/// assert!(check_image(&Image::new("b")).unwrap().message.contains("not set"));
/// ```
pub fn check_image(image: &Image) -> Option<Finding> {
    const ADVICE: &str = "VMs from this image get no virtio-rng device (set `hw_rng_model=virtio`)";
    let message = match image.property(IMAGE_KEY) {
        None => format!("`{IMAGE_KEY}` is not set: {ADVICE}"),
        Some(value) => match value.parse::<HwRngModel>() {
            Ok(HwRngModel::Virtio) => return None,
            Err(e) => format!("`{IMAGE_KEY}` is `{value}` ({e}): {ADVICE}"),
        },
    };
    Some(Finding::warning(&image.name, message))
}

/// `scs-0101-flavor-property` over `flavors`: a warning for each flavor that does not allow
/// the virtio-rng device; it passes either way (see the module's decisions).
///
/// ```
/// use scs_standards::{cloud::CloudFlavor, entropy::flavor_property};
/// let o = flavor_property(&[CloudFlavor::new("SCS-1V-4", 1, 4096, 0)]);
/// assert!(o.passed() && o.findings.len() == 1);
/// ```
pub fn flavor_property(flavors: &[CloudFlavor]) -> Findings {
    flavors.iter().filter_map(check_flavor).collect()
}

/// `scs-0101-image-property` over `images` (the public images): a warning for each image that
/// does not ask for the virtio-rng device; it passes either way (see the module's decisions).
///
/// ```
/// use scs_standards::{cloud::Image, entropy::image_property};
/// let o = image_property(&[Image::new("Debian 13").with("hw_rng_model", "virtio-rng")]);
/// assert!(o.passed() && o.findings[0].message.contains("`virtio-rng`"));
/// ```
pub fn image_property(images: &[Image]) -> Findings {
    images.iter().filter_map(check_image).collect()
}

/// Both metadata testcases, keyed by testcase id.
///
/// ```
/// let outcomes = scs_standards::entropy::validate(&[], &[]);
/// assert_eq!(outcomes.len(), 2);
/// assert!(outcomes["scs-0101-image-property"].passed());
/// ```
pub fn validate(flavors: &[CloudFlavor], images: &[Image]) -> TestcaseFindings {
    TestcaseFindings::from([
        (FLAVOR_PROPERTY.to_owned(), flavor_property(flavors)),
        (IMAGE_PROPERTY.to_owned(), image_property(images)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn flavor(spec: Option<&str>) -> CloudFlavor {
        let f = CloudFlavor::new("SCS-2V-8", 2, 8192, 0);
        match spec {
            Some(v) => f.with_spec(FLAVOR_SPEC, v),
            None => f,
        }
    }

    #[test]
    fn flavors_that_allow_the_device_have_no_finding() {
        for value in ["True", "true", "TRUE", "1", "yes", " on ", "t", "Y"] {
            assert_eq!(check_flavor(&flavor(Some(value))), None, "{value:?}");
        }
        let o = flavor_property(&[flavor(Some("True")), flavor(Some("1"))]);
        assert!(o.passed() && o.findings.is_empty());
    }

    #[test]
    fn flavors_that_do_not_allow_the_device_are_warned_about_by_name() {
        let cases = [
            (None, "`hw_rng:allowed` is not set"),
            (Some("False"), "`hw_rng:allowed` is `False`: VMs"),
            (Some("no"), "`hw_rng:allowed` is `no`: VMs"),
            (Some(""), "`hw_rng:allowed` is ``, not a boolean"),
            (Some("maybe"), "`hw_rng:allowed` is `maybe`, not a boolean"),
            (
                Some("virtio"),
                "`hw_rng:allowed` is `virtio`, not a boolean",
            ),
        ];
        for (value, start) in cases {
            let f = check_flavor(&flavor(value)).unwrap();
            assert_eq!(f.severity, Severity::Warning, "{value:?}");
            assert_eq!(f.object, "SCS-2V-8");
            assert!(f.message.starts_with(start), "{value:?}: {f}");
            assert!(f.message.contains("set `hw_rng:allowed=True`"), "{f}");
        }
        let o = flavor_property(&[
            flavor(Some("True")),
            CloudFlavor::new("m1.small", 1, 2048, 20),
            flavor(Some("off")),
        ]);
        assert!(o.passed(), "a recommendation: never an error");
        let objects: Vec<&str> = o.findings.iter().map(|f| f.object.as_str()).collect();
        assert_eq!(objects, ["m1.small", "SCS-2V-8"]);
    }

    #[test]
    fn images_must_ask_for_virtio() {
        assert_eq!(
            check_image(&Image::new("Debian 13").with(IMAGE_KEY, "virtio")),
            None
        );
        for (image, start) in [
            (Image::new("Debian 13"), "`hw_rng_model` is not set"),
            (
                Image::new("Debian 13").with(IMAGE_KEY, "Virtio"),
                "`hw_rng_model` is `Virtio` (unknown hw_rng_model `Virtio` (allowed: virtio))",
            ),
            (
                Image::new("Debian 13").with(IMAGE_KEY, "virtio-rng"),
                "`hw_rng_model` is `virtio-rng`",
            ),
        ] {
            let f = check_image(&image).unwrap();
            assert_eq!(
                (f.severity, f.object.as_str()),
                (Severity::Warning, "Debian 13")
            );
            assert!(f.message.starts_with(start), "{f}");
            assert!(f.message.ends_with("(set `hw_rng_model=virtio`)"), "{f}");
        }
        let o = image_property(&[Image::new("a").with(IMAGE_KEY, "virtio"), Image::new("b")]);
        assert!(o.passed());
        assert_eq!(o.findings.len(), 1);
        assert_eq!(o.findings[0].object, "b");
    }
}
