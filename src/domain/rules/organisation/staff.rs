//! R-ORG-6 fed by the people register: a 保密员 taking the post, leaving it, or changing grade or
//! title is a change of the unit's secrecy staff, registered for the report to the city bureau
//! from the people register's own act, so the officer does not type it twice. Of the people
//! register's posts only 保密员 is secrecy staff (协作组 附表: 分管领导, 办公室主任, 保密员, 委员会
//! 成员); the others are recorded in the staff register by hand as before.

use crate::domain::ledgers::{Record, Values};
use crate::domain::rules::person;

/// The people register's post that is secrecy staff.
pub const POST: &str = "保密员";

fn on_post(r: &Record) -> bool {
    r.spec.key == person::SPEC.key && r.state == "on_post" && r.get("role") == POST
}

/// The change (新任, 调离, 职务变动) from `before` (none when just registered) to `after`.
pub fn change_of(before: Option<&Record>, after: &Record) -> Option<&'static str> {
    let was = before.is_some_and(on_post);
    match (was, on_post(after), before) {
        (false, true, _) => Some("新任"),
        (true, false, _) => Some("调离"),
        (true, true, Some(b)) if b.get("grade") != after.get("grade") => Some("职务变动"),
        (true, true, Some(b)) if b.get("title") != after.get("title") => Some("职务变动"),
        _ => None,
    }
}

/// The staff change's values for `after`, saying which act of the people register made it.
pub fn values(after: &Record, change: &str, act: &str) -> Values {
    let mut v = Values::new();
    v.insert("name".into(), person::name(after).to_string());
    v.insert("post".into(), POST.into());
    v.insert("change".into(), change.into());
    for key in ["title", "phone"] {
        if !after.get(key).is_empty() {
            v.insert(key.into(), after.get(key).to_string());
        }
    }
    v.insert(
        "note".into(),
        format!("由涉密人员 {} 的「{act}」自动登记（R-ORG-6）", after.no),
    );
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;

    fn person(state: &'static str, pairs: &[(&str, &str)]) -> Record {
        Record {
            id: 1,
            spec: &person::SPEC,
            no: "RY-006".into(),
            state,
            level: None,
            keeper: String::new(),
            holder: String::new(),
            registered_on: ymd(2026, 11, 20),
            checked_on: None,
            values: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    // R-ORG-6: a 保密员 registered is 新任; a grade or title changed is 职务变动; leaving the post
    // or the unit is 调离; a typist's changes are not secrecy staff's.
    #[test]
    fn r_org_6_the_people_register_makes_the_staff_changes() {
        let officer = person(
            "on_post",
            &[("name", "周敏"), ("role", "保密员"), ("grade", "重要")],
        );
        assert_eq!(change_of(None, &officer), Some("新任"));
        let v = values(&officer, "新任", "登记");
        assert_eq!(v["post"], "保密员");
        assert!(v["note"].contains("RY-006"), "{v:?}");
        let mut promoted = officer.clone();
        promoted.values.insert("grade".into(), "核心".into());
        assert_eq!(change_of(Some(&officer), &promoted), Some("职务变动"));
        let mut moved = officer.clone();
        moved.values.insert("role".into(), "打字员".into());
        assert_eq!(change_of(Some(&officer), &moved), Some("调离"));
        let mut left = officer.clone();
        left.state = "cooling_off";
        assert_eq!(change_of(Some(&officer), &left), Some("调离"));
        assert_eq!(change_of(Some(&moved), &officer), Some("新任"));
        assert_eq!(change_of(Some(&officer), &officer), None);
        let typist = person("on_post", &[("name", "黄敏"), ("role", "打字员")]);
        assert_eq!(change_of(None, &typist), None);
        let mut typist2 = typist.clone();
        typist2.state = "cooling_off";
        assert_eq!(change_of(Some(&typist), &typist2), None);
    }
}
