//! Backups with SQLite's online backup API (never a file copy of a WAL database), checked whole
//! after writing, with the audit head beside them (R-SYS-4, R-SYS-3).

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::audit::{self, Head};
use super::{OpenMode, Result, Stamp, Store, StoreError, json};

/// What a finished backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub papers: i64,
    pub head: Head,
}

fn check_copy(path: &Path) -> Result<BackupReport> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::Open(format!("备份文件无法打开：{e}")))?;
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(StoreError::Open(format!("备份文件不完整：{ok}")));
    }
    let papers: i64 = conn.query_row("SELECT count(*) FROM paper", [], |r| r.get(0))?;
    let head = audit::head(&conn)?;
    Ok(BackupReport { papers, head })
}

/// Writes a backup of the whole database to `dest` and checks it: integrity, and the audit head
/// equal to the database's at the moment of the backup.
pub fn backup(store: &mut Store, stamp: &Stamp, dest: &Path) -> Result<BackupReport> {
    if dest.exists() {
        return Err(crate::domain::Refusal::field(
            "备份文件",
            format!("{} 已存在，请换一个文件名，以免覆盖旧备份", dest.display()),
        )
        .into());
    }
    store.change(stamp, |c| {
        super::accounts::require_officer(c, "备份")?;
        c.audit("备份", &dest.display().to_string(), None, None);
        Ok(())
    })?;
    let expected = audit::head(store.conn())?;
    {
        let mut dst = Connection::open(dest)
            .map_err(|e| StoreError::Open(format!("无法写入备份 {}：{e}", dest.display())))?;
        let b = Backup::new(store.conn(), &mut dst)?;
        b.run_to_completion(256, Duration::from_millis(0), None)?;
    }
    let report = check_copy(dest)?;
    if report.head != expected {
        return Err(StoreError::Open(
            "备份完成后核对失败：备份中的审计记录与数据库不一致".into(),
        ));
    }
    audit::write_head(dest, report.head.clone())?;
    Ok(report)
}

/// Replaces the database with a backup after checking the backup whole (integrity, audit chain and
/// the head written beside it).
pub fn restore(db: &Path, src: &Path, stamp: &Stamp) -> Result<BackupReport> {
    let report = check_copy(src)?;
    {
        let conn = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| StoreError::Open(format!("备份文件无法打开：{e}")))?;
        if let Err(b) = audit::verify(&conn, src)? {
            return Err(StoreError::Open(format!("备份的审计记录核验不通过：{b:?}")));
        }
    }
    let mut store = Store::open(db, OpenMode::Create)?;
    {
        let source = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| StoreError::Open(format!("备份文件无法打开：{e}")))?;
        let b = Backup::new(&source, &mut store.conn)?;
        b.run_to_completion(256, Duration::from_millis(0), None)?;
    }
    let store_head = audit::head(store.conn())?;
    audit::write_head(db, store_head)?;
    store.change(stamp, |c| {
        c.audit(
            "恢复备份",
            &src.display().to_string(),
            None,
            json(serde_json::json!({"papers": report.papers, "audit_rows": report.head.count})),
        );
        Ok(())
    })?;
    Ok(report)
}
