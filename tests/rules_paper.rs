//! The paper rules through the store: each test tries the forbidden act, asserts the refusal names
//! its rule, and that nothing at all was written (papers, events, requests, audit rows).

mod common;

use baomi::domain::approval::PaperApproval;
use baomi::domain::carrier::{EventKind, PaperState};
use baomi::domain::dates::ymd;
use baomi::domain::level::{Level, Period};
use baomi::domain::paper::{
    CompilePlan, CopyPlan, DestroyPlan, ExtendPlan, LoanPlan, MakePlan, Plan, ReceiveForm,
    TakeOutPlan,
};
use baomi::domain::rules::paper::Act;
use baomi::store::papers::{self, ActInput, CopyAct, CopyMarking};
use baomi::store::stocktake::{self, StocktakeKind};
use baomi::store::{Stamp, Store, StoreError, approvals};
use common::*;

const ROOMS: [&str; 2] = ["保密室", "阅文室"];

fn rooms() -> Vec<String> {
    ROOMS.iter().map(|s| s.to_string()).collect()
}

fn receive(
    s: &mut Store,
    title: &str,
    level: &str,
    extra: impl FnOnce(&mut ReceiveForm),
) -> String {
    let mut f = ReceiveForm {
        title: title.into(),
        originator: "市委办公室".into(),
        doc_no: "江委办〔2026〕88号".into(),
        level: level.into(),
        scope: "张三、李四、王芳、办公室".into(),
        date: "2026-11-02".into(),
        location: "1号保密柜".into(),
        ..ReceiveForm::default()
    };
    extra(&mut f);
    let r = f.parse(today()).unwrap();
    s.change(&officer(), |c| papers::receive(c, &r, "{年}-收-{序号:04}"))
        .unwrap()
        .no
}

fn act(
    s: &mut Store,
    st: &Stamp,
    no: &str,
    kind: EventKind,
    a: Act,
    request: Option<i64>,
) -> Result<PaperState, StoreError> {
    let rooms = rooms();
    s.change(st, |c| {
        papers::act(
            c,
            no,
            &ActInput {
                kind,
                act: a,
                request_id: request,
                reading_rooms: &rooms,
            },
        )
    })
    .map(|p| p.state)
}

fn on(d: u32) -> Act {
    Act {
        on: ymd(2026, 11, d),
        ..Act::default()
    }
}

fn file(s: &mut Store, plan: Plan) -> i64 {
    s.change(&officer(), |c| approvals::file(c, plan))
        .unwrap()
        .id
}

fn approve(s: &mut Store, id: i64) {
    s.change(&leader(), |c| approvals::decide(c, id, true, "同意", None))
        .unwrap();
}

/// Asserts a refusal naming `rule` and that nothing was written.
fn refused<T: std::fmt::Debug>(
    s: &Store,
    before: &(String, i64, String, i64),
    r: Result<T, StoreError>,
    rule: &str,
) {
    match r {
        Err(StoreError::Refused(x)) => assert_eq!(x.rule_id(), Some(rule), "{x}"),
        other => panic!("expected a refusal by {rule}, got {other:?}"),
    }
    assert_eq!(
        &fingerprint(s),
        before,
        "nothing is written when {rule} refuses"
    );
}

