//! The knowledge scope against the people register from the command line (issue 11 "Knowledge
//! scope" and "Names repeat"): a scope naming a department admits that department's people, 本单位
//! the unit's staff and not outsiders, refusals name the person and their department, and a name
//! two people share is refused with both until the number is given.

mod common;

use common::Db;

/// Registers a vetted, pledged person; their number.
fn cleared(db: &Db, name: &str, dept: &str) -> String {
    let no = db
        .stdout(&[
            "person",
            "add",
            "--name",
            name,
            "--dept",
            dept,
            "--grade",
            "重要",
            "--date",
            "2026-11-01",
        ])
        .trim()
        .to_string();
    db.stdout(&["person", "vet", &no, "--date", "2026-11-02"]);
    db.stdout(&["person", "pledge", &no, "--date", "2026-11-02"]);
    no
}

fn receive(db: &Db, title: &str, scope: &str) -> String {
    db.stdout(&[
        "paper",
        "receive",
        "--title",
        title,
        "--from",
        "市委办公室",
        "--level",
        "机密",
        "--scope",
        scope,
        "--date",
        "2026-11-20",
    ])
    .trim()
    .to_string()
}

// R-PAP-7, R-CLS-2: circulation and take-out admit a department's people by the register's
// department (not the one typed), and the refusal names the person, their department and the scope.
#[test]
fn r_pap_7_r_cls_2_scope_of_a_department() {
    let db = Db::demo();
    cleared(&db, "宋一", "办公室");
    cleared(&db, "宋二", "财务科");
    let no = receive(&db, "办公室范围的机密件", "办公室、李强");
    let err = db.refuses(
        &[
            "paper",
            "circulate",
            &no,
            "--reader",
            "宋二",
            "--dept",
            "办公室",
        ],
        "R-PAP-7",
    );
    assert!(
        err.contains(&format!(
            "宋二（财务科）不在 {no} 的知悉范围（办公室、李强）内"
        )),
        "{err}"
    );
    let out = db.stdout(&["paper", "circulate", &no, "--reader", "宋一"]);
    assert!(out.contains("宋一"), "{out}");
    db.stdout(&["paper", "back", &no]);
    let err = db.refuses(
        &[
            "request",
            "take-out",
            &no,
            "--persons",
            "宋一、宋二",
            "--place",
            "市委",
            "--purpose",
            "汇报",
            "--return-by",
            "2026-11-28",
        ],
        "R-CLS-2",
    );
    assert!(err.contains("宋二（财务科）不在"), "{err}");
}

// R-CLS-2, R-PAP-9: 本单位 admits the unit's staff but not an outsider recorded as such; an
// uncleared member of staff inside it still may not read a 机密 paper (R-PER-2).
#[test]
fn r_pap_9_r_cls_2_whole_unit_is_not_outsiders() {
    let db = Db::demo();
    cleared(&db, "宋一", "办公室");
    db.stdout(&[
        "person",
        "add",
        "--name",
        "局里人",
        "--outsider",
        "--date",
        "2026-11-01",
    ]);
    db.stdout(&[
        "person",
        "add",
        "--name",
        "宋三",
        "--dept",
        "办公室",
        "--grade",
        "一般",
        "--date",
        "2026-11-01",
    ]);
    let no = receive(&db, "全单位知悉的机密件", "本单位");
    let loan = |who: &str| {
        vec![
            "request".to_string(),
            "loan".into(),
            no.clone(),
            "--borrower".into(),
            who.into(),
            "--return-by".into(),
            "2026-12-10".into(),
        ]
    };
    let args = loan("局里人");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let err = db.refuses(&args, "R-PAP-9");
    assert!(err.contains("局里人（外部人员）不在"), "{err}");
    assert!(err.contains("外部人员不属本单位人员"), "{err}");
    // R-PER-2: inside the scope, but not yet vetted and pledged: no reading a 机密 paper.
    let err = db.refuses(&["paper", "circulate", &no, "--reader", "宋三"], "R-PER-2");
    assert!(err.contains("宋三（RY-003）"), "{err}");
    let args = loan("宋一");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    db.stdout(&args);
}

