//! R-CLS-7: a secrecy period about to end calls for a declassification review.

use chrono::NaiveDate;

use super::{DueItem, PaperFacts};

/// An item when the period of a held state secret ends within `window` days of `as_of` (or has
/// ended without a review).
pub fn declassify(p: &PaperFacts, as_of: NaiveDate, window: i64) -> Option<DueItem> {
    if !p.state.is_held() || !p.level.is_state_secret() {
        return None;
    }
    let end = p.period_end?;
    if (end - as_of).num_days() > window {
        return None;
    }
    let mut item = p.item("R-CLS-7", end);
    item.title = format!("解密审查：{}", p.title);
    Some(item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::due::fixture::paper;
    use crate::domain::level::Level;

    // R-CLS-7: thirty days ahead by default.
    #[test]
    fn r_cls_7_period_ending_within_window() {
        let mut p = paper("2016-收-0001", 2016);
        p.period_end = Some(ymd(2026, 12, 20));
        assert!(declassify(&p, ymd(2026, 11, 19), 30).is_none());
        let i = declassify(&p, ymd(2026, 11, 20), 30).unwrap();
        assert_eq!((i.rule, i.due), ("R-CLS-7", ymd(2026, 12, 20)));
        assert!(declassify(&p, ymd(2027, 1, 5), 30).is_some());
        p.period_end = None;
        assert!(declassify(&p, ymd(2026, 11, 20), 30).is_none());
        p.period_end = Some(ymd(2026, 12, 20));
        p.level = Level::Internal;
        assert!(declassify(&p, ymd(2026, 11, 20), 30).is_none());
    }
}