#[test]
fn a_paper_from_receipt_to_destruction() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "关于开展保密自查的通知", "机密", |_| {});
    assert!(no.starts_with("2026-收-"));
    let mut c = on(3);
    c.person = "张三".into();
    assert_eq!(
        act(&mut s, &officer(), &no, EventKind::Circulate, c, None).unwrap(),
        PaperState::Circulating
    );
    assert_eq!(
        act(
            &mut s,
            &officer(),
            &no,
            EventKind::CirculateBack,
            on(3),
            None
        )
        .unwrap(),
        PaperState::InStock
    );
    let loan = file(
        &mut s,
        Plan::Loan(LoanPlan {
            paper: no.clone(),
            borrower: "李四".into(),
            return_by: ymd(2026, 12, 20),
            purpose: String::new(),
        }),
    );
    approve(&mut s, loan);
    assert_eq!(
        act(&mut s, &officer(), &no, EventKind::Loan, on(27), Some(loan)).unwrap(),
        PaperState::OnLoan
    );
    assert_eq!(
        papers::get(s.conn(), &no).unwrap().due_on,
        Some(ymd(2026, 12, 20))
    );
    assert_eq!(
        act(&mut s, &officer(), &no, EventKind::LoanBack, on(27), None).unwrap(),
        PaperState::InStock
    );
    let out = file(
        &mut s,
        Plan::TakeOut(TakeOutPlan {
            paper: no.clone(),
            persons: vec!["张三".into()],
            place: "市政府".into(),
            purpose: "汇报".into(),
            return_by: ymd(2026, 11, 28),
            ..TakeOutPlan::default()
        }),
    );
    approve(&mut s, out);
    assert_eq!(
        act(
            &mut s,
            &officer(),
            &no,
            EventKind::TakeOut,
            on(27),
            Some(out)
        )
        .unwrap(),
        PaperState::TakenOut
    );
    assert_eq!(
        act(&mut s, &officer(), &no, EventKind::TakeBack, on(27), None).unwrap(),
        PaperState::InStock
    );
    let destroy = file(
        &mut s,
        Plan::Destroy(DestroyPlan {
            papers: vec![no.clone()],
            reason: "无保存价值".into(),
        }),
    );
    approve(&mut s, destroy);
    let mut d = on(27);
    d.persons = vec!["李强".into(), "赵敏".into()];
    d.method = "保密粉碎机".into();
    assert_eq!(
        act(
            &mut s,
            &officer(),
            &no,
            EventKind::Destroy,
            d,
            Some(destroy)
        )
        .unwrap(),
        PaperState::Destroyed
    );
    let history = papers::history(s.conn(), papers::get(s.conn(), &no).unwrap().id).unwrap();
    let kinds: Vec<EventKind> = history.iter().map(|e| e.kind).collect();
    assert_eq!(kinds.first(), Some(&EventKind::Receive));
    assert_eq!(kinds.last(), Some(&EventKind::Destroy));
    assert_eq!(
        approvals::get(s.conn(), destroy).unwrap().state.name(),
        "已执行"
    );
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

// R-INC-4: a lost paper accepts only 找回.
#[test]
fn r_inc_4_lost_paper_only_found() {
    let (_d, mut s) = demo();
    let no: String = s
        .conn()
        .query_row(
            "SELECT no FROM paper WHERE state = 'lost' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let before = fingerprint(&s);
    let r = act(&mut s, &officer(), &no, EventKind::Archive, on(27), None);
    refused(&s, &before, r, "R-INC-4");
    assert_eq!(
        act(&mut s, &officer(), &no, EventKind::Found, on(27), None).unwrap(),
        PaperState::InStock
    );
}

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

// R-PAP-6: no ordinary post or courier; 绝密 by hand with two escorts.
#[test]
fn r_pap_6_transfer_channels() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "绝密件", "绝密", |f| {
        f.location = "绝密柜".into()
    });
    let before = fingerprint(&s);
    let mut t = on(27);
    t.channel = "快递".into();
    let r = act(
        &mut s,
        &officer(),
        &no,
        EventKind::Transfer,
        t.clone(),
        None,
    );
    refused(&s, &before, r, "R-PAP-6");
    t.channel = "专人专车".into();
    t.persons = vec!["张三".into()];
    let r = act(
        &mut s,
        &officer(),
        &no,
        EventKind::Transfer,
        t.clone(),
        None,
    );
    refused(&s, &before, r, "R-PAP-6");
    t.persons.push("李四".into());
    assert!(act(&mut s, &officer(), &no, EventKind::Transfer, t, None).is_ok());
}

