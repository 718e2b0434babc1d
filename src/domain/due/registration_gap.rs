//! R-PAP-3: a paper imported with a register field 待补 (an older ledger lacked the column) is
//! completed by the officer; until then it is on the due list as 待补登记, due `gap::DUE_DAYS`
//! after the import (the seed gives no deadline; DESIGN.md puts such items a week out).

use chrono::Duration;

use super::{DueItem, PaperFacts};
use crate::domain::gap::{self, DUE_DAYS};

pub fn registration_gap(p: &PaperFacts) -> Option<DueItem> {
    let since = p.gaps.iter().map(|g| g.1).min()?;
    let fields: Vec<_> = p.gaps.iter().map(|g| g.0).collect();
    let mut item = p.item("R-PAP-3", since + Duration::days(DUE_DAYS));
    item.title = format!("缺{}：{}", gap::names(&fields), p.title);
    Some(item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::due::fixture::paper;
    use crate::domain::gap::GapField;

    // R-PAP-3: an imported paper without 来文单位 is due a week after the import, until completed.
    #[test]
    fn r_pap_3_gap_is_due_a_week_after_the_import() {
        let mut p = paper("2025-收-0011", 2025);
        assert!(registration_gap(&p).is_none());
        p.gaps = vec![(GapField::Originator, ymd(2026, 11, 27))];
        let i = registration_gap(&p).unwrap();
        assert_eq!((i.rule, i.due), ("R-PAP-3", ymd(2026, 12, 4)));
        assert!(i.title.starts_with("缺来文单位："), "{}", i.title);
        assert!(p.may_be_due_by(ymd(2026, 12, 4)));
    }
}
