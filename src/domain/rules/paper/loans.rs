//! 借阅 (5): an approved loan to a named borrower with a return date (R-PAP-9).

use chrono::NaiveDate;

use super::{Act, ActContext, approved_plan, require, same_paper};
use crate::domain::approval::RequestKind;
use crate::domain::error::{Checked, Refusal};
use crate::domain::paper::{LoanPlan, Paper, Plan};

/// R-PAP-9: a loan needs an approved request for this paper and this borrower, and a return date.
pub(super) fn check_loan(paper: &Paper, act: &Act, ctx: &ActContext<'_>) -> Checked<()> {
    let Plan::Loan(plan) = approved_plan(ctx, RequestKind::Loan)? else {
        return Err(Refusal::rule("R-PAP-9", "所引用的申请不是借阅申请"));
    };
    same_paper(&plan.paper, paper, "R-PAP-9")?;
    if !act.person.trim().is_empty() && act.person.trim() != plan.borrower {
        return Err(Refusal::rule(
            "R-PAP-9",
            format!("批准的借阅人是{}，不是{}", plan.borrower, act.person.trim()),
        ));
    }
    check_loan_plan(plan, act.on)
}

/// R-PAP-9: checked again when the request is filed.
pub fn check_loan_plan(plan: &LoanPlan, today: NaiveDate) -> Checked<()> {
    require(&plan.borrower, "R-PAP-9", "借阅须写明借阅人")?;
    if plan.return_by < today {
        return Err(Refusal::rule("R-PAP-9", "归还日期不能早于借出日期"));
    }
    Ok(())
}
