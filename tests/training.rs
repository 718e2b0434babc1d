//! Training and key sites (issue 11) from the command line: a session and the hours table, a
//! shortfall shown from 1 October (R-TRN-3), a 绝密 site's monthly inspection (R-KEY-3), staff
//! refused before acceptance (R-KEY-2) and before 16 hours (R-TRN-2) with nothing written, a change
//! reported closing its item (R-KEY-4), and hostile input refused.

mod common;

use common::Db;
use serde_json::Value;

fn person(db: &Db, name: &str, grade: &str) -> String {
    let no = db.stdout(&[
        "person",
        "add",
        "--name",
        name,
        "--dept",
        "办公室",
        "--grade",
        grade,
        "--date",
        "2026-11-01",
    ]);
    db.stdout(&["person", "vet", name, "--date", "2026-11-02"]);
    db.stdout(&["person", "pledge", name, "--date", "2026-11-02"]);
    no.trim().to_string()
}

fn session(db: &Db, date: &str, hours: &str, attendees: &str) -> String {
    db.stdout(&[
        "training",
        "add",
        "--date",
        date,
        "--hours",
        hours,
        "--topic",
        "保密法律法规",
        "--attendees",
        attendees,
    ])
    .trim()
    .to_string()
}

fn due(db: &Db, as_of: &str) -> Vec<Value> {
    db.json(&["due", "--format", "json", "--as-of", as_of])
        .as_array()
        .unwrap()
        .clone()
}

fn with_rule<'a>(items: &'a [Value], rule: &str) -> Vec<&'a Value> {
    items.iter().filter(|i| i["rule"] == rule).collect()
}

// R-TRN-1, R-TRN-4, R-TRN-3: a session with its form and absentees; the hours table; a core
// person short of 16 hours is on the due list on 1 October and not on 30 September.
#[test]
fn r_trn_1_r_trn_3_session_and_shortfall_from_october() {
    let db = Db::demo();
    person(&db, "李四", "核心");
    person(&db, "王五", "一般");
    let no = db.stdout(&[
        "training",
        "add",
        "--date",
        "2026-03-02",
        "--hours",
        "8",
        "--topic",
        "出访保密提醒",
        "--form",
        "出国（境）行前教育",
        "--attendees",
        "李四,王五",
        "--absent",
        "赵六",
    ]);
    assert_eq!(no.trim(), "2026-培-001");
    let shown = db.json(&["training", "show", "2026-培-001", "--format", "json"]);
    assert_eq!(shown["form"], "出国（境）行前教育");
    assert_eq!(shown["absent"], "赵六");
    // Typed by number or name, kept by name; an unknown one as written.
    assert_eq!(shown["attendees"], "李四、王五");
    db.stdout(&[
        "training",
        "add",
        "--date",
        "2026-04-01",
        "--hours",
        "2",
        "--topic",
        "保密自查",
        "--attendees",
        "RY-002",
        "外单位张三",
    ]);
    let s = db.json(&["training", "show", "2026-培-002", "--format", "json"]);
    assert_eq!(s["attendees"], "王五、外单位张三");
    let table = db.json(&["training", "hours", "--year", "2026", "--format", "json"]);
    let rows: Vec<(String, u64, u64, u64)> = table
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["hours"].as_u64().unwrap(),
                r["required"].as_u64().unwrap(),
                r["short_by"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("李四".to_string(), 8, 16, 8),
            ("王五".to_string(), 10, 8, 0)
        ]
    );
    let text = db.stdout(&["training", "hours", "--year", "2026"]);
    assert!(
        text.contains("差额") && text.contains("学时不足 1 人"),
        "{text}"
    );
    let csv = db.stdout(&["training", "hours", "--year", "2026", "--format", "csv"]);
    assert!(
        csv.contains(r#""人员编号","姓名","部门","涉密等级","学时","应达学时","差额""#),
        "{csv}"
    );

    assert!(with_rule(&due(&db, "2026-09-30"), "R-TRN-3").is_empty());
    let october = due(&db, "2026-10-01");
    let items = with_rule(&october, "R-TRN-3");
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["kind"], "person");
    assert_eq!(items[0]["subject"], "RY-001 李四");
    assert_eq!(items[0]["due"], "2026-12-31");
    assert!(
        items[0]["title"].as_str().unwrap().contains("差 8 学时"),
        "{}",
        items[0]["title"]
    );
}

