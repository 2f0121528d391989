//! One writer per kit: `generate` and `upgrade` hold an exclusive lock on the kit folder while they
//! write; `plan` and `check` hold a shared one while they read, so they never read a half-applied
//! upgrade. The lock is the operating system's advisory lock (`flock`) on the kit folder itself: no
//! lock file is left in the kit, and a killed process releases it at once.
//!
//! Locking is implemented on Unix (Linux, macOS: where kits are generated, reviewed and checked in
//! CI). Elsewhere, and on file systems that do not support it (some network mounts), the command
//! runs without the lock and says so.

use std::fs::{File, TryLockError};
use std::path::Path;

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct KitLock {
    file: Option<File>,
}

impl Drop for KitLock {
    /// Unlocks before the descriptor is closed. Closing alone does not release a `flock` while
    /// another descriptor of the same open file exists, and a child process another thread is
    /// starting holds one between its fork and its exec: the next command would find the kit busy.
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            // An unlock that fails leaves the lock to the close that follows.
            let _ = file.unlock();
        }
    }
}

/// Exclusive or shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One writer (`generate`, `upgrade`).
    Exclusive,
    /// Readers (`plan`, `check`), excluded only by a writer.
    Shared,
}

/// Why a kit could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another mlops-kit holds the lock.
    #[error(
        "another mlops-kit is writing `{0}` (an upgrade or generate is running); wait for it to finish, then run this again"
    )]
    Busy(String),
}

/// Takes the lock on the folder `dir` without waiting. Fails with [`LockError::Busy`] when another
/// process holds it; other failures (no locking on this file system) print a note and return an
/// empty lock, so the command still runs.
pub fn lock(dir: &Path, mode: Mode) -> Result<KitLock, LockError> {
    if !cfg!(unix) {
        return Ok(KitLock { file: None });
    }
    let file = match File::open(dir) {
        Ok(file) => file,
        Err(err) => {
            eprintln!(
                "note: cannot lock `{}` ({err}); make sure no other mlops-kit runs on it",
                dir.display()
            );
            return Ok(KitLock { file: None });
        }
    };
    let result = match mode {
        Mode::Exclusive => file.try_lock(),
        Mode::Shared => file.try_lock_shared(),
    };
    match result {
        Ok(()) => Ok(KitLock { file: Some(file) }),
        Err(TryLockError::WouldBlock) => Err(LockError::Busy(dir.display().to_string())),
        Err(TryLockError::Error(err)) => {
            eprintln!(
                "note: this file system cannot lock `{}` ({err}); make sure no other mlops-kit runs on it",
                dir.display()
            );
            Ok(KitLock { file: None })
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn one_writer_excludes_writers_and_readers() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path(), Mode::Exclusive).unwrap();
        assert!(matches!(
            lock(dir.path(), Mode::Exclusive),
            Err(LockError::Busy(_))
        ));
        assert!(matches!(
            lock(dir.path(), Mode::Shared),
            Err(LockError::Busy(_))
        ));
        drop(held);
        let r1 = lock(dir.path(), Mode::Shared).unwrap();
        let _r2 = lock(dir.path(), Mode::Shared).unwrap();
        assert!(lock(dir.path(), Mode::Exclusive).is_err());
        drop(r1);
    }

    #[test]
    fn a_dropped_lock_is_free_even_while_a_copy_of_its_descriptor_lives() {
        // A child process forked by another thread holds such a copy until it execs.
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path(), Mode::Exclusive).unwrap();
        let inherited = held.file.as_ref().unwrap().try_clone().unwrap();
        drop(held);
        assert!(lock(dir.path(), Mode::Exclusive).is_ok());
        drop(inherited);
    }
}
