//! Opening a database: refusing what is not one, creating it owner-only, configuring the
//! connection and applying the migrations it has not seen.

use std::fs;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::{APPLICATION_ID, OpenMode, PATIENCE, Result, SCHEMA, Store, StoreError, files};

impl Store {
    /// Opens the database at `path` (R-SYS-3 head file beside it). Every way this can fail is a
    /// `StoreError::Open` with a Chinese message, never a panic.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        let dir = files::parent(path);
        if !dir.is_dir() {
            return Err(StoreError::Open(format!(
                "数据库所在目录不存在：{}。请先建立该目录，或用 --db 指定其他位置",
                dir.display()
            )));
        }
        if path.is_dir() {
            return Err(StoreError::Open(format!(
                "{} 是一个目录，不是数据库文件",
                path.display()
            )));
        }
        let exists = path.exists();
        if !exists && mode == OpenMode::Existing {
            return Err(StoreError::Open(format!(
                "数据库不存在：{}。请先运行 baomi init 建立，或运行 baomi demo 生成演示数据",
                path.display()
            )));
        }
        if exists {
            let empty = check_header(path)?;
            if empty && mode == OpenMode::Existing {
                return Err(StoreError::Open(format!(
                    "{} 是一个空文件，不是 baomi 数据库。请用 baomi init 在其中建立台账，或用 --db 指定正确的数据库",
                    path.display()
                )));
            }
        } else {
            create_private(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            warnings: Vec::new(),
            crash_at: None,
            crash_from: 1,
            changes: 0,
            warn_sink: None,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(PATIENCE)?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            // Only a new file is not yet in WAL mode; two processes may both be setting it up.
            let _lock = self.write_lock()?;
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Open(format!(
                    "数据库无法进入 WAL 模式（当前 {mode}），请检查文件权限"
                )));
            }
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        // Every title shows until an account logs in (need to know, issue 11).
        super::need_to_know::install(&self.conn, Default::default())?;
        Ok(())
    }

    pub(super) fn write_lock(&self) -> Result<files::WriteLock> {
        files::WriteLock::acquire(&self.path, PATIENCE).map_err(|e| {
            StoreError::Open(format!(
                "无法取得数据库的写入锁（{}）：{}",
                files::sibling(&self.path, ".lock").display(),
                files::io_message(&e)
            ))
        })
    }

    /// Applies the schema's migration blocks newer than `PRAGMA user_version`. Two processes
    /// opening a new database at once: the second waits for the first, then finds nothing to do.
    fn migrate(&mut self) -> Result<()> {
        let blocks = migrations();
        let latest = blocks.len() as i64;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let app_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if version == latest && app_id == APPLICATION_ID {
            return Ok(());
        }
        let _lock = self.write_lock()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let app_id: i32 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if app_id != APPLICATION_ID && !(app_id == 0 && version == 0 && tables == 0) {
            return Err(StoreError::Open(format!(
                "{} 不是 baomi 数据库（是别的程序的 SQLite 文件）",
                self.path.display()
            )));
        }
        if version > latest {
            return Err(StoreError::Open(format!(
                "数据库版本为 {version}，比本程序支持的版本 {latest} 新。请使用新版 baomi 打开"
            )));
        }
        for (i, sql) in blocks.iter().enumerate() {
            let n = i as i64 + 1;
            if n <= version {
                continue;
            }
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", n)?;
        }
        if version == 0 {
            // A new database has no data of an older baomi to put right (`records::migrated`).
            tx.execute("DELETE FROM pending_step", [])?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match StoreError::from(e) {
        StoreError::Sql(e) => StoreError::Open(format!("无法打开数据库 {}：{e}", path.display())),
        other => other,
    }
}

/// Splits schema.sql into its migration blocks.
pub fn migrations() -> Vec<&'static str> {
    SCHEMA
        .split("-- migration ")
        .skip(1)
        .map(|block| block.split_once('\n').map(|(_, sql)| sql).unwrap_or(""))
        .collect()
}

/// A new database file readable and writable by its owner only. SQLite gives its -wal and -shm
/// files the same permissions. Another process creating it at the same moment is no error.
fn create_private(path: &Path) -> Result<()> {
    match files::create_new_private(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Open(format!(
            "无法建立数据库 {}：{}",
            path.display(),
            files::io_message(&e)
        ))),
    }
}

/// Refuses a file that is not SQLite before SQLite sees it. True when the file is empty.
fn check_header(path: &Path) -> Result<bool> {
    let fail = |e: std::io::Error| {
        StoreError::Open(format!(
            "无法读取数据库 {}：{}",
            path.display(),
            files::io_message(&e)
        ))
    };
    let mut f = fs::File::open(path).map_err(fail)?;
    let mut header = [0u8; 16];
    let n = f.read(&mut header).map_err(fail)?;
    if n == 0 {
        return Ok(true);
    }
    if n < 16 || &header != b"SQLite format 3\0" {
        return Err(StoreError::Open(format!(
            "{} 不是 baomi 数据库（文件头不是 SQLite 格式）",
            path.display()
        )));
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> StoreError {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None).into()
    }

    // Issue 8 point 13: what SQLite says reaches the officer in Chinese, with what to do.
    #[test]
    fn sqlite_errors_read_in_chinese() {
        use rusqlite::ffi;
        for (code, words) in [
            (ffi::SQLITE_FULL, "磁盘已满"),
            (ffi::SQLITE_READONLY, "只读"),
            (ffi::SQLITE_IOERR, "磁盘读写错误"),
            (ffi::SQLITE_BUSY, "占用"),
            (ffi::SQLITE_CORRUPT, "baomi restore"),
        ] {
            let e = sqlite(code).to_string();
            assert!(e.contains(words), "{code}: {e}");
            assert!(!e.is_ascii(), "{e}");
        }
    }

    // Issue 8 point 13: a command that expects a database does not write a schema into an empty
    // file; `init` may.
    #[test]
    fn an_empty_file_is_not_a_database_to_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("空.db");
        fs::write(&p, b"").unwrap();
        let e = Store::open(&p, OpenMode::Existing).err().unwrap();
        assert!(e.to_string().contains("空文件"), "{e}");
        assert_eq!(e.exit_code(), 3);
        assert_eq!(fs::metadata(&p).unwrap().len(), 0);
        Store::open(&p, OpenMode::Create).unwrap();
        assert!(fs::metadata(&p).unwrap().len() > 0);
    }
}
