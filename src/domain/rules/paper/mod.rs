//! The guard rules for paper carriers (R-PAP-*, R-CLS-3 to R-CLS-7), one file per stage in the
//! seed's own order (制作, 收发, 传递, 传阅, 借阅, 携带, 清退, 复印, 汇编, 销毁). Each function checks one
//! act against the rules and says which rule refuses; nothing here writes anything.

use chrono::NaiveDate;

use crate::domain::approval::{Granted, RequestKind};
use crate::domain::carrier::{EventKind, PaperState, next_state};
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;
use crate::domain::paper::{Paper, Plan};
use crate::domain::text::split_list;

mod circulation;
mod clearing;
mod compiling;
mod copying;
mod destruction;
mod loans;
mod making;
mod receiving;
mod review;
mod scope;
#[cfg(test)]
mod scope_tests;
mod taking_out;
#[cfg(test)]
mod tests;
mod transfer;

use circulation::check_circulate;
pub use clearing::*;
pub use compiling::*;
pub use copying::*;
pub use destruction::*;
pub use loans::*;
pub use making::*;
pub use receiving::*;
pub use review::*;
pub use scope::*;
pub use taking_out::*;
pub use transfer::*;

/// What the officer filled in for one act on a paper. The same fields are the columns of the event
/// row, so the registers are views over them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Act {
    pub on: NaiveDate,
    /// Time of day, `14:30`, where the register asks for it (R-PAP-8).
    pub at: String,
    /// The reader, borrower, receiver or the person it concerns.
    pub person: String,
    /// Escorts, companions, destroyers or supervisors, by name.
    pub persons: Vec<String>,
    /// The other unit: recipient, originator returned to.
    pub unit: String,
    pub channel: String,
    pub place: String,
    pub method: String,
    /// Return by (loan, take-out) or extended until.
    pub due: Option<NaiveDate>,
    /// An approval form, an originator's letter, a bureau's notice.
    pub reference: String,
    pub note: String,
    pub copies: Option<i64>,
}

impl Act {
    /// Issue 8 point 12: every text of the act is free of control characters and of sane length.
    pub fn check_text(&self) -> Checked<()> {
        use crate::domain::text::{LIST_MAX, NOTE_MAX, TEXT_MAX, check_text};
        for (field, value, max) in [
            ("时间", &self.at, TEXT_MAX),
            ("人员", &self.person, TEXT_MAX),
            ("单位", &self.unit, TEXT_MAX),
            ("传递方式", &self.channel, TEXT_MAX),
            ("地点", &self.place, TEXT_MAX),
            ("方式", &self.method, TEXT_MAX),
            ("依据", &self.reference, TEXT_MAX),
            ("说明", &self.note, NOTE_MAX),
        ] {
            check_text(field, value, max)?;
        }
        for p in &self.persons {
            check_text("人员", p, TEXT_MAX)?;
        }
        check_text("人员", &self.persons.join("、"), LIST_MAX)
    }
}

/// The facts around an act that are not on the paper: the approved request, the unit's settings.
#[derive(Debug, Clone, Default)]
pub struct ActContext<'a> {
    /// The request this act carries out, as decided.
    pub request: Option<Granted<'a>>,
    /// Approved rooms for reading 绝密 (R-PAP-8).
    pub reading_rooms: &'a [String],
    /// Display names of the unit's officers (R-PAP-23).
    pub officers: &'a [String],
    /// Display names of the unit's leaders (R-CLS-2: who instructs a scope).
    pub leaders: &'a [String],
    /// The people register's entries for the persons the act names (R-CLS-2, R-PER-2); a name
    /// not among them is not registered.
    pub people: &'a [Knower],
}

