//! SSH signatures of reports, as the SCS compliance monitor checks them.
//!
//! The nightly runner signs each merged report with `ssh-keygen -Y sign -n report` and posts
//! the signature, an `&` and the report to the monitor, which verifies it with
//! `ssh-keygen -Y verify -n report` against the subject's registered public key. This module
//! makes and checks the same signatures in Rust: the SSHSIG format of OpenSSH
//! (`PROTOCOL.sshsig`), namespace [`NAMESPACE`], SHA-512 as `ssh-keygen` uses by default.
//!
//! Keys are OpenSSH private key files (`-----BEGIN OPENSSH PRIVATE KEY-----`): Ed25519 (what
//! the monitor's accounts use) and ECDSA P-256/P-384. RSA is left out on purpose: the one
//! pure-Rust RSA crate has an open timing advisory (RUSTSEC-2023-0071) without a fixed release.
//! A passphrase-protected key is refused with a clear error: the nightly run has no one to type
//! the passphrase.
//!
//! ```
//! use scs_scope::signing::{ReportSigner, verify_report};
//!
//! // A throw-away key; in practice `ReportSigner::from_file(".secret/keyfile")`.
//! let signer = ReportSigner::generate_ed25519();
//! let report = b"spec: {uuid: x}\n";
//! let signature = signer.sign(report)?;
//! assert!(signature.starts_with("-----BEGIN SSH SIGNATURE-----\n"));
//! verify_report(&signer.public_key(), report, &signature)?;
//! assert!(verify_report(&signer.public_key(), b"tampered", &signature).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::{Path, PathBuf};

use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

/// The SSHSIG namespace of reports: the monitor verifies with `-n report`.
pub const NAMESPACE: &str = "report";

/// What separates the signature from the report in an upload body: the monitor looks for the
/// end of the armored signature followed by `&`.
///
/// ```
/// assert!(scs_scope::signing::BODY_SEPARATOR.ends_with("\n&"));
/// ```
pub const BODY_SEPARATOR: &str = "-----END SSH SIGNATURE-----\n&";

/// Why a key could not be loaded or a report not signed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The key file could not be read.
    #[error("cannot read key file {path}: {source}")]
    Read {
        /// The key file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not an OpenSSH private key.
    #[error(
        "{path} is not an OpenSSH private key (expected '-----BEGIN OPENSSH PRIVATE KEY-----'): {reason}"
    )]
    NotAKey {
        /// The key file (`-` for keys given as text).
        path: PathBuf,
        /// What the decoder said.
        reason: String,
    },
    /// The key is protected by a passphrase.
    #[error(
        "{path} is protected by a passphrase; the runner cannot ask for it: use a key without one (ssh-keygen -p -N '' -f KEY)"
    )]
    Encrypted {
        /// The key file.
        path: PathBuf,
    },
    /// The key type cannot sign here.
    #[error("cannot sign with {path}: {reason}")]
    Sign {
        /// The key file.
        path: PathBuf,
        /// What the signer said (e.g. an unsupported algorithm).
        reason: String,
    },
}

/// Why a signature does not verify.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The signature text is not an armored SSH signature.
    #[error("not an SSH signature (expected '-----BEGIN SSH SIGNATURE-----'): {0}")]
    Malformed(String),
    /// The public key is not an OpenSSH public key.
    #[error("not an OpenSSH public key (expected e.g. 'ssh-ed25519 AAAA...'): {0}")]
    BadPublicKey(String),
    /// Signed for another purpose than reports.
    #[error("the signature's namespace is '{found}', not '{NAMESPACE}'")]
    Namespace {
        /// The namespace in the signature.
        found: String,
    },
    /// Made with another key than the one given.
    #[error("the signature was made with another key ({found}), not {expected}")]
    OtherKey {
        /// Fingerprint of the key given.
        expected: String,
        /// Fingerprint of the key in the signature.
        found: String,
    },
    /// The report was changed after signing (or the signature is corrupt).
    #[error(
        "the signature does not match the report: it was changed after signing, or the signature is corrupt"
    )]
    Mismatch,
}

