//! Report signatures against the real `ssh-keygen -Y` (OpenSSH), which the compliance monitor
//! uses to verify uploads: what we sign, it accepts; what it signs, we accept; a change to the
//! report, another namespace or another key fails on both sides.
#![cfg(feature = "signing")]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use scs_scope::signing::{
    ReportSigner, SignError, VerifyError, parse_public_key, signed_body, verify_report,
};

const REPORT: &[u8] = b"spec:\n  uuid: 50393e6f-2ae1-4c5c-a62c-3b75f2abef3f\nsubject: demo\n";

fn ssh_keygen() -> Command {
    // The monitor verifies with ssh-keygen; without it these tests prove nothing, so fail loudly.
    assert!(
        which("ssh-keygen"),
        "ssh-keygen (Debian: openssh-client) is needed to check signatures against OpenSSH"
    );
    Command::new("ssh-keygen")
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
        .unwrap_or(false)
}

/// A new key of `kind` (`ed25519`, `ecdsa`, `rsa`) in `dir`, with `passphrase`.
fn keygen(dir: &Path, kind: &str, passphrase: &str) -> PathBuf {
    let path = dir.join(format!("id_{kind}"));
    let status = ssh_keygen()
        .args(["-q", "-t", kind, "-N", passphrase, "-C", "scs-test", "-f"])
        .arg(&path)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "ssh-keygen -t {kind} failed");
    path
}

/// `ssh-keygen -Y verify` of `report` against `signature` made by the key in `pub_file`,
/// as the monitor runs it (allowed signers file, identity, namespace `report`).
fn openssh_verifies(dir: &Path, pub_line: &str, report: &[u8], signature: &str) -> bool {
    let allowed = dir.join("allowed_signers");
    std::fs::write(&allowed, format!("ci@scs.test {pub_line}\n")).unwrap();
    let sig = dir.join("report.sig");
    std::fs::write(&sig, signature).unwrap();
    let mut child = ssh_keygen()
        .args(["-Y", "verify", "-I", "ci@scs.test", "-n", "report", "-f"])
        .arg(&allowed)
        .arg("-s")
        .arg(&sig)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(report).unwrap();
    child.wait().unwrap().success()
}

/// `ssh-keygen -Y sign -n NAMESPACE` of `report` with `key`: the armored signature.
fn openssh_sign(dir: &Path, key: &Path, namespace: &str, report: &[u8]) -> String {
    let file = dir.join("signed-by-openssh.yaml");
    std::fs::write(&file, report).unwrap();
    let status = ssh_keygen()
        .args(["-q", "-Y", "sign", "-n", namespace, "-f"])
        .arg(key)
        .arg(&file)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "ssh-keygen -Y sign failed");
    let sig = std::fs::read_to_string(dir.join("signed-by-openssh.yaml.sig")).unwrap();
    std::fs::remove_file(dir.join("signed-by-openssh.yaml.sig")).unwrap();
    sig
}

fn pub_line(key: &Path) -> String {
    std::fs::read_to_string(key.with_extension("pub")).unwrap()
}

#[test]
fn openssh_accepts_our_signatures_and_rejects_a_changed_report() {
    let dir = tempfile::tempdir().unwrap();
    for kind in ["ed25519", "ecdsa"] {
        let key = keygen(dir.path(), kind, "");
        let signer = ReportSigner::from_file(&key).unwrap();
        let signature = signer.sign(REPORT).unwrap();
        let line = pub_line(&key);
        assert!(
            openssh_verifies(dir.path(), &line, REPORT, &signature),
            "{kind}: ssh-keygen -Y verify rejected our signature"
        );
        let mut tampered = REPORT.to_vec();
        tampered[REPORT.len() - 2] ^= 1;
        assert!(
            !openssh_verifies(dir.path(), &line, &tampered, &signature),
            "{kind}: ssh-keygen accepted a changed report"
        );
    }
}

#[test]
fn a_generated_key_signs_what_openssh_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let signer = ReportSigner::generate_ed25519();
    let signature = signer.sign(REPORT).unwrap();
    assert!(openssh_verifies(
        dir.path(),
        &signer.public_key_line(),
        REPORT,
        &signature
    ));
}

