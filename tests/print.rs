//! Printouts: the PDF holds the Chinese text and the marking on every page (read back with
//! pdftotext, which .ci/run installs), the font is embedded as a subset, CSV is UTF-8 with a BOM.

mod common;

use std::process::Command;

use baomi::report::{self, Format, print};
use baomi::store::registers::{self, RegisterKind};
use baomi::store::{self};
use common::*;

fn pdftotext(pdf: &[u8], page: Option<usize>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new("pdftotext");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out =
        cmd.arg(&path).arg("-").output().expect(
            "pdftotext (poppler-utils) is needed to read the PDF back; .ci/run installs it",
        );
    assert!(out.status.success());
    // Text extraction keeps no spacing between glyphs: compare without white space.
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| *c != ' ')
        .collect()
}

fn pages(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|n| n.trim().parse().unwrap_or(0))
        })
        .unwrap_or(0)
}

// R-CLS-6: the due list as PDF carries the marking and page count; the Chinese text reads back.
#[test]
fn r_cls_6_due_list_pdf() {
    let (_d, s) = demo();
    let settings = store::settings::load(s.conn()).unwrap();
    let items = store::due::items(s.conn(), today(), &settings, 30).unwrap();
    let mut doc = report::due::document(&items, &settings.unit_name, today(), 30, &[2027]);
    doc.printed_by = "李强".into();
    let pdf = print::render(&doc, Format::Pdf, "").unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdftotext(&pdf, None);
    for want in [
        "到期提醒清单",
        "江门市某某局",
        "年度清退（次年一季度前）",
        "2025-收-0005",
        "第1页共",
        "保密员（签字）",
        "2027年的法定节假日安排尚未录入",
    ] {
        assert!(text.contains(want), "{want} in:\n{text}");
    }
    // The marking is the highest level shown (a 绝密 paper is on the list), top and bottom.
    assert!(text.matches("绝密").count() >= 2, "{text}");
    // The font is embedded as a subset: pdffonts says so, and the name carries a subset tag.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("due.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let fonts = Command::new("pdffonts")
        .arg(&path)
        .output()
        .expect("pdffonts (poppler-utils)");
    let fonts = String::from_utf8_lossy(&fonts.stdout).to_string();
    let line = fonts.lines().nth(2).unwrap_or_default();
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        cols.first().map(|n| n.as_bytes().get(6)),
        Some(Some(&b'+')),
        "{fonts}"
    );
    assert!(
        line.contains("yes yes yes"),
        "embedded, subset, with Unicode map: {fonts}"
    );
    assert!(
        pdf.len() < 200_000,
        "subset keeps it small: {} bytes",
        pdf.len()
    );
}

// R-CLS-6: a register over several pages: every page marked at top and bottom and numbered.
#[test]
fn r_cls_6_every_page_of_a_register() {
    let (_d, s) = demo();
    let reg = registers::load(s.conn(), RegisterKind::Receipts, None, None).unwrap();
    let doc = report::registers::document(&reg, "江门市某某局", today());
    let pdf = print::render(&doc, Format::Pdf, "").unwrap();
    let n = pages(&pdf);
    assert!(n > 2, "{n} pages");
    let mark = doc.marking_text();
    assert_eq!(mark, "绝密");
    for p in 1..=n {
        let text = pdftotext(&pdf, Some(p));
        assert!(
            text.trim_start().starts_with(&mark),
            "page {p} starts with the marking:\n{text}"
        );
        assert!(
            text.contains(&format!("第{p}页共{n}页")),
            "page {p}:\n{text}"
        );
        assert!(
            text.matches(&mark).count() >= 2,
            "top and bottom on page {p}"
        );
    }
}

#[test]
fn csv_is_utf8_with_a_bom() {
    let (_d, s) = demo();
    let reg = registers::load(s.conn(), RegisterKind::Loans, Some(2026), None).unwrap();
    let doc = report::registers::document(&reg, "江门市某某局", today());
    let csv = print::render(&doc, Format::Csv, "").unwrap();
    assert_eq!(&csv[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("\"借阅时间\""));
    assert!(text.contains("\r\n"));
}

// R-PAP-23: the destruction list has its count-register-cancel title and both signature lines.
#[test]
fn r_pap_23_destruction_list_form() {
    let (_d, s) = demo();
    let reg = registers::load(s.conn(), RegisterKind::Destruction, None, Some(1)).unwrap();
    let doc = report::registers::document(&reg, "江门市某某局", today());
    let text = report::text::render(&doc);
    assert!(
        text.contains("涉密载体销毁清单（清点、登记、注销）"),
        "{text}"
    );
    assert!(
        text.contains("销毁人（保密员）（签字）") && text.contains("监销人（签字）"),
        "{text}"
    );
    assert!(text.contains("合计："), "{text}");
    assert!(
        text.contains("销毁方式：保密粉碎机") || text.contains("销毁方式：指定造纸厂"),
        "{text}"
    );
}

// R-PAP-8, R-PAP-20: the registers the rules ask for exist with their columns.
#[test]
fn r_pap_20_and_r_pap_8_register_columns() {
    let (_d, s) = demo();
    let copies = registers::load(s.conn(), RegisterKind::Copies, None, None).unwrap();
    for c in [
        "复制日期",
        "文件名称",
        "文号",
        "密级",
        "份数",
        "批准人",
        "领取人",
        "归还日期",
    ] {
        assert!(copies.columns.contains(&c), "{c}");
    }
    assert_eq!(copies.rows.len(), 1);
    let readers = registers::load(s.conn(), RegisterKind::TopSecretReaders, None, None).unwrap();
    for c in ["知悉人员", "签领时间", "退回时间"] {
        assert!(readers.columns.contains(&c), "{c}");
    }
    let count = registers::load(s.conn(), RegisterKind::CountSheet, None, None).unwrap();
    assert!(count.title.contains("清点表") || count.title.contains("核查表"));
}
