//! Newtypes for the names a scope uses to refer to its parts (scs-0003-v1, "SCS Certification YAML").
//!
//! Keeping them apart in the type system means a module id can never be looked up as a
//! testcase id by mistake.

use std::borrow::{Borrow, Cow};
use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a name as found in the scope file.
            pub fn new(name: impl Into<String>) -> Self {
                Self(name.into())
            }

            /// The name as written in the scope file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            /// Any text is a valid name; the scope decides whether it refers to something.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self(s.to_owned()))
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(name: &str) -> Self {
                Self(name.to_owned())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

/// Id of a testcase, e.g. `scs-0100-syntax-check` (test-case descriptor, key `id`): the one
/// testcase id of the workspace, used by scopes and reports here and by the testkit's registry,
/// its `Testcase` trait and its results.
///
/// A testcase written in Rust can keep its id in a `static` ([`TestcaseId::from_static`], no
/// allocation); ids read from a scope file own their text.
///
/// ```
/// use scs_scope::TestcaseId;
/// let id = TestcaseId::new("scs-0100-syntax-check");
/// assert_eq!(id.to_string(), "scs-0100-syntax-check");
/// assert_eq!(id, "scs-0100-syntax-check");
/// assert_eq!(id.to_string().parse::<TestcaseId>(), Ok(id));
///
/// static MINE: TestcaseId = TestcaseId::from_static("acme-public-flavors");
/// assert_eq!(MINE.as_str(), "acme-public-flavors");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TestcaseId(Cow<'static, str>);

impl TestcaseId {
    /// Wraps a name as found in the scope file.
    ///
    /// ```
    /// assert_eq!(scs_scope::TestcaseId::new(String::from("a")).as_str(), "a");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Self(Cow::Owned(name.into()))
    }

    /// An id from a string literal, usable in `const` and `static` items.
    ///
    /// ```
    /// const ID: scs_scope::TestcaseId = scs_scope::TestcaseId::from_static("acme-1");
    /// assert_eq!(ID, "acme-1");
    /// ```
    pub const fn from_static(name: &'static str) -> Self {
        Self(Cow::Borrowed(name))
    }

    /// The name as written in the scope file.
    ///
    /// ```
    /// assert_eq!(scs_scope::TestcaseId::from("a-b").as_str(), "a-b");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TestcaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for TestcaseId {
    type Err = std::convert::Infallible;

    /// Any text is a valid name; the scope decides whether it refers to something.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(s))
    }
}

impl Borrow<str> for TestcaseId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// An id reads like its text (`id.starts_with("scs-0102-")`).
impl std::ops::Deref for TestcaseId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for TestcaseId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for TestcaseId {
    fn from(name: &str) -> Self {
        Self::new(name)
    }
}

impl From<String> for TestcaseId {
    fn from(name: String) -> Self {
        Self::new(name)
    }
}

impl PartialEq<str> for TestcaseId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for TestcaseId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

id_newtype!(
    /// Id of a module, e.g. `scs-0100-v3.1` (module descriptor, key `id`).
    ///
    /// ```
    /// use scs_scope::ModuleId;
    /// assert_eq!(ModuleId::from("scs-0100-v3.1").as_str(), "scs-0100-v3.1");
    /// ```
    ModuleId
);

id_newtype!(
    /// Name of a version of a certificate scope, e.g. `v5.1` (version descriptor, key `version`).
    ///
    /// ```
    /// use scs_scope::VersionName;
    /// assert_eq!(VersionName::new("v5.1").to_string(), "v5.1");
    /// ```
    VersionName
);