// R-PAP-7: within scope, back to the officer between readers; R-PAP-8: 绝密 in the secrecy room.
#[test]
fn r_pap_7_and_8_circulation() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "机密件", "机密", |_| {});
    let before = fingerprint(&s);
    let mut c = on(27);
    c.person = "王五".into();
    let r = act(
        &mut s,
        &officer(),
        &no,
        EventKind::Circulate,
        c.clone(),
        None,
    );
    refused(&s, &before, r, "R-PAP-7");
    c.person = "张三".into();
    act(
        &mut s,
        &officer(),
        &no,
        EventKind::Circulate,
        c.clone(),
        None,
    )
    .unwrap();
    let before = fingerprint(&s);
    let mut next = c.clone();
    next.unit = "办公室".into();
    next.person = "李四".into();
    let r = act(&mut s, &officer(), &no, EventKind::Circulate, next, None);
    refused(&s, &before, r, "R-PAP-7");

    let top = receive(&mut s, "绝密件", "绝密", |f| {
        f.location = "绝密柜".into()
    });
    let before = fingerprint(&s);
    let mut t = on(27);
    t.person = "张三".into();
    t.at = "09:00".into();
    t.place = "会议室".into();
    let r = act(
        &mut s,
        &officer(),
        &top,
        EventKind::Circulate,
        t.clone(),
        None,
    );
    refused(&s, &before, r, "R-PAP-8");
    t.place = "保密室".into();
    act(&mut s, &officer(), &top, EventKind::Circulate, t, None).unwrap();
    let mut b = on(27);
    b.at = "10:15".into();
    act(&mut s, &officer(), &top, EventKind::CirculateBack, b, None).unwrap();
    let reg = baomi::store::registers::load(
        s.conn(),
        baomi::store::registers::RegisterKind::TopSecretReaders,
        Some(2026),
        None,
    )
    .unwrap();
    let row = reg
        .rows
        .iter()
        .find(|r| r.cells[0].starts_with("绝密件"))
        .unwrap();
    assert_eq!(row.cells[4], "张三");
    assert!(
        row.cells[5].ends_with("09:00") && row.cells[6].ends_with("10:15"),
        "{:?}",
        row.cells
    );
}

// R-PAP-11: 绝密 take-out needs two people.
#[test]
fn r_pap_11_top_secret_take_out_needs_two() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "绝密件", "绝密", |f| {
        f.location = "绝密柜".into()
    });
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| {
        approvals::file(
            c,
            Plan::TakeOut(TakeOutPlan {
                paper: no.clone(),
                persons: vec!["张三".into()],
                place: "省委".into(),
                purpose: "汇报".into(),
                return_by: ymd(2026, 11, 28),
                ..TakeOutPlan::default()
            }),
        )
    });
    refused(&s, &before, r, "R-PAP-11");
}

// R-PAP-19 and R-CLS-4: 绝密 copying needs the originating authority; a copy keeps the marking.
#[test]
fn r_pap_19_and_r_cls_4_copying() {
    let (_d, mut s) = demo();
    let top = receive(&mut s, "绝密件", "绝密", |f| {
        f.location = "绝密柜".into()
    });
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| {
        approvals::file(
            c,
            Plan::Copy(CopyPlan {
                paper: top.clone(),
                copies: 1,
                purpose: "上报".into(),
                external_ref: String::new(),
            }),
        )
    });
    refused(&s, &before, r, "R-PAP-19");
    let forbidden = receive(&mut s, "不得复制", "秘密", |f| f.no_copy = true);
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| {
        approvals::file(
            c,
            Plan::Copy(CopyPlan {
                paper: forbidden.clone(),
                copies: 1,
                purpose: "学习".into(),
                external_ref: String::new(),
            }),
        )
    });
    refused(&s, &before, r, "R-PAP-19");

    let no = receive(&mut s, "可复印件", "机密", |_| {});
    let id = file(
        &mut s,
        Plan::Copy(CopyPlan {
            paper: no.clone(),
            copies: 2,
            purpose: "学习".into(),
            external_ref: String::new(),
        }),
    );
    approve(&mut s, id);
    let before = fingerprint(&s);
    let lower = CopyMarking {
        level: Some(Level::Confidential),
        ..CopyMarking::default()
    };
    let r = s.change(&officer(), |c| {
        papers::copy(
            c,
            &no,
            &CopyAct {
                request_id: id,
                copies: 2,
                on: today(),
                marking: lower.clone(),
                location: "".into(),
                receiver: "王芳".into(),
                return_by: None,
            },
        )
    });
    refused(&s, &before, r, "R-CLS-4");
    let shorter = CopyMarking {
        period: Some(Period::Years(5)),
        ..CopyMarking::default()
    };
    let r = s.change(&officer(), |c| {
        papers::copy(
            c,
            &no,
            &CopyAct {
                request_id: id,
                copies: 2,
                on: today(),
                marking: shorter.clone(),
                location: "".into(),
                receiver: "王芳".into(),
                return_by: None,
            },
        )
    });
    refused(&s, &before, r, "R-CLS-4");
    let more = s.change(&officer(), |c| {
        papers::copy(
            c,
            &no,
            &CopyAct {
                request_id: id,
                copies: 3,
                on: today(),
                marking: CopyMarking::default(),
                location: "".into(),
                receiver: "王芳".into(),
                return_by: None,
            },
        )
    });
    refused(&s, &before, more, "R-PAP-19");
    let copy = s
        .change(&officer(), |c| {
            papers::copy(
                c,
                &no,
                &CopyAct {
                    request_id: id,
                    copies: 2,
                    on: today(),
                    marking: CopyMarking::default(),
                    location: "".into(),
                    receiver: "王芳".into(),
                    return_by: None,
                },
            )
        })
        .unwrap();
    let original = papers::get(s.conn(), &no).unwrap();
    assert_eq!(
        (copy.level, copy.period, copy.scope.clone()),
        (original.level, original.period, original.scope.clone())
    );
    assert_eq!(copy.source_id, Some(original.id));
    // The period runs from the original's date, so the copy's secret ends when the original's does.
    assert_eq!(copy.period_end(), original.period_end());
    assert!(copy.no.contains("复"));
}

