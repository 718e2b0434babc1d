//! Requests that wait for a decision: their kinds and states, deciding, carrying out and
//! withdrawing them. Who may decide, and how a decision is recorded, is in `deciders`.

mod deciders;
mod steps;

pub use deciders::*;
pub use steps::StepWait;

use std::fmt;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::error::{Checked, Refusal};
use super::level::Level;

/// The acts the rules put in front of a leader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// R-PAP-1
    Make,
    /// R-PAP-19
    Copy,
    /// R-PAP-21
    Compile,
    /// R-PAP-9
    Loan,
    /// R-PAP-11
    TakeOut,
    /// R-PAP-23
    Destroy,
    /// R-PAP-14: keeping a paper past the annual clearing.
    Extend,
    /// R-CLS-7: declassifying a paper this unit made, or changing its period or level.
    Review,
    /// R-MED-4: taking a medium out of the office (abroad with the bureau's permit).
    MediumTakeOut,
    /// R-MED-8: destroying a medium through the city bureau.
    MediumDestroy,
    /// R-CMP-7: copying data from outside onto a classified or internal computer.
    ComputerImport,
    /// R-CMP-13: printing, burning or copying classified information out of a computer.
    ComputerOutput,
    /// R-CMP-8: repair at a designated repairer.
    ComputerRepair,
    /// R-CMP-12: a laptop taken out of the office.
    ComputerTakeOut,
    /// R-CMP-8: scrapping, filed with the bureau.
    ComputerScrap,
    /// R-PER-4: private travel abroad of classified staff.
    PersonTravel,
}

impl RequestKind {
    pub const ALL: [RequestKind; 16] = [
        RequestKind::Make,
        RequestKind::Copy,
        RequestKind::Compile,
        RequestKind::Loan,
        RequestKind::TakeOut,
        RequestKind::Destroy,
        RequestKind::Extend,
        RequestKind::Review,
        RequestKind::MediumTakeOut,
        RequestKind::MediumDestroy,
        RequestKind::ComputerImport,
        RequestKind::ComputerOutput,
        RequestKind::ComputerRepair,
        RequestKind::ComputerTakeOut,
        RequestKind::ComputerScrap,
        RequestKind::PersonTravel,
    ];

    /// The request that an act of a described ledger waits for (`ActSpec::approval`).
    pub fn for_act(ledger: &str, verb: &str) -> Option<RequestKind> {
        Some(match (ledger, verb) {
            ("medium", "take-out") => RequestKind::MediumTakeOut,
            ("medium", "destroy") => RequestKind::MediumDestroy,
            ("computer", "import") => RequestKind::ComputerImport,
            ("computer", "output") => RequestKind::ComputerOutput,
            ("computer", "repair") => RequestKind::ComputerRepair,
            ("computer", "take-out") => RequestKind::ComputerTakeOut,
            ("computer", "scrap") => RequestKind::ComputerScrap,
            ("person", "travel") => RequestKind::PersonTravel,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            RequestKind::Make => "制作",
            RequestKind::Copy => "复印",
            RequestKind::Compile => "汇编",
            RequestKind::Loan => "借阅",
            RequestKind::TakeOut => "携带外出",
            RequestKind::Destroy => "销毁",
            RequestKind::Extend => "延长使用",
            RequestKind::Review => "解密审查",
            RequestKind::MediumTakeOut => "介质携带外出",
            RequestKind::MediumDestroy => "介质销毁",
            RequestKind::ComputerImport => "导入外部数据",
            RequestKind::ComputerOutput => "计算机信息输出",
            RequestKind::ComputerRepair => "计算机维修",
            RequestKind::ComputerTakeOut => "计算机携带外出",
            RequestKind::ComputerScrap => "计算机报废",
            RequestKind::PersonTravel => "因私出国（境）",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            RequestKind::Make => "make",
            RequestKind::Copy => "copy",
            RequestKind::Compile => "compile",
            RequestKind::Loan => "loan",
            RequestKind::TakeOut => "take_out",
            RequestKind::Destroy => "destroy",
            RequestKind::Extend => "extend",
            RequestKind::Review => "review",
            RequestKind::MediumTakeOut => "medium_take_out",
            RequestKind::MediumDestroy => "medium_destroy",
            RequestKind::ComputerImport => "computer_import",
            RequestKind::ComputerOutput => "computer_output",
            RequestKind::ComputerRepair => "computer_repair",
            RequestKind::ComputerTakeOut => "computer_take_out",
            RequestKind::ComputerScrap => "computer_scrap",
            RequestKind::PersonTravel => "person_travel",
        }
    }

    pub fn from_code(s: &str) -> Option<RequestKind> {
        RequestKind::ALL
            .into_iter()
            .find(|k| k.code() == s || k.name() == s)
    }

    /// The rule that puts this act in the queue.
    pub fn rule(self) -> &'static str {
        match self {
            RequestKind::Make => "R-PAP-1",
            RequestKind::Copy => "R-PAP-19",
            RequestKind::Compile => "R-PAP-21",
            RequestKind::Loan => "R-PAP-9",
            RequestKind::TakeOut => "R-PAP-11",
            RequestKind::Destroy => "R-PAP-23",
            RequestKind::Extend => "R-PAP-14",
            RequestKind::Review => "R-CLS-7",
            RequestKind::MediumTakeOut => "R-MED-4",
            RequestKind::MediumDestroy => "R-MED-8",
            RequestKind::ComputerImport => "R-CMP-7",
            RequestKind::ComputerOutput => "R-CMP-13",
            RequestKind::ComputerRepair | RequestKind::ComputerScrap => "R-CMP-8",
            RequestKind::ComputerTakeOut => "R-CMP-12",
            RequestKind::PersonTravel => "R-PER-4",
        }
    }

