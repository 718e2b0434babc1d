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
    /// The business day the act was dated, when `--today` set it apart from the real day.
    pub business_date: String,
    /// Digests of the ledger rows the change wrote (see `store::cover`).
    pub covers: String,
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
        // Rows written before these fields existed hash without them and still verify.
        if !self.business_date.is_empty() || !self.covers.is_empty() {
            for field in [&self.business_date, &self.covers] {
                h.update((field.len() as u64).to_le_bytes());
                h.update(field.as_bytes());
            }
        }
        hex(&h.finalize())
    }
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
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
    /// The chain and head are whole but the ledger rows are not what the log vouches for.
    Rows { reason: String },
}

impl ChainBreak {
    /// What is wrong, in words for the officer.
    pub fn reason(&self) -> String {
        match self {
            ChainBreak::Row { seq, reason } => format!("第 {seq} 条审计记录{reason}"),
            ChainBreak::Head { reason } | ChainBreak::Rows { reason } => reason.clone(),
        }
    }
}

/// The break as `audit verify` reports it, naming the rule.
pub fn describe(b: &ChainBreak) -> String {
    format!("审计日志核验不通过：{}（R-SYS-3）", b.reason())
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
                    business_date: String::new(),
                    covers: String::new(),
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
        let (count, _) = verify_chain(rows.clone()).unwrap();
        assert_eq!(count, 5);

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
            business_date: String::new(),
            covers: "-".into(),
        };
        let mut b = a.clone();
        b.actor = "a".into();
        b.action = "bc".into();
        assert_ne!(a.hash(), b.hash());
        let mut c = a.clone();
        c.covers = String::new();
        assert_ne!(a.hash(), c.hash(), "emptying the covers changes the hash");
    }
}
