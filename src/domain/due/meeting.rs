//! R-MTG-1: a paper issued to a classified meeting comes back at its end. One still out is raised
//! the next day, under the meeting, until it is collected or reported lost (R-INC-1).

use chrono::{Duration, NaiveDate};

use super::DueItem;
use crate::domain::level::Level;

/// A paper out at a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtMeeting {
    /// The meeting's number.
    pub meeting: String,
    pub paper: String,
    pub title: String,
    pub level: Level,
    /// The day it was issued.
    pub since: NaiveDate,
}

pub fn uncollected(a: &AtMeeting) -> DueItem {
    let title: String = a.title.chars().take(40).collect();
    DueItem {
        rule: "R-MTG-1",
        kind: "meeting",
        subject: a.meeting.clone(),
        title: format!("会议分发的 {}「{title}」未收回：收回，或报告遗失", a.paper),
        level: Some(a.level),
        due: a.since + Duration::days(1),
        due_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;

    // R-MTG-1: raised the day after the meeting, under the meeting's number, naming the paper.
    #[test]
    fn r_mtg_1_uncollected_the_next_day() {
        let a = AtMeeting {
            meeting: "2026-会-001".into(),
            paper: "2026-收-0003".into(),
            title: "关于做好保密自查工作的通知".into(),
            level: Level::TopSecret,
            since: ymd(2026, 11, 20),
        };
        let i = uncollected(&a);
        assert_eq!(
            (i.rule, i.kind, i.due),
            ("R-MTG-1", "meeting", ymd(2026, 11, 21))
        );
        assert_eq!(i.subject, "2026-会-001");
        assert!(i.title.contains("2026-收-0003"));
        assert_eq!(i.level, Some(Level::TopSecret));
    }
}
