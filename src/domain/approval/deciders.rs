//! Who decides a request (R-SYS-6 and the rule of each kind): the unit leader by login or on a form
//! they signed, or the originating authority by its letter; never the person who filed it, never an
//! account made for the occasion.

use chrono::{NaiveDate, NaiveDateTime};

use super::RequestKind;
use crate::domain::account::Role;
use crate::domain::error::{Checked, Refusal};

/// Who approves a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Authority {
    /// 主管领导: a leader of this unit, by their own login or on a form they signed.
    UnitLeader,
    /// 原制发机关（或其上级机关）: outside the unit, so it has no account; its approval is a
    /// document, recorded by the body's name and the document's reference.
    Originator,
    /// 部门领导 (R-CMP-7): a department head of this unit; a unit leader may decide too.
    DepartmentHead,
}

impl Authority {
    pub fn name(self) -> &'static str {
        match self {
            Authority::UnitLeader => "主管领导",
            Authority::Originator => "原制发机关（或其上级机关）",
            Authority::DepartmentHead => "部门领导",
        }
    }
}

/// A person of the unit as the approval checks know them: account name and display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub display_name: String,
    pub leader: bool,
    /// A department head (部门领导): decides what is theirs (R-CMP-7).
    pub department_head: bool,
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
    use crate::domain::dates::zh;
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
        Authority::UnitLeader | Authority::DepartmentHead => {
            let may = |m: &Member| {
                m.leader || (authority == Authority::DepartmentHead && m.department_head)
            };
            if let Some(m) = members.iter().find(|m| may(m) && m.is(named)) {
                return Ok(m.display_name.clone());
            }
            let leaders: Vec<String> = members
                .iter()
                .filter(|m| may(m))
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

/// A signed paper approval the officer copies into the system (R-SYS-6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperApproval {
    pub approver: String,
    pub date: NaiveDate,
    pub form_ref: String,
}

/// R-SYS-6 and R-CMP-7: `check_decider` for a request `authority` decides: a department head
/// decides by login what a department leader approves.
pub fn check_decider_for(
    role: Role,
    authority: Authority,
    paper: Option<&PaperApproval>,
) -> Checked<()> {
    if role == Role::DepartmentHead && authority == Authority::DepartmentHead && paper.is_none() {
        return Ok(());
    }
    check_decider(role, paper)
}

/// R-SYS-6: who may record a decision, and how. A leader decides with their own login; an officer
/// may only copy in a signed paper approval, naming the approver, the date and the form.
pub fn check_decider(role: Role, paper: Option<&PaperApproval>) -> Checked<()> {
    if let Some(p) = paper {
        use crate::domain::text::{TEXT_MAX, check_text};
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
}
