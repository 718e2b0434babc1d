//! What can go wrong in the store, in words for the officer: every SQLite and OS error that can
//! reach them is Chinese and says what to do; the exit codes follow DESIGN.md.

use crate::domain::Refusal;

use super::files;

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
    #[error("文件错误：{}", files::io_message(.0))]
    Io(#[from] std::io::Error),
    /// A programming error caught before it wrote anything.
    #[error("内部错误：{0}")]
    Internal(&'static str),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        let Some(code) = e.sqlite_error_code() else {
            return StoreError::Sql(e);
        };
        StoreError::Open(match code {
            C::DatabaseCorrupt => {
                "数据库文件已损坏。请用 baomi restore 从最近的备份恢复".to_string()
            }
            C::NotADatabase => "该文件不是 baomi 数据库（也不是完好的 SQLite 文件）".to_string(),
            C::DiskFull => "磁盘已满，本次操作未保存。请清理磁盘空间后重试".to_string(),
            C::ReadOnly => {
                "数据库文件只读，本次操作未保存。请检查文件权限和所在磁盘是否只读".to_string()
            }
            C::SystemIoFailure => {
                "磁盘读写错误，本次操作未保存。请检查磁盘后重试；如反复出现请从备份恢复".to_string()
            }
            C::DatabaseBusy | C::DatabaseLocked => {
                "数据库正被其他程序长时间占用，本次操作未保存。请稍后重试".to_string()
            }
            C::CannotOpen => "无法打开数据库文件。请检查路径和权限".to_string(),
            C::PermissionDenied | C::AuthorizationForStatementDenied => {
                "没有访问数据库文件的权限".to_string()
            }
            C::OutOfMemory => "内存不足，本次操作未保存".to_string(),
            C::TooBig => "数据太大，本次操作未保存".to_string(),
            _ => return StoreError::Sql(e),
        })
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