// R-KEY-3, R-KEY-2, R-TRN-2, R-KEY-4: a 绝密 site registered unaccepted refuses staff (nothing
// written); accepted, its monthly inspection is due; staff short of 16 hours are refused (nothing
// written), then taken on; a change is on the list until reported.
#[test]
fn r_key_2_r_key_3_r_trn_2_r_key_4_a_key_site() {
    let db = Db::demo();
    person(&db, "王五", "核心");
    let no = db.stdout(&[
        "site",
        "add",
        "--name",
        "机要室",
        "--kind",
        "部门",
        "--level",
        "绝密",
        "--head",
        "李强",
        "--date",
        "2026-11-01",
    ]);
    assert_eq!(no.trim(), "YH-001");
    db.refuses(
        &[
            "site",
            "staff",
            "机要室",
            "--add",
            "王五",
            "--date",
            "2026-11-20",
        ],
        "R-KEY-2",
    );
    db.refuses(
        &["site", "inspect", "机要室", "--date", "2026-11-20"],
        "R-KEY-2",
    );
    assert!(with_rule(&due(&db, "2026-11-27"), "R-KEY-3").is_empty());
    db.stdout(&["site", "accept", "机要室", "--date", "2026-11-10"]);
    let items = due(&db, "2026-11-27");
    let monthly = with_rule(&items, "R-KEY-3");
    assert_eq!(monthly.len(), 1);
    assert_eq!(monthly[0]["kind"], "key_site");
    assert_eq!(monthly[0]["due"], "2026-12-10");
    db.stdout(&[
        "site",
        "inspect",
        "YH-001",
        "--date",
        "2026-11-20",
        "--findings",
        "门禁、监控正常",
    ]);
    let items = due(&db, "2026-11-27");
    assert_eq!(with_rule(&items, "R-KEY-3")[0]["due"], "2026-12-20");

    session(&db, "2026-03-02", "8", "王五");
    let err = db.refuses(
        &[
            "site",
            "staff",
            "机要室",
            "--add",
            "王五",
            "--date",
            "2026-11-20",
        ],
        "R-TRN-2",
    );
    assert!(err.contains("差 8 学时"), "{err}");
    session(&db, "2026-11-05", "8", "王五");
    db.stdout(&[
        "site",
        "staff",
        "机要室",
        "--add",
        "RY-001",
        "--date",
        "2026-11-20",
    ]);
    let shown = db.json(&["site", "show", "机要室", "--format", "json"]);
    assert_eq!(shown["values"]["staff"], "王五");

    let out = db.stdout(&[
        "site",
        "change",
        "机要室",
        "--kind",
        "搬迁装修",
        "--date",
        "2026-11-21",
    ]);
    assert!(out.contains("YH-001-1"), "{out}");
    let open = due(&db, "2026-11-27");
    let report = with_rule(&open, "R-KEY-4");
    assert_eq!(report.len(), 1);
    assert_eq!(
        (&report[0]["kind"], &report[0]["subject"]),
        (&Value::from("key_site"), &Value::from("YH-001-1"))
    );
    db.stdout(&[
        "site",
        "reported",
        "YH-001-1",
        "--date",
        "2026-11-25",
        "--ref",
        "报-2026-1",
    ]);
    assert!(with_rule(&due(&db, "2026-11-27"), "R-KEY-4").is_empty());
    db.refuses(
        &["site", "reported", "YH-001-1", "--date", "2026-11-26"],
        "R-KEY-4",
    );
}

// Hostile input: control characters, absurd hours and years, a site of no state-secret level,
// an unknown change: each refused, nothing written.
#[test]
fn hostile_training_and_site_input_refused() {
    let db = Db::demo();
    for (args, what) in [
        (
            vec![
                "training",
                "add",
                "--hours",
                "4",
                "--topic",
                "a\u{1b}[2J",
                "--attendees",
                "李四",
            ],
            "培训内容",
        ),
        (
            vec![
                "training",
                "add",
                "--hours",
                "99",
                "--topic",
                "t",
                "--attendees",
                "李四",
            ],
            "R-TRN-1",
        ),
        (
            vec![
                "site",
                "add",
                "--name",
                "档案室",
                "--kind",
                "部位",
                "--level",
                "内部",
                "--head",
                "李强",
            ],
            "R-KEY-1",
        ),
        (
            vec![
                "site",
                "add",
                "--name",
                "档案室",
                "--kind",
                "楼层",
                "--level",
                "秘密",
                "--head",
                "李强",
            ],
            "类别",
        ),
    ] {
        db.refuses(&args, what);
    }
    // A session in the future, and a year out of bounds: refused as usage, nothing written.
    let before = db.written();
    let (code, err) = db.fails(&[
        "training",
        "add",
        "--hours",
        "4",
        "--topic",
        "t",
        "--attendees",
        "李四",
        "--date",
        "2031-01-01",
    ]);
    assert_eq!((code, db.written()), (1, before), "{err}");
    // Names repeat: an attendee two people bear is refused, listing both.
    person(&db, "张伟", "一般");
    db.stdout(&[
        "person",
        "add",
        "--name",
        "张伟",
        "--dept",
        "财务科",
        "--grade",
        "重要",
    ]);
    let err = db.refuses(
        &[
            "training",
            "add",
            "--hours",
            "2",
            "--topic",
            "t",
            "--attendees",
            "张伟",
        ],
        "张伟",
    );
    assert!(err.contains("办公室") && err.contains("财务科"), "{err}");
    let (code, err) = db.fails(&["training", "hours", "--year", "1800"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--year"), "{err}");
}

// R-TRN-1: a session found by an attendee's name is listed with its topic, not a blank title.
#[test]
fn r_trn_1_search_finds_a_session_by_its_attendee() {
    let db = Db::demo();
    person(&db, "李四", "一般");
    let no = session(&db, "2026-11-20", "4", "李四");
    let found = db.stdout(&["search", "李四"]);
    let row = found.lines().find(|l| l.starts_with(&no)).unwrap();
    assert!(row.contains("保密法律法规"), "{found}");
}
