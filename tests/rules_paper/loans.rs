//! 借阅: a loan waits for its approval (R-PAP-9), decided by the leader or from a signed paper form
//! (R-SYS-6).

use super::*;
use baomi::domain::approval::PaperApproval;
use baomi::domain::paper::LoanPlan;

// R-PAP-9: no loan before approval; a loan refused by the leader cannot be carried out either.
#[test]
fn r_pap_9_loan_waits_for_approval() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "预算执行情况", "秘密", |_| {});
    let id = file(
        &mut s,
        Plan::Loan(LoanPlan {
            paper: no.clone(),
            borrower: "李四".into(),
            return_by: ymd(2026, 12, 5),
            purpose: String::new(),
        }),
    );
    let before = fingerprint(&s);
    let r = act(&mut s, &officer(), &no, EventKind::Loan, on(27), Some(id));
    refused(&s, &before, r, "R-PAP-9");
    let r = act(&mut s, &officer(), &no, EventKind::Loan, on(27), None);
    refused(&s, &before, r, "R-PAP-9");
    s.change(&leader(), |c| {
        approvals::decide(c, id, false, "不同意", None)
    })
    .unwrap();
    let before = fingerprint(&s);
    let r = act(&mut s, &officer(), &no, EventKind::Loan, on(27), Some(id));
    refused(&s, &before, r, "R-PAP-9");
}

// R-SYS-6: an officer records a decision only from a signed paper approval; a viewer never decides.
#[test]
fn r_sys_6_decisions_by_leader_or_signed_paper() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "预算执行情况", "秘密", |_| {});
    let id = file(
        &mut s,
        Plan::Loan(LoanPlan {
            paper: no,
            borrower: "李四".into(),
            return_by: ymd(2026, 12, 5),
            purpose: String::new(),
        }),
    );
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| approvals::decide(c, id, true, "同意", None));
    refused(&s, &before, r, "R-SYS-6");
    let r = s.change(&viewer(), |c| approvals::decide(c, id, true, "同意", None));
    refused(&s, &before, r, "R-SYS-6");
    let paper = PaperApproval {
        approver: "王建国".into(),
        date: today(),
        form_ref: "借阅审批表2026-11".into(),
    };
    let r = s
        .change(&officer(), |c| {
            approvals::decide(c, id, true, "同意", Some(&paper))
        })
        .unwrap();
    assert_eq!(r.approver.as_deref(), Some("王建国"));
    assert_eq!(r.form_ref, "借阅审批表2026-11");
    // A viewer cannot act on papers either.
    let before = fingerprint(&s);
    let r = s.change(&viewer(), |c| {
        papers::receive(
            c,
            &ReceiveForm {
                title: "x".into(),
                originator: "y".into(),
                level: "秘密".into(),
                ..ReceiveForm::default()
            }
            .parse(today())
            .unwrap(),
            "{年}-收-{序号:04}",
        )
    });
    refused(&s, &before, r, "R-SYS-6");
}
