//! 传阅 (4): within the knowledge scope, 绝密 only in the secrecy room (R-PAP-7, R-PAP-8).

use super::{Act, ActContext, check_may_see, knower, require};
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;
use crate::domain::paper::Paper;

/// R-PAP-7, R-PAP-8: circulation within the scope the leader set, and 绝密 only in the secrecy room.
pub(super) fn check_circulate(paper: &Paper, act: &Act, ctx: &ActContext<'_>) -> Checked<()> {
    require(&act.person, "R-PAP-7", "传阅须写明阅读人")?;
    if paper.scope.is_empty() {
        return Err(Refusal::rule(
            "R-PAP-7",
            "该密件尚未由主管领导确定知悉范围，不能传阅",
        ));
    }
    // The department is the register's; the one typed counts for a name it does not hold.
    let reader = knower(ctx.people, &act.person, &act.unit);
    check_may_see(paper, &reader, "R-PAP-7", "传阅")?;
    let reading_rooms = ctx.reading_rooms;
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
