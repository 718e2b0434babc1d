//! 清退 (8): returns to the originator, extensions, hand-overs, and nobody leaving with papers
//! (R-PAP-14 to R-PAP-18).

use super::{Act, require};
use crate::domain::error::{Checked, Refusal};
use crate::domain::paper::Paper;

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

/// R-PAP-14: an extension of use is reported to the originator.
pub(super) fn check_extend(act: &Act) -> Checked<()> {
    require(
        &act.reference,
        "R-PAP-14",
        "延长使用须向发文机关说明情况并办理手续，请写明告知的函件或记录",
    )?;
    if let Some(until) = act.due
        && until <= act.on
    {
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
