//! R-PAP-4: a receipt that disagreed with its envelope or list is settled with the sender
//! (与发文单位核对) within the days the settings give, and stays on the list until it is.

use chrono::{Duration, NaiveDate};

use super::DueItem;
use crate::domain::level::Level;

/// An open mismatch as the due engine sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MismatchFacts {
    pub no: String,
    pub level: Level,
    /// The day it was found.
    pub on: NaiveDate,
    pub note: String,
}

pub fn receipt_check(m: &MismatchFacts, days: i64) -> DueItem {
    DueItem {
        rule: "R-PAP-4",
        kind: "paper",
        subject: m.no.clone(),
        title: format!("与发文单位核对：{}", m.note),
        level: Some(m.level),
        due: m.on + Duration::days(days.max(0)),
        due_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;

    // R-PAP-4: due the set number of days after the mismatch was found.
    #[test]
    fn r_pap_4_check_with_sender_due_after_days() {
        let m = MismatchFacts {
            no: "2026-收-0001".into(),
            level: Level::Secret,
            on: ymd(2026, 11, 20),
            note: "信封标3份，实收2份".into(),
        };
        let i = receipt_check(&m, 7);
        assert_eq!((i.rule, i.due), ("R-PAP-4", ymd(2026, 11, 27)));
        assert!(i.title.starts_with("与发文单位核对"));
    }
}
