//! Requests that wait for a leader's decision, and how a decision is recorded (R-SYS-6): by the
//! approver's own login, or by the officer entering a signed paper approval.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Serialize, Serializer};

use super::account::Role;
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
}

impl RequestKind {
    pub const ALL: [RequestKind; 8] = [
        RequestKind::Make,
        RequestKind::Copy,
        RequestKind::Compile,
        RequestKind::Loan,
        RequestKind::TakeOut,
        RequestKind::Destroy,
        RequestKind::Extend,
        RequestKind::Review,
    ];

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
        }
    }

    /// Who decides a request of this kind about a paper of `level` (the highest, for several), as
    /// the seed says: copying 绝密 and compiling are for the originating authority (R-PAP-19,
    /// R-PAP-21); everything else the unit leader.
    pub fn authority(self, level: Option<Level>) -> Authority {
        match self {
            RequestKind::Copy if level == Some(Level::TopSecret) => Authority::Originator,
            RequestKind::Compile => Authority::Originator,
            _ => Authority::UnitLeader,
        }
    }
}

/// Who approves a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Authority {
    /// 主管领导: a leader of this unit, by their own login or on a form they signed.
    UnitLeader,
    /// 原制发机关（或其上级机关）: outside the unit, so it has no account; its approval is a
    /// document, recorded by the body's name and the document's reference.
    Originator,
}

impl Authority {
    pub fn name(self) -> &'static str {
        match self {
            Authority::UnitLeader => "主管领导",
            Authority::Originator => "原制发机关（或其上级机关）",
        }
    }
}

/// A person of the unit as the approval checks know them: account name and display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub display_name: String,
    pub leader: bool,
}

impl Member {
    fn is(&self, named: &str) -> bool {
        self.name == named || self.display_name == named
    }
}

/// R-SYS-6: a decision by login. The unit's leaders decide what is theirs; what the originating
/// authority approves cannot be approved by anyone here (a leader may still reject it).
pub fn check_login_decision(kind: RequestKind, authority: Authority, approve: bool) -> Checked<()> {
    if approve && authority == Authority::Originator {
        return Err(Refusal::rule(
            kind.rule(),
            format!(
                "{}须经原制发机关（或其上级机关）批准，本单位领导不能代为批准：请由保密员录入该机关的批准文件（机关名称、批准文号、日期）",
                kind.name()
            ),
        ));
    }
    Ok(())
}

/// R-SYS-6 and the rule of the kind: a signed approval the officer records is real. It is dated
/// between the filing and today; for the unit leader it names a leader of this unit (by name or
/// user name; anyone else is refused with the list of who may approve); for the originating
/// authority it names a body outside the unit. Returns the approver as the record keeps it.
pub fn check_recorded_approval(
    kind: RequestKind,
    authority: Authority,
    form: &PaperApproval,
    requested_on: NaiveDate,
    today: NaiveDate,
    members: &[Member],
) -> Checked<String> {
    use super::dates::zh;
    if form.date < requested_on {
        return Err(Refusal::rule(
            "R-SYS-6",
            format!(
                "审批日期{}早于申请提交日期{}：审批在申请之后",
                zh(form.date),
                zh(requested_on)
            ),
        ));
    }
    if form.date > today {
        return Err(Refusal::field("审批日期", "不能晚于今天"));
    }
    let named = form.approver.trim();
    match authority {
        Authority::UnitLeader => {
            if let Some(m) = members.iter().find(|m| m.leader && m.is(named)) {
                return Ok(m.display_name.clone());
            }
            let leaders: Vec<String> = members
                .iter()
                .filter(|m| m.leader)
                .map(|m| format!("{}（{}）", m.display_name, m.name))
                .collect();
            Err(Refusal::rule(
                "R-SYS-6",
                if leaders.is_empty() {
                    format!(
                        "{}须经主管领导批准，本单位还没有主管领导账号：请先在设置中添加，再录入其签字的审批",
                        kind.name()
                    )
                } else {
                    format!(
                        "「{named}」不是本单位的主管领导，不能批准{}；可以审批的有：{}",
                        kind.name(),
                        leaders.join("、")
                    )
                },
            ))
        }
        Authority::Originator => {
            if members.iter().any(|m| m.is(named)) {
                return Err(Refusal::rule(
                    kind.rule(),
                    format!(
                        "「{named}」是本单位人员；{}须经原制发机关（或其上级机关）批准，审批人请写该机关的名称",
                        kind.name()
                    ),
                ));
            }
            Ok(named.to_string())
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

/// A signed paper approval the officer copies into the system (R-SYS-6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperApproval {
    pub approver: String,
    pub date: NaiveDate,
    pub form_ref: String,
}

/// R-SYS-6: who may record a decision, and how. A leader decides with their own login; an officer
/// may only copy in a signed paper approval, naming the approver, the date and the form.
pub fn check_decider(role: Role, paper: Option<&PaperApproval>) -> Checked<()> {
    if let Some(p) = paper {
        use super::text::{TEXT_MAX, check_text};
        check_text("审批人", &p.approver, TEXT_MAX)?;
        check_text("审批表编号", &p.form_ref, TEXT_MAX)?;
    }
    match (role, paper) {
        (Role::Leader, _) => Ok(()),
        (Role::Officer, Some(p)) => {
            if p.approver.trim().is_empty() {
                return Err(Refusal::rule("R-SYS-6", "录入纸质审批须写明审批人"));
            }
            if p.form_ref.trim().is_empty() {
                return Err(Refusal::rule(
                    "R-SYS-6",
                    "录入纸质审批须写明审批表编号（签字的审批表）",
                ));
            }
            Ok(())
        }
        (Role::Officer, None) => Err(Refusal::rule(
            "R-SYS-6",
            "保密员不能代替领导审批；请领导本人登录审批，或录入已签字的纸质审批（审批人、日期、审批表编号）",
        )),
        (other, _) => Err(Refusal::rule(
            "R-SYS-6",
            format!("{}无审批权限，须由主管领导审批", other.name()),
        )),
    }
}

/// Who filed a request, and when (real time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filing<'a> {
    /// The filer's account name.
    pub by: &'a str,
    /// The filer's name as people write it (on a signed form).
    pub by_name: &'a str,
    pub at: NaiveDateTime,
}

/// The account recording a decision, and since when (real time) it has held its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decider<'a> {
    pub name: &'a str,
    pub role: Role,
    pub role_since: NaiveDateTime,
}

