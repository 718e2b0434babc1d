//! Backups and restores (R-SYS-4, R-SYS-3). A backup is a consistent snapshot (`VACUUM INTO`,
//! which reads one snapshot while others go on writing), made under a temporary name, checked
//! whole, given its audit head, and only then given its name: a backup either exists complete or
//! not at all. A restore never loses data silently: it refuses a backup older than the database
//! unless forced, keeps a checked safety copy of what it replaces, keeps every number already
//! issued (R-PAP-4), and replaces the database in one transaction announced by the head first,
//! so that a crash at any instant leaves the old database or the new one, never an alarm.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::audit::{self, Head};
use super::{CrashPoint, OpenMode, Result, Stamp, Store, StoreError, files, head, json};
use crate::domain::Refusal;

/// What a finished backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub papers: i64,
    pub head: Head,
}

fn crash(at: Option<CrashPoint>, point: CrashPoint) {
    point.stop_if(at);
}

fn open_copy(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::Open(format!("备份文件 {} 无法打开：{e}", path.display())))?;
    // Checking a copy reads its papers as they are written (need to know concerns accounts).
    super::need_to_know::install(&conn, Default::default())?;
    Ok(conn)
}

/// Checks a copy whole: SQLite's integrity check and everything `audit verify` checks but the
/// head beside it.
fn check_copy(conn: &Connection, path: &Path) -> Result<BackupReport> {
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(StoreError::Open(format!(
            "备份文件 {} 不完整：{ok}",
            path.display()
        )));
    }
    let v = match audit::verify_log(conn)? {
        Ok(v) => v,
        Err(b) => {
            return Err(StoreError::Open(format!(
                "备份文件 {} 的审计记录核验不通过：{}",
                path.display(),
                crate::domain::audit::describe(&b)
            )));
        }
    };
    let papers: i64 = conn.query_row("SELECT count(*) FROM paper", [], |r| r.get(0))?;
    Ok(BackupReport {
        papers,
        head: v.head,
    })
}

fn remove_copy(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal", ".lock"] {
        let _ = fs::remove_file(files::sibling(path, suffix));
    }
    let _ = fs::remove_file(head::path(path));
}

/// Writes a checked snapshot of `conn`'s database to `dest` (which must not exist), with its
/// head beside it, owner-only. Leaves nothing behind when it fails.
fn snapshot(conn: &Connection, dest: &Path, crash_at: Option<CrashPoint>) -> Result<BackupReport> {
    let partial = files::sibling(dest, ".partial");
    // A partial copy left by a process that was killed.
    remove_copy(&partial);
    let result = (|| {
        files::create_new_private(&partial)?;
        let target = partial.to_string_lossy().to_string();
        conn.execute("VACUUM INTO ?1", [&target])?;
        crash(crash_at, CrashPoint::BackupCopied);
        let copy = open_copy(&partial)?;
        // A standalone file: no -wal beside it to lose when it is carried away.
        let _: String = copy.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))?;
        let report = check_copy(&copy, &partial)?;
        drop(copy);
        fs::File::open(&partial)?.sync_all()?;
        head::write(dest, &head::HeadFile::settled(report.head.clone()), false)?;
        if dest.exists() {
            return Err(Refusal::field(
                "备份文件",
                format!("{} 已存在，请换一个文件名，以免覆盖旧备份", dest.display()),
            )
            .into());
        }
        fs::rename(&partial, dest)?;
        files::sync_dir(files::parent(dest))?;
        Ok(report)
    })();
    if result.is_err() {
        remove_copy(&partial);
        if !dest.exists() {
            let _ = fs::remove_file(head::path(dest));
        }
    }
    result
}

/// Writes a backup of the whole database to `dest`, checks it, and records it in the audit log.
pub fn backup(store: &mut Store, stamp: &Stamp, dest: &Path) -> Result<BackupReport> {
    if dest.exists() {
        return Err(Refusal::field(
            "备份文件",
            format!("{} 已存在，请换一个文件名，以免覆盖旧备份", dest.display()),
        )
        .into());
    }
    super::accounts::require_officer_named(store.conn(), &stamp.actor, "备份")?;
    let report = snapshot(&store.conn, dest, store.crash_at)?;
    store.change(stamp, |c| {
        c.audit(
            "备份",
            &dest.display().to_string(),
            None,
            json(serde_json::json!({
                "papers": report.papers, "audit_rows": report.head.count,
                "audit_hash": report.head.hash,
            })),
        );
        Ok(())
    })?;
    Ok(report)
}

/// Copies every page of `from` into `to` in one step, so that the destination changes in one
/// transaction; waits while a reader of the destination holds it (another baomi, the TUI).
fn copy_whole(from: &Connection, to: &mut Connection) -> Result<()> {
    use rusqlite::backup::StepResult;
    let started = std::time::Instant::now();
    let b = Backup::new(from, to)?;
    loop {
        match b.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::Busy | StepResult::Locked if started.elapsed() < super::PATIENCE => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            _ => {
                return Err(StoreError::Open(
                    "数据库正被其他程序长时间占用，未能恢复；当前数据库没有改动，请关闭其他程序后重试"
                        .into(),
                ));
            }
        }
    }
}

