//! The audit log (R-SYS-3): appending chained rows inside a change, keeping the head in a file beside
//! the database, and verifying both.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{Result, Stamp, StoreError};
use crate::domain::audit::{AuditRow, ChainBreak, GENESIS, check_head, verify_chain};

/// An audit row before it is chained.
#[derive(Debug, Clone)]
pub struct Entry {
    pub action: String,
    pub subject: String,
    pub before: String,
    pub after: String,
}

/// The newest row: how many rows there are and the last hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Head {
    pub count: i64,
    pub hash: String,
}

/// Appends `entries` after the current end of the chain, in the caller's transaction.
pub fn append(tx: &Transaction<'_>, stamp: &Stamp, entries: &[Entry]) -> Result<Head> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (mut seq, mut prev) = last.unwrap_or((0, GENESIS.to_string()));
    let at = stamp.now.format("%Y-%m-%dT%H:%M:%S").to_string();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO audit (seq, at, actor, action, subject, before, after, prev, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for e in entries {
        seq += 1;
        let row = AuditRow {
            seq,
            at: at.clone(),
            actor: stamp.actor.clone(),
            action: e.action.clone(),
            subject: e.subject.clone(),
            before: e.before.clone(),
            after: e.after.clone(),
            prev: prev.clone(),
        };
        let hash = row.hash();
        stmt.execute(params![
            row.seq,
            row.at,
            row.actor,
            row.action,
            row.subject,
            row.before,
            row.after,
            row.prev,
            hash
        ])?;
        prev = hash;
    }
    Ok(Head {
        count: seq,
        hash: prev,
    })
}

/// The file beside the database that keeps the head outside it.
pub fn head_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".audit-head");
    db.with_file_name(name)
}

/// Writes the head file atomically (write, sync, rename), owner-readable only.
pub fn write_head(db: &Path, head: Head) -> Result<()> {
    let path = head_path(db);
    let tmp = path.with_extension("audit-head.tmp");
    {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp)?;
        writeln!(f, "{} {}", head.count, head.hash)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, &path)?;
    Ok(())
}

/// Reads the head file: `None` when it is missing or unreadable.
pub fn read_head(db: &Path) -> Option<Head> {
    let text = fs::read_to_string(head_path(db)).ok()?;
    let (count, hash) = text.trim().split_once(' ')?;
    Some(Head {
        count: count.parse().ok()?,
        hash: hash.to_string(),
    })
}

/// The current head as the database has it.
pub fn head(conn: &Connection) -> Result<Head> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (count, hash) = last.unwrap_or((0, GENESIS.to_string()));
    Ok(Head { count, hash })
}

/// The outcome of `baomi audit verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub head: Head,
}

/// R-SYS-3: recomputes the chain, checks the guard triggers are in place, and compares the end of
/// the chain with the head file. Names the first bad row.
pub fn verify(conn: &Connection, db: &Path) -> Result<std::result::Result<Verified, ChainBreak>> {
    let triggers: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
         AND name IN ('audit_no_update', 'audit_no_delete')",
        [],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, subject, before, after, prev, hash FROM audit ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            AuditRow {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                before: r.get(5)?,
                after: r.get(6)?,
                prev: r.get(7)?,
            },
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut all = Vec::new();
    for row in rows {
        all.push(row?);
    }
    let (count, hash) = match verify_chain(all) {
        Ok(end) => end,
        Err(b) => return Ok(Err(b)),
    };
    let file = read_head(db);
    if let Err(b) = check_head(
        (count, &hash),
        file.as_ref().map(|h| (h.count, h.hash.as_str())),
    ) {
        return Ok(Err(b));
    }
    if triggers != 2 {
        return Ok(Err(ChainBreak::Head {
            reason: "审计表的防篡改触发器被删除".into(),
        }));
    }
    Ok(Ok(Verified {
        head: Head { count, hash },
    }))
}

/// One row for export and the audit screen.
#[derive(Debug, Clone, Serialize)]
pub struct AuditRecord {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub before: String,
    pub after: String,
    pub hash: String,
}

/// Rows newest first, `limit` of them.
pub fn recent(conn: &Connection, limit: i64) -> Result<Vec<AuditRecord>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, subject, before, after, hash FROM audit
         ORDER BY seq DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], record)?;
    rows.collect::<std::result::Result<_, _>>()
        .map_err(StoreError::from)
}

/// Every row in order, for export.
pub fn all(conn: &Connection) -> Result<Vec<AuditRecord>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, subject, before, after, hash FROM audit ORDER BY seq",
    )?;
    let rows = stmt.query_map([], record)?;
    rows.collect::<std::result::Result<_, _>>()
        .map_err(StoreError::from)
}

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRecord> {
    Ok(AuditRecord {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        subject: r.get(4)?,
        before: r.get(5)?,
        after: r.get(6)?,
        hash: r.get(7)?,
    })
}
