//! Media, computers and devices from the command line (issue 10): the officer's day of the issue's
//! "Done when", each refusal naming its rule and writing nothing, hostile input refused.

mod common;
#[path = "records/devices_and_rooms.rs"]
mod devices_and_rooms;
#[path = "records/files.rs"]
mod files;

use common::Db;

/// The demo with a 机密 U盘 U-017 kept by 李强 and a filed 秘密 classified computer PC-001.
fn office() -> Db {
    let db = Db::demo();
    let no = db.add_usb("U-017", "机密", "SN-0017", &["--model", "金士顿 DT50"]);
    assert_eq!(no.trim(), "U-017");
    let pc = db.stdout(&[
        "computer",
        "add",
        "--class",
        "涉密",
        "--level",
        "秘密",
        "--keeper",
        "张三",
        "--dept",
        "办公室",
        "--place",
        "301室",
        "--disk-serial",
        "WD-123",
    ]);
    assert_eq!(pc.trim(), "PC-001", "the unit's numbering format");
    db
}

// The day: register, file, issue, use; 机密 on a 秘密 computer refused naming R-CMP-3;
// a loss with its 24-hour item (due_at) until the report; the ledger verifies afterwards.
#[test]
fn an_officers_day_with_a_medium_and_a_computer() {
    let db = office();
    // R-CMP-2: not yet filed, so no medium is used on it.
    db.stdout(&["medium", "issue", "U-017", "--to", "张三"]);
    db.refuses(
        &[
            "medium",
            "use",
            "U-017",
            "--computer",
            "PC-001",
            "--info-level",
            "秘密",
        ],
        "R-CMP-2",
    );
    db.stdout(&["computer", "file", "PC-001", "--ref", "江保备2026-07"]);
    // R-CMP-3: a 秘密 computer never processes 机密 information.
    db.refuses(
        &[
            "medium",
            "use",
            "U-017",
            "--computer",
            "PC-001",
            "--info-level",
            "机密",
        ],
        "违反 R-CMP-3",
    );
    db.stdout(&[
        "medium",
        "use",
        "U-017",
        "--computer",
        "PC-001",
        "--info-level",
        "秘密",
    ]);
    // The use register is on both.
    let pc = db.json(&["computer", "show", "PC-001", "--format", "json"]);
    let acts: Vec<&str> = pc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["act"].as_str().unwrap())
        .collect();
    assert_eq!(acts, ["file", "use"]);
    // R-MED-5: a loss at 15:40 is due at 15:40 the next day: the item of the incident it opens
    // (R-INC-2), the one 24-hour item for both.
    db.stdout(&[
        "medium",
        "lost",
        "U-017",
        "--date",
        "2026-11-26",
        "--time",
        "15:40",
    ]);
    let due = db.json(&["due", "--format", "json"]);
    let item = due
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["rule"] == "R-INC-2" && !i["due_at"].is_null())
        .expect("the 24-hour item");
    assert_eq!(item["kind"], "incident");
    assert!(item["title"].as_str().unwrap().contains("U-017"));
    assert_eq!(item["due"], "2026-11-27");
    assert_eq!(item["due_at"], "2026-11-27T15:40");
    assert!(
        due.as_array()
            .unwrap()
            .iter()
            .filter(|i| i["subject"] != item["subject"])
            .all(|i| i["due_at"].is_null())
    );
    // The printed list gives the minute too.
    let printed = db.stdout(&["due", "--format", "table"]);
    assert!(printed.contains("2026年11月27日 15:40"), "{printed}");
    db.stdout(&[
        "medium",
        "report",
        "U-017",
        "--to",
        "市保密局",
        "--ref",
        "江保报2026-3",
    ]);
    let due = db.json(&["due", "--format", "json"]);
    assert!(
        !due.as_array()
            .unwrap()
            .iter()
            .any(|i| i["rule"] == "R-MED-5" || !i["due_at"].is_null())
    );
    let m = db.json(&["medium", "show", "U-017", "--format", "json"]);
    assert_eq!(m["state"], "遗失");
    assert_eq!(m["values"]["report_ref"], "江保报2026-3");
    db.stdout(&["audit", "verify"]);
}

