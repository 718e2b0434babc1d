use super::*;
use crate::domain::account::Role;
use crate::domain::approval::Member;
use crate::domain::dates::ymd;
use crate::domain::rules::media::tests::{cx, values};
use crate::domain::rules::steps::{Signer, sign};

fn provision(level: Level) -> Record {
    Record {
        id: 9,
        spec: &SPEC,
        no: "2026-外-001".into(),
        state: "check",
        level: Some(level),
        keeper: String::new(),
        holder: String::new(),
        registered_on: ymd(2026, 11, 20),
        checked_on: None,
        values: values(&[
            ("title", "江门港区规划资料"),
            ("items", "规划图3张，说明1份"),
            ("provider", "规划科"),
            ("receiver", "某某大学"),
        ]),
    }
}

fn members() -> Vec<Member> {
    vec![
        Member {
            name: "liqiang".into(),
            display_name: "李强".into(),
            leader: false,
            department_head: false,
        },
        Member {
            name: "wangjianguo".into(),
            display_name: "王建国".into(),
            leader: true,
            department_head: false,
        },
    ]
}

fn take(r: &mut Record, role: Role, extra: &[(&str, &str)], day: u32) -> Checked<()> {
    let mut v = values(&[("opinion", "同意")]);
    for (k, x) in extra {
        v.insert(k.to_string(), x.to_string());
    }
    let ms = members();
    let name = if role == Role::Leader {
        "王建国"
    } else {
        "李强"
    };
    let who = Signer {
        role,
        name,
        members: &ms,
    };
    let signed = sign("R-EXT-1", STEPS, r, &v, &who, ymd(2026, 11, day))?;
    check_act(r, SPEC.act("step").unwrap(), &signed, &cx(None))?.apply(r);
    Ok(())
}

const APPROVAL: [(&str, &str); 3] = [
    ("approver", "广东省自然资源厅"),
    ("signed_on", "2026-11-24"),
    ("form_ref", "粤自然资函〔2026〕88号"),
];

// R-EXT-1: the steps of 第二条 in order: check each item, technical treatment, the unit leader's
// review, approval by the authority, filing with the bureau, the agreement with the receiver.
#[test]
fn r_ext_1_steps_in_order() {
    let mut r = provision(Level::Confidential);
    // The unit leader cannot review before the items are checked and treated.
    let e = take(&mut r, Role::Leader, &[], 21).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-EXT-1"));
    assert_eq!(
        take(&mut r, Role::Officer, &[], 21)
            .unwrap_err()
            .field_name(),
        Some("是否交流合作所必需")
    );
    take(&mut r, Role::Officer, &[("needed", "是")], 21).unwrap();
    assert_eq!(r.state, "treat");
    take(&mut r, Role::Officer, &[("treated", "已作技术处理")], 22).unwrap();
    // The approving authority's approval cannot be recorded before the unit leader's review.
    let early = take(&mut r, Role::Officer, &APPROVAL, 22).unwrap_err();
    assert_eq!(early.rule_id(), Some("R-EXT-1"), "{early}");
    take(&mut r, Role::Leader, &[], 23).unwrap();
    assert_eq!(r.state, "approve");
    take(&mut r, Role::Officer, &APPROVAL, 24).unwrap();
    assert_eq!(
        (r.get("approve_name"), r.get("approve_ref")),
        ("广东省自然资源厅", "粤自然资函〔2026〕88号")
    );
    let e = take(&mut r, Role::Officer, &[], 25).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-EXT-1"), "filing names its reference");
    take(
        &mut r,
        Role::Officer,
        &[("form_ref", "江保备〔2026〕3号")],
        25,
    )
    .unwrap();
    take(
        &mut r,
        Role::Officer,
        &[("form_ref", "保密协议2026-01")],
        26,
    )
    .unwrap();
    assert_eq!(r.state, "provided");
    // Not needed for the cooperation: not provided.
    let mut r = provision(Level::Confidential);
    take(&mut r, Role::Officer, &[("needed", "否")], 21).unwrap();
    assert_eq!(r.state, "refused");
    // Internal materials end with the unit leader (第二条(四)).
    let mut r = provision(Level::Internal);
    take(&mut r, Role::Officer, &[("needed", "是")], 21).unwrap();
    take(&mut r, Role::Officer, &[("treated", "无须技术处理")], 21).unwrap();
    take(&mut r, Role::Leader, &[], 22).unwrap();
    assert_eq!(r.state, "provided");
}

