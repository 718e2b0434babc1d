//! R-INC-2…5, by rule ID.

use super::*;
use crate::domain::dates::ymd;
use crate::domain::rules::media::tests::{cx, medium, pc, values};

/// An incident of 20 November 2026 at 09:30, waiting for its report.
pub(crate) fn incident() -> Record {
    Record {
        id: 9,
        spec: &SPEC,
        no: "SJ2026-01".into(),
        state: "reporting",
        level: Some(Level::Secret),
        keeper: String::new(),
        holder: String::new(),
        registered_on: ymd(2026, 11, 20),
        checked_on: None,
        values: values(&[
            ("time", "09:30"),
            ("level", "机密"),
            ("what", "机密U盘遗失"),
            ("kind", "遗失"),
        ]),
    }
}

fn act(r: &Record, verb: &str, v: &[(&str, &str)]) -> Checked<Outcome> {
    check_act(r, SPEC.act(verb).unwrap(), &values(v), &cx(None))
}

fn step(r: &mut Record, verb: &str, v: &[(&str, &str)]) {
    let out = act(r, verb, v).unwrap_or_else(|e| panic!("{verb}: {e}"));
    out.apply(r);
}

const CLOSING_ALL: &[(&str, &str)] = &[
    ("investigation", "U盘在会议室遗失，已查明经过"),
    ("handling", "当事人书面检查，通报批评"),
    ("rectified", "修订介质管理办法，全员培训"),
    ("inquiry_ref", "调查报告（2026-12-01）"),
    ("statement_ref", "张三情况说明和检讨书"),
    ("handling_ref", "局党组处理决定"),
];

// R-INC-2: reported, then followed up, then closed, in that order; each step out of order is
// refused naming R-INC-2.
#[test]
fn r_inc_2_report_follow_up_close_in_order() {
    let mut r = incident();
    for verb in ["follow-up", "close"] {
        let e = act(&r, verb, CLOSING_ALL).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-INC-2"), "{verb}: {e}");
    }
    // Not before the event itself.
    let early = Context {
        on: ymd(2026, 11, 20),
        ..cx(None)
    };
    let e = check_act(
        &r,
        SPEC.act("reported").unwrap(),
        &values(&[("time", "08:00")]),
        &early,
    )
    .unwrap_err();
    assert_eq!(e.field_name(), Some("上报时间"));
    step(
        &mut r,
        "reported",
        &[("time", "08:00"), ("ref", "江保〔2026〕5号")],
    );
    assert_eq!(r.state, "reported");
    assert_eq!(r.get("reported_at"), "2026-11-27T08:00");
    assert_eq!(
        act(&r, "reported", &[("time", "09:00")])
            .unwrap_err()
            .rule_id(),
        Some("R-INC-2")
    );
    assert_eq!(
        act(&r, "close", CLOSING_ALL).unwrap_err().rule_id(),
        Some("R-INC-2")
    );
    step(&mut r, "follow-up", &[("note", "已查明经过")]);
    assert_eq!(r.state, "followed");
    step(&mut r, "assist", &[("agency", "公安")]);
    step(
        &mut r,
        "measure",
        &[("text", "修订制度"), ("fix_by", "2026-12-31")],
    );
    step(&mut r, "close", CLOSING_ALL);
    assert_eq!(r.state, "closed");
    assert_eq!(
        act(&r, "measure", &[("text", "x"), ("fix_by", "2026-12-31")])
            .unwrap_err()
            .rule_id(),
        Some("R-INC-5")
    );
    // The measure set is still followed up.
    assert!(act(&r, "fixed", &[("item", "1")]).is_ok());
}

// R-INC-2: the closing report names every material of 第十一条 it still lacks; materials given
// before (or now) count.
#[test]
fn r_inc_2_closing_needs_every_material() {
    let mut r = incident();
    r.state = "followed";
    r.values.insert("assist_on".into(), "2026-11-21".into());
    r.values.insert("rect_count".into(), "1".into());
    let e = act(&r, "close", &CLOSING_ALL[..3]).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-INC-2"));
    let msg = e.to_string();
    assert!(
        msg.contains("调查报告") && msg.contains("处理情况报告"),
        "{msg}"
    );
    assert!(!msg.contains("单位整改情况"), "{msg}");
    r.values.insert("inquiry_ref".into(), "调查报告".into());
    r.values.insert("statement_ref".into(), "检讨书".into());
    r.values.insert("handling_ref".into(), "处理决定".into());
    assert!(act(&r, "close", &CLOSING_ALL[..3]).is_ok());
}

// R-INC-3: a loss, theft or smuggling is not closed before the police or customs were asked to
// help, and the request is recorded; a leak by other means needs none.
#[test]
fn r_inc_3_police_or_customs_recorded() {
    let mut r = incident();
    r.state = "followed";
    r.values.insert("rect_count".into(), "1".into());
    let e = act(&r, "close", CLOSING_ALL).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-INC-3"));
    // The refusal names the act as the screen offers it, and the command line's verb.
    assert!(e.to_string().contains("「报请公安海关协查」"), "{e}");
    assert!(e.to_string().contains("baomi incident assist"), "{e}");
    let out = act(&r, "assist", &[("agency", "海关"), ("ref", "协查函1号")]).unwrap();
    assert_eq!(out.set.get("assist_by").map(String::as_str), Some("海关"));
    out.apply(&mut r);
    assert!(act(&r, "close", CLOSING_ALL).is_ok());
    let mut leak = incident();
    leak.state = "followed";
    leak.values.insert("kind".into(), "泄露".into());
    leak.values.insert("rect_count".into(), "1".into());
    assert!(act(&leak, "close", CLOSING_ALL).is_ok());
}