// R-PAP-21 and R-CLS-5: compiling needs the originator's approval; highest level, longest period.
#[test]
fn r_pap_21_and_r_cls_5_compiling() {
    let (_d, mut s) = demo();
    let a = receive(&mut s, "甲", "秘密", |_| {});
    let b = receive(&mut s, "乙", "机密", |f| f.period = "5年".into());
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| {
        approvals::file(
            c,
            Plan::Compile(CompilePlan {
                scope: vec![],
                papers: vec![a.clone(), b.clone()],
                title: "汇编".into(),
                external_ref: String::new(),
            }),
        )
    });
    refused(&s, &before, r, "R-PAP-21");
    let id = file(
        &mut s,
        Plan::Compile(CompilePlan {
            scope: vec![],
            papers: vec![a, b],
            title: "汇编".into(),
            external_ref: "市委办同意".into(),
        }),
    );
    // R-PAP-21: the originator approves; no leader of this unit can.
    let r = s.change(&leader(), |c| approvals::decide(c, id, true, "同意", None));
    assert!(matches!(r, Err(StoreError::Refused(ref x)) if x.rule_id() == Some("R-PAP-21")));
    s.change(&officer(), |c| {
        approvals::decide(
            c,
            id,
            true,
            "",
            Some(&PaperApproval {
                approver: "市委办公室".into(),
                date: today(),
                form_ref: "江委办函〔2026〕9号".into(),
            }),
        )
    })
    .unwrap();
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| {
        papers::compile(c, id, today(), Some(Level::Confidential), None, "")
    });
    refused(&s, &before, r, "R-CLS-5");
    let p = s
        .change(&officer(), |c| {
            papers::compile(c, id, today(), None, None, "")
        })
        .unwrap();
    assert_eq!(p.level, Level::Secret);
    // 秘密 10 years from 2026-11-02 outlasts 机密 5 years.
    assert_eq!(p.period, Some(Period::Until(ymd(2036, 11, 2))));
}

// R-PAP-1, R-PAP-2, R-CLS-3: making needs approval, a classification decision, and no extra copies.
#[test]
fn r_pap_1_2_and_r_cls_3_making() {
    let (_d, mut s) = demo();
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| {
        approvals::file(
            c,
            Plan::Make(MakePlan {
                title: "纪要".into(),
                level: String::new(),
                period: String::new(),
                scope: vec!["办公室".into()],
                copies: 3,
                distribution: vec![],
                purpose: String::new(),
                ..MakePlan::default()
            }),
        )
    });
    refused(&s, &before, r, "R-CLS-3");
    let id = file(
        &mut s,
        Plan::Make(MakePlan {
            title: "纪要".into(),
            level: "机密".into(),
            period: String::new(),
            scope: vec!["办公室".into()],
            copies: 3,
            distribution: vec!["市保密局".into()],
            purpose: String::new(),
            ..MakePlan::default()
        }),
    );
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| {
        papers::make(c, id, 3, today(), "", "", "{年}-制-{序号:04}")
    });
    refused(&s, &before, r, "R-PAP-1");
    approve(&mut s, id);
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| {
        papers::make(c, id, 4, today(), "", "", "{年}-制-{序号:04}")
    });
    refused(&s, &before, r, "R-PAP-2");
    let p = s
        .change(&officer(), |c| {
            papers::make(c, id, 3, today(), "", "", "{年}-制-{序号:04}")
        })
        .unwrap();
    assert_eq!(p.mark().to_string(), "机密★20年");
}

