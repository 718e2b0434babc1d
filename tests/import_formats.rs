//! Officers' own spreadsheets in (issue 9 points 19-21) and exports that stream (point 22): GBK and
//! UTF-16 CSV, workbooks with title rows above the header, older ledgers without 来文单位 (R-PAP-3
//! gaps), xlsx out and back in; the meter of long work kept off pipes.

mod common;

use std::path::{Path, PathBuf};

use common::Db;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Db {
    fn run(&self, args: &[&str]) -> Run {
        let out = self.cmd().args(args).output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: out.stdout,
            stderr: String::from_utf8_lossy(&out.stderr).to_string(),
        }
    }

    fn ok(&self, args: &[&str]) -> Run {
        let r = self.run(args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        r
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn papers(&self) -> i64 {
        let v: Value =
            serde_json::from_slice(&self.ok(&["export", "papers", "--format", "json"]).stdout)
                .unwrap();
        v.as_array().unwrap().len() as i64
    }

    fn paper(&self, no: &str) -> Value {
        serde_json::from_slice(&self.ok(&["paper", "show", no, "--format", "json"]).stdout).unwrap()
    }

    fn import(&self, path: &Path, extra: &[&str]) -> Run {
        let mut args = vec!["import", "papers", path.to_str().unwrap()];
        args.extend(extra);
        self.run(&args)
    }
}

const LEDGER: &str = "收文编号,收文日期,来文单位,文号,标题,密级,份数\n\
    2025-收-8001,2025-03-01,市委办公室,江委办〔2025〕1号,关于做好保密自查工作的通知,秘密,2\n\
    2025-收-8002,2025-03-02,市政府办公室,江府办〔2025〕7号,防汛工作方案,机密,1\n";

/// The numbers printed after 已导入.
fn imported(r: &Run) -> String {
    String::from_utf8_lossy(&r.stdout).to_string()
}

// issue 9 point 19: Excel and WPS on a Chinese Windows save CSV as GBK; "Unicode text" is UTF-16LE
// with a mark; "CSV UTF-8" has a BOM. Each imports, and the officer is told how it was read.
#[test]
fn gbk_utf16_and_utf8_csv_import_and_say_how_they_were_read() {
    let db = Db::demo();
    let before = db.papers();
    let gbk = encoding_rs::GBK.encode(LEDGER).0.into_owned();
    assert!(std::str::from_utf8(&gbk).is_err(), "real GBK bytes");
    let r = db.import(&db.file("台帐.csv", &gbk), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("按 GB18030（GBK）编码读取"),
        "{}",
        r.stderr
    );
    assert!(imported(&r).contains("已导入 2 件"));
    assert_eq!(
        db.paper("2025-收-8001")["title"],
        "关于做好保密自查工作的通知"
    );
    assert_eq!(db.paper("2025-收-8002")["originator"], "市政府办公室");

    let mut le = vec![0xFF, 0xFE];
    le.extend(
        LEDGER
            .replace("800", "810")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let r = db.import(&db.file("unicode.txt", &le), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("按 UTF-16LE（带 BOM）编码读取"),
        "{}",
        r.stderr
    );
    assert_eq!(
        db.paper("2025-收-8101")["title"],
        "关于做好保密自查工作的通知"
    );

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(LEDGER.replace("800", "820").as_bytes());
    let r = db.import(&db.file("utf8.csv", &bom), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("按 UTF-8（带 BOM）编码读取"),
        "{}",
        r.stderr
    );
    assert_eq!(db.paper("2025-收-8202")["level"], "机密");
    assert_eq!(db.papers(), before + 6);

    // None of them (Latin-1): refused in Chinese, naming the line, nothing imported.
    let latin = b"\xB1\xEA\xCC\xE2,\xC3\xDC\xBC\xB6\nCaf\xE9,\xE0 la carte\n";
    let r = db.import(&db.file("latin1.csv", latin), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("第2行：文件不是 UTF-8、UTF-16 或 GB18030（GBK）编码的文字"),
        "{}",
        r.stderr
    );
    assert_eq!(db.papers(), before + 6);
}

/// A workbook as an officer keeps it: a merged title row above the header, Excel dates, counts
/// as numbers (2.0), a return date given as a bare serial, a Chinese sheet name.
fn ledger_workbook(rows: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("本年度收到密件情况").unwrap();
    let title = Format::new().set_bold();
    sheet
        .merge_range(0, 0, 0, 6, "2025年收文登记簿", &title)
        .unwrap();
    let date = Format::new().set_num_format("yyyy年m月d日");
    for (c, h) in [
        "收文编号",
        "收文日期",
        "来文单位",
        "文件标题",
        "秘密等级",
        "文件份数",
        "清退期限",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (i, (no, title, level)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        sheet.write_string(r, 0, *no).unwrap();
        sheet
            .write_datetime_with_format(
                r,
                1,
                ExcelDateTime::from_ymd(2025, 3, 1 + i as u8).unwrap(),
                &date,
            )
            .unwrap();
        sheet.write_string(r, 2, "市委办公室").unwrap();
        sheet.write_string(r, 3, *title).unwrap();
        sheet.write_string(r, 4, *level).unwrap();
        sheet.write_number(r, 5, 2.0).unwrap();
        // 2026-03-19 as the bare number Excel keeps.
        sheet.write_number(r, 6, 46100.0).unwrap();
    }
    book.save_to_buffer().unwrap()
}

// issue 9 point 20: `import papers 台帐.xlsx` finds the header under the merged title, reads dates
// and counts, and names a bad row by the number Excel shows beside it.
#[test]
fn an_xlsx_ledger_with_a_title_row_imports_dates_and_counts() {
    let db = Db::demo();
    let before = db.papers();
    let book = ledger_workbook(&[
        ("2025-收-8301", "关于做好保密自查工作的通知", "秘密"),
        ("2025-收-8302", "防汛工作方案", "机密"),
    ]);
    let path = db.file("台帐.xlsx", &book);
    let r = db.import(&path, &["--sheet", "本年度收到密件情况"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("读取 xlsx 工作簿的工作表「本年度收到密件情况」，表头在第2行"),
        "{}",
        r.stderr
    );
    let p = db.paper("2025-收-8302");
    assert_eq!(p["registered_on"], "2025-03-02");
    assert_eq!(p["copies"], 2);
    assert_eq!(p["return_by"], "2026-03-19");
    assert_eq!(p["level"], "机密");
    assert_eq!(db.papers(), before + 2);

    // A wrong level in the third data row: Excel shows it as row 5; nothing is imported.
    let book = ledger_workbook(&[
        ("2025-收-8401", "甲", "秘密"),
        ("2025-收-8402", "乙", "秘密"),
        ("2025-收-8403", "丙", "机蜜"),
    ]);
    let r = db.import(&db.file("错.xlsx", &book), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("第5行："), "{}", r.stderr);
    assert_eq!(db.papers(), before + 2);

    // A sheet that is not there is named with those that are.
    let r = db.import(&path, &["--sheet", "收文"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("本年度收到密件情况"), "{}", r.stderr);
}

// issue 9 point 20: a damaged or fake workbook (.xlsx, .xls, .ods) is refused in Chinese; nothing
// panics and nothing is imported.
#[test]
fn a_damaged_workbook_is_refused_in_chinese() {
    let db = Db::demo();
    let before = db.papers();
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3];
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend([0u8; 64]);
    for (name, bytes) in [
        ("坏.xls", &ole[..]),
        ("坏.ods", &zip[..]),
        ("坏.xlsx", &zip[..]),
        ("文本.xlsx", LEDGER.as_bytes()),
    ] {
        let r = db.import(&db.file(name, bytes), &[]);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains("不是能读取的 Excel 或 WPS 表格文件"),
            "{name}: {}",
            r.stderr
        );
    }
    assert_eq!(db.papers(), before);
}

// issue 9 points 20 and 22: the ledger exported as xlsx (header bold and frozen, dates as dates)
// imports again into a new database as the same ledger.
#[test]
fn xlsx_export_imports_back_as_the_same_ledger() {
    let db = Db::demo();
    let xlsx = db.ok(&["export", "papers", "--format", "xlsx"]).stdout;
    assert!(xlsx.starts_with(b"PK\x03\x04"));
    let fresh = Db {
        dir: tempfile::tempdir().unwrap(),
    };
    let r = fresh.run(&[
        "init",
        "--unit",
        "测试局",
        "--officer",
        "liqiang",
        "--level",
        "绝密",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = fresh.import(&fresh.file("台帐.xlsx", &xlsx), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("工作表「密件台帐」"), "{}", r.stderr);
    // Every registration column and the state are what they were (where a closed paper sits is
    // the import's own business).
    let table = |d: &Db| -> Vec<Vec<String>> {
        let v: Value =
            serde_json::from_slice(&d.ok(&["export", "papers", "--format", "json"]).stdout)
                .unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| {
                [
                    "收文编号",
                    "收文日期",
                    "来文单位",
                    "文号",
                    "标题",
                    "密级",
                    "保密期限",
                    "份数",
                    "份号",
                    "清退期限",
                    "状态",
                ]
                .iter()
                .map(|k| p[*k].as_str().unwrap().to_string())
                .collect()
            })
            .collect()
    };
    let (a, b) = (table(&db), table(&fresh));
    assert_eq!(a.len(), b.len());
    assert_eq!(a, b);
    fresh.ok(&["audit", "verify"]);
}

// issue 9 point 21, R-PAP-3: a real template's 本年度收到密件情况 has no 来文单位. Its rows import with
// the gap marked 待补, listed by line; each paper is due as 待补登记 (R-PAP-3) until the officer
// completes it, which is audited and keeps `audit verify` clean. Wrong rows still stop it all.
#[test]
fn r_pap_3_a_ledger_without_originator_imports_with_gaps_until_completed() {
    let db = Db::demo();
    let before = db.papers();
    let template = "本年度收到密件情况\n\
        序号,日期,文号,名称（内容）,密级,载体形式,数量\n\
        1,2025-03-01,江委〔2025〕1号,关于做好保密自查工作的通知,秘密,纸质,2\n\
        2,2025-03-05,江府〔2025〕9号,防汛工作方案,机密,纸质,1\n";
    // A wrong row (an impossible date) stops the whole import, as before.
    let bad = format!("{template}3,2025-02-30,,某文件,秘密,纸质,1\n");
    let r = db.import(&db.file("坏.csv", bad.as_bytes()), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("第5行"), "{}", r.stderr);
    assert_eq!(db.papers(), before);

    let r = db.import(
        &db.file("template.csv", template.as_bytes()),
        &["--dry-run"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("第3行：缺来文单位"), "{}", r.stderr);
    assert_eq!(db.papers(), before);

    let r = db.import(&db.file("template.csv", template.as_bytes()), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("2 行缺收文登记簿应填的栏目"),
        "{}",
        r.stderr
    );
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains("第3行（"))
        .unwrap_or_else(|| panic!("{}", r.stderr));
    let no = line.split(['（', '）']).nth(1).unwrap().to_string();
    assert_eq!(db.paper(&no)["originator"], "待补");

    let due = |db: &Db| -> Vec<String> {
        let v: Value = serde_json::from_slice(&db.ok(&["due", "--format", "json"]).stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "R-PAP-3")
            .map(|d| d["subject"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(due(&db).len(), 2);
    assert!(due(&db).contains(&no));
    let table = String::from_utf8(db.ok(&["due"]).stdout).unwrap();
    assert!(table.contains("待补登记（R-PAP-3）"), "{table}");

    // Completing needs the value; then the paper leaves the due list and shows it.
    let r = db.run(&["paper", "complete", &no]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("待补：来文单位"), "{}", r.stderr);
    let r = db.run(&["paper", "complete", &no, "--from", " "]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("R-PAP-3"), "{}", r.stderr);
    db.ok(&["paper", "complete", &no, "--from", "市委办公室"]);
    assert_eq!(db.paper(&no)["originator"], "市委办公室");
    assert_eq!(due(&db).len(), 1);
    assert!(!due(&db).contains(&no));
    // What was registered, or completed, is not changed again.
    let r = db.run(&["paper", "complete", &no, "--from", "别的单位"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("R-PAP-3") && r.stderr.contains("不是待补项"));
    let audit = String::from_utf8(db.ok(&["export", "audit", "--format", "csv"]).stdout).unwrap();
    assert!(audit.contains("\"补登\""), "audited");
    db.ok(&["audit", "verify"]);
}

// issue 9 point 22: exports stream, JSON as one array (the same layout as before); nothing of a
// progress meter reaches a piped standard error.
#[test]
fn exports_are_whole_and_piped_stderr_has_no_progress() {
    let db = Db::demo();
    let json = db.ok(&["export", "papers", "--format", "json"]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    let n = v.as_array().unwrap().len();
    assert!(n > 100);
    let text = String::from_utf8(json.stdout).unwrap();
    assert!(
        text.starts_with("[\n  {\n    \"") && text.ends_with("}\n]\n"),
        "pretty array"
    );
    let csv = db.ok(&["export", "papers", "--format", "csv"]);
    let csv_text = String::from_utf8(csv.stdout).unwrap();
    assert!(csv_text.starts_with("\u{feff}\"收文编号\""));
    assert_eq!(csv_text.matches("\r\n").count(), n + 1);
    let audit: Value =
        serde_json::from_slice(&db.ok(&["export", "audit", "--format", "json"]).stdout).unwrap();
    assert!(!audit.as_array().unwrap().is_empty());
    for r in [json.stderr, csv.stderr] {
        assert!(!r.contains('\r') && !r.contains("行/秒"), "{r}");
    }
    let r = db.import(&db.file("a.csv", LEDGER.as_bytes()), &[]);
    assert!(!r.stderr.contains('\r'), "{}", r.stderr);
}

// The generated rows of `demo --rows` show a meter on a terminal (point 22); piped, stderr stays
// empty. Enough rows that a terminal would have seen it, even on a fast machine.
#[test]
fn demo_rows_piped_stderr_has_no_progress() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::baomi(&dir.path().join("baomi.db"))
        .args(["demo", "--rows", "60000"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains('\r') && !stdout.contains("行/秒"),
        "{stdout}"
    );
    assert!(stdout.contains("密件 60"), "{stdout}");
}

// R-PAP-4 (issue 9 point 22's staged import): a number is never issued twice, whether the file
// repeats one, names one the import issues to an earlier row, or names one a later row would
// have been issued; a refused file writes nothing.
#[test]
fn r_pap_4_an_import_never_issues_a_number_twice() {
    let db = Db::demo();
    let head = "收文编号,收文日期,来文单位,标题,密级,份数\n";
    let before = db.papers();
    let twice = db.file(
        "twice.csv",
        format!("{head}2026-收-0100,2026-03-01,市委办,一,秘密,1\n2026-收-0100,2026-03-02,市委办,二,秘密,1\n")
            .as_bytes(),
    );
    let r = db.import(&twice, &[]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("第3行") && r.stderr.contains("R-PAP-4"),
        "{}",
        r.stderr
    );
    assert_eq!(db.papers(), before, "a refused file writes nothing");

    let first = db.ok(&[
        "paper",
        "receive",
        "--title",
        "先收一份",
        "--from",
        "市委办",
        "--level",
        "秘密",
    ]);
    let first = String::from_utf8_lossy(&first.stdout).trim().to_string();
    assert_eq!(first, "2026-收-0042", "the sequence this test assumes");
    // A row names the number the running sequence would give the row after it: that row gets
    // the next one.
    let named = db.file(
        "named.csv",
        format!("{head},2026-03-01,市委办,自动一,秘密,1\n2026-收-0044,2026-03-02,市委办,自带编号,秘密,1\n,2026-03-03,市委办,自动二,秘密,1\n")
            .as_bytes(),
    );
    let r = db.import(&named, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (title, no) in [
        ("自动一", "2026-收-0043"),
        ("自带编号", "2026-收-0044"),
        ("自动二", "2026-收-0045"),
    ] {
        let p = db.paper(no);
        assert_eq!(p["title"], title, "{no}: {p}");
        assert_eq!(p["history"][0]["kind"], "收文", "{no}: {p}");
    }

    // A row names the number the same file issued to the row before it.
    let issued = db.file(
        "issued.csv",
        format!(
            "{head},2026-03-04,市委办,自动三,秘密,1\n2026-收-0046,2026-03-05,市委办,撞号,秘密,1\n"
        )
        .as_bytes(),
    );
    let count = db.papers();
    let r = db.import(&issued, &[]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("第3行") && r.stderr.contains("R-PAP-4"),
        "{}",
        r.stderr
    );
    assert_eq!(db.papers(), count);
}
