use super::*;
use crate::domain::account::Role;
use crate::domain::approval::Member;
use crate::domain::dates::ymd;
use crate::domain::rules::media::tests::{cx, values};
use crate::domain::rules::steps::{Signer, sign};

/// A review waiting for its handler's proposal, registered 20 November 2026.
pub(crate) fn review(way: &str) -> Record {
    Record {
        id: 7,
        spec: &SPEC,
        no: "2026-审-001".into(),
        state: "handler",
        level: None,
        keeper: String::new(),
        holder: String::new(),
        registered_on: ymd(2026, 11, 20),
        checked_on: None,
        values: values(&[
            ("title", "关于2026年度财政预算执行情况的报告"),
            ("doc_no", "江某〔2026〕8号"),
            ("made_on", "2026-11-10"),
            ("way", way),
        ]),
    }
}

fn members() -> Vec<Member> {
    let m = |name: &str, display: &str, leader, head| Member {
        name: name.into(),
        display_name: display.into(),
        leader,
        department_head: head,
    };
    vec![
        m("liqiang", "李强", false, false),
        m("chenhong", "陈红", false, true),
        m("wangjianguo", "王建国", true, false),
    ]
}

/// Signs and takes the next step as `role` (`name`), dated `on`; applies it to `r`.
fn take(r: &mut Record, role: Role, name: &str, extra: &[(&str, &str)], day: u32) -> Checked<()> {
    let mut v = values(&[("opinion", "同意")]);
    for (k, x) in extra {
        v.insert(k.to_string(), x.to_string());
    }
    let ms = members();
    let who = Signer {
        role,
        name,
        members: &ms,
    };
    let signed = sign("R-DIS-2", STEPS, r, &v, &who, ymd(2026, 11, day))?;
    let out = check_act(r, SPEC.act("step").unwrap(), &signed, &cx(None))?;
    out.apply(r);
    Ok(())
}

// R-DIS-1: a review records the item and the four answers; answers that contradict each other
// (technical separation of what is not secret) are refused.
#[test]
fn r_dis_1_review_records_the_item_and_answers() {
    let ok = values(&[("title", "通知"), ("secret", "是"), ("separated", "是")]);
    assert!(check_add(&ok, ymd(2026, 11, 27)).is_ok());
    let bad = values(&[("title", "通知"), ("secret", "否"), ("separated", "是")]);
    let e = check_add(&bad, ymd(2026, 11, 27)).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-DIS-1"));
    for label in [
        "标题（内容摘要）",
        "文号",
        "产生日期",
        "公开方式",
        "是否涉密",
    ] {
        assert!(SPEC.fields.iter().any(|f| f.label == label), "{label}");
    }
    assert!(SPEC.field("title").unwrap().required && SPEC.field("made_on").unwrap().required);
}

// R-DIS-2: three steps in order, each by its own role, each recording name, opinion and date.
#[test]
fn r_dis_2_three_steps_in_order_each_by_its_role() {
    let mut r = review("主动");
    take(&mut r, Role::Officer, "李强", &[("secret", "否")], 21).unwrap();
    assert_eq!(r.state, "department");
    assert_eq!(
        (
            r.get("handler_name"),
            r.get("handler_on"),
            r.get("handler_opinion")
        ),
        ("李强", "2026-11-21", "同意")
    );
    // The unit leader cannot approve before the department leader has reviewed.
    let e = take(&mut r, Role::Leader, "王建国", &[("decision", "公开")], 22).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-DIS-2"));
    assert!(e.to_string().contains("部门领导审核"), "{e}");
    // Nor on a signed form naming the leader for the department leader's step.
    let paper = [
        ("approver", "王建国"),
        ("signed_on", "2026-11-22"),
        ("form_ref", "流程表07"),
    ];
    let e = take(&mut r, Role::Officer, "李强", &paper, 22).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-DIS-2"));
    // The officer cannot take the department leader's step by login.
    assert!(take(&mut r, Role::Officer, "李强", &[], 22).is_err());
    take(&mut r, Role::DepartmentHead, "陈红", &[], 22).unwrap();
    assert_eq!((r.state, r.get("department_name")), ("leader", "陈红"));
    // A step's date is not before the step before it.
    let early = [
        ("approver", "王建国"),
        ("signed_on", "2026-11-21"),
        ("form_ref", "流程表07"),
        ("decision", "公开"),
    ];
    let e = take(&mut r, Role::Officer, "李强", &early, 23).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-DIS-2"));
    assert!(e.to_string().contains("早于上一步"), "{e}");
    let signed = [
        ("approver", "王建国"),
        ("signed_on", "2026-11-23"),
        ("form_ref", "流程表07"),
        ("decision", "公开"),
    ];
    take(&mut r, Role::Officer, "李强", &signed, 24).unwrap();
    assert_eq!(r.state, "published");
    assert_eq!(
        (
            r.get("leader_name"),
            r.get("leader_on"),
            r.get("leader_ref")
        ),
        ("王建国", "2026-11-23", "流程表07")
    );
    // Nothing after the last step.
    let e = take(&mut r, Role::Leader, "王建国", &[], 25).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-DIS-2"));
}

