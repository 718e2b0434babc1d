//! 清退: returns, extensions, hand-overs, nobody leaving with papers (R-PAP-14 to R-PAP-18), and a
//! loss reported (R-INC-1).

use super::*;
use baomi::domain::paper::ExtendPlan;

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
