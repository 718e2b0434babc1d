//! Label sheets: the grid maths, every label inside its cell whatever it holds, bars that read
//! back to the number, and the PDF read back with lopdf.

use super::*;
use crate::domain::level::{Level, Period};

/// The tests' own Chinese font (tests/fixtures/README.md).
const FONT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/BaomiTestSansSC.otf"
);

fn label(number: &str) -> Label {
    Label {
        number: number.into(),
        kind: "U盘".into(),
        mark: Mark::new(Level::Secret, None),
        keeper: "张三".into(),
        unit: "江门市某某局".into(),
    }
}

const LAYOUTS: [LabelLayout; 2] = [LabelLayout::A4Sheet, LabelLayout::Single];

/// Labels that push at every edge: long marks, kinds, keepers, units and numbers, control and
/// direction characters, hanzi in the number, nothing at all.
fn hostile() -> Vec<Label> {
    let long_mark = Mark::new(
        Level::TopSecret,
        Some(Period::Until(crate::domain::dates::ymd(2036, 12, 31))),
    );
    let mut v = vec![
        label("U-017"),
        label("PC-001"),
        label("2026-U-0017"),
        label("机-U-017"),
        label(""),
        label(&"9".repeat(200)),
        label(&"W".repeat(200)),
        label("U-\u{1b}[2J017"),
        Label {
            keeper: "张".repeat(500),
            ..label("U-018")
        },
        Label {
            keeper: "李四\u{202e}fdp.exe\n\t\u{7}".into(),
            unit: "W".repeat(300),
            kind: "涉密便携式计算机（笔记本）及其外接设备".repeat(3),
            ..label("NB-003")
        },
        Label {
            mark: long_mark,
            kind: "涉密计算机".into(),
            ..label("JM-PC-2026-0001")
        },
        Label {
            mark: long_mark,
            kind: String::new(),
            keeper: String::new(),
            unit: String::new(),
            ..label("@@@@@@@@")
        },
    ];
    v.push(Label {
        mark: Mark::new(Level::Confidential, Some(Period::Years(10))),
        ..label("MMMMMMMMMMMMMMMM")
    });
    v
}

fn page(sheet: &Sheet) -> Area {
    Area {
        x: 0.0,
        y: 0.0,
        w: sheet.page_w,
        h: sheet.page_h,
    }
}

fn overlap(a: &Area, b: &Area) -> bool {
    const EPS: f32 = 0.01;
    a.x + EPS < b.x + b.w && b.x + EPS < a.x + a.w && a.y + EPS < b.y + b.h && b.y + EPS < a.y + a.h
}

// R-MED-1: the A4 sheet is the common 3 × 8 grid of 70 × 37 mm, every cell on the page and none
// over another; the label-printer page is one 60 × 40 mm label.
#[test]
fn r_med_1_the_grids_fit_their_pages() {
    let a4 = Sheet::of(LabelLayout::A4Sheet);
    assert_eq!((a4.cols, a4.rows, a4.per_page()), (3, 8, 24));
    assert!((a4.cell_w / MM - 70.0).abs() < 0.01 && (a4.cell_h / MM - 37.0).abs() < 0.01);
    assert!((a4.page_w / MM - 210.0).abs() < 0.01 && (a4.page_h / MM - 297.0).abs() < 0.01);
    let cells: Vec<Area> = (0..a4.per_page()).map(|i| a4.cell(i)).collect();
    for (i, c) in cells.iter().enumerate() {
        assert!(page(&a4).contains(c), "cell {i} {c:?}");
        for (j, d) in cells.iter().enumerate().skip(i + 1) {
            assert!(!overlap(c, d), "cells {i} and {j}");
        }
    }
    // Row by row: the fourth label starts the second row.
    assert_eq!(a4.cell(3).x, a4.cell(0).x);
    assert!(a4.cell(3).y > a4.cell(0).y);
    let single = Sheet::of(LabelLayout::Single);
    assert_eq!(single.per_page(), 1);
    assert_eq!(single.cell(0), page(&single));
    assert!((single.page_w / MM - 60.0).abs() < 0.01 && (single.page_h / MM - 40.0).abs() < 0.01);
}

#[test]
fn page_counts() {
    let a4 = Sheet::of(LabelLayout::A4Sheet);
    let single = Sheet::of(LabelLayout::Single);
    for (n, sheets, labels) in [
        (1, 1, 1),
        (24, 1, 24),
        (25, 2, 25),
        (48, 2, 48),
        (49, 3, 49),
    ] {
        assert_eq!(a4.pages(n), sheets, "{n} on A4");
        assert_eq!(single.pages(n), labels, "{n} single");
    }
}

