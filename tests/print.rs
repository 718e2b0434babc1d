//! Printouts: the PDF holds the Chinese text and the marking on every page, the font is embedded
//! as a subset, CSV is UTF-8 with a BOM. PDFs are read back with lopdf (text through the font's
//! ToUnicode map) and drawn with the tests' own font under tests/fixtures/, so `cargo test` needs
//! neither poppler nor a Chinese font on the machine.

mod common;

use baomi::report::{self, DocRow, Document, Format, print};
use baomi::store::registers::{self, RegisterKind};
use baomi::store::{self};
use common::*;

/// A subset of Noto Sans CJK SC (OFL): tests/fixtures/README.md says what it covers.
const FONT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/BaomiTestSansSC.otf"
);

/// Text with all white space removed: extraction puts spaces and line breaks of its own between
/// the pieces drawn, and the documents use ideographic spaces.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A PDF read back.
struct Pdf(lopdf::Document);

impl Pdf {
    fn read(bytes: &[u8]) -> Pdf {
        assert!(bytes.starts_with(b"%PDF"));
        Pdf(lopdf::Document::load_mem(bytes).expect("a PDF that lopdf reads"))
    }

    fn pages(&self) -> usize {
        self.0.get_pages().len()
    }

    /// The text of page `p` (from 1) in the order it was drawn, white space removed. A character
    /// the font lacks comes back as U+FFFD.
    fn text(&self, p: usize) -> String {
        let text = self
            .0
            .extract_text(&[u32::try_from(p).unwrap()])
            .unwrap_or_else(|e| panic!("text of page {p}: {e}"));
        squash(&text)
    }

    fn all_text(&self) -> String {
        (1..=self.pages()).map(|p| self.text(p)).collect()
    }

    /// Every font the pages use, as (base font name, font dictionary).
    fn fonts(&self) -> Vec<(String, &lopdf::Dictionary)> {
        let mut fonts: Vec<(String, &lopdf::Dictionary)> = Vec::new();
        for page in self.0.get_pages().into_values() {
            for font in self.0.get_page_fonts(page).unwrap().into_values() {
                let name = font
                    .get(b"BaseFont")
                    .and_then(lopdf::Object::as_name)
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                if !fonts.iter().any(|(n, _)| *n == name) {
                    fonts.push((name, font));
                }
            }
        }
        fonts
    }

    /// The embedded font program of a composite (Type0) font, decompressed.
    fn font_program(&self, font: &lopdf::Dictionary) -> Option<Vec<u8>> {
        let cid_font = self
            .0
            .dereference(font.get(b"DescendantFonts").ok()?)
            .ok()?
            .1
            .as_array()
            .ok()?
            .first()?;
        let cid_font = self.0.dereference(cid_font).ok()?.1.as_dict().ok()?;
        let descriptor = cid_font.get_deref(b"FontDescriptor", &self.0).ok()?;
        let descriptor = descriptor.as_dict().ok()?;
        let file = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .find_map(|k| descriptor.get_deref(k, &self.0).ok())?;
        let stream = file.as_stream().ok()?;
        Some(
            stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone()),
        )
    }
}

/// What page `p` of `pages` must show (R-CLS-6): the marking first, the marking and 第 p 页 共 n 页
/// last (they are drawn at the bottom after everything else), and no character the font lacks.
/// One line per problem found.
fn page_problems(text: &str, mark: &str, p: usize, pages: usize) -> Vec<String> {
    let mut problems = Vec::new();
    if !text.starts_with(mark) {
        problems.push(format!("page {p} lacks the marking {mark} at the top"));
    }
    let label = squash(&report::document::page_label(p, pages));
    match text.strip_suffix(&label) {
        Some(rest) if rest.ends_with(mark) => {}
        Some(_) => problems.push(format!("page {p} lacks the marking {mark} at the bottom")),
        None => problems.push(format!("page {p} does not end with {label}")),
    }
    if text.contains('\u{FFFD}') {
        problems.push(format!("page {p} has a character the font lacks"));
    }
    problems
}

/// Everything `doc` shows, each piece as it must read back from the PDF.
fn shown(doc: &Document) -> Vec<String> {
    let mut pieces = vec![doc.marking_text(), doc.title.clone(), doc.subtitle()];
    pieces.extend(doc.columns.iter().cloned());
    for r in &doc.rows {
        match r {
            DocRow::Group(g) => pieces.push(format!("【{g}】")),
            DocRow::Cells { cells, .. } => pieces.extend(cells.iter().cloned()),
        }
    }
    pieces.extend(doc.notes.iter().cloned());
    pieces.extend(doc.signatures.iter().map(|s| format!("{s}（签字）")));
    pieces.extend(doc.head_line());
    pieces
}

/// Checks the PDF against the document it was drawn from: every page marked and numbered, and
/// every piece of text the document shows reads back as it is (a glyph missing from the font,
/// or a cell left out, is a problem). One line per problem found.
fn problems(doc: &Document, pdf: &Pdf) -> Vec<String> {
    let n = pdf.pages();
    let mark = doc.marking_text();
    let mut problems: Vec<String> = (1..=n)
        .flat_map(|p| page_problems(&pdf.text(p), &mark, p, n))
        .collect();
    let text = pdf.all_text();
    for piece in shown(doc) {
        let piece = squash(&piece);
        if !text.contains(&piece) {
            problems.push(format!("{piece} does not read back"));
        }
    }
    problems
}

