//! `scs report sign|verify`: SSH signatures of single report files, as the compliance monitor
//! checks them (`ssh-keygen -Y sign|verify -n report`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use scs_scope::signing::{ReportSigner, parse_public_key, verify_report};

/// `scs report` subcommands.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Sign a report for the compliance monitor: writes FILE.sig, as `ssh-keygen -Y sign -n report`.
    Sign {
        /// The report (the exact bytes that will be uploaded).
        file: PathBuf,
        /// The OpenSSH private key (Ed25519 or ECDSA, no passphrase): the runner's `keyfile`.
        #[arg(short = 'k', long = "key", value_name = "KEYFILE")]
        key: PathBuf,
        /// Where to write the signature (default: FILE.sig).
        #[arg(short = 'o', long, value_name = "SIGFILE")]
        output: Option<PathBuf>,
    },
    /// Check a report's signature against a public key; exit 0 when it verifies, 1 when not.
    Verify {
        /// The report.
        file: PathBuf,
        /// The signer's OpenSSH public key file (`ssh-ed25519 AAAA...`).
        #[arg(short = 'k', long = "key", value_name = "PUBFILE")]
        key: PathBuf,
        /// The signature (default: FILE.sig).
        #[arg(short = 's', long, value_name = "SIGFILE")]
        signature: Option<PathBuf>,
    },
    /// Upload a report (a merged one of `scs run`, or one of `scs check -o`) to the compliance
    /// monitor, signed with the config's keyfile (or with an existing signature), with its tokenfile.
    #[cfg(feature = "openstack")]
    Upload {
        /// The report (the exact bytes that were or will be signed).
        file: PathBuf,
        /// The runner configuration whose [secrets] keyfile and tokenfile are used.
        #[arg(long, value_name = "CONFIG.toml", default_value = "config.toml")]
        config: PathBuf,
        /// Upload with this signature (e.g. the OUTPUT.sig `scs run` wrote) instead of signing anew.
        #[arg(short = 's', long, value_name = "SIGFILE")]
        signature: Option<PathBuf>,
        /// The compliance monitor.
        #[arg(long = "monitor-url", value_name = "URL", default_value = scs_testkit::nightly::DEFAULT_MONITOR_URL)]
        monitor_url: String,
    },
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

/// `FILE.sig`, as ssh-keygen names it.
fn sig_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".sig");
    PathBuf::from(name)
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {what} {}: {e}", path.display()))
}

/// `scs report upload`: exit 0 when accepted or already there (409), 1 when refused or the
/// monitor cannot be reached; the file is never changed.
#[cfg(feature = "openstack")]
fn upload(file: &Path, config: &Path, signature: Option<&Path>, url: &str) -> ExitCode {
    use scs_testkit::nightly::{RunConfig, UploadOptions, Uploader};
    let report = match read(file, "report") {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let uploader = match RunConfig::load(config)
        .map_err(|e| e.to_string())
        .and_then(|c| {
            Uploader::from_config(&c, url, UploadOptions::default()).map_err(|e| e.to_string())
        }) {
        Ok(u) => u,
        Err(e) => return fail(e),
    };
    let signature = match signature {
        Some(path) => match read(path, "signature") {
            Ok(sig) => String::from_utf8_lossy(&sig).into_owned(),
            Err(e) => return fail(e),
        },
        None => match uploader.sign(&report) {
            Ok(sig) => sig,
            Err(e) => return fail(e),
        },
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    match runtime.block_on(uploader.upload(&signature, &report)) {
        Ok(uploaded) => {
            println!(
                "{} to {}: {uploaded}",
                file.display(),
                uploader.reports_url()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{e}; {} is unchanged", file.display())),
    }
}

/// Runs `scs report ...`.
pub fn run(cmd: ReportCommand) -> ExitCode {
    match cmd {
        #[cfg(feature = "openstack")]
        ReportCommand::Upload {
            file,
            config,
            signature,
            monitor_url,
        } => upload(&file, &config, signature.as_deref(), &monitor_url),
        ReportCommand::Sign { file, key, output } => {
            let report = match read(&file, "report") {
                Ok(r) => r,
                Err(e) => return fail(e),
            };
            let signer = match ReportSigner::from_file(&key) {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let signature = match signer.sign(&report) {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let out = output.unwrap_or_else(|| sig_path(&file));
            if let Err(e) = scs_scope::write_atomically(&out, signature.as_bytes()) {
                return fail(format!("cannot write {}: {e}", out.display()));
            }
            println!(
                "signed {} with {} ({}): {}",
                file.display(),
                key.display(),
                signer.fingerprint(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        ReportCommand::Verify {
            file,
            key,
            signature,
        } => {
            let sig_file = signature.unwrap_or_else(|| sig_path(&file));
            let loaded = read(&file, "report").and_then(|report| {
                let sig = read(&sig_file, "signature")?;
                let public = read(&key, "public key")?;
                Ok((report, sig, public))
            });
            let (report, sig, public) = match loaded {
                Ok(x) => x,
                Err(e) => return fail(e),
            };
            let public = match parse_public_key(&String::from_utf8_lossy(&public)) {
                Ok(k) => k,
                Err(e) => return fail(format!("{}: {e}", key.display())),
            };
            match verify_report(&public, &report, &String::from_utf8_lossy(&sig)) {
                Ok(()) => {
                    println!(
                        "good signature of {} by {}",
                        file.display(),
                        public.fingerprint(Default::default())
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(format!(
                    "{} does not verify with {}: {e}",
                    sig_file.display(),
                    key.display()
                )),
            }
        }
    }
}
