//! R-CMP-6: a classified computer's data is backed up every interval (default 30 days, a setting)
//! from the last backup, or from its filing.

use super::DueItem;
use super::records::item;
use crate::domain::ledgers::Record;
use crate::domain::rules::computer::next_backup;

pub fn computer_backup(r: &Record, days: i64) -> Option<DueItem> {
    if r.spec.key != "computer" {
        return None;
    }
    let due = next_backup(r, days)?;
    Some(item(r, "R-CMP-6", due, None, "数据备份"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::level::Level;
    use crate::domain::rules::media::tests::pc;

    // R-CMP-6: due an interval after the last backup.
    #[test]
    fn r_cmp_6_backup_due_after_the_interval() {
        let mut p = pc("涉密", Level::Secret, true);
        p.values.insert("filed_on".into(), "2026-10-01".into());
        assert_eq!(computer_backup(&p, 30).unwrap().due, ymd(2026, 10, 31));
        p.values.insert("backup_on".into(), "2026-11-20".into());
        let i = computer_backup(&p, 30).unwrap();
        assert_eq!((i.rule, i.due), ("R-CMP-6", ymd(2026, 12, 20)));
    }
}
