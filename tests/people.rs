//! The people register (涉密人员, issue 11) from the command line: the officer's day of the
//! issue's "Done when" for people, each refusal naming its rule and writing nothing, names that
//! repeat, and hostile input refused.

mod common;

use common::Db;

fn add(db: &Db, name: &str, dept: &str, grade: &str) -> String {
    db.stdout(&[
        "person",
        "add",
        "--name",
        name,
        "--dept",
        dept,
        "--grade",
        grade,
        "--date",
        "2026-11-01",
    ])
    .trim()
    .to_string()
}

/// A leader's approved loan of `paper` to `borrower`; returns the request's number.
fn approved_loan(db: &Db, paper: &str, borrower: &str) -> String {
    let id = db.stdout(&[
        "request",
        "loan",
        paper,
        "--borrower",
        borrower,
        "--return-by",
        "2026-12-10",
    ]);
    let id = id.trim().to_string();
    db.as_user("wangjianguo", "Lingdao@2026-wang")
        .args(["approve", &id, "--opinion", "同意"])
        .assert()
        .success();
    id
}

// R-PER-2, R-PAP-17, R-PER-5: registered, refused a 机密 loan before vetting, vetted and pledged,
// lent, refused leaving while holding it (the paper listed), returns it, leaves, and sees the
// cooling-off end on the person and, when it comes, on the due list.
#[test]
fn r_per_2_r_pap_17_r_per_5_an_officers_day() {
    let db = Db::demo();
    let no = add(&db, "胡军", "办公室", "重要");
    assert_eq!(no, "RY-001");
    // Filing a loan for them is allowed (vetting may come first) and says what is missing.
    let out = db
        .cmd()
        .args(["request", "loan", "2026-收-0008", "--borrower", "胡军"])
        .args(["--return-by", "2026-12-10"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("注意：现在胡军（RY-001）尚未完成涉密资格审查")
            && said.contains("（R-PER-2）"),
        "{said}"
    );
    let filed = String::from_utf8_lossy(&out.stdout).trim().to_string();
    db.stdout(&["withdraw", &filed]);
    // 2026-收-0008 is 机密, with 胡军 in its scope.
    let id = approved_loan(&db, "2026-收-0008", "胡军");
    let err = db.refuses(
        &["paper", "loan", "2026-收-0008", "--request", &id],
        "R-PER-2",
    );
    assert!(
        err.contains("涉密资格审查") && err.contains("保密责任书"),
        "{err}"
    );
    db.stdout(&[
        "person",
        "vet",
        "胡军",
        "--date",
        "2026-11-20",
        "--ref",
        "审-7",
    ]);
    db.refuses(
        &["paper", "loan", "2026-收-0008", "--request", &id],
        "R-PER-2",
    );
    db.stdout(&["person", "pledge", "RY-001", "--date", "2026-11-21"]);
    let out = db.stdout(&["paper", "loan", "2026-收-0008", "--request", &id]);
    assert!(out.contains("胡军"), "{out}");
    let err = db.refuses(&["person", "leave", "胡军"], "R-PAP-17");
    assert!(err.contains("2026-收-0008"), "{err}");
    db.stdout(&["paper", "back", "2026-收-0008"]);
    let out = db.stdout(&[
        "person",
        "leave",
        "胡军",
        "--date",
        "2026-11-27",
        "--commitment-ref",
        "诺-2026-3",
    ]);
    assert!(out.contains("2027-11-27"), "重要: one year: {out}");
    let shown = db.json(&["person", "show", "胡军", "--format", "json"]);
    assert_eq!(shown["cooling_off_until"], "2027-11-27");
    assert_eq!(shown["state"], "脱密期");
    assert_eq!(shown["values"]["commitment_ref"], "诺-2026-3");
    let acts: Vec<&str> = shown["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["act"].as_str().unwrap())
        .collect();
    assert_eq!(acts, ["vet", "pledge", "leave"]);
    // Not on today's list; on the list as the end nears, kind person, no level.
    let due = db.json(&["due", "--format", "json"]);
    assert!(
        !due.as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "person")
    );
    let due = db.json(&["due", "--format", "json", "--as-of", "2027-11-20"]);
    let item = due
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "person")
        .expect("the cooling-off end is due");
    assert_eq!(item["rule"], "R-PER-5");
    assert_eq!(item["subject"], "RY-001 胡军");
    assert_eq!(item["due"], "2027-11-27");
    assert!(item["level"].is_null());
    // Left: nothing more is issued to them, and the period is not ended early.
    db.refuses(&["person", "release", "RY-001"], "R-PER-5");
    let out = db.stdout(&["person", "release", "RY-001", "--today", "2027-12-01"]);
    assert!(out.contains("已脱密"), "{out}");
    let due = db.json(&["due", "--format", "json", "--today", "2027-12-01"]);
    assert!(
        !due.as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "person")
    );
    let found = db.stdout(&["search", "胡军"]);
    assert!(
        found.contains("RY-001") && found.contains("已脱密"),
        "{found}"
    );
    db.stdout(&["audit", "verify"]);
}

