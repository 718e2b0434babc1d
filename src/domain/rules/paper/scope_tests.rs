//! R-CLS-2, R-PAP-7, R-PAP-9, R-PER-2: the knowledge scope judged against people as the register
//! has them (issue 11).

use super::tests::{act, paper};
use super::*;
use crate::domain::approval::{Granted, RequestState};
use crate::domain::dates::ymd;
use crate::domain::paper::LoanPlan;

fn staff(name: &str, no: &str, dept: &str) -> Knower {
    Knower {
        name: name.into(),
        no: no.into(),
        dept: dept.into(),
        outsider: false,
        cleared: true,
        on_post: true,
    }
}

fn register() -> Vec<Knower> {
    vec![
        staff("王芳", "RY-001", "办公室"),
        staff("张伟", "RY-002", "财务科"),
        Knower {
            outsider: true,
            ..staff("陈局", "RY-003", "")
        },
        Knower {
            cleared: false,
            ..staff("赵新", "RY-004", "办公室")
        },
        Knower {
            on_post: false,
            ..staff("钱旧", "RY-005", "办公室")
        },
    ]
}

fn ctx(people: &[Knower]) -> ActContext<'_> {
    ActContext {
        people,
        ..ActContext::default()
    }
}

fn copy_to(paper: &Paper, person: &str, people: &[Knower]) -> Checked<PaperState> {
    let mut a = act();
    a.person = person.into();
    check_event(paper, EventKind::Copy, &a, &ctx(people))
}

// R-CLS-2: a scope naming a department takes in that department's people, by the register's
// department, and the refusal names the person, their department and the scope.
#[test]
fn r_cls_2_department_scope_admits_its_people() {
    let people = register();
    let p = paper(Level::Secret);
    assert!(copy_to(&p, "王芳", &people).is_ok());
    // By person number too.
    assert!(copy_to(&p, "RY-001", &people).is_ok());
    let e = copy_to(&p, "张伟", &people).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-CLS-2"));
    assert!(
        e.to_string()
            .contains("张伟（财务科）不在 2026-收-0001 的知悉范围（办公室、张三）内"),
        "{e}"
    );
    // A name the register does not hold is matched by name, as before the register.
    assert!(copy_to(&p, "张三", &people).is_ok());
    assert!(copy_to(&p, "孙某", &people).is_err());
}

// R-CLS-2: 本单位 takes in the unit's staff, not outsiders recorded as such.
#[test]
fn r_cls_2_whole_unit_is_staff_not_outsiders() {
    let people = register();
    let mut p = paper(Level::Secret);
    p.scope = vec!["本单位".into()];
    assert!(copy_to(&p, "张伟", &people).is_ok());
    let e = copy_to(&p, "陈局", &people).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-CLS-2"));
    assert!(e.to_string().contains("陈局（外部人员）不在"), "{e}");
    assert!(e.to_string().contains("外部人员不属本单位人员"), "{e}");
}

// R-PAP-7: circulation judges the reader by the register's department, not the one typed; the
// typed one counts only for a name the register does not hold.
#[test]
fn r_pap_7_circulation_by_register_department() {
    let people = register();
    let p = paper(Level::Secret);
    let mut a = act();
    a.person = "张伟".into();
    a.unit = "办公室".into();
    let e = check_event(&p, EventKind::Circulate, &a, &ctx(&people)).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PAP-7"));
    assert!(e.to_string().contains("张伟（财务科）不在"), "{e}");
    a.person = "王芳".into();
    a.unit.clear();
    assert!(check_event(&p, EventKind::Circulate, &a, &ctx(&people)).is_ok());
    a.person = "孙某".into();
    a.unit = "办公室".into();
    assert!(check_event(&p, EventKind::Circulate, &a, &ctx(&people)).is_ok());
}

// R-PAP-9: a loan's borrower outside the scope is refused by name and department, when the
// request is filed and when the paper is lent; the borrower may be given by number.
#[test]
fn r_pap_9_borrower_in_scope_by_department() {
    let people = register();
    let mut p = paper(Level::Secret);
    p.no = "2026-收-0012".into();
    p.scope = vec!["办公室".into(), "李强".into()];
    let plan = LoanPlan {
        paper: p.no.clone(),
        borrower: "张伟".into(),
        return_by: ymd(2026, 4, 10),
        purpose: String::new(),
    };
    let e = check_loan_plan(&p, &plan, &knower(&people, "张伟", ""), ymd(2026, 4, 1)).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PAP-9"));
    assert_eq!(
        e.to_string(),
        "违反 R-PAP-9：张伟（财务科）不在 2026-收-0012 的知悉范围（办公室、李强）内，不得借阅；如确需知悉，须经主管领导批示扩大知悉范围"
    );
    let by_no = Plan::Loan(LoanPlan {
        borrower: "RY-001".into(),
        ..plan
    });
    let approved = ActContext {
        request: Some(Granted {
            state: RequestState::Approved,
            plan: &by_no,
            decided_on: None,
            expires_on: None,
        }),
        people: &people,
        ..ActContext::default()
    };
    let mut a = act();
    // The borrower named by name at the desk is the one approved by number.
    a.person = "王芳".into();
    assert_eq!(
        check_event(&p, EventKind::Loan, &a, &approved),
        Ok(PaperState::OnLoan)
    );
    a.person = "赵新".into();
    assert_eq!(
        check_event(&p, EventKind::Loan, &a, &approved)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-9")
    );
}

// R-PER-2, R-PER-5: registered staff see a 机密 or 绝密 paper only vetted, pledged and on post;
// a 秘密 paper, an outsider or an unregistered name is not bound by the staff rules.
#[test]
fn r_per_2_only_cleared_staff_see_secret_papers() {
    let people = register();
    let p = paper(Level::Secret);
    let e = copy_to(&p, "赵新", &people).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PER-2"));
    assert!(e.to_string().contains("赵新（RY-004）"), "{e}");
    assert_eq!(
        copy_to(&p, "钱旧", &people).unwrap_err().rule_id(),
        Some("R-PER-5")
    );
    assert!(copy_to(&paper(Level::Confidential), "赵新", &people).is_ok());
}

// R-PER-2, R-PER-5: a loan requested for someone not yet vetted and pledged, or off post, is filed
// with a reminder naming them and the rule; a cleared borrower, a 秘密 paper or a name outside the
// register gets none.
#[test]
fn r_per_2_loan_request_reminds_of_vetting() {
    let people = register();
    let p = paper(Level::Secret);
    let said = loan_reminder(&p, &knower(&people, "赵新", "")).unwrap();
    assert!(
        said.contains("赵新（RY-004）") && said.ends_with("（R-PER-2）"),
        "{said}"
    );
    let said = loan_reminder(&p, &knower(&people, "钱旧", "")).unwrap();
    assert!(said.ends_with("（R-PER-5）"), "{said}");
    assert_eq!(loan_reminder(&p, &knower(&people, "王芳", "")), None);
    assert_eq!(loan_reminder(&p, &knower(&people, "路人", "")), None);
    let lower = paper(Level::Confidential);
    assert_eq!(loan_reminder(&lower, &knower(&people, "赵新", "")), None);
}
