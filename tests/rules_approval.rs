//! Approvals that prove something (issue 9 points 1, 4, 6): who may approve each kind of request,
//! a recorded approval that is real, acts dated after the decision and within its term, and the
//! acts that now wait for a decision (extensions, declassification of what the unit made).

mod common;

use baomi::domain::approval::PaperApproval;
use baomi::domain::carrier::EventKind;
use baomi::domain::dates::ymd;
use baomi::domain::level::{Level, Period};
use baomi::domain::paper::{CopyPlan, ExtendPlan, MakePlan, Paper, Plan, ReviewPlan};
use baomi::domain::rules::paper::Act;
use baomi::store::papers::{self};
use baomi::store::{Stamp, Store, StoreError, approvals};
use chrono::NaiveDate;
use common::*;

/// The officer on `day` of November 2026.
fn officer_on(day: u32) -> Stamp {
    Stamp::on("liqiang", ymd(2026, 11, day), now())
}

fn file_on(s: &mut Store, day: u32, plan: Plan) -> i64 {
    s.change(&officer_on(day), |c| approvals::file(c, plan))
        .unwrap()
        .id
}

fn form(approver: &str, date: NaiveDate) -> PaperApproval {
    PaperApproval {
        approver: approver.into(),
        date,
        form_ref: "审批表2026-07".into(),
    }
}

fn record(s: &mut Store, id: i64, f: &PaperApproval) -> Result<approvals::Request, StoreError> {
    s.change(&officer(), |c| approvals::decide(c, id, true, "", Some(f)))
}

/// Acts as the officer on the act's own day.
fn act(
    s: &mut Store,
    no: &str,
    kind: EventKind,
    a: Act,
    request: Option<i64>,
) -> Result<Paper, StoreError> {
    let st = Stamp::on("liqiang", a.on, now());
    act_by(s, &st, no, kind, a, request)
}

fn on(y: i32, m: u32, d: u32) -> Act {
    Act {
        on: ymd(y, m, d),
        ..Act::default()
    }
}

// R-SYS-6, R-PAP-9: a signed approval names a leader of this unit (anyone else is refused with the
// list of who may approve), and is signed on or after the day the request was filed.
#[test]
fn r_sys_6_a_recorded_approval_names_a_leader_and_follows_the_filing() {
    let (_d, mut s) = demo();
    let no = receive_scoped(&mut s, "借阅件", "秘密", "张三、办公室");
    let id = file_on(&mut s, 20, loan(&no, "张三"));
    let before = fingerprint(&s);
    let msg = refused_by(
        record(&mut s, id, &form("随便谁", ymd(2026, 11, 21))),
        &s,
        &before,
        "R-SYS-6",
    );
    assert!(msg.contains("随便谁") && msg.contains("王建国"), "{msg}");
    // An officer is not a leader either.
    refused_by(
        record(&mut s, id, &form("赵敏", ymd(2026, 11, 21))),
        &s,
        &before,
        "R-SYS-6",
    );
    // Signed before it was asked for.
    let msg = refused_by(
        record(&mut s, id, &form("王建国", ymd(2026, 11, 19))),
        &s,
        &before,
        "R-SYS-6",
    );
    assert!(msg.contains("早于申请提交日期"), "{msg}");
    // By user name or by name; the record keeps the name.
    let r = record(&mut s, id, &form("wangjianguo", ymd(2026, 11, 21))).unwrap();
    assert_eq!(r.approver.as_deref(), Some("王建国"));
    assert_eq!(r.decided_on, Some(ymd(2026, 11, 21)));
}

// R-PAP-9: the act under an approval is dated on or after the decision, for the paper and act it
// approved, within the approval's term (setting, default 30 days) — and the queue says when it
// has lapsed.
#[test]
fn r_pap_9_an_approval_is_used_after_it_for_its_paper_within_its_term() {
    let (_d, mut s) = demo();
    let no = receive_scoped(&mut s, "借阅件", "秘密", "张三、办公室");
    let other = receive_scoped(&mut s, "另一件", "秘密", "张三、办公室");
    let id = file_on(&mut s, 3, loan(&no, "张三"));
    record(&mut s, id, &form("王建国", ymd(2026, 11, 5))).unwrap();
    let before = fingerprint(&s);
    let msg = refused_by(
        act(&mut s, &no, EventKind::Loan, on(2026, 11, 4), Some(id)),
        &s,
        &before,
        "R-PAP-9",
    );
    assert!(msg.contains("早于批准日期"), "{msg}");
    // Approved for one paper, not another.
    refused_by(
        act(&mut s, &other, EventKind::Loan, on(2026, 11, 6), Some(id)),
        &s,
        &before,
        "R-PAP-9",
    );
    // Approved for a loan, not a take-out.
    refused_by(
        act(&mut s, &no, EventKind::TakeOut, on(2026, 11, 6), Some(id)),
        &s,
        &before,
        "R-PAP-11",
    );
    // The term: approved 5 November, lapses after 5 December.
    let r = approvals::get(s.conn(), id).unwrap();
    assert_eq!(r.expires_on, Some(ymd(2026, 12, 5)));
    assert!(!r.lapsed(ymd(2026, 12, 5)));
    assert!(r.lapsed(ymd(2026, 12, 6)));
    let msg = refused_by(
        act(&mut s, &no, EventKind::Loan, on(2026, 12, 6), Some(id)),
        &s,
        &before,
        "R-PAP-9",
    );
    assert!(msg.contains("过期"), "{msg}");
    act(&mut s, &no, EventKind::Loan, on(2026, 11, 6), Some(id)).unwrap();
}

