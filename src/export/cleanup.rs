//! Removing temporary export files when capplan is interrupted.
//!
//! An export is written to a hidden temporary file or directory beside its
//! target and renamed into place when complete. If SIGINT (Ctrl-C) or
//! SIGTERM arrives in between, the temporary is removed before capplan
//! exits (with 130 or 143, as a shell reports a signal). On Unix the two
//! signals are blocked in every thread and taken by one thread waiting in
//! `sigwait`, so the removal runs as ordinary code, not in a signal handler.
//! SIGKILL cannot be caught: a killed export may leave a hidden
//! `.NAME.PID.N.tmp`, never a half-written target.

use std::path::PathBuf;
use std::sync::Mutex;

/// Temporary paths being written, removed on a signal.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Unregisters its path when dropped (the write finished or failed).
pub struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock() {
            pending.retain(|p| *p != self.0);
        }
    }
}

/// Registers a temporary file or directory for removal on a signal.
pub fn register(path: PathBuf) -> Registered {
    if let Ok(mut pending) = PENDING.lock() {
        pending.push(path.clone());
    }
    Registered(path)
}

/// Removes every registered temporary.
fn remove_pending() {
    if let Ok(pending) = PENDING.lock() {
        for path in pending.iter() {
            if path.is_dir() {
                let _ = std::fs::remove_dir_all(path);
            } else {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// Takes SIGINT and SIGTERM on a thread of their own. Call once, before
/// any other thread starts (threads inherit the blocked signals).
#[cfg(unix)]
pub fn install() {
    // SAFETY: sigset_t is plain data initialised by sigemptyset; the calls
    // only read and write that set and this thread's signal mask.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        set
    };
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || loop {
            let mut signal: libc::c_int = 0;
            // SAFETY: `set` is a valid, initialised signal set.
            if unsafe { libc::sigwait(&set, &mut signal) } == 0 {
                remove_pending();
                std::process::exit(128 + signal);
            }
        });
    if spawned.is_err() {
        // No thread to take them: let the signals act as before.
        // SAFETY: as above.
        unsafe {
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        }
    }
}

/// Elsewhere the signals keep their default action.
#[cfg(not(unix))]
pub fn install() {}
