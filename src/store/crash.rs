//! The crash tests' hooks: named instants at which a process stops as `kill -9` would.

/// Instants at which the crash tests stop a process as `kill -9` would (`BAOMI_CRASH_AT`, read
/// at the edge), and one failure they inject. Timing a kill into a window of microseconds is
/// luck; naming the window is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrashPoint {
    /// Rows and audit written, head not yet.
    BeforeHead,
    /// Pending head written, not yet committed.
    BeforeCommit,
    /// Committed, head not yet settled.
    AfterCommit,
    /// A backup's copy made, not yet checked and named.
    BackupCopied,
    /// A restore's staging copy prepared, the live database not yet replaced.
    RestoreStaged,
    /// The live database replaced by a restore, its head not yet settled.
    RestoreCopied,
    /// Not a crash: the head's settling write after a commit fails, as on a full disk.
    SettleFails,
}

impl CrashPoint {
    pub const ALL: [(&'static str, CrashPoint); 7] = [
        ("before-head", CrashPoint::BeforeHead),
        ("before-commit", CrashPoint::BeforeCommit),
        ("after-commit", CrashPoint::AfterCommit),
        ("backup-copied", CrashPoint::BackupCopied),
        ("restore-staged", CrashPoint::RestoreStaged),
        ("restore-copied", CrashPoint::RestoreCopied),
        ("settle-fails", CrashPoint::SettleFails),
    ];

    /// `after-commit`, or `after-commit@2` for the second change of the process.
    pub fn parse(s: &str) -> Option<(CrashPoint, u32)> {
        let (name, n) = match s.split_once('@') {
            Some((name, n)) => (name, n.parse().ok()?),
            None => (s, 1),
        };
        let point = Self::ALL
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, p)| *p)?;
        Some((point, n))
    }

    /// Stops the process here when `at` names this point, as `kill -9` would: no destructor,
    /// no flush, no unwinding.
    pub fn stop_if(self, at: Option<CrashPoint>) {
        if at == Some(self) {
            die();
        }
    }
}

#[cfg(unix)]
fn die() -> ! {
    unsafe extern "C" {
        fn kill(pid: i32, sig: i32) -> i32;
    }
    // SAFETY: kill(2) with our own pid and SIGKILL has no memory effects; it does not return.
    unsafe {
        kill(std::process::id() as i32, 9);
    }
    std::process::abort()
}

#[cfg(not(unix))]
fn die() -> ! {
    std::process::abort()
}