/// A private key that signs reports.
///
/// ```no_run
/// let signer = scs_scope::signing::ReportSigner::from_file(".secret/keyfile")?;
/// let signature = signer.sign(&std::fs::read("report.yaml")?)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ReportSigner {
    key: PrivateKey,
    origin: PathBuf,
}

impl std::fmt::Debug for ReportSigner {
    // Never print key material: only where the key came from and its public fingerprint.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportSigner")
            .field("origin", &self.origin)
            .field("fingerprint", &self.fingerprint())
            .finish()
    }
}

impl ReportSigner {
    /// Loads an OpenSSH private key file (the `keyfile` of the runner's `[secrets]`).
    ///
    /// ```
    /// let err = scs_scope::signing::ReportSigner::from_file("/nonexistent/key").unwrap_err();
    /// assert!(err.to_string().contains("/nonexistent/key"));
    /// ```
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, SignError> {
        let path = path.as_ref();
        let text = std::fs::read(path).map_err(|source| SignError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_openssh(&text, path)
    }

    /// Reads a key from the text of an OpenSSH private key file; `origin` names it in errors.
    ///
    /// ```
    /// let err = scs_scope::signing::ReportSigner::from_openssh(b"hello", "k".as_ref()).unwrap_err();
    /// assert!(err.to_string().starts_with("k is not an OpenSSH private key"));
    /// ```
    pub fn from_openssh(text: &[u8], origin: &Path) -> Result<Self, SignError> {
        let key = PrivateKey::from_openssh(text).map_err(|e| SignError::NotAKey {
            path: origin.to_owned(),
            reason: e.to_string(),
        })?;
        if key.is_encrypted() {
            return Err(SignError::Encrypted {
                path: origin.to_owned(),
            });
        }
        Ok(ReportSigner {
            key,
            origin: origin.to_owned(),
        })
    }

    /// A fresh random Ed25519 key, for tests and examples.
    ///
    /// ```
    /// let signer = scs_scope::signing::ReportSigner::generate_ed25519();
    /// assert!(signer.public_key_line().starts_with("ssh-ed25519 "));
    /// ```
    pub fn generate_ed25519() -> Self {
        let key = PrivateKey::random(&mut rand_core::OsRng, ssh_key::Algorithm::Ed25519)
            .expect("Ed25519 key generation does not fail");
        ReportSigner {
            key,
            origin: PathBuf::from("(generated)"),
        }
    }

    /// The public half, to register with the monitor or to verify with.
    ///
    /// ```
    /// let signer = scs_scope::signing::ReportSigner::generate_ed25519();
    /// assert_eq!(signer.public_key().algorithm().as_str(), "ssh-ed25519");
    /// ```
    pub fn public_key(&self) -> PublicKey {
        self.key.public_key().clone()
    }

    /// The public key as one OpenSSH line (`ssh-ed25519 AAAA...`), as in a `.pub` file.
    ///
    /// ```
    /// let line = scs_scope::signing::ReportSigner::generate_ed25519().public_key_line();
    /// assert_eq!(line.split(' ').count(), 2);
    /// ```
    pub fn public_key_line(&self) -> String {
        let mut key = self.public_key();
        key.set_comment("");
        key.to_openssh()
            .expect("encoding a public key does not fail")
            .trim_end()
            .to_owned()
    }

    /// The key's SHA-256 fingerprint as `ssh-keygen -l` prints it (`SHA256:...`).
    ///
    /// ```
    /// let fp = scs_scope::signing::ReportSigner::generate_ed25519().fingerprint();
    /// assert!(fp.starts_with("SHA256:"));
    /// ```
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint(HashAlg::Sha256).to_string()
    }

