//! R-DIS-4: a request for publication (依申请) is answered within 15 working days of the day it
//! was registered, on the working-day calendar (holidays and make-up working days), until the
//! unit leader's decision closes the review.

use super::DueItem;
use super::records::item;
use crate::domain::calendar::Calendar;
use crate::domain::ledgers::Record;
use crate::domain::rules::review::{ANSWER_WORKING_DAYS, awaits_answer};

pub fn review_answer(r: &Record, calendar: &Calendar) -> Option<DueItem> {
    if !awaits_answer(r) {
        return None;
    }
    let (due, _) = calendar.add_working_days(r.registered_on, ANSWER_WORKING_DAYS);
    let mut i = item(r, "R-DIS-4", due, None, "");
    i.title = format!(
        "依申请公开保密审查答复：{}（{}）",
        r.get("title"),
        r.state_label()
    );
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::rules::review::tests::review;

    // R-DIS-4: 15 working days across the Mid-Autumn and National Day holidays (and the make-up
    // Saturday 10 October): registered 24 September 2026, answered by 22 October, not 15 October.
    #[test]
    fn r_dis_4_fifteen_working_days_across_holidays() {
        let mut r = review("依申请");
        r.registered_on = ymd(2026, 9, 24);
        let i = review_answer(&r, &Calendar::builtin()).unwrap();
        assert_eq!(
            (i.rule, i.kind, i.due),
            ("R-DIS-4", "review", ymd(2026, 10, 22))
        );
        assert!(i.title.contains("待经办人拟办"), "{}", i.title);
        let plain = Calendar::default();
        assert_eq!(review_answer(&r, &plain).unwrap().due, ymd(2026, 10, 15));
        r.state = "withheld";
        assert!(
            review_answer(&r, &Calendar::builtin()).is_none(),
            "answered"
        );
        assert!(review_answer(&review("主动"), &Calendar::builtin()).is_none());
    }
}
