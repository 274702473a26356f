//! serde support: a flavor (de)serializes as its name.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::{Flavor, FlavorSpec};

impl Serialize for Flavor {
    /// Serializes as the canonical v3 name.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Flavor {
    /// Deserializes from a v3 name (strict, as [`FromStr`](std::str::FromStr)).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Flavor, D::Error> {
        struct FlavorVisitor;

        impl Visitor<'_> for FlavorVisitor {
            type Value = Flavor;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an SCS flavor name such as `SCS-2V-4-20s`")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Flavor, E> {
                name.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(FlavorVisitor)
    }
}

impl Serialize for FlavorSpec {
    /// Serializes as one flat map, in sorted key order, in the shape the reference tooling
    /// uses: `cpus` (integer), `disk` (integer, `null` without a size, absent without a disk),
    /// `ram` (GiB, a float), then every `scs:` extra spec.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(
            2 + usize::from(self.disk.is_some()) + self.extra_specs.len(),
        ))?;
        map.serialize_entry("cpus", &self.cpus)?;
        if let Some(disk) = self.disk {
            map.serialize_entry("disk", &disk)?;
        }
        map.serialize_entry("ram", &self.ram.gib_f64())?;
        for (key, value) in &self.extra_specs {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}