/// What a restore would throw away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// Changes in the database that the backup does not have (logins and backups not counted).
    pub audit_rows: i64,
    /// The real days of the first and last of them.
    pub from: String,
    pub to: String,
    pub papers_now: i64,
    pub papers_after: i64,
    /// The backup is not an earlier state of this database at all.
    pub unrelated: bool,
}

impl Loss {
    pub fn describe(&self) -> String {
        let days = if self.from == self.to {
            self.from.clone()
        } else {
            format!("{} 至 {}", self.from, self.to)
        };
        format!(
            "{}恢复将丢失当前数据库中 {days} 的 {} 条改动，密件由 {} 件变为 {} 件",
            if self.unrelated {
                "该备份不是本数据库的早先状态（审计记录链不同），"
            } else {
                "该备份比当前数据库旧，"
            },
            self.audit_rows,
            self.papers_now,
            self.papers_after
        )
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    pub restored: BackupReport,
    /// Where the replaced database was kept, when there was one.
    pub safety_copy: Option<PathBuf>,
    pub lost: Option<Loss>,
}

fn hash_at(conn: &Connection, seq: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT hash FROM audit WHERE seq = ?1", [seq], |r| r.get(0))
        .optional()?)
}

/// What restoring `backup` over `live` loses; `None` when nothing.
fn loss(live: &Connection, backup: &Connection, b: &BackupReport) -> Result<Option<Loss>> {
    let live_end = audit::head(live)?;
    let papers_now: i64 = live.query_row("SELECT count(*) FROM paper", [], |r| r.get(0))?;
    let (from_seq, unrelated) = if live_end.count >= b.head.count
        && hash_at(live, b.head.count)?.as_deref() == Some(b.head.hash.as_str())
    {
        (b.head.count + 1, false)
    } else if hash_at(backup, live_end.count)?.as_deref() == Some(live_end.hash.as_str()) {
        return Ok(None);
    } else {
        (1, true)
    };
    // Logins and backups since the backup are records of their own, not the officer's work: they
    // stay in the safety copy and need no --force.
    let (n, from, to): (i64, Option<String>, Option<String>) = live.query_row(
        "SELECT count(*), min(substr(at, 1, 10)), max(substr(at, 1, 10)) FROM audit
         WHERE seq >= ?1 AND action NOT IN ('登录', '登录失败', '登录被拒', '备份')",
        [from_seq],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if n == 0 && !unrelated {
        return Ok(None);
    }
    Ok(Some(Loss {
        audit_rows: n,
        from: from.unwrap_or_default(),
        to: to.unwrap_or_default(),
        papers_now,
        papers_after: b.papers,
        unrelated,
    }))
}

/// The name of the safety copy of `db` made before a restore at `now`.
pub fn safety_name(db: &Path, now: NaiveDateTime) -> PathBuf {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "baomi".into());
    let at = now.format("%Y%m%d-%H%M%S");
    let mut name = db.with_file_name(format!("{stem}.恢复前-{at}.db"));
    let mut n = 2;
    // Two restores in one second keep two safety copies.
    while name.exists() || head::path(&name).exists() {
        name = db.with_file_name(format!("{stem}.恢复前-{at}-{n}.db"));
        n += 1;
    }
    name
}

/// What restoring `src` over `db` would do, without doing it: the backup checked whole, and what
/// would be lost (`None` when nothing). For the TUI's confirmation.
pub fn plan_restore(db: &Path, src: &Path) -> Result<(BackupReport, Option<Loss>)> {
    let backup = open_backup(src, false)?;
    let restored = check_copy(&backup, src)?;
    let lost = match Store::open(db, OpenMode::Existing) {
        Ok(live) => loss(live.conn(), &backup, &restored)?,
        Err(_) => None,
    };
    Ok((restored, lost))
}

/// Opens a backup read-only and checks the head kept beside it (missing only with `force`).
fn open_backup(src: &Path, force: bool) -> Result<Connection> {
    let backup = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::Open(format!("备份文件 {} 无法打开：{e}", src.display())))?;
    super::need_to_know::install(&backup, Default::default())?;
    let end = audit::head(&backup)?;
    match head::read(src) {
        head::Read::Present(h) if h.agrees_with(&end) => {}
        head::Read::Missing if force => {}
        other => {
            let reason =
                head::disagreement(&other, &end).unwrap_or_else(|| "备份旁的审计头文件缺失".into());
            return Err(Refusal::rule(
                "R-SYS-3",
                format!("备份文件的审计记录与其审计头文件不符：{reason}。无法确认备份完整，未恢复"),
            )
            .into());
        }
    }
    Ok(backup)
}

