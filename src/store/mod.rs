//! The SQLite store: opening and migrating the database, one transaction per change with its audit
//! rows, and one file per aggregate. Thin: the rules are checked in `domain` before anything here
//! writes.

pub mod accounts;
pub mod approvals;
pub mod audit;
pub mod backup;
pub mod cabinets;
pub mod cover;
mod crash;
pub mod demo;
pub mod due;
mod error;
pub mod files;
pub mod gaps;
pub mod head;
pub mod holders;
pub mod holidays;
pub mod import;
pub mod incidents;
pub mod inspection_form;
pub mod meetings;
pub mod mismatches;
pub mod need_to_know;
pub mod notebooks;
mod open;
pub mod papers;
pub mod people;
pub mod records;
pub mod registers;
pub mod replay;
pub mod search;
pub mod selfcheck;
pub mod sessions;
pub mod settings;
pub mod staged;
pub mod stocktake;
pub mod training;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};

pub use crash::CrashPoint;
pub use error::{Result, StoreError};
pub use open::migrations;

/// The schema, applied block by block (`-- migration N`).
pub const SCHEMA: &str = include_str!("../../schema.sql");
/// `PRAGMA application_id` of a baomi database: "bmtz" (保密台账).
pub const APPLICATION_ID: i32 = 0x626d_747a;

/// Whether opening may create the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// The file must exist and be a baomi database.
    Existing,
    /// Create the file (readable by its owner only) when it is missing.
    Create,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// What went wrong after a change had committed: told to the user, never a failure.
    warnings: Vec<String>,
    /// Where a crash test stops the process (see `CrashPoint`).
    crash_at: Option<CrashPoint>,
    /// The change (counted from 1 in this process) from which the crash point applies: a
    /// command's login is a change too.
    crash_from: u32,
    changes: u32,
    /// Tells each warning as it happens (the CLI prints it on standard error).
    warn_sink: Option<fn(&str)>,
}

/// How long a writer waits for another before giving up: long, because giving up loses the
/// officer's work and waiting only costs time.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// Who makes a change, on which business day, and when in real time (for the audit log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The account name.
    pub actor: String,
    /// The business day the act is dated (`--today` moves it).
    pub today: NaiveDate,
    /// The real clock, read at the edge: the audit log's time. `--today` never moves it.
    pub now: NaiveDateTime,
}

impl Stamp {
    /// A stamp whose business day is the real day.
    pub fn new(actor: impl Into<String>, now: NaiveDateTime) -> Stamp {
        Stamp {
            actor: actor.into(),
            today: now.date(),
            now,
        }
    }

    /// A stamp for an act dated `today` done at the real time `now`.
    pub fn on(actor: impl Into<String>, today: NaiveDate, now: NaiveDateTime) -> Stamp {
        Stamp {
            actor: actor.into(),
            today,
            now,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }
}

/// One change in progress: a transaction and the audit rows it will append.
pub struct Change<'a> {
    pub tx: Transaction<'a>,
    pub stamp: &'a Stamp,
    entries: Vec<audit::Entry>,
    /// The acting account's display name, read once per change (a handler on every event row).
    handler: std::cell::OnceCell<String>,
    /// Numbers issued in this change, by series code and year: written to `sequence` once, when
    /// the change ends (an import issues 100,000).
    issued: std::cell::RefCell<std::collections::BTreeMap<(&'static str, i32), i64>>,
}

impl Change<'_> {
    /// The display name of the account making the change (its account name when it has none).
    pub fn handler(&self) -> Result<&str> {
        if let Some(h) = self.handler.get() {
            return Ok(h);
        }
        let name = accounts::find(&self.tx, &self.stamp.actor)?
            .map(|a| a.display_name)
            .unwrap_or_else(|| self.stamp.actor.clone());
        Ok(self.handler.get_or_init(|| name))
    }