// R-DIS-2: each step is signed by a different person: a department head named as the handler on
// a signed form does not then review her own proposal.
#[test]
fn r_dis_2_no_one_signs_two_steps() {
    let mut r = review("主动");
    take(&mut r, Role::Officer, "李强", &[("approver", "陈红")], 21).unwrap();
    assert_eq!(r.get("handler_name"), "陈红");
    let e = take(&mut r, Role::DepartmentHead, "陈红", &[], 22).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-DIS-2"));
    assert!(e.to_string().contains("不同的人"), "{e}");
}

// R-DIS-2, R-SYS-6: a viewer takes no step; a signed form is copied in by the officer only, and
// names its date and number.
#[test]
fn r_dis_2_who_may_record_a_step() {
    let mut r = review("主动");
    let e = take(&mut r, Role::Viewer, "孙丽", &[], 21).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-DIS-2"));
    take(&mut r, Role::Officer, "李强", &[], 21).unwrap();
    let form = [
        ("approver", "陈红"),
        ("signed_on", "2026-11-22"),
        ("form_ref", "表1"),
    ];
    let e = take(&mut r, Role::Leader, "王建国", &form, 22).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-SYS-6"));
    let e = take(&mut r, Role::Officer, "李强", &form[..2], 22).unwrap_err();
    assert_eq!(e.field_name(), Some("文件编号"));
    let e = take(&mut r, Role::Officer, "李强", &[("approver", "陈红")], 22).unwrap_err();
    assert_eq!(e.field_name(), Some("签字日期"));
    take(&mut r, Role::Officer, "李强", &form, 22).unwrap();
    assert_eq!(
        (r.get("department_name"), r.get("department_ref")),
        ("陈红", "表1")
    );
}

// R-DIS-2: the review questions are the handler's; a later step cannot change them, and the
// department leader's review is an opinion, not a decision.
#[test]
fn r_dis_2_only_the_handler_answers_the_questions() {
    let mut r = review("主动");
    take(&mut r, Role::Officer, "李强", &[], 21).unwrap();
    for given in [("secret", "否"), ("decision", "公开")] {
        let e = take(&mut r, Role::DepartmentHead, "陈红", &[given], 22).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-DIS-2"), "{given:?}");
        assert!(e.to_string().contains("「部门领导审核」不填"), "{e}");
        assert_eq!(r.state, "department", "nothing changed");
    }
}

// R-DIS-2: each step's form shows that step's fields only: the handler's proposal its answers
// and proposal, the department leader the opinion, the unit leader the decision; the signature
// fields only where a signed form is copied in (the officer), none for a leader's own login.
#[test]
fn r_dis_2_each_step_form_shows_its_own_fields() {
    let act = SPEC.act("step").unwrap();
    let keys = |step: usize, role: Role| -> Vec<&str> {
        steps::form_fields(act, &STEPS[step], role)
            .iter()
            .map(|f| f.key)
            .collect()
    };
    assert_eq!(
        keys(0, Role::Officer),
        [
            "opinion",
            "decision",
            "secret",
            "changed",
            "separated",
            "other",
            "approver",
            "signed_on"
        ]
    );
    assert_eq!(keys(1, Role::DepartmentHead), ["opinion"]);
    assert_eq!(
        keys(1, Role::Officer),
        ["opinion", "approver", "signed_on", "form_ref"]
    );
    assert_eq!(keys(2, Role::Leader), ["opinion", "decision"]);
    assert_eq!(
        keys(2, Role::Officer),
        ["opinion", "decision", "approver", "signed_on", "form_ref"]
    );
}

// R-DIS-3: the unit leader's approval to publish is refused when the answers say secret and not
// technically separated, when it is not known whether it is secret, or when other content is
// unfit; 不予公开 is always open to the leader; separated secret content may be published.
#[test]
fn r_dis_3_no_approval_to_publish_what_must_not_be() {
    let through = |answers: &[(&str, &str)]| {
        let mut r = review("主动");
        take(&mut r, Role::Officer, "李强", answers, 21).unwrap();
        take(&mut r, Role::DepartmentHead, "陈红", &[], 22).unwrap();
        r
    };
    for answers in [
        &[("secret", "是")][..],
        &[("secret", "是"), ("separated", "否")][..],
        &[][..],
        &[("secret", "否"), ("other", "是")][..],
    ] {
        let mut r = through(answers);
        let e = take(&mut r, Role::Leader, "王建国", &[("decision", "公开")], 23).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-DIS-3"), "{answers:?}");
        assert_eq!(r.state, "leader", "nothing changed");
        take(
            &mut r,
            Role::Leader,
            "王建国",
            &[("decision", "不予公开")],
            23,
        )
        .unwrap();
        assert_eq!(r.state, "withheld");
    }
    let mut r = through(&[("secret", "是"), ("separated", "是")]);
    take(&mut r, Role::Leader, "王建国", &[("decision", "公开")], 23).unwrap();
    assert_eq!(r.state, "published");
    // The leader's step names its decision.
    let mut r = through(&[("secret", "否")]);
    let e = take(&mut r, Role::Leader, "王建国", &[], 23).unwrap_err();
    assert_eq!(e.field_name(), Some("审查结论"));
}

// R-DIS-4: only a request's review (依申请) waits for an answer, until it is decided.
#[test]
fn r_dis_4_a_request_awaits_its_answer() {
    assert!(awaits_answer(&review("依申请")));
    assert!(!awaits_answer(&review("主动")));
    let mut r = review("依申请");
    r.state = "deferred";
    assert!(!awaits_answer(&r));
}
