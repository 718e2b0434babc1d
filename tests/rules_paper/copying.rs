//! 复印: 绝密 copying needs the originating authority, and a copy keeps the marking (R-PAP-19, R-CLS-4).

use super::*;
use baomi::domain::level::{Level, Period};
use baomi::domain::paper::CopyPlan;
use baomi::store::papers::{CopyAct, CopyMarking};

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
