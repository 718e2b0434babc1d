//! 借阅 (5): an approved loan to a named borrower with a return date (R-PAP-9).

use chrono::NaiveDate;

use super::{
    Act, ActContext, Knower, approved_plan, check_cleared, check_in_scope, knower, require,
    same_paper,
};
use crate::domain::approval::RequestKind;
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;
use crate::domain::paper::{LoanPlan, Paper, Plan};

/// R-PAP-9: a loan needs an approved request for this paper and this borrower, and a return date.
pub(super) fn check_loan(paper: &Paper, act: &Act, ctx: &ActContext<'_>) -> Checked<()> {
    let Plan::Loan(plan) = approved_plan(ctx, RequestKind::Loan, act.on)? else {
        return Err(Refusal::rule("R-PAP-9", "所引用的申请不是借阅申请"));
    };
    same_paper(&plan.paper, paper, "R-PAP-9")?;
    let borrower = knower(ctx.people, &plan.borrower, "");
    if !act.person.trim().is_empty() && !knower(ctx.people, &act.person, "").same(&borrower) {
        return Err(Refusal::rule(
            "R-PAP-9",
            format!("批准的借阅人是{}，不是{}", plan.borrower, act.person.trim()),
        ));
    }
    check_loan_plan(paper, plan, &borrower, act.on)?;
    check_cleared(paper, &borrower, "借阅")?;
    check_time_taken(paper, act, "借阅")
}

/// R-PAP-9: checked when the request is filed and again when the paper is lent: a borrower inside
/// the knowledge scope (R-CLS-2) and a return date. `borrower` is the plan's borrower as the
/// people register has them (cleared for the paper when it is lent, R-PER-2).
pub fn check_loan_plan(
    paper: &Paper,
    plan: &LoanPlan,
    borrower: &Knower,
    today: NaiveDate,
) -> Checked<()> {
    require(&plan.borrower, "R-PAP-9", "借阅须写明借阅人")?;
    check_in_scope(paper, borrower, "R-PAP-9", "借阅")?;
    if plan.return_by < today {
        return Err(Refusal::rule("R-PAP-9", "归还日期不能早于借出日期"));
    }
    Ok(())
}

/// R-PER-2, R-PER-5: a loan may be requested for someone not yet vetted and pledged (they may be
/// before the paper is lent, when the act checks it), but the officer is told so when filing, not
/// first when the lending is refused.
pub fn loan_reminder(paper: &Paper, borrower: &Knower) -> Option<String> {
    match check_cleared(paper, borrower, "借阅") {
        Err(Refusal::Rule { id, message }) => Some(format!("注意：现在{message}（{id}）")),
        _ => None,
    }
}

/// R-PAP-8: whoever takes a 绝密 paper is recorded with the time taken.
pub(super) fn check_time_taken(paper: &Paper, act: &Act, what: &str) -> Checked<()> {
    if paper.level == Level::TopSecret && act.at.trim().is_empty() {
        return Err(Refusal::rule(
            "R-PAP-8",
            format!("绝密件{what}须记录签领时间（如 09:30），列入知悉人员记录"),
        ));
    }
    Ok(())
}
