//! R-INS-2: every finding of an inspection is rectified by its deadline; an overdue one stays on
//! the list (and is reported) until its follow-up finds it done, whatever became of the
//! inspection. R-INS-4: a bureau check the unit was told of ahead is due on its day.

use super::DueItem;
use crate::domain::dates;
use crate::domain::ledgers::Record;
use crate::domain::rules::inspection::SPEC;
use crate::domain::rules::rectification;

pub fn inspection(r: &Record) -> Vec<DueItem> {
    let mut out = Vec::new();
    if r.spec.key != SPEC.key {
        return out;
    }
    let whose = match r.get("dept") {
        "" => String::new(),
        d => format!("（{d}）"),
    };
    if r.state == "planned" {
        out.push(DueItem {
            rule: "R-INS-4",
            kind: SPEC.key,
            subject: r.no.clone(),
            title: format!(
                "保密局检查{whose}定于 {}：提前一周做好迎检准备",
                dates::iso(r.registered_on)
            ),
            level: r.level,
            due: r.registered_on,
            due_at: None,
        });
    }
    for x in rectification::open(r) {
        if let Some(by) = x.fix_by {
            out.push(DueItem {
                rule: "R-INS-2",
                kind: SPEC.key,
                subject: x.no.clone(),
                title: format!("{}{whose}整改：{}", r.get("kind"), x.text),
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
    use crate::domain::rules::inspection::tests::inspection as record;

    // R-INS-2: a finding is due by its deadline and stays due (overdue) until fixed, archived or
    // not; R-INS-4: a bureau check ahead is due on its day.
    #[test]
    fn r_ins_2_r_ins_4_findings_and_bureau_checks() {
        let mut r = record("自查");
        assert!(inspection(&r).is_empty());
        r.values.insert("rect_count".into(), "1".into());
        r.values.insert("rect1".into(), "柜未上锁".into());
        r.values.insert("rect1_by".into(), "2026-11-30".into());
        r.state = "archived";
        let i = inspection(&r);
        assert_eq!(
            (i[0].rule, i[0].kind, i[0].subject.as_str(), i[0].due),
            ("R-INS-2", "inspection", "JC2026-01-1", ymd(2026, 11, 30))
        );
        r.values.insert("rect1_on".into(), "2026-11-29".into());
        assert!(inspection(&r).is_empty());
        let mut b = record("局检查");
        b.state = "planned";
        b.registered_on = ymd(2026, 12, 4);
        let i = inspection(&b);
        assert_eq!((i[0].rule, i[0].due), ("R-INS-4", ymd(2026, 12, 4)));
    }
}