/// Replaces the database at `db` with the backup `src`, after checking the backup whole. A backup
/// older than the database (or not of it) is refused unless `force`. The replaced database is kept
/// as a checked safety copy first. `stamp.actor` must be an officer of the database being replaced
/// (the caller logged them in).
pub fn restore(
    db: &Path,
    src: &Path,
    stamp: &Stamp,
    force: bool,
    crash_at: Option<CrashPoint>,
) -> Result<RestoreReport> {
    let backup = open_backup(src, force)?;
    let restored = check_copy(&backup, src)?;
    let mut live = if db.exists() {
        match Store::open(db, OpenMode::Existing) {
            Ok(s) => Some(s),
            // A damaged database is what restores are for: it is moved aside, not read.
            Err(StoreError::Open(_)) => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let _lock = files::WriteLock::acquire(db, super::PATIENCE)?;
    let lost = match &live {
        Some(s) => loss(s.conn(), &backup, &restored)?,
        None => None,
    };
    if let Some(l) = &lost
        && !force
    {
        return Err(Refusal::field(
            "恢复备份",
            format!(
                "{}。未恢复。如确要恢复，请加 --force（恢复前会先把当前数据库另存一份）",
                l.describe()
            ),
        )
        .into());
    }
    let staging = files::sibling(db, ".restoring");
    remove_copy(&staging);
    let result = (|| {
        // The staging copy: the backup, brought to this program's schema, with every number the
        // live database issued and the restore's own audit row.
        files::create_new_private(&staging)?;
        backup.execute("VACUUM INTO ?1", [staging.to_string_lossy().as_ref()])?;
        let safety_copy = match &live {
            Some(s) => {
                let name = safety_name(db, stamp.now);
                snapshot(s.conn(), &name, None)?;
                Some(name)
            }
            None if db.exists() => {
                let name = safety_name(db, stamp.now);
                for suffix in ["", "-wal", "-shm"] {
                    let from = files::sibling(db, suffix);
                    if from.exists() {
                        fs::rename(&from, files::sibling(&name, suffix))?;
                    }
                }
                let _ = fs::rename(head::path(db), head::path(&name));
                Some(name)
            }
            None => None,
        };
        let live_head = match &live {
            Some(s) => Some(audit::head(s.conn())?),
            None => None,
        };
        let mut stage = Store::open(&staging, OpenMode::Existing)?;
        let issued: Vec<(String, i64, i64)> = match &live {
            Some(s) => {
                let mut stmt = s
                    .conn()
                    .prepare("SELECT series, year, last FROM sequence")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            }
            None => Vec::new(),
        };
        stage.change_reanchoring(stamp, |c| {
            // Sessions open when the backup was made must not come back to life with it.
            c.tx.execute(
                "UPDATE session SET closed_at = ?1, closed_why = '恢复备份'
                 WHERE closed_at IS NULL",
                [stamp.now.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()],
            )?;
            for (series, year, last) in &issued {
                c.tx.execute(
                    "INSERT INTO sequence (series, year, last) VALUES (?1, ?2, ?3)
                     ON CONFLICT (series, year) DO UPDATE SET last = max(last, excluded.last)",
                    params![series, year, last],
                )?;
            }
            c.audit(
                "恢复备份",
                &src.display().to_string(),
                live_head.as_ref().and_then(|h| {
                    json(serde_json::json!({"audit_rows": h.count, "audit_hash": h.hash}))
                }),
                json(serde_json::json!({
                    "backup_audit_rows": restored.head.count,
                    "backup_audit_hash": restored.head.hash,
                    "papers": restored.papers,
                    "safety_copy": safety_copy.as_ref().map(|p| p.display().to_string()),
                    "lost_changes": lost.as_ref().map(|l| l.audit_rows),
                })),
            );
            Ok(())
        })?;
        let new_head = audit::head(stage.conn())?;
        stage
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        crash(crash_at, CrashPoint::RestoreStaged);
        match live.as_mut() {
            Some(s) => {
                // Announce the new end before the database reaches it.
                let announced = head::HeadFile {
                    settled: live_head.clone().unwrap_or(new_head.clone()),
                    pending: Some(new_head.clone()),
                    alarm: None,
                };
                head::write(db, &announced, true)?;
                copy_whole(&stage.conn, &mut s.conn)?;
                crash(crash_at, CrashPoint::RestoreCopied);
                head::write(db, &head::HeadFile::settled(new_head.clone()), false)?;
                drop(stage);
            }
            None => {
                drop(stage);
                head::write(db, &head::HeadFile::settled(new_head.clone()), true)?;
                for suffix in ["-wal", "-shm"] {
                    let _ = fs::remove_file(files::sibling(&staging, suffix));
                }
                fs::rename(&staging, db)?;
                files::sync_dir(files::parent(db))?;
            }
        }
        Ok(RestoreReport {
            restored: BackupReport {
                papers: restored.papers,
                head: new_head,
            },
            safety_copy,
            lost: lost.clone(),
        })
    })();
    remove_copy(&staging);
    result
}
