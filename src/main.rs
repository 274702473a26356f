//! The `scs` command-line tool.

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    restore_sigpipe();
    cli::Cli::parse().run()
}

/// `scs demo | head` must end quietly when `head` closes the pipe, as every Unix filter
/// does. Rust ignores SIGPIPE, which turns that close into a panic inside `println!`;
/// the default disposition ends the process instead, without output or a half-written line.
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: called first thing in `main`, before any thread exists; resetting a signal
    // disposition to its default has no other effect on the process.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}
