//! 销毁: two destroyers including the officer, 绝密 inside the unit (R-PAP-23, R-PAP-24), one open
//! request per paper and act, and nothing after destruction (R-PAP-25).

use super::*;
use baomi::domain::paper::{DestroyPlan, LoanPlan};

// R-PAP-23 and R-PAP-24: two destroyers including the officer; 绝密 only inside the unit.
#[test]
fn r_pap_23_and_24_destruction() {
    let (_d, mut s) = demo();
    let top = receive(&mut s, "绝密件", "绝密", |f| {
        f.location = "绝密柜".into()
    });
    let id = file(
        &mut s,
        Plan::Destroy(DestroyPlan {
            papers: vec![top.clone()],
            reason: String::new(),
        }),
    );
    let before = fingerprint(&s);
    let mut d = on(27);
    d.persons = vec!["李强".into(), "赵敏".into()];
    d.method = "保密粉碎机".into();
    let r = act(
        &mut s,
        &officer(),
        &top,
        EventKind::Destroy,
        d.clone(),
        Some(id),
    );
    refused(&s, &before, r, "R-PAP-23");
    approve(&mut s, id);
    let before = fingerprint(&s);
    let mut one = d.clone();
    one.persons = vec!["李强".into()];
    let r = act(&mut s, &officer(), &top, EventKind::Destroy, one, Some(id));
    refused(&s, &before, r, "R-PAP-23");
    let mut no_officer = d.clone();
    no_officer.persons = vec!["张三".into(), "李四".into()];
    let r = act(
        &mut s,
        &officer(),
        &top,
        EventKind::Destroy,
        no_officer,
        Some(id),
    );
    refused(&s, &before, r, "R-PAP-23");
    let mut mill = d.clone();
    mill.method = "指定造纸厂".into();
    let r = act(&mut s, &officer(), &top, EventKind::Destroy, mill, Some(id));
    match &r {
        Err(e) => assert_eq!(e.to_string(), "违反 R-PAP-24：绝密载体只能在本单位销毁"),
        Ok(_) => panic!("must refuse"),
    }
    refused(&s, &before, r, "R-PAP-24");
    assert_eq!(
        act(&mut s, &officer(), &top, EventKind::Destroy, d, Some(id)).unwrap(),
        PaperState::Destroyed
    );
}

// R-PAP-23 (issue 9 point 13): a paper already in an open destruction list cannot be put in a
// second one; once the first is withdrawn it can. Loans likewise (R-PAP-9).
#[test]
fn r_pap_23_one_open_request_per_paper_and_act() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "待销毁的旧文件", "秘密", |_| {});
    let destroy = |no: &str| {
        Plan::Destroy(DestroyPlan {
            papers: vec![no.to_string()],
            reason: "无保存价值".into(),
        })
    };
    let first = file(&mut s, destroy(&no));
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| approvals::file(c, destroy(&no)));
    let message = r.as_ref().err().map(|e| e.to_string()).unwrap_or_default();
    refused(&s, &before, r, "R-PAP-23");
    assert!(
        message.contains(&format!("第 {first} 号销毁申请")),
        "{message}"
    );
    // Approved but not yet carried out is still open.
    approve(&mut s, first);
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| approvals::file(c, destroy(&no)));
    refused(&s, &before, r, "R-PAP-23");
    s.change(&officer(), |c| approvals::withdraw(c, first))
        .unwrap();
    file(&mut s, destroy(&no));
    // A loan is an act of its own: one open loan request per paper too.
    let loan = || {
        Plan::Loan(LoanPlan {
            paper: no.clone(),
            borrower: "张三".into(),
            purpose: "工作需要".into(),
            return_by: ymd(2026, 12, 10),
        })
    };
    file(&mut s, loan());
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| approvals::file(c, loan()));
    refused(&s, &before, r, "R-PAP-9");
}

// R-PAP-25: a destroyed paper accepts nothing — no loan, no circulation.
#[test]
fn r_pap_25_no_event_after_destruction() {
    let (_d, mut s) = demo();
    let no: String = s
        .conn()
        .query_row(
            "SELECT no FROM paper WHERE state = 'destroyed' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let before = fingerprint(&s);
    let mut c = on(27);
    c.person = "张三".into();
    let r = act(&mut s, &officer(), &no, EventKind::Circulate, c, None);
    refused(&s, &before, r, "R-PAP-25");
    let r = s.change(&officer(), |c| {
        approvals::file(
            c,
            Plan::Loan(LoanPlan {
                paper: no.clone(),
                borrower: "张三".into(),
                return_by: ymd(2026, 12, 1),
                purpose: String::new(),
            }),
        )
    });
    refused(&s, &before, r, "R-PAP-25");
}
