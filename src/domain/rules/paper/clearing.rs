//! 清退 (8): returns to the originator, extensions, hand-overs, and nobody leaving with papers
//! (R-PAP-14 to R-PAP-18).

use chrono::NaiveDate;

use super::{Act, ActContext, approved_plan, require, same_paper};
use crate::domain::approval::RequestKind;
use crate::domain::carrier::{EventKind, next_state};
use crate::domain::dates::{ymd, zh};
use crate::domain::error::{Checked, Refusal};
use crate::domain::paper::{ExtendPlan, Paper, Plan};

/// R-PAP-16: returns go to the originator unless the bureau says otherwise, with who received it.
pub(super) fn check_return(paper: &Paper, act: &Act) -> Checked<()> {
    require(&act.person, "R-PAP-16", "清退须登记对方签收人")?;
    let to = act.unit.trim();
    if !to.is_empty() && to != paper.originator && act.reference.trim().is_empty() {
        return Err(Refusal::rule(
            "R-PAP-16",
            format!(
                "密件应退回原制发机关（{}）；退往「{to}」须注明保密行政管理部门的意见",
                paper.originator
            ),
        ));
    }
    Ok(())
}

/// R-PAP-14: the latest day an extension may run to: the clearing it postpones (31 March after the
/// paper's year, or the end of an earlier extension, or today if that has passed) plus
/// `max_years` (the setting 延长使用最长).
pub fn extension_limit(paper: &Paper, today: NaiveDate, max_years: i64) -> NaiveDate {
    let clearing = paper
        .extended_until
        .unwrap_or_else(|| ymd(paper.year + 1, 3, 31))
        .max(today);
    let years = u32::try_from(max_years.clamp(0, 5)).unwrap_or(1);
    clearing
        .checked_add_months(chrono::Months::new(12 * years))
        .unwrap_or(clearing)
}

/// R-PAP-14: an extension is asked of the leader with its end date, and the originator is told.
pub fn check_extend_plan(
    paper: &Paper,
    plan: &ExtendPlan,
    today: NaiveDate,
    max_years: i64,
) -> Checked<()> {
    next_state(Some(paper.state), EventKind::Extend)?;
    require(
        &plan.told,
        "R-PAP-14",
        "延长使用须向发文机关说明情况，请写明告知的函件或记录",
    )?;
    if plan.until <= today {
        return Err(Refusal::field("延长至", "应晚于今天"));
    }
    let limit = extension_limit(paper, today, max_years);
    if plan.until > limit {
        return Err(Refusal::rule(
            "R-PAP-14",
            format!(
                "延长使用最晚到{}（清退期限后{max_years}年，见设置“延长使用最长”），不能延长到{}",
                zh(limit),
                zh(plan.until)
            ),
        ));
    }
    Ok(())
}

/// R-PAP-14: an extension carries out an approved request for this paper; its date and the
/// originator's notice are the approved ones.
pub(super) fn check_extend(paper: &Paper, act: &Act, ctx: &ActContext<'_>) -> Checked<()> {
    let Plan::Extend(plan) = approved_plan(ctx, RequestKind::Extend, act.on)? else {
        return Err(Refusal::rule("R-PAP-14", "所引用的申请不是延长使用申请"));
    };
    same_paper(&plan.paper, paper, "R-PAP-14")?;
    require(
        &act.reference,
        "R-PAP-14",
        "延长使用须向发文机关说明情况并办理手续，请写明告知的函件或记录",
    )?;
    if act.due != Some(plan.until) {
        return Err(Refusal::rule(
            "R-PAP-14",
            format!("批准延长至{}，登记的日期须与批准的一致", zh(plan.until)),
        ));
    }
    if plan.until <= act.on {
        return Err(Refusal::field("延长至", "应晚于办理日期"));
    }
    Ok(())
}

/// R-PAP-18: a hand-over names the receiving unit and both signatures.
pub(super) fn check_hand_over(act: &Act) -> Checked<()> {
    require(&act.unit, "R-PAP-18", "移交须写明接收单位")?;
    require(&act.person, "R-PAP-18", "移交须写明接收人（签收）")?;
    Ok(())
}

/// R-PAP-17: nobody leaves a post while holding papers. `held` is what the person holds.
pub fn check_departure(person: &str, held: &[&Paper]) -> Checked<()> {
    if held.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = held
        .iter()
        .take(5)
        .map(|p| format!("{}《{}》", p.no, p.title))
        .collect();
    Err(Refusal::rule(
        "R-PAP-17",
        format!(
            "{person}仍持有{}件密件（{}{}），须全部清退、移交后才能离岗",
            held.len(),
            list.join("、"),
            if held.len() > 5 { "等" } else { "" }
        ),
    ))
}
