//! The yearly ledger set (issue 12), the registers of declared ledgers and acts (issue 10's
//! printed registers) and the 常态化检查服务项目表 (R-INS-4) from the command line. PDFs are
//! read back with lopdf, drawn with the tests' own font (tests/fixtures/); workbooks with calamine.

mod common;

use calamine::Reader;
use common::Db;

const FONT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/BaomiTestSansSC.otf"
);

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Each page's text, white space removed.
fn pages(path: &std::path::Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let n = doc.get_pages().len() as u32;
    (1..=n)
        .map(|p| squash(&doc.extract_text(&[p]).unwrap()))
        .collect()
}

/// The demo with the tests' font, a 机密 U盘 of 办公室 lent with a computer named and back, a
/// computer repaired, and a paper of 业务一科 received this year.
fn office() -> Db {
    let db = Db::demo();
    db.stdout(&["settings", "set", "font_path", FONT]);
    db.add_usb("U-017", "机密", "SN-0017", &["--model", "DT50"]);
    for args in [
        &[
            "computer",
            "add",
            "--class",
            "涉密",
            "--level",
            "机密",
            "--no",
            "PC-001",
            "--keeper",
            "张三",
            "--dept",
            "办公室",
            "--model",
            "联想M720",
        ][..],
        &["computer", "file", "PC-001", "--ref", "江保备2026-3"],
        &[
            "medium",
            "lend",
            "U-017",
            "--to",
            "王五",
            "--computer",
            "PC-001",
            "--return-by",
            "2026-12-10",
            "--date",
            "2026-11-20",
        ],
        &[
            "medium",
            "back",
            "U-017",
            "--findings",
            "完好",
            "--date",
            "2026-11-25",
        ],
        &[
            "paper",
            "receive",
            "--title",
            "关于做好年度保密自查的通知",
            "--from",
            "市保密局",
            "--doc-no",
            "江保密〔2026〕21号",
            "--level",
            "秘密",
            "--dept",
            "业务一科",
        ],
    ] {
        db.stdout(args);
    }
    db
}

