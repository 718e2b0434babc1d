//! R-INC-2: an incident is reported to the bureau within 24 hours of the event (counted in hours,
//! `due_at`), followed up within a week of the report, then closed with the closing report (the
//! seed gives that no deadline: due `open_days` after the follow-up). R-INC-5: each measure by its
//! deadline until its follow-up finds it done. One item at a time, so the list shows each in turn.

use chrono::Duration;

use super::DueItem;
use crate::domain::dates;
use crate::domain::ledgers::Record;
use crate::domain::rules::incident::{self, SPEC};
use crate::domain::rules::rectification;

pub fn incident(r: &Record, open_days: i64) -> Vec<DueItem> {
    let mut out = Vec::new();
    if r.spec.key != SPEC.key {
        return out;
    }
    let item = |due, due_at, title: String| DueItem {
        rule: "R-INC-2",
        kind: SPEC.key,
        subject: r.no.clone(),
        title,
        level: r.level,
        due,
        due_at,
    };
    // The step comes first: the list cuts a long title, and the three items of one incident
    // differ only by it.
    let what = r.get("what");
    match r.state {
        "reporting" => {
            if let Some(at) = incident::happened_at(r) {
                let at = at + Duration::hours(24);
                out.push(item(
                    at.date(),
                    Some(at),
                    format!("24小时内上报：{what}（泄露国家秘密事件报告表）"),
                ));
            }
        }
        "reported" => {
            let from = r.date_time("reported_at").map(|t| t.date());
            let from = from.unwrap_or(r.registered_on);
            out.push(item(
                from + Duration::days(7),
                None,
                format!("一周内续报：{what}（上报后续报查处情况）"),
            ));
        }
        "followed" => {
            let from = r.date("followed_on").unwrap_or(r.registered_on);
            out.push(item(
                from + Duration::days(open_days.max(1)),
                None,
                format!("查处结案报告：{what}（结案报告表及材料）"),
            ));
        }
        _ => {}
    }
    for x in rectification::open(r) {
        if let Some(by) = x.fix_by {
            out.push(DueItem {
                rule: "R-INC-5",
                kind: SPEC.key,
                subject: x.no.clone(),
                title: format!("整改措施：{}（{} 起）", x.text, dates::iso(r.registered_on)),
                level: r.level,
                due: by,
                due_at: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::rules::incident::tests::incident as record;

    // R-INC-2: the 24-hour report, then the week's follow-up, then the closing report, in turn.
    #[test]
    fn r_inc_2_each_deadline_in_turn() {
        let mut r = record();
        let i = incident(&r, 7);
        assert_eq!(i.len(), 1);
        assert_eq!((i[0].rule, i[0].kind), ("R-INC-2", "incident"));
        assert_eq!(i[0].due_at, ymd(2026, 11, 21).and_hms_opt(9, 30, 0));
        assert!(i[0].title.starts_with("24小时内上报："), "{}", i[0].title);
        r.state = "reported";
        r.values
            .insert("reported_at".into(), "2026-11-21T08:00".into());
        let i = incident(&r, 7);
        assert_eq!((i[0].due, i[0].due_at), (ymd(2026, 11, 28), None));
        assert!(i[0].title.starts_with("一周内续报："), "{}", i[0].title);
        r.state = "followed";
        r.values.insert("followed_on".into(), "2026-11-25".into());
        assert_eq!(incident(&r, 7)[0].due, ymd(2026, 12, 2));
        assert!(incident(&r, 7)[0].title.starts_with("查处结案报告："));
        r.state = "closed";
        assert!(incident(&r, 7).is_empty());
        // A measure set is followed up even after the case is closed.
        r.values.insert("rect_count".into(), "1".into());
        r.values.insert("rect1".into(), "修订制度".into());
        r.values.insert("rect1_by".into(), "2027-01-31".into());
        assert_eq!(incident(&r, 7)[0].rule, "R-INC-5");
    }

    // R-INC-5: each measure is due by its deadline until its follow-up, then no more.
    #[test]
    fn r_inc_5_measures_by_their_deadlines() {
        let mut r = record();
        r.state = "followed";
        r.values.insert("followed_on".into(), "2026-11-25".into());
        for (k, v) in [
            ("rect_count", "2"),
            ("rect1", "修订介质管理办法"),
            ("rect1_by", "2026-12-31"),
            ("rect2", "全员培训"),
            ("rect2_by", "2026-12-15"),
            ("rect2_on", "2026-12-01"),
        ] {
            r.values.insert(k.into(), v.into());
        }
        let measures: Vec<_> = incident(&r, 7)
            .into_iter()
            .filter(|i| i.rule == "R-INC-5")
            .map(|i| (i.subject, i.due))
            .collect();
        assert_eq!(
            measures,
            vec![("SJ2026-01-1".to_string(), ymd(2026, 12, 31))]
        );
    }
}
