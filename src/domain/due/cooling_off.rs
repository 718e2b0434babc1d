//! R-PER-5: a person who left a classified post is in a cooling-off period (脱密期); its end is
//! due, when the officer confirms it (`baomi person release`) and travel abroad needs no more
//! approval as such.

use super::DueItem;
use crate::domain::ledgers::Record;
use crate::domain::rules::person;

pub fn cooling_off(r: &Record) -> Option<DueItem> {
    if r.spec.key != person::SPEC.key || r.state != "cooling_off" {
        return None;
    }
    Some(DueItem {
        rule: "R-PER-5",
        kind: "person",
        subject: format!("{} {}", r.no, person::name(r)),
        title: format!("{}（{}）脱密期届满", person::name(r), r.get("grade")),
        level: None,
        due: r.date("cooling_off_until")?,
        due_at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::rules::person::tests::person;

    // R-PER-5: due on the cooling-off end while it runs; not on post, not once released.
    #[test]
    fn r_per_5_cooling_off_end_is_due() {
        let mut p = person("RY-004", "李四", "重要");
        assert!(cooling_off(&p).is_none());
        p.state = "cooling_off";
        p.values
            .insert("cooling_off_until".into(), "2027-11-20".into());
        let i = cooling_off(&p).unwrap();
        assert_eq!(
            (i.rule, i.kind, i.due),
            ("R-PER-5", "person", ymd(2027, 11, 20))
        );
        assert_eq!(i.subject, "RY-004 李四");
        assert_eq!(i.level, None);
        p.state = "released";
        assert!(cooling_off(&p).is_none());
    }
}
