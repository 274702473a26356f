//! Which of a cloud's images a check counts: one rule per kind of check, each quoting the
//! standard it follows. The only place that decides by `visibility` and `os_hidden`.
//!
//! Glance gives each image a `visibility` (`public`, `community`, `shared`, `private`) and a flag
//! `os_hidden`: a hidden image is left out of the image list (Glance's default listing) but can
//! still be used by its UUID. The standards speak of three sets:
//!
//! | check | images counted | the standard says |
//! | --- | --- | --- |
//! | [`ImageCheck::ImageMetadata`]: `scs-0102-prop-*`, `scs-0102-image-recency` | public and community, hidden ones included | scs-0102, "Motivation": [`PROVIDED_FOR_PUBLIC`] |
//! | [`ImageCheck::PurposeUniqueness`]: `scs-0102-os_purpose-uniqueness` | public, not hidden | scs-0102 v2, `os_purpose`: [`UNIQUENESS`] |
//! | [`ImageCheck::StandardImages`]: `scs-0104-image-X`, `scs-0104-source-X` | public and community, not hidden | scs-0104-w1: [`LIST_OF_PUBLIC_IMAGES`] |
//! | [`ImageCheck::Entropy`]: `scs-0101-image-property` | public and community, hidden ones included | the scope: [`EACH_PUBLIC_IMAGE`] |
//!
//! Hidden images stay in the metadata checks: the provider still offers them by UUID (scs-0102,
//! "Image updating": "the old image gets renamed [...] and hidden (`os_hidden=True`), but remains
//! accessible via its (unchanged) UUID for some time"), and image recency needs them to see that
//! an outdated image was rotated out. A hidden image is not *present* for scs-0104: it is not in
//! the list users search by name (scs-0102: "the old images must be hidden from the image
//! catalogue or renamed"), so a hidden standard image does not make the image present, and the
//! source rule ("if an image with the name given is present, then its `image_source` [...]")
//! does not apply to it.
//!
//! `community` images count where `public` ones do (as the checks always did); only the
//! uniqueness rule names `visibility=public` alone.
//!
//! ```
//! use scs_standards::cloud::{Image, Visibility};
//! use scs_standards::image_visibility::ImageCheck;
//! let mut old = Image::new("Ubuntu 24.04");
//! old.os_hidden = true;
//! assert!(ImageCheck::ImageMetadata.counts(&old));
//! assert!(!ImageCheck::StandardImages.counts(&old));
//! let mut private = Image::new("mine");
//! private.visibility = Visibility::Private;
//! assert!(ImageCheck::ALL.iter().all(|c| !c.counts(&private)));
//! ```

use crate::cloud::{Image, Visibility};

/// scs-0102 v1 and v2, section "Motivation".
pub const PROVIDED_FOR_PUBLIC: &str = "The specification is targeting images that are managed by the service provider, provided for public consumption.";

/// scs-0102 v2, property `os_purpose`.
pub const UNIQUENESS: &str = "there MUST be at most one public (`visibility=public`), non-hidden (`os_hidden=False`) image with this assignment and `os_purpose=generic`.";

/// scs-0104-w1, section "Automated tests", on the `scs-0104-image-X` testcases.
pub const LIST_OF_PUBLIC_IMAGES: &str =
    "these ensure that certain images can be found in the list of public images.";

/// The certificate scope's description of `scs-0101-image-property`.
pub const EACH_PUBLIC_IMAGE: &str =
    "Ensures that each public image has the property `hw_rng_model:virtio`";

/// A kind of check over images, by the set of images it counts (module docs).
///
/// ```
/// use scs_standards::image_visibility::ImageCheck;
/// assert!(ImageCheck::StandardImages.rule().contains("list of public images"));
/// assert_eq!(ImageCheck::ALL[ImageCheck::Entropy.index()], ImageCheck::Entropy);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageCheck {
    /// scs-0102's property and recency checks: the provider's images, hidden ones included.
    ImageMetadata,
    /// scs-0102's `os_purpose` uniqueness: public images that are not hidden.
    PurposeUniqueness,
    /// scs-0104's presence and source checks: the images in the list users search by name.
    StandardImages,
    /// scs-0101's image property: every public image, hidden ones included.
    Entropy,
}

impl ImageCheck {
    /// Every kind, in the order of [`ImageCheck::index`].
    pub const ALL: [ImageCheck; 4] = [
        ImageCheck::ImageMetadata,
        ImageCheck::PurposeUniqueness,
        ImageCheck::StandardImages,
        ImageCheck::Entropy,
    ];

    /// Position in [`ImageCheck::ALL`] (for tables indexed by kind).
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether a check of this kind counts `image`.
    pub fn counts(self, image: &Image) -> bool {
        let public = image.visibility == Visibility::Public;
        let community = image.visibility == Visibility::Community;
        match self {
            ImageCheck::ImageMetadata | ImageCheck::Entropy => public || community,
            ImageCheck::PurposeUniqueness => public && !image.os_hidden,
            ImageCheck::StandardImages => (public || community) && !image.os_hidden,
        }
    }

    /// The images of `images` a check of this kind counts.
    ///
    /// ```
    /// use scs_standards::{cloud::Image, image_visibility::ImageCheck};
    /// let mut hidden = Image::new("Debian 12 20260101");
    /// hidden.os_hidden = true;
    /// let images = [Image::new("Debian 12"), hidden];
    /// assert_eq!(ImageCheck::StandardImages.select(&images).count(), 1);
    /// ```
    pub fn select(self, images: &[Image]) -> impl Iterator<Item = &Image> {
        images.iter().filter(move |i| self.counts(i))
    }

    /// The sentence of the standard (or scope) this kind's rule follows.
    pub fn rule(self) -> &'static str {
        match self {
            ImageCheck::ImageMetadata => PROVIDED_FOR_PUBLIC,
            ImageCheck::PurposeUniqueness => UNIQUENESS,
            ImageCheck::StandardImages => LIST_OF_PUBLIC_IMAGES,
            ImageCheck::Entropy => EACH_PUBLIC_IMAGE,
        }
    }
}
