//! 携带 (7): taking a paper out with approval, people, place and purpose (R-PAP-11).

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
    Ok(())
}