// R-PAP-5: sending within the approved distribution.
#[test]
fn r_pap_5_send_within_distribution() {
    let (_d, mut s) = demo();
    let id = file(
        &mut s,
        Plan::Make(MakePlan {
            title: "通报".into(),
            level: "秘密".into(),
            period: String::new(),
            scope: vec!["办公室".into()],
            copies: 2,
            distribution: vec!["市保密局".into()],
            purpose: String::new(),
            ..MakePlan::default()
        }),
    );
    approve(&mut s, id);
    let no = s
        .change(&officer(), |c| {
            papers::make(c, id, 2, today(), "", "", "{年}-制-{序号:04}")
        })
        .unwrap()
        .no;
    let before = fingerprint(&s);
    let mut a = on(27);
    a.unit = "市公安局".into();
    a.channel = "机要交通".into();
    let r = act(&mut s, &officer(), &no, EventKind::Send, a.clone(), None);
    refused(&s, &before, r, "R-PAP-5");
    a.unit = "市保密局".into();
    a.copies = Some(2);
    // Every copy sent: the paper has left the unit.
    assert_eq!(
        act(&mut s, &officer(), &no, EventKind::Send, a, None).unwrap(),
        PaperState::HandedOver
    );
    let p = papers::get(s.conn(), &no).unwrap();
    assert!(p.dispatch_no.unwrap().contains("发"));
}

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

// R-PAP-16: returned to the originator with the receiver named; R-PAP-14: extension names the letter.
#[test]
fn r_pap_16_and_14_return_and_extension() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "清退件", "秘密", |_| {});
    let before = fingerprint(&s);
    let r = act(&mut s, &officer(), &no, EventKind::Return, on(27), None);
    refused(&s, &before, r, "R-PAP-16");
    // Not without the leader's approval of an extension request (R-PAP-14).
    let r = act(&mut s, &officer(), &no, EventKind::Extend, on(27), None);
    refused(&s, &before, r, "R-PAP-14");
    let id = file(
        &mut s,
        Plan::Extend(ExtendPlan {
            paper: no.clone(),
            until: ymd(2027, 6, 30),
            told: "已函告市委办（2026-11-20）".into(),
            reason: "年度工作仍需使用".into(),
        }),
    );
    approve(&mut s, id);
    act(&mut s, &officer(), &no, EventKind::Extend, on(27), Some(id)).unwrap();
    let p = papers::get(s.conn(), &no).unwrap();
    assert!(p.extended);
    assert_eq!(p.extended_until, Some(ymd(2027, 6, 30)));
}

// R-PAP-17: the check the people screens will call: nobody leaves holding papers.
#[test]
fn r_pap_17_departure_blocked_while_holding() {
    let (_d, s) = demo();
    let held = papers::held_by(s.conn(), "黄敏").unwrap();
    assert!(!held.is_empty(), "the demo lends a paper to 黄敏");
    let refs: Vec<_> = held.iter().collect();
    let e = baomi::domain::rules::paper::check_departure("黄敏", &refs).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PAP-17"));
}

// R-PAP-12: a count records every held paper; what is missing becomes a discrepancy.
#[test]
fn r_pap_12_count_with_a_discrepancy() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "待清点", "秘密", |_| {});
    let r = s
        .change(&officer(), |c| {
            stocktake::record(
                c,
                StocktakeKind::Count,
                today(),
                std::slice::from_ref(&no),
                "",
            )
        })
        .unwrap();
    assert_eq!(r.missing, vec![no.clone()]);
    let gaps = stocktake::open_discrepancies(s.conn()).unwrap();
    let gap = gaps.iter().find(|g| g.paper.no == no).unwrap();
    s.change(&officer(), |c| {
        stocktake::resolve(c, gap.id, false, today(), "未找到")
    })
    .unwrap();
    assert_eq!(papers::get(s.conn(), &no).unwrap().state, PaperState::Lost);
    let before = fingerprint(&s);
    let bad = s.change(&officer(), |c| {
        stocktake::record(
            c,
            StocktakeKind::Count,
            today(),
            &["1999-收-0001".to_string()],
            "",
        )
    });
    assert!(bad.is_err());
    assert_eq!(fingerprint(&s), before);
}

