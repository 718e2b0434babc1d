//! 复印 (9): approval by level, and the copy keeps the original's marks (R-PAP-19, R-PAP-20,
//! R-CLS-4).

use chrono::NaiveDate;

use super::{ActContext, approved_plan, check_copy_count, require, same_paper};
use crate::domain::approval::RequestKind;
use crate::domain::carrier::{EventKind, next_state};
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::{Level, Period};
use crate::domain::paper::{CopyPlan, Paper, Plan};

/// R-PAP-19, R-CLS-4: copying. The copy's level, period and scope are the original's; a plan that
/// asks for anything else is refused.
pub fn check_copy_plan(original: &Paper, plan: &CopyPlan) -> Checked<()> {
    next_state(Some(original.state), EventKind::Copy)?;
    check_copy_count("份数", plan.copies)?;
    require(&plan.purpose, "R-PAP-20", "复印须写明用途")?;
    if original.level == Level::TopSecret {
        require(
            &plan.external_ref,
            "R-PAP-19",
            "绝密件原则上不得复印；确需复印的，须经密级确定机关或其上级机关批准，请写明批准文号",
        )?;
    } else if original.no_copy {
        return Err(Refusal::rule("R-PAP-19", "制发机关不允许复制该密件"));
    }
    Ok(())
}

/// R-CLS-4: what a copy is marked with. Asking for a lower level, another period or another scope
/// is refused.
pub fn check_copy_marking(
    original: &Paper,
    level: Option<Level>,
    period: Option<Period>,
    scope: Option<&[String]>,
) -> Checked<()> {
    if let Some(l) = level
        && l != original.level
    {
        return Err(Refusal::rule(
            "R-CLS-4",
            format!("复印件须保持原件密级{}，不得改为{l}", original.level),
        ));
    }
    if let Some(p) = period
        && Some(p) != original.period
    {
        return Err(Refusal::rule(
            "R-CLS-4",
            format!(
                "复印件须保持原件保密期限{}，不得改为{p}",
                original
                    .period
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "（无）".into())
            ),
        ));
    }
    if let Some(s) = scope
        && s != original.scope.as_slice()
    {
        return Err(Refusal::rule(
            "R-CLS-4",
            "复印件须保持原件的知悉范围，不得改变",
        ));
    }
    Ok(())
}

/// R-PAP-19/R-PAP-20 at execution: approved, same paper, no more copies than approved.
pub fn check_copy(
    original: &Paper,
    copies: i64,
    ctx: &ActContext<'_>,
    on: NaiveDate,
) -> Checked<CopyPlan> {
    let Plan::Copy(plan) = approved_plan(ctx, RequestKind::Copy, on)? else {
        return Err(Refusal::rule("R-PAP-19", "所引用的申请不是复印申请"));
    };
    same_paper(&plan.paper, original, "R-PAP-19")?;
    check_copy_plan(original, plan)?;
    check_copy_count("份数", copies)?;
    if copies > plan.copies {
        return Err(Refusal::rule(
            "R-PAP-19",
            format!("批准复印{}份，不得复印{copies}份", plan.copies),
        ));
    }
    Ok(plan.clone())
}
