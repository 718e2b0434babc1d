//! R-INS-1…5, by rule ID.

use super::*;
use crate::domain::dates::ymd;
use crate::domain::rules::media::tests::{cx, values};

/// An inspection of 办公室 on 20 November 2026, done.
pub(crate) fn inspection(kind: &str) -> Record {
    Record {
        id: 11,
        spec: &SPEC,
        no: "JC2026-01".into(),
        state: "open",
        level: Some(Level::Secret),
        keeper: String::new(),
        holder: String::new(),
        registered_on: ymd(2026, 11, 20),
        checked_on: None,
        values: values(&[("kind", kind), ("dept", "办公室")]),
    }
}

fn act(r: &Record, verb: &str, v: &[(&str, &str)]) -> Checked<Outcome> {
    check_act(r, SPEC.act(verb).unwrap(), &values(v), &cx(None))
}

// R-INS-1: the record form's sections are recorded; a check of the day or before is done.
#[test]
fn r_ins_1_sections_recorded() {
    let r = inspection("自查");
    let out = act(
        &r,
        "record",
        &[("equipment", "保密柜完好"), ("premises", "门禁正常")],
    )
    .unwrap();
    assert_eq!(
        out.set.get("equipment").map(String::as_str),
        Some("保密柜完好")
    );
    assert_eq!(out.state, None);
    let today = ymd(2026, 11, 27);
    assert_eq!(
        first_state(&values(&[("kind", "自查")]), today, today),
        Ok("open")
    );
}

// R-INS-2: a finding gets a rectification with a deadline not before the finding; fixed once by
// its number; the archive does not end it.
#[test]
fn r_ins_2_findings_are_rectified_by_a_deadline() {
    let mut r = inspection("抽查");
    let e = act(
        &r,
        "finding",
        &[("text", "柜未上锁"), ("fix_by", "2026-11-01")],
    )
    .unwrap_err();
    assert_eq!(e.rule_id(), Some("R-INS-2"));
    act(
        &r,
        "finding",
        &[("text", "柜未上锁"), ("fix_by", "2026-12-10")],
    )
    .unwrap()
    .apply(&mut r);
    let x = &rectification::open(&r)[0];
    assert_eq!(
        (x.no.as_str(), x.fix_by),
        ("JC2026-01-1", Some(ymd(2026, 12, 10)))
    );
    act(&r, "fixed", &[("item", "1")]).unwrap().apply(&mut r);
    assert!(rectification::open(&r).is_empty());
    assert_eq!(
        act(&r, "fixed", &[("item", "1")]).unwrap_err().rule_id(),
        Some("R-INS-2")
    );
}

// R-INS-3: a finding marked as a leak says when it was found and at what level, and opens an
// incident from that moment.
#[test]
fn r_ins_3_a_leak_found_opens_an_incident() {
    let mut r = inspection("自查");
    let ask = [
        ("text", "机密文件放在互联网计算机上"),
        ("fix_by", "2026-11-30"),
        ("leak", "是"),
    ];
    assert_eq!(
        act(&r, "finding", &ask).unwrap_err().rule_id(),
        Some("R-INS-3")
    );
    let mut ask = ask.to_vec();
    ask.push(("time", "10:15"));
    let out = act(&r, "finding", &ask).unwrap();
    assert_eq!(out.set.get("rect1_leak").map(String::as_str), Some("是"));
    let (day, v) = leak_incident(&r, &values(&ask), ymd(2026, 11, 27))
        .unwrap()
        .unwrap();
    assert_eq!(day, ymd(2026, 11, 27));
    assert_eq!(v.get("time").map(String::as_str), Some("10:15"));
    assert_eq!(v.get("level").map(String::as_str), Some("机密"));
    assert!(v["found_how"].contains("JC2026-01"));
    r.level = None;
    assert_eq!(
        act(&r, "finding", &ask).unwrap_err().rule_id(),
        Some("R-INS-3")
    );
    assert!(
        leak_incident(&r, &values(&ask[..2]), ymd(2026, 11, 27))
            .unwrap()
            .is_none()
    );
}

// R-INS-4: only a bureau check is registered ahead (it waits as 待检查 until done); nothing but
// carrying it out is done before.
#[test]
fn r_ins_4_only_a_bureau_check_ahead() {
    let today = ymd(2026, 11, 27);
    let ahead = ymd(2026, 12, 4);
    for kind in ["自查", "抽查"] {
        let e = first_state(&values(&[("kind", kind)]), ahead, today).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-INS-4"));
    }
    assert_eq!(
        first_state(&values(&[("kind", "局检查")]), ahead, today),
        Ok("planned")
    );
    let mut r = inspection("局检查");
    r.state = "planned";
    let e = act(&r, "finding", &[("text", "x"), ("fix_by", "2026-12-31")]).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-INS-4"));
    let out = act(&r, "conduct", &[("inspectors", "市保密局 王科长")]).unwrap();
    assert_eq!(out.state, Some("open"));
}

// R-INS-5: the archive lists the inspection's papers; nothing is done to it afterwards.
#[test]
fn r_ins_5_archive_lists_its_papers() {
    let mut r = inspection("自查");
    act(
        &r,
        "archive",
        &[
            ("papers", "检查记录表、整改通知、整改报告"),
            ("volume", "2026-JC-1"),
        ],
    )
    .unwrap()
    .apply(&mut r);
    assert_eq!(r.state, "archived");
    assert_eq!(r.get("archive_papers"), "检查记录表、整改通知、整改报告");
    assert_eq!(
        act(&r, "record", &[("other", "x")]).unwrap_err().rule_id(),
        Some("R-INS-5")
    );
}
