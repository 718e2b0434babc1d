use super::*;
use crate::domain::dates::ymd;
use crate::domain::rules::media::tests::{cx, values};

/// A site accepted on 2026-01-10, in use.
pub(crate) fn site(level: Level) -> Record {
    Record {
        id: 7,
        spec: &SPEC,
        no: "YH-001".into(),
        state: IN_USE,
        level: Some(level),
        keeper: String::new(),
        holder: String::new(),
        registered_on: ymd(2026, 1, 5),
        checked_on: None,
        values: values(&[
            ("name", "机要室"),
            ("kind", "部门"),
            ("head", "李强"),
            ("accepted_on", "2026-01-10"),
        ]),
    }
}

fn act(r: &Record, verb: &str, v: &[(&str, &str)]) -> Checked<Outcome> {
    check_act(r, SPEC.act(verb).unwrap(), &values(v), &cx(None))
}

// R-KEY-1: registered with a state-secret level, its head and premises; staff join and leave one
// at a time, never twice.
#[test]
fn r_key_1_register_and_staff() {
    let today = ymd(2026, 11, 27);
    let ok = values(&[("name", "机要室"), ("kind", "部门"), ("level", "机密")]);
    assert!(check_add(&ok, today).is_ok());
    let inner = values(&[("name", "档案室"), ("kind", "部位"), ("level", "内部")]);
    assert_eq!(
        check_add(&inner, today).unwrap_err().rule_id(),
        Some("R-KEY-1")
    );
    let mut r = site(Level::Secret);
    let o = act(&r, "staff", &[("add", "王五")]).unwrap();
    o.apply(&mut r);
    assert_eq!(staff(&r), vec!["王五".to_string()]);
    assert!(act(&r, "staff", &[("add", "王五")]).is_err());
    assert!(act(&r, "staff", &[]).is_err());
    act(&r, "staff", &[("remove", "王五")])
        .unwrap()
        .apply(&mut r);
    assert!(staff(&r).is_empty());
    assert!(act(&r, "staff", &[("remove", "王五")]).is_err());
    // The premises are registration flags, printed with the ledger.
    for k in ["closed_room", "solid_walls", "cabinets", "monitoring"] {
        assert_eq!(SPEC.field(k).map(|f| f.kind), Some(Kind::Flag));
        assert!(SPEC.print.contains(&k));
    }
}

// R-KEY-2: a site registered without its acceptance waits for it; staff, inspection and
// changes are refused naming R-KEY-2 until accepted.
#[test]
fn r_key_2_used_only_after_acceptance() {
    assert_eq!(first_state(&values(&[("name", "机要室")])), PENDING);
    assert_eq!(
        first_state(&values(&[("accepted_on", "2026-01-10")])),
        IN_USE
    );
    let mut r = site(Level::TopSecret);
    r.state = PENDING;
    for (verb, v) in [
        ("staff", vec![("add", "王五")]),
        ("inspect", vec![]),
        ("change", vec![("kind", "搬迁装修")]),
    ] {
        let e = SPEC
            .check(&r, SPEC.act(verb).unwrap(), &values(&v), &cx(None))
            .unwrap_err();
        assert_eq!(e.rule_id(), Some("R-KEY-2"), "{verb}");
    }
    let o = act(&r, "accept", &[]).unwrap();
    assert_eq!(o.state, Some(IN_USE));
    assert_eq!(
        o.set.get("accepted_on").map(String::as_str),
        Some("2026-11-27")
    );
}

// R-KEY-3: an inspection is the site's periodic check.
#[test]
fn r_key_3_inspection_sets_the_check() {
    let o = act(
        &site(Level::TopSecret),
        "inspect",
        &[("findings", "无问题")],
    )
    .unwrap();
    assert_eq!(o.checked_on, Some(ymd(2026, 11, 27)));
}

// R-KEY-4: each change is numbered inside the site (YH-001-1, YH-001-2) and reported once.
#[test]
fn r_key_4_changes_numbered_and_reported() {
    let mut r = site(Level::Secret);
    act(&r, "change", &[("kind", "人员变动")])
        .unwrap()
        .apply(&mut r);
    act(&r, "change", &[("kind", "进口设备")])
        .unwrap()
        .apply(&mut r);
    let c = changes(&r);
    assert_eq!(
        c.iter().map(|c| c.no.as_str()).collect::<Vec<_>>(),
        ["YH-001-1", "YH-001-2"]
    );
    assert_eq!(rectification::split(&c[1].no), Some(("YH-001", 2)));
    act(&r, "reported", &[("item", "2"), ("ref", "报2026-3")])
        .unwrap()
        .apply(&mut r);
    assert_eq!(changes(&r)[1].reported_on, Some(ymd(2026, 11, 27)));
    let again = act(&r, "reported", &[("item", "2")]).unwrap_err();
    assert_eq!(again.rule_id(), Some("R-KEY-4"));
    let none = act(&r, "reported", &[("item", "9")]).unwrap_err();
    assert_eq!(none.rule_id(), Some("R-KEY-4"));
}

// R-TRN-2: 16 hours before the post; 15 are refused naming the rule and the hours missing.
#[test]
fn r_trn_2_sixteen_hours_before_the_post() {
    assert!(check_post_hours("王五", 16, "机要室").is_ok());
    let e = check_post_hours("王五", 15, "机要室").unwrap_err();
    assert_eq!(e.rule_id(), Some("R-TRN-2"));
    assert!(e.to_string().contains("差 1 学时"), "{e}");
}