    /// Signs `report` (the exact bytes that will be uploaded) and returns the armored signature,
    /// as `ssh-keygen -Y sign -n report` writes it to `REPORT.sig` (ending in a newline).
    ///
    /// ```
    /// let signer = scs_scope::signing::ReportSigner::generate_ed25519();
    /// let sig = signer.sign(b"report")?;
    /// assert!(sig.ends_with("-----END SSH SIGNATURE-----\n"));
    /// # Ok::<(), scs_scope::signing::SignError>(())
    /// ```
    pub fn sign(&self, report: &[u8]) -> Result<String, SignError> {
        let sign_error = |e: ssh_key::Error| SignError::Sign {
            path: self.origin.clone(),
            reason: e.to_string(),
        };
        let signature = self
            .key
            .sign(NAMESPACE, HashAlg::Sha512, report)
            .map_err(sign_error)?;
        let mut armored = signature.to_pem(LineEnding::LF).map_err(sign_error)?;
        if !armored.ends_with('\n') {
            armored.push('\n');
        }
        Ok(armored)
    }
}

/// Reads a public key from the text of an OpenSSH `.pub` file or an `authorized_keys`-style
/// line (`ssh-ed25519 AAAA... comment`).
///
/// ```
/// let signer = scs_scope::signing::ReportSigner::generate_ed25519();
/// let key = scs_scope::signing::parse_public_key(&signer.public_key_line())?;
/// assert_eq!(key.key_data(), signer.public_key().key_data());
/// assert!(scs_scope::signing::parse_public_key("ssh-ed25519 nonsense").is_err());
/// # Ok::<(), scs_scope::signing::VerifyError>(())
/// ```
pub fn parse_public_key(text: &str) -> Result<PublicKey, VerifyError> {
    PublicKey::from_openssh(text.trim()).map_err(|e| VerifyError::BadPublicKey(e.to_string()))
}

/// Checks that `signature` (armored, as [`ReportSigner::sign`] or `ssh-keygen -Y sign` makes
/// it) is `public_key`'s signature of `report` in the namespace [`NAMESPACE`].
///
/// ```
/// use scs_scope::signing::{ReportSigner, VerifyError, verify_report};
/// let alice = ReportSigner::generate_ed25519();
/// let mallory = ReportSigner::generate_ed25519();
/// let sig = alice.sign(b"report")?;
/// assert!(matches!(
///     verify_report(&mallory.public_key(), b"report", &sig),
///     Err(VerifyError::OtherKey { .. })
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_report(
    public_key: &PublicKey,
    report: &[u8],
    signature: &str,
) -> Result<(), VerifyError> {
    let signature: SshSig = signature
        .trim_start()
        .parse()
        .map_err(|e: ssh_key::Error| VerifyError::Malformed(e.to_string()))?;
    if signature.namespace() != NAMESPACE {
        return Err(VerifyError::Namespace {
            found: signature.namespace().to_owned(),
        });
    }
    if signature.public_key() != public_key.key_data() {
        let found = PublicKey::from(signature.public_key().clone()).fingerprint(HashAlg::Sha256);
        return Err(VerifyError::OtherKey {
            expected: public_key.fingerprint(HashAlg::Sha256).to_string(),
            found: found.to_string(),
        });
    }
    public_key
        .verify(NAMESPACE, report, &signature)
        .map_err(|_| VerifyError::Mismatch)
}

/// The body of an upload to the compliance monitor: the armored signature, `&`, the report.
///
/// ```
/// use scs_scope::signing::{BODY_SEPARATOR, ReportSigner, signed_body};
/// let signer = ReportSigner::generate_ed25519();
/// let body = signed_body(&signer.sign(b"a: 1\n")?, b"a: 1\n");
/// let text = String::from_utf8(body).unwrap();
/// let cut = text.find(BODY_SEPARATOR).unwrap() + BODY_SEPARATOR.len();
/// assert_eq!(&text[cut..], "a: 1\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn signed_body(signature: &str, report: &[u8]) -> Vec<u8> {
    let mut body = Vec::with_capacity(signature.len() + 2 + report.len());
    body.extend_from_slice(signature.as_bytes());
    if !signature.ends_with('\n') {
        body.push(b'\n');
    }
    body.push(b'&');
    body.extend_from_slice(report);
    body
}
