//! R-MED-6: every medium is checked periodically (default with the quarterly check, a setting);
//! R-CMP-9: every computer at least once a quarter; R-DEV-4: phones, mailboxes and equipment
//! regularly (quarterly).

use super::DueItem;
use super::records::item;
use crate::domain::ledgers::Record;
use crate::domain::rules::media::next_check;

pub fn record_check(r: &Record, medium_months: u32) -> Option<DueItem> {
    if !r.held() {
        return None;
    }
    let (rule, months, what) = match r.spec.key {
        "medium" => ("R-MED-6", medium_months, "定期清查核对"),
        "computer" => ("R-CMP-9", 3, "季度保密检查"),
        "device" => ("R-DEV-4", 3, "定期检查"),
        _ => return None,
    };
    Some(item(r, rule, next_check(r, months), None, what))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::level::Level;
    use crate::domain::rules::media::tests::{medium, pc};

    // R-MED-6, R-CMP-9: checked in one quarter, due by the end of the next; never once gone.
    #[test]
    fn r_med_6_r_cmp_9_periodic_checks() {
        let mut m = medium(Level::Secret);
        m.checked_on = Some(ymd(2026, 11, 2));
        let i = record_check(&m, 3).unwrap();
        assert_eq!((i.rule, i.due), ("R-MED-6", ymd(2027, 3, 31)));
        assert_eq!(record_check(&m, 1).unwrap().due, ymd(2026, 12, 31));
        m.state = "destroyed";
        assert!(record_check(&m, 3).is_none());
        let p = pc("涉密", Level::Secret, true);
        let i = record_check(&p, 1).unwrap();
        assert_eq!(
            (i.rule, i.kind, i.due),
            ("R-CMP-9", "computer", ymd(2026, 6, 30))
        );
    }
}
