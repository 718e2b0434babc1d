//! 传阅 (4): within the knowledge scope, 绝密 only in the secrecy room (R-PAP-7, R-PAP-8).

use super::{Act, require};
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;
use crate::domain::paper::Paper;

/// R-PAP-7, R-PAP-8: circulation within the scope the leader set, and 绝密 only in the secrecy room.
pub(super) fn check_circulate(paper: &Paper, act: &Act, reading_rooms: &[String]) -> Checked<()> {
    require(&act.person, "R-PAP-7", "传阅须写明阅读人")?;
    if paper.scope.is_empty() {
        return Err(Refusal::rule(
            "R-PAP-7",
            "该密件尚未由主管领导确定知悉范围，不能传阅",
        ));
    }
    let reader = act.person.trim();
    let dept = act.unit.trim();
    let in_scope = paper
        .scope
        .iter()
        .any(|s| s == reader || (!dept.is_empty() && s == dept));
    if !in_scope {
        return Err(Refusal::rule(
            "R-PAP-7",
            format!(
                "{reader}{}不在知悉范围（{}）内，不得扩大知悉范围",
                if dept.is_empty() {
                    String::new()
                } else {
                    format!("（{dept}）")
                },
                paper.scope.join("、")
            ),
        ));
    }
    if paper.level == Level::TopSecret {
        let place = act.place.trim();
        if !reading_rooms.iter().any(|r| r == place) {
            return Err(Refusal::rule(
                "R-PAP-8",
                format!(
                    "绝密件只能在{}阅读，请写明阅读地点",
                    if reading_rooms.is_empty() {
                        "保密室或批准的阅文室".to_string()
                    } else {
                        reading_rooms.join("或")
                    }
                ),
            ));
        }
        if act.at.trim().is_empty() {
            return Err(Refusal::rule(
                "R-PAP-8",
                "绝密件传阅须记录签领时间（如 09:30）",
            ));
        }
    }
    Ok(())
}
