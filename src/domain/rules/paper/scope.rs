//! 知悉范围: who may see a paper (R-CLS-2), checked on every act that lets a person see it —
//! circulation, loans, taking out, receiving a copy, a meeting's issue — and the leader's
//! instruction that sets it. The person is handed in as the people register knows them (a
//! `Knower`): the store looks them up, this file only judges.

use super::Act;
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;
use crate::domain::paper::Paper;

/// Scope entries that take in everyone of the unit.
pub const WHOLE_UNIT: [&str; 2] = ["本单位", "全体人员"];

/// A person an act would let see a paper, as the people register has them. `no` is empty for a
/// name the register does not hold: then the name is all there is (and the department the
/// officer typed, if any), as before the register.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Knower {
    pub name: String,
    /// The person number (人员编号), empty when not registered.
    pub no: String,
    pub dept: String,
    /// Recorded as not of the unit (the bureau's staff, a courier): "本单位" does not take them in.
    pub outsider: bool,
    /// R-PER-2: vetted with a passing result and the responsibility letter signed.
    pub cleared: bool,
    /// R-PER-5: still in the classified post (not in or past the cooling-off period).
    pub on_post: bool,
}

impl Knower {
    /// A name the register does not hold, with the department the officer typed.
    pub fn named(name: &str, dept: &str) -> Knower {
        Knower {
            name: name.trim().to_string(),
            dept: dept.trim().to_string(),
            on_post: true,
            ..Knower::default()
        }
    }

    pub fn registered(&self) -> bool {
        !self.no.is_empty()
    }

    /// The same person: the same number, or for unregistered names the same name.
    pub fn same(&self, other: &Knower) -> bool {
        if self.registered() || other.registered() {
            self.no == other.no
        } else {
            self.name == other.name
        }
    }

    /// How a refusal names them: `张伟（财务科）`, `张伟（外部人员）`.
    pub fn label(&self) -> String {
        if self.outsider {
            format!("{}（外部人员）", self.name)
        } else if self.dept.is_empty() {
            self.name.clone()
        } else {
            format!("{}（{}）", self.name, self.dept)
        }
    }
}

/// The register's entry for `query` (a name or a person number) among `people`, or the bare
/// name with the department the officer typed.
pub fn knower(people: &[Knower], query: &str, dept: &str) -> Knower {
    let q = query.trim();
    people
        .iter()
        .find(|k| !q.is_empty() && (k.no == q || k.name == q))
        .cloned()
        .unwrap_or_else(|| Knower::named(q, dept))
}

/// `who` is inside `scope`: named (by name or number), of a named department, or of the unit
/// when the scope is the whole unit (an outsider is not).
pub fn in_scope(scope: &[String], who: &Knower) -> bool {
    scope.iter().any(|s| {
        let s = s.trim();
        s == who.name
            || (who.registered() && s == who.no)
            || (!who.dept.is_empty() && s == who.dept)
            || (WHOLE_UNIT.contains(&s) && !who.outsider)
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

/// `who` sees the paper by `act` now: cleared for its level (R-PER-2, R-PER-5) and inside its
/// scope. A request is checked against the scope only: vetting may end before the act.
pub fn check_may_see(paper: &Paper, who: &Knower, rule: &'static str, act: &str) -> Checked<()> {
    check_scope_set(paper, act)?;
    check_cleared(paper, who, act)?;
    check_in_scope(paper, who, rule, act)
}

/// `who` is inside the paper's scope for `act`, which is set where the level needs one. `rule`
/// is the act's own rule (R-PAP-9 for loans …).
pub fn check_in_scope(paper: &Paper, who: &Knower, rule: &'static str, act: &str) -> Checked<()> {
    check_scope_set(paper, act)?;
    if who.name.is_empty() || paper.scope.is_empty() || in_scope(&paper.scope, who) {
        return Ok(());
    }
    let why = if who.outsider && paper.scope.iter().any(|s| WHOLE_UNIT.contains(&s.trim())) {
        "外部人员不属本单位人员，"
    } else {
        ""
    };
    Err(Refusal::rule(
        rule,
        format!(
            "{}不在 {} 的知悉范围（{}）内，{why}不得{act}；如确需知悉，须经主管领导批示扩大知悉范围",
            who.label(),
            paper.no,
            paper.scope.join("、")
        ),
    ))
}

/// R-PER-2, R-PER-5: a registered member of staff sees a 机密 or 绝密 paper only on post, vetted
/// and pledged. Outsiders and names the register does not hold are not bound by the staff rules.
pub fn check_cleared(paper: &Paper, who: &Knower, act: &str) -> Checked<()> {
    if !who.registered() || who.outsider || paper.level < Level::Secret {
        return Ok(());
    }
    if !who.on_post {
        return Err(Refusal::rule(
            "R-PER-5",
            format!(
                "{}（{}）已离开涉密岗位，不能{act}{}件 {}",
                who.name, who.no, paper.level, paper.no
            ),
        ));
    }
    if !who.cleared {
        return Err(Refusal::rule(
            "R-PER-2",
            format!(
                "{}（{}）尚未完成涉密资格审查并签订保密责任书，不能{act}{}件 {}",
                who.name, who.no, paper.level, paper.no
            ),
        ));
    }
    Ok(())
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
