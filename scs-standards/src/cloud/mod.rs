//! Plain structs for the cloud objects the validators look at.
//!
//! Each deserializes from the JSON the OpenStack API returns for it, so the same types read live
//! API responses and offline snapshots. Fields a validator does not need are not modelled, except
//! for images, whose custom properties are top-level keys in Glance v2 and are all kept.

mod catalog_entry;
mod flavor;
mod image;
mod security_group;
mod volume_type;

pub use catalog_entry::{CatalogEntry, Endpoint};
pub use flavor::CloudFlavor;
pub use image::{Image, Visibility};
pub use security_group::{DefaultSecurityGroupRule, Direction, EtherType, SecurityGroupRule};
pub use volume_type::VolumeType;