// R-INC-5: measures with deadlines, each numbered; the follow-up closes one by its number;
// none is closed twice; the case is not closed before a measure is set.
#[test]
fn r_inc_5_measures_with_deadlines_and_follow_up() {
    let mut r = incident();
    r.state = "followed";
    r.values.insert("assist_on".into(), "2026-11-21".into());
    let e = act(&r, "close", CLOSING_ALL).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-INC-5"));
    assert!(e.to_string().contains("「整改措施」"), "{e}");
    let e = act(&r, "measure", &[("text", "x"), ("fix_by", "2026-11-01")]).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-INC-5"));
    step(
        &mut r,
        "measure",
        &[("text", "修订制度"), ("fix_by", "2026-12-31")],
    );
    step(
        &mut r,
        "measure",
        &[("text", "全员培训"), ("fix_by", "2026-12-15")],
    );
    let open = rectification::open(&r);
    assert_eq!(open.len(), 2);
    assert_eq!(open[1].no, "SJ2026-01-2");
    assert_eq!(
        act(&r, "fixed", &[("item", "3")]).unwrap_err().rule_id(),
        Some("R-INC-5")
    );
    assert_eq!(
        act(&r, "fixed", &[]).unwrap_err().rule_id(),
        Some("R-INC-5")
    );
    step(&mut r, "fixed", &[("item", "2"), ("note", "已培训 32 人")]);
    assert_eq!(rectification::open(&r).len(), 1);
    assert_eq!(
        act(&r, "fixed", &[("item", "2")]).unwrap_err().rule_id(),
        Some("R-INC-5")
    );
    assert_eq!(rectification::split("SJ2026-01-2"), Some(("SJ2026-01", 2)));
    assert_eq!(rectification::split("SJ2026"), None);
}

// R-INC-4: a lost medium or computer accepts only its report or being found.
#[test]
fn r_inc_4_lost_carrier_only_report_or_found() {
    let mut m = medium(Level::Secret);
    m.state = "lost";
    for a in super::super::media::SPEC.acts {
        let r = check_lost_carrier(&m, a);
        if matches!(a.verb, "report" | "found") {
            assert!(r.is_ok());
        } else {
            assert_eq!(r.unwrap_err().rule_id(), Some("R-INC-4"), "{}", a.verb);
        }
    }
    let mut p = pc("涉密", Level::Secret, true);
    p.state = "lost";
    let scrap = super::super::computer::SPEC.act("scrap").unwrap();
    assert_eq!(
        check_lost_carrier(&p, scrap).unwrap_err().rule_id(),
        Some("R-INC-4")
    );
    p.state = "in_use";
    assert!(check_lost_carrier(&p, scrap).is_ok());
}

// R-MED-5 with R-INC-2: a lost classified medium opens an incident at the loss's time and level;
// a 内部 one does not (its loss is no leak).
#[test]
fn r_inc_2_a_lost_medium_opens_its_incident() {
    let mut m = medium(Level::Secret);
    m.state = "lost";
    m.values.insert("lost_at".into(), "2026-11-26T15:40".into());
    let (day, v) = for_loss(&m, "会后遗落").unwrap();
    assert_eq!(day, ymd(2026, 11, 26));
    assert_eq!(v.get("time").map(String::as_str), Some("15:40"));
    assert_eq!(v.get("level").map(String::as_str), Some("机密"));
    assert_eq!(v.get("carrier").map(String::as_str), Some("U-017"));
    assert!(v["what"].contains("U盘 U-017 遗失：会后遗落"));
    // Who had it answers for it; lost from the store, its keeper.
    assert_eq!(v.get("responsible"), Some(&m.keeper));
    m.values.insert("lost_by".into(), "赵磊".into());
    let (_, v) = for_loss(&m, "").unwrap();
    assert_eq!(v.get("responsible").map(String::as_str), Some("赵磊"));
    let parsed = LedgerSpec::parse_values(SPEC.fields, &v, ymd(2026, 11, 27)).unwrap();
    assert!(check_add(&parsed, ymd(2026, 11, 27)).is_ok());
    m.level = Some(Level::Internal);
    assert!(for_loss(&m, "").is_none());
}

// R-INC-2, R-MED-5: an open incident stands for its carrier's loss until the carrier is found; a
// loss after that is a new event; a closed incident stands for nothing new.
#[test]
fn r_inc_2_found_carrier_lost_again_is_a_new_event() {
    let mut i = incident();
    assert!(still_covers(&i));
    i.state = "reported";
    assert!(still_covers(&i), "reported, not closed");
    i.values.insert("found_on".into(), "2026-11-21".into());
    assert!(!still_covers(&i));
    i.values.remove("found_on");
    i.state = "closed";
    assert!(!still_covers(&i));
}