    /// Who decides a request of this kind about a paper of `level` (the highest, for several), as
    /// the seed says: copying 绝密 and compiling are for the originating authority (R-PAP-19,
    /// R-PAP-21); data brought onto a computer for a department leader (R-CMP-7); everything else
    /// the unit leader.
    pub fn authority(self, level: Option<Level>) -> Authority {
        match self {
            RequestKind::Copy if level == Some(Level::TopSecret) => Authority::Originator,
            RequestKind::Compile => Authority::Originator,
            RequestKind::ComputerImport => Authority::DepartmentHead,
            _ => Authority::UnitLeader,
        }
    }
}

/// When an approval lapses: `valid_days` after the decision.
pub fn expires_on(decided_on: NaiveDate, valid_days: i64) -> NaiveDate {
    decided_on + chrono::Days::new(u64::try_from(valid_days.max(0)).unwrap_or(0))
}

/// An approved request as an act finds it.
#[derive(Debug, Clone, Copy)]
pub struct Granted<'a> {
    pub state: RequestState,
    pub plan: &'a super::paper::Plan,
    pub decided_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
}

/// An act under a request is carried out after the decision and before the approval lapses.
pub fn check_in_force(kind: RequestKind, granted: &Granted<'_>, on: NaiveDate) -> Checked<()> {
    use super::dates::zh;
    execute(kind, granted.state)?;
    if let Some(d) = granted.decided_on
        && on < d
    {
        return Err(Refusal::rule(
            kind.rule(),
            format!("办理日期{}早于批准日期{}：须先批准，后办理", zh(on), zh(d)),
        ));
    }
    if let Some(e) = granted.expires_on
        && on > e
    {
        return Err(Refusal::rule(
            kind.rule(),
            format!(
                "该{}申请的批准已于{}过期（批准后须在有效期内办理，见设置“审批有效期”），请重新申请",
                kind.name(),
                zh(e)
            ),
        ));
    }
    Ok(())
}

impl fmt::Display for RequestKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for RequestKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// 待审批 → 已批准 / 已驳回 → 已执行, or 已撤回.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestState {
    Pending,
    Approved,
    Rejected,
    Executed,
    Withdrawn,
}

