//! 携带 (7): taking a paper out with approval, people, place and purpose (R-PAP-11); abroad with
//! an exit permit and never at 绝密 (R-PAP-27); to a foreign-affairs activity never at 绝密
//! (R-PAP-28).

use chrono::NaiveDate;

use super::{Act, ActContext, approved_plan, require, same_paper};
use crate::domain::approval::RequestKind;
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;
use crate::domain::paper::{Paper, Plan, TakeOutPlan};

/// R-PAP-11: take-out needs an approved request; 绝密 needs two people.
pub(super) fn check_take_out(paper: &Paper, act: &Act, ctx: &ActContext<'_>) -> Checked<()> {
    let Plan::TakeOut(plan) = approved_plan(ctx, RequestKind::TakeOut, act.on)? else {
        return Err(Refusal::rule("R-PAP-11", "所引用的申请不是携带外出申请"));
    };
    same_paper(&plan.paper, paper, "R-PAP-11")?;
    check_take_out_plan(plan, paper.level, act.on)
}

/// R-PAP-11: checked when the request is filed and again when the paper leaves.
pub fn check_take_out_plan(plan: &TakeOutPlan, level: Level, today: NaiveDate) -> Checked<()> {
    let people: std::collections::BTreeSet<&str> = plan
        .persons
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if people.is_empty() {
        return Err(Refusal::rule("R-PAP-11", "携带外出须写明携带人"));
    }
    if level == Level::TopSecret && people.len() < 2 {
        return Err(Refusal::rule("R-PAP-11", "携带绝密件外出须有二人以上同行"));
    }
    require(&plan.place, "R-PAP-11", "携带外出须写明去往地点")?;
    require(
        &plan.purpose,
        "R-PAP-11",
        "携带外出须写明工作事由，严禁携带密件去与工作无关的场所",
    )?;
    if plan.return_by < today {
        return Err(Refusal::rule("R-PAP-11", "预计带回日期不能早于外出日期"));
    }
    check_abroad(plan, level)
}

/// R-PAP-27: never abroad at 绝密; 机密 and 秘密 only with the leader's approval (the request) and
/// the bureau's exit permit, whose reference is recorded. R-PAP-28: to a foreign-affairs activity
/// only with the leader's approval, never at 绝密.
fn check_abroad(plan: &TakeOutPlan, level: Level) -> Checked<()> {
    if plan.abroad {
        if level == Level::TopSecret {
            return Err(Refusal::rule("R-PAP-27", "严禁携带绝密件出境"));
        }
        require(
            &plan.exit_permit,
            "R-PAP-27",
            &format!(
                "携带{level}件出境须经单位领导同意并由保密行政管理部门批准，请写明《国家秘密载体出境许可证》编号"
            ),
        )?;
    }
    if plan.foreign_affairs && level == Level::TopSecret {
        return Err(Refusal::rule("R-PAP-28", "禁止携带绝密件参加涉外活动"));
    }
    Ok(())
}
