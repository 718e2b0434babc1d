//! 汇编: the originator approves; highest level, longest period (R-PAP-21, R-CLS-5).

use super::*;
use baomi::domain::approval::PaperApproval;
use baomi::domain::level::{Level, Period};
use baomi::domain::paper::CompilePlan;

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