// R-PAP-4: numbers are never reused.
#[test]
fn r_pap_4_numbers_are_issued_once() {
    let (_d, mut s) = demo();
    let a = receive(&mut s, "一", "秘密", |_| {});
    let b = receive(&mut s, "二", "秘密", |_| {});
    assert_ne!(a, b);
    let before = fingerprint(&s);
    let mut f = ReceiveForm {
        no: a.clone(),
        title: "重号".into(),
        originator: "x".into(),
        level: "秘密".into(),
        ..ReceiveForm::default()
    };
    f.date = "2026-11-27".into();
    let r = f.parse(today()).unwrap();
    let e = s.change(&officer(), |c| papers::receive(c, &r, "{年}-收-{序号:04}"));
    refused(&s, &before, e, "R-PAP-4");
}

// R-PAP-18: a hand-over names the receiving unit and the receiver; R-INC-1: a loss says how.
#[test]
fn r_pap_18_hand_over_and_r_inc_1_loss_report() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "移交件", "秘密", |_| {});
    let before = fingerprint(&s);
    let mut a = on(27);
    a.unit = "市档案馆".into();
    let r = act(
        &mut s,
        &officer(),
        &no,
        EventKind::HandOver,
        a.clone(),
        None,
    );
    refused(&s, &before, r, "R-PAP-18");
    let r = act(&mut s, &officer(), &no, EventKind::Lost, on(27), None);
    refused(&s, &before, r, "R-INC-1");
    a.person = "周接收".into();
    assert_eq!(
        act(&mut s, &officer(), &no, EventKind::HandOver, a, None).unwrap(),
        PaperState::HandedOver
    );
    // R-PAP-25: handed over, it accepts nothing more.
    let before = fingerprint(&s);
    let r = act(&mut s, &officer(), &no, EventKind::Archive, on(27), None);
    refused(&s, &before, r, "R-PAP-25");
}

// R-PAP-10: a paper out with a reader must come back to the cabinet before it can be lent.
#[test]
fn r_pap_10_back_in_the_cabinet_first() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "外借件", "秘密", |_| {});
    let mut c = on(27);
    c.person = "张三".into();
    act(&mut s, &officer(), &no, EventKind::Circulate, c, None).unwrap();
    let before = fingerprint(&s);
    let r = act(&mut s, &officer(), &no, EventKind::Return, on(27), None);
    refused(&s, &before, r, "R-PAP-10");
}

// R-SYS-1, R-CMP-4: a 机密 unit's passwords are too weak for a 绝密 paper: registering one is
// refused naming the setting, nothing is written, and an import names every such line.
#[test]
fn r_sys_1_nothing_above_the_units_highest_level() {
    let (_d, mut s) = demo();
    // Not while it holds 绝密 papers.
    let e = s
        .change(&officer(), |c| {
            baomi::store::settings::set(c, "highest_level", "机密")
        })
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("R-SYS-1") && e.contains("仍保管着绝密载体"),
        "{e}"
    );
    // Once none is held (here: as if all were destroyed), it may be lowered.
    s.conn()
        .execute("UPDATE paper SET state = 'destroyed' WHERE level = 4", [])
        .unwrap();
    s.change(&officer(), |c| {
        baomi::store::settings::set(c, "highest_level", "机密")
    })
    .unwrap();
    let before = fingerprint(&s);
    let r = ReceiveForm {
        title: "绝密文件".into(),
        originator: "市委".into(),
        level: "绝密".into(),
        ..ReceiveForm::default()
    }
    .parse(today())
    .unwrap();
    let e = s
        .change(&officer(), |c| papers::receive(c, &r, "{年}-收-{序号:04}"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("R-SYS-1") && e.contains("本单位最高密级"), "{e}");
    assert_eq!(fingerprint(&s), before);
    // 机密 itself is fine.
    receive(&mut s, "机密文件", "机密", |_| {});
    // An import lists the line.
    let rows = vec![baomi::store::import::ImportRow {
        line: 7,
        receipt: r.clone(),
        state: baomi::domain::carrier::PaperState::InStock,
    }];
    let errors = baomi::store::import::collisions(s.conn(), &rows).unwrap();
    assert!(errors[0].starts_with("第7行：违反 R-SYS-1"), "{errors:?}");
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
