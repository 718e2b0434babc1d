//! The audit log (R-SYS-3): appending chained rows inside a change, keeping the head in a file beside
//! the database, and verifying both.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

pub use super::head::Head;
use super::{Result, Stamp, StoreError, cover, head};
use crate::domain::audit::{AuditRow, ChainBreak, GENESIS, verify_chain};

/// An audit row before it is chained.
#[derive(Debug, Clone)]
pub struct Entry {
    pub action: String,
    pub subject: String,
    pub before: String,
    pub after: String,
}

/// Appends `entries` after the current end of the chain, in the caller's transaction. The last
/// row carries `covers`, the digests of the rows the change wrote. A row dated by `--today` away
/// from the real day says which business day it was.
pub fn append(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    entries: &[Entry],
    covers: &str,
) -> Result<Head> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (mut seq, mut prev) = last.unwrap_or((0, GENESIS.to_string()));
    let at = stamp.now.format("%Y-%m-%dT%H:%M:%S").to_string();
    let business_date = if stamp.today == stamp.now.date() {
        String::new()
    } else {
        crate::domain::dates::iso(stamp.today)
    };
    let mut stmt = tx.prepare_cached(
        "INSERT INTO audit (seq, at, actor, action, subject, before, after, prev, hash,
            business_date, covers)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, e) in entries.iter().enumerate() {
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
            business_date: business_date.clone(),
            covers: if i + 1 == entries.len() {
                covers.to_string()
            } else {
                String::new()
            },
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
            hash,
            row.business_date,
            row.covers
        ])?;
        prev = hash;
    }
    Ok(Head {
        count: seq,
        hash: prev,
    })
}

/// Whether the newest audit row carries row digests: false only for a database written before
/// digests existed (its next change then vouches for everything it holds).
pub fn last_has_covers(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT covers != '' FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(true))
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
    /// Papers whose cached fields were derived again from their events.
    pub papers: i64,
}

/// R-SYS-3: recomputes the chain, checks the guard triggers are in place, compares the end of
/// the chain with the head kept beside the database, checks every ledger row against the digests
/// the audit rows carry, and derives every paper's cached fields again from its events. Names
/// the first problem.
pub fn verify(conn: &Connection, db: &Path) -> Result<std::result::Result<Verified, ChainBreak>> {
    check(conn, Some(db))
}

/// Everything `verify` checks but the head beside the database: for a backup before it has one.
pub fn verify_log(conn: &Connection) -> Result<std::result::Result<Verified, ChainBreak>> {
    check(conn, None)
}

fn check(
    conn: &Connection,
    db: Option<&Path>,
) -> Result<std::result::Result<Verified, ChainBreak>> {
    let triggers: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
         AND name IN ('audit_no_update', 'audit_no_delete', 'paper_event_no_update',
                      'paper_event_no_delete')",
        [],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, subject, before, after, prev, hash, business_date, covers
         FROM audit ORDER BY seq",
    )?;
    let mut covers: Vec<(i64, String)> = Vec::new();
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
                business_date: r.get(9)?,
                covers: r.get(10)?,
            },
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut failure = None;
    let chained = verify_chain(rows.map_while(|row| match row {
        Ok(row) => {
            if !row.0.covers.is_empty() {
                covers.push((row.0.seq, row.0.covers.clone()));
            }
            Some(row)
        }
        Err(e) => {
            failure = Some(e);
            None
        }
    }));
    if let Some(e) = failure {
        return Err(e.into());
    }
    let (count, hash) = match chained {
        Ok(end) => end,
        Err(b) => return Ok(Err(b)),
    };
    let end = Head { count, hash };
    // A log cut short is the first thing to say: the digests it took with it follow from it.
    if let Some(db) = db
        && let Some(reason) = head::disagreement(&head::read(db), &end)
    {
        return Ok(Err(ChainBreak::Head { reason }));
    }
    if triggers != 4 {
        return Ok(Err(ChainBreak::Head {
            reason: "防篡改触发器被删除".into(),
        }));
    }
    // A database written before digests existed has none until its next change.
    if !covers.is_empty()
        && let Some(reason) = cover::verify(conn, &covers)?
    {
        return Ok(Err(ChainBreak::Rows { reason }));
    }
    let papers = match super::replay::check(conn)? {
        Ok(n) => n,
        Err(reason) => return Ok(Err(ChainBreak::Rows { reason })),
    };
    Ok(Ok(Verified { head: end, papers }))
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
    let mut out = Vec::new();
    each(conn, i64::MAX, |r| {
        out.push(r);
        Ok(())
    })?;
    Ok(out)
}

/// Every row up to `upto` in order, one at a time (an export streams them).
pub fn each(
    conn: &Connection,
    upto: i64,
    mut f: impl FnMut(AuditRecord) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, subject, before, after, hash FROM audit
         WHERE seq <= ?1 ORDER BY seq",
    )?;
    let mut rows = stmt.query([upto])?;
    while let Some(r) = rows.next()? {
        f(record(r)?)?;
    }
    Ok(())
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
