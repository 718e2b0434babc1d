//! The check by scanning from the command line (`baomi medium|computer|device check`, R-MED-6,
//! R-CMP-9, R-DEV-4): numbers from standard input or a file, one change, the tally printed, exit
//! 4 when something held was not seen; refusals name the rule or the line and write nothing.

mod common;

use common::Db;
use serde_json::Value;

/// The `check` events of the record book.
fn checks(db: &Db) -> i64 {
    db.count("SELECT count(*) FROM record_event WHERE act = 'check'")
}

// R-MED-6 on the command line: scanned numbers (stdin, lower case too) tick the held media; a
// lost one and an unknown one are named with why; what is not seen is named; each seen medium
// gets its check act; the command exits 4.
#[test]
fn r_med_6_cli_check_from_stdin_names_missing_and_strays() {
    let db = Db::demo_full();
    let before = checks(&db);
    let scanned = "U-001\r\nu-002\n\nU-006\nX-99\nU-003\nU-004\nU-005\n";
    let mut cmd = db.cmd();
    cmd.args(["medium", "check", "--date", "2026-11-27"]);
    let out = cmd.write_stdin(scanned).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let table = String::from_utf8_lossy(&out.stdout);
    for said in [
        "【未见 1 件】",
        "U-007",
        "当前遗失",
        "X-99",
        "台帐中无此编号",
    ] {
        assert!(table.contains(said), "{said}: {table}");
    }
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("R-MED-6") && err.contains("未见 1 件：U-007"),
        "{err}"
    );
    assert_eq!(checks(&db), before + 5);
    let u2 = db.json(&["medium", "show", "U-002", "--format", "json"]);
    assert_eq!(
        u2["events"].as_array().unwrap().last().unwrap()["act"],
        "check"
    );
    db.stdout(&["audit", "verify"]);
}

// R-MED-6 on the command line: every held medium seen, from a file, as JSON: exit 0.
#[test]
fn r_med_6_cli_check_from_file_all_seen_as_json() {
    let db = Db::demo_full();
    let list = db.json(&["medium", "list", "--format", "json"]);
    let held: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["state"] != "遗失" && m["state"] != "已销毁")
        .map(|m| m["no"].as_str().unwrap().to_string())
        .collect();
    let file = db.dir.path().join("扫描.txt");
    std::fs::write(&file, format!("\u{feff}{}\n", held.join("\n"))).unwrap();
    let file = file.to_str().unwrap();
    let t: Value = db.json(&["medium", "check", "--file", file, "--format", "json"]);
    assert_eq!(t["expected"], held.len());
    assert_eq!(t["counted"].as_array().unwrap().len(), held.len());
    assert!(t["missing"].as_array().unwrap().is_empty());
    assert_eq!(t["on"], "2026-11-27");
}

// R-CMP-9, R-MED-6 on the command line: a computer check without its written findings, a bad
// line, nothing seen, or a number with the file are refused; nothing is written.
#[test]
fn r_cmp_9_cli_check_refusals_write_nothing() {
    let db = Db::demo_full();
    let file = db.dir.path().join("pc.txt");
    let f = file.to_str().unwrap();
    for (noun, numbers, what) in [
        ("computer", "PC-001\n", "R-CMP-9"),
        ("medium", "U-001\nU-\u{1b}[2J\n", "第 2 行"),
        ("medium", "X-99\n", "R-MED-6"),
    ] {
        std::fs::write(&file, numbers).unwrap();
        db.refuses(&[noun, "check", "--file", f], what);
    }
    let (code, err) = db.fails(&["medium", "check", "U-001", "--file", f]);
    assert_eq!(code, 2, "{err}");
    db.refuses(
        &["medium", "check", "--file", "/nonexistent/扫描.txt"],
        "无法读取",
    );
}

// R-MED-6, R-CMP-9: one record's check honours `--format json` (it was accepted and ignored),
// answering in the keys of the whole ledger's check for that record, with the record itself.
#[test]
fn r_med_6_one_record_check_answers_in_json() {
    let db = Db::demo();
    db.add_usb("U-017", "机密", "SN-0017", &[]);
    let before = checks(&db);
    let j = db.line_json("medium check U-017 --findings 外观完好 --format json");
    assert_eq!(checks(&db), before + 1);
    let keys =
        |j: &Value| [&j["ledger"], &j["on"], &j["expected"], &j["counted"][0]].map(Value::clone);
    let want: [Value; 4] = [
        "medium".into(),
        "2026-11-27".into(),
        1.into(),
        "U-017".into(),
    ];
    assert_eq!(keys(&j), want);
    assert_eq!(
        (&j["missing"], &j["not_on_list"]),
        (&Value::Array(vec![]), &Value::Array(vec![]))
    );
    assert_eq!(
        (&j["record"]["no"], &j["record"]["checked_on"]),
        (&"U-017".into(), &"2026-11-27".into())
    );
    db.line("computer add --class 内部 --level 内部 --no PC-009");
    let pc = db.line_json("computer check PC-009 --findings 正常 --format json");
    assert_eq!(keys(&pc)[0], "computer");
    assert_eq!(keys(&pc)[3], "PC-009");
    // The table stays the default: one line saying what was done.
    let said = db.line("medium check U-017 --findings 再查");
    assert!(said.contains("U-017 已清查核对"), "{said}");
}