// R-PER-2 where media and notebooks are issued; names outside the register keep today's behaviour;
// an outsider is not bound by the staff rules.
#[test]
fn r_per_2_media_and_notebooks_need_a_cleared_person() {
    let db = Db::demo();
    db.stdout(&[
        "medium",
        "add",
        "--kind",
        "U盘",
        "--level",
        "机密",
        "--serial",
        "SN-1",
        "--keeper",
        "李强",
        "--dept",
        "办公室",
    ]);
    db.stdout(&[
        "medium",
        "add",
        "--kind",
        "U盘",
        "--level",
        "秘密",
        "--serial",
        "SN-2",
        "--keeper",
        "李强",
        "--dept",
        "办公室",
    ]);
    add(&db, "邓小青", "办公室", "一般");
    db.refuses(&["medium", "issue", "U-001", "--to", "邓小青"], "R-PER-2");
    db.refuses(
        &["notebook", "issue", "--to", "邓小青", "--level", "秘密"],
        "R-PER-2",
    );
    // Not registered: as before the register.
    db.stdout(&["medium", "issue", "U-001", "--to", "赵六"]);
    db.stdout(&["person", "add", "--name", "保密局王科长", "--outsider"]);
    db.stdout(&["medium", "issue", "U-002", "--to", "保密局王科长"]);
    db.stdout(&["person", "vet", "邓小青"]);
    db.stdout(&["person", "pledge", "邓小青"]);
    db.stdout(&["medium", "back", "U-001"]);
    db.stdout(&["medium", "issue", "U-001", "--to", "邓小青"]);
    let book = db.stdout(&["notebook", "issue", "--to", "邓小青", "--level", "秘密"]);
    let book = book.trim();
    // R-PAP-17 / R-PER-5: every carrier is listed; a notebook handed in is no longer theirs.
    let err = db.refuses(&["person", "leave", "邓小青"], "R-PAP-17");
    assert!(err.contains("U-001") && err.contains(book), "{err}");
    db.stdout(&["medium", "back", "U-001"]);
    db.stdout(&["notebook", "hand-in", book, "--disposal", "留存"]);
    let out = db.stdout(&["person", "leave", "邓小青"]);
    assert!(out.contains("2027-05-27"), "一般: six months: {out}");
    db.refuses(&["medium", "issue", "U-001", "--to", "邓小青"], "R-PER-5");
}

