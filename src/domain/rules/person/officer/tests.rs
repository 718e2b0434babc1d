//! R-PER-4, R-PER-6, R-PER-8 and R-TRN-4 on a person's travel, certificate, change and absence.
use super::super::SPEC;
use super::super::tests::{person, values};
use super::*;
use crate::domain::dates::ymd;
use crate::domain::ledgers::spec::find;

fn cx<'a>(on: NaiveDate, related: Option<&'a Record>) -> Context<'a> {
    Context {
        today: ymd(2026, 11, 27),
        on,
        related,
        filing: false,
        unit: "江门市某某局",
    }
}

fn act(r: &Record, verb: &str, v: &[(&str, &str)], cx: &Context<'_>) -> Checked<Outcome> {
    SPEC.check(r, SPEC.act(verb).unwrap(), &values(v), cx)
}

fn officer_rec() -> Record {
    let mut r = person("RY-001", "李强", "核心");
    r.values.insert("role".into(), OFFICER.into());
    r.values.insert("vet_result".into(), "通过".into());
    r.values.insert("pledged_on".into(), "2026-01-06".into());
    r
}

fn minute(no: &str, on: NaiveDate) -> Record {
    let spec = find("work-record").unwrap();
    Record {
        id: 90,
        spec,
        no: no.into(),
        state: "kept",
        level: None,
        keeper: String::new(),
        holder: String::new(),
        registered_on: on,
        checked_on: None,
        values: values(&[("kind", "保密工作会议"), ("title", "同意李强因私出境")]),
    }
}

const TRIP: &[(&str, &str)] = &[
    ("destination", "新加坡"),
    ("depart", "2026-12-01"),
    ("return_by", "2026-12-08"),
];

fn trip(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    TRIP.iter().chain(extra).copied().collect()
}

// R-PER-4: a member of staff's trip records where and when, and the R-PER-3 event 因私出国
// follows from it; the return clears it; a second trip waits for the first's return.
#[test]
fn r_per_4_trip_recorded_and_returned() {
    let p = person("RY-002", "张伟", "重要");
    let on = ymd(2026, 11, 27);
    let out = act(&p, "travel", TRIP, &cx(on, None)).unwrap();
    let mut after = p.clone();
    out.apply(&mut after);
    assert_eq!(after.get("abroad_to"), "新加坡");
    assert_eq!(after.get("abroad_until"), "2026-12-08");
    assert_eq!(after.get("last_event"), "因私出国");
    let e = act(&after, "travel", TRIP, &cx(on, None)).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PER-4"));
    let mut back = after.clone();
    act(&after, "home", &[], &cx(ymd(2026, 12, 8), None))
        .unwrap()
        .apply(&mut back);
    assert_eq!(back.get("abroad_to"), "");
    assert!(back.get("last_trip").contains("新加坡"));
    assert_eq!(
        act(&back, "home", &[], &cx(on, None))
            .unwrap_err()
            .rule_id(),
        Some("R-PER-4")
    );
    // The return before the departure, and a trip of more than a year, are refused.
    let bad = [
        ("destination", "英国"),
        ("depart", "2026-12-08"),
        ("return_by", "2026-12-01"),
    ];
    assert!(act(&p, "travel", &bad, &cx(on, None)).is_err());
}

// R-PER-4: during the cooling-off period only a request approved as such goes, and the
// message says how to ask for it.
#[test]
fn r_per_4_cooling_off_needs_the_flag() {
    let mut p = person("RY-003", "王五", "一般");
    p.state = "cooling_off";
    p.values
        .insert("cooling_off_until".into(), "2027-03-01".into());
    let on = ymd(2026, 11, 27);
    let e = act(&p, "travel", TRIP, &cx(on, None)).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PER-4"));
    assert!(e.to_string().contains("脱密期内出境"), "{e}");
    let v = trip(&[("cooling_off", "是")]);
    assert!(act(&p, "travel", &v, &cx(on, None)).is_ok());
    p.state = "released";
    assert!(act(&p, "travel", &v, &cx(on, None)).is_err());
}

// R-PER-4: the officer also needs the secrecy organisation's consent, a minute of its work
// record made before the day.
#[test]
fn r_per_4_officer_needs_the_organisations_consent() {
    let o = officer_rec();
    let on = ymd(2026, 11, 27);
    let e = act(&o, "travel", TRIP, &cx(on, None)).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PER-4"));
    assert!(e.to_string().contains("保密组织"), "{e}");
    let m = minute("2026-记-004", ymd(2026, 11, 20));
    let v = trip(&[("committee", "2026-记-004")]);
    let out = act(&o, "travel", &v, &cx(on, Some(&m))).unwrap();
    assert_eq!(out.set["travel_consent"], "2026-记-004");
    let late = minute("2026-记-004", ymd(2026, 11, 28));
    assert!(act(&o, "travel", &v, &cx(on, Some(&late))).is_err());
}

