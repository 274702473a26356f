//! `scs report sign` and `scs report verify`, cross-checked with OpenSSH's `ssh-keygen -Y`.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn scs(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scs"))
        .args(args)
        .output()
        .expect("scs runs")
}

fn ssh_keygen(args: &[&std::ffi::OsStr]) -> bool {
    Command::new("ssh-keygen")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("ssh-keygen (Debian: openssh-client) is needed to check signatures against OpenSSH")
        .success()
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

fn new_key(dir: &Path) -> std::path::PathBuf {
    let key = dir.join("id_ed25519");
    assert!(ssh_keygen(&[
        os("-q"),
        os("-t"),
        os("ed25519"),
        os("-N"),
        os(""),
        os("-f"),
        key.as_os_str()
    ]));
    key
}

#[test]
fn signs_what_ssh_keygen_verifies_and_verifies_what_it_signs() {
    let dir = tempfile::tempdir().unwrap();
    let key = new_key(dir.path());
    let report = dir.path().join("report.yaml");
    std::fs::write(&report, "subject: demo\n").unwrap();

    let out = scs(&[
        os("report"),
        os("sign"),
        report.as_os_str(),
        os("-k"),
        key.as_os_str(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let sig = dir.path().join("report.yaml.sig");
    assert!(String::from_utf8_lossy(&out.stdout).contains("SHA256:"));

    // OpenSSH accepts it, as the monitor would.
    let allowed = dir.path().join("allowed");
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    std::fs::write(&allowed, format!("ci@scs.test {public}")).unwrap();
    let verified = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-n", "report", "-I", "ci@scs.test", "-f"])
        .arg(&allowed)
        .arg("-s")
        .arg(&sig)
        .stdin(std::fs::File::open(&report).unwrap())
        .output()
        .unwrap();
    assert!(verified.status.success(), "{verified:?}");

    // scs verifies it; then ssh-keygen re-signs and scs verifies that too.
    let pub_file = key.with_extension("pub");
    let verify = |extra: &[&std::ffi::OsStr]| {
        let mut args = vec![
            os("report"),
            os("verify"),
            report.as_os_str(),
            os("-k"),
            pub_file.as_os_str(),
        ];
        args.extend_from_slice(extra);
        scs(&args)
    };
    let out = verify(&[]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("good signature"));
    std::fs::remove_file(&sig).unwrap();
    assert!(ssh_keygen(&[
        os("-Y"),
        os("sign"),
        os("-n"),
        os("report"),
        os("-f"),
        key.as_os_str(),
        report.as_os_str()
    ]));
    assert!(verify(&[]).status.success());

    // A changed report fails, and says so.
    std::fs::write(&report, "subject: other\n").unwrap();
    let out = verify(&[os("-s"), sig.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not match the report"));
}

#[test]
fn bad_inputs_name_the_file_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.yaml");
    std::fs::write(&report, "a: 1\n").unwrap();
    let not_a_key = dir.path().join("not-a-key");
    std::fs::write(&not_a_key, "hello\n").unwrap();
    let out = scs(&[
        os("report"),
        os("sign"),
        report.as_os_str(),
        os("-k"),
        not_a_key.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not-a-key") && stderr.contains("not an OpenSSH private key"));
    assert!(!dir.path().join("r.yaml.sig").exists());

    let missing = dir.path().join("missing.yaml");
    let key = new_key(dir.path());
    let out = scs(&[
        os("report"),
        os("sign"),
        missing.as_os_str(),
        os("-k"),
        key.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.yaml"));

    let out = scs(&[
        os("report"),
        os("verify"),
        report.as_os_str(),
        os("-k"),
        key.with_extension("pub").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("r.yaml.sig"));
}