fn render_pdf(doc: &Document) -> Pdf {
    Pdf::read(&print::render(doc, Format::Pdf, FONT).unwrap())
}

// R-CLS-6: the due list as PDF carries the marking and page count; the Chinese text reads back.
#[test]
fn r_cls_6_due_list_pdf() {
    let (_d, s) = demo();
    let settings = store::settings::load(s.conn()).unwrap();
    let items = store::due::items(s.conn(), today(), &settings, 30).unwrap();
    let mut doc = report::due::document(&items, &settings.unit_name, today(), 30, &[2027]);
    doc.printed_by = "李强".into();
    let bytes = print::render(&doc, Format::Pdf, FONT).unwrap();
    let pdf = Pdf::read(&bytes);
    let found = problems(&doc, &pdf);
    assert!(found.is_empty(), "{found:#?}\n{}", pdf.all_text());
    let text = pdf.all_text();
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
    assert_eq!(doc.marking_text(), "绝密");
    assert!(text.matches("绝密").count() >= 2, "{text}");
    // The font is embedded as a subset with a Unicode map: the name carries a subset tag
    // (six capitals and a plus), the font program is in the file and far smaller than the font.
    let fonts = pdf.fonts();
    assert_eq!(fonts.len(), 1, "one font: {fonts:?}");
    let (name, font) = &fonts[0];
    let (tag, rest) = name.split_at(7.min(name.len()));
    assert!(
        tag.len() == 7 && tag.ends_with('+') && tag[..6].chars().all(|c| c.is_ascii_uppercase()),
        "subset tag in {name}"
    );
    assert!(rest.starts_with("BaomiTestSansSC"), "{name}");
    let program = pdf
        .font_program(font)
        .expect("the font program is embedded");
    let whole = std::fs::metadata(FONT).unwrap().len() as usize;
    assert!(
        !program.is_empty() && program.len() < whole / 4,
        "a subset: {} of {whole} bytes",
        program.len()
    );
    assert!(
        font.get(b"ToUnicode").is_ok(),
        "with a Unicode map: {font:?}"
    );
    assert!(
        bytes.len() < 200_000,
        "subset keeps it small: {} bytes",
        bytes.len()
    );
}

// R-CLS-6: a register over several pages: every page marked at top and bottom and numbered.
#[test]
fn r_cls_6_every_page_of_a_register() {
    let (_d, s) = demo();
    let reg = registers::load(s.conn(), RegisterKind::Receipts, None, None).unwrap();
    let doc = report::registers::document(&reg, "江门市某某局", today());
    let pdf = render_pdf(&doc);
    let n = pdf.pages();
    assert!(n > 2, "{n} pages");
    assert_eq!(doc.marking_text(), "绝密");
    let found = problems(&doc, &pdf);
    assert!(found.is_empty(), "{found:#?}");
    for p in 1..=n {
        let text = pdf.text(p);
        assert!(text.starts_with("绝密"), "page {p}:\n{text}");
        assert!(
            text.contains(&format!("第{p}页共{n}页")),
            "page {p}:\n{text}"
        );
    }
}

// The checks above can fail: a page without the marking, a wrong page count, a character the
// font lacks and a piece of text that is not on the pages are each reported.
#[test]
fn the_pdf_checks_notice_what_is_wrong() {
    let (_d, s) = demo();
    let reg = registers::load(s.conn(), RegisterKind::Receipts, None, None).unwrap();
    let doc = report::registers::document(&reg, "江门市某某局", today());
    let pdf = render_pdf(&doc);
    let n = pdf.pages();
    let page = pdf.text(2);
    assert!(page_problems(&page, "绝密", 2, n).is_empty());
    // Another marking than the one printed, or the marking gone from the top or the bottom.
    assert_eq!(page_problems(&page, "机密", 2, n).len(), 2);
    let top_gone = page.replacen("绝密", "", 1);
    assert_eq!(page_problems(&top_gone, "绝密", 2, n).len(), 1);
    let label = format!("绝密第2页共{n}页");
    let bottom_gone = page.replace(&label, &label["绝密".len()..]);
    assert_eq!(page_problems(&bottom_gone, "绝密", 2, n).len(), 1);
    // The page number of another page, or another page count.
    assert_eq!(page_problems(&page, "绝密", 3, n).len(), 1);
    assert_eq!(page_problems(&page, "绝密", 2, n + 1).len(), 1);
    // A cell the PDF does not show.
    let mut more = doc.clone();
    let cell = more
        .rows
        .iter_mut()
        .find_map(|r| match r {
            DocRow::Cells { cells, .. } => cells.get_mut(1),
            DocRow::Group(_) => None,
        })
        .unwrap();
    *cell = "不在纸上的文字".into();
    let found = problems(&more, &pdf);
    assert_eq!(found, ["不在纸上的文字 does not read back"]);
    // A character the test font lacks (鑫 is outside GB2312 level 1 and the program's text).
    let mut rare = Document::new("鑫源公司来函登记", "江门市某某局", today());
    rare.columns = vec!["文件名称".into()];
    rare.rows = vec![DocRow::Cells {
        level: None,
        cells: vec!["关于鑫源公司的函".into()],
    }];
    let found = problems(&rare, &render_pdf(&rare));
    assert!(
        found.iter().any(|p| p.contains("the font lacks"))
            && found.iter().any(|p| p.contains("鑫源公司来函登记")),
        "{found:#?}"
    );
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
