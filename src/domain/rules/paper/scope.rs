//! 知悉范围: who may see a paper (R-CLS-2), checked on every act that lets a person see it —
//! circulation, loans, taking out, receiving a copy — and the leader's instruction that sets it.

use super::Act;
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;
use crate::domain::paper::Paper;

/// Scope entries that take in everyone of the unit.
pub const WHOLE_UNIT: [&str; 2] = ["本单位", "全体人员"];

/// `person` (of department `dept`, when known) is inside `scope`: named, of a named department, or
/// the whole unit.
pub fn in_scope(scope: &[String], person: &str, dept: &str) -> bool {
    let (person, dept) = (person.trim(), dept.trim());
    scope.iter().any(|s| {
        let s = s.trim();
        s == person || (!dept.is_empty() && s == dept) || WHOLE_UNIT.contains(&s)
    })
}

/// R-CLS-2: a 机密 or 绝密 paper has a knowledge scope before anyone but the officer sees it.
pub fn check_scope_set(paper: &Paper, act: &str) -> Checked<()> {
    if paper.scope.is_empty() && paper.level >= Level::Secret {
        return Err(Refusal::rule(
            "R-CLS-2",
            format!(
                "{} 是{}件，尚未确定知悉范围，不能{act}：请按来文的分发范围或主管领导的批示先确定知悉范围",
                paper.no, paper.level
            ),
        ));
    }
    Ok(())
}

/// `person` may see the paper by `act`: the scope is set where the level needs one, and the person
/// is inside it. `rule` is the act's own rule (R-PAP-9 for loans …).
pub fn check_in_scope(
    paper: &Paper,
    person: &str,
    dept: &str,
    rule: &'static str,
    act: &str,
) -> Checked<()> {
    check_scope_set(paper, act)?;
    let person = person.trim();
    if person.is_empty() || paper.scope.is_empty() || in_scope(&paper.scope, person, dept) {
        return Ok(());
    }
    Err(Refusal::rule(
        rule,
        format!(
            "{person}不在 {} 的知悉范围（{}）内，不得{act}；如确需知悉，须经主管领导批示扩大知悉范围",
            paper.no,
            paper.scope.join("、")
        ),
    ))
}

/// R-CLS-2: the scope set by instruction names who may know, and the leader who instructed
/// (one of `leaders`, when the unit has registered any).
pub(super) fn check_set_scope(act: &Act, leaders: &[String]) -> Checked<()> {
    if act.persons.iter().all(|p| p.trim().is_empty()) {
        return Err(Refusal::rule(
            "R-CLS-2",
            "请写明知悉范围（人名或部门，用顿号分隔）",
        ));
    }
    let by = act.person.trim();
    if by.is_empty() {
        return Err(Refusal::rule(
            "R-CLS-2",
            "知悉范围由主管领导批示确定，请写明批示的领导",
        ));
    }
    if !leaders.is_empty() && !leaders.iter().any(|l| l == by) {
        return Err(Refusal::rule(
            "R-CLS-2",
            format!(
                "「{by}」不是本单位的主管领导；知悉范围由主管领导批示确定：{}",
                leaders.join("、")
            ),
        ));
    }
    Ok(())
}
