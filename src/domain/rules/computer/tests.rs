//! R-CMP-*, by rule ID.

use super::*;
use crate::domain::dates::ymd;
use crate::domain::rules::media::tests::{pc, values};

fn cx() -> Context<'static> {
    crate::domain::rules::media::tests::cx(None)
}

/// `verb` on `r` as the store checks it: the act's own states and values, then the rules.
fn act(r: &Record, verb: &str, v: &[(&str, &str)]) -> Checked<Outcome> {
    SPEC.check(r, SPEC.act(verb).unwrap(), &values(v), &cx())
}

// R-CMP-1, R-CMP-2: a classified computer is graded at a state-secret level; the other classes
// hold nothing classified.
#[test]
fn r_cmp_2_graded_by_class() {
    let today = ymd(2026, 11, 27);
    let e = check_add(&values(&[("class", "涉密"), ("level", "内部")]), today).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-CMP-2"));
    let e = check_add(&values(&[("class", "内部"), ("level", "机密")]), today).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-CMP-3"));
    assert!(check_add(&values(&[("class", "涉密"), ("level", "机密")]), today).is_ok());
}

// R-CMP-2: filed once, then usable.
#[test]
fn r_cmp_2_filed_before_use() {
    let mut p = pc("涉密", Level::Secret, false);
    assert_eq!(
        check_may_process(&p, Level::Secret).unwrap_err().rule_id(),
        Some("R-CMP-2")
    );
    act(&p, "file", &[("ref", "备2026-07")])
        .unwrap()
        .apply(&mut p);
    assert!(check_may_process(&p, Level::Secret).is_ok());
    assert_eq!(
        act(&p, "file", &[("ref", "x")]).unwrap_err().rule_id(),
        Some("R-CMP-2")
    );
    // Filed once: its page no longer offers 备案, and says why.
    assert!(!SPEC.offered(&p).any(|a| a.verb == "file"));
    let withheld: Vec<_> = SPEC.withheld(&p).map(|(a, w)| (a.verb, w.rule)).collect();
    assert_eq!(withheld, [("file", "R-CMP-2")]);
    let net = pc("互联网", Level::Public, false);
    assert_eq!(
        act(&net, "file", &[("ref", "x")]).unwrap_err().rule_id(),
        Some("R-CMP-2")
    );
}

// R-CMP-9, R-CMP-14, R-CMP-5: a check has written findings and records the protective items.
#[test]
fn r_cmp_9_check_needs_written_findings() {
    let p = pc("涉密", Level::Secret, true);
    assert_eq!(
        act(&p, "check", &[]).unwrap_err().rule_id(),
        Some("R-CMP-9")
    );
    let out = act(&p, "check", &[("findings", "正常"), ("protection", "是")]).unwrap();
    assert_eq!(out.checked_on, Some(ymd(2026, 11, 27)));
    let items: Vec<_> = SPEC
        .act("check")
        .unwrap()
        .fields
        .iter()
        .map(|f| f.key)
        .collect();
    for k in ["protection", "patched", "wireless", "software", "violation"] {
        assert!(items.contains(&k), "R-CMP-14 / R-CMP-5 item {k}");
    }
}

// R-CMP-6: backups due by the interval from the last; 绝密 on dedicated 绝密 media.
#[test]
fn r_cmp_6_backup_interval_and_top_secret_media() {
    let mut p = pc("涉密", Level::TopSecret, true);
    p.values.insert("filed_on".into(), "2026-11-01".into());
    assert_eq!(next_backup(&p, 30), Some(ymd(2026, 12, 1)));
    let m = crate::domain::rules::media::tests::medium(Level::Secret);
    let c = Context {
        related: Some(&m),
        ..cx()
    };
    let e = check_act(
        &p,
        SPEC.act("backup").unwrap(),
        &values(&[("medium", "U-017")]),
        &c,
    )
    .unwrap_err();
    assert_eq!(e.rule_id(), Some("R-CMP-6"));
    assert_eq!(next_backup(&pc("内部", Level::Internal, false), 30), None);
}

