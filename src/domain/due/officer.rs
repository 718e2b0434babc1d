//! R-PER-6: an officer on post without the certificate (持证上岗) is due to get one, a week after
//! registration (the unit's deadline for a duty the seed gives none). R-PER-8: an officer away
//! from the post shows who stands in, due on the day they are to be back (a week on when open).
//! R-PER-4: a trip abroad not recorded as returned is due on its return day.

use chrono::Duration;

use super::DueItem;
use crate::domain::ledgers::Record;
use crate::domain::rules::person::{self, officer};

fn item(r: &Record, rule: &'static str, due: chrono::NaiveDate, title: String) -> DueItem {
    DueItem {
        rule,
        kind: "person",
        subject: format!("{} {}", r.no, person::name(r)),
        title,
        level: None,
        due,
        due_at: None,
    }
}

pub fn officer(r: &Record, open_days: i64) -> Vec<DueItem> {
    let mut out = Vec::new();
    if r.spec.key != person::SPEC.key || !r.held() {
        return out;
    }
    let name = person::name(r);
    if officer::is_officer(r) && r.state == "on_post" && r.get("cert_no").is_empty() {
        out.push(item(
            r,
            "R-PER-6",
            r.registered_on + Duration::days(open_days),
            format!("保密员{name}尚未取得上岗资格证书（持证上岗）"),
        ));
    }
    let to = r.get("away_to");
    if !to.is_empty() {
        let due = r
            .date("away_until")
            .or_else(|| r.date("away_from").map(|d| d + Duration::days(open_days)))
            .unwrap_or(r.registered_on);
        out.push(item(
            r,
            "R-PER-8",
            due,
            format!(
                "保密员{name}暂时离岗，由{to}接替；{}返岗后登记",
                match r.get("away_until") {
                    "" => "未定返岗日期，".to_string(),
                    u => format!("预计 {u} "),
                }
            ),
        ));
    }
    let abroad = r.get("abroad_to");
    if !abroad.is_empty()
        && let Some(due) = r.date("abroad_until")
    {
        out.push(item(
            r,
            "R-PER-4",
            due,
            format!(
                "{name}因私出国（境）赴{abroad}，应于 {} 返回，返回后登记",
                r.get("abroad_until")
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::rules::person::tests::person;

    // R-PER-6: an officer without a certificate is due a week after registration; not once
    // certified, not a typist.
    #[test]
    fn r_per_6_uncertified_officer_is_due() {
        let mut p = person("RY-001", "李强", "核心");
        assert!(officer(&p, 7).is_empty());
        p.values.insert("role".into(), "保密员".into());
        let i = &officer(&p, 7)[0];
        assert_eq!(
            (i.rule, i.kind, i.due),
            ("R-PER-6", "person", ymd(2026, 1, 12))
        );
        p.values.insert("cert_no".into(), "粤保证2026-18".into());
        assert!(officer(&p, 7).is_empty());
    }

    // R-PER-8: an absence shows who stands in and is due when the officer is to be back.
    #[test]
    fn r_per_8_absence_names_the_stand_in() {
        let mut p = person("RY-001", "李强", "核心");
        p.values.insert("role".into(), "保密员".into());
        p.values.insert("cert_no".into(), "证-1".into());
        p.values.insert("away_to".into(), "赵敏".into());
        p.values.insert("away_from".into(), "2026-11-20".into());
        p.values.insert("away_until".into(), "2026-11-25".into());
        let i = &officer(&p, 7)[0];
        assert_eq!((i.rule, i.due), ("R-PER-8", ymd(2026, 11, 25)));
        assert!(i.title.contains("由赵敏接替"), "{}", i.title);
        p.values.insert("away_until".into(), String::new());
        assert_eq!(officer(&p, 7)[0].due, ymd(2026, 11, 27));
        p.values.insert("away_to".into(), String::new());
        assert!(officer(&p, 7).is_empty());
    }

    // R-PER-4: a trip not recorded as returned is due on its return day.
    #[test]
    fn r_per_4_trip_not_returned_is_due() {
        let mut p = person("RY-002", "张伟", "重要");
        p.values.insert("abroad_to".into(), "新加坡".into());
        p.values.insert("abroad_until".into(), "2026-12-10".into());
        let i = &officer(&p, 7)[0];
        assert_eq!((i.rule, i.due), ("R-PER-4", ymd(2026, 12, 10)));
    }
}