// Whatever a label holds, everything it prints stays inside its cell's clear margin, no text
// runs over another or over the barcode and its quiet zones, and the mark is never cut.
#[test]
fn every_label_stays_inside_its_cell() {
    for layout in LAYOUTS {
        let sheet = Sheet::of(layout);
        for (i, l) in hostile().iter().enumerate() {
            let cell = sheet.cell(i % sheet.per_page());
            let inner = cell.inset(sheet.pad_x, sheet.pad_y);
            let laid = lay_out(l, cell, &sheet);
            let mut boxes: Vec<(String, Area)> = laid
                .texts
                .iter()
                .map(|t| (t.text.clone(), t.area()))
                .collect();
            if let Some(s) = laid.symbol {
                boxes.push(("barcode".into(), s));
            }
            for (what, b) in &boxes {
                assert!(
                    inner.contains(b),
                    "{layout:?} label {i}: {what} {b:?} outside {inner:?}"
                );
            }
            for (a, (wa, ba)) in boxes.iter().enumerate() {
                for (wb, bb) in boxes.iter().skip(a + 1) {
                    assert!(!overlap(ba, bb), "{layout:?} label {i}: {wa} over {wb}");
                }
            }
            for b in &laid.bars {
                assert!(laid.symbol.is_some_and(|s| s.contains(b)), "bar {b:?}");
            }
            assert_eq!(laid.texts[0].text, l.mark.to_string(), "the mark whole");
            assert!(laid.texts[0].red);
        }
    }
}

/// The bars of a laid-out label back to module widths: bar, space, bar … from the placed boxes.
fn widths_of(laid: &Laid) -> Vec<u8> {
    let module = laid.bars.iter().map(|b| b.w).fold(f32::INFINITY, f32::min);
    let mut out = Vec::new();
    for (i, b) in laid.bars.iter().enumerate() {
        if i > 0 {
            let prev = &laid.bars[i - 1];
            out.push(((b.x - prev.x - prev.w) / module).round() as u8);
        }
        out.push((b.w / module).round() as u8);
    }
    out
}

// The barcode as placed reads back to the number, its narrowest bar is at least 0.25 mm and a
// whole number of 300 dpi dots, with ten modules clear either side.
#[test]
fn placed_bars_read_back_to_the_number() {
    for layout in LAYOUTS {
        let sheet = Sheet::of(layout);
        for no in [
            "U-017",
            "PC-001",
            "2026-U-0017",
            "JM-PC-2026-0001",
            "@@@@@@@@",
        ] {
            let laid = lay_out(&label(no), sheet.cell(0), &sheet);
            assert_eq!(laid.no_barcode, None, "{no}");
            let module = laid.bars.iter().map(|b| b.w).fold(f32::INFINITY, f32::min);
            assert!(module >= 0.25 * MM, "{layout:?} {no}: module {module}");
            let dots = module / DOT;
            assert!((dots - dots.round()).abs() < 1e-3, "{dots} dots");
            let symbol = laid.symbol.unwrap();
            // Tall enough to scan at a slant: at least 8 mm.
            assert!(
                symbol.h >= 8.0 * MM,
                "{layout:?}: bars {} mm",
                symbol.h / MM
            );
            let first = laid.bars.first().unwrap();
            let last = laid.bars.last().unwrap();
            assert!(first.x - symbol.x >= 10.0 * module - 0.01);
            assert!(symbol.x + symbol.w - (last.x + last.w) >= 10.0 * module - 0.01);
            assert_eq!(code128::decode(&widths_of(&laid)).as_deref(), Ok(no));
        }
    }
}

// Code 128 carries ASCII only: a number with a hanzi, a control character or too many characters
// prints as text with a note saying why, never as a wrong barcode.
#[test]
fn numbers_a_barcode_cannot_carry_get_a_note_instead() {
    let sheet = Sheet::of(LabelLayout::A4Sheet);
    for (no, why) in [
        ("机-U-017", NoBarcode::Characters),
        ("Ｕ-017", NoBarcode::Characters),
        ("U-\u{1b}[2J017", NoBarcode::Control),
        ("", NoBarcode::Empty),
    ] {
        let laid = lay_out(&label(no), sheet.cell(0), &sheet);
        assert_eq!(laid.no_barcode, Some(why), "{no:?}");
        assert!(laid.bars.is_empty() && laid.symbol.is_none());
        let shown: String = laid.texts.iter().map(|t| t.text.as_str()).collect();
        assert!(shown.contains(&clean(no)), "{no:?} in {shown}");
        assert!(shown.contains(&why.note()[..12]), "{why:?} note in {shown}");
    }
    let long = "9".repeat(200);
    let laid = lay_out(&label(&long), sheet.cell(0), &sheet);
    assert_eq!(laid.no_barcode, Some(NoBarcode::TooLong));
    // A long number that still fits at the narrowest module goes to set C and is printed.
    let laid = lay_out(&label(&"9".repeat(30)), sheet.cell(0), &sheet);
    assert_eq!(laid.no_barcode, None);
}

