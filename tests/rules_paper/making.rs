//! 制作: making needs the leader's approval, a classification decision, no extra copies (R-PAP-1, R-PAP-2,
//! R-CLS-3).

use super::*;
use baomi::domain::paper::MakePlan;

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