#[test]
fn we_accept_openssh_signatures_and_reject_changes_other_namespaces_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "ed25519", "");
    let public = parse_public_key(&pub_line(&key)).unwrap();
    let signature = openssh_sign(dir.path(), &key, "report", REPORT);
    verify_report(&public, REPORT, &signature).unwrap();

    let mut tampered = REPORT.to_vec();
    tampered.push(b'\n');
    assert!(matches!(
        verify_report(&public, &tampered, &signature),
        Err(VerifyError::Mismatch)
    ));

    let for_files = openssh_sign(dir.path(), &key, "file", REPORT);
    match verify_report(&public, REPORT, &for_files) {
        Err(VerifyError::Namespace { found }) => assert_eq!(found, "file"),
        other => panic!("expected a namespace error, got {other:?}"),
    }

    let other = keygen(&subdir(dir.path(), "other"), "ed25519", "");
    let other_public = parse_public_key(&pub_line(&other)).unwrap();
    match verify_report(&other_public, REPORT, &signature) {
        Err(e @ VerifyError::OtherKey { .. }) => assert!(e.to_string().contains("SHA256:")),
        other => panic!("expected another-key error, got {other:?}"),
    }

    assert!(matches!(
        verify_report(&public, REPORT, "not a signature"),
        Err(VerifyError::Malformed(_))
    ));
}

#[test]
fn keys_that_cannot_sign_say_why_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let encrypted = keygen(dir.path(), "ed25519", "a passphrase");
    match ReportSigner::from_file(&encrypted) {
        Err(e @ SignError::Encrypted { .. }) => {
            assert!(e.to_string().contains(&*encrypted.to_string_lossy()))
        }
        other => panic!("expected an encrypted-key error, got {other:?}"),
    }

    let public_only = encrypted.with_extension("pub");
    match ReportSigner::from_file(&public_only) {
        Err(e @ SignError::NotAKey { .. }) => {
            assert!(e.to_string().contains(&*public_only.to_string_lossy()))
        }
        other => panic!("expected a not-a-key error, got {other:?}"),
    }

    // RSA keys load (the format is the same) but are not supported for signing.
    let rsa = keygen(&subdir(dir.path(), "rsa"), "rsa", "");
    let outcome = ReportSigner::from_file(&rsa).and_then(|s| s.sign(REPORT));
    match outcome {
        Err(e) => assert!(e.to_string().contains(&*rsa.to_string_lossy()), "{e}"),
        Ok(_) => panic!("an RSA key signed although RSA is not built in"),
    }

    match ReportSigner::from_file(dir.path().join("missing")) {
        Err(e @ SignError::Read { .. }) => assert!(e.to_string().contains("missing")),
        other => panic!("expected a read error, got {other:?}"),
    }
}

#[test]
fn the_upload_body_is_signature_ampersand_report() {
    let signer = ReportSigner::generate_ed25519();
    let signature = signer.sign(REPORT).unwrap();
    let body = signed_body(&signature, REPORT);
    // The monitor splits at the end of the armor plus '&' and verifies the rest.
    let text = std::str::from_utf8(&body).unwrap();
    let sep = "-----END SSH SIGNATURE-----\n&";
    let at = text.find(sep).unwrap() + sep.len();
    assert_eq!(&text[..at - 1], signature);
    assert_eq!(&text.as_bytes()[at..], REPORT);
    verify_report(
        &signer.public_key(),
        &text.as_bytes()[at..],
        &text[..at - 1],
    )
    .unwrap();
}

#[test]
fn debug_output_holds_no_key_material() {
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "ed25519", "");
    let signer = ReportSigner::from_file(&key).unwrap();
    let debug = format!("{signer:?}");
    let private = std::fs::read_to_string(&key).unwrap();
    for line in private.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!debug.contains(line), "Debug shows key material");
    }
    assert!(debug.contains("SHA256:"));
}

/// A new folder `name` in `dir` (ssh-keygen names its files after the key type).
fn subdir(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(&path).unwrap();
    path
}
