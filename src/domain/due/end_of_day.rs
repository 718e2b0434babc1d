//! R-PAP-10: papers are back in the cabinet when staff leave for the day. A paper handed out for
//! the day (a circulation has no return date, so it is for the day) and not back by the end of
//! that day is overdue from the next morning. A loan for the day (its return date the day it was
//! lent) is overdue the next morning by its own item (R-PAP-9, `loan_return`).

use chrono::NaiveDate;

use super::DueItem;
use crate::domain::carrier::PaperState;
use crate::domain::level::Level;

/// A paper out of the cabinet for the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFacts {
    pub no: String,
    pub title: String,
    pub level: Level,
    pub state: PaperState,
    /// The day it went out.
    pub since: NaiveDate,
    /// Who has it.
    pub holder: String,
}

/// Nothing while the working day it went out lasts; from the next morning on, an item due that
/// day, so overdue.
pub fn end_of_day(o: &OutFacts, as_of: NaiveDate) -> Option<DueItem> {
    if o.state != PaperState::Circulating || as_of <= o.since {
        return None;
    }
    Some(DueItem {
        rule: "R-PAP-10",
        kind: "paper",
        subject: o.no.clone(),
        title: format!("{}（传阅未交回：{}）", o.title, o.holder),
        level: Some(o.level),
        due: o.since,
        due_at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::due::{DueState, place};

    fn out(since: NaiveDate) -> OutFacts {
        OutFacts {
            no: "2026-收-0005".into(),
            title: "关于做好保密自查工作的通知".into(),
            level: Level::Secret,
            state: PaperState::Circulating,
            since,
            holder: "黄敏".into(),
        }
    }

    // R-PAP-10: circulated on Friday and not back: nothing on Friday, overdue on Monday morning
    // (and on the weekend between).
    #[test]
    fn r_pap_10_not_back_by_end_of_day_is_overdue_next_morning() {
        let friday = ymd(2026, 11, 27);
        let o = out(friday);
        assert!(end_of_day(&o, friday).is_none());
        let monday = ymd(2026, 11, 30);
        let item = end_of_day(&o, monday).unwrap();
        assert_eq!((item.rule, item.due), ("R-PAP-10", friday));
        assert_eq!(place(item, monday, 7).state, DueState::Overdue);
        let mut back = o.clone();
        back.state = PaperState::InStock;
        assert!(end_of_day(&back, monday).is_none());
    }
}
