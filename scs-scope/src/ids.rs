//! Newtypes for the names a scope uses to refer to its parts (scs-0003-v1, "SCS Certification YAML").
//!
//! Keeping them apart in the type system means a module id can never be looked up as a
//! testcase id by mistake.

use std::borrow::Borrow;
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

id_newtype!(
    /// Id of a testcase, e.g. `scs-0100-syntax-check` (test-case descriptor, key `id`).
    ///
    /// ```
    /// use scs_scope::TestcaseId;
    /// let id = TestcaseId::new("scs-0100-syntax-check");
    /// assert_eq!(id.to_string(), "scs-0100-syntax-check");
    /// assert_eq!(id, "scs-0100-syntax-check");
    /// assert_eq!(id.to_string().parse::<TestcaseId>(), Ok(id));
    /// ```
    TestcaseId
);

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
