//! A lost medium or computer found again (找回) from the command line: R-INC-4 (the only act on a
//! lost carrier besides its report), the incident the loss opened told of the finding and still
//! reported (R-MED-5 with R-INC-2), and the check a found carrier waits for (R-MED-6, R-CMP-9).

mod common;

use common::Db;
use serde_json::Value;

fn str_of(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

// R-INC-4: only a lost medium is found, not before its loss; R-MED-5 with R-INC-2: the finding
// is written on the loss's incident, whose 24-hour report is still owed until it is recorded.
#[test]
fn r_inc_4_found_medium_told_to_its_incident_still_reported() {
    let db = Db::demo();
    db.add_usb("U-017", "机密", "SN-0017", &[]);
    db.refuses_line("medium found U-017", "R-INC-4");
    db.line("medium lost U-017 --date 2026-11-26 --time 15:40");
    let inc = str_of(&db.line_json("medium show U-017 --format json")["values"]["incident"]);
    db.refuses_line("medium found U-017 --date 2026-11-25", "早于遗失日期");
    let mut found = db.cmd();
    let out = found
        .args(["medium", "found", "U-017", "--note", "会议室找到"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("U-017 已找回（在库）"), "{said}");
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(told.contains(&inc) && told.contains("仍须上报"), "{told}");
    let m = db.line_json("medium show U-017 --format json");
    assert_eq!(
        (&m["state"], &m["values"]["found_on"]),
        (&"在库".into(), &"2026-11-27".into())
    );
    let i = db.json(&["incident", "show", &inc, "--format", "json"]);
    assert_eq!(
        (&i["state"], &i["values"]["found_on"]),
        (&"待上报".into(), &"2026-11-27".into())
    );
    assert_eq!(db.timed(), [("incident".to_string(), inc.clone())]);
    let report = format!("incident reported {inc} --time 10:00 --to 市保密局 --ref 江保报2026-9");
    db.line(&report);
    assert!(db.timed().is_empty());
    db.line("audit verify");
}

// R-MED-5: found, then lost again once its incident is closed or never opened (a 内部 medium):
// the new loss is reported afresh.
#[test]
fn r_med_5_lost_again_after_found_is_reported_again() {
    let db = Db::demo();
    db.add_usb("U-020", "内部", "SN-0020", &[]);
    db.line("medium lost U-020 --date 2026-11-20");
    let report = "medium report U-020 --to 本单位保密办 --ref";
    db.line(&format!("{report} 报1 --date 2026-11-20"));
    db.line("medium found U-020 --date 2026-11-21");
    db.line("medium check U-020 --date 2026-11-21");
    db.line("medium lost U-020 --date 2026-11-26 --time 08:00");
    let due = db.line_json("due --format json");
    let mut items = due.as_array().unwrap().iter();
    let item = items.find(|i| i["subject"] == "U-020").unwrap();
    assert_eq!(item["rule"], "R-MED-5", "the second loss is due");
    assert_eq!(item["due_at"], "2026-11-27T08:00");
    db.line(&format!("{report} 报2"));
}

// R-MED-6, R-CMP-9: a found medium is checked before it is issued again; a found computer is
// checked before a medium is used on it.
#[test]
fn r_med_6_found_carriers_checked_before_reuse() {
    let db = Db::demo();
    db.add_usb("U-017", "机密", "SN-0017", &[]);
    db.line("medium lost U-017 --date 2026-11-26");
    db.line("medium found U-017");
    db.refuses_line("medium issue U-017 --to 张三", "R-MED-6");
    db.line("medium check U-017 --findings 外观完好，已查毒");
    db.line("computer add --class 涉密 --level 机密 --no PC-009");
    db.line("computer file PC-009 --ref 备2026-9");
    db.line("computer lost PC-009 --date 2026-11-26");
    db.line("computer found PC-009");
    assert_eq!(
        db.line_json("computer show PC-009 --format json")["state"],
        "在用"
    );
    let use_ = "medium use U-017 --computer PC-009 --info-level 秘密";
    db.refuses_line(use_, "R-CMP-9");
    db.line("computer check PC-009 --findings 防护软件正常，未见异常");
    db.line(use_);
}

// R-MED-5, R-CMP-10 with R-INC-2: a carrier found and lost again while the incident of its first
// loss is still open (reported, not closed) is a new event: it opens its own incident, whose
// 24-hour report is on the due list until the carrier's report is recorded; the first incident
// keeps its own loss.
#[test]
fn r_med_5_lost_again_while_first_incident_open_is_due_again() {
    let db = Db::demo();
    db.add_usb("U-017", "机密", "SN-0017", &[]);
    db.line("medium lost U-017 --date 2026-11-20 --time 09:00");
    let first = str_of(&db.line_json("medium show U-017 --format json")["values"]["incident"]);
    db.line("medium report U-017 --to 市保密局 --ref 报1 --date 2026-11-20");
    db.line("medium found U-017 --date 2026-11-21");
    db.line("medium check U-017 --date 2026-11-21");
    let i = db.json(&["incident", "show", &first, "--format", "json"]);
    assert_eq!(i["state"], "已上报", "the first incident is still open");
    assert!(db.timed().is_empty());
    db.line("medium lost U-017 --date 2026-11-26 --time 08:00");
    let second = str_of(&db.line_json("medium show U-017 --format json")["values"]["incident"]);
    assert_ne!(second, first, "the second loss is its own incident");
    assert_eq!(db.timed(), [("incident".to_string(), second.clone())]);
    let due = db.line_json("due --format json");
    let mut items = due.as_array().unwrap().iter();
    let item = items.find(|i| i["subject"] == second.as_str()).unwrap();
    assert_eq!(item["due_at"], "2026-11-27T08:00");
    db.line("medium report U-017 --to 市保密局 --ref 报2");
    assert!(db.timed().is_empty());
    let i = db.json(&["incident", "show", &first, "--format", "json"]);
    assert_eq!(i["values"]["report_ref"], "报1");
    // A computer the same way (R-CMP-10: at once).
    db.line("computer add --class 涉密 --level 机密 --no PC-009");
    db.line("computer file PC-009 --ref 备2026-9 --date 2026-11-19");
    db.line("computer lost PC-009 --date 2026-11-20");
    db.line("computer report PC-009 --to 市保密局 --ref 报3 --date 2026-11-20");
    db.line("computer found PC-009 --date 2026-11-21");
    db.line("computer check PC-009 --findings 正常 --date 2026-11-21");
    db.line("computer lost PC-009 --time 07:00");
    assert_eq!(db.timed().len(), 1, "{:?}", db.timed());
    db.line("audit verify");
}