    /// The last number issued in `series` and `year`: this change's own, else the sequence's.
    pub fn last_issued(&self, series: &'static str, year: i32) -> Result<i64> {
        if let Some(n) = self.issued.borrow().get(&(series, year)) {
            return Ok(*n);
        }
        Ok(self
            .tx
            .prepare_cached("SELECT last FROM sequence WHERE series = ?1 AND year = ?2")?
            .query_row(rusqlite::params![series, year], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }

    /// Notes `last` as issued; the sequence only grows (R-PAP-4).
    pub fn issue(&self, series: &'static str, year: i32, last: i64) {
        let mut issued = self.issued.borrow_mut();
        let n = issued.entry((series, year)).or_insert(last);
        *n = (*n).max(last);
    }

    fn write_issued(&mut self) -> Result<()> {
        for ((series, year), last) in self.issued.take() {
            self.tx
                .prepare_cached(
                    "INSERT INTO sequence (series, year, last) VALUES (?1, ?2, ?3)
                     ON CONFLICT (series, year) DO UPDATE SET last = max(last, excluded.last)",
                )?
                .execute(rusqlite::params![series, year, last])?;
        }
        Ok(())
    }

    /// A bulk load into `tables` (an import, `demo --rows`): the rows `load` inserts are not
    /// noted one by one (see `store::cover`: a million would cost seconds) but vouched for as the
    /// id runs they took. Returns `load`'s value and each table's run, in the order of `tables`.
    pub fn bulk<T>(
        &mut self,
        tables: &[&str],
        load: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<(T, Vec<(i64, i64)>)> {
        let before = tables
            .iter()
            .map(|t| self.last_rowid(t))
            .collect::<Result<Vec<_>>>()?;
        cover::pause(&self.tx, tables)?;
        let out = load(self)?;
        let mut runs = Vec::with_capacity(tables.len());
        for (table, last) in tables.iter().zip(before) {
            let run = (last + 1, self.last_rowid(table)?);
            cover::wrote(&self.tx, table, run.0, run.1)?;
            runs.push(run);
        }
        Ok((out, runs))
    }

    fn last_rowid(&self, table: &str) -> Result<i64> {
        Ok(self.tx.query_row(
            &format!("SELECT coalesce(max(rowid), 0) FROM main.{table}"),
            [],
            |r| r.get(0),
        )?)
    }

    /// Records what changed; the row is chained and written when the change commits.
    pub fn audit(
        &mut self,
        action: &str,
        subject: &str,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) {
        self.entries.push(audit::Entry {
            action: action.to_string(),
            subject: subject.to_string(),
            before: before.map(|v| v.to_string()).unwrap_or_default(),
            after: after.map(|v| v.to_string()).unwrap_or_default(),
        });
    }
}

impl Store {
    /// Refreshes the planner's statistics where they are stale (cheap when nothing changed,
    /// bounded when much did). For the long-lived connection of the TUI; one-shot commands skip it.
    pub fn optimize(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA optimize=0x10002")?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Sets where a crash test stops this process.
    pub fn crash_at(&mut self, at: Option<(CrashPoint, u32)>) {
        self.crash_at = at.map(|a| a.0);
        self.crash_from = at.map(|a| a.1).unwrap_or(1);
    }

    /// Tells every later warning to `sink` as it happens, besides keeping it.
    pub fn on_warning(&mut self, sink: fn(&str)) {
        self.warn_sink = Some(sink);
    }

    fn warn(&mut self, message: String) {
        if let Some(sink) = self.warn_sink {
            sink(&message);
        }
        self.warnings.push(message);
    }

    /// What went wrong after changes had been saved, oldest first; taking them empties the list.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Why the audit head kept beside the database disagrees with the log, if it does: cheap
    /// enough for every command and the TUI's top bar. `baomi audit verify` checks everything.
    pub fn head_alarm(&self) -> Result<Option<String>> {
        let end = audit::head(&self.conn)?;
        Ok(head::disagreement(&head::read(&self.path), &end))
    }

    /// Runs `f` as one transaction, begun as a writer (`BEGIN IMMEDIATE`, so that waiting for
    /// another writer is waiting, not an error). Everything it records with `Change::audit` is
    /// appended to the chained audit log in the same transaction; nothing is written if `f`
    /// fails. A change that records no audit row is refused as a programming error. Once the
    /// transaction commits the change has succeeded: trouble after that is a warning.
    pub fn change<T>(
        &mut self,
        stamp: &Stamp,
        f: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write(stamp, false, f)
    }

    /// A change that re-anchors the audit head at the log's end whatever the head said: only for
    /// `baomi audit accept`, whose audit row keeps the old head as evidence.
    pub fn change_reanchoring<T>(
        &mut self,
        stamp: &Stamp,
        f: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write(stamp, true, f)
    }

    fn write<T>(
        &mut self,
        stamp: &Stamp,
        reanchor: bool,
        f: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        let lock = self.write_lock()?;
        self.changes += 1;
        let crash_at = self.crash_at.filter(|_| self.changes >= self.crash_from);
        let path = self.path.clone();
        let crash = |p: CrashPoint| p.stop_if(crash_at);
        cover::install(&self.conn)?;
        let (out, alarm, after) = {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut change = Change {
                tx,
                stamp,
                entries: Vec::new(),
                handler: std::cell::OnceCell::new(),
                issued: Default::default(),
            };
            let out = f(&mut change)?;
            change.write_issued()?;
            let Change { tx, entries, .. } = change;
            if entries.is_empty() {
                return Err(StoreError::Internal("变更没有记入审计日志"));
            }
            let before = audit::head(&tx)?;
            if before.count > 0 && !audit::last_has_covers(&tx)? {
                cover::touch_all(&tx)?;
            }
            let covers = cover::collect(&tx)?;
            let alarm = if reanchor {
                None
            } else {
                head::disagreement(&head::read(&path), &before)
            };
            let after = audit::append(&tx, stamp, &entries, &covers)?;
            crash(CrashPoint::BeforeHead);
            // A head that disagrees is evidence: it is never moved past the mismatch.
            if alarm.is_none() {
                let pending = head::HeadFile {
                    settled: before,
                    pending: Some(after.clone()),
                    alarm: None,
                };
                head::write(&path, &pending, true)?;
            }
            crash(CrashPoint::BeforeCommit);
            tx.commit()?;
            (out, alarm, after)
        };
        crash(CrashPoint::AfterCommit);
        match alarm {
            None => {
                let settled = if crash_at == Some(CrashPoint::SettleFails) {
                    Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
                } else {
                    head::write(&path, &head::HeadFile::settled(after), false)
                };
                if let Err(e) = settled {
                    self.warn(format!(
                        "改动已保存，但审计头文件未能更新（{}）；这不影响已保存的数据",
                        files::io_message(&e)
                    ));
                }
            }
            Some(reason) => self.warn(format!(
                "改动已保存，但审计日志核验不通过：{reason}（R-SYS-3）。请运行 baomi audit verify 查明原因"
            )),
        }
        drop(lock);
        Ok(out)
    }
}

/// JSON helper for audit rows.
pub fn json(v: impl serde::Serialize) -> Option<serde_json::Value> {
    serde_json::to_value(v).ok()
}

/// Reads an optional ISO date column.
pub fn opt_date(s: Option<String>) -> Option<NaiveDate> {
    s.as_deref().and_then(crate::domain::dates::parse)
}

/// Reads a required ISO date column; a damaged value reads as the earliest date rather than failing.
pub fn date(s: &str) -> NaiveDate {
    crate::domain::dates::parse(s).unwrap_or(NaiveDate::MIN)
}