/// Checks an act on `paper` against the state machine and the rule for that act, and returns the
/// state the paper will be in.
pub fn check_event(
    paper: &Paper,
    kind: EventKind,
    act: &Act,
    ctx: &ActContext<'_>,
) -> Checked<PaperState> {
    let next = next_state(Some(paper.state), kind)?;
    act.check_text()?;
    if act.on < paper.registered_on {
        return Err(Refusal::field(
            "日期",
            format!(
                "{}早于该密件的登记日期 {}",
                crate::domain::dates::zh(act.on),
                crate::domain::dates::zh(paper.registered_on)
            ),
        ));
    }
    match kind {
        EventKind::Transfer => check_transfer(paper.level, act).map(|_| ()),
        EventKind::Send => check_send(paper, act),
        EventKind::Circulate => check_circulate(paper, act, ctx),
        EventKind::Loan => check_loan(paper, act, ctx),
        EventKind::TakeOut => {
            check_take_out(paper, act, ctx)?;
            // Those who carry it see it (R-CLS-2), and for 绝密 the time is recorded (R-PAP-8).
            for person in &act.persons {
                let who = knower(ctx.people, person, "");
                check_may_see(paper, &who, "R-CLS-2", "携带外出")?;
            }
            loans::check_time_taken(paper, act, "携带外出")
        }
        EventKind::Return => check_return(paper, act),
        EventKind::Extend => check_extend(paper, act, ctx),
        EventKind::HandOver => check_hand_over(act),
        EventKind::Destroy => check_destroy(paper, act, ctx),
        EventKind::Review => check_review(paper, act, ctx),
        EventKind::Lost => require(
            &act.note,
            "R-INC-1",
            "报告遗失须写明经过（时间、地点、情况）",
        ),
        EventKind::Scope => scope::check_set_scope(act, ctx.leaders),
        // Receiving a copy lets the receiver see it (R-CLS-2).
        EventKind::Copy => check_may_see(
            paper,
            &knower(ctx.people, &act.person, ""),
            "R-CLS-2",
            "领取复印件",
        ),
        EventKind::CirculateBack | EventKind::LoanBack | EventKind::TakeBack => Ok(()),
        _ => Ok(()),
    }?;
    Ok(next)
}

fn require(value: &str, rule: &'static str, msg: &str) -> Checked<()> {
    if value.trim().is_empty() {
        Err(Refusal::rule(rule, msg))
    } else {
        Ok(())
    }
}

/// R-SYS-1, R-CMP-4: the unit's passwords are as strong as its highest level requires; a paper
/// above that level would sit behind passwords too weak for it.
pub fn check_within_unit_level(level: Level, highest: Level) -> Checked<()> {
    if level > highest {
        return Err(Refusal::rule(
            "R-SYS-1",
            format!(
                "本单位最高密级设置为{highest}，不能登记{level}件。如本单位确需保管{level}载体，请先在设置中把“本单位最高密级”改为{level}（口令强度随之提高，R-CMP-4）"
            ),
        ));
    }
    Ok(())
}

/// The most copies of one paper a register line may count.
pub const COPIES_MAX: i64 = 9999;

/// A number of copies is 1 to 9,999: a ledger line never counts more, and a larger number is a
/// typing slip (or an overflow waiting to happen).
pub fn check_copy_count(field: &str, copies: i64) -> Checked<()> {
    if copies < 1 {
        Err(Refusal::field(
            field,
            format!("应为正整数（1 到 {COPIES_MAX}）"),
        ))
    } else if copies > COPIES_MAX {
        Err(Refusal::field(
            field,
            format!("{copies} 太大，最多 {COPIES_MAX} 份"),
        ))
    } else {
        Ok(())
    }
}

/// Copies are counted; copy numbers, when given, are as many as the copies.
pub fn check_copies(copies: i64, copy_nos: &str) -> Checked<()> {
    check_copy_count("份数", copies)?;
    let nos = split_list(copy_nos);
    if !nos.is_empty() && nos.len() as i64 != copies {
        return Err(Refusal::rule(
            "R-PAP-4",
            format!(
                "份号有{}个（{}），与份数{copies}不符",
                nos.len(),
                nos.join("、")
            ),
        ));
    }
    Ok(())
}

/// The plan of an approved request of `kind`, or the rule that puts `kind` in the queue.
/// Carried out `on` that day: after the decision and before the approval lapses.
fn approved_plan<'a>(ctx: &ActContext<'a>, kind: RequestKind, on: NaiveDate) -> Checked<&'a Plan> {
    match ctx.request {
        None => Err(Refusal::rule(
            kind.rule(),
            format!("{}须经批准，请先提交申请并经审批", kind.name()),
        )),
        Some(granted) => {
            let plan = granted.plan;
            if plan.kind() != kind {
                return Err(Refusal::rule(
                    kind.rule(),
                    format!(
                        "所引用的是{}申请，不是{}申请",
                        plan.kind().name(),
                        kind.name()
                    ),
                ));
            }
            crate::domain::approval::check_in_force(kind, &granted, on)?;
            Ok(plan)
        }
    }
}

fn same_paper(planned: &str, paper: &Paper, rule: &'static str) -> Checked<()> {
    if planned == paper.no {
        Ok(())
    } else {
        Err(Refusal::rule(
            rule,
            format!("该申请批准的是 {planned}，不是 {}", paper.no),
        ))
    }
}