/// R-SYS-6: an approval is a second person's decision. Whoever filed a request never approves it,
/// by login or as the approver named on a signed form; and an account created or given its role
/// after the request was filed cannot approve it (an approver is not made for the occasion).
pub fn check_independent(
    filing: &Filing<'_>,
    decider: &Decider<'_>,
    paper: Option<&PaperApproval>,
) -> Checked<()> {
    let own = "提交申请的人不能批准自己的申请，须由另一名有审批权的人审批";
    if let Some(p) = paper {
        let named = p.approver.trim();
        if named == filing.by || named == filing.by_name.trim() {
            return Err(Refusal::rule("R-SYS-6", own));
        }
        return Ok(());
    }
    if decider.name == filing.by {
        return Err(Refusal::rule("R-SYS-6", own));
    }
    if decider.role_since > filing.at {
        return Err(Refusal::rule(
            "R-SYS-6",
            format!(
                "该账号在申请提交（{}）之后才成为{}（{}），不能批准此申请",
                filing.at.format("%Y-%m-%d %H:%M"),
                decider.role.name(),
                decider.role_since.format("%Y-%m-%d %H:%M"),
            ),
        ));
    }
    Ok(())
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

    // R-SYS-6: a leader approves by login; an officer only records a signed paper approval.
    #[test]
    fn r_sys_6_who_decides() {
        assert!(check_decider(Role::Leader, None).is_ok());
        assert_eq!(
            check_decider(Role::Officer, None).unwrap_err().rule_id(),
            Some("R-SYS-6")
        );
        let paper = PaperApproval {
            approver: "王局长".into(),
            date: crate::domain::dates::ymd(2026, 11, 20),
            form_ref: "审批表2026-031".into(),
        };
        assert!(check_decider(Role::Officer, Some(&paper)).is_ok());
        let no_ref = PaperApproval {
            form_ref: " ".into(),
            ..paper
        };
        assert!(check_decider(Role::Officer, Some(&no_ref)).is_err());
        assert!(check_decider(Role::Viewer, None).is_err());
        assert!(check_decider(Role::DepartmentHead, None).is_err());
    }

    fn at(day: u32, h: u32) -> NaiveDateTime {
        crate::domain::dates::ymd(2026, 11, day)
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    // R-SYS-6: the filer never approves their own request, by login or on a signed form.
    #[test]
    fn r_sys_6_the_filer_never_approves() {
        let filing = Filing {
            by: "liqiang",
            by_name: "李强",
            at: at(20, 9),
        };
        let me = Decider {
            name: "liqiang",
            role: Role::Leader,
            role_since: at(1, 9),
        };
        let e = check_independent(&filing, &me, None).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-SYS-6"));
        assert!(e.to_string().contains("自己的申请"), "{e}");
        let form = PaperApproval {
            approver: "李强".into(),
            date: crate::domain::dates::ymd(2026, 11, 21),
            form_ref: "审批表07".into(),
        };
        let officer = Decider {
            name: "zhaomin",
            role: Role::Officer,
            role_since: at(1, 9),
        };
        assert!(check_independent(&filing, &officer, Some(&form)).is_err());
        let other = PaperApproval {
            approver: "王建国".into(),
            ..form
        };
        // The filer may record a leader's signed decision: recording is not approving.
        let filer_records = Decider {
            name: "liqiang",
            role: Role::Officer,
            role_since: at(1, 9),
        };
        assert!(check_independent(&filing, &filer_records, Some(&other)).is_ok());
    }

    // R-SYS-6: an account created or made leader after the filing cannot approve it.
    #[test]
    fn r_sys_6_promoted_after_filing_cannot_approve() {
        let filing = Filing {
            by: "liqiang",
            by_name: "李强",
            at: at(20, 9),
        };
        let old = Decider {
            name: "wangjianguo",
            role: Role::Leader,
            role_since: at(1, 9),
        };
        assert!(check_independent(&filing, &old, None).is_ok());
        let same_day_backfilled = Decider {
            role_since: at(20, 9),
            ..old
        };
        assert!(check_independent(&filing, &same_day_backfilled, None).is_ok());
        let new = Decider {
            role_since: at(20, 10),
            ..old
        };
        let e = check_independent(&filing, &new, None).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-SYS-6"));
        assert!(e.to_string().contains("之后才成为主管领导"), "{e}");
    }

    // R-PAP-9, R-PAP-23 and the others: the act waits for approval.
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