impl RequestState {
    pub const ALL: [RequestState; 5] = [
        RequestState::Pending,
        RequestState::Approved,
        RequestState::Rejected,
        RequestState::Executed,
        RequestState::Withdrawn,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RequestState::Pending => "待审批",
            RequestState::Approved => "已批准",
            RequestState::Rejected => "已驳回",
            RequestState::Executed => "已执行",
            RequestState::Withdrawn => "已撤回",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            RequestState::Pending => "pending",
            RequestState::Approved => "approved",
            RequestState::Rejected => "rejected",
            RequestState::Executed => "executed",
            RequestState::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(s: &str) -> Option<RequestState> {
        RequestState::ALL
            .into_iter()
            .find(|k| k.code() == s || k.name() == s)
    }
}

/// One open request per paper and act: a paper already in a request of `kind` that is still
/// waiting or approved but not carried out (`open`, its id and state) cannot be put in another,
/// or both get approved and one stays 已批准待办理 for ever.
pub fn check_not_requested_twice(
    kind: RequestKind,
    paper: &str,
    open: Option<(i64, RequestState)>,
) -> Checked<()> {
    match open {
        Some((id, state)) => Err(Refusal::rule(
            kind.rule(),
            format!(
                "{paper} 已在第 {id} 号{}申请中（{}），同一件密件的同一事项只能有一份未办结的申请；如需重报，请先撤回第 {id} 号申请",
                kind.name(),
                state.name()
            ),
        )),
        None => Ok(()),
    }
}

impl fmt::Display for RequestState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for RequestState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// Approving or rejecting: only a waiting request, and a rejection says why.
pub fn decide(state: RequestState, approve: bool, opinion: &str) -> Checked<RequestState> {
    super::text::check_text("审批意见", opinion, super::text::NOTE_MAX)?;
    if state != RequestState::Pending {
        return Err(Refusal::rule(
            "R-SYS-6",
            format!("该申请{}，不能再审批", state.name()),
        ));
    }
    if approve {
        Ok(RequestState::Approved)
    } else if opinion.trim().is_empty() {
        Err(Refusal::field("审批意见", "驳回须写明理由"))
    } else {
        Ok(RequestState::Rejected)
    }
}

/// Carrying out the act: only after approval, and only once.
pub fn execute(kind: RequestKind, state: RequestState) -> Checked<RequestState> {
    match state {
        RequestState::Approved => Ok(RequestState::Executed),
        RequestState::Pending => Err(Refusal::rule(
            kind.rule(),
            format!("{}申请尚未批准，不能办理", kind.name()),
        )),
        other => Err(Refusal::rule(
            kind.rule(),
            format!("{}申请{}，不能办理", kind.name(), other.name()),
        )),
    }
}

/// Withdrawing: a request not yet decided, or approved but not carried out.
pub fn withdraw(state: RequestState) -> Checked<RequestState> {
    match state {
        RequestState::Pending | RequestState::Approved => Ok(RequestState::Withdrawn),
        other => Err(Refusal::field(
            "申请",
            format!("该申请{}，不能撤回", other.name()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acts_wait_for_approval() {
        assert_eq!(
            execute(RequestKind::Loan, RequestState::Pending)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-9")
        );
        assert_eq!(
            execute(RequestKind::Destroy, RequestState::Rejected)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-23")
        );
        assert_eq!(
            execute(RequestKind::Copy, RequestState::Approved),
            Ok(RequestState::Executed)
        );
        assert!(execute(RequestKind::Copy, RequestState::Executed).is_err());
    }

    #[test]
    fn decisions() {
        assert_eq!(
            decide(RequestState::Pending, true, ""),
            Ok(RequestState::Approved)
        );
        assert!(decide(RequestState::Pending, false, "").is_err());
        assert_eq!(
            decide(RequestState::Pending, false, "范围过大"),
            Ok(RequestState::Rejected)
        );
        assert!(decide(RequestState::Approved, true, "").is_err());
        assert_eq!(withdraw(RequestState::Pending), Ok(RequestState::Withdrawn));
        assert!(withdraw(RequestState::Executed).is_err());
    }
}
