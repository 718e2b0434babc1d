//! The SQLite store: opening and migrating the database, one transaction per change with its audit
//! rows, and one file per aggregate. Thin: the rules are checked in `domain` before anything here
//! writes.

pub mod accounts;
pub mod approvals;
pub mod audit;
pub mod backup;
pub mod demo;
pub mod due;
pub mod holidays;
pub mod import;
pub mod papers;
pub mod registers;
pub mod search;
pub mod settings;
pub mod stocktake;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags, Transaction};

use crate::domain::Refusal;

/// The schema, applied block by block (`-- migration N`).
pub const SCHEMA: &str = include_str!("../../schema.sql");
/// `PRAGMA application_id` of a baomi database: "bmtz" (保密台账).
pub const APPLICATION_ID: i32 = 0x626d_747a;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A rule or a field check refused; nothing was written.
    #[error("{0}")]
    Refused(#[from] Refusal),
    /// Something the user named does not exist.
    #[error("找不到{what}「{key}」")]
    NotFound { what: &'static str, key: String },
    /// A wrong password, a locked or unknown account.
    #[error("{0}")]
    Auth(String),
    /// The database cannot be opened, is not ours, is newer than us, or is damaged.
    #[error("{0}")]
    Open(String),
    #[error("数据库错误：{0}")]
    Sql(rusqlite::Error),
    #[error("文件错误：{0}")]
    Io(#[from] std::io::Error),
    /// A programming error caught before it wrote anything.
    #[error("内部错误：{0}")]
    Internal(&'static str),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Open(format!(
                "数据库文件已损坏：{e}。请用 baomi restore 从备份恢复"
            )),
            Some(rusqlite::ErrorCode::NotADatabase) => {
                StoreError::Open("该文件不是 baomi 数据库（也不是完好的 SQLite 文件）".into())
            }
            _ => StoreError::Sql(e),
        }
    }
}

impl StoreError {
    /// The exit code of DESIGN.md: 1 refused or bad input, 3 the database cannot be opened.
    pub fn exit_code(&self) -> i32 {
        match self {
            StoreError::Refused(_) | StoreError::NotFound { .. } | StoreError::Auth(_) => 1,
            StoreError::Open(_)
            | StoreError::Sql(_)
            | StoreError::Io(_)
            | StoreError::Internal(_) => 3,
        }
    }

    pub fn not_found(what: &'static str, key: impl Into<String>) -> Self {
        StoreError::NotFound {
            what,
            key: key.into(),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

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
}

/// Who makes a change, and when (real time, for the audit log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The account name.
    pub actor: String,
    pub now: NaiveDateTime,
}

impl Stamp {
    pub fn new(actor: impl Into<String>, now: NaiveDateTime) -> Stamp {
        Stamp {
            actor: actor.into(),
            now,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }
}

/// One change in progress: a transaction and the audit rows it will append.
pub struct Change<'a> {
    pub tx: Transaction<'a>,
    pub stamp: &'a Stamp,
    entries: Vec<audit::Entry>,
}

impl Change<'_> {
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
    /// Opens the database at `path` (R-SYS-3 head file beside it). Every way this can fail is a
    /// `StoreError::Open` with a Chinese message, never a panic.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !dir.is_dir() {
            return Err(StoreError::Open(format!(
                "数据库所在目录不存在：{}。请先建立该目录，或用 --db 指定其他位置",
                dir.display()
            )));
        }
        let exists = path.exists();
        if path.is_dir() {
            return Err(StoreError::Open(format!(
                "{} 是一个目录，不是数据库文件",
                path.display()
            )));
        }
        if !exists && mode == OpenMode::Existing {
            return Err(StoreError::Open(format!(
                "数据库不存在：{}。请先运行 baomi init 建立，或运行 baomi demo 生成演示数据",
                path.display()
            )));
        }
        if exists {
            check_header(path)?;
        } else {
            create_private(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open(format!("无法打开数据库 {}：{e}", path.display())))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Open(format!(
                "数据库无法进入 WAL 模式（当前 {mode}），请检查文件权限"
            )));
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    }

    /// Applies the schema's migration blocks newer than `PRAGMA user_version`.
    fn migrate(&mut self) -> Result<()> {
        let app_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = self.conn.query_row(
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
        let blocks = migrations();
        let latest = blocks.len() as i64;
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
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", n)?;
            tx.commit()?;
        }
        Ok(())
    }

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

    /// Runs `f` as one transaction. Everything it records with `Change::audit` is appended to the
    /// chained audit log in the same transaction; nothing is written if `f` fails. A change that
    /// records no audit row is refused as a programming error.
    pub fn change<T>(
        &mut self,
        stamp: &Stamp,
        f: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        let mut change = Change {
            tx,
            stamp,
            entries: Vec::new(),
        };
        let out = f(&mut change)?;
        let Change { tx, entries, .. } = change;
        if entries.is_empty() {
            return Err(StoreError::Internal("变更没有记入审计日志"));
        }
        let head = audit::append(&tx, stamp, &entries)?;
        tx.commit()?;
        audit::write_head(&self.path, head)?;
        Ok(out)
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
/// files the same permissions.
fn create_private(path: &Path) -> Result<()> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
        .map_err(|e| StoreError::Open(format!("无法建立数据库 {}：{e}", path.display())))?;
    Ok(())
}

/// Refuses a file that is not SQLite before SQLite sees it.
fn check_header(path: &Path) -> Result<()> {
    let mut f = fs::File::open(path)
        .map_err(|e| StoreError::Open(format!("无法读取数据库 {}：{e}", path.display())))?;
    let mut header = [0u8; 16];
    let n = f
        .read(&mut header)
        .map_err(|e| StoreError::Open(format!("无法读取数据库 {}：{e}", path.display())))?;
    if n == 0 {
        return Ok(());
    }
    if n < 16 || &header != b"SQLite format 3\0" {
        return Err(StoreError::Open(format!(
            "{} 不是 baomi 数据库（文件头不是 SQLite 格式）",
            path.display()
        )));
    }
    Ok(())
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