// Names repeat: a name is taken when unique; two 张伟 are refused with each number and department.
#[test]
fn two_people_of_one_name_are_told_apart() {
    let db = Db::demo();
    let a = add(&db, "张伟", "办公室", "重要");
    let b = add(&db, "张伟", "财务科", "一般");
    let err = db.refuses(&["person", "vet", "张伟"], "姓名");
    assert!(err.contains(&format!("{a}（办公室")), "{err}");
    assert!(err.contains(&format!("{b}（财务科")), "{err}");
    db.refuses(&["person", "show", "张伟"], "请改用人员编号");
    db.stdout(&["person", "vet", &b]);
    let shown = db.json(&["person", "show", &b, "--format", "json"]);
    assert_eq!(shown["dept"], "财务科");
    assert_eq!(shown["values"]["vet_result"], "通过");
    db.refuses(&["person", "show", "王不在"], "王不在");
    let list = db.json(&["person", "list", "--format", "json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let table = db.stdout(&["person", "list", "--grade", "一般"]);
    assert!(table.contains(&b) && !table.contains(&a), "{table}");
}

// R-PER-1, R-PER-3, R-PER-7 from the command line: a grade is required of staff and agrees with
// the level handled; roles and reportable events come from their lists.
#[test]
fn r_per_1_r_per_3_r_per_7_register_and_report() {
    let db = Db::demo();
    db.refuses(
        &["person", "add", "--name", "李四", "--dept", "办公室"],
        "R-PER-1",
    );
    db.refuses(
        &[
            "person",
            "add",
            "--name",
            "李四",
            "--dept",
            "办公室",
            "--grade",
            "一般",
            "--level",
            "绝密",
        ],
        "R-PER-1",
    );
    db.refuses(
        &[
            "person",
            "add",
            "--name",
            "李四",
            "--dept",
            "办公室",
            "--grade",
            "一般",
            "--role",
            "司机",
        ],
        "岗位",
    );
    let no = db.stdout(&[
        "person",
        "add",
        "--name",
        "李四",
        "--dept",
        "办公室",
        "--grade",
        "核心",
        "--level",
        "绝密",
        "--role",
        "保密员",
        "--sex",
        "男",
        "--phone",
        "0750-1234567",
        "--date",
        "2026-11-01",
    ]);
    let no = no.trim();
    db.refuses(
        &[
            "person",
            "event",
            no,
            "--kind",
            "旅游",
            "--date",
            "2026-11-20",
        ],
        "事项",
    );
    db.stdout(&[
        "person",
        "event",
        no,
        "--kind",
        "因私出国",
        "--date",
        "2026-11-20",
        "--note",
        "已报单位领导批准",
    ]);
    let shown = db.json(&["person", "show", no, "--format", "json"]);
    assert_eq!(shown["role"], "保密员");
    assert_eq!(shown["events"][0]["values"]["kind"], "因私出国");
    assert_eq!(shown["events"][0]["values"]["note"], "已报单位领导批准");
    assert!(shown["cooling_off_until"].is_null());
}

// Import and export through the ledger's description: officers' headers, every row checked.
#[test]
fn import_and_export_people() {
    let db = Db::demo();
    let file = db.dir.path().join("people.csv");
    std::fs::write(
        &file,
        "姓名,性别,所在部门,职务,涉密人员类别,联系电话\n王五,男,办公室,科员,一般,13800000000\n赵六,女,财务科,科长,高级,\n",
    )
    .unwrap();
    let err = db.refuses(&["import", "people", file.to_str().unwrap()], "第3行");
    assert!(err.contains("涉密等级"), "{err}");
    std::fs::write(
        &file,
        "姓名,性别,所在部门,职务,涉密人员类别,联系电话\n王五,男,办公室,科员,一般,13800000000\n赵六,女,财务科,科长,重要,\n",
    )
    .unwrap();
    db.stdout(&["import", "people", file.to_str().unwrap()]);
    let csv = db.stdout(&["export", "people", "--format", "csv"]);
    assert!(csv.contains("姓名") && csv.contains("涉密等级"), "{csv}");
    assert!(csv.contains("王五") && csv.contains("财务科"), "{csv}");
    // A person's number is a 人员编号, not a carrier's 保密编号; the export reads back in.
    assert!(
        csv.contains("人员编号") && !csv.contains("保密编号"),
        "{csv}"
    );
    let again = db.dir.path().join("again.csv");
    std::fs::write(&again, csv.replace("RY-", "RY2-")).unwrap();
    db.stdout(&["import", "people", "--dry-run", again.to_str().unwrap()]);
}

// Hostile input: a 10,000-character name, a date of 1900, control characters — refused, nothing
// written, the long value never echoed whole.
#[test]
fn hostile_input_is_refused() {
    let db = Db::demo();
    let long = "张".repeat(10_000);
    let err = db.refuses(&["person", "add", "--name", &long, "--outsider"], "姓名");
    assert!(err.chars().count() < 500, "{}", err.chars().count());
    db.refuses(
        &["person", "add", "--name", "李\u{1b}[2J四", "--outsider"],
        "姓名",
    );
    db.refuses(
        &[
            "person",
            "add",
            "--name",
            "李四",
            "--outsider",
            "--date",
            "1900-01-01",
        ],
        "日期",
    );
    let no = add(&db, "李四", "办公室", "一般");
    db.refuses(&["person", "vet", &no, "--date", "1900-01-01"], "日期");
    db.refuses(&["person", "vet", &no, "--date", "2026-10-01"], "登记日期");
    db.refuses(&["person", "pledge", &no, "--ref", "R\u{7}1"], "文书编号");
    db.refuses(&["person", "show", &long], "涉密人员");
    db.refuses(
        &[
            "person",
            "event",
            &no,
            "--kind",
            "其他",
            "--note",
            &"x".repeat(10_000),
        ],
        "处理情况",
    );
}
