//! R-ORG-1…6, by rule ID: the registers' own checks.

use super::*;
use crate::domain::dates::ymd;
use crate::domain::rules::media::tests::values;

fn today() -> NaiveDate {
    ymd(2026, 11, 27)
}

pub(crate) fn record(
    spec: &'static LedgerSpec,
    no: &str,
    on: NaiveDate,
    v: &[(&str, &str)],
) -> Record {
    Record {
        id: 1,
        spec,
        no: no.into(),
        state: spec.states[0].key,
        level: None,
        keeper: String::new(),
        holder: String::new(),
        registered_on: on,
        checked_on: None,
        values: values(v),
    }
}

// R-ORG-1: a leader's instruction names the leader; a meeting names who chaired and attended.
#[test]
fn r_org_1_work_record_names_who() {
    let c = WORK_RECORD.check_add;
    let plan = values(&[("kind", "工作计划"), ("title", "2027年保密工作计划")]);
    assert!(c(&plan, today()).is_ok());
    let told = values(&[("kind", "领导批示"), ("title", "加强涉密载体管理")]);
    assert_eq!(c(&told, today()).unwrap_err().rule_id(), Some("R-ORG-1"));
    let meeting = values(&[
        ("kind", "保密工作会议"),
        ("title", "保密委员会全体会议"),
        ("leader", "王建国"),
    ]);
    assert_eq!(c(&meeting, today()).unwrap_err().rule_id(), Some("R-ORG-1"));
    let mut full = meeting.clone();
    full.insert("attendees".into(), "王建国、李强、陈红".into());
    assert!(c(&full, today()).is_ok());
}

// R-ORG-2: a report names a year that has come.
#[test]
fn r_org_2_report_year_bounded() {
    let c = UNIT_REPORT.check_add;
    let ok = values(&[("kind", YEAR_END_SUMMARY), ("year", "2026")]);
    assert!(c(&ok, today()).is_ok());
    for y in ["2027", "1900", "0"] {
        let bad = values(&[("kind", OFFICER_REPORT), ("year", y)]);
        assert_eq!(
            c(&bad, today()).unwrap_err().field_name(),
            Some("年度"),
            "{y}"
        );
    }
}

// R-ORG-3: a reward on a ground of 第三条 in a form of 第四条; a penalty on a ground of 第五至七条.
#[test]
fn r_org_3_grounds_match_the_kind() {
    let c = MERIT.check_add;
    assert_eq!(REWARD_GROUNDS.len(), 5);
    assert_eq!(PENALTY_GROUNDS.len(), 14);
    let reward = values(&[
        ("kind", "奖励"),
        ("whom", "办公室"),
        ("ground", REWARD_GROUNDS[4]),
        ("form", "奖状、奖金"),
    ]);
    assert!(c(&reward, today()).is_ok());
    let mut wrong_ground = reward.clone();
    wrong_ground.insert("ground".into(), PENALTY_GROUNDS[0].into());
    assert_eq!(
        c(&wrong_ground, today()).unwrap_err().rule_id(),
        Some("R-ORG-3")
    );
    let mut wrong_form = reward.clone();
    wrong_form.insert("form".into(), "奖状、旅游".into());
    let e = c(&wrong_form, today()).unwrap_err();
    assert!(e.to_string().contains("旅游"), "{e}");
    let penalty = values(&[
        ("kind", "处罚"),
        ("whom", "某某"),
        ("ground", PENALTY_GROUNDS[7]),
        ("form", "警告处分"),
    ]);
    assert!(c(&penalty, today()).is_ok());
    let mut soft = penalty.clone();
    soft.insert("ground".into(), REWARD_GROUNDS[0].into());
    assert_eq!(c(&soft, today()).unwrap_err().rule_id(), Some("R-ORG-3"));
    // The form's choice reads every ground the rules list, and nothing else.
    let f = MERIT.field("ground").unwrap();
    assert!(f.parse(GROUNDS[10], today()).is_ok());
    assert!(f.parse("表现不好", today()).is_err());
}

// R-ORG-4: an activity has its form; its record form is sent once, by a leader, not before it.
#[test]
fn r_org_4_activity_and_its_record_form() {
    let c = coop::SPEC.check_add;
    let no_form = values(&[("kind", coop::ACTIVITY), ("title", "上半年协作组会议")]);
    assert_eq!(c(&no_form, today()).unwrap_err().rule_id(), Some("R-ORG-4"));
    let article = values(&[("kind", coop::ARTICLE), ("title", "我局开展保密自查")]);
    assert!(c(&article, today()).is_ok());
    let sent = coop::SPEC.act("sent").unwrap();
    let a = record(
        &coop::SPEC,
        "2026-协-001",
        ymd(2026, 6, 10),
        &[("kind", coop::ACTIVITY), ("title", "上半年协作组会议")],
    );
    let cx = |on| Context {
        today: today(),
        on,
        unit: "江门市某某局",
        related: None,
        filing: false,
    };
    let by = values(&[("signed_by", "王建国")]);
    let out = (coop::SPEC.check_act)(&a, sent, &by, &cx(ymd(2026, 6, 15))).unwrap();
    assert_eq!(
        out.set.get("sent_on").map(String::as_str),
        Some("2026-06-15")
    );
    assert!((coop::SPEC.check_act)(&a, sent, &by, &cx(ymd(2026, 6, 9))).is_err());
    let mut done = a.clone();
    out.apply(&mut done);
    let e = (coop::SPEC.check_act)(&done, sent, &by, &cx(ymd(2026, 6, 16))).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-ORG-4"));
    let art = record(
        &coop::SPEC,
        "2026-协-002",
        ymd(2026, 6, 10),
        &[("kind", coop::ARTICLE)],
    );
    let e = (coop::SPEC.check_act)(&art, sent, &by, &cx(ymd(2026, 6, 15))).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-ORG-4"));
}

// R-ORG-5: an assessment names a year that has come.
#[test]
fn r_org_5_assessment_year() {
    let c = ASSESSMENT.check_add;
    let ok = values(&[("leader", "王建国"), ("year", "2026"), ("result", "称职")]);
    assert!(c(&ok, today()).is_ok());
    let ahead = values(&[("leader", "王建国"), ("year", "2030"), ("result", "称职")]);
    assert!(c(&ahead, today()).is_err());
}

// R-ORG-6: a change is reported once, not before it happened.
#[test]
fn r_org_6_change_reported_once() {
    let act = STAFF_CHANGE.act("reported").unwrap();
    let r = record(
        &STAFF_CHANGE,
        "2026-变-001",
        ymd(2026, 11, 2),
        &[("name", "赵敏"), ("post", "保密员"), ("change", "新任")],
    );
    let cx = |on| Context {
        today: today(),
        on,
        unit: "江门市某某局",
        related: None,
        filing: false,
    };
    let out = (STAFF_CHANGE.check_act)(&r, act, &Values::new(), &cx(ymd(2026, 11, 5))).unwrap();
    assert_eq!(out.state, Some("reported"));
    assert!((STAFF_CHANGE.check_act)(&r, act, &Values::new(), &cx(ymd(2026, 11, 1))).is_err());
    let mut done = r.clone();
    out.apply(&mut done);
    let e = (STAFF_CHANGE.check_act)(&done, act, &Values::new(), &cx(ymd(2026, 11, 6)));
    assert_eq!(e.unwrap_err().rule_id(), Some("R-ORG-6"));
}
