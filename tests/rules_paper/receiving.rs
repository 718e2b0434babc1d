//! 收发: numbers issued once (R-PAP-4), sending within the approved distribution (R-PAP-5),
//! nothing above the unit's highest level (R-SYS-1).

use super::*;
use baomi::domain::paper::MakePlan;

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