// R-MED-4: a take-out goes through the one approval queue, decided by the leader, carried out with
// what was approved; abroad without the bureau's permit is refused at filing.
#[test]
fn r_med_4_take_out_through_the_approval_queue() {
    let db = office();
    db.refuses(
        &[
            "request",
            "medium",
            "take-out",
            "U-017",
            "--person",
            "张三",
            "--place",
            "香港",
            "--return-by",
            "2026-12-05",
            "--abroad",
        ],
        "R-MED-4",
    );
    db.refuses(&["medium", "take-out", "U-017", "--request", "1"], "申请");
    let id = db.stdout(&[
        "request",
        "medium",
        "take-out",
        "U-017",
        "--person",
        "张三",
        "--place",
        "省厅",
        "--return-by",
        "2026-12-05",
    ]);
    let id = id.trim();
    // Not yet approved.
    let (code, _) = db.fails(&["medium", "take-out", "U-017", "--request", id]);
    assert_eq!(code, 1);
    let queue = db.json(&["approvals", "--format", "json"]);
    assert!(queue.to_string().contains("介质携带外出"), "{queue}");
    db.as_user(LEADER.0, LEADER.1)
        .args(["approve", id, "--opinion", "同意"])
        .assert()
        .success();
    let out = db.stdout(&["medium", "take-out", "U-017", "--request", id]);
    assert!(out.contains("携带外出") && out.contains("张三"), "{out}");
    let m = db.json(&["medium", "show", "U-017", "--format", "json"]);
    assert_eq!(m["values"]["return_by"], "2026-12-05");
    // Carried out once.
    let (code, _) = db.fails(&["medium", "back", "U-017"]);
    assert_eq!(code, 0);
    let (code, err) = db.fails(&["medium", "take-out", "U-017", "--request", id]);
    assert_eq!(code, 1, "{err}");
}

/// Files `request` and has it approved by `by` (user, password); returns the request's number.
fn approved(db: &Db, request: &[&str], by: (&str, &str)) -> String {
    let id = db.stdout(request).trim().to_string();
    db.as_user(by.0, by.1)
        .args(["approve", &id])
        .assert()
        .success();
    id
}

const LEADER: (&str, &str) = ("wangjianguo", "Lingdao@2026-wang");
const DEPARTMENT_HEAD: (&str, &str) = ("chenhong", "Bumen@2026-chen");

// R-MED-8: destruction with the leader's approval, handed to the city bureau on a list.
#[test]
fn r_med_8_destroy_with_approval() {
    let db = office();
    let id = approved(
        &db,
        &[
            "request",
            "medium",
            "destroy",
            "U-017",
            "--handed-to",
            "江门市保密局",
            "--list-ref",
            "销2026-02",
        ],
        LEADER,
    );
    // The count-cancel list (清点、登记、注销) before and after the handing over.
    let sheet = |db: &Db| db.stdout(&["register", "destruction", "--id", &id]);
    let before = sheet(&db);
    assert!(
        before.contains("U-017") && before.contains("待销毁"),
        "{before}"
    );
    db.stdout(&["medium", "destroy", "U-017", "--request", &id]);
    let list = db.stdout(&["medium", "list", "--state", "已销毁"]);
    assert!(list.contains("U-017"), "{list}");
    let after = sheet(&db);
    for said in [
        "涉密载体销毁清单（清点、登记、注销）",
        "U盘",
        "2026年11月27日",
        "送交单位：江门市保密局",
        "清单编号：销2026-02",
        "批准人：王建国",
    ] {
        assert!(after.contains(said), "{said}: {after}");
    }
}

// R-CMP-7: data brought onto a classified computer is approved by a department leader; R-CMP-8:
// a repair is the unit leader's, which a department head cannot approve.
#[test]
fn r_cmp_7_a_department_head_decides_an_import() {
    let db = office();
    db.stdout(&["computer", "file", "PC-001", "--ref", "江保备2026-07"]);
    let id = approved(
        &db,
        &[
            "request",
            "computer",
            "import",
            "PC-001",
            "--medium",
            "刻录光盘",
            "--content",
            "上级来文电子版",
        ],
        DEPARTMENT_HEAD,
    );
    db.stdout(&["computer", "import", "PC-001", "--request", &id]);
    let repair = db.stdout(&[
        "request",
        "computer",
        "repair",
        "PC-001",
        "--repairer",
        "定点维修单位",
        "--supervisor",
        "李强",
    ]);
    common::fails_with(
        db.as_user(DEPARTMENT_HEAD.0, DEPARTMENT_HEAD.1)
            .args(["approve", repair.trim()])
            .output(),
        1,
        "R-SYS-6",
    );
}