// Hostile text: a 500-character keeper is cut with an ellipsis, control and direction
// characters never reach the PDF.
#[test]
fn hostile_text_is_cut_and_cleaned() {
    let sheet = Sheet::of(LabelLayout::A4Sheet);
    let laid = lay_out(&hostile()[8], sheet.cell(0), &sheet);
    let keeper = laid
        .texts
        .iter()
        .find(|t| t.text.starts_with("责任人："))
        .unwrap();
    assert!(keeper.text.ends_with('…'), "{}", keeper.text);
    assert!(keeper.text.chars().count() < 40);
    for layout in LAYOUTS {
        let sheet = Sheet::of(layout);
        for l in hostile() {
            let texts = lay_out(&l, sheet.cell(0), &sheet).texts;
            for t in &texts {
                assert!(!t.text.chars().any(is_unsafe), "{:?}", t.text);
            }
            // Whatever else is cut, the keeper (R-MED-1: the user) and the kind still show.
            let shown: String = texts.iter().map(|t| t.text.as_str()).collect();
            let keeper: String = clean(&l.keeper).chars().take(2).collect();
            let kind: String = clean(&l.kind).chars().take(2).collect();
            assert!(
                shown.contains(&format!("责任人：{keeper}")),
                "{layout:?}: {shown}"
            );
            assert!(shown.contains(&kind), "{layout:?}: {shown}");
        }
    }
}

#[test]
fn notes_wrap_without_a_line_starting_with_a_closing_mark() {
    let lines = wrap(
        "编号含汉字或全角字符，条码无法表示",
        width("编号含汉字或全角字符", 7.0),
        7.0,
    );
    assert_eq!(lines, ["编号含汉字或全角字", "符，条码无法表示"]);
    for room in [20.0, 50.0, 80.0, 120.0] {
        let note = NoBarcode::Characters.note();
        let lines = wrap(note, room, 7.0);
        assert_eq!(lines.concat(), note);
        for l in &lines {
            assert!(width(l, 7.0) <= room + 0.01, "{l}");
            assert!(!l.starts_with(['，', '：']), "{l}");
        }
    }
}

#[test]
fn an_empty_list_is_refused_without_a_pdf() {
    for layout in LAYOUTS {
        let e = render(&[], layout, Path::new(FONT)).unwrap_err();
        assert!(e.contains("没有要打印的标签"), "{e}");
    }
    let many = vec![label("U-1"); MAX_LABELS + 1];
    let e = render(&many, LabelLayout::A4Sheet, Path::new(FONT)).unwrap_err();
    assert!(e.contains("分批"), "{e}");
}

/// The text of each page of a PDF, white space removed.
fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    assert!(bytes.starts_with(b"%PDF"));
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let n = doc.get_pages().len();
    (1..=n)
        .map(|p| {
            doc.extract_text(&[u32::try_from(p).unwrap()])
                .unwrap()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect()
}

// R-MED-1, R-CMP-2: 25 labels take 2 A4 sheets or 25 label-printer pages; each page holds its
// labels' marks, numbers, kinds, keepers and unit, with no character the font lacks.
#[test]
fn r_med_1_r_cmp_2_sheets_carry_level_user_and_number() {
    let labels: Vec<Label> = (1..=25)
        .map(|i| Label {
            keeper: if i % 2 == 0 { "张三" } else { "李四" }.into(),
            kind: if i % 2 == 0 {
                "U盘"
            } else {
                "涉密计算机"
            }
            .into(),
            mark: Mark::new(
                if i % 3 == 0 {
                    Level::TopSecret
                } else {
                    Level::Secret
                },
                None,
            ),
            ..label(&format!("U-{i:03}"))
        })
        .collect();
    for (layout, want) in [(LabelLayout::A4Sheet, 2), (LabelLayout::Single, 25)] {
        let (bytes, pages) = render(&labels, layout, Path::new(FONT)).unwrap();
        assert_eq!(pages, want);
        let text = pdf_pages(&bytes);
        assert_eq!(text.len(), want, "{layout:?}");
        let per = Sheet::of(layout).per_page();
        for (i, l) in labels.iter().enumerate() {
            let page = &text[i / per];
            let keeper = format!("责任人：{}", l.keeper);
            for want in [&l.number, &l.kind, &keeper, &l.unit, &l.mark.to_string()] {
                assert!(
                    page.contains(want.as_str()),
                    "{layout:?} page {}: {want}",
                    i / per + 1
                );
            }
        }
        assert!(text.iter().all(|p| !p.contains('\u{FFFD}')));
    }
}

// The hostile labels render; the hanzi number is printed as text with its note.
#[test]
fn hostile_labels_render() {
    for layout in LAYOUTS {
        let (bytes, pages) = render(&hostile(), layout, Path::new(FONT)).unwrap();
        let text = pdf_pages(&bytes).concat();
        assert_eq!(pages, Sheet::of(layout).pages(hostile().len()));
        assert!(text.contains("机-U-017"));
        assert!(text.contains("条码无法表示"));
        assert!(!text.contains('\u{1b}'));
        assert!(!text.contains('\u{FFFD}'), "a character the font lacks");
    }
}