// R-PAP-19: copying 绝密 is approved by the originating authority — never by a leader of this
// unit, by login or on a form; its name and reference are recorded.
#[test]
fn r_pap_19_top_secret_copies_are_approved_by_the_originator() {
    let (_d, mut s) = demo();
    s.change(&officer(), |c| {
        baomi::store::settings::set(c, "highest_level", "绝密")
    })
    .unwrap();
    let no = receive_scoped(&mut s, "绝密件", "绝密", "王建国");
    let id = file_on(
        &mut s,
        20,
        Plan::Copy(CopyPlan {
            paper: no.clone(),
            copies: 1,
            purpose: "会议".into(),
            external_ref: "江委办函〔2026〕5号".into(),
        }),
    );
    let r = approvals::get(s.conn(), id).unwrap();
    assert_eq!(r.decider, "原制发机关（或其上级机关）");
    let before = fingerprint(&s);
    refused_by(
        s.change(&leader(), |c| approvals::decide(c, id, true, "同意", None)),
        &s,
        &before,
        "R-PAP-19",
    );
    refused_by(
        record(&mut s, id, &form("王建国", ymd(2026, 11, 21))),
        &s,
        &before,
        "R-PAP-19",
    );
    let r = record(&mut s, id, &form("市委办公室", ymd(2026, 11, 21))).unwrap();
    assert_eq!(r.approver.as_deref(), Some("市委办公室"));
    // A 机密 copy is the unit leader's.
    let secret = receive_scoped(&mut s, "机密件", "机密", "王建国");
    let id = file_on(
        &mut s,
        20,
        Plan::Copy(CopyPlan {
            paper: secret,
            copies: 1,
            purpose: "会议".into(),
            external_ref: String::new(),
        }),
    );
    assert_eq!(approvals::get(s.conn(), id).unwrap().decider, "主管领导");
}

// R-PAP-1: making is approved by the unit leader; a login approval is dated today.
#[test]
fn r_pap_1_making_is_the_unit_leaders() {
    let (_d, mut s) = demo();
    let id = file_on(
        &mut s,
        20,
        Plan::Make(MakePlan {
            title: "纪要".into(),
            level: "秘密".into(),
            period: String::new(),
            scope: vec!["办公室".into()],
            copies: 2,
            distribution: vec![],
            purpose: String::new(),
            ..MakePlan::default()
        }),
    );
    let r = s
        .change(&leader(), |c| approvals::decide(c, id, true, "同意", None))
        .unwrap();
    assert_eq!(r.decider, "主管领导");
    assert_eq!(r.approver.as_deref(), Some("王建国"));
    // A make dated before the decision is refused.
    let before = fingerprint(&s);
    refused_by(
        s.change(&officer(), |c| {
            papers::make(c, id, 1, ymd(2026, 11, 20), "", "", "{年}-制-{序号:04}")
        }),
        &s,
        &before,
        "R-PAP-1",
    );
}

// R-PAP-14: an extension is the leader's decision with its end date (at most a year past the
// clearing it postpones, setting) and the originator told; the paper is due again on that date.
#[test]
fn r_pap_14_extensions_are_approved_and_dated() {
    let (_d, mut s) = demo();
    let no = receive_scoped(&mut s, "延期件", "秘密", "张三");
    let before = fingerprint(&s);
    let too_late = s.change(&officer(), |c| {
        approvals::file(
            c,
            Plan::Extend(ExtendPlan {
                paper: no.clone(),
                until: ymd(2028, 4, 1),
                told: "已函告".into(),
                reason: String::new(),
            }),
        )
    });
    let msg = refused_by(too_late, &s, &before, "R-PAP-14");
    assert!(msg.contains("2028年3月31日"), "{msg}");
    let untold = s.change(&officer(), |c| {
        approvals::file(
            c,
            Plan::Extend(ExtendPlan {
                paper: no.clone(),
                until: ymd(2027, 6, 30),
                told: " ".into(),
                reason: String::new(),
            }),
        )
    });
    refused_by(untold, &s, &before, "R-PAP-14");
    let id = file_on(
        &mut s,
        27,
        Plan::Extend(ExtendPlan {
            paper: no.clone(),
            until: ymd(2027, 6, 30),
            told: "江保函〔2026〕3号".into(),
            reason: "专项工作仍需使用".into(),
        }),
    );
    // Not before it is approved.
    let before = fingerprint(&s);
    refused_by(
        act(&mut s, &no, EventKind::Extend, on(2026, 11, 27), Some(id)),
        &s,
        &before,
        "R-PAP-14",
    );
    s.change(&leader(), |c| approvals::decide(c, id, true, "同意", None))
        .unwrap();
    // Another date than the approved one is refused.
    let mut other = on(2026, 11, 27);
    other.due = Some(ymd(2027, 12, 31));
    let before = fingerprint(&s);
    refused_by(
        act(&mut s, &no, EventKind::Extend, other, Some(id)),
        &s,
        &before,
        "R-PAP-14",
    );
    let p = act(&mut s, &no, EventKind::Extend, on(2026, 11, 27), Some(id)).unwrap();
    assert_eq!(p.extended_until, Some(ymd(2027, 6, 30)));
    // The paper is due for clearing again on that date.
    let settings = baomi::store::settings::load(s.conn()).unwrap();
    let due = baomi::store::due::items(s.conn(), ymd(2027, 7, 1), &settings, 0).unwrap();
    let item = due
        .iter()
        .find(|d| d.subject == no && d.rule == "R-PAP-14")
        .expect("back on the due list");
    assert_eq!(item.due, ymd(2027, 6, 30));
}