// Names repeat: two 张伟 in two departments; a paper act naming 张伟 is refused with both
// numbers and departments, and the number is taken instead (the register still says the name).
#[test]
fn names_repeat_two_zhang_wei_by_number() {
    let db = Db::demo();
    let a = cleared(&db, "张伟", "办公室");
    let b = cleared(&db, "张伟", "财务科");
    let no = receive(&db, "两个张伟", "办公室");
    let err = db.refuses(
        &["paper", "circulate", &no, "--reader", "张伟"],
        "请改用人员编号",
    );
    assert!(
        err.contains(&format!("{a}（办公室")) && err.contains(&format!("{b}（财务科")),
        "{err}"
    );
    let err = db.refuses(&["paper", "circulate", &no, "--reader", &b], "R-PAP-7");
    assert!(err.contains("张伟（财务科）不在"), "{err}");
    db.stdout(&["paper", "circulate", &no, "--reader", &a]);
    let shown = db.json(&["paper", "show", &no, "--format", "json"]);
    assert_eq!(shown["holder"], "张伟", "{shown}");
    db.stdout(&["paper", "back", &no]);
    let err = db.refuses(
        &[
            "request",
            "loan",
            &no,
            "--borrower",
            "张伟",
            "--return-by",
            "2026-12-10",
        ],
        "请改用人员编号",
    );
    assert!(err.contains(&a), "{err}");
    db.stdout(&[
        "request",
        "loan",
        &no,
        "--borrower",
        &a,
        "--return-by",
        "2026-12-10",
    ]);
}

// need_to_know: a department head linked to a person outside a 绝密 paper's scope reads its title
// as hidden in the ledger, `baomi search` (its title's words find nothing) and the export; linked
// to a person inside the scope, or as the officer, the title shows.
#[test]
fn need_to_know_search_and_export() {
    let db = Db::demo_full();
    // 2025-收-0005 is 绝密 with the scope 徐明、刘洋、办公室; RY-003 陈静 is of 综合科.
    let title = "关于组织重庆对口协作工作的通知";
    let out = db.stdout(&["user", "person", "chenhong", "RY-003"]);
    assert!(out.contains("RY-003"), "{out}");
    let head = |args: &[&str]| {
        let out = db
            .as_user("chenhong", "Bumen@2026-chen")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let found = head(&["search", "2025-收-0005"]);
    assert!(found.contains("绝密文件（标题不显示）"), "{found}");
    assert!(!found.contains(title), "{found}");
    let found = head(&["search", "组织重庆"]);
    assert!(!found.contains("2025-收-0005"), "{found}");
    let exported = head(&["export", "papers", "--format", "csv"]);
    assert!(
        exported.contains("绝密文件（标题不显示）"),
        "title hidden in export"
    );
    assert!(!exported.contains(title), "title hidden in export");
    let shown = head(&["paper", "show", "2025-收-0005"]);
    assert!(!shown.contains(title), "{shown}");
    // 机密 titles are not touched.
    assert!(exported.contains("关于重庆对口协作有关问题的通报"));
    // The officer sees every title.
    assert!(db.stdout(&["search", "组织重庆"]).contains(title));
    // RY-002 刘洋 is in the scope.
    db.stdout(&["user", "person", "chenhong", "刘洋"]);
    assert!(head(&["search", "2025-收-0005"]).contains(title));
    // Only an officer links accounts to people.
    let out = db
        .as_user("chenhong", "Bumen@2026-chen")
        .args(["user", "person", "chenhong"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("R-SYS-6"));
    db.stdout(&["audit", "verify"]);
}

// need_to_know: `user list` names the person each account is linked to (column 人员, JSON key
// `person` with the number); a name two people share links nobody and writes nothing until the
// number is given.
#[test]
fn need_to_know_user_list_shows_the_linked_person() {
    let db = Db::demo_full();
    let other = cleared(&db, "陈静", "办公室");
    let err = db.refuses(
        &["user", "person", "chenhong", "陈静"],
        "有 2 人名为「陈静」",
    );
    assert!(
        err.contains("RY-003（综合科") && err.contains("办公室"),
        "{err}"
    );
    db.stdout(&["user", "person", "chenhong", &other]);
    let list = db.stdout(&["user", "list"]);
    let row = list.lines().find(|l| l.starts_with("chenhong")).unwrap();
    assert!(row.contains(&format!("{other} 陈静（办公室）")), "{list}");
    assert!(list.lines().next().unwrap().contains("人员"), "{list}");
    let json = db.json(&["user", "list", "--format", "json"]);
    let accounts = json.as_array().unwrap();
    let linked = accounts.iter().find(|a| a["name"] == "chenhong").unwrap();
    assert_eq!(linked["person"], other.as_str());
    let plain = accounts.iter().find(|a| a["name"] == "sunli").unwrap();
    assert_eq!(plain["person"], "");
    // Unlinked: the column is empty again.
    db.stdout(&["user", "person", "chenhong"]);
    let list = db.stdout(&["user", "list"]);
    assert!(!list.contains(&other), "{list}");
    db.stdout(&["audit", "verify"]);
}
