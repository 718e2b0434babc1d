//! 传阅: within the knowledge scope, 绝密 in the secrecy room (R-PAP-7, R-PAP-8), and back in the
//! cabinet before anything else (R-PAP-10).

use super::*;

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

// R-PAP-10: a paper out with a reader comes back to the cabinet before anything else is done with
// it (here, returning it to its originator).
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
