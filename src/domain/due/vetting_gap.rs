//! R-PER-2, issue 11 existing data: a person registered from existing papers' holders and
//! borrowers has vetting and the responsibility letter 待补; the gap is due from the day the
//! upgrade registered them until the officer records the vetting.

use super::DueItem;
use crate::domain::ledgers::Record;
use crate::domain::rules::person;

pub fn vetting_gap(r: &Record) -> Option<DueItem> {
    if r.spec.key != person::SPEC.key || r.state != "on_post" || !person::awaits_vetting(r) {
        return None;
    }
    Some(DueItem {
        rule: "R-PER-2",
        kind: "person",
        subject: format!("{} {}", r.no, person::name(r)),
        title: format!(
            "{}由已有密件登记，涉密资格审查、保密责任书及部门、涉密等级待补",
            person::name(r)
        ),
        level: None,
        due: r.registered_on,
        due_at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::person::tests::person;

    // R-PER-2: a person registered from existing papers is due for vetting until it is recorded.
    #[test]
    fn r_per_2_vetting_gap_is_due() {
        let mut p = person("RY-004", "李四", "重要");
        assert!(vetting_gap(&p).is_none());
        p.values.insert("vet_result".into(), "待补".into());
        let i = vetting_gap(&p).unwrap();
        assert_eq!((i.rule, i.kind), ("R-PER-2", "person"));
        assert_eq!(i.subject, "RY-004 李四");
        assert_eq!(i.due, p.registered_on);
        p.values.insert("vet_result".into(), "通过".into());
        assert!(vetting_gap(&p).is_none());
    }
}
