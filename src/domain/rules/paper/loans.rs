//! 借阅 (5): an approved loan to a named borrower with a return date (R-PAP-9).

use chrono::NaiveDate;

use super::{Act, ActContext, approved_plan, check_in_scope, require, same_paper};
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
    if !act.person.trim().is_empty() && act.person.trim() != plan.borrower {
        return Err(Refusal::rule(
            "R-PAP-9",
            format!("批准的借阅人是{}，不是{}", plan.borrower, act.person.trim()),
        ));
    }
    check_loan_plan(paper, plan, act.on)?;
    check_time_taken(paper, act, "借阅")
}

/// R-PAP-9: checked when the request is filed and again when the paper is lent: a borrower inside
/// the knowledge scope (R-CLS-2), and a return date.
pub fn check_loan_plan(paper: &Paper, plan: &LoanPlan, today: NaiveDate) -> Checked<()> {
    require(&plan.borrower, "R-PAP-9", "借阅须写明借阅人")?;
    check_in_scope(paper, &plan.borrower, "", "R-PAP-9", "借阅")?;
    if plan.return_by < today {
        return Err(Refusal::rule("R-PAP-9", "归还日期不能早于借出日期"));
    }
    Ok(())
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
