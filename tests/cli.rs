//! The command line, run as a script runs it: exit codes, Chinese messages, the JSON and CSV the
//! contract fixes.

#[path = "cli/binary.rs"]
mod binary;
mod common;
#[path = "cli/help.rs"]
mod help;

use assert_cmd::Command;
use common::Db;
use serde_json::Value;

fn demo() -> Db {
    Db::demo()
}

fn empty() -> Db {
    Db {
        dir: tempfile::tempdir().unwrap(),
    }
}
#[test]
fn database_problems_exit_3() {
    let db = empty();
    let mut c = db.cmd();
    c.env("BAOMI_DB", db.dir.path().join("no/such/dir/baomi.db"));
    common::fails_with(c.arg("due").output(), 3, "目录不存在");
    let (code, err) = db.fails(&["due"]);
    assert_eq!(code, 3);
    assert!(err.contains("baomi init"), "{err}");
    std::fs::write(db.path(), "hello, not a database").unwrap();
    let (code, err) = db.fails(&["due"]);
    assert_eq!(code, 3);
    assert!(err.contains("不是 baomi 数据库"), "{err}");
}

#[test]
fn init_then_a_weak_password_then_users() {
    let db = empty();
    // R-CMP-4: weak passwords are refused and nothing is half-written.
    common::fails_with(
        db.cmd()
            .env("BAOMI_PASSWORD", "abc")
            .args([
                "init",
                "--unit",
                "测试局",
                "--officer",
                "admin",
                "--level",
                "机密",
            ])
            .output(),
        1,
        "R-CMP-4",
    );
    common::succeeded(
        "init",
        db.cmd()
            .env("BAOMI_PASSWORD", "Baomi-2026x")
            .args([
                "init",
                "--unit",
                "测试局",
                "--officer",
                "admin",
                "--level",
                "机密",
            ])
            .output(),
    );
    // A second init is refused.
    let out = db
        .cmd()
        .env("BAOMI_PASSWORD", "Baomi-2026x")
        .args(["init", "--unit", "x", "--officer", "y"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // Users.
    common::succeeded(
        "user add",
        db.as_user("admin", "Baomi-2026x")
            .env("BAOMI_NEW_PASSWORD", "Lingdao-2026")
            .args([
                "user",
                "add",
                "wang",
                "--role",
                "leader",
                "--name",
                "王局长",
            ])
            .output(),
    );
    let out = db
        .as_user("admin", "Baomi-2026x")
        .args(["user", "list"])
        .output()
        .unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(
        list.contains("王局长") && list.contains("主管领导"),
        "{list}"
    );
    // An unknown user.
    common::fails_with(
        db.as_user("nobody", "x")
            .args(["settings", "set", "alarm_days", "5"])
            .output(),
        1,
        "不存在",
    );
}

// R-SYS-1: the same lockout applies to scripts; another officer unlocks.
#[test]
fn r_sys_1_cli_lockout() {
    let db = demo();
    for _ in 0..3 {
        let out = db
            .as_user("liqiang", "wrong")
            .args(["settings", "set", "alarm_days", "5"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
    }
    let out = db
        .cmd()
        .args(["settings", "set", "alarm_days", "5"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("已锁定"));
    db.as_user("zhaomin", "Baomi@2026-zhao")
        .args(["user", "unlock", "liqiang"])
        .assert()
        .success();
    db.cmd()
        .args(["settings", "set", "alarm_days", "5"])
        .assert()
        .success();
}

// R-SYS-3: audit verify exits 0 on a whole log and 1 naming the first bad row.
#[test]
fn r_sys_3_audit_verify_notices_a_hand_edit() {
    let db = demo();
    let ok = db.stdout(&["audit", "verify"]);
    assert!(ok.contains("审计日志完整"), "{ok}");
    {
        let c = rusqlite::Connection::open(db.path()).unwrap();
        c.execute_batch(
            "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'mallory' WHERE seq = 12;",
        )
        .unwrap();
    }
    let (code, err) = db.fails(&["audit", "verify"]);
    assert_eq!(code, 1);
    assert!(err.contains("第 12 条"), "{err}");
}

#[test]
fn receive_show_and_list() {
    let db = demo();
    let no = db.stdout(&[
        "paper",
        "receive",
        "--title",
        "关于做好年终保密检查的通知",
        "--from",
        "市保密局",
        "--doc-no",
        "江保密〔2026〕21号",
        "--level",
        "机密",
        "--copies",
        "2",
        "--copy-nos",
        "3,4",
        "--return-by",
        "2027-01-31",
        "--location",
        "1号保密柜",
    ]);
    let no = no.trim();
    assert_eq!(no, "2026-收-0042");
    let page = db.json(&["paper", "show", no, "--format", "json"]);
    assert_eq!(page["mark"], "机密★20年");
    assert_eq!(page["state"], "在册");
    assert_eq!(page["holder"], "李强");
    assert_eq!(page["history"][0]["kind"], "收文");
    let list = db.json(&[
        "paper", "list", "--state", "在册", "--level", "机密", "--format", "json",
    ]);
    let rows = list.as_array().unwrap();
    assert!(rows.iter().any(|r| r["收文编号"] == no));
    assert!(
        rows.iter()
            .all(|r| r["密级"] == "机密" && r["状态"] == "在册")
    );
    let csv = db.stdout(&["paper", "list", "--year", "2026", "--format", "csv"]);
    // DESIGN.md's headers in their places; 知悉范围 (R-CLS-2) and 承办部门 (issue 12) added after
    // them, never renamed.
    assert!(csv.starts_with("\u{feff}\"收文编号\",\"收文日期\",\"来文单位\",\"文号\",\"标题\",\"密级\",\"保密期限\",\"份数\",\"份号\",\"清退期限\",\"状态\",\"存放位置\",\"持有人\",\"知悉范围\",\"承办部门\"\r\n"));
    // Bad input: a clear message naming the field, exit 1, nothing written.
    let (code, err) = db.fails(&[
        "paper", "receive", "--title", "x", "--from", "y", "--level", "机蜜",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("密级"), "{err}");
    let (code, err) = db.fails(&[
        "paper",
        "receive",
        "--title",
        "x",
        "--from",
        "y",
        "--level",
        "秘密",
        "--date",
        "2026-02-30",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("收文日期"), "{err}");
    let (_, err) = db.fails(&["paper", "show", "2099-收-0001"]);
    assert!(err.contains("找不到密件"), "{err}");
}

// R-PAP-9 and R-SYS-6 from the command line: request, decide, lend, return.
#[test]
fn loan_through_the_approval_queue() {
    let db = demo();
    let id = db.stdout(&[
        "request",
        "loan",
        "2026-收-0041",
        "--borrower",
        "张伟",
        "--return-by",
        "2026-12-10",
    ]);
    let id = id.trim();
    let (code, err) = db.fails(&["paper", "loan", "2026-收-0041", "--request", id]);
    assert_eq!(code, 1);
    assert!(err.contains("R-PAP-9"), "{err}");
    let queue = db.json(&["approvals", "--format", "json"]);
    assert!(queue.as_array().unwrap().iter().any(|r| {
        r["id"].as_i64().map(|n| n.to_string()).as_deref() == Some(id) && r["state"] == "待审批"
    }));
    // An officer cannot approve by themself; a signed paper approval is recorded.
    let (code, err) = db.fails(&["approve", id]);
    assert_eq!(code, 1);
    assert!(err.contains("R-SYS-6"), "{err}");
    let (code, err) = db.fails(&["reject", id]);
    assert_ne!(code, 0, "{err}");
    db.as_user("wangjianguo", "Lingdao@2026-wang")
        .args(["approve", id, "--opinion", "同意"])
        .assert()
        .success();
    let out = db.stdout(&["paper", "loan", "2026-收-0041", "--request", id]);
    assert!(out.contains("张伟"), "{out}");
    let out = db.stdout(&["paper", "back", "2026-收-0041"]);
    assert!(out.contains("归还"), "{out}");
    let reg = db.stdout(&["register", "loans", "--year", "2026"]);
    assert!(reg.contains("张伟") && reg.contains("王建国"), "{reg}");
    assert!(reg.contains("第 1 页 共 1 页"));
}

#[test]
fn due_json_matches_the_contract() {
    let db = demo();
    let items = db.json(&["due", "--format", "json"]);
    let items = items.as_array().unwrap();
    assert!(!items.is_empty());
    for i in items {
        let keys: Vec<&String> = i.as_object().unwrap().keys().collect();
        let mut keys: Vec<&str> = keys.into_iter().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "days", "due", "due_at", "kind", "level", "rule", "state", "subject", "title"
            ]
        );
        assert!(["overdue", "due_soon", "upcoming"].contains(&i["state"].as_str().unwrap()));
        assert!(i["days"].as_i64().unwrap() <= 30);
    }
    let dues: Vec<(&str, &str)> = items
        .iter()
        .map(|i| (i["due"].as_str().unwrap(), i["rule"].as_str().unwrap()))
        .collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted, "sorted by due date, then rule");
    let monthly = items.iter().find(|i| i["rule"] == "R-PAP-12").unwrap();
    assert_eq!(monthly["kind"], "unit");
    assert_eq!(monthly["level"], Value::Null);
    assert_eq!(monthly["due"], "2026-11-30");
    assert_eq!(monthly["days"], 3);
    // On 1 April, last year's unreturned papers are overdue.
    let april = db.json(&["due", "--as-of", "2027-04-01", "--format", "json"]);
    assert!(
        april
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["rule"] == "R-PAP-14"
                && i["state"] == "overdue"
                && i["subject"].as_str().unwrap().starts_with("2026-"))
    );
}

#[test]
fn due_csv_and_html() {
    let db = demo();
    let csv = db.stdout(&["due", "--format", "csv"]);
    assert!(
        csv.starts_with("\u{feff}\"分组\",\"状态\",\"规则\""),
        "{csv}"
    );
    assert!(csv.contains("\r\n"));
    let html = db.stdout(&["due", "--format", "html"]);
    assert!(html.contains("<div class=\"mark top\">绝密</div>"));
    assert!(html.contains("第 1 页 共"));
}

#[test]
fn import_is_all_or_nothing_and_names_every_bad_line() {
    let db = demo();
    let file = db.dir.path().join("台帐.csv");
    std::fs::write(
        &file,
        "\u{feff}收文编号,收文日期,来文单位,文号,标题,密级,保密期限,份数,份号,清退期限,状态,存放位置,持有人\n\
         2025-收-9001,2025-03-01,市委办,江委办〔2025〕1号,好的一行,秘密,,1,,,在册,1号柜,李强\n\
         2025-收-9002,2025-02-30,市委办,,日期不对,秘密,,1,,,在册,,\n\
         2025-收-9003,2025-03-01,市委办,,密级不对,机蜜,,1,,,在册,,\n\
         2025-收-9004,2025-03-01,市委办,,份数不对,秘密,,0,,,在册,,\n\
         2025-收-9001,2025-03-01,市委办,,编号重复,秘密,,1,,,在册,,\n\
         2025-收-9006,2025-03-01,市委办,,,秘密,,1,,,在册,,\n\
         2025-收-9007,2025-03-01,市委办,,状态不对,秘密,,1,,,借走了,,\n\
         2026-收-0001,2026-03-01,市委办,,台帐已有,秘密,,1,,,在册,,\n",
    )
    .unwrap();
    let before = db
        .json(&["paper", "list", "--format", "json"])
        .as_array()
        .unwrap()
        .len();
    let (code, err) = db.fails(&["import", "papers", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    for line in [
        "第3行", "第4行", "第5行", "第6行", "第7行", "第8行", "第9行",
    ] {
        assert!(err.contains(line), "{line} in {err}");
    }
    assert!(!err.contains("\n第2行"), "{err}");
    assert!(
        err.contains("标题") && err.contains("重复") && err.contains("已在台帐"),
        "{err}"
    );
    let after = db
        .json(&["paper", "list", "--format", "json"])
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, after, "nothing imported");
    // A good file with the spreadsheet's own headers.
    let good = db.dir.path().join("好.csv");
    std::fs::write(
        &good,
        "序号,文件名称,来文机关,文件字号,密级,数量,日期,保管人,状态\n\
         1,关于加强网络安全管理的通知,市委网信办,江网信〔2025〕7号,秘密,2,2025-06-01,张伟,已清退\n\
         2,防汛工作方案,市应急管理局,,机密,1,2025-07-01,王芳,在册\n",
    )
    .unwrap();
    let out = db.stdout(&["import", "papers", good.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("检查通过"), "{out}");
    assert_eq!(
        db.json(&["paper", "list", "--format", "json"])
            .as_array()
            .unwrap()
            .len(),
        before
    );
    let out = db.stdout(&["import", "papers", good.to_str().unwrap()]);
    assert!(out.contains("已导入 2 件"), "{out}");
    let found = db.json(&["search", "网络安全管理", "--format", "json"]);
    assert_eq!(found[0]["state"], "已清退");
    let export = db.stdout(&["export", "papers", "--format", "json"]);
    let v: Value = serde_json::from_str(&export).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|p| p["标题"] == "防汛工作方案" && p["持有人"] == "王芳")
    );
}

#[test]
fn search_json_keys() {
    let db = demo();
    let hits = db.json(&["search", "重庆", "--format", "json"]);
    let first = &hits.as_array().unwrap()[0];
    for k in [
        "kind", "subject", "title", "level", "state", "holder", "location",
    ] {
        assert!(first.get(k).is_some(), "{k}");
    }
    assert_eq!(first["kind"], "paper");
    assert_eq!(
        db.json(&["search", "没有这样的标题", "--format", "json"]),
        Value::Array(vec![])
    );
}

#[test]
fn backup_and_restore() {
    let db = demo();
    let file = db.dir.path().join("backup.db");
    let out = db.stdout(&["backup", file.to_str().unwrap()]);
    assert!(out.contains("核对一致"), "{out}");
    let target = db.dir.path().join("restored.db");
    let mut c = db.cmd();
    c.env("BAOMI_DB", &target)
        .args(["restore", file.to_str().unwrap()])
        .assert()
        .success();
    common::succeeded(
        "audit verify",
        db.cmd()
            .env("BAOMI_DB", &target)
            .args(["audit", "verify"])
            .output(),
    );
}

// Issue 9 point 18: search never cuts silently: with more hits than --limit it says so on standard
// error; with fewer it says nothing.
#[test]
fn search_says_when_there_are_more_than_shown() {
    let db = demo();
    let out = db
        .cmd()
        .args(["search", "关于", "--limit", "3", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits.as_array().map(Vec::len), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("显示前 3 条，还有更多；用 --limit 调整"),
        "{err}"
    );
    let out = db.cmd().args(["search", "2026-收-0041"]).output().unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("还有更多"));
}