// R-CMP-7, R-CMP-8, R-CMP-12, R-CMP-13: the queued acts wait for approval.
#[test]
fn r_cmp_7_8_12_13_go_through_the_queue() {
    for verb in ["import", "output", "repair", "take-out", "scrap"] {
        assert!(SPEC.act(verb).unwrap().approval, "{verb}");
    }
    let net = pc("互联网", Level::Public, false);
    let ask = [("medium", "光盘"), ("content", "资料")];
    assert_eq!(
        act(&net, "import", &ask).unwrap_err().rule_id(),
        Some("R-CMP-7")
    );
}

// R-CMP-8: repair then back with findings; scrapped only from the office or repair.
#[test]
fn r_cmp_8_repair_back_and_scrap() {
    let mut p = pc("涉密", Level::Secret, true);
    act(
        &p,
        "repair",
        &[("repairer", "定点维修单位"), ("supervisor", "李强")],
    )
    .unwrap()
    .apply(&mut p);
    assert_eq!(p.state, "repair");
    assert_eq!(
        check_may_process(&p, Level::Secret).unwrap_err().rule_id(),
        Some("R-CMP-3")
    );
    assert_eq!(act(&p, "back", &[]).unwrap_err().rule_id(), Some("R-CMP-8"));
    act(&p, "back", &[("findings", "硬盘未拆")])
        .unwrap()
        .apply(&mut p);
    assert_eq!(p.state, "in_use");
    let out = act(&p, "scrap", &[("ref", "废备-1"), ("disk_to", "市保密局")]).unwrap();
    assert_eq!(out.state, Some("scrapped"));
}

// R-CMP-12: only a laptop is taken out; it is checked on return.
#[test]
fn r_cmp_12_laptop_out_and_checked_back() {
    let mut p = pc("涉密", Level::Secret, true);
    let ask = [
        ("person", "张三"),
        ("place", "省厅"),
        ("return_by", "2026-11-30"),
    ];
    assert_eq!(
        act(&p, "take-out", &ask).unwrap_err().rule_id(),
        Some("R-CMP-12")
    );
    p.values.insert("laptop".into(), "是".into());
    act(&p, "take-out", &ask).unwrap().apply(&mut p);
    assert_eq!(
        act(&p, "back", &[]).unwrap_err().rule_id(),
        Some("R-CMP-12")
    );
}

// R-CMP-10: a loss is recorded with its time, then reported once.
#[test]
fn r_cmp_10_loss_then_report() {
    let mut p = pc("涉密", Level::Secret, true);
    act(&p, "lost", &[("time", "18:00")]).unwrap().apply(&mut p);
    assert_eq!(p.state, "lost");
    act(&p, "report", &[("to", "市保密局"), ("ref", "报-1")])
        .unwrap()
        .apply(&mut p);
    assert_eq!(
        act(&p, "report", &[("to", "公安"), ("ref", "报-2")])
            .unwrap_err()
            .rule_id(),
        Some("R-CMP-10")
    );
}

// R-CMP-13: output at a level above the computer's is refused.
#[test]
fn r_cmp_13_output_within_the_computer_level() {
    let p = pc("涉密", Level::Confidential, true);
    let e = act(
        &p,
        "output",
        &[("way", "打印"), ("info_level", "机密"), ("content", "报告")],
    )
    .unwrap_err();
    assert_eq!(e.rule_id(), Some("R-CMP-3"));
    assert!(
        act(
            &p,
            "output",
            &[("way", "打印"), ("info_level", "秘密"), ("content", "报告")]
        )
        .is_ok()
    );
}

// R-INC-4 with R-CMP-2, R-CMP-9: a found computer goes back in use (or to its filing, never
// filed) and is checked before anything is done on it or a medium is used on it.
#[test]
fn r_inc_4_found_computer_checked_before_use() {
    let mut p = pc("涉密", Level::Secret, false);
    p.state = "lost";
    act(&p, "found", &[]).unwrap().apply(&mut p);
    assert_eq!(p.state, "unfiled");
    let mut p = pc("涉密", Level::Secret, true);
    p.state = "lost";
    act(&p, "found", &[]).unwrap().apply(&mut p);
    assert_eq!(p.state, "in_use");
    let unchecked = check_may_process(&p, Level::Secret).unwrap_err();
    assert_eq!(unchecked.rule_id(), Some("R-CMP-9"));
    let checked = act(&p, "check", &[("findings", "未见异常")]).unwrap();
    checked.apply(&mut p);
    assert!(check_may_process(&p, Level::Secret).is_ok());
}
