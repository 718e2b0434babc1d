//! 收发 (2): the receive register's columns (R-PAP-3) and sending within the approved
//! distribution (R-PAP-5).

use super::{Act, check_copies, check_transfer, require};
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;
use crate::domain::paper::Paper;
use crate::domain::text::split_list;

/// R-PAP-3: the receive register has every column filled. Number and date are issued by the
/// system; handled-by is the logged-in officer.
pub fn check_receive(title: &str, originator: &str, copies: i64, copy_nos: &str) -> Checked<()> {
    require(title, "R-PAP-3", "收文登记须填写标题")?;
    require(originator, "R-PAP-3", "收文登记须填写来文单位")?;
    check_copies(copies, copy_nos)
}

/// R-PAP-3: a paper received now has its originator in hand; 待补 marks only a gap an imported
/// ledger left, which the due list then chases.
pub fn check_received_in_full(originator: &str) -> Checked<()> {
    if originator.trim() == crate::domain::gap::MARK {
        return Err(Refusal::rule(
            "R-PAP-3",
            "收文登记须填写来文单位；“待补”只用于导入的历史台帐中缺的项",
        ));
    }
    Ok(())
}

/// R-PAP-5: sending stays within the approved distribution.
pub(super) fn check_send(paper: &Paper, act: &Act) -> Checked<()> {
    require(&act.unit, "R-PAP-3", "发文登记须填写收文单位")?;
    if paper.distribution.is_empty() {
        return Err(Refusal::rule(
            "R-PAP-5",
            "该密件没有经批准的发放范围，不能发出",
        ));
    }
    for unit in split_list(&act.unit) {
        if !paper.distribution.iter().any(|d| d == &unit) {
            return Err(Refusal::rule(
                "R-PAP-5",
                format!(
                    "「{unit}」不在批准的发放范围（{}）内",
                    paper.distribution.join("、")
                ),
            ));
        }
    }
    if let Some(n) = act.copies
        && (n <= 0 || n > paper.copies)
    {
        return Err(Refusal::field(
            "发出份数",
            format!("应为 1 到 {} 之间的整数", paper.copies),
        ));
    }
    check_transfer(paper.level, act)?;
    Ok(())
}

/// R-PAP-5: one envelope holding several papers bears the highest level among them.
pub fn envelope_level(levels: impl IntoIterator<Item = Level>) -> Option<Level> {
    levels.into_iter().max()
}

/// R-PAP-4: a receipt whose count, copy numbers, level or addressee disagree with the envelope or
/// the list is recorded with what disagrees, to be settled with the sender.
pub fn check_mismatch(note: &str) -> Checked<()> {
    crate::domain::text::check_text("不符情况", note, crate::domain::text::NOTE_MAX)?;
    require(note, "R-PAP-4", "请写明不符之处，如「信封标3份，实收2份」")
}

/// R-PAP-4: a mismatch is settled on or after the day it was found, with what the sender said.
pub fn check_mismatch_settled(
    note: &str,
    found_on: chrono::NaiveDate,
    on: chrono::NaiveDate,
) -> Checked<()> {
    crate::domain::text::check_text("核对结果", note, crate::domain::text::NOTE_MAX)?;
    require(
        note,
        "R-PAP-4",
        "请写明与发文单位核对的结果（如「来电确认只发2份，已更正」）",
    )?;
    if on < found_on {
        return Err(Refusal::field(
            "日期",
            format!(
                "核对日期不能早于发现不符的日期 {}",
                crate::domain::dates::zh(found_on)
            ),
        ));
    }
    Ok(())
}