// R-CLS-7: a paper the unit made is declassified or re-marked only as the leader approves; a
// received one only on the originator's notice, whose reference is recorded.
#[test]
fn r_cls_7_declassification_needs_approval_or_the_originators_notice() {
    let (_d, mut s) = demo();
    // A paper this unit made.
    let id = file_on(
        &mut s,
        20,
        Plan::Make(MakePlan {
            title: "工作方案".into(),
            level: "机密".into(),
            period: "10年".into(),
            scope: vec!["办公室".into()],
            copies: 1,
            distribution: vec![],
            purpose: String::new(),
            ..MakePlan::default()
        }),
    );
    s.change(&leader(), |c| approvals::decide(c, id, true, "同意", None))
        .unwrap();
    let made = s
        .change(&officer(), |c| {
            papers::make(c, id, 1, today(), "", "", "{年}-制-{序号:04}")
        })
        .unwrap()
        .no;
    let mut declassify = on(2026, 11, 27);
    declassify.method = "解密".into();
    let before = fingerprint(&s);
    refused_by(
        act(&mut s, &made, EventKind::Review, declassify.clone(), None),
        &s,
        &before,
        "R-CLS-7",
    );
    let review = file_on(
        &mut s,
        27,
        Plan::Review(ReviewPlan {
            paper: made.clone(),
            result: "变更密级".into(),
            until: None,
            level: "秘密".into(),
            reason: "部分内容已公开".into(),
        }),
    );
    s.change(&leader(), |c| {
        approvals::decide(c, review, true, "同意", None)
    })
    .unwrap();
    // The leader approved 变更密级 for 秘密, not 解密.
    let before = fingerprint(&s);
    refused_by(
        act(
            &mut s,
            &made,
            EventKind::Review,
            declassify.clone(),
            Some(review),
        ),
        &s,
        &before,
        "R-CLS-7",
    );
    let p = act(
        &mut s,
        &made,
        EventKind::Review,
        on(2026, 11, 27),
        Some(review),
    )
    .unwrap();
    assert_eq!(p.level, Level::Confidential);
    // A received paper: its originator decides; a request is refused, a notice is required.
    let received = receive_scoped(&mut s, "来文", "秘密", "张三");
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| {
        approvals::file(
            c,
            Plan::Review(ReviewPlan {
                paper: received.clone(),
                result: "解密".into(),
                until: None,
                level: String::new(),
                reason: "到期".into(),
            }),
        )
    });
    refused_by(r, &s, &before, "R-CLS-7");
    refused_by(
        act(
            &mut s,
            &received,
            EventKind::Review,
            declassify.clone(),
            None,
        ),
        &s,
        &before,
        "R-CLS-7",
    );
    let mut notice = declassify;
    notice.reference = "江委办密〔2026〕2号".into();
    let p = act(&mut s, &received, EventKind::Review, notice, None).unwrap();
    assert_eq!(p.level, Level::Public);
    assert_eq!(p.period, None::<Period>);
    // The review register prints either: the leader's approval, or the originator's notice.
    let reg = baomi::store::registers::load(
        s.conn(),
        baomi::store::registers::RegisterKind::Reviews,
        None,
        None,
    )
    .unwrap();
    let rows: Vec<&Vec<String>> = reg
        .rows
        .iter()
        .map(|r| &r.cells)
        .filter(|c| c[0] == made || c[0] == received)
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0][3], "变更密级为秘密");
    assert_eq!(rows[0][4], "部分内容已公开");
    assert!(rows[0][5].starts_with("王建国批准"), "{:?}", rows[0]);
    assert_eq!(rows[1][3], "解密");
    assert_eq!(rows[1][5], "市委办公室通知 江委办密〔2026〕2号");
}
