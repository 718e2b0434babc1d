//! 携带: taking a paper out (R-PAP-11).

use super::*;
use baomi::domain::paper::TakeOutPlan;

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
