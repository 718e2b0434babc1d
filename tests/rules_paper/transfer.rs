//! 传递: the confidential channels and 绝密's escorts (R-PAP-6).

use super::*;

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
