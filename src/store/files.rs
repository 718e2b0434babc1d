//! Files beside the database and files baomi writes: owner-only creation, atomic replacement, the
//! writers' lock, and the Chinese words for what the operating system says went wrong. Every
//! platform difference of the store lives here (Unix modes and `fsync` of a directory; on Windows
//! the profile's own ACLs and `LockFileEx` through the standard library).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Opens a new file readable and writable by its owner only (0600 on Unix; on Windows the file
/// inherits the private ACL of the user's profile directories). Fails if it exists.
pub fn create_new_private(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

/// Opens (creating when missing) an owner-only file for reading and writing, without truncating.
pub fn open_private(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

/// Narrows an existing file to its owner (a file SQLite created with the process umask).
pub fn make_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    {
        let _ = path;
    }
    Ok(())
}

/// A name beside `path` with `suffix` added and this process's id, so that two processes never
/// share a temporary file.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn temp_beside(path: &Path) -> PathBuf {
    sibling(path, &format!(".tmp-{}", std::process::id()))
}

/// Makes a rename in `dir` durable (Unix); Windows' NTFS journals its directory entries itself.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
    }
    Ok(())
}

/// The directory a path lives in (`.` for a bare name).
pub fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Replaces `path` with `bytes` atomically: a private temporary file, synced, renamed over it.
/// With `durable` the directory entry is synced too, so the new content survives a power cut.
pub fn replace(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    let tmp = temp_beside(path);
    let _ = fs::remove_file(&tmp);
    let result = (|| {
        let mut f = create_new_private(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        if durable {
            sync_dir(parent(path))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes a new owner-only output file. An existing file is kept unless `force` (then it is
/// replaced atomically, so a failure leaves the old one whole).
pub fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    if path.is_dir() {
        return Err(format!("{} 是一个目录，请给出文件名", path.display()));
    }
    if path.exists() && !force {
        return Err(format!(
            // Said to the screen's print forms and to the command line alike: each its own way.
            "文件 {} 已存在，未覆盖。换一个文件名，或勾选「覆盖同名文件」（命令行加 --force）",
            path.display()
        ));
    }
    replace(path, bytes, false)
        .map_err(|e| format!("无法写入 {}：{}", path.display(), io_message(&e)))
}

/// The writers' lock: one baomi writer at a time holds it from `BEGIN IMMEDIATE` until the audit
/// head is written, so heads only ever move forward.
pub struct WriteLock {
    file: File,
}

impl WriteLock {
    /// Waits up to `patience` for the lock beside `db`.
    pub fn acquire(db: &Path, patience: Duration) -> io::Result<WriteLock> {
        let file = open_private(&sibling(db, ".lock"))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(WriteLock { file }),
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < patience => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "另一个 baomi 进程长时间占用数据库",
                    ));
                }
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
        }
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// What the operating system said, in Chinese, with what to do about it.
pub fn io_message(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件或目录不存在".into(),
        K::PermissionDenied => "没有权限（请检查文件的所有者和权限）".into(),
        K::AlreadyExists => "文件已存在".into(),
        K::StorageFull => "磁盘已满，请清理磁盘空间后重试".into(),
        K::ReadOnlyFilesystem => "文件系统是只读的".into(),
        K::InvalidData => "文件内容不是有效的 UTF-8 文本".into(),
        K::TimedOut => format!("等待超时：{e}"),
        K::Interrupted => "操作被中断，请重试".into(),
        K::IsADirectory => "这是一个目录，不是文件".into(),
        K::DirectoryNotEmpty => "目录不为空".into(),
        K::FileTooLarge => "文件太大".into(),
        _ => match e.raw_os_error() {
            Some(code) => format!("系统错误（代码 {code}）"),
            None => "系统错误".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    // Issue 8 point 14: outputs are owner-only and an existing file is not overwritten unasked.
    #[test]
    fn outputs_are_private_and_never_clobbered() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("清单.csv");
        write_output(&p, b"a", false).unwrap();
        #[cfg(unix)]
        assert_eq!(mode(&p), 0o600);
        let e = write_output(&p, b"b", false).unwrap_err();
        assert!(
            e.contains("--force") && e.contains("勾选「覆盖同名文件」"),
            "{e}"
        );
        assert_eq!(fs::read(&p).unwrap(), b"a");
        write_output(&p, b"b", true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"b");
        #[cfg(unix)]
        assert_eq!(mode(&p), 0o600);
    }

    #[test]
    fn the_write_lock_is_exclusive_and_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let held = WriteLock::acquire(&db, Duration::from_secs(1)).unwrap();
        let e = WriteLock::acquire(&db, Duration::from_millis(30))
            .err()
            .unwrap();
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
        drop(held);
        WriteLock::acquire(&db, Duration::from_millis(30)).unwrap();
    }

    #[test]
    fn os_errors_read_in_chinese() {
        let e = io::Error::from(io::ErrorKind::StorageFull);
        assert!(io_message(&e).contains("磁盘已满"));
    }
}