// R-MED-6: a person leaving returns every medium first.
#[test]
fn r_med_6_held_by_before_leaving() {
    let db = office();
    db.stdout(&["medium", "issue", "U-017", "--to", "张三"]);
    db.refuses(&["medium", "held-by", "张三"], "R-MED-6");
    db.stdout(&["medium", "back", "U-017"]);
    db.stdout(&["medium", "held-by", "张三"]);
}

// Hostile input: a 10,000-character serial, a date of 1900, control characters, a path as a
// number: refused with the field named, nothing written.
#[test]
fn hostile_input_is_refused_and_writes_nothing() {
    let db = office();
    let long = "S".repeat(10_000);
    for args in [
        vec![
            "medium",
            "add",
            "--kind",
            "U盘",
            "--level",
            "秘密",
            "--serial",
            long.as_str(),
        ],
        vec![
            "medium",
            "add",
            "--kind",
            "U盘",
            "--level",
            "非密",
            "--serial",
            "A1",
            "--date",
            "1900-01-01",
        ],
        vec![
            "medium",
            "add",
            "--kind",
            "U盘",
            "--level",
            "非密",
            "--serial",
            "A\u{1b}]2;x\u{7}",
        ],
        vec![
            "medium",
            "add",
            "--kind",
            "U盘",
            "--level",
            "非密",
            "--serial",
            "A1",
            "--no",
            "../../etc",
        ],
        vec![
            "medium", "add", "--kind", "软驱", "--level", "非密", "--serial", "A1",
        ],
        vec![
            "medium", "add", "--kind", "U盘", "--level", "非密", "--serial", "A1", "--no", "U-017",
        ],
        vec!["medium", "lost", "U-017", "--time", "25:61"],
        vec!["medium", "issue", "U-017", "--to", "张\u{202e}三"],
        vec!["medium", "check", "U-017", "--date", "2026-12-01"],
    ] {
        let before = db.written();
        let (code, err) = db.fails(&args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            !err.contains('\u{1b}') && err.chars().count() < 300,
            "{err}"
        );
        assert_eq!(db.written(), before, "{args:?}");
    }
    // R-MED-1: a classified medium names its keeper and department.
    db.refuses(
        &[
            "medium", "add", "--kind", "U盘", "--level", "秘密", "--serial", "B2",
        ],
        "R-MED-1",
    );
    // A viewer registers nothing.
    let out = db
        .as_user("sunli", "Chayue@2026-sun")
        .args([
            "medium", "add", "--kind", "U盘", "--level", "非密", "--serial", "C3",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

// Search finds a medium by its number and a computer by its keeper (issue 10).
#[test]
fn search_finds_media_and_computers() {
    let db = office();
    let hits = db.json(&["search", "U-017", "--format", "json"]);
    assert_eq!(hits[0]["kind"], "medium");
    assert_eq!(hits[0]["subject"], "U-017");
    let hits = db.json(&["search", "张三", "--format", "json", "--limit", "200"]);
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["subject"] == "PC-001"),
        "{hits}"
    );
    let hits = db.json(&["search", "WD-123", "--format", "json"]);
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["subject"] == "PC-001"),
        "{hits}"
    );
}

// R-MED-3: never lent to another unit.
#[test]
fn r_med_3_lent_inside_the_unit_only() {
    let db = office();
    db.refuses(
        &[
            "medium",
            "lend",
            "U-017",
            "--to",
            "王五",
            "--unit",
            "市财政局",
            "--return-by",
            "2026-12-10",
        ],
        "违反 R-MED-3",
    );
    let out = db.stdout(&[
        "medium",
        "lend",
        "U-017",
        "--to",
        "王五",
        "--return-by",
        "2026-12-10",
    ]);
    assert!(out.contains("借出"), "{out}");
}

// `demo --rows N` adds media, computers and devices in proportion, every row vouched for by the
// audit log (the benchmarks search them).
#[test]
fn demo_rows_make_records_in_proportion() {
    use baomi::store::{self, OpenMode, Store, audit};
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("b.db"), OpenMode::Create).unwrap();
    store::demo::build(&mut s, common::today(), None, 300).unwrap();
    let n: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM record WHERE spec <> 'incident'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Besides the demo's one incident (its lost paper's).
    assert_eq!(n, 21 + 9 + 3);
    assert!(audit::verify(s.conn(), s.path()).unwrap().is_ok());
    let hits = store::search::search_all(s.conn(), "U-G000007", 10).unwrap();
    assert_eq!(hits[0].kind, "medium");
}
