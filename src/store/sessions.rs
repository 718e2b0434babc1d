//! Command-line sessions (R-SYS-1, R-SYS-2): the `session` rows, which keep only a digest of each
//! secret, and the private session files that keep the secret and the idle clock
//! (`domain::session` says what is in them).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use super::{Change, Result, files, json};
use crate::domain::session;

/// A session row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub account: String,
    pub open: bool,
    /// Why it ended, once it has.
    pub closed_why: String,
}

/// The session with this digest, if the database issued it.
pub fn find(conn: &Connection, token_hash: &str) -> Result<Option<Session>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, account, closed_at IS NULL, closed_why FROM session WHERE token_hash = ?1",
        )?
        .query_row([token_hash], |r| {
            Ok(Session {
                id: r.get(0)?,
                account: r.get(1)?,
                open: r.get(2)?,
                closed_why: r.get(3)?,
            })
        })
        .optional()?)
}

fn at(c: &Change<'_>) -> String {
    c.stamp.now.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Opens a session for the stamp's actor.
pub fn open(c: &mut Change<'_>, token_hash: &str, os_user: &str, idle_minutes: u32) -> Result<i64> {
    let account = c.stamp.actor.clone();
    c.tx.execute(
        "INSERT INTO session (account, token_hash, os_user, opened_at) VALUES (?1, ?2, ?3, ?4)",
        params![account, token_hash, os_user, at(c)],
    )?;
    let id = c.tx.last_insert_rowid();
    c.audit(
        "登录（会话）",
        &account,
        None,
        json(serde_json::json!({
            "session": id, "os_user": os_user, "idle_minutes": idle_minutes
        })),
    );
    Ok(id)
}

/// Ends one session (a no-op when it has ended already), saying why.
pub fn close(c: &mut Change<'_>, id: i64, why: &str) -> Result<()> {
    let now = at(c);
    let account: Option<String> =
        c.tx.query_row(
            "UPDATE session SET closed_at = ?2, closed_why = ?3
             WHERE id = ?1 AND closed_at IS NULL RETURNING account",
            params![id, now, why],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(account) = account {
        c.audit(
            "结束会话",
            &account,
            None,
            json(serde_json::json!({"session": id, "reason": why})),
        );
    }
    Ok(())
}

/// Ends every open session of an account (disabled, locked, new password). How many.
pub fn close_all(c: &mut Change<'_>, account: &str, why: &str) -> Result<usize> {
    let ids: Vec<i64> = c
        .tx
        .prepare("SELECT id FROM session WHERE account = ?1 AND closed_at IS NULL ORDER BY id")?
        .query_map([account], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        close(c, *id, why)?;
    }
    Ok(ids.len())
}

/// Where the session for one database lives, and the key its secret is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: PathBuf,
    /// The database's canonical path: moving or copying the database ends its sessions.
    pub db_key: String,
}

/// The session file for the database at `db` in the session directory `dir`.
pub fn place(dir: &Path, db: &Path) -> io::Result<Place> {
    let db_key = fs::canonicalize(db)?.to_string_lossy().into_owned();
    Ok(Place {
        file: dir.join(session::file_name(&db_key)),
        db_key,
    })
}

/// Makes the session directory, owner-only (0700 on Unix; on Windows it is under the profile's
/// private local application data). An existing directory is narrowed to its owner.
pub fn ensure_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        let mode = fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
    }
    #[cfg(not(unix))]
    fs::create_dir_all(dir)?;
    Ok(())
}

/// The session file's text, or `None` when there is none.
pub fn read(file: &Path) -> io::Result<Option<String>> {
    match fs::read(file) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Replaces the session file atomically with an owner-only file (a private temporary file renamed
/// over it, so a reader never sees half a file).
///
/// No `fsync`: the file only moves the idle clock forward. A power cut that loses the write leaves
/// the older last-use (the session ends sooner) or, on a file system that renames before it writes
/// data, an empty or garbled file, which reads as no session: both fail closed, and a new
/// `baomi login` mends them. Syncing would cost every command a disk flush for nothing; the runtime
/// directory is usually a RAM file system that a reboot empties anyway.
pub fn write(file: &Path, text: &str) -> io::Result<()> {
    let tmp = files::sibling(file, &format!(".tmp-{}", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let result = (|| {
        let mut f = files::create_new_private(&tmp)?;
        f.write_all(text.as_bytes())?;
        drop(f);
        fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes the session file (a missing one is no error).
pub fn remove(file: &Path) -> io::Result<()> {
    match fs::remove_file(file) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
