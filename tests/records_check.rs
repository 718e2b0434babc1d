//! The periodic check by scanning in the store (R-MED-6, R-CMP-9) and the lifecycle fixes of
//! issue 10 on the demo's records: one change per check, refusals that write nothing, the
//! registration in a record's history, a classified computer waiting for its filing (R-CMP-2).

mod common;

use std::collections::BTreeMap;

use baomi::domain::ledgers::LedgerSpec;
use baomi::domain::rules::{computer, media};
use baomi::store::records::{self, ActForm};
use baomi::store::{Store, StoreError};
use common::*;

/// The demo with its media, computers, devices, rooms and people.
fn full() -> (tempfile::TempDir, Store) {
    let (dir, mut s) = demo();
    baomi::store::demo::records(&mut s, today()).unwrap();
    (dir, s)
}

/// Every record row, the number of events and of audit rows: what a refusal leaves as it was.
fn written(s: &Store) -> (String, i64, i64) {
    let c = s.conn();
    let q = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    let rows: String = c
        .query_row(
            "SELECT group_concat(no || state || holder || coalesce(checked_on, '') || data, '|') FROM record",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (
        rows,
        q("SELECT count(*) FROM record_event"),
        q("SELECT count(*) FROM audit"),
    )
}

fn check(
    s: &mut Store,
    spec: &'static LedgerSpec,
    nos: &[&str],
    values: &[(&str, &str)],
) -> Result<baomi::domain::ledgers::tally::Tally, StoreError> {
    let nos: Vec<String> = nos.iter().map(|n| n.to_string()).collect();
    let values: BTreeMap<String, String> = values
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    s.change(&officer(), |c| {
        records::check_all(c, spec, &nos, &values, today())
    })
}

fn refused(r: Result<impl std::fmt::Debug, StoreError>, rule: &str) -> String {
    match r {
        Err(StoreError::Refused(x)) => {
            assert_eq!(x.rule_id(), Some(rule), "{x}");
            x.to_string()
        }
        other => panic!("expected {rule}, got {other:?}"),
    }
}

// R-MED-6: the media seen get their check act, in one change with one summary audit row; the
// lost U-006 and an unknown number are named as not on the list, the unseen as missing.
#[test]
fn r_med_6_check_by_scanning_is_one_change() {
    let (_dir, mut s) = full();
    let events = |s: &Store| -> i64 {
        s.conn()
            .query_row(
                "SELECT count(*) FROM record_event WHERE act = 'check'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = events(&s);
    let t = check(
        &mut s,
        &media::SPEC,
        &["U-001", "U-007", "U-006", "X-404", "U-001"],
        &[("findings", "标签完好")],
    )
    .unwrap();
    let counted: Vec<&str> = t.counted().map(|r| r.no.as_str()).collect();
    assert_eq!(counted, ["U-001", "U-007"]);
    let missing: Vec<&str> = t.missing().map(|r| r.no.as_str()).collect();
    assert_eq!(missing, ["U-002", "U-003", "U-004", "U-005"]);
    let strays: Vec<&str> = t.strays().iter().map(|x| x.no.as_str()).collect();
    assert_eq!(strays, ["U-006", "X-404"]);
    assert_eq!(events(&s), before + 2);
    let u7 = records::get(s.conn(), &media::SPEC, "U-007").unwrap();
    assert_eq!(u7.checked_on, Some(today()));
    let (action, after): (String, String) = s
        .conn()
        .query_row(
            "SELECT action, after FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(action, "介质清查核对");
    assert!(
        after.contains("X-404") && after.contains("U-005"),
        "{after}"
    );
    // The printed result names the missing first.
    let doc = baomi::report::tally::document(&media::SPEC, &t, "某局", today());
    assert!(doc.notes[0].contains("应有 6 件，清点到 2 件，未见 4 件"));
}

// R-MED-6: a check that saw nothing on the list is refused and writes nothing.
#[test]
fn r_med_6_check_with_nothing_seen_writes_nothing() {
    let (_dir, mut s) = full();
    let before = written(&s);
    let msg = refused(
        check(&mut s, &media::SPEC, &["X-404", "U-006"], &[]),
        "R-MED-6",
    );
    assert!(msg.contains("没有清点到任何在管的介质"), "{msg}");
    assert_eq!(written(&s), before);
}

// R-CMP-9: a computers' check without its written findings is refused for all of them, and
// nothing is written, not even for the computers before the refused one.
#[test]
fn r_cmp_9_check_without_findings_writes_nothing() {
    let (_dir, mut s) = full();
    let before = written(&s);
    let msg = refused(
        check(&mut s, &computer::SPEC, &["PC-001", "PC-002"], &[]),
        "R-CMP-9",
    );
    assert!(msg.contains("「检查情况」") && !msg.contains("--"), "{msg}");
    assert_eq!(written(&s), before);
    let t = check(
        &mut s,
        &computer::SPEC,
        &["PC-001", "PC-002", "PC-003"],
        &[("findings", "正常")],
    )
    .unwrap();
    assert_eq!(
        t.counted().count(),
        3,
        "a computer waiting to be filed is checked too"
    );
}

// R-CMP-2: a classified computer is 待备案 until filed, is not used before, and is 在用 once
// filed; an internal one starts in use.
#[test]
fn r_cmp_2_a_classified_computer_waits_for_its_filing() {
    let (_dir, mut s) = full();
    let pc3 = records::get(s.conn(), &computer::SPEC, "PC-003").unwrap();
    assert_eq!(pc3.state_label(), "待备案");
    let pc4 = records::get(s.conn(), &computer::SPEC, "PC-004").unwrap();
    assert_eq!(pc4.state_label(), "在用");
    let use_on = |computer: &str| ActForm {
        verb: "use".into(),
        values: [("computer", computer), ("info_level", "秘密")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        on: today(),
        request: None,
    };
    let before = written(&s);
    let r = s.change(&officer(), |c| {
        records::act(c, &media::SPEC, "U-002", &use_on("PC-003"))
    });
    let msg = refused(r, "R-CMP-2");
    assert!(
        msg.contains("请先办理「备案」") && !msg.contains("baomi"),
        "{msg}"
    );
    assert_eq!(written(&s), before);
    let file = ActForm {
        verb: "file".into(),
        values: [("ref".to_string(), "江保备〔2026〕30号".to_string())].into(),
        on: today(),
        request: None,
    };
    let pc3 = s
        .change(&officer(), |c| {
            records::act(c, &computer::SPEC, "PC-003", &file)
        })
        .unwrap();
    assert_eq!(pc3.state_label(), "在用");
    s.change(&officer(), |c| {
        records::act(c, &media::SPEC, "U-002", &use_on("PC-003"))
    })
    .unwrap();
}

// R-MED-1: a record's history starts with its registration, by whom; the JSON's events stay the
// acts.
#[test]
fn r_med_1_history_starts_with_the_registration() {
    let (_dir, s) = full();
    let u1 = records::get(s.conn(), &media::SPEC, "U-001").unwrap();
    let history = records::history(s.conn(), &u1).unwrap();
    assert_eq!(history[0].label, "登记");
    assert_eq!(history[0].on, u1.registered_on);
    assert_eq!(history[0].handler, "李强");
    assert_eq!(history[1].label, "配发");
    let events = records::events(s.conn(), &u1).unwrap();
    assert_eq!(events[0].label, "配发");
    // Typed by hand in lower case, the number still finds it.
    let typed = records::find(s.conn(), &media::SPEC, "u-001").unwrap();
    assert_eq!(typed.map(|r| r.no), Some("U-001".to_string()));
}

// R-MED-5: a lost and reported medium is offered no act but being found: its report, done, is
// named as withheld rather than offered to be refused;
// a store act on it is refused naming R-INC-4 (a carrier reported lost takes only its report or
// being found), before the act's own states are looked at.
#[test]
fn r_med_5_acts_outside_their_states_are_refused() {
    let (_dir, mut s) = full();
    let u6 = records::get(s.conn(), &media::SPEC, "U-006").unwrap();
    let offered: Vec<&str> = media::SPEC.offered(&u6).map(|a| a.verb).collect();
    assert_eq!(offered, ["found"]);
    let withheld: Vec<_> = media::SPEC
        .withheld(&u6)
        .map(|(a, w)| (a.verb, w.rule))
        .collect();
    assert_eq!(withheld, [("report", "R-MED-5")]);
    let before = written(&s);
    let issue = ActForm {
        verb: "issue".into(),
        values: [("to".to_string(), "张伟".to_string())].into(),
        on: today(),
        request: None,
    };
    let r = s.change(&officer(), |c| {
        records::act(c, &media::SPEC, "U-006", &issue)
    });
    refused(r, "R-INC-4");
    assert_eq!(written(&s), before);
}

// R-CMP-9 on the command line: plain `baomi demo` has the office's computers; the refusal names
// the field by its label and, here, by its flag; nothing is written.
#[test]
fn r_cmp_9_the_command_line_names_the_flag() {
    let db = Db::demo_full();
    let listed = db.stdout(&["computer", "list"]);
    assert!(
        listed.contains("PC-003") && listed.contains("待备案"),
        "{listed}"
    );
    let msg = db.refuses(&["computer", "check", "PC-001"], "R-CMP-9");
    assert!(msg.contains("「检查情况」（--findings）"), "{msg}");
}

// R-CMP-14: each protective item is written down at every check, found or not: a flag not given
// is recorded as 否 (as the screen's unticked box reads), not left out.
#[test]
fn r_cmp_14_every_protective_item_is_recorded_at_a_check() {
    let db = Db::demo_full();
    db.stdout(&[
        "computer",
        "check",
        "PC-001",
        "--findings",
        "补丁未更新",
        "--protection",
    ]);
    let shown = db.json(&["computer", "show", "PC-001", "--format", "json"]);
    let events = shown["events"].as_array().unwrap();
    let check = events.iter().rev().find(|e| e["act"] == "check").unwrap();
    let v = &check["values"];
    assert_eq!(
        [
            &v["protection"],
            &v["patched"],
            &v["wireless"],
            &v["software"]
        ],
        ["是", "否", "否", "否"],
        "{check}"
    );
}
