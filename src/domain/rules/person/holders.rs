//! Issue 11, existing data: holders and borrowers were names before the people register. Each
//! name that reads as a person's becomes a person whose department, grade, vetting and letter are
//! 待补: nothing they did or hold is refused for it, and the gap is on the due list (R-PER-2).

use super::PENDING;
use crate::domain::ledgers::Values;
use crate::domain::text::for_terminal;

/// What a unit, an office or an archive is called: a holder so named is not a person.
const UNIT_ENDINGS: &[&str] = &[
    "局", "室", "办", "部", "科", "处", "委", "院", "厅", "所", "站", "队", "馆", "中心", "公司",
    "单位", "机关", "银行", "分行", "政府",
];

/// The longest name the register takes (its 姓名 field).
const NAME_MAX: usize = 50;

/// The person to register for a holder's or borrower's `name`, if it reads as one person's name:
/// not empty, not a list, not a unit, of sane length and without control characters.
pub fn found_person(name: &str) -> Option<Values> {
    let name = name.trim();
    let n = name.chars().count();
    if n == 0
        || n > NAME_MAX
        || for_terminal(name) != name
        || name.contains(['、', '，', ',', '；', ';', '/', '|', ' '])
        || UNIT_ENDINGS.iter().any(|e| name.ends_with(e))
    {
        return None;
    }
    let mut v = Values::new();
    v.insert("name".into(), name.to_string());
    v.insert("vet_result".into(), PENDING.to_string());
    v.insert(
        "note".into(),
        "由已有密件的持有人、借阅人生成：部门、涉密等级、资格审查和保密责任书待补".to_string(),
    );
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    // R-PER-2, issue 11 existing data: a person's name is taken, marked 待补; units, lists and
    // junk are not people.
    #[test]
    fn r_per_2_holders_that_are_people() {
        let v = found_person(" 张伟 ").unwrap();
        assert_eq!(v.get("name").map(String::as_str), Some("张伟"));
        assert_eq!(v.get("vet_result").map(String::as_str), Some(PENDING));
        for not in ["", "市保密局", "档案室", "张伟、李强", "办公室", "a\u{7}b"] {
            assert!(found_person(not).is_none(), "{not}");
        }
        assert!(found_person(&"张".repeat(51)).is_none());
    }
}
