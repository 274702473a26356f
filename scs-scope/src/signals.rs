//! Passing Ctrl-C (SIGINT) and SIGTERM on to running scripts.
//!
//! Scripts run in their own process group, so that a timeout can kill a script together with
//! everything it started. The price: the terminal's Ctrl-C no longer reaches them. A program
//! that runs scripts (like `scs check`) calls [`forward_interrupts`] once; from then on, SIGINT
//! and SIGTERM are sent to the process group of every running script before the program itself
//! ends from the signal, as it would have without the handler.

use std::sync::atomic::{AtomicI32, Ordering};

/// Process groups of running scripts (0: free slot). A fixed array, because the signal
/// handler may only use async-signal-safe operations: atomic loads and `kill(2)`.
static RUNNING: [AtomicI32; 256] = [const { AtomicI32::new(0) }; 256];

/// Keeps a process group registered while alive.
pub(crate) struct Registration(Option<usize>);

/// Registers a running script's process group; with all slots taken, it is not forwarded to.
pub(crate) fn register(group: i32) -> Registration {
    Registration(RUNNING.iter().position(|slot| {
        slot.compare_exchange(0, group, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }))
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Some(at) = self.0 {
            RUNNING[at].store(0, Ordering::SeqCst);
        }
    }
}

/// Makes SIGINT and SIGTERM reach every running script's process group, then end the program.
///
/// Call it once, early, from a program's `main` (not from a library that others embed: it
/// replaces their handlers for these two signals).
///
/// ```no_run
/// scs_scope::forward_interrupts();
/// ```
pub fn forward_interrupts() {
    #[cfg(unix)]
    {
        let handler = forward as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: `forward` only performs async-signal-safe operations (atomic loads, kill,
        // signal, raise), as a signal handler must.
        unsafe {
            libc::signal(libc::SIGINT, handler);
            libc::signal(libc::SIGTERM, handler);
        }
    }
}

#[cfg(unix)]
extern "C" fn forward(signal: libc::c_int) {
    for slot in &RUNNING {
        let group = slot.load(Ordering::SeqCst);
        if group > 0 {
            // SAFETY: kill(2) is async-signal-safe and touches no memory.
            unsafe {
                libc::kill(-group, signal);
            }
        }
    }
    // End as the default action would: restore it and raise the signal again.
    // SAFETY: signal(2) and raise(3) are async-signal-safe.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}
