//! The whole life of a received paper, act by act, through every stage.

use super::*;
use baomi::domain::paper::{DestroyPlan, LoanPlan, TakeOutPlan};

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
