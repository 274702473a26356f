//! Paths into a YAML document (`modules[0].run`) and finding the line a path starts on.
//!
//! serde_norway reports the position of syntax and type errors, but once a document is
//! deserialized, positions are gone. To point at the offending line of a *semantic* error
//! (a duplicate id, an unknown reference), [`locate`] deserializes the source a second time
//! with a probe that walks down the path and fails on purpose when it arrives: the error the
//! deserializer returns then carries the position of that node. This re-uses the parser's
//! own limits (aliases, recursion), so it is as safe as the first pass.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One step of a [`YamlPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index (0-based).
    Index(usize),
}

/// Where in a YAML document something is, written like `versions[1].include[3]`.
///
/// ```
/// use scs_scope::YamlPath;
/// let path = YamlPath::root().key("modules").index(0).key("run");
/// assert_eq!(path.to_string(), "modules[0].run");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YamlPath(Vec<Segment>);

impl YamlPath {
    /// The document root (displayed as `.`).
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path extended by a mapping key.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.0.push(Segment::Key(key.into()));
        self
    }

    /// This path extended by a sequence index.
    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Segment::Index(index));
        self
    }

    /// The segments, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// Parses the form serde_norway uses in its messages (`modules[1].targets.main[0]`).
    /// Keys containing `.` or `[` cannot be told apart from nesting; they do not occur in the
    /// keys of a scope file.
    pub(crate) fn parse(text: &str) -> Self {
        let mut path = Self::root();
        for part in text.split('.') {
            let (key, mut rest) = match part.find('[') {
                Some(at) => (&part[..at], &part[at..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                path = path.key(key);
            }
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(end) = stripped.find(']') else { break };
                match stripped[..end].parse() {
                    Ok(index) => path = path.index(index),
                    Err(_) => path = path.key(&stripped[..end]),
                }
                rest = &stripped[end + 1..];
            }
        }
        path
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(".");
        }
        for (n, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if n == 0 => write!(f, "{key}")?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A 1-based line and column in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Line, counting from 1.
    pub line: usize,
    /// Column, counting from 1.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {} column {}", self.line, self.column)
    }
}

const PROBE_MARK: &str = "scs-scope location probe";

/// The position where the node at `path` starts in `source`, if the path exists.
/// For a mapping key segment, this is the position of the value under that key.
pub(crate) fn locate(source: &str, path: &YamlPath) -> Option<Location> {
    let deserializer = serde_yaml::Deserializer::from_str(source);
    let error = Probe(path.segments()).deserialize(deserializer).err()?;
    if !error.to_string().contains(PROBE_MARK) {
        return None;
    }
    error.location().map(|l| Location {
        line: l.line(),
        column: l.column(),
    })
}

/// Walks down `.0`; fails with [`PROBE_MARK`] at the end of the path.
struct Probe<'p>(&'p [Segment]);

impl<'de> DeserializeSeed<'de> for Probe<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.0.is_empty() {
            // Arrived: any error raised now is stamped with this node's position.
            return deserializer.deserialize_any(Arrived);
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Probe<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping or sequence")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Segment::Key(wanted), rest)) = self.0.split_first() else {
            return Err(de::Error::custom("not a sequence"));
        };
        while let Some(key) = map.next_key::<KeyText>()? {
            if key.0.as_deref() == Some(wanted.as_str()) {
                return map.next_value_seed(Probe(rest));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Err(de::Error::custom("key not found"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Segment::Index(wanted), rest)) = self.0.split_first() else {
            return Err(de::Error::custom("not a mapping"));
        };
        for _ in 0..*wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Err(de::Error::custom("index out of range"));
            }
        }
        match seq.next_element_seed(Probe(rest))? {
            Some(()) => Err(de::Error::custom("index out of range")),
            None => Err(de::Error::custom("index out of range")),
        }
    }
}

/// A mapping key as text, if it is a scalar; other keys never match a path segment.
struct KeyText(Option<String>);

impl<'de> de::Deserialize<'de> for KeyText {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(Some(v.to_owned())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(Some(v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyText, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(KeyText(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyText, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(KeyText(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Fails on purpose, whatever the node is.
struct Arrived;

impl<'de> Visitor<'de> for Arrived {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(PROBE_MARK)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(PROBE_MARK))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(PROBE_MARK))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(PROBE_MARK))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(PROBE_MARK))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(PROBE_MARK))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(PROBE_MARK))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(PROBE_MARK))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(PROBE_MARK))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse_round_trip() {
        for text in [
            "modules[0].run",
            "versions[1].include[3]",
            "timeline[0].versions.v4",
            "name",
        ] {
            assert_eq!(YamlPath::parse(text).to_string(), text);
        }
        assert_eq!(YamlPath::root().to_string(), ".");
    }

    #[test]
    fn locates_nested_nodes() {
        let src = "a: 1\nlist:\n  - x: 1\n  - x: 2\n    y: [5, 6]\nmap:\n  k: v\n";
        let at = |p: YamlPath| locate(src, &p).map(|l| (l.line, l.column));
        assert_eq!(at(YamlPath::root().key("a")), Some((1, 4)));
        assert_eq!(at(YamlPath::root().key("list").index(1)), Some((4, 5)));
        assert_eq!(
            at(YamlPath::root().key("list").index(1).key("y").index(1)),
            Some((5, 12))
        );
        assert_eq!(at(YamlPath::root().key("map").key("k")), Some((7, 6)));
        assert_eq!(at(YamlPath::root().key("nope")), None);
        assert_eq!(at(YamlPath::root().key("list").index(7)), None);
    }
}