// R-EXT-2: 绝密 is not provided; the approving authority is a body outside the unit, named with
// its reference; military matters by a military authority.
#[test]
fn r_ext_2_authority_by_level() {
    let top = values(&[
        ("level", "绝密"),
        ("provider", "规划科"),
        ("receiver", "某某大学"),
    ]);
    let e = check_add(&top, ymd(2026, 11, 27)).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-EXT-2"));
    let mut r = provision(Level::Secret);
    take(&mut r, Role::Officer, &[("needed", "是")], 21).unwrap();
    take(&mut r, Role::Officer, &[("treated", "已作技术处理")], 21).unwrap();
    take(&mut r, Role::Leader, &[], 22).unwrap();
    let inside = [
        ("approver", "王建国"),
        ("signed_on", "2026-11-24"),
        ("form_ref", "批件1"),
    ];
    let e = take(&mut r, Role::Officer, &inside, 24).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-EXT-1"), "{e}");
    let no_ref = [
        ("approver", "广东省自然资源厅"),
        ("signed_on", "2026-11-24"),
    ];
    assert!(take(&mut r, Role::Officer, &no_ref, 24).is_err());
    r.values.insert("military".into(), "是".into());
    let e = take(&mut r, Role::Officer, &APPROVAL, 24).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-EXT-2"));
    let army = [
        ("approver", "南部战区某军事主管部门"),
        ("signed_on", "2026-11-24"),
        ("form_ref", "军批〔2026〕5号"),
    ];
    take(&mut r, Role::Officer, &army, 24).unwrap();
    assert_eq!(r.state, "file");
}

// R-EXT-3: nothing is provided in a person's name: the provider and the receiver are units.
#[test]
fn r_ext_3_units_not_individuals() {
    let v = |provider: &str, receiver: &str| {
        values(&[
            ("level", "秘密"),
            ("provider", provider),
            ("receiver", receiver),
        ])
    };
    let today = ymd(2026, 11, 27);
    assert!(check_add(&v("规划科", "某某大学"), today).is_ok());
    assert!(check_add(&v("规划科", "Example Consulting Ltd."), today).is_ok());
    assert!(check_add(&v("规划科", "JICA Tokyo Office"), today).is_ok());
    for (p, rcv) in [
        ("张伟", "某某大学"),
        ("规划科", "John Smith"),
        ("规划科", "李明"),
    ] {
        let e = check_add(&v(p, rcv), today).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-EXT-3"), "{p} {rcv}");
    }
}

// R-EXT-1: each step's form shows that step's fields only (the check whether needed, the
// treatment, the leader's and the authority's decision, the filing's and the agreement's number),
// and a value given at another step is refused with nothing changed.
#[test]
fn r_ext_1_each_step_form_shows_its_own_fields() {
    let act = SPEC.act("step").unwrap();
    let keys = |step: usize, role: Role| -> Vec<&str> {
        steps::form_fields(act, &STEPS[step], role)
            .iter()
            .map(|f| f.key)
            .collect()
    };
    assert_eq!(
        keys(0, Role::Officer),
        ["opinion", "needed", "approver", "signed_on"]
    );
    assert_eq!(
        keys(1, Role::Officer),
        ["opinion", "treated", "approver", "signed_on"]
    );
    assert_eq!(keys(2, Role::Leader), ["opinion", "decision"]);
    assert_eq!(
        keys(3, Role::Officer),
        ["opinion", "decision", "approver", "signed_on", "form_ref"]
    );
    assert_eq!(
        keys(4, Role::Officer),
        ["opinion", "approver", "signed_on", "form_ref"]
    );
    let mut r = provision(Level::Confidential);
    let e = take(&mut r, Role::Officer, &[("treated", "已作技术处理")], 21).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-EXT-1"));
    assert!(e.to_string().contains("「技术处理」一步填写"), "{e}");
    assert_eq!(r.state, "check", "nothing changed");
}