// R-MED-3 and R-CLS-6: the 存储介质借用登记 lists the loan with the form's columns — the computer
// it was connected to and that computer's level, the deadline, who borrowed it, the day it came
// back, what the check found — and is marked with the highest level it shows.
#[test]
fn r_med_3_media_loan_register_has_the_forms_columns() {
    let db = office();
    let out = db.stdout(&["register", "media-loans", "--year", "2026"]);
    let first = out.lines().next().unwrap_or("");
    assert_eq!(first, "机密", "{out}");
    for piece in [
        "2026年存储介质借用登记",
        "连接设备编号",
        "U-017",
        "PC-001",
        "2026年12月10日",
        "王五",
        "2026年11月25日",
        "完好",
    ] {
        assert!(out.contains(piece), "{piece}: {out}");
    }
    let csv = db.stdout(&["register", "media-loans", "--format", "csv"]);
    assert!(csv.starts_with('\u{feff}'), "CSV with a BOM");
    assert!(csv.contains("\"返回时间\""), "{csv}");
    // A ledger's own register, by its noun; an unknown register names the ones there are.
    let media = db.stdout(&["register", "media"]);
    assert!(
        media.contains("移动存储介质台帐") && media.contains("DT50"),
        "{media}"
    );
    let (code, err) = db.fails(&["register", "nothing"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("repairs（涉密设备维修登记表）"), "{err}");
}

// R-CLS-3: the 本单位产生国家秘密事项一览表 lists what the unit made, with its 定密责任人 (the
// leader who approved making it), period, condition and producing department.
#[test]
fn r_cls_3_classification_register() {
    let db = Db::demo();
    let out = db.stdout(&["register", "classification", "--year", "2026"]);
    for piece in [
        "本单位产生国家秘密事项一览表",
        "定密责任人",
        "2026年度保密工作要点",
        "王建国",
        "10年",
        "保密期限届满自行解密",
        "办公室",
    ] {
        assert!(out.contains(piece), "{piece}: {out}");
    }
}

// R-CLS-6: the yearbook as PDF: a table of contents naming every section with its first page,
// every page marked with the highest level it shows top and bottom and numbered 第 x 页 共 y 页 over
// the whole set, sections from papers and media, an empty section saying 本年度无, the papers of
// a department under its heading.
#[test]
fn r_cls_6_yearbook_pdf() {
    let db = office();
    let file = db.dir.path().join("2026年度保密工作台账.pdf");
    let out = db
        .cmd()
        .args(["yearbook", "--year", "2026", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("个本年度无"), "{err}");
    let pages = pages(&file);
    let n = pages.len();
    // Each page is marked top and bottom with the highest level it shows: the contents, which
    // show no carrier, 非密; the pages of the demo's 绝密 papers 绝密; others lower.
    let mut marks = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let label = format!("第{}页共{n}页", i + 1);
        let mark = ["绝密", "机密", "秘密", "非密"]
            .into_iter()
            .find(|m| p.starts_with(m))
            .unwrap_or_else(|| panic!("page {}: {p}", i + 1));
        assert!(
            p.ends_with(&format!("{mark}{label}")),
            "page {}: {p}",
            i + 1
        );
        if p.contains("2026年度保密工作台账目录") {
            assert_eq!(mark, "非密", "page {}: {p}", i + 1);
        }
        marks.push(mark);
    }
    assert!(marks.contains(&"绝密"), "{marks:?}");
    assert!(marks.iter().any(|m| *m != "绝密"), "{marks:?}");
    // The contents take as many pages as the sections need, each headed as the contents.
    let toc: String = pages
        .iter()
        .take_while(|p| p.contains("2026年度保密工作台账目录"))
        .cloned()
        .collect();
    assert!(!toc.is_empty(), "{}", pages[0]);
    // Each section is in the contents with the page it starts on, and that page carries its title.
    let all: String = pages.concat();
    for title in [
        "2026年存储介质借用登记",
        "2026年移动存储介质台帐",
        "2026年收文登记簿",
        "2026年涉密设备维修登记表",
    ] {
        assert!(toc.contains(title), "{title} not in the contents: {toc}");
        assert!(all.contains(title), "{title}");
    }
    let repairs = pages
        .iter()
        .position(|p| p.contains("2026年涉密设备维修登记表") && !p.contains("目录"))
        .unwrap();
    assert!(pages[repairs].contains("本年度无"), "{}", pages[repairs]);
    let start = format!("2026年涉密设备维修登记表各部门本年度无{}", repairs + 1);
    assert!(toc.contains(&start), "{start}: {toc}");
    let loans = pages
        .iter()
        .find(|p| p.contains("2026年存储介质借用登记") && !p.contains("目录"))
        .unwrap();
    assert!(
        loans.contains("【部门：办公室】") && loans.contains("U-017"),
        "{loans}"
    );
    assert!(
        all.contains("【部门：业务一科】") && all.contains("关于做好年度保密自查的通知"),
        "the received paper under its department"
    );
    // Written owner-only and recorded as output (R-CMP-13).
    assert_eq!(
        db.count(
            "SELECT count(*) FROM audit WHERE action = '输出' AND subject = '2026年度保密工作台账'"
        ),
        1
    );
}

// The yearbook as xlsx: a contents sheet, then one sheet per section named by its number and
// title; an empty section says 本年度无.
#[test]
fn yearbook_xlsx_has_a_sheet_per_section() {
    let db = office();
    let file = db.dir.path().join("y.xlsx");
    db.cmd()
        .args(["yearbook", "--year", "2026", "--format", "xlsx", "--out"])
        .arg(&file)
        .assert()
        .success();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&file).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[0], "目录");
    assert!(
        names.iter().any(|n| n.ends_with(".2026年存储介质借用登记")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.ends_with(".2026年移动存储介质台帐")),
        "{names:?}"
    );
    let toc = book.worksheet_range("目录").unwrap();
    assert_eq!(
        toc.height(),
        names.len(),
        "a header and one row per section"
    );
    let repairs = names
        .iter()
        .find(|n| n.ends_with(".2026年涉密设备维修登记表"))
        .unwrap()
        .clone();
    let sheet = book.worksheet_range(&repairs).unwrap();
    assert_eq!(
        sheet.get_value((1, 0)).map(|v| v.to_string()).as_deref(),
        Some("本年度无")
    );
    // A bad format is a usage error; an existing file is not overwritten unasked.
    let (code, _) = db.fails(&[
        "yearbook", "--year", "2026", "--format", "doc", "--out", "x",
    ]);
    assert_eq!(code, 2);
    let (code, err) = db.fails(&[
        "yearbook",
        "--year",
        "2026",
        "--format",
        "xlsx",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
}

// R-INS-4: the 常态化检查服务项目表 filled in from the command line for two years, printed with
// last year's answer beside this year's; a wrong item or answer is refused naming the rule, and
// nothing is written.
#[test]
fn r_ins_4_selfcheck_year_on_year() {
    let db = Db::demo();
    db.stdout(&["settings", "set", "font_path", FONT]);
    db.cmd()
        .args([
            "selfcheck",
            "--year",
            "2025",
            "--set",
            "5=否:借阅登记不全",
            "--set",
            "8=是",
        ])
        .assert()
        .success();
    db.cmd()
        .args([
            "selfcheck",
            "--year",
            "2026",
            "--set",
            "5=是:已整改",
            "--set",
            "30=不适用",
        ])
        .assert()
        .success();
    let before = db.count("SELECT count(*) FROM selfcheck");
    for bad in ["31=是", "5=也许", "5"] {
        let (code, err) = db.fails(&["selfcheck", "--year", "2026", "--set", bad]);
        assert_eq!(code, 1, "{bad}: {err}");
        assert!(err.contains("违反 R-INS-4"), "{bad}: {err}");
    }
    assert_eq!(db.count("SELECT count(*) FROM selfcheck"), before);
    let table = db.stdout(&["selfcheck", "--year", "2026"]);
    assert!(
        table.contains("2025年") && table.contains("2026年检查情况"),
        "{table}"
    );
    let row5 = table.lines().find(|l| l.starts_with("5 ")).unwrap();
    let words: Vec<&str> = row5.split_whitespace().collect();
    assert_eq!(&words[2..], ["否", "是", "已改进", "已整改"], "{row5}");
    let file = db.dir.path().join("自查.pdf");
    db.cmd()
        .args(["selfcheck", "--year", "2026", "--out"])
        .arg(&file)
        .assert()
        .success();
    let text = pages(&file).concat();
    for piece in [
        "2026年江门市保密工作常态化检查服务项目表（自查）",
        "六、办公设备安全防护和操作情况",
        "否是已改进已整改",
        "受检单位人员（签字）",
    ] {
        assert!(text.contains(piece), "{piece}: {text}");
    }
}

// Issue 12: a paper's department (承办部门) comes from the command line, a make request and an
// officer's spreadsheet (承办部门, 使用部门 or 部门), and is kept with the paper.
#[test]
fn papers_keep_their_department() {
    let db = Db::demo();
    let csv = db.dir.path().join("收文.csv");
    std::fs::write(
        &csv,
        "标题,来文单位,密级,收文日期,份数,承办部门\n关于财务检查的通知,市财政局,秘密,2026-11-02,1,财务科\n",
    )
    .unwrap();
    db.cmd()
        .args(["import", "papers"])
        .arg(&csv)
        .assert()
        .success();
    assert_eq!(
        db.count(
            "SELECT count(*) FROM paper WHERE title = '关于财务检查的通知' AND dept = '财务科'"
        ),
        1
    );
    // Shown by `paper show` (table and JSON `dept`) and exported as the last column, after the
    // contract's and 知悉范围 (csv, json, xlsx); the import reads it back.
    let no: String = rusqlite::Connection::open(db.path())
        .unwrap()
        .query_row(
            "SELECT no FROM paper WHERE title = '关于财务检查的通知'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        db.json(&["paper", "show", &no, "--format", "json"])["dept"],
        "财务科"
    );
    assert!(
        db.stdout(&["paper", "show", &no])
            .contains("承办部门：财务科")
    );
    let export = db.stdout(&["export", "papers", "--format", "csv"]);
    let head = export.lines().next().unwrap_or_default();
    assert!(head.ends_with("\"知悉范围\",\"承办部门\""), "{head}");
    let line = export.lines().find(|l| l.contains(&no)).unwrap();
    assert!(line.ends_with(",\"财务科\""), "{line}");
    let json = db.json(&["export", "papers", "--format", "json"]);
    let row = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["收文编号"] == no.as_str());
    assert_eq!(row.unwrap()["承办部门"], "财务科");
    let out = db
        .cmd()
        .args(["export", "papers", "--format", "xlsx"])
        .output()
        .unwrap();
    let rows = baomi::domain::ledger_file::read(&out.stdout).unwrap();
    let row = rows.iter().find(|r| r.form.no == no).unwrap();
    assert_eq!(row.form.dept, "财务科");
    // The demo's own paper made this year by 办公室 (its make request named the department).
    assert_eq!(
        db.count("SELECT count(*) FROM paper WHERE origin = 'made' AND dept = '办公室'"),
        1
    );
    // A department never holds a control character (checked before anything is written).
    let before = db.count("SELECT count(*) FROM paper");
    let (code, err) = db.fails(&[
        "paper",
        "receive",
        "--title",
        "关于测试的通知",
        "--from",
        "市保密局",
        "--level",
        "秘密",
        "--dept",
        "办公\u{1b}[2J室",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("承办部门"), "{err}");
    assert_eq!(db.count("SELECT count(*) FROM paper"), before);
}

// R-SYS-3: the answers are vouched for by the audit log: one changed behind baomi's back is found.
#[test]
fn r_sys_3_selfcheck_answers_are_covered() {
    let db = Db::demo();
    db.stdout(&["selfcheck", "--year", "2026", "--set", "5=否"]);
    db.stdout(&["audit", "verify"]);
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    conn.execute("UPDATE selfcheck SET answer = '是' WHERE item = 5", [])
        .unwrap();
    let (code, err) = db.fails(&["audit", "verify"]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("常态化检查服务项目自查"), "{err}");
}
