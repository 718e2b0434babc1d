//! 定密 changes: declassifying a paper, or changing its period or level (R-CLS-7). The unit decides
//! only for what it made, through the leader's approval; for a received paper the change follows
//! the originator's notice.

use chrono::NaiveDate;

use super::{Act, ActContext, approved_plan, require, same_paper};
use crate::domain::approval::RequestKind;
use crate::domain::carrier::{EventKind, next_state};
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;
use crate::domain::paper::{Origin, Paper, Plan, ReviewPlan};

/// What a review decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewResult {
    /// 解密
    Declassify,
    /// 变更期限 (延长 or shortened): the period ends on this day.
    Period(NaiveDate),
    /// 变更密级
    Level(Level),
}

impl ReviewResult {
    /// From what the officer wrote: 解密, 变更期限/延长 with a date, 变更密级 with a level.
    pub fn parse(result: &str, until: Option<NaiveDate>, level: &str) -> Checked<ReviewResult> {
        match result.trim() {
            "解密" => Ok(ReviewResult::Declassify),
            "变更期限" | "延长" | "延长期限" => until
                .map(ReviewResult::Period)
                .ok_or_else(|| Refusal::field("新的保密期限", "变更期限须写明新的到期日期")),
            "变更密级" => Level::parse(level)
                .filter(|l| l.is_state_secret())
                .map(ReviewResult::Level)
                .ok_or_else(|| {
                    Refusal::field("新密级", "变更密级须写明新的密级（绝密、机密、秘密）")
                }),
            other => {
                // The event keeps 变更密级 with its level: 变更密级为秘密.
                if let Some(l) = other.strip_prefix("变更密级为") {
                    return ReviewResult::parse("变更密级", until, l);
                }
                Err(Refusal::field(
                    "审查结论",
                    "请写 解密、变更期限 或 变更密级",
                ))
            }
        }
    }

    /// The register's 审查结论, as the event keeps it.
    pub fn method(self) -> String {
        match self {
            ReviewResult::Declassify => "解密".into(),
            ReviewResult::Period(_) => "变更期限".into(),
            ReviewResult::Level(l) => format!("变更密级为{l}"),
        }
    }

    fn check_on(self, paper: &Paper) -> Checked<()> {
        if !paper.level.is_state_secret() {
            return Err(Refusal::field(
                "审查结论",
                "该载体不是国家秘密，无密级或期限可变更",
            ));
        }
        if let ReviewResult::Level(l) = self
            && l == paper.level
        {
            return Err(Refusal::field("新密级", format!("该密件已是{l}")));
        }
        Ok(())
    }
}

/// The unit decides the marking of what it made (made or compiled here); a received paper, or a
/// copy of one, follows its originator.
pub fn decided_here(paper: &Paper) -> bool {
    matches!(paper.origin, Origin::Made | Origin::Compiled)
}

/// R-CLS-7: a review request is for a paper this unit made, with a reason.
pub fn check_review_plan(paper: &Paper, plan: &ReviewPlan, _today: NaiveDate) -> Checked<()> {
    next_state(Some(paper.state), EventKind::Review)?;
    if !decided_here(paper) {
        return Err(Refusal::rule(
            "R-CLS-7",
            format!(
                "{} 是{}的密件，解密或变更由原制发机关决定：收到其通知后直接登记，并写明通知文号",
                paper.no, paper.originator
            ),
        ));
    }
    ReviewResult::parse(&plan.result, plan.until, &plan.level)?.check_on(paper)?;
    require(&plan.reason, "R-CLS-7", "解密审查须写明理由")
}

/// R-CLS-7: the result of a review. A paper this unit made changes only as the leader approved;
/// any other changes only on the originator's notice, whose reference is recorded.
pub(super) fn check_review(paper: &Paper, act: &Act, ctx: &ActContext<'_>) -> Checked<()> {
    let result = ReviewResult::parse(&act.method, act.due, "")?;
    result.check_on(paper)?;
    if decided_here(paper) {
        let Plan::Review(plan) = approved_plan(ctx, RequestKind::Review, act.on)? else {
            return Err(Refusal::rule("R-CLS-7", "所引用的申请不是解密审查申请"));
        };
        same_paper(&plan.paper, paper, "R-CLS-7")?;
        let approved = ReviewResult::parse(&plan.result, plan.until, &plan.level)?;
        if approved != result {
            return Err(Refusal::rule(
                "R-CLS-7",
                format!("登记的结论须与批准的一致（批准：{}）", approved.method()),
            ));
        }
        Ok(())
    } else {
        require(
            &act.reference,
            "R-CLS-7",
            "收到的密件解密或变更须依原制发机关的通知，请写明通知文号",
        )
    }
}