// R-TRN-4: the trip links the latest briefing the traveller attended before departure.
#[test]
fn r_per_4_r_trn_4_briefing_linked() {
    let mut s = person("PX-001", "-", "一般");
    s.spec = &crate::domain::rules::training::SPEC;
    s.registered_on = ymd(2026, 11, 25);
    s.values = values(&[
        ("form", training::TRAVEL_BRIEFING),
        ("attendees", "张伟、李四"),
    ]);
    let depart = ymd(2026, 12, 1);
    assert_eq!(
        briefing("张伟", std::slice::from_ref(&s), depart).unwrap(),
        "PX-001"
    );
    let e = briefing("王五", std::slice::from_ref(&s), depart).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-TRN-4"));
    assert!(briefing("张伟", std::slice::from_ref(&s), ymd(2026, 11, 20)).is_err());
    s.values.insert("form".into(), "集中培训".into());
    assert!(briefing("张伟", &[s], depart).is_err());
}

// R-PER-6: the certificate only for the officer; leaving inside two years needs the
// organisation's consent and a completed hand-over, and is flagged; a certified officer hands
// the certificate back.
#[test]
fn r_per_6_certificate_and_early_change() {
    let typist = person("RY-004", "陈静", "一般");
    let on = ymd(2026, 11, 27);
    assert_eq!(
        act(&typist, "certify", &[("cert_no", "证-9")], &cx(on, None))
            .unwrap_err()
            .rule_id(),
        Some("R-PER-6")
    );
    let mut o = officer_rec();
    act(
        &o,
        "certify",
        &[("cert_no", "粤保证2026-18")],
        &cx(on, None),
    )
    .unwrap()
    .apply(&mut o);
    assert_eq!(o.get("cert_no"), "粤保证2026-18");
    // Registered 2026-01-05: leaving in 2026 is inside two years.
    let m = minute("2026-记-009", ymd(2026, 11, 20));
    let e = act(&o, "leave", &[("cert_returned", "是")], &cx(on, Some(&m))).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PER-6"));
    assert!(e.to_string().contains("保密组织"), "{e}");
    let full = [("consent", "2026-记-009"), ("cert_returned", "是")];
    let e = act(&o, "leave", &full, &cx(on, Some(&m))).unwrap_err();
    assert!(e.to_string().contains("交接"), "{e}");
    act(&o, "handover", &[("to", "赵敏")], &cx(on, None))
        .unwrap()
        .apply(&mut o);
    let e = act(&o, "leave", &full[..1], &cx(on, Some(&m))).unwrap_err();
    assert!(e.to_string().contains("上岗资格证书"), "{e}");
    let out = act(&o, "leave", &full, &cx(on, Some(&m))).unwrap();
    assert_eq!(out.state, Some("cooling_off"));
    assert_eq!(out.set["early_change"], "在岗不满两年更换");
    assert_eq!(out.set["cert_returned_on"], "2026-11-27");
    assert_eq!(out.set["cooling_off_until"], "2028-11-27");
    // Two years on, no consent needed; the certificate still goes back.
    let later = ymd(2028, 1, 5);
    let e = act(&o, "leave", &[], &cx(later, None)).unwrap_err();
    assert!(e.to_string().contains("上岗资格证书"), "{e}");
    let out = act(&o, "leave", &[("cert_returned", "是")], &cx(later, None)).unwrap();
    assert!(!out.set.contains_key("early_change"));
}

// R-PER-6, R-PER-8: whoever takes over is a cleared person on post, not the officer.
#[test]
fn r_per_6_r_per_8_stand_in_is_cleared() {
    let o = officer_rec();
    let mut z = person("RY-005", "赵敏", "核心");
    z.id = 5;
    assert_eq!(
        check_stand_in("R-PER-8", &o, "路人", None)
            .unwrap_err()
            .rule_id(),
        Some("R-PER-8")
    );
    assert!(check_stand_in("R-PER-8", &o, "赵敏", Some(&z)).is_err());
    z.values.insert("vet_result".into(), "通过".into());
    z.values.insert("pledged_on".into(), "2026-02-01".into());
    assert_eq!(
        check_stand_in("R-PER-8", &o, "赵敏", Some(&z)).unwrap(),
        "赵敏"
    );
    assert!(check_stand_in("R-PER-8", &o, "李强", Some(&o)).is_err());
}

// R-PER-8: the absence is handed over, one at a time, and ended by the return.
#[test]
fn r_per_8_away_and_back() {
    let mut o = officer_rec();
    let on = ymd(2026, 11, 20);
    let v = [
        ("to", "赵敏"),
        ("from", "2026-11-20"),
        ("until", "2026-11-30"),
    ];
    act(&o, "away", &v, &cx(on, None)).unwrap().apply(&mut o);
    assert_eq!(o.get("away_to"), "赵敏");
    assert_eq!(
        act(&o, "away", &v, &cx(on, None)).unwrap_err().rule_id(),
        Some("R-PER-8")
    );
    let bad = [
        ("to", "赵敏"),
        ("from", "2026-11-20"),
        ("until", "2026-11-10"),
    ];
    let fresh = officer_rec();
    assert!(act(&fresh, "away", &bad, &cx(on, None)).is_err());
    assert!(act(&fresh, "back", &[], &cx(on, None)).is_err());
    act(&o, "back", &[], &cx(ymd(2026, 11, 27), None))
        .unwrap()
        .apply(&mut o);
    assert_eq!(o.get("away_to"), "");
    assert!(o.get("last_away").contains("赵敏"));
}
