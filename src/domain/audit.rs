//! The audit log's hash chain (R-SYS-3). Each row's hash covers its own fields and the previous
//! row's hash, each field length-prefixed so that moving text between fields changes the hash.

use sha2::{Digest, Sha256};

/// The `prev` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One row of the audit log as it is hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub seq: i64,
    /// Real time of the change, `2026-11-27T09:30:00`.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    /// JSON text of what was there before, or empty.
    pub before: String,
    /// JSON text of what is there after, or empty.
    pub after: String,
    pub prev: String,
}

impl AuditRow {
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        let seq = self.seq.to_string();
        for field in [
            seq.as_str(),
            &self.at,
            &self.actor,
            &self.action,
            &self.subject,
            &self.before,
            &self.after,
            &self.prev,
        ] {
            h.update((field.len() as u64).to_le_bytes());
            h.update(field.as_bytes());
        }
        hex(&h.finalize())
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// Why a chain does not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// Row `seq` does not follow its predecessor, or its stored hash is not its own.
    Row { seq: i64, reason: &'static str },
    /// The chain is whole but the head kept outside the database says otherwise.
    Head { reason: String },
}

/// Checks rows in order. `rows` yields each row with the hash stored for it.
pub fn verify_chain(
    rows: impl IntoIterator<Item = (AuditRow, String)>,
) -> Result<(i64, String), ChainBreak> {
    let mut prev = GENESIS.to_string();
    let mut count = 0i64;
    for (row, stored) in rows {
        count += 1;
        if row.seq != count {
            return Err(ChainBreak::Row {
                seq: row.seq,
                reason: "序号不连续（有记录被删除或插入）",
            });
        }
        if row.prev != prev {
            return Err(ChainBreak::Row {
                seq: row.seq,
                reason: "与前一条记录的哈希不衔接",
            });
        }
        let h = row.hash();
        if h != stored {
            return Err(ChainBreak::Row {
                seq: row.seq,
                reason: "内容与其哈希不符（记录被改动）",
            });
        }
        prev = h;
    }
    Ok((count, prev))
}

/// Compares the chain's end with the head kept beside the database.
pub fn check_head(chain: (i64, &str), head: Option<(i64, &str)>) -> Result<(), ChainBreak> {
    let Some((count, hash)) = head else {
        return Err(ChainBreak::Head {
            reason: "数据库旁的审计头文件缺失".into(),
        });
    };
    if count != chain.0 {
        return Err(ChainBreak::Head {
            reason: format!(
                "审计头文件记有{count}条，数据库中有{}条（记录被截断或头文件被改动）",
                chain.0
            ),
        });
    }
    if hash != chain.1 {
        return Err(ChainBreak::Head {
            reason: "审计头文件的哈希与链尾不符（整条链被重算）".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<(AuditRow, String)> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let row = AuditRow {
                    seq,
                    at: "2026-11-27T09:00:00".into(),
                    actor: "zhang".into(),
                    action: "收文".into(),
                    subject: format!("2026-收-{seq:04}"),
                    before: String::new(),
                    after: "{}".into(),
                    prev: prev.clone(),
                };
                let h = row.hash();
                prev = h.clone();
                (row, h)
            })
            .collect()
    }

    // R-SYS-3: an edited row breaks the chain at that row.
    #[test]
    fn r_sys_3_chain_detects_edit() {
        let rows = chain(5);
        let (count, head) = verify_chain(rows.clone()).unwrap();
        assert_eq!(count, 5);
        assert!(check_head((count, &head), Some((5, &head))).is_ok());

        let mut edited = rows.clone();
        edited[2].0.after = "{\"title\":\"改过\"}".into();
        assert_eq!(
            verify_chain(edited),
            Err(ChainBreak::Row {
                seq: 3,
                reason: "内容与其哈希不符（记录被改动）"
            })
        );

        let mut cut = rows.clone();
        cut.remove(1);
        assert!(matches!(
            verify_chain(cut),
            Err(ChainBreak::Row { seq: 3, .. })
        ));
    }

    // R-SYS-3: cutting off the newest rows is seen only against the head.
    #[test]
    fn r_sys_3_head_detects_truncation() {
        let rows = chain(5);
        let (_, full_head) = verify_chain(rows.clone()).unwrap();
        let (count, head) = verify_chain(rows.into_iter().take(3)).unwrap();
        assert!(check_head((count, &head), Some((5, &full_head))).is_err());
        assert!(check_head((count, &head), None).is_err());
    }

    #[test]
    fn moving_text_between_fields_changes_the_hash() {
        let a = AuditRow {
            seq: 1,
            at: "t".into(),
            actor: "ab".into(),
            action: "c".into(),
            subject: String::new(),
            before: String::new(),
            after: String::new(),
            prev: GENESIS.into(),
        };
        let mut b = a.clone();
        b.actor = "a".into();
        b.action = "bc".into();
        assert_ne!(a.hash(), b.hash());
    }
}
