//! The audit head kept outside the database (R-SYS-3): how many audit rows there are and the last
//! hash, so that cutting off the newest rows or recomputing the whole chain is seen.
//!
//! A change writes the head *before* it commits, as "settled: the end now; pending: the end after
//! this change", and settles it after the commit. Whatever instant a crash hits, the database's
//! end is then either the settled or the pending value: no false alarm. Writers hold the writers'
//! lock from `BEGIN IMMEDIATE` to the settled write, so a head only ever moves forward. A head that
//! matches neither is never rewritten by an ordinary change: only `baomi audit accept` (an audited
//! act with a reason) or a restore re-anchors it.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::files;

/// A point of the chain: the number of rows and the hash of the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Head {
    pub count: i64,
    pub hash: String,
}

impl Head {
    fn line(&self) -> String {
        format!("{} {}", self.count, self.hash)
    }

    fn parse(s: &str) -> Option<Head> {
        let (count, hash) = s.trim().split_once(' ')?;
        let count: i64 = count.parse().ok().filter(|c| *c >= 0)?;
        let ok = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
        ok.then(|| Head {
            count,
            hash: hash.to_string(),
        })
    }
}

/// The head file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadFile {
    pub settled: Head,
    /// The end a change was committing when the file was written.
    pub pending: Option<Head>,
    /// Set when `audit verify` found the log broken; cleared only by `audit accept`.
    pub alarm: Option<String>,
}

impl HeadFile {
    pub fn settled(head: Head) -> HeadFile {
        HeadFile {
            settled: head,
            pending: None,
            alarm: None,
        }
    }

    fn render(&self) -> String {
        let mut s = self.settled.line();
        s.push('\n');
        if let Some(p) = &self.pending {
            s.push_str(&format!("pending {}\n", p.line()));
        }
        if let Some(a) = &self.alarm {
            let one_line: String = a.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
            s.push_str(&format!("alarm {one_line}\n"));
        }
        s
    }

    fn parse(text: &str) -> Option<HeadFile> {
        let mut lines = text.lines();
        let settled = Head::parse(lines.next()?)?;
        let mut file = HeadFile::settled(settled);
        for line in lines {
            if let Some(p) = line.strip_prefix("pending ") {
                file.pending = Some(Head::parse(p)?);
            } else if let Some(a) = line.strip_prefix("alarm ") {
                file.alarm = Some(a.to_string());
            } else if !line.trim().is_empty() {
                return None;
            }
        }
        Some(file)
    }

    /// Whether the database's end agrees with this head: equal to the settled end, or to the
    /// pending end of a change that committed before its head was settled.
    pub fn agrees_with(&self, end: &Head) -> bool {
        self.settled == *end || self.pending.as_ref() == Some(end)
    }
}

/// The file beside the database that keeps the head outside it.
pub fn path(db: &Path) -> PathBuf {
    files::sibling(db, ".audit-head")
}

/// What is beside the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    Missing,
    Garbled,
    Present(HeadFile),
}

pub fn read(db: &Path) -> Read {
    match fs::read(path(db)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Read::Missing,
        Err(_) => Read::Garbled,
        Ok(bytes) => match std::str::from_utf8(&bytes).ok().and_then(HeadFile::parse) {
            Some(h) => Read::Present(h),
            None => Read::Garbled,
        },
    }
}

/// Writes the head file. `durable` syncs the directory too: needed before a commit, so that the
/// pending head is on disk before the rows it announces.
pub fn write(db: &Path, file: &HeadFile, durable: bool) -> std::io::Result<()> {
    files::replace(&path(db), file.render().as_bytes(), durable)
}

/// Why the head and the database disagree, in words for the officer; `None` when they agree.
/// `end` is the database's end (count 0 for an empty log).
pub fn disagreement(read: &Read, end: &Head) -> Option<String> {
    match read {
        Read::Missing if end.count == 0 => None,
        Read::Missing => Some("数据库旁的审计头文件缺失".into()),
        Read::Garbled => Some("数据库旁的审计头文件无法读取（内容被改动）".into()),
        Read::Present(h) => {
            if let Some(a) = &h.alarm {
                return Some(a.clone());
            }
            if h.agrees_with(end) {
                None
            } else if h.settled.count != end.count
                && h.pending.as_ref().is_none_or(|p| p.count != end.count)
            {
                Some(format!(
                    "审计头文件记有{}条，数据库中有{}条（记录被截断或头文件被改动）",
                    h.settled.count, end.count
                ))
            } else {
                Some("审计头文件的哈希与链尾不符（记录被改写或整条链被重算）".into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(n: i64, c: char) -> Head {
        Head {
            count: n,
            hash: c.to_string().repeat(64),
        }
    }

    #[test]
    fn head_file_round_trips() {
        let f = HeadFile {
            settled: head(4, 'a'),
            pending: Some(head(6, 'b')),
            alarm: Some("第3条记录内容与其哈希不符".into()),
        };
        assert_eq!(HeadFile::parse(&f.render()), Some(f));
        assert_eq!(HeadFile::parse("4 abc\n"), None);
        assert_eq!(HeadFile::parse(""), None);
    }

    // R-SYS-3, issue 8 point 6: a crash between the head write and the commit leaves the end at
    // the settled or the pending value; both agree. Anything else is an alarm.
    #[test]
    fn r_sys_3_pending_head_is_no_false_alarm() {
        let f = HeadFile {
            settled: head(4, 'a'),
            pending: Some(head(6, 'b')),
            alarm: None,
        };
        let read = Read::Present(f);
        assert_eq!(disagreement(&read, &head(4, 'a')), None);
        assert_eq!(disagreement(&read, &head(6, 'b')), None);
        assert!(disagreement(&read, &head(5, 'c')).is_some());
        assert!(disagreement(&read, &head(6, 'c')).is_some());
        assert!(disagreement(&Read::Missing, &head(6, 'c')).is_some());
        assert_eq!(disagreement(&Read::Missing, &head(0, '0')), None);
    }
}
